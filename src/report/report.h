/*
 * report: the diagnosis report of one closed round — one builder that
 * reads the round, its respondents, the advisor's comment, the
 * organisation and its peer figures and fills a format-neutral document (render/doc.h), and one renderer a
 * format: PDF and XLSX from the document, CSV (the import format, so a
 * file goes back in as it came out) and JSON (as the API serves it) from
 * the same answers.  The web download and `mamori export round` call
 * report_round() and nothing else.
 */
#ifndef MAMORI_REPORT_REPORT_H
#define MAMORI_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/peer.h"
#include "render/doc.h"
#include "render/html.h"

enum report_format {
	REPORT_PDF,
	REPORT_XLSX,
	REPORT_CSV,
	REPORT_JSON,
	REPORT_FORMAT__MAX
};

enum report_err {
	REPORT_OK = 0,
	REPORT_ERR_NOT_FOUND = -1,	/* no such round in the organisation */
	REPORT_ERR_OPEN = -2,		/* the round is still open */
	REPORT_ERR_DB = -3,		/* the database failed */
	REPORT_ERR_FONT = -4,		/* a font the PDF needs is missing */
	REPORT_ERR_RENDER = -5,		/* the renderer failed */
	REPORT_ERR_VIEW = -6,		/* the format holds what the reader
					   may not see (a member's CSV) */
};

/*
 * Who the report is for.  A report handed outside (a bank, customers) is
 * anonymous: respondents are R1, R2 ….  Names go only into the internal
 * version an organisation's admin or advisor asks for.  Members get the
 * totals: no one's own answers, and no role figure that would show one
 * person's (struct diag_result.role_hidden).
 */
enum report_view {
	REPORT_VIEW_ANON,	/* everything, respondents as R1, R2 … */
	REPORT_VIEW_NAMES,	/* everything, with the names given */
	REPORT_VIEW_MEMBER,	/* totals only; no CSV (it is one row a person) */
	REPORT_VIEW__MAX
};

/* What to report and for whom. */
struct report_in {
	const struct content	*ct;	/* loaded content packs */
	enum lang		 lang;	/* the reader's language */
	int64_t			 org_id;
	int64_t			 round_id;
	enum report_view	 view;	/* who reads it */
	int64_t			 now;	/* the date printed on the cover */
};

/* "pdf" "xlsx" "csv" "json" and back (-1 unknown); MIME type; file
 * extension without the dot. */
const char	*report_format_key(enum report_format f);
int		 report_format_from_key(const char *s);
const char	*report_ctype(enum report_format f);

/*
 * Build the document of in's round into d (whose memory is a).  The round
 * must be closed.  REPORT_OK or < 0 with one line in err.  The caller
 * owns c for the duration.
 */
int	report_round_doc(struct db_conn *c, struct arena *a,
	    const struct report_in *in, struct doc *d, char *err,
	    size_t errlen);
/*
 * The whole report of in's round as format f, appended to out.  Reads the
 * database through c, then renders.  REPORT_OK, or < 0 with one line in
 * err (in English for logs; callers show their own text by code) and out
 * left as it was.  Thread-safe with a connection of its own.
 */
int	report_round(struct db_conn *c, struct arena *a,
	    const struct report_in *in, enum report_format f, struct buf *out,
	    char *err, size_t errlen);
/* Document d as a PDF or a workbook (f), appended to out: REPORT_OK, or
 * < 0 with one line in err (REPORT_ERR_VIEW for another format). */
struct doc;
int	report_render(const struct doc *d, enum report_format f,
	    struct buf *out, char *err, size_t errlen);
/* "org — 2026-12-04": a document's subtitle, dated in Japan. */
const char *report_dated(struct doc *d, const char *org, int64_t now);
/*
 * The scatter of the company's industry (peer_scatter() dots) with the
 * company of s marked, into h: the one chart the results page and the
 * report both draw.  id, title and desc as in struct svg_scatter (desc
 * NULL: the number of companies); texts in language l, from ct.  Returns
 * the number of companies the dots stand for.
 */
long	report_scatter(struct html *h, struct arena *a,
	    const struct content *ct, enum lang l, const struct peer_stats *s,
	    const struct peer_dot *pd, size_t n, const char *id,
	    const char *title, const char *desc, bool page_font);
/* Characters of the organisation and of the title a file name keeps. */
#define REPORT_FNAME_PART	40

/* The names a download goes by: RFC 6266 wants a plain ASCII one beside
 * the one in UTF-8 (filename*). */
struct report_fname {
	const char	*ascii;	/* "mamori-round-12-2026-12-04.pdf" */
	const char	*utf8;	/* "mamori-さくら精機-第1回-2026-12-04.pdf" */
};

/*
 * The names of a file about organisation org (its name) and what (a title
 * in words; what_ascii its ASCII stand-in such as "round-12"), dated by
 * the JST day of at, with extension ext: "mamori-<org>-<what>-<day>.<ext>"
 * and "mamori-<what_ascii>-<day>.<ext>".  In org and what, characters no
 * file system or shell takes safely (/ \ : * ? " < > |, controls, text
 * direction marks, invalid UTF-8) become "_", blank runs one space, and
 * each keeps REPORT_FNAME_PART characters; an empty part is left out.
 * what_ascii must be letters, digits, '-' and '.'.  Strings in a.
 */
struct report_fname report_fname(struct arena *a, const char *org,
	    const char *what, const char *what_ascii, int64_t at,
	    const char *ext);
/* The names of the report of in's round as format f: its organisation,
 * its title and the day it closed (today while open).  REPORT_OK,
 * REPORT_ERR_NOT_FOUND or REPORT_ERR_DB. */
int	report_round_fname(struct db_conn *c, struct arena *a,
	    const struct report_in *in, enum report_format f,
	    struct report_fname *out);

#endif
