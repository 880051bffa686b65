/*
 * arena: a bump allocator for things that all die together, such as
 * everything a request makes.  Not thread-safe: one owner at a time.
 */
#ifndef MAMORI_ARENA_H
#define MAMORI_ARENA_H

#include <stddef.h>

#include "str.h"

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;	/* newest chunk first */
	size_t			 used;	/* total bytes handed out, for limits */
};

void	 arena_init(struct arena *a);
/* Free every chunk; the arena can be used again afterwards. */
void	 arena_free(struct arena *a);
/* Zeroed memory aligned for any type, valid until arena_free(). */
void	*arena_alloc(struct arena *a, size_t n);
char	*arena_strndup(struct arena *a, const char *s, size_t n);
char	*arena_strdup(struct arena *a, const char *s);
/*
 * Room for element n of an array of size-byte elements that grows in a:
 * v itself while n < *cap, else a copy twice as large (16 elements at
 * first) with the n elements moved over and *cap updated.  The old array
 * stays in the arena until arena_free().
 */
void	*arena_grow(struct arena *a, void *v, size_t n, size_t *cap,
	    size_t size);
/* Copy a view into the arena as a NUL-terminated string. */
char	*arena_cstr(struct arena *a, struct str s);
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
