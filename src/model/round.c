#include "model/round.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/figures.h"
#include "model/org.h"
#include "model/office.h"
#include "model/peer.h"
#include "model/policy.h"

static const char link_tags[LINK_KIND__MAX] = {
	[LINK_RESPONDENT] = 'r',
	[LINK_SHARED] = 's',
	[LINK_CARD] = 'e',	/* not used: card tokens are not MACs */
};

/* 16 bytes of keyed BLAKE2b over "<tag>:<id>", base64url: 22 chars. */
static void
link_mac(const unsigned char *secret, const char *msg, size_t n,
    char out[23])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)msg, n,
	    secret, 32);
	sodium_bin2base64(out, 23, h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
link_token(const unsigned char *secret, enum link_kind k, int64_t id,
    char out[LINK_TOKEN_MAX + 1])
{
	char msg[32], mac[23];
	int n;

	n = snprintf(msg, sizeof(msg), "%c:%" PRId64, link_tags[k], id);
	link_mac(secret, msg, (size_t)n, mac);
	snprintf(out, LINK_TOKEN_MAX + 1, "%" PRId64 ".%s", id, mac);
}

int64_t
link_verify(const unsigned char *secret, enum link_kind k, const char *token)
{
	char want[LINK_TOKEN_MAX + 1];
	const char *dot;
	long id;

	if (token == NULL || strlen(token) > LINK_TOKEN_MAX ||
	    (dot = strchr(token, '.')) == NULL)
		return 0;
	if (str_to_long((struct str){ token, (size_t)(dot - token) }, 1,
	    INT64_MAX / 2, &id) != 0)
		return 0;
	link_token(secret, k, id, want);
	if (strlen(want) != strlen(token) ||
	    sodium_memcmp(want, token, strlen(want)) != 0)
		return 0;
	return id;
}

void
link_csrf(const unsigned char *secret, const char *token,
    char out[LINK_TOKEN_MAX + 1])
{
	char msg[LINK_TOKEN_MAX + 3];
	int n = snprintf(msg, sizeof(msg), "c:%s", token);

	link_mac(secret, msg, (size_t)n < sizeof(msg) ? (size_t)n :
	    sizeof(msg) - 1, out);
}

int
round_create(struct db_conn *c, int64_t org_id, const char *title,
    int64_t user_id, int64_t *id)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_INSERT);
	int rc;

	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, str_c(title));
	db_bind_int(st, 3, account_now());
	db_bind_int(st, 4, user_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*id = db_col_int(st, 0);
	return db_exec(st);
}

static int
round_row(struct db_stmt *st, struct arena *a, struct round *r)
{
	int rc = db_step(st);

	if (rc != DB_ROW)
		return rc;
	r->id = db_col_int(st, 0);
	r->org_id = db_col_int(st, 1);
	r->title = arena_cstr(a, db_col_text(st, 2));
	r->open = str_eq_c(db_col_text(st, 3), "open");
	r->opened_at = db_col_int(st, 4);
	r->closed_at = db_col_int(st, 5);
	r->revision = db_col_int(st, 6);
	r->deadline = arena_cstr(a, db_col_text(st, 7));
	r->shared_cap = (long)db_col_int(st, 8);
	r->complete = 0;
	return 0;
}

bool
round_deadline_ok(const char *s)
{
	return policy_date_ok(s);
}

int
round_set_deadline(struct db_conn *c, int64_t id, int64_t org_id,
    const char *date)
{
	struct db_stmt *st;
	int rc;

	if (date != NULL && date[0] != '\0' && !round_deadline_ok(date))
		return DB_E_CONSTRAINT;
	st = db_stmt(c, STMT_ROUND_SET_DEADLINE);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if (date != NULL && date[0] != '\0')
		db_bind_text(st, 3, str_c(date));
	else
		db_bind_null(st, 3);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
round_get(struct db_conn *c, struct arena *a, int64_t id, int64_t org_id,
    struct round *r)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_GET);

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	return round_row(st, a, r);
}

int
round_find(struct db_conn *c, struct arena *a, int64_t id, struct round *r)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_FIND);

	db_bind_int(st, 1, id);
	return round_row(st, a, r);
}

/* Append one element to an arena array that doubles. */
#define GROW(a, arr, n, cap) do {					\
	if ((n) == (cap)) {						\
		size_t nc_ = (cap) ? (cap) * 2 : 16;			\
		void *nv_ = arena_alloc((a), nc_ * sizeof(*(arr)));	\
		if ((n))						\
			memcpy(nv_, (arr), (n) * sizeof(*(arr)));	\
		(arr) = nv_;						\
		(cap) = nc_;						\
	}								\
} while (0)

int
round_list(struct db_conn *c, struct arena *a, int64_t org_id,
    struct round **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_LIST);
	size_t cap = 0;
	int rc;

	db_bind_int(st, 1, org_id);
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct round *r;

		GROW(a, *out, *n, cap);
		r = &(*out)[(*n)++];
		r->id = db_col_int(st, 0);
		r->org_id = org_id;
		r->title = arena_cstr(a, db_col_text(st, 1));
		r->open = str_eq_c(db_col_text(st, 2), "open");
		r->opened_at = db_col_int(st, 3);
		r->closed_at = db_col_int(st, 4);
		r->complete = (int)db_col_int(st, 5);
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
round_comment_get(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, struct round_comment *out)
{
	struct db_stmt *st = db_stmt(c, STMT_COMMENT_GET);
	int rc;

	out->body = out->by = "";
	out->updated_at = 0;
	db_bind_int(st, 1, round_id);
	db_bind_int(st, 2, org_id);
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	out->body = arena_cstr(a, db_col_text(st, 0));
	out->updated_at = db_col_int(st, 1);
	out->by = arena_cstr(a, db_col_text(st, 2));
	return DB_OK;
}

int
round_comment_put(struct db_conn *c, int64_t round_id, int64_t org_id,
    const char *body, int64_t user_id)
{
	struct db_stmt *st = db_stmt(c, body[0] != '\0' ? STMT_COMMENT_PUT :
	    STMT_COMMENT_DELETE);

	db_bind_int(st, 1, round_id);
	db_bind_int(st, 2, org_id);
	if (body[0] == '\0')
		return db_exec(st);
	db_bind_text(st, 3, str_c(body));
	db_bind_int(st, 4, account_now());
	if (user_id > 0)
		db_bind_int(st, 5, user_id);
	else
		db_bind_null(st, 5);
	return db_exec(st);
}

int
round_close(struct db_conn *c, int64_t id, int64_t org_id)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_CLOSE);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, account_now());
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
round_finish(struct db_conn *c, struct arena *a, int64_t id, int64_t org_id)
{
	struct diag_resp *resp;
	struct diag_result res;
	struct org o;
	size_t n;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	rc = round_close(c, id, org_id);
	if (rc == DB_OK && (rc = round_answers(c, a, id, org_id, &resp,
	    &n)) == DB_OK && (rc = org_get(c, a, org_id, &o)) == 0) {
		diag_compute(resp, n, &res);
		rc = peer_round_closed(c, a, &o, id, account_now(), &res);
	}
	if (rc == DB_OK)
		rc = figures_refresh(c, org_id, account_now());
	if (rc == DB_OK)
		rc = office_refresh_org(c, NULL, org_id);
	if (rc != DB_OK) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c);
}

int
round_reopen(struct db_conn *c, struct arena *a, int64_t id, int64_t org_id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_ROUND_REOPEN);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if ((rc = db_exec(st)) == DB_OK && db_changes(c) != 1)
		rc = DB_DONE;
	if (rc == DB_OK)
		rc = peer_round_reopened(c, a, org_id, id);
	if (rc == DB_OK)
		rc = figures_refresh(c, org_id, account_now());
	if (rc == DB_OK)
		rc = office_refresh_org(c, NULL, org_id);
	if (rc != DB_OK) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c);
}

int
round_get_prev(struct db_conn *c, struct arena *a, int64_t id,
    int64_t org_id, struct round *r, struct round *prev)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_GET_PREV);
	int rc;

	memset(prev, 0, sizeof(*prev));
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if ((rc = round_row(st, a, r)) != 0)
		return rc;
	if (r->id != id)
		return DB_DONE;	/* only an earlier round: id is not theirs */
	if ((rc = round_row(st, a, prev)) == DB_DONE) {
		memset(prev, 0, sizeof(*prev));
		return 0;
	}
	return rc;
}

int
resp_create(struct db_conn *c, const struct respondent *p, int64_t *id)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_INSERT);
	char enc[DIAG_ITEMS + 1];
	int rc;

	diag_encode(p->ans, enc);
	db_bind_int(st, 1, p->round_id);
	db_bind_int(st, 2, p->org_id);
	db_bind_text(st, 3, str_c(diag_role_key(p->role)));
	db_bind_text(st, 4, str_c(p->name ? p->name : ""));
	db_bind_text(st, 5, str_c(p->via));
	db_bind_text(st, 6, str_c(enc));
	db_bind_int(st, 7, p->complete);
	db_bind_int(st, 8, account_now());
	db_bind_text(st, 9, str_c(p->department ? p->department : ""));
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*id = db_col_int(st, 0);
	return db_exec(st);
}

long
round_shared_cap_default(long band_min, long band_max)
{
	long top = band_max > 0 ? band_max : band_min;

	if (top <= 0 || top > ROUND_SHARED_CAP_MAX / 3)
		return top <= 0 ? ROUND_SHARED_CAP_MIN : ROUND_SHARED_CAP_MAX;
	return 3 * top < ROUND_SHARED_CAP_MIN ? ROUND_SHARED_CAP_MIN : 3 * top;
}

int
round_set_shared_cap(struct db_conn *c, int64_t id, int64_t org_id,
    long cap)
{
	struct db_stmt *st;
	int rc;

	if (cap < 0 || cap > ROUND_SHARED_CAP_MAX)
		return DB_E_CONSTRAINT;
	st = db_stmt(c, STMT_ROUND_SET_SHARED_CAP);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if (cap > 0)
		db_bind_int(st, 3, cap);
	else
		db_bind_null(st, 3);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
resp_count_shared(struct db_conn *c, int64_t round_id, int64_t org_id,
    long *n)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_COUNT_SHARED);
	int rc;

	db_bind_int(st, 1, round_id);
	db_bind_int(st, 2, org_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : DB_E_IO;
	*n = (long)db_col_int(st, 0);
	return db_exec(st);
}

static void
resp_fill(struct db_stmt *st, struct arena *a, struct respondent *p,
    int role_col)
{
	struct str role = db_col_text(st, role_col);
	struct str ans = db_col_text(st, role_col + 2);
	int r = diag_role_from_key(role.p, role.n);

	p->role = r < 0 ? DIAG_ROLE_EMPLOYEE : (enum diag_role)r;
	p->name = arena_cstr(a, db_col_text(st, role_col + 1));
	if (diag_decode(ans.p, ans.n, p->ans) != 0)
		memset(p->ans, 0, sizeof(p->ans));
	p->complete = db_col_int(st, role_col + 3) != 0;
}

int
resp_get(struct db_conn *c, struct arena *a, int64_t id,
    struct respondent *p)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_GET);
	int rc;

	/* zeroed whatever the outcome: callers read round_open even when
	 * the respondent is gone (deleted) */
	memset(p, 0, sizeof(*p));
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	p->id = db_col_int(st, 0);
	p->round_id = db_col_int(st, 1);
	p->org_id = db_col_int(st, 2);
	resp_fill(st, a, p, 3);
	p->round_open = str_eq_c(db_col_text(st, 7), "open");
	p->round_title = arena_cstr(a, db_col_text(st, 8));
	p->round_deadline = arena_cstr(a, db_col_text(st, 9));
	return 0;
}

int
resp_save(struct db_conn *c, int64_t id, const unsigned char *ans,
    bool complete)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_SAVE);
	char enc[DIAG_ITEMS + 1];
	int rc;

	diag_encode(ans, enc);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, str_c(enc));
	db_bind_int(st, 3, complete);
	db_bind_int(st, 4, account_now());
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

int
resp_save_write(struct db_conn *c, void *arg)
{
	struct resp_write *w = arg;

	return resp_save(c, w->id, w->ans, w->complete);
}

static int	resp_create_capped(struct db_conn *, const struct respondent *,
		    long, int64_t *);

int
resp_create_write(struct db_conn *c, void *arg)
{
	struct resp_write *w = arg;

	if (w->cap > 0)
		return resp_create_capped(c, w->p, w->cap, &w->new_id);
	return resp_create(c, w->p, &w->new_id);
}

int
resp_save_durable(struct db *db, int64_t id, const unsigned char *ans,
    bool complete)
{
	struct resp_write w = { .id = id, .ans = ans, .complete = complete };

	return db_write(db, resp_save_write, &w);
}

int
resp_create_durable(struct db *db, const struct respondent *p, int64_t *id)
{
	struct resp_write w = { .p = p };
	int rc = db_write(db, resp_create_write, &w);

	if (rc == DB_OK)
		*id = w.new_id;
	return rc;
}

int
resp_list(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, struct respondent **out, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_LIST);
	size_t cap = 0;
	int rc;

	db_bind_int(st, 1, round_id);
	db_bind_int(st, 2, org_id);
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct respondent *p;

		GROW(a, *out, *n, cap);
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		p->id = db_col_int(st, 0);
		p->round_id = round_id;
		p->org_id = org_id;
		resp_fill(st, a, p, 1);
		p->via = arena_cstr(a, db_col_text(st, 5));
		p->created_at = db_col_int(st, 6);
		p->email = arena_cstr(a, db_col_text(st, 7));
		p->department = arena_cstr(a, db_col_text(st, 8));
	}
	return rc == DB_DONE ? DB_OK : rc;
}

/* Lock round id of org_id for a change of its respondents, in the
 * caller's transaction: 0 with *open and *closed_at, DB_DONE when it is
 * not there, or < 0. */
static int
round_lock(struct db_conn *c, int64_t id, int64_t org_id, bool *open,
    int64_t *closed_at)
{
	struct db_stmt *st = db_stmt(c, STMT_ROUND_LOCK);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*open = str_eq_c(db_col_text(st, 0), "open");
	*closed_at = db_col_int(st, 1);
	return 0;
}

/*
 * The respondents of closed round id changed: work its peer figures out
 * again as round_finish did, inside the caller's transaction.  With
 * complete answers left they replace the organisation's figures unless a
 * later round already speaks for it (peer_round_closed); with none, the
 * round's figures are withdrawn as a reopening would (peer_round_
 * reopened).
 */
static int
round_repeer(struct db_conn *c, struct arena *a, int64_t id, int64_t org_id,
    int64_t closed_at)
{
	struct diag_resp *resp;
	struct diag_result res;
	struct org o;
	size_t n;
	int rc;

	if ((rc = round_answers(c, a, id, org_id, &resp, &n)) != DB_OK)
		return rc;
	if (n == 0)
		rc = peer_round_reopened(c, a, org_id, id);
	else if ((rc = org_get(c, a, org_id, &o)) != 0)
		return rc < 0 ? rc : DB_E_IO;
	else {
		diag_compute(resp, n, &res);
		rc = peer_round_closed(c, a, &o, id, closed_at, &res);
	}
	if (rc == DB_OK)
		rc = figures_refresh(c, org_id, account_now());
	return rc == DB_OK ? office_refresh_org(c, NULL, org_id) : rc;
}

/* resp_get() scoped to a round of an organisation. */
static int
resp_get_in(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, int64_t id, struct respondent *p)
{
	int rc = resp_get(c, a, id, p);

	if (rc == 0 && (p->round_id != round_id || p->org_id != org_id))
		rc = DB_DONE;
	return rc;
}

static int
resp_del_row(struct db_conn *c, int64_t round_id, int64_t org_id,
    int64_t id)
{
	struct db_stmt *st = db_stmt(c, STMT_RESP_DELETE);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, round_id);
	db_bind_int(st, 3, org_id);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) == 1 ? DB_OK : DB_DONE;
}

/* End the transaction a change of respondents began: commit on DB_OK,
 * else roll back and pass rc on. */
static int
resp_tx_end(struct db_conn *c, int rc)
{
	if (rc != DB_OK) {
		db_rollback(c);
		return rc;
	}
	return db_commit(c);
}

/* The body of resp_create_shared, inside the caller's transaction. */
static int
resp_create_capped(struct db_conn *c, const struct respondent *p, long cap,
    int64_t *id)
{
	int64_t closed_at;
	bool open;
	long n = 0;
	int rc;

	/* the round's row lock orders sign-ups on PostgreSQL; SQLite's
	 * BEGIN IMMEDIATE already does */
	rc = round_lock(c, p->round_id, p->org_id, &open, &closed_at);
	if (rc == 0)
		rc = resp_count_shared(c, p->round_id, p->org_id, &n);
	if (rc == DB_OK && n >= cap)
		rc = DB_DONE;
	if (rc == DB_OK)
		rc = resp_create(c, p, id);
	return rc;
}

int
resp_create_shared(struct db_conn *c, const struct respondent *p,
    long cap, int64_t *id)
{
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	return resp_tx_end(c, resp_create_capped(c, p, cap, id));
}

int
resp_delete(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, int64_t id)
{
	int64_t closed_at;
	bool open;
	int rc;

	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	rc = round_lock(c, round_id, org_id, &open, &closed_at);
	if (rc == 0)
		rc = resp_del_row(c, round_id, org_id, id);
	if (rc == DB_OK && !open)
		rc = round_repeer(c, a, round_id, org_id, closed_at);
	return resp_tx_end(c, rc);
}

void
resp_merge_answers(unsigned char keep[DIAG_ITEMS],
    const unsigned char other[DIAG_ITEMS], struct resp_merge *out)
{
	int i, answered = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < DIAG_ITEMS; i++) {
		if (keep[i] == DIAG_NONE && other[i] != DIAG_NONE) {
			keep[i] = other[i];
			out->filled++;
		} else if (keep[i] != DIAG_NONE && other[i] != DIAG_NONE &&
		    keep[i] != other[i])
			out->conflicts++;
		answered += keep[i] != DIAG_NONE;
	}
	out->complete = answered == DIAG_ITEMS;
}

int
resp_merge(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, int64_t keep_id, int64_t drop_id,
    struct resp_merge *out)
{
	struct respondent keep, drop;
	struct resp_merge m;
	struct db_stmt *st;
	char enc[DIAG_ITEMS + 1];
	int64_t closed_at;
	bool open;
	int rc;

	if (keep_id == drop_id)
		return DB_DONE;
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	rc = round_lock(c, round_id, org_id, &open, &closed_at);
	if (rc == 0)
		rc = resp_get_in(c, a, round_id, org_id, keep_id, &keep);
	if (rc == 0)
		rc = resp_get_in(c, a, round_id, org_id, drop_id, &drop);
	if (rc == 0) {
		resp_merge_answers(keep.ans, drop.ans, &m);
		diag_encode(keep.ans, enc);
		st = db_stmt(c, STMT_RESP_SET_ANSWERS);
		db_bind_int(st, 1, keep_id);
		db_bind_int(st, 2, round_id);
		db_bind_int(st, 3, org_id);
		db_bind_text(st, 4, str_c(enc));
		db_bind_int(st, 5, m.complete);
		db_bind_int(st, 6, account_now());
		if ((rc = db_exec(st)) == DB_OK && db_changes(c) != 1)
			rc = DB_DONE;
	}
	if (rc == DB_OK)
		rc = resp_del_row(c, round_id, org_id, drop_id);
	if (rc == DB_OK && !open)
		rc = round_repeer(c, a, round_id, org_id, closed_at);
	if (rc == DB_OK && out != NULL)
		*out = m;
	return resp_tx_end(c, rc);
}

/* One respondent imported from CSV, as resp_find_dups compares them. */
struct dup_key {
	const char	*key;	/* role, answers, name: one string */
	size_t		 i;	/* index into have[] */
	bool		 used;	/* already matched a row */
};

static const char *
dup_key_of(struct arena *a, enum diag_role role, const char *name,
    const unsigned char *ans)
{
	char enc[DIAG_ITEMS + 1];

	diag_encode(ans, enc);
	/* \x1f never occurs in a role key or in encoded answers, and a
	 * name is last, so no two triples give the same string. */
	return arena_printf(a, "%s\x1f%s\x1f%s", diag_role_key(role), enc,
	    name ? name : "");
}

static int
dup_key_cmp(const void *x, const void *y)
{
	const struct dup_key *p = x, *q = y;
	int d = strcmp(p->key, q->key);

	return d ? d : (p->i > q->i) - (p->i < q->i);
}

void
resp_find_dups(const struct respondent *have, size_t nhave,
    const struct diag_resp *rows, size_t n, struct arena *a,
    struct resp_dup *out)
{
	struct dup_key *k;
	size_t nk = 0, i;

	memset(out, 0, sizeof(*out));
	out->row = arena_alloc(a, (n + 1) * sizeof(*out->row));
	out->resp = arena_alloc(a, (n + 1) * sizeof(*out->resp));
	k = arena_alloc(a, (nhave + 1) * sizeof(*k));
	for (i = 0; i < nhave; i++) {
		if (have[i].via == NULL || strcmp(have[i].via, "csv") != 0)
			continue;
		k[nk].key = dup_key_of(a, have[i].role, have[i].name,
		    have[i].ans);
		k[nk].i = i;
		k[nk++].used = false;
	}
	if (nk == 0)
		return;
	qsort(k, nk, sizeof(*k), dup_key_cmp);
	for (i = 0; i < n; i++) {
		const char *want = dup_key_of(a, rows[i].role, rows[i].name,
		    rows[i].ans);
		size_t lo = 0, hi = nk;
		const struct respondent *h;

		/* the first key not below want */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (strcmp(k[mid].key, want) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo < nk && k[lo].used && strcmp(k[lo].key, want) == 0)
			lo++;
		if (lo == nk || strcmp(k[lo].key, want) != 0)
			continue;
		k[lo].used = true;
		h = &have[k[lo].i];
		out->row[out->n] = i;
		out->resp[out->n++] = h->id;
		if (out->imported_at == 0 || h->created_at < out->imported_at)
			out->imported_at = h->created_at;
	}
}

int
resp_import(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, const struct diag_resp *rows, size_t n, bool force,
    struct resp_dup *dup)
{
	struct respondent *have;
	size_t nhave, i;
	int64_t closed_at;
	bool open;
	int rc;

	memset(dup, 0, sizeof(*dup));
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	rc = round_lock(c, round_id, org_id, &open, &closed_at);
	if (rc == 0 && !open)
		rc = DB_DONE;
	if (rc == 0 && (rc = resp_list(c, a, round_id, org_id, &have,
	    &nhave)) == DB_OK)
		resp_find_dups(have, nhave, rows, n, a, dup);
	if (rc == DB_OK && dup->n > 0 && !force) {
		db_rollback(c);	/* nothing stored: the caller asks */
		return DB_OK;
	}
	for (i = 0; rc == DB_OK && i < n; i++) {
		struct respondent p = {
			.round_id = round_id, .org_id = org_id,
			.role = rows[i].role, .name = rows[i].name,
			.complete = true, .via = "csv",
			.department = rows[i].department,
		};
		int64_t id;

		memcpy(p.ans, rows[i].ans, sizeof(p.ans));
		rc = resp_create(c, &p, &id);
	}
	return resp_tx_end(c, rc);
}

void
round_progress_of(const struct respondent *p, size_t n,
    struct round_progress *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		struct diag_resp d = { .ans = { 0 } };

		memcpy(d.ans, p[i].ans, DIAG_ITEMS);
		if (p[i].complete)
			out->complete++;
		else if (diag_resp_answered(&d) > 0)
			out->started++;
		else
			out->untouched++;
	}
}

int
round_answers_progress(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, struct diag_resp **out, size_t *n,
    struct round_progress *prog)
{
	struct respondent *p;
	size_t np, i;
	int rc;

	if ((rc = resp_list(c, a, round_id, org_id, &p, &np)) != DB_OK)
		return rc;
	*out = arena_alloc(a, (np + 1) * sizeof(**out));
	*n = 0;
	for (i = 0; i < np; i++) {
		if (!p[i].complete)
			continue;
		(*out)[*n].name = p[i].name;
		(*out)[*n].department = p[i].department;
		(*out)[*n].role = p[i].role;
		memcpy((*out)[*n].ans, p[i].ans, DIAG_ITEMS);
		(*n)++;
	}
	if (prog != NULL)
		round_progress_of(p, np, prog);
	return DB_OK;
}

int
round_answers(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, struct diag_resp **out, size_t *n)
{
	return round_answers_progress(c, a, round_id, org_id, out, n, NULL);
}

int
round_departments(struct db_conn *c, struct arena *a, int64_t round_id,
    int64_t org_id, struct dept_row **out, size_t *n)
{
	struct respondent *p;
	struct diag_resp *r;
	const char **dept;
	size_t np, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = resp_list(c, a, round_id, org_id, &p, &np)) != DB_OK)
		return rc;
	r = arena_alloc(a, (np + 1) * sizeof(*r));
	dept = arena_alloc(a, (np + 1) * sizeof(*dept));
	for (i = 0; i < np; i++) {
		r[i].name = p[i].name;
		r[i].role = p[i].role;
		memcpy(r[i].ans, p[i].ans, sizeof(r[i].ans));
		dept[i] = p[i].department;
	}
	dept_compute(r, dept, np, a, out, n);
	return DB_OK;
}
