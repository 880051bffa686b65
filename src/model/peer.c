#include "model/peer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

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

/* "a,b,c" ↔ n integers.  A malformed list reads as zeros. */
static void
list_parse(struct str s, int64_t *v, int n)
{
	struct str one;
	long x;
	int i;

	for (i = 0; i < n; i++) {
		s = str_cut(s, ',', &one);
		v[i] = str_to_long(one, -1000000000000L, 1000000000000L,
		    &x) == 0 ? x : 0;
	}
}

static char *
list_format(struct arena *a, const int64_t *v, int n)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)v[i]);
	s = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
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
	list_parse(db_col_text(st, 4), f->parts, DIAG_PARTS);
	list_parse(db_col_text(st, 5), f->items, DIAG_ITEMS);
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
	list_parse(db_col_text(st, 3), s->parts, DIAG_PARTS);
	list_parse(db_col_text(st, 4), s->items, DIAG_ITEMS);
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
	db_bind_text(st, 6, str_c(list_format(a, s->parts, DIAG_PARTS)));
	db_bind_text(st, 7, str_c(list_format(a, s->items, DIAG_ITEMS)));
	return db_exec(st);
}

/* Add (sign 1) or take away (sign −1) one organisation's figures in one
 * group. */
static int
group_move(struct db_conn *c, struct arena *a, const struct figures *f,
    const char *industry, const char *employees, int sign)
{
	struct db_stmt *st;
	struct sums s;
	int i, rc;

	if ((rc = sums_get(c, industry, employees, &s)) != DB_OK)
		return rc;
	s.n += sign;
	s.score += sign * f->score;
	s.sq += sign * f->score * f->score;
	for (i = 0; i < DIAG_PARTS; i++)
		s.parts[i] += sign * f->parts[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		s.items[i] += sign * f->items[i];
	if ((rc = sums_put(c, a, industry, employees, &s)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_HIST_ADD);
	db_bind_text(st, 1, str_c(industry));
	db_bind_text(st, 2, str_c(employees));
	db_bind_int(st, 3, f->score);
	db_bind_int(st, 4, sign);
	return db_exec(st);
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

int
peer_round_closed(struct db_conn *c, struct arena *a, const struct org *o,
    int64_t round_id, int64_t closed_at, const struct diag_result *res)
{
	struct figures old, now;
	struct db_stmt *st;
	int i, rc;

	if (res->n == 0)
		return DB_OK;	/* nobody answered: nothing to compare */
	rc = latest_get(c, a, o->id, &old);
	if (rc < 0)
		return rc;
	if (rc == 0 && old.round_id > round_id)
		return DB_OK;	/* a later round already speaks for it */
	if (rc == 0 && old.shared && (rc = sums_move(c, a, &old, -1)) != DB_OK)
		return rc;
	memset(&now, 0, sizeof(now));
	now.round_id = round_id;
	now.industry = o->industry;
	now.employees = o->employees;
	now.shared = o->peer_share;
	now.score = res->company_tenths;
	for (i = 0; i < DIAG_PARTS; i++)
		now.parts[i] = res->part_mean_tenths[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		now.items[i] = res->item[i].mean_tenths;
	st = db_stmt(c, STMT_LATEST_PUT);
	db_bind_int(st, 1, o->id);
	db_bind_int(st, 2, round_id);
	db_bind_text(st, 3, str_c(o->industry));
	db_bind_text(st, 4, str_c(o->employees));
	db_bind_int(st, 5, now.score);
	db_bind_text(st, 6, str_c(list_format(a, now.parts, DIAG_PARTS)));
	db_bind_text(st, 7, str_c(list_format(a, now.items, DIAG_ITEMS)));
	db_bind_int(st, 8, closed_at);
	db_bind_int(st, 9, now.shared);
	if ((rc = db_exec(st)) != DB_OK)
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
	if (!f.shared) {
		/* Kept out of the figures others see, it still compares
		 * itself with them as if it were one of them. */
		s.n++;
		s.score += f.score;
		s.sq += f.score * f.score;
		for (i = 0; i < DIAG_PARTS; i++)
			s.parts[i] += f.parts[i];
		for (i = 0; i < DIAG_ITEMS; i++)
			s.items[i] += f.items[i];
	}
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
