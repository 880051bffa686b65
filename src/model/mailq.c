#include "model/mailq.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

static const char *const mailq_kinds[MAIL_KIND__MAX] = {
	[MAIL_INVITE] = "invite",
	[MAIL_ROUND_REMIND] = "round_remind",
	[MAIL_PLAN_DUE] = "plan_due",
	[MAIL_INCIDENT_DUE] = "incident_due",
	[MAIL_FOLLOW_UP] = "follow_up",
};

static const char *const mailq_states[MAILQ_STATE__MAX] = {
	[MAILQ_QUEUED] = "queued",
	[MAILQ_SENDING] = "sending",
	[MAILQ_SENT] = "sent",
	[MAILQ_FAILED] = "failed",
};

static const char mailq_whos[MAILQ_WHO__MAX] = {
	[MAILQ_WHO_USER] = 'u',
	[MAILQ_WHO_RESP] = 'r',
};

const char *
mailq_kind_key(enum mail_kind k)
{
	return mailq_kinds[k];
}

int
mailq_kind_from_key(const char *s)
{
	int k;

	for (k = 0; s != NULL && k < MAIL_KIND__MAX; k++)
		if (strcmp(s, mailq_kinds[k]) == 0)
			return k;
	return -1;
}

bool
mailq_kind_optional(enum mail_kind k)
{
	return k != MAIL_INVITE;
}

const char *
mailq_state_key(enum mailq_state s)
{
	return mailq_states[s];
}

int
mailq_state_from_key(const char *s)
{
	int k;

	for (k = 0; s != NULL && k < MAILQ_STATE__MAX; k++)
		if (strcmp(s, mailq_states[k]) == 0)
			return k;
	return -1;
}

static struct str
S_(const char *s)
{
	return str_c(s != NULL ? s : "");
}

int
mailq_enqueue(struct db_conn *c, const struct mailq_new *m, int64_t now,
    int64_t *id)
{
	bool off[MAIL_KIND__MAX];
	struct db_stmt *st;
	int rc;

	if (mailq_kind_optional(m->kind)) {
		if ((rc = mailq_off_get(c, m->to, off)) != DB_OK)
			return rc;
		if (off[m->kind])
			return DB_DONE;
	}
	st = db_stmt(c, STMT_MAIL_ENQUEUE);
	db_bind_text(st, 1, S_(m->to));
	db_bind_text(st, 2, S_(m->lang));
	db_bind_text(st, 3, str_c(mailq_kinds[m->kind]));
	db_bind_text(st, 4, S_(m->subject));
	db_bind_text(st, 5, S_(m->text));
	db_bind_text(st, 6, S_(m->html));
	db_bind_text(st, 7, S_(m->unsub_url));
	db_bind_int(st, 8, now);
	if (m->dedupe != NULL)
		db_bind_text(st, 9, str_c(m->dedupe));
	else
		db_bind_null(st, 9);
	db_bind_int(st, 10, now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		if (id != NULL)
			*id = db_col_int(st, 0);
		rc = db_step(st) == DB_DONE ? DB_OK : DB_E_IO;
		return rc;
	}
	return rc;		/* DB_DONE: seen before, or an error */
}

int
mailq_claim(struct db_conn *c, struct arena *a, const char *node,
    int64_t lease_until, int64_t now, size_t max, struct mailq_item **out,
    size_t *n)
{
	struct db_stmt *st;
	struct mailq_item *v;
	int rc;

	*out = NULL;
	*n = 0;
	v = arena_alloc(a, max * sizeof(*v));
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	st = db_stmt(c, STMT_MAIL_CLAIM);
	db_bind_text(st, 1, str_c(node));
	db_bind_int(st, 2, lease_until);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, (int64_t)max);
	while ((rc = db_step(st)) == DB_ROW) {
		struct mailq_item *m;

		if (*n == max)
			continue;
		m = &v[(*n)++];
		m->id = db_col_int(st, 0);
		m->to = arena_cstr(a, db_col_text(st, 1));
		m->lang = arena_cstr(a, db_col_text(st, 2));
		m->kind = arena_cstr(a, db_col_text(st, 3));
		m->subject = arena_cstr(a, db_col_text(st, 4));
		m->text = arena_cstr(a, db_col_text(st, 5));
		m->html = arena_cstr(a, db_col_text(st, 6));
		m->unsub_url = arena_cstr(a, db_col_text(st, 7));
		m->attempts = (long)db_col_int(st, 8);
		m->created_at = db_col_int(st, 9);
	}
	if (rc != DB_DONE) {
		db_rollback(c);
		*n = 0;
		return rc;
	}
	if ((rc = db_commit(c)) != DB_OK)
		*n = 0;
	else
		*out = v;
	return rc;
}

int
mailq_sent(struct db_conn *c, int64_t id, const char *node, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_SENT);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_text(st, 2, str_c(node));
	db_bind_int(st, 3, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

int
mailq_fail(struct db_conn *c, int64_t id, const char *node,
    long max_attempts, int64_t next_try, const char *err)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_FAIL);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_text(st, 2, str_c(node));
	db_bind_int(st, 3, max_attempts);
	db_bind_int(st, 4, next_try);
	db_bind_text(st, 5, S_(err));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

int64_t
mailq_backoff(long base, long attempts, long cap)
{
	int64_t w = base > 0 ? base : 1;
	long i;

	for (i = 1; i < attempts && w < cap; i++)
		w *= 2;
	return w < cap ? w : cap;
}

int
mailq_counts(struct db_conn *c, int64_t n[MAILQ_STATE__MAX])
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_COUNTS);
	int rc;

	memset(n, 0, MAILQ_STATE__MAX * sizeof(*n));
	while ((rc = db_step(st)) == DB_ROW) {
		struct str k = db_col_text(st, 0);
		int s;

		for (s = 0; s < MAILQ_STATE__MAX; s++)
			if (str_eq_c(k, mailq_states[s]))
				n[s] = db_col_int(st, 1);
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
mailq_troubles(struct db_conn *c, struct arena *a, struct mailq_trouble **out,
    size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_TROUBLE);
	struct mailq_trouble *v = arena_alloc(a, 200 * sizeof(*v));
	int rc;

	*n = 0;
	while ((rc = db_step(st)) == DB_ROW && *n < 200) {
		struct mailq_trouble *t = &v[(*n)++];

		t->id = db_col_int(st, 0);
		t->to = arena_cstr(a, db_col_text(st, 1));
		t->kind = arena_cstr(a, db_col_text(st, 2));
		t->subject = arena_cstr(a, db_col_text(st, 3));
		t->state = arena_cstr(a, db_col_text(st, 4));
		t->attempts = (long)db_col_int(st, 5);
		t->next_try_at = db_col_int(st, 6);
		t->last_error = arena_cstr(a, db_col_text(st, 7));
		t->created_at = db_col_int(st, 8);
	}
	*out = v;
	return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

int
mailq_retry(struct db_conn *c, int64_t id, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_RETRY);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

int
mailq_off_get(struct db_conn *c, const char *address, bool off[MAIL_KIND__MAX])
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_OFF_LIST);
	int rc;

	memset(off, 0, MAIL_KIND__MAX * sizeof(*off));
	db_bind_text(st, 1, S_(address));
	while ((rc = db_step(st)) == DB_ROW) {
		struct str k = db_col_text(st, 0);
		int i;

		for (i = 0; i < MAIL_KIND__MAX; i++)
			if (str_eq_c(k, mailq_kinds[i]))
				off[i] = true;
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int
mailq_off_set(struct db_conn *c, const char *address, enum mail_kind k,
    bool off, int64_t now)
{
	struct db_stmt *st = db_stmt(c, off ? STMT_MAIL_OFF_PUT :
	    STMT_MAIL_OFF_DEL);

	db_bind_text(st, 1, S_(address));
	db_bind_text(st, 2, str_c(mailq_kinds[k]));
	if (off)
		db_bind_int(st, 3, now);
	return db_exec(st);
}

int
mailq_lease(struct db_conn *c, const char *name, const char *holder,
    int64_t until, int64_t now)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_LEASE);
	int rc;

	db_bind_text(st, 1, str_c(name));
	db_bind_text(st, 2, str_c(holder));
	db_bind_int(st, 3, until);
	db_bind_int(st, 4, now);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

int
mailq_resp_set(struct db_conn *c, int64_t resp, int64_t org,
    const char *address)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_RESP_SET);
	int rc;

	db_bind_int(st, 1, resp);
	db_bind_int(st, 2, org);
	db_bind_text(st, 3, S_(address));
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return db_changes(c) > 0 ? DB_OK : DB_DONE;
}

char *
mailq_resp_addr(struct db_conn *c, struct arena *a, int64_t resp)
{
	struct db_stmt *st = db_stmt(c, STMT_MAIL_RESP_ADDR);

	db_bind_int(st, 1, resp);
	if (db_step(st) != DB_ROW)
		return NULL;
	return arena_cstr(a, db_col_text(st, 0));
}

/* 16 bytes of keyed BLAKE2b over msg, base64url: 22 characters. */
static void
unsub_mac(const unsigned char *secret, const char *msg, char out[23])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)msg,
	    strlen(msg), secret, 32);
	sodium_bin2base64(out, 23, h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
mailq_unsub_token(const unsigned char *secret, enum mail_kind k,
    enum mailq_who who, int64_t id, char out[MAILQ_UNSUB_MAX + 1])
{
	char msg[96], mac[23];

	snprintf(msg, sizeof(msg), "mail-off:%s:%c%" PRId64, mailq_kinds[k],
	    mailq_whos[who], id);
	unsub_mac(secret, msg, mac);
	snprintf(out, MAILQ_UNSUB_MAX + 1, "%s.%c%" PRId64 ".%s",
	    mailq_kinds[k], mailq_whos[who], id, mac);
}

int
mailq_unsub_verify(const unsigned char *secret, const char *token,
    enum mail_kind *k, enum mailq_who *who, int64_t *id)
{
	char want[MAILQ_UNSUB_MAX + 1], kind[32];
	const char *d1, *d2;
	long v;
	int kk, w;

	if (token == NULL || strlen(token) > MAILQ_UNSUB_MAX ||
	    (d1 = strchr(token, '.')) == NULL ||
	    (d2 = strchr(d1 + 1, '.')) == NULL ||
	    (size_t)(d1 - token) >= sizeof(kind) || d2 - d1 < 3)
		return -1;
	memcpy(kind, token, (size_t)(d1 - token));
	kind[d1 - token] = '\0';
	if ((kk = mailq_kind_from_key(kind)) < 0 || !mailq_kind_optional(
	    (enum mail_kind)kk))
		return -1;
	for (w = 0; w < MAILQ_WHO__MAX; w++)
		if (d1[1] == mailq_whos[w])
			break;
	if (w == MAILQ_WHO__MAX || str_to_long((struct str){ d1 + 2,
	    (size_t)(d2 - d1 - 2) }, 1, INT64_MAX / 2, &v) != 0)
		return -1;
	mailq_unsub_token(secret, (enum mail_kind)kk, (enum mailq_who)w, v,
	    want);
	if (strlen(want) != strlen(token) ||
	    sodium_memcmp(want, token, strlen(want)) != 0)
		return -1;
	*k = (enum mail_kind)kk;
	*who = (enum mailq_who)w;
	*id = v;
	return 0;
}
