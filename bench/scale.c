/*
 * bench-scale: N organisations with realistic latest scores, then the
 * time of one company's peer statistics (model/peer.c) among them.
 *
 *   bench-scale --db URL [--orgs N] [--queries Q]
 *
 * An empty database is filled first: organisations spread over the JSIC
 * divisions and employee bands roughly as Japanese SMEs are, scores that
 * rise a little with size (one transaction per 20,000 organisations; the
 * cohort sums and histograms written at the end).  Then Q organisations picked at random ask for
 * their statistics, each timed; the last line is
 *   SCALE {"orgs": N, "p50_ms": …, "p99_ms": …, "max_ms": …}
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/peer.h"

#define BATCH	20000

/* Share (per mille) of SMEs by JSIC division, A..T. */
static const int industry_w[20] = {
	10, 1, 1, 120, 100, 2, 15, 20, 210, 5, 80, 40, 120, 95, 30, 60,
	2, 85, 0, 4,
};
/* Share (per mille) by employee band e1..e7. */
static const int band_w[7] = { 600, 250, 80, 40, 20, 7, 3 };

static uint64_t rng = 88172645463325252ULL;

static uint64_t
xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double
uniform(void)
{
	return (double)(xorshift() >> 11) / 9007199254740992.0;
}

static double
normal(void)
{
	double u = uniform() + 1e-12, v = uniform();

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static int
pick(const int *w, int n)
{
	int total = 0, i, r;

	for (i = 0; i < n; i++)
		total += w[i];
	r = (int)(uniform() * total);
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

/* Cohort figures gathered while filling: index [industry][band]. */
struct gen_cohort {
	int64_t	n, score, sq;
	int64_t	parts[DIAG_PARTS], items[DIAG_ITEMS];
	int32_t	hist[1251];	/* companies per score −250…1000 (×10) */
};

static char *
list(const int64_t *v, int n, char *out, size_t len)
{
	size_t o = 0;
	int i;

	for (i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%lld", i ? "," : "",
		    (long long)v[i]);
	return out;
}

static void
add_into(struct gen_cohort *to, const struct gen_cohort *g)
{
	int k;

	to->n += g->n;
	to->score += g->score;
	to->sq += g->sq;
	for (k = 0; k < DIAG_PARTS; k++)
		to->parts[k] += g->parts[k];
	for (k = 0; k < DIAG_ITEMS; k++)
		to->items[k] += g->items[k];
	for (k = 0; k < 1251; k++)
		to->hist[k] += g->hist[k];
}

/*
 * Write the gathered groups as closing rounds would have left them:
 * co[i][0..6] are the cohorts, co[i][7] division i across sizes (band
 * "*"), co[20][7] everyone ("*", "*").
 */
static int
write_cohorts(struct db_conn *c, struct gen_cohort (*co)[8])
{
	char p[256], it[1024], ind[2] = "A", band[3] = "e1";
	int i, b, k, rc;

	for (i = 0; i < 20; i++)
		for (b = 0; b < 7; b++) {
			add_into(&co[i][7], &co[i][b]);
			add_into(&co[20][7], &co[i][b]);
		}
	rc = db_begin(c);
	for (i = 0; i <= 20 && rc == DB_OK; i++)
		for (b = 0; b < 8 && rc == DB_OK; b++) {
			struct gen_cohort *g = &co[i][b];
			struct db_stmt *st;

			if (g->n == 0)
				continue;
			ind[0] = i == 20 ? '*' : (char)('A' + i);
			ind[1] = '\0';
			band[1] = (char)('1' + b);
			if (b == 7) {
				band[0] = '*';
				band[1] = '\0';
			} else
				band[0] = 'e';
			st = db_stmt(c, STMT_COHORT_PUT);
			db_bind_text(st, 1, str_c(ind));
			db_bind_text(st, 2, str_c(band));
			db_bind_int(st, 3, g->n);
			db_bind_int(st, 4, g->score);
			db_bind_int(st, 5, g->sq);
			db_bind_text(st, 6, str_c(list(g->parts, DIAG_PARTS, p,
			    sizeof(p))));
			db_bind_text(st, 7, str_c(list(g->items, DIAG_ITEMS, it,
			    sizeof(it))));
			rc = db_exec(st);
			for (k = 0; k < 1251 && rc == DB_OK; k++) {
				if (g->hist[k] == 0)
					continue;
				st = db_stmt(c, STMT_HIST_ADD);
				db_bind_text(st, 1, str_c(ind));
				db_bind_text(st, 2, str_c(band));
				db_bind_int(st, 3, k - 250);
				db_bind_int(st, 4, g->hist[k]);
				rc = db_exec(st);
			}
		}
	return rc == DB_OK ? db_commit(c) : rc;
}

/*
 * Fill: each organisation and its latest figures go in one by one (two
 * statements), the cohort sums and histograms are gathered in memory and
 * written at the end — the state the incremental path (peer_round_closed,
 * tested on both engines) would leave, reached in a fraction of its
 * round trips.
 */
static int
fill(struct db *db, long n)
{
	struct db_conn *c = db_acquire(db);
	struct gen_cohort (*co)[8] = calloc(21, sizeof(*co));
	double t0 = now_ms();
	char pbuf[256], ibuf[1024];
	long i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		int ii = pick(industry_w, 20), bi = pick(band_w, 7);
		char ind[2] = { (char)('A' + ii), 0 };
		char band[3] = { 'e', (char)('1' + bi), 0 };
		struct gen_cohort *g = &co[ii][bi];
		int64_t parts[DIAG_PARTS], items[DIAG_ITEMS], id;
		double mean = 45 + 5 * bi;
		long score = lround((mean + 18 * normal()) * 10);
		struct db_stmt *st;
		int k;

		if (i % BATCH == 0 && (rc = db_begin(c)) != DB_OK)
			break;
		score = score > 1000 ? 1000 : score < -250 ? -250 : score;
		st = db_stmt(c, STMT_ORG_INSERT);
		db_bind_text(st, 1, str_c("org"));
		db_bind_text(st, 2, str_c(ind));
		db_bind_text(st, 3, str_c(band));
		db_bind_text(st, 4, str_c("c1"));
		db_bind_text(st, 5, str_c("13"));
		db_bind_int(st, 6, 0);
		db_bind_int(st, 7, 0);
		db_bind_int(st, 8, 0);
		db_bind_text(st, 9, str_c("ume"));
		db_bind_int(st, 10, 1795000000);
		if (db_step(st) != DB_ROW) {
			rc = -1;
			break;
		}
		id = db_col_int(st, 0);
		db_exec(st);
		for (k = 0; k < DIAG_PARTS; k++)
			parts[k] = score / 25;
		for (k = 0; k < DIAG_ITEMS; k++) {
			long v = score / 25 + lround(8 * normal());

			items[k] = v < -10 ? -10 : v > 40 ? 40 : v;
		}
		st = db_stmt(c, STMT_LATEST_PUT);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, str_c(ind));
		db_bind_text(st, 4, str_c(band));
		db_bind_int(st, 5, score);
		db_bind_text(st, 6, str_c(list(parts, DIAG_PARTS, pbuf,
		    sizeof(pbuf))));
		db_bind_text(st, 7, str_c(list(items, DIAG_ITEMS, ibuf,
		    sizeof(ibuf))));
		db_bind_int(st, 8, 1795000000);
		if ((rc = db_exec(st)) != DB_OK)
			break;
		g->n++;
		g->score += score;
		g->sq += (int64_t)score * score;
		for (k = 0; k < DIAG_PARTS; k++)
			g->parts[k] += parts[k];
		for (k = 0; k < DIAG_ITEMS; k++)
			g->items[k] += items[k];
		g->hist[score + 250]++;
		if ((i + 1) % BATCH == 0 || i + 1 == n) {
			if ((rc = db_commit(c)) != DB_OK)
				break;
			fprintf(stderr, "\rbench-scale: %ld organisations (%.0f/s)",
			    i + 1, (i + 1) / ((now_ms() - t0) / 1000));
		}
	}
	fprintf(stderr, "\n");
	if (rc == DB_OK)
		rc = write_cohorts(c, co);
	if (rc != DB_OK)
		fprintf(stderr, "bench-scale: filling failed: %s\n",
		    db_errmsg(c));
	free(co);
	db_release(db, c);
	return rc == DB_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	const char *url = NULL;
	long n = 1000000, q = 10000, have, i;
	double *lat;
	struct db *db;
	struct db_conn *c;
	struct db_stmt *st;
	char err[256];

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strcmp(argv[i], "--orgs") == 0 && i + 1 < argc)
			n = atol(argv[++i]);
		else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc)
			q = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: bench-scale --db URL [--orgs N] "
			    "[--queries Q]\n");
			return 2;
		}
	}
	if (url == NULL || n < 1 || q < 1) {
		fprintf(stderr, "usage: bench-scale --db URL [--orgs N] "
		    "[--queries Q]\n");
		return 2;
	}
	if ((db = db_open(url, 1, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bench-scale: %s\n", err);
		return 2;
	}
	c = db_acquire(db);
	st = db_stmt(c, STMT_COUNT_USERS_ORGS);
	have = db_step(st) == DB_ROW ? (long)db_col_int(st, 0) : 0;
	db_release(db, c);
	if (have == 0 && fill(db, n) != 0)
		return 1;
	if (have != 0)
		n = have;
	lat = calloc((size_t)q, sizeof(*lat));
	c = db_acquire(db);
	for (i = 0; i < q; i++) {
		struct peer_stats s;
		struct arena a;
		int64_t org = 1 + (int64_t)(xorshift() % (uint64_t)n);
		double t0;

		arena_init(&a);
		t0 = now_ms();
		if (peer_stats(c, &a, org, &s) != DB_OK || !s.has) {
			fprintf(stderr, "bench-scale: no statistics for "
			    "organisation %" PRId64 "\n", org);
			return 1;
		}
		lat[i] = now_ms() - t0;
		arena_free(&a);
	}
	db_release(db, c);
	qsort(lat, (size_t)q, sizeof(*lat), cmp_double);
	printf("SCALE {\"orgs\": %ld, \"p50_ms\": %.3f, \"p99_ms\": %.3f, "
	    "\"max_ms\": %.3f}\n", n, lat[q / 2], lat[q * 99 / 100],
	    lat[q - 1]);
	free(lat);
	db_close(db);
	return 0;
}
