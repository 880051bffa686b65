#include "model/orgref.h"

#include <string.h>

#include "model/round.h"

int
orgref_get(struct db_conn *c, struct arena *a, int64_t org,
    struct orgref *out)
{
	struct db_stmt *st = db_stmt(c, STMT_ORGREF_GET);
	int rc;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	out->capital_yen = db_col_int(st, 0);
	out->staff = (long)db_col_int(st, 1);
	out->sme_group = arena_cstr(a, db_col_text(st, 2));
	out->it_use = arena_cstr(a, db_col_text(st, 3));
	out->sec_posture = arena_cstr(a, db_col_text(st, 4));
	return 0;
}

int
orgref_size_put(struct db_conn *c, int64_t org, int64_t capital_yen,
    long staff, const char *sme_group)
{
	struct db_stmt *st = db_stmt(c, STMT_ORGREF_SIZE_PUT);

	db_bind_int(st, 1, org);
	if (capital_yen >= 0)
		db_bind_int(st, 2, capital_yen);
	else
		db_bind_null(st, 2);
	if (staff >= 0)
		db_bind_int(st, 3, staff);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, str_c(sme_group));
	return db_exec(st);
}

int
orgref_cat_put(struct db_conn *c, int64_t org, const char *it_use,
    const char *sec_posture)
{
	struct db_stmt *st = db_stmt(c, STMT_ORGREF_CAT_PUT);

	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(it_use));
	db_bind_text(st, 3, str_c(sec_posture));
	return db_exec(st);
}

int
orgref_latest_diag(struct db_conn *c, struct arena *a, int64_t org,
    int64_t *round_id, struct diag_result *res)
{
	struct db_stmt *st = db_stmt(c, STMT_LATEST_GET);
	struct diag_resp *resp;
	size_t n;
	int rc;

	db_bind_int(st, 1, org);
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	*round_id = db_col_int(st, 0);
	if ((rc = round_answers(c, a, *round_id, org, &resp, &n)) != DB_OK)
		return rc;
	diag_compute(resp, n, res);
	return 0;
}
