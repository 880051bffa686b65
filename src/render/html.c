#include "render/html.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"

void
html_init(struct html *h, struct buf *b)
{
	memset(h, 0, sizeof(*h));
	h->b = b;
}

static void
html_attrs(struct html *h, va_list ap)
{
	const char *name, *val;

	while ((name = va_arg(ap, const char *)) != NULL) {
		val = va_arg(ap, const char *);
		if (val == NULL)
			continue;
		buf_addc(h->b, ' ');
		buf_adds(h->b, name);
		buf_adds(h->b, "=\"");
		esc_attr(h->b, str_c(val));
		buf_addc(h->b, '"');
	}
}

void
html_vopen(struct html *h, const char *tag, int isvoid, va_list ap)
{
	buf_addc(h->b, '<');
	buf_adds(h->b, tag);
	html_attrs(h, ap);
	if (isvoid) {
		/* Self-closed: required in SVG, allowed on HTML void
		 * elements. */
		buf_adds(h->b, "/>");
		return;
	}
	buf_addc(h->b, '>');
	if (h->depth < HTML_DEPTH)
		h->stack[h->depth] = tag;
	else
		h->overflow++;
	h->depth++;
}

void
html_open(struct html *h, const char *tag, ...)
{
	va_list ap;

	va_start(ap, tag);
	html_vopen(h, tag, 0, ap);
	va_end(ap);
}

void
html_void(struct html *h, const char *tag, ...)
{
	va_list ap;

	va_start(ap, tag);
	html_vopen(h, tag, 1, ap);
	va_end(ap);
}

void
html_close(struct html *h)
{
	assert(h->depth > 0);
	if (h->depth == 0)
		return;
	h->depth--;
	if (h->depth >= HTML_DEPTH)
		return;
	buf_adds(h->b, "</");
	buf_adds(h->b, h->stack[h->depth]);
	buf_addc(h->b, '>');
}

int
html_mark(const struct html *h)
{
	return h->depth;
}

void
html_close_to(struct html *h, int mark)
{
	while (h->depth > mark)
		html_close(h);
}

void
html_text(struct html *h, const char *s)
{
	esc_html(h->b, str_c(s));
}

void
html_textn(struct html *h, struct str s)
{
	esc_html(h->b, s);
}

void
html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	esc_html(h->b, buf_str(&tmp));
	buf_free(&tmp);
}

void
html_elem(struct html *h, const char *tag, const char *text, ...)
{
	va_list ap;

	va_start(ap, text);
	html_vopen(h, tag, 0, ap);
	va_end(ap);
	if (text != NULL)
		html_text(h, text);
	html_close(h);
}

void
html_raw_trusted(struct html *h, const char *s)
{
	buf_adds(h->b, s);
}

int
html_end(struct html *h)
{
	int was = h->depth, over = h->overflow;

	html_close_to(h, 0);
	if (over > 0)
		h->b->err = true;	/* end tags past HTML_DEPTH were lost */
	return was == 0 && over == 0 ? 0 : -1;
}
