/*
 * page_keizoku: a draft of the IT part of the continuity-plan
 * certification form (事業継続力強化計画) to copy from —
 *   GET /o/{org}/bcp/keizoku.xlsx
 *   GET /o/{org}/bcp/keizoku.pdf
 * built by report/keizoku_doc.c on the worker pool; and the two links to
 * them (page_keizoku_links, for the BCP page).  Texts: keizoku.* in
 * content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <string.h>

#include "pages/pages.h"
#include "report/keizoku_doc.h"
#include "report/report.h"

/* The draft, through keizoku_doc_file(). */
static int
keizoku_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct keizoku_doc_in ki;

	memset(&ki, 0, sizeof(ki));
	ki.ct = in->ct;
	ki.lang = in->lang;
	ki.org = in->org;
	ki.now = in->now;
	return keizoku_doc_file(c, a, &ki, org, f, out, err, errlen);
}

static const struct page_org_doc keizoku_doc = {
	keizoku_make, "keizoku.title", "keizoku", "bcp keizoku ",
};

int
page_keizoku_xlsx(struct req *r)
{
	return page_org_doc(r, &keizoku_doc, REPORT_XLSX);
}

int
page_keizoku_pdf(struct req *r)
{
	return page_org_doc(r, &keizoku_doc, REPORT_PDF);
}

void
page_keizoku_links(struct page *p)
{
	struct req *r = p->r;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64
	    "/bcp/keizoku", r->org_id);

	html_open(&p->h, "p", "class", "keizoku-links", NULL);
	html_elem(&p->h, "a", T(r, "keizoku.xlsx_link"), "href",
	    arena_printf(&r->arena, "%s.xlsx", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "a", T(r, "keizoku.pdf_link"), "href",
	    arena_printf(&r->arena, "%s.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_text(&p->h, " ");
	html_elem(&p->h, "span", T(r, "keizoku.help"), "class", "help",
	    NULL);
	html_close(&p->h);
}
