/* Unit tests for src/model/sme.c: the SME Basic Act's check, at, below
 * and above every limit of every group (capital OR employees; the small
 * business by employees alone), with exact figures and with ranges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/sme.h"

/* The Act's table (SEEDFACTS §8.2), as content/sme.yaml holds it. */
static const struct sme_limits act[SME_GROUP__MAX] = {
	[SME_MANUFACTURING] = { 300000000, 300, 20 },
	[SME_WHOLESALE] = { 100000000, 100, 5 },
	[SME_SERVICES] = { 50000000, 100, 5 },
	[SME_RETAIL] = { 50000000, 50, 5 },
};

static struct sme_range
exact(int64_t v)
{
	struct sme_range r = { v, v };

	return r;
}

static const struct sme_range none = { -1, -1 };

static struct sme_result
check1(int g, struct sme_range cap, struct sme_range staff)
{
	struct sme_result r;

	sme_check(act, 1u << g, cap, false, staff, &r);
	return r;
}

/* Capital alone: at the limit and one yen below are SMEs, one yen above
 * is not, with a staff count above the SME limit. */
static void
test_sme_check_capital_boundaries(void **state)
{
	int g;

	for (g = 0; g < SME_GROUP__MAX; g++) {
		struct sme_range big = exact(act[g].staff + 1);
		struct sme_result r;

		r = check1(g, exact(act[g].capital), big);
		assert_int_equal(r.v, SME_V_SME);
		assert_true(r.by_capital);
		assert_false(r.by_staff);
		assert_int_equal(r.group, g);
		r = check1(g, exact(act[g].capital - 1), big);
		assert_int_equal(r.v, SME_V_SME);
		r = check1(g, exact(act[g].capital + 1), big);
		assert_int_equal(r.v, SME_V_NOT);
		assert_false(r.by_capital);
		/* above the capital limit, the staff count alone decides */
		r = check1(g, exact(act[g].capital + 1), none);
		assert_int_equal(r.v, SME_V_UNKNOWN);
		assert_int_equal(r.need, SME_NEED_STAFF);
	}
}

/* Employees alone: at and below the limit an SME however large the
 * capital; above it not. */
static void
test_sme_check_staff_boundaries(void **state)
{
	int g;

	for (g = 0; g < SME_GROUP__MAX; g++) {
		struct sme_range rich = exact(act[g].capital + 1);
		struct sme_result r;

		r = check1(g, rich, exact(act[g].staff));
		assert_int_equal(r.v, SME_V_SME);
		assert_true(r.by_staff);
		assert_false(r.by_capital);
		r = check1(g, rich, exact(act[g].staff - 1));
		assert_int_equal(r.v, SME_V_SME);
		r = check1(g, rich, exact(act[g].staff + 1));
		assert_int_equal(r.v, SME_V_NOT);
		/* either test passing is enough */
		r = check1(g, exact(act[g].capital), exact(act[g].staff + 1));
		assert_int_equal(r.v, SME_V_SME);
		r = check1(g, exact(act[g].capital + 1), exact(act[g].staff));
		assert_int_equal(r.v, SME_V_SME);
		/* no capital (a sole proprietor): by the staff count only */
		sme_check(act, 1u << g, none, true, exact(act[g].staff + 1), &r);
		assert_int_equal(r.v, SME_V_NOT);
		sme_check(act, 1u << g, none, true, exact(act[g].staff), &r);
		assert_int_equal(r.v, SME_V_SME);
	}
}

/* The small business: at and below its employee limit, above is an SME
 * that is not small. */
static void
test_sme_check_small_boundaries(void **state)
{
	int g;

	for (g = 0; g < SME_GROUP__MAX; g++) {
		struct sme_range cap = exact(act[g].capital);
		struct sme_result r;

		r = check1(g, cap, exact(act[g].small_staff));
		assert_int_equal(r.v, SME_V_SMALL);
		r = check1(g, cap, exact(act[g].small_staff - 1));
		assert_int_equal(r.v, SME_V_SMALL);
		r = check1(g, cap, exact(act[g].small_staff + 1));
		assert_int_equal(r.v, SME_V_SME);
		/* small whatever the capital */
		r = check1(g, exact(act[g].capital * 10),
		    exact(act[g].small_staff));
		assert_int_equal(r.v, SME_V_SMALL);
		/* an SME by capital whose staff is unknown */
		r = check1(g, cap, none);
		assert_int_equal(r.v, SME_V_SME_NOT_SURE_SMALL);
		assert_int_equal(r.need, SME_NEED_STAFF);
		/* nothing known */
		r = check1(g, none, none);
		assert_int_equal(r.v, SME_V_UNKNOWN);
		assert_int_equal(r.need, SME_NEED_CAPITAL_OR_STAFF);
	}
}

/* Ranges (the profile's bands): decided when the whole range is on one
 * side of a limit, otherwise not. */
static void
test_sme_check_ranges(void **state)
{
	struct sme_range c2 = { 10000000, 50000000 };	/* ¥10M–¥50M */
	struct sme_range c5 = { 300000001, -1 };	/* over ¥300M */
	struct sme_range e2 = { 6, 20 }, e5 = { 101, 300 }, e6 = { 301, 1000 };
	struct sme_range straddle = { 40, 60 };
	struct sme_result r;

	r = check1(SME_RETAIL, c2, e2);
	assert_int_equal(r.v, SME_V_SME);
	r = check1(SME_MANUFACTURING, c5, e2);
	assert_int_equal(r.v, SME_V_SMALL);
	r = check1(SME_MANUFACTURING, c5, e5);
	assert_int_equal(r.v, SME_V_SME);
	r = check1(SME_MANUFACTURING, c5, e6);
	assert_int_equal(r.v, SME_V_NOT);
	r = check1(SME_RETAIL, c5, straddle);
	assert_int_equal(r.v, SME_V_UNKNOWN);
	assert_int_equal(r.need, SME_NEED_STAFF);
}

/* An industry in two groups: decided when both agree, else the group is
 * needed; no group at all needs one. */
static void
test_sme_check_split_industry(void **state)
{
	unsigned both = 1u << SME_WHOLESALE | 1u << SME_RETAIL;
	struct sme_result r;

	sme_check(act, both, exact(50000000), false, exact(200), &r);
	assert_int_equal(r.v, SME_V_SME);
	assert_int_equal(r.group, -1);
	/* ¥80M and 80 people: wholesale yes, retail no */
	sme_check(act, both, exact(80000000), false, exact(80), &r);
	assert_int_equal(r.v, SME_V_UNKNOWN);
	assert_int_equal(r.need, SME_NEED_GROUP);
	sme_check(act, 0, exact(1), false, exact(1), &r);
	assert_int_equal(r.v, SME_V_UNKNOWN);
	assert_int_equal(r.need, SME_NEED_GROUP);
}

static void
test_sme_keys(void **state)
{
	int g;

	for (g = 0; g < SME_GROUP__MAX; g++)
		assert_int_equal(sme_group_from_key(sme_group_key(g)), g);
	assert_int_equal(sme_group_from_key("farming"), -1);
	assert_int_equal(sme_group_from_key(NULL), -1);
	assert_string_equal(sme_verdict_key(SME_V_NOT), "not");
	assert_string_equal(sme_need_key(SME_NEED_STAFF), "staff");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sme_check_capital_boundaries),
		cmocka_unit_test(test_sme_check_staff_boundaries),
		cmocka_unit_test(test_sme_check_small_boundaries),
		cmocka_unit_test(test_sme_check_ranges),
		cmocka_unit_test(test_sme_check_split_industry),
		cmocka_unit_test(test_sme_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
