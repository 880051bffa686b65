/*
 * diag_json: the results of a set of answers as JSON — the one format that
 * `mamori diagnosis score --format json` prints and the API serves.
 *
 * {"company_score": 24.3, "band": "weak",
 *  "respondents": [{"name", "role", "score"}],
 *  "parts": [{"part", "mean"}], "roles": [{"role", "mean"}],
 *  "items": [{"item", "mean", "counts": {"4", "2", "0", "-1"}}]}
 *
 * Numbers are written locale-free with one decimal.  docs/api.md describes
 * every field.
 */
#ifndef MAMORI_REPORT_DIAG_JSON_H
#define MAMORI_REPORT_DIAG_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "model/diag.h"

/* Whom the document is for: what "respondents" and "roles" hold. */
enum diag_json_view {
	DIAG_JSON_NAMES,	/* each respondent with the name given */
	DIAG_JSON_ANON,		/* each respondent, named "R1", "R2" … */
	DIAG_JSON_TOTALS,	/* no respondents; only the roles that show no
				   one person (diag_result.role_hidden) */
	DIAG_JSON_VIEW__MAX
};

/* Append the JSON object (and a final newline) to b.  resp[0..n) are the
 * respondents res was computed from. */
void	diag_json(struct buf *b, const struct diag_resp *resp, size_t n,
	    const struct diag_result *res, enum diag_json_view view);

#endif
