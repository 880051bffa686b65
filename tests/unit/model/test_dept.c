/* Unit tests for src/model/dept.c: respondents grouped by department —
 * only complete ones counted, none without a department, a department of
 * two hidden and of three shown, the mean rounded as the company score
 * (half away from zero, negative too), the weakest items, and the
 * weakest department. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/dept.h"

/* A respondent whose every answer is a, except item 0 which is first. */
static struct diag_resp
resp(enum diag_answer a, enum diag_answer first)
{
	struct diag_resp r;

	memset(&r, 0, sizeof(r));
	r.role = DIAG_ROLE_EMPLOYEE;
	memset(r.ans, a, sizeof(r.ans));
	r.ans[0] = first;
	return r;
}

static void
test_dept_compute_counts_hides_and_rounds(void **state)
{
	struct diag_resp r[8];
	const char *dept[8] = { "営業", "営業", "総務", "総務", "総務", "",
	    NULL, "総務" };
	struct dept_row *v;
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a);
	r[0] = resp(DIAG_YES, DIAG_YES);	/* 100 */
	r[1] = resp(DIAG_YES, DIAG_NO);		/* 96 */
	r[2] = resp(DIAG_PARTLY, DIAG_PARTLY);	/* 50 */
	r[3] = resp(DIAG_PARTLY, DIAG_YES);	/* 52 */
	r[4] = resp(DIAG_PARTLY, DIAG_YES);	/* 52 */
	r[5] = resp(DIAG_NO, DIAG_NO);		/* no department */
	r[6] = resp(DIAG_NO, DIAG_NO);		/* none either */
	r[7] = resp(DIAG_YES, DIAG_YES);	/* incomplete below */
	r[7].ans[3] = DIAG_NONE;
	dept_compute(r, dept, 8, &a, &v, &n);
	assert_int_equal(n, 2);
	/* by name, byte order: 営 (E5 96 B6) before 総 (E7 B7 8F) */
	assert_string_equal(v[0].name, "営業");
	assert_int_equal(v[0].n, 2);
	assert_false(v[0].shown);
	assert_int_equal(v[0].mean_tenths, 0);
	assert_int_equal(v[0].nweak, 0);
	assert_string_equal(v[1].name, "総務");
	assert_int_equal(v[1].n, 3);		/* the incomplete one not counted */
	assert_true(v[1].shown);
	/* (50 + 52 + 52) / 3 = 51.333… → 51.3 */
	assert_int_equal(v[1].mean_tenths, 513);
	assert_int_equal(v[1].nweak, DEPT_WEAKEST);
	/* item 0 is the strongest; the others tie at 2 points, by number */
	assert_int_equal(v[1].weak[0], 1);
	assert_int_equal(v[1].weak[1], 2);
	assert_ptr_equal(dept_weakest(v, n), &v[1]);
	arena_free(&a);
}

static void
test_dept_compute_rounds_half_away_from_zero(void **state)
{
	struct diag_resp r[4];
	const char *dept[4] = { "A", "A", "A", "A" };
	struct dept_row *v;
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a);
	/* totals −25, −25, −22, −22: mean −23.5 exactly */
	r[0] = resp(DIAG_UNKNOWN, DIAG_UNKNOWN);
	r[1] = resp(DIAG_UNKNOWN, DIAG_UNKNOWN);
	r[2] = resp(DIAG_UNKNOWN, DIAG_PARTLY);	/* 2 − 24 = −22 */
	r[3] = r[2];
	dept_compute(r, dept, 4, &a, &v, &n);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].mean_tenths, -235);
	r[3] = resp(DIAG_UNKNOWN, DIAG_UNKNOWN);	/* −25,−25,−22,−25 */
	dept_compute(r, dept, 4, &a, &v, &n);
	assert_int_equal(v[0].mean_tenths, -243);	/* −24.25 → −24.3 */
	arena_free(&a);
}

static void
test_dept_compute_none_without_departments(void **state)
{
	struct diag_resp r[2];
	const char *dept[2] = { "", NULL };
	struct dept_row *v;
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a);
	r[0] = resp(DIAG_YES, DIAG_YES);
	r[1] = resp(DIAG_NO, DIAG_NO);
	dept_compute(r, dept, 2, &a, &v, &n);
	assert_int_equal(n, 0);
	assert_null(dept_weakest(v, n));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dept_compute_counts_hides_and_rounds),
		cmocka_unit_test(test_dept_compute_rounds_half_away_from_zero),
		cmocka_unit_test(test_dept_compute_none_without_departments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
