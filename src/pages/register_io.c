/*
 * register_io: a register's rows from a CSV file, all or nothing, as
 * both the JSON API (POST text/csv, page_api_register.c) and the list
 * page's upload form (page_register.c) take it: the file read by
 * register_csv_read(), the rows its references name and the members it
 * names looked up in this organisation, then every row stored in one
 * write.  Each refusal, of
 * the file or of a row, comes back placed at its line and column, so
 * the two callers only differ in how they show them.
 */
#include <string.h>

#include "model/register.h"
#include "model/register_csv.h"
#include "pages/pages.h"

const char *const **
register_io_labels(struct req *r, const struct register_decl *d)
{
	const struct content *ct = &req_app(r)->content;
	const char ***l = arena_alloc(&r->arena, REGISTER_LANGS *
	    sizeof(*l));
	size_t i;
	int g;

	for (g = 0; g < REGISTER_LANGS; g++) {
		l[g] = arena_alloc(&r->arena, (d->nf + 1) * sizeof(**l));
		for (i = 0; i < d->nf; i++)
			l[g][i] = content_ui(ct, (enum lang)g, arena_printf(
			    &r->arena, "reg.%s.f.%s", d->key, d->f[i].key));
	}
	return (const char *const **)l;
}

const char *
register_io_message(struct req *r, const struct register_csv_err *e)
{
	const char *key = arena_printf(&r->arena, "reg.err.%s", e->code);
	struct register_err re = { .field = e->field, .a = e->a, .b = e->b,
	    .what = e->what };

	/* the legend's values, the person named: as the forms say them */
	if (strcmp(e->code, register_err_key(RFE_GRANT_KEY)) == 0 ||
	    strcmp(e->code, register_err_key(RFE_GRANT_REF)) == 0) {
		re.code = e->code[6] == 'v' ? RFE_GRANT_KEY : RFE_GRANT_REF;
		return page_err_text(r, &re);
	}
	if (!content_ui_has(&req_app(r)->content, key))
		key = arena_printf(&r->arena, "reg.csv.%s", e->code);
	return Tn(r, key, e->a, e->b);
}

/* The references of rows[0..n) checked in org — rows looked up by id,
 * members by id or e-mail, against what was read once — each error
 * placed at its row's line and its field's column in in: DB_OK or a
 * negative enum db_rc. */
static int
check_refs(struct req *r, const struct register_decl *d,
    struct register_csv *in)
{
	struct db *db = req_app(r)->db;
	struct register_names nm;
	struct register_errs errs;
	struct db_conn *c;
	size_t i, k;
	int rc;

	c = db_acquire(db);
	rc = register_names_load(c, d, r->org_id, &r->arena, &nm);
	db_release(db, c);
	for (i = 0; i < in->n && rc == DB_OK; i++) {
		errs.n = 0;
		register_names_check(d, &nm, NULL, &in->rows[i], &errs);
		for (k = 0; k < errs.n; k++)
		{
			register_csv_err(in, &r->arena, in->line[i],
			    register_csv_col(in, errs.e[k].field),
			    register_err_key(errs.e[k].code), errs.e[k].field,
			    0, 0);
			if (in->n_err > 0)
				in->err[in->n_err - 1].what = errs.e[k].what;
		}
	}
	return rc;
}

int
register_io_import(struct req *r, const struct register_decl *d,
    const struct register_who *who, const void *data, size_t len,
    struct register_csv *in)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	struct register_errs errs;
	size_t k;
	int rc;

	if (register_csv_read(e, d, register_io_labels(r, d), data, len,
	    &r->arena, in) != 0)
		return PAGE_INVALID;
	if (check_refs(r, d, in) != DB_OK)
		return 503;
	if (in->n_err > 0)
		return PAGE_INVALID;
	errs.n = 0;
	rc = register_add_many(req_app(r)->db, e, d, r->org_id, who, in->rows,
	    in->n, &errs);
	switch (rc) {
	case DB_OK:
		return 0;
	case REGISTER_INVALID:
		/* a rule of the write's own, for row errs.e[k].at */
		for (k = 0; k < errs.n; k++)
			register_csv_err(in, &r->arena,
			    errs.e[k].at < in->n ? in->line[errs.e[k].at] : 0,
			    register_csv_col(in, errs.e[k].field),
			    register_err_key(errs.e[k].code), errs.e[k].field,
			    errs.e[k].a, errs.e[k].b);
		if (in->n_err == 0)
			register_csv_err(in, &r->arena, 0, 0,
			    register_err_key(RFE_FORMAT), -1, 0, 0);
		return PAGE_INVALID;
	case REGISTER_BAD_REF:
		/* a row they name went meanwhile, or a member: say which */
		if (check_refs(r, d, in) != DB_OK)
			return 503;
		if (in->n_err == 0)
			register_csv_err(in, &r->arena, 0, 0,
			    register_err_key(RFE_REF), -1, 0, 0);
		return PAGE_INVALID;
	case REGISTER_FULL:
		return 413;
	default:
		return 503;
	}
}
