/*
 * page_round: opening a diagnosis round, handing out respondent links
 * (personal or shared, each with a QR code to print), its deadline, the
 * paper questionnaire, the CSV template and the QR sheet for those who
 * answer on paper or on a phone, following progress, closing the round.
 */
#include <inttypes.h>
#include <string.h>

#include "base/log.h"

#include "mail/mail.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/diag_csv.h"
#include "model/org.h"
#include "model/round.h"
#include "pages/pages.h"
#include "render/qr.h"
#include "report/questionnaire.h"
#include "report/report.h"

int
page_round_new(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *title, *err = NULL;
	int64_t id;
	int rc;

	title = form_text(r, "title", FT_ROUND_TITLE, false, &err);
	if (err != NULL)
		return page_org_rounds(r, title, err, PAGE_INVALID);
	if (title[0] == '\0')
		title = arena_printf(&r->arena, "%s %s", T(r, "round.default"),
		    page_time(r, account_now()));
	c = db_acquire(db);
	rc = round_create(c, r->org_id, title, r->auth.user_id, &id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ROUND_OPENED, title,
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/rounds/%" PRId64, r->org_id, id));
}

/* The reader's language as the builders of report/ take it. */
static enum lang
reader_lang(const struct req *r)
{
	return r->lang >= 0 && r->lang < LANG__MAX ? (enum lang)r->lang :
	    LANG_JA;
}

static const char *
link_url(struct req *r, enum link_kind k, int64_t id)
{
	char tok[LINK_TOKEN_MAX + 1];

	link_token(req_app(r)->secret, k, id, tok);
	return arena_printf(&r->arena, "%s/%c/%s", page_base_url(r),
	    k == LINK_SHARED ? 's' : 'r', tok);
}

/* A link shown as text to copy and as a QR code to print. */
static void
link_block(struct page *p, const char *url, const char *qr_href,
    const char *title)
{
	html_open(&p->h, "div", "class", "link-block", NULL);
	html_open(&p->h, "a", "href", qr_href, "class", "qr",
	    "aria-label", T(p->r, "round.qr_open"), NULL);
	html_void(&p->h, "img", "src", qr_href, "alt", title, "width", "96",
	    "height", "96", NULL);
	html_close(&p->h);
	html_open(&p->h, "div", NULL);
	html_elem(&p->h, "p", title, "class", "link-title", NULL);
	html_elem(&p->h, "code", url, "class", "secret copy", NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/*
 * Links on a loopback address open on this computer only: say so plainly
 * before handing them out, and how to serve the office network instead.
 */
static void
loopback_hint(struct page *p)
{
	struct req *r = p->r;
	const char *lan = req_app(r)->lan_addr;

	html_open(&p->h, "section", "class", "panel panel-warn", "role",
	    "note", NULL);
	html_elem(&p->h, "h2", T(r, "round.loopback"), NULL);
	html_elem(&p->h, "p", T(r, "round.loopback_why"), NULL);
	html_elem(&p->h, "p", T(r, "round.loopback_how"), NULL);
	html_elem(&p->h, "pre", "make run LISTEN=0.0.0.0:8080", "class",
	    "sample", NULL);
	if (lan != NULL) {
		html_open(&p->h, "p", NULL);
		html_text(&p->h, T(r, "round.loopback_open"));
		html_text(&p->h, " ");
		html_elem(&p->h, "code", arena_printf(&r->arena,
		    "http://%s:8080", lan), NULL);
		html_close(&p->h);
	}
	html_elem(&p->h, "p", T(r, "round.loopback_safe"), "class", "help",
	    NULL);
	html_close(&p->h);
}

struct round_view {
	const char		*org_name;
	struct org		 org;		/* valid with org_name */
	struct round		 round;
	struct respondent	*resp;
	size_t			 n;
	int			 complete;
	int			 answering;	/* complete or started */
	long			 shared_n;	/* made through the shared link */
	long			 shared_cap;	/* page_shared_cap() */
};

static int
round_load(struct req *r, struct round_view *v)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int64_t id = req_param_id(r, "id");
	struct round_progress pr;
	int rc;
	size_t i;

	rc = round_get(c, &r->arena, id, r->org_id, &v->round);
	if (rc == 0)
		rc = resp_list(c, &r->arena, id, r->org_id, &v->resp, &v->n);
	v->org_name = org_get(c, &r->arena, r->org_id, &v->org) == 0 ?
	    v->org.name : NULL;
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	for (i = 0, v->complete = 0, v->shared_n = 0; i < v->n; i++) {
		v->complete += v->resp[i].complete;
		v->shared_n += strcmp(v->resp[i].via, "shared") == 0;
	}
	if (v->org_name != NULL)
		v->shared_cap = page_shared_cap(r, &v->round, &v->org);
	else
		v->shared_cap = v->round.shared_cap > 0 ? v->round.shared_cap :
		    ROUND_SHARED_CAP_MIN;
	round_progress_of(v->resp, v->n, &pr);
	v->answering = pr.complete + pr.started;
	return 0;
}

/* Respondent id of the view, or NULL. */
static const struct respondent *
view_resp(const struct round_view *v, int64_t id)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->resp[i].id == id)
			return &v->resp[i];
	return NULL;
}

/* "No.12 山田（従業員・回答済み）": a respondent as the admin picks one. */
static const char *
resp_label(struct req *r, const struct respondent *q)
{
	struct diag_resp d = { .ans = { 0 } };

	memcpy(d.ans, q->ans, DIAG_ITEMS);
	return arena_printf(&r->arena, "No.%" PRId64 " %s（%s・%s）", q->id,
	    q->name[0] ? q->name : T(r, "resp.no_name"), T(r, arena_printf(
	    &r->arena, "resp.role.%s", diag_role_key(q->role))), q->complete ?
	    T(r, "resp.done") : arena_printf(&r->arena, "%d / %d",
	    diag_resp_answered(&d), DIAG_ITEMS));
}

/*
 * More people answering than the organisation says it employs is the
 * first sign of answers counted twice: say so, with the way to the
 * profile when the head count is what is wrong.
 */
static void
band_notice(struct page *p, const struct round_view *v)
{
	struct req *r = p->r;
	const struct choice *b;
	const char *msg, *at;

	if (v->org_name == NULL || (b = choices_find(
	    &p->app->content.org.employees, v->org.employees)) == NULL ||
	    b->max <= 0 || v->answering <= b->max)
		return;
	msg = Tn(r, "round.over_band", v->answering, 0);
	/* the band's label goes where the text says {band} */
	if ((at = strstr(msg, "{band}")) != NULL)
		msg = arena_printf(&r->arena, "%.*s%s%s", (int)(at - msg), msg,
		    TR(r, &b->label), at + strlen("{band}"));
	html_open(&p->h, "section", "class", "panel panel-warn", "role",
	    "status", NULL);
	html_elem(&p->h, "p", msg, NULL);
	html_open(&p->h, "p", NULL);
	html_elem(&p->h, "a", T(r, "round.over_band_profile"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/profile", r->org_id),
	    NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static void
role_select(struct page *p, const char *name, const char *value,
    const char *err)
{
	struct req *r = p->r;
	int k;

	html_open(&p->h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(&p->h, "label", T(r, "resp.role"), "for", "f-role", NULL);
	if (err)
		html_elem(&p->h, "p", err, "class", "field-msg", "id", "e-role",
		    NULL);
	html_open(&p->h, "select", "id", "f-role", "name", name,
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? "e-role" : NULL, NULL);
	for (k = 0; k < DIAG_ROLE__MAX; k++)
		html_elem(&p->h, "option", T(r, arena_printf(&r->arena,
		    "resp.role.%s", diag_role_key(k))), "value",
		    diag_role_key(k), "selected", value && strcmp(value,
		    diag_role_key(k)) == 0 ? "" : NULL, NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/* What the round page shows besides the round: a notice, or a refused
 * form with its values and errors.  Zeroed: nothing. */
struct round_form {
	const char		*notice;	/* done: above everything */
	const char		*name;		/* link form, as typed */
	const char		*err_role;
	const char		*err_name;
	const char		*email;		/* link form's address, as typed */
	const char		*err_email;
	const char		*dept;		/* link form, as typed */
	const char		*err_dept;
	const char		*deadline;	/* deadline form, as typed (NULL:
						   the round's) */
	const char		*err_deadline;
	const char		*cap;		/* shared link's cap, as typed
						   (NULL: the round's) */
	const char		*err_cap;
	const char		*import_err;	/* import form: what failed */
	const char *const	*import_errs;	/* and where, line by line */
	size_t			 nimport_errs;
	bool			 import_dup;	/* refused as imported before:
						   offer "import anyway" */
	const char		*keep, *drop;	/* merge form, as chosen */
	const char		*err_keep, *err_drop;
};

/* A <select> of the round's respondents for the merge form. */
static void
resp_select(struct page *p, const struct round_view *v, const char *name,
    const char *label, const char *value, const char *err)
{
	struct req *r = p->r;
	const char *id = arena_printf(&r->arena, "f-%s", name);
	const char *eid = arena_printf(&r->arena, "e-%s", name);
	size_t i;

	html_open(&p->h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(&p->h, "label", label, "for", id, NULL);
	if (err)
		html_elem(&p->h, "p", err, "class", "field-msg", "id", eid,
		    NULL);
	html_open(&p->h, "select", "id", id, "name", name, "required", "",
	    "aria-invalid", err ? "true" : NULL, "aria-describedby",
	    err ? eid : NULL, NULL);
	html_elem(&p->h, "option", T(r, "form.choose"), "value", "", NULL);
	for (i = 0; i < v->n; i++) {
		const char *val = arena_printf(&r->arena, "%" PRId64,
		    v->resp[i].id);

		html_elem(&p->h, "option", resp_label(r, &v->resp[i]),
		    "value", val, "selected", value && strcmp(value, val) ==
		    0 ? "" : NULL, NULL);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* The same person answered twice: pick the answer to keep and the one to
 * fold into it (page_round_merge asks before doing it). */
static void
merge_panel(struct page *p, const struct round_view *v, const char *base,
    const struct round_form *f)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", "panel", "id", "merge", NULL);
	html_elem(&p->h, "h2", T(r, "merge.title"), NULL);
	html_elem(&p->h, "p", T(r, "merge.help"), "class", "help", NULL);
	form_open(p, arena_printf(&r->arena, "%s/merge", base), NULL);
	resp_select(p, v, "keep", T(r, "merge.keep"), f->keep, f->err_keep);
	resp_select(p, v, "drop", T(r, "merge.drop"), f->drop, f->err_drop);
	form_submit(p, T(r, "merge.ask"), "btn btn-secondary");
	html_close(&p->h);
	html_close(&p->h);
}

/* How many came through the shared link, against its cap, and the form
 * that changes the cap (page_round_shared_cap). */
static void
shared_cap_form(struct page *p, const struct round_view *v, const char *base,
    const struct round_form *f)
{
	struct req *r = p->r;

	html_open(&p->h, "p", "class", v->shared_n >= v->shared_cap ?
	    "shared-count notice notice-error" : "shared-count", "id",
	    "shared-count", NULL);
	html_text(&p->h, Tn(r, "round.shared_count", v->shared_n,
	    v->shared_cap));
	if (v->shared_n >= v->shared_cap) {
		html_text(&p->h, " ");
		html_text(&p->h, T(r, "round.shared_full"));
	}
	html_close(&p->h);
	/* Few need it: folded, unless it is full or the form has an error. */
	html_open(&p->h, "details", "class", "explain", "open",
	    v->shared_n >= v->shared_cap || f->err_cap != NULL ? "" : NULL,
	    NULL);
	html_elem(&p->h, "summary", T(r, "round.shared_cap_change"), NULL);
	form_open(p, arena_printf(&r->arena, "%s/shared-cap", base), NULL);
	html_open(&p->h, "div", "class", "inline-form", NULL);
	form_field(p, "cap", FT_COUNT, T(r, "round.shared_cap"),
	    Tn(r, "round.shared_cap_help", ROUND_SHARED_CAP_MAX, 0),
	    f->cap != NULL ? f->cap : arena_printf(&r->arena, "%ld",
	    v->shared_cap), f->err_cap, "off", true);
	form_submit(p, T(r, "round.shared_cap_save"), "btn btn-secondary");
	html_close(&p->h);
	html_close(&p->h);
	html_close(&p->h);
}

static int
round_page(struct req *r, const struct round_form *f, int status)
{
	struct round_view v;
	struct page p;
	struct page_slice sl;
	const char *base;
	size_t i;
	int st;

	if ((st = round_load(r, &v)) != 0)
		return st;
	base = arena_printf(&r->arena, "/o/%" PRId64 "/rounds/%" PRId64,
	    r->org_id, v.round.id);
	page_begin(&p, r, v.round.title);
	html_elem(&p.h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64, r->org_id), "class", "back", NULL);
	if (v.org_name != NULL)
		html_elem(&p.h, "p", v.org_name, "class", "org-name", NULL);
	page_h1(&p, v.round.title);
	html_open(&p.h, "p", "class", "lead", NULL);
	html_elem(&p.h, "span", T(r, v.round.open ? "round.is_open" :
	    "round.is_closed"), "class", v.round.open ? "tag tag-open" :
	    "tag tag-closed", NULL);
	html_textf(&p.h, " %s %d / %zu", T(r, "round.answered"), v.complete,
	    v.n);
	if (v.round.deadline[0] != '\0')
		html_textf(&p.h, "　%s: %s", T(r, "paper.deadline"),
		    report_day(&r->arena, v.round.deadline, reader_lang(r)));
	html_close(&p.h);
	if (v.complete > 0)
		html_elem(&p.h, "a", T(r, "results.view"), "href",
		    arena_printf(&r->arena, "%s/results", base), "class", "btn",
		    NULL);
	if (f->notice)
		page_notice(&p, "ok", f->notice);
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	if (page_can_admin(r))
		band_notice(&p, &v);

	if (v.round.open && page_can_admin(r)) {
		if (page_base_loopback(page_base_url(r)))
			loopback_hint(&p);
		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "round.shared"), NULL);
		html_elem(&p.h, "p", T(r, "round.shared_help"), "class", "help",
		    NULL);
		link_block(&p, link_url(r, LINK_SHARED, v.round.id),
		    arena_printf(&r->arena, "%s/qr/shared.svg", base),
		    T(r, "round.shared"));
		html_elem(&p.h, "a", T(r, "paper.sheet_link"), "href",
		    arena_printf(&r->arena, "%s/qr-sheet", base), "class",
		    "btn btn-secondary", NULL);
		shared_cap_form(&p, &v, base, f);
		html_close(&p.h);

		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "round.deadline"), NULL);
		form_open(&p, arena_printf(&r->arena, "%s/deadline", base),
		    NULL);
		html_open(&p.h, "div", "class", "inline-form", NULL);
		form_field(&p, "deadline", FT_DATE, T(r, "round.deadline"),
		    T(r, "round.deadline_help"), f->deadline != NULL ?
		    f->deadline : v.round.deadline, f->err_deadline, "off",
		    false);
		form_submit(&p, T(r, "round.deadline_save"),
		    "btn btn-secondary");
		html_close(&p.h);
		html_close(&p.h);
		html_close(&p.h);

		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "paper.section"), NULL);
		html_elem(&p.h, "p", T(r, "paper.section_help"), "class",
		    "help", NULL);
		html_open(&p.h, "p", "class", "actions", NULL);
		html_elem(&p.h, "a", T(r, "paper.pdf_link"), "href",
		    arena_printf(&r->arena, "%s/paper.pdf", base), "class",
		    "btn btn-secondary", NULL);
		html_elem(&p.h, "a", T(r, "import.template"), "href",
		    arena_printf(&r->arena, "%s/template.csv", base), "class",
		    "btn btn-secondary", "download", "", NULL);
		html_close(&p.h);
		html_close(&p.h);

		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "round.personal"), NULL);
		html_elem(&p.h, "p", T(r, "round.personal_help"), "class",
		    "help", NULL);
		form_open(&p, arena_printf(&r->arena, "%s/links", base), NULL);
		html_open(&p.h, "div", "class", "inline-form", NULL);
		role_select(&p, "role", req_field(r, "role"), f->err_role);
		form_field(&p, "name", FT_RESP_NAME, T(r, "resp.name_opt"),
		    NULL, f->name, f->err_name, "off", false);
		form_field(&p, "department", FT_RESP_DEPT,
		    T(r, "resp.dept_opt"), NULL, f->dept, f->err_dept, "off",
		    false);
		if (mail_on(req_app(r)))
			form_input(&p, "email", T(r, "resp.email_opt"), "email",
			    f->email, f->err_email, "off", 0);
		form_submit(&p, T(r, "round.add_link"), NULL);
		html_close(&p.h);
		html_close(&p.h);
		html_close(&p.h);

		/* Reminders go to the personal links given an address. */
		if (mail_on(req_app(r))) {
			html_open(&p.h, "section", "class", "panel", "id",
			    "remind", NULL);
			html_elem(&p.h, "h2", T(r, "round.remind"), NULL);
			html_elem(&p.h, "p", Tn(r, "round.remind_help",
			    req_app(r)->conf.num[CONF_MAIL_REMIND_DAYS], 0),
			    "class", "help", NULL);
			form_button(&p, arena_printf(&r->arena, "%s/remind",
			    base), T(r, "round.remind_send"),
			    "btn btn-secondary");
			html_close(&p.h);
		}
	}

	html_elem(&p.h, "h2", T(r, "round.respondents"), "id", "respondents",
	    NULL);
	if (v.n == 0)
		html_elem(&p.h, "p", T(r, "round.no_respondents"), "class",
		    "help", NULL);
	page_slice(r, v.n, &sl);
	html_open(&p.h, "ul", "class", "cards", NULL);
	for (i = sl.first; i < sl.end; i++) {
		const struct respondent *q = &v.resp[i];
		int answered = 0, k;
		const char *who = q->name[0] ? q->name : T(r, "resp.no_name");

		for (k = 0; k < DIAG_ITEMS; k++)
			answered += q->ans[k] != DIAG_NONE;
		html_open(&p.h, "li", NULL);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "strong", page_can_admin(r) ? who :
		    T(r, "resp.hidden"), NULL);
		html_text(&p.h, " ");
		html_elem(&p.h, "span", T(r, arena_printf(&r->arena,
		    "resp.role.%s", diag_role_key(q->role))), "class", "tag",
		    NULL);
		/* the department, to admins who see the names too */
		if (page_can_admin(r) && q->department != NULL &&
		    q->department[0] != '\0') {
			html_text(&p.h, " ");
			html_elem(&p.h, "span", q->department, "class",
			    "tag tag-dept", NULL);
		}
		html_text(&p.h, " ");
		html_elem(&p.h, "span", q->complete ? T(r, "resp.done") :
		    arena_printf(&r->arena, "%d / %d", answered, DIAG_ITEMS),
		    "class", q->complete ? "tag tag-open" : "tag", NULL);
		html_close(&p.h);
		/* where this person's reminders go (admins only) */
		if (page_can_admin(r) && q->email != NULL && q->email[0] != '\0')
			html_elem(&p.h, "p", Tf(r, "resp.email_shown", "address",
			    q->email, NULL), "class", "help resp-email", NULL);
		/* Shown whatever the progress, so it can be sent again (a
		 * lost mail, a new phone, a correction). */
		if (v.round.open && page_can_admin(r) &&
		    strcmp(q->via, "personal") == 0)
			link_block(&p, link_url(r, LINK_RESPONDENT, q->id),
			    arena_printf(&r->arena, "%s/qr/%" PRId64 ".svg",
			    base, q->id), T(r, "round.personal_link"));
		if (page_can_admin(r)) {
			/* each button names its person for screen readers */
			form_open(&p, arena_printf(&r->arena,
			    "%s/respondents/%" PRId64 "/delete", base, q->id),
			    NULL);
			html_elem(&p.h, "button", T(r, "resp.delete_ask"),
			    "type", "submit", "class",
			    "btn btn-small btn-secondary", "aria-label",
			    arena_printf(&r->arena, "%s %s（%s）",
			    T(r, "resp.delete_ask"), q->name[0] ? q->name :
			    T(r, "resp.no_name"), T(r, arena_printf(&r->arena,
			    "resp.role.%s", diag_role_key(q->role)))), NULL);
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	html_close(&p.h);
	page_pager(&p, base, "#respondents", &sl);
	if (page_can_admin(r) && v.n >= 2)
		merge_panel(&p, &v, base, f);

	if (v.round.open && page_can_admin(r)) {
		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "import.title"), NULL);
		html_elem(&p.h, "p", T(r, "import.help"), "class", "help",
		    NULL);
		html_elem(&p.h, "pre", "name,role,q1,q2,…,q25\n"
		    "山田,経営者,4,2,0,-1,…", "class", "sample", NULL);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "a", T(r, "import.template"), "href",
		    arena_printf(&r->arena, "%s/template.csv", base),
		    "download", "", NULL);
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "import.template_help"), "class",
		    "help", NULL);
		form_open(&p, arena_printf(&r->arena, "%s/import", base),
		    "multipart/form-data");
		html_open(&p.h, "div", "class", f->import_err ?
		    "field field-error" : "field", NULL);
		html_elem(&p.h, "label", T(r, "import.file"), "for", "f-csv",
		    NULL);
		if (f->import_err) {
			html_open(&p.h, "div", "class", "field-msg", "id",
			    "e-csv", NULL);
			html_elem(&p.h, "p", f->import_err, NULL);
			if (f->nimport_errs) {
				html_open(&p.h, "ul", "class", "errors", NULL);
				for (i = 0; i < f->nimport_errs; i++)
					html_elem(&p.h, "li",
					    f->import_errs[i], NULL);
				html_close(&p.h);
			}
			html_close(&p.h);
		}
		html_void(&p.h, "input", "type", "file", "id", "f-csv", "name",
		    "csv", "accept", ".csv,text/csv", "required", "",
		    "aria-invalid", f->import_err ? "true" : NULL,
		    "aria-describedby", f->import_err ? "e-csv" : NULL, NULL);
		html_close(&p.h);
		if (f->import_dup) {
			html_open(&p.h, "label", "class", "choice", NULL);
			html_void(&p.h, "input", "type", "checkbox", "name",
			    "force", "value", "1", "id", "f-force", NULL);
			html_elem(&p.h, "span", T(r, "import.force"), NULL);
			html_close(&p.h);
		}
		form_submit(&p, T(r, "import.submit"), "btn btn-secondary");
		html_close(&p.h);
		html_close(&p.h);

		/* The button asks first (page_round_close without confirm). */
		html_open(&p.h, "section", "class", "panel panel-danger", NULL);
		html_elem(&p.h, "h2", T(r, "round.close"), NULL);
		html_elem(&p.h, "p", T(r, "round.close_help"), "class", "help",
		    NULL);
		form_button(&p, arena_printf(&r->arena, "%s/close", base),
		    T(r, "round.close_ask"), "btn btn-danger");
		html_close(&p.h);
	}
	if (!v.round.open && page_can_admin(r)) {
		html_open(&p.h, "section", "class", "panel", NULL);
		html_elem(&p.h, "h2", T(r, "round.reopen"), NULL);
		html_elem(&p.h, "p", T(r, "round.reopen_help"), "class", "help",
		    NULL);
		if (r->auth.org_role == ORG_ADMIN)
			form_button(&p, arena_printf(&r->arena, "%s/reopen",
			    base), T(r, "round.reopen"), "btn btn-secondary");
		else
			html_elem(&p.h, "p", T(r, "round.reopen_admin_only"),
			    "class", "help", NULL);
		html_close(&p.h);
	}
	return page_end(&p, status);
}

int
page_round(struct req *r)
{
	static const struct round_form none = { .name = "" };

	return round_page(r, &none, 200);
}

int
page_round_links_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct respondent q;
	const char *role = req_field(r, "role");
	struct round round;
	int64_t id;
	char *addr = NULL;
	int k, rc;

	struct round_form f = { 0 };

	memset(&q, 0, sizeof(q));
	k = role ? diag_role_from_key(role, strlen(role)) : -1;
	if (k < 0)
		f.err_role = T(r, "form.err.choose");
	q.name = f.name = form_text(r, "name", FT_RESP_NAME, false,
	    &f.err_name);
	q.department = f.dept = form_text(r, "department", FT_RESP_DEPT, false,
	    &f.err_dept);
	f.email = req_field(r, "email") != NULL ? req_field(r, "email") : "";
	if (mail_on(req_app(r)) && f.email[0] != '\0' &&
	    account_email_norm(&r->arena, f.email, &addr) != 0)
		f.err_email = T(r, "account.email_bad");
	if (f.err_role != NULL || f.err_name != NULL || f.err_dept != NULL ||
	    f.err_email != NULL)
		return round_page(r, &f, PAGE_INVALID);
	q.role = (enum diag_role)k;
	q.round_id = req_param_id(r, "id");
	q.org_id = r->org_id;
	q.via = "personal";
	c = db_acquire(db);
	rc = round_get(c, &r->arena, q.round_id, r->org_id, &round);
	if (rc == 0 && !round.open)
		rc = 409;
	/* the respondent and their address commit together */
	if (rc == 0 && (rc = db_begin(c)) == DB_OK) {
		rc = resp_create(c, &q, &id);
		if (rc == DB_OK && addr != NULL)
			rc = mailq_resp_set(c, id, r->org_id, addr);
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc == 409)
		return 409;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/rounds/%" PRId64, r->org_id, q.round_id));
}

/* Queue a reminder to each personal respondent with an address who has
 * not finished; once a day per respondent (the dedupe key names the
 * day), so a second press the same day sends nothing more. */
int
page_round_remind_post(struct req *r)
{
	const struct app *a = req_app(r);
	struct db_conn *c;
	struct round round;
	struct round_form f = { .name = "" };
	int64_t id = req_param_id(r, "id"), now = account_now();
	long n = 0;
	int rc;

	if (!mail_on(a))
		return 404;
	c = db_acquire(a->db);
	rc = round_get(c, &r->arena, id, r->org_id, &round);
	if (rc == 0 && !round.open)
		rc = 409;
	if (rc == 0 && (rc = db_begin(c)) == DB_OK) {
		rc = mail_round_remind(a, c, &r->arena, page_base_url(r), id,
		    r->org_id, (enum lang)page_lang_of(r), arena_printf(
		    &r->arena, "manual-%s", page_day_jst(r, now)), now, &n);
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	db_release(a->db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc == 409)
		return 409;
	if (rc != DB_OK)
		return 503;
	if (n > 0)
		mail_wake(a);
	f.notice = Tn(r, "round.reminded", n, 0);
	return round_page(r, &f, 200);
}

/*
 * Closing cannot be undone by a tap, so the button asks first: without
 * confirm=1 the answer is a page that says who would be counted and who
 * would be left out, with the button that really closes.
 */
static int
round_close_ask(struct req *r)
{
	struct round_view v;
	struct round_progress pr;
	struct page p;
	const char *base;
	int st;

	if ((st = round_load(r, &v)) != 0)
		return st;
	base = arena_printf(&r->arena, "/o/%" PRId64 "/rounds/%" PRId64,
	    r->org_id, v.round.id);
	if (!v.round.open)
		return req_redirect(r, base);
	round_progress_of(v.resp, v.n, &pr);
	page_begin(&p, r, T(r, "round.close_confirm"));
	html_elem(&p.h, "a", T(r, "round.close_no"), "href", base, "class",
	    "back", NULL);
	page_h1(&p, T(r, "round.close_confirm"));
	html_elem(&p.h, "p", v.round.title, "class", "lead", NULL);
	html_open(&p.h, "ul", "class", "progress-list", NULL);
	html_elem(&p.h, "li", Tn(r, "round.close_counted", pr.complete, 0),
	    NULL);
	html_elem(&p.h, "li", Tn(r, "round.close_started", pr.started, 0),
	    "class", pr.started ? "warn" : NULL, NULL);
	html_elem(&p.h, "li", Tn(r, "round.close_untouched", pr.untouched, 0),
	    NULL);
	html_close(&p.h);
	if (pr.started > 0)
		page_notice(&p, "error", Tn(r, "round.close_started_warn",
		    pr.started, 0));
	if (pr.complete == 0)
		page_notice(&p, "info", T(r, "round.close_nobody"));
	html_elem(&p.h, "p", T(r, "round.close_after"), "class", "help",
	    NULL);
	form_open(&p, arena_printf(&r->arena, "%s/close", base), NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "confirm",
	    "value", "1", NULL);
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "round.close_yes"), "btn btn-danger");
	html_elem(&p.h, "a", T(r, "round.close_no"), "href", base, "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, 200);
}

/*
 * Close or reopen round {id} with fn (round_finish, round_reopen: each
 * moves the peer figures in the same transaction), audit it as ev, and
 * show the round.  Doing it twice changes nothing: the round is shown as
 * it is.
 */
static int
round_change(struct req *r, int (*fn)(struct db_conn *, struct arena *,
    int64_t, int64_t), enum audit_ev ev)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int64_t id = req_param_id(r, "id");
	int rc;

	rc = fn(c, &r->arena, id, r->org_id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, ev,
		    arena_printf(&r->arena, "%" PRId64, id), req_addr(r));
	db_release(db, c);
	if (rc < 0)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/rounds/%" PRId64, r->org_id, id));
}

/* Closing freezes a round and makes its results the organisation's
 * figures for the peer comparison; without confirm=1 it asks first. */
int
page_round_close(struct req *r)
{
	const char *confirm = req_field(r, "confirm");

	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return round_close_ask(r);
	return round_change(r, round_finish, AUDIT_ROUND_CLOSED);
}

/*
 * Only the organisation's own admin reopens a round: it takes the round's
 * figures out of the peer comparison until it closes again.
 */
int
page_round_reopen(struct req *r)
{
	if (r->auth.org_role != ORG_ADMIN)
		return 403;
	return round_change(r, round_reopen, AUDIT_ROUND_REOPENED);
}

int
page_round_qr(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *which = req_param(r, "which");
	int64_t id = req_param_id(r, "id");
	struct respondent q;
	struct round round;
	struct html h;
	const char *url;
	long rid = 0;
	int rc;

	c = db_acquire(db);
	rc = round_get(c, &r->arena, id, r->org_id, &round);
	if (rc == 0 && strcmp(which, "shared.svg") != 0) {
		struct str s = str_c(which), head;

		if (str_cut(s, '.', &head).p == NULL ||
		    str_to_long(head, 1, INT64_MAX / 2, &rid) != 0)
			rc = DB_DONE;
		else if ((rc = resp_get(c, &r->arena, rid, &q)) == 0 &&
		    (q.round_id != id || q.org_id != r->org_id))
			rc = DB_DONE;
	}
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	url = rid ? link_url(r, LINK_RESPONDENT, rid) :
	    link_url(r, LINK_SHARED, id);
	buf_reset(&r->out);
	html_init(&h, &r->out);
	html_raw_trusted(&h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (qr_svg(&h, url, T(r, "round.qr_open")) != 0)
		return 500;
	return req_send(r, 200, "image/svg+xml");
}


/*
 * Answers collected on paper, as CSV: the reader `mamori diagnosis score`
 * uses.  The file goes in whole or not at all; every mistake is listed by
 * line and column.  Rows already imported into the round (resp_find_dups:
 * the same position, name and answers) refuse the file, naming the lines
 * and when they came in, unless the admin ticks "import anyway".
 */
int
page_round_import(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const struct kv *f = req_field_kv(r, "csv");
	const char *force = req_field(r, "force");
	bool forced = force != NULL && strcmp(force, "1") == 0;
	struct diag_csv csv;
	struct resp_dup dup;
	struct round round;
	struct round_form form = { .name = "" };
	const char **msgs;
	size_t i;
	int rc;

	if (f == NULL || f->val.n == 0) {
		form.import_err = T(r, "import.none");
		form.import_errs = (const char *const[]){
		    T(r, "import.err.empty") };
		form.nimport_errs = 1;
		return round_page(r, &form, PAGE_INVALID);
	}
	if (diag_csv_parse(f->val.p, f->val.n, 0, &r->arena, &csv) != 0) {
		msgs = arena_alloc(&r->arena, csv.n_err * sizeof(*msgs));
		for (i = 0; i < csv.n_err; i++) {
			const struct diag_csv_error *e = &csv.err[i];

			msgs[i] = arena_printf(&r->arena, "%s: %s%s%s%s",
			    Tn(r, "import.where", (long)e->line,
			    (long)e->column), T(r, arena_printf(&r->arena,
			    "import.err.%s", diag_csv_code(e->code))),
			    e->value[0] ? " (“" : "", e->value,
			    e->value[0] ? "”)" : "");
		}
		form.import_err = T(r, "import.failed");
		form.import_errs = msgs;
		form.nimport_errs = csv.n_err;
		return round_page(r, &form, PAGE_INVALID);
	}
	c = db_acquire(db);
	rc = round_get(c, &r->arena, req_param_id(r, "id"), r->org_id, &round);
	if (rc == 0 && !round.open)
		rc = 409;
	if (rc == 0 && (rc = resp_import(c, &r->arena, round.id, r->org_id,
	    csv.resp, csv.n_resp, forced, &dup)) == DB_DONE)
		rc = 409;	/* closed meanwhile */
	if (rc == DB_OK && (dup.n == 0 || forced))
		audit(c, r->org_id, r->auth.user_id, dup.n ?
		    AUDIT_ANSWERS_REIMPORTED : AUDIT_ANSWERS_IMPORTED,
		    arena_printf(&r->arena, "%zu", csv.n_resp), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc == 409)
		return 409;
	if (rc != DB_OK)
		return 503;
	if (dup.n > 0 && !forced) {
		msgs = arena_alloc(&r->arena, (dup.n + 1) * sizeof(*msgs));
		msgs[0] = arena_printf(&r->arena, "%s %s", T(r,
		    "import.dup_when"), page_time(r, dup.imported_at));
		for (i = 0; i < dup.n; i++)
			msgs[i + 1] = Tn(r, "import.dup_line",
			    (long)csv.line[dup.row[i]], (long)dup.resp[i]);
		form.import_err = Tn(r, "import.dup", (long)dup.n,
		    (long)csv.n_resp);
		form.import_errs = msgs;
		form.nimport_errs = dup.n + 1;
		form.import_dup = true;
		return round_page(r, &form, PAGE_INVALID);
	}
	form.notice = Tn(r, "import.done", (long)csv.n_resp, 0);
	return round_page(r, &form, 200);
}

/* ---- deadline ---- */

/*
 * The day answers are asked for; blank removes it.  A date that is not a
 * real YYYY-MM-DD day is shown again next to the field.
 */
int
page_round_deadline(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round_form f = { .name = "" };
	int64_t id = req_param_id(r, "id");
	const char *date;
	int rc;

	date = form_text(r, "deadline", FT_DATE, false, &f.err_deadline);
	f.deadline = date;
	if (f.err_deadline == NULL && date[0] != '\0' &&
	    !round_deadline_ok(date))
		f.err_deadline = T(r, "round.err.deadline");
	if (f.err_deadline != NULL)
		return round_page(r, &f, PAGE_INVALID);
	c = db_acquire(db);
	rc = round_set_deadline(c, id, r->org_id, date);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	f.deadline = NULL;
	f.notice = T(r, "round.deadline_saved");
	return round_page(r, &f, 200);
}

/*
 * The most respondents the round's shared link may make, as its admin
 * sets it (any whole number 1…ROUND_SHARED_CAP_MAX; the default is shown
 * until then).  Audited with the old and the new cap.
 */
int
page_round_shared_cap(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round_form f = { .name = "" };
	struct round_view v;
	const char *s;
	long cap = 0;
	int rc, st;

	s = form_text(r, "cap", FT_COUNT, true, &f.err_cap);
	f.cap = s;
	if (f.err_cap == NULL && str_to_long(str_c(s), 1,
	    ROUND_SHARED_CAP_MAX, &cap) != 0)
		f.err_cap = Tn(r, "round.err.shared_cap", ROUND_SHARED_CAP_MAX,
		    0);
	if (f.err_cap != NULL)
		return round_page(r, &f, PAGE_INVALID);
	if ((st = round_load(r, &v)) != 0)
		return st;
	c = db_acquire(db);
	rc = round_set_shared_cap(c, v.round.id, r->org_id, cap);
	if (rc == DB_OK && cap != v.shared_cap)
		audit(c, r->org_id, r->auth.user_id, AUDIT_SHARED_CAP,
		    arena_printf(&r->arena, "%" PRId64 " %ld %ld", v.round.id,
		    v.shared_cap, cap), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	f.cap = NULL;
	f.notice = T(r, "round.shared_cap_saved");
	return round_page(r, &f, 200);
}

/* ---- on paper ---- */

/* The questionnaire's texts and links for this request; 0 or a status. */
static int
paper_in(struct req *r, struct questionnaire_in *in)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	memset(in, 0, sizeof(*in));
	c = db_acquire(db);
	rc = report_questionnaire_in(c, &r->arena, r->org_id,
	    req_param_id(r, "id"), page_base_url(r), req_app(r)->secret, in);
	db_release(db, c);
	if (rc == REPORT_ERR_NOT_FOUND)
		return 404;
	if (rc != REPORT_OK)
		return 503;
	in->ct = &req_app(r)->content;
	in->lang = reader_lang(r);
	return 0;
}

struct paper_job {
	struct questionnaire_in	 in;
	struct buf		 out;
	char			 err[256];
	int			 rc;
};

static void
paper_work(void *arg)
{
	struct paper_job *j = arg;

	j->rc = report_questionnaire_pdf(&j->in, &j->out, j->err,
	    sizeof(j->err));
}

static int
paper_finish(struct req *r, struct paper_job *j)
{
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		req_header(r, "Content-Disposition", arena_printf(&r->arena,
		    "inline; filename=\"questionnaire-%" PRId64 ".pdf\"",
		    req_param_id(r, "id")));
		st = req_send(r, 200, "application/pdf");
	} else {
		log_err("paper", "%s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	return st;
}

/* The questionnaire to print, as a PDF built on the worker pool. */
int
page_round_paper(struct req *r)
{
	struct paper_job *j;
	int st;

	if (r->resumed)
		return paper_finish(r, r->work_arg);
	j = arena_alloc(&r->arena, sizeof(*j));
	if ((st = paper_in(r, &j->in)) != 0)
		return st;
	buf_init(&j->out, 0);
	return req_offload(r, paper_work, j);
}

/* The CSV template of the import, in the reader's language. */
int
page_round_template(struct req *r)
{
	struct questionnaire_in in;
	int st;

	if ((st = paper_in(r, &in)) != 0)
		return st;
	buf_reset(&r->out);
	report_questionnaire_csv(&in, &r->out);
	req_header(r, "Content-Disposition", arena_printf(&r->arena,
	    "attachment; filename=\"answers-%" PRId64 ".csv\"",
	    req_param_id(r, "id")));
	return req_send(r, 200, "text/csv; charset=utf-8");
}

/*
 * A sheet to post on a notice board: the company, the round, the shared
 * link's QR code as large as the page allows, the link as text and one
 * line on what to do.  The site's header and this page's help are left
 * out when printed.
 */
int
page_round_sheet(struct req *r)
{
	struct questionnaire_in in;
	struct page p;
	const char *day;
	int st;

	if ((st = paper_in(r, &in)) != 0)
		return st;
	page_begin(&p, r, T(r, "qrsheet.title"));
	html_elem(&p.h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/rounds/%" PRId64, r->org_id,
	    req_param_id(r, "id")), "class", "back", NULL);
	html_elem(&p.h, "p", T(r, "qrsheet.print"), "class",
	    "help no-print", NULL);
	html_open(&p.h, "article", "class", "qr-sheet", NULL);
	if (in.org_name != NULL)
		html_elem(&p.h, "p", in.org_name, "class", "qr-sheet-org",
		    NULL);
	page_h1(&p, in.round_title);
	html_elem(&p.h, "p", T(r, "qrsheet.scan"), "class",
	    "qr-sheet-scan", NULL);
	html_open(&p.h, "div", "class", "qr-sheet-code", NULL);
	if (qr_svg(&p.h, in.url, T(r, "paper.qr_alt")) != 0)
		html_elem(&p.h, "p", in.url, NULL);
	html_close(&p.h);
	if ((day = report_day(&r->arena, in.deadline, in.lang)) != NULL)
		html_elem(&p.h, "p", arena_printf(&r->arena, "%s: %s",
		    T(r, "paper.deadline"), day), "class",
		    "qr-sheet-deadline", NULL);
	html_elem(&p.h, "p", T(r, "qrsheet.link"), "class", "help", NULL);
	html_elem(&p.h, "p", in.url, "class", "qr-sheet-url", NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

/* The round page's base path. */
static const char *
round_base(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/rounds/%" PRId64,
	    r->org_id, id);
}

/* A respondent's facts on a confirmation page. */
static void
resp_facts(struct page *p, const struct respondent *q)
{
	struct req *r = p->r;
	struct diag_resp d = { .ans = { 0 } };

	memcpy(d.ans, q->ans, DIAG_ITEMS);
	html_open(&p->h, "dl", "class", "peer-figures", NULL);
	html_elem(&p->h, "dt", T(r, "resp.name"), NULL);
	html_elem(&p->h, "dd", q->name[0] ? q->name : T(r, "resp.no_name"),
	    NULL);
	html_elem(&p->h, "dt", T(r, "resp.role"), NULL);
	html_elem(&p->h, "dd", T(r, arena_printf(&r->arena, "resp.role.%s",
	    diag_role_key(q->role))), NULL);
	html_elem(&p->h, "dt", T(r, "resp.progress"), NULL);
	html_elem(&p->h, "dd", q->complete ? T(r, "resp.done") :
	    arena_printf(&r->arena, "%d / %d", diag_resp_answered(&d),
	    DIAG_ITEMS), NULL);
	html_elem(&p->h, "dt", T(r, "resp.via"), NULL);
	html_elem(&p->h, "dd", T(r, arena_printf(&r->arena, "resp.via.%s",
	    q->via)), NULL);
	html_close(&p->h);
}

/* Audit detail of a respondent (AUDIT_D_RESP): "round id from name". */
static const char *
resp_audit(struct req *r, int64_t round_id, const struct respondent *q,
    int64_t from)
{
	return arena_printf(&r->arena, "%" PRId64 " %" PRId64 " %" PRId64
	    " %s", round_id, q->id, from, q->name);
}

/* The end of a confirmation page: the button that does it, and the way
 * back without doing it. */
static void
confirm_form(struct page *p, const char *action, const char *yes,
    const char *const *hidden, const char *base)
{
	struct req *r = p->r;
	size_t i;

	form_open(p, action, NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "confirm",
	    "value", "1", NULL);
	for (i = 0; hidden && hidden[i]; i += 2)
		html_void(&p->h, "input", "type", "hidden", "name", hidden[i],
		    "value", hidden[i + 1], NULL);
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, yes, "btn btn-danger");
	html_elem(&p->h, "a", T(r, "resp.keep_back"), "href", base, "class",
	    "btn btn-secondary", NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/*
 * Delete one respondent.  Without confirm=1 the answer is a page naming
 * the person and saying it cannot be undone; with it the respondent goes,
 * and on a closed round the results and the peer figures are worked out
 * again in the same transaction (resp_delete).
 */
int
page_round_resp_delete(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int64_t id = req_param_id(r, "id"), rid = req_param_id(r, "rid");
	const char *confirm = req_field(r, "confirm");
	const char *base = round_base(r, id), *action;
	const struct respondent *q;
	struct round_view v;
	struct page p;
	int st, rc;

	if ((st = round_load(r, &v)) != 0)
		return st;
	if ((q = view_resp(&v, rid)) == NULL)
		return 404;
	action = arena_printf(&r->arena, "%s/respondents/%" PRId64
	    "/delete", base, rid);
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		page_begin(&p, r, T(r, "resp.delete_confirm"));
		html_elem(&p.h, "a", T(r, "resp.keep_back"), "href", base,
		    "class", "back", NULL);
		page_h1(&p, T(r, "resp.delete_confirm"));
		html_elem(&p.h, "p", v.round.title, "class", "lead", NULL);
		resp_facts(&p, q);
		page_notice(&p, "error", T(r, "resp.delete_undo"));
		if (!v.round.open)
			page_notice(&p, "info", T(r, "resp.closed_refigure"));
		confirm_form(&p, action, T(r, "resp.delete_yes"), NULL, base);
		return page_end(&p, 200);
	}
	c = db_acquire(db);
	rc = resp_delete(c, &r->arena, id, r->org_id, rid);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_RESP_DELETED,
		    resp_audit(r, id, q, 0), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, base);
}

/* A posted respondent id of the view into *out; the error text, or
 * NULL. */
static const char *
merge_pick(struct req *r, const struct round_view *v, const char *name,
    const struct respondent **out)
{
	const char *s = req_field(r, name);
	long id;

	*out = NULL;
	if (s == NULL || s[0] == '\0')
		return T(r, "form.err.choose");
	if (str_to_long(str_c(s), 1, INT64_MAX / 2, &id) != 0 ||
	    (*out = view_resp(v, id)) == NULL)
		return T(r, "merge.err.gone");
	return NULL;
}

/*
 * Merge two respondents, the same person who answered twice: the one to
 * keep takes the answers it lacks from the other, which then goes.
 * Without confirm=1 the answer is a page showing both, what the merge
 * will fill and that differing answers keep the kept one's.
 */
int
page_round_merge(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int64_t id = req_param_id(r, "id");
	const char *confirm = req_field(r, "confirm");
	const char *base = round_base(r, id);
	const struct respondent *keep, *drop;
	struct round_form f = { .name = "" };
	struct resp_merge m;
	unsigned char ans[DIAG_ITEMS];
	struct round_view v;
	struct page p;
	int st, rc;

	if ((st = round_load(r, &v)) != 0)
		return st;
	f.keep = req_field(r, "keep");
	f.drop = req_field(r, "drop");
	f.err_keep = merge_pick(r, &v, "keep", &keep);
	f.err_drop = merge_pick(r, &v, "drop", &drop);
	if (f.err_keep == NULL && f.err_drop == NULL && keep == drop)
		f.err_drop = T(r, "merge.err.same");
	if (f.err_keep != NULL || f.err_drop != NULL)
		return round_page(r, &f, PAGE_INVALID);
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		memcpy(ans, keep->ans, DIAG_ITEMS);
		resp_merge_answers(ans, drop->ans, &m);
		page_begin(&p, r, T(r, "merge.confirm"));
		html_elem(&p.h, "a", T(r, "resp.keep_back"), "href", base,
		    "class", "back", NULL);
		page_h1(&p, T(r, "merge.confirm"));
		html_elem(&p.h, "p", v.round.title, "class", "lead", NULL);
		html_elem(&p.h, "h2", T(r, "merge.keep"), NULL);
		resp_facts(&p, keep);
		html_elem(&p.h, "h2", T(r, "merge.drop"), NULL);
		resp_facts(&p, drop);
		html_open(&p.h, "ul", "class", "progress-list", NULL);
		html_elem(&p.h, "li", Tn(r, "merge.filled", m.filled, 0),
		    NULL);
		html_elem(&p.h, "li", Tn(r, "merge.conflicts", m.conflicts, 0),
		    "class", m.conflicts ? "warn" : NULL, NULL);
		html_elem(&p.h, "li", T(r, m.complete ? "merge.complete" :
		    "merge.incomplete"), NULL);
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "merge.rule"), "class", "help",
		    NULL);
		page_notice(&p, "error", T(r, "merge.undo"));
		if (!v.round.open)
			page_notice(&p, "info", T(r, "resp.closed_refigure"));
		confirm_form(&p, arena_printf(&r->arena, "%s/merge", base),
		    T(r, "merge.yes"), (const char *const[]){ "keep", f.keep,
		    "drop", f.drop, NULL }, base);
		return page_end(&p, 200);
	}
	c = db_acquire(db);
	rc = resp_merge(c, &r->arena, id, r->org_id, keep->id, drop->id,
	    &m);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_RESP_MERGED,
		    resp_audit(r, id, keep, drop->id), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, base);
}
