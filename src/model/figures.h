/*
 * figures: the few numbers per organisation that an advisor's portfolio
 * (issue 15), and later the programme office, reads for many
 * organisations at once — kept in one row of org_figures each, worked out
 * again by figures_refresh whenever what they come from changes (a round
 * closed, reopened or its answers changed; a plan or incident row written;
 * a SECURITY ACTION principle or the policy changed), so that reading
 * them for hundreds of clients is one indexed read.  Also the portfolio
 * itself: the advisor's clients with these figures and their programme.
 *
 * Days are "YYYY-MM-DD" text (Japan time), "" when unset; they compare as
 * text.  Functions with a connection run on the caller's thread and
 * connection; the others are pure.
 */
#ifndef MAMORI_MODEL_FIGURES_H
#define MAMORI_MODEL_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

#define FIGURES_DAY_LEN		10	/* "YYYY-MM-DD" */
#define FIGURES_FOLLOW_MONTHS	6	/* a follow-up is due this many
					   months after the last visit */

/* One organisation's row of org_figures. */
struct figures {
	bool	 has_score;		/* a closed round with answers */
	long	 score_tenths;		/* its company score ×10 */
	bool	 has_prev;		/* a closed round with answers before */
	long	 prev_score_tenths;	/* its company score ×10 */
	int	 stars;			/* SECURITY ACTION stars, 0…2 */
	long	 plan_total;		/* rows of the plan register */
	long	 plan_done;		/* of them, done */
	const char *plan_open_dues;	/* due days of the open rows, sorted,
					   comma separated ("" none) */
	long	 incidents_open;	/* incidents not closed */
};

/*
 * Work organisation org's figures out again from its data and store them
 * (now: Unix time), inside the caller's transaction when there is one.
 * The score is the one org_latest holds; the previous score that of the
 * newest closed round with answers before it.  DB_OK or < 0.
 */
int	figures_refresh(struct db_conn *c, int64_t org, int64_t now);
/* figures_refresh for every organisation that has no row yet (run once
 * at start; a second run finds none).  *n how many were filled (may be
 * NULL).  DB_OK or < 0. */
int	figures_backfill(struct db_conn *c, int64_t now, size_t *n);
/* Store f as org's row as it is (bench/scale.c fills many at once).
 * DB_OK or < 0. */
int	figures_put(struct db_conn *c, int64_t org, const struct figures *f,
	    int64_t now);

/* How many of the due days in dues (figures.plan_open_dues) are before
 * today, i.e. late on today.  Pure. */
long	figures_late(const char *dues, const char *today);
/* The day a plan row with deadline month ym ("YYYY-MM") is due: the last
 * day of that month, into out.  False when ym is no month.  Pure. */
bool	figures_month_due(const char *ym, char out[FIGURES_DAY_LEN + 1]);
/* The day a follow-up is due after the visit held on held: the same day
 * FIGURES_FOLLOW_MONTHS months later, or the last day of that month when
 * it is shorter.  False when held is no day.  Pure. */
bool	figures_follow_up(const char *held, char out[FIGURES_DAY_LEN + 1]);

/* ---- the portfolio ---- */

/* A client's programme stage. */
enum figures_stage {
	FIG_STAGE_NONE,		/* no programme */
	FIG_STAGE_RUNNING,	/* visits held < visits */
	FIG_STAGE_FINISHED,	/* every visit held */
	FIG_STAGE__MAX
};

/* The columns the portfolio sorts by. */
enum figures_col {
	FIG_COL_NAME,
	FIG_COL_STAGE,
	FIG_COL_NEXT,		/* next visit day */
	FIG_COL_OVERDUE,	/* overdue homework, both sides */
	FIG_COL_SCORE,
	FIG_COL_CHANGE,
	FIG_COL_STARS,
	FIG_COL_PLAN,		/* plan progress, done / total */
	FIG_COL_LATE,		/* late plan rows */
	FIG_COL_INCIDENTS,
	FIG_COL_FOLLOW,		/* follow-up day */
	FIG_COL__MAX
};

/* The filters the portfolio takes. */
struct figures_filter {
	int		 stage;		/* enum figures_stage, -1: any */
	bool		 overdue;	/* only with overdue homework */
	bool		 follow_due;	/* only with a follow-up due */
	const char	*q;		/* words in the name ("" or NULL: any) */
};

/* One client of the portfolio. */
struct figures_client {
	int64_t		 id;		/* the organisation's id */
	const char	*name;
	const char	*role;		/* the user's member role, "" none */
	struct figures	 f;		/* its stored figures (zero: none) */
	enum figures_stage stage;
	long		 visits;	/* visits of its programme */
	long		 held;		/* of them, held */
	const char	*next_visit;	/* planned day of the first visit not
					   held, "" none */
	const char	*last_held;	/* day of the last visit held, "" */
	const char	*follow_up;	/* follow-up day, "" when no visit was
					   held */
	bool		 follow_due;	/* today is on or after follow_up */
	long		 hw_company;	/* the company's overdue homework */
	long		 hw_advisor;	/* the advisor's overdue homework */
	long		 plan_late;	/* open plan rows late on today */
};

/* Keys of the sort columns and stages ("name", "stage"… / "none",
 * "running", "finished") and back (-1: none). */
const char	*figures_col_key(enum figures_col c);
int		 figures_col_of(const char *key);
const char	*figures_stage_key(enum figures_stage s);
int		 figures_stage_of(const char *key);

/*
 * The clients of user_id (every organisation when all: the instance
 * admin; else those where the user is an advisor member) with their
 * figures and programme on today, in one read, by name.  Strings in a.
 * DB_OK or < 0.
 */
int	figures_portfolio(struct db_conn *c, struct arena *a, int64_t user_id,
	    bool all, const char *today, struct figures_client **out,
	    size_t *n);
/* Keep the clients of v[0..*n) that pass flt, in order.  Pure. */
void	figures_filter(struct figures_client *v, size_t *n,
	    const struct figures_filter *flt);
/* Sort v[0..n) by col (desc: highest first), then by name and id;
 * unknown values (no score, no next visit…) last either way.  Pure. */
void	figures_sort(struct figures_client *v, size_t n, enum figures_col col,
	    bool desc);

#endif
