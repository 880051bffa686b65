#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->err = false;
}

void
buf_reset(struct buf *b)
{
	b->n = 0;
	b->err = false;
	if (b->p)
		b->p[0] = '\0';
}

char *
buf_reserve(struct buf *b, size_t n)
{
	size_t want;

	if (b->err)
		return NULL;
	if (n > SIZE_MAX / 4 || (b->max && (n > b->max ||
	    b->n > b->max - n))) {
		b->err = true;
		return NULL;
	}
	want = b->n + n + 1;
	if (want > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < want)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	return b->p + b->n;
}

void
buf_commit(struct buf *b, size_t n)
{
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_add_slow(struct buf *b, const void *p, size_t n)
{
	char *dst = buf_reserve(b, n);

	if (dst == NULL)
		return;
	if (n)
		memcpy(dst, p, n);
	buf_commit(b, n);
}

void
buf_addstr(struct buf *b, struct str s)
{
	buf_add(b, s.p, s.n);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n;
	char *dst;

	/* One pass when the text fits in what is free (the common case),
	 * a second only to grow.  What the first pass wrote past the
	 * committed end is not part of the buffer until committed. */
	if (b->err || (dst = buf_reserve(b, b->max && b->max - b->n < 64 ?
	    b->max - b->n : 64)) == NULL)
		return;
	room = b->cap - b->n;
	va_copy(cp, ap);
	n = vsnprintf(dst, room, fmt, cp);
	va_end(cp);
	if (n < 0 || (b->max && (size_t)n > b->max - b->n)) {
		b->err = true;
		b->p[b->n] = '\0';
		return;
	}
	if ((size_t)n < room) {
		buf_commit(b, (size_t)n);
		return;
	}
	if ((dst = buf_reserve(b, (size_t)n)) == NULL) {
		b->p[b->n] = '\0';
		return;
	}
	vsnprintf(dst, (size_t)n + 1, fmt, ap);
	buf_commit(b, (size_t)n);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");

	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}
