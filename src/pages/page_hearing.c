/*
 * page_hearing: the advisor's hearing sheet and confidentiality pledge
 * (issue 15) —
 *
 *   GET  /o/{org}/hearing          the sheet: first the items left open
 *        (what the next visit starts with), then a form a section, each
 *        item with its result, the points to consider and open/answered;
 *        members read it without forms;
 *   POST /o/{org}/hearing          save one section (field "section") at
 *        the revisions the form was made from, as filled in visit N
 *        ("visit"): a stale save is 409 with the user's words kept;
 *   GET  /o/{org}/hearing.pdf|.xlsx  the sheet as a document;
 *   GET  /o/{org}/pledge           the pledges recorded, the form to fill
 *        the advisor's name and the date;
 *   POST /o/{org}/pledge           do=pdf: the pledge as a PDF of what was
 *        typed (nothing stored); do=record: recorded as handed over or
 *        posted (audited);
 *   GET  /o/{org}/pledges/{id}/pdf  a recorded pledge as a PDF;
 *   GET|PUT /api/v1/orgs/{org}/hearing, GET|POST
 *        /api/v1/orgs/{org}/pledges  the same as JSON.
 *
 * Writes are AUTH_ORG_ADMIN routes: the organisation's admin or one of
 * its advisors.  Texts: hearing.* and pledge.* in content/i18n/ui.yaml,
 * the sheet and the pledge from content/hearing.yaml, content/pledge.yaml.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/hearing.h"
#include "model/org.h"
#include "model/policy.h"
#include "pages/pages.h"
#include "report/hearing_doc.h"
#include "report/report.h"

/* ---- the sheet ---------------------------------------------------------- */

/* What the sheet page shows beside the stored answers: one section's
 * words as posted (kept on an error), with their errors. */
struct sheet_form {
	int			 section;	/* posted section, -1: none */
	const char		*notice;	/* flash line, or NULL */
	bool			 error;		/* the notice is an error */
	bool			 stale;		/* 409: saved meanwhile */
	int			 visit;		/* the visit selected */
	const char		*visit_err;
	/* [item index in the sheet], for the posted section only */
	const char		**result, **consider;
	const char		**result_err, **consider_err;
	enum hearing_state	*state;
};

/* The stored answers of the request's organisation: 0 or 503. */
static int
answers_load(struct req *r, struct hearing_answer **rows, size_t *n)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = hearing_read(c, &r->arena, r->org_id, rows, n);

	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* The latest visit any item was filled in, 1 when none. */
static int
visit_latest(const struct hearing_answer *rows, size_t n)
{
	size_t i;
	int v = 1;

	for (i = 0; i < n; i++)
		if (rows[i].visit > v)
			v = rows[i].visit;
	return v;
}

/* The keys of the sheet's items in order, in r's arena. */
static const char **
sheet_keys(struct req *r)
{
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	const char **k = arena_alloc(&r->arena, (hp->n_items + 1) *
	    sizeof(*k));
	size_t i;

	for (i = 0; i < hp->n_items; i++)
		k[i] = hp->items[i].key;
	return k;
}

/* "5.2" of item i. */
static const char *
item_no(struct req *r, size_t i)
{
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	const struct hearing_item *it = &hp->items[i];

	return arena_printf(&r->arena, "%zu.%zu", it->section + 1, i -
	    hp->sections[it->section].first + 1);
}

static void
hidden(struct page *p, const char *name, const char *value)
{
	html_void(&p->h, "input", "type", "hidden", "name", name, "value",
	    value, NULL);
}

/* The block at the top: the counts, then the items left open, each a
 * link to its place in the sheet. */
static void
open_block(struct page *p, const struct hearing_answer *rows, size_t n)
{
	struct req *r = p->r;
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	size_t *idx = arena_alloc(&r->arena, (hp->n_items + 1) *
	    sizeof(*idx));
	size_t k, nopen, nans = 0;

	for (k = 0; k < n; k++)
		nans += rows[k].state == HEARING_ANSWERED &&
		    hearing_item_find(hp, rows[k].item) != NULL;
	nopen = hearing_open_items(rows, n, sheet_keys(r), hp->n_items, idx);
	html_open(&p->h, "section", "class", "panel hearing-open", "id",
	    "open-items", NULL);
	html_elem(&p->h, "h2", T(r, "hearing.open_title"), NULL);
	html_elem(&p->h, "p", Tf(r, "hearing.counts", "open",
	    arena_printf(&r->arena, "%zu", nopen), "answered",
	    arena_printf(&r->arena, "%zu", nans), "total",
	    arena_printf(&r->arena, "%zu", hp->n_items), "not_asked",
	    arena_printf(&r->arena, "%zu", hp->n_items - nans - nopen), NULL),
	    "class", "hearing-counts", "data-open", arena_printf(&r->arena,
	    "%zu", nopen), "data-answered", arena_printf(&r->arena, "%zu",
	    nans), NULL);
	if (nopen == 0) {
		html_elem(&p->h, "p", T(r, "hearing.open_none"), "class",
		    "help", NULL);
		html_close(&p->h);
		return;
	}
	html_elem(&p->h, "p", T(r, "hearing.open_help"), "class", "help",
	    NULL);
	html_open(&p->h, "ul", "class", "hearing-open-list", NULL);
	for (k = 0; k < nopen; k++) {
		const struct hearing_item *it = &hp->items[idx[k]];

		html_open(&p->h, "li", "data-key", it->key, NULL);
		html_elem(&p->h, "a", arena_printf(&r->arena, "%s %s",
		    item_no(r, idx[k]), TR(r, &it->label)), "href",
		    arena_printf(&r->arena, "#i-%s", it->key), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* When and by whom item's answer was last saved, in which visit. */
static void
item_meta(struct page *p, const struct hearing_answer *h)
{
	struct req *r = p->r;

	if (h == NULL) {
		html_elem(&p->h, "p", T(r, "hearing.not_asked"), "class",
		    "meta", NULL);
		return;
	}
	html_elem(&p->h, "p", Tf(r, "hearing.meta", "visit",
	    arena_printf(&r->arena, "%d", h->visit), "state",
	    T(r, h->state == HEARING_ANSWERED ? "hearing.state.answered" :
	    "hearing.state.open"), "when", page_datetime(r, h->updated_at),
	    "who", h->updated_by[0] != '\0' ? h->updated_by : "—", NULL),
	    "class", "meta", NULL);
}

/* One item read only (members). */
static void
item_read(struct page *p, size_t i, const struct hearing_answer *h)
{
	struct req *r = p->r;
	const struct hearing_item *it = &req_app(r)->content.hearing.items[i];

	html_open(&p->h, "div", "class", "hearing-item", "id",
	    arena_printf(&r->arena, "i-%s", it->key), "data-key", it->key,
	    NULL);
	html_elem(&p->h, "h3", arena_printf(&r->arena, "%s %s", item_no(r, i),
	    TR(r, &it->label)), NULL);
	item_meta(p, h);
	if (h != NULL) {
		html_open(&p->h, "dl", NULL);
		html_elem(&p->h, "dt", T(r, "hearing.result"), NULL);
		html_elem(&p->h, "dd", h->result[0] ? h->result : "—",
		    "class", "answer", NULL);
		html_elem(&p->h, "dt", T(r, "hearing.consider"), NULL);
		html_elem(&p->h, "dd", h->consider[0] ? h->consider : "—",
		    "class", "answer", NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

/* One item's fields; mine: the posted words of f, else the stored. */
static void
item_form(struct page *p, size_t i, const struct hearing_answer *h,
    const struct sheet_form *f, bool mine)
{
	struct req *r = p->r;
	const struct hearing_item *it = &req_app(r)->content.hearing.items[i];
	const char *key = it->key;
	const char *result = mine ? f->result[i] : h ? h->result : "";
	const char *consider = mine ? f->consider[i] : h ? h->consider : "";
	enum hearing_state st = mine ? f->state[i] : h ? h->state :
	    HEARING_OPEN;
	const char *name;
	int s;

	html_open(&p->h, "fieldset", "class", "hearing-item", "id",
	    arena_printf(&r->arena, "i-%s", key), "data-key", key, NULL);
	html_elem(&p->h, "legend", arena_printf(&r->arena, "%s %s",
	    item_no(r, i), TR(r, &it->label)), NULL);
	page_tr(p, "p", "help", &it->hint);
	item_meta(p, h);
	/* a stale save: what was saved meanwhile, beside the user's words */
	if (mine && f->stale && h != NULL && (strcmp(h->result, result) != 0 ||
	    strcmp(h->consider, consider) != 0))
		html_elem(&p->h, "p", Tf(r, "hearing.meanwhile", "result",
		    h->result[0] ? h->result : "—", "consider",
		    h->consider[0] ? h->consider : "—", NULL), "class",
		    "notice notice-info meanwhile", NULL);
	hidden(p, arena_printf(&r->arena, "rev.%s", key),
	    arena_printf(&r->arena, "%" PRId64, h ? h->rev : 0));
	form_field_max(p, arena_printf(&r->arena, "result.%s", key), NULL,
	    HEARING_TEXT_MAX, T(r, "hearing.result"), NULL, result,
	    mine ? f->result_err[i] : NULL, "off", false);
	form_field_max(p, arena_printf(&r->arena, "consider.%s", key), NULL,
	    HEARING_TEXT_MAX, T(r, "hearing.consider"), NULL, consider,
	    mine ? f->consider_err[i] : NULL, "off", false);
	name = arena_printf(&r->arena, "state.%s", key);
	html_open(&p->h, "div", "class", "choices-inline", "role", "radiogroup",
	    "aria-label", T(r, "hearing.state"), NULL);
	for (s = 0; s < HEARING_STATE__MAX; s++) {
		html_open(&p->h, "label", "class", "choice", NULL);
		html_void(&p->h, "input", "type", "radio", "name", name,
		    "value", hearing_state_key(s), "checked", (int)st == s ?
		    "" : NULL, NULL);
		html_elem(&p->h, "span", T(r, s == HEARING_ANSWERED ?
		    "hearing.state.answered" : "hearing.state.open"), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* The visit selector of a section's form. */
static void
visit_select(struct page *p, const char *sec, int visit, const char *err)
{
	struct req *r = p->r;
	const char *id = arena_printf(&r->arena, "f-visit-%s", sec);
	int v;

	html_open(&p->h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(&p->h, "label", T(r, "hearing.visit_label"), "for", id,
	    NULL);
	if (err)
		html_elem(&p->h, "p", err, "class", "field-msg", NULL);
	html_open(&p->h, "select", "id", id, "name", "visit", "aria-invalid",
	    err ? "true" : NULL, NULL);
	for (v = 1; v <= HEARING_VISIT_MAX; v++)
		html_elem(&p->h, "option", Tn(r, "hearing.visit_n", v, 0),
		    "value", arena_printf(&r->arena, "%d", v), "selected",
		    v == visit ? "" : NULL, NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static int
sheet_page(struct req *r, const struct hearing_answer *rows, size_t n,
    const struct sheet_form *f, int status)
{
	const struct content *ct = &req_app(r)->content;
	const struct hearing_pack *hp = &ct->hearing;
	const char *title = TR(r, &hp->title);
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, r->org_id);
	bool admin = page_can_admin(r) != 0;
	struct page p;
	struct org o;
	size_t k, i;
	int rc;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	page_begin(&p, r, title);
	page_org_subnav(&p, &o, "hearing");
	page_h1(&p, title);
	if (f->notice != NULL)
		page_notice(&p, f->error ? "error" : "ok", f->notice);
	page_tr(&p, "p", "lead", &hp->intro);
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "hearing.pdf"), "href",
	    arena_printf(&r->arena, "%s/hearing.pdf", base), "class",
	    "btn btn-secondary", "download", "", NULL);
	html_elem(&p.h, "a", T(r, "hearing.xlsx"), "href",
	    arena_printf(&r->arena, "%s/hearing.xlsx", base), "class",
	    "btn btn-secondary", "download", "", NULL);
	html_elem(&p.h, "a", T(r, "pledge.title"), "href",
	    arena_printf(&r->arena, "%s/pledge", base), "class", "btn "
	    "btn-secondary", NULL);
	html_close(&p.h);
	open_block(&p, rows, n);
	for (k = 0; k < hp->n_sections; k++) {
		const struct hearing_section *sec = &hp->sections[k];
		bool mine = f->section == (int)k;

		html_open(&p.h, "section", "class", "hearing-section", "id",
		    arena_printf(&r->arena, "s-%s", sec->key), "data-section",
		    sec->key, NULL);
		html_elem(&p.h, "h2", arena_printf(&r->arena, "%zu. %s", k + 1,
		    TR(r, &sec->title)), NULL);
		if (!admin) {
			for (i = sec->first; i < sec->first + sec->n; i++)
				item_read(&p, i, hearing_find(rows, n,
				    hp->items[i].key));
			html_close(&p.h);
			continue;
		}
		{
			/* folded under its counts: 27 items are a long page
			 * on a phone; the one just posted stays open */
			size_t na = 0, no = 0, nn = 0;

			for (i = sec->first; i < sec->first + sec->n; i++) {
				const struct hearing_answer *h = hearing_find(
				    rows, n, hp->items[i].key);

				if (h == NULL)
					nn++;
				else if (h->state == HEARING_ANSWERED)
					na++;
				else
					no++;
			}
			html_open(&p.h, "details", "class", "more hearing-fold",
			    "open", mine ? "" : NULL, NULL);
			html_open(&p.h, "summary", NULL);
			html_text(&p.h, Tf(r, "hearing.section_counts",
			    "answered", arena_printf(&r->arena, "%zu", na),
			    "open", arena_printf(&r->arena, "%zu", no),
			    "not_asked", arena_printf(&r->arena, "%zu", nn),
			    NULL));
			html_close(&p.h);
		}
		form_open(&p, arena_printf(&r->arena, "%s/hearing#s-%s", base,
		    sec->key), NULL);
		hidden(&p, "section", sec->key);
		visit_select(&p, sec->key, mine ? f->visit : visit_latest(rows,
		    n), mine ? f->visit_err : NULL);
		for (i = sec->first; i < sec->first + sec->n; i++)
			item_form(&p, i, hearing_find(rows, n,
			    hp->items[i].key), f, mine);
		html_open(&p.h, "p", "class", "actions", NULL);
		form_submit(&p, T(r, "hearing.save"), NULL);
		html_close(&p.h);
		html_close(&p.h);	/* form */
		html_close(&p.h);	/* details */
		html_close(&p.h);	/* section */
	}
	html_open(&p.h, "section", "class", "panel", "id", "obtain", NULL);
	page_tr(&p, "h2", NULL, &hp->obtain_title);
	html_open(&p.h, "ul", NULL);
	for (k = 0; k < hp->obtain.n; k++)
		page_trlist(&p, "li", &hp->obtain, k);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_hearing(struct req *r)
{
	struct hearing_answer *rows;
	struct sheet_form f;
	size_t n;
	int st;

	if ((st = answers_load(r, &rows, &n)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	f.section = -1;
	if (req_query(r, "saved") != NULL)
		f.notice = T(r, "form.saved");
	return sheet_page(r, rows, n, &f, 200);
}

/* A posted text of at most max characters: *err when it holds a NUL or
 * bad UTF-8 or is too long; kept as typed all the same. */
static const char *
posted(struct req *r, const char *name, size_t max, const char **err)
{
	bool bad = false;
	const char *s = page_posted_text(r, name, &bad);
	size_t n;

	if (bad || !str_utf8_valid(str_c(s)))
		*err = T(r, "form.err.utf8");
	else if ((n = str_utf8_count(str_c(s))) > max)
		*err = Tn(r, "form.err.long", (long)max, (long)n);
	return s;
}

int
page_hearing_post(struct req *r)
{
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	const char *skey = req_field(r, "section"), *vs = req_field(r, "visit");
	struct hearing_answer *rows;
	struct hearing_put *put;
	const struct hearing_section *sec = NULL;
	struct sheet_form f;
	size_t n, i, k, bad = 0;
	long visit = 0;
	int st, rc;

	if ((st = answers_load(r, &rows, &n)) != 0)
		return st;
	for (k = 0; skey != NULL && k < hp->n_sections; k++)
		if (strcmp(hp->sections[k].key, skey) == 0)
			sec = &hp->sections[k];
	if (sec == NULL)
		return 404;
	memset(&f, 0, sizeof(f));
	f.section = (int)(sec - hp->sections);
	f.result = arena_alloc(&r->arena, hp->n_items * sizeof(char *) * 4 +
	    sizeof(char *));
	f.consider = f.result + hp->n_items;
	f.result_err = f.consider + hp->n_items;
	f.consider_err = f.result_err + hp->n_items;
	memset(f.result, 0, 4 * hp->n_items * sizeof(char *));
	f.state = arena_alloc(&r->arena, (hp->n_items + 1) * sizeof(*f.state));
	if (vs == NULL || str_to_long(str_c(vs), 1, HEARING_VISIT_MAX,
	    &visit) != 0) {
		f.visit_err = Tn(r, "hearing.err.visit", HEARING_VISIT_MAX, 0);
		bad++;
	}
	f.visit = (int)visit;
	put = arena_alloc(&r->arena, (sec->n + 1) * sizeof(*put));
	for (i = sec->first; i < sec->first + sec->n; i++) {
		const char *key = hp->items[i].key;
		const char *ss = req_field(r, arena_printf(&r->arena,
		    "state.%s", key));
		const char *rs = req_field(r, arena_printf(&r->arena,
		    "rev.%s", key));
		struct hearing_put *p = &put[i - sec->first];
		long rev = -1;
		int s = ss != NULL ? hearing_state_from_key(ss) : HEARING_OPEN;

		f.result[i] = posted(r, arena_printf(&r->arena, "result.%s",
		    key), HEARING_TEXT_MAX, &f.result_err[i]);
		f.consider[i] = posted(r, arena_printf(&r->arena,
		    "consider.%s", key), HEARING_TEXT_MAX, &f.consider_err[i]);
		bad += f.result_err[i] != NULL || f.consider_err[i] != NULL;
		f.state[i] = s < 0 ? HEARING_OPEN : (enum hearing_state)s;
		if (rs == NULL || str_to_long(str_c(rs), 0, INT32_MAX, &rev) !=
		    0)
			rev = -1;	/* no form of ours: stale */
		p->item = key;
		p->result = f.result[i];
		p->consider = f.consider[i];
		p->state = f.state[i];
		p->rev = rev;
	}
	if (bad > 0) {
		f.notice = T(r, "form.err.summary");
		f.error = true;
		return sheet_page(r, rows, n, &f, PAGE_INVALID);
	}
	rc = hearing_save(req_app(r)->db, r->org_id, r->auth.user_id,
	    req_addr(r), (int)visit, account_now(), put, sec->n, sec->key,
	    NULL);
	if (rc == DB_OK)
		return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
		    "/hearing?saved=%s#s-%s", r->org_id, sec->key, sec->key));
	if (rc != HEARING_STALE)
		return 503;
	/* someone saved first: the words typed stay, the revisions are
	 * the ones now stored, so saving again keeps these */
	if ((st = answers_load(r, &rows, &n)) != 0)
		return st;
	f.stale = true;
	f.error = true;
	f.notice = T(r, "hearing.stale");
	return sheet_page(r, rows, n, &f, 409);
}

static int
sheet_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct hearing_doc_in hi = {
		.ct = in->ct, .lang = in->lang, .org = in->org, .now = in->now,
	};

	return hearing_doc_file(c, a, &hi, org, f, out, err, errlen);
}

static const struct page_org_doc sheet_doc = {
	sheet_make, "hearing.file_title", "hearing", "hearing ",
};

int
page_hearing_pdf(struct req *r)
{
	return page_org_doc(r, &sheet_doc, REPORT_PDF);
}

int
page_hearing_xlsx(struct req *r)
{
	return page_org_doc(r, &sheet_doc, REPORT_XLSX);
}

/* ---- the pledge --------------------------------------------------------- */

/* The pledge form's values and errors. */
struct pledge_form {
	const char	*name, *date, *mode;
	const char	*name_err, *date_err, *mode_err;
	const char	*notice;
	bool		 error;
};

/* The day org was made and today, in Japan: 0 or 503/404. */
static int
pledge_days(struct req *r, const char **since, const char **today)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int64_t at;
	int rc = hearing_org_since(c, r->org_id, &at);

	db_release(db, c);
	if (rc != DB_OK)
		return rc == DB_DONE ? 404 : 503;
	*since = page_day_jst(r, at);
	*today = page_day_jst(r, account_now());
	return 0;
}

/*
 * Check a pledge's name, date and mode (f's texts) for the request's
 * organisation, with the errors in f (translated, one a field; the form
 * and the API say the same): the number of errors, or minus a status
 * (404, 503) when the organisation cannot be read.
 */
static int
pledge_check(struct req *r, struct pledge_form *f)
{
	const char *since, *today;
	size_t n;
	int st, bad = 0;

	if ((st = pledge_days(r, &since, &today)) != 0)
		return -st;
	if (f->name[0] == '\0') {
		f->name_err = T(r, "form.err.required");
		bad++;
	} else if (!str_utf8_valid(str_c(f->name)) || strpbrk(f->name,
	    "\n\r\t") != NULL) {
		f->name_err = T(r, "pledge.err.name");
		bad++;
	} else if ((n = str_utf8_count(str_c(f->name))) > HEARING_NAME_MAX) {
		f->name_err = Tn(r, "form.err.long", HEARING_NAME_MAX, (long)n);
		bad++;
	}
	if (f->date[0] == '\0') {
		f->date_err = T(r, "form.err.required");
		bad++;
	} else if (!policy_date_ok(f->date)) {
		f->date_err = T(r, "policy.err.date");
		bad++;
	} else if (strcmp(f->date, today) > 0) {
		f->date_err = Tf(r, "pledge.err.future", "today", today, NULL);
		bad++;
	} else if (strcmp(f->date, since) < 0) {
		f->date_err = Tf(r, "pledge.err.before", "since", since, NULL);
		bad++;
	}
	if (hearing_mode_from_key(f->mode) < 0) {
		f->mode_err = T(r, "form.err.choose");
		bad++;
	}
	return bad;
}

static int
pledge_page(struct req *r, const struct pledge_form *f, int status)
{
	const struct pledge_pack *pp = &req_app(r)->content.pledge;
	struct db *db = req_app(r)->db;
	const char *title = TR(r, &pp->title);
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, r->org_id);
	struct hearing_pledge *v;
	struct db_conn *c;
	struct page p;
	struct org o;
	size_t n, k;
	int rc, m;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	rc = hearing_pledges(c, &r->arena, r->org_id, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, title);
	page_org_subnav(&p, &o, "hearing");
	html_elem(&p.h, "a", T(r, "pledge.back"), "href",
	    arena_printf(&r->arena, "%s/hearing", base), "class", "back", NULL);
	page_h1(&p, title);
	if (f->notice != NULL)
		page_notice(&p, f->error ? "error" : "ok", f->notice);
	html_elem(&p.h, "p", T(r, "pledge.lead"), "class", "lead", NULL);
	html_open(&p.h, "section", "class", "panel", "id", "pledge-text",
	    NULL);
	html_elem(&p.h, "h2", T(r, "pledge.undertakings"), NULL);
	html_open(&p.h, "ol", NULL);
	for (k = 0; k < pp->undertakings.n; k++)
		page_trlist(&p, "li", &pp->undertakings, k);
	html_close(&p.h);
	html_close(&p.h);

	html_open(&p.h, "section", "id", "pledges", NULL);
	html_elem(&p.h, "h2", T(r, "pledge.recorded"), NULL);
	if (n == 0)
		html_elem(&p.h, "p", T(r, "pledge.none"), "class", "help",
		    NULL);
	else {
		int mark = page_table(&p, NULL, NULL, T(r, "pledge.col.date"),
		    T(r, "pledge.col.mode"), T(r, "pledge.col.name"),
		    T(r, "pledge.col.by"), T(r, "pledge.col.pdf"), NULL);

		for (k = 0; k < n; k++) {
			page_row(&p);
			page_td(&p, v[k].date, NULL);
			page_td(&p, T(r, v[k].mode == HEARING_POSTED ?
			    "pledge.mode.posted" : "pledge.mode.handed"), NULL);
			page_td(&p, v[k].name, NULL);
			page_td(&p, v[k].email[0] ? v[k].email : "—", NULL);
			page_td_open(&p, NULL);
			html_elem(&p.h, "a", T(r, "pledge.pdf"), "href",
			    arena_printf(&r->arena, "%s/pledges/%" PRId64
			    "/pdf", base, v[k].id), "download", "", NULL);
			html_close(&p.h);
			html_close(&p.h);
		}
		html_close_to(&p.h, mark);
	}
	html_close(&p.h);
	if (!page_can_admin(r))
		return page_end(&p, status);

	html_open(&p.h, "section", "class", "panel", "id", "pledge-form", NULL);
	html_elem(&p.h, "h2", T(r, "pledge.form_title"), NULL);
	form_open(&p, arena_printf(&r->arena, "%s/pledge", base), NULL);
	form_field_max(&p, "name", "text", HEARING_NAME_MAX,
	    T(r, "pledge.name"), T(r, "pledge.name_help"), f->name,
	    f->name_err, "name", true);
	form_field(&p, "date", FT_DATE, T(r, "pledge.date"),
	    T(r, "pledge.date_help"), f->date, f->date_err, "off", true);
	form_group(&p, "mode", T(r, "pledge.mode"), NULL, f->mode_err);
	html_open(&p.h, "div", "class", "choices-inline", NULL);
	for (m = 0; m < HEARING_MODE__MAX; m++) {
		html_open(&p.h, "label", "class", "choice", NULL);
		html_void(&p.h, "input", "type", "radio", "name", "mode",
		    "value", hearing_mode_key(m), "checked",
		    strcmp(f->mode, hearing_mode_key(m)) == 0 ? "" : NULL,
		    "aria-invalid", f->mode_err ? "true" : NULL, NULL);
		html_elem(&p.h, "span", T(r, m == HEARING_POSTED ?
		    "pledge.mode.posted" : "pledge.mode.handed"), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	html_close(&p.h);	/* fieldset */
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "button", T(r, "pledge.download"), "type", "submit",
	    "name", "do", "value", "pdf", "class", "btn btn-secondary", NULL);
	html_elem(&p.h, "button", T(r, "pledge.record"), "type", "submit",
	    "name", "do", "value", "record", "class", "btn", NULL);
	html_close(&p.h);
	html_close(&p.h);	/* form */
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_pledge(struct req *r)
{
	struct pledge_form f;

	memset(&f, 0, sizeof(f));
	f.name = "";
	f.date = page_day_jst(r, account_now());
	f.mode = "handed";
	if (req_query(r, "saved") != NULL)
		f.notice = T(r, "pledge.saved");
	return pledge_page(r, &f, 200);
}

static int
pledge_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct hearing_doc_in hi = {
		.ct = in->ct, .lang = in->lang, .org = in->org, .now = in->now,
	};

	if (in->id > 0)
		return hearing_pledge_file_id(c, a, &hi, org, in->id, f, out,
		    err, errlen);
	return hearing_pledge_file(&hi, in->arg[0], in->arg[1], f, out, err,
	    errlen);
}

static const struct page_org_doc pledge_doc = {
	pledge_make, "pledge.file_title", "pledge", "pledge ",
};

int
page_pledge_post(struct req *r)
{
	struct pledge_form f;
	struct hearing_pledge hp;
	const char *what = req_field(r, "do");
	bool bad_text = false;
	int64_t id;
	int st, rc;

	if (r->resumed)
		return page_org_doc_args(r, &pledge_doc, REPORT_PDF, NULL, NULL);
	memset(&f, 0, sizeof(f));
	f.name = page_posted_text(r, "name", &bad_text);
	f.date = page_posted_text(r, "date", &bad_text);
	f.mode = req_field(r, "mode") != NULL ? req_field(r, "mode") :
	    "handed";
	if (what == NULL || (strcmp(what, "pdf") != 0 && strcmp(what,
	    "record") != 0))
		return 400;
	if ((st = pledge_check(r, &f)) < 0)
		return -st;
	if (bad_text && f.name_err == NULL)
		f.name_err = T(r, "form.err.nul");
	if (st > 0 || bad_text) {
		f.notice = T(r, "form.err.summary");
		f.error = true;
		return pledge_page(r, &f, PAGE_INVALID);
	}
	if (strcmp(what, "pdf") == 0)
		return page_org_doc_args(r, &pledge_doc, REPORT_PDF, f.name,
		    f.date);
	memset(&hp, 0, sizeof(hp));
	hp.name = f.name;
	hp.date = f.date;
	hp.mode = (enum hearing_mode)hearing_mode_from_key(f.mode);
	rc = hearing_pledge_add(req_app(r)->db, r->org_id, r->auth.user_id,
	    req_addr(r), &hp, account_now(), &id);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/pledge?saved=%" PRId64 "#pledges", r->org_id, id));
}

int
page_pledge_pdf(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct hearing_pledge *v;
	struct db_conn *c;
	int64_t id = req_param_id(r, "id");
	size_t n, k;
	int rc;

	if (r->resumed)
		return page_org_doc_id(r, &pledge_doc, REPORT_PDF, id);
	c = db_acquire(db);
	rc = hearing_pledges(c, &r->arena, r->org_id, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	for (k = 0; k < n && v[k].id != id; k++)
		;
	if (id <= 0 || k == n)
		return 404;
	return page_org_doc_id(r, &pledge_doc, REPORT_PDF, id);
}

/* ---- the API ------------------------------------------------------------ */


/* The sheet as JSON: every item of the pack in order, with its stored
 * answer (rev 0 and state null when never saved), and the open ones. */
static void
sheet_json(struct req *r, const struct hearing_answer *rows, size_t n)
{
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	struct buf *b = &r->out;
	size_t *idx = arena_alloc(&r->arena, (hp->n_items + 1) *
	    sizeof(*idx));
	size_t i, k, nopen;

	nopen = hearing_open_items(rows, n, sheet_keys(r), hp->n_items, idx);
	buf_reset(b);
	buf_adds(b, "{\"items\": [");
	for (i = 0; i < hp->n_items; i++) {
		const struct hearing_item *it = &hp->items[i];
		const struct hearing_answer *h = hearing_find(rows, n, it->key);

		buf_adds(b, i ? ",\n  {\"key\": " : "\n  {\"key\": ");
		esc_json(b, str_c(it->key));
		buf_adds(b, ", \"section\": ");
		esc_json(b, str_c(hp->sections[it->section].key));
		buf_adds(b, ", \"label\": ");
		esc_json(b, str_c(TR(r, &it->label)));
		if (h == NULL) {
			buf_adds(b, ", \"result\": \"\", \"consider\": \"\", "
			    "\"visit\": null, \"state\": null, \"rev\": 0, "
			    "\"updated_at\": null}");
			continue;
		}
		buf_adds(b, ", \"result\": ");
		esc_json(b, str_c(h->result));
		buf_adds(b, ", \"consider\": ");
		esc_json(b, str_c(h->consider));
		buf_printf(b, ", \"visit\": %d, \"state\": \"%s\", \"rev\": %"
		    PRId64 ", \"updated_at\": %" PRId64 "}", h->visit,
		    hearing_state_key(h->state), h->rev, h->updated_at);
	}
	buf_adds(b, "],\n \"open\": [");
	for (k = 0; k < nopen; k++) {
		buf_adds(b, k ? ", " : "");
		esc_json(b, str_c(hp->items[idx[k]].key));
	}
	buf_adds(b, "]}\n");
}

int
page_api_hearing(struct req *r)
{
	struct hearing_answer *rows;
	size_t n;
	int st;

	if ((st = answers_load(r, &rows, &n)) != 0)
		return st;
	sheet_json(r, rows, n);
	return page_json(r, 200);
}

/* A string member of o, NULL when absent; *bad when present but not a
 * string. */
static const char *
jstr(const json_t *o, const char *key, bool *bad)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

/*
 * PUT {"visit": N, "items": [{"key", "result", "consider", "state",
 * "rev"}…]}: the items given, saved in one write at the revisions named
 * (0 for one never saved).  A key not in the sheet, a text past the
 * limit, a state or visit out of its set: 422 naming the field; a
 * revision that moved: 409.  Answers the sheet as GET does.
 */
int
page_api_hearing_put(struct req *r)
{
	const struct hearing_pack *hp = &req_app(r)->content.hearing;
	struct hearing_answer *rows;
	struct hearing_put *put;
	json_error_t je;
	json_t *o, *items, *e, *v;
	size_t i, j, n;
	int st, rc;
	long visit;

	o = json_loadb(buf_cstr(&r->body), r->body.n, JSON_REJECT_DUPLICATES,
	    &je);
	if (!json_is_object(o)) {
		json_decref(o);
		return page_json_error(r, 400, "the body must be a JSON object",
		    NULL);
	}
	v = json_object_get(o, "visit");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > HEARING_VISIT_MAX) {
		json_decref(o);
		return page_json_error(r, 422, arena_printf(&r->arena, "visit must "
		    "be a whole number from 1 to %d", HEARING_VISIT_MAX),
		    "visit");
	}
	visit = (long)json_integer_value(v);
	items = json_object_get(o, "items");
	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > hp->n_items) {
		json_decref(o);
		return page_json_error(r, 422, arena_printf(&r->arena, "items must be "
		    "a list of 1 to %zu items", hp->n_items), "items");
	}
	put = arena_alloc(&r->arena, (json_array_size(items) + 1) *
	    sizeof(*put));
	json_array_foreach(items, i, e) {
		struct hearing_put *p = &put[i];
		const char *field = arena_printf(&r->arena, "items.%zu", i);
		const json_t *rv = json_object_get(e, "rev");
		const char *s, *key;
		bool bad = false;
		int k;

		key = jstr(e, "key", &bad);
		if (!json_is_object(e) || key == NULL || bad ||
		    hearing_item_find(hp, key) == NULL) {
			json_decref(o);
			return page_json_error(r, 422, "unknown item key (the GET "
			    "lists them)", arena_printf(&r->arena, "%s.key",
			    field));
		}
		p->item = hearing_item_find(hp, key)->key;
		for (j = 0; j < i; j++)
			if (strcmp(put[j].item, p->item) == 0) {
				json_decref(o);
				return page_json_error(r, 422, "an item is given "
				    "twice", arena_printf(&r->arena, "%s.key",
				    field));
			}
		p->result = jstr(e, "result", &bad);
		p->consider = jstr(e, "consider", &bad);
		s = jstr(e, "state", &bad);
		k = s != NULL ? hearing_state_from_key(s) : HEARING_OPEN;
		if (bad || k < 0) {
			json_decref(o);
			return page_json_error(r, 422, "result and consider are text, "
			    "state is open or answered", field);
		}
		p->state = (enum hearing_state)k;
		p->result = arena_cstr(&r->arena, str_trim(str_c(p->result ?
		    p->result : "")));
		p->consider = arena_cstr(&r->arena, str_trim(str_c(p->consider ?
		    p->consider : "")));
		/* jansson reads only UTF-8, and no NUL without
		 * JSON_ALLOW_NUL */
		if (str_utf8_count(str_c(p->result)) > HEARING_TEXT_MAX ||
		    str_utf8_count(str_c(p->consider)) > HEARING_TEXT_MAX) {
			json_decref(o);
			return page_json_error(r, 422, arena_printf(&r->arena, "a text "
			    "is longer than %d characters", HEARING_TEXT_MAX),
			    arena_printf(&r->arena, "%s.%s", field,
			    str_utf8_count(str_c(p->result)) >
			    HEARING_TEXT_MAX ? "result" : "consider"));
		}
		if (!json_is_integer(rv) || json_integer_value(rv) < 0) {
			json_decref(o);
			return page_json_error(r, 422, "rev must be the item's "
			    "revision as read (0: never saved)",
			    arena_printf(&r->arena, "%s.rev", field));
		}
		p->rev = json_integer_value(rv);
	}
	n = json_array_size(items);
	rc = hearing_save(req_app(r)->db, r->org_id, r->auth.user_id,
	    req_addr(r), (int)visit, account_now(), put, n, "api", NULL);
	json_decref(o);
	if (rc == HEARING_STALE)
		return page_json_error(r, 409, "an item was saved since it was read: "
		    "read it again", "rev");
	if (rc != DB_OK)
		return 503;
	if ((st = answers_load(r, &rows, &n)) != 0)
		return st;
	sheet_json(r, rows, n);
	return page_json(r, 200);
}

static void
pledge_json(struct buf *b, const struct hearing_pledge *p)
{
	buf_printf(b, "{\"id\": %" PRId64 ", \"name\": ", p->id);
	esc_json(b, str_c(p->name));
	buf_adds(b, ", \"date\": ");
	esc_json(b, str_c(p->date));
	buf_printf(b, ", \"mode\": \"%s\", \"advisor\": ",
	    hearing_mode_key(p->mode));
	esc_json(b, str_c(p->email));
	buf_printf(b, ", \"created_at\": %" PRId64 "}", p->created_at);
}

int
page_api_pledges(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct hearing_pledge *v;
	struct db_conn *c;
	size_t n, k;
	int rc;

	c = db_acquire(db);
	rc = hearing_pledges(c, &r->arena, r->org_id, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"pledges\": [");
	for (k = 0; k < n; k++) {
		buf_adds(&r->out, k ? ",\n  " : "\n  ");
		pledge_json(&r->out, &v[k]);
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}

/* POST {"name", "date", "mode"}: record a pledge as handed over (mode
 * "handed", the default) or posted.  201 with the pledge; 422 naming the
 * field that is wrong, with the form's message. */
int
page_api_pledges_post(struct req *r)
{
	struct pledge_form f;
	struct hearing_pledge hp, *v;
	struct db_conn *c;
	json_error_t je;
	json_t *o;
	bool bad = false;
	int64_t id;
	size_t n, k;
	int st, rc;

	o = json_loadb(buf_cstr(&r->body), r->body.n, JSON_REJECT_DUPLICATES,
	    &je);
	if (!json_is_object(o)) {
		json_decref(o);
		return page_json_error(r, 400, "the body must be a JSON object",
		    NULL);
	}
	memset(&f, 0, sizeof(f));
	f.name = arena_cstr(&r->arena, str_trim(str_c(jstr(o, "name", &bad) ?
	    jstr(o, "name", &bad) : "")));
	f.date = arena_cstr(&r->arena, str_c(jstr(o, "date", &bad) ?
	    jstr(o, "date", &bad) : ""));
	f.mode = arena_cstr(&r->arena, str_c(jstr(o, "mode", &bad) ?
	    jstr(o, "mode", &bad) : "handed"));
	json_decref(o);
	if (bad)
		return page_json_error(r, 422, "name, date and mode are text", NULL);
	if ((st = pledge_check(r, &f)) < 0)
		return -st;
	if (st > 0)
		return page_json_error(r, 422, f.name_err ? f.name_err : f.date_err ?
		    f.date_err : f.mode_err, f.name_err ? "name" : f.date_err ?
		    "date" : "mode");
	memset(&hp, 0, sizeof(hp));
	hp.name = f.name;
	hp.date = f.date;
	hp.mode = (enum hearing_mode)hearing_mode_from_key(f.mode);
	rc = hearing_pledge_add(req_app(r)->db, r->org_id, r->auth.user_id,
	    req_addr(r), &hp, account_now(), &id);
	if (rc != DB_OK)
		return 503;
	c = db_acquire(req_app(r)->db);
	rc = hearing_pledges(c, &r->arena, r->org_id, &v, &n);
	db_release(req_app(r)->db, c);
	if (rc != DB_OK)
		return 503;
	for (k = 0; k < n && v[k].id != id; k++)
		;
	if (k == n)
		return 503;
	buf_reset(&r->out);
	pledge_json(&r->out, &v[k]);
	buf_addc(&r->out, '\n');
	return page_json(r, 201);
}
