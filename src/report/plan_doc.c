#include "report/plan_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/plan.h"

/* The form's columns in its order, then ours. */
enum plan_col {
	PFC_AREA,
	PFC_CURRENT,
	PFC_MEASURE,
	PFC_NEWNORMAL,
	PFC_URGENCY,
	PFC_IMPORTANCE,
	PFC_DIFFICULTY,
	PFC_DECISION,
	PFC_DEADLINE,
	PFC_CONCERNS,
	PFC_PRIORITY,	/* ours from here on */
	PFC_OWNER,
	PFC_STATUS,
	PFC__MAX
};

static const struct {
	const char	*field;	/* the plan register's field */
	double		 width;	/* characters in the sheet; relative in the
				   PDF */
	enum doc_align	 align;
} cols[PFC__MAX] = {
	[PFC_AREA] = { "area", 11, DOC_LEFT },
	[PFC_CURRENT] = { "current", 25, DOC_LEFT },
	[PFC_MEASURE] = { "measure", 29, DOC_LEFT },
	[PFC_NEWNORMAL] = { "newnormal", 8, DOC_CENTER },
	[PFC_URGENCY] = { "urgency", 7, DOC_CENTER },
	[PFC_IMPORTANCE] = { "importance", 7, DOC_CENTER },
	[PFC_DIFFICULTY] = { "difficulty", 7, DOC_CENTER },
	[PFC_DECISION] = { "decision", 11, DOC_CENTER },
	[PFC_DEADLINE] = { "deadline", 9, DOC_CENTER },
	[PFC_CONCERNS] = { "concerns", 19, DOC_LEFT },
	[PFC_PRIORITY] = { "priority", 14, DOC_CENTER },
	[PFC_OWNER] = { "owner", 10, DOC_LEFT },
	[PFC_STATUS] = { "status", 9, DOC_CENTER },
};

/* A row's place in its area: points high first, then by id. */
struct ranked {
	int			 points;	/* 0 when a scale is unset */
	int64_t			 id;
	const struct register_row *row;
};

static int
ranked_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;

	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static const char *
U(const struct plan_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

/* A heading row for area ar (all tinted; "none yet" when it has no row). */
static void
group_row(const struct plan_doc_in *in, struct doc *d, struct doc_table *t,
    size_t r, size_t ar, size_t nrows)
{
	size_t c;

	for (c = 0; c < PFC__MAX; c++)
		doc_cell(t, r, c)->tone = DOC_TONE_MARK;
	doc_set_text(d, t, r, PFC_AREA, in->ct->plan.area[ar].label.t[in->lang]);
	if (nrows == 0)
		doc_set_text(d, t, r, PFC_MEASURE, U(in, "planform.none"));
}

/* Plan row row as table row r. */
static void
plan_row(const struct plan_doc_in *in, struct arena *a, struct doc *d,
    struct doc_table *t, size_t r, const struct register_row *row,
    const int *fi)
{
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	size_t c;

	for (c = 0; c < PFC__MAX; c++) {
		const struct rf_decl *f = &pl->f[fi[c]];
		const struct register_val *v = &row->v[fi[c]];

		if (!v->set)
			continue;
		if (f->type == RF_BOOL) {
			if (v->i)
				doc_set_text(d, t, r, c, "✓");
		} else if (f->type == RF_ENUM)
			doc_set_text(d, t, r, c, register_label(&in->ct->regenv,
			    f, v, (int)in->lang));
		else
			doc_set_text(d, t, r, c, register_text(f, v, a));
	}
}

void
plan_doc_build(const struct plan_doc_in *in, struct arena *a, struct doc *d)
{
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	int fi[PFC__MAX], fa = register_field(pl, "area");
	int fp = register_field(pl, "points");
	struct ranked *rk;
	size_t cnt[PLAN_AREA__MAX] = { 0 }, at[PLAN_AREA__MAX];
	size_t c, k, ar, r, nin = 0;
	struct doc_section *s;
	struct doc_block *b;

	for (c = 0; c < PFC__MAX; c++)
		fi[c] = register_field(pl, cols[c].field);
	doc_init(d, a, lang_key(in->lang), U(in, "planform.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "planform.title"));
	d->landscape = true;

	/* by area, then by points */
	rk = arena_alloc(a, (in->n > 0 ? in->n : 1) * sizeof(*rk));
	for (k = 0; k < in->n; k++) {
		const struct register_val *v = &in->rows[k].v[fa];

		if (v->set && v->i >= 0 && v->i < PLAN_AREA__MAX)
			cnt[v->i]++;
	}
	for (ar = 0, r = 0; ar < PLAN_AREA__MAX; ar++) {
		at[ar] = r;
		r += cnt[ar];
	}
	for (k = 0; k < in->n; k++) {
		const struct register_row *row = &in->rows[k];
		const struct register_val *v = &row->v[fa];
		struct ranked *x;

		if (!v->set || v->i < 0 || v->i >= PLAN_AREA__MAX)
			continue;	/* the area is required: not here */
		x = &rk[at[v->i]++];
		x->points = row->v[fp].set ? (int)row->v[fp].i : 0;
		x->id = row->id;
		x->row = row;
		nin++;
	}
	for (ar = 0, r = 0; ar < PLAN_AREA__MAX; r += cnt[ar], ar++)
		qsort(rk + r, cnt[ar], sizeof(*rk), ranked_cmp);

	s = doc_section(d, U(in, "reg.plan.title"), U(in, "reg.plan.title"),
	    false);
	b = doc_table(d, s, PFC__MAX, nin + PLAN_AREA__MAX);
	for (c = 0; c < PFC__MAX; c++)
		doc_col(d, &b->tab, c, U(in, arena_printf(a, "planform.col.%s",
		    cols[c].field)), cols[c].width, cols[c].align);
	for (ar = 0, r = 0, k = 0; ar < PLAN_AREA__MAX; ar++) {
		size_t i;

		group_row(in, d, &b->tab, r++, ar, cnt[ar]);
		for (i = 0; i < cnt[ar]; i++, k++)
			plan_row(in, a, d, &b->tab, r++, rk[k].row, fi);
	}
	doc_note(d, s, U(in, "planform.note"));
	doc_note(d, s, in->ct->plan.priority_rule.t[in->lang]);
}

int
plan_doc_file(struct db_conn *c, struct arena *a, struct plan_doc_in *in,
    int64_t org, enum report_format f, struct buf *out, char *err,
    size_t errlen)
{
	struct register_row *rows;
	struct doc d;

	if (f != REPORT_PDF && f != REPORT_XLSX) {
		snprintf(err, errlen, "the plan form comes as pdf or xlsx");
		return REPORT_ERR_VIEW;
	}
	if (register_list(c, &in->ct->regenv, register_of(REGISTER_PLAN), org,
	    a, &rows, &in->n) != DB_OK) {
		snprintf(err, errlen, "reading plan: database error");
		return REPORT_ERR_DB;
	}
	in->rows = rows;
	plan_doc_build(in, a, &d);
	return report_render(&d, f, out, err, errlen);
}
