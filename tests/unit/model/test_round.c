/* Unit tests for src/model/round.c: merging answers, finding CSV rows
 * already imported, and deleting, merging and importing respondents in
 * the database (closed rounds refigure the peer figures) — on SQLite, and
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
#include <unistd.h>

#include "model/org.h"
#include "model/peer.h"
#include "model/round.h"

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "round");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "round");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

static void
fill(unsigned char *ans, enum diag_answer a)
{
	memset(ans, a, DIAG_ITEMS);
}

static void
test_resp_merge_answers_fills_gaps_and_keeps_conflicts(void **state)
{
	unsigned char keep[DIAG_ITEMS] = { 0 }, other[DIAG_ITEMS];
	struct resp_merge m;
	int i;

	(void)state;
	for (i = 0; i < 5; i++)
		keep[i] = DIAG_YES;		/* part 1 on the phone */
	keep[5] = DIAG_NO;
	fill(other, DIAG_UNKNOWN);		/* all on paper */
	other[5] = DIAG_NO;			/* agrees */
	other[24] = DIAG_NONE;			/* the paper missed one */
	resp_merge_answers(keep, other, &m);
	assert_int_equal(m.filled, 18);		/* 6…23 */
	assert_int_equal(m.conflicts, 5);	/* 0…4 */
	assert_false(m.complete);		/* 24 still open */
	for (i = 0; i < 5; i++)
		assert_int_equal(keep[i], DIAG_YES);
	assert_int_equal(keep[5], DIAG_NO);
	assert_int_equal(keep[6], DIAG_UNKNOWN);
	assert_int_equal(keep[24], DIAG_NONE);
	other[24] = DIAG_PARTLY;
	resp_merge_answers(keep, other, &m);
	assert_int_equal(m.filled, 1);
	assert_true(m.complete);
}

static struct respondent
have_one(int64_t id, const char *via, const char *name, enum diag_answer a,
    int64_t at)
{
	struct respondent p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.via = via;
	p.name = name;
	p.role = DIAG_ROLE_EMPLOYEE;
	p.complete = true;
	p.created_at = at;
	fill(p.ans, a);
	return p;
}

static void
test_resp_find_dups_matches_each_respondent_once(void **state)
{
	struct arena a;
	struct respondent have[5];
	struct diag_resp rows[5];
	struct resp_dup d;
	int i;

	(void)state;
	arena_init(&a);
	have[0] = have_one(10, "csv", "A", DIAG_YES, 2000);
	have[1] = have_one(11, "csv", "A", DIAG_YES, 1000);
	have[2] = have_one(12, "personal", "B", DIAG_NO, 500);	/* not csv */
	have[3] = have_one(13, "csv", "", DIAG_PARTLY, 3000);
	have[4] = have_one(14, "csv", "C", DIAG_NO, 4000);
	have[4].role = DIAG_ROLE_MANAGER;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 5; i++)
		rows[i].role = DIAG_ROLE_EMPLOYEE;
	rows[0].name = "A"; fill(rows[0].ans, DIAG_YES);
	rows[1].name = "B"; fill(rows[1].ans, DIAG_NO);	/* only online */
	rows[2].name = "A"; fill(rows[2].ans, DIAG_YES);
	rows[3].name = "A"; fill(rows[3].ans, DIAG_YES);	/* a third A */
	rows[4].name = "C"; fill(rows[4].ans, DIAG_NO);	/* other role */
	resp_find_dups(have, 5, rows, 5, &a, &d);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.row[0], 0);
	assert_int_equal(d.row[1], 2);
	assert_true((d.resp[0] == 10 && d.resp[1] == 11) ||
	    (d.resp[0] == 11 && d.resp[1] == 10));
	assert_int_equal(d.imported_at, 1000);
	/* one answer different: not the same row */
	rows[0].ans[24] = DIAG_NO;
	rows[2].name = NULL;	/* read as "" */
	fill(rows[2].ans, DIAG_PARTLY);
	resp_find_dups(have, 5, rows, 3, &a, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.row[0], 2);
	assert_int_equal(d.resp[0], 13);
	resp_find_dups(have, 0, rows, 3, &a, &d);
	assert_int_equal(d.n, 0);
	arena_free(&a);
}

/* An open round of org with one CSV respondent per answer in as[]. */
static int64_t
round_with(struct testdb *e, int64_t org, const enum diag_answer *as, size_t n)
{
	struct db_conn *c = db_acquire(e->db);
	struct diag_resp rows[8];
	struct resp_dup d;
	int64_t round;
	size_t i;

	assert_true(n <= 8);
	assert_int_equal(round_create(c, org, "r", 0, &round), DB_OK);
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < n; i++) {
		rows[i].name = "";
		rows[i].role = DIAG_ROLE_EMPLOYEE;
		fill(rows[i].ans, as[i]);
	}
	assert_int_equal(resp_import(c, &e->a, round, org, rows, n, false,
	    &d), DB_OK);
	assert_int_equal(d.n, 0);
	db_release(e->db, c);
	return round;
}

static struct respondent *
list(struct testdb *e, int64_t org, int64_t round, size_t *n)
{
	struct db_conn *c = db_acquire(e->db);
	struct respondent *p;

	assert_int_equal(resp_list(c, &e->a, round, org, &p, n), DB_OK);
	db_release(e->db, c);
	return p;
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

static void
test_resp_delete_refigures_a_closed_round(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "G", "e5"), other = testdb_org(e, "G", "e5");
	enum diag_answer ours[] = { DIAG_YES, DIAG_NO, DIAG_PARTLY };
	enum diag_answer theirs[] = { DIAG_PARTLY };
	int64_t round = round_with(e, org, ours, 3);
	int64_t r2 = round_with(e, other, theirs, 1);
	struct respondent *p;
	struct db_conn *c;
	size_t n;

	c = db_acquire(e->db);
	assert_int_equal(round_finish(c, &e->a, round, org), DB_OK);
	assert_int_equal(round_finish(c, &e->a, r2, other), DB_OK);
	db_release(e->db, c);
	assert_int_equal(stats(e, org).score_tenths, 500);
	assert_int_equal(stats(e, org).mean_tenths, 500);
	p = list(e, org, round, &n);
	assert_int_equal(n, 3);

	c = db_acquire(e->db);
	/* scoped: another organisation's round, a wrong id */
	assert_int_equal(resp_delete(c, &e->a, round, other, p[1].id),
	    DB_DONE);
	assert_int_equal(resp_delete(c, &e->a, r2, org, p[1].id), DB_DONE);
	assert_int_equal(resp_delete(c, &e->a, round, org, p[1].id), DB_OK);
	assert_int_equal(resp_delete(c, &e->a, round, org, p[1].id),
	    DB_DONE);
	db_release(e->db, c);
	/* yes and partly left: 75; the cohort (75, 50) means 62.5 */
	assert_int_equal(stats(e, org).score_tenths, 750);
	assert_int_equal(stats(e, org).n, 2);
	assert_int_equal(stats(e, other).mean_tenths, 625);

	/* the last complete answers gone: out of the comparison */
	c = db_acquire(e->db);
	assert_int_equal(resp_delete(c, &e->a, round, org, p[0].id), DB_OK);
	assert_int_equal(resp_delete(c, &e->a, round, org, p[2].id), DB_OK);
	db_release(e->db, c);
	assert_false(stats(e, org).has);
	assert_int_equal(stats(e, other).n, 1);
	assert_int_equal(stats(e, other).mean_tenths, 500);
}

static void
test_resp_merge_refigures_and_never_reuses_ids(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "H", "e2");
	enum diag_answer as[] = { DIAG_NO, DIAG_YES };
	int64_t round = round_with(e, org, as, 2), id;
	struct respondent *p, q;
	struct resp_merge m;
	struct db_conn *c;
	size_t n;

	c = db_acquire(e->db);
	/* a personal respondent who answered half */
	memset(&q, 0, sizeof(q));
	q.round_id = round;
	q.org_id = org;
	q.role = DIAG_ROLE_MANAGER;
	q.name = "P";
	q.via = "personal";
	fill(q.ans, DIAG_PARTLY);
	memset(q.ans + 10, DIAG_NONE, DIAG_ITEMS - 10);
	assert_int_equal(resp_create(c, &q, &q.id), DB_OK);
	assert_int_equal(round_finish(c, &e->a, round, org), DB_OK);
	db_release(e->db, c);
	assert_int_equal(stats(e, org).score_tenths, 500);	/* 0, 100 */
	p = list(e, org, round, &n);
	assert_int_equal(n, 3);

	c = db_acquire(e->db);
	assert_int_equal(resp_merge(c, &e->a, round, org, q.id, q.id, &m),
	    DB_DONE);
	assert_int_equal(resp_merge(c, &e->a, round, org + 1, q.id, p[1].id,
	    &m), DB_DONE);
	/* P keeps its 10 × partly and takes 15 × yes from the second */
	assert_int_equal(resp_merge(c, &e->a, round, org, q.id, p[1].id, &m),
	    DB_OK);
	db_release(e->db, c);
	assert_int_equal(m.filled, 15);
	assert_int_equal(m.conflicts, 10);
	assert_true(m.complete);
	p = list(e, org, round, &n);
	assert_int_equal(n, 2);
	assert_int_equal(p[1].id, q.id);
	assert_true(p[1].complete);
	assert_string_equal(p[1].name, "P");
	/* 0 and 10 × 2 + 15 × 4 = 80: 40 */
	assert_int_equal(stats(e, org).score_tenths, 400);

	/* the largest id deleted: the next respondent gets a new one */
	c = db_acquire(e->db);
	assert_int_equal(resp_delete(c, &e->a, round, org, q.id), DB_OK);
	assert_int_equal(round_reopen(c, &e->a, round, org), DB_OK);
	q.via = "shared";
	assert_int_equal(resp_create(c, &q, &id), DB_OK);
	db_release(e->db, c);
	assert_true(id > q.id);
}

static void
test_resp_import_refuses_rows_already_there(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "I", "e1");
	enum diag_answer as[] = { DIAG_NO, DIAG_YES };
	int64_t round = round_with(e, org, as, 2);
	struct diag_resp rows[3];
	struct resp_dup d;
	struct db_conn *c;
	size_t n;
	int i;

	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 3; i++) {
		rows[i].name = "";
		rows[i].role = DIAG_ROLE_EMPLOYEE;
	}
	fill(rows[0].ans, DIAG_UNKNOWN);	/* new */
	fill(rows[1].ans, DIAG_YES);		/* there */
	fill(rows[2].ans, DIAG_NO);		/* there */
	c = db_acquire(e->db);
	assert_int_equal(resp_import(c, &e->a, round, org, rows, 3, false,
	    &d), DB_OK);
	db_release(e->db, c);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.row[0], 1);
	assert_int_equal(d.row[1], 2);
	assert_true(d.imported_at > 0);
	(void)list(e, org, round, &n);
	assert_int_equal(n, 2);			/* nothing stored */

	c = db_acquire(e->db);
	assert_int_equal(resp_import(c, &e->a, round, org, rows, 3, true,
	    &d), DB_OK);
	assert_int_equal(d.n, 2);
	db_release(e->db, c);
	(void)list(e, org, round, &n);
	assert_int_equal(n, 5);

	/* a closed round takes nothing */
	c = db_acquire(e->db);
	assert_int_equal(round_finish(c, &e->a, round, org), DB_OK);
	assert_int_equal(resp_import(c, &e->a, round, org, rows, 1, true,
	    &d), DB_DONE);
	db_release(e->db, c);
	(void)list(e, org, round, &n);
	assert_int_equal(n, 5);
}

static void
test_round_shared_cap_default_three_times_band_top(void **state)
{
	(void)state;
	assert_int_equal(round_shared_cap_default(1, 5), ROUND_SHARED_CAP_MIN);
	assert_int_equal(round_shared_cap_default(6, 20), 60);
	assert_int_equal(round_shared_cap_default(21, 50), 150);
	assert_int_equal(round_shared_cap_default(301, 1000), 3000);
	/* the open top band: from its bottom */
	assert_int_equal(round_shared_cap_default(1001, 0), 3003);
	assert_int_equal(round_shared_cap_default(0, 0), ROUND_SHARED_CAP_MIN);
	assert_int_equal(round_shared_cap_default(1, 1000000),
	    ROUND_SHARED_CAP_MAX);
}

static void
test_resp_create_shared_stops_at_the_cap(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "G", "e1");
	enum diag_answer one[] = { DIAG_YES };
	int64_t round = round_with(e, org, one, 1), id = 0, id2 = 0;
	struct respondent q = { .round_id = round, .org_id = org,
	    .role = DIAG_ROLE_EMPLOYEE, .name = "", .via = "shared" };
	struct db_conn *c = db_acquire(e->db);
	struct round r;
	size_t all;
	long n = -1;

	/* the CSV respondent does not count against the link */
	assert_int_equal(resp_create_shared(c, &q, 2, &id), DB_OK);
	assert_int_equal(resp_create_shared(c, &q, 2, &id2), DB_OK);
	assert_true(id2 > id);
	assert_int_equal(resp_create_shared(c, &q, 2, &id), DB_DONE);
	assert_int_equal(resp_count_shared(c, round, org, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(resp_create_shared(c, &q, 3, &id), DB_OK);
	/* the cap is the round's, scoped; 0 clears it */
	assert_int_equal(round_set_shared_cap(c, round, org, 70), DB_OK);
	assert_int_equal(round_get(c, &e->a, round, org, &r), DB_OK);
	assert_int_equal(r.shared_cap, 70);
	assert_int_equal(round_set_shared_cap(c, round, org + 1000, 9),
	    DB_DONE);
	assert_int_equal(round_set_shared_cap(c, round, org,
	    ROUND_SHARED_CAP_MAX + 1), DB_E_CONSTRAINT);
	assert_int_equal(round_set_shared_cap(c, round, org, 0), DB_OK);
	assert_int_equal(round_find(c, &e->a, round, &r), DB_OK);
	assert_int_equal(r.shared_cap, 0);
	db_release(e->db, c);
	(void)list(e, org, round, &all);
	assert_int_equal(all, 4);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_resp_merge_answers_fills_gaps_and_keeps_conflicts),
		cmocka_unit_test(test_resp_find_dups_matches_each_respondent_once),
		cmocka_unit_test(test_round_shared_cap_default_three_times_band_top),
	};
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_resp_delete_refigures_a_closed_round),
		cmocka_unit_test(test_resp_merge_refigures_and_never_reuses_ids),
		cmocka_unit_test(test_resp_import_refuses_rows_already_there),
		cmocka_unit_test(test_resp_create_shared_stops_at_the_cap),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_resp_delete_refigures_a_closed_round),
		cmocka_unit_test(test_resp_merge_refigures_and_never_reuses_ids),
		cmocka_unit_test(test_resp_import_refuses_rows_already_there),
		cmocka_unit_test(test_resp_create_shared_stops_at_the_cap),
	};
	int failed;

	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", sqlite_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", pg_tests, setup_pg,
	    teardown);
	return failed;
}
