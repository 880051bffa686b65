/*
 * str: a read-only view of bytes owned by someone else.  Views are passed
 * by value; they are not NUL-terminated unless said so.
 */
#ifndef MAMORI_STR_H
#define MAMORI_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct str {
	const char	*p;	/* first byte; may be NULL when n == 0 */
	size_t		 n;	/* length in bytes */
};

#define STR_LIT(s)	((struct str){ (s), sizeof(s) - 1 })
#define STR_NULL	((struct str){ NULL, 0 })

static inline struct str
str_c(const char *s)
{
	return (struct str){ s, s ? strlen(s) : 0 };
}

static inline bool
str_eq(struct str a, struct str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static inline bool
str_eq_c(struct str a, const char *b)
{
	return str_eq(a, str_c(b));
}

/* True when a begins with prefix. */
static inline bool
str_has_prefix(struct str a, struct str prefix)
{
	return prefix.n == 0 ||
	    (a.n >= prefix.n && memcmp(a.p, prefix.p, prefix.n) == 0);
}

/* Drop ASCII spaces and tabs (and CR/LF) at both ends. */
struct str	str_trim(struct str s);

/*
 * Split s at the first byte c: *head gets what comes before, the return
 * value what comes after (STR_NULL with .p == NULL when c is absent, in
 * which case *head is all of s).
 */
struct str	str_cut(struct str s, char c, struct str *head);

/* Parse a decimal integer in [min, max]; the whole view must be digits with
 * an optional leading '-'.  Returns 0, or -1 on any other input. */
int		str_to_long(struct str s, long min, long max, long *out);

/* True when s is valid UTF-8 without overlongs, surrogates or NULs. */
bool		str_utf8_valid(struct str s);

/* How many characters (code points) valid UTF-8 s holds: the bytes that
 * do not continue a sequence.  Form limits are counted with it, so "100
 * characters" means 100 of 漢 as well as 100 of a. */
size_t		str_utf8_count(struct str s);

/*
 * Screen lines valid UTF-8 s takes in a box cols columns wide: each line
 * (a '\n' ends one) wraps every cols columns, a character outside ASCII
 * taking two (CJK is full-width).  At least 1.  For sizing a textarea to
 * its text, so an estimate: proportional fonts differ.
 */
size_t		str_text_rows(struct str s, size_t cols);

#endif
