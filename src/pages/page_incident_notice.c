/*
 * page_incident_notice: telling others about an incident (issue 14) —
 *
 *   GET  /o/{org}/incidents/{id}/reports   the destinations of
 *        content/incidents.yaml (the seeds' five, then the police and the
 *        Commission) with their cautions and desks, each ticked with a
 *        day and a note once it is done (rows of incident_reports);
 *   POST /o/{org}/incidents/{id}/reports   tick one: one a destination
 *        and incident — a second tick of the same is refused (422), the
 *        pair being checked here, as the engine keeps one unique field;
 *   POST /o/{org}/incidents/{id}/reports/{rid}/delete   untick (its rev);
 *   GET  /o/{org}/incidents/{id}/notice/{customers|partners}   the draft
 *        notice from the pack's template filled from the incident, to
 *        edit; …/notice/customers.txt and .pdf download it as drafted;
 *   POST /o/{org}/incidents/{id}/notice/{which}   the edited text as a
 *        .txt (UTF-8) or a one-page PDF.  Nothing of a notice is stored:
 *        it is a draft the company sends through its own channels, and
 *        the download is its copy (the audit log says who took one);
 *   GET|POST /o/{org}/incidents/{id}/intake   the intake questionnaire,
 *        prefilled while nothing is saved, saved as a row of
 *        incident_intake at its revision (a stale save is 409 with the
 *        answers kept);
 *   GET  /o/{org}/incidents/{id}/intake.pdf   the questionnaire to send.
 *
 * and, for the incident page, page_incident_reports_panel() and
 * page_incident_notice_links().  The drafts and the questionnaire are
 * report/incident_notice.c and report/incident_intake.c.  Texts:
 * increport.*, incnotice.*, intake.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/str.h"
#include "model/account.h"
#include "model/appi.h"
#include "model/audit.h"
#include "model/intake.h"
#include "model/org.h"
#include "model/register.h"
#include "pages/pages.h"
#include "report/incident_intake.h"
#include "report/incident_notice.h"
#include "report/report.h"

/* ---- small helpers ------------------------------------------------------ */

/* "/o/3/incidents/12" */
static const char *
inc_base(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/incidents/%" PRId64,
	    r->org_id, id);
}

/* The organisation's name ("" when unknown). */
static const char *
org_name(struct req *r)
{
	struct org o;

	return page_org_get(r, r->org_id, &o) == 0 ? o.name : "";
}

/* Incident id of the request's organisation into *row: 0, 404 or 503. */
static int
inc_load(struct req *r, int64_t id, struct register_row *row)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = register_get(c, &req_app(r)->content.regenv,
	    register_of(REGISTER_INCIDENTS), r->org_id, id, &r->arena, row);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	return rc == DB_ROW ? 0 : 503;
}

/* The page's frame: the organisation's tabs with the incidents marked. */
static int
inc_begin(struct page *p, struct req *r, const char *title)
{
	struct org o;
	int rc;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	page_begin(p, r, title);
	page_org_subnav(p, &o, arena_printf(&r->arena, "reg.%s",
	    register_of(REGISTER_INCIDENTS)->key));
	return 0;
}

/* Back to the incident, then which incident this is: its kind, when it
 * was detected and what happened. */
static void
inc_head(struct page *p, const struct register_row *inc, const char *title)
{
	struct req *r = p->r;
	const char *value[INC_F__MAX];

	incident_values(&req_app(r)->content, page_lang_of(r), "", inc,
	    account_now(), &r->arena, value);
	html_elem(&p->h, "a", T(r, "incnotice.back"), "href",
	    inc_base(r, inc->id), "class", "back", NULL);
	page_h1(p, title);
	html_elem(&p->h, "p", Tf(r, "incnotice.incident_line", "kind",
	    value[INC_F_KIND], "date", value[INC_F_DETECTED_DATE], "summary",
	    value[INC_F_SUMMARY], NULL), "class", "meta incident-line", NULL);
}

static void
hidden(struct page *p, const char *name, const char *value)
{
	html_void(&p->h, "input", "type", "hidden", "name", name, "value",
	    value, NULL);
}

/* A posted text field, trimmed, line breaks as LF ("" when absent);
 * *err when it holds a NUL or bad UTF-8 or passes max characters. */
static const char *
posted(struct req *r, const char *name, size_t max, const char **err)
{
	const struct kv *kv = req_field_kv(r, name);
	struct str s;
	size_t n;

	if (kv == NULL)
		return "";
	s = str_trim(str_c(page_lf_only(r, kv->val.p)));
	if (kv->nul || !str_utf8_valid(s))
		*err = T(r, "form.err.utf8");
	else if ((n = str_utf8_count(s)) > max)
		*err = Tn(r, "form.err.long", (long)max, (long)n);
	return arena_cstr(&r->arena, s);
}

/* A download: the bytes in r->out as file name (ascii, utf8). */
static int
send_file(struct req *r, const char *ctype, const char *what,
    const char *ascii, const char *ext, const char *audit_detail)
{
	struct db *db = req_app(r)->db;
	struct report_fname name;
	struct db_conn *c;

	name = report_fname(&r->arena, org_name(r), what, ascii,
	    account_now(), ext);
	page_disposition(r, "attachment", name.ascii, name.utf8);
	c = db_acquire(db);
	audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT, audit_detail,
	    req_addr(r));
	db_release(db, c);
	return r->out.err ? 503 : req_send(r, 200, ctype);
}

/* ---- reporting and disclosure ------------------------------------------ */

/* The ticks of incident id, one a destination (the first kept should
 * the API have added a second): rows into tick[], NULL where none.
 * DB_OK or < 0. */
static int
ticks_load(struct req *r, int64_t id,
    const struct register_row *tick[INC_D__MAX])
{
	const struct register_decl *d = register_of(REGISTER_INCIDENT_REPORTS);
	struct db *db = req_app(r)->db;
	struct register_row *rows;
	struct db_conn *c;
	size_t n, i;
	int rc, fi = register_field(d, "incident"), fd = register_field(d,
	    "destination");

	memset(tick, 0, INC_D__MAX * sizeof(tick[0]));
	c = db_acquire(db);
	rc = register_list(c, &req_app(r)->content.regenv, d, r->org_id,
	    &r->arena, &rows, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (rows[i].v[fi].set && rows[i].v[fi].i == id &&
		    rows[i].v[fd].set && rows[i].v[fd].i >= 0 &&
		    rows[i].v[fd].i < INC_D__MAX && tick[rows[i].v[fd].i] ==
		    NULL)
			tick[rows[i].v[fd].i] = &rows[i];
	return DB_OK;
}

/* A tick form shown again: its destination, values and errors. */
struct tick_form {
	int		 dest;		/* -1: none */
	const char	*done_on, *note;
	const char	*err_done_on, *err_note, *err;	/* err: the form's */
	const char	*notice;	/* above everything */
	int		 notice_ok;	/* the notice is good news */
};

/* The Commission's line: whether a report is required, and by when. */
static void
ppc_line(struct page *p, const struct register_row *inc)
{
	struct req *r = p->r;
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	int fa = register_field(d, "aware_at"), fd = register_field(d,
	    "detected_at");
	struct appi_case c;
	struct appi_due due;

	if (e->appi == NULL)
		return;
	registers_appi_case(inc, &c);
	appi_due(e->appi, &c, inc->v[fa].set ? inc->v[fa].i : inc->v[fd].i,
	    &due);
	if (due.reasons == 0) {
		html_elem(&p->h, "p", T(r, "increport.ppc_none"), "class",
		    "appi-line", "data-required", "0", NULL);
		return;
	}
	html_elem(&p->h, "p", Tf(r, "increport.ppc_due", "from",
	    arena_printf(&r->arena, "%04d-%02d-%02d", due.prelim_from.y,
	    due.prelim_from.m, due.prelim_from.d), "to",
	    arena_printf(&r->arena, "%04d-%02d-%02d", due.prelim_to.y,
	    due.prelim_to.m, due.prelim_to.d), "final",
	    arena_printf(&r->arena, "%04d-%02d-%02d", due.final.y, due.final.m,
	    due.final.d), NULL), "class", "appi-line notice notice-error",
	    "data-required", "1", NULL);
}

/* The desks a destination points to. */
static void
desks_list(struct page *p, size_t n, const struct desk *const *dk)
{
	struct req *r = p->r;
	size_t k;

	if (n == 0)
		return;
	html_open(&p->h, "ul", "class", "desks", NULL);
	for (k = 0; k < n; k++) {
		html_open(&p->h, "li", "data-desk", dk[k]->key, NULL);
		page_tr(p, "strong", NULL, &dk[k]->name);
		if (dk[k]->url[0] != '\0') {
			html_text(&p->h, " ");
			html_elem(&p->h, "a", dk[k]->url, "href", dk[k]->url,
			    "rel", "noopener noreferrer", NULL);
		}
		if (dk[k]->phone[0] != '\0') {
			html_text(&p->h, " ");
			html_elem(&p->h, "a", Tf(r, "increport.phone", "phone",
			    dk[k]->phone, NULL), "href", arena_printf(&r->arena,
			    "tel:%s", dk[k]->phone), NULL);
		}
		page_tr(p, "p", "help", &dk[k]->reach);
		html_close(&p->h);
	}
	html_close(&p->h);
}

static int
reports_page(struct req *r, const struct register_row *inc,
    const struct register_row *const tick[INC_D__MAX],
    const struct tick_form *f, int status)
{
	const struct content *ct = &req_app(r)->content;
	const struct incidents_pack *ip = &ct->incidents;
	const struct register_decl *d = register_of(REGISTER_INCIDENT_REPORTS);
	const char *title = T(r, "increport.title");
	bool admin = page_can_admin(r) != 0;
	struct page p;
	int st, i, fo = register_field(d, "done_on"), fn = register_field(d,
	    "note");

	if ((st = inc_begin(&p, r, title)) != 0)
		return st;
	inc_head(&p, inc, title);
	if (f->notice != NULL)
		page_notice(&p, f->notice_ok ? "ok" : "error", f->notice);
	html_elem(&p.h, "p", T(r, "increport.intro"), "class", "lead", NULL);
	page_tr(&p, "p", "help rule", &ip->rule_destinations);
	html_open(&p.h, "ol", "class", "destinations", NULL);
	for (i = 0; i < INC_D__MAX; i++) {
		const struct register_row *t = tick[i];
		const char *key = ip->dest[i].key;
		const char *sid = arena_printf(&r->arena, "dest-%s", key);
		bool mine = f->dest == i;
		size_t k;

		html_open(&p.h, "li", "class", "dest", "id", sid, "data-dest",
		    key, "data-done", t != NULL ? "1" : "0", NULL);
		html_open(&p.h, "h2", NULL);
		html_text(&p.h, TR(r, &ip->dest[i].label));
		if (ip->dest[i].ours) {
			html_text(&p.h, " ");
			html_elem(&p.h, "span", T(r, "increport.ours"),
			    "class", "tag", NULL);
		}
		html_close(&p.h);
		if (t != NULL) {
			html_elem(&p.h, "p", Tf(r, "increport.done", "date",
			    t->v[fo].s, "who", t->updated_by[0] != '\0' ?
			    t->updated_by : "—", NULL), "class", "done",
			    NULL);
			if (t->v[fn].set)
				html_elem(&p.h, "p", t->v[fn].s, "class",
				    "done-note", NULL);
		} else
			html_elem(&p.h, "p", T(r, "increport.not_done"),
			    "class", "not-done", NULL);
		html_open(&p.h, "ul", "class", "cautions", NULL);
		for (k = 0; k < ip->dest[i].cautions.n; k++)
			page_trlist(&p, "li", &ip->dest[i].cautions, k);
		html_close(&p.h);
		if (i == INC_D_PPC)
			ppc_line(&p, inc);
		desks_list(&p, ip->dest[i].n_desks, ip->dest[i].desks);
		if (mine && f->err != NULL)
			page_notice(&p, "error", f->err);
		if (admin && t != NULL) {
			form_open(&p, arena_printf(&r->arena,
			    "%s/reports/%" PRId64 "/delete", inc_base(r,
			    inc->id), t->id), NULL);
			hidden(&p, "rev", arena_printf(&r->arena, "%" PRId64,
			    t->rev));
			form_submit(&p, T(r, "increport.undo"),
			    "btn btn-secondary btn-small");
			html_close(&p.h);
		} else if (admin) {
			form_open(&p, arena_printf(&r->arena, "%s/reports",
			    inc_base(r, inc->id)), NULL);
			hidden(&p, "destination", key);
			html_open(&p.h, "div", "class", "inline-form", NULL);
			form_field_max(&p, arena_printf(&r->arena, "done_on.%s",
			    key), "date", 0, T(r,
			    "reg.incident_reports.f.done_on"), NULL, mine ?
			    f->done_on : page_day_jst(r, account_now()), mine ?
			    f->err_done_on : NULL, "off", true);
			form_field_max(&p, arena_printf(&r->arena, "note.%s",
			    key), "text", (size_t)d->f[fn].max, T(r,
			    "reg.incident_reports.f.note"), NULL, mine ?
			    f->note : "", mine ? f->err_note : NULL, "off",
			    false);
			form_submit(&p, T(r, "increport.tick"), NULL);
			html_close(&p.h);
			html_close(&p.h);	/* form */
		}
		html_close(&p.h);	/* li */
	}
	html_close(&p.h);
	html_elem(&p.h, "p", Tf(r, "increport.as_of", "date", ct->desks.as_of,
	    NULL), "class", "help desks-as-of", NULL);
	page_tr(&p, "p", "help", &ct->desks.note);
	page_incident_notice_links(&p, inc->id);
	return page_end(&p, status);
}

int
page_incident_reports(struct req *r)
{
	const struct register_row *tick[INC_D__MAX];
	struct register_row inc;
	struct tick_form f;
	const char *k;
	int st, i;

	if ((st = inc_load(r, req_param_id(r, "id"), &inc)) != 0)
		return st;
	if (ticks_load(r, inc.id, tick) != DB_OK)
		return 503;
	memset(&f, 0, sizeof(f));
	f.dest = -1;
	if ((k = req_query(r, "saved")) != NULL || (k = req_query(r,
	    "removed")) != NULL)
		for (i = 0; i < INC_D__MAX; i++)
			if (strcmp(k, req_app(r)->content.incidents.dest[i].key)
			    == 0) {
				f.notice = Tf(r, req_query(r, "saved") != NULL ?
				    "increport.saved" : "increport.removed",
				    "dest", TR(r, &req_app(r)->content.incidents.
				    dest[i].label), NULL);
				f.notice_ok = 1;
			}
	return reports_page(r, &inc, tick, &f, 200);
}

int
page_incident_reports_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENT_REPORTS);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	const struct register_row *tick[INC_D__MAX];
	struct register_errs errs;
	struct register_row inc, row;
	struct tick_form f;
	const char *dest = req_field(r, "destination");
	int64_t rid;
	size_t i;
	int st, rc;

	if ((st = inc_load(r, req_param_id(r, "id"), &inc)) != 0)
		return st;
	if (ticks_load(r, inc.id, tick) != DB_OK)
		return 503;
	memset(&f, 0, sizeof(f));
	f.dest = -1;
	for (i = 0; dest != NULL && i < INC_D__MAX; i++)
		if (strcmp(dest, ct->incidents.dest[i].key) == 0)
			f.dest = (int)i;
	if (f.dest < 0) {
		f.notice = T(r, "increport.err.dest");
		return reports_page(r, &inc, tick, &f, PAGE_INVALID);
	}
	f.done_on = posted(r, arena_printf(&r->arena, "done_on.%s", dest), 10,
	    &f.err_done_on);
	f.note = posted(r, arena_printf(&r->arena, "note.%s", dest),
	    (size_t)d->f[register_field(d, "note")].max, &f.err_note);
	if (tick[f.dest] != NULL) {
		/* one tick a destination: undo it to change it */
		f.err = Tf(r, "increport.err.taken", "date",
		    tick[f.dest]->v[register_field(d, "done_on")].s, NULL);
		f.notice = T(r, "form.err.summary");
		return reports_page(r, &inc, tick, &f, PAGE_INVALID);
	}
	memset(&row, 0, sizeof(row));
	row.updated_by = "";
	for (i = 0; i < d->nf; i++)
		row.v[i].s = "";
	errs.n = 0;
	{
		const char *text[][2] = {
			{ "incident", arena_printf(&r->arena, "%" PRId64,
			    inc.id) },
			{ "destination", dest },
			{ "done_on", f.done_on },
			{ "note", f.note },
		};
		size_t k;

		for (k = 0; k < sizeof(text) / sizeof(text[0]); k++) {
			int fi = register_field(d, text[k][0]);
			long a = 0, b = 0;
			enum rf_err ec = register_value(e, &d->f[fi],
			    text[k][1], &r->arena, &row.v[fi], &a, &b);

			if (ec != RFE_OK)
				register_err_add(&errs, fi, text[k][0], ec, a,
				    b);
		}
	}
	register_finish(e, d, &row, &errs);
	if (errs.n == 0 && f.err_done_on == NULL && f.err_note == NULL) {
		rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row,
		    &rid, &errs);
		if (rc == DB_OK)
			return req_redirect(r, arena_printf(&r->arena,
			    "%s/reports?saved=%s#dest-%s", inc_base(r, inc.id),
			    dest, dest));
		if (rc == REGISTER_BAD_REF)
			return 404;	/* the incident went meanwhile */
		if (rc == REGISTER_FULL) {
			f.err = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
			errs.n = 0;
		} else if (rc != REGISTER_INVALID)
			return 503;
	}
	for (i = 0; i < errs.n; i++) {
		const char *m = page_err_text(r, &errs.e[i]);

		if (strcmp(errs.e[i].name, "done_on") == 0) {
			if (f.err_done_on == NULL)
				f.err_done_on = m;
		} else if (strcmp(errs.e[i].name, "note") == 0) {
			if (f.err_note == NULL)
				f.err_note = m;
		} else if (f.err == NULL)
			f.err = m;
	}
	f.notice = T(r, "form.err.summary");
	return reports_page(r, &inc, tick, &f, PAGE_INVALID);
}

int
page_incident_report_delete(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENT_REPORTS);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	const struct register_row *tick[INC_D__MAX];
	struct register_row inc, row;
	struct tick_form f;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int64_t rid = req_param_id(r, "rid");
	const char *s = req_field(r, "rev");
	long rev = 0;
	int st, rc, fi = register_field(d, "incident"), fd = register_field(d,
	    "destination");

	if ((st = inc_load(r, req_param_id(r, "id"), &inc)) != 0)
		return st;
	if (rid <= 0)
		return 404;
	c = db_acquire(db);
	rc = register_get(c, &req_app(r)->content.regenv, d, r->org_id, rid,
	    &r->arena, &row);
	db_release(db, c);
	if (rc == DB_DONE || (rc == DB_ROW && (!row.v[fi].set ||
	    row.v[fi].i != inc.id)))
		return 404;
	if (rc != DB_ROW)
		return 503;
	if (s == NULL || str_to_long(str_c(s), 0, 2000000000L, &rev) != 0)
		rev = 0;
	rc = register_delete(db, d, r->org_id, &who, rid, rev);
	if (rc == DB_OK)
		return req_redirect(r, arena_printf(&r->arena,
		    "%s/reports?removed=%s#dest-%s", inc_base(r, inc.id),
		    row.v[fd].s, row.v[fd].s));
	if (rc == REGISTER_GONE)
		return 404;
	if (rc != REGISTER_STALE)
		return 503;
	if (ticks_load(r, inc.id, tick) != DB_OK)
		return 503;
	memset(&f, 0, sizeof(f));
	f.dest = -1;
	f.notice = T(r, "increport.stale");
	return reports_page(r, &inc, tick, &f, 409);
}

void
page_incident_reports_panel(struct page *p, int64_t incident)
{
	struct req *r = p->r;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const struct register_decl *d = register_of(REGISTER_INCIDENT_REPORTS);
	const struct register_row *tick[INC_D__MAX];
	int i, fo = register_field(d, "done_on"), done = 0;

	html_open(&p->h, "section", "class", "panel incident-reports",
	    "aria-labelledby", "incident-reports", NULL);
	html_elem(&p->h, "h2", T(r, "increport.title"), "id",
	    "incident-reports", NULL);
	if (ticks_load(r, incident, tick) != DB_OK) {
		html_elem(&p->h, "p", T(r, "increport.unavailable"), "class",
		    "help", NULL);
		html_close(&p->h);
		return;
	}
	for (i = 0; i < INC_D__MAX; i++)
		done += tick[i] != NULL;
	html_elem(&p->h, "p", Tn(r, "increport.panel_count", done, INC_D__MAX),
	    "class", "help", NULL);
	html_open(&p->h, "ul", "class", "dest-ticks", NULL);
	for (i = 0; i < INC_D__MAX; i++) {
		html_open(&p->h, "li", "data-dest", ip->dest[i].key,
		    "data-done", tick[i] != NULL ? "1" : "0", NULL);
		html_elem(&p->h, "span", tick[i] != NULL ? "✓" : "—",
		    "aria-hidden", "true", "class", "tick-mark", NULL);
		html_text(&p->h, " ");
		html_text(&p->h, TR(r, &ip->dest[i].label));
		html_text(&p->h, " ");
		html_elem(&p->h, "span", tick[i] != NULL ? Tf(r,
		    "increport.panel_done", "date", tick[i]->v[fo].s, NULL) :
		    T(r, "increport.not_done"), "class", "tick-state", NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_elem(&p->h, "a", T(r, "increport.open"), "href",
	    arena_printf(&r->arena, "%s/reports", inc_base(r, incident)),
	    "class", "btn btn-secondary btn-small", NULL);
	html_close(&p->h);
}

void
page_incident_notice_links(struct page *p, int64_t incident)
{
	struct req *r = p->r;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const char *base = inc_base(r, incident);
	int n;

	html_open(&p->h, "ul", "class", "actions incident-notice-links", NULL);
	for (n = 0; n < INC_N__MAX; n++) {
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", TR(r, &ip->notice[n].label), "href",
		    arena_printf(&r->arena, "%s/notice/%s", base,
		    incident_notice_key((enum incident_notice)n)), NULL);
		html_close(&p->h);
	}
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", TR(r, &req_app(r)->content.intake.title), "href",
	    arena_printf(&r->arena, "%s/intake", base), NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", T(r, "intake.pdf_link"), "href",
	    arena_printf(&r->arena, "%s/intake.pdf", base), "download", "",
	    NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/* ---- the draft notices ------------------------------------------------- */

enum notice_out { NOTICE_PAGE, NOTICE_TXT, NOTICE_PDF };

/* {which}: a notice's key, alone or followed by .txt or .pdf; the
 * notice or -1. */
static int
notice_of(struct req *r, enum notice_out *out)
{
	const char *w = req_param(r, "which");
	size_t n = w != NULL ? strlen(w) : 0;

	*out = NOTICE_PAGE;
	if (n > 4 && strcmp(w + n - 4, ".txt") == 0)
		*out = NOTICE_TXT;
	else if (n > 4 && strcmp(w + n - 4, ".pdf") == 0)
		*out = NOTICE_PDF;
	if (*out != NOTICE_PAGE)
		w = arena_strndup(&r->arena, w, n - 4);
	return incident_notice_of(w);
}

/* A notice being made into a PDF on a worker. */
struct notice_job {
	enum lang	 lang;
	const char	*subject, *body;	/* in the request's arena */
	struct arena	 arena;	/* the worker's, freed on resume */
	struct buf	 out;
	char		 err[256];
	int		 rc;
};

static void
notice_work(void *arg)
{
	struct notice_job *j = arg;

	j->rc = incident_notice_pdf(j->lang, j->subject, j->body, &j->arena,
	    &j->out, j->err, sizeof(j->err));
}

/* Send notice n (subject, body) as f: a file, or 503. */
static int
notice_send(struct req *r, int64_t id, int n, enum notice_out f,
    const char *subject, const char *body)
{
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const char *key = incident_notice_key((enum incident_notice)n);
	struct notice_job *j;

	if (f == NOTICE_TXT) {
		buf_reset(&r->out);
		incident_notice_txt(subject, body, &r->out);
		return send_file(r, "text/plain; charset=utf-8",
		    TR(r, &ip->notice[n].label), arena_printf(&r->arena,
		    "incident-%" PRId64 "-%s", id, key), "txt",
		    arena_printf(&r->arena, "incident notice %" PRId64 " %s txt",
		    id, key));
	}
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	j->lang = page_lang_of(r);
	j->subject = subject;
	j->body = body;
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, notice_work, j);
}

/* The PDF made: send it. */
static int
notice_finish(struct req *r, struct notice_job *j, int64_t id, int n)
{
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const char *key = incident_notice_key((enum incident_notice)n);
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		st = send_file(r, report_ctype(REPORT_PDF),
		    TR(r, &ip->notice[n].label), arena_printf(&r->arena,
		    "incident-%" PRId64 "-%s", id, key), "pdf",
		    arena_printf(&r->arena, "incident notice %" PRId64 " %s pdf",
		    id, key));
	} else {
		log_err("report", "incident notice: %s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

/* The notice page as shown: the texts in the boxes and their errors. */
struct notice_form {
	const char	*subject, *body;
	const char	*err_subject, *err_body;
};

static int
notice_page(struct req *r, const struct register_row *inc, int n,
    const char *const value[INC_F__MAX], uint32_t missing,
    const struct notice_form *f, int status)
{
	const struct content *ct = &req_app(r)->content;
	const struct incidents_pack *ip = &ct->incidents;
	const char *title = Tf(r, "incnotice.title", "notice",
	    TR(r, &ip->notice[n].label), NULL);
	const char *tmpl;
	struct page p;
	int st, fld, mark;

	if ((st = inc_begin(&p, r, title)) != 0)
		return st;
	inc_head(&p, inc, title);
	if (status == PAGE_INVALID)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, "incnotice.intro"), "class", "lead", NULL);
	if (missing != 0) {
		html_open(&p.h, "div", "class", "notice notice-error",
		    "role", "status", "id", "missing", NULL);
		html_text(&p.h, T(r, "incnotice.missing_intro"));
		html_open(&p.h, "ul", NULL);
		for (fld = 0; fld < INC_F__MAX; fld++)
			if (missing & (1u << fld))
				html_elem(&p.h, "li", TR(r,
				    &ip->field[fld].label), "data-field",
				    incident_field_key((enum incident_field)fld),
				    NULL);
		html_close(&p.h);
		if (page_can_admin(r))
			html_elem(&p.h, "a", T(r, "incnotice.edit_incident"),
			    "href", arena_printf(&r->arena, "%s/edit",
			    inc_base(r, inc->id)), NULL);
		html_close(&p.h);
	}
	/* what the template took from the incident */
	tmpl = arena_printf(&r->arena, "%s\n%s",
	    ip->notice[n].subject.t[page_lang_of(r)], ip->notice[n].body.t[page_lang_of(r)]);
	mark = page_table(&p, "table filled-from", T(r, "incnotice.filled"),
	    T(r, "incnotice.field"), T(r, "incnotice.value"), NULL);
	for (fld = 0; fld < INC_F__MAX; fld++) {
		const char *ph = arena_printf(&r->arena, "{%s}",
		    incident_field_key((enum incident_field)fld));

		if (strstr(tmpl, ph) == NULL)
			continue;
		html_open(&p.h, "tr", "data-field", incident_field_key(
		    (enum incident_field)fld), NULL);
		p.tab.col = 0;
		page_td(&p, TR(r, &ip->field[fld].label), NULL);
		page_td(&p, value[fld][0] != '\0' ? value[fld] :
		    incident_missing(ct, page_lang_of(r), (enum incident_field)fld,
		    &r->arena), value[fld][0] != '\0' ? NULL : "missing");
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	form_open(&p, arena_printf(&r->arena, "%s/notice/%s", inc_base(r,
	    inc->id), incident_notice_key((enum incident_notice)n)), NULL);
	form_field_max(&p, "subject", "text", INCIDENT_NOTICE_SUBJECT_MAX,
	    T(r, "incnotice.subject"), NULL, f->subject, f->err_subject, "off",
	    true);
	form_field_max(&p, "body", NULL, INCIDENT_NOTICE_BODY_MAX,
	    T(r, "incnotice.body"), T(r, "incnotice.body_help"), f->body,
	    f->err_body, "off", true);
	html_elem(&p.h, "p", T(r, "incnotice.not_stored"), "class", "help",
	    NULL);
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "button", T(r, "incnotice.get_txt"), "type", "submit",
	    "name", "format", "value", "txt", "class", "btn", NULL);
	html_text(&p.h, " ");
	html_elem(&p.h, "button", T(r, "incnotice.get_pdf"), "type", "submit",
	    "name", "format", "value", "pdf", "class", "btn btn-secondary",
	    NULL);
	html_close(&p.h);
	html_close(&p.h);	/* form */
	/* whom else to tell, and the other documents */
	page_incident_reports_panel(&p, inc->id);
	html_elem(&p.h, "h2", T(r, "incnotice.more"), NULL);
	page_incident_notice_links(&p, inc->id);
	return page_end(&p, status);
}

/* The draft of notice n for incident inc. */
static void
draft_of(struct req *r, const struct register_row *inc, int n,
    const char *value[INC_F__MAX], const char **subject, const char **body,
    uint32_t *missing)
{
	const struct content *ct = &req_app(r)->content;

	incident_values(ct, page_lang_of(r), org_name(r), inc, account_now(),
	    &r->arena, value);
	incident_notice_draft(ct, page_lang_of(r), (enum incident_notice)n, value,
	    &r->arena, subject, body, missing);
}

int
page_incident_notice(struct req *r)
{
	const char *value[INC_F__MAX];
	struct register_row inc;
	struct notice_form f;
	enum notice_out out;
	uint32_t missing;
	int64_t id = req_param_id(r, "id");
	int n = notice_of(r, &out), st;

	if (r->resumed)
		return notice_finish(r, r->work_arg, id, n);
	if (n < 0)
		return 404;
	if ((st = inc_load(r, id, &inc)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	draft_of(r, &inc, n, value, &f.subject, &f.body, &missing);
	if (out != NOTICE_PAGE)
		return notice_send(r, id, n, out, f.subject, f.body);
	return notice_page(r, &inc, n, value, missing, &f, 200);
}

int
page_incident_notice_post(struct req *r)
{
	const char *value[INC_F__MAX], *fmt = req_field(r, "format");
	struct register_row inc;
	struct notice_form f;
	enum notice_out out;
	uint32_t missing;
	int64_t id = req_param_id(r, "id");
	int n = notice_of(r, &out), st;

	if (r->resumed)
		return notice_finish(r, r->work_arg, id, n);
	if (n < 0 || out != NOTICE_PAGE)
		return 404;
	if ((st = inc_load(r, id, &inc)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	f.subject = posted(r, "subject", INCIDENT_NOTICE_SUBJECT_MAX,
	    &f.err_subject);
	f.body = posted(r, "body", INCIDENT_NOTICE_BODY_MAX, &f.err_body);
	if (f.subject[0] == '\0' && f.err_subject == NULL)
		f.err_subject = T(r, "form.err.required");
	if (f.body[0] == '\0' && f.err_body == NULL)
		f.err_body = T(r, "form.err.required");
	if (f.err_subject != NULL || f.err_body != NULL) {
		const char *s, *b;

		draft_of(r, &inc, n, value, &s, &b, &missing);
		return notice_page(r, &inc, n, value, missing, &f,
		    PAGE_INVALID);
	}
	return notice_send(r, id, n, fmt != NULL && strcmp(fmt, "pdf") == 0 ?
	    NOTICE_PDF : NOTICE_TXT, f.subject, f.body);
}

/* ---- the intake questionnaire ------------------------------------------ */

/* The intake page as shown: besides the view, what a refused or stale
 * save posted, and why. */
struct intake_state {
	bool				 mine;	/* ans holds what was posted */
	struct intake_answers		 ans;
	struct incident_intake_errs	 errs;
	bool				 stale;
	const char			*notice;
};

static int
intake_load(struct req *r, int64_t id, struct incident_intake_view *v)
{
	struct db *db = req_app(r)->db;
	struct incident_intake_in in = {
		.ct = &req_app(r)->content, .lang = page_lang_of(r),
		.org = org_name(r), .now = account_now(),
	};
	struct db_conn *c;
	int rc;

	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = incident_intake_read(c, &r->arena, &in, r->org_id, id, v);
	db_release(db, c);
	if (rc == REPORT_ERR_NOT_FOUND)
		return 404;
	return rc == REPORT_OK ? 0 : 503;
}

static const char *
err_text(struct req *r, const struct incident_intake_err *e)
{
	return e->key != NULL ? Tn(r, e->key, e->a, e->b) : NULL;
}

/* A radio or a checkbox with its label. */
static void
pick(struct page *p, const char *type, const char *name, const char *value,
    const char *label, bool on, bool invalid)
{
	html_open(&p->h, "label", "class", "choice", NULL);
	html_void(&p->h, "input", "type", type, "name", name, "value", value,
	    "checked", on ? "" : NULL, "aria-invalid", invalid ? "true" : NULL,
	    NULL);
	html_elem(&p->h, "span", label, NULL);
	html_close(&p->h);
}

/* The options of a multiple choice named key, ticked as ans says, each
 * write-in after its option. */
static void
options_multi(struct page *p, const struct intake_answers *ans,
    const char *key, const struct intake_option *o, size_t n, bool invalid)
{
	struct req *r = p->r;
	size_t k;

	html_open(&p->h, "div", "class", "choices", NULL);
	for (k = 0; k < n; k++) {
		const char *wk = arena_printf(&r->arena, "%s.%s", key,
		    o[k].key);
		const char *w = intake_text(ans, wk);

		pick(p, "checkbox", arena_printf(&r->arena, "pick.%s.%s", key,
		    o[k].key), "1", TR(r, &o[k].label), intake_has(ans, key,
		    o[k].key), invalid);
		if (o[k].text)
			form_field_max(p, wk, "text", INTAKE_LINE_MAX,
			    Tf(r, "intake.writein_label", "label",
			    TR(r, &o[k].label), NULL), NULL, w != NULL ? w : "",
			    NULL, "off", false);
	}
	html_close(&p->h);
}

/* One question of the form. */
static void
question(struct page *p, const struct intake_answers *ans,
    const struct intake_question *q, const struct incident_intake_err *e)
{
	struct req *r = p->r;
	const struct intake_pack *ip = &req_app(r)->content.intake;
	const char *key = arena_printf(&r->arena, "q.%d", q->n);
	const char *legend = arena_printf(&r->arena, "%d. %s", q->n,
	    TR(r, &q->text));
	const char *help = q->hint.t[0] != NULL && q->hint.t[0][0] != '\0' ?
	    TR(r, &q->hint) : NULL;
	const char *err = err_text(r, e), *v;
	size_t k;
	int a;

	if (q->when_q > 0)
		help = Tf(r, "intake.only_after", "n", arena_printf(&r->arena,
		    "%d", q->when_q), "answer", TR(r, &ip->answer[q->when_a].
		    label), NULL);
	html_open(&p->h, "div", "class", "intake-q", "id",
	    arena_printf(&r->arena, "q-%d", q->n), "data-q",
	    arena_printf(&r->arena, "%d", q->n), NULL);
	if (q->form == INC_FORM_TEXT) {
		v = intake_text(ans, key);
		form_field_max(p, key, NULL, INTAKE_TEXT_MAX, legend, help,
		    v != NULL ? v : "", err, "off", false);
		html_close(&p->h);
		return;
	}
	form_group(p, key, legend, help, err);
	if (q->form == INC_FORM_MULTI)
		options_multi(p, ans, key, q->options, q->n_options,
		    err != NULL);
	else {
		v = intake_text(ans, key);
		html_open(&p->h, "div", "class", "choices-inline", NULL);
		for (a = 0; a < INC_A__MAX; a++) {
			if (a == INC_A_UNSURE && q->form == INC_FORM_YES_NO)
				continue;
			pick(p, "radio", key, ip->answer[a].key,
			    TR(r, &ip->answer[a].label), v != NULL &&
			    strcmp(v, ip->answer[a].key) == 0, err != NULL);
		}
		pick(p, "radio", key, "", T(r, "intake.no_answer"), v == NULL,
		    err != NULL);
		html_close(&p->h);
	}
	if (q->n_subs > 0) {
		html_open(&p->h, "div", "class", "followups", NULL);
		html_elem(&p->h, "p", Tf(r, "intake.if_yes", "answer",
		    TR(r, &ip->answer[INC_A_YES].label), NULL), "class", "help",
		    NULL);
		for (k = 0; k < q->n_subs; k++) {
			const struct intake_sub *s = &q->subs[k];
			const char *sk = arena_printf(&r->arena, "%s.%s", key,
			    s->key);
			size_t o;

			v = intake_text(ans, sk);
			switch (s->form) {
			case INC_FORM_NUMBER:
				form_field_max(p, sk, "number", 0,
				    TR(r, &s->label), NULL, v != NULL ? v : "",
				    NULL, "off", false);
				break;
			case INC_FORM_CHOICE:
				form_group(p, sk, TR(r, &s->label), NULL, NULL);
				html_open(&p->h, "div", "class",
				    "choices-inline", NULL);
				for (o = 0; o < s->n_options; o++)
					pick(p, "radio", sk, s->options[o].key,
					    TR(r, &s->options[o].label),
					    v != NULL && strcmp(v,
					    s->options[o].key) == 0, false);
				pick(p, "radio", sk, "", T(r,
				    "intake.no_answer"), v == NULL, false);
				html_close(&p->h);
				html_close(&p->h);
				break;
			case INC_FORM_MULTI:
				form_group(p, sk, TR(r, &s->label), NULL, NULL);
				options_multi(p, ans, sk, s->options,
				    s->n_options, false);
				html_close(&p->h);
				break;
			default:
				form_field_max(p, sk, NULL, INTAKE_TEXT_MAX,
				    TR(r, &s->label), NULL, v != NULL ? v : "",
				    NULL, "off", false);
				break;
			}
		}
		html_close(&p->h);
	}
	html_close(&p->h);	/* fieldset */
	html_close(&p->h);	/* div */
}

/* What the prefill put in, as labels ("会社名", "5", "14"). */
static void
prefilled_list(struct page *p, const struct intake_answers *ans)
{
	struct req *r = p->r;
	const struct intake_pack *ip = &req_app(r)->content.intake;
	int h, q;

	html_open(&p->h, "ul", "class", "prefilled", NULL);
	for (h = 0; h < INC_H__MAX; h++)
		if (intake_find(ans, arena_printf(&r->arena, "h.%s",
		    ip->header[h].key)) != NULL)
			html_elem(&p->h, "li", TR(r, &ip->header[h].label),
			    "data-key", ip->header[h].key, NULL);
	for (q = 1; q <= INC_QUESTIONS; q++)
		if (intake_find(ans, arena_printf(&r->arena, "q.%d", q)) !=
		    NULL)
			html_elem(&p->h, "li", Tf(r, "intake.prefilled_q", "n",
			    arena_printf(&r->arena, "%d", q), "text",
			    TR(r, &ip->q[q - 1].text), NULL), "data-key",
			    arena_printf(&r->arena, "q.%d", q), NULL);
	html_close(&p->h);
}

static int
intake_page(struct req *r, const struct incident_intake_view *v,
    const struct intake_state *s, int status)
{
	const struct content *ct = &req_app(r)->content;
	const struct intake_pack *ip = &ct->intake;
	const struct intake_answers *ans = s->mine ? &s->ans : &v->ans;
	const char *title = TR(r, &ip->title);
	bool admin = page_can_admin(r) != 0;
	struct page p;
	int st, g, h, q;

	if ((st = inc_begin(&p, r, title)) != 0)
		return st;
	inc_head(&p, &v->inc, title);
	if (s->notice != NULL)
		page_notice(&p, s->stale ? "error" : status >= 400 ? "error" :
		    "ok", s->notice);
	page_tr(&p, "p", "lead", &ip->intro);
	page_tr(&p, "p", "help rule", &ip->source);
	if (!v->saved && !s->mine) {
		html_open(&p.h, "div", "class", "notice notice-info", "role",
		    "status", "id", "prefill", NULL);
		html_text(&p.h, T(r, "intake.prefilled"));
		prefilled_list(&p, &v->ans);
		html_close(&p.h);
	}
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "intake.pdf_link"), "href",
	    arena_printf(&r->arena, "%s/intake.pdf", inc_base(r, v->inc.id)),
	    "class", "btn btn-secondary", "download", "", NULL);
	html_close(&p.h);
	if (!admin) {
		/* members read it: the answers as they stand */
		for (q = 1; q <= INC_QUESTIONS; q++) {
			const char *t = incident_intake_answer(ct, page_lang_of(r),
			    ans, q, &r->arena);

			html_elem(&p.h, "h3", arena_printf(&r->arena, "%d. %s",
			    q, TR(r, &ip->q[q - 1].text)), NULL);
			html_elem(&p.h, "p", t != NULL ? t :
			    T(r, "intake.unanswered"), "class", "answer", NULL);
		}
		return page_end(&p, status);
	}
	form_open(&p, arena_printf(&r->arena, "%s/intake", inc_base(r,
	    v->inc.id)), NULL);
	hidden(&p, "rev", arena_printf(&r->arena, "%" PRId64, v->saved ?
	    v->row.rev : 0));
	html_open(&p.h, "section", "class", "intake-header", NULL);
	html_elem(&p.h, "h2", T(r, "intake.header"), NULL);
	for (h = 0; h < INC_H__MAX; h++) {
		const char *key = arena_printf(&r->arena, "h.%s",
		    ip->header[h].key);
		const char *val = intake_text(ans, key);
		const char *unit = TR(r, &ip->header[h].unit);
		const char *label = unit != NULL && unit[0] != '\0' ?
		    Tf(r, "intake.with_unit", "label", TR(r,
		    &ip->header[h].label), "unit", unit, NULL) :
		    TR(r, &ip->header[h].label);

		form_field_max(&p, key, "text", INTAKE_LINE_MAX, label,
		    TR(r, &ip->header[h].hint), val != NULL ? val : "",
		    err_text(r, &s->errs.header[h]), "off", false);
	}
	html_close(&p.h);
	for (g = 0; g < INC_G__MAX; g++) {
		html_open(&p.h, "section", "class", "intake-group", "data-group",
		    ip->group[g].key, NULL);
		html_elem(&p.h, "h2", arena_printf(&r->arena, "%d. %s", g + 1,
		    TR(r, &ip->group[g].label)), NULL);
		page_tr(&p, "p", "help", &ip->group[g].purpose);
		html_elem(&p.h, "p", Tf(r, "intake.who", "who",
		    TR(r, &ip->group[g].who), NULL), "class", "help", NULL);
		for (q = ip->group[g].first; q <= ip->group[g].last; q++)
			question(&p, ans, &ip->q[q - 1], &s->errs.q[q]);
		html_close(&p.h);
	}
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "intake.save"), NULL);
	html_close(&p.h);
	html_close(&p.h);	/* form */
	return page_end(&p, status);
}

int
page_incident_intake(struct req *r)
{
	struct incident_intake_view *v = arena_alloc(&r->arena, sizeof(*v));
	struct intake_state s;
	int st;

	if ((st = intake_load(r, req_param_id(r, "id"), v)) != 0)
		return st;
	memset(&s, 0, sizeof(s));
	if (req_query(r, "saved") != NULL)
		s.notice = T(r, "form.saved");
	return intake_page(r, v, &s, 200);
}

/* The form field name as posted ("\xff" for one holding a NUL, which
 * then reads as badly encoded), or NULL. */
static const char *
form_get(void *arg, const char *name)
{
	struct req *r = arg;
	const struct kv *kv = req_field_kv(r, name);

	if (kv == NULL)
		return NULL;
	return kv->nul ? "\xff" : kv->val.p;
}

int
page_incident_intake_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENT_INTAKE);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct incident_intake_view *v = arena_alloc(&r->arena, sizeof(*v));
	struct register_errs errs;
	struct register_row row;
	struct intake_state s;
	struct buf json = BUF_INIT;
	const char *rs = req_field(r, "rev");
	int64_t id = req_param_id(r, "id"), nid, new_rev;
	long rev = 0;
	size_t i;
	int st, rc, fi = register_field(d, "incident"), fa = register_field(d,
	    "answers");

	if ((st = intake_load(r, id, v)) != 0)
		return st;
	memset(&s, 0, sizeof(s));
	s.mine = true;
	if (incident_intake_from_form(&ct->intake, form_get, r, &r->arena,
	    &s.ans, &s.errs) > 0) {
		s.notice = T(r, "form.err.summary");
		return intake_page(r, v, &s, PAGE_INVALID);
	}
	if (rs == NULL || str_to_long(str_c(rs), 0, 2000000000L, &rev) != 0)
		rev = -1;
	if (v->saved && rev != v->row.rev) {
		/* someone saved since this form was shown */
		s.stale = true;
		s.notice = T(r, "intake.stale");
		return intake_page(r, v, &s, 409);
	}
	intake_write(&s.ans, &json);
	memset(&row, 0, sizeof(row));
	row.updated_by = "";
	for (i = 0; i < d->nf; i++)
		row.v[i].s = "";
	if (v->saved)
		row = v->row;
	{
		long a = 0, b = 0;

		(void)register_value(e, &d->f[fi], arena_printf(&r->arena,
		    "%" PRId64, id), &r->arena, &row.v[fi], &a, &b);
		rc = register_value(e, &d->f[fa], s.ans.n > 0 ?
		    buf_cstr(&json) : "", &r->arena, &row.v[fa], &a, &b);
	}
	buf_free(&json);
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	if (rc != RFE_OK || errs.n > 0) {
		s.notice = T(r, "intake.err.too_much");
		return intake_page(r, v, &s, PAGE_INVALID);
	}
	if (v->saved)
		rc = register_save(req_app(r)->db, e, d, r->org_id, &who,
		    v->row.id, rev, &row, &new_rev, &errs);
	else
		rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row,
		    &nid, &errs);
	if (rc == DB_OK)
		return req_redirect(r, arena_printf(&r->arena,
		    "%s/intake?saved=1", inc_base(r, id)));
	if (rc == REGISTER_BAD_REF || rc == REGISTER_GONE)
		return 404;
	if (rc == REGISTER_INVALID || rc == REGISTER_FULL) {
		s.notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : errs.n > 0 ? page_err_text(r,
		    &errs.e[0]) : T(r, "form.err.summary");
		return intake_page(r, v, &s, PAGE_INVALID);
	}
	if (rc != REGISTER_STALE)
		return 503;
	if ((st = intake_load(r, id, v)) != 0)
		return st;
	s.stale = true;
	s.notice = T(r, "intake.stale");
	return intake_page(r, v, &s, 409);
}

static int
intake_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct incident_intake_in ii = {
		.ct = in->ct, .lang = in->lang, .org = in->org, .now = in->now,
	};

	return incident_intake_file(c, a, &ii, org, in->id, f, out, err,
	    errlen);
}

static const struct page_org_doc intake_doc = {
	intake_make, "intake.pdf_title", "incident-intake",
	"incident intake ",
};

int
page_incident_intake_pdf(struct req *r)
{
	struct register_row inc;
	int64_t id = req_param_id(r, "id");
	int st;

	if (r->resumed)
		return page_org_doc_id(r, &intake_doc, REPORT_PDF, id);
	if ((st = inc_load(r, id, &inc)) != 0)
		return st;
	return page_org_doc_id(r, &intake_doc, REPORT_PDF, id);
}
