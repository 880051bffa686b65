/*
 * db_pg: PostgreSQL, for instances that run several nodes on one
 * database.  Every statement of the table is prepared on each connection
 * when it opens (PQprepare, named "s<N>"); parameters travel as text and
 * results come back as text, which is what the SQLite adapter hands out
 * too.  The only file that includes libpq-fe.h.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xalloc.h"
#include "db/db_int.h"

/* The most parameters a statement binds (the import of orgs binds 17). */
#define PG_MAX_PARAMS	24

struct db_stmt {
	struct db_conn	*conn;	/* must stay first: see db.c */
	enum stmt	 id;
	int		 nparams;	/* highest index bound */
	char		*val[PG_MAX_PARAMS];	/* owned copies; NULL = SQL NULL */
	int		 len[PG_MAX_PARAMS];
	PGresult	*res;		/* rows of the last execution */
	int		 row;		/* current row, -1 before the first */
	int		 nrows;
};

struct db_conn {
	struct db_conn_hdr	 hdr;	/* must stay first */
	PGconn			*pg;
	int64_t			 changes;
	/* A statement reached the server since the connection was lent
	 * out: a broken connection is then no longer retried (db.h). */
	bool			 used;
	char			 err[256];
	bool			 prepared[STMT__MAX];
	struct db_stmt		 st[STMT__MAX];
};

static void
pg_note(struct db_conn *c, const char *what)
{
	snprintf(c->err, sizeof(c->err), "%s%s%s", what, *what ? ": " : "",
	    PQerrorMessage(c->pg));
	/* libpq ends messages with a newline */
	c->err[strcspn(c->err, "\n")] = '\0';
}

/* SQLSTATE classes to our codes. */
static int
pg_rc(const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) :
	    NULL;

	if (state == NULL)
		return DB_E_IO;
	if (strncmp(state, "23", 2) == 0)
		return DB_E_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return DB_E_BUSY;
	return DB_E_IO;
}

/* The session settings every connection starts with. */
static void
pg_settings(struct db_conn *c)
{
	PQclear(PQexec(c->pg, "SET client_min_messages = warning; "
	    "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
}

static struct db_conn *
pg_open(const char *url, char *err, size_t errlen)
{
	struct db_conn *c = xcalloc(1, sizeof(*c));
	int i;

	c->pg = PQconnectdb(url);
	if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
		const char *m = c->pg ? PQerrorMessage(c->pg) : "out of memory";

		snprintf(err, errlen, "cannot connect to PostgreSQL: %.*s",
		    (int)strcspn(m, "\n"), m);
		PQfinish(c->pg);
		free(c);
		return NULL;
	}
	c->hdr.ops = &db_pg_ops;
	/* Quiet notices (CREATE IF NOT EXISTS…); UTC, UTF-8. */
	pg_settings(c);
	for (i = 0; i < STMT__MAX; i++) {
		c->st[i].conn = c;
		c->st[i].id = (enum stmt)i;
		c->st[i].row = -1;
	}
	return c;
}

static void
pg_reset(struct db_stmt *st)
{
	int i;

	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	for (i = 0; i < st->nparams; i++) {
		free(st->val[i]);
		st->val[i] = NULL;
	}
	st->nparams = 0;
}

static void
pg_close(struct db_conn *c)
{
	int i;

	for (i = 0; i < STMT__MAX; i++)
		pg_reset(&c->st[i]);
	PQfinish(c->pg);
	free(c);
}

/* Open a dropped connection again; its statements are prepared again
 * on first use.  Fails quietly while the server is away: the next
 * statement then fails with DB_E_IO. */
static void
pg_reconnect(struct db_conn *c)
{
	PQreset(c->pg);
	memset(c->prepared, 0, sizeof(c->prepared));
	if (PQstatus(c->pg) == CONNECTION_OK) {
		pg_settings(c);
		log_info("db", "connection to PostgreSQL open again");
	}
}

/* Whether a failure met a connection that is gone, and the statement
 * may run again on a new one: nothing else ran on it since it was lent
 * out, so no transaction and no write of this borrower is lost. */
static bool
pg_retry(struct db_conn *c)
{
	if (c->used || PQstatus(c->pg) != CONNECTION_BAD)
		return false;
	c->used = true;		/* once */
	pg_reconnect(c);
	return true;
}

/*
 * Lending out: an idle connection has nothing to read, so a readable
 * socket means the server said goodbye (a restart, a killed backend);
 * reading it marks the connection bad, and it is opened again before
 * a request meets the break.
 */
static void
pg_check(struct db_conn *c)
{
	struct pollfd pfd;

	c->used = false;
	if (PQstatus(c->pg) == CONNECTION_OK) {
		pfd.fd = PQsocket(c->pg);
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (pfd.fd < 0 || poll(&pfd, 1, 0) == 0)
			return;
		if (PQconsumeInput(c->pg) && PQstatus(c->pg) ==
		    CONNECTION_OK && !PQisBusy(c->pg))
			return;	/* a notice, nothing more */
	}
	pg_reconnect(c);
}

/* The connection goes back to the pool: no result or open transaction
 * outlives the request. */
static void
pg_idle(struct db_conn *c)
{
	int i;

	for (i = 0; i < STMT__MAX; i++)
		if (c->st[i].res != NULL || c->st[i].nparams > 0)
			pg_reset(&c->st[i]);
	if (PQstatus(c->pg) == CONNECTION_OK &&
	    PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		PQclear(PQexec(c->pg, "ROLLBACK"));
}

static int
pg_exec_once(struct db_conn *c, const char *sql)
{
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = DB_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK &&
	    s != PGRES_EMPTY_QUERY) {
		pg_note(c, "");
		rc = pg_rc(res);
	}
	PQclear(res);
	return rc;
}

static int
pg_exec_script(struct db_conn *c, const char *sql)
{
	int rc = pg_exec_once(c, sql);

	if (rc < 0 && pg_retry(c))
		rc = pg_exec_once(c, sql);
	c->used = true;
	return rc;
}

static int
pg_prepare(struct db_conn *c, enum stmt s, char *err, size_t errlen)
{
	PGresult *res;
	char name[16];

	if (c->prepared[s])
		return DB_OK;
	snprintf(name, sizeof(name), "s%d", (int)s);
	res = PQprepare(c->pg, name, stmt_sql(s, STMT_PG), 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *m = PQerrorMessage(c->pg);

		snprintf(err, errlen, "cannot prepare %s: %.*s", stmt_name(s),
		    (int)strcspn(m, "\n"), m);
		PQclear(res);
		return DB_E_IO;
	}
	PQclear(res);
	c->prepared[s] = true;
	return DB_OK;
}

static int
pg_prepare_all(struct db_conn *c, char *err, size_t errlen)
{
	int i, rc;

	for (i = 0; i < STMT__MAX; i++)
		if ((rc = pg_prepare(c, (enum stmt)i, err, errlen)) != DB_OK)
			return rc;
	return DB_OK;
}

static struct db_stmt *
pg_stmt(struct db_conn *c, enum stmt s)
{
	pg_reset(&c->st[s]);
	return &c->st[s];
}

static void
pg_bind(struct db_stmt *st, int i, const char *p, size_t n, bool null)
{
	if (i < 1 || i > PG_MAX_PARAMS)
		abort();	/* a statement with more parameters: a bug */
	free(st->val[i - 1]);
	st->val[i - 1] = null ? NULL : xstrndup(p, n);
	st->len[i - 1] = (int)n;
	if (i > st->nparams)
		st->nparams = i;
}

static void
pg_bind_int(struct db_stmt *st, int i, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%lld", (long long)v);

	pg_bind(st, i, b, (size_t)n, false);
}

static void
pg_bind_text(struct db_stmt *st, int i, struct str v)
{
	pg_bind(st, i, v.p ? v.p : "", v.n, false);
}

static void
pg_bind_null(struct db_stmt *st, int i)
{
	pg_bind(st, i, NULL, 0, true);
}

/* Run st's statement on the server; st->res holds its rows. */
static int
pg_run(struct db_stmt *st)
{
	struct db_conn *c = st->conn;
	char name[16];
	ExecStatusType s;

	/* Prepared at open (and again after a reconnect, here); the
	 * migration step, which reads meta before the tables exist, gets
	 * here first too. */
	if (pg_prepare(c, st->id, c->err, sizeof(c->err)) != DB_OK)
		return DB_E_IO;
	snprintf(name, sizeof(name), "s%d", (int)st->id);
	st->res = PQexecPrepared(c->pg, name, st->nparams,
	    (const char *const *)st->val, st->len, NULL, 0);
	s = PQresultStatus(st->res);
	if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		int rc = pg_rc(st->res);

		pg_note(c, stmt_name(st->id));
		PQclear(st->res);
		st->res = NULL;
		return rc;
	}
	st->nrows = s == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
	c->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
	st->row = -1;
	return DB_OK;
}

static int
pg_step(struct db_stmt *st)
{
	struct db_conn *c = st->conn;

	if (st->res == NULL) {
		int rc = pg_run(st);

		if (rc < 0 && pg_retry(c))
			rc = pg_run(st);
		c->used = true;
		if (rc < 0)
			return rc;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	st->row = st->nrows;
	return DB_DONE;
}

static int64_t
pg_col_int(struct db_stmt *st, int col)
{
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows ||
	    PQgetisnull(st->res, st->row, col))
		return 0;
	return strtoll(PQgetvalue(st->res, st->row, col), NULL, 10);
}

static struct str
pg_col_text(struct db_stmt *st, int col)
{
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows)
		return (struct str){ "", 0 };
	return (struct str){ PQgetvalue(st->res, st->row, col),
	    (size_t)PQgetlength(st->res, st->row, col) };
}

static bool
pg_col_null(struct db_stmt *st, int col)
{
	return st->res == NULL || st->row < 0 || st->row >= st->nrows ||
	    PQgetisnull(st->res, st->row, col);
}

static int64_t
pg_changes(struct db_conn *c)
{
	return c->changes;
}

static const char *
pg_errmsg(struct db_conn *c)
{
	return c->err;
}

/* The server's fsync and synchronous_commit as db_durability() says
 * them: "full" when a commit is on the server's disk before it returns. */
static const char *
pg_durability(struct db_conn *c)
{
	PGresult *res = PQexec(c->pg, "SELECT current_setting('fsync'), "
	    "current_setting('synchronous_commit')");
	const char *d = "unknown";

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		if (strcmp(PQgetvalue(res, 0, 0), "on") != 0)
			d = "off";
		else if (strcmp(PQgetvalue(res, 0, 1), "off") == 0)
			d = "async";
		else
			d = "full";
	}
	PQclear(res);
	return d;
}

static int
pg_backup(struct db_conn *c, const char *path, int max_secs, char *err,
    size_t errlen)
{
	(void)c;
	(void)max_secs;
	snprintf(err, errlen, "backup of a PostgreSQL database to '%s' is not "
	    "available yet: use pg_dump", path);
	return DB_E_IO;
}

/*
 * The watch's thread: its own connection LISTENs on channel "mamori"
 * (the triggers of sql/pg/0007_notify.sql notify at commit) and hands
 * every payload to the callback.  live is true only while the LISTEN
 * stands; whenever it (re)starts or is lost, cb(NULL) says that anything
 * may have changed.  Polls in short slices so that stop is seen soon.
 */
static void *
pg_watch_main(void *arg)
{
	struct db_watch *w = arg;
	PGconn *pg = NULL;
	PGnotify *nt;
	PGresult *res;
	struct pollfd pfd;
	int n;

	while (!atomic_load(&w->stop)) {
		if (pg == NULL) {
			pg = PQconnectdb(w->url);
			res = PQstatus(pg) == CONNECTION_OK ?
			    PQexec(pg, "LISTEN mamori") : NULL;
			if (res == NULL ||
			    PQresultStatus(res) != PGRES_COMMAND_OK) {
				PQclear(res);
				PQfinish(pg);
				pg = NULL;
				poll(NULL, 0, 500);	/* try again soon */
				continue;
			}
			PQclear(res);
			atomic_store(&w->fd, PQsocket(pg));
			atomic_store(&w->live, true);
			w->cb(w->arg, NULL);
			log_info("db", "listening for changes made by other "
			    "nodes");
		}
		pfd.fd = PQsocket(pg);
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = poll(&pfd, 1, 200);
		if (n > 0)
			atomic_store(&w->busy, true);	/* before reading */
		if ((n < 0 && errno != EINTR) || (n > 0 &&
		    !PQconsumeInput(pg)) || PQstatus(pg) != CONNECTION_OK) {
			/* lost: say so before anyone trusts what it said */
			atomic_store(&w->live, false);
			atomic_store(&w->fd, -1);
			log_warn("db", "lost the connection that hears of "
			    "other nodes' changes; asking the database until "
			    "it is back");
			w->cb(w->arg, NULL);
			atomic_store(&w->busy, false);
			PQfinish(pg);
			pg = NULL;
			continue;
		}
		while ((nt = PQnotifies(pg)) != NULL) {
			w->cb(w->arg, nt->extra);
			PQfreemem(nt);
		}
		atomic_store(&w->busy, false);
	}
	atomic_store(&w->fd, -1);
	atomic_store(&w->live, false);
	PQfinish(pg);
	return NULL;
}

const struct db_ops db_pg_ops = {
	.name = "postgres",
	.scheme = "postgres",	/* postgres:// and postgresql:// */
	.begin_sql = "BEGIN",
	.snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	/* any fixed 64-bit key, the same for every node */
	.migrate_lock_sql = "SELECT pg_advisory_lock(7316023145903312961)",
	.migrate_unlock_sql = "SELECT pg_advisory_unlock(7316023145903312961)",
	.open = pg_open,
	.close = pg_close,
	.idle = pg_idle,
	.check = pg_check,
	.exec_script = pg_exec_script,
	.prepare_all = pg_prepare_all,
	.stmt = pg_stmt,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.changes = pg_changes,
	.errmsg = pg_errmsg,
	.backup = pg_backup,
	.durability = pg_durability,
	/* Each write its own transaction: synchronous_commit already waits
	 * for the disk, and the server groups concurrent commits itself. */
	.group_commit = false,
	.watch_main = pg_watch_main,
	.dialect = STMT_PG,
};
