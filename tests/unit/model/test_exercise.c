/* Unit tests for src/model/exercise.c: the closed set of placeholders,
 * how a text is checked and filled, the answers' JSON both ways, and the
 * lines of a text written one item a line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "model/exercise.h"

static void
test_exercise_ph_keys_round_trip(void **state)
{
	int k;

	for (k = 0; k < EXPH__MAX; k++) {
		const char *key = exercise_ph_key((enum exercise_ph)k);

		assert_non_null(key);
		assert_int_equal(exercise_ph_of(key, strlen(key)), k);
	}
	assert_null(exercise_ph_key(EXPH__MAX));
	assert_int_equal(exercise_ph_of("rto", 3), -1);
	assert_int_equal(exercise_ph_of("rto_s2", 6), -1);
	assert_int_equal(exercise_ph_of("rto_s", 5), EXPH_RTO_S);
	/* the contacts follow the damaged targets of content/bcp.yaml */
	assert_string_equal(exercise_ph_key(EXPH_CONTACTS_POWER),
	    "contacts_power");
	assert_string_equal(exercise_ph_key(EXPH_CONTACTS_OTHER),
	    "contacts_other");
}

static void
test_exercise_ph_check_finds_the_wrong_brace(void **state)
{
	size_t at = 99, len = 99;

	assert_int_equal(exercise_ph_check("no braces at all", &at, &len), 0);
	assert_int_equal(exercise_ph_check("{company}の{s_processes}は"
	    "{rto_s}", &at, &len), 0);
	assert_int_equal(exercise_ph_check("", &at, &len), 0);

	assert_int_equal(exercise_ph_check("ok {company} then {kaisha}",
	    &at, &len), -1);
	assert_int_equal(at, 18);
	assert_int_equal(len, 8);	/* "{kaisha}" */
	assert_int_equal(exercise_ph_check("a lone { brace", &at, &len), -1);
	assert_int_equal(at, 7);
	assert_int_equal(len, 1);
	assert_int_equal(exercise_ph_check("closing } alone", &at, &len), -1);
	assert_int_equal(at, 8);
	assert_int_equal(len, 1);
	/* a brace opened inside another is no placeholder either */
	assert_int_equal(exercise_ph_check("{{company}}", &at, &len), -1);
	assert_int_equal(at, 0);
	assert_int_equal(exercise_ph_check("{Company}", &at, &len), -1);
}

static void
test_exercise_fill_values(void **state)
{
	const char *value[EXPH__MAX] = { NULL };
	struct arena a;

	arena_init(&a);
	value[EXPH_S_PROCESSES] = "受注、出荷";
	value[EXPH_RTO_S] = "3時間";
	assert_string_equal(exercise_fill("{s_processes}を目標復旧時間（"
	    "{rto_s}）のうちに", value, &a),
	    "受注、出荷を目標復旧時間（3時間）のうちに");
	/* twice, at both ends */
	assert_string_equal(exercise_fill("{rto_s}{rto_s}", value, &a),
	    "3時間3時間");
	/* a value with braces is not filled again */
	value[EXPH_COMPANY] = "{rto_s} & Co";
	assert_string_equal(exercise_fill("at {company}.", value, &a),
	    "at {rto_s} & Co.");
	/* no value: left as it is; no placeholder: copied */
	assert_string_equal(exercise_fill("{a_processes} {x}", value, &a),
	    "{a_processes} {x}");
	assert_string_equal(exercise_fill("", value, &a), "");
	arena_free(&a);
}

static void
test_exercise_answers_round_trip(void **state)
{
	struct exercise_answers a, b;
	struct buf out = BUF_INIT;
	struct arena ar;

	arena_init(&ar);
	memset(&a, 0, sizeof(a));
	a.text[0][0] = "まず社長に\n電話する";
	a.text[0][2] = "\"quoted\" <b>&";
	a.text[EXERCISE_INJECTS_MAX - 1][EXERCISE_QUESTIONS_MAX - 1] = "last";
	a.text[3][1] = "";	/* empty: not written */
	exercise_answers_write(&a, &out);
	assert_string_equal(buf_cstr(&out), "{\"1.1\": \"まず社長に\\n電話する\", "
	    "\"1.3\": \"\\\"quoted\\\" \\u003cb\\u003e\\u0026\", "
	    "\"8.4\": \"last\"}");
	assert_int_equal(exercise_answers_count(&a), 3);
	assert_int_equal(exercise_answers_read(buf_cstr(&out), &b, &ar), 0);
	assert_string_equal(b.text[0][0], a.text[0][0]);
	assert_string_equal(b.text[0][2], a.text[0][2]);
	assert_string_equal(b.text[7][3], "last");
	assert_null(b.text[3][1]);
	assert_int_equal(exercise_answers_count(&b), 3);
	buf_reset(&out);
	memset(&a, 0, sizeof(a));
	exercise_answers_write(&a, &out);
	assert_string_equal(buf_cstr(&out), "{}");
	assert_int_equal(exercise_answers_read(NULL, &b, &ar), 0);
	assert_int_equal(exercise_answers_read("", &b, &ar), 0);
	assert_int_equal(exercise_answers_count(&b), 0);
	buf_free(&out);
	arena_free(&ar);
}

static void
test_exercise_answers_read_refuses(void **state)
{
	static const char *const bad[] = {
		"not json", "[1]", "\"x\"", "{\"1\": \"x\"}", "{\"0.1\": \"x\"}",
		"{\"9.1\": \"x\"}", "{\"1.5\": \"x\"}", "{\"1.0\": \"x\"}",
		"{\"01.1\": \"x\"}", "{\"1.1x\": \"x\"}", "{\"1.1\": 3}",
		"{\"1.1\": null}", "{\"1.1\": \"a\", \"1.1\": \"b\"}",
		"{\"1.1\": \"a\\u0000b\"}",
	};
	struct exercise_answers a;
	struct buf big = BUF_INIT;
	struct arena ar;
	size_t i;

	arena_init(&ar);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (exercise_answers_read(bad[i], &a, &ar) != -1)
			fail_msg("accepted %s", bad[i]);
	/* EXERCISE_ANSWER_MAX characters, not bytes */
	buf_printf(&big, "{\"2.2\": \"");
	for (i = 0; i < EXERCISE_ANSWER_MAX; i++)
		buf_printf(&big, "あ");
	buf_printf(&big, "\"}");
	assert_int_equal(exercise_answers_read(buf_cstr(&big), &a, &ar), 0);
	assert_int_equal(strlen(a.text[1][1]), EXERCISE_ANSWER_MAX * 3);
	buf_reset(&big);
	buf_printf(&big, "{\"2.2\": \"");
	for (i = 0; i <= EXERCISE_ANSWER_MAX; i++)
		buf_printf(&big, "a");
	buf_printf(&big, "\"}");
	assert_int_equal(exercise_answers_read(buf_cstr(&big), &a, &ar), -1);
	buf_free(&big);
	arena_free(&ar);
}

static void
test_exercise_lines_trim_and_bullets(void **state)
{
	const char **v;
	struct arena a;
	size_t n;

	arena_init(&a);
	n = exercise_lines("  佐藤\n\n- 鈴木 \r\n・高橋　\n* 田中\n• 伊藤\n"
	    "　\n-not a bullet\n", &a, &v);
	assert_int_equal(n, 6);
	assert_string_equal(v[0], "佐藤");
	assert_string_equal(v[1], "鈴木");
	assert_string_equal(v[2], "高橋");
	assert_string_equal(v[3], "田中");
	assert_string_equal(v[4], "伊藤");
	assert_string_equal(v[5], "-not a bullet");
	assert_null(v[6]);
	assert_int_equal(exercise_lines("", &a, &v), 0);
	assert_null(v[0]);
	assert_int_equal(exercise_lines(NULL, &a, &v), 0);
	assert_int_equal(exercise_lines("one", &a, &v), 1);
	assert_string_equal(v[0], "one");
	assert_string_equal(exercise_source(12, &a), "exercise:12");
	assert_string_equal(exercise_status_key(EXS_DONE), "done");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exercise_ph_keys_round_trip),
		cmocka_unit_test(test_exercise_ph_check_finds_the_wrong_brace),
		cmocka_unit_test(test_exercise_fill_values),
		cmocka_unit_test(test_exercise_answers_round_trip),
		cmocka_unit_test(test_exercise_answers_read_refuses),
		cmocka_unit_test(test_exercise_lines_trim_and_bullets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
