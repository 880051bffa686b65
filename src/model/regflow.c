#include "model/regflow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/plan.h"

/* Field key of register k, as an index (the declaration has it). */
static int
field(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

size_t
regflow_weak_items(const struct diag_result *res, int out[DIAG_ITEMS])
{
	size_t n = 0;
	int i;

	if (res->n <= 0)
		return 0;
	for (i = 0; i < DIAG_ITEMS; i++) {
		int k = res->weakest[i];

		if (k >= 0 && k < DIAG_ITEMS &&
		    res->item[k].mean_tenths < REGFLOW_WEAK_TENTHS)
			out[n++] = k;
	}
	return n;
}

bool
regflow_source_taken(const struct register_row *rows, size_t n,
    const char *src)
{
	int f = field(REGISTER_PLAN, "source");
	size_t i;

	for (i = 0; f >= 0 && i < n; i++)
		if (rows[i].v[f].set && strcmp(rows[i].v[f].s, src) == 0)
			return true;
	return false;
}

bool
regflow_risk_taken(const struct register_row *rows, size_t n, int64_t asset,
    const char *threat)
{
	int fa = field(REGISTER_RISKS, "asset"), ft = field(REGISTER_RISKS,
	    "threat");
	size_t i;

	if (fa < 0 || ft < 0)
		return false;
	for (i = 0; i < n; i++)
		if (rows[i].v[fa].set && rows[i].v[fa].i == asset &&
		    rows[i].v[ft].set && strcmp(rows[i].v[ft].s, threat) == 0)
			return true;
	return false;
}

void
regflow_heat_count(const struct register_row *rows, size_t n,
    struct regflow_heat *out)
{
	int fl = field(REGISTER_RISKS, "likelihood"), fv = field(REGISTER_RISKS,
	    "value");
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct register_val *l = fl >= 0 ? &rows[i].v[fl] : NULL;
		const struct register_val *v = fv >= 0 ? &rows[i].v[fv] : NULL;
		int64_t imp;

		out->total++;
		if (l == NULL || v == NULL || !l->set || !v->set ||
		    l->i < 1 || l->i > RISK_LEVELS || v->i % l->i != 0 ||
		    (imp = v->i / l->i) < 1 || imp > RISK_LEVELS) {
			out->unplaced++;
			continue;
		}
		out->n[imp - 1][l->i - 1]++;
	}
}

long
regflow_month_of(int64_t t)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return (long)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

long
regflow_month_index(const char *s)
{
	int i;
	long y, m;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	if (m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

int
regflow_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

bool
regflow_plan_open(const struct register_row *row)
{
	int f = field(REGISTER_PLAN, "status");
	const struct register_val *s = f >= 0 ? &row->v[f] : NULL;

	return s == NULL || !s->set || (s->i != PLAN_DONE &&
	    s->i != PLAN_DROPPED);
}

/* By deadline month, then id. */
static int
cmp_deadline(const void *a, const void *b, void *ctx)
{
	const struct register_row *rows = ctx;
	const struct register_row *ra = &rows[*(const size_t *)a];
	const struct register_row *rb = &rows[*(const size_t *)b];
	int f = field(REGISTER_PLAN, "deadline");
	long ma = regflow_month_index(ra->v[f].s),
	    mb = regflow_month_index(rb->v[f].s);

	if (ma != mb)
		return ma < mb ? -1 : 1;
	return ra->id < rb->id ? -1 : ra->id > rb->id;
}

/* The open rows with a deadline, before month before (-1: any), sorted. */
static size_t
with_deadline(const struct register_row *rows, size_t n, long before,
    size_t *ix)
{
	int f = field(REGISTER_PLAN, "deadline");
	size_t i, k = 0;

	for (i = 0; f >= 0 && i < n; i++) {
		long m;

		if (!rows[i].v[f].set ||
		    (m = regflow_month_index(rows[i].v[f].s)) < 0 ||
		    !regflow_plan_open(&rows[i]))
			continue;
		if (before < 0 || m < before)
			ix[k++] = i;
	}
	/* the comparison reads the rows through ctx: no state of ours */
	qsort_r(ix, k, sizeof(*ix), cmp_deadline, (void *)rows);
	return k;
}

size_t
regflow_overdue(const struct register_row *rows, size_t n, int64_t now,
    size_t *ix)
{
	return with_deadline(rows, n, regflow_month_of(now), ix);
}

size_t
regflow_calendar(const struct register_row *rows, size_t n, size_t *ix)
{
	return with_deadline(rows, n, -1, ix);
}
