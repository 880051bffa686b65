/* Unit tests for src/model/bcp.c: the priority matrix cell by cell, the
 * three RTO tables and the organisation's own, 3-2-1, and the warnings
 * about a system's backups, each against values written out here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/bcp.h"

#define DAY	((int64_t)24 * 60 * 60)

/* SEEDFACTS §4.3, written out as the seeds print it: rows dependency
 * high, mid, low; columns importance low, mid, high. */
static void
matrix_all_nine(void **state)
{
	static const char *const want[3] = { "BAS", "CBA", "DCB" };
	static const char names[] = "SABCD";
	int dep, imp;

	(void)state;
	for (dep = 3; dep >= 1; dep--)
		for (imp = 1; imp <= 3; imp++)
			assert_int_equal(names[bcp_priority_of(imp, dep)],
			    want[3 - dep][imp - 1]);
	/* outside 1…3: nothing to bring back first */
	assert_int_equal(bcp_priority_of(0, 3), BCP_D);
	assert_int_equal(bcp_priority_of(3, 4), BCP_D);
}

static void
presets(void **state)
{
	static const int want[3][5] = {
		{ 0, 12, 24, 72, -1 },		/* ex.1 */
		{ 3, 6, 24, 72, -1 },		/* ex.2 */
		{ 17, 24, 72, 168, -1 },	/* ex.3: 3 days, 7 days */
	};
	struct bcp_settings s;
	int p, k;

	(void)state;
	for (p = 0; p < 3; p++)
		for (k = 0; k < BCP_PRIORITY__MAX; k++)
			assert_int_equal(bcp_preset_rto((enum bcp_preset)p)->
			    hours[k], want[p][k]);
	assert_null(bcp_preset_rto(BCP_OWN));

	/* the stored settings: a preset, and an own table */
	bcp_settings_read("{\"preset\": \"ex3\"}", &s);
	assert_int_equal(s.preset, BCP_EX3);
	assert_int_equal(bcp_rto_hours(&s, BCP_C), 168);
	assert_int_equal(bcp_rto_hours(&s, BCP_D), -1);
	bcp_settings_read("{\"preset\": \"own\", \"own\": {\"s\": 2, \"a\": 8, "
	    "\"c\": 100000, \"d\": 336}}", &s);
	assert_int_equal(s.preset, BCP_OWN);
	assert_int_equal(bcp_rto_hours(&s, BCP_S), 2);
	assert_int_equal(bcp_rto_hours(&s, BCP_A), 8);
	assert_int_equal(bcp_rto_hours(&s, BCP_B), -1);	/* not given */
	assert_int_equal(bcp_rto_hours(&s, BCP_C), -1);	/* past a year */
	assert_int_equal(bcp_rto_hours(&s, BCP_D), 336);
	/* anything else: the first example */
	bcp_settings_read("{\"preset\": \"ex9\"}", &s);
	assert_int_equal(s.preset, BCP_EX1);
	bcp_settings_read("not json", &s);
	assert_int_equal(s.preset, BCP_EX1);
	assert_int_equal(bcp_rto_hours(&s, BCP_A), 12);
	assert_int_equal(bcp_preset_of("ex2"), BCP_EX2);
	assert_int_equal(bcp_preset_of("EX2"), -1);
	assert_string_equal(bcp_preset_key(BCP_OWN), "own");
}

static void
rule_321(void **state)
{
	struct bcp_backup b = { 3, (1u << BCP_NAS) | (1u << BCP_CLOUD), 1, 1,
	    1 };

	(void)state;
	assert_int_equal(bcp_rule_321(&b), 0);
	b.copies = 2;
	assert_int_equal(bcp_rule_321(&b), BCP_MISS_COPIES);
	b.media = 1u << BCP_NAS;
	assert_int_equal(bcp_rule_321(&b), BCP_MISS_COPIES | BCP_MISS_MEDIA);
	b.offline_offsite = 0;
	assert_int_equal(bcp_rule_321(&b), BCP_MISS_COPIES | BCP_MISS_MEDIA |
	    BCP_MISS_OFFLINE_OFFSITE);
	/* offline and off-site copies that are not the same copy */
	b = (struct bcp_backup){ 4, (1u << BCP_USB) | (1u << BCP_TAPE), 2, 1,
	    0 };
	assert_int_equal(bcp_rule_321(&b), BCP_MISS_OFFLINE_OFFSITE);
	assert_int_equal(bcp_media_count((1u << BCP_MEDIA__MAX) - 1), 7);
	assert_int_equal(bcp_media_count(0), 0);
}

static void
warnings(void **state)
{
	const int64_t now = 1796400000;		/* 2026-12-04 */
	struct bcp_sys_state s;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.backup.copies = 3;
	s.rto_hours = 6;
	s.reentry_hours = -1;
	/* never tested */
	assert_int_equal(bcp_warnings(&s, now), BCP_W_NEVER_TESTED);
	/* tested 400 days ago, all restored in 90 minutes */
	s.last_test = now - 400 * DAY;
	s.test_result = BCP_RESTORE_OK;
	s.test_minutes = 90;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_TEST_OLD);
	/* a month ago, but it took 7 hours against an RTO of 6 */
	s.last_test = now - 30 * DAY;
	s.test_minutes = 7 * 60;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_TEST_SLOW);
	s.test_minutes = 6 * 60;	/* exactly the RTO: in time */
	assert_int_equal(bcp_warnings(&s, now), 0);
	s.test_result = BCP_RESTORE_PARTIAL;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_TEST_FAILED);
	s.test_result = BCP_RESTORE_OK;
	/* a weekly backup loses up to 168 hours; 24 can be re-entered */
	s.frequency_hours = 168;
	s.reentry_hours = 24;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_LOSS);
	s.frequency_hours = 24;
	assert_int_equal(bcp_warnings(&s, now), 0);
	/* the provisional steps: 400 minutes against 360 */
	s.steps_minutes = 400;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_STEPS_SLOW);
	assert_int_equal(bcp_steps_miss(&s), 40);
	s.steps_minutes = 360;
	assert_int_equal(bcp_steps_miss(&s), 0);
	/* no RTO (priority D): nothing to miss */
	s.rto_hours = -1;
	s.steps_minutes = 100000;
	s.test_minutes = 100000;
	assert_int_equal(bcp_warnings(&s, now), 0);
	/* only the live data */
	s.backup.copies = 1;
	assert_int_equal(bcp_warnings(&s, now), BCP_W_NO_BACKUP);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_all_nine),
		cmocka_unit_test(presets),
		cmocka_unit_test(rule_321),
		cmocka_unit_test(warnings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
