/* Unit tests for src/base/diff.c: sentences and the edit between texts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diff.h"

/* The edit as "=a|-b|+c" for easy comparison. */
static const char *
show(struct arena *a, const char *from, const char *to)
{
	static const char mark[DIFF__MAX] = { '=', '-', '+' };
	struct diff_op *ops;
	struct buf b = BUF_INIT;
	size_t i, n;
	char *s;

	n = diff_text(a, from, to, &ops);
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_addc(&b, mark[ops[i].kind]);
		buf_addstr(&b, ops[i].s);
	}
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void
test_split_japanese(void **state)
{
	struct arena a;
	struct str *v;
	size_t n;

	arena_init(&a);
	n = diff_split(&a, "当社は守ります。「重要」です。最後", &v);
	assert_int_equal(n, 3);
	assert_true(str_eq_c(v[0], "当社は守ります。"));
	assert_true(str_eq_c(v[1], "「重要」です。"));
	assert_true(str_eq_c(v[2], "最後"));
	/* a closing bracket stays with its sentence */
	n = diff_split(&a, "「守ります。」次に", &v);
	assert_int_equal(n, 2);
	assert_true(str_eq_c(v[0], "「守ります。」"));
	n = diff_split(&a, "", &v);
	assert_int_equal(n, 0);
	n = diff_split(&a, NULL, &v);
	assert_int_equal(n, 0);
	arena_free(&a);
}

static void
test_split_english(void **state)
{
	struct arena a;
	struct str *v;
	size_t n;

	arena_init(&a);
	n = diff_split(&a, "We act. Version 1.2 is out! Really?\nNext", &v);
	assert_int_equal(n, 4);
	assert_true(str_eq_c(v[0], "We act. "));
	assert_true(str_eq_c(v[1], "Version 1.2 is out! "));
	assert_true(str_eq_c(v[2], "Really?\n"));
	assert_true(str_eq_c(v[3], "Next"));
	arena_free(&a);
}

static void
test_edit(void **state)
{
	struct arena a;

	arena_init(&a);
	assert_string_equal(show(&a, "一。二。三。", "一。二。三。"),
	    "=一。|=二。|=三。");
	assert_string_equal(show(&a, "一。二。三。", "一。弐。三。"),
	    "=一。|-二。|+弐。|=三。");
	assert_string_equal(show(&a, "", "新しい。"), "+新しい。");
	assert_string_equal(show(&a, "古い。", ""), "-古い。");
	assert_string_equal(show(&a, "A. B. C.", "B. C. D."),
	    "-A. |=B. |=C. |+D.");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_japanese),
		cmocka_unit_test(test_split_english),
		cmocka_unit_test(test_edit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
