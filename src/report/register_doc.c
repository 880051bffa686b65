#include "report/register_doc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/esc.h"
#include "base/str.h"
#include "model/regflow.h"
#include "model/risk.h"
#include "render/html.h"
#include "render/svg.h"
#include "report/report.h"

const char *
report_register_label(const struct content *ct, enum lang l,
    const struct register_decl *d, size_t i, struct arena *a)
{
	return content_ui(ct, l, arena_printf(a, "reg.%s.f.%s", d->key,
	    d->f[i].key));
}

/* Row k of what in holds, in its order. */
static const struct register_row *
nth(const struct report_reg_in *in, size_t k)
{
	return &in->rows[in->ix != NULL ? in->ix[k] : k];
}

/* A value in words: enum labels, booleans yes/no, the rest as stored. */
static const char *
words(const struct report_reg_in *in, size_t i,
    const struct register_val *v, struct arena *a)
{
	const struct rf_decl *f = &in->d->f[i];

	if (!v->set)
		return "";
	if (f->type == RF_ENUM || f->type == RF_SET || f->type == RF_REFS)
		return register_label_a(&in->ct->regenv, f, v, (int)in->lang,
		    a);
	if (f->type == RF_BOOL)
		return content_ui(in->ct, in->lang, v->i ? "form.yes" :
		    "form.no");
	if (f->type == RF_MEMBER)
		return v->s[0] != '\0' ? v->s : content_ui(in->ct, in->lang,
		    "reg.member_gone");
	return register_text(f, v, a);
}

/* A value as the import reads it back: a reference by the title of the
 * row or the member's e-mail (register_ref_text); else as with labels or
 * without. */
static const char *
cell(const struct report_reg_in *in, bool labels, size_t i,
    const struct register_val *v, struct arena *a)
{
	const struct rf_decl *f = &in->d->f[i];

	/* people by name where that names one alone (model/grants.h) */
	if (f->type == RF_REF || f->type == RF_MEMBER || f->type == RF_GRANTS)
		return register_ref_text(in->d, in->names, i, v, a);
	/* rows named by id, so that the file reads back */
	if (f->type == RF_REFS)
		return register_text(f, v, a);
	return labels ? words(in, i, v, a) : register_text(f, v, a);
}

void
report_register_csv(const struct report_reg_in *in, bool labels,
    struct arena *a, struct buf *out)
{
	const struct register_decl *d = in->d;
	size_t i, k;

	buf_adds(out, "\xef\xbb\xbf");
	for (i = 0; i < d->nf; i++) {
		if (i > 0)
			buf_addc(out, ',');
		esc_csv(out, str_c(labels ? report_register_label(in->ct,
		    in->lang, d, i, a) : d->f[i].key));
	}
	buf_adds(out, "\r\n");
	for (k = 0; k < in->n; k++) {
		const struct register_row *row = nth(in, k);

		for (i = 0; i < d->nf; i++) {
			if (i > 0)
				buf_addc(out, ',');
			esc_csv(out, str_c(cell(in, labels, i, &row->v[i],
			    a)));
		}
		buf_adds(out, "\r\n");
	}
}

/* A column's width in characters in the workbook. */
static double
col_width(const struct rf_decl *f)
{
	switch (f->type) {
	case RF_INT:
	case RF_BOOL:
		return 9;
	case RF_DATE:
	case RF_MONTH:
		return 12;
	case RF_DATETIME:
		return 20;
	case RF_ENUM:
		return 18;
	case RF_LONG:
		return 40;
	default:
		return f->max > 0 && f->max <= 40 ? 18 : 26;
	}
}

/* The rows of in as one table section (a sheet) of d. */
static void
register_section(const struct report_reg_in *in, struct arena *a,
    struct doc *d, bool new_page)
{
	const struct register_decl *rd = in->d;
	const char *title = content_ui(in->ct, in->lang,
	    arena_printf(a, "reg.%s.title", rd->key));
	struct doc_section *s;
	struct doc_block *b;
	size_t i, k;

	s = doc_section(d, title, title, new_page);
	b = doc_table(d, s, rd->nf, in->n);
	for (i = 0; i < rd->nf; i++)
		doc_col(d, &b->tab, i, report_register_label(in->ct, in->lang,
		    rd, i, a), col_width(&rd->f[i]), rd->f[i].type == RF_INT ?
		    DOC_RIGHT : DOC_LEFT);
	for (k = 0; k < in->n; k++) {
		const struct register_row *row = nth(in, k);

		for (i = 0; i < rd->nf; i++) {
			const struct register_val *v = &row->v[i];

			if (!v->set)
				continue;
			if (rd->f[i].type == RF_INT)
				doc_set_num(&b->tab, k, i, (double)v->i, 0);
			else if (rd->f[i].type == RF_REF && v->s[0] != '\0')
				/* a person reads the row's name */
				doc_set_text(d, &b->tab, k, i, v->s);
			else
				doc_set_text(d, &b->tab, k, i,
				    words(in, i, v, a));
		}
	}
}

void
report_register_doc(const struct report_reg_in *in, struct arena *a,
    struct doc *d)
{
	doc_init(d, a, lang_key(in->lang), content_ui(in->ct, in->lang,
	    arena_printf(a, "reg.%s.title", in->d->key)));
	d->subtitle = report_dated(d, in->org, in->now);
	register_section(in, a, d, false);
}

/* ---- every register of an organisation ---------------------------------- */

static const char *
U(const struct report_org_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

/* A table of labels and counts: heading, then n rows. */
static struct doc_block *
count_table(struct doc *d, struct doc_section *s, const char *head,
    const char *what, size_t n)
{
	struct doc_block *b = doc_table(d, s, 2, n);

	doc_col(d, &b->tab, 0, head, 30, DOC_LEFT);
	doc_col(d, &b->tab, 1, what, 10, DOC_RIGHT);
	return b;
}

/* The heat map as an SVG the PDF draws (the workbook has the table). */
static void
heat_chart(const struct report_org_in *in, struct arena *a, struct doc *d,
    struct doc_section *s, const struct regflow_heat *hm)
{
	struct svg_heat sp;
	struct buf b = BUF_INIT;
	struct html h;
	int i, j;

	memset(&sp, 0, sizeof(sp));
	sp.id = "heat";
	sp.title = U(in, "flow.heat_title");
	sp.desc = U(in, "flow.heat_caption");
	sp.row_title = U(in, "flow.heat_rows");
	sp.col_title = U(in, "flow.heat_cols");
	for (i = 0; i < RISK_BAND__MAX; i++)
		sp.bands[i] = in->ct->risks.band[i].label.t[in->lang];
	for (i = 0; i < SVG_HEAT_N; i++) {
		int imp = SVG_HEAT_N - i;

		sp.rows[i] = arena_printf(a, "%d", imp);
		sp.cols[i] = arena_printf(a, "%d", i + 1);
		for (j = 0; j < SVG_HEAT_N; j++) {
			sp.counts[i][j] = hm->n[imp - 1][j];
			sp.band[i][j] = (int)risk_band_of(imp * (j + 1));
		}
	}
	html_init(&h, &b);
	svg_heat(&h, &sp);
	html_end(&h);
	if (!b.err)
		doc_svg(d, s, arena_strndup(a, b.p, b.n), b.n, 0.36,
		    U(in, "flow.heat_caption"))->only = DOC_ONLY_PDF;
	buf_free(&b);
}

void
report_org_doc(const struct report_org_in *in, struct arena *a,
    struct doc *d)
{
	const struct content *ct = in->ct;
	const struct register_decl *rk = register_of(REGISTER_RISKS);
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	const struct register_decl *rg = register_of(REGISTER_REGULATIONS);
	struct regflow_heat hm;
	struct doc_section *s;
	struct doc_block *b;
	int band[RISK_BAND__MAX] = { 0 };
	int pri[PLAN_PRIORITY__MAX + 1][PLAN_STATUS__MAX + 2];
	int rs[RS__MAX + 1] = { 0 };
	int fb = register_field(rk, "band"), fp = register_field(pl, "priority");
	int fs = register_field(pl, "status"), fr = register_field(rg, "status");
	size_t k, i, j;

	doc_init(d, a, lang_key(in->lang), U(in, "regs.report_title"));
	/* the registers have many columns: wide pages read better */
	d->landscape = true;
	d->subtitle = report_dated(d, in->org, in->now);
	s = doc_section(d, U(in, "regs.summary"), U(in, "regs.summary"),
	    false);

	/* how many rows each register holds */
	b = count_table(d, s, U(in, "regs.register"), U(in, "regs.rows"),
	    REGISTER__MAX);
	for (k = 0; k < REGISTER__MAX; k++) {
		doc_set_text(d, &b->tab, k, 0, U(in, arena_printf(a,
		    "reg.%s.title", register_of((enum register_kind)k)->key)));
		doc_set_num(&b->tab, k, 1, (double)in->n[k], 0);
	}

	/* the risks: the heat map and the bands */
	doc_heading(d, s, 2, U(in, "flow.heat_title"));
	regflow_heat_count(in->rows[REGISTER_RISKS], in->n[REGISTER_RISKS],
	    &hm);
	heat_chart(in, a, d, s, &hm);
	b = doc_table(d, s, 1 + RISK_LEVELS, RISK_LEVELS);
	doc_col(d, &b->tab, 0, doc_printf(d, "%s \\ %s",
	    U(in, "flow.heat_rows"), U(in, "flow.heat_cols")), 22, DOC_LEFT);
	for (j = 0; j < RISK_LEVELS; j++)
		doc_col(d, &b->tab, 1 + j, doc_printf(d, "%zu", j + 1), 8,
		    DOC_RIGHT);
	for (i = 0; i < RISK_LEVELS; i++) {
		doc_set_text(d, &b->tab, i, 0, doc_printf(d, "%zu",
		    RISK_LEVELS - i));
		for (j = 0; j < RISK_LEVELS; j++)
			doc_set_num(&b->tab, i, 1 + j,
			    hm.n[RISK_LEVELS - 1 - i][j], 0);
	}
	for (k = 0; k < in->n[REGISTER_RISKS]; k++) {
		const struct register_val *v = &in->rows[REGISTER_RISKS][k].v[fb];

		if (v->set && v->i >= 0 && v->i < RISK_BAND__MAX)
			band[v->i]++;
	}
	b = count_table(d, s, U(in, "reg.risks.f.band"), U(in, "regs.rows"),
	    RISK_BAND__MAX);
	for (k = 0; k < RISK_BAND__MAX; k++) {
		doc_set_text(d, &b->tab, k, 0, doc_printf(d, "%s — %s",
		    ct->risks.band[k].label.t[in->lang],
		    ct->risks.band_meaning[k].t[in->lang]));
		doc_set_num(&b->tab, k, 1, band[k], 0);
	}

	/* the plan: priority by status (the last row and column: none) */
	memset(pri, 0, sizeof(pri));
	for (k = 0; k < in->n[REGISTER_PLAN]; k++) {
		const struct register_row *row = &in->rows[REGISTER_PLAN][k];
		int p = row->v[fp].set && row->v[fp].i >= 0 ?
		    (int)row->v[fp].i : PLAN_PRIORITY__MAX;
		int st = row->v[fs].set && row->v[fs].i >= 0 ?
		    (int)row->v[fs].i : PLAN_STATUS__MAX;

		pri[p][st]++;
		pri[p][PLAN_STATUS__MAX + 1]++;
	}
	doc_heading(d, s, 2, U(in, "reg.plan.title"));
	b = doc_table(d, s, PLAN_STATUS__MAX + 3, PLAN_PRIORITY__MAX + 1);
	doc_col(d, &b->tab, 0, U(in, "reg.plan.f.priority"), 14, DOC_LEFT);
	for (j = 0; j < PLAN_STATUS__MAX; j++)
		doc_col(d, &b->tab, 1 + j, ct->plan.status[j].label.t[in->lang],
		    9, DOC_RIGHT);
	doc_col(d, &b->tab, 1 + PLAN_STATUS__MAX, U(in, "regs.unset"), 9,
	    DOC_RIGHT);
	doc_col(d, &b->tab, 2 + PLAN_STATUS__MAX, U(in, "regs.total"), 9,
	    DOC_RIGHT);
	for (i = 0; i <= PLAN_PRIORITY__MAX; i++) {
		doc_set_text(d, &b->tab, i, 0, i < PLAN_PRIORITY__MAX ?
		    ct->plan.priority[i].label.t[in->lang] :
		    U(in, "regs.unset"));
		for (j = 0; j < PLAN_STATUS__MAX + 2; j++)
			doc_set_num(&b->tab, i, 1 + j, pri[i][j], 0);
	}

	/* the regulations: areas by the state of their review */
	for (k = 0; k < in->n[REGISTER_REGULATIONS]; k++) {
		const struct register_val *v =
		    &in->rows[REGISTER_REGULATIONS][k].v[fr];

		rs[v->set && v->i >= 0 && v->i < RS__MAX ? v->i : RS__MAX]++;
	}
	doc_heading(d, s, 2, U(in, "reg.regulations.title"));
	b = count_table(d, s, U(in, "reg.regulations.f.status"),
	    U(in, "regs.rows"), RS__MAX + 1);
	for (k = 0; k <= RS__MAX; k++) {
		doc_set_text(d, &b->tab, k, 0, k < RS__MAX ?
		    ct->regs.status[k].label.t[in->lang] : U(in, "regs.unset"));
		doc_set_num(&b->tab, k, 1, rs[k], 0);
	}
	doc_note(d, s, U(in, "regs.rules_note"));

	/* then every register whole, a sheet (and a fresh page) each */
	for (k = 0; k < REGISTER__MAX; k++) {
		struct report_reg_in one = {
			.ct = ct, .lang = in->lang,
			.d = register_of((enum register_kind)k),
			.rows = in->rows[k], .ix = in->ix[k], .n = in->n[k],
			.org = in->org, .now = in->now,
		};

		register_section(&one, a, d, true);
	}
}

int
report_org(struct db_conn *c, struct arena *a, struct report_org_in *in,
    int64_t org, enum report_format f, struct buf *out, char *err,
    size_t errlen)
{
	struct doc d;
	size_t k;
	int rc;

	for (k = 0; k < REGISTER__MAX; k++) {
		const struct register_decl *rd = register_of(
		    (enum register_kind)k);
		struct register_row *rows;
		struct register_query q;

		if ((rc = register_list(c, &in->ct->regenv, rd, org, a, &rows,
		    &in->n[k])) != DB_OK) {
			snprintf(err, errlen, "reading %s: database error",
			    rd->key);
			return REPORT_ERR_DB;
		}
		in->rows[k] = rows;
		register_query_init(rd, &q);
		in->ix[k] = register_select(rd, rows, in->n[k], &q, a,
		    &in->n[k]);
	}
	if (f != REPORT_PDF && f != REPORT_XLSX) {
		snprintf(err, errlen, "an organisation's registers come as "
		    "pdf or xlsx");
		return REPORT_ERR_VIEW;
	}
	report_org_doc(in, a, &d);
	return report_render(&d, f, out, err, errlen);
}
