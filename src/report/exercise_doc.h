/*
 * exercise_doc: one tabletop exercise of an organisation read whole —
 * its row of the exercises register, its scenario (content/exercises/),
 * the answers, decisions and follow-ups, the plan rows it started — and
 * the values its scenario's placeholders take from the organisation's
 * business-continuity registers (or, where it has none, the plain words
 * exercise.ph.<key>).  The run page (pages/page_exercise.c) and the
 * exercise record, an A4 PDF, read it through these functions alone, so
 * what the group saw and what the record prints cannot differ.
 */
#ifndef MAMORI_REPORT_EXERCISE_DOC_H
#define MAMORI_REPORT_EXERCISE_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/bcpflow.h"
#include "model/exercise.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* Who reads, and when. */
struct exercise_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the date on the record */
};

/* One exercise as read. */
struct exercise_view {
	struct register_row	 row;	/* its row of the exercises register */
	/* its scenario; NULL when the pack no longer has it */
	const struct exercise_scenario *sc;
	int			 status;	/* enum exercise_status; -1 unset */
	const char		*held_on;	/* "YYYY-MM-DD" or "" */
	const char		*facilitator;	/* "" when not set */
	const char		*decisions_text, *followups_text;	/* "" */
	struct exercise_answers	 ans;
	/* the lines of participants, decisions and follow-ups
	 * (exercise_lines) */
	const char		**participants, **decisions, **followups;
	size_t			 np, nd, nf;
	/* the plan rows whose source is this exercise's, by id */
	struct register_row	*plan;
	size_t			 nplan;
	/* what each placeholder reads as for this organisation */
	const char		*value[EXPH__MAX];
};

/*
 * The placeholder values for an organisation named org with the
 * business-continuity data x, in language l: from the registers where
 * they say something, else the fallback words exercise.ph.<key>.  Lists
 * name at most EXERCISE_DOC_NAMES entries, then "and N more".  Strings in
 * a.
 */
#define EXERCISE_DOC_NAMES	8
void	exercise_doc_values(const struct content *ct, enum lang l,
	    const char *org, const struct bcp_all *x, struct arena *a,
	    const char *value[EXPH__MAX]);

/*
 * Read exercise id of organisation org through c into *v (in a), at
 * in->now.  REPORT_OK, REPORT_ERR_NOT_FOUND (no such row in org) or
 * REPORT_ERR_DB.
 */
int	exercise_doc_read(struct db_conn *c, struct arena *a,
	    const struct exercise_doc_in *in, int64_t org, int64_t id,
	    struct exercise_view *v);

/* The record of v into d (A4 portrait); memory from a. */
void	exercise_doc_build(const struct exercise_doc_in *in,
	    const struct exercise_view *v, struct arena *a, struct doc *d);

/*
 * Read exercise id of org and append its record as a PDF to out (the
 * only format: REPORT_ERR_VIEW for another).  REPORT_OK or < 0 (enum
 * report_err) with one line in err.  Memory from a.
 */
int	exercise_doc_file(struct db_conn *c, struct arena *a,
	    const struct exercise_doc_in *in, int64_t org, int64_t id,
	    enum report_format f, struct buf *out, char *err, size_t errlen);

#endif
