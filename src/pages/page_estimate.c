/*
 * page_estimate: what an incident would cost the company (issue 16;
 * model/estimate.h, content/damage.yaml).
 *
 *   GET  /o/{org}/estimate                 the calculator (a GET form: the
 *        inputs in the query work the result out; ?id=N opens a saved
 *        one), the result line by line with the rule each follows, the
 *        saved estimates, the company's money figures and the two rules
 *        of thumb
 *   POST /o/{org}/estimate                 save the estimate shown
 *   POST /o/{org}/estimate/money           the yearly security spending
 *        and what the company could pay
 *   POST /o/{org}/estimate/{id}/delete     delete a saved estimate
 *   GET|POST /api/v1/orgs/{org}/estimates  the same as JSON
 *
 * Every member reads; the organisation's admin and its advisors write
 * (the routes say so).  A bad input is a field error next to its field
 * (422), every other value kept.  The staff field starts from the
 * profile's employee band (its middle); the sales are asked.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/estimate.h"
#include "model/org.h"
#include "model/orgref.h"
#include "pages/pages.h"

/* The calculator's state: what was typed, the errors, the result. */
struct est_form {
	const char		*preset;	/* key as given */
	const char		*in[EST_IN__MAX];	/* texts as typed */
	const char		*err[EST_IN__MAX];	/* translated or NULL */
	const char		*preset_err;
	const char		*name, *name_err;
	int64_t			 id, rev;	/* the saved one (0 none) */
	bool			 has_result;
	bool			 saving;	/* a save was tried: keep its
						   form */
	long long		 v[EST_IN__MAX];
	struct estimate_result	 res;
	const struct damage_preset *dp;
	/* the money form */
	const char		*spending, *could_pay;
	const char		*spending_err, *could_pay_err;
	const char		*notice;
	bool			 error;
};

static const struct damage_pack *
pack(const struct req *r)
{
	return &req_app(r)->content.damage;
}

static const char *
yen_text(struct req *r, long long v)
{
	char b[32];

	estimate_group(v, b, sizeof(b));
	return Tf(r, "est.yen", "n", b, NULL);
}

static const char *
num_text(struct req *r, long long v)
{
	char b[32];

	estimate_group(v, b, sizeof(b));
	return arena_strdup(&r->arena, b);
}

static const char *
pct_text(struct req *r, long long ppm)
{
	char b[32];

	estimate_ppm_percent(ppm, b, sizeof(b));
	return Tf(r, "est.pct", "n", b, NULL);
}

/* The translated reason for input i refused with e. */
static const char *
err_text(struct req *r, enum estimate_input i, enum estimate_err e)
{
	return Tf(r, arena_printf(&r->arena, "est.err.%s",
	    estimate_err_key(e)), "min", num_text(r, estimate_in_min(i)),
	    "max", num_text(r, estimate_in_max(i)), NULL);
}

/* The profile's exact head count when it has one (model/orgref.h),
 * else the middle of its employee band (the lower bound of the open last
 * band); 0 when neither is known, -1 when the database cannot be read. */
static long long
staff_of_profile(struct req *r, const struct org *o)
{
	const struct choice *b = choices_find(
	    &req_app(r)->content.org.employees, o->employees);
	struct orgref ref;
	struct db_conn *c = db_acquire(req_app(r)->db);
	int rc = orgref_get(c, &r->arena, o->id, &ref);

	db_release(req_app(r)->db, c);
	if (rc < 0)
		return -1;
	if (rc == DB_OK && ref.staff >= 1)
		return ref.staff;
	if (b == NULL)
		return 0;
	return b->max == 0 ? b->min : (b->min + b->max) / 2;
}

/* Check f's texts; the result worked out when all are good.  The number
 * of errors. */
static int
form_check(struct req *r, struct est_form *f)
{
	int k, bad = 0;

	f->dp = damage_preset_find(pack(r), f->preset);
	if (f->dp == NULL) {
		f->preset_err = T(r, "form.err.choose");
		bad++;
	}
	for (k = 0; k < EST_IN__MAX; k++) {
		enum estimate_err e = estimate_parse((enum estimate_input)k,
		    f->in[k], &f->v[k]);

		if (e != EST_OK) {
			f->err[k] = err_text(r, (enum estimate_input)k, e);
			bad++;
		}
	}
	if (bad == 0) {
		estimate_run(&f->dp->p, f->v, &f->res);
		f->has_result = true;
	}
	return bad;
}

/* ---- showing it ---------------------------------------------------------- */

/* How line l was reached, with the figures. */
static const char *
line_how(struct req *r, const struct estimate_line *l, const long long *in)
{
	const struct estimate_rule *ru = l->rule;
	const struct damage_pack *dp = pack(r);
	struct buf b = BUF_INIT;
	const char *s;
	int k;

	switch (ru->kind) {
	case EST_RULE_FIXED:
		return T(r, "est.how.fixed");
	case EST_RULE_RATE:
		if (ru->num != 1)
			buf_printf(&b, "%s × ", yen_text(r, ru->num));
		for (k = 0; k < EST_IN__MAX; k++)
			if (ru->by & (1u << k))
				buf_printf(&b, "%s %s × ",
				    TR(r, &dp->in_label[k]),
				    num_text(r, in[k]));
		if (b.n >= 3)
			b.n -= 3;	/* the last " × " */
		if (ru->den != 1)
			buf_printf(&b, " ÷ %s", num_text(r, ru->den));
		buf_printf(&b, " = %s", yen_text(r, l->yen));
		break;
	case EST_RULE_STEPS:
		buf_printf(&b, "%s %s → ", TR(r, &dp->in_label[ru->step_by]),
		    num_text(r, in[ru->step_by]));
		if (ru->step[l->step].upto > 0)
			buf_adds(&b, Tf(r, "est.how.upto", "n", num_text(r,
			    ru->step[l->step].upto), NULL));
		else
			buf_adds(&b, T(r, "est.how.above"));
		buf_printf(&b, ": %s", yen_text(r, l->yen));
		break;
	default:
		break;
	}
	s = b.err ? "" : arena_strndup(&r->arena, b.p ? b.p : "", b.n);
	buf_free(&b);
	return s;
}

static void
result_section(struct page *p, const struct est_form *f)
{
	struct req *r = p->r;
	const struct damage_pack *dp = pack(r);
	size_t i, k;
	int mark;

	html_open(&p->h, "section", "class", "panel", "id", "result", NULL);
	html_elem(&p->h, "h2", T(r, "est.result"), NULL);
	html_open(&p->h, "p", "class", "lead est-total", NULL);
	html_text(&p->h, T(r, "est.total"));
	html_text(&p->h, " ");
	html_elem(&p->h, "strong", yen_text(r, f->res.total), "id",
	    "est-total", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "span", Tf(r, "est.share", "pct", pct_text(r,
	    f->res.share_ppm), NULL), "id", "est-share", NULL);
	html_close(&p->h);
	mark = page_table(p, "table est-lines", NULL, T(r, "est.col.category"),
	    T(r, "est.col.yen"), T(r, "est.col.how"), NULL);
	for (i = 0; i < f->res.n; i++) {
		const struct estimate_line *l = &f->res.line[i];
		size_t ri = (size_t)(l->rule - f->dp->p.rule);

		page_row(p);
		page_td(p, TR(r, &dp->cat_label[l->cat]), NULL);
		page_td(p, yen_text(r, l->yen), "num");
		page_td_open(p, NULL);
		html_elem(&p->h, "span", line_how(r, l, f->v), "class",
		    "est-formula", NULL);
		html_elem(&p->h, "small", TR(r, &f->dp->how[ri]), "class",
		    "help", NULL);
		for (k = 0; k < dp->nunits; k++)
			if (dp->unit[k].cat == l->cat)
				html_elem(&p->h, "small", Tf(r, "est.unit",
				    "what", TR(r, &dp->unit[k].label), "range",
				    dp->unit[k].min == dp->unit[k].max ?
				    yen_text(r, dp->unit[k].min) :
				    arena_printf(&r->arena, "%s–%s",
				    yen_text(r, dp->unit[k].min), yen_text(r,
				    dp->unit[k].max)), "source",
				    TR(r, &dp->src[dp->unit[k].source].name),
				    "year", arena_printf(&r->arena, "%d",
				    dp->src[dp->unit[k].source].year), NULL),
				    "class", "help est-unit", NULL);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", TR(r, &dp->ours), "class", "help est-ours",
	    NULL);
	html_elem(&p->h, "p", Tf(r, "est.example_from", "source",
	    TR(r, &dp->src[f->dp->source].name), "year", arena_printf(
	    &r->arena, "%d", dp->src[f->dp->source].year), "total",
	    yen_text(r, f->dp->seed_total), NULL), "class", "help", NULL);
	html_close(&p->h);
}

static void
calc_form(struct page *p, const struct est_form *f, const char *base)
{
	struct req *r = p->r;
	const struct damage_pack *dp = pack(r);
	size_t i;
	int k;

	html_open(&p->h, "section", "class", "panel", "id", "calculator",
	    NULL);
	html_elem(&p->h, "h2", T(r, "est.calc"), NULL);
	html_open(&p->h, "form", "method", "get", "action", base, NULL);
	if (f->id > 0)
		html_void(&p->h, "input", "type", "hidden", "name", "id",
		    "value", arena_printf(&r->arena, "%" PRId64, f->id), NULL);
	form_group(p, "preset", T(r, "est.preset"), T(r, "est.preset_help"),
	    f->preset_err);
	for (i = 0; i < dp->npresets; i++) {
		const struct damage_preset *pr = &dp->preset[i];

		html_open(&p->h, "label", "class", "choice", NULL);
		html_void(&p->h, "input", "type", "radio", "name", "preset",
		    "value", pr->p.key, "checked", f->preset != NULL &&
		    strcmp(f->preset, pr->p.key) == 0 ? "" : NULL,
		    "aria-invalid", f->preset_err ? "true" : NULL, NULL);
		html_open(&p->h, "span", NULL);
		html_elem(&p->h, "strong", TR(r, &pr->title), NULL);
		html_elem(&p->h, "small", Tf(r, "est.preset_example",
		    "summary", TR(r, &pr->summary), "sales", yen_text(r,
		    pr->p.in[EST_IN_SALES]), "staff", num_text(r,
		    pr->p.in[EST_IN_STAFF]), "records", num_text(r,
		    pr->p.in[EST_IN_RECORDS]), "days", num_text(r,
		    pr->p.in[EST_IN_DAYS]), "total", yen_text(r,
		    pr->seed_total), NULL), "class", "help", NULL);
		html_close(&p->h);
		html_close(&p->h);
	}
	html_close(&p->h);	/* fieldset */
	for (k = 0; k < EST_IN__MAX; k++) {
		const char *key = estimate_in_key((enum estimate_input)k);

		form_field_max(p, key, "text", 0, TR(r, &dp->in_label[k]),
		    Tf(r, arena_printf(&r->arena, "est.help.%s", key), "min",
		    num_text(r, estimate_in_min((enum estimate_input)k)), "max",
		    num_text(r, estimate_in_max((enum estimate_input)k)), NULL),
		    f->in[k], f->err[k], "off", true);
	}
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "est.work_out"), "btn");
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);
}

/* The form that saves the estimate shown (admins). */
static void
save_form(struct page *p, const struct est_form *f, const char *base)
{
	struct req *r = p->r;
	int k;

	html_open(&p->h, "section", "class", "panel", "id", "save", NULL);
	html_elem(&p->h, "h2", T(r, "est.save_title"), NULL);
	form_open(p, base, NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "preset", "value",
	    f->preset, NULL);
	for (k = 0; k < EST_IN__MAX; k++)
		html_void(&p->h, "input", "type", "hidden", "name",
		    estimate_in_key((enum estimate_input)k), "value", f->in[k],
		    NULL);
	if (f->id > 0) {
		html_void(&p->h, "input", "type", "hidden", "name", "id",
		    "value", arena_printf(&r->arena, "%" PRId64, f->id), NULL);
		html_void(&p->h, "input", "type", "hidden", "name", "rev",
		    "value", arena_printf(&r->arena, "%" PRId64, f->rev), NULL);
	}
	form_field_max(p, "name", "text", ESTIMATE_NAME_MAX, T(r, "est.name"),
	    T(r, "est.name_help"), f->name, f->name_err, "off", true);
	html_open(&p->h, "p", "class", "actions", NULL);
	if (f->id > 0)
		html_elem(&p->h, "button", T(r, "est.update"), "type", "submit",
		    "name", "do", "value", "update", "class", "btn", NULL);
	html_elem(&p->h, "button", T(r, "est.save_new"), "type", "submit",
	    "name", "do", "value", "new", "class", f->id > 0 ?
	    "btn btn-secondary" : "btn", NULL);
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);
}

static void
saved_section(struct page *p, const struct estimate_saved *v, size_t n,
    int64_t worst, const char *base)
{
	struct req *r = p->r;
	size_t i;
	int mark;

	html_open(&p->h, "section", "id", "saved", NULL);
	html_elem(&p->h, "h2", T(r, "est.saved"), NULL);
	if (n == 0) {
		html_elem(&p->h, "p", T(r, "est.saved_none"), "class", "help",
		    NULL);
		html_close(&p->h);
		return;
	}
	mark = page_table(p, "table est-saved", NULL, T(r, "est.col.name"),
	    T(r, "est.col.preset"), T(r, "est.col.total"),
	    T(r, "est.col.updated"), T(r, "est.col.actions"), NULL);
	for (i = 0; i < n; i++) {
		const struct damage_preset *pr = damage_preset_find(pack(r),
		    v[i].preset);
		const char *self = arena_printf(&r->arena, "%s/%" PRId64, base,
		    v[i].id);

		page_row(p);
		page_td_open(p, NULL);
		html_elem(&p->h, "a", v[i].name, "href", arena_printf(
		    &r->arena, "%s?id=%" PRId64 "#result", base, v[i].id),
		    NULL);
		if (v[i].id == worst)
			html_elem(&p->h, "span", T(r, "est.worst"), "class",
			    "tag est-worst", NULL);
		html_close(&p->h);
		page_td(p, pr ? TR(r, &pr->title) : v[i].preset, NULL);
		page_td(p, yen_text(r, v[i].total), "num");
		page_td(p, arena_printf(&r->arena, "%s%s%s", page_datetime(r,
		    v[i].updated_at), v[i].updated_by[0] ? " · " : "",
		    v[i].updated_by), NULL);
		page_td_open(p, NULL);
		if (page_can_admin(r))
			form_button(p, arena_printf(&r->arena, "%s/delete",
			    self), T(r, "est.delete"),
			    "btn btn-small btn-secondary");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_close(&p->h);
}

/* One rule of thumb as a plain check: its statement, the figures, and
 * the verdict (ok, warn, or unknown while a figure is missing). */
static void
check_line(struct page *p, const char *id, const char *rule,
    const char *figures, const char *verdict, const char *kind)
{
	html_open(&p->h, "li", "id", id, "class", arena_printf(&p->r->arena,
	    "est-check est-%s", kind), NULL);
	html_elem(&p->h, "strong", rule, NULL);
	if (figures != NULL)
		html_elem(&p->h, "span", figures, "class", "est-figures", NULL);
	html_elem(&p->h, "span", verdict, "class", "est-verdict", NULL);
	html_close(&p->h);
}

static void
money_section(struct page *p, const struct est_form *f,
    const struct estimate_money *m, bool has_damage, long long damage,
    const char *damage_what, const char *base)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", "panel", "id", "money", NULL);
	html_elem(&p->h, "h2", T(r, "est.money"), NULL);
	html_elem(&p->h, "p", T(r, "est.money_lead"), "class", "help", NULL);
	html_open(&p->h, "ul", "class", "est-checks", NULL);
	if (!has_damage)
		html_elem(&p->h, "li", T(r, "est.check.no_damage"), "class",
		    "help", NULL);
	/* (a) spending below the expected damage */
	if (!has_damage || !m->has_spending)
		check_line(p, "check-spending", T(r, "est.check.spending"),
		    NULL, T(r, "est.check.missing"), "unknown");
	else
		check_line(p, "check-spending", T(r, "est.check.spending"),
		    Tf(r, "est.check.spending_fig", "spending", yen_text(r,
		    m->spending), "damage", yen_text(r, damage), "what",
		    damage_what, NULL), T(r, m->spending <= damage ?
		    "est.check.spending_ok" : "est.check.spending_over"),
		    m->spending <= damage ? "ok" : "warn");
	/* (b) what the company could pay above the damage left */
	if (!has_damage || !m->has_could_pay)
		check_line(p, "check-could-pay", T(r, "est.check.could_pay"),
		    NULL, T(r, "est.check.missing"), "unknown");
	else
		check_line(p, "check-could-pay", T(r, "est.check.could_pay"),
		    Tf(r, "est.check.could_pay_fig", "could_pay", yen_text(r,
		    m->could_pay), "damage", yen_text(r, damage), "what",
		    damage_what, NULL), T(r, m->could_pay >= damage ?
		    "est.check.could_pay_ok" : "est.check.could_pay_short"),
		    m->could_pay >= damage ? "ok" : "warn");
	html_close(&p->h);
	html_elem(&p->h, "p", T(r, "est.check.source"), "class", "help", NULL);
	if (!page_can_admin(r)) {
		html_close(&p->h);
		return;
	}
	form_open(p, arena_printf(&r->arena, "%s/money", base), NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "rev", "value",
	    arena_printf(&r->arena, "%" PRId64, m->rev), NULL);
	form_field_max(p, "spending", "text", 0, T(r, "est.spending"),
	    T(r, "est.spending_help"), f->spending, f->spending_err, "off",
	    false);
	form_field_max(p, "could_pay", "text", 0, T(r, "est.could_pay"),
	    T(r, "est.could_pay_help"), f->could_pay, f->could_pay_err, "off",
	    false);
	html_open(&p->h, "p", "class", "actions", NULL);
	form_submit(p, T(r, "est.money_save"), "btn btn-secondary");
	html_close(&p->h);
	html_close(&p->h);	/* form */
	html_close(&p->h);
}

/* The whole page for f, with status. */
static int
est_page(struct req *r, struct est_form *f, int status)
{
	struct db *db = req_app(r)->db;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/estimate",
	    r->org_id);
	struct estimate_saved *v = NULL, worst;
	struct estimate_money m;
	struct db_conn *c;
	struct page p;
	struct org o;
	const char *what = NULL;
	long long damage = 0;
	bool has_damage = false, has_worst;
	size_t n = 0;
	int rc;

	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	rc = estimate_list(c, &r->arena, r->org_id, &v, &n);
	if (rc == DB_OK)
		rc = estimate_money_get(c, r->org_id, &m);
	if (rc == DB_OK) {
		rc = estimate_worst(c, r->org_id, &r->arena, &worst);
		has_worst = rc == DB_OK;
		rc = rc == DB_DONE ? DB_OK : rc;
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	if (f->spending == NULL)
		f->spending = m.has_spending ? num_text(r, m.spending) : "";
	if (f->could_pay == NULL)
		f->could_pay = m.has_could_pay ? num_text(r, m.could_pay) : "";
	/* the damage the rules of thumb weigh: the one shown, else the
	 * worst saved */
	if (f->has_result) {
		has_damage = true;
		damage = f->res.total;
		what = T(r, "est.check.this");
	} else if (has_worst) {
		has_damage = true;
		damage = worst.total;
		what = Tf(r, "est.check.worst", "name", worst.name, NULL);
	}
	page_begin(&p, r, T(r, "est.title"));
	page_org_subnav(&p, &o, "estimate");
	page_h1(&p, T(r, "est.title"));
	if (f->notice != NULL)
		page_notice(&p, f->error ? "error" : "ok", f->notice);
	html_elem(&p.h, "p", T(r, "est.lead"), "class", "lead", NULL);
	calc_form(&p, f, base);
	if (f->has_result)
		result_section(&p, f);
	if ((f->has_result || f->saving) && page_can_admin(r))
		save_form(&p, f, base);
	if (!f->has_result && !f->saving && f->in[EST_IN_SALES][0] == '\0' &&
	    f->err[EST_IN_SALES] == NULL)
		html_elem(&p.h, "p", T(r, "est.ask_sales"), "class", "help",
		    "id", "ask-sales", NULL);
	saved_section(&p, v, n, has_worst ? worst.id : 0, base);
	money_section(&p, f, &m, has_damage, damage, what, base);
	return page_end(&p, status);
}

/* The form's texts from the query (GET) or the posted fields (POST). */
static void
form_from(struct req *r, struct est_form *f, bool post)
{
	const char *(*get)(const struct req *, const char *) = post ?
	    req_field : req_query;
	const char *s;
	int k;

	f->preset = get(r, "preset") ? get(r, "preset") : "";
	for (k = 0; k < EST_IN__MAX; k++) {
		s = get(r, estimate_in_key((enum estimate_input)k));
		f->in[k] = s ? arena_cstr(&r->arena, str_trim(str_c(s))) : "";
	}
	f->name = get(r, "name") ? arena_cstr(&r->arena, str_trim(str_c(get(r,
	    "name")))) : "";
	s = get(r, "id");
	f->id = s != NULL ? strtoll(s, NULL, 10) : 0;
	if (f->id < 0)
		f->id = 0;
	s = get(r, "rev");
	f->rev = s != NULL ? strtoll(s, NULL, 10) : 0;
}

int
page_estimate(struct req *r)
{
	struct est_form f;
	struct estimate_saved s;
	struct db_conn *c;
	struct org o;
	long long staff;
	int64_t id;
	bool given = false;
	int k, rc;

	memset(&f, 0, sizeof(f));
	form_from(r, &f, false);
	for (k = 0; k < EST_IN__MAX; k++)
		given |= req_query(r, estimate_in_key(
		    (enum estimate_input)k)) != NULL;
	id = f.id;
	if (id > 0) {
		/* a saved one: its name and rev (the save form updates it),
		 * and unless the query changes them its inputs, worked out
		 * again with today's rules */
		c = db_acquire(req_app(r)->db);
		rc = estimate_get(c, &r->arena, r->org_id, id, &s);
		db_release(req_app(r)->db, c);
		if (rc == DB_DONE)
			return 404;
		if (rc != DB_OK)
			return 503;
		if (!given) {
			f.preset = s.preset;
			for (k = 0; k < EST_IN__MAX; k++)
				f.in[k] = arena_printf(&r->arena, "%lld",
				    s.in[k]);
		}
		if (f.name[0] == '\0')
			f.name = s.name;
		f.rev = s.rev;
		given = true;
	}
	if (req_query(r, "saved") != NULL)
		f.notice = T(r, "est.saved_notice");
	else if (req_query(r, "money") != NULL)
		f.notice = T(r, "est.money_saved");
	if (given) {
		if (form_check(r, &f) > 0) {
			f.notice = T(r, "form.err.summary");
			f.error = true;
			return est_page(r, &f, PAGE_INVALID);
		}
		return est_page(r, &f, 200);
	}
	/* a fresh form: the first preset's own records and days, the staff
	 * from the profile, the sales asked */
	if ((rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	if (f.preset[0] == '\0' && pack(r)->npresets > 0)
		f.preset = pack(r)->preset[0].p.key;
	f.dp = damage_preset_find(pack(r), f.preset);
	if (f.dp != NULL) {
		f.in[EST_IN_RECORDS] = arena_printf(&r->arena, "%lld",
		    f.dp->p.in[EST_IN_RECORDS]);
		f.in[EST_IN_DAYS] = arena_printf(&r->arena, "%lld",
		    f.dp->p.in[EST_IN_DAYS]);
	}
	if ((staff = staff_of_profile(r, &o)) < 0)
		return 503;
	if (staff > 0)
		f.in[EST_IN_STAFF] = arena_printf(&r->arena, "%lld", staff);
	return est_page(r, &f, 200);
}

/* The name of a saved estimate: the translated error, or NULL. */
static const char *
name_error(struct req *r, const char *name)
{
	const unsigned char *c;
	size_t n;

	if (name[0] == '\0')
		return T(r, "form.err.required");
	if (!str_utf8_valid(str_c(name)))
		return T(r, "est.err.name");
	for (c = (const unsigned char *)name; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return T(r, "est.err.name");
	if ((n = str_utf8_count(str_c(name))) > ESTIMATE_NAME_MAX)
		return Tn(r, "form.err.long", ESTIMATE_NAME_MAX, (long)n);
	return NULL;
}

int
page_estimate_post(struct req *r)
{
	struct est_form f;
	struct estimate_saved s;
	const char *what = req_field(r, "do");
	int64_t id = 0;
	int bad, k, rc;

	memset(&f, 0, sizeof(f));
	form_from(r, &f, true);
	f.saving = true;
	bad = form_check(r, &f);
	if ((f.name_err = name_error(r, f.name)) != NULL)
		bad++;
	if (bad > 0) {
		f.notice = T(r, "form.err.summary");
		f.error = true;
		return est_page(r, &f, PAGE_INVALID);
	}
	memset(&s, 0, sizeof(s));
	s.id = what != NULL && strcmp(what, "update") == 0 ? f.id : 0;
	s.rev = f.rev;
	s.name = f.name;
	s.preset = f.dp->p.key;
	for (k = 0; k < EST_IN__MAX; k++)
		s.in[k] = f.v[k];
	s.total = f.res.total;
	rc = estimate_save(req_app(r)->db, r->org_id, r->auth.user_id, &s,
	    account_now(), &id);
	if (rc == ESTIMATE_STALE) {
		f.notice = T(r, "est.stale");
		f.error = true;
		return est_page(r, &f, 409);
	}
	if (rc == ESTIMATE_NONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/estimate?id=%" PRId64 "&saved=1#result", r->org_id, id));
}

/* A stated amount of yen (empty: unset): the translated error or NULL. */
static const char *
money_read(struct req *r, const char *text, bool *has, long long *v)
{
	enum estimate_err e;

	*has = false;
	if (text[0] == '\0')
		return NULL;
	if ((e = estimate_parse_yen(text, v)) != EST_OK)
		return Tf(r, arena_printf(&r->arena, "est.err.%s",
		    estimate_err_key(e)), "min", "0", "max",
		    num_text(r, ESTIMATE_SALES_MAX), NULL);
	*has = true;
	return NULL;
}

int
page_estimate_money(struct req *r)
{
	struct est_form f;
	struct estimate_money m;
	const char *s;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&m, 0, sizeof(m));
	for (rc = 0; rc < EST_IN__MAX; rc++)
		f.in[rc] = "";
	f.preset = "";
	f.name = "";
	s = req_field(r, "spending");
	f.spending = s ? arena_cstr(&r->arena, str_trim(str_c(s))) : "";
	s = req_field(r, "could_pay");
	f.could_pay = s ? arena_cstr(&r->arena, str_trim(str_c(s))) : "";
	s = req_field(r, "rev");
	m.rev = s != NULL ? strtoll(s, NULL, 10) : 0;
	f.spending_err = money_read(r, f.spending, &m.has_spending,
	    &m.spending);
	f.could_pay_err = money_read(r, f.could_pay, &m.has_could_pay,
	    &m.could_pay);
	if (f.spending_err != NULL || f.could_pay_err != NULL) {
		f.notice = T(r, "form.err.summary");
		f.error = true;
		return est_page(r, &f, PAGE_INVALID);
	}
	rc = estimate_money_put(req_app(r)->db, r->org_id, r->auth.user_id,
	    &m, account_now());
	if (rc == ESTIMATE_STALE) {
		f.notice = T(r, "est.stale");
		f.error = true;
		return est_page(r, &f, 409);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/estimate?money=1#money", r->org_id));
}

int
page_estimate_delete(struct req *r)
{
	int rc = estimate_delete(req_app(r)->db, r->org_id, r->auth.user_id,
	    req_param_id(r, "id"));

	if (rc == ESTIMATE_NONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/estimate#saved", r->org_id));
}

/* ---- the risk register's field ------------------------------------------- */

void
page_estimate_select(struct page *p, const char *name, const char *label,
    const char *help, const char *value, const char *err)
{
	struct req *r = p->r;
	struct estimate_saved *v = NULL;
	struct db_conn *c;
	size_t n = 0, i;
	const char *id = arena_printf(&r->arena, "f-%s", name);
	int rc;

	c = db_acquire(req_app(r)->db);
	rc = estimate_list(c, &r->arena, r->org_id, &v, &n);
	db_release(req_app(r)->db, c);
	if (rc != DB_OK)
		n = 0;
	html_open(&p->h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(&p->h, "label", label, "for", id, NULL);
	if (help != NULL && help[0] != '\0')
		html_elem(&p->h, "p", help, "class", "help", NULL);
	if (err != NULL)
		html_elem(&p->h, "p", err, "class", "field-msg", "id",
		    arena_printf(&r->arena, "e-%s", name), NULL);
	html_open(&p->h, "select", "name", name, "id", id, "aria-invalid",
	    err ? "true" : NULL, "aria-describedby", err ? arena_printf(
	    &r->arena, "e-%s", name) : NULL, NULL);
	html_elem(&p->h, "option", T(r, "est.none"), "value", "", NULL);
	for (i = 0; i < n; i++) {
		const char *k = arena_printf(&r->arena, "%" PRId64, v[i].id);

		html_elem(&p->h, "option", arena_printf(&r->arena, "%s (%s)",
		    v[i].name, yen_text(r, v[i].total)), "value", k,
		    "selected", value != NULL && strcmp(value, k) == 0 ? "" :
		    NULL, NULL);
	}
	/* a value that names none of them stays, to be shown refused */
	if (value != NULL && value[0] != '\0') {
		for (i = 0; i < n; i++)
			if (strcmp(value, arena_printf(&r->arena, "%" PRId64,
			    v[i].id)) == 0)
				break;
		if (i == n)
			html_elem(&p->h, "option", value, "value", value,
			    "selected", "", NULL);
	}
	html_close(&p->h);
	html_elem(&p->h, "a", T(r, "est.open_calc"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/estimate", r->org_id), "class",
	    "help", NULL);
	html_close(&p->h);
}

void
page_estimate_risk_row(struct page *p, int64_t id)
{
	struct req *r = p->r;
	struct estimate_saved s;
	struct db_conn *c;
	int rc;

	if (id <= 0)
		return;
	c = db_acquire(req_app(r)->db);
	rc = estimate_get(c, &r->arena, r->org_id, id, &s);
	db_release(req_app(r)->db, c);
	html_open(&p->h, "section", "class", "panel", "id", "risk-estimate",
	    NULL);
	html_elem(&p->h, "h2", T(r, "est.risk_title"), NULL);
	if (rc != DB_OK) {
		html_elem(&p->h, "p", T(r, "est.risk_gone"), "class", "help",
		    NULL);
		html_close(&p->h);
		return;
	}
	html_open(&p->h, "p", NULL);
	html_elem(&p->h, "a", s.name, "href", arena_printf(&r->arena,
	    "/o/%" PRId64 "/estimate?id=%" PRId64 "#result", r->org_id, s.id),
	    NULL);
	html_text(&p->h, T(r, "reg.sep"));
	html_elem(&p->h, "strong", yen_text(r, s.total), "id",
	    "risk-estimate-total", NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/* ---- the API ---------------------------------------------------------- */

static void
saved_json(struct req *r, struct buf *b, const struct estimate_saved *s,
    bool lines)
{
	const struct damage_preset *pr = damage_preset_find(pack(r),
	    s->preset);
	struct estimate_result res;
	char share[32];
	size_t i;
	int k;

	buf_printf(b, "{\"id\": %" PRId64 ", \"name\": ", s->id);
	esc_json(b, str_c(s->name));
	buf_adds(b, ", \"preset\": ");
	esc_json(b, str_c(s->preset));
	buf_adds(b, ", \"inputs\": {");
	for (k = 0; k < EST_IN__MAX; k++)
		buf_printf(b, "%s\"%s\": %lld", k ? ", " : "",
		    estimate_in_key((enum estimate_input)k), s->in[k]);
	buf_printf(b, "}, \"total_yen\": %lld", s->total);
	if (pr != NULL) {
		estimate_run(&pr->p, s->in, &res);
		estimate_ppm_fraction(res.share_ppm, share, sizeof(share));
		buf_printf(b, ", \"share_of_sales\": %s", share);
		if (lines) {
			buf_adds(b, ", \"lines\": [");
			for (i = 0; i < res.n; i++)
				buf_printf(b, "%s{\"category\": \"%s\", "
				    "\"yen\": %lld}", i ? ", " : "",
				    estimate_cat_key(res.line[i].cat),
				    res.line[i].yen);
			buf_adds(b, "]");
		}
	}
	buf_printf(b, ", \"rev\": %" PRId64 ", \"updated_at\": %" PRId64
	    ", \"updated_by\": ", s->rev, s->updated_at);
	esc_json(b, str_c(s->updated_by));
	buf_adds(b, "}");
}

int
page_api_estimates(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct estimate_saved *v = NULL, worst;
	struct estimate_money m;
	struct db_conn *c;
	size_t n = 0, i;
	int rc, rw = DB_DONE;

	c = db_acquire(db);
	rc = estimate_list(c, &r->arena, r->org_id, &v, &n);
	if (rc == DB_OK)
		rc = estimate_money_get(c, r->org_id, &m);
	if (rc == DB_OK && (rw = estimate_worst(c, r->org_id, &r->arena,
	    &worst)) < 0)
		rc = rw;
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"estimates\": [");
	for (i = 0; i < n; i++) {
		buf_adds(&r->out, i ? ",\n  " : "\n  ");
		saved_json(r, &r->out, &v[i], true);
	}
	buf_adds(&r->out, "],\n \"worst\": ");
	if (rw == DB_OK)
		buf_printf(&r->out, "%" PRId64, worst.id);
	else
		buf_adds(&r->out, "null");
	buf_adds(&r->out, ",\n \"money\": {\"spending_yen\": ");
	if (m.has_spending)
		buf_printf(&r->out, "%lld", m.spending);
	else
		buf_adds(&r->out, "null");
	buf_adds(&r->out, ", \"could_pay_yen\": ");
	if (m.has_could_pay)
		buf_printf(&r->out, "%lld", m.could_pay);
	else
		buf_adds(&r->out, "null");
	buf_printf(&r->out, ", \"rev\": %" PRId64 "}}\n", m.rev);
	return page_json(r, 200);
}

/* {"errors": [{"field", "code", "message"}…]} with status. */
static int
api_errors(struct req *r, int status, const char *const *field,
    const char *const *code, const char *const *msg, size_t n)
{
	size_t i;

	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [");
	for (i = 0; i < n; i++) {
		buf_adds(&r->out, i ? ", {\"field\": " : "{\"field\": ");
		esc_json(&r->out, str_c(field[i]));
		buf_adds(&r->out, ", \"code\": ");
		esc_json(&r->out, str_c(code[i]));
		buf_adds(&r->out, ", \"message\": ");
		esc_json(&r->out, str_c(msg[i]));
		buf_adds(&r->out, "}");
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, status);
}

/* A member as text: a string as it is, a whole number in decimal; NULL
 * when absent or null; "\x01" when of another type. */
static const char *
member_text(struct req *r, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return arena_cstr(&r->arena, str_c(json_string_value(v)));
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(&r->arena, "%g", json_real_value(v));
	return "\x01";
}

/* POST {"name", "preset", "sales", "staff", "records", "days"}: save a
 * new estimate; an input left out is the preset's own.  201 with it and
 * its lines; 422 naming every field that is wrong. */
int
page_api_estimates_post(struct req *r)
{
	const char *field[EST_IN__MAX + 3], *code[EST_IN__MAX + 3],
	    *msg[EST_IN__MAX + 3];
	struct estimate_saved s;
	struct est_form f;
	struct db_conn *c;
	json_error_t je;
	json_t *o;
	size_t nerr = 0;
	int64_t id;
	int k, rc;

	o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(o)) {
		json_decref(o);
		field[0] = "";
		code[0] = "wrong_type";
		msg[0] = T(r, "est.err.json");
		return api_errors(r, 400, field, code, msg, 1);
	}
	memset(&f, 0, sizeof(f));
	f.preset = member_text(r, o, "preset");
	f.name = member_text(r, o, "name");
	for (k = 0; k < EST_IN__MAX; k++)
		f.in[k] = member_text(r, o, estimate_in_key(
		    (enum estimate_input)k));
	json_decref(o);
	if (f.preset == NULL || f.preset[0] == '\x01')
		f.preset = "";
	f.dp = damage_preset_find(pack(r), f.preset);
	if (f.dp == NULL) {
		field[nerr] = "preset";
		code[nerr] = f.preset[0] == '\0' ? "required" : "unknown_key";
		msg[nerr++] = T(r, "form.err.choose");
	}
	for (k = 0; k < EST_IN__MAX; k++) {
		enum estimate_err e = EST_OK;

		if (f.in[k] == NULL) {
			if (f.dp != NULL)
				f.v[k] = f.dp->p.in[k];
			continue;
		}
		if (f.in[k][0] == '\x01')
			e = EST_E_NOT_NUMBER;
		else
			e = estimate_parse((enum estimate_input)k, f.in[k],
			    &f.v[k]);
		if (e != EST_OK) {
			field[nerr] = estimate_in_key((enum estimate_input)k);
			code[nerr] = estimate_err_key(e);
			msg[nerr++] = err_text(r, (enum estimate_input)k, e);
		}
	}
	if (f.name == NULL || f.name[0] == '\x01')
		f.name = f.name == NULL ? "" : "\x01";
	else
		f.name = arena_cstr(&r->arena, str_trim(str_c(f.name)));
	if ((f.name_err = name_error(r, f.name)) != NULL) {
		field[nerr] = "name";
		code[nerr] = f.name[0] == '\0' ? "required" : "bad_name";
		msg[nerr++] = f.name_err;
	}
	if (nerr > 0)
		return api_errors(r, PAGE_INVALID, field, code, msg, nerr);
	estimate_run(&f.dp->p, f.v, &f.res);
	memset(&s, 0, sizeof(s));
	s.name = f.name;
	s.preset = f.dp->p.key;
	for (k = 0; k < EST_IN__MAX; k++)
		s.in[k] = f.v[k];
	s.total = f.res.total;
	rc = estimate_save(req_app(r)->db, r->org_id, r->auth.user_id, &s,
	    account_now(), &id);
	if (rc != DB_OK)
		return 503;
	c = db_acquire(req_app(r)->db);
	rc = estimate_get(c, &r->arena, r->org_id, id, &s);
	db_release(req_app(r)->db, c);
	if (rc != DB_OK)
		return 503;
	buf_reset(&r->out);
	saved_json(r, &r->out, &s, true);
	buf_addc(&r->out, '\n');
	return page_json(r, 201);
}
