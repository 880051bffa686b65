/* Unit tests for src/base/str.c: trimming, cutting, integers, UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"

/* A view of n bytes, which may include NULs. */
#define S(lit)	((struct str){ (lit), sizeof(lit) - 1 })

static void
test_str_c_and_eq(void **state)
{
	assert_int_equal(str_c(NULL).n, 0);
	assert_int_equal(str_c("abc").n, 3);
	assert_true(str_eq(STR_NULL, S("")));
	assert_true(str_eq_c(S("abc"), "abc"));
	assert_false(str_eq_c(S("abc"), "abcd"));
	assert_false(str_eq_c(S("ab\0"), "ab"));
	assert_true(str_has_prefix(S("abc"), S("ab")));
	/* an empty prefix; STR_NULL here would hit memcmp(p, NULL, 0) in
	 * str_has_prefix (reported, base is not ours to change) */
	assert_true(str_has_prefix(S("abc"), S("")));
	assert_false(str_has_prefix(S("ab"), S("abc")));
}

static void
test_str_trim_ends(void **state)
{
	struct str t = str_trim(S(" \t\r\n a b \n\r\t "));

	assert_true(str_eq_c(t, "a b"));
	assert_int_equal(str_trim(S(" \t\r\n")).n, 0);
	assert_int_equal(str_trim(STR_NULL).n, 0);
	assert_true(str_eq_c(str_trim(S("x")), "x"));
	/* only ASCII white space: U+3000 and vertical tab stay */
	assert_true(str_eq_c(str_trim(S("\v\xe3\x80\x80")), "\v\xe3\x80\x80"));
}

static void
test_str_cut_found(void **state)
{
	struct str head, tail = str_cut(S("key=value=x"), '=', &head);

	assert_true(str_eq_c(head, "key"));
	assert_true(str_eq_c(tail, "value=x"));
	tail = str_cut(S("=v"), '=', &head);
	assert_int_equal(head.n, 0);
	assert_true(str_eq_c(tail, "v"));
	tail = str_cut(S("k="), '=', &head);
	assert_true(str_eq_c(head, "k"));
	assert_non_null(tail.p);
	assert_int_equal(tail.n, 0);
}

static void
test_str_cut_absent(void **state)
{
	struct str head, tail = str_cut(S("novalue"), '=', &head);

	assert_null(tail.p);
	assert_int_equal(tail.n, 0);
	assert_true(str_eq_c(head, "novalue"));
	tail = str_cut(STR_NULL, '=', &head);
	assert_null(tail.p);
	assert_int_equal(head.n, 0);
}

static void
test_str_to_long_ok(void **state)
{
	long v;

	assert_int_equal(str_to_long(S("0"), 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(str_to_long(S("-0"), 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(str_to_long(S("007"), 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(str_to_long(S("-123"), -200, 0, &v), 0);
	assert_int_equal(v, -123);
	assert_int_equal(str_to_long(S("10"), 10, 10, &v), 0);
	assert_int_equal(v, 10);
}

static void
test_str_to_long_limits(void **state)
{
	char s[32];
	long v;

	snprintf(s, sizeof(s), "%ld", LONG_MAX);
	assert_int_equal(str_to_long(str_c(s), LONG_MIN, LONG_MAX, &v), 0);
	assert_true(v == LONG_MAX);
	snprintf(s, sizeof(s), "%ld", LONG_MIN);
	assert_int_equal(str_to_long(str_c(s), LONG_MIN, LONG_MAX, &v), 0);
	assert_true(v == LONG_MIN);
	/* one past either end */
	assert_int_equal(str_to_long(S("9223372036854775808"), LONG_MIN,
	    LONG_MAX, &v), -1);
	assert_int_equal(str_to_long(S("-9223372036854775809"), LONG_MIN,
	    LONG_MAX, &v), -1);
	assert_int_equal(str_to_long(S("99999999999999999999999"), LONG_MIN,
	    LONG_MAX, &v), -1);
}

static void
test_str_to_long_rejects(void **state)
{
	static const char *const bad[] = {
		"", "-", "+1", " 1", "1 ", "1a", "0x10", "1.0", "--1", "١",
	};
	long v = 12345;
	size_t k;

	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		assert_int_equal(str_to_long(str_c(bad[k]), LONG_MIN,
		    LONG_MAX, &v), -1);
	assert_int_equal(str_to_long(S("1\0"), 0, 10, &v), -1);
	assert_int_equal(str_to_long(S("11"), 0, 10, &v), -1);
	assert_int_equal(str_to_long(S("-1"), 0, 10, &v), -1);
	assert_int_equal(str_to_long(STR_NULL, 0, 10, &v), -1);
	assert_int_equal(v, 12345);	/* untouched on failure */
}

static void
test_str_utf8_valid_good(void **state)
{
	assert_true(str_utf8_valid(STR_NULL));
	assert_true(str_utf8_valid(S("plain ASCII ~\x7f")));
	assert_true(str_utf8_valid(S("\xc2\x80")));		/* U+0080 */
	assert_true(str_utf8_valid(S("\xdf\xbf")));		/* U+07FF */
	assert_true(str_utf8_valid(S("\xe0\xa0\x80")));		/* U+0800 */
	assert_true(str_utf8_valid(S("\xed\x9f\xbf")));		/* U+D7FF */
	assert_true(str_utf8_valid(S("\xee\x80\x80")));		/* U+E000 */
	assert_true(str_utf8_valid(S("\xef\xbf\xbf")));		/* U+FFFF */
	assert_true(str_utf8_valid(S("\xf0\x90\x80\x80")));	/* U+10000 */
	assert_true(str_utf8_valid(S("\xf4\x8f\xbf\xbf")));	/* U+10FFFF */
	assert_true(str_utf8_valid(S("実施している")));
}

static void
test_str_utf8_valid_overlong(void **state)
{
	assert_false(str_utf8_valid(S("\xc0\x80")));
	assert_false(str_utf8_valid(S("\xc1\xbf")));
	assert_false(str_utf8_valid(S("\xe0\x80\x80")));
	assert_false(str_utf8_valid(S("\xe0\x9f\xbf")));
	assert_false(str_utf8_valid(S("\xf0\x80\x80\x80")));
	assert_false(str_utf8_valid(S("\xf0\x8f\xbf\xbf")));
	assert_false(str_utf8_valid(S("\xc0\xaf")));	/* overlong '/' */
}

static void
test_str_utf8_valid_surrogate(void **state)
{
	assert_false(str_utf8_valid(S("\xed\xa0\x80")));	/* U+D800 */
	assert_false(str_utf8_valid(S("\xed\xbf\xbf")));	/* U+DFFF */
	assert_false(str_utf8_valid(S("\xed\xa0\xbd\xed\xb8\x80")));
}

static void
test_str_utf8_valid_broken(void **state)
{
	assert_false(str_utf8_valid(S("\x80")));		/* lone trail */
	assert_false(str_utf8_valid(S("a\xbf")));
	assert_false(str_utf8_valid(S("\xe3\x81")));		/* cut short */
	assert_false(str_utf8_valid(S("\xf0\x90\x80")));
	assert_false(str_utf8_valid(S("\xe3\x41\x82")));	/* bad trail */
	assert_false(str_utf8_valid(S("\xf4\x90\x80\x80")));	/* > U+10FFFF */
	assert_false(str_utf8_valid(S("\xf5\x80\x80\x80")));
	assert_false(str_utf8_valid(S("\xfe")));
	assert_false(str_utf8_valid(S("\xff")));
	assert_false(str_utf8_valid(S("a\0b")));		/* NUL */
	assert_false(str_utf8_valid(S("\x82\xa0")));	/* CP932 あ */
}

static void
test_str_utf8_count_chars(void **state)
{
	assert_int_equal(str_utf8_count(STR_NULL), 0);
	assert_int_equal(str_utf8_count(S("")), 0);
	assert_int_equal(str_utf8_count(S("abc")), 3);
	assert_int_equal(str_utf8_count(S("\xc3\xa9t\xc3\xa9")), 3);	/* été */
	assert_int_equal(str_utf8_count(S("\xe6\xbc\xa2\xe5\xad\x97")), 2); /* 漢字 */
	assert_int_equal(str_utf8_count(S("\xf0\x9f\x94\x92!")), 2); /* 🔒! */
	/* a view cut inside a character counts what it starts */
	assert_int_equal(str_utf8_count((struct str){ "\xe6\xbc\xa2", 2 }),
	    1);
}

static void
test_str_text_rows_wrap(void **state)
{
	assert_int_equal(str_text_rows(STR_NULL, 10), 1);
	assert_int_equal(str_text_rows(S("abc"), 10), 1);
	assert_int_equal(str_text_rows(S("0123456789"), 10), 1);
	assert_int_equal(str_text_rows(S("0123456789x"), 10), 2);
	assert_int_equal(str_text_rows(S("a\nb\n\nc"), 10), 4);
	assert_int_equal(str_text_rows(S("a\r\nb"), 10), 2);
	assert_int_equal(str_text_rows(S("a\n"), 10), 2);
	/* five full-width characters fill ten columns; a sixth wraps */
	assert_int_equal(str_text_rows(S("\xe3\x81\x82\xe3\x81\x82"
	    "\xe3\x81\x82\xe3\x81\x82\xe3\x81\x82"), 10), 1);
	assert_int_equal(str_text_rows(S("\xe3\x81\x82\xe3\x81\x82"
	    "\xe3\x81\x82\xe3\x81\x82\xe3\x81\x82\xe3\x81\x82"), 10),
	    2);
	assert_int_equal(str_text_rows(S("abc"), 0), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_c_and_eq),
		cmocka_unit_test(test_str_trim_ends),
		cmocka_unit_test(test_str_cut_found),
		cmocka_unit_test(test_str_cut_absent),
		cmocka_unit_test(test_str_to_long_ok),
		cmocka_unit_test(test_str_to_long_limits),
		cmocka_unit_test(test_str_to_long_rejects),
		cmocka_unit_test(test_str_utf8_valid_good),
		cmocka_unit_test(test_str_utf8_valid_overlong),
		cmocka_unit_test(test_str_utf8_valid_surrogate),
		cmocka_unit_test(test_str_utf8_valid_broken),
		cmocka_unit_test(test_str_utf8_count_chars),
		cmocka_unit_test(test_str_text_rows_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
