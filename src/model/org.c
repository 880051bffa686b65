#include "model/org.h"

#include <string.h>

#include "model/account.h"
#include "model/readiness.h"

static void
org_bind(struct db_stmt *st, const struct org *o, int first)
{
	db_bind_text(st, first, str_c(o->name));
	db_bind_text(st, first + 1, str_c(o->industry));
	db_bind_text(st, first + 2, str_c(o->employees));
	db_bind_text(st, first + 3, str_c(o->capital));
	db_bind_text(st, first + 4, str_c(o->prefecture));
	db_bind_int(st, first + 5, o->dep_many);
	db_bind_int(st, first + 6, o->dep_manual);
	db_bind_int(st, first + 7, o->dep_others);
	db_bind_text(st, first + 8, str_c(o->dep_class));
}

int
org_get(struct db_conn *c, struct arena *a, int64_t id, struct org *o)
{
	struct db_stmt *st = db_stmt(c, STMT_ORG_GET);
	int rc;

	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	o->id = db_col_int(st, 0);
	o->name = arena_cstr(a, db_col_text(st, 1));
	o->industry = arena_cstr(a, db_col_text(st, 2));
	o->employees = arena_cstr(a, db_col_text(st, 3));
	o->capital = arena_cstr(a, db_col_text(st, 4));
	o->prefecture = arena_cstr(a, db_col_text(st, 5));
	o->dep_many = (int)db_col_int(st, 6);
	o->dep_manual = (int)db_col_int(st, 7);
	o->dep_others = (int)db_col_int(st, 8);
	o->dep_class = arena_cstr(a, db_col_text(st, 9));
	o->peer_share = db_col_int(st, 10) != 0;
	return 0;
}

int
org_insert(struct db_conn *c, const struct org *o, int64_t *id)
{
	struct db_stmt *st = db_stmt(c, STMT_ORG_INSERT);
	int rc;

	org_bind(st, o, 1);
	db_bind_int(st, 10, account_now());
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*id = db_col_int(st, 0);
	return db_exec(st);
}

int
org_create(struct db_conn *c, const struct org *o, int64_t user_id,
    const char *member_role, int64_t *id)
{
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	if ((rc = org_insert(c, o, id)) != DB_OK)
		goto fail;
	if (user_id > 0 &&
	    (rc = org_member_put(c, user_id, *id, member_role)) != DB_OK)
		goto fail;
	return db_commit(c);
fail:
	db_rollback(c);
	return rc < 0 ? rc : DB_E_IO;
}

int
org_update(struct db_conn *c, const struct org *o)
{
	struct db_stmt *st = db_stmt(c, STMT_ORG_UPDATE);

	db_bind_int(st, 1, o->id);
	org_bind(st, o, 2);
	return db_exec(st);
}

int
org_list(struct db_conn *c, struct arena *a, int64_t user_id, int all,
    struct org_ref **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 16;
	int rc;

	st = db_stmt(c, all ? STMT_ORG_LIST_ALL : STMT_ORG_LIST_FOR_USER);
	if (!all)
		db_bind_int(st, 1, user_id);
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			struct org_ref *nv = arena_alloc(a,
			    cap * 2 * sizeof(*nv));

			memcpy(nv, *out, cap * sizeof(*nv));
			*out = nv;
			cap *= 2;
		}
		(*out)[*n].id = db_col_int(st, 0);
		(*out)[*n].name = arena_cstr(a, db_col_text(st, 1));
		(*out)[*n].role = arena_cstr(a, db_col_text(st, 2));
		(*n)++;
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
org_overview_list(struct db_conn *c, struct arena *a, int64_t user_id,
    bool all, struct org_overview **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 16;
	int rc;

	st = db_stmt(c, all ? STMT_ORG_OVERVIEW_ALL :
	    STMT_ORG_OVERVIEW_FOR_USER);
	db_bind_int(st, 1, user_id);
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	while ((rc = db_step(st)) == DB_ROW) {
		struct org_overview *v;

		if (*n == cap) {
			struct org_overview *nv = arena_alloc(a,
			    cap * 2 * sizeof(*nv));

			memcpy(nv, *out, cap * sizeof(*nv));
			*out = nv;
			cap *= 2;
		}
		v = &(*out)[(*n)++];
		v->id = db_col_int(st, 0);
		v->name = arena_cstr(a, db_col_text(st, 1));
		v->role = arena_cstr(a, db_col_text(st, 2));
		v->latest_round = db_col_int(st, 3);
		v->score_tenths = (long)db_col_int(st, 4);
		v->open_round = db_col_int(st, 5);
		/* a closed round with answers is what org_latest holds */
		v->stars = sa_stars((int)db_col_int(st, 6), v->latest_round > 0,
		    db_col_int(st, 7) != 0, db_col_int(st, 8) != 0);
	}
	return rc == DB_DONE ? DB_OK : rc;
}

char *
org_member_role(struct db_conn *c, struct arena *a, int64_t user_id,
    int64_t org_id)
{
	struct db_stmt *st = db_stmt(c, STMT_MEMBER_ROLE);

	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, org_id);
	if (db_step(st) != DB_ROW)
		return NULL;
	return arena_cstr(a, db_col_text(st, 0));
}

int
org_member_list(struct db_conn *c, struct arena *a, int64_t org_id,
    struct org_member **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_MEMBER_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	db_bind_int(st, 1, org_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct org_member *m;

		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		m = &(*out)[(*n)++];
		m->id = db_col_int(st, 0);
		m->email = arena_cstr(a, db_col_text(st, 1));
		m->role = arena_cstr(a, db_col_text(st, 2));
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
org_member_put(struct db_conn *c, int64_t user_id, int64_t org_id,
    const char *role)
{
	struct db_stmt *st = db_stmt(c, STMT_MEMBER_PUT);

	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, org_id);
	db_bind_text(st, 3, str_c(role));
	return db_exec(st);
}

int
org_member_change(struct db_conn *c, int64_t user_id, int64_t org_id,
    const char *role)
{
	struct db_stmt *st = db_stmt(c, role ? STMT_MEMBER_SET_ROLE :
	    STMT_MEMBER_DELETE);
	int rc;

	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, org_id);
	if (role)
		db_bind_text(st, 3, str_c(role));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}
