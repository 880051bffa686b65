/* Unit tests for src/model/category.c: every pair of answers gives the
 * category of our mapping; no IT is category 6 whatever the second. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/category.h"

static void
test_cat_of_every_pair(void **state)
{
	static const int want[CAT_IT__MAX][CAT_SEC__MAX] = {
		[CAT_IT_NONE] = { CAT_NO_IT, CAT_NO_IT, CAT_NO_IT, CAT_NO_IT },
		[CAT_IT_DAILY] = { CAT_DANGER_UNAWARE, CAT_DANGER_PUSH,
		    CAT_MORE_ACTIVE, CAT_WASTED },
		[CAT_IT_STRATEGIC] = { CAT_DANGER_UNAWARE, CAT_DANGER_PUSH,
		    CAT_IDEAL, CAT_WASTED },
	};
	int i, s;

	for (i = 0; i < CAT_IT__MAX; i++)
		for (s = 0; s < CAT_SEC__MAX; s++)
			assert_int_equal(cat_of(i, s), want[i][s]);
	assert_int_equal(cat_of(CAT_IT_NONE, -1), CAT_NO_IT);
	assert_int_equal(cat_of(CAT_IT_DAILY, -1), -1);
	assert_int_equal(cat_of(-1, CAT_SEC_BALANCED), -1);
	assert_int_equal(cat_of(CAT_IT__MAX, 0), -1);
}

static void
test_cat_keys(void **state)
{
	int i;

	for (i = 0; i < CAT_IT__MAX; i++)
		assert_int_equal(cat_it_from_key(cat_it_key(i)), i);
	for (i = 0; i < CAT_SEC__MAX; i++)
		assert_int_equal(cat_sec_from_key(cat_sec_key(i)), i);
	assert_int_equal(cat_it_from_key("lots"), -1);
	assert_int_equal(cat_sec_from_key(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cat_of_every_pair),
		cmocka_unit_test(test_cat_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
