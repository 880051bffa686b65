/*
 * page_results: what a round found, in plain words.  Every chart has a
 * table that says the same; colour always comes with text.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/cache.h"
#include "base/gz.h"
#include "base/num.h"
#include "model/audit.h"
#include "model/org.h"
#include "model/peer.h"
#include "report/report.h"
#include "model/round.h"
#include "pages/pages.h"
#include "render/svg.h"

#define RADAR_MAX_PEOPLE	(SVG_SERIES_MAX - 1)
#define LIST_TOP		5

struct results {
	struct round		 round;
	struct diag_resp	*resp;
	size_t			 n;
	struct diag_result	 res;
	struct round_progress	 prog;	/* who was counted, who left out */
	bool			 has_prev;
	struct round		 prev_round;
	struct diag_result	 prev;
	struct round_comment	 comment;	/* the advisor's (results_comment) */
	struct dept_row		*dept;	/* by department (model/dept.h) */
	size_t			 ndept;	/* 0: no one gave a department */
};

/* The comment form shown again: what was typed, and why it was refused
 * or that it was saved. */
struct comment_form {
	const char	*value;		/* NULL: the stored comment */
	const char	*err;		/* next to the field */
	const char	*notice;	/* "ok" line above the section */
};

static const char *
tenths(struct req *r, long t)
{
	return num_tenths_a(&r->arena, t);
}

/* Signed change, "+1.5" / "−0.5" / "±0". */
static const char *
delta(struct req *r, long t)
{
	if (t == 0)
		return "±0";
	return arena_printf(&r->arena, "%s%s", t > 0 ? "+" : "−",
	    tenths(r, labs(t)));
}

/* A round as kept in the page cache: the fixed fields, then the title. */
static void
head_pack(struct buf *b, const struct round *rd)
{
	struct round fixed = *rd;
	size_t n = rd->title ? strlen(rd->title) : 0;

	fixed.title = NULL;
	buf_add(b, &fixed, sizeof(fixed));
	buf_add(b, &n, sizeof(n));
	buf_add(b, rd->title ? rd->title : "", n);
}

/* The inverse, from *p (n bytes left) into a; false when short. */
static bool
head_unpack(struct arena *a, const char **p, size_t *left, struct round *rd)
{
	size_t n;

	if (*left < sizeof(*rd) + sizeof(n))
		return false;
	memcpy(rd, *p, sizeof(*rd));
	memcpy(&n, *p + sizeof(*rd), sizeof(n));
	*p += sizeof(*rd) + sizeof(n);
	*left -= sizeof(*rd) + sizeof(n);
	if (*left < n)
		return false;
	rd->title = arena_strndup(a, *p, n);
	*p += n;
	*left -= n;
	return true;
}

/*
 * The round and the one before it: one indexed read, and all the cache
 * key needs.  While the database tells this node of changes
 * (page_fresh), what was read is kept and used until the organisation's
 * rounds change, so that a view asks nothing.
 */
static int
results_head(struct req *r, struct results *x)
{
	struct db *db = req_app(r)->db;
	struct cache *cache = req_app(r)->pages;
	const char *tok = page_fresh(r, r->org_id, PAGE_FRESH_ROUNDS);
	const char *key = NULL, *p;
	int64_t id = req_param_id(r, "id");
	struct db_conn *c;
	size_t n;
	int rc;

	memset(x, 0, sizeof(*x));
	if (tok != NULL) {
		key = arena_printf(&r->arena, "head/%" PRId64 "/%" PRId64 "/%s",
		    r->org_id, id, tok);
		if ((p = cache_get_a(cache, key, &r->arena, &n)) != NULL &&
		    head_unpack(&r->arena, &p, &n, &x->round) &&
		    head_unpack(&r->arena, &p, &n, &x->prev_round))
			return 0;
		memset(x, 0, sizeof(*x));
	}
	c = db_acquire(db);
	rc = round_get_prev(c, &r->arena, id, r->org_id, &x->round,
	    &x->prev_round);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	if (key != NULL) {
		struct buf b = BUF_INIT;

		head_pack(&b, &x->round);
		head_pack(&b, &x->prev_round);
		if (!b.err)
			cache_put(cache, key, b.p, b.n);
		buf_free(&b);
	}
	return 0;
}

/* The advisor's comment on the round, kept like the head: under the
 * organisation's counter, which its changes move, and the one of
 * accounts, since it names who wrote it by e-mail.  A kept comment is
 * its updated_at, then body and author, each with its NUL. */
static int
results_comment(struct req *r, struct results *x)
{
	struct db *db = req_app(r)->db;
	struct cache *cache = req_app(r)->pages;
	const char *tok = page_fresh(r, r->org_id, PAGE_FRESH_PEOPLE);
	struct round_comment *cm = &x->comment;
	const char *key = NULL, *p;
	struct db_conn *c;
	size_t n, bn;
	int rc;

	if (tok != NULL) {
		key = arena_printf(&r->arena, "comment/%" PRId64 "/%" PRId64
		    "/%s", r->org_id, x->round.id, tok);
		if ((p = cache_get_a(cache, key, &r->arena, &n)) != NULL &&
		    n > sizeof(cm->updated_at) &&
		    (bn = strnlen(p + sizeof(cm->updated_at), n -
		    sizeof(cm->updated_at))) + sizeof(cm->updated_at) + 2 <= n &&
		    p[n - 1] == '\0') {
			memcpy(&cm->updated_at, p, sizeof(cm->updated_at));
			cm->body = p + sizeof(cm->updated_at);
			cm->by = cm->body + bn + 1;
			return DB_OK;
		}
	}
	c = db_acquire(db);
	rc = round_comment_get(c, &r->arena, x->round.id, r->org_id, cm);
	db_release(db, c);
	if (rc == DB_OK && key != NULL) {
		struct buf b = BUF_INIT;

		buf_add(&b, &cm->updated_at, sizeof(cm->updated_at));
		buf_add(&b, cm->body, strlen(cm->body) + 1);
		buf_add(&b, cm->by, strlen(cm->by) + 1);
		if (!b.err)
			cache_put(cache, key, b.p, b.n);
		buf_free(&b);
	}
	return rc;
}

/* The answers of both rounds, computed. */
static int
results_data(struct req *r, struct results *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct diag_resp *pr;
	size_t pn;
	int rc;

	rc = round_answers_progress(c, &r->arena, x->round.id, r->org_id,
	    &x->resp, &x->n, &x->prog);
	if (rc == 0)
		rc = round_departments(c, &r->arena, x->round.id, r->org_id,
		    &x->dept, &x->ndept);
	if (rc == 0 && x->prev_round.id != 0 && round_answers(c, &r->arena,
	    x->prev_round.id, r->org_id, &pr, &pn) == 0 && pn > 0) {
		diag_compute(pr, pn, &x->prev);
		x->has_prev = x->prev.n > 0;
	}
	db_release(db, c);
	if (rc != 0)
		return 503;
	diag_compute(x->resp, x->n, &x->res);
	return 0;
}

/* True when the figures of role ro may be shown to this reader: always to
 * those who see each person, to members unless they would show one
 * person's answers (struct diag_result.role_hidden). */
static bool
role_shown(struct req *r, const struct results *x, int ro)
{
	return page_can_admin(r) || !x->res.role_hidden[ro];
}

static const char *
item_label(struct req *r, int k)
{
	return arena_printf(&r->arena, "%d. %s", k + 1,
	    TR(r, &req_app(r)->content.diag.item[k].shrt));
}

static void
td(struct page *p, const char *text, const char *klass)
{
	page_td(p, text, klass);
}

/* A long section behind a disclosure whose summary says in one line what
 * is inside, so a phone's first screen stays with the score and the
 * first actions.  Close with html_close(). */
static void
section_more(struct page *p, const char *klass, const char *what,
    const char *detail)
{
	html_open(&p->h, "details", "class", klass, NULL);
	html_open(&p->h, "summary", NULL);
	html_text(&p->h, what);
	if (detail) {
		html_text(&p->h, " — ");
		html_elem(&p->h, "span", detail, "class", "more-detail", NULL);
	}
	html_close(&p->h);
}

static void
summary(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	enum diag_band b = x->res.band;

	html_open(&p->h, "section", "class", arena_printf(&r->arena,
	    "score-card band-%s", diag_band_key(b)), NULL);
	html_elem(&p->h, "h2", T(r, "results.company_score"), NULL);
	html_open(&p->h, "p", "class", "score", NULL);
	html_elem(&p->h, "span", tenths(r, x->res.company_tenths), "class",
	    "score-num", NULL);
	html_elem(&p->h, "span", T(r, "results.of_100"), "class", "score-of",
	    NULL);
	html_close(&p->h);
	html_elem(&p->h, "p", TR(r, &d->band_label[b]), "class", "band-label",
	    NULL);
	if (x->has_prev)
		html_elem(&p->h, "p", arena_printf(&r->arena, "%s %s (%s)",
		    T(r, "results.since_prev"), delta(r,
		    x->res.company_tenths - x->prev.company_tenths),
		    x->prev_round.title), "class", "delta", NULL);
	html_elem(&p->h, "p", Tn(r, "results.respondents_n", x->res.n, 0),
	    "class", "meta", NULL);
	if (x->prog.started > 0)
		html_elem(&p->h, "p", Tn(r, x->round.open ?
		    "results.unfinished_open" : "results.unfinished",
		    x->prog.started, 0), "class", "meta", NULL);
	html_elem(&p->h, "p", TR(r, &d->band_advice[b]), "class", "band-advice",
	    NULL);
	html_close(&p->h);
}

/*
 * Five weakest items as one numbered list: the item, its mean on the
 * −1…4 scale, and the first inexpensive measure in plain sight; why it
 * matters and the other measures behind a disclosure; what the list is
 * (and the scale) in a note under it.
 */
static void
weakest(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	int i;

	html_elem(&p->h, "h2", T(r, "results.first_actions"), NULL);
	html_open(&p->h, "ol", "class", "first-actions", NULL);
	for (i = 0; i < LIST_TOP; i++) {
		int k = x->res.weakest[i];
		const struct diag_item_text *t = &d->item[k];
		size_t m;

		html_open(&p->h, "li", NULL);
		html_open(&p->h, "p", "class", "fa-head", NULL);
		html_elem(&p->h, "strong", TR(r, &t->shrt), NULL);
		html_text(&p->h, " ");
		html_elem(&p->h, "span", arena_printf(&r->arena, "No.%d", k + 1),
		    "class", "fa-no", NULL);
		html_text(&p->h, " ");
		html_elem(&p->h, "span", arena_printf(&r->arena, "%s %s / 4",
		    T(r, "results.mean"), tenths(r,
		    x->res.item[k].mean_tenths)), "class", "tag", NULL);
		html_close(&p->h);
		if (t->measures.n > 0)
			html_elem(&p->h, "p", t->measures.t[r->lang][0], "class",
			    "fa-measure", NULL);
		html_open(&p->h, "details", NULL);
		html_elem(&p->h, "summary", T(r, "results.why_more"), NULL);
		html_elem(&p->h, "p", TR(r, &t->why), NULL);
		if (t->measures.n > 1) {
			html_open(&p->h, "ul", NULL);
			for (m = 1; m < t->measures.n; m++)
				html_elem(&p->h, "li", t->measures.t[r->lang][m],
				    NULL);
			html_close(&p->h);
		}
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close(&p->h);
	/* Under the list, so that a phone's first screen reaches it. */
	html_elem(&p->h, "p", T(r, "results.first_actions_help"), "class",
	    "help", NULL);
	/* from the diagnosis to the action plan (page_flow.c) */
	if (page_can_admin(r) && !x->round.open)
		html_elem(&p->h, "a", T(r, "flow.plan_draft_link"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/plan/draft",
		    r->org_id), "class", "btn", "id", "plan-draft", NULL);
}

static int
cmp_gap(const void *a, const void *b, void *ctx)
{
	const struct diag_result *res = ctx;
	long ga = labs(res->item[*(const int *)a].gap_tenths);
	long gb = labs(res->item[*(const int *)b].gap_tenths);

	if (ga != gb)
		return ga < gb ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

static int
cmp_unknown(const void *a, const void *b, void *ctx)
{
	const struct diag_result *res = ctx;
	int ua = res->item[*(const int *)a].counts[DIAG_UNKNOWN];
	int ub = res->item[*(const int *)b].counts[DIAG_UNKNOWN];

	if (ua != ub)
		return ua < ub ? 1 : -1;
	return *(const int *)a - *(const int *)b;
}

/* Executive against staff: where they see things most differently. */
static void
gaps(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	int order[DIAG_ITEMS], k, shown = 0, mark;

	html_elem(&p->h, "h2", T(r, "results.gap"), NULL);
	for (k = 0; k < DIAG_ITEMS; k++)
		order[k] = k;
	qsort_r(order, DIAG_ITEMS, sizeof(int), cmp_gap,
	    (void *)(uintptr_t)&x->res);
	if (!x->res.item[0].gap_valid) {
		html_elem(&p->h, "p", T(r, "results.gap_none"), "class", "help",
		    NULL);
		return;
	}
	/* The staff mean is the total minus the executives: no split for
	 * members when a role would show one person. */
	if (!page_can_admin(r) && x->res.staff_hidden) {
		html_elem(&p->h, "p", T(r, "results.gap_hidden"), "class",
		    "help", NULL);
		return;
	}
	html_elem(&p->h, "p", T(r, "results.gap_help"), "class", "help",
	    NULL);
	for (k = 0; k < DIAG_ITEMS && shown < LIST_TOP &&
	    x->res.item[order[k]].gap_tenths != 0; k++)
		shown++;
	if (shown == 0) {
		html_elem(&p->h, "p", T(r, "results.gap_same"), "class", "help",
		    NULL);
		return;
	}
	section_more(p, "more gaps", Tn(r, "results.gap_summary", shown, 0),
	    arena_printf(&r->arena, "%s %s (%s)", T(r, "results.gap_top"),
	    item_label(r, order[0]), delta(r,
	    x->res.item[order[0]].gap_tenths)));
	mark = page_table(p, NULL, NULL, T(r, "results.item"),
	    T(r, "resp.role.executive"), T(r, "results.staff"),
	    T(r, "results.difference"), NULL);
	for (k = 0; k < shown; k++) {
		const struct diag_item_stat *s = &x->res.item[order[k]];

		page_row(p);
		td(p, item_label(r, order[k]), NULL);
		td(p, tenths(r, s->role_mean_tenths[DIAG_ROLE_EXECUTIVE]),
		    "num");
		td(p, tenths(r, s->staff_mean_tenths), "num");
		page_td_open(p, "num");
		html_text(&p->h, delta(r, s->gap_tenths));
		html_elem(&p->h, "small", T(r, s->gap_tenths > 0 ?
		    "results.exec_higher" : "results.exec_lower"), NULL);
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);	/* details */
}

/* Items many people could not answer: knowledge that does not reach
 * everyone. */
static void
unknowns(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	int order[DIAG_ITEMS], k;

	html_elem(&p->h, "h2", T(r, "results.unknown"), NULL);
	for (k = 0; k < DIAG_ITEMS; k++)
		order[k] = k;
	qsort_r(order, DIAG_ITEMS, sizeof(int), cmp_unknown,
	    (void *)(uintptr_t)&x->res);
	if (x->res.item[order[0]].counts[DIAG_UNKNOWN] == 0) {
		html_elem(&p->h, "p", T(r, "results.unknown_none"), "class",
		    "help", NULL);
		return;
	}
	html_elem(&p->h, "p", T(r, "results.unknown_help"), "class", "help",
	    NULL);
	html_open(&p->h, "ul", "class", "hotspots", NULL);
	for (k = 0; k < LIST_TOP; k++) {
		int u = x->res.item[order[k]].counts[DIAG_UNKNOWN];

		if (u == 0)
			break;
		html_open(&p->h, "li", NULL);
		html_text(&p->h, item_label(r, order[k]));
		html_text(&p->h, " — ");
		html_elem(&p->h, "strong", Tn(r, "results.unknown_n", u,
		    x->res.n), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

/* Mean points per item of one respondent in one part, as a double. */
static double
resp_part_mean(const struct diag_resp *q, int part)
{
	int k, first = diag_part_first(part), n = diag_part_len(part);
	long sum = 0;

	for (k = first; k < first + n; k++)
		sum += diag_points(q->ans[k]);
	return (double)sum / n;
}

/* A radar of mean points (−1…4) in the page's font: every radar here. */
static void
points_radar(struct page *p, const char *id, const char *title,
    const char *const *axes, size_t naxes, const struct svg_series *ser,
    size_t ns)
{
	struct svg_radar spec;

	memset(&spec, 0, sizeof(spec));
	spec.id = id;
	spec.title = title;
	spec.axes = axes;
	spec.naxes = naxes;
	spec.min = -1;
	spec.max = 4;
	spec.rings = 5;
	spec.decimals = 1;
	spec.series = ser;
	spec.nseries = ns;
	spec.page_font = true;
	svg_radar(&p->h, &spec);
}

static void
parts(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	const char *axes[DIAG_PARTS];
	double vals[SVG_SERIES_MAX][DIAG_PARTS];
	struct svg_series ser[SVG_SERIES_MAX];
	size_t ns = 0, i;
	int k, mark;

	html_elem(&p->h, "h2", T(r, "results.parts"), NULL);
	for (k = 0; k < DIAG_PARTS; k++) {
		axes[k] = TR(r, &d->part_title[k]);
		vals[0][k] = x->res.part_mean_tenths[k] / 10.0;
	}
	ser[ns++] = (struct svg_series){ T(r, "results.company"), vals[0],
	    SVG_STYLE_OWN };
	/* One line a person for those who may see each person; lines by
	 * role otherwise. */
	if (x->n <= RADAR_MAX_PEOPLE && page_can_admin(r)) {
		for (i = 0; i < x->n; i++, ns++) {
			const char *who = page_can_admin(r) &&
			    x->resp[i].name[0] ? x->resp[i].name :
			    arena_printf(&r->arena, "%s %zu",
			    T(r, arena_printf(&r->arena, "resp.role.%s",
			    diag_role_key(x->resp[i].role))), i + 1);

			for (k = 0; k < DIAG_PARTS; k++)
				vals[ns][k] = resp_part_mean(&x->resp[i], k);
			ser[ns] = (struct svg_series){ who, vals[ns],
			    (enum svg_style)ns };
		}
	} else {
		for (int ro = 0; ro < DIAG_ROLE__MAX; ro++) {
			long sum[DIAG_PARTS] = { 0 };
			int cnt = 0;

			for (i = 0; i < x->n; i++) {
				if ((int)x->resp[i].role != ro)
					continue;
				cnt++;
				for (k = 0; k < DIAG_PARTS; k++)
					sum[k] += lround(resp_part_mean(
					    &x->resp[i], k) * 1000);
			}
			if (cnt == 0 || !role_shown(r, x, ro))
				continue;
			for (k = 0; k < DIAG_PARTS; k++)
				vals[ns][k] = sum[k] / 1000.0 / cnt;
			ser[ns] = (struct svg_series){ T(r, arena_printf(
			    &r->arena, "resp.role.%s", diag_role_key(ro))),
			    vals[ns], (enum svg_style)ns };
			ns++;
		}
	}
	html_open(&p->h, "div", "class", "chart", NULL);
	points_radar(p, "radar-parts", T(r, "results.parts_chart"), axes,
	    DIAG_PARTS, ser, ns);
	html_close(&p->h);

	mark = page_table(p, NULL, T(r, "results.parts_table"),
	    T(r, "results.part"), T(r, "results.mean_points"),
	    T(r, "results.on_100"), x->has_prev ? T(r, "results.change") :
	    NULL, NULL);
	for (k = 0; k < DIAG_PARTS; k++) {
		page_row(p);
		td(p, TR(r, &d->part_title[k]), NULL);
		td(p, tenths(r, x->res.part_mean_tenths[k]), "num");
		td(p, tenths(r, x->res.part_on100_tenths[k]), "num");
		if (x->has_prev)
			td(p, delta(r, x->res.part_on100_tenths[k] -
			    x->prev.part_on100_tenths[k]), "num");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

/* One radar per part: items as axes, the company and each person. */
static void
part_radar(struct page *p, const struct results *x, int part)
{
	struct req *r = p->r;
	int first = diag_part_first(part), len = diag_part_len(part), k;
	const char *axes[DIAG_ITEMS];
	double vals[SVG_SERIES_MAX][DIAG_ITEMS];
	struct svg_series ser[SVG_SERIES_MAX];
	const char *title;
	size_t ns = 0, i;

	for (k = 0; k < len; k++) {
		axes[k] = len > 10 ? arena_printf(&r->arena, "%d",
		    first + k + 1) : item_label(r, first + k);
		vals[0][k] = x->res.item[first + k].mean_tenths / 10.0;
	}
	ser[ns++] = (struct svg_series){ T(r, "results.company"), vals[0],
	    SVG_STYLE_OWN };
	for (i = 0; i < x->n && x->n <= RADAR_MAX_PEOPLE && page_can_admin(r);
	    i++, ns++) {
		for (k = 0; k < len; k++)
			vals[ns][k] = diag_points(x->resp[i].ans[first + k]);
		ser[ns] = (struct svg_series){ page_can_admin(r) &&
		    x->resp[i].name[0] ? x->resp[i].name :
		    arena_printf(&r->arena, "%s %zu", T(r, arena_printf(
		    &r->arena, "resp.role.%s", diag_role_key(x->resp[i].role))),
		    i + 1), vals[ns], (enum svg_style)ns };
	}
	title = TR(r, &p->app->content.diag.part_title[part]);
	html_open(&p->h, "figure", "class", "chart", NULL);
	points_radar(p, arena_printf(&r->arena, "radar-part%d", part + 1),
	    title, axes, (size_t)len, ser, ns);
	html_elem(&p->h, "figcaption", title, NULL);
	html_close(&p->h);
}

/* Questions an advisor asks to test a score that looks too good (items
 * 1–5); for those who coach the organisation, not for every member. */
static void
checkpoints(struct page *p, int k)
{
	const struct trlist *cp = &p->app->content.diag.item[k].checkpoints;
	struct req *r = p->r;
	size_t i;

	if (cp->n == 0 || !page_can_admin(r))
		return;
	html_open(&p->h, "details", "class", "checkpoints", NULL);
	html_elem(&p->h, "summary", T(r, "results.checkpoints"), NULL);
	html_open(&p->h, "ul", NULL);
	for (i = 0; i < cp->n; i++)
		html_elem(&p->h, "li", cp->t[r->lang][i], NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/*
 * How the people in role ro answered item s, in words a screen reader
 * reads as well as an eye: "経営者 1人: 実施 1", "従業員 3人: 実施 2・
 * 不明 1".  Answers no one gave are left out; nothing for a role no one
 * answered in.
 */
static void
role_counts(struct page *p, const struct diag_item_stat *s, int ro)
{
	static const char *const keys[DIAG_ANSWER__MAX] = {
		[DIAG_YES] = "results.count.yes",
		[DIAG_PARTLY] = "results.count.partly",
		[DIAG_NO] = "results.count.no",
		[DIAG_UNKNOWN] = "results.count.unknown",
	};
	struct req *r = p->r;
	struct buf b = BUF_INIT;
	int a, n = 0, shown = 0;

	for (a = DIAG_YES; a < DIAG_ANSWER__MAX; a++)
		n += s->by_role[ro][a];
	if (n == 0)
		return;
	buf_printf(&b, "%s %s: ", T(r, arena_printf(&r->arena,
	    "resp.role.%s", diag_role_key((enum diag_role)ro))),
	    Tn(r, "results.role_counts", n, 0));
	for (a = DIAG_YES; a < DIAG_ANSWER__MAX; a++) {
		if (s->by_role[ro][a] == 0)
			continue;
		buf_printf(&b, "%s%s %d", shown++ > 0 ?
		    T(r, "results.count.sep") : "", T(r, keys[a]),
		    s->by_role[ro][a]);
	}
	html_elem(&p->h, "span", arena_strndup(&r->arena, buf_cstr(&b), b.n),
	    NULL);
	buf_free(&b);
}

/* Every item: the answer bar, counts by role, mean, change. */
static void
items(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	int k, part;

	html_elem(&p->h, "h2", T(r, "results.items"), NULL);
	html_elem(&p->h, "p", T(r, "results.items_help"), "class", "help",
	    NULL);
	section_more(p, "more items", Tn(r, "results.items_summary",
	    DIAG_ITEMS, DIAG_PARTS), NULL);
	for (part = 0; part < DIAG_PARTS; part++) {
		int first = diag_part_first(part);

		html_elem(&p->h, "h3", TR(r, &d->part_title[part]), NULL);
		part_radar(p, x, part);
		int mark = page_table(p, "table items", NULL,
		    T(r, "results.item"), T(r, "results.answers"),
		    T(r, "results.mean"), x->has_prev ?
		    T(r, "results.change") : NULL, NULL);

		for (k = first; k < first + diag_part_len(part); k++) {
			const struct diag_item_stat *s = &x->res.item[k];
			struct svg_bar bar;
			int a;

			memset(&bar, 0, sizeof(bar));
			bar.id = arena_printf(&r->arena, "bar%d", k + 1);
			bar.title = item_label(r, k);
			for (a = 0; a < SVG_ANSWER__MAX; a++) {
				bar.labels[a] = TR(r, &d->answer_label[a + 1]);
				bar.counts[a] = s->counts[a + 1];
			}
			bar.legend = k == 0;
			bar.patterns_of = k == 0 ? NULL : "bar1";
			bar.page_font = true;
			page_row(p);
			page_td_open(p, NULL);
			html_text(&p->h, item_label(r, k));
			checkpoints(p, k);
			html_close(&p->h);
			page_td_open(p, "bar-cell");
			svg_answer_bar(&p->h, &bar);
			html_open(&p->h, "p", "class", "by-role", NULL);
			for (int ro = 0; ro < DIAG_ROLE__MAX; ro++)
				if (role_shown(r, x, ro))
					role_counts(p, s, ro);
			html_close(&p->h);
			html_close(&p->h);
			td(p, tenths(r, s->mean_tenths), "num");
			if (x->has_prev)
				td(p, delta(r, s->mean_tenths -
				    x->prev.item[k].mean_tenths), "num");
			html_close(&p->h);
		}
		html_close_to(&p->h, mark);
	}
	html_elem(&p->h, "p", T(r, "results.by_role_key"), "class", "help",
	    NULL);
	for (int ro = 0; ro < DIAG_ROLE__MAX; ro++)
		if (!role_shown(r, x, ro)) {
			html_elem(&p->h, "p", T(r, "results.roles_hidden"),
			    "class", "help", "id", "roles-hidden", NULL);
			break;
		}
	html_close(&p->h);	/* details */
}

/* "経営者 1 · 管理者 1 · 従業員 2": who was counted, by position. */
static const char *
people_roles(struct req *r, const struct diag_result *res)
{
	const char *s = "";
	int ro;

	for (ro = 0; ro < DIAG_ROLE__MAX; ro++) {
		if (res->role_n[ro] == 0)
			continue;
		s = arena_printf(&r->arena, "%s%s%s %d", s, s[0] ? " · " : "",
		    T(r, arena_printf(&r->arena, "resp.role.%s",
		    diag_role_key(ro))), res->role_n[ro]);
	}
	return s;
}

static void
people(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	size_t i;
	int k, mark;

	html_elem(&p->h, "h2", T(r, "results.people"), NULL);
	/* Members see totals only: not one row a person. */
	if (!page_can_admin(r)) {
		html_elem(&p->h, "p", T(r, "results.names_hidden"), "class",
		    "help", NULL);
		return;
	}
	section_more(p, "more people", Tn(r, "results.people_summary",
	    x->res.n, 0), people_roles(r, &x->res));
	mark = page_table_open(p, "table wide", NULL);
	page_th(p, "#");
	page_th(p, T(r, "resp.role"));
	page_th(p, T(r, "resp.name"));
	page_th(p, T(r, "results.score"));
	for (k = 0; k < DIAG_PARTS; k++)
		page_th(p, TR(r, &d->part_title[k]));
	page_table_body(p);
	for (i = 0; i < x->n; i++) {
		const struct diag_resp *q = &x->resp[i];

		page_row(p);
		td(p, arena_printf(&r->arena, "%zu", i + 1), "num");
		td(p, T(r, arena_printf(&r->arena, "resp.role.%s",
		    diag_role_key(q->role))), NULL);
		td(p, q->name, NULL);
		td(p, arena_printf(&r->arena, "%d", diag_resp_score(q)), "num");
		for (k = 0; k < DIAG_PARTS; k++) {
			struct buf b = BUF_INIT;

			num_fixed(&b, resp_part_mean(q, k), 1);
			td(p, arena_strdup(&r->arena, buf_cstr(&b)), "num");
			buf_free(&b);
		}
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);	/* details */
}

/* The first half of the page: heading, score, first actions. */
static void
results_top(struct page *p, struct results *x)
{
	struct req *r = p->r;

	html_elem(&p->h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/rounds/%" PRId64, r->org_id,
	    x->round.id), "class", "back", NULL);
	html_elem(&p->h, "p", x->round.title, "class", "org-name", NULL);
	page_h1(p, T(r, "results.title"));
	if (x->res.n == 0) {
		html_elem(&p->h, "p", T(r, "results.empty"), "class", "lead",
		    NULL);
		return;
	}
	if (x->round.open)
		page_notice(p, "info", T(r, "results.still_open"));
	summary(p, x);
	weakest(p, x);
	/* what the −1…4 figures mean, said once: under the first actions,
	 * so that a phone's first screen reaches them */
	html_elem(&p->h, "p", T(r, "results.scale_help"), "class", "help",
	    "id", "scale-help", NULL);
}

/* The second half: parts, gaps, hotspots, items, people. */
/*
 * The diagnosis by department, when respondents gave one: each
 * department with its respondents, its mean score and its weakest items;
 * one of fewer than DEPT_MIN respondents shows its count alone (the rule
 * is in docs/user/board.md).
 */
static void
departments(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	size_t i;
	int mark, k;

	if (x->ndept == 0)
		return;
	html_open(&p->h, "section", "id", "departments", NULL);
	html_elem(&p->h, "h2", T(r, "dept.title"), NULL);
	html_elem(&p->h, "p", Tn(r, "dept.help", DEPT_MIN, 0), "class", "help",
	    NULL);
	mark = page_table(p, NULL, NULL, T(r, "dept.name"), T(r, "dept.n"),
	    T(r, "dept.mean"), T(r, "dept.weakest"), NULL);
	for (i = 0; i < x->ndept; i++) {
		const struct dept_row *v = &x->dept[i];

		page_row(p);
		page_td(p, v->name, NULL);
		page_td(p, arena_printf(&r->arena, "%d", v->n), "num");
		if (!v->shown) {
			page_td(p, T(r, "dept.too_few"), NULL);
			page_td(p, "", NULL);
			html_close(&p->h);
			continue;
		}
		page_td(p, tenths(r, v->mean_tenths), "num");
		page_td_open(p, NULL);
		for (k = 0; k < v->nweak; k++) {
			if (k > 0)
				html_text(&p->h, T(r, "dept.sep"));
			html_text(&p->h, arena_printf(&r->arena, "No.%d %s",
			    v->weak[k] + 1, TR(r, &d->item[v->weak[k]].shrt)));
		}
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);
}

static void
results_rest(struct page *p, struct results *x)
{
	if (x->res.n == 0)
		return;
	departments(p, x);
	parts(p, x);
	gaps(p, x);
	unknowns(p, x);
	items(p, x);
	people(p, x);
}

static const char *
choice_label(struct req *r, const struct choices *cs, const char *key)
{
	const struct choice *c = choices_find(cs, key);

	return c ? TR(r, &c->label) : key;
}

/* Item by item: the company's means next to the group's, in a disclosure
 * (25 rows are more than most readers want at first) whose summary names
 * the table.  Both columns come from s, the figures the comparison was
 * made with: the page's own answers may not have been read at all when
 * its halves come from the cache. */
static void
peer_items(struct page *p, const struct peer_stats *s)
{
	struct req *r = p->r;
	const struct diag_pack *d = &p->app->content.diag;
	long diff;
	int i, mark;

	section_more(p, "more peer-items", T(r, "peer.items"),
	    Tn(r, "peer.items_n", DIAG_ITEMS, 0));
	mark = page_table(p, NULL, NULL, T(r, "results.item"),
	    T(r, "results.company"), T(r, "peer.them"), T(r, "peer.diff"),
	    NULL);
	for (i = 0; i < DIAG_ITEMS; i++) {
		diff = s->own_item_tenths[i] - s->item_mean_tenths[i];
		page_row(p);
		td(p, arena_printf(&r->arena, "%d. %s", i + 1,
		    TR(r, &d->item[i].shrt)), NULL);
		td(p, tenths(r, s->own_item_tenths[i]), "num");
		td(p, tenths(r, s->item_mean_tenths[i]), "num");
		td(p, arena_printf(&r->arena, "%s%s", diff > 0 ? "+" : "",
		    tenths(r, diff)), diff < 0 ? "num low" : "num");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);
}

/* Score against size for the company's industry: anonymous dots (a size
 * with fewer than PEER_MIN companies is left out), the company marked. */
static void
peer_scatter_chart(struct page *p, const struct peer_stats *s)
{
	struct req *r = p->r;
	const struct org_pack *op = &p->app->content.org;
	struct db *db = req_app(r)->db;
	struct peer_dot *pd;
	struct db_conn *c;
	int64_t hidden;
	long shown = 0;
	size_t n, i;
	int rc;

	c = db_acquire(db);
	rc = peer_scatter(c, &r->arena, s->industry, &pd, &n, &hidden);
	db_release(db, c);
	if (rc != DB_OK)
		return;
	for (i = 0; i < n; i++)
		shown += (long)pd[i].n;
	html_elem(&p->h, "h3", T(r, "peer.scatter"), NULL);
	html_open(&p->h, "div", "class", "chart chart-wide", NULL);
	report_scatter(&p->h, &r->arena, &p->app->content,
	    r->lang < 0 ? LANG_JA : (enum lang)r->lang, s, pd, n,
	    "scatter-peer", arena_printf(&r->arena, "%s: %s",
	    T(r, "peer.scatter"), choice_label(r, &op->industries,
	    s->industry)), Tn(r, "peer.scatter_desc", shown, 0), true);
	html_close(&p->h);
	html_elem(&p->h, "p", Tn(r, "peer.scatter_desc", shown, 0),
	    "class", "help", NULL);
	if (hidden > 0)
		html_elem(&p->h, "p", Tn(r, "peer.scatter_hidden", PEER_MIN,
		    0), "class", "help", NULL);
}

/*
 * How the company stands among similar companies.  Not cached with the
 * rest: other companies closing their rounds change it.  A group of
 * fewer than PEER_MIN companies is never shown.
 */
static void
peer_section(struct page *p, const struct results *x)
{
	struct req *r = p->r;
	const struct org_pack *op = &p->app->content.org;
	const struct diag_pack *d = &p->app->content.diag;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct peer_stats s;
	int rc, k, mark;

	html_elem(&p->h, "h2", T(r, "peer.title"), NULL);
	if (x->round.open) {
		html_elem(&p->h, "p", T(r, "peer.after_close"), "class", "help",
		    NULL);
		return;
	}
	c = db_acquire(db);
	rc = peer_stats(c, &r->arena, r->org_id, &s);
	db_release(db, c);
	if (rc != DB_OK) {
		html_elem(&p->h, "p", T(r, "error.503.help"), "class", "help",
		    NULL);
		return;
	}
	if (!s.has) {
		html_elem(&p->h, "p", Tn(r, "peer.too_few", PEER_MIN, 0),
		    "class", "help", NULL);
		return;
	}
	if (s.round_id != x->round.id)
		page_notice(p, "info", T(r, "peer.other_round"));
	html_open(&p->h, "p", "class", "lead", NULL);
	html_text(&p->h, T(r, "peer.with"));
	html_text(&p->h, " ");
	html_elem(&p->h, "strong", arena_printf(&r->arena, "%s%s%s",
	    s.scope == PEER_ALL ? T(r, "peer.all_industries") :
	    choice_label(r, &op->industries, s.industry),
	    T(r, "peer.sep"), s.scope == PEER_COHORT ?
	    choice_label(r, &op->employees, s.employees) :
	    T(r, "peer.all_sizes")), NULL);
	html_text(&p->h, " ");
	html_text(&p->h, Tn(r, "peer.n", (long)s.n, 0));
	html_close(&p->h);
	if (s.scope != PEER_COHORT)
		html_elem(&p->h, "p", Tn(r, s.scope == PEER_INDUSTRY ?
		    "peer.widened_sizes" : "peer.widened_all", PEER_MIN, 0),
		    "class", "help", NULL);
	html_open(&p->h, "dl", "class", "peer-figures", NULL);
	html_elem(&p->h, "dt", T(r, "peer.deviation"), NULL);
	html_elem(&p->h, "dd", tenths(r, s.deviation_tenths), "class",
	    "big", NULL);
	html_elem(&p->h, "dt", T(r, "peer.percentile"), NULL);
	html_elem(&p->h, "dd", arena_printf(&r->arena, "%s%%",
	    tenths(r, s.percentile_tenths)), "class", "big", NULL);
	html_elem(&p->h, "dt", T(r, "peer.mean"), NULL);
	html_elem(&p->h, "dd", arena_printf(&r->arena, "%s %s",
	    tenths(r, s.mean_tenths), T(r, "results.of_100")), NULL);
	html_close(&p->h);
	html_elem(&p->h, "p", T(r, "peer.deviation_help"), "class", "help",
	    NULL);
	{
		const char *axes[DIAG_PARTS];
		double own[DIAG_PARTS], them[DIAG_PARTS];
		struct svg_series ser[2];

		for (k = 0; k < DIAG_PARTS; k++) {
			axes[k] = TR(r, &d->part_title[k]);
			own[k] = s.own_part_tenths[k] / 10.0;
			them[k] = s.part_mean_tenths[k] / 10.0;
		}
		ser[0] = (struct svg_series){ T(r, "results.company"), own,
		    SVG_STYLE_OWN };
		ser[1] = (struct svg_series){ T(r, "peer.them"), them,
		    SVG_STYLE_ALT1 };
		html_open(&p->h, "div", "class", "chart", NULL);
		points_radar(p, "radar-peer", T(r, "peer.chart"), axes,
		    DIAG_PARTS, ser, 2);
		html_close(&p->h);
	}
	/* the company's figure on 100 is in the parts table below */
	mark = page_table(p, NULL, T(r, "peer.table"), T(r, "results.part"),
	    T(r, "results.company"), T(r, "peer.them"),
	    T(r, "peer.them_on_100"), NULL);
	for (k = 0; k < DIAG_PARTS; k++) {
		page_row(p);
		td(p, TR(r, &d->part_title[k]), NULL);
		td(p, tenths(r, s.own_part_tenths[k]), "num");
		td(p, tenths(r, s.part_mean_tenths[k]), "num");
		td(p, tenths(r, s.part_on100_tenths[k]), "num");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	peer_items(p, &s);
	peer_scatter_chart(p, &s);
	if (!s.shared)
		page_notice(p, "info", T(r, "peer.not_shared"));
}

/* One row of download buttons: label, then each format; query is
 * appended to every address ("" or "?names=1"). */
static void
download_row(struct page *p, const struct results *x, const char *label,
    const char *query, const char *id)
{
	static const char *const fmts[][2] = { { "pdf", "PDF" },
	    { "xlsx", "Excel (XLSX)" }, { "csv", "CSV" } };
	struct req *r = p->r;
	/* The CSV is one row a person: not for members. */
	size_t i, n = page_can_admin(r) ? 3 : 2;

	html_open(&p->h, "p", "class", "actions", "id", id, NULL);
	html_elem(&p->h, "strong", label, "class", "dl-label", NULL);
	for (i = 0; i < n; i++)
		html_elem(&p->h, "a", fmts[i][1], "href", arena_printf(
		    &r->arena, "/o/%" PRId64 "/rounds/%" PRId64 "/report/%s%s",
		    r->org_id, x->round.id, fmts[i][0], query), "class",
		    i == 0 ? "btn" : "btn btn-secondary", "download", "", NULL);
	html_close(&p->h);
}

/* The report of a closed round, in each format: anonymous for handing
 * outside, and for admins and advisors the internal version with names. */
static void
downloads(struct page *p, const struct results *x)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", "panel downloads", NULL);
	html_elem(&p->h, "h2", T(r, "report.download"), NULL);
	if (x->round.open) {
		html_elem(&p->h, "p", T(r, "report.open"), "class", "help",
		    NULL);
		html_close(&p->h);
		return;
	}
	html_elem(&p->h, "p", T(r, "report.download_help"), "class", "help",
	    NULL);
	if (!page_can_admin(r)) {
		html_elem(&p->h, "p", T(r, "report.member_line"), "class",
		    "help", "id", "dl-why", NULL);
		download_row(p, x, T(r, "report.for_members"), "", "dl-anon");
		html_close(&p->h);
		return;
	}
	html_elem(&p->h, "p", T(r, "report.anon_line"), "class", "help",
	    "id", "dl-why", NULL);
	download_row(p, x, T(r, "report.outside"), "", "dl-anon");
	download_row(p, x, T(r, "report.internal"), "?names=1", "dl-names");
	html_close(&p->h);
}

/*
 * The advisor's comment, near the summary: shown to everyone once written;
 * an advisor or organisation admin gets the form to write it when the
 * round is closed.  Not cached: it changes without the answers changing.
 */
static void
comment_section(struct page *p, const struct results *x,
    const struct comment_form *f)
{
	struct req *r = p->r;
	const struct round_comment *c = &x->comment;
	bool can = page_can_admin(r);

	if (c->body[0] == '\0' && (!can || x->round.open) && f->err == NULL)
		return;
	html_open(&p->h, "section", "class", "panel advisor-comment", "id",
	    "comment", NULL);
	html_elem(&p->h, "h2", T(r, "comment.title"), NULL);
	if (f->notice)
		page_notice(p, "ok", f->notice);
	if (f->err != NULL && x->round.open)
		page_notice(p, "error", f->err);
	if (c->body[0] != '\0') {
		html_elem(&p->h, "p", c->body, "class", "comment-body", NULL);
		html_elem(&p->h, "p", arena_printf(&r->arena, "%s%s%s",
		    c->by, c->by[0] ? " · " : "", page_datetime(r,
		    c->updated_at)), "class", "meta", NULL);
	}
	if (can && !x->round.open) {
		html_open(&p->h, "details", "class", "comment-edit", "open",
		    c->body[0] == '\0' || f->err ? "" : NULL, NULL);
		html_elem(&p->h, "summary", T(r, c->body[0] ? "comment.edit" :
		    "comment.write"), NULL);
		form_open(p, arena_printf(&r->arena, "/o/%" PRId64
		    "/rounds/%" PRId64 "/comment", r->org_id, x->round.id),
		    NULL);
		form_field(p, "comment", FT_ROUND_COMMENT, T(r, "comment.label"),
		    T(r, "comment.help"), f->value ? f->value : c->body, f->err,
		    "off", false);
		form_submit(p, T(r, "comment.save"), NULL);
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close(&p->h);
}

/* Continue the page with the piece cached under key, if there is one.
 * Pieces are kept deflated, so a gzip response copies them as they are. */
static bool
results_cached(struct req *r, const char *key)
{
	size_t n;
	void *z = cache_get_a(req_app(r)->pages, key, &r->arena, &n);

	if (z == NULL)
		return false;
	req_splice_gz(r, z, n);
	return true;
}

/* Keep what the page wrote since mark under key, deflated. */
static void
results_keep(struct req *r, const char *key, size_t mark)
{
	struct buf z = BUF_INIT;

	if (!r->out.err && gz_piece(&z, r->out.p + mark, r->out.n - mark,
	    GZ_KEEP) == 0)
		cache_put(req_app(r)->pages, key, z.p, z.n);
	buf_free(&z);
}

/*
 * The page depends on the two rounds' answers (named by their revisions),
 * the language and whether names may be shown: its two halves are cached
 * under exactly that key.  The shell around them (navigation, CSRF
 * tokens) and the peer comparison between them are written for each
 * request.
 */
static int
results_page(struct req *r, const struct comment_form *f, int status)
{
	struct results *x = arena_alloc(&r->arena, sizeof(*x));
	struct page p;
	const char *key, *key2, *tok, *pkey;
	bool have_data = false;
	size_t mark;
	int st;

	if ((st = results_head(r, x)) != 0)
		return st;
	if (results_comment(r, x) != DB_OK)
		return 503;
	key = arena_printf(&r->arena, "results/%" PRId64 "/%" PRId64 "/%d/%d/%"
	    PRId64 "/%" PRId64 "/%d", x->round.id, x->round.revision, r->lang,
	    page_can_admin(r), x->prev_round.id, x->prev_round.revision,
	    x->round.open);
	key2 = arena_printf(&r->arena, "%s/rest", key);
	page_begin(&p, r, T(r, "results.title"));
	if (!results_cached(r, key)) {
		if ((st = results_data(r, x)) != 0)
			return st;
		have_data = true;
		mark = r->out.n;
		results_top(&p, x);
		results_keep(r, key, mark);
	}
	comment_section(&p, x, f);
	/* Other companies closing rounds change it: kept only while this
	 * node hears of every change. */
	tok = page_fresh(r, r->org_id, PAGE_FRESH_PEER);
	pkey = tok == NULL ? NULL : arena_printf(&r->arena, "peer/%" PRId64
	    "/%" PRId64 "/%d/%d/%s", r->org_id, x->round.id, r->lang,
	    x->round.open, tok);
	if (pkey == NULL || !results_cached(r, pkey)) {
		mark = r->out.n;
		peer_section(&p, x);
		if (pkey != NULL)
			results_keep(r, pkey, mark);
	}
	if (!results_cached(r, key2)) {
		if (!have_data && (st = results_data(r, x)) != 0)
			return st;
		mark = r->out.n;
		results_rest(&p, x);
		results_keep(r, key2, mark);
	}
	downloads(&p, x);
	return page_end(&p, status);
}

int
page_results(struct req *r)
{
	struct comment_form f = { .notice = req_query(r, "saved") ?
	    T(r, "comment.saved") : NULL };

	return results_page(r, &f, 200);
}

/* POST: write, change or (empty) remove the comment on a closed round. */
int
page_results_comment(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct comment_form f = { 0 };
	struct db_conn *c;
	struct round rd;
	int64_t id = req_param_id(r, "id");
	int rc;

	f.value = form_text(r, "comment", FT_ROUND_COMMENT, false, &f.err);
	c = db_acquire(db);
	rc = round_get(c, &r->arena, id, r->org_id, &rd);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	if (f.err == NULL && rd.open)
		f.err = T(r, "comment.open");
	if (f.err != NULL)
		return results_page(r, &f, rd.open ? 409 : PAGE_INVALID);
	c = db_acquire(db);
	rc = round_comment_put(c, id, r->org_id, f.value, r->auth.user_id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ROUND_COMMENTED,
		    arena_printf(&r->arena, "%" PRId64, id), req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/rounds/%" PRId64 "/results?saved=comment#comment", r->org_id,
	    id));
}
