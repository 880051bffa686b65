#include "model/peer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/num.h"
#include "base/xalloc.h"

/* The scores a histogram holds, ×10: −25.0 … 100.0. */
#define SCORE_MIN	(-250)
#define SCORE_MAX	1000

/* Sums of one cohort, as cohort_stats keeps them. */
struct sums {
	int64_t	n, score, sq;
	int64_t	parts[DIAG_PARTS];
	int64_t	items[DIAG_ITEMS];
};

/* One organisation's figures, as org_latest keeps them. */
struct figures {
	int64_t	round_id;
	const char *industry, *employees;
	int64_t	score;
	int64_t	parts[DIAG_PARTS];
	int64_t	items[DIAG_ITEMS];
	bool	shared;		/* counted in the cohort figures */
};

/* Add (sign 1) or take away (sign −1) one organisation's figures. */
static void
sums_add(struct sums *s, const struct figures *f, int sign)
{
	int i;

	s->n += sign;
	s->score += sign * f->score;
	s->sq += sign * f->score * f->score;
	for (i = 0; i < DIAG_PARTS; i++)
		s->parts[i] += sign * f->parts[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		s->items[i] += sign * f->items[i];
}


static int
latest_get(struct db_conn *c, struct arena *a, int64_t org,
    struct figures *f)
{
	struct db_stmt *st = db_stmt(c, STMT_LATEST_GET);
	int rc;

	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	f->round_id = db_col_int(st, 0);
	f->industry = arena_cstr(a, db_col_text(st, 1));
	f->employees = arena_cstr(a, db_col_text(st, 2));
	f->score = db_col_int(st, 3);
	num_list_parse(db_col_text(st, 4), f->parts, DIAG_PARTS);
	num_list_parse(db_col_text(st, 5), f->items, DIAG_ITEMS);
	f->shared = db_col_int(st, 6) != 0;
	return 0;
}

/* Read a cohort's sums (zeros for a new cohort). */
static int
sums_get(struct db_conn *c, const char *industry, const char *employees,
    struct sums *s)
{
	struct db_stmt *st = db_stmt(c, STMT_COHORT_GET);
	int rc;

	memset(s, 0, sizeof(*s));
	db_bind_text(st, 1, str_c(industry));
	db_bind_text(st, 2, str_c(employees));
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	s->n = db_col_int(st, 0);
	s->score = db_col_int(st, 1);
	s->sq = db_col_int(st, 2);
	num_list_parse(db_col_text(st, 3), s->parts, DIAG_PARTS);
	num_list_parse(db_col_text(st, 4), s->items, DIAG_ITEMS);
	return DB_OK;
}

static int
sums_put(struct db_conn *c, struct arena *a, const char *industry,
    const char *employees, const struct sums *s)
{
	struct db_stmt *st = db_stmt(c, STMT_COHORT_PUT);

	db_bind_text(st, 1, str_c(industry));
	db_bind_text(st, 2, str_c(employees));
	db_bind_int(st, 3, s->n);
	db_bind_int(st, 4, s->score);
	db_bind_int(st, 5, s->sq);
	db_bind_text(st, 6, str_c(num_list_format(a, s->parts, DIAG_PARTS)));
	db_bind_text(st, 7, str_c(num_list_format(a, s->items, DIAG_ITEMS)));
	return db_exec(st);
}

/* Add the sums d to those of one group. */
static int
group_add(struct db_conn *c, struct arena *a, const char *industry,
    const char *employees, const struct sums *d)
{
	struct sums s;
	int i, rc;

	if ((rc = sums_get(c, industry, employees, &s)) != DB_OK)
		return rc;
	s.n += d->n;
	s.score += d->score;
	s.sq += d->sq;
	for (i = 0; i < DIAG_PARTS; i++)
		s.parts[i] += d->parts[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		s.items[i] += d->items[i];
	return sums_put(c, a, industry, employees, &s);
}

/* n more (or, negative, fewer) companies of a group scoring score. */
static int
hist_add(struct db_conn *c, const char *industry, const char *employees,
    int64_t score, int64_t n)
{
	struct db_stmt *st = db_stmt(c, STMT_HIST_ADD);

	db_bind_text(st, 1, str_c(industry));
	db_bind_text(st, 2, str_c(employees));
	db_bind_int(st, 3, score);
	db_bind_int(st, 4, n);
	return db_exec(st);
}

/* Add (sign 1) or take away (sign −1) one organisation's figures in one
 * group. */
static int
group_move(struct db_conn *c, struct arena *a, const struct figures *f,
    const char *industry, const char *employees, int sign)
{
	struct sums d;
	int rc;

	memset(&d, 0, sizeof(d));
	sums_add(&d, f, sign);
	if ((rc = group_add(c, a, industry, employees, &d)) != DB_OK)
		return rc;
	return hist_add(c, industry, employees, f->score, sign);
}

/* The three groups an organisation belongs to. */
static void
group_keys(const struct figures *f, enum peer_scope scope,
    const char **industry, const char **employees)
{
	*industry = scope == PEER_ALL ? "*" : f->industry;
	*employees = scope == PEER_COHORT ? f->employees : "*";
}

static int
sums_move(struct db_conn *c, struct arena *a, const struct figures *f,
    int sign)
{
	const char *ind, *emp;
	int k, rc;

	for (k = 0; k < PEER_SCOPE__MAX; k++) {
		group_keys(f, (enum peer_scope)k, &ind, &emp);
		if ((rc = group_move(c, a, f, ind, emp, sign)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* The figures round round_id of o leaves: its results res. */
static void
figures_of(const struct org *o, int64_t round_id,
    const struct diag_result *res, struct figures *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->round_id = round_id;
	f->industry = o->industry;
	f->employees = o->employees;
	f->shared = o->peer_share;
	f->score = res->company_tenths;
	for (i = 0; i < DIAG_PARTS; i++)
		f->parts[i] = res->part_mean_tenths[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		f->items[i] = res->item[i].mean_tenths;
}

/* Write f as the latest figures of organisation org_id, closed at
 * closed_at, with s: STMT_LATEST_PUT (replaces what it had) or
 * STMT_IMPORT_LATEST (DB_E_CONSTRAINT when it has figures already).  The
 * one place that knows the columns of org_latest. */
static int
latest_put(struct db_conn *c, struct arena *a, enum stmt s, int64_t org_id,
    const struct figures *f, int64_t closed_at)
{
	struct db_stmt *st = db_stmt(c, s);

	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, f->round_id);
	db_bind_text(st, 3, str_c(f->industry));
	db_bind_text(st, 4, str_c(f->employees));
	db_bind_int(st, 5, f->score);
	db_bind_text(st, 6, str_c(num_list_format(a, f->parts, DIAG_PARTS)));
	db_bind_text(st, 7, str_c(num_list_format(a, f->items, DIAG_ITEMS)));
	db_bind_int(st, 8, closed_at);
	db_bind_int(st, 9, f->shared);
	return db_exec(st);
}

int
peer_round_closed(struct db_conn *c, struct arena *a, const struct org *o,
    int64_t round_id, int64_t closed_at, const struct diag_result *res)
{
	struct figures old, now;
	int rc;

	if (res->n == 0)
		return DB_OK;	/* nobody answered: nothing to compare */
	rc = latest_get(c, a, o->id, &old);
	if (rc < 0)
		return rc;
	if (rc == 0 && old.round_id > round_id)
		return DB_OK;	/* a later round already speaks for it */
	if (rc == 0 && old.shared && (rc = sums_move(c, a, &old, -1)) != DB_OK)
		return rc;
	figures_of(o, round_id, res, &now);
	if ((rc = latest_put(c, a, STMT_LATEST_PUT, o->id, &now,
	    closed_at)) != DB_OK)
		return rc;
	return now.shared ? sums_move(c, a, &now, 1) : DB_OK;
}

int
peer_round_reopened(struct db_conn *c, struct arena *a, int64_t org_id,
    int64_t round_id)
{
	struct db_stmt *st;
	struct figures f;
	int rc;

	rc = latest_get(c, a, org_id, &f);
	if (rc == DB_DONE || (rc == 0 && f.round_id != round_id))
		return DB_OK;	/* its figures come from elsewhere, or none */
	if (rc < 0)
		return rc;
	if (f.shared && (rc = sums_move(c, a, &f, -1)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_LATEST_DEL);
	db_bind_int(st, 1, org_id);
	return db_exec(st);
}

/* One group a load adds to: its sums and its score histogram. */
struct load_group {
	char	*industry, *employees;	/* the group's keys (owned) */
	struct sums s;			/* sums to add */
	int64_t	hist[SCORE_MAX - SCORE_MIN + 1];	/* companies a score */
};

struct peer_load {
	struct load_group **g;	/* by industry, then employees */
	size_t	n, cap;
};

struct peer_load *
peer_load_new(void)
{
	return xcalloc(1, sizeof(struct peer_load));
}

/* Forget every group gathered. */
static void
load_clear(struct peer_load *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->g[i]->industry);
		free(l->g[i]->employees);
		free(l->g[i]);
	}
	l->n = 0;
}

void
peer_load_free(struct peer_load *l)
{
	if (l == NULL)
		return;
	load_clear(l);
	free(l->g);
	free(l);
}

/* The group (industry, employees) of l, added when new. */
static struct load_group *
load_group(struct peer_load *l, const char *industry, const char *employees)
{
	size_t lo = 0, hi = l->n, mid;
	struct load_group *g;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		g = l->g[mid];
		if ((d = strcmp(g->industry, industry)) == 0)
			d = strcmp(g->employees, employees);
		if (d == 0)
			return g;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->g = xrealloc(l->g, l->cap * sizeof(*l->g));
	}
	g = xcalloc(1, sizeof(*g));
	g->industry = xstrdup(industry);
	g->employees = xstrdup(employees);
	memmove(&l->g[lo + 1], &l->g[lo], (l->n - lo) * sizeof(*l->g));
	l->g[lo] = g;
	l->n++;
	return g;
}

int
peer_load_add(struct db_conn *c, struct arena *a, struct peer_load *l,
    const struct org *o, int64_t round_id, int64_t closed_at,
    const struct diag_result *res)
{
	const char *ind, *emp;
	struct load_group *g;
	struct figures f;
	int k, rc;

	if (res->n == 0)
		return DB_OK;
	figures_of(o, round_id, res, &f);
	if (f.score < SCORE_MIN || f.score > SCORE_MAX)
		return DB_E_CONSTRAINT;
	if ((rc = latest_put(c, a, STMT_IMPORT_LATEST, o->id, &f,
	    closed_at)) != DB_OK)
		return rc;
	if (!f.shared)
		return DB_OK;
	for (k = 0; k < PEER_SCOPE__MAX; k++) {
		group_keys(&f, (enum peer_scope)k, &ind, &emp);
		g = load_group(l, ind, emp);
		sums_add(&g->s, &f, 1);
		g->hist[f.score - SCORE_MIN]++;
	}
	return DB_OK;
}

int
peer_load_finish(struct db_conn *c, struct arena *a, struct peer_load *l)
{
	struct load_group *g;
	size_t i;
	int k, rc;

	for (i = 0; i < l->n; i++) {
		g = l->g[i];
		if ((rc = group_add(c, a, g->industry, g->employees,
		    &g->s)) != DB_OK)
			return rc;
		for (k = 0; k <= SCORE_MAX - SCORE_MIN; k++)
			if (g->hist[k] != 0 && (rc = hist_add(c, g->industry,
			    g->employees, k + SCORE_MIN, g->hist[k])) != DB_OK)
				return rc;
	}
	load_clear(l);
	return DB_OK;
}

/* a / b to the nearest integer, half away from zero; b > 0. */
static long
div_round(int64_t a, int64_t b)
{
	return (long)(a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) /
	    (2 * b)));
}

int
peer_stats_in(struct db_conn *c, struct arena *a, int64_t org_id,
    enum peer_scope scope, struct peer_stats *out)
{
	const char *ind, *emp;
	struct figures f;
	struct db_stmt *st;
	struct sums s;
	double mean, var;
	int64_t rank;
	int i, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = latest_get(c, a, org_id, &f)) == DB_DONE)
		return DB_OK;
	if (rc != 0)
		return rc;
	group_keys(&f, scope, &ind, &emp);
	if ((rc = sums_get(c, ind, emp, &s)) != DB_OK)
		return rc;
	if (!f.shared)
		/* Kept out of the figures others see, it still compares
		 * itself with them as if it were one of them. */
		sums_add(&s, &f, 1);
	if (s.n <= 0)
		return DB_OK;	/* cannot happen while f exists */
	st = db_stmt(c, STMT_COHORT_RANK);
	db_bind_text(st, 1, str_c(ind));
	db_bind_text(st, 2, str_c(emp));
	db_bind_int(st, 3, f.score);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	rank = db_col_int(st, 0) + (f.shared ? 0 : 1);	/* 2 × below +
							   equal, itself too */
	out->has = true;
	out->scope = scope;
	out->industry = f.industry;
	out->employees = f.employees;
	out->round_id = f.round_id;
	out->shared = f.shared;
	out->score_tenths = (long)f.score;
	out->n = s.n;
	out->mean_tenths = div_round(s.score, s.n);
	mean = (double)s.score / (double)s.n;
	var = (double)s.sq / (double)s.n - mean * mean;
	out->sd_tenths = var > 0 ? lround(sqrt(var)) : 0;
	/* rank counts ourselves once (equal), so below + half the ties
	 * other than us is (rank − 1) / 2 … of n − 1 others; with one
	 * company alone it stands at the middle. */
	out->percentile_tenths = s.n > 1 ? div_round((rank - 1) * 1000,
	    2 * (s.n - 1)) : 500;
	out->deviation_tenths = var > 0 ? 500 + lround(100.0 *
	    ((double)f.score - mean) / sqrt(var)) : 500;
	for (i = 0; i < DIAG_PARTS; i++) {
		out->own_part_tenths[i] = (long)f.parts[i];
		out->part_mean_tenths[i] = div_round(s.parts[i], s.n);
		out->part_on100_tenths[i] = div_round(s.parts[i] * 25, s.n);
	}
	for (i = 0; i < DIAG_ITEMS; i++) {
		out->own_item_tenths[i] = (long)f.items[i];
		out->item_mean_tenths[i] = div_round(s.items[i], s.n);
	}
	return DB_OK;
}

int
peer_stats(struct db_conn *c, struct arena *a, int64_t org_id,
    struct peer_stats *out)
{
	int k, rc;

	for (k = 0; k < PEER_SCOPE__MAX; k++) {
		if ((rc = peer_stats_in(c, a, org_id, (enum peer_scope)k,
		    out)) != DB_OK || !out->has)
			return rc;
		if (out->n >= PEER_MIN)
			return DB_OK;
	}
	out->has = false;	/* too few companies anywhere to compare */
	return DB_OK;
}

int
peer_set_share(struct db_conn *c, struct arena *a, int64_t org_id,
    bool share)
{
	struct db_stmt *st;
	struct figures f;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_ORG_SHARE_SET);
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, share);
	if ((rc = db_exec(st)) != DB_OK)
		goto fail;
	rc = latest_get(c, a, org_id, &f);
	if (rc < 0)
		goto fail;
	if (rc == 0 && f.shared != share) {
		if ((rc = sums_move(c, a, &f, share ? 1 : -1)) != DB_OK)
			goto fail;
		st = db_stmt(c, STMT_LATEST_SHARE);
		db_bind_int(st, 1, org_id);
		db_bind_int(st, 2, share);
		if ((rc = db_exec(st)) != DB_OK)
			goto fail;
	}
	return db_commit(c);
fail:
	db_rollback(c);
	return rc;
}

int
peer_scatter(struct db_conn *c, struct arena *a, const char *industry,
    struct peer_dot **out, size_t *n, int64_t *hidden)
{
	struct db_stmt *st = db_stmt(c, STMT_HIST_INDUSTRY);
	struct peer_dot *v = NULL;
	size_t len = 0, cap = 0, i, j, band;
	int64_t total;
	int rc;

	*out = NULL;
	*n = 0;
	*hidden = 0;
	db_bind_text(st, 1, str_c(industry));
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].employees = arena_cstr(a, db_col_text(st, 0));
		v[len].score_tenths = (long)db_col_int(st, 1);
		v[len].n = db_col_int(st, 2);
		len++;
	}
	if (rc != DB_DONE)
		return rc;
	/* Drop the bands too small to show, keeping the order. */
	for (i = 0, j = 0; i < len; i = band) {
		total = 0;
		for (band = i; band < len &&
		    strcmp(v[band].employees, v[i].employees) == 0; band++)
			total += v[band].n;
		if (total < PEER_MIN) {
			*hidden += total;
			continue;
		}
		memmove(&v[j], &v[i], (band - i) * sizeof(*v));
		j += band - i;
	}
	*out = v;
	*n = j;
	return DB_OK;
}
