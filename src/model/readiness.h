/*
 * readiness: SECURITY ACTION.  One star: the company declares it works on
 * the five principles, which it records here one by one.  Two stars: it
 * has also done the self-diagnosis (a closed round with answers) and set
 * a basic security policy and made it public.
 */
#ifndef MAMORI_MODEL_READINESS_H
#define MAMORI_MODEL_READINESS_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

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

struct sa_state {
	bool	 done[SA__MAX];		/* the company says it does it */
	int64_t	 updated_at[SA__MAX];	/* when that was recorded (0: never) */
	bool	 diagnosis;		/* a closed round with answers */
	bool	 policy;		/* a basic policy is set */
	bool	 policy_published;	/* and public */
	bool	 one_star;
	bool	 two_star;
};

/* "updates"… and back (-1 when unknown). */
const char	*sa_key(enum sa_principle p);
int		 sa_from_key(const char *s);
const char	*sa_missing_key(enum sa_missing m);

/* The organisation's state.  DB_OK or < 0. */
int	sa_load(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct sa_state *out);
/* Record one principle as done or not.  DB_OK or < 0. */
int	sa_record(struct db_conn *c, int64_t org_id, enum sa_principle p,
	    bool done, int64_t user_id);

#endif
