#include "model/sme.h"

#include <string.h>

static const char *const group_keys[SME_GROUP__MAX] = {
	[SME_MANUFACTURING] = "manufacturing",
	[SME_WHOLESALE] = "wholesale",
	[SME_SERVICES] = "services",
	[SME_RETAIL] = "retail",
};

static const char *const verdict_keys[SME_V__MAX] = {
	[SME_V_SMALL] = "small",
	[SME_V_SME] = "sme",
	[SME_V_SME_NOT_SURE_SMALL] = "sme_maybe_small",
	[SME_V_NOT] = "not",
	[SME_V_UNKNOWN] = "unknown",
};

static const char *const need_keys[SME_NEED__MAX] = {
	[SME_NEED_NONE] = "",
	[SME_NEED_GROUP] = "group",
	[SME_NEED_STAFF] = "staff",
	[SME_NEED_CAPITAL_OR_STAFF] = "capital_or_staff",
};

const char *
sme_group_key(enum sme_group g)
{
	return g < SME_GROUP__MAX ? group_keys[g] : "";
}

int
sme_group_from_key(const char *s)
{
	int g;

	for (g = 0; s != NULL && g < SME_GROUP__MAX; g++)
		if (strcmp(s, group_keys[g]) == 0)
			return g;
	return -1;
}

const char *
sme_verdict_key(enum sme_verdict v)
{
	return v < SME_V__MAX ? verdict_keys[v] : "";
}

const char *
sme_need_key(enum sme_need n)
{
	return n < SME_NEED__MAX ? need_keys[n] : "";
}

/* Is the figure in r at most max: 1 yes, 0 no, -1 cannot tell. */
static int
within(struct sme_range r, int64_t max)
{
	if (r.lo < 0)
		return -1;
	if (r.lo > max)
		return 0;
	if (r.hi >= 0 && r.hi <= max)
		return 1;
	return -1;
}

/* The check for one group. */
static void
one(const struct sme_limits *l, struct sme_range capital, bool capital_na,
    struct sme_range staff, struct sme_result *out)
{
	int cap = capital_na ? 0 : within(capital, l->capital);
	int st = within(staff, l->staff);
	int small = within(staff, l->small_staff);

	memset(out, 0, sizeof(*out));
	out->by_capital = cap == 1;
	out->by_staff = st == 1;
	if (cap == 0 && st == 0)
		out->v = SME_V_NOT;
	else if (cap != 1 && st != 1) {
		out->v = SME_V_UNKNOWN;
		/* without capital only the staff count can decide */
		out->need = capital_na || cap == 0 ? SME_NEED_STAFF :
		    SME_NEED_CAPITAL_OR_STAFF;
	} else if (small == 1)
		out->v = SME_V_SMALL;
	else if (small == 0)
		out->v = SME_V_SME;
	else {
		out->v = SME_V_SME_NOT_SURE_SMALL;
		out->need = SME_NEED_STAFF;
	}
}

void
sme_check(const struct sme_limits lim[SME_GROUP__MAX], unsigned groups,
    struct sme_range capital, bool capital_na, struct sme_range staff,
    struct sme_result *out)
{
	struct sme_result r;
	int g, n = 0;

	memset(out, 0, sizeof(*out));
	out->group = -1;
	out->v = SME_V_UNKNOWN;
	out->need = SME_NEED_GROUP;
	for (g = 0; g < SME_GROUP__MAX; g++) {
		if (!(groups & (1u << g)))
			continue;
		one(&lim[g], capital, capital_na, staff, &r);
		if (n == 0) {
			*out = r;
			out->group = g;
		} else if (r.v != out->v || r.need != out->need) {
			/* the groups disagree: the group decides */
			memset(out, 0, sizeof(*out));
			out->group = -1;
			out->v = SME_V_UNKNOWN;
			out->need = SME_NEED_GROUP;
			return;
		} else {
			out->group = -1;
			out->by_capital = out->by_capital && r.by_capital;
			out->by_staff = out->by_staff && r.by_staff;
		}
		n++;
	}
}
