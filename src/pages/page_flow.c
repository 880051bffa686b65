/*
 * page_flow: the pages that carry the diagnosis into the registers
 * (issue 12 §3, §4, §6).
 *
 *   GET|POST /o/{org}/r/risks/draft  risks drafted from the assets and
 *            the threat catalogue: one row per (asset, threat) pair not
 *            yet in the register, the vulnerability worked out from the
 *            latest closed diagnosis (risk_vulnerability), in one write;
 *   GET|POST /o/{org}/r/plan/draft   plan rows drafted from the weak
 *            items of the latest closed diagnosis and from the risks to
 *            reduce, each kept or dropped and its measure edited;
 *   GET /o/{org}/plan.ics            the plan's deadlines as a calendar;
 * and, written into other pages, the drafts' links and the risk heat map
 * on the register lists (page_flow_list) and the overdue plan rows on
 * the organisation's home (page_flow_overdue).
 *
 * Which items, pairs and rows are proposed is model/regflow.c; this file
 * only reads, writes words around them and stores what was chosen.
 * Texts: flow.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/num.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/org.h"
#include "model/plan.h"
#include "model/regflow.h"
#include "model/register.h"
#include "model/risk.h"
#include "model/round.h"
#include "pages/pages.h"
#include "render/ics.h"
#include "render/svg.h"

/* Overdue rows the organisation's home names one by one. */
#define OVERDUE_SHOWN	5

/* The heat map draws the risk scales and bands as they are. */
_Static_assert(SVG_HEAT_N == RISK_LEVELS, "heat map: one row a level");
_Static_assert(SVG_HEAT_BANDS == RISK_BAND__MAX, "heat map: one colour a band");

/* ---- small helpers ------------------------------------------------------ */

static const char *
num(struct req *r, long n)
{
	return arena_printf(&r->arena, "%ld", n);
}

/* Whether a posted field name=value is there (checkboxes). */
static bool
posted(struct req *r, const char *name, const char *value)
{
	size_t k;

	for (k = 0; k < r->form.n; k++)
		if (str_eq_c(r->form.v[k].key, name) &&
		    str_eq_c(r->form.v[k].val, value))
			return true;
	return false;
}

/* A posted level 1…RISK_LEVELS, or 0. */
static int
posted_level(struct req *r, const char *name)
{
	const char *s = req_field(r, name);
	long n;

	if (s == NULL || str_to_long(str_c(s), 1, RISK_LEVELS, &n) != 0)
		return 0;
	return (int)n;
}

/* Every row of register k of the request's organisation. */
static int
rows_of(struct req *r, enum register_kind k, struct register_row **v,
    size_t *n)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = register_list(c, &req_app(r)->content.regenv, register_of(k),
	    r->org_id, &r->arena, v, n);
	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/*
 * A row of d from texts by field index (NULL: unset), read as a form's
 * values are.  False when a value is refused (errs says which).
 */
static bool
row_of_text(struct req *r, const struct register_decl *d,
    const char *const *text, struct register_row *row,
    struct register_errs *errs)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	size_t i;
	long a, b;

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	for (i = 0; i < d->nf; i++) {
		enum rf_err rc;

		row->v[i].s = "";
		if (text[i] == NULL || d->f[i].derived)
			continue;
		rc = register_value(e, &d->f[i], text[i], &r->arena, &row->v[i],
		    &a, &b);
		if (rc != RFE_OK)
			register_err_add(errs, (int)i, d->f[i].key, rc, a, b);
	}
	register_finish(e, d, row, errs);
	return errs->n == 0;
}


/* Value of field key of row (unset: NULL). */
static const struct register_val *
val_of(const struct register_decl *d, const struct register_row *row,
    const char *key)
{
	int i = register_field(d, key);

	return i >= 0 && row->v[i].set ? &row->v[i] : NULL;
}

/* The page's frame: the organisation's tabs with the register marked. */
static int
flow_begin(struct page *p, struct req *r, const char *reg, const char *title)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct org o;
	int rc;

	rc = org_get(c, &r->arena, r->org_id, &o);
	db_release(db, c);
	if (rc != 0)
		return rc == DB_DONE ? 404 : 503;
	page_begin(p, r, title);
	page_org_subnav(p, &o, arena_printf(&r->arena, "reg.%s", reg));
	return 0;
}

/* ---- the latest closed diagnosis ----------------------------------------- */

/* The round the drafts read, and its figures. */
struct flow_diag {
	bool			 have;	/* a closed round with respondents */
	struct round		 round;
	struct diag_result	 res;
};

/*
 * The latest closed round of the organisation that counted someone: the
 * last closed (then the highest id), its results computed as the
 * results page computes them.  0 or an HTTP status.
 */
static int
diag_load(struct req *r, struct flow_diag *fd)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct round *rounds = NULL;
	struct diag_resp *resp;
	size_t n = 0, i, best = 0, pn = 0;
	int rc;

	memset(fd, 0, sizeof(*fd));
	rc = round_list(c, &r->arena, r->org_id, &rounds, &n);
	for (i = 0; rc == DB_OK && i < n; i++) {
		const struct round *x = &rounds[i];

		if (x->open || x->complete <= 0)
			continue;
		if (!fd->have || x->closed_at > rounds[best].closed_at ||
		    (x->closed_at == rounds[best].closed_at &&
		    x->id > rounds[best].id)) {
			best = i;
			fd->have = true;
		}
	}
	if (rc == DB_OK && fd->have) {
		fd->round = rounds[best];
		rc = round_answers(c, &r->arena, fd->round.id, r->org_id, &resp,
		    &pn);
		if (rc == DB_OK)
			diag_compute(resp, pn, &fd->res);
		fd->have = fd->res.n > 0;
	}
	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* "診断「第1回」（2026-11-20に締切、5人が回答）" */
static const char *
round_named(struct req *r, const struct flow_diag *fd)
{
	return Tf(r, "flow.round_named", "title", fd->round.title, "date",
	    page_day_jst(r, fd->round.closed_at), "n", num(r, fd->res.n), NULL);
}

/* "6・11・24": diagnosis item numbers in words. */
static const char *
items_text(struct req *r, const int *items, size_t n)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? T(r, "flow.sep") : "", items[i]);
	out = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* ---- the risk draft ------------------------------------------------------ */

/* The risk draft as shown: the choices, as stored or as posted. */
struct risk_draft {
	struct flow_diag	 diag;
	struct register_row	*assets;	/* the asset register */
	size_t			 nassets;
	struct register_row	*risks;		/* the risk register */
	size_t			 nrisks;
	bool			*asset_on;	/* [nassets] ticked */
	bool			*threat_on;	/* [threats] ticked */
	int			*tl, *vu;	/* [threats] levels, 0: none */
	const char		**level_err;	/* [threats] beside the levels */
	const char		*asset_err, *threat_err;
	const char		*notice;	/* an error of no field */
	size_t			 nerr;
};

/* The importance of an asset row, 0 when unknown. */
static int
asset_importance_of(const struct register_row *row)
{
	const struct register_val *v = val_of(register_of(REGISTER_ASSETS), row,
	    "importance");

	return v != NULL ? (int)v->i : 0;
}

static const char *
asset_name(const struct register_row *row)
{
	const struct register_val *v = val_of(register_of(REGISTER_ASSETS), row,
	    "name");

	return v != NULL ? v->s : "";
}

/* The rows and the round the draft reads; the first choices (important
 * assets ticked, every level 2). */
static int
risk_draft_load(struct req *r, struct risk_draft *x)
{
	const struct threats_pack *tp = &req_app(r)->content.threats;
	size_t i;
	int st;

	memset(x, 0, sizeof(*x));
	if ((st = diag_load(r, &x->diag)) != 0 ||
	    (st = rows_of(r, REGISTER_ASSETS, &x->assets, &x->nassets)) != 0 ||
	    (st = rows_of(r, REGISTER_RISKS, &x->risks, &x->nrisks)) != 0)
		return st;
	x->asset_on = arena_alloc(&r->arena, (x->nassets + 1) *
	    sizeof(*x->asset_on));
	x->threat_on = arena_alloc(&r->arena, (tp->n + 1) *
	    sizeof(*x->threat_on));
	x->tl = arena_alloc(&r->arena, (tp->n + 1) * sizeof(*x->tl));
	x->vu = arena_alloc(&r->arena, (tp->n + 1) * sizeof(*x->vu));
	x->level_err = arena_alloc(&r->arena, (tp->n + 1) *
	    sizeof(*x->level_err));
	for (i = 0; i < x->nassets; i++)
		x->asset_on[i] = asset_importance_of(&x->assets[i]) >= 2;
	for (i = 0; i < tp->n; i++) {
		x->threat_on[i] = false;
		x->tl[i] = 2;
		x->vu[i] = 2;
		x->level_err[i] = NULL;
	}
	return 0;
}

/* The vulnerability the diagnosis gives threat t, 0 without one. */
static int
diag_vuln(const struct risk_draft *x, const struct threat *t)
{
	if (!x->diag.have)
		return 0;
	return risk_vulnerability(&x->diag.res, t->items, t->n_items);
}

/* Radio buttons 1…RISK_LEVELS named name, each labelled by its meaning;
 * value checked. */
static void
level_radios(struct page *p, const char *name, const char *legend,
    const struct tr *meaning, int value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	int k;

	form_group(p, name, legend, NULL, err);
	html_open(h, "div", "class", "answers scale", NULL);
	for (k = 1; k <= RISK_LEVELS; k++) {
		const char *v = num(r, k);

		html_open(h, "label", "class", "answer", NULL);
		html_void(h, "input", "type", "radio", "name", name, "value", v,
		    "id", arena_printf(&r->arena, "f-%s-%d", name, k),
		    "checked", value == k ? "" : NULL,
		    "aria-invalid", err ? "true" : NULL, NULL);
		html_elem(h, "span", TR(r, &meaning[k - 1]), NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

/* Where the values come from, in words. */
static void
risk_sources(struct page *p, const struct risk_draft *x)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", "panel flow-source", "id",
	    "sources", NULL);
	html_elem(&p->h, "h2", T(r, "flow.sources"), NULL);
	html_elem(&p->h, "p", T(r, "flow.risk_tl_source"), NULL);
	if (x->diag.have)
		html_elem(&p->h, "p", Tf(r, "flow.risk_vu_source", "round",
		    round_named(r, &x->diag), NULL), "class", "vu-source",
		    NULL);
	else
		html_elem(&p->h, "p", T(r, "flow.risk_vu_none"), "class",
		    "vu-source", NULL);
	html_elem(&p->h, "p", T(r, "flow.risk_later"), "class", "help", NULL);
	html_close(&p->h);
}

static int
risk_draft_page(struct req *r, struct risk_draft *x, int status)
{
	const struct content *ct = &req_app(r)->content;
	const struct threats_pack *tp = &ct->threats;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/r/risks",
	    r->org_id);
	const char *title = T(r, "flow.risk_title");
	struct page p;
	size_t i;
	int g, st;

	if ((st = flow_begin(&p, r, "risks", title)) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "flow.back_risks"), "href", base, "class",
	    "back", NULL);
	page_h1(&p, title);
	if (x->notice != NULL)
		page_notice(&p, "error", x->notice);
	if (x->nerr > 0)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, "flow.risk_intro"), "class", "lead", NULL);
	if (x->nassets == 0) {
		html_open(&p.h, "p", NULL);
		html_text(&p.h, T(r, "flow.risk_no_assets"));
		html_text(&p.h, " ");
		html_elem(&p.h, "a", T(r, "reg.assets.title"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/assets",
		    r->org_id), NULL);
		html_close(&p.h);
		return page_end(&p, status);
	}
	risk_sources(&p, x);
	form_open(&p, arena_printf(&r->arena, "%s/draft", base), NULL);

	html_elem(&p.h, "h2", T(r, "flow.risk_step_assets"), NULL);
	form_group(&p, "asset", T(r, "flow.risk_pick_assets"),
	    T(r, "flow.risk_assets_help"), x->asset_err);
	html_open(&p.h, "div", "class", "answers flow-assets", NULL);
	for (i = 0; i < x->nassets; i++) {
		const struct register_row *a = &x->assets[i];
		const char *id = num(r, (long)a->id);

		html_open(&p.h, "label", "class", "answer", NULL);
		html_void(&p.h, "input", "type", "checkbox", "name", "asset",
		    "value", id, "id", arena_printf(&r->arena, "f-asset-%s",
		    id), "checked", x->asset_on[i] ? "" : NULL,
		    "aria-invalid", x->asset_err ? "true" : NULL, NULL);
		html_open(&p.h, "span", NULL);
		html_elem(&p.h, "strong", asset_name(a), NULL);
		html_elem(&p.h, "small", Tn(r, "flow.importance_n",
		    asset_importance_of(a), 0), "class", "starter-values",
		    NULL);
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close(&p.h);	/* div */
	html_close(&p.h);	/* fieldset */

	html_elem(&p.h, "h2", T(r, "flow.risk_step_threats"), NULL);
	html_elem(&p.h, "p", T(r, "flow.risk_threats_help"), "class", "help",
	    NULL);
	if (x->threat_err != NULL)
		html_elem(&p.h, "p", x->threat_err, "class", "field-msg", "id",
		    "e-threat", NULL);
	for (g = 0; g < TG__MAX; g++) {
		html_open(&p.h, "fieldset", "class", "field threat-group",
		    "aria-describedby", x->threat_err ? "e-threat" : NULL, NULL);
		html_elem(&p.h, "legend", TR(r, &tp->group[g].label), NULL);
		for (i = 0; i < tp->n; i++) {
			const struct threat *t = &tp->v[i];
			const char *tl = arena_printf(&r->arena, "tl.%s",
			    t->key);
			int vu = diag_vuln(x, t);

			if ((int)t->group != g)
				continue;
			html_open(&p.h, "div", "class", "threat-pick", "data-threat",
			    t->key, NULL);
			html_open(&p.h, "label", "class", "answer", NULL);
			html_void(&p.h, "input", "type", "checkbox", "name",
			    "threat", "value", t->key, "id", arena_printf(
			    &r->arena, "f-threat-%s", t->key), "checked",
			    x->threat_on[i] ? "" : NULL, "aria-invalid",
			    x->threat_err ? "true" : NULL, NULL);
			html_open(&p.h, "span", NULL);
			html_elem(&p.h, "strong", TR(r, &t->label), NULL);
			html_elem(&p.h, "small", TR(r, &t->explain), NULL);
			html_close(&p.h);
			html_close(&p.h);
			/* shown once the threat is ticked (the stylesheet) */
			html_open(&p.h, "div", "class", "threat-levels", NULL);
			level_radios(&p, tl, Tf(r, "flow.tl_legend", "threat",
			    TR(r, &t->label), NULL), ct->risks.threat_level,
			    x->tl[i], x->level_err[i]);
			if (vu > 0)
				html_elem(&p.h, "p", Tf(r, "flow.vu_from_diag",
				    "level", TR(r, &ct->risks.vuln_level[vu -
				    1]), "items", items_text(r, t->items,
				    t->n_items), NULL), "class", "vu-diag",
				    "data-vulnerability", num(r, vu), NULL);
			else
				level_radios(&p, arena_printf(&r->arena,
				    "vu.%s", t->key), Tf(r, "flow.vu_legend",
				    "threat", TR(r, &t->label), NULL),
				    ct->risks.vuln_level, x->vu[i], NULL);
			html_close(&p.h);	/* threat-levels */
			html_close(&p.h);	/* threat-pick */
		}
		html_close(&p.h);
	}
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "flow.risk_submit"), NULL);
	html_elem(&p.h, "a", T(r, "reg.cancel"), "href", base, "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);	/* form */
	return page_end(&p, status);
}

int
page_flow_risk_draft(struct req *r)
{
	struct risk_draft *x = arena_alloc(&r->arena, sizeof(*x));
	int st;

	if ((st = risk_draft_load(r, x)) != 0)
		return st;
	return risk_draft_page(r, x, 200);
}

/* The vulnerability note of threat t: where the value came from. */
static const char *
vuln_note(struct req *r, const struct risk_draft *x, const struct threat *t)
{
	return Tf(r, "flow.vuln_note", "round", round_named(r, &x->diag),
	    "items", items_text(r, t->items, t->n_items), NULL);
}

int
page_flow_risk_draft_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct threats_pack *tp = &ct->threats;
	const struct register_decl *d = register_of(REGISTER_RISKS);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct risk_draft *x = arena_alloc(&r->arena, sizeof(*x));
	struct register_row *add;
	struct register_errs errs;
	size_t i, j, m = 0, na = 0, nt = 0, room;
	int st, rc;

	if ((st = risk_draft_load(r, x)) != 0)
		return st;
	if (x->nassets == 0)
		return risk_draft_page(r, x, PAGE_INVALID);
	for (i = 0; i < x->nassets; i++)
		na += x->asset_on[i] = posted(r, "asset",
		    num(r, (long)x->assets[i].id));
	for (i = 0; i < tp->n; i++) {
		const struct threat *t = &tp->v[i];

		nt += x->threat_on[i] = posted(r, "threat", t->key);
		x->tl[i] = posted_level(r, arena_printf(&r->arena, "tl.%s",
		    t->key));
		x->vu[i] = diag_vuln(x, t) > 0 ? diag_vuln(x, t) :
		    posted_level(r, arena_printf(&r->arena, "vu.%s", t->key));
		if (x->threat_on[i] && (x->tl[i] == 0 || x->vu[i] == 0)) {
			x->level_err[i] = T(r, "reg.err.choose");
			x->nerr++;
		}
	}
	if (na == 0) {
		x->asset_err = T(r, "flow.err.pick_asset");
		x->nerr++;
	}
	if (nt == 0) {
		x->threat_err = T(r, "flow.err.pick_threat");
		x->nerr++;
	}
	if (x->nerr > 0)
		return risk_draft_page(r, x, PAGE_INVALID);

	/* no more rows than the register can still take: one past that
	 * says it is full */
	room = x->nrisks < REGISTER_ROWS_MAX ? REGISTER_ROWS_MAX - x->nrisks :
	    0;
	add = arena_alloc(&r->arena, ((na * nt < room ? na * nt : room) + 1) *
	    sizeof(*add));
	for (i = 0; i < x->nassets; i++) {
		for (j = 0; x->asset_on[i] && j < tp->n; j++) {
			const struct threat *t = &tp->v[j];
			const char *text[REGISTER_FIELDS_MAX] = { NULL };

			if (!x->threat_on[j] || regflow_risk_taken(x->risks,
			    x->nrisks, x->assets[i].id, t->key))
				continue;
			if (m >= room) {
				x->notice = Tn(r, "reg.full", REGISTER_ROWS_MAX,
				    0);
				return risk_draft_page(r, x, PAGE_INVALID);
			}
			page_set_field(d, text, "asset", num(r,
			    (long)x->assets[i].id));
			page_set_field(d, text, "threat", t->key);
			page_set_field(d, text, "threat_level", num(r, x->tl[j]));
			page_set_field(d, text, "vulnerability", num(r, x->vu[j]));
			if (diag_vuln(x, t) > 0)
				page_set_field(d, text, "vulnerability_note",
				    vuln_note(r, x, t));
			errs.n = 0;
			if (!row_of_text(r, d, text, &add[m], &errs)) {
				x->notice = T(r, "flow.err.row");
				return risk_draft_page(r, x, PAGE_INVALID);
			}
			m++;
		}
	}
	if (m == 0) {
		x->notice = T(r, "flow.err.risks_there");
		return risk_draft_page(r, x, PAGE_INVALID);
	}
	errs.n = 0;
	rc = register_add_many(req_app(r)->db, &ct->regenv, d, r->org_id, &who,
	    add, m, &errs);
	if (rc == REGISTER_FULL)
		x->notice = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
	else if (rc == REGISTER_BAD_REF || rc == REGISTER_INVALID) {
		/* an asset went meanwhile: start again from the register as
		 * it is now */
		if ((st = risk_draft_load(r, x)) != 0)
			return st;
		x->notice = T(r, "flow.err.changed");
	}
	if (x->notice != NULL)
		return risk_draft_page(r, x, PAGE_INVALID);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/r/risks?started=%zu", r->org_id, m));
}

/* ---- the plan draft ------------------------------------------------------ */

/* One row the plan draft proposes. */
struct proposal {
	const char	*source;	/* "diagnosis:6", "risk:12" */
	const char	*title;		/* what it is about */
	const char	*tag;		/* its figure: the mean, the band */
	enum plan_area	 area;
	const char	*current;	/* 現状と課題 */
	const char	*measure;	/* as proposed, then as posted */
	bool		 on;		/* ticked */
	const char	*err;		/* beside the measure, or NULL */
};

struct plan_draft {
	struct flow_diag	 diag;
	struct proposal		*v;
	size_t			 n;
	size_t			 n_diag;	/* v[0..n_diag) are items */
	size_t			 weak;		/* weak items, with those in
						   the plan */
	size_t			 taken;		/* left out: in the plan */
	size_t			 reduce;	/* risks to reduce, with those
						   in the plan */
	const char		*notice;
	size_t			 nerr;
};

/* "実施していない 3人・一部実施している 1人": the answers to item k. */
static const char *
answers_text(struct req *r, const struct diag_result *res, int k)
{
	const struct diag_pack *dp = &req_app(r)->content.diag;
	struct buf b = BUF_INIT;
	const char *out;
	int a;

	for (a = DIAG_YES; a < DIAG_ANSWER__MAX; a++) {
		if (res->item[k].counts[a] <= 0)
			continue;
		buf_printf(&b, "%s%s", b.n ? T(r, "flow.sep") : "",
		    Tf(r, "flow.answer_n", "answer", TR(r,
		    &dp->answer_label[a]), "n", num(r,
		    res->item[k].counts[a]), NULL));
	}
	out = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* The item's inexpensive measures, one a line. */
static const char *
measures_text(struct req *r, const struct diag_item_text *t)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t m;

	for (m = 0; m < t->measures.n; m++)
		buf_printf(&b, "%s%s", m ? "\n" : "",
		    t->measures.t[page_lang_of(r)][m]);
	out = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* The catalogue's threat with this key, or NULL. */
static const struct threat *
threat_of(const struct threats_pack *tp, const char *key)
{
	size_t i;

	for (i = 0; i < tp->n; i++)
		if (strcmp(tp->v[i].key, key) == 0)
			return &tp->v[i];
	return NULL;
}

/* The plan area a risk's measure goes to: physical and human threats
 * their own, every other technical. */
static enum plan_area
risk_area(const struct threat *t)
{
	if (t != NULL && t->group == TG_PHYSICAL)
		return PLAN_PHYSICAL;
	if (t != NULL && t->group == TG_HUMAN)
		return PLAN_HUMAN;
	return PLAN_TECHNICAL;
}

/* Everything the plan draft proposes, in its order: the weak items of
 * the latest closed round, weakest first, then the risks to reduce, by
 * id; those whose source the plan has already are left out. */
static int
plan_draft_load(struct req *r, struct plan_draft *x)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *rd = register_of(REGISTER_RISKS);
	const struct register_env *e = &ct->regenv;
	struct register_row *plan, *risks;
	size_t nplan, nrisks, i, k;
	int weak[DIAG_ITEMS], st;

	memset(x, 0, sizeof(*x));
	if ((st = diag_load(r, &x->diag)) != 0 ||
	    (st = rows_of(r, REGISTER_PLAN, &plan, &nplan)) != 0 ||
	    (st = rows_of(r, REGISTER_RISKS, &risks, &nrisks)) != 0)
		return st;
	x->v = arena_alloc(&r->arena, (DIAG_ITEMS + nrisks + 1) *
	    sizeof(*x->v));
	x->weak = x->diag.have ? regflow_weak_items(&x->diag.res, weak) : 0;
	for (k = 0; k < x->weak; k++) {
		const struct diag_item_text *t = &ct->diag.item[weak[k]];
		struct proposal *p = &x->v[x->n];

		memset(p, 0, sizeof(*p));
		p->source = arena_printf(&r->arena, "diagnosis:%d",
		    weak[k] + 1);
		if (regflow_source_taken(plan, nplan, p->source)) {
			x->taken++;
			continue;
		}
		p->title = arena_printf(&r->arena, "No.%d %s", weak[k] + 1,
		    TR(r, &t->shrt));
		p->tag = Tf(r, "flow.mean", "mean", num_tenths_a(&r->arena,
		    x->diag.res.item[weak[k]].mean_tenths), NULL);
		p->area = ct->plan.item_area[weak[k]];
		p->current = answers_text(r, &x->diag.res, weak[k]);
		p->measure = measures_text(r, t);
		p->on = true;
		x->n++;
	}
	x->n_diag = x->n;
	for (i = 0; i < nrisks; i++) {
		const struct register_row *row = &risks[i];
		const struct register_val *tr = val_of(rd, row, "treatment");
		const struct register_val *th = val_of(rd, row, "threat");
		const struct register_val *as = val_of(rd, row, "asset");
		const struct register_val *me = val_of(rd, row, "measure");
		const struct register_val *va = val_of(rd, row, "value");
		const struct register_val *bd = val_of(rd, row, "band");
		const char *asset, *threat;
		struct proposal *p = &x->v[x->n];

		if (tr == NULL || tr->i != TREAT_REDUCE)
			continue;
		x->reduce++;
		memset(p, 0, sizeof(*p));
		p->source = arena_printf(&r->arena, "risk:%" PRId64, row->id);
		if (regflow_source_taken(plan, nplan, p->source)) {
			x->taken++;
			continue;
		}
		asset = as != NULL && as->s[0] != '\0' ? as->s :
		    Tn(r, "reg.row_no", as != NULL ? (long)as->i : 0, 0);
		threat = th != NULL ? register_label(e, &rd->f[register_field(
		    rd, "threat")], th, page_lang_of(r)) : "";
		p->title = Tf(r, "flow.risk_row", "asset", asset, "threat",
		    threat, NULL);
		p->tag = va != NULL && bd != NULL ? Tf(r, "flow.risk_tag",
		    "band", register_label(e, &rd->f[register_field(rd,
		    "band")], bd, page_lang_of(r)), "value", num(r, (long)va->i),
		    NULL) : NULL;
		p->area = risk_area(th != NULL ? threat_of(&ct->threats, th->s) :
		    NULL);
		p->current = p->tag != NULL ? Tf(r, "flow.risk_current",
		    "asset", asset, "threat", threat, "tag", p->tag, NULL) :
		    Tf(r, "flow.risk_current_plain", "asset", asset, "threat",
		    threat, NULL);
		p->measure = me != NULL ? me->s : Tf(r, "flow.risk_measure",
		    "asset", asset, "threat", threat, NULL);
		p->on = true;
		x->n++;
	}
	return 0;
}

/* One proposal: its box, what it is, its area and current state, and
 * the measure to edit. */
static void
proposal_card(struct page *p, const struct proposal *q)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PLAN);
	const char *mname = arena_printf(&r->arena, "measure.%s", q->source);
	int fm = register_field(pd, "measure");

	html_open(&p->h, "li", "class", "proposal", "data-source", q->source,
	    NULL);
	html_open(&p->h, "label", "class", "choice proposal-pick", NULL);
	html_void(&p->h, "input", "type", "checkbox", "name", "pick", "value",
	    q->source, "id", arena_printf(&r->arena, "f-pick-%s", q->source),
	    "checked", q->on ? "" : NULL, NULL);
	html_elem(&p->h, "strong", q->title, NULL);
	if (q->tag != NULL)
		html_elem(&p->h, "span", q->tag, "class", "tag", NULL);
	html_close(&p->h);
	html_open(&p->h, "dl", "class", "facts proposal-facts", NULL);
	html_elem(&p->h, "dt", T(r, "reg.plan.f.area"), NULL);
	html_elem(&p->h, "dd", TR(r, &ct->plan.area[q->area].label),
	    "data-area", ct->plan.area[q->area].key, NULL);
	html_elem(&p->h, "dt", T(r, "reg.plan.f.current"), NULL);
	html_elem(&p->h, "dd", q->current, "class", "current", NULL);
	html_close(&p->h);
	form_field_max(p, mname, NULL, (size_t)pd->f[fm].max,
	    T(r, "reg.plan.f.measure"), NULL, q->measure, q->err, "off", false);
	html_close(&p->h);
}

static int
plan_draft_page(struct req *r, struct plan_draft *x, int status)
{
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/r/plan",
	    r->org_id);
	const char *title = T(r, "flow.plan_title");
	struct page p;
	size_t i;
	int st;

	if ((st = flow_begin(&p, r, "plan", title)) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "flow.back_plan"), "href", base, "class",
	    "back", NULL);
	page_h1(&p, title);
	if (x->notice != NULL)
		page_notice(&p, "error", x->notice);
	if (x->nerr > 0)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, x->n > 0 ? "flow.plan_intro" :
	    "flow.plan_nothing"), "class", "lead", NULL);
	if (x->n > 0)
		form_open(&p, arena_printf(&r->arena, "%s/draft", base), NULL);

	html_elem(&p.h, "h2", T(r, "flow.plan_from_diag"), "id", "from-diag",
	    NULL);
	if (!x->diag.have)
		html_elem(&p.h, "p", T(r, "flow.plan_no_round"), "class", "help",
		    NULL);
	else {
		html_elem(&p.h, "p", Tf(r, "flow.plan_diag_source", "round",
		    round_named(r, &x->diag), NULL), "class", "help", NULL);
		if (x->weak == 0)
			html_elem(&p.h, "p", T(r, "flow.plan_no_weak"), "class",
			    "help", NULL);
	}
	if (x->n_diag > 0) {
		html_open(&p.h, "ol", "class", "proposals", "aria-labelledby",
		    "from-diag", NULL);
		for (i = 0; i < x->n_diag; i++)
			proposal_card(&p, &x->v[i]);
		html_close(&p.h);
	}

	html_elem(&p.h, "h2", T(r, "flow.plan_from_risks"), "id",
	    "from-risks", NULL);
	html_elem(&p.h, "p", T(r, x->reduce > 0 ? "flow.plan_risks_source" :
	    "flow.plan_no_risks"), "class", "help", NULL);
	if (x->n > x->n_diag) {
		html_open(&p.h, "ol", "class", "proposals", "aria-labelledby",
		    "from-risks", NULL);
		for (i = x->n_diag; i < x->n; i++)
			proposal_card(&p, &x->v[i]);
		html_close(&p.h);
	}
	if (x->taken > 0)
		html_elem(&p.h, "p", Tn(r, "flow.plan_taken", (long)x->taken, 0),
		    "class", "help", "id", "taken", NULL);
	if (x->n > 0) {
		html_open(&p.h, "p", "class", "actions", NULL);
		form_submit(&p, T(r, "flow.plan_submit"), NULL);
		html_elem(&p.h, "a", T(r, "reg.cancel"), "href", base, "class",
		    "btn btn-secondary", NULL);
		html_close(&p.h);
		html_close(&p.h);	/* form */
	} else
		html_elem(&p.h, "a", T(r, "flow.back_plan"), "href", base,
		    "class", "btn btn-secondary", NULL);
	return page_end(&p, status);
}

int
page_flow_plan_draft(struct req *r)
{
	struct plan_draft *x = arena_alloc(&r->arena, sizeof(*x));
	int st;

	if ((st = plan_draft_load(r, x)) != 0)
		return st;
	return plan_draft_page(r, x, 200);
}

int
page_flow_plan_draft_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct plan_draft *x = arena_alloc(&r->arena, sizeof(*x));
	struct register_row *add;
	struct register_errs errs;
	size_t i, m = 0, picked = 0;
	int st, rc, fm = register_field(d, "measure");

	if ((st = plan_draft_load(r, x)) != 0)
		return st;
	if (x->n == 0)
		return plan_draft_page(r, x, PAGE_INVALID);
	add = arena_alloc(&r->arena, x->n * sizeof(*add));
	for (i = 0; i < x->n; i++) {
		struct proposal *q = &x->v[i];
		const struct kv *kv = req_field_kv(r, arena_printf(&r->arena,
		    "measure.%s", q->source));
		const char *text[REGISTER_FIELDS_MAX] = { NULL };

		q->on = posted(r, "pick", q->source);
		if (kv != NULL)
			q->measure = page_lf_only(r, kv->val.p);
		if (!q->on)
			continue;
		picked++;
		page_set_field(d, text, "area", ct->plan.area[q->area].key);
		page_set_field(d, text, "current", q->current);
		page_set_field(d, text, "measure", q->measure);
		page_set_field(d, text, "source", q->source);
		page_set_field(d, text, "status", ct->plan.status[PLAN_TODO].key);
		errs.n = 0;
		if (kv != NULL && kv->nul)
			register_err_add(&errs, fm, "measure", RFE_UTF8, 0, 0);
		if (!row_of_text(r, d, text, &add[m], &errs)) {
			const struct register_err *e = &errs.e[0];

			q->err = e->code == RFE_REQUIRED ? T(r,
			    "flow.err.measure") : Tn(r, arena_printf(
			    &r->arena, "reg.err.%s", register_err_key(e->code)),
			    e->a, e->b);
			x->nerr++;
			continue;
		}
		m++;
	}
	if (picked == 0)
		x->notice = T(r, "flow.err.pick_one");
	if (x->notice != NULL || x->nerr > 0)
		return plan_draft_page(r, x, PAGE_INVALID);
	errs.n = 0;
	rc = register_add_many(req_app(r)->db, &ct->regenv, d, r->org_id, &who,
	    add, m, &errs);
	if (rc == REGISTER_FULL || rc == REGISTER_INVALID ||
	    rc == REGISTER_BAD_REF) {
		x->notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : T(r, "flow.err.changed");
		return plan_draft_page(r, x, PAGE_INVALID);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/r/plan?started=%zu", r->org_id, m));
}

/* ---- the plan as a calendar ------------------------------------------------ */

/* A plan row's measure on one line: line breaks become spaces. */
static const char *
one_line(struct req *r, const char *s)
{
	char *t = arena_cstr(&r->arena, str_c(s)), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return t;
}

/*
 * GET /o/{org}/plan.ics: one all-day event per plan row with a deadline
 * that is still open, on the last day of its deadline month (the month
 * is "by the end of"); the measure as the title, area, owner and status
 * in the description, the row's page as its URL.  DTSTAMP is the row's
 * last change and the UID stays the row's, so a calendar that imports
 * the file again updates the events rather than adding them twice.
 */
int
page_flow_plan_ics(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	const struct register_env *e = &ct->regenv;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct register_row *rows;
	struct org o;
	size_t n, k, i, *ix;
	int st;

	c = db_acquire(db);
	st = org_get(c, &r->arena, r->org_id, &o);
	db_release(db, c);
	if (st != 0)
		return st == DB_DONE ? 404 : 503;
	if ((st = rows_of(r, REGISTER_PLAN, &rows, &n)) != 0)
		return st;
	ix = arena_alloc(&r->arena, (n + 1) * sizeof(*ix));
	k = regflow_calendar(rows, n, ix);
	buf_reset(&r->out);
	ics_begin(&r->out, "-//mamori//plan//JA", Tf(r, "flow.ics_name",
	    "org", o.name, NULL));
	for (i = 0; i < k; i++) {
		const struct register_row *row = &rows[ix[i]];
		const struct register_val *dl = val_of(d, row, "deadline");
		const struct register_val *ms = val_of(d, row, "measure");
		const struct register_val *ar = val_of(d, row, "area");
		const struct register_val *ow = val_of(d, row, "owner");
		const struct register_val *stv = val_of(d, row, "status");
		long mi = regflow_month_index(dl->s);
		int y = (int)(mi / 12), m = (int)(mi % 12) + 1;
		struct ics_event ev;
		struct buf desc = BUF_INIT;

		if (ar != NULL)
			buf_printf(&desc, "%s%s%s\n", T(r, "reg.plan.f.area"),
			    T(r, "reg.colon"), register_label(e,
			    &d->f[register_field(d, "area")], ar, page_lang_of(r)));
		if (ow != NULL)
			buf_printf(&desc, "%s%s%s\n", T(r, "reg.plan.f.owner"),
			    T(r, "reg.colon"), ow->s);
		buf_printf(&desc, "%s%s%s", T(r, "reg.plan.f.status"),
		    T(r, "reg.colon"), stv != NULL ? register_label(e,
		    &d->f[register_field(d, "status")], stv, page_lang_of(r)) :
		    T(r, "reg.blank"));
		memset(&ev, 0, sizeof(ev));
		ev.uid = arena_printf(&r->arena, "plan-%" PRId64 "@mamori",
		    row->id);
		ev.stamp = row->updated_at;
		ev.y = y;
		ev.m = m;
		ev.d = regflow_days_in_month(y, m);
		ev.summary = one_line(r, ms != NULL ? ms->s : "");
		ev.description = arena_strndup(&r->arena, buf_cstr(&desc),
		    desc.n);
		ev.url = arena_printf(&r->arena, "%s/o/%" PRId64 "/r/plan/%"
		    PRId64, page_base_url(r), r->org_id, row->id);
		ics_event_day(&r->out, &ev);
		buf_free(&desc);
	}
	ics_end(&r->out);
	if (r->out.err)
		return 503;
	page_disposition(r, "attachment", "mamori-plan.ics",
	    arena_printf(&r->arena, "mamori-%s-plan.ics", o.name));
	c = db_acquire(db);
	audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
	    "register plan ics", req_addr(r));
	db_release(db, c);
	return req_send(r, 200, "text/calendar; charset=utf-8");
}

/* ---- written into other pages ---------------------------------------------- */

/* The risk heat map: importance 3…1 down, likelihood 1…3 across, as an
 * SVG and as a table with the same counts. */
static void
heat_map(struct page *p, const struct register_row *rows, size_t n)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	struct regflow_heat hm;
	struct svg_heat sp;
	struct buf desc = BUF_INIT;
	int i, j, mark;

	regflow_heat_count(rows, n, &hm);
	memset(&sp, 0, sizeof(sp));
	sp.id = "heat";
	sp.title = T(r, "flow.heat_title");
	sp.row_title = T(r, "flow.heat_rows");
	sp.col_title = T(r, "flow.heat_cols");
	sp.page_font = true;
	for (i = 0; i < RISK_BAND__MAX; i++)
		sp.bands[i] = TR(r, &ct->risks.band[i].label);
	for (i = 0; i < SVG_HEAT_N; i++) {
		int imp = SVG_HEAT_N - i;

		sp.rows[i] = num(r, imp);
		sp.cols[i] = num(r, i + 1);
		for (j = 0; j < SVG_HEAT_N; j++) {
			int lik = j + 1, cnt = hm.n[imp - 1][lik - 1];
			enum risk_band b = risk_band_of(imp * lik);

			sp.counts[i][j] = cnt;
			sp.band[i][j] = (int)b;
			sp.tips[i][j] = Tf(r, "flow.heat_cell", "imp",
			    num(r, imp), "lik", num(r, lik), "band",
			    sp.bands[b], "n", num(r, cnt), NULL);
			if (cnt > 0)
				buf_printf(&desc, "%s%s", desc.n ? T(r,
				    "flow.sep") : "", sp.tips[i][j]);
		}
	}
	sp.desc = desc.n > 0 ? arena_strndup(&r->arena, buf_cstr(&desc),
	    desc.n) : T(r, "flow.heat_empty");
	buf_free(&desc);

	html_open(&p->h, "section", "class", "panel heat", "id", "heat",
	    "aria-labelledby", "heat-h", NULL);
	html_elem(&p->h, "h2", T(r, "flow.heat_title"), "id", "heat-h", NULL);
	html_elem(&p->h, "p", T(r, "flow.heat_help"), "class", "help", NULL);
	html_open(&p->h, "div", "class", "heat-both", NULL);
	html_open(&p->h, "figure", "class", "chart chart-heatmap", NULL);
	svg_heat(&p->h, &sp);
	html_close(&p->h);
	/* the same counts for screen readers and small screens */
	mark = html_mark(&p->h);
	html_open(&p->h, "div", "class", "table-wrap heat-wrap", NULL);
	html_open(&p->h, "table", "class", "heat-table", "id", "heat-table",
	    NULL);
	html_elem(&p->h, "caption", T(r, "flow.heat_caption"), NULL);
	/* likelihood as a group of three columns over their numbers, so
	 * that the headings stay short on a phone */
	html_open(&p->h, "colgroup", NULL);
	html_void(&p->h, "col", NULL);
	html_close(&p->h);
	html_open(&p->h, "colgroup", "span", num(r, SVG_HEAT_N), NULL);
	html_close(&p->h);
	html_open(&p->h, "thead", NULL);
	html_open(&p->h, "tr", NULL);
	html_elem(&p->h, "th", T(r, "flow.heat_rows"), "rowspan", "2", "scope",
	    "col", NULL);
	html_elem(&p->h, "th", T(r, "flow.heat_cols"), "colspan",
	    num(r, SVG_HEAT_N), "scope", "colgroup", NULL);
	html_close(&p->h);
	html_open(&p->h, "tr", NULL);
	for (j = 0; j < SVG_HEAT_N; j++)
		html_elem(&p->h, "th", num(r, j + 1), "scope", "col", NULL);
	html_close(&p->h);
	html_close(&p->h);
	html_open(&p->h, "tbody", NULL);
	for (i = 0; i < SVG_HEAT_N; i++) {
		int imp = SVG_HEAT_N - i;

		html_open(&p->h, "tr", NULL);
		html_elem(&p->h, "th", Tf(r, "flow.heat_row", "imp",
		    num(r, imp), NULL), "scope", "row", NULL);
		for (j = 0; j < SVG_HEAT_N; j++) {
			enum risk_band b = risk_band_of(imp * (j + 1));

			html_open(&p->h, "td", "class", arena_printf(&r->arena,
			    "band-%s", ct->risks.band[b].key), "data-importance",
			    num(r, imp), "data-likelihood", num(r, j + 1), NULL);
			html_elem(&p->h, "span", num(r, sp.counts[i][j]),
			    "class", "heat-n", NULL);
			html_text(&p->h, " ");
			html_elem(&p->h, "span", sp.bands[b], "class",
			    "heat-band", NULL);
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);	/* heat-both */
	if (hm.unplaced > 0)
		html_elem(&p->h, "p", Tn(r, "flow.heat_unplaced",
		    hm.unplaced, 0), "class", "help", NULL);
	html_close(&p->h);
}

/* ---- the regulations review: the diagnosis area by area ---------------- */

/* What the review suggests for an area. */
enum reg_hint {
	HINT_NONE,	/* no weak item, or no closed round */
	HINT_NEW,	/* write one: weak items, and nothing kept yet */
	HINT_REVISED,	/* revise the one kept: weak items */
	HINT_ACTING,	/* weak items, and it is being written or revised */
	HINT__MAX
};

static const char *const hint_keys[HINT__MAX] = {
	[HINT_NONE] = "", [HINT_NEW] = "new", [HINT_REVISED] = "revised",
	[HINT_ACTING] = "acting",
};

/*
 * The status index (enum reg_status) of each area from the register's
 * rows: RS__MAX when the area has no row; an unset status counts as
 * undecided.
 */
static void
reg_statuses(const struct register_row *rows, size_t n, int st[REG_AREA__MAX])
{
	const struct register_decl *d = register_of(REGISTER_REGULATIONS);
	size_t i;
	int a;

	for (a = 0; a < REG_AREA__MAX; a++)
		st[a] = RS__MAX;
	for (i = 0; i < n; i++) {
		const struct register_val *av = val_of(d, &rows[i], "area");
		const struct register_val *sv = val_of(d, &rows[i], "status");

		if (av == NULL || av->i < 0 || av->i >= REG_AREA__MAX)
			continue;
		st[av->i] = sv != NULL && sv->i >= 0 && sv->i < RS__MAX ?
		    (int)sv->i : RS_UNDECIDED;
	}
}

/* Our rule: an item of the area with a mean below 2 points asks for a
 * new regulation, or for the kept one to be revised. */
static enum reg_hint
reg_hint_of(int status, size_t weak)
{
	if (weak == 0)
		return HINT_NONE;
	if (status == RS_KEEP)
		return HINT_REVISED;
	if (status == RS_NEW || status == RS_REVISED)
		return HINT_ACTING;
	return HINT_NEW;
}

/* "No.3「パスワード」・No.12「…」": items[0..n) (1-based) in words. */
static const char *
items_named(struct req *r, const int *items, size_t n)
{
	const struct diag_pack *dp = &req_app(r)->content.diag;
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? T(r, "flow.sep") : "",
		    Tf(r, "flow.reg_item", "n", num(r, items[i]), "label",
		    TR(r, &dp->item[items[i] - 1].shrt), NULL));
	out = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* One area: its label and purpose, its items and their answers, its
 * status, the suggestion. */
static void
reg_area_row(struct page *p, const struct flow_diag *fd, int a, int status)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct reg_pack *rp = &ct->regs;
	const char *status_text = status < RS__MAX ?
	    TR(r, &rp->status[status].label) : T(r, "flow.reg_not_listed");
	int weak[DIAG_ITEMS];
	size_t k, nweak = 0;
	enum reg_hint h;

	for (k = 0; fd->have && k < rp->area[a].n_items; k++) {
		int it = rp->area[a].items[k];

		if (fd->res.item[it - 1].mean_tenths < REGFLOW_WEAK_TENTHS)
			weak[nweak++] = it;
	}
	h = reg_hint_of(status, nweak);
	p->tab.col = 0;		/* page_row(), with the row's data */
	html_open(&p->h, "tr", "data-area", rp->area[a].key, "data-status",
	    status < RS__MAX ? rp->status[status].key : "none",
	    "data-suggest", hint_keys[h], NULL);
	page_td_open(p, "reg-area");
	html_elem(&p->h, "strong", TR(r, &rp->area[a].label), NULL);
	html_elem(&p->h, "small", TR(r, &rp->area[a].purpose), "class",
	    "help", NULL);
	html_close(&p->h);
	page_td_open(p, "reg-items");
	if (rp->area[a].n_items == 0)
		html_text(&p->h, T(r, "flow.reg_no_items"));
	else {
		html_open(&p->h, "ul", "class", "reg-item-list", NULL);
		for (k = 0; k < rp->area[a].n_items; k++) {
			int it = rp->area[a].items[k];
			const struct diag_item_stat *s = &fd->res.item[it - 1];

			html_open(&p->h, "li", "data-item", num(r, it),
			    "data-mean", fd->have ? num(r, s->mean_tenths) :
			    NULL, NULL);
			html_text(&p->h, Tf(r, "flow.reg_item", "n", num(r, it),
			    "label", TR(r, &ct->diag.item[it - 1].shrt), NULL));
			if (fd->have) {
				html_text(&p->h, " ");
				html_elem(&p->h, "span", Tf(r,
				    "flow.reg_answers", "mean", num_tenths_a(
				    &r->arena, s->mean_tenths), "answers",
				    answers_text(r, &fd->res, it - 1), NULL),
				    "class", s->mean_tenths <
				    REGFLOW_WEAK_TENTHS ? "meta weak" : "meta",
				    NULL);
			}
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	html_close(&p->h);
	page_td(p, status_text, "reg-status");
	page_td_open(p, "reg-suggest");
	if (!fd->have)
		html_text(&p->h, T(r, "flow.reg_need_round"));
	else if (h == HINT_NONE)
		html_text(&p->h, T(r, rp->area[a].n_items == 0 ?
		    "flow.reg_nothing_to_say" : "flow.reg_not_weak"));
	else if (h == HINT_ACTING)
		html_text(&p->h, Tf(r, "flow.reg_acting", "items",
		    items_named(r, weak, nweak), NULL));
	else {
		html_elem(&p->h, "strong", Tf(r, "flow.reg_suggest", "status",
		    TR(r, &rp->status[h == HINT_NEW ? RS_NEW : RS_REVISED].label),
		    NULL), NULL);
		html_text(&p->h, " ");
		html_text(&p->h, Tf(r, "flow.reg_because", "items",
		    items_named(r, weak, nweak), NULL));
	}
	html_close(&p->h);
	html_close(&p->h);	/* tr */
}

/* The twelve areas with the company's answers and our suggestions, and
 * the counts per status above them. */
static void
reg_review(struct page *p, const struct register_row *rows, size_t n)
{
	struct req *r = p->r;
	const struct reg_pack *rp = &req_app(r)->content.regs;
	struct flow_diag fd;
	int st[REG_AREA__MAX], count[RS__MAX + 1] = { 0 }, a, s, mark;

	if (diag_load(r, &fd) != 0)
		fd.have = false;
	reg_statuses(rows, n, st);
	for (a = 0; a < REG_AREA__MAX; a++)
		count[st[a]]++;
	html_open(&p->h, "section", "class", "panel reg-review", "id",
	    "review", "aria-labelledby", "review-h", NULL);
	html_elem(&p->h, "h2", T(r, "flow.reg_title"), "id", "review-h", NULL);
	html_open(&p->h, "ul", "class", "reg-counts", NULL);
	for (s = 0; s <= RS__MAX; s++)
		html_elem(&p->h, "li", Tf(r, "flow.reg_count", "label",
		    s < RS__MAX ? TR(r, &rp->status[s].label) :
		    T(r, "flow.reg_not_listed"), "n", num(r, count[s]), NULL),
		    "data-status", s < RS__MAX ? rp->status[s].key : "none",
		    "data-n", num(r, count[s]), NULL);
	html_close(&p->h);
	if (fd.have)
		html_elem(&p->h, "p", Tf(r, "flow.reg_source", "round",
		    round_named(r, &fd), NULL), "class", "reg-source", NULL);
	else
		html_elem(&p->h, "p", T(r, "flow.reg_no_round"), "class",
		    "reg-source", NULL);
	page_regform_links(p);
	html_elem(&p->h, "p", T(r, "flow.reg_rule"), "class", "help", NULL);
	html_elem(&p->h, "p", TR(r, &rp->mapping), "class", "help", NULL);
	mark = page_table(p, "table reg-review-table", T(r, "flow.reg_caption"),
	    T(r, "flow.reg_col_area"), T(r, "flow.reg_col_items"),
	    T(r, "flow.reg_col_status"), T(r, "flow.reg_col_suggest"), NULL);
	for (a = 0; a < REG_AREA__MAX; a++)
		reg_area_row(p, &fd, a, st[a]);
	html_close_to(&p->h, mark);
	html_close(&p->h);	/* section */
}

void
page_flow_list(struct page *p, const struct register_decl *d,
    const struct register_row *rows, size_t n)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/r/%s",
	    r->org_id, d->key);

	if (d->kind == REGISTER_REGULATIONS) {
		reg_review(p, rows, n);
		return;
	}
	if (d->kind == REGISTER_EXERCISES) {
		page_exercise_links(p);	/* the scenarios to start one */
		return;
	}
	if (d->kind == REGISTER_INCIDENTS) {
		/* who responds, the card, the count per year */
		page_incident_setup_counts(p, rows, n);
		return;
	}
	if (d->kind != REGISTER_RISKS && d->kind != REGISTER_PLAN)
		return;
	html_open(&p->h, "div", "class", "flow-links", NULL);
	if (page_can_admin(r)) {
		html_open(&p->h, "p", NULL);
		html_elem(&p->h, "a", T(r, d->kind == REGISTER_RISKS ?
		    "flow.risk_draft_link" : "flow.plan_draft_link"), "href",
		    arena_printf(&r->arena, "%s/draft", base), "class",
		    "btn btn-secondary", NULL);
		html_text(&p->h, " ");
		html_elem(&p->h, "span", T(r, d->kind == REGISTER_RISKS ?
		    "flow.risk_draft_help" : "flow.plan_draft_help"), "class",
		    "help", NULL);
		html_close(&p->h);
	}
	if (d->kind == REGISTER_PLAN && n > 0)
		html_elem(&p->h, "a", T(r, "flow.ics_link"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/plan.ics",
		    r->org_id), "class", "btn btn-secondary btn-small",
		    "download", "", NULL);
	if (d->kind == REGISTER_RISKS && n > 0)
		html_elem(&p->h, "a", T(r, "accept.link"), "href",
		    arena_printf(&r->arena, "%s/accept", base), "class",
		    "btn btn-secondary btn-small", NULL);
	if (d->kind == REGISTER_PLAN)
		page_plan_form_links(p);
	html_close(&p->h);
	if (d->kind == REGISTER_RISKS && n > 0)
		heat_map(p, rows, n);
}

int
page_flow_vuln_check(struct req *r, const struct register_decl *d,
    const struct register_row *row, struct register_errs *errs)
{
	const struct threats_pack *tp = &req_app(r)->content.threats;
	int fv = register_field(d, "vulnerability");
	int ft = register_field(d, "threat");
	int fn = register_field(d, "vulnerability_note");
	const struct threat *t;
	struct flow_diag fd;
	int st, want;

	if (d->kind != REGISTER_RISKS || fv < 0 || ft < 0 || fn < 0 ||
	    !row->v[fv].set || !row->v[ft].set || row->v[fn].set ||
	    (t = threat_of(tp, row->v[ft].s)) == NULL)
		return 0;
	if ((st = diag_load(r, &fd)) != 0)
		return st;
	if (!fd.have)
		return 0;
	want = risk_vulnerability(&fd.res, t->items, t->n_items);
	if (want != 0 && want != row->v[fv].i)
		register_err_add(errs, fn, d->f[fn].key, RFE_REASON, want, 0);
	return 0;
}

void
page_flow_overdue(struct page *p, const struct register_row *rows, size_t n)
{
	struct req *r = p->r;
	int64_t org = r->org_id;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	size_t k, i, *ix;

	if (n == 0)
		return;
	ix = arena_alloc(&r->arena, n * sizeof(*ix));
	if ((k = regflow_overdue(rows, n, account_now(), ix)) == 0)
		return;
	html_open(&p->h, "section", "class", "panel panel-warn overdue", "id",
	    "overdue", "aria-labelledby", "overdue-h", NULL);
	html_elem(&p->h, "h2", Tn(r, "flow.overdue_n", (long)k, 0), "id",
	    "overdue-h", NULL);
	html_open(&p->h, "ul", NULL);
	for (i = 0; i < k && i < OVERDUE_SHOWN; i++) {
		const struct register_row *row = &rows[ix[i]];
		const struct register_val *ms = val_of(d, row, "measure");
		const struct register_val *dl = val_of(d, row, "deadline");

		html_open(&p->h, "li", "data-row", num(r, (long)row->id), NULL);
		html_elem(&p->h, "a", ms != NULL ? one_line(r, ms->s) :
		    Tn(r, "reg.row_no", (long)row->id, 0), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/plan/%" PRId64,
		    org, row->id), NULL);
		html_text(&p->h, " ");
		html_elem(&p->h, "span", Tf(r, "flow.overdue_due", "month",
		    dl->s, NULL), "class", "meta", NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	if (k > OVERDUE_SHOWN)
		html_elem(&p->h, "p", Tn(r, "flow.overdue_more",
		    (long)(k - OVERDUE_SHOWN), 0), NULL);
	html_elem(&p->h, "a", T(r, "flow.overdue_all"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/r/plan?sort=deadline&"
	    "dir=asc", org), NULL);
	html_close(&p->h);
}
