/* Unit tests for src/model/estimate.c: the seeds' two worked examples
 * (SEEDFACTS §7.2) come out line by line at their own inputs from the
 * shipped presets (content/damage.yaml), the scaling at other inputs
 * matches a computation done here independently of the rules' data
 * structures, the rounding is to the nearest yen (halves up), and every
 * bad input is refused with its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content/content.h"
#include "model/estimate.h"

static struct content ct;

static int
setup(void **state)
{
	char err[512];

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	content_free(&ct);
	return 0;
}

static const struct estimate_preset *
preset(const char *key)
{
	const struct damage_preset *p = damage_preset_find(&ct.damage, key);

	assert_non_null(p);
	return &p->p;
}

/* The yen of category cat in r, or -1 when r has no such line. */
static long long
line(const struct estimate_result *r, enum estimate_cat cat)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->line[i].cat == cat)
			return r->line[i].yen;
	return -1;
}

/* Manufacturer A: 50 staff, ¥1.0bn, one day, no records → ¥10.4M, of
 * which investigation and recovery ¥10M and lost profit ¥0.4M; 1.04 %. */
static void
test_estimate_run_manufacturer_seed(void **state)
{
	const struct estimate_preset *p = preset("manufacturer-ransomware");
	long long in[EST_IN__MAX] = { 1000000000, 50, 0, 1 };
	struct estimate_result r;
	char b[32];

	assert_memory_equal(p->in, in, sizeof(in));
	estimate_run(p, p->in, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(line(&r, EST_CAT_INVESTIGATION), 10000000);
	assert_int_equal(line(&r, EST_CAT_LOST_PROFIT), 400000);
	assert_int_equal(line(&r, EST_CAT_COMPENSATION), -1);
	assert_int_equal(r.total, 10400000);
	assert_int_equal(r.share_ppm, 10400);
	estimate_ppm_percent(r.share_ppm, b, sizeof(b));
	assert_string_equal(b, "1.04");
	estimate_ppm_fraction(r.share_ppm, b, sizeof(b));
	assert_string_equal(b, "0.0104");
}

/* Retailer B: 10 staff, ¥300M, 10,000 records, 14 days → ¥35.7M in
 * seven lines; 11.9 %. */
static void
test_estimate_run_retailer_seed(void **state)
{
	const struct estimate_preset *p = preset("retailer-leak");
	long long in[EST_IN__MAX] = { 300000000, 10, 10000, 14 };
	struct estimate_result r;
	char b[32];

	assert_memory_equal(p->in, in, sizeof(in));
	estimate_run(p, p->in, &r);
	assert_int_equal(r.n, 7);
	assert_int_equal(line(&r, EST_CAT_COMPENSATION), 1000000);
	assert_int_equal(line(&r, EST_CAT_LITIGATION), 3000000);
	assert_int_equal(line(&r, EST_CAT_INVESTIGATION), 16500000);
	assert_int_equal(line(&r, EST_CAT_CUSTOMER), 6000000);
	assert_int_equal(line(&r, EST_CAT_NOTICE), 5000000);
	assert_int_equal(line(&r, EST_CAT_LEGAL), 200000);
	assert_int_equal(line(&r, EST_CAT_LOST_PROFIT), 4000000);
	assert_int_equal(r.total, 35700000);
	assert_int_equal(r.share_ppm, 119000);
	estimate_ppm_percent(r.share_ppm, b, sizeof(b));
	assert_string_equal(b, "11.9");
	estimate_ppm_fraction(r.share_ppm, b, sizeof(b));
	assert_string_equal(b, "0.119");
}

/* Nearest whole yen, halves up, worked out here from the rule in words:
 * num × product / den. */
static long long
round_div(long long x, long long d)
{
	return (2 * x + d) / (2 * d);
}

/* Other inputs: each line worked out here from the rules as the pack
 * states them in words (records × ¥100, × ¥600; sales × days ÷ 1,050 or
 * ÷ 2,500; investigation by head-count step), not from the rule data. */
static void
test_estimate_run_scaled(void **state)
{
	const struct estimate_preset *r = preset("retailer-leak");
	const struct estimate_preset *m = preset("manufacturer-ransomware");
	static const struct {
		long long in[EST_IN__MAX];
		long long inv_retail, inv_manuf;
	} cases[] = {
		{ { 500000000, 30, 25000, 3 }, 22000000, 10000000 },
		{ { 123456789, 20, 1, 0 }, 16500000, 6000000 },
		{ { 123456789, 21, 7, 365 }, 22000000, 10000000 },
		{ { 9999999999999, 300, 100000000, 365 }, 30000000, 15000000 },
		{ { 1, 301, 0, 1 }, 45000000, 25000000 },
		{ { 7, 100000, 3, 2 }, 45000000, 40000000 },
	};
	struct estimate_result res;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const long long *in = cases[i].in;
		long long lost_r = round_div(in[EST_IN_SALES] *
		    in[EST_IN_DAYS], 1050);
		long long lost_m = round_div(in[EST_IN_SALES] *
		    in[EST_IN_DAYS], 2500);
		long long want_r = in[EST_IN_RECORDS] * 100 + 3000000 +
		    cases[i].inv_retail + in[EST_IN_RECORDS] * 600 + 5000000 +
		    200000 + lost_r;

		estimate_run(r, in, &res);
		assert_int_equal(line(&res, EST_CAT_COMPENSATION),
		    in[EST_IN_RECORDS] * 100);
		assert_int_equal(line(&res, EST_CAT_CUSTOMER),
		    in[EST_IN_RECORDS] * 600);
		assert_int_equal(line(&res, EST_CAT_INVESTIGATION),
		    cases[i].inv_retail);
		assert_int_equal(line(&res, EST_CAT_LOST_PROFIT), lost_r);
		assert_int_equal(res.total, want_r);
		assert_int_equal(res.share_ppm, round_div(want_r * 1000000,
		    in[EST_IN_SALES]));
		estimate_run(m, in, &res);
		assert_int_equal(line(&res, EST_CAT_INVESTIGATION),
		    cases[i].inv_manuf);
		assert_int_equal(line(&res, EST_CAT_LOST_PROFIT), lost_m);
		assert_int_equal(res.total, cases[i].inv_manuf + lost_m);
	}
	/* five days: ¥10M + ¥2M of ¥1bn is 1.2 %; ¥6M of ¥3, 2,000,000
	 * times */
	estimate_run(m, (long long[EST_IN__MAX]){ 1000000000, 50, 0, 5 },
	    &res);
	assert_int_equal(res.total, 12000000);
	assert_int_equal(res.share_ppm, 12000);
	estimate_run(m, (long long[EST_IN__MAX]){ 3, 1, 0, 0 }, &res);
	assert_int_equal(res.total, 6000000);
	assert_int_equal(res.share_ppm, 2000000000000LL);
}

/* Half a yen rounds up, less than half down. */
static void
test_estimate_rule_yen_rounding(void **state)
{
	struct estimate_rule r = { .cat = EST_CAT_LOST_PROFIT,
	    .kind = EST_RULE_RATE, .by = 1u << EST_IN_DAYS, .num = 1,
	    .den = 2 };
	long long in[EST_IN__MAX] = { 1, 1, 0, 1 };

	assert_true(estimate_rule_ok(&r));
	assert_int_equal(estimate_rule_yen(&r, in, NULL), 1);	/* 0.5 */
	in[EST_IN_DAYS] = 3;
	assert_int_equal(estimate_rule_yen(&r, in, NULL), 2);	/* 1.5 */
	r.den = 3;
	in[EST_IN_DAYS] = 1;
	assert_int_equal(estimate_rule_yen(&r, in, NULL), 0);	/* 0.33 */
	in[EST_IN_DAYS] = 2;
	assert_int_equal(estimate_rule_yen(&r, in, NULL), 1);	/* 0.67 */
	/* no line can pass the bound at the largest inputs */
	r.by = (1u << EST_IN_SALES) | (1u << EST_IN_RECORDS);
	r.num = 1;
	r.den = 1;
	assert_false(estimate_rule_ok(&r));
	r.den = 100000000;
	assert_true(estimate_rule_ok(&r));
	r.den = 0;
	assert_false(estimate_rule_ok(&r));
	r.den = 1;
	r.by = 0;
	assert_false(estimate_rule_ok(&r));
	/* steps must rise and end open */
	r = (struct estimate_rule){ .kind = EST_RULE_STEPS, .step_by =
	    EST_IN_STAFF, .nsteps = 2, .step[0] = { 20, 5 }, .step[1] = { 0,
	    9 } };
	assert_true(estimate_rule_ok(&r));
	r.step[1].upto = 30;
	assert_false(estimate_rule_ok(&r));
	r.step[1].upto = 0;
	r.nsteps = 3;
	r.step[2] = (struct estimate_step){ 0, 1 };
	assert_false(estimate_rule_ok(&r));
}

/* Every bad input, with its reason. */
static void
test_estimate_parse_bad(void **state)
{
	static const struct {
		enum estimate_input in;
		const char *text;
		enum estimate_err want;
		long long v;
	} cases[] = {
		{ EST_IN_SALES, "", EST_E_EMPTY, 0 },
		{ EST_IN_SALES, "   ", EST_E_EMPTY, 0 },
		{ EST_IN_SALES, "-1", EST_E_NEGATIVE, 0 },
		{ EST_IN_DAYS, "-3", EST_E_NEGATIVE, 0 },
		{ EST_IN_RECORDS, "-99999999999999999999999", EST_E_NEGATIVE,
		    0 },
		{ EST_IN_SALES, "abc", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, "1.5", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, "1e6", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, "-", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, ",100", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, "100,", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_SALES, "1,,000", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_STAFF, "１０", EST_E_NOT_NUMBER, 0 },
		{ EST_IN_DAYS, "10000", EST_E_TOO_LARGE, 0 },
		{ EST_IN_DAYS, "366", EST_E_TOO_LARGE, 0 },
		{ EST_IN_STAFF, "100001", EST_E_TOO_LARGE, 0 },
		{ EST_IN_STAFF, "0", EST_E_TOO_SMALL, 0 },
		{ EST_IN_SALES, "0", EST_E_TOO_SMALL, 0 },
		{ EST_IN_RECORDS, "100000001", EST_E_TOO_LARGE, 0 },
		{ EST_IN_SALES, "10000000000001", EST_E_TOO_LARGE, 0 },
		{ EST_IN_SALES, "99999999999999999999999999", EST_E_TOO_LARGE,
		    0 },
		/* and the good ones at the bounds */
		{ EST_IN_DAYS, "365", EST_OK, 365 },
		{ EST_IN_DAYS, "0", EST_OK, 0 },
		{ EST_IN_RECORDS, "100,000,000", EST_OK, 100000000 },
		{ EST_IN_STAFF, " 100000 ", EST_OK, 100000 },
		{ EST_IN_STAFF, "1", EST_OK, 1 },
		{ EST_IN_SALES, "10,000,000,000,000", EST_OK,
		    10000000000000LL },
		{ EST_IN_SALES, "+300000000", EST_OK, 300000000 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long v = -7;
		enum estimate_err e = estimate_parse(cases[i].in,
		    cases[i].text, &v);

		if (e != cases[i].want)
			fail_msg("%s '%s': got %s, wanted %s",
			    estimate_in_key(cases[i].in), cases[i].text,
			    estimate_err_key(e),
			    estimate_err_key(cases[i].want));
		if (e == EST_OK)
			assert_int_equal(v, cases[i].v);
		else
			assert_int_equal(v, -7);
	}
}

/* estimate_check names the first input out of bounds. */
static void
test_estimate_check_bounds(void **state)
{
	long long in[EST_IN__MAX] = { 1, 1, 0, 0 };
	enum estimate_input bad = EST_IN__MAX;

	assert_int_equal(estimate_check(in, &bad), EST_OK);
	in[EST_IN_DAYS] = 366;
	assert_int_equal(estimate_check(in, &bad), EST_E_TOO_LARGE);
	assert_int_equal(bad, EST_IN_DAYS);
	in[EST_IN_DAYS] = 1;
	in[EST_IN_RECORDS] = -1;
	assert_int_equal(estimate_check(in, &bad), EST_E_NEGATIVE);
	assert_int_equal(bad, EST_IN_RECORDS);
	in[EST_IN_RECORDS] = 0;
	in[EST_IN_STAFF] = 0;
	assert_int_equal(estimate_check(in, &bad), EST_E_TOO_SMALL);
	assert_int_equal(bad, EST_IN_STAFF);
}

/* The keys read back. */
static void
test_estimate_keys(void **state)
{
	int i;

	for (i = 0; i < EST_CAT__MAX; i++)
		assert_int_equal(estimate_cat_from_key(estimate_cat_key(
		    (enum estimate_cat)i)), i);
	for (i = 0; i < EST_IN__MAX; i++)
		assert_int_equal(estimate_in_from_key(estimate_in_key(
		    (enum estimate_input)i)), i);
	assert_int_equal(estimate_cat_from_key("fines"), -1);
	assert_null(estimate_cat_key(EST_CAT__MAX));
	assert_string_equal(estimate_err_key(EST_E_TOO_LARGE), "too_large");
}

/* Thousands separators, and the share as a fraction and a percentage. */
static void
test_estimate_group_and_share(void **state)
{
	static const struct {
		long long v;
		const char *want;
	} g[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1,000" },
		{ 35700000, "35,700,000" }, { -1234, "-1,234" },
		{ 10000000000000LL, "10,000,000,000,000" },
	};
	char b[32];
	size_t i;

	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		estimate_group(g[i].v, b, sizeof(b));
		assert_string_equal(b, g[i].want);
	}
	estimate_ppm_fraction(0, b, sizeof(b));
	assert_string_equal(b, "0");
	estimate_ppm_fraction(1500000, b, sizeof(b));
	assert_string_equal(b, "1.5");
	estimate_ppm_fraction(1, b, sizeof(b));
	assert_string_equal(b, "0.000001");
	estimate_ppm_percent(41407, b, sizeof(b));	/* 4.1407 % */
	assert_string_equal(b, "4.14");
	estimate_ppm_percent(41450, b, sizeof(b));	/* halves up */
	assert_string_equal(b, "4.15");
	estimate_ppm_percent(49, b, sizeof(b));
	assert_string_equal(b, "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_estimate_run_manufacturer_seed),
		cmocka_unit_test(test_estimate_run_retailer_seed),
		cmocka_unit_test(test_estimate_run_scaled),
		cmocka_unit_test(test_estimate_rule_yen_rounding),
		cmocka_unit_test(test_estimate_parse_bad),
		cmocka_unit_test(test_estimate_check_bounds),
		cmocka_unit_test(test_estimate_keys),
		cmocka_unit_test(test_estimate_group_and_share),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
