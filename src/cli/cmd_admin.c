/*
 * cmd_admin: `mamori backup` and `mamori check-config`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "base/str.h"
#include "model/transfer.h"

int
cmd_backup(int argc, char **argv)
{
	struct conf c;
	struct app a;
	char err[512], deflt[1100], **rest;
	const char *to = NULL;
	long max_secs = 60;
	int nrest, i, rc;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori backup [--to FILE] [--max-secs N] [--db URL] "
		    "[--data-dir DIR]\n\nCopies the whole database to FILE "
		    "while the server keeps running: an SQLite file for SQLite "
		    "(one snapshot, checked with integrity_check before it is "
		    "put in place), the JSON export for PostgreSQL.  Without "
		    "--to the copy goes to DIR/backup-YYYYMMDD-HHMMSS.db (UTC).  "
		    "It gives up after --max-secs seconds (60) of the database "
		    "staying locked.  `mamori restore FILE --db URL` reads "
		    "either into a new database.\n");
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	rc = cli_conf(argc, argv, &c, rest, &nrest, true);
	for (i = 0; rc == 0 && i < nrest; i++) {
		if (strcmp(rest[i], "--to") == 0 && i + 1 < nrest)
			to = rest[++i];
		else if (strncmp(rest[i], "--to=", 5) == 0)
			to = rest[i] + 5;
		else if ((strcmp(rest[i], "--max-secs") == 0 && i + 1 < nrest &&
		    str_to_long(str_c(rest[++i]), 1, 86400, &max_secs) == 0) ||
		    (strncmp(rest[i], "--max-secs=", 11) == 0 &&
		    str_to_long(str_c(rest[i] + 11), 1, 86400, &max_secs) == 0))
			;
		else if (strncmp(rest[i], "--max-secs", 10) == 0) {
			fprintf(stderr, "mamori backup: --max-secs: expected a "
			    "whole number of seconds from 1 to 86400\n");
			rc = -1;
		} else {
			fprintf(stderr, "mamori backup: unexpected argument "
			    "'%s'\n", rest[i]);
			rc = -1;
		}
	}
	free(rest);
	if (rc == 0 && to == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		snprintf(deflt, sizeof(deflt), "%s/backup-%04d%02d%02d-%02d%02d%02d"
		    ".db", c.str[CONF_DATA_DIR], tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		to = deflt;
	}
	if (rc != 0) {
		conf_free(&c);
		return 2;
	}
	if (app_open_db(&a, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		app_free(&a);
		conf_free(&c);
		return 2;
	}
	if (strcmp(db_engine(a.db), "sqlite") == 0)
		rc = db_backup(a.db, to, (int)max_secs, err, sizeof(err));
	else {
		/* PostgreSQL: the logical export, which `mamori restore`
		 * reads into any engine. */
		FILE *f = fopen(to, "w");

		rc = f == NULL ? -1 : transfer_export(a.db, f, err, sizeof(err));
		if (f == NULL)
			snprintf(err, sizeof(err), "cannot create '%.400s'", to);
		else if (fclose(f) != 0 && rc == 0) {
			snprintf(err, sizeof(err), "cannot write '%.400s'", to);
			rc = -1;
		}
	}
	if (rc != DB_OK)
		fprintf(stderr, "mamori backup: %s\n", err);
	else
		printf("backed up %s to %s\n", c.str[CONF_DB], to);
	app_free(&a);
	conf_free(&c);
	return rc == DB_OK ? 0 : 1;
}

int
cmd_check_config(int argc, char **argv)
{
	const struct conf_def *d = conf_defs();
	struct content ct;
	struct conf c;
	char err[512], **rest;
	int nrest, k, rc;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori check-config [--config FILE] [options]\n"
		    "\nChecks the configuration and the content packs, then "
		    "prints the settings in force.\n");
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	rc = cli_conf(argc, argv, &c, rest, &nrest, false);
	free(rest);
	if (rc != 0)
		return 2;
	if (content_load(&ct, c.str[CONF_CONTENT_DIR], err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		content_free(&ct);
		conf_free(&c);
		return 2;
	}
	for (k = 0; k < CONF__MAX; k++) {
		if (d[k].type == CONF_T_STRING)
			printf("%s = %s\n", d[k].name, c.str[k]);
		else if (d[k].type == CONF_T_BOOL)
			printf("%s = %s\n", d[k].name, c.num[k] ? "yes" : "no");
		else
			printf("%s = %ld\n", d[k].name, c.num[k]);
	}
	printf("content: %zu interface texts, 25 diagnosis items, ok\n",
	    ct.n_ui);
	content_free(&ct);
	conf_free(&c);
	return 0;
}
