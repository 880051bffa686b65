/*
 * page_admin: the instance admin's pages — users and the whole audit log.
 */
#include <inttypes.h>

#include "model/account.h"
#include "pages/pages.h"

int
page_admin_users(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct db_stmt *st;
	struct page p;

	page_begin(&p, r, T(r, "admin.users"));
	html_open(&p.h, "nav", "class", "subnav", NULL);
	html_elem(&p.h, "a", T(r, "admin.users"), "href", "/admin/users",
	    "aria-current", "page", NULL);
	html_elem(&p.h, "a", T(r, "admin.audit"), "href", "/admin/audit",
	    NULL);
	html_close(&p.h);
	page_h1(&p, T(r, "admin.users"));
	html_elem(&p.h, "p", T(r, "admin.users_help"), "class", "help", NULL);
	html_open(&p.h, "div", "class", "table-wrap", NULL);
	html_open(&p.h, "table", "class", "table", NULL);
	html_open(&p.h, "thead", NULL);
	html_open(&p.h, "tr", NULL);
	html_elem(&p.h, "th", T(r, "account.email"), "scope", "col", NULL);
	html_elem(&p.h, "th", T(r, "member.role"), "scope", "col", NULL);
	html_elem(&p.h, "th", T(r, "admin.created"), "scope", "col", NULL);
	html_close(&p.h);
	html_close(&p.h);
	html_open(&p.h, "tbody", NULL);
	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_LIST);
	while (db_step(st) == DB_ROW) {
		html_open(&p.h, "tr", NULL);
		html_open(&p.h, "td", NULL);
		html_textn(&p.h, db_col_text(st, 1));
		html_close(&p.h);
		html_elem(&p.h, "td", T(r, arena_printf(&r->arena, "urole.%s",
		    arena_cstr(&r->arena, db_col_text(st, 2)))), NULL);
		html_elem(&p.h, "td", page_time(r, db_col_int(st, 4)), NULL);
		html_close(&p.h);
	}
	db_release(db, c);
	html_close(&p.h);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, 200);
}

int
page_admin_audit(struct req *r)
{
	struct page p;

	page_begin(&p, r, T(r, "admin.audit"));
	html_open(&p.h, "nav", "class", "subnav", NULL);
	html_elem(&p.h, "a", T(r, "admin.users"), "href", "/admin/users",
	    NULL);
	html_elem(&p.h, "a", T(r, "admin.audit"), "href", "/admin/audit",
	    "aria-current", "page", NULL);
	html_close(&p.h);
	page_h1(&p, T(r, "admin.audit"));
	audit_table(&p, 0);
	return page_end(&p, 200);
}
