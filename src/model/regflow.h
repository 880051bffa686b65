/*
 * regflow: what carries the diagnosis into the registers (issue 12 §3,
 * §4, §6) — which diagnosis items the plan draft proposes, which
 * (asset, threat) pairs and plan sources are there already, the risk
 * register's 3×3 heat map, and which plan rows are overdue or belong in
 * the calendar.  Rows in, plain numbers and indexes out: no text, no
 * HTTP, no SQL.  Every function here is pure and thread-safe.
 *
 * Rows are those of register_list() for the register named in each
 * function (their fields found by key with register_field(), so the
 * declaration in registers.c stays the one place that orders them).
 */
#ifndef MAMORI_MODEL_REGFLOW_H
#define MAMORI_MODEL_REGFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/diag.h"
#include "model/register.h"
#include "model/risk.h"

/* An item is proposed for the plan when its mean over the respondents is
 * below this, in tenths of a point (2 points: "partly" on average). */
#define REGFLOW_WEAK_TENTHS	20

/*
 * The items (0-based) of a closed round the plan draft proposes: those
 * whose mean is below REGFLOW_WEAK_TENTHS, weakest first (the order of
 * res->weakest).  Into out[DIAG_ITEMS]; returns how many (0 when the
 * round counted no respondent).
 */
size_t		 regflow_weak_items(const struct diag_result *res,
		    int out[DIAG_ITEMS]);

/* True when some plan row of rows[0..n) has source src ("diagnosis:6",
 * "risk:12"). */
bool		 regflow_source_taken(const struct register_row *rows,
		    size_t n, const char *src);

/* True when some risk row of rows[0..n) names asset (a row id) and the
 * threat key threat. */
bool		 regflow_risk_taken(const struct register_row *rows, size_t n,
		    int64_t asset, const char *threat);

/* The risk register's heat map: risks counted by the importance of their
 * asset and their likelihood. */
struct regflow_heat {
	/* [importance − 1][likelihood − 1]: risks in that cell */
	int	 n[RISK_LEVELS][RISK_LEVELS];
	/* risks with no place on the map: their value is not worked out
	 * (the asset they name is gone, or a level is missing) */
	int	 unplaced;
	int	 total;		/* every risk row counted */
};

/*
 * Count risk rows rows[0..n) into *out.  A row's importance is its value
 * divided by its likelihood (value = importance × likelihood, both
 * derived by the engine), so the map shows the same figures as the list.
 */
void		 regflow_heat_count(const struct register_row *rows, size_t n,
		    struct regflow_heat *out);

/* Year × 12 + month − 1 of Unix time t in Japan (UTC+9). */
long		 regflow_month_of(int64_t t);
/* Year × 12 + month − 1 of a "YYYY-MM" value; -1 when it is not one. */
long		 regflow_month_index(const char *s);
/* Days in month m (1…12) of year y (Gregorian). */
int		 regflow_days_in_month(int y, int m);

/* True when plan row row is still to do: its status is not done or
 * dropped (an unset status counts as to do). */
bool		 regflow_plan_open(const struct register_row *row);

/*
 * The plan rows of rows[0..n) that are overdue at Unix time now: a
 * deadline month before the current month in Japan, still open
 * (regflow_plan_open).  Their indexes into ix[0..n), oldest deadline
 * first, then by id; returns how many.
 */
size_t		 regflow_overdue(const struct register_row *rows, size_t n,
		    int64_t now, size_t *ix);

/*
 * The plan rows of rows[0..n) the calendar shows: a deadline and still
 * open.  Their indexes into ix[0..n), by deadline, then by id; returns
 * how many.
 */
size_t		 regflow_calendar(const struct register_row *rows, size_t n,
		    size_t *ix);

#endif
