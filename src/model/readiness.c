#include "model/readiness.h"

#include <string.h>

#include "model/account.h"
#include "model/figures.h"
#include "model/policy.h"
#include "model/round.h"

static const char *const sa_keys[SA__MAX] = {
	[SA_UPDATES] = "updates",
	[SA_ANTIVIRUS] = "antivirus",
	[SA_PASSWORDS] = "passwords",
	[SA_SHARING] = "sharing",
	[SA_THREATS] = "threats",
};

/* Items 1–5 of the diagnosis (part 1, basic measures) ask the five
 * principles in the same order; sharing settings ↔ item 4, access to
 * important information. */
static const int sa_items[SA__MAX] = {
	[SA_UPDATES] = 0,
	[SA_ANTIVIRUS] = 1,
	[SA_PASSWORDS] = 2,
	[SA_SHARING] = 3,
	[SA_THREATS] = 4,
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
sa_item(enum sa_principle p)
{
	return sa_items[p];
}

void
sa_check_answers(struct sa_state *s, const struct diag_resp *resp, size_t n)
{
	size_t i;
	int k;

	s->contradicted = false;
	for (k = 0; k < SA__MAX; k++) {
		struct sa_check *ck = &s->check[k];

		memset(ck, 0, sizeof(*ck));
		for (i = 0; i < n; i++) {
			unsigned char a = resp[i].ans[sa_items[k]];

			if (a == DIAG_NONE)
				continue;
			ck->answers++;
			ck->weak += a == DIAG_NO || a == DIAG_UNKNOWN;
		}
		ck->contradicted = s->done[k] && ck->answers > 0 &&
		    ck->weak * 2 > ck->answers;
		s->contradicted = s->contradicted || ck->contradicted;
	}
}

/* The latest round with complete answers, checked against (none: no
 * checks). */
static int
sa_check_latest(struct db_conn *c, struct arena *a, int64_t org_id,
    struct sa_state *s)
{
	struct round *rounds;
	struct diag_resp *resp;
	size_t nr, n, i;
	int rc;

	s->check_title = "";
	if ((rc = round_list(c, a, org_id, &rounds, &nr)) != DB_OK)
		return rc;
	for (i = 0; i < nr && rounds[i].complete == 0; i++)
		;
	if (i == nr)
		return DB_OK;
	if ((rc = round_answers(c, a, rounds[i].id, org_id, &resp, &n)) !=
	    DB_OK)
		return rc;
	s->check_round = rounds[i].id;
	s->check_title = rounds[i].title;
	sa_check_answers(s, resp, n);
	return DB_OK;
}

int
sa_stars(int principles_done, bool diagnosis, bool policy,
    bool policy_published)
{
	if (principles_done < SA__MAX)
		return 0;
	return diagnosis && policy && policy_published ? 2 : 1;
}

int
sa_load(struct db_conn *c, struct arena *a, int64_t org_id,
    struct sa_state *out)
{
	struct db_stmt *st;
	int rc, i, ndone = 0, stars;

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
		ndone += out->done[i];
	stars = sa_stars(ndone, out->diagnosis, out->policy,
	    out->policy_published);
	out->one_star = stars >= 1;
	out->two_star = stars >= 2;
	return sa_check_latest(c, a, org_id, out);
}

int
sa_record(struct db_conn *c, int64_t org_id, enum sa_principle p, bool done,
    int64_t user_id)
{
	struct db_stmt *st = db_stmt(c, STMT_PRINC_PUT);
	int rc;

	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, str_c(sa_keys[p]));
	db_bind_int(st, 3, done);
	db_bind_int(st, 4, account_now());
	if (user_id > 0)
		db_bind_int(st, 5, user_id);
	else
		db_bind_null(st, 5);
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	return figures_refresh(c, org_id, account_now());
}
