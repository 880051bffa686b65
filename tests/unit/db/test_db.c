/* Unit tests for src/db: opening, migrations, the statement table,
 * pooling, transactions, backup. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_int.h"

static char dir[64];
static char url[160];
static char path[100];

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/mamori-dbtest-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/m.db", dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
latest(void)
{
	size_t n;
	const struct db_migration *m = db_migrations(STMT_SQLITE, &n);

	return m[n - 1].version;
}

static void
test_db_open_creates_and_prepares_everything(void **state)
{
	char err[256];
	struct db *db = db_open(url, 3, err, sizeof(err));

	assert_non_null(db);
	/* db_open prepares every statement of the table on every
	 * connection: reaching here means all of them compiled. */
	assert_int_equal(db_version(db), latest());
	assert_string_equal(db_engine(db), "sqlite");
	db_close(db);
}

static void
test_db_open_bad_url(void **state)
{
	char err[256];

	assert_null(db_open("mysql://x", 1, err, sizeof(err)));
	assert_non_null(strstr(err, "unsupported database URL"));
	assert_null(db_open("sqlite:", 1, err, sizeof(err)));
	assert_null(db_open("sqlite:/nonexistent-dir/deeper/x.db", 1, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "cannot open"));
}

static void
test_stmt_names_unique(void **state)
{
	int i, j;

	for (i = 0; i < STMT__MAX; i++) {
		assert_non_null(stmt_sql((enum stmt)i, STMT_SQLITE));
		for (j = i + 1; j < STMT__MAX; j++)
			assert_string_not_equal(stmt_name((enum stmt)i),
			    stmt_name((enum stmt)j));
	}
}

/* The first schema, written as it was, with data in it, upgrades to the
 * latest and keeps the data. */
static void
test_db_upgrade_from_first_schema(void **state)
{
	size_t n;
	const struct db_migration *m = db_migrations(STMT_SQLITE, &n);
	sqlite3 *h;
	char err[256];
	struct db *db;
	struct db_conn *c;
	struct db_stmt *st;

	assert_true(n >= 1);
	assert_int_equal(m[0].version, 1);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, m[0].sql, NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO meta VALUES "
	    "('schema_version', '1'); INSERT INTO users (email, pw_hash, role, "
	    "created_at) VALUES ('old@example.jp', 'x', 'admin', 1)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(h);

	db = db_open(url, 1, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_version(db), latest());
	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_BY_EMAIL);
	db_bind_text(st, 1, str_c("old@example.jp"));
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(str_eq_c(db_col_text(st, 3), "admin"));
	db_release(db, c);
	db_close(db);
}

static void
test_db_refuses_newer_schema(void **state)
{
	sqlite3 *h;
	char err[256];

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE meta (key TEXT PRIMARY "
	    "KEY, value TEXT NOT NULL); INSERT INTO meta VALUES "
	    "('schema_version', '9999')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_null(db_open(url, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "newer than this program"));
}

/* A statement left on a row must not pin a stale snapshot on the pooled
 * connection: a write from another connection is seen next time. */
static void
test_db_release_ends_snapshots(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct db *other = db_open(url, 1, err, sizeof(err));
	struct db_conn *c, *o;
	struct db_stmt *st;

	assert_non_null(db);
	c = db_acquire(db);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("schema_version"));
	assert_int_equal(db_step(st), DB_ROW);	/* left on the row */
	db_release(db, c);

	o = db_acquire(other);
	st = db_stmt(o, STMT_META_PUT);
	db_bind_text(st, 1, str_c("probe"));
	db_bind_text(st, 2, str_c("fresh"));
	assert_int_equal(db_exec(st), DB_OK);
	db_release(other, o);

	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_COUNT);	/* a different statement */
	assert_int_equal(db_step(st), DB_ROW);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("probe"));
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(str_eq_c(db_col_text(st, 0), "fresh"));
	db_release(db, c);
	db_close(db);
	db_close(other);
}

static void
test_db_rollback_leaves_nothing(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;

	assert_int_equal(db_begin(c), DB_OK);
	st = db_stmt(c, STMT_META_PUT);
	db_bind_text(st, 1, str_c("half"));
	db_bind_text(st, 2, str_c("written"));
	assert_int_equal(db_exec(st), DB_OK);
	assert_int_equal(db_rollback(c), DB_OK);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("half"));
	assert_int_equal(db_step(st), DB_DONE);
	/* a transaction forgotten by its caller is rolled back on release */
	assert_int_equal(db_begin(c), DB_OK);
	st = db_stmt(c, STMT_META_PUT);
	db_bind_text(st, 1, str_c("forgotten"));
	db_bind_text(st, 2, str_c("x"));
	assert_int_equal(db_exec(st), DB_OK);
	db_release(db, c);
	c = db_acquire(db);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("forgotten"));
	assert_int_equal(db_step(st), DB_DONE);
	db_release(db, c);
	db_close(db);
}

static void
test_db_constraint_error(void **state)
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
	db_release(db, c);
	db_close(db);
}

static void
test_db_backup_copies_everything(void **state)
{
	char err[256], to[160], burl[170];
	struct db *db = db_open(url, 1, err, sizeof(err)), *b;
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st = db_stmt(c, STMT_META_PUT);

	db_bind_text(st, 1, str_c("k"));
	db_bind_text(st, 2, str_c("v"));
	assert_int_equal(db_exec(st), DB_OK);
	db_release(db, c);
	snprintf(to, sizeof(to), "%s/backup.db", dir);
	assert_int_equal(db_backup(db, to, err, sizeof(err)), DB_OK);
	db_close(db);
	snprintf(burl, sizeof(burl), "sqlite:%s", to);
	b = db_open(burl, 1, err, sizeof(err));
	assert_non_null(b);
	c = db_acquire(b);
	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, str_c("k"));
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(str_eq_c(db_col_text(st, 0), "v"));
	db_release(b, c);
	db_close(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_db_open_creates_and_prepares_everything),
		T(test_db_open_bad_url),
		T(test_stmt_names_unique),
		T(test_db_upgrade_from_first_schema),
		T(test_db_refuses_newer_schema),
		T(test_db_release_ends_snapshots),
		T(test_db_rollback_leaves_nothing),
		T(test_db_constraint_error),
		T(test_db_backup_copies_everything),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
