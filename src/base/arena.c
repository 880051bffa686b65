#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_CHUNK	8192
#define ARENA_ALIGN	16

struct arena_chunk {
	struct arena_chunk	*next;	/* older chunk */
	size_t			 size;	/* usable bytes in data */
	size_t			 off;	/* first free byte in data */
	_Alignas(16) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}

/* n bytes, not zeroed. */
static void *
arena_raw(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t need;
	void *p;

	if (n > SIZE_MAX / 2) {		/* no request is this big: a bug */
		fprintf(stderr, "mamori: arena request of %zu bytes\n", n);
		abort();
	}
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	if (c == NULL || c->size - c->off < need) {
		size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;

		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->off = 0;
		/* A big one-off block goes behind the current chunk so the
		 * current chunk's free space is not thrown away. */
		if (a->head != NULL && size > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->off;
	c->off += need;
	a->used += need;
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_raw(a, n);

	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_raw(a, n + 1);	/* every byte is written */

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_cstr(struct arena *a, struct str s)
{
	return arena_strndup(a, s.p ? s.p : "", s.n);
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	char tmp[256], *p;
	int n;

	/* Format once into a stack buffer; only long results format twice. */
	va_start(ap, fmt);
	va_copy(cp, ap);
	n = vsnprintf(tmp, sizeof(tmp), fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	p = arena_raw(a, (size_t)n + 1);
	if ((size_t)n < sizeof(tmp))
		memcpy(p, tmp, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	void *nv;

	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 16;
	nv = arena_alloc(a, *cap * size);
	if (n > 0)
		memcpy(nv, v, n * size);
	return nv;
}
