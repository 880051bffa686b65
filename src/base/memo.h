/*
 * memo: a small thread-safe table of facts by key, each kept with the
 * stamp it was read under.  A fact is handed out only to a caller with
 * the same stamp: callers make their stamp of counters that move
 * whenever what the fact says may have changed, and read it before they
 * read the fact itself, so a fact kept here is never stale, only
 * unused.  Bounded: a fixed number of slots, one per key (by its hash);
 * a new key takes the slot of an old one.  Nothing here knows what is
 * kept.
 */
#ifndef MAMORI_MEMO_H
#define MAMORI_MEMO_H

#include <stddef.h>
#include <stdint.h>

#define MEMO_KEY_MAX	95	/* bytes of a key, without the NUL */
#define MEMO_VAL_MAX	384	/* bytes of a value */

/* The counters a fact was read under; equal stamps, equal counters. */
struct memo_stamp {
	uint64_t	 v[3];
};

struct memo;

/* A table of about `slots` facts (rounded up to a power of two, at
 * least 16).  The caller frees with memo_free() (NULL is fine). */
struct memo	*memo_new(size_t slots);
void		 memo_free(struct memo *m);
/* Copy into out (cap bytes of room) the value kept under key with stamp
 * s: its length, or -1 when there is none (another stamp, another key in
 * the slot, nothing kept) or it is longer than cap. */
int		 memo_get(struct memo *m, const char *key,
		    const struct memo_stamp *s, void *out, size_t cap);
/* Keep n bytes at v under key and stamp s, in place of whatever the slot
 * held.  A key longer than MEMO_KEY_MAX or a value longer than
 * MEMO_VAL_MAX is not kept. */
void		 memo_put(struct memo *m, const char *key,
		    const struct memo_stamp *s, const void *v, size_t n);

#endif
