/* Unit tests for src/db/db_pg.c: the storage suite on PostgreSQL.  Needs
 * the throw-away server that tests/run.sh starts (scripts/pg-test.sh);
 * without MAMORI_TEST_PG_DIR every case fails, saying so. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_int.h"

static char url[256];

/* A new, empty database on the test server; its URL in url. */
static int
setup(void **state)
{
	const char *dir = getenv("MAMORI_TEST_PG_DIR");
	static int seq;
	char cmd[512];
	FILE *p;

	if (dir == NULL) {
		fprintf(stderr, "MAMORI_TEST_PG_DIR is not set: run through "
		    "tests/run.sh, which starts PostgreSQL\n");
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "sh scripts/pg-test.sh url '%s' u%d_%d",
	    dir, (int)getpid(), ++seq);
	if ((p = popen(cmd, "r")) == NULL || fgets(url, sizeof(url), p) == NULL)
		return -1;
	pclose(p);
	url[strcspn(url, "\n")] = '\0';
	return strncmp(url, "postgres://", 11) == 0 ? 0 : -1;
}

static int
latest(void)
{
	size_t n;
	const struct db_migration *m = db_migrations(STMT_PG, &n);

	return m[n - 1].version;
}

/* Opening migrates, then prepares every statement of the table on each
 * connection: all 48 compile on a live server. */
static void
test_pg_open_prepares_every_statement(void **state)
{
	char err[256];
	struct db *db = db_open(url, 3, err, sizeof(err));

	if (db == NULL)
		fprintf(stderr, "%s\n", err);
	assert_non_null(db);
	assert_int_equal(db_version(db), latest());
	assert_string_equal(db_engine(db), "postgres");
	db_close(db);
	/* and a second open does not migrate again */
	db = db_open(url, 1, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_version(db), latest());
	db_close(db);
}

static void
test_pg_unreachable_is_one_clear_line(void **state)
{
	char err[256];

	assert_null(db_open("postgres://nobody@127.0.0.1:1/none", 1, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "cannot connect to PostgreSQL"));
	assert_null(strchr(err, '\n'));
}

static void
test_pg_upgrade_from_first_schema(void **state)
{
	size_t n;
	const struct db_migration *m = db_migrations(STMT_PG, &n);
	PGconn *pg = PQconnectdb(url);
	PGresult *res;
	char err[256];
	struct db *db;
	struct db_conn *c;
	struct db_stmt *st;

	assert_int_equal(PQstatus(pg), CONNECTION_OK);
	res = PQexec(pg, m[0].sql);
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	res = PQexec(pg, "INSERT INTO meta VALUES ('schema_version', '1'); "
	    "INSERT INTO users (email, pw_hash, role, created_at) VALUES "
	    "('old@example.jp', 'x', 'admin', 1)");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(pg);

	db = db_open(url, 1, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_version(db), latest());
	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_BY_EMAIL);
	db_bind_text(st, 1, str_c("old@example.jp"));
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	assert_true(str_eq_c(db_col_text(st, 3), "admin"));
	db_release(db, c);
	db_close(db);
}

static void
test_pg_rows_nulls_and_changes(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;
	int64_t id;

	st = db_stmt(c, STMT_ORG_INSERT);
	db_bind_text(st, 1, str_c("テスト株式会社"));
	db_bind_text(st, 2, str_c("E"));
	db_bind_text(st, 3, str_c("e2"));
	db_bind_text(st, 4, str_c("c1"));
	db_bind_text(st, 5, str_c("13"));
	db_bind_int(st, 6, 1);
	db_bind_int(st, 7, 0);
	db_bind_int(st, 8, 1);
	db_bind_text(st, 9, str_c("matsu"));
	db_bind_int(st, 10, 1795000000);
	assert_int_equal(db_step(st), DB_ROW);
	id = db_col_int(st, 0);
	assert_true(id > 0);
	assert_int_equal(db_step(st), DB_DONE);
	/* the audit list takes NULL for "every organisation" */
	st = db_stmt(c, STMT_AUDIT_INSERT);
	db_bind_int(st, 1, 5);
	db_bind_int(st, 2, id);
	db_bind_null(st, 3);
	db_bind_text(st, 4, str_c("org_created"));
	db_bind_text(st, 5, str_c("x"));
	db_bind_text(st, 6, str_c(""));
	assert_int_equal(db_exec(st), DB_OK);
	st = db_stmt(c, STMT_AUDIT_LIST);
	db_bind_null(st, 1);
	db_bind_int(st, 2, 10);
	db_bind_int(st, 3, 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(str_eq_c(db_col_text(st, 1), "org_created"));
	assert_true(str_eq_c(db_col_text(st, 4), ""));	/* no user */
	/* changes counts what an UPDATE touched */
	st = db_stmt(c, STMT_ORG_UPDATE);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, str_c("新しい名前"));
	db_bind_text(st, 3, str_c("E"));
	db_bind_text(st, 4, str_c("e2"));
	db_bind_text(st, 5, str_c("c1"));
	db_bind_text(st, 6, str_c("13"));
	db_bind_int(st, 7, 1);
	db_bind_int(st, 8, 0);
	db_bind_int(st, 9, 1);
	db_bind_text(st, 10, str_c("matsu"));
	assert_int_equal(db_exec(st), DB_OK);
	assert_int_equal(db_changes(c), 1);
	/* the rate limiter's window arithmetic */
	st = db_stmt(c, STMT_RATE_HIT);
	db_bind_text(st, 1, str_c("k"));
	db_bind_int(st, 2, 1000);
	db_bind_int(st, 3, 900);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	st = db_stmt(c, STMT_RATE_HIT);
	db_bind_text(st, 1, str_c("k"));
	db_bind_int(st, 2, 1001);
	db_bind_int(st, 3, 900);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2);
	db_release(db, c);
	db_close(db);
}

static void
test_pg_constraint_and_rollback(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;
	int i;

	for (i = 0; i < 2; i++) {
		st = db_stmt(c, STMT_USER_INSERT);
		db_bind_text(st, 1, str_c("same@example.jp"));
		db_bind_text(st, 2, str_c("h"));
		db_bind_text(st, 3, str_c("member"));
		db_bind_text(st, 4, str_c("ja"));
		db_bind_int(st, 5, 1);
		assert_int_equal(db_exec(st), i == 0 ? DB_OK :
		    DB_E_CONSTRAINT);
	}
	assert_int_equal(db_begin(c), DB_OK);
	st = db_stmt(c, STMT_META_PUT);
	db_bind_text(st, 1, str_c("half"));
	db_bind_text(st, 2, str_c("written"));
	assert_int_equal(db_exec(st), DB_OK);
	/* forgotten by its caller: released connections roll back */
	db_release(db, c);
	c = db_acquire(db);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("half"));
	assert_int_equal(db_step(st), DB_DONE);
	db_release(db, c);
	db_close(db);
}

/* What a watch heard (db_watch_start's callback), in order. */
struct heard {
	pthread_mutex_t	 mu;
	char		 said[64][32];
	int		 n;
};

static void
hear(void *arg, const char *payload)
{
	struct heard *h = arg;

	pthread_mutex_lock(&h->mu);
	if (h->n < 64)
		snprintf(h->said[h->n++], sizeof(h->said[0]), "%s",
		    payload ? payload : "(all)");
	pthread_mutex_unlock(&h->mu);
}

/* Run q on pg, then wait up to 2 s for the watch to hear want (NULL:
 * give it 300 ms and say whether it heard "auth").  True when heard. */
static bool
after(PGconn *pg, struct heard *h, const char *q, const char *want)
{
	PGresult *res = PQexec(pg, q);
	bool got = false;
	int i, ms;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		fprintf(stderr, "%s: %s", q, PQerrorMessage(pg));
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	for (ms = 0; ms < (want ? 2000 : 300) && !got; ms += 10) {
		usleep(10000);
		pthread_mutex_lock(&h->mu);
		for (i = 0; i < h->n; i++)
			got |= strcmp(h->said[i], want ? want : "auth") == 0;
		h->n = 0;
		pthread_mutex_unlock(&h->mu);
	}
	return got;
}

/* sql/pg/0014: ending or changing a session, changing or deleting an
 * account, any change of a membership says "auth"; a new session does
 * not; a comment on a round says its organisation. */
static void
test_pg_watch_hears_auth_changes(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct heard h = { .n = 0 };
	struct db_watch *w;
	PGconn *pg;
	int i;

	assert_non_null(db);
	pthread_mutex_init(&h.mu, NULL);
	w = db_watch_start(db, hear, &h);
	for (i = 0; i < 500 && !db_watch_live(w); i++)
		usleep(10000);
	assert_true(db_watch_live(w));
	pg = PQconnectdb(url);
	assert_int_equal(PQstatus(pg), CONNECTION_OK);
	PQclear(PQexec(pg, "SET client_min_messages = warning"));
	assert_true(after(pg, &h, "INSERT INTO users (id, email, pw_hash, "
	    "role, created_at) VALUES (7001, 'w@example.jp', 'h', 'member', "
	    "1); INSERT INTO orgs (id, name, industry, employees, capital, "
	    "prefecture, created_at) VALUES (7002, 'o', 'E', 'e1', 'c1', '13', "
	    "1); INSERT INTO rounds (id, org_id, title, status, opened_at) "
	    "VALUES (7003, 7002, 't', 'closed', 1)", "org:7002"));
	assert_false(after(pg, &h, "INSERT INTO sessions (id_hash, user_id, "
	    "csrf, created_at, seen_at, expires_at) VALUES ('s', 7001, 'c', 1, "
	    "1, 99999999999)", NULL));
	assert_true(after(pg, &h, "UPDATE sessions SET org_id = 7002", "auth"));
	assert_true(after(pg, &h, "DELETE FROM sessions", "auth"));
	assert_true(after(pg, &h, "INSERT INTO members VALUES (7001, 7002, "
	    "'org_admin')", "auth"));
	assert_true(after(pg, &h, "UPDATE members SET role = 'member'",
	    "auth"));
	assert_true(after(pg, &h, "DELETE FROM members", "auth"));
	assert_true(after(pg, &h, "UPDATE users SET role = 'admin' WHERE id = "
	    "7001", "auth"));
	assert_true(after(pg, &h, "INSERT INTO round_comments VALUES (7003, "
	    "7002, 'c', 1, 7001)", "org:7002"));
	assert_true(after(pg, &h, "UPDATE round_comments SET body = 'd'",
	    "org:7002"));
	assert_true(after(pg, &h, "DELETE FROM users WHERE id = 7001", "auth"));
	PQfinish(pg);
	db_watch_stop(w);
	pthread_mutex_destroy(&h.mu);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, NULL)
		T(test_pg_open_prepares_every_statement),
		T(test_pg_unreachable_is_one_clear_line),
		T(test_pg_upgrade_from_first_schema),
		T(test_pg_rows_nulls_and_changes),
		T(test_pg_constraint_and_rollback),
		T(test_pg_watch_hears_auth_changes),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
