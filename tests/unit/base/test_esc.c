/* Unit tests for src/base/esc.c: one escaper per context, fed with the
 * payloads an attacker would try in that context. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/esc.h"

#define S(lit)	((struct str){ (lit), sizeof(lit) - 1 })

#define XSS_TAG		"\"><script>alert(1)</script>"
#define XSS_ATTR	"' onmouseover=alert(1) x='"

/* Run one escaper on s and compare with want. */
static void
check(void (*esc)(struct buf *, struct str), struct str s, const char *want)
{
	struct buf b = BUF_INIT;

	esc(&b, s);
	assert_false(b.err);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_esc_html_xss(void **state)
{
	check(esc_html, S(XSS_TAG),
	    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	check(esc_html, S(XSS_ATTR),
	    "&#39; onmouseover=alert(1) x=&#39;");
	check(esc_html, S("&amp; &lt;"), "&amp;amp; &amp;lt;");
	check(esc_html, S("<img src=x onerror=alert(1)>"),
	    "&lt;img src=x onerror=alert(1)&gt;");
}

static void
test_esc_html_plain(void **state)
{
	/* S(""), not STR_NULL: esc_markup computes NULL + 0 (reported) */
	check(esc_html, S(""), "");
	check(esc_html, S("plain text"), "plain text");
	check(esc_html, S("実施している"), "実施している");
	check(esc_html, S("a\0b"), "a\xef\xbf\xbd" "b");	/* U+FFFD */
	check(esc_html, S("<<>>"), "&lt;&lt;&gt;&gt;");
}

static void
test_esc_attr_xss(void **state)
{
	check(esc_attr, S(XSS_ATTR),
	    "&#39; onmouseover&#61;alert(1) x&#61;&#39;");
	check(esc_attr, S(XSS_TAG),
	    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	check(esc_attr, S("`onfocus`=x"), "&#96;onfocus&#96;&#61;x");
	check(esc_attr, S("a\0"), "a\xef\xbf\xbd");
	check(esc_attr, S(""), "");
}

static void
test_esc_url_each(void **state)
{
	check(esc_url, S("AZaz09-._~"), "AZaz09-._~");
	check(esc_url, S("a b/c?d=e&f#g"), "a%20b%2Fc%3Fd%3De%26f%23g");
	check(esc_url, S(XSS_TAG),
	    "%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
	check(esc_url, S("javascript:alert(1)"), "javascript%3Aalert%281%29");
	check(esc_url, S("あ"), "%E3%81%82");
	check(esc_url, S("\0\xff%"), "%00%FF%25");
	check(esc_url, STR_NULL, "");
}

static void
test_esc_json_each(void **state)
{
	check(esc_json, STR_NULL, "\"\"");
	check(esc_json, S("a\"b\\c"), "\"a\\\"b\\\\c\"");
	check(esc_json, S("\n\r\t"), "\"\\n\\r\\t\"");
	check(esc_json, S("\x01\x1f\0"), "\"\\u0001\\u001f\\u0000\"");
	check(esc_json, S("佐藤"), "\"佐藤\"");
	check(esc_json, S("\x7f"), "\"\x7f\"");
}

static void
test_esc_json_xss(void **state)
{
	check(esc_json, S("</script><script>alert(1)</script>"),
	    "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
	    "\\u003c/script\\u003e\"");
	check(esc_json, S(XSS_TAG), "\"\\\"\\u003e\\u003cscript\\u003e"
	    "alert(1)\\u003c/script\\u003e\"");
	check(esc_json, S("a & b"), "\"a \\u0026 b\"");
	check(esc_json, S(XSS_ATTR), "\"' onmouseover=alert(1) x='\"");
}

static void
test_esc_csv_plain(void **state)
{
	check(esc_csv, STR_NULL, "");
	check(esc_csv, S("Tanaka"), "Tanaka");
	check(esc_csv, S("田中 太郎"), "田中 太郎");
	check(esc_csv, S("a,b"), "\"a,b\"");
	check(esc_csv, S("say \"hi\""), "\"say \"\"hi\"\"\"");
	check(esc_csv, S("two\nlines"), "\"two\nlines\"");
	check(esc_csv, S("cr\r"), "\"cr\r\"");
	check(esc_csv, S(XSS_TAG), "\"\"\"><script>alert(1)</script>\"");
}

static void
test_esc_csv_formula(void **state)
{
	check(esc_csv, S("=1+1"), "\"'=1+1\"");
	check(esc_csv, S("+81-3-1234"), "\"'+81-3-1234\"");
	check(esc_csv, S("-2+3"), "\"'-2+3\"");
	check(esc_csv, S("@SUM(A1)"), "\"'@SUM(A1)\"");
	check(esc_csv, S("=HYPERLINK(\"http://x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	check(esc_csv, S("a=1"), "a=1");	/* only a leading sign */
	check(esc_csv, S("-1"), "-1");		/* a number stays a number */
	check(esc_csv, S("-17"), "-17");
	check(esc_csv, S("\tx"), "\"'\tx\"");
	check(esc_csv, S("-"), "\"'-\"");
}

/* The escaper skips clean runs eight bytes at a time: a special byte at
 * any position of a long string, in either context, must still be
 * escaped exactly as a byte-by-byte reference does. */
static void
ref_escape(struct buf *b, const char *s, size_t n, int attr)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		case '\0': buf_adds(b, "\xef\xbf\xbd"); break;
		case '`': buf_adds(b, attr ? "&#96;" : "`"); break;
		case '=': buf_adds(b, attr ? "&#61;" : "="); break;
		default: buf_addc(b, s[i]); break;
		}
	}
}

static void
test_esc_markup_every_position(void **state)
{
	static const char specials[] = "&<>\"'`=\0";
	char s[40];
	size_t pos, k;
	int attr;

	for (attr = 0; attr < 2; attr++)
		for (k = 0; k < sizeof(specials) - 1; k++)
			for (pos = 0; pos < sizeof(s); pos++) {
				struct buf got = BUF_INIT, want = BUF_INIT;

				memset(s, 'a', sizeof(s));
				memcpy(s, "\xe6\x97\xa5", 3);	/* 日 */
				s[pos] = specials[k];
				if (attr)
					esc_attr(&got, (struct str){ s,
					    sizeof(s) });
				else
					esc_html(&got, (struct str){ s,
					    sizeof(s) });
				ref_escape(&want, s, sizeof(s), attr);
				assert_int_equal(got.n, want.n);
				assert_memory_equal(got.p, want.p, want.n);
				buf_free(&got);
				buf_free(&want);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_html_xss),
		cmocka_unit_test(test_esc_html_plain),
		cmocka_unit_test(test_esc_attr_xss),
		cmocka_unit_test(test_esc_url_each),
		cmocka_unit_test(test_esc_json_each),
		cmocka_unit_test(test_esc_json_xss),
		cmocka_unit_test(test_esc_csv_plain),
		cmocka_unit_test(test_esc_csv_formula),
		cmocka_unit_test(test_esc_markup_every_position),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
