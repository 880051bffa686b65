/* Unit tests for src/model/audit.c: the closed set of audit events. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/audit.h"

/* Every event has a key of lower-case letters and '_', no two alike,
 * and its detail kind is one of the set. */
static void
test_audit_ev_key_every_event(void **state)
{
	int i, j;

	for (i = 0; i < AUDIT_EV__MAX; i++) {
		const char *k = audit_ev_key((enum audit_ev)i);
		size_t n;

		assert_non_null(k);
		n = strlen(k);
		assert_true(n > 0 && n <= 40);
		assert_int_equal(strspn(k, "abcdefghijklmnopqrstuvwxyz_"), n);
		assert_true(audit_ev_detail((enum audit_ev)i) < AUDIT_D__MAX);
		for (j = 0; j < i; j++)
			assert_string_not_equal(k,
			    audit_ev_key((enum audit_ev)j));
	}
}

static void
test_audit_ev_from_key_roundtrip(void **state)
{
	int i;

	for (i = 0; i < AUDIT_EV__MAX; i++)
		assert_int_equal(audit_ev_from_key(str_c(audit_ev_key(
		    (enum audit_ev)i))), i);
	assert_int_equal(audit_ev_from_key(str_c("login")), AUDIT_LOGIN);
	assert_int_equal(audit_ev_from_key(str_c("round_closed")),
	    AUDIT_ROUND_CLOSED);
	assert_int_equal(audit_ev_from_key(str_c("")), -1);
	assert_int_equal(audit_ev_from_key(str_c("log")), -1);
	assert_int_equal(audit_ev_from_key(str_c("login ")), -1);
	assert_int_equal(audit_ev_from_key(str_c("future_event")), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_ev_key_every_event),
		cmocka_unit_test(test_audit_ev_from_key_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
