/*
 * page_report: the diagnosis report of a closed round as a download —
 * PDF, XLSX, CSV or JSON, built by report/ (the same code as `mamori
 * export round`).  Building a PDF takes milliseconds of CPU, so it runs on
 * the worker pool and the HTTP thread goes on serving.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "pages/pages.h"
#include "report/report.h"

struct report_job {
	struct db		*db;
	struct report_in	 in;
	enum report_format	 f;
	struct arena		 arena;	/* the worker's, freed on resume */
	struct buf		 out;
	struct report_fname	 name;	/* in arena */
	char			 err[256];
	int			 rc;
};

static void
report_work(void *arg)
{
	struct report_job *j = arg;
	struct db_conn *c = db_acquire(j->db);

	j->rc = report_round(c, &j->arena, &j->in, j->f, &j->out, j->err,
	    sizeof(j->err));
	if (j->rc == REPORT_OK &&
	    (j->rc = report_round_fname(c, &j->arena, &j->in, j->f,
	    &j->name)) != REPORT_OK)
		snprintf(j->err, sizeof(j->err), "round %lld: cannot name the "
		    "file", (long long)j->in.round_id);
	db_release(j->db, c);
}

/* A page that explains why there is no file. */
static int
report_refused(struct req *r, const char *text, int status)
{
	struct page p;

	page_begin(&p, r, T(r, "report.download"));
	html_elem(&p.h, "a", T(r, "round.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/rounds/%" PRId64, r->org_id,
	    req_param_id(r, "id")), "class", "back", NULL);
	page_h1(&p, T(r, "report.download"));
	page_notice(&p, "error", text);
	return page_end(&p, status);
}

static int
report_finish(struct req *r, struct report_job *j)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc = j->rc, st;

	if (rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		page_disposition(r, "attachment", j->name.ascii,
		    j->name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    arena_printf(&r->arena, "round %" PRId64 " %s%s",
		    j->in.round_id, report_format_key(j->f),
		    j->in.view == REPORT_VIEW_NAMES ? " names" : ""),
		    req_addr(r));
		db_release(db, c);
		st = req_send(r, 200, report_ctype(j->f));
	} else if (rc == REPORT_ERR_NOT_FOUND)
		st = 404;
	else if (rc == REPORT_ERR_OPEN)
		st = report_refused(r, T(r, "report.open"), 409);
	else if (rc == REPORT_ERR_VIEW)
		st = report_refused(r, T(r, "report.csv_admins"), 403);
	else if (rc == REPORT_ERR_FONT) {
		log_err("report", "%s", j->err);
		st = report_refused(r, T(r, "report.font"), 503);
	} else {
		log_err("report", "%s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

int
page_report(struct req *r)
{
	struct report_job *j;
	int f;

	if (r->resumed)
		return report_finish(r, r->work_arg);
	if ((f = report_format_from_key(req_param(r, "format"))) < 0)
		return 404;
	/* The CSV is one row a person: for those who may see each one. */
	if (f == REPORT_CSV && !page_can_admin(r))
		return report_refused(r, T(r, "report.csv_admins"), 403);
	j = arena_alloc(&r->arena, sizeof(*j));
	j->db = req_app(r)->db;
	j->f = (enum report_format)f;
	j->in.ct = &req_app(r)->content;
	j->in.lang = r->lang >= 0 ? (enum lang)r->lang : LANG_JA;
	j->in.org_id = r->org_id;
	j->in.round_id = req_param_id(r, "id");
	/* Anonymous unless an admin or advisor asks for the internal
	 * version; a member asking gets the members' one. */
	j->in.view = !page_can_admin(r) ? REPORT_VIEW_MEMBER :
	    req_query(r, "names") != NULL && strcmp(req_query(r, "names"),
	    "1") == 0 ? REPORT_VIEW_NAMES : REPORT_VIEW_ANON;
	j->in.now = account_now();
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, report_work, j);
}
