/* Unit tests for src/model/office.c: the running sums moved one
 * organisation at a time (office_stats_move), the rule that a group of
 * fewer than OFFICE_MIN companies is never shown (4 hidden, 5 shown), the
 * histogram's bins, the same sums loaded many at once (office_load_*),
 * and an engagement's figures following a round that closes
 * (office_refresh_org) — on SQLite, and on PostgreSQL through the test
 * server when MAMORI_TEST_PG_DIR is set. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <math.h>
#include <string.h>

#include "model/account.h"
#include "model/engagement.h"
#include "model/office.h"
#include "model/round.h"

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "office");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "office");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

static int64_t
new_office(struct testdb *e, const char *name)
{
	struct db_conn *c = db_acquire(e->db);
	int64_t id;

	assert_int_equal(office_add(c, name, 1000, &id), DB_OK);
	assert_int_equal(office_add(c, name, 1000, &id), OFFICE_EXISTS);
	db_release(e->db, c);
	return id;
}

/* A contribution scoring score ×10, every item at item ×10. */
static struct office_contrib
contrib(const char *industry, const char *band, const char *pref,
    int64_t score, int64_t item, int64_t done, int64_t total, int stars)
{
	struct office_contrib k;
	int i;

	memset(&k, 0, sizeof(k));
	k.industry = industry;
	k.employees = band;
	k.prefecture = pref;
	k.scored = true;
	k.score_tenths = score;
	for (i = 0; i < DIAG_ITEMS; i++)
		k.items[i] = item;
	k.plan_done = done;
	k.plan_total = total;
	k.stars = stars;
	return k;
}

static void
move(struct testdb *e, int64_t office, const struct office_contrib *old,
    const struct office_contrib *now)
{
	struct db_conn *c = db_acquire(e->db);

	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(office_stats_move(c, office, old, now), DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	db_release(e->db, c);
}

static struct office_stats
read_stats(struct testdb *e, int64_t office)
{
	struct db_conn *c = db_acquire(e->db);
	struct office_stats s;

	assert_int_equal(office_stats_read(c, &e->a, office, &s), DB_OK);
	db_release(e->db, c);
	return s;
}

static const struct office_group *
group(const struct office_stats *s, enum office_dim d, const char *key)
{
	size_t i;

	for (i = 0; i < s->ngroups; i++)
		if (s->g[i].dim == d && strcmp(s->g[i].key, key) == 0)
			return &s->g[i];
	return NULL;
}

static void
test_office_bin_edges(void **state)
{
	(void)state;
	assert_int_equal(office_bin(-250), 0);
	assert_int_equal(office_bin(-1), 0);
	assert_int_equal(office_bin(0), 0);
	assert_int_equal(office_bin(99), 0);
	assert_int_equal(office_bin(100), 1);
	assert_int_equal(office_bin(555), 5);
	assert_int_equal(office_bin(899), 8);
	assert_int_equal(office_bin(900), 9);
	assert_int_equal(office_bin(1000), 9);
}

static void
test_office_stats_move_sums(void **state)
{
	struct testdb *e = *state;
	int64_t office = new_office(e, "Centre"), other = new_office(e, "B");
	struct office_contrib k[6];
	const struct office_group *g;
	struct office_stats s;
	double mean, sd;
	int i;

	/* four in E, Tokyo; scores 10.0, 25.0, 50.0, 95.0 */
	k[0] = contrib("E", "e2", "13", 100, 10, 1, 4, 2);
	k[1] = contrib("E", "e2", "13", 250, 20, 2, 4, 1);
	k[2] = contrib("E", "e3", "13", 500, 30, 0, 0, 0);
	k[3] = contrib("E", "e3", "13", 950, 40, 3, 3, 2);
	for (i = 0; i < 4; i++)
		move(e, office, NULL, &k[i]);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_ALL, "*");
	assert_non_null(g);
	assert_int_equal(g->n, 4);
	assert_false(g->shown);		/* four: never shown */
	assert_int_equal(g->mean_tenths, 0);
	assert_int_equal(g->plan_total, 0);
	assert_int_equal(s.nweak, 0);
	assert_int_equal(s.hidden[OFFICE_DIM_ALL], 4);

	/* a fifth, in F, Osaka, scoring −5.0 (bin 0) */
	k[4] = contrib("F", "e2", "27", -50, 5, 0, 2, 0);
	k[4].items[7] = 1;	/* item 8 weakest */
	move(e, office, NULL, &k[4]);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_ALL, "*");
	assert_int_equal(g->n, 5);
	assert_true(g->shown);
	assert_true(g->scores);
	assert_int_equal(g->n_scored, 5);
	/* (100 + 250 + 500 + 950 − 50) / 5 = 350 */
	assert_int_equal(g->mean_tenths, 350);
	mean = 350;
	sd = sqrt((100.0 * 100 + 250.0 * 250 + 500.0 * 500 + 950.0 * 950 +
	    50.0 * 50) / 5 - mean * mean);
	assert_int_equal(g->sd_tenths, lround(sd));
	assert_int_equal(g->hist[0], 1);	/* −5.0 */
	assert_int_equal(g->hist[1], 1);	/* 10.0 */
	assert_int_equal(g->hist[2], 1);	/* 25.0 */
	assert_int_equal(g->hist[5], 1);	/* 50.0 */
	assert_int_equal(g->hist[9], 1);	/* 95.0 */
	assert_int_equal(g->plan_done, 6);
	assert_int_equal(g->plan_total, 13);
	assert_int_equal(g->two_star, 2);
	/* item means: (10+20+30+40+5)/5 = 21; item 8: (10+20+30+40+1)/5 =
	 * 20.2 → 20 */
	assert_int_equal(g->item_mean_tenths[0], 21);
	assert_int_equal(g->item_mean_tenths[7], 20);
	assert_int_equal(s.nweak, OFFICE_WEAK);
	assert_int_equal(s.weak[0], 7);
	assert_int_equal(s.weak[1], 0);	/* ties in item order */
	assert_int_equal(s.weak[4], 3);
	/* E has four: hidden; F one: hidden; Tokyo four hidden */
	g = group(&s, OFFICE_DIM_INDUSTRY, "E");
	assert_int_equal(g->n, 4);
	assert_false(g->shown);
	assert_int_equal(g->mean_tenths, 0);
	assert_int_equal(s.hidden[OFFICE_DIM_INDUSTRY], 5);
	assert_int_equal(s.hidden[OFFICE_DIM_PREFECTURE], 5);
	/* band e2 has three, e3 two */
	assert_int_equal(group(&s, OFFICE_DIM_EMPLOYEES, "e2")->n, 3);
	assert_int_equal(group(&s, OFFICE_DIM_EMPLOYEES, "e3")->n, 2);

	/* a fifth in E: the industry shows; the other office saw nothing */
	k[5] = contrib("E", "e2", "27", 700, 50, 1, 1, 2);
	move(e, office, NULL, &k[5]);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_INDUSTRY, "E");
	assert_true(g->shown);
	assert_int_equal(g->mean_tenths, 500);	/* (100+250+500+950+700)/5 */
	assert_int_equal(read_stats(e, other).ngroups, 0);

	/* k[5] changes within the same groups: the difference moves */
	{
		struct office_contrib k5 = k[5];

		k5.score_tenths = 200;	/* 70.0 → 20.0: bin 7 → bin 2 */
		k5.plan_done = 0;
		k5.stars = 1;
		move(e, office, &k[5], &k5);
		s = read_stats(e, office);
		g = group(&s, OFFICE_DIM_ALL, "*");
		assert_int_equal(g->n, 6);
		/* (100+250+500+950−50+200)/6 = 325 */
		assert_int_equal(g->mean_tenths, 325);
		assert_int_equal(g->hist[7], 0);
		assert_int_equal(g->hist[2], 2);
		assert_int_equal(g->plan_done, 6);
		assert_int_equal(g->two_star, 2);
		/* and it leaves: E is back to four, hidden */
		move(e, office, &k5, NULL);
	}
	s = read_stats(e, office);
	assert_false(group(&s, OFFICE_DIM_INDUSTRY, "E")->shown);
	assert_int_equal(group(&s, OFFICE_DIM_ALL, "*")->n, 5);
	assert_int_equal(group(&s, OFFICE_DIM_ALL, "*")->mean_tenths, 350);
}

static void
test_office_load_matches_move(void **state)
{
	struct testdb *e = *state;
	int64_t a = new_office(e, "Moved"), b = new_office(e, "Loaded");
	struct office_contrib k[7];
	struct office_load *l = office_load_new(b);
	int64_t orgs[7];
	struct office_stats sa, sb;
	struct db_conn *c;
	size_t i;
	int j;

	for (j = 0; j < 7; j++) {
		k[j] = contrib(j % 2 ? "E" : "G", j % 3 ? "e1" : "e4", "01",
		    j * 137 - 100, 10 + j, j, 2 * j, j % 3);
		k[j].scored = j != 3;
		move(e, a, NULL, &k[j]);
	}
	for (j = 0; j < 7; j++)
		orgs[j] = testdb_org(e, "E", "e1");
	c = db_acquire(e->db);
	assert_int_equal(db_begin(c), DB_OK);
	for (j = 0; j < 7; j++)
		assert_int_equal(office_load_add(c, &e->a, l, orgs[j], &k[j]),
		    DB_OK);
	assert_int_equal(office_load_finish(c, &e->a, l), DB_OK);
	assert_int_equal(db_commit(c), DB_OK);
	db_release(e->db, c);
	office_load_free(l);
	sa = read_stats(e, a);
	sb = read_stats(e, b);
	assert_int_equal(sa.ngroups, sb.ngroups);
	for (i = 0; i < sa.ngroups; i++) {
		assert_int_equal(sa.g[i].dim, sb.g[i].dim);
		assert_string_equal(sa.g[i].key, sb.g[i].key);
		assert_memory_equal(&sa.g[i].n, &sb.g[i].n,
		    sizeof(sa.g[i]) - offsetof(struct office_group, n));
	}
	assert_int_equal(group(&sa, OFFICE_DIM_ALL, "*")->n_scored, 6);
}

/* One respondent answering a to every item, in a round closed at once. */
static void
closed_round(struct testdb *e, int64_t org, enum diag_answer a)
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
	assert_int_equal(round_finish(c, &e->a, round, org), DB_OK);
	db_release(e->db, c);
}

static void
test_office_refresh_follows_engagement(void **state)
{
	struct testdb *e = *state;
	int64_t office = new_office(e, "Runs"), two = new_office(e, "Two");
	int64_t adv, solo, org[5], lone;
	const char *deliv[] = { "hearing" };
	struct db_conn *c = db_acquire(e->db);
	const struct office_group *g;
	struct office_stats s;
	int i;

	assert_int_equal(user_insert(c, "adv@example.jp", "x", USER_MEMBER, 0,
	    &adv), DB_OK);
	assert_int_equal(user_insert(c, "solo@example.jp", "x", USER_MEMBER,
	    0, &solo), DB_OK);
	assert_int_equal(office_advisor_put(c, office, adv), DB_OK);
	assert_int_equal(office_advisor_put(c, office, adv), DB_OK);
	assert_int_equal(office_advisor_put(c, office, solo), DB_OK);
	assert_int_equal(office_advisor_put(c, two, solo), DB_OK);
	db_release(e->db, c);
	for (i = 0; i < 5; i++) {
		org[i] = testdb_org(e, "E", "e2");
		c = db_acquire(e->db);
		assert_int_equal(engagement_open(c, org[i], adv, "ipa",
		    "2026-04-01", 4, 14, deliv, 1, 1000), DB_OK);
		db_release(e->db, c);
		assert_int_equal(office_engagement_opened(e->db, NULL, org[i],
		    adv), DB_OK);
	}
	/* an advisor of two offices: the choice is an office admin's */
	lone = testdb_org(e, "E", "e2");
	c = db_acquire(e->db);
	assert_int_equal(engagement_open(c, lone, solo, "ipa", "2026-04-01",
	    4, 14, deliv, 1, 1000), DB_OK);
	db_release(e->db, c);
	assert_int_equal(office_engagement_opened(e->db, NULL, lone, solo),
	    DB_OK);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_ALL, "*");
	assert_int_equal(g->n, 5);
	assert_int_equal(g->n_scored, 0);
	assert_false(g->scores);
	/* rounds close: scores enter; 100, 50, 0, 0, 0 */
	closed_round(e, org[0], DIAG_YES);
	closed_round(e, org[1], DIAG_PARTLY);
	for (i = 2; i < 5; i++)
		closed_round(e, org[i], DIAG_NO);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_ALL, "*");
	assert_int_equal(g->n_scored, 5);
	assert_true(g->scores);
	assert_int_equal(g->mean_tenths, 300);
	assert_int_equal(g->hist[9], 1);
	assert_int_equal(g->hist[5], 1);
	assert_int_equal(g->hist[0], 3);
	/* the engagement of another advisor cannot be taken */
	assert_int_equal(office_engagement_set(e->db, NULL, lone, two), DB_OK);
	assert_int_equal(office_engagement_set(e->db, NULL, org[0], two),
	    OFFICE_NOT_ADVISOR);
	/* let one go: four left, hidden */
	assert_int_equal(office_engagement_set(e->db, NULL, org[0], 0), DB_OK);
	s = read_stats(e, office);
	g = group(&s, OFFICE_DIM_ALL, "*");
	assert_int_equal(g->n, 4);
	assert_false(g->shown);
	s = read_stats(e, two);
	assert_int_equal(group(&s, OFFICE_DIM_ALL, "*")->n, 1);
}

int
main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_office_bin_edges),
		cmocka_unit_test(test_office_stats_move_sums),
		cmocka_unit_test(test_office_load_matches_move),
		cmocka_unit_test(test_office_refresh_follows_engagement),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_office_stats_move_sums),
		cmocka_unit_test(test_office_load_matches_move),
		cmocka_unit_test(test_office_refresh_follows_engagement),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", sqlite_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", pg_tests, setup_pg,
	    teardown);
	return failed;
}
