/*
 * office: the programme office of issue 15 — a body above advisors (a
 * regional support centre, a chamber of commerce, an IPA-style office)
 * that runs engagements, sees their progress and statistics over its
 * companies, and never the companies' own pages.
 *
 * An office has members (office_admin, office_staff) and advisors.  An
 * engagement is run by at most one office (engagements.office_id).  The
 * rule: when an advisor who advises for exactly one office opens a
 * programme, that office runs it (office_engagement_opened); an admin of
 * an office may take an engagement of one of its advisors for it, or
 * let it go (office_engagement_set).  Nothing else sets it.
 *
 * Statistics stay instant among 1,000,000 organisations the way the peer
 * comparison does (model/peer.h): office_contrib keeps what each
 * organisation last added to its office's sums, office_stats the running
 * sums per dimension and key, and every change moves one organisation's
 * contribution (office_stats_move).  Reading an office's statistics reads
 * its few hundred rows of sums, however many companies it has.  A group of
 * fewer than OFFICE_MIN companies is never shown.
 *
 * Functions with a connection run in the caller's transaction unless they
 * say otherwise.
 */
#ifndef MAMORI_MODEL_OFFICE_H
#define MAMORI_MODEL_OFFICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/diag.h"

struct register_env;

#define OFFICE_NAME_MAX	200	/* characters of a name */
#define OFFICE_MIN	5	/* smaller groups are never shown */
#define OFFICE_BINS	10	/* score histogram: ten bins of ten points */
#define OFFICE_WEAK	5	/* the items most often weak shown */

/* Errors beyond enum db_rc. */
#define OFFICE_EXISTS	(-30)	/* an office has that name already */
#define OFFICE_NONE	(-31)	/* no such office, user or engagement */
#define OFFICE_NOT_ADVISOR (-32)	/* the engagement's advisor is not the
					   office's */

enum office_role {
	OFFICE_ADMIN,		/* "office_admin" */
	OFFICE_STAFF,		/* "office_staff" */
	OFFICE_ROLE__MAX
};

/* What the statistics are broken down by. */
enum office_dim {
	OFFICE_DIM_ALL,		/* "all": every company, key "*" */
	OFFICE_DIM_INDUSTRY,	/* "industry": JSIC division */
	OFFICE_DIM_EMPLOYEES,	/* "employees": employee band */
	OFFICE_DIM_PREFECTURE,	/* "prefecture": JIS code */
	OFFICE_DIM__MAX
};

const char	*office_role_key(enum office_role r);
/* The role of key, or -1. */
int		 office_role_of(const char *key);
const char	*office_dim_key(enum office_dim d);
/* The dimension of key, or -1. */
int		 office_dim_of(const char *key);

/* The histogram bin 0…OFFICE_BINS−1 of a score ×10: [0, 10) points is
 * bin 0 … [90, 100] bin 9; a score below 0 counts in bin 0. */
int	office_bin(int64_t score_tenths);

/* What one organisation adds to its office's sums. */
struct office_contrib {
	const char	*industry;	/* JSIC division */
	const char	*employees;	/* employee band key */
	const char	*prefecture;	/* JIS code, "" when unknown */
	bool		 scored;	/* it has a closed round with answers */
	int64_t		 score_tenths;	/* its latest score ×10 (scored) */
	int64_t		 items[DIAG_ITEMS];	/* its item means ×10 (scored) */
	int64_t		 plan_done;	/* plan rows done */
	int64_t		 plan_total;	/* plan rows, dropped ones apart */
	int		 stars;		/* SECURITY ACTION stars 0…2 */
};

/*
 * Take old away from office's sums and add now (either may be NULL: a
 * company leaving or entering), in the caller's transaction.  Does not
 * touch office_contrib.  DB_OK or < 0.
 */
int	office_stats_move(struct db_conn *c, int64_t office,
	    const struct office_contrib *old, const struct office_contrib *now);

/*
 * Recompute organisation org's contribution and move it: out of the
 * office it last counted for, into the office that runs its engagement
 * now (none: it only leaves).  e gives the registers' keys; NULL will do
 * (the plan's status keys are fixed), for callers without one such as a
 * round closing.  A call for an organisation no office runs and that
 * never counted for one costs one keyed read.  In the caller's
 * transaction; DB_OK or < 0.
 */
int	office_refresh_org(struct db_conn *c, const struct register_env *e,
	    int64_t org);

/* ---- offices, members, advisors ---- */

struct office {
	int64_t		 id;
	const char	*name;
	int64_t		 created_at;	/* Unix time */
};

/* Add an office called name (1…OFFICE_NAME_MAX characters) at now; *id
 * set.  DB_OK, OFFICE_EXISTS, or < 0. */
int	office_add(struct db_conn *c, const char *name, int64_t now,
	    int64_t *id);
/* Office id into *out (strings in a): DB_OK, OFFICE_NONE, or < 0. */
int	office_get(struct db_conn *c, struct arena *a, int64_t id,
	    struct office *out);
/* The office called name: DB_OK with *id, OFFICE_NONE, or < 0. */
int	office_by_name(struct db_conn *c, const char *name, int64_t *id);
/* Every office by name, into *out (in a).  DB_OK or < 0. */
int	office_list(struct db_conn *c, struct arena *a, struct office **out,
	    size_t *n);

/* Make user a member of office with role (a member again takes the new
 * role).  DB_OK or < 0. */
int	office_member_put(struct db_conn *c, int64_t office, int64_t user,
	    enum office_role role);
/* User's role in office: 0 or 1 (enum office_role), -1 when not a
 * member, or < -1 on a database error. */
int	office_member_role(struct db_conn *c, int64_t office, int64_t user);
/* Make user an advisor of office (again: no change).  DB_OK or < 0. */
int	office_advisor_put(struct db_conn *c, int64_t office, int64_t user);
/* 1 when user advises for office, 0 when not, < 0 on error. */
int	office_is_advisor(struct db_conn *c, int64_t office, int64_t user);

/* One person of an office. */
struct office_person {
	int64_t		 user;		/* the user's id */
	const char	*email;
	const char	*role;		/* members: the role key; advisors: "" */
	int64_t		 engagements;	/* advisors: the engagements of the
					   office they opened */
};

/* The members (advisors false) or the advisors of office, by e-mail,
 * into *out (in a).  DB_OK or < 0. */
int	office_people(struct db_conn *c, struct arena *a, int64_t office,
	    bool advisors, struct office_person **out, size_t *n);

/* One office a user belongs to. */
struct office_ref {
	int64_t		 id;
	const char	*name;
	const char	*role;		/* office_admin, office_staff */
};

/* The offices user is a member of, by name, into *out (in a).  DB_OK or
 * < 0. */
int	office_of_member(struct db_conn *c, struct arena *a, int64_t user,
	    struct office_ref **out, size_t *n);

/* ---- the engagements an office runs ---- */

/*
 * Engagement of org was just opened by advisor: when advisor advises for
 * exactly one office, that office runs it and the organisation's
 * contribution enters its sums.  Own transaction.  DB_OK or < 0.
 */
int	office_engagement_opened(struct db *db, const struct register_env *e,
	    int64_t org, int64_t advisor);
/* The same inside the caller's transaction (a db_write). */
int	office_engagement_opened_in(struct db_conn *c,
	    const struct register_env *e, int64_t org, int64_t advisor);
/*
 * Office (0: none) runs org's engagement from now; the contribution moves
 * with it.  The caller checked who may; an office can only take an
 * engagement its own advisor opened (else OFFICE_NOT_ADVISOR).  Own
 * transaction.  DB_OK, OFFICE_NONE (no engagement), OFFICE_NOT_ADVISOR,
 * or < 0.
 */
int	office_engagement_set(struct db *db, const struct register_env *e,
	    int64_t org, int64_t office);

/* One engagement an office runs, with its progress. */
struct office_eng {
	int64_t		 org;		/* the organisation's id */
	const char	*name;		/* its name */
	const char	*advisor;	/* advisor's e-mail, "" when gone */
	const char	*tmpl;		/* template key */
	const char	*first;		/* first visit as opened */
	int64_t		 visits;	/* planned visits */
	int64_t		 held;		/* of them held */
	int64_t		 deliv;		/* deliverables */
	int64_t		 draft;		/* of them in draft */
	int64_t		 agreed;	/* of them agreed */
	int64_t		 overdue;	/* homework not done, due before today */
};

/* How many engagements office runs into *n.  DB_OK or < 0. */
int	office_engagements_count(struct db_conn *c, int64_t office,
	    size_t *n);
/* The engagements office runs, by organisation name, from the first'th
 * (0-based), count at most (SIZE_MAX: all), on today ("YYYY-MM-DD"), into
 * *out (in a).  DB_OK or < 0. */
int	office_engagements(struct db_conn *c, struct arena *a, int64_t office,
	    const char *today, size_t first, size_t count,
	    struct office_eng **out, size_t *n);

/* The programmes opened by office's advisors that no office runs, by
 * organisation name, into *out (in a; only org, name and advisor set):
 * the ones an office admin may take.  DB_OK or < 0. */
int	office_engagements_free(struct db_conn *c, struct arena *a,
	    int64_t office, struct office_eng **out, size_t *n);

/* ---- statistics ---- */

/* One group of an office's companies. */
struct office_group {
	enum office_dim	 dim;
	const char	*key;		/* "*" for all, else the key */
	int64_t		 n;		/* companies */
	bool		 shown;		/* n >= OFFICE_MIN: the figures below
					   are filled, else all zero */
	int64_t		 n_scored;	/* of them with a score */
	bool		 scores;	/* n_scored >= OFFICE_MIN: the score
					   figures are filled */
	long		 mean_tenths;	/* mean score ×10 */
	long		 sd_tenths;	/* population standard deviation ×10 */
	int64_t		 hist[OFFICE_BINS];	/* companies per bin */
	long		 item_mean_tenths[DIAG_ITEMS];	/* item means ×10 */
	int64_t		 plan_done;	/* plan rows done */
	int64_t		 plan_total;	/* plan rows in all */
	int64_t		 two_star;	/* companies at two stars */
};

struct office_stats {
	size_t			 ngroups;
	struct office_group	*g;	/* by dimension, then key; hidden groups
					   too, with shown false */
	int64_t			 hidden[OFFICE_DIM__MAX];	/* companies in
					   groups too small to show */
	size_t			 nweak;	/* 0 when all has no scores shown */
	int			 weak[OFFICE_WEAK];	/* item indexes, lowest
					   mean first (ties: item order) */
};

/* Office's statistics into *out (in a): one read of its sums.  DB_OK or
 * < 0. */
int	office_stats_read(struct db_conn *c, struct arena *a, int64_t office,
	    struct office_stats *out);

/*
 * Loading many contributions at once (bench/scale.c), as peer_load_* does:
 * office_load_add writes an organisation's office_contrib row and gathers
 * its sums in l; office_load_finish adds them to the stored ones.  l is
 * not thread-safe.
 */
struct office_load;

struct office_load	*office_load_new(int64_t office);
void	office_load_free(struct office_load *l);
int	office_load_add(struct db_conn *c, struct arena *a,
	    struct office_load *l, int64_t org, const struct office_contrib *k);
int	office_load_finish(struct db_conn *c, struct arena *a,
	    struct office_load *l);

#endif
