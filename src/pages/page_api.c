/*
 * page_api: the JSON API (docs/api.md).  A session cookie or an API token
 * (Authorization: Bearer …) both work; organisation scope is enforced as
 * for the pages.
 */
#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "base/esc.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/diag_csv.h"
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

/*
 * GET /api/v1/catalogue/threats: the threat catalogue of the content pack
 * (content/registers/threats.yaml) in the reader's language, in the
 * pack's order: [{key, group, label, items}].  items are the diagnosis
 * items that guard against the threat.
 */
int
page_api_threats(struct req *r)
{
	const struct threats_pack *tp = &req_app(r)->content.threats;
	size_t i, j;

	buf_adds(&r->out, "[");
	for (i = 0; i < tp->n; i++) {
		const struct threat *t = &tp->v[i];

		buf_adds(&r->out, i ? ",\n {\"key\": " : "{\"key\": ");
		esc_json(&r->out, str_c(t->key));
		buf_adds(&r->out, ", \"group\": ");
		esc_json(&r->out, str_c(tp->group[t->group].key));
		buf_adds(&r->out, ", \"label\": ");
		esc_json(&r->out, str_c(TR(r, &t->label)));
		buf_adds(&r->out, ", \"items\": [");
		for (j = 0; j < t->n_items; j++)
			buf_printf(&r->out, "%s%d", j ? ", " : "", t->items[j]);
		buf_adds(&r->out, "]}");
	}
	buf_adds(&r->out, "]\n");
	return page_json(r, 200);
}

/*
 * The round named by {id} and the caller's role in its organisation.  The
 * path names no organisation, so membership of the round's own is checked
 * here; outsiders get 404 (not 403), as if the round did not exist.
 * Returns 0 or an HTTP status.
 */
static int
api_round(struct req *r, struct round *round, enum org_role *role)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = round_find(c, &r->arena, req_param_id(r, "id"), round);

	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != 0)
		return 503;
	*role = r->auth.admin ? ORG_ADMIN :
	    pages_hooks().org_role(r, round->org_id);
	return *role == ORG_NONE ? 404 : 0;
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

	if ((rc = api_round(r, &round, &role)) != 0)
		return rc;
	c = db_acquire(db);
	rc = round_answers(c, &r->arena, round.id, round.org_id, &resp, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	diag_compute(resp, n, &res);
	/* As the results page: names for those who may see them, totals
	 * for members. */
	diag_json(&r->out, resp, n, &res, role >= ORG_ADVISOR ?
	    DIAG_JSON_NAMES : DIAG_JSON_TOTALS);
	return page_json(r, 200);
}


/* The request body as a JSON object, or NULL with the 400 sent. */
static json_t *
api_body(struct req *r, int *st)
{
	json_error_t je;
	json_t *v;

	/* Numbers as doubles: a huge integer is then a value to refuse
	 * with its field named (422), not a body jansson cannot read. */
	v = json_loadb(buf_cstr(&r->body), r->body.n, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_INT_AS_REAL, &je);
	if (v == NULL || !json_is_object(v)) {
		json_decref(v);
		*st = page_json_error(r, 400, "the body must be a JSON object", NULL);
		return NULL;
	}
	return v;
}

static const char *
api_str(json_t *v, const char *key)
{
	const char *s = json_string_value(json_object_get(v, key));

	return s;
}

/*
 * The employee band key "employees" names: a band key as it is, or a head
 * count (a JSON number, whole, 1…CONTENT_HEADCOUNT_MAX) as the band that
 * contains it.  NULL for anything else (absent, text that is no key,
 * negative, fractional, too large, true, null…).
 */
static const char *
api_employees(const struct choices *bands, json_t *v)
{
	const struct choice *b = NULL;
	json_t *e = json_object_get(v, "employees");
	double n;

	if (json_is_string(e))
		b = choices_find(bands, json_string_value(e));
	else if (json_is_number(e)) {
		n = json_number_value(e);
		if (n >= 1 && n <= (double)CONTENT_HEADCOUNT_MAX &&
		    n == (double)(long)n)
			b = choices_band(bands, (long)n);
	}
	return b ? b->key : NULL;
}

/*
 * POST /api/v1/orgs {"name", "industry", "employees", ["capital",
 * "prefecture"]} → 201 {"id": N, "employees": band key}.  The same checks
 * as the form; "employees" may also be a head count (api_employees).
 */
int
page_api_org_new(struct req *r)
{
	const struct org_pack *op = &req_app(r)->content.org;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *msg = NULL, *field = NULL;
	struct org o;
	json_t *v;
	int64_t id;
	int st = 0, rc;

	if (!r->auth.admin && !r->auth.advisor)
		return 403;
	if ((v = api_body(r, &st)) == NULL)
		return st;
	memset(&o, 0, sizeof(o));
	o.name = api_str(v, "name");
	o.industry = api_str(v, "industry");
	o.employees = api_employees(&op->employees, v);
	o.capital = api_str(v, "capital");
	o.prefecture = api_str(v, "prefecture");
	if (o.name == NULL || o.name[0] == '\0' ||
	    !str_utf8_valid(str_c(o.name)) ||
	    str_utf8_count(str_c(o.name)) > form_text_max(FT_ORG_NAME))
		msg = arena_printf(&r->arena, "name: 1 to %zu characters of "
		    "text", form_text_max(FT_ORG_NAME)), field = "name";
	else if (o.industry == NULL ||
	    choices_find(&op->industries, o.industry) == NULL)
		msg = "industry: a JSIC division letter A-T", field = "industry";
	else if (o.employees == NULL)
		msg = arena_printf(&r->arena, "employees: a band key %s-%s or "
		    "a head count, a whole number from 1 to %ld",
		    op->employees.v[0].key,
		    op->employees.v[op->employees.n - 1].key,
		    CONTENT_HEADCOUNT_MAX), field = "employees";
	else if (o.capital && choices_find(&op->capital, o.capital) == NULL)
		msg = "capital: a band key c1-c6", field = "capital";
	else if (o.prefecture &&
	    choices_find(&op->prefectures, o.prefecture) == NULL)
		msg = "prefecture: a JIS code 01-47", field = "prefecture";
	if (msg != NULL) {
		json_decref(v);
		return page_json_error(r, 422, msg, field);
	}
	o.name = arena_strdup(&r->arena, o.name);
	o.industry = arena_strdup(&r->arena, o.industry);
	/* o.employees is the pack's own key: it outlives v. */
	o.capital = arena_strdup(&r->arena, o.capital ? o.capital : "");
	o.prefecture = arena_strdup(&r->arena, o.prefecture ? o.prefecture :
	    "");
	json_decref(v);
	o.dep_class = op->dep[dep_class_of(0, 0, 0)].key;
	c = db_acquire(db);
	rc = org_create(c, &o, r->auth.user_id, r->auth.advisor ? "advisor" :
	    "org_admin", &id);
	if (rc == DB_OK)
		audit(c, id, r->auth.user_id, AUDIT_ORG_CREATED, o.name,
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	buf_printf(&r->out, "{\"id\": %" PRId64 ", \"employees\": ", id);
	esc_json(&r->out, str_c(o.employees));
	buf_adds(&r->out, "}\n");
	return page_json(r, 201);
}

/* POST /api/v1/orgs/{org}/rounds [{"title"}] → 201 {"id": N}. */
int
page_api_round_new(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *title = NULL;
	json_t *v = NULL;
	struct org o;
	int64_t id;
	int st = 0, rc;

	if (r->body.n > 0) {
		if ((v = api_body(r, &st)) == NULL)
			return st;
		title = api_str(v, "title");
	}
	if (title == NULL || title[0] == '\0')
		title = arena_printf(&r->arena, "%s %s", T(r, "round.default"),
		    page_time(r, account_now()));
	else if (!str_utf8_valid(str_c(title)) || str_utf8_count(str_c(title)) >
	    form_text_max(FT_ROUND_TITLE)) {
		json_decref(v);
		return page_json_error(r, 422, arena_printf(&r->arena,
		    "title: at most %zu characters",
		    form_text_max(FT_ROUND_TITLE)), "title");
	} else
		title = arena_strdup(&r->arena, title);
	json_decref(v);
	c = db_acquire(db);
	if ((rc = org_get(c, &r->arena, r->org_id, &o)) == 0)
		rc = round_create(c, r->org_id, title, r->auth.user_id, &id);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ROUND_OPENED, title,
		    req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return 404;
	if (rc != DB_OK)
		return 503;
	buf_printf(&r->out, "{\"id\": %" PRId64 "}\n", id);
	return page_json(r, 201);
}

/*
 * POST /api/v1/rounds/{id}/answers, a text/csv body in the format of
 * `mamori diagnosis score` → 201 {"added": N}, or 422 {"errors": [{line,
 * column, message}]} and nothing stored.  Rows already imported into the
 * round (resp_find_dups) give 409 {"error", "duplicate_of": {imported_at,
 * rows: [{line, respondent}]}} and nothing stored, unless ?force=1.
 */
int
page_api_answers(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round round;
	struct diag_csv csv;
	struct resp_dup dup;
	enum org_role role;
	const char *force;
	bool forced;
	size_t i;
	int rc;

	if ((rc = api_round(r, &round, &role)) != 0)
		return rc;
	if (role < ORG_ADVISOR)
		return 403;
	if (!round.open)
		return page_json_error(r, 409, "the round is closed", NULL);
	if (diag_csv_parse(buf_cstr(&r->body), r->body.n, 0, &r->arena,
	    &csv) != 0) {
		buf_adds(&r->out, "{\"errors\": [");
		for (i = 0; i < csv.n_err; i++) {
			buf_printf(&r->out, "%s{\"line\": %lu, \"column\": %u, "
			    "\"code\": ", i ? ", " : "", csv.err[i].line,
			    csv.err[i].column);
			esc_json(&r->out, str_c(diag_csv_code(csv.err[i].code)));
			buf_adds(&r->out, ", \"message\": ");
			esc_json(&r->out, str_c(csv.err[i].msg));
			buf_addc(&r->out, '}');
		}
		buf_adds(&r->out, "]}\n");
		return page_json(r, 422);
	}
	force = req_query(r, "force");
	forced = force != NULL && strcmp(force, "1") == 0;
	c = db_acquire(db);
	rc = resp_import(c, &r->arena, round.id, round.org_id, csv.resp,
	    csv.n_resp, forced, &dup);
	if (rc == DB_OK && (dup.n == 0 || forced))
		audit(c, round.org_id, r->auth.user_id, dup.n ?
		    AUDIT_ANSWERS_REIMPORTED : AUDIT_ANSWERS_IMPORTED,
		    arena_printf(&r->arena, "%zu", csv.n_resp), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return page_json_error(r, 409, "the round is closed", NULL);
	if (rc != DB_OK)
		return 503;
	if (dup.n > 0 && !forced) {
		buf_reset(&r->out);
		buf_printf(&r->out, "{\"error\": \"%zu of the %zu rows are "
		    "already in this round (imported at %" PRId64 "): the same "
		    "file imported twice? Nothing was stored; add ?force=1 to "
		    "import anyway\", \"duplicate_of\": {\"imported_at\": %"
		    PRId64 ", \"rows\": [", dup.n, csv.n_resp,
		    dup.imported_at, dup.imported_at);
		for (i = 0; i < dup.n; i++)
			buf_printf(&r->out, "%s{\"line\": %lu, "
			    "\"respondent\": %" PRId64 "}", i ? ", " : "",
			    csv.line[dup.row[i]], dup.resp[i]);
		buf_adds(&r->out, "]}}\n");
		return page_json(r, 409);
	}
	buf_printf(&r->out, "{\"added\": %zu}\n", csv.n_resp);
	return page_json(r, 201);
}

/* POST /api/v1/rounds/{id}/close → 200 {"closed": true}; 409 when the
 * round is not open. */
int
page_api_close(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct round round;
	enum org_role role;
	int rc;

	if ((rc = api_round(r, &round, &role)) != 0)
		return rc;
	if (role < ORG_ADVISOR)
		return 403;
	c = db_acquire(db);
	rc = round_finish(c, &r->arena, round.id, round.org_id);
	if (rc == DB_OK)
		audit(c, round.org_id, r->auth.user_id, AUDIT_ROUND_CLOSED,
		    arena_printf(&r->arena, "%" PRId64, round.id), req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return page_json_error(r, 409, "the round is not open", NULL);
	if (rc != DB_OK)
		return 503;
	buf_adds(&r->out, "{\"closed\": true}\n");
	return page_json(r, 200);
}
