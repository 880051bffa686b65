#include "model/hearing.h"

#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "model/audit.h"

static const char *const state_keys[HEARING_STATE__MAX] = {
	[HEARING_OPEN] = "open",
	[HEARING_ANSWERED] = "answered",
};

static const char *const mode_keys[HEARING_MODE__MAX] = {
	[HEARING_HANDED] = "handed",
	[HEARING_POSTED] = "posted",
};

const char *
hearing_state_key(enum hearing_state s)
{
	return state_keys[s];
}

int
hearing_state_from_key(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < HEARING_STATE__MAX; i++)
		if (strcmp(state_keys[i], s) == 0)
			return i;
	return -1;
}

const char *
hearing_mode_key(enum hearing_mode m)
{
	return mode_keys[m];
}

int
hearing_mode_from_key(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < HEARING_MODE__MAX; i++)
		if (strcmp(mode_keys[i], s) == 0)
			return i;
	return -1;
}

/* Room for one more of size sz in *v (cap *cap, n used), in a. */
static void *
grow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *nv;

	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 32;
	nv = arena_alloc(a, *cap * sz);
	if (n > 0)
		memcpy(nv, v, n * sz);
	return nv;
}

int
hearing_read(struct db_conn *c, struct arena *a, int64_t org,
    struct hearing_answer **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_HEARING_LIST);
	struct hearing_answer *v = NULL;
	size_t cap = 0;
	int rc, s;

	*n = 0;
	db_bind_int(st, 1, org);
	while ((rc = db_step(st)) == DB_ROW) {
		struct hearing_answer *h;

		v = grow(a, v, *n, &cap, sizeof(*v));
		h = &v[(*n)++];
		h->item = arena_cstr(a, db_col_text(st, 0));
		h->result = arena_cstr(a, db_col_text(st, 1));
		h->consider = arena_cstr(a, db_col_text(st, 2));
		h->visit = (int)db_col_int(st, 3);
		s = hearing_state_from_key(arena_cstr(a, db_col_text(st, 4)));
		h->state = s < 0 ? HEARING_OPEN : (enum hearing_state)s;
		h->rev = db_col_int(st, 5);
		h->updated_at = db_col_int(st, 6);
		h->updated_by = arena_cstr(a, db_col_text(st, 7));
	}
	*out = v;
	return rc == DB_DONE ? DB_OK : rc;
}

const struct hearing_answer *
hearing_find(const struct hearing_answer *rows, size_t n, const char *item)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].item, item) == 0)
			return &rows[i];
	return NULL;
}

size_t
hearing_open_items(const struct hearing_answer *rows, size_t n,
    const char *const *keys, size_t nk, size_t *idx)
{
	const struct hearing_answer *h;
	size_t i, k = 0;

	for (i = 0; i < nk; i++)
		if ((h = hearing_find(rows, n, keys[i])) != NULL &&
		    h->state == HEARING_OPEN)
			idx[k++] = i;
	return k;
}

/* One save, for db_write. */
struct save_job {
	int64_t			 org, user;
	const char		*addr;
	int			 visit;
	int64_t			 now;
	const struct hearing_put *v;
	size_t			 n;
	const char		*detail;
	size_t			 changed;	/* OUT */
};

/* Item p as stored: DB_OK with *rev (0: no row) and whether the stored
 * texts and state equal p's; < 0 on error. */
static int
stored(struct db_conn *c, int64_t org, const struct hearing_put *p,
    int64_t *rev, bool *same)
{
	struct db_stmt *st = db_stmt(c, STMT_HEARING_GET);
	int rc;

	*rev = 0;
	*same = false;
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(p->item));
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	*rev = db_col_int(st, 0);
	*same = str_eq(db_col_text(st, 1), str_c(p->result)) &&
	    str_eq(db_col_text(st, 2), str_c(p->consider)) &&
	    str_eq(db_col_text(st, 3), str_c(state_keys[p->state]));
	return DB_OK;
}

static int
save_fn(struct db_conn *c, void *arg)
{
	struct save_job *j = arg;
	struct db_stmt *st;
	int64_t rev;
	size_t i;
	bool same;
	int rc;

	j->changed = 0;
	/* every item at the revision the form was made from, first: a
	 * stale save stores nothing */
	for (i = 0; i < j->n; i++) {
		if ((rc = stored(c, j->org, &j->v[i], &rev, &same)) != DB_OK)
			return rc;
		if (rev != j->v[i].rev)
			return HEARING_STALE;
	}
	for (i = 0; i < j->n; i++) {
		const struct hearing_put *p = &j->v[i];

		if ((rc = stored(c, j->org, p, &rev, &same)) != DB_OK)
			return rc;
		if (rev > 0 && same)
			continue;
		/* never saved, and still nothing said: not asked yet */
		if (rev == 0 && p->result[0] == '\0' &&
		    p->consider[0] == '\0' && p->state == HEARING_OPEN)
			continue;
		if (rev == 0) {
			st = db_stmt(c, STMT_HEARING_INSERT);
			db_bind_int(st, 1, j->org);
			db_bind_text(st, 2, str_c(p->item));
			db_bind_text(st, 3, str_c(p->result));
			db_bind_text(st, 4, str_c(p->consider));
			db_bind_int(st, 5, j->visit);
			db_bind_text(st, 6, str_c(state_keys[p->state]));
			db_bind_int(st, 7, j->now);
			db_bind_int(st, 8, j->user);
		} else {
			st = db_stmt(c, STMT_HEARING_UPDATE);
			db_bind_int(st, 1, j->org);
			db_bind_text(st, 2, str_c(p->item));
			db_bind_int(st, 3, rev);
			db_bind_text(st, 4, str_c(p->result));
			db_bind_text(st, 5, str_c(p->consider));
			db_bind_int(st, 6, j->visit);
			db_bind_text(st, 7, str_c(state_keys[p->state]));
			db_bind_int(st, 8, j->now);
			db_bind_int(st, 9, j->user);
		}
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
		/* another writer got in between (PostgreSQL): undo all */
		if (db_changes(c) != 1)
			return DB_E_CONSTRAINT;
		j->changed++;
	}
	if (j->changed > 0)
		audit(c, j->org, j->user, AUDIT_HEARING_SAVED, j->detail,
		    j->addr);
	return DB_OK;
}

int
hearing_save(struct db *db, int64_t org, int64_t user, const char *addr,
    int visit, int64_t now, const struct hearing_put *v, size_t n,
    const char *audit_detail, size_t *changed)
{
	struct save_job j = {
		.org = org, .user = user, .addr = addr, .visit = visit,
		.now = now, .v = v, .n = n, .detail = audit_detail,
	};
	int rc = db_write(db, save_fn, &j);

	if (changed != NULL)
		*changed = rc == DB_OK ? j.changed : 0;
	return rc == DB_E_CONSTRAINT ? HEARING_STALE : rc;
}

int
hearing_org_since(struct db_conn *c, int64_t org, int64_t *at)
{
	struct db_stmt *st = db_stmt(c, STMT_HEARING_ORG_SINCE);
	int rc;

	*at = 0;
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*at = db_col_int(st, 0);
	return DB_OK;
}

struct pledge_job {
	int64_t				 org, user;
	const char			*addr;
	const struct hearing_pledge	*p;
	int64_t				 now;
	int64_t				 id;	/* OUT */
};

static int
pledge_fn(struct db_conn *c, void *arg)
{
	struct pledge_job *j = arg;
	struct db_stmt *st = db_stmt(c, STMT_PLEDGE_INSERT);
	int rc;

	db_bind_int(st, 1, j->org);
	if (j->user > 0)
		db_bind_int(st, 2, j->user);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, str_c(j->p->name));
	db_bind_text(st, 4, str_c(j->p->date));
	db_bind_text(st, 5, str_c(mode_keys[j->p->mode]));
	db_bind_int(st, 6, j->now);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	j->id = db_col_int(st, 0);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	{
		char detail[512];
		struct str nm = str_c(j->p->name);

		/* "<date> <mode> <name>" */
		snprintf(detail, sizeof(detail), "%s %s %.*s", j->p->date,
		    mode_keys[j->p->mode], (int)(nm.n > 400 ? 400 : nm.n),
		    nm.p);
		audit(c, j->org, j->user, AUDIT_PLEDGE_RECORDED, detail,
		    j->addr);
	}
	return DB_OK;
}

int
hearing_pledge_add(struct db *db, int64_t org, int64_t user,
    const char *addr, const struct hearing_pledge *p, int64_t now,
    int64_t *id)
{
	struct pledge_job j = {
		.org = org, .user = user, .addr = addr, .p = p, .now = now,
	};
	int rc = db_write(db, pledge_fn, &j);

	*id = rc == DB_OK ? j.id : 0;
	return rc;
}

int
hearing_pledges(struct db_conn *c, struct arena *a, int64_t org,
    struct hearing_pledge **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_PLEDGE_LIST);
	struct hearing_pledge *v = NULL;
	size_t cap = 0;
	int rc, m;

	*n = 0;
	db_bind_int(st, 1, org);
	while ((rc = db_step(st)) == DB_ROW) {
		struct hearing_pledge *p;

		v = grow(a, v, *n, &cap, sizeof(*v));
		p = &v[(*n)++];
		p->id = db_col_int(st, 0);
		p->user = db_col_int(st, 1);
		p->email = arena_cstr(a, db_col_text(st, 2));
		p->name = arena_cstr(a, db_col_text(st, 3));
		p->date = arena_cstr(a, db_col_text(st, 4));
		m = hearing_mode_from_key(arena_cstr(a, db_col_text(st, 5)));
		p->mode = m < 0 ? HEARING_HANDED : (enum hearing_mode)m;
		p->created_at = db_col_int(st, 6);
	}
	*out = v;
	return rc == DB_DONE ? DB_OK : rc;
}
