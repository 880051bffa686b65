#include "model/category.h"

#include <string.h>

static const char *const it_keys[CAT_IT__MAX] = {
	[CAT_IT_NONE] = "none",
	[CAT_IT_DAILY] = "daily",
	[CAT_IT_STRATEGIC] = "strategic",
};

static const char *const sec_keys[CAT_SEC__MAX] = {
	[CAT_SEC_UNAWARE] = "unaware",
	[CAT_SEC_LAGGING] = "lagging",
	[CAT_SEC_BALANCED] = "balanced",
	[CAT_SEC_STRICT] = "strict",
};

/* Our mapping of the two answers to the seeds' categories: the rows
 * are the IT answers daily and strategic (none is always 6). */
static const enum cat cat_map[2][CAT_SEC__MAX] = {
	/* daily */
	{ CAT_DANGER_UNAWARE, CAT_DANGER_PUSH, CAT_MORE_ACTIVE, CAT_WASTED },
	/* strategic */
	{ CAT_DANGER_UNAWARE, CAT_DANGER_PUSH, CAT_IDEAL, CAT_WASTED },
};

int
cat_of(int it, int sec)
{
	if (it == CAT_IT_NONE)
		return CAT_NO_IT;
	if (it < 0 || it >= CAT_IT__MAX || sec < 0 || sec >= CAT_SEC__MAX)
		return -1;
	return (int)cat_map[it - CAT_IT_DAILY][sec];
}

const char *
cat_it_key(enum cat_it v)
{
	return v < CAT_IT__MAX ? it_keys[v] : "";
}

const char *
cat_sec_key(enum cat_sec v)
{
	return v < CAT_SEC__MAX ? sec_keys[v] : "";
}

static int
from(const char *const *keys, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, keys[i]) == 0)
			return i;
	return -1;
}

int
cat_it_from_key(const char *s)
{
	return from(it_keys, CAT_IT__MAX, s);
}

int
cat_sec_from_key(const char *s)
{
	return from(sec_keys, CAT_SEC__MAX, s);
}
