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
#include "model/dept.h"
#include "model/diag.h"

enum link_kind {
	LINK_RESPONDENT,	/* /r/{token}: one respondent */
	LINK_SHARED,		/* /s/{token}: anyone of a round picks a role */
	LINK_CARD,		/* /c/{token}: an organisation's emergency card;
				   a random token stored hashed
				   (model/bcpcard.h), never a MAC of these */
	LINK_KIND__MAX
};

/* Longest token: 20 digits, '.', 22 characters of MAC. */
#define LINK_TOKEN_MAX	48

#define ROUND_TITLE_MAX	200	/* characters (code points) of a title */
#define RESP_NAME_MAX	100	/* characters of a respondent's name (the
				   CSV import's DIAG_CSV_NAME_MAX) */

#define RESP_DEPT_MAX	50	/* characters of a respondent's department */
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
	/* the most respondents its shared link may make, as the admin set
	 * it; 0: round_shared_cap_default() */
	long	 shared_cap;
};

/* Bounds of a shared link's cap: the default never goes below MIN, and
 * an admin may set 1…MAX. */
#define ROUND_SHARED_CAP_MIN	50
#define ROUND_SHARED_CAP_MAX	100000

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
	int64_t		 created_at;	/* resp_list only: when it was made */
	const char	*email;		/* resp_list only: the address for
					   reminders (model/mailq.h), "" */
	/* the department given on the shared link or set by the admin on
	 * a personal one, "" none (resp_create writes it, resp_list reads
	 * it; at most RESP_DEPT_MAX characters) */
	const char	*department;
};

/* What merging one respondent's answers into another's did. */
struct resp_merge {
	int	 filled;	/* items the kept one lacked, taken from the
				   other */
	int	 conflicts;	/* items both answered differently: the kept
				   one's answer stays */
	bool	 complete;	/* the merged answers cover every item */
};

/* Rows of a CSV file that are already in a round. */
struct resp_dup {
	size_t	 n;		/* rows already there (0: none) */
	size_t	*row;		/* their indexes into the file's rows,
				   ascending (in the caller's arena) */
	int64_t	*resp;		/* the respondent each one matched */
	int64_t	 imported_at;	/* when the earliest of those respondents
				   was imported (created_at) */
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
/*
 * The cap of a shared link when the admin set none: three times the top
 * of the organisation's employee band (band_max; its bottom band_min when
 * the band is open, band_max 0), at least ROUND_SHARED_CAP_MIN, at most
 * ROUND_SHARED_CAP_MAX.
 */
long	round_shared_cap_default(long band_min, long band_max);
/* Set (cap 1…ROUND_SHARED_CAP_MAX) or clear (cap 0: the default) the cap
 * of round id's shared link.  DB_OK, DB_DONE when there is no such round,
 * DB_E_CONSTRAINT when cap is out of range, or < 0. */
int	round_set_shared_cap(struct db_conn *c, int64_t id, int64_t org_id,
	    long cap);
/* Respondents round_id's shared link has made, into *n.  DB_OK or < 0. */
int	resp_count_shared(struct db_conn *c, int64_t round_id, int64_t org_id,
	    long *n);
/*
 * resp_create() for the shared link of round p->round_id (p->via must be
 * "shared"), only while it has made fewer than cap respondents; counted
 * and made in one transaction, so concurrent sign-ups never pass the cap.
 * DB_OK with *id, DB_DONE when the cap is reached (nothing made), or < 0.
 */
int	resp_create_shared(struct db_conn *c, const struct respondent *p,
	    long cap, int64_t *id);
/* Unscoped (capability links): 0, DB_DONE, or < 0; *p is zeroed first,
 * so it reads as empty (and its round as closed) when not found. */
int	resp_get(struct db_conn *c, struct arena *a, int64_t id,
	    struct respondent *p);
/* Store answers.  DB_OK, or DB_DONE when the round is closed. */
int	resp_save(struct db_conn *c, int64_t id, const unsigned char *ans,
	    bool complete);
/*
 * resp_save() and resp_create() as durable writes of their own
 * (db_write): they return once the change is on disk, sharing one
 * transaction and one fsync with the other answers stored at the same
 * moment, and a failure of another one does not fail them.  Same results
 * as the functions they wrap.  The caller holds no connection of db.
 */
int	resp_save_durable(struct db *db, int64_t id, const unsigned char *ans,
	    bool complete);
int	resp_create_durable(struct db *db, const struct respondent *p,
	    int64_t *id);
/* The same for db_write_queue(): fill a struct resp_write (kept alive
 * until done) and queue resp_save_write or resp_create_write with it. */
struct resp_write {
	int64_t				 id;	/* resp_save: whose */
	const unsigned char		*ans;	/* resp_save */
	bool				 complete;	/* resp_save */
	const struct respondent		*p;	/* resp_create */
	/* resp_create through the shared link: made only while the link has
	 * made fewer than cap (> 0) respondents, else DB_DONE */
	long				 cap;
	int64_t				 new_id;	/* OUT: resp_create */
};
int	resp_save_write(struct db_conn *c, void *arg);
int	resp_create_write(struct db_conn *c, void *arg);
/* All respondents of a round (scoped). */
int	resp_list(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, struct respondent **out, size_t *n);

/*
 * Delete respondent id of round round_id of org_id, open round or closed.
 * On a closed round the organisation's peer figures are worked out again
 * from the respondents left, in the same transaction (see round_repeer
 * in round.c).  Respondent ids are never reused (sql/sqlite/0007), so
 * the deleted person's link opens nothing any more.  DB_OK, DB_DONE when
 * the round or the respondent is not there, < 0 on error (nothing
 * changed).
 */
int	resp_delete(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, int64_t id);
/*
 * Fill the items keep[] has not answered (DIAG_NONE) from other[]; where
 * both answered differently keep[]'s answer stays.  *out says what
 * happened.  Pure.
 */
void	resp_merge_answers(unsigned char keep[DIAG_ITEMS],
	    const unsigned char other[DIAG_ITEMS], struct resp_merge *out);
/*
 * The same person answered twice: respondent keep_id of round round_id
 * of org_id takes the answers it lacks from drop_id (resp_merge_answers;
 * its name, position and link stay), then drop_id is deleted, all in one
 * transaction that also works out a closed round's peer figures again.
 * *out (may be NULL) says what the merge did.  DB_OK, DB_DONE when the
 * round or either respondent is not there (or they are the same one),
 * < 0 on error (nothing changed).
 */
int	resp_merge(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, int64_t keep_id, int64_t drop_id,
	    struct resp_merge *out);
/*
 * Which of rows[0..n) (a CSV file just read) are already in the round
 * whose respondents are have[0..nhave): a row is there when a respondent
 * imported from CSV has the same position, name and 25 answers; each
 * respondent stands for one row at most, so a file with the same line
 * twice matches twice only when the round holds it twice.  Results in
 * a.  O((n + nhave) log nhave).
 */
void	resp_find_dups(const struct respondent *have, size_t nhave,
	    const struct diag_resp *rows, size_t n, struct arena *a,
	    struct resp_dup *out);
/*
 * Import rows[0..n) of a CSV file into open round round_id of org_id,
 * all or nothing.  Unless force, rows already in the round
 * (resp_find_dups, read in the same transaction) refuse the whole file:
 * DB_OK with dup->n > 0 and nothing stored.  DB_OK with dup->n == 0 (or
 * force) when stored; DB_DONE when the round is not open (or not there);
 * < 0 on error (nothing stored).  dup is in a.
 */
int	resp_import(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, const struct diag_resp *rows, size_t n,
	    bool force, struct resp_dup *dup);

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

/* Round round_id of org_id by department (model/dept.h): its
 * respondents read and grouped, *out in a, *n of them (0: no complete
 * respondent gave a department).  DB_OK or < 0. */
int	round_departments(struct db_conn *c, struct arena *a, int64_t round_id,
	    int64_t org_id, struct dept_row **out, size_t *n);

#endif
