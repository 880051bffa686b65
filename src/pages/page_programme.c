/*
 * page_programme: the advisor's programme with a client organisation
 * (issue 15; model/engagement.c, the templates of content/programmes/).
 *
 *   GET  /o/{org}/programme              the engagement: overdue homework
 *        of both sides first, the visits with their planned and held days,
 *        every homework, the deliverables' states; with none yet, the form
 *        that opens one (for an advisor of the organisation)
 *   POST /o/{org}/programme              open it: template, first visit
 *   POST /o/{org}/programme/deliverables the deliverables' states
 *   POST /o/{org}/programme/homework/{id} tick a homework done (or not)
 *   GET|POST /o/{org}/programme/visits/{n}  a visit's record
 *   GET  /o/{org}/programme/visits/{n}/report.pdf  the implementation
 *        report for the programme office (report/programme_doc.c)
 *   POST /o/{org}/programme/final        the advisor's summary and the
 *        SECURITY ACTION two-star state, for the final report (its PDF
 *        and the zip of every deliverable: page_programme_final.c)
 *
 * Who: an advisor of the organisation (its member with the role advisor)
 * or the instance admin opens a programme, records visits and sets the
 * deliverables' states; anyone else who may write to the organisation
 * (its admin) is refused with 403 and a page that says why.  The org
 * admin may tick the company's homework done; every member reads.  A
 * record saved by someone else since the form was shown is refused with
 * 409, the values posted kept.  The API of the same (page_api_programme
 * below) answers JSON.  Texts: prog.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"
#include "base/log.h"
#include "base/str.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/engagement.h"
#include "model/office.h"
#include "model/org.h"
#include "pages/pages.h"
#include "report/programme_doc.h"
#include "report/report.h"

/* Blank homework rows the form offers besides the stored ones. */
#define BLANK_ROWS	3

/* Whether the caller runs the organisation's programme: its advisor or
 * the instance admin. */
static bool
is_advisor(const struct req *r)
{
	return r->auth.admin || r->auth.org_role == ORG_ADVISOR;
}

static const char *
today(struct req *r)
{
	return page_day_jst(r, account_now());
}

static const char *
base(struct req *r)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/programme", r->org_id);
}

/* Read the organisation's engagement and its template: 0, or an HTTP
 * status; *none true (and 0) when it has none. */
static int
load(struct req *r, struct engagement_view *ev, const struct programme **p,
    bool *none)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = engagement_read(c, &r->arena, r->org_id, ev);

	db_release(db, c);
	*none = rc == ENGAGEMENT_NONE;
	*p = NULL;
	if (*none)
		return 0;
	if (rc != DB_OK)
		return 503;
	if ((*p = programme_find(&req_app(r)->content, ev->e.tmpl)) == NULL) {
		log_err("programme", "org %" PRId64 ": no template '%s'",
		    r->org_id, ev->e.tmpl);
		return 503;
	}
	return 0;
}

/* The visit's title of template p, or "Visit n" past its visits. */
static const char *
visit_title(struct req *r, const struct programme *p, int n)
{
	if (p != NULL && n >= 1 && (size_t)n <= p->nvisits)
		return TR(r, &p->visit[n - 1].title);
	return Tf(r, "prog.visit.n", "n", arena_printf(&r->arena, "%d", n),
	    NULL);
}

static const char *
side_text(struct req *r, enum engagement_side s)
{
	return T(r, s == ENG_ADVISOR ? "prog.side.advisor" :
	    "prog.side.company");
}

static const char *
dstate_text(struct req *r, enum engagement_dstate s)
{
	return T(r, arena_printf(&r->arena, "prog.dstate.%s",
	    engagement_dstate_key(s)));
}

/* The 403 page (or JSON) of a caller who may not run the programme. */
static int
not_client(struct req *r)
{
	struct page p;

	buf_reset(&r->out);
	if (r->route->type == RT_JSON) {
		buf_adds(&r->out, "{\"error\": \"not_client\", \"message\": ");
		esc_json(&r->out, str_c(T(r, "prog.not_client")));
		buf_adds(&r->out, "}\n");
		return page_json(r, 403);
	}
	page_begin(&p, r, T(r, "prog.title"));
	page_h1(&p, T(r, "prog.not_client_title"));
	html_elem(&p.h, "p", T(r, "prog.not_client"), NULL);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "prog.back"), "href", base(r), NULL);
	html_close(&p.h);
	return page_end(&p, 403);
}

/* May the caller tick homework h done: the advisor any, the org admin
 * the company's. */
static bool
may_tick(const struct req *r, const struct engagement_homework *h)
{
	return is_advisor(r) || (r->auth.org_role == ORG_ADMIN &&
	    h->side == ENG_COMPANY);
}

/* ---- the engagement page --------------------------------------------- */

/* The form that opens a programme, with what was posted and its errors. */
struct open_form {
	const char	*tmpl, *first;		/* as posted, or NULL */
	const char	*err_tmpl, *err_first;	/* translated, NULL: none */
};

static void
open_form(struct page *p, const struct open_form *f)
{
	struct req *r = p->r;
	const struct programme_pack *pp = &req_app(r)->content.programmes;
	struct html *h = &p->h;
	size_t i;

	form_open(p, base(r), NULL);
	form_group(p, "template", T(r, "prog.open.template"), NULL,
	    f->err_tmpl);
	for (i = 0; i < pp->n; i++) {
		const char *id = arena_printf(&r->arena, "t-%s",
		    pp->v[i].key);

		html_open(h, "div", "class", "choice", NULL);
		html_void(h, "input", "type", "radio", "name", "template",
		    "id", id, "value", pp->v[i].key, "checked",
		    (f->tmpl != NULL && strcmp(f->tmpl, pp->v[i].key) == 0) ||
		    (f->tmpl == NULL && i == 0) ? "" : NULL, "aria-invalid",
		    f->err_tmpl ? "true" : NULL, NULL);
		html_open(h, "label", "for", id, NULL);
		html_elem(h, "strong", TR(r, &pp->v[i].title), NULL);
		html_text(h, " — ");
		html_text(h, TR(r, &pp->v[i].summary));
		html_close(h);
		html_close(h);
	}
	html_close(h);	/* fieldset */
	form_field(p, "first_visit", FT_DATE, T(r, "prog.open.first"),
	    T(r, "prog.open.first_help"), f->first, f->err_first, NULL, true);
	form_submit(p, T(r, "prog.open.submit"), NULL);
	html_close(h);
}

/* One homework as a line: "visit · for · words · due". */
static void
hw_row(struct page *p, const struct programme *tp,
    const struct engagement_homework *h, const char *td, bool tick)
{
	struct req *r = p->r;
	long late = engagement_overdue(h, td) ? engagement_day_diff(h->due,
	    td) : 0;

	page_row(p);
	page_td_open(p, NULL);
	html_elem(&p->h, "a", visit_title(r, tp, h->visit), "href",
	    arena_printf(&r->arena, "%s/visits/%d", base(r), h->visit), NULL);
	html_close(&p->h);
	page_td(p, side_text(r, h->side), NULL);
	page_td(p, h->text, NULL);
	page_td(p, h->due, late > 0 ? "overdue" : NULL);
	page_td_open(p, NULL);
	if (h->done[0] != '\0')
		html_text(&p->h, Tf(r, "prog.hw.done_on", "day", h->done,
		    NULL));
	else if (late > 0)
		html_elem(&p->h, "strong", Tn(r, "prog.hw.late", late, 0),
		    NULL);
	else
		html_text(&p->h, T(r, "prog.hw.open"));
	if (tick && may_tick(r, h)) {
		form_open(p, arena_printf(&r->arena, "%s/homework/%" PRId64,
		    base(r), h->id), NULL);
		html_void(&p->h, "input", "type", "hidden", "name", "done",
		    "value", h->done[0] != '\0' ? "0" : "1", NULL);
		form_submit(p, T(r, h->done[0] != '\0' ? "prog.hw.undo" :
		    "prog.hw.tick"), "btn btn-small btn-secondary");
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);
}

static const char *err_text(struct req *r, enum engagement_err e);

/* The final part's form as posted (or stored), with its refusals. */
struct final_form {
	const char	*summary;	/* the advisor's summary */
	const char	*done, *planned; /* two stars: done on, planned on */
	int64_t		 rev;		/* the rev it started from */
	/* refusals, translated, NULL: none */
	const char	*err_summary, *err_done, *err_planned;
};

/* The final report's section: the links to the PDF and the zip, then
 * the summary and the two-star state, as a form for the advisor. */
static void
final_section(struct page *p, const struct engagement_view *ev,
    const struct final_form *f)
{
	struct req *r = p->r;
	struct final_form st = {
		ev->e.summary, ev->e.two_star_done, ev->e.two_star_planned,
		ev->e.final_rev, NULL, NULL, NULL,
	};

	if (f == NULL)
		f = &st;
	html_open(&p->h, "section", "id", "final", NULL);
	html_elem(&p->h, "h2", T(r, "prog.final.title"), NULL);
	html_elem(&p->h, "p", T(r, "prog.final.intro"), "class", "help",
	    NULL);
	html_open(&p->h, "ul", "class", "downloads", NULL);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", T(r, "prog.final.pdf"), "href",
	    arena_printf(&r->arena, "%s/final.pdf", base(r)), NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", T(r, "prog.final.zip"), "href",
	    arena_printf(&r->arena, "%s/deliverables.zip", base(r)), NULL);
	html_close(&p->h);
	html_close(&p->h);
	if (!is_advisor(r)) {
		html_elem(&p->h, "h3", T(r, "prog.final.two_star"), NULL);
		html_elem(&p->h, "p", st.done[0] != '\0' ? Tf(r,
		    "prog.final.done_on", "day", st.done, NULL) :
		    st.planned[0] != '\0' ? Tf(r, "prog.final.planned_on",
		    "day", st.planned, NULL) : T(r, "prog.final.not_yet"),
		    NULL);
		html_elem(&p->h, "h3", T(r, "prog.final.summary"), NULL);
		html_elem(&p->h, "p", st.summary[0] != '\0' ? st.summary :
		    T(r, "prog.final.no_summary"), "class", "pre", NULL);
		html_close(&p->h);
		return;
	}
	form_open(p, arena_printf(&r->arena, "%s/final", base(r)), NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "rev", "value",
	    arena_printf(&r->arena, "%" PRId64, f->rev), NULL);
	form_field(p, "summary", FT_PROG_SUMMARY, T(r, "prog.final.summary"),
	    T(r, "prog.final.summary_help"), f->summary, f->err_summary, NULL,
	    false);
	form_field(p, "two_star_done", FT_DATE, T(r, "prog.final.done"),
	    T(r, "prog.final.done_help"), f->done, f->err_done, NULL, false);
	form_field(p, "two_star_planned", FT_DATE, T(r, "prog.final.planned"),
	    T(r, "prog.final.planned_help"), f->planned, f->err_planned, NULL,
	    false);
	form_submit(p, T(r, "prog.final.save"), NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static int
programme_page_final(struct req *r, const struct open_form *f,
    const struct final_form *ff, const char *notice, int status);

static int
programme_page(struct req *r, const struct open_form *f, const char *notice,
    int status)
{
	return programme_page_final(r, f, NULL, notice, status);
}

static int
programme_page_final(struct req *r, const struct open_form *f,
    const struct final_form *ff, const char *notice, int status)
{
	struct engagement_view ev;
	const struct programme *tp;
	struct page p;
	struct org o;
	const char *td = today(r);
	bool none;
	size_t i, k, nover = 0;
	int st, mark;

	if ((st = page_org_get(r, r->org_id, &o)) != 0)
		return st == DB_DONE ? 404 : 503;
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	page_begin(&p, r, T(r, "prog.title"));
	page_org_subnav(&p, &o, "programme");
	page_h1(&p, T(r, "prog.title"));
	if (notice != NULL)
		page_notice(&p, status >= 400 ? "error" : "ok", notice);
	if (none) {
		html_elem(&p.h, "p", T(r, "prog.none"), NULL);
		if (is_advisor(r)) {
			struct open_form blank = { 0 };

			html_elem(&p.h, "h2", T(r, "prog.open.title"), NULL);
			open_form(&p, f != NULL ? f : &blank);
		} else
			html_elem(&p.h, "p", T(r, "prog.none_member"), NULL);
		return page_end(&p, status);
	}
	html_open(&p.h, "p", "class", "lead", NULL);
	html_text(&p.h, Tf(r, "prog.summary", "template", TR(r, &tp->title),
	    "advisor", ev.e.advisor_email[0] != '\0' ? ev.e.advisor_email :
	    "—", "day", page_day_jst(r, ev.e.created_at), NULL));
	html_close(&p.h);

	/* overdue homework of both sides, first */
	for (i = 0; i < ev.nhw; i++)
		nover += engagement_overdue(&ev.hw[i], td);
	html_open(&p.h, "section", "id", "overdue", NULL);
	html_elem(&p.h, "h2", T(r, "prog.overdue.title"), NULL);
	if (nover == 0)
		html_elem(&p.h, "p", T(r, "prog.overdue.none"), NULL);
	else {
		mark = page_table(&p, NULL, Tn(r, "prog.overdue.count",
		    (long)nover, 0), T(r, "prog.visit"), T(r, "prog.hw.side"),
		    T(r, "prog.hw.text"), T(r, "prog.hw.due"),
		    T(r, "prog.hw.state"), NULL);
		for (i = 0; i < ev.nhw; i++)
			if (engagement_overdue(&ev.hw[i], td))
				hw_row(&p, tp, &ev.hw[i], td, true);
		html_close_to(&p.h, mark);
	}
	html_close(&p.h);

	/* the visits */
	html_open(&p.h, "section", "id", "visits", NULL);
	html_elem(&p.h, "h2", T(r, "prog.visits.title"), NULL);
	mark = page_table(&p, NULL, NULL, T(r, "prog.visit"),
	    T(r, "prog.visit.planned"), T(r, "prog.visit.held"),
	    T(r, "prog.visit.gap"), T(r, "prog.hw.title"), NULL);
	for (i = 0; i < ev.nvisits; i++) {
		const struct engagement_visit *v = &ev.visit[i];
		size_t open = 0;

		for (k = 0; k < ev.nhw; k++)
			open += ev.hw[k].visit == v->n && ev.hw[k].done[0] ==
			    '\0';
		page_row(&p);
		page_td_open(&p, NULL);
		html_elem(&p.h, "a", visit_title(r, tp, v->n), "href",
		    arena_printf(&r->arena, "%s/visits/%d", base(r), v->n),
		    NULL);
		html_close(&p.h);
		page_td(&p, v->planned, NULL);
		page_td(&p, v->held[0] != '\0' ? v->held : v->planned[0] != '\0'
		    && strcmp(v->planned, td) < 0 ? T(r, "prog.visit.not_recorded")
		    : "—", NULL);
		/* the days since the previous visit, and the template's
		 * usual span beside them */
		page_td(&p, i == 0 || i >= tp->nvisits ? "—" : Tf(r,
		    "prog.visit.days", "days", arena_printf(&r->arena, "%ld",
		    engagement_day_diff(engagement_visit_day(&ev.visit[i - 1]),
		    engagement_visit_day(v))), "min", arena_printf(&r->arena,
		    "%d", tp->visit[i].gap_min), "max", arena_printf(&r->arena,
		    "%d", tp->visit[i].gap_max), NULL), NULL);
		page_td(&p, Tn(r, "prog.hw.open_count", (long)open, 0), NULL);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	html_close(&p.h);

	/* every homework */
	html_open(&p.h, "section", "id", "homework", NULL);
	html_elem(&p.h, "h2", T(r, "prog.hw.title"), NULL);
	if (ev.nhw == 0)
		html_elem(&p.h, "p", T(r, "prog.hw.none"), NULL);
	else {
		mark = page_table(&p, NULL, NULL, T(r, "prog.visit"),
		    T(r, "prog.hw.side"), T(r, "prog.hw.text"),
		    T(r, "prog.hw.due"), T(r, "prog.hw.state"), NULL);
		for (i = 0; i < ev.nhw; i++)
			hw_row(&p, tp, &ev.hw[i], td, true);
		html_close_to(&p.h, mark);
	}
	html_close(&p.h);

	/* the deliverables */
	html_open(&p.h, "section", "id", "deliverables", NULL);
	html_elem(&p.h, "h2", T(r, "prog.deliv.title"), NULL);
	if (is_advisor(r))
		form_open(&p, arena_printf(&r->arena, "%s/deliverables",
		    base(r)), NULL);
	mark = page_table(&p, NULL, NULL, T(r, "prog.deliv.name"),
	    T(r, "prog.visit"), T(r, "prog.deliv.state"), NULL);
	for (i = 0; i < tp->ndeliv; i++) {
		enum engagement_dstate s = ENG_D_NOT_STARTED;

		for (k = 0; k < ev.ndeliv; k++)
			if (strcmp(ev.deliv[k].key, tp->deliv[i].key) == 0)
				s = ev.deliv[k].state;
		page_row(&p);
		page_td(&p, TR(r, &tp->deliv[i].label), NULL);
		page_td(&p, visit_title(r, tp, tp->deliv[i].visit), NULL);
		page_td_open(&p, NULL);
		if (is_advisor(r)) {
			const char *name = arena_printf(&r->arena, "d.%s",
			    tp->deliv[i].key);
			int d;

			html_open(&p.h, "select", "name", name, "aria-label",
			    TR(r, &tp->deliv[i].label), NULL);
			for (d = 0; d < ENG_D__MAX; d++)
				html_elem(&p.h, "option", dstate_text(r, d),
				    "value", engagement_dstate_key(d),
				    "selected", (int)s == d ? "" : NULL, NULL);
			html_close(&p.h);
		} else
			html_text(&p.h, dstate_text(r, s));
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	if (is_advisor(r)) {
		form_submit(&p, T(r, "prog.deliv.save"), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	final_section(&p, &ev, ff);
	return page_end(&p, status);
}

int
page_programme_final(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct engagement_view ev;
	const struct programme *tp;
	struct final_form f = { 0 };
	struct db_conn *c;
	enum engagement_err e;
	int64_t nrev = 0;
	bool none;
	int st, rc, fld;

	if (!is_advisor(r))
		return not_client(r);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return 404;
	f.rev = page_posted_rev(r);
	f.summary = form_text(r, "summary", FT_PROG_SUMMARY, false,
	    &f.err_summary);
	f.done = form_text(r, "two_star_done", FT_DATE, false, &f.err_done);
	f.planned = form_text(r, "two_star_planned", FT_DATE, false,
	    &f.err_planned);
	if (f.err_summary == NULL && f.err_done == NULL &&
	    f.err_planned == NULL) {
		e = engagement_check_final(f.summary, f.done, f.planned,
		    today(r), &fld);
		if (e != ENGE_OK)
			*(fld == 0 ? &f.err_summary : fld == 1 ? &f.err_done :
			    &f.err_planned) = err_text(r, e);
	}
	if (f.err_summary != NULL || f.err_done != NULL ||
	    f.err_planned != NULL)
		return programme_page_final(r, NULL, &f,
		    T(r, "form.err.summary"), PAGE_INVALID);
	c = db_acquire(db);
	rc = engagement_final_save(c, r->org_id, f.rev, f.summary, f.done,
	    f.planned, &nrev);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_FINAL,
		    arena_printf(&r->arena, "%s %s", f.done[0] != '\0' ?
		    f.done : "-", f.planned[0] != '\0' ? f.planned : "-"),
		    req_addr(r));
	db_release(db, c);
	if (rc == ENGAGEMENT_STALE) {
		/* keep what was posted; the rev is the stored one now, so a
		 * second save after reading the other one goes through */
		if ((st = load(r, &ev, &tp, &none)) != 0 || none)
			return 503;
		f.rev = ev.e.final_rev;
		return programme_page_final(r, NULL, &f, T(r, "prog.stale"),
		    409);
	}
	if (rc == ENGAGEMENT_NONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s?saved=1#final",
	    base(r)));
}

int
page_programme(struct req *r)
{
	return programme_page(r, NULL, req_query(r, "saved") != NULL ?
	    T(r, "form.saved") : NULL, 200);
}

struct openw {
	const struct register_env *e;
	const struct programme	*tp;
	const char		*first;
	int64_t			 org, user, now;
};

static int
open_write(struct db_conn *c, void *arg)
{
	const struct openw *w = arg;
	const char *keys[PROGRAMME_DELIVERABLES_MAX];
	size_t i;
	int rc;

	for (i = 0; i < w->tp->ndeliv; i++)
		keys[i] = w->tp->deliv[i].key;
	rc = engagement_open_in(c, w->org, w->user, w->tp->key, w->first,
	    w->tp->nvisits, w->tp->default_gap, keys, w->tp->ndeliv, w->now);
	if (rc != DB_OK)
		return rc;
	/* the office the advisor advises for runs it, in the same write */
	return office_engagement_opened_in(c, w->e, w->org, w->user);
}

/* Open an engagement for the organisation from template tp on day first,
 * with the office that runs it, in one write; audited.  DB_OK,
 * ENGAGEMENT_EXISTS or < 0. */
static int
open_engagement(struct req *r, const struct programme *tp, const char *first)
{
	struct db *db = req_app(r)->db;
	struct openw w = { .e = &req_app(r)->content.regenv, .tp = tp,
	    .first = first, .org = r->org_id, .user = r->auth.user_id,
	    .now = account_now() };
	struct db_conn *c;
	int rc;

	rc = db_write(db, open_write, &w);
	if (rc == DB_OK) {
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_OPENED,
		    tp->key, req_addr(r));
		db_release(db, c);
	}
	return rc;
}

int
page_programme_open(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	struct open_form f = { 0 };
	const struct programme *tp;
	int rc;

	if (!is_advisor(r))
		return not_client(r);
	f.tmpl = req_field(r, "template");
	f.first = form_text(r, "first_visit", FT_DATE, true, &f.err_first);
	if ((tp = programme_find(ct, f.tmpl)) == NULL)
		f.err_tmpl = T(r, "form.err.choose");
	if (f.err_first == NULL && !engagement_day_ok(f.first))
		f.err_first = T(r, "prog.err.day");
	if (f.err_tmpl != NULL || f.err_first != NULL)
		return programme_page(r, &f, T(r, "form.err.summary"),
		    PAGE_INVALID);
	rc = open_engagement(r, tp, f.first);
	if (rc == ENGAGEMENT_EXISTS)
		return programme_page(r, NULL, T(r, "prog.exists"), 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s?saved=1",
	    base(r)));
}

int
page_programme_deliverables(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct engagement_view ev;
	const struct programme *tp;
	struct db_conn *c;
	bool none;
	size_t i, k;
	int st, rc = DB_OK;

	if (!is_advisor(r))
		return not_client(r);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return 404;
	/* check them all before writing any */
	for (i = 0; i < tp->ndeliv; i++) {
		const char *v = req_field(r, arena_printf(&r->arena, "d.%s",
		    tp->deliv[i].key));

		if (v != NULL && engagement_dstate_of(v) < 0)
			return 400;
	}
	c = db_acquire(db);
	for (i = 0; i < tp->ndeliv && rc == DB_OK; i++) {
		const char *v = req_field(r, arena_printf(&r->arena, "d.%s",
		    tp->deliv[i].key));
		int s;

		if (v == NULL)
			continue;
		s = engagement_dstate_of(v);
		for (k = 0; k < ev.ndeliv; k++)
			if (strcmp(ev.deliv[k].key, tp->deliv[i].key) == 0)
				break;
		if (k < ev.ndeliv && (int)ev.deliv[k].state == s)
			continue;	/* unchanged */
		rc = engagement_deliv_set(c, r->org_id, tp->deliv[i].key,
		    (enum engagement_dstate)s, r->auth.user_id,
		    account_now());
		if (rc == DB_OK)
			audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_DELIV,
			    arena_printf(&r->arena, "%s %s", tp->deliv[i].key,
			    v), req_addr(r));
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s?saved=1#"
	    "deliverables", base(r)));
}

/* Tick homework id done today ("1") or not ("0") as r asks, on the
 * stored view ev: 0, or an HTTP status. */
static int
tick(struct req *r, const struct engagement_view *ev, int64_t id, bool done)
{
	struct db *db = req_app(r)->db;
	const struct engagement_homework *h = NULL;
	struct db_conn *c;
	size_t i;
	int rc;

	for (i = 0; i < ev->nhw; i++)
		if (ev->hw[i].id == id)
			h = &ev->hw[i];
	if (h == NULL)
		return 404;
	if (!may_tick(r, h))
		return 403;
	c = db_acquire(db);
	rc = engagement_homework_done(c, r->org_id, id, done ? today(r) : "",
	    account_now());
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_HOMEWORK,
		    arena_printf(&r->arena, "%d %" PRId64 " %s", h->visit, id,
		    done ? "done" : "undone"), req_addr(r));
	db_release(db, c);
	if (rc == ENGAGEMENT_NONE)
		return 404;
	return rc == DB_OK ? 0 : 503;
}

int
page_programme_homework(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	const char *d = req_field(r, "done");
	bool none;
	int st;

	if (d == NULL || (strcmp(d, "0") != 0 && strcmp(d, "1") != 0))
		return 400;
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return 404;
	if ((st = tick(r, &ev, req_param_id(r, "id"), d[0] == '1')) != 0)
		return st;
	return req_redirect(r, arena_printf(&r->arena, "%s?saved=1#homework",
	    base(r)));
}

/* ---- a visit's record ------------------------------------------------ */

/* A visit's record as posted (or as stored), with its refusals. */
struct record {
	struct engagement_visit		 v;	/* the visit's fields */
	size_t				 nhw;	/* homework rows used */
	struct engagement_homework	 hw[ENGAGEMENT_HOMEWORK_MAX];
	int64_t				 rev;	/* the rev it started from */
	/* refusals, translated, NULL: none */
	const char			*err_planned, *err_held;
	const char			*err_attendees, *err_decisions;
	const char			*err_note[PROGRAMME_AGENDA_MAX];
	const char			*err_hw[ENGAGEMENT_HOMEWORK_MAX][3];
	size_t				 nerr;	/* refusals in all */
	/* the first refusal, for the API: field name and code */
	const char			*field, *code;
};

static void
refuse(struct record *rec, const char **slot, const char *msg,
    const char *field, const char *code)
{
	if (*slot == NULL)
		*slot = msg;
	if (rec->nerr++ == 0) {
		rec->field = field;
		rec->code = code;
	}
}

static const char *
err_text(struct req *r, enum engagement_err e)
{
	return T(r, arena_printf(&r->arena, "prog.err.%s",
	    engagement_err_key(e)));
}

/* Check rec (texts already read) for visit n of ev against template tp:
 * its days, its texts' lengths, its homework rows. */
static void
record_check(struct req *r, const struct engagement_view *ev,
    const struct programme *tp, int n, struct record *rec)
{
	const struct programme_visit *pv = &tp->visit[n - 1];
	enum engagement_err e;
	size_t i;
	int f;

	e = engagement_check_days(ev, n, rec->v.planned, rec->v.held,
	    today(r), &f);
	if (e != ENGE_OK)
		refuse(rec, f == 0 ? &rec->err_planned : &rec->err_held,
		    err_text(r, e), f == 0 ? "planned" : "held",
		    engagement_err_key(e));
	if (str_utf8_count(str_c(rec->v.attendees)) > ENGAGEMENT_TEXT_MAX)
		refuse(rec, &rec->err_attendees, Tn(r, "form.err.long",
		    ENGAGEMENT_TEXT_MAX, 0), "attendees", "too_long");
	if (str_utf8_count(str_c(rec->v.decisions)) > ENGAGEMENT_TEXT_MAX)
		refuse(rec, &rec->err_decisions, Tn(r, "form.err.long",
		    ENGAGEMENT_TEXT_MAX, 0), "decisions", "too_long");
	for (i = 0; i < rec->v.nnotes && i < pv->npoints; i++)
		if (str_utf8_count(str_c(rec->v.notes[i].text)) >
		    ENGAGEMENT_TEXT_MAX)
			refuse(rec, &rec->err_note[i], Tn(r, "form.err.long",
			    ENGAGEMENT_TEXT_MAX, 0), arena_printf(&r->arena,
			    "notes.%s", pv->point[i].key), "too_long");
	for (i = 0; i < rec->nhw; i++) {
		static const char *const fname[3] = { "text", "due", "done" };

		e = engagement_check_homework(&rec->hw[i], &f);
		if (e != ENGE_OK)
			refuse(rec, &rec->err_hw[i][f], err_text(r, e),
			    arena_printf(&r->arena, "homework.%zu.%s", i,
			    fname[f]), engagement_err_key(e));
	}
}

/* A posted text under name (rule ft; "" when absent); a refusal of the
 * form's own rules goes into *err. */
static const char *
posted(struct req *r, const char *name, enum form_text ft, const char **err)
{
	return form_text(r, name, ft, false, err);
}

/* Read the posted form into rec for visit n of template tp; false when
 * it does not say how many homework rows it has (hw_rows, which the form
 * always posts: without it every row would be dropped unseen). */
static bool
record_from_form(struct req *r, const struct programme *tp, int n,
    struct record *rec)
{
	const struct programme_visit *pv = &tp->visit[n - 1];
	const char *mode = req_field(r, "mode"), *hr = req_field(r, "hw_rows");
	long rows = 0;
	size_t i;
	int m;

	if (hr == NULL || str_to_long(str_c(hr), 0, ENGAGEMENT_HOMEWORK_MAX,
	    &rows) != 0)
		return false;
	memset(rec, 0, sizeof(*rec));
	rec->v.n = n;
	rec->rev = page_posted_rev(r);
	rec->v.planned = posted(r, "planned", FT_DATE, &rec->err_planned);
	rec->v.held = posted(r, "held", FT_DATE, &rec->err_held);
	rec->v.attendees = posted(r, "attendees", FT_PROG_TEXT,
	    &rec->err_attendees);
	rec->v.decisions = posted(r, "decisions", FT_PROG_TEXT,
	    &rec->err_decisions);
	m = engagement_mode_of(mode);
	rec->v.mode = m < 0 ? ENG_ON_SITE : (enum engagement_mode)m;
	for (i = 0; i < pv->npoints && i < ENGAGEMENT_NOTES_MAX; i++) {
		rec->v.notes[i].key = pv->point[i].key;
		rec->v.notes[i].text = posted(r, arena_printf(&r->arena,
		    "note.%s", pv->point[i].key), FT_PROG_TEXT,
		    &rec->err_note[i]);
	}
	rec->v.nnotes = i;
	for (i = 0; i < (size_t)rows; i++) {
		struct engagement_homework *h = &rec->hw[rec->nhw];
		const char *err[3] = { NULL, NULL, NULL };
		int s;

		s = engagement_side_of(req_field(r, arena_printf(&r->arena,
		    "hw.%zu.side", i)));
		h->side = s < 0 ? ENG_COMPANY : (enum engagement_side)s;
		h->text = posted(r, arena_printf(&r->arena, "hw.%zu.text", i),
		    FT_PROG_LINE, &err[0]);
		h->due = posted(r, arena_printf(&r->arena, "hw.%zu.due", i),
		    FT_DATE, &err[1]);
		h->done = posted(r, arena_printf(&r->arena, "hw.%zu.done", i),
		    FT_DATE, &err[2]);
		/* a row left blank is no row */
		if (h->text[0] == '\0' && h->due[0] == '\0' &&
		    h->done[0] == '\0' && err[0] == NULL)
			continue;
		memcpy(rec->err_hw[rec->nhw], err, sizeof(err));
		rec->nhw++;
	}
	/* the form's own refusals count */
	if (rec->err_planned || rec->err_held || rec->err_attendees ||
	    rec->err_decisions)
		rec->nerr++;
	for (i = 0; i < rec->v.nnotes; i++)
		rec->nerr += rec->err_note[i] != NULL;
	for (i = 0; i < rec->nhw; i++)
		rec->nerr += rec->err_hw[i][0] || rec->err_hw[i][1] ||
		    rec->err_hw[i][2];
	return true;
}

/* rec as stored for visit n of ev. */
static void
record_stored(const struct engagement_view *ev, const struct programme *tp,
    int n, struct record *rec)
{
	const struct programme_visit *pv = &tp->visit[n - 1];
	size_t i;

	memset(rec, 0, sizeof(*rec));
	rec->v = ev->visit[n - 1];
	rec->rev = rec->v.rev;
	/* the notes in the template's order */
	for (i = 0; i < pv->npoints && i < ENGAGEMENT_NOTES_MAX; i++) {
		rec->v.notes[i].key = pv->point[i].key;
		rec->v.notes[i].text = engagement_note(&ev->visit[n - 1],
		    pv->point[i].key);
	}
	rec->v.nnotes = i;
	for (i = 0; i < ev->nhw && rec->nhw < ENGAGEMENT_HOMEWORK_MAX; i++)
		if (ev->hw[i].visit == n)
			rec->hw[rec->nhw++] = ev->hw[i];
}

/* "13:30–13:40" of an agenda point. */
static const char *
span(struct req *r, const struct programme_point *q)
{
	int e = q->at + q->minutes;

	return arena_printf(&r->arena, "%02d:%02d–%02d:%02d", q->at / 60,
	    q->at % 60, e / 60, e % 60);
}

/* The template's side of visit n: aim, preparation, agenda. */
static void
visit_plan(struct page *p, const struct programme *tp, int n)
{
	struct req *r = p->r;
	const struct programme_visit *pv = &tp->visit[n - 1];
	size_t i;

	page_tr(p, "p", "lead", &pv->aim);
	html_open(&p->h, "section", "class", "prep", NULL);
	html_elem(&p->h, "h2", T(r, "prog.prep.title"), NULL);
	html_elem(&p->h, "h3", T(r, "prog.prep.company"), NULL);
	html_open(&p->h, "ul", NULL);
	for (i = 0; i < pv->company_prep.n; i++)
		page_trlist(p, "li", &pv->company_prep, i);
	html_close(&p->h);
	html_elem(&p->h, "h3", T(r, "prog.prep.advisor"), NULL);
	html_open(&p->h, "ul", NULL);
	for (i = 0; i < pv->advisor_prep.n; i++)
		page_trlist(p, "li", &pv->advisor_prep, i);
	html_close(&p->h);
	html_close(&p->h);
	if (pv->ndeliv > 0) {
		html_elem(&p->h, "h2", T(r, "prog.pdf.deliverables"), NULL);
		html_open(&p->h, "ul", NULL);
		for (i = 0; i < pv->ndeliv; i++)
			page_tr(p, "li", NULL, &tp->deliv[pv->deliv[i]].label);
		html_close(&p->h);
	}
}

/* A homework row of the form: index i, values of h (or blank), errors. */
static void
hw_fields(struct page *p, size_t i, const struct engagement_homework *h,
    const char *const err[3])
{
	struct req *r = p->r;
	const char *pre = arena_printf(&r->arena, "hw.%zu", i);
	int s;

	html_open(&p->h, "fieldset", "class", "hw-row", NULL);
	html_elem(&p->h, "legend", Tn(r, "prog.hw.row", (long)i + 1, 0),
	    NULL);
	html_open(&p->h, "div", "class", "field", NULL);
	html_elem(&p->h, "label", T(r, "prog.hw.side"), "for",
	    arena_printf(&r->arena, "f-%s.side", pre), NULL);
	html_open(&p->h, "select", "id", arena_printf(&r->arena, "f-%s.side",
	    pre), "name", arena_printf(&r->arena, "%s.side", pre), NULL);
	for (s = 0; s < ENG_SIDE__MAX; s++)
		html_elem(&p->h, "option", side_text(r, s), "value",
		    engagement_side_key(s), "selected", h != NULL &&
		    (int)h->side == s ? "" : NULL, NULL);
	html_close(&p->h);
	html_close(&p->h);
	form_field(p, arena_printf(&r->arena, "%s.text", pre), FT_PROG_LINE,
	    T(r, "prog.hw.text"), NULL, h != NULL ? h->text : "", err[0],
	    NULL, false);
	form_field(p, arena_printf(&r->arena, "%s.due", pre), FT_DATE,
	    T(r, "prog.hw.due"), NULL, h != NULL ? h->due : "", err[1], NULL,
	    false);
	form_field(p, arena_printf(&r->arena, "%s.done", pre), FT_DATE,
	    T(r, "prog.hw.done"), NULL, h != NULL ? h->done : "", err[2], NULL,
	    false);
	html_close(&p->h);
}

/* The record's form (the advisor's) with rec's values and refusals. */
static void
record_form(struct page *p, const struct programme *tp, int n,
    const struct record *rec)
{
	struct req *r = p->r;
	const struct programme_visit *pv = &tp->visit[n - 1];
	static const char *const none[3] = { NULL, NULL, NULL };
	size_t i, rows;
	int m;

	form_open(p, arena_printf(&r->arena, "%s/visits/%d", base(r), n),
	    NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "rev", "value",
	    arena_printf(&r->arena, "%" PRId64, rec->rev), NULL);
	form_field(p, "planned", FT_DATE, T(r, "prog.visit.planned"),
	    T(r, "prog.visit.planned_help"), rec->v.planned, rec->err_planned,
	    NULL, true);
	form_field(p, "held", FT_DATE, T(r, "prog.visit.held"),
	    T(r, "prog.visit.held_help"), rec->v.held, rec->err_held, NULL,
	    false);
	form_field(p, "attendees", FT_PROG_TEXT, T(r, "prog.visit.attendees"),
	    NULL, rec->v.attendees, rec->err_attendees, NULL, false);
	form_group(p, "mode", T(r, "prog.visit.mode"), NULL, NULL);
	for (m = 0; m < ENG_MODE__MAX; m++) {
		const char *id = arena_printf(&r->arena, "mode-%s",
		    engagement_mode_key(m));

		html_open(&p->h, "div", "class", "choice", NULL);
		html_void(&p->h, "input", "type", "radio", "name", "mode", "id",
		    id, "value", engagement_mode_key(m), "checked",
		    (int)rec->v.mode == m ? "" : NULL, NULL);
		html_elem(&p->h, "label", T(r, arena_printf(&r->arena,
		    "prog.mode.%s", engagement_mode_key(m))), "for", id, NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_elem(&p->h, "h2", T(r, "prog.visit.agenda"), NULL);
	for (i = 0; i < pv->npoints && i < rec->v.nnotes; i++)
		form_field(p, arena_printf(&r->arena, "note.%s",
		    pv->point[i].key), FT_PROG_TEXT, arena_printf(&r->arena,
		    "%s %s", span(r, &pv->point[i]), TR(r,
		    &pv->point[i].title)), NULL, rec->v.notes[i].text,
		    rec->err_note[i], NULL, false);
	form_field(p, "decisions", FT_PROG_TEXT, T(r, "prog.visit.decisions"),
	    NULL, rec->v.decisions, rec->err_decisions, NULL, false);
	html_elem(&p->h, "h2", T(r, "prog.visit.homework"), NULL);
	html_elem(&p->h, "p", T(r, "prog.hw.help"), "class", "help", NULL);
	rows = rec->nhw + BLANK_ROWS;
	if (rows > ENGAGEMENT_HOMEWORK_MAX)
		rows = ENGAGEMENT_HOMEWORK_MAX;
	html_void(&p->h, "input", "type", "hidden", "name", "hw_rows",
	    "value", arena_printf(&r->arena, "%zu", rows), NULL);
	for (i = 0; i < rows; i++)
		hw_fields(p, i, i < rec->nhw ? &rec->hw[i] : NULL, i <
		    rec->nhw ? rec->err_hw[i] : none);
	form_submit(p, T(r, "prog.visit.save"), NULL);
	html_close(&p->h);
}

/* The record as text, for those who read it. */
static void
record_view(struct page *p, const struct engagement_view *ev,
    const struct programme *tp, int n)
{
	struct req *r = p->r;
	const struct programme_visit *pv = &tp->visit[n - 1];
	const struct engagement_visit *v = &ev->visit[n - 1];
	const char *td = today(r);
	size_t i;
	int mark;

	html_open(&p->h, "dl", "class", "facts", NULL);
	html_elem(&p->h, "dt", T(r, "prog.visit.planned"), NULL);
	html_elem(&p->h, "dd", v->planned, NULL);
	html_elem(&p->h, "dt", T(r, "prog.visit.held"), NULL);
	html_elem(&p->h, "dd", v->held[0] != '\0' ? v->held : "—", NULL);
	html_elem(&p->h, "dt", T(r, "prog.visit.mode"), NULL);
	html_elem(&p->h, "dd", T(r, arena_printf(&r->arena, "prog.mode.%s",
	    engagement_mode_key(v->mode))), NULL);
	html_elem(&p->h, "dt", T(r, "prog.visit.attendees"), NULL);
	html_elem(&p->h, "dd", v->attendees[0] != '\0' ? v->attendees : "—",
	    NULL);
	html_close(&p->h);
	mark = page_table(p, NULL, T(r, "prog.visit.agenda"),
	    T(r, "prog.pdf.time"), T(r, "prog.pdf.point"),
	    T(r, "prog.pdf.notes"), NULL);
	for (i = 0; i < pv->npoints; i++) {
		const char *note = engagement_note(v, pv->point[i].key);

		page_row(p);
		page_td(p, span(r, &pv->point[i]), NULL);
		page_td(p, TR(r, &pv->point[i].title), NULL);
		page_td(p, note[0] != '\0' ? note : "—", NULL);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "h2", T(r, "prog.visit.decisions"), NULL);
	html_elem(&p->h, "p", v->decisions[0] != '\0' ? v->decisions : "—",
	    "class", "pre", NULL);
	html_elem(&p->h, "h2", T(r, "prog.visit.homework"), NULL);
	mark = page_table(p, NULL, NULL, T(r, "prog.visit"),
	    T(r, "prog.hw.side"), T(r, "prog.hw.text"), T(r, "prog.hw.due"),
	    T(r, "prog.hw.state"), NULL);
	for (i = 0; i < ev->nhw; i++)
		if (ev->hw[i].visit == n)
			hw_row(p, tp, &ev->hw[i], td, true);
	html_close_to(&p->h, mark);
}

/* The visit's page: the plan, then the form (advisor) or the record. */
static int
visit_page(struct req *r, const struct engagement_view *ev,
    const struct programme *tp, int n, const struct record *rec,
    const char *notice, int status)
{
	struct page p;
	struct org o;
	struct record stored;
	int st;

	if ((st = page_org_get(r, r->org_id, &o)) != 0)
		return st == DB_DONE ? 404 : 503;
	page_begin(&p, r, visit_title(r, tp, n));
	page_org_subnav(&p, &o, "programme");
	html_open(&p.h, "p", "class", "crumbs", NULL);
	html_elem(&p.h, "a", T(r, "prog.back"), "href", base(r), NULL);
	html_close(&p.h);
	page_h1(&p, visit_title(r, tp, n));
	if (notice != NULL)
		page_notice(&p, status >= 400 ? "error" : "ok", notice);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "prog.pdf.link"), "href",
	    arena_printf(&r->arena, "%s/visits/%d/report.pdf", base(r), n),
	    "download", "", NULL);
	html_close(&p.h);
	visit_plan(&p, tp, n);
	html_elem(&p.h, "h2", T(r, "prog.visit.record"), NULL);
	if (is_advisor(r)) {
		if (rec == NULL) {
			record_stored(ev, tp, n, &stored);
			rec = &stored;
		}
		record_form(&p, tp, n, rec);
	} else
		record_view(&p, ev, tp, n);
	return page_end(&p, status);
}

/* {n} of the path within ev's visits and tp's, or 0. */
static int
visit_of(struct req *r, const struct engagement_view *ev,
    const struct programme *tp)
{
	int64_t n = req_param_id(r, "n");

	if (n < 1 || (size_t)n > ev->nvisits || (size_t)n > tp->nvisits)
		return 0;
	return (int)n;
}

int
page_programme_visit(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	bool none;
	int st, n;

	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none || (n = visit_of(r, &ev, tp)) == 0)
		return 404;
	return visit_page(r, &ev, tp, n, NULL, req_query(r, "saved") != NULL ?
	    T(r, "form.saved") : NULL, 200);
}

/* Save rec as visit n's record: DB_OK, ENGAGEMENT_STALE, or < 0;
 * audited. */
static int
record_save(struct req *r, const struct engagement_view *ev,
    const struct record *rec, int64_t *new_rev)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = engagement_visit_save(c, r->org_id, ev, &rec->v, rec->rev,
	    rec->hw, rec->nhw, r->auth.user_id, account_now(), new_rev);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_VISIT,
		    arena_printf(&r->arena, "%d", rec->v.n), req_addr(r));
	db_release(db, c);
	return rc;
}

int
page_programme_visit_post(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	struct record *rec = arena_alloc(&r->arena, sizeof(*rec));
	int64_t new_rev;
	bool none;
	int st, n, rc;

	if (!is_advisor(r))
		return not_client(r);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none || (n = visit_of(r, &ev, tp)) == 0)
		return 404;
	if (!record_from_form(r, tp, n, rec))
		return 400;
	if (rec->nerr == 0)
		record_check(r, &ev, tp, n, rec);
	if (rec->nerr > 0)
		return visit_page(r, &ev, tp, n, rec,
		    T(r, "form.err.summary"), PAGE_INVALID);
	if (rec->rev != ev.visit[n - 1].rev)
		rc = ENGAGEMENT_STALE;
	else
		rc = record_save(r, &ev, rec, &new_rev);
	if (rc == ENGAGEMENT_STALE) {
		/* the values posted stay; the rev is the stored one now */
		rec->rev = ev.visit[n - 1].rev;
		return visit_page(r, &ev, tp, n, rec, T(r, "prog.stale"), 409);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s/visits/%d?saved=1",
	    base(r), n));
}

/* ---- the implementation report (PDF) ---------------------------------- */

static int
report_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct programme_doc_in pi = {
		.ct = in->ct, .lang = in->lang, .org = in->org, .now = in->now,
	};

	return programme_doc_file(c, a, &pi, org, (int)in->id, f, out, err,
	    errlen);
}

static const struct page_org_doc report_doc = {
	report_make, "prog.pdf.file", "programme-visit", "programme visit ",
};

int
page_programme_report(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	bool none;
	int st, n;

	if (r->resumed)
		return page_org_doc_id(r, &report_doc, REPORT_PDF, 0);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none || (n = visit_of(r, &ev, tp)) == 0)
		return 404;
	return page_org_doc_id(r, &report_doc, REPORT_PDF, n);
}

/* ---- the API ----------------------------------------------------------- */

static void
json_str(struct buf *b, const char *key, const char *v, bool comma)
{
	buf_printf(b, "%s\"%s\": ", comma ? ", " : "", key);
	esc_json(b, str_c(v != NULL ? v : ""));
}

/* Visit n of ev as a JSON object, with its homework and its notes. */
static void
json_visit(struct buf *b, const struct engagement_view *ev,
    const struct programme *tp, int n, const char *td)
{
	const struct engagement_visit *v = &ev->visit[n - 1];
	const struct programme_visit *pv = &tp->visit[n - 1];
	size_t i;
	const char *sep = "";

	buf_printf(b, "{\"n\": %d", n);
	json_str(b, "planned", v->planned, true);
	json_str(b, "held", v->held, true);
	json_str(b, "attendees", v->attendees, true);
	json_str(b, "mode", engagement_mode_key(v->mode), true);
	buf_adds(b, ", \"notes\": {");
	for (i = 0; i < pv->npoints; i++) {
		json_str(b, pv->point[i].key, engagement_note(v,
		    pv->point[i].key), i > 0);
	}
	buf_adds(b, "}");
	json_str(b, "decisions", v->decisions, true);
	buf_printf(b, ", \"rev\": %" PRId64 ", \"updated_at\": %" PRId64,
	    v->rev, v->updated_at);
	json_str(b, "updated_by", v->updated_by, true);
	buf_adds(b, ", \"homework\": [");
	for (i = 0; i < ev->nhw; i++) {
		const struct engagement_homework *h = &ev->hw[i];

		if (h->visit != n)
			continue;
		buf_printf(b, "%s{\"id\": %" PRId64, sep, h->id);
		json_str(b, "side", engagement_side_key(h->side), true);
		json_str(b, "text", h->text, true);
		json_str(b, "due", h->due, true);
		json_str(b, "done", h->done, true);
		buf_printf(b, ", \"overdue\": %s}", engagement_overdue(h, td) ?
		    "true" : "false");
		sep = ", ";
	}
	buf_adds(b, "]}");
}

/* The whole engagement as JSON into r->out. */
static void
json_engagement(struct req *r, const struct engagement_view *ev,
    const struct programme *tp)
{
	struct buf *b = &r->out;
	const char *td = today(r);
	size_t i, k;
	const char *sep = "";

	buf_reset(b);
	buf_adds(b, "{");
	json_str(b, "template", ev->e.tmpl, false);
	json_str(b, "state", ev->e.state, true);
	json_str(b, "first_visit", ev->e.first, true);
	json_str(b, "advisor", ev->e.advisor_email, true);
	buf_printf(b, ", \"created_at\": %" PRId64, ev->e.created_at);
	json_str(b, "today", td, true);
	buf_adds(b, ", \"visits\": [");
	for (i = 0; i < ev->nvisits && i < tp->nvisits; i++) {
		buf_adds(b, i > 0 ? ", " : "");
		json_visit(b, ev, tp, (int)i + 1, td);
	}
	buf_adds(b, "], \"overdue\": [");
	for (i = 0; i < ev->nhw; i++)
		if (engagement_overdue(&ev->hw[i], td)) {
			buf_printf(b, "%s%" PRId64, sep, ev->hw[i].id);
			sep = ", ";
		}
	buf_adds(b, "], \"deliverables\": [");
	for (i = 0; i < tp->ndeliv; i++) {
		enum engagement_dstate s = ENG_D_NOT_STARTED;
		int64_t at = 0;

		for (k = 0; k < ev->ndeliv; k++)
			if (strcmp(ev->deliv[k].key, tp->deliv[i].key) == 0) {
				s = ev->deliv[k].state;
				at = ev->deliv[k].updated_at;
			}
		buf_adds(b, i > 0 ? ", {" : "{");
		json_str(b, "key", tp->deliv[i].key, false);
		buf_printf(b, ", \"visit\": %d", tp->deliv[i].visit);
		json_str(b, "state", engagement_dstate_key(s), true);
		buf_printf(b, ", \"updated_at\": %" PRId64 "}", at);
	}
	buf_adds(b, "]}\n");
}


/* {"error": code, "message": …} with status. */
static int
api_fail(struct req *r, int status, const char *code, const char *key)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"error\": ");
	esc_json(&r->out, str_c(code));
	buf_adds(&r->out, ", \"message\": ");
	esc_json(&r->out, str_c(T(r, key)));
	buf_adds(&r->out, "}\n");
	return page_json(r, status);
}

/* The request's JSON object body, or NULL (then answered 422). */
static json_t *
api_body(struct req *r)
{
	json_error_t jerr;
	json_t *o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &jerr);

	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The text under key of o in r's arena: "" when absent or null, NULL
 * when not text. */
static const char *
api_text(struct req *r, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return "";
	if (!json_is_string(v) || strlen(json_string_value(v)) !=
	    json_string_length(v) || !str_utf8_valid(str_c(
	    json_string_value(v))))
		return NULL;
	return arena_cstr(&r->arena, str_trim(str_c(json_string_value(v))));
}

int
page_api_programme(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	bool none;
	int st;

	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return api_fail(r, 404, "no_engagement", "prog.none");
	json_engagement(r, &ev, tp);
	return page_json(r, 200);
}

int
page_api_programme_open(struct req *r)
{
	const struct programme *tp;
	struct engagement_view ev;
	const char *tmpl, *first;
	bool none;
	json_t *o;
	int rc, st;

	if (!is_advisor(r))
		return not_client(r);
	if ((o = api_body(r)) == NULL)
		return page_json_field_error(r, PAGE_INVALID, "", "wrong_type",
		    T(r, "prog.err.json"));
	tmpl = api_text(r, o, "template");
	first = api_text(r, o, "first_visit");
	json_decref(o);
	if ((tp = programme_find(&req_app(r)->content, tmpl)) == NULL)
		return page_json_field_error(r, PAGE_INVALID, "template", "unknown_key",
		    T(r, "form.err.choose"));
	if (first == NULL || !engagement_day_ok(first))
		return page_json_field_error(r, PAGE_INVALID, "first_visit", "day",
		    T(r, "prog.err.day"));
	rc = open_engagement(r, tp, first);
	if (rc == ENGAGEMENT_EXISTS)
		return api_fail(r, 409, "exists", "prog.exists");
	if (rc != DB_OK)
		return 503;
	if ((st = load(r, &ev, &tp, &none)) != 0 || none)
		return 503;
	json_engagement(r, &ev, tp);
	return page_json(r, 201);
}

int
page_api_programme_visit(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	bool none;
	int st, n;

	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return api_fail(r, 404, "no_engagement", "prog.none");
	if ((n = visit_of(r, &ev, tp)) == 0)
		return 404;
	buf_reset(&r->out);
	json_visit(&r->out, &ev, tp, n, today(r));
	buf_addc(&r->out, '\n');
	return page_json(r, 200);
}

/* Read a JSON record for visit n of ev into rec; false (answered) when a
 * value has the wrong type. */
static bool
record_from_json(struct req *r, const json_t *o,
    const struct engagement_view *ev, const struct programme *tp, int n,
    struct record *rec, int *status)
{
	const struct programme_visit *pv = &tp->visit[n - 1];
	const json_t *v, *notes, *hw, *e;
	const char *mode;
	size_t i;
	int m;

	memset(rec, 0, sizeof(*rec));
	rec->v.n = n;
	v = json_object_get(o, "rev");
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		*status = page_json_field_error(r, PAGE_INVALID, "rev", "not_integer",
		    T(r, "prog.err.json"));
		return false;
	}
	rec->rev = json_integer_value(v);
	rec->v.planned = api_text(r, o, "planned");
	rec->v.held = api_text(r, o, "held");
	rec->v.attendees = api_text(r, o, "attendees");
	rec->v.decisions = api_text(r, o, "decisions");
	mode = api_text(r, o, "mode");
	m = mode != NULL && mode[0] != '\0' ? engagement_mode_of(mode) :
	    ENG_ON_SITE;
	if (rec->v.planned == NULL || rec->v.held == NULL ||
	    rec->v.attendees == NULL || rec->v.decisions == NULL || m < 0) {
		*status = page_json_field_error(r, PAGE_INVALID, m < 0 ? "mode" : "",
		    m < 0 ? "unknown_key" : "wrong_type",
		    T(r, "prog.err.json"));
		return false;
	}
	rec->v.mode = (enum engagement_mode)m;
	notes = json_object_get(o, "notes");
	if (notes != NULL && !json_is_object(notes)) {
		*status = page_json_field_error(r, PAGE_INVALID, "notes", "wrong_type",
		    T(r, "prog.err.json"));
		return false;
	}
	for (i = 0; i < pv->npoints && i < ENGAGEMENT_NOTES_MAX; i++) {
		rec->v.notes[i].key = pv->point[i].key;
		rec->v.notes[i].text = api_text(r, notes, pv->point[i].key);
		if (rec->v.notes[i].text == NULL) {
			*status = page_json_field_error(r, PAGE_INVALID, arena_printf(
			    &r->arena, "notes.%s", pv->point[i].key),
			    "wrong_type", T(r, "prog.err.json"));
			return false;
		}
	}
	rec->v.nnotes = i;
	hw = json_object_get(o, "homework");
	if (hw != NULL && (!json_is_array(hw) || json_array_size(hw) >
	    ENGAGEMENT_HOMEWORK_MAX)) {
		*status = page_json_field_error(r, PAGE_INVALID, "homework", "wrong_type",
		    T(r, "prog.err.json"));
		return false;
	}
	/* no "homework": the visit keeps its own */
	for (i = 0; hw == NULL && i < ev->nhw && rec->nhw <
	    ENGAGEMENT_HOMEWORK_MAX; i++)
		if (ev->hw[i].visit == n)
			rec->hw[rec->nhw++] = ev->hw[i];
	json_array_foreach(hw, i, e) {
		struct engagement_homework *h = &rec->hw[rec->nhw++];
		const char *side = json_is_object(e) ? api_text(r, e,
		    "side") : NULL;
		int s = side != NULL ? engagement_side_of(side) : -1;

		h->text = json_is_object(e) ? api_text(r, e, "text") : NULL;
		h->due = json_is_object(e) ? api_text(r, e, "due") : NULL;
		h->done = json_is_object(e) ? api_text(r, e, "done") : NULL;
		if (s < 0 || h->text == NULL || h->due == NULL ||
		    h->done == NULL) {
			*status = page_json_field_error(r, PAGE_INVALID, arena_printf(
			    &r->arena, "homework.%zu", i), s < 0 ?
			    "unknown_key" : "wrong_type",
			    T(r, "prog.err.json"));
			return false;
		}
		h->side = (enum engagement_side)s;
	}
	return true;
}

int
page_api_programme_visit_put(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	struct record *rec = arena_alloc(&r->arena, sizeof(*rec));
	int64_t new_rev;
	json_t *o;
	bool none;
	int st, n, rc;

	if (!is_advisor(r))
		return not_client(r);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return api_fail(r, 404, "no_engagement", "prog.none");
	if ((n = visit_of(r, &ev, tp)) == 0)
		return 404;
	if ((o = api_body(r)) == NULL)
		return page_json_field_error(r, PAGE_INVALID, "", "wrong_type",
		    T(r, "prog.err.json"));
	if (!record_from_json(r, o, &ev, tp, n, rec, &st)) {
		json_decref(o);
		return st;
	}
	json_decref(o);
	if (rec->v.planned[0] == '\0')
		return page_json_field_error(r, PAGE_INVALID, "planned", "required",
		    T(r, "form.err.required"));
	record_check(r, &ev, tp, n, rec);
	if (rec->nerr > 0)
		return page_json_field_error(r, PAGE_INVALID, rec->field, rec->code,
		    rec->err_planned ? rec->err_planned : rec->err_held ?
		    rec->err_held : T(r, arena_printf(&r->arena,
		    "prog.err.%s", rec->code)));
	rc = rec->rev != ev.visit[n - 1].rev ? ENGAGEMENT_STALE :
	    record_save(r, &ev, rec, &new_rev);
	if (rc == ENGAGEMENT_STALE)
		return api_fail(r, 409, "stale", "prog.stale");
	if (rc != DB_OK)
		return 503;
	if ((st = load(r, &ev, &tp, &none)) != 0 || none)
		return 503;
	buf_reset(&r->out);
	json_visit(&r->out, &ev, tp, n, today(r));
	buf_addc(&r->out, '\n');
	return page_json(r, 200);
}

int
page_api_programme_deliverable(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct engagement_view ev;
	const struct programme *tp;
	const char *key = req_param(r, "key"), *state;
	struct db_conn *c;
	json_t *o;
	bool none;
	int st, s, rc;

	if (!is_advisor(r))
		return not_client(r);
	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return api_fail(r, 404, "no_engagement", "prog.none");
	if (key == NULL || programme_deliv(tp, key) < 0)
		return 404;
	if ((o = api_body(r)) == NULL)
		return page_json_field_error(r, PAGE_INVALID, "", "wrong_type",
		    T(r, "prog.err.json"));
	state = api_text(r, o, "state");
	s = state != NULL ? engagement_dstate_of(state) : -1;
	json_decref(o);
	if (s < 0)
		return page_json_field_error(r, PAGE_INVALID, "state", "unknown_key",
		    T(r, "form.err.choose"));
	c = db_acquire(db);
	rc = engagement_deliv_set(c, r->org_id, key,
	    (enum engagement_dstate)s, r->auth.user_id, account_now());
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_DELIV,
		    arena_printf(&r->arena, "%s %s", key, state), req_addr(r));
	db_release(db, c);
	if (rc == ENGAGEMENT_NONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	if ((st = load(r, &ev, &tp, &none)) != 0 || none)
		return 503;
	json_engagement(r, &ev, tp);
	return page_json(r, 200);
}

int
page_api_programme_homework(struct req *r)
{
	struct engagement_view ev;
	const struct programme *tp;
	const json_t *v;
	json_t *o;
	bool none, done;
	int st;

	if ((st = load(r, &ev, &tp, &none)) != 0)
		return st;
	if (none)
		return api_fail(r, 404, "no_engagement", "prog.none");
	if ((o = api_body(r)) == NULL)
		return page_json_field_error(r, PAGE_INVALID, "", "wrong_type",
		    T(r, "prog.err.json"));
	v = json_object_get(o, "done");
	if (!json_is_boolean(v)) {
		json_decref(o);
		return page_json_field_error(r, PAGE_INVALID, "done", "wrong_type",
		    T(r, "prog.err.json"));
	}
	done = json_is_true(v);
	json_decref(o);
	if ((st = tick(r, &ev, req_param_id(r, "id"), done)) != 0)
		return st == 403 ? api_fail(r, 403, "forbidden",
		    "prog.hw.not_yours") : st;
	if ((st = load(r, &ev, &tp, &none)) != 0 || none)
		return 503;
	json_engagement(r, &ev, tp);
	return page_json(r, 200);
}
