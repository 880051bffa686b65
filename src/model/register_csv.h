/*
 * register_csv: a register's rows from a CSV file (docs/csv.md), all or
 * nothing, every error placed at its line and column.
 *
 *   - The file is read by base/csv.h: UTF-8 (with or without BOM) or
 *     CP932, RFC 4180 quoting, line numbers as an editor counts them.
 *   - The first record that is not blank is the header: each cell a
 *     field's key (any case) or its label in Japanese or English.
 *     Columns of derived fields and id, rev, created_at, updated_at and
 *     updated_by are read past, so a file the register exported goes
 *     back in.  An unknown column, a column given twice and a required
 *     field without a column are errors of the header.
 *   - Every further record that is not blank is one row.  Each cell is
 *     read as register_value() reads a form field (a quoted cell that
 *     begins with an apostrophe before = + - or @, as exports defuse a
 *     formula, loses the apostrophe); a record with more
 *     fields than the header is an error at the first extra one that is
 *     not empty.
 */
#ifndef MAMORI_MODEL_REGISTER_CSV_H
#define MAMORI_MODEL_REGISTER_CSV_H

#include <stddef.h>

#include "base/arena.h"
#include "model/register.h"

#define REGISTER_CSV_MAX_ERRORS	100	/* kept before reading stops */

struct register_csv_err {
	unsigned long	 line;		/* 1-based physical line */
	unsigned	 column;	/* 1-based */
	/* a register_err_key() for a cell; for the file: "too_big",
	 * "utf16", "iconv", "encoding", "quote", "open_quote" (base/csv.h),
	 * "empty" (no header), "no_rows", "too_many_rows",
	 * "unknown_column", "duplicate_column", "missing_column",
	 * "extra_field", "too_many_errors" */
	const char	*code;
	int		 field;		/* the field's index, or -1 */
	long		 a, b;		/* numbers the message names */
	const char	*what;		/* text it names (a person), or NULL */
};

struct register_csv {
	struct register_row	*rows;	/* n rows; NULL on any error */
	unsigned long		*line;	/* the line each row starts at */
	size_t			 n;
	struct register_csv_err	*err;	/* n_err errors in file order */
	size_t			 n_err;
	bool			 cp932;	/* the file was CP932 */
	/* the 1-based column of each field, 0 when the header has none */
	unsigned		 fcol[REGISTER_FIELDS_MAX];
};

/*
 * Read data[0..len) as rows of d into *out, everything in ar.  labels[l]
 * are the d->nf field labels in language l (NULL: keys only).  0 with
 * out->n >= 1 rows, or -1 with out->n_err >= 1 errors and no row.
 */
int	register_csv_read(const struct register_env *e,
	    const struct register_decl *d,
	    const char *const *labels[REGISTER_LANGS], const void *data,
	    size_t len, struct arena *ar, struct register_csv *out);

/* The column an error about field f is placed at: its own, or the one
 * after the last. */
unsigned register_csv_col(const struct register_csv *in, int f);
/* Add an error at line:column (ignored past the limit). */
void	register_csv_err(struct register_csv *out, struct arena *ar,
	    unsigned long line, unsigned column, const char *code, int field,
	    long a, long b);

#endif
