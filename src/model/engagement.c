#include "model/engagement.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"

static const char *const mode_keys[ENG_MODE__MAX] = {
	[ENG_ON_SITE] = "on_site",
	[ENG_ONLINE] = "online",
};

static const char *const side_keys[ENG_SIDE__MAX] = {
	[ENG_COMPANY] = "company",
	[ENG_ADVISOR] = "advisor",
};

static const char *const dstate_keys[ENG_D__MAX] = {
	[ENG_D_NOT_STARTED] = "not_started",
	[ENG_D_DRAFT] = "draft",
	[ENG_D_AGREED] = "agreed",
};

static const char *const err_keys[ENGE__MAX] = {
	[ENGE_OK] = "ok",
	[ENGE_DAY] = "day",
	[ENGE_BEFORE_PREV] = "before_prev",
	[ENGE_AFTER_NEXT] = "after_next",
	[ENGE_HELD_FUTURE] = "held_future",
	[ENGE_DUE_MISSING] = "due_missing",
	[ENGE_TEXT_MISSING] = "text_missing",
	[ENGE_TOO_LONG] = "too_long",
	[ENGE_DONE_FUTURE] = "done_future",
	[ENGE_BOTH_DAYS] = "both_days",
};

static int
key_of(const char *const *keys, int n, const char *key)
{
	int i;

	for (i = 0; key != NULL && i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

const char *
engagement_mode_key(enum engagement_mode m)
{
	return mode_keys[m];
}

int
engagement_mode_of(const char *key)
{
	return key_of(mode_keys, ENG_MODE__MAX, key);
}

const char *
engagement_side_key(enum engagement_side s)
{
	return side_keys[s];
}

int
engagement_side_of(const char *key)
{
	return key_of(side_keys, ENG_SIDE__MAX, key);
}

const char *
engagement_dstate_key(enum engagement_dstate s)
{
	return dstate_keys[s];
}

int
engagement_dstate_of(const char *key)
{
	return key_of(dstate_keys, ENG_D__MAX, key);
}

const char *
engagement_err_key(enum engagement_err e)
{
	return err_keys[e];
}

/* ---- days ---- */

#define YEAR_MIN	2000
#define YEAR_MAX	2199

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* s as y, m, d; false when it is no day of the years allowed. */
static bool
ymd(const char *s, int *y, int *m, int *d)
{
	int i;

	if (s == NULL || strlen(s) != ENGAGEMENT_DAY_LEN || s[4] != '-' ||
	    s[7] != '-')
		return false;
	for (i = 0; i < ENGAGEMENT_DAY_LEN; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= YEAR_MIN && *y <= YEAR_MAX && *m >= 1 && *m <= 12 &&
	    *d >= 1 && *d <= month_days(*y, *m);
}

/* Days since 1970-01-01 of a day of the proleptic Gregorian calendar
 * (the era-based method: 400-year cycles of 146097 days). */
static long
days_of(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool
engagement_day_ok(const char *s)
{
	int y, m, d;

	return ymd(s, &y, &m, &d);
}

bool
engagement_day_add(const char *s, long days, char out[ENGAGEMENT_DAY_LEN + 1])
{
	int y, m, d;

	if (!ymd(s, &y, &m, &d)) {	/* s may be out: read it first */
		out[0] = '\0';
		return false;
	}
	civil(days_of(y, m, d) + days, &y, &m, &d);
	if (y < YEAR_MIN || y > YEAR_MAX) {
		out[0] = '\0';
		return false;
	}
	snprintf(out, ENGAGEMENT_DAY_LEN + 1, "%04d-%02d-%02d", y, m, d);
	return true;
}

long
engagement_day_diff(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	if (!ymd(a, &ya, &ma, &da) || !ymd(b, &yb, &mb, &db))
		return 0;
	return days_of(yb, mb, db) - days_of(ya, ma, da);
}

bool
engagement_plan(const char *first, size_t n, int default_gap,
    char (*out)[ENGAGEMENT_DAY_LEN + 1])
{
	size_t i;

	if (n == 0)
		return engagement_day_ok(first);
	if (!engagement_day_ok(first))
		return false;
	memcpy(out[0], first, ENGAGEMENT_DAY_LEN + 1);
	for (i = 1; i < n; i++)
		if (!engagement_day_add(out[i - 1], default_gap, out[i]))
			return false;
	return true;
}

/* ---- the record's checks ---- */

const char *
engagement_visit_day(const struct engagement_visit *v)
{
	return v->held != NULL && v->held[0] != '\0' ? v->held : v->planned;
}

const char *
engagement_note(const struct engagement_visit *v, const char *key)
{
	size_t i;

	for (i = 0; i < v->nnotes; i++)
		if (strcmp(v->notes[i].key, key) == 0)
			return v->notes[i].text;
	return "";
}

bool
engagement_overdue(const struct engagement_homework *h, const char *today)
{
	return (h->done == NULL || h->done[0] == '\0') &&
	    strcmp(h->due, today) < 0;
}

enum engagement_err
engagement_check_days(const struct engagement_view *ev, int n,
    const char *planned, const char *held, const char *today, int *field)
{
	const char *day[2] = { planned, held };
	size_t k;
	int f;

	for (f = 0; f < 2; f++) {
		*field = f;
		if (f == 1 && (held == NULL || held[0] == '\0'))
			break;
		if (!engagement_day_ok(day[f]))
			return ENGE_DAY;
		if (f == 1 && strcmp(held, today) > 0)
			return ENGE_HELD_FUTURE;
		if (n >= 2 && (size_t)n - 2 < ev->nvisits &&
		    strcmp(day[f], engagement_visit_day(&ev->visit[n - 2])) < 0)
			return ENGE_BEFORE_PREV;
		for (k = (size_t)n; k < ev->nvisits; k++)
			if (ev->visit[k].held[0] != '\0' &&
			    strcmp(day[f], ev->visit[k].held) > 0)
				return ENGE_AFTER_NEXT;
	}
	*field = 0;
	return ENGE_OK;
}

enum engagement_err
engagement_check_homework(const struct engagement_homework *h, int *field)
{
	*field = 0;
	if (h->text == NULL || h->text[0] == '\0')
		return ENGE_TEXT_MISSING;
	if (str_utf8_count(str_c(h->text)) > ENGAGEMENT_LINE_MAX)
		return ENGE_TOO_LONG;
	*field = 1;
	if (h->due == NULL || h->due[0] == '\0')
		return ENGE_DUE_MISSING;
	if (!engagement_day_ok(h->due))
		return ENGE_DAY;
	*field = 2;
	if (h->done != NULL && h->done[0] != '\0' &&
	    !engagement_day_ok(h->done))
		return ENGE_DAY;
	*field = 0;
	return ENGE_OK;
}

enum engagement_err
engagement_check_final(const char *summary, const char *done,
    const char *planned, const char *today, int *field)
{
	*field = 0;
	if (str_utf8_count(str_c(summary)) > ENGAGEMENT_SUMMARY_MAX)
		return ENGE_TOO_LONG;
	*field = 1;
	if (done[0] != '\0' && !engagement_day_ok(done))
		return ENGE_DAY;
	if (done[0] != '\0' && strcmp(done, today) > 0)
		return ENGE_DONE_FUTURE;
	*field = 2;
	if (planned[0] != '\0' && !engagement_day_ok(planned))
		return ENGE_DAY;
	if (planned[0] != '\0' && done[0] != '\0')
		return ENGE_BOTH_DAYS;
	*field = 0;
	return ENGE_OK;
}

/* ---- the database ---- */

static int
finish(struct db_conn *c, int rc)
{
	if (rc == DB_OK)
		return db_commit(c);
	(void)db_rollback(c);
	return rc;
}

int
engagement_figures(struct db_conn *c, int64_t org, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_ENG_FIG_VISITS);
	struct buf dues[ENG_SIDE__MAX];
	int64_t engaged, visits, held;
	struct arena a;
	const char *next, *last;
	int side, rc;

	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	arena_init(&a);
	engaged = db_col_int(st, 0);
	visits = db_col_int(st, 1);
	held = db_col_int(st, 2);
	next = arena_cstr(&a, db_col_text(st, 3));
	last = arena_cstr(&a, db_col_text(st, 4));
	if ((rc = db_exec(st)) != DB_OK) {
		arena_free(&a);
		return rc;
	}
	for (side = 0; side < ENG_SIDE__MAX; side++)
		buf_init(&dues[side], 0);
	st = db_stmt(c, STMT_ENG_FIG_HW);
	db_bind_int(st, 1, org);
	while ((rc = db_step(st)) == DB_ROW) {
		struct str due = db_col_text(st, 1);

		if ((side = engagement_side_of(arena_cstr(&a,
		    db_col_text(st, 0)))) < 0)
			continue;
		if (dues[side].n > 0)
			buf_adds(&dues[side], ",");
		buf_addstr(&dues[side], due);
	}
	if (rc == DB_DONE) {
		st = db_stmt(c, STMT_ENG_FIG_PUT);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, engaged);
		db_bind_int(st, 4, visits);
		db_bind_int(st, 5, held);
		db_bind_text(st, 6, str_c(next));
		db_bind_text(st, 7, str_c(last));
		db_bind_text(st, 8, str_c(buf_cstr(&dues[ENG_COMPANY])));
		db_bind_text(st, 9, str_c(buf_cstr(&dues[ENG_ADVISOR])));
		rc = db_exec(st);
	}
	for (side = 0; side < ENG_SIDE__MAX; side++)
		buf_free(&dues[side]);
	arena_free(&a);
	return rc;
}

int
engagement_open_in(struct db_conn *c, int64_t org, int64_t user,
    const char *tmpl, const char *first, size_t nvisits, int default_gap,
    const char *const *deliv, size_t ndeliv, int64_t now)
{
	char day[ENGAGEMENT_DAY_LEN + 1];
	struct db_stmt *st;
	size_t i;
	int rc;

	if (!engagement_day_ok(first))
		return DB_E_CONSTRAINT;
	st = db_stmt(c, STMT_ENG_GET);
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) == DB_ROW)
		return ENGAGEMENT_EXISTS;
	if (rc != DB_DONE)
		return rc;
	st = db_stmt(c, STMT_ENG_INSERT);
	db_bind_int(st, 1, org);
	if (user > 0)
		db_bind_int(st, 2, user);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, str_c(tmpl));
	db_bind_text(st, 4, str_c(first));
	db_bind_int(st, 5, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc == DB_E_CONSTRAINT ? ENGAGEMENT_EXISTS : rc;
	memcpy(day, first, sizeof(day));
	for (i = 0; i < nvisits; i++) {
		if (i > 0 && !engagement_day_add(day, default_gap, day))
			return DB_E_CONSTRAINT;
		st = db_stmt(c, STMT_ENG_VISIT_INSERT);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, str_c(day));
		db_bind_int(st, 4, now);
		if (user > 0)
			db_bind_int(st, 5, user);
		else
			db_bind_null(st, 5);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	for (i = 0; i < ndeliv; i++) {
		st = db_stmt(c, STMT_ENG_DELIV_INSERT);
		db_bind_int(st, 1, org);
		db_bind_text(st, 2, str_c(deliv[i]));
		db_bind_int(st, 3, now);
		if (user > 0)
			db_bind_int(st, 4, user);
		else
			db_bind_null(st, 4);
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return engagement_figures(c, org, now);
}

int
engagement_open(struct db_conn *c, int64_t org, int64_t user,
    const char *tmpl, const char *first, size_t nvisits, int default_gap,
    const char *const *deliv, size_t ndeliv, int64_t now)
{
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	return finish(c, engagement_open_in(c, org, user, tmpl, first,
	    nvisits, default_gap, deliv, ndeliv, now));
}

/* The notes JSON {key: text} into v (texts in a); anything else reads as
 * no notes. */
static void
notes_read(struct arena *a, struct str s, struct engagement_visit *v)
{
	json_t *root = json_loadb(s.p, s.n, 0, NULL), *val;
	const char *key;

	v->nnotes = 0;
	if (json_is_object(root))
		json_object_foreach(root, key, val) {
			if (v->nnotes == ENGAGEMENT_NOTES_MAX)
				break;
			if (!json_is_string(val))
				continue;
			v->notes[v->nnotes].key = arena_strndup(a, key,
			    strlen(key));
			v->notes[v->nnotes++].text = arena_strndup(a,
			    json_string_value(val), json_string_length(val));
		}
	json_decref(root);
}

/* The notes of v as a JSON object into a. */
static const char *
notes_write(struct arena *a, const struct engagement_visit *v)
{
	json_t *root = json_object();
	const char *out;
	char *s;
	size_t i;

	for (i = 0; i < v->nnotes; i++)
		if (v->notes[i].text != NULL && v->notes[i].text[0] != '\0')
			json_object_set_new(root, v->notes[i].key,
			    json_string(v->notes[i].text));
	s = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(root);
	out = arena_strndup(a, s != NULL ? s : "{}", s != NULL ? strlen(s) :
	    2);
	free(s);
	return out;
}

int
engagement_read(struct db_conn *c, struct arena *a, int64_t org,
    struct engagement_view *out)
{
	struct db_stmt *st;
	size_t cap;
	int rc;

	memset(out, 0, sizeof(*out));
	st = db_stmt(c, STMT_ENG_GET);
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) == DB_DONE)
		return ENGAGEMENT_NONE;
	if (rc != DB_ROW)
		return rc;
	out->e.org = org;
	out->e.advisor = db_col_int(st, 0);
	out->e.advisor_email = arena_cstr(a, db_col_text(st, 1));
	out->e.tmpl = arena_cstr(a, db_col_text(st, 2));
	out->e.state = arena_cstr(a, db_col_text(st, 3));
	out->e.first = arena_cstr(a, db_col_text(st, 4));
	out->e.created_at = db_col_int(st, 5);
	out->e.summary = arena_cstr(a, db_col_text(st, 6));
	out->e.two_star_done = arena_cstr(a, db_col_text(st, 7));
	out->e.two_star_planned = arena_cstr(a, db_col_text(st, 8));
	out->e.final_rev = db_col_int(st, 9);

	st = db_stmt(c, STMT_ENG_VISIT_LIST);
	db_bind_int(st, 1, org);
	cap = 8;
	out->visit = arena_alloc(a, cap * sizeof(*out->visit));
	while ((rc = db_step(st)) == DB_ROW) {
		struct engagement_visit *v;
		int m;

		if (out->nvisits == cap) {
			struct engagement_visit *nv = arena_alloc(a, 2 * cap *
			    sizeof(*nv));

			memcpy(nv, out->visit, cap * sizeof(*nv));
			out->visit = nv;
			cap *= 2;
		}
		v = &out->visit[out->nvisits++];
		memset(v, 0, sizeof(*v));
		v->n = (int)db_col_int(st, 0);
		v->planned = arena_cstr(a, db_col_text(st, 1));
		v->held = arena_cstr(a, db_col_text(st, 2));
		v->attendees = arena_cstr(a, db_col_text(st, 3));
		m = engagement_mode_of(arena_cstr(a, db_col_text(st, 4)));
		v->mode = m < 0 ? ENG_ON_SITE : (enum engagement_mode)m;
		notes_read(a, db_col_text(st, 5), v);
		v->decisions = arena_cstr(a, db_col_text(st, 6));
		v->rev = db_col_int(st, 7);
		v->updated_at = db_col_int(st, 8);
		v->updated_by = arena_cstr(a, db_col_text(st, 9));
	}
	if (rc != DB_DONE)
		return rc;

	st = db_stmt(c, STMT_ENG_HW_LIST);
	db_bind_int(st, 1, org);
	cap = 16;
	out->hw = arena_alloc(a, cap * sizeof(*out->hw));
	while ((rc = db_step(st)) == DB_ROW) {
		struct engagement_homework *h;
		int s;

		if (out->nhw == cap) {
			struct engagement_homework *nh = arena_alloc(a, 2 * cap *
			    sizeof(*nh));

			memcpy(nh, out->hw, cap * sizeof(*nh));
			out->hw = nh;
			cap *= 2;
		}
		h = &out->hw[out->nhw++];
		h->id = db_col_int(st, 0);
		h->visit = (int)db_col_int(st, 1);
		s = engagement_side_of(arena_cstr(a, db_col_text(st, 2)));
		h->side = s < 0 ? ENG_COMPANY : (enum engagement_side)s;
		h->text = arena_cstr(a, db_col_text(st, 3));
		h->due = arena_cstr(a, db_col_text(st, 4));
		h->done = arena_cstr(a, db_col_text(st, 5));
	}
	if (rc != DB_DONE)
		return rc;

	st = db_stmt(c, STMT_ENG_DELIV_LIST);
	db_bind_int(st, 1, org);
	cap = 16;
	out->deliv = arena_alloc(a, cap * sizeof(*out->deliv));
	while ((rc = db_step(st)) == DB_ROW) {
		struct engagement_deliv *d;
		int s;

		if (out->ndeliv == cap) {
			struct engagement_deliv *nd = arena_alloc(a, 2 * cap *
			    sizeof(*nd));

			memcpy(nd, out->deliv, cap * sizeof(*nd));
			out->deliv = nd;
			cap *= 2;
		}
		d = &out->deliv[out->ndeliv++];
		d->key = arena_cstr(a, db_col_text(st, 0));
		s = engagement_dstate_of(arena_cstr(a, db_col_text(st, 1)));
		d->state = s < 0 ? ENG_D_NOT_STARTED :
		    (enum engagement_dstate)s;
		d->updated_at = db_col_int(st, 2);
		d->updated_by = arena_cstr(a, db_col_text(st, 3));
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
engagement_visit_save(struct db_conn *c, int64_t org,
    const struct engagement_view *ev, const struct engagement_visit *v,
    int64_t rev, const struct engagement_homework *hw, size_t nhw,
    int64_t user, int64_t now, int64_t *new_rev)
{
	struct arena a;
	struct db_stmt *st;
	long shift;
	size_t i;
	int rc;

	*new_rev = 0;
	if (v->n < 1 || (size_t)v->n > ev->nvisits)
		return ENGAGEMENT_NONE;
	shift = engagement_day_diff(ev->visit[v->n - 1].planned, v->planned);
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	arena_init(&a);
	st = db_stmt(c, STMT_ENG_VISIT_UPDATE);
	db_bind_int(st, 1, org);
	db_bind_int(st, 2, v->n);
	db_bind_int(st, 3, rev);
	db_bind_text(st, 4, str_c(v->planned));
	db_bind_text(st, 5, str_c(v->held != NULL ? v->held : ""));
	db_bind_text(st, 6, str_c(v->attendees));
	db_bind_text(st, 7, str_c(mode_keys[v->mode]));
	db_bind_text(st, 8, str_c(notes_write(&a, v)));
	db_bind_text(st, 9, str_c(v->decisions));
	db_bind_int(st, 10, now);
	if (user > 0)
		db_bind_int(st, 11, user);
	else
		db_bind_null(st, 11);
	rc = db_exec(st);
	arena_free(&a);
	if (rc != DB_OK)
		return finish(c, rc);
	if (db_changes(c) != 1)
		return finish(c, ENGAGEMENT_STALE);
	*new_rev = rev + 1;
	/* the later visits not held yet keep their distance */
	for (i = (size_t)v->n; shift != 0 && i < ev->nvisits; i++) {
		char day[ENGAGEMENT_DAY_LEN + 1];

		if (ev->visit[i].held[0] != '\0')
			continue;
		if (!engagement_day_add(ev->visit[i].planned, shift, day))
			return finish(c, DB_E_CONSTRAINT);
		st = db_stmt(c, STMT_ENG_VISIT_PLAN);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, ev->visit[i].n);
		db_bind_text(st, 3, str_c(day));
		if ((rc = db_exec(st)) != DB_OK)
			return finish(c, rc);
	}
	st = db_stmt(c, STMT_ENG_HW_DELETE_VISIT);
	db_bind_int(st, 1, org);
	db_bind_int(st, 2, v->n);
	if ((rc = db_exec(st)) != DB_OK)
		return finish(c, rc);
	for (i = 0; i < nhw; i++) {
		st = db_stmt(c, STMT_ENG_HW_INSERT);
		db_bind_int(st, 1, org);
		db_bind_int(st, 2, v->n);
		db_bind_text(st, 3, str_c(side_keys[hw[i].side]));
		db_bind_text(st, 4, str_c(hw[i].text));
		db_bind_text(st, 5, str_c(hw[i].due));
		db_bind_text(st, 6, str_c(hw[i].done != NULL ? hw[i].done :
		    ""));
		if ((rc = db_exec(st)) != DB_OK)
			return finish(c, rc);
	}
	return finish(c, engagement_figures(c, org, now));
}

int
engagement_homework_done(struct db_conn *c, int64_t org, int64_t id,
    const char *day, int64_t now)
{
	struct db_stmt *st;
	int64_t visit;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_ENG_HW_DONE);
	db_bind_int(st, 1, org);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, str_c(day));
	if ((rc = db_step(st)) == DB_DONE)
		return finish(c, ENGAGEMENT_NONE);
	if (rc != DB_ROW)
		return finish(c, rc);
	visit = db_col_int(st, 0);
	if ((rc = db_step(st)) != DB_DONE)	/* run it to its end */
		return finish(c, rc < 0 ? rc : DB_E_IO);
	/* a visit's form open meanwhile would put the old state back */
	st = db_stmt(c, STMT_ENG_VISIT_TOUCH);
	db_bind_int(st, 1, org);
	db_bind_int(st, 2, visit);
	if ((rc = db_exec(st)) != DB_OK)
		return finish(c, rc);
	return finish(c, engagement_figures(c, org, now));
}

int
engagement_deliv_set(struct db_conn *c, int64_t org, const char *key,
    enum engagement_dstate state, int64_t user, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_ENG_DELIV_SET);
	int rc;

	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(key));
	db_bind_text(st, 3, str_c(dstate_keys[state]));
	db_bind_int(st, 4, now);
	if (user > 0)
		db_bind_int(st, 5, user);
	else
		db_bind_null(st, 5);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : ENGAGEMENT_NONE;
}

int
engagement_final_save(struct db_conn *c, int64_t org, int64_t rev,
    const char *summary, const char *done, const char *planned,
    int64_t *new_rev)
{
	struct db_stmt *st = db_stmt(c, STMT_ENG_FINAL_SAVE);
	int rc;

	db_bind_int(st, 1, org);
	db_bind_int(st, 2, rev);
	db_bind_text(st, 3, str_c(summary));
	db_bind_text(st, 4, str_c(done));
	db_bind_text(st, 5, str_c(planned));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) == 1) {
		*new_rev = rev + 1;
		return DB_OK;
	}
	/* stale, or no engagement at all */
	st = db_stmt(c, STMT_ENG_GET);
	db_bind_int(st, 1, org);
	rc = db_step(st);
	if (rc == DB_ROW)
		return ENGAGEMENT_STALE;
	return rc == DB_DONE ? ENGAGEMENT_NONE : rc;
}
