/*
 * cmd_admin: `mamori backup` and `mamori check-config`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "base/str.h"
#include "model/transfer.h"

/*
 * PostgreSQL: the logical export, which `mamori restore` reads into any
 * engine, written beside path, flushed to disk, read back whole and
 * checked, and only then renamed to path: a backup that is there is a
 * whole one.  On any error path is left as it was.
 */
static int
backup_export(struct app *a, const char *path, size_t *rows, char *err,
    size_t errlen)
{
	char tmp[1200], dir[1100], *slash;
	FILE *f;
	int fd, rc;

	if (strlen(path) >= sizeof(dir)) {
		snprintf(err, errlen, "the path is too long");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%.1099s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "w+")) == NULL) {
		snprintf(err, errlen, "cannot create a file beside '%.400s'",
		    path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = transfer_export(a->db, f, err, errlen);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		snprintf(err, errlen, "cannot write '%.400s' (disk full?)", tmp);
		rc = -1;
	}
	if (rc == 0) {
		rewind(f);
		if (transfer_check(a->db, f, rows, err, errlen) != 0)
			rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "cannot write '%.400s'", tmp);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot rename the copy to '%.400s'",
		    path);
		rc = -1;
	}
	if (rc != 0) {
		unlink(tmp);
		return -1;
	}
	/* the rename itself on disk */
	snprintf(dir, sizeof(dir), "%.1099s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if ((fd = open(dir, O_RDONLY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

int
cmd_backup(int argc, char **argv)
{
	struct conf c;
	struct app a;
	char err[512], deflt[1100], **rest;
	const char *to = NULL;
	size_t rows = 0;
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
	else
		rc = backup_export(&a, to, &rows, err, sizeof(err));
	if (rc != DB_OK)
		fprintf(stderr, "mamori backup: %s\n", err);
	else if (rows > 0)
		printf("backed up %s to %s (%zu rows, read back and checked)\n",
		    c.str[CONF_DB], to, rows);
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
	if (conf_check(&c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		conf_free(&c);
		return 2;
	}
	if (content_load(&ct, c.str[CONF_CONTENT_DIR], err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		content_free(&ct);
		conf_free(&c);
		return 2;
	}
	for (k = 0; k < CONF__MAX; k++) {
		if (d[k].type == CONF_T_STRING && conf_secret(k))
			printf("%s = %s\n", d[k].name, c.str[k][0] ? "(set)" : "");
		else if (d[k].type == CONF_T_STRING)
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
