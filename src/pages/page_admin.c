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
	int mark;

	page_begin(&p, r, T(r, "admin.users"));
	html_open(&p.h, "nav", "class", "subnav", NULL);
	html_elem(&p.h, "a", T(r, "admin.users"), "href", "/admin/users",
	    "aria-current", "page", NULL);
	html_elem(&p.h, "a", T(r, "admin.audit"), "href", "/admin/audit",
	    NULL);
	html_close(&p.h);
	page_h1(&p, T(r, "admin.users"));
	html_elem(&p.h, "p", T(r, "admin.users_help"), "class", "help", NULL);
	mark = page_table(&p, NULL, NULL, T(r, "account.email"),
	    T(r, "member.role"), T(r, "admin.created"), NULL);
	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_LIST);
	while (db_step(st) == DB_ROW) {
		page_row(&p);
		page_td_open(&p, NULL);
		html_textn(&p.h, db_col_text(st, 1));
		html_close(&p.h);
		page_td(&p, T(r, arena_printf(&r->arena, "urole.%s",
		    arena_cstr(&r->arena, db_col_text(st, 2)))), NULL);
		page_td(&p, page_time(r, db_col_int(st, 4)), NULL);
		html_close(&p.h);
	}
	db_release(db, c);
	html_close_to(&p.h, mark);
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
	audit_table(&p, 0, "/admin/audit");
	return page_end(&p, 200);
}
