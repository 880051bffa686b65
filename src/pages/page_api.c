/*
 * page_api: the JSON API (docs/api.md).  A session cookie or an API token
 * (Authorization: Bearer …) both work; organisation scope is enforced as
 * for the pages.
 */
#include <inttypes.h>
#include <string.h>

#include "base/esc.h"
#include "model/org.h"
#include "model/round.h"
#include "pages/pages.h"
#include "report/diag_json.h"

int
page_api_rounds(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct round *rounds;
	struct org o;
	size_t n, i;
	int rc;

	if ((rc = org_get(c, &r->arena, r->org_id, &o)) == 0)
		rc = round_list(c, &r->arena, r->org_id, &rounds, &n);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	buf_adds(&r->out, "{\"rounds\": [");
	for (i = 0; i < n; i++) {
		buf_printf(&r->out, "%s{\"id\": %" PRId64 ", \"title\": ",
		    i ? ", " : "", rounds[i].id);
		esc_json(&r->out, str_c(rounds[i].title));
		buf_printf(&r->out, ", \"status\": \"%s\", \"opened_at\": %"
		    PRId64 ", \"closed_at\": %s, \"respondents\": %d}",
		    rounds[i].open ? "open" : "closed", rounds[i].opened_at,
		    rounds[i].closed_at ? arena_printf(&r->arena, "%" PRId64,
		    rounds[i].closed_at) : "null", rounds[i].complete);
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, 200);
}

int
page_api_results(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round round;
	struct diag_resp *resp;
	struct diag_result res;
	enum org_role role;
	size_t n;
	int rc;

	c = db_acquire(db);
	rc = round_find(c, &r->arena, req_param_id(r, "id"), &round);
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	/* The path names no organisation: check membership of the round's
	 * own, and answer 404 (not 403) to outsiders. */
	role = r->auth.admin ? ORG_ADMIN :
	    pages_hooks().org_role(r, round.org_id);
	if (role == ORG_NONE)
		return 404;
	c = db_acquire(db);
	rc = round_answers(c, &r->arena, round.id, round.org_id, &resp, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	diag_compute(resp, n, &res);
	diag_json(&r->out, resp, n, &res, role >= ORG_ADVISOR);
	return page_json(r, 200);
}
