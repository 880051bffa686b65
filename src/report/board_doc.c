#include "report/board_doc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/appi.h"
#include "model/asset.h"
#include "model/bcp.h"
#include "model/bcpflow.h"
#include "model/estimate.h"
#include "model/figures.h"
#include "model/incident.h"
#include "model/org.h"
#include "model/register.h"
#include "model/risk.h"
#include "model/round.h"

static const char *
U(const struct board_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

static const char *
Un(const struct board_doc_in *in, struct arena *a, const char *key, long x,
    long y)
{
	return content_ui_n(in->ct, in->lang, key, x, y, a);
}

/* Field key of register k, or -1. */
static int
fld(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

/* Text of field f of row, or "" (unset, or no such field). */
static const char *
text_of(const struct register_row *row, int f)
{
	return f >= 0 && row->v[f].set && row->v[f].s != NULL ? row->v[f].s :
	    "";
}

/* "YYYY-MM-DD" of Unix time t in Japan, in a. */
static const char *
day_of(struct arena *a, int64_t t)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* The bytes of the UTF-8 character at p (never past the end). */
static size_t
u8len(const unsigned char *p)
{
	size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4, k;

	for (k = 1; k < len; k++)
		if (p[k] == '\0')
			return k;
	return len;
}

/*
 * s cut to about em wide, "…" included, when it is wider (a character of
 * three bytes or more counted as a full em, others as 0.6): one line of
 * the page stays one line whatever was typed, so the page stays one page
 * (the registers have the names whole).  Line breaks become spaces.
 */
static const char *
clip(struct arena *a, const char *s, double em)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, keep = 0;
	double w = 0;
	char *t;

	for (i = 0; p[i] != '\0'; i += u8len(p + i)) {
		w += p[i] >= 0xE0 ? 1 : 0.6;
		if (w <= em - 1)
			keep = i + u8len(p + i);
	}
	t = w <= em ? arena_strdup(a, s) : arena_printf(a, "%.*s…", (int)keep,
	    s);
	for (i = 0; t[i] != '\0'; i++)
		if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
			t[i] = ' ';
	return t;
}

/* A score ×10 as "62.4". */
static const char *
tenths_text(struct arena *a, long t)
{
	return arena_printf(a, "%s%ld.%ld", t < 0 ? "-" : "", labs(t) / 10,
	    labs(t) % 10);
}

/* A list of names being joined, at most BOARD_NAMES. */
struct names {
	struct buf	 b;
	long		 n;
};

static void
names_add(const struct board_doc_in *in, struct arena *a, struct names *j,
    const char *name)
{
	if (j->n < BOARD_NAMES) {
		if (j->n > 0)
			buf_addstr(&j->b, str_c(U(in, "board.sep")));
		buf_addstr(&j->b, str_c(clip(a, name, 24)));
	}
	j->n++;
}

static const char *
names_end(const struct board_doc_in *in, struct arena *a, struct names *j)
{
	const char *out = NULL;

	if (j->n > BOARD_NAMES)
		buf_addstr(&j->b, str_c(Un(in, a, "board.more",
		    j->n - BOARD_NAMES, 0)));
	if (j->n > 0)
		out = arena_strndup(a, buf_cstr(&j->b), j->b.n);
	buf_free(&j->b);
	return out;
}

/* ---- reading ------------------------------------------------------------ */

/* The scores of the last BOARD_TREND closed rounds with answers. */
static int
read_scores(struct db_conn *c, struct arena *a, int64_t org,
    struct board_view *v)
{
	struct round *rounds;
	size_t n, i, k, m = 0;
	size_t pick[BOARD_TREND];
	int rc;

	if ((rc = round_list(c, a, org, &rounds, &n)) != DB_OK)
		return rc;
	/* newest first (by id, as the list comes) */
	for (i = 0; i < n && m < BOARD_TREND; i++)
		if (!rounds[i].open && rounds[i].complete > 0)
			pick[m++] = i;
	for (k = 0; k < m; k++) {
		const struct round *r = &rounds[pick[m - 1 - k]];
		struct diag_resp *resp;
		struct diag_result *res = arena_alloc(a, sizeof(*res));
		size_t nr;

		if ((rc = round_answers(c, a, r->id, org, &resp, &nr)) !=
		    DB_OK)
			return rc;
		diag_compute(resp, nr, res);
		v->score_tenths[k] = res->company_tenths;
		v->score_day[k] = day_of(a, r->closed_at);
	}
	v->nscores = m;
	/* the weakest department of the latest, among those shown */
	if (m > 0) {
		const struct dept_row *w;
		struct dept_row *dv;
		size_t nd;

		if ((rc = round_departments(c, a, rounds[pick[0]].id, org, &dv,
		    &nd)) != DB_OK)
			return rc;
		if ((w = dept_weakest(dv, nd)) != NULL) {
			v->dept = w->name;
			v->dept_tenths = w->mean_tenths;
		}
	}
	return DB_OK;
}

/* A risk and its place in the register's order (by id). */
struct ranked {
	struct board_risk	 r;
	size_t			 i;
};

/* Highest value first; on a tie, the older row first. */
static int
risk_cmp(const void *pa, const void *pb)
{
	const struct ranked *x = pa, *y = pb;

	if (x->r.value != y->r.value)
		return (x->r.value < y->r.value) - (x->r.value > y->r.value);
	return (x->i > y->i) - (x->i < y->i);
}

/* The risks of the highest value, with their treatment. */
static int
read_risks(struct db_conn *c, struct arena *a, const struct board_doc_in *in,
    int64_t org, struct board_view *v)
{
	const struct register_env *e = &in->ct->regenv;
	const struct register_decl *d = register_of(REGISTER_RISKS);
	int fa = fld(REGISTER_RISKS, "asset"), ft = fld(REGISTER_RISKS,
	    "threat"), fv = fld(REGISTER_RISKS, "value"),
	    ftr = fld(REGISTER_RISKS, "treatment");
	struct register_row *rows;
	struct ranked *all;
	size_t n, i, m = 0;
	int rc;

	if ((rc = register_list(c, e, d, org, a, &rows, &n)) != DB_OK)
		return rc;
	v->nrisks_all = n;
	all = arena_alloc(a, (n + 1) * sizeof(*all));
	for (i = 0; i < n; i++) {
		const struct register_row *row = &rows[i];

		if (!row->v[fv].set)
			continue;
		all[m].r.name = text_of(row, fa);
		all[m].r.threat = register_label(e, &d->f[ft], &row->v[ft],
		    (int)in->lang);
		all[m].r.value = (long)row->v[fv].i;
		all[m].r.treatment = row->v[ftr].set ? register_label(e,
		    &d->f[ftr], &row->v[ftr], (int)in->lang) : "";
		all[m].i = i;
		m++;
	}
	qsort(all, m, sizeof(*all), risk_cmp);
	for (i = 0; i < m && i < BOARD_RISKS; i++)
		v->risk[i] = all[i].r;
	v->nrisks = i;
	return DB_OK;
}

/* Plan progress: done / total, and the rows late today (an open row —
 * not done, not dropped — whose deadline month has ended: the rule of
 * figures_month_due and figures_late). */
static int
read_plan(struct db_conn *c, struct arena *a, const struct board_doc_in *in,
    int64_t org, struct board_view *v)
{
	const struct register_decl *d = register_of(REGISTER_PLAN);
	int fs = fld(REGISTER_PLAN, "status"), fd = fld(REGISTER_PLAN,
	    "deadline"), fm = fld(REGISTER_PLAN, "measure");
	const char *today = day_of(a, in->now);
	struct register_row *rows;
	size_t n, i;
	int rc;

	if ((rc = register_list(c, &in->ct->regenv, d, org, a, &rows, &n)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		const char *st = text_of(&rows[i], fs);
		char due[FIGURES_DAY_LEN + 1];

		v->plan_total++;
		if (strcmp(st, "done") == 0) {
			v->plan_done++;
			continue;
		}
		if (strcmp(st, "dropped") == 0 || !rows[i].v[fd].set ||
		    !figures_month_due(rows[i].v[fd].s, due) ||
		    strcmp(due, today) >= 0)
			continue;
		if (v->nlate < BOARD_LATE)
			v->late[v->nlate++] = clip(a, text_of(&rows[i], fm),
			    44);
		v->plan_late++;
	}
	return DB_OK;
}

/* Whether system view s is used by process id. */
static bool
uses(const struct bcp_sys_view *s, int fp, int64_t id)
{
	int64_t ids[REGISTER_REFS_MAX];
	size_t n = register_refs(&s->row->v[fp], ids), k;

	for (k = 0; k < n; k++)
		if (ids[k] == id)
			return true;
	return false;
}

/*
 * BCP readiness, from the same view the BCP pages read (bcpflow_read,
 * bcp_warnings): an S process is "without a tested backup" when a
 * system it uses has no copy besides production, or its restore was
 * never tested, was last tested more than a year ago or did not restore
 * everything.  A process misses its RTO when a system it uses took longer
 * to restore in its last test, or needs longer for its provisional steps,
 * than the process's own RTO.
 */
static int
read_bcp(struct db_conn *c, struct arena *a, const struct board_doc_in *in,
    int64_t org, struct board_view *v)
{
	const unsigned untested = BCP_W_NO_BACKUP | BCP_W_NEVER_TESTED |
	    BCP_W_TEST_OLD | BCP_W_TEST_FAILED;
	int fn = fld(REGISTER_PROCESSES, "name"), fp = fld(REGISTER_PROCESSES,
	    "priority"), fr = fld(REGISTER_PROCESSES, "rto_hours"),
	    fsp = fld(REGISTER_SYSTEMS, "processes");
	struct names ns = { BUF_INIT, 0 }, nr = { BUF_INIT, 0 };
	struct bcp_all x;
	size_t i, k;
	int rc;

	if ((rc = bcpflow_read(c, &in->ct->regenv, org, in->now, a, &x)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < x.np; i++) {
		const struct register_row *p = &x.proc[i];
		bool s = p->v[fp].set && p->v[fp].i == BCP_S, bad = false,
		    slow = false;

		for (k = 0; k < x.ns; k++) {
			const struct bcp_sys_view *sv = &x.view[k];

			if (!uses(sv, fsp, p->id))
				continue;
			if (sv->warn & untested)
				bad = true;
			if (p->v[fr].set && ((sv->st.last_test > 0 &&
			    sv->st.test_minutes > p->v[fr].i * 60) ||
			    sv->st.steps_minutes > p->v[fr].i * 60))
				slow = true;
		}
		if (s) {
			v->s_total++;
			if (bad) {
				v->s_untested++;
				names_add(in, a, &ns, text_of(p, fn));
			}
		}
		if (slow) {
			v->rto_miss++;
			names_add(in, a, &nr, text_of(p, fn));
		}
	}
	v->s_names = names_end(in, a, &ns);
	v->rto_names = names_end(in, a, &nr);
	return DB_OK;
}

static int
dl_cmp(const void *pa, const void *pb)
{
	const struct board_deadline *x = pa, *y = pb;

	return (x->left > y->left) - (x->left < y->left);
}

/* Open incidents and the next report deadline of each one due to be
 * reported to the Commission and not ticked as reported: the
 * preliminary report while its window is open, then the final one (the
 * incident page's rule). */
static int
read_incidents(struct db_conn *c, struct arena *a,
    const struct board_doc_in *in, int64_t org, struct board_view *v)
{
	const struct register_env *e = &in->ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	int fs = fld(REGISTER_INCIDENTS, "status"), fa = fld(
	    REGISTER_INCIDENTS, "aware_at"), fd = fld(REGISTER_INCIDENTS,
	    "detected_at"), fu = fld(REGISTER_INCIDENTS, "summary");
	struct appi_day today = appi_day_of(in->now);
	struct board_deadline *all;
	struct register_row *rows;
	int64_t *rep;
	size_t n, nrep, i, k, m = 0;
	int rc;

	if ((rc = register_list(c, e, d, org, a, &rows, &n)) != DB_OK)
		return rc;
	if ((rc = registers_reported_ids(c, e, org, a, &rep, &nrep)) != DB_OK)
		return rc;
	all = arena_alloc(a, (n + 1) * sizeof(*all));
	for (i = 0; i < n; i++) {
		const struct register_row *row = &rows[i];
		struct incident_clock kc;
		struct appi_case ac;
		struct appi_due due;
		bool reported = false;

		if (row->v[fs].set && row->v[fs].i == INC_CLOSED)
			continue;
		v->inc_open++;
		for (k = 0; k < nrep && !reported; k++)
			reported = rep[k] == row->id;
		if (e->appi == NULL || reported)
			continue;
		registers_appi_case(row, &ac);
		appi_due(e->appi, &ac, row->v[fa].set ? row->v[fa].i :
		    row->v[fd].i, &due);
		if (due.reasons == 0)
			continue;
		incident_clock(&due, today, &kc);
		all[m].summary = clip(a, text_of(row, fu), 40);
		all[m].final = kc.prelim_left < 0;
		all[m].left = all[m].final ? kc.final_left : kc.prelim_left;
		{
			struct appi_day dd = all[m].final ? due.final :
			    due.prelim_to;

			all[m].day = arena_printf(a, "%04d-%02d-%02d", dd.y,
			    dd.m, dd.d);
		}
		m++;
	}
	qsort(all, m, sizeof(*all), dl_cmp);
	for (i = 0; i < m && i < BOARD_DEADLINES; i++)
		v->dl[i] = all[i];
	v->ndl = i;
	return DB_OK;
}

int
board_doc_read(struct db_conn *c, struct arena *a,
    const struct board_doc_in *in, int64_t org, struct board_view *v)
{
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = read_scores(c, a, org, v)) == DB_OK)
		rc = peer_stats(c, a, org, &v->peer);
	if (rc == DB_OK && (rc = sa_load(c, a, org, &v->sa)) == DB_OK)
		v->stars = v->sa.two_star ? 2 : v->sa.one_star ? 1 : 0;
	if (rc == DB_OK)
		rc = read_risks(c, a, in, org, v);
	if (rc == DB_OK)
		rc = read_plan(c, a, in, org, v);
	if (rc == DB_OK)
		rc = read_bcp(c, a, in, org, v);
	if (rc == DB_OK)
		rc = read_incidents(c, a, in, org, v);
	/* the worst saved damage estimate (model/estimate.h) */
	v->worst_yen = -1;
	v->worst_name = NULL;
	v->worst_ppm = -1;
	if (rc == DB_OK) {
		struct estimate_saved w;

		if ((rc = estimate_worst(c, org, a, &w)) == DB_OK) {
			v->worst_yen = w.total;
			v->worst_name = w.name;
			if (w.in[EST_IN_SALES] > 0)
				v->worst_ppm = (w.total * 1000000LL +
				    w.in[EST_IN_SALES] / 2) /
				    w.in[EST_IN_SALES];
		} else if (rc == DB_DONE)
			rc = DB_OK;
	}
	return rc == DB_OK ? REPORT_OK : REPORT_ERR_DB;
}

/* ---- the page ------------------------------------------------------------ */

/* "¥12,345,678" */
static const char *
yen(struct arena *a, int64_t y)
{
	char digits[32], out[48];
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%" PRId64, y < 0 ? -y :
	    y);
	if (y < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_printf(a, "¥%s", out);
}

/* A block: its heading in the page's one section (d->last); its lines
 * and its advice follow. */
static struct doc_section *
block(struct doc *d, const struct board_doc_in *in, const char *title_key)
{
	doc_heading(d, d->last, 1, U(in, title_key));
	return d->last;
}

static void
advice(struct doc *d, struct doc_section *s, const struct board_doc_in *in,
    const char *key)
{
	doc_text(d, s, doc_printf(d, "%s %s", U(in, "board.advice_mark"),
	    U(in, key)));
}

static void
score_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.score.title");
	struct doc_block *b;
	size_t k;
	long last, first;

	if (v->nscores == 0) {
		doc_text(d, s, U(in, "board.score.none"));
		advice(d, s, in, "board.advice.score_none");
		return;
	}
	last = v->score_tenths[v->nscores - 1];
	first = v->score_tenths[0];
	/* a row of figures, oldest first: the closing days over the
	 * scores, the latest marked */
	b = doc_table(d, s, v->nscores, 1);
	for (k = 0; k < v->nscores; k++) {
		doc_col(d, &b->tab, k, v->score_day[k], 1, DOC_RIGHT);
		doc_set_text(d, &b->tab, 0, k, tenths_text(a,
		    v->score_tenths[k]));
	}
	doc_cell(&b->tab, 0, v->nscores - 1)->tone = DOC_TONE_MARK;
	doc_text(d, s, doc_printf(d, "%s %s", U(in, "board.score.latest"),
	    tenths_text(a, last)));
	advice(d, s, in, v->nscores < 2 ? "board.advice.score_once" :
	    last < first ? "board.advice.score_down" : last < 500 ?
	    "board.advice.score_low" : "board.advice.score_up");
}

static void
peer_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.peer.title");
	const struct peer_stats *p = &v->peer;

	if (!p->has) {
		doc_text(d, s, v->nscores == 0 ? U(in, "board.peer.no_score") :
		    Un(in, a, "board.peer.too_few", PEER_MIN, 0));
		advice(d, s, in, "board.advice.peer_none");
		return;
	}
	doc_text(d, s, doc_printf(d, "%s %s%%%s%s %ld",
	    U(in, "board.peer.percentile"), tenths_text(a,
	    p->percentile_tenths), U(in, "board.sep"),
	    U(in, "board.peer.n"), (long)p->n));
	advice(d, s, in, p->percentile_tenths >= 500 ?
	    "board.advice.peer_upper" : "board.advice.peer_lower");
}

static void
sa_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.sa.title");
	int i, ndone = 0;

	for (i = 0; i < SA__MAX; i++)
		ndone += v->sa.done[i];
	doc_text(d, s, Un(in, a, "board.sa.stars", v->stars, 0));
	if (v->stars == 0) {
		doc_text(d, s, Un(in, a, "board.sa.principles", ndone,
		    SA__MAX));
		advice(d, s, in, "board.advice.sa_zero");
	} else if (v->stars == 1) {
		struct buf b = BUF_INIT;

		if (!v->sa.diagnosis)
			buf_addstr(&b, str_c(U(in, "board.sa.miss.diagnosis")));
		if (!v->sa.policy) {
			if (b.n)
				buf_addstr(&b, str_c(U(in, "board.sep")));
			buf_addstr(&b, str_c(U(in, "board.sa.miss.policy")));
		} else if (!v->sa.policy_published) {
			if (b.n)
				buf_addstr(&b, str_c(U(in, "board.sep")));
			buf_addstr(&b, str_c(U(in,
			    "board.sa.miss.policy_published")));
		}
		doc_text(d, s, doc_printf(d, "%s %s", U(in, "board.sa.next"),
		    buf_cstr(&b)));
		buf_free(&b);
		advice(d, s, in, "board.advice.sa_one");
	} else
		advice(d, s, in, v->sa.contradicted ?
		    "board.advice.sa_contradicted" : "board.advice.sa_two");
}

static void
risk_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.risk.title");
	struct doc_block *b;
	size_t k;
	bool open = false;

	if (v->nrisks == 0) {
		doc_text(d, s, U(in, "board.risk.none"));
		advice(d, s, in, "board.advice.risk_none");
		return;
	}
	b = doc_table(d, s, 4, v->nrisks);
	doc_col(d, &b->tab, 0, U(in, "board.risk.asset"), 34, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "board.risk.threat"), 24, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "board.risk.value"), 9, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(in, "board.risk.treatment"), 26, DOC_LEFT);
	for (k = 0; k < v->nrisks; k++) {
		doc_set_text(d, &b->tab, k, 0, clip(a, v->risk[k].name, 22));
		doc_set_text(d, &b->tab, k, 1, clip(a, v->risk[k].threat, 15));
		doc_set_num(&b->tab, k, 2, (double)v->risk[k].value, 0);
		doc_set_text(d, &b->tab, k, 3, v->risk[k].treatment[0] ?
		    v->risk[k].treatment : U(in, "board.risk.undecided"));
		if (v->risk[k].treatment[0] == '\0')
			open = true;
	}
	doc_note(d, s, doc_printf(d, "%s %s", Un(in, a, "board.risk.of",
	    (long)v->nrisks, (long)v->nrisks_all), Un(in, a,
	    "board.risk.scale", CIA_LEVELS * RISK_LEVELS, 0)));
	advice(d, s, in, open ? "board.advice.risk_undecided" :
	    "board.advice.risk_decided");
}

static void
plan_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.plan.title");
	size_t k;

	if (v->plan_total == 0) {
		doc_text(d, s, U(in, "board.plan.none"));
		advice(d, s, in, "board.advice.plan_none");
		return;
	}
	doc_text(d, s, doc_printf(d, "%s%s%s", Un(in, a, "board.plan.done",
	    v->plan_done, v->plan_total), U(in, "board.sep"), Un(in, a,
	    "board.plan.late", v->plan_late, 0)));
	if (v->nlate > 0) {
		struct doc_block *b = doc_list(d, s, v->nlate, false);

		for (k = 0; k < v->nlate; k++)
			b->items[k] = doc_str(d, v->late[k]);
	}
	advice(d, s, in, v->plan_late > 0 ? "board.advice.plan_late" :
	    v->plan_done == v->plan_total ? "board.advice.plan_all" :
	    "board.advice.plan_on");
}

static void
bcp_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.bcp.title");

	if (v->s_total == 0 && v->rto_miss == 0) {
		doc_text(d, s, U(in, "board.bcp.none"));
		advice(d, s, in, "board.advice.bcp_none");
		return;
	}
	doc_text(d, s, doc_printf(d, "%s%s", Un(in, a, "board.bcp.untested",
	    v->s_untested, v->s_total), v->s_names ? doc_printf(d, " (%s)",
	    v->s_names) : ""));
	doc_text(d, s, doc_printf(d, "%s%s", Un(in, a, "board.bcp.rto",
	    v->rto_miss, 0), v->rto_names ? doc_printf(d, " (%s)",
	    v->rto_names) : ""));
	advice(d, s, in, v->s_untested > 0 ? "board.advice.bcp_untested" :
	    v->rto_miss > 0 ? "board.advice.bcp_rto" : "board.advice.bcp_ok");
}

static void
incident_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.inc.title");
	size_t k;

	doc_text(d, s, Un(in, a, "board.inc.open", v->inc_open, 0));
	if (v->ndl > 0) {
		struct doc_block *b = doc_list(d, s, v->ndl, false);

		for (k = 0; k < v->ndl; k++) {
			const struct board_deadline *x = &v->dl[k];

			b->items[k] = doc_printf(d, "%s: %s %s (%s)",
			    x->summary, U(in, x->final ? "board.inc.final" :
			    "board.inc.prelim"), x->day, x->left < 0 ?
			    Un(in, a, "board.inc.over", -x->left, 0) :
			    x->left == 0 ? U(in, "board.inc.today") :
			    Un(in, a, "board.inc.left", x->left, 0));
		}
	}
	advice(d, s, in, v->ndl > 0 && v->dl[0].left < 0 ?
	    "board.advice.inc_overdue" : v->ndl > 0 ? "board.advice.inc_due" :
	    v->inc_open > 0 ? "board.advice.inc_open" :
	    "board.advice.inc_none");
}

static void
damage_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s = block(d, in, "board.damage.title");

	if (v->worst_yen < 0) {
		doc_text(d, s, doc_printf(d, "%s %s/o/%" PRId64 "/estimate",
		    U(in, "board.damage.none"), in->base ? in->base : "",
		    in->org_id));
		advice(d, s, in, "board.advice.damage_none");
		return;
	}
	doc_text(d, s, doc_printf(d, "%s%s", yen(a, v->worst_yen),
	    v->worst_name ? doc_printf(d, " (%s)", clip(a, v->worst_name,
	    40)) : ""));
	if (v->worst_ppm >= 0) {
		char pct[32];

		estimate_ppm_percent(v->worst_ppm, pct, sizeof(pct));
		doc_text(d, s, doc_printf(d, "%s %s%%",
		    U(in, "board.damage.share"), pct));
	}
	advice(d, s, in, "board.advice.damage");
}

static void
dept_block(struct doc *d, const struct board_doc_in *in,
    const struct board_view *v, struct arena *a)
{
	struct doc_section *s;

	if (v->dept == NULL)
		return;
	s = block(d, in, "board.dept.title");
	doc_text(d, s, doc_printf(d, "%s %s%s %s", U(in, "board.dept.weakest"),
	    clip(a, v->dept, 40), U(in, "board.sep"), tenths_text(a,
	    v->dept_tenths)));
	advice(d, s, in, "board.advice.dept");
}

#define BOARD_SCALE	0.75	/* type a little smaller: one page */

void
board_doc_build(const struct board_doc_in *in, const struct board_view *v,
    struct arena *a, struct doc *d)
{
	doc_init(d, a, lang_key(in->lang), U(in, "board.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "board.title"));
	d->scale = BOARD_SCALE;
	/* one section without a title: the blocks are its headings, so
	 * the page holds them all */
	(void)doc_section(d, "", NULL, false);
	score_block(d, in, v, a);
	peer_block(d, in, v, a);
	sa_block(d, in, v, a);
	risk_block(d, in, v, a);
	plan_block(d, in, v, a);
	bcp_block(d, in, v, a);
	incident_block(d, in, v, a);
	damage_block(d, in, v, a);
	dept_block(d, in, v, a);
}

int
board_doc_file(struct db_conn *c, struct arena *a,
    const struct board_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct board_view *v;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the board one-pager comes as pdf");
		return REPORT_ERR_VIEW;
	}
	v = arena_alloc(a, sizeof(*v));
	if ((rc = board_doc_read(c, a, in, org, v)) != REPORT_OK) {
		snprintf(err, errlen, "reading the board figures: database "
		    "error");
		return rc;
	}
	board_doc_build(in, v, a, &d);
	return report_render(&d, f, out, err, errlen);
}
