/*
 * estimate: the damage lines of a scenario preset at a company's inputs
 * (see estimate.h for the arithmetic and its rounding).  Pure.
 */
#include "model/estimate.h"

#include <stdio.h>
#include <string.h>

static const char *const cat_keys[EST_CAT__MAX] = {
	[EST_CAT_COMPENSATION] = "compensation",
	[EST_CAT_LITIGATION] = "litigation",
	[EST_CAT_INVESTIGATION] = "investigation",
	[EST_CAT_CUSTOMER] = "customer_response",
	[EST_CAT_NOTICE] = "notice",
	[EST_CAT_LEGAL] = "legal_advice",
	[EST_CAT_LOST_PROFIT] = "lost_profit",
};

static const char *const in_keys[EST_IN__MAX] = {
	[EST_IN_SALES] = "sales",
	[EST_IN_STAFF] = "staff",
	[EST_IN_RECORDS] = "records",
	[EST_IN_DAYS] = "days",
};

static const char *const rule_keys[EST_RULE__MAX] = {
	[EST_RULE_FIXED] = "fixed",
	[EST_RULE_RATE] = "rate",
	[EST_RULE_STEPS] = "steps",
};

static const char *const err_keys[EST_E__MAX] = {
	[EST_OK] = "ok",
	[EST_E_EMPTY] = "required",
	[EST_E_NOT_NUMBER] = "not_number",
	[EST_E_NEGATIVE] = "negative",
	[EST_E_TOO_SMALL] = "too_small",
	[EST_E_TOO_LARGE] = "too_large",
};

static const long long in_min[EST_IN__MAX] = {
	[EST_IN_SALES] = 1, [EST_IN_STAFF] = 1, [EST_IN_RECORDS] = 0,
	[EST_IN_DAYS] = 0,
};

static const long long in_max[EST_IN__MAX] = {
	[EST_IN_SALES] = ESTIMATE_SALES_MAX,
	[EST_IN_STAFF] = ESTIMATE_STAFF_MAX,
	[EST_IN_RECORDS] = ESTIMATE_RECORDS_MAX,
	[EST_IN_DAYS] = ESTIMATE_DAYS_MAX,
};

static int
key_index(const char *const *keys, int n, const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(keys[i], s) == 0)
			return i;
	return -1;
}

const char *
estimate_cat_key(enum estimate_cat c)
{
	return (unsigned)c < EST_CAT__MAX ? cat_keys[c] : NULL;
}

int
estimate_cat_from_key(const char *s)
{
	return key_index(cat_keys, EST_CAT__MAX, s);
}

const char *
estimate_in_key(enum estimate_input i)
{
	return (unsigned)i < EST_IN__MAX ? in_keys[i] : NULL;
}

int
estimate_in_from_key(const char *s)
{
	return key_index(in_keys, EST_IN__MAX, s);
}

const char *
estimate_rule_key(enum estimate_rule_kind k)
{
	return (unsigned)k < EST_RULE__MAX ? rule_keys[k] : NULL;
}

int
estimate_rule_from_key(const char *s)
{
	return key_index(rule_keys, EST_RULE__MAX, s);
}

const char *
estimate_err_key(enum estimate_err e)
{
	return (unsigned)e < EST_E__MAX ? err_keys[e] : NULL;
}

long long
estimate_in_min(enum estimate_input i)
{
	return in_min[i];
}

long long
estimate_in_max(enum estimate_input i)
{
	return in_max[i];
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static enum estimate_err
parse_bounded(const char *text, long long min, long long max, long long *out)
{
	const char *p = text, *e;
	unsigned long long v = 0;
	bool neg = false, digits = false, big = false;

	if (p == NULL)
		return EST_E_EMPTY;
	while (is_space(*p))
		p++;
	e = p + strlen(p);
	while (e > p && is_space(e[-1]))
		e--;
	if (p == e)
		return EST_E_EMPTY;
	if (*p == '-') {
		neg = true;
		p++;
	} else if (*p == '+')
		p++;
	for (; p < e; p++) {
		if (*p >= '0' && *p <= '9') {
			digits = true;
			if (v > 1000000000000000000ULL)
				big = true;	/* far past every bound */
			else
				v = v * 10 + (unsigned)(*p - '0');
		} else if (*p == ',' && digits && p + 1 < e && p[1] >= '0' &&
		    p[1] <= '9')
			continue;
		else
			return EST_E_NOT_NUMBER;
	}
	if (!digits)
		return EST_E_NOT_NUMBER;
	if (neg && (v != 0 || big))
		return EST_E_NEGATIVE;
	if (big || v > (unsigned long long)max)
		return EST_E_TOO_LARGE;
	if ((long long)v < min)
		return EST_E_TOO_SMALL;
	*out = (long long)v;
	return EST_OK;
}

enum estimate_err
estimate_parse(enum estimate_input i, const char *text, long long *out)
{
	return parse_bounded(text, in_min[i], in_max[i], out);
}

enum estimate_err
estimate_parse_yen(const char *text, long long *out)
{
	return parse_bounded(text, 0, ESTIMATE_SALES_MAX, out);
}

enum estimate_err
estimate_check(const long long in[EST_IN__MAX], enum estimate_input *bad)
{
	int i;

	for (i = 0; i < EST_IN__MAX; i++) {
		enum estimate_err e = EST_OK;

		if (in[i] < 0)
			e = EST_E_NEGATIVE;
		else if (in[i] < in_min[i])
			e = EST_E_TOO_SMALL;
		else if (in[i] > in_max[i])
			e = EST_E_TOO_LARGE;
		if (e != EST_OK) {
			*bad = (enum estimate_input)i;
			return e;
		}
	}
	return EST_OK;
}

/* num × Π by / den, rounded half up; the caller keeps it in bounds. */
static unsigned __int128
rate_exact(const struct estimate_rule *r, const long long in[EST_IN__MAX])
{
	unsigned __int128 x = (unsigned __int128)r->num;
	unsigned __int128 d = (unsigned __int128)r->den;
	int i;

	for (i = 0; i < EST_IN__MAX; i++)
		if (r->by & (1u << i))
			x *= (unsigned __int128)in[i];
	return (2 * x + d) / (2 * d);
}

bool
estimate_rule_ok(const struct estimate_rule *r)
{
	unsigned __int128 x;
	size_t s;
	int i, nby = 0;

	if ((unsigned)r->cat >= EST_CAT__MAX)
		return false;
	switch (r->kind) {
	case EST_RULE_FIXED:
		return r->yen >= 0 && r->yen <= ESTIMATE_LINE_MAX;
	case EST_RULE_RATE:
		if (r->num < 0 || r->den < 1 || r->num > ESTIMATE_LINE_MAX ||
		    r->by == 0 || r->by >= (1u << EST_IN__MAX))
			return false;
		/* the product at the largest inputs, stopping early once it
		 * is past the bound (so 128 bits never overflow) */
		x = (unsigned __int128)r->num;
		for (i = 0; i < EST_IN__MAX; i++)
			if (r->by & (1u << i)) {
				nby++;
				x *= (unsigned __int128)in_max[i];
				if (x / (unsigned __int128)r->den >
				    (unsigned __int128)ESTIMATE_LINE_MAX)
					return false;
			}
		return nby > 0;
	case EST_RULE_STEPS:
		if ((unsigned)r->step_by >= EST_IN__MAX || r->nsteps < 1 ||
		    r->nsteps > ESTIMATE_STEPS_MAX)
			return false;
		for (s = 0; s < r->nsteps; s++) {
			const struct estimate_step *st = &r->step[s];

			if (st->yen < 0 || st->yen > ESTIMATE_LINE_MAX)
				return false;
			if (s + 1 == r->nsteps)
				return st->upto == 0;
			if (st->upto < 0 || (s > 0 && st->upto <=
			    r->step[s - 1].upto))
				return false;
		}
		return false;
	default:
		return false;
	}
}

long long
estimate_rule_yen(const struct estimate_rule *r,
    const long long in[EST_IN__MAX], size_t *step)
{
	size_t s;

	if (step != NULL)
		*step = 0;
	switch (r->kind) {
	case EST_RULE_FIXED:
		return r->yen;
	case EST_RULE_RATE:
		return (long long)rate_exact(r, in);
	case EST_RULE_STEPS:
		for (s = 0; s + 1 < r->nsteps; s++)
			if (in[r->step_by] <= r->step[s].upto)
				break;
		if (step != NULL)
			*step = s;
		return r->step[s].yen;
	default:
		return 0;
	}
}

void
estimate_run(const struct estimate_preset *p, const long long in[EST_IN__MAX],
    struct estimate_result *out)
{
	unsigned __int128 share;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < p->nrules && i < EST_CAT__MAX; i++) {
		struct estimate_line *l = &out->line[out->n++];

		l->cat = p->rule[i].cat;
		l->rule = &p->rule[i];
		l->yen = estimate_rule_yen(&p->rule[i], in, &l->step);
		out->total += l->yen;
	}
	if (in[EST_IN_SALES] > 0) {
		share = ((unsigned __int128)out->total * 2000000 +
		    (unsigned __int128)in[EST_IN_SALES]) /
		    (2 * (unsigned __int128)in[EST_IN_SALES]);
		out->share_ppm = share > (unsigned __int128)ESTIMATE_LINE_MAX ?
		    ESTIMATE_LINE_MAX : (long long)share;
	}
}

/* whole.frac with frac of digits places, trailing zeros dropped. */
static void
decimal(long long v, long long unit, int digits, char *buf, size_t n)
{
	long long whole = v / unit, frac = v % unit;
	int len;

	if (frac == 0) {
		snprintf(buf, n, "%lld", whole);
		return;
	}
	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	len = snprintf(buf, n, "%lld.%0*lld", whole, digits, frac);
	(void)len;
}

void
estimate_ppm_fraction(long long ppm, char *buf, size_t n)
{
	decimal(ppm, 1000000, 6, buf, n);
}

void
estimate_ppm_percent(long long ppm, char *buf, size_t n)
{
	/* hundredths of a percent = ppm / 100, rounded half up */
	decimal((ppm + 50) / 100, 100, 2, buf, n);
}

void
estimate_group(long long v, char *buf, size_t n)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	char d[32];
	size_t len, i, o = 0;
	int k;

	k = snprintf(d, sizeof(d), "%llu", u);
	len = k > 0 ? (size_t)k : 0;
	if (n == 0)
		return;
	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (i = 0; i < len && o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 1 < n)
			buf[o++] = ',';
		if (o + 1 < n)
			buf[o++] = d[i];
	}
	buf[o] = '\0';
}
