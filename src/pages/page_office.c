/*
 * page_office: the programme office (issue 15, model/office.h).  Its
 * members see /office/{id}: its advisors, the engagements it runs with
 * their progress, and statistics over its companies, where a group of
 * fewer than OFFICE_MIN companies is never shown.  Nothing here opens an
 * organisation's own pages: a company is named, never linked, unless the
 * reader is a member there.  The instance admin sets offices up at
 * /admin/offices.  JSON: /api/v1/offices/{id}/stats and /engagements.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/office.h"
#include "model/org.h"
#include "pages/pages.h"

/* The office of the path and the reader's role there: 0, or 404 when
 * the office does not exist or the reader is neither one of its members
 * nor the instance admin (as if it did not exist), or 503. */
static int
office_of(struct req *r, struct office *o, int *role)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = office_get(c, &r->arena, req_param_id(r, "id"), o);

	if (rc == DB_OK)
		*role = office_member_role(c, o->id, r->auth.user_id);
	db_release(db, c);
	if (rc == OFFICE_NONE)
		return 404;
	if (rc != DB_OK || *role < -1)
		return 503;
	if (*role < 0 && r->auth.admin)
		*role = OFFICE_ADMIN;	/* the instance admin sets it up */
	return *role < 0 ? 404 : 0;
}

/* The label of a group's key in its dimension. */
static const char *
group_label(struct req *r, const struct office_group *g)
{
	const struct org_pack *op = &req_app(r)->content.org;
	const struct choices *cs = NULL;
	const struct choice *ch;

	switch (g->dim) {
	case OFFICE_DIM_INDUSTRY:
		cs = &op->industries;
		break;
	case OFFICE_DIM_EMPLOYEES:
		cs = &op->employees;
		break;
	case OFFICE_DIM_PREFECTURE:
		cs = &op->prefectures;
		break;
	default:
		return T(r, "office.all");
	}
	ch = choices_find(cs, g->key);
	return ch != NULL ? TR(r, &ch->label) : g->key;
}

/* "12.3" for tenths (locale-free). */
static const char *
tenths(struct req *r, long t)
{
	return arena_printf(&r->arena, "%s%ld.%ld", t < 0 ? "-" : "",
	    labs(t) / 10, labs(t) % 10);
}

/* "3 / 7 (42.9 %)" */
static const char *
share(struct req *r, int64_t a, int64_t b)
{
	if (b <= 0)
		return arena_printf(&r->arena, "%" PRId64 " / %" PRId64, a, b);
	return arena_printf(&r->arena, "%" PRId64 " / %" PRId64 " (%s %%)", a,
	    b, tenths(r, (long)((a * 2000 + b) / (2 * b))));
}

static void
advisors_section(struct page *p, struct req *r, struct db_conn *c,
    int64_t office)
{
	struct office_person *v;
	size_t n, i;
	int mark;

	html_elem(&p->h, "h2", T(r, "office.advisors"), NULL);
	if (office_people(c, &r->arena, office, true, &v, &n) != DB_OK ||
	    n == 0) {
		html_elem(&p->h, "p", T(r, "office.advisors_none"), NULL);
		return;
	}
	mark = page_table(p, NULL, NULL, T(r, "account.email"),
	    T(r, "office.col.engagements"), NULL);
	for (i = 0; i < n; i++) {
		page_row(p);
		page_td(p, v[i].email, NULL);
		page_td(p, arena_printf(&r->arena, "%" PRId64,
		    v[i].engagements), "num");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

static void
engagements_section(struct page *p, struct req *r, struct db_conn *c,
    const struct office *o, int role)
{
	struct page_slice sl;
	struct office_eng *v;
	size_t total, n, i;
	int mark;

	html_elem(&p->h, "h2", T(r, "office.engagements"), "id",
	    "engagements", NULL);
	if (office_engagements_count(c, o->id, &total) != DB_OK ||
	    total == 0) {
		html_elem(&p->h, "p", T(r, "office.engagements_none"), NULL);
		return;
	}
	page_slice(r, total, &sl);
	if (office_engagements(c, &r->arena, o->id, page_day_jst(r,
	    account_now()), sl.first, sl.end - sl.first, &v, &n) != DB_OK) {
		html_elem(&p->h, "p", T(r, "office.engagements_none"), NULL);
		return;
	}
	mark = page_table_open(p, NULL, NULL);
	page_th(p, T(r, "office.col.company"));
	page_th(p, T(r, "office.col.advisor"));
	page_th(p, T(r, "office.col.visits"));
	page_th(p, T(r, "office.col.deliverables"));
	page_th(p, T(r, "office.col.overdue"));
	page_th(p, T(r, "office.col.final"));
	if (role == OFFICE_ADMIN)
		page_th(p, T(r, "office.col.run"));
	page_table_body(p);
	for (i = 0; i < n; i++) {
		page_row(p);
		page_td(p, v[i].name, NULL);
		page_td(p, v[i].advisor, NULL);
		page_td(p, Tn(r, "office.visits_held", (long)v[i].held,
		    (long)v[i].visits), "num");
		page_td(p, Tf(r, "office.deliv_state", "agreed",
		    arena_printf(&r->arena, "%" PRId64, v[i].agreed), "draft",
		    arena_printf(&r->arena, "%" PRId64, v[i].draft), "all",
		    arena_printf(&r->arena, "%" PRId64, v[i].deliv), NULL),
		    NULL);
		page_td(p, arena_printf(&r->arena, "%" PRId64, v[i].overdue),
		    v[i].overdue > 0 ? "num warn" : "num");
		page_td_open(p, NULL);
		/* the final report's route admits the company's members:
		 * no link the reader could not follow */
		if (v[i].held == v[i].visits && v[i].visits > 0) {
			html_open(&p->h, "a", "href", arena_printf(&r->arena,
			    "%s/office/%" PRId64 "/engagements/%" PRId64
			    "/final.pdf", page_base_url(r), o->id, v[i].org),
			    NULL);
			html_text(&p->h, T(r, "office.final_link"));
			html_close(&p->h);
		} else
			html_text(&p->h, "—");
		html_close(&p->h);
		if (role == OFFICE_ADMIN) {
			page_td_open(p, NULL);
			form_button(p, arena_printf(&r->arena, "/office/%"
			    PRId64 "/engagements/%" PRId64 "/release", o->id,
			    v[i].org), T(r, "office.release"),
			    "btn-secondary btn-small");
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	page_pager(p, arena_printf(&r->arena, "/office/%" PRId64, o->id),
	    "#engagements", &sl);
}

/* For an office admin: the programmes of its advisors no office runs,
 * each with a button to run it. */
static void
free_section(struct page *p, struct req *r, struct db_conn *c,
    const struct office *o)
{
	struct office_eng *v;
	size_t n, i;
	int mark;

	if (office_engagements_free(c, &r->arena, o->id, &v, &n) != DB_OK ||
	    n == 0)
		return;
	html_elem(&p->h, "h2", T(r, "office.free"), NULL);
	html_elem(&p->h, "p", T(r, "office.free_help"), "class", "help", NULL);
	mark = page_table(p, NULL, NULL, T(r, "office.col.company"),
	    T(r, "office.col.advisor"), T(r, "office.col.run"), NULL);
	for (i = 0; i < n; i++) {
		page_row(p);
		page_td(p, v[i].name, NULL);
		page_td(p, v[i].advisor, NULL);
		page_td_open(p, NULL);
		form_button(p, arena_printf(&r->arena, "/office/%" PRId64
		    "/engagements/%" PRId64 "/take", o->id, v[i].org),
		    T(r, "office.take"), NULL);
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

/* A small bar chart of a histogram, as text a screen reader can read:
 * "0–10: 2, 10–20: 1 …". */
static const char *
hist_text(struct req *r, const struct office_group *g)
{
	struct buf b = BUF_INIT;
	const char *s;
	int k;

	for (k = 0; k < OFFICE_BINS; k++)
		buf_printf(&b, "%s%d–%d: %" PRId64, k ? ", " : "", k * 10,
		    k * 10 + 10, g->hist[k]);
	s = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

static void
stats_dim(struct page *p, struct req *r, const struct office_stats *s,
    enum office_dim d)
{
	size_t i, shown = 0;
	int mark = -1;

	html_elem(&p->h, "h3", T(r, arena_printf(&r->arena, "office.dim.%s",
	    office_dim_key(d))), NULL);
	for (i = 0; i < s->ngroups; i++) {
		const struct office_group *g = &s->g[i];

		if (g->dim != d || !g->shown)
			continue;
		if (shown++ == 0)
			mark = page_table(p, NULL, NULL, T(r, "office.col.group"),
			    T(r, "office.col.n"), T(r, "office.col.mean"),
			    T(r, "office.col.hist"), T(r, "office.col.plan"),
			    T(r, "office.col.two_star"), NULL);
		page_row(p);
		page_td(p, group_label(r, g), NULL);
		page_td(p, arena_printf(&r->arena, "%" PRId64, g->n), "num");
		if (g->scores) {
			page_td(p, arena_printf(&r->arena, "%s (SD %s, n=%"
			    PRId64 ")", tenths(r, g->mean_tenths), tenths(r,
			    g->sd_tenths), g->n_scored), "num");
			page_td(p, hist_text(r, g), NULL);
		} else {
			page_td(p, T(r, "office.scores_too_few"), NULL);
			page_td(p, "—", NULL);
		}
		page_td(p, share(r, g->plan_done, g->plan_total), "num");
		page_td(p, share(r, g->two_star, g->n), "num");
		html_close(&p->h);
	}
	if (mark >= 0)
		html_close_to(&p->h, mark);
	if (s->hidden[d] > 0 || shown == 0)
		html_elem(&p->h, "p", Tn(r, "office.hidden", OFFICE_MIN,
		    (long)s->hidden[d]), "class", "help", NULL);
}

static void
stats_section(struct page *p, struct req *r, struct db_conn *c,
    int64_t office)
{
	struct office_stats s;
	int d;
	size_t k;

	html_elem(&p->h, "h2", T(r, "office.stats"), NULL);
	html_elem(&p->h, "p", Tn(r, "office.k_rule", OFFICE_MIN, 0), "class",
	    "help", NULL);
	if (office_stats_read(c, &r->arena, office, &s) != DB_OK) {
		html_elem(&p->h, "p", T(r, "office.stats_none"), NULL);
		return;
	}
	for (d = 0; d < OFFICE_DIM__MAX; d++)
		stats_dim(p, r, &s, (enum office_dim)d);
	html_elem(&p->h, "h3", T(r, "office.weak"), NULL);
	if (s.nweak == 0) {
		html_elem(&p->h, "p", Tn(r, "office.weak_none", OFFICE_MIN, 0),
		    NULL);
		return;
	}
	html_open(&p->h, "ol", "class", "weak", NULL);
	for (k = 0; k < s.nweak; k++) {
		const struct office_group *all = NULL;
		size_t i;

		for (i = 0; i < s.ngroups; i++)
			if (s.g[i].dim == OFFICE_DIM_ALL)
				all = &s.g[i];
		html_open(&p->h, "li", "data-item", arena_printf(&r->arena,
		    "%d", s.weak[k] + 1), NULL);
		html_text(&p->h, arena_printf(&r->arena, "%d. %s — %s",
		    s.weak[k] + 1, TR(r, &req_app(r)->content.diag.item[
		    s.weak[k]].shrt), tenths(r, all->item_mean_tenths[
		    s.weak[k]])));
		html_close(&p->h);
	}
	html_close(&p->h);
}

/* GET /office/{id} */
int
page_office(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office o;
	struct page p;
	int role, st;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	page_begin(&p, r, o.name);
	page_h1(&p, o.name);
	html_elem(&p.h, "p", T(r, "office.help"), "class", "help", NULL);
	c = db_acquire(db);
	advisors_section(&p, r, c, o.id);
	engagements_section(&p, r, c, &o, role);
	if (role == OFFICE_ADMIN)
		free_section(&p, r, c, &o);
	stats_section(&p, r, c, o.id);
	db_release(db, c);
	return page_end(&p, 200);
}

/* 0 when office o runs the engagement of org, else 404, or 503. */
static int
runs_it(struct req *r, const struct office *o, int64_t org)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct db_stmt *q = db_stmt(c, STMT_OFFICE_ENG_GET);
	int64_t runs = 0;
	int rc;

	db_bind_int(q, 1, org);
	if ((rc = db_step(q)) == DB_ROW) {
		runs = db_col_null(q, 0) ? 0 : db_col_int(q, 0);
		rc = db_exec(q);
	}
	db_release(db, c);
	if (rc < 0)
		return 503;
	return runs == o->id ? 0 : 404;
}

/* POST /office/{id}/engagements/{eorg}/release: an office admin lets an
 * engagement go, and its company's figures leave the office's sums.  The
 * company is {eorg}, not {org}, so that the route does not ask for a
 * membership of the company, which office members do not have. */
int
page_office_release(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office o;
	int64_t org = req_param_id(r, "eorg");
	int role, st, rc;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	if (role != OFFICE_ADMIN)
		return 403;
	if ((st = runs_it(r, &o, org)) != 0)
		return st;
	rc = office_engagement_set(db, &req_app(r)->content.regenv, org, 0);
	if (rc == DB_OK) {
		c = db_acquire(db);
		audit(c, org, r->auth.user_id, AUDIT_OFFICE_ENG, "",
		    req_addr(r));
		db_release(db, c);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/office/%" PRId64,
	    o.id));
}

/* GET /office/{id}/engagements/{eorg}/final.pdf: the final report of a
 * programme the office runs, for its members (audited in the company's
 * log as any download of it). */
int
page_office_final_pdf(struct req *r)
{
	struct office o;
	int64_t org = req_param_id(r, "eorg");
	int role, st;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	if ((st = runs_it(r, &o, org)) != 0)
		return st;
	r->org_id = org;
	return page_programme_final_pdf(r);
}

/* POST /office/{id}/engagements/{eorg}/take: an office admin runs a
 * programme one of its advisors opened that no office runs. */
int
page_office_take(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office o;
	struct office_eng *v;
	int64_t org = req_param_id(r, "eorg");
	size_t n, i;
	int role, st, rc;
	bool free_one = false;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	if (role != OFFICE_ADMIN)
		return 403;
	c = db_acquire(db);
	rc = office_engagements_free(c, &r->arena, o.id, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	for (i = 0; i < n; i++)
		free_one |= v[i].org == org;
	if (!free_one)
		return 404;	/* not its advisor's, or run by an office */
	rc = office_engagement_set(db, &req_app(r)->content.regenv, org, o.id);
	if (rc == DB_OK) {
		c = db_acquire(db);
		audit(c, org, r->auth.user_id, AUDIT_OFFICE_ENG, o.name,
		    req_addr(r));
		db_release(db, c);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/office/%" PRId64,
	    o.id));
}

/* ---- JSON ---- */

static void
json_group(struct buf *b, const struct office_group *g)
{
	int k;

	buf_adds(b, "{\"dim\": ");
	esc_json(b, str_c(office_dim_key(g->dim)));
	buf_adds(b, ", \"key\": ");
	esc_json(b, str_c(g->key));
	if (!g->shown) {
		buf_adds(b, ", \"shown\": false}");
		return;
	}
	buf_printf(b, ", \"shown\": true, \"n\": %" PRId64 ", \"plan_done\": %"
	    PRId64 ", \"plan_total\": %" PRId64 ", \"two_star\": %" PRId64
	    ", \"n_scored\": %" PRId64, g->n, g->plan_done, g->plan_total,
	    g->two_star, g->n_scored);
	if (!g->scores) {
		buf_adds(b, ", \"scores\": null}");
		return;
	}
	buf_printf(b, ", \"scores\": {\"mean_tenths\": %ld, \"sd_tenths\": "
	    "%ld, \"hist\": [", g->mean_tenths, g->sd_tenths);
	for (k = 0; k < OFFICE_BINS; k++)
		buf_printf(b, "%s%" PRId64, k ? ", " : "", g->hist[k]);
	buf_adds(b, "], \"item_mean_tenths\": [");
	for (k = 0; k < DIAG_ITEMS; k++)
		buf_printf(b, "%s%ld", k ? ", " : "", g->item_mean_tenths[k]);
	buf_adds(b, "]}}");
}

/* GET /api/v1/offices/{id}/stats */
int
page_api_office_stats(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office_stats s;
	struct office o;
	size_t i;
	int role, st, rc, d;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	c = db_acquire(db);
	rc = office_stats_read(c, &r->arena, o.id, &s);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	buf_printf(&r->out, "{\"office\": %" PRId64 ", \"min_group\": %d, "
	    "\"bins\": %d, \"groups\": [", o.id, OFFICE_MIN, OFFICE_BINS);
	for (i = 0; i < s.ngroups; i++) {
		if (i > 0)
			buf_adds(&r->out, ", ");
		json_group(&r->out, &s.g[i]);
	}
	buf_adds(&r->out, "], \"hidden\": {");
	for (d = 0; d < OFFICE_DIM__MAX; d++)
		buf_printf(&r->out, "%s\"%s\": %" PRId64, d ? ", " : "",
		    office_dim_key((enum office_dim)d), s.hidden[d]);
	buf_adds(&r->out, "}, \"weak_items\": [");
	for (i = 0; i < s.nweak; i++)
		buf_printf(&r->out, "%s%d", i ? ", " : "", s.weak[i] + 1);
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}

/* GET /api/v1/offices/{id}/engagements */
int
page_api_office_engagements(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office_eng *v;
	struct office o;
	const char *q;
	long offset = 0, limit = 500;
	size_t total = 0, n = 0, i;
	int role, st, rc;

	if ((st = office_of(r, &o, &role)) != 0)
		return st;
	if ((q = req_query(r, "offset")) != NULL &&
	    str_to_long(str_c(q), 0, LONG_MAX, &offset) != 0)
		return page_json_error(r, 422, "offset is a whole number from 0",
		    "offset");
	if ((q = req_query(r, "limit")) != NULL &&
	    str_to_long(str_c(q), 1, 1000, &limit) != 0)
		return page_json_error(r, 422, "limit is a whole number from 1 "
		    "to 1000", "limit");
	c = db_acquire(db);
	if ((rc = office_engagements_count(c, o.id, &total)) == DB_OK)
		rc = office_engagements(c, &r->arena, o.id, page_day_jst(r,
		    account_now()), (size_t)offset, (size_t)limit, &v, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	buf_printf(&r->out, "{\"total\": %zu, \"offset\": %ld, \"limit\": "
	    "%ld, \"engagements\": [", total, offset, limit);
	for (i = 0; i < n; i++) {
		buf_printf(&r->out, "%s{\"org\": %" PRId64 ", \"name\": ",
		    i ? ", " : "", v[i].org);
		esc_json(&r->out, str_c(v[i].name));
		buf_adds(&r->out, ", \"advisor\": ");
		esc_json(&r->out, str_c(v[i].advisor));
		buf_adds(&r->out, ", \"template\": ");
		esc_json(&r->out, str_c(v[i].tmpl));
		buf_adds(&r->out, ", \"first_visit\": ");
		esc_json(&r->out, str_c(v[i].first));
		buf_printf(&r->out, ", \"visits\": %" PRId64 ", \"held\": %"
		    PRId64 ", \"deliverables\": %" PRId64 ", \"draft\": %"
		    PRId64 ", \"agreed\": %" PRId64 ", \"overdue\": %" PRId64
		    "}", v[i].visits, v[i].held, v[i].deliv, v[i].draft,
		    v[i].agreed, v[i].overdue);
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}

/* ---- the instance admin ---- */

/* GET /admin/offices, or the page again with err for the field named. */
static int
admin_offices_page(struct req *r, int status, const char *field,
    const char *err)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct office *v;
	struct page p;
	size_t n, i, k;
	int rc;

	page_begin(&p, r, T(r, "admin.offices"));
	page_admin_subnav(&p, r, "admin.offices");
	page_h1(&p, T(r, "admin.offices"));
	html_elem(&p.h, "p", T(r, "admin.offices_help"), "class", "help",
	    NULL);
	c = db_acquire(db);
	rc = office_list(c, &r->arena, &v, &n);
	for (i = 0; rc == DB_OK && i < n; i++) {
		struct office_person *pp;
		size_t np;
		const char *idf = arena_printf(&r->arena, "%" PRId64, v[i].id);
		bool here = field != NULL && req_param_id(r, "id") == v[i].id;

		html_open(&p.h, "section", "class", "office", "data-office",
		    idf, NULL);
		html_open(&p.h, "h2", NULL);
		html_open(&p.h, "a", "href", arena_printf(&r->arena,
		    "/office/%s", idf), NULL);
		html_text(&p.h, v[i].name);
		html_close(&p.h);
		html_close(&p.h);
		html_open(&p.h, "ul", NULL);
		if (office_people(c, &r->arena, v[i].id, false, &pp, &np) ==
		    DB_OK)
			for (k = 0; k < np; k++)
				html_elem(&p.h, "li", arena_printf(&r->arena,
				    "%s — %s", pp[k].email, T(r, arena_printf(
				    &r->arena, "office.role.%s", pp[k].role))),
				    NULL);
		if (office_people(c, &r->arena, v[i].id, true, &pp, &np) ==
		    DB_OK)
			for (k = 0; k < np; k++)
				html_elem(&p.h, "li", arena_printf(&r->arena,
				    "%s — %s", pp[k].email,
				    T(r, "office.role.advisor")), NULL);
		html_close(&p.h);
		form_open(&p, arena_printf(&r->arena, "/admin/offices/%s/people",
		    idf), NULL);
		form_input(&p, "email", T(r, "account.email"), "email",
		    here ? req_field(r, "email") : "", here &&
		    strcmp(field, "email") == 0 ? err : NULL, "off", 1);
		html_open(&p.h, "label", NULL);
		html_text(&p.h, T(r, "office.person_role"));
		html_open(&p.h, "select", "name", "role", NULL);
		html_elem(&p.h, "option", T(r, "office.role.office_admin"),
		    "value", "office_admin", NULL);
		html_elem(&p.h, "option", T(r, "office.role.office_staff"),
		    "value", "office_staff", NULL);
		html_elem(&p.h, "option", T(r, "office.role.advisor"),
		    "value", "advisor", NULL);
		html_close(&p.h);
		html_close(&p.h);
		form_submit(&p, T(r, "office.add_person"), NULL);
		html_close(&p.h);
		html_close(&p.h);
	}
	db_release(db, c);
	html_elem(&p.h, "h2", T(r, "office.new"), NULL);
	form_open(&p, "/admin/offices", NULL);
	form_field_max(&p, "name", "text", OFFICE_NAME_MAX, T(r, "office.name"),
	    NULL, field != NULL && strcmp(field, "name") == 0 ?
	    req_field(r, "name") : "", field != NULL && strcmp(field,
	    "name") == 0 ? err : NULL, "off", true);
	form_submit(&p, T(r, "office.add"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_admin_offices(struct req *r)
{
	return admin_offices_page(r, 200, NULL, NULL);
}

/* POST /admin/offices */
int
page_admin_offices_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *err = NULL, *name;
	int64_t id;
	int rc;

	name = form_text(r, "name", FT_ORG_NAME, true, &err);
	if (err != NULL)
		return admin_offices_page(r, PAGE_INVALID, "name", err);
	c = db_acquire(db);
	rc = office_add(c, name, account_now(), &id);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_OFFICE_ADDED, name,
		    req_addr(r));
	db_release(db, c);
	if (rc == OFFICE_EXISTS)
		return admin_offices_page(r, PAGE_INVALID, "name",
		    T(r, "office.err.exists"));
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, "/admin/offices");
}

/* POST /admin/offices/{id}/people: email, role (office_admin,
 * office_staff or advisor). */
int
page_admin_office_people(struct req *r)
{
	struct db *db = req_app(r)->db;
	const char *email = req_field(r, "email"), *role = req_field(r, "role");
	struct db_conn *c;
	struct office o;
	struct user u;
	char *norm;
	int rc, orole = -1;

	c = db_acquire(db);
	rc = office_get(c, &r->arena, req_param_id(r, "id"), &o);
	db_release(db, c);
	if (rc == OFFICE_NONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	if (role == NULL || (strcmp(role, "advisor") != 0 &&
	    (orole = office_role_of(role)) < 0))
		return 400;
	if (email == NULL || account_email_norm(&r->arena, email, &norm) != 0)
		return admin_offices_page(r, PAGE_INVALID, "email",
		    T(r, "office.err.email"));
	c = db_acquire(db);
	if ((rc = user_by_email(c, &r->arena, norm, &u)) != 0) {
		db_release(db, c);
		return admin_offices_page(r, PAGE_INVALID, "email",
		    T(r, "office.err.no_user"));
	}
	rc = orole < 0 ? office_advisor_put(c, o.id, u.id) :
	    office_member_put(c, o.id, u.id, (enum office_role)orole);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, orole < 0 ? AUDIT_OFFICE_ADVISOR :
		    AUDIT_OFFICE_MEMBER, arena_printf(&r->arena, "%s: %s %s",
		    o.name, u.email, role), req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, "/admin/offices");
}
