/*
 * page_programme_final: the end of an advisor's programme (issue 15).
 *
 *   GET  /o/{org}/programme/final.pdf         the final report
 *        (report/final_doc.c)
 *   GET  /o/{org}/programme/deliverables.zip  every deliverable at once
 *        (report/deliverables.c)
 *   GET|PUT /api/v1/orgs/{org}/engagement/summary  the advisor's summary
 *        and the SECURITY ACTION two-star state, with their rev
 *
 * Both files are made on the document pool.  Every member reads them, as
 * the other documents of the organisation (a member's zip holds the
 * diagnosis report in the members' view, totals only); only the
 * programme's advisor (or the instance admin) writes the summary, as the
 * form on the programme page (page_programme.c) does.  An organisation
 * without an engagement answers 404.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"
#include "base/log.h"
#include "base/str.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/engagement.h"
#include "model/org.h"
#include "pages/pages.h"
#include "report/deliverables.h"
#include "report/final_doc.h"
#include "report/report.h"

static bool
is_advisor(const struct req *r)
{
	return r->auth.admin || r->auth.org_role == ORG_ADVISOR;
}

/* Org's engagement into *ev: 0, 404 when none, or 503. */
static int
load(struct req *r, struct engagement_view *ev)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc = engagement_read(c, &r->arena, r->org_id, ev);

	db_release(db, c);
	if (rc == ENGAGEMENT_NONE)
		return 404;
	return rc == DB_OK ? 0 : 503;
}

/* ---- the final report ------------------------------------------------- */

static int
final_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct final_doc_in fi = {
		in->ct, in->lang, in->org, in->now, in->arg[0],
	};

	return final_doc_file(c, a, &fi, org, f, out, err, errlen);
}

static const struct page_org_doc final_doc = {
	final_make, "prog.fin.file", "final-report", "programme final ",
};

int
page_programme_final_pdf(struct req *r)
{
	struct engagement_view ev;
	int st;

	if (r->resumed)
		return page_org_doc_args(r, &final_doc, REPORT_PDF, NULL, NULL);
	if ((st = load(r, &ev)) != 0)
		return st;
	return page_org_doc_args(r, &final_doc, REPORT_PDF, page_base_url(r),
	    NULL);
}

/* ---- the zip of every deliverable ------------------------------------- */

struct zip_job {
	struct db		*db;
	struct deliverables_in	 in;
	int64_t			 org;
	struct arena		 arena;	/* the worker's, freed on resume */
	struct buf		 out;
	char			 err[256];
	int			 rc;
};

static void
zip_work(void *arg)
{
	struct zip_job *j = arg;
	struct db_conn *c = db_acquire(j->db);

	j->rc = deliverables_zip(c, &j->arena, &j->in, j->org, &j->out,
	    j->err, sizeof(j->err));
	db_release(j->db, c);
}

static int
zip_finish(struct req *r, struct zip_job *j)
{
	struct db *db = req_app(r)->db;
	struct report_fname name;
	struct db_conn *c;
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		name = report_fname(&r->arena, j->in.org, T(r,
		    "prog.zip.file"), "deliverables", j->in.now, "zip");
		page_disposition(r, "attachment", name.ascii, name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    "programme deliverables zip", req_addr(r));
		db_release(db, c);
		st = r->out.err ? 503 : req_send(r, 200, "application/zip");
	} else if (j->rc == REPORT_ERR_NOT_FOUND)
		st = 404;
	else {
		log_err("programme", "deliverables: %s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

int
page_programme_zip(struct req *r)
{
	struct engagement_view ev;
	struct zip_job *j;
	struct org o;
	int st;

	if (r->resumed)
		return zip_finish(r, r->work_arg);
	if ((st = load(r, &ev)) != 0)
		return st;
	if ((st = page_org_get(r, r->org_id, &o)) != 0)
		return st == DB_DONE ? 404 : 503;
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	j->db = req_app(r)->db;
	j->org = r->org_id;
	j->in.ct = &req_app(r)->content;
	j->in.lang = (enum lang)page_lang_of(r);
	j->in.org = o.name;
	j->in.now = account_now();
	j->in.base_url = page_base_url(r);
	/* who reads the diagnosis report: a member, the totals only; the
	 * advisor and the admin, everything with respondents as R1, R2 … */
	j->in.view = page_can_admin(r) ? REPORT_VIEW_ANON : REPORT_VIEW_MEMBER;
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, zip_work, j);
}

/* ---- the API ------------------------------------------------------------ */


static int
api_none(struct req *r)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"error\": \"no_engagement\", \"message\": ");
	esc_json(&r->out, str_c(T(r, "prog.none")));
	buf_adds(&r->out, "}\n");
	return page_json(r, 404);
}

/* The summary of e as JSON, with the state. */
static int
summary_json(struct req *r, const struct engagement *e, int status)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"summary\": ");
	esc_json(&r->out, str_c(e->summary));
	buf_adds(&r->out, ", \"two_star\": {\"state\": ");
	esc_json(&r->out, str_c(e->two_star_done[0] != '\0' ? "done" :
	    e->two_star_planned[0] != '\0' ? "planned" : "none"));
	buf_adds(&r->out, ", \"done_on\": ");
	esc_json(&r->out, str_c(e->two_star_done));
	buf_adds(&r->out, ", \"planned_on\": ");
	esc_json(&r->out, str_c(e->two_star_planned));
	buf_printf(&r->out, "}, \"rev\": %" PRId64 "}\n", e->final_rev);
	return page_json(r, status);
}

int
page_api_programme_summary(struct req *r)
{
	struct engagement_view ev;
	int st;

	if ((st = load(r, &ev)) == 404)
		return api_none(r);
	if (st != 0)
		return st;
	return summary_json(r, &ev.e, 200);
}

/* A string member key of o ("" when absent or null; NULL when not a
 * string or not valid UTF-8), trimmed, in r's arena. */
static const char *
text_of(struct req *r, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return "";
	if (!json_is_string(v) || strlen(json_string_value(v)) !=
	    json_string_length(v) || !str_utf8_valid(str_c(
	    json_string_value(v))))
		return NULL;
	return arena_cstr(&r->arena, str_trim(str_c(json_string_value(v))));
}

int
page_api_programme_summary_put(struct req *r)
{
	/* the fields as the body names them: "summary", and the days as
	 * "two_star.<member>" (built, being paths and not ui keys) */
	static const char *const member[3] = { NULL, "done_on",
	    "planned_on" };
	const char *fname[3];
	struct db *db = req_app(r)->db;
	struct engagement_view ev;
	const char *summary, *done, *planned;
	const json_t *ts, *rv;
	enum engagement_err e;
	struct db_conn *c;
	json_error_t jerr;
	json_t *o;
	int64_t rev, nrev = 0;
	int st, rc, f;

	fname[0] = "summary";
	for (f = 1; f < 3; f++)
		fname[f] = arena_printf(&r->arena, "%s.%s", "two_star",
		    member[f]);
	if (!is_advisor(r)) {
		buf_reset(&r->out);
		buf_adds(&r->out, "{\"error\": \"not_client\", \"message\": ");
		esc_json(&r->out, str_c(T(r, "prog.not_client")));
		buf_adds(&r->out, "}\n");
		return page_json(r, 403);
	}
	if ((st = load(r, &ev)) == 404)
		return api_none(r);
	if (st != 0)
		return st;
	o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return page_json_field_error(r, PAGE_INVALID, "", "wrong_type",
		    T(r, "prog.err.json"));
	}
	rv = json_object_get(o, "rev");
	ts = json_object_get(o, "two_star");
	summary = text_of(r, o, "summary");
	done = json_is_object(ts) ? text_of(r, ts, "done_on") : "";
	planned = json_is_object(ts) ? text_of(r, ts, "planned_on") : "";
	rev = json_is_integer(rv) ? json_integer_value(rv) : 0;
	st = !json_is_integer(rv) ? 1 : ts != NULL && !json_is_null(ts) &&
	    !json_is_object(ts) ? 2 : summary == NULL ? 3 : done == NULL ? 4 :
	    planned == NULL ? 5 : 0;
	json_decref(o);
	switch (st) {
	case 1:
		return page_json_field_error(r, PAGE_INVALID, "rev", "not_integer",
		    T(r, "prog.err.json"));
	case 2:
		return page_json_field_error(r, PAGE_INVALID, "two_star", "wrong_type",
		    T(r, "prog.err.json"));
	case 3: case 4: case 5:
		return page_json_field_error(r, PAGE_INVALID, fname[st - 3], "wrong_type",
		    T(r, "prog.err.json"));
	}
	e = engagement_check_final(summary, done, planned, page_day_jst(r,
	    account_now()), &f);
	if (e != ENGE_OK)
		return page_json_field_error(r, PAGE_INVALID, fname[f],
		    engagement_err_key(e), T(r, arena_printf(&r->arena,
		    "prog.err.%s", engagement_err_key(e))));
	c = db_acquire(db);
	rc = engagement_final_save(c, r->org_id, rev, summary, done, planned,
	    &nrev);
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_ENG_FINAL,
		    arena_printf(&r->arena, "%s %s", done[0] != '\0' ? done :
		    "-", planned[0] != '\0' ? planned : "-"), req_addr(r));
	db_release(db, c);
	if (rc == ENGAGEMENT_STALE)
		return page_json_field_error(r, 409, "rev", "stale", T(r, "prog.stale"));
	if (rc == ENGAGEMENT_NONE)
		return api_none(r);
	if (rc != DB_OK)
		return 503;
	if ((st = load(r, &ev)) != 0)
		return 503;
	return summary_json(r, &ev.e, 200);
}
