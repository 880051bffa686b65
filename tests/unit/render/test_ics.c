/*
 * Unit tests of render/ics.c: an iCalendar file's framing (CRLF, lines
 * folded at 75 octets without splitting a UTF-8 character), TEXT
 * escaping, and the all-day event's dates across month and year ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "render/ics.h"

/* Every line of s ends in CRLF and holds at most ICS_LINE_MAX octets; no
 * line starts inside a UTF-8 character.  Returns the lines unfolded, in
 * out. */
static void
check_lines(const char *s, struct buf *out)
{
	const char *p = s, *e;

	buf_reset(out);
	while (*p != '\0') {
		e = strstr(p, "\r\n");
		assert_non_null(e);
		assert_true((size_t)(e - p) <= ICS_LINE_MAX);
		assert_null(memchr(p, '\n', (size_t)(e - p)));
		assert_null(memchr(p, '\r', (size_t)(e - p)));
		if (*p == ' ') {	/* a continuation */
			assert_true(out->n > 0);
			out->n--;	/* the LF of the line it continues */
			p++;
			assert_true(((unsigned char)*p & 0xc0) != 0x80);
		}
		buf_add(out, p, (size_t)(e - p));
		buf_addc(out, '\n');
		p = e + 2;
	}
}

static void
test_ics_text_escapes(void **state)
{
	struct buf b = BUF_INIT;

	ics_text(&b, "a,b;c\\d\ne\r\nf");
	assert_string_equal(buf_cstr(&b), "a\\,b\\;c\\\\d\\ne\\nf");
	buf_free(&b);
}

static void
test_ics_line_folds_at_75_octets(void **state)
{
	struct buf b = BUF_INIT, u = BUF_INIT, v = BUF_INIT;
	int i, k;

	/* ASCII: exact lengths around the limit */
	for (k = 60; k < 160; k++) {
		buf_reset(&b);
		buf_reset(&v);
		for (i = 0; i < k; i++)
			buf_addc(&v, (char)('a' + i % 26));
		ics_line(&b, "SUMMARY", buf_cstr(&v));
		check_lines(buf_cstr(&b), &u);
		assert_int_equal(u.n, strlen("SUMMARY:") + (size_t)k + 1);
		assert_memory_equal(u.p + 8, v.p, (size_t)k);
	}
	/* Japanese: three octets a character, never split */
	for (k = 1; k < 80; k++) {
		buf_reset(&b);
		buf_reset(&v);
		buf_addc(&v, 'x');
		for (i = 0; i < k; i++)
			buf_adds(&v, i % 2 ? "対" : "策");
		ics_line(&b, "SUMMARY", buf_cstr(&v));
		check_lines(buf_cstr(&b), &u);
		assert_int_equal(u.n, 8 + v.n + 1);
		assert_memory_equal(u.p + 8, v.p, v.n);
	}
	buf_free(&b);
	buf_free(&u);
	buf_free(&v);
}

static void
test_ics_event_dates_and_fields(void **state)
{
	struct buf b = BUF_INIT, u = BUF_INIT;
	struct ics_event e = {
		.uid = "plan-7@mamori", .stamp = 1773100800, .y = 2026,
		.m = 12, .d = 31, .summary = "バックアップ, 毎週; 確認",
		.description = "担当：山田\n進み具合：未着手",
		.url = "http://example.jp/o/1/r/plan/7",
	};

	ics_begin(&b, "-//mamori//plan//JA", "テスト, 計画");
	ics_event_day(&b, &e);
	e.uid = "plan-8@mamori";
	e.y = 2028;
	e.m = 2;
	e.d = 29;
	e.description = NULL;
	e.url = NULL;
	ics_event_day(&b, &e);
	ics_end(&b);
	assert_false(b.err);
	check_lines(buf_cstr(&b), &u);
	assert_string_equal(buf_cstr(&u),
	    "BEGIN:VCALENDAR\n"
	    "VERSION:2.0\n"
	    "PRODID:-//mamori//plan//JA\n"
	    "CALSCALE:GREGORIAN\n"
	    "X-WR-CALNAME:テスト\\, 計画\n"
	    "BEGIN:VEVENT\n"
	    "UID:plan-7@mamori\n"
	    "DTSTAMP:20260310T000000Z\n"
	    "DTSTART;VALUE=DATE:20261231\n"
	    "DTEND;VALUE=DATE:20270101\n"
	    "SUMMARY:バックアップ\\, 毎週\\; 確認\n"
	    "DESCRIPTION:担当：山田\\n進み具合：未着手\n"
	    "URL:http://example.jp/o/1/r/plan/7\n"
	    "TRANSP:TRANSPARENT\n"
	    "END:VEVENT\n"
	    "BEGIN:VEVENT\n"
	    "UID:plan-8@mamori\n"
	    "DTSTAMP:20260310T000000Z\n"
	    "DTSTART;VALUE=DATE:20280229\n"
	    "DTEND;VALUE=DATE:20280301\n"
	    "SUMMARY:バックアップ\\, 毎週\\; 確認\n"
	    "TRANSP:TRANSPARENT\n"
	    "END:VEVENT\n"
	    "END:VCALENDAR\n");
	buf_free(&b);
	buf_free(&u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ics_text_escapes),
		cmocka_unit_test(test_ics_line_folds_at_75_octets),
		cmocka_unit_test(test_ics_event_dates_and_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
