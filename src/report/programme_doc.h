/*
 * programme_doc: the implementation report of one visit of an advisor's
 * programme (issue 15), an A4 PDF for the programme office made from the
 * visit's record: the company, the advisor, the programme and the day;
 * who attended and how (online or on site); the agenda with its times
 * and the notes of each point; the decisions; the homework agreed, for
 * the company and for the advisor, with due dates; the state of the
 * deliverables the visit produces; and the next visit's planned day.
 * Texts: prog.pdf.* and prog.* in content/i18n/ui.yaml.
 */
#ifndef MAMORI_REPORT_PROGRAMME_DOC_H
#define MAMORI_REPORT_PROGRAMME_DOC_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/engagement.h"
#include "render/doc.h"
#include "report/report.h"

/* Who reads, and when. */
struct programme_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the date on the PDF */
};

/* The report of visit n (1-based, within ev's visits) of ev, whose
 * template is p, into d (memory from a). */
void	programme_doc_build(const struct programme_doc_in *in,
	    const struct engagement_view *ev, const struct programme *p, int n,
	    struct arena *a, struct doc *d);

/* Read org's engagement and append visit n's report as a PDF to out (the
 * only format: REPORT_ERR_VIEW for another).  REPORT_OK,
 * REPORT_ERR_NOT_FOUND (no engagement, no such visit, or its template
 * gone) or < 0, with one line in err. */
int	programme_doc_file(struct db_conn *c, struct arena *a,
	    const struct programme_doc_in *in, int64_t org, int n,
	    enum report_format f, struct buf *out, char *err, size_t errlen);

#endif
