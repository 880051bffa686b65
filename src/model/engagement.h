/*
 * engagement: an advisor's programme with a client organisation (issue
 * 15).  One per organisation, opened from a programme template (the
 * template itself is content, content/programmes/; this file only keeps
 * its key, the number of its visits and the keys of its deliverables):
 * the visits, planned from the first visit's date with the template's
 * default gap and recorded after they are held; the homework agreed at
 * each visit, for the company or the advisor, each with a due date; and
 * the state of each deliverable.
 *
 * Days are "YYYY-MM-DD" text (Japan time; the caller says which day is
 * today), "" when unset; they compare as text.  Functions with a
 * connection run on the caller's thread and the caller's connection;
 * the others are pure.
 */
#ifndef MAMORI_MODEL_ENGAGEMENT_H
#define MAMORI_MODEL_ENGAGEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

#define ENGAGEMENT_DAY_LEN	10	/* "YYYY-MM-DD" */
#define ENGAGEMENT_HOMEWORK_MAX	30	/* rows a visit may hold */
#define ENGAGEMENT_TEXT_MAX	2000	/* characters of notes, decisions… */
#define ENGAGEMENT_LINE_MAX	500	/* characters of a homework's text */
#define ENGAGEMENT_NOTES_MAX	16	/* agenda points a visit notes */
#define ENGAGEMENT_SUMMARY_MAX	4000	/* characters of the final summary */

/* Errors beyond enum db_rc. */
#define ENGAGEMENT_STALE	(-20)	/* saved by someone else meanwhile */
#define ENGAGEMENT_EXISTS	(-21)	/* the organisation has one already */
#define ENGAGEMENT_NONE		(-22)	/* no engagement, visit or row */

enum engagement_mode {
	ENG_ON_SITE,
	ENG_ONLINE,
	ENG_MODE__MAX
};

enum engagement_side {
	ENG_COMPANY,
	ENG_ADVISOR,
	ENG_SIDE__MAX
};

enum engagement_dstate {
	ENG_D_NOT_STARTED,
	ENG_D_DRAFT,
	ENG_D_AGREED,
	ENG_D__MAX
};

/* Why a visit's record is refused: each a ui text prog.err.<key>. */
enum engagement_err {
	ENGE_OK,
	ENGE_DAY,		/* not a day YYYY-MM-DD */
	ENGE_BEFORE_PREV,	/* before the previous visit */
	ENGE_AFTER_NEXT,	/* after the next visit, which was held */
	ENGE_HELD_FUTURE,	/* held after today */
	ENGE_DUE_MISSING,	/* homework without a due date */
	ENGE_TEXT_MISSING,	/* homework without words */
	ENGE_TOO_LONG,		/* more than its characters */
	ENGE_DONE_FUTURE,	/* two stars done on a day after today */
	ENGE_BOTH_DAYS,		/* two stars both done and planned */
	ENGE__MAX
};

/* Keys of the closed sets ("on_site", "company", "draft"…, "day"…) and
 * back (-1: none). */
const char	*engagement_mode_key(enum engagement_mode m);
int		 engagement_mode_of(const char *key);
const char	*engagement_side_key(enum engagement_side s);
int		 engagement_side_of(const char *key);
const char	*engagement_dstate_key(enum engagement_dstate s);
int		 engagement_dstate_of(const char *key);
const char	*engagement_err_key(enum engagement_err e);

/* ---- days ---- */

/* Whether s is a day of the calendar, YYYY-MM-DD, years 2000 to 2199. */
bool	engagement_day_ok(const char *s);
/* Day s plus days (may be negative) into out (NUL-terminated; out may be
 * s); false when s is no day or the result leaves the years above. */
bool	engagement_day_add(const char *s, long days,
	    char out[ENGAGEMENT_DAY_LEN + 1]);
/* Days from a to b (b − a), both valid days. */
long	engagement_day_diff(const char *a, const char *b);
/*
 * The planned days of n visits from first, each default_gap days after
 * the one before, into out[0..n).  False when first is no day or a visit
 * would leave the years above.
 */
bool	engagement_plan(const char *first, size_t n, int default_gap,
	    char (*out)[ENGAGEMENT_DAY_LEN + 1]);

/* ---- what is stored ---- */

struct engagement {
	int64_t		 org;		/* the organisation's id */
	int64_t		 advisor;	/* user who opened it, 0: gone */
	const char	*advisor_email;	/* "" when gone */
	const char	*tmpl;		/* template key */
	const char	*state;		/* "open" */
	const char	*first;		/* first visit's day as opened */
	int64_t		 created_at;	/* Unix time it was opened */
	const char	*summary;	/* the advisor's summary, "" for none */
	const char	*two_star_done;	/* day the two-star application was
					   done, or "" */
	const char	*two_star_planned; /* day it is planned for, or "" */
	int64_t		 final_rev;	/* saves of the three above, from 1 */
};

/* An agenda point's notes: key of the template's point, its text. */
struct engagement_note {
	const char	*key;		/* the template's agenda key */
	const char	*text;		/* "" for none */
};

struct engagement_visit {
	int		 n;		/* 1-based */
	const char	*planned;	/* day */
	const char	*held;		/* day or "" */
	const char	*attendees;	/* who came, as written */
	enum engagement_mode mode;	/* on site or online */
	size_t		 nnotes;	/* notes used */
	struct engagement_note notes[ENGAGEMENT_NOTES_MAX];
	const char	*decisions;	/* as written */
	int64_t		 rev;		/* saves so far, from 1 */
	int64_t		 updated_at;	/* Unix time of the last save */
	const char	*updated_by;	/* e-mail, "" when gone */
};

struct engagement_homework {
	int64_t		 id;		/* 0 for one not stored yet */
	int		 visit;		/* the visit that agreed it */
	enum engagement_side side;	/* who does it */
	const char	*text;		/* what */
	const char	*due;		/* day */
	const char	*done;		/* day or "" */
};

struct engagement_deliv {
	const char	*key;		/* the template's deliverable key */
	enum engagement_dstate state;
	int64_t		 updated_at;	/* Unix time it was last set */
	const char	*updated_by;	/* e-mail, "" when gone */
};

/* Everything of one organisation's engagement. */
struct engagement_view {
	struct engagement		 e;
	size_t				 nvisits;
	struct engagement_visit		*visit;		/* [n-1] is visit n */
	size_t				 nhw;
	struct engagement_homework	*hw;		/* by visit, then id */
	size_t				 ndeliv;
	struct engagement_deliv		*deliv;
};

/* The day a visit counts as: held when it was held, else planned. */
const char *engagement_visit_day(const struct engagement_visit *v);
/* The notes of v for agenda point key, or "". */
const char *engagement_note(const struct engagement_visit *v,
	    const char *key);
/* Whether h is overdue on today: not done and due before today. */
bool	engagement_overdue(const struct engagement_homework *h,
	    const char *today);

/*
 * Check visit n's new record against the other visits of ev (the stored
 * ones) on today: planned (a day), held ("" or a day, not after today);
 * neither before the day of visit n−1, and none after the held day of a
 * later visit that was held.  ENGE_OK or the first refusal, with
 * *field 0 for planned, 1 for held.
 */
enum engagement_err engagement_check_days(const struct engagement_view *ev,
	    int n, const char *planned, const char *held, const char *today,
	    int *field);
/* Check one homework row: words, due a day, done "" or a day.  ENGE_OK
 * or the refusal, *field 0 text, 1 due, 2 done. */
enum engagement_err engagement_check_homework(
	    const struct engagement_homework *h, int *field);

/*
 * Check the final part of an engagement on today: the summary at most
 * ENGAGEMENT_SUMMARY_MAX characters, done and planned each "" or a day,
 * done not after today, not both set (planned may be any day).  ENGE_OK
 * or the first refusal, *field 0 summary, 1 done, 2 planned.
 */
enum engagement_err engagement_check_final(const char *summary,
	    const char *done, const char *planned, const char *today,
	    int *field);

/* ---- the database ---- */

/*
 * Open an engagement for org by user from template tmpl: nvisits visits
 * planned from first every default_gap days, and every deliverable of
 * deliv[0..ndeliv) not started.  One transaction on c.  DB_OK,
 * ENGAGEMENT_EXISTS when org has one, or < 0.
 */
int	engagement_open(struct db_conn *c, int64_t org, int64_t user,
	    const char *tmpl, const char *first, size_t nvisits,
	    int default_gap, const char *const *deliv, size_t ndeliv,
	    int64_t now);
/* engagement_open inside the caller's transaction (a db_write), so more
 * can be written with it. */
int	engagement_open_in(struct db_conn *c, int64_t org, int64_t user,
	    const char *tmpl, const char *first, size_t nvisits,
	    int default_gap, const char *const *deliv, size_t ndeliv,
	    int64_t now);
/* Org's engagement into *out (memory from a): DB_OK, ENGAGEMENT_NONE, or
 * < 0. */
int	engagement_read(struct db_conn *c, struct arena *a, int64_t org,
	    struct engagement_view *out);
/*
 * Save visit v->n of org as v says, from rev, with its homework rows
 * hw[0..nhw) in place of the ones it had, by user at now; later visits
 * not yet held move by as many days as v's planned day moved (from
 * old_planned).  One transaction on c; *new_rev the visit's rev after.
 * DB_OK, ENGAGEMENT_STALE, ENGAGEMENT_NONE, or < 0.
 */
int	engagement_visit_save(struct db_conn *c, int64_t org,
	    const struct engagement_view *ev, const struct engagement_visit *v,
	    int64_t rev, const struct engagement_homework *hw, size_t nhw,
	    int64_t user, int64_t now, int64_t *new_rev);
/*
 * Save org's summary and two-star state (checked before) from rev; *new_rev
 * the rev after.  DB_OK, ENGAGEMENT_STALE (another save came first),
 * ENGAGEMENT_NONE, or < 0.
 */
int	engagement_final_save(struct db_conn *c, int64_t org, int64_t rev,
	    const char *summary, const char *done, const char *planned,
	    int64_t *new_rev);
/* Mark homework id of org done on day ("" undoes), at now.  DB_OK,
 * ENGAGEMENT_NONE, or < 0. */
int	engagement_homework_done(struct db_conn *c, int64_t org, int64_t id,
	    const char *day, int64_t now);
/*
 * Store org's programme figures in its org_figures row (now: Unix time):
 * whether it has a programme, its visits planned and held, the planned
 * day of the first visit not held and the day of the last one held, and
 * the due days of the homework not done per side, sorted, comma
 * separated.  Inside the caller's transaction; every write of a
 * programme here calls it.  DB_OK or < 0.
 */
int	engagement_figures(struct db_conn *c, int64_t org, int64_t now);
/* Set deliverable key of org to state.  DB_OK, ENGAGEMENT_NONE or < 0. */
int	engagement_deliv_set(struct db_conn *c, int64_t org, const char *key,
	    enum engagement_dstate state, int64_t user, int64_t now);

#endif
