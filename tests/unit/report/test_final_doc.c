/* Unit tests for src/report/final_doc.c: which two diagnoses a final
 * report compares — the one the programme starts from (the latest closed
 * by the end of the first visit's day in Japan, else the first closed
 * after it) and the latest closed; open rounds never count. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "report/final_doc.h"

/* Unix time of day YYYY-MM-DD at hh:mm in Japan (UTC+9). */
static int64_t
jst(int y, int m, int d, int hh, int mm)
{
	/* days from 1970-01-01 to y-m-d (civil calendar) */
	int64_t yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400, mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;

	return days * 86400 + (hh - 9) * 3600 + mm * 60;
}

static struct round
closed(int64_t id, int64_t at)
{
	struct round r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.closed_at = at;
	return r;
}

static void
test_before_is_the_one_the_programme_starts_from(void **state)
{
	struct round v[4];
	const struct round *b, *a;

	(void)state;
	/* one closed a month before, one on the first visit's evening in
	 * Japan (still the 17th there, the 17th at 14:59 UTC), one after */
	v[0] = closed(1, jst(2026, 9, 15, 10, 0));
	v[1] = closed(2, jst(2026, 10, 17, 23, 59));
	v[2] = closed(3, jst(2026, 12, 1, 9, 0));
	v[3] = closed(4, 0);
	v[3].open = true;		/* open: never counts */
	final_pick_rounds(v, 4, "2026-10-17", &b, &a);
	assert_non_null(b);
	assert_non_null(a);
	assert_int_equal(b->id, 2);
	assert_int_equal(a->id, 3);
	/* a minute later it is the 18th in Japan: after the first visit */
	v[1].closed_at = jst(2026, 10, 18, 0, 0);
	final_pick_rounds(v, 4, "2026-10-17", &b, &a);
	assert_int_equal(b->id, 1);
	assert_int_equal(a->id, 3);
	/* none by the first visit: the first closed after it */
	final_pick_rounds(v + 1, 3, "2026-10-17", &b, &a);
	assert_int_equal(b->id, 2);
	assert_int_equal(a->id, 3);
	/* one round only: the same on both sides */
	final_pick_rounds(v + 2, 2, "2026-10-17", &b, &a);
	assert_int_equal(b->id, 3);
	assert_ptr_equal(a, b);
	/* nothing closed */
	final_pick_rounds(v + 3, 1, "2026-10-17", &b, &a);
	assert_null(b);
	assert_null(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_before_is_the_one_the_programme_starts_from),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
