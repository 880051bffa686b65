/*
 * buf: a growable byte buffer with a sticky error.  Appends never fail
 * visibly: a buffer that would pass its limit stops growing and remembers
 * it, and the owner checks buf_err() once at the end.  The bytes are always
 * NUL-terminated so buf.p can be handed to C APIs.
 */
#ifndef MAMORI_BUF_H
#define MAMORI_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "str.h"

struct buf {
	char	*p;	/* bytes, NUL-terminated; NULL until the first append */
	size_t	 n;	/* bytes used, without the NUL */
	size_t	 cap;	/* bytes allocated */
	size_t	 max;	/* limit on n; 0 means none */
	bool	 err;	/* set once an append was refused (limit) */
};

#define BUF_INIT	{ NULL, 0, 0, 0, false }

void	buf_init(struct buf *b, size_t max);
void	buf_free(struct buf *b);
/* Forget the contents, keep the memory and the limit; clears err. */
void	buf_reset(struct buf *b);
/* Appends.  The inline versions below take the fast path when the
 * bytes fit in what is allocated and under the limit. */
void	buf_add_slow(struct buf *b, const void *p, size_t n);
void	buf_addstr(struct buf *b, struct str s);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Make room for n more bytes and return where they go; the caller then
 * calls buf_commit(b, n_written).  Returns NULL when the limit refuses. */
char	*buf_reserve(struct buf *b, size_t n);
void	buf_commit(struct buf *b, size_t n);
/* Hand the bytes to the caller (free() them); b is left empty. */
char	*buf_detach(struct buf *b);

static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n > 0 && !b->err && b->cap - b->n > n &&
	    (b->max == 0 || b->max - b->n >= n)) {
		memcpy(b->p + b->n, p, n);
		b->n += n;
		b->p[b->n] = '\0';
		return;
	}
	buf_add_slow(b, p, n);
}

static inline void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

static inline void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static inline struct str
buf_str(const struct buf *b)
{
	return (struct str){ b->p ? b->p : "", b->n };
}

static inline const char *
buf_cstr(const struct buf *b)
{
	return b->p ? b->p : "";
}

#endif
