/*
 * page_bcp_doc: IT business continuity to take away (issue 13) —
 *   GET  /o/{org}/bcp/document.pdf   the IT-BCP document (members)
 *   GET  /o/{org}/bcp/document.xlsx  the same as a workbook
 *   GET  /o/{org}/bcp/card.pdf       the one-page emergency card
 *   GET  /o/{org}/bcp/card           the card's phone link: made,
 *   POST /o/{org}/bcp/card           replaced or revoked by an admin
 *   GET  /c/{token}                  the card on a phone, no sign-in
 * — the one emergency card for everyone: the first steps, whom to tell at
 * each incident level (the response structure of page_incident_setup.c),
 * whom to call per damaged target, the work to bring back first and the
 * outside desks, dated — built by report/bcp_doc.c (the same code as `mamori export bcp`), the
 * files on the worker pool (page_org_doc); and page_bcp_doc_links(), the
 * downloads panel the BCP page shows.  Texts: bcpdoc.* and bcpcard.* in
 * content/i18n/ui.yaml.
 *
 * A recovery step with no owner stops a download with 422 and the list
 * of such steps, each linked to its row, and a way to download it anyway
 * (?gaps=1): then the document lists them first, under "To fix" — a plan
 * in hand with its gaps marked serves a company in a crisis better than
 * none.  The panel names them too.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/bcpcard.h"
#include "model/bcpflow.h"
#include "model/incsetup.h"
#include "model/org.h"
#include "model/round.h"
#include "pages/pages.h"
#include "render/qr.h"
#include "report/bcp_doc.h"
#include "report/report.h"

/* ---- the files ----------------------------------------------------------- */

static int
make(struct db_conn *c, struct arena *a, const struct page_org_doc_in *in,
    int64_t org, enum bcp_doc_kind k, enum report_format f, struct buf *out,
    char *err, size_t errlen)
{
	struct bcp_doc_in bi;

	memset(&bi, 0, sizeof(bi));
	bi.ct = in->ct;
	bi.lang = in->lang;
	bi.org = in->org;
	bi.now = in->now;
	return bcp_doc_file(c, a, &bi, org, k, f, out, err, errlen);
}

static int
plan_make(struct db_conn *c, struct arena *a, const struct page_org_doc_in *in,
    int64_t org, enum report_format f, struct buf *out, char *err,
    size_t errlen)
{
	return make(c, a, in, org, BCP_DOC_PLAN, f, out, err, errlen);
}

static int
card_make(struct db_conn *c, struct arena *a, const struct page_org_doc_in *in,
    int64_t org, enum report_format f, struct buf *out, char *err,
    size_t errlen)
{
	return make(c, a, in, org, BCP_DOC_CARD, f, out, err, errlen);
}

static const struct page_org_doc plan_doc = {
	plan_make, "bcpdoc.title", "it-bcp", "register bcp document-",
};
static const struct page_org_doc card_doc = {
	card_make, "bcpcard.title", "emergency-card", "register bcp card-",
};

/* The recovery steps nobody owns, each linked to its row. */
static void
unowned_list(struct page *p, const struct bcp_all *x, const size_t *ix,
    size_t n)
{
	struct req *r = p->r;
	size_t k;

	html_open(&p->h, "ul", "class", "bcp-unowned", NULL);
	for (k = 0; k < n; k++) {
		const struct register_decl *rd = register_of(REGISTER_RECOVERY);
		const struct register_row *s = &x->rec[ix[k]];
		int fs = register_field(rd, "system"),
		    fg = register_field(rd, "stage"),
		    fn = register_field(rd, "step");

		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", Tf(r, "bcpdoc.links.step", "system",
		    s->v[fs].s, "stage", register_label(
		    &req_app(r)->content.regenv, &rd->f[fg], &s->v[fg],
		    r->lang < 0 ? 0 : r->lang), "step", arena_printf(&r->arena,
		    "%" PRId64, s->v[fn].i), NULL), "href", arena_printf(
		    &r->arena, "/o/%" PRId64 "/r/recovery/%" PRId64 "%s",
		    r->org_id, s->id, page_can_admin(r) ? "/edit" : ""), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

/*
 * Before the document: a recovery step nobody owns is a gap the reader
 * must see first.  Unless ?gaps=1 (download it anyway, the gaps listed
 * first in it), such steps answer 422 with the list and both ways on.
 * False when the download may go on; else *st is the answer.
 */
static bool
gaps_first(struct req *r, enum report_format f, int *st)
{
	struct db *db = req_app(r)->db;
	const char *g = req_query(r, "gaps");
	struct bcp_all x;
	struct db_conn *c;
	struct page p;
	size_t *ix, n = 0;
	int rc;

	/* the worker pool calls again when the file is made: asked once */
	if (r->resumed || (g != NULL && strcmp(g, "1") == 0))
		return false;
	c = db_acquire(db);
	rc = bcpflow_read(c, &req_app(r)->content.regenv, r->org_id,
	    account_now(), &r->arena, &x);
	db_release(db, c);
	if (rc != DB_OK) {
		*st = 503;
		return true;
	}
	if ((n = bcp_doc_unowned(&x, &r->arena, &ix)) == 0)
		return false;
	page_begin(&p, r, T(r, "bcpdoc.gaps.title"));
	html_elem(&p.h, "a", T(r, "bcpdoc.gaps.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/bcp#bcp-downloads", r->org_id),
	    "class", "back", NULL);
	page_h1(&p, T(r, "bcpdoc.gaps.title"));
	html_open(&p.h, "div", "class", "notice notice-error", "role", "alert",
	    NULL);
	html_text(&p.h, Tn(r, "bcpdoc.links.unowned", (long)n, 0));
	unowned_list(&p, &x, ix, n);
	html_close(&p.h);
	html_elem(&p.h, "p", T(r, "bcpdoc.gaps.help"), NULL);
	html_elem(&p.h, "a", T(r, "bcpdoc.gaps.anyway"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/bcp/document.%s?gaps=1", r->org_id,
	    report_format_key(f)),
	    "class", "btn btn-secondary", "download", "", NULL);
	*st = page_end(&p, PAGE_INVALID);
	return true;
}

int
page_bcp_doc_pdf(struct req *r)
{
	int st;

	return gaps_first(r, REPORT_PDF, &st) ? st :
	    page_org_doc(r, &plan_doc, REPORT_PDF);
}

int
page_bcp_doc_xlsx(struct req *r)
{
	int st;

	return gaps_first(r, REPORT_XLSX, &st) ? st :
	    page_org_doc(r, &plan_doc, REPORT_XLSX);
}

int
page_bcp_card_pdf(struct req *r)
{
	return page_org_doc(r, &card_doc, REPORT_PDF);
}

/* ---- the panel on the BCP page ------------------------------------------- */

void
page_bcp_doc_links(struct page *p, const struct bcp_all *x)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/bcp",
	    r->org_id);
	size_t *ix, n = bcp_doc_unowned(x, &r->arena, &ix);

	html_open(&p->h, "section", "class", "panel bcp-doc-links", "id",
	    "bcp-downloads", NULL);
	html_elem(&p->h, "h2", T(r, "bcpdoc.links.title"), NULL);
	if (n > 0) {
		html_open(&p->h, "div", "class", "notice notice-error", "role",
		    "alert", NULL);
		/* the sentence straight in the notice, after its mark */
		html_text(&p->h, Tn(r, "bcpdoc.links.unowned", (long)n, 0));
		unowned_list(p, x, ix, n);
		html_close(&p->h);
	}
	html_open(&p->h, "p", "class", "bcp-doc-buttons", NULL);
	/* with gaps, the links lead to the page that lists them first */
	html_elem(&p->h, "a", T(r, "bcpdoc.links.pdf"), "href",
	    arena_printf(&r->arena, "%s/document.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", n == 0 ? "" : NULL,
	    NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "bcpdoc.links.xlsx"), "href",
	    arena_printf(&r->arena, "%s/document.xlsx", base), "class",
	    "btn btn-secondary btn-small", "download", n == 0 ? "" : NULL,
	    NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "bcpdoc.links.card_pdf"), "href",
	    arena_printf(&r->arena, "%s/card.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	if (page_can_admin(r)) {
		html_text(&p->h, " ");
		html_elem(&p->h, "a", T(r, "bcpdoc.links.card_link"), "href",
		    arena_printf(&r->arena, "%s/card", base), "class",
		    "btn btn-secondary btn-small", NULL);
	}
	html_close(&p->h);
	html_elem(&p->h, "p", T(r, "bcpdoc.links.help"), "class", "help",
	    NULL);
	html_close(&p->h);
}

/* ---- the card's link ------------------------------------------------------ */

/* The page of the card's link: made (url, shown this once), or as it
 * stands; notice (or NULL) above. */
static int
card_page(struct req *r, const char *url, const char *notice)
{
	struct db *db = req_app(r)->db;
	const char *self = arena_printf(&r->arena, "/o/%" PRId64 "/bcp/card",
	    r->org_id);
	struct bcpcard cl;
	struct db_conn *c;
	struct page p;
	int rc;

	c = db_acquire(db);
	rc = bcpcard_get(c, &r->arena, r->org_id, &cl);
	db_release(db, c);
	if (rc < 0)
		return 503;
	page_begin(&p, r, T(r, "bcpcard.page.title"));
	page_h1(&p, T(r, "bcpcard.page.title"));
	if (notice != NULL)
		page_notice(&p, "ok", notice);
	html_elem(&p.h, "p", T(r, "bcpcard.page.intro"), NULL);
	if (url != NULL) {
		if (page_base_loopback(page_base_url(r)))
			html_elem(&p.h, "p", T(r, "round.loopback_why"),
			    "class", "notice notice-info", NULL);
		html_open(&p.h, "section", "class", "panel", NULL);
		html_open(&p.h, "div", "class", "qr-sheet-code", NULL);
		(void)qr_svg(&p.h, url, T(r, "bcpcard.page.qr"));
		html_close(&p.h);
		html_elem(&p.h, "code", url, "class", "secret copy", NULL);
		html_close(&p.h);
	} else if (rc == DB_OK) {
		html_elem(&p.h, "p", Tf(r, "bcpcard.page.exists", "when",
		    page_datetime(r, cl.created_at), "who", cl.by[0] ? cl.by :
		    T(r, "bcpcard.page.unknown"), NULL), NULL);
		html_elem(&p.h, "p", T(r, "bcpcard.page.hidden"), "class",
		    "help", NULL);
	} else
		html_elem(&p.h, "p", T(r, "bcpcard.page.none"), NULL);

	form_open(&p, self, NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "do", "value",
	    "make", NULL);
	form_submit(&p, T(r, rc == DB_OK || url != NULL ?
	    "bcpcard.page.replace" : "bcpcard.page.make"), "btn");
	html_close(&p.h);
	if (rc == DB_OK || url != NULL) {
		form_open(&p, self, NULL);
		html_void(&p.h, "input", "type", "hidden", "name", "do",
		    "value", "revoke", NULL);
		form_submit(&p, T(r, "bcpcard.page.revoke"),
		    "btn btn-danger");
		html_close(&p.h);
	}
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "bcpdoc.links.card_pdf"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/bcp/card.pdf", r->org_id),
	    "download", "", NULL);
	html_text(&p.h, " · ");
	html_elem(&p.h, "a", T(r, "bcpcard.page.back"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/bcp", r->org_id), NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

int
page_bcp_card(struct req *r)
{
	return card_page(r, NULL, NULL);
}

int
page_bcp_card_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	const char *what = req_field(r, "do");
	char tok[TOKEN_LEN + 1];
	struct db_conn *c;
	bool make_it;
	int rc;

	if (what == NULL || (strcmp(what, "make") != 0 &&
	    strcmp(what, "revoke") != 0))
		return 400;
	make_it = strcmp(what, "make") == 0;
	c = db_acquire(db);
	rc = make_it ? bcpcard_make(c, r->org_id, r->auth.user_id,
	    account_now(), tok) : bcpcard_revoke(c, r->org_id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, make_it ?
		    AUDIT_CARD_MADE : AUDIT_CARD_REVOKED, NULL, req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	if (!make_it)
		return card_page(r, NULL, T(r, "bcpcard.page.revoked"));
	return card_page(r, arena_printf(&r->arena, "%s/c/%s",
	    page_base_url(r), tok), T(r, "bcpcard.page.made"));
}

/* ---- the card on a phone ---------------------------------------------------- */

/* A person's number as a button that dials, and their address as a
 * link that writes, when they have them. */
static void
reach_links(struct page *p, const char *phone, const char *email)
{
	struct req *r = p->r;

	if (phone != NULL && phone[0] != '\0') {
		html_open(&p->h, "p", NULL);
		html_elem(&p->h, "a", phone, "href", page_tel_href(r, phone),
		    "class", "btn tel", "aria-label", arena_printf(&r->arena, "%s %s",
		    T(r, "bcpcard.phone.call"), phone), NULL);
		html_close(&p->h);
	}
	if (email != NULL && email[0] != '\0') {
		html_open(&p->h, "p", NULL);
		html_elem(&p->h, "a", email, "href", arena_printf(&r->arena,
		    "mailto:%s", email), NULL);
		html_close(&p->h);
	}
}

/* What to do first (the card's steps, the malware playbook's first move
 * among them), and when to hand over. */
static void
card_first(struct page *p)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct trlist *ho =
	    &ct->incidents.playbook[INC_PB_MALWARE].handover;
	const char *first[BCP_CARD_FIRST];
	size_t n, k;

	html_open(&p->h, "section", "class", "panel bcp-card-first", NULL);
	html_elem(&p->h, "h2", T(r, "bcpcard.first.title"), NULL);
	n = bcp_card_first(ct, (enum lang)(r->lang < 0 ? 0 : r->lang), first);
	html_open(&p->h, "ol", NULL);
	for (k = 0; k < n; k++)
		html_elem(&p->h, "li", first[k], NULL);
	html_close(&p->h);
	if (ho->n > 0) {
		html_elem(&p->h, "h3", T(r, "bcpcard.handover"), NULL);
		html_open(&p->h, "ul", "class", "bcp-card-handover", NULL);
		for (k = 0; k < ho->n; k++)
			html_elem(&p->h, "li", ho->t[r->lang < 0 ? 0 :
			    r->lang][k], NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

/* Whom to tell at each level: what the level means, the role and its
 * person with their number or address, what the finder is told. */
static void
card_levels(struct page *p, const struct incsetup_all *inc)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	int k;

	html_open(&p->h, "section", "class", "panel bcp-card-levels", NULL);
	html_elem(&p->h, "h2", T(r, "bcpcard.lv.title"), NULL);
	for (k = 0; k < INC_LEVELS; k++) {
		const struct incsetup_person *who;
		enum incident_role role = bcp_card_level(ct, inc, k, &who);
		const char *rl = TR(r, &ct->incidents.role[role].label);
		const char *name = who != NULL && who->found ?
		    arena_printf(&r->arena, "%s%s%s", rl, r->lang == LANG_EN ?
		    ": " : "：", who->name) : arena_printf(&r->arena, "%s%s",
		    rl, T(r, "bcpcard.lv.nobody"));
		const char *rep = TR(r, &ct->incidents.level[k].report);

		html_open(&p->h, "div", "class", "bcp-card-level",
		    "data-level", arena_printf(&r->arena, "%d", k), NULL);
		html_elem(&p->h, "h3", TR(r, &ct->incidents.level[k].label),
		    NULL);
		html_elem(&p->h, "p", inc->s.definition[k][0] != '\0' ?
		    inc->s.definition[k] : TR(r,
		    &ct->incidents.level[k].definition), "class", "help", NULL);
		html_elem(&p->h, "p", name, "class", "bcp-card-owner", NULL);
		if (who != NULL && who->found)
			reach_links(p, who->phone, who->email);
		if (k >= 1 && rep[0] != '\0') {
			const char *at = strstr(rep, "{responder}");

			html_elem(&p->h, "p", at == NULL ? rep : arena_printf(
			    &r->arena, "%.*s%s%s", (int)(at - rep), rep, rl,
			    at + strlen("{responder}")), NULL);
		}
		html_close(&p->h);
	}
	html_elem(&p->h, "p", T(r, "bcpcard.lv.note"), "class", "help", NULL);
	html_close(&p->h);
}

/* The outside desks, dated: what each is for, how to reach it. */
static void
card_desks(struct page *p)
{
	struct req *r = p->r;
	const struct desks_pack *dp = &req_app(r)->content.desks;
	size_t k;

	html_open(&p->h, "section", "class", "panel bcp-card-desks", NULL);
	html_elem(&p->h, "h2", Tf(r, "bcpcard.desk.title", "date", dp->as_of,
	    NULL), NULL);
	html_elem(&p->h, "p", TR(r, &dp->note), "class", "help", NULL);
	for (k = 0; k < dp->n; k++) {
		const struct desk *d = &dp->v[k];

		html_open(&p->h, "div", "class", "bcp-card-desk", "data-desk",
		    d->key, NULL);
		html_elem(&p->h, "h3", TR(r, &d->name), NULL);
		html_elem(&p->h, "p", TR(r, &d->handles), NULL);
		html_elem(&p->h, "p", TR(r, &d->reach), "class", "help", NULL);
		reach_links(p, d->phone, NULL);
		if (d->url != NULL && d->url[0] != '\0') {
			html_open(&p->h, "p", NULL);
			html_elem(&p->h, "a", d->url, "href", d->url, "rel",
			    "noreferrer", NULL);
			html_close(&p->h);
		}
		html_elem(&p->h, "p", Tf(r, "bcpcard.desk.checked", "date",
		    d->checked, NULL), "class", "help", NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

int
page_bcp_card_phone(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES),
	    *cd = register_of(REGISTER_CONTACTS);
	struct db *db = req_app(r)->db;
	int64_t org = r->auth.link_id;
	int lang = r->lang < 0 ? 0 : r->lang;
	enum incident_role dflt[INC_LEVELS];
	struct incsetup_all inc;
	struct bcp_all x;
	struct db_conn *c;
	struct org o;
	struct page p;
	size_t *pi, np, *co, k;
	int rc, i;

	if (r->auth.link_kind != (int)LINK_CARD || org <= 0)
		return 404;
	c = db_acquire(db);
	rc = org_get(c, &r->arena, org, &o);
	if (rc == 0)
		rc = bcpflow_read(c, &ct->regenv, org, account_now(), &r->arena,
		    &x);
	for (i = 0; i < INC_LEVELS; i++)
		dflt[i] = ct->incidents.level[i].responder;
	if (rc == 0)
		rc = incsetup_load(c, &ct->regenv, org, dflt, &r->arena, &inc);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	/* a capability page: kept out of search engines and caches */
	req_header(r, "X-Robots-Tag", "noindex, nofollow");

	page_begin(&p, r, T(r, "bcpcard.title"));
	html_open(&p.h, "div", "class", "bcp-card", NULL);
	page_h1(&p, T(r, "bcpcard.title"));
	html_elem(&p.h, "p", o.name, "class", "bcp-card-org", NULL);

	card_first(&p);
	card_levels(&p, &inc);

	html_open(&p.h, "section", "class", "panel bcp-card-contacts", NULL);
	html_elem(&p.h, "h2", T(r, "bcpcard.con.title"), NULL);
	if (x.nc == 0)
		html_elem(&p.h, "p", T(r, "bcpcard.con.none"), NULL);
	co = bcp_card_contacts(&x, &r->arena);
	for (k = 0; k < x.nc; k++) {
		const struct register_row *row = &x.con[co[k]];
		const struct register_val *v;
		int f;

		html_open(&p.h, "div", "class", "bcp-card-contact", NULL);
		f = register_field(cd, "target");
		v = &row->v[register_field(cd, "system")];
		html_elem(&p.h, "h3", v->set && v->s[0] ? arena_printf(
		    &r->arena, lang == LANG_JA ? "%s（%s）" : "%s (%s)",
		    register_label(e, &cd->f[f], &row->v[f], lang), v->s) :
		    register_label(e, &cd->f[f], &row->v[f], lang), NULL);
		html_elem(&p.h, "p", row->v[register_field(cd, "owner")].s,
		    "class", "bcp-card-owner", NULL);
		{
			const char *co1 = row->v[register_field(cd,
			    "company")].s, *co2 = row->v[register_field(cd,
			    "person")].s;

			if (co1[0] || co2[0])
				html_elem(&p.h, "p", co1[0] && co2[0] ?
				    arena_printf(&r->arena, "%s %s", co1, co2) :
				    co1[0] ? co1 : co2, NULL);
		}
		v = &row->v[register_field(cd, "phone")];
		if (v->set) {
			html_open(&p.h, "p", NULL);
			html_elem(&p.h, "a", v->s, "href",
			    page_tel_href(r, v->s), "class", "btn tel",
			    "aria-label", arena_printf(&r->arena, "%s %s",
			    T(r, "bcpcard.phone.call"), v->s), NULL);
			html_close(&p.h);
		}
		v = &row->v[register_field(cd, "email")];
		if (v->set) {
			html_open(&p.h, "p", NULL);
			html_elem(&p.h, "a", v->s, "href", arena_printf(
			    &r->arena, "mailto:%s", v->s), NULL);
			html_close(&p.h);
		}
		v = &row->v[register_field(cd, "hours")];
		if (v->set)
			html_elem(&p.h, "p", v->s, "class", "help", NULL);
		html_close(&p.h);
	}
	html_close(&p.h);

	html_open(&p.h, "section", "class", "panel bcp-card-work", NULL);
	html_elem(&p.h, "h2", T(r, "bcpcard.proc.title"), NULL);
	np = bcp_card_processes(&x, &r->arena, &pi);
	if (np == 0)
		html_elem(&p.h, "p", T(r, "bcpcard.proc.none"), NULL);
	else {
		int fn = register_field(pd, "name"),
		    fp = register_field(pd, "priority"),
		    fl = register_field(pd, "rto_label");

		html_open(&p.h, "ol", NULL);
		for (k = 0; k < np; k++) {
			const struct register_row *row = &x.proc[pi[k]];

			html_open(&p.h, "li", NULL);
			html_elem(&p.h, "strong", row->v[fn].s, NULL);
			html_text(&p.h, " — ");
			html_text(&p.h, register_label(e, &pd->f[fp],
			    &row->v[fp], lang));
			if (row->v[fl].set) {
				html_text(&p.h, lang == LANG_JA ? "、" : ", ");
				html_text(&p.h, register_label(e, &pd->f[fl],
				    &row->v[fl], lang));
			}
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	html_close(&p.h);
	card_desks(&p);
	html_elem(&p.h, "p", T(r, "bcpcard.phone.secret"), "class", "help",
	    NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}
