/* Unit tests for src/base/arena.c: alignment, zeroing, big blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"

static bool
all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static void
test_arena_alloc_aligned_zeroed(void **state)
{
	struct arena a;
	size_t n;

	arena_init(&a);
	for (n = 0; n < 300; n++) {
		unsigned char *p = arena_alloc(&a, n);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_true(all_zero(p, n));
		memset(p, 0xa5, n);	/* writable to the last byte */
	}
	arena_free(&a);
}

static void
test_arena_alloc_zero_size(void **state)
{
	struct arena a;
	void *p, *q;

	arena_init(&a);
	p = arena_alloc(&a, 0);
	q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_free(&a);
}

static void
test_arena_big_block(void **state)
{
	struct arena a;
	unsigned char *small, *big, *after;
	size_t n = (size_t)1 << 20;

	arena_init(&a);
	small = arena_alloc(&a, 100);
	big = arena_alloc(&a, n);
	assert_int_equal((uintptr_t)big % 16, 0);
	assert_true(all_zero(big, n));
	memset(big, 0xff, n);
	/* the chunk in use before the big block keeps serving */
	after = arena_alloc(&a, 100);
	assert_ptr_equal(after, small + 112);
	assert_int_equal(a.used, 112 + n + 112);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

static void
test_arena_big_block_first(void **state)
{
	struct arena a;
	unsigned char *big;

	arena_init(&a);
	big = arena_alloc(&a, 100000);
	memset(big, 1, 100000);
	assert_non_null(arena_alloc(&a, 10));
	arena_free(&a);
}

static void
test_arena_exact_chunk(void **state)
{
	struct arena a;
	unsigned char *p;

	arena_init(&a);
	p = arena_alloc(&a, 8192);
	memset(p, 1, 8192);
	p = arena_alloc(&a, 8193);
	memset(p, 2, 8193);
	arena_free(&a);
}

static void
test_arena_many_chunks(void **state)
{
	struct arena a;
	unsigned char *p[5000];
	size_t i;

	arena_init(&a);
	for (i = 0; i < 5000; i++) {
		p[i] = arena_alloc(&a, 100);
		memset(p[i], (int)(i & 0xff), 100);
	}
	/* nothing was overwritten by a later allocation */
	for (i = 0; i < 5000; i++)
		assert_int_equal(p[i][99], i & 0xff);
	assert_int_equal(a.used, 5000 * 112);
	arena_free(&a);
	/* and the arena works again after being freed */
	assert_non_null(arena_alloc(&a, 10));
	arena_free(&a);
}

static void
test_arena_strings(void **state)
{
	struct arena a;
	char *s;

	arena_init(&a);
	assert_string_equal(arena_strdup(&a, "hello"), "hello");
	s = arena_strndup(&a, "hello world", 5);
	assert_string_equal(s, "hello");
	assert_string_equal(arena_strndup(&a, NULL, 0), "");
	assert_string_equal(arena_cstr(&a, STR_LIT("view")), "view");
	assert_string_equal(arena_cstr(&a, STR_NULL), "");
	assert_string_equal(arena_printf(&a, "%d-%s", 7, "x"), "7-x");
	arena_free(&a);
}

static void
test_arena_printf_big(void **state)
{
	struct arena a;
	char *s;

	arena_init(&a);
	s = arena_printf(&a, "%20000d", 1);
	assert_int_equal(strlen(s), 20000);
	assert_int_equal(s[19999], '1');
	arena_free(&a);
}

static void
test_arena_grow(void **state)
{
	struct arena a;
	size_t cap = 0, i;
	int *v = NULL, *first;

	arena_init(&a);
	for (i = 0; i < 100; i++) {
		v = arena_grow(&a, v, i, &cap, sizeof(*v));
		v[i] = (int)i * 3;
		if (i == 0)
			first = v;
	}
	assert_true(cap >= 100 && cap < 200);
	assert_ptr_not_equal(first, v);	/* it moved as it grew */
	for (i = 0; i < 100; i++)
		assert_int_equal(v[i], (int)i * 3);
	/* room left: the same array */
	assert_ptr_equal(arena_grow(&a, v, 100, &cap, sizeof(*v)), v);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_grow),
		cmocka_unit_test(test_arena_alloc_aligned_zeroed),
		cmocka_unit_test(test_arena_alloc_zero_size),
		cmocka_unit_test(test_arena_big_block),
		cmocka_unit_test(test_arena_big_block_first),
		cmocka_unit_test(test_arena_exact_chunk),
		cmocka_unit_test(test_arena_many_chunks),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_arena_printf_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
