/*
 * page_org: the home page, organisations (create, dashboard — the open
 * incidents and their report deadlines first, then the rounds and the map
 * of the cycle —, profile with the system-dependency class), members and
 * invitations, the audit log.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "mail/mail.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/bcp.h"
#include "model/figures.h"
#include "model/office.h"
#include "model/org.h"
#include "model/orgref.h"
#include "model/peer.h"
#include "model/plan.h"
#include "model/policy.h"
#include "model/readiness.h"
#include "model/regflow.h"
#include "model/register.h"
#include "model/risk.h"
#include "model/round.h"
#include "pages/pages.h"
#include "report/report.h"

#define INVITE_TTL	(7 * 86400)

/* One organisation of the home list: its name and the user's role, its
 * latest score, a round still open, its SECURITY ACTION stars. */
static void
home_card(struct page *p, const struct org_overview *v,
    const struct figures_client *fc)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, v->id);
	static const char *const stars[3] = { "home.stars0", "home.stars1",
	    "home.stars2" };

	html_open(&p->h, "li", "class", "org-card", "data-org",
	    arena_printf(&r->arena, "%" PRId64, v->id), NULL);
	html_elem(&p->h, "a", v->name, "href", base, "class", "card-link",
	    NULL);
	if (v->role[0] != '\0')
		html_elem(&p->h, "span", T(r, arena_printf(&r->arena,
		    "role.%s", v->role)), "class", "tag", NULL);
	html_open(&p->h, "dl", "class", "org-figures", NULL);
	html_elem(&p->h, "dt", T(r, "home.score"), NULL);
	html_open(&p->h, "dd", NULL);
	if (v->latest_round > 0) {
		html_open(&p->h, "a", "href", arena_printf(&r->arena,
		    "%s/rounds/%" PRId64 "/results", base, v->latest_round),
		    "class", "org-score", NULL);
		html_elem(&p->h, "span", num_tenths_a(&r->arena,
		    v->score_tenths), "class", "org-score-num", NULL);
		html_text(&p->h, " ");
		html_text(&p->h, T(r, "results.of_100"));
		html_close(&p->h);
	} else
		html_elem(&p->h, "span", T(r, "home.no_score"), "class",
		    "org-score-none", NULL);
	html_close(&p->h);
	html_elem(&p->h, "dt", T(r, "home.open"), NULL);
	html_open(&p->h, "dd", NULL);
	if (v->open_round > 0)
		html_elem(&p->h, "a", T(r, "home.open_yes"), "href",
		    arena_printf(&r->arena, "%s/rounds/%" PRId64, base,
		    v->open_round), "class", "org-open tag tag-open", NULL);
	else
		html_elem(&p->h, "span", T(r, "home.open_no"), "class",
		    "org-open-none", NULL);
	html_close(&p->h);
	html_elem(&p->h, "dt", T(r, "org.tab.security-action"), NULL);
	html_open(&p->h, "dd", NULL);
	html_elem(&p->h, "a", T(r, stars[v->stars < 0 ? 0 : v->stars > 2 ? 2 :
	    v->stars]), "href", arena_printf(&r->arena,
	    "%s/security-action", base), "class", "org-stars", "data-stars",
	    arena_printf(&r->arena, "%d", v->stars), NULL);
	html_close(&p->h);
	if (fc != NULL)
		page_portfolio_dl(p, fc);
	html_close(&p->h);
	html_close(&p->h);
}

/* For the instance admin who also works in an organisation: what their
 * instance-wide access means. */
static void
admin_scope_note(struct page *p)
{
	html_open(&p->h, "section", "class", "panel panel-warn admin-scope",
	    "role", "note", NULL);
	html_elem(&p->h, "h2", T(p->r, "admin_scope.title"), NULL);
	html_elem(&p->h, "p", T(p->r, "admin_scope.text"), NULL);
	html_close(&p->h);
}

int
page_home(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct org_overview *orgs;
	struct figures_client *port = NULL;
	struct office_ref *offices;
	struct page p;
	size_t n, i, k = 0, nport = 0, noff = 0;
	bool member = false;
	int rc;

	if (r->auth.user_id == 0)
		return req_redirect(r, "/login");
	c = db_acquire(db);
	rc = org_overview_list(c, &r->arena, r->auth.user_id, r->auth.admin,
	    &orgs, &n);
	/* an advisor's clients (every organisation for the instance admin)
	 * with the portfolio's figures: the same order, a subset */
	if (rc == DB_OK && (r->auth.admin || r->auth.advisor))
		rc = figures_portfolio(c, &r->arena, r->auth.user_id,
		    r->auth.admin, page_day_jst(r, account_now()), &port,
		    &nport);
	if (rc == DB_OK)
		rc = office_of_member(c, &r->arena, r->auth.user_id, &offices,
		    &noff);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	/* A member of one organisation (and of no office) goes straight to
	 * it. */
	if (n == 1 && noff == 0 && !r->auth.admin && !r->auth.advisor)
		return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64,
		    orgs[0].id));
	for (i = 0; i < n; i++)
		member = member || orgs[i].role[0] != '\0';
	page_begin(&p, r, T(r, "home.title"));
	page_h1(&p, T(r, "home.title"));
	if (r->auth.admin && member)
		admin_scope_note(&p);
	if (r->auth.admin || r->auth.advisor)
		html_elem(&p.h, "a", T(r, "port.link"), "href", "/portfolio",
		    "class", "btn btn-secondary home-portfolio", NULL);
	if (noff > 0) {
		/* the programme offices the user works in */
		html_elem(&p.h, "h2", T(r, "home.offices"), NULL);
		html_open(&p.h, "ul", "class", "office-list", NULL);
		for (i = 0; i < noff; i++) {
			html_open(&p.h, "li", NULL);
			html_elem(&p.h, "a", offices[i].name, "href",
			    arena_printf(&r->arena, "/office/%" PRId64,
			    offices[i].id), NULL);
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	if (n == 0 && noff == 0)
		html_elem(&p.h, "p", T(r, r->auth.admin || r->auth.advisor ?
		    "home.none_admin" : "home.none_member"), "class", "lead",
		    NULL);
	else if (n > 0) {
		html_open(&p.h, "ul", "class", "cards org-list", NULL);
		for (i = 0; i < n; i++) {
			const struct figures_client *fc = NULL;
			size_t j;

			/* in step; a client added between the two reads is
			 * passed over */
			for (j = k; j < nport && fc == NULL; j++)
				if (port[j].id == orgs[i].id) {
					fc = &port[j];
					k = j + 1;
				}
			home_card(&p, &orgs[i], fc);
		}
		html_close(&p.h);
	}
	if (r->auth.admin || r->auth.advisor)
		html_elem(&p.h, "a", T(r, "org.new"), "href", "/o/new",
		    "class", "btn", NULL);
	return page_end(&p, 200);
}

/* ---- the organisation form (create and edit) ---- */

enum org_field {
	OF_NAME,
	OF_INDUSTRY,
	OF_EMPLOYEES,
	OF_CAPITAL,
	OF_PREFECTURE,
	OF_DEP_MANY,
	OF_DEP_MANUAL,
	OF_DEP_OTHERS,
	OF_PEER_SHARE,	/* profile only: new organisations share */
	OF__MAX
};

static const char *const org_field_names[OF__MAX] = {
	[OF_NAME] = "name",
	[OF_INDUSTRY] = "industry",
	[OF_EMPLOYEES] = "employees",
	[OF_CAPITAL] = "capital",
	[OF_PREFECTURE] = "prefecture",
	[OF_DEP_MANY] = "many_systems",
	[OF_DEP_MANUAL] = "manual_fallback",
	[OF_DEP_OTHERS] = "others_depend",
	[OF_PEER_SHARE] = "peer_share",
};

/* Read and check the posted fields into o; errors (translated) per
 * field.  Returns the number of errors.  Values are kept as typed so the
 * form can be shown again with them. */
static int
org_form_read(struct req *r, struct org *o, const char *err[OF__MAX])
{
	const struct org_pack *op = &req_app(r)->content.org;
	const char *v[OF__MAX];
	int i, nerr = 0, *dep[3] = { &o->dep_many, &o->dep_manual,
	    &o->dep_others };

	memset(err, 0, sizeof(err[0]) * OF__MAX);
	for (i = 0; i < OF__MAX; i++) {
		v[i] = req_field(r, org_field_names[i]);
		if (v[i] == NULL)
			v[i] = "";
	}
	o->name = form_text(r, "name", FT_ORG_NAME, true, &err[OF_NAME]);
	o->industry = v[OF_INDUSTRY];
	o->employees = v[OF_EMPLOYEES];
	o->capital = v[OF_CAPITAL];
	o->prefecture = v[OF_PREFECTURE];
	if (choices_find(&op->industries, o->industry) == NULL)
		err[OF_INDUSTRY] = T(r, "form.err.choose");
	if (choices_find(&op->employees, o->employees) == NULL)
		err[OF_EMPLOYEES] = T(r, "form.err.choose");
	if (choices_find(&op->capital, o->capital) == NULL)
		err[OF_CAPITAL] = T(r, "form.err.choose");
	if (choices_find(&op->prefectures, o->prefecture) == NULL)
		err[OF_PREFECTURE] = T(r, "form.err.choose");
	for (i = 0; i < 3; i++) {
		const char *a = v[OF_DEP_MANY + i];

		*dep[i] = strcmp(a, "1") == 0 ? 1 : strcmp(a, "0") == 0 ?
		    0 : -1;
		if (*dep[i] < 0)
			err[OF_DEP_MANY + i] = T(r, "form.err.yesno");
	}
	/* Only the profile form asks; elsewhere the default holds. */
	o->peer_share = strcmp(v[OF_PEER_SHARE], "0") != 0;
	if (req_field(r, "peer_share") != NULL &&
	    strcmp(v[OF_PEER_SHARE], "1") != 0 &&
	    strcmp(v[OF_PEER_SHARE], "0") != 0)
		err[OF_PEER_SHARE] = T(r, "form.err.yesno");
	for (i = 0; i < OF__MAX; i++)
		nerr += err[i] != NULL;
	if (nerr == 0)
		o->dep_class = op->dep[dep_class_of(o->dep_many,
		    o->dep_manual, o->dep_others)].key;
	return nerr;
}

static void
org_form_fields(struct page *p, const struct org *o,
    const char *const err[OF__MAX])
{
	const struct org_pack *op = &p->app->content.org;
	struct req *r = p->r;
	const int dep[3] = { o->dep_many, o->dep_manual, o->dep_others };
	int i;

	form_field(p, "name", FT_ORG_NAME, T(r, "org.name"), NULL, o->name,
	    err[OF_NAME], "organization", true);
	form_choices(p, "industry", T(r, "org.industry"), &op->industries,
	    o->industry, err[OF_INDUSTRY]);
	form_choices(p, "employees", T(r, "org.employees"), &op->employees,
	    o->employees, err[OF_EMPLOYEES]);
	form_choices(p, "capital", T(r, "org.capital"), &op->capital,
	    o->capital, err[OF_CAPITAL]);
	form_choices(p, "prefecture", T(r, "org.prefecture"),
	    &op->prefectures, o->prefecture, err[OF_PREFECTURE]);
	html_elem(&p->h, "h2", T(r, "org.dep_title"), NULL);
	html_elem(&p->h, "p", T(r, "org.dep_intro"), "class", "help", NULL);
	for (i = 0; i < DEPQ__MAX; i++)
		form_yesno(p, op->depq[i].key, TR(r, &op->depq[i].text),
		    TR(r, &op->depq[i].help), dep[i], err[OF_DEP_MANY + i]);
}

static int
org_new_form(struct req *r, const struct org *o, const char *const *err,
    int status)
{
	struct page p;

	page_begin(&p, r, T(r, "org.new"));
	page_h1(&p, T(r, "org.new"));
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	form_open(&p, "/o/new", NULL);
	org_form_fields(&p, o, err);
	form_submit(&p, T(r, "org.create"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_org_new(struct req *r)
{
	static const char *const none[OF__MAX];
	struct org o;

	if (!r->auth.admin && !r->auth.advisor)
		return 403;
	memset(&o, 0, sizeof(o));
	o.name = "";
	o.dep_many = o.dep_manual = o.dep_others = -1;
	return org_new_form(r, &o, none, 200);
}

int
page_org_new_post(struct req *r)
{
	const char *err[OF__MAX];
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct org o;
	int64_t id;
	int rc;

	if (!r->auth.admin && !r->auth.advisor)
		return 403;
	memset(&o, 0, sizeof(o));
	if (org_form_read(r, &o, err) > 0)
		return org_new_form(r, &o, err, PAGE_INVALID);
	c = db_acquire(db);
	rc = org_create(c, &o, r->auth.user_id, r->auth.advisor ? "advisor" :
	    "org_admin", &id);
	if (rc == DB_OK)
		audit(c, id, r->auth.user_id, AUDIT_ORG_CREATED, o.name,
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64, id));
}

/* Load the organisation of the path; 0 or an HTTP status. */
static int
org_load(struct req *r, struct org *o)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = org_get(c, &r->arena, r->org_id, o);

	db_release(db, c);
	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

/* For those who work in several organisations (advisors, the instance
 * admin): a list to jump to another one.  A plain GET form; the script
 * submits it when the choice changes. */
/*
 * The organisations the signed-in user may open, kept between views
 * under the counters of memberships and of organisations' profiles
 * (page_fresh), so that a page with the switcher asks nothing.  Kept as
 * each organisation's id in decimal, its name and role, each with its
 * NUL.
 */
static int
org_list_kept(struct req *r, struct org_ref **orgs, size_t *n)
{
	struct app *a = req_app(r);
	const char *tok = page_fresh(r, 0, PAGE_FRESH_PEOPLE |
	    PAGE_FRESH_PEER), *key = NULL;
	char *p, *end;
	struct db_conn *c;
	size_t len, cap = 0, i;
	int rc;

	*orgs = NULL;
	*n = 0;
	if (tok != NULL) {
		key = arena_printf(&r->arena, "orgs/%" PRId64 "/%d/%s",
		    r->auth.user_id, r->auth.admin ? 1 : 0, tok);
		if ((p = cache_get_a(a->pages, key, &r->arena, &len)) != NULL &&
		    len > 0 && p[len - 1] == '\0') {
			for (end = p + len; p < end; ) {
				struct org_ref *o;

				*orgs = arena_grow(&r->arena, *orgs, *n, &cap,
				    sizeof(**orgs));
				o = &(*orgs)[(*n)++];
				o->id = strtoll(p, NULL, 10);
				p += strlen(p) + 1;
				o->name = p;
				p += p < end ? strlen(p) + 1 : 0;
				o->role = p;
				p += p < end ? strlen(p) + 1 : 0;
			}
			return DB_OK;
		}
	}
	c = db_acquire(a->db);
	rc = org_list(c, &r->arena, r->auth.user_id, r->auth.admin, orgs, n);
	db_release(a->db, c);
	if (rc == DB_OK && key != NULL) {
		struct buf b = BUF_INIT;

		for (i = 0; i < *n; i++) {
			buf_printf(&b, "%" PRId64, (*orgs)[i].id);
			buf_addc(&b, '\0');
			buf_add(&b, (*orgs)[i].name, strlen((*orgs)[i].name) + 1);
			buf_add(&b, (*orgs)[i].role ? (*orgs)[i].role : "",
			    strlen((*orgs)[i].role ? (*orgs)[i].role : "") + 1);
		}
		if (!b.err && b.n > 0)
			cache_put(a->pages, key, b.p, b.n);
		buf_free(&b);
	}
	return rc;
}

static void
org_switcher(struct page *p, const struct org *o)
{
	struct req *r = p->r;
	struct org_ref *orgs;
	size_t n, i;

	if (org_list_kept(r, &orgs, &n) != DB_OK || n < 2) {
		html_elem(&p->h, "p", o->name, "class", "org-name", NULL);
		return;
	}
	html_open(&p->h, "form", "method", "get", "action", "/go", "class",
	    "org-switch", NULL);
	html_open(&p->h, "select", "name", "org", "aria-label",
	    T(r, "org.switch"), "data-autosubmit", "", NULL);
	for (i = 0; i < n; i++)
		html_elem(&p->h, "option", orgs[i].name, "value",
		    arena_printf(&r->arena, "%" PRId64, orgs[i].id), "selected",
		    orgs[i].id == o->id ? "" : NULL, NULL);
	html_close(&p->h);
	html_elem(&p->h, "button", T(r, "org.switch_go"), "type", "submit",
	    "class", "btn btn-small btn-secondary", NULL);
	html_close(&p->h);
}

/* GET /go?org=N: to that organisation's page, which checks membership. */
int
page_org_go(struct req *r)
{
	const char *v = req_query(r, "org");
	long id;

	if (v == NULL || str_to_long(str_c(v), 1, INT64_MAX / 2, &id) != 0)
		return req_redirect(r, "/");
	return req_redirect(r, arena_printf(&r->arena, "/o/%ld", id));
}

/* The organisation's sub-navigation; after the policy, one tab a
 * register (reg.<R>.nav), here "reg.<R>" on its pages. */
void
page_org_subnav(struct page *p, const struct org *o, const char *here)
{
	static const char *const tabs[] = { "rounds", "security-action",
	    "policy", "profile", "members", "audit" };
	struct req *r = p->r;
	const char *label[32], *href[32];
	bool cur[32];
	size_t i, n = 0, at = 0;
	int k, pass;

#define TAB(l, h, c) do {						\
		label[n] = (l);						\
		href[n] = (h);						\
		cur[n] = (c);						\
		if (cur[n])						\
			at = n;						\
		n++;							\
	} while (0)

	/* an inventory's register pages are under the inventories' tab */
	if (strncmp(here, "reg.", 4) == 0 && register_by_key(here + 4) !=
	    NULL && register_by_key(here + 4)->kind >= REGISTER_PEOPLE)
		here = "inventories";
	org_switcher(p, o);
	for (i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		if (i >= 4 && !page_can_admin(r))
			break;
		TAB(T(r, arena_printf(&r->arena, "org.tab.%s", tabs[i])),
		    i == 0 ? arena_printf(&r->arena, "/o/%" PRId64, o->id) :
		    arena_printf(&r->arena, "/o/%" PRId64 "/%s", o->id,
		    tabs[i]), strcmp(here, tabs[i]) == 0);
		if (i != 2)
			continue;
		/* the security registers each a tab; the continuity ones
		 * under one, the BCP page */
		for (k = 0; k < REGISTER_PROCESSES; k++) {
			const struct register_decl *d = register_of(k);
			const char *tab = arena_printf(&r->arena, "reg.%s",
			    d->key);

			TAB(T(r, arena_printf(&r->arena, "%s.nav", tab)),
			    arena_printf(&r->arena, "/o/%" PRId64 "/r/%s",
			    o->id, d->key), strcmp(here, tab) == 0);
			/* the damage estimate after the risks (issue 16) */
			if (k == REGISTER_RISKS)
				TAB(T(r, "org.tab.estimate"), arena_printf(
				    &r->arena, "/o/%" PRId64 "/estimate",
				    o->id), strcmp(here, "estimate") == 0);
		}
		/* the inventories (page_matrix.c); their registers are
		 * under it */
		TAB(T(r, "org.tab.inventories"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/inventories", o->id),
		    strcmp(here, "inventories") == 0);
		TAB(T(r, "org.tab.bcp"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/bcp", o->id), strcmp(here, "bcp") == 0 ||
		    (strncmp(here, "reg.", 4) == 0 && register_by_key(here +
		    4) != NULL && register_by_key(here + 4)->kind >=
		    REGISTER_PROCESSES && register_by_key(here + 4)->kind <
		    REGISTER_INCIDENTS));
		/* the incidents' own list (page_incident.c); their
		 * registers are under it */
		TAB(T(r, "reg.incidents.nav"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/incidents", o->id), strcmp(here,
		    "incidents") == 0 || (strncmp(here, "reg.", 4) == 0 &&
		    register_by_key(here + 4) != NULL &&
		    register_by_key(here + 4)->kind >= REGISTER_INCIDENTS &&
		    register_by_key(here + 4)->kind < REGISTER_PEOPLE));
		/* the advisor's hearing sheet, its pledge under it
		 * (page_hearing.c), and programme (page_programme.c) */
		TAB(T(r, "org.tab.hearing"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/hearing", o->id),
		    strcmp(here, "hearing") == 0);
		TAB(T(r, "org.tab.programme"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/programme", o->id),
		    strcmp(here, "programme") == 0);
		/* the reference marked by the company's own answers, and
		 * its category (issue 16, page_reference.c) */
		TAB(T(r, "org.tab.threats"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/threats", o->id),
		    strcmp(here, "threats") == 0);
		TAB(T(r, "org.tab.category"), arena_printf(&r->arena,
		    "/o/%" PRId64 "/category", o->id),
		    strcmp(here, "category") == 0);
	}
#undef TAB
	/* a row of tabs on a wide screen; on a phone, where fifteen tabs
	 * took half the screen, one line naming where you are that opens
	 * the list (CSS shows one of the two) */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			html_open(&p->h, "details", "class", "subnav-fold",
			    NULL);
			html_open(&p->h, "summary", NULL);
			html_elem(&p->h, "span", T(r, "org.subnav_menu"),
			    "class", "subnav-menu", NULL);
			html_elem(&p->h, "strong", n > 0 && cur[at] ?
			    label[at] : o->name, NULL);
			html_close(&p->h);
		}
		html_open(&p->h, "nav", "class", pass == 0 ? "subnav" :
		    "subnav-list", "aria-label", T(r, "org.subnav"), NULL);
		for (i = 0; i < n; i++)
			html_elem(&p->h, "a", label[i], "href", href[i],
			    "aria-current", cur[i] ? "page" : NULL, NULL);
		html_close(&p->h);
		if (pass == 1)
			html_close(&p->h);
	}
}

/* What the map of the cycle shows, read once for the page. */
struct org_cycle {
	struct round		*rounds;	/* newest first */
	size_t			 nrounds;
	struct register_row	*rows[REGISTER__MAX];	/* every row */
	size_t			 n[REGISTER__MAX];
	int			 policy_approved;	/* latest approved
							   version, 0: none */
	bool			 policy_any;	/* some version saved */
	struct sa_state		 sa;
};

/* T(key) with its "{title}" replaced by title (never a format). */
static const char *
T_title(struct req *r, const char *key, const char *title)
{
	const char *t = T(r, key), *at = strstr(t, "{title}");

	if (at == NULL)
		return t;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - t), t, title,
	    at + strlen("{title}"));
}

/* Rows of register k whose enum or int field key has value v. */
static long
rows_with(const struct org_cycle *cy, enum register_kind k, const char *key,
    int64_t v)
{
	const struct register_decl *d = register_of(k);
	int f = register_field(d, key);
	long m = 0;
	size_t i;

	for (i = 0; f >= 0 && i < cy->n[k]; i++)
		if (cy->rows[k][i].v[f].set && cy->rows[k][i].v[f].i == v)
			m++;
	return m;
}

/* Everything the map needs: the rounds, every register's rows, the
 * policy's versions, the SECURITY ACTION state.  DB_OK or < 0. */
static int
cycle_load(struct req *r, struct db_conn *c, int64_t org,
    struct org_cycle *cy)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	struct policy_version *pv;
	size_t npv, i;
	int rc, k;

	memset(cy, 0, sizeof(*cy));
	rc = round_list(c, &r->arena, org, &cy->rounds, &cy->nrounds);
	for (k = 0; k < REGISTER__MAX && rc == DB_OK; k++)
		rc = register_list(c, e, register_of(k), org, &r->arena,
		    &cy->rows[k], &cy->n[k]);
	if (rc == DB_OK)
		rc = policy_list(c, &r->arena, org, &pv, &npv);
	if (rc != DB_OK)
		return rc;
	cy->policy_any = npv > 0;
	for (i = 0; i < npv; i++)	/* newest first */
		if (pv[i].approved_at != 0) {
			cy->policy_approved = pv[i].version;
			break;
		}
	return sa_load(c, &r->arena, org, &cy->sa);
}

/* One step of the map: its name linked to href, and its state. */
static void
cycle_step(struct page *p, const char *step, const char *name,
    const char *href, const char *state)
{
	html_open(&p->h, "li", "class", "cycle-step", "data-step", step, NULL);
	html_elem(&p->h, "a", name, "href", href, "class", "card-link", NULL);
	html_elem(&p->h, "span", state, "class", "cycle-state", NULL);
	html_close(&p->h);
}

/* A register in the map: its name linked to its list, its row count, and
 * what the rows say (NULL: nothing more). */
static void
cycle_register(struct page *p, int64_t org, enum register_kind k, long count,
    const char *state)
{
	struct req *r = p->r;
	const struct register_decl *d = register_of(k);

	html_open(&p->h, "li", "class", "cycle-step reg-card", "data-step",
	    d->key, "data-register", d->key, NULL);
	html_elem(&p->h, "a", T(r, arena_printf(&r->arena, "reg.%s.title",
	    d->key)), "href", arena_printf(&r->arena, "/o/%" PRId64 "/r/%s",
	    org, d->key), "class", "card-link", NULL);
	html_elem(&p->h, "span", count > 0 ? Tn(r, "reg.count", count, 0) :
	    T(r, "reg.none_yet"), "class", "meta reg-count", NULL);
	if (count > 0 && state != NULL)
		html_elem(&p->h, "span", state, "class", "cycle-state", NULL);
	if (count == 0)
		html_elem(&p->h, "p", T(r, arena_printf(&r->arena,
		    "reg.%s.intro", d->key)), "class", "help", NULL);
	html_close(&p->h);
}

/*
 * The organisation's home as the map of its cycle: diagnosis → basic
 * policy → regulations → assets and risks → plan, each step in one line
 * with a link, SECURITY ACTION beside them; then every register in one
 * file.
 */
static void
org_cycle(struct page *p, const struct org *o, const struct org_cycle *cy)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, o->id);
	static const char *const stars[3] = { "home.stars0", "home.stars1",
	    "home.stars2" };
	int stars_n = cy->sa.two_star ? 2 : cy->sa.one_star ? 1 : 0;
	const struct round *last = cy->nrounds > 0 ? &cy->rounds[0] : NULL;
	const char *state;
	long reviewed = 0, done, overdue;
	size_t *ix, i;

	html_open(&p->h, "section", "class", "cycle", "aria-labelledby",
	    "registers", NULL);
	html_elem(&p->h, "h2", T(r, "cycle.title"), "id", "registers", NULL);
	html_elem(&p->h, "p", T(r, "cycle.help"), "class", "help", NULL);
	html_open(&p->h, "div", "class", "cycle-both", NULL);
	html_open(&p->h, "ol", "class", "cycle-steps", NULL);

	if (last == NULL)
		state = T(r, "cycle.diag_none");
	else
		state = T_title(r, last->open ? "cycle.diag_open" :
		    "cycle.diag_closed", last->title);
	cycle_step(p, "diagnosis", T(r, "cycle.diagnosis"), last == NULL ?
	    arena_printf(&r->arena, "%s#rounds", base) : arena_printf(
	    &r->arena, last->open || last->complete <= 0 ?
	    "%s/rounds/%" PRId64 : "%s/rounds/%" PRId64 "/results", base,
	    last->id), state);

	if (cy->policy_approved > 0)
		state = Tn(r, "cycle.policy_approved", cy->policy_approved, 0);
	else
		state = T(r, cy->policy_any ? "cycle.policy_draft" :
		    "cycle.policy_none");
	cycle_step(p, "policy", T(r, "cycle.policy"), arena_printf(&r->arena,
	    "%s/policy", base), state);

	{
		const struct register_decl *d =
		    register_of(REGISTER_REGULATIONS);
		int f = register_field(d, "status");

		for (i = 0; f >= 0 && i < cy->n[REGISTER_REGULATIONS]; i++) {
			const struct register_val *v =
			    &cy->rows[REGISTER_REGULATIONS][i].v[f];

			if (v->set && v->i != RS_UNDECIDED)
				reviewed++;
		}
	}
	cycle_register(p, o->id, REGISTER_REGULATIONS,
	    (long)cy->n[REGISTER_REGULATIONS], Tn(r, "cycle.regs_reviewed",
	    reviewed, REG_AREA__MAX));

	html_open(&p->h, "li", "class", "cycle-step cycle-pair", "data-step",
	    "assets-risks", NULL);
	html_elem(&p->h, "span", T(r, "cycle.assets_risks"), "class",
	    "cycle-name", NULL);
	html_open(&p->h, "ul", "class", "cycle-sub", NULL);
	cycle_register(p, o->id, REGISTER_ASSETS, (long)cy->n[REGISTER_ASSETS],
	    Tn(r, "cycle.assets_top", rows_with(cy, REGISTER_ASSETS,
	    "importance", 3), 0));
	cycle_register(p, o->id, REGISTER_RISKS, (long)cy->n[REGISTER_RISKS],
	    Tn(r, "cycle.risks_high", rows_with(cy, REGISTER_RISKS, "band",
	    RISK_HIGH), 0));
	html_close(&p->h);
	html_close(&p->h);

	ix = arena_alloc(&r->arena, (cy->n[REGISTER_PLAN] + 1) * sizeof(*ix));
	overdue = (long)regflow_overdue(cy->rows[REGISTER_PLAN],
	    cy->n[REGISTER_PLAN], account_now(), ix);
	done = rows_with(cy, REGISTER_PLAN, "status", PLAN_DONE);
	cycle_register(p, o->id, REGISTER_PLAN, (long)cy->n[REGISTER_PLAN],
	    Tn(r, "cycle.plan_state", done, overdue));
	/* continuity: the processes to bring back first, the systems whose
	 * backups miss 3-2-1 */
	cycle_step(p, "bcp", T(r, "cycle.bcp"), arena_printf(&r->arena,
	    "%s/bcp", base), cy->n[REGISTER_PROCESSES] == 0 ?
	    T(r, "cycle.bcp_none") : Tf(r, "cycle.bcp_state", "first",
	    arena_printf(&r->arena, "%ld", rows_with(cy, REGISTER_PROCESSES,
	    "priority", BCP_S) + rows_with(cy, REGISTER_PROCESSES,
	    "priority", BCP_A)), "processes", arena_printf(&r->arena, "%zu",
	    cy->n[REGISTER_PROCESSES]), "short", arena_printf(&r->arena,
	    "%ld", rows_with(cy, REGISTER_SYSTEMS, "rule_321_ok", 0)), NULL));
	html_close(&p->h);	/* ol */

	html_open(&p->h, "aside", "class", "cycle-sa", "aria-labelledby",
	    "cycle-sa-h", NULL);
	html_elem(&p->h, "h3", T(r, "org.tab.security-action"), "id",
	    "cycle-sa-h", NULL);
	html_elem(&p->h, "a", T(r, stars[stars_n]), "href", arena_printf(
	    &r->arena, "%s/security-action", base), "class", "org-stars",
	    "data-stars", arena_printf(&r->arena, "%d", stars_n), NULL);
	html_close(&p->h);
	html_close(&p->h);	/* cycle-both */

	/* every register in one file, for the owner, a bank, a customer */
	html_open(&p->h, "p", "class", "actions", NULL);
	html_elem(&p->h, "a", T(r, "regs.download_pdf"), "href",
	    arena_printf(&r->arena, "%s/registers/pdf", base),
	    "class", "btn btn-secondary btn-small", "download", "", NULL);
	html_elem(&p->h, "a", T(r, "regs.download_xlsx"), "href",
	    arena_printf(&r->arena, "%s/registers/xlsx", base),
	    "class", "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p->h);
	html_close(&p->h);	/* section */
}

int
page_org(struct req *r)
{
	return page_org_rounds(r, "", NULL, 200);
}

int
page_org_rounds(struct req *r, const char *title, const char *title_err,
    int status)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round *rounds;
	struct org o;
	struct page p;
	struct page_slice sl;
	struct org_cycle *cy = arena_alloc(&r->arena, sizeof(*cy));
	size_t n, i;
	int st, rc, k;
	bool admin_member;

	if ((st = org_load(r, &o)) != 0)
		return st;
	c = db_acquire(db);
	rc = cycle_load(r, c, o.id, cy);
	rounds = cy->rounds;
	n = cy->nrounds;
	/* the instance admin sees every organisation; one who also works in
	 * this one is told so */
	admin_member = r->auth.admin && rc == DB_OK &&
	    org_member_role(c, &r->arena, r->auth.user_id, o.id) != NULL;
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, o.name);
	page_org_subnav(&p, &o, "rounds");
	if (admin_member)
		admin_scope_note(&p);
	else if (r->auth.admin)
		page_notice(&p, "info", T(r, "admin_scope.outsider"));
	/* first of all: what is going wrong now, and what is due */
	page_incident_setup_home(&p, cy->rows[REGISTER_INCIDENTS],
	    cy->n[REGISTER_INCIDENTS]);
	page_h1(&p, T(r, "round.list_title"));
	if (title_err != NULL)
		page_notice(&p, "error", T(r, "form.err.summary"));
	if (page_can_admin(r)) {
		form_open(&p, arena_printf(&r->arena, "/o/%" PRId64 "/rounds",
		    o.id), NULL);
		html_open(&p.h, "div", "class", "inline-form", NULL);
		form_field(&p, "title", FT_ROUND_TITLE, T(r, "round.title"),
		    NULL, title, title_err, "off", false);
		form_submit(&p, T(r, "round.open"), NULL);
		html_close(&p.h);
		html_close(&p.h);
	}
	if (n == 0)
		html_elem(&p.h, "p", T(r, "round.none"), "class", "lead", NULL);
	page_slice(r, n, &sl);
	html_open(&p.h, "ul", "class", "cards", "id", "rounds", NULL);
	for (i = sl.first; i < sl.end; i++) {
		const char *base = arena_printf(&r->arena,
		    "/o/%" PRId64 "/rounds/%" PRId64, o.id, rounds[i].id);

		html_open(&p.h, "li", NULL);
		html_elem(&p.h, "a", rounds[i].title, "href", base, "class",
		    "card-link", NULL);
		html_elem(&p.h, "span", T(r, rounds[i].open ? "round.is_open" :
		    "round.is_closed"), "class", rounds[i].open ?
		    "tag tag-open" : "tag tag-closed", NULL);
		html_open(&p.h, "span", "class", "meta", NULL);
		html_textf(&p.h, "%s · %s %d", page_time(r, rounds[i].opened_at),
		    T(r, "round.answered"), rounds[i].complete);
		html_close(&p.h);
		if (rounds[i].complete > 0)
			html_elem(&p.h, "a", T(r, "results.view"), "href",
			    arena_printf(&r->arena, "%s/results", base),
			    "class", "btn btn-small", NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	page_pager(&p, arena_printf(&r->arena, "/o/%" PRId64, o.id),
	    "#rounds", &sl);
	page_flow_overdue(&p, cy->rows[REGISTER_PLAN], cy->n[REGISTER_PLAN]);
	/* the board one-pager: everything above, on one page for the owner */
	page_board_link(&p);
	org_cycle(&p, &o, cy);
	{
		const struct org_pack *op = &req_app(r)->content.org;

		for (k = 0; k < DEP__MAX; k++)
			if (strcmp(op->dep[k].key, o.dep_class) == 0)
				break;
		if (k < DEP__MAX) {
			size_t m;

			html_open(&p.h, "section", "class", "panel", NULL);
			html_open(&p.h, "h2", NULL);
			html_text(&p.h, T(r, "org.dep_class"));
			html_text(&p.h, " ");
			html_text(&p.h, TR(r, &op->dep[k].label));
			html_close(&p.h);
			html_elem(&p.h, "p", TR(r, &op->dep[k].description),
			    NULL);
			html_open(&p.h, "ul", NULL);
			for (m = 0; m < op->dep[k].measures.n; m++)
				html_elem(&p.h, "li", op->dep[k].measures.t[
				    r->lang][m], NULL);
			html_close(&p.h);
			html_close(&p.h);
		}
	}
	return page_end(&p, status);
}

static int
profile_form(struct req *r, const struct org *o, const char *const *err,
    const struct orgref *rf, const struct page_ref_size *sz,
    const char *notice, int status)
{
	struct page p;

	page_begin(&p, r, T(r, "org.tab.profile"));
	page_org_subnav(&p, o, "profile");
	page_h1(&p, T(r, "org.tab.profile"));
	if (notice)
		page_notice(&p, "ok", notice);
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	/* issue 16: the SME check and the reference views */
	page_ref_sme_panel(&p, o, rf);
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "cat.title"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/category", o->id), "class",
	    "btn btn-secondary btn-small", NULL);
	html_elem(&p.h, "a", T(r, "ref.threats_org"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/threats", o->id), "class",
	    "btn btn-secondary btn-small", NULL);
	html_elem(&p.h, "a", T(r, "ref.desks_title"), "href",
	    "/reference/desks", "class", "btn btn-secondary btn-small", NULL);
	html_close(&p.h);
	if (!page_can_admin(r)) {
		html_elem(&p.h, "p", T(r, "org.readonly"), "class", "help",
		    NULL);
		return page_end(&p, status);
	}
	form_open(&p, arena_printf(&r->arena, "/o/%" PRId64 "/profile", o->id),
	    NULL);
	org_form_fields(&p, o, err);
	page_ref_size_fields(&p, sz);
	html_elem(&p.h, "h2", T(r, "org.share_title"), NULL);
	form_yesno(&p, "peer_share", T(r, "org.share"), T(r, "org.share_help"),
	    o->peer_share, err[OF_PEER_SHARE]);
	form_submit(&p, T(r, "form.save"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

/* The organisation's reference row (issue 16); 0 or an HTTP status. */
static int
orgref_load(struct req *r, int64_t id, struct orgref *rf)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = orgref_get(c, &r->arena, id, rf);

	db_release(db, c);
	return rc == 0 ? 0 : rc == DB_DONE ? 404 : 503;
}

int
page_org_profile(struct req *r)
{
	static const char *const none[OF__MAX];
	struct page_ref_size sz;
	struct orgref rf;
	struct org o;
	int st;

	if ((st = org_load(r, &o)) != 0)
		return st;
	if ((st = orgref_load(r, o.id, &rf)) != 0)
		return st;
	page_ref_size_of(r, &rf, &sz);
	return profile_form(r, &o, none, &rf, &sz, req_query(r, "saved") ?
	    T(r, "form.saved") : NULL, 200);
}

int
page_org_profile_post(struct req *r)
{
	const char *err[OF__MAX];
	struct db *db = req_app(r)->db;
	struct page_ref_size sz;
	struct db_conn *c;
	struct orgref rf;
	struct org o, cur;
	int st, rc, nerr;

	if ((st = org_load(r, &cur)) != 0)
		return st;
	if ((st = orgref_load(r, cur.id, &rf)) != 0)
		return st;
	memset(&o, 0, sizeof(o));
	o.id = cur.id;
	nerr = org_form_read(r, &o, err);
	nerr += page_ref_size_read(r, &sz);
	if (nerr > 0)
		return profile_form(r, &o, err, &rf, &sz, NULL, PAGE_INVALID);
	c = db_acquire(db);
	/* the profile and its exact figures together; its industry, size
	 * or prefecture may move it between the groups of its programme
	 * office's figures */
	if ((rc = db_begin(c)) == DB_OK) {
		if ((rc = org_update(c, &o)) == DB_OK &&
		    (rc = orgref_size_put(c, o.id, sz.capital_yen, sz.staff_n,
		    sz.group)) == DB_OK &&
		    (rc = office_refresh_org(c, NULL, o.id)) == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	if (rc == DB_OK && o.peer_share != cur.peer_share) {
		rc = peer_set_share(c, &r->arena, o.id, o.peer_share);
		if (rc == DB_OK)
			audit(c, o.id, r->auth.user_id, AUDIT_PEER_SHARE,
			    o.peer_share ? "on" : "off", req_addr(r));
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "/o/%" PRId64 "/profile?saved=1", o.id));
}

static const char *const member_roles[] = { "member", "org_admin",
    "advisor" };

/* Radio buttons or a select of the member roles, current one chosen;
 * eid names the error they are wrong by, or is NULL. */
static void
role_choices(struct page *p, const char *name, const char *cur, bool select,
    const char *eid)
{
	struct req *r = p->r;
	size_t i;

	if (select)
		html_open(&p->h, "select", "name", name, "aria-label",
		    T(r, "member.role"), "aria-invalid", eid ? "true" : NULL,
		    "aria-describedby", eid, NULL);
	for (i = 0; i < sizeof(member_roles) / sizeof(member_roles[0]); i++) {
		const char *label = T(r, arena_printf(&r->arena, "role.%s",
		    member_roles[i]));
		bool on = strcmp(cur, member_roles[i]) == 0;

		/* Only an org admin grants org admin: others are not offered
		 * it (the handler refuses it too), unless it is already so. */
		if (!on && strcmp(member_roles[i], "org_admin") == 0 &&
		    r->auth.org_role != ORG_ADMIN && !r->auth.admin)
			continue;

		if (select) {
			html_elem(&p->h, "option", label, "value",
			    member_roles[i], "selected", on ? "" : NULL, NULL);
			continue;
		}
		html_open(&p->h, "label", "class", "choice", NULL);
		html_void(&p->h, "input", "type", "radio", "name", name,
		    "value", member_roles[i], "checked", on ? "" : NULL,
		    "aria-invalid", eid ? "true" : NULL, NULL);
		html_elem(&p->h, "span", label, NULL);
		html_close(&p->h);
	}
	if (select)
		html_close(&p->h);
}

/* What the members page shows besides the list: a notice, or the error
 * of a refused form (the invitation, or the row of member err_uid). */
struct members_form {
	const char	*invite_url;	/* an invitation just made */
	const char	*notice;
	const char	*err;		/* about the page as a whole */
	const char	*err_invite;	/* the invitation's role */
	const char	*email;		/* the invitation's address as typed */
	const char	*err_email;	/* … and what is wrong with it */
	const char	*invite_sent;	/* the address it was mailed to */
	int64_t		 err_uid;	/* the member whose change failed */
	const char	*err_member;
};

/* A member as listed: read whole, then shown a page at a time. */
struct member_row {
	int64_t		 id;
	const char	*email;
	const char	*role;
};

static int
members_page(struct req *r, const struct members_form *f, int status)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct db_stmt *st;
	struct org o;
	struct page p;
	struct page_slice sl;
	struct member_row *rows = NULL;
	size_t nm = 0, cap = 0, k;
	int rc, mark;

	if ((rc = org_load(r, &o)) != 0)
		return rc;
	page_begin(&p, r, T(r, "org.tab.members"));
	page_org_subnav(&p, &o, "members");
	page_h1(&p, T(r, "org.tab.members"));
	if (f->notice)
		page_notice(&p, "ok", f->notice);
	if (f->err)
		page_notice(&p, "error", f->err);
	else if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));
	c = db_acquire(db);
	st = db_stmt(c, STMT_MEMBER_LIST);
	db_bind_int(st, 1, o.id);
	while (db_step(st) == DB_ROW) {
		if (nm == cap) {
			struct member_row *bigger = arena_alloc(&r->arena,
			    (cap = cap ? cap * 2 : 64) * sizeof(*bigger));

			if (nm > 0)
				memcpy(bigger, rows, nm * sizeof(*rows));
			rows = bigger;
		}
		rows[nm].id = db_col_int(st, 0);
		rows[nm].email = arena_cstr(&r->arena, db_col_text(st, 1));
		rows[nm].role = arena_cstr(&r->arena, db_col_text(st, 2));
		nm++;
	}
	db_release(db, c);
	page_slice(r, nm, &sl);
	mark = page_table(&p, NULL, NULL, T(r, "account.email"),
	    T(r, "member.role"), T(r, "member.change"), NULL);
	for (k = sl.first; k < sl.end; k++) {
		int64_t uid = rows[k].id;
		const char *role = rows[k].role;
		const char *action = arena_printf(&r->arena,
		    "/o/%" PRId64 "/members/%" PRId64, o.id, uid);

		page_row(&p);
		page_td(&p, rows[k].email, NULL);
		page_td(&p, T(r, arena_printf(&r->arena, "role.%s", role)),
		    NULL);
		page_td_open(&p, NULL);
		if (uid == r->auth.user_id)
			html_elem(&p.h, "span", T(r, "member.you"), "class",
			    "help", NULL);
		else {
			const char *eid = uid == f->err_uid ? arena_printf(
			    &r->arena, "e-role-%" PRId64, uid) : NULL;

			form_open(&p, action, NULL);
			if (eid)
				html_elem(&p.h, "p", f->err_member, "class",
				    "field-msg", "id", eid, NULL);
			html_open(&p.h, "div", "class", "row-actions", NULL);
			role_choices(&p, "role", role, true, eid);
			form_submit(&p, T(r, "member.set_role"),
			    "btn btn-small btn-secondary");
			html_elem(&p.h, "button", T(r, "member.remove"), "type",
			    "submit", "name", "remove", "value", "1", "class",
			    "btn btn-small btn-danger", NULL);
			html_close(&p.h);
			html_close(&p.h);
		}
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	page_pager(&p, arena_printf(&r->arena, "/o/%" PRId64 "/members",
	    o.id), "", &sl);

	html_elem(&p.h, "h2", T(r, "member.invite"), NULL);
	html_elem(&p.h, "p", T(r, "member.invite_help"), "class", "help",
	    NULL);
	if (f->invite_url) {
		page_notice(&p, "ok", T(r, "member.invite_made"));
		if (f->invite_sent != NULL)
			html_elem(&p.h, "p", Tf(r, "member.invite_mailed",
			    "address", f->invite_sent, NULL), "class", "help invite-mailed",
			    NULL);
		html_elem(&p.h, "code", f->invite_url, "class", "secret", NULL);
	}
	form_open(&p, arena_printf(&r->arena, "/o/%" PRId64 "/members", o.id),
	    NULL);
	form_group(&p, "role", T(r, "member.role"), NULL, f->err_invite);
	html_open(&p.h, "div", "class", "choices-inline", NULL);
	role_choices(&p, "role", "member", false, f->err_invite ? "e-role" :
	    NULL);
	html_close(&p.h);
	html_close(&p.h);
	/* With mail on, the link can go to the person's address too. */
	if (mail_on(req_app(r)))
		form_input(&p, "email", T(r, "member.invite_email"), "email",
		    f->email, f->err_email, "off", 0);
	form_submit(&p, T(r, "member.invite_make"), NULL);
	html_close(&p.h);
	page_twostep_org_section(&p);	/* issue 16 */
	return page_end(&p, status);
}

/* A role of the list, or NULL. */
static const char *
member_role_ok(const char *role)
{
	size_t i;

	for (i = 0; role && i < sizeof(member_roles) / sizeof(member_roles[0]);
	    i++)
		if (strcmp(role, member_roles[i]) == 0)
			return member_roles[i];
	return NULL;
}

int
page_org_members(struct req *r)
{
	static const struct members_form none;

	return members_page(r, &none, 200);
}

/* Change a member's role, or remove them from the organisation. */
int
page_org_member_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int64_t uid = req_param_id(r, "user");
	bool remove = req_field(r, "remove") != NULL;
	const char *role = member_role_ok(req_field(r, "role"));
	struct members_form f = { .err_uid = uid };
	struct user u;
	char *old;
	int rc;

	if (uid == 0)
		return 404;
	if (uid == r->auth.user_id) {	/* nobody locks themselves out */
		f.err = T(r, "member.not_self");
		return members_page(r, &f, PAGE_INVALID);
	}
	if (!remove && role == NULL)
		f.err_member = T(r, "form.err.choose");
	else if (!remove && strcmp(role, "advisor") == 0 && !r->auth.admin)
		f.err_member = T(r, "member.advisor_admin_only");
	/* An advisor cannot approve the policy: nor may they make someone
	 * who can. */
	else if (!remove && strcmp(role, "org_admin") == 0 &&
	    r->auth.org_role != ORG_ADMIN)
		f.err_member = T(r, "member.org_admin_only");
	if (f.err_member != NULL)
		return members_page(r, &f, PAGE_INVALID);
	c = db_acquire(db);
	old = org_member_role(c, &r->arena, uid, r->org_id);
	rc = old == NULL ? DB_DONE : user_by_id(c, &r->arena, uid, &u);
	if (rc == 0)
		rc = org_member_change(c, uid, r->org_id, remove ? NULL : role);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, remove ?
		    AUDIT_MEMBER_REMOVED : AUDIT_ROLE_CHANGED, remove ? u.email :
		    arena_printf(&r->arena, "%s: %s → %s", u.email, old, role),
		    req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;	/* not a member here: as if absent */
	if (rc != DB_OK)
		return 503;
	f.err_uid = 0;
	f.notice = T(r, remove ? "member.removed" : "member.role_set");
	return members_page(r, &f, 200);
}

/* Queue the invitation link url to addr, in the inviter's language. */
static int
invite_mail(struct req *r, struct db_conn *c, const struct org *o,
    const char *addr, const char *role, const char *url)
{
	struct mail_what w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.kind = MAIL_INVITE;
	w.lang = (enum lang)page_lang_of(r);
	w.to = addr;
	w.subject_tail = o->name;
	w.facts[0][0] = "mail.fact.org";
	w.facts[0][1] = o->name;
	w.facts[1][0] = "mail.fact.role";
	w.facts[1][1] = T(r, arena_printf(&r->arena, "role.%s", role));
	w.facts[2][0] = "mail.fact.by";
	w.facts[2][1] = r->auth.email != NULL ? r->auth.email : "";
	w.base = page_base_url(r);
	w.url = url;
	rc = mail_queue(req_app(r), c, &r->arena, &w, account_now());
	return rc == DB_DONE ? DB_OK : rc;
}

int
page_org_invite_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *role = req_field(r, "role");
	struct members_form f = { 0 };
	const struct app *a = req_app(r);
	const char *email = req_field(r, "email");
	char tok[TOKEN_LEN + 1], *addr = NULL;
	struct org o;
	int rc;

	f.email = email != NULL ? email : "";
	if (mail_on(a) && f.email[0] != '\0' &&
	    account_email_norm(&r->arena, f.email, &addr) != 0)
		f.err_email = T(r, "account.email_bad");
	if ((role = member_role_ok(role)) == NULL)
		f.err_invite = T(r, "form.err.choose");
	/* Only the instance admin hands out advisor seats. */
	else if (strcmp(role, "advisor") == 0 && !r->auth.admin)
		f.err_invite = T(r, "member.advisor_admin_only");
	/* Only an organisation admin makes another. */
	else if (strcmp(role, "org_admin") == 0 &&
	    r->auth.org_role != ORG_ADMIN)
		f.err_invite = T(r, "member.org_admin_only");
	if (f.err_invite != NULL || f.err_email != NULL)
		return members_page(r, &f, PAGE_INVALID);
	if (addr != NULL && (rc = page_org_get(r, r->org_id, &o)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	/* The link, its audit line and its mail commit together. */
	if ((rc = db_begin(c)) == DB_OK) {
		rc = once_create(c, "invite", r->org_id, role,
		    r->auth.user_id, INVITE_TTL, tok);
		if (rc == DB_OK)
			audit(c, r->org_id, r->auth.user_id,
			    AUDIT_INVITE_CREATED, role, req_addr(r));
		f.invite_url = arena_printf(&r->arena, "%s/invite/%s",
		    page_base_url(r), tok);
		if (rc == DB_OK && addr != NULL)
			rc = invite_mail(r, c, &o, addr, role, f.invite_url);
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	if (addr != NULL) {
		f.invite_sent = addr;
		mail_wake(a);
	}
	return members_page(r, &f, 200);
}

/* A role key in words: organisation roles (role.*), or account roles
 * (urole.*) for rows of the whole instance; an unknown one as written. */
static const char *
audit_role(struct req *r, bool instance, struct str k)
{
	const struct content *ct = &req_app(r)->content;
	const char *fam[2] = { instance ? "urole" : "role",
	    instance ? "role" : "urole" };
	int i;

	for (i = 0; i < 2; i++) {
		const char *key = arena_printf(&r->arena, "%s.%.*s", fam[i],
		    (int)k.n, k.p);

		if (content_ui_has(ct, key))
			return T(r, key);
	}
	return arena_cstr(&r->arena, k);
}

/* "[e-mail: ]old → new" with both roles in words. */
static const char *
audit_role_change(struct req *r, bool instance, struct str d)
{
	static const char arrow[] = " → ";
	struct str who = STR_NULL, from, to;
	size_t i, an = sizeof(arrow) - 1;

	to = str_cut(d, ':', &who);
	if (to.p == NULL) {
		to = d;
		who = STR_NULL;
	}
	to = str_trim(to);
	for (i = 0; i + an <= to.n; i++)
		if (memcmp(to.p + i, arrow, an) == 0)
			break;
	if (i + an > to.n)
		return arena_cstr(&r->arena, d);
	from = (struct str){ to.p, i };
	to = (struct str){ to.p + i + an, to.n - i - an };
	return arena_printf(&r->arena, "%s%s%s → %s",
	    who.p ? arena_cstr(&r->arena, who) : "", who.p ? ": " : "",
	    audit_role(r, instance, from), audit_role(r, instance, to));
}

/* The detail of a register's download, "register assets csv", as
 * "情報資産管理台帳（CSV）" ("register plan form-pdf": the plan in the
 * programme's form; "register regulations form-pdf": the review list;
 * "register exercises record-pdf": an exercise record). */
static const char *
audit_reg_export(struct req *r, struct str d, struct str rest)
{
	const struct register_decl *rd;
	struct str key;

	rest = str_cut(rest, ' ', &key);	/* "assets" | "csv" */
	if (str_eq_c(key, "all") && (str_eq_c(rest, "pdf") ||
	    str_eq_c(rest, "xlsx")))
		return arena_printf(&r->arena, "%s%s", T(r,
		    "regs.report_title"), T(r, str_eq_c(rest, "pdf") ?
		    "audit.d.reg_pdf" : "audit.d.reg_xlsx"));
	if (str_eq_c(key, "plan") && (str_eq_c(rest, "form-pdf") ||
	    str_eq_c(rest, "form-xlsx")))
		return arena_printf(&r->arena, "%s%s", T(r, "reg.plan.title"),
		    T(r, str_eq_c(rest, "form-pdf") ? "audit.d.reg_form_pdf" :
		    "audit.d.reg_form_xlsx"));
	/* the IT-BCP document and the emergency card (page_bcp_doc.c) */
	if (str_eq_c(key, "bcp") && (str_eq_c(rest, "document-pdf") ||
	    str_eq_c(rest, "document-xlsx") || str_eq_c(rest, "card-pdf")))
		return arena_printf(&r->arena, "%s%s", T(r,
		    str_eq_c(rest, "card-pdf") ? "audit.d.bcp_card" :
		    "audit.d.bcp_doc"), T(r, str_eq_c(rest, "document-xlsx") ?
		    "audit.d.reg_xlsx" : "audit.d.reg_pdf"));
	if (str_eq_c(key, "regulations") && (str_eq_c(rest, "form-pdf") ||
	    str_eq_c(rest, "form-xlsx")))
		return arena_printf(&r->arena, "%s%s", T(r,
		    "reg.regulations.title"), T(r, str_eq_c(rest, "form-pdf") ?
		    "audit.d.regform_pdf" : "audit.d.regform_xlsx"));
	/* the inventories' workbook (page_matrix.c) */
	if (str_eq_c(key, "inventories") && str_eq_c(rest, "xlsx"))
		return arena_printf(&r->arena, "%s%s", T(r, "inv.title"),
		    T(r, "audit.d.reg_xlsx"));
	if (str_eq_c(key, "exercises") && str_eq_c(rest, "record-pdf"))
		return arena_printf(&r->arena, "%s%s", T(r,
		    "exercise.record_title"), T(r, "audit.d.reg_pdf"));
	rd = register_by_key(arena_cstr(&r->arena, key));
	if (rd == NULL || (!str_eq_c(rest, "csv") && !str_eq_c(rest, "xlsx") &&
	    !str_eq_c(rest, "ics")))
		return arena_cstr(&r->arena, d);
	return arena_printf(&r->arena, "%s%s", T(r, arena_printf(&r->arena,
	    "reg.%s.title", rd->key)), T(r, str_eq_c(rest, "csv") ?
	    "audit.d.reg_csv" : str_eq_c(rest, "ics") ? "audit.d.reg_ics" :
	    "audit.d.reg_xlsx"));
}

/* The detail of an export, "round 12 pdf", as "診断 No.12 の報告書（PDF）"
 * (older rows end in " (command line)"; the From column says that now). */
static const char *
audit_export(struct req *r, struct str d)
{
	struct str word, num, fmt, rest;
	const char *what;
	long id;
	int f;

	num = str_cut(d, ' ', &word);		/* "round" | "12 pdf…" */
	if (str_eq_c(word, "register"))
		return audit_reg_export(r, d, num);
	/* "bcp keizoku pdf": the continuity-plan certification draft */
	if (str_eq_c(word, "bcp") && (str_eq_c(num, "keizoku pdf") ||
	    str_eq_c(num, "keizoku xlsx")))
		return arena_printf(&r->arena, "%s%s", T(r, "keizoku.title"),
		    T(r, str_eq_c(num, "keizoku pdf") ? "audit.d.keizoku_pdf" :
		    "audit.d.keizoku_xlsx"));
	/* "hearing pdf", "pledge pdf": the advisor's documents */
	if ((str_eq_c(word, "hearing") || str_eq_c(word, "pledge")) &&
	    (str_eq_c(num, "pdf") || str_eq_c(num, "xlsx")))
		return arena_printf(&r->arena, "%s%s", T(r, str_eq_c(word,
		    "hearing") ? "hearing.file_title" : "pledge.title"),
		    T(r, str_eq_c(num, "pdf") ? "audit.d.keizoku_pdf" :
		    "audit.d.keizoku_xlsx"));
	fmt = str_cut(num, ' ', &num);		/* "12" | "pdf…" */
	rest = str_cut(fmt, ' ', &fmt);		/* "pdf" | "names" or none */
	if (!str_eq_c(word, "round") || fmt.p == NULL ||
	    str_to_long(num, 1, LONG_MAX, &id) != 0 ||
	    (f = report_format_from_key(arena_cstr(&r->arena, fmt))) < 0)
		return arena_cstr(&r->arena, d);
	what = Tn(r, arena_printf(&r->arena, "audit.d.export.%s",
	    report_format_key((enum report_format)f)), id, 0);
	/* The internal version, with the respondents' names. */
	if (rest.p != NULL && str_eq_c(rest, "names"))
		what = arena_printf(&r->arena, "%s %s", what,
		    T(r, "audit.d.export_names"));
	return what;
}

/* The three whole numbers a detail starts with, into v, and what follows
 * them into *rest; false when it does not start so (a row of an older or
 * newer kind, shown as written). */
static bool
audit_nums(struct str d, long v[3], struct str *rest)
{
	struct str f;
	int i;

	*rest = d;
	for (i = 0; i < 3; i++) {
		*rest = str_cut(*rest, ' ', &f);
		if (str_to_long(f, 0, LONG_MAX, &v[i]) != 0)
			return false;
	}
	return true;
}

/* "12 34 0 山田" (AUDIT_D_RESP) → "診断 No.12 · 回答者 No.34 · 山田". */
static const char *
audit_resp(struct req *r, struct str d)
{
	struct str name;
	long v[3];

	if (!audit_nums(d, v, &name) || v[0] < 1 || v[1] < 1)
		return arena_cstr(&r->arena, d);
	return arena_printf(&r->arena, "%s · %s%s%s",
	    Tn(r, "audit.d.round", v[0], 0), v[2] ? Tn(r,
	    "audit.d.resp_merge", v[1], v[2]) : Tn(r, "audit.d.resp", v[1],
	    0), name.n ? " · " : "", arena_cstr(&r->arena, name));
}

/* "12 150 300" (AUDIT_D_CAP) → "診断 No.12 · 上限 150人 → 300人". */
static const char *
audit_cap(struct req *r, struct str d)
{
	struct str rest;
	long v[3];

	if (!audit_nums(d, v, &rest) || v[0] < 1)
		return arena_cstr(&r->arena, d);
	return arena_printf(&r->arena, "%s · %s", Tn(r, "audit.d.round",
	    v[0], 0), Tn(r, "audit.d.cap", v[1], v[2]));
}

/* "assets 7 顧客名簿" (AUDIT_D_REG_ROW) → "情報資産 No.7 · 顧客名簿";
 * "assets 12" (AUDIT_D_REG_COUNT) → "情報資産 · 12行". */
static const char *
audit_reg(struct req *r, struct str d, bool count)
{
	const struct register_decl *rd;
	struct str word, rest;
	long n;

	rest = str_cut(d, ' ', &word);
	rd = register_by_key(arena_cstr(&r->arena, word));
	if (rd == NULL || rest.p == NULL)
		return arena_cstr(&r->arena, d);
	rest = str_cut(rest, ' ', &word);
	if (str_to_long(word, 1, LONG_MAX, &n) != 0)
		return arena_cstr(&r->arena, d);
	if (count)
		return arena_printf(&r->arena, "%s · %s", T(r, arena_printf(
		    &r->arena, "reg.%s.title", rd->key)), Tn(r,
		    "audit.d.rows", n, 0));
	return arena_printf(&r->arena, "%s · %s%s%s", T(r, arena_printf(
	    &r->arena, "reg.%s.title", rd->key)), Tn(r, "audit.d.row", n, 0),
	    rest.n ? " · " : "", arena_cstr(&r->arena, rest));
}

/* What a row's detail column holds, in words. */
static const char *
audit_detail_text(struct req *r, int ev, bool instance, struct str d)
{
	long n;

	if (ev < 0)
		return arena_cstr(&r->arena, d);
	switch (audit_ev_detail((enum audit_ev)ev)) {
	case AUDIT_D_ROLE:
		return audit_role(r, instance, d);
	case AUDIT_D_ROLE_CHANGE:
		return audit_role_change(r, instance, d);
	case AUDIT_D_COUNT:
		if (str_to_long(d, 0, 1000000, &n) == 0)
			return Tn(r, "audit.d.count", n, 0);
		break;
	case AUDIT_D_RISKS:
		if (str_to_long(d, 0, 1000000, &n) == 0)
			return Tn(r, "audit.d.risks", n, 0);
		break;
	case AUDIT_D_ROUND:
		if (str_to_long(d, 1, LONG_MAX, &n) == 0)
			return Tn(r, "audit.d.round", n, 0);
		break;
	case AUDIT_D_VERSION:
		if (str_to_long(d, 1, 1000000, &n) == 0)
			return Tn(r, "audit.d.version", n, 0);
		break;
	case AUDIT_D_EXPORT:
		return audit_export(r, d);
	case AUDIT_D_ONOFF:
		if (str_eq_c(d, "on") || str_eq_c(d, "off"))
			return T(r, str_eq_c(d, "on") ? "audit.d.share_on" :
			    "audit.d.share_off");
		break;
	case AUDIT_D_RESP:
		return audit_resp(r, d);
	case AUDIT_D_CAP:
		return audit_cap(r, d);
	case AUDIT_D_REG_ROW:
	case AUDIT_D_REG_COUNT:
		return audit_reg(r, d, audit_ev_detail((enum audit_ev)ev) ==
		    AUDIT_D_REG_COUNT);
	case AUDIT_D_NONE:
	case AUDIT_D_TEXT:
	case AUDIT_D__MAX:
		break;
	}
	return arena_cstr(&r->arena, d);
}

void
audit_table(struct page *p, int64_t org, const char *path)
{
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct db_stmt *st;
	struct page_slice sl;
	int64_t total = 0;
	int mark;

	c = db_acquire(db);
	st = db_stmt(c, STMT_AUDIT_COUNT);
	if (org > 0)
		db_bind_int(st, 1, org);
	else
		db_bind_null(st, 1);
	if (db_step(st) == DB_ROW)
		total = db_col_int(st, 0);
	(void)db_stmt(c, STMT_AUDIT_COUNT);	/* reset: no read left open */
	page_slice(r, (size_t)total, &sl);
	mark = page_table(p, NULL, NULL, T(r, "audit.at"), T(r, "audit.event"),
	    T(r, "audit.who"), T(r, "audit.detail"), T(r, "audit.addr"), NULL);
	st = db_stmt(c, STMT_AUDIT_LIST);
	if (org > 0)
		db_bind_int(st, 1, org);
	else
		db_bind_null(st, 1);
	db_bind_int(st, 2, PAGE_ROWS);
	db_bind_int(st, 3, (int64_t)sl.first);
	while (db_step(st) == DB_ROW) {
		int ev = audit_ev_from_key(db_col_text(st, 1));
		struct str addr = db_col_text(st, 3);

		page_row(p);
		page_td(p, page_datetime(r, db_col_int(st, 0)), NULL);
		/* a row of a newer version has no label here: say so in
		 * words rather than show its key */
		page_td(p, T(r, ev < 0 ? "audit.ev.other" :
		    arena_printf(&r->arena, "audit.ev.%s",
		    audit_ev_key((enum audit_ev)ev))), NULL);
		page_td_open(p, NULL);
		html_textn(&p->h, db_col_text(st, 4));
		html_close(&p->h);
		page_td(p, audit_detail_text(r, ev, db_col_int(st, 5) == 0,
		    db_col_text(st, 2)), NULL);
		if (str_eq_c(addr, AUDIT_ADDR_CLI))
			page_td(p, T(r, "audit.addr_cli"), NULL);
		else {
			page_td_open(p, NULL);
			html_textn(&p->h, addr);
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	db_release(db, c);
	html_close_to(&p->h, mark);
	page_pager(p, path, "", &sl);
}

int
page_org_audit(struct req *r)
{
	struct org o;
	struct page p;
	int st;

	if ((st = org_load(r, &o)) != 0)
		return st;
	page_begin(&p, r, T(r, "org.tab.audit"));
	page_org_subnav(&p, &o, "audit");
	page_h1(&p, T(r, "org.tab.audit"));
	audit_table(&p, o.id, arena_printf(&r->arena, "/o/%" PRId64 "/audit",
	    o.id));
	return page_end(&p, 200);
}
