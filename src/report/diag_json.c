#include "report/diag_json.h"

#include "base/esc.h"
#include "base/num.h"

static void
json_respondents(struct buf *b, const struct diag_resp *resp, size_t n,
    enum diag_json_view view)
{
	const char *sep = "";
	size_t k, no = 0;

	buf_adds(b, "\"respondents\": [");
	for (k = 0; k < n && view != DIAG_JSON_TOTALS; k++) {
		const struct diag_resp *r = &resp[k];

		if (diag_resp_answered(r) != DIAG_ITEMS)
			continue;	/* not counted in the results either */
		buf_adds(b, sep);
		buf_adds(b, "{\"name\": ");
		sep = ", ";
		if (view == DIAG_JSON_ANON)
			buf_printf(b, "\"R%zu\"", ++no);
		else
			esc_json(b, str_c(r->name ? r->name : ""));
		if (view != DIAG_JSON_ANON) {
			buf_adds(b, ", \"department\": ");
			esc_json(b, str_c(r->department ? r->department : ""));
		}
		buf_adds(b, ", \"role\": ");
		esc_json(b, str_c(diag_role_key(r->role)));
		buf_printf(b, ", \"score\": %d}", diag_resp_score(r));
	}
	buf_adds(b, "]");
}

static void
json_parts_roles(struct buf *b, const struct diag_result *res,
    enum diag_json_view view)
{
	const char *sep = "";
	int p, r;

	buf_adds(b, "\"parts\": [");
	for (p = 0; p < DIAG_PARTS; p++) {
		buf_printf(b, "%s{\"part\": %d, \"mean\": ", p ? ", " : "",
		    p + 1);
		num_tenths(b, res->part_mean_tenths[p]);
		buf_adds(b, ", \"on_100\": ");
		num_tenths(b, res->part_on100_tenths[p]);
		buf_addc(b, '}');
	}
	buf_adds(b, "], \"roles\": [");
	for (r = 0; r < DIAG_ROLE__MAX; r++) {
		if (res->role_n[r] == 0 || (view == DIAG_JSON_TOTALS &&
		    res->role_hidden[r]))
			continue;
		buf_printf(b, "%s{\"role\": ", sep);
		esc_json(b, str_c(diag_role_key((enum diag_role)r)));
		buf_adds(b, ", \"mean\": ");
		num_tenths(b, res->role_mean_tenths[r]);
		buf_addc(b, '}');
		sep = ", ";
	}
	buf_adds(b, "]");
}

static void
json_items(struct buf *b, const struct diag_result *res)
{
	static const enum diag_answer order[] = {
		DIAG_YES, DIAG_PARTLY, DIAG_NO, DIAG_UNKNOWN,
	};
	size_t k;
	int i;

	buf_adds(b, "\"items\": [");
	for (i = 0; i < DIAG_ITEMS; i++) {
		buf_printf(b, "%s{\"item\": %d, \"mean\": ", i ? ", " : "",
		    i + 1);
		num_tenths(b, res->item[i].mean_tenths);
		buf_adds(b, ", \"counts\": {");
		for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
			buf_printf(b, "%s\"%d\": %d", k ? ", " : "",
			    diag_points(order[k]),
			    res->item[i].counts[order[k]]);
		buf_adds(b, "}}");
	}
	buf_adds(b, "]");
}

void
diag_json(struct buf *b, const struct diag_resp *resp, size_t n,
    const struct diag_result *res, enum diag_json_view view)
{
	buf_adds(b, "{\"company_score\": ");
	num_tenths(b, res->company_tenths);
	buf_adds(b, ", \"band\": ");
	esc_json(b, str_c(diag_band_key(res->band)));
	buf_adds(b, ", ");
	json_respondents(b, resp, n, view);
	buf_adds(b, ", ");
	json_parts_roles(b, res, view);
	buf_adds(b, ", ");
	json_items(b, res);
	buf_adds(b, "}\n");
}
