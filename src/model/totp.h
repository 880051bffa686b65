/*
 * totp: two-step sign-in — time-based one-time codes (RFC 6238, HMAC-SHA1,
 * six digits, 30-second steps, as common authenticator apps read an
 * otpauth:// URI), the sealing of a user's secret at rest, the ten
 * one-time recovery codes, and the rows that hold them (sql/…/0025).
 * The codes are computed by liboath, the only includer of oath.h.
 *
 * Secrets are sealed with libsodium's secretbox under a key given by the
 * caller (struct app's twostep key: from the key file, or derived from
 * the instance secret); recovery codes are kept as BLAKE2b hashes keyed
 * the same way.  Functions taking a struct db_conn run on the caller's
 * thread with the caller's connection.  Everything else is pure and
 * thread-safe.
 */
#ifndef MAMORI_MODEL_TOTP_H
#define MAMORI_MODEL_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

#define TOTP_SECRET_LEN		20	/* bytes: 160 bits, RFC 4226's advice */
#define TOTP_B32_LEN		32	/* base32 of the secret, no padding */
#define TOTP_STEP		30	/* seconds a code lasts */
#define TOTP_DIGITS		6
#define TOTP_KEY_LEN		32	/* the sealing key */
#define TOTP_RECOVERY_N		10	/* recovery codes a user gets */
#define TOTP_RECOVERY_LEN	11	/* "abcde-fghjk" */
#define TOTP_HASH_LEN		64	/* hex of a 32-byte BLAKE2b */

/* The code of secret at Unix time t with digits digits (6 to 8) into
 * out (digits + 1 bytes): 0, or -1 when liboath refuses. */
int	totp_code(const unsigned char *secret, size_t len, int64_t t,
	    int digits, char *out);

/* What totp_verify found. */
enum totp_check {
	TOTP_OK,		/* the code of a step after last_step */
	TOTP_WRONG,		/* no step near now has this code */
	TOTP_REUSED,		/* the code of last_step or before */
	TOTP_CHECK__MAX
};

/*
 * Check a typed code (blanks ignored) against secret at Unix time now,
 * allowing one step of clock drift either way.  A code of a step not
 * after last_step is TOTP_REUSED: each code works once.  *step (OUT) is
 * the step matched (TOTP_OK and TOTP_REUSED).
 */
enum totp_check	totp_verify(const unsigned char *secret, size_t len,
		    const char *code, int64_t now, int64_t last_step,
		    int64_t *step);

/* A fresh random secret. */
void	totp_secret_new(unsigned char out[TOTP_SECRET_LEN]);
/* The secret in base32 (RFC 4648, no padding) into out. */
void	totp_base32(const unsigned char secret[TOTP_SECRET_LEN],
	    char out[TOTP_B32_LEN + 1]);
/* otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&
 * digits=6&period=30, the parts URL-escaped; in a. */
const char *totp_uri(struct arena *a, const char *issuer,
	    const char *account, const char *b32);

/* Seal secret under key: hex of nonce and box into a. */
const char *totp_seal(struct arena *a, const unsigned char key[TOTP_KEY_LEN],
	    const unsigned char secret[TOTP_SECRET_LEN]);
/* Open what totp_seal made: 0, or -1 when it is damaged or was sealed
 * under another key. */
int	totp_open(const unsigned char key[TOTP_KEY_LEN], const char *sealed,
	    unsigned char secret[TOTP_SECRET_LEN]);

/* A fresh recovery code, "xxxxx-xxxxx" from 31 letters and digits that
 * cannot be mistaken for one another (about 49 bits). */
void	totp_recovery_new(char out[TOTP_RECOVERY_LEN + 1]);
/* The keyed hash of a typed recovery code (case, blanks and hyphens
 * ignored) into out: 0, or -1 when it cannot be a recovery code. */
int	totp_recovery_hash(const unsigned char key[TOTP_KEY_LEN],
	    const char *code, char out[TOTP_HASH_LEN + 1]);

/* ---- the rows ---- */

/* A user's TOTP row. */
struct totp_row {
	char		*sealed;	/* in the arena given */
	int64_t		 on_at;		/* 0: enrolment not confirmed */
	int64_t		 last_step;
};

/* 0, DB_DONE when the user has none, or < 0. */
int	totp_get(struct db_conn *c, struct arena *a, int64_t uid,
	    struct totp_row *out);
/* Begin (or begin again) an enrolment with a new sealed secret; an
 * enrolment already confirmed is left alone (DB_DONE). */
int	totp_begin(struct db_conn *c, int64_t uid, const char *sealed,
	    int64_t now);
/* Turn it on at step, and replace the recovery codes with the hashes
 * given (n of them): run in a transaction.  DB_DONE when no enrolment
 * was waiting. */
int	totp_confirm(struct db_conn *c, int64_t uid, int64_t step,
	    int64_t now, char hashes[][TOTP_HASH_LEN + 1], size_t n);
/* Record step as used: DB_OK, DB_DONE when a code of that step (or a
 * later one) was taken first — by a racing request too. */
int	totp_use_step(struct db_conn *c, int64_t uid, int64_t step);
/* Use one recovery code: DB_OK, DB_DONE when it is unknown or used. */
int	totp_use_recovery(struct db_conn *c, int64_t uid, const char *hash,
	    int64_t now);
/* Unused recovery codes into *n. */
int	totp_recovery_left(struct db_conn *c, int64_t uid, int64_t *n);
/* Turn two-step off: the secret and the recovery codes go. */
int	totp_delete(struct db_conn *c, int64_t uid);

/* Whether user uid must have two-step sign-in (the instance or one of
 * their organisations requires it) and whether they have it on. */
int	totp_due(struct db_conn *c, int64_t uid, bool *required, bool *on);
/* The instance's setting. */
int	totp_instance_required(struct db_conn *c, bool *on);
int	totp_instance_set(struct db_conn *c, bool on);
/* An organisation's setting. */
int	totp_org_required(struct db_conn *c, int64_t org, bool *on);
int	totp_org_set(struct db_conn *c, int64_t org, bool on, int64_t by,
	    int64_t now);

/* Half-done sign-ins: a token (cookie) for uid until expires_at. */
int	totp_pending_put(struct db_conn *c, const char *token_hash,
	    int64_t uid, int64_t expires_at);
/* The user of an unexpired one: 0, DB_DONE, or < 0. */
int	totp_pending_get(struct db_conn *c, const char *token_hash,
	    int64_t now, int64_t *uid);
/* End it (and every expired one). */
int	totp_pending_end(struct db_conn *c, const char *token_hash,
	    int64_t now);

#endif
