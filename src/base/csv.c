#include "base/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/xalloc.h"

static const char *const csv_errors[CSV_E__MAX] = {
	[CSV_E_NONE] = "no error",
	[CSV_E_TOO_BIG] = "file too large",
	[CSV_E_UTF16] = "UTF-16 is not supported",
	[CSV_E_ICONV] = "cannot convert from CP932 on this system",
	[CSV_E_ENCODING] = "text is neither UTF-8 nor CP932",
	[CSV_E_QUOTE] = "text after the closing quote of a field",
	[CSV_E_OPEN_QUOTE] = "quoted field never ends",
	[CSV_E_CONTROL] = "control character in a cell",
};

static const char *const csv_codes[CSV_E__MAX] = {
	[CSV_E_NONE] = "none",
	[CSV_E_TOO_BIG] = "too_big",
	[CSV_E_UTF16] = "utf16",
	[CSV_E_ICONV] = "iconv",
	[CSV_E_ENCODING] = "encoding",
	[CSV_E_QUOTE] = "quote",
	[CSV_E_OPEN_QUOTE] = "open_quote",
	[CSV_E_CONTROL] = "control",
};

const char *
csv_strerror(enum csv_err e)
{
	return (unsigned)e < CSV_E__MAX ? csv_errors[e] : "";
}

const char *
csv_err_code(enum csv_err e)
{
	return (unsigned)e < CSV_E__MAX ? csv_codes[e] : "";
}

/* How a field ended. */
enum csv_term {
	TERM_COMMA,	/* at a comma: another field follows */
	TERM_EOL,	/* at a line break: the record ends */
	TERM_EOF,	/* at the end of the input */
	TERM_OPEN,	/* at the end of the input, inside quotes */
};

/* ---- the file --------------------------------------------------------- */

enum csv_err
csv_open(const void *data, size_t len, size_t max_bytes, size_t max_cells,
    struct csv_reader *out)
{
	memset(out, 0, sizeof(*out));
	out->p = data;
	out->n = data != NULL ? len : 0;
	out->line = 1;
	out->max_cells = max_cells ? max_cells : CSV_MAX_CELLS;
	out->done = true;	/* until the file proves readable */
	if (max_bytes == 0)
		max_bytes = CSV_MAX_BYTES;
	if (out->n > max_bytes)
		return CSV_E_TOO_BIG;
	if (out->n >= 2 && ((out->p[0] == 0xff && out->p[1] == 0xfe) ||
	    (out->p[0] == 0xfe && out->p[1] == 0xff)))
		return CSV_E_UTF16;
	if (out->n >= 3 && memcmp(out->p, "\xef\xbb\xbf", 3) == 0) {
		out->p += 3;
		out->n -= 3;
	} else if (!str_utf8_valid((struct str){ (const char *)out->p,
	    out->n })) {
		if ((out->cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1)
			return CSV_E_ICONV;
		out->cp932 = true;
	}
	out->done = false;
	return CSV_E_NONE;
}

void
csv_close(struct csv_reader *rd)
{
	buf_free(&rd->raw);
	buf_free(&rd->conv);
	buf_free(&rd->text);
	free(rd->off);
	free(rd->len);
	free(rd->cell);
	if (rd->cp932)
		iconv_close(rd->cd);
	memset(rd, 0, sizeof(*rd));
	rd->done = true;
}

/* ---- records ---------------------------------------------------------- */

static bool
is_blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Append n bytes to the current (last) field of rec. */
static void
rec_put(struct csv_reader *rd, struct csv_record *rec,
    const unsigned char *p, size_t n)
{
	size_t k = rec->n_field - 1, i;

	for (i = 0; rec->blank && i < n; i++)
		if (!is_blank_byte(p[i]))
			rec->blank = false;
	if (k < rd->max_cells) {
		buf_add(&rd->raw, p, n);
		rd->len[k] += n;
	}
}

/* Consume the byte that ended a field at rd->i and say what it was. */
static enum csv_term
field_end(struct csv_reader *rd)
{
	if (rd->i >= rd->n)
		return TERM_EOF;
	if (rd->p[rd->i++] == ',')
		return TERM_COMMA;
	/* CR, LF or CRLF */
	if (rd->p[rd->i - 1] == '\r' && rd->i < rd->n && rd->p[rd->i] == '\n')
		rd->i++;
	rd->line++;
	return TERM_EOL;
}

/* An unquoted field, or what follows a closing quote (after_quote). */
static enum csv_term
field_plain(struct csv_reader *rd, struct csv_record *rec, bool after_quote)
{
	size_t start = rd->i, i;
	unsigned char ch;

	while (rd->i < rd->n && (ch = rd->p[rd->i]) != ',' && ch != '\r' &&
	    ch != '\n')
		rd->i++;
	if (after_quote)
		for (i = start; i < rd->i; i++)
			if (rd->p[i] != ' ' && rd->p[i] != '\t') {
				if (rec->quote_col == 0)
					rec->quote_col =
					    (unsigned)rec->n_field;
				if (rec->n_field <= rd->max_cells)
					rd->cell[rec->n_field - 1].err =
					    CSV_E_QUOTE;
				break;
			}
	rec_put(rd, rec, rd->p + start, rd->i - start);
	return field_end(rd);
}

/* True when the byte at i ends a physical line (LF, or CR not before LF). */
static bool
is_eol(const struct csv_reader *rd, size_t i)
{
	return rd->p[i] == '\n' || (rd->p[i] == '\r' &&
	    (i + 1 >= rd->n || rd->p[i + 1] != '\n'));
}

/* A quoted field; rd->i is on its opening quote. */
static enum csv_term
field_quoted(struct csv_reader *rd, struct csv_record *rec)
{
	size_t start;

	rd->i++;
	for (;;) {
		start = rd->i;
		for (; rd->i < rd->n && rd->p[rd->i] != '"'; rd->i++)
			if (is_eol(rd, rd->i))
				rd->line++;
		rec_put(rd, rec, rd->p + start, rd->i - start);
		if (rd->i >= rd->n)
			return TERM_OPEN;
		rd->i++;
		if (rd->i >= rd->n || rd->p[rd->i] != '"')
			break;
		rec_put(rd, rec, rd->p + rd->i, 1);	/* "" is one quote */
		rd->i++;
	}
	return field_plain(rd, rec, true);
}

/*
 * True when the field at rd->i is quoted, which rd->i is then moved onto.
 * Spaces before the opening quote are tolerated: people type them.
 */
static bool
field_is_quoted(struct csv_reader *rd)
{
	size_t i = rd->i;

	while (i < rd->n && (rd->p[i] == ' ' || rd->p[i] == '\t'))
		i++;
	if (i >= rd->n || rd->p[i] != '"')
		return false;
	rd->i = i;
	return true;
}

/* True when the record at rd->i begins, after spaces, with an unquoted
 * '#' (the same byte in UTF-8 and CP932). */
static bool
rec_is_hash(const struct csv_reader *rd)
{
	size_t i = rd->i;

	while (i < rd->n && (rd->p[i] == ' ' || rd->p[i] == '\t'))
		i++;
	return i < rd->n && rd->p[i] == '#';
}

/* Room for kept field k in the per-field arrays. */
static void
rec_grow(struct csv_reader *rd, size_t k)
{
	size_t cap;

	if (k < rd->cap)
		return;
	cap = rd->cap ? rd->cap * 2 : 32;
	if (cap > rd->max_cells)
		cap = rd->max_cells;
	rd->off = xrealloc(rd->off, cap * sizeof(*rd->off));
	rd->len = xrealloc(rd->len, cap * sizeof(*rd->len));
	rd->cell = xrealloc(rd->cell, cap * sizeof(*rd->cell));
	rd->cap = cap;
}

/* ---- cells ------------------------------------------------------------ */

/* Decode CP932 bytes into rd->conv; -1 on bytes CP932 does not have. */
static int
cell_cp932(struct csv_reader *rd, struct str in)
{
	char *ip = (char *)in.p, *op, *o0;
	size_t il = in.n, ol, room, rc;

	buf_reset(&rd->conv);
	iconv(rd->cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		/* A CP932 byte never needs more than 3 UTF-8 bytes; the loop
		 * still copes with E2BIG. */
		room = il * 3 + 8;
		if ((o0 = op = buf_reserve(&rd->conv, room)) == NULL)
			return -1;
		ol = room;
		rc = iconv(rd->cd, &ip, &il, &op, &ol);
		buf_commit(&rd->conv, (size_t)(op - o0));
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

/* True when valid UTF-8 s holds a C0, DEL or C1 control character. */
static bool
has_control(struct str s)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		if (ch < 0x20 || ch == 0x7f || (ch == 0xc2 && i + 1 < s.n &&
		    (unsigned char)s.p[i + 1] >= 0x80 &&
		    (unsigned char)s.p[i + 1] < 0xa0))
			return true;
	}
	return false;
}

/* Decode kept field k into rd->text (then a NUL) and set its cell's len
 * and err; the text pointers are set once all cells are in. */
static void
cell_decode(struct csv_reader *rd, size_t k)
{
	struct csv_cell *c = &rd->cell[k];
	struct str s = { buf_cstr(&rd->raw) + rd->off[k], rd->len[k] };
	bool bad = false;

	if (rd->cp932) {
		bad = cell_cp932(rd, s) < 0;
		s = buf_str(&rd->conv);
	}
	if (bad || !str_utf8_valid(s)) {
		c->err = CSV_E_ENCODING;
		s = STR_NULL;
	} else
		s = cell_trim(s);
	if (c->err == CSV_E_NONE && has_control(s))
		c->err = CSV_E_CONTROL;
	if (s.n > 0)
		buf_addstr(&rd->text, s);
	buf_addc(&rd->text, '\0');
	c->len = s.n;
}

/* Decode the kept cells of rec and point it at them. */
static void
rec_cells(struct csv_reader *rd, struct csv_record *rec)
{
	const char *p;
	size_t k;

	if (rec->blank) {
		/* Spaces, tabs and line breaks, the same bytes in CP932:
		 * every cell trims to nothing, and there are many such
		 * records in a spreadsheet's export. */
		for (k = 0; k < rec->n_cell; k++)
			rd->cell[k].text = "";
		rec->cell = rd->cell;
		return;
	}
	buf_reset(&rd->text);
	for (k = 0; k < rec->n_cell; k++)
		cell_decode(rd, k);
	/* Each text follows the previous one's NUL; rd->text no longer
	 * moves. */
	p = buf_cstr(&rd->text);
	for (k = 0; k < rec->n_cell; k++) {
		rd->cell[k].text = p;
		p += rd->cell[k].len + 1;
	}
	rec->cell = rd->cell;
}

int
csv_next(struct csv_reader *rd, struct csv_record *rec)
{
	enum csv_term t;
	size_t k;

	memset(rec, 0, sizeof(*rec));
	if (rd->done || rd->i >= rd->n) {
		rd->done = true;
		return 0;
	}
	buf_reset(&rd->raw);
	rec->line = rd->line;
	rec->blank = true;
	rec->hash = rec_is_hash(rd);
	do {
		k = rec->n_field++;
		if (k < rd->max_cells) {
			rec_grow(rd, k);
			rd->off[k] = rd->raw.n;
			rd->len[k] = 0;
			memset(&rd->cell[k], 0, sizeof(rd->cell[k]));
			rd->cell[k].col = (unsigned)k + 1;
			rec->n_cell = k + 1;
		}
		if (field_is_quoted(rd)) {
			if (k < rd->max_cells)
				rd->cell[k].quoted = true;
			t = field_quoted(rd, rec);
		} else
			t = field_plain(rd, rec, false);
		/* The line a record ends on is before its line break. */
		rec->end_line = t == TERM_EOL ? rd->line - 1 : rd->line;
	} while (t == TERM_COMMA);
	rec_cells(rd, rec);
	if (t == TERM_OPEN) {
		if (rec->n_cell == rec->n_field)
			rd->cell[rec->n_cell - 1].err = CSV_E_OPEN_QUOTE;
		rd->done = true;
		return -1;
	}
	return 1;
}
