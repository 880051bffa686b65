/*
 * app: the one context.  Built once at start-up from the configuration,
 * then shared read-only by every thread (the database pool does its own
 * locking).
 */
#ifndef MAMORI_APP_H
#define MAMORI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/cache.h"
#include "conf/conf.h"
#include "content/content.h"
#include "db/db.h"

#define APP_SECRET_LEN	32

struct app {
	struct conf	 conf;
	struct db	*db;
	struct content	 content;
	/* Key for capability links and CSRF tokens of respondents; kept in
	 * the database so every node of an instance shares it. */
	unsigned char	 secret[APP_SECRET_LEN];
	char		*base_url;	/* "http://127.0.0.1:8080", no slash */
	/* base_url was configured (base-url): links never follow the
	 * address a visitor used */
	bool		 base_url_set;
	/* an address of this computer on the office network ("192.168.1.23"),
	 * for the hint shown while serving on a loopback address; NULL */
	char		*lan_addr;
	int		 lang;		/* default enum lang */
	struct cache	*pages;		/* rendered fragments (results) */
	void		*prebuilt;	/* respondent page blocks made at
					   start-up (pages/page_respond.c) */
	void		*static_gz;	/* web/ files deflated at start-up
					   (pages/page_misc.c) */
};

/*
 * Open the database (creating and migrating it), load content and the
 * secret.  `conns` database connections.  Returns 0, or -1 with one line
 * in err; app_free() in both cases.
 */
int	app_open(struct app *a, const struct conf *c, int conns, char *err,
	    size_t errlen);
/* Only the database, for CLI commands that need no content. */
int	app_open_db(struct app *a, const struct conf *c, char *err,
	    size_t errlen);
void	app_free(struct app *a);

#endif
