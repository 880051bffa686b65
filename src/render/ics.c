#include "render/ics.h"

#include <string.h>
#include <time.h>

void
ics_text(struct buf *b, const char *v)
{
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case ';':
			buf_adds(b, "\\;");
			break;
		case ',':
			buf_adds(b, "\\,");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			break;
		default:
			buf_addc(b, *v);
		}
}

/*
 * Fold: after at most ICS_LINE_MAX octets, CRLF and one space, which
 * counts as the next line's first octet.  A cut goes back to the start
 * of the UTF-8 character it would split.
 */
void
ics_line(struct buf *b, const char *name, const char *value)
{
	struct buf l = BUF_INIT;
	const unsigned char *p;
	size_t left, room = ICS_LINE_MAX;

	buf_adds(&l, name);
	buf_addc(&l, ':');
	buf_adds(&l, value);
	p = (const unsigned char *)buf_cstr(&l);
	left = l.n;
	while (left > room) {
		size_t cut = room;

		while (cut > 0 && (p[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == 0)	/* not UTF-8: cut where the octets say */
			cut = room;
		buf_add(b, p, cut);
		buf_adds(b, "\r\n ");
		p += cut;
		left -= cut;
		room = ICS_LINE_MAX - 1;
	}
	buf_add(b, p, left);
	buf_adds(b, "\r\n");
	buf_free(&l);
}

void
ics_begin(struct buf *b, const char *prodid, const char *name)
{
	struct buf t = BUF_INIT;

	ics_line(b, "BEGIN", "VCALENDAR");
	ics_line(b, "VERSION", "2.0");
	ics_text(&t, prodid);
	ics_line(b, "PRODID", buf_cstr(&t));
	ics_line(b, "CALSCALE", "GREGORIAN");
	if (name != NULL) {
		buf_reset(&t);
		ics_text(&t, name);
		ics_line(b, "X-WR-CALNAME", buf_cstr(&t));
	}
	buf_free(&t);
}

/* The day after y-m-d, by the calendar's own arithmetic. */
static void
next_day(int *y, int *m, int *d)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = *y - 1900;
	tm.tm_mon = *m - 1;
	tm.tm_mday = *d + 1;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

void
ics_event_day(struct buf *b, const struct ics_event *e)
{
	struct buf t = BUF_INIT;
	time_t s = (time_t)e->stamp;
	struct tm tm;
	int y = e->y, m = e->m, d = e->d;

	ics_line(b, "BEGIN", "VEVENT");
	ics_text(&t, e->uid);
	ics_line(b, "UID", buf_cstr(&t));
	gmtime_r(&s, &tm);
	buf_reset(&t);
	buf_printf(&t, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	ics_line(b, "DTSTAMP", buf_cstr(&t));
	buf_reset(&t);
	buf_printf(&t, "%04d%02d%02d", y, m, d);
	ics_line(b, "DTSTART;VALUE=DATE", buf_cstr(&t));
	next_day(&y, &m, &d);
	buf_reset(&t);
	buf_printf(&t, "%04d%02d%02d", y, m, d);
	ics_line(b, "DTEND;VALUE=DATE", buf_cstr(&t));
	buf_reset(&t);
	ics_text(&t, e->summary);
	ics_line(b, "SUMMARY", buf_cstr(&t));
	if (e->description != NULL) {
		buf_reset(&t);
		ics_text(&t, e->description);
		ics_line(b, "DESCRIPTION", buf_cstr(&t));
	}
	if (e->url != NULL)
		ics_line(b, "URL", e->url);
	ics_line(b, "TRANSP", "TRANSPARENT");
	ics_line(b, "END", "VEVENT");
	buf_free(&t);
}

void
ics_end(struct buf *b)
{
	ics_line(b, "END", "VCALENDAR");
}
