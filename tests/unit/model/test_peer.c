/* Unit tests for src/model/peer.c: cohort sums moved as rounds close,
 * percentile, deviation score and cohort means, the same figures loaded
 * many at once (peer_load_*) — on SQLite, and on
 * PostgreSQL through the test server when MAMORI_TEST_PG_DIR is set
 * (tests/run.sh sets it; without it the PostgreSQL cases fail). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/org.h"
#include "model/peer.h"
#include "model/round.h"

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "peer");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "peer");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

/* Open a round with one respondent answering a to every item; returns
 * its id (still open). */
static int64_t
answered_round(struct testdb *e, int64_t org, enum diag_answer a)
{
	struct db_conn *c = db_acquire(e->db);
	struct respondent p;
	int64_t round, rid;

	assert_int_equal(round_create(c, org, "r", 0, &round), DB_OK);
	memset(&p, 0, sizeof(p));
	p.round_id = round;
	p.org_id = org;
	p.role = DIAG_ROLE_EMPLOYEE;
	p.name = "";
	p.via = "csv";
	p.complete = true;
	memset(p.ans, a, sizeof(p.ans));
	assert_int_equal(resp_create(c, &p, &rid), DB_OK);
	db_release(e->db, c);
	return round;
}

/* Close it as the page does: one transaction. */
static void
close_round(struct testdb *e, int64_t org, int64_t round, int64_t at)
{
	struct db_conn *c = db_acquire(e->db);
	struct diag_resp *resp;
	struct diag_result res;
	struct org o;
	size_t n;

	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(round_close(c, round, org), DB_OK);
	assert_int_equal(round_answers(c, &e->a, round, org, &resp, &n), DB_OK);
	assert_int_equal(org_get(c, &e->a, org, &o), 0);
	diag_compute(resp, n, &res);
	assert_int_equal(peer_round_closed(c, &e->a, &o, round, at, &res),
	    DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	db_release(e->db, c);
}

static struct peer_stats
stats(struct testdb *e, int64_t org)
{
	struct db_conn *c = db_acquire(e->db);
	struct peer_stats s;

	assert_int_equal(peer_stats_in(c, &e->a, org, PEER_COHORT, &s), DB_OK);
	db_release(e->db, c);
	return s;
}

/* What a page would show: widened while a group is under PEER_MIN. */
static struct peer_stats
shown(struct testdb *e, int64_t org)
{
	struct db_conn *c = db_acquire(e->db);
	struct peer_stats s;

	assert_int_equal(peer_stats(c, &e->a, org, &s), DB_OK);
	db_release(e->db, c);
	return s;
}

static void
test_peer_stats_move_with_rounds(void **state)
{
	struct testdb *e = *state;
	int64_t o1 = testdb_org(e, "E", "e2"), o2 = testdb_org(e, "E", "e2");
	int64_t o3 = testdb_org(e, "E", "e2"), o4 = testdb_org(e, "E", "e2");
	int64_t lone = testdb_org(e, "E", "e3"), none = testdb_org(e, "E", "e2");
	struct peer_stats s;
	double mean, sd;

	close_round(e, o1, answered_round(e, o1, DIAG_YES), 10);	/* 100 */
	close_round(e, o2, answered_round(e, o2, DIAG_PARTLY), 11);	/* 50 */
	close_round(e, o3, answered_round(e, o3, DIAG_NO), 12);		/* 0 */
	close_round(e, o4, answered_round(e, o4, DIAG_UNKNOWN), 13);	/* -25 */
	/* four companies in the whole instance: a group under PEER_MIN is
	 * never shown, at any width */
	assert_true(stats(e, o1).has);
	assert_false(shown(e, o1).has);
	close_round(e, lone, answered_round(e, lone, DIAG_PARTLY), 14);

	s = stats(e, o1);
	assert_true(s.has);
	assert_string_equal(s.industry, "E");
	assert_int_equal(s.n, 4);
	assert_int_equal(s.score_tenths, 1000);
	assert_int_equal(s.mean_tenths, 313);	/* (1000+500+0-250)/4 = 312.5 */
	mean = 312.5;
	sd = sqrt((1000.0 * 1000 + 500.0 * 500 + 0 + 250.0 * 250) / 4 -
	    mean * mean);
	assert_int_equal(s.sd_tenths, lround(sd));
	assert_int_equal(s.deviation_tenths, 500 + lround(100 * (1000 -
	    mean) / sd));
	assert_int_equal(s.percentile_tenths, 1000);	/* above all three */
	assert_int_equal(s.part_mean_tenths[0], 13);	/* (40+20+0-10)/4 */
	assert_int_equal(s.item_mean_tenths[24], 13);
	assert_int_equal(stats(e, o4).percentile_tenths, 0);
	assert_int_equal(stats(e, o2).percentile_tenths, 667);	/* 2 of 3 */

	/* o2 improves: its contribution moves, the cohort does not grow */
	close_round(e, o2, answered_round(e, o2, DIAG_YES), 20);
	s = stats(e, o1);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.mean_tenths, 438);	/* (1000+1000+0-250)/4 */
	/* tied with o2: below 2, one tie → (2 + 0.5) / 3 */
	assert_int_equal(s.percentile_tenths, 833);

	/* an older round closed late does not replace the newer figures */
	{
		int64_t older = answered_round(e, o3, DIAG_YES);
		int64_t newer = answered_round(e, o3, DIAG_PARTLY);

		close_round(e, o3, newer, 30);
		close_round(e, o3, older, 31);
		s = stats(e, o3);
		assert_int_equal(s.round_id, newer);
		assert_int_equal(s.score_tenths, 500);
		assert_int_equal(s.n, 4);
	}

	/* alone in its cohort: the middle, whatever the score */
	s = stats(e, lone);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.percentile_tenths, 500);
	assert_int_equal(s.deviation_tenths, 500);
	assert_int_equal(s.sd_tenths, 0);
	/* no closed round: no figures */
	assert_false(stats(e, none).has);

	/* shown: the cohort E/e2 has 4 — too few — so the comparison widens
	 * to all of division E: 4 + lone = 5 */
	s = shown(e, o1);
	assert_true(s.has);
	assert_int_equal(s.scope, PEER_INDUSTRY);
	assert_int_equal(s.n, 5);
	s = shown(e, lone);
	assert_int_equal(s.scope, PEER_INDUSTRY);
	/* one more company in E/e2 and its own cohort is enough */
	{
		int64_t o6 = testdb_org(e, "E", "e2");

		close_round(e, o6, answered_round(e, o6, DIAG_PARTLY), 40);
		s = shown(e, o1);
		assert_int_equal(s.scope, PEER_COHORT);
		assert_int_equal(s.n, 5);
		/* the whole instance counts everyone */
		{
			struct db_conn *c = db_acquire(e->db);

			assert_int_equal(peer_stats_in(c, &e->a, o1, PEER_ALL,
			    &s), DB_OK);
			db_release(e->db, c);
			assert_int_equal(s.n, 6);
		}
	}
}

static void
test_peer_round_without_answers_changes_nothing(void **state)
{
	struct testdb *e = *state;
	int64_t o = testdb_org(e, "G", "e1");
	struct db_conn *c = db_acquire(e->db);
	struct diag_result res;
	struct org org;
	int64_t round;

	assert_int_equal(round_create(c, o, "empty", 0, &round), DB_OK);
	assert_int_equal(org_get(c, &e->a, o, &org), 0);
	memset(&res, 0, sizeof(res));
	assert_int_equal(peer_round_closed(c, &e->a, &org, round, 1, &res),
	    DB_OK);
	db_release(e->db, c);
	assert_false(stats(e, o).has);
}

/* The same answers closed as rounds (division M) and loaded in one go
 * (division N) leave the same statistics; an organisation that keeps its
 * figures to itself is left out of the sums either way. */
static void
test_peer_load_add_matches_round_closed(void **state)
{
	static const enum diag_answer ans[] = { DIAG_YES, DIAG_PARTLY,
	    DIAG_NO, DIAG_UNKNOWN, DIAG_PARTLY, DIAG_YES, DIAG_NO };
	enum { N = sizeof(ans) / sizeof(ans[0]) };
	struct testdb *e = *state;
	int64_t m[N], n[N];
	struct peer_load *l = peer_load_new();
	struct db_conn *c;
	size_t i;
	int k;

	for (i = 0; i < N; i++) {
		m[i] = testdb_org(e, "M", i < 5 ? "e4" : "e5");
		n[i] = testdb_org(e, "N", i < 5 ? "e4" : "e5");
	}
	c = db_acquire(e->db);
	/* the last of each keeps its figures out of the statistics */
	assert_int_equal(peer_set_share(c, &e->a, m[N - 1], false), DB_OK);
	assert_int_equal(peer_set_share(c, &e->a, n[N - 1], false), DB_OK);
	db_release(e->db, c);
	for (i = 0; i < N; i++)
		close_round(e, m[i], answered_round(e, m[i], ans[i]),
		    100 + (int64_t)i);

	c = db_acquire(e->db);
	assert_int_equal(db_begin(c), DB_OK);
	for (i = 0; i < N; i++) {
		struct diag_resp r = { .role = DIAG_ROLE_EMPLOYEE };
		struct diag_result res;
		struct org o;

		memset(r.ans, ans[i], sizeof(r.ans));
		diag_compute(&r, 1, &res);
		assert_int_equal(org_get(c, &e->a, n[i], &o), 0);
		assert_int_equal(peer_load_add(c, &e->a, l, &o, 1 + (int64_t)i,
		    100 + (int64_t)i, &res), DB_OK);
	}
	assert_int_equal(peer_load_finish(c, &e->a, l), DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	db_release(e->db, c);

	for (i = 0; i < N; i++)
		for (k = PEER_COHORT; k < PEER_ALL; k++) {
			struct peer_stats sm, sn;

			c = db_acquire(e->db);
			assert_int_equal(peer_stats_in(c, &e->a, m[i],
			    (enum peer_scope)k, &sm), DB_OK);
			assert_int_equal(peer_stats_in(c, &e->a, n[i],
			    (enum peer_scope)k, &sn), DB_OK);
			db_release(e->db, c);
			assert_true(sm.has);
			assert_true(sn.has);
			assert_int_equal(sn.shared, i < N - 1);
			assert_int_equal(sn.score_tenths, sm.score_tenths);
			assert_int_equal(sn.n, sm.n);
			assert_int_equal(sn.mean_tenths, sm.mean_tenths);
			assert_int_equal(sn.sd_tenths, sm.sd_tenths);
			assert_int_equal(sn.percentile_tenths,
			    sm.percentile_tenths);
			assert_int_equal(sn.deviation_tenths,
			    sm.deviation_tenths);
			assert_memory_equal(sn.part_mean_tenths,
			    sm.part_mean_tenths, sizeof(sn.part_mean_tenths));
			assert_memory_equal(sn.item_mean_tenths,
			    sm.item_mean_tenths, sizeof(sn.item_mean_tenths));
		}
	/* e4 holds five shared companies; division N six, and the one
	 * kept out sees itself among them as a seventh */
	assert_int_equal(stats(e, n[0]).n, 5);
	assert_int_equal(stats(e, n[0]).mean_tenths, 350);	/* (1000+500+0-250+500)/5 */
	{
		struct peer_stats s;

		c = db_acquire(e->db);
		assert_int_equal(peer_stats_in(c, &e->a, n[0], PEER_INDUSTRY,
		    &s), DB_OK);
		assert_int_equal(s.n, 6);
		assert_int_equal(peer_stats_in(c, &e->a, n[N - 1],
		    PEER_INDUSTRY, &s), DB_OK);
		assert_int_equal(s.n, 7);
		db_release(e->db, c);
	}

	/* a load is for organisations without figures: nothing is written */
	{
		struct diag_resp r = { .role = DIAG_ROLE_EMPLOYEE };
		struct diag_result res;
		struct org o;

		memset(r.ans, DIAG_NO, sizeof(r.ans));
		diag_compute(&r, 1, &res);
		c = db_acquire(e->db);
		assert_int_equal(org_get(c, &e->a, n[0], &o), 0);
		assert_int_equal(peer_load_add(c, &e->a, l, &o, 2000, 200, &res),
		    DB_E_CONSTRAINT);
		assert_int_equal(peer_load_finish(c, &e->a, l), DB_OK);
		db_release(e->db, c);
		assert_int_equal(stats(e, n[0]).score_tenths, 1000);
		assert_int_equal(stats(e, n[0]).n, 5);
	}
	/* loaded figures move as any others when a later round closes */
	close_round(e, n[1], answered_round(e, n[1], DIAG_YES), 300);
	close_round(e, m[1], answered_round(e, m[1], DIAG_YES), 300);
	assert_int_equal(stats(e, n[0]).mean_tenths, 450);	/* 500 → 1000 */
	assert_int_equal(stats(e, n[0]).percentile_tenths,
	    stats(e, m[0]).percentile_tenths);
	peer_load_free(l);
}

int
main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_peer_stats_move_with_rounds),
		cmocka_unit_test(test_peer_round_without_answers_changes_nothing),
		cmocka_unit_test(test_peer_load_add_matches_round_closed),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_peer_stats_move_with_rounds),
		cmocka_unit_test(test_peer_round_without_answers_changes_nothing),
		cmocka_unit_test(test_peer_load_add_matches_round_closed),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", sqlite_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", pg_tests, setup_pg,
	    teardown);
	return failed;
}
