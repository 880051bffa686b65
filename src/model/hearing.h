/*
 * hearing: an organisation's hearing sheet and the confidentiality
 * pledges its advisors handed over (issue 15; sql/.../0019_hearing.sql).
 *
 * The sheet's items are named by the keys of content/hearing.yaml; this
 * file knows nothing of the pack (model/ never reads content/): callers
 * pass the keys.  An item has a row once it is first saved: the result,
 * the points to consider in the coaching, the visit of the programme in
 * which it was last filled, open or answered, and a revision that every
 * save moves.  A save names the revision it started from for each item
 * (0: never saved); when any of them moved meanwhile nothing is stored
 * (HEARING_STALE).  Items left open are what the next visit starts with.
 *
 * Functions run on the caller's thread; those taking a struct db write
 * through db_write and need no connection held.
 */
#ifndef MAMORI_MODEL_HEARING_H
#define MAMORI_MODEL_HEARING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

#define HEARING_TEXT_MAX	2000	/* characters of a result or points */
#define HEARING_VISIT_MAX	4	/* the programme's visits: 1…4 */
#define HEARING_NAME_MAX	100	/* characters of a name on a pledge */
#define HEARING_STALE		10	/* another save came first */

enum hearing_state {
	HEARING_OPEN,		/* "open": to ask again */
	HEARING_ANSWERED,	/* "answered" */
	HEARING_STATE__MAX
};

enum hearing_mode {
	HEARING_HANDED,		/* "handed": given at a visit */
	HEARING_POSTED,		/* "posted": sent, the visit being online */
	HEARING_MODE__MAX
};

/* "open"/"answered", "handed"/"posted"; and back (-1 when unknown). */
const char	*hearing_state_key(enum hearing_state s);
int		 hearing_state_from_key(const char *s);
const char	*hearing_mode_key(enum hearing_mode m);
int		 hearing_mode_from_key(const char *s);

/* One item's stored answer. */
struct hearing_answer {
	const char		*item;		/* the pack's key */
	const char		*result;	/* "" when none */
	const char		*consider;	/* points to consider, "" */
	int			 visit;		/* 1…HEARING_VISIT_MAX */
	enum hearing_state	 state;
	int64_t			 rev;		/* ≥ 1 */
	int64_t			 updated_at;	/* Unix time */
	const char		*updated_by;	/* e-mail, "" when gone */
};

/* Every stored answer of org, by item key, into *out (n of them; memory
 * from a).  DB_OK or < 0. */
int	hearing_read(struct db_conn *c, struct arena *a, int64_t org,
	    struct hearing_answer **out, size_t *n);
/* The answer to item among rows[0..n) (as hearing_read gives them), or
 * NULL when it was never saved. */
const struct hearing_answer *hearing_find(const struct hearing_answer *rows,
	    size_t n, const char *item);
/*
 * The items left open: those of keys[0..nk) (the sheet's items in its
 * order) whose stored answer in rows[0..n) is open.  Their indexes into
 * keys go to idx (OUT, room for nk); returns how many.  An item never
 * saved is not open but not asked yet, and is not counted.
 */
size_t	hearing_open_items(const struct hearing_answer *rows, size_t n,
	    const char *const *keys, size_t nk, size_t *idx);

/* One item of a save. */
struct hearing_put {
	const char		*item;		/* a key the caller checked */
	const char		*result, *consider;	/* checked, "" */
	enum hearing_state	 state;
	int64_t			 rev;		/* as read; 0: never saved */
};

/*
 * Save items v[0..n) of org as user at now, filled in visit (1…
 * HEARING_VISIT_MAX), in one write: an item whose texts and state are
 * as stored is left as it is (its visit too), one never saved that
 * comes open without words stays unsaved (not asked yet); the others
 * get visit.
 * audit_detail (or NULL) goes to the audit log as hearing_saved when
 * anything changed.  DB_OK, HEARING_STALE (nothing stored) or < 0.
 * *changed (OUT, may be NULL) counts the items stored.
 */
int	hearing_save(struct db *db, int64_t org, int64_t user, const char *addr,
	    int visit, int64_t now, const struct hearing_put *v, size_t n,
	    const char *audit_detail, size_t *changed);

/* When org was made (Unix time) into *at: DB_OK, DB_DONE or < 0. */
int	hearing_org_since(struct db_conn *c, int64_t org, int64_t *at);

/* A pledge as recorded. */
struct hearing_pledge {
	int64_t			 id;
	int64_t			 user;		/* the advisor, 0 when unknown */
	const char		*email;		/* the advisor's, "" when gone */
	const char		*name;		/* as printed */
	const char		*date;		/* YYYY-MM-DD handed or posted */
	enum hearing_mode	 mode;
	int64_t			 created_at;
};

/* Record a pledge of org (fields as checked by the caller: name, date,
 * mode; id and created_at ignored) by user at now, with its audit line,
 * in one write; *id (OUT) its id.  DB_OK or < 0. */
int	hearing_pledge_add(struct db *db, int64_t org, int64_t user,
	    const char *addr, const struct hearing_pledge *p, int64_t now,
	    int64_t *id);
/* The pledges of org, the latest first (memory from a).  DB_OK or < 0. */
int	hearing_pledges(struct db_conn *c, struct arena *a, int64_t org,
	    struct hearing_pledge **out, size_t *n);

#endif
