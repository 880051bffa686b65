/*
 * xalloc: allocation that never returns NULL.  Out of memory is not an
 * error mamori can recover from, so every allocation in the program goes
 * through this family, which prints one line and aborts.
 */
#ifndef MAMORI_XALLOC_H
#define MAMORI_XALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/strdup, but abort on failure.  Thread-safe. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t nmemb, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

#endif
