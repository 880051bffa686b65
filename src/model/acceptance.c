#include "model/acceptance.h"

#include <jansson.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/audit.h"

int
acceptance_latest(struct db_conn *c, struct arena *ar, int64_t org,
    struct acceptance *out)
{
	struct db_stmt *st = db_stmt(c, STMT_ACCEPT_LATEST);
	json_t *arr, *e;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->who = out->note = "";
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_OK : rc;
	out->at = db_col_int(st, 0);
	out->note = arena_cstr(ar, db_col_text(st, 2));
	out->who = arena_cstr(ar, db_col_text(st, 3));
	arr = json_loads(arena_cstr(ar, db_col_text(st, 1)), 0, NULL);
	db_exec(st);
	if (!json_is_array(arr)) {
		json_decref(arr);
		return DB_OK;
	}
	out->v = arena_alloc(ar, (json_array_size(arr) + 1) *
	    sizeof(*out->v));
	json_array_foreach(arr, i, e) {
		struct accepted_risk *a = &out->v[out->n];
		const char *b = json_string_value(json_object_get(e, "band"));
		const char *t = json_string_value(json_object_get(e,
		    "treatment"));

		a->id = json_integer_value(json_object_get(e, "id"));
		a->rev = json_integer_value(json_object_get(e, "rev"));
		a->value = (int)json_integer_value(json_object_get(e, "value"));
		a->band = arena_strdup(ar, b ? b : "");
		a->treatment = arena_strdup(ar, t ? t : "");
		if (a->id > 0)
			out->n++;
	}
	json_decref(arr);
	return DB_OK;
}

bool
acceptance_holds(const struct acceptance *a, int64_t id, int64_t rev)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->v[i].id == id)
			return a->v[i].rev == rev;
	return false;
}

bool
acceptance_due(const struct register_decl *d, const struct acceptance *a,
    const struct register_row *risks, size_t n, struct acceptance_diff *diff)
{
	size_t i, k, seen = 0;

	(void)d;
	memset(diff, 0, sizeof(*diff));
	for (k = 0; k < n; k++) {
		for (i = 0; i < a->n && a->v[i].id != risks[k].id; i++)
			;
		if (i == a->n)
			diff->added++;
		else {
			seen++;
			if (a->v[i].rev != risks[k].rev)
				diff->changed++;
		}
	}
	diff->removed = a->n - seen;
	if (a->at == 0)
		return n > 0;
	return diff->added + diff->changed + diff->removed > 0;
}

struct accept_w {
	const struct register_decl	*d;
	int64_t				 org, user, now;
	const char			*addr, *note;
	const struct register_row	*risks;
	size_t				 n;
};

/* The snapshot of the risks as JSON. */
static void
snapshot(const struct accept_w *w, struct buf *b)
{
	int fv = register_field(w->d, "value"), fb = register_field(w->d,
	    "band"), ft = register_field(w->d, "treatment");
	size_t k;

	buf_addc(b, '[');
	for (k = 0; k < w->n; k++) {
		const struct register_row *r = &w->risks[k];

		buf_printf(b, "%s{\"id\": %lld, \"rev\": %lld, \"value\": %lld, "
		    "\"band\": ", k ? ", " : "", (long long)r->id,
		    (long long)r->rev, fv >= 0 && r->v[fv].set ?
		    (long long)r->v[fv].i : 0LL);
		esc_json(b, str_c(fb >= 0 && r->v[fb].set ? r->v[fb].s : ""));
		buf_adds(b, ", \"treatment\": ");
		esc_json(b, str_c(ft >= 0 && r->v[ft].set ? r->v[ft].s : ""));
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static int
accept_fn(struct db_conn *c, void *arg)
{
	struct accept_w *w = arg;
	struct db_stmt *st;
	struct buf b = BUF_INIT;
	size_t k;
	int rc;

	/* every risk still at the revision the executive saw, and no other
	 * risk since: checked before the first change */
	st = db_stmt(c, STMT_REG_COUNT);
	db_bind_int(st, 1, w->org);
	db_bind_text(st, 2, str_c(w->d->key));
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	if ((size_t)db_col_int(st, 0) != w->n)
		return REGISTER_STALE;
	for (k = 0; k < w->n; k++) {
		st = db_stmt(c, STMT_REG_EXISTS);
		db_bind_int(st, 1, w->risks[k].id);
		db_bind_int(st, 2, w->org);
		db_bind_text(st, 3, str_c(w->d->key));
		if ((rc = db_step(st)) < 0)
			return rc;
		if (rc != DB_ROW || db_col_int(st, 0) != w->risks[k].rev)
			return REGISTER_STALE;
	}
	snapshot(w, &b);
	st = db_stmt(c, STMT_ACCEPT_INSERT);
	db_bind_int(st, 1, w->org);
	db_bind_int(st, 2, w->now);
	if (w->user > 0)
		db_bind_int(st, 3, w->user);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, buf_str(&b));
	db_bind_text(st, 5, str_c(w->note));
	rc = db_exec(st);
	buf_free(&b);
	if (rc == DB_OK) {
		char n[32];

		snprintf(n, sizeof(n), "%zu", w->n);
		audit(c, w->org, w->user, AUDIT_RISKS_ACCEPTED, n, w->addr);
	}
	return rc;
}

int
acceptance_accept(struct db *db, const struct register_decl *d, int64_t org,
    int64_t user, const char *addr, const struct register_row *risks,
    size_t n, const char *note)
{
	struct accept_w w = { d, org, user, account_now(), addr,
	    note ? note : "", risks, n };

	return db_write(db, accept_fn, &w);
}
