#include "report/final_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/num.h"
#include "model/appi.h"
#include "model/plan.h"
#include "report/reg_review_doc.h"

static const char *
U(const struct final_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

static const char *
TR(const struct final_doc_in *in, const struct tr *t)
{
	return t->t[in->lang] != NULL ? t->t[in->lang] : "";
}

static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "—";
}

/* U(key) with "{k}" replaced by v. */
static const char *
U_sub(struct doc *d, const struct final_doc_in *in, const char *key,
    const char *k, const char *v)
{
	const char *t = U(in, key), *at;
	char mark[32];

	snprintf(mark, sizeof(mark), "{%s}", k);
	if ((at = strstr(t, mark)) == NULL)
		return t;
	return doc_printf(d, "%.*s%s%s", (int)(at - t), t, v,
	    at + strlen(mark));
}

/* The JST day of Unix time t. */
static const char *
day_of(struct doc *d, int64_t t)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return doc_printf(d, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* "+3.2", "−1.0", "±0" of a change in tenths, as the results page. */
static const char *
delta(struct arena *a, long t)
{
	if (t == 0)
		return "±0";
	return arena_printf(a, "%s%s", t > 0 ? "+" : "−",
	    num_tenths_a(a, labs(t)));
}

/* Whether closed round x comes before y: by the time it closed, then by
 * id. */
static bool
closed_before(const struct round *x, const struct round *y)
{
	return x->closed_at != y->closed_at ? x->closed_at < y->closed_at :
	    x->id < y->id;
}

void
final_pick_rounds(const struct round *rounds, size_t n, const char *first_day,
    const struct round **before, const struct round **after)
{
	const struct round *upto = NULL, *later = NULL;
	size_t k;

	*before = *after = NULL;
	for (k = 0; k < n; k++) {
		const struct round *rd = &rounds[k];
		struct appi_day d;
		char day[16];

		if (rd->open || rd->closed_at == 0)
			continue;
		if (*after == NULL || closed_before(*after, rd))
			*after = rd;
		d = appi_day_of(rd->closed_at);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", d.y, d.m, d.d);
		if (first_day[0] != '\0' && strcmp(day, first_day) <= 0) {
			if (upto == NULL || closed_before(upto, rd))
				upto = rd;
		} else if (later == NULL || closed_before(rd, later))
			later = rd;
	}
	*before = upto != NULL ? upto : later;
}

/* Round rd's answers computed into fd. */
static int
diag_of(struct db_conn *c, struct arena *a, int64_t org,
    const struct round *rd, struct final_diag *fd)
{
	struct diag_resp *resp;
	size_t n;
	int rc;

	if ((rc = round_answers(c, a, rd->id, org, &resp, &n)) != 0)
		return rc;
	fd->has = true;
	fd->round = *rd;
	diag_compute(resp, n, &fd->res);
	return 0;
}

int
final_doc_read(struct db_conn *c, struct arena *a,
    const struct final_doc_in *in, int64_t org, struct final_facts *out,
    char *err, size_t errlen)
{
	const struct register_env *env = &in->ct->regenv;
	const struct round *first_on = NULL, *latest = NULL;
	struct round *rounds;
	struct policy_version *pv;
	struct register_row *regs;
	size_t nr, np, k;
	int rc, fa, fs;

	memset(out, 0, sizeof(*out));
	rc = engagement_read(c, a, org, &out->ev);
	if (rc == ENGAGEMENT_NONE) {
		snprintf(err, errlen, "no engagement");
		return REPORT_ERR_NOT_FOUND;
	}
	if (rc != DB_OK)
		goto db;
	if ((out->p = programme_find(in->ct, out->ev.e.tmpl)) == NULL) {
		snprintf(err, errlen, "no template '%s'", out->ev.e.tmpl);
		return REPORT_ERR_NOT_FOUND;
	}
	if (org_get(c, a, org, &out->o) != 0)
		goto db;

	/* the diagnoses: the one the programme starts from, the latest */
	if (round_list(c, a, org, &rounds, &nr) != 0)
		goto db;
	final_pick_rounds(rounds, nr, out->ev.nvisits > 0 ?
	    engagement_visit_day(&out->ev.visit[0]) : "", &first_on,
	    &latest);
	if (first_on != NULL && diag_of(c, a, org, first_on,
	    &out->before) != 0)
		goto db;
	if (latest != NULL && diag_of(c, a, org, latest, &out->after) != 0)
		goto db;

	/* the policy: the latest approved version and its publication */
	if (policy_list(c, a, org, &pv, &np) != DB_OK)
		goto db;
	for (k = 0; k < np; k++)
		if (pv[k].approved_at != 0)
			break;
	if (k < np) {
		if (policy_get(c, a, org, pv[k].version, &out->policy) !=
		    DB_OK)
			goto db;
		out->has_policy = true;
	}
	if (policy_pub_get(c, a, org, &out->pub) != DB_OK)
		goto db;

	/* the regulations review */
	if (register_list(c, env, register_of(REGISTER_REGULATIONS), org, a,
	    &regs, &out->nreg) != DB_OK)
		goto db;
	reg_review_doc_states(regs, out->nreg, out->reg_st);

	/* the action plan, by area */
	if (register_list(c, env, register_of(REGISTER_PLAN), org, a,
	    &out->plan, &out->nplan) != DB_OK)
		goto db;
	fa = register_field(register_of(REGISTER_PLAN), "area");
	fs = register_field(register_of(REGISTER_PLAN), "status");
	for (k = 0; k < out->nplan; k++) {
		const struct register_val *av = &out->plan[k].v[fa];
		const struct register_val *sv = &out->plan[k].v[fs];

		if (!av->set || av->i < 0 || av->i >= PLAN_AREA__MAX)
			continue;
		out->plan_total[av->i]++;
		out->plan_done[av->i] += sv->set && sv->i == PLAN_DONE;
	}
	return REPORT_OK;
db:
	snprintf(err, errlen, "the database failed");
	return REPORT_ERR_DB;
}

/* A table of label · value rows: n rows of kv[2*i], kv[2*i+1]. */
static void
kv_table(const struct final_doc_in *in, struct doc *d, struct doc_section *s,
    const char *const *kv, size_t n)
{
	struct doc_block *b = doc_table(d, s, 2, n);
	size_t i;

	doc_col(d, &b->tab, 0, U(in, "prog.fin.item"), 35, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "prog.fin.value"), 65, DOC_LEFT);
	for (i = 0; i < n; i++) {
		doc_set_text(d, &b->tab, i, 0, kv[2 * i]);
		doc_set_text(d, &b->tab, i, 1, or_dash(kv[2 * i + 1]));
	}
}

static const char *
choice_label(const struct final_doc_in *in, const struct choices *cs,
    const char *key)
{
	const struct choice *ch;

	if (key == NULL || key[0] == '\0' || (ch = choices_find(cs, key)) ==
	    NULL)
		return "";
	return TR(in, &ch->label);
}

static void
sec_profile(const struct final_doc_in *in, const struct final_facts *fx,
    struct doc *d)
{
	const struct engagement_view *ev = &fx->ev;
	struct doc_section *s = doc_section(d, U(in, "prog.fin.profile"), NULL,
	    false);
	const char *kv[] = {
		U(in, "prog.pdf.company"), fx->o.name,
		U(in, "org.industry"), choice_label(in,
		    &in->ct->org.industries, fx->o.industry),
		U(in, "org.employees"), choice_label(in,
		    &in->ct->org.employees, fx->o.employees),
		U(in, "org.prefecture"), choice_label(in,
		    &in->ct->org.prefectures, fx->o.prefecture),
		U(in, "prog.advisor"), ev->e.advisor_email,
		U(in, "prog.template"), TR(in, &fx->p->title),
		U(in, "prog.fin.opened"), day_of(d, ev->e.created_at),
	};

	kv_table(in, d, s, kv, sizeof(kv) / sizeof(kv[0]) / 2);
}

static void
sec_visits(const struct final_doc_in *in, const struct final_facts *fx,
    struct arena *a, struct doc *d)
{
	const struct engagement_view *ev = &fx->ev;
	struct doc_section *s = doc_section(d, U(in, "prog.fin.visits"), NULL,
	    false);
	struct doc_block *b;
	size_t i, k, nheld = 0;

	for (i = 0; i < ev->nvisits; i++)
		nheld += ev->visit[i].held[0] != '\0';
	doc_heading(d, s, 2, U(in, "prog.fin.held"));
	if (nheld == 0)
		doc_text(d, s, U(in, "prog.fin.none_held"));
	else {
		b = doc_table(d, s, 4, nheld);
		doc_col(d, &b->tab, 0, U(in, "prog.visit"), 22, DOC_LEFT);
		doc_col(d, &b->tab, 1, U(in, "prog.visit.held"), 16,
		    DOC_LEFT);
		doc_col(d, &b->tab, 2, U(in, "prog.visit.mode"), 14,
		    DOC_LEFT);
		doc_col(d, &b->tab, 3, U(in, "prog.visit.attendees"), 48,
		    DOC_LEFT);
		for (i = 0, k = 0; i < ev->nvisits; i++) {
			const struct engagement_visit *v = &ev->visit[i];

			if (v->held[0] == '\0')
				continue;
			doc_set_text(d, &b->tab, k, 0, v->n >= 1 &&
			    (size_t)v->n <= fx->p->nvisits ?
			    TR(in, &fx->p->visit[v->n - 1].title) :
			    doc_printf(d, "%d", v->n));
			doc_set_text(d, &b->tab, k, 1, v->held);
			doc_set_text(d, &b->tab, k, 2, U(in,
			    v->mode == ENG_ONLINE ? "prog.mode.online" :
			    "prog.mode.on_site"));
			doc_set_text(d, &b->tab, k, 3, or_dash(v->attendees));
			k++;
		}
	}
	doc_heading(d, s, 2, U(in, "prog.fin.planned"));
	if (nheld == ev->nvisits)
		doc_text(d, s, U(in, "prog.fin.none_planned"));
	else {
		b = doc_table(d, s, 2, ev->nvisits - nheld);
		doc_col(d, &b->tab, 0, U(in, "prog.visit"), 50, DOC_LEFT);
		doc_col(d, &b->tab, 1, U(in, "prog.visit.planned"), 50,
		    DOC_LEFT);
		for (i = 0, k = 0; i < ev->nvisits; i++) {
			const struct engagement_visit *v = &ev->visit[i];

			if (v->held[0] != '\0')
				continue;
			doc_set_text(d, &b->tab, k, 0, v->n >= 1 &&
			    (size_t)v->n <= fx->p->nvisits ?
			    TR(in, &fx->p->visit[v->n - 1].title) :
			    arena_printf(a, "%d", v->n));
			doc_set_text(d, &b->tab, k, 1, v->planned);
			k++;
		}
	}
}

static void
sec_diagnosis(const struct final_doc_in *in, const struct final_facts *fx,
    struct arena *a, struct doc *d)
{
	const struct final_diag *b4 = &fx->before, *af = &fx->after;
	const struct diag_pack *dp = &in->ct->diag;
	struct doc_section *s = doc_section(d, U(in, "prog.fin.diagnosis"),
	    NULL, false);
	bool two = b4->has && af->has && b4->round.id != af->round.id;
	struct doc_block *b;
	size_t k;

	if (!af->has) {
		doc_text(d, s, U(in, "prog.fin.no_diagnosis"));
		return;
	}
	doc_text(d, s, U(in, "prog.fin.diag_rule"));
	b = doc_table(d, s, two ? 4 : 2, 3 + DIAG_PARTS);
	doc_col(d, &b->tab, 0, U(in, "prog.fin.item"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 1, two ? U(in, "prog.fin.before") :
	    U(in, "prog.fin.only"), 20, DOC_RIGHT);
	if (two) {
		doc_col(d, &b->tab, 2, U(in, "prog.fin.after"), 20, DOC_RIGHT);
		doc_col(d, &b->tab, 3, U(in, "prog.fin.change"), 20,
		    DOC_RIGHT);
	}
	/* the rounds: title and the day each closed */
	doc_set_text(d, &b->tab, 0, 0, U(in, "prog.fin.round"));
	doc_set_text(d, &b->tab, 0, 1, doc_printf(d, "%s (%s)",
	    (two ? b4 : af)->round.title, day_of(d, (two ? b4 :
	    af)->round.closed_at)));
	if (two)
		doc_set_text(d, &b->tab, 0, 2, doc_printf(d, "%s (%s)",
		    af->round.title, day_of(d, af->round.closed_at)));
	doc_set_text(d, &b->tab, 1, 0, U(in, "prog.fin.company_score"));
	doc_set_text(d, &b->tab, 1, 1, num_tenths_a(a, (two ? b4 :
	    af)->res.company_tenths));
	if (two) {
		doc_set_text(d, &b->tab, 1, 2, num_tenths_a(a,
		    af->res.company_tenths));
		doc_set_text(d, &b->tab, 1, 3, delta(a,
		    af->res.company_tenths - b4->res.company_tenths));
	}
	for (k = 0; k < DIAG_PARTS; k++) {
		size_t row = 2 + k;

		doc_set_text(d, &b->tab, row, 0, TR(in, &dp->part_title[k]));
		doc_set_text(d, &b->tab, row, 1, num_tenths_a(a, (two ? b4 :
		    af)->res.part_on100_tenths[k]));
		if (two) {
			doc_set_text(d, &b->tab, row, 2, num_tenths_a(a,
			    af->res.part_on100_tenths[k]));
			doc_set_text(d, &b->tab, row, 3, delta(a,
			    af->res.part_on100_tenths[k] -
			    b4->res.part_on100_tenths[k]));
		}
	}
	doc_set_text(d, &b->tab, 2 + DIAG_PARTS, 0,
	    U(in, "prog.fin.respondents"));
	doc_set_text(d, &b->tab, 2 + DIAG_PARTS, 1, doc_printf(d, "%d",
	    (two ? b4 : af)->res.n));
	if (two)
		doc_set_text(d, &b->tab, 2 + DIAG_PARTS, 2, doc_printf(d,
		    "%d", af->res.n));
	if (!two)
		doc_note(d, s, U(in, "prog.fin.one_diagnosis"));
	doc_note(d, s, U(in, "prog.fin.score_note"));
}

static void
sec_policy(const struct final_doc_in *in, const struct final_facts *fx,
    struct doc *d)
{
	struct doc_section *s = doc_section(d, U(in, "prog.fin.policy"), NULL,
	    false);
	const char *kv[6];

	if (!fx->has_policy) {
		doc_text(d, s, U(in, "prog.fin.no_policy"));
		return;
	}
	kv[0] = U(in, "prog.fin.approved_on");
	kv[1] = doc_printf(d, "%s (%s)", day_of(d, fx->policy.approved_at),
	    U_sub(d, in, "prog.fin.version", "n", doc_printf(d, "%d",
	    fx->policy.version)));
	kv[2] = U(in, "prog.fin.published");
	kv[3] = fx->pub.published ? doc_printf(d, "%s (%s)",
	    U(in, "prog.fin.yes"), day_of(d, fx->pub.published_at)) :
	    U(in, "prog.fin.not_published");
	kv[4] = U(in, "prog.fin.address");
	kv[5] = fx->pub.published && fx->pub.slug != NULL ? doc_printf(d,
	    "%s/p/%s/policy", in->base_url, fx->pub.slug) : "";
	kv_table(in, d, s, kv, 3);
}

static void
sec_regs(const struct final_doc_in *in, const struct final_facts *fx,
    struct doc *d)
{
	const struct reg_pack *rp = &in->ct->regs;
	struct doc_section *s = doc_section(d, U(in, "prog.fin.regs"), NULL,
	    false);
	struct doc_block *b;
	size_t k;

	if (fx->nreg == 0) {
		doc_text(d, s, U(in, "prog.fin.no_regs"));
		return;
	}
	b = doc_table(d, s, 3, REG_AREA__MAX);
	doc_col(d, &b->tab, 0, "#", 6, DOC_RIGHT);
	doc_col(d, &b->tab, 1, U(in, "prog.fin.area"), 60, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "prog.fin.status"), 34, DOC_LEFT);
	for (k = 0; k < REG_AREA__MAX; k++) {
		doc_set_text(d, &b->tab, k, 0, doc_printf(d, "%d",
		    rp->area[k].number));
		doc_set_text(d, &b->tab, k, 1, TR(in, &rp->area[k].label));
		doc_set_text(d, &b->tab, k, 2, TR(in,
		    &rp->status[fx->reg_st[k]].label));
	}
}

static void
sec_plan(const struct final_doc_in *in, const struct final_facts *fx,
    struct doc *d)
{
	const struct plan_pack *pp = &in->ct->plan;
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	int fa = register_field(pl, "area"), fs = register_field(pl, "status");
	int fm = register_field(pl, "measure");
	struct doc_section *s = doc_section(d, U(in, "prog.fin.plan"), NULL,
	    false);
	struct doc_block *b;
	size_t k, ar, done = 0, total = 0, r;

	for (ar = 0; ar < PLAN_AREA__MAX; ar++) {
		done += fx->plan_done[ar];
		total += fx->plan_total[ar];
	}
	if (total == 0) {
		doc_text(d, s, U(in, "prog.fin.no_plan"));
		return;
	}
	doc_text(d, s, U_sub(d, in, "prog.fin.plan_done", "done",
	    doc_printf(d, "%zu/%zu", done, total)));
	b = doc_table(d, s, 2, PLAN_AREA__MAX);
	doc_col(d, &b->tab, 0, U(in, "prog.fin.area"), 60, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "prog.fin.done_total"), 40, DOC_RIGHT);
	for (ar = 0; ar < PLAN_AREA__MAX; ar++) {
		doc_set_text(d, &b->tab, ar, 0, TR(in, &pp->area[ar].label));
		doc_set_text(d, &b->tab, ar, 1, doc_printf(d, "%zu/%zu",
		    fx->plan_done[ar], fx->plan_total[ar]));
	}
	doc_heading(d, s, 2, U(in, "prog.fin.plan_rows"));
	b = doc_table(d, s, 3, total);
	doc_col(d, &b->tab, 0, U(in, "prog.fin.area"), 20, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "prog.fin.measure"), 60, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "prog.fin.status"), 20, DOC_LEFT);
	for (ar = 0, r = 0; ar < PLAN_AREA__MAX; ar++)
		for (k = 0; k < fx->nplan; k++) {
			const struct register_row *row = &fx->plan[k];
			const struct register_val *sv = &row->v[fs];

			if (!row->v[fa].set || row->v[fa].i != (int64_t)ar)
				continue;
			doc_set_text(d, &b->tab, r, 0, TR(in,
			    &pp->area[ar].label));
			doc_set_text(d, &b->tab, r, 1, or_dash(row->v[fm].s));
			doc_set_text(d, &b->tab, r, 2, sv->set && sv->i >= 0 &&
			    sv->i < PLAN_STATUS__MAX ? TR(in,
			    &pp->status[sv->i].label) : "—");
			r++;
		}
}

static void
sec_two_star(const struct final_doc_in *in, const struct final_facts *fx,
    struct doc *d)
{
	const struct engagement *e = &fx->ev.e;
	struct doc_section *s = doc_section(d, U(in, "prog.fin.two_star"),
	    NULL, false);

	if (e->two_star_done[0] != '\0')
		doc_text(d, s, U_sub(d, in, "prog.final.done_on", "day",
		    e->two_star_done));
	else if (e->two_star_planned[0] != '\0')
		doc_text(d, s, U_sub(d, in, "prog.final.planned_on", "day",
		    e->two_star_planned));
	else
		doc_text(d, s, U(in, "prog.final.not_yet"));
}

static void
sec_deliverables(const struct final_doc_in *in,
    const struct final_facts *fx, struct doc *d)
{
	const struct programme *p = fx->p;
	struct doc_section *s = doc_section(d, U(in, "prog.deliv.title"),
	    NULL, false);
	struct doc_block *b;
	size_t i, k;

	if (p->ndeliv == 0) {
		doc_text(d, s, U(in, "prog.fin.no_deliverables"));
		return;
	}
	b = doc_table(d, s, 2, p->ndeliv);
	doc_col(d, &b->tab, 0, U(in, "prog.deliv.name"), 65, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "prog.deliv.state"), 35, DOC_LEFT);
	for (i = 0; i < p->ndeliv; i++) {
		enum engagement_dstate st = ENG_D_NOT_STARTED;

		for (k = 0; k < fx->ev.ndeliv; k++)
			if (strcmp(fx->ev.deliv[k].key, p->deliv[i].key) == 0)
				st = fx->ev.deliv[k].state;
		doc_set_text(d, &b->tab, i, 0, TR(in, &p->deliv[i].label));
		doc_set_text(d, &b->tab, i, 1, U(in, doc_printf(d,
		    "prog.dstate.%s", engagement_dstate_key(st))));
	}
}

void
final_doc_build(const struct final_doc_in *in, const struct final_facts *fx,
    struct arena *a, struct doc *d)
{
	struct doc_section *s;

	doc_init(d, a, lang_key(in->lang), U(in, "prog.fin.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "prog.fin.title"));
	sec_profile(in, fx, d);
	sec_visits(in, fx, a, d);
	sec_diagnosis(in, fx, a, d);
	sec_policy(in, fx, d);
	sec_regs(in, fx, d);
	sec_plan(in, fx, d);
	sec_two_star(in, fx, d);
	sec_deliverables(in, fx, d);
	s = doc_section(d, U(in, "prog.final.summary"), NULL, false);
	doc_text(d, s, fx->ev.e.summary[0] != '\0' ? fx->ev.e.summary :
	    U(in, "prog.final.no_summary"));
}

int
final_doc_file(struct db_conn *c, struct arena *a,
    const struct final_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct final_facts *fx;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the final report is a pdf");
		return REPORT_ERR_VIEW;
	}
	fx = arena_alloc(a, sizeof(*fx));
	if ((rc = final_doc_read(c, a, in, org, fx, err, errlen)) !=
	    REPORT_OK)
		return rc;
	final_doc_build(in, fx, a, &d);
	return report_render(&d, REPORT_PDF, out, err, errlen);
}
