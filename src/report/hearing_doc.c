#include "report/hearing_doc.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"

static const char *
U(const struct content *ct, enum lang l, const char *key)
{
	return content_ui(ct, l, key);
}

/* The label of state s in l. */
static const char *
state_label(const struct content *ct, enum lang l, enum hearing_state s)
{
	return U(ct, l, s == HEARING_ANSWERED ? "hearing.state.answered" :
	    "hearing.state.open");
}

/* "5.2" of item i (0-based in the sheet). */
static const char *
item_no(struct doc *d, const struct hearing_pack *hp, size_t i)
{
	const struct hearing_item *it = &hp->items[i];

	return doc_printf(d, "%zu.%zu", it->section + 1, i -
	    hp->sections[it->section].first + 1);
}

void
hearing_doc_build(const struct hearing_doc_in *in,
    const struct hearing_answer *rows, size_t n, struct arena *a,
    struct doc *d)
{
	const struct content *ct = in->ct;
	const struct hearing_pack *hp = &ct->hearing;
	enum lang l = in->lang;
	const char **keys = arena_alloc(a, (hp->n_items + 1) * sizeof(*keys));
	size_t *open = arena_alloc(a, (hp->n_items + 1) * sizeof(*open));
	size_t i, k, nopen, nans = 0;
	struct doc_section *s;
	struct doc_block *b;

	for (i = 0; i < hp->n_items; i++) {
		const struct hearing_answer *h;

		keys[i] = hp->items[i].key;
		h = hearing_find(rows, n, keys[i]);
		nans += h != NULL && h->state == HEARING_ANSWERED;
	}
	nopen = hearing_open_items(rows, n, keys, hp->n_items, open);
	doc_init(d, a, lang_key(l), hp->title.t[l]);
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, hp->title.t[l]);
	doc_cover(d, 3);
	doc_set_fig(d, &d->cover[0], U(ct, l, "hearing.fig.answered"),
	    doc_printf(d, "%zu / %zu", nans, hp->n_items), true,
	    (double)nans, 0);
	doc_set_fig(d, &d->cover[1], U(ct, l, "hearing.fig.open"),
	    doc_printf(d, "%zu", nopen), true, (double)nopen, 0);
	doc_set_fig(d, &d->cover[2], U(ct, l, "hearing.fig.not_asked"),
	    doc_printf(d, "%zu", hp->n_items - nans - nopen), true,
	    (double)(hp->n_items - nans - nopen), 0);

	/* the PDF: what the next visit starts with, then section by
	 * section */
	s = doc_section(d, U(ct, l, "hearing.open_title"), NULL, false);
	s->only = DOC_ONLY_PDF;
	doc_text(d, s, hp->intro.t[l]);
	if (nopen == 0)
		doc_note(d, s, U(ct, l, "hearing.open_none"));
	else {
		b = doc_list(d, s, nopen, false);
		for (k = 0; k < nopen; k++)
			b->items[k] = doc_printf(d, "%s %s", item_no(d, hp,
			    open[k]), hp->items[open[k]].label.t[l]);
	}
	for (k = 0; k < hp->n_sections; k++) {
		const struct hearing_section *sec = &hp->sections[k];

		s = doc_section(d, doc_printf(d, "%zu. %s", k + 1,
		    sec->title.t[l]), NULL, false);
		s->only = DOC_ONLY_PDF;
		b = doc_table(d, s, 2, sec->n);
		doc_col(d, &b->tab, 0, hp->column_item.t[l], 35, DOC_LEFT);
		doc_col(d, &b->tab, 1, hp->column_result.t[l], 65, DOC_LEFT);
		for (i = 0; i < sec->n; i++) {
			size_t it = sec->first + i;
			const struct hearing_answer *h = hearing_find(rows, n,
			    hp->items[it].key);
			struct buf t = BUF_INIT;

			doc_set_text(d, &b->tab, i, 0, doc_printf(d, "%s %s\n%s",
			    item_no(d, hp, it), hp->items[it].label.t[l],
			    hp->items[it].hint.t[l]));
			if (h != NULL) {
				buf_adds(&t, h->result);
				if (h->consider[0] != '\0')
					buf_printf(&t, "%s%s: %s", t.n > 0 ?
					    "\n" : "", U(ct, l,
					    "hearing.consider"), h->consider);
				buf_printf(&t, "%s(%s)", t.n > 0 ? "\n" : "",
				    doc_printf(d, "%s · %s", state_label(ct, l,
				    h->state), content_fill_n(U(ct, l,
				    "hearing.visit_n"), h->visit, 0, a)));
				doc_set_text(d, &b->tab, i, 1, buf_cstr(&t));
				if (h->state == HEARING_OPEN)
					doc_cell(&b->tab, i, 1)->tone =
					    DOC_TONE_WARN;
			}
			buf_free(&t);
		}
	}
	s = doc_section(d, hp->obtain_title.t[l], NULL, false);
	s->only = DOC_ONLY_PDF;
	b = doc_list(d, s, hp->obtain.n, false);
	for (k = 0; k < hp->obtain.n; k++)
		b->items[k] = doc_str(d, hp->obtain.t[l][k]);

	/* the workbook: one sheet, a row an item */
	s = doc_section(d, hp->title.t[l], U(ct, l, "hearing.sheet"), false);
	s->only = DOC_ONLY_XLSX;
	b = doc_table(d, s, 5, hp->n_items);
	doc_col(d, &b->tab, 0, hp->column_item.t[l], 40, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(ct, l, "hearing.result"), 50, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(ct, l, "hearing.consider"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 3, U(ct, l, "hearing.visit"), 8, DOC_RIGHT);
	doc_col(d, &b->tab, 4, U(ct, l, "hearing.state"), 10, DOC_LEFT);
	for (i = 0; i < hp->n_items; i++) {
		const struct hearing_answer *h = hearing_find(rows, n,
		    hp->items[i].key);

		doc_set_text(d, &b->tab, i, 0, doc_printf(d, "%s %s",
		    item_no(d, hp, i), hp->items[i].label.t[l]));
		if (h == NULL)
			continue;
		doc_set_text(d, &b->tab, i, 1, h->result);
		doc_set_text(d, &b->tab, i, 2, h->consider);
		doc_set_num(&b->tab, i, 3, h->visit, 0);
		doc_set_text(d, &b->tab, i, 4, state_label(ct, l, h->state));
	}
}

int
hearing_doc_file(struct db_conn *c, struct arena *a,
    const struct hearing_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct hearing_answer *rows;
	struct doc d;
	size_t n;

	if (f != REPORT_PDF && f != REPORT_XLSX) {
		snprintf(err, errlen, "the hearing sheet is a pdf or a xlsx");
		return REPORT_ERR_VIEW;
	}
	if (hearing_read(c, a, org, &rows, &n) != DB_OK) {
		snprintf(err, errlen, "the database failed");
		return REPORT_ERR_DB;
	}
	hearing_doc_build(in, rows, n, a, &d);
	return report_render(&d, f, out, err, errlen);
}

/* t with {company} and {advisor} filled in, in a. */
static const char *
fill(struct arena *a, const char *t, const char *company, const char *name)
{
	struct buf b = BUF_INIT;
	const char *p, *out;

	for (p = t; *p != '\0'; p++)
		if (strncmp(p, "{company}", 9) == 0) {
			buf_adds(&b, company);
			p += 8;
		} else if (strncmp(p, "{advisor}", 9) == 0) {
			buf_adds(&b, name);
			p += 8;
		} else
			buf_addc(&b, *p);
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

void
hearing_pledge_build(const struct hearing_doc_in *in, const char *name,
    const char *date, struct arena *a, struct doc *d)
{
	const struct pledge_pack *pp = &in->ct->pledge;
	enum lang l = in->lang;
	struct doc_section *s;
	struct doc_block *b;
	size_t k;

	doc_init(d, a, lang_key(l), pp->title.t[l]);
	d->footer = doc_printf(d, "%s — %s", in->org, pp->title.t[l]);
	d->author = doc_str(d, name);
	s = doc_section(d, pp->title.t[l], NULL, false);
	doc_heading(d, s, 2, fill(a, pp->to.t[l], in->org, name));
	doc_text(d, s, doc_printf(d, "%s: %s", pp->date_label.t[l], date));
	doc_text(d, s, fill(a, pp->intro.t[l], in->org, name));
	b = doc_list(d, s, pp->undertakings.n, true);
	for (k = 0; k < pp->undertakings.n; k++)
		b->items[k] = fill(a, pp->undertakings.t[l][k], in->org, name);
	/* the names, and a box to sign or seal in */
	b = doc_table(d, s, 3, 1);
	doc_col(d, &b->tab, 0, pp->date_label.t[l], 25, DOC_LEFT);
	doc_col(d, &b->tab, 1, pp->name_label.t[l], 45, DOC_LEFT);
	doc_col(d, &b->tab, 2, pp->seal_label.t[l], 30, DOC_CENTER);
	doc_set_text(d, &b->tab, 0, 0, date);
	doc_set_text(d, &b->tab, 0, 1, name);
	doc_set_text(d, &b->tab, 0, 2, " \n \n \n ");
	doc_note(d, s, pp->copy.t[l]);
}

int
hearing_pledge_file(const struct hearing_doc_in *in, const char *name,
    const char *date, enum report_format f, struct buf *out, char *err,
    size_t errlen)
{
	struct arena a;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the pledge is a pdf");
		return REPORT_ERR_VIEW;
	}
	arena_init(&a);
	hearing_pledge_build(in, name, date, &a, &d);
	rc = report_render(&d, REPORT_PDF, out, err, errlen);
	arena_free(&a);
	return rc;
}

int
hearing_pledge_file_id(struct db_conn *c, struct arena *a,
    const struct hearing_doc_in *in, int64_t org, int64_t id,
    enum report_format f, struct buf *out, char *err, size_t errlen)
{
	struct hearing_pledge *v;
	size_t n, i;

	if (hearing_pledges(c, a, org, &v, &n) != DB_OK) {
		snprintf(err, errlen, "the database failed");
		return REPORT_ERR_DB;
	}
	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return hearing_pledge_file(in, v[i].name, v[i].date, f,
			    out, err, errlen);
	snprintf(err, errlen, "no pledge %lld", (long long)id);
	return REPORT_ERR_NOT_FOUND;
}
