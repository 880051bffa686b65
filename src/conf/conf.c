#include "conf/conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/xalloc.h"

static const struct conf_def conf_table[CONF__MAX] = {
	[CONF_LISTEN] = { "listen", CONF_T_STRING, 0, 0, "127.0.0.1:8080",
	    "address and port to serve HTTP on (ADDR:PORT)" },
	[CONF_DB] = { "db", CONF_T_STRING, 0, 0, "sqlite:var/mamori.db",
	    "database URL: sqlite:PATH or postgres://USER@HOST:PORT/DB" },
	[CONF_DATA_DIR] = { "data-dir", CONF_T_STRING, 0, 0, "var",
	    "folder where `mamori backup` writes when --to is not given" },
	[CONF_CONTENT_DIR] = { "content-dir", CONF_T_STRING, 0, 0, "content",
	    "folder holding the content packs" },
	[CONF_BASE_URL] = { "base-url", CONF_T_STRING, 0, 0, "",
	    "public URL of the site, used in links and QR codes; empty: "
	    "the address each visitor used to reach the page" },
	[CONF_LANG] = { "lang", CONF_T_STRING, 0, 0, "ja",
	    "default language of the interface: ja or en" },
	[CONF_THREADS] = { "threads", CONF_T_INT, 0, 256, "0",
	    "HTTP worker threads (0: one per core)" },
	[CONF_DB_CONNS] = { "db-conns", CONF_T_INT, 0, 256, "0",
	    "database connections (0: threads + hash workers + 1)" },
	[CONF_CHECKPOINT_SECS] = { "checkpoint-secs", CONF_T_INT, 0, 3600, "30",
	    "SQLite: copy the WAL into the database a second after writes "
	    "stop and at least this often while they go on (0: only "
	    "SQLite's own)" },
	[CONF_WAL_LIMIT] = { "wal-limit", CONF_T_INT, 1, 1 << 20, "64",
	    "SQLite: MiB the WAL file may reach before a checkpoint empties "
	    "it" },
	[CONF_HASH_WORKERS] = { "hash-workers", CONF_T_INT, 1, 16, "1",
	    "password hashes computed at once (each uses 19 MiB)" },
	[CONF_MAX_BODY] = { "max-body", CONF_T_INT, 1024, 64 << 20, "2097152",
	    "largest request body accepted, in bytes" },
	[CONF_SESSION_HOURS] = { "session-hours", CONF_T_INT, 1, 24 * 90, "12",
	    "hours a login lasts without activity" },
	[CONF_API_TOKEN_DAYS] = { "api-token-days", CONF_T_INT, 1, 3650, "90",
	    "days an API token works after it is made" },
	[CONF_PAGE_CACHE] = { "page-cache", CONF_T_INT, 0, 1 << 20, "4096",
	    "KiB kept of rendered results pages (0: none)" },
	[CONF_TRUST_PROXY] = { "trust-proxy", CONF_T_BOOL, 0, 1, "no",
	    "take client address and scheme from X-Forwarded-For/-Proto" },
	[CONF_TRUSTED_PROXIES] = { "trusted-proxies", CONF_T_STRING, 0, 0,
	    "127.0.0.1, ::1", "with trust-proxy: addresses (or ADDR/BITS) "
	    "of the proxies whose X-Forwarded-For is believed" },
	[CONF_LOG_LEVEL] = { "log-level", CONF_T_STRING, 0, 0, "info",
	    "error, warning, info or debug" },
	[CONF_CONNS_PER_ADDR] = { "conns-per-addr", CONF_T_INT, 0, 1000, "100",
	    "open connections one client address may hold (0: no limit; "
	    "not applied with trust-proxy)" },
	[CONF_REQUEST_SECONDS] = { "request-seconds", CONF_T_INT, 1, 3600,
	    "30", "seconds a client has to send a request's headers and "
	    "body" },
	/* two-step sign-in and the trusted proxy header (issue 16) */
	[CONF_TWOSTEP_KEY_FILE] = { "twostep-key-file", CONF_T_STRING, 0, 0,
	    "", "file of at least 32 random bytes that seals two-step "
	    "secrets (empty: a key derived from the instance secret)" },
	[CONF_AUTH_HEADER] = { "auth-header", CONF_T_STRING, 0, 0, "",
	    "header in which a trusted sign-in proxy names the user by "
	    "e-mail, e.g. X-Forwarded-Email (empty: off)" },
	[CONF_AUTH_PROXIES] = { "auth-proxies", CONF_T_STRING, 0, 0, "",
	    "with auth-header: addresses (or ADDR/BITS) of the proxies "
	    "whose auth-header is believed" },
	/* e-mail (mail/) */
	[CONF_SMTP_URL] = { "smtp-url", CONF_T_STRING, 0, 0, "",
	    "SMTP server to send mail through: smtp://HOST:PORT or "
	    "smtps://HOST:PORT (empty: no mail is sent)" },
	[CONF_SMTP_USER] = { "smtp-user", CONF_T_STRING, 0, 0, "",
	    "user name for the SMTP server (empty: no login)" },
	[CONF_SMTP_PASSWORD] = { "smtp-password", CONF_T_STRING, 0, 0, "",
	    "password for the SMTP server (smtp-password-file keeps it out "
	    "of the command line)" },
	[CONF_SMTP_PASSWORD_FILE] = { "smtp-password-file", CONF_T_STRING, 0,
	    0, "", "file whose first line is the SMTP password" },
	[CONF_SMTP_FROM] = { "smtp-from", CONF_T_STRING, 0, 0, "",
	    "sender of the mail: ADDRESS or NAME <ADDRESS> (needed with "
	    "smtp-url)" },
	[CONF_SMTP_STARTTLS] = { "smtp-starttls", CONF_T_BOOL, 0, 1, "no",
	    "with smtp://, require STARTTLS before the login and the mail" },
	[CONF_MAIL_POLL_SECS] = { "mail-poll-secs", CONF_T_INT, 1, 3600, "30",
	    "seconds between two looks at the mail queue and at what is due "
	    "(mail queued on this node goes at once)" },
	[CONF_MAIL_RETRY_SECS] = { "mail-retry-secs", CONF_T_INT, 1, 86400,
	    "60", "wait after a failed attempt; doubled after each, at most "
	    "six hours" },
	[CONF_MAIL_ATTEMPTS] = { "mail-attempts", CONF_T_INT, 1, 100, "10",
	    "attempts before a message is marked failed for the admin" },
	[CONF_MAIL_LEASE_SECS] = { "mail-lease-secs", CONF_T_INT, 2, 3600,
	    "300", "seconds a node holds the messages it is sending; after "
	    "that another node may send them" },
	[CONF_MAIL_REMIND_DAYS] = { "mail-remind-days", CONF_T_INT, 0, 60,
	    "3", "days before a round's deadline when its respondents who "
	    "have not finished are reminded (0: never by itself)" },
};

const struct conf_def *
conf_defs(void)
{
	return conf_table;
}

int
conf_find(const char *name)
{
	int i;

	for (i = 0; i < CONF__MAX; i++)
		if (strcmp(conf_table[i].name, name) == 0)
			return i;
	return -1;
}

int
conf_check(const struct conf *c, char *err, size_t errlen)
{
	if (c->str[CONF_SMTP_URL] != NULL && c->str[CONF_SMTP_URL][0] != '\0' &&
	    (c->str[CONF_SMTP_FROM] == NULL ||
	    strchr(c->str[CONF_SMTP_FROM], '@') == NULL)) {
		snprintf(err, errlen, "smtp-from: an address is needed to send "
		    "mail (smtp-url is set)");
		return -1;
	}
	return 0;
}

bool
conf_secret(int k)
{
	return k == CONF_SMTP_PASSWORD;
}

/* Split "host:port" (or "[v6]:port") of the listen option. */
static int
conf_split_listen(struct conf *c, const char *v, char *err, size_t errlen)
{
	const char *colon = strrchr(v, ':');
	const char *host = v;
	size_t hn;
	long port;

	if (colon == NULL || colon == v) {
		snprintf(err, errlen, "listen: expected ADDR:PORT, got '%s'", v);
		return -1;
	}
	hn = (size_t)(colon - v);
	if (host[0] == '[' && hn >= 2 && host[hn - 1] == ']') {
		host++;
		hn -= 2;
	}
	if (str_to_long(str_c(colon + 1), 0, 65535, &port) != 0) {
		snprintf(err, errlen, "listen: port must be 0-65535, got '%s'",
		    colon + 1);
		return -1;
	}
	free(c->listen_host);
	c->listen_host = xstrndup(host, hn);
	c->listen_port = (int)port;
	return 0;
}

int
conf_set(struct conf *c, const char *name, const char *value, char *err,
    size_t errlen)
{
	int k = conf_find(name);
	const struct conf_def *d;
	long v;

	if (k < 0) {
		snprintf(err, errlen, "unknown option '%s'", name);
		return -1;
	}
	d = &conf_table[k];
	switch (d->type) {
	case CONF_T_STRING:
		if (k == CONF_LISTEN &&
		    conf_split_listen(c, value, err, errlen) != 0)
			return -1;
		if (k == CONF_LANG && strcmp(value, "ja") != 0 &&
		    strcmp(value, "en") != 0) {
			snprintf(err, errlen, "lang: expected ja or en, got '%s'",
			    value);
			return -1;
		}
		if (k == CONF_LOG_LEVEL && strcmp(value, "error") != 0 &&
		    strcmp(value, "warning") != 0 && strcmp(value, "info") != 0 &&
		    strcmp(value, "debug") != 0) {
			snprintf(err, errlen, "log-level: expected error, "
			    "warning, info or debug, got '%s'", value);
			return -1;
		}
		if (k == CONF_SMTP_URL && value[0] != '\0' &&
		    strncmp(value, "smtp://", 7) != 0 &&
		    strncmp(value, "smtps://", 8) != 0) {
			snprintf(err, errlen, "smtp-url: expected smtp://HOST"
			    "[:PORT] or smtps://HOST[:PORT], got '%s'", value);
			return -1;
		}
		free(c->str[k]);
		c->str[k] = xstrdup(value);
		return 0;
	case CONF_T_INT:
		if (str_to_long(str_c(value), d->min, d->max, &v) != 0) {
			snprintf(err, errlen, "%s: expected a whole number "
			    "from %ld to %ld, got '%s'", name, d->min, d->max,
			    value);
			return -1;
		}
		c->num[k] = v;
		return 0;
	case CONF_T_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
		    strcmp(value, "1") == 0)
			c->num[k] = 1;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
			c->num[k] = 0;
		else {
			snprintf(err, errlen, "%s: expected yes or no, got '%s'",
			    name, value);
			return -1;
		}
		return 0;
	default:
		break;
	}
	return -1;
}

static int
conf_file(struct conf *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[4096], sub[512];
	int ln = 0, rc = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		struct str s, k, v;
		char *name, *value;

		ln++;
		s = str_trim(str_c(line));
		if (s.n == 0 || s.p[0] == '#')
			continue;
		v = str_cut(s, '=', &k);
		if (v.p == NULL) {
			snprintf(err, errlen, "%s:%d: expected name = value",
			    path, ln);
			rc = -1;
			break;
		}
		k = str_trim(k);
		v = str_trim(v);
		if (v.n >= 2 && v.p[0] == '"' && v.p[v.n - 1] == '"') {
			v.p++;
			v.n -= 2;
		}
		name = xstrndup(k.p, k.n);
		value = xstrndup(v.p, v.n);
		rc = conf_set(c, name, value, sub, sizeof(sub));
		free(name);
		free(value);
		if (rc != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, ln, sub);
			break;
		}
	}
	fclose(f);
	return rc;
}

int
conf_load(struct conf *c, const char *path, char *const *over, size_t n,
    char *err, size_t errlen)
{
	size_t i;
	int k;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < CONF__MAX; k++)
		if (conf_set(c, conf_table[k].name, conf_table[k].def, err,
		    errlen) != 0)
			return -1;
	if (path != NULL && conf_file(c, path, err, errlen) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *eq = strchr(over[i], '=');
		char *name;
		int rc;

		if (eq == NULL) {
			snprintf(err, errlen, "bad override '%s'", over[i]);
			return -1;
		}
		name = xstrndup(over[i], (size_t)(eq - over[i]));
		rc = conf_set(c, name, eq + 1, err, errlen);
		free(name);
		if (rc != 0)
			return -1;
	}
	/* A sign-in header believed from anywhere would let anyone be
	 * anyone: it needs the proxies' addresses (checked in full by
	 * http_start, which parses them). */
	if (c->str[CONF_AUTH_HEADER][0] != '\0' &&
	    c->str[CONF_AUTH_PROXIES][0] == '\0') {
		snprintf(err, errlen, "auth-header needs auth-proxies: the "
		    "addresses of the proxies to believe");
		return -1;
	}
	if (c->str[CONF_TWOSTEP_KEY_FILE][0] != '\0') {
		char head[32];
		FILE *f = fopen(c->str[CONF_TWOSTEP_KEY_FILE], "rb");
		size_t got = f ? fread(head, 1, sizeof(head), f) : 0;

		if (f != NULL)
			fclose(f);
		if (got < sizeof(head)) {
			snprintf(err, errlen, "twostep-key-file: %s %s",
			    c->str[CONF_TWOSTEP_KEY_FILE], f == NULL ?
			    "cannot be read" : "holds fewer than 32 bytes");
			return -1;
		}
	}
	return 0;
}

void
conf_free(struct conf *c)
{
	int k;

	for (k = 0; k < CONF__MAX; k++)
		free(c->str[k]);
	free(c->listen_host);
	memset(c, 0, sizeof(*c));
}
