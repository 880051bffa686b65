#include "model/register_csv.h"

#include "model/inventory.h"
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "model/inventory.h"

/* What a header column holds. */
#define COL_SKIP	(-1)	/* read past: meta or derived */

static const char *const meta_cols[] = {
	"id", "rev", "created_at", "updated_at", "updated_by",
};

void
register_csv_err(struct register_csv *out, struct arena *ar,
    unsigned long line, unsigned column, const char *code, int field,
    long a, long b)
{
	struct register_csv_err *e;

	if (out->n_err > REGISTER_CSV_MAX_ERRORS)
		return;
	if (out->n_err % 16 == 0) {
		struct register_csv_err *nv = arena_alloc(ar,
		    (out->n_err + 16) * sizeof(*nv));

		if (out->n_err > 0)
			memcpy(nv, out->err, out->n_err * sizeof(*nv));
		out->err = nv;
	}
	if (out->n_err == REGISTER_CSV_MAX_ERRORS) {
		code = "too_many_errors";
		field = -1;
		a = b = 0;
	}
	e = &out->err[out->n_err++];
	e->line = line;
	e->column = column;
	e->code = code;
	e->field = field;
	e->what = NULL;
	e->a = a;
	e->b = b;
}

unsigned
register_csv_col(const struct register_csv *in, int f)
{
	unsigned last = 0;
	size_t k;

	if (f >= 0 && f < REGISTER_FIELDS_MAX && in->fcol[f] > 0)
		return in->fcol[f];
	for (k = 0; k < REGISTER_FIELDS_MAX; k++)
		if (in->fcol[k] > last)
			last = in->fcol[k];
	return last + 1;
}

/* The column a header cell names: a field index, COL_SKIP, or -2 when
 * unknown. */
static int
header_col(const struct register_decl *d,
    const char *const *labels[REGISTER_LANGS], const char *cell)
{
	size_t i;
	int l;

	for (i = 0; i < sizeof(meta_cols) / sizeof(meta_cols[0]); i++)
		if (strcasecmp(cell, meta_cols[i]) == 0)
			return COL_SKIP;
	for (i = 0; i < d->nf; i++) {
		bool hit = strcasecmp(cell, d->f[i].key) == 0;

		for (l = 0; l < REGISTER_LANGS && !hit; l++)
			hit = labels != NULL && labels[l] != NULL &&
			    labels[l][i] != NULL &&
			    strcmp(cell, labels[l][i]) == 0;
		if (hit)
			return d->f[i].derived ? COL_SKIP : (int)i;
	}
	return -2;
}

/* A cell as it was before esc_csv() defused it: a quoted cell of an
 * apostrophe and what a spreadsheet would take for a formula (=, +, -,
 * @) loses the apostrophe, so an exported file goes back in as it was. */
static const char *
defused(const struct csv_cell *c)
{
	if (c->quoted && c->len >= 2 && c->text[0] == '\'' &&
	    strchr("=+-@", c->text[1]) != NULL)
		return c->text + 1;
	return c->text;
}

/* Whether the reading has to stop: too many errors. */
static bool
full(const struct register_csv *out)
{
	return out->n_err > REGISTER_CSV_MAX_ERRORS;
}

int
register_csv_read(const struct register_env *e,
    const struct register_decl *d,
    const char *const *labels[REGISTER_LANGS], const void *data, size_t len,
    struct arena *ar, struct register_csv *out)
{
	struct csv_reader rd;
	struct csv_record rec;
	enum csv_err ce;
	int *col = NULL;
	size_t ncol = 0, cap = 0, lcap = 0, k;
	bool have[REGISTER_FIELDS_MAX] = { false };
	bool header = false;
	int rc;

	memset(out, 0, sizeof(*out));
	ce = csv_open(data, len, 0, 0, &rd);
	out->cp932 = rd.cp932;
	if (ce != CSV_E_NONE) {
		register_csv_err(out, ar, 1, 1, csv_err_code(ce), -1, 0, 0);
		csv_close(&rd);
		return -1;
	}
	while (!full(out) && (rc = csv_next(&rd, &rec)) != 0) {
		struct register_row row;
		struct register_errs errs = { 0 };
		size_t before;
		bool bad = false;

		if (rc < 0) {
			register_csv_err(out, ar, rec.line, (unsigned)
			    rec.n_field, "open_quote", -1, 0, 0);
			break;
		}
		if (rec.blank)
			continue;
		if (rec.quote_col > 0) {
			register_csv_err(out, ar, rec.line, rec.quote_col,
			    "quote", -1, 0, 0);
			if (!header)
				break;
			continue;
		}
		if (!header) {
			/* mamori never keeps a password: a file that has a
			 * column for one is refused whole, before anything
			 * else is read (model/inventory.h) */
			for (k = 0; k < rec.n_cell; k++)
				if (rec.cell[k].err == CSV_E_NONE &&
				    inventory_password_like(rec.cell[k].text)) {
					register_csv_err(out, ar, rec.line,
					    rec.cell[k].col, "password_column",
					    -1, (long)rec.line,
					    (long)rec.cell[k].col);
					break;
				}
			if (out->n_err > 0)
				break;
			header = true;
			ncol = rec.n_cell;
			col = arena_alloc(ar, (ncol + 1) * sizeof(*col));
			for (k = 0; k < ncol; k++) {
				const struct csv_cell *c = &rec.cell[k];
				int f = c->err == CSV_E_NONE ?
				    header_col(d, labels, c->text) : -2;

				col[k] = f;
				if (f == -2) {
					register_csv_err(out, ar, rec.line,
					    c->col, c->err == CSV_E_NONE ?
					    "unknown_column" :
					    csv_err_code(c->err), -1, 0, 0);
					col[k] = COL_SKIP;
				} else if (f >= 0 && have[f]) {
					register_csv_err(out, ar, rec.line,
					    c->col, "duplicate_column", f, 0, 0);
					col[k] = COL_SKIP;
				} else if (f >= 0) {
					have[f] = true;
					out->fcol[f] = c->col;
				}
			}
			for (k = 0; k < d->nf; k++)
				if (d->f[k].required && !d->f[k].derived &&
				    !have[k])
					register_csv_err(out, ar, rec.line,
					    (unsigned)ncol + 1,
					    "missing_column", (int)k, 0, 0);
			if (out->n_err > 0)
				break;	/* rows under a bad header mean nothing */
			continue;
		}
		if (out->n >= REGISTER_ROWS_MAX) {
			register_csv_err(out, ar, rec.line, 1, "too_many_rows",
			    -1, REGISTER_ROWS_MAX, 0);
			break;
		}
		memset(&row, 0, sizeof(row));
		row.updated_by = "";
		for (k = 0; k < REGISTER_FIELDS_MAX; k++)
			row.v[k].s = "";
		for (k = 0; k < rec.n_cell; k++) {
			const struct csv_cell *c = &rec.cell[k];
			enum rf_err fe;
			long a, b;

			if (k >= ncol) {
				if (c->len > 0) {
					register_csv_err(out, ar, rec.line,
					    c->col, "extra_field", -1,
					    (long)ncol, 0);
					bad = true;
					break;
				}
				continue;
			}
			if (col[k] < 0)
				continue;
			if (c->err == CSV_E_ENCODING) {
				register_csv_err(out, ar, rec.line, c->col,
				    "encoding", col[k], 0, 0);
				register_err_add(&errs, col[k], NULL, RFE_UTF8,
				    0, 0);
				bad = true;
				continue;
			}
			fe = register_value(e, &d->f[col[k]], defused(c),
			    ar, &row.v[col[k]], &a, &b);
			if (fe != RFE_OK) {
				register_csv_err(out, ar, rec.line, c->col,
				    register_err_key(fe), col[k], a, b);
				register_err_add(&errs, col[k], NULL, fe, a, b);
				bad = true;
			}
		}
		if (!bad && rec.n_field > rec.n_cell && rec.n_field > ncol) {
			register_csv_err(out, ar, rec.line, (unsigned)
			    rec.n_cell + 1, "extra_field", -1, (long)ncol, 0);
			bad = true;
		}
		/* the fields a refused cell left empty are not "missing" too:
		 * register_finish skips those errs names already */
		before = errs.n;
		register_finish(e, d, &row, &errs);
		for (k = before; k < errs.n; k++) {
			register_csv_err(out, ar, rec.line,
			    register_csv_col(out, errs.e[k].field),
			    register_err_key(errs.e[k].code), errs.e[k].field,
			    errs.e[k].a, errs.e[k].b);
			bad = true;
		}
		if (bad || out->n_err > 0)
			continue;	/* keep reading: report every error */
		out->rows = arena_grow(ar, out->rows, out->n, &cap,
		    sizeof(*out->rows));
		out->line = arena_grow(ar, out->line, out->n, &lcap,
		    sizeof(*out->line));
		out->rows[out->n] = row;
		out->line[out->n] = rec.line;
		out->n++;
	}
	csv_close(&rd);
	if (out->n_err == 0 && !header)
		register_csv_err(out, ar, 1, 1, "empty", -1, 0, 0);
	else if (out->n_err == 0 && out->n == 0)
		register_csv_err(out, ar, 1, 1, "no_rows", -1, 0, 0);
	if (out->n_err > 0) {
		out->rows = NULL;
		out->line = NULL;
		out->n = 0;
		return -1;
	}
	return 0;
}
