/*
 * html: the one way mamori writes markup (HTML and SVG).  Elements are
 * opened and closed through a stack, so markup is always balanced; every
 * attribute value and every text goes through the escaper of its context.
 * Raw markup exists only as html_raw_trusted(), for constant strings.
 *
 * Attributes are given as a NULL-terminated list of name, value pairs:
 * names are constant identifiers written in the code, values are escaped.
 * A NULL value skips the attribute; "" writes name="" (boolean attributes).
 */
#ifndef MAMORI_RENDER_HTML_H
#define MAMORI_RENDER_HTML_H

#include <stdarg.h>

#include "base/buf.h"
#include "base/str.h"

#define HTML_DEPTH	64

struct html {
	struct buf	*b;			/* output, owned by the caller */
	const char	*stack[HTML_DEPTH];	/* open elements, constant names */
	int		 depth;
	int		 overflow;		/* nesting beyond HTML_DEPTH */
};

void	html_init(struct html *h, struct buf *b);
/* <tag attrs…> pushed on the stack. */
void	html_open(struct html *h, const char *tag, ...)
	    __attribute__((sentinel));
/* <tag attrs…> with no content and no end tag (input, img, circle/>). */
void	html_void(struct html *h, const char *tag, ...)
	    __attribute__((sentinel));
void	html_vopen(struct html *h, const char *tag, int isvoid, va_list ap);
/* Close the innermost element. */
void	html_close(struct html *h);
/* The current depth, to close back to with html_close_to(). */
int	html_mark(const struct html *h);
void	html_close_to(struct html *h, int mark);
/* Escaped text content. */
void	html_text(struct html *h, const char *s);
void	html_textn(struct html *h, struct str s);
void	html_textf(struct html *h, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* <tag attrs…>text</tag> in one call. */
void	html_elem(struct html *h, const char *tag, const char *text, ...)
	    __attribute__((sentinel));
/* Constant markup written as it is: never pass data here. */
void	html_raw_trusted(struct html *h, const char *s);
/* Close everything; returns 0 when the stack was balanced, -1 when it
 * was not or when nesting passed HTML_DEPTH (the buffer's error is then
 * set, as end tags were lost). */
int	html_end(struct html *h);

#endif
