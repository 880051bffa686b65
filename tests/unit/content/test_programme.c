/* Unit tests for src/content/programme.c: the shipped programme templates
 * load with the visits, timings, gaps and deliverables of SEEDFACTS §6,
 * and a broken template stops the load with file:line and its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"

static struct content ct;

static int
setup(void **state)
{
	char err[512];

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	content_free(&ct);
	return 0;
}

/* The four visits: their gaps, visit 1's timetable 13:30–16:30 and the
 * deliverables each produces. */
static void
test_programme_four_visits_shipped(void **state)
{
	static const int gmin[4] = { 7, 14, 7, 7 }, gmax[4] = { 14, 21, 14,
	    14 };
	static const char *const keys[] = { "diagnosis_summary",
	    "basic_policy", "regulation_check", "diagnosis_issues",
	    "action_plan", "two_star", "final_report", "pledge_copy" };
	static const int by[] = { 1, 2, 2, 2, 4, 4, 4, 1 };
	const struct programme *p = programme_find(&ct, "four_visits");
	size_t i;

	assert_non_null(p);
	assert_int_equal(p->nvisits, 4);
	assert_int_equal(p->default_gap, 14);
	for (i = 0; i < 4; i++) {
		assert_int_equal(p->visit[i].gap_min, gmin[i]);
		assert_int_equal(p->visit[i].gap_max, gmax[i]);
		assert_true(p->visit[i].company_prep.n > 0);
		assert_true(p->visit[i].advisor_prep.n > 0);
		/* half a day: two to three hours */
		assert_true(p->visit[i].end - p->visit[i].start >= 120);
		assert_true(p->visit[i].end - p->visit[i].start <= 180);
	}
	assert_int_equal(p->visit[0].start, 13 * 60 + 30);
	assert_int_equal(p->visit[0].end, 16 * 60 + 30);
	assert_int_equal(p->visit[0].npoints, 7);
	/* 13:30 10, 13:40 60, 14:40 10, 14:50 40, 15:30 40, 16:10 10,
	 * 16:20 10 */
	{
		static const int at[7] = { 810, 820, 880, 890, 930, 970, 980 };

		for (i = 0; i < 7; i++)
			assert_int_equal(p->visit[0].point[i].at, at[i]);
	}
	assert_int_equal(p->ndeliv, 8);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int d = programme_deliv(p, keys[i]);

		assert_true(d >= 0);
		assert_int_equal(p->deliv[d].visit, by[i]);
	}
	assert_int_equal(programme_deliv(p, "nothing"), -1);
	p = programme_find(&ct, "one_day");
	assert_non_null(p);
	assert_int_equal(p->nvisits, 1);
	assert_null(programme_find(&ct, "four"));
	assert_null(programme_find(&ct, NULL));
}

/* A copy of content/ with programmes/bad.yaml holding body; the load
 * must fail with want in the message, naming bad.yaml. */
static void
refused(const char *body, const char *want)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	struct content c;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/programmes/bad.yaml", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fputs(body, f);
	fclose(f);
	err[0] = '\0';
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	if (strstr(err, "programmes/bad.yaml:") == NULL ||
	    strstr(err, want) == NULL)
		fail_msg("wanted '%s', got '%s'", want, err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

#define HEAD "pack: programme\nversion: 1\n"
#define TX "{ja: \"あ\", en: \"a\"}"
#define TL "{ja: [\"あ\"], en: [\"a\"]}"
#define VISIT(gap, start, mins, dl) \
	"  - title: " TX "\n    aim: " TX "\n    gap: " gap "\n" \
	"    start: \"" start "\"\n    company_prep: " TL "\n" \
	"    advisor_prep: " TL "\n    agenda:\n      - key: a\n" \
	"        minutes: " mins "\n        title: " TX "\n" \
	"    deliverables: " dl "\n"
#define DELIV "deliverables:\n  - key: d1\n    label: " TX "\n"
#define TOP(key) HEAD "key: " key "\ntitle: " TX "\nsummary: " TX "\n" \
	"default_gap: 14\n"

static void
test_programme_refused(void **state)
{
	/* a good one loads: the harness itself is right */
	{
		char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
		struct content c;
		FILE *f;

		assert_non_null(mkdtemp(dir));
		snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
		assert_int_equal(system(cmd), 0);
		snprintf(cmd, sizeof(cmd), "%s/programmes/bad.yaml", dir);
		f = fopen(cmd, "w");
		assert_non_null(f);
		fputs(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
		    "09:00", "60", "[d1]"), f);
		fclose(f);
		if (content_load(&c, dir, err, sizeof(err)) != 0)
			fail_msg("%s", err);
		assert_non_null(programme_find(&c, "bad"));
		assert_int_equal(programme_find(&c, "bad")->visit[0].end,
		    10 * 60);
		content_free(&c);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	refused(TOP("other") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "09:00", "60", "[d1]"), "'key' must be the file's name, 'bad'");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 14, max: 7}",
	    "09:00", "60", "[d1]"), "the gap's 'min' (14) is more than its "
	    "'max' (7)");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "9:00", "60", "[d1]"), "'start' must be a time HH:MM");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "23:30", "60", "[d1]"), "agenda runs past midnight");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "09:00", "60", "[d2]"), "unknown deliverable");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "09:00", "60", "[]"), "deliverable 'd1' is produced by no visit");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "09:00", "60", "[d1]") VISIT("{min: 7, max: 14}", "09:00", "60",
	    "[d1]"), "deliverable 'd1' is produced by visits 1 and 2");
	refused(TOP("bad") DELIV "visits:\n" VISIT("{min: 7, max: 14}",
	    "09:00", "2", "[d1]"), "'minutes' must be a whole number from 5");
	refused(TOP("bad") DELIV "visits: []\n", "'visits' must be a list of "
	    "1 to 8 entries");
	refused(HEAD "key: bad\ntitle: {ja: \"あ\"}\n", "'en' must be "
	    "non-empty text");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_programme_four_visits_shipped),
		cmocka_unit_test(test_programme_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
