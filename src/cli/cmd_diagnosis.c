/*
 * `mamori diagnosis`: self-diagnosis tools for the command line.  For now
 * one subcommand, `score`, which reads answers collected offline (see
 * model/diag_csv.h for the file format) and prints the company's results.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/esc.h"
#include "base/num.h"
#include "model/diag.h"
#include "model/diag_csv.h"
#include "report/diag_json.h"

#define READ_CHUNK	65536
#define WEAKEST_SHOWN	5

enum score_fmt {
	SCORE_TEXT,
	SCORE_JSON,
	SCORE__MAX
};

static const char *const score_fmts[SCORE__MAX] = {
	[SCORE_TEXT] = "text",
	[SCORE_JSON] = "json",
};

/* What `diagnosis score` was asked to do. */
struct score_opts {
	const char	*path;	/* FILE.csv, or "-" for standard input */
	enum score_fmt	 fmt;	/* output format */
};

static void
usage_diagnosis(FILE *f)
{
	fputs("usage: mamori diagnosis <command> [options]\n"
	    "\n"
	    "Commands:\n"
	    "  score FILE.csv [--format text|json]\n"
	    "      score self-diagnosis answers collected offline\n"
	    "\n"
	    "Run \"mamori diagnosis score --help\" for the details.\n", f);
}

static void
usage_score(FILE *f)
{
	fputs("usage: mamori diagnosis score FILE.csv [--format text|json]\n"
	    "\n"
	    "Reads the answers of every respondent of one company from\n"
	    "FILE.csv (\"-\" for standard input) and prints the company\n"
	    "score, each respondent, each part, the roles and the weakest\n"
	    "items.  The file is UTF-8 (with or without BOM) or Shift_JIS\n"
	    "(CP932); its first line is name,role,q1,...,q25 and every\n"
	    "further line one respondent: a name, a role (executive,\n"
	    "manager, employee) and 25 answers (4, 2, 0, -1 or yes, partly,\n"
	    "no, unknown); a department column may follow q25.\n"
	    "\n"
	    "Options:\n"
	    "  --format text|json  output format (default: text)\n"
	    "  -h, --help          show this help\n"
	    "\n"
	    "Exit status: 0 success; 1 the file cannot be read; 2 bad usage\n"
	    "or bad content, every problem reported on standard error as\n"
	    "FILE:LINE:COLUMN: message.\n", f);
}

static int	usage_error(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

/* Report a usage error on stderr; returns the exit status for it. */
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mamori diagnosis: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry \"mamori diagnosis score --help\".\n", stderr);
	return 2;
}

static int
score_fmt_of(const char *s, struct score_opts *o)
{
	int f;

	for (f = 0; f < SCORE__MAX; f++)
		if (strcmp(s, score_fmts[f]) == 0) {
			o->fmt = (enum score_fmt)f;
			return 0;
		}
	return -1;
}

/*
 * Parse the arguments of `diagnosis score` (argv[0] is "score").
 * Returns -1 when help was printed, 0 when *o is ready, or the exit status
 * of a usage error (already reported).
 */
static int
score_args(int argc, char **argv, struct score_opts *o)
{
	const char *fmt;
	bool opts = true;
	int i;

	o->path = NULL;
	o->fmt = SCORE_TEXT;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && (strcmp(a, "-h") == 0 ||
		    strcmp(a, "--help") == 0)) {
			usage_score(stdout);
			return -1;
		} else if (opts && strcmp(a, "--") == 0) {
			opts = false;
			continue;
		} else if (opts && strncmp(a, "--format", 8) == 0 &&
		    (a[8] == '=' || a[8] == '\0')) {
			if (a[8] == '\0' && i + 1 >= argc)
				return usage_error("--format needs text or "
				    "json");
			fmt = a[8] == '=' ? a + 9 : argv[++i];
			if (score_fmt_of(fmt, o) < 0)
				return usage_error("unknown format '%s' (text "
				    "or json)", fmt);
			continue;
		} else if (opts && a[0] == '-' && a[1] != '\0')
			return usage_error("unknown option '%s'", a);
		if (o->path != NULL)
			return usage_error("unexpected argument '%s': one "
			    "file only", a);
		o->path = a;
	}
	if (o->path == NULL)
		return usage_error("missing FILE.csv");
	return 0;
}

/*
 * Read all of f into b, stopping once more than max bytes are in so that
 * an oversized file is refused without being read whole.  Returns 0, or -1
 * on a read error (errno set by stdio).
 */
static int
read_all(FILE *f, struct buf *b, size_t max)
{
	char *p;
	size_t got;

	while (b->n <= max) {
		if ((p = buf_reserve(b, READ_CHUNK)) == NULL)
			return -1;
		got = fread(p, 1, READ_CHUNK, f);
		buf_commit(b, got);
		if (got < READ_CHUNK)
			break;
	}
	return ferror(f) ? -1 : 0;
}

/* Load the input file into b; returns 0 or exit status 1 (reported). */
static int
score_load(const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	int rc, saved;

	if (f == NULL) {
		fprintf(stderr, "mamori diagnosis: cannot open %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	rc = read_all(f, b, DIAG_CSV_MAX_BYTES);
	saved = errno;
	if (f != stdin)
		fclose(f);
	if (rc < 0) {
		fprintf(stderr, "mamori diagnosis: cannot read %s: %s\n", path,
		    strerror(saved));
		return 1;
	}
	return 0;
}

/* ---- text -------------------------------------------------------------- */

static void
text_respondents(struct buf *b, const struct diag_csv *csv)
{
	size_t k;

	buf_printf(b, "Respondents: %zu\n", csv->n_resp);
	for (k = 0; k < csv->n_resp; k++) {
		const struct diag_resp *r = &csv->resp[k];

		buf_printf(b, "  %4d  %s (%s)\n", diag_resp_score(r),
		    r->name && r->name[0] ? r->name : "(no name)",
		    diag_role_key(r->role));
	}
}

static void
text_parts_roles(struct buf *b, const struct diag_result *res)
{
	int p, r;

	buf_adds(b, "\nParts (mean points per item, 4 at best):\n");
	for (p = 0; p < DIAG_PARTS; p++) {
		buf_printf(b, "  Part %d (items %d-%d): ", p + 1,
		    diag_part_first(p) + 1,
		    diag_part_first(p) + diag_part_len(p));
		num_tenths(b, res->part_mean_tenths[p]);
		buf_addc(b, '\n');
	}
	buf_adds(b, "\nRoles (mean score):\n");
	for (r = 0; r < DIAG_ROLE__MAX; r++) {
		if (res->role_n[r] == 0)
			continue;
		buf_printf(b, "  %s (%d): ", diag_role_key((enum diag_role)r),
		    res->role_n[r]);
		num_tenths(b, res->role_mean_tenths[r]);
		buf_addc(b, '\n');
	}
}

static void
text_weakest(struct buf *b, const struct diag_result *res)
{
	int k;

	buf_printf(b, "\nWeakest items:\n");
	for (k = 0; k < WEAKEST_SHOWN; k++) {
		const struct diag_item_stat *it = &res->item[res->weakest[k]];

		buf_printf(b, "  Item %d: mean ", res->weakest[k] + 1);
		num_tenths(b, it->mean_tenths);
		buf_printf(b, " (yes %d, partly %d, no %d, unknown %d)\n",
		    it->counts[DIAG_YES], it->counts[DIAG_PARTLY],
		    it->counts[DIAG_NO], it->counts[DIAG_UNKNOWN]);
	}
}

static void
score_text(struct buf *b, const struct diag_csv *csv,
    const struct diag_result *res)
{
	buf_adds(b, "Company score: ");
	num_tenths(b, res->company_tenths);
	buf_printf(b, " of 100 (%s)\n", diag_band_key(res->band));
	text_respondents(b, csv);
	text_parts_roles(b, res);
	text_weakest(b, res);
}

/* ---- the command -------------------------------------------------------- */

/* Every reader error as FILE:LINE:COLUMN: message on stderr. */
static void
score_errors(const char *path, const struct diag_csv *csv)
{
	const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t k;

	for (k = 0; k < csv->n_err; k++)
		fprintf(stderr, "%s:%lu:%u: %s\n", shown, csv->err[k].line,
		    csv->err[k].column, csv->err[k].msg);
}

/* Write all of out to stdout; returns 0 or exit status 1 (reported). */
static int
score_write(const struct buf *out)
{
	if (fwrite(buf_cstr(out), 1, out->n, stdout) != out->n ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "mamori diagnosis: cannot write output: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

static int
cmd_score(int argc, char **argv)
{
	struct score_opts o;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct arena a;
	struct diag_csv csv;
	struct diag_result res;
	int rc;

	if ((rc = score_args(argc, argv, &o)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = score_load(o.path, &in)) != 0)
		goto out;
	arena_init(&a);
	if (diag_csv_parse(in.p, in.n, DIAG_CSV_MAX_BYTES, &a, &csv) < 0) {
		score_errors(o.path, &csv);
		rc = 2;
	} else {
		diag_compute(csv.resp, csv.n_resp, &res);
		if (o.fmt == SCORE_JSON)
			diag_json(&out, csv.resp, csv.n_resp, &res, DIAG_JSON_NAMES);
		else
			score_text(&out, &csv, &res);
		rc = score_write(&out);
	}
	arena_free(&a);
out:
	buf_free(&in);
	buf_free(&out);
	return rc;
}

int
cmd_diagnosis(int argc, char **argv)
{
	if (argc < 2) {
		usage_diagnosis(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage_diagnosis(stdout);
		return 0;
	}
	if (strcmp(argv[1], "score") == 0)
		return cmd_score(argc - 1, argv + 1);
	fprintf(stderr, "mamori diagnosis: unknown command '%s'\n"
	    "Try \"mamori diagnosis --help\".\n", argv[1]);
	return 2;
}
