/*
 * page_admin: the instance admin's pages — users, the whole audit log and
 * the operations figures (database and WAL size).
 */
#include <inttypes.h>
#include <time.h>

#include "model/account.h"
#include "pages/pages.h"

/* The admin pages' sub-navigation, with cur marked. */
void
page_admin_subnav(struct page *p, struct req *r, const char *cur)
{
	static const char *const links[][2] = {
		{ "/admin/users", "admin.users" },
		{ "/admin/audit", "admin.audit" },
		{ "/admin/ops", "admin.ops" },
		{ "/admin/offices", "admin.offices" },
		{ "/admin/twostep", "admin.twostep" },
		{ "/admin/mail", "admin.mail" },
	};
	size_t i;

	html_open(&p->h, "nav", "class", "subnav", NULL);
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (strcmp(links[i][1], cur) == 0)
			html_elem(&p->h, "a", T(r, links[i][1]), "href",
			    links[i][0], "aria-current", "page", NULL);
		else
			html_elem(&p->h, "a", T(r, links[i][1]), "href",
			    links[i][0], NULL);
	html_close(&p->h);
}

int
page_admin_users(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct db_stmt *st;
	struct page p;
	int mark;

	page_begin(&p, r, T(r, "admin.users"));
	page_admin_subnav(&p, r, "admin.users");
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
	page_admin_subnav(&p, r, "admin.audit");
	page_h1(&p, T(r, "admin.audit"));
	audit_table(&p, 0, "/admin/audit");
	return page_end(&p, 200);
}

/* bytes as "12.3 MiB" (one decimal, locale-free), in r's arena. */
static const char *
ops_bytes(struct req *r, int64_t bytes)
{
	int64_t tenths = (bytes * 10 + (1 << 19)) >> 20;

	return arena_printf(&r->arena, "%" PRId64 ".%" PRId64 " MiB (%" PRId64
	    " bytes)", tenths / 10, tenths % 10, bytes);
}

/* One row of the figures table: label key, value. */
static void
ops_row(struct page *p, struct req *r, const char *key, const char *value)
{
	page_row(p);
	page_td(p, T(r, key), NULL);
	page_td_open(p, NULL);
	html_open(&p->h, "span", "data-fig", key, NULL);
	html_text(&p->h, value);
	html_close(&p->h);
	html_close(&p->h);
	html_close(&p->h);
}

int
page_admin_ops(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_sizes sz;
	struct page p;
	int mark;

	page_begin(&p, r, T(r, "admin.ops"));
	page_admin_subnav(&p, r, "admin.ops");
	page_h1(&p, T(r, "admin.ops"));
	html_elem(&p.h, "p", T(r, "admin.ops_help"), "class", "help", NULL);
	if (db_sizes(db, &sz) != DB_OK) {
		html_elem(&p.h, "p", T(r, "admin.ops_unknown"), "class",
		    "error", NULL);
		return page_end(&p, 200);
	}
	mark = page_table(&p, NULL, NULL, T(r, "admin.ops_item"),
	    T(r, "admin.ops_value"), NULL);
	ops_row(&p, r, "admin.ops_engine", db_engine(db));
	ops_row(&p, r, "admin.ops_db_size", ops_bytes(r, sz.db_bytes));
	if (sz.wal_bytes >= 0) {
		ops_row(&p, r, "admin.ops_wal_size", ops_bytes(r, sz.wal_bytes));
		ops_row(&p, r, "admin.ops_ckpt_at", sz.ckpt_at > 0 ?
		    page_time(r, sz.ckpt_at) : T(r, "admin.ops_ckpt_none"));
	}
	html_close_to(&p.h, mark);
	return page_end(&p, 200);
}
