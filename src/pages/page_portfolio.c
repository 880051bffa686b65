/*
 * page_portfolio: the advisor's portfolio (issue 15) — every client with
 * its programme stage, next visit, overdue homework, latest score and its
 * change, SECURITY ACTION stars, plan progress, open incidents and
 * follow-up — as a page (sort and filter with GET parameters, no script
 * needed; a card a client on a phone), a CSV download and JSON
 * (GET /api/v1/portfolio).  The instance admin sees every organisation.
 * One read of the database a request (figures_portfolio).
 */
#include <inttypes.h>
#include <string.h>

#include "base/esc.h"
#include "base/num.h"
#include "model/account.h"
#include "model/figures.h"
#include "pages/pages.h"

/* What a request asks for and what it gets. */
struct port {
	const char		*today;	/* day in Japan */
	struct figures_filter	 flt;
	enum figures_col	 col;	/* sorted by */
	bool			 desc;	/* highest first */
	struct figures_client	*v;	/* the clients shown */
	size_t			 n;
	size_t			 total;	/* before the filters */
};

/* Read the parameters, the clients, filter and sort them: 0, or an HTTP
 * status. */
static int
port_load(struct req *r, struct port *pt)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *v;
	int rc, k;

	if (!r->auth.admin && !r->auth.advisor)
		return 403;
	memset(pt, 0, sizeof(*pt));
	pt->today = page_day_jst(r, account_now());
	pt->flt.stage = -1;
	if ((v = req_query(r, "stage")) != NULL && (k =
	    figures_stage_of(v)) >= 0)
		pt->flt.stage = k;
	v = req_query(r, "overdue");
	pt->flt.overdue = v != NULL && strcmp(v, "1") == 0;
	v = req_query(r, "follow");
	pt->flt.follow_due = v != NULL && strcmp(v, "1") == 0;
	v = req_query(r, "q");
	pt->flt.q = v != NULL && strlen(v) <= 200 ? v : "";
	pt->col = FIG_COL_NAME;
	if ((v = req_query(r, "sort")) != NULL && (k = figures_col_of(v)) >=
	    0)
		pt->col = (enum figures_col)k;
	v = req_query(r, "dir");
	pt->desc = v != NULL && strcmp(v, "desc") == 0;
	c = db_acquire(db);
	rc = figures_portfolio(c, &r->arena, r->auth.user_id, r->auth.admin,
	    pt->today, &pt->v, &pt->n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	pt->total = pt->n;
	figures_filter(pt->v, &pt->n, &pt->flt);
	figures_sort(pt->v, pt->n, pt->col, pt->desc);
	return 0;
}

/* "?stage=…&overdue=1&…" for the filters of pt, with sort col and dir
 * (col < 0: those of pt), after path. */
static const char *
port_url(struct req *r, const char *path, const struct port *pt, int col,
    bool desc)
{
	struct buf b = BUF_INIT;
	const char *out;

	buf_adds(&b, path);
	buf_printf(&b, "?sort=%s&dir=%s", figures_col_key(col < 0 ? pt->col :
	    (enum figures_col)col), (col < 0 ? pt->desc : desc) ? "desc" :
	    "asc");
	if (pt->flt.stage >= 0)
		buf_printf(&b, "&stage=%s", figures_stage_key(
		    (enum figures_stage)pt->flt.stage));
	if (pt->flt.overdue)
		buf_adds(&b, "&overdue=1");
	if (pt->flt.follow_due)
		buf_adds(&b, "&follow=1");
	if (pt->flt.q[0] != '\0') {
		buf_adds(&b, "&q=");
		esc_url(&b, str_c(pt->flt.q));
	}
	out = arena_cstr(&r->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The stage as the page writes it. */
static const char *
stage_text(struct req *r, const struct figures_client *x)
{
	switch (x->stage) {
	case FIG_STAGE_RUNNING:
		return Tn(r, "port.stage.running", x->held, x->visits);
	case FIG_STAGE_FINISHED:
		return T(r, "port.stage.finished");
	default:
		return T(r, "port.stage.none");
	}
}

/* The change of the score, signed ("+2.5", "-1.0"), or NULL. */
static const char *
change_text(struct req *r, const struct figures_client *x)
{
	long d;

	if (!x->f.has_score || !x->f.has_prev)
		return NULL;
	d = x->f.score_tenths - x->f.prev_score_tenths;
	return arena_printf(&r->arena, "%s%s", d > 0 ? "+" : "",
	    num_tenths_a(&r->arena, d));
}

/* ---- the page ---- */

/* The filter form: a GET of /portfolio that keeps the order. */
static void
port_filters(struct page *p, const struct port *pt)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	int mark, k;

	mark = html_mark(h);
	html_open(h, "form", "method", "get", "action", "/portfolio",
	    "class", "reg-filters port-filters", "role", "search", NULL);
	html_void(h, "input", "type", "hidden", "name", "sort", "value",
	    figures_col_key(pt->col), NULL);
	html_void(h, "input", "type", "hidden", "name", "dir", "value",
	    pt->desc ? "desc" : "asc", NULL);
	html_open(h, "div", "class", "field", NULL);
	html_elem(h, "label", T(r, "port.filter.q"), "for", "f-q", NULL);
	html_void(h, "input", "type", "search", "id", "f-q", "name", "q",
	    "value", pt->flt.q, "maxlength", "200", NULL);
	html_close(h);
	html_open(h, "div", "class", "field", NULL);
	html_elem(h, "label", T(r, "port.col.stage"), "for", "f-stage", NULL);
	html_open(h, "select", "id", "f-stage", "name", "stage", NULL);
	html_elem(h, "option", T(r, "port.filter.any"), "value", "", NULL);
	for (k = 0; k < FIG_STAGE__MAX; k++)
		html_elem(h, "option", T(r, arena_printf(&r->arena,
		    "port.filter.%s", figures_stage_key((enum figures_stage)k))),
		    "value", figures_stage_key((enum figures_stage)k),
		    "selected", pt->flt.stage == k ? "" : NULL, NULL);
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "field check", NULL);
	html_open(h, "label", NULL);
	html_void(h, "input", "type", "checkbox", "name", "overdue", "value",
	    "1", "checked", pt->flt.overdue ? "" : NULL, NULL);
	html_text(h, " ");
	html_text(h, T(r, "port.filter.overdue"));
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "field check", NULL);
	html_open(h, "label", NULL);
	html_void(h, "input", "type", "checkbox", "name", "follow", "value",
	    "1", "checked", pt->flt.follow_due ? "" : NULL, NULL);
	html_text(h, " ");
	html_text(h, T(r, "port.filter.follow"));
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "filter-buttons", NULL);
	html_elem(h, "button", T(r, "port.filter.apply"), "type", "submit",
	    "class", "btn btn-secondary", NULL);
	html_elem(h, "a", T(r, "port.filter.clear"), "href", "/portfolio",
	    NULL);
	html_close_to(h, mark);
}

/*
 * The portfolio's figures of x as dt/dd pairs, for the cards of the home
 * page (inside their <dl>): stage, next visit, overdue homework, change
 * of the score, plan progress and late rows, open incidents, follow-up.
 */
void
page_portfolio_dl(struct page *p, const struct figures_client *x)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const char *ch = change_text(r, x);

	html_elem(h, "dt", T(r, "port.col.stage"), NULL);
	html_elem(h, "dd", stage_text(r, x), "class", "port-stage", NULL);
	if (x->next_visit[0] != '\0') {
		html_elem(h, "dt", T(r, "port.col.next_visit"), NULL);
		html_elem(h, "dd", x->next_visit, "class", "port-next", NULL);
	}
	if (x->stage != FIG_STAGE_NONE) {
		html_elem(h, "dt", T(r, "port.col.overdue"), NULL);
		html_elem(h, "dd", Tn(r, "port.overdue_n", x->hw_company,
		    x->hw_advisor), "class", x->hw_company + x->hw_advisor > 0 ?
		    "port-overdue warn" : "port-overdue", NULL);
	}
	if (ch != NULL) {
		html_elem(h, "dt", T(r, "port.col.change"), NULL);
		html_elem(h, "dd", ch, "class", "port-change", NULL);
	}
	if (x->f.plan_total > 0) {
		html_elem(h, "dt", T(r, "port.col.plan"), NULL);
		html_elem(h, "dd", Tn(r, "port.plan_n", x->f.plan_done,
		    x->f.plan_total), "class", "port-plan", NULL);
		html_elem(h, "dt", T(r, "port.col.late"), NULL);
		html_elem(h, "dd", arena_printf(&r->arena, "%ld", x->plan_late),
		    "class", "port-late", NULL);
	}
	html_elem(h, "dt", T(r, "port.col.incidents"), NULL);
	html_elem(h, "dd", arena_printf(&r->arena, "%ld", x->f.incidents_open),
	    "class", "port-incidents", NULL);
	if (x->follow_up[0] != '\0') {
		html_elem(h, "dt", T(r, "port.col.follow_up"), NULL);
		html_elem(h, "dd", Tf(r, x->follow_due ? "port.follow_due" :
		    "port.follow_from", "date", x->follow_up, NULL), "class",
		    x->follow_due ? "port-follow warn" : "port-follow", NULL);
	}
}

/* One client's row: a card on a phone. */
static void
port_row(struct page *p, const struct figures_client *x)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, x->id);
	const char *ch;

	/* page_row(), with the organisation's id on the row */
	p->tab.col = 0;
	html_open(&p->h, "tr", "data-org", arena_printf(&r->arena, "%" PRId64,
	    x->id), NULL);
	page_td_open(p, "port-name");
	html_elem(&p->h, "a", x->name, "href", base, NULL);
	html_close(&p->h);
	page_td_open(p, "port-stage");
	if (x->stage == FIG_STAGE_NONE)
		html_text(&p->h, stage_text(r, x));
	else
		html_elem(&p->h, "a", stage_text(r, x), "href",
		    arena_printf(&r->arena, "%s/programme", base), NULL);
	html_close(&p->h);
	page_td(p, x->next_visit[0] ? x->next_visit : T(r, "port.none"),
	    "port-next");
	page_td(p, Tn(r, "port.overdue_n", x->hw_company, x->hw_advisor),
	    x->hw_company + x->hw_advisor > 0 ? "port-overdue warn" :
	    "port-overdue");
	page_td(p, x->f.has_score ? num_tenths_a(&r->arena,
	    x->f.score_tenths) : T(r, "port.none"), "port-score num");
	ch = change_text(r, x);
	page_td(p, ch ? ch : T(r, "port.none"), "port-change num");
	page_td(p, arena_printf(&r->arena, "%d", x->f.stars),
	    "port-stars num");
	page_td(p, x->f.plan_total > 0 ? Tn(r, "port.plan_n", x->f.plan_done,
	    x->f.plan_total) : T(r, "port.none"), "port-plan");
	page_td(p, arena_printf(&r->arena, "%ld", x->plan_late),
	    x->plan_late > 0 ? "port-late num warn" : "port-late num");
	page_td(p, arena_printf(&r->arena, "%ld", x->f.incidents_open),
	    "port-incidents num");
	page_td(p, x->follow_up[0] == '\0' ? T(r, "port.none") :
	    Tf(r, x->follow_due ? "port.follow_due" : "port.follow_from",
	    "date", x->follow_up, NULL), x->follow_due ?
	    "port-follow warn" : "port-follow");
	html_close(&p->h);
}

int
page_portfolio(struct req *r)
{
	struct port pt;
	struct page p;
	size_t i;
	int st, mark, k;

	if ((st = port_load(r, &pt)) != 0)
		return st;
	page_begin(&p, r, T(r, "port.title"));
	page_h1(&p, T(r, "port.title"));
	html_elem(&p.h, "p", Tn(r, "port.count", (long)pt.n, (long)pt.total),
	    "class", "lead port-count", NULL);
	port_filters(&p, &pt);
	html_elem(&p.h, "a", T(r, "port.csv"), "href", port_url(r,
	    "/portfolio.csv", &pt, -1, false), "class", "btn btn-secondary",
	    "download", "", NULL);
	if (pt.n == 0) {
		html_elem(&p.h, "p", T(r, "port.empty"), "class", "port-empty",
		    NULL);
		return page_end(&p, 200);
	}
	mark = page_table_open(&p, "table port-table", NULL);
	for (k = 0; k < FIG_COL__MAX; k++) {
		bool now = (int)pt.col == k;

		page_th_sort(&p, T(r, arena_printf(&r->arena, "port.col.%s",
		    figures_col_key((enum figures_col)k))), port_url(r,
		    "/portfolio", &pt, k, now ? !pt.desc : false), now ?
		    (pt.desc ? -1 : 1) : 0);
	}
	page_table_body(&p);
	for (i = 0; i < pt.n; i++)
		port_row(&p, &pt.v[i]);
	html_close_to(&p.h, mark);
	return page_end(&p, 200);
}

/* ---- CSV ---- */

/* ",62.5", or "," when unknown. */
static void
csv_tenths(struct req *r, struct buf *b, bool known, long t)
{
	buf_adds(b, ",");
	if (known)
		buf_adds(b, num_tenths_a(&r->arena, t));
}

int
page_portfolio_csv(struct req *r)
{
	struct buf *b = &r->out;
	struct port pt;
	size_t i;
	int st;

	if ((st = port_load(r, &pt)) != 0)
		return st;
	buf_reset(b);
	buf_adds(b, "\xef\xbb\xbf" "id,name,stage,visits_held,visits,"
	    "next_visit,homework_overdue_company,homework_overdue_advisor,"
	    "score,prev_score,change,stars,plan_done,plan_total,plan_late,"
	    "incidents_open,last_visit,follow_up,follow_up_due\r\n");
	for (i = 0; i < pt.n; i++) {
		const struct figures_client *x = &pt.v[i];

		buf_printf(b, "%" PRId64 ",", x->id);
		esc_csv(b, str_c(x->name));
		buf_printf(b, ",%s,%ld,%ld,%s,%ld,%ld",
		    figures_stage_key(x->stage), x->held, x->visits,
		    x->next_visit, x->hw_company, x->hw_advisor);
		csv_tenths(r, b, x->f.has_score, x->f.score_tenths);
		csv_tenths(r, b, x->f.has_prev, x->f.prev_score_tenths);
		csv_tenths(r, b, x->f.has_score && x->f.has_prev,
		    x->f.score_tenths - x->f.prev_score_tenths);
		buf_printf(b, ",%d", x->f.stars);
		buf_printf(b, ",%ld,%ld,%ld,%ld", x->f.plan_done,
		    x->f.plan_total, x->plan_late, x->f.incidents_open);
		buf_printf(b, ",%s,%s,%d\r\n", x->last_held, x->follow_up,
		    x->follow_due ? 1 : 0);
	}
	if (b->err)
		return 503;
	{
		const char *fn = arena_printf(&r->arena, "portfolio-%s.csv",
		    pt.today);

		page_disposition(r, "attachment", fn, fn);
	}
	return req_send(r, 200, "text/csv; charset=utf-8");
}

/* ---- JSON ---- */

/* , "key": "v" (null when v is empty). */
static void
json_key_str(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, ", \"%s\": ", key);
	if (v == NULL || v[0] == '\0')
		buf_adds(b, "null");
	else
		esc_json(b, str_c(v));
}

/* , "key": 62.5 (null when unknown). */
static void
json_tenths(struct req *r, struct buf *b, const char *key, bool known,
    long t)
{
	buf_printf(b, ", \"%s\": %s", key, known ? num_tenths_a(&r->arena, t) :
	    "null");
}

int
page_api_portfolio(struct req *r)
{
	struct buf *b = &r->out;
	struct port pt;
	size_t i;
	int st;

	if ((st = port_load(r, &pt)) != 0)
		return st;
	buf_reset(b);
	buf_adds(b, "{\"today\": ");
	esc_json(b, str_c(pt.today));
	buf_printf(b, ", \"total\": %zu, \"clients\": [", pt.total);
	for (i = 0; i < pt.n; i++) {
		const struct figures_client *x = &pt.v[i];

		buf_printf(b, "%s{\"id\": %" PRId64 ", \"name\": ", i ? ", " :
		    "", x->id);
		esc_json(b, str_c(x->name));
		json_key_str(b, "role", x->role);
		buf_printf(b, ", \"stage\": \"%s\", \"visits\": %ld, "
		    "\"visits_held\": %ld", figures_stage_key(x->stage),
		    x->visits, x->held);
		json_key_str(b, "next_visit", x->next_visit);
		json_key_str(b, "last_visit", x->last_held);
		buf_printf(b, ", \"homework_overdue\": {\"company\": %ld, "
		    "\"advisor\": %ld}", x->hw_company, x->hw_advisor);
		json_tenths(r, b, "score", x->f.has_score, x->f.score_tenths);
		json_tenths(r, b, "prev_score", x->f.has_prev,
		    x->f.prev_score_tenths);
		json_tenths(r, b, "change", x->f.has_score && x->f.has_prev,
		    x->f.score_tenths - x->f.prev_score_tenths);
		buf_printf(b, ", \"stars\": %d, \"plan\": {\"done\": %ld, "
		    "\"total\": %ld, \"late\": %ld}, \"incidents_open\": %ld",
		    x->f.stars, x->f.plan_done, x->f.plan_total, x->plan_late,
		    x->f.incidents_open);
		json_key_str(b, "follow_up", x->follow_up);
		buf_printf(b, ", \"follow_up_due\": %s}", x->follow_due ?
		    "true" : "false");
	}
	buf_adds(b, "]}");
	return page_json(r, 200);
}
