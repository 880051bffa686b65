/* Unit tests for src/model/register.c, registers.c and asset.c: the
 * importance rule, reading values, JSON in and out, choosing rows, and
 * the stored rows with their history and stale saves refused — on
 * SQLite, and on PostgreSQL through the test server when
 * MAMORI_TEST_PG_DIR is set (tests/run.sh sets it). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content/content.h"
#include "model/account.h"
#include "model/asset.h"
#include "model/org.h"
#include "model/register.h"
#include "model/plan.h"
#include "model/risk.h"

static struct content ct;

static int
setup_sqlite(void **state)
{
	return testdb_sqlite(state, "register");
}

static int
setup_pg(void **state)
{
	return testdb_pg(state, "register");
}

static int
teardown(void **state)
{
	return testdb_teardown(state);
}


static const struct register_decl *
assets(void)
{
	return register_of(REGISTER_ASSETS);
}

/* Field key → index, failing the test when absent. */
static int
F(const char *key)
{
	int i = register_field(assets(), key);

	assert_true(i >= 0);
	return i;
}

static void
test_importance_every_combination(void **state)
{
	int c, i, a, p;

	(void)state;
	/* Independently: the maximum, then the floor the personal data
	 * sets. */
	for (c = 1; c <= 3; c++)
		for (i = 1; i <= 3; i++)
			for (a = 1; a <= 3; a++)
				for (p = 0; p < PERSONAL__MAX; p++) {
					int want = c > i ? c : i;

					want = want > a ? want : a;
					if (p == PERSONAL_PERSONAL)
						want = want < 2 ? 2 : want;
					if (p >= PERSONAL_SENSITIVE)
						want = 3;
					assert_int_equal(asset_importance(c, i,
					    a, (enum asset_personal)p), want);
				}
	assert_int_equal(asset_importance(1, 1, 1, PERSONAL_NONE), 1);
	assert_int_equal(asset_importance(1, 2, 1, PERSONAL_NONE), 2);
	assert_int_equal(asset_importance(1, 1, 1, PERSONAL_MYNUMBER), 3);
}

static void
test_values_are_read_and_refused_with_reasons(void **state)
{
	const struct register_env *e = &ct.regenv;
	const struct register_decl *d = assets();
	struct register_val v;
	struct arena ar;
	long a, b;

	(void)state;
	arena_init(&ar);
	/* text: trimmed (U+3000 too), counted in characters */
	assert_int_equal(register_value(e, &d->f[F("name")], "\xe3\x80\x80 顧客名簿 ",
	    &ar, &v, &a, &b), RFE_OK);
	assert_true(v.set);
	assert_string_equal(v.s, "顧客名簿");
	{
		char s[400];

		memset(s, 0, sizeof(s));
		for (int k = 0; k < 100; k++)
			memcpy(s + 3 * k, "漢", 3);
		assert_int_equal(register_value(e, &d->f[F("name")], s, &ar,
		    &v, &a, &b), RFE_OK);
		memcpy(s + 300, "a", 1);
		assert_int_equal(register_value(e, &d->f[F("name")], s, &ar,
		    &v, &a, &b), RFE_TOO_LONG);
		assert_int_equal(a, 100);
	}
	assert_int_equal(register_value(e, &d->f[F("name")], "a\x01z", &ar,
	    &v, &a, &b), RFE_UTF8);
	assert_int_equal(register_value(e, &d->f[F("name")], "\xff", &ar, &v,
	    &a, &b), RFE_UTF8);
	assert_int_equal(register_value(e, &d->f[F("note")], "one\ntwo", &ar,
	    &v, &a, &b), RFE_OK);
	assert_int_equal(register_value(e, &d->f[F("name")], "one\ntwo", &ar,
	    &v, &a, &b), RFE_UTF8);
	/* empty is unset, not an error (required is checked per row) */
	assert_int_equal(register_value(e, &d->f[F("c")], "  ", &ar, &v, &a,
	    &b), RFE_OK);
	assert_false(v.set);
	/* integers and their bounds */
	assert_int_equal(register_value(e, &d->f[F("c")], "3", &ar, &v, &a,
	    &b), RFE_OK);
	assert_int_equal(v.i, 3);
	assert_int_equal(register_value(e, &d->f[F("c")], "0", &ar, &v, &a,
	    &b), RFE_RANGE);
	assert_int_equal(a, 1);
	assert_int_equal(b, 3);
	assert_int_equal(register_value(e, &d->f[F("c")], "4", &ar, &v, &a,
	    &b), RFE_RANGE);
	assert_int_equal(register_value(e, &d->f[F("c")], "2.5", &ar, &v, &a,
	    &b), RFE_NOT_INT);
	/* keys, or labels in either language */
	assert_int_equal(register_value(e, &d->f[F("personal")], "mynumber",
	    &ar, &v, &a, &b), RFE_OK);
	assert_int_equal(v.i, PERSONAL_MYNUMBER);
	assert_int_equal(register_value(e, &d->f[F("personal")],
	    "要配慮個人情報", &ar, &v, &a, &b), RFE_OK);
	assert_int_equal(v.i, PERSONAL_SENSITIVE);
	assert_string_equal(v.s, "sensitive");
	assert_int_equal(register_value(e, &d->f[F("media")], "Paper", &ar,
	    &v, &a, &b), RFE_OK);
	assert_int_equal(v.i, MEDIA_PAPER);
	assert_int_equal(register_value(e, &d->f[F("media")], "papyrus", &ar,
	    &v, &a, &b), RFE_KEY);
	arena_free(&ar);
}

static void
test_dates_and_months(void **state)
{
	static const struct rf_decl day = { "d", RF_DATE, false, false, false,
	    0, 0, KS_NONE, 0 };
	static const struct rf_decl mon = { "m", RF_MONTH, false, false,
	    false, 0, 0, KS_NONE, 0 };
	static const struct rf_decl yn = { "b", RF_BOOL, false, false, false,
	    0, 0, KS_NONE, 0 };
	struct register_val v;
	struct arena ar;
	long a, b;

	(void)state;
	arena_init(&ar);
	assert_int_equal(register_value(&ct.regenv, &day, "2028-02-29", &ar,
	    &v, &a, &b), RFE_OK);
	assert_int_equal(register_value(&ct.regenv, &day, "2027-02-29", &ar,
	    &v, &a, &b), RFE_DATE);
	assert_int_equal(register_value(&ct.regenv, &day, "2100-02-29", &ar,
	    &v, &a, &b), RFE_DATE);
	assert_int_equal(register_value(&ct.regenv, &day, "2027-4-1", &ar,
	    &v, &a, &b), RFE_DATE);
	assert_int_equal(register_value(&ct.regenv, &mon, "2027-12", &ar, &v,
	    &a, &b), RFE_OK);
	assert_int_equal(register_value(&ct.regenv, &mon, "2027-13", &ar, &v,
	    &a, &b), RFE_MONTH);
	assert_int_equal(register_value(&ct.regenv, &yn, "はい", &ar, &v, &a,
	    &b), RFE_OK);
	assert_int_equal(v.i, 1);
	assert_int_equal(register_value(&ct.regenv, &yn, "FALSE", &ar, &v, &a,
	    &b), RFE_OK);
	assert_int_equal(v.i, 0);
	assert_int_equal(register_value(&ct.regenv, &yn, "maybe", &ar, &v, &a,
	    &b), RFE_BOOL);
	arena_free(&ar);
}

/* Moments: each form of ISO 8601 the field takes, the same instant
 * whatever its offset, kept as Japan time; the ones refused. */
static void
test_datetimes(void **state)
{
	static const struct rf_decl dt = { "t", RF_DATETIME, false, false,
	    false, 0, 0, KS_NONE, 0 };
	/* 2026-12-31 23:30 in Japan is 14:30 UTC: 1798727400 */
	static const char *const same[] = {
		"2026-12-31T23:30", "2026-12-31 23:30:00",
		"2026-12-31T23:30:00+09:00", "2026-12-31T14:30:00Z",
		"2026-12-31T09:30-05:00", "2027-01-01T00:30+10:00",
	};
	static const char *const bad[] = {
		"2026-12-31", "2026-12-31T24:00", "2026-12-31T23:60",
		"2026-02-30T10:00", "2026-12-31T23:30+9:00",
		"2026-12-31T23:30:00+09:00x", "2026-12-31T23:30+15:00",
		"31/12/2026 23:30",
	};
	struct register_val v;
	struct arena ar;
	size_t k;
	long a, b;

	(void)state;
	arena_init(&ar);
	for (k = 0; k < sizeof(same) / sizeof(same[0]); k++) {
		assert_int_equal(register_value(&ct.regenv, &dt, same[k], &ar,
		    &v, &a, &b), RFE_OK);
		assert_int_equal(v.i, 1798727400);
		assert_string_equal(v.s, "2026-12-31T23:30:00+09:00");
	}
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		assert_int_equal(register_value(&ct.regenv, &dt, bad[k], &ar, &v,
		    &a, &b), RFE_DATETIME);
	assert_string_equal(register_err_key(RFE_DATETIME), "bad_datetime");
	arena_free(&ar);
}

static void
test_json_in_names_every_bad_field(void **state)
{
	static const char in[] = "{\"name\": \"\", \"c\": 4, \"i\": \"2\", "
	    "\"a\": true, \"colour\": \"red\", \"importance\": 3, "
	    "\"media\": \"stone\", \"rev\": 7}";
	struct register_errs errs = { 0 };
	struct register_row row;
	struct arena ar;
	bool seen[RFE__MAX] = { false };
	size_t k;

	(void)state;
	arena_init(&ar);
	assert_false(register_from_json(&ct.regenv, assets(), in,
	    sizeof(in) - 1, &ar, &row, &errs));
	for (k = 0; k < errs.n; k++)
		seen[errs.e[k].code] = true;
	assert_true(seen[RFE_REQUIRED]);	/* name "" */
	assert_true(seen[RFE_RANGE]);		/* c 4 */
	assert_true(seen[RFE_TYPE]);		/* a true */
	assert_true(seen[RFE_UNKNOWN]);		/* colour */
	assert_true(seen[RFE_READONLY]);	/* importance */
	assert_true(seen[RFE_KEY]);		/* media stone */
	assert_int_equal(errs.n, 6);		/* i "2" is fine; rev ignored */
	arena_free(&ar);
}

static void
test_json_round_trip_and_derived(void **state)
{
	static const char in[] = "{\"name\": \"給与データ\", \"c\": 2, "
	    "\"i\": 1, \"a\": 1, \"personal\": \"personal\", "
	    "\"category\": \"hr\", \"note\": \"a\\\"b\\\\c\\n<d>&\\te/\"}";
	struct register_errs errs = { 0 };
	struct register_row row, back;
	struct arena ar;
	struct buf b;
	size_t i;

	(void)state;
	arena_init(&ar);
	buf_init(&b, 0);
	assert_true(register_from_json(&ct.regenv, assets(), in,
	    sizeof(in) - 1, &ar, &row, &errs));
	assert_true(row.v[F("importance")].set);
	assert_int_equal(row.v[F("importance")].i, 2);
	register_body(assets(), &row, &b);
	assert_null(strstr(buf_cstr(&b), "importance"));	/* not stored */
	assert_int_equal(register_from_body(&ct.regenv, assets(),
	    buf_cstr(&b), &ar, &back), 0);
	for (i = 0; i < assets()->nf; i++)
		assert_false(register_differs(&assets()->f[i], &row.v[i],
		    &back.v[i]));
	assert_string_equal(back.v[F("note")].s, "a\"b\\c\n<d>&\te/");
	/* what jansson reads of the same body is the same (a body the quick
	 * reader does not know: spaces and a real number it skips) */
	{
		static const char odd[] = "{\"name\":\"x\",\"c\":2.5,"
		    "\"note\":\"\\u3042\"}";
		struct register_row o;

		assert_int_equal(register_from_body(&ct.regenv, assets(), odd,
		    &ar, &o), 0);
		assert_string_equal(o.v[F("name")].s, "x");
		assert_false(o.v[F("c")].set);
		assert_string_equal(o.v[F("note")].s, "あ");
	}
	buf_reset(&b);
	register_row_json(assets(), &back, &b);
	assert_non_null(strstr(buf_cstr(&b), "\"importance\": 2"));
	assert_non_null(strstr(buf_cstr(&b), "\"retention\": null"));
	buf_free(&b);
	arena_free(&ar);
}

/* A row named name with C, I, A and personal data. */
static struct register_row
asset(struct arena *ar, const char *name, int c, int i, int a,
    const char *personal)
{
	char json[256];
	struct register_errs errs = { 0 };
	struct register_row row;

	snprintf(json, sizeof(json), "{\"name\": \"%s\", \"c\": %d, \"i\": %d, "
	    "\"a\": %d, \"personal\": \"%s\"}", name, c, i, a, personal);
	assert_true(register_from_json(&ct.regenv, assets(), json,
	    strlen(json), ar, &row, &errs));
	return row;
}

static void
test_select_sorts_filters_and_searches(void **state)
{
	struct register_row v[4];
	struct register_query q;
	struct arena ar;
	size_t *ix, n;

	(void)state;
	arena_init(&ar);
	v[0] = asset(&ar, "Customer list", 1, 1, 1, "personal");	/* 2 */
	v[1] = asset(&ar, "Drawings", 1, 1, 1, "none");		/* 1 */
	v[2] = asset(&ar, "My Number file", 1, 1, 1, "mynumber");	/* 3 */
	v[3] = asset(&ar, "Price list", 3, 1, 1, "none");		/* 3 */
	for (n = 0; n < 4; n++)
		v[n].id = (int64_t)n + 1;
	register_query_init(assets(), &q);	/* importance, highest first */
	ix = register_select(assets(), v, 4, &q, &ar, &n);
	assert_int_equal(n, 4);
	assert_int_equal(ix[0], 2);	/* 3, id 3 */
	assert_int_equal(ix[1], 3);	/* 3, id 4 */
	assert_int_equal(ix[2], 0);
	assert_int_equal(ix[3], 1);
	q.filter[F("personal")] = PERSONAL_NONE;
	ix = register_select(assets(), v, 4, &q, &ar, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ix[0], 3);
	assert_int_equal(ix[1], 1);
	register_query_init(assets(), &q);
	q.q = "  LIST  customer ";
	ix = register_select(assets(), v, 4, &q, &ar, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ix[0], 0);
	q.q = NULL;
	q.sort = F("name");
	q.desc = false;
	ix = register_select(assets(), v, 4, &q, &ar, &n);
	assert_int_equal(ix[0], 0);
	assert_int_equal(ix[3], 3);
	arena_free(&ar);
}

/* Many saves in one write: a stale one among them undoes the others. */
static void
test_save_many_all_or_none(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *d = assets();
	struct register_who who = { 0, "test" };
	struct register_row row[2], got;
	struct register_edit ed[2];
	struct db_conn *c;
	int64_t org = testdb_org(e, "E", "e1"), id[2], rev;
	size_t bad;

	row[0] = asset(&e->a, "請求書", 2, 2, 2, "none");
	row[1] = asset(&e->a, "見積書", 2, 2, 2, "none");
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row[0],
	    &id[0], NULL), DB_OK);
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row[1],
	    &id[1], NULL), DB_OK);
	/* someone saves the second meanwhile */
	row[1] = asset(&e->a, "見積書（控え）", 2, 2, 2, "none");
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id[1],
	    1, &row[1], &rev, NULL), DB_OK);
	row[0] = asset(&e->a, "請求書（新）", 3, 3, 3, "none");
	row[1] = asset(&e->a, "見積書（新）", 3, 3, 3, "none");
	ed[0] = (struct register_edit){ id[0], 1, &row[0], 0 };
	ed[1] = (struct register_edit){ id[1], 1, &row[1], 0 };
	assert_int_equal(register_save_many(e->db, &ct.regenv, d, org, &who,
	    ed, 2, &bad, NULL), REGISTER_STALE);
	assert_int_equal(bad, 1);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id[0], &e->a,
	    &got), DB_ROW);
	assert_string_equal(got.v[F("name")].s, "請求書");	/* undone */
	assert_int_equal(got.rev, 1);
	db_release(e->db, c);
	/* at their revisions, both go */
	ed[1].rev = 2;
	assert_int_equal(register_save_many(e->db, &ct.regenv, d, org, &who,
	    ed, 2, &bad, NULL), DB_OK);
	assert_int_equal(ed[0].new_rev, 2);
	assert_int_equal(ed[1].new_rev, 3);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id[1], &e->a,
	    &got), DB_ROW);
	assert_string_equal(got.v[F("name")].s, "見積書（新）");
	db_release(e->db, c);
}

static void
test_rows_history_and_stale_saves(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *d = assets();
	struct register_who who = { 0, "test" };
	struct register_row row, got, *all;
	struct register_rev *h;
	struct db_conn *c;
	int64_t org = testdb_org(e, "E", "e1"), other = testdb_org(e, "E", "e1");
	int64_t id, rev;
	size_t n;

	row = asset(&e->a, "顧客名簿", 3, 2, 2, "personal");
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row, &id, NULL), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id, &e->a, &got),
	    DB_ROW);
	assert_int_equal(got.rev, 1);
	assert_string_equal(got.v[F("name")].s, "顧客名簿");
	assert_int_equal(got.v[F("importance")].i, 3);
	/* another organisation does not see it */
	assert_int_equal(register_get(c, &ct.regenv, d, other, id, &e->a,
	    &got), DB_DONE);
	assert_int_equal(register_count(c, d, other), 0);
	db_release(e->db, c);
	/* a save from revision 1 goes; a second from 1 is stale */
	row = asset(&e->a, "顧客名簿（営業）", 1, 1, 1, "none");
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id, 1, &row, &rev,
	    NULL), DB_OK);
	assert_int_equal(rev, 2);
	row = asset(&e->a, "ほかの名前", 2, 2, 2, "none");
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id, 1, &row, &rev,
	    NULL), REGISTER_STALE);
	assert_int_equal(register_save(e->db, &ct.regenv, d, other, &who, id, 2, &row,
	    &rev, NULL), REGISTER_GONE);
	assert_int_equal(register_delete(e->db, d, org, &who, id, 1),
	    REGISTER_STALE);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id, &e->a, &got),
	    DB_ROW);
	assert_string_equal(got.v[F("name")].s, "顧客名簿（営業）");
	db_release(e->db, c);
	assert_int_equal(register_delete(e->db, d, org, &who, id, 2), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id, &e->a, &got),
	    DB_DONE);
	assert_int_equal(register_history(c, &ct.regenv, d, org, id, &e->a,
	    &h, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(h[0].op, "add");
	assert_string_equal(h[0].row.v[F("name")].s, "顧客名簿");
	assert_string_equal(h[1].op, "edit");
	assert_int_equal(h[1].rev, 2);
	assert_true(register_differs(&d->f[F("c")], &h[0].row.v[F("c")],
	    &h[1].row.v[F("c")]));
	assert_false(register_differs(&d->f[F("a")], &h[1].row.v[F("a")],
	    &h[1].row.v[F("a")]));
	assert_true(h[2].gone);
	assert_string_equal(h[2].row.v[F("name")].s, "顧客名簿（営業）");
	/* the history is the organisation's own */
	assert_int_equal(register_history(c, &ct.regenv, d, other, id, &e->a,
	    &h, &n), DB_OK);
	assert_int_equal(n, 0);
	db_release(e->db, c);
	/* many at once */
	{
		struct register_row rows[3];

		rows[0] = asset(&e->a, "a", 1, 1, 1, "none");
		rows[1] = asset(&e->a, "b", 1, 1, 1, "none");
		rows[2] = asset(&e->a, "c", 1, 1, 1, "none");
		assert_int_equal(register_add_many(e->db, &ct.regenv, d, other, &who, rows,
		    3, NULL), DB_OK);
	}
	c = db_acquire(e->db);
	assert_int_equal(register_list(c, &ct.regenv, d, other, &e->a, &all,
	    &n), DB_OK);
	assert_int_equal(n, 3);
	assert_string_equal(all[2].v[F("name")].s, "c");
	assert_int_equal(register_count(c, d, org), 0);
	db_release(e->db, c);
}

static void
test_likelihood_all_nine_pairs_and_bands(void **state)
{
	/* IPA's conversion, row by row: threat 1, 2, 3 × vulnerability
	 * 1, 2, 3. */
	static const int want[3][3] = { { 1, 1, 1 }, { 1, 1, 2 }, { 1, 2, 3 } };
	int t, v;

	(void)state;
	for (t = 1; t <= 3; t++)
		for (v = 1; v <= 3; v++)
			assert_int_equal(risk_likelihood(t, v), want[t - 1][v - 1]);
	assert_int_equal(risk_likelihood(0, 3), 0);
	assert_int_equal(risk_likelihood(3, 4), 0);
	assert_int_equal(risk_band_of(1), RISK_LOW);
	assert_int_equal(risk_band_of(2), RISK_LOW);
	assert_int_equal(risk_band_of(3), RISK_MID);
	assert_int_equal(risk_band_of(4), RISK_MID);
	assert_int_equal(risk_band_of(6), RISK_HIGH);
	assert_int_equal(risk_band_of(9), RISK_HIGH);
}

/* A risk on asset with threat and the two levels, as JSON. */
static struct register_row
risk(struct arena *ar, int64_t asset, const char *threat, int t, int v)
{
	char json[256];
	struct register_errs errs = { 0 };
	struct register_row row;

	snprintf(json, sizeof(json), "{\"asset\": %lld, \"threat\": \"%s\", "
	    "\"threat_level\": %d, \"vulnerability\": %d}", (long long)asset,
	    threat, t, v);
	assert_true(register_from_json(&ct.regenv, register_of(REGISTER_RISKS),
	    json, strlen(json), ar, &row, &errs));
	return row;
}

static void
test_risks_follow_their_asset(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *rd = register_of(REGISTER_RISKS);
	struct register_who who = { 0, "test" };
	struct register_row row, got, *all;
	struct register_errs errs = { 0 };
	struct db_conn *c;
	int64_t org = testdb_org(e, "E", "e1"), other = testdb_org(e, "E", "e1");
	int64_t a1, a2, r1, r2, rev;
	int fv = register_field(rd, "value"), fb = register_field(rd, "band");
	int fa = register_field(rd, "asset"), fl = register_field(rd, "likelihood");
	size_t n;

	row = asset(&e->a, "給与データ", 1, 1, 1, "mynumber");	/* 3 */
	assert_int_equal(register_add(e->db, &ct.regenv, assets(), org, &who, &row, &a1,
	    NULL), DB_OK);
	row = asset(&e->a, "カタログ", 1, 2, 1, "none");	/* 2 */
	assert_int_equal(register_add(e->db, &ct.regenv, assets(), org, &who, &row, &a2,
	    NULL), DB_OK);
	row = risk(&e->a, a1, ct.threats.v[0].key, 3, 3);	/* 3 × 3 */
	assert_int_equal(register_add(e->db, &ct.regenv, rd, org, &who, &row, &r1, NULL), DB_OK);
	row = risk(&e->a, a2, ct.threats.v[0].key, 3, 2);	/* 2 × 2 */
	assert_int_equal(register_add(e->db, &ct.regenv, rd, org, &who, &row, &r2, NULL), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, rd, org, r1, &e->a, &got),
	    DB_ROW);
	assert_int_equal(got.v[fl].i, 3);
	assert_int_equal(got.v[fv].i, 9);
	assert_string_equal(got.v[fb].s, "high");
	assert_string_equal(got.v[fa].s, "給与データ");	/* the title */
	assert_int_equal(register_list(c, &ct.regenv, rd, org, &e->a, &all,
	    &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(all[1].v[fv].i, 4);
	assert_string_equal(all[1].v[fb].s, "mid");
	/* another organisation's asset cannot be named */
	errs.n = 0;
	row = risk(&e->a, a1, ct.threats.v[0].key, 1, 1);
	assert_int_equal(register_check_refs(c, rd, other, NULL, &e->a, &row, &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_REF);
	assert_int_equal(register_referrers(c, &ct.regenv, assets(), org, a1), 1);
	db_release(e->db, c);
	assert_int_equal(register_add(e->db, &ct.regenv, rd, other, &who, &row, NULL,
	    NULL), REGISTER_BAD_REF);
	/* the asset's importance moves the risk's value */
	row = asset(&e->a, "カタログ", 1, 1, 1, "none");	/* 1 */
	assert_int_equal(register_save(e->db, &ct.regenv, assets(), org, &who, a2, 1, &row,
	    &rev, NULL), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, rd, org, r2, &e->a, &got),
	    DB_ROW);
	assert_int_equal(got.v[fv].i, 2);
	assert_string_equal(got.v[fb].s, "low");
	db_release(e->db, c);
	/* an asset a risk names cannot go; once the risk went, it can */
	assert_int_equal(register_delete(e->db, assets(), org, &who, a1, 1),
	    REGISTER_IN_USE);
	assert_int_equal(register_delete(e->db, rd, org, &who, r1, 1), DB_OK);
	assert_int_equal(register_delete(e->db, assets(), org, &who, a1, 1),
	    DB_OK);
	/* a risk whose asset is gone (cannot happen by the engine, but an
	 * import could bring one) has no value */
	c = db_acquire(e->db);
	assert_int_equal(register_count(c, rd, org), 1);
	db_release(e->db, c);
}

static void
test_vulnerability_from_the_diagnosis(void **state)
{
	struct diag_resp r[3];
	struct diag_result res;
	static const int one[] = { 1 }, two[] = { 1, 2 }, three[] = { 1, 2, 3 },
	    bad[] = { 0, 26 };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].role = DIAG_ROLE_EMPLOYEE;
		memset(r[i].ans, DIAG_YES, DIAG_ITEMS);
	}
	/* item 2: yes, yes, partly → mean 3.3: partly in place */
	r[2].ans[1] = DIAG_PARTLY;
	/* item 3: yes, partly, no → mean 2.0: partly; item 4: no, no,
	 * partly → 0.7: missing */
	r[1].ans[2] = DIAG_PARTLY;
	r[2].ans[2] = DIAG_NO;
	r[0].ans[3] = r[1].ans[3] = DIAG_NO;
	r[2].ans[3] = DIAG_PARTLY;
	diag_compute(r, 3, &res);
	assert_int_equal(risk_vulnerability(&res, one, 1), 1);
	assert_int_equal(risk_vulnerability(&res, two, 2), 2);
	assert_int_equal(risk_vulnerability(&res, three, 3), 2);
	{
		static const int four[] = { 4, 1 };

		assert_int_equal(risk_vulnerability(&res, four, 2), 3);
	}
	assert_int_equal(risk_vulnerability(&res, bad, 2), 0);
	assert_int_equal(risk_vulnerability(&res, one, 0), 0);
	diag_compute(r, 0, &res);
	assert_int_equal(risk_vulnerability(&res, one, 1), 0);
}

static void
test_plan_points_every_combination(void **state)
{
	int u, im, df;

	(void)state;
	for (u = 0; u < PLAN_LEVEL__MAX; u++)
		for (im = 0; im < PLAN_LEVEL__MAX; im++)
			for (df = 0; df < PLAN_DIFFICULTY__MAX; df++) {
				/* high/easy 3, mid 2, low/hard 1 */
				int want = (3 - u) + (3 - im) + (3 - df);
				int got = plan_points((enum plan_level)u,
				    (enum plan_level)im,
				    (enum plan_difficulty)df);

				assert_int_equal(got, want);
				assert_int_equal(plan_priority_of(got),
				    want >= 8 ? PLAN_A : want >= 6 ? PLAN_B :
				    PLAN_C);
			}
	assert_int_equal(plan_points(PLAN_HIGH, PLAN_HIGH, PLAN_EASY), 9);
	assert_int_equal(plan_points(PLAN_LOW, PLAN_LOW, PLAN_HARD), 3);
	assert_int_equal(plan_priority_of(7), PLAN_B);
	assert_int_equal(plan_priority_of(5), PLAN_C);
}

/* "YYYY-MM" k months after Unix time t in Japan. */
static const char *
month_ahead(struct arena *ar, int64_t t, int k)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;
	long m;

	gmtime_r(&jst, &tm);
	m = (long)(tm.tm_year + 1900) * 12 + tm.tm_mon + k;
	return arena_printf(ar, "%04ld-%02ld", m / 12, m % 12 + 1);
}

static void
test_plan_deadlines_and_sources(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct register_who who = { 0, "test" };
	struct register_errs errs = { 0 };
	struct register_row row;
	int64_t org = testdb_org(e, "E", "e1"), id, now = account_now();
	char json[512];
	int fp = register_field(d, "priority");
	static const struct {
		int		 months;
		const char	*source;
		int		 want;
	} cases[] = {
		{ 0, "diagnosis:7", DB_OK },
		{ 24, "risk:12", DB_OK },
		{ -1, NULL, REGISTER_INVALID },		/* last month */
		{ 25, NULL, REGISTER_INVALID },		/* too far */
		{ 3, "diagnosis:26", REGISTER_INVALID },
		{ 3, "regulation:access", DB_OK },
		{ 3, "regulation:nothing", REGISTER_INVALID },
		{ 3, "risk:0", REGISTER_INVALID },
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(json, sizeof(json), "{\"area\": \"technical\", "
		    "\"measure\": \"更新を自動にする\", \"urgency\": \"high\", "
		    "\"importance\": \"mid\", \"difficulty\": \"easy\", "
		    "\"deadline\": \"%s\"%s%s%s}", month_ahead(&e->a, now,
		    cases[k].months), cases[k].source ? ", \"source\": \"" : "",
		    cases[k].source ? cases[k].source : "",
		    cases[k].source ? "\"" : "");
		errs.n = 0;
		assert_true(register_from_json(&ct.regenv, d, json,
		    strlen(json), &e->a, &row, &errs));
		assert_int_equal(row.v[fp].i, PLAN_A);	/* 3 + 2 + 3 */
		assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who,
		    &row, &id, &errs), cases[k].want);
		if (cases[k].want == REGISTER_INVALID)
			assert_true(errs.n == 1);
	}
	/* a row that fell overdue keeps its deadline when edited */
	snprintf(json, sizeof(json), "{\"area\": \"human\", \"measure\": "
	    "\"教育\", \"deadline\": \"%s\"}", month_ahead(&e->a, now, 1));
	errs.n = 0;
	assert_true(register_from_json(&ct.regenv, d, json, strlen(json),
	    &e->a, &row, &errs));
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    &id, NULL), DB_OK);
	{
		struct db_conn *c = db_acquire(e->db);
		struct db_stmt *st = db_stmt(c, STMT_REG_UPDATE);
		struct buf b;

		/* as if stored months ago: the deadline is last year now */
		buf_init(&b, 0);
		buf_printf(&b, "{\"area\": \"human\", \"measure\": \"教育\", "
		    "\"deadline\": \"%s\"}", month_ahead(&e->a, now, -13));
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, org);
		db_bind_text(st, 3, str_c("plan"));
		db_bind_int(st, 4, 1);
		db_bind_text(st, 5, buf_str(&b));
		db_bind_int(st, 6, now);
		db_bind_null(st, 7);
		assert_int_equal(db_step(st), DB_ROW);
		db_exec(st);
		buf_free(&b);
		db_release(e->db, c);
	}
	snprintf(json, sizeof(json), "{\"area\": \"human\", \"measure\": "
	    "\"教育\", \"status\": \"done\", \"deadline\": \"%s\"}",
	    month_ahead(&e->a, now, -13));
	errs.n = 0;
	assert_true(register_from_json(&ct.regenv, d, json, strlen(json),
	    &e->a, &row, &errs));
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id, 2,
	    &row, NULL, &errs), DB_OK);
}

static void
test_regulation_areas_are_unique(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *d = register_of(REGISTER_REGULATIONS);
	struct register_who who = { 0, "test" };
	struct register_errs errs = { 0 };
	struct register_row row, rows[2];
	int64_t org = testdb_org(e, "E", "e1"), other = testdb_org(e, "E", "e1");
	int64_t id;
	static const char a[] = "{\"area\": \"access\", \"status\": \"new\"}";
	static const char b[] = "{\"area\": \"telework\"}";

	assert_true(register_from_json(&ct.regenv, d, a, sizeof(a) - 1, &e->a,
	    &row, &errs));
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    &id, NULL), DB_OK);
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    NULL, &errs), REGISTER_INVALID);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_TAKEN);
	/* another organisation has its own */
	assert_int_equal(register_add(e->db, &ct.regenv, d, other, &who, &row,
	    NULL, NULL), DB_OK);
	/* saving a row with its own area is fine */
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id, 1,
	    &row, NULL, NULL), DB_OK);
	/* twice in one batch */
	errs.n = 0;
	assert_true(register_from_json(&ct.regenv, d, b, sizeof(b) - 1, &e->a,
	    &rows[0], &errs));
	rows[1] = rows[0];
	assert_int_equal(register_add_many(e->db, &ct.regenv, d, org, &who,
	    rows, 2, &errs), REGISTER_INVALID);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].at, 1);
}

static void
test_refs_by_title_and_back(void **state)
{
	const struct register_decl *rd = register_of(REGISTER_RISKS);
	int fa = register_field(rd, "asset"), fp = register_field(rd, "plan");
	/* the assets by id, and by title as strcmp orders them */
	static const struct register_named by_id[] = {
		{ 3, "顧客名簿" }, { 4, "見積書" }, { 5, "見積書" }, { 6, "2024" },
		{ 7, "=1+2" },
	};
	struct register_named by_title[5];
	static const struct register_named plans[] = {
		{ 9, "バックアップを\n毎日とる" },
	};
	struct register_names nm;
	struct register_errs errs = { 0 };
	struct register_row row;
	struct register_val v;
	struct arena ar;
	long a, b;
	size_t k;

	(void)state;
	arena_init(&ar);
	memcpy(by_title, by_id, sizeof(by_id));
	for (k = 0; k + 1 < 5; k++) {	/* a small sort, by strcmp */
		size_t j;

		for (j = 0; j + 1 < 5 - k; j++)
			if (strcmp(by_title[j].name, by_title[j + 1].name) > 0) {
				struct register_named t = by_title[j];

				by_title[j] = by_title[j + 1];
				by_title[j + 1] = t;
			}
	}
	memset(&nm, 0, sizeof(nm));
	nm.v[fa] = by_id;
	nm.by_name[fa] = by_title;
	nm.n[fa] = 5;
	nm.v[fp] = nm.by_name[fp] = plans;
	nm.n[fp] = 1;

	/* digits are an id; anything else a title, line breaks and all */
	assert_int_equal(register_value(&ct.regenv, &rd->f[fa], " 12 ", &ar,
	    &v, &a, &b), RFE_OK);
	assert_int_equal(v.i, 12);
	assert_int_equal(register_value(&ct.regenv, &rd->f[fa], "　顧客名簿 ",
	    &ar, &v, &a, &b), RFE_OK);
	assert_true(v.set);
	assert_int_equal(v.i, 0);
	assert_string_equal(v.s, "顧客名簿");
	assert_int_equal(register_value(&ct.regenv, &rd->f[fp],
	    "バックアップを\r\n毎日とる", &ar, &v, &a, &b), RFE_OK);
	assert_string_equal(v.s, "バックアップを\n毎日とる");
	assert_int_equal(register_value(&ct.regenv, &rd->f[fa], "0", &ar, &v,
	    &a, &b), RFE_NOT_INT);
	assert_int_equal(register_value(&ct.regenv, &rd->f[fa], "a\x01", &ar,
	    &v, &a, &b), RFE_UTF8);

	/* looked up: one row, none, two */
	memset(&row, 0, sizeof(row));
	for (k = 0; k < REGISTER_FIELDS_MAX; k++)
		row.v[k].s = "";
	register_value(&ct.regenv, &rd->f[fa], "顧客名簿", &ar, &row.v[fa], &a,
	    &b);
	register_value(&ct.regenv, &rd->f[fp], "バックアップを\n毎日とる", &ar,
	    &row.v[fp], &a, &b);
	register_names_check(rd, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 0);
	assert_int_equal(row.v[fa].i, 3);
	assert_int_equal(row.v[fp].i, 9);
	register_value(&ct.regenv, &rd->f[fa], "見積書", &ar, &row.v[fa], &a,
	    &b);
	register_names_check(rd, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_AMBIGUOUS);
	assert_int_equal(errs.e[0].field, fa);
	assert_string_equal(register_err_key(RFE_AMBIGUOUS), "ambiguous_ref");
	errs.n = 0;
	register_value(&ct.regenv, &rd->f[fa], "顧客名", &ar, &row.v[fa], &a,
	    &b);	/* a part of a title is no title */
	register_names_check(rd, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_REF);
	errs.n = 0;
	register_value(&ct.regenv, &rd->f[fa], "5", &ar, &row.v[fa], &a, &b);
	register_names_check(rd, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 0);	/* by id, though its title is shared */
	assert_string_equal(row.v[fa].s, "見積書");

	/* and back: the title where it names that row alone and is no
	 * number; the id otherwise, or when nothing was read */
	v.set = true;
	v.i = 3;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "顧客名簿");
	assert_string_equal(register_ref_text(rd, NULL, (size_t)fa, &v, &ar),
	    "3");
	v.i = 4;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "4");
	v.i = 6;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "6");
	v.i = 7;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "=1+2");
	v.i = 8;	/* gone */
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "8");
	v.i = 9;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fp, &v, &ar),
	    "バックアップを\n毎日とる");
	v.set = false;
	assert_string_equal(register_ref_text(rd, &nm, (size_t)fa, &v, &ar),
	    "");
	arena_free(&ar);
}

/* A user with this e-mail, a member of org (0: of none); its id. */
static int64_t
person(struct testdb *e, const char *email, int64_t org)
{
	struct db_conn *c = db_acquire(e->db);
	int64_t id;

	assert_int_equal(user_insert(c, email, "x", USER_MEMBER, 0, &id),
	    DB_OK);
	if (org > 0)
		assert_int_equal(org_member_put(c, id, org, "member"), DB_OK);
	db_release(e->db, c);
	return id;
}

/* A plan row whose assignee is the JSON value who. */
static struct register_row
plan_for(struct arena *ar, const char *who)
{
	char json[256];
	struct register_errs errs = { 0 };
	struct register_row row;

	snprintf(json, sizeof(json), "{\"area\": \"human\", \"measure\": "
	    "\"教育をする\", \"assignee\": %s}", who);
	assert_true(register_from_json(&ct.regenv, register_of(REGISTER_PLAN),
	    json, strlen(json), ar, &row, &errs));
	return row;
}

static void
test_member_values_are_read_by_id_or_email(void **state)
{
	const struct register_decl *d = register_of(REGISTER_PLAN);
	int fa = register_field(d, "assignee");
	struct register_errs errs = { 0 };
	struct register_row row;
	struct register_val v;
	struct arena ar;
	struct buf b;
	long a, x;
	static const char name[] = "{\"area\": \"human\", \"measure\": \"m\", "
	    "\"assignee\": 3, \"assignee_name\": \"a@example.jp\"}";
	static const char real[] = "{\"area\": \"human\", \"measure\": \"m\", "
	    "\"assignee\": 2.5}";

	(void)state;
	arena_init(&ar);
	buf_init(&b, 0);
	assert_true(fa >= 0);
	assert_int_equal(d->f[fa].type, RF_MEMBER);
	assert_false(d->f[fa].required);
	assert_int_equal(register_value(&ct.regenv, &d->f[fa], " 12 ", &ar, &v,
	    &a, &x), RFE_OK);
	assert_true(v.set);
	assert_int_equal(v.i, 12);
	/* an e-mail address: kept, in lower case, to be looked up */
	assert_int_equal(register_value(&ct.regenv, &d->f[fa],
	    "Sato@Example.JP", &ar, &v, &a, &x), RFE_OK);
	assert_true(v.set);
	assert_int_equal(v.i, 0);
	assert_string_equal(v.s, "sato@example.jp");
	assert_string_equal(register_text(&d->f[fa], &v, &ar),
	    "sato@example.jp");
	assert_int_equal(register_value(&ct.regenv, &d->f[fa], "0", &ar, &v,
	    &a, &x), RFE_NOT_INT);
	assert_int_equal(register_value(&ct.regenv, &d->f[fa], "", &ar, &v,
	    &a, &x), RFE_OK);
	assert_false(v.set);
	/* the name beside it is the engine's: read-only */
	assert_false(register_from_json(&ct.regenv, d, name, sizeof(name) - 1,
	    &ar, &row, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_READONLY);
	assert_string_equal(errs.e[0].name, "assignee_name");
	errs.n = 0;
	assert_false(register_from_json(&ct.regenv, d, real, sizeof(real) - 1,
	    &ar, &row, &errs));
	assert_int_equal(errs.e[0].code, RFE_TYPE);
	/* stored as the id; the API row carries the name too */
	row = plan_for(&ar, "7");
	register_body(d, &row, &b);
	assert_non_null(strstr(buf_cstr(&b), "\"assignee\": 7"));
	assert_null(strstr(buf_cstr(&b), "assignee_name"));
	buf_reset(&b);
	row.v[fa].s = "sato@example.jp";
	register_row_json(d, &row, &b);
	assert_non_null(strstr(buf_cstr(&b), "\"assignee\": 7, "
	    "\"assignee_name\": \"sato@example.jp\""));
	buf_reset(&b);
	row.v[fa].s = "";	/* no longer a member */
	register_row_json(d, &row, &b);
	assert_non_null(strstr(buf_cstr(&b), "\"assignee_name\": null"));
	buf_free(&b);
	arena_free(&ar);
}

/* A declaration of one required member field, for the rule about
 * someone who left. */
static const struct rf_decl req_member[] = {
	{ "who", RF_MEMBER, true, false, true, 0, 0, KS_NONE, 0 },
};

static void
test_members_are_of_the_organisation(void **state)
{
	struct testdb *e = *state;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	int fa = register_field(d, "assignee");
	struct register_who who = { 0, "test" };
	struct register_errs errs = { 0 };
	struct register_row row, got, old;
	struct register_names nm;
	struct db_conn *c;
	struct buf b;
	int64_t org = testdb_org(e, "E", "e1"), other = testdb_org(e, "E", "e1");
	int64_t sato = person(e, "sato@example.jp", org);
	int64_t ito = person(e, "ito@example.jp", org);
	int64_t them = person(e, "them@example.jp", other);
	int64_t none = person(e, "none@example.jp", 0);
	int64_t id, id2, rev;
	char s[64];

	(void)ito;
	buf_init(&b, 0);
	/* by e-mail in any case: the id and the name looked up */
	row = plan_for(&e->a, "\"SATO@example.JP\"");
	c = db_acquire(e->db);
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 0);
	assert_int_equal(row.v[fa].i, sato);
	assert_string_equal(row.v[fa].s, "sato@example.jp");
	/* another organisation's member, nobody's, or no such person:
	 * refused, by id or by e-mail, and nothing said of them */
	snprintf(s, sizeof(s), "%lld", (long long)them);
	row = plan_for(&e->a, s);
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_MEMBER);
	assert_int_equal(errs.e[0].field, fa);
	assert_string_equal(register_err_key(RFE_MEMBER), "not_member");
	assert_string_equal(row.v[fa].s, "");
	errs.n = 0;
	row = plan_for(&e->a, "\"them@example.jp\"");
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_MEMBER);
	assert_int_equal(row.v[fa].i, 0);
	errs.n = 0;
	snprintf(s, sizeof(s), "%lld", (long long)none);
	row = plan_for(&e->a, s);
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	errs.n = 0;
	row = plan_for(&e->a, "\"nobody@example.jp\"");
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	errs.n = 0;
	/* their own organisation takes them */
	snprintf(s, sizeof(s), "%lld", (long long)them);
	row = plan_for(&e->a, s);
	assert_int_equal(register_check_refs(c, d, other, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 0);
	db_release(e->db, c);

	/* the write checks again, in its transaction */
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    NULL, NULL), REGISTER_BAD_REF);
	row = plan_for(&e->a, "\"sato@example.jp\"");	/* not looked up */
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    NULL, NULL), REGISTER_BAD_REF);
	snprintf(s, sizeof(s), "%lld", (long long)sato);
	row = plan_for(&e->a, s);
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    &id, NULL), DB_OK);
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    &id2, NULL), DB_OK);
	c = db_acquire(e->db);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id, &e->a, &got),
	    DB_ROW);
	assert_int_equal(got.v[fa].i, sato);
	assert_string_equal(got.v[fa].s, "sato@example.jp");
	/* Sato leaves: the rows keep the id, with no name */
	assert_int_equal(org_member_change(c, sato, org, NULL), DB_OK);
	assert_int_equal(register_get(c, &ct.regenv, d, org, id, &e->a, &got),
	    DB_ROW);
	assert_int_equal(got.v[fa].i, sato);
	assert_string_equal(got.v[fa].s, "");
	register_row_json(d, &got, &b);
	assert_non_null(strstr(buf_cstr(&b), "\"assignee_name\": null"));
	/* a row that keeps them may be saved; a new one may not name them */
	old = got;
	row = plan_for(&e->a, s);
	assert_int_equal(register_check_refs(c, d, org, &old, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 0);
	assert_int_equal(register_check_refs(c, d, org, NULL, &e->a, &row,
	    &errs), DB_OK);
	assert_int_equal(errs.n, 1);
	errs.n = 0;
	db_release(e->db, c);
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id, 1,
	    &row, &rev, NULL), DB_OK);
	assert_int_equal(register_add(e->db, &ct.regenv, d, org, &who, &row,
	    NULL, NULL), REGISTER_BAD_REF);
	/* changed to someone who is not a member: refused */
	snprintf(s, sizeof(s), "%lld", (long long)them);
	row = plan_for(&e->a, s);
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id,
	    rev, &row, NULL, NULL), REGISTER_BAD_REF);
	/* emptied: fine */
	row = plan_for(&e->a, "null");
	assert_int_equal(register_save(e->db, &ct.regenv, d, org, &who, id2, 1,
	    &row, NULL, NULL), DB_OK);

	/* a required member field asks for a current member even when it
	 * keeps the one who left */
	{
		struct register_decl rd = { .kind = REGISTER_PLAN, .key = "t",
		    .f = req_member, .nf = 1, .title = -1, .unique = -1 };
		struct register_row r1;

		memset(&r1, 0, sizeof(r1));
		r1.v[0].set = true;
		r1.v[0].i = sato;
		r1.v[0].s = "";
		c = db_acquire(e->db);
		assert_int_equal(register_names_load(c, &rd, org, &e->a, &nm),
		    DB_OK);
		db_release(e->db, c);
		assert_int_equal(nm.n[0], 1);	/* Ito */
		register_names_check(&rd, &nm, &r1, &r1, &errs);
		assert_int_equal(errs.n, 1);
		assert_int_equal(errs.e[0].code, RFE_MEMBER);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_importance_every_combination),
		cmocka_unit_test(test_values_are_read_and_refused_with_reasons),
		cmocka_unit_test(test_dates_and_months),
		cmocka_unit_test(test_datetimes),
		cmocka_unit_test(test_json_in_names_every_bad_field),
		cmocka_unit_test(test_json_round_trip_and_derived),
		cmocka_unit_test(test_select_sorts_filters_and_searches),
		cmocka_unit_test(test_likelihood_all_nine_pairs_and_bands),
		cmocka_unit_test(test_plan_points_every_combination),
		cmocka_unit_test(test_vulnerability_from_the_diagnosis),
		cmocka_unit_test(test_member_values_are_read_by_id_or_email),
		cmocka_unit_test(test_refs_by_title_and_back),
	};
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_rows_history_and_stale_saves),
		cmocka_unit_test(test_save_many_all_or_none),
		cmocka_unit_test(test_risks_follow_their_asset),
		cmocka_unit_test(test_plan_deadlines_and_sources),
		cmocka_unit_test(test_regulation_areas_are_unique),
		cmocka_unit_test(test_members_are_of_the_organisation),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_rows_history_and_stale_saves),
		cmocka_unit_test(test_save_many_all_or_none),
		cmocka_unit_test(test_risks_follow_their_asset),
		cmocka_unit_test(test_plan_deadlines_and_sources),
		cmocka_unit_test(test_regulation_areas_are_unique),
		cmocka_unit_test(test_members_are_of_the_organisation),
	};
	char err[256];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests_name("pure", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("sqlite", sqlite_tests,
	    setup_sqlite, teardown);
	failed += cmocka_run_group_tests_name("postgres", pg_tests, setup_pg,
	    teardown);
	content_free(&ct);
	return failed;
}
