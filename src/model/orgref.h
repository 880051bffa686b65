/*
 * orgref: what the reference pages (issue 16) read and keep of an
 * organisation besides its profile: the exact capital and staff count,
 * the SME group its main business is in, its answers to the six
 * categories' two questions, and its latest diagnosis.
 */
#ifndef MAMORI_MODEL_ORGREF_H
#define MAMORI_MODEL_ORGREF_H

#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "model/diag.h"

/* The largest exact capital and staff count taken (¥10 trillion; ten
 * million people): above is absurd for a company. */
#define ORGREF_CAPITAL_MAX	10000000000000LL
#define ORGREF_STAFF_MAX	10000000L

struct orgref {
	int64_t		 capital_yen;	/* -1: not given */
	long		 staff;		/* -1: not given */
	const char	*sme_group;	/* group key, "" : from the industry */
	const char	*it_use;	/* cat_it key, "" : not answered */
	const char	*sec_posture;	/* cat_sec key, "" : not answered */
};

/* Organisation org's row into *out (strings in a): 0, DB_DONE when
 * there is no such organisation, or < 0. */
int	orgref_get(struct db_conn *c, struct arena *a, int64_t org,
	    struct orgref *out);
/* Store the exact figures (-1: none) and the group key ("" none).
 * DB_OK or < 0. */
int	orgref_size_put(struct db_conn *c, int64_t org, int64_t capital_yen,
	    long staff, const char *sme_group);
/* Store the two answers (keys, "" to clear).  DB_OK or < 0. */
int	orgref_cat_put(struct db_conn *c, int64_t org, const char *it_use,
	    const char *sec_posture);
/* The latest closed round with answers of org (the one the peer figures
 * hold) computed into *res, its id into *round_id: 0, DB_DONE when there
 * is none, or < 0.  Memory in a. */
int	orgref_latest_diag(struct db_conn *c, struct arena *a, int64_t org,
	    int64_t *round_id, struct diag_result *res);

#endif
