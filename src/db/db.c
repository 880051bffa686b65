#include "db/db.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/xalloc.h"
#include "db/db_int.h"

struct db {
	const struct db_ops	*ops;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct db_conn		*free;	/* idle connections */
	struct db_conn		**all;	/* every connection, for close */
	int			 n;
	int			 version;	/* schema version after migration */
	char			*url;	/* for a watch's own connection */
	atomic_uint_fast64_t	 writes;	/* see db_writes */
	/* when an I/O error (a full disk…) was last logged: at most one
	 * line a minute, however many requests meet it */
	atomic_int_fast64_t	 io_logged;
	atomic_int_fast64_t	 ckpt_at;	/* see struct db_sizes */
	atomic_uint_fast64_t	 ckpts;
	/* the checkpoint thread (db_maint_start) */
	bool			 maint_on;	/* started: join it at close */
	pthread_t		 maint_th;
	struct db_conn		*maint_conn;	/* its own connection */
	int			 maint_secs;
	int64_t			 maint_limit;
	bool			 maint_stop;	/* under mu, signalled on maint_cv */
	pthread_cond_t		 maint_cv;
	struct db_committer	*committer;	/* db_write (db_write.c) */
	/* db_mark: bytes that change with every commit (NULL: none), seen
	 * through the first connection, which stays open until db_close */
	const volatile unsigned char *mark;
	size_t			 mark_n;
};

static const struct db_ops *const db_engines[] = {
	&db_sqlite_ops,
	&db_pg_ops,
};

#define HDR(c)	((struct db_conn_hdr *)(void *)(c))

static const struct db_ops *
db_engine_for(const char *url)
{
	size_t i;

	for (i = 0; i < sizeof(db_engines) / sizeof(db_engines[0]); i++) {
		size_t n = strlen(db_engines[i]->scheme);

		if (strncmp(url, db_engines[i]->scheme, n) == 0)
			return db_engines[i];
	}
	return NULL;
}

/*
 * The one way into the free list, for a new connection (db_open) and a
 * returned one (db_release) alike: the engine ends every statement still
 * stepping and any transaction left open, so no read snapshot can stay
 * behind in the pool and hold the WAL back.
 */
static void
db_pool_put(struct db *db, struct db_conn *c)
{
	db->ops->idle(c);
	if (HDR(c)->wrote) {
		HDR(c)->wrote = false;
		atomic_fetch_add(&db->writes, 1);
	}
	pthread_mutex_lock(&db->mu);
	HDR(c)->next_free = db->free;
	db->free = c;
	pthread_cond_signal(&db->cv);
	pthread_mutex_unlock(&db->mu);
}

/* Current schema version as stored in meta, 0 for an empty database. */
static int
db_read_version(const struct db_ops *ops, struct db_conn *c)
{
	struct db_stmt *st;
	long v = 0;

	st = ops->stmt(c, STMT_META_GET);
	ops->bind_text(st, 1, STR_LIT("schema_version"));
	if (ops->step(st) == DB_ROW &&
	    str_to_long(ops->col_text(st, 0), 0, 1000000, &v) != 0)
		v = -1;
	/* Step to the end: a statement left on a row keeps a read open on
	 * SQLite, and a migration that drops a table then fails as
	 * "database table is locked". */
	while (ops->step(st) == DB_ROW)
		;
	return (int)v;
}

/*
 * Bring the schema up to date: every embedded migration newer than the
 * stored version runs in its own transaction together with the version
 * bump, so a failure leaves the database at the last good version.
 */
static int
db_migrate(const struct db_ops *ops, struct db_conn *c, int *version,
    char *err, size_t errlen)
{
	const struct db_migration *m;
	size_t n, i;
	int have = 0;
	char sql[128];

	/* meta may not exist yet: create it outside the numbered scripts. */
	if (ops->exec_script(c, "CREATE TABLE IF NOT EXISTS meta ("
	    "key TEXT PRIMARY KEY, value TEXT NOT NULL)") != DB_OK) {
		snprintf(err, errlen, "cannot create meta table: %s",
		    ops->errmsg(c));
		return DB_E_MIGRATE;
	}
	m = db_migrations(ops->dialect, &n);
	have = db_read_version(ops, c);
	if (have < 0) {
		snprintf(err, errlen, "unreadable schema_version in meta");
		return DB_E_MIGRATE;
	}
	if (n > 0 && have > m[n - 1].version) {
		snprintf(err, errlen, "database schema %d is newer than this "
		    "program (%d)", have, m[n - 1].version);
		return DB_E_SCHEMA;
	}
	for (i = 0; i < n; i++) {
		if (m[i].version <= have)
			continue;
		log_info("db", "migrating to %d (%s)", m[i].version, m[i].name);
		snprintf(sql, sizeof(sql), "INSERT INTO meta (key, value) "
		    "VALUES ('schema_version', '%d') ON CONFLICT (key) DO "
		    "UPDATE SET value = excluded.value", m[i].version);
		if (ops->exec_script(c, "BEGIN") != DB_OK ||
		    ops->exec_script(c, m[i].sql) != DB_OK ||
		    ops->exec_script(c, sql) != DB_OK ||
		    ops->exec_script(c, "COMMIT") != DB_OK) {
			snprintf(err, errlen, "migration %s: %s",
			    m[i].name, ops->errmsg(c));
			ops->exec_script(c, "ROLLBACK");
			return DB_E_MIGRATE;
		}
		have = m[i].version;
	}
	*version = have;
	return DB_OK;
}

struct db *
db_open(const char *url, int conns, char *err, size_t errlen)
{
	const struct db_ops *ops;
	struct db *db;
	int i;

	if ((ops = db_engine_for(url)) == NULL) {
		snprintf(err, errlen, "unsupported database URL '%s' "
		    "(expected sqlite:PATH or postgres://USER@HOST:PORT/DB)",
		    url);
		return NULL;
	}
	if (conns < 1)
		conns = 1;
	db = xcalloc(1, sizeof(*db));
	db->ops = ops;
	db->url = xstrdup(url);
	db->all = xcalloc((size_t)conns, sizeof(*db->all));
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	pthread_cond_init(&db->maint_cv, NULL);
	db->committer = db_committer_new(db, ops);
	for (i = 0; i < conns; i++) {
		struct db_conn *c = ops->open(url, err, errlen);

		if (c == NULL)
			goto fail;
		HDR(c)->db = db;
		db->all[db->n++] = c;
		if (i == 0) {
			int rc;

			if (ops->migrate_lock_sql != NULL &&
			    ops->exec_script(c, ops->migrate_lock_sql) != DB_OK) {
				snprintf(err, errlen, "cannot lock for migration: "
				    "%s", ops->errmsg(c));
				goto fail;
			}
			rc = db_migrate(ops, c, &db->version, err, errlen);
			if (ops->migrate_unlock_sql != NULL)
				ops->exec_script(c, ops->migrate_unlock_sql);
			if (rc != DB_OK)
				goto fail;
		}
		if (ops->prepare_all(c, err, errlen) != DB_OK)
			goto fail;
		if (i == 0 && ops->change_mark != NULL)
			db->mark = ops->change_mark(c, &db->mark_n);
		db_pool_put(db, c);
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	db_committer_free(db->committer);
	if (db->maint_on) {
		pthread_mutex_lock(&db->mu);
		db->maint_stop = true;
		pthread_cond_signal(&db->maint_cv);
		pthread_mutex_unlock(&db->mu);
		pthread_join(db->maint_th, NULL);
		db->ops->close(db->maint_conn);
	}
	for (i = 0; i < db->n; i++)
		db->ops->close(db->all[i]);
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
	pthread_cond_destroy(&db->maint_cv);
	free(db->all);
	free(db->url);
	free(db);
}

int
db_version(struct db *db)
{
	return db->version;
}

const char *
db_engine(const struct db *db)
{
	return db->ops->name;
}

struct db_conn *
db_acquire(struct db *db)
{
	struct db_conn *c;

	pthread_mutex_lock(&db->mu);
	while (db->free == NULL)
		pthread_cond_wait(&db->cv, &db->mu);
	c = db->free;
	db->free = HDR(c)->next_free;
	pthread_mutex_unlock(&db->mu);
	/* Outside the lock: reopening a dropped connection takes a while. */
	if (db->ops->check != NULL)
		db->ops->check(c);
	return c;
}

void
db_release(struct db *db, struct db_conn *c)
{
	db_pool_put(db, c);
}

int
db_ping(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;
	int rc;

	st = db_stmt(c, STMT_META_GET);
	db_bind_text(st, 1, STR_LIT("schema_version"));
	rc = db_exec(st);
	db_release(db, c);
	return rc;
}

int
db_begin(struct db_conn *c)
{
	return HDR(c)->ops->exec_script(c, HDR(c)->ops->begin_sql);
}

int
db_begin_snapshot(struct db_conn *c)
{
	return HDR(c)->ops->exec_script(c, HDR(c)->ops->snapshot_sql);
}

/* The operator hears of a full or failing disk, which every write then
 * meets as a 503: once a minute, with the engine's own words. */
static void
db_note_io(struct db_conn *c)
{
	struct db *db = HDR(c)->db;
	int_fast64_t now = (int_fast64_t)time(NULL), last;

	if (db == NULL)
		return;
	last = atomic_load(&db->io_logged);
	if (now - last < 60 ||
	    !atomic_compare_exchange_strong(&db->io_logged, &last, now))
		return;
	log_warn("db", "the database refuses writes (%s): requests answer "
	    "503 until it is fixed (a full disk: free space)",
	    HDR(c)->ops->errmsg(c));
}

int
db_commit(struct db_conn *c)
{
	int rc = HDR(c)->ops->exec_script(c, "COMMIT");

	if (rc == DB_E_IO)	/* a full disk is often met at the commit */
		db_note_io(c);
	return rc;
}

int
db_rollback(struct db_conn *c)
{
	return HDR(c)->ops->exec_script(c, "ROLLBACK");
}

/*
 * Statements start with a pointer back to their connection's header so the
 * generic functions below can dispatch; adapters lay out their statement
 * struct that way.
 */
struct db_stmt_hdr {
	struct db_conn	*conn;
};

#define SOPS(st)	(HDR(((struct db_stmt_hdr *)(void *)(st))->conn)->ops)

struct db_stmt *
db_stmt(struct db_conn *c, enum stmt s)
{
	if (stmt_writes(s))
		HDR(c)->wrote = true;
	return HDR(c)->ops->stmt(c, s);
}

struct db_committer *
db_committer_of(struct db *db)
{
	return db->committer;
}

uint64_t
db_writes(struct db *db)
{
	return atomic_load(&db->writes);
}

bool
db_mark(struct db *db, uint64_t *mark)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */
	size_t i;

	if (db->mark == NULL)
		return false;
	/* Nothing read here may come from before what the caller saw
	 * happen (a request that arrived after another process's commit). */
	atomic_thread_fence(memory_order_seq_cst);
	for (i = 0; i < db->mark_n; i++)
		h = (h ^ db->mark[i]) * 1099511628211ULL;
	*mark = h;
	return true;
}

struct db_watch *
db_watch_start(struct db *db, void (*cb)(void *arg, const char *payload),
    void *arg)
{
	struct db_watch *w;

	if (db->ops->watch_main == NULL)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->url = xstrdup(db->url);
	w->cb = cb;
	w->arg = arg;
	atomic_init(&w->stop, false);
	atomic_init(&w->live, false);
	atomic_init(&w->fd, -1);
	atomic_init(&w->busy, false);
	if (pthread_create(&w->th, NULL, db->ops->watch_main, w) != 0) {
		log_warn("db", "cannot start the change watch");
		free(w->url);
		free(w);
		return NULL;
	}
	return w;
}

bool
db_watch_live(struct db_watch *w)
{
	return w != NULL && atomic_load(&w->live);
}

bool
db_watch_behind(struct db_watch *w)
{
	struct pollfd pfd;

	if (w == NULL)
		return false;
	/* The socket first: what was read off it before this poll keeps
	 * busy set until cb had it. */
	pfd.fd = atomic_load(&w->fd);
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (pfd.fd >= 0 && poll(&pfd, 1, 0) != 0)
		return true;
	return atomic_load(&w->busy);
}

void
db_watch_stop(struct db_watch *w)
{
	if (w == NULL)
		return;
	atomic_store(&w->stop, true);
	pthread_join(w->th, NULL);
	free(w->url);
	free(w);
}

void
db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	SOPS(st)->bind_int(st, i, v);
}

void
db_bind_text(struct db_stmt *st, int i, struct str v)
{
	SOPS(st)->bind_text(st, i, v);
}

void
db_bind_null(struct db_stmt *st, int i)
{
	SOPS(st)->bind_null(st, i);
}

int
db_step(struct db_stmt *st)
{
	int rc = SOPS(st)->step(st);

	if (rc == DB_E_IO)
		db_note_io(((struct db_stmt_hdr *)(void *)st)->conn);
	return rc;
}

int
db_exec(struct db_stmt *st)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW)
		;
	return rc == DB_DONE ? DB_OK : rc;
}

int64_t
db_col_int(struct db_stmt *st, int col)
{
	return SOPS(st)->col_int(st, col);
}

struct str
db_col_text(struct db_stmt *st, int col)
{
	return SOPS(st)->col_text(st, col);
}

bool
db_col_null(struct db_stmt *st, int col)
{
	return SOPS(st)->col_null(st, col);
}

int64_t
db_changes(struct db_conn *c)
{
	return HDR(c)->ops->changes(c);
}

const char *
db_errmsg(struct db_conn *c)
{
	return HDR(c)->ops->errmsg(c);
}

int
db_backup(struct db *db, const char *path, int max_secs, char *err,
    size_t errlen)
{
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = db->ops->backup(c, path, max_secs, err, errlen);
	db_release(db, c);
	return rc;
}

int
db_check_file(const char *path, char *err, size_t errlen)
{
	return db_sqlite_check_file(path, err, errlen);
}

int
db_sizes(struct db *db, struct db_sizes *out)
{
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	/* The checkpoint figures first: the sizes are then at least as new
	 * as the last checkpoint they report. */
	out->ckpts = atomic_load(&db->ckpts);
	out->ckpt_at = atomic_load(&db->ckpt_at);
	st = db_stmt(c, STMT_DB_SIZE);
	if ((rc = db_step(st)) == DB_ROW) {
		out->db_bytes = db_col_int(st, 0);
		out->wal_bytes = db->ops->wal_bytes != NULL ?
		    db->ops->wal_bytes(c) : -1;
		rc = DB_OK;
	} else if (rc == DB_DONE)
		rc = DB_E_IO;
	db_release(db, c);
	if (rc != DB_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* PASSIVE, then TRUNCATE past the limit, on c. */
static int
db_checkpoint_on(struct db *db, struct db_conn *c, int64_t wal_limit,
    struct db_ckpt *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (db->ops->checkpoint == NULL)
		return DB_OK;
	rc = db->ops->checkpoint(c, false, out);
	if (rc == DB_OK && wal_limit > 0 && db->ops->wal_bytes(c) > wal_limit) {
		rc = db->ops->checkpoint(c, true, out);
		if (rc == DB_OK && out->truncated)
			log_info("db", "WAL past %lld bytes: truncated",
			    (long long)wal_limit);
	}
	if (rc == DB_OK) {
		atomic_store(&db->ckpt_at, (int_fast64_t)time(NULL));
		atomic_fetch_add(&db->ckpts, 1);
	}
	return rc;
}

int
db_checkpoint(struct db *db, int64_t wal_limit, struct db_ckpt *out)
{
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = db_checkpoint_on(db, c, wal_limit, out);
	db_release(db, c);
	return rc;
}

/*
 * The checkpoint thread: wakes every second; when writes were made since
 * its last checkpoint and none in the last second (quiet), or secs have
 * passed since the last one, it checkpoints.  A checkpoint that finds
 * nothing to do is cheap, so the timer also serves writes made by other
 * processes, which db_writes does not count.
 */
static void *
db_maint_main(void *arg)
{
	struct db *db = arg;
	/* done starts apart from any count: the first quiet second
	 * checkpoints what start-up (migrations, a previous run) left. */
	uint64_t done = UINT64_MAX, prev = db_writes(db), now;
	time_t last = time(NULL);
	struct timespec until;
	struct db_ckpt ck;

	pthread_mutex_lock(&db->mu);
	while (!db->maint_stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		if (pthread_cond_timedwait(&db->maint_cv, &db->mu, &until) !=
		    ETIMEDOUT)
			continue;
		pthread_mutex_unlock(&db->mu);
		now = db_writes(db);
		if ((now != done && now == prev) ||
		    time(NULL) - last >= db->maint_secs) {
			if (db_checkpoint_on(db, db->maint_conn,
			    db->maint_limit, &ck) != DB_OK)
				log_warn("db", "checkpoint: %s",
				    db->ops->errmsg(db->maint_conn));
			db->ops->idle(db->maint_conn);
			done = now;
			last = time(NULL);
		}
		prev = now;
		pthread_mutex_lock(&db->mu);
	}
	pthread_mutex_unlock(&db->mu);
	return NULL;
}

void
db_maint_start(struct db *db, int secs, int64_t wal_limit)
{
	char err[256];

	if (secs <= 0 || db->maint_on || db->ops->checkpoint == NULL)
		return;
	if ((db->maint_conn = db->ops->open(db->url, err, sizeof(err))) ==
	    NULL) {
		log_warn("db", "no checkpoint thread: %s", err);
		return;
	}
	db->maint_secs = secs;
	db->maint_limit = wal_limit;
	if (pthread_create(&db->maint_th, NULL, db_maint_main, db) != 0) {
		log_warn("db", "cannot start the checkpoint thread");
		db->ops->close(db->maint_conn);
		db->maint_conn = NULL;
		return;
	}
	db->maint_on = true;
}
