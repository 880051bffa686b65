/*
 * page_matrix: the inventories (issue 15) beyond their registers' own
 * pages — the hub with the checks, the matrices of who may use each
 * device, shared folder and outside service (people as columns, the
 * legend as marks with their words for screen readers; an admin edits
 * the whole matrix as one form of selects, each row saved at the
 * revision it was shown at), the users' access page (people × devices
 * under their places), the workbook, and the checks as JSON.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/grants.h"
#include "model/inventory.h"
#include "model/org.h"
#include "model/register.h"
#include "pages/pages.h"
#include "render/xlsx.h"
#include "report/inventory_doc.h"

/* Form fields one matrix page may post, well under what the form parser
 * keeps (PARSE_MAX_PAIRS): the rows go by pages to stay under it. */
#define MATRIX_CELLS	450

/* Everything the inventories hold for one organisation, read once. */
struct inv_view {
	struct org			 org;
	struct register_row		*rows[INVL__MAX];	/* by id */
	size_t				 n[INVL__MAX];
	const struct register_row	**ord[INVL__MAX];	/* as shown */
	struct inv_rows			 in;
	struct inv_checks		 ck;
};

static const struct register_env *
env_of(struct req *r)
{
	return &req_app(r)->content.regenv;
}

/* Read the five inventories and run the checks: 0, or a status. */
static int
inv_read(struct req *r, struct inv_view *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc, k;

	memset(x, 0, sizeof(*x));
	if ((rc = page_org_get(r, r->org_id, &x->org)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	for (k = 0, rc = DB_OK; k < INVL__MAX && rc == DB_OK; k++)
		rc = register_list(c, env_of(r), register_of(
		    inventory_doc_kind[k]), r->org_id, &r->arena, &x->rows[k],
		    &x->n[k]);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	for (k = 0; k < INVL__MAX; k++) {
		const struct register_decl *d = register_of(
		    inventory_doc_kind[k]);
		struct register_query q;
		size_t *ix, m, i;

		register_query_init(d, &q);
		ix = register_select(d, x->rows[k], x->n[k], &q, &r->arena, &m);
		x->ord[k] = arena_alloc(&r->arena, (m + 1) * sizeof(*x->ord[k]));
		for (i = 0; i < m; i++)
			x->ord[k][i] = &x->rows[k][ix[i]];
	}
	x->in.people = x->rows[INVL_PEOPLE];
	x->in.n_people = x->n[INVL_PEOPLE];
	x->in.devices = x->rows[INVL_DEVICES];
	x->in.n_devices = x->n[INVL_DEVICES];
	x->in.shares = x->rows[INVL_SHARES];
	x->in.n_shares = x->n[INVL_SHARES];
	x->in.services = x->rows[INVL_SERVICES];
	x->in.n_services = x->n[INVL_SERVICES];
	x->in.addresses = x->rows[INVL_ADDRESSES];
	x->in.n_addresses = x->n[INVL_ADDRESSES];
	inventory_checks(env_of(r), &x->in, &r->arena, &x->ck);
	return 0;
}

static const char *
hub_url(struct req *r)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/inventories",
	    r->org_id);
}

static const char *
row_url(struct req *r, enum register_kind k, int64_t id)
{
	return arena_printf(&r->arena, "/o/%" PRId64 "/r/%s/%" PRId64,
	    r->org_id, register_of(k)->key, id);
}

static bool
gone(const struct register_row *p)
{
	return p->v[PPF_STATUS].set && p->v[PPF_STATUS].i == INV_GONE;
}

/* ---- the checks ---------------------------------------------------------- */

/* One check: its heading with the count, then its items (or "none"). */
static void
check_open(struct page *p, const char *key, size_t n)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", n > 0 ? "check check-bad" :
	    "check check-ok", "id", arena_printf(&r->arena, "check-%s", key),
	    "data-count", arena_printf(&r->arena, "%zu", n), NULL);
	html_elem(&p->h, "h3", Tn(r, arena_printf(&r->arena,
	    "inv.check.%s", key), (long)n, 0), NULL);
	if (n == 0)
		html_elem(&p->h, "p", T(r, "inv.check.none"), "class", "help",
		    NULL);
	else
		html_open(&p->h, "ul", NULL);
}

static void
check_close(struct page *p, size_t n)
{
	if (n > 0)
		html_close(&p->h);
	html_close(&p->h);
}

static void
checks_block(struct page *p, const struct inv_view *x)
{
	struct req *r = p->r;
	const struct inv_checks *ck = &x->ck;
	size_t i;

	html_open(&p->h, "section", "class", "checks", "id", "checks", NULL);
	html_elem(&p->h, "h2", T(r, "inv.checks_title"), NULL);
	check_open(p, "gone", ck->n_gone);
	for (i = 0; i < ck->n_gone; i++) {
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", ck->gone[i].name, "href", row_url(r,
		    REGISTER_PEOPLE, ck->gone[i].person), NULL);
		html_text(&p->h, Tf(r, "inv.check.gone_where", "devices",
		    arena_printf(&r->arena, "%zu", ck->gone[i].devices),
		    "shares", arena_printf(&r->arena, "%zu",
		    ck->gone[i].shares), "services", arena_printf(&r->arena,
		    "%zu", ck->gone[i].services), NULL));
		html_close(&p->h);
	}
	check_close(p, ck->n_gone);
	check_open(p, "lonely", ck->n_lonely);
	for (i = 0; i < ck->n_lonely; i++) {
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", ck->lonely[i]->v[SVF_NAME].s, "href",
		    row_url(r, REGISTER_SERVICES, ck->lonely[i]->id), NULL);
		html_close(&p->h);
	}
	check_close(p, ck->n_lonely);
	check_open(p, "twice", ck->n_dup);
	for (i = 0; i < ck->n_dup; i++)
		html_elem(&p->h, "li", Tf(r, "inv.check.twice_item", "address",
		    ck->dup[i].address, "n", arena_printf(&r->arena, "%zu",
		    ck->dup[i].n), NULL), NULL);
	check_close(p, ck->n_dup);
	check_open(p, "placeless", ck->n_placeless);
	for (i = 0; i < ck->n_placeless; i++) {
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", ck->placeless[i]->v[DVF_PRODUCT].s, "href",
		    row_url(r, REGISTER_DEVICES, ck->placeless[i]->id), NULL);
		html_close(&p->h);
	}
	check_close(p, ck->n_placeless);
	html_close(&p->h);
}

/* ---- the hub ------------------------------------------------------------- */

int
page_inventories(struct req *r)
{
	static const enum inv_list grids[] = { INVL_DEVICES, INVL_SHARES,
	    INVL_SERVICES };
	struct inv_view x;
	struct page p;
	size_t k;
	int st;

	if ((st = inv_read(r, &x)) != 0)
		return st;
	page_begin(&p, r, T(r, "inv.title"));
	page_org_subnav(&p, &x.org, "inventories");
	page_h1(&p, T(r, "inv.title"));
	html_elem(&p.h, "p", T(r, "inv.intro"), "class", "lead", NULL);
	html_elem(&p.h, "p", T(r, "inv.no_password"), "class", "help", NULL);
	html_open(&p.h, "ul", "class", "inv-lists", NULL);
	for (k = 0; k < INVL__MAX; k++) {
		const char *key = register_of(inventory_doc_kind[k])->key;

		html_open(&p.h, "li", NULL);
		html_elem(&p.h, "a", T(r, arena_printf(&r->arena,
		    "reg.%s.title", key)), "href", arena_printf(&r->arena,
		    "/o/%" PRId64 "/r/%s", r->org_id, key), NULL);
		html_text(&p.h, Tn(r, "inv.rows", (long)x.n[k], 0));
		html_close(&p.h);
	}
	html_close(&p.h);
	html_elem(&p.h, "h2", T(r, "inv.matrices"), NULL);
	html_open(&p.h, "ul", "class", "inv-lists", NULL);
	for (k = 0; k < sizeof(grids) / sizeof(grids[0]); k++) {
		const char *key = register_of(inventory_doc_kind[grids[k]])->key;

		html_open(&p.h, "li", NULL);
		html_elem(&p.h, "a", T(r, arena_printf(&r->arena,
		    "inv.matrix.%s", key)), "href", arena_printf(&r->arena,
		    "%s/%s", hub_url(r), key), NULL);
		html_close(&p.h);
	}
	html_open(&p.h, "li", NULL);
	html_elem(&p.h, "a", T(r, "inv.access_title"), "href",
	    arena_printf(&r->arena, "%s/access", hub_url(r)), NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "inv.download_xlsx"), "href",
	    arena_printf(&r->arena, "%s/export.xlsx", hub_url(r)), "class",
	    "btn btn-secondary", "download", "", NULL);
	html_close(&p.h);
	checks_block(&p, &x);
	return page_end(&p, 200);
}

/* ---- the matrices -------------------------------------------------------- */

/* The inventory of a matrix path ({reg}): devices, shares, services. */
static int
grid_of(struct req *r)
{
	const char *key = req_param(r, "reg");

	if (key == NULL)
		return -1;
	if (strcmp(key, "devices") == 0)
		return INVL_DEVICES;
	if (strcmp(key, "shares") == 0)
		return INVL_SHARES;
	if (strcmp(key, "services") == 0)
		return INVL_SERVICES;
	return -1;
}

/* The legend of ks: each mark with its words. */
static void
legend(struct page *p, enum register_keyset ks)
{
	struct req *r = p->r;
	const struct register_keys *k = &env_of(r)->ks[ks];
	int l = page_lang_of(r);
	size_t i;

	html_open(&p->h, "dl", "class", "legend", "aria-label",
	    T(r, "inv.legend"), NULL);
	for (i = 0; i <= k->n; i++) {
		html_elem(&p->h, "dt", grants_mark(ks, i < k->n ? (int)i : -1),
		    "aria-hidden", "true", NULL);
		html_elem(&p->h, "dd", i < k->n ? (k->label[l] != NULL ?
		    k->label[l][i] : k->key[i]) : T(r, "inv.grant.none"),
		    NULL);
	}
	html_close(&p->h);
}

/* A mark, with its words for screen readers. */
static void
mark(struct page *p, enum register_keyset ks, int key)
{
	struct req *r = p->r;
	const struct register_keys *k = &env_of(r)->ks[ks];
	int l = page_lang_of(r);

	html_elem(&p->h, "span", grants_mark(ks, key), "aria-hidden", "true",
	    "class", "mark", NULL);
	html_elem(&p->h, "span", key >= 0 && (size_t)key < k->n ?
	    (k->label[l] != NULL ? k->label[l][key] : k->key[key]) :
	    T(r, "inv.grant.none"), "class", "vh", NULL);
}

/* What a matrix page shows beyond the rows: the user's own choices when
 * shown again (NULL: the stored ones), and the rows refused. */
struct grid_form {
	const char	**posted;	/* [row index * np + person] or NULL */
	const char	**err;		/* [row index]: an error, or NULL */
	bool		 *stale;	/* [row index]: changed meanwhile */
};

/* The rows of page ?page=N of a matrix of m rows and np people: *first,
 * *end; the number of pages. */
static size_t
grid_slice(struct req *r, size_t m, size_t np, size_t *first, size_t *end,
    size_t *page)
{
	const char *v = req_query(r, "page");
	size_t per = MATRIX_CELLS / (np + 1), pages;
	long n = 1;

	if (per == 0)
		per = 1;
	pages = m == 0 ? 1 : (m + per - 1) / per;
	if (v == NULL || str_to_long(str_c(v), 1, 1L << 30, &n) != 0)
		n = 1;
	if ((size_t)n > pages)
		n = (long)pages;
	*page = (size_t)n;
	*first = ((size_t)n - 1) * per;
	*end = *first + per < m ? *first + per : m;
	return pages;
}

static int
grid_page(struct req *r, struct inv_view *x, enum inv_list l,
    const struct grid_form *f, const char *notice, const char *kind,
    int status)
{
	const struct register_decl *d = register_of(inventory_doc_kind[l]);
	int g = inventory_grants_field(d), lg = page_lang_of(r);
	enum register_keyset ks = d->f[g].keys;
	const struct register_keys *k = &env_of(r)->ks[ks];
	size_t np = x->n[INVL_PEOPLE], m = x->n[l], i, j, first, end, page;
	size_t pages = grid_slice(r, m, np, &first, &end, &page);
	const char *title = T(r, arena_printf(&r->arena, "inv.matrix.%s",
	    d->key));
	const char *self = arena_printf(&r->arena, "%s/%s", hub_url(r),
	    d->key);
	bool admin = page_can_admin(r);
	struct page p;

	page_begin(&p, r, title);
	page_org_subnav(&p, &x->org, "inventories");
	page_h1(&p, title);
	if (notice != NULL)
		page_notice(&p, kind, notice);
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "inv.back"), "href", hub_url(r), NULL);
	html_text(&p.h, " · ");
	html_elem(&p.h, "a", T(r, arena_printf(&r->arena, "reg.%s.title",
	    d->key)), "href", arena_printf(&r->arena, "/o/%" PRId64 "/r/%s",
	    r->org_id, d->key), NULL);
	html_close(&p.h);
	legend(&p, ks);
	if (np == 0 || m == 0) {
		html_elem(&p.h, "p", T(r, np == 0 ? "inv.no_people" :
		    "inv.no_rows"), "class", "help", NULL);
		checks_block(&p, x);
		return page_end(&p, status);
	}
	if (admin)
		form_open(&p, pages > 1 ? arena_printf(&r->arena,
		    "%s?page=%zu", self, page) : self, NULL);
	html_open(&p.h, "div", "class", "matrix-wrap", "tabindex", "0",
	    "role", "region", "aria-label", title, NULL);
	html_open(&p.h, "table", "class", "matrix", NULL);
	html_open(&p.h, "thead", NULL);
	html_open(&p.h, "tr", NULL);
	html_elem(&p.h, "th", T(r, arena_printf(&r->arena, "reg.%s.f.%s",
	    d->key, d->f[d->title].key)), "scope", "col", NULL);
	for (j = 0; j < np; j++) {
		const struct register_row *pp = x->ord[INVL_PEOPLE][j];

		html_open(&p.h, "th", "scope", "col", "class", gone(pp) ?
		    "person gone" : "person", NULL);
		html_text(&p.h, pp->v[PPF_NAME].s);
		if (gone(pp))
			html_elem(&p.h, "small", T(r, "inv.status.gone"), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	html_close(&p.h);
	html_open(&p.h, "tbody", NULL);
	for (i = first; i < end; i++) {
		const struct register_row *row = x->ord[l][i];

		html_open(&p.h, "tr", "id", arena_printf(&r->arena, "row-%"
		    PRId64, row->id), "class", f != NULL && f->stale[i] ?
		    "stale" : NULL, NULL);
		html_open(&p.h, "th", "scope", "row", NULL);
		html_elem(&p.h, "a", row->v[d->title].s, "href", row_url(r,
		    inventory_doc_kind[l], row->id), NULL);
		if (admin)
			html_void(&p.h, "input", "type", "hidden", "name",
			    arena_printf(&r->arena, "rev.%" PRId64, row->id),
			    "value", arena_printf(&r->arena, "%" PRId64,
			    row->rev), NULL);
		if (f != NULL && f->err[i] != NULL)
			html_elem(&p.h, "span", f->err[i], "class",
			    "field-error", "role", "alert", NULL);
		if (f != NULL && f->stale[i])
			html_elem(&p.h, "span", T(r, "inv.row_stale"), "class",
			    "field-error", NULL);
		html_close(&p.h);
		for (j = 0; j < np; j++) {
			const struct register_row *pp = x->ord[INVL_PEOPLE][j];
			int cur = grants_get(k, &row->v[g], pp->id);
			const char *want = f != NULL && f->posted != NULL ?
			    f->posted[i * np + j] : NULL;
			size_t o;

			if (!admin) {
				html_open(&p.h, "td", "class", arena_printf(
				    &r->arena, "g g%d", cur + 1), NULL);
				mark(&p, ks, cur);
				html_close(&p.h);
				continue;
			}
			html_open(&p.h, "td", NULL);
			html_open(&p.h, "select", "name", arena_printf(
			    &r->arena, "g.%" PRId64 ".%" PRId64, row->id,
			    pp->id), "aria-label", arena_printf(&r->arena,
			    "%s — %s", row->v[d->title].s, pp->v[PPF_NAME].s),
			    NULL);
			for (o = 0; o <= k->n; o++) {
				const char *val = o == 0 ? "" : k->key[o - 1];
				bool on = want != NULL ? strcmp(want, val) == 0 :
				    (int)o == cur + 1;

				html_elem(&p.h, "option", arena_printf(
				    &r->arena, "%s %s", grants_mark(ks,
				    (int)o - 1), o == 0 ? T(r, "inv.grant.none") :
				    k->label[lg] != NULL ? k->label[lg][o - 1] :
				    val), "value", val, "selected", on ? "" :
				    NULL, NULL);
			}
			html_close(&p.h);
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	html_close(&p.h);
	html_close(&p.h);
	html_close(&p.h);
	if (admin) {
		form_submit(&p, T(r, "inv.save_matrix"), NULL);
		html_close(&p.h);
	}
	if (pages > 1) {
		struct page_slice s = { .total = m, .first = first, .end = end,
		    .page = page, .pages = pages };

		page_pager(&p, self, "", &s);
	}
	checks_block(&p, x);
	return page_end(&p, status);
}

int
page_inv_matrix(struct req *r)
{
	struct inv_view x;
	int l = grid_of(r), st;

	if (l < 0)
		return 404;
	if ((st = inv_read(r, &x)) != 0)
		return st;
	return grid_page(r, &x, (enum inv_list)l, NULL, req_query(r,
	    "saved") != NULL ? T(r, "inv.saved") : NULL, "ok", 200);
}

/* POST: every row shown, each saved when it changed, at the revision it
 * was shown at.  A row changed meanwhile: nothing saved, 409 with the
 * user's choices kept (and the rows' new revisions, so that saving again
 * keeps them). */
int
page_inv_matrix_post(struct req *r)
{
	const struct register_env *e = env_of(r);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	struct inv_view x;
	struct grid_form f;
	const struct register_decl *d;
	const struct register_keys *k;
	struct register_row *nrow;
	size_t np, m, i, j, nchanged = 0, nstale = 0, nbad = 0;
	bool *changed;
	long pg;
	int l = grid_of(r), g, st;

	if (l < 0)
		return 404;
	if ((st = inv_read(r, &x)) != 0)
		return st;
	d = register_of(inventory_doc_kind[l]);
	g = inventory_grants_field(d);
	k = &e->ks[d->f[g].keys];
	np = x.n[INVL_PEOPLE];
	m = x.n[l];
	f.posted = arena_alloc(&r->arena, (m * np + 1) * sizeof(*f.posted));
	f.err = arena_alloc(&r->arena, (m + 1) * sizeof(*f.err));
	f.stale = arena_alloc(&r->arena, (m + 1) * sizeof(*f.stale));
	changed = arena_alloc(&r->arena, (m + 1) * sizeof(*changed));
	nrow = arena_alloc(&r->arena, (m + 1) * sizeof(*nrow));
	for (i = 0; i < m; i++) {
		const struct register_row *row = x.ord[l][i];
		const char *rv = req_field(r, arena_printf(&r->arena,
		    "rev.%" PRId64, row->id));
		struct buf b = BUF_INIT;
		struct register_errs errs = { 0 };
		long rev, a, bb;
		enum rf_err rc;

		f.err[i] = NULL;
		f.stale[i] = false;
		changed[i] = false;
		for (j = 0; j < np; j++)
			f.posted[i * np + j] = NULL;
		/* a row added since the page was shown: not on the form */
		if (rv == NULL)
			continue;
		if (str_to_long(str_c(rv), 0, INT64_MAX / 2, &rev) != 0)
			return 400;
		/* the stored access, then each choice posted over it (a
		 * person added meanwhile keeps theirs) */
		for (j = 0; j < np; j++) {
			const struct register_row *pp = x.ord[INVL_PEOPLE][j];
			const char *v = req_field(r, arena_printf(&r->arena,
			    "g.%" PRId64 ".%" PRId64, row->id, pp->id));
			int cur = grants_get(k, &row->v[g], pp->id);

			f.posted[i * np + j] = v;
			if (v == NULL && cur >= 0)
				buf_printf(&b, "%s%" PRId64 "=%s", b.n ? "," :
				    "", pp->id, k->key[cur]);
			else if (v != NULL && v[0] != '\0')
				buf_printf(&b, "%s%" PRId64 "=%s", b.n ? "," :
				    "", pp->id, v);
		}
		nrow[i] = *row;
		rc = register_value(e, &d->f[g], b.p ? b.p : "", &r->arena,
		    &nrow[i].v[g], &a, &bb);
		buf_free(&b);
		if (rc != RFE_OK) {
			register_err_add(&errs, g, d->f[g].key, rc, a, bb);
			f.err[i] = page_err_text(r, &errs.e[0]);
			nbad++;
			continue;
		}
		if (!register_differs(&d->f[g], &row->v[g], &nrow[i].v[g]))
			continue;
		changed[i] = true;
		nchanged++;
		if (rev != row->rev) {
			f.stale[i] = true;
			nstale++;
		}
	}
	/* a cell for someone who is not one of this organisation's people
	 * (a form edited by hand): refused, naming them */
	for (j = 0; j < r->form.n; j++) {
		const struct kv *kv = &r->form.v[j];
		struct register_errs errs = { 0 };
		long long rid, pid;
		char tail;
		size_t q;

		if (kv->key.n < 2 || memcmp(kv->key.p, "g.", 2) != 0 ||
		    sscanf(arena_strndup(&r->arena, kv->key.p, kv->key.n),
		    "g.%lld.%lld%c", &rid, &pid, &tail) != 2)
			continue;
		for (i = 0; i < m && x.ord[l][i]->id != rid; i++)
			;
		for (q = 0; q < np && x.ord[INVL_PEOPLE][q]->id != pid; q++)
			;
		if (i == m || q < np || f.err[i] != NULL)
			continue;
		register_err_add(&errs, g, d->f[g].key, RFE_GRANT_REF, 0, 0);
		errs.e[0].what = arena_printf(&r->arena, "%lld", pid);
		f.err[i] = page_err_text(r, &errs.e[0]);
		nbad++;
	}
	if (nbad > 0)
		return grid_page(r, &x, (enum inv_list)l, &f,
		    T(r, "inv.matrix_invalid"), "error", PAGE_INVALID);
	if (nstale > 0)
		return grid_page(r, &x, (enum inv_list)l, &f,
		    T(r, "inv.matrix_stale"), "error", 409);
	{
		/* every changed row in one write: all saved, or none */
		struct register_edit *ed = arena_alloc(&r->arena, (m + 1) *
		    sizeof(*ed));
		size_t *at = arena_alloc(&r->arena, (m + 1) * sizeof(*at));
		struct register_errs errs = { 0 };
		size_t ne = 0, bad;
		int rc;

		for (i = 0; i < m; i++)
			if (changed[i]) {
				ed[ne].id = x.ord[l][i]->id;
				ed[ne].rev = x.ord[l][i]->rev;
				ed[ne].row = &nrow[i];
				at[ne++] = i;
			}
		rc = register_save_many(req_app(r)->db, e, d, r->org_id, &who,
		    ed, ne, &bad, &errs);
		if (rc == REGISTER_STALE || rc == REGISTER_GONE) {
			/* changed between the read and this save: nothing
			 * stored; the user's choices kept on the rows as
			 * they are now */
			struct inv_view y;

			if ((st = inv_read(r, &y)) != 0)
				return st;
			log_info("inventory", "matrix %s: row %" PRId64
			    " changed while saving", d->key, ed[bad].id);
			return grid_page(r, &y, (enum inv_list)l, NULL,
			    T(r, "inv.matrix_stale"), "error", 409);
		}
		if (rc == REGISTER_BAD_REF || rc == REGISTER_INVALID) {
			f.err[at[bad]] = errs.n > 0 ? page_err_text(r,
			    &errs.e[0]) : T(r, "inv.matrix_invalid");
			return grid_page(r, &x, (enum inv_list)l, &f,
			    T(r, "inv.matrix_invalid"), "error", PAGE_INVALID);
		}
		if (rc != DB_OK)
			return 503;
	}
	/* back to the page posted (a number, never the text as sent) */
	if (req_query(r, "page") == NULL || str_to_long(str_c(req_query(r,
	    "page")), 1, 1L << 30, &pg) != 0)
		pg = 1;
	return req_redirect(r, arena_printf(&r->arena, "%s/%s?saved=%zu%s",
	    hub_url(r), d->key, nchanged, pg > 1 ? arena_printf(&r->arena,
	    "&page=%ld", pg) : ""));
}

/* ---- one person's access ------------------------------------------------- */

void
page_inv_person_access(struct page *p, int64_t id)
{
	static const enum inv_list grids[] = { INVL_DEVICES, INVL_SHARES,
	    INVL_SERVICES };
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	size_t k, i, shown = 0;
	int lg = page_lang_of(r);

	html_open(&p->h, "section", "class", "person-access", "id", "access",
	    NULL);
	html_elem(&p->h, "h2", T(r, "inv.person_access"), NULL);
	for (k = 0; k < sizeof(grids) / sizeof(grids[0]); k++) {
		const struct register_decl *d = register_of(
		    inventory_doc_kind[grids[k]]);
		int g = inventory_grants_field(d);
		enum register_keyset ks = d->f[g].keys;
		const struct register_keys *keys = &env_of(r)->ks[ks];
		struct register_row *rows;
		struct register_query q;
		size_t n, m, *ix, here = 0;
		int rc;

		c = db_acquire(db);
		rc = register_list(c, env_of(r), d, r->org_id, &r->arena, &rows,
		    &n);
		db_release(db, c);
		if (rc != DB_OK)
			continue;
		register_query_init(d, &q);
		ix = register_select(d, rows, n, &q, &r->arena, &m);
		for (i = 0; i < m; i++) {
			const struct register_row *row = &rows[ix[i]];
			int key = grants_get(keys, &row->v[g], id);

			if (key < 0)
				continue;
			if (here++ == 0) {
				html_elem(&p->h, "h3", T(r, arena_printf(
				    &r->arena, "reg.%s.title", d->key)), NULL);
				html_open(&p->h, "ul", "data-reg", d->key, NULL);
			}
			html_open(&p->h, "li", NULL);
			html_elem(&p->h, "a", row->v[d->title].s, "href",
			    row_url(r, inventory_doc_kind[grids[k]], row->id),
			    NULL);
			html_text(&p->h, arena_printf(&r->arena, "%s%s",
			    T(r, "reg.colon"), keys->label[lg] != NULL ?
			    keys->label[lg][key] : keys->key[key]));
			html_close(&p->h);
		}
		if (here > 0)
			html_close(&p->h);
		shown += here;
	}
	if (shown == 0)
		html_elem(&p->h, "p", T(r, "inv.person_none"), "class", "help",
		    NULL);
	html_close(&p->h);
}

/* ---- the users' access page ---------------------------------------------- */

int
page_inv_access(struct req *r)
{
	const struct register_keys *k = &env_of(r)->ks[KS_GRANT_RW];
	struct inv_view x;
	struct page p;
	const struct register_row **dev;
	size_t nd, np, i, j, g0;
	int st;

	if ((st = inv_read(r, &x)) != 0)
		return st;
	nd = x.n[INVL_DEVICES];
	np = x.n[INVL_PEOPLE];
	/* the devices under their places, in the order of the devices
	 * register (by place), the placeless last */
	dev = arena_alloc(&r->arena, (nd + 1) * sizeof(*dev));
	for (i = 0, j = 0; i < nd; i++)
		if (x.ord[INVL_DEVICES][i]->v[DVF_PLACE].set)
			dev[j++] = x.ord[INVL_DEVICES][i];
	for (i = 0; i < nd; i++)
		if (!x.ord[INVL_DEVICES][i]->v[DVF_PLACE].set)
			dev[j++] = x.ord[INVL_DEVICES][i];
	page_begin(&p, r, T(r, "inv.access_title"));
	page_org_subnav(&p, &x.org, "inventories");
	page_h1(&p, T(r, "inv.access_title"));
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "inv.back"), "href", hub_url(r), NULL);
	html_close(&p.h);
	html_elem(&p.h, "p", T(r, "inv.access_intro"), "class", "lead", NULL);
	legend(&p, KS_GRANT_RW);
	if (np == 0 || nd == 0) {
		html_elem(&p.h, "p", T(r, np == 0 ? "inv.no_people" :
		    "inv.no_devices"), "class", "help", NULL);
		return page_end(&p, 200);
	}
	html_open(&p.h, "div", "class", "matrix-wrap", "tabindex", "0",
	    "role", "region", "aria-label", T(r, "inv.access_title"), NULL);
	html_open(&p.h, "table", "class", "matrix access", NULL);
	html_open(&p.h, "thead", NULL);
	/* first header row: the people's columns, then each place over
	 * its devices */
	html_open(&p.h, "tr", NULL);
	html_elem(&p.h, "th", T(r, "reg.people.f.name"), "scope", "col",
	    "rowspan", "2", NULL);
	html_elem(&p.h, "th", T(r, "reg.people.f.role"), "scope", "col",
	    "rowspan", "2", "class", "aside", NULL);
	for (g0 = 0; g0 < nd; g0 = j) {
		const struct register_val *pl = &dev[g0]->v[DVF_PLACE];

		for (j = g0 + 1; j < nd && (pl->set ?
		    dev[j]->v[DVF_PLACE].set && strcmp(dev[j]->v[DVF_PLACE].s,
		    pl->s) == 0 : !dev[j]->v[DVF_PLACE].set); j++)
			;
		html_elem(&p.h, "th", pl->set ? pl->s : T(r, "inv.no_place"),
		    "scope", "colgroup", "colspan", arena_printf(&r->arena,
		    "%zu", j - g0), "class", "place", NULL);
	}
	html_close(&p.h);
	html_open(&p.h, "tr", NULL);
	for (i = 0; i < nd; i++)
		html_elem(&p.h, "th", dev[i]->v[DVF_PRODUCT].s, "scope", "col",
		    NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_open(&p.h, "tbody", NULL);
	for (j = 0; j < np; j++) {
		const struct register_row *pp = x.ord[INVL_PEOPLE][j];

		html_open(&p.h, "tr", "class", gone(pp) ? "gone" : NULL, NULL);
		html_open(&p.h, "th", "scope", "row", NULL);
		html_elem(&p.h, "a", pp->v[PPF_NAME].s, "href", row_url(r,
		    REGISTER_PEOPLE, pp->id), NULL);
		if (gone(pp))
			html_elem(&p.h, "small", T(r, "inv.status.gone"), NULL);
		html_close(&p.h);
		html_elem(&p.h, "td", pp->v[PPF_ROLE].s, "class", "aside",
		    NULL);
		for (i = 0; i < nd; i++) {
			int cur = grants_get(k, &dev[i]->v[DVF_ACCESS], pp->id);

			html_open(&p.h, "td", "class", arena_printf(&r->arena,
			    "g g%d", cur + 1), NULL);
			mark(&p, KS_GRANT_RW, cur);
			html_close(&p.h);
		}
		html_close(&p.h);
	}
	html_close(&p.h);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, 200);
}

/* ---- the workbook ---------------------------------------------------------- */

struct inv_xlsx_job {
	struct doc	 d;
	struct buf	 out;
	const char	*org;
	int64_t		 now;
	char		 err[256];
	int		 rc;
};

static void
inv_xlsx_work(void *arg)
{
	struct inv_xlsx_job *j = arg;

	j->rc = xlsx_render(&j->d, &j->out, j->err, sizeof(j->err));
}

int
page_inv_xlsx(struct req *r)
{
	struct inventory_doc_in in;
	struct inv_xlsx_job *j;
	struct inv_view x;
	struct report_fname name;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int st, k;

	if (r->resumed) {
		j = r->work_arg;
		if (j->rc != XLSX_OK) {
			log_err("inventory", "xlsx: %s", j->err);
			buf_free(&j->out);
			return 503;
		}
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		buf_free(&j->out);
		if (r->out.err)
			return 503;
		name = report_fname(&r->arena, j->org, T(r, "inv.title"),
		    "inventories", j->now, report_format_key(REPORT_XLSX));
		page_disposition(r, "attachment", name.ascii, name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    "register inventories xlsx", req_addr(r));
		db_release(db, c);
		return req_send(r, 200, report_ctype(REPORT_XLSX));
	}
	if ((st = inv_read(r, &x)) != 0)
		return st;
	memset(&in, 0, sizeof(in));
	in.ct = &req_app(r)->content;
	in.lang = (enum lang)page_lang_of(r);
	for (k = 0; k < INVL__MAX; k++) {
		in.rows[k] = x.ord[k];
		in.n[k] = x.n[k];
	}
	in.org = x.org.name;
	in.now = account_now();
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	inventory_doc_build(&in, &r->arena, &j->d);
	buf_init(&j->out, 0);
	j->org = x.org.name;
	j->now = in.now;
	return req_offload(r, inv_xlsx_work, j);
}

/* ---- the checks as JSON ------------------------------------------------------ */

int
page_api_inv_checks(struct req *r)
{
	const struct inv_checks *ck;
	struct inv_view x;
	size_t i;
	int st;

	if ((st = inv_read(r, &x)) != 0)
		return st;
	ck = &x.ck;
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"gone_with_access\": [");
	for (i = 0; i < ck->n_gone; i++) {
		buf_printf(&r->out, "%s{\"person\": %" PRId64 ", \"name\": ",
		    i ? ", " : "", ck->gone[i].person);
		esc_json(&r->out, str_c(ck->gone[i].name));
		buf_printf(&r->out, ", \"devices\": %zu, \"shares\": %zu, "
		    "\"services\": %zu}", ck->gone[i].devices,
		    ck->gone[i].shares, ck->gone[i].services);
	}
	buf_adds(&r->out, "], \"services_nobody_may_use\": [");
	for (i = 0; i < ck->n_lonely; i++) {
		buf_printf(&r->out, "%s{\"service\": %" PRId64 ", \"name\": ",
		    i ? ", " : "", ck->lonely[i]->id);
		esc_json(&r->out, str_c(ck->lonely[i]->v[SVF_NAME].s));
		buf_addc(&r->out, '}');
	}
	buf_adds(&r->out, "], \"addresses_used_twice\": [");
	for (i = 0; i < ck->n_dup; i++) {
		buf_adds(&r->out, i ? ", {\"address\": " : "{\"address\": ");
		esc_json(&r->out, str_c(ck->dup[i].address));
		buf_printf(&r->out, ", \"rows\": %zu}", ck->dup[i].n);
	}
	buf_adds(&r->out, "], \"devices_without_place\": [");
	for (i = 0; i < ck->n_placeless; i++) {
		buf_printf(&r->out, "%s{\"device\": %" PRId64 ", \"product\": ",
		    i ? ", " : "", ck->placeless[i]->id);
		esc_json(&r->out, str_c(ck->placeless[i]->v[DVF_PRODUCT].s));
		buf_addc(&r->out, '}');
	}
	buf_adds(&r->out, "]}\n");
	if (r->out.err)
		return 503;
	return page_json(r, 200);
}
