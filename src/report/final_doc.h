/*
 * final_doc: the final report of an advisor's programme (issue 15,
 * SEEDFACTS §6.5), an A4 PDF that gathers the engagement: the company's
 * profile; the visits held (day, online or on site, who came) and those
 * still planned; the diagnosis before and after — the first closed round
 * on or after the day the engagement opened (or, with none, the latest
 * closed before it) and the latest closed round — with the company score,
 * the three part scores and their change, every figure from diag_compute
 * as the results page shows it; the basic policy (approved on, published
 * or not and where); the regulations review's state per area; the action
 * plan's rows by area with their status and done/total; the SECURITY
 * ACTION two-star application (done on, or planned for); the
 * deliverables' states; and the advisor's summary.  A part without data
 * says so in words.  Texts: prog.fin.* and others in content/i18n/ui.yaml.
 */
#ifndef MAMORI_REPORT_FINAL_DOC_H
#define MAMORI_REPORT_FINAL_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/diag.h"
#include "model/engagement.h"
#include "model/org.h"
#include "model/policy.h"
#include "model/register.h"
#include "model/round.h"
#include "render/doc.h"
#include "report/report.h"

/* Who reads, and when. */
struct final_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the date on the report */
	const char		*base_url; /* "https://…" before a public
					   address, no trailing slash */
};

/* One diagnosis of the report: its round and its figures. */
struct final_diag {
	bool			 has;	/* false: no such round */
	struct round		 round;	/* id, title, closed_at */
	struct diag_result	 res;	/* diag_compute of its answers */
};

/* Everything the report says, as read (final_doc_read). */
struct final_facts {
	struct engagement_view	 ev;	/* the engagement */
	const struct programme	*p;	/* its template */
	struct org		 o;	/* the organisation */
	struct final_diag	 before, after;	/* the two diagnoses; the
						   same round when only one */
	bool			 has_policy;	/* an approved version */
	struct policy_version	 policy;	/* the latest approved one */
	struct policy_pub	 pub;		/* its publication */
	size_t			 nreg;		/* regulations register rows */
	int			 reg_st[REG_AREA__MAX];	/* enum reg_status */
	struct register_row	*plan;		/* the plan's rows */
	size_t			 nplan;
	size_t			 plan_done[PLAN_AREA__MAX];
	size_t			 plan_total[PLAN_AREA__MAX];
};

/*
 * Read org's engagement and everything the report says into *out (memory
 * from a) through c.  REPORT_OK, REPORT_ERR_NOT_FOUND (no engagement or
 * its template gone) or REPORT_ERR_DB, with one line in err.
 */
int	final_doc_read(struct db_conn *c, struct arena *a,
	    const struct final_doc_in *in, int64_t org,
	    struct final_facts *out, char *err, size_t errlen);
/* The report of fx into d (memory from a). */
void	final_doc_build(const struct final_doc_in *in,
	    const struct final_facts *fx, struct arena *a, struct doc *d);
/* Read and append the report as a PDF to out (the only format:
 * REPORT_ERR_VIEW for another).  REPORT_OK or < 0 with one line in err. */
int	final_doc_file(struct db_conn *c, struct arena *a,
	    const struct final_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

/*
 * The diagnoses a final report compares, of rounds[0..n) (open ones left
 * out): *before the one the programme starts from — the latest closed by
 * the end of the first visit's day first_day (Japan days; the diagnosis
 * made to prepare that visit, or on the spot), else the first closed
 * after it — and *after the latest closed.  Either NULL when there is
 * none; the same round when only one counts.
 */
void	final_pick_rounds(const struct round *rounds, size_t n,
	    const char *first_day, const struct round **before,
	    const struct round **after);

#endif
