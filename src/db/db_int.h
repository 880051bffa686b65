/*
 * db_int.h: what an engine adapter provides.  db.c does the pooling and
 * dispatch; an adapter (db_sqlite.c, db_pg.c) fills one struct db_ops.
 */
#ifndef MAMORI_DB_INT_H
#define MAMORI_DB_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "db/db.h"

struct db_ops {
	const char	*name;		/* "sqlite" */
	const char	*scheme;	/* URL prefix it takes: "sqlite:" */
	const char	*begin_sql;	/* how a write transaction starts */
	/* how a read-only transaction with one snapshot of every table
	 * starts */
	const char	*snapshot_sql;
	/* Held around migrations so that nodes starting together take turns
	 * (NULL: the engine serialises writers by itself). */
	const char	*migrate_lock_sql;
	const char	*migrate_unlock_sql;
	/* Open one connection to the database at url (the whole URL);
	 * NULL and err set on failure. */
	struct db_conn	*(*open)(const char *url, char *err, size_t errlen);
	void		 (*close)(struct db_conn *c);
	/* The connection goes back to the pool: end whatever statement is
	 * still stepping, so no read snapshot outlives the request. */
	void		 (*idle)(struct db_conn *c);
	/* The connection is about to be lent out: make sure it still
	 * reaches the server, opening it again when it does not (NULL:
	 * nothing to check, as for a file). */
	void		 (*check)(struct db_conn *c);
	/* Run a script of several statements (migrations). */
	int		 (*exec_script)(struct db_conn *c, const char *sql);
	/* Prepare every statement of the table; DB_OK or < 0. */
	int		 (*prepare_all)(struct db_conn *c, char *err, size_t errlen);
	struct db_stmt	*(*stmt)(struct db_conn *c, enum stmt s);
	void		 (*bind_int)(struct db_stmt *st, int i, int64_t v);
	void		 (*bind_text)(struct db_stmt *st, int i, struct str v);
	void		 (*bind_null)(struct db_stmt *st, int i);
	int		 (*step)(struct db_stmt *st);
	int64_t		 (*col_int)(struct db_stmt *st, int col);
	struct str	 (*col_text)(struct db_stmt *st, int col);
	bool		 (*col_null)(struct db_stmt *st, int col);
	int64_t		 (*changes)(struct db_conn *c);
	const char	*(*errmsg)(struct db_conn *c);
	/* Copy the database into the new file at path from one snapshot,
	 * giving up after max_secs (db_backup). */
	int		 (*backup)(struct db_conn *c, const char *path,
			    int max_secs, char *err, size_t errlen);
	/* Copy the WAL into the database: PASSIVE, or TRUNCATE (waits a
	 * little, empties the file).  NULL when the engine keeps no WAL. */
	int		 (*checkpoint)(struct db_conn *c, bool truncate,
			    struct db_ckpt *out);
	/* Bytes in the WAL file now; -1 when there is none. */
	int64_t		 (*wal_bytes)(struct db_conn *c);
	/* How a commit survives on c, as db_durability() says it. */
	const char	*(*durability)(struct db_conn *c);
	/* db_write batches concurrent writes into one transaction
	 * (db_write.c); false: each write is its own transaction. */
	bool		 group_commit;
	/* Where c's process sees n bytes of shared state that change
	 * with every commit of any connection, read without a lock
	 * (db_mark); valid while c stays open.  NULL (or a NULL op) when
	 * the engine has none. */
	const volatile void *(*change_mark)(struct db_conn *c, size_t *n);
	/* The body of a watch's thread (db_watch_start), NULL when the
	 * engine cannot tell of changes. */
	void		*(*watch_main)(void *w);
	/* SQL dialect index for stmt_sql(). */
	int		 dialect;
};

/* A watch (db.h): db.c starts and stops its thread, the engine's
 * watch_main fills live and calls cb until stop is set. */
struct db_watch {
	char		*url;		/* the database's URL (owned) */
	void		(*cb)(void *arg, const char *payload);
	void		*arg;
	pthread_t	 th;
	atomic_bool	 stop;		/* set by db_watch_stop */
	atomic_bool	 live;		/* listening now */
	/* db_watch_behind: the socket notifications arrive on (-1: none)
	 * and whether they are being read and handed to cb now; set before
	 * the socket is read, cleared after the last cb */
	atomic_int	 fd;
	atomic_bool	 busy;
};

/* Every connection begins with this header so db.c can find its ops. */
struct db_conn_hdr {
	const struct db_ops	*ops;
	struct db_conn		*next_free;	/* pool link, owned by db.c */
	bool			 wrote;	/* a writing statement since acquire */
	struct db		*db;	/* the pool it belongs to (db.c) */
};

/* db_write.c: the group committer of one struct db, made by db_open and
 * freed by db_close before the connections close (it stops its thread
 * after the writes queued).  db_committer_of() is db.c's accessor. */
struct db_committer;
struct db_committer	*db_committer_new(struct db *db,
			    const struct db_ops *ops);
void			 db_committer_free(struct db_committer *gc);
struct db_committer	*db_committer_of(struct db *db);

extern const struct db_ops db_sqlite_ops;
/* db_check_file (db.h), in the adapter that sees sqlite3.h. */
int	db_sqlite_check_file(const char *path, char *err, size_t errlen);
extern const struct db_ops db_pg_ops;

/* Embedded migration scripts of a dialect, in order (build/gen). */
struct db_migration {
	int		 version;	/* NNNN of NNNN_name.sql */
	const char	*name;
	const char	*sql;
};
const struct db_migration	*db_migrations(int dialect, size_t *n);

#endif
