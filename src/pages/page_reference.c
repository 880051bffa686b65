/*
 * page_reference: the reference an owner looks up (issue 16).  The
 * public pages of IPA's yearly top-10 threats (/reference/threats) and
 * of the outside desks (/reference/desks); per organisation the top-10
 * marked by its latest diagnosis (/o/{org}/threats), its place among the
 * six categories (/o/{org}/category), the SME check and the exact
 * figures on its profile, and the organisation as JSON
 * (/api/v1/orgs/{org}).
 */
#include "pages/pages.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "model/category.h"
#include "model/org.h"
#include "model/orgref.h"
#include "model/sme.h"

/* An item is weak when its mean is below this, in tenths of a point:
 * below "partly" on average (our rule, said on the page). */
#define WEAK_TENTHS	20

/* "3.5" for 35 tenths, "-0.5" for -5. */
static const char *
tenths_text(struct req *r, long t)
{
	long a = t < 0 ? -t : t;

	return arena_printf(&r->arena, "%s%ld.%ld", t < 0 ? "-" : "",
	    a / 10, a % 10);
}

/* v with its thousands grouped: "300,000,000". */
static const char *
grouped(struct req *r, int64_t v)
{
	char d[32], out[48];
	int n, i, o = 0;

	n = snprintf(d, sizeof(d), "%" PRId64, v < 0 ? -v : v);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = '\0';
	return arena_strdup(&r->arena, out);
}

/* The year of ?year=, or the latest; NULL (404) when unknown. */
static const struct top10_year *
year_of(struct req *r)
{
	const struct top10_pack *tp = &req_app(r)->content.top10;
	const char *q = req_query(r, "year");
	long y;

	if (q == NULL || q[0] == '\0')
		return &tp->v[0];
	if (str_to_long(str_c(q), 2000, 2100, &y) != 0)
		return NULL;
	return top10_find(tp, (int)y);
}

/* The year chooser (a GET form, latest first) and what the list is. */
static void
year_head(struct page *p, const struct top10_year *y, const char *action)
{
	struct req *r = p->r;
	const struct top10_pack *tp = &p->app->content.top10;
	size_t i;

	html_open(&p->h, "form", "method", "get", "action", action, "class",
	    "inline-form", NULL);
	html_open(&p->h, "div", "class", "field", NULL);
	html_elem(&p->h, "label", T(r, "ref.year"), "for", "f-year", NULL);
	html_open(&p->h, "select", "id", "f-year", "name", "year", NULL);
	for (i = 0; i < tp->n; i++) {
		const char *ys = arena_printf(&r->arena, "%d", tp->v[i].year);

		html_elem(&p->h, "option", ys, "value", ys, "selected",
		    &tp->v[i] == y ? "" : NULL, NULL);
	}
	html_close(&p->h);
	html_close(&p->h);
	form_submit(p, T(r, "ref.show"), "btn btn-secondary btn-small");
	html_close(&p->h);
	html_open(&p->h, "p", "class", "meta", NULL);
	html_text(&p->h, TR(r, &y->source));
	if (y->published[0] != '\0')
		html_text(&p->h, Tf(r, "ref.published", "date", y->published,
		    NULL));
	html_text(&p->h, Tf(r, "ref.as_of", "date", y->as_of, NULL));
	html_close(&p->h);
	page_notice(p, "info", T(r, "ref.rank_not_priority"));
	html_elem(&p->h, "p", T(r, "ref.threats_ours"), "class", "help",
	    NULL);
}

/* The risk catalogue's threats a threat links to, as a line; with links
 * to the organisation's risk register when org > 0. */
static void
risks_line(struct page *p, const struct top10_threat *t, int64_t org)
{
	struct req *r = p->r;
	size_t k;

	html_open(&p->h, "p", "class", "ref-risks", NULL);
	html_text(&p->h, T(r, "ref.risks"));
	html_text(&p->h, " ");
	for (k = 0; k < t->n_risks; k++) {
		if (k > 0)
			html_text(&p->h, T(r, "ref.sep"));
		if (org > 0)
			html_elem(&p->h, "a", TR(r, &t->risks[k]->label),
			    "href", arena_printf(&r->arena, "/o/%" PRId64
			    "/r/risks", org), "data-risk", t->risks[k]->key,
			    NULL);
		else
			html_elem(&p->h, "span", TR(r, &t->risks[k]->label),
			    "data-risk", t->risks[k]->key, NULL);
	}
	html_close(&p->h);
}

int
page_ref_threats(struct req *r)
{
	const struct diag_pack *dp = &req_app(r)->content.diag;
	const struct top10_year *y = year_of(r);
	struct page p;
	size_t k;
	int i;

	if (y == NULL)
		return 404;
	page_begin(&p, r, Tn(r, "ref.threats_title", y->year, 0));
	page_h1(&p, Tn(r, "ref.threats_title", y->year, 0));
	year_head(&p, y, "/reference/threats");
	html_open(&p.h, "ol", "class", "ref-threats", NULL);
	for (i = 0; i < TOP10_N; i++) {
		const struct top10_threat *t = &y->t[i];

		html_open(&p.h, "li", "class", "panel", "data-rank",
		    arena_printf(&r->arena, "%d", t->rank), NULL);
		html_elem(&p.h, "h2", TR(r, &t->name), NULL);
		page_tr(&p, "p", NULL, &t->about);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "strong", T(r, "ref.todo"), NULL);
		html_text(&p.h, " ");
		html_text(&p.h, TR(r, &t->todo));
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "ref.items"), "class", "ref-label",
		    NULL);
		html_open(&p.h, "ul", "class", "ref-items", NULL);
		for (k = 0; k < t->n_items; k++)
			html_elem(&p.h, "li", arena_printf(&r->arena,
			    "No.%d %s", t->items[k], TR(r,
			    &dp->item[t->items[k] - 1].shrt)), "data-item",
			    arena_printf(&r->arena, "%d", t->items[k]), NULL);
		html_close(&p.h);
		risks_line(&p, t, 0);
		html_close(&p.h);
	}
	html_close(&p.h);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "ref.desks_link"), "href",
	    "/reference/desks", NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

/* ---- the desks ---- */

/* The kinds' keys (data-kind) and their texts. */
static const char *const desk_kind[DESK_KIND__MAX] = {
	[DESK_REPORT] = "report",
	[DESK_ADVICE] = "advice",
	[DESK_INFORMATION] = "information",
};

static const char *const desk_kind_key[DESK_KIND__MAX] = {
	[DESK_REPORT] = "ref.kind.report",
	[DESK_ADVICE] = "ref.kind.advice",
	[DESK_INFORMATION] = "ref.kind.information",
};

static const char *const desk_kind_help[DESK_KIND__MAX] = {
	[DESK_REPORT] = "ref.kind.report_help",
	[DESK_ADVICE] = "ref.kind.advice_help",
	[DESK_INFORMATION] = "ref.kind.information_help",
};

int
page_ref_desks(struct req *r)
{
	const struct desks_pack *dp = &req_app(r)->content.desks;
	struct page p;
	size_t i, k;
	int j;

	page_begin(&p, r, T(r, "ref.desks_title"));
	page_h1(&p, T(r, "ref.desks_title"));
	html_elem(&p.h, "p", T(r, "ref.desks_intro"), "class", "lead", NULL);
	html_elem(&p.h, "p", Tf(r, "ref.list_date", "date", dp->as_of, NULL),
	    "class", "meta", NULL);
	page_notice(&p, "info", TR(r, &dp->note));
	html_open(&p.h, "dl", "class", "ref-kinds", NULL);
	for (j = 0; j < DESK_KIND__MAX; j++) {
		html_elem(&p.h, "dt", T(r, desk_kind_key[j]), NULL);
		html_elem(&p.h, "dd", T(r, desk_kind_help[j]), NULL);
	}
	html_close(&p.h);
	html_open(&p.h, "ul", "class", "cards ref-desks", NULL);
	for (i = 0; i < dp->n; i++) {
		const struct desk *d = &dp->v[i];

		html_open(&p.h, "li", "class", "panel", "id",
		    arena_printf(&r->arena, "desk-%s", d->key), "data-desk",
		    d->key, NULL);
		html_elem(&p.h, "h2", TR(r, &d->name), NULL);
		html_open(&p.h, "p", "class", "ref-tags", NULL);
		for (j = 0; j < DESK_KIND__MAX; j++)
			if (d->kinds & (1u << j))
				html_elem(&p.h, "span", T(r, desk_kind_key[j]),
				    "class", "tag", "data-kind",
				    desk_kind[j], NULL);
		html_close(&p.h);
		page_tr(&p, "p", NULL, &d->handles);
		html_elem(&p.h, "p", T(r, "ref.topics"), "class", "ref-label",
		    NULL);
		html_open(&p.h, "ul", "class", "ref-topics", NULL);
		for (k = 0; k < d->topics.n; k++)
			page_trlist(&p, "li", &d->topics, k);
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "ref.reach"), "class", "ref-label",
		    NULL);
		page_tr(&p, "p", NULL, &d->reach);
		html_open(&p.h, "p", NULL);
		if (d->url[0] != '\0')
			html_elem(&p.h, "a", d->url, "href", d->url, "rel",
			    "noopener", NULL);
		if (d->phone[0] != '\0') {
			html_text(&p.h, " ");
			html_elem(&p.h, "a", d->phone, "href",
			    arena_printf(&r->arena, "tel:%s", d->phone[0] ==
			    '#' ? "%23" : ""), NULL);
		}
		html_close(&p.h);
		html_elem(&p.h, "p", Tf(r, "ref.checked", "date", d->checked,
		    NULL), "class", "meta", NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	return page_end(&p, 200);
}

/* ---- an organisation's view of the top-10 ---- */

/* The organisation of the path; 0 or an HTTP status. */
static int
org_of(struct req *r, struct org *o)
{
	int rc = page_org_get(r, r->org_id, o);

	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

int
page_org_threats(struct req *r)
{
	const struct diag_pack *dp = &req_app(r)->content.diag;
	const struct top10_year *y = year_of(r);
	struct db *db = req_app(r)->db;
	struct diag_result *res = arena_alloc(&r->arena, sizeof(*res));
	struct db_conn *c;
	struct org o;
	struct page p;
	int64_t round = 0;
	size_t k;
	int st, rc, i;

	if (y == NULL)
		return 404;
	if ((st = org_of(r, &o)) != 0)
		return st;
	c = db_acquire(db);
	rc = orgref_latest_diag(c, &r->arena, o.id, &round, res);
	db_release(db, c);
	if (rc < 0)
		return 503;
	page_begin(&p, r, Tn(r, "ref.threats_title", y->year, 0));
	page_org_subnav(&p, &o, "threats");
	page_h1(&p, Tn(r, "ref.threats_title", y->year, 0));
	year_head(&p, y, arena_printf(&r->arena, "/o/%" PRId64 "/threats",
	    o.id));
	if (rc == DB_DONE || res->n == 0) {
		html_elem(&p.h, "p", T(r, "ref.no_diagnosis"), "class",
		    "lead", "id", "no-diagnosis", NULL);
		round = 0;
	} else
		html_elem(&p.h, "p", Tn(r, "ref.marks_rule", WEAK_TENTHS / 10,
		    0), "class", "help", NULL);
	html_open(&p.h, "ol", "class", "ref-threats", NULL);
	for (i = 0; i < TOP10_N; i++) {
		const struct top10_threat *t = &y->t[i];
		int weak = 0;

		for (k = 0; round > 0 && k < t->n_items; k++)
			weak += res->item[t->items[k] - 1].mean_tenths <
			    WEAK_TENTHS;
		html_open(&p.h, "li", "class", weak > 0 ? "panel ref-weak" :
		    "panel", "data-rank", arena_printf(&r->arena, "%d",
		    t->rank), "data-weak", round > 0 ? arena_printf(
		    &r->arena, "%d", weak) : NULL, NULL);
		html_elem(&p.h, "h2", TR(r, &t->name), NULL);
		if (round > 0)
			html_elem(&p.h, "p", weak > 0 ? Tn(r, "ref.weak_n",
			    weak, (long)t->n_items) : Tn(r, "ref.weak_none",
			    (long)t->n_items, 0), "class", weak > 0 ?
			    "tag tag-warn" : "tag tag-ok", NULL);
		page_tr(&p, "p", NULL, &t->about);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "strong", T(r, "ref.todo"), NULL);
		html_text(&p.h, " ");
		html_text(&p.h, TR(r, &t->todo));
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "ref.items"), "class", "ref-label",
		    NULL);
		html_open(&p.h, "ul", "class", "ref-items", NULL);
		for (k = 0; k < t->n_items; k++) {
			int it = t->items[k];
			long m = round > 0 ? res->item[it - 1].mean_tenths : 0;
			const char *label = arena_printf(&r->arena, "No.%d %s",
			    it, TR(r, &dp->item[it - 1].shrt));

			html_open(&p.h, "li", "data-item", arena_printf(
			    &r->arena, "%d", it), "data-mean-tenths",
			    round > 0 ? arena_printf(&r->arena, "%ld", m) :
			    NULL, "class", round > 0 && m < WEAK_TENTHS ?
			    "ref-item-weak" : NULL, NULL);
			/* the item's help (why, measures) is on the
			 * results of the latest round */
			if (round > 0)
				html_elem(&p.h, "a", label, "href",
				    arena_printf(&r->arena, "/o/%" PRId64
				    "/rounds/%" PRId64 "/results", o.id,
				    round), NULL);
			else
				html_text(&p.h, label);
			if (round > 0) {
				html_text(&p.h, " ");
				html_elem(&p.h, "span", arena_printf(&r->arena,
				    "%s / 4", tenths_text(r, m)), "class",
				    m < WEAK_TENTHS ? "tag tag-warn" : "tag",
				    NULL);
				if (m < WEAK_TENTHS) {
					html_text(&p.h, " ");
					html_elem(&p.h, "strong",
					    T(r, "ref.weak"), NULL);
				}
			}
			html_close(&p.h);
		}
		html_close(&p.h);
		risks_line(&p, t, o.id);
		html_close(&p.h);
	}
	html_close(&p.h);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "ref.desks_link"), "href",
	    "/reference/desks", NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

/* ---- the six categories ---- */

/* What the page shows and keeps of the form. */
struct cat_form {
	const char	*it, *sec;	/* keys as posted or stored */
	const char	*err_it, *err_sec;
};

static void
cat_choices(struct page *p, const char *name, const char *legend,
    const char *prefix, int n, const char *(*key)(int), const char *cur,
    const char *err, bool edit)
{
	struct req *r = p->r;
	int i;

	form_group(p, name, legend, NULL, err);
	for (i = 0; i < n; i++) {
		const char *k = key(i);

		html_open(&p->h, "label", "class", "choice", NULL);
		html_void(&p->h, "input", "type", "radio", "name", name,
		    "value", k, "checked", cur != NULL && strcmp(cur, k) == 0 ?
		    "" : NULL, "disabled", edit ? NULL : "",
		    "aria-invalid", err ? "true" : NULL, NULL);
		html_elem(&p->h, "span", T(r, arena_printf(&r->arena, "%s%s",
		    prefix, k)), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
}

static const char *
it_key(int i)
{
	return cat_it_key((enum cat_it)i);
}

static const char *
sec_key(int i)
{
	return cat_sec_key((enum cat_sec)i);
}

static int
category_page(struct req *r, const struct org *o, const struct orgref *rf,
    const struct cat_form *f, int status)
{
	struct db *db = req_app(r)->db;
	struct diag_result *res = arena_alloc(&r->arena, sizeof(*res));
	struct db_conn *c;
	struct page p;
	int64_t round = 0;
	int rc, cat;
	bool edit = page_can_admin(r);

	c = db_acquire(db);
	rc = orgref_latest_diag(c, &r->arena, o->id, &round, res);
	db_release(db, c);
	if (rc < 0)
		return 503;
	page_begin(&p, r, T(r, "cat.title"));
	page_org_subnav(&p, o, "category");
	page_h1(&p, T(r, "cat.title"));
	if (req_query(r, "saved") != NULL && status == 200)
		page_notice(&p, "ok", T(r, "form.saved"));
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, "cat.intro"), "class", "lead", NULL);
	html_elem(&p.h, "p", T(r, "cat.source"), "class", "help", NULL);
	/* the stored answers' category (not the one of a refused form) */
	cat = cat_of(cat_it_from_key(rf->it_use),
	    cat_sec_from_key(rf->sec_posture));
	if (cat >= 0) {
		const char *n = arena_printf(&r->arena, "%d", cat + 1);

		html_open(&p.h, "section", "class", "panel", "id", "category",
		    "data-category", n, NULL);
		html_elem(&p.h, "h2", Tf(r, "cat.result", "n", n, "label",
		    T(r, arena_printf(&r->arena, "cat.n%d.label", cat + 1)),
		    NULL), NULL);
		html_elem(&p.h, "p", T(r, arena_printf(&r->arena,
		    "cat.n%d.what", cat + 1)), NULL);
		html_open(&p.h, "p", NULL);
		html_elem(&p.h, "strong", T(r, "cat.advice"), NULL);
		html_text(&p.h, " ");
		html_text(&p.h, T(r, arena_printf(&r->arena, "cat.n%d.advice",
		    cat + 1)));
		html_close(&p.h);
		html_close(&p.h);
	} else
		html_elem(&p.h, "p", T(r, "cat.none_yet"), "id", "category",
		    NULL);
	/* the diagnosis as a hint for the second question */
	html_open(&p.h, "aside", "class", "panel", "id", "score-hint", NULL);
	if (rc == DB_DONE || res->n == 0)
		html_elem(&p.h, "p", T(r, "cat.hint_none"), NULL);
	else {
		html_elem(&p.h, "p", Tf(r, "cat.hint_score", "score",
		    tenths_text(r, res->company_tenths), NULL), "data-score",
		    arena_printf(&r->arena, "%ld", res->company_tenths), NULL);
		html_elem(&p.h, "p", T(r, res->company_tenths < 500 ?
		    "cat.hint_low" : res->company_tenths < 700 ?
		    "cat.hint_mid" : "cat.hint_high"), "class", "help", NULL);
	}
	html_close(&p.h);
	if (edit)
		form_open(&p, arena_printf(&r->arena, "/o/%" PRId64
		    "/category", o->id), NULL);
	cat_choices(&p, "it_use", T(r, "cat.q.it"), "cat.it.", CAT_IT__MAX,
	    it_key, f->it, f->err_it, edit);
	cat_choices(&p, "sec_posture", T(r, "cat.q.sec"), "cat.sec.",
	    CAT_SEC__MAX, sec_key, f->sec, f->err_sec, edit);
	html_elem(&p.h, "p", T(r, "cat.sec_none_ok"), "class", "help", NULL);
	if (edit) {
		form_submit(&p, T(r, "form.save"), NULL);
		html_close(&p.h);
	} else
		html_elem(&p.h, "p", T(r, "org.readonly"), "class", "help",
		    NULL);
	return page_end(&p, status);
}

/* The organisation and its reference row; 0 or an HTTP status. */
static int
ref_load(struct req *r, struct org *o, struct orgref *rf)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int st, rc;

	if ((st = org_of(r, o)) != 0)
		return st;
	c = db_acquire(db);
	rc = orgref_get(c, &r->arena, o->id, rf);
	db_release(db, c);
	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

int
page_org_category(struct req *r)
{
	struct cat_form f = { 0 };
	struct orgref rf;
	struct org o;
	int st;

	if ((st = ref_load(r, &o, &rf)) != 0)
		return st;
	f.it = rf.it_use;
	f.sec = rf.sec_posture;
	return category_page(r, &o, &rf, &f, 200);
}

int
page_org_category_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct cat_form f = { 0 };
	struct db_conn *c;
	struct orgref rf;
	struct org o;
	int st, rc, it;

	if ((st = ref_load(r, &o, &rf)) != 0)
		return st;
	f.it = req_field(r, "it_use");
	f.sec = req_field(r, "sec_posture");
	it = cat_it_from_key(f.it);
	if (it < 0)
		f.err_it = T(r, "form.err.choose");
	/* without IT the second question does not matter */
	if (f.sec == NULL || f.sec[0] == '\0') {
		f.sec = "";
		if (it != CAT_IT_NONE)
			f.err_sec = T(r, "form.err.choose");
	} else if (cat_sec_from_key(f.sec) < 0)
		f.err_sec = T(r, "form.err.choose");
	if (f.err_it != NULL || f.err_sec != NULL)
		return category_page(r, &o, &rf, &f, PAGE_INVALID);
	c = db_acquire(db);
	rc = orgref_cat_put(c, o.id, f.it, f.sec);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/category?saved=1", o.id));
}

/* ---- the SME check on the profile ---- */

void
page_ref_sme(const struct content *ct, const struct org *o,
    const struct orgref *rf, struct sme_result *out)
{
	const struct sme_pack *sp = &ct->sme;
	const struct sme_band *b = sme_pack_band(sp, o->capital);
	const struct choice *e = choices_find(&ct->org.employees,
	    o->employees);
	struct sme_range cap = { -1, -1 }, staff = { -1, -1 };
	unsigned groups;
	bool na = false;
	int g = sme_group_from_key(rf->sme_group);

	groups = g >= 0 ? 1u << g : sme_pack_groups(sp, o->industry);
	if (rf->capital_yen >= 0)
		cap.lo = cap.hi = rf->capital_yen;
	else if (b != NULL && b->none)
		na = true;
	else if (b != NULL)
		cap = b->yen;
	if (rf->staff >= 0)
		staff.lo = staff.hi = rf->staff;
	else if (e != NULL) {
		staff.lo = e->min;
		staff.hi = e->max > 0 ? e->max : -1;
	}
	sme_check(sp->lim, groups, cap, na, staff, out);
}

void
page_ref_sme_panel(struct page *p, const struct org *o,
    const struct orgref *rf)
{
	const struct content *ct = &p->app->content;
	const struct sme_pack *sp = &ct->sme;
	struct req *r = p->r;
	struct sme_result s;
	unsigned groups;
	int g;

	page_ref_sme(ct, o, rf, &s);
	html_open(&p->h, "section", "class", "panel", "id", "sme",
	    "data-sme", sme_verdict_key(s.v), NULL);
	html_elem(&p->h, "h2", T(r, "sme.title"), NULL);
	html_elem(&p->h, "p", T(r, arena_printf(&r->arena, "sme.v.%s",
	    sme_verdict_key(s.v))), "class", "lead", NULL);
	/* why */
	html_open(&p->h, "ul", "class", "sme-why", NULL);
	if (s.group >= 0) {
		const struct sme_limits *l = &sp->lim[s.group];

		html_elem(&p->h, "li", Tf(r, "sme.group", "group",
		    TR(r, &sp->group[s.group].label), "capital",
		    grouped(r, l->capital), "staff",
		    arena_printf(&r->arena, "%ld", l->staff), "small",
		    arena_printf(&r->arena, "%ld", l->small_staff), NULL),
		    NULL);
	}
	if (s.v == SME_V_NOT)
		html_elem(&p->h, "li", T(r, "sme.why.both_over"), NULL);
	if (s.by_capital)
		html_elem(&p->h, "li", T(r, "sme.why.capital"), NULL);
	if (s.by_staff)
		html_elem(&p->h, "li", T(r, "sme.why.staff"), NULL);
	if (s.need != SME_NEED_NONE)
		html_elem(&p->h, "li", T(r, arena_printf(&r->arena,
		    "sme.need.%s", sme_need_key(s.need))), "data-need",
		    sme_need_key(s.need), NULL);
	groups = sme_pack_groups(sp, o->industry);
	if (groups != 0 && (groups & (groups - 1)) != 0) {
		const char *names = "";

		for (g = 0; g < SME_GROUP__MAX; g++)
			if (groups & (1u << g))
				names = arena_printf(&r->arena, "%s%s%s", names,
				    names[0] ? T(r, "ref.sep") : "",
				    TR(r, &sp->group[g].label));
		html_elem(&p->h, "li", Tf(r, "sme.split", "groups", names,
		    NULL), NULL);
	}
	html_close(&p->h);
	html_elem(&p->h, "p", Tf(r, "sme.source", "law", TR(r, &sp->law),
	    "date", sp->as_of, NULL), "class", "help", NULL);
	html_close(&p->h);
}

/* The exact figures as posted, kept as typed. */
void
page_ref_size_fields(struct page *p, const struct page_ref_size *sz)
{
	const struct sme_pack *sp = &p->app->content.sme;
	struct req *r = p->r;
	int g;

	html_elem(&p->h, "h2", T(r, "sme.figures"), NULL);
	html_elem(&p->h, "p", T(r, "sme.figures_help"), "class", "help",
	    NULL);
	form_field_max(p, "capital_yen", "text", 0, T(r, "sme.capital_yen"),
	    T(r, "sme.capital_yen_help"), sz->capital, sz->err_capital, "off",
	    false);
	form_field_max(p, "staff_count", "text", 0, T(r, "sme.staff_count"),
	    T(r, "sme.staff_count_help"), sz->staff, sz->err_staff, "off",
	    false);
	html_open(&p->h, "div", "class", sz->err_group ? "field field-error" :
	    "field", NULL);
	html_elem(&p->h, "label", T(r, "sme.group_label"), "for",
	    "f-sme_group", NULL);
	html_elem(&p->h, "p", T(r, "sme.group_help"), "class", "help", NULL);
	if (sz->err_group)
		html_elem(&p->h, "p", sz->err_group, "class", "field-msg", "id",
		    "e-sme_group", NULL);
	html_open(&p->h, "select", "id", "f-sme_group", "name", "sme_group",
	    "aria-invalid", sz->err_group ? "true" : NULL,
	    "aria-describedby", sz->err_group ? "e-sme_group" : NULL, NULL);
	html_elem(&p->h, "option", T(r, "sme.group_auto"), "value", "", NULL);
	for (g = 0; g < SME_GROUP__MAX; g++)
		html_elem(&p->h, "option", TR(r, &sp->group[g].label), "value",
		    sp->group[g].key, "selected", strcmp(sz->group,
		    sp->group[g].key) == 0 ? "" : NULL, NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/* A whole number typed as "1,000,000" or "1000000" (blanks and commas
 * between digits allowed): 0 with *out, -1 not a number, -2 negative. */
static int
whole(const char *s, int64_t max, int64_t *out)
{
	char digits[32];
	size_t n = 0;
	const char *q = s;
	long long v;

	while (*q == ' ')
		q++;
	if (*q == '-' && q[1] >= '0' && q[1] <= '9')
		return -2;
	for (; *q != '\0'; q++) {
		if (*q >= '0' && *q <= '9') {
			if (n + 1 >= sizeof(digits))
				return -1;
			digits[n++] = *q;
		} else if (*q != ',' && *q != ' ')
			return -1;
	}
	if (n == 0)
		return -1;
	digits[n] = '\0';
	if (n > 15)
		return -3;
	v = strtoll(digits, NULL, 10);
	if (v > max)
		return -3;
	*out = v;
	return 0;
}

int
page_ref_size_read(struct req *r, struct page_ref_size *sz)
{
	const char *g;
	int64_t v;
	int rc, nerr = 0;

	memset(sz, 0, sizeof(*sz));
	sz->capital = req_field(r, "capital_yen");
	sz->staff = req_field(r, "staff_count");
	g = req_field(r, "sme_group");
	sz->capital = sz->capital ? sz->capital : "";
	sz->staff = sz->staff ? sz->staff : "";
	sz->group = g ? g : "";
	sz->capital_yen = sz->staff_n = -1;
	if (sz->capital[0] != '\0') {
		rc = whole(sz->capital, ORGREF_CAPITAL_MAX, &v);
		if (rc == 0)
			sz->capital_yen = v;
		else
			sz->err_capital = T(r, rc == -2 ? "sme.err.negative" :
			    rc == -3 ? "sme.err.capital_big" :
			    "sme.err.capital_nan");
	}
	if (sz->staff[0] != '\0') {
		rc = whole(sz->staff, ORGREF_STAFF_MAX, &v);
		if (rc == 0)
			sz->staff_n = (long)v;
		else
			sz->err_staff = T(r, rc == -2 ? "sme.err.negative" :
			    rc == -3 ? "sme.err.staff_big" :
			    "sme.err.staff_nan");
	}
	if (sz->group[0] != '\0' && sme_group_from_key(sz->group) < 0)
		sz->err_group = T(r, "form.err.choose");
	nerr = (sz->err_capital != NULL) + (sz->err_staff != NULL) +
	    (sz->err_group != NULL);
	return nerr;
}

void
page_ref_size_of(struct req *r, const struct orgref *rf,
    struct page_ref_size *sz)
{
	memset(sz, 0, sizeof(*sz));
	sz->capital_yen = rf->capital_yen;
	sz->staff_n = rf->staff;
	sz->capital = rf->capital_yen >= 0 ? arena_printf(&r->arena,
	    "%" PRId64, rf->capital_yen) : "";
	sz->staff = rf->staff >= 0 ? arena_printf(&r->arena, "%ld",
	    rf->staff) : "";
	sz->group = rf->sme_group;
}

/* ---- the organisation as JSON ---- */

/*
 * GET /api/v1/orgs/{org} → {"id", "name", "industry", "employees",
 * "capital", "prefecture", "capital_yen", "staff", "sme": {"verdict",
 * "need", "group"}, "category": {"it_use", "sec_posture", "number"}}.
 */
int
page_api_org(struct req *r)
{
	struct sme_result s;
	struct orgref rf;
	struct org o;
	struct buf *b = &r->out;
	int st, cat;

	if ((st = ref_load(r, &o, &rf)) != 0)
		return st;
	page_ref_sme(&req_app(r)->content, &o, &rf, &s);
	cat = cat_of(cat_it_from_key(rf.it_use),
	    cat_sec_from_key(rf.sec_posture));
	buf_printf(b, "{\"id\": %" PRId64 ", \"name\": ", o.id);
	esc_json(b, str_c(o.name));
	buf_adds(b, ", \"industry\": ");
	esc_json(b, str_c(o.industry));
	buf_adds(b, ", \"employees\": ");
	esc_json(b, str_c(o.employees));
	buf_adds(b, ", \"capital\": ");
	esc_json(b, str_c(o.capital));
	buf_adds(b, ", \"prefecture\": ");
	esc_json(b, str_c(o.prefecture));
	if (rf.capital_yen >= 0)
		buf_printf(b, ", \"capital_yen\": %" PRId64, rf.capital_yen);
	else
		buf_adds(b, ", \"capital_yen\": null");
	if (rf.staff >= 0)
		buf_printf(b, ", \"staff\": %ld", rf.staff);
	else
		buf_adds(b, ", \"staff\": null");
	buf_adds(b, ", \"sme\": {\"verdict\": ");
	esc_json(b, str_c(sme_verdict_key(s.v)));
	buf_adds(b, ", \"need\": ");
	if (s.need == SME_NEED_NONE)
		buf_adds(b, "null");
	else
		esc_json(b, str_c(sme_need_key(s.need)));
	buf_adds(b, ", \"group\": ");
	if (s.group >= 0)
		esc_json(b, str_c(sme_group_key((enum sme_group)s.group)));
	else
		buf_adds(b, "null");
	buf_adds(b, "}, \"category\": {\"it_use\": ");
	if (rf.it_use[0] != '\0')
		esc_json(b, str_c(rf.it_use));
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"sec_posture\": ");
	if (rf.sec_posture[0] != '\0')
		esc_json(b, str_c(rf.sec_posture));
	else
		buf_adds(b, "null");
	if (cat >= 0)
		buf_printf(b, ", \"number\": %d}}\n", cat + 1);
	else
		buf_adds(b, ", \"number\": null}}\n");
	return page_json(r, 200);
}
