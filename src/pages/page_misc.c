/*
 * page_misc: health check, static assets (compiled in), language switch.
 */
#include <string.h>

#include "base/embed.h"
#include "base/esc.h"
#include "pages/pages.h"

int
page_healthz(struct req *r)
{
	buf_adds(&r->out, "ok\n");
	return req_send(r, 200, "text/plain; charset=utf-8");
}

static const char *
static_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

int
page_static(struct req *r)
{
	const char *want = req_param(r, "*");
	const struct embed_file *f;

	if (want == NULL || strstr(want, "..") != NULL)
		return 404;
	for (f = embed_web; f->path != NULL; f++) {
		if (strncmp(f->path, "web/", 4) != 0 ||
		    strcmp(f->path + 4, want) != 0)
			continue;
		buf_add(&r->out, f->data, f->len);
		r->cacheable = true;
		req_header(r, "Cache-Control", "public, max-age=3600");
		return req_send(r, 200, static_type(f->path));
	}
	return 404;
}

int
page_lang(struct req *r)
{
	const char *code = req_param(r, "code");
	const char *next = req_query(r, "next");
	struct db *db = req_app(r)->db;

	if (code == NULL || lang_from_key(code) < 0)
		return 404;
	req_cookie_set(r, "lang", code, 365L * 86400, false);
	if (r->auth.user_id != 0) {
		struct db_conn *c = db_acquire(db);
		struct db_stmt *st = db_stmt(c, STMT_USER_SET_LANG);

		db_bind_int(st, 1, r->auth.user_id);
		db_bind_text(st, 2, str_c(code));
		db_exec(st);
		db_release(db, c);
	}
	return req_redirect(r, next ? next : "/");
}
