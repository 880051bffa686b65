#include "app.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/xalloc.h"
#include "model/account.h"
#include "model/figures.h"

/* Read the instance secret, creating it on first start.  Two nodes
 * starting at once may both create one; the INSERT of the second fails
 * and it reads the first's. */
static int
app_secret(struct app *a, char *err, size_t errlen)
{
	struct db_conn *c = db_acquire(a->db);
	struct db_stmt *st;
	char hex[APP_SECRET_LEN * 2 + 1];
	int rc = -1, tries;

	for (tries = 0; tries < 2 && rc != 0; tries++) {
		st = db_stmt(c, STMT_META_GET);
		db_bind_text(st, 1, STR_LIT("secret"));
		if (db_step(st) == DB_ROW) {
			struct str v = db_col_text(st, 0);
			size_t bin;

			if (v.n == sizeof(hex) - 1 && sodium_hex2bin(a->secret,
			    sizeof(a->secret), v.p, v.n, NULL, &bin, NULL) == 0 &&
			    bin == sizeof(a->secret))
				rc = 0;
			else {
				snprintf(err, errlen, "the instance secret in "
				    "the database is damaged");
				break;
			}
			continue;
		}
		randombytes_buf(a->secret, sizeof(a->secret));
		sodium_bin2hex(hex, sizeof(hex), a->secret, sizeof(a->secret));
		st = db_stmt(c, STMT_META_PUT);
		db_bind_text(st, 1, STR_LIT("secret"));
		db_bind_text(st, 2, str_c(hex));
		if (db_exec(st) != DB_OK) {
			snprintf(err, errlen, "cannot store the instance "
			    "secret: %s", db_errmsg(c));
			break;
		}
	}
	db_release(a->db, c);
	return rc;
}

/* The two-step key: BLAKE2b of the key file's bytes (at least 32 of
 * them), or, without a file, of the instance secret under a label.  A
 * file keeps the secrets sealed against a copy of the database alone. */
static int
app_twostep_key(struct app *a, const char *path, char *err, size_t errlen)
{
	static const char label[] = "mamori two-step key v1";
	unsigned char raw[4096];
	size_t n;
	FILE *f;

	if (path == NULL || path[0] == '\0') {
		crypto_generichash(a->twostep_key, sizeof(a->twostep_key),
		    (const unsigned char *)label, sizeof(label) - 1, a->secret,
		    sizeof(a->secret));
		return 0;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "twostep-key-file: cannot read %s", path);
		return -1;
	}
	n = fread(raw, 1, sizeof(raw), f);
	fclose(f);
	if (n < 32) {
		snprintf(err, errlen, "twostep-key-file: %s holds fewer than "
		    "32 bytes", path);
		return -1;
	}
	crypto_generichash(a->twostep_key, sizeof(a->twostep_key), raw, n,
	    NULL, 0);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int
app_open_db(struct app *a, const struct conf *c, char *err, size_t errlen)
{
	return app_open(a, c, -1, err, errlen);
}

int
app_open(struct app *a, const struct conf *c, int conns, char *err,
    size_t errlen)
{
	char sub[512];

	memset(a, 0, sizeof(*a));
	a->conf = *c;	/* shallow: the caller's conf outlives the app */
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return -1;
	}
	a->lang = lang_from_key(c->str[CONF_LANG]);
	if (a->lang < 0)
		a->lang = LANG_JA;
	if (c->str[CONF_BASE_URL][0] != '\0') {
		size_t n = strlen(c->str[CONF_BASE_URL]);

		while (n > 0 && c->str[CONF_BASE_URL][n - 1] == '/')
			n--;
		a->base_url = xstrndup(c->str[CONF_BASE_URL], n);
		a->base_url_set = true;
	} else {
		struct buf b = BUF_INIT;

		buf_printf(&b, strchr(c->listen_host, ':') ?
		    "http://[%s]:%d" : "http://%s:%d", c->listen_host,
		    c->listen_port);
		a->base_url = buf_detach(&b);
	}
	if ((a->db = db_open(c->str[CONF_DB], conns < 0 ? 1 : conns, sub,
	    sizeof(sub))) == NULL) {
		snprintf(err, errlen, "%s", sub);
		return -1;
	}
	if (app_secret(a, err, errlen) != 0)
		return -1;
	if (app_twostep_key(a, c->str[CONF_TWOSTEP_KEY_FILE], err,
	    errlen) != 0)
		return -1;
	if (conns >= 0 && content_load(&a->content,
	    c->str[CONF_CONTENT_DIR], err, errlen) != 0)
		return -1;
	if (conns >= 0) {
		/* the portfolio's figures of organisations that have none yet
		 * (made before they were kept, or brought in by an import) */
		struct db_conn *dc = db_acquire(a->db);
		int rc = figures_backfill(dc, account_now(), NULL);

		db_release(a->db, dc);
		if (rc != DB_OK) {
			snprintf(err, errlen, "filling the organisations' "
			    "figures failed (%d)", rc);
			return -1;
		}
	}
	a->pages = cache_new((size_t)c->num[CONF_PAGE_CACHE] << 10);
	a->auth = memo_new(APP_AUTH_SLOTS);
	return 0;
}

void
app_free(struct app *a)
{
	db_close(a->db);
	cache_free(a->pages);
	memo_free(a->auth);
	content_free(&a->content);
	db_watch_stop(a->fresh.w);
	a->fresh.w = NULL;
	free(a->base_url);
	free(a->lan_addr);
	sodium_memzero(a->secret, sizeof(a->secret));
	memset(a, 0, sizeof(*a));
}

/* A notification: "org:ID" moves that organisation's counter, "peer" the
 * peer counter, "auth" the one of accounts and memberships, NULL (some
 * may be lost) the one that stands for all of them. */
static void
app_fresh_note(void *arg, const char *payload)
{
	struct app_fresh *f = arg;
	long id;

	if (payload != NULL && strncmp(payload, "org:", 4) == 0 &&
	    str_to_long(str_c(payload + 4), 1, LONG_MAX, &id) == 0) {
		atomic_fetch_add(&f->org[(size_t)id % APP_FRESH_SLOTS], 1);
		return;
	}
	if (payload != NULL && strcmp(payload, "peer") == 0) {
		atomic_fetch_add(&f->peer, 1);
		return;
	}
	if (payload != NULL && strcmp(payload, "auth") == 0) {
		atomic_fetch_add(&f->auth, 1);
		return;
	}
	atomic_fetch_add(&f->all, 1);
}

void
app_fresh_start(struct app *a)
{
	a->fresh.w = db_watch_start(a->db, app_fresh_note, &a->fresh);
}

void
app_fresh_sync(struct app *a)
{
	uint64_t m;

	if (!db_mark(a->db, &m) || m == atomic_load(&a->fresh.mark))
		return;
	/* all moves before the mark is stored: a thread that finds the
	 * mark already stored reads all after this move. */
	atomic_fetch_add(&a->fresh.all, 1);
	atomic_store(&a->fresh.mark, m);
}
