/* Unit tests for src/model/hearing.c: saving the sheet with revisions
 * (a stale save stores nothing), the items left open, the pledges — on
 * SQLite, and on PostgreSQL when MAMORI_TEST_PG_DIR is set (tests/run.sh
 * sets it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "testdb.h"

#include "model/hearing.h"

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "hearing");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "hearing");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

static const char *const keys[] = { "a_one", "b_two", "c_three",
    "d_four" };

/* Read org's answers into rows (n of them). */
static struct hearing_answer *
read_all(struct testdb *e, int64_t org, size_t *n)
{
	struct db_conn *c = db_acquire(e->db);
	struct hearing_answer *rows;

	assert_int_equal(hearing_read(c, &e->a, org, &rows, n), DB_OK);
	db_release(e->db, c);
	return rows;
}

static void
test_hearing_save_revisions(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e2"), other = testdb_org(e, "E",
	    "e2");
	struct hearing_put p[2] = {
		{ "b_two", "手作業が多い", "", HEARING_OPEN, 0 },
		{ "a_one", "製造業", "取引先の求め", HEARING_ANSWERED, 0 },
	};
	const struct hearing_answer *h;
	struct hearing_answer *rows;
	size_t n, changed, idx[4];

	assert_int_equal(hearing_save(e->db, org, 0, "test", 1, 1000, p, 2,
	    "business", &changed), DB_OK);
	assert_int_equal(changed, 2);
	rows = read_all(e, org, &n);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].item, "a_one");	/* by key */
	assert_int_equal(rows[0].rev, 1);
	assert_int_equal(rows[0].visit, 1);
	assert_int_equal(rows[0].state, HEARING_ANSWERED);
	assert_string_equal(rows[0].consider, "取引先の求め");
	/* the same again from rev 0: someone saved first */
	assert_int_equal(hearing_save(e->db, org, 0, "test", 2, 1001, p, 2,
	    NULL, &changed), HEARING_STALE);
	assert_int_equal(changed, 0);
	/* from the revisions read, at visit 2: only what changed moves */
	p[0].rev = 1;
	p[1].rev = 1;
	p[0].result = "手作業が多い。受注は紙";
	assert_int_equal(hearing_save(e->db, org, 0, "test", 2, 1002, p, 2,
	    NULL, &changed), DB_OK);
	assert_int_equal(changed, 1);
	rows = read_all(e, org, &n);
	h = hearing_find(rows, n, "b_two");
	assert_int_equal(h->rev, 2);
	assert_int_equal(h->visit, 2);
	assert_string_equal(h->result, "手作業が多い。受注は紙");
	h = hearing_find(rows, n, "a_one");
	assert_int_equal(h->rev, 1);
	assert_int_equal(h->visit, 1);
	assert_null(hearing_find(rows, n, "c_three"));
	/* one item stale of two: neither is stored */
	p[1].result = "変えた";
	p[1].rev = 1;
	p[0].rev = 1;
	assert_int_equal(hearing_save(e->db, org, 0, "test", 3, 1003, p, 2,
	    NULL, &changed), HEARING_STALE);
	rows = read_all(e, org, &n);
	assert_string_equal(hearing_find(rows, n, "a_one")->result, "製造業");
	/* open items in the sheet's order; never saved ones are not open */
	assert_int_equal(hearing_open_items(rows, n, keys, 4, idx), 1);
	assert_int_equal(idx[0], 1);
	/* another organisation sees none of it */
	rows = read_all(e, other, &n);
	assert_int_equal(n, 0);
	assert_int_equal(hearing_open_items(rows, n, keys, 4, idx), 0);
}

static void
test_hearing_pledges_and_since(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e2"), id1, id2, at;
	struct hearing_pledge p = { .name = "山田 太郎", .date = "2026-11-02",
	    .mode = HEARING_HANDED }, *v;
	struct db_conn *c;
	size_t n;

	assert_int_equal(hearing_pledge_add(e->db, org, 0, "test", &p, 5000,
	    &id1), DB_OK);
	p.date = "2026-11-20";
	p.mode = HEARING_POSTED;
	assert_int_equal(hearing_pledge_add(e->db, org, 0, "test", &p, 5001,
	    &id2), DB_OK);
	assert_true(id2 > id1);
	c = db_acquire(e->db);
	assert_int_equal(hearing_pledges(c, &e->a, org, &v, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, id2);	/* the latest first */
	assert_int_equal(v[0].mode, HEARING_POSTED);
	assert_string_equal(v[1].date, "2026-11-02");
	assert_string_equal(v[1].name, "山田 太郎");
	assert_int_equal(v[1].user, 0);
	assert_int_equal(hearing_org_since(c, org, &at), DB_OK);
	assert_true(at > 0);
	assert_int_equal(hearing_org_since(c, org + 1000, &at), DB_DONE);
	db_release(e->db, c);
}

static void
test_hearing_keys(void **state)
{
	assert_string_equal(hearing_state_key(HEARING_ANSWERED), "answered");
	assert_int_equal(hearing_state_from_key("open"), HEARING_OPEN);
	assert_int_equal(hearing_state_from_key("closed"), -1);
	assert_int_equal(hearing_mode_from_key("posted"), HEARING_POSTED);
	assert_int_equal(hearing_mode_from_key(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_hearing_keys),
	};
	const struct CMUnitTest db[] = {
		cmocka_unit_test(test_hearing_save_revisions),
		cmocka_unit_test(test_hearing_pledges_and_since),
	};
	int failed;

	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", db, setup_sqlite,
	    teardown);
	failed += cmocka_run_group_tests_name("postgres", db, setup_pg,
	    teardown);
	return failed;
}
