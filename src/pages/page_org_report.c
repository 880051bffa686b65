/*
 * page_org_report: every register of an organisation in one file — a
 * PDF to hand over (a summary with the risks' heat map, the plan and the
 * regulations, then each register) or one workbook with a sheet each —
 * built by report/register_doc.c, the same code as `mamori export org`.
 * Rendering runs on the worker pool.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/org.h"
#include "pages/pages.h"
#include "report/register_doc.h"
#include "report/report.h"

struct org_report_job {
	struct db		*db;
	struct report_org_in	 in;
	int64_t			 org;
	enum report_format	 f;
	struct arena		 arena;	/* the worker's, freed on resume */
	struct buf		 out;
	char			 err[256];
	int			 rc;
};

static void
org_report_work(void *arg)
{
	struct org_report_job *j = arg;
	struct db_conn *c = db_acquire(j->db);

	j->rc = report_org(c, &j->arena, &j->in, j->org, j->f, &j->out,
	    j->err, sizeof(j->err));
	db_release(j->db, c);
}

static int
org_report_finish(struct req *r, struct org_report_job *j)
{
	struct db *db = req_app(r)->db;
	struct report_fname name;
	struct db_conn *c;
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		name = report_fname(&r->arena, j->in.org, T(r,
		    "regs.report_title"), "registers", j->in.now,
		    report_format_key(j->f));
		page_disposition(r, "attachment", name.ascii, name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    arena_printf(&r->arena, "register all %s",
		    report_format_key(j->f)), req_addr(r));
		db_release(db, c);
		st = r->out.err ? 503 : req_send(r, 200, report_ctype(j->f));
	} else {
		log_err("report", "registers: %s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

int
page_org_registers(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct org_report_job *j;
	struct db_conn *c;
	struct org o;
	int f, rc;

	if (r->resumed)
		return org_report_finish(r, r->work_arg);
	f = report_format_from_key(req_param(r, "format"));
	if (f != REPORT_PDF && f != REPORT_XLSX)
		return 404;
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	c = db_acquire(db);
	rc = org_get(c, &r->arena, r->org_id, &o);
	db_release(db, c);
	if (rc != 0)
		return rc == DB_DONE ? 404 : 503;
	j->db = db;
	j->org = r->org_id;
	j->f = (enum report_format)f;
	j->in.ct = &req_app(r)->content;
	j->in.lang = r->lang >= 0 ? (enum lang)r->lang : LANG_JA;
	j->in.org = o.name;
	j->in.now = account_now();
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, org_report_work, j);
}
