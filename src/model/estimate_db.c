/*
 * estimate_db: an organisation's saved damage estimates and its money
 * figures (org_estimates, org_estimate_money; sql/…/0023_estimates.sql).
 * The half of model/estimate.h that needs the database; the other half,
 * estimate.c, is pure.
 */
#include "model/estimate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/audit.h"

static void *
grow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *nv;

	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	nv = arena_alloc(a, *cap * sz);
	if (n > 0)
		memcpy(nv, v, n * sz);
	return nv;
}

/* One row of STMT_EST_LIST / GET / WORST into *s (strings in a). */
static void
read_row(struct db_stmt *st, struct arena *a, struct estimate_saved *s)
{
	int k;

	s->id = db_col_int(st, 0);
	s->name = arena_cstr(a, db_col_text(st, 1));
	s->preset = arena_cstr(a, db_col_text(st, 2));
	for (k = 0; k < EST_IN__MAX; k++)
		s->in[k] = db_col_int(st, 3 + k);
	s->total = db_col_int(st, 7);
	s->created_at = db_col_int(st, 8);
	s->updated_at = db_col_int(st, 9);
	s->updated_by = arena_cstr(a, db_col_text(st, 10));
	s->rev = db_col_int(st, 11);
}

int
estimate_list(struct db_conn *c, struct arena *a, int64_t org,
    struct estimate_saved **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_EST_LIST);
	struct estimate_saved *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	db_bind_int(st, 1, org);
	while ((rc = db_step(st)) == DB_ROW) {
		v = grow(a, v, *n, &cap, sizeof(*v));
		read_row(st, a, &v[(*n)++]);
	}
	*out = v;
	return rc == DB_DONE ? DB_OK : rc;
}

/* One row of statement s (bound to org, and id when s takes it). */
static int
one(struct db_conn *c, struct arena *a, enum stmt s, int64_t org, int64_t id,
    struct estimate_saved *out)
{
	struct db_stmt *st = db_stmt(c, s);
	int rc;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, org);
	if (s == STMT_EST_GET)
		db_bind_int(st, 2, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_DONE : rc;
	read_row(st, a, out);
	rc = db_exec(st);	/* reset: the row was the only one */
	return rc == DB_OK || rc == DB_DONE ? DB_OK : rc;
}

int
estimate_get(struct db_conn *c, struct arena *a, int64_t org, int64_t id,
    struct estimate_saved *out)
{
	return one(c, a, STMT_EST_GET, org, id, out);
}

int
estimate_worst(struct db_conn *c, int64_t org, struct arena *a,
    struct estimate_saved *out)
{
	return one(c, a, STMT_EST_WORST, org, 0, out);
}

int
estimate_exists(struct db_conn *c, int64_t org, int64_t id)
{
	struct estimate_saved s;
	struct arena a;
	int rc;

	arena_init(&a);
	rc = estimate_get(c, &a, org, id, &s);
	arena_free(&a);
	return rc == DB_OK ? 1 : rc == DB_DONE ? 0 : rc;
}

struct save_job {
	int64_t				 org, user, now, id;
	const struct estimate_saved	*s;
};

static void
bind_user(struct db_stmt *st, int i, int64_t user)
{
	if (user > 0)
		db_bind_int(st, i, user);
	else
		db_bind_null(st, i);
}

static int
save_fn(struct db_conn *c, void *arg)
{
	struct save_job *j = arg;
	const struct estimate_saved *s = j->s;
	struct db_stmt *st;
	char detail[512];
	int rc, k;

	if (s->id == 0) {
		st = db_stmt(c, STMT_EST_INSERT);
		db_bind_int(st, 1, j->org);
		db_bind_text(st, 2, str_c(s->name));
		db_bind_text(st, 3, str_c(s->preset));
		for (k = 0; k < EST_IN__MAX; k++)
			db_bind_int(st, 4 + k, s->in[k]);
		db_bind_int(st, 8, s->total);
		db_bind_int(st, 9, j->now);
		bind_user(st, 10, j->user);
		if ((rc = db_step(st)) != DB_ROW)
			return rc < 0 ? rc : DB_E_IO;
		j->id = db_col_int(st, 0);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	} else {
		struct estimate_saved old;
		struct arena a;

		arena_init(&a);
		rc = estimate_get(c, &a, j->org, s->id, &old);
		arena_free(&a);
		if (rc == DB_DONE)
			return ESTIMATE_NONE;
		if (rc != DB_OK)
			return rc;
		st = db_stmt(c, STMT_EST_UPDATE);
		db_bind_int(st, 1, j->org);
		db_bind_int(st, 2, s->id);
		db_bind_int(st, 3, s->rev);
		db_bind_text(st, 4, str_c(s->name));
		db_bind_text(st, 5, str_c(s->preset));
		for (k = 0; k < EST_IN__MAX; k++)
			db_bind_int(st, 6 + k, s->in[k]);
		db_bind_int(st, 10, s->total);
		db_bind_int(st, 11, j->now);
		bind_user(st, 12, j->user);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		if (db_changes(c) != 1)
			return ESTIMATE_STALE;
		j->id = s->id;
	}
	/* "<id> <total> <name>" */
	snprintf(detail, sizeof(detail), "%" PRId64 " %lld %.400s", j->id,
	    s->total, s->name);
	audit(c, j->org, j->user, AUDIT_ESTIMATE_SAVED, detail, NULL);
	return DB_OK;
}

int
estimate_save(struct db *db, int64_t org, int64_t user,
    const struct estimate_saved *s, int64_t now, int64_t *id)
{
	struct save_job j = { .org = org, .user = user, .now = now, .s = s };
	int rc = db_write(db, save_fn, &j);

	if (id != NULL)
		*id = rc == DB_OK ? j.id : 0;
	return rc;
}

struct del_job {
	int64_t	 org, user, id;
};

static int
del_fn(struct db_conn *c, void *arg)
{
	struct del_job *j = arg;
	struct db_stmt *st = db_stmt(c, STMT_EST_DELETE);
	char detail[32];
	int rc;

	db_bind_int(st, 1, j->org);
	db_bind_int(st, 2, j->id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) != 1)
		return ESTIMATE_NONE;
	snprintf(detail, sizeof(detail), "%" PRId64, j->id);
	audit(c, j->org, j->user, AUDIT_ESTIMATE_DELETED, detail, NULL);
	return DB_OK;
}

int
estimate_delete(struct db *db, int64_t org, int64_t user, int64_t id)
{
	struct del_job j = { .org = org, .user = user, .id = id };

	return db_write(db, del_fn, &j);
}

int
estimate_money_get(struct db_conn *c, int64_t org, struct estimate_money *out)
{
	struct db_stmt *st = db_stmt(c, STMT_EST_MONEY_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	out->has_spending = !db_col_null(st, 0);
	out->spending = out->has_spending ? db_col_int(st, 0) : 0;
	out->has_could_pay = !db_col_null(st, 1);
	out->could_pay = out->has_could_pay ? db_col_int(st, 1) : 0;
	out->rev = db_col_int(st, 2);
	rc = db_exec(st);
	return rc == DB_OK || rc == DB_DONE ? DB_OK : rc;
}

struct money_job {
	int64_t				 org, user, now;
	const struct estimate_money	*m;
};

static void
bind_opt(struct db_stmt *st, int i, bool has, long long v)
{
	if (has)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

static int
money_fn(struct db_conn *c, void *arg)
{
	struct money_job *j = arg;
	const struct estimate_money *m = j->m;
	struct db_stmt *st;
	int rc;

	if (m->rev == 0) {
		st = db_stmt(c, STMT_EST_MONEY_INSERT);
		db_bind_int(st, 1, j->org);
		bind_opt(st, 2, m->has_spending, m->spending);
		bind_opt(st, 3, m->has_could_pay, m->could_pay);
		db_bind_int(st, 4, j->now);
		bind_user(st, 5, j->user);
	} else {
		st = db_stmt(c, STMT_EST_MONEY_UPDATE);
		db_bind_int(st, 1, j->org);
		bind_opt(st, 2, m->has_spending, m->spending);
		bind_opt(st, 3, m->has_could_pay, m->could_pay);
		db_bind_int(st, 4, m->rev);
		db_bind_int(st, 5, j->now);
		bind_user(st, 6, j->user);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) != 1)
		return ESTIMATE_STALE;
	audit(c, j->org, j->user, AUDIT_ESTIMATE_MONEY, NULL, NULL);
	return DB_OK;
}

int
estimate_money_put(struct db *db, int64_t org, int64_t user,
    const struct estimate_money *m, int64_t now)
{
	struct money_job j = { .org = org, .user = user, .now = now, .m = m };

	return db_write(db, money_fn, &j);
}
