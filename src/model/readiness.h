/*
 * readiness: SECURITY ACTION.  One star: the company declares it works on
 * the five principles, which it records here one by one.  Two stars: it
 * has also done the self-diagnosis (a closed round with answers) and set
 * a basic security policy and made it public.
 *
 * The company's own diagnosis can contradict a principle it recorded as
 * done.  Each principle has the diagnosis item that asks about it (our
 * reading, content/security_action.yaml says so; IPA publishes no such
 * table).  The rule, ours too: a principle recorded as done is
 * contradicted when, in the latest round with complete answers (closed,
 * or open with at least one complete respondent), more than half of the
 * complete answers to its item are "not implemented" or "don't know".
 */
#ifndef MAMORI_MODEL_READINESS_H
#define MAMORI_MODEL_READINESS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/diag.h"

/* The five principles, in this order (content/security_action.yaml). */
enum sa_principle {
	SA_UPDATES,	/* OS and software up to date */
	SA_ANTIVIRUS,	/* anti-virus, definitions current */
	SA_PASSWORDS,	/* strong passwords */
	SA_SHARING,	/* sharing settings reviewed */
	SA_THREATS,	/* threats and attack methods known */
	SA__MAX
};

/* What is missing for a star, as keys the API names. */
enum sa_missing {
	SAM_DIAGNOSIS,		/* "diagnosis" */
	SAM_POLICY,		/* "policy" */
	SAM_POLICY_PUBLISHED,	/* "policy_published" */
	SAM__MAX
};

/* What the latest diagnosis says about one principle's item. */
struct sa_check {
	int	 answers;	/* complete answers to the item */
	int	 weak;		/* of them "not implemented" or "don't know" */
	bool	 contradicted;	/* recorded as done, and weak * 2 > answers */
};

struct sa_state {
	bool	 done[SA__MAX];		/* the company says it does it */
	int64_t	 updated_at[SA__MAX];	/* when that was recorded (0: never) */
	bool	 diagnosis;		/* a closed round with answers */
	bool	 policy;		/* a basic policy is set */
	bool	 policy_published;	/* and public */
	bool	 one_star;
	bool	 two_star;
	int64_t	 check_round;		/* the round checked against; 0: none */
	const char *check_title;	/* its title (the arena given); or "" */
	struct sa_check check[SA__MAX];
	bool	 contradicted;		/* any check[].contradicted */
};

/* "updates"… and back (-1 when unknown). */
const char	*sa_key(enum sa_principle p);
int		 sa_from_key(const char *s);
const char	*sa_missing_key(enum sa_missing m);
/* The diagnosis item (0-based) that asks about a principle. */
int		 sa_item(enum sa_principle p);

/* Fill s->check[] and s->contradicted from the complete answers resp[n]
 * of one round, by the rule above; s->done[] must be set.  Pure. */
void	sa_check_answers(struct sa_state *s, const struct diag_resp *resp,
	    size_t n);

/* The stars a company is ready for (0, 1 or 2) from what they rest on:
 * how many of the five principles it records as done, whether it has a
 * closed round with answers, an approved policy, a published one.  The
 * one rule behind sa_state.one_star/two_star and the organisation list.
 * Pure. */
int	sa_stars(int principles_done, bool diagnosis, bool policy,
	    bool policy_published);

/* The organisation's state.  DB_OK or < 0. */
int	sa_load(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct sa_state *out);
/* Record one principle as done or not.  DB_OK or < 0. */
int	sa_record(struct db_conn *c, int64_t org_id, enum sa_principle p,
	    bool done, int64_t user_id);

#endif
