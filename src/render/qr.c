#include "render/qr.h"

#include <qrencode.h>

#include "base/buf.h"

#define QR_QUIET	4	/* light modules around the symbol (ISO 18004) */

/*
 * The dark modules of code as one path: each horizontal run of dark
 * modules is a rectangle "M<x> <y>h<n>v1h-<n>z", in module units with the
 * quiet zone added.  Integers only, so %d is locale-free.
 */
static void
qr_path(struct buf *d, const QRcode *code)
{
	const unsigned char *row;
	int x, y, run, w = code->width;

	for (y = 0; y < w; y++) {
		row = code->data + (size_t)y * (size_t)w;
		for (x = 0; x < w; x++) {
			if (!(row[x] & 1))
				continue;
			for (run = 1; x + run < w && (row[x + run] & 1); run++)
				continue;
			buf_printf(d, "M%d %dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run, run);
			x += run - 1;
		}
	}
}

int
qr_svg(struct html *h, const char *text, const char *title)
{
	struct buf d = BUF_INIT, vb = BUF_INIT;
	QRcode *code;
	int side;

	if (text == NULL || text[0] == '\0' || title == NULL)
		return -1;
	/* QR_MODE_8: UTF-8 as bytes (the Kanji mode would want Shift_JIS);
	 * case-sensitive, so URLs keep their case. */
	code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL)
		return -1;
	if (code->width <= 0 || code->data == NULL) {
		QRcode_free(code);
		return -1;
	}
	side = code->width + 2 * QR_QUIET;
	qr_path(&d, code);
	QRcode_free(code);
	buf_printf(&vb, "0 0 %d %d", side, side);

	html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg",
	    "viewBox", buf_cstr(&vb), "width", "100%", "role", "img",
	    "aria-label", title, "class", "qr",
	    "shape-rendering", "crispEdges", NULL);
	html_elem(h, "title", title, NULL);
	/* The quiet zone must be light even on a dark page. */
	html_void(h, "rect", "width", "100%", "height", "100%",
	    "fill", "#ffffff", NULL);
	html_void(h, "path", "d", buf_cstr(&d), "fill", "#000000", NULL);
	html_close(h);
	buf_free(&d);
	buf_free(&vb);
	return 0;
}
