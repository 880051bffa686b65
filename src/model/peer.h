/*
 * peer: how a company stands among companies like it, kept up to date as
 * rounds close so that asking costs no scan of the instance.
 *
 * A cohort is a JSIC division × an employee band.  org_latest holds each
 * organisation's latest closed round with answers; cohort_stats the count
 * and sums (score, score², part and item means) of its cohort, of its
 * division across all sizes (band "*") and of everyone ("*", "*"), and
 * cohort_hist the same groups' score histograms.  Closing a
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

/* Which companies a comparison is made with. */
enum peer_scope {
	PEER_COHORT,	/* the same JSIC division and employee band */
	PEER_INDUSTRY,	/* the same division, every size */
	PEER_ALL,	/* every company of the instance */
	PEER_SCOPE__MAX
};

/* Fewer companies than this are never shown as a comparison. */
#define PEER_MIN	5

struct peer_stats {
	bool		 has;		/* the organisation has figures */
	enum peer_scope	 scope;		/* whom the figures compare with */
	const char	*industry;	/* its cohort */
	const char	*employees;
	int64_t		 round_id;	/* the round the figures come from */
	bool		 shared;	/* its figures count for others (it has
					   not opted out) */
	long		 score_tenths;	/* its company score ×10 */
	long		 own_part_tenths[DIAG_PARTS];	/* its part means ×10 */
	long		 own_item_tenths[DIAG_ITEMS];	/* its item means ×10 */
	int64_t		 n;		/* companies in the cohort, itself included */
	long		 mean_tenths;	/* cohort mean score ×10 */
	long		 sd_tenths;	/* population standard deviation ×10 */
	/* share of the cohort scoring lower, ties counted half, ×10
	 * (0..1000: 734 = 73.4 %) */
	long		 percentile_tenths;
	/* deviation score 50 + 10 (x − mean) / sd, ×10; 500 when sd is 0 */
	long		 deviation_tenths;
	long		 part_mean_tenths[DIAG_PARTS];	/* cohort, points ×10 */
	/* cohort, on the 100-point scale (points × 25) ×10: the mean of
	 * the companies' part means, rounded once */
	long		 part_on100_tenths[DIAG_PARTS];
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

/*
 * Round round_id of organisation org_id was opened again: when it is the
 * round the organisation's figures come from, they are taken out of every
 * group and the organisation has none until a round closes again.  Call
 * inside the transaction that reopened the round.  DB_OK or < 0.
 */
int	peer_round_reopened(struct db_conn *c, struct arena *a, int64_t org_id,
	    int64_t round_id);

/*
 * Loading the figures of many organisations at once, for tools that fill
 * an instance (bench/scale.c): peer_load_add writes what
 * peer_round_closed would for an organisation that has no figures yet,
 * but gathers the cohort sums and histograms in l; peer_load_finish adds
 * them to the stored ones, a few hundred rows however many were loaded.
 * Until then the loaded figures count for no one: run the adds and the
 * finish in one transaction when others read the instance meanwhile.
 * l is not thread-safe.
 */
struct peer_load;

/* An empty load; the caller frees it with peer_load_free (NULL is
 * fine). */
struct peer_load	*peer_load_new(void);
void	peer_load_free(struct peer_load *l);
/* As peer_round_closed, into l.  DB_E_CONSTRAINT when o has figures
 * already or res->company_tenths is outside −250…1000 (nothing written);
 * other errors < 0.  The text written is in a. */
int	peer_load_add(struct db_conn *c, struct arena *a, struct peer_load *l,
	    const struct org *o, int64_t round_id, int64_t closed_at,
	    const struct diag_result *res);
/* Add what l gathered to the cohort sums and histograms and empty l.
 * DB_OK or < 0 (then l is kept as it was: free it). */
int	peer_load_finish(struct db_conn *c, struct arena *a,
	    struct peer_load *l);

/* The statistics of organisation org_id among the companies of scope.
 * DB_OK (out->has false when it has no closed round with answers yet) or
 * < 0. */
int	peer_stats_in(struct db_conn *c, struct arena *a, int64_t org_id,
	    enum peer_scope scope, struct peer_stats *out);
/* The comparison to show: its cohort, or, while that has fewer than
 * PEER_MIN companies, its whole industry, then the whole instance.
 * out->has is false when even that is too small (or it has no figures):
 * a group smaller than PEER_MIN is never shown. */
int	peer_stats(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct peer_stats *out);

/*
 * Organisation org_id keeps (share true) or takes its figures out of the
 * statistics others see, now and for the rounds it closes later.  Its own
 * comparison stays available either way.  Runs in its own transaction;
 * DB_OK or < 0 (nothing changed).
 */
int	peer_set_share(struct db_conn *c, struct arena *a, int64_t org_id,
	    bool share);

/* Companies of one employee band scoring the same, for a scatter chart. */
struct peer_dot {
	const char	*employees;	/* band key */
	long		 score_tenths;
	int64_t		 n;
};

/*
 * Every company of industry by employee band and score, from the
 * histograms (no scan of the organisations).  A band with fewer than
 * PEER_MIN companies is left out, so that no dot can be told to be one
 * known company; *hidden counts the companies left out that way.  The
 * dots are in a (band, then score order).  DB_OK or < 0.
 */
int	peer_scatter(struct db_conn *c, struct arena *a, const char *industry,
	    struct peer_dot **out, size_t *n, int64_t *hidden);

#endif
