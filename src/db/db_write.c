/*
 * db_write: durable writes with group commit (db.h, db_write).
 *
 * A commit is on disk before it returns (SQLite synchronous=FULL), and an
 * fsync costs about as much as a few hundred small writes.  So writes
 * that arrive together share one: a request thread queues its write (a
 * struct db_wreq on its own stack) and sleeps; the committer's thread
 * takes every write queued so far, runs them in one BEGIN … COMMIT, each
 * between SAVEPOINT and RELEASE, and then wakes each writer with its own
 * result.  While one batch commits, the next one gathers: the more
 * writers, the larger the batches, with no timer and no added wait for a
 * writer alone.
 *
 * A write that fails is rolled back to its savepoint, alone.  When a
 * failure ends the whole transaction (SQLite does so on some I/O
 * errors), that write keeps its error and the batch runs again without
 * it, so the others still commit.  A failed COMMIT fails every write of
 * its batch: none of them is stored, none is acknowledged.
 */
#include "db/db.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/log.h"
#include "base/xalloc.h"
#include "db/db_int.h"

/* Longest batch: bounds how long one transaction holds the write lock. */
#define DB_BATCH_MAX	256

/* One queued write, on the stack of the thread that waits for it. */
struct db_wreq {
	db_write_fn	 fn;
	void		*arg;
	int		 rc;		/* fn's result, or the commit's error */
	bool		 settled;	/* rc is final (within a batch) */
	bool		 done;		/* the writer may return (under mu) */
	/* db_write_queue: cb(cb_arg, rc) instead (then w is on the heap,
	 * freed after) */
	void		(*cb)(void *cb_arg, int rc);
	void		*cb_arg;
	struct db_wreq	*next;		/* queue link */
};

struct db_committer {
	struct db		*db;
	const struct db_ops	*ops;
	pthread_mutex_t		 mu;
	pthread_cond_t		 work;	/* the committer: writes are queued */
	pthread_cond_t		 done;	/* writers: a batch is over */
	struct db_wreq		*head;	/* queued writes, oldest first */
	struct db_wreq		**tail;
	bool			 started;	/* th runs */
	bool			 stop;	/* db_committer_free: end th */
	pthread_t		 th;
	uint64_t		 writes;	/* writes run (db_write_stats) */
	uint64_t		 batches;	/* transactions that ran them */
};

struct db_committer *
db_committer_new(struct db *db, const struct db_ops *ops)
{
	struct db_committer *gc = xcalloc(1, sizeof(*gc));

	gc->db = db;
	gc->ops = ops;
	gc->tail = &gc->head;
	pthread_mutex_init(&gc->mu, NULL);
	pthread_cond_init(&gc->work, NULL);
	pthread_cond_init(&gc->done, NULL);
	return gc;
}

void
db_committer_free(struct db_committer *gc)
{
	if (gc == NULL)
		return;
	pthread_mutex_lock(&gc->mu);
	gc->stop = true;
	pthread_cond_signal(&gc->work);
	pthread_mutex_unlock(&gc->mu);
	if (gc->started)
		pthread_join(gc->th, NULL);
	pthread_mutex_destroy(&gc->mu);
	pthread_cond_destroy(&gc->work);
	pthread_cond_destroy(&gc->done);
	free(gc);
}

/* "SAVEPOINT w" and friends: one name serves, savepoints never nest
 * here. */
static int
db_sp(struct db_committer *gc, struct db_conn *c, const char *sql)
{
	return gc->ops->exec_script(c, sql);
}

/*
 * Run the writes of list (n of them) in one transaction on c.  Every
 * write leaves with settled set and its rc.
 */
static void
db_batch(struct db_committer *gc, struct db_conn *c, struct db_wreq *list)
{
	struct db_wreq *w;
	int rc;

again:
	if ((rc = db_begin(c)) != DB_OK) {
		for (w = list; w != NULL; w = w->next)
			if (!w->settled) {
				w->rc = rc;
				w->settled = true;
			}
		return;
	}
	for (w = list; w != NULL; w = w->next) {
		if (w->settled)
			continue;
		if ((rc = db_sp(gc, c, "SAVEPOINT w")) != DB_OK) {
			w->rc = rc;
			goto broken;
		}
		w->rc = w->fn(c, w->arg);
		if (w->rc < 0) {
			/* Its own changes go; when the transaction went
			 * with them, the batch runs again without it. */
			if (db_sp(gc, c, "ROLLBACK TO w") != DB_OK ||
			    db_sp(gc, c, "RELEASE w") != DB_OK)
				goto broken;
			w->settled = true;
			continue;
		}
		if ((rc = db_sp(gc, c, "RELEASE w")) != DB_OK) {
			w->rc = rc;
			goto broken;
		}
	}
	rc = db_commit(c);
	if (rc != DB_OK) {
		log_warn("db", "a group commit failed: %s", db_errmsg(c));
		db_rollback(c);
	}
	for (w = list; w != NULL; w = w->next)
		if (!w->settled) {
			if (rc != DB_OK)
				w->rc = rc;
			w->settled = true;
		}
	return;
broken:
	/* w ended the transaction: it keeps its error, the others that
	 * ran before it were undone with it and run again. */
	w->settled = true;
	db_rollback(c);
	pthread_mutex_lock(&gc->mu);
	gc->batches++;
	pthread_mutex_unlock(&gc->mu);
	goto again;
}

static void *
db_committer_main(void *arg)
{
	struct db_committer *gc = arg;
	struct db_wreq *list, *w, *next, *cbs, **end;
	struct db_conn *c;
	int n;

	pthread_mutex_lock(&gc->mu);
	for (;;) {
		while (gc->head == NULL && !gc->stop)
			pthread_cond_wait(&gc->work, &gc->mu);
		if (gc->head == NULL)
			break;
		/* Take up to DB_BATCH_MAX writes off the queue. */
		list = gc->head;
		for (n = 0, end = &gc->head; *end != NULL && n < DB_BATCH_MAX;
		    end = &(*end)->next)
			n++;
		gc->head = *end;
		*end = NULL;
		if (gc->head == NULL)
			gc->tail = &gc->head;
		gc->writes += (uint64_t)n;
		gc->batches++;
		pthread_mutex_unlock(&gc->mu);

		c = db_acquire(gc->db);
		db_batch(gc, c, list);
		/* Released before anyone answers: db_writes moves first. */
		db_release(gc->db, c);

		/* A waiter's w is gone once it runs: next is read first. */
		pthread_mutex_lock(&gc->mu);
		for (cbs = NULL, w = list; w != NULL; w = next) {
			next = w->next;
			if (w->cb != NULL) {
				w->next = cbs;
				cbs = w;
			} else
				w->done = true;
		}
		pthread_cond_broadcast(&gc->done);
		pthread_mutex_unlock(&gc->mu);
		for (w = cbs; w != NULL; w = next) {
			next = w->next;
			w->cb(w->cb_arg, w->rc);
			free(w);
		}
		pthread_mutex_lock(&gc->mu);
	}
	pthread_mutex_unlock(&gc->mu);
	return NULL;
}

/* One write in a transaction of its own, on the caller's thread. */
static int
db_write_alone(struct db_committer *gc, db_write_fn fn, void *arg)
{
	struct db_conn *c = db_acquire(gc->db);
	int rc, crc;

	if ((rc = db_begin(c)) == DB_OK) {
		rc = fn(c, arg);
		if (rc < 0)
			db_rollback(c);
		else if ((crc = db_commit(c)) != DB_OK) {
			db_rollback(c);
			rc = crc;
		}
	}
	db_release(gc->db, c);
	pthread_mutex_lock(&gc->mu);
	gc->writes++;
	gc->batches++;
	pthread_mutex_unlock(&gc->mu);
	return rc;
}

/* Queue w for the committer, starting it on first use; false (nothing
 * queued) when the write must run alone.  Called with gc->mu held. */
static bool
db_enqueue(struct db_committer *gc, struct db_wreq *w)
{
	if (!gc->ops->group_commit || gc->stop)
		return false;
	if (!gc->started) {
		if (pthread_create(&gc->th, NULL, db_committer_main, gc) != 0) {
			log_warn("db", "cannot start the group committer: "
			    "writing alone");
			return false;
		}
		gc->started = true;
	}
	*gc->tail = w;
	gc->tail = &w->next;
	pthread_cond_signal(&gc->work);
	return true;
}

int
db_write(struct db *db, db_write_fn fn, void *arg)
{
	struct db_committer *gc = db_committer_of(db);
	struct db_wreq w = { .fn = fn, .arg = arg };

	pthread_mutex_lock(&gc->mu);
	if (!db_enqueue(gc, &w)) {
		pthread_mutex_unlock(&gc->mu);
		return db_write_alone(gc, fn, arg);
	}
	while (!w.done)
		pthread_cond_wait(&gc->done, &gc->mu);
	pthread_mutex_unlock(&gc->mu);
	return w.rc;
}

void
db_write_queue(struct db *db, db_write_fn fn, void *arg,
    void (*done)(void *done_arg, int rc), void *done_arg)
{
	struct db_committer *gc = db_committer_of(db);
	struct db_wreq *w = xcalloc(1, sizeof(*w));
	bool queued;

	w->fn = fn;
	w->arg = arg;
	w->cb = done;
	w->cb_arg = done_arg;
	pthread_mutex_lock(&gc->mu);
	queued = db_enqueue(gc, w);
	pthread_mutex_unlock(&gc->mu);
	if (!queued) {
		free(w);
		done(done_arg, db_write_alone(gc, fn, arg));
	}
}

void
db_write_stats(struct db *db, uint64_t *writes, uint64_t *batches)
{
	struct db_committer *gc = db_committer_of(db);

	pthread_mutex_lock(&gc->mu);
	*writes = gc->writes;
	*batches = gc->batches;
	pthread_mutex_unlock(&gc->mu);
}

const char *
db_durability(struct db *db)
{
	struct db_committer *gc = db_committer_of(db);
	struct db_conn *c = db_acquire(db);
	const char *d = gc->ops->durability(c);

	db_release(db, c);
	return d;
}
