/* Unit tests for src/base/num.c: locale-free fixed-point output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>

#include "base/buf.h"
#include "base/num.h"

static void
check_fixed(double v, int decimals, const char *want)
{
	struct buf b = BUF_INIT;

	num_fixed(&b, v, decimals);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
check_short(double v, int decimals, const char *want)
{
	struct buf b = BUF_INIT;

	num_short(&b, v, decimals);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
check_tenths(long v, const char *want)
{
	struct buf b = BUF_INIT;

	num_tenths(&b, v);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* Halves that binary floating point holds exactly round away from 0. */
static void
test_num_fixed_rounding(void **state)
{
	check_fixed(24.25, 1, "24.3");
	check_fixed(24.24, 1, "24.2");
	check_fixed(2.5, 0, "3");
	check_fixed(0.125, 2, "0.13");
	check_fixed(0.375, 2, "0.38");
	check_fixed(9.95, 0, "10");
	check_fixed(99.96, 1, "100.0");
	check_fixed(1.0, 3, "1.000");
	check_fixed(0, 1, "0.0");
	check_fixed(73.0 / 3.0, 1, "24.3");
}

static void
test_num_fixed_negatives(void **state)
{
	check_fixed(-2.5, 0, "-3");
	check_fixed(-24.25, 1, "-24.3");
	check_fixed(-0.05, 1, "-0.1");
	check_fixed(-0.125, 2, "-0.13");
	check_fixed(-17, 1, "-17.0");
	/* rounds to zero: no "-0.0" */
	check_fixed(-0.04, 1, "0.0");
	check_fixed(-0.4, 0, "0");
}

static void
test_num_fixed_decimals_clamped(void **state)
{
	check_fixed(1.0, 7, "1.000000");
	check_fixed(1.5, -1, "2");
	check_fixed(123456.789, 6, "123456.789000");
}

static void
test_num_fixed_non_finite(void **state)
{
	check_fixed(NAN, 0, "0");
	check_fixed(INFINITY, 0, "0");
	check_fixed(-INFINITY, 0, "0");
}

/* A locale with a decimal comma changes nothing. */
static void
test_num_fixed_locale_free(void **state)
{
	const char *loc = setlocale(LC_NUMERIC, "de_DE.UTF-8");

	if (loc == NULL)
		loc = setlocale(LC_NUMERIC, "fr_FR.UTF-8");
	check_fixed(24.25, 1, "24.3");
	check_short(2.5, 2, "2.5");
	check_tenths(243, "24.3");
	setlocale(LC_NUMERIC, "C");
}

static void
test_num_fixed_appends(void **state)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "x=");
	num_fixed(&b, 1.25, 1);
	buf_addc(&b, ';');
	assert_string_equal(buf_cstr(&b), "x=1.3;");
	buf_free(&b);
}

static void
test_num_short_trims(void **state)
{
	check_short(2.50, 2, "2.5");
	check_short(3.0, 2, "3");
	check_short(0.125, 3, "0.125");
	check_short(0.1, 0, "0");
	check_short(-0.001, 2, "0");
	check_short(-1.5, 2, "-1.5");
	check_short(100, 1, "100");
}

static void
test_num_tenths_each(void **state)
{
	check_tenths(243, "24.3");
	check_tenths(-243, "-24.3");
	check_tenths(-5, "-0.5");
	check_tenths(5, "0.5");
	check_tenths(0, "0.0");
	check_tenths(1000, "100.0");
	check_tenths(-250, "-25.0");
	check_tenths(400, "40.0");
}

static void
test_num_list_round_trip(void **state)
{
	int64_t v[4] = { 3, -1, 0, 999999999999 }, w[4];
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(num_list_format(&a, v, 4), "3,-1,0,999999999999");
	num_list_parse(str_c("3,-1,0,999999999999"), w, 4);
	assert_memory_equal(v, w, sizeof(v));
	/* short, malformed and too large ones read as zero */
	num_list_parse(str_c("7,x,1000000000001"), w, 4);
	assert_int_equal(w[0], 7);
	assert_int_equal(w[1], 0);
	assert_int_equal(w[2], 0);
	assert_int_equal(w[3], 0);
	assert_string_equal(num_list_format(&a, v, 0), "");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num_fixed_rounding),
		cmocka_unit_test(test_num_list_round_trip),
		cmocka_unit_test(test_num_fixed_negatives),
		cmocka_unit_test(test_num_fixed_decimals_clamped),
		cmocka_unit_test(test_num_fixed_non_finite),
		cmocka_unit_test(test_num_fixed_locale_free),
		cmocka_unit_test(test_num_fixed_appends),
		cmocka_unit_test(test_num_short_trims),
		cmocka_unit_test(test_num_tenths_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
