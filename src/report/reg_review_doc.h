/*
 * reg_review_doc: the regulations review as the list the programme asks
 * for (issue 12 §5, SEEDFACTS §3.3) — a workbook and an A4 portrait PDF
 * with one line for each of the twelve areas in the content pack's order
 * (its number, its name, what it covers, the state of this review, the
 * document, the owner, the next review, the notes), an area without a
 * row or without a state shown as not decided yet; then the number of
 * areas in each state, "not decided yet" included, and the total.  In
 * the workbook the state column offers the four states as a pull-down
 * list, so the sheet can be filled in by hand.  The texts are ours
 * (regform.* in content/i18n/ui.yaml, the areas and states from
 * content/registers/regulations.yaml); the web download and any other
 * caller use these functions and nothing else.
 */
#ifndef MAMORI_REPORT_REG_REVIEW_DOC_H
#define MAMORI_REPORT_REG_REVIEW_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* What to write. */
struct reg_review_doc_in {
	const struct content		*ct;	/* labels and key sets */
	enum lang			 lang;	/* the reader's language */
	const struct register_row	*rows;	/* the regulations register's
						   rows, any order;
						   reg_review_doc_file() fills
						   it */
	size_t				 n;
	const char			*org;	/* the organisation's name */
	int64_t				 now;	/* the date on the list */
};

/*
 * The state (enum reg_status) of each area from rows[0..n): RS_UNDECIDED
 * for an area without a row or whose row has no state; OUT: st.
 */
void	reg_review_doc_states(const struct register_row *rows, size_t n,
	    int st[REG_AREA__MAX]);
/* The list's document of in (rows given) into d; memory from a. */
void	reg_review_doc_build(const struct reg_review_doc_in *in,
	    struct arena *a, struct doc *d);
/*
 * Read the regulations register of organisation org through c into
 * in->rows and append the list as PDF or XLSX (f) to out.  REPORT_OK,
 * or < 0 (enum report_err) with one line in err.  Memory from a.
 */
int	reg_review_doc_file(struct db_conn *c, struct arena *a,
	    struct reg_review_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
