/* Unit tests for src/base/buf.c: growth, limits and the sticky error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void
test_buf_init_empty(void **state)
{
	struct buf b = BUF_INIT;
	struct str s = buf_str(&b);

	assert_null(b.p);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(s.n, 0);
	assert_non_null(s.p);
	buf_init(&b, 7);
	assert_int_equal(b.max, 7);
	assert_false(b.err);
	buf_free(&b);
}

static void
test_buf_add_grows(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.n, 10000);
	assert_true(b.cap > b.n);
	assert_int_equal(b.p[b.n], '\0');
	for (i = 0; i < 10000; i++)
		assert_int_equal(b.p[i], 'a' + i % 26);
	assert_false(b.err);
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
}

static void
test_buf_add_embedded_nul(void **state)
{
	struct buf b = BUF_INIT;

	buf_add(&b, "a\0b", 3);
	buf_add(&b, NULL, 0);
	buf_addstr(&b, STR_NULL);
	assert_int_equal(b.n, 3);
	assert_memory_equal(b.p, "a\0b", 4);
	buf_free(&b);
}

static void
test_buf_adds_and_addstr(void **state)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "hello");
	buf_addc(&b, ' ');
	buf_addstr(&b, STR_LIT("world"));
	assert_string_equal(buf_cstr(&b), "hello world");
	assert_true(str_eq_c(buf_str(&b), "hello world"));
	buf_free(&b);
}

static void
test_buf_limit_exact(void **state)
{
	struct buf b;

	buf_init(&b, 5);
	buf_adds(&b, "abcde");
	assert_false(b.err);
	assert_string_equal(buf_cstr(&b), "abcde");
	buf_addc(&b, 'f');
	assert_true(b.err);
	assert_int_equal(b.n, 5);
	assert_string_equal(buf_cstr(&b), "abcde");
	buf_free(&b);
}

static void
test_buf_limit_sticky(void **state)
{
	struct buf b;

	buf_init(&b, 4);
	buf_adds(&b, "abcdef");		/* refused whole */
	assert_true(b.err);
	assert_int_equal(b.n, 0);
	buf_adds(&b, "a");		/* would fit, but the error sticks */
	buf_printf(&b, "%d", 1);
	assert_null(buf_reserve(&b, 1));
	assert_int_equal(b.n, 0);
	assert_true(b.err);
	buf_reset(&b);			/* clears it, keeps the limit */
	assert_false(b.err);
	assert_int_equal(b.max, 4);
	buf_adds(&b, "abcd");
	assert_false(b.err);
	assert_string_equal(buf_cstr(&b), "abcd");
	buf_free(&b);
}

static void
test_buf_limit_huge_request(void **state)
{
	struct buf b;

	buf_init(&b, 100);
	buf_adds(&b, "x");
	/* n + request would wrap size_t: still refused, no allocation */
	assert_null(buf_reserve(&b, (size_t)-1));
	assert_true(b.err);
	assert_int_equal(b.n, 1);
	buf_free(&b);
}

static void
test_buf_printf_format(void **state)
{
	struct buf b = BUF_INIT;
	char want[201];

	buf_printf(&b, "%d-%s-%c", 42, "x", 'y');
	assert_string_equal(buf_cstr(&b), "42-x-y");
	memset(want, 'z', 200);
	want[200] = '\0';
	buf_printf(&b, "%s", want);	/* past the first allocation */
	assert_int_equal(b.n, 206);
	assert_string_equal(buf_cstr(&b) + 6, want);
	buf_free(&b);
}

static void
test_buf_printf_limit(void **state)
{
	struct buf b;

	buf_init(&b, 8);
	buf_printf(&b, "%s", "12345");
	buf_printf(&b, "%s", "6789");	/* 9 > 8: refused whole */
	assert_true(b.err);
	assert_string_equal(buf_cstr(&b), "12345");
	buf_free(&b);
}

static void
test_buf_reserve_commit(void **state)
{
	struct buf b = BUF_INIT;
	char *p = buf_reserve(&b, 10);

	assert_non_null(p);
	memcpy(p, "abcdefghij", 10);	/* all 10 are writable */
	buf_commit(&b, 3);
	assert_int_equal(b.n, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_free(&b);
}

static void
test_buf_reset_keeps_memory(void **state)
{
	struct buf b = BUF_INIT;
	char *p;
	size_t cap;

	buf_adds(&b, "some text");
	p = b.p;
	cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.n, 0);
	assert_ptr_equal(b.p, p);
	assert_int_equal(b.cap, cap);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	buf_reset(&b);			/* on a freed buffer: harmless */
	assert_null(b.p);
}

static void
test_buf_detach(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_adds(&b, "mine now");
	s = buf_detach(&b);
	assert_string_equal(s, "mine now");
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	s = buf_detach(&b);		/* empty: still a string to free */
	assert_string_equal(s, "");
	free(s);
	buf_adds(&b, "again");		/* usable afterwards */
	assert_string_equal(buf_cstr(&b), "again");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_init_empty),
		cmocka_unit_test(test_buf_add_grows),
		cmocka_unit_test(test_buf_add_embedded_nul),
		cmocka_unit_test(test_buf_adds_and_addstr),
		cmocka_unit_test(test_buf_limit_exact),
		cmocka_unit_test(test_buf_limit_sticky),
		cmocka_unit_test(test_buf_limit_huge_request),
		cmocka_unit_test(test_buf_printf_format),
		cmocka_unit_test(test_buf_printf_limit),
		cmocka_unit_test(test_buf_reserve_commit),
		cmocka_unit_test(test_buf_reset_keeps_memory),
		cmocka_unit_test(test_buf_detach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
