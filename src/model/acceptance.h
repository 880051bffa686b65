/*
 * acceptance: the executive accepts the risks left after treatment (issue
 * 12 §3; the sources make it the executive's decision).  One acceptance
 * keeps every risk of the organisation as it stood — id, revision, value,
 * band, treatment — with who and when; the risks compared with the last
 * acceptance say whether a new one is due: a risk added, changed (another
 * revision: a new value, treatment…) or deleted since.
 */
#ifndef MAMORI_MODEL_ACCEPTANCE_H
#define MAMORI_MODEL_ACCEPTANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/register.h"

#define ACCEPT_NOTE_MAX	1000	/* characters of the executive's note */

/* One risk as it stood when accepted. */
struct accepted_risk {
	int64_t		 id, rev;
	int		 value;		/* 0: not worked out */
	const char	*band;		/* key, "" when none */
	const char	*treatment;	/* key, "" when none */
};

struct acceptance {
	int64_t			 at;	/* 0: never accepted */
	const char		*who;	/* e-mail, "" */
	const char		*note;
	struct accepted_risk	*v;
	size_t			 n;
};

/* What changed since an acceptance. */
struct acceptance_diff {
	size_t	added;		/* risks not in it */
	size_t	changed;	/* in it at another revision */
	size_t	removed;	/* in it, deleted since */
};

/* The organisation's last acceptance into *out (at 0 when none).  DB_OK or
 * a negative enum db_rc. */
int	acceptance_latest(struct db_conn *c, struct arena *ar, int64_t org,
	    struct acceptance *out);
/* How the risk rows risks[0..n) (the risk register's) differ from a.
 * True when a new acceptance is due: there are risks and a is none, or
 * anything was added, changed or removed. */
bool	acceptance_due(const struct register_decl *d,
	    const struct acceptance *a, const struct register_row *risks,
	    size_t n, struct acceptance_diff *diff);
/* Whether the risk with this id is in a at revision rev. */
bool	acceptance_holds(const struct acceptance *a, int64_t id, int64_t rev);
/*
 * Accept the risk rows risks[0..n) of org as they are (user, addr for the
 * audit log), durably.  Each must be at the revision the reader saw: a
 * risk changed meanwhile makes it REGISTER_STALE and nothing is stored.
 * DB_OK, REGISTER_STALE, or a negative enum db_rc.
 */
int	acceptance_accept(struct db *db, const struct register_decl *d,
	    int64_t org, int64_t user, const char *addr,
	    const struct register_row *risks, size_t n, const char *note);

#endif
