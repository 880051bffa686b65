/*
 * cache: a small thread-safe LRU of byte strings by key, bounded in total
 * bytes.  For rendered fragments whose key names everything they depend
 * on (so an entry is never stale, only unused); nothing here knows what
 * is cached.
 */
#ifndef MAMORI_CACHE_H
#define MAMORI_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

struct cache;

/* A cache holding at most max_bytes of values (keys not counted). */
struct cache	*cache_new(size_t max_bytes);
void		 cache_free(struct cache *c);
/* Append the value of key to out and return true, or return false. */
bool		 cache_get(struct cache *c, const char *key, struct buf *out);
/* A copy of the value of key in arena a, its length in *n (OUT), or
 * NULL when key is not cached. */
void		*cache_get_a(struct cache *c, const char *key, struct arena *a,
		    size_t *n);
/* Store a copy of data under key, replacing any old value and evicting
 * the least recently used entries to make room.  Values larger than a
 * quarter of the cache are not stored. */
void		 cache_put(struct cache *c, const char *key, const void *data,
		    size_t n);

#endif
