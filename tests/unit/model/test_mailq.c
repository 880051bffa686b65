/*
 * Unit tests of the pure parts of model/mailq.c: the back-off between
 * attempts, the keys of the kinds and states, and the unsubscribe token
 * (round trip, forgeries, the invitation that cannot be turned off).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/mailq.h"

static const unsigned char secret[32] = "0123456789abcdef0123456789abcdef";

static void
test_mailq_backoff_doubles_to_cap(void **state)
{
	assert_int_equal(mailq_backoff(60, 1, 21600), 60);
	assert_int_equal(mailq_backoff(60, 2, 21600), 120);
	assert_int_equal(mailq_backoff(60, 3, 21600), 240);
	assert_int_equal(mailq_backoff(60, 9, 21600), 15360);
	assert_int_equal(mailq_backoff(60, 10, 21600), 21600);
	assert_int_equal(mailq_backoff(60, 1000, 21600), 21600);
	assert_int_equal(mailq_backoff(0, 1, 21600), 1);
}

static void
test_mailq_kind_keys_round_trip(void **state)
{
	int k;

	for (k = 0; k < MAIL_KIND__MAX; k++)
		assert_int_equal(mailq_kind_from_key(mailq_kind_key(
		    (enum mail_kind)k)), k);
	for (k = 0; k < MAILQ_STATE__MAX; k++)
		assert_int_equal(mailq_state_from_key(mailq_state_key(
		    (enum mailq_state)k)), k);
	assert_int_equal(mailq_kind_from_key("spam"), -1);
	assert_int_equal(mailq_kind_from_key(NULL), -1);
	assert_false(mailq_kind_optional(MAIL_INVITE));
	assert_true(mailq_kind_optional(MAIL_PLAN_DUE));
}

static void
test_mailq_unsub_token_round_trip(void **state)
{
	char tok[MAILQ_UNSUB_MAX + 1];
	enum mail_kind k;
	enum mailq_who who;
	int64_t id;

	mailq_unsub_token(secret, MAIL_ROUND_REMIND, MAILQ_WHO_RESP, 42, tok);
	assert_true(strncmp(tok, "round_remind.r42.", 17) == 0);
	assert_int_equal(mailq_unsub_verify(secret, tok, &k, &who, &id), 0);
	assert_int_equal(k, MAIL_ROUND_REMIND);
	assert_int_equal(who, MAILQ_WHO_RESP);
	assert_int_equal(id, 42);
	mailq_unsub_token(secret, MAIL_FOLLOW_UP, MAILQ_WHO_USER,
	    INT64_C(9007199254740993), tok);
	assert_int_equal(mailq_unsub_verify(secret, tok, &k, &who, &id), 0);
	assert_int_equal(k, MAIL_FOLLOW_UP);
	assert_int_equal(who, MAILQ_WHO_USER);
	assert_int_equal(id, INT64_C(9007199254740993));
}

static void
test_mailq_unsub_token_forgeries(void **state)
{
	char tok[MAILQ_UNSUB_MAX + 1], bad[MAILQ_UNSUB_MAX + 8];
	unsigned char other[32];
	enum mail_kind k;
	enum mailq_who who;
	int64_t id;

	mailq_unsub_token(secret, MAIL_PLAN_DUE, MAILQ_WHO_USER, 7, tok);
	/* another id, kind or who under the same MAC */
	strcpy(bad, tok);
	bad[strlen("plan_due.u")] = '8';
	assert_int_equal(mailq_unsub_verify(secret, bad, &k, &who, &id), -1);
	snprintf(bad, sizeof(bad), "incident_due%s", strchr(tok, '.'));
	assert_int_equal(mailq_unsub_verify(secret, bad, &k, &who, &id), -1);
	strcpy(bad, tok);
	bad[strlen("plan_due.")] = 'r';
	assert_int_equal(mailq_unsub_verify(secret, bad, &k, &who, &id), -1);
	/* a changed MAC, another secret */
	strcpy(bad, tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	assert_int_equal(mailq_unsub_verify(secret, bad, &k, &who, &id), -1);
	memcpy(other, secret, sizeof(other));
	other[0] ^= 1;
	assert_int_equal(mailq_unsub_verify(other, tok, &k, &who, &id), -1);
	/* invitations cannot be turned off; junk is refused */
	mailq_unsub_token(secret, MAIL_INVITE, MAILQ_WHO_USER, 7, tok);
	assert_int_equal(mailq_unsub_verify(secret, tok, &k, &who, &id), -1);
	assert_int_equal(mailq_unsub_verify(secret, "", &k, &who, &id), -1);
	assert_int_equal(mailq_unsub_verify(secret, "plan_due..", &k, &who,
	    &id), -1);
	assert_int_equal(mailq_unsub_verify(secret, "plan_due.u0.x", &k, &who,
	    &id), -1);
	assert_int_equal(mailq_unsub_verify(secret, NULL, &k, &who, &id), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mailq_backoff_doubles_to_cap),
		cmocka_unit_test(test_mailq_kind_keys_round_trip),
		cmocka_unit_test(test_mailq_unsub_token_round_trip),
		cmocka_unit_test(test_mailq_unsub_token_forgeries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
