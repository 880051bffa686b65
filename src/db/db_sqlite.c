/*
 * db_sqlite: the embedded engine.  WAL journal, synchronous=FULL (a
 * commit returns once the WAL is on disk, so a committed transaction
 * survives a crash of the process and a power failure too; db_write
 * shares one fsync among the writes that arrive together), foreign keys
 * on, statements prepared once per connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "db/db_int.h"

struct db_stmt {
	struct db_conn	*conn;	/* must stay first: see db.c */
	sqlite3_stmt	*s;
};

struct db_conn {
	struct db_conn_hdr	 hdr;	/* must stay first */
	sqlite3			*h;
	struct db_stmt		 st[STMT__MAX];
	/* statements handed out since the connection was last idle, so that
	 * lite_idle resets those only, not all of the table */
	unsigned short		 used[STMT__MAX];
	size_t			 nused;
	bool			 is_used[STMT__MAX];
};

static int
lite_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:		return DB_OK;
	case SQLITE_ROW:	return DB_ROW;
	case SQLITE_DONE:	return DB_DONE;
	case SQLITE_CONSTRAINT:	return DB_E_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:	return DB_E_BUSY;
	default:		return DB_E_IO;
	}
}

/* Make the folder that will hold path, one level (./var/ on first run). */
static void
lite_mkparent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL || slash == path)
		return;
	dir = xstrndup(path, (size_t)(slash - path));
	/* A failure here shows up as sqlite3_open's clearer error. */
	(void)mkdir(dir, 0750);
	free(dir);
}

static struct db_conn *
lite_open(const char *url, char *err, size_t errlen)
{
	const char *where = url + sizeof("sqlite:") - 1;
	struct db_conn *c;
	int rc, i;

	if (*where == '\0') {
		snprintf(err, errlen, "database URL '%s' names no file", url);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	if (strcmp(where, ":memory:") != 0)
		lite_mkparent(where);
	rc = sqlite3_open_v2(where, &c->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open sqlite database '%s': %s",
		    where, c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	sqlite3_busy_timeout(c->h, 5000);
	rc = sqlite3_exec(c->h, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up sqlite database '%s': %s",
		    where, sqlite3_errmsg(c->h));
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	c->hdr.ops = &db_sqlite_ops;
	for (i = 0; i < STMT__MAX; i++)
		c->st[i].conn = c;
	return c;
}

static void
lite_close(struct db_conn *c)
{
	int i;

	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->st[i].s);
	sqlite3_close(c->h);
	free(c);
}

static void
lite_idle(struct db_conn *c)
{
	size_t i;

	/* Only table statements step, and lite_stmt notes each it hands
	 * out: resetting those ends every read still open. */
	for (i = 0; i < c->nused; i++) {
		sqlite3_reset(c->st[c->used[i]].s);
		c->is_used[c->used[i]] = false;
	}
	c->nused = 0;
	if (!sqlite3_get_autocommit(c->h))	/* a transaction left open */
		sqlite3_exec(c->h, "ROLLBACK", NULL, NULL, NULL);
}

static int
lite_exec_script(struct db_conn *c, const char *sql)
{
	return lite_rc(sqlite3_exec(c->h, sql, NULL, NULL, NULL));
}

static int
lite_prepare(struct db_conn *c, enum stmt s, char *err, size_t errlen)
{
	int rc;

	if (c->st[s].s != NULL)
		return DB_OK;
	rc = sqlite3_prepare_v3(c->h, stmt_sql(s, STMT_SQLITE), -1,
	    SQLITE_PREPARE_PERSISTENT, &c->st[s].s, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot prepare %s: %s", stmt_name(s),
		    sqlite3_errmsg(c->h));
		return lite_rc(rc);
	}
	return DB_OK;
}

static int
lite_prepare_all(struct db_conn *c, char *err, size_t errlen)
{
	int i, rc;

	for (i = 0; i < STMT__MAX; i++)
		if ((rc = lite_prepare(c, (enum stmt)i, err, errlen)) != DB_OK)
			return rc;
	return DB_OK;
}

static struct db_stmt *
lite_stmt(struct db_conn *c, enum stmt s)
{
	char err[256];

	/* Every statement was prepared when the connection opened; the
	 * lazy path only serves the migration step, which needs meta. */
	if (c->st[s].s == NULL && lite_prepare(c, s, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		abort();
	}
	sqlite3_reset(c->st[s].s);
	sqlite3_clear_bindings(c->st[s].s);
	if (!c->is_used[s]) {
		c->is_used[s] = true;
		c->used[c->nused++] = (unsigned short)s;
	}
	return &c->st[s];
}

static void
lite_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->s, i, v);
}

static void
lite_bind_text(struct db_stmt *st, int i, struct str v)
{
	sqlite3_bind_text(st->s, i, v.p ? v.p : "", (int)v.n,
	    SQLITE_TRANSIENT);
}

static void
lite_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(st->s, i);
}

static int
lite_step(struct db_stmt *st)
{
	int rc = lite_rc(sqlite3_step(st->s));

	if (rc < 0)
		sqlite3_reset(st->s);
	return rc;
}

static int64_t
lite_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->s, col);
}

static struct str
lite_col_text(struct db_stmt *st, int col)
{
	const unsigned char *p = sqlite3_column_text(st->s, col);
	int n = sqlite3_column_bytes(st->s, col);

	if (p == NULL)
		return (struct str){ "", 0 };
	return (struct str){ (const char *)p, (size_t)n };
}

static bool
lite_col_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

static int64_t
lite_changes(struct db_conn *c)
{
	return sqlite3_changes64(c->h);
}

static const char *
lite_errmsg(struct db_conn *c)
{
	return sqlite3_errmsg(c->h);
}

/* PRAGMA synchronous as the word db_durability() gives. */
static const char *
lite_durability(struct db_conn *c)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(c->h, "PRAGMA synchronous", -1, &s, NULL) !=
	    SQLITE_OK)
		return "unknown";
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	switch (v) {
	case 0:		return "off";
	case 1:		return "normal";
	case 2:
	case 3:		return "full";
	default:	return "unknown";
	}
}

/*
 * Check the SQLite file at path: PRAGMA integrity_check on a read-only
 * connection.  The first problem found goes into err.
 */
int
db_sqlite_check_file(const char *path, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check(1)", -1,
		    &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (v != NULL && strcmp(v, "ok") == 0)
			rc = SQLITE_OK;
		else {
			char *nl;

			snprintf(err, errlen, "'%s' is damaged (integrity "
			    "check: %s)", path, v ? v : "no answer");
			/* One line: the check's report may span several. */
			while ((nl = strchr(err, '\n')) != NULL)
				*nl = ' ';
			rc = SQLITE_CORRUPT;
			goto out;
		}
	}
	if (rc != SQLITE_OK)
		snprintf(err, errlen, "'%s' is damaged or not a database (%s)",
		    path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc == SQLITE_OK ? DB_OK : DB_E_IO;
}

/* Push the file at path to the disk. */
static int
lite_fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * The copy is one sqlite3_backup_step(b, -1): it reads every page under
 * one read transaction, so writers (which WAL lets go on) never restart
 * it, the way a copy in small steps is restarted by each write between
 * two steps and never ends under a steady load.  Only a lock held
 * against the snapshot (BUSY) makes it try again, until max_secs.
 */
static int
lite_backup(struct db_conn *c, const char *path, int max_secs, char *err,
    size_t errlen)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	struct timespec t0, t;
	size_t tn = strlen(path) + 32;
	char *tmp = xmalloc(tn);
	int rc, ret = DB_E_IO;

	snprintf(tmp, tn, "%s.tmp-%ld", path, (long)getpid());
	(void)unlink(tmp);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot create '%s': %s", tmp,
		    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		ret = DB_E_OPEN;
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", c->h, "main")) == NULL) {
		snprintf(err, errlen, "backup to '%s': %s", path,
		    sqlite3_errmsg(dst));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		rc = sqlite3_backup_step(b, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED && rc != SQLITE_OK)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= max_secs) {
			snprintf(err, errlen, "backup to '%s' gave up after %d "
			    "s: the database stayed locked; nothing was "
			    "written, try again", path, max_secs);
			ret = DB_E_BUSY;
			goto out;
		}
		sqlite3_sleep(20);
	}
	rc = sqlite3_backup_finish(b);
	b = NULL;
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "backup to '%s': %s", path,
		    sqlite3_errmsg(dst));
		goto out;
	}
	/* A copy stands alone: no -wal file beside it. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "backup to '%s': %s", path,
		    sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (db_sqlite_check_file(tmp, err, errlen) != DB_OK)
		goto out;
	if (lite_fsync_path(tmp) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	ret = DB_OK;
out:
	if (b != NULL)
		sqlite3_backup_finish(b);
	sqlite3_close(dst);
	if (ret != DB_OK)
		(void)unlink(tmp);
	free(tmp);
	return ret;
}

static int
lite_checkpoint(struct db_conn *c, bool truncate, struct db_ckpt *out)
{
	int log = -1, done = -1, rc;

	/* TRUNCATE waits for readers through the busy handler: a short
	 * wait, then it tries again at the next checkpoint. */
	if (truncate)
		sqlite3_busy_timeout(c->h, 1000);
	rc = sqlite3_wal_checkpoint_v2(c->h, NULL, truncate ?
	    SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, &log,
	    &done);
	if (truncate)
		sqlite3_busy_timeout(c->h, 5000);
	out->log = log;
	out->copied = done;
	out->busy = rc == SQLITE_BUSY || log != done;
	out->truncated = truncate && rc == SQLITE_OK;
	return rc == SQLITE_OK || rc == SQLITE_BUSY ? DB_OK : lite_rc(rc);
}

static int64_t
lite_wal_bytes(struct db_conn *c)
{
	const char *db = sqlite3_db_filename(c->h, "main");
	struct stat sb;

	if (db == NULL || *db == '\0')
		return -1;
	if (stat(sqlite3_filename_wal(db), &sb) != 0)
		return 0;
	return (int64_t)sb.st_size;
}

/*
 * The WAL index's header, for db_mark.  In WAL mode every writer, in
 * whatever process, rewrites the header at the start of the shared
 * memory file ("<db>-shm") before its commit returns: two copies of 48
 * bytes holding the last frame, a counter moved by every commit, the
 * salts and checksums (https://www.sqlite.org/walformat.html, 2.2).
 * Its layout is fixed, since every version of SQLite that opens the
 * database shares it.  The bytes are read through c's own mapping, from
 * the public VFS interface; they stay mapped while any connection of
 * this process has the database open.
 */
#define WAL_HDR_BYTES	96	/* both copies */
#define WAL_INDEX_PAGE	32768	/* the size SQLite maps the index in */

static const volatile void *
lite_change_mark(struct db_conn *c, size_t *n)
{
	sqlite3_file *f = NULL;
	sqlite3_stmt *st = NULL;
	volatile void *p = NULL;
	bool wal = false;

	/* A read opens the WAL index; and only WAL mode keeps one. */
	if (sqlite3_prepare_v2(c->h, "PRAGMA journal_mode", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		wal = sqlite3_column_text(st, 0) != NULL && strcmp((const char *)
		    sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	if (!wal || sqlite3_exec(c->h, "SELECT count(*) FROM sqlite_master",
	    NULL, NULL, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_file_control(c->h, "main", SQLITE_FCNTL_FILE_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL ||
	    f->pMethods->iVersion < 2 || f->pMethods->xShmMap == NULL ||
	    f->pMethods->xShmMap(f, 0, WAL_INDEX_PAGE, 0, &p) != SQLITE_OK ||
	    p == NULL)
		return NULL;
	*n = WAL_HDR_BYTES;
	return p;
}

/*
 * The watch's thread for SQLite.  Every change made through this process
 * moves db_writes already; what it cannot see are commits of other
 * processes on the same file (a second node, the command line).  PRAGMA
 * data_version on a connection of its own moves on every commit made
 * through any other connection, so a change of it says "anything may
 * have changed" (cb(NULL)), at most WATCH_MS after the commit.
 */
#define WATCH_MS	100

static void *
lite_watch_main(void *arg)
{
	struct db_watch *w = arg;
	const char *where = w->url + sizeof("sqlite:") - 1;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 v, last = -1;

	while (!atomic_load(&w->stop)) {
		if (h == NULL && (sqlite3_open_v2(where, &h,
		    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK || sqlite3_prepare_v2(h, "PRAGMA data_version",
		    -1, &st, NULL) != SQLITE_OK)) {
			sqlite3_finalize(st);
			st = NULL;
			sqlite3_close(h);
			h = NULL;
			atomic_store(&w->live, false);
			poll(NULL, 0, 500);
			continue;
		}
		if (sqlite3_step(st) == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			if (v != last) {
				last = v;
				w->cb(w->arg, NULL);
			}
			atomic_store(&w->live, true);
		} else
			atomic_store(&w->live, false);
		sqlite3_reset(st);
		poll(NULL, 0, WATCH_MS);
	}
	atomic_store(&w->live, false);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return NULL;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.scheme = "sqlite:",
	.begin_sql = "BEGIN IMMEDIATE",
	/* deferred: the first read takes the snapshot (WAL) */
	.snapshot_sql = "BEGIN",
	.open = lite_open,
	.close = lite_close,
	.idle = lite_idle,
	.exec_script = lite_exec_script,
	.prepare_all = lite_prepare_all,
	.stmt = lite_stmt,
	.bind_int = lite_bind_int,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_int = lite_col_int,
	.col_text = lite_col_text,
	.col_null = lite_col_null,
	.changes = lite_changes,
	.errmsg = lite_errmsg,
	.backup = lite_backup,
	.checkpoint = lite_checkpoint,
	.wal_bytes = lite_wal_bytes,
	.durability = lite_durability,
	.group_commit = true,
	.change_mark = lite_change_mark,
	.watch_main = lite_watch_main,
	.dialect = STMT_SQLITE,
};
