/*
 * peer: how a company stands among companies like it, kept up to date as
 * rounds close so that asking costs no scan of the instance.
 *
 * A cohort is a JSIC division × an employee band.  org_latest holds each
 * organisation's latest closed round with answers; cohort_stats the count
 * and sums of its cohort (score, score², part and item means).  Closing a
 * round moves the organisation's contribution from its old figures to its
 * new ones; one company's statistics are then two keyed reads and a sum
 * over at most 1,251 rows of the cohort's score histogram.
 */
#ifndef MAMORI_MODEL_PEER_H
#define MAMORI_MODEL_PEER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/diag.h"
#include "model/org.h"

struct peer_stats {
	bool		 has;		/* the organisation has figures */
	const char	*industry;	/* its cohort */
	const char	*employees;
	int64_t		 round_id;	/* the round the figures come from */
	long		 score_tenths;	/* its company score ×10 */
	int64_t		 n;		/* companies in the cohort, itself included */
	long		 mean_tenths;	/* cohort mean score ×10 */
	long		 sd_tenths;	/* population standard deviation ×10 */
	/* share of the cohort scoring lower, ties counted half, ×10
	 * (0..1000: 734 = 73.4 %) */
	long		 percentile_tenths;
	/* deviation score 50 + 10 (x − mean) / sd, ×10; 500 when sd is 0 */
	long		 deviation_tenths;
	long		 part_mean_tenths[DIAG_PARTS];	/* cohort, points ×10 */
	long		 item_mean_tenths[DIAG_ITEMS];
};

/*
 * Round round_id of organisation o closed with results res (computed from
 * its complete respondents) at closed_at.  Makes it the organisation's
 * latest unless a later round already is, and moves its contribution in
 * the cohort sums.  Call inside the transaction that closed the round, so
 * both or neither happen.  DB_OK or < 0.
 */
int	peer_round_closed(struct db_conn *c, struct arena *a,
	    const struct org *o, int64_t round_id, int64_t closed_at,
	    const struct diag_result *res);

/* The statistics of organisation org_id in its cohort.  DB_OK (out->has
 * false when it has no closed round with answers yet) or < 0. */
int	peer_stats(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct peer_stats *out);

#endif
