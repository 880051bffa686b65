/*
 * keizoku_doc: a draft of the IT part of the SME continuity-plan
 * certification form (事業継続力強化計画, issue 13), as a workbook the
 * company copies from and an A4 landscape PDF of the same.
 *
 * Six sections, one sheet each, in the order public guidance on the
 * form gives: 1 the business overview (the profile, a row for the
 * company's role in its supply chain, its S and A processes as the core
 * work); 2 the assumed disasters and their impact on people, things,
 * money and information; 3 the initial response (people's safety, the
 * emergency structure, grasping and sharing the damage: what, when, what
 * is prepared beforehand), with the provisional recovery steps and the
 * processes' target recovery times; 4 the measures for people, things,
 * money and information (plan rows and the systems' 3-2-1 state, done or
 * to do); 5 the standing structure led by management; 6 training and
 * review at least once a year (an `exercises` register when there is
 * one, and the five maintenance activities with dates).
 *
 * Every row says where its content comes from in mamori, or that the
 * company fills it in (those cells begin with a mark and are tinted).
 * The first sheet says plainly that this is a draft to check against the
 * current official form.  Which plan area goes to which resource, and
 * the suggested wording, are ours (keizoku.* in content/i18n/ui.yaml).
 */
#ifndef MAMORI_REPORT_KEIZOKU_DOC_H
#define MAMORI_REPORT_KEIZOKU_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/bcpflow.h"
#include "model/org.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* What to write. */
struct keizoku_doc_in {
	const struct content	*ct;	/* labels, key sets, the bcp pack */
	enum lang		 lang;	/* the reader's language */
	const char		*org;	/* the organisation's name (when prof
					   is NULL, or its name is empty) */
	int64_t			 now;	/* the date on the sheet, Unix time */
	/* keizoku_doc_file() fills the rest */
	const struct org	*prof;	/* the profile, or NULL */
	const struct bcp_all	*bcp;	/* bcpflow_read(), or NULL: none */
	const struct register_row *plan;	/* the plan's rows */
	size_t			 nplan;
	/* the exercises register and its rows; NULL when mamori has none */
	const struct register_decl *exd;
	const struct register_row *ex;
	size_t			 nex;
};

/* The draft of in into d; memory from a.  d is landscape; any of in's
 * lists may be empty (the rows then ask the company to fill them). */
void	keizoku_doc_build(const struct keizoku_doc_in *in, struct arena *a,
	    struct doc *d);
/*
 * Read the profile, the continuity registers (bcpflow_read), the plan
 * and, when there is such a register, the exercises of organisation org
 * through c into in, and append the draft as PDF or XLSX (f) to out.
 * REPORT_OK, or < 0 (enum report_err) with one line in err.  Memory
 * from a.
 */
int	keizoku_doc_file(struct db_conn *c, struct arena *a,
	    struct keizoku_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
