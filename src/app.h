/*
 * app: the one context.  Built once at start-up from the configuration,
 * then shared read-only by every thread (the database pool does its own
 * locking).
 */
#ifndef MAMORI_APP_H
#define MAMORI_APP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/cache.h"
#include "base/memo.h"
#include "conf/conf.h"
#include "content/content.h"
#include "db/db.h"

#define APP_SECRET_LEN	32
#define APP_FRESH_SLOTS	1024
/* Sessions, API tokens and members' roles kept (struct app.auth): an
 * office's worth, several times over. */
#define APP_AUTH_SLOTS	512

/*
 * What a node knows of changes made anywhere, while the database tells
 * it (db_watch): counters that move whenever something they stand for
 * changed.  A page may keep what it read under the counters' values and
 * use it while they stay put; without a live watch it must ask.
 */
struct app_fresh {
	struct db_watch		*w;	/* NULL: the engine cannot tell */
	/* an organisation's rounds and answers, by id mod APP_FRESH_SLOTS */
	atomic_uint_fast64_t	 org[APP_FRESH_SLOTS];
	atomic_uint_fast64_t	 peer;	/* any company's peer figures */
	/* accounts, sessions, API tokens and memberships */
	atomic_uint_fast64_t	 auth;
	/* anything at all may have changed: stands for every other
	 * counter, which a reader therefore always reads with it */
	atomic_uint_fast64_t	 all;
	/* the last db_mark acted on (app_fresh_sync) */
	atomic_uint_fast64_t	 mark;
};

struct app {
	struct conf	 conf;
	struct db	*db;
	struct content	 content;
	/* Key for capability links and CSRF tokens of respondents; kept in
	 * the database so every node of an instance shares it. */
	unsigned char	 secret[APP_SECRET_LEN];
	/* Key that seals two-step secrets and keys the hashes of recovery
	 * codes (model/totp.h): from twostep-key-file when set, else
	 * derived from secret (app_twostep_key). */
	unsigned char	 twostep_key[32];
	char		*base_url;	/* "http://127.0.0.1:8080", no slash */
	/* base_url was configured (base-url): links never follow the
	 * address a visitor used */
	bool		 base_url_set;
	/* an address of this computer on the office network ("192.168.1.23"),
	 * for the hint shown while serving on a loopback address; NULL */
	char		*lan_addr;
	int		 lang;		/* default enum lang */
	struct cache	*pages;		/* rendered fragments (results) */
	void		*regrows;	/* registers' rows between views
					   (pages/register_cache.c) */
	void		*prebuilt;	/* respondent page blocks made at
					   start-up (pages/page_respond.c) */
	void		*static_gz;	/* web/ files deflated at start-up
					   (pages/page_misc.c) */
	struct app_fresh fresh;		/* see app_fresh_start */
	struct memo	*auth;		/* who a session or token is, members'
					   roles (pages/page_auth.c) */
	void		*mailer;	/* this node's mail worker, NULL: none
					   (mail/mail.c) */
};

/*
 * Open the database (creating and migrating it), load content and the
 * secret.  `conns` database connections.  Returns 0, or -1 with one line
 * in err; app_free() in both cases.
 */
int	app_open(struct app *a, const struct conf *c, int conns, char *err,
	    size_t errlen);
/* Start listening for changes other nodes make (serve only).
 * app_free() stops it. */
void	app_fresh_start(struct app *a);
/*
 * Catch up at once with what the database itself shows of changes made
 * by other processes (db_mark: SQLite's other nodes and the command
 * line), without waiting for the watch's thread: every commit that
 * returned before this call has moved fresh.all when it returns.  A
 * no-op where the engine cannot tell (PostgreSQL: the watch hears of
 * other nodes' commits a moment after them).  Thread-safe.
 */
void	app_fresh_sync(struct app *a);

/* Only the database, for CLI commands that need no content. */
int	app_open_db(struct app *a, const struct conf *c, char *err,
	    size_t errlen);
void	app_free(struct app *a);

#endif
