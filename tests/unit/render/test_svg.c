/*
 * Unit tests of render/svg.c: radar chart, answer bar and heat map.
 *
 * Two golden files hold the exact bytes of a fixed radar (part 1: five
 * Japanese axis labels, two series) and a fixed answer bar.  The tests run
 * from the repository root.  After a deliberate change in the drawing,
 * regenerate them with
 *	MAMORI_UPDATE_GOLDEN=1 build/asan/unit/render/test_svg
 * look at them (a browser shows an .svg), and commit them with the change.
 */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/buf.h"
#include "render/html.h"
#include "render/svg.h"

#define GOLDEN_RADAR	"tests/golden/radar_part1.svg"
#define GOLDEN_BAR	"tests/golden/answer_bar.svg"
#define XMLLINT		"/usr/bin/xmllint"
#define XSS		"\"><script>alert(1)</script>"

/* ---------------------------------------------------------------- */
/* Fixtures */

static const char *const part1_axes[] = {
	"OS・ソフトウェアの更新",
	"ウイルス対策ソフトの導入",
	"パスワードの強化",
	"共有設定の見直し",
	"脅威や攻撃の手口を知る",
};
static const double part1_own[] = { 3.2, 1.5, 2.4, -0.5, 0.8 };
static const double part1_ind[] = { 2.6, 3.1, 1.9, 1.2, 1.4 };

static const struct svg_series part1_series[] = {
	{ "自社（2024年10月）", part1_own, SVG_STYLE_OWN },
	{ "同業種平均", part1_ind, SVG_STYLE_ALT1 },
};

static const struct svg_radar part1 = {
	.id = "radar-part1",
	.title = "パート1 基本的対策：項目別の平均点",
	.axes = part1_axes,
	.naxes = 5,
	.min = -1,
	.max = 4,
	.rings = 5,
	.decimals = 1,
	.series = part1_series,
	.nseries = 2,
};

static const struct svg_bar bar1 = {
	.id = "bar-q3",
	.title = "設問3 パスワード：回答の分布",
	.labels = { "実施している", "一部実施している", "実施していない",
	    "わからない" },
	.counts = { 12, 5, 3, 2 },
	.legend = true,
};

/* Render with a fresh writer; the caller frees the result. */
static char *
render_radar(const struct svg_radar *sp)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init(&h, &b);
	svg_radar(&h, sp);
	assert_int_equal(html_end(&h), 0);
	assert_false(b.err);
	return buf_detach(&b);
}

static char *
render_bar(const struct svg_bar *sp)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init(&h, &b);
	svg_answer_bar(&h, sp);
	assert_int_equal(html_end(&h), 0);
	assert_false(b.err);
	return buf_detach(&b);
}

/* ---------------------------------------------------------------- */
/* Checks */

/* Compare s with a golden file, or rewrite the file when asked to. */
static void
check_golden(const char *path, const char *s)
{
	const char *upd = getenv("MAMORI_UPDATE_GOLDEN");
	struct buf b = BUF_INIT;
	char chunk[4096], *want;
	size_t n, i, got;
	FILE *fp;

	if (upd != NULL && strcmp(upd, "1") == 0) {
		fp = fopen(path, "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(s, 1, strlen(s), fp), strlen(s));
		assert_int_equal(fclose(fp), 0);
		return;
	}
	fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("%s: missing (run from the repository root; "
		    "MAMORI_UPDATE_GOLDEN=1 writes it)", path);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, got);
	fclose(fp);
	n = b.n;
	want = buf_detach(&b);
	if (want == NULL)
		fail_msg("%s: empty", path);
	if (n != strlen(s) || memcmp(want, s, n) != 0) {
		for (i = 0; i < n && s[i] != '\0' && want[i] == s[i]; i++)
			continue;
		fprintf(stderr, "%s: differs at byte %zu\n  want: %.60s\n"
		    "  got:  %.60s\n", path, i, want + i, s + i);
		free(want);
		fail_msg("%s: output differs from the golden file", path);
	}
	free(want);
}

/*
 * Well-formed: with xmllint when it is installed, else a small checker
 * of the subset the writer produces (elements, quoted attributes, text,
 * entities).  s must be one element with the SVG namespace.
 */
static void
check_xml(const char *s)
{
	const char *stack[64], *p = s, *q;
	size_t lens[64];
	int depth = 0;

	assert_true(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
	    39) == 0);
	if (access(XMLLINT, X_OK) == 0) {
		char path[] = "/tmp/mamori-svg-XXXXXX";
		char cmd[128];
		int fd = mkstemp(path);
		FILE *fp;

		assert_true(fd >= 0);
		fp = fdopen(fd, "wb");
		assert_non_null(fp);
		fputs(s, fp);
		assert_int_equal(fclose(fp), 0);
		snprintf(cmd, sizeof(cmd), XMLLINT " --noout %s", path);
		assert_int_equal(system(cmd), 0);
		unlink(path);
	}
	while (*p != '\0') {
		if (*p == '&') {
			q = strchr(p, ';');
			assert_non_null(q);
			assert_true(q - p <= 8);
			p = q + 1;
			continue;
		}
		if (*p == '>') {
			fail_msg("stray '>' at %.20s", p);
		}
		if (*p != '<') {
			p++;
			continue;
		}
		if (p[1] == '/') {
			q = strchr(p, '>');
			assert_non_null(q);
			assert_true(depth > 0);
			depth--;
			assert_int_equal((size_t)(q - p - 2), lens[depth]);
			assert_memory_equal(p + 2, stack[depth], lens[depth]);
			p = q + 1;
			continue;
		}
		q = p + 1;
		while (*q != ' ' && *q != '>' && *q != '/')
			q++;
		assert_true(depth < 64);
		stack[depth] = p + 1;
		lens[depth] = (size_t)(q - p - 1);
		/* Attributes: name="value" with no '<' or '"' inside. */
		while (*q == ' ') {
			q++;
			while (*q != '=' && *q != '\0')
				q++;
			assert_true(q[0] == '=' && q[1] == '"');
			q += 2;
			while (*q != '"' && *q != '\0') {
				assert_true(*q != '<');
				q++;
			}
			assert_true(*q == '"');
			q++;
		}
		if (q[0] == '/' && q[1] == '>') {
			p = q + 2;
			continue;
		}
		assert_true(*q == '>');
		depth++;
		p = q + 1;
	}
	assert_int_equal(depth, 0);
}

/* No inline style (CSP), no non-finite or exponent numbers, no "-0". */
static void
check_clean(const char *s)
{
	const char *p;

	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "<style"));
	assert_null(strstr(s, "nan"));
	assert_null(strstr(s, "NaN"));
	assert_null(strstr(s, "inf"));
	assert_null(strstr(s, "e-0"));
	assert_null(strstr(s, "e+0"));
	for (p = strstr(s, "-0"); p != NULL; p = strstr(p + 1, "-0"))
		assert_true(p[2] == '.');	/* "-0.5" fine, "-0" not */
	assert_null(strstr(s, "<script"));
}

/* Every x/y/cx/cy/x1/y1… value lies inside the viewBox. */
static void
check_inside(const char *s)
{
	static const char *const keys[] = {
		" x=\"", " y=\"", " cx=\"", " cy=\"", " x1=\"", " y1=\"",
		" x2=\"", " y2=\"",
	};
	double w, hgt, v;
	const char *p;
	size_t k;

	p = strstr(s, "viewBox=\"0 0 ");
	assert_non_null(p);
	assert_int_equal(sscanf(p + 13, "%lf %lf", &w, &hgt), 2);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		for (p = strstr(s, keys[k]); p != NULL;
		    p = strstr(p + 1, keys[k])) {
			v = strtod(p + strlen(keys[k]), NULL);
			assert_true(v >= 0);
			assert_true(v <= (k % 2 == 0 ? w : hgt));
		}
}

/* A copy of the value of the first attribute `name="` after `from`. */
static char *
attr_value(const char *from, const char *name)
{
	const char *p = strstr(from, name), *q;

	assert_non_null(p);
	p += strlen(name);
	q = strchr(p, '"');
	assert_non_null(q);
	return strndup(p, (size_t)(q - p));
}

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;
	const char *p;

	for (p = strstr(s, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---------------------------------------------------------------- */
/* Radar */

static void
test_svg_radar_golden(void **state)
{
	char *s = render_radar(&part1);

	check_golden(GOLDEN_RADAR, s);
	free(s);
}

static void
test_svg_radar_wellformed(void **state)
{
	char *s = render_radar(&part1);

	check_xml(s);
	check_clean(s);
	check_inside(s);
	free(s);
}

static void
test_svg_radar_accessible(void **state)
{
	char *s = render_radar(&part1);

	assert_non_null(strstr(s, " role=\"img\""));
	assert_non_null(strstr(s,
	    " aria-labelledby=\"radar-part1-title\""));
	assert_non_null(strstr(s, "<title id=\"radar-part1-title\">"
	    "パート1 基本的対策：項目別の平均点</title>"));
	assert_null(strstr(s, "aria-describedby"));
	assert_non_null(strstr(s, " width=\"100%\""));
	assert_null(strstr(s, " height=\"100%\""));
	/* Every label and the legend text are there as text. */
	assert_non_null(strstr(s, "パスワードの強化"));
	assert_non_null(strstr(s, ">自社（2024年10月）<"));
	assert_non_null(strstr(s, ">同業種平均<"));
	/* A point tells its series, axis and value. */
	assert_non_null(strstr(s,
	    "<title>自社（2024年10月）: 共有設定の見直し −0.5</title>"));
	free(s);
}

static void
test_svg_radar_styles_differ_without_colour(void **state)
{
	char *s = render_radar(&part1);

	/* Own: filled, solid, circles; the other: dashed, squares. */
	assert_non_null(strstr(s, "fill-opacity=\"0.15\""));
	assert_non_null(strstr(s, "stroke-dasharray=\"7 4\""));
	assert_int_equal(count(s, "<circle"), 5 + 1);	/* + legend */
	assert_int_equal(count(s, "<rect x="), 5 + 1 + 1); /* + swatch */
	free(s);
}

static void
test_svg_radar_deterministic(void **state)
{
	char *a = render_radar(&part1), *b = render_radar(&part1);

	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
test_svg_radar_locale_free(void **state)
{
	static const char *const decimal_comma[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	};
	char *c = render_radar(&part1), *other;
	size_t i;

	for (i = 0; i < sizeof(decimal_comma) / sizeof(decimal_comma[0]);
	    i++)
		if (setlocale(LC_ALL, decimal_comma[i]) != NULL)
			break;
	if (i == sizeof(decimal_comma) / sizeof(decimal_comma[0])) {
		free(c);
		skip();		/* no such locale generated here */
	}
	other = render_radar(&part1);
	setlocale(LC_ALL, "C");
	assert_string_equal(c, other);
	free(c);
	free(other);
}

static void
test_svg_radar_ring_values_once(void **state)
{
	char *s = render_radar(&part1), *g, *end;

	g = strstr(s, "<g class=\"scale\"");
	assert_non_null(g);
	end = strstr(g, "</g>");
	assert_non_null(end);
	*end = '\0';
	/* −1 0 1 2 3 4, each once, the minus as U+2212. */
	assert_non_null(strstr(g, ">−1</text>"));
	assert_non_null(strstr(g, ">0</text>"));
	assert_non_null(strstr(g, ">4</text>"));
	assert_int_equal(count(g, "<text"), 6);
	free(s);
}

static void
test_svg_radar_nan_breaks_line(void **state)
{
	static const double v[] = { 3, NAN, 2, 1, 2.5 };
	static const struct svg_series se[] = {
		{ "自社", v, SVG_STYLE_OWN },
	};
	struct svg_radar sp = part1;
	char *s, *d;

	sp.series = se;
	sp.nseries = 1;
	sp.nodata = "線の切れ目はデータなし";
	s = render_radar(&sp);
	check_xml(s);
	check_clean(s);
	/* Four points drawn, no area, one open run 2→3→4→0. */
	assert_int_equal(count(s, "<circle"), 4 + 1);
	assert_null(strstr(s, "fill-opacity=\"0.15\" stroke"));
	d = attr_value(strstr(s, "<g class=\"series\">"), " d=\"");
	assert_int_equal(count(d, "M"), 1);
	assert_int_equal(count(d, "L"), 3);
	assert_null(strchr(d, 'Z'));
	free(d);
	assert_non_null(strstr(s, ">線の切れ目はデータなし</text>"));
	free(s);
}

static void
test_svg_radar_all_nan_no_path(void **state)
{
	static const double v[] = { NAN, NAN, NAN, INFINITY, -INFINITY };
	static const struct svg_series se[] = {
		{ "空", v, SVG_STYLE_ALT2 },
	};
	struct svg_radar sp = part1;
	char *s;

	sp.series = se;
	sp.nseries = 1;
	s = render_radar(&sp);
	check_xml(s);
	check_clean(s);
	assert_int_equal(count(s, "<path d=\"M"), 1);	/* the grid */
	assert_int_equal(count(s, "<polygon points"), 5 + 1); /* legend */
	free(s);
}

static void
test_svg_radar_clamps_out_of_range(void **state)
{
	static const double v[] = { 99, -99, 4, -1, 1e300 };
	static const struct svg_series se[] = {
		{ "範囲外", v, SVG_STYLE_OWN },
	};
	struct svg_radar sp = part1;
	char *s;

	sp.series = se;
	sp.nseries = 1;
	s = render_radar(&sp);
	check_clean(s);
	check_inside(s);
	/* The tooltip keeps the real value. */
	assert_non_null(strstr(s, ": OS・ソフトウェアの更新 99.0</title>"));
	free(s);
}

static void
test_svg_radar_escapes_text(void **state)
{
	static const char *const axes[] = { XSS, "b<c", "d&e" };
	static const double v[] = { 1, 2, 3 };
	const struct svg_series se[] = { { XSS, v, SVG_STYLE_OWN } };
	struct svg_radar sp = {
		.id = "x", .title = XSS, .desc = "<desc>", .axes = axes,
		.naxes = 3, .min = 0, .max = 4, .rings = 4, .decimals = 0,
		.series = se, .nseries = 1,
	};
	char *s = render_radar(&sp);

	check_xml(s);
	check_clean(s);
	assert_non_null(strstr(s, "&lt;script&gt;"));
	assert_non_null(strstr(s, "b&lt;c"));
	assert_non_null(strstr(s, "d&amp;e"));
	assert_non_null(strstr(s, " aria-describedby=\"x-desc\""));
	assert_non_null(strstr(s, "<desc id=\"x-desc\">&lt;desc&gt;</desc>"));
	free(s);
}

static void
test_svg_radar_many_long_labels_fit(void **state)
{
	static const char *const axes[] = {
		"情報セキュリティ対策の基本方針",
		"Keep OS and software up to date on every computer",
		"パスワードを長く複雑にする",
		"（括弧）で始まるラベル", "ー長音で始まる", "short",
		"Extraordinarilylongwordwithoutanyspaces", "共有設定",
		"無線LANのセキュリティ設定を見直す", "脅威・攻撃の手口",
		"情報の持ち出し時の保護", "オフィスの施錠",
	};
	double v[12];
	const struct svg_series se[] = {
		{ "ひとつめのとても長い系列の名前で凡例に入りきらないもの",
		    v, SVG_STYLE_OWN },
		{ "b", v, SVG_STYLE_ALT1 }, { "c", v, SVG_STYLE_ALT2 },
		{ "d", v, SVG_STYLE_ALT3 }, { "e", v, SVG_STYLE_ALT4 },
		{ "f", v, SVG_STYLE_ALT5 }, { "g", v, SVG_STYLE_ALT6 },
		{ "h", v, SVG_STYLE_ALT7 },
	};
	struct svg_radar sp = {
		.id = "r12", .title = "t", .axes = axes, .naxes = 12,
		.min = 0, .max = 100, .rings = 4, .decimals = 0,
		.series = se, .nseries = 8,
	};
	size_t i;
	char *s;

	for (i = 0; i < 12; i++)
		v[i] = (double)(i * 9);
	s = render_radar(&sp);
	check_xml(s);
	check_clean(s);
	check_inside(s);
	/* All eight styles' dashes appear. */
	assert_non_null(strstr(s, "stroke-dasharray=\"10 3 10 3 2 3\""));
	free(s);
}

static void
test_svg_radar_max_axes(void **state)
{
	const char *axes[SVG_AXES_MAX];
	static const char *const names[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
		"12", "13", "14", "15", "16", "17", "18", "19", "20", "21",
		"22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
		"32",
	};
	double v[SVG_AXES_MAX];
	const struct svg_series se[] = { { "x", v, SVG_STYLE_OWN } };
	struct svg_radar sp = {
		.id = "r32", .title = "t", .axes = axes,
		.naxes = SVG_AXES_MAX, .min = -1, .max = 4,
		.rings = SVG_RINGS_MAX, .decimals = 2, .series = se,
		.nseries = 1,
	};
	size_t i;
	char *s;

	for (i = 0; i < SVG_AXES_MAX; i++) {
		axes[i] = names[i];
		v[i] = -1 + 5.0 * (double)i / (SVG_AXES_MAX - 1);
	}
	s = render_radar(&sp);
	check_xml(s);
	check_clean(s);
	check_inside(s);
	/* Ring values: 0.5 steps, trailing zeros dropped. */
	assert_non_null(strstr(s, ">1.5</text>"));
	assert_non_null(strstr(s, ">−0.5</text>"));
	free(s);
}

static void
test_svg_radar_empty_label(void **state)
{
	static const char *const axes[] = { "", "  ", "a" };
	static const double v[] = { 1, 2, 3 };
	const struct svg_series se[] = { { "", v, SVG_STYLE_ALT6 } };
	struct svg_radar sp = {
		.id = "e", .title = "", .axes = axes, .naxes = 3,
		.min = 0, .max = 3, .rings = 3, .decimals = 0,
		.series = se, .nseries = 1,
	};
	char *s = render_radar(&sp);

	check_xml(s);
	check_clean(s);
	free(s);
}

/* ---------------------------------------------------------------- */
/* Answer bar */

static void
test_svg_answer_bar_golden(void **state)
{
	char *s = render_bar(&bar1);

	check_golden(GOLDEN_BAR, s);
	free(s);
}

static void
test_svg_answer_bar_wellformed(void **state)
{
	char *s = render_bar(&bar1);

	check_xml(s);
	check_clean(s);
	check_inside(s);
	free(s);
}

static void
test_svg_answer_bar_segments(void **state)
{
	char *s = render_bar(&bar1);

	/* A tooltip per segment: label, count, share. */
	assert_non_null(strstr(s, "<title>実施している: 12 (55%)</title>"));
	assert_non_null(strstr(s,
	    "<title>一部実施している: 5 (23%)</title>"));
	assert_non_null(strstr(s, "<title>実施していない: 3 (14%)</title>"));
	assert_non_null(strstr(s, "<title>わからない: 2 (9%)</title>"));
	/* Hatching for "no" and "don't know", from this chart's defs. */
	assert_non_null(strstr(s, "<pattern id=\"bar-q3-no\""));
	assert_non_null(strstr(s, "<pattern id=\"bar-q3-unknown\""));
	assert_non_null(strstr(s, "fill=\"url(#bar-q3-no)\""));
	assert_non_null(strstr(s, "fill=\"url(#bar-q3-unknown)\""));
	/* Counts as text, and the legend. */
	assert_non_null(strstr(s, ">12</text>"));
	assert_non_null(strstr(s, ">わからない</text>"));
	assert_non_null(strstr(s, " aria-describedby=\"bar-q3-desc\""));
	free(s);
}

static void
test_svg_answer_bar_narrow_segment_unlabelled(void **state)
{
	struct svg_bar sp = bar1;
	char *s;

	sp.counts[0] = 200;
	sp.counts[1] = 1;
	sp.counts[2] = 0;
	sp.counts[3] = 0;
	sp.legend = false;
	s = render_bar(&sp);
	check_xml(s);
	check_clean(s);
	assert_non_null(strstr(s, ">200</text>"));
	assert_null(strstr(s, ">1</text>"));
	assert_non_null(strstr(s, "<title>一部実施している: 1 (0%)</title>"));
	/* Zero counts draw no segment. */
	assert_null(strstr(s, "<title>実施していない"));
	assert_null(strstr(s, "class=\"legend\""));
	free(s);
}

static void
test_svg_answer_bar_empty(void **state)
{
	struct svg_bar sp = bar1;
	char *s;

	memset(sp.counts, 0, sizeof(sp.counts));
	sp.counts[1] = -5;	/* counts as 0 */
	s = render_bar(&sp);
	check_xml(s);
	check_clean(s);
	check_inside(s);
	assert_non_null(strstr(s, "fill=\"none\""));
	assert_null(strstr(s, "%)"));
	assert_non_null(strstr(s, "一部実施している: 0"));
	free(s);
}

static void
test_svg_answer_bar_escapes(void **state)
{
	struct svg_bar sp = bar1;
	char *s;

	sp.title = XSS;
	sp.labels[2] = XSS;
	s = render_bar(&sp);
	check_xml(s);
	check_clean(s);
	free(s);
}

/* ---------------------------------------------------------------- */
/* Heat map */

static struct svg_heat
heat1(void)
{
	static const char *const lv[] = { "3", "2", "1" };
	struct svg_heat sp;
	int i, j;

	memset(&sp, 0, sizeof(sp));
	sp.id = "heat";
	sp.title = "リスクの分布";
	sp.desc = "重要度3・起きやすさ3（高）：2件";
	sp.row_title = "重要度";
	sp.col_title = "被害の起きやすさ";
	sp.bands[0] = "低";
	sp.bands[1] = "中";
	sp.bands[2] = "高";
	for (i = 0; i < SVG_HEAT_N; i++) {
		sp.rows[i] = lv[i];
		sp.cols[i] = lv[SVG_HEAT_N - 1 - i];
		for (j = 0; j < SVG_HEAT_N; j++) {
			int v = (3 - i) * (j + 1);

			sp.band[i][j] = v >= 6 ? 2 : v >= 3 ? 1 : 0;
			sp.counts[i][j] = i * 10 + j;
		}
	}
	sp.tips[0][2] = "重要度3・起きやすさ3（高）：2件";
	return sp;
}

static char *
render_heat(const struct svg_heat *sp)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init(&h, &b);
	svg_heat(&h, sp);
	assert_int_equal(html_end(&h), 0);
	assert_false(b.err);
	return buf_detach(&b);
}

static void
test_svg_heat_cells_and_labels(void **state)
{
	struct svg_heat sp = heat1();
	char *s = render_heat(&sp);
	char want[64];
	const char *p;
	int i, j, n;

	check_xml(s);
	check_clean(s);
	check_inside(s);
	assert_non_null(strstr(s, " role=\"img\""));
	assert_non_null(strstr(s, " aria-labelledby=\"heat-title\""));
	assert_non_null(strstr(s, "<title id=\"heat-title\">リスクの分布"));
	assert_non_null(strstr(s, " aria-describedby=\"heat-desc\""));
	/* every count as text, in the order of the cells */
	p = s;
	for (i = 0; i < SVG_HEAT_N; i++)
		for (j = 0; j < SVG_HEAT_N; j++) {
			snprintf(want, sizeof(want), ">%d</text>", i * 10 + j);
			p = strstr(p, want);
			assert_non_null(p);
		}
	/* the band in words in each cell (9) and in the legend (3) */
	for (n = 0, p = s; (p = strstr(p, ">高</text>")) != NULL; p++)
		n++;
	assert_int_equal(n, 3 + 1);
	for (n = 0, p = s; (p = strstr(p, ">低</text>")) != NULL; p++)
		n++;
	assert_int_equal(n, 3 + 1);
	assert_non_null(strstr(s, "<title>重要度3・起きやすさ3（高）：2件</title>"));
	assert_non_null(strstr(s, ">被害の起きやすさ</text>"));
	assert_non_null(strstr(s, ">重要度</text>"));
	free(s);
}

static void
test_svg_heat_zero_and_negative(void **state)
{
	struct svg_heat sp = heat1();
	char *s;

	memset(sp.counts, 0, sizeof(sp.counts));
	sp.counts[1][1] = -4;	/* counts as 0 */
	sp.desc = NULL;
	s = render_heat(&sp);
	check_xml(s);
	check_clean(s);
	assert_null(strstr(s, ">-4<"));
	assert_null(strstr(s, "aria-describedby"));
	free(s);
}

static void
test_svg_heat_escapes(void **state)
{
	struct svg_heat sp = heat1();
	char *s;

	sp.title = XSS;
	sp.rows[1] = XSS;
	sp.bands[2] = XSS;
	sp.tips[2][2] = XSS;
	s = render_heat(&sp);
	check_xml(s);
	check_clean(s);
	free(s);
}

/* A word per cell stands in place of the band's name; NULL keeps it. */
static void
test_svg_heat_cell_labels(void **state)
{
	struct svg_heat sp = heat1();
	char *s, *p;
	int n = 0;

	sp.labels[0][2] = "優先度S";
	sp.labels[1][1] = "優先度B";
	s = render_heat(&sp);
	check_xml(s);
	check_clean(s);
	assert_non_null(strstr(s, ">優先度S<"));
	assert_non_null(strstr(s, ">優先度B<"));
	/* "高" stays under the other red cells and in the legend, not under
	 * the one labelled S: 3 red cells in heat1, one relabelled */
	for (p = s; (p = strstr(p, ">高<")) != NULL; p++)
		n++;
	assert_int_equal(n, 2 + 1);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg_radar_golden),
		cmocka_unit_test(test_svg_radar_wellformed),
		cmocka_unit_test(test_svg_radar_accessible),
		cmocka_unit_test(test_svg_radar_styles_differ_without_colour),
		cmocka_unit_test(test_svg_radar_deterministic),
		cmocka_unit_test(test_svg_radar_locale_free),
		cmocka_unit_test(test_svg_radar_ring_values_once),
		cmocka_unit_test(test_svg_radar_nan_breaks_line),
		cmocka_unit_test(test_svg_radar_all_nan_no_path),
		cmocka_unit_test(test_svg_radar_clamps_out_of_range),
		cmocka_unit_test(test_svg_radar_escapes_text),
		cmocka_unit_test(test_svg_radar_many_long_labels_fit),
		cmocka_unit_test(test_svg_radar_max_axes),
		cmocka_unit_test(test_svg_radar_empty_label),
		cmocka_unit_test(test_svg_answer_bar_golden),
		cmocka_unit_test(test_svg_answer_bar_wellformed),
		cmocka_unit_test(test_svg_answer_bar_segments),
		cmocka_unit_test(
		    test_svg_answer_bar_narrow_segment_unlabelled),
		cmocka_unit_test(test_svg_answer_bar_empty),
		cmocka_unit_test(test_svg_answer_bar_escapes),
		cmocka_unit_test(test_svg_heat_cells_and_labels),
		cmocka_unit_test(test_svg_heat_zero_and_negative),
		cmocka_unit_test(test_svg_heat_escapes),
		cmocka_unit_test(test_svg_heat_cell_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
