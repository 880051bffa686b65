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
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
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
	assert_int_equal(db_backup(db, to, 10, err, sizeof(err)), DB_OK);
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

/* Write key=value through db on any connection of the pool. */
static void
put(struct db *db, const char *k, const char *v)
{
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st = db_stmt(c, STMT_META_PUT);

	db_bind_text(st, 1, str_c(k));
	db_bind_text(st, 2, str_c(v));
	assert_int_equal(db_exec(st), DB_OK);
	db_release(db, c);
}

/* PRAGMA wal_checkpoint(PASSIVE) from a connection of the test's own:
 * busy, frames in the WAL, frames copied. */
static void
outside_checkpoint(int *busy, int *log, int *copied)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA wal_checkpoint(PASSIVE)",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*busy = sqlite3_column_int(st, 0);
	*log = sqlite3_column_int(st, 1);
	*copied = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* A server restarted on an existing database (no migration to run) must
 * leave no read open on any pooled connection: a checkpoint afterwards
 * copies every frame of the WAL. */
static void
test_db_restart_checkpoint_copies_every_frame(void **state)
{
	char err[256], k[32];
	struct db *db = db_open(url, 3, err, sizeof(err));
	struct db_conn *c[3];
	int busy, log, copied, i;

	assert_non_null(db);
	put(db, "before", "restart");
	db_close(db);

	db = db_open(url, 3, err, sizeof(err));	/* the restart */
	assert_non_null(db);
	/* Every connection, connection 0 too, writes once. */
	for (i = 0; i < 3; i++)
		c[i] = db_acquire(db);
	for (i = 0; i < 3; i++)
		db_release(db, c[i]);
	for (i = 0; i < 200; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		put(db, k, "after restart, a little longer value");
	}
	outside_checkpoint(&busy, &log, &copied);
	assert_int_equal(busy, 0);
	assert_true(log > 0);
	assert_int_equal(log, copied);
	db_close(db);
}

static int64_t
wal_size(void)
{
	char w[120];
	struct stat sb;

	snprintf(w, sizeof(w), "%s-wal", path);
	return stat(w, &sb) == 0 ? (int64_t)sb.st_size : 0;
}

/* Past the limit the checkpoint empties the WAL file; the sizes say so. */
static void
test_db_checkpoint_truncates_past_limit(void **state)
{
	char err[256], k[32];
	struct db *db = db_open(url, 2, err, sizeof(err));
	struct db_sizes sz;
	struct db_ckpt ck;
	int i;

	assert_non_null(db);
	for (i = 0; i < 300; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		put(db, k, "a value to make the WAL grow a little");
	}
	assert_true(wal_size() > 4096);
	assert_int_equal(db_sizes(db, &sz), DB_OK);
	assert_int_equal(sz.wal_bytes, wal_size());
	assert_true(sz.db_bytes > 0);
	assert_int_equal(db_checkpoint(db, 0, &ck), DB_OK);	/* PASSIVE */
	assert_false(ck.busy);
	assert_false(ck.truncated);
	assert_int_equal(ck.log, ck.copied);
	assert_true(wal_size() > 4096);
	assert_int_equal(db_checkpoint(db, 4096, &ck), DB_OK);
	assert_true(ck.truncated);
	assert_int_equal(wal_size(), 0);
	assert_int_equal(db_sizes(db, &sz), DB_OK);
	assert_int_equal(sz.wal_bytes, 0);
	assert_int_equal(sz.ckpts, 2);
	assert_true(sz.ckpt_at > 0);
	db_close(db);
}

/* The background thread checkpoints a second after writes stop. */
static void
test_db_maint_checkpoints_when_quiet(void **state)
{
	char err[256];
	struct db *db = db_open(url, 2, err, sizeof(err));
	struct db_sizes sz;
	int i;

	assert_non_null(db);
	db_maint_start(db, 3600, 1);
	put(db, "k", "v");
	for (i = 0; i < 50; i++) {
		assert_int_equal(db_sizes(db, &sz), DB_OK);
		if (sz.ckpts > 0)
			break;
		usleep(100 * 1000);
	}
	assert_true(sz.ckpts > 0);
	assert_int_equal(sz.wal_bytes, 0);	/* past the 1-byte limit */
	db_close(db);
}

struct load {
	struct db	*db;
	atomic_bool	 stop;
	atomic_int	 done;		/* writes committed */
};

static void *
load_main(void *arg)
{
	struct load *l = arg;
	char k[32];
	int i = 0;

	while (!atomic_load(&l->stop)) {
		snprintf(k, sizeof(k), "load%d", i++);
		put(l->db, k, "written while a backup runs");
		atomic_store(&l->done, i);
	}
	return NULL;
}

/* A steady stream of writes must not restart the copy: the backup ends
 * in a few seconds, passes integrity_check and holds what was committed
 * before it began. */
static void
test_db_backup_finishes_under_writes(void **state)
{
	char err[256], to[160], burl[170], k[32];
	struct db *db = db_open(url, 3, err, sizeof(err)), *b;
	struct load l = { .db = db };
	struct timespec t0, t1;
	struct db_conn *c;
	struct db_stmt *st;
	pthread_t th;
	int i, before;

	assert_non_null(db);
	/* Enough pages that a copy in small steps would be restarted. */
	for (i = 0; i < 2000; i++) {
		snprintf(k, sizeof(k), "seed%d", i);
		put(db, k, "a seed row, long enough to fill a few pages......");
	}
	assert_int_equal(pthread_create(&th, NULL, load_main, &l), 0);
	while (atomic_load(&l.done) < 20)
		usleep(1000);
	before = atomic_load(&l.done);
	snprintf(to, sizeof(to), "%s/backup.db", dir);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_backup(db, to, 10, err, sizeof(err)), DB_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	atomic_store(&l.stop, true);
	pthread_join(th, NULL);
	assert_true(t1.tv_sec - t0.tv_sec < 5);
	assert_true(atomic_load(&l.done) > before);	/* writes went on */
	assert_int_equal(db_check_file(to, err, sizeof(err)), DB_OK);
	db_close(db);
	snprintf(burl, sizeof(burl), "sqlite:%s", to);
	b = db_open(burl, 1, err, sizeof(err));
	assert_non_null(b);
	c = db_acquire(b);
	st = db_stmt(c, STMT_META_GET);
	snprintf(k, sizeof(k), "load%d", before - 1);
	db_bind_text(st, 1, str_c(k));
	assert_int_equal(db_step(st), DB_ROW);
	db_release(b, c);
	db_close(b);
}

/* A damaged file is named as such; a good one passes. */
static void
test_db_check_file_refuses_damage(void **state)
{
	char err[256], k[100];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct db_ckpt ck;
	FILE *f;
	int i;

	assert_non_null(db);
	for (i = 0; i < 500; i++) {
		snprintf(k, sizeof(k), "k%05d", i);
		put(db, k, "a value");
	}
	assert_int_equal(db_checkpoint(db, 1, &ck), DB_OK);
	db_close(db);
	assert_int_equal(db_check_file(path, err, sizeof(err)), DB_OK);
	/* Garble the middle of the third page on (past the schema). */
	f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	assert_true(ftell(f) > 4 * 4096);
	for (i = 2; i * 4096 < ftell(f) - 4096; i += 2) {
		fseek(f, i * 4096 + 8, SEEK_SET);
		fwrite("garbage!garbage!garbage!", 1, 24, f);
		fseek(f, 0, SEEK_END);
	}
	fclose(f);
	assert_int_equal(db_check_file(path, err, sizeof(err)), DB_E_IO);
	assert_non_null(strstr(err, "damaged"));
	snprintf(k, sizeof(k), "%s/none", dir);
	f = fopen(k, "wb");
	fputs("not a database at all, just some text", f);
	fclose(f);
	assert_int_equal(db_check_file(k, err, sizeof(err)), DB_E_IO);
}

/* db_mark moves with every commit of another handle on the file (as a
 * second process makes them), a checkpoint included, and stays put
 * while nothing is committed. */
static void
test_db_mark_moves_with_other_commits(void **state)
{
	char err[256];
	struct db *db = db_open(url, 2, err, sizeof(err));
	uint64_t m0, m1, m2;
	sqlite3 *h;
	int i;

	assert_non_null(db);
	assert_true(db_mark(db, &m0));
	assert_true(db_mark(db, &m1));
	assert_true(m0 == m1);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	for (i = 0; i < 3; i++) {
		char q[128];

		snprintf(q, sizeof(q), "INSERT INTO meta VALUES ('mark%d', 'x')",
		    i);
		assert_int_equal(sqlite3_exec(h, q, NULL, NULL, NULL), SQLITE_OK);
		assert_true(db_mark(db, &m2));
		assert_true(m2 != m1);
		m1 = m2;
		/* a read changes nothing */
		assert_int_equal(sqlite3_exec(h, "SELECT count(*) FROM meta",
		    NULL, NULL, NULL), SQLITE_OK);
		assert_true(db_mark(db, &m2));
		assert_true(m2 == m1);
	}
	/* after a checkpoint that empties the WAL, the next commit still
	 * moves it */
	assert_int_equal(sqlite3_wal_checkpoint_v2(h, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), SQLITE_OK);
	assert_true(db_mark(db, &m1));
	assert_int_equal(sqlite3_exec(h, "DELETE FROM meta WHERE key = 'mark0'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_true(db_mark(db, &m2));
	assert_true(m2 != m1);
	sqlite3_close(h);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_db_open_creates_and_prepares_everything),
		T(test_db_open_bad_url),
		T(test_db_restart_checkpoint_copies_every_frame),
		T(test_db_checkpoint_truncates_past_limit),
		T(test_db_maint_checkpoints_when_quiet),
		T(test_db_backup_finishes_under_writes),
		T(test_db_check_file_refuses_damage),
		T(test_stmt_names_unique),
		T(test_db_upgrade_from_first_schema),
		T(test_db_refuses_newer_schema),
		T(test_db_release_ends_snapshots),
		T(test_db_rollback_leaves_nothing),
		T(test_db_constraint_error),
		T(test_db_backup_copies_everything),
		T(test_db_mark_moves_with_other_commits),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
