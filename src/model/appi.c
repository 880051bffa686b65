/*
 * appi: the personal-data report rule and its deadlines (see appi.h).
 */
#include "model/appi.h"

#include <string.h>
#include <time.h>

#define JST	(9 * 3600)

static const char *const reason_keys[APPI_REASONS] = {
	"sensitive", "financial", "malicious", "over_1000",
};

const char *
appi_reason_key(int i)
{
	return i >= 0 && i < APPI_REASONS ? reason_keys[i] : "";
}

unsigned
appi_reasons(const struct appi_rule *rule, const struct appi_case *c)
{
	unsigned r = 0;

	if (!c->personal || c->encrypted)
		return 0;
	if (c->sensitive)
		r |= APPI_SENSITIVE;
	if (c->financial)
		r |= APPI_FINANCIAL;
	if (c->malicious)
		r |= APPI_MALICIOUS;
	if (c->people > rule->over)
		r |= APPI_OVER;
	return r;
}

struct appi_day
appi_day_of(int64_t t)
{
	time_t j = (time_t)(t + JST);
	struct tm tm;
	struct appi_day d;

	gmtime_r(&j, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

/* Noon UTC of day d, as Unix time: far from any day's edge. */
static int64_t
noon(struct appi_day d)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = 12;
	return (int64_t)timegm(&tm);
}

struct appi_day
appi_day_add(struct appi_day d, int n)
{
	time_t t = (time_t)(noon(d) + (int64_t)n * 86400);
	struct tm tm;
	struct appi_day out;

	gmtime_r(&t, &tm);
	out.y = tm.tm_year + 1900;
	out.m = tm.tm_mon + 1;
	out.d = tm.tm_mday;
	return out;
}

long
appi_days_between(struct appi_day a, struct appi_day b)
{
	return (long)((noon(b) - noon(a)) / 86400);
}

void
appi_due(const struct appi_rule *rule, const struct appi_case *c,
    int64_t aware_at, struct appi_due *out)
{
	struct appi_day aware = appi_day_of(aware_at);

	memset(out, 0, sizeof(*out));
	out->reasons = appi_reasons(rule, c);
	if (out->reasons == 0)
		return;
	out->notify_people = true;
	out->prelim_from = appi_day_add(aware, rule->prelim_from);
	out->prelim_to = appi_day_add(aware, rule->prelim_to);
	/* the day of awareness is day 1 */
	out->final = appi_day_add(aware, (out->reasons & APPI_MALICIOUS ?
	    rule->final_days_malicious : rule->final_days) - 1);
}
