#include "report/programme_doc.h"

#include <stdio.h>
#include <string.h>

static const char *
U(const struct content *ct, enum lang l, const char *key)
{
	return content_ui(ct, l, key);
}

/* U(key) with "{n}" replaced by n. */
static const char *
U_n(struct arena *a, const struct content *ct, enum lang l, const char *key,
    long n)
{
	const char *t = U(ct, l, key), *at = strstr(t, "{n}");

	if (at == NULL)
		return t;
	return arena_printf(a, "%.*s%ld%s", (int)(at - t), t, n, at + 3);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "—";
}

/* "13:30–13:40" of a point. */
static const char *
span(struct doc *d, const struct programme_point *q)
{
	int e = q->at + q->minutes;

	return doc_printf(d, "%02d:%02d–%02d:%02d", q->at / 60, q->at % 60,
	    e / 60, e % 60);
}

void
programme_doc_build(const struct programme_doc_in *in,
    const struct engagement_view *ev, const struct programme *p, int n,
    struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	enum lang l = in->lang;
	const struct programme_visit *pv = &p->visit[n - 1];
	const struct engagement_visit *v = &ev->visit[n - 1];
	struct doc_section *s;
	struct doc_block *b;
	size_t i, k, nh;

	doc_init(d, a, lang_key(l), U_n(a, ct, l, "prog.pdf.title", n));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U_n(a, ct, l,
	    "prog.pdf.title", n));
	doc_cover(d, 5);
	doc_set_fig(d, &d->cover[0], U(ct, l, "prog.pdf.company"), in->org,
	    false, 0, 0);
	doc_set_fig(d, &d->cover[1], U(ct, l, "prog.advisor"),
	    or_dash(ev->e.advisor_email), false, 0, 0);
	doc_set_fig(d, &d->cover[2], U(ct, l, "prog.template"),
	    p->title.t[l], false, 0, 0);
	doc_set_fig(d, &d->cover[3], U(ct, l, "prog.visit.held"),
	    v->held[0] != '\0' ? v->held : doc_printf(d, "%s (%s)",
	    v->planned, U(ct, l, "prog.state.planned")), false, 0, 0);
	doc_set_fig(d, &d->cover[4], U(ct, l, "prog.visit.mode"), U(ct, l,
	    v->mode == ENG_ONLINE ? "prog.mode.online" : "prog.mode.on_site"),
	    false, 0, 0);

	s = doc_section(d, pv->title.t[l], NULL, false);
	doc_text(d, s, pv->aim.t[l]);
	doc_heading(d, s, 2, U(ct, l, "prog.visit.attendees"));
	doc_text(d, s, or_dash(v->attendees));

	doc_heading(d, s, 2, U(ct, l, "prog.visit.agenda"));
	b = doc_table(d, s, 3, pv->npoints);
	doc_col(d, &b->tab, 0, U(ct, l, "prog.pdf.time"), 16, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(ct, l, "prog.pdf.point"), 34, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(ct, l, "prog.pdf.notes"), 50, DOC_LEFT);
	for (i = 0; i < pv->npoints; i++) {
		doc_set_text(d, &b->tab, i, 0, span(d, &pv->point[i]));
		doc_set_text(d, &b->tab, i, 1, pv->point[i].title.t[l]);
		doc_set_text(d, &b->tab, i, 2, or_dash(engagement_note(v,
		    pv->point[i].key)));
	}

	doc_heading(d, s, 2, U(ct, l, "prog.visit.decisions"));
	doc_text(d, s, or_dash(v->decisions));

	doc_heading(d, s, 2, U(ct, l, "prog.visit.homework"));
	for (i = 0, nh = 0; i < ev->nhw; i++)
		nh += ev->hw[i].visit == n;
	if (nh == 0)
		doc_text(d, s, U(ct, l, "prog.hw.none"));
	else {
		b = doc_table(d, s, 4, nh);
		doc_col(d, &b->tab, 0, U(ct, l, "prog.hw.side"), 16, DOC_LEFT);
		doc_col(d, &b->tab, 1, U(ct, l, "prog.hw.text"), 50, DOC_LEFT);
		doc_col(d, &b->tab, 2, U(ct, l, "prog.hw.due"), 17, DOC_LEFT);
		doc_col(d, &b->tab, 3, U(ct, l, "prog.hw.done"), 17, DOC_LEFT);
		for (i = 0, k = 0; i < ev->nhw; i++) {
			const struct engagement_homework *h = &ev->hw[i];

			if (h->visit != n)
				continue;
			doc_set_text(d, &b->tab, k, 0, U(ct, l,
			    h->side == ENG_ADVISOR ? "prog.side.advisor" :
			    "prog.side.company"));
			doc_set_text(d, &b->tab, k, 1, h->text);
			doc_set_text(d, &b->tab, k, 2, h->due);
			doc_set_text(d, &b->tab, k, 3, or_dash(h->done));
			k++;
		}
	}

	doc_heading(d, s, 2, U(ct, l, "prog.pdf.deliverables"));
	if (pv->ndeliv == 0)
		doc_text(d, s, U(ct, l, "prog.pdf.no_deliverables"));
	else {
		b = doc_table(d, s, 2, pv->ndeliv);
		doc_col(d, &b->tab, 0, U(ct, l, "prog.deliv.name"), 60,
		    DOC_LEFT);
		doc_col(d, &b->tab, 1, U(ct, l, "prog.deliv.state"), 40,
		    DOC_LEFT);
		for (i = 0; i < pv->ndeliv; i++) {
			const struct programme_deliverable *pd =
			    &p->deliv[pv->deliv[i]];
			enum engagement_dstate st = ENG_D_NOT_STARTED;

			for (k = 0; k < ev->ndeliv; k++)
				if (strcmp(ev->deliv[k].key, pd->key) == 0)
					st = ev->deliv[k].state;
			doc_set_text(d, &b->tab, i, 0, pd->label.t[l]);
			doc_set_text(d, &b->tab, i, 1, U(ct, l, doc_printf(d,
			    "prog.dstate.%s", engagement_dstate_key(st))));
		}
	}

	doc_heading(d, s, 2, U(ct, l, "prog.pdf.next"));
	doc_text(d, s, (size_t)n < ev->nvisits ? doc_printf(d, "%s: %s",
	    U_n(a, ct, l, "prog.visit.n", n + 1), ev->visit[n].planned) :
	    U(ct, l, "prog.pdf.last"));
}

int
programme_doc_file(struct db_conn *c, struct arena *a,
    const struct programme_doc_in *in, int64_t org, int n,
    enum report_format f, struct buf *out, char *err, size_t errlen)
{
	struct engagement_view ev;
	const struct programme *p;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the implementation report is a pdf");
		return REPORT_ERR_VIEW;
	}
	rc = engagement_read(c, a, org, &ev);
	if (rc == ENGAGEMENT_NONE) {
		snprintf(err, errlen, "no engagement");
		return REPORT_ERR_NOT_FOUND;
	}
	if (rc != DB_OK) {
		snprintf(err, errlen, "the database failed");
		return REPORT_ERR_DB;
	}
	p = programme_find(in->ct, ev.e.tmpl);
	if (p == NULL || n < 1 || (size_t)n > ev.nvisits ||
	    (size_t)n > p->nvisits) {
		snprintf(err, errlen, "no visit %d", n);
		return REPORT_ERR_NOT_FOUND;
	}
	programme_doc_build(in, &ev, p, n, a, &d);
	return report_render(&d, REPORT_PDF, out, err, errlen);
}
