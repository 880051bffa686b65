/*
 * mail: composing, queueing, and this node's worker thread.
 */
#include "mail/mail.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "mail/smtp.h"
#include "model/account.h"
#include "model/appi.h"
#include "model/figures.h"
#include "model/incident.h"
#include "model/incsetup.h"
#include "model/org.h"
#include "model/register.h"
#include "model/round.h"
#include "render/html.h"
#include "render/mime.h"

#define MAIL_BATCH	1	/* messages claimed at once: one, so that
				   a lease covers one delivery */
#define MAIL_BACKOFF_CAP (6 * 3600)	/* longest wait between attempts */

struct mail_worker {
	struct app		*a;
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;	/* under mu */
	bool			 woken;	/* under mu: something was queued */
	char			 node[96];	/* claimed_by: host:pid:random */
	struct smtp_conf	 sc;
	char			*password;	/* owned */
	char			*from_addr;	/* owned: the bare address */
	int64_t			 sched_at;	/* last scheduler pass here */
};

bool
mail_on(const struct app *a)
{
	return a->conf.str[CONF_SMTP_URL] != NULL &&
	    a->conf.str[CONF_SMTP_URL][0] != '\0';
}

static const char *
U(const struct app *a, enum lang l, const char *key)
{
	return content_ui(&a->content, l, key);
}

void
mail_compose(const struct app *a, struct arena *ar, const struct mail_what *w,
    const char **subject, const char **text, const char **html,
    const char **unsub_url)
{
	const char *kind = mailq_kind_key(w->kind);
	const char *subj = U(a, w->lang, arena_printf(ar, "mail.%s.subject",
	    kind));
	const char *intro = U(a, w->lang, w->intro_key != NULL ? w->intro_key :
	    arena_printf(ar, "mail.%s.intro", kind));
	const char *action = U(a, w->lang, arena_printf(ar, "mail.%s.action",
	    kind));
	const char *unsub = NULL;
	struct buf t = BUF_INIT, hb = BUF_INIT;
	struct html h;
	int i;

	if (mailq_kind_optional(w->kind)) {
		char tok[MAILQ_UNSUB_MAX + 1];

		mailq_unsub_token(a->secret, w->kind, w->who, w->who_id, tok);
		unsub = arena_printf(ar, "%s/mail/off/%s", w->base, tok);
	}
	*subject = w->subject_tail != NULL && w->subject_tail[0] != '\0' ?
	    arena_printf(ar, "%s%s%s", subj, U(a, w->lang, "mail.subject_sep"),
	    w->subject_tail) : subj;

	/* the plain part */
	buf_printf(&t, "%s\n\n", intro);
	for (i = 0; i < MAIL_FACTS_MAX && w->facts[i][0] != NULL; i++)
		buf_printf(&t, "%s: %s\n", U(a, w->lang, w->facts[i][0]),
		    w->facts[i][1]);
	if (i > 0)
		buf_adds(&t, "\n");
	if (w->url != NULL)
		buf_printf(&t, "%s:\n%s\n\n", action, w->url);
	buf_printf(&t, "-- \n%s\n", U(a, w->lang, mailq_kind_optional(w->kind) ?
	    "mail.footer" : "mail.footer_invite"));
	if (unsub != NULL)
		buf_printf(&t, "%s:\n%s\n", U(a, w->lang, "mail.unsub"), unsub);

	/* the HTML part: every text through the writer's escaper */
	html_init(&h, &hb);
	html_raw_trusted(&h, "<!DOCTYPE html>\n");
	html_open(&h, "html", "lang", lang_key(w->lang), NULL);
	html_open(&h, "head", NULL);
	html_void(&h, "meta", "charset", "utf-8", NULL);
	html_elem(&h, "title", *subject, NULL);
	html_close(&h);
	html_open(&h, "body", NULL);
	html_elem(&h, "p", intro, NULL);
	if (w->facts[0][0] != NULL) {
		html_open(&h, "table", NULL);
		for (i = 0; i < MAIL_FACTS_MAX && w->facts[i][0] != NULL; i++) {
			html_open(&h, "tr", NULL);
			html_elem(&h, "th", U(a, w->lang, w->facts[i][0]),
			    "align", "left", NULL);
			html_elem(&h, "td", w->facts[i][1], NULL);
			html_close(&h);
		}
		html_close(&h);
	}
	if (w->url != NULL) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", action, "href", w->url, NULL);
		html_close(&h);
	}
	html_void(&h, "hr", NULL);
	html_open(&h, "p", "style", "font-size:small;color:#555", NULL);
	html_text(&h, U(a, w->lang, mailq_kind_optional(w->kind) ?
	    "mail.footer" : "mail.footer_invite"));
	if (unsub != NULL) {
		html_text(&h, " ");
		html_elem(&h, "a", U(a, w->lang, "mail.unsub"), "href", unsub,
		    NULL);
	}
	html_close(&h);
	html_close(&h);
	html_close(&h);
	html_end(&h);
	*text = arena_cstr(ar, buf_str(&t));
	*html = arena_cstr(ar, buf_str(&hb));
	*unsub_url = unsub;
	buf_free(&t);
	buf_free(&hb);
}

int
mail_queue(const struct app *a, struct db_conn *c, struct arena *ar,
    const struct mail_what *w, int64_t now)
{
	struct mailq_new m;

	if (!mail_on(a) || w->to == NULL || w->to[0] == '\0')
		return DB_DONE;
	memset(&m, 0, sizeof(m));
	mail_compose(a, ar, w, &m.subject, &m.text, &m.html, &m.unsub_url);
	m.to = w->to;
	m.lang = lang_key(w->lang);
	m.kind = w->kind;
	m.dedupe = w->dedupe;
	return mailq_enqueue(c, &m, now, NULL);
}

/* Respondents to remind, read whole before any is queued (one statement
 * at a time on c). */
struct remind_row {
	int64_t		 id;
	const char	*to, *name, *title, *deadline, *org;
};

int
mail_round_remind(const struct app *a, struct db_conn *c, struct arena *ar,
    const char *base, int64_t round, int64_t org, enum lang lang,
    const char *dedupe_tag, int64_t now, long *n)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_REMIND_LIST);
	struct remind_row *v = NULL;
	size_t nv = 0, cap = 0, i;
	int rc;

	*n = 0;
	if (!mail_on(a))
		return DB_OK;
	db_bind_int(st, 1, round);
	db_bind_int(st, 2, org);
	while ((rc = db_step(st)) == DB_ROW) {
		if (nv == cap) {
			struct remind_row *bigger = arena_alloc(ar,
			    (cap = cap ? cap * 2 : 16) * sizeof(*bigger));

			if (nv > 0)
				memcpy(bigger, v, nv * sizeof(*v));
			v = bigger;
		}
		v[nv].id = db_col_int(st, 0);
		v[nv].to = arena_cstr(ar, db_col_text(st, 1));
		v[nv].name = arena_cstr(ar, db_col_text(st, 2));
		v[nv].title = arena_cstr(ar, db_col_text(st, 3));
		v[nv].deadline = arena_cstr(ar, db_col_text(st, 4));
		v[nv].org = arena_cstr(ar, db_col_text(st, 5));
		nv++;
	}
	if (rc != DB_DONE)
		return rc;
	for (i = 0; i < nv; i++) {
		char tok[LINK_TOKEN_MAX + 1];
		struct mail_what w;
		int f = 0;

		memset(&w, 0, sizeof(w));
		link_token(a->secret, LINK_RESPONDENT, v[i].id, tok);
		w.kind = MAIL_ROUND_REMIND;
		w.lang = lang;
		w.to = v[i].to;
		w.subject_tail = v[i].org;
		w.facts[f][0] = "mail.fact.org";
		w.facts[f++][1] = v[i].org;
		w.facts[f][0] = "mail.fact.round";
		w.facts[f++][1] = v[i].title;
		if (v[i].deadline[0] != '\0') {
			w.facts[f][0] = "mail.fact.deadline";
			w.facts[f++][1] = v[i].deadline;
		}
		w.base = base;
		w.url = arena_printf(ar, "%s/r/%s", base, tok);
		w.who = MAILQ_WHO_RESP;
		w.who_id = v[i].id;
		w.dedupe = arena_printf(ar, "round_remind:%" PRId64 ":%s",
		    v[i].id, dedupe_tag);
		rc = mail_queue(a, c, ar, &w, now);
		if (rc == DB_OK)
			(*n)++;
		else if (rc != DB_DONE)
			return rc;
	}
	return DB_OK;
}

/* ---- the worker ---- */

/* Automatic reminders: open rounds whose deadline is within
 * mail-remind-days, each respondent once ("auto"). */
static int
schedule_rounds(struct app *a, struct db_conn *c, struct arena *ar,
    int64_t now)
{
	long days = a->conf.num[CONF_MAIL_REMIND_DAYS];
	struct appi_day d0 = appi_day_of(now), d1 = appi_day_add(d0,
	    (int)days);
	char from[16], to[16];
	struct db_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	if (days <= 0)
		return DB_OK;
	snprintf(from, sizeof(from), "%04d-%02d-%02d", d0.y, d0.m, d0.d);
	snprintf(to, sizeof(to), "%04d-%02d-%02d", d1.y, d1.m, d1.d);
	st = db_stmt(c, STMT_MAIL_ROUNDS_CLOSING);
	db_bind_text(st, 1, str_c(from));
	db_bind_text(st, 2, str_c(to));
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			int64_t *bigger = arena_alloc(ar, (cap = cap ? cap * 2 :
			    16) * 2 * sizeof(*bigger));

			if (n > 0)
				memcpy(bigger, ids, n * 2 * sizeof(*ids));
			ids = bigger;
		}
		ids[2 * n] = db_col_int(st, 0);
		ids[2 * n + 1] = db_col_int(st, 1);
		n++;
	}
	if (rc != DB_DONE)
		return rc;
	for (i = 0; i < n; i++) {
		long q;

		if ((rc = db_begin(c)) != DB_OK)
			return rc;
		rc = mail_round_remind(a, c, ar, a->base_url, ids[2 * i],
		    ids[2 * i + 1], (enum lang)a->lang, "auto", now, &q);
		if (rc != DB_OK) {
			db_rollback(c);
			return rc;
		}
		if ((rc = db_commit(c)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* "YYYY-MM-DD" into *d: true when it is one. */
static bool
day_of(const char *s, struct appi_day *d)
{
	return s != NULL && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &d->y,
	    &d->m, &d->d) == 3;
}

/* A reminder found by a pass, read whole before any is queued. */
struct due_row {
	int64_t		 id, org, user;
	const char	*org_name, *title, *to, *day, *state;
	enum lang	 lang;
};

static struct due_row *
due_push(struct arena *ar, struct due_row *v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		struct due_row *bigger = arena_alloc(ar, (*cap = *cap ? *cap * 2 :
		    16) * sizeof(*bigger));

		if (*n > 0)
			memcpy(bigger, v, *n * sizeof(*v));
		v = bigger;
	}
	memset(&v[*n], 0, sizeof(*v));
	return v;
}

static enum lang
lang_or(const struct app *a, struct str s)
{
	char k[8];
	int l;

	snprintf(k, sizeof(k), "%.*s", (int)s.n, s.p);
	l = lang_from_key(k);
	return l >= 0 ? (enum lang)l : (enum lang)a->lang;
}

/* Queue each of v[0..n) in one transaction on c. */
static int
due_queue(struct app *a, struct db_conn *c, struct arena *ar,
    struct mail_what *w, size_t n)
{
	size_t i;
	int rc;

	if (n == 0)
		return DB_OK;
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		rc = mail_queue(a, c, ar, &w[i], account_now());
		if (rc != DB_OK && rc != DB_DONE) {
			db_rollback(c);
			return rc;
		}
	}
	return db_commit(c);
}

/* Plan rows due within 14 days, and overdue, to their assignee: once per
 * row, state and deadline. */
static int
schedule_plan(struct app *a, struct db_conn *c, struct arena *ar,
    int64_t now)
{
	struct appi_day today = appi_day_of(now), lim = appi_day_add(today,
	    14);
	struct due_row *v = NULL;
	struct mail_what *w;
	struct db_stmt *st;
	size_t n = 0, cap = 0, i;
	char month[8];
	int rc;

	snprintf(month, sizeof(month), "%04d-%02d", lim.y, lim.m);
	st = db_stmt(c, STMT_MAIL_PLAN_OPEN);
	db_bind_text(st, 1, str_c(month));
	while ((rc = db_step(st)) == DB_ROW) {
		char due[FIGURES_DAY_LEN + 1];
		struct appi_day d;
		char *ym = arena_cstr(ar, db_col_text(st, 4));
		long left;

		if (!figures_month_due(ym, due) || !day_of(due, &d))
			continue;
		left = appi_days_between(today, d);
		if (left > 14)
			continue;
		v = due_push(ar, v, &n, &cap);
		v[n].id = db_col_int(st, 0);
		v[n].org = db_col_int(st, 1);
		v[n].org_name = arena_cstr(ar, db_col_text(st, 2));
		v[n].title = arena_cstr(ar, db_col_text(st, 3));
		v[n].day = arena_strdup(ar, due);
		v[n].user = db_col_int(st, 5);
		v[n].to = arena_cstr(ar, db_col_text(st, 6));
		v[n].lang = lang_or(a, db_col_text(st, 7));
		v[n].state = left >= 0 ? "soon" : "overdue";
		n++;
	}
	if (rc != DB_DONE)
		return rc;
	w = arena_alloc(ar, (n ? n : 1) * sizeof(*w));
	for (i = 0; i < n; i++) {
		w[i].kind = MAIL_PLAN_DUE;
		w[i].lang = v[i].lang;
		w[i].to = v[i].to;
		w[i].subject_tail = v[i].org_name;
		w[i].intro_key = arena_printf(ar, "mail.plan_due.%s", v[i].state);
		w[i].facts[0][0] = "mail.fact.org";
		w[i].facts[0][1] = v[i].org_name;
		w[i].facts[1][0] = "mail.fact.item";
		w[i].facts[1][1] = v[i].title;
		w[i].facts[2][0] = "mail.fact.due";
		w[i].facts[2][1] = v[i].day;
		w[i].base = a->base_url;
		w[i].url = arena_printf(ar, "%s/o/%" PRId64 "/r/plan/%" PRId64,
		    a->base_url, v[i].org, v[i].id);
		w[i].who = MAILQ_WHO_USER;
		w[i].who_id = v[i].user;
		w[i].dedupe = arena_printf(ar, "plan_due:%" PRId64 ":%s:%s",
		    v[i].id, v[i].state, v[i].day);
	}
	return due_queue(a, c, ar, w, n);
}

/* The follow-up FIGURES_FOLLOW_MONTHS after a programme's last visit, to
 * its advisor: once per follow-up day, within 30 days of it (not for
 * programmes long past when mail is first set up). */
static int
schedule_follow(struct app *a, struct db_conn *c, struct arena *ar,
    int64_t now)
{
	struct appi_day today = appi_day_of(now);
	struct db_stmt *st = db_stmt(c, STMT_MAIL_FOLLOW_LIST);
	struct due_row *v = NULL;
	struct mail_what *w;
	size_t n = 0, cap = 0, i;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		char fu[FIGURES_DAY_LEN + 1];
		char *held = arena_cstr(ar, db_col_text(st, 5));
		struct appi_day d;
		long since;

		if (!figures_follow_up(held, fu) || !day_of(fu, &d))
			continue;
		since = appi_days_between(d, today);
		if (since < 0 || since > 30)
			continue;
		v = due_push(ar, v, &n, &cap);
		v[n].org = db_col_int(st, 0);
		v[n].org_name = arena_cstr(ar, db_col_text(st, 1));
		v[n].user = db_col_int(st, 2);
		v[n].to = arena_cstr(ar, db_col_text(st, 3));
		v[n].lang = lang_or(a, db_col_text(st, 4));
		v[n].title = held;
		v[n].day = arena_strdup(ar, fu);
		n++;
	}
	if (rc != DB_DONE)
		return rc;
	w = arena_alloc(ar, (n ? n : 1) * sizeof(*w));
	for (i = 0; i < n; i++) {
		w[i].kind = MAIL_FOLLOW_UP;
		w[i].lang = v[i].lang;
		w[i].to = v[i].to;
		w[i].subject_tail = v[i].org_name;
		w[i].facts[0][0] = "mail.fact.org";
		w[i].facts[0][1] = v[i].org_name;
		w[i].facts[1][0] = "mail.fact.last_visit";
		w[i].facts[1][1] = v[i].title;
		w[i].facts[2][0] = "mail.fact.due";
		w[i].facts[2][1] = v[i].day;
		w[i].base = a->base_url;
		w[i].url = arena_printf(ar, "%s/o/%" PRId64 "/programme",
		    a->base_url, v[i].org);
		w[i].who = MAILQ_WHO_USER;
		w[i].who_id = v[i].user;
		w[i].dedupe = arena_printf(ar, "follow_up:%" PRId64 ":%s",
		    v[i].org, v[i].day);
	}
	return due_queue(a, c, ar, w, n);
}

/* The people an organisation's incident reminders go to: its response
 * lead when that is a member, and its org admins (user ids, no repeat). */
static size_t
incident_people(const struct incsetup_all *x, int64_t *ids, size_t max)
{
	const struct incsetup_person *lead = &x->s.who[INC_ROLE_LEAD];
	size_t n = 0, i, j;

	if (lead->kind == INCSETUP_MEMBER && lead->found && n < max)
		ids[n++] = lead->id;
	for (i = 0; i < x->nmembers && n < max; i++) {
		if (strcmp(x->members[i].role, "org_admin") != 0)
			continue;
		for (j = 0; j < n && ids[j] != x->members[i].id; j++)
			;
		if (j == n)
			ids[n++] = x->members[i].id;
	}
	return n;
}

/* One organisation's incident report deadlines 3 days, 1 day and 0 days
 * ahead, queued (c outside a transaction). */
static int
schedule_incidents_of(struct app *a, struct db_conn *c, struct arena *ar,
    int64_t org, struct appi_day today)
{
	const struct content *ct = &a->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	int fs = register_field(d, "status"), fa = register_field(d,
	    "aware_at"), fd = register_field(d, "detected_at"),
	    fm = register_field(d, "summary");
	enum incident_role dflt[INC_LEVELS];
	struct incsetup_all x;
	struct register_row *rows;
	struct mail_what *w = NULL;
	size_t n, i, nw = 0, cap = 0, np, k, r;
	int64_t people[16];
	const char *oname = NULL;
	int rc;

	if (e->appi == NULL)
		return DB_OK;
	for (k = 0; k < INC_LEVELS; k++)
		dflt[k] = ct->incidents.level[k].responder;
	if ((rc = register_list(c, e, d, org, ar, &rows, &n)) != DB_OK ||
	    (rc = incsetup_load(c, e, org, dflt, ar, &x)) != DB_OK)
		return rc;
	np = incident_people(&x, people, sizeof(people) / sizeof(people[0]));
	for (i = 0; i < n; i++) {
		const struct register_row *row = &rows[i];
		struct appi_case cs;
		struct appi_due due;
		struct {
			const char	*key;	/* prelim, final */
			struct appi_day	 day;
		} dl[2];

		if (row->v[fs].set && row->v[fs].i == INC_CLOSED)
			continue;
		registers_appi_case(row, &cs);
		appi_due(e->appi, &cs, row->v[fa].set ? row->v[fa].i :
		    row->v[fd].i, &due);
		if (due.reasons == 0)
			continue;
		dl[0].key = "prelim";
		dl[0].day = due.prelim_to;
		dl[1].key = "final";
		dl[1].day = due.final;
		for (k = 0; k < 2; k++) {
			long left = appi_days_between(today, dl[k].day);
			char day[16];

			if (left != 3 && left != 1 && left != 0)
				continue;
			snprintf(day, sizeof(day), "%04d-%02d-%02d",
			    dl[k].day.y, dl[k].day.m, dl[k].day.d);
			if (oname == NULL) {
				struct org o;

				oname = org_get(c, ar, org, &o) == 0 ? o.name : "";
			}
			for (r = 0; r < np; r++) {
				struct user u;
				struct mail_what *m;

				if (user_by_id(c, ar, people[r], &u) != 0)
					continue;
				if (nw == cap) {
					struct mail_what *bigger = arena_alloc(ar,
					    (cap = cap ? cap * 2 : 8) *
					    sizeof(*bigger));

					if (nw > 0)
						memcpy(bigger, w, nw * sizeof(*w));
					w = bigger;
				}
				m = &w[nw++];
				memset(m, 0, sizeof(*m));
				m->kind = MAIL_INCIDENT_DUE;
				m->lang = (enum lang)u.lang;
				m->to = u.email;
				m->subject_tail = oname;
				m->intro_key = left == 0 ?
				    "mail.incident_due.today" : left == 1 ?
				    "mail.incident_due.in1" :
				    "mail.incident_due.in3";
				m->facts[0][0] = "mail.fact.org";
				m->facts[0][1] = oname;
				m->facts[1][0] = "mail.fact.item";
				m->facts[1][1] = row->v[fm].s != NULL ?
				    row->v[fm].s : "";
				m->facts[2][0] = "mail.fact.report";
				m->facts[2][1] = content_ui(ct, m->lang,
				    arena_printf(ar, "mail.incident_due.%s",
				    dl[k].key));
				m->facts[3][0] = "mail.fact.due";
				m->facts[3][1] = arena_strdup(ar, day);
				m->base = a->base_url;
				m->url = arena_printf(ar, "%s/o/%" PRId64
				    "/incidents/%" PRId64 "/reports", a->base_url,
				    org, row->id);
				m->who = MAILQ_WHO_USER;
				m->who_id = u.id;
				m->dedupe = arena_printf(ar, "incident_due:%" PRId64
				    ":%s:%ld:%" PRId64, row->id, dl[k].key, left,
				    u.id);
			}
		}
	}
	return due_queue(a, c, ar, w, nw);
}

/* Incident report deadlines (model/appi.h): 3 days, 1 day and the day,
 * to the response lead and the org admins. */
static int
schedule_incidents(struct app *a, struct db_conn *c, struct arena *ar,
    int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_INC_ORGS);
	int64_t *orgs = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			int64_t *bigger = arena_alloc(ar, (cap = cap ? cap * 2 :
			    16) * sizeof(*bigger));

			if (n > 0)
				memcpy(bigger, orgs, n * sizeof(*orgs));
			orgs = bigger;
		}
		orgs[n++] = db_col_int(st, 0);
	}
	if (rc != DB_DONE)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = schedule_incidents_of(a, c, ar, orgs[i],
		    appi_day_of(now))) != DB_OK)
			return rc;
	return DB_OK;
}

/* The scheduler's pass, on the node that holds its lease. */
static void
schedule(struct app *a, const char *node, int64_t now)
{
	struct db_conn *c = db_acquire(a->db);
	long poll = a->conf.num[CONF_MAIL_POLL_SECS];
	struct arena ar;
	int rc;

	arena_init(&ar);
	rc = mailq_lease(c, "scheduler", node, now + 2 * poll + 5, now);
	if (rc == DB_OK && ((rc = schedule_rounds(a, c, &ar, now)) != DB_OK ||
	    (rc = schedule_plan(a, c, &ar, now)) != DB_OK ||
	    (rc = schedule_follow(a, c, &ar, now)) != DB_OK ||
	    (rc = schedule_incidents(a, c, &ar, now)) != DB_OK))
		log_warn("mail", "scheduler: %s", db_errmsg(c));
	db_release(a->db, c);
	arena_free(&ar);
}

/* The bare address of "NAME <ADDRESS>" or "ADDRESS" (caller frees). */
static char *
bare_address(const char *from)
{
	const char *lt = strrchr(from, '<'), *gt;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		return xstrndup(lt + 1, (size_t)(gt - lt - 1));
	return xstrdup(from);
}

/* Send one claimed message; marks it on a connection of its own. */
static void
send_one(struct app *a, const struct smtp_conf *sc, const char *node,
    const struct mailq_item *m, int64_t *sent)
{
	const char *at = strrchr(sc->from, '@');
	struct buf b = BUF_INIT, id = BUF_INIT, bd = BUF_INIT;
	struct mime_msg mm;
	struct db_conn *c;
	char err[512];
	int rc;

	buf_printf(&id, "<mamori.%" PRId64 ".%" PRId64 "@%s>", m->id,
	    m->created_at, at != NULL ? at + 1 : "localhost");
	buf_printf(&bd, "=_mamori_%" PRId64 "_%" PRId64, m->id, m->created_at);
	memset(&mm, 0, sizeof(mm));
	mm.from = a->conf.str[CONF_SMTP_FROM];
	mm.to = m->to;
	mm.subject = m->subject;
	mm.text = m->text;
	mm.html = m->html;
	mm.message_id = buf_cstr(&id);
	mm.boundary = buf_cstr(&bd);
	mm.date = account_now();
	mm.unsub_url = m->unsub_url;
	err[0] = '\0';
	if (mime_build(&b, &mm) != 0 || b.err) {
		snprintf(err, sizeof(err), "the message cannot be written");
		rc = SMTP_E_PERM;
	} else
		rc = smtp_send(sc, m->to, b.p, b.n, err, sizeof(err));
	c = db_acquire(a->db);
	if (rc == SMTP_OK) {
		if (mailq_sent(c, m->id, node, account_now()) == DB_OK)
			(*sent)++;
		else
			log_warn("mail", "message %" PRId64 " sent, but another "
			    "node had taken it over", m->id);
	} else {
		int64_t wait = mailq_backoff(a->conf.num[CONF_MAIL_RETRY_SECS],
		    m->attempts, MAIL_BACKOFF_CAP);

		log_warn("mail", "message %" PRId64 " to %s, attempt %ld: %s",
		    m->id, m->to, m->attempts, err);
		mailq_fail(c, m->id, node, rc == SMTP_E_PERM ? 0 :
		    a->conf.num[CONF_MAIL_ATTEMPTS], account_now() + wait, err);
	}
	db_release(a->db, c);
	buf_free(&b);
	buf_free(&id);
	buf_free(&bd);
}

/* One pass of w: the scheduler (at most once per mail-poll-secs, and
 * only where its lease is had), then every message due, one at a time. */
static int
pass(struct mail_worker *w, long *sent)
{
	struct app *a = w->a;
	int64_t now = account_now(), nsent = 0;
	struct mailq_item *v;
	struct db_conn *c;
	struct arena ar;
	size_t n, i;
	int rc;

	if (now - w->sched_at >= a->conf.num[CONF_MAIL_POLL_SECS]) {
		schedule(a, w->node, now);
		w->sched_at = now;
	}
	arena_init(&ar);
	do {
		c = db_acquire(a->db);
		now = account_now();
		rc = mailq_claim(c, &ar, w->node, now +
		    a->conf.num[CONF_MAIL_LEASE_SECS], now, MAIL_BATCH, &v, &n);
		db_release(a->db, c);
		for (i = 0; rc == DB_OK && i < n; i++)
			send_one(a, &w->sc, w->node, &v[i], &nsent);
	} while (rc == DB_OK && n == MAIL_BATCH);
	arena_free(&ar);
	*sent = (long)nsent;
	return rc;
}

static void *
worker_main(void *arg)
{
	struct mail_worker *w = arg;
	long poll = w->a->conf.num[CONF_MAIL_POLL_SECS];

	for (;;) {
		struct timespec ts;
		long sent;

		if (pass(w, &sent) != DB_OK)
			log_warn("mail", "the queue cannot be read now");
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += poll;
		while (!w->stop && !w->woken)
			if (pthread_cond_timedwait(&w->cv, &w->mu, &ts) ==
			    ETIMEDOUT)
				break;
		w->woken = false;
		if (w->stop) {
			pthread_mutex_unlock(&w->mu);
			break;
		}
		pthread_mutex_unlock(&w->mu);
	}
	return NULL;
}

void
mail_wake(const struct app *a)
{
	struct mail_worker *w = a->mailer;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->woken = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* The first line of path, or NULL (caller frees). */
static char *
read_first_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (f == NULL)
		return NULL;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return xstrdup(line);
}

int
mail_start(struct app *a, char *err, size_t errlen)
{
	struct mail_worker *w;
	const char *pf = a->conf.str[CONF_SMTP_PASSWORD_FILE];
	char host[64];
	unsigned char rnd[4];

	if (!mail_on(a))
		return 0;
	if (conf_check(&a->conf, err, errlen) != 0)
		return -1;
	if (smtp_global_init() != 0) {
		snprintf(err, errlen, "smtp: libcurl does not start");
		return -1;
	}
	w = xcalloc(1, sizeof(*w));
	w->a = a;
	if (pf[0] != '\0' && (w->password = read_first_line(pf)) == NULL) {
		snprintf(err, errlen, "smtp-password-file: %s: %s", pf,
		    strerror(errno));
		free(w);
		return -1;
	}
	if (w->password == NULL)
		w->password = xstrdup(a->conf.str[CONF_SMTP_PASSWORD]);
	w->from_addr = bare_address(a->conf.str[CONF_SMTP_FROM]);
	w->sc.url = a->conf.str[CONF_SMTP_URL];
	w->sc.user = a->conf.str[CONF_SMTP_USER];
	w->sc.password = w->password;
	w->sc.from = w->from_addr;
	w->sc.starttls = (int)a->conf.num[CONF_SMTP_STARTTLS];
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "node");
	host[sizeof(host) - 1] = '\0';
	randombytes_buf(rnd, sizeof(rnd));
	snprintf(w->node, sizeof(w->node), "%s:%ld:%02x%02x%02x%02x", host,
	    (long)getpid(), rnd[0], rnd[1], rnd[2], rnd[3]);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->th, NULL, worker_main, w) != 0) {
		snprintf(err, errlen, "mail: cannot start the worker thread");
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w->password);
		free(w->from_addr);
		free(w);
		return -1;
	}
	a->mailer = w;
	log_info("mail", "sending through %s as %s (node %s)", w->sc.url,
	    w->from_addr, w->node);
	return 0;
}

void
mail_stop(struct app *a)
{
	struct mail_worker *w = a->mailer;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	sodium_memzero(w->password, strlen(w->password));
	free(w->password);
	free(w->from_addr);
	free(w);
	a->mailer = NULL;
}
