/*
 * diff: what changed between two texts, sentence by sentence — the unit
 * a reader of a policy thinks in (a word diff of Japanese, which has no
 * spaces, would be noise).  A longest common subsequence over sentences.
 */
#ifndef MAMORI_DIFF_H
#define MAMORI_DIFF_H

#include <stddef.h>

#include "arena.h"
#include "str.h"

enum diff_kind {
	DIFF_SAME,
	DIFF_DEL,	/* only in the old text */
	DIFF_INS,	/* only in the new text */
	DIFF__MAX
};

struct diff_op {
	enum diff_kind	 kind;
	struct str	 s;	/* a sentence, pointing into its text */
};

/* Most sentences a side; longer texts are compared as one unit each. */
#define DIFF_UNITS_MAX	2000

/*
 * Split s into sentences: a sentence ends after 。．！？ (with any closing
 * bracket that follows), after '.', '!' or '?' followed by a space, or at
 * a line break; spaces between sentences stay with the sentence before.
 * *out (in a) points into s.  Returns the count.
 */
size_t	diff_split(struct arena *a, const char *s, struct str **out);
/*
 * The edit from x[0..nx) to y[0..ny): sentences in the order a reader
 * goes through them, deletions before insertions at each change.  *out
 * in a.  Returns the number of operations.
 */
size_t	diff_units(struct arena *a, const struct str *x, size_t nx,
	    const struct str *y, size_t ny, struct diff_op **out);
/* Both steps on two strings (NULL reads as ""). */
size_t	diff_text(struct arena *a, const char *from, const char *to,
	    struct diff_op **out);

#endif
