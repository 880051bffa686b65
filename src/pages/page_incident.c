/*
 * page_incident: incident response (issue 14) —
 *
 *   GET  /o/{org}/incidents               the incidents, open ones first,
 *        each with its report deadline when one is due;
 *   GET  /o/{org}/incidents/{id}          one incident: what it is and its
 *        level's "report at once", the work log (first: the playbooks
 *        ask to start it first), the playbook of its kind as a checklist,
 *        the personal-data report clock, the lessons learned and the
 *        status;
 *   POST /o/{org}/incidents/{id}/log      a work-log entry;
 *   POST /o/{org}/incidents/{id}/steps    a playbook step ticked;
 *   POST /o/{org}/incidents/{id}/steps/{sid}/delete   a tick taken back
 *        (asks first, as the register's delete does);
 *   POST /o/{org}/incidents/{id}/status   the status; closing while the
 *        report to the Commission is due and not ticked asks for a
 *        confirmation, stored as who gave it (close_confirmed_by);
 *   POST /o/{org}/incidents/{id}/lessons  the seven answers, at the row's
 *        rev (stale: 409, what was typed kept);
 *   POST /o/{org}/incidents/{id}/plan     answers become plan rows
 *        (source "incident:ID"), drafts to keep or drop;
 *   GET  /api/v1/orgs/{org}/incidents/{id}/appi   whether the Personal
 *        Information Protection Commission must be told of the incident,
 *        why, and by when (model/appi.h; the numbers from content/appi.yaml).
 *
 * The rows are registers (model/registers.c): incidents, incident_log,
 * incident_steps, incident_lessons; their rules (nothing added to a
 * closed incident, a step only of its kind's playbook and once, one
 * lessons row per incident, closing unreported only when confirmed) are
 * the registers' own, checked in the write's transaction, so the API
 * and the generic pages keep them too.  Texts: incident.* in
 * content/i18n/ui.yaml and the packs incidents.yaml and appi.yaml.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/appi.h"
#include "model/incsetup.h"
#include "model/incident.h"
#include "model/org.h"
#include "model/plan.h"
#include "model/register.h"
#include "pages/pages.h"
#include "report/bcp_doc.h"

/* ---- small helpers ------------------------------------------------------ */

static const struct register_decl *
D(enum register_kind k)
{
	return register_of(k);
}

/* Field key of register k: its index (the declarations have them). */
static int
F(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

/* "/o/3/incidents/12" */
static const char *
inc_url(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/incidents/%" PRId64,
	    r->org_id, id);
}

/* A register's row page, "/o/3/r/<key>/<id>". */
static const char *
row_url(struct req *r, enum register_kind k, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/r/%s/%" PRId64,
	    r->org_id, D(k)->key, id);
}

static const char *
day_text(struct req *r, struct appi_day d)
{
	return arena_printf(&r->arena, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* The moment t in Japan as a datetime-local control takes it. */
static const char *
local_moment(struct req *r, int64_t t)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02dT%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min);
}

/* A whole number with its thousands grouped: "1,200". */
static const char *
grouped(struct req *r, long n)
{
	char d[32];
	struct buf b = BUF_INIT;
	size_t len, i;
	const char *s;

	snprintf(d, sizeof(d), "%ld", n < 0 ? -n : n);
	len = strlen(d);
	if (n < 0)
		buf_addc(&b, '-');
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(&b, ',');
		buf_addc(&b, d[i]);
	}
	s = arena_strndup(&r->arena, b.p ? b.p : "", b.n);
	buf_free(&b);
	return s;
}

/* text with every "{name}" replaced by value (never a format). */
static const char *
fill(struct req *r, const char *text, const char *name, const char *value)
{
	struct buf b = BUF_INIT;
	const char *p = text, *at;
	const char *s;
	size_t nl = strlen(name);

	while ((at = strstr(p, name)) != NULL) {
		buf_addstr(&b, (struct str){ p, (size_t)(at - p) });
		buf_adds(&b, value);
		p = at + nl;
	}
	buf_adds(&b, p);
	s = arena_strndup(&r->arena, b.p ? b.p : "", b.n);
	buf_free(&b);
	return s;
}

/* A hidden form field. */
static void
hidden(struct page *p, const char *name, const char *value)
{
	html_void(&p->h, "input", "type", "hidden", "name", name, "value",
	    value, NULL);
}

/* An empty row of register d, ready for register_value(). */
static void
row_blank(const struct register_decl *d, struct register_row *row)
{
	size_t i;

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	for (i = 0; i < d->nf; i++)
		row->v[i].s = "";
}

/* Value text of field key of d into row: RFE_OK or the reason, with its
 * message into *err (when err is not NULL). */
static enum rf_err
set_value(struct req *r, const struct register_decl *d,
    struct register_row *row, const char *key, const char *text,
    const char **err)
{
	int i = register_field(d, key);
	struct register_err e;
	long a = 0, b = 0;

	memset(&e, 0, sizeof(e));
	e.code = register_value(&req_app(r)->content.regenv, &d->f[i], text,
	    &r->arena, &row->v[i], &a, &b);
	e.a = a;
	e.b = b;
	if (e.code != RFE_OK && err != NULL)
		*err = page_err_text(r, &e);
	return e.code;
}

/* The organisation's tabs with the incidents marked; 0 or a status. */
static int
inc_begin(struct page *p, struct req *r, const char *title)
{
	struct org o;
	int rc;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	page_begin(p, r, title);
	page_org_subnav(p, &o, "incidents");
	return 0;
}

/* ---- reading an incident ------------------------------------------------ */

/* An incident with everything its page shows. */
struct inc_view {
	struct register_row	 row;		/* the incident */
	struct register_row	*log;		/* its work log, by time */
	size_t			 nlog;
	struct register_row	*ticks;		/* its steps done */
	size_t			 nticks;
	struct register_row	 lessons;	/* rev 0: none yet */
	struct register_row	*plan;		/* the organisation's plan */
	size_t			 nplan;
	int			 reported;	/* the Commission ticked */
	const char		*org;		/* the organisation's name */
	int			 kind;		/* enum incident_kind, -1 */
	int			 status;	/* enum incident_status, -1 */
	bool			 closed;
	struct appi_due		 due;		/* reasons 0: none due */
	bool			 from_aware;	/* counted from aware_at */
	struct appi_day		 today;		/* in Japan */
	struct incsetup_all	 inc;		/* who takes each level */
};

/* The rows of register k of rows[0..n) whose field "incident" is id, in
 * a new array (in ar); *out_n of them. */
static struct register_row *
rows_of(enum register_kind k, struct register_row *rows, size_t n,
    int64_t id, struct arena *ar, size_t *out_n)
{
	struct register_row *v = arena_alloc(ar, (n + 1) * sizeof(*v));
	int fi = F(k, "incident");
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (rows[i].v[fi].set && rows[i].v[fi].i == id)
			v[m++] = rows[i];
	*out_n = m;
	return v;
}

static int
by_at(const void *a, const void *b)
{
	const struct register_row *x = a, *y = b;
	int f = F(REGISTER_INCIDENT_LOG, "at");

	if (x->v[f].i != y->v[f].i)
		return x->v[f].i < y->v[f].i ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Incident id of the request's organisation, read whole: 0, 404 or
 * 503. */
static int
inc_load(struct req *r, int64_t id, struct inc_view *x)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	struct db *db = req_app(r)->db;
	struct register_row *all;
	struct db_conn *c;
	struct appi_case ac;
	struct org o;
	size_t n;
	int rc, fa = F(REGISTER_INCIDENTS, "aware_at"),
	    fd = F(REGISTER_INCIDENTS, "detected_at");

	memset(x, 0, sizeof(*x));
	if (id <= 0)
		return 404;
	x->org = page_org_get(r, r->org_id, &o) == 0 ? o.name : "";
	c = db_acquire(db);
	rc = register_get(c, e, d, r->org_id, id, &r->arena, &x->row);
	if (rc != DB_ROW)
		goto out;
	if ((rc = register_list(c, e, D(REGISTER_INCIDENT_LOG), r->org_id,
	    &r->arena, &all, &n)) != DB_OK)
		goto out;
	x->log = rows_of(REGISTER_INCIDENT_LOG, all, n, id, &r->arena,
	    &x->nlog);
	qsort(x->log, x->nlog, sizeof(*x->log), by_at);
	if ((rc = register_list(c, e, D(REGISTER_INCIDENT_STEPS), r->org_id,
	    &r->arena, &all, &n)) != DB_OK)
		goto out;
	x->ticks = rows_of(REGISTER_INCIDENT_STEPS, all, n, id, &r->arena,
	    &x->nticks);
	if ((rc = register_list(c, e, D(REGISTER_INCIDENT_LESSONS), r->org_id,
	    &r->arena, &all, &n)) != DB_OK)
		goto out;
	all = rows_of(REGISTER_INCIDENT_LESSONS, all, n, id, &r->arena, &n);
	if (n > 0)
		x->lessons = all[0];
	else
		row_blank(D(REGISTER_INCIDENT_LESSONS), &x->lessons);
	if ((rc = register_list(c, e, D(REGISTER_PLAN), r->org_id, &r->arena,
	    &x->plan, &x->nplan)) != DB_OK)
		goto out;
	x->reported = registers_incident_reported(c, e, r->org_id, id);
	if (x->reported < 0) {
		rc = x->reported;
		goto out;
	}
	{
		const struct incidents_pack *ip = &req_app(r)->content.incidents;
		enum incident_role dflt[INC_LEVELS];
		int k;

		for (k = 0; k < INC_LEVELS; k++)
			dflt[k] = ip->level[k].responder;
		rc = incsetup_load(c, e, r->org_id, dflt, &r->arena, &x->inc);
	}
	if (rc == DB_OK)
		rc = DB_ROW;
out:
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_ROW)
		return 503;
	{
		const struct register_val *k = &x->row.v[F(REGISTER_INCIDENTS,
		    "kind")], *s = &x->row.v[F(REGISTER_INCIDENTS, "status")];

		x->kind = k->set && k->i >= 0 && k->i < INC_KIND__MAX ?
		    (int)k->i : -1;
		x->status = s->set && s->i >= 0 && s->i < INC_STATUS__MAX ?
		    (int)s->i : -1;
		x->closed = x->status == INC_CLOSED;
	}
	x->today = appi_day_of(account_now());
	x->from_aware = x->row.v[fa].set;
	if (e->appi != NULL) {
		registers_appi_case(&x->row, &ac);
		appi_due(e->appi, &ac, x->from_aware ? x->row.v[fa].i :
		    x->row.v[fd].i, &x->due);
	}
	return 0;
}

/* The tick of step key, or NULL. */
static const struct register_row *
tick_of(const struct inc_view *x, const char *key)
{
	int f = F(REGISTER_INCIDENT_STEPS, "step");
	size_t i;

	for (i = 0; i < x->nticks; i++)
		if (strcmp(x->ticks[i].v[f].s, key) == 0)
			return &x->ticks[i];
	return NULL;
}

/* The playbook of the incident's kind (NULL when the kind is unknown). */
static const struct incident_step *
steps_of(struct req *r, const struct inc_view *x, size_t *n, size_t *pb)
{
	const struct incidents_pack *ip = &req_app(r)->content.incidents;

	*n = 0;
	if (x->kind < 0)
		return NULL;
	*pb = (size_t)ip->kind[x->kind].playbook;
	if (*pb >= INC_PB__MAX)
		return NULL;
	*n = ip->playbook[*pb].n_steps;
	return ip->playbook[*pb].steps;
}

/* ---- what the forms hold when a page is shown again --------------------- */

/* One lessons answer as a plan draft. */
struct draft {
	int		 q;		/* the question, from 0 */
	bool		 taken;		/* the plan has it already */
	bool		 on;		/* ticked */
	const char	*area;		/* a plan area key */
	const char	*measure;	/* as proposed, then as posted */
	const char	*err;		/* beside the measure, or NULL */
};

struct inc_state {
	const char	*notice;	/* an error at the top */
	const char	*ok;		/* a success line at the top */
	/* the log form */
	const char	*log_at, *log_who, *log_what, *log_evidence;
	const char	*err_at, *err_who, *err_what, *err_evidence;
	const char	*log_notice;
	/* a tick refused: the step and what was posted for it */
	const char	*tick_key, *tick_at, *tick_by, *tick_note;
	const char	*err_tick_at, *err_tick_by, *err_tick_note;
	const char	*tick_notice;	/* at the top of the playbook */
	/* the lessons form: what was posted, theirs beside when stale */
	bool		 lessons_mine;
	const char	*answer[INC_LESSONS];
	const char	*err_answer[INC_LESSONS];
	bool		 lessons_stale;
	const char	*lessons_notice;
	/* the drafts */
	struct draft	 drafts[INC_LESSONS];
	size_t		 ndrafts, taken;
	const char	*draft_notice;
	/* the status form */
	const char	*status_notice;
};

/* The text a plan row made from lesson q gets as "current". */
static const char *
draft_current(struct req *r, const struct inc_view *x, int q)
{
	return Tf(r, "incident.plan_current", "n", arena_printf(&r->arena,
	    "%" PRId64, x->row.id), "q", TR(r,
	    &req_app(r)->content.incidents.lesson[q].question), NULL);
}

/* The answers as drafts: those the plan has (from this incident, with
 * the same "current", or the same measure) are taken. */
static void
drafts_of(struct req *r, const struct inc_view *x, struct inc_state *s)
{
	const struct register_decl *pl = D(REGISTER_PLAN);
	int fm = register_field(pl, "measure"), fc = register_field(pl,
	    "current"), fs = register_field(pl, "source");
	const char *src = incident_source((long long)x->row.id, &r->arena);
	int q, f0 = F(REGISTER_INCIDENT_LESSONS, "incident") + 1;
	size_t k;

	s->ndrafts = s->taken = 0;
	for (q = 0; q < INC_LESSONS; q++) {
		const struct register_val *a = &x->lessons.v[f0 + q];
		struct draft *dr = &s->drafts[s->ndrafts];
		const char *cur;

		if (!a->set)
			continue;
		cur = draft_current(r, x, q);
		memset(dr, 0, sizeof(*dr));
		dr->q = q;
		dr->measure = a->s;
		dr->area = req_app(r)->content.plan.area[
		    PLAN_ORGANISATIONAL].key;
		/* what happened is a fact, not a measure */
		dr->on = q != 0;
		for (k = 0; k < x->nplan; k++) {
			const struct register_row *pr = &x->plan[k];

			if ((pr->v[fm].set && strcmp(pr->v[fm].s, a->s) == 0) ||
			    (pr->v[fs].set && strcmp(pr->v[fs].s, src) == 0 &&
			    pr->v[fc].set && strcmp(pr->v[fc].s, cur) == 0))
				dr->taken = true;
		}
		if (dr->taken)
			s->taken++;
		s->ndrafts++;
	}
}

/* ---- the list ----------------------------------------------------------- */

/* "… due YYYY-MM-DD: N days left" for the first deadline still ahead of
 * an incident, or NULL when none is due. */
static const char *
due_line(struct req *r, const struct appi_due *due, struct appi_day today,
    bool *late)
{
	struct incident_clock k;

	*late = false;
	if (due->reasons == 0)
		return NULL;
	incident_clock(due, today, &k);
	if (k.prelim_left >= 0)
		return Tf(r, "incident.due_prelim", "date", day_text(r,
		    due->prelim_to), "left", k.prelim_left == 0 ?
		    T(r, "incident.due_today") : Tn(r, "incident.days_left",
		    k.prelim_left, 0), NULL);
	*late = true;
	return Tf(r, "incident.due_final", "date", day_text(r, due->final),
	    "left", k.final_left > 0 ? Tn(r, "incident.days_left",
	    k.final_left, 0) : k.final_left == 0 ? T(r, "incident.due_today") :
	    Tn(r, "incident.overdue", -k.final_left, 0), NULL);
}

/* One incident in the list. */
static void
list_item(struct page *p, const struct register_row *row, bool reported)
{
	struct req *r = p->r;
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	int fk = F(REGISTER_INCIDENTS, "kind"), fs = F(REGISTER_INCIDENTS,
	    "status"), fl = F(REGISTER_INCIDENTS, "level"),
	    fd = F(REGISTER_INCIDENTS, "detected_at"),
	    fa = F(REGISTER_INCIDENTS, "aware_at"),
	    fu = F(REGISTER_INCIDENTS, "summary");
	bool closed = row->v[fs].set && row->v[fs].i == INC_CLOSED, late;
	struct appi_case ac;
	struct appi_due due;
	const char *line = NULL;

	memset(&due, 0, sizeof(due));
	if (e->appi != NULL && !closed && !reported) {
		registers_appi_case(row, &ac);
		appi_due(e->appi, &ac, row->v[fa].set ? row->v[fa].i :
		    row->v[fd].i, &due);
		line = due_line(r, &due, appi_day_of(account_now()), &late);
	}
	html_open(&p->h, "li", "data-incident", arena_printf(&r->arena,
	    "%" PRId64, row->id), NULL);
	html_elem(&p->h, "a", row->v[fu].s, "href", inc_url(r, row->id),
	    "class", "card-link", NULL);
	html_elem(&p->h, "span", row->v[fs].set ? register_label(e,
	    &d->f[fs], &row->v[fs], (int)page_lang_of(r)) :
	    T(r, "incident.no_status"), "class", closed ? "tag tag-closed" :
	    "tag tag-open", NULL);
	html_open(&p->h, "span", "class", "meta", NULL);
	html_text(&p->h, Tf(r, "incident.list_meta", "no",
	    arena_printf(&r->arena, "%" PRId64, row->id), "kind",
	    register_label(e, &d->f[fk], &row->v[fk], (int)page_lang_of(r)),
	    "level", arena_printf(&r->arena, "%" PRId64, row->v[fl].i),
	    "when", page_datetime(r, row->v[fd].i), NULL));
	html_close(&p->h);
	if (line != NULL)
		html_elem(&p->h, "span", line, "class", late ? "due overdue" :
		    "due", NULL);
	html_close(&p->h);
}

int
page_incident_list(struct req *r)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	struct db *db = req_app(r)->db;
	struct register_query q;
	struct register_row *rows;
	struct db_conn *c;
	struct page p;
	int64_t *rep;
	const size_t *ix;
	size_t n, nrep, i, k, m;
	int rc, st, pass, fs = F(REGISTER_INCIDENTS, "status");

	c = db_acquire(db);
	rc = register_list(c, e, d, r->org_id, &r->arena, &rows, &n);
	if (rc == DB_OK)
		rc = registers_reported_ids(c, e, r->org_id, &r->arena, &rep,
		    &nrep);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	/* the register's order: the latest detected first */
	register_query_init(d, &q);
	ix = register_select(d, rows, n, &q, &r->arena, &m);
	if ((st = inc_begin(&p, r, T(r, "incident.list_title"))) != 0)
		return st;
	page_h1(&p, T(r, "incident.list_title"));
	html_elem(&p.h, "p", T(r, "reg.incidents.intro"), "class", "lead",
	    NULL);
	html_open(&p.h, "p", "class", "actions", NULL);
	if (page_can_admin(r)) {
		html_elem(&p.h, "a", T(r, "incident.new"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/incidents/new",
		    r->org_id), "class", "btn", NULL);
		html_text(&p.h, " ");
	}
	html_elem(&p.h, "a", T(r, "incident.as_table"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/r/incidents", r->org_id),
	    "class", "btn btn-secondary", NULL);
	html_close(&p.h);
	if (m == 0)
		html_elem(&p.h, "p", T(r, "incident.none"), "class", "help",
		    NULL);
	/* the ones being handled first */
	for (pass = 0; pass < 2; pass++) {
		size_t shown = 0;

		for (i = 0; i < m; i++) {
			const struct register_row *row = &rows[ix[i]];
			bool closed = row->v[fs].set && row->v[fs].i ==
			    INC_CLOSED, reported = false;

			if (closed != (pass == 1))
				continue;
			if (shown++ == 0) {
				html_elem(&p.h, "h2", T(r, pass == 0 ?
				    "incident.open_title" :
				    "incident.closed_title"), NULL);
				html_open(&p.h, "ul", "class", "cards", "id",
				    pass == 0 ? "open" : "closed", NULL);
			}
			for (k = 0; k < nrep && !reported; k++)
				reported = rep[k] == row->id;
			list_item(&p, row, reported);
		}
		if (shown > 0)
			html_close(&p.h);
	}
	/* who responds, the card, the yearly counts */
	page_incident_setup_counts(&p, rows, n);
	return page_end(&p, 200);
}

/* On the register's row page of incident id: the link to its page. */
void
page_incident_row_link(struct page *p, int64_t id)
{
	struct req *r = p->r;

	html_open(&p->h, "p", "class", "actions incident-actions", NULL);
	html_elem(&p->h, "a", T(r, "incident.open_page"), "href",
	    inc_url(r, id), "class", "btn", NULL);
	html_close(&p->h);
}

/* ---- the incident's page: the header ------------------------------------ */

/* One fact: a label, then the value or "not recorded". */
static void
fact(struct page *p, const char *label, const char *value, const char *key)
{
	struct req *r = p->r;

	html_elem(&p->h, "dt", label, NULL);
	if (value == NULL || value[0] == '\0')
		html_elem(&p->h, "dd", T(r, "incident.blank"), "class",
		    "blank", "data-f", key, NULL);
	else
		html_elem(&p->h, "dd", value, "data-f", key, "class", "long",
		    NULL);
}

static void
header(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct incidents_pack *ip = &ct->incidents;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	const struct register_row *row = &x->row;
	int lang = (int)page_lang_of(r);
	int fl = F(REGISTER_INCIDENTS, "level"), lv;
	const struct register_val *v;
	static const char *const plain[] = { "found_by", "note" };
	static const char *const refs[] = { "assets", "systems" };
	size_t i;

	html_open(&p->h, "dl", "class", "facts reg-facts incident-facts", NULL);
	v = &row->v[F(REGISTER_INCIDENTS, "kind")];
	html_elem(&p->h, "dt", T(r, "reg.incidents.f.kind"), NULL);
	html_open(&p->h, "dd", "data-f", "kind", "data-key", v->s, NULL);
	html_text(&p->h, register_label(e, &d->f[F(REGISTER_INCIDENTS,
	    "kind")], v, lang));
	if (x->kind >= 0)
		html_elem(&p->h, "small", TR(r, &ip->kind[x->kind].explain),
		    "class", "meaning", NULL);
	html_close(&p->h);
	lv = row->v[fl].set ? (int)row->v[fl].i : -1;
	html_elem(&p->h, "dt", T(r, "reg.incidents.f.level"), NULL);
	html_open(&p->h, "dd", "data-f", "level", "data-value",
	    arena_printf(&r->arena, "%d", lv), NULL);
	if (lv >= 0 && lv < INC_LEVELS) {
		page_tr(p, "strong", NULL, &ip->level[lv].label);
		if (x->inc.s.definition[lv][0] != '\0')
			html_elem(&p->h, "small", x->inc.s.definition[lv],
			    "class", "meaning", NULL);
		else
			page_tr(p, "small", "meaning",
			    &ip->level[lv].definition);
	} else
		html_text(&p->h, T(r, "incident.blank"));
	html_close(&p->h);
	v = &row->v[F(REGISTER_INCIDENTS, "status")];
	html_elem(&p->h, "dt", T(r, "reg.incidents.f.status"), NULL);
	html_open(&p->h, "dd", "data-f", "status", "data-key", v->s, NULL);
	html_elem(&p->h, "span", v->set ? register_label(e,
	    &d->f[F(REGISTER_INCIDENTS, "status")], v, lang) :
	    T(r, "incident.no_status"), "class", x->closed ? "tag tag-closed" :
	    "tag tag-open", NULL);
	html_close(&p->h);
	v = &row->v[F(REGISTER_INCIDENTS, "detected_at")];
	fact(p, T(r, "reg.incidents.f.detected_at"), v->set ?
	    page_datetime(r, v->i) : NULL, "detected_at");
	v = &row->v[F(REGISTER_INCIDENTS, "aware_at")];
	fact(p, T(r, "reg.incidents.f.aware_at"), v->set ?
	    page_datetime(r, v->i) : NULL, "aware_at");
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		fact(p, T(r, arena_printf(&r->arena, "reg.incidents.f.%s",
		    plain[i])), row->v[F(REGISTER_INCIDENTS, plain[i])].s,
		    plain[i]);
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		v = &row->v[F(REGISTER_INCIDENTS, refs[i])];
		fact(p, T(r, arena_printf(&r->arena, "reg.incidents.f.%s",
		    refs[i])), v->set && v->t != NULL ? v->t : NULL, refs[i]);
	}
	html_close(&p->h);
	/* from level 1 the finder reports at once, to the level's
	 * responder */
	if (lv >= 1 && lv < INC_LEVELS) {
		const struct incsetup_person *who;
		enum incident_role role = bcp_card_level(ct, &x->inc, lv, &who);
		const char *rl = TR(r, &ip->role[role].label);

		html_open(&p->h, "div", "class", lv >= 2 ?
		    "panel panel-danger report-now" :
		    "panel panel-warn report-now",
		    "role", "note", NULL);
		html_elem(&p->h, "strong", T(r, "incident.report_now"), NULL);
		html_elem(&p->h, "p", fill(r, TR(r, &ip->level[lv].report),
		    "{responder}", rl), NULL);
		html_open(&p->h, "p", "class", "report-to", "data-role",
		    incsetup_role_key((int)role), NULL);
		if (who != NULL && who->found) {
			html_elem(&p->h, "strong", who->name, NULL);
			if (who->phone[0] != '\0') {
				html_text(&p->h, " ");
				html_elem(&p->h, "a", who->phone, "href",
				    page_tel_href(r, who->phone), NULL);
			}
			if (who->email[0] != '\0') {
				html_text(&p->h, " ");
				html_elem(&p->h, "a", who->email, "href",
				    arena_printf(&r->arena, "mailto:%s",
				    who->email), NULL);
			}
		} else {
			html_text(&p->h, T(r, "incident.report_nobody"));
			html_text(&p->h, " ");
			html_elem(&p->h, "a", T(r, "incident.report_setup"),
			    "href", arena_printf(&r->arena, "/o/%" PRId64
			    "/incidents/setup", r->org_id), NULL);
		}
		html_close(&p->h);
		html_close(&p->h);
	}
	page_tr(p, "p", "help", &ip->rule_levels);
}

/* ---- the work log --------------------------------------------------------- */

static void
log_section(struct page *p, const struct inc_view *x,
    const struct inc_state *s, bool admin)
{
	struct req *r = p->r;
	const struct register_decl *d = D(REGISTER_INCIDENT_LOG);
	int fa = F(REGISTER_INCIDENT_LOG, "at"), fw = F(REGISTER_INCIDENT_LOG,
	    "who"), fx = F(REGISTER_INCIDENT_LOG, "what"),
	    fe = F(REGISTER_INCIDENT_LOG, "evidence"), mark;
	size_t i;

	html_open(&p->h, "section", "class", "incident-log", "id", "log",
	    "aria-labelledby", "log-title", NULL);
	html_elem(&p->h, "h2", T(r, "incident.log_title"), "id", "log-title",
	    NULL);
	html_elem(&p->h, "p", T(r, "incident.log_help"), "class", "help",
	    NULL);
	if (s->log_notice != NULL)
		page_notice(p, "error", s->log_notice);
	if (x->nlog == 0)
		html_elem(&p->h, "p", T(r, "incident.log_none"), "class",
		    "help", "id", "log-none", NULL);
	else {
		mark = page_table(p, "table incident-log-table", NULL,
		    T(r, "reg.incident_log.f.at"),
		    T(r, "reg.incident_log.f.who"),
		    T(r, "reg.incident_log.f.what"),
		    T(r, "reg.incident_log.f.evidence"), NULL);
		for (i = 0; i < x->nlog; i++) {
			const struct register_row *e = &x->log[i];

			html_open(&p->h, "tr", "data-entry",
			    arena_printf(&r->arena, "%" PRId64, e->id), NULL);
			p->tab.col = 0;
			page_td_open(p, "when");
			html_elem(&p->h, "a", page_datetime(r, e->v[fa].i),
			    "href", row_url(r, REGISTER_INCIDENT_LOG, e->id),
			    NULL);
			html_close(&p->h);
			page_td(p, e->v[fw].s, NULL);
			page_td(p, e->v[fx].s, "long");
			page_td(p, e->v[fe].s, "long");
			html_close(&p->h);
		}
		html_close_to(&p->h, mark);
	}
	if (x->closed) {
		html_elem(&p->h, "p", T(r, "incident.log_closed"), "class",
		    "notice notice-info", NULL);
	} else if (admin) {
		bool open = x->nlog == 0 || s->log_notice != NULL ||
		    s->err_at != NULL || s->err_who != NULL ||
		    s->err_what != NULL || s->err_evidence != NULL;

		html_open(&p->h, "details", "class", "more log-add", "open",
		    open ? "" : NULL, NULL);
		html_elem(&p->h, "summary", T(r, "incident.log_add"), NULL);
		form_open(p, arena_printf(&r->arena, "%s/log",
		    inc_url(r, x->row.id)), NULL);
		form_field_max(p, "at", "datetime-local", 0,
		    T(r, "reg.incident_log.f.at"), NULL, s->log_at, s->err_at,
		    "off", true);
		form_field_max(p, "who", "text", (size_t)d->f[fw].max,
		    T(r, "reg.incident_log.f.who"),
		    T(r, "reg.incident_log.h.who"), s->log_who, s->err_who,
		    "off", false);
		form_field_max(p, "what", NULL, (size_t)d->f[fx].max,
		    T(r, "reg.incident_log.f.what"),
		    T(r, "reg.incident_log.h.what"), s->log_what, s->err_what,
		    "off", true);
		form_field_max(p, "evidence", NULL, (size_t)d->f[fe].max,
		    T(r, "reg.incident_log.f.evidence"),
		    T(r, "reg.incident_log.h.evidence"), s->log_evidence,
		    s->err_evidence, "off", false);
		html_open(&p->h, "p", "class", "actions", NULL);
		form_submit(p, T(r, "incident.log_submit"), NULL);
		html_close(&p->h);
		html_close(&p->h);	/* form */
		html_close(&p->h);	/* details */
	}
	html_close(&p->h);
}

/* ---- the playbook ----------------------------------------------------------- */

/* The form that ticks step key (what was posted for it when refused). */
static void
tick_form(struct page *p, const struct inc_view *x,
    const struct inc_state *s, const char *key)
{
	struct req *r = p->r;
	const struct register_decl *d = D(REGISTER_INCIDENT_STEPS);
	bool mine = s->tick_key != NULL && strcmp(s->tick_key, key) == 0;
	bool open = mine && (s->err_tick_at != NULL || s->err_tick_by != NULL ||
	    s->err_tick_note != NULL);

	form_open(p, arena_printf(&r->arena, "%s/steps",
	    inc_url(r, x->row.id)), NULL);
	hidden(p, "step", key);
	if (mine && s->tick_notice != NULL)
		html_elem(&p->h, "p", s->tick_notice, "class", "field-msg",
		    NULL);
	html_open(&p->h, "details", "class", "tick-more", "open", open ? "" :
	    NULL, NULL);
	html_elem(&p->h, "summary", T(r, "incident.tick_more"), NULL);
	form_field_max(p, arena_printf(&r->arena, "done_at.%s", key),
	    "datetime-local", 0, T(r, "reg.incident_steps.f.done_at"),
	    T(r, "incident.tick_at_help"), mine ? s->tick_at : "",
	    mine ? s->err_tick_at : NULL, "off", false);
	form_field_max(p, arena_printf(&r->arena, "by.%s", key), "text",
	    (size_t)d->f[F(REGISTER_INCIDENT_STEPS, "by")].max,
	    T(r, "reg.incident_steps.f.by"), T(r, "incident.tick_by_help"),
	    mine ? s->tick_by : "", mine ? s->err_tick_by : NULL, "off",
	    false);
	form_field_max(p, arena_printf(&r->arena, "note.%s", key), "text",
	    (size_t)d->f[F(REGISTER_INCIDENT_STEPS, "note")].max,
	    T(r, "reg.incident_steps.f.note"), NULL, mine ? s->tick_note : "",
	    mine ? s->err_tick_note : NULL, "off", false);
	html_close(&p->h);	/* details */
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "incident.tick_submit"), "btn btn-small");
	html_close(&p->h);
	html_close(&p->h);	/* form */
}

/* A tick: when, by whom, the note, and the button that takes it back. */
static void
tick_done(struct page *p, const struct inc_view *x,
    const struct register_row *t, bool admin)
{
	struct req *r = p->r;
	int fd = F(REGISTER_INCIDENT_STEPS, "done_at"),
	    fb = F(REGISTER_INCIDENT_STEPS, "by"),
	    fn = F(REGISTER_INCIDENT_STEPS, "note");

	html_open(&p->h, "p", "class", "tick-done", NULL);
	html_elem(&p->h, "strong", T(r, "incident.tick_done"), NULL);
	html_text(&p->h, T(r, "reg.sep"));
	html_elem(&p->h, "time", page_datetime(r, t->v[fd].i), NULL);
	if (t->v[fb].set) {
		html_text(&p->h, T(r, "reg.sep"));
		html_text(&p->h, t->v[fb].s);
	}
	html_close(&p->h);
	if (t->v[fn].set)
		html_elem(&p->h, "p", t->v[fn].s, "class", "help long", NULL);
	if (admin && !x->closed)
		form_button(p, arena_printf(&r->arena, "%s/steps/%" PRId64
		    "/delete", inc_url(r, x->row.id), t->id),
		    T(r, "incident.untick"), "btn btn-secondary btn-small");
}

static void
playbook_section(struct page *p, const struct inc_view *x,
    const struct inc_state *s, bool admin)
{
	struct req *r = p->r;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const struct incident_step *st;
	size_t n, pb = 0, i, done = 0;
	int fs = F(REGISTER_INCIDENT_STEPS, "step");

	st = steps_of(r, x, &n, &pb);
	html_open(&p->h, "section", "class", "incident-playbook", "id",
	    "playbook", "aria-labelledby", "playbook-title", NULL);
	html_elem(&p->h, "h2", st != NULL ? TR(r, &ip->playbook[pb].label) :
	    T(r, "incident.playbook_title"), "id", "playbook-title", NULL);
	if (s->tick_notice != NULL && (s->tick_key == NULL ||
	    s->tick_key[0] == '\0'))
		page_notice(p, "error", s->tick_notice);
	for (i = 0; i < n; i++)
		if (tick_of(x, st[i].key) != NULL)
			done++;
	html_elem(&p->h, "p", Tn(r, "incident.playbook_done", (long)done,
	    (long)n), "class", "progress-text", "id", "playbook-count", NULL);
	html_elem(&p->h, "p", T(r, "incident.playbook_help"), "class", "help",
	    NULL);
	html_open(&p->h, "ol", "class", "playbook", NULL);
	for (i = 0; i < n; i++) {
		const struct register_row *t = tick_of(x, st[i].key);

		html_open(&p->h, "li", "class", t != NULL ? "step step-done" :
		    "step", "data-step", st[i].key, "data-done", t != NULL ?
		    "1" : "0", NULL);
		html_open(&p->h, "p", "class", "meta", NULL);
		html_text(&p->h, TR(r, &ip->phase[st[i].phase].label));
		html_text(&p->h, T(r, "reg.sep"));
		html_elem(&p->h, "span", TR(r, &ip->role[st[i].role].label),
		    "class", "tag", NULL);
		html_close(&p->h);
		page_tr(p, "p", "step-text", &st[i].text);
		if (t != NULL)
			tick_done(p, x, t, admin);
		else if (admin && !x->closed)
			tick_form(p, x, s, st[i].key);
		html_close(&p->h);
	}
	html_close(&p->h);
	if (st != NULL && ip->playbook[pb].handover.n > 0) {
		html_elem(&p->h, "h3", T(r, "incident.handover"), NULL);
		html_open(&p->h, "ul", "class", "handover", NULL);
		for (i = 0; i < ip->playbook[pb].handover.n; i++)
			page_trlist(p, "li", &ip->playbook[pb].handover, i);
		html_close(&p->h);
	}
	/* ticks of steps this playbook does not have (the kind changed) */
	for (i = 0; i < x->nticks; i++) {
		size_t k;
		bool in = false;

		for (k = 0; k < n && !in; k++)
			in = strcmp(st[k].key, x->ticks[i].v[fs].s) == 0;
		if (in)
			continue;
		html_open(&p->h, "div", "class", "panel stray-tick",
		    "data-step", x->ticks[i].v[fs].s, NULL);
		html_elem(&p->h, "p", Tf(r, "incident.tick_stray", "step",
		    x->ticks[i].v[fs].s, NULL), NULL);
		tick_done(p, x, &x->ticks[i], admin);
		html_close(&p->h);
	}
	if (x->closed)
		html_elem(&p->h, "p", T(r, "incident.steps_closed"), "class",
		    "notice notice-info", NULL);
	page_tr(p, "p", "help", &ip->rule_playbooks);
	html_close(&p->h);
}

/* ---- the personal-data report clock ------------------------------------- */

/* "N days left", "due today", "overdue by N days". */
static const char *
countdown(struct req *r, long left)
{
	if (left > 0)
		return Tn(r, "incident.days_left", left, 0);
	if (left == 0)
		return T(r, "incident.due_today");
	return Tn(r, "incident.overdue", -left, 0);
}

/* The value of incident field f for the report's items ("" when empty). */
static const char *
field_value(struct req *r, const struct inc_view *x, enum incident_field f)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	const struct register_row *row = &x->row;
	int i;

	switch (f) {
	case INC_F_COMPANY:
		return x->org;
	case INC_F_LEVEL:
		i = F(REGISTER_INCIDENTS, "level");
		return row->v[i].set && row->v[i].i >= 0 && row->v[i].i <
		    INC_LEVELS ? TR(r,
		    &ct->incidents.level[row->v[i].i].label) : "";
	case INC_F_DETECTED_DATE:
	case INC_F_AWARE_DATE:
		i = F(REGISTER_INCIDENTS, f == INC_F_DETECTED_DATE ?
		    "detected_at" : "aware_at");
		return row->v[i].set ? day_text(r, appi_day_of(row->v[i].i)) :
		    "";
	case INC_F_PEOPLE:
		i = F(REGISTER_INCIDENTS, "people");
		return row->v[i].set ? Tf(r, "incident.people_n", "n",
		    grouped(r, (long)row->v[i].i), NULL) : "";
	case INC_F_NOTES:
		return row->v[F(REGISTER_INCIDENTS, "note")].s;
	case INC_F_TODAY:
		return day_text(r, x->today);
	case INC_F_PREVENTION:
		/* the incident's own field when it has one, else the
		 * lessons' answer to "what would keep it from happening
		 * again" */
		if ((i = register_field(d, "prevention")) >= 0 &&
		    row->v[i].set)
			return row->v[i].s;
		return x->lessons.v[F(REGISTER_INCIDENT_LESSONS,
		    "prevent")].s;
	default:
		break;
	}
	/* a field of the incident keyed as the pack's field */
	if ((i = register_field(d, ct->incidents.field[f].key)) < 0 ||
	    !row->v[i].set)
		return "";
	if (d->f[i].type == RF_ENUM)
		return register_label(&ct->regenv, &d->f[i], &row->v[i],
		    (int)page_lang_of(r));
	return register_text(&d->f[i], &row->v[i], &r->arena);
}

/* The items the report asks for, each filled from the incident or
 * marked still empty. */
static void
report_items(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct appi_pack *ap = &ct->appi;
	size_t i, k, empty = 0;
	int mark;

	for (i = 0; i < INC_AI__MAX; i++) {
		for (k = 0; k < ap->item[i].n_fields; k++)
			if (field_value(r, x, ap->item[i].fields[k])[0] ==
			    '\0')
				break;
		if (k < ap->item[i].n_fields)
			empty++;
	}
	/* nine items, each a card on a phone: behind their one line,
	 * which says how many are still to write */
	html_open(&p->h, "details", "class", "more report-items-more", "id",
	    "report-items", NULL);
	html_open(&p->h, "summary", NULL);
	html_text(&p->h, T(r, "incident.items_title"));
	html_elem(&p->h, "span", Tn(r, "incident.items_count",
	    (long)INC_AI__MAX, (long)empty), "class", "more-detail", NULL);
	html_close(&p->h);
	html_elem(&p->h, "p", T(r, "incident.items_help"), "class", "help",
	    NULL);
	mark = page_table(p, "table report-items", NULL,
	    T(r, "incident.item"), T(r, "incident.item_value"), NULL);
	for (i = 0; i < INC_AI__MAX; i++) {
		size_t filled = 0;
		const char *state;

		for (k = 0; k < ap->item[i].n_fields; k++)
			if (field_value(r, x, ap->item[i].fields[k])[0] != '\0')
				filled++;
		state = filled == 0 ? "empty" : filled < ap->item[i].n_fields ?
		    "partial" : "filled";
		html_open(&p->h, "tr", "data-item", ap->item[i].key,
		    "data-state", state, NULL);
		p->tab.col = 0;
		page_td(p, TR(r, &ap->item[i].label), NULL);
		page_td_open(p, "long");
		for (k = 0; k < ap->item[i].n_fields; k++) {
			enum incident_field f = ap->item[i].fields[k];
			const char *v = field_value(r, x, f);

			html_open(&p->h, "p", "data-field",
			    ct->incidents.field[f].key, NULL);
			if (ap->item[i].n_fields > 1) {
				html_elem(&p->h, "span", TR(r,
				    &ct->incidents.field[f].label), "class",
				    "dl-label", NULL);
				html_text(&p->h, T(r, "incident.colon"));
			}
			if (v[0] != '\0')
				html_text(&p->h, v);
			else
				html_elem(&p->h, "span", T(r,
				    "incident.still_empty"), "class",
				    "missing", NULL);
			html_close(&p->h);
		}
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", T(r, "incident.items_where"), "class", "help",
	    NULL);
	html_close(&p->h);	/* details */
}

/* Why no report is due, in words. */
static void
not_required(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	const struct appi_pack *ap = &req_app(r)->content.appi;
	struct appi_case c;
	size_t i;

	registers_appi_case(&x->row, &c);
	html_open(&p->h, "div", "class", "panel appi-none", "data-why",
	    !c.personal ? "no_personal" : c.encrypted ? "encrypted" :
	    "no_reason", NULL);
	html_elem(&p->h, "strong", T(r, "incident.appi_not_required"), NULL);
	if (!c.personal)
		html_elem(&p->h, "p", T(r, "incident.why_no_personal"), NULL);
	else if (c.encrypted) {
		html_elem(&p->h, "p", T(r, "incident.why_encrypted"), NULL);
		page_tr(p, "p", "help", &ap->exempt);
	} else {
		html_elem(&p->h, "p", T(r, "incident.why_no_reason"), NULL);
		html_open(&p->h, "ul", "class", "appi-reasons", NULL);
		for (i = 0; i < INC_R__MAX; i++)
			page_tr(p, "li", NULL, &ap->reason[i].label);
		html_close(&p->h);
		if (c.people < 0)
			html_elem(&p->h, "p", Tn(r,
			    "incident.why_people_unknown", ap->threshold, 0),
			    "class", "help", NULL);
	}
	html_close(&p->h);
}

static void
appi_section(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	const struct appi_pack *ap = &req_app(r)->content.appi;
	const struct appi_due *due = &x->due;
	struct incident_clock k;
	size_t i;
	int mark;

	html_open(&p->h, "section", "class", "incident-appi", "id", "appi",
	    "aria-labelledby", "appi-title", NULL);
	html_elem(&p->h, "h2", T(r, "incident.appi_title"), "id",
	    "appi-title", NULL);
	html_elem(&p->h, "p", Tf(r, "incident.appi_law", "law", TR(r,
	    &ap->law), "date", ap->in_force, "articles", TR(r, &ap->articles),
	    NULL), "class", "help", NULL);
	if (req_app(r)->content.regenv.appi == NULL || due->reasons == 0) {
		not_required(p, x);
		goto rules;
	}
	incident_clock(due, x->today, &k);
	html_open(&p->h, "div", "class", k.final_left < 0 ||
	    k.prelim_left < 0 ? "panel panel-danger appi-required" :
	    "panel panel-warn appi-required", "data-required", "1", NULL);
	html_elem(&p->h, "strong", Tf(r, "incident.appi_required",
	    "authority", TR(r, &ap->authority), NULL), NULL);
	html_elem(&p->h, "p", T(r, "incident.appi_because"), NULL);
	html_open(&p->h, "ul", "class", "appi-reasons", NULL);
	for (i = 0; i < INC_R__MAX; i++) {
		if (!(due->reasons & (1u << i)))
			continue;
		html_open(&p->h, "li", "data-reason", ap->reason[i].key, NULL);
		page_tr(p, "strong", NULL, &ap->reason[i].label);
		page_tr(p, "p", "help", &ap->reason[i].explain);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);	/* panel */
	html_elem(&p->h, "p", Tf(r, x->from_aware ? "incident.counted_aware" :
	    "incident.counted_detected", "date", day_text(r,
	    appi_day_of(x->row.v[F(REGISTER_INCIDENTS, x->from_aware ?
	    "aware_at" : "detected_at")].i)), "today", day_text(r, x->today),
	    NULL), "class", "help", "id", "counted", NULL);
	mark = page_table(p, "table appi-dues", NULL, T(r, "incident.due_what"),
	    T(r, "incident.due_when"), T(r, "incident.due_date"),
	    T(r, "incident.due_left"), NULL);
	html_open(&p->h, "tr", "data-due", "preliminary", "data-from",
	    day_text(r, due->prelim_from), "data-to", day_text(r,
	    due->prelim_to), "data-days", arena_printf(&r->arena, "%ld",
	    k.prelim_left), NULL);
	p->tab.col = 0;
	page_td(p, TR(r, &ap->preliminary.label), NULL);
	page_td(p, TR(r, &ap->preliminary.when), NULL);
	page_td(p, Tf(r, "incident.window", "from", day_text(r,
	    due->prelim_from), "to", day_text(r, due->prelim_to), NULL), NULL);
	page_td(p, k.prelim_opens > 0 ? Tf(r, "incident.window_opens", "left",
	    countdown(r, k.prelim_left), "opens", Tn(r, "incident.days_n",
	    k.prelim_opens, 0), NULL) : countdown(r, k.prelim_left),
	    k.prelim_left < 0 ? "overdue" : NULL);
	html_close(&p->h);
	html_open(&p->h, "tr", "data-due", "final", "data-to", day_text(r,
	    due->final), "data-days", arena_printf(&r->arena, "%ld",
	    k.final_left), NULL);
	p->tab.col = 0;
	page_td(p, TR(r, &ap->final.label), NULL);
	page_td(p, TR(r, &ap->final.when), NULL);
	page_td(p, day_text(r, due->final), NULL);
	page_td(p, countdown(r, k.final_left), k.final_left < 0 ? "overdue" :
	    NULL);
	html_close(&p->h);
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", T(r, x->reported > 0 ? "incident.ppc_ticked" :
	    "incident.ppc_not_ticked"), "class", x->reported > 0 ?
	    "notice notice-ok" : "notice notice-info", "id", "ppc-tick",
	    NULL);
	html_open(&p->h, "div", "class", "panel notify-people", NULL);
	html_elem(&p->h, "strong", T(r, "incident.notify_title"), NULL);
	page_tr(p, "p", NULL, &ap->notify_people);
	html_close(&p->h);
	report_items(p, x);
rules:
	html_open(&p->h, "div", "class", "panel panel-warn not-filed",
	    "id", "not-filed", NULL);
	page_tr(p, "strong", NULL, &ap->rule_not_filed);
	html_close(&p->h);
	html_open(&p->h, "details", "class", "explain appi-rules", NULL);
	html_elem(&p->h, "summary", T(r, "incident.rules_title"), NULL);
	page_tr(p, "p", "help", &ap->rule_law);
	page_tr(p, "p", "help", &ap->rule_ours);
	html_close(&p->h);
	html_close(&p->h);
}

/* The deadline in one line near the top, when one is due. */
static void
due_banner(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	const char *line;
	bool late;

	if (x->closed || x->reported > 0 ||
	    (line = due_line(r, &x->due, x->today, &late)) == NULL)
		return;
	html_open(&p->h, "p", "class", late ? "notice notice-error due" :
	    "notice notice-info due", "id", "due-banner", NULL);
	html_elem(&p->h, "a", line, "href", "#appi", NULL);
	html_close(&p->h);
}

/* ---- lessons learned ------------------------------------------------------- */

static void
drafts_form(struct page *p, const struct inc_view *x,
    const struct inc_state *s)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pl = D(REGISTER_PLAN);
	struct choices areas = { PLAN_AREA__MAX,
	    (struct choice *)ct->plan.area };
	size_t i, open = s->ndrafts - s->taken;

	html_open(&p->h, "section", "class", "incident-drafts", "id", "drafts",
	    "aria-labelledby", "drafts-title", NULL);
	html_elem(&p->h, "h3", T(r, "incident.drafts_title"), "id",
	    "drafts-title", NULL);
	if (s->draft_notice != NULL)
		page_notice(p, "error", s->draft_notice);
	html_elem(&p->h, "p", T(r, open > 0 ? "incident.drafts_intro" :
	    "incident.drafts_none"), "class", "help", NULL);
	if (s->taken > 0)
		html_elem(&p->h, "p", Tn(r, "incident.drafts_taken",
		    (long)s->taken, 0), "class", "help", "id", "taken", NULL);
	if (open == 0) {
		html_close(&p->h);
		return;
	}
	form_open(p, arena_printf(&r->arena, "%s/plan",
	    inc_url(r, x->row.id)), NULL);
	html_open(&p->h, "ol", "class", "proposals", NULL);
	for (i = 0; i < s->ndrafts; i++) {
		const struct draft *dr = &s->drafts[i];
		const char *k = ct->incidents.lesson[dr->q].key;

		if (dr->taken)
			continue;
		html_open(&p->h, "li", "class", "proposal", "data-lesson", k,
		    NULL);
		html_open(&p->h, "label", "class", "choice proposal-pick",
		    NULL);
		html_void(&p->h, "input", "type", "checkbox", "name", "pick",
		    "value", k, "checked", dr->on ? "" : NULL, NULL);
		page_tr(p, "strong", NULL,
		    &ct->incidents.lesson[dr->q].question);
		html_close(&p->h);
		form_choices(p, arena_printf(&r->arena, "area.%s", k),
		    T(r, "reg.plan.f.area"), &areas, dr->area, NULL);
		form_field_max(p, arena_printf(&r->arena, "measure.%s", k),
		    NULL, (size_t)pl->f[register_field(pl, "measure")].max,
		    T(r, "reg.plan.f.measure"), NULL, dr->measure, dr->err,
		    "off", false);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "incident.drafts_submit"), NULL);
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);	/* section */
}

static void
lessons_section(struct page *p, const struct inc_view *x,
    const struct inc_state *s, bool admin)
{
	struct req *r = p->r;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const struct register_decl *d = D(REGISTER_INCIDENT_LESSONS);
	int f0 = F(REGISTER_INCIDENT_LESSONS, "incident") + 1, q;

	html_open(&p->h, "section", "class", "incident-lessons", "id",
	    "lessons", "aria-labelledby", "lessons-title", NULL);
	html_elem(&p->h, "h2", T(r, "incident.lessons_title"), "id",
	    "lessons-title", NULL);
	html_elem(&p->h, "p", T(r, "incident.lessons_help"), "class", "help",
	    NULL);
	if (s->lessons_stale)
		page_notice(p, "error", T(r, "incident.lessons_stale"));
	else if (s->lessons_notice != NULL)
		page_notice(p, "error", s->lessons_notice);
	if (!admin) {
		html_open(&p->h, "dl", "class", "answers", NULL);
		for (q = 0; q < INC_LESSONS; q++) {
			const struct register_val *v = &x->lessons.v[f0 + q];

			page_tr(p, "dt", NULL, &ip->lesson[q].question);
			html_elem(&p->h, "dd", v->set ? v->s :
			    T(r, "incident.blank"), "class", "long", NULL);
		}
		html_close(&p->h);
		html_close(&p->h);
		return;
	}
	{
		bool open = x->lessons.rev > 0 || s->lessons_stale ||
		    s->lessons_notice != NULL || s->lessons_mine ||
		    s->ndrafts > 0 || (x->status > INC_OPEN);

		html_open(&p->h, "details", "class", "more lessons-form",
		    "open", open ? "" : NULL, NULL);
		html_elem(&p->h, "summary", T(r, "incident.lessons_open"),
		    NULL);
	}
	form_open(p, arena_printf(&r->arena, "%s/lessons",
	    inc_url(r, x->row.id)), NULL);
	hidden(p, "rev", arena_printf(&r->arena, "%" PRId64, x->lessons.rev));
	for (q = 0; q < INC_LESSONS; q++) {
		const char *stored = x->lessons.v[f0 + q].s;
		const char *mine = s->lessons_mine ? s->answer[q] : stored;
		const char *help = TR(r, &ip->lesson[q].hint);

		if (s->lessons_stale && strcmp(mine, stored) != 0)
			help = Tf(r, "incident.theirs", "text",
			    stored[0] != '\0' ? stored :
			    T(r, "incident.blank"), NULL);
		form_field_max(p, arena_printf(&r->arena, "l.%s",
		    ip->lesson[q].key), NULL, (size_t)d->f[f0 + q].max,
		    Tf(r, "incident.lesson_q", "n", arena_printf(&r->arena,
		    "%d", q + 1), "q", TR(r, &ip->lesson[q].question), NULL),
		    help, mine, s->err_answer[q], "off", false);
	}
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "incident.lessons_submit"), NULL);
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);	/* details */
	{
		/* where to look for improvements */
		size_t v, i;

		html_open(&p->h, "details", "class", "viewpoints", NULL);
		html_elem(&p->h, "summary", T(r, "incident.viewpoints"), NULL);
		for (v = 0; v < INC_V__MAX; v++) {
			page_tr(p, "h3", NULL, &ip->view[v].label);
			html_open(&p->h, "ul", NULL);
			for (i = 0; i < ip->view[v].hints.n; i++)
				page_trlist(p, "li", &ip->view[v].hints, i);
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	if (s->ndrafts > 0)
		drafts_form(p, x, s);
	html_close(&p->h);
}

/* ---- status and closing ------------------------------------------------- */

static void
status_section(struct page *p, const struct inc_view *x,
    const struct inc_state *s, bool admin)
{
	struct req *r = p->r;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const struct register_val *by = &x->row.v[F(REGISTER_INCIDENTS,
	    "close_confirmed_by")];
	struct choices sts = { INC_STATUS__MAX, (struct choice *)ip->status };

	html_open(&p->h, "section", "class", "incident-status", "id",
	    "status", "aria-labelledby", "status-title", NULL);
	html_elem(&p->h, "h2", T(r, "incident.status_title"), "id",
	    "status-title", NULL);
	if (s->status_notice != NULL)
		page_notice(p, "error", s->status_notice);
	if (x->closed && by->set)
		html_elem(&p->h, "p", Tf(r, "incident.closed_unreported", "who",
		    by->s[0] != '\0' ? by->s : T(r, "reg.someone"), NULL),
		    "class", "notice notice-info", "id", "close-confirmed",
		    NULL);
	if (!admin) {
		html_close(&p->h);
		return;
	}
	html_elem(&p->h, "p", T(r, "incident.status_help"), "class", "help",
	    NULL);
	form_open(p, arena_printf(&r->arena, "%s/status",
	    inc_url(r, x->row.id)), NULL);
	hidden(p, "rev", arena_printf(&r->arena, "%" PRId64, x->row.rev));
	form_choices(p, "status", T(r, "reg.incidents.f.status"), &sts,
	    x->status >= 0 ? ip->status[x->status].key : NULL, NULL);
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "incident.status_submit"), NULL);
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);
}

/* ---- the page ---------------------------------------------------------------- */

/* The sections of this long page, each with where it stands, to jump
 * to on a phone. */
static void
page_index(struct page *p, const struct inc_view *x)
{
	struct req *r = p->r;
	size_t n, pb = 0, i, done = 0;
	const struct incident_step *st = steps_of(r, x, &n, &pb);
	int fl = F(REGISTER_INCIDENT_LESSONS, "incident") + 1, q, answered = 0;

	for (i = 0; i < n; i++)
		if (tick_of(x, st[i].key) != NULL)
			done++;
	for (q = 0; q < INC_LESSONS; q++)
		if (x->lessons.v[fl + q].set)
			answered++;
	html_open(&p->h, "nav", "class", "page-index", "aria-label",
	    T(r, "incident.index"), NULL);
	html_open(&p->h, "ul", NULL);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", Tn(r, "incident.index_log", (long)x->nlog, 0),
	    "href", "#log", NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", Tn(r, "incident.index_playbook", (long)done,
	    (long)n), "href", "#playbook", NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", x->due.reasons != 0 ? Tf(r,
	    "incident.index_appi_due", "date", day_text(r, x->due.final),
	    NULL) : T(r, "incident.index_appi"), "href", "#appi", NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", T(r, "incident.index_reports"), "href",
	    "#incident-reports", NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", Tn(r, "incident.index_lessons", answered,
	    INC_LESSONS), "href", "#lessons", NULL);
	html_close(&p->h);
	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "a", T(r, "incident.status_title"), "href",
	    "#status", NULL);
	html_close(&p->h);
	html_close(&p->h);
	html_close(&p->h);
}

static int
inc_page(struct req *r, const struct inc_view *x, struct inc_state *s,
    int status)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	bool admin = page_can_admin(r) != 0;
	const char *title;
	struct page p;
	int st, fk = F(REGISTER_INCIDENTS, "kind");

	title = Tf(r, "incident.page_title", "no", arena_printf(&r->arena,
	    "%" PRId64, x->row.id), "kind", register_label(e, &d->f[fk],
	    &x->row.v[fk], (int)page_lang_of(r)), NULL);
	if (s->log_at == NULL)
		s->log_at = local_moment(r, account_now());
	if (s->log_who == NULL)
		s->log_who = r->auth.email != NULL ? r->auth.email : "";
	if (s->log_what == NULL)
		s->log_what = "";
	if (s->log_evidence == NULL)
		s->log_evidence = "";
	if ((st = inc_begin(&p, r, title)) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "incident.back"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/incidents", r->org_id),
	    "class", "back", NULL);
	page_h1(&p, title);
	html_elem(&p.h, "p", x->row.v[F(REGISTER_INCIDENTS, "summary")].s,
	    "class", "lead long", "id", "summary", NULL);
	if (s->notice != NULL)
		page_notice(&p, "error", s->notice);
	else if (s->ok != NULL)
		page_notice(&p, "ok", s->ok);
	due_banner(&p, x);
	page_index(&p, x);
	header(&p, x);
	html_open(&p.h, "p", "class", "actions", NULL);
	if (admin) {
		html_elem(&p.h, "a", T(r, "incident.edit"), "href",
		    arena_printf(&r->arena, "%s/edit", row_url(r,
		    REGISTER_INCIDENTS, x->row.id)), "class", "btn", NULL);
		html_text(&p.h, " ");
	}
	html_elem(&p.h, "a", T(r, "incident.history"), "href",
	    row_url(r, REGISTER_INCIDENTS, x->row.id), "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	log_section(&p, x, s, admin);
	playbook_section(&p, x, s, admin);
	appi_section(&p, x);
	page_incident_reports_panel(&p, x->row.id);
	page_incident_notice_links(&p, x->row.id);
	lessons_section(&p, x, s, admin);
	status_section(&p, x, s, admin);
	return page_end(&p, status);
}

/* The success line a redirect asked for. */
static const char *
ok_of(struct req *r)
{
	static const char *const flags[] = { "logged", "ticked", "unticked",
	    "status", "lessons", "planned" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if ((v = req_query(r, flags[i])) != NULL) {
			long n = 0;

			if (str_to_long(str_c(v), 0, 1000, &n) != 0)
				n = 0;
			return Tn(r, arena_printf(&r->arena, "incident.ok_%s",
			    flags[i]), n, 0);
		}
	return NULL;
}

int
page_incident(struct req *r)
{
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	int st;

	if ((st = inc_load(r, req_param_id(r, "id"), x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	s->ok = ok_of(r);
	drafts_of(r, x, s);
	return inc_page(r, x, s, 200);
}

/* Back to the page at #frag with ?flag=n. */
static int
back_to(struct req *r, int64_t id, const char *flag, long n,
    const char *frag)
{
	return req_redirect(r, arena_printf(&r->arena, "%s?%s=%ld#%s",
	    inc_url(r, id), flag, n, frag));
}

/* ---- a log entry ------------------------------------------------------------- */

/* The errors of a write refused by its register's rules, each beside
 * the field it names (*slot[field], when the form has that field), else
 * as the section's notice. */
static void
place_errors(struct req *r, const struct register_errs *errs,
    const struct register_decl *d, const char **slot[],
    const char **notice)
{
	size_t k;

	for (k = 0; k < errs->n; k++) {
		const struct register_err *e = &errs->e[k];

		if (e->field >= 0 && (size_t)e->field < d->nf &&
		    slot[e->field] != NULL) {
			if (*slot[e->field] == NULL)
				*slot[e->field] = page_err_text(r, e);
		} else if (*notice == NULL)
			*notice = page_err_text(r, e);
	}
}

int
page_incident_log_post(struct req *r)
{
	const struct register_decl *d = D(REGISTER_INCIDENT_LOG);
	const struct register_env *e = &req_app(r)->content.regenv;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	const char **slot[REGISTER_FIELDS_MAX];
	struct register_errs errs;
	struct register_row row;
	int64_t id = req_param_id(r, "id"), nid;
	bool bad = false;
	int st, rc;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	memset(slot, 0, sizeof(slot));
	s->log_at = page_posted_text(r, "at", &bad);
	s->log_who = page_posted_text(r, "who", &bad);
	s->log_what = page_posted_text(r, "what", &bad);
	s->log_evidence = page_posted_text(r, "evidence", &bad);
	row_blank(d, &row);
	set_value(r, d, &row, "incident", arena_printf(&r->arena, "%" PRId64,
	    id), &s->log_notice);
	set_value(r, d, &row, "at", s->log_at, &s->err_at);
	set_value(r, d, &row, "who", s->log_who, &s->err_who);
	set_value(r, d, &row, "what", s->log_what, &s->err_what);
	set_value(r, d, &row, "evidence", s->log_evidence, &s->err_evidence);
	if (bad && s->err_what == NULL)
		s->err_what = T(r, "reg.err.encoding");
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	/* the register's own rules too, so every error shows at once (the
	 * write checks them again) */
	d->check(e, &row, NULL, account_now(), &errs);
	slot[F(REGISTER_INCIDENT_LOG, "at")] = &s->err_at;
	slot[F(REGISTER_INCIDENT_LOG, "who")] = &s->err_who;
	slot[F(REGISTER_INCIDENT_LOG, "what")] = &s->err_what;
	slot[F(REGISTER_INCIDENT_LOG, "evidence")] = &s->err_evidence;
	if (errs.n == 0 && s->err_at == NULL && s->err_who == NULL &&
	    s->err_what == NULL && s->err_evidence == NULL &&
	    s->log_notice == NULL) {
		rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row,
		    &nid, &errs);
		if (rc == DB_OK)
			return back_to(r, id, "logged", 1, "log");
		if (rc == REGISTER_FULL)
			s->log_notice = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
		else if (rc == REGISTER_BAD_REF)
			return 404;	/* the incident went meanwhile */
		else if (rc != REGISTER_INVALID)
			return 503;
	}
	place_errors(r, &errs, d, slot, &s->log_notice);
	if ((st = inc_load(r, id, x)) != 0)
		return st;
	s->notice = T(r, "form.err.summary");
	drafts_of(r, x, s);
	return inc_page(r, x, s, PAGE_INVALID);
}

/* ---- ticking a step ---------------------------------------------------------- */

int
page_incident_tick_post(struct req *r)
{
	const struct register_decl *d = D(REGISTER_INCIDENT_STEPS);
	const struct register_env *e = &req_app(r)->content.regenv;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	const char **slot[REGISTER_FIELDS_MAX];
	const char *key = req_field(r, "step"), *why = NULL;
	const struct incident_step *sp;
	struct register_errs errs;
	struct register_row row;
	int64_t id = req_param_id(r, "id"), nid;
	bool bad = false, shown = false;
	size_t k, n, pb;
	int st, rc;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	memset(slot, 0, sizeof(slot));
	if (key == NULL || !str_utf8_valid(str_c(key)))
		key = "";
	s->tick_at = page_posted_text(r, arena_printf(&r->arena, "done_at.%s", key),
	    &bad);
	s->tick_by = page_posted_text(r, arena_printf(&r->arena, "by.%s", key),
	    &bad);
	s->tick_note = page_posted_text(r, arena_printf(&r->arena, "note.%s", key),
	    &bad);
	row_blank(d, &row);
	set_value(r, d, &row, "incident", arena_printf(&r->arena, "%" PRId64,
	    id), &why);
	set_value(r, d, &row, "step", key, &why);
	/* now, by the one who ticks, unless said otherwise */
	set_value(r, d, &row, "done_at", s->tick_at[0] != '\0' ? s->tick_at :
	    local_moment(r, account_now()), &s->err_tick_at);
	set_value(r, d, &row, "by", s->tick_by[0] != '\0' ? s->tick_by :
	    r->auth.email != NULL ? r->auth.email : "", &s->err_tick_by);
	set_value(r, d, &row, "note", s->tick_note, &s->err_tick_note);
	if (bad && s->err_tick_note == NULL)
		s->err_tick_note = T(r, "reg.err.encoding");
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	d->check(e, &row, NULL, account_now(), &errs);
	slot[F(REGISTER_INCIDENT_STEPS, "done_at")] = &s->err_tick_at;
	slot[F(REGISTER_INCIDENT_STEPS, "by")] = &s->err_tick_by;
	slot[F(REGISTER_INCIDENT_STEPS, "note")] = &s->err_tick_note;
	if (errs.n == 0 && why == NULL && s->err_tick_at == NULL &&
	    s->err_tick_by == NULL && s->err_tick_note == NULL) {
		rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row,
		    &nid, &errs);
		if (rc == DB_OK)
			return back_to(r, id, "ticked", 1, "playbook");
		if (rc == REGISTER_FULL)
			why = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
		else if (rc == REGISTER_BAD_REF)
			return 404;	/* the incident went meanwhile */
		else if (rc != REGISTER_INVALID)
			return 503;
	}
	/* the refusals of the step (another playbook's, ticked already)
	 * and of the incident (closed) say why; the others go beside
	 * their fields */
	for (k = 0; k < errs.n; k++) {
		const struct register_err *er = &errs.e[k];

		if (er->field >= 0 && slot[er->field] != NULL) {
			if (*slot[er->field] == NULL)
				*slot[er->field] = page_err_text(r, er);
		} else if (why == NULL)
			why = page_err_text(r, er);
	}
	if ((st = inc_load(r, id, x)) != 0)
		return st;
	/* a step of this playbook still to tick keeps its form, the
	 * reason and every value beside it; any other is named at the top
	 * of the checklist */
	sp = steps_of(r, x, &n, &pb);
	for (k = 0; sp != NULL && k < n && !shown; k++)
		shown = strcmp(sp[k].key, key) == 0;
	shown = shown && !x->closed && tick_of(x, key) == NULL;
	if (why == NULL && !shown)
		why = s->err_tick_at != NULL ? s->err_tick_at :
		    s->err_tick_by != NULL ? s->err_tick_by :
		    s->err_tick_note;
	s->tick_key = shown ? key : "";
	s->tick_notice = shown ? why : Tf(r, "incident.tick_refused", "step",
	    key, "why", why != NULL ? why : T(r, "form.err.summary"), NULL);
	s->notice = T(r, "form.err.summary");
	drafts_of(r, x, s);
	return inc_page(r, x, s, PAGE_INVALID);
}

/* ---- taking a tick back ---------------------------------------------------- */

static int
untick_ask(struct req *r, const struct inc_view *x,
    const struct register_row *t, const char *notice, int status)
{
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	const char *key = t->v[F(REGISTER_INCIDENT_STEPS, "step")].s;
	const char *self = inc_url(r, x->row.id);
	const struct incident_step *sp;
	struct page p;
	size_t n, pb, k;
	int st;

	if ((st = inc_begin(&p, r, T(r, "incident.untick_title"))) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "reg.keep"), "href", arena_printf(&r->arena,
	    "%s#playbook", self), "class", "back", NULL);
	page_h1(&p, T(r, "incident.untick_title"));
	if (notice != NULL)
		page_notice(&p, "error", notice);
	sp = steps_of(r, x, &n, &pb);
	for (k = 0; sp != NULL && k < n; k++)
		if (strcmp(sp[k].key, key) == 0) {
			html_open(&p.h, "p", "class", "meta", NULL);
			html_text(&p.h, TR(r, &ip->phase[sp[k].phase].label));
			html_text(&p.h, T(r, "reg.sep"));
			html_text(&p.h, TR(r, &ip->role[sp[k].role].label));
			html_close(&p.h);
			page_tr(&p, "p", "lead", &sp[k].text);
		}
	tick_done(&p, x, t, false);
	page_notice(&p, "info", T(r, "incident.untick_help"));
	form_open(&p, arena_printf(&r->arena, "%s/steps/%" PRId64 "/delete",
	    self, t->id), NULL);
	hidden(&p, "confirm", "1");
	hidden(&p, "rev", arena_printf(&r->arena, "%" PRId64, t->rev));
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "incident.untick_yes"), "btn btn-danger");
	html_elem(&p.h, "a", T(r, "reg.keep"), "href", arena_printf(&r->arena,
	    "%s#playbook", self), "class", "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_incident_untick_post(struct req *r)
{
	const struct register_decl *d = D(REGISTER_INCIDENT_STEPS);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	const char *confirm = req_field(r, "confirm");
	int64_t id = req_param_id(r, "id"), sid = req_param_id(r, "sid");
	const struct register_row *t = NULL;
	size_t i;
	int st, rc;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	for (i = 0; i < x->nticks; i++)
		if (x->ticks[i].id == sid)
			t = &x->ticks[i];
	if (t == NULL)
		return 404;
	if (x->closed) {
		/* its record is final (the register's row page can still
		 * delete the row, kept in the history) */
		struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));

		memset(s, 0, sizeof(*s));
		s->tick_key = "";
		s->tick_notice = T(r, "reg.err.closed");
		s->notice = T(r, "reg.err.closed");
		drafts_of(r, x, s);
		return inc_page(r, x, s, PAGE_INVALID);
	}
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return untick_ask(r, x, t, NULL, 200);
	rc = register_delete(req_app(r)->db, d, r->org_id, &who, sid,
	    page_posted_rev(r));
	if (rc == DB_OK)
		return back_to(r, id, "unticked", 1, "playbook");
	if (rc == REGISTER_GONE)
		return 404;
	if (rc != REGISTER_STALE)
		return 503;
	if ((st = inc_load(r, id, x)) != 0)
		return st;
	for (i = 0, t = NULL; i < x->nticks; i++)
		if (x->ticks[i].id == sid)
			t = &x->ticks[i];
	if (t == NULL)
		return 404;
	return untick_ask(r, x, t, T(r, "reg.delete_stale"), 409);
}

/* ---- the status, and closing ------------------------------------------------ */

/* Whether the caller is a member of the organisation: the instance
 * admin reaches every one with an admin's role without being one. */
static bool
is_member(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	bool yes;

	if (!r->auth.admin)
		return true;
	c = db_acquire(db);
	yes = org_member_role(c, &r->arena, r->auth.user_id, r->org_id) !=
	    NULL;
	db_release(db, c);
	return yes;
}

/* The page that asks before closing an incident whose report to the
 * Commission is due and not ticked; err beside the checkbox. */
static int
close_ask(struct req *r, const struct inc_view *x, int64_t rev,
    const char *err, int status)
{
	const char *self = inc_url(r, x->row.id);
	const char *eid = "e-confirm_unreported";
	struct page p;
	int st;

	if ((st = inc_begin(&p, r, T(r, "incident.close_title"))) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "incident.close_keep"), "href",
	    arena_printf(&r->arena, "%s#status", self), "class", "back", NULL);
	page_h1(&p, T(r, "incident.close_title"));
	if (err != NULL)
		page_notice(&p, "error", T(r, "form.err.summary"));
	html_elem(&p.h, "p", T(r, "incident.close_why"), "class", "lead",
	    NULL);
	if (x->due.reasons != 0) {
		struct incident_clock k;

		incident_clock(&x->due, x->today, &k);
		html_elem(&p.h, "p", Tf(r, "incident.close_due", "prelim",
		    day_text(r, x->due.prelim_to), "final", day_text(r,
		    x->due.final), "left", countdown(r, k.final_left), NULL),
		    "class", "help", NULL);
	}
	if (!is_member(r)) {
		/* the record names a member of the company who confirmed:
		 * an instance admin who is none cannot be that person */
		html_elem(&p.h, "p", T(r, "incident.close_member_only"),
		    "class", "notice notice-warn", "id", "close-member-only",
		    NULL);
		html_elem(&p.h, "a", T(r, "incident.close_keep"), "href",
		    arena_printf(&r->arena, "%s#status", self), "class",
		    "btn btn-secondary", NULL);
		return page_end(&p, status);
	}
	form_open(&p, arena_printf(&r->arena, "%s/status", self), NULL);
	hidden(&p, "status", "closed");
	hidden(&p, "asked", "1");
	hidden(&p, "rev", arena_printf(&r->arena, "%" PRId64, rev));
	html_open(&p.h, "div", "class", err != NULL ? "field field-error" :
	    "field", NULL);
	if (err != NULL)
		html_elem(&p.h, "p", err, "class", "field-msg", "id", eid,
		    NULL);
	html_open(&p.h, "label", "class", "choice", NULL);
	html_void(&p.h, "input", "type", "checkbox", "name",
	    "confirm_unreported", "value", "1", "id", "f-confirm_unreported",
	    "aria-invalid", err != NULL ? "true" : NULL, "aria-describedby",
	    err != NULL ? eid : NULL, NULL);
	html_elem(&p.h, "span", Tf(r, "incident.close_confirm", "who",
	    r->auth.email != NULL ? r->auth.email : "", NULL), NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "incident.close_yes"), "btn btn-danger");
	html_elem(&p.h, "a", T(r, "incident.close_keep"), "href",
	    arena_printf(&r->arena, "%s#status", self), "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_incident_status_post(struct req *r)
{
	const struct register_decl *d = D(REGISTER_INCIDENTS);
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	const char *key = req_field(r, "status"), *err = NULL;
	const char *confirm = req_field(r, "confirm_unreported");
	struct register_errs errs;
	struct register_row row;
	int64_t id = req_param_id(r, "id"), rev = page_posted_rev(r), nrev;
	int st, rc, fb = F(REGISTER_INCIDENTS, "close_confirmed_by");
	bool closing, asked = req_field(r, "asked") != NULL;
	size_t i;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	row = x->row;
	if (key == NULL || set_value(r, d, &row, "status", key, &err) !=
	    RFE_OK || row.v[F(REGISTER_INCIDENTS, "status")].i < 0) {
		s->status_notice = err != NULL ? err : T(r, "reg.err.choose");
		drafts_of(r, x, s);
		return inc_page(r, x, s, PAGE_INVALID);
	}
	closing = row.v[F(REGISTER_INCIDENTS, "status")].i == INC_CLOSED &&
	    !x->closed;
	if (rev != x->row.rev) {
		s->status_notice = Tf(r, "incident.status_stale", "status",
		    x->status >= 0 ? TR(r, &ip->status[x->status].label) :
		    T(r, "incident.no_status"), NULL);
		drafts_of(r, x, s);
		return inc_page(r, x, s, 409);
	}
	if (closing && x->due.reasons != 0 && x->reported == 0) {
		if (!is_member(r))
			return close_ask(r, x, x->row.rev, NULL, confirm !=
			    NULL ? 403 : 200);
		if (confirm == NULL || strcmp(confirm, "1") != 0)
			return close_ask(r, x, x->row.rev, asked ?
			    T(r, "incident.close_confirm_needed") : NULL,
			    asked ? PAGE_INVALID : 200);
		set_value(r, d, &row, "close_confirmed_by",
		    arena_printf(&r->arena, "%" PRId64, r->auth.user_id),
		    NULL);
	} else if (row.v[F(REGISTER_INCIDENTS, "status")].i != INC_CLOSED) {
		/* reopened: the confirmation was for that closing only */
		row.v[fb].set = false;
		row.v[fb].i = 0;
		row.v[fb].s = "";
	}
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	rc = register_save(req_app(r)->db, e, d, r->org_id, &who, id, rev,
	    &row, &nrev, &errs);
	if (rc == DB_OK)
		return back_to(r, id, "status", 1, "status");
	if (rc == REGISTER_GONE)
		return 404;
	if (rc == REGISTER_INVALID || rc == REGISTER_BAD_REF) {
		/* e.g. the Commission's tick taken back meanwhile */
		if ((st = inc_load(r, id, x)) != 0)
			return st;
		for (i = 0; i < errs.n; i++)
			if (errs.e[i].code == RFE_UNREPORTED)
				return close_ask(r, x, x->row.rev, NULL, 200);
		s->status_notice = errs.n > 0 ? page_err_text(r, &errs.e[0]) :
		    T(r, "form.err.summary");
		drafts_of(r, x, s);
		return inc_page(r, x, s, PAGE_INVALID);
	}
	if (rc != REGISTER_STALE)
		return 503;
	if ((st = inc_load(r, id, x)) != 0)
		return st;
	s->status_notice = Tf(r, "incident.status_stale", "status",
	    x->status >= 0 ? TR(r, &ip->status[x->status].label) :
	    T(r, "incident.no_status"), NULL);
	drafts_of(r, x, s);
	return inc_page(r, x, s, 409);
}

/* ---- lessons learned ------------------------------------------------------- */

int
page_incident_lessons_post(struct req *r)
{
	const struct register_decl *d = D(REGISTER_INCIDENT_LESSONS);
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct incidents_pack *ip = &req_app(r)->content.incidents;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	struct register_errs errs;
	struct register_row row;
	int64_t id = req_param_id(r, "id"), rev = page_posted_rev(r), nid;
	int st, rc, q, f0 = F(REGISTER_INCIDENT_LESSONS, "incident") + 1;
	bool bad, any_err = false;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	s->lessons_mine = true;
	row = x->lessons;
	if (row.rev == 0)
		set_value(r, d, &row, "incident", arena_printf(&r->arena,
		    "%" PRId64, id), &s->lessons_notice);
	for (q = 0; q < INC_LESSONS; q++) {
		bad = false;
		s->answer[q] = page_posted_text(r, arena_printf(&r->arena, "l.%s",
		    ip->lesson[q].key), &bad);
		set_value(r, d, &row, d->f[f0 + q].key, s->answer[q],
		    &s->err_answer[q]);
		if (bad && s->err_answer[q] == NULL)
			s->err_answer[q] = T(r, "reg.err.encoding");
		any_err = any_err || s->err_answer[q] != NULL;
	}
	if (any_err || s->lessons_notice != NULL) {
		if (s->lessons_notice == NULL)
			s->lessons_notice = T(r, "form.err.summary");
		drafts_of(r, x, s);
		return inc_page(r, x, s, PAGE_INVALID);
	}
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	if (x->lessons.rev == 0 && rev == 0)
		rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row,
		    &nid, &errs);
	else if (x->lessons.rev == 0)
		rc = REGISTER_STALE;	/* deleted meanwhile */
	else
		rc = register_save(req_app(r)->db, e, d, r->org_id, &who,
		    x->lessons.id, rev, &row, &nid, &errs);
	if (rc == DB_OK)
		return back_to(r, id, "lessons", 1, "lessons");
	if (rc == REGISTER_FULL || rc == REGISTER_INVALID ||
	    rc == REGISTER_BAD_REF) {
		/* REGISTER_INVALID: a row for this incident appeared
		 * meanwhile (one per incident) — as stale */
		if (rc == REGISTER_INVALID && errs.n > 0 &&
		    errs.e[0].code == RFE_TAKEN)
			goto stale;
		s->lessons_notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : errs.n > 0 ? page_err_text(r,
		    &errs.e[0]) : T(r, "form.err.summary");
		drafts_of(r, x, s);
		return inc_page(r, x, s, PAGE_INVALID);
	}
	if (rc != REGISTER_STALE && rc != REGISTER_GONE)
		return 503;
stale:
	/* Someone saved first: keep theirs, show mine in the boxes with
	 * theirs under them, and offer mine again from their revision. */
	if ((st = inc_load(r, id, x)) != 0)
		return st;
	s->lessons_stale = true;
	drafts_of(r, x, s);
	return inc_page(r, x, s, 409);
}

/* ---- the lessons into the plan ----------------------------------------------- */

int
page_incident_plan_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = D(REGISTER_PLAN);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct inc_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct inc_state *s = arena_alloc(&r->arena, sizeof(*s));
	struct register_row add[INC_LESSONS];
	struct register_errs errs;
	int64_t id = req_param_id(r, "id");
	size_t i, m = 0, picked = 0, nerr = 0;
	int st, rc;

	if ((st = inc_load(r, id, x)) != 0)
		return st;
	memset(s, 0, sizeof(*s));
	drafts_of(r, x, s);
	for (i = 0; i < s->ndrafts; i++) {
		struct draft *dr = &s->drafts[i];
		const char *k = ct->incidents.lesson[dr->q].key;
		const char *text[REGISTER_FIELDS_MAX] = { NULL };
		const char *area;
		bool bad = false, on = false;
		size_t f, j;

		if (dr->taken)
			continue;
		for (j = 0; j < r->form.n; j++)
			if (str_eq_c(r->form.v[j].key, "pick") &&
			    str_eq_c(r->form.v[j].val, k))
				on = true;
		dr->on = on;
		if (req_field_kv(r, arena_printf(&r->arena, "measure.%s", k)) !=
		    NULL)
			dr->measure = page_posted_text(r, arena_printf(&r->arena,
			    "measure.%s", k), &bad);
		if ((area = req_field(r, arena_printf(&r->arena, "area.%s",
		    k))) != NULL)
			dr->area = area;
		if (!dr->on)
			continue;
		picked++;
		page_set_field(d, text, "area", dr->area);
		page_set_field(d, text, "current", draft_current(r, x, dr->q));
		page_set_field(d, text, "measure", dr->measure);
		page_set_field(d, text, "source", incident_source(
		    (long long)id, &r->arena));
		page_set_field(d, text, "status",
		    ct->plan.status[PLAN_TODO].key);
		row_blank(d, &add[m]);
		errs.n = 0;
		for (f = 0; f < d->nf; f++) {
			long a = 0, b = 0;
			enum rf_err e;

			if (text[f] == NULL || d->f[f].derived)
				continue;
			e = register_value(&ct->regenv, &d->f[f], text[f],
			    &r->arena, &add[m].v[f], &a, &b);
			if (e != RFE_OK)
				register_err_add(&errs, (int)f, d->f[f].key, e,
				    a, b);
		}
		register_finish(&ct->regenv, d, &add[m], &errs);
		if (bad)
			register_err_add(&errs, register_field(d, "measure"),
			    "measure", RFE_UTF8, 0, 0);
		if (errs.n > 0) {
			dr->err = errs.e[0].code == RFE_REQUIRED ?
			    T(r, "incident.err.measure") :
			    page_err_text(r, &errs.e[0]);
			nerr++;
			continue;
		}
		m++;
	}
	if (picked == 0)
		s->draft_notice = T(r, "incident.err.pick_one");
	else if (nerr > 0)
		s->draft_notice = T(r, "form.err.summary");
	if (s->draft_notice != NULL)
		return inc_page(r, x, s, PAGE_INVALID);
	errs.n = 0;
	rc = register_add_many(req_app(r)->db, &ct->regenv, d, r->org_id, &who,
	    add, m, &errs);
	if (rc == REGISTER_FULL || rc == REGISTER_INVALID ||
	    rc == REGISTER_BAD_REF) {
		s->draft_notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : errs.n > 0 ? page_err_text(r,
		    &errs.e[0]) : T(r, "form.err.summary");
		return inc_page(r, x, s, PAGE_INVALID);
	}
	if (rc != DB_OK)
		return 503;
	return back_to(r, id, "planned", (long)m, "drafts");
}

/* ---- the report clock as JSON ------------------------------------------------- */

static void
json_day(struct buf *b, struct appi_day d)
{
	buf_printf(b, "\"%04d-%02d-%02d\"", d.y, d.m, d.d);
}

int
page_api_incident_appi(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct db *db = req_app(r)->db;
	int64_t id = req_param_id(r, "id");
	int fa = register_field(d, "aware_at"), fd = register_field(d,
	    "detected_at");
	struct register_row row;
	struct appi_case c;
	struct appi_due due;
	struct db_conn *cn;
	struct buf *b = &r->out;
	const char *sep = "";
	int rc, k;

	if (id <= 0 || e->appi == NULL)
		return 404;
	cn = db_acquire(db);
	rc = register_get(cn, e, d, r->org_id, id, &r->arena, &row);
	db_release(db, cn);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_ROW)
		return 503;
	registers_appi_case(&row, &c);
	/* the clock starts when the company knew; before that is said,
	 * when it was detected */
	appi_due(e->appi, &c, row.v[fa].set ? row.v[fa].i : row.v[fd].i,
	    &due);
	buf_reset(b);
	buf_printf(b, "{\"required\": %s, \"reasons\": [",
	    due.reasons ? "true" : "false");
	for (k = 0; k < APPI_REASONS; k++)
		if (due.reasons & (1u << k)) {
			buf_printf(b, "%s\"%s\"", sep, appi_reason_key(k));
			sep = ", ";
		}
	buf_adds(b, "], \"preliminary_due\": ");
	if (due.reasons) {
		buf_adds(b, "{\"from\": ");
		json_day(b, due.prelim_from);
		buf_adds(b, ", \"to\": ");
		json_day(b, due.prelim_to);
		buf_adds(b, "}, \"final_due\": ");
		json_day(b, due.final);
	} else
		buf_adds(b, "null, \"final_due\": null");
	buf_printf(b, ", \"notify_people\": %s, \"counted_from\": ",
	    due.notify_people ? "true" : "false");
	esc_json(b, str_c(row.v[fa].set ? "aware_at" : "detected_at"));
	buf_adds(b, ", \"law_in_force\": ");
	esc_json(b, str_c(ct->appi.in_force));
	buf_adds(b, "}\n");
	return page_json(r, 200);
}
