#include "model/bcpcard.h"

#include <string.h>

#include "base/str.h"

int
bcpcard_make(struct db_conn *c, int64_t org, int64_t user, int64_t now,
    char tok[TOKEN_LEN + 1])
{
	struct db_stmt *st = db_stmt(c, STMT_CARD_PUT);
	char h[TOKEN_HASH_LEN + 1];

	account_token(tok);
	account_token_hash(tok, h);
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(h));
	db_bind_int(st, 3, now);
	if (user > 0)
		db_bind_int(st, 4, user);
	else
		db_bind_null(st, 4);
	return db_exec(st);
}

int
bcpcard_get(struct db_conn *c, struct arena *a, int64_t org,
    struct bcpcard *out)
{
	struct db_stmt *st = db_stmt(c, STMT_CARD_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	out->by = "";
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	out->created_at = db_col_int(st, 0);
	out->by = arena_cstr(a, db_col_text(st, 1));
	return DB_OK;
}

int
bcpcard_revoke(struct db_conn *c, int64_t org)
{
	struct db_stmt *st = db_stmt(c, STMT_CARD_DELETE);

	db_bind_int(st, 1, org);
	return db_exec(st);
}

int
bcpcard_find(struct db_conn *c, const char *token, int64_t *org)
{
	struct db_stmt *st;
	char h[TOKEN_HASH_LEN + 1];
	int rc;

	*org = 0;
	/* only what account_token makes: no lookup for anything else */
	if (token == NULL || strlen(token) != TOKEN_LEN ||
	    strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") != TOKEN_LEN)
		return DB_DONE;
	st = db_stmt(c, STMT_CARD_FIND);
	account_token_hash(token, h);
	db_bind_text(st, 1, str_c(h));
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*org = db_col_int(st, 0);
	return DB_OK;
}
