/* Unit tests for src/model/estimate_db.c on both engines: saved estimates
 * of one organisation only, the newest first; the worst scenario is the
 * largest total (the newest among equals); a stale save and another
 * organisation's estimate are refused; the money figures start unset,
 * keep NULL apart from 0, and a stale save of them is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <string.h>

#include "model/estimate.h"

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "estimate");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "estimate");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

static int64_t
save(struct testdb *e, int64_t org, const char *name, long long total,
    int64_t now)
{
	struct estimate_saved s = { .name = name, .preset = "retailer-leak",
	    .in = { 300000000, 10, 10000, 14 }, .total = total };
	int64_t id = 0;

	assert_int_equal(estimate_save(e->db, org, 0, &s, now, &id), DB_OK);
	assert_true(id > 0);
	return id;
}

static void
test_estimate_worst_and_list(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e2");
	int64_t other = testdb_org(e, "E", "e2");
	struct estimate_saved w, *v, s;
	struct db_conn *c;
	int64_t a, b, d, id;
	size_t n;

	c = db_acquire(e->db);
	assert_int_equal(estimate_worst(c, org, &e->a, &w), DB_DONE);
	db_release(e->db, c);
	a = save(e, org, "小さい", 10400000, 100);
	b = save(e, org, "大きい", 35700000, 200);
	d = save(e, org, "同じ額で新しい", 35700000, 300);
	save(e, other, "よその最大", 99999999999LL, 400);
	c = db_acquire(e->db);
	assert_int_equal(estimate_worst(c, org, &e->a, &w), DB_OK);
	db_release(e->db, c);
	assert_int_equal(w.id, d);
	assert_string_equal(w.name, "同じ額で新しい");
	assert_int_equal(w.total, 35700000);
	assert_int_equal(w.in[EST_IN_RECORDS], 10000);
	c = db_acquire(e->db);
	assert_int_equal(estimate_list(c, &e->a, org, &v, &n), DB_OK);
	db_release(e->db, c);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, d);
	assert_int_equal(v[2].id, a);
	c = db_acquire(e->db);
	assert_int_equal(estimate_exists(c, org, b), 1);
	db_release(e->db, c);
	c = db_acquire(e->db);
	assert_int_equal(estimate_exists(c, other, b), 0);
	db_release(e->db, c);
	/* a save over b at its rev, then a stale one */
	c = db_acquire(e->db);
	assert_int_equal(estimate_get(c, &e->a, org, b, &s), DB_OK);
	db_release(e->db, c);
	assert_int_equal(s.rev, 1);
	s.total = 50000000;
	assert_int_equal(estimate_save(e->db, org, 0, &s, 500, &id), DB_OK);
	assert_int_equal(id, b);
	assert_int_equal(estimate_save(e->db, org, 0, &s, 600, &id),
	    ESTIMATE_STALE);
	c = db_acquire(e->db);
	assert_int_equal(estimate_worst(c, org, &e->a, &w), DB_OK);
	db_release(e->db, c);
	assert_int_equal(w.id, b);
	assert_int_equal(w.rev, 2);
	/* another organisation's: none */
	s.rev = 2;
	assert_int_equal(estimate_save(e->db, other, 0, &s, 700, &id),
	    ESTIMATE_NONE);
	assert_int_equal(estimate_delete(e->db, other, 0, b), ESTIMATE_NONE);
	assert_int_equal(estimate_delete(e->db, org, 0, b), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(estimate_get(c, &e->a, org, b, &s), DB_DONE);
	db_release(e->db, c);
	c = db_acquire(e->db);
	assert_int_equal(estimate_worst(c, org, &e->a, &w), DB_OK);
	db_release(e->db, c);
	assert_int_equal(w.id, d);
}

static void
test_estimate_money_put_get(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e2");
	struct estimate_money m;
	struct db_conn *c;

	c = db_acquire(e->db);
	assert_int_equal(estimate_money_get(c, org, &m), DB_OK);
	db_release(e->db, c);
	assert_false(m.has_spending);
	assert_false(m.has_could_pay);
	assert_int_equal(m.rev, 0);
	m.has_spending = true;
	m.spending = 0;
	assert_int_equal(estimate_money_put(e->db, org, 0, &m, 100), DB_OK);
	assert_int_equal(estimate_money_put(e->db, org, 0, &m, 100),
	    ESTIMATE_STALE);
	c = db_acquire(e->db);
	assert_int_equal(estimate_money_get(c, org, &m), DB_OK);
	db_release(e->db, c);
	assert_true(m.has_spending);
	assert_int_equal(m.spending, 0);
	assert_false(m.has_could_pay);
	assert_int_equal(m.rev, 1);
	m.has_could_pay = true;
	m.could_pay = 20000000;
	m.has_spending = false;
	assert_int_equal(estimate_money_put(e->db, org, 0, &m, 200), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(estimate_money_get(c, org, &m), DB_OK);
	db_release(e->db, c);
	assert_false(m.has_spending);
	assert_int_equal(m.could_pay, 20000000);
	assert_int_equal(m.rev, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_estimate_worst_and_list),
		cmocka_unit_test(test_estimate_money_put_get),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", tests, setup_sqlite,
	    teardown);
	failed += cmocka_run_group_tests_name("postgres", tests, setup_pg,
	    teardown);
	return failed;
}
