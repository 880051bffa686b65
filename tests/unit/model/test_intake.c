/* Unit tests for src/model/intake.c: the answers of an intake
 * questionnaire as flat entries — set, replace, remove, lists — written
 * as JSON and read back the same, and every shape that is not one
 * refused whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "model/intake.h"

static void
test_intake_set_replace_remove(void **state)
{
	static const char *const two[] = { "pc_infected", "other" };
	struct intake_answers a;
	struct arena ar;
	struct buf b = BUF_INIT;

	arena_init(&ar);
	intake_init(&a, &ar);
	assert_int_equal(intake_set(&a, &ar, "q.1", "yes"), 0);
	assert_int_equal(intake_set(&a, &ar, "q.1.from", "取引先\n\"A\"社"),
	    0);
	assert_int_equal(intake_set_list(&a, &ar, "q.4", two, 2), 0);
	assert_int_equal(a.n, 3);
	/* replaced in place, the order kept */
	assert_int_equal(intake_set(&a, &ar, "q.1", "no"), 0);
	assert_string_equal(a.v[0].key, "q.1");
	assert_string_equal(intake_text(&a, "q.1"), "no");
	assert_true(intake_has(&a, "q.4", "other"));
	assert_false(intake_has(&a, "q.4", "inside_leak"));
	assert_false(intake_has(&a, "q.1", "no"));	/* a text, not a list */
	assert_null(intake_text(&a, "q.4"));		/* a list, not a text */
	assert_null(intake_text(&a, "q.2"));
	intake_write(&a, &b);
	assert_string_equal(buf_cstr(&b), "{\"q.1\": \"no\", \"q.1.from\": "
	    "\"取引先\\n\\\"A\\\"社\", \"q.4\": [\"pc_infected\", \"other\"]}");
	/* empty removes; the others keep their order */
	assert_int_equal(intake_set(&a, &ar, "q.1", ""), 0);
	assert_int_equal(intake_set_list(&a, &ar, "q.4", NULL, 0), 0);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].key, "q.1.from");
	assert_int_equal(intake_set(&a, &ar, "q.9", NULL), 0);	/* none */
	buf_reset(&b);
	intake_init(&a, &ar);
	intake_write(&a, &b);
	assert_string_equal(buf_cstr(&b), "{}");
	buf_free(&b);
	arena_free(&ar);
}

static void
test_intake_set_refuses(void **state)
{
	static const char *const bad[] = { "ok", "Not ok" };
	char long_key[INTAKE_KEY_MAX + 2], text[3 * (INTAKE_TEXT_MAX + 1) + 1];
	struct intake_answers a;
	struct arena ar;
	size_t i;

	arena_init(&ar);
	intake_init(&a, &ar);
	memset(long_key, 'a', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	assert_int_equal(intake_set(&a, &ar, long_key, "x"), -1);
	long_key[INTAKE_KEY_MAX] = '\0';
	assert_int_equal(intake_set(&a, &ar, long_key, "x"), 0);
	assert_int_equal(intake_set(&a, &ar, "Q.1", "x"), -1);
	assert_int_equal(intake_set(&a, &ar, "q 1", "x"), -1);
	assert_int_equal(intake_set(&a, &ar, "", "x"), -1);
	assert_int_equal(intake_set(&a, &ar, "q.1", "a\x01" "b"), -1);
	assert_int_equal(intake_set(&a, &ar, "q.1", "\xff"), -1);
	assert_int_equal(intake_set(&a, &ar, "q.1", "tab\tand\nline"), 0);
	/* INTAKE_TEXT_MAX characters of 漢 fit, one more does not */
	for (i = 0; i < INTAKE_TEXT_MAX; i++)
		memcpy(text + 3 * i, "漢", 3);
	text[3 * INTAKE_TEXT_MAX] = '\0';
	assert_int_equal(intake_set(&a, &ar, "q.5", text), 0);
	memcpy(text + 3 * INTAKE_TEXT_MAX, "漢", 4);
	assert_int_equal(intake_set(&a, &ar, "q.5", text), -1);
	assert_int_equal((int)strlen(intake_text(&a, "q.5")),
	    3 * INTAKE_TEXT_MAX);	/* unchanged */
	assert_int_equal(intake_set_list(&a, &ar, "q.4", bad, 2), -1);
	assert_null(intake_find(&a, "q.4"));
	assert_int_equal(intake_set_list(&a, &ar, "q.4", bad,
	    INTAKE_LIST_MAX + 1), -1);
	/* full */
	intake_init(&a, &ar);
	for (i = 0; i < INTAKE_ENTRIES_MAX; i++) {
		char k[16];

		snprintf(k, sizeof(k), "k.%zu", i);
		assert_int_equal(intake_set(&a, &ar, k, "v"), 0);
	}
	assert_int_equal(intake_set(&a, &ar, "one.more", "v"), -1);
	assert_int_equal(intake_set(&a, &ar, "k.0", "replaced"), 0);
	arena_free(&ar);
}

static void
test_intake_read_round_trip(void **state)
{
	const char *json = "{\"h.company\": \"さくら精機\", \"q.4\": "
	    "[\"inside_leak\", \"other\"], \"q.4.other\": \"偽の請求\", "
	    "\"q.13.period\": \"90日\\n（目安）\"}";
	struct intake_answers a;
	struct arena ar;
	struct buf b = BUF_INIT;

	arena_init(&ar);
	assert_int_equal(intake_read(json, &a, &ar), 0);
	assert_int_equal(a.n, 4);
	assert_string_equal(intake_text(&a, "q.13.period"), "90日\n（目安）");
	assert_int_equal(intake_find(&a, "q.4")->nlist, 2);
	intake_write(&a, &b);
	assert_string_equal(buf_cstr(&b), json);
	/* nothing stored reads as nothing */
	assert_int_equal(intake_read(NULL, &a, &ar), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(intake_read("", &a, &ar), 0);
	assert_int_equal(intake_read("{}", &a, &ar), 0);
	assert_int_equal(a.n, 0);
	buf_free(&b);
	arena_free(&ar);
}

static void
test_intake_read_refuses(void **state)
{
	static const char *const bad[] = {
		"[]", "\"q\"", "{", "{\"q.1\": 1}", "{\"q.1\": true}",
		"{\"q.1\": null}", "{\"q.1\": \"\"}", "{\"q.1\": []}",
		"{\"q.1\": [1]}", "{\"q.1\": [\"Bad key\"]}",
		"{\"Q.1\": \"x\"}", "{\"q.1\": \"a\\u0000b\"}",
		"{\"q.1\": \"a\\u0007b\"}", "{\"q.1\": {\"x\": \"y\"}}",
		"{\"q.1\": \"x\", \"q.1\": \"y\"}",
		"{\"q.1\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", "
		    "\"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", "
		    "\"p\", \"q\"]}",
	};
	struct intake_answers a;
	struct arena ar;
	size_t i;

	arena_init(&ar);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(intake_read(bad[i], &a, &ar), -1);
		assert_int_equal(a.n, 0);	/* nothing half read */
	}
	/* a good entry before a bad one is not kept either */
	assert_int_equal(intake_read("{\"q.1\": \"yes\", \"q.2\": 2}", &a,
	    &ar), -1);
	assert_int_equal(a.n, 0);
	arena_free(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intake_set_replace_remove),
		cmocka_unit_test(test_intake_set_refuses),
		cmocka_unit_test(test_intake_read_round_trip),
		cmocka_unit_test(test_intake_read_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
