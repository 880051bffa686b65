/*
 * page_org_report: every register of an organisation in one file — a
 * PDF to hand over (a summary with the risks' heat map, the plan and the
 * regulations, then each register) or one workbook with a sheet each —
 * built by report/register_doc.c, the same code as `mamori export org`.
 * page_org_doc() makes any such document of an organisation on the
 * worker pool (the plan form too: page_plan_form.c).
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

/* One download being made on a worker. */
struct org_doc_job {
	struct db			*db;
	const struct page_org_doc	*kind;
	struct page_org_doc_in		 in;
	int64_t				 org;
	enum report_format		 f;
	struct arena			 arena;	/* the worker's, freed on resume */
	struct buf			 out;
	char				 err[256];
	int				 rc;
};

static void
org_doc_work(void *arg)
{
	struct org_doc_job *j = arg;
	struct db_conn *c = db_acquire(j->db);

	j->rc = j->kind->make(c, &j->arena, &j->in, j->org, j->f, &j->out,
	    j->err, sizeof(j->err));
	db_release(j->db, c);
}

static int
org_doc_finish(struct req *r, struct org_doc_job *j)
{
	struct db *db = req_app(r)->db;
	struct report_fname name;
	struct db_conn *c;
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		name = report_fname(&r->arena, j->in.org, T(r, j->kind->title),
		    j->kind->ascii, j->in.now, report_format_key(j->f));
		page_disposition(r, "attachment", name.ascii, name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    arena_printf(&r->arena, "%s%s", j->kind->audit,
		    report_format_key(j->f)), req_addr(r));
		db_release(db, c);
		st = r->out.err ? 503 : req_send(r, 200, report_ctype(j->f));
	} else {
		log_err("report", "%s: %s", j->kind->ascii, j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

int
page_org_doc(struct req *r, const struct page_org_doc *kind,
    enum report_format f)
{
	return page_org_doc_id(r, kind, f, 0);
}

/* page_org_doc_id() and page_org_doc_args() in one. */
static int
org_doc(struct req *r, const struct page_org_doc *kind, enum report_format f,
    int64_t id, const char *a0, const char *a1)
{
	struct db *db = req_app(r)->db;
	struct org_doc_job *j;
	struct db_conn *c;
	struct org o;
	int rc;

	if (r->resumed)
		return org_doc_finish(r, r->work_arg);
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
	j->kind = kind;
	j->org = r->org_id;
	j->f = f;
	j->in.ct = &req_app(r)->content;
	j->in.lang = r->lang >= 0 ? (enum lang)r->lang : LANG_JA;
	j->in.org = o.name;
	j->in.now = account_now();
	j->in.base = page_base_url(r);
	j->in.id = id;
	j->in.arg[0] = a0;
	j->in.arg[1] = a1;
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, org_doc_work, j);
}

int
page_org_doc_id(struct req *r, const struct page_org_doc *kind,
    enum report_format f, int64_t id)
{
	return org_doc(r, kind, f, id, NULL, NULL);
}

int
page_org_doc_args(struct req *r, const struct page_org_doc *kind,
    enum report_format f, const char *a0, const char *a1)
{
	return org_doc(r, kind, f, 0, a0, a1);
}

/* Every register, through report_org(). */
static int
registers_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct report_org_in ro;

	memset(&ro, 0, sizeof(ro));
	ro.ct = in->ct;
	ro.lang = in->lang;
	ro.org = in->org;
	ro.now = in->now;
	return report_org(c, a, &ro, org, f, out, err, errlen);
}

static const struct page_org_doc registers_doc = {
	registers_make, "regs.report_title", "registers", "register all ",
};

int
page_org_registers(struct req *r)
{
	return page_org_doc(r, &registers_doc, (enum report_format)
	    report_format_from_key(req_param(r, "format")));
}
