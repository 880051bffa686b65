/*
 * diag_csv: reads self-diagnosis answers collected offline (a spreadsheet
 * saved as CSV) into struct diag_resp rows.  Shared by `mamori diagnosis
 * score` and the web import, so both accept and refuse the same files with
 * the same line:column errors.
 *
 * The format, decided here (the bytes, encodings, quotes, lines and cells
 * are read by base/csv.h, shared with other importers; the rest is this
 * file's):
 *   - Bytes of a whole file.  A UTF-8 BOM means UTF-8.  Otherwise bytes
 *     that are valid UTF-8 are UTF-8, and anything else is CP932
 *     (Shift_JIS as Excel in Japan writes it), converted with iconv(3).
 *     A UTF-16 BOM is refused.  The CSV structure is read on the original
 *     bytes (CP932 trail bytes never take the values of , " CR LF), so
 *     every line number counts lines of the file as the user sees it.
 *   - Records end at LF, CRLF or a lone CR; the last may lack one.  Fields
 *     follow RFC 4180: a field that starts with '"' is quoted and may hold
 *     commas, line breaks and doubled quotes; spaces before the opening
 *     and after the closing quote are allowed, anything else after the
 *     closing quote is an error.  A record whose fields are all blank (an
 *     empty line, or the ",,,," rows spreadsheets leave behind) is
 *     skipped.  After the header, a record whose first field begins
 *     with '#' (unquoted, after spaces) is a note for people and skipped
 *     whole, whatever its fields: the downloaded template explains the
 *     codes that way.  A name that begins with '#' must be quoted.  A
 *     record without exactly 27 fields is one error at the first missing
 *     or first extra field; its cells are not checked.
 *   - Cells are trimmed of ASCII white space and U+3000 (ideographic
 *     space) at both ends, and must be valid UTF-8 without NUL once
 *     decoded.
 *   - The first record is the header: exactly name,role,q1,...,q25,
 *     or those and department (issue 16), compared case-insensitively;
 *     every further record then has 27 fields, or 28.  A bad header is one error at the first
 *     bad column, and nothing after it is read.
 *   - Every further record is one respondent: a name (may be empty; at
 *     most DIAG_CSV_NAME_MAX characters; no control characters), a role
 *     (executive manager employee, any case, or 経営者 管理者 従業員) and
 *     25 answers, each 4 2 0 -1, or yes partly no unknown (any case), or
 *     実施している 一部実施している 実施していない わからない.  No answer may
 *     be empty: offline answers are complete.  With the department
 *     column, a department (may be empty; at most DIAG_CSV_DEPT_MAX
 *     characters; no control characters).
 */
#ifndef MAMORI_MODEL_DIAG_CSV_H
#define MAMORI_MODEL_DIAG_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "model/diag.h"

#define DIAG_CSV_COLS		(2 + DIAG_ITEMS)	/* name role q1..q25 */
#define DIAG_CSV_MAX_BYTES	((size_t)16 << 20)	/* hard cap on input */
#define DIAG_CSV_MAX_ROWS	10000	/* respondents in one file */
#define DIAG_CSV_MAX_ERRORS	100	/* errors kept before giving up */
#define DIAG_CSV_NAME_MAX	100	/* characters (code points) in a name */
#define DIAG_CSV_DEPT_MAX	50	/* in a department (RESP_DEPT_MAX) */
#define DIAG_CSV_VALUE_MAX	48	/* bytes of a cell quoted in an error */
#define DIAG_CSV_MSG_MAX	192	/* bytes of a message, with its NUL */

/* What went wrong.  Stable: the web layer maps these to its own texts. */
enum diag_csv_err {
	DIAG_CSV_E_TOO_BIG,	/* input longer than the limit */
	DIAG_CSV_E_EMPTY,	/* no header: the file holds no record */
	DIAG_CSV_E_ENCODING,	/* a cell is neither UTF-8 nor CP932; UTF-16 */
	DIAG_CSV_E_QUOTE,	/* unterminated quote, or text after one */
	DIAG_CSV_E_HEADER,	/* a header column is missing, wrong or extra */
	DIAG_CSV_E_FIELDS,	/* a record without exactly 27 fields */
	DIAG_CSV_E_NAME,	/* name too long or with control characters */
	DIAG_CSV_E_ROLE,	/* role not one of the three */
	DIAG_CSV_E_ANSWER,	/* answer not one of the accepted labels */
	DIAG_CSV_E_MISSING,	/* answer cell empty */
	DIAG_CSV_E_NO_ROWS,	/* a header and no respondent */
	DIAG_CSV_E_TOO_MANY_ROWS,	/* more than DIAG_CSV_MAX_ROWS */
	DIAG_CSV_E_TOO_MANY_ERRORS,	/* more than DIAG_CSV_MAX_ERRORS */
	DIAG_CSV_E_DEPT,	/* department too long or with control
				   characters */
	DIAG_CSV_E__MAX
};

/* One error, positioned as a person would look for it in the file. */
struct diag_csv_error {
	enum diag_csv_err code;
	/* 1-based physical line where the record starts, counted in the
	 * original file: blank lines and line breaks inside quoted fields
	 * count, as in any text editor */
	unsigned long	 line;
	/* 1-based field number: 1 name, 2 role, 3..27 q1..q25, 28 for the
	 * first extra field (a quote error names its own field, however
	 * far); 1 for errors about the whole file */
	unsigned	 column;
	/* the offending cell, trimmed, cut at a character boundary to
	 * DIAG_CSV_VALUE_MAX bytes ("…" appended when cut), control
	 * characters shown as '?'; "" when the error has no cell */
	char		 value[DIAG_CSV_VALUE_MAX + 4];
	/* short English message quoting value; NUL-terminated UTF-8 */
	char		 msg[DIAG_CSV_MSG_MAX];
};

/* The outcome of one diag_csv_parse(); everything lives in its arena. */
struct diag_csv {
	struct diag_resp	*resp;	/* n_resp rows; NULL when any error */
	size_t			 n_resp;	/* respondents read */
	/* n_resp entries: the physical line each row starts at, counted as
	 * in struct diag_csv_error (NULL when any error) */
	unsigned long		*line;
	struct diag_csv_error	*err;	/* n_err errors in file order */
	size_t			 n_err;	/* 0 on success */
	bool			 cp932;	/* the input was decoded from CP932 */
};

/*
 * Read the whole file in data[0..len) into *out (data may be NULL when len
 * is 0).  max_bytes is the caller's limit on len (0, or anything above
 * DIAG_CSV_MAX_BYTES, means DIAG_CSV_MAX_BYTES).  Every allocation,
 * including the rows, the names they point to and the errors, is made in
 * arena a: the caller frees it all with arena_free(a), and *out is valid
 * until then.
 *
 * Returns 0 with out->n_resp >= 1 complete rows (every name a
 * NUL-terminated string, "" when the cell was empty), or -1 with
 * out->n_err >= 1 and no rows: a file is taken whole or not at all.
 * Errors are collected across the file: up to DIAG_CSV_MAX_ERRORS of them,
 * after which one DIAG_CSV_E_TOO_MANY_ERRORS entry, at the line and
 * column of the error it stands for, marks where reading stopped.  A bad
 * header, an unterminated quote, too many rows and a file over the limit
 * also stop reading.  Any bytes are safe input.
 * Thread-safe (no shared state; iconv descriptors are per call).
 */
int		 diag_csv_parse(const void *data, size_t len, size_t max_bytes,
		    struct arena *a, struct diag_csv *out);

/* A fixed English description of an error code ("" when out of range),
 * for logs; the web layer translates codes itself. */
const char	*diag_csv_strerror(enum diag_csv_err e);
/* A stable lower-case key of an error code for APIs and translations:
 * "too_big", "empty", "encoding", "quote", "header", "fields", "name",
 * "role", "answer", "missing", "no_rows", "too_many_rows",
 * "too_many_errors", "department" ("" when out of range). */
const char	*diag_csv_code(enum diag_csv_err e);

#endif
