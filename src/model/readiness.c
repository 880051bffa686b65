#include "model/readiness.h"

#include <string.h>

#include "model/account.h"
#include "model/policy.h"

static const char *const sa_keys[SA__MAX] = {
	[SA_UPDATES] = "updates",
	[SA_ANTIVIRUS] = "antivirus",
	[SA_PASSWORDS] = "passwords",
	[SA_SHARING] = "sharing",
	[SA_THREATS] = "threats",
};

static const char *const sam_keys[SAM__MAX] = {
	[SAM_DIAGNOSIS] = "diagnosis",
	[SAM_POLICY] = "policy",
	[SAM_POLICY_PUBLISHED] = "policy_published",
};

const char *
sa_key(enum sa_principle p)
{
	return sa_keys[p];
}

int
sa_from_key(const char *s)
{
	int i;

	for (i = 0; i < SA__MAX; i++)
		if (strcmp(sa_keys[i], s) == 0)
			return i;
	return -1;
}

const char *
sa_missing_key(enum sa_missing m)
{
	return sam_keys[m];
}

int
sa_load(struct db_conn *c, struct arena *a, int64_t org_id,
    struct sa_state *out)
{
	struct db_stmt *st;
	int rc, i;
	bool all = true;

	(void)a;
	memset(out, 0, sizeof(*out));
	st = db_stmt(c, STMT_PRINC_LIST);
	db_bind_int(st, 1, org_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct str k = db_col_text(st, 0);

		for (i = 0; i < SA__MAX; i++)
			if (str_eq_c(k, sa_keys[i])) {
				out->done[i] = db_col_int(st, 1) != 0;
				out->updated_at[i] = db_col_int(st, 2);
			}
	}
	if (rc != DB_DONE)
		return rc;
	st = db_stmt(c, STMT_LATEST_GET);
	db_bind_int(st, 1, org_id);
	if ((rc = db_step(st)) < 0)
		return rc;
	out->diagnosis = rc == DB_ROW;
	/* A policy is set once a version is approved; it counts as public
	 * while a version is published. */
	st = db_stmt(c, STMT_POLICY_LAST_APPROVED);
	db_bind_int(st, 1, org_id);
	if ((rc = db_step(st)) < 0)
		return rc;
	out->policy = rc == DB_ROW;
	{
		struct policy_pub pub;

		if ((rc = policy_pub_get(c, a, org_id, &pub)) != DB_OK)
			return rc;
		out->policy_published = pub.published;
	}
	for (i = 0; i < SA__MAX; i++)
		all = all && out->done[i];
	out->one_star = all;
	out->two_star = all && out->diagnosis && out->policy &&
	    out->policy_published;
	return DB_OK;
}

int
sa_record(struct db_conn *c, int64_t org_id, enum sa_principle p, bool done,
    int64_t user_id)
{
	struct db_stmt *st = db_stmt(c, STMT_PRINC_PUT);

	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, str_c(sa_keys[p]));
	db_bind_int(st, 3, done);
	db_bind_int(st, 4, account_now());
	if (user_id > 0)
		db_bind_int(st, 5, user_id);
	else
		db_bind_null(st, 5);
	return db_exec(st);
}
