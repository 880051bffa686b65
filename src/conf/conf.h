/*
 * conf: the server's settings.  One typed table (conf.c) names every
 * option with its type, bounds, default and one line of documentation;
 * a config file ("key = value" lines) and command-line flags fill an
 * immutable struct conf.  docs/config.md is checked against the table.
 */
#ifndef MAMORI_CONF_H
#define MAMORI_CONF_H

#include <stdbool.h>
#include <stddef.h>

enum conf_key {
	CONF_LISTEN,
	CONF_DB,
	CONF_DATA_DIR,
	CONF_CONTENT_DIR,
	CONF_BASE_URL,
	CONF_LANG,
	CONF_THREADS,
	CONF_DB_CONNS,
	CONF_CHECKPOINT_SECS,
	CONF_WAL_LIMIT,
	CONF_HASH_WORKERS,
	CONF_MAX_BODY,
	CONF_SESSION_HOURS,
	CONF_API_TOKEN_DAYS,
	CONF_PAGE_CACHE,
	CONF_TRUST_PROXY,
	CONF_TRUSTED_PROXIES,
	CONF_LOG_LEVEL,
	CONF_CONNS_PER_ADDR,
	CONF_REQUEST_SECONDS,
	/* two-step sign-in and the trusted proxy header (issue 16) */
	CONF_TWOSTEP_KEY_FILE,
	CONF_AUTH_HEADER,
	CONF_AUTH_PROXIES,
	/* e-mail (mail/) */
	CONF_SMTP_URL,
	CONF_SMTP_USER,
	CONF_SMTP_PASSWORD,
	CONF_SMTP_PASSWORD_FILE,
	CONF_SMTP_FROM,
	CONF_SMTP_STARTTLS,
	CONF_MAIL_POLL_SECS,
	CONF_MAIL_RETRY_SECS,
	CONF_MAIL_ATTEMPTS,
	CONF_MAIL_LEASE_SECS,
	CONF_MAIL_REMIND_DAYS,
	CONF__MAX
};

enum conf_type {
	CONF_T_STRING,
	CONF_T_INT,
	CONF_T_BOOL,
	CONF_T__MAX
};

struct conf_def {
	const char	*name;	/* as in the file and as --name on the command line */
	enum conf_type	 type;
	long		 min, max;	/* bounds for ints */
	const char	*def;	/* default, as text */
	const char	*doc;	/* one line for --help and docs/config.md */
};

/* The resolved settings.  Strings are owned by the struct. */
struct conf {
	char	*str[CONF__MAX];	/* CONF_T_STRING values */
	long	 num[CONF__MAX];	/* CONF_T_INT and CONF_T_BOOL values */
	/* Derived from listen: */
	char	*listen_host;	/* "127.0.0.1" */
	int	 listen_port;	/* 8080 */
};

const struct conf_def	*conf_defs(void);

/*
 * Start from defaults, apply the file at path (if not NULL), then the
 * overrides: an array of n "name=value" strings (from flags).  Returns 0,
 * or -1 with one line in err ("FILE:LINE: message" for file errors).
 * The caller frees with conf_free() in both cases.
 */
int	conf_load(struct conf *c, const char *path, char *const *over,
	    size_t n, char *err, size_t errlen);
void	conf_free(struct conf *c);
/* Set one option by name from text; same errors as conf_load. */
int	conf_set(struct conf *c, const char *name, const char *value,
	    char *err, size_t errlen);
/* Look an option up by name; -1 when unknown. */
int	conf_find(const char *name);
/* Rules between options, once all are read (smtp-url needs an smtp-from
 * address).  0, or -1 with one line in err. */
int	conf_check(const struct conf *c, char *err, size_t errlen);
/* Whether option k holds a secret that is never printed (smtp-password). */
bool	conf_secret(int k);

#endif
