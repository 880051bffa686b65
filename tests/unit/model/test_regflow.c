/* Unit tests for src/model/regflow.c: the risk heat map's counts, the
 * items the plan draft proposes, the pairs and sources already there,
 * months in Japan, and the plan rows overdue or in the calendar.  Rows
 * are made by the register engine itself (register_from_json and the
 * risks' derive_refs), so the counts follow the engine's derivations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "model/diag.h"
#include "model/regflow.h"
#include "model/register.h"
#include "model/risk.h"

static struct content ct;
static struct arena ar;

static int
setup(void **state)
{
	char err[512];

	arena_init(&ar);
	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	content_free(&ct);
	arena_free(&ar);
	return 0;
}

/* A row of register k from JSON, with id. */
static struct register_row
row_of(enum register_kind k, int64_t id, const char *json)
{
	struct register_row row;
	struct register_errs errs = { 0 };

	memset(&row, 0, sizeof(row));
	if (!register_from_json(&ct.regenv, register_of(k), json, strlen(json),
	    &ar, &row, &errs))
		fail_msg("%s: error %d on field %d", json, errs.e[0].code,
		    errs.e[0].field);
	row.id = id;
	row.rev = 1;
	row.updated_by = "";
	return row;
}

/* A risk row naming asset (NULL: one that is gone), its value derived by
 * the engine as a read of the database derives it. */
static struct register_row
risk_of(int64_t id, const struct register_row *asset, int t, int v)
{
	const struct register_decl *d = register_of(REGISTER_RISKS);
	const struct register_row *ref[REGISTER_FIELDS_MAX] = { NULL };
	char json[256];
	struct register_row row;

	snprintf(json, sizeof(json), "{\"asset\": %lld, \"threat\": \"theft\", "
	    "\"threat_level\": %d, \"vulnerability\": %d}",
	    asset ? (long long)asset->id : 999LL, t, v);
	row = row_of(REGISTER_RISKS, id, json);
	ref[register_field(d, "asset")] = asset;
	d->derive_refs(&ct.regenv, &row, ref);
	return row;
}

static void
test_regflow_heat_count_every_cell(void **state)
{
	struct register_row assets[3], rows[3 * 9 * 2 + 2];
	struct regflow_heat hm;
	int want[3][3] = { { 0 } }, imp, t, v, rep, i, j;
	size_t n = 0;

	for (imp = 1; imp <= 3; imp++) {
		char json[96];

		snprintf(json, sizeof(json), "{\"name\": \"a%d\", \"c\": %d, "
		    "\"i\": 1, \"a\": 1}", imp, imp);
		assets[imp - 1] = row_of(REGISTER_ASSETS, imp, json);
	}
	/* every importance × every (threat, vulnerability), twice for
	 * importance 3 */
	for (imp = 1; imp <= 3; imp++)
		for (rep = 0; rep < (imp == 3 ? 2 : 1); rep++)
			for (t = 1; t <= 3; t++)
				for (v = 1; v <= 3; v++) {
					/* IPA's table, written out here */
					int l = t == 3 && v == 3 ? 3 :
					    t + v == 5 ? 2 : 1;

					rows[n] = risk_of((int64_t)n + 1,
					    &assets[imp - 1], t, v);
					n++;
					want[imp - 1][l - 1]++;
				}
	rows[n] = risk_of((int64_t)n + 1, NULL, 3, 3);	/* asset gone */
	n++;
	regflow_heat_count(rows, n, &hm);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			if (hm.n[i][j] != want[i][j])
				fail_msg("importance %d likelihood %d: %d, want %d",
				    i + 1, j + 1, hm.n[i][j], want[i][j]);
	/* importance 1: 7 pairs give likelihood 1, 2 give 2, 1 gives 3 */
	assert_int_equal(hm.n[0][0], 6);
	assert_int_equal(hm.n[0][1], 2);
	assert_int_equal(hm.n[0][2], 1);
	assert_int_equal(hm.n[2][2], 2);
	assert_int_equal(hm.unplaced, 1);
	assert_int_equal(hm.total, (int)n);
	regflow_heat_count(rows, 0, &hm);
	assert_int_equal(hm.total, 0);
	assert_int_equal(hm.n[0][0], 0);
}

/* n respondents answering item i with ans[i][k] for person k. */
static void
compute(const char *const *ans, size_t n, struct diag_result *res)
{
	struct diag_resp r[8];
	size_t k;
	int i;

	assert_true(n <= 8);
	memset(r, 0, sizeof(r));
	for (k = 0; k < n; k++) {
		r[k].role = DIAG_ROLE_EMPLOYEE;
		for (i = 0; i < DIAG_ITEMS; i++) {
			char c = ans[i] != NULL ? ans[i][k] : 'y';

			r[k].ans[i] = c == 'y' ? DIAG_YES : c == 'p' ?
			    DIAG_PARTLY : c == 'n' ? DIAG_NO : DIAG_UNKNOWN;
		}
	}
	diag_compute(r, n, res);
}

static void
test_regflow_weak_items_below_two_weakest_first(void **state)
{
	const char *ans[DIAG_ITEMS] = { NULL };
	struct diag_result res;
	int out[DIAG_ITEMS];
	size_t n;

	/* four people: means in points */
	ans[2] = "pppp";	/* 2.0: not below 2 */
	ans[4] = "ppnp";	/* 1.5 */
	ans[6] = "nnnn";	/* 0 */
	ans[8] = "nnnu";	/* −0.25: below item 7 */
	ans[10] = "ppyn";	/* 2.0 */
	ans[12] = "pnpn";	/* 1.0 */
	ans[14] = "uuuu";	/* −1 */
	ans[16] = "nnnp";	/* 0.5 */
	ans[18] = "nnpn";	/* 0.5, as many "don't know" as item 17:
				   after it, by number */
	compute(ans, 4, &res);
	n = regflow_weak_items(&res, out);
	assert_int_equal(n, 7);
	assert_int_equal(out[0], 14);
	assert_int_equal(out[1], 8);
	assert_int_equal(out[2], 6);
	assert_int_equal(out[3], 16);
	assert_int_equal(out[4], 18);
	assert_int_equal(out[5], 12);
	assert_int_equal(out[6], 4);
	/* every item implemented: nothing; no respondent: nothing */
	memset(ans, 0, sizeof(ans));
	compute(ans, 3, &res);
	assert_int_equal(regflow_weak_items(&res, out), 0);
	memset(&res, 0, sizeof(res));
	assert_int_equal(regflow_weak_items(&res, out), 0);
}

static void
test_regflow_sources_and_pairs_taken(void **state)
{
	struct register_row plan[3], risks[2], asset;

	plan[0] = row_of(REGISTER_PLAN, 1, "{\"area\": \"human\", \"measure\": "
	    "\"m\", \"source\": \"diagnosis:6\"}");
	plan[1] = row_of(REGISTER_PLAN, 2, "{\"area\": \"human\", \"measure\": "
	    "\"m\", \"source\": \"risk:12\"}");
	plan[2] = row_of(REGISTER_PLAN, 3, "{\"area\": \"human\", \"measure\": "
	    "\"m\"}");
	assert_true(regflow_source_taken(plan, 3, "diagnosis:6"));
	assert_true(regflow_source_taken(plan, 3, "risk:12"));
	assert_false(regflow_source_taken(plan, 3, "diagnosis:16"));
	assert_false(regflow_source_taken(plan, 3, "risk:1"));
	assert_false(regflow_source_taken(plan, 0, "diagnosis:6"));

	asset = row_of(REGISTER_ASSETS, 7, "{\"name\": \"a\", \"c\": 2, "
	    "\"i\": 1, \"a\": 1}");
	risks[0] = risk_of(1, &asset, 2, 2);
	risks[1] = row_of(REGISTER_RISKS, 2, "{\"asset\": 8, \"threat\": "
	    "\"ransomware\", \"threat_level\": 1, \"vulnerability\": 1}");
	assert_true(regflow_risk_taken(risks, 2, 7, "theft"));
	assert_true(regflow_risk_taken(risks, 2, 8, "ransomware"));
	assert_false(regflow_risk_taken(risks, 2, 7, "ransomware"));
	assert_false(regflow_risk_taken(risks, 2, 8, "theft"));
}

static void
test_regflow_months_in_japan(void **state)
{
	/* 2026-01-31 15:00 UTC is 2026-02-01 00:00 in Japan */
	assert_int_equal(regflow_month_of(1769871600), 2026 * 12 + 1);
	assert_int_equal(regflow_month_of(1769871599), 2026 * 12 + 0);
	assert_int_equal(regflow_month_index("2026-02"), 2026 * 12 + 1);
	assert_int_equal(regflow_month_index("2026-12"), 2026 * 12 + 11);
	assert_int_equal(regflow_month_index("2026-13"), -1);
	assert_int_equal(regflow_month_index("2026-00"), -1);
	assert_int_equal(regflow_month_index("2026-2"), -1);
	assert_int_equal(regflow_month_index("2026/02"), -1);
	assert_int_equal(regflow_month_index("2026-02-01"), -1);
	assert_int_equal(regflow_month_index(NULL), -1);
	assert_int_equal(regflow_days_in_month(2026, 2), 28);
	assert_int_equal(regflow_days_in_month(2028, 2), 29);
	assert_int_equal(regflow_days_in_month(2100, 2), 28);
	assert_int_equal(regflow_days_in_month(2000, 2), 29);
	assert_int_equal(regflow_days_in_month(2026, 4), 30);
	assert_int_equal(regflow_days_in_month(2026, 12), 31);
	assert_int_equal(regflow_days_in_month(2026, 13), 0);
}

static void
test_regflow_overdue_and_calendar(void **state)
{
	struct register_row plan[7];
	size_t ix[7], n;
	/* 2026-03-10 in Japan */
	int64_t now = 1773100800;

	plan[0] = row_of(REGISTER_PLAN, 1, "{\"area\": \"human\", \"measure\": "
	    "\"a\", \"deadline\": \"2026-02\"}");
	plan[1] = row_of(REGISTER_PLAN, 2, "{\"area\": \"human\", \"measure\": "
	    "\"b\", \"deadline\": \"2025-11\", \"status\": \"doing\"}");
	plan[2] = row_of(REGISTER_PLAN, 3, "{\"area\": \"human\", \"measure\": "
	    "\"c\", \"deadline\": \"2025-11\", \"status\": \"done\"}");
	plan[3] = row_of(REGISTER_PLAN, 4, "{\"area\": \"human\", \"measure\": "
	    "\"d\", \"deadline\": \"2026-01\", \"status\": \"dropped\"}");
	plan[4] = row_of(REGISTER_PLAN, 5, "{\"area\": \"human\", \"measure\": "
	    "\"e\", \"deadline\": \"2026-03\", \"status\": \"todo\"}");
	plan[5] = row_of(REGISTER_PLAN, 6, "{\"area\": \"human\", \"measure\": "
	    "\"f\"}");
	plan[6] = row_of(REGISTER_PLAN, 7, "{\"area\": \"human\", \"measure\": "
	    "\"g\", \"deadline\": \"2025-11\"}");
	assert_true(regflow_plan_open(&plan[0]));
	assert_true(regflow_plan_open(&plan[1]));
	assert_false(regflow_plan_open(&plan[2]));
	assert_false(regflow_plan_open(&plan[3]));
	/* before this month, open; oldest first, then by id */
	n = regflow_overdue(plan, 7, now, ix);
	assert_int_equal(n, 3);
	assert_int_equal(ix[0], 1);
	assert_int_equal(ix[1], 6);
	assert_int_equal(ix[2], 0);
	/* this month is not overdue yet; next month it is */
	n = regflow_overdue(plan, 7, now + 31 * 86400, ix);
	assert_int_equal(n, 4);
	assert_int_equal(ix[3], 4);
	/* the calendar: every open row with a deadline */
	n = regflow_calendar(plan, 7, ix);
	assert_int_equal(n, 4);
	assert_int_equal(ix[0], 1);
	assert_int_equal(ix[1], 6);
	assert_int_equal(ix[2], 0);
	assert_int_equal(ix[3], 4);
	assert_int_equal(regflow_overdue(plan, 0, now, ix), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regflow_heat_count_every_cell),
		cmocka_unit_test(test_regflow_weak_items_below_two_weakest_first),
		cmocka_unit_test(test_regflow_sources_and_pairs_taken),
		cmocka_unit_test(test_regflow_months_in_japan),
		cmocka_unit_test(test_regflow_overdue_and_calendar),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
