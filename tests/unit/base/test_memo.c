/* Unit tests for src/base/memo.c: a fact is handed out only under the
 * stamp and key it was kept with. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/memo.h"

static void
test_memo_get_same_stamp_only(void **state)
{
	struct memo *m = memo_new(64);
	struct memo_stamp s1 = { { 1, 2, 3 } }, s2 = { { 1, 2, 4 } };
	char out[MEMO_VAL_MAX];

	assert_int_equal(memo_get(m, "k", &s1, out, sizeof(out)), -1);
	memo_put(m, "k", &s1, "fact", 5);
	assert_int_equal(memo_get(m, "k", &s1, out, sizeof(out)), 5);
	assert_string_equal(out, "fact");
	/* any counter moved: not handed out */
	assert_int_equal(memo_get(m, "k", &s2, out, sizeof(out)), -1);
	/* another key */
	assert_int_equal(memo_get(m, "kk", &s1, out, sizeof(out)), -1);
	/* kept again under the new stamp: the old one no longer finds it */
	memo_put(m, "k", &s2, "new", 4);
	assert_int_equal(memo_get(m, "k", &s1, out, sizeof(out)), -1);
	assert_int_equal(memo_get(m, "k", &s2, out, sizeof(out)), 4);
	assert_string_equal(out, "new");
	memo_free(m);
}

/* Keys sharing a slot push each other out, never answer for each
 * other; too long a key or value is not kept. */
static void
test_memo_bounded(void **state)
{
	struct memo *m = memo_new(1);
	struct memo_stamp s = { { 7, 7, 7 } };
	char key[MEMO_KEY_MAX + 2], out[MEMO_VAL_MAX], big[MEMO_VAL_MAX + 1];
	int i, found = 0, v;

	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "key/%d", i);
		memo_put(m, key, &s, &i, sizeof(i));
	}
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "key/%d", i);
		if (memo_get(m, key, &s, &v, sizeof(v)) == (int)sizeof(v)) {
			assert_int_equal(v, i);
			found++;
		}
	}
	assert_true(found >= 1 && found <= 16);
	memset(key, 'x', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	memo_put(m, key, &s, "v", 2);
	assert_int_equal(memo_get(m, key, &s, out, sizeof(out)), -1);
	memset(big, 'y', sizeof(big));
	memo_put(m, "big", &s, big, sizeof(big));
	assert_int_equal(memo_get(m, "big", &s, out, sizeof(out)), -1);
	memo_put(m, "big", &s, big, MEMO_VAL_MAX);
	assert_int_equal(memo_get(m, "big", &s, out, sizeof(out)), MEMO_VAL_MAX);
	/* no room for it: not handed out */
	assert_int_equal(memo_get(m, "big", &s, out, MEMO_VAL_MAX - 1), -1);
	memo_free(m);
	memo_free(NULL);
}

struct worker {
	struct memo	*m;
	int		 id;
	int		 bad;	/* OUT: wrong values seen */
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct memo_stamp s = { { 1, 1, 1 } };
	char key[32];
	int i, v;

	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "%d/%d", w->id, i % 50);
		v = w->id * 1000 + i % 50;
		if (i % 3 == 0)
			memo_put(w->m, key, &s, &v, sizeof(v));
		else if (memo_get(w->m, key, &s, &v, sizeof(v)) ==
		    (int)sizeof(v) && v != w->id * 1000 + i % 50)
			w->bad++;
	}
	return NULL;
}

/* Threads at once: each finds only its own values. */
static void
test_memo_threads(void **state)
{
	struct worker w[4];
	pthread_t th[4];
	struct memo *m = memo_new(32);
	int i;

	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ m, i + 1, 0 };
		pthread_create(&th[i], NULL, work, &w[i]);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(w[i].bad, 0);
	}
	memo_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_get_same_stamp_only),
		cmocka_unit_test(test_memo_bounded),
		cmocka_unit_test(test_memo_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
