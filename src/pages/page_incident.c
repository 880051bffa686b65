/*
 * page_incident: incident response (issue 14) —
 *
 *   GET /api/v1/orgs/{org}/incidents/{id}/appi   whether the Personal
 *       Information Protection Commission must be told of the incident,
 *       why, and by when (model/appi.h; the numbers from content/appi.yaml)
 *
 * The incidents themselves are a register (model/registers.c), served by
 * the register engine's pages and API.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"
#include "model/appi.h"
#include "model/register.h"
#include "pages/pages.h"

static void
json_day(struct buf *b, struct appi_day d)
{
	buf_printf(b, "\"%04d-%02d-%02d\"", d.y, d.m, d.d);
}

int
page_api_incident_appi(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct db *db = req_app(r)->db;
	int64_t id = req_param_id(r, "id");
	int fa = register_field(d, "aware_at"), fd = register_field(d,
	    "detected_at");
	struct register_row row;
	struct appi_case c;
	struct appi_due due;
	struct db_conn *cn;
	struct buf *b = &r->out;
	const char *sep = "";
	int rc, k;

	if (id <= 0 || e->appi == NULL)
		return 404;
	cn = db_acquire(db);
	rc = register_get(cn, e, d, r->org_id, id, &r->arena, &row);
	db_release(db, cn);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_ROW)
		return 503;
	registers_appi_case(&row, &c);
	/* the clock starts when the company knew; before that is said,
	 * when it was detected */
	appi_due(e->appi, &c, row.v[fa].set ? row.v[fa].i : row.v[fd].i,
	    &due);
	buf_reset(b);
	buf_printf(b, "{\"required\": %s, \"reasons\": [",
	    due.reasons ? "true" : "false");
	for (k = 0; k < APPI_REASONS; k++)
		if (due.reasons & (1u << k)) {
			buf_printf(b, "%s\"%s\"", sep, appi_reason_key(k));
			sep = ", ";
		}
	buf_adds(b, "], \"preliminary_due\": ");
	if (due.reasons) {
		buf_adds(b, "{\"from\": ");
		json_day(b, due.prelim_from);
		buf_adds(b, ", \"to\": ");
		json_day(b, due.prelim_to);
		buf_adds(b, "}, \"final_due\": ");
		json_day(b, due.final);
	} else
		buf_adds(b, "null, \"final_due\": null");
	buf_printf(b, ", \"notify_people\": %s, \"counted_from\": ",
	    due.notify_people ? "true" : "false");
	esc_json(b, str_c(row.v[fa].set ? "aware_at" : "detected_at"));
	buf_adds(b, ", \"law_in_force\": ");
	esc_json(b, str_c(ct->appi.in_force));
	buf_adds(b, "}\n");
	return page_json(r, 200);
}
