/*
 * page_api_register: the JSON API of every register (docs/api.md):
 *
 *   GET    /api/v1/orgs/{org}/{reg}          rows ({"total", "rows"})
 *   POST   /api/v1/orgs/{org}/{reg}          add a row (JSON) → 201
 *   GET    /api/v1/orgs/{org}/{reg}/{id}     one row
 *   PUT    /api/v1/orgs/{org}/{reg}/{id}     replace a row; "rev" is the
 *                                            revision the change starts
 *                                            from: 409 when stale
 *   DELETE /api/v1/orgs/{org}/{reg}/{id}?rev=N
 *
 * A row carries "id", "rev", every field (derived ones too; null when
 * unset) and who saved it last, when.  A refused row answers 422
 * {"errors": [{"field", "code", "message"}]}, nothing stored.  Another
 * organisation's row does not exist (404).
 */
#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/esc.h"
#include "model/register.h"
#include "model/register_csv.h"
#include "pages/pages.h"

/* The register the path names, or NULL (the caller answers 404). */
static const struct register_decl *
api_reg(struct req *r)
{
	const char *key = req_param(r, "reg");

	return key ? register_by_key(key) : NULL;
}

static const struct register_env *
env_of(struct req *r)
{
	return &req_app(r)->content.regenv;
}

/* 422 {"errors": [{"field", "code", "message"}…]}. */
static int
api_errors(struct req *r, const struct register_errs *errs)
{
	size_t i;

	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [");
	for (i = 0; i < errs->n; i++) {
		const struct register_err *e = &errs->e[i];

		buf_adds(&r->out, i ? ", {\"field\": " : "{\"field\": ");
		esc_json(&r->out, str_c(e->name ? e->name : ""));
		buf_printf(&r->out, ", \"code\": \"%s\", \"message\": ",
		    register_err_key(e->code));
		esc_json(&r->out, str_c(page_err_text(r, e)));
		buf_addc(&r->out, '}');
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, PAGE_INVALID);
}

/* A query of ?sort=F&dir=asc|desc&q=WORDS&F=KEY (enum or boolean
 * filters) over d; false with *bad the parameter when one is wrong. */
static bool
api_query(struct req *r, const struct register_decl *d,
    struct register_query *q, const char **bad)
{
	const char *v;
	size_t i;

	register_query_init(d, q);
	if ((v = req_query(r, "sort")) != NULL) {
		if ((q->sort = register_field(d, v)) < 0) {
			*bad = "sort";
			return false;
		}
		q->desc = false;
	}
	if ((v = req_query(r, "dir")) != NULL) {
		if (strcmp(v, "asc") != 0 && strcmp(v, "desc") != 0) {
			*bad = "dir";
			return false;
		}
		q->desc = strcmp(v, "desc") == 0;
	}
	q->q = req_query(r, "q");
	for (i = 0; i < d->nf; i++) {
		struct register_val val;
		long a, b;

		if ((d->f[i].type != RF_ENUM && d->f[i].type != RF_BOOL) ||
		    (v = req_query(r, d->f[i].key)) == NULL)
			continue;
		if (register_value(env_of(r), &d->f[i], v, &r->arena, &val, &a,
		    &b) != RFE_OK || !val.set) {
			*bad = d->f[i].key;
			return false;
		}
		q->filter[i] = (int)val.i;
	}
	return true;
}

int
page_api_reg_list(struct req *r)
{
	const struct register_decl *d = api_reg(r);
	struct db *db = req_app(r)->db;
	struct register_query q;
	struct register_row *v;
	struct db_conn *c;
	const char *bad = NULL;
	size_t n, k, i, *ix;
	int rc;

	if (d == NULL)
		return 404;
	if (!api_query(r, d, &q, &bad)) {
		struct register_errs errs = { 0 };

		register_err_add(&errs, -1, bad, bad && register_field(d, bad)
		    >= 0 && strcmp(bad, "sort") != 0 ? RFE_KEY : RFE_UNKNOWN,
		    0, 0);
		return api_errors(r, &errs);
	}
	c = db_acquire(db);
	rc = register_list(c, env_of(r), d, r->org_id, &r->arena, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	ix = register_select(d, v, n, &q, &r->arena, &k);
	buf_printf(&r->out, "{\"register\": \"%s\", \"total\": %zu, "
	    "\"count\": %zu, \"rows\": [", d->key, n, k);
	for (i = 0; i < k; i++) {
		if (i)
			buf_adds(&r->out, ",\n ");
		register_row_json(d, &v[ix[i]], &r->out);
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}

/* The row of the path, into row: 0, or an HTTP status. */
static int
api_row(struct req *r, const struct register_decl *d,
    struct register_row *row)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int64_t id = req_param_id(r, "id");
	int rc;

	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = register_get(c, env_of(r), d, r->org_id, id, &r->arena, row);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	return rc == DB_ROW ? 0 : 503;
}

/* Answer status with the row id as it is stored now. */
static int
api_send_row(struct req *r, const struct register_decl *d, int64_t id,
    int status)
{
	struct register_row row;
	int st;

	{
		struct db *db = req_app(r)->db;
		struct db_conn *c = db_acquire(db);
		int rc = register_get(c, env_of(r), d, r->org_id, id,
		    &r->arena, &row);

		db_release(db, c);
		st = rc == DB_ROW ? 0 : rc == DB_DONE ? 404 : 503;
	}
	if (st != 0)
		return st;
	buf_reset(&r->out);
	register_row_json(d, &row, &r->out);
	buf_addc(&r->out, '\n');
	return page_json(r, status);
}

int
page_api_reg_get(struct req *r)
{
	const struct register_decl *d = api_reg(r);
	struct register_row row;
	int st;

	if (d == NULL)
		return 404;
	if ((st = api_row(r, d, &row)) != 0)
		return st;
	register_row_json(d, &row, &r->out);
	buf_addc(&r->out, '\n');
	return page_json(r, 200);
}

static const struct register_who *
who_of(struct req *r)
{
	struct register_who *w = arena_alloc(&r->arena, sizeof(*w));

	w->user = r->auth.user_id;
	w->addr = r->remote_addr;
	return w;
}

/* A write's result as an HTTP status (0: stored). */
static int
write_status(int rc)
{
	switch (rc) {
	case DB_OK:
		return 0;
	case REGISTER_STALE:
		return 409;
	case REGISTER_GONE:
		return 404;
	case REGISTER_FULL:
		return 413;
	case REGISTER_BAD_REF:
		return 422;
	case REGISTER_IN_USE:
		return 409;
	default:
		return 503;
	}
}

/* The references of row checked against the database and the members
 * it names looked up (old: the row as stored, or NULL), errors into
 * errs: 0, or 503. */
static int
api_refs(struct req *r, const struct register_decl *d,
    const struct register_row *old, struct register_row *row,
    struct register_errs *errs)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = register_check_refs(c, d, r->org_id, old, &r->arena, row,
	    errs);

	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* A write refused for a reference that went meanwhile, or a member who
 * left: its errors. */
static int
api_bad_ref(struct req *r, const struct register_decl *d,
    const struct register_row *old, struct register_row *row)
{
	struct register_errs errs = { 0 };

	if (api_refs(r, d, old, row, &errs) != 0)
		return 503;
	if (errs.n == 0)
		register_err_add(&errs, -1, "", RFE_REF, 0, 0);
	return api_errors(r, &errs);
}

/* 422 {"errors": [{"line", "column", "code", "message"}…]}. */
static int
api_csv_errors(struct req *r, const struct register_csv *in)
{
	size_t i;

	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [");
	for (i = 0; i < in->n_err; i++) {
		const struct register_csv_err *e = &in->err[i];

		buf_printf(&r->out, "%s{\"line\": %lu, \"column\": %u, "
		    "\"code\": \"%s\", \"message\": ", i ? ", " : "",
		    e->line, e->column, e->code);
		esc_json(&r->out, str_c(register_io_message(r, e)));
		buf_addc(&r->out, '}');
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, PAGE_INVALID);
}

/* POST text/csv: every row of the file, or none (register_io.c). */
static int
api_import(struct req *r, const struct register_decl *d)
{
	struct register_csv in;
	int st;

	st = register_io_import(r, d, who_of(r), r->body.p, r->body.n, &in);
	if (st == PAGE_INVALID)
		return api_csv_errors(r, &in);
	if (st != 0)
		return st;
	buf_printf(&r->out, "{\"added\": %zu}\n", in.n);
	return page_json(r, 201);
}

int
page_api_reg_add(struct req *r)
{
	const struct register_decl *d = api_reg(r);
	struct register_errs errs = { 0 };
	struct register_row row;
	int64_t id = 0;
	int st, rc;

	if (d == NULL)
		return 404;
	if (r->content_type != NULL && strncasecmp(r->content_type,
	    "text/csv", 8) == 0)
		return api_import(r, d);
	if (!register_from_json(env_of(r), d, r->body.p, r->body.n,
	    &r->arena, &row, &errs))
		return api_errors(r, &errs);
	if ((st = api_refs(r, d, NULL, &row, &errs)) != 0 ||
	    (st = page_flow_vuln_check(r, d, &row, &errs)) != 0)
		return st;
	if (errs.n > 0)
		return api_errors(r, &errs);
	rc = register_add(req_app(r)->db, env_of(r), d, r->org_id, who_of(r),
	    &row, &id, &errs);
	if (rc == REGISTER_INVALID)
		return api_errors(r, &errs);
	st = write_status(rc);
	if (st == 422)
		return api_bad_ref(r, d, NULL, &row);
	if (st != 0)
		return st;
	req_header(r, "Location", arena_printf(&r->arena,
	    "/api/v1/orgs/%" PRId64 "/%s/%" PRId64, r->org_id, d->key, id));
	return api_send_row(r, d, id, 201);
}

/* The "rev" member of a JSON body, or 0 when absent or not a positive
 * whole number. */
static int64_t
body_rev(struct req *r)
{
	json_t *o = json_loadb(r->body.p, r->body.n, 0, NULL);
	json_t *v = json_object_get(o, "rev");
	int64_t rev = json_is_integer(v) && json_integer_value(v) > 0 ?
	    (int64_t)json_integer_value(v) : 0;

	json_decref(o);
	return rev;
}

/* 409 with the row as it is stored now, so the caller sees both. */
static int
api_stale(struct req *r, const struct register_decl *d)
{
	struct register_row now;
	int st;

	if ((st = api_row(r, d, &now)) != 0)
		return st;
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"error\": \"409\", \"current\": ");
	register_row_json(d, &now, &r->out);
	buf_adds(&r->out, "}\n");
	return page_json(r, 409);
}

int
page_api_reg_put(struct req *r)
{
	const struct register_decl *d = api_reg(r);
	struct register_errs errs = { 0 };
	struct register_row row, cur;
	const struct register_row *old = NULL;
	int64_t id = req_param_id(r, "id"), rev;
	int st, rc;

	if (d == NULL || id <= 0)
		return 404;
	register_from_json(env_of(r), d, r->body.p, r->body.n, &r->arena,
	    &row, &errs);
	if ((rev = body_rev(r)) == 0)
		register_err_add(&errs, -1, "rev", RFE_REQUIRED, 0, 0);
	if (errs.n > 0)
		return api_errors(r, &errs);
	/* the row as stored: a member who left may stay where it has them
	 * (gone: the write answers 404) */
	if ((st = api_row(r, d, &cur)) == 0)
		old = &cur;
	else if (st != 404)
		return st;
	if ((st = api_refs(r, d, old, &row, &errs)) != 0 ||
	    (st = page_flow_vuln_check(r, d, &row, &errs)) != 0)
		return st;
	if (errs.n > 0)
		return api_errors(r, &errs);
	rc = register_save(req_app(r)->db, env_of(r), d, r->org_id, who_of(r),
	    id, rev, &row, NULL, &errs);
	if (rc == REGISTER_INVALID)
		return api_errors(r, &errs);
	st = write_status(rc);
	if (st == 422)
		return api_bad_ref(r, d, old, &row);
	if (st == 409)
		return api_stale(r, d);
	if (st != 0)
		return st;
	return api_send_row(r, d, id, 200);
}

/* 409: rows of other registers refer to row id, so it stays. */
static int
api_in_use(struct req *r, const struct register_decl *d, int64_t id)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int64_t n = register_referrers(c, &req_app(r)->content.regenv, d,
	    r->org_id, id);

	db_release(db, c);
	if (n < 0)
		return 503;
	buf_reset(&r->out);
	buf_printf(&r->out, "{\"error\": \"in_use\", \"referrers\": %" PRId64
	    "}\n", n);
	return page_json(r, 409);
}

int
page_api_reg_delete(struct req *r)
{
	const struct register_decl *d = api_reg(r);
	int64_t id = req_param_id(r, "id");
	const char *v = req_query(r, "rev");
	long rev;
	int st, rc;

	if (d == NULL || id <= 0)
		return 404;
	if (v == NULL || str_to_long(str_c(v), 1, LONG_MAX, &rev) != 0) {
		struct register_errs errs = { 0 };

		register_err_add(&errs, -1, "rev", v ? RFE_NOT_INT :
		    RFE_REQUIRED, 0, 0);
		return api_errors(r, &errs);
	}
	rc = register_delete(req_app(r)->db, d, r->org_id, who_of(r), id, rev);
	if (rc == REGISTER_IN_USE)
		return api_in_use(r, d, id);
	st = write_status(rc);
	if (st == 409)
		return api_stale(r, d);
	if (st != 0)
		return st;
	return req_send(r, 204, NULL);
}
