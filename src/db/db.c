#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	for (i = 0; i < conns; i++) {
		struct db_conn *c = ops->open(url, err, errlen);

		if (c == NULL)
			goto fail;
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
		HDR(c)->next_free = db->free;
		db->free = c;
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
	for (i = 0; i < db->n; i++)
		db->ops->close(db->all[i]);
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
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
db_commit(struct db_conn *c)
{
	return HDR(c)->ops->exec_script(c, "COMMIT");
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

uint64_t
db_writes(struct db *db)
{
	return atomic_load(&db->writes);
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
	return SOPS(st)->step(st);
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
db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = db->ops->backup(c, path, err, errlen);
	db_release(db, c);
	return rc;
}
