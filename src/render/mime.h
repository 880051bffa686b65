/*
 * mime: one e-mail message (RFC 5322 with MIME, RFC 2045-2049) of a
 * plain-text part and an HTML part as multipart/alternative, ready for
 * SMTP: lines end in CRLF; both parts are UTF-8 in base64 lines of
 * MIME_LINE_MAX octets; a subject that is not plain ASCII is written as
 * RFC 2047 encoded-words (UTF-8, "B"), each of whole characters, folded
 * one a line within MIME_LINE_MAX.  The other header values go as given
 * (printable ASCII, under 900 octets).  Pure and thread-safe.
 */
#ifndef MAMORI_RENDER_MIME_H
#define MAMORI_RENDER_MIME_H

#include <stdint.h>

#include "base/buf.h"

#define MIME_LINE_MAX	76	/* octets of a line, CRLF not counted */

struct mime_msg {
	const char	*from;		/* "mamori <noreply@example.jp>" */
	const char	*to;		/* one address */
	const char	*subject;	/* UTF-8 */
	const char	*text;		/* the plain part, UTF-8, "\n" lines */
	const char	*html;		/* the HTML part: a whole document,
					   escaped by its maker */
	const char	*message_id;	/* "<…@…>" */
	int64_t		 date;		/* Unix time, written in UTC */
	const char	*unsub_url;	/* List-Unsubscribe; NULL or "": none */
	const char	*boundary;	/* of the parts: ASCII letters, digits
					   and "=_.-", never in base64 text */
};

/*
 * The message into b (appended).  0, or -1 when a header value holds a
 * line break or another control character, or is not UTF-8 (nothing
 * is appended then).  A full b shows in its sticky error.
 */
int	mime_build(struct buf *b, const struct mime_msg *m);

/* "Subject: …" (name ": " value) with the value as encoded-words when it
 * is not printable ASCII, folded; CRLF at the end.  Exposed for tests. */
void	mime_header_words(struct buf *b, const char *name, const char *value);

/* Base64 of n bytes in lines of MIME_LINE_MAX, each ending in CRLF. */
void	mime_base64_lines(struct buf *b, const void *p, size_t n);

#endif
