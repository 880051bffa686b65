/* Unit tests for src/model/account.c and the link tokens of round.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "model/account.h"
#include "model/round.h"

static int
setup(void **state)
{
	return sodium_init() < 0 ? -1 : 0;
}

static void
test_account_password_roundtrip(void **state)
{
	char *h = account_hash_password("correct horse battery");

	assert_non_null(h);
	assert_true(strncmp(h, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0);
	assert_true(account_check_password(h, "correct horse battery"));
	assert_false(account_check_password(h, "correct horse batterY"));
	assert_false(account_check_password("garbage", "x"));
	assert_false(account_check_password(NULL, "x"));
	free(h);
}

/* The stand-in hash for unknown addresses must parse, or checking it
 * would return at once and tell an attacker the address is unknown. */
static void
test_account_dummy_hash_is_well_formed(void **state)
{
	assert_int_equal(crypto_pwhash_str_needs_rehash(account_dummy_hash(),
	    2, 19u << 20), 0);
	assert_false(account_check_password(account_dummy_hash(), "x"));
}

static void
test_account_password_ok_bounds(void **state)
{
	char big[300];

	assert_int_equal(account_password_ok("123456789"), -1);
	assert_int_equal(account_password_ok("1234567890"), 0);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(account_password_ok(big), -1);
	/* counted in characters: nine of あ (27 bytes) are too few, ten
	 * pass, and 256 of them (768 bytes) still pass */
	assert_int_equal(account_password_ok("あいうえおかきくけ"), -1);
	assert_int_equal(account_password_ok("あいうえおかきくけこ"), 0);
	{
		char wide[256 * 3 + 4];
		size_t i;

		for (i = 0; i < 256; i++)
			memcpy(wide + i * 3, "\xe3\x81\x82", 3);
		wide[256 * 3] = '\0';
		assert_int_equal(account_password_ok(wide), 0);
		memcpy(wide + 256 * 3, "\xe3\x81\x82", 4);
		assert_int_equal(account_password_ok(wide), -1);
	}
}

static void
test_account_email_norm_cases(void **state)
{
	struct arena a;
	char *out;

	arena_init(&a);
	assert_int_equal(account_email_norm(&a, "  Yamada@Example.JP ", &out),
	    0);
	assert_string_equal(out, "yamada@example.jp");
	assert_int_equal(account_email_norm(&a, "no-at.example.jp", &out), -1);
	assert_int_equal(account_email_norm(&a, "a@b", &out), -1);
	assert_int_equal(account_email_norm(&a, "a@@b.jp", &out), -1);
	assert_int_equal(account_email_norm(&a, "a b@c.jp", &out), -1);
	assert_int_equal(account_email_norm(&a, "<x>@c.jp", &out), -1);
	assert_int_equal(account_email_norm(&a, "@c.jp", &out), -1);
	arena_free(&a);
}

static void
test_account_token_shapes(void **state)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];

	account_token(a);
	account_token(b);
	assert_int_equal(strlen(a), TOKEN_LEN);
	assert_string_not_equal(a, b);
	account_token_hash(a, h);
	assert_int_equal(strlen(h), TOKEN_HASH_LEN);
}

static void
test_link_token_verify_and_forgery(void **state)
{
	unsigned char key[32], other[32];
	char tok[LINK_TOKEN_MAX + 1], c1[LINK_TOKEN_MAX + 1],
	    c2[LINK_TOKEN_MAX + 1];

	memset(key, 7, sizeof(key));
	memset(other, 8, sizeof(other));
	link_token(key, LINK_RESPONDENT, 42, tok);
	assert_int_equal(link_verify(key, LINK_RESPONDENT, tok), 42);
	/* the same id under another kind or key is not valid */
	assert_int_equal(link_verify(key, LINK_SHARED, tok), 0);
	assert_int_equal(link_verify(other, LINK_RESPONDENT, tok), 0);
	/* another id with this MAC is not valid */
	tok[0] = '3';
	assert_int_equal(link_verify(key, LINK_RESPONDENT, tok), 0);
	assert_int_equal(link_verify(key, LINK_RESPONDENT, "42"), 0);
	assert_int_equal(link_verify(key, LINK_RESPONDENT, "42."), 0);
	assert_int_equal(link_verify(key, LINK_RESPONDENT, NULL), 0);
	assert_int_equal(link_verify(key, LINK_RESPONDENT,
	    "-1.AAAAAAAAAAAAAAAAAAAAAA"), 0);
	link_token(key, LINK_RESPONDENT, 42, tok);
	link_csrf(key, tok, c1);
	link_token(key, LINK_RESPONDENT, 43, tok);
	link_csrf(key, tok, c2);
	assert_string_not_equal(c1, c2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_password_roundtrip),
		cmocka_unit_test(test_account_dummy_hash_is_well_formed),
		cmocka_unit_test(test_account_password_ok_bounds),
		cmocka_unit_test(test_account_email_norm_cases),
		cmocka_unit_test(test_account_token_shapes),
		cmocka_unit_test(test_link_token_verify_and_forgery),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
