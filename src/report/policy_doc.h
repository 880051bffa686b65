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

/* The PDF of version v appended to out: REPORT_OK, or REPORT_ERR_FONT /
 * REPORT_ERR_RENDER (report/report.h) with one line in err.  Thread-safe. */
int	report_policy_pdf(const struct content *ct,
	    const struct policy_version *v, struct buf *out, char *err,
	    size_t errlen);

#endif
