/*
 * board_doc: the board one-pager (issue 16) — one A4 page per
 * organisation that puts what mamori holds in front of the owner: the
 * company score of the latest closed round and its trend, the peer
 * position, the SECURITY ACTION state, the top risks, plan progress, BCP
 * readiness, open incidents and their report deadlines, the expected
 * damage of the worst scenario, and the weakest department — each block
 * with one line of plain advice (board.advice.* in content/i18n/ui.yaml,
 * chosen by the rules written in docs/user/board.md).
 *
 * board_doc_read() gathers the figures through the same model functions
 * the pages use (round answers with diag_compute, peer_stats, sa_load,
 * the risk, plan and incident registers, bcpflow_read, appi_due);
 * board_doc_build() only lays them out, so a test may compute every
 * figure on its own and look for it in the text of the PDF.
 */
#ifndef MAMORI_REPORT_BOARD_DOC_H
#define MAMORI_REPORT_BOARD_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/peer.h"
#include "model/readiness.h"
#include "render/doc.h"
#include "report/report.h"

#define BOARD_TREND	5	/* closed rounds in the trend */
#define BOARD_RISKS	5	/* risks listed */
#define BOARD_LATE	3	/* late plan rows named */
#define BOARD_NAMES	3	/* processes named per BCP line */
#define BOARD_DEADLINES	3	/* report deadlines listed */

/* Who reads, and when. */
struct board_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 org_id;	/* for the links it prints */
	/* the instance's address ("https://…"), printed before those
	 * links' paths; NULL or "": the paths alone */
	const char		*base;
	int64_t			 now;	/* the date on the page */
};

/* One risk of the top list. */
struct board_risk {
	const char	*name;		/* its asset's name */
	const char	*threat;	/* its threat's label */
	long		 value;		/* its risk value */
	const char	*treatment;	/* label, or "" when not chosen */
};

/* One report deadline of an open incident. */
struct board_deadline {
	const char	*summary;	/* the incident's summary */
	const char	*day;		/* "YYYY-MM-DD" (Japan) */
	bool		 final;		/* the final report (else the
					   preliminary one) */
	long		 left;		/* days from today; < 0 overdue */
};

/* Everything the page shows; strings in the arena given to the read. */
struct board_view {
	/* the company scores (×10) of the last closed rounds with answers,
	 * oldest first; the last is the latest */
	size_t		 nscores;
	long		 score_tenths[BOARD_TREND];
	const char	*score_day[BOARD_TREND];	/* closing day */
	struct peer_stats peer;		/* .has false: none to show */
	struct sa_state	 sa;
	int		 stars;		/* 0…2 */
	size_t		 nrisks_all;	/* rows of the risk register */
	size_t		 nrisks;
	struct board_risk risk[BOARD_RISKS];	/* highest value first */
	long		 plan_total, plan_done, plan_late;
	size_t		 nlate;
	const char	*late[BOARD_LATE];	/* measures of late rows */
	long		 s_total;	/* processes of priority S */
	long		 s_untested;	/* of them, without a tested backup */
	const char	*s_names;	/* some of those, joined, or NULL */
	long		 rto_miss;	/* processes whose recovery misses RTO */
	const char	*rto_names;	/* some of those, joined, or NULL */
	long		 inc_open;	/* incidents not closed */
	size_t		 ndl;
	struct board_deadline dl[BOARD_DEADLINES];	/* soonest first */
	/* the worst saved damage estimate in yen, -1: none yet */
	int64_t		 worst_yen;
	const char	*worst_name;	/* its scenario's name, or NULL */
	long long	 worst_ppm;	/* its share of the sales it was made
					   with, per million; -1 unknown */
	/* the department with the lowest mean score among those with
	 * enough respondents to show, NULL: none */
	const char	*dept;
	long		 dept_tenths;
};

/* Read organisation org's figures through c into *v (in a), at in->now.
 * REPORT_OK or REPORT_ERR_DB. */
int	board_doc_read(struct db_conn *c, struct arena *a,
	    const struct board_doc_in *in, int64_t org, struct board_view *v);

/* The one page of v into d; memory from a. */
void	board_doc_build(const struct board_doc_in *in,
	    const struct board_view *v, struct arena *a, struct doc *d);

/*
 * Read org and append its one-pager as a PDF to out (the only format:
 * REPORT_ERR_VIEW for another).  REPORT_OK or < 0 (enum report_err) with
 * one line in err.  Memory from a.
 */
int	board_doc_file(struct db_conn *c, struct arena *a,
	    const struct board_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
