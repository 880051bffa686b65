/*
 * round: diagnosis rounds and their respondents.  A respondent needs no
 * account: they hold a capability link whose token is the respondent id
 * and a keyed BLAKE2b of it under the instance secret, so links are
 * checked without a lookup table and can be shown again at any time.
 */
#ifndef MAMORI_MODEL_ROUND_H
#define MAMORI_MODEL_ROUND_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/diag.h"

enum link_kind {
	LINK_RESPONDENT,	/* /r/{token}: one respondent */
	LINK_SHARED,		/* /s/{token}: anyone of a round picks a role */
	LINK_KIND__MAX
};

/* Longest token: 20 digits, '.', 22 characters of MAC. */
#define LINK_TOKEN_MAX	48

#define ROUND_TITLE_MAX	200	/* characters (code points) of a title */
#define RESP_NAME_MAX	100	/* characters of a respondent's name (the
				   CSV import's DIAG_CSV_NAME_MAX) */

#define ROUND_COMMENT_MAX	2000	/* characters of an advisor's comment */

/* The advisor's (or organisation admin's) comment on a closed round. */
struct round_comment {
	const char	*body;		/* "" when there is none */
	int64_t		 updated_at;	/* 0 when there is none */
	const char	*by;		/* e-mail of who wrote it last, or "" */
};

struct round {
	int64_t	 id;
	int64_t	 org_id;
	char	*title;
	bool	 open;
	int64_t	 opened_at;
	int64_t	 closed_at;	/* 0 while open */
	int	 complete;	/* respondents who answered all items (lists) */
	int64_t	 revision;	/* bumped on every change of its answers */
	/* the day answers are asked for, YYYY-MM-DD, or "" for none (never
	 * NULL from round_get, round_find, round_get_prev) */
	char	*deadline;
};

/* Who has answered a round, as closing it would count them. */
struct round_progress {
	int	 complete;	/* answered all items: counted */
	int	 started;	/* answered some, not all: left out */
	int	 untouched;	/* answered nothing yet */
};

struct respondent {
	int64_t		 id;
	int64_t		 round_id;
	int64_t		 org_id;
	enum diag_role	 role;
	const char	*name;
	unsigned char	 ans[DIAG_ITEMS];
	bool		 complete;
	bool		 round_open;	/* resp_get only */
	const char	*round_title;	/* resp_get only */
	const char	*round_deadline;	/* resp_get only: YYYY-MM-DD or "" */
	const char	*via;		/* personal, shared, csv */
};

/* The token for a link, into out[LINK_TOKEN_MAX + 1]. */
void	link_token(const unsigned char *secret, enum link_kind k, int64_t id,
	    char out[LINK_TOKEN_MAX + 1]);
/* The id a token names, or 0 when it is malformed or forged. */
int64_t	link_verify(const unsigned char *secret, enum link_kind k,
	    const char *token);
/* CSRF token for forms reached through a link. */
void	link_csrf(const unsigned char *secret, const char *token,
	    char out[LINK_TOKEN_MAX + 1]);

int	round_create(struct db_conn *c, int64_t org_id, const char *title,
	    int64_t user_id, int64_t *id);
/* Scoped by organisation: another organisation's round is DB_DONE. */
int	round_get(struct db_conn *c, struct arena *a, int64_t id,
	    int64_t org_id, struct round *r);
/* Unscoped, for capability links only. */
int	round_find(struct db_conn *c, struct arena *a, int64_t id,
	    struct round *r);
int	round_list(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct round **out, size_t *n);
/* The comment on round round_id of organisation org_id into *out (strings
 * in a; body "" when none).  DB_OK or < 0. */
int	round_comment_get(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, struct round_comment *out);
/* Write (body not "") or remove (body "") the comment on a round of
 * org_id, as user_id.  The caller checks that the round is the
 * organisation's and closed.  DB_OK or < 0. */
int	round_comment_put(struct db_conn *c, int64_t round_id, int64_t org_id,
	    const char *body, int64_t user_id);
/* DB_OK when it was open and is now closed; DB_DONE when not open. */
int	round_close(struct db_conn *c, int64_t id, int64_t org_id);
/*
 * Close round id of org_id and, in the same transaction, make its results
 * the organisation's figures for the peer comparison (model/peer.h).
 * DB_OK when it closed now, DB_DONE when it was not open (or is not
 * there), < 0 on error (nothing changed).
 */
int	round_finish(struct db_conn *c, struct arena *a, int64_t id,
	    int64_t org_id);
/*
 * Open closed round id of org_id again and, in the same transaction,
 * withdraw its figures from the peer comparison (they come back when it
 * closes).  DB_OK when it was closed and is open now, DB_DONE when it was
 * not closed (or is not there), < 0 on error (nothing changed).
 */
int	round_reopen(struct db_conn *c, struct arena *a, int64_t id,
	    int64_t org_id);
/* Whether s is a deadline round_set_deadline() takes: a real day as
 * YYYY-MM-DD (policy_date_ok()). */
bool	round_deadline_ok(const char *s);
/*
 * Set the deadline of round id of org_id to date (YYYY-MM-DD), or remove
 * it when date is NULL or "".  DB_OK, DB_DONE when there is no such round,
 * DB_E_CONSTRAINT when date is not round_deadline_ok() (nothing
 * changed), or another error < 0.  Open and closed rounds alike.
 */
int	round_set_deadline(struct db_conn *c, int64_t id, int64_t org_id,
	    const char *date);
/* round_get() and the round before it in the same organisation in one
 * read; *prev is zeroed when there is none. */
int	round_get_prev(struct db_conn *c, struct arena *a, int64_t id,
	    int64_t org_id, struct round *r, struct round *prev);

int	resp_create(struct db_conn *c, const struct respondent *p,
	    int64_t *id);
/* Unscoped (capability links): 0, DB_DONE, or < 0. */
int	resp_get(struct db_conn *c, struct arena *a, int64_t id,
	    struct respondent *p);
/* Store answers.  DB_OK, or DB_DONE when the round is closed. */
int	resp_save(struct db_conn *c, int64_t id, const unsigned char *ans,
	    bool complete);
/* All respondents of a round (scoped). */
int	resp_list(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, struct respondent **out, size_t *n);
/* Insert many respondents in one transaction: all or nothing. */
int	resp_insert_all(struct db_conn *c, int64_t round_id, int64_t org_id,
	    const struct diag_resp *r, size_t n);

/* Count respondents p[0..n) by progress. */
void	round_progress_of(const struct respondent *p, size_t n,
	    struct round_progress *out);

/* Complete respondents of a round as diag_resp (names point into a). */
int	round_answers(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, struct diag_resp **out, size_t *n);
/* The same, with the progress of every respondent into *prog (NULL: not
 * wanted). */
int	round_answers_progress(struct db_conn *c, struct arena *a,
	    int64_t round_id, int64_t org_id, struct diag_resp **out,
	    size_t *n, struct round_progress *prog);

#endif
