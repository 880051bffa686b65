/*
 * page_misc: health and readiness checks, static assets (compiled in),
 * language switch.
 */
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/esc.h"
#include "base/gz.h"
#include "base/xalloc.h"
#include "pages/pages.h"

int
page_healthz(struct req *r)
{
	buf_adds(&r->out, "ok\n");
	return req_send(r, 200, "text/plain; charset=utf-8");
}

/* Readiness: the database answers.  /healthz says only that the
 * process serves; a load balancer sends traffic while /readyz is 200. */
int
page_readyz(struct req *r)
{
	if (db_ping(req_app(r)->db) != DB_OK) {
		req_header(r, "Retry-After", "5");
		buf_adds(&r->out, "database unavailable\n");
		return req_send(r, 503, "text/plain; charset=utf-8");
	}
	buf_adds(&r->out, "ready\n");
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

/* Kept gzip pieces of embed_web, row for row; empty where the file is
 * not worth it (a small file, or one compressed inside already). */
struct static_gz {
	size_t		 n;		/* rows of embed_web */
	struct buf	*piece;
};

void *
static_prebuild(void)
{
	struct static_gz *k = xcalloc(1, sizeof(*k));
	size_t i;

	while (embed_web[k->n].path != NULL)
		k->n++;
	k->piece = xcalloc(k->n + 1, sizeof(*k->piece));
	for (i = 0; i < k->n; i++) {
		const struct embed_file *f = &embed_web[i];
		const char *t = static_type(f->path);

		/* What the server would compress (http/server.c). */
		if (f->len < 1024 || (strncmp(t, "text/css", 8) != 0 &&
		    strncmp(t, "text/javascript", 15) != 0 &&
		    strcmp(t, "image/svg+xml") != 0))
			continue;
		if (gz_piece(&k->piece[i], f->data, f->len, GZ_BEST) != 0)
			buf_free(&k->piece[i]);
	}
	return k;
}

void
static_prebuilt_free(void *kept)
{
	struct static_gz *k = kept;
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->n; i++)
		buf_free(&k->piece[i]);
	free(k->piece);
	free(k);
}

int
page_static(struct req *r)
{
	const char *want = req_param(r, "*");
	const struct static_gz *k = req_app(r)->static_gz;
	const struct embed_file *f;

	if (want == NULL || strstr(want, "..") != NULL)
		return 404;
	for (f = embed_web; f->path != NULL; f++) {
		size_t i = (size_t)(f - embed_web);

		if (strncmp(f->path, "web/", 4) != 0 ||
		    strcmp(f->path + 4, want) != 0)
			continue;
		/* The kept piece lives as long as the server: no copy. */
		if (r->gzip_ok && k != NULL && i < k->n && k->piece[i].n > 0)
			req_splice_gz(r, k->piece[i].p, k->piece[i].n);
		else
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

	if (code == NULL || lang_from_key(code) < 0)
		return 404;
	/* A GET stores nothing: the cookie alone switches the language (it
	 * wins over the account's); the account page keeps a preference. */
	req_cookie_set(r, "lang", code, 365L * 86400, false);
	return req_redirect(r, next ? next : "/");
}
