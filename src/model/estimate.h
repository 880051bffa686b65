/*
 * estimate: what an incident would cost a company (issue 16) — the damage
 * lines of a scenario preset, worked out from the company's own sales,
 * staff, records held and days of outage.
 *
 * The presets and their rules are data (content/damage.yaml, loaded by
 * content/damage.c into struct estimate_preset): each damage category of
 * a preset has one rule, a fixed amount, a rate (a fraction of the product
 * of some inputs) or steps (an amount by the band an input falls in).
 * The seeds give two worked examples and nothing else; the rules that
 * scale them are mamori's own, chosen so that at the seeds' own inputs
 * each preset gives the seeds' lines exactly.
 *
 * Arithmetic is in whole yen.  A rate line is num × (product of its
 * inputs) / den, worked out exactly in 128 bits and rounded to the nearest
 * yen, halves up; the total is the sum of the lines as rounded.  The share
 * of sales is in parts per million (total × 1,000,000 / sales, rounded the
 * same way).  The pack loader checks that no rule can pass
 * ESTIMATE_LINE_MAX at the largest inputs, so no sum overflows.
 *
 * estimate.c is pure (no database, no I/O; thread-safe).  estimate_db.c
 * keeps an organisation's saved estimates and its money figures
 * (org_estimates, org_estimate_money: sql/…/0023_estimates.sql); its
 * functions run on the caller's connection, writes in their own
 * transaction (db_write).
 */
#ifndef MAMORI_MODEL_ESTIMATE_H
#define MAMORI_MODEL_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* The damage categories (SEEDFACTS §7.1–7.2), in the order lines show. */
enum estimate_cat {
	EST_CAT_COMPENSATION,	/* "compensation": paid to those harmed */
	EST_CAT_LITIGATION,	/* "litigation": lawsuit costs */
	EST_CAT_INVESTIGATION,	/* "investigation": cause, scope, recovery */
	EST_CAT_CUSTOMER,	/* "customer_response": apologies, gifts,
				   call centre */
	EST_CAT_NOTICE,		/* "notice": public notices, adverts */
	EST_CAT_LEGAL,		/* "legal_advice": lawyers' advice */
	EST_CAT_LOST_PROFIT,	/* "lost_profit": profit lost while stopped */
	EST_CAT__MAX
};

/* The inputs of an estimate. */
enum estimate_input {
	EST_IN_SALES,		/* "sales": yearly sales, yen */
	EST_IN_STAFF,		/* "staff": people employed */
	EST_IN_RECORDS,		/* "records": personal records that leak */
	EST_IN_DAYS,		/* "days": days of outage */
	EST_IN__MAX
};

/* The kinds of rule a line follows. */
enum estimate_rule_kind {
	EST_RULE_FIXED,		/* "fixed": yen, whatever the inputs */
	EST_RULE_RATE,		/* "rate": num × Π inputs(by) / den */
	EST_RULE_STEPS,		/* "steps": the amount of the first step
				   whose upto the input(step_by) is at most */
	EST_RULE__MAX
};

#define ESTIMATE_STEPS_MAX	8
#define ESTIMATE_LINE_MAX	100000000000000000LL	/* ¥10^17 */
#define ESTIMATE_NAME_MAX	100	/* characters of a saved name */

/* The bounds of each input, inclusive (estimate_in_min/max). */
#define ESTIMATE_SALES_MAX	10000000000000LL	/* ¥10 trillion */
#define ESTIMATE_STAFF_MAX	100000LL
#define ESTIMATE_RECORDS_MAX	100000000LL
#define ESTIMATE_DAYS_MAX	365LL

struct estimate_step {
	long long	 upto;		/* input ≤ upto; 0: open (last) */
	long long	 yen;
};

struct estimate_rule {
	enum estimate_cat	 cat;
	enum estimate_rule_kind	 kind;
	long long		 yen;		/* FIXED */
	unsigned		 by;		/* RATE: bit i set: input i is a
						   factor */
	long long		 num, den;	/* RATE: num ≥ 0, den ≥ 1 */
	enum estimate_input	 step_by;	/* STEPS */
	size_t			 nsteps;	/* STEPS: 1…STEPS_MAX */
	struct estimate_step	 step[ESTIMATE_STEPS_MAX];
};

/* A scenario: its rules, one per category it has, and the seeds' own
 * inputs (what the form starts from). */
struct estimate_preset {
	const char		*key;	/* "manufacturer-ransomware" */
	long long		 in[EST_IN__MAX];
	size_t			 nrules;
	struct estimate_rule	 rule[EST_CAT__MAX];
};

/* One line of a result. */
struct estimate_line {
	enum estimate_cat	 cat;
	long long		 yen;
	const struct estimate_rule *rule;	/* points into the preset */
	size_t			 step;		/* STEPS: the step used */
};

struct estimate_result {
	size_t			 n;	/* lines, in the preset's order */
	struct estimate_line	 line[EST_CAT__MAX];
	long long		 total;	/* sum of the lines, yen */
	long long		 share_ppm;	/* total / sales, per million */
};

/* Why an input was refused. */
enum estimate_err {
	EST_OK,
	EST_E_EMPTY,		/* "required": nothing given */
	EST_E_NOT_NUMBER,	/* "not_number": not a whole number */
	EST_E_NEGATIVE,		/* "negative": below zero */
	EST_E_TOO_SMALL,	/* "too_small": below the field's least */
	EST_E_TOO_LARGE,	/* "too_large": past the field's bound */
	EST_E__MAX
};

/* Stable keys: "compensation"…, "sales"…, "fixed"…, "required"… (NULL
 * out of range); and back (-1 when unknown). */
const char	*estimate_cat_key(enum estimate_cat c);
int		 estimate_cat_from_key(const char *s);
const char	*estimate_in_key(enum estimate_input i);
int		 estimate_in_from_key(const char *s);
const char	*estimate_rule_key(enum estimate_rule_kind k);
int		 estimate_rule_from_key(const char *s);
const char	*estimate_err_key(enum estimate_err e);
/* The least and the largest value input i takes (sales and staff at
 * least 1, records and days at least 0). */
long long	 estimate_in_min(enum estimate_input i);
long long	 estimate_in_max(enum estimate_input i);

/*
 * Read input i from text: white space around it is ignored, as are
 * thousands separators (",") between digits; only ASCII digits count.
 * Empty text is EST_E_EMPTY; a leading '-' before a number
 * EST_E_NEGATIVE; anything else that is no whole number (a fraction,
 * "1e6", letters) EST_E_NOT_NUMBER; a number outside estimate_in_min…max
 * EST_E_TOO_SMALL / EST_E_TOO_LARGE.  *out set only on EST_OK.
 */
enum estimate_err estimate_parse(enum estimate_input i, const char *text,
		    long long *out);
/* An amount of yen the company states (its spending, what it could pay),
 * read as estimate_parse reads an input: 0…ESTIMATE_SALES_MAX. */
enum estimate_err estimate_parse_yen(const char *text, long long *out);
/* Check in[] against the bounds: the first input out of bounds into *bad
 * and its reason, or EST_OK. */
enum estimate_err estimate_check(const long long in[EST_IN__MAX],
		    enum estimate_input *bad);

/* Whether rule r stays within ESTIMATE_LINE_MAX at the largest inputs and
 * is well formed (den ≥ 1, num ≥ 0, steps ascending with an open last
 * one, by only names inputs); the pack loader runs it. */
bool		 estimate_rule_ok(const struct estimate_rule *r);

/* The yen of rule r at inputs in (in within bounds), and the step used
 * (*step, may be NULL). */
long long	 estimate_rule_yen(const struct estimate_rule *r,
		    const long long in[EST_IN__MAX], size_t *step);
/* Work out preset p at inputs in (checked: estimate_check).  Always
 * succeeds for checked inputs and a loaded preset. */
void		 estimate_run(const struct estimate_preset *p,
		    const long long in[EST_IN__MAX],
		    struct estimate_result *out);
/* ppm as a decimal fraction with no trailing zeros ("0.0104", "0.119",
 * "0", "1.5") into buf (at least 24 bytes). */
void		 estimate_ppm_fraction(long long ppm, char *buf, size_t n);
/* ppm as a percentage with at most two decimals, no trailing zeros
 * ("1.04", "11.9", "0"), into buf (at least 24 bytes). */
void		 estimate_ppm_percent(long long ppm, char *buf, size_t n);
/* v in decimal with a comma every three digits ("35,700,000") into buf
 * (at least 32 bytes). */
void		 estimate_group(long long v, char *buf, size_t n);

/* ---- saved estimates (estimate_db.c) ---- */

/* Errors beyond enum db_rc. */
#define ESTIMATE_STALE	(-40)	/* saved by someone else meanwhile */
#define ESTIMATE_NONE	(-41)	/* no such estimate in the organisation */

struct estimate_saved {
	int64_t		 id;
	const char	*name;
	const char	*preset;	/* a preset's key */
	long long	 in[EST_IN__MAX];
	long long	 total;		/* yen, as worked out when saved */
	int64_t		 created_at, updated_at;	/* Unix time */
	const char	*updated_by;	/* e-mail, "" when unknown */
	int64_t		 rev;		/* saves so far */
};

/* An organisation's money figures for the two rules of thumb; has_*
 * false while the company has not said. */
struct estimate_money {
	bool		 has_spending, has_could_pay;
	long long	 spending;	/* yearly security spending, yen */
	long long	 could_pay;	/* what it could pay for an incident */
	int64_t		 rev;		/* saves so far, 0 never saved */
};

/* The saved estimates of org, newest first, into *out (in a).  DB_OK or
 * < 0. */
int	estimate_list(struct db_conn *c, struct arena *a, int64_t org,
	    struct estimate_saved **out, size_t *n);
/* One of them: DB_OK, DB_DONE when org has no estimate id, or < 0. */
int	estimate_get(struct db_conn *c, struct arena *a, int64_t org,
	    int64_t id, struct estimate_saved *out);
/* Whether org has an estimate id: 1, 0, or < 0. */
int	estimate_exists(struct db_conn *c, int64_t org, int64_t id);
/*
 * Save s for org as user (s->id 0: a new one, *id set; else the one with
 * s->id whose rev must still be s->rev, else ESTIMATE_STALE; ESTIMATE_NONE
 * when it is not org's), at now, in its own transaction.  The caller has
 * checked the inputs and worked out s->total.
 */
int	estimate_save(struct db *db, int64_t org, int64_t user,
	    const struct estimate_saved *s, int64_t now, int64_t *id);
/* Delete org's estimate id as user, in its own transaction.
 * ESTIMATE_NONE when absent. */
int	estimate_delete(struct db *db, int64_t org, int64_t user, int64_t id);
/* The saved estimate of org with the largest total (the worst scenario;
 * the newest among equals), its strings in a: DB_OK, DB_DONE when none
 * is saved, or < 0.  For the board one-pager and the estimate page. */
int	estimate_worst(struct db_conn *c, int64_t org, struct arena *a,
	    struct estimate_saved *out);
/* org's money figures (all unset when never saved).  DB_OK or < 0. */
int	estimate_money_get(struct db_conn *c, int64_t org,
	    struct estimate_money *out);
/* Store them as user at now, in its own transaction, if the stored rev is
 * still m->rev (ESTIMATE_STALE otherwise). */
int	estimate_money_put(struct db *db, int64_t org, int64_t user,
	    const struct estimate_money *m, int64_t now);

#endif
