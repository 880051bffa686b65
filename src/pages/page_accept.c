/*
 * page_accept: the executive accepts the risks left after treatment.  The
 * page lists every risk with its value, band and treatment, says who
 * accepted last, when, and what changed since (a risk added, changed or
 * deleted asks for a new acceptance), and — for the organisation admin
 * only, the executive; an advisor prepares but does not decide — takes
 * the acceptance after a confirmation, with a note.  The form carries each
 * risk's revision: a risk changed meanwhile shows the page again, nothing
 * stored.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/acceptance.h"
#include "pages/pages.h"

/* The page; note (as typed) and err (or NULL) for the form. */
static int
accept_page(struct req *r, const char *note, const char *err,
    const char *notice, int status)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = register_of(REGISTER_RISKS);
	struct db *db = req_app(r)->db;
	struct register_row *rows;
	struct register_query q;
	struct acceptance a;
	struct acceptance_diff diff;
	struct db_conn *c;
	struct page p;
	size_t n, k, m, *ix;
	int fa = register_field(d, "asset"), ft = register_field(d, "threat");
	int fv = register_field(d, "value"), fb = register_field(d, "band");
	int fr = register_field(d, "treatment");
	int rc, mark;
	bool due;

	c = db_acquire(db);
	rc = register_list(c, e, d, r->org_id, &r->arena, &rows, &n);
	if (rc == DB_OK)
		rc = acceptance_latest(c, &r->arena, r->org_id, &a);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	register_query_init(d, &q);
	ix = register_select(d, rows, n, &q, &r->arena, &m);
	due = acceptance_due(d, &a, rows, n, &diff);

	page_begin(&p, r, T(r, "accept.title"));
	html_elem(&p.h, "a", T(r, "reg.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/r/risks", r->org_id), "class", "back",
	    NULL);
	page_h1(&p, T(r, "accept.title"));
	if (notice != NULL)
		page_notice(&p, status < 400 ? "ok" : "error", notice);
	html_elem(&p.h, "p", T(r, "accept.intro"), "class", "lead", NULL);
	if (a.at == 0)
		page_notice(&p, "info", T(r, "accept.never"));
	else {
		html_elem(&p.h, "p", Tf(r, "accept.last", "who", a.who[0] ?
		    a.who : T(r, "reg.someone"), "when", page_datetime(r,
		    a.at), "n", arena_printf(&r->arena, "%zu", a.n), NULL),
		    "class", "accept-last", NULL);
		if (a.note[0] != '\0')
			html_elem(&p.h, "blockquote", a.note, "class",
			    "accept-note", NULL);
		page_notice(&p, due ? "error" : "ok", due ? Tf(r,
		    "accept.due", "added", arena_printf(&r->arena, "%zu",
		    diff.added), "changed", arena_printf(&r->arena, "%zu",
		    diff.changed), "removed", arena_printf(&r->arena, "%zu",
		    diff.removed), NULL) : T(r, "accept.current"));
	}
	if (n == 0) {
		html_elem(&p.h, "p", T(r, "accept.none"), NULL);
		return page_end(&p, status);
	}
	mark = page_table(&p, NULL, T(r, "accept.caption"),
	    T(r, "reg.risks.f.asset"), T(r, "reg.risks.f.threat"),
	    T(r, "reg.risks.f.value"), T(r, "reg.risks.f.band"),
	    T(r, "reg.risks.f.treatment"), T(r, "accept.state"), NULL);
	for (k = 0; k < m; k++) {
		const struct register_row *row = &rows[ix[k]];
		const struct register_val *v;

		page_row(&p);
		page_td_open(&p, NULL);
		html_elem(&p.h, "a", row->v[fa].s[0] ? row->v[fa].s :
		    Tn(r, "reg.row_no", (long)row->v[fa].i, 0), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/risks/%" PRId64,
		    r->org_id, row->id), NULL);
		html_close(&p.h);
		page_td(&p, register_label(e, &d->f[ft], &row->v[ft], r->lang),
		    NULL);
		v = &row->v[fv];
		page_td(&p, v->set ? arena_printf(&r->arena, "%lld",
		    (long long)v->i) : "", "num");
		page_td(&p, register_label(e, &d->f[fb], &row->v[fb], r->lang),
		    NULL);
		page_td(&p, row->v[fr].set ? register_label(e, &d->f[fr],
		    &row->v[fr], r->lang) : T(r, "accept.no_treatment"), NULL);
		page_td(&p, a.at == 0 ? T(r, "accept.st_new") :
		    acceptance_holds(&a, row->id, row->rev) ?
		    T(r, "accept.st_ok") : T(r, "accept.st_changed"), NULL);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);

	if (r->auth.org_role != ORG_ADMIN) {
		page_notice(&p, "info", T(r, "accept.admin_only"));
		return page_end(&p, status);
	}
	form_open(&p, arena_printf(&r->arena, "/o/%" PRId64
	    "/r/risks/accept", r->org_id), NULL);
	/* the revisions the executive sees: a risk changed meanwhile is not
	 * accepted unseen */
	for (k = 0; k < n; k++)
		html_void(&p.h, "input", "type", "hidden", "name", "risk",
		    "value", arena_printf(&r->arena, "%" PRId64 ":%" PRId64,
		    rows[k].id, rows[k].rev), NULL);
	form_field_max(&p, "note", NULL, ACCEPT_NOTE_MAX, T(r, "accept.note"),
	    T(r, "accept.note_help"), note, err, "off", false);
	html_open(&p.h, "p", "class", "check", NULL);
	html_open(&p.h, "label", NULL);
	html_void(&p.h, "input", "type", "checkbox", "name", "confirm",
	    "value", "1", "required", "", NULL);
	html_text(&p.h, T(r, "accept.confirm"));
	html_close(&p.h);
	html_close(&p.h);
	form_submit(&p, T(r, "accept.submit"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_accept(struct req *r)
{
	return accept_page(r, "", NULL, req_query(r, "done") ?
	    T(r, "accept.done") : NULL, 200);
}

int
page_accept_post(struct req *r)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = register_of(REGISTER_RISKS);
	struct db *db = req_app(r)->db;
	struct register_row *rows;
	struct db_conn *c;
	const char *note, *confirm = req_field(r, "confirm");
	size_t n, k, i, seen = 0;
	int rc;

	/* the executive decides; an advisor prepares */
	if (r->auth.org_role != ORG_ADMIN)
		return 403;
	{
		/* read as a register's long text is: trimmed, checked */
		static const struct rf_decl nf = { "note", RF_LONG, false,
		    false, false, 0, ACCEPT_NOTE_MAX, KS_NONE, 0 };
		struct register_val v;
		enum rf_err fe;
		long a, b;

		note = req_field(r, "note") ? req_field(r, "note") : "";
		fe = register_value(e, &nf, note, &r->arena, &v, &a, &b);
		if (fe != RFE_OK)
			return accept_page(r, note, Tn(r, arena_printf(
			    &r->arena, "reg.err.%s", register_err_key(fe)), a,
			    b), NULL, PAGE_INVALID);
		note = v.s;
	}
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return accept_page(r, note, NULL, T(r, "accept.confirm_first"),
		    PAGE_INVALID);
	c = db_acquire(db);
	rc = register_list(c, e, d, r->org_id, &r->arena, &rows, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	/* each risk at the revision the page showed, and nothing else */
	for (k = 0; k < r->form.n; k++) {
		const struct kv *kv = &r->form.v[k];
		long long id, rev;

		if (!str_eq_c(kv->key, "risk"))
			continue;
		seen++;
		if (sscanf(kv->val.p, "%lld:%lld", &id, &rev) != 2)
			return 400;
		for (i = 0; i < n && rows[i].id != id; i++)
			;
		if (i == n || rows[i].rev != rev)
			return accept_page(r, note, NULL, T(r, "accept.stale"),
			    409);
	}
	if (seen != n || n == 0)
		return accept_page(r, note, NULL, T(r, n == 0 ? "accept.none" :
		    "accept.stale"), 409);
	rc = acceptance_accept(db, d, r->org_id, r->auth.user_id,
	    req_addr(r), rows, n, note);
	if (rc == REGISTER_STALE)
		return accept_page(r, note, NULL, T(r, "accept.stale"), 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/r/risks/accept?done=1", r->org_id));
}
