/*
 * bench-scale: N organisations with realistic latest scores, then the
 * time of one company's peer statistics (model/peer.c) among them.
 *
 *   bench-scale --db URL [--orgs N] [--queries Q]
 *
 * The database must be empty (a new SQLite file or PostgreSQL database).
 * It is filled through the model, so it holds what closing rounds would
 * have left: organisations (org_insert) spread over the JSIC divisions
 * and employee bands roughly as Japanese SMEs are, with scores that rise
 * a little with size, and their latest figures (peer_load_add: the rows
 * a closing round writes, the cohort sums gathered in memory and written
 * at the end by peer_load_finish), one transaction per 20,000.
 *
 * Then the statistics are checked against the generator's own tally: for
 * up to 1,000 organisations picked at random, peer_stats_in must give
 * the organisation's own score and cohort, the cohort's size, mean and
 * percentile as counted while generating, and the whole instance must
 * count every organisation.  Then Q organisations picked at random ask
 * for their statistics (peer_stats), each timed; the last line is
 *   SCALE {"orgs": N, "checked": K, "p50_ms": …, "p99_ms": …, "max_ms": …,
 *          "clients": C, "portfolio_p99_ms": …, "office_p99_ms": …}
 *
 * The portfolio (issue 15): an advisor with 500 of those organisations as
 * clients (fewer when there are fewer), each with its org_figures row
 * (figures_put), a four-visit programme with one to four visits held and
 * homework of both sides; then the advisor's portfolio (figures_portfolio,
 * the model function the page calls) read 1,000 times, each timed, each
 * checked to hold every client.
 *
 * Then one programme office runs engagements for all N organisations:
 * their contributions (model/office.c) are loaded in bulk as the peer
 * figures are (office_load_add, office_load_finish), the office's
 * statistics are checked against the generator's own tally per group, and
 * the read an office's page makes (office_stats_read) is timed
 * min(Q, 1000) times: "office_p99_ms" in the SCALE line.
 *
 * Any failure prints one line "bench-scale: …" on stderr, with the
 * engine's message when it comes from the database, and exits 1 (2 for
 * a bad command line or a database that cannot be opened or is not
 * empty).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/xalloc.h"
#include "base/str.h"
#include "db/db.h"
#include "db/stmt.h"
#include "model/engagement.h"
#include "model/figures.h"
#include "model/office.h"
#include "model/org.h"
#include "model/peer.h"

#define BATCH		20000	/* organisations a transaction */
#define CHECKS		1000	/* organisations whose figures are checked */
#define NIND		20	/* JSIC divisions A..T */
#define NBAND		7	/* employee bands e1..e7 */
#define SCORE_MIN	(-250)	/* company scores ×10 */
#define SCORE_MAX	1000
#define CLIENTS		500	/* the advisor's clients */
#define PORT_QUERIES	1000	/* portfolio reads timed */

/* Share (per mille) of SMEs by JSIC division, A..T. */
static const int industry_w[NIND] = {
	10, 1, 1, 120, 100, 2, 15, 20, 210, 5, 80, 40, 120, 95, 30, 60,
	2, 85, 0, 4,
};
/* Share (per mille) by employee band e1..e7. */
static const int band_w[NBAND] = { 600, 250, 80, 40, 20, 7, 3 };

/* One generated organisation, as the checks need it. */
struct gen_org {
	int64_t		id;	/* its id in the database */
	unsigned char	ind;	/* division 0..NIND-1 */
	unsigned char	band;	/* band 0..NBAND-1 */
	short		score;	/* company score ×10 */
};

/* What the generator counted in one cohort. */
struct gen_cohort {
	int64_t	n, sum;				/* companies, Σ score ×10 */
	int32_t	hist[SCORE_MAX - SCORE_MIN + 1];	/* companies a score */
};

/* Everything generated: orgs[0..n), cohorts [division][band]. */
struct gen {
	struct gen_org		*orgs;
	long			 n;
	struct gen_cohort	 co[NIND][NBAND];
	uint64_t		 rng;	/* xorshift64 state */
};

static uint64_t
xorshift(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

static double
uniform(struct gen *g)
{
	return (double)(xorshift(g) >> 11) / 9007199254740992.0;
}

static double
normal(struct gen *g)
{
	double u = uniform(g) + 1e-12, v = uniform(g);

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static int
pick(struct gen *g, const int *w, int n)
{
	int total = 0, i, r;

	for (i = 0; i < n; i++)
		total += w[i];
	r = (int)(uniform(g) * total);
	for (i = 0; i < n; i++)
		if ((r -= w[i]) < 0)
			return i;
	return n - 1;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Say what failed, with the engine's message; returns -1. */
static int
db_fail(struct db_conn *c, const char *what, int rc)
{
	fprintf(stderr, "bench-scale: %s failed (%d): %s\n", what, rc,
	    db_errmsg(c));
	return -1;
}

/* One organisation's latest results, as a closed round would give them. */
static void
gen_result(struct gen *g, int band, struct diag_result *res)
{
	long score = lround((45 + 5 * band + 18 * normal(g)) * 10);
	int k;

	memset(res, 0, sizeof(*res));
	res->n = 1;
	res->company_tenths = score > SCORE_MAX ? SCORE_MAX :
	    score < SCORE_MIN ? SCORE_MIN : score;
	for (k = 0; k < DIAG_PARTS; k++)
		res->part_mean_tenths[k] = res->company_tenths / 25;
	for (k = 0; k < DIAG_ITEMS; k++) {
		long v = res->company_tenths / 25 + lround(8 * normal(g));

		res->item[k].mean_tenths = v < -10 ? -10 : v > 40 ? 40 : v;
	}
}

/* Fill the empty database with g->n organisations.  0 or -1 (said). */
static int
fill(struct db *db, struct gen *g)
{
	struct db_conn *c = db_acquire(db);
	struct peer_load *l = peer_load_new();
	double t0 = now_ms();
	bool tty = isatty(2);
	struct arena a;
	long i;
	int rc = 0;

	arena_init(&a);
	for (i = 0; i < g->n; i++) {
		struct gen_org *go = &g->orgs[i];
		char ind[2] = { 0, 0 }, band[3] = { 'e', 0, 0 };
		struct org o = { .name = "org", .industry = ind,
		    .employees = band, .capital = "c1", .prefecture = "13",
		    .dep_class = "ume", .peer_share = true };
		struct diag_result res;

		if (i % BATCH == 0 && (rc = db_begin(c)) != DB_OK) {
			rc = db_fail(c, "BEGIN", rc);
			break;
		}
		go->ind = (unsigned char)pick(g, industry_w, NIND);
		go->band = (unsigned char)pick(g, band_w, NBAND);
		ind[0] = (char)('A' + go->ind);
		band[1] = (char)('1' + go->band);
		gen_result(g, go->band, &res);
		go->score = (short)res.company_tenths;
		if ((rc = org_insert(c, &o, &go->id)) != DB_OK) {
			rc = db_fail(c, "adding an organisation", rc);
			break;
		}
		o.id = go->id;
		if ((rc = peer_load_add(c, &a, l, &o, go->id, 1795000000,
		    &res)) != DB_OK) {
			rc = db_fail(c, "adding its latest figures", rc);
			break;
		}
		g->co[go->ind][go->band].n++;
		g->co[go->ind][go->band].sum += go->score;
		g->co[go->ind][go->band].hist[go->score - SCORE_MIN]++;
		if ((i + 1) % BATCH == 0 || i + 1 == g->n) {
			if ((rc = db_commit(c)) != DB_OK) {
				rc = db_fail(c, "COMMIT", rc);
				break;
			}
			arena_free(&a);
			arena_init(&a);
			fprintf(stderr, "%sbench-scale: %ld organisations "
			    "(%.0f/s)%s", tty ? "\r" : "", i + 1,
			    (i + 1) / ((now_ms() - t0) / 1000), tty ? "" : "\n");
		}
	}
	if (tty)
		fprintf(stderr, "\n");
	if (rc == 0) {
		if ((rc = db_begin(c)) != DB_OK)
			rc = db_fail(c, "BEGIN", rc);
		else if ((rc = peer_load_finish(c, &a, l)) != DB_OK)
			rc = db_fail(c, "writing the cohort sums", rc);
		else if ((rc = db_commit(c)) != DB_OK)
			rc = db_fail(c, "COMMIT", rc);
	}
	if (rc != 0)
		db_rollback(c);
	arena_free(&a);
	peer_load_free(l);
	db_release(db, c);
	return rc == 0 ? 0 : -1;
}

/* Organisation go's cohort figures against the generator's tally.  0 or
 * -1 (said). */
static int
check_one(struct db_conn *c, const struct gen *g, const struct gen_org *go)
{
	const struct gen_cohort *co = &g->co[go->ind][go->band];
	struct peer_stats s;
	struct arena a;
	int64_t below = 0, rank;
	double mean, pct;
	int k, rc, bad = 0;

	arena_init(&a);
	if ((rc = peer_stats_in(c, &a, go->id, PEER_COHORT, &s)) != DB_OK) {
		arena_free(&a);
		return db_fail(c, "reading the statistics", rc);
	}
	for (k = 0; k < go->score - SCORE_MIN; k++)
		below += co->hist[k];
	rank = 2 * below + co->hist[go->score - SCORE_MIN];
	mean = (double)co->sum / (double)co->n;
	pct = co->n > 1 ? (double)(rank - 1) * 1000 / (2.0 * (co->n - 1)) :
	    500;
	if (!s.has || !s.shared || s.score_tenths != go->score ||
	    s.industry[0] != 'A' + go->ind || s.employees[1] != '1' + go->band)
		bad = 1;
	else if (s.n != co->n || fabs(s.mean_tenths - mean) > 0.5 + 1e-9 ||
	    fabs(s.percentile_tenths - pct) > 0.5 + 1e-9 ||
	    s.percentile_tenths < 0 || s.percentile_tenths > 1000)
		bad = 2;
	if (bad)
		fprintf(stderr, "bench-scale: organisation %" PRId64 " (%c/e%c, "
		    "score %d): the statistics say has %d, score %ld, n %" PRId64
		    ", mean %ld, percentile %ld; generated: n %" PRId64
		    ", mean %.1f, percentile %.1f\n", go->id, 'A' + go->ind,
		    '1' + go->band, go->score, s.has, s.score_tenths, s.n,
		    s.mean_tenths, s.percentile_tenths, co->n, mean, pct);
	arena_free(&a);
	return bad ? -1 : 0;
}

/* Check up to CHECKS organisations and the whole instance's count.
 * Returns how many were checked, or -1 (said). */
static long
check(struct db *db, struct gen *g)
{
	struct db_conn *c = db_acquire(db);
	struct peer_stats s;
	struct arena a;
	long k = g->n < CHECKS ? g->n : CHECKS, i;
	int rc = 0;

	for (i = 0; i < k && rc == 0; i++)
		rc = check_one(c, g, &g->orgs[k == g->n ? i :
		    (long)(xorshift(g) % (uint64_t)g->n)]);
	if (rc == 0) {
		arena_init(&a);
		if ((rc = peer_stats_in(c, &a, g->orgs[0].id, PEER_ALL,
		    &s)) != DB_OK)
			rc = db_fail(c, "reading the statistics", rc);
		else if (!s.has || s.n != g->n) {
			fprintf(stderr, "bench-scale: the whole instance counts "
			    "%" PRId64 " organisations, not %ld\n", s.n, g->n);
			rc = -1;
		}
		arena_free(&a);
	}
	db_release(db, c);
	return rc == 0 ? k : -1;
}

/* Time q random organisations' peer_stats into lat[0..q), sorted.  0 or
 * -1 (said). */
static int
measure(struct db *db, struct gen *g, double *lat, long q)
{
	struct db_conn *c = db_acquire(db);
	long i;
	int rc = 0;

	for (i = 0; i < q && rc == 0; i++) {
		const struct gen_org *go =
		    &g->orgs[xorshift(g) % (uint64_t)g->n];
		struct peer_stats s;
		struct arena a;
		double t0;

		arena_init(&a);
		t0 = now_ms();
		rc = peer_stats(c, &a, go->id, &s);
		lat[i] = now_ms() - t0;
		if (rc != DB_OK)
			rc = db_fail(c, "reading the statistics", rc);
		else if (!s.has || s.percentile_tenths < 0 ||
		    s.percentile_tenths > 1000 || s.n < PEER_MIN) {
			fprintf(stderr, "bench-scale: organisation %" PRId64
			    ": no plausible statistics (has %d, n %" PRId64
			    ", percentile %ld)\n", go->id, s.has, s.n,
			    s.percentile_tenths);
			rc = -1;
		}
		arena_free(&a);
	}
	db_release(db, c);
	if (rc == 0)
		qsort(lat, (size_t)q, sizeof(*lat), cmp_double);
	return rc;
}

/* The advisor and its clients: the first c organisations.  The advisor's
 * user id into *uid, the visits held over all clients into *held_sum.
 * 0 or -1 (said). */
static int
fill_portfolio(struct db *db, struct gen *g, long nc, int64_t *uid,
    long *held_sum)
{
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st;
	int64_t hw = 1;
	long i;
	int rc, v, k;

	if ((rc = db_begin(c)) != DB_OK) {
		rc = db_fail(c, "a transaction", rc);
		goto out;
	}
	st = db_stmt(c, STMT_USER_INSERT);
	db_bind_text(st, 1, str_c("advisor@bench.example"));
	db_bind_text(st, 2, str_c("x"));
	db_bind_text(st, 3, str_c("advisor"));
	db_bind_text(st, 4, str_c("ja"));
	db_bind_int(st, 5, 1795000000);
	if ((rc = db_step(st)) != DB_ROW) {
		rc = db_fail(c, "adding the advisor", rc);
		goto out;
	}
	*uid = db_col_int(st, 0);
	db_exec(st);
	rc = DB_OK;
	for (i = 0; i < nc && rc == DB_OK; i++) {
		int64_t org = g->orgs[i].id;
		struct figures f = { 0 };
		int held = 1 + (int)(xorshift(g) % 4);
		char day[ENGAGEMENT_DAY_LEN + 1], due[ENGAGEMENT_DAY_LEN + 1];

		if ((rc = org_member_put(c, *uid, org, "advisor")) != DB_OK)
			break;
		*held_sum += held;
		f.has_score = true;
		f.score_tenths = g->orgs[i].score;
		f.has_prev = xorshift(g) % 2 == 0;
		f.prev_score_tenths = f.score_tenths - 50 + (long)(xorshift(g) %
		    100);
		f.stars = (int)(xorshift(g) % 3);
		f.plan_total = 10 + (long)(xorshift(g) % 20);
		f.plan_done = (long)(xorshift(g) % (uint64_t)f.plan_total);
		f.plan_open_dues = "2026-01-31,2026-03-31,2026-06-30,2026-12-31";
		f.incidents_open = (long)(xorshift(g) % 3);
		if ((rc = figures_put(c, org, &f, 1795000000)) != DB_OK)
			break;
		st = db_stmt(c, STMT_IMPORT_ENG);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, *uid);
		db_bind_text(st, 3, str_c("four_visits"));
		db_bind_text(st, 4, str_c("open"));
		db_bind_text(st, 5, str_c("2026-09-01"));
		db_bind_int(st, 6, 1795000000);
		db_bind_text(st, 7, str_c(""));
		db_bind_text(st, 8, str_c(""));
		db_bind_text(st, 9, str_c(""));
		db_bind_int(st, 10, 1);
		db_bind_null(st, 11);	/* no office runs it */
		if ((rc = db_exec(st)) != DB_OK)
			break;
		for (v = 1; v <= 4 && rc == DB_OK; v++) {
			engagement_day_add("2026-09-01", 14L * (v - 1), day);
			st = db_stmt(c, STMT_IMPORT_ENG_VISITS);
			db_bind_int(st, 1, org);
			db_bind_int(st, 2, v);
			db_bind_text(st, 3, str_c(day));
			db_bind_text(st, 4, str_c(v <= held ? day : ""));
			db_bind_text(st, 5, str_c(""));
			db_bind_text(st, 6, str_c("on_site"));
			db_bind_text(st, 7, str_c("{}"));
			db_bind_text(st, 8, str_c(""));
			db_bind_int(st, 9, 1);
			db_bind_int(st, 10, 1795000000);
			db_bind_int(st, 11, *uid);
			rc = db_exec(st);
			/* three homework rows a visit held, both sides */
			for (k = 0; k < 3 && v <= held && rc == DB_OK; k++) {
				engagement_day_add(day, 7 + 7 * k, due);
				st = db_stmt(c, STMT_IMPORT_ENG_HW);
				db_bind_int(st, 1, hw++);
				db_bind_int(st, 2, org);
				db_bind_int(st, 3, v);
				db_bind_text(st, 4, str_c(k == 2 ? "advisor" :
				    "company"));
				db_bind_text(st, 5, str_c("homework"));
				db_bind_text(st, 6, str_c(due));
				db_bind_text(st, 7, str_c(k == 0 ? due : ""));
				rc = db_exec(st);
			}
		}
		/* what every write of a programme keeps in org_figures */
		if (rc == DB_OK)
			rc = engagement_figures(c, org, 1795000000);
	}
	if (rc != DB_OK) {
		rc = db_fail(c, "adding the advisor's clients", rc);
		db_rollback(c);
		goto out;
	}
	if ((rc = db_commit(c)) != DB_OK)
		rc = db_fail(c, "committing the clients", rc);
out:
	db_release(db, c);
	return rc == DB_OK ? 0 : -1;
}

/* Whether the clients v[0..n) hold what fill_portfolio made: four
 * visits each, held ones summing to held_sum, and on 2026-12-01 one
 * company and one advisor homework overdue a visit held. */
static bool
portfolio_agrees(const struct figures_client *v, size_t n, long held_sum)
{
	long sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].visits != 4 || v[i].held < 1 || v[i].held > 4 ||
		    v[i].hw_company != v[i].held ||
		    v[i].hw_advisor != v[i].held ||
		    v[i].stage != FIG_STAGE_RUNNING + (v[i].held == 4))
			return false;
		sum += v[i].held;
	}
	return sum == held_sum;
}

/* Time q reads of the advisor's portfolio into lat[0..q), sorted, each
 * checked to hold the nc clients and the first against what was made.
 * 0 or -1 (said). */
static int
measure_portfolio(struct db *db, int64_t uid, long nc, long held_sum,
    double *lat, long q)
{
	struct db_conn *c = db_acquire(db);
	long i;
	int rc = 0;

	for (i = 0; i < q && rc == 0; i++) {
		struct figures_client *v;
		struct arena a;
		size_t n;
		double t0;

		arena_init(&a);
		t0 = now_ms();
		rc = figures_portfolio(c, &a, uid, false, "2026-12-01", &v, &n);
		lat[i] = now_ms() - t0;
		if (rc != DB_OK)
			rc = db_fail(c, "reading the portfolio", rc);
		else if ((long)n != nc || v[0].visits != 4) {
			fprintf(stderr, "bench-scale: the portfolio holds %zu "
			    "clients, not %ld\n", n, nc);
			rc = -1;
		} else if (i == 0 && !portfolio_agrees(v, n, held_sum)) {
			fprintf(stderr, "bench-scale: the portfolio's visits "
			    "and homework are not the generated ones\n");
			rc = -1;
		}
		arena_free(&a);
	}
	db_release(db, c);
	if (rc == 0)
		qsort(lat, (size_t)q, sizeof(*lat), cmp_double);
	return rc;
}

/* ---- the programme office ---- */

/* What the generator counted in one group of the office. */
struct gen_ogroup {
	int64_t	n, sum, sq, done, total, two;
	int64_t	hist[OFFICE_BINS];
};

/* The office's groups as generated: all, per division, per band. */
struct gen_office {
	int64_t			id;
	struct gen_ogroup	all, ind[NIND], band[NBAND];
};

/* Organisation go's contribution: its score, items near it, and plan and
 * stars that follow from its id (so the tally can be made again). */
static void
office_contrib_of(const struct gen_org *go, char *ind, char *band,
    struct office_contrib *k)
{
	int i;

	memset(k, 0, sizeof(*k));
	ind[0] = (char)('A' + go->ind);
	ind[1] = '\0';
	band[0] = 'e';
	band[1] = (char)('1' + go->band);
	band[2] = '\0';
	k->industry = ind;
	k->employees = band;
	k->prefecture = "13";
	k->scored = true;
	k->score_tenths = go->score;
	for (i = 0; i < DIAG_ITEMS; i++)
		k->items[i] = go->score / 25 + (i % 5) - 2;
	k->plan_total = go->id % 7;
	k->plan_done = go->id % (k->plan_total + 1);
	k->stars = (int)(go->id % 3);
}

static void
ogroup_add(struct gen_ogroup *t, const struct office_contrib *k)
{
	t->n++;
	t->sum += k->score_tenths;
	t->sq += k->score_tenths * k->score_tenths;
	t->done += k->plan_done;
	t->total += k->plan_total;
	t->two += k->stars >= 2;
	t->hist[office_bin(k->score_tenths)]++;
}

/* One office running engagements for every organisation of g, its
 * contributions loaded in bulk and tallied in o.  0 or -1 (said). */
static int
office_fill(struct db *db, const struct gen *g, struct gen_office *o)
{
	struct db_conn *c = db_acquire(db);
	struct office_load *l = NULL;
	double t0 = now_ms();
	struct arena a;
	long i;
	int rc;

	memset(o, 0, sizeof(*o));
	arena_init(&a);
	if ((rc = office_add(c, "bench office", 1795000000, &o->id)) != DB_OK) {
		rc = db_fail(c, "adding the office", rc);
		goto out;
	}
	l = office_load_new(o->id);
	for (i = 0; i < g->n; i++) {
		const struct gen_org *go = &g->orgs[i];
		struct office_contrib k;
		char ind[2], band[3];

		if (i % BATCH == 0 && (rc = db_begin(c)) != DB_OK) {
			rc = db_fail(c, "BEGIN", rc);
			goto out;
		}
		office_contrib_of(go, ind, band, &k);
		if ((rc = office_load_add(c, &a, l, go->id, &k)) != DB_OK) {
			rc = db_fail(c, "adding an office contribution", rc);
			db_rollback(c);
			goto out;
		}
		ogroup_add(&o->all, &k);
		ogroup_add(&o->ind[go->ind], &k);
		ogroup_add(&o->band[go->band], &k);
		if ((i + 1) % BATCH == 0 || i + 1 == g->n) {
			if ((rc = db_commit(c)) != DB_OK) {
				rc = db_fail(c, "COMMIT", rc);
				goto out;
			}
			arena_free(&a);
			arena_init(&a);
		}
	}
	if ((rc = db_begin(c)) != DB_OK)
		rc = db_fail(c, "BEGIN", rc);
	else if ((rc = office_load_finish(c, &a, l)) != DB_OK) {
		rc = db_fail(c, "writing the office sums", rc);
		db_rollback(c);
	} else if ((rc = db_commit(c)) != DB_OK)
		rc = db_fail(c, "COMMIT", rc);
	fprintf(stderr, "bench-scale: %ld office contributions (%.0f/s)\n",
	    g->n, g->n / ((now_ms() - t0) / 1000));
out:
	office_load_free(l);
	arena_free(&a);
	db_release(db, c);
	return rc == 0 ? 0 : -1;
}

/* One group read against the tally; 0 or -1 (said). */
static int
office_check_group(const struct office_group *r, const struct gen_ogroup *t)
{
	long mean;
	int k;

	if (r->n != t->n || r->shown != (t->n >= OFFICE_MIN))
		goto bad;
	if (!r->shown)
		return r->mean_tenths == 0 && r->plan_total == 0 ? 0 : -1;
	mean = (long)(t->sum >= 0 ? (2 * t->sum + t->n) / (2 * t->n) :
	    -((-2 * t->sum + t->n) / (2 * t->n)));
	if (r->n_scored != t->n || r->mean_tenths != mean ||
	    r->plan_done != t->done || r->plan_total != t->total ||
	    r->two_star != t->two)
		goto bad;
	for (k = 0; k < OFFICE_BINS; k++)
		if (r->hist[k] != t->hist[k])
			goto bad;
	return 0;
bad:
	fprintf(stderr, "bench-scale: office group %s %s: %" PRId64
	    " companies, mean %ld, plan %" PRId64 "/%" PRId64 ", two stars %"
	    PRId64 "; the generator counted %" PRId64 ", Σ %" PRId64 ", plan %"
	    PRId64 "/%" PRId64 ", two stars %" PRId64 "\n",
	    office_dim_key(r->dim), r->key, r->n, r->mean_tenths, r->plan_done,
	    r->plan_total, r->two_star, t->n, t->sum, t->done, t->total,
	    t->two);
	return -1;
}

/* The office's statistics against the generator's tally, every group.
 * Returns the groups checked, or -1 (said). */
static long
office_check(struct db *db, const struct gen_office *o)
{
	struct db_conn *c = db_acquire(db);
	const struct gen_ogroup *t;
	struct office_stats s;
	struct arena a;
	long checked = 0;
	size_t i;
	int rc;

	arena_init(&a);
	if ((rc = office_stats_read(c, &a, o->id, &s)) != DB_OK) {
		rc = db_fail(c, "reading the office statistics", rc);
		goto out;
	}
	for (i = 0; i < s.ngroups && rc == 0; i++) {
		const struct office_group *r = &s.g[i];

		switch (r->dim) {
		case OFFICE_DIM_ALL:
			t = &o->all;
			break;
		case OFFICE_DIM_INDUSTRY:
			t = &o->ind[r->key[0] - 'A'];
			break;
		case OFFICE_DIM_EMPLOYEES:
			t = &o->band[r->key[1] - '1'];
			break;
		default:
			t = &o->all;	/* every one is in prefecture 13 */
			break;
		}
		if ((rc = office_check_group(r, t)) == 0)
			checked++;
	}
out:
	arena_free(&a);
	db_release(db, c);
	return rc == 0 ? checked : -1;
}

/* Time q reads of the office's statistics into lat[0..q), sorted.  0 or
 * -1 (said). */
static int
office_measure(struct db *db, const struct gen_office *o, double *lat,
    long q)
{
	struct db_conn *c = db_acquire(db);
	long i;
	int rc = 0;

	for (i = 0; i < q && rc == 0; i++) {
		struct office_stats s;
		struct arena a;
		double t0;

		arena_init(&a);
		t0 = now_ms();
		rc = office_stats_read(c, &a, o->id, &s);
		lat[i] = now_ms() - t0;
		if (rc != DB_OK)
			rc = db_fail(c, "reading the office statistics", rc);
		arena_free(&a);
	}
	db_release(db, c);
	if (rc == 0)
		qsort(lat, (size_t)q, sizeof(*lat), cmp_double);
	return rc;
}

/* The office part of the run: fill, check, time.  *p99 set; 0 or -1. */
static int
office_bench(struct db *db, const struct gen *g, long q, double *p99)
{
	struct gen_office *o = xcalloc(1, sizeof(*o));
	long oq = q < 1000 ? q : 1000, checked;
	double *lat = xcalloc((size_t)oq, sizeof(*lat));
	int rc = -1;

	if (office_fill(db, g, o) != 0 || (checked = office_check(db, o)) < 0)
		goto out;
	fprintf(stderr, "bench-scale: %ld office groups agree with the "
	    "generated figures\n", checked);
	if (office_measure(db, o, lat, oq) != 0)
		goto out;
	*p99 = lat[oq * 99 / 100];
	rc = 0;
out:
	free(lat);
	free(o);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: bench-scale --db URL [--orgs N] "
	    "[--queries Q]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const char *url = NULL;
	long q = 10000, have, checked, i, nc;
	double *lat = NULL, *plat = NULL, office_p99 = 0;
	int64_t uid = 0;
	long held_sum = 0;
	struct gen *g = xcalloc(1, sizeof(*g));
	struct db *db = NULL;
	struct db_conn *c;
	struct db_stmt *st;
	char err[256], *end;
	int rc = 1;

	g->n = 1000000;
	g->rng = 88172645463325252ULL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strcmp(argv[i], "--orgs") == 0 && i + 1 < argc) {
			g->n = strtol(argv[++i], &end, 10);
			if (*end != '\0' || g->n < 1 || g->n > 100000000)
				g->n = 0;
		} else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc) {
			q = strtol(argv[++i], &end, 10);
			if (*end != '\0' || q > 100000000)
				q = 0;
		} else {
			url = NULL;
			break;
		}
	}
	if (url == NULL || g->n < 1 || q < 1) {
		free(g);
		return usage();
	}
	if ((db = db_open(url, 1, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bench-scale: %s\n", err);
		free(g);
		return 2;
	}
	c = db_acquire(db);
	st = db_stmt(c, STMT_COUNT_USERS_ORGS);
	have = db_step(st) == DB_ROW ? (long)db_col_int(st, 0) : -1;
	db_release(db, c);
	if (have != 0) {
		fprintf(stderr, "bench-scale: %s\n", have < 0 ?
		    "cannot count the organisations" : "the database is not "
		    "empty: give bench-scale a new one");
		rc = 2;
		goto out;
	}
	g->orgs = xcalloc((size_t)g->n, sizeof(*g->orgs));
	if (fill(db, g) != 0 || (checked = check(db, g)) < 0)
		goto out;
	fprintf(stderr, "bench-scale: %ld organisations' statistics agree "
	    "with the generated scores\n", checked);
	lat = xcalloc((size_t)q, sizeof(*lat));
	if (measure(db, g, lat, q) != 0)
		goto out;
	nc = g->n < CLIENTS ? g->n : CLIENTS;
	plat = xcalloc(PORT_QUERIES, sizeof(*plat));
	if (fill_portfolio(db, g, nc, &uid, &held_sum) != 0 ||
	    measure_portfolio(db, uid, nc, held_sum, plat, PORT_QUERIES) != 0)
		goto out;
	fprintf(stderr, "bench-scale: the portfolio of %ld clients read %d "
	    "times: p50 %.3f ms, max %.3f ms\n", nc, PORT_QUERIES,
	    plat[PORT_QUERIES / 2], plat[PORT_QUERIES - 1]);
	if (office_bench(db, g, q, &office_p99) != 0)
		goto out;
	printf("SCALE {\"orgs\": %ld, \"checked\": %ld, \"p50_ms\": %.3f, "
	    "\"p99_ms\": %.3f, \"max_ms\": %.3f, \"clients\": %ld, "
	    "\"portfolio_p99_ms\": %.3f, \"office_p99_ms\": %.3f}\n", g->n,
	    checked, lat[q / 2], lat[q * 99 / 100], lat[q - 1], nc,
	    plat[PORT_QUERIES * 99 / 100], office_p99);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	free(lat);
	free(plat);
	free(g->orgs);
	free(g);
	db_close(db);
	return rc;
}
