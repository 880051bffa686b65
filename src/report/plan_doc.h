/*
 * plan_doc: the action plan in the programme's own one-sheet form
 * (issue 12 §4, SEEDFACTS §2.1) — a workbook and an A4 landscape PDF whose
 * columns are the form's, in the form's order (area, where things stand,
 * the measure, the new-ways-of-working tick, urgency, importance,
 * difficulty, the decision, the deadline, the concerns), then ours for
 * tracking (priority, owner, status).  Rows come grouped by area in the
 * form's order, under a heading row for each of the four areas, present
 * even when the area has no row (the paper form prints all four), and
 * within an area by points, highest first (ties by id).  The headings
 * are ours (planform.* in content/i18n/ui.yaml); the web download and
 * any other caller use these two functions and nothing else.
 */
#ifndef MAMORI_REPORT_PLAN_DOC_H
#define MAMORI_REPORT_PLAN_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* What to write. */
struct plan_doc_in {
	const struct content		*ct;	/* labels and key sets */
	enum lang			 lang;	/* the reader's language */
	const struct register_row	*rows;	/* the plan's rows, any order;
						   plan_doc_file() fills it */
	size_t				 n;
	const char			*org;	/* the organisation's name */
	int64_t				 now;	/* the date on the sheet */
};

/* The form's document of in (rows given) into d; memory from a.  d is
 * landscape. */
void	plan_doc_build(const struct plan_doc_in *in, struct arena *a,
	    struct doc *d);
/*
 * Read the plan of organisation org through c into in->rows and append
 * the form as PDF or XLSX (f) to out.  REPORT_OK,
 * or < 0 (enum report_err) with one line in err.  Memory from a.
 */
int	plan_doc_file(struct db_conn *c, struct arena *a,
	    struct plan_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
