#include "model/grants.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The marks of each legend, key by key in its order; then no access. */
static const char *const marks_rw[] = { "◎", "○" };
static const char *const marks_svc[] = { "○", "△", "×" };
#define MARK_NONE	"－"

const char *
grants_mark(enum register_keyset ks, int k)
{
	if (ks == KS_GRANT_RW && k >= 0 && k < 2)
		return marks_rw[k];
	if (ks == KS_GRANT_SVC && k >= 0 && k < 3)
		return marks_svc[k];
	return MARK_NONE;
}

bool
grants_access(enum register_keyset ks, int k)
{
	if (ks == KS_GRANT_SVC)
		return k == 0 || k == 1;
	return k >= 0;
}

/* s without ASCII white space and U+3000 at both ends. */
static struct str
trim(struct str s)
{
	for (;;) {
		s = str_trim(s);
		if (s.n >= 3 && memcmp(s.p, "\xe3\x80\x80", 3) == 0) {
			s.p += 3;
			s.n -= 3;
		} else if (s.n >= 3 &&
		    memcmp(s.p + s.n - 3, "\xe3\x80\x80", 3) == 0)
			s.n -= 3;
		else
			return s;
	}
}

/* The next item of a list (after ",", ";", "、", "，", "；" or a line
 * break), trimmed, into *item; false at the end. */
static bool
next_item(struct str *rest, struct str *item)
{
	static const char *const seps[] = { ",", ";", "\n", "\r", "、", "，",
	    "；" };
	size_t i, k, len = 0;

	while (rest->n > 0) {
		for (i = 0; i < rest->n; i++)
			for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
				len = strlen(seps[k]);
				if (i + len <= rest->n &&
				    memcmp(rest->p + i, seps[k], len) == 0)
					goto found;
			}
		*item = trim(*rest);
		rest->n = 0;
		return item->n > 0;
	found:
		*item = trim((struct str){ rest->p, i });
		rest->p += i + len;
		rest->n -= i + len;
		if (item->n > 0)
			return true;
	}
	return false;
}

/* Where the last "=" or "＝" of s is (*len its length), or -1. */
static long
last_eq(struct str s, size_t *len)
{
	size_t i;

	for (i = s.n; i-- > 0;) {
		if (s.p[i] == '=') {
			*len = 1;
			return (long)i;
		}
		if (i + 3 <= s.n && memcmp(s.p + i, "\xef\xbc\x9d", 3) == 0) {
			*len = 3;
			return (long)i;
		}
	}
	return -1;
}

static bool
all_digits(struct str s)
{
	size_t i;

	if (s.n == 0)
		return false;
	for (i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return true;
}

/* Whether v means no access. */
static bool
is_none(enum register_keyset ks, struct str v)
{
	static const char *const none[] = { "none", "なし", "-", MARK_NONE,
	    "ー" };
	size_t i;

	if (v.n == 0)
		return true;
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (v.n == strlen(none[i]) && strncasecmp(v.p, none[i],
		    v.n) == 0)
			return true;
	/* the seed's users list writes × for no access */
	return ks == KS_GRANT_RW && (str_eq_c(v, "×") || str_eq_c(v, "x") ||
	    str_eq_c(v, "X"));
}

/* The legend index value v names (a key, a label, a mark), or -1. */
static int
legend_of(const struct register_keys *k, enum register_keyset ks,
    struct str v)
{
	size_t i;
	int l;

	for (i = 0; i < k->n; i++)
		if (v.n == strlen(k->key[i]) &&
		    strncasecmp(v.p, k->key[i], v.n) == 0)
			return (int)i;
	for (i = 0; i < k->n; i++)
		for (l = 0; l < REGISTER_LANGS; l++)
			if (k->label[l] != NULL && k->label[l][i] != NULL &&
			    str_eq_c(v, k->label[l][i]))
				return (int)i;
	for (i = 0; i < k->n; i++)
		if (str_eq_c(v, grants_mark(ks, (int)i)))
			return (int)i;
	return -1;
}

enum rf_err
grants_parse(const struct register_keys *legend, enum register_keyset ks,
    struct str s, struct arena *ar, struct grant **v, size_t *n, long *a)
{
	struct str rest = s, item;
	size_t cap = 0, i;

	*v = NULL;
	*n = 0;
	*a = 0;
	while (next_item(&rest, &item)) {
		struct str who, val;
		size_t eqlen = 0;
		long at = last_eq(item, &eqlen), id = 0;
		int k;

		if (at < 0)
			return RFE_FORMAT;
		who = trim((struct str){ item.p, (size_t)at });
		val = trim((struct str){ item.p + at + eqlen,
		    item.n - (size_t)at - eqlen });
		if (who.n == 0)
			return RFE_FORMAT;
		if (all_digits(who) &&
		    str_to_long(who, 1, LONG_MAX, &id) != 0)
			return RFE_NOT_INT;
		if (is_none(ks, val))
			k = -1;
		else if ((k = legend_of(legend, ks, val)) < 0) {
			*a = (long)ks;
			return RFE_GRANT_KEY;
		}
		/* a person named twice: the later value */
		for (i = 0; i < *n; i++)
			if (id > 0 ? (*v)[i].id == id : ((*v)[i].id == 0 &&
			    str_eq_c(who, (*v)[i].ref)))
				break;
		if (i == *n) {
			if (*n == GRANTS_MAX) {
				*a = GRANTS_MAX;
				return RFE_TOO_LONG;
			}
			*v = arena_grow(ar, *v, *n, &cap, sizeof(**v));
			(*v)[i].id = id;
			(*v)[i].ref = id > 0 ? "" : arena_strndup(ar, who.p,
			    who.n);
			(*n)++;
		}
		(*v)[i].key = k;
	}
	/* no access is no entry */
	for (i = 0; i < *n;)
		if ((*v)[i].key < 0) {
			memmove(&(*v)[i], &(*v)[i + 1], (*n - i - 1) *
			    sizeof(**v));
			(*n)--;
		} else
			i++;
	return RFE_OK;
}

static int
cmp_grant(const void *x, const void *y)
{
	int64_t a = ((const struct grant *)x)->id;
	int64_t b = ((const struct grant *)y)->id;

	return (a > b) - (a < b);
}

const char *
grants_canon(const struct register_keys *legend, struct grant *v, size_t n,
    struct arena *ar)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_grant);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld=%s", i ? "," : "", (long long)v[i].id,
		    legend->key[v[i].key]);
	out = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

size_t
grants_of(const struct register_keys *legend, const struct register_val *val,
    struct arena *ar, struct grant **v)
{
	const char *p;
	size_t n = 0, cap = 0, i;

	*v = NULL;
	if (!val->set || val->i <= 0 || val->s == NULL)
		return 0;
	for (p = val->s; *p != '\0';) {
		const char *eq, *end;
		char *num_end;
		long long id = strtoll(p, &num_end, 10);

		eq = num_end;
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		if (*eq == '=' && id > 0)
			for (i = 0; i < legend->n; i++)
				if ((size_t)(end - eq - 1) ==
				    strlen(legend->key[i]) &&
				    strncmp(eq + 1, legend->key[i],
				    (size_t)(end - eq - 1)) == 0) {
					*v = arena_grow(ar, *v, n, &cap,
					    sizeof(**v));
					(*v)[n].id = id;
					(*v)[n].ref = "";
					(*v)[n].key = (int)i;
					n++;
					break;
				}
		p = *end == ',' ? end + 1 : end;
	}
	return n;
}

int
grants_get(const struct register_keys *legend, const struct register_val *val,
    int64_t id)
{
	const char *p;
	size_t i;

	if (!val->set || val->i <= 0 || val->s == NULL)
		return -1;
	for (p = val->s; *p != '\0';) {
		char *eq;
		long long x = strtoll(p, &eq, 10);
		const char *end = strchr(p, ',');

		if (end == NULL)
			end = p + strlen(p);
		if (x == id && *eq == '=')
			for (i = 0; i < legend->n; i++)
				if ((size_t)(end - eq - 1) ==
				    strlen(legend->key[i]) &&
				    strncmp(eq + 1, legend->key[i],
				    (size_t)(end - eq - 1)) == 0)
					return (int)i;
		p = *end == ',' ? end + 1 : end;
	}
	return -1;
}
