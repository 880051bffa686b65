#include "model/diag_csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/str.h"
#include "base/xalloc.h"

/* Fields kept per record: all the columns, the optional department,
 * plus one, to name an extra. */
#define REC_KEEP	(DIAG_CSV_COLS + 2)

static const char *const err_texts[DIAG_CSV_E__MAX] = {
	[DIAG_CSV_E_TOO_BIG] = "file too large",
	[DIAG_CSV_E_EMPTY] = "file is empty",
	[DIAG_CSV_E_ENCODING] = "text is neither UTF-8 nor CP932",
	[DIAG_CSV_E_QUOTE] = "badly quoted field",
	[DIAG_CSV_E_HEADER] = "wrong header",
	[DIAG_CSV_E_FIELDS] = "wrong number of fields",
	[DIAG_CSV_E_NAME] = "unusable name",
	[DIAG_CSV_E_ROLE] = "unknown role",
	[DIAG_CSV_E_ANSWER] = "unknown answer",
	[DIAG_CSV_E_MISSING] = "missing answer",
	[DIAG_CSV_E_NO_ROWS] = "no respondents",
	[DIAG_CSV_E_TOO_MANY_ROWS] = "too many respondents",
	[DIAG_CSV_E_TOO_MANY_ERRORS] = "too many errors",
	[DIAG_CSV_E_DEPT] = "unusable department",
};

/* The header, column by column. */
static const char *const hdr_cols[DIAG_CSV_COLS] = {
	"name", "role",
	"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10",
	"q11", "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20",
	"q21", "q22", "q23", "q24", "q25",
};

/* Japanese labels; the English ones are diag_role_key/diag_answer_key. */
static const char *const roles_ja[DIAG_ROLE__MAX] = {
	[DIAG_ROLE_EXECUTIVE] = "経営者",
	[DIAG_ROLE_MANAGER] = "管理者",
	[DIAG_ROLE_EMPLOYEE] = "従業員",
};

static const struct {
	const char	*points;	/* as the points themselves */
	const char	*ja;		/* as the Japanese questionnaire says */
} answers[DIAG_ANSWER__MAX] = {
	[DIAG_NONE] =		{ NULL, NULL },
	[DIAG_YES] =		{ "4", "実施している" },
	[DIAG_PARTLY] =		{ "2", "一部実施している" },
	[DIAG_NO] =		{ "0", "実施していない" },
	[DIAG_UNKNOWN] =	{ "-1", "わからない" },
};

/* The reader's state for one diag_csv_parse(). */
struct dcsv {
	struct csv_reader	 rd;	/* the file, record by record */
	struct arena		*a;	/* the caller's, for results */
	struct diag_csv		*out;	/* results */
	struct diag_resp	*rows;	/* good rows so far (xrealloc) */
	unsigned long		*lines;	/* the line each starts at (same) */
	size_t			 nrows;	/* rows used */
	size_t			 caprows;	/* rows allocated */
	size_t			 records;	/* data records seen */
	bool			 stop;	/* give up reading */
	size_t			 cols;	/* fields a record has: DIAG_CSV_COLS,
					   one more with a department */
};

const char *
diag_csv_strerror(enum diag_csv_err e)
{
	return (unsigned)e < DIAG_CSV_E__MAX ? err_texts[e] : "";
}

static const char *const err_codes[DIAG_CSV_E__MAX] = {
	[DIAG_CSV_E_TOO_BIG] = "too_big",
	[DIAG_CSV_E_EMPTY] = "empty",
	[DIAG_CSV_E_ENCODING] = "encoding",
	[DIAG_CSV_E_QUOTE] = "quote",
	[DIAG_CSV_E_HEADER] = "header",
	[DIAG_CSV_E_FIELDS] = "fields",
	[DIAG_CSV_E_NAME] = "name",
	[DIAG_CSV_E_ROLE] = "role",
	[DIAG_CSV_E_ANSWER] = "answer",
	[DIAG_CSV_E_MISSING] = "missing",
	[DIAG_CSV_E_NO_ROWS] = "no_rows",
	[DIAG_CSV_E_TOO_MANY_ROWS] = "too_many_rows",
	[DIAG_CSV_E_TOO_MANY_ERRORS] = "too_many_errors",
	[DIAG_CSV_E_DEPT] = "department",
};

const char *
diag_csv_code(enum diag_csv_err e)
{
	return (unsigned)e < DIAG_CSV_E__MAX ? err_codes[e] : "";
}

/* ---- errors ---------------------------------------------------------- */

/* True when s[i] starts a C1 control character (U+0080..U+009F). */
static bool
is_c1(struct str s, size_t i)
{
	return (unsigned char)s.p[i] == 0xc2 && i + 1 < s.n &&
	    (unsigned char)s.p[i + 1] >= 0x80 &&
	    (unsigned char)s.p[i + 1] < 0xa0;
}

/* Length of the longest prefix of s[0..n) that is at most max bytes and
 * does not end inside a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* Copy v into dst (DIAG_CSV_VALUE_MAX + 4 bytes) as struct diag_csv_error
 * documents: cut, "…" when cut, C0/DEL/C1 controls as '?'. */
static void
err_value(char *dst, struct str v)
{
	size_t keep = utf8_cut(v.p, v.n, DIAG_CSV_VALUE_MAX), i, o = 0;

	for (i = 0; i < keep; i++) {
		unsigned char c = (unsigned char)v.p[i];

		if (is_c1(v, i)) {
			i++;	/* C1 control: U+0080..U+009F */
			c = '?';
		} else if (c < 0x20 || c == 0x7f)
			c = '?';
		dst[o++] = (char)c;
	}
	if (keep < v.n) {
		memcpy(dst + o, "\xe2\x80\xa6", 3);
		o += 3;
	}
	dst[o] = '\0';
}

/*
 * A new error entry, or NULL when the cap was reached (then the entry that
 * says so has been added and reading stops).  The caller fills msg with
 * err_msg().
 */
static struct diag_csv_error *
err_new(struct dcsv *c, enum diag_csv_err code, unsigned long line,
    unsigned col, struct str value)
{
	static const char cap_msg[] = "too many errors; stopped here";
	struct diag_csv *out = c->out;
	struct diag_csv_error *e;

	_Static_assert(sizeof(cap_msg) <= sizeof(e->msg), "cap_msg fits");
	if (out->n_err > DIAG_CSV_MAX_ERRORS)
		return NULL;	/* the cap's own entry is already there */
	if (out->err == NULL)
		out->err = arena_alloc(c->a,
		    (DIAG_CSV_MAX_ERRORS + 1) * sizeof(*out->err));
	e = &out->err[out->n_err++];
	e->line = line;
	e->column = col;
	if (out->n_err > DIAG_CSV_MAX_ERRORS) {
		e->code = DIAG_CSV_E_TOO_MANY_ERRORS;
		e->value[0] = '\0';
		memcpy(e->msg, cap_msg, sizeof(cap_msg));
		c->stop = true;
		return NULL;
	}
	e->code = code;
	err_value(e->value, value);
	return e;
}

static void
err_msg(struct diag_csv_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
err_msg(struct diag_csv_error *e, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	n = utf8_cut(buf_cstr(&b), b.n, sizeof(e->msg) - 1);
	memcpy(e->msg, buf_cstr(&b), n);
	e->msg[n] = '\0';
	buf_free(&b);
}

/* An error about a record as a whole (no cell to quote). */
static void
err_rec(struct dcsv *c, enum diag_csv_err code, unsigned long line,
    unsigned col, const char *msg)
{
	struct diag_csv_error *e = err_new(c, code, line, col, STR_NULL);

	if (e != NULL)
		err_msg(e, "%s", msg);
}

/* ---- cells ------------------------------------------------------------ */

/*
 * The text of kept cell k of r, trimmed, in *out (a view into the reader,
 * valid until the next record).  On bytes the file's encoding does not
 * allow, an E_ENCODING error is added and -1 returned.
 */
static int
cell_text(struct dcsv *c, const struct csv_record *r, size_t k,
    struct str *out)
{
	const struct csv_cell *cell = &r->cell[k];

	if (cell->err == CSV_E_ENCODING) {
		err_rec(c, DIAG_CSV_E_ENCODING, r->line, (unsigned)k + 1,
		    c->rd.cp932 ? "text is not valid CP932 (Shift_JIS)" :
		    "text is not valid UTF-8");
		return -1;
	}
	*out = (struct str){ cell->text, cell->len };
	return 0;
}

/* ASCII case-insensitive s == key. */
static bool
ascii_ieq(struct str s, const char *key)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		unsigned char a = (unsigned char)s.p[i];
		unsigned char b = (unsigned char)key[i];

		if (b == '\0')
			return false;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return key[i] == '\0';
}

/* ---- header ----------------------------------------------------------- */

/* Check the header record; -1 (with one error added) when it is wrong.
 * Its cells are compared as they read, whatever their quotes. */
static int
header_check(struct dcsv *c, const struct csv_record *r)
{
	struct diag_csv_error *e;
	struct str s;
	size_t k;

	for (k = 0; k < r->n_cell; k++) {
		if (cell_text(c, r, k, &s) < 0)
			return -1;
		if (k == DIAG_CSV_COLS && ascii_ieq(s, "department")) {
			c->cols = DIAG_CSV_COLS + 1;
			continue;
		}
		if (k >= DIAG_CSV_COLS) {
			if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
			    (unsigned)k + 1, s)) != NULL)
				err_msg(e, "header: unexpected column \"%s\" "
				    "after %s", e->value, k == DIAG_CSV_COLS ?
				    "q25" : "department");
			return -1;
		}
		if (!ascii_ieq(s, hdr_cols[k])) {
			if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
			    (unsigned)k + 1, s)) != NULL)
				err_msg(e, "header: expected \"%s\", found "
				    "\"%s\"", hdr_cols[k], e->value);
			return -1;
		}
	}
	if (r->n_field < DIAG_CSV_COLS) {
		if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
		    (unsigned)r->n_field + 1, STR_NULL)) != NULL)
			err_msg(e, "header: missing column \"%s\"",
			    hdr_cols[r->n_field]);
		return -1;
	}
	return 0;
}

/* ---- rows ------------------------------------------------------------- */

static int
row_name(struct dcsv *c, const struct csv_record *r, struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;
	bool ctrl = r->cell[0].err == CSV_E_CONTROL;

	if (cell_text(c, r, 0, &s) < 0)
		return -1;
	if (str_utf8_count(s) > DIAG_CSV_NAME_MAX || ctrl) {
		e = err_new(c, DIAG_CSV_E_NAME, r->line, 1, s);
		if (e != NULL && ctrl)
			err_msg(e, "name \"%s\" contains a control character",
			    e->value);
		else if (e != NULL)
			err_msg(e, "name \"%s\" is longer than %d characters",
			    e->value, DIAG_CSV_NAME_MAX);
		return -1;
	}
	resp->name = arena_cstr(c->a, s);
	return 0;
}

/* The department, the field after q25 when the header has one: at most
 * DIAG_CSV_DEPT_MAX characters, no control character; "" none. */
static int
row_dept(struct dcsv *c, const struct csv_record *r, struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;
	bool ctrl = r->cell[DIAG_CSV_COLS].err == CSV_E_CONTROL;

	if (cell_text(c, r, DIAG_CSV_COLS, &s) < 0)
		return -1;
	if (str_utf8_count(s) > DIAG_CSV_DEPT_MAX || ctrl) {
		e = err_new(c, DIAG_CSV_E_DEPT, r->line, DIAG_CSV_COLS + 1, s);
		if (e != NULL && ctrl)
			err_msg(e, "department \"%s\" contains a control "
			    "character", e->value);
		else if (e != NULL)
			err_msg(e, "department \"%s\" is longer than %d "
			    "characters", e->value, DIAG_CSV_DEPT_MAX);
		return -1;
	}
	resp->department = arena_cstr(c->a, s);
	return 0;
}

static int
row_role(struct dcsv *c, const struct csv_record *r, struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;
	int k;

	if (cell_text(c, r, 1, &s) < 0)
		return -1;
	for (k = 0; k < DIAG_ROLE__MAX; k++)
		if (ascii_ieq(s, diag_role_key((enum diag_role)k)) ||
		    str_eq_c(s, roles_ja[k])) {
			resp->role = (enum diag_role)k;
			return 0;
		}
	if ((e = err_new(c, DIAG_CSV_E_ROLE, r->line, 2, s)) != NULL)
		err_msg(e, "role \"%s\" is not executive, manager or employee",
		    e->value);
	return -1;
}

/* The answer a trimmed cell spells, or DIAG_NONE. */
static enum diag_answer
answer_of(struct str s)
{
	int a;

	for (a = DIAG_NONE + 1; a < DIAG_ANSWER__MAX; a++)
		if (str_eq_c(s, answers[a].points) ||
		    ascii_ieq(s, diag_answer_key((enum diag_answer)a)) ||
		    str_eq_c(s, answers[a].ja))
			return (enum diag_answer)a;
	return DIAG_NONE;
}

/* Check answer q(k-1) in field k; every bad one adds its own error. */
static int
row_answer(struct dcsv *c, const struct csv_record *r, size_t k,
    struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;
	enum diag_answer a;

	if (cell_text(c, r, k, &s) < 0)
		return -1;
	if (s.n == 0) {
		if ((e = err_new(c, DIAG_CSV_E_MISSING, r->line,
		    (unsigned)k + 1, s)) != NULL)
			err_msg(e, "%s: answer is empty", hdr_cols[k]);
		return -1;
	}
	if ((a = answer_of(s)) == DIAG_NONE) {
		if ((e = err_new(c, DIAG_CSV_E_ANSWER, r->line,
		    (unsigned)k + 1, s)) != NULL)
			err_msg(e, "%s: \"%s\" is not an answer (4, 2, 0, -1 "
			    "or yes, partly, no, unknown)", hdr_cols[k],
			    e->value);
		return -1;
	}
	resp->ans[k - 2] = (unsigned char)a;
	return 0;
}

static void
row_keep(struct dcsv *c, const struct diag_resp *resp, unsigned long line)
{
	if (c->nrows == c->caprows) {
		c->caprows = c->caprows ? c->caprows * 2 : 64;
		c->rows = xrealloc(c->rows, c->caprows * sizeof(*c->rows));
		c->lines = xrealloc(c->lines, c->caprows * sizeof(*c->lines));
	}
	c->lines[c->nrows] = line;
	c->rows[c->nrows++] = *resp;
}

/* Structural problems of a data record (open: a quote in its last field
 * never ends); -1 (error added) when it has one. */
static int
row_shape(struct dcsv *c, const struct csv_record *r, bool open)
{
	struct diag_csv_error *e;

	if (open) {
		err_rec(c, DIAG_CSV_E_QUOTE, r->line, (unsigned)r->n_field,
		    "quoted field never ends");
		c->stop = true;
		return -1;
	}
	if (r->quote_col) {
		err_rec(c, DIAG_CSV_E_QUOTE, r->line, r->quote_col,
		    "text after the closing quote of a field");
		return -1;
	}
	if (r->n_field != c->cols) {
		e = err_new(c, DIAG_CSV_E_FIELDS, r->line, r->n_field <
		    c->cols ? (unsigned)r->n_field + 1 :
		    (unsigned)c->cols + 1, STR_NULL);
		if (e != NULL)
			err_msg(e, "expected %zu fields (name, role, q1..q25%s), "
			    "found %zu", c->cols, c->cols > DIAG_CSV_COLS ?
			    ", department" : "", r->n_field);
		return -1;
	}
	return 0;
}

/* Check one data record and keep it when it is good. */
static void
row_take(struct dcsv *c, const struct csv_record *r, bool open)
{
	struct diag_resp resp;
	size_t errs = c->out->n_err, k;

	if (++c->records > DIAG_CSV_MAX_ROWS) {
		struct diag_csv_error *e = err_new(c, DIAG_CSV_E_TOO_MANY_ROWS,
		    r->line, 1, STR_NULL);

		if (e != NULL)
			err_msg(e, "more than %d respondents in one file",
			    DIAG_CSV_MAX_ROWS);
		c->stop = true;
		return;
	}
	if (row_shape(c, r, open) < 0)
		return;
	memset(&resp, 0, sizeof(resp));
	row_name(c, r, &resp);
	row_role(c, r, &resp);
	for (k = 2; k < DIAG_CSV_COLS && !c->stop; k++)
		row_answer(c, r, k, &resp);
	if (c->cols > DIAG_CSV_COLS && !c->stop)
		row_dept(c, r, &resp);
	if (c->out->n_err == errs)
		row_keep(c, &resp, r->line);
}

/* ---- the file --------------------------------------------------------- */

/* The next record that is not blank: 1, or -1 for one whose quote never
 * ends (blank or not); 0 at the end. */
static int
rec_next(struct dcsv *c, struct csv_record *r)
{
	int rc;

	while ((rc = csv_next(&c->rd, r)) > 0)
		if (!r->blank)
			return 1;
	return rc;
}

static void
file_read(struct dcsv *c)
{
	struct csv_record r;
	unsigned long after_header;
	int rc;

	if ((rc = rec_next(c, &r)) == 0) {
		err_rec(c, DIAG_CSV_E_EMPTY, 1, 1, "file is empty: expected "
		    "the header name,role,q1,...,q25");
		return;
	}
	if (rc < 0) {
		err_rec(c, DIAG_CSV_E_QUOTE, r.line, (unsigned)r.n_field,
		    "quoted field never ends");
		return;
	}
	if (header_check(c, &r) < 0)
		return;
	after_header = r.end_line + 1;
	while (!c->stop && (rc = rec_next(c, &r)) != 0) {
		/* A note is skipped whole, whatever its fields; one whose
		 * quote never ends swallowed the rest of the file, which
		 * must be said. */
		if (r.hash && rc > 0)
			continue;
		row_take(c, &r, rc < 0);
	}
	if (c->out->n_err == 0 && c->nrows == 0)
		err_rec(c, DIAG_CSV_E_NO_ROWS, after_header, 1,
		    "no respondents after the header");
}

/* Open the file, or say why it cannot be read; -1 (error added) then. */
static int
file_open(struct dcsv *c, const void *data, size_t len, size_t max_bytes)
{
	struct diag_csv_error *e;

	switch (csv_open(data, len, max_bytes, REC_KEEP, &c->rd)) {
	case CSV_E_NONE:
		c->out->cp932 = c->rd.cp932;
		return 0;
	case CSV_E_TOO_BIG:
		if ((e = err_new(c, DIAG_CSV_E_TOO_BIG, 1, 1,
		    STR_NULL)) != NULL)
			err_msg(e, "file is larger than %zu bytes", max_bytes);
		return -1;
	case CSV_E_UTF16:
		err_rec(c, DIAG_CSV_E_ENCODING, 1, 1, "UTF-16 is not "
		    "supported: save as \"CSV UTF-8\" or \"CSV\"");
		return -1;
	default:	/* CSV_E_ICONV */
		err_rec(c, DIAG_CSV_E_ENCODING, 1, 1, "the file is not UTF-8 "
		    "and this system cannot convert from CP932");
		return -1;
	}
}

/* Hand the rows to the caller's arena, or drop them after any error. */
static void
file_finish(struct dcsv *c)
{
	struct diag_csv *out = c->out;

	if (out->n_err == 0 && c->nrows > 0) {
		out->resp = arena_alloc(c->a, c->nrows * sizeof(*out->resp));
		memcpy(out->resp, c->rows, c->nrows * sizeof(*out->resp));
		out->line = arena_alloc(c->a, c->nrows * sizeof(*out->line));
		memcpy(out->line, c->lines, c->nrows * sizeof(*out->line));
		out->n_resp = c->nrows;
	}
	free(c->rows);
	free(c->lines);
	csv_close(&c->rd);
}

int
diag_csv_parse(const void *data, size_t len, size_t max_bytes,
    struct arena *a, struct diag_csv *out)
{
	struct dcsv c;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.out = out;
	c.cols = DIAG_CSV_COLS;
	if (max_bytes == 0 || max_bytes > DIAG_CSV_MAX_BYTES)
		max_bytes = DIAG_CSV_MAX_BYTES;
	if (file_open(&c, data, len, max_bytes) == 0)
		file_read(&c);
	file_finish(&c);
	return out->n_err ? -1 : 0;
}
