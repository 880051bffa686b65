/*
 * policy_doc: the basic security policy as a document (render/doc.h) for
 * the PDF — the same text the pages show, one section, no cover.
 */
#ifndef MAMORI_REPORT_POLICY_DOC_H
#define MAMORI_REPORT_POLICY_DOC_H

#include <stdbool.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/policy.h"
#include "render/doc.h"

/*
 * Fill d (memory from a) with version v of a policy.  A draft (not
 * approved) says so in every page's footer.  Texts are in the policy's
 * own language.
 */
void	report_policy_doc(const struct content *ct,
	    const struct policy_version *v, struct arena *a, struct doc *d);

/* "2025年4月1日 制定" / "Enacted on 1 April 2025" for a valid date
 * (policy_date_ok), else NULL; in a. */
const char *report_policy_enacted(struct arena *a, const char *date,
	    enum lang l);
/* The PDF of version v appended to out: REPORT_OK, or REPORT_ERR_FONT /
 * REPORT_ERR_RENDER (report/report.h) with one line in err.  Thread-safe. */
int	report_policy_pdf(const struct content *ct,
	    const struct policy_version *v, struct buf *out, char *err,
	    size_t errlen);

#endif
