/*
 * db: the only way into the database.  A struct db is a pool of
 * connections to one database named by URL ("sqlite:PATH"); each
 * connection has every statement of the table in stmt.h prepared.
 * Engines plug in through struct db_ops (db_int.h); callers never see
 * SQL text or a client library type.
 *
 * Thread-safety: db_acquire/db_release are safe from any thread; a
 * connection and its statements belong to one thread between the two.
 */
#ifndef MAMORI_DB_H
#define MAMORI_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/str.h"
#include "db/stmt.h"

struct db;
struct db_conn;
struct db_stmt;

enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,		/* db_step: a row is ready */
	DB_DONE = 2,		/* db_step: no more rows */
	DB_E_URL = -1,		/* the URL names no engine we have */
	DB_E_OPEN = -2,		/* cannot open or connect */
	DB_E_MIGRATE = -3,	/* a migration failed */
	DB_E_CONSTRAINT = -4,	/* unique/check/foreign-key violation */
	DB_E_BUSY = -5,		/* locked too long */
	DB_E_IO = -6,		/* any other engine error */
	DB_E_SCHEMA = -7,	/* database is newer than this program */
};

/*
 * Open the database at url, creating and migrating it if needed, with
 * `conns` connections (≥1).  On error returns NULL and writes one line
 * into err (errlen bytes).  The caller frees with db_close().
 */
struct db	*db_open(const char *url, int conns, char *err, size_t errlen);
void		 db_close(struct db *db);
/* Whether the database answers now: DB_OK, or a negative enum db_rc
 * (for a readiness probe). */
int		 db_ping(struct db *db);
/* Schema version of the open database. */
int		 db_version(struct db *db);
/* Engine name: "sqlite" or "postgres". */
const char	*db_engine(const struct db *db);

/* Borrow a connection, waiting for one to be free.  Never NULL.  A
 * connection the server dropped while it sat in the pool (a restart, a
 * failover) is opened again first; when the server is still away the
 * connection is lent all the same and its statements fail with DB_E_IO.
 * Outside a transaction, the first statement after db_acquire that
 * meets a broken connection reconnects and runs once more: nothing was
 * written on that connection by this borrower yet. */
struct db_conn	*db_acquire(struct db *db);
void		 db_release(struct db *db, struct db_conn *c);

int		 db_begin(struct db_conn *c);
int		 db_commit(struct db_conn *c);
int		 db_rollback(struct db_conn *c);

/* The prepared statement s of c, reset and with bindings cleared.
 * Valid until the next db_stmt() of the same s on c. */
struct db_stmt	*db_stmt(struct db_conn *c, enum stmt s);
/* Parameters are 1-based like ?1/$1.  Text is copied (transient). */
void		 db_bind_int(struct db_stmt *st, int i, int64_t v);
void		 db_bind_text(struct db_stmt *st, int i, struct str v);
void		 db_bind_null(struct db_stmt *st, int i);
/* DB_ROW, DB_DONE, or a negative enum db_rc. */
int		 db_step(struct db_stmt *st);
/* Step until done; DB_OK or a negative enum db_rc. */
int		 db_exec(struct db_stmt *st);
/* Columns are 0-based.  Text views stay valid until the next step or
 * reset of st; NULL columns read as 0 / empty. */
int64_t		 db_col_int(struct db_stmt *st, int col);
struct str	 db_col_text(struct db_stmt *st, int col);
bool		 db_col_null(struct db_stmt *st, int col);
/* Rows changed by the last db_exec/db_step on c's last statement. */
int64_t		 db_changes(struct db_conn *c);
/* Text of the engine's last error on c (for logs only). */
const char	*db_errmsg(struct db_conn *c);

/*
 * What changed elsewhere, as far as the engine can tell: PostgreSQL
 * delivers the notifications of channel "mamori" (sql/pg/0007_notify.sql)
 * to a connection of the watch's own, read by a thread of its own;
 * SQLite's thread looks at PRAGMA data_version every 100 ms, which moves
 * when another process (a second node, the command line) commits.
 * cb(arg, payload) runs on that thread for each notification ("org:12",
 * "peer"), and cb(arg, NULL) whenever anything may have changed or some
 * notifications may have been missed (at start, after the connection
 * was lost and came back).  Changes this process makes itself are
 * counted by db_writes, at once.  Returns NULL when the engine cannot
 * tell: callers then ask the database.  db_watch_stop() ends the thread
 * and frees w (NULL is fine).
 */
struct db_watch;
struct db_watch	*db_watch_start(struct db *db, void (*cb)(void *arg,
		    const char *payload), void *arg);
/* True while w listens: notifications are arriving (thread-safe). */
bool		 db_watch_live(struct db_watch *w);
void		 db_watch_stop(struct db_watch *w);
/* How many times this process released a connection that ran a writing
 * statement: it moves after every change this node made, before the
 * request that made it answers (thread-safe). */
uint64_t	 db_writes(struct db *db);

/* Online copy of the whole database to a new SQLite file at path.
 * DB_OK or a negative enum db_rc; err as in db_open. */
int		 db_backup(struct db *db, const char *path, char *err,
		    size_t errlen);

#endif
