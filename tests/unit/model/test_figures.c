/* Unit tests for src/model/figures.c: the due day of a deadline month,
 * the follow-up six months after a visit, the count of late plan rows,
 * the portfolio's filters and order; and figures_refresh against a count
 * by hand of rounds, plan rows, incidents and principles — on SQLite, and
 * on PostgreSQL through the test server when MAMORI_TEST_PG_DIR is set
 * (tests/run.sh sets it; without it the PostgreSQL cases fail). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/content.h"
#include "model/engagement.h"
#include "model/figures.h"
#include "model/readiness.h"
#include "model/register.h"
#include "model/round.h"

static struct content ct;

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "figures");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "figures");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

static void
test_figures_month_due_is_the_last_day(void **state)
{
	char d[FIGURES_DAY_LEN + 1];

	(void)state;
	assert_true(figures_month_due("2024-02", d));
	assert_string_equal(d, "2024-02-29");
	assert_true(figures_month_due("2025-02", d));
	assert_string_equal(d, "2025-02-28");
	assert_true(figures_month_due("2100-02", d));
	assert_string_equal(d, "2100-02-28");
	assert_true(figures_month_due("2026-04", d));
	assert_string_equal(d, "2026-04-30");
	assert_true(figures_month_due("2026-12", d));
	assert_string_equal(d, "2026-12-31");
	assert_false(figures_month_due("2026-13", d));
	assert_false(figures_month_due("2026-00", d));
	assert_false(figures_month_due("2026-1", d));
	assert_false(figures_month_due("", d));
	assert_false(figures_month_due(NULL, d));
}

static void
test_figures_follow_up_six_months_on(void **state)
{
	char d[FIGURES_DAY_LEN + 1];

	(void)state;
	assert_true(figures_follow_up("2026-03-15", d));
	assert_string_equal(d, "2026-09-15");
	assert_true(figures_follow_up("2026-07-01", d));	/* next year */
	assert_string_equal(d, "2027-01-01");
	assert_true(figures_follow_up("2026-12-31", d));
	assert_string_equal(d, "2027-06-30");		/* June is shorter */
	assert_true(figures_follow_up("2026-08-31", d));
	assert_string_equal(d, "2027-02-28");
	assert_true(figures_follow_up("2027-08-30", d));
	assert_string_equal(d, "2028-02-29");		/* a leap year */
	assert_false(figures_follow_up("2026-02-30", d));
	assert_false(figures_follow_up("", d));
}

static void
test_figures_late_counts_days_before_today(void **state)
{
	const char *dues = "2026-01-31,2026-02-28,2026-02-28,2026-03-31";

	(void)state;
	assert_int_equal(figures_late(dues, "2026-01-31"), 0);	/* due today */
	assert_int_equal(figures_late(dues, "2026-02-01"), 1);
	assert_int_equal(figures_late(dues, "2026-02-28"), 1);
	assert_int_equal(figures_late(dues, "2026-03-01"), 3);
	assert_int_equal(figures_late(dues, "2027-01-01"), 4);
	assert_int_equal(figures_late("", "2027-01-01"), 0);
	assert_int_equal(figures_late("2026-01-31", "2026-02-01"), 1);
}

static void
test_figures_filter_and_sort(void **state)
{
	struct figures_client v[4];
	struct figures_filter flt = { -1, false, false, "" };
	size_t n = 4;

	(void)state;
	memset(v, 0, sizeof(v));
	v[0] = (struct figures_client){ .id = 1, .name = "Alpha",
	    .stage = FIG_STAGE_RUNNING, .hw_company = 1, .next_visit = "2026-05-01",
	    .follow_up = "", .f = { .has_score = true, .score_tenths = 500 } };
	v[1] = (struct figures_client){ .id = 2, .name = "beta",
	    .stage = FIG_STAGE_FINISHED, .follow_due = true, .next_visit = "",
	    .follow_up = "2026-01-01", .f = { .has_score = true,
	    .score_tenths = 700 } };
	v[2] = (struct figures_client){ .id = 3, .name = "Gamma",
	    .stage = FIG_STAGE_NONE, .next_visit = "", .follow_up = "" };
	v[3] = (struct figures_client){ .id = 4, .name = "Delta",
	    .stage = FIG_STAGE_RUNNING, .hw_advisor = 2,
	    .next_visit = "2026-04-01", .follow_up = "",
	    .f = { .has_score = true, .score_tenths = -30 } };
	figures_sort(v, n, FIG_COL_SCORE, true);
	assert_int_equal(v[0].id, 2);
	assert_int_equal(v[1].id, 1);
	assert_int_equal(v[2].id, 4);
	assert_int_equal(v[3].id, 3);	/* no score: last */
	figures_sort(v, n, FIG_COL_SCORE, false);
	assert_int_equal(v[0].id, 4);
	assert_int_equal(v[3].id, 3);	/* last either way */
	figures_sort(v, n, FIG_COL_NEXT, false);
	assert_int_equal(v[0].id, 4);
	assert_int_equal(v[1].id, 1);
	figures_sort(v, n, FIG_COL_NAME, false);	/* bytes: capitals first */
	assert_int_equal(v[0].id, 1);
	assert_int_equal(v[3].id, 2);
	flt.overdue = true;
	figures_filter(v, &n, &flt);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, 1);
	assert_int_equal(v[1].id, 4);
	n = 4;
	v[0] = (struct figures_client){ .id = 1, .name = "Alpha" };
	v[1] = (struct figures_client){ .id = 2, .name = "beta",
	    .follow_due = true, .stage = FIG_STAGE_FINISHED };
	v[2] = (struct figures_client){ .id = 3, .name = "Gamma" };
	v[3] = (struct figures_client){ .id = 4, .name = "Alphabet" };
	flt = (struct figures_filter){ -1, false, false, "ALPHA" };
	figures_filter(v, &n, &flt);
	assert_int_equal(n, 2);
	assert_int_equal(v[1].id, 4);
	n = 4;
	v[0] = (struct figures_client){ .id = 1, .name = "Alpha" };
	v[1] = (struct figures_client){ .id = 2, .name = "beta",
	    .follow_due = true, .stage = FIG_STAGE_FINISHED };
	flt = (struct figures_filter){ FIG_STAGE_FINISHED, false, true, NULL };
	figures_filter(v, &n, &flt);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, 2);
	assert_int_equal(figures_col_of("follow_up"), FIG_COL_FOLLOW);
	assert_int_equal(figures_col_of("nothing"), -1);
	assert_int_equal(figures_stage_of("running"), FIG_STAGE_RUNNING);
}

/* "YYYY-MM" k months from this one in Japan. */
static const char *
month(struct testdb *e, int k)
{
	time_t t = time(NULL) + 9 * 3600;
	struct tm tm;
	long m;

	gmtime_r(&t, &tm);
	m = (long)(tm.tm_year + 1900) * 12 + tm.tm_mon + k;
	return arena_printf(&e->a, "%04ld-%02ld", m / 12, m % 12 + 1);
}

/* Set field key of row in register d from text. */
static void
set(struct testdb *e, const struct register_decl *d, struct register_row *row,
    const char *key, const char *text)
{
	int f = register_field(d, key);
	long a, b;

	assert_true(f >= 0);
	assert_int_equal(register_value(&ct.regenv, &d->f[f], text, &e->a,
	    &row->v[f], &a, &b), RFE_OK);
}

static void
plan_row(struct testdb *e, int64_t org, const char *deadline,
    const char *status)
{
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct register_who who = { 0, "test" };
	struct register_row row;

	memset(&row, 0, sizeof(row));
	set(e, d, &row, "area", "technical");
	set(e, d, &row, "measure", "バックアップをとる");
	if (deadline != NULL)
		set(e, d, &row, "deadline", deadline);
	set(e, d, &row, "status", status);
	{
		struct register_errs errs = { 0 };

		assert_int_equal(register_finish(&ct.regenv, d, &row, &errs), 0);
	}
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    NULL, NULL), DB_OK);
}

static int64_t
incident(struct testdb *e, int64_t org, const char *status)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct register_who who = { 0, "test" };
	struct register_row row;
	int64_t id;

	memset(&row, 0, sizeof(row));
	set(e, d, &row, "kind", "malware");
	set(e, d, &row, "summary", "警告が出た");
	set(e, d, &row, "level", "1");
	set(e, d, &row, "status", status);
	set(e, d, &row, "detected_at", "2026-11-30T14:05+09:00");
	{
		struct register_errs errs = { 0 };

		assert_int_equal(register_finish(&ct.regenv, d, &row, &errs), 0);
	}
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    &id, NULL), DB_OK);
	return id;
}

/* A closed round of org with one respondent answering a to everything. */
static int64_t
closed_round(struct testdb *e, int64_t org, enum diag_answer a)
{
	struct db_conn *c = db_acquire(e->db);
	struct diag_resp row;
	struct resp_dup dup;
	int64_t round;

	assert_int_equal(round_create(c, org, "r", 0, &round), DB_OK);
	memset(&row, 0, sizeof(row));
	row.name = "";
	row.role = DIAG_ROLE_EMPLOYEE;
	memset(row.ans, a, DIAG_ITEMS);
	assert_int_equal(resp_import(c, &e->a, round, org, &row, 1, false,
	    &dup), DB_OK);
	assert_int_equal(round_finish(c, &e->a, round, org), DB_OK);
	db_release(e->db, c);
	return round;
}

/* The stored figures of org, read as the portfolio reads them on today. */
static struct figures_client
read_one(struct testdb *e, int64_t org, const char *today)
{
	struct db_conn *c = db_acquire(e->db);
	struct figures_client *v;
	size_t n, i;

	assert_int_equal(figures_portfolio(c, &e->a, 0, true, today, &v, &n),
	    DB_OK);
	db_release(e->db, c);
	for (i = 0; i < n; i++)
		if (v[i].id == org)
			return v[i];
	fail_msg("organisation %lld not in the portfolio", (long long)org);
	return v[0];
}

static void
test_figures_refresh_against_a_hand_count(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e2"), other = testdb_org(e, "E", "e2");
	char due1[FIGURES_DAY_LEN + 1], due3[FIGURES_DAY_LEN + 1];
	struct figures_client x;
	struct db_conn *c;
	int p;

	/* nothing yet: a row of zeros once refreshed */
	c = db_acquire(e->db);
	assert_int_equal(figures_refresh(c, org, 1), DB_OK);
	db_release(e->db, c);
	x = read_one(e, org, "2026-01-01");
	assert_false(x.f.has_score);
	assert_false(x.f.has_prev);
	assert_int_equal(x.f.plan_total, 0);
	assert_int_equal(x.f.stars, 0);
	assert_int_equal(x.stage, FIG_STAGE_NONE);

	/* two rounds: every item "partly" (2 points ×25 = 50.0), then every
	 * item "yes" (100.0); the other organisation's round counts not */
	closed_round(e, org, DIAG_PARTLY);
	closed_round(e, other, DIAG_NO);
	closed_round(e, org, DIAG_YES);
	/* five plan rows: done, to do, doing (later), dropped, no deadline */
	plan_row(e, org, month(e, 1), "done");
	plan_row(e, org, month(e, 1), "todo");
	plan_row(e, org, month(e, 3), "doing");
	plan_row(e, org, month(e, 1), "dropped");
	plan_row(e, org, NULL, "todo");
	plan_row(e, other, month(e, 1), "todo");
	/* incidents: open, contained, closed */
	incident(e, org, "open");
	incident(e, org, "contained");
	incident(e, org, "closed");
	/* the five principles: one star (a diagnosis, no policy) */
	c = db_acquire(e->db);
	for (p = 0; p < SA__MAX; p++)
		assert_int_equal(sa_record(c, org, (enum sa_principle)p, true, 0),
		    DB_OK);
	db_release(e->db, c);

	assert_true(figures_month_due(month(e, 1), due1));
	assert_true(figures_month_due(month(e, 3), due3));
	x = read_one(e, org, "2000-01-01");
	assert_true(x.f.has_score);
	assert_int_equal(x.f.score_tenths, 1000);
	assert_true(x.f.has_prev);
	assert_int_equal(x.f.prev_score_tenths, 500);
	assert_int_equal(x.f.stars, 1);
	assert_int_equal(x.f.plan_total, 5);
	assert_int_equal(x.f.plan_done, 1);
	assert_string_equal(x.f.plan_open_dues, arena_printf(&e->a, "%s,%s",
	    due1, due3));
	assert_int_equal(x.f.incidents_open, 2);
	assert_int_equal(x.plan_late, 0);
	/* on the first due day none is late, the day after one, after the
	 * second due day two */
	{
		char d[ENGAGEMENT_DAY_LEN + 1];

		assert_int_equal(read_one(e, org, due1).plan_late, 0);
		assert_true(engagement_day_add(due1, 1, d));
		assert_int_equal(read_one(e, org, d).plan_late, 1);
		assert_true(engagement_day_add(due3, 1, d));
		assert_int_equal(read_one(e, org, d).plan_late, 2);
	}
	/* the other organisation's figures are its own */
	x = read_one(e, other, "2000-01-01");
	assert_int_equal(x.f.score_tenths, 0);
	assert_false(x.f.has_prev);
	assert_int_equal(x.f.plan_total, 1);
	assert_int_equal(x.f.incidents_open, 0);

	/* a programme of four visits, none held yet */
	c = db_acquire(e->db);
	assert_int_equal(engagement_open(c, org, 0, "four_visits",
	    "2026-01-05", 4, 14, NULL, 0, 1), DB_OK);
	db_release(e->db, c);
	x = read_one(e, org, "2026-01-06");
	assert_int_equal(x.stage, FIG_STAGE_RUNNING);
	assert_int_equal(x.visits, 4);
	assert_int_equal(x.held, 0);
	assert_string_equal(x.next_visit, "2026-01-05");
	assert_string_equal(x.follow_up, "");
	assert_false(x.follow_due);

	/* a back-fill finds every organisation with a row already */
	{
		size_t n = 99;

		c = db_acquire(e->db);
		assert_int_equal(figures_backfill(c, 2, &n), DB_OK);
		db_release(e->db, c);
		assert_int_equal(n, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_figures_month_due_is_the_last_day),
		cmocka_unit_test(test_figures_follow_up_six_months_on),
		cmocka_unit_test(test_figures_late_counts_days_before_today),
		cmocka_unit_test(test_figures_filter_and_sort),
	};
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_figures_refresh_against_a_hand_count),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_figures_refresh_against_a_hand_count),
	};
	char err[256];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", sqlite_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", pg_tests, setup_pg,
	    teardown);
	content_free(&ct);
	return failed;
}
