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

/* The plan in the form's layout, through plan_doc_file(). */
static int
plan_form_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct plan_doc_in pi;

	memset(&pi, 0, sizeof(pi));
	pi.ct = in->ct;
	pi.lang = in->lang;
	pi.org = in->org;
	pi.now = in->now;
	return plan_doc_file(c, a, &pi, org, f, out, err, errlen);
}

static const struct page_org_doc plan_form_doc = {
	plan_form_make, "planform.title", "plan-form", "register plan form-",
};

int
page_plan_form_xlsx(struct req *r)
{
	return page_org_doc(r, &plan_form_doc, REPORT_XLSX);
}

int
page_plan_form_pdf(struct req *r)
{
	return page_org_doc(r, &plan_form_doc, REPORT_PDF);
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
