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
/* A read-only transaction in which every statement sees the database as
 * it was at one moment (end it with db_rollback). */
int		 db_begin_snapshot(struct db_conn *c);
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
/* True while a notification has reached this node but cb has not had it
 * yet: it waits unread on w's connection, or is being handed over.  A
 * caller that checks this before it reads what cb moves reads every
 * notification that arrived before the check.  One poll(2) where there
 * is a connection; false for NULL.  Thread-safe. */
bool		 db_watch_behind(struct db_watch *w);
void		 db_watch_stop(struct db_watch *w);
/* How many times this process released a connection that ran a writing
 * statement: it moves after every change this node made, before the
 * request that made it answers (thread-safe). */
uint64_t	 db_writes(struct db *db);
/*
 * A mark of the database's state that moves at once with every commit
 * made through any connection of any process: SQLite's WAL index, which
 * every writer updates before its commit returns.  True with *mark set,
 * or false when the engine cannot tell without asking the server
 * (PostgreSQL: other nodes are heard of through db_watch).  Equal marks
 * mean that no commit came in between; different ones that one may
 * have.  No lock, no system call; thread-safe.
 */
bool		 db_mark(struct db *db, uint64_t *mark);

/*
 * Online copy of the whole database to a new SQLite file at path, from
 * one read snapshot: writers go on meanwhile and never restart it.  The
 * copy goes to a temporary file beside path, is checked with PRAGMA
 * integrity_check and only then renamed to path; on any error path is
 * left untouched and no temporary file stays.  Gives up after max_secs
 * seconds (DB_E_BUSY).  DB_OK or a negative enum db_rc; err as in db_open.
 */
int		 db_backup(struct db *db, const char *path, int max_secs,
		    char *err, size_t errlen);
/* Check the SQLite file at path with PRAGMA integrity_check, read only.
 * DB_OK, or DB_E_IO with the first problem in err. */
int		 db_check_file(const char *path, char *err, size_t errlen);

/* What the database takes on disk, for the operations page. */
struct db_sizes {
	int64_t		 db_bytes;	/* the database (main file) */
	int64_t		 wal_bytes;	/* the WAL file; -1: the engine has none */
	int64_t		 ckpt_at;	/* unix time of the last checkpoint by
					   db_checkpoint, 0: none yet */
	uint64_t	 ckpts;		/* checkpoints since open */
};
/* DB_OK or a negative enum db_rc (then out is zeroed). */
int		 db_sizes(struct db *db, struct db_sizes *out);

/* What a checkpoint did. */
struct db_ckpt {
	int		 log;		/* frames in the WAL */
	int		 copied;	/* frames copied into the database */
	bool		 busy;		/* a reader or writer held some back */
	bool		 truncated;	/* the WAL file was emptied */
};
/*
 * Copy the WAL into the database (SQLite; a no-op elsewhere): PASSIVE,
 * which never waits, then TRUNCATE, which waits a little for readers and
 * empties the WAL file, when the file is past wal_limit bytes (0: never).
 * DB_OK or a negative enum db_rc.  Thread-safe.
 */
int		 db_checkpoint(struct db *db, int64_t wal_limit,
		    struct db_ckpt *out);
/*
 * Checkpoint in the background on a connection of its own (SQLite only;
 * nothing elsewhere): a second after writes stop, and at least every
 * secs seconds while there are any, with db_checkpoint(wal_limit).
 * secs 0 starts nothing.  db_close() stops it.  Call once, from the
 * thread that opened db.
 */
void		 db_maint_start(struct db *db, int secs, int64_t wal_limit);

/*
 * Durable writes with group commit.  fn(c, arg) runs the statements of
 * one write on connection c inside a transaction (it must not begin,
 * commit or roll back itself) and returns DB_OK, another value >= 0 (say
 * DB_DONE: nothing to change), or a negative enum db_rc.  db_write
 * returns once the write's transaction has committed and is on disk
 * (SQLite synchronous=FULL; PostgreSQL synchronous_commit), with fn's
 * result, or the commit's error when the commit failed (then nothing of
 * it is stored).
 *
 * On SQLite the writes that arrive while one transaction commits wait,
 * and one thread of the committer then runs all of them in one
 * transaction with one fsync, each in a savepoint of its own: a write
 * that fails (< 0) is rolled back alone and the others commit.  fn may
 * therefore run more than once (when another write of the batch broke
 * the transaction); only its last run is stored, so it sets its
 * out-parameters on every run and has no other side effect.  fn runs on
 * the committer's thread.  On PostgreSQL each write is its own
 * transaction on the caller's thread.
 *
 * The caller must hold no connection of db (the committer takes one from
 * the pool).  Thread-safe.
 */
typedef int	(*db_write_fn)(struct db_conn *c, void *arg);
int		 db_write(struct db *db, db_write_fn fn, void *arg);
/*
 * db_write without waiting: done(done_arg, rc) is called once, with what
 * db_write would return, after fn's transaction committed: on the
 * committer's thread, or on the caller's before db_write_queue returns
 * (PostgreSQL, or when the committer cannot run).  arg and done_arg stay
 * valid until then.  For callers that must not hold a thread while they
 * wait (an HTTP request, suspended meanwhile).
 */
void		 db_write_queue(struct db *db, db_write_fn fn, void *arg,
		    void (*done)(void *done_arg, int rc), void *done_arg);
/* Writes and transactions db_write has run since db_open (statistics
 * and tests; thread-safe): *batches <= *writes, and the difference is
 * the fsyncs group commit saved. */
void		 db_write_stats(struct db *db, uint64_t *writes,
		    uint64_t *batches);
/* How committed writes survive: "full" (on disk before db_commit or
 * db_write returns) or the engine's weaker setting. */
const char	*db_durability(struct db *db);


#endif
