#include "report/inventory_doc.h"

#include <stdio.h>
#include <string.h>

#include "model/grants.h"
#include "model/inventory.h"
#include "report/report.h"

const enum register_kind inventory_doc_kind[INVL__MAX] = {
	[INVL_PEOPLE] = REGISTER_PEOPLE,
	[INVL_DEVICES] = REGISTER_DEVICES,
	[INVL_SHARES] = REGISTER_SHARES,
	[INVL_SERVICES] = REGISTER_SERVICES,
	[INVL_ADDRESSES] = REGISTER_ADDRESSES,
};

static const char *
U(const struct inventory_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

/* The label of field f of inventory l. */
static const char *
flabel(const struct inventory_doc_in *in, struct arena *a, enum inv_list l,
    int f)
{
	const struct register_decl *d = register_of(inventory_doc_kind[l]);

	return U(in, arena_printf(a, "reg.%s.f.%s", d->key, d->f[f].key));
}

/* A person's column heading: the name, and whether they have gone. */
static const char *
person_head(const struct inventory_doc_in *in, struct arena *a,
    const struct register_row *p)
{
	if (p->v[PPF_STATUS].set && p->v[PPF_STATUS].i == INV_GONE)
		return arena_printf(a, "%s (%s)", p->v[PPF_NAME].s,
		    U(in, "inv.status.gone"));
	return p->v[PPF_NAME].s;
}

/* The legend of ks as one line: "◎ 更新 · ○ 読取 · － アクセスなし". */
static const char *
legend_line(const struct inventory_doc_in *in, struct arena *a,
    enum register_keyset ks)
{
	const struct register_keys *k = &in->ct->regenv.ks[ks];
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	buf_printf(&b, "%s: ", U(in, "inv.legend"));
	for (i = 0; i < k->n; i++)
		buf_printf(&b, "%s %s · ", grants_mark(ks, (int)i),
		    k->label[in->lang] != NULL ? k->label[in->lang][i] :
		    k->key[i]);
	buf_printf(&b, "%s %s", grants_mark(ks, -1),
	    U(in, "inv.grant.none"));
	out = arena_strndup(a, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

/* A register's text value as the sheet shows it. */
static const char *
cell_text(const struct inventory_doc_in *in, const struct register_decl *d,
    int f, const struct register_row *row)
{
	const struct register_val *v = &row->v[f];

	if (!v->set)
		return "";
	if (d->f[f].type == RF_BOOL)
		return U(in, v->i ? "form.yes" : "form.no");
	return register_label(&in->ct->regenv, &d->f[f], v, (int)in->lang);
}

/*
 * A sheet of inventory l: No, then fields[0..nf) of its register, then one
 * column per person with the marks of grants field g (-1: none), then
 * the legend.
 */
static void
grid_sheet(const struct inventory_doc_in *in, struct arena *a, struct doc *d,
    enum inv_list l, const int *fields, size_t nf, int g)
{
	const struct register_decl *rd = register_of(inventory_doc_kind[l]);
	size_t np = g >= 0 ? in->n[INVL_PEOPLE] : 0, nc = 1 + nf + np, r, c;
	const char *title = U(in, arena_printf(a, "reg.%s.title", rd->key));
	struct doc_section *s = doc_section(d, title, title, true);
	struct doc_block *b = doc_table(d, s, nc, in->n[l]);
	enum register_keyset ks = g >= 0 ? rd->f[g].keys : KS_NONE;

	doc_col(d, &b->tab, 0, "No", 5, DOC_RIGHT);
	for (c = 0; c < nf; c++)
		doc_col(d, &b->tab, 1 + c, flabel(in, a, l, fields[c]),
		    rd->f[fields[c]].max > 100 ? 24 : 14, DOC_LEFT);
	for (c = 0; c < np; c++)
		doc_col(d, &b->tab, 1 + nf + c, person_head(in, a,
		    in->rows[INVL_PEOPLE][c]), 8, DOC_CENTER);
	for (r = 0; r < in->n[l]; r++) {
		const struct register_row *row = in->rows[l][r];

		doc_set_num(&b->tab, r, 0, (double)(r + 1), 0);
		for (c = 0; c < nf; c++)
			doc_set_text(d, &b->tab, r, 1 + c, cell_text(in, rd,
			    fields[c], row));
		for (c = 0; c < np; c++)
			doc_set_text(d, &b->tab, r, 1 + nf + c,
			    grants_mark(ks, grants_get(&in->ct->regenv.ks[ks],
			    &row->v[g], in->rows[INVL_PEOPLE][c]->id)));
	}
	if (g >= 0)
		doc_note(d, s, legend_line(in, a, ks));
}

/* The devices of in grouped by place, places in order, the placeless
 * last: into ord[0..n). */
static void
by_place(const struct inventory_doc_in *in, const struct register_row **ord)
{
	size_t n = in->n[INVL_DEVICES], i, j;

	for (i = 0; i < n; i++)
		ord[i] = in->rows[INVL_DEVICES][i];
	/* insertion sort, stable: few devices */
	for (i = 1; i < n; i++) {
		const struct register_row *x = ord[i];
		const char *px = x->v[DVF_PLACE].set ? x->v[DVF_PLACE].s : NULL;

		for (j = i; j > 0; j--) {
			const struct register_val *pv = &ord[j - 1]->v[DVF_PLACE];
			int cmp = px == NULL ? (pv->set ? 1 : 0) : !pv->set ? -1 :
			    strcmp(px, pv->s);

			if (cmp >= 0)
				break;
			ord[j] = ord[j - 1];
		}
		ord[j] = x;
	}
}

/* Users and their access: No, the person's columns, then a column per
 * device under its place (the first body row holds the places). */
static void
access_sheet(const struct inventory_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const int pf[] = { PPF_NAME, PPF_ROLE, PPF_ACCOUNT, PPF_OS,
	    PPF_STATUS };
	const struct register_decl *pd = register_of(REGISTER_PEOPLE);
	size_t nf = sizeof(pf) / sizeof(pf[0]), nd = in->n[INVL_DEVICES];
	size_t np = in->n[INVL_PEOPLE], r, c;
	const struct register_row **ord = arena_alloc(a, (nd + 1) *
	    sizeof(*ord));
	const char *title = U(in, "inv.access_title");
	struct doc_section *s = doc_section(d, title, U(in, "inv.access_sheet"),
	    true);
	struct doc_block *b = doc_table(d, s, 1 + nf + nd, np + 1);
	const struct register_keys *lg = &in->ct->regenv.ks[KS_GRANT_RW];

	by_place(in, ord);
	doc_col(d, &b->tab, 0, "No", 5, DOC_RIGHT);
	for (c = 0; c < nf; c++)
		doc_col(d, &b->tab, 1 + c, flabel(in, a, INVL_PEOPLE, pf[c]),
		    14, DOC_LEFT);
	for (c = 0; c < nd; c++)
		doc_col(d, &b->tab, 1 + nf + c, ord[c]->v[DVF_PRODUCT].s, 10,
		    DOC_CENTER);
	/* the second header row: each device's place */
	doc_set_text(d, &b->tab, 0, 1, U(in, "reg.devices.f.place"));
	for (c = 0; c < 1 + nf + nd; c++)
		doc_cell(&b->tab, 0, c)->tone = DOC_TONE_MARK;
	for (c = 0; c < nd; c++)
		doc_set_text(d, &b->tab, 0, 1 + nf + c,
		    ord[c]->v[DVF_PLACE].set ? ord[c]->v[DVF_PLACE].s :
		    U(in, "inv.no_place"));
	for (r = 0; r < np; r++) {
		const struct register_row *p = in->rows[INVL_PEOPLE][r];

		doc_set_num(&b->tab, r + 1, 0, (double)(r + 1), 0);
		for (c = 0; c < nf; c++)
			doc_set_text(d, &b->tab, r + 1, 1 + c, cell_text(in, pd,
			    pf[c], p));
		for (c = 0; c < nd; c++)
			doc_set_text(d, &b->tab, r + 1, 1 + nf + c,
			    grants_mark(KS_GRANT_RW, grants_get(lg,
			    &ord[c]->v[DVF_ACCESS], p->id)));
	}
	doc_note(d, s, legend_line(in, a, KS_GRANT_RW));
	doc_note(d, s, U(in, "inv.no_password"));
}

void
inventory_doc_build(const struct inventory_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const int df[] = { DVF_KIND, DVF_PRODUCT, DVF_VENDOR, DVF_SPEC,
	    DVF_USE, DVF_PLACE };
	static const int sf[] = { SHF_KIND, SHF_PLACE, SHF_FOLDER };
	static const int vf[] = { SVF_NAME, SVF_PROVIDER, SVF_USE };
	static const int af[] = { ADF_PLACE, ADF_DEVICE, ADF_NUMBER,
	    ADF_ADDRESS, ADF_NETMASK, ADF_INTERNET };

	doc_init(d, a, lang_key(in->lang), U(in, "inv.title"));
	d->landscape = true;
	d->subtitle = report_dated(d, in->org, in->now);
	access_sheet(in, a, d);
	grid_sheet(in, a, d, INVL_DEVICES, df, 6, DVF_ACCESS);
	grid_sheet(in, a, d, INVL_SHARES, sf, 3, SHF_ACCESS);
	grid_sheet(in, a, d, INVL_SERVICES, vf, 3, SVF_USERS);
	grid_sheet(in, a, d, INVL_ADDRESSES, af, 6, -1);
}

int
inventory_doc_file(struct db_conn *c, struct arena *a,
    struct inventory_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct doc d;
	int k;

	if (f != REPORT_XLSX) {
		snprintf(err, errlen, "the inventories come as xlsx");
		return REPORT_ERR_VIEW;
	}
	for (k = 0; k < INVL__MAX; k++) {
		const struct register_decl *rd = register_of(
		    inventory_doc_kind[k]);
		const struct register_row **ord;
		struct register_row *rows;
		struct register_query q;
		size_t n, m, i, *ix;

		if (register_list(c, &in->ct->regenv, rd, org, a, &rows, &n) !=
		    DB_OK) {
			snprintf(err, errlen, "reading %s: database error",
			    rd->key);
			return REPORT_ERR_DB;
		}
		/* in the order the register's page shows them */
		register_query_init(rd, &q);
		ix = register_select(rd, rows, n, &q, a, &m);
		ord = arena_alloc(a, (m + 1) * sizeof(*ord));
		for (i = 0; i < m; i++)
			ord[i] = &rows[ix[i]];
		in->rows[k] = ord;
		in->n[k] = m;
	}
	inventory_doc_build(in, a, &d);
	return report_render(&d, REPORT_XLSX, out, err, errlen);
}
