#include "model/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/xalloc.h"
#include "db/stmt.h"
#include "model/diag.h"
#include "model/engagement.h"
#include "model/readiness.h"
#include "model/round.h"

static const char *const col_keys[FIG_COL__MAX] = {
	[FIG_COL_NAME] = "name",
	[FIG_COL_STAGE] = "stage",
	[FIG_COL_NEXT] = "next_visit",
	[FIG_COL_OVERDUE] = "overdue",
	[FIG_COL_SCORE] = "score",
	[FIG_COL_CHANGE] = "change",
	[FIG_COL_STARS] = "stars",
	[FIG_COL_PLAN] = "plan",
	[FIG_COL_LATE] = "late",
	[FIG_COL_INCIDENTS] = "incidents",
	[FIG_COL_FOLLOW] = "follow_up",
};

static const char *const stage_keys[FIG_STAGE__MAX] = {
	[FIG_STAGE_NONE] = "none",
	[FIG_STAGE_RUNNING] = "running",
	[FIG_STAGE_FINISHED] = "finished",
};

const char *
figures_col_key(enum figures_col c)
{
	return (unsigned)c < FIG_COL__MAX ? col_keys[c] : "";
}

int
figures_col_of(const char *key)
{
	int i;

	for (i = 0; key != NULL && i < FIG_COL__MAX; i++)
		if (strcmp(key, col_keys[i]) == 0)
			return i;
	return -1;
}

const char *
figures_stage_key(enum figures_stage s)
{
	return (unsigned)s < FIG_STAGE__MAX ? stage_keys[s] : "";
}

int
figures_stage_of(const char *key)
{
	int i;

	for (i = 0; key != NULL && i < FIG_STAGE__MAX; i++)
		if (strcmp(key, stage_keys[i]) == 0)
			return i;
	return -1;
}

/* ---- days ---- */

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* y-m-d into out; false when y has not four digits. */
static bool
day_fmt(int y, int m, int d, char out[FIGURES_DAY_LEN + 1])
{
	char tmp[40];

	if (y < 1000 || y > 9999)
		return false;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, FIGURES_DAY_LEN);
	out[FIGURES_DAY_LEN] = '\0';
	return true;
}

bool
figures_month_due(const char *ym, char out[FIGURES_DAY_LEN + 1])
{
	int y, m, i;

	if (ym == NULL || strlen(ym) != 7 || ym[4] != '-')
		return false;
	for (i = 0; i < 7; i++)
		if (i != 4 && (ym[i] < '0' || ym[i] > '9'))
			return false;
	y = atoi(ym);
	m = atoi(ym + 5);
	if (m < 1 || m > 12 || y < 1000)
		return false;
	return day_fmt(y, m, month_days(y, m), out);
}

bool
figures_follow_up(const char *held, char out[FIGURES_DAY_LEN + 1])
{
	int y, m, d, md;

	if (held == NULL || !engagement_day_ok(held))
		return false;
	y = atoi(held);
	m = atoi(held + 5) + FIGURES_FOLLOW_MONTHS;
	d = atoi(held + 8);
	while (m > 12) {
		m -= 12;
		y++;
	}
	md = month_days(y, m);
	return day_fmt(y, m, d > md ? md : d, out);
}

long
figures_late(const char *dues, const char *today)
{
	long n = 0;
	const char *p = dues;

	if (dues == NULL || today == NULL)
		return 0;
	/* sorted: count the days before today from the start */
	while (*p != '\0') {
		if (strncmp(p, today, FIGURES_DAY_LEN) >= 0)
			break;
		n++;
		p = strchr(p, ',');
		if (p == NULL)
			break;
		p++;
	}
	return n;
}

/* ---- refreshing ---- */

static int
cmp_day(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

int
figures_put(struct db_conn *c, int64_t org, const struct figures *f,
    int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_FIG_PUT);

	db_bind_int(st, 1, org);
	if (f->has_score)
		db_bind_int(st, 2, f->score_tenths);
	else
		db_bind_null(st, 2);
	if (f->has_prev)
		db_bind_int(st, 3, f->prev_score_tenths);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, f->stars);
	db_bind_int(st, 5, f->plan_total);
	db_bind_int(st, 6, f->plan_done);
	db_bind_text(st, 7, str_c(f->plan_open_dues ? f->plan_open_dues :
	    ""));
	db_bind_int(st, 8, f->incidents_open);
	db_bind_int(st, 9, now);
	return db_exec(st);
}

/* The plan's figures of org into f, the due days into dues (sorted,
 * comma separated). */
static int
plan_of(struct db_conn *c, int64_t org, struct figures *f, struct buf *dues)
{
	struct db_stmt *st = db_stmt(c, STMT_FIG_PLAN);
	char (*day)[FIGURES_DAY_LEN + 1] = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	db_bind_int(st, 1, org);
	while ((rc = db_step(st)) == DB_ROW) {
		struct str s = db_col_text(st, 0), dl = db_col_text(st, 1);
		char ym[8], due[FIGURES_DAY_LEN + 1];

		f->plan_total++;
		if (str_eq(s, str_c("done")))
			f->plan_done++;
		if (str_eq(s, str_c("done")) || str_eq(s, str_c("dropped")))
			continue;
		if (dl.n != 7)
			continue;
		memcpy(ym, dl.p, 7);
		ym[7] = '\0';
		if (!figures_month_due(ym, due))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			day = xrealloc(day, cap * sizeof(*day));
		}
		memcpy(day[n++], due, sizeof(due));
	}
	if (rc == DB_DONE) {
		rc = DB_OK;
		if (n > 0)
			qsort(day, n, sizeof(*day), cmp_day);
		for (i = 0; i < n; i++)
			buf_printf(dues, "%s%s", i ? "," : "", day[i]);
	}
	free(day);
	return rc;
}

/* The company score ×10 of closed round id of org into *score. */
static int
round_score(struct db_conn *c, int64_t id, int64_t org, long *score)
{
	struct diag_resp *resp;
	struct diag_result res;
	struct arena a;
	size_t n;
	int rc;

	arena_init(&a);
	rc = round_answers(c, &a, id, org, &resp, &n);
	if (rc == DB_OK) {
		diag_compute(resp, n, &res);
		*score = res.company_tenths;
	}
	arena_free(&a);
	return rc;
}

int
figures_refresh(struct db_conn *c, int64_t org, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_FIG_SOURCE);
	struct figures f;
	struct buf dues;
	int64_t latest, prev = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	latest = db_col_int(st, 0);
	f.has_score = latest > 0;
	f.score_tenths = (long)db_col_int(st, 1);
	f.stars = sa_stars((int)db_col_int(st, 2), f.has_score,
	    db_col_int(st, 3) != 0, db_col_int(st, 4) != 0);
	f.incidents_open = (long)db_col_int(st, 5);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (latest > 0) {
		st = db_stmt(c, STMT_FIG_PREV_ROUND);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, latest);
		if ((rc = db_step(st)) == DB_ROW) {
			prev = db_col_int(st, 0);
			rc = db_exec(st);
		} else if (rc == DB_DONE)
			rc = DB_OK;
		if (rc != DB_OK)
			return rc;
	}
	if (prev > 0) {
		if ((rc = round_score(c, prev, org, &f.prev_score_tenths)) !=
		    DB_OK)
			return rc;
		f.has_prev = true;
	}
	buf_init(&dues, 0);
	if ((rc = plan_of(c, org, &f, &dues)) == DB_OK) {
		f.plan_open_dues = buf_cstr(&dues);
		rc = figures_put(c, org, &f, now);
	}
	buf_free(&dues);
	return rc;
}

int
figures_backfill(struct db_conn *c, int64_t now, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_FIG_MISSING);
	int64_t *ids = NULL;
	size_t k = 0, cap = 0, i;
	int rc;

	if (n != NULL)
		*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[k++] = db_col_int(st, 0);
	}
	if (rc != DB_DONE || k == 0) {
		free(ids);
		return rc == DB_DONE ? DB_OK : rc;
	}
	if ((rc = db_begin(c)) == DB_OK) {
		for (i = 0; i < k && rc == DB_OK; i++)
			if ((rc = figures_refresh(c, ids[i], now)) == DB_OK)
				rc = engagement_figures(c, ids[i], now);
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	if (rc == DB_OK && n != NULL)
		*n = k;
	free(ids);
	return rc;
}

/* ---- the portfolio ---- */

int
figures_portfolio(struct db_conn *c, struct arena *a, int64_t user_id,
    bool all, const char *today, struct figures_client **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, all ? STMT_PORTFOLIO_ALL :
	    STMT_PORTFOLIO_FOR_USER);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	db_bind_int(st, 1, user_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct figures_client *v;
		char fu[FIGURES_DAY_LEN + 1];
		bool eng;

		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		v = &(*out)[(*n)++];
		memset(v, 0, sizeof(*v));
		v->id = db_col_int(st, 0);
		v->name = arena_cstr(a, db_col_text(st, 1));
		v->role = arena_cstr(a, db_col_text(st, 2));
		v->f.has_score = db_col_int(st, 3) != 0;
		v->f.score_tenths = (long)db_col_int(st, 4);
		v->f.has_prev = db_col_int(st, 5) != 0;
		v->f.prev_score_tenths = (long)db_col_int(st, 6);
		v->f.stars = (int)db_col_int(st, 7);
		v->f.plan_total = (long)db_col_int(st, 8);
		v->f.plan_done = (long)db_col_int(st, 9);
		v->f.plan_open_dues = arena_cstr(a, db_col_text(st, 10));
		v->f.incidents_open = (long)db_col_int(st, 11);
		eng = db_col_int(st, 12) != 0;
		v->visits = (long)db_col_int(st, 13);
		v->held = (long)db_col_int(st, 14);
		v->next_visit = arena_cstr(a, db_col_text(st, 15));
		v->last_held = arena_cstr(a, db_col_text(st, 16));
		v->hw_company = figures_late(arena_cstr(a, db_col_text(st, 17)),
		    today);
		v->hw_advisor = figures_late(arena_cstr(a, db_col_text(st, 18)),
		    today);
		v->stage = !eng ? FIG_STAGE_NONE : v->visits > 0 &&
		    v->held >= v->visits ? FIG_STAGE_FINISHED :
		    FIG_STAGE_RUNNING;
		v->plan_late = figures_late(v->f.plan_open_dues, today);
		v->follow_up = "";
		if (v->last_held[0] != '\0' && figures_follow_up(v->last_held,
		    fu)) {
			v->follow_up = arena_cstr(a, str_c(fu));
			v->follow_due = strcmp(today, fu) >= 0;
		}
	}
	return rc == DB_DONE ? DB_OK : rc;
}

/* Whether the name holds q (bytes, ASCII letters in any case). */
static bool
name_has(const char *name, const char *q)
{
	size_t nq = strlen(q), i, k;

	if (nq == 0)
		return true;
	for (i = 0; name[i] != '\0'; i++) {
		for (k = 0; k < nq && name[i + k] != '\0'; k++) {
			unsigned char x = (unsigned char)name[i + k];
			unsigned char y = (unsigned char)q[k];

			if (x >= 'A' && x <= 'Z')
				x = (unsigned char)(x + 32);
			if (y >= 'A' && y <= 'Z')
				y = (unsigned char)(y + 32);
			if (x != y)
				break;
		}
		if (k == nq)
			return true;
	}
	return false;
}

void
figures_filter(struct figures_client *v, size_t *n,
    const struct figures_filter *flt)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		const struct figures_client *x = &v[i];

		if (flt->stage >= 0 && (int)x->stage != flt->stage)
			continue;
		if (flt->overdue && x->hw_company + x->hw_advisor == 0)
			continue;
		if (flt->follow_due && !x->follow_due)
			continue;
		if (flt->q != NULL && !name_has(x->name, flt->q))
			continue;
		if (k != i)
			v[k] = v[i];
		k++;
	}
	*n = k;
}

/* The value of x for col: *known false when it has none. */
static long
col_value(const struct figures_client *x, enum figures_col col, bool *known)
{
	*known = true;
	switch (col) {
	case FIG_COL_STAGE:
		return x->stage == FIG_STAGE_RUNNING ? 1 + x->held :
		    x->stage == FIG_STAGE_FINISHED ? 1000 : 0;
	case FIG_COL_OVERDUE:
		return x->hw_company + x->hw_advisor;
	case FIG_COL_SCORE:
		*known = x->f.has_score;
		return x->f.score_tenths;
	case FIG_COL_CHANGE:
		*known = x->f.has_score && x->f.has_prev;
		return x->f.score_tenths - x->f.prev_score_tenths;
	case FIG_COL_STARS:
		return x->f.stars;
	case FIG_COL_PLAN:
		/* done per mille */
		*known = x->f.plan_total > 0;
		return x->f.plan_total > 0 ? x->f.plan_done * 1000 /
		    x->f.plan_total : 0;
	case FIG_COL_LATE:
		return x->plan_late;
	case FIG_COL_INCIDENTS:
		return x->f.incidents_open;
	default:
		return 0;
	}
}

struct sort_ctx {
	enum figures_col col;
	bool desc;
};

/* qsort has no context argument: sort through an index of pointers with
 * the column in each entry. */
struct sort_ent {
	const struct figures_client *x;
	const struct sort_ctx *ctx;
};

static int
by_name(const struct figures_client *a, const struct figures_client *b)
{
	int c = strcmp(a->name, b->name);

	if (c != 0)
		return c;
	return (a->id > b->id) - (a->id < b->id);
}

static int
cmp_ent(const void *pa, const void *pb)
{
	const struct sort_ent *ea = pa, *eb = pb;
	const struct figures_client *a = ea->x, *b = eb->x;
	const struct sort_ctx *s = ea->ctx;
	int c = 0;

	if (s->col == FIG_COL_NAME) {
		c = by_name(a, b);
		return s->desc ? -c : c;
	}
	if (s->col == FIG_COL_NEXT || s->col == FIG_COL_FOLLOW) {
		const char *x = s->col == FIG_COL_NEXT ? a->next_visit :
		    a->follow_up;
		const char *y = s->col == FIG_COL_NEXT ? b->next_visit :
		    b->follow_up;

		if ((x[0] == '\0') != (y[0] == '\0'))
			return x[0] == '\0' ? 1 : -1;	/* unknown last */
		c = strcmp(x, y);
	} else {
		bool ka, kb;
		long va = col_value(a, s->col, &ka), vb = col_value(b,
		    s->col, &kb);

		if (ka != kb)
			return ka ? -1 : 1;	/* unknown last */
		c = (va > vb) - (va < vb);
	}
	if (s->desc)
		c = -c;
	return c != 0 ? c : by_name(a, b);
}

void
figures_sort(struct figures_client *v, size_t n, enum figures_col col,
    bool desc)
{
	struct sort_ctx ctx = { col, desc };
	struct sort_ent *e;
	struct figures_client *tmp;
	size_t i;

	if (n < 2)
		return;
	e = xmalloc(n * sizeof(*e));
	tmp = xmalloc(n * sizeof(*tmp));
	for (i = 0; i < n; i++) {
		e[i].x = &v[i];
		e[i].ctx = &ctx;
	}
	qsort(e, n, sizeof(*e), cmp_ent);
	for (i = 0; i < n; i++)
		tmp[i] = *e[i].x;
	memcpy(v, tmp, n * sizeof(*v));
	free(tmp);
	free(e);
}
