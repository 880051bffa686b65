/*
 * Unit tests of render/html.c: the element-stack writer.  Every case
 * writes into a fresh buffer and compares the bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "render/html.h"

#define XSS_TAG		"\"><script>alert(1)</script>"
#define XSS_ATTR	"' onmouseover=alert(1) x='"

struct fix {
	struct buf	b;
	struct html	h;
};

static int
setup(void **state)
{
	static struct fix f;

	memset(&f, 0, sizeof(f));
	buf_init(&f.b, 0);
	html_init(&f.h, &f.b);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	buf_free(&f->b);
	return 0;
}

static const char *
out(struct fix *f)
{
	return buf_cstr(&f->b);
}

static void
test_html_open_balanced(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "div", "class", "a", NULL);
	html_open(&f->h, "p", NULL);
	html_text(&f->h, "x");
	html_close(&f->h);
	html_void(&f->h, "br", NULL);
	html_close(&f->h);
	assert_int_equal(html_end(&f->h), 0);
	assert_string_equal(out(f), "<div class=\"a\"><p>x</p><br/></div>");
	assert_false(f->b.err);
}

static void
test_html_end_closes_open(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "main", NULL);
	html_open(&f->h, "section", NULL);
	html_open(&f->h, "h1", NULL);
	/* Left open: html_end closes them in order and reports it. */
	assert_int_equal(html_end(&f->h), -1);
	assert_string_equal(out(f),
	    "<main><section><h1></h1></section></main>");
	assert_int_equal(html_mark(&f->h), 0);
}

static void
test_html_text_escapes_xss(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "p", NULL);
	html_text(&f->h, XSS_TAG);
	html_text(&f->h, XSS_ATTR);
	html_text(&f->h, "&amp;");
	html_close(&f->h);
	assert_string_equal(out(f), "<p>"
	    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&#39; onmouseover=alert(1) x=&#39;"
	    "&amp;amp;</p>");
	assert_null(strstr(out(f), "<script"));
}

static void
test_html_open_escapes_attr_xss(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "a", "href", XSS_TAG, "title", XSS_ATTR, NULL);
	html_close(&f->h);
	assert_string_equal(out(f), "<a"
	    " href=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""
	    " title=\"&#39; onmouseover&#61;alert(1) x&#61;&#39;\""
	    "></a>");
	/* Nothing in a value can end the quoted value. */
	assert_null(strstr(out(f), "<script"));
	assert_null(strstr(out(f), " onmouseover="));
}

static void
test_html_void_escapes_backquote(void **state)
{
	struct fix *f = *state;

	html_void(&f->h, "input", "value", "`x`", NULL);
	assert_string_equal(out(f), "<input value=\"&#96;x&#96;\"/>");
}

static void
test_html_open_null_value_skips_attribute(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "input", "type", "checkbox", "checked", NULL, NULL);
	html_close(&f->h);
	html_void(&f->h, "option", "selected", "", "value", NULL, "id", "o",
	    NULL);
	assert_string_equal(out(f),
	    "<input type=\"checkbox\"></input>"
	    "<option selected=\"\" id=\"o\"/>");
}

static void
test_html_void_is_not_pushed(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "svg", NULL);
	html_void(&f->h, "circle", "r", "1", NULL);
	assert_int_equal(html_mark(&f->h), 1);
	html_close(&f->h);
	assert_int_equal(html_end(&f->h), 0);
	assert_string_equal(out(f), "<svg><circle r=\"1\"/></svg>");
}

static void
test_html_close_to_mark(void **state)
{
	struct fix *f = *state;
	int m;

	html_open(&f->h, "body", NULL);
	m = html_mark(&f->h);
	assert_int_equal(m, 1);
	html_open(&f->h, "ul", NULL);
	html_open(&f->h, "li", NULL);
	html_open(&f->h, "b", NULL);
	html_text(&f->h, "x");
	html_close_to(&f->h, m);
	assert_int_equal(html_mark(&f->h), m);
	html_text(&f->h, "after");
	assert_int_equal(html_end(&f->h), -1);
	assert_string_equal(out(f),
	    "<body><ul><li><b>x</b></li></ul>after</body>");
}

static void
test_html_close_to_current_is_noop(void **state)
{
	struct fix *f = *state;

	html_open(&f->h, "p", NULL);
	html_close_to(&f->h, html_mark(&f->h));
	html_close_to(&f->h, 5);	/* deeper than now: nothing */
	assert_string_equal(out(f), "<p>");
	html_close_to(&f->h, 0);
	assert_string_equal(out(f), "<p></p>");
}

static void
test_html_elem_text_and_null(void **state)
{
	struct fix *f = *state;

	html_elem(&f->h, "td", "<1>", "class", "n", NULL);
	html_elem(&f->h, "td", NULL, NULL);
	assert_int_equal(html_mark(&f->h), 0);
	assert_string_equal(out(f),
	    "<td class=\"n\">&lt;1&gt;</td><td></td>");
}

static void
test_html_textf_escapes(void **state)
{
	struct fix *f = *state;

	html_textf(&f->h, "%d <%s>", 42, "b");
	assert_string_equal(out(f), "42 &lt;b&gt;");
}

static void
test_html_textn_view(void **state)
{
	struct fix *f = *state;
	const char *s = "a<b>c";

	html_textn(&f->h, (struct str){ s, 3 });
	assert_string_equal(out(f), "a&lt;b");
	/* A NUL inside a view becomes U+FFFD, never a raw NUL. */
	html_textn(&f->h, (struct str){ "x\0y", 3 });
	assert_string_equal(out(f), "a&lt;bx\xef\xbf\xbdy");
}

static void
test_html_text_utf8_kept(void **state)
{
	struct fix *f = *state;

	html_text(&f->h, "情報セキュリティ & 診断");
	assert_string_equal(out(f), "情報セキュリティ &amp; 診断");
}

static void
test_html_raw_trusted_verbatim(void **state)
{
	struct fix *f = *state;

	html_raw_trusted(&f->h, "<!doctype html>");
	assert_string_equal(out(f), "<!doctype html>");
}

static void
test_html_open_deep_overflow_counted(void **state)
{
	struct fix *f = *state;
	int i;

	for (i = 0; i < HTML_DEPTH + 1; i++)
		html_open(&f->h, "i", NULL);
	assert_int_equal(f->h.overflow, 1);
	assert_int_equal(html_mark(&f->h), HTML_DEPTH + 1);
	html_close_to(&f->h, 0);
	assert_int_equal(html_mark(&f->h), 0);
}

static void
test_html_buf_limit_sticky(void **state)
{
	struct fix *f = *state;

	buf_free(&f->b);
	buf_init(&f->b, 8);
	html_open(&f->h, "div", "class", "long-enough", NULL);
	html_text(&f->h, "more");
	html_close(&f->h);
	assert_true(f->b.err);
	assert_true(f->b.n <= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_html_open_balanced,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_end_closes_open,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_text_escapes_xss,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_open_escapes_attr_xss, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_void_escapes_backquote, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_open_null_value_skips_attribute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_void_is_not_pushed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_close_to_mark,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_close_to_current_is_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_elem_text_and_null,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_textf_escapes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_textn_view,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_text_utf8_kept,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_raw_trusted_verbatim,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_open_deep_overflow_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_buf_limit_sticky,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
