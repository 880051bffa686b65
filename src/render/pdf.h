/*
 * pdf: a struct doc (render/doc.h) drawn as an A4 PDF with cairo, pango
 * and librsvg: portrait, or landscape when doc.landscape says so (the
 * same margins; the text is wider and the pages shorter).  The only file that sees their headers.
 *
 * The layout: a cover page (title, subtitle, the cover's label/value
 * lines), then every section in order, each under a large title with a
 * thin rule; text in IPAexGothic throughout, with the document's language
 * set so that Japanese lines break by its rules.  Tables repeat their
 * header row at the top of each page they span and never split a row;
 * charts are drawn as vectors.  Every page but the cover carries a footer:
 * doc.footer at the left and "n / N" at the right, where n counts the
 * cover as page 1 (the viewer's page numbers and the footer agree).  Text
 * stays text: pdftotext extracts it.  Blocks and columns marked
 * DOC_ONLY_XLSX are left out.
 *
 * Both functions are thread-safe: they keep no state between calls, and
 * pango's default font map, which caches fonts, is one per thread.
 */
#ifndef MAMORI_RENDER_PDF_H
#define MAMORI_RENDER_PDF_H

#include <stddef.h>

#include "base/buf.h"
#include "render/doc.h"

enum pdf_err {
	PDF_OK = 0,
	PDF_ERR_FONT = -1,	/* the IPAexGothic font is not installed */
	PDF_ERR_SVG = -2,	/* a chart that librsvg cannot read or draw */
	PDF_ERR_DRAW = -3	/* cairo failed, or out refused the bytes */
};

/*
 * 0 when the fonts a PDF needs are installed: fontconfig's match for
 * IPAexGothic must be that family itself, not a fallback.  Else
 * PDF_ERR_FONT with one line in err (OUT, errlen bytes, always
 * NUL-terminated when errlen > 0) naming the missing family and the Debian
 * package that has it (fonts-ipaexfont-gothic).  err may be NULL when
 * errlen is 0.
 */
int	pdf_fonts_check(char *err, size_t errlen);

/*
 * Render d as a PDF appended to out.  Returns PDF_OK, or a negative
 * enum pdf_err with one line in err (OUT, as above); on error out is left
 * as it was (its bytes, length and error flag).  The font is checked
 * before anything is drawn, so a missing font is PDF_ERR_FONT, never a
 * PDF with boxes for glyphs.  d is only read.  A table row or a chart
 * taller than a whole page is drawn as it is (a chart scaled down to fit).
 */
int	pdf_render(const struct doc *d, struct buf *out, char *err,
	    size_t errlen);

#endif
