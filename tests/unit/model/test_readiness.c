/* Unit tests for src/model/readiness.c: principles against the diagnosis. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/readiness.h"

static void
fill(struct diag_resp *r, enum diag_answer a)
{
	memset(r, 0, sizeof(*r));
	memset(r->ans, a, sizeof(r->ans));
}

/* The five principles ask items 1–5, in order, each a different one. */
static void
test_sa_item_mapping(void **state)
{
	int k;

	for (k = 0; k < SA__MAX; k++)
		assert_int_equal(sa_item((enum sa_principle)k), k);
}

/* More than half "no"/"don't know" on a done principle's item: flagged. */
static void
test_sa_check_answers_mostly_no(void **state)
{
	struct sa_state s;
	struct diag_resp r[3];

	memset(&s, 0, sizeof(s));
	s.done[SA_UPDATES] = true;
	s.done[SA_PASSWORDS] = true;
	fill(&r[0], DIAG_NO);
	fill(&r[1], DIAG_UNKNOWN);
	fill(&r[2], DIAG_YES);
	sa_check_answers(&s, r, 3);
	assert_true(s.contradicted);
	assert_true(s.check[SA_UPDATES].contradicted);
	assert_int_equal(s.check[SA_UPDATES].answers, 3);
	assert_int_equal(s.check[SA_UPDATES].weak, 2);
	assert_true(s.check[SA_PASSWORDS].contradicted);
	/* not recorded as done: nothing to contradict */
	assert_false(s.check[SA_ANTIVIRUS].contradicted);
	assert_int_equal(s.check[SA_ANTIVIRUS].weak, 2);
}

/* Exactly half is not "more than half"; "partly" is not weak; unanswered
 * items are not counted. */
static void
test_sa_check_answers_boundaries(void **state)
{
	struct sa_state s;
	struct diag_resp r[4];
	int k;

	memset(&s, 0, sizeof(s));
	for (k = 0; k < SA__MAX; k++)
		s.done[k] = true;
	fill(&r[0], DIAG_NO);
	fill(&r[1], DIAG_UNKNOWN);
	fill(&r[2], DIAG_PARTLY);
	fill(&r[3], DIAG_YES);
	sa_check_answers(&s, r, 4);
	assert_false(s.contradicted);
	assert_int_equal(s.check[SA_THREATS].weak, 2);
	r[3].ans[sa_item(SA_THREATS)] = DIAG_NONE;
	sa_check_answers(&s, r, 4);
	assert_true(s.check[SA_THREATS].contradicted);
	assert_int_equal(s.check[SA_THREATS].answers, 3);
	assert_false(s.check[SA_UPDATES].contradicted);
	/* no answers at all: nothing to say */
	sa_check_answers(&s, r, 0);
	assert_false(s.contradicted);
	assert_int_equal(s.check[SA_UPDATES].answers, 0);
}

/* One star: all five principles; two: and a diagnosis, an approved and
 * a published policy.  Nothing else counts. */
static void
test_sa_stars_rule(void **state)
{
	assert_int_equal(sa_stars(0, true, true, true), 0);
	assert_int_equal(sa_stars(SA__MAX - 1, true, true, true), 0);
	assert_int_equal(sa_stars(SA__MAX, false, false, false), 1);
	assert_int_equal(sa_stars(SA__MAX, true, true, false), 1);
	assert_int_equal(sa_stars(SA__MAX, true, false, true), 1);
	assert_int_equal(sa_stars(SA__MAX, false, true, true), 1);
	assert_int_equal(sa_stars(SA__MAX, true, true, true), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sa_item_mapping),
		cmocka_unit_test(test_sa_check_answers_mostly_no),
		cmocka_unit_test(test_sa_check_answers_boundaries),
		cmocka_unit_test(test_sa_stars_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
