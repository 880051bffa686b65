#include "model/diag_csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/xalloc.h"

/* Fields kept per record: all the columns plus one, to name an extra. */
#define REC_KEEP	(DIAG_CSV_COLS + 1)

static const char *const csv_errors[DIAG_CSV_E__MAX] = {
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
};

/* The header, column by column. */
static const char *const csv_header[DIAG_CSV_COLS] = {
	"name", "role",
	"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10",
	"q11", "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20",
	"q21", "q22", "q23", "q24", "q25",
};

/* Japanese labels; the English ones are diag_role_key/diag_answer_key. */
static const char *const csv_roles_ja[DIAG_ROLE__MAX] = {
	[DIAG_ROLE_EXECUTIVE] = "経営者",
	[DIAG_ROLE_MANAGER] = "管理者",
	[DIAG_ROLE_EMPLOYEE] = "従業員",
};

static const struct {
	const char	*points;	/* as the points themselves */
	const char	*ja;		/* as the Japanese questionnaire says */
} csv_answers[DIAG_ANSWER__MAX] = {
	[DIAG_NONE] =		{ NULL, NULL },
	[DIAG_YES] =		{ "4", "実施している" },
	[DIAG_PARTLY] =		{ "2", "一部実施している" },
	[DIAG_NO] =		{ "0", "実施していない" },
	[DIAG_UNKNOWN] =	{ "-1", "わからない" },
};

/* How a field ended. */
enum csv_term {
	CSV_COMMA,
	CSV_EOL,
	CSV_EOF,
};

/* One record as read from the raw bytes, before any decoding. */
struct csv_rec {
	unsigned long	 line;		/* physical line where it starts */
	unsigned long	 end_line;	/* physical line where it ends */
	size_t		 nf;		/* fields seen (all, not only kept) */
	size_t		 off[REC_KEEP];	/* kept field k is raw.p[off[k]..] */
	size_t		 len[REC_KEEP];	/* and len[k] bytes long */
	struct buf	 raw;		/* unquoted bytes of the kept fields */
	bool		 blank;		/* nothing but white space so far */
	bool		 comment;	/* its first field begins with '#',
					 * unquoted: a note for people */
	unsigned	 bad_quote;	/* column with text after a closing
					 * quote; 0 if none */
	unsigned	 open_quote;	/* column of an unterminated quote */
};

/* The reader's state for one diag_csv_parse(). */
struct csv {
	const unsigned char	*p;	/* input, BOM skipped */
	size_t			 n;	/* its length */
	size_t			 i;	/* next byte to read */
	unsigned long		 line;	/* physical line of byte i */
	iconv_t			 cd;	/* CP932 → UTF-8; (iconv_t)-1: UTF-8 */
	struct buf		 cell;	/* one decoded cell */
	struct arena		*a;	/* the caller's, for results */
	struct diag_csv		*out;	/* results */
	struct diag_resp	*rows;	/* good rows so far (xrealloc) */
	unsigned long		*lines;	/* the line each starts at (same) */
	size_t			 nrows;	/* rows used */
	size_t			 caprows;	/* rows allocated */
	size_t			 records;	/* data records seen */
	bool			 stop;	/* give up reading */
};

const char *
diag_csv_strerror(enum diag_csv_err e)
{
	return (unsigned)e < DIAG_CSV_E__MAX ? csv_errors[e] : "";
}

static const char *const csv_codes[DIAG_CSV_E__MAX] = {
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
};

const char *
diag_csv_code(enum diag_csv_err e)
{
	return (unsigned)e < DIAG_CSV_E__MAX ? csv_codes[e] : "";
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
err_new(struct csv *c, enum diag_csv_err code, unsigned long line,
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
err_rec(struct csv *c, enum diag_csv_err code, unsigned long line,
    unsigned col, const char *msg)
{
	struct diag_csv_error *e = err_new(c, code, line, col, STR_NULL);

	if (e != NULL)
		err_msg(e, "%s", msg);
}

/* ---- records ---------------------------------------------------------- */

static bool
is_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Append n bytes to the current (last) field of r. */
static void
rec_put(struct csv_rec *r, const unsigned char *p, size_t n)
{
	size_t k = r->nf - 1, i;

	for (i = 0; r->blank && i < n; i++)
		if (!is_blank_byte(p[i]))
			r->blank = false;
	if (k < REC_KEEP) {
		buf_add(&r->raw, p, n);
		r->len[k] += n;
	}
}

/* Consume the byte that ended a field at c->i and say what it was. */
static enum csv_term
csv_term(struct csv *c)
{
	if (c->i >= c->n)
		return CSV_EOF;
	if (c->p[c->i++] == ',')
		return CSV_COMMA;
	/* CR, LF or CRLF */
	if (c->p[c->i - 1] == '\r' && c->i < c->n && c->p[c->i] == '\n')
		c->i++;
	c->line++;
	return CSV_EOL;
}

/* An unquoted field, or what follows a closing quote (after_quote). */
static enum csv_term
field_plain(struct csv *c, struct csv_rec *r, bool after_quote)
{
	size_t start = c->i, i;
	unsigned char ch;

	while (c->i < c->n && (ch = c->p[c->i]) != ',' && ch != '\r' &&
	    ch != '\n')
		c->i++;
	if (after_quote && r->bad_quote == 0)
		for (i = start; i < c->i; i++)
			if (c->p[i] != ' ' && c->p[i] != '\t') {
				r->bad_quote = (unsigned)r->nf;
				break;
			}
	rec_put(r, c->p + start, c->i - start);
	return csv_term(c);
}

/* True when the byte at i ends a physical line (LF, or CR not before LF). */
static bool
csv_is_eol(const struct csv *c, size_t i)
{
	return c->p[i] == '\n' || (c->p[i] == '\r' &&
	    (i + 1 >= c->n || c->p[i + 1] != '\n'));
}

/* A quoted field; c->i is on its opening quote. */
static enum csv_term
field_quoted(struct csv *c, struct csv_rec *r)
{
	size_t start;

	c->i++;
	for (;;) {
		start = c->i;
		for (; c->i < c->n && c->p[c->i] != '"'; c->i++)
			if (csv_is_eol(c, c->i))
				c->line++;
		rec_put(r, c->p + start, c->i - start);
		if (c->i >= c->n) {
			r->open_quote = (unsigned)r->nf;
			return CSV_EOF;
		}
		c->i++;
		if (c->i >= c->n || c->p[c->i] != '"')
			break;
		rec_put(r, c->p + c->i, 1);	/* "" is one quote */
		c->i++;
	}
	return field_plain(c, r, true);
}

/*
 * True when the field at c->i is quoted, which c->i is then moved onto.
 * Spaces before the opening quote are tolerated: people type them.
 */
static bool
field_is_quoted(struct csv *c)
{
	size_t i = c->i;

	while (i < c->n && (c->p[i] == ' ' || c->p[i] == '\t'))
		i++;
	if (i >= c->n || c->p[i] != '"')
		return false;
	c->i = i;
	return true;
}

/* True when the record at c->i begins, after spaces, with an unquoted
 * '#' (the same byte in UTF-8 and CP932). */
static bool
rec_is_comment(const struct csv *c)
{
	size_t i = c->i;

	while (i < c->n && (c->p[i] == ' ' || c->p[i] == '\t'))
		i++;
	return i < c->n && c->p[i] == '#';
}

/* Read the record at c->i into r; false at the end of the input. */
static bool
rec_read(struct csv *c, struct csv_rec *r)
{
	enum csv_term t;

	if (c->i >= c->n)
		return false;
	buf_reset(&r->raw);
	r->line = c->line;
	r->nf = 0;
	r->blank = true;
	r->bad_quote = r->open_quote = 0;
	r->comment = rec_is_comment(c);
	do {
		if (r->nf < REC_KEEP) {
			r->off[r->nf] = r->raw.n;
			r->len[r->nf] = 0;
		}
		r->nf++;
		if (field_is_quoted(c))
			t = field_quoted(c, r);
		else
			t = field_plain(c, r, false);
		/* The line a record ends on is before its line break. */
		r->end_line = t == CSV_EOL ? c->line - 1 : c->line;
	} while (t == CSV_COMMA);
	return true;
}

/* ---- cells ------------------------------------------------------------ */

static struct str
rec_field(const struct csv_rec *r, size_t k)
{
	return (struct str){ buf_cstr(&r->raw) + r->off[k], r->len[k] };
}

/* Decode CP932 bytes into c->cell; -1 on bytes CP932 does not have. */
static int
cell_cp932(struct csv *c, struct str in)
{
	char *ip = (char *)in.p, *op, *o0;
	size_t il = in.n, ol, room, rc;

	buf_reset(&c->cell);
	iconv(c->cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		/* A CP932 byte never needs more than 3 UTF-8 bytes; the loop
		 * still copes with E2BIG. */
		room = il * 3 + 8;
		if ((o0 = op = buf_reserve(&c->cell, room)) == NULL)
			return -1;
		ol = room;
		rc = iconv(c->cd, &ip, &il, &op, &ol);
		buf_commit(&c->cell, (size_t)(op - o0));
		if (rc == (size_t)-1 && errno != E2BIG)
			return -1;
	}
	return 0;
}

/* Drop ASCII white space and U+3000 at both ends. */
static struct str
cell_trim(struct str s)
{
	static const char ideo[] = "\xe3\x80\x80";

	for (;;) {
		s = str_trim(s);
		if (s.n >= 3 && memcmp(s.p, ideo, 3) == 0) {
			s.p += 3;
			s.n -= 3;
		} else if (s.n >= 3 && memcmp(s.p + s.n - 3, ideo, 3) == 0)
			s.n -= 3;
		else
			return s;
	}
}

/*
 * The text of kept field k as trimmed UTF-8 in *out (a view into r or
 * c->cell, valid until the next call).  On bytes the file's encoding does
 * not allow, an E_ENCODING error is added and -1 returned.
 */
static int
cell_text(struct csv *c, const struct csv_rec *r, size_t k, struct str *out)
{
	struct str s = rec_field(r, k);
	int bad;

	if (c->cd != (iconv_t)-1) {
		bad = cell_cp932(c, s) < 0;
		s = buf_str(&c->cell);
	} else
		bad = 0;
	if (bad || !str_utf8_valid(s)) {
		err_rec(c, DIAG_CSV_E_ENCODING, r->line, (unsigned)k + 1,
		    c->cd != (iconv_t)-1 ?
		    "text is not valid CP932 (Shift_JIS)" :
		    "text is not valid UTF-8");
		return -1;
	}
	*out = cell_trim(s);
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

/* Check the header record; -1 (with one error added) when it is wrong. */
static int
header_check(struct csv *c, const struct csv_rec *r)
{
	struct diag_csv_error *e;
	struct str s;
	size_t k;

	for (k = 0; k < r->nf && k < REC_KEEP; k++) {
		if (cell_text(c, r, k, &s) < 0)
			return -1;
		if (k == DIAG_CSV_COLS) {
			if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
			    (unsigned)k + 1, s)) != NULL)
				err_msg(e, "header: unexpected column \"%s\" "
				    "after q25", e->value);
			return -1;
		}
		if (!ascii_ieq(s, csv_header[k])) {
			if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
			    (unsigned)k + 1, s)) != NULL)
				err_msg(e, "header: expected \"%s\", found "
				    "\"%s\"", csv_header[k], e->value);
			return -1;
		}
	}
	if (r->nf < DIAG_CSV_COLS) {
		if ((e = err_new(c, DIAG_CSV_E_HEADER, r->line,
		    (unsigned)r->nf + 1, STR_NULL)) != NULL)
			err_msg(e, "header: missing column \"%s\"",
			    csv_header[r->nf]);
		return -1;
	}
	return 0;
}

/* ---- rows ------------------------------------------------------------- */

/* True when valid UTF-8 s holds a C0, DEL or C1 control character. */
static bool
has_control(struct str s)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		if (ch < 0x20 || ch == 0x7f || is_c1(s, i))
			return true;
	}
	return false;
}

static int
row_name(struct csv *c, const struct csv_rec *r, struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;

	if (cell_text(c, r, 0, &s) < 0)
		return -1;
	if (str_utf8_count(s) > DIAG_CSV_NAME_MAX || has_control(s)) {
		e = err_new(c, DIAG_CSV_E_NAME, r->line, 1, s);
		if (e != NULL && has_control(s))
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

static int
row_role(struct csv *c, const struct csv_rec *r, struct diag_resp *resp)
{
	struct diag_csv_error *e;
	struct str s;
	int k;

	if (cell_text(c, r, 1, &s) < 0)
		return -1;
	for (k = 0; k < DIAG_ROLE__MAX; k++)
		if (ascii_ieq(s, diag_role_key((enum diag_role)k)) ||
		    str_eq_c(s, csv_roles_ja[k])) {
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
		if (str_eq_c(s, csv_answers[a].points) ||
		    ascii_ieq(s, diag_answer_key((enum diag_answer)a)) ||
		    str_eq_c(s, csv_answers[a].ja))
			return (enum diag_answer)a;
	return DIAG_NONE;
}

/* Check answer q(k-1) in field k; every bad one adds its own error. */
static int
row_answer(struct csv *c, const struct csv_rec *r, size_t k,
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
			err_msg(e, "%s: answer is empty", csv_header[k]);
		return -1;
	}
	if ((a = answer_of(s)) == DIAG_NONE) {
		if ((e = err_new(c, DIAG_CSV_E_ANSWER, r->line,
		    (unsigned)k + 1, s)) != NULL)
			err_msg(e, "%s: \"%s\" is not an answer (4, 2, 0, -1 "
			    "or yes, partly, no, unknown)", csv_header[k],
			    e->value);
		return -1;
	}
	resp->ans[k - 2] = (unsigned char)a;
	return 0;
}

static void
row_keep(struct csv *c, const struct diag_resp *resp, unsigned long line)
{
	if (c->nrows == c->caprows) {
		c->caprows = c->caprows ? c->caprows * 2 : 64;
		c->rows = xrealloc(c->rows, c->caprows * sizeof(*c->rows));
		c->lines = xrealloc(c->lines, c->caprows * sizeof(*c->lines));
	}
	c->lines[c->nrows] = line;
	c->rows[c->nrows++] = *resp;
}

/* Structural problems of a data record; -1 (error added) when it has one. */
static int
row_shape(struct csv *c, const struct csv_rec *r)
{
	struct diag_csv_error *e;

	if (r->open_quote) {
		err_rec(c, DIAG_CSV_E_QUOTE, r->line, r->open_quote,
		    "quoted field never ends");
		c->stop = true;
		return -1;
	}
	if (r->bad_quote) {
		err_rec(c, DIAG_CSV_E_QUOTE, r->line, r->bad_quote,
		    "text after the closing quote of a field");
		return -1;
	}
	if (r->nf != DIAG_CSV_COLS) {
		e = err_new(c, DIAG_CSV_E_FIELDS, r->line, r->nf <
		    DIAG_CSV_COLS ? (unsigned)r->nf + 1 : DIAG_CSV_COLS + 1,
		    STR_NULL);
		if (e != NULL)
			err_msg(e, "expected %d fields (name, role, q1..q25), "
			    "found %zu", DIAG_CSV_COLS, r->nf);
		return -1;
	}
	return 0;
}

/* Check one data record and keep it when it is good. */
static void
row_take(struct csv *c, const struct csv_rec *r)
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
	if (row_shape(c, r) < 0)
		return;
	memset(&resp, 0, sizeof(resp));
	row_name(c, r, &resp);
	row_role(c, r, &resp);
	for (k = 2; k < DIAG_CSV_COLS && !c->stop; k++)
		row_answer(c, r, k, &resp);
	if (c->out->n_err == errs)
		row_keep(c, &resp, r->line);
}

/* ---- the file --------------------------------------------------------- */

/* Choose the encoding and skip a BOM; -1 (error added) if unreadable. */
static int
csv_encoding(struct csv *c)
{
	if (c->n >= 2 && ((c->p[0] == 0xff && c->p[1] == 0xfe) ||
	    (c->p[0] == 0xfe && c->p[1] == 0xff))) {
		err_rec(c, DIAG_CSV_E_ENCODING, 1, 1, "UTF-16 is not "
		    "supported: save as \"CSV UTF-8\" or \"CSV\"");
		return -1;
	}
	if (c->n >= 3 && memcmp(c->p, "\xef\xbb\xbf", 3) == 0) {
		c->p += 3;
		c->n -= 3;
		return 0;
	}
	if (str_utf8_valid((struct str){ (const char *)c->p, c->n }))
		return 0;
	if ((c->cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1) {
		err_rec(c, DIAG_CSV_E_ENCODING, 1, 1, "the file is not UTF-8 "
		    "and this system cannot convert from CP932");
		return -1;
	}
	c->out->cp932 = true;
	return 0;
}

/* Read the next record that is not blank; false at the end. */
static bool
csv_next(struct csv *c, struct csv_rec *r)
{
	while (rec_read(c, r))
		if (!r->blank || r->open_quote)
			return true;
	return false;
}

static void
csv_read(struct csv *c, struct csv_rec *r)
{
	unsigned long after_header;

	if (!csv_next(c, r)) {
		err_rec(c, DIAG_CSV_E_EMPTY, 1, 1, "file is empty: expected "
		    "the header name,role,q1,...,q25");
		return;
	}
	if (r->open_quote) {
		err_rec(c, DIAG_CSV_E_QUOTE, r->line, r->open_quote,
		    "quoted field never ends");
		return;
	}
	if (header_check(c, r) < 0)
		return;
	after_header = r->end_line + 1;
	while (!c->stop && csv_next(c, r)) {
		/* A note is skipped whole, whatever its fields; one whose
		 * quote never ends swallowed the rest of the file, which
		 * must be said. */
		if (r->comment && !r->open_quote)
			continue;
		row_take(c, r);
	}
	if (c->out->n_err == 0 && c->nrows == 0)
		err_rec(c, DIAG_CSV_E_NO_ROWS, after_header, 1,
		    "no respondents after the header");
}

/* Hand the rows to the caller's arena, or drop them after any error. */
static void
csv_finish(struct csv *c)
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
	buf_free(&c->cell);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
}

int
diag_csv_parse(const void *data, size_t len, size_t max_bytes,
    struct arena *a, struct diag_csv *out)
{
	struct csv c;
	struct csv_rec r;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.p = data;
	c.n = data != NULL ? len : 0;
	c.line = 1;
	c.cd = (iconv_t)-1;
	c.a = a;
	c.out = out;
	if (max_bytes == 0 || max_bytes > DIAG_CSV_MAX_BYTES)
		max_bytes = DIAG_CSV_MAX_BYTES;
	if (c.n > max_bytes) {
		struct diag_csv_error *e = err_new(&c, DIAG_CSV_E_TOO_BIG, 1,
		    1, STR_NULL);

		if (e != NULL)
			err_msg(e, "file is larger than %zu bytes", max_bytes);
	} else if (csv_encoding(&c) == 0)
		csv_read(&c, &r);
	buf_free(&r.raw);
	csv_finish(&c);
	return out->n_err ? -1 : 0;
}
