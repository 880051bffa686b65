/*
 * page_sa: SECURITY ACTION readiness — the five principles the company
 * records, what each star still needs, and, once it is ready, what the
 * company needs for its own declaration.  mamori contacts no outside site.
 */
#include <inttypes.h>
#include <string.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/office.h"
#include "model/org.h"
#include "model/readiness.h"
#include "pages/pages.h"

static const char *const sa_field[SA__MAX] = {
	[SA_UPDATES] = "p_updates",
	[SA_ANTIVIRUS] = "p_antivirus",
	[SA_PASSWORDS] = "p_passwords",
	[SA_SHARING] = "p_sharing",
	[SA_THREATS] = "p_threats",
};

static int
sa_get(struct req *r, struct org *o, struct sa_state *s)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = org_get(c, &r->arena, r->org_id, o);

	if (rc == 0)
		rc = sa_load(c, &r->arena, r->org_id, s);
	db_release(db, c);
	return rc == DB_DONE ? 404 : rc != 0 ? 503 : 0;
}

/* One star's state: ready, or what is missing, linked where it can be. */
static void
star_card(struct page *p, const struct sa_state *s, int stars)
{
	struct req *r = p->r;
	bool ready = stars == 1 ? s->one_star : s->two_star;
	int k;

	html_open(&p->h, "section", "class", ready ? "panel star star-ready" :
	    "panel star", NULL);
	html_elem(&p->h, "h2", T(r, stars == 1 ? "sa.one_star" : "sa.two_star"),
	    NULL);
	html_elem(&p->h, "p", T(r, ready ? "sa.ready" : "sa.not_ready"),
	    "class", ready ? "tag tag-open" : "tag", NULL);
	if (ready)
		goto out;
	html_open(&p->h, "ul", "class", "missing", NULL);
	for (k = 0; k < SA__MAX; k++)
		if (!s->done[k])
			html_elem(&p->h, "li", TR(r,
			    &p->app->content.sa.p[k].title), NULL);
	if (stars == 2) {
		if (!s->diagnosis) {
			html_open(&p->h, "li", NULL);
			html_elem(&p->h, "a", T(r, "sa.need_diagnosis"), "href",
			    arena_printf(&r->arena, "/o/%" PRId64, r->org_id),
			    NULL);
			html_close(&p->h);
		}
		if (!s->policy) {
			html_open(&p->h, "li", NULL);
			html_elem(&p->h, "a", T(r, "sa.need_policy"), "href",
			    arena_printf(&r->arena, "/o/%" PRId64 "/policy",
			    r->org_id), NULL);
			html_close(&p->h);
		}
		if (!s->policy_published) {
			html_open(&p->h, "li", NULL);
			html_elem(&p->h, "a", T(r, "sa.need_published"), "href",
			    arena_printf(&r->arena, "/o/%" PRId64 "/policy",
			    r->org_id), NULL);
			html_close(&p->h);
		}
	}
	html_close(&p->h);
out:
	html_close(&p->h);
}

/* Before the stars: which principles recorded as done the company's own
 * diagnosis contradicts, and against which round. */
static void
contra_summary(struct page *p, const struct sa_state *s)
{
	struct req *r = p->r;
	const struct sa_pack *sp = &p->app->content.sa;
	int k;

	html_open(&p->h, "section", "class", "notice notice-error contra",
	    "role", "alert", NULL);
	html_elem(&p->h, "h2", T(r, "sa.contra.summary_title"), NULL);
	html_elem(&p->h, "p", T(r, "sa.contra.summary"), NULL);
	html_open(&p->h, "ul", NULL);
	for (k = 0; k < SA__MAX; k++) {
		if (!s->check[k].contradicted)
			continue;
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", TR(r, &sp->p[k].title), "href",
		    arena_printf(&r->arena, "#p-%s",
		    sa_key((enum sa_principle)k)), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_open(&p->h, "p", "class", "help", NULL);
	html_text(&p->h, T(r, "sa.contra.round"));
	html_elem(&p->h, "a", s->check_title[0] ? s->check_title :
	    Tn(r, "audit.d.round", (long)s->check_round, 0), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/rounds/%" PRId64
	    "/results", r->org_id, s->check_round), NULL);
	html_close(&p->h);
	html_close(&p->h);
}

/* Beside a principle: what the diagnosis says, and what to do. */
static void
contra_note(struct page *p, const struct sa_state *s, int k)
{
	struct req *r = p->r;
	const struct sa_pack *sp = &p->app->content.sa;
	const struct sa_check *ck = &s->check[k];
	int item = sp->p[k].item;

	html_open(&p->h, "div", "class", "notice notice-error contra",
	    "role", "note", NULL);
	html_elem(&p->h, "strong", T(r, "sa.contra.title"), NULL);
	html_elem(&p->h, "p", arena_printf(&r->arena, "%s「%s」: %s",
	    Tn(r, "sa.contra.item", item, 0), TR(r,
	    &p->app->content.diag.item[item - 1].shrt), Tn(r,
	    "sa.contra.answers", ck->weak, ck->answers)), NULL);
	html_elem(&p->h, "p", T(r, "sa.contra.todo"), NULL);
	html_close(&p->h);
}

/* What the company needs at hand to declare, once one star is ready. */
static void
declaration(struct page *p, const struct org *o, const struct sa_state *s)
{
	struct req *r = p->r;
	const struct org_pack *op = &p->app->content.org;
	const struct choice *ind = choices_find(&op->industries, o->industry);
	const struct choice *emp = choices_find(&op->employees, o->employees);
	const struct choice *pref = choices_find(&op->prefectures,
	    o->prefecture);
	int k;

	html_open(&p->h, "section", "class", "panel declaration", NULL);
	html_elem(&p->h, "h2", T(r, "sa.declare_title"), NULL);
	html_elem(&p->h, "p", T(r, "sa.declare_help"), "class", "help", NULL);
	html_open(&p->h, "dl", "class", "peer-figures", NULL);
	html_elem(&p->h, "dt", T(r, "org.name"), NULL);
	html_elem(&p->h, "dd", o->name, NULL);
	html_elem(&p->h, "dt", T(r, "org.industry"), NULL);
	html_elem(&p->h, "dd", ind ? TR(r, &ind->label) : "", NULL);
	html_elem(&p->h, "dt", T(r, "org.employees"), NULL);
	html_elem(&p->h, "dd", emp ? TR(r, &emp->label) : "", NULL);
	html_elem(&p->h, "dt", T(r, "org.prefecture"), NULL);
	html_elem(&p->h, "dd", pref ? TR(r, &pref->label) : "", NULL);
	html_close(&p->h);
	html_elem(&p->h, "h3", T(r, "sa.declare_principles"), NULL);
	html_open(&p->h, "ul", NULL);
	for (k = 0; k < SA__MAX; k++)
		html_elem(&p->h, "li", arena_printf(&r->arena, "✓ %s (%s)",
		    TR(r, &p->app->content.sa.p[k].title),
		    page_time(r, s->updated_at[k])), NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static int
sa_page(struct req *r, const int *posted, const bool *err, int status,
    const char *notice)
{
	const struct sa_pack *sp = &req_app(r)->content.sa;
	struct sa_state s;
	struct org o;
	struct page p;
	int st, k;

	if ((st = sa_get(r, &o, &s)) != 0)
		return st;
	page_begin(&p, r, T(r, "sa.title"));
	html_elem(&p.h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64, r->org_id), "class", "back", NULL);
	html_elem(&p.h, "p", o.name, "class", "org-name", NULL);
	page_h1(&p, T(r, "sa.title"));
	html_elem(&p.h, "p", T(r, "sa.intro"), "class", "lead", NULL);
	page_tr(&p, "p", "help", &sp->official);
	if (notice)
		page_notice(&p, "ok", notice);
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	if (s.contradicted)
		contra_summary(&p, &s);
	star_card(&p, &s, 1);
	star_card(&p, &s, 2);
	if (s.one_star)
		declaration(&p, &o, &s);

	html_elem(&p.h, "h2", T(r, "sa.principles"), NULL);
	if (page_can_admin(r))
		form_open(&p, arena_printf(&r->arena,
		    "/o/%" PRId64 "/security-action", r->org_id), NULL);
	for (k = 0; k < SA__MAX; k++) {
		int v = posted ? posted[k] : s.updated_at[k] ? s.done[k] : -1;
		size_t m;

		html_open(&p.h, "div", "class", "principle", "id",
		    arena_printf(&r->arena, "p-%s",
		    sa_key((enum sa_principle)k)), NULL);
		if (page_can_admin(r))
			form_yesno(&p, sa_field[k], TR(r, &sp->p[k].title),
			    TR(r, &sp->p[k].why), v, err && err[k] ?
			    T(r, "form.err.yesno") : NULL);
		else {
			html_elem(&p.h, "h3", TR(r, &sp->p[k].title), NULL);
			html_elem(&p.h, "p", T(r, s.done[k] ? "sa.done" :
			    "sa.not_done"), "class", "tag", NULL);
		}
		if (s.check[k].contradicted)
			contra_note(&p, &s, k);
		html_open(&p.h, "details", "class", "explain", NULL);
		html_elem(&p.h, "summary", T(r, "sa.howto"), NULL);
		html_open(&p.h, "ul", NULL);
		for (m = 0; m < sp->p[k].howto.n; m++)
			page_trlist(&p, "li", &sp->p[k].howto, m);
		html_close(&p.h);
		html_close(&p.h);
		html_close(&p.h);
	}
	if (page_can_admin(r)) {
		form_submit(&p, T(r, "form.save"), NULL);
		html_close(&p.h);
	}
	html_open(&p.h, "details", "class", "explain", NULL);
	html_elem(&p.h, "summary", T(r, "sa.contra.how"), NULL);
	page_tr(&p, "p", NULL, &sp->rule);
	page_tr(&p, "p", NULL, &sp->mapping);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_sa(struct req *r)
{
	return sa_page(r, NULL, NULL, 200, req_query(r, "saved") ?
	    T(r, "form.saved") : NULL);
}

int
page_sa_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int v[SA__MAX], k, rc, nerr = 0;
	bool err[SA__MAX];

	for (k = 0; k < SA__MAX; k++) {
		const char *f = req_field(r, sa_field[k]);

		v[k] = f && strcmp(f, "1") == 0 ? 1 : f && strcmp(f, "0") == 0 ?
		    0 : -1;
		err[k] = v[k] < 0;
		nerr += err[k];
	}
	if (nerr > 0)
		return sa_page(r, v, err, PAGE_INVALID, NULL);
	c = db_acquire(db);
	if ((rc = db_begin(c)) == DB_OK) {
		for (k = 0; k < SA__MAX && rc == DB_OK; k++)
			rc = sa_record(c, r->org_id, (enum sa_principle)k,
			    v[k] == 1, r->auth.user_id);
		if (rc == DB_OK)
			rc = office_refresh_org(c, NULL, r->org_id);
		if (rc == DB_OK) {
			audit(c, r->org_id, r->auth.user_id,
			    AUDIT_SA_UPDATED, "", req_addr(r));
			rc = db_commit(c);
		} else
			db_rollback(c);
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/security-action?saved=1", r->org_id));
}

/* GET /api/v1/orgs/{org}/security-action */
int
page_api_sa(struct req *r)
{
	struct sa_state s;
	struct org o;
	int st, star, k;

	if ((st = sa_get(r, &o, &s)) != 0)
		return st;
	buf_adds(&r->out, "{");
	for (star = 1; star <= 2; star++) {
		const char *sep = "";

		buf_printf(&r->out, "%s\"%s\": {\"ready\": %s, \"missing\": [",
		    star == 1 ? "" : ", ", star == 1 ? "one_star" : "two_star",
		    (star == 1 ? s.one_star : s.two_star) ? "true" : "false");
		for (k = 0; k < SA__MAX; k++)
			if (!s.done[k]) {
				buf_printf(&r->out, "%s\"%s\"", sep,
				    sa_key((enum sa_principle)k));
				sep = ", ";
			}
		if (star == 2) {
			if (!s.diagnosis) {
				buf_printf(&r->out, "%s\"%s\"", sep,
				    sa_missing_key(SAM_DIAGNOSIS));
				sep = ", ";
			}
			if (!s.policy) {
				buf_printf(&r->out, "%s\"%s\"", sep,
				    sa_missing_key(SAM_POLICY));
				sep = ", ";
			}
			if (!s.policy_published)
				buf_printf(&r->out, "%s\"%s\"", sep,
				    sa_missing_key(SAM_POLICY_PUBLISHED));
		}
		buf_adds(&r->out, "]}");
	}
	/* Each principle, and what the latest diagnosis says about it. */
	if (s.check_round > 0)
		buf_printf(&r->out, ", \"diagnosis_round\": %" PRId64,
		    s.check_round);
	else
		buf_adds(&r->out, ", \"diagnosis_round\": null");
	buf_printf(&r->out, ", \"contradicted\": %s, \"principles\": [",
	    s.contradicted ? "true" : "false");
	for (k = 0; k < SA__MAX; k++) {
		const struct sa_check *ck = &s.check[k];

		buf_printf(&r->out, "%s{\"key\": \"%s\", \"done\": %s, "
		    "\"contradicted\": %s, \"items\": [{\"item\": %d, "
		    "\"answers\": %d, \"not_implemented_or_unknown\": %d}]}",
		    k ? ", " : "", sa_key((enum sa_principle)k),
		    s.done[k] ? "true" : "false",
		    ck->contradicted ? "true" : "false",
		    sa_item((enum sa_principle)k) + 1, ck->answers, ck->weak);
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}
