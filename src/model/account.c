#include "model/account.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/str.h"
#include "base/xalloc.h"

/* OWASP's argon2id minimum (m=19 MiB, t=2, p=1): ~20 ms here, and a
 * 19 MiB peak instead of libsodium's 64 MiB "interactive" preset. */
#define PW_OPSLIMIT	2
#define PW_MEMLIMIT	(19u << 20)

static const char *const user_role_keys[USER_ROLE__MAX] = {
	[USER_ADMIN] = "admin",
	[USER_ADVISOR] = "advisor",
	[USER_MEMBER] = "member",
};

const char *
user_role_key(enum user_role r)
{
	return user_role_keys[r];
}

int
user_role_from_key(const char *s)
{
	int i;

	for (i = 0; i < USER_ROLE__MAX; i++)
		if (strcmp(user_role_keys[i], s) == 0)
			return i;
	return -1;
}

int64_t
account_now(void)
{
	return (int64_t)time(NULL);
}

void
account_token(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
account_token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof(h));
}

int
account_password_ok(const char *pw)
{
	/* Characters, as the rule says: 10 of あ are as good as 10 of a. */
	size_t n = str_utf8_count(str_c(pw));

	return n >= 10 && n <= 256 ? 0 : -1;
}

char *
account_hash_password(const char *pw)
{
	char *out = xmalloc(crypto_pwhash_STRBYTES);

	if (crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT,
	    PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

bool
account_check_password(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

const char *
account_dummy_hash(void)
{
	/* argon2id of a random string nobody knows, same parameters. */
	return "$argon2id$v=19$m=19456,t=2,p=1$"
	    "c29tZXNhbHRzb21lc2FsdA$"
	    "0kVwQfqAZpUFDmN1bLk8nXyq5mWy0kGcLk7m9pEoI2g";
}

int
account_email_norm(struct arena *a, const char *in, char **out)
{
	struct str s = str_trim(str_c(in));
	const char *at;
	char *p;
	size_t i;

	if (s.n < 3 || s.n > 254)
		return -1;
	at = memchr(s.p, '@', s.n);
	if (at == NULL || at == s.p || memchr(at + 1, '@',
	    s.n - (size_t)(at - s.p) - 1) != NULL)
		return -1;
	if (memchr(at + 1, '.', s.n - (size_t)(at - s.p) - 1) == NULL ||
	    s.p[s.n - 1] == '.' || at[1] == '.')
		return -1;
	p = arena_cstr(a, s);
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' ||
		    c == '"' || c == ',' || c == ';')
			return -1;
		p[i] = (char)tolower(c);
	}
	*out = p;
	return 0;
}

static int
user_row(struct db_stmt *st, struct arena *a, struct user *u)
{
	int rc = db_step(st);
	int role;

	if (rc != DB_ROW)
		return rc;
	u->id = db_col_int(st, 0);
	u->email = arena_cstr(a, db_col_text(st, 1));
	u->pw_hash = arena_cstr(a, db_col_text(st, 2));
	role = user_role_from_key(arena_cstr(a, db_col_text(st, 3)));
	u->role = role < 0 ? USER_MEMBER : (enum user_role)role;
	u->lang = str_eq_c(db_col_text(st, 4), "en") ? 1 : 0;
	return 0;
}

int
user_by_email(struct db_conn *c, struct arena *a, const char *email,
    struct user *u)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_BY_EMAIL);

	db_bind_text(st, 1, str_c(email));
	return user_row(st, a, u);
}

int
user_by_id(struct db_conn *c, struct arena *a, int64_t id, struct user *u)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_BY_ID);

	db_bind_int(st, 1, id);
	return user_row(st, a, u);
}

int
user_by_token(struct db_conn *c, struct arena *a, const char *token,
    int64_t now, struct user *u, struct token_use *tu)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_BY_TOKEN);
	char h[TOKEN_HASH_LEN + 1];
	int64_t used, expires;
	int rc;

	account_token_hash(token, h);
	db_bind_text(st, 1, str_c(h));
	db_bind_int(st, 2, now);
	if ((rc = user_row(st, a, u)) != 0)
		return rc;
	used = db_col_int(st, 5);
	expires = db_col_int(st, 6);
	(void)db_stmt(c, STMT_USER_BY_TOKEN);	/* reset: no read left open */
	/* The last use to the minute: a burst of calls writes once. */
	if (now - used >= 60) {
		st = db_stmt(c, STMT_USER_TOKEN_USED);
		db_bind_int(st, 1, u->id);
		db_bind_int(st, 2, now);
		(void)db_exec(st);	/* bookkeeping: a failure is no refusal */
		used = now;
	}
	if (tu != NULL) {
		tu->expires_at = expires;
		tu->used_at = used;
	}
	return 0;
}

int
user_insert(struct db_conn *c, const char *email, const char *pw_hash,
    enum user_role role, int lang, int64_t *id)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_INSERT);
	int rc;

	db_bind_text(st, 1, str_c(email));
	db_bind_text(st, 2, str_c(pw_hash));
	db_bind_text(st, 3, str_c(user_role_key(role)));
	db_bind_text(st, 4, str_c(lang == 1 ? "en" : "ja"));
	db_bind_int(st, 5, account_now());
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*id = db_col_int(st, 0);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	/* An account exists now: no first-admin link may make another. */
	return once_revoke_setup(c);
}

int
user_count(struct db_conn *c, int64_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_COUNT);
	int rc;

	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*n = db_col_int(st, 0);
	return db_exec(st);
}

int
user_new_token(struct db_conn *c, int64_t id, int64_t expires_at,
    char out[TOKEN_LEN + 1])
{
	struct db_stmt *st = db_stmt(c, STMT_USER_SET_TOKEN);
	char h[TOKEN_HASH_LEN + 1];

	account_token(out);
	account_token_hash(out, h);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, str_c(h));
	db_bind_int(st, 3, expires_at);
	return db_exec(st);
}

int
user_revoke_token(struct db_conn *c, int64_t id)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_REVOKE_TOKEN);
	int rc;

	db_bind_int(st, 1, id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

int
user_token_info(struct db_conn *c, int64_t id, int64_t *expires_at,
    int64_t *used_at)
{
	struct db_stmt *st = db_stmt(c, STMT_USER_TOKEN_GET);
	int rc;

	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*expires_at = db_col_int(st, 0);
	*used_at = db_col_int(st, 1);
	(void)db_stmt(c, STMT_USER_TOKEN_GET);
	return 0;
}

int
session_create(struct db_conn *c, int64_t user_id, int64_t org_id,
    long ttl, char cookie[TOKEN_LEN + 1], char csrf[TOKEN_LEN + 1])
{
	struct db_stmt *st = db_stmt(c, STMT_SESSION_INSERT);
	char h[TOKEN_HASH_LEN + 1];
	int64_t now = account_now();

	account_token(cookie);
	account_token(csrf);
	account_token_hash(cookie, h);
	db_bind_text(st, 1, str_c(h));
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, str_c(csrf));
	if (org_id > 0)
		db_bind_int(st, 4, org_id);
	else
		db_bind_null(st, 4);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, now + ttl);
	return db_exec(st);
}

int
session_delete(struct db_conn *c, const char *cookie_hash)
{
	struct db_stmt *st = db_stmt(c, STMT_SESSION_DELETE);

	db_bind_text(st, 1, str_c(cookie_hash));
	return db_exec(st);
}

int
once_create(struct db_conn *c, const char *kind, int64_t org_id,
    const char *role, int64_t created_by, long ttl,
    char token[TOKEN_LEN + 1])
{
	struct db_stmt *st = db_stmt(c, STMT_ONCE_INSERT);
	char h[TOKEN_HASH_LEN + 1];

	account_token(token);
	account_token_hash(token, h);
	db_bind_text(st, 1, str_c(h));
	db_bind_text(st, 2, str_c(kind));
	if (org_id > 0)
		db_bind_int(st, 3, org_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, str_c(role));
	if (created_by > 0)
		db_bind_int(st, 5, created_by);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, account_now() + ttl);
	return db_exec(st);
}

int
once_peek(struct db_conn *c, struct arena *a, const char *token,
    struct once_link *out)
{
	struct db_stmt *st = db_stmt(c, STMT_ONCE_GET);
	char h[TOKEN_HASH_LEN + 1];
	int rc;

	account_token_hash(token, h);
	db_bind_text(st, 1, str_c(h));
	db_bind_int(st, 2, account_now());
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	out->kind = arena_cstr(a, db_col_text(st, 0));
	out->org_id = db_col_int(st, 1);
	out->role = arena_cstr(a, db_col_text(st, 2));
	out->org_name = arena_cstr(a, db_col_text(st, 4));
	out->by_email = arena_cstr(a, db_col_text(st, 5));
	return 0;
}

int
once_take(struct db_conn *c, const char *token)
{
	struct db_stmt *st = db_stmt(c, STMT_ONCE_USE);
	char h[TOKEN_HASH_LEN + 1];
	int rc;

	account_token_hash(token, h);
	db_bind_text(st, 1, str_c(h));
	db_bind_int(st, 2, account_now());
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? 0 : DB_DONE;
}

int
once_revoke_setup(struct db_conn *c)
{
	struct db_stmt *st = db_stmt(c, STMT_ONCE_REVOKE_SETUP);

	db_bind_int(st, 1, account_now());
	return db_exec(st);
}

int
setup_lock(struct db_conn *c)
{
	return db_exec(db_stmt(c, STMT_SETUP_LOCK));
}

long
rate_hit(struct db_conn *c, const char *key, long window)
{
	struct db_stmt *st = db_stmt(c, STMT_RATE_HIT);
	long hits;
	int rc;

	db_bind_text(st, 1, str_c(key));
	db_bind_int(st, 2, account_now());
	db_bind_int(st, 3, window);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	hits = (long)db_col_int(st, 0);
	db_exec(st);
	return hits;
}

long
rate_get(struct db_conn *c, const char *key, long window)
{
	struct db_stmt *st = db_stmt(c, STMT_RATE_GET);
	long hits;
	int rc;

	db_bind_text(st, 1, str_c(key));
	db_bind_int(st, 2, account_now());
	db_bind_int(st, 3, window);
	if ((rc = db_step(st)) == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	hits = (long)db_col_int(st, 0);
	db_exec(st);
	return hits;
}

void
rate_clear(struct db_conn *c, const char *key)
{
	struct db_stmt *st = db_stmt(c, STMT_RATE_CLEAR);

	db_bind_text(st, 1, str_c(key));
	db_exec(st);
}
