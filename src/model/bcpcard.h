/*
 * bcpcard: the emergency card's capability link (issue 13).  An
 * organisation has at most one: a random token (account_token) whose
 * BLAKE2b hash alone is stored, like the invitations and API tokens, so
 * the link is shown once, when it is made.  Whoever holds it opens the
 * card on a phone without signing in (/c/{token}); making a new one
 * replaces the old, which stops working at once, and revoking removes it.
 * Functions run on the caller's thread with the caller's connection.
 */
#ifndef MAMORI_MODEL_BCPCARD_H
#define MAMORI_MODEL_BCPCARD_H

#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/account.h"

/* What is known of an organisation's card link (never the token). */
struct bcpcard {
	int64_t		 created_at;	/* Unix time it was made */
	const char	*by;		/* e-mail of who made it, "" when gone */
};

/*
 * A new link for organisation org, made by user (0: the command line) at
 * now, replacing any it had: its token into tok (OUT, NUL-terminated).
 * DB_OK or < 0 (enum db_rc).
 */
int	bcpcard_make(struct db_conn *c, int64_t org, int64_t user,
	    int64_t now, char tok[TOKEN_LEN + 1]);
/* The link of org into *out (strings in a): DB_OK, DB_DONE when it has
 * none, or < 0. */
int	bcpcard_get(struct db_conn *c, struct arena *a, int64_t org,
	    struct bcpcard *out);
/* Remove org's link: DB_OK (also when it had none) or < 0. */
int	bcpcard_revoke(struct db_conn *c, int64_t org);
/* The organisation token opens into *org: DB_OK, DB_DONE when it opens
 * nothing (unknown, replaced, revoked, malformed), or < 0. */
int	bcpcard_find(struct db_conn *c, const char *token, int64_t *org);

#endif
