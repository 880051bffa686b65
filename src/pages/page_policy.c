/*
 * page_policy: the basic security policy — written from the template,
 * saved as numbered versions, compared, approved by the organisation
 * admin, published at /p/{slug}/policy (no sign-in) and taken down again.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diff.h"
#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/org.h"
#include "model/policy.h"
#include "pages/pages.h"
#include "report/policy_doc.h"
#include "report/report.h"

/* Everything a policy page shows, loaded at once. */
struct pol {
	struct org		 org;
	bool			 has;	/* a version exists */
	struct policy_version	 v;	/* the one shown (the latest unless ?v=) */
	struct policy_version	 latest;
	struct policy_pub	 pub;
};

static const struct policy_pack *
pack(const struct req *r)
{
	return &req_app(r)->content.policy;
}

static enum lang
body_lang(const struct policy_body *b)
{
	int l = lang_from_key(b->lang);

	return l < 0 ? LANG_JA : (enum lang)l;
}

/* t with every {company} replaced by company. */
static const char *
fill(struct arena *a, const char *t, const char *company)
{
	struct buf b = BUF_INIT;
	const char *p;
	char *s;

	while ((p = strstr(t, "{company}")) != NULL) {
		buf_add(&b, t, (size_t)(p - t));
		buf_adds(&b, company);
		t = p + 9;
	}
	buf_adds(&b, t);
	s = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

/* A new policy: the template in language l, for organisation o. */
static void
template_body(struct req *r, const struct org *o, enum lang l,
    struct policy_body *b)
{
	const struct policy_pack *pp = pack(r);
	struct arena *a = &r->arena;
	int i;

	memset(b, 0, sizeof(*b));
	b->lang = lang_key(l);
	b->company = o->name;
	b->scope = PS_BOTH;	/* the safe choice when in doubt */
	b->scope_text = fill(a, pp->scope[PS_BOTH].text.t[l], o->name);
	b->preamble = fill(a, pp->preamble.t[l], o->name);
	for (i = 0; i < PC__MAX; i++) {
		b->c[i].title = fill(a, pp->c[i].title.t[l], o->name);
		b->c[i].text = fill(a, pp->c[i].text.t[l], o->name);
	}
	b->closing = fill(a, pp->closing.t[l], o->name);
	b->enacted = b->rep_title = b->rep_name = "";
}

/* Load the organisation, its publication and a version: ?v=N, else the
 * latest.  0 or an HTTP status. */
static int
pol_load(struct req *r, struct pol *x, bool want_version)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	const char *vq = req_query(r, "v");
	long v = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	rc = org_get(c, &r->arena, r->org_id, &x->org);
	if (rc == 0)
		rc = policy_pub_get(c, &r->arena, r->org_id, &x->pub);
	if (rc == 0) {
		rc = policy_latest(c, &r->arena, r->org_id, &x->latest);
		x->has = rc == DB_OK;
		if (rc == DB_DONE)
			rc = 0;
	}
	x->v = x->latest;
	if (rc == 0 && x->has && want_version && vq != NULL) {
		if (str_to_long(str_c(vq), 1, 1000000, &v) != 0)
			rc = DB_DONE;
		else
			rc = policy_get(c, &r->arena, r->org_id, (int)v, &x->v);
	}
	db_release(db, c);
	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

static const char *
field_label(const struct req *r, enum policy_field f)
{
	return TR(r, &pack(r)->field[f].label);
}

/* Paragraphs of t, one <p> a line. */
static void
paragraphs(struct page *p, const char *t, const char *klass)
{
	struct str s = str_c(t), line;

	while (s.n > 0) {
		s = str_cut(s, '\n', &line);
		line = str_trim(line);
		if (line.n == 0)
			continue;
		html_open(&p->h, "p", "class", klass, NULL);
		html_textn(&p->h, line);
		html_close(&p->h);
	}
}

/* A field's text, or in a draft preview a marked gap naming it. */
static void
text_or_gap(struct page *p, const char *tag, const char *t,
    enum policy_field f, bool preview)
{
	struct req *r = p->r;

	if (policy_filled(t)) {
		html_elem(&p->h, tag, t, NULL);
		return;
	}
	if (preview)
		html_elem(&p->h, tag, arena_printf(&r->arena, "［%s］",
		    field_label(r, f)), "class", "gap", NULL);
}

/* The policy as a reader sees it: on the organisation's pages (preview:
 * gaps marked) and on the public page. */
static void
policy_article(struct page *p, const struct policy_body *b, bool preview)
{
	struct req *r = p->r;
	const struct policy_pack *pp = pack(r);
	enum lang l = body_lang(b);
	int i;

	html_open(&p->h, "article", "class", "policy", "lang", lang_key(l),
	    NULL);
	html_elem(&p->h, "h1", pp->title.t[l], NULL);
	if (policy_filled(b->preamble))
		paragraphs(p, b->preamble, NULL);
	else
		text_or_gap(p, "p", "", PF_PREAMBLE, preview);
	text_or_gap(p, "p", b->scope_text, PF_SCOPE, preview);
	html_open(&p->h, "ol", "class", "policy-commitments", NULL);
	for (i = 0; i < PC__MAX; i++) {
		html_open(&p->h, "li", NULL);
		text_or_gap(p, "h2", b->c[i].title, PF_COMMITMENTS, preview);
		if (policy_filled(b->c[i].text))
			paragraphs(p, b->c[i].text, NULL);
		else
			text_or_gap(p, "p", "", PF_COMMITMENTS, preview);
		html_close(&p->h);
	}
	html_close(&p->h);
	paragraphs(p, b->closing, NULL);
	html_open(&p->h, "div", "class", "policy-sign", NULL);
	if (policy_date_ok(b->enacted))
		html_elem(&p->h, "p", report_policy_enacted(&r->arena,
		    b->enacted, l), NULL);
	else
		text_or_gap(p, "p", "", PF_ENACTED, preview);
	text_or_gap(p, "p", b->company, PF_COMPANY, preview);
	if (policy_filled(b->rep_title) &&
	    policy_filled(b->rep_name))
		html_elem(&p->h, "p", arena_printf(&r->arena, "%s　%s",
		    b->rep_title, b->rep_name), NULL);
	else {
		text_or_gap(p, "p", b->rep_title, PF_REP_TITLE, preview);
		text_or_gap(p, "p", b->rep_name, PF_REP_NAME, preview);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* The list of fields still empty, as "A、B" in the reader's language. */
static const char *
missing_list(struct req *r, const bool missing[PF__MAX])
{
	struct buf b = BUF_INIT;
	const char *s;
	int f, k = 0;

	for (f = 0; f < PF__MAX; f++)
		if (missing[f]) {
			if (k++)
				buf_adds(&b, T(r, "policy.list_sep"));
			buf_adds(&b, field_label(r, (enum policy_field)f));
		}
	s = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

static void
pol_head(struct page *p, const struct pol *x, const char *title)
{
	struct req *r = p->r;

	html_elem(&p->h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64, r->org_id), "class", "back", NULL);
	html_elem(&p->h, "p", x->org.name, "class", "org-name", NULL);
	page_h1(p, title);
}

static const char *
org_path(struct req *r, const char *rest)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/policy%s", r->org_id,
	    rest);
}

static const char *
public_url(struct req *r, const char *slug, const char *suffix)
{
	return arena_printf(&r->arena, "%s/p/%s/policy%s", page_base_url(r),
	    slug, suffix);
}

/*
 * The policy page: where it stands (draft, approved, public), what is
 * still missing, the actions the caller may take, and the text.
 * notice/kind add a message; slug_err and slug keep a refused
 * publication form.
 */
static int
policy_page(struct req *r, struct pol *x, const char *kind,
    const char *notice, const char *slug, const char *slug_err, int status)
{
	struct page p;
	bool missing[PF__MAX], is_latest;
	int nmiss = 0;

	page_begin(&p, r, T(r, "policy.title"));
	pol_head(&p, x, T(r, "policy.title"));
	if (notice != NULL)
		page_notice(&p, kind, notice);
	if (!x->has) {
		html_elem(&p.h, "p", T(r, "policy.intro"), "class", "lead",
		    NULL);
		if (page_can_admin(r))
			html_elem(&p.h, "a", T(r, "policy.start"), "href",
			    org_path(r, "/edit"), "class", "btn", NULL);
		else
			html_elem(&p.h, "p", T(r, "policy.none"), "class",
			    "help", NULL);
		return page_end(&p, status);
	}
	is_latest = x->v.version == x->latest.version;
	nmiss = policy_missing(&x->latest.b, missing);

	/* Where it stands. */
	html_open(&p.h, "section", "class", "panel policy-status", NULL);
	html_open(&p.h, "dl", "class", "facts", NULL);
	html_elem(&p.h, "dt", T(r, "policy.latest"), NULL);
	html_open(&p.h, "dd", NULL);
	html_text(&p.h, Tn(r, "policy.version_n", x->latest.version, 0));
	html_text(&p.h, " ");
	html_elem(&p.h, "span", T(r, x->latest.approved_at ?
	    "policy.approved" : "policy.draft"), "class",
	    x->latest.approved_at ? "tag tag-open" : "tag", NULL);
	html_close(&p.h);
	html_elem(&p.h, "dt", T(r, "policy.public"), NULL);
	html_open(&p.h, "dd", NULL);
	if (x->pub.published) {
		const char *url = public_url(r, x->pub.slug, "");

		html_text(&p.h, Tn(r, "policy.public_version",
		    x->pub.version, 0));
		html_text(&p.h, " ");
		html_elem(&p.h, "a", url, "href", url, "class", "public-url",
		    NULL);
	} else
		html_text(&p.h, T(r, "policy.not_public"));
	html_close(&p.h);
	html_close(&p.h);
	if (nmiss > 0) {
		html_open(&p.h, "p", "class", "missing-fields", NULL);
		html_text(&p.h, T(r, "policy.missing"));
		html_text(&p.h, " ");
		html_elem(&p.h, "strong", missing_list(r, missing), NULL);
		html_close(&p.h);
	}

	/* What the caller may do. */
	if (page_can_admin(r)) {
		html_open(&p.h, "div", "class", "actions", NULL);
		html_elem(&p.h, "a", T(r, "policy.edit"), "href",
		    org_path(r, "/edit"), "class", "btn", NULL);
		/* only the company's own admin approves: an advisor is
		 * not offered a button that would refuse them */
		if (!x->latest.approved_at && nmiss == 0 &&
		    r->auth.org_role == ORG_ADMIN) {
			form_open(&p, org_path(r, "/approve"), NULL);
			html_void(&p.h, "input", "type", "hidden", "name",
			    "version", "value", arena_printf(&r->arena, "%d",
			    x->latest.version), NULL);
			form_submit(&p, Tn(r, "policy.approve",
			    x->latest.version, 0), "btn-secondary");
			html_close(&p.h);
		}
		if (x->pub.published)
			form_button(&p, org_path(r, "/unpublish"),
			    T(r, "policy.unpublish"), "btn-secondary");
		html_close(&p.h);
		if (!x->latest.approved_at)
			html_elem(&p.h, "p", T(r, nmiss == 0 &&
			    r->auth.org_role != ORG_ADMIN ?
			    "policy.approve_ask" : "policy.approve_help"),
			    "class", "help", NULL);
		/* Publishing: the address, kept when refused. */
		form_open(&p, org_path(r, "/publish"), NULL);
		html_elem(&p.h, "h2", T(r, "policy.publish_title"), NULL);
		html_elem(&p.h, "p", T(r, "policy.publish_help"), "class",
		    "help", NULL);
		form_field(&p, "slug", FT_SLUG, T(r, "policy.slug"), NULL,
		    slug != NULL ? slug : x->pub.slug, slug_err, "off", true);
		form_submit(&p, T(r, x->pub.published ? "policy.republish" :
		    "policy.publish"), NULL);
		html_close(&p.h);
	}
	html_open(&p.h, "p", "class", "links", NULL);
	html_elem(&p.h, "a", T(r, "policy.versions"), "href",
	    org_path(r, "/versions"), NULL);
	html_text(&p.h, " · ");
	html_elem(&p.h, "a", T(r, "policy.pdf"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/policy/pdf?v=%d",
	    r->org_id, x->v.version), NULL);
	html_close(&p.h);
	html_close(&p.h);

	/* The text. */
	if (!is_latest)
		page_notice(&p, "info", Tn(r, "policy.old_version",
		    x->v.version, x->latest.version));
	policy_article(&p, &x->v.b, true);
	return page_end(&p, status);
}

int
page_policy(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	const char *saved = req_query(r, "saved"), *notice = NULL;
	int st;

	if ((st = pol_load(r, x, true)) != 0)
		return st;
	if (saved != NULL)
		notice = strcmp(saved, "same") == 0 ? T(r, "policy.unchanged") :
		    T(r, "form.saved");
	else if (req_query(r, "approved"))
		notice = T(r, "policy.approved_now");
	else if (req_query(r, "published"))
		notice = T(r, "policy.published_now");
	else if (req_query(r, "unpublished"))
		notice = T(r, "policy.unpublished_now");
	return policy_page(r, x, "ok", notice, NULL, NULL, 200);
}

/* ---- editing ---- */

/* One error slot per field, so each error is shown at its own field. */
enum { ERR_COMPANY, ERR_SCOPE, ERR_PREAMBLE, ERR_TITLE0,
    ERR_TEXT0 = ERR_TITLE0 + PC__MAX, ERR_CLOSING = ERR_TEXT0 + PC__MAX,
    ERR_ENACTED, ERR_REP_TITLE, ERR_REP_NAME, ERR__MAX };

static int
edit_form(struct req *r, const struct pol *x, const struct policy_body *b,
    const char *const err[ERR__MAX], int status)
{
	const struct policy_pack *pp = pack(r);
	struct page p;
	int i, l;

	page_begin(&p, r, T(r, "policy.edit"));
	pol_head(&p, x, T(r, "policy.edit"));
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, x->has ? "policy.edit_help" :
	    "policy.new_help"), "class", "lead", NULL);
	html_open(&p.h, "p", "class", "help", NULL);
	html_text(&p.h, T(r, "policy.template_in"));
	for (l = 0; l < LANG__MAX; l++) {
		html_text(&p.h, " ");
		html_elem(&p.h, "a", T(r, l == LANG_JA ? "lang.ja" : "lang.en"),
		    "href", org_path(r, arena_printf(&r->arena,
		    "/edit?template=%s", lang_key((enum lang)l))), NULL);
	}
	html_close(&p.h);
	form_open(&p, org_path(r, "/edit"), NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "lang", "value",
	    b->lang, NULL);
	form_field(&p, "company", FT_POLICY_LINE, field_label(r, PF_COMPANY),
	    NULL, b->company, err[ERR_COMPANY], "organization", false);

	form_group(&p, "scope", field_label(r, PF_SCOPE),
	    TR(r, &pp->field[PF_SCOPE].help), err[ERR_SCOPE]);
	for (i = 0; i < PS__MAX; i++) {
		html_open(&p.h, "label", "class", "choice", NULL);
		html_void(&p.h, "input", "type", "radio", "name", "scope",
		    "value", policy_scope_key((enum policy_scope)i),
		    "checked", b->scope == i ? "" : NULL,
		    "aria-invalid", err[ERR_SCOPE] ? "true" : NULL, NULL);
		html_elem(&p.h, "span", TR(r, &pp->scope[i].label), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);

	form_field(&p, "preamble", FT_POLICY_TEXT, field_label(r, PF_PREAMBLE),
	    TR(r, &pp->field[PF_PREAMBLE].help), b->preamble,
	    err[ERR_PREAMBLE], NULL, false);
	html_open(&p.h, "fieldset", "class", "field commitments", NULL);
	html_elem(&p.h, "legend", field_label(r, PF_COMMITMENTS), NULL);
	html_elem(&p.h, "p", TR(r, &pp->field[PF_COMMITMENTS].help), "class",
	    "help", NULL);
	for (i = 0; i < PC__MAX; i++) {
		form_field(&p, arena_printf(&r->arena, "c%d_title", i + 1),
		    FT_POLICY_LINE, Tn(r, "policy.c_title", i + 1, 0), NULL,
		    b->c[i].title, err[ERR_TITLE0 + i], "off", false);
		form_field(&p, arena_printf(&r->arena, "c%d_text", i + 1),
		    FT_POLICY_TEXT, Tn(r, "policy.c_text", i + 1, 0), NULL,
		    b->c[i].text, err[ERR_TEXT0 + i], NULL, false);
	}
	html_close(&p.h);
	form_field(&p, "closing", FT_POLICY_TEXT, field_label(r, PF_CLOSING),
	    TR(r, &pp->field[PF_CLOSING].help), b->closing, err[ERR_CLOSING],
	    NULL, false);
	form_field(&p, "enacted", FT_DATE, field_label(r, PF_ENACTED),
	    TR(r, &pp->field[PF_ENACTED].help), b->enacted, err[ERR_ENACTED],
	    "off", false);
	form_field(&p, "rep_title", FT_POLICY_LINE,
	    field_label(r, PF_REP_TITLE), NULL, b->rep_title,
	    err[ERR_REP_TITLE], "organization-title", false);
	form_field(&p, "rep_name", FT_POLICY_LINE, field_label(r, PF_REP_NAME),
	    NULL, b->rep_name, err[ERR_REP_NAME], "name", false);
	html_elem(&p.h, "p", T(r, "policy.save_help"), "class", "help", NULL);
	form_submit(&p, T(r, "policy.save"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_policy_edit(struct req *r)
{
	static const char *const none[ERR__MAX];
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	const char *tq = req_query(r, "template");
	struct policy_body b;
	int st, l;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	l = tq != NULL ? lang_from_key(tq) : -1;
	if (x->has && l < 0)
		b = x->latest.b;
	else
		template_body(r, &x->org, l >= 0 ? (enum lang)l :
		    r->lang >= 0 ? (enum lang)r->lang : LANG_JA, &b);
	return edit_form(r, x, &b, none, 200);
}

int
page_policy_save(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	const char *err[ERR__MAX] = { 0 };
	struct db *db = req_app(r)->db;
	struct policy_body b;
	struct db_conn *c;
	const char *lk;
	int st, i, nerr = 0, rc, version = 0;
	enum lang l;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	memset(&b, 0, sizeof(b));
	lk = req_field(r, "lang");
	l = lk != NULL && lang_from_key(lk) >= 0 ?
	    (enum lang)lang_from_key(lk) : LANG_JA;
	b.lang = lang_key(l);
	b.company = form_text(r, "company", FT_POLICY_LINE, false,
	    &err[ERR_COMPANY]);
	b.scope = policy_scope_from_key(req_field(r, "scope"));
	if (req_field(r, "scope") != NULL && b.scope < 0)
		err[ERR_SCOPE] = T(r, "form.err.choose");
	b.scope_text = b.scope >= 0 ? fill(&r->arena,
	    pack(r)->scope[b.scope].text.t[l], b.company) : "";
	b.preamble = form_text(r, "preamble", FT_POLICY_TEXT, false,
	    &err[ERR_PREAMBLE]);
	for (i = 0; i < PC__MAX; i++) {
		b.c[i].title = form_text(r, arena_printf(&r->arena,
		    "c%d_title", i + 1), FT_POLICY_LINE, false,
		    &err[ERR_TITLE0 + i]);
		b.c[i].text = form_text(r, arena_printf(&r->arena, "c%d_text",
		    i + 1), FT_POLICY_TEXT, false, &err[ERR_TEXT0 + i]);
	}
	b.closing = form_text(r, "closing", FT_POLICY_TEXT, false,
	    &err[ERR_CLOSING]);
	b.enacted = form_text(r, "enacted", FT_DATE, false, &err[ERR_ENACTED]);
	if (b.enacted[0] != '\0' && !policy_date_ok(b.enacted))
		err[ERR_ENACTED] = T(r, "policy.err.date");
	b.rep_title = form_text(r, "rep_title", FT_POLICY_LINE, false,
	    &err[ERR_REP_TITLE]);
	b.rep_name = form_text(r, "rep_name", FT_POLICY_LINE, false,
	    &err[ERR_REP_NAME]);
	for (i = 0; i < ERR__MAX; i++)
		nerr += err[i] != NULL;
	if (nerr > 0)
		return edit_form(r, x, &b, err, PAGE_INVALID);
	c = db_acquire(db);
	rc = policy_save(c, &r->arena, r->org_id, &b, r->auth.user_id,
	    &version);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_POLICY_SAVED,
		    arena_printf(&r->arena, "%d", version), req_addr(r));
	db_release(db, c);
	if (rc != DB_OK && rc != DB_DONE)
		return 503;
	return req_redirect(r, org_path(r, rc == DB_DONE ? "?saved=same" :
	    "?saved=1"));
}

/* ---- approval and publication ---- */

int
page_policy_approve(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	struct db *db = req_app(r)->db;
	bool missing[PF__MAX];
	struct db_conn *c;
	long v = 0;
	int st, rc;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	if (!x->has)
		return 404;
	if (r->auth.org_role != ORG_ADMIN)
		return policy_page(r, x, "error", T(r, "policy.err.admin_only"),
		    NULL, NULL, 403);
	if (policy_missing(&x->latest.b, missing) > 0)
		return policy_page(r, x, "error", arena_printf(&r->arena,
		    "%s %s", T(r, "policy.err.incomplete"),
		    missing_list(r, missing)), NULL, NULL, 400);
	if (str_to_long(str_c(req_field(r, "version")), 1, 1000000, &v) != 0)
		v = 0;
	c = db_acquire(db);
	rc = policy_approve(c, r->org_id, (int)v, r->auth.user_id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_POLICY_APPROVED,
		    arena_printf(&r->arena, "%ld", v), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return policy_page(r, x, "error", T(r, "policy.err.stale"),
		    NULL, NULL, 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, org_path(r, "?approved=1"));
}

int
page_policy_publish(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	struct db *db = req_app(r)->db;
	const char *slug, *slug_err = NULL, *sugg;
	bool missing[PF__MAX];
	struct db_conn *c;
	int st, rc;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	if (!x->has)
		return 404;
	slug = form_text(r, "slug", FT_SLUG, true, &slug_err);
	if (slug_err == NULL && !policy_slug_ok(slug))
		slug_err = Tn(r, "policy.err.slug", POLICY_SLUG_MIN,
		    POLICY_SLUG_MAX);
	if (slug_err != NULL)
		return policy_page(r, x, "error", T(r, "form.err.summary"),
		    slug, slug_err, PAGE_INVALID);
	c = db_acquire(db);
	rc = policy_publish(c, &r->arena, r->org_id, slug);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_POLICY_PUBLISHED,
		    slug, req_addr(r));
	sugg = rc == DB_E_CONSTRAINT ? policy_slug_suggest(c, &r->arena,
	    slug) : NULL;
	db_release(db, c);
	if (rc == DB_E_CONSTRAINT)
		return policy_page(r, x, "error", T(r, "form.err.summary"),
		    sugg != NULL ? sugg : slug, sugg != NULL ?
		    arena_printf(&r->arena, "%s %s", T(r, "policy.err.taken"),
		    sugg) : T(r, "policy.err.taken"), 409);
	if (rc == DB_DONE) {
		/* Nothing approved: say what stands in the way. */
		if (policy_missing(&x->latest.b, missing) > 0)
			return policy_page(r, x, "error", arena_printf(
			    &r->arena, "%s %s", T(r, "policy.err.incomplete"),
			    missing_list(r, missing)), slug, NULL, 400);
		return policy_page(r, x, "error",
		    T(r, "policy.err.not_approved"), slug, NULL, 400);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, org_path(r, "?published=1"));
}

int
page_policy_unpublish(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	c = db_acquire(db);
	rc = policy_unpublish(c, r->org_id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_POLICY_UNPUBLISHED,
		    "", req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, org_path(r, "?unpublished=1"));
}

/* ---- versions and what changed ---- */

int
page_policy_versions(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	struct db *db = req_app(r)->db;
	struct policy_version *vs;
	struct db_conn *c;
	struct page p;
	size_t n = 0, i;
	int st, rc, mark;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	c = db_acquire(db);
	rc = policy_list(c, &r->arena, r->org_id, &vs, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, T(r, "policy.versions"));
	pol_head(&p, x, T(r, "policy.versions"));
	mark = page_table(&p, NULL, NULL, T(r, "policy.version"),
	    T(r, "policy.saved_at"), T(r, "policy.state"),
	    T(r, "policy.changes_col"), NULL);
	for (i = 0; i < n; i++) {
		const struct policy_version *v = &vs[i];

		page_row(&p);
		page_td_open(&p, NULL);
		html_elem(&p.h, "a", Tn(r, "policy.version_n", v->version, 0),
		    "href", org_path(r, arena_printf(&r->arena, "?v=%d",
		    v->version)), NULL);
		html_close(&p.h);
		page_td(&p, arena_printf(&r->arena, "%s %s",
		    page_time(r, v->created_at), v->created_by), NULL);
		page_td_open(&p, NULL);
		if (v->approved_at)
			html_text(&p.h, arena_printf(&r->arena, "%s (%s %s)",
			    T(r, "policy.approved"), page_time(r,
			    v->approved_at), v->approved_by));
		else
			html_text(&p.h, T(r, "policy.draft"));
		if (x->pub.published && x->pub.version_id == v->id) {
			html_text(&p.h, " ");
			html_elem(&p.h, "span", T(r, "policy.public_now"),
			    "class", "tag tag-open", NULL);
		}
		html_close(&p.h);
		page_td_open(&p, NULL);
		if (v->version > 1)
			html_elem(&p.h, "a", T(r, "policy.changes"), "href",
			    org_path(r, arena_printf(&r->arena,
			    "/diff?from=%d&to=%d", v->version - 1,
			    v->version)), NULL);
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	return page_end(&p, 200);
}

/* One field's change: sentences struck out and added, in place. */
static void
diff_field(struct page *p, const char *label, const char *from,
    const char *to)
{
	struct diff_op *ops;
	size_t n, i;

	if (strcmp(from, to) == 0)
		return;
	/* Right under the page's h1: one level down, none skipped. */
	html_elem(&p->h, "h2", label, "class", "diff-field", NULL);
	html_open(&p->h, "p", "class", "diff", NULL);
	n = diff_text(&p->r->arena, from, to, &ops);
	for (i = 0; i < n; i++) {
		static const char *const tags[DIFF__MAX] = { "span", "del",
		    "ins" };

		html_open(&p->h, tags[ops[i].kind], NULL);
		html_textn(&p->h, ops[i].s);
		html_close(&p->h);
	}
	html_close(&p->h);
}

int
page_policy_diff(struct req *r)
{
	struct pol *x = arena_alloc(&r->arena, sizeof(*x));
	struct policy_version a, b;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct page p;
	long from, to;
	size_t mark;
	int st, rc, i;

	if ((st = pol_load(r, x, false)) != 0)
		return st;
	if (str_to_long(str_c(req_query(r, "from")), 1, 1000000, &from) != 0 ||
	    str_to_long(str_c(req_query(r, "to")), 1, 1000000, &to) != 0)
		return 404;
	c = db_acquire(db);
	rc = policy_get(c, &r->arena, r->org_id, (int)from, &a);
	if (rc == DB_OK)
		rc = policy_get(c, &r->arena, r->org_id, (int)to, &b);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, T(r, "policy.changes"));
	pol_head(&p, x, Tn(r, "policy.changes_between", from, to));
	mark = r->out.n;
	diff_field(&p, field_label(r, PF_COMPANY), a.b.company, b.b.company);
	diff_field(&p, field_label(r, PF_SCOPE), a.b.scope_text,
	    b.b.scope_text);
	diff_field(&p, field_label(r, PF_PREAMBLE), a.b.preamble,
	    b.b.preamble);
	for (i = 0; i < PC__MAX; i++) {
		diff_field(&p, Tn(r, "policy.c_title", i + 1, 0),
		    a.b.c[i].title, b.b.c[i].title);
		diff_field(&p, Tn(r, "policy.c_text", i + 1, 0),
		    a.b.c[i].text, b.b.c[i].text);
	}
	diff_field(&p, field_label(r, PF_CLOSING), a.b.closing, b.b.closing);
	diff_field(&p, field_label(r, PF_ENACTED), a.b.enacted, b.b.enacted);
	diff_field(&p, field_label(r, PF_REP_TITLE), a.b.rep_title,
	    b.b.rep_title);
	diff_field(&p, field_label(r, PF_REP_NAME), a.b.rep_name,
	    b.b.rep_name);
	if (r->out.n == mark)
		html_elem(&p.h, "p", T(r, "policy.no_changes"), "class",
		    "help", NULL);
	html_elem(&p.h, "a", T(r, "policy.versions"), "href",
	    org_path(r, "/versions"), NULL);
	return page_end(&p, 200);
}

/* ---- the public page ---- */

int
page_policy_public(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct policy_version v;
	struct policy_pub pub;
	struct db_conn *c;
	struct page p;
	enum lang l;
	int rc;

	c = db_acquire(db);
	rc = policy_public(c, &r->arena, req_param(r, "slug"), &v, &pub);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	/* A plain page in the policy's own language: no menus, made to be
	 * read, printed and linked from the company's site. */
	l = body_lang(&v.b);
	p.r = r;
	p.app = req_app(r);
	buf_reset(&r->out);
	html_init(&p.h, &r->out);
	html_raw_trusted(&p.h, "<!DOCTYPE html>\n");
	html_open(&p.h, "html", "lang", lang_key(l), NULL);
	html_open(&p.h, "head", NULL);
	html_void(&p.h, "meta", "charset", "utf-8", NULL);
	html_void(&p.h, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL);
	html_elem(&p.h, "title", arena_printf(&r->arena, "%s — %s",
	    pack(r)->title.t[l], v.b.company), NULL);
	html_void(&p.h, "link", "rel", "stylesheet", "href",
	    "/static/css/mamori.css", NULL);
	html_close(&p.h);
	html_open(&p.h, "body", "class", "public", NULL);
	html_open(&p.h, "main", "id", "main", NULL);
	policy_article(&p, &v.b, false);
	html_open(&p.h, "p", "class", "public-foot", NULL);
	html_elem(&p.h, "a", content_ui(&p.app->content, l, "policy.pdf"),
	    "href", arena_printf(&r->arena, "/p/%s/policy.pdf", pub.slug),
	    NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_close(&p.h);
	html_close(&p.h);
	html_end(&p.h);
	return req_send(r, 200, "text/html; charset=utf-8");
}

/* ---- the PDF, on the worker pool ---- */

struct policy_pdf_job {
	const struct content	*ct;
	struct policy_version	 v;
	struct report_fname	 name;	/* in the request's arena */
	struct buf		 out;
	char			 err[256];
	int			 rc;
};

static void
policy_pdf_work(void *arg)
{
	struct policy_pdf_job *j = arg;

	j->rc = report_policy_pdf(j->ct, &j->v, &j->out, j->err,
	    sizeof(j->err));
}

static int
policy_pdf_start(struct req *r, const struct policy_version *v)
{
	struct policy_pdf_job *j = arena_alloc(&r->arena, sizeof(*j));

	j->ct = &req_app(r)->content;
	j->v = *v;
	/* named for the company it states and the day it was approved (a
	 * draft: written) */
	j->name = report_fname(&r->arena, v->b.company, arena_printf(
	    &r->arena, "%s-v%d", T(r, "policy.file"), v->version),
	    arena_printf(&r->arena, "policy-v%d", v->version),
	    v->approved_at > 0 ? v->approved_at : v->created_at, "pdf");
	buf_init(&j->out, 0);
	return req_offload(r, policy_pdf_work, j);
}

static int
policy_pdf_finish(struct req *r, struct policy_pdf_job *j)
{
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		page_disposition(r, "inline", j->name.ascii, j->name.utf8);
		st = req_send(r, 200, "application/pdf");
	} else {
		log_err("policy", "%s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	return st;
}

int
page_policy_pdf(struct req *r)
{
	struct pol *x;
	int st;

	if (r->resumed)
		return policy_pdf_finish(r, r->work_arg);
	x = arena_alloc(&r->arena, sizeof(*x));
	if ((st = pol_load(r, x, true)) != 0)
		return st;
	if (!x->has)
		return 404;
	return policy_pdf_start(r, &x->v);
}

int
page_policy_public_pdf(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct policy_version v;
	struct policy_pub pub;
	struct db_conn *c;
	int rc;

	if (r->resumed)
		return policy_pdf_finish(r, r->work_arg);
	c = db_acquire(db);
	rc = policy_public(c, &r->arena, req_param(r, "slug"), &v, &pub);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return policy_pdf_start(r, &v);
}
