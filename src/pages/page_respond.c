/*
 * page_respond: what a respondent sees.  No account: a capability link.
 * The 25 items come in three steps (the three parts), each saved when the
 * respondent moves on, and every answer is also saved the moment it is
 * chosen when scripts run.  The same link resumes where they left off.
 *
 * Every step has its own address, /r/{token}?part=N, reached by GET after
 * each POST (post-redirect-get); the bare link only sends on to the step
 * to resume, or shows the finished page.  So the browser's history holds
 * step 1, 2, 3, finished, and Back walks through them with the saved
 * answers in place.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "base/xalloc.h"
#include "model/account.h"
#include "model/org.h"
#include "model/round.h"
#include "pages/pages.h"
#include "report/questionnaire.h"

/* The cookie remembering which personal link a shared link gave out. */
#define RESUME_COOKIE	"mamori_r%" PRId64

/* Sign-ups through one round's shared link from one client address in a
 * window: at least SHARED_ADDR_MAX, or a third of the link's cap when
 * that is more (an office behind one router signs up together). */
#define SHARED_WINDOW		600	/* seconds */
#define SHARED_ADDR_MAX		20

struct resp_view {
	struct respondent	 q;
	bool			 round_open;
	const char		*round_title;
	const char		*org_name;	/* whose questionnaire this is */
	const char		*token;
	const char		*self;	/* "/r/<token>" */
};

static int
resp_load(struct req *r, struct resp_view *v)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct org o;
	int rc;

	rc = resp_get(c, &r->arena, r->auth.link_id, &v->q);
	db_release(db, c);
	if (rc == 0)
		rc = page_org_get(r, v->q.org_id, &o);
	v->org_name = rc == 0 ? o.name : "";
	v->round_open = v->q.round_open;
	v->round_title = v->q.round_title;
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	v->token = req_param(r, "token");
	v->self = arena_printf(&r->arena, "/r/%s", v->token);
	return 0;
}

/* "回答の締切: 2025年6月30日（月）" under the title, when the round has
 * a deadline (date: YYYY-MM-DD or ""). */
static void
deadline_line(struct page *p, const char *date)
{
	struct req *r = p->r;
	const char *day = report_day(&r->arena, date, r->lang >= 0 &&
	    r->lang < LANG__MAX ? (enum lang)r->lang : LANG_JA);

	if (day != NULL)
		html_elem(&p->h, "p", arena_printf(&r->arena, "%s: %s",
		    T(r, "paper.deadline"), day), "class", "deadline", NULL);
}

static int
answered(const struct respondent *q)
{
	int k, n = 0;

	for (k = 0; k < DIAG_ITEMS; k++)
		n += q->ans[k] != DIAG_NONE;
	return n;
}

/* First part that still has an unanswered item; 0-based; DIAG_PARTS if
 * none. */
static int
first_open_part(const struct respondent *q)
{
	int k;

	for (k = 0; k < DIAG_ITEMS; k++)
		if (q->ans[k] == DIAG_NONE)
			return diag_part_of(k);
	return DIAG_PARTS;
}

static void
progress(struct page *p, const struct respondent *q, int part)
{
	struct req *r = p->r;
	int n = answered(q);

	html_open(&p->h, "div", "class", "progress", NULL);
	html_open(&p->h, "p", "class", "progress-text", "id", "progress-text",
	    "aria-live", "polite", NULL);
	html_text(&p->h, Tn(r, "resp.step", part + 1, DIAG_PARTS));
	html_text(&p->h, " · ");
	html_text(&p->h, Tn(r, "resp.count", n, DIAG_ITEMS));
	html_close(&p->h);
	html_void(&p->h, "progress", "max", "25", "value",
	    arena_printf(&r->arena, "%d", n), "id", "progress-bar",
	    "aria-label", T(r, "resp.progress"), NULL);
	html_close(&p->h);
}

/* Names and ids of the items, written out once rather than printed for
 * every request: field "q7", element "item-7", its message "e-q7". */
#define ITEMS_1_25(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) \
	X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) \
	X(22) X(23) X(24) X(25)
#define Q_NAME(n)	"q" #n,
#define Q_ID(n)		"item-" #n,
#define Q_EID(n)	"e-q" #n,
static const char *const item_q[DIAG_ITEMS] = { ITEMS_1_25(Q_NAME) };
static const char *const item_id[DIAG_ITEMS] = { ITEMS_1_25(Q_ID) };
static const char *const item_eid[DIAG_ITEMS] = { ITEMS_1_25(Q_EID) };
#undef Q_NAME
#undef Q_ID
#undef Q_EID
#undef ITEMS_1_25

static const char *const answer_class[DIAG_ANSWER__MAX] = {
	[DIAG_YES] = "answer answer-yes",
	[DIAG_PARTLY] = "answer answer-partly",
	[DIAG_NO] = "answer answer-no",
	[DIAG_UNKNOWN] = "answer answer-unknown",
};

/* <tag>text</tag> from a content text escaped at load. */
static void
pre(struct html *h, const char *tag, const char *escaped)
{
	html_open(h, tag, NULL);
	/* Escaped by esc_html when the pack was loaded: not raw data. */
	html_raw_trusted(h, escaped);
	html_close(h);
}

/*
 * One question with its four answers (cur checked), the explanation and
 * the measures.  Depends on nothing but its arguments, so the blocks
 * without a "missing" mark can be made once at start-up
 * (respond_prebuild) and copied into every page.
 */
static void
respond_item(struct html *h, const struct content *ct, int lang, int k,
    enum diag_answer cur, bool missing)
{
	const struct diag_pack *d = &ct->diag;
	const struct diag_item_text *t = &d->item[k];
	size_t m;
	int a;

	html_open(h, "fieldset", "class", missing ? "item item-missing" :
	    "item", "id", item_id[k], "aria-describedby", missing ?
	    item_eid[k] : NULL, NULL);
	html_open(h, "legend", NULL);
	html_elem(h, "span", item_q[k] + 1, "class", "item-no", NULL);
	pre(h, "span", t->question.h[lang]);
	html_close(h);
	if (missing)
		html_elem(h, "p", content_ui(ct, lang, "resp.err.missing"),
		    "class", "field-msg", "id", item_eid[k], NULL);
	html_open(h, "div", "class", "answers", NULL);
	for (a = DIAG_YES; a < DIAG_ANSWER__MAX; a++) {
		html_open(h, "label", "class", answer_class[a], NULL);
		html_void(h, "input", "type", "radio", "name", item_q[k],
		    "value", diag_answer_key(a), "checked", (int)cur == a ?
		    "" : NULL, NULL);
		pre(h, "span", d->answer_label[a].h[lang]);
		html_close(h);
	}
	html_close(h);
	html_open(h, "details", "class", "explain", NULL);
	html_elem(h, "summary", content_ui(ct, lang, "resp.why"), NULL);
	pre(h, "p", t->why.h[lang]);
	html_elem(h, "p", content_ui(ct, lang, "resp.measures"), "class", "sub",
	    NULL);
	html_open(h, "ul", NULL);
	for (m = 0; m < t->measures.n; m++)
		pre(h, "li", t->measures.h[lang][m]);
	html_close(h);
	html_close(h);
	html_close(h);
}

/* Item blocks by language, item and checked answer, made at start-up. */
struct respond_frags {
	struct buf	html[LANG__MAX][DIAG_ITEMS][DIAG_ANSWER__MAX];
};

void *
respond_prebuild(const struct content *ct)
{
	struct respond_frags *f = xcalloc(1, sizeof(*f));
	int l, k, a;

	for (l = 0; l < LANG__MAX; l++)
		for (k = 0; k < DIAG_ITEMS; k++)
			for (a = 0; a < DIAG_ANSWER__MAX; a++) {
				struct html h;

				html_init(&h, &f->html[l][k][a]);
				respond_item(&h, ct, l, k, (enum diag_answer)a,
				    false);
				html_end(&h);
			}
	return f;
}

void
respond_prebuilt_free(void *frags)
{
	struct respond_frags *f = frags;
	int l, k, a;

	if (f == NULL)
		return;
	for (l = 0; l < LANG__MAX; l++)
		for (k = 0; k < DIAG_ITEMS; k++)
			for (a = 0; a < DIAG_ANSWER__MAX; a++)
				buf_free(&f->html[l][k][a]);
	free(f);
}

static void
item_block(struct page *p, int k, enum diag_answer cur, bool missing)
{
	const struct respond_frags *f = p->app->prebuilt;
	int lang = p->r->lang < 0 ? 0 : p->r->lang;

	if (f != NULL && !missing) {
		const struct buf *b = &f->html[lang][k][cur];

		/* Made by respond_item through the writer at start-up. */
		buf_add(p->h.b, b->p, b->n);
		return;
	}
	respond_item(&p->h, &p->app->content, lang, k, cur, missing);
}

/* What each answer means, once a step rather than under every item. */
static void
answer_guide(struct page *p)
{
	const struct diag_pack *d = &p->app->content.diag;
	struct req *r = p->r;
	int a;

	html_open(&p->h, "details", "class", "guide", NULL);
	html_elem(&p->h, "summary", T(r, "resp.guide"), NULL);
	html_open(&p->h, "dl", NULL);
	for (a = DIAG_YES; a < DIAG_ANSWER__MAX; a++) {
		html_elem(&p->h, "dt", TR(r, &d->answer_label[a]), NULL);
		html_elem(&p->h, "dd", TR(r, &d->answer_hint[a]), NULL);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* Whose questionnaire this is: the organisation, then the round. */
static void
resp_head(struct page *p, const char *org_name, const char *round_title)
{
	html_elem(&p->h, "p", org_name, "class", "org-name", "id",
	    "org-name", NULL);
	if (round_title != NULL && round_title[0] != '\0')
		html_elem(&p->h, "p", round_title, "class", "round-name", NULL);
}

/* Who will see the answers, as the results page and the reports really
 * show them (page_results.c, report.c): said before anyone answers. */
static void
privacy(struct page *p)
{
	static const char *const keys[] = { "resp.privacy.admins",
	    "resp.privacy.members", "resp.privacy.reports",
	    "resp.privacy.peers" };
	struct req *r = p->r;
	size_t i;

	html_open(&p->h, "section", "class", "privacy", "id", "privacy",
	    "aria-labelledby", "privacy-h", NULL);
	html_elem(&p->h, "h2", T(r, "resp.privacy.title"), "id", "privacy-h",
	    NULL);
	html_open(&p->h, "ul", NULL);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		html_elem(&p->h, "li", T(r, keys[i]), NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static int
closed_page(struct req *r, const struct resp_view *v)
{
	struct page p;

	page_begin(&p, r, T(r, "resp.closed"));
	page_h1(&p, T(r, "resp.closed"));
	html_elem(&p.h, "p", T(r, "resp.closed_help"), "class", "lead", NULL);
	(void)v;
	return page_end(&p, 409);
}

/* How many of the respondent's weakest items the finished page lists. */
#define OWN_TOP	3

/*
 * The finished page: what the paper version hands back — the
 * respondent's own score and band, and the three items to start with,
 * each with its first inexpensive measure.  The figures are the model's
 * (diag_compute on this one answer set), as for a whole round.
 */
static int
done_page(struct req *r, const struct resp_view *v)
{
	const struct diag_pack *d = &req_app(r)->content.diag;
	struct diag_resp one;
	struct diag_result res;
	struct page p;
	int i, lang = r->lang < 0 ? 0 : r->lang;

	memset(&one, 0, sizeof(one));
	one.name = v->q.name;
	one.role = v->q.role;
	memcpy(one.ans, v->q.ans, sizeof(one.ans));
	diag_compute(&one, 1, &res);

	page_begin(&p, r, T(r, "resp.thanks"));
	resp_head(&p, v->org_name, v->round_title);
	page_h1(&p, T(r, "resp.thanks"));
	html_elem(&p.h, "p", T(r, "resp.thanks_help"), "class", "lead", NULL);
	if (res.n == 1) {
		html_open(&p.h, "section", "class", arena_printf(&r->arena,
		    "score-card band-%s", diag_band_key(res.band)), "id",
		    "own-score", NULL);
		html_elem(&p.h, "h2", T(r, "resp.own_score"), NULL);
		html_open(&p.h, "p", "class", "score", NULL);
		html_elem(&p.h, "span", num_tenths_a(&r->arena,
		    res.company_tenths), "class", "score-num", NULL);
		html_elem(&p.h, "span", T(r, "results.of_100"), "class",
		    "score-of", NULL);
		html_close(&p.h);
		html_elem(&p.h, "p", TR(r, &d->band_label[res.band]), "class",
		    "band-label", NULL);
		html_elem(&p.h, "p", T(r, "resp.own_score_help"), "class",
		    "help", NULL);
		html_close(&p.h);

		html_elem(&p.h, "h2", T(r, "resp.own_first"), NULL);
		html_elem(&p.h, "p", T(r, "resp.own_first_help"), "class",
		    "help", NULL);
		html_open(&p.h, "ol", "class", "first-actions", "id",
		    "own-first", NULL);
		for (i = 0; i < OWN_TOP; i++) {
			int k = res.weakest[i];
			const struct diag_item_text *t = &d->item[k];

			html_open(&p.h, "li", NULL);
			html_open(&p.h, "p", "class", "fa-head", NULL);
			html_elem(&p.h, "strong", TR(r, &t->shrt), NULL);
			html_text(&p.h, " ");
			html_elem(&p.h, "span", arena_printf(&r->arena,
			    "No.%d", k + 1), "class", "fa-no", NULL);
			html_text(&p.h, " ");
			html_elem(&p.h, "span", TR(r,
			    &d->answer_label[v->q.ans[k]]), "class", "tag",
			    NULL);
			html_close(&p.h);
			if (t->measures.n > 0)
				html_elem(&p.h, "p", t->measures.t[lang][0],
				    "class", "fa-measure", NULL);
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	html_elem(&p.h, "a", T(r, "resp.review"), "href", arena_printf(
	    &r->arena, "%s?part=1", v->self), "class", "btn btn-secondary",
	    NULL);
	privacy(&p);
	return page_end(&p, 200);
}

static int
form_page(struct req *r, const struct resp_view *v, int part,
    const bool *missing, int status)
{
	const struct diag_pack *d = &req_app(r)->content.diag;
	struct page p;
	int k, first = diag_part_first(part), last = first +
	    diag_part_len(part);

	page_begin(&p, r, TR(r, &d->title));
	resp_head(&p, v->org_name, v->round_title);
	page_h1(&p, TR(r, &d->title));
	deadline_line(&p, v->q.round_deadline);
	if (part == 0 && answered(&v->q) == 0)
		html_elem(&p.h, "p", TR(r, &d->intro), "class", "lead", NULL);
	if (status != 200)
		page_notice(&p, "error", T(r, "resp.err.summary"));
	progress(&p, &v->q, part);
	answer_guide(&p);
	html_elem(&p.h, "h2", TR(r, &d->part_title[part]), NULL);
	html_elem(&p.h, "p", TR(r, &d->part_summary[part]), "class", "help",
	    NULL);
	html_open(&p.h, "form", "method", "post", "action", v->self, "class",
	    "respond", "data-autosave", v->self, NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "_csrf", "value",
	    r->auth.csrf, NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "part", "value",
	    arena_printf(&r->arena, "%d", part + 1), NULL);
	for (k = first; k < last; k++)
		item_block(&p, k, (enum diag_answer)v->q.ans[k],
		    missing && missing[k]);
	html_open(&p.h, "div", "class", "step-buttons", NULL);
	if (part > 0)
		html_elem(&p.h, "button", T(r, "resp.prev"), "type", "submit",
		    "name", "go", "value", "prev", "class",
		    "btn btn-secondary", "formnovalidate", "", NULL);
	html_elem(&p.h, "button", T(r, part + 1 < DIAG_PARTS ? "resp.next" :
	    "resp.finish"), "type", "submit", "name", "go", "value",
	    part + 1 < DIAG_PARTS ? "next" : "finish", "class", "btn", NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_elem(&p.h, "p", T(r, "resp.resume"), "class", "help", NULL);
	privacy(&p);
	return page_end(&p, status);
}

int
page_respond(struct req *r)
{
	struct resp_view v;
	const char *ps = req_query(r, "part");
	long part;
	int st;

	if ((st = resp_load(r, &v)) != 0)
		return st;
	if (!v.round_open)
		return closed_page(r, &v);
	if (ps != NULL && str_to_long(str_c(ps), 1, DIAG_PARTS, &part) == 0)
		return form_page(r, &v, (int)part - 1, NULL, 200);
	if (v.q.complete)
		return done_page(r, &v);
	/* A step is shown at its own address only (see the top). */
	part = first_open_part(&v.q);
	return req_redirect(r, arena_printf(&r->arena, "%s?part=%ld", v.self,
	    part < DIAG_PARTS ? part + 1 : 1));
}

/*
 * A save on its way to disk.  The answer waits for the commit (db_write:
 * group commit) with the connection suspended, so no HTTP thread waits:
 * the more respondents send at once, the more share one fsync.
 */
struct resp_later {
	struct req		*r;
	struct resp_view	 v;
	struct resp_write	 w;
	long			 part;	/* 0-based step sent */
	int			 rc;	/* the write's result */
};

static void
resp_later_done(void *arg, int rc)
{
	struct resp_later *x = arg;

	x->rc = rc;
	req_resume(x->r);
}

static void
resp_save_start(struct req *r, void *arg)
{
	struct resp_later *x = arg;

	db_write_queue(req_app(r)->db, resp_save_write, &x->w,
	    resp_later_done, x);
}

/* The answer to a POST whose answers are stored (or refused). */
static int
resp_saved(struct req *r, struct resp_later *x)
{
	struct resp_view *vp = &x->v;
	bool missing[DIAG_ITEMS] = { false };
	const char *go = req_field(r, "go");
	bool autosave = req_field(r, "autosave") != NULL;
	bool any_missing = false;
	long part = x->part;
	int k, first, last;

	if (x->rc == DB_DONE)
		return autosave ? 409 : closed_page(r, vp);
	if (x->rc != DB_OK)
		return 503;
	if (autosave) {
		buf_printf(&r->out, "{\"answered\": %d, \"total\": %d}",
		    answered(&vp->q), DIAG_ITEMS);
		return page_json(r, 200);
	}
	if (go != NULL && strcmp(go, "prev") == 0 && part > 0)
		return req_redirect(r, arena_printf(&r->arena, "%s?part=%ld",
		    vp->self, part));
	/* Moving on needs this part complete; finishing needs all. */
	first = go && strcmp(go, "finish") == 0 ? 0 : diag_part_first(
	    (int)part);
	last = go && strcmp(go, "finish") == 0 ? DIAG_ITEMS : first +
	    diag_part_len((int)part);
	for (k = first; k < last; k++)
		if (vp->q.ans[k] == DIAG_NONE)
			any_missing = missing[k] = true;
	if (any_missing) {
		for (k = 0; k < DIAG_ITEMS && !missing[k]; k++)
			;
		return form_page(r, vp, diag_part_of(k), missing,
		    PAGE_INVALID);
	}
	if (part + 1 < DIAG_PARTS && !(go && strcmp(go, "finish") == 0))
		return req_redirect(r, arena_printf(&r->arena, "%s?part=%ld",
		    vp->self, part + 2));
	return req_redirect(r, vp->self);
}

int
page_respond_post(struct req *r)
{
	struct resp_later *x;
	struct resp_view v;
	bool bad[DIAG_ITEMS] = { false };
	const char *ps = req_field(r, "part");
	bool autosave = req_field(r, "autosave") != NULL;
	bool complete, any_bad = false;
	long part = 1;
	int k, st;

	if (r->resumed)
		return resp_saved(r, r->work_arg);
	if ((st = resp_load(r, &v)) != 0)
		return st;
	if (ps != NULL && str_to_long(str_c(ps), 1, DIAG_PARTS, &part) != 0)
		return 400;
	part--;
	/* Take every qN sent.  An unknown value is not dropped in silence:
	 * nothing is saved, and its question is shown again as unanswered
	 * (the others as sent). */
	for (k = 0; k < DIAG_ITEMS; k++) {
		const char *a = req_field(r, arena_printf(&r->arena, "q%d",
		    k + 1));
		int ans;

		if (a == NULL)
			continue;
		if ((ans = diag_answer_from_key(a, strlen(a))) <= DIAG_NONE) {
			any_bad = bad[k] = true;
			v.q.ans[k] = DIAG_NONE;
			continue;
		}
		v.q.ans[k] = (unsigned char)ans;
	}
	complete = answered(&v.q) == DIAG_ITEMS;
	if (!v.round_open)
		return autosave ? 409 : closed_page(r, &v);
	if (any_bad && autosave) {
		buf_adds(&r->out, "{\"error\": \"answer\"}");
		return page_json(r, PAGE_INVALID);
	}
	if (any_bad) {
		for (k = 0; k < DIAG_ITEMS && !bad[k]; k++)
			;
		return form_page(r, &v, diag_part_of(k), bad, PAGE_INVALID);
	}
	/* Answered only once on disk: see struct resp_later. */
	x = arena_alloc(&r->arena, sizeof(*x));
	memset(x, 0, sizeof(*x));
	x->r = r;
	x->v = v;
	x->part = part;
	x->w.id = x->v.q.id;
	x->w.ans = x->v.q.ans;
	x->w.complete = complete;
	return req_suspend(r, resp_save_start, x);
}

/* ---- shared links: the respondent picks a role first ---- */

/* The most respondents round's shared link may make: the admin's cap,
 * or the default from the organisation's employee band. */
long
page_shared_cap(struct req *r, const struct round *round, const struct org *o)
{
	const struct choice *b;

	if (round->shared_cap > 0)
		return round->shared_cap;
	b = choices_find(&req_app(r)->content.org.employees, o->employees);
	return b != NULL ? round_shared_cap_default(b->min, b->max) :
	    ROUND_SHARED_CAP_MIN;
}

/* The round of a shared link, its organisation's name and the link's
 * cap (page_shared_cap). */
static int
shared_load(struct req *r, struct round *round, const char **org_name,
    long *cap)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct org o;
	int rc = round_find(c, &r->arena, r->auth.link_id, round);

	if (rc == 0)
		rc = org_get(c, &r->arena, round->org_id, &o);
	db_release(db, c);
	*org_name = rc == 0 ? o.name : "";
	*cap = rc == 0 ? page_shared_cap(r, round, &o) : 0;
	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

/* A shared link that takes no more sign-ups, for now (rate) or until the
 * admin raises its cap: 429 with a plain word of what to do. */
static int
shared_refused(struct req *r, bool rate)
{
	struct page p;

	if (rate)
		req_header(r, "Retry-After", arena_printf(&r->arena, "%d",
		    SHARED_WINDOW));
	page_begin(&p, r, T(r, rate ? "resp.busy" : "resp.full"));
	page_h1(&p, T(r, rate ? "resp.busy" : "resp.full"));
	html_elem(&p.h, "p", T(r, rate ? "resp.busy_help" : "resp.full_help"),
	    "class", "lead", NULL);
	return page_end(&p, 429);
}

static int
shared_form(struct req *r, const struct round *round, const char *org_name,
    const char *name, const char *dept, const char *err_role,
    const char *err_name, const char *err_dept, int status)
{
	const struct diag_pack *d = &req_app(r)->content.diag;
	struct page p;
	int k;
	const char *cur = req_field(r, "role");

	page_begin(&p, r, TR(r, &d->title));
	resp_head(&p, org_name, round->title);
	page_h1(&p, TR(r, &d->title));
	deadline_line(&p, round->deadline);
	html_elem(&p.h, "p", TR(r, &d->intro), "class", "lead", NULL);
	html_open(&p.h, "form", "method", "post", "action",
	    arena_printf(&r->arena, "/s/%s", req_param(r, "token")), NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "_csrf", "value",
	    r->auth.csrf, NULL);
	form_group(&p, "role", T(r, "resp.pick_role"), NULL, err_role);
	for (k = 0; k < DIAG_ROLE__MAX; k++) {
		html_open(&p.h, "label", "class", "answer", NULL);
		html_void(&p.h, "input", "type", "radio", "name", "role",
		    "value", diag_role_key(k), "required", "", "checked",
		    cur && strcmp(cur, diag_role_key(k)) == 0 ? "" : NULL,
		    "aria-invalid", err_role ? "true" : NULL, NULL);
		html_open(&p.h, "span", NULL);
		html_elem(&p.h, "strong", T(r, arena_printf(&r->arena,
		    "resp.role.%s", diag_role_key(k))), NULL);
		html_elem(&p.h, "small", T(r, arena_printf(&r->arena,
		    "resp.role_hint.%s", diag_role_key(k))), NULL);
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close(&p.h);
	form_field(&p, "name", FT_RESP_NAME, T(r, "resp.name_opt"),
	    T(r, "resp.name_help"), name, err_name, "name", false);
	/* the department, for the results by department (issue 16) */
	form_field(&p, "department", FT_RESP_DEPT, T(r, "resp.dept_opt"),
	    T(r, "resp.dept_help"), dept, err_dept, "organization-title",
	    false);
	form_submit(&p, T(r, "resp.start"), NULL);
	html_close(&p.h);
	privacy(&p);
	return page_end(&p, status);
}

int
page_shared(struct req *r)
{
	struct round round;
	const char *resume, *org_name;
	long cap;
	int st;

	if ((st = shared_load(r, &round, &org_name, &cap)) != 0)
		return st;
	if (!round.open)
		return closed_page(r, NULL);
	/* Someone who already started from this device goes back to it. */
	resume = req_cookie(r, arena_printf(&r->arena, RESUME_COOKIE,
	    round.id));
	if (resume != NULL && link_verify(req_app(r)->secret,
	    LINK_RESPONDENT, resume) != 0)
		return req_redirect(r, arena_printf(&r->arena, "/r/%s",
		    resume));
	return shared_form(r, &round, org_name, "", "", NULL, NULL, NULL,
	    200);
}

/* A shared-link sign-up on its way to disk (as struct resp_later). */
struct shared_later {
	struct req		*r;
	struct round		 round;
	struct respondent	 q;
	struct resp_write	 w;
	int			 rc;
};

static void
shared_later_done(void *arg, int rc)
{
	struct shared_later *x = arg;

	x->rc = rc;
	req_resume(x->r);
}

static void
shared_create_start(struct req *r, void *arg)
{
	struct shared_later *x = arg;

	db_write_queue(req_app(r)->db, resp_create_write, &x->w,
	    shared_later_done, x);
}

/* The answer to a sign-up whose respondent is stored (or not). */
static int
shared_created(struct req *r, struct shared_later *x)
{
	char tok[LINK_TOKEN_MAX + 1];

	if (x->rc == DB_DONE)
		return shared_refused(r, false);	/* the cap is reached */
	if (x->rc != DB_OK)
		return 503;
	link_token(req_app(r)->secret, LINK_RESPONDENT, x->w.new_id, tok);
	req_cookie_set(r, arena_printf(&r->arena, RESUME_COOKIE, x->round.id),
	    tok, 90L * 86400, true);
	return req_redirect(r, arena_printf(&r->arena, "/r/%s", tok));
}

int
page_shared_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct shared_later *x;
	struct round round;
	struct respondent q;
	struct db_conn *c;
	const char *role = req_field(r, "role"), *err_role = NULL;
	const char *err_name = NULL, *err_dept = NULL, *org_name;
	long cap, hits;
	int k, st;

	if (r->resumed)
		return shared_created(r, r->work_arg);
	if ((st = shared_load(r, &round, &org_name, &cap)) != 0)
		return st;
	if (!round.open)
		return closed_page(r, NULL);
	memset(&q, 0, sizeof(q));
	k = role ? diag_role_from_key(role, strlen(role)) : -1;
	if (k < 0)
		err_role = T(r, "resp.err.role");
	q.name = form_text(r, "name", FT_RESP_NAME, false, &err_name);
	q.department = form_text(r, "department", FT_RESP_DEPT, false,
	    &err_dept);
	if (err_role != NULL || err_name != NULL || err_dept != NULL)
		return shared_form(r, &round, org_name, q.name, q.department,
		    err_role, err_name, err_dept, PAGE_INVALID);
	q.role = (enum diag_role)k;
	q.round_id = round.id;
	q.org_id = round.org_id;
	q.via = "shared";
	/* One address signing up again and again: refused before anything
	 * is made. */
	c = db_acquire(db);
	hits = rate_hit(c, arena_printf(&r->arena, "shared:%" PRId64 ":%s",
	    round.id, req_addr(r)), SHARED_WINDOW);
	db_release(db, c);
	if (hits < 0)
		return 503;
	if (hits > SHARED_ADDR_MAX && hits > cap / 3)
		return shared_refused(r, true);
	/* Answered only once on disk (see struct resp_later); the cap is
	 * checked in the transaction that makes the respondent. */
	x = arena_alloc(&r->arena, sizeof(*x));
	memset(x, 0, sizeof(*x));
	x->r = r;
	x->round = round;
	x->q = q;
	x->w.p = &x->q;
	x->w.cap = cap;
	return req_suspend(r, shared_create_start, x);
}
