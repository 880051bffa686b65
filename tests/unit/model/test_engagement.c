/* Unit tests for src/model/engagement.c: days and the planning of visits
 * across month and year ends and leap days, the checks of a visit's
 * record (a visit before the previous one, homework without a due date),
 * and the stored engagement on SQLite and PostgreSQL: open once, save
 * with rev, later visits moving with an earlier one, homework done,
 * deliverables' states. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engagement.h"
#include "testdb.h"

static void
test_engagement_day_ok(void **state)
{
	assert_true(engagement_day_ok("2024-02-29"));
	assert_false(engagement_day_ok("2023-02-29"));
	assert_true(engagement_day_ok("2000-02-29"));
	assert_false(engagement_day_ok("2100-02-29"));
	assert_false(engagement_day_ok("2025-04-31"));
	assert_false(engagement_day_ok("2025-13-01"));
	assert_false(engagement_day_ok("2025-00-10"));
	assert_false(engagement_day_ok("2025-1-10"));
	assert_false(engagement_day_ok("2025/01/10"));
	assert_false(engagement_day_ok("1999-12-31"));
	assert_false(engagement_day_ok(""));
	assert_false(engagement_day_ok(NULL));
	assert_true(engagement_day_ok("2199-12-31"));
}

static void
test_engagement_day_add_month_year_ends(void **state)
{
	static const struct {
		const char	*from;
		long		 days;
		const char	*to;
	} t[] = {
		{ "2025-01-31", 1, "2025-02-01" },
		{ "2025-02-28", 1, "2025-03-01" },
		{ "2024-02-28", 1, "2024-02-29" },
		{ "2024-02-15", 14, "2024-02-29" },
		{ "2023-02-15", 14, "2023-03-01" },
		{ "2025-12-25", 14, "2026-01-08" },
		{ "2025-12-31", 1, "2026-01-01" },
		{ "2026-01-08", -14, "2025-12-25" },
		{ "2025-10-17", 0, "2025-10-17" },
		{ "2099-12-31", 366, "2101-01-01" },
	};
	char out[ENGAGEMENT_DAY_LEN + 1];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_true(engagement_day_add(t[i].from, t[i].days, out));
		assert_string_equal(out, t[i].to);
		assert_int_equal(engagement_day_diff(t[i].from, t[i].to),
		    t[i].days);
	}
	assert_false(engagement_day_add("2199-12-25", 14, out));
	assert_false(engagement_day_add("2000-01-01", -1, out));
	assert_false(engagement_day_add("nope", 1, out));
}

static void
test_engagement_plan_gaps(void **state)
{
	char d[4][ENGAGEMENT_DAY_LEN + 1];

	/* four visits every 14 days from 2025-12-11: over the year's end */
	assert_true(engagement_plan("2025-12-11", 4, 14, d));
	assert_string_equal(d[0], "2025-12-11");
	assert_string_equal(d[1], "2025-12-25");
	assert_string_equal(d[2], "2026-01-08");
	assert_string_equal(d[3], "2026-01-22");
	/* through February of a leap year */
	assert_true(engagement_plan("2028-02-01", 4, 14, d));
	assert_string_equal(d[1], "2028-02-15");
	assert_string_equal(d[2], "2028-02-29");
	assert_string_equal(d[3], "2028-03-14");
	/* and of a common one */
	assert_true(engagement_plan("2027-02-01", 4, 14, d));
	assert_string_equal(d[2], "2027-03-01");
	assert_true(engagement_plan("2025-10-17", 1, 14, d));
	assert_string_equal(d[0], "2025-10-17");
	assert_false(engagement_plan("2025-02-30", 4, 14, d));
	assert_false(engagement_plan("2199-12-01", 4, 14, d));
}

/* A view of four visits: 1 held on 10-17, 2 held on 11-01, 3 and 4
 * planned on 11-04 and 11-18. */
static void
four(struct engagement_view *ev, struct engagement_visit v[4])
{
	static const char *const planned[4] = { "2025-10-17", "2025-10-31",
	    "2025-11-04", "2025-11-18" };
	static const char *const held[4] = { "2025-10-17", "2025-11-01", "",
	    "" };
	int i;

	memset(ev, 0, sizeof(*ev));
	memset(v, 0, 4 * sizeof(*v));
	for (i = 0; i < 4; i++) {
		v[i].n = i + 1;
		v[i].planned = planned[i];
		v[i].held = held[i];
	}
	ev->visit = v;
	ev->nvisits = 4;
}

static void
test_engagement_check_days(void **state)
{
	struct engagement_view ev;
	struct engagement_visit v[4];
	const char *today = "2025-11-10";
	int f;

	four(&ev, v);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-04", "",
	    today, &f), ENGE_OK);
	/* visit 2 counts as the day it was held, 11-01, not 10-31 */
	assert_int_equal(engagement_check_days(&ev, 3, "2025-10-31", "",
	    today, &f), ENGE_BEFORE_PREV);
	assert_int_equal(f, 0);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-01", "",
	    today, &f), ENGE_OK);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-04",
	    "2025-10-30", today, &f), ENGE_BEFORE_PREV);
	assert_int_equal(f, 1);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-04",
	    "2025-11-11", today, &f), ENGE_HELD_FUTURE);
	assert_int_equal(f, 1);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-31", "",
	    today, &f), ENGE_DAY);
	assert_int_equal(engagement_check_days(&ev, 3, "2025-11-04", "11/4",
	    today, &f), ENGE_DAY);
	assert_int_equal(f, 1);
	/* visit 1 may not move past the day visit 2 was held */
	assert_int_equal(engagement_check_days(&ev, 1, "2025-11-02", "",
	    today, &f), ENGE_AFTER_NEXT);
	assert_int_equal(engagement_check_days(&ev, 1, "2025-10-20", "",
	    today, &f), ENGE_OK);
	/* the first visit has nothing before it */
	assert_int_equal(engagement_check_days(&ev, 1, "2025-01-01", "",
	    today, &f), ENGE_OK);
}

static void
test_engagement_check_homework(void **state)
{
	struct engagement_homework h = { .text = "基本方針の案を書く",
	    .due = "2025-10-31", .done = "" };
	char long_text[ENGAGEMENT_LINE_MAX + 2];
	int f;

	assert_int_equal(engagement_check_homework(&h, &f), ENGE_OK);
	h.due = "";
	assert_int_equal(engagement_check_homework(&h, &f), ENGE_DUE_MISSING);
	assert_int_equal(f, 1);
	h.due = NULL;
	assert_int_equal(engagement_check_homework(&h, &f), ENGE_DUE_MISSING);
	h.due = "2025-02-29";
	assert_int_equal(engagement_check_homework(&h, &f), ENGE_DAY);
	assert_int_equal(f, 1);
	h.due = "2025-10-31";
	h.done = "yesterday";
	assert_int_equal(engagement_check_homework(&h, &f), ENGE_DAY);
	assert_int_equal(f, 2);
	h.done = "";
	h.text = "";
	assert_int_equal(engagement_check_homework(&h, &f),
	    ENGE_TEXT_MISSING);
	assert_int_equal(f, 0);
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	h.text = long_text;
	assert_int_equal(engagement_check_homework(&h, &f), ENGE_TOO_LONG);
	/* overdue: not done, due before today */
	h.text = "x";
	assert_false(engagement_overdue(&h, "2025-10-31"));
	assert_true(engagement_overdue(&h, "2025-11-01"));
	h.done = "2025-11-02";
	assert_false(engagement_overdue(&h, "2025-11-05"));
}

static void
test_engagement_keys(void **state)
{
	int i;

	for (i = 0; i < ENG_MODE__MAX; i++)
		assert_int_equal(engagement_mode_of(engagement_mode_key(i)), i);
	for (i = 0; i < ENG_SIDE__MAX; i++)
		assert_int_equal(engagement_side_of(engagement_side_key(i)), i);
	for (i = 0; i < ENG_D__MAX; i++)
		assert_int_equal(engagement_dstate_of(engagement_dstate_key(i)),
		    i);
	for (i = 0; i < ENGE__MAX; i++)
		assert_non_null(engagement_err_key(i));
	assert_int_equal(engagement_mode_of("by_phone"), -1);
	assert_int_equal(engagement_side_of(NULL), -1);
}

static void
test_engagement_check_final(void **state)
{
	const char *today = "2025-12-24";
	char *long_text = calloc(1, ENGAGEMENT_SUMMARY_MAX * 3 + 4);
	int f, i;

	assert_int_equal(engagement_check_final("", "", "", today, &f),
	    ENGE_OK);
	/* done today, or planned on any day, even far ahead */
	assert_int_equal(engagement_check_final("まとめ", today, "", today, &f),
	    ENGE_OK);
	assert_int_equal(engagement_check_final("", "", "2026-03-31", today,
	    &f), ENGE_OK);
	assert_int_equal(engagement_check_final("", "", "2020-01-01", today,
	    &f), ENGE_OK);
	/* done tomorrow is refused, on the done field */
	assert_int_equal(engagement_check_final("", "2025-12-25", "", today,
	    &f), ENGE_DONE_FUTURE);
	assert_int_equal(f, 1);
	/* both days: refused on the planned field */
	assert_int_equal(engagement_check_final("", "2025-12-01",
	    "2026-01-10", today, &f), ENGE_BOTH_DAYS);
	assert_int_equal(f, 2);
	/* not days */
	assert_int_equal(engagement_check_final("", "2025-02-29", "", today,
	    &f), ENGE_DAY);
	assert_int_equal(f, 1);
	assert_int_equal(engagement_check_final("", "", "next week", today,
	    &f), ENGE_DAY);
	assert_int_equal(f, 2);
	/* 4000 characters (of three bytes each) pass, 4001 do not */
	for (i = 0; i < ENGAGEMENT_SUMMARY_MAX; i++)
		memcpy(long_text + 3 * i, "字", 3);
	assert_int_equal(engagement_check_final(long_text, "", "", today, &f),
	    ENGE_OK);
	memcpy(long_text + 3 * i, "a", 2);
	assert_int_equal(engagement_check_final(long_text, "", "", today, &f),
	    ENGE_TOO_LONG);
	assert_int_equal(f, 0);
	free(long_text);
}

/* The stored engagement, on either engine. */
static void
test_engagement_stored(void **state)
{
	static const char *const deliv[] = { "diagnosis_summary",
	    "pledge_copy" };
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "6_20"), other = testdb_org(e, "E",
	    "6_20"), rev;
	struct db_conn *c = db_acquire(e->db);
	struct engagement_view ev;
	struct engagement_visit v;
	struct engagement_homework hw[2] = {
		{ .side = ENG_COMPANY, .text = "基本方針の案", .due =
		    "2025-12-20", .done = "" },
		{ .side = ENG_ADVISOR, .text = "規程の確認表", .due =
		    "2025-12-22", .done = "" },
	};

	assert_int_equal(engagement_read(c, &e->a, org, &ev),
	    ENGAGEMENT_NONE);
	if (engagement_open(c, org, 0, "four_visits", "2025-12-11", 4, 14,
	    deliv, 2, 1000) != DB_OK)
		fail_msg("%s", db_errmsg(c));
	assert_int_equal(engagement_open(c, org, 0, "four_visits",
	    "2025-12-12", 4, 14, deliv, 2, 1001), ENGAGEMENT_EXISTS);
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	assert_string_equal(ev.e.tmpl, "four_visits");
	assert_string_equal(ev.e.state, "open");
	assert_string_equal(ev.e.first, "2025-12-11");
	assert_int_equal(ev.nvisits, 4);
	assert_string_equal(ev.visit[3].planned, "2026-01-22");
	assert_int_equal(ev.ndeliv, 2);
	assert_int_equal(ev.visit[0].rev, 1);
	assert_string_equal(ev.e.summary, "");
	assert_string_equal(ev.e.two_star_done, "");
	assert_string_equal(ev.e.two_star_planned, "");
	assert_int_equal(ev.e.final_rev, 1);
	assert_int_equal(engagement_read(c, &e->a, other, &ev),
	    ENGAGEMENT_NONE);

	/* the summary and the two-star state, saved by rev */
	assert_int_equal(engagement_final_save(c, org, 1, "まとめ\n二行目", "",
	    "2026-02-01", &rev), DB_OK);
	assert_int_equal(rev, 2);
	assert_int_equal(engagement_final_save(c, org, 1, "古い", "", "",
	    &rev), ENGAGEMENT_STALE);
	assert_int_equal(engagement_final_save(c, other, 1, "x", "", "",
	    &rev), ENGAGEMENT_NONE);
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	assert_string_equal(ev.e.summary, "まとめ\n二行目");
	assert_string_equal(ev.e.two_star_planned, "2026-02-01");
	assert_string_equal(ev.e.two_star_done, "");
	assert_int_equal(ev.e.final_rev, 2);

	/* visit 1 held two days late: planned moves, 2–4 keep their gaps */
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	memset(&v, 0, sizeof(v));
	v.n = 1;
	v.planned = "2025-12-13";
	v.held = "2025-12-13";
	v.attendees = "社長、総務課長";
	v.mode = ENG_ONLINE;
	v.nnotes = 2;
	v.notes[0].key = "hearing";
	v.notes[0].text = "クラウドで受発注";
	v.notes[1].key = "intro";
	v.notes[1].text = "";
	v.decisions = "次回は12月27日";
	assert_int_equal(engagement_visit_save(c, org, &ev, &v, 1, hw, 2, 0,
	    2000, &rev), DB_OK);
	assert_int_equal(rev, 2);
	/* the same rev again is stale */
	assert_int_equal(engagement_visit_save(c, org, &ev, &v, 1, hw, 2, 0,
	    2001, &rev), ENGAGEMENT_STALE);
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	assert_string_equal(ev.visit[0].held, "2025-12-13");
	assert_int_equal(ev.visit[0].mode, ENG_ONLINE);
	assert_string_equal(ev.visit[0].attendees, "社長、総務課長");
	assert_string_equal(engagement_note(&ev.visit[0], "hearing"),
	    "クラウドで受発注");
	assert_string_equal(engagement_note(&ev.visit[0], "intro"), "");
	assert_int_equal(ev.visit[0].nnotes, 1);
	assert_string_equal(ev.visit[1].planned, "2025-12-27");
	assert_string_equal(ev.visit[2].planned, "2026-01-10");
	assert_string_equal(ev.visit[3].planned, "2026-01-24");
	assert_int_equal(ev.visit[1].rev, 2);
	assert_int_equal(ev.nhw, 2);
	assert_int_equal(ev.hw[1].side, ENG_ADVISOR);
	assert_string_equal(ev.hw[0].due, "2025-12-20");

	/* company homework done; the visit's rev moves */
	assert_int_equal(engagement_homework_done(c, org, ev.hw[0].id,
	    "2025-12-19", 1766000000), DB_OK);
	assert_int_equal(engagement_homework_done(c, other, ev.hw[0].id,
	    "2025-12-19", 1766000000), ENGAGEMENT_NONE);
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	assert_string_equal(ev.hw[0].done, "2025-12-19");
	assert_int_equal(ev.visit[0].rev, 3);
	assert_false(engagement_overdue(&ev.hw[0], "2026-01-01"));
	assert_true(engagement_overdue(&ev.hw[1], "2025-12-23"));

	assert_int_equal(engagement_deliv_set(c, org, "pledge_copy",
	    ENG_D_AGREED, 0, 3000), DB_OK);
	assert_int_equal(engagement_deliv_set(c, org, "final_report",
	    ENG_D_AGREED, 0, 3000), ENGAGEMENT_NONE);
	assert_int_equal(engagement_read(c, &e->a, org, &ev), DB_OK);
	{
		size_t i;
		int agreed = 0;

		for (i = 0; i < ev.ndeliv; i++)
			if (strcmp(ev.deliv[i].key, "pledge_copy") == 0) {
				assert_int_equal(ev.deliv[i].state,
				    ENG_D_AGREED);
				assert_int_equal(ev.deliv[i].updated_at, 3000);
				agreed++;
			} else
				assert_int_equal(ev.deliv[i].state,
				    ENG_D_NOT_STARTED);
		assert_int_equal(agreed, 1);
	}
	db_release(e->db, c);
}

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "engagement");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "engagement");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_engagement_day_ok),
		cmocka_unit_test(test_engagement_day_add_month_year_ends),
		cmocka_unit_test(test_engagement_plan_gaps),
		cmocka_unit_test(test_engagement_check_days),
		cmocka_unit_test(test_engagement_check_homework),
		cmocka_unit_test(test_engagement_check_final),
		cmocka_unit_test(test_engagement_keys),
	};
	const struct CMUnitTest db_tests[] = {
		cmocka_unit_test(test_engagement_stored),
	};
	int failed;

	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", db_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", db_tests, setup_pg,
	    teardown);
	return failed;
}
