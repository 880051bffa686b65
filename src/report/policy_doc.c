#include "report/policy_doc.h"

#include <stdlib.h>
#include <string.h>

#include "render/pdf.h"
#include "report/report.h"

const char *
report_policy_enacted(struct arena *a, const char *date, enum lang l)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int y, m, d;

	if (!policy_date_ok(date))
		return NULL;
	y = atoi(date);
	m = atoi(date + 5);
	d = atoi(date + 8);
	return l == LANG_JA ? arena_printf(a, "%d年%d月%d日 制定", y, m, d) :
	    arena_printf(a, "Enacted on %d %s %d", d, months[m - 1], y);
}

void
report_policy_doc(const struct content *ct, const struct policy_version *v,
    struct arena *a, struct doc *d)
{
	const struct policy_pack *pp = &ct->policy;
	const struct policy_body *b = &v->b;
	struct doc_section *s;
	int l = lang_from_key(b->lang), i;
	const char *sign;

	if (l < 0)
		l = LANG_JA;
	doc_init(d, a, lang_key((enum lang)l), pp->title.t[l]);
	d->author = doc_str(d, b->company);
	d->footer = v->approved_at ? doc_str(d, b->company) :
	    doc_printf(d, "%s — %s", b->company,
	    content_ui(ct, (enum lang)l, "policy.draft"));
	s = doc_section(d, pp->title.t[l], NULL, false);
	if (policy_filled(b->preamble))
		doc_text(d, s, b->preamble);
	if (policy_filled(b->scope_text))
		doc_text(d, s, b->scope_text);
	for (i = 0; i < PC__MAX; i++) {
		doc_heading(d, s, 2, doc_printf(d, "%d. %s", i + 1,
		    b->c[i].title));
		doc_text(d, s, b->c[i].text);
	}
	if (policy_filled(b->closing))
		doc_text(d, s, b->closing);
	if ((sign = report_policy_enacted(a, b->enacted, (enum lang)l)) ==
	    NULL)
		sign = "";
	doc_text(d, s, doc_printf(d, "%s\n%s\n%s　%s", sign, b->company,
	    b->rep_title, b->rep_name));
}

int
report_policy_pdf(const struct content *ct, const struct policy_version *v,
    struct buf *out, char *err, size_t errlen)
{
	struct arena a;
	struct doc d;
	int rc;

	arena_init(&a);
	report_policy_doc(ct, v, &a, &d);
	rc = pdf_render(&d, out, err, errlen);
	arena_free(&a);
	return rc == PDF_OK ? REPORT_OK : rc == PDF_ERR_FONT ?
	    REPORT_ERR_FONT : REPORT_ERR_RENDER;
}
