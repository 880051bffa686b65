#include "report/reg_review_doc.h"

#include <stdio.h>
#include <string.h>

/* The list's columns, in its order. */
enum rr_col {
	RRC_NUMBER,
	RRC_AREA,
	RRC_COVERS,
	RRC_STATUS,
	RRC_DOCUMENT,
	RRC_OWNER,
	RRC_NEXT_REVIEW,
	RRC_NOTE,
	RRC__MAX
};

static const struct {
	const char	*head;	/* ui key */
	const char	*field;	/* the register's field, or NULL */
	double		 width;	/* characters in the sheet; relative in the
				   PDF */
	enum doc_align	 align;
} cols[RRC__MAX] = {
	[RRC_NUMBER] = { "regform.col.number", NULL, 4, DOC_CENTER },
	[RRC_AREA] = { "regform.col.area", NULL, 18, DOC_LEFT },
	[RRC_COVERS] = { "regform.col.covers", NULL, 27, DOC_LEFT },
	[RRC_STATUS] = { "reg.regulations.f.status", "status", 17, DOC_LEFT },
	[RRC_DOCUMENT] = { "reg.regulations.f.document", "document", 18,
	    DOC_LEFT },
	[RRC_OWNER] = { "reg.regulations.f.owner", "owner", 9, DOC_LEFT },
	/* a date on one line in the PDF */
	[RRC_NEXT_REVIEW] = { "reg.regulations.f.next_review", "next_review",
	    13, DOC_CENTER },
	[RRC_NOTE] = { "reg.regulations.f.note", "note", 15, DOC_LEFT },
};

static const char *
U(const struct reg_review_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

void
reg_review_doc_states(const struct register_row *rows, size_t n,
    int st[REG_AREA__MAX])
{
	const struct register_decl *rd = register_of(REGISTER_REGULATIONS);
	int fa = register_field(rd, "area"), fs = register_field(rd, "status");
	size_t k;
	int a;

	for (a = 0; a < REG_AREA__MAX; a++)
		st[a] = RS_UNDECIDED;
	for (k = 0; k < n; k++) {
		const struct register_val *av = &rows[k].v[fa];
		const struct register_val *sv = &rows[k].v[fs];

		if (!av->set || av->i < 0 || av->i >= REG_AREA__MAX)
			continue;
		st[av->i] = sv->set && sv->i >= 0 && sv->i < RS__MAX ?
		    (int)sv->i : RS_UNDECIDED;
	}
}

/* The row of area a in rows, or NULL. */
static const struct register_row *
area_row(const struct reg_review_doc_in *in, int fa, int a)
{
	size_t k;

	for (k = 0; k < in->n; k++)
		if (in->rows[k].v[fa].set && in->rows[k].v[fa].i == a)
			return &in->rows[k];
	return NULL;
}

/* Area a as table row a: its number, name, scope and state, then what
 * its row (NULL: none) says. */
static void
area_line(const struct reg_review_doc_in *in, struct arena *a,
    struct doc *d, struct doc_table *t, int ar, int state,
    const struct register_row *row)
{
	const struct register_decl *rd = register_of(REGISTER_REGULATIONS);
	const struct reg_pack *rp = &in->ct->regs;
	size_t c;

	doc_set_num(t, (size_t)ar, RRC_NUMBER, rp->area[ar].number, 0);
	doc_set_text(d, t, (size_t)ar, RRC_AREA,
	    rp->area[ar].label.t[in->lang]);
	doc_set_text(d, t, (size_t)ar, RRC_COVERS,
	    rp->area[ar].purpose.t[in->lang]);
	doc_set_text(d, t, (size_t)ar, RRC_STATUS,
	    rp->status[state].label.t[in->lang]);
	if (state == RS_UNDECIDED)
		doc_cell(t, (size_t)ar, RRC_STATUS)->tone = DOC_TONE_WARN;
	if (row == NULL)
		return;
	for (c = RRC_DOCUMENT; c < RRC__MAX; c++) {
		int f = register_field(rd, cols[c].field);

		if (f >= 0 && row->v[f].set)
			doc_set_text(d, t, (size_t)ar, c,
			    register_text(&rd->f[f], &row->v[f], a));
	}
}

void
reg_review_doc_build(const struct reg_review_doc_in *in, struct arena *a,
    struct doc *d)
{
	const struct register_decl *rd = register_of(REGISTER_REGULATIONS);
	const struct reg_pack *rp = &in->ct->regs;
	const char *choice[RS_UNDECIDED];
	int st[REG_AREA__MAX], count[RS__MAX] = { 0 };
	int fa = register_field(rd, "area"), ar, k;
	struct doc_section *s;
	struct doc_block *b;
	size_t c;

	doc_init(d, a, lang_key(in->lang), U(in, "regform.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "regform.title"));
	/* portrait: the twelve areas and the counts fit on one page */

	reg_review_doc_states(in->rows, in->n, st);
	s = doc_section(d, U(in, "regform.section"),
	    U(in, "reg.regulations.title"), false);
	doc_text(d, s, U(in, "regform.handover"));

	b = doc_table(d, s, RRC__MAX, REG_AREA__MAX);
	for (c = 0; c < RRC__MAX; c++)
		doc_col(d, &b->tab, c, U(in, cols[c].head), cols[c].width,
		    cols[c].align);
	/* the four states to choose from; "not decided yet" is no choice */
	for (k = 0; k < RS_UNDECIDED; k++)
		choice[k] = rp->status[k].label.t[in->lang];
	doc_col_choices(d, &b->tab, RRC_STATUS, choice, RS_UNDECIDED);
	for (ar = 0; ar < REG_AREA__MAX; ar++) {
		count[st[ar]]++;
		area_line(in, a, d, &b->tab, ar, st[ar], area_row(in, fa, ar));
	}
	doc_note(d, s, U(in, "regform.editions"));
	b = doc_note(d, s, U(in, "regform.pulldown"));
	b->only = DOC_ONLY_XLSX;

	/* the number of areas in each state, then all of them */
	doc_heading(d, s, 2, U(in, "regform.counts"));
	b = doc_table(d, s, 2, RS__MAX + 1);
	doc_col(d, &b->tab, 0, U(in, "reg.regulations.f.status"), 36,
	    DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "regform.col.areas"), 10, DOC_RIGHT);
	for (k = 0; k < RS__MAX; k++) {
		doc_set_text(d, &b->tab, (size_t)k, 0,
		    rp->status[k].label.t[in->lang]);
		doc_set_num(&b->tab, (size_t)k, 1, count[k], 0);
	}
	doc_set_text(d, &b->tab, RS__MAX, 0, U(in, "regs.total"));
	doc_set_num(&b->tab, RS__MAX, 1, REG_AREA__MAX, 0);
}

int
reg_review_doc_file(struct db_conn *c, struct arena *a,
    struct reg_review_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct register_row *rows;
	struct doc d;

	if (f != REPORT_PDF && f != REPORT_XLSX) {
		snprintf(err, errlen, "the review list comes as pdf or xlsx");
		return REPORT_ERR_VIEW;
	}
	if (register_list(c, &in->ct->regenv,
	    register_of(REGISTER_REGULATIONS), org, a, &rows, &in->n) !=
	    DB_OK) {
		snprintf(err, errlen, "reading regulations: database error");
		return REPORT_ERR_DB;
	}
	in->rows = rows;
	reg_review_doc_build(in, a, &d);
	return report_render(&d, f, out, err, errlen);
}
