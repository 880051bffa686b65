/*
 * register_doc: a register's rows as files to take away — a CSV (the
 * register's own columns, so a file goes back in through the import) and
 * a document (render/doc.h) for the workbook: one sheet, a header of the
 * fields' labels, one line a row, enum values as their labels, derived
 * fields too.  The web downloads and the command line call these and
 * nothing else.  Nothing here reads the database: the caller hands over
 * the rows (register_list, register_select).
 */
#ifndef MAMORI_REPORT_REGISTER_DOC_H
#define MAMORI_REPORT_REGISTER_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/register.h"
#include "render/doc.h"

/* What to write. */
struct report_reg_in {
	const struct content		*ct;	/* labels and key sets */
	enum lang			 lang;	/* the reader's language */
	const struct register_decl	*d;
	const struct register_row	*rows;
	const size_t			*ix;	/* rows in this order, or NULL:
						   rows[0..n) as they are */
	size_t				 n;
	const char			*org;	/* the organisation's name */
	int64_t				 now;	/* the date on the sheet */
	/* what the references may name (register_names_load), for the
	 * CSV to name rows by their titles; NULL: by their ids */
	const struct register_names	*names;
};

/*
 * The rows as CSV appended to out: UTF-8 with a byte-order mark (so Excel
 * reads it as UTF-8), CRLF line ends, a header line, then one line a row
 * with every field, derived ones too, in declaration order.  Without
 * labels the header is the fields' keys and values are as
 * register_value() reads them back (enum keys, booleans 1/0); with labels
 * the header is the fields' labels and enum values and booleans are
 * words in in->lang, which the import reads too.  Either way a
 * reference is written as register_ref_text() has it: a row by its title
 * (by its id when another row has the same title, or in->names is NULL),
 * a member by their e-mail address (by their id when they are no longer
 * a member, which the import refuses).  Each cell goes through
 * esc_csv(), so a text that starts like a formula is not run.
 */
void	report_register_csv(const struct report_reg_in *in, bool labels,
	    struct arena *a, struct buf *out);
/* The workbook's document into d (memory from a). */
void	report_register_doc(const struct report_reg_in *in, struct arena *a,
	    struct doc *d);
/* The label of field i in language l: reg.<register>.f.<field>. */
const char *report_register_label(const struct content *ct, enum lang l,
	    const struct register_decl *d, size_t i, struct arena *a);

/* Every register of one organisation, for the owner, a bank or a
 * customer: a summary (rows per register, the risks' heat map and bands,
 * the plan by priority and status, the regulations by their review) and
 * then each register whole, a sheet each. */
struct report_org_in {
	const struct content		*ct;
	enum lang			 lang;
	const char			*org;	/* the organisation's name */
	int64_t				 now;
	/* filled by report_org(): each register's rows in its own order */
	const struct register_row	*rows[REGISTER__MAX];
	const size_t			*ix[REGISTER__MAX];
	size_t				 n[REGISTER__MAX];
};

/* The document of in (rows given) into d. */
void	report_org_doc(const struct report_org_in *in, struct arena *a,
	    struct doc *d);
/*
 * Read every register of organisation org through c and append the
 * document as PDF or XLSX (f) to out.  REPORT_OK, or < 0 (enum
 * report_err) with one line in err.
 */
enum report_format;
int	report_org(struct db_conn *c, struct arena *a,
	    struct report_org_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
