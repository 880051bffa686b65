/*
 * account: users, passwords, sessions, one-time links, login rate limits
 * (the audit log is model/audit.h).  Secrets are never stored: passwords as argon2id
 * hashes, session cookies, API tokens and one-time links as BLAKE2b
 * hashes.  Functions taking a struct db_conn run on the caller's thread
 * with the caller's connection.
 */
#ifndef MAMORI_MODEL_ACCOUNT_H
#define MAMORI_MODEL_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* Base64url of 32 random bytes: 43 characters. */
#define TOKEN_LEN	43
/* Hex of a 32-byte BLAKE2b hash. */
#define TOKEN_HASH_LEN	64

enum user_role {
	USER_ADMIN,
	USER_ADVISOR,
	USER_MEMBER,
	USER_ROLE__MAX
};

struct user {
	int64_t		 id;
	char		*email;		/* owned by the arena given */
	char		*pw_hash;
	enum user_role	 role;
	int		 lang;		/* enum lang */
};

const char	*user_role_key(enum user_role r);
int		 user_role_from_key(const char *s);

/* A fresh random token, NUL-terminated, into out[TOKEN_LEN + 1]. */
void		 account_token(char out[TOKEN_LEN + 1]);
/* Hex BLAKE2b of a token into out[TOKEN_HASH_LEN + 1]. */
void		 account_token_hash(const char *token,
		    char out[TOKEN_HASH_LEN + 1]);

/* Password rules: 10 to 256 characters (code points).  0 when
 * acceptable, else -1. */
int		 account_password_ok(const char *pw);
/* argon2id (t=2, m=19 MiB) in libsodium's string form; NULL only on out
 * of memory (the caller frees with free()).  Slow: call off the HTTP
 * threads. */
char		*account_hash_password(const char *pw);
/* Constant-time check; a malformed hash is a mismatch. */
bool		 account_check_password(const char *hash, const char *pw);
/* A hash nobody's password matches, to spend the same time on unknown
 * e-mail addresses. */
const char	*account_dummy_hash(void);

/* E-mail syntax check (one @, a dot in the domain, ≤ 254 bytes, no
 * spaces or controls).  Lower-cases into out (arena). */
int		 account_email_norm(struct arena *a, const char *in,
		    char **out);

/* Look a user up; 0 found, DB_DONE when absent, < 0 on error. */
int		 user_by_email(struct db_conn *c, struct arena *a,
		    const char *email, struct user *u);
int		 user_by_id(struct db_conn *c, struct arena *a, int64_t id,
		    struct user *u);
/* What user_by_token read of the token itself. */
struct token_use {
	int64_t		 expires_at;	/* it works until then (unix time) */
	int64_t		 used_at;	/* its use as recorded now: now when
					   this call recorded it */
};
/* The owner of an unexpired API token; records its use at now (to the
 * minute).  0, DB_DONE (unknown, revoked or expired), < 0 on error; tu
 * (OUT, NULL: not wanted) is set with 0. */
int		 user_by_token(struct db_conn *c, struct arena *a,
		    const char *token, int64_t now, struct user *u,
		    struct token_use *tu);
/* Insert; *id set.  DB_E_CONSTRAINT when the e-mail is taken.  Every
 * unused first-admin link is revoked with it (once_revoke_setup): run
 * both in one transaction when the caller has one. */
int		 user_insert(struct db_conn *c, const char *email,
		    const char *pw_hash, enum user_role role, int lang,
		    int64_t *id);
/* How many accounts the instance has, into *n: DB_OK or < 0. */
int		 user_count(struct db_conn *c, int64_t *n);
/* A new API token for user id valid until expires_at (Unix seconds),
 * replacing any old one; the token is written to out and only its hash
 * stored. */
int		 user_new_token(struct db_conn *c, int64_t id,
		    int64_t expires_at, char out[TOKEN_LEN + 1]);
/* End user id's API token: DB_OK, DB_DONE when there was none, < 0 on
 * error.  (A password change ends it too: STMT_USER_SET_PASSWORD.) */
int		 user_revoke_token(struct db_conn *c, int64_t id);
/* The token of user id: when it expires and when it was last used (0:
 * never), both OUT.  0, DB_DONE when there is none, < 0 on error. */
int		 user_token_info(struct db_conn *c, int64_t id,
		    int64_t *expires_at, int64_t *used_at);

/* Sessions.  session_create writes the cookie value (a token) and the
 * CSRF token; only the cookie's hash is stored. */
int		 session_create(struct db_conn *c, int64_t user_id,
		    int64_t org_id, long ttl, char cookie[TOKEN_LEN + 1],
		    char csrf[TOKEN_LEN + 1]);
int		 session_delete(struct db_conn *c, const char *cookie_hash);

/* One-time links (first admin, invitations).  once_create writes the
 * token; once_take checks and uses it in one statement, so two clicks
 * cannot both succeed.  kind/role/org are read before use. */
int		 once_create(struct db_conn *c, const char *kind,
		    int64_t org_id, const char *role, int64_t created_by,
		    long ttl, char token[TOKEN_LEN + 1]);
struct once_link {
	char	*kind;		/* "setup" or "invite" */
	int64_t	 org_id;	/* the organisation invited to; 0 for setup */
	char	*role;		/* the member role it gives */
	char	*org_name;	/* the organisation's name; "" when none */
	char	*by_email;	/* who made it; "" when unknown or gone */
};
/* The unused, unexpired link token into *out (strings in a): 0, DB_DONE
 * when there is none, or < 0. */
int		 once_peek(struct db_conn *c, struct arena *a,
		    const char *token, struct once_link *out);
int		 once_take(struct db_conn *c, const char *token);
/* End every unused first-admin ("setup") link: DB_OK or < 0. */
int		 once_revoke_setup(struct db_conn *c);
/* Inside the transaction that makes the first admin, before counting
 * the accounts: a write lock that makes two set-ups take turns, so only
 * one of them finds the instance without an account. */
int		 setup_lock(struct db_conn *c);

/* Count one more hit on key in a window of `window` seconds; returns
 * the hits so far (≥1), or < 0 on error. */
long		 rate_hit(struct db_conn *c, const char *key, long window);
/* The hits on key in its current window, not counting one more: 0 when
 * none (or the window is over), or < 0 on error. */
long		 rate_get(struct db_conn *c, const char *key, long window);
void		 rate_clear(struct db_conn *c, const char *key);

/* Seconds since the epoch (wall clock). */
int64_t		 account_now(void);

#endif
