/* Unit tests for src/model/diag.c: points, parts, bands, rounding, keys,
 * storage encoding and the per-round statistics. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "model/diag.h"

/* A respondent answering every item with a. */
static struct diag_resp
resp_all(enum diag_role role, enum diag_answer a)
{
	struct diag_resp r;

	memset(&r, 0, sizeof(r));
	r.name = "";
	r.role = role;
	memset(r.ans, a, sizeof(r.ans));
	return r;
}

/*
 * The seed example (SPEC §2): points from "implemented" 40, from "partly"
 * 50, from "don't know" −17, total 73 over three respondents.
 */
static void
seed_example(struct diag_resp r[3])
{
	int i;

	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_NO);
	r[1] = resp_all(DIAG_ROLE_MANAGER, DIAG_PARTLY);
	r[2] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_NO);
	for (i = 0; i < 10; i++)
		r[0].ans[i] = DIAG_YES;			/* 10 × 4 = 40 */
	for (i = 0; i < 17; i++)
		r[2].ans[i] = DIAG_UNKNOWN;		/* 17 × −1 = −17 */
}

static void
test_diag_points_each(void **state)
{
	assert_int_equal(diag_points(DIAG_YES), 4);
	assert_int_equal(diag_points(DIAG_PARTLY), 2);
	assert_int_equal(diag_points(DIAG_NO), 0);
	assert_int_equal(diag_points(DIAG_UNKNOWN), -1);
	assert_int_equal(diag_points(DIAG_NONE), 0);
	assert_int_equal(diag_points(DIAG_ANSWER__MAX), 0);
	assert_int_equal(diag_points((enum diag_answer)200), 0);
}

static void
test_diag_part_of_every_item(void **state)
{
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(diag_part_of(i), 0);
	for (i = 5; i < 18; i++)
		assert_int_equal(diag_part_of(i), 1);
	for (i = 18; i < 25; i++)
		assert_int_equal(diag_part_of(i), 2);
	assert_int_equal(diag_part_of(-1), -1);
	assert_int_equal(diag_part_of(DIAG_ITEMS), -1);
}

static void
test_diag_part_first_len(void **state)
{
	int p, total = 0;

	assert_int_equal(diag_part_first(0), 0);
	assert_int_equal(diag_part_len(0), 5);
	assert_int_equal(diag_part_first(1), 5);
	assert_int_equal(diag_part_len(1), 13);
	assert_int_equal(diag_part_first(2), 18);
	assert_int_equal(diag_part_len(2), 7);
	for (p = 0; p < DIAG_PARTS; p++) {
		assert_int_equal(diag_part_first(p), total);
		total += diag_part_len(p);
	}
	assert_int_equal(total, DIAG_ITEMS);
	assert_int_equal(diag_part_first(-1), -1);
	assert_int_equal(diag_part_first(DIAG_PARTS), -1);
	assert_int_equal(diag_part_len(-1), 0);
	assert_int_equal(diag_part_len(DIAG_PARTS), 0);
}

static void
test_diag_band_of_boundaries(void **state)
{
	assert_int_equal(diag_band_of(1000), DIAG_BAND_EXCELLENT);
	assert_int_equal(diag_band_of(999), DIAG_BAND_GOOD);
	assert_int_equal(diag_band_of(700), DIAG_BAND_GOOD);
	assert_int_equal(diag_band_of(699), DIAG_BAND_FAIR);
	assert_int_equal(diag_band_of(500), DIAG_BAND_FAIR);
	assert_int_equal(diag_band_of(499), DIAG_BAND_WEAK);
	assert_int_equal(diag_band_of(0), DIAG_BAND_WEAK);
	assert_int_equal(diag_band_of(-250), DIAG_BAND_WEAK);
	assert_int_equal(diag_band_of(LONG_MIN), DIAG_BAND_WEAK);
	assert_int_equal(diag_band_of(LONG_MAX), DIAG_BAND_EXCELLENT);
}

static void
test_diag_keys_each(void **state)
{
	assert_string_equal(diag_answer_key(DIAG_YES), "yes");
	assert_string_equal(diag_answer_key(DIAG_PARTLY), "partly");
	assert_string_equal(diag_answer_key(DIAG_NO), "no");
	assert_string_equal(diag_answer_key(DIAG_UNKNOWN), "unknown");
	assert_string_equal(diag_answer_key(DIAG_NONE), "");
	assert_string_equal(diag_answer_key(DIAG_ANSWER__MAX), "");
	assert_string_equal(diag_role_key(DIAG_ROLE_EXECUTIVE), "executive");
	assert_string_equal(diag_role_key(DIAG_ROLE_MANAGER), "manager");
	assert_string_equal(diag_role_key(DIAG_ROLE_EMPLOYEE), "employee");
	assert_string_equal(diag_role_key(DIAG_ROLE__MAX), "");
	assert_string_equal(diag_band_key(DIAG_BAND_EXCELLENT), "excellent");
	assert_string_equal(diag_band_key(DIAG_BAND_GOOD), "good");
	assert_string_equal(diag_band_key(DIAG_BAND_FAIR), "fair");
	assert_string_equal(diag_band_key(DIAG_BAND_WEAK), "weak");
	assert_string_equal(diag_band_key(DIAG_BAND__MAX), "");
}

static void
test_diag_from_key_round_trip(void **state)
{
	int k;

	for (k = DIAG_NONE + 1; k < DIAG_ANSWER__MAX; k++) {
		const char *s = diag_answer_key((enum diag_answer)k);

		assert_int_equal(diag_answer_from_key(s, strlen(s)), k);
	}
	for (k = 0; k < DIAG_ROLE__MAX; k++) {
		const char *s = diag_role_key((enum diag_role)k);

		assert_int_equal(diag_role_from_key(s, strlen(s)), k);
	}
}

static void
test_diag_from_key_rejects(void **state)
{
	assert_int_equal(diag_answer_from_key("", 0), -1);
	assert_int_equal(diag_answer_from_key(NULL, 0), -1);
	assert_int_equal(diag_answer_from_key("Yes", 3), -1);
	assert_int_equal(diag_answer_from_key("ye", 2), -1);
	assert_int_equal(diag_answer_from_key("yes ", 4), -1);
	/* Length decides, not the NUL: "yesno" cut at 3 is "yes". */
	assert_int_equal(diag_answer_from_key("yesno", 3), DIAG_YES);
	assert_int_equal(diag_role_from_key("", 0), -1);
	assert_int_equal(diag_role_from_key(NULL, 3), -1);
	assert_int_equal(diag_role_from_key("boss", 4), -1);
	assert_int_equal(diag_role_from_key("executives", 10), -1);
}

static void
test_diag_encode_each_answer(void **state)
{
	unsigned char ans[DIAG_ITEMS];
	char out[DIAG_ITEMS + 1];
	int i;

	for (i = 0; i < DIAG_ITEMS; i++)
		ans[i] = (unsigned char)(i % DIAG_ANSWER__MAX);
	ans[24] = 200;	/* corrupt: stored as not answered */
	diag_encode(ans, out);
	assert_string_equal(out, ".420u.420u.420u.420u.420.");
}

static void
test_diag_decode_round_trip(void **state)
{
	unsigned char ans[DIAG_ITEMS], back[DIAG_ITEMS];
	char out[DIAG_ITEMS + 1];
	int i;

	for (i = 0; i < DIAG_ITEMS; i++)
		ans[i] = (unsigned char)((i * 7) % DIAG_ANSWER__MAX);
	diag_encode(ans, out);
	assert_int_equal(diag_decode(out, strlen(out), back), 0);
	assert_memory_equal(ans, back, sizeof(ans));
}

static void
test_diag_decode_rejects(void **state)
{
	unsigned char ans[DIAG_ITEMS], orig[DIAG_ITEMS];
	char s[DIAG_ITEMS + 2];

	memset(ans, DIAG_YES, sizeof(ans));
	memcpy(orig, ans, sizeof(ans));
	memset(s, '4', sizeof(s));
	assert_int_equal(diag_decode(s, DIAG_ITEMS - 1, ans), -1);
	assert_int_equal(diag_decode(s, DIAG_ITEMS + 1, ans), -1);
	assert_int_equal(diag_decode(NULL, DIAG_ITEMS, ans), -1);
	s[12] = 'x';
	assert_int_equal(diag_decode(s, DIAG_ITEMS, ans), -1);
	s[12] = '\0';
	assert_int_equal(diag_decode(s, DIAG_ITEMS, ans), -1);
	s[12] = 'U';
	assert_int_equal(diag_decode(s, DIAG_ITEMS, ans), -1);
	/* ans untouched by every failure */
	assert_memory_equal(ans, orig, sizeof(ans));
	s[12] = 'u';
	assert_int_equal(diag_decode(s, DIAG_ITEMS, ans), 0);
	assert_int_equal(ans[12], DIAG_UNKNOWN);
	assert_int_equal(ans[0], DIAG_YES);
}

static void
test_diag_resp_answered_and_score(void **state)
{
	struct diag_resp r = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_YES);

	assert_int_equal(diag_resp_answered(&r), 25);
	assert_int_equal(diag_resp_score(&r), 100);
	r = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_UNKNOWN);
	assert_int_equal(diag_resp_score(&r), -25);
	r.ans[3] = DIAG_NONE;
	r.ans[4] = 99;
	assert_int_equal(diag_resp_answered(&r), 23);
	assert_int_equal(diag_resp_score(&r), -23);
}

static void
test_diag_mean_tenths_rounding(void **state)
{
	assert_int_equal(diag_mean_tenths(73, 3), 243);
	assert_int_equal(diag_mean_tenths(0, 5), 0);
	assert_int_equal(diag_mean_tenths(100, 1), 1000);
	assert_int_equal(diag_mean_tenths(1, 3), 3);
	assert_int_equal(diag_mean_tenths(2, 3), 7);
	assert_int_equal(diag_mean_tenths(-1, 3), -3);
	assert_int_equal(diag_mean_tenths(-2, 3), -7);
	assert_int_equal(diag_mean_tenths(5, 1000), 0);
	assert_int_equal(diag_mean_tenths(-4, 100), 0);	/* −0.04: no "−0" */
}

static void
test_diag_mean_tenths_half_away(void **state)
{
	assert_int_equal(diag_mean_tenths(1, 4), 3);		/* 0.25 */
	assert_int_equal(diag_mean_tenths(-1, 4), -3);	/* −0.25 */
	assert_int_equal(diag_mean_tenths(1, 20), 1);	/* 0.05 */
	assert_int_equal(diag_mean_tenths(-1, 20), -1);	/* −0.05 */
	assert_int_equal(diag_mean_tenths(3, 4), 8);		/* 0.75 */
	assert_int_equal(diag_mean_tenths(-3, 4), -8);
	assert_int_equal(diag_mean_tenths(49, 200), 2);	/* 0.245 */
	assert_int_equal(diag_mean_tenths(-49, 200), -2);
	assert_int_equal(diag_mean_tenths(5, 2), 25);	/* exact */
	assert_int_equal(diag_mean_tenths(-5, 2), -25);
}

static void
test_diag_mean_tenths_edges(void **state)
{
	assert_int_equal(diag_mean_tenths(5, 0), 0);
	assert_int_equal(diag_mean_tenths(5, -3), 0);
	assert_int_equal(diag_mean_tenths(LONG_MAX / 10, 1),
	    LONG_MAX / 10 * 10);
	assert_int_equal(diag_mean_tenths(-(LONG_MAX / 10), 1),
	    -(LONG_MAX / 10 * 10));
	/* sum·10 would overflow; the split arithmetic does not */
	assert_int_equal(diag_mean_tenths(LONG_MAX, 100000000000000000L),
	    922);
	assert_int_equal(diag_mean_tenths(LONG_MIN + 1, 100000000000000000L),
	    -922);
	assert_int_equal(diag_mean_tenths(50000000000000000L,
	    100000000000000000L), 5);
}

static void
test_diag_compute_seed_example(void **state)
{
	struct diag_resp r[3];
	struct diag_result res;

	seed_example(r);
	assert_int_equal(diag_resp_score(&r[0]) + diag_resp_score(&r[1]) +
	    diag_resp_score(&r[2]), 73);
	diag_compute(r, 3, &res);
	assert_int_equal(res.n, 3);
	assert_int_equal(res.company_tenths, 243);
	assert_int_equal(res.band, DIAG_BAND_WEAK);
	assert_int_equal(res.role_n[DIAG_ROLE_EXECUTIVE], 1);
	assert_int_equal(res.role_n[DIAG_ROLE_MANAGER], 1);
	assert_int_equal(res.role_n[DIAG_ROLE_EMPLOYEE], 1);
	assert_int_equal(res.role_mean_tenths[DIAG_ROLE_EXECUTIVE], 400);
	assert_int_equal(res.role_mean_tenths[DIAG_ROLE_MANAGER], 500);
	assert_int_equal(res.role_mean_tenths[DIAG_ROLE_EMPLOYEE], -170);
	/* item 1: yes, partly, unknown → 5/3 */
	assert_int_equal(res.item[0].mean_tenths, 17);
	assert_int_equal(res.item[0].counts[DIAG_YES], 1);
	assert_int_equal(res.item[0].counts[DIAG_PARTLY], 1);
	assert_int_equal(res.item[0].counts[DIAG_NO], 0);
	assert_int_equal(res.item[0].counts[DIAG_UNKNOWN], 1);
	/* parts: 25/15, 34/39, 14/21 points an item */
	assert_int_equal(res.part_mean_tenths[0], 17);
	assert_int_equal(res.part_mean_tenths[1], 9);
	assert_int_equal(res.part_mean_tenths[2], 7);
}

static void
test_diag_compute_skips_incomplete(void **state)
{
	struct diag_resp r[5];
	struct diag_result res;

	seed_example(r);
	r[3] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	r[3].ans[24] = DIAG_NONE;		/* 24 answers: skipped */
	r[4] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	r[4].role = (enum diag_role)7;		/* corrupt role: skipped */
	diag_compute(r, 5, &res);
	assert_int_equal(res.n, 3);
	assert_int_equal(res.company_tenths, 243);
	assert_int_equal(res.role_n[DIAG_ROLE_EXECUTIVE], 1);
	assert_int_equal(res.item[24].counts[DIAG_YES], 0);
}

static void
test_diag_compute_empty(void **state)
{
	struct diag_result res;
	int i;

	diag_compute(NULL, 0, &res);
	assert_int_equal(res.n, 0);
	assert_int_equal(res.company_tenths, 0);
	assert_int_equal(res.band, DIAG_BAND_WEAK);
	for (i = 0; i < DIAG_ITEMS; i++) {
		assert_int_equal(res.weakest[i], i);
		assert_false(res.item[i].gap_valid);
	}
}

static void
test_diag_compute_bands(void **state)
{
	struct diag_resp r[2];
	struct diag_result res;

	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	diag_compute(r, 1, &res);
	assert_int_equal(res.company_tenths, 1000);
	assert_int_equal(res.band, DIAG_BAND_EXCELLENT);
	r[1] = resp_all(DIAG_ROLE_MANAGER, DIAG_YES);
	r[1].ans[0] = DIAG_UNKNOWN;		/* 95 → 97.5 */
	diag_compute(r, 2, &res);
	assert_int_equal(res.company_tenths, 975);
	assert_int_equal(res.band, DIAG_BAND_GOOD);
	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_PARTLY);	/* 50 */
	diag_compute(r, 1, &res);
	assert_int_equal(res.band, DIAG_BAND_FAIR);
}

static void
test_diag_compute_by_role(void **state)
{
	struct diag_resp r[3];
	struct diag_result res;

	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	r[1] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_NO);
	r[2] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_UNKNOWN);
	diag_compute(r, 3, &res);
	assert_int_equal(res.item[5].by_role[DIAG_ROLE_EXECUTIVE][DIAG_YES], 1);
	assert_int_equal(res.item[5].by_role[DIAG_ROLE_EMPLOYEE][DIAG_NO], 1);
	assert_int_equal(
	    res.item[5].by_role[DIAG_ROLE_EMPLOYEE][DIAG_UNKNOWN], 1);
	assert_int_equal(res.item[5].by_role[DIAG_ROLE_MANAGER][DIAG_YES], 0);
	assert_int_equal(res.item[5].role_mean_tenths[DIAG_ROLE_EXECUTIVE], 40);
	assert_int_equal(res.item[5].role_mean_tenths[DIAG_ROLE_EMPLOYEE], -5);
	assert_int_equal(res.item[5].role_mean_tenths[DIAG_ROLE_MANAGER], 0);
	assert_int_equal(res.role_mean_tenths[DIAG_ROLE_EMPLOYEE], -125);
	assert_int_equal(res.role_n[DIAG_ROLE_MANAGER], 0);
	assert_int_equal(res.role_mean_tenths[DIAG_ROLE_MANAGER], 0);
}

static void
test_diag_compute_gap_simple(void **state)
{
	struct diag_resp r[3];
	struct diag_result res;

	/* executive 4; manager 2 and employee 0 together 1: gap 3.0 */
	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	r[1] = resp_all(DIAG_ROLE_MANAGER, DIAG_PARTLY);
	r[2] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_NO);
	r[2].ans[1] = DIAG_YES;			/* item 2: staff 3, gap 1.0 */
	diag_compute(r, 3, &res);
	assert_true(res.item[0].gap_valid);
	assert_int_equal(res.item[0].gap_tenths, 30);
	assert_int_equal(res.item[1].gap_tenths, 10);
	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_UNKNOWN);
	diag_compute(r, 3, &res);
	assert_int_equal(res.item[0].gap_tenths, -20);	/* −1 − 1 */
}

static void
test_diag_compute_gap_one_side(void **state)
{
	struct diag_resp r[2];
	struct diag_result res;

	r[0] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_YES);
	r[1] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_NO);
	diag_compute(r, 2, &res);
	assert_false(res.item[0].gap_valid);
	assert_int_equal(res.item[0].gap_tenths, 0);
	r[0] = resp_all(DIAG_ROLE_MANAGER, DIAG_YES);
	r[1] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_NO);
	diag_compute(r, 2, &res);
	assert_false(res.item[0].gap_valid);
	assert_int_equal(res.item[0].gap_tenths, 0);
}

/* The staff mean is rounded on its own (−0.05 → −0.1, half away from
 * zero), and the gap is the difference of the two means as shown:
 * 0.3 − (−0.1) = 0.4, so the three figures a table shows agree. */
static void
test_diag_compute_gap_of_shown_means(void **state)
{
	static const enum diag_answer ex[4] = {
		DIAG_PARTLY, DIAG_NO, DIAG_NO, DIAG_UNKNOWN,
	};
	struct diag_resp r[24];
	struct diag_result res;
	int i;

	for (i = 0; i < 4; i++) {	/* executives: 0.25 on item 1 */
		r[i] = resp_all(DIAG_ROLE_EXECUTIVE, DIAG_NO);
		r[i].ans[0] = (unsigned char)ex[i];
	}
	for (i = 4; i < 24; i++)	/* staff: −1/20 = −0.05 on item 1 */
		r[i] = resp_all(i % 2 ? DIAG_ROLE_MANAGER : DIAG_ROLE_EMPLOYEE,
		    DIAG_NO);
	r[4].ans[0] = DIAG_UNKNOWN;
	diag_compute(r, 24, &res);
	assert_int_equal(res.item[0].role_mean_tenths[DIAG_ROLE_EXECUTIVE], 3);
	assert_int_equal(res.item[0].staff_mean_tenths, -1);
	assert_true(res.item[0].gap_valid);
	assert_int_equal(res.item[0].gap_tenths, 4);
	assert_int_equal(res.item[1].staff_mean_tenths, 0);
}

/* A part on the 100-point scale is its mean × 25, rounded once from the
 * exact mean: two respondents with 4 and 2 on every item of a part give
 * 3.0 points, 75.0 on 100; one "partly" among the 13 items of part 2
 * gives 50/13 = 3.85 → 3.8 points and 96.2 on 100 (not 3.8 × 25 = 95). */
static void
test_diag_compute_part_on100(void **state)
{
	struct diag_resp r[2];
	struct diag_result res;
	int first = diag_part_first(1);

	r[0] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_YES);
	r[1] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_PARTLY);
	diag_compute(r, 2, &res);
	assert_int_equal(res.part_mean_tenths[0], 30);
	assert_int_equal(res.part_on100_tenths[0], 750);
	assert_int_equal(res.part_on100_tenths[2], 750);
	r[1] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_YES);
	r[1].ans[first] = DIAG_PARTLY;
	diag_compute(r, 1, &res);	/* one respondent: only r[0] */
	assert_int_equal(res.part_on100_tenths[1], 1000);
	diag_compute(&r[1], 1, &res);
	assert_int_equal(diag_part_len(1), 13);
	assert_int_equal(res.part_mean_tenths[1], 38);
	assert_int_equal(res.part_on100_tenths[1], 962);
}

static void
test_diag_compute_weakest_order(void **state)
{
	struct diag_resp r[3];
	struct diag_result res;
	int i;

	for (i = 0; i < 3; i++)
		r[i] = resp_all(DIAG_ROLE_EMPLOYEE, DIAG_YES);
	/* item 21: all unknown, sum −3: weakest */
	for (i = 0; i < 3; i++)
		r[i].ans[20] = DIAG_UNKNOWN;
	/* items 4, 9 and 17 all sum 0; 9 and 17 hold two "don't know" */
	for (i = 0; i < 3; i++)
		r[i].ans[3] = DIAG_NO;
	r[0].ans[8] = r[1].ans[8] = DIAG_UNKNOWN;
	r[2].ans[8] = DIAG_PARTLY;
	r[0].ans[16] = r[2].ans[16] = DIAG_UNKNOWN;
	r[1].ans[16] = DIAG_PARTLY;
	/* item 2: sum 10 */
	r[0].ans[1] = DIAG_PARTLY;
	diag_compute(r, 3, &res);
	assert_int_equal(res.weakest[0], 20);
	assert_int_equal(res.weakest[1], 8);
	assert_int_equal(res.weakest[2], 16);
	assert_int_equal(res.weakest[3], 3);
	assert_int_equal(res.weakest[4], 1);
	/* the rest tie at 12 points and no "don't know": by number */
	assert_int_equal(res.weakest[5], 0);
	assert_int_equal(res.weakest[6], 2);
	assert_int_equal(res.weakest[7], 4);
	assert_int_equal(res.weakest[24], 24);
	assert_int_equal(res.item[20].mean_tenths, -10);
	assert_int_equal(res.item[1].mean_tenths, 33);
}

/* One respondent's answers, ordered as the finished page shows them. */
static void
test_diag_compute_weakest_of_one(void **state)
{
	struct diag_resp r = resp_all(DIAG_ROLE_MANAGER, DIAG_YES);
	struct diag_result res;

	r.ans[11] = DIAG_NO;		/* 0 points */
	r.ans[6] = DIAG_UNKNOWN;	/* −1: weakest */
	r.ans[3] = DIAG_NO;		/* 0, lower number than 12 */
	r.ans[0] = DIAG_PARTLY;
	diag_compute(&r, 1, &res);
	assert_int_equal(res.company_tenths, 10 * diag_resp_score(&r));
	assert_int_equal(res.weakest[0], 6);
	assert_int_equal(res.weakest[1], 3);
	assert_int_equal(res.weakest[2], 11);
	assert_int_equal(res.weakest[3], 0);
}

static void
hide_case(const int n[DIAG_ROLE__MAX], const bool want[DIAG_ROLE__MAX],
    bool staff)
{
	struct diag_resp r[20];
	struct diag_result res;
	size_t k = 0;
	int ro, i;

	for (ro = 0; ro < DIAG_ROLE__MAX; ro++)
		for (i = 0; i < n[ro]; i++)
			r[k++] = resp_all((enum diag_role)ro, DIAG_YES);
	diag_compute(r, k, &res);
	for (ro = 0; ro < DIAG_ROLE__MAX; ro++)
		assert_int_equal(res.role_hidden[ro], want[ro]);
	assert_int_equal(res.staff_hidden, staff);
}

static void
test_diag_compute_role_hidden(void **state)
{
	/* executive, manager, employee */
	hide_case((int[]){ 2, 3, 4 }, (bool[]){ false, false, false }, false);
	hide_case((int[]){ 0, 2, 5 }, (bool[]){ false, false, false }, false);
	/* one executive: hidden, and the smallest other role with them,
	 * or the executive's answers are the total minus the rest */
	hide_case((int[]){ 1, 3, 2 }, (bool[]){ true, false, true }, true);
	hide_case((int[]){ 1, 0, 4 }, (bool[]){ true, false, true }, true);
	/* two of one each: hidden together, two people */
	hide_case((int[]){ 1, 1, 5 }, (bool[]){ true, true, false }, true);
	/* one person only: nothing else to hide behind */
	hide_case((int[]){ 0, 1, 0 }, (bool[]){ false, true, false }, true);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_points_each),
		cmocka_unit_test(test_diag_part_of_every_item),
		cmocka_unit_test(test_diag_part_first_len),
		cmocka_unit_test(test_diag_band_of_boundaries),
		cmocka_unit_test(test_diag_keys_each),
		cmocka_unit_test(test_diag_from_key_round_trip),
		cmocka_unit_test(test_diag_from_key_rejects),
		cmocka_unit_test(test_diag_encode_each_answer),
		cmocka_unit_test(test_diag_decode_round_trip),
		cmocka_unit_test(test_diag_decode_rejects),
		cmocka_unit_test(test_diag_resp_answered_and_score),
		cmocka_unit_test(test_diag_mean_tenths_rounding),
		cmocka_unit_test(test_diag_mean_tenths_half_away),
		cmocka_unit_test(test_diag_mean_tenths_edges),
		cmocka_unit_test(test_diag_compute_seed_example),
		cmocka_unit_test(test_diag_compute_skips_incomplete),
		cmocka_unit_test(test_diag_compute_empty),
		cmocka_unit_test(test_diag_compute_bands),
		cmocka_unit_test(test_diag_compute_by_role),
		cmocka_unit_test(test_diag_compute_gap_simple),
		cmocka_unit_test(test_diag_compute_gap_one_side),
		cmocka_unit_test(test_diag_compute_gap_of_shown_means),
		cmocka_unit_test(test_diag_compute_part_on100),
		cmocka_unit_test(test_diag_compute_weakest_order),
		cmocka_unit_test(test_diag_compute_weakest_of_one),
		cmocka_unit_test(test_diag_compute_role_hidden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
