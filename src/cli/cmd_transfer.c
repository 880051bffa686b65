/*
 * cmd_transfer: `mamori export --all`, `mamori import` and `mamori restore`
 * — a whole instance moved between databases and engines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "model/transfer.h"

/* Open the database named by the options; prints and returns -1. */
static int
open_db(int argc, char **argv, struct conf *c, struct app *a, char **rest,
    int *nrest)
{
	char err[512];

	if (cli_conf(argc, argv, c, rest, nrest, true) != 0)
		return -1;
	if (app_open_db(a, c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		app_free(a);
		conf_free(c);
		return -1;
	}
	return 0;
}

int
cmd_export(int argc, char **argv)
{
	struct conf c;
	struct app a;
	char err[512], **rest;
	const char *to = NULL;
	int nrest, i, all = 0, rc;
	FILE *f;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori export --all FILE [--db URL]\n\nWrites "
		    "every table of the instance to FILE (- for standard "
		    "output) as one JSON document, for `mamori import` into "
		    "another database or engine.  docs/operations.md has the "
		    "format.\n");
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (open_db(argc, argv, &c, &a, rest, &nrest) != 0) {
		free(rest);
		return 2;
	}
	for (i = 0; i < nrest; i++) {
		if (strcmp(rest[i], "--all") == 0)
			all = 1;
		else if (to == NULL && rest[i][0] != '-')
			to = rest[i];
		else if (to == NULL && strcmp(rest[i], "-") == 0)
			to = rest[i];
		else
			all = -1;
	}
	free(rest);
	if (all != 1 || to == NULL) {
		fprintf(stderr, "usage: mamori export --all FILE [--db URL]\n");
		rc = 2;
		goto out;
	}
	f = strcmp(to, "-") == 0 ? stdout : fopen(to, "w");
	if (f == NULL) {
		perror(to);
		rc = 1;
		goto out;
	}
	rc = transfer_export(a.db, f, err, sizeof(err)) == 0 ? 0 : 1;
	if (f != stdout && fclose(f) != 0)
		rc = 1;
	if (rc != 0)
		fprintf(stderr, "mamori export: %s\n", err);
out:
	app_free(&a);
	conf_free(&c);
	return rc;
}

/* Import the export in path (or an SQLite file: restore) into a. */
static int
import_from(struct app *a, const char *path, const char *cmd)
{
	char err[512], head[16] = "";
	size_t rows;
	FILE *f;
	int rc;

	if ((f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb")) == NULL) {
		perror(path);
		return 1;
	}
	/* An SQLite file (from `mamori backup`): export it on the fly. */
	if (f != stdin && fread(head, 1, sizeof(head), f) == sizeof(head) &&
	    memcmp(head, "SQLite format 3", 16) == 0) {
		struct db *src;
		char *buf = NULL, *url;
		size_t n = 0;
		FILE *mem;

		fclose(f);
		url = malloc(strlen(path) + 8);
		snprintf(url, strlen(path) + 8, "sqlite:%s", path);
		src = db_open(url, 1, err, sizeof(err));
		free(url);
		if (src == NULL) {
			fprintf(stderr, "mamori %s: %s\n", cmd, err);
			return 1;
		}
		mem = open_memstream(&buf, &n);
		rc = transfer_export(src, mem, err, sizeof(err));
		fclose(mem);
		db_close(src);
		if (rc == 0) {
			f = fmemopen(buf, n, "rb");
			rc = transfer_import(a->db, f, &rows, err, sizeof(err));
			fclose(f);
		}
		free(buf);
	} else {
		if (f != stdin)
			rewind(f);
		rc = transfer_import(a->db, f, &rows, err, sizeof(err));
		if (f != stdin)
			fclose(f);
	}
	if (rc != 0) {
		fprintf(stderr, "mamori %s: %s: %s (nothing was imported)\n",
		    cmd, path, err);
		return 1;
	}
	printf("%s: %zu rows into %s\n", cmd, rows, db_engine(a->db));
	return 0;
}

static int
import_cmd(int argc, char **argv, const char *cmd)
{
	struct conf c;
	struct app a;
	char **rest;
	int nrest, rc;

	if (cli_wants_help(argc, argv)) {
		printf("usage: mamori %s FILE [--db URL]\n\nReads FILE — an "
		    "export (`mamori export --all`, `mamori backup` of a "
		    "PostgreSQL instance) or an SQLite backup file — into the "
		    "database, which must be new and empty.  All or nothing.\n",
		    cmd);
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (open_db(argc, argv, &c, &a, rest, &nrest) != 0) {
		free(rest);
		return 2;
	}
	if (nrest != 1) {
		fprintf(stderr, "usage: mamori %s FILE [--db URL]\n", cmd);
		rc = 2;
	} else
		rc = import_from(&a, rest[0], cmd);
	free(rest);
	app_free(&a);
	conf_free(&c);
	return rc;
}

int
cmd_import(int argc, char **argv)
{
	return import_cmd(argc, argv, "import");
}

int
cmd_restore(int argc, char **argv)
{
	return import_cmd(argc, argv, "restore");
}
