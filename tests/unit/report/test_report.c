/* Unit tests for src/report/report.c: the names a download goes by. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "report/report.h"

/* 2026-12-03 15:30 UTC is 2026-12-04 00:30 in Japan. */
#define AT	1796311800

static void
test_report_fname_plain(void **state)
{
	struct arena a;
	struct report_fname f;

	arena_init(&a);
	f = report_fname(&a, "さくら精機", "第1回", "round-12", AT, "pdf");
	assert_string_equal(f.ascii, "mamori-round-12-2026-12-04.pdf");
	assert_string_equal(f.utf8, "mamori-さくら精機-第1回-2026-12-04.pdf");
	arena_free(&a);
}

/* Separators, quotes, controls and text direction marks become "_";
 * blank runs (ideographic spaces too) one space, none at the ends. */
static void
test_report_fname_unsafe(void **state)
{
	struct arena a;
	struct report_fname f;

	arena_init(&a);
	f = report_fname(&a, "  A\"B\"/C\\D:E*F?G<H>I|J\tK  ",
	    "x\u3000\u3000y\u202Ez", "round-1", AT, "xlsx");
	assert_string_equal(f.utf8,
	    "mamori-A_B__C_D_E_F_G_H_I_J_K-x y_z-2026-12-04.xlsx");
	/* invalid UTF-8 and an overlong form */
	f = report_fname(&a, "a\xff\xc0\xaf" "b", "", "round-1", AT, "csv");
	assert_string_equal(f.utf8, "mamori-a___b-2026-12-04.csv");
	/* empty parts are left out */
	f = report_fname(&a, "", NULL, "round-1", AT, "csv");
	assert_string_equal(f.utf8, "mamori-2026-12-04.csv");
	arena_free(&a);
}

/* Each part keeps REPORT_FNAME_PART characters, not bytes. */
static void
test_report_fname_cut(void **state)
{
	struct arena a;
	struct report_fname f;
	char org[3 * 60 + 1], want[200];
	int i;

	arena_init(&a);
	for (i = 0; i < 60; i++)
		memcpy(org + 3 * i, "長", 3);
	org[180] = '\0';
	f = report_fname(&a, org, "t", "round-1", AT, "pdf");
	memcpy(want, "mamori-", 7);
	memcpy(want + 7, org, 3 * REPORT_FNAME_PART);
	strcpy(want + 7 + 3 * REPORT_FNAME_PART, "-t-2026-12-04.pdf");
	assert_string_equal(f.utf8, want);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_fname_plain),
		cmocka_unit_test(test_report_fname_unsafe),
		cmocka_unit_test(test_report_fname_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
