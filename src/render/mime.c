#include "render/mime.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "base/str.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes, no line breaks. */
static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		buf_addc(b, b64[p[i] >> 2]);
		buf_addc(b, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addc(b, b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		buf_addc(b, b64[p[i + 2] & 63]);
	}
	if (n - i == 1) {
		buf_addc(b, b64[p[i] >> 2]);
		buf_addc(b, b64[(p[i] & 3) << 4]);
		buf_adds(b, "==");
	} else if (n - i == 2) {
		buf_addc(b, b64[p[i] >> 2]);
		buf_addc(b, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		buf_addc(b, b64[(p[i + 1] & 15) << 2]);
		buf_addc(b, '=');
	}
}

void
mime_base64_lines(struct buf *b, const void *p, size_t n)
{
	/* 57 bytes make 76 characters */
	const unsigned char *q = p;
	size_t i;

	for (i = 0; i < n; i += 57) {
		base64(b, q + i, n - i < 57 ? n - i : 57);
		buf_adds(b, "\r\n");
	}
}

static bool
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* Bytes of the UTF-8 character that starts with byte c (1 for a stray
 * byte, which str_utf8_valid has ruled out before). */
static size_t
utf8_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

void
mime_header_words(struct buf *b, const char *name, const char *value)
{
	/* "=?UTF-8?B?" + base64 + "?=" (12 octets besides the base64)
	 * within a line of MIME_LINE_MAX, after the header's name on the
	 * first line and after one space on the others: as many whole
	 * groups of 3 bytes as fit (45 bytes, 60 characters, on a
	 * continuation line). */
	size_t n = strlen(value), i = 0, col, chunk;

	buf_adds(b, name);
	buf_adds(b, ": ");
	col = strlen(name) + 2;
	if (plain_ascii(value) && col + n <= 998) {
		buf_adds(b, value);
		buf_adds(b, "\r\n");
		return;
	}
	while (i < n) {
		size_t take = 0;

		size_t at = i == 0 ? col : 1;

		chunk = at + 12 < MIME_LINE_MAX ?
		    (MIME_LINE_MAX - at - 12) / 4 * 3 : 0;
		if (chunk < 12)		/* a long name: 4 characters at least */
			chunk = 12;

		while (i + take < n) {
			size_t cl = utf8_len((unsigned char)value[i + take]);

			if (take + cl > chunk)
				break;
			take += cl;
		}
		if (take == 0)		/* cannot happen: chunk > 4 */
			take = n - i;
		if (i > 0)
			buf_adds(b, "\r\n ");
		buf_adds(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)value + i, take);
		buf_adds(b, "?=");
		i += take;
	}
	buf_adds(b, "\r\n");
}

/* A header value that may go out as it is: printable ASCII that leaves
 * its line well within RFC 5322's 998 octets. */
static bool
header_ok(const char *s)
{
	return s != NULL && strlen(s) < 900 && plain_ascii(s);
}

/* The text with every line ending as CRLF. */
static void
crlf(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\r')
			continue;
		if (*s == '\n')
			buf_addc(b, '\r');
		buf_addc(b, *s);
	}
}

static void
part(struct buf *b, const char *boundary, const char *type, const char *s)
{
	struct buf t = BUF_INIT;

	crlf(&t, s);
	buf_printf(b, "--%s\r\nContent-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary, type);
	mime_base64_lines(b, t.p ? t.p : "", t.n);
	buf_free(&t);
}

int
mime_build(struct buf *b, const struct mime_msg *m)
{
	static const char *const wd[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)m->date;
	struct tm tm;
	bool unsub = m->unsub_url != NULL && m->unsub_url[0] != '\0';

	if (!header_ok(m->from) || !header_ok(m->to) ||
	    !header_ok(m->message_id) || !header_ok(m->boundary) ||
	    (unsub && !header_ok(m->unsub_url)) || m->subject == NULL ||
	    !str_utf8_valid(str_c(m->subject)) ||
	    strpbrk(m->subject, "\r\n") != NULL || m->text == NULL ||
	    m->html == NULL || !str_utf8_valid(str_c(m->text)) ||
	    !str_utf8_valid(str_c(m->html)))
		return -1;
	gmtime_r(&t, &tm);
	buf_printf(b, "From: %s\r\nTo: %s\r\n", m->from, m->to);
	mime_header_words(b, "Subject", m->subject);
	buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wd[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_printf(b, "Message-ID: %s\r\n", m->message_id);
	buf_adds(b, "Auto-Submitted: auto-generated\r\n");
	if (unsub)
		buf_printf(b, "List-Unsubscribe: <%s>\r\n", m->unsub_url);
	buf_printf(b, "MIME-Version: 1.0\r\nContent-Type: "
	    "multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", m->boundary);
	part(b, m->boundary, "text/plain", m->text);
	part(b, m->boundary, "text/html", m->html);
	buf_printf(b, "--%s--\r\n", m->boundary);
	return 0;
}
