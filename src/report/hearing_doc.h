/*
 * hearing_doc: the advisor's hearing sheet as an A4 PDF (a section per
 * part of the sheet, each a table of two columns: the item, and the
 * result with the points to consider) or a workbook of one sheet
 * (columns item · result · points to consider · visit · state), and the
 * confidentiality pledge as an A4 PDF (addressee, date, the five
 * undertakings, the advisor's name and a box to sign or seal, the copy
 * to the programme office).  Texts from content/hearing.yaml,
 * content/pledge.yaml and hearing.* of the interface texts.
 */
#ifndef MAMORI_REPORT_HEARING_DOC_H
#define MAMORI_REPORT_HEARING_DOC_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/hearing.h"
#include "render/doc.h"
#include "report/report.h"

/* Who reads, and when. */
struct hearing_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the date on the sheet */
};

/* The sheet with the answers rows[0..n) (hearing_read) into d (memory
 * from a). */
void	hearing_doc_build(const struct hearing_doc_in *in,
	    const struct hearing_answer *rows, size_t n, struct arena *a,
	    struct doc *d);
/* Read org's answers through c and append the sheet as f (pdf or xlsx)
 * to out.  REPORT_OK or < 0 with one line in err. */
int	hearing_doc_file(struct db_conn *c, struct arena *a,
	    const struct hearing_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

/* The pledge of advisor name on date (YYYY-MM-DD) into d. */
void	hearing_pledge_build(const struct hearing_doc_in *in,
	    const char *name, const char *date, struct arena *a,
	    struct doc *d);
/* The pledge as a PDF appended to out (f must be pdf: REPORT_ERR_VIEW
 * otherwise).  REPORT_OK or < 0 with one line in err. */
int	hearing_pledge_file(const struct hearing_doc_in *in, const char *name,
	    const char *date, enum report_format f, struct buf *out, char *err,
	    size_t errlen);
/* The recorded pledge id of org, read through c, as hearing_pledge_file
 * makes it; REPORT_ERR_NOT_FOUND when org has none such. */
int	hearing_pledge_file_id(struct db_conn *c, struct arena *a,
	    const struct hearing_doc_in *in, int64_t org, int64_t id,
	    enum report_format f, struct buf *out, char *err, size_t errlen);

#endif
