/*
 * page_calendar: a user's private calendar feed (issue 16).  The feed is
 * a capability URL, /cal/TOKEN.ics, that calendar programs subscribe to
 * without signing in; only the token's hash is stored, and the account
 * page makes, renews (a new token, the old one stops) and revokes it.
 *
 * The feed holds the days the user is concerned with, across their
 * organisations:
 *   - plan rows whose owner is the user (the plan register's owner field
 *     holding their e-mail address) and not done or dropped, on the last
 *     day of the row's deadline month (as /o/{org}/plan.ics);
 *   - programme visits of engagements they advise or whose company they
 *     are a member of, on the day held, else the day planned;
 *   - the report deadlines of open incidents that must be reported (the
 *     personal-data rule of content/appi.yaml) and are not ticked as
 *     reported, where they are the organisation's admin or its incident
 *     response lead;
 *   - open rounds of their organisations that close on a date.
 * Each event has a stable UID, so a calendar updates it in place.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/appi.h"
#include "model/audit.h"
#include "model/incsetup.h"
#include "model/register.h"
#include "pages/pages.h"
#include "render/ics.h"

#define FEED_SUFFIX	".ics"

static const char *
feed_url(struct req *r, const char *tok)
{
	return arena_printf(&r->arena, "%s/cal/%s" FEED_SUFFIX,
	    page_base_url(r), tok);
}

void
page_calendar_section(struct page *p, const char *made)
{
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct db_stmt *st = db_stmt(c, STMT_CAL_INFO);
	int64_t at = 0;

	db_bind_int(st, 1, r->auth.user_id);
	if (db_step(st) == DB_ROW)
		at = db_col_int(st, 0);
	db_release(db, c);
	html_elem(&p->h, "h2", T(r, "cal.title"), "id", "calendar", NULL);
	html_elem(&p->h, "p", T(r, "cal.help"), "class", "help", NULL);
	if (made != NULL) {
		page_notice(p, "ok", T(r, "cal.once"));
		html_elem(&p->h, "code", made, "class", "secret cal-url",
		    NULL);
	}
	if (at > 0) {
		html_elem(&p->h, "p", Tf(r, "cal.made_at", "at",
		    page_datetime(r, at), NULL), "class", "cal-state", NULL);
		form_button(p, "/account/calendar", T(r, "cal.renew"),
		    "btn btn-secondary");
		form_button(p, "/account/calendar/revoke", T(r, "cal.revoke"),
		    "btn btn-danger");
	} else {
		html_elem(&p->h, "p", T(r, "cal.none"), "class", "cal-state",
		    NULL);
		form_button(p, "/account/calendar", T(r, "cal.make"),
		    "btn btn-secondary");
	}
}

static int
calendar_page(struct req *r, const char *made, const char *notice)
{
	struct page p;

	page_begin(&p, r, T(r, "cal.title"));
	page_h1(&p, T(r, "cal.title"));
	if (notice)
		page_notice(&p, "ok", notice);
	page_calendar_section(&p, made);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "twostep.to_account"), "href", "/account",
	    NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

int
page_calendar_new(struct req *r)
{
	struct db *db = req_app(r)->db;
	char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];
	struct db_stmt *st;
	struct db_conn *c;
	int rc;

	account_token(tok);
	account_token_hash(tok, h);
	c = db_acquire(db);
	st = db_stmt(c, STMT_CAL_PUT);
	db_bind_int(st, 1, r->auth.user_id);
	db_bind_text(st, 2, str_c(h));
	db_bind_int(st, 3, account_now());
	if ((rc = db_exec(st)) == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_CAL_MADE, "", req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return calendar_page(r, feed_url(r, tok), NULL);
}

int
page_calendar_revoke(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_stmt *st;
	struct db_conn *c;
	int rc;

	c = db_acquire(db);
	st = db_stmt(c, STMT_CAL_DELETE);
	db_bind_int(st, 1, r->auth.user_id);
	if ((rc = db_exec(st)) == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_CAL_REVOKED, "",
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return calendar_page(r, NULL, T(r, "cal.revoked"));
}

/* ---- the feed ---- */

/* One line of text (line breaks as spaces), in the arena. */
static const char *
one_line(struct req *r, const char *s)
{
	char *o = arena_strdup(&r->arena, s ? s : "");

	for (char *q = o; *q != '\0'; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	return o;
}

static bool
day_of(const char *s, int *y, int *m, int *d)
{
	char tail;

	return s != NULL && sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) == 3 &&
	    *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static void
event(struct req *r, const char *uid, int64_t stamp, int y, int m, int d,
    const char *summary, const char *desc, const char *url)
{
	struct ics_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.uid = uid;
	ev.stamp = stamp;
	ev.y = y;
	ev.m = m;
	ev.d = d;
	ev.summary = one_line(r, summary);
	ev.description = desc;
	ev.url = url;
	ics_event_day(&r->out, &ev);
}

static const struct register_val *
val_of(const struct register_decl *d, const struct register_row *row,
    const char *key)
{
	int i = register_field(d, key);

	return i >= 0 && row->v[i].set ? &row->v[i] : NULL;
}

/* Plan rows the user owns (owner: their e-mail), not done or dropped. */
static int
feed_plan(struct req *r, struct db_conn *c, int64_t uid, const char *email,
    struct register_row *row)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct db_stmt *st = db_stmt(c, STMT_CAL_PLAN);
	int rc;

	db_bind_int(st, 1, uid);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), org = db_col_int(st, 1);
		const char *oname = arena_cstr(&r->arena, db_col_text(st, 2));
		const char *body = arena_cstr(&r->arena, db_col_text(st, 3));
		const struct register_val *ow, *dl, *sv, *ms;
		int y, m;

		if (register_from_body(e, d, body, &r->arena, row) != 0)
			continue;
		ow = val_of(d, row, "owner");
		dl = val_of(d, row, "deadline");
		sv = val_of(d, row, "status");
		ms = val_of(d, row, "measure");
		if (ow == NULL || dl == NULL || strcasecmp(ow->s, email) != 0)
			continue;
		if (sv != NULL && (strcmp(sv->s, "done") == 0 ||
		    strcmp(sv->s, "dropped") == 0))
			continue;
		if (sscanf(dl->s, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
			continue;
		event(r, arena_printf(&r->arena, "cal-plan-%" PRId64
		    "@mamori", id), db_col_int(st, 4), y, m, month_days(y, m),
		    Tf(r, "cal.ev_plan", "what", ms ? ms->s : "", NULL),
		    Tf(r, "cal.ev_org", "org", oname, NULL),
		    arena_printf(&r->arena, "%s/o/%" PRId64 "/r/plan/%" PRId64,
		    page_base_url(r), org, id));
	}
	return rc == DB_DONE ? 0 : rc;
}

/* Programme visits the user advises or whose company they belong to. */
static int
feed_visits(struct req *r, struct db_conn *c, int64_t uid)
{
	struct db_stmt *st = db_stmt(c, STMT_CAL_VISITS);
	int rc;

	db_bind_int(st, 1, uid);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t org = db_col_int(st, 0), n = db_col_int(st, 2);
		const char *oname = arena_cstr(&r->arena, db_col_text(st, 1));
		const char *planned = arena_cstr(&r->arena, db_col_text(st, 3));
		const char *held = arena_cstr(&r->arena, db_col_text(st, 4));
		int y, m, d;

		if (!day_of(held[0] ? held : planned, &y, &m, &d))
			continue;
		event(r, arena_printf(&r->arena, "cal-visit-%" PRId64 "-%"
		    PRId64 "@mamori", org, n), db_col_int(st, 5), y, m, d,
		    Tf(r, "cal.ev_visit", "n", arena_printf(&r->arena, "%"
		    PRId64, n), "org", oname, NULL),
		    Tf(r, "cal.ev_org", "org", oname, NULL),
		    arena_printf(&r->arena, "%s/o/%" PRId64 "/programme",
		    page_base_url(r), org));
	}
	return rc == DB_DONE ? 0 : rc;
}

/* An incident whose report deadlines go in the feed. */
struct inc_due {
	int64_t		 id, org, stamp;
	const char	*oname, *summary;
	struct appi_due	 due;
};

/* Report deadlines of open incidents that must be reported and are not
 * ticked as reported yet, for the organisation's admin and its incident
 * response lead.  The rows are read first, the ticks after, so no two
 * statements of the connection are stepped at once. */
static int
feed_incidents(struct req *r, struct db_conn *c, int64_t uid,
    struct register_row *row)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct db_stmt *st = db_stmt(c, STMT_CAL_INCIDENTS);
	enum incident_role dflt[INC_LEVELS];
	struct inc_due *v = NULL;
	size_t n = 0, cap = 0, i;
	int rc, k;

	if (e->appi == NULL)
		return 0;
	for (k = 0; k < INC_LEVELS; k++)
		dflt[k] = ct->incidents.level[k].responder;
	db_bind_int(st, 1, uid);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *body = arena_cstr(&r->arena, db_col_text(st, 3));
		bool admin = str_eq_c(db_col_text(st, 5), "org_admin");
		const char *setb = arena_cstr(&r->arena, db_col_text(st, 6));
		const struct register_val *sv, *aw, *sm;
		struct appi_case ac;
		struct inc_due x;
		struct incsetup s;

		if (!admin) {
			incsetup_read(setb[0] ? setb : NULL, dflt, &r->arena,
			    &s);
			if (s.who[INC_ROLE_LEAD].kind != INCSETUP_MEMBER ||
			    s.who[INC_ROLE_LEAD].id != uid)
				continue;
		}
		if (register_from_body(e, d, body, &r->arena, row) != 0)
			continue;
		sv = val_of(d, row, "status");
		if (sv != NULL && strcmp(sv->s, "closed") == 0)
			continue;
		if ((aw = val_of(d, row, "aware_at")) == NULL &&
		    (aw = val_of(d, row, "detected_at")) == NULL)
			continue;
		registers_appi_case(row, &ac);
		memset(&x, 0, sizeof(x));
		appi_due(e->appi, &ac, aw->i, &x.due);
		if (x.due.reasons == 0)
			continue;
		sm = val_of(d, row, "summary");
		x.id = db_col_int(st, 0);
		x.org = db_col_int(st, 1);
		x.stamp = db_col_int(st, 4);
		x.oname = arena_cstr(&r->arena, db_col_text(st, 2));
		x.summary = arena_strdup(&r->arena, sm ? sm->s : "");
		if (n == cap) {
			struct inc_due *w;

			cap = cap ? cap * 2 : 8;
			w = arena_alloc(&r->arena, cap * sizeof(*w));
			if (n > 0)
				memcpy(w, v, n * sizeof(*w));
			v = w;
		}
		v[n++] = x;
	}
	if (rc != DB_DONE)
		return rc;
	for (i = 0; i < n; i++) {
		const struct inc_due *x = &v[i];
		const char *url;

		if ((rc = registers_incident_reported(c, e, x->org, x->id)) < 0)
			return rc;
		if (rc == 1)
			continue;
		url = arena_printf(&r->arena, "%s/o/%" PRId64 "/incidents/%"
		    PRId64, page_base_url(r), x->org, x->id);
		event(r, arena_printf(&r->arena, "cal-incident-%" PRId64
		    "-prelim@mamori", x->id), x->stamp, x->due.prelim_to.y,
		    x->due.prelim_to.m, x->due.prelim_to.d,
		    Tf(r, "cal.ev_prelim", "what", x->summary, NULL),
		    Tf(r, "cal.ev_org", "org", x->oname, NULL), url);
		event(r, arena_printf(&r->arena, "cal-incident-%" PRId64
		    "-final@mamori", x->id), x->stamp, x->due.final.y,
		    x->due.final.m, x->due.final.d,
		    Tf(r, "cal.ev_final", "what", x->summary, NULL),
		    Tf(r, "cal.ev_org", "org", x->oname, NULL), url);
	}
	return 0;
}

/* Open rounds of the user's organisations that close on a date. */
static int
feed_rounds(struct req *r, struct db_conn *c, int64_t uid)
{
	struct db_stmt *st = db_stmt(c, STMT_CAL_ROUNDS);
	int rc;

	db_bind_int(st, 1, uid);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), org = db_col_int(st, 1);
		const char *oname = arena_cstr(&r->arena, db_col_text(st, 2));
		const char *title = arena_cstr(&r->arena, db_col_text(st, 3));
		const char *dl = arena_cstr(&r->arena, db_col_text(st, 4));
		int y, m, d;

		if (!day_of(dl, &y, &m, &d))
			continue;
		event(r, arena_printf(&r->arena, "cal-round-%" PRId64
		    "@mamori", id), db_col_int(st, 5), y, m, d,
		    Tf(r, "cal.ev_round", "what", title[0] ? title :
		    arena_printf(&r->arena, "#%" PRId64, id), "org", oname,
		    NULL), Tf(r, "cal.ev_org", "org", oname, NULL),
		    arena_printf(&r->arena, "%s/o/%" PRId64 "/rounds/%" PRId64,
		    page_base_url(r), org, id));
	}
	return rc == DB_DONE ? 0 : rc;
}

int
page_calendar_feed(struct req *r)
{
	const char *file = req_param(r, "file");
	size_t n = file ? strlen(file) : 0;
	struct db *db = req_app(r)->db;
	char h[TOKEN_HASH_LEN + 1];
	struct register_row *row;
	struct db_stmt *st;
	struct db_conn *c;
	const char *email;
	int64_t uid;
	int rc;

	if (n != TOKEN_LEN + sizeof(FEED_SUFFIX) - 1 ||
	    strcmp(file + TOKEN_LEN, FEED_SUFFIX) != 0)
		return 404;
	account_token_hash(arena_strndup(&r->arena, file, TOKEN_LEN), h);
	c = db_acquire(db);
	st = db_stmt(c, STMT_CAL_BY_TOKEN);
	db_bind_text(st, 1, str_c(h));
	if ((rc = db_step(st)) != DB_ROW) {
		db_release(db, c);
		return rc == DB_DONE ? 404 : 503;
	}
	uid = db_col_int(st, 0);
	email = arena_cstr(&r->arena, db_col_text(st, 1));
	r->lang = str_eq_c(db_col_text(st, 2), "en") ? LANG_EN : LANG_JA;
	row = arena_alloc(&r->arena, sizeof(*row));
	buf_reset(&r->out);
	ics_begin(&r->out, "-//mamori//calendar//JA", Tf(r, "cal.name",
	    "email", email, NULL));
	rc = feed_plan(r, c, uid, email, row);
	if (rc == 0)
		rc = feed_visits(r, c, uid);
	if (rc == 0)
		rc = feed_incidents(r, c, uid, row);
	if (rc == 0)
		rc = feed_rounds(r, c, uid);
	db_release(db, c);
	if (rc != 0)
		return 503;
	ics_end(&r->out);
	if (r->out.err)
		return 503;
	return req_send(r, 200, "text/calendar; charset=utf-8");
}
