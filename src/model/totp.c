#include "model/totp.h"

#include <ctype.h>
#include <oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"
#include "db/stmt.h"

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_ready = -1;

static void
oath_start(void)
{
	oath_ready = oath_init() == OATH_OK ? 0 : -1;
}

int
totp_code(const unsigned char *secret, size_t len, int64_t t, int digits,
    char *out)
{
	pthread_once(&oath_once, oath_start);
	if (oath_ready != 0 || digits < 6 || digits > 8 || t < 0)
		return -1;
	if (oath_totp_generate((const char *)secret, len, (time_t)t,
	    TOTP_STEP, 0, (unsigned)digits, out) != OATH_OK)
		return -1;
	return 0;
}

enum totp_check
totp_verify(const unsigned char *secret, size_t len, const char *code,
    int64_t now, int64_t last_step, int64_t *step)
{
	char typed[TOTP_DIGITS + 1], want[TOTP_DIGITS + 1];
	size_t n = 0;
	int64_t s, cur = now / TOTP_STEP;
	enum totp_check rc = TOTP_WRONG;

	if (code == NULL)
		return TOTP_WRONG;
	for (; *code != '\0'; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (!isdigit((unsigned char)*code) || n == TOTP_DIGITS)
			return TOTP_WRONG;
		typed[n++] = *code;
	}
	if (n != TOTP_DIGITS)
		return TOTP_WRONG;
	typed[n] = '\0';
	/* Every step of the window is computed, so the time taken does
	 * not say which one matched. */
	for (s = cur - 1; s <= cur + 1; s++) {
		if (totp_code(secret, len, s * TOTP_STEP, TOTP_DIGITS,
		    want) != 0)
			return TOTP_WRONG;
		if (sodium_memcmp(want, typed, TOTP_DIGITS) == 0 &&
		    rc == TOTP_WRONG) {
			*step = s;
			rc = s > last_step ? TOTP_OK : TOTP_REUSED;
		}
	}
	return rc;
}

void
totp_secret_new(unsigned char out[TOTP_SECRET_LEN])
{
	randombytes_buf(out, TOTP_SECRET_LEN);
}

void
totp_base32(const unsigned char secret[TOTP_SECRET_LEN],
    char out[TOTP_B32_LEN + 1])
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t i, o = 0;
	unsigned acc = 0;
	int bits = 0;

	/* 160 bits are 32 base32 letters exactly: no padding. */
	for (i = 0; i < TOTP_SECRET_LEN; i++) {
		acc = (acc << 8) | secret[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = abc[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
}

const char *
totp_uri(struct arena *a, const char *issuer, const char *account,
    const char *b32)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_adds(&b, "otpauth://totp/");
	esc_url(&b, str_c(issuer));
	buf_adds(&b, ":");
	esc_url(&b, str_c(account));
	buf_printf(&b, "?secret=%s&issuer=", b32);
	esc_url(&b, str_c(issuer));
	buf_printf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS,
	    TOTP_STEP);
	s = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

#define SEALED_BIN	(crypto_secretbox_NONCEBYTES + \
	crypto_secretbox_MACBYTES + TOTP_SECRET_LEN)

const char *
totp_seal(struct arena *a, const unsigned char key[TOTP_KEY_LEN],
    const unsigned char secret[TOTP_SECRET_LEN])
{
	unsigned char bin[SEALED_BIN];
	char *hex = arena_alloc(a, SEALED_BIN * 2 + 1);

	randombytes_buf(bin, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(bin + crypto_secretbox_NONCEBYTES, secret,
	    TOTP_SECRET_LEN, bin, key);
	sodium_bin2hex(hex, SEALED_BIN * 2 + 1, bin, sizeof(bin));
	sodium_memzero(bin, sizeof(bin));
	return hex;
}

int
totp_open(const unsigned char key[TOTP_KEY_LEN], const char *sealed,
    unsigned char secret[TOTP_SECRET_LEN])
{
	unsigned char bin[SEALED_BIN];
	size_t n = 0;

	if (sealed == NULL || strlen(sealed) != SEALED_BIN * 2 ||
	    sodium_hex2bin(bin, sizeof(bin), sealed, strlen(sealed), NULL,
	    &n, NULL) != 0 || n != sizeof(bin))
		return -1;
	if (crypto_secretbox_open_easy(secret, bin +
	    crypto_secretbox_NONCEBYTES, sizeof(bin) -
	    crypto_secretbox_NONCEBYTES, bin, key) != 0)
		return -1;
	return 0;
}

/* No 0/o, 1/l/i: a code copied from paper reads one way. */
static const char rc_abc[] = "abcdefghjkmnpqrstuvwxyz23456789";

void
totp_recovery_new(char out[TOTP_RECOVERY_LEN + 1])
{
	size_t i, o = 0;

	for (i = 0; i < 10; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = rc_abc[randombytes_uniform(sizeof(rc_abc) - 1)];
	}
	out[o] = '\0';
}

int
totp_recovery_hash(const unsigned char key[TOTP_KEY_LEN], const char *code,
    char out[TOTP_HASH_LEN + 1])
{
	char norm[11];
	unsigned char h[32];
	size_t n = 0;

	if (code == NULL)
		return -1;
	for (; *code != '\0'; code++) {
		int ch = tolower((unsigned char)*code);

		if (ch == ' ' || ch == '-')
			continue;
		if (ch == '\0' || strchr(rc_abc, ch) == NULL || n == 10)
			return -1;
		norm[n++] = (char)ch;
	}
	if (n != 10)
		return -1;
	crypto_generichash(h, sizeof(h), (const unsigned char *)norm, n,
	    key, TOTP_KEY_LEN);
	sodium_bin2hex(out, TOTP_HASH_LEN + 1, h, sizeof(h));
	return 0;
}

/* ---- the rows ---- */

int
totp_get(struct db_conn *c, struct arena *a, int64_t uid,
    struct totp_row *out)
{
	struct db_stmt *st = db_stmt(c, STMT_TOTP_GET);
	int rc;

	db_bind_int(st, 1, uid);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_DONE : rc;
	out->sealed = arena_cstr(a, db_col_text(st, 0));
	out->on_at = db_col_int(st, 1);
	out->last_step = db_col_int(st, 2);
	db_step(st);
	return 0;
}

int
totp_begin(struct db_conn *c, int64_t uid, const char *sealed, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_TOTP_BEGIN);
	int rc;

	db_bind_int(st, 1, uid);
	db_bind_text(st, 2, str_c(sealed));
	db_bind_int(st, 3, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
totp_confirm(struct db_conn *c, int64_t uid, int64_t step, int64_t now,
    char hashes[][TOTP_HASH_LEN + 1], size_t n)
{
	struct db_stmt *st = db_stmt(c, STMT_TOTP_CONFIRM);
	size_t i;
	int rc;

	db_bind_int(st, 1, uid);
	db_bind_int(st, 2, step);
	db_bind_int(st, 3, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) != 1)
		return DB_DONE;
	st = db_stmt(c, STMT_RECOVERY_DELETE);
	db_bind_int(st, 1, uid);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		st = db_stmt(c, STMT_RECOVERY_INSERT);
		db_bind_int(st, 1, uid);
		db_bind_text(st, 2, str_c(hashes[i]));
		if ((rc = db_exec(st)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

int
totp_use_step(struct db_conn *c, int64_t uid, int64_t step)
{
	struct db_stmt *st = db_stmt(c, STMT_TOTP_STEP);
	int rc;

	db_bind_int(st, 1, uid);
	db_bind_int(st, 2, step);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
totp_use_recovery(struct db_conn *c, int64_t uid, const char *hash,
    int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_RECOVERY_USE);
	int rc;

	db_bind_int(st, 1, uid);
	db_bind_text(st, 2, str_c(hash));
	db_bind_int(st, 3, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

static int
count_of(struct db_stmt *st, int64_t *n)
{
	int rc = db_step(st);

	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*n = db_col_int(st, 0);
	db_step(st);
	return DB_OK;
}

int
totp_recovery_left(struct db_conn *c, int64_t uid, int64_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_RECOVERY_LEFT);

	db_bind_int(st, 1, uid);
	return count_of(st, n);
}

int
totp_delete(struct db_conn *c, int64_t uid)
{
	struct db_stmt *st = db_stmt(c, STMT_RECOVERY_DELETE);
	int rc;

	db_bind_int(st, 1, uid);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_TOTP_DELETE);
	db_bind_int(st, 1, uid);
	return db_exec(st);
}

int
totp_due(struct db_conn *c, int64_t uid, bool *required, bool *on)
{
	struct db_stmt *st = db_stmt(c, STMT_TWOSTEP_DUE);
	int rc;

	db_bind_int(st, 1, uid);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*on = db_col_int(st, 0) > 0;
	*required = str_eq_c(db_col_text(st, 1), "1") ||
	    db_col_int(st, 2) > 0;
	db_step(st);
	return DB_OK;
}

#define META_KEY	"twostep_required"

int
totp_instance_required(struct db_conn *c, bool *on)
{
	struct db_stmt *st = db_stmt(c, STMT_META_GET);
	int rc;

	db_bind_text(st, 1, STR_LIT(META_KEY));
	*on = false;
	if ((rc = db_step(st)) == DB_ROW) {
		*on = str_eq_c(db_col_text(st, 0), "1");
		db_step(st);
		return DB_OK;
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
totp_instance_set(struct db_conn *c, bool on)
{
	struct db_stmt *st = db_stmt(c, STMT_META_PUT);

	db_bind_text(st, 1, STR_LIT(META_KEY));
	db_bind_text(st, 2, on ? STR_LIT("1") : STR_LIT("0"));
	return db_exec(st);
}

int
totp_org_required(struct db_conn *c, int64_t org, bool *on)
{
	struct db_stmt *st = db_stmt(c, STMT_ORG_TWOSTEP_GET);
	int64_t n = 0;
	int rc;

	db_bind_int(st, 1, org);
	rc = count_of(st, &n);
	*on = n > 0;
	return rc;
}

int
totp_org_set(struct db_conn *c, int64_t org, bool on, int64_t by,
    int64_t now)
{
	struct db_stmt *st = db_stmt(c, on ? STMT_ORG_TWOSTEP_ON :
	    STMT_ORG_TWOSTEP_OFF);

	db_bind_int(st, 1, org);
	if (on) {
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, by);
	}
	return db_exec(st);
}

int
totp_pending_put(struct db_conn *c, const char *token_hash, int64_t uid,
    int64_t expires_at)
{
	struct db_stmt *st = db_stmt(c, STMT_LOGIN_STEP_PUT);

	db_bind_text(st, 1, str_c(token_hash));
	db_bind_int(st, 2, uid);
	db_bind_int(st, 3, expires_at);
	return db_exec(st);
}

int
totp_pending_get(struct db_conn *c, const char *token_hash, int64_t now,
    int64_t *uid)
{
	struct db_stmt *st = db_stmt(c, STMT_LOGIN_STEP_GET);
	int rc;

	db_bind_text(st, 1, str_c(token_hash));
	db_bind_int(st, 2, now);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? DB_DONE : rc;
	*uid = db_col_int(st, 0);
	db_step(st);
	return 0;
}

int
totp_pending_end(struct db_conn *c, const char *token_hash, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_LOGIN_STEP_END);

	db_bind_text(st, 1, str_c(token_hash));
	db_bind_int(st, 2, now);
	return db_exec(st);
}
