/*
 * xlsx: a format-neutral document (render/doc.h) as an Excel workbook.
 * The only file that sees libxlsxwriter.
 *
 * One worksheet for each section that names a sheet, in document order.
 * The first sheet opens with the cover: the title (bold, larger), the
 * subtitle and the cover lines as label | value rows.  Each sheet then has
 * its section's title and its blocks, one under the other in column A:
 * headings in bold, paragraphs one line a row, notes grey and italic, list
 * items behind "・" or "1.", key figures as label | value rows, the alt
 * text of a chart as a note, tables with a bold shaded header row, thin
 * borders, pale tints for the cells' tones and the columns' widths.  The
 * sheet's first table has an autofilter, and the panes freeze under its
 * header row (when that row is near enough to the top to leave room to
 * scroll).  Blocks and columns marked DOC_ONLY_PDF are left out, and so
 * are page breaks.
 *
 * Numbers (table cells, figures with has_num) are real numbers with a
 * format of 0 to 3 decimals, so that they can be sorted and summed; the
 * figures' texts for the PDF are not used then.  Texts are written as
 * strings, never as formulas, with invalid UTF-8 and control characters
 * replaced and anything over Excel's cell limit cut.
 */
#ifndef MAMORI_RENDER_XLSX_H
#define MAMORI_RENDER_XLSX_H

#include <stddef.h>

#include "base/buf.h"
#include "render/doc.h"

enum xlsx_err {
	XLSX_OK = 0,
	XLSX_ERR_WRITE = -1,	/* the library, the temporary file or out's
				   limit refused */
	XLSX_ERR_EMPTY = -2,	/* no section has a sheet name */
};

/*
 * Render d as an .xlsx workbook appended to out.  Sheet names come from
 * doc_section.sheet, with the characters Excel refuses ([]:*?/\ and a
 * leading or trailing apostrophe) replaced by "_", cut to 31 characters
 * on a character boundary and made unique (" (2)", " (3)" … ignoring the
 * case of ASCII letters, as Excel does).
 *
 * Returns XLSX_OK, or < 0 with one line in err (errlen bytes, may be 0)
 * and out left as it was (contents and sticky error).  d is only read.
 *
 * The workbook is assembled in a temporary file in $TMPDIR (or /tmp),
 * which is removed before returning, whatever happens.
 *
 * Thread-safe: several threads may render at once.  Numbers are written
 * under the "C" numeric locale whatever the process's locale is; the
 * packaging step of libxlsxwriter (which calls gmtime() and keeps a static
 * seed for its temporary names) runs under one process-wide mutex.
 */
int	xlsx_render(const struct doc *d, struct buf *out, char *err,
	    size_t errlen);

#endif
