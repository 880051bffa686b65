/* Unit tests for src/model/appi.c: the report rule — every reason alone,
 * encryption, the threshold's edges — and the deadlines across month,
 * year and leap-day ends in Japan time, each against dates written out
 * here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/appi.h"

/* The numbers of the rule in force (content/appi.yaml). */
static const struct appi_rule rule = { 1000, 3, 5, 30, 60 };

static void
reasons_one_by_one(void **state)
{
	struct appi_case c = { true, 10, false, false, false, false };

	(void)state;
	assert_int_equal(appi_reasons(&rule, &c), 0);
	c.sensitive = true;
	assert_int_equal(appi_reasons(&rule, &c), APPI_SENSITIVE);
	c.sensitive = false;
	c.financial = true;
	assert_int_equal(appi_reasons(&rule, &c), APPI_FINANCIAL);
	c.financial = false;
	c.malicious = true;
	assert_int_equal(appi_reasons(&rule, &c), APPI_MALICIOUS);
	c.malicious = false;
	/* the threshold: more than 1,000 */
	c.people = 1000;
	assert_int_equal(appi_reasons(&rule, &c), 0);
	c.people = 1001;
	assert_int_equal(appi_reasons(&rule, &c), APPI_OVER);
	c.people = -1;	/* not known yet */
	assert_int_equal(appi_reasons(&rule, &c), 0);
	/* strong encryption: nothing, whatever else holds */
	c.people = 5000;
	c.sensitive = c.financial = c.malicious = true;
	assert_int_equal(appi_reasons(&rule, &c), APPI_SENSITIVE |
	    APPI_FINANCIAL | APPI_MALICIOUS | APPI_OVER);
	c.encrypted = true;
	assert_int_equal(appi_reasons(&rule, &c), 0);
	/* no personal data: nothing */
	c.encrypted = false;
	c.personal = false;
	assert_int_equal(appi_reasons(&rule, &c), 0);
	assert_string_equal(appi_reason_key(3), "over_1000");
}

static const char *
day(struct appi_day d, char *buf)
{
	snprintf(buf, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf;
}

/* aware: Unix time; the three dates expected, with and without intent */
static void
check(int64_t aware, bool malicious, const char *from, const char *to,
    const char *final)
{
	struct appi_case c = { true, 1200, false, false, malicious, false };
	struct appi_due due;
	char b[16];

	appi_due(&rule, &c, aware, &due);
	assert_true(due.reasons != 0);
	assert_true(due.notify_people);
	assert_string_equal(day(due.prelim_from, b), from);
	assert_string_equal(day(due.prelim_to, b), to);
	assert_string_equal(day(due.final, b), final);
}

static void
deadlines(void **state)
{
	struct appi_case none = { true, 10, false, false, false, false };
	struct appi_due due;

	(void)state;
	/* 2026-12-30 10:00 in Japan (01:00 UTC): across the year's end */
	check(1798592400, false, "2027-01-02", "2027-01-04", "2027-01-28");
	check(1798592400, true, "2027-01-02", "2027-01-04", "2027-02-27");
	/* 2028-02-01 09:00 in Japan: February of a leap year */
	check(1832976000, false, "2028-02-04", "2028-02-06", "2028-03-01");
	/* 2026-04-01 00:30 in Japan is still 31 March in UTC: the day is
	 * Japan's */
	check(1774971000, false, "2026-04-04", "2026-04-06", "2026-04-30");
	/* 2026-03-31 23:30 in Japan: the last day of March */
	check(1774967400, true, "2026-04-03", "2026-04-05", "2026-05-29");
	appi_due(&rule, &none, 1798592400, &due);
	assert_int_equal(due.reasons, 0);
	assert_false(due.notify_people);
	assert_int_equal(appi_days_between(appi_day_of(1798592400),
	    appi_day_of(1832976000)), 398);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reasons_one_by_one),
		cmocka_unit_test(deadlines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
