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
#include "model/account.h"
#include "model/audit.h"
#include "model/org.h"
#include "model/round.h"
#include "model/transfer.h"
#include "model/bcpflow.h"
#include "report/bcp_doc.h"
#include "report/questionnaire.h"
#include "report/register_doc.h"
#include "report/report.h"

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

#define EXPORT_USAGE "usage: mamori export --all FILE [--db URL]\n" \
	"       mamori export round ID --format pdf|xlsx|csv|json -o FILE " \
	"[--lang ja|en] [--names] [--db URL]\n" \
	"       mamori export questionnaire ID [--format pdf|csv] -o FILE " \
	"[--lang ja|en] [--db URL]\n" \
	"       mamori export org ID --format pdf|xlsx -o FILE " \
	"[--lang ja|en] [--db URL]\n" \
	"       mamori export bcp ID --format pdf|xlsx -o FILE [--allow-gaps] " \
	"[--lang ja|en] [--db URL]\n"

/* Write out to path (- for standard output) beside the target and
 * rename: never half a file.  0, or 1 after a message. */
static int
write_out(struct arena *ar, const struct buf *out, const char *to)
{
	char *tmp;
	FILE *fp;
	int rc;

	if (strcmp(to, "-") == 0)
		return fwrite(out->p, 1, out->n, stdout) == out->n &&
		    fflush(stdout) == 0 ? 0 : 1;
	tmp = arena_printf(ar, "%s.tmp", to);
	fp = fopen(tmp, "wb");
	rc = fp != NULL && fwrite(out->p, 1, out->n, fp) == out->n ? 0 : 1;
	if (fp != NULL && fclose(fp) != 0)
		rc = 1;
	if (rc == 0 && rename(tmp, to) != 0)
		rc = 1;
	if (rc != 0) {
		perror(to);
		remove(tmp);
	}
	return rc;
}

/* What `mamori export round|questionnaire ID …` was given. */
struct export_args {
	long		 id;
	const char	*fmt;	/* NULL: not given */
	const char	*to;
	int		 lang;	/* enum lang, or -1: not given */
	bool		 names;	/* --names (round reports only) */
	bool		 gaps;	/* --allow-gaps (the IT-BCP document only) */
};

/*
 * Read ID, --format/-f, -o/--output, --lang and (when names_ok) --names
 * from rest[1..nrest) into *x; the --opt=value forms too.  0, or 2 after
 * a message (usage, unknown argument, missing value, bad language).
 */
static int
export_args(char **rest, int nrest, bool names_ok, struct export_args *x)
{
	const char *id_s = NULL, *lang = NULL;
	int i;

	memset(x, 0, sizeof(*x));
	x->lang = -1;
	for (i = 1; i < nrest; i++) {
		const char **slot = NULL;

		if (strcmp(rest[i], "--format") == 0 || strcmp(rest[i], "-f") == 0)
			slot = &x->fmt;
		else if (strcmp(rest[i], "-o") == 0 ||
		    strcmp(rest[i], "--output") == 0)
			slot = &x->to;
		else if (strcmp(rest[i], "--lang") == 0)
			slot = &lang;
		else if (strncmp(rest[i], "--format=", 9) == 0)
			x->fmt = rest[i] + 9;
		else if (strncmp(rest[i], "--lang=", 7) == 0)
			lang = rest[i] + 7;
		else if (names_ok && strcmp(rest[i], "--names") == 0)
			x->names = true;
		else if (strcmp(rest[i], "--allow-gaps") == 0)
			x->gaps = true;
		else if (id_s == NULL && rest[i][0] != '-')
			id_s = rest[i];
		else {
			fprintf(stderr, "mamori export: unknown argument %s\n%s",
			    rest[i], EXPORT_USAGE);
			return 2;
		}
		if (slot != NULL) {
			if (i + 1 >= nrest) {
				fprintf(stderr, "mamori export: %s needs a "
				    "value\n", rest[i]);
				return 2;
			}
			*slot = rest[++i];
		}
	}
	if (id_s == NULL || str_to_long(str_c(id_s), 1, INT64_MAX / 2,
	    &x->id) != 0 || x->to == NULL) {
		fprintf(stderr, "%s", EXPORT_USAGE);
		return 2;
	}
	if (lang != NULL && (x->lang = lang_from_key(lang)) < 0) {
		fprintf(stderr, "mamori export: --lang is ja or en\n");
		return 2;
	}
	return 0;
}

/*
 * `mamori export questionnaire ID`: the paper questionnaire of a round
 * (PDF) or its CSV template, by the code the web downloads run.  The
 * shared link printed on it starts with the configured base-url.
 */
static int
export_questionnaire(struct app *a, char **rest, int nrest)
{
	struct export_args x;
	struct questionnaire_in in;
	struct buf out = BUF_INIT;
	struct arena ar;
	struct db_conn *c;
	char err[512];
	long id;
	int rc;

	if ((rc = export_args(rest, nrest, false, &x)) != 0)
		return rc;
	id = x.id;
	if (x.fmt == NULL)
		x.fmt = "pdf";
	if (strcmp(x.fmt, "pdf") != 0 && strcmp(x.fmt, "csv") != 0) {
		fprintf(stderr, "mamori export: a questionnaire is pdf or csv, "
		    "not '%s'\n", x.fmt);
		return 2;
	}
	memset(&in, 0, sizeof(in));
	arena_init(&ar);
	c = db_acquire(a->db);
	rc = report_questionnaire_in(c, &ar, 0, id, a->base_url, a->secret,
	    &in);
	db_release(a->db, c);
	if (rc != REPORT_OK) {
		fprintf(stderr, "mamori export: %s\n", rc ==
		    REPORT_ERR_NOT_FOUND ? arena_printf(&ar, "round %ld: no "
		    "such round", id) : "database error");
		rc = 1;
		goto out;
	}
	in.ct = &a->content;
	in.lang = x.lang >= 0 ? (enum lang)x.lang : (enum lang)a->lang;
	if (strcmp(x.fmt, "csv") == 0)
		report_questionnaire_csv(&in, &out);
	else if (report_questionnaire_pdf(&in, &out, err, sizeof(err)) !=
	    REPORT_OK) {
		fprintf(stderr, "mamori export: %s\n", err);
		rc = 1;
		goto out;
	}
	rc = write_out(&ar, &out, x.to);
out:
	buf_free(&out);
	arena_free(&ar);
	return rc;
}

/*
 * `mamori export round ID`: the report of one closed round, by the code
 * the web download runs; anonymous unless --names asks for the internal
 * version.  rest holds what the option table left.
 */
static int
export_round(struct app *a, char **rest, int nrest)
{
	struct export_args x;
	struct report_in in;
	struct buf out = BUF_INIT;
	struct arena ar;
	struct db_conn *c;
	struct round r;
	char err[512];
	long id;
	int f, rc;

	if ((rc = export_args(rest, nrest, true, &x)) != 0)
		return rc;
	id = x.id;
	if (x.fmt == NULL) {
		fprintf(stderr, "%s", EXPORT_USAGE);
		return 2;
	}
	if ((f = report_format_from_key(x.fmt)) < 0) {
		fprintf(stderr, "mamori export: unknown format '%s' (pdf, "
		    "xlsx, csv or json)\n", x.fmt);
		return 2;
	}
	memset(&in, 0, sizeof(in));
	in.ct = &a->content;
	in.lang = x.lang >= 0 ? (enum lang)x.lang : (enum lang)a->lang;
	in.round_id = id;
	in.view = x.names ? REPORT_VIEW_NAMES : REPORT_VIEW_ANON;
	in.now = account_now();
	arena_init(&ar);
	c = db_acquire(a->db);
	if ((rc = round_find(c, &ar, id, &r)) != 0) {
		if (rc == DB_DONE)
			fprintf(stderr, "mamori export: round %ld: no such "
			    "round\n", id);
		else
			fprintf(stderr, "mamori export: database error\n");
		rc = 1;
		goto out;
	}
	in.org_id = r.org_id;
	if (report_round(c, &ar, &in, (enum report_format)f, &out, err,
	    sizeof(err)) != REPORT_OK) {
		fprintf(stderr, "mamori export: %s\n", err);
		rc = 1;
		goto out;
	}
	rc = write_out(&ar, &out, x.to);
	if (rc == 0)
		audit(c, r.org_id, 0, AUDIT_EXPORT, arena_printf(&ar,
		    "round %ld %s%s", id, report_format_key(
		    (enum report_format)f), x.names ? " names" : ""),
		    AUDIT_ADDR_CLI);
out:
	db_release(a->db, c);
	buf_free(&out);
	arena_free(&ar);
	return rc;
}

/* The format --format names for a document that comes as a PDF or a
 * workbook (what: "the … comes"), or -1 after saying why. */
static int
pdf_or_xlsx(const struct export_args *x, const char *what)
{
	int f;

	if (x->fmt == NULL) {
		fprintf(stderr, "%s", EXPORT_USAGE);
		return -1;
	}
	f = report_format_from_key(x->fmt);
	if (f != REPORT_PDF && f != REPORT_XLSX) {
		fprintf(stderr, "mamori export: %s as pdf or xlsx, not '%s'\n",
		    what, x->fmt);
		return -1;
	}
	return f;
}

/*
 * `mamori export org ID`: every register of an organisation in one PDF or
 * workbook, by the code the web download runs.
 */
static int
export_org(struct app *a, char **rest, int nrest)
{
	struct export_args x;
	struct report_org_in in;
	struct buf out = BUF_INIT;
	struct arena ar;
	struct db_conn *c;
	struct org o;
	char err[512];
	int f, rc;

	if ((rc = export_args(rest, nrest, false, &x)) != 0)
		return rc;
	if ((f = pdf_or_xlsx(&x, "an organisation's registers come")) < 0)
		return 2;
	memset(&in, 0, sizeof(in));
	in.ct = &a->content;
	in.lang = x.lang >= 0 ? (enum lang)x.lang : (enum lang)a->lang;
	in.now = account_now();
	arena_init(&ar);
	c = db_acquire(a->db);
	if ((rc = org_get(c, &ar, x.id, &o)) != 0) {
		fprintf(stderr, rc == DB_DONE ? "mamori export: organisation "
		    "%ld: no such organisation\n" : "mamori export: database "
		    "error (organisation %ld)\n", x.id);
		rc = 1;
		goto out;
	}
	in.org = o.name;
	if (report_org(c, &ar, &in, x.id, (enum report_format)f, &out, err,
	    sizeof(err)) != REPORT_OK) {
		fprintf(stderr, "mamori export: %s\n", err);
		rc = 1;
		goto out;
	}
	rc = write_out(&ar, &out, x.to);
	if (rc == 0)
		audit(c, x.id, 0, AUDIT_EXPORT, arena_printf(&ar,
		    "register all %s", report_format_key(
		    (enum report_format)f)), AUDIT_ADDR_CLI);
out:
	db_release(a->db, c);
	buf_free(&out);
	arena_free(&ar);
	return rc;
}

/*
 * `mamori export bcp ID`: the IT-BCP document of an organisation, by the
 * code the web download runs.
 */
static int
export_bcp(struct app *a, char **rest, int nrest)
{
	struct export_args x;
	struct bcp_doc_in in;
	struct buf out = BUF_INIT;
	struct arena ar;
	struct db_conn *c;
	char err[512];
	int f, rc;

	if ((rc = export_args(rest, nrest, false, &x)) != 0)
		return rc;
	if ((f = pdf_or_xlsx(&x, "the IT-BCP document comes")) < 0)
		return 2;
	memset(&in, 0, sizeof(in));
	in.ct = &a->content;
	in.lang = x.lang >= 0 ? (enum lang)x.lang : (enum lang)a->lang;
	in.now = account_now();
	arena_init(&ar);
	c = db_acquire(a->db);
	/* a step nobody owns is a gap to see before the document goes out */
	if (!x.gaps) {
		struct bcp_all all;
		size_t *ix, n = 0;

		if (bcpflow_read(c, &a->content.regenv, x.id, in.now, &ar,
		    &all) == DB_OK)
			n = bcp_doc_unowned(&all, &ar, &ix);
		if (n > 0) {
			fprintf(stderr, "mamori export: %zu recovery step%s of "
			    "organisation %ld %s no owner; give %s one, or "
			    "export with --allow-gaps (the document then lists "
			    "them first, under \"To fix\")\n", n, n == 1 ? "" :
			    "s", x.id, n == 1 ? "has" : "have", n == 1 ? "it" :
			    "each");
			rc = 3;
			goto out;
		}
	}
	if ((rc = bcp_doc_file(c, &ar, &in, x.id, BCP_DOC_PLAN,
	    (enum report_format)f, &out, err, sizeof(err))) != REPORT_OK) {
		fprintf(stderr, "mamori export: %s\n", err);
		rc = 1;
		goto out;
	}
	rc = write_out(&ar, &out, x.to);
	if (rc == 0)
		audit(c, x.id, 0, AUDIT_EXPORT, arena_printf(&ar,
		    "register bcp document-%s", report_format_key(
		    (enum report_format)f)), AUDIT_ADDR_CLI);
out:
	db_release(a->db, c);
	buf_free(&out);
	arena_free(&ar);
	return rc;
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
		printf(EXPORT_USAGE "\nWith --all, writes every table of the "
		    "instance to FILE (- for standard output) as one JSON "
		    "document, for `mamori import` into another database or "
		    "engine; docs/operations.md has the format.\n\nWith round "
		    "ID, writes the report of that closed round: a PDF to hand "
		    "over, an Excel workbook, the answers as CSV (the import "
		    "format) or the results as JSON (as the API serves them).  "
		    "An open round is refused.\n\nWith questionnaire ID, "
		    "writes the questionnaire of that round to print for those "
		    "who answer on paper (pdf, the default), or the CSV "
		    "template their answers are typed into for the import "
		    "(csv); the shared link on it starts with base-url.\n\nWith org "
		    "ID, writes every register of that organisation (assets, "
		    "risks, the plan, the regulations) with a summary: a PDF "
		    "to hand over or one workbook, a sheet each.\n\nWith bcp "
		    "ID, writes the IT-BCP document of that organisation (its "
		    "class, processes, systems and backups, the two-stage "
		    "recovery, contacts, assumed incidents and the maintenance "
		    "calendar): a PDF or a workbook.\n");
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (cli_conf(argc, argv, &c, rest, &nrest, true) != 0) {
		free(rest);
		return 2;
	}
	if (nrest > 0 && (strcmp(rest[0], "round") == 0 ||
	    strcmp(rest[0], "questionnaire") == 0 ||
	    strcmp(rest[0], "org") == 0 || strcmp(rest[0], "bcp") == 0)) {
		/* The report needs the content packs as well. */
		if (app_open(&a, &c, 1, err, sizeof(err)) != 0) {
			fprintf(stderr, "mamori: %s\n", err);
			rc = 2;
		} else if (strcmp(rest[0], "round") == 0)
			rc = export_round(&a, rest, nrest);
		else if (strcmp(rest[0], "org") == 0)
			rc = export_org(&a, rest, nrest);
		else if (strcmp(rest[0], "bcp") == 0)
			rc = export_bcp(&a, rest, nrest);
		else
			rc = export_questionnaire(&a, rest, nrest);
		free(rest);
		goto out;
	}
	if (app_open_db(&a, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "mamori: %s\n", err);
		free(rest);
		app_free(&a);
		conf_free(&c);
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
		fprintf(stderr, EXPORT_USAGE);
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
		/* Damage a read can miss (an index, the free list) is
		 * refused before anything is read. */
		if (db_check_file(path, err, sizeof(err)) != DB_OK) {
			fprintf(stderr, "mamori %s: %s (nothing was imported)\n",
			    cmd, err);
			return 1;
		}
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
