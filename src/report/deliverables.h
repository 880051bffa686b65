/*
 * deliverables: every deliverable of an advisor's programme in one zip
 * (issue 15, SEEDFACTS §6.5), made by the same code as each single
 * download: the final report (final_doc), the diagnosis report of the
 * latest closed round as PDF and workbook (report_round, in the view of
 * whoever asks), the latest approved basic policy (report_policy_pdf),
 * the regulations review list (reg_review_doc, workbook), the action plan
 * in the programme office's form (plan_doc, workbook), the hearing sheet
 * as PDF and workbook and each recorded pledge (hearing_doc), each held
 * visit's implementation report (programme_doc), and the inventories'
 * workbook (inventory_doc).  Entries are named in ASCII and numbered in
 * that order ("01-final-report.pdf"…); README.txt, in the reader's
 * language, lists what the zip holds and what it lacks and why.
 */
#ifndef MAMORI_REPORT_DELIVERABLES_H
#define MAMORI_REPORT_DELIVERABLES_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "report/report.h"

/* Who asks, and when. */
struct deliverables_in {
	const struct content	*ct;
	enum lang		 lang;	/* the reader's language */
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the day on every document */
	const char		*base_url; /* before the policy's public
					   address, no trailing slash */
	enum report_view	 view;	/* the diagnosis report's reader */
};

/*
 * Read org's programme and everything it delivered through c and append
 * the zip to out (memory from a).  REPORT_OK, REPORT_ERR_NOT_FOUND (no
 * engagement) or < 0 with one line in err; out is left as it was on
 * error.
 */
int	deliverables_zip(struct db_conn *c, struct arena *a,
	    const struct deliverables_in *in, int64_t org, struct buf *out,
	    char *err, size_t errlen);

#endif
