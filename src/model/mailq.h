/*
 * mailq: the e-mail queue in the database and what people turned off.
 * A message is queued inside the write that causes it (the caller's
 * transaction); any node's worker (mail/worker.c) claims a batch with a
 * lease, sends, and marks each sent, or queued again after a back-off,
 * or failed after the most attempts.  A node that dies while it holds a
 * lease leaves its messages in 'sending' until the lease runs out; then
 * another node claims them.  Functions taking a struct db_conn run on the
 * caller's thread with the caller's connection; the pure ones are
 * thread-safe.
 */
#ifndef MAMORI_MODEL_MAILQ_H
#define MAMORI_MODEL_MAILQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* What a message is about: each a checkbox of the account page but the
 * invitation, which goes to someone who has no account yet. */
enum mail_kind {
	MAIL_INVITE,		/* an invitation link */
	MAIL_ROUND_REMIND,	/* a round's reminder to a respondent */
	MAIL_PLAN_DUE,		/* a plan row due soon or overdue */
	MAIL_INCIDENT_DUE,	/* an incident's report deadline */
	MAIL_FOLLOW_UP,		/* an advisor programme's follow-up */
	MAIL_KIND__MAX
};

enum mailq_state {
	MAILQ_QUEUED,
	MAILQ_SENDING,
	MAILQ_SENT,
	MAILQ_FAILED,
	MAILQ_STATE__MAX
};

/* "invite", "round_remind", "plan_due", "incident_due", "follow_up". */
const char	*mailq_kind_key(enum mail_kind k);
/* The kind of key s, or -1. */
int		 mailq_kind_from_key(const char *s);
/* Whether a person may turn kind k off (every kind but invitations). */
bool		 mailq_kind_optional(enum mail_kind k);
const char	*mailq_state_key(enum mailq_state s);
int		 mailq_state_from_key(const char *s);

/* A message to queue; every string UTF-8, composed already. */
struct mailq_new {
	const char	*to;		/* the address */
	const char	*lang;		/* "ja" or "en" */
	enum mail_kind	 kind;
	const char	*subject;
	const char	*text;
	const char	*html;
	const char	*unsub_url;	/* NULL or "": none */
	const char	*dedupe;	/* NULL: none; else queued once ever */
};
/*
 * Queue m at now unless its address turned its kind off or its dedupe
 * key was queued before: DB_OK with *id (NULL: not wanted), DB_DONE when
 * nothing was queued for either reason, or < 0.
 */
int		 mailq_enqueue(struct db_conn *c, const struct mailq_new *m,
		    int64_t now, int64_t *id);

/* A claimed message, strings in the arena given. */
struct mailq_item {
	int64_t		 id;
	char		*to, *lang, *kind, *subject, *text, *html, *unsub_url;
	long		 attempts;	/* with this one */
	int64_t		 created_at;
};
/*
 * Claim up to max messages due at now (queued and due, or sending with
 * a lease that ran out) for node until lease_until, in one transaction
 * of its own on c (c must be outside one).  *out (arena) and *n.  DB_OK
 * or < 0.
 */
int		 mailq_claim(struct db_conn *c, struct arena *a,
		    const char *node, int64_t lease_until, int64_t now,
		    size_t max, struct mailq_item **out, size_t *n);
/* Sent: DB_OK, DB_DONE when node no longer holds it, or < 0. */
int		 mailq_sent(struct db_conn *c, int64_t id, const char *node,
		    int64_t now);
/* Not sent (error err): queued again for next_try, or failed when it
 * has had max_attempts.  DB_OK, DB_DONE (not node's), or < 0. */
int		 mailq_fail(struct db_conn *c, int64_t id, const char *node,
		    long max_attempts, int64_t next_try, const char *err);
/* The wait after the attempts-th failed attempt: base seconds doubled
 * each time, at most cap.  Pure. */
int64_t		 mailq_backoff(long base, long attempts, long cap);

/* Messages in each state, into n (OUT).  DB_OK or < 0. */
int		 mailq_counts(struct db_conn *c,
		    int64_t n[MAILQ_STATE__MAX]);
/* A message that failed, or waits to be tried again after an error. */
struct mailq_trouble {
	int64_t		 id;
	const char	*to, *kind, *subject, *state, *last_error;
	long		 attempts;
	int64_t		 next_try_at, created_at;
};
/* The newest 200 of them: *out (arena), *n.  DB_OK or < 0. */
int		 mailq_troubles(struct db_conn *c, struct arena *a,
		    struct mailq_trouble **out, size_t *n);
/* Queue failed message id (0: every failed one) again from now, its
 * attempts counted afresh.  DB_OK, DB_DONE when none was failed, < 0. */
int		 mailq_retry(struct db_conn *c, int64_t id, int64_t now);

/* Which kinds address turned off, into off (OUT).  DB_OK or < 0. */
int		 mailq_off_get(struct db_conn *c, const char *address,
		    bool off[MAIL_KIND__MAX]);
/* Turn kind k off (off) or on again for address.  DB_OK or < 0. */
int		 mailq_off_set(struct db_conn *c, const char *address,
		    enum mail_kind k, bool off, int64_t now);

/* Take or keep the lease name for holder until until: DB_OK when holder
 * has it now, DB_DONE when another holds it, < 0 on error. */
int		 mailq_lease(struct db_conn *c, const char *name,
		    const char *holder, int64_t until, int64_t now);

/* A respondent's address ("" none): set (DB_OK, DB_DONE when there is
 * no such respondent of org) and read (arena; NULL when absent). */
int		 mailq_resp_set(struct db_conn *c, int64_t resp, int64_t org,
		    const char *address);
char		*mailq_resp_addr(struct db_conn *c, struct arena *a,
		    int64_t resp);

/* Who an unsubscribe link speaks for. */
enum mailq_who {
	MAILQ_WHO_USER,		/* users.id */
	MAILQ_WHO_RESP,		/* respondents.id */
	MAILQ_WHO__MAX
};
/* Longest unsubscribe token: kind, who, id, MAC. */
#define MAILQ_UNSUB_MAX	80
/* The capability token that turns kind k off for (who, id): "KIND.WID.
 * MAC", a keyed BLAKE2b under secret (32 bytes).  Pure. */
void		 mailq_unsub_token(const unsigned char *secret,
		    enum mail_kind k, enum mailq_who who, int64_t id,
		    char out[MAILQ_UNSUB_MAX + 1]);
/* What token names (OUT: *k, *who, *id), or -1 when it is malformed or
 * forged.  Pure; compares in constant time. */
int		 mailq_unsub_verify(const unsigned char *secret,
		    const char *token, enum mail_kind *k, enum mailq_who *who,
		    int64_t *id);

#endif
