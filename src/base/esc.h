/*
 * esc: one escaper per output context.  Each appends the escaped form of
 * its input to a buf.  Which one to call is decided by where the bytes go,
 * never by what they contain.
 */
#ifndef MAMORI_ESC_H
#define MAMORI_ESC_H

#include "buf.h"
#include "str.h"

/* HTML text content: & < > " ' escaped. */
void	esc_html(struct buf *b, struct str s);
/* A double-quoted HTML attribute value: as esc_html, plus backquote and
 * '=' so that an unquoted mistake cannot open a new attribute. */
void	esc_attr(struct buf *b, struct str s);
/* One URL path segment or query value: everything but unreserved
 * characters (RFC 3986 ALPHA DIGIT - . _ ~) is percent-encoded. */
void	esc_url(struct buf *b, struct str s);
/* A JSON string including its quotes; control characters and '<', '>',
 * '&' become \u escapes so the result is safe inside HTML too. */
void	esc_json(struct buf *b, struct str s);
/* One CSV field: quoted when it holds a comma, quote, CR or LF; a field
 * that starts with = + - @ TAB or CR and is not a plain integer is also
 * prefixed by ' so a spreadsheet does not run it as a formula. */
void	esc_csv(struct buf *b, struct str s);

#endif
