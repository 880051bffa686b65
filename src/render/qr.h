/*
 * qr: QR codes as inline SVG, for respondent links that staff print and
 * scan.  The only file that sees libqrencode.
 */
#ifndef MAMORI_RENDER_QR_H
#define MAMORI_RENDER_QR_H

#include "render/html.h"

/*
 * Write text (UTF-8, NUL-terminated, encoded as 8-bit data) as a QR code
 * of error-correction level M into h: one <svg> with role="img", a
 * <title> (title, which must not be NULL) and aria-label, a viewBox in
 * module units that includes the 4-module quiet zone (so its side is the
 * symbol's width + 8), width "100%" and shape-rendering="crispEdges";
 * the light background is one <rect>, the dark modules one <path> of
 * horizontal runs.  The page's CSS decides the size.
 *
 * Returns 0, or -1 with nothing written when text is NULL, empty, too
 * long for a QR code (2331 bytes at level M, fewer for non-ASCII), or the
 * encoder fails.  Thread-safe (Debian's libqrencode is built with
 * pthread).
 */
int	qr_svg(struct html *h, const char *text, const char *title);

#endif
