/*
 * page_board: the board one-pager (issue 16) —
 *   GET /o/{org}/board.pdf   one A4 page for the owner (members)
 * built by report/board_doc.c on the worker pool (page_org_doc), and
 * page_board_link(), the panel on the organisation's home that offers
 * it.  Texts: board.* in content/i18n/ui.yaml.
 */
#include <inttypes.h>
#include <string.h>

#include "pages/pages.h"
#include "report/board_doc.h"
#include "report/report.h"

static int
board_make(struct db_conn *c, struct arena *a,
    const struct page_org_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct board_doc_in bi;

	memset(&bi, 0, sizeof(bi));
	bi.ct = in->ct;
	bi.lang = in->lang;
	bi.org = in->org;
	bi.org_id = org;
	bi.base = in->base;
	bi.now = in->now;
	return board_doc_file(c, a, &bi, org, f, out, err, errlen);
}

static const struct page_org_doc board_doc = {
	board_make, "board.title", "board", "board ",
};

int
page_board_pdf(struct req *r)
{
	return page_org_doc(r, &board_doc, REPORT_PDF);
}

void
page_board_link(struct page *p)
{
	struct req *r = p->r;

	html_open(&p->h, "section", "class", "panel", "id", "board", NULL);
	html_elem(&p->h, "h2", T(r, "board.title"), NULL);
	html_elem(&p->h, "p", T(r, "board.link_help"), "class", "help", NULL);
	html_elem(&p->h, "a", T(r, "board.link"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/board.pdf", r->org_id), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p->h);
}
