#include "model/office.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/num.h"
#include "base/str.h"
#include "base/xalloc.h"
#include "model/org.h"
#include "model/plan.h"
#include "model/readiness.h"
#include "model/register.h"

static const char *const role_keys[OFFICE_ROLE__MAX] = {
	[OFFICE_ADMIN] = "office_admin",
	[OFFICE_STAFF] = "office_staff",
};

static const char *const dim_keys[OFFICE_DIM__MAX] = {
	[OFFICE_DIM_ALL] = "all",
	[OFFICE_DIM_INDUSTRY] = "industry",
	[OFFICE_DIM_EMPLOYEES] = "employees",
	[OFFICE_DIM_PREFECTURE] = "prefecture",
};

const char *
office_role_key(enum office_role r)
{
	return role_keys[r];
}

int
office_role_of(const char *key)
{
	int i;

	for (i = 0; key != NULL && i < OFFICE_ROLE__MAX; i++)
		if (strcmp(key, role_keys[i]) == 0)
			return i;
	return -1;
}

const char *
office_dim_key(enum office_dim d)
{
	return dim_keys[d];
}

int
office_dim_of(const char *key)
{
	int i;

	for (i = 0; key != NULL && i < OFFICE_DIM__MAX; i++)
		if (strcmp(key, dim_keys[i]) == 0)
			return i;
	return -1;
}

int
office_bin(int64_t score_tenths)
{
	int64_t b = score_tenths / 100;

	if (score_tenths < 0)
		return 0;
	return b >= OFFICE_BINS ? OFFICE_BINS - 1 : (int)b;
}

/* ---- sums ---- */

/* The sums of one group, as office_stats keeps them. */
struct sums {
	int64_t	n, n_scored, score, sq;
	int64_t	hist[OFFICE_BINS];
	int64_t	items[DIAG_ITEMS];
	int64_t	plan_done, plan_total, two_star;
};

/* Add (sign 1) or take away (sign −1) one contribution. */
static void
sums_add(struct sums *s, const struct office_contrib *k, int sign)
{
	int i;

	s->n += sign;
	s->plan_done += sign * k->plan_done;
	s->plan_total += sign * k->plan_total;
	s->two_star += sign * (k->stars >= 2);
	if (!k->scored)
		return;
	s->n_scored += sign;
	s->score += sign * k->score_tenths;
	s->sq += sign * k->score_tenths * k->score_tenths;
	s->hist[office_bin(k->score_tenths)] += sign;
	for (i = 0; i < DIAG_ITEMS; i++)
		s->items[i] += sign * k->items[i];
}

/* s += d */
static void
sums_sum(struct sums *s, const struct sums *d)
{
	int i;

	s->n += d->n;
	s->n_scored += d->n_scored;
	s->score += d->score;
	s->sq += d->sq;
	for (i = 0; i < OFFICE_BINS; i++)
		s->hist[i] += d->hist[i];
	for (i = 0; i < DIAG_ITEMS; i++)
		s->items[i] += d->items[i];
	s->plan_done += d->plan_done;
	s->plan_total += d->plan_total;
	s->two_star += d->two_star;
}


/* Columns from..from+8 of st (n … two_star) into s. */
static void
sums_read(struct db_stmt *st, int from, struct sums *s)
{
	memset(s, 0, sizeof(*s));
	s->n = db_col_int(st, from);
	s->n_scored = db_col_int(st, from + 1);
	s->score = db_col_int(st, from + 2);
	s->sq = db_col_int(st, from + 3);
	num_list_parse(db_col_text(st, from + 4), s->hist, OFFICE_BINS);
	num_list_parse(db_col_text(st, from + 5), s->items, DIAG_ITEMS);
	s->plan_done = db_col_int(st, from + 6);
	s->plan_total = db_col_int(st, from + 7);
	s->two_star = db_col_int(st, from + 8);
}

/* Add d to the stored sums of (office, dim, key). */
static int
group_add(struct db_conn *c, struct arena *a, int64_t office,
    enum office_dim dim, const char *key, const struct sums *d)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_STATS_GET);
	struct sums s;
	int rc;

	db_bind_int(st, 1, office);
	db_bind_text(st, 2, str_c(dim_keys[dim]));
	db_bind_text(st, 3, str_c(key));
	memset(&s, 0, sizeof(s));
	if ((rc = db_step(st)) == DB_ROW) {
		sums_read(st, 0, &s);
		db_exec(st);	/* finish the statement */
	} else if (rc != DB_DONE)
		return rc;
	sums_sum(&s, d);
	st = db_stmt(c, STMT_OFFICE_STATS_PUT);
	db_bind_int(st, 1, office);
	db_bind_text(st, 2, str_c(dim_keys[dim]));
	db_bind_text(st, 3, str_c(key));
	db_bind_int(st, 4, s.n);
	db_bind_int(st, 5, s.n_scored);
	db_bind_int(st, 6, s.score);
	db_bind_int(st, 7, s.sq);
	db_bind_text(st, 8, str_c(num_list_format(a, s.hist, OFFICE_BINS)));
	db_bind_text(st, 9, str_c(num_list_format(a, s.items, DIAG_ITEMS)));
	db_bind_int(st, 10, s.plan_done);
	db_bind_int(st, 11, s.plan_total);
	db_bind_int(st, 12, s.two_star);
	return db_exec(st);
}

/* The key of k's group in dim. */
static const char *
group_key(const struct office_contrib *k, enum office_dim dim)
{
	switch (dim) {
	case OFFICE_DIM_INDUSTRY:
		return k->industry;
	case OFFICE_DIM_EMPLOYEES:
		return k->employees;
	case OFFICE_DIM_PREFECTURE:
		return k->prefecture;
	default:
		return "*";
	}
}

int
office_stats_move(struct db_conn *c, int64_t office,
    const struct office_contrib *old, const struct office_contrib *now)
{
	static const struct sums zero;
	struct sums d;
	struct arena a;
	int k, rc = DB_OK;

	arena_init(&a);
	for (k = 0; k < OFFICE_DIM__MAX && rc == DB_OK; k++) {
		const char *ko = old ? group_key(old, (enum office_dim)k) : NULL;
		const char *kn = now ? group_key(now, (enum office_dim)k) : NULL;

		if (ko != NULL && kn != NULL && strcmp(ko, kn) == 0) {
			/* the same group: one write of the difference */
			memset(&d, 0, sizeof(d));
			sums_add(&d, old, -1);
			sums_add(&d, now, 1);
			if (memcmp(&d, &zero, sizeof(d)) != 0)
				rc = group_add(c, &a, office,
				    (enum office_dim)k, ko, &d);
			continue;
		}
		if (ko != NULL) {
			memset(&d, 0, sizeof(d));
			sums_add(&d, old, -1);
			rc = group_add(c, &a, office, (enum office_dim)k, ko,
			    &d);
		}
		if (kn != NULL && rc == DB_OK) {
			memset(&d, 0, sizeof(d));
			sums_add(&d, now, 1);
			rc = group_add(c, &a, office, (enum office_dim)k, kn,
			    &d);
		}
	}
	arena_free(&a);
	return rc;
}

/* ---- one organisation's contribution ---- */

/* The stored contribution of org: DB_ROW (*office set), DB_DONE, or < 0. */
static int
contrib_get(struct db_conn *c, struct arena *a, int64_t org,
    int64_t *office, struct office_contrib *k)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_CONTRIB_GET);
	int rc;

	memset(k, 0, sizeof(*k));
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*office = db_col_int(st, 0);
	k->industry = arena_cstr(a, db_col_text(st, 1));
	k->employees = arena_cstr(a, db_col_text(st, 2));
	k->prefecture = arena_cstr(a, db_col_text(st, 3));
	k->scored = db_col_int(st, 4) != 0;
	k->score_tenths = db_col_int(st, 5);
	num_list_parse(db_col_text(st, 6), k->items, DIAG_ITEMS);
	k->plan_done = db_col_int(st, 7);
	k->plan_total = db_col_int(st, 8);
	k->stars = (int)db_col_int(st, 9);
	db_exec(st);	/* finish the statement */
	return DB_ROW;
}

static int
contrib_put(struct db_conn *c, struct arena *a, int64_t org,
    int64_t office, const struct office_contrib *k)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_CONTRIB_PUT);

	db_bind_int(st, 1, org);
	db_bind_int(st, 2, office);
	db_bind_text(st, 3, str_c(k->industry));
	db_bind_text(st, 4, str_c(k->employees));
	db_bind_text(st, 5, str_c(k->prefecture));
	db_bind_int(st, 6, k->scored);
	db_bind_int(st, 7, k->score_tenths);
	db_bind_text(st, 8, str_c(num_list_format(a, k->items, DIAG_ITEMS)));
	db_bind_int(st, 9, k->plan_done);
	db_bind_int(st, 10, k->plan_total);
	db_bind_int(st, 11, k->stars);
	return db_exec(st);
}

/* The office running org's engagement into *office (0: none).  DB_OK or
 * < 0. */
static int
eng_office(struct db_conn *c, int64_t org, int64_t *office)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ENG_GET);
	int rc;

	*office = 0;
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	if (!db_col_null(st, 0))
		*office = db_col_int(st, 0);
	db_exec(st);
	return DB_OK;
}

/* The plan's status keys (fixed: enum plan_status order), for callers
 * that have no register_env at hand (a round closing, a row deleted). */
static const char *plan_status[PLAN_STATUS__MAX] = {
	[PLAN_TODO] = "todo",
	[PLAN_DOING] = "doing",
	[PLAN_DONE] = "done",
	[PLAN_DROPPED] = "dropped",
};

/* Org's plan rows done and in all (dropped ones apart). */
static int
plan_count(struct db_conn *c, const struct register_env *e, int64_t org,
    struct arena *a, struct office_contrib *k)
{
	const struct register_decl *d = register_of(REGISTER_PLAN);
	int f = register_field(d, "status");
	struct register_env *own = NULL;
	struct register_row *v;
	size_t n, i;
	int rc;

	if (e == NULL) {
		own = arena_alloc(a, sizeof(*own));
		memset(own, 0, sizeof(*own));
		own->ks[KS_PLAN_STATUS].n = PLAN_STATUS__MAX;
		own->ks[KS_PLAN_STATUS].key = plan_status;
		e = own;
	}
	if ((rc = register_list(c, e, d, org, a, &v, &n)) != DB_OK)
		return rc;
	k->plan_done = k->plan_total = 0;
	for (i = 0; i < n; i++) {
		const struct register_val *s = f >= 0 ? &v[i].v[f] : NULL;

		if (s != NULL && s->set && s->i == PLAN_DROPPED)
			continue;
		k->plan_total++;
		if (s != NULL && s->set && s->i == PLAN_DONE)
			k->plan_done++;
	}
	return DB_OK;
}

/* Org's contribution as it stands, into *k (strings in a). */
static int
contrib_now(struct db_conn *c, const struct register_env *e, int64_t org,
    struct arena *a, struct office_contrib *k)
{
	struct db_stmt *st;
	struct sa_state sa;
	struct org o;
	int rc;

	memset(k, 0, sizeof(*k));
	if ((rc = org_get(c, a, org, &o)) != 0)
		return rc == DB_DONE ? OFFICE_NONE : rc;
	k->industry = o.industry;
	k->employees = o.employees;
	k->prefecture = o.prefecture != NULL ? o.prefecture : "";
	st = db_stmt(c, STMT_LATEST_GET);
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) == DB_ROW) {
		k->scored = true;
		k->score_tenths = db_col_int(st, 3);
		num_list_parse(db_col_text(st, 5), k->items, DIAG_ITEMS);
		db_exec(st);
	} else if (rc != DB_DONE)
		return rc;
	if ((rc = plan_count(c, e, org, a, k)) != DB_OK)
		return rc;
	if ((rc = sa_load(c, a, org, &sa)) != DB_OK)
		return rc;
	k->stars = sa.two_star ? 2 : sa.one_star ? 1 : 0;
	return DB_OK;
}

int
office_refresh_org(struct db_conn *c, const struct register_env *e,
    int64_t org)
{
	struct office_contrib old, now;
	int64_t office, old_office = 0;
	struct arena a;
	bool had;
	int rc;

	if ((rc = eng_office(c, org, &office)) != DB_OK)
		return rc;
	arena_init(&a);
	if ((rc = contrib_get(c, &a, org, &old_office, &old)) < 0)
		goto out;
	had = rc == DB_ROW;
	rc = DB_OK;
	if (!had && office == 0)
		goto out;	/* no office, now or before */
	if (office != 0 && (rc = contrib_now(c, e, org, &a, &now)) != DB_OK)
		goto out;
	if (had && office == old_office) {
		rc = office_stats_move(c, office, &old, &now);
	} else {
		if (had)
			rc = office_stats_move(c, old_office, &old, NULL);
		if (rc == DB_OK && office != 0)
			rc = office_stats_move(c, office, NULL, &now);
	}
	if (rc != DB_OK)
		goto out;
	if (office != 0)
		rc = contrib_put(c, &a, org, office, &now);
	else {
		struct db_stmt *st = db_stmt(c, STMT_OFFICE_CONTRIB_DEL);

		db_bind_int(st, 1, org);
		rc = db_exec(st);
	}
out:
	arena_free(&a);
	return rc;
}

/* ---- offices, members, advisors ---- */

int
office_add(struct db_conn *c, const char *name, int64_t now, int64_t *id)
{
	struct db_stmt *st;
	int64_t have;
	size_t len = strlen(name);
	int rc;

	if (len == 0 || !str_utf8_valid(str_c(name)) ||
	    str_utf8_count(str_c(name)) > OFFICE_NAME_MAX)
		return DB_E_CONSTRAINT;
	if ((rc = office_by_name(c, name, &have)) == DB_OK)
		return OFFICE_EXISTS;
	if (rc != OFFICE_NONE)
		return rc;
	st = db_stmt(c, STMT_OFFICE_INSERT);
	db_bind_text(st, 1, str_c(name));
	db_bind_int(st, 2, now);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_E_CONSTRAINT ? OFFICE_EXISTS : rc < 0 ? rc :
		    DB_E_IO;
	*id = db_col_int(st, 0);
	return db_exec(st) < 0 ? DB_E_IO : DB_OK;
}

int
office_get(struct db_conn *c, struct arena *a, int64_t id, struct office *out)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_GET);
	int rc;

	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) == DB_DONE)
		return OFFICE_NONE;
	if (rc != DB_ROW)
		return rc;
	out->id = id;
	out->name = arena_cstr(a, db_col_text(st, 0));
	out->created_at = db_col_int(st, 1);
	db_exec(st);
	return DB_OK;
}

int
office_by_name(struct db_conn *c, const char *name, int64_t *id)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_BY_NAME);
	int rc;

	db_bind_text(st, 1, str_c(name));
	if ((rc = db_step(st)) == DB_DONE)
		return OFFICE_NONE;
	if (rc != DB_ROW)
		return rc;
	*id = db_col_int(st, 0);
	db_exec(st);
	return DB_OK;
}

int
office_list(struct db_conn *c, struct arena *a, struct office **out,
    size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_LIST);
	struct office *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].id = db_col_int(st, 0);
		v[len].name = arena_cstr(a, db_col_text(st, 1));
		v[len].created_at = db_col_int(st, 2);
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

int
office_member_put(struct db_conn *c, int64_t office, int64_t user,
    enum office_role role)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_MEMBER_PUT);

	db_bind_int(st, 1, office);
	db_bind_int(st, 2, user);
	db_bind_text(st, 3, str_c(role_keys[role]));
	return db_exec(st);
}

int
office_member_role(struct db_conn *c, int64_t office, int64_t user)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_MEMBER_ROLE);
	char key[32];
	struct str s;
	int rc;

	db_bind_int(st, 1, office);
	db_bind_int(st, 2, user);
	if ((rc = db_step(st)) == DB_DONE)
		return -1;
	if (rc != DB_ROW)
		return rc < -1 ? rc : DB_E_IO;
	s = db_col_text(st, 0);
	if (s.n >= sizeof(key))
		s.n = 0;
	memcpy(key, s.p, s.n);
	key[s.n] = '\0';
	db_exec(st);
	return office_role_of(key);
}

int
office_advisor_put(struct db_conn *c, int64_t office, int64_t user)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ADVISOR_PUT);

	db_bind_int(st, 1, office);
	db_bind_int(st, 2, user);
	return db_exec(st);
}

int
office_is_advisor(struct db_conn *c, int64_t office, int64_t user)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_IS_ADVISOR);
	int rc;

	db_bind_int(st, 1, office);
	db_bind_int(st, 2, user);
	if ((rc = db_step(st)) == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return rc;
	db_exec(st);
	return 1;
}

int
office_people(struct db_conn *c, struct arena *a, int64_t office,
    bool advisors, struct office_person **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, advisors ? STMT_OFFICE_ADVISOR_LIST :
	    STMT_OFFICE_MEMBER_LIST);
	struct office_person *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	db_bind_int(st, 1, office);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].user = db_col_int(st, 0);
		v[len].email = arena_cstr(a, db_col_text(st, 1));
		v[len].role = advisors ? "" : arena_cstr(a, db_col_text(st, 2));
		v[len].engagements = advisors ? db_col_int(st, 2) : 0;
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

int
office_of_member(struct db_conn *c, struct arena *a, int64_t user,
    struct office_ref **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_OF_MEMBER);
	struct office_ref *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	db_bind_int(st, 1, user);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].id = db_col_int(st, 0);
		v[len].name = arena_cstr(a, db_col_text(st, 1));
		v[len].role = arena_cstr(a, db_col_text(st, 2));
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

/* ---- the engagements an office runs ---- */

/* Set org's office (0: none) and move its contribution. */
static int
eng_set(struct db_conn *c, const struct register_env *e, int64_t org,
    int64_t office)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ENG_SET);
	int rc;

	db_bind_int(st, 1, org);
	if (office != 0)
		db_bind_int(st, 2, office);
	else
		db_bind_null(st, 2);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) == 0)
		return OFFICE_NONE;
	return office_refresh_org(c, e, org);
}

struct opened {
	const struct register_env *e;
	int64_t	org, advisor;
};

int
office_engagement_opened_in(struct db_conn *c, const struct register_env *e,
    int64_t org, int64_t advisor)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_OF_ADVISOR);
	int64_t office = 0;
	int n = 0, rc;

	db_bind_int(st, 1, advisor);
	while ((rc = db_step(st)) == DB_ROW) {
		office = db_col_int(st, 0);
		n++;
	}
	if (rc != DB_DONE)
		return rc;
	if (n != 1)
		return DB_OK;	/* none, or the choice is an office's */
	return eng_set(c, e, org, office);
}

static int
opened_write(struct db_conn *c, void *arg)
{
	const struct opened *w = arg;

	return office_engagement_opened_in(c, w->e, w->org, w->advisor);
}

int
office_engagement_opened(struct db *db, const struct register_env *e,
    int64_t org, int64_t advisor)
{
	struct opened w = { .e = e, .org = org, .advisor = advisor };

	return db_write(db, opened_write, &w);
}

struct setw {
	const struct register_env *e;
	int64_t	org, office;
};

static int
set_write(struct db_conn *c, void *arg)
{
	const struct setw *w = arg;
	int64_t advisor;
	struct db_stmt *st;
	int rc;

	if (w->office != 0) {
		st = db_stmt(c, STMT_ENG_GET);
		db_bind_int(st, 1, w->org);
		if ((rc = db_step(st)) == DB_DONE)
			return OFFICE_NONE;
		if (rc != DB_ROW)
			return rc;
		advisor = db_col_null(st, 0) ? 0 : db_col_int(st, 0);
		db_exec(st);
		if ((rc = office_is_advisor(c, w->office, advisor)) < 0)
			return rc;
		if (rc == 0)
			return OFFICE_NOT_ADVISOR;
	}
	return eng_set(c, w->e, w->org, w->office);
}

int
office_engagement_set(struct db *db, const struct register_env *e,
    int64_t org, int64_t office)
{
	struct setw w = { .e = e, .org = org, .office = office };

	return db_write(db, set_write, &w);
}

int
office_engagements_count(struct db_conn *c, int64_t office, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ENG_COUNT);
	int rc;

	*n = 0;
	db_bind_int(st, 1, office);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_E_IO : rc;
	*n = (size_t)db_col_int(st, 0);
	return db_exec(st);
}

int
office_engagements(struct db_conn *c, struct arena *a, int64_t office,
    const char *today, size_t first, size_t count, struct office_eng **out,
    size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ENG_LIST);
	struct office_eng *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	db_bind_int(st, 1, office);
	db_bind_text(st, 2, str_c(today));
	db_bind_int(st, 3, count > INT64_MAX ? INT64_MAX : (int64_t)count);
	db_bind_int(st, 4, (int64_t)first);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		v[len].org = db_col_int(st, 0);
		v[len].name = arena_cstr(a, db_col_text(st, 1));
		v[len].advisor = arena_cstr(a, db_col_text(st, 2));
		v[len].tmpl = arena_cstr(a, db_col_text(st, 3));
		v[len].first = arena_cstr(a, db_col_text(st, 4));
		v[len].visits = db_col_int(st, 5);
		v[len].held = db_col_int(st, 6);
		v[len].deliv = db_col_int(st, 7);
		v[len].draft = db_col_int(st, 8);
		v[len].agreed = db_col_int(st, 9);
		v[len].overdue = db_col_int(st, 10);
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

int
office_engagements_free(struct db_conn *c, struct arena *a, int64_t office,
    struct office_eng **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_ENG_FREE);
	struct office_eng *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	db_bind_int(st, 1, office);
	while ((rc = db_step(st)) == DB_ROW) {
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		memset(&v[len], 0, sizeof(v[len]));
		v[len].org = db_col_int(st, 0);
		v[len].name = arena_cstr(a, db_col_text(st, 1));
		v[len].advisor = arena_cstr(a, db_col_text(st, 2));
		len++;
	}
	*out = v;
	*n = len;
	return rc == DB_DONE ? DB_OK : rc;
}

/* ---- statistics ---- */

/* a / b to the nearest integer, half away from zero; b > 0. */
static long
div_round(int64_t a, int64_t b)
{
	return (long)(a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) /
	    (2 * b)));
}

/* Fill g from s, keeping to the k ≥ OFFICE_MIN rule. */
static void
group_fill(struct office_group *g, const struct sums *s)
{
	double mean, var;
	int i;

	g->n = s->n;
	g->shown = s->n >= OFFICE_MIN;
	if (!g->shown)
		return;
	g->plan_done = s->plan_done;
	g->plan_total = s->plan_total;
	g->two_star = s->two_star;
	g->n_scored = s->n_scored;
	g->scores = s->n_scored >= OFFICE_MIN;
	if (!g->scores)
		return;
	g->mean_tenths = div_round(s->score, s->n_scored);
	mean = (double)s->score / (double)s->n_scored;
	var = (double)s->sq / (double)s->n_scored - mean * mean;
	g->sd_tenths = var > 0 ? lround(sqrt(var)) : 0;
	memcpy(g->hist, s->hist, sizeof(g->hist));
	for (i = 0; i < DIAG_ITEMS; i++)
		g->item_mean_tenths[i] = div_round(s->items[i], s->n_scored);
}

int
office_stats_read(struct db_conn *c, struct arena *a, int64_t office,
    struct office_stats *out)
{
	struct db_stmt *st = db_stmt(c, STMT_OFFICE_STATS_LIST);
	struct office_group *v = NULL, *all = NULL;
	size_t len = 0, cap = 0, i;
	struct sums s;
	int rc, d, k, j;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, office);
	while ((rc = db_step(st)) == DB_ROW) {
		char *dk = arena_cstr(a, db_col_text(st, 0));

		if ((d = office_dim_of(dk)) < 0)
			continue;
		v = arena_grow(a, v, len, &cap, sizeof(*v));
		memset(&v[len], 0, sizeof(v[len]));
		v[len].dim = (enum office_dim)d;
		v[len].key = arena_cstr(a, db_col_text(st, 1));
		sums_read(st, 2, &s);
		group_fill(&v[len], &s);
		if (!v[len].shown)
			out->hidden[d] += v[len].n;
		len++;
	}
	if (rc != DB_DONE)
		return rc;
	/* by dimension in enum order, then key (the rows come by key) */
	out->g = arena_alloc(a, (len + 1) * sizeof(*out->g));
	for (d = 0; d < OFFICE_DIM__MAX; d++)
		for (i = 0; i < len; i++)
			if (v[i].dim == (enum office_dim)d)
				out->g[out->ngroups++] = v[i];
	for (i = 0; i < out->ngroups; i++)
		if (out->g[i].dim == OFFICE_DIM_ALL)
			all = &out->g[i];
	if (all == NULL || !all->scores)
		return DB_OK;
	/* the items with the lowest means, ties in item order */
	for (k = 0; k < OFFICE_WEAK; k++) {
		int best = -1;

		for (i = 0; i < DIAG_ITEMS; i++) {
			for (j = 0; j < k && out->weak[j] != (int)i; j++)
				;
			if (j < k)
				continue;
			if (best < 0 || all->item_mean_tenths[i] <
			    all->item_mean_tenths[best])
				best = (int)i;
		}
		out->weak[k] = best;
	}
	out->nweak = OFFICE_WEAK;
	return DB_OK;
}

/* ---- loading many at once ---- */

struct load_group {
	enum office_dim dim;
	char	*key;		/* owned */
	struct sums s;
};

struct office_load {
	int64_t	office;
	struct load_group **g;	/* by dim, then key */
	size_t	n, cap;
};

struct office_load *
office_load_new(int64_t office)
{
	struct office_load *l = xcalloc(1, sizeof(*l));

	l->office = office;
	return l;
}

static void
load_clear(struct office_load *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->g[i]->key);
		free(l->g[i]);
	}
	l->n = 0;
}

void
office_load_free(struct office_load *l)
{
	if (l == NULL)
		return;
	load_clear(l);
	free(l->g);
	free(l);
}

static struct load_group *
load_group(struct office_load *l, enum office_dim dim, const char *key)
{
	size_t lo = 0, hi = l->n, mid;
	struct load_group *g;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		g = l->g[mid];
		if ((d = (int)g->dim - (int)dim) == 0)
			d = strcmp(g->key, key);
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
	g->dim = dim;
	g->key = xstrdup(key);
	memmove(&l->g[lo + 1], &l->g[lo], (l->n - lo) * sizeof(*l->g));
	l->g[lo] = g;
	l->n++;
	return g;
}

int
office_load_add(struct db_conn *c, struct arena *a, struct office_load *l,
    int64_t org, const struct office_contrib *k)
{
	int d, rc;

	if ((rc = contrib_put(c, a, org, l->office, k)) != DB_OK)
		return rc;
	for (d = 0; d < OFFICE_DIM__MAX; d++)
		sums_add(&load_group(l, (enum office_dim)d,
		    group_key(k, (enum office_dim)d))->s, k, 1);
	return DB_OK;
}

int
office_load_finish(struct db_conn *c, struct arena *a, struct office_load *l)
{
	size_t i;
	int rc;

	for (i = 0; i < l->n; i++)
		if ((rc = group_add(c, a, l->office, l->g[i]->dim,
		    l->g[i]->key, &l->g[i]->s)) != DB_OK)
			return rc;
	load_clear(l);
	return DB_OK;
}
