/* Unit tests for src/db/db_write.c: durable writes with group commit.
 * Many threads write at once; each gets its own result, a failing write
 * fails alone, and every write acknowledged is in the database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_int.h"

static char dir[64];
static char url[160];
static char path[100];

#define NTHREADS	16
#define NWRITES		40	/* per thread */

static int
setup(void **state)
{
	sqlite3 *h;

	snprintf(dir, sizeof(dir), "/tmp/mamori-dbwrite-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/m.db", dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	/* A table of the test's own next to the schema db_open makes. */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (k INTEGER "
	    "PRIMARY KEY, who INTEGER NOT NULL)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Run sql on c as a write of the test's. */
static int
run(struct db_conn *c, const char *sql)
{
	return ((struct db_conn_hdr *)(void *)c)->ops->exec_script(c, sql);
}

/* Insert row (k, who) into t on c. */
static int
insert(struct db_conn *c, long k, long who)
{
	char sql[100];

	snprintf(sql, sizeof(sql), "INSERT INTO t VALUES (%ld, %ld)", k, who);
	return run(c, sql);
}

/* Rows of t, counted on a connection of its own (what is committed). */
static long
rows(const char *where)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	char sql[200];
	long n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM t WHERE %s", where);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

/* One write: insert key k as writer who; when k is taken, the insert of
 * k + 1000000 before it must be rolled back with it. */
struct wr {
	long		 k;
	long		 who;
	int		 sleep_ms;	/* hold the batch this long first */
	bool		 break_tx;	/* end the whole transaction, fail */
	atomic_int	 runs;		/* times fn ran */
};

static int
wr_fn(struct db_conn *c, void *arg)
{
	struct wr *w = arg;
	int rc;

	atomic_fetch_add(&w->runs, 1);
	if (w->sleep_ms > 0)
		usleep((useconds_t)w->sleep_ms * 1000);
	if (w->break_tx) {
		run(c, "ROLLBACK");
		return DB_E_IO;
	}
	if ((rc = insert(c, w->k + 1000000, w->who)) != DB_OK)
		return rc;
	return insert(c, w->k, w->who);
}

struct writer {
	struct db	*db;
	long		 who;
	long		 dup_every;	/* every n-th key is one that is taken */
	int		 rc[NWRITES];
	long		 key[NWRITES];
};

static void *
writer_main(void *arg)
{
	struct writer *t = arg;
	int i;

	for (i = 0; i < NWRITES; i++) {
		struct wr w = { .who = t->who };

		w.k = t->dup_every > 0 && i % t->dup_every == 0 ? 1 :
		    t->who * 1000 + i + 10;
		t->key[i] = w.k;
		t->rc[i] = db_write(t->db, wr_fn, &w);
	}
	return NULL;
}

/* Writers that each wait for their own writes; the db holds 2
 * connections, fewer than the writers, as a server's pool does. */
static void
run_writers(struct db *db, struct writer *t, long dup_every)
{
	pthread_t th[NTHREADS];
	int i;

	for (i = 0; i < NTHREADS; i++) {
		t[i].db = db;
		t[i].who = i + 1;
		t[i].dup_every = dup_every;
		assert_int_equal(pthread_create(&th[i], NULL, writer_main,
		    &t[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
}

static void
test_db_write_many_threads_each_own_result(void **state)
{
	static struct writer t[NTHREADS];
	char err[256];
	struct db *db = db_open(url, 2, err, sizeof(err));
	uint64_t writes, batches;
	int i, j;

	assert_non_null(db);
	memset(t, 0, sizeof(t));
	run_writers(db, t, 0);
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < NWRITES; j++)
			assert_int_equal(t[i].rc[j], DB_OK);
	db_write_stats(db, &writes, &batches);
	assert_int_equal(writes, NTHREADS * NWRITES);
	/* writers that waited together shared a transaction */
	assert_true(batches < writes);
	db_close(db);
	/* every acknowledged write is there, by its own writer */
	assert_int_equal(rows("k < 1000000"), NTHREADS * NWRITES);
	assert_int_equal(rows("k >= 1000000"), NTHREADS * NWRITES);
	for (i = 0; i < NTHREADS; i++) {
		char where[64];

		snprintf(where, sizeof(where), "who = %ld AND k < 1000000",
		    t[i].who);
		assert_int_equal(rows(where), NWRITES);
	}
}

static void
test_db_write_failure_fails_alone(void **state)
{
	static struct writer t[NTHREADS];
	char err[256];
	struct db *db = db_open(url, 2, err, sizeof(err));
	long ok = 0, failed = 0;
	int i, j;

	assert_non_null(db);
	/* key 1 is taken: every 5th write of every writer collides */
	{
		struct wr w = { .k = 1, .who = 99 };

		assert_int_equal(db_write(db, wr_fn, &w), DB_OK);
	}
	memset(t, 0, sizeof(t));
	run_writers(db, t, 5);
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < NWRITES; j++) {
			if (t[i].key[j] == 1) {
				assert_int_equal(t[i].rc[j], DB_E_CONSTRAINT);
				failed++;
			} else {
				assert_int_equal(t[i].rc[j], DB_OK);
				ok++;
			}
		}
	assert_int_equal(failed, NTHREADS * (NWRITES / 5));
	db_close(db);
	/* the good ones are stored; of a failed one, not even its first
	 * insert (rolled back to its savepoint) */
	assert_int_equal(rows("k < 1000000 AND who <> 99"), ok);
	assert_int_equal(rows("k >= 1000000 AND who <> 99"), ok);
	assert_int_equal(rows("who = 99"), 2);
}

/* A write that ends the whole transaction: the others of its batch run
 * again and commit; it alone fails. */
struct breaker_arg {
	struct db	*db;
	struct wr	 w;
	int		 rc;
};

static void *
breaker_main(void *arg)
{
	struct breaker_arg *b = arg;

	b->rc = db_write(b->db, wr_fn, &b->w);
	return NULL;
}

static void
test_db_write_broken_transaction_spares_the_others(void **state)
{
	struct breaker_arg b[8];
	pthread_t th[8];
	char err[256];
	struct db *db = db_open(url, 2, err, sizeof(err));
	uint64_t writes, batches;
	int i;

	assert_non_null(db);
	memset(b, 0, sizeof(b));
	/* b[0] holds the first batch while the others queue: they then
	 * share the second, where b[4] breaks it */
	for (i = 0; i < 8; i++) {
		b[i].db = db;
		b[i].w.k = 500 + i;
		b[i].w.who = 7;
		b[i].w.sleep_ms = i == 0 ? 300 : 0;
		b[i].w.break_tx = i == 4;
		assert_int_equal(pthread_create(&th[i], NULL, breaker_main,
		    &b[i]), 0);
		/* in this order into the queue */
		usleep(i == 0 ? 50 * 1000 : 5 * 1000);
	}
	for (i = 0; i < 8; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 8; i++)
		assert_int_equal(b[i].rc, i == 4 ? DB_E_IO : DB_OK);
	db_write_stats(db, &writes, &batches);
	assert_int_equal(writes, 8);
	db_close(db);
	assert_int_equal(rows("who = 7 AND k < 1000000"), 7);
	assert_int_equal(rows("k = 504 OR k = 1000504"), 0);
	/* the ones that shared b[4]'s batch ran twice, once undone */
	for (i = 1; i < 8; i++)
		if (i != 4 && atomic_load(&b[i].w.runs) == 2)
			return;
	fail_msg("no write of the broken batch ran again");
}

static void
test_db_write_is_durable(void **state)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	struct wr w = { .k = 42, .who = 1 };

	assert_non_null(db);
	/* synchronous=FULL: a commit is on disk before it returns */
	assert_string_equal(db_durability(db), "full");
	/* with one connection: db_write takes it from the pool */
	assert_int_equal(db_write(db, wr_fn, &w), DB_OK);
	assert_int_equal(rows("k = 42"), 1);
	db_close(db);
}

/* db_write_queue: no thread waits; each done() comes once with its own
 * result, after its commit. */
struct queued {
	struct wr	 w;
	atomic_int	 calls;
	int		 rc;
	atomic_int	*left;
};

static void
queued_done(void *arg, int rc)
{
	struct queued *q = arg;

	q->rc = rc;
	/* committed before done: a connection of its own sees it */
	if (rc == DB_OK) {
		char where[64];

		snprintf(where, sizeof(where), "k = %ld", q->w.k);
		assert_int_equal(rows(where), 1);
	}
	atomic_fetch_add(&q->calls, 1);
	atomic_fetch_sub(q->left, 1);
}

static void
test_db_write_queue_calls_back_each(void **state)
{
	static struct queued q[100];
	atomic_int left = 100;
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof(err));
	int i;

	assert_non_null(db);
	memset(q, 0, sizeof(q));
	for (i = 0; i < 100; i++) {
		q[i].w.k = i % 10 == 9 ? 1 : 2000 + i;	/* k = 1 collides */
		q[i].w.who = 3;
		q[i].left = &left;
		db_write_queue(db, wr_fn, &q[i].w, queued_done, &q[i]);
	}
	while (atomic_load(&left) > 0)
		usleep(1000);
	for (i = 0; i < 100; i++) {
		assert_int_equal(atomic_load(&q[i].calls), 1);
		/* the first k = 1 is stored, the later ones collide */
		assert_int_equal(q[i].rc, q[i].w.k == 1 && i != 9 ?
		    DB_E_CONSTRAINT : DB_OK);
	}
	db_close(db);
	assert_int_equal(rows("who = 3 AND k < 1000000"), 91);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_db_write_many_threads_each_own_result),
		T(test_db_write_failure_fails_alone),
		T(test_db_write_broken_transaction_spares_the_others),
		T(test_db_write_is_durable),
		T(test_db_write_queue_calls_back_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
