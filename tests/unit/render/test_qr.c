/*
 * Unit tests of render/qr.c.  The code is not decoded; instead the path is
 * drawn back onto a grid of modules and checked for what every QR symbol
 * has: its size, a light quiet zone and the three finder patterns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "render/html.h"
#include "render/qr.h"

#define URL	"https://mamori.example.jp/r/3f9a2c7d1e5b"
#define SIDE_MAX	(177 + 8)	/* version 40 plus the quiet zone */

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

/* The side of the viewBox "0 0 S S"; fails unless square. */
static int
view_side(const char *s)
{
	const char *p = strstr(s, " viewBox=\"0 0 ");
	int w = 0, h = 0;

	assert_non_null(p);
	assert_int_equal(sscanf(p + 14, "%d %d", &w, &h), 2);
	assert_int_equal(w, h);
	return w;
}

/* Paint the path's runs "M<x> <y>h<n>v1h-<n>z" onto grid (side²). */
static void
paint(const char *s, int side, unsigned char *grid)
{
	const char *p = strstr(s, "<path d=\"");
	int x, y, n, m, used;

	assert_non_null(p);
	p += 9;
	assert_true(*p == 'M');
	while (*p == 'M') {
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &n,
		    &m, &used), 4);
		assert_int_equal(n, m);
		assert_true(n >= 1);
		assert_true(x >= 0 && y >= 0 && x + n <= side && y < side);
		while (n-- > 0) {
			assert_int_equal(grid[y * side + x], 0); /* no overlap */
			grid[y * side + x++] = 1;
		}
		p += used;
	}
	assert_true(*p == '"');
}

/* The 7×7 finder pattern with its corner at module (x, y). */
static void
check_finder(const unsigned char *grid, int side, int x0, int y0)
{
	int x, y, ring, want;

	for (y = 0; y < 7; y++)
		for (x = 0; x < 7; x++) {
			ring = x < y ? x : y;
			if (6 - x < ring)
				ring = 6 - x;
			if (6 - y < ring)
				ring = 6 - y;
			want = ring == 1 ? 0 : 1;	/* light ring at 1 */
			assert_int_equal(grid[(y0 + y) * side + x0 + x], want);
		}
}

static void
test_qr_svg_draws_symbol(void **state)
{
	struct fix *f = *state;
	unsigned char *grid;
	const char *s;
	int side, w, i;

	assert_int_equal(qr_svg(&f->h, URL, "回答用リンク"), 0);
	assert_int_equal(html_end(&f->h), 0);
	s = buf_cstr(&f->b);
	side = view_side(s);
	w = side - 8;
	/* Widths of QR versions: 21, 25, … 177. */
	assert_true(w >= 21 && w <= 177 && (w - 17) % 4 == 0);
	assert_true(side <= SIDE_MAX);

	grid = calloc((size_t)side * (size_t)side, 1);
	assert_non_null(grid);
	paint(s, side, grid);
	/* Quiet zone: 4 light modules on every side. */
	for (i = 0; i < side; i++) {
		int k;

		for (k = 0; k < 4; k++) {
			assert_int_equal(grid[k * side + i], 0);
			assert_int_equal(grid[(side - 1 - k) * side + i], 0);
			assert_int_equal(grid[i * side + k], 0);
			assert_int_equal(grid[i * side + side - 1 - k], 0);
		}
	}
	check_finder(grid, side, 4, 4);
	check_finder(grid, side, 4 + w - 7, 4);
	check_finder(grid, side, 4, 4 + w - 7);
	free(grid);
}

static void
test_qr_svg_short_text_version1(void **state)
{
	struct fix *f = *state;

	/* Five alphanumerics fit version 1 (21 modules) at level M. */
	assert_int_equal(qr_svg(&f->h, "HELLO", "t"), 0);
	assert_int_equal(view_side(buf_cstr(&f->b)), 21 + 8);
}

static void
test_qr_svg_attributes(void **state)
{
	struct fix *f = *state;
	const char *s;

	assert_int_equal(qr_svg(&f->h, URL, "回答用リンク"), 0);
	s = buf_cstr(&f->b);
	assert_true(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
	    39) == 0);
	assert_non_null(strstr(s, " role=\"img\""));
	assert_non_null(strstr(s, " aria-label=\"回答用リンク\""));
	assert_non_null(strstr(s, "<title>回答用リンク</title>"));
	assert_non_null(strstr(s, " shape-rendering=\"crispEdges\""));
	assert_non_null(strstr(s, "<path d=\"M"));
	/* One path, no style, ends closed. */
	assert_null(strstr(strstr(s, "<path") + 1, "<path"));
	assert_null(strstr(s, "style="));
	assert_int_equal(strcmp(s + strlen(s) - 6, "</svg>"), 0);
}

static void
test_qr_svg_escapes_title(void **state)
{
	struct fix *f = *state;
	const char *s;

	assert_int_equal(qr_svg(&f->h, URL,
	    "\"><script>alert(1)</script>"), 0);
	s = buf_cstr(&f->b);
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "&quot;&gt;&lt;script&gt;"));
}

static void
test_qr_svg_too_long_writes_nothing(void **state)
{
	struct fix *f = *state;
	char *big = malloc(8001);

	assert_non_null(big);
	memset(big, 'a', 8000);
	big[8000] = '\0';
	buf_adds(&f->b, "kept");
	assert_int_equal(qr_svg(&f->h, big, "t"), -1);
	assert_string_equal(buf_cstr(&f->b), "kept");
	assert_int_equal(html_mark(&f->h), 0);
	free(big);
}

static void
test_qr_svg_longest_fits(void **state)
{
	struct fix *f = *state;
	char *text = malloc(2332);

	/* 2331 bytes is the 8-bit capacity of version 40 at level M. */
	assert_non_null(text);
	memset(text, 'a', 2331);
	text[2331] = '\0';
	assert_int_equal(qr_svg(&f->h, text, "t"), 0);
	assert_int_equal(view_side(buf_cstr(&f->b)), 177 + 8);
	buf_reset(&f->b);
	text[2331] = 'a';
	text = realloc(text, 2333);
	assert_non_null(text);
	text[2332] = '\0';
	assert_int_equal(qr_svg(&f->h, text, "t"), -1);
	assert_int_equal(f->b.n, 0);
	free(text);
}

static void
test_qr_svg_null_or_empty(void **state)
{
	struct fix *f = *state;

	assert_int_equal(qr_svg(&f->h, NULL, "t"), -1);
	assert_int_equal(qr_svg(&f->h, "", "t"), -1);
	assert_int_equal(qr_svg(&f->h, URL, NULL), -1);
	assert_int_equal(f->b.n, 0);
}

static void
test_qr_svg_utf8_text(void **state)
{
	struct fix *f = *state;

	assert_int_equal(qr_svg(&f->h, "https://例え.jp/回答?id=1", "t"),
	    0);
	assert_non_null(strstr(buf_cstr(&f->b), "<path d=\"M"));
}

static void
test_qr_svg_deterministic(void **state)
{
	struct fix *f = *state;
	char *first;

	assert_int_equal(qr_svg(&f->h, URL, "t"), 0);
	first = strdup(buf_cstr(&f->b));
	assert_non_null(first);
	buf_reset(&f->b);
	assert_int_equal(qr_svg(&f->h, URL, "t"), 0);
	assert_string_equal(first, buf_cstr(&f->b));
	free(first);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_qr_svg_draws_symbol,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_qr_svg_short_text_version1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_attributes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_escapes_title,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_qr_svg_too_long_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_longest_fits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_null_or_empty,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_utf8_text,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_qr_svg_deterministic,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
