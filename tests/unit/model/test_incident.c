/* Unit tests for src/model/incident.c and the incident registers of
 * src/model/registers.c: the report clock's countdown in Japan days
 * (across a month's, a year's and a leap February's end), the source of
 * plan rows from lessons; and, on SQLite and on PostgreSQL (when
 * MAMORI_TEST_PG_DIR is set), the rules the registers check in the
 * write's transaction — nothing logged or ticked on a closed incident,
 * a step only of the kind's playbook and only once, one lessons row per
 * incident, closing unreported only with the closer's own confirmation,
 * the plan's source incident:N. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <stdio.h>
#include <string.h>

#include "content/content.h"
#include "model/account.h"
#include "model/appi.h"
#include "model/incident.h"
#include "model/org.h"
#include "model/register.h"

static struct content ct;

static const struct appi_rule rule = { 1000, 3, 5, 30, 60 };

/* ---- pure ---------------------------------------------------------------- */

static struct appi_day
D(int y, int m, int d)
{
	struct appi_day x = { y, m, d };

	return x;
}

static void
test_incident_clock_counts_japan_days(void **state)
{
	struct appi_case c = { true, 1200, false, false, true, false };
	struct appi_due due;
	struct incident_clock k;

	(void)state;
	/* aware 2026-12-30 10:00 in Japan: window 2027-01-02…04, final
	 * (wrongful intent) 2027-02-27 */
	appi_due(&rule, &c, 1798592400, &due);
	incident_clock(&due, D(2026, 12, 30), &k);
	assert_int_equal(k.prelim_opens, 3);
	assert_int_equal(k.prelim_left, 5);
	assert_int_equal(k.final_left, 59);
	/* across the year's end */
	incident_clock(&due, D(2027, 1, 3), &k);
	assert_int_equal(k.prelim_opens, -1);
	assert_int_equal(k.prelim_left, 1);
	assert_int_equal(k.final_left, 55);
	/* the last day: 0; the day after: overdue by one */
	incident_clock(&due, D(2027, 1, 4), &k);
	assert_int_equal(k.prelim_left, 0);
	incident_clock(&due, D(2027, 2, 28), &k);
	assert_int_equal(k.prelim_left, -55);
	assert_int_equal(k.final_left, -1);
	/* a leap February: aware 2028-02-01 09:00, 30 days end 2028-03-01 */
	c.malicious = false;
	appi_due(&rule, &c, 1832976000, &due);
	incident_clock(&due, D(2028, 2, 28), &k);
	assert_int_equal(k.final_left, 2);	/* the 29th, then 1 March */
	incident_clock(&due, D(2028, 3, 2), &k);
	assert_int_equal(k.final_left, -1);
	/* a month of 30 days: aware 2026-03-31 23:30 in Japan */
	appi_due(&rule, &c, 1774967400, &due);
	incident_clock(&due, D(2026, 4, 1), &k);
	assert_int_equal(k.prelim_opens, 2);	/* 3 April */
	assert_int_equal(k.prelim_left, 4);	/* 5 April */
	assert_int_equal(k.final_left, 28);	/* 29 April */
}

static void
test_incident_source(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(incident_source(12, &a), "incident:12");
	arena_free(&a);
}

/* ---- the registers' rules, on a database ---------------------------------- */

static const struct register_decl *
R(enum register_kind k)
{
	return register_of(k);
}

/* A row of register k from JSON (must read). */
static void
row_of(struct testdb *e, enum register_kind k, const char *json,
    struct register_row *row)
{
	struct register_errs errs = { 0 };

	assert_true(register_from_json(&ct.regenv, R(k), json, strlen(json),
	    &e->a, row, &errs));
}

/* Add a row from JSON as who; the result, errors into *errs. */
static int
add(struct testdb *e, enum register_kind k, int64_t org,
    const struct register_who *who, const char *json, int64_t *id,
    struct register_errs *errs)
{
	struct register_row row;
	struct db_conn *c;

	row_of(e, k, json, &row);
	/* members named by e-mail: their ids */
	c = db_acquire(e->db);
	assert_int_equal(register_check_refs(c, R(k), org, NULL, &e->a, &row,
	    errs), DB_OK);
	db_release(e->db, c);
	errs->n = 0;
	return register_add(e->db, &ct.regenv, R(k), org, who, &row, id,
	    errs);
}

/* The single error of a refused write is field key, code. */
static void
refused(const struct register_errs *errs, const char *key, enum rf_err code)
{
	assert_int_equal(errs->n, 1);
	assert_string_equal(errs->e[0].name, key);
	assert_int_equal(errs->e[0].code, code);
}

/* A user with this e-mail, an admin of org; its id. */
static int64_t
user(struct testdb *e, int64_t org, const char *email)
{
	struct db_conn *c = db_acquire(e->db);
	int64_t id;

	assert_int_equal(user_insert(c, email, "x", USER_MEMBER, 0, &id),
	    DB_OK);
	assert_int_equal(org_member_put(c, id, org, "org_admin"), DB_OK);
	db_release(e->db, c);
	return id;
}

static void
test_incident_rules(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e1"), other = testdb_org(e, "E",
	    "e1"), inc, calm, id, rev;
	int64_t me = user(e, org, "me@example.jp");
	struct register_who who = { me, "test" };
	struct register_errs errs = { 0 };
	struct register_row row;
	char j[512];

	(void)user(e, org, "you@example.jp");
	assert_int_equal(add(e, REGISTER_INCIDENTS, org, &who, "{\"kind\": "
	    "\"malware\", \"summary\": \"暗号化\", \"level\": 3, \"status\": "
	    "\"open\", \"detected_at\": \"2026-10-01T09:00+09:00\", "
	    "\"personal\": true, \"people\": 1200}", &inc, &errs), DB_OK);
	assert_int_equal(add(e, REGISTER_INCIDENTS, org, &who, "{\"kind\": "
	    "\"other\", \"summary\": \"迷惑メール\", \"level\": 0, "
	    "\"detected_at\": \"2026-10-02T09:00+09:00\"}", &calm, &errs),
	    DB_OK);

	/* a step of the malware playbook, once; the fraud playbook's, no */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"disconnect\", "
	    "\"done_at\": \"2026-10-01T09:10+09:00\"}", (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), DB_OK);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "step", RFE_TAKEN);
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"hold_payment\", "
	    "\"done_at\": \"2026-10-01T09:10+09:00\"}", (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "step", RFE_PLAYBOOK);
	/* "other" follows the generic playbook: assess is its, scan not */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"assess\", "
	    "\"done_at\": \"2026-10-02T09:10+09:00\"}", (long long)calm);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), DB_OK);
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"scan\", "
	    "\"done_at\": \"2026-10-02T09:10+09:00\"}", (long long)calm);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "step", RFE_PLAYBOOK);
	/* the same step on another incident is another tick */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"start_log\", "
	    "\"done_at\": \"2026-10-02T09:10+09:00\"}", (long long)calm);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), DB_OK);

	/* the log; a moment ahead of now refused */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"at\": "
	    "\"2026-10-01T09:05+09:00\", \"what\": \"気づいた\"}",
	    (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_LOG, org, &who, j, &id,
	    &errs), DB_OK);
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"at\": "
	    "\"2999-01-01T00:00Z\", \"what\": \"先の話\"}", (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_LOG, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "at", RFE_FUTURE);

	/* one lessons row per incident */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"prevent\": \"更新\"}",
	    (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_LESSONS, org, &who, j, &id,
	    &errs), DB_OK);
	assert_int_equal(add(e, REGISTER_INCIDENT_LESSONS, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "incident", RFE_TAKEN);
	{
		/* …and it may be saved again itself */
		struct db_conn *c = db_acquire(e->db);
		struct register_row cur;

		assert_int_equal(register_get(c, &ct.regenv,
		    R(REGISTER_INCIDENT_LESSONS), org, id, &e->a, &cur), DB_ROW);
		db_release(e->db, c);
		assert_int_equal(register_save(e->db, &ct.regenv,
		    R(REGISTER_INCIDENT_LESSONS), org, &who, id, cur.rev, &cur,
		    &rev, &errs), DB_OK);
	}

	/* closing: 1,200 people need a report, nothing ticks it (no
	 * destinations register here): the closer must confirm, as
	 * themself */
	{
		const char *base = "{\"kind\": \"malware\", \"summary\": "
		    "\"暗号化\", \"level\": 3, \"detected_at\": "
		    "\"2026-10-01T09:00+09:00\", \"personal\": true, "
		    "\"people\": 1200, \"status\": \"closed\"";
		struct db_conn *c;

		c = db_acquire(e->db);
		assert_int_equal(registers_incident_reported(c, &ct.regenv, org,
		    inc), 0);
		db_release(e->db, c);
		snprintf(j, sizeof(j), "%s}", base);
		row_of(e, REGISTER_INCIDENTS, j, &row);
		errs.n = 0;
		assert_int_equal(register_save(e->db, &ct.regenv,
		    R(REGISTER_INCIDENTS), org, &who, inc, 1, &row, &rev, &errs),
		    REGISTER_INVALID);
		refused(&errs, "status", RFE_UNREPORTED);
		snprintf(j, sizeof(j), "%s, \"close_confirmed_by\": "
		    "\"you@example.jp\"}", base);
		row_of(e, REGISTER_INCIDENTS, j, &row);
		c = db_acquire(e->db);
		assert_int_equal(register_check_refs(c, R(REGISTER_INCIDENTS),
		    org, NULL, &e->a, &row, &errs), DB_OK);
		db_release(e->db, c);
		errs.n = 0;
		assert_int_equal(register_save(e->db, &ct.regenv,
		    R(REGISTER_INCIDENTS), org, &who, inc, 1, &row, &rev, &errs),
		    REGISTER_INVALID);
		refused(&errs, "close_confirmed_by", RFE_NOT_SELF);
		snprintf(j, sizeof(j), "%s, \"close_confirmed_by\": "
		    "\"me@example.jp\"}", base);
		row_of(e, REGISTER_INCIDENTS, j, &row);
		c = db_acquire(e->db);
		assert_int_equal(register_check_refs(c, R(REGISTER_INCIDENTS),
		    org, NULL, &e->a, &row, &errs), DB_OK);
		db_release(e->db, c);
		errs.n = 0;
		assert_int_equal(register_save(e->db, &ct.regenv,
		    R(REGISTER_INCIDENTS), org, &who, inc, 1, &row, &rev, &errs),
		    DB_OK);
	}
	/* no report due: it closes without a word */
	row_of(e, REGISTER_INCIDENTS, "{\"kind\": \"other\", \"summary\": "
	    "\"迷惑メール\", \"level\": 0, \"detected_at\": "
	    "\"2026-10-02T09:00+09:00\", \"status\": \"closed\"}", &row);
	assert_int_equal(register_save(e->db, &ct.regenv, R(REGISTER_INCIDENTS),
	    org, &who, calm, 1, &row, &rev, &errs), DB_OK);

	/* a closed incident takes no log entry and no tick */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"at\": "
	    "\"2026-10-03T09:00+09:00\", \"what\": \"追記\"}", (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_LOG, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	refused(&errs, "incident", RFE_CLOSED);
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"step\": \"scan\", "
	    "\"done_at\": \"2026-10-03T09:10+09:00\"}", (long long)inc);
	assert_int_equal(add(e, REGISTER_INCIDENT_STEPS, org, &who, j, &id,
	    &errs), REGISTER_INVALID);
	assert_int_equal(errs.e[0].code, RFE_CLOSED);
	/* another organisation's incident is no row of this one's */
	snprintf(j, sizeof(j), "{\"incident\": %lld, \"at\": "
	    "\"2026-10-03T09:00+09:00\", \"what\": \"x\"}", (long long)calm);
	assert_int_equal(add(e, REGISTER_INCIDENT_LOG, other, &who, j, &id,
	    &errs), REGISTER_BAD_REF);

	/* the plan's source: incident:N */
	row_of(e, REGISTER_PLAN, "{\"area\": \"technical\", \"measure\": "
	    "\"更新\", \"source\": \"incident:7\"}", &row);
	assert_int_equal(register_add(e->db, &ct.regenv, R(REGISTER_PLAN), org,
	    &who, &row, &id, &errs), DB_OK);
	row_of(e, REGISTER_PLAN, "{\"area\": \"technical\", \"measure\": "
	    "\"更新\", \"source\": \"incident:07x\"}", &row);
	assert_int_equal(register_add(e->db, &ct.regenv, R(REGISTER_PLAN), org,
	    &who, &row, &id, &errs), REGISTER_INVALID);
}

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "incident");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "incident");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_incident_clock_counts_japan_days),
		cmocka_unit_test(test_incident_source),
	};
	const struct CMUnitTest db_tests[] = {
		cmocka_unit_test(test_incident_rules),
	};
	char err[512];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", db_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", db_tests, setup_pg,
	    teardown);
	content_free(&ct);
	return failed;
}
