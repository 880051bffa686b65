/*
 * cmd_serve: `mamori serve` and `mamori init`.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "http/http.h"
#include "mail/mail.h"
#include "model/account.h"
#include "pages/pages.h"

#define SETUP_TTL	(7 * 86400)

static void
conf_help(FILE *f)
{
	const struct conf_def *d = conf_defs();
	int k;

	fprintf(f, "\noptions (also accepted as NAME = VALUE lines in the "
	    "--config file):\n  --config FILE\n");
	for (k = 0; k < CONF__MAX; k++)
		fprintf(f, "  --%-14s %s (default: %s)\n", d[k].name, d[k].doc,
		    d[k].def[0] ? d[k].def : "none");
}

/* When the instance has no account yet, print a one-time link that
 * creates the first admin.  Links printed before end first, whether or
 * not there is an account now: only the newest link works, and none
 * once an account exists. */
static int
print_setup_link(struct app *a)
{
	struct db_conn *c = db_acquire(a->db);
	char tok[TOKEN_LEN + 1];
	int64_t users = 0;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		goto out;
	if ((rc = setup_lock(c)) != DB_OK ||
	    (rc = user_count(c, &users)) != DB_OK ||
	    (rc = once_revoke_setup(c)) != DB_OK ||
	    (users == 0 && (rc = once_create(c, "setup", 0, "admin", 0,
	    SETUP_TTL, tok)) != DB_OK)) {
		db_rollback(c);
		goto out;
	}
	rc = db_commit(c);
out:
	if (rc != DB_OK)
		fprintf(stderr, "mamori: cannot create the set-up link: %s\n",
		    db_errmsg(c));
	else if (users == 0)
		printf("No account yet. Open this link once to create "
		    "the first admin (valid 7 days):\n  %s/setup/%s\n",
		    a->base_url, tok);
	fflush(stdout);
	db_release(a->db, c);
	return rc == DB_OK ? 0 : -1;
}

/* The first IPv4 address of this computer on a network (not loopback),
 * or NULL: what phones on the office network would open.  Caller frees. */
static char *
lan_address(void)
{
	struct ifaddrs *ifa, *i;
	char a[INET_ADDRSTRLEN];
	char *out = NULL;

	if (getifaddrs(&ifa) != 0)
		return NULL;
	for (i = ifa; i != NULL && out == NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
			continue;
		if (inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)i->ifa_addr)->sin_addr, a, sizeof(a)))
			out = xstrdup(a);
	}
	freeifaddrs(ifa);
	return out;
}

static int
threads_of(const struct conf *c)
{
	long n = c->num[CONF_THREADS];

	if (n > 0)
		return (int)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

int
cmd_serve(int argc, char **argv)
{
	struct http_config hc;
	struct http_server *srv;
	struct conf c;
	struct app a;
	char err[512], **rest = calloc((size_t)argc + 1, sizeof(char *));
	sigset_t set;
	int nrest, sig, threads, conns, rc = 1;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori serve [--db sqlite:PATH] "
		    "[--listen ADDR:PORT] [options]\n\nServes the web "
		    "application until SIGINT or SIGTERM.  An absent database "
		    "is created and migrated.\n");
		conf_help(stdout);
		free(rest);
		return 0;
	}
	if (cli_conf(argc, argv, &c, rest, &nrest, false) != 0) {
		free(rest);
		return 2;
	}
	if (nrest > 0) {
		fprintf(stderr, "mamori serve: unexpected argument '%s'\n",
		    rest[0]);
		conf_free(&c);
		free(rest);
		return 2;
	}
	free(rest);
	log_set_level(strcmp(c.str[CONF_LOG_LEVEL], "debug") == 0 ? LOG_DEBUG :
	    strcmp(c.str[CONF_LOG_LEVEL], "warning") == 0 ? LOG_WARN :
	    strcmp(c.str[CONF_LOG_LEVEL], "error") == 0 ? LOG_ERR : LOG_INFO);
	threads = threads_of(&c);
	/* the mail worker holds one more while it marks a message */
	conns = c.num[CONF_DB_CONNS] > 0 ? (int)c.num[CONF_DB_CONNS] :
	    threads + (int)c.num[CONF_HASH_WORKERS] + 1 +
	    (c.str[CONF_SMTP_URL][0] != '\0');
	if (app_open(&a, &c, conns, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		app_free(&a);
		conf_free(&c);
		return 2;
	}
	a.prebuilt = respond_prebuild(&a.content);
	a.regrows = register_cache_new();
	a.static_gz = static_prebuild();
	memset(&hc, 0, sizeof(hc));
	hc.host = c.listen_host;
	hc.port = c.listen_port;
	hc.threads = threads;
	hc.hash_workers = (int)c.num[CONF_HASH_WORKERS];
	hc.max_body = (size_t)c.num[CONF_MAX_BODY];
	hc.trust_proxy = c.num[CONF_TRUST_PROXY] != 0;
	hc.conns_per_addr = (int)c.num[CONF_CONNS_PER_ADDR];
	hc.request_seconds = (int)c.num[CONF_REQUEST_SECONDS];
	hc.trusted_proxies = c.str[CONF_TRUSTED_PROXIES];
	hc.auth_header = c.str[CONF_AUTH_HEADER];
	hc.auth_proxies = c.str[CONF_AUTH_PROXIES];
	hc.routes = pages_routes;
	hc.nroutes = pages_nroutes;
	hc.hooks = pages_hooks();
	hc.app = &a;
	/* Block the stop signals before threads start so only sigwait
	 * below sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* a file size limit reached is a failed write (a 503 and a log
	 * line), not the end of the server */
	signal(SIGXFSZ, SIG_IGN);
	/* After the mask: the watch's thread must not take the signals. */
	app_fresh_start(&a);
	db_maint_start(a.db, (int)c.num[CONF_CHECKPOINT_SECS],
	    (int64_t)c.num[CONF_WAL_LIMIT] << 20);
	if ((srv = http_start(&hc, err, sizeof(err))) == NULL) {
		fprintf(stderr, "mamori: %s\n", err);
		goto out;
	}
	/* Port 0 asks the system for a free port (tests): links must name
	 * the one we got. */
	if (c.listen_port == 0 && c.str[CONF_BASE_URL][0] == '\0') {
		struct buf b = BUF_INIT;

		buf_printf(&b, strchr(c.listen_host, ':') ? "http://[%s]:%d" :
		    "http://%s:%d", c.listen_host, http_port(srv));
		free(a.base_url);
		a.base_url = buf_detach(&b);
	}
	a.lan_addr = lan_address();
	/* Every address of this computer: name the one phones can open. */
	if (!a.base_url_set && a.lan_addr != NULL &&
	    (strcmp(c.listen_host, "0.0.0.0") == 0 ||
	    strcmp(c.listen_host, "::") == 0)) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "http://%s:%d", a.lan_addr, http_port(srv));
		free(a.base_url);
		a.base_url = buf_detach(&b);
	}
	/* Before "serving": whoever waits for that line has the link. */
	if (print_setup_link(&a) != 0) {
		http_stop(srv);
		goto out;
	}
	/* After base_url is known: the worker's links name it. */
	if (mail_start(&a, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		http_stop(srv);
		goto out;
	}
	if (a.base_url_set) {
		struct buf b = BUF_INIT;

		buf_printf(&b, strchr(c.listen_host, ':') ? "http://[%s]:%d" :
		    "http://%s:%d", c.listen_host, http_port(srv));
		printf("mamori: serving %s (database %s, %d threads, "
		    "durability %s; links name %s)\n", buf_cstr(&b),
		    c.str[CONF_DB], threads, db_durability(a.db), a.base_url);
		buf_free(&b);
	} else
		printf("mamori: serving %s (database %s, %d threads, "
		    "durability %s)\n", a.base_url, c.str[CONF_DB], threads,
		    db_durability(a.db));
	if (!a.base_url_set && page_base_loopback(a.base_url))
		printf("mamori: %s works on this computer only: phones and "
		    "other computers cannot open its links.\n  To serve the "
		    "office network: make run LISTEN=0.0.0.0:8080%s%s%s\n",
		    c.listen_host, a.lan_addr ? " (then open http://" : "",
		    a.lan_addr ? a.lan_addr : "", a.lan_addr ? ":8080)" : "");
	fflush(stdout);
	sigwait(&set, &sig);
	log_info("serve", "stopping on signal %d", sig);
	http_stop(srv);
	mail_stop(&a);
	rc = 0;
out:
	respond_prebuilt_free(a.prebuilt);
	register_cache_free(a.regrows);
	static_prebuilt_free(a.static_gz);
	app_free(&a);
	conf_free(&c);
	return rc;
}

int
cmd_init(int argc, char **argv)
{
	struct conf c;
	struct app a;
	char err[512], **rest = calloc((size_t)argc + 1, sizeof(char *));
	int nrest, rc;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori init [--db sqlite:PATH] [--base-url URL]"
		    "\n\nCreates or upgrades the database and, when it has no "
		    "account yet, prints a one-time link that creates the "
		    "first admin.\n");
		free(rest);
		return 0;
	}
	rc = cli_conf(argc, argv, &c, rest, &nrest, false);
	free(rest);
	if (rc != 0)
		return 2;
	if (app_open_db(&a, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		app_free(&a);
		conf_free(&c);
		return 2;
	}
	printf("database %s is at schema version %d\n", c.str[CONF_DB],
	    db_version(a.db));
	rc = print_setup_link(&a) == 0 ? 0 : 1;
	app_free(&a);
	conf_free(&c);
	return rc;
}
