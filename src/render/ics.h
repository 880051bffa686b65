/*
 * ics: an iCalendar file (RFC 5545) of all-day events, for calendars to
 * subscribe to or import.  Lines end in CRLF and are folded so that no
 * line is longer than 75 octets (a fold never splits a UTF-8 character);
 * TEXT values escape backslash, semicolon, comma and line breaks.
 *
 * Usage: ics_begin(), one ics_event_day() per event, ics_end(), all into
 * one struct buf (its sticky error says whether it all fitted).  Pure and
 * thread-safe; strings are UTF-8.
 */
#ifndef MAMORI_RENDER_ICS_H
#define MAMORI_RENDER_ICS_H

#include <stdint.h>

#include "base/buf.h"

#define ICS_LINE_MAX	75	/* octets of a line, CRLF not counted */

/* BEGIN:VCALENDAR with its VERSION, PRODID (prodid, e.g. "-//mamori//
 * plan//JA") and, when name is not NULL, the calendar's name
 * (X-WR-CALNAME, which most calendar programs show). */
void	ics_begin(struct buf *b, const char *prodid, const char *name);

/* One all-day event. */
struct ics_event {
	const char	*uid;		/* stable across downloads */
	int64_t		 stamp;		/* DTSTAMP, Unix time (written UTC) */
	int		 y, m, d;	/* the day: DTSTART;VALUE=DATE, and
					   DTEND the day after */
	const char	*summary;	/* the title */
	const char	*description;	/* NULL: none */
	const char	*url;		/* NULL: none; a URI as it is */
};

/* The event as a VEVENT. */
void	ics_event_day(struct buf *b, const struct ics_event *e);

/* END:VCALENDAR. */
void	ics_end(struct buf *b);

/* A content line "name:value" (value already in its final form), folded
 * and ended with CRLF. */
void	ics_line(struct buf *b, const char *name, const char *value);
/* value as an iCalendar TEXT (\\ \; \, \n escaped, CR dropped) into b. */
void	ics_text(struct buf *b, const char *value);

#endif
