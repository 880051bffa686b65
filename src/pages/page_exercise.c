/*
 * page_exercise: running a tabletop exercise (issue 13) —
 *
 *   GET|POST /o/{org}/exercises/new?scenario=KEY  the scenario told, then
 *            the day, the facilitator and the participants: a new row of
 *            the exercises register, and on to its run page;
 *   GET|POST /o/{org}/exercises/{id}/run?step=N   step 0 the setting,
 *            1…n the injects one at a time with their questions (the
 *            company's own data filled in), n+1 "what will we do from
 *            now on"; each save stores the step's answers, the decisions
 *            and the follow-ups at the row's revision, so a stale save is
 *            refused (409) with both versions shown and nothing lost;
 *   POST     /o/{org}/exercises/{id}/plan         the follow-ups kept
 *            become plan rows (source "exercise:ID"), as drafts to keep
 *            or drop like the plan's other drafts;
 *   GET      /o/{org}/exercises/{id}/record.pdf   the exercise record;
 *
 * and, written into other pages, the scenarios with a start link
 * (page_exercise_links: the BCP page, the register's list) and the run
 * and record links on the register's row page.  The scenarios are
 * content/exercises/; what the placeholders read as and the record are
 * report/exercise_doc.c.  Texts: exercise.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/num.h"
#include "base/str.h"
#include "model/account.h"
#include "model/bcpflow.h"
#include "model/exercise.h"
#include "model/org.h"
#include "model/plan.h"
#include "model/register.h"
#include "pages/pages.h"
#include "report/exercise_doc.h"
#include "report/report.h"

/* ---- small helpers ------------------------------------------------------ */

/* "/o/3/exercises/12" */
static const char *
ex_base(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/exercises/%" PRId64,
	    r->org_id, id);
}

/* The register's row page of exercise id. */
static const char *
row_url(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/r/exercises/%" PRId64,
	    r->org_id, id);
}

/* A content text in the reader's language with the placeholders filled
 * by values. */
static const char *
filled(struct req *r, const char *const *values, const struct tr *t)
{
	return exercise_fill(TR(r, t), values, &r->arena);
}

/* Characters (code points) of s. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* The page's frame: the organisation's tabs with the register marked. */
static int
ex_begin(struct page *p, struct req *r, const char *title)
{
	struct org o;
	int rc;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	page_begin(p, r, title);
	page_org_subnav(p, &o, arena_printf(&r->arena, "reg.%s",
	    register_of(REGISTER_EXERCISES)->key));
	return 0;
}

/* The organisation's name, for the placeholders ("" when unknown). */
static const char *
org_name(struct req *r)
{
	struct org o;

	return page_org_get(r, r->org_id, &o) == 0 ? o.name : "";
}

/* Exercise id of the request's organisation, read whole: 0, 404 or
 * 503. */
static int
ex_load(struct req *r, int64_t id, struct exercise_view *x)
{
	struct db *db = req_app(r)->db;
	struct exercise_doc_in in = {
		.ct = &req_app(r)->content, .lang = page_lang_of(r),
		.org = org_name(r), .now = account_now(),
	};
	struct db_conn *c;
	int rc;

	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = exercise_doc_read(c, &r->arena, &in, r->org_id, id, x);
	db_release(db, c);
	if (rc == REPORT_ERR_NOT_FOUND)
		return 404;
	return rc == REPORT_OK ? 0 : 503;
}

/* A hidden form field. */
static void
hidden(struct page *p, const char *name, const char *value)
{
	html_void(&p->h, "input", "type", "hidden", "name", name, "value",
	    value, NULL);
}

/* A submit button that posts go=value. */
static void
go_button(struct page *p, const char *value, const char *label,
    const char *klass)
{
	html_elem(&p->h, "button", label, "type", "submit", "name", "go",
	    "value", value, "class", klass, NULL);
}

/* Lines as a list (nothing when none). */
static void
lines_list(struct page *p, const char *klass, const char *const *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	html_open(&p->h, "ul", "class", klass, NULL);
	for (i = 0; i < n; i++)
		html_elem(&p->h, "li", v[i], NULL);
	html_close(&p->h);
}

/* ---- the scenarios, written into other pages ------------------------------ */

void
page_exercise_links(struct page *p)
{
	struct req *r = p->r;
	const struct exercise_pack *xp = &req_app(r)->content.exercises;
	size_t i;

	html_open(&p->h, "section", "class", "exercise-links",
	    "aria-labelledby", "exercise-links", NULL);
	html_elem(&p->h, "h2", T(r, "exercise.links_title"), "id",
	    "exercise-links", NULL);
	html_elem(&p->h, "p", T(r, "exercise.links_help"), "class", "help",
	    NULL);
	html_open(&p->h, "ul", "class", "scenarios", NULL);
	for (i = 0; i < xp->n; i++) {
		const struct exercise_scenario *sc = &xp->v[i];

		html_open(&p->h, "li", "data-scenario", sc->key, NULL);
		page_tr(p, "strong", NULL, &sc->title);
		html_text(&p->h, " ");
		if (page_can_admin(r))
			html_elem(&p->h, "a", T(r, "exercise.start_link"),
			    "href", arena_printf(&r->arena,
			    "/o/%" PRId64 "/exercises/new?scenario=%s",
			    r->org_id, sc->key), "class",
			    "btn btn-secondary btn-small", "aria-label",
			    Tf(r, "exercise.start_aria", "title",
			    TR(r, &sc->title), NULL), NULL);
		page_tr(p, "p", "help", &sc->summary);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_elem(&p->h, "a", T(r, "exercise.all_link"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/r/exercises", r->org_id),
	    NULL);
	html_close(&p->h);
}

void
page_exercise_row_links(struct page *p, int64_t id)
{
	struct req *r = p->r;

	html_open(&p->h, "p", "class", "actions exercise-actions", NULL);
	html_elem(&p->h, "a", T(r, "exercise.run_link"), "href",
	    arena_printf(&r->arena, "%s/run", ex_base(r, id)), "class", "btn",
	    NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "exercise.record_link"), "href",
	    arena_printf(&r->arena, "%s/record.pdf", ex_base(r, id)), "class",
	    "btn btn-secondary", "download", "", NULL);
	html_close(&p->h);
}

/* ---- starting one ------------------------------------------------------------ */

/* The start form as shown: its values and their errors. */
struct start_form {
	const struct exercise_scenario *sc;
	const char	*held_on, *facilitator, *participants;
	const char	*err_held_on, *err_facilitator, *err_participants;
	const char	*notice;
};

/* The placeholder values of the request's organisation. */
static int
values_of(struct req *r, const char *value[EXPH__MAX])
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct bcp_all x;
	int rc;

	rc = bcpflow_read(c, &req_app(r)->content.regenv, r->org_id,
	    account_now(), &r->arena, &x);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	exercise_doc_values(&req_app(r)->content, page_lang_of(r), org_name(r), &x,
	    &r->arena, value);
	return 0;
}

static int
start_page(struct req *r, struct start_form *f, int status)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	const struct exercise_scenario *sc = f->sc;
	const char *value[EXPH__MAX];
	const char *title = Tf(r, "exercise.start_title", "title",
	    TR(r, &sc->title), NULL);
	struct page p;
	size_t i;
	int st;

	if ((st = values_of(r, value)) != 0 || (st = ex_begin(&p, r, title))
	    != 0)
		return st;
	html_elem(&p.h, "a", T(r, "exercise.back_list"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/r/exercises", r->org_id),
	    "class", "back", NULL);
	page_h1(&p, title);
	if (f->notice != NULL)
		page_notice(&p, "error", f->notice);
	html_elem(&p.h, "p", filled(r, value, &sc->summary), "class", "lead",
	    NULL);
	html_elem(&p.h, "h2", T(r, "exercise.setting"), NULL);
	html_elem(&p.h, "p", filled(r, value, &sc->setting), "class",
	    "setting", NULL);
	html_elem(&p.h, "h2", T(r, "exercise.flow"), NULL);
	html_open(&p.h, "ol", "class", "injects", NULL);
	for (i = 0; i < sc->ninjects; i++)
		html_elem(&p.h, "li", filled(r, value, &sc->inject[i].at),
		    NULL);
	html_elem(&p.h, "li", T(r, "exercise.closing_title"), NULL);
	html_close(&p.h);
	html_elem(&p.h, "p", T(r, "exercise.start_help"), "class", "help",
	    NULL);
	form_open(&p, arena_printf(&r->arena, "/o/%" PRId64 "/exercises/new",
	    r->org_id), NULL);
	hidden(&p, "scenario", sc->key);
	form_field(&p, "held_on", FT_DATE, T(r, "reg.exercises.f.held_on"),
	    NULL, f->held_on, f->err_held_on, "off", true);
	form_field_max(&p, "facilitator", "text", (size_t)d->f[register_field(d,
	    "facilitator")].max, T(r, "reg.exercises.f.facilitator"),
	    T(r, "reg.exercises.h.facilitator"), f->facilitator,
	    f->err_facilitator, "name", false);
	form_field_max(&p, "participants", NULL, (size_t)d->f[register_field(d,
	    "participants")].max, T(r, "reg.exercises.f.participants"),
	    T(r, "reg.exercises.h.participants"), f->participants,
	    f->err_participants, "off", false);
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "exercise.start_submit"), NULL);
	html_close(&p.h);
	html_close(&p.h);	/* form */
	return page_end(&p, status);
}

/* The scenario a start request names, or NULL. */
static const struct exercise_scenario *
scenario_of(struct req *r)
{
	const char *key = req_field(r, "scenario");

	return key != NULL ? exercise_find(&req_app(r)->content, key) : NULL;
}

int
page_exercise_new(struct req *r)
{
	struct start_form f;

	memset(&f, 0, sizeof(f));
	if ((f.sc = scenario_of(r)) == NULL)
		return 404;
	f.held_on = page_day_jst(r, account_now());
	f.facilitator = f.participants = "";
	return start_page(r, &f, 200);
}

/* Value text of field key into row, its refusal into *err. */
static void
set_value(struct req *r, const struct register_decl *d,
    struct register_row *row, const char *key, const char *text,
    const char **err)
{
	int i = register_field(d, key);
	struct register_err e;
	long a = 0, b = 0;

	memset(&e, 0, sizeof(e));
	e.code = register_value(&req_app(r)->content.regenv, &d->f[i], text,
	    &r->arena, &row->v[i], &a, &b);
	e.a = a;
	e.b = b;
	if (e.code != RFE_OK && err != NULL)
		*err = page_err_text(r, &e);
}

int
page_exercise_new_post(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	const struct register_env *e = &req_app(r)->content.regenv;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct register_errs errs;
	struct register_row row;
	struct start_form f;
	bool bad = false;
	int64_t id;
	size_t i;
	int rc;

	memset(&f, 0, sizeof(f));
	if ((f.sc = scenario_of(r)) == NULL)
		return 404;
	f.held_on = page_posted_text(r, "held_on", &bad);
	f.facilitator = page_posted_text(r, "facilitator", &bad);
	f.participants = page_posted_text(r, "participants", &bad);
	memset(&row, 0, sizeof(row));
	row.updated_by = "";
	for (i = 0; i < d->nf; i++)
		row.v[i].s = "";
	set_value(r, d, &row, "scenario", f.sc->key, &f.notice);
	set_value(r, d, &row, "status", exercise_status_key(EXS_PLANNED),
	    &f.notice);
	set_value(r, d, &row, "held_on", f.held_on, &f.err_held_on);
	set_value(r, d, &row, "facilitator", f.facilitator, &f.err_facilitator);
	set_value(r, d, &row, "participants", f.participants,
	    &f.err_participants);
	if (bad)
		f.err_participants = T(r, "reg.err.encoding");
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	if (errs.n > 0 && f.err_held_on == NULL)
		f.err_held_on = page_err_text(r, &errs.e[0]);
	if (f.err_held_on != NULL || f.err_facilitator != NULL ||
	    f.err_participants != NULL || f.notice != NULL) {
		if (f.notice == NULL)
			f.notice = T(r, "form.err.summary");
		return start_page(r, &f, PAGE_INVALID);
	}
	errs.n = 0;
	rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row, &id,
	    &errs);
	if (rc == REGISTER_FULL || rc == REGISTER_INVALID) {
		f.notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : T(r, "form.err.summary");
		return start_page(r, &f, PAGE_INVALID);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s/run",
	    ex_base(r, id)));
}

/* ---- running it ------------------------------------------------------------- */

/* One follow-up line as a plan draft. */
struct draft {
	const char	*line;		/* as written in the follow-ups */
	bool		 taken;		/* the plan has it already */
	bool		 on;		/* ticked */
	const char	*area;		/* a plan area key */
	const char	*measure;	/* as proposed, then as posted */
	const char	*err;		/* beside the measure, or NULL */
};

/* What the run page shows besides the stored exercise. */
struct run_state {
	int		 step;		/* 0 … ninjects + 1 */
	/* a refused or stale save: what was posted, kept in the boxes */
	bool		 mine;
	struct exercise_answers ans;	/* the step's answers as posted */
	const char	*decisions, *followups;
	const char	*err_q[EXERCISE_QUESTIONS_MAX];
	const char	*err_decisions, *err_followups;
	bool		 stale;		/* 409: theirs shown beside mine */
	const char	*notice;	/* an error above the form */
	struct draft	*drafts;	/* the follow-ups, as plan drafts */
	size_t		 ndrafts;
	size_t		 taken;
	const char	*draft_notice;
};

/* The step of the request (form, then query): 0 … last. */
static int
step_of(struct req *r, int last)
{
	const char *s = req_field(r, "step");
	long n;

	if (s == NULL || str_to_long(str_c(s), 0, last, &n) != 0)
		return 0;
	return (int)n;
}

/* The text a plan row made from follow-up line gets as "current". */
static const char *
draft_current(struct req *r, const struct exercise_view *x, const char *line)
{
	return Tf(r, "exercise.plan_current", "title", x->sc != NULL ?
	    TR(r, &x->sc->title) : "", "date", x->held_on, "line", line, NULL);
}

/* The follow-ups as drafts: those the plan has (same measure or same
 * "current" from this exercise) are taken. */
static void
drafts_of(struct req *r, const struct exercise_view *x, struct run_state *s)
{
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	int fm = register_field(pl, "measure"), fc = register_field(pl,
	    "current");
	size_t i, k;

	s->drafts = arena_alloc(&r->arena, (x->nf + 1) * sizeof(*s->drafts));
	s->ndrafts = x->nf;
	for (i = 0; i < x->nf; i++) {
		struct draft *dr = &s->drafts[i];
		const char *cur = draft_current(r, x, x->followups[i]);

		memset(dr, 0, sizeof(*dr));
		dr->line = x->followups[i];
		dr->measure = dr->line;
		dr->area = req_app(r)->content.plan.area[PLAN_ORGANISATIONAL].key;
		dr->on = true;
		for (k = 0; k < x->nplan; k++)
			if ((x->plan[k].v[fm].set && strcmp(x->plan[k].v[fm].s,
			    dr->line) == 0) || (x->plan[k].v[fc].set &&
			    strcmp(x->plan[k].v[fc].s, cur) == 0))
				dr->taken = true;
		if (dr->taken)
			s->taken++;
	}
}

/* The steps as links, this one marked. */
static void
steps_nav(struct page *p, const struct exercise_view *x,
    const char *const *value, int step)
{
	struct req *r = p->r;
	const char *run = arena_printf(&r->arena, "%s/run",
	    ex_base(r, x->row.id));
	int n = (int)x->sc->ninjects, i;

	html_open(&p->h, "nav", "class", "steps", "aria-label",
	    T(r, "exercise.steps"), NULL);
	html_open(&p->h, "ol", NULL);
	for (i = 0; i <= n + 1; i++) {
		const char *label = i == 0 ? T(r, "exercise.setting") :
		    i <= n ? filled(r, value, &x->sc->inject[i - 1].at) :
		    T(r, "exercise.closing_title");

		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", label, "href", arena_printf(&r->arena,
		    "%s?step=%d", run, i), "aria-current", i == step ? "step" :
		    NULL, NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* A textarea for text that is also stored (theirs shown under it when
 * a stale save is shown again and it differs). */
static void
box(struct page *p, const char *name, size_t max, const char *label,
    const char *help, const char *value, const char *stored, bool stale,
    const char *err)
{
	struct req *r = p->r;

	if (stale && strcmp(value, stored) != 0)
		help = Tf(r, "exercise.theirs", "text", stored[0] != '\0' ?
		    stored : T(r, "exercise.blank"), NULL);
	form_field_max(p, name, NULL, max, label, help, value, err, "off",
	    false);
}

/* The follow-ups as drafts to keep or drop. */
static void
drafts_form(struct page *p, const struct exercise_view *x,
    const struct run_state *s)
{
	struct req *r = p->r;
	const struct plan_pack *pp = &req_app(r)->content.plan;
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	struct choices areas = { PLAN_AREA__MAX, (struct choice *)pp->area };
	size_t i, open = s->ndrafts - s->taken;

	html_open(&p->h, "section", "class", "exercise-drafts",
	    "aria-labelledby", "drafts", NULL);
	html_elem(&p->h, "h2", T(r, "exercise.drafts_title"), "id", "drafts",
	    NULL);
	if (s->draft_notice != NULL)
		page_notice(p, "error", s->draft_notice);
	html_elem(&p->h, "p", T(r, open > 0 ? "exercise.drafts_intro" :
	    "exercise.drafts_none"), "class", "help", NULL);
	if (s->taken > 0)
		html_elem(&p->h, "p", Tn(r, "exercise.drafts_taken",
		    (long)s->taken, 0), "class", "help", "id", "taken", NULL);
	if (open > 0) {
		form_open(p, arena_printf(&r->arena, "%s/plan",
		    ex_base(r, x->row.id)), NULL);
		hidden(p, "rev", arena_printf(&r->arena, "%" PRId64,
		    x->row.rev));
		html_open(&p->h, "ol", "class", "proposals", NULL);
		for (i = 0; i < s->ndrafts; i++) {
			const struct draft *dr = &s->drafts[i];
			const char *k = arena_printf(&r->arena, "%zu", i);

			if (dr->taken)
				continue;
			html_open(&p->h, "li", "class", "proposal",
			    "data-line", k, NULL);
			html_open(&p->h, "label", "class",
			    "choice proposal-pick", NULL);
			html_void(&p->h, "input", "type", "checkbox", "name",
			    "pick", "value", k, "checked", dr->on ? "" : NULL,
			    NULL);
			html_elem(&p->h, "strong", dr->line, NULL);
			html_close(&p->h);
			form_choices(p, arena_printf(&r->arena, "area.%s", k),
			    T(r, "reg.plan.f.area"), &areas, dr->area, NULL);
			form_field_max(p, arena_printf(&r->arena,
			    "measure.%s", k), NULL, (size_t)pl->f[
			    register_field(pl, "measure")].max,
			    T(r, "reg.plan.f.measure"), NULL, dr->measure,
			    dr->err, "off", false);
			html_close(&p->h);
		}
		html_close(&p->h);
		html_open(&p->h, "p", "class", "actions", NULL);
		form_submit(p, T(r, "exercise.drafts_submit"), NULL);
		html_close(&p->h);
		html_close(&p->h);	/* form */
	}
	html_close(&p->h);	/* section */
}

/* The setting (step 0). */
static void
step_setting(struct page *p, const struct exercise_view *x,
    const char *const *value)
{
	struct req *r = p->r;

	html_elem(&p->h, "h2", T(r, "exercise.setting"), NULL);
	html_elem(&p->h, "p", filled(r, value, &x->sc->summary), "class",
	    "lead", NULL);
	html_elem(&p->h, "p", filled(r, value, &x->sc->setting), "class",
	    "setting", NULL);
	html_elem(&p->h, "h3", T(r, "exercise.rec_people"), NULL);
	if (x->np > 0)
		lines_list(p, "participants", x->participants, x->np);
	else
		html_elem(&p->h, "p", T(r, "exercise.none"), "class", "help",
		    NULL);
	html_elem(&p->h, "p", T(r, "exercise.setting_help"), "class", "help",
	    NULL);
	html_elem(&p->h, "a", T(r, "exercise.begin"), "href",
	    arena_printf(&r->arena, "%s/run?step=1", ex_base(r, x->row.id)),
	    "class", "btn", NULL);
}

/* An inject (step 1…n): what happens, then a box for each question. */
static void
step_inject(struct page *p, const struct exercise_view *x,
    const char *const *value, const struct run_state *s, bool admin)
{
	struct req *r = p->r;
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	int i = s->step - 1;
	const struct exercise_inject *ij = &x->sc->inject[i];
	size_t q;

	html_elem(&p->h, "h2", Tf(r, "exercise.inject_head", "n",
	    arena_printf(&r->arena, "%d", s->step), "m",
	    arena_printf(&r->arena, "%zu", x->sc->ninjects), "at",
	    filled(r, value, &ij->at), NULL), NULL);
	html_elem(&p->h, "p", filled(r, value, &ij->what), "class", "inject",
	    NULL);
	if (!admin) {
		html_open(&p->h, "dl", "class", "answers", NULL);
		for (q = 0; q < ij->nq; q++) {
			const char *a = x->ans.text[i][q];

			html_elem(&p->h, "dt", filled(r, value, &ij->q[q]),
			    NULL);
			html_elem(&p->h, "dd", a != NULL ? a :
			    T(r, "exercise.no_answer"), NULL);
		}
		html_close(&p->h);
		return;
	}
	form_open(p, arena_printf(&r->arena, "%s/run", ex_base(r, x->row.id)),
	    NULL);
	hidden(p, "rev", arena_printf(&r->arena, "%" PRId64, x->row.rev));
	hidden(p, "step", arena_printf(&r->arena, "%d", s->step));
	for (q = 0; q < ij->nq; q++) {
		const char *stored = x->ans.text[i][q] != NULL ?
		    x->ans.text[i][q] : "";
		const char *mine = s->mine ? (s->ans.text[i][q] != NULL ?
		    s->ans.text[i][q] : "") : stored;

		box(p, arena_printf(&r->arena, "a.%zu", q + 1),
		    EXERCISE_ANSWER_MAX, Tf(r, "exercise.q_no", "n",
		    arena_printf(&r->arena, "%zu", q + 1), "q",
		    filled(r, value, &ij->q[q]), NULL), NULL, mine, stored,
		    s->stale, s->err_q[q]);
	}
	box(p, "decisions", (size_t)d->f[register_field(d, "decisions")].max,
	    T(r, "reg.exercises.f.decisions"),
	    T(r, "reg.exercises.h.decisions"), s->mine ? s->decisions :
	    x->decisions_text, x->decisions_text, s->stale, s->err_decisions);
	html_open(&p->h, "p", "class", "actions", NULL);
	go_button(p, "next", T(r, (size_t)s->step < x->sc->ninjects ?
	    "exercise.save_next" : "exercise.save_closing"), "btn");
	html_text(&p->h, " ");
	go_button(p, "stay", T(r, "exercise.save"), "btn btn-secondary");
	html_close(&p->h);
	html_close(&p->h);	/* form */
}

/* "What will we do from now on" (step n+1), then the drafts. */
static void
step_closing(struct page *p, const struct exercise_view *x,
    const struct run_state *s, bool admin)
{
	struct req *r = p->r;
	const struct register_decl *d = register_of(REGISTER_EXERCISES);

	html_elem(&p->h, "h2", T(r, "exercise.closing_title"), NULL);
	html_elem(&p->h, "p", T(r, "exercise.closing"), "class", "inject",
	    NULL);
	if (!admin) {
		html_elem(&p->h, "h3", T(r, "reg.exercises.f.followups"), NULL);
		lines_list(p, "followups", x->followups, x->nf);
		html_elem(&p->h, "h3", T(r, "reg.exercises.f.decisions"), NULL);
		lines_list(p, "decisions", x->decisions, x->nd);
		return;
	}
	form_open(p, arena_printf(&r->arena, "%s/run", ex_base(r, x->row.id)),
	    NULL);
	hidden(p, "rev", arena_printf(&r->arena, "%" PRId64, x->row.rev));
	hidden(p, "step", arena_printf(&r->arena, "%d", s->step));
	box(p, "followups", (size_t)d->f[register_field(d, "followups")].max,
	    T(r, "reg.exercises.f.followups"),
	    T(r, "reg.exercises.h.followups"), s->mine ? s->followups :
	    x->followups_text, x->followups_text, s->stale, s->err_followups);
	box(p, "decisions", (size_t)d->f[register_field(d, "decisions")].max,
	    T(r, "reg.exercises.f.decisions"),
	    T(r, "reg.exercises.h.decisions"), s->mine ? s->decisions :
	    x->decisions_text, x->decisions_text, s->stale, s->err_decisions);
	html_open(&p->h, "p", "class", "actions", NULL);
	go_button(p, "finish", T(r, "exercise.finish"), "btn");
	html_text(&p->h, " ");
	go_button(p, "stay", T(r, "exercise.save"), "btn btn-secondary");
	html_close(&p->h);
	html_close(&p->h);	/* form */
	if (s->ndrafts > 0)
		drafts_form(p, x, s);
}

static int
run_page(struct req *r, const struct exercise_view *x, struct run_state *s,
    int status)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	const char *title;
	bool admin = page_can_admin(r) != 0;
	struct page p;
	int st, fs = register_field(d, "status");

	if (x->sc == NULL)
		return 404;	/* its scenario is no longer shipped */
	title = TR(r, &x->sc->title);
	if ((st = ex_begin(&p, r, title)) != 0)
		return st;
	html_elem(&p.h, "a", T(r, "exercise.back_row"), "href",
	    row_url(r, x->row.id), "class", "back", NULL);
	html_elem(&p.h, "p", Tn(r, "exercise.no", (long)x->row.id, 0),
	    "class", "org-name", NULL);
	page_h1(&p, title);
	html_elem(&p.h, "p", Tf(r, "exercise.meta", "date", x->held_on[0] ?
	    x->held_on : T(r, "exercise.blank"), "who", x->facilitator[0] ?
	    x->facilitator : T(r, "exercise.blank"), "n",
	    arena_printf(&r->arena, "%zu", x->np), "status",
	    x->status >= 0 ? register_label(&req_app(r)->content.regenv,
	    &d->f[fs], &x->row.v[fs], (int)page_lang_of(r)) :
	    T(r, "exercise.blank"), NULL), "class", "meta", NULL);
	if (s->stale)
		page_notice(&p, "error", T(r, "exercise.stale"));
	else if (s->notice != NULL)
		page_notice(&p, "error", s->notice);
	else if (req_query(r, "saved") != NULL)
		page_notice(&p, "ok", T(r, "form.saved"));
	steps_nav(&p, x, x->value, s->step);
	if (s->step == 0)
		step_setting(&p, x, x->value);
	else if ((size_t)s->step <= x->sc->ninjects)
		step_inject(&p, x, x->value, s, admin);
	else
		step_closing(&p, x, s, admin);
	html_open(&p.h, "p", "class", "exercise-record", NULL);
	html_elem(&p.h, "a", T(r, "exercise.record_link"), "href",
	    arena_printf(&r->arena, "%s/record.pdf", ex_base(r, x->row.id)),
	    "class", "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_exercise_run(struct req *r)
{
	struct exercise_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct run_state s;
	int st;

	if ((st = ex_load(r, req_param_id(r, "id"), x)) != 0)
		return st;
	memset(&s, 0, sizeof(s));
	if (x->sc != NULL)
		s.step = step_of(r, (int)x->sc->ninjects + 1);
	drafts_of(r, x, &s);
	return run_page(r, x, &s, 200);
}

/* Read what a run step posts into s; true when it all reads. */
static bool
run_read(struct req *r, const struct exercise_view *x, struct run_state *s)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	size_t q, max;
	bool ok = true, bad;

	s->mine = true;
	s->decisions = x->decisions_text;
	s->followups = x->followups_text;
	if (s->step >= 1 && (size_t)s->step <= x->sc->ninjects) {
		const struct exercise_inject *ij = &x->sc->inject[s->step - 1];

		for (q = 0; q < ij->nq; q++) {
			const char *t;

			bad = false;
			t = page_posted_text(r, arena_printf(&r->arena, "a.%zu",
			    q + 1), &bad);
			s->ans.text[s->step - 1][q] = t[0] != '\0' ? t : NULL;
			if (bad || !str_utf8_valid(str_c(t)))
				s->err_q[q] = T(r, "reg.err.encoding");
			else if (chars(t) > EXERCISE_ANSWER_MAX)
				s->err_q[q] = Tn(r, "form.err.long",
				    EXERCISE_ANSWER_MAX, (long)chars(t));
			ok = ok && s->err_q[q] == NULL;
		}
	}
	if (s->step >= 1 && req_field_kv(r, "decisions") != NULL) {
		bad = false;
		s->decisions = page_posted_text(r, "decisions", &bad);
		max = (size_t)d->f[register_field(d, "decisions")].max;
		if (bad || !str_utf8_valid(str_c(s->decisions)))
			s->err_decisions = T(r, "reg.err.encoding");
		else if (chars(s->decisions) > max)
			s->err_decisions = Tn(r, "form.err.long", (long)max,
			    (long)chars(s->decisions));
		ok = ok && s->err_decisions == NULL;
	}
	if ((size_t)s->step == x->sc->ninjects + 1 &&
	    req_field_kv(r, "followups") != NULL) {
		bad = false;
		s->followups = page_posted_text(r, "followups", &bad);
		max = (size_t)d->f[register_field(d, "followups")].max;
		if (bad || !str_utf8_valid(str_c(s->followups)))
			s->err_followups = T(r, "reg.err.encoding");
		else if (chars(s->followups) > max)
			s->err_followups = Tn(r, "form.err.long", (long)max,
			    (long)chars(s->followups));
		ok = ok && s->err_followups == NULL;
	}
	return ok;
}

int
page_exercise_run_post(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	const struct register_env *e = &req_app(r)->content.regenv;
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct exercise_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct exercise_answers all;
	struct register_errs errs;
	struct register_row row;
	struct run_state s;
	struct buf json = BUF_INIT;
	const char *go = req_field(r, "go"), *err = NULL;
	int64_t id = req_param_id(r, "id"), rev, new_rev;
	int st, rc, next;
	size_t q;

	if ((st = ex_load(r, id, x)) != 0)
		return st;
	if (x->sc == NULL)
		return 404;
	memset(&s, 0, sizeof(s));
	s.step = step_of(r, (int)x->sc->ninjects + 1);
	rev = page_posted_rev(r);
	if (!run_read(r, x, &s)) {
		s.notice = T(r, "form.err.summary");
		drafts_of(r, x, &s);
		return run_page(r, x, &s, PAGE_INVALID);
	}
	/* the stored answers with this step's replaced */
	all = x->ans;
	if (s.step >= 1 && (size_t)s.step <= x->sc->ninjects)
		for (q = 0; q < EXERCISE_QUESTIONS_MAX; q++)
			all.text[s.step - 1][q] = s.ans.text[s.step - 1][q];
	exercise_answers_write(&all, &json);
	row = x->row;
	set_value(r, d, &row, "answers", exercise_answers_count(&all) > 0 ?
	    buf_cstr(&json) : "", &err);
	buf_free(&json);
	set_value(r, d, &row, "decisions", s.decisions, &err);
	set_value(r, d, &row, "followups", s.followups, &err);
	if (go != NULL && strcmp(go, "finish") == 0)
		set_value(r, d, &row, "status", exercise_status_key(EXS_DONE),
		    &err);
	else if (x->status < 0 || x->status == EXS_PLANNED)
		set_value(r, d, &row, "status",
		    exercise_status_key(EXS_RUNNING), &err);
	if (err != NULL) {
		s.notice = err;
		drafts_of(r, x, &s);
		return run_page(r, x, &s, PAGE_INVALID);
	}
	errs.n = 0;
	register_finish(e, d, &row, &errs);
	rc = register_save(req_app(r)->db, e, d, r->org_id, &who, id, rev,
	    &row, &new_rev, &errs);
	if (rc == DB_OK) {
		next = s.step;
		if (go != NULL && strcmp(go, "next") == 0 &&
		    (size_t)s.step <= x->sc->ninjects)
			next = s.step + 1;
		return req_redirect(r, arena_printf(&r->arena,
		    "%s/run?step=%d&saved=1", ex_base(r, id), next));
	}
	if (rc == REGISTER_GONE)
		return 404;
	if (rc == REGISTER_INVALID) {
		s.notice = errs.n > 0 ? page_err_text(r, &errs.e[0]) :
		    T(r, "form.err.summary");
		drafts_of(r, x, &s);
		return run_page(r, x, &s, PAGE_INVALID);
	}
	if (rc != REGISTER_STALE)
		return 503;
	/* Someone saved first: keep theirs, show mine in the boxes with
	 * theirs under them, and offer mine again from their revision. */
	if ((st = ex_load(r, id, x)) != 0)
		return st;
	s.stale = true;
	drafts_of(r, x, &s);
	return run_page(r, x, &s, 409);
}

/* ---- the follow-ups into the plan -------------------------------------------- */

int
page_exercise_plan_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct register_who who = { r->auth.user_id, req_addr(r) };
	struct exercise_view *x = arena_alloc(&r->arena, sizeof(*x));
	struct register_row *add;
	struct register_errs errs;
	struct run_state s;
	int64_t id = req_param_id(r, "id");
	size_t i, m = 0, picked = 0, nerr = 0;
	int st, rc;

	if ((st = ex_load(r, id, x)) != 0)
		return st;
	if (x->sc == NULL)
		return 404;
	memset(&s, 0, sizeof(s));
	s.step = (int)x->sc->ninjects + 1;
	drafts_of(r, x, &s);
	/* the drafts are numbered by the follow-ups' lines as shown: when
	 * the row changed since, the numbers may name other lines */
	if (page_posted_rev(r) != x->row.rev) {
		s.draft_notice = T(r, "exercise.drafts_changed");
		return run_page(r, x, &s, 409);
	}
	add = arena_alloc(&r->arena, (s.ndrafts + 1) * sizeof(*add));
	for (i = 0; i < s.ndrafts; i++) {
		struct draft *dr = &s.drafts[i];
		const char *k = arena_printf(&r->arena, "%zu", i);
		const char *text[REGISTER_FIELDS_MAX] = { NULL };
		const char *area, *cur;
		bool bad = false, on = false;
		size_t f, j;

		if (dr->taken)
			continue;
		for (j = 0; j < r->form.n; j++)
			if (str_eq_c(r->form.v[j].key, "pick") &&
			    str_eq_c(r->form.v[j].val, k))
				on = true;
		dr->on = on;
		if (req_field_kv(r, arena_printf(&r->arena, "measure.%s", k)) !=
		    NULL)
			dr->measure = page_posted_text(r, arena_printf(&r->arena,
			    "measure.%s", k), &bad);
		area = req_field(r, arena_printf(&r->arena, "area.%s", k));
		if (area != NULL)
			dr->area = area;
		if (!dr->on)
			continue;
		picked++;
		cur = draft_current(r, x, dr->line);
		page_set_field(d, text, "area", dr->area);
		page_set_field(d, text, "current", cur);
		page_set_field(d, text, "measure", dr->measure);
		page_set_field(d, text, "source", exercise_source(
		    (long long)id, &r->arena));
		page_set_field(d, text, "status",
		    ct->plan.status[PLAN_TODO].key);
		memset(&add[m], 0, sizeof(add[m]));
		add[m].updated_by = "";
		errs.n = 0;
		for (f = 0; f < d->nf; f++) {
			long a = 0, b = 0;
			enum rf_err e;

			add[m].v[f].s = "";
			if (text[f] == NULL || d->f[f].derived)
				continue;
			e = register_value(&ct->regenv, &d->f[f], text[f],
			    &r->arena, &add[m].v[f], &a, &b);
			if (e != RFE_OK)
				register_err_add(&errs, (int)f, d->f[f].key, e,
				    a, b);
		}
		register_finish(&ct->regenv, d, &add[m], &errs);
		if (bad)
			register_err_add(&errs, register_field(d, "measure"),
			    "measure", RFE_UTF8, 0, 0);
		if (errs.n > 0) {
			dr->err = errs.e[0].code == RFE_REQUIRED ?
			    T(r, "exercise.err.measure") :
			    page_err_text(r, &errs.e[0]);
			nerr++;
			continue;
		}
		m++;
	}
	if (picked == 0)
		s.draft_notice = T(r, "exercise.err.pick_one");
	else if (nerr > 0)
		s.draft_notice = T(r, "form.err.summary");
	if (s.draft_notice != NULL)
		return run_page(r, x, &s, PAGE_INVALID);
	errs.n = 0;
	rc = register_add_many(req_app(r)->db, &ct->regenv, d, r->org_id, &who,
	    add, m, &errs);
	if (rc == REGISTER_FULL || rc == REGISTER_INVALID ||
	    rc == REGISTER_BAD_REF) {
		s.draft_notice = rc == REGISTER_FULL ? Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0) : errs.n > 0 ? page_err_text(r,
		    &errs.e[0]) : T(r, "form.err.summary");
		return run_page(r, x, &s, PAGE_INVALID);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/r/plan?started=%zu", r->org_id, m));
}

/* ---- the record -------------------------------------------------------------- */

static int
record_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct exercise_doc_in ei = {
		.ct = in->ct, .lang = in->lang, .org = in->org, .now = in->now,
	};

	return exercise_doc_file(c, a, &ei, org, in->id, f, out, err, errlen);
}

static const struct page_org_doc record_doc = {
	record_make, "exercise.record_title", "exercise-record",
	"register exercises record-",
};

int
page_exercise_record(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	struct db *db = req_app(r)->db;
	struct register_row row;
	struct db_conn *c;
	int64_t id = req_param_id(r, "id");
	int rc;

	if (r->resumed)
		return page_org_doc_id(r, &record_doc, REPORT_PDF, id);
	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = register_get(c, &req_app(r)->content.regenv, d, r->org_id, id,
	    &r->arena, &row);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_ROW)
		return 503;
	return page_org_doc_id(r, &record_doc, REPORT_PDF, id);
}
