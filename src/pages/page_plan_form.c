/*
 * page_plan_form: the action plan in the programme's own one-sheet form,
 * as a workbook or an A4 landscape PDF —
 *   GET /o/{org}/r/plan/form.xlsx
 *   GET /o/{org}/r/plan/form.pdf
 * built by report/plan_doc.c; and the two links to them on the plan's
 * list (page_plan_form_links, called from page_flow_list).  Rendering
 * runs on the worker pool.  Texts: planform.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/org.h"
#include "pages/pages.h"
#include "report/plan_doc.h"
#include "report/report.h"

struct plan_form_job {
	struct db		*db;
	struct plan_doc_in	 in;
	int64_t			 org;
	enum report_format	 f;
	struct arena		 arena;	/* the worker's, freed on resume */
	struct buf		 out;
	char			 err[256];
	int			 rc;
};

static void
plan_form_work(void *arg)
{
	struct plan_form_job *j = arg;
	struct db_conn *c = db_acquire(j->db);

	j->rc = plan_doc_file(c, &j->arena, &j->in, j->org, j->f, &j->out,
	    j->err, sizeof(j->err));
	db_release(j->db, c);
}

static int
plan_form_finish(struct req *r, struct plan_form_job *j)
{
	struct db *db = req_app(r)->db;
	struct report_fname name;
	struct db_conn *c;
	int st;

	if (j->rc == REPORT_OK) {
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		name = report_fname(&r->arena, j->in.org, T(r,
		    "planform.title"), "plan-form", j->in.now,
		    report_format_key(j->f));
		page_disposition(r, "attachment", name.ascii, name.utf8);
		c = db_acquire(db);
		audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
		    arena_printf(&r->arena, "register plan form-%s",
		    report_format_key(j->f)), req_addr(r));
		db_release(db, c);
		st = r->out.err ? 503 : req_send(r, 200, report_ctype(j->f));
	} else {
		log_err("report", "plan form: %s", j->err);
		st = 503;
	}
	buf_free(&j->out);
	arena_free(&j->arena);
	return st;
}

/* Either download; f from the route. */
static int
plan_form(struct req *r, enum report_format f)
{
	struct db *db = req_app(r)->db;
	struct plan_form_job *j;
	struct db_conn *c;
	struct org o;
	int rc;

	if (r->resumed)
		return plan_form_finish(r, r->work_arg);
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	c = db_acquire(db);
	rc = org_get(c, &r->arena, r->org_id, &o);
	db_release(db, c);
	if (rc != 0)
		return rc == DB_DONE ? 404 : 503;
	j->db = db;
	j->org = r->org_id;
	j->f = f;
	j->in.ct = &req_app(r)->content;
	j->in.lang = r->lang >= 0 ? (enum lang)r->lang : LANG_JA;
	j->in.org = o.name;
	j->in.now = account_now();
	arena_init(&j->arena);
	buf_init(&j->out, 0);
	return req_offload(r, plan_form_work, j);
}

int
page_plan_form_xlsx(struct req *r)
{
	return plan_form(r, REPORT_XLSX);
}

int
page_plan_form_pdf(struct req *r)
{
	return plan_form(r, REPORT_PDF);
}

void
page_plan_form_links(struct page *p)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64 "/r/plan/form",
	    r->org_id);

	html_open(&p->h, "p", "class", "plan-form-links", NULL);
	html_elem(&p->h, "a", T(r, "planform.xlsx_link"), "href",
	    arena_printf(&r->arena, "%s.xlsx", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "planform.pdf_link"), "href",
	    arena_printf(&r->arena, "%s.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "span", T(r, "planform.help"), "class", "help",
	    NULL);
	html_close(&p->h);
}
