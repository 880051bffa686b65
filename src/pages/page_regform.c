/*
 * page_regform: the regulations review as the list the programme asks
 * for, as a workbook (its state column a pull-down list) or an A4
 * portrait PDF —
 *   GET /o/{org}/r/regulations/form.xlsx
 *   GET /o/{org}/r/regulations/form.pdf
 * built by report/reg_review_doc.c; and the two links to them on the
 * regulations' list, in its review panel (page_regform_links, called
 * from page_flow.c).  Rendering runs on the worker pool.  Texts:
 * regform.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pages/pages.h"
#include "report/reg_review_doc.h"
#include "report/report.h"

/* The review list, through reg_review_doc_file(). */
static int
regform_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct reg_review_doc_in ri;

	memset(&ri, 0, sizeof(ri));
	ri.ct = in->ct;
	ri.lang = in->lang;
	ri.org = in->org;
	ri.now = in->now;
	return reg_review_doc_file(c, a, &ri, org, f, out, err, errlen);
}

static const struct page_org_doc regform_doc = {
	regform_make, "regform.title", "regulations-form",
	"register regulations form-",
};

int
page_regform_xlsx(struct req *r)
{
	return page_org_doc(r, &regform_doc, REPORT_XLSX);
}

int
page_regform_pdf(struct req *r)
{
	return page_org_doc(r, &regform_doc, REPORT_PDF);
}

void
page_regform_links(struct page *p)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena,
	    "/o/%" PRId64 "/r/regulations/form", r->org_id);

	html_open(&p->h, "p", "class", "regform-links", NULL);
	html_elem(&p->h, "a", T(r, "regform.xlsx_link"), "href",
	    arena_printf(&r->arena, "%s.xlsx", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "regform.pdf_link"), "href",
	    arena_printf(&r->arena, "%s.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "span", T(r, "regform.help"), "class", "help",
	    NULL);
	html_close(&p->h);
}
