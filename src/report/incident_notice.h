/*
 * incident_notice: what each field of an incident reads as (the closed
 * set incident_field of model/incident.h), and the draft notices to
 * customers and to partners made from the templates of
 * content/incidents.yaml with them — as text to edit, as a .txt file and
 * as a one-page A4 PDF.
 *
 * A field the incident does not say anything about fills its
 * placeholder with a marker ("【原因を記入】", incnotice.missing), so a
 * draft that goes out half filled is seen to be one.  Where each field
 * comes from (incident_values): the organisation's name; the kind's and
 * the level's labels; the days of detection and awareness, and today,
 * in Japan; the summary; the number of people; the incident's notes; the
 * personal data concerned from a field "data_items" when the incidents
 * register has one, else the names of the information assets the
 * incident names; and every other field (cause, secondary, measures,
 * people_response, publication, prevention, contact) from the incidents
 * register's field of the same key, when it has one — until it does,
 * they stay markers for the reader to fill in.
 */
#ifndef MAMORI_REPORT_INCIDENT_NOTICE_H
#define MAMORI_REPORT_INCIDENT_NOTICE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/incident.h"
#include "model/register.h"
#include "render/doc.h"

/* Characters of a notice as edited: its subject and its body. */
#define INCIDENT_NOTICE_SUBJECT_MAX	200
#define INCIDENT_NOTICE_BODY_MAX	5000

/* "incidents" field keys, "company" … "today" (incident_field order). */
const char	*incident_field_key(enum incident_field f);
/* The field of this key, or -1. */
int		 incident_field_of(const char *key);

/*
 * What each field of incident inc (a row of the incidents register, as
 * register_get reads it) reads as in language l for an organisation
 * named org on the day of now: value[f] is "" when the incident says
 * nothing of it.  Strings in a.
 */
void	incident_values(const struct content *ct, enum lang l,
	    const char *org, const struct register_row *inc, int64_t now,
	    struct arena *a, const char *value[INC_F__MAX]);
/* A day "YYYY-MM-DD…" as language l writes it: "2026年3月1日",
 * "1 March 2026" ("" when s is not one).  In a. */
const char *incident_day(enum lang l, const char *s, struct arena *a);
/* The marker an empty field f leaves in a draft: "【原因を記入】". */
const char *incident_missing(const struct content *ct, enum lang l,
	    enum incident_field f, struct arena *a);
/*
 * tmpl with each "{key}" of a field replaced by value[field], or by its
 * marker when that is ""; braces around anything else stay as they are.
 * *missing (may be NULL) gets a bit (1u << f) for each field that left a
 * marker.  In a.
 */
const char *incident_fill(const struct content *ct, enum lang l,
	    const char *tmpl, const char *const value[INC_F__MAX],
	    struct arena *a, uint32_t *missing);
/* Notice n's subject and body filled (incident_fill); *missing as
 * there, for both. */
void	incident_notice_draft(const struct content *ct, enum lang l,
	    enum incident_notice n, const char *const value[INC_F__MAX],
	    struct arena *a, const char **subject, const char **body,
	    uint32_t *missing);
/* The key of notice n ("customers", "partners"), and back (-1). */
const char *incident_notice_key(enum incident_notice n);
int	incident_notice_of(const char *key);
/* The plain text file: the subject, a blank line, the body; UTF-8 with
 * CR LF line breaks (for any mail program or editor), appended to out. */
void	incident_notice_txt(const char *subject, const char *body,
	    struct buf *out);
/* The notice as a letter on A4 (its subject as the heading, the body's
 * paragraphs under it) into d, in a's memory. */
void	incident_notice_build(enum lang l, const char *subject,
	    const char *body, struct arena *a, struct doc *d);
/* incident_notice_build rendered as a PDF, appended to out.  0, or < 0
 * (enum report_err) with one line in err. */
int	incident_notice_pdf(enum lang l, const char *subject,
	    const char *body, struct arena *a, struct buf *out, char *err,
	    size_t errlen);

#endif
