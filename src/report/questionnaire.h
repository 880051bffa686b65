/*
 * questionnaire: the diagnosis on paper, for those who answer with a pen.
 * One builder fills a format-neutral document (render/doc.h) that the PDF
 * renderer prints on A4: the company, the round and its deadline, the
 * shared link as text and as a QR code, a short instruction, a line for
 * the name and boxes for the position, then the 25 questions of the
 * content pack part by part, each with a box before each of the four
 * answers (the pack's labels), never split across pages.  The answers come
 * back through the CSV import (model/diag_csv.h), whose template
 * report_questionnaire_csv() writes.  The web download and `mamori export
 * questionnaire` call the same functions.
 */
#ifndef MAMORI_REPORT_QUESTIONNAIRE_H
#define MAMORI_REPORT_QUESTIONNAIRE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "render/doc.h"

/* What to print; every text already as it should read.  Read only. */
struct questionnaire_in {
	const struct content	*ct;	/* loaded content packs */
	enum lang		 lang;	/* the reader's language */
	const char		*org_name;	/* the company; NULL or "" for none */
	const char		*round_title;	/* NULL or "" for none */
	const char		*deadline;	/* YYYY-MM-DD, or NULL / "" for none */
	/* the round's shared link, printed as text and as a QR code; NULL
	 * or "" leaves the online part out */
	const char		*url;
};

/*
 * Fill in's company, round, deadline and link (the shared link under base,
 * "http://host:port" without a slash, signed with secret) from round
 * round_id of org_id (0: whichever organisation has it, for the CLI),
 * the strings in a; in->ct and in->lang are left to the caller.
 * REPORT_OK, REPORT_ERR_NOT_FOUND or REPORT_ERR_DB.  Open and closed
 * rounds alike.
 */
int	report_questionnaire_in(struct db_conn *c, struct arena *a,
	    int64_t org_id, int64_t round_id, const char *base,
	    const unsigned char *secret, struct questionnaire_in *in);
/*
 * Fill d (memory from a) with the questionnaire of in.  Always succeeds:
 * a link too long for a QR code is printed as text only.  Thread-safe.
 */
void	report_questionnaire_doc(const struct questionnaire_in *in,
	    struct arena *a, struct doc *d);
/*
 * The questionnaire as a PDF appended to out: REPORT_OK, or
 * REPORT_ERR_FONT / REPORT_ERR_RENDER (report/report.h) with one line in
 * err (OUT, errlen bytes) and out as it was.  Thread-safe.
 */
int	report_questionnaire_pdf(const struct questionnaire_in *in,
	    struct buf *out, char *err, size_t errlen);
/*
 * The CSV template of the import format appended to out: a UTF-8 BOM (for
 * Excel), the header name,role,q1..q25, a note on the codes and a
 * commented example row, both lines starting with '#' so that the
 * importer skips them.  Filled with one line a person it imports as it
 * is; as downloaded it has no respondent, which the importer refuses with
 * its "no respondents" error.  CRLF line ends.  Only in->ct and in->lang
 * are read.
 */
void	report_questionnaire_csv(const struct questionnaire_in *in,
	    struct buf *out);
/*
 * A day as people write it: "2025年6月30日（月）" / "Monday 30 June 2025"
 * for a valid YYYY-MM-DD (policy_date_ok()), else NULL.  In a.
 */
const char *report_day(struct arena *a, const char *date, enum lang l);

#endif
