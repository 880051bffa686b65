/* Unit tests for src/model/totp.c: RFC 6238's test vectors through
 * liboath, the window and the one-use rule, base32 and the URI, sealing,
 * recovery codes, and the rows on SQLite (and PostgreSQL when
 * MAMORI_TEST_PG_DIR names one). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db/stmt.h"
#include "model/account.h"
#include "model/totp.h"
#include "testdb.h"

/* RFC 6238 Appendix B: the SHA-1 key is the ASCII of "1234567890"
 * twice; eight-digit codes. */
static const unsigned char rfc_key[] = "12345678901234567890";

static void
test_totp_code_rfc6238_sha1(void **state)
{
	static const struct {
		int64_t		 t;
		const char	*code;
	} v[] = {
		{ 59, "94287082" },
		{ 1111111109, "07081804" },
		{ 1111111111, "14050471" },
		{ 1234567890, "89005924" },
		{ 2000000000, "69279037" },
		{ 20000000000LL, "65353130" },
	};
	char out[9];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(totp_code(rfc_key, 20, v[i].t, 8, out), 0);
		assert_string_equal(out, v[i].code);
	}
	/* the six digits apps show are the last six */
	assert_int_equal(totp_code(rfc_key, 20, 59, 6, out), 0);
	assert_string_equal(out, "287082");
	assert_int_equal(totp_code(rfc_key, 20, 59, 5, out), -1);
	assert_int_equal(totp_code(rfc_key, 20, 59, 9, out), -1);
}

static void
test_totp_verify_window_and_reuse(void **state)
{
	int64_t now = 1111111111, step = 0;
	char c[7];

	assert_int_equal(totp_code(rfc_key, 20, now, 6, c), 0);
	assert_int_equal(totp_verify(rfc_key, 20, c, now, 0, &step), TOTP_OK);
	assert_int_equal(step, now / 30);
	/* blanks and a hyphen are read past */
	{
		char sp[9] = { c[0], c[1], c[2], ' ', c[3], c[4], c[5], '\0' };

		assert_int_equal(totp_verify(rfc_key, 20, sp, now, 0, &step),
		    TOTP_OK);
	}
	/* that step used: the same code again is refused as reused */
	assert_int_equal(totp_verify(rfc_key, 20, c, now, now / 30, &step),
	    TOTP_REUSED);
	/* one step of drift either way, not two */
	assert_int_equal(totp_code(rfc_key, 20, now - 30, 6, c), 0);
	assert_int_equal(totp_verify(rfc_key, 20, c, now, 0, &step), TOTP_OK);
	assert_int_equal(totp_code(rfc_key, 20, now + 30, 6, c), 0);
	assert_int_equal(totp_verify(rfc_key, 20, c, now, 0, &step), TOTP_OK);
	assert_int_equal(step, now / 30 + 1);
	assert_int_equal(totp_code(rfc_key, 20, now + 90, 6, c), 0);
	assert_int_equal(totp_verify(rfc_key, 20, c, now, 0, &step),
	    TOTP_WRONG);
	/* not six digits */
	assert_int_equal(totp_verify(rfc_key, 20, "12345", now, 0, &step),
	    TOTP_WRONG);
	assert_int_equal(totp_verify(rfc_key, 20, "1234567", now, 0, &step),
	    TOTP_WRONG);
	assert_int_equal(totp_verify(rfc_key, 20, "12a456", now, 0, &step),
	    TOTP_WRONG);
	assert_int_equal(totp_verify(rfc_key, 20, NULL, now, 0, &step),
	    TOTP_WRONG);
}

static void
test_totp_base32_and_uri(void **state)
{
	char b32[TOTP_B32_LEN + 1];
	struct arena a;

	/* RFC 4648: "12345678901234567890" */
	totp_base32(rfc_key, b32);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	arena_init(&a);
	assert_string_equal(totp_uri(&a, "mamori", "a+b@example.jp", b32),
	    "otpauth://totp/mamori:a%2Bb%40example.jp?secret="
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=mamori&algorithm=SHA1&"
	    "digits=6&period=30");
	arena_free(&a);
}

static void
test_totp_seal_open(void **state)
{
	unsigned char key[TOTP_KEY_LEN], other[TOTP_KEY_LEN];
	unsigned char s[TOTP_SECRET_LEN], back[TOTP_SECRET_LEN];
	const char *sealed, *again;
	struct arena a;

	arena_init(&a);
	randombytes_buf(key, sizeof(key));
	randombytes_buf(other, sizeof(other));
	totp_secret_new(s);
	sealed = totp_seal(&a, key, s);
	again = totp_seal(&a, key, s);
	assert_string_not_equal(sealed, again);	/* a fresh nonce each time */
	assert_int_equal(totp_open(key, sealed, back), 0);
	assert_memory_equal(s, back, sizeof(s));
	assert_int_equal(totp_open(other, sealed, back), -1);
	assert_int_equal(totp_open(key, "00", back), -1);
	assert_int_equal(totp_open(key, NULL, back), -1);
	{
		char *bad = arena_strdup(&a, sealed);

		bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
		assert_int_equal(totp_open(key, bad, back), -1);
	}
	arena_free(&a);
}

static void
test_totp_recovery_codes(void **state)
{
	unsigned char key[TOTP_KEY_LEN] = { 1 }, other[TOTP_KEY_LEN] = { 2 };
	char c[TOTP_RECOVERY_LEN + 1], d[TOTP_RECOVERY_LEN + 1];
	char h1[TOTP_HASH_LEN + 1], h2[TOTP_HASH_LEN + 1];
	char up[TOTP_RECOVERY_LEN + 3];
	size_t i;

	totp_recovery_new(c);
	totp_recovery_new(d);
	assert_int_equal(strlen(c), TOTP_RECOVERY_LEN);
	assert_int_equal(c[5], '-');
	assert_string_not_equal(c, d);
	for (i = 0; i < TOTP_RECOVERY_LEN; i++)
		assert_true(i == 5 || strchr("abcdefghjkmnpqrstuvwxyz23456789",
		    c[i]) != NULL);
	assert_int_equal(totp_recovery_hash(key, c, h1), 0);
	assert_int_equal(strlen(h1), TOTP_HASH_LEN);
	/* typed in capitals, without the hyphen, with blanks: the same */
	snprintf(up, sizeof(up), " %.5s%s", c, c + 6);
	for (i = 0; up[i]; i++)
		up[i] = (char)(up[i] >= 'a' && up[i] <= 'z' ? up[i] - 32 :
		    up[i]);
	assert_int_equal(totp_recovery_hash(key, up, h2), 0);
	assert_string_equal(h1, h2);
	/* keyed: another instance's key gives another hash */
	assert_int_equal(totp_recovery_hash(other, c, h2), 0);
	assert_string_not_equal(h1, h2);
	/* six digits are no recovery code; nor letters it never uses */
	assert_int_equal(totp_recovery_hash(key, "123456", h2), -1);
	assert_int_equal(totp_recovery_hash(key, "abcde-fghi1", h2), -1);
	assert_int_equal(totp_recovery_hash(key, "abcde-fghjkm", h2), -1);
	assert_int_equal(totp_recovery_hash(key, NULL, h2), -1);
}

/* ---- the rows ---- */

static int
setup_sqlite(void **state)
{
	return sodium_init() < 0 ? -1 : testdb_sqlite(state, "totp");
}

static int
setup_pg(void **state)
{
	return sodium_init() < 0 ? -1 : testdb_pg(state, "totp");
}

static int64_t
user(struct db_conn *c, const char *email)
{
	int64_t id = 0;

	assert_int_equal(user_insert(c, email, "x", USER_MEMBER, 0, &id),
	    DB_OK);
	return id;
}

static void
test_totp_rows_enrol_use_off(void **state)
{
	struct testdb *e = *state;
	struct db_conn *c = db_acquire(e->db);
	char hashes[2][TOTP_HASH_LEN + 1];
	struct totp_row t;
	bool req, on;
	int64_t uid = user(c, "rows@example.jp"), n = 0;

	assert_int_equal(totp_get(c, &e->a, uid, &t), DB_DONE);
	assert_int_equal(totp_begin(c, uid, "aa", 100), DB_OK);
	assert_int_equal(totp_begin(c, uid, "bb", 101), DB_OK);	/* again */
	assert_int_equal(totp_get(c, &e->a, uid, &t), 0);
	assert_string_equal(t.sealed, "bb");
	assert_int_equal(t.on_at, 0);
	/* a step before it is on is never taken */
	assert_int_equal(totp_use_step(c, uid, 5), DB_DONE);
	memset(hashes, 'a', sizeof(hashes));
	hashes[0][TOTP_HASH_LEN] = hashes[1][TOTP_HASH_LEN] = '\0';
	hashes[1][0] = 'b';
	assert_int_equal(totp_confirm(c, uid, 10, 200, hashes, 2), DB_OK);
	assert_int_equal(totp_confirm(c, uid, 11, 201, hashes, 2), DB_DONE);
	/* on: a new enrolment does not replace it */
	assert_int_equal(totp_begin(c, uid, "cc", 300), DB_DONE);
	assert_int_equal(totp_get(c, &e->a, uid, &t), 0);
	assert_string_equal(t.sealed, "bb");
	assert_int_equal(t.on_at, 200);
	assert_int_equal(t.last_step, 10);
	/* steps: only forward, each once */
	assert_int_equal(totp_use_step(c, uid, 10), DB_DONE);
	assert_int_equal(totp_use_step(c, uid, 11), DB_OK);
	assert_int_equal(totp_use_step(c, uid, 11), DB_DONE);
	/* recovery codes: one use each */
	assert_int_equal(totp_recovery_left(c, uid, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(totp_use_recovery(c, uid, hashes[1], 400), DB_OK);
	assert_int_equal(totp_use_recovery(c, uid, hashes[1], 401), DB_DONE);
	assert_int_equal(totp_use_recovery(c, uid, "nope", 401), DB_DONE);
	assert_int_equal(totp_recovery_left(c, uid, &n), DB_OK);
	assert_int_equal(n, 1);
	/* due: not required anywhere */
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_false(req);
	assert_true(on);
	assert_int_equal(totp_delete(c, uid), DB_OK);
	assert_int_equal(totp_get(c, &e->a, uid, &t), DB_DONE);
	assert_int_equal(totp_recovery_left(c, uid, &n), DB_OK);
	assert_int_equal(n, 0);
	db_release(e->db, c);
}

static void
test_totp_required_and_pending(void **state)
{
	struct testdb *e = *state;
	int64_t org = testdb_org(e, "E", "e3"), uid, got = 0;
	struct db_conn *c = db_acquire(e->db);
	bool req, on, v;

	uid = user(c, "req@example.jp");
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_false(req);
	assert_false(on);
	assert_int_equal(totp_instance_set(c, true), DB_OK);
	assert_int_equal(totp_instance_required(c, &v), DB_OK);
	assert_true(v);
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_true(req);
	assert_int_equal(totp_instance_set(c, false), DB_OK);
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_false(req);
	/* an organisation requiring it counts for its members only */
	assert_int_equal(totp_org_set(c, org, true, uid, 5), DB_OK);
	assert_int_equal(totp_org_set(c, org, true, uid, 6), DB_OK);
	assert_int_equal(totp_org_required(c, org, &v), DB_OK);
	assert_true(v);
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_false(req);
	{
		struct db_stmt *st = db_stmt(c, STMT_MEMBER_PUT);

		db_bind_int(st, 1, uid);
		db_bind_int(st, 2, org);
		db_bind_text(st, 3, STR_LIT("member"));
		assert_int_equal(db_exec(st), DB_OK);
	}
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_true(req);
	assert_int_equal(totp_org_set(c, org, false, uid, 7), DB_OK);
	assert_int_equal(totp_due(c, uid, &req, &on), DB_OK);
	assert_false(req);
	/* half-done sign-ins end at their time */
	assert_int_equal(totp_pending_put(c, "h1", uid, 100), DB_OK);
	assert_int_equal(totp_pending_get(c, "h1", 99, &got), 0);
	assert_int_equal(got, uid);
	assert_int_equal(totp_pending_get(c, "h1", 100, &got), DB_DONE);
	assert_int_equal(totp_pending_get(c, "h2", 99, &got), DB_DONE);
	assert_int_equal(totp_pending_end(c, "h1", 50), DB_OK);
	assert_int_equal(totp_pending_get(c, "h1", 60, &got), DB_DONE);
	db_release(e->db, c);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_totp_code_rfc6238_sha1),
		cmocka_unit_test(test_totp_verify_window_and_reuse),
		cmocka_unit_test(test_totp_base32_and_uri),
		cmocka_unit_test(test_totp_seal_open),
		cmocka_unit_test(test_totp_recovery_codes),
	};
	const struct CMUnitTest rows[] = {
		cmocka_unit_test(test_totp_rows_enrol_use_off),
		cmocka_unit_test(test_totp_required_and_pending),
	};
	int rc;

	if (sodium_init() < 0)
		return 1;
	rc = cmocka_run_group_tests_name("totp", pure, NULL, NULL);
	rc |= cmocka_run_group_tests_name("totp rows (SQLite)", rows,
	    setup_sqlite, testdb_teardown);
	if (getenv("MAMORI_TEST_PG_DIR") != NULL)
		rc |= cmocka_run_group_tests_name("totp rows (PostgreSQL)",
		    rows, setup_pg, testdb_teardown);
	return rc;
}
