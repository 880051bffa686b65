/*
 * csv: reads the CSV files people save from spreadsheets, one record at a
 * time, for importers that check the cells themselves (model/diag_csv.c,
 * registers).  Writing CSV is esc_csv() in base/esc.h.
 *
 * The format:
 *   - Bytes of a whole file.  A UTF-8 BOM means UTF-8 (and is skipped).
 *     Otherwise bytes that are valid UTF-8 are UTF-8, and anything else is
 *     CP932 (Shift_JIS as Excel in Japan writes it), converted cell by cell
 *     with iconv(3).  A UTF-16 BOM is refused.  The structure is read on
 *     the original bytes (CP932 trail bytes never take the values of
 *     , " CR LF), so line numbers count lines of the file as the user sees
 *     it in an editor.
 *   - Records end at LF, CRLF or a lone CR; the last may lack one.  Fields
 *     follow RFC 4180: a field that starts with '"' is quoted and may hold
 *     commas, line breaks and doubled quotes; spaces and tabs before the
 *     opening and after the closing quote are allowed, anything else after
 *     the closing quote is an error (CSV_E_QUOTE), and a quote that never
 *     closes swallows the rest of the file (CSV_E_OPEN_QUOTE).
 *   - Cells are decoded to UTF-8, trimmed of ASCII white space and U+3000
 *     (ideographic space) at both ends, and must be valid UTF-8 without
 *     NUL once decoded (CSV_E_ENCODING otherwise).  A cell holding a
 *     control character is flagged (CSV_E_CONTROL) and kept: whether a
 *     line break may stand in a cell is the caller's decision.
 *   - Blank records (an empty line, or the ",,,," rows spreadsheets leave
 *     behind) are returned, flagged, for the caller to skip.
 *
 * Any bytes are safe input.  Memory is bounded by the input's size and
 * the cells kept per record, not by the number of records.
 */
#ifndef MAMORI_BASE_CSV_H
#define MAMORI_BASE_CSV_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define CSV_MAX_BYTES	((size_t)16 << 20)	/* default cap on input */
#define CSV_MAX_CELLS	1024	/* default cells kept per record */

/* What went wrong, with a file (csv_open) or a cell (struct csv_cell). */
enum csv_err {
	CSV_E_NONE,		/* nothing */
	CSV_E_TOO_BIG,		/* input longer than the limit */
	CSV_E_UTF16,		/* a UTF-16 BOM: saved in the wrong format */
	CSV_E_ICONV,		/* not UTF-8, and iconv(3) has no CP932 */
	CSV_E_ENCODING,		/* a cell is not valid in the file's encoding,
				 * or holds NUL once decoded */
	CSV_E_QUOTE,		/* text after the closing quote of a field */
	CSV_E_OPEN_QUOTE,	/* a quoted field never ends */
	CSV_E_CONTROL,		/* a cell holds a control character: C0
				 * (TAB, LF and CR included), DEL or C1 */
	CSV_E__MAX
};

/* One cell of a record. */
struct csv_cell {
	/* decoded, trimmed, NUL-terminated UTF-8; "" when the bytes could
	 * not be decoded (always for CSV_E_ENCODING); owned by the reader */
	const char	*text;
	size_t		 len;	/* bytes of text, without the NUL */
	unsigned	 col;	/* 1-based column: its index + 1 */
	/* the first that applies of CSV_E_OPEN_QUOTE, CSV_E_ENCODING,
	 * CSV_E_QUOTE (text holds what followed the quote too) and
	 * CSV_E_CONTROL (text is valid UTF-8); CSV_E_NONE when none */
	enum csv_err	 err;
	bool		 quoted;	/* the field was quoted */
};

/* One record, as csv_next() fills it. */
struct csv_record {
	struct csv_cell	*cell;	/* n_cell cells: the first of its fields */
	size_t		 n_cell;	/* min(n_field, the reader's max_cells) */
	size_t		 n_field;	/* fields in the record, kept or not */
	/* 1-based physical lines where the record starts and ends (before
	 * its line break), counted in the original file: blank lines and
	 * line breaks inside quoted fields count */
	unsigned long	 line;
	unsigned long	 end_line;
	/* the first column with text after its closing quote, kept or not
	 * (the cell, when kept, has CSV_E_QUOTE); 0 when none */
	unsigned	 quote_col;
	/* every field is empty or holds only ASCII spaces, tabs and line
	 * breaks (quoted or not; U+3000 is not blank) */
	bool		 blank;
	/* the first field is unquoted and begins, after spaces and tabs,
	 * with '#': for callers that take such records as notes */
	bool		 hash;
};

/* A reader over one file.  Fields are the reader's; callers read cp932
 * only. */
struct csv_reader {
	bool			 cp932;	/* the file is read as CP932 */
	const unsigned char	*p;	/* input, BOM skipped */
	size_t			 n;	/* its length */
	size_t			 i;	/* next byte to read */
	unsigned long		 line;	/* physical line of byte i */
	size_t			 max_cells;	/* cells kept per record */
	iconv_t			 cd;	/* CP932 → UTF-8, open when cp932 */
	bool			 done;	/* input exhausted or quote open */
	struct buf		 raw;	/* unquoted bytes of the kept fields */
	struct buf		 conv;	/* one cell converted from CP932 */
	struct buf		 text;	/* the cells' texts, NUL after each */
	size_t			*off;	/* kept field k is raw.p[off[k]..] */
	size_t			*len;	/* and len[k] bytes long */
	struct csv_cell		*cell;	/* the record's cells */
	size_t			 cap;	/* entries allocated in off, len, cell */
};

/*
 * Start reading data[0..len) (data may be NULL when len is 0) into *out.
 * max_bytes is the caller's limit on len (0 means CSV_MAX_BYTES; larger
 * values are taken as given); max_cells the cells kept per record (0
 * means CSV_MAX_CELLS): fields beyond it are counted and checked for
 * quotes, not decoded.  The data must stay unchanged until csv_close().
 *
 * Returns CSV_E_NONE with out->cp932 set when the file is CP932, or
 * CSV_E_TOO_BIG, CSV_E_UTF16 or CSV_E_ICONV (a file that is not UTF-8 on
 * a system without CP932); both ways csv_close(out) must follow.
 * Thread-safe: no shared state.
 */
enum csv_err	 csv_open(const void *data, size_t len, size_t max_bytes,
		    size_t max_cells, struct csv_reader *out);

/*
 * Read the next record into *rec (OUT), blank ones included.  Returns 1
 * with a record; 0 at the end of the input; -1 when a quoted field never
 * ends: rec then holds the record it opened in, its last field (column
 * rec->n_field, the cell has CSV_E_OPEN_QUOTE when kept) swallowed the
 * rest of the file, and every later call returns 0.  rec's cells and
 * their texts are owned by rd and valid until the next csv_next() or
 * csv_close() on it.
 */
int		 csv_next(struct csv_reader *rd, struct csv_record *rec);

/* Free what rd holds (not the data).  Safe after any csv_open(), again
 * after itself, and on a zeroed reader. */
void		 csv_close(struct csv_reader *rd);

/* A fixed English description of an error code ("" when out of range),
 * for logs; the web layer translates codes itself. */
const char	*csv_strerror(enum csv_err e);
/* A stable lower-case key of an error code for APIs and translations:
 * "none", "too_big", "utf16", "iconv", "encoding", "quote", "open_quote",
 * "control" ("" when out of range). */
const char	*csv_err_code(enum csv_err e);

#endif
