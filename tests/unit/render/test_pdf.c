/*
 * Unit tests of render/pdf.c.  The PDF is read back the way a reader
 * meets it: pdftotext and pdfinfo (poppler-utils) turn it into text, and
 * the tests look for what the pages must show — titles, figures, the table
 * header on every page the table spans, the "n / N" footers — and for what
 * they must not (blocks and columns meant for the workbook only).
 *
 * The missing-font case runs this program again in a child whose
 * FONTCONFIG_FILE names a configuration without any font directory, set
 * before fontconfig is first used there (fontconfig reads it once per
 * process, so it cannot be changed in this one).
 *
 * MAMORI_PDF_SAMPLE=file writes the sample document's PDF to file, to look
 * at it.  The tests run from the repository root.
 */
#include <locale.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "render/doc.h"
#include "render/html.h"
#include "render/pdf.h"
#include "render/svg.h"

#define CHILD_ENV	"MAMORI_TEST_PDF_FONTLESS"
#define TITLE		"情報セキュリティ自社診断"
#define FOOTER		"株式会社みやこ製作所 — 社外秘"
#define TABLE_HEAD	"回答の分布"
#define TABLE_ROWS	60
#define THREADS		4

/* ---------------------------------------------------------------- */
/* The sample document */

static const char *const radar_axes[] = {
	"OS・ソフトウェアの更新",
	"ウイルス対策ソフトの導入",
	"パスワードの強化",
	"共有設定の見直し",
	"脅威や攻撃の手口を知る",
};
static const double radar_own[] = { 3.2, 1.5, 2.4, 0.5, 0.8 };
static const double radar_ind[] = { 2.6, 3.1, 1.9, 1.2, 1.4 };
static const struct svg_series radar_series[] = {
	{ "自社（2024年10月）", radar_own, SVG_STYLE_OWN },
	{ "同業種平均", radar_ind, SVG_STYLE_ALT1 },
};
static const struct svg_radar radar = {
	.id = "radar-part1",
	.title = "パート1 基本的対策：項目別の平均点",
	.axes = radar_axes,
	.naxes = 5,
	.min = 0,
	.max = 4,
	.rings = 4,
	.decimals = 1,
	.series = radar_series,
	.nseries = 2,
};

static const char *const questions[] = {
	"パスワードを推測されにくいものにしている",
	"OS やソフトウェアを常に最新の状態にしている",
	"ウイルス対策ソフトを導入し、定義ファイルを自動更新している",
	"重要情報は鍵のかかる場所に保管している",
	"不審なメールの添付ファイルや URL を開かないよう教育している",
};

/* The radar chart's bytes; the caller frees them. */
static char *
radar_svg(size_t *len)
{
	struct buf b = BUF_INIT;
	struct html h;

	html_init(&h, &b);
	svg_radar(&h, &radar);
	assert_int_equal(html_end(&h), 0);
	*len = b.n;
	return buf_detach(&b);
}

static void
fig(struct doc *d, struct doc_fig *f, const char *label, const char *value,
    double num, enum doc_tone tone)
{
	doc_set_fig(d, f, label, value, true, num, 1);
	f->tone = tone;
}

/*
 * Every block kind: a cover, a section of text, figures, a chart and
 * lists, a section with a 60-row table of bars that spans pages, a page
 * break, and a section that shares its page.  Blocks and a column marked
 * for the workbook carry the marker "XLSXONLY", which must not appear.
 */
static void
sample(struct doc *d, struct arena *a)
{
	static const enum doc_tone tones[] = { DOC_TONE_GOOD, DOC_TONE_WARN,
	    DOC_TONE_BAD };
	static const char *const marks[] = { "○", "△", "×" };
	struct doc_section *s;
	struct doc_block *b;
	struct doc_table *t;
	char *svg;
	size_t len, r;
	int counts[DOC_BAR_MAX];

	doc_init(d, a, "ja", TITLE);
	d->subtitle = doc_str(d, "2024年度 第2回 診断結果報告書");
	d->footer = doc_str(d, FOOTER);
	d->author = doc_str(d, "mamori テスト");
	doc_cover(d, 4);
	doc_set_fig(d, &d->cover[0], "会社名", "株式会社みやこ製作所", false,
	    0, 0);
	doc_set_fig(d, &d->cover[1], "実施期間",
	    "2024年10月1日〜10月31日", false, 0, 0);
	doc_set_fig(d, &d->cover[2], "回答者", "18名（回答率 90%）", false,
	    0, 0);
	doc_set_fig(d, &d->cover[3], "作成日", "2024年11月5日", false, 0, 0);

	s = doc_section(d, "1. 診断結果の概要", "概要", true);
	doc_heading(d, s, 1, "総合評価");
	doc_text(d, s, "今回の診断では、基本的対策の実施状況は前回より改善"
	    "しましたが、従業員への教育と共有設定の見直しに課題が残ってい"
	    "ます。特に、取引先から受け取るファイルの扱いについては、社内"
	    "のルールを文書にまとめ、全員が同じ手順で確認できるようにする"
	    "ことをおすすめします。\n改行のあとの行。English words such as "
	    "password manager and two-factor authentication wrap too.");
	b = doc_figures(d, s, 5);
	fig(d, &b->figs[0], "総合点", "62.4 点", 62.4, DOC_TONE_GOOD);
	fig(d, &b->figs[1], "前回比", "+4.1 点", 4.1, DOC_TONE_MARK);
	fig(d, &b->figs[2], "回答率", "90 %", 90, DOC_TONE_NONE);
	fig(d, &b->figs[3], "要対策の項目", "5 件", 5, DOC_TONE_BAD);
	fig(d, &b->figs[4], "同業種平均", "58.0 点", 58, DOC_TONE_WARN);
	doc_heading(d, s, 2, "パート別の平均点");
	svg = radar_svg(&len);
	doc_svg(d, s, svg, len, 0.8, "パート別の平均点のレーダーチャート");
	free(svg);
	doc_note(d, s, "※ 点数は「実施している」を4点、「一部実施している」"
	    "を2点、「実施していない」「わからない」を0点として平均したもの"
	    "です。");
	b = doc_text(d, s, "XLSXONLY block");
	b->only = DOC_ONLY_XLSX;
	doc_heading(d, s, 3, "優先して取り組むこと");
	b = doc_list(d, s, 3, true);
	b->items[0] = doc_str(d, "パスワードの使い回しをやめる");
	b->items[1] = doc_str(d, "共有フォルダのアクセス権を部署ごとに見直"
	    "し、退職者のアカウントを速やかに削除する手順を決めて、年に一度"
	    "は棚卸しを行う");
	b->items[2] = doc_str(d, "不審なメールの見分け方を全員で学ぶ");
	b = doc_list(d, s, 2, false);
	b->items[0] = doc_str(d, "バックアップを週に一度取る");
	b->items[1] = doc_str(d, "ルーターの管理画面のパスワードを変える");

	s = doc_section(d, "2. 設問別の結果", "設問別", true);
	doc_text(d, s, "設問ごとの回答の分布と平均点です。");
	b = doc_table(d, s, 6, TABLE_ROWS);
	t = &b->tab;
	doc_col(d, t, 0, "No.", 3, DOC_RIGHT);
	doc_col(d, t, 1, "設問", 17, DOC_LEFT);
	doc_col(d, t, 2, TABLE_HEAD, 15, DOC_LEFT);
	t->col[2].only = DOC_ONLY_PDF;
	doc_col(d, t, 3, "平均点", 4.5, DOC_RIGHT);
	doc_col(d, t, 4, "判定", 3.5, DOC_CENTER);
	doc_col(d, t, 5, "XLSXONLY column", 6, DOC_RIGHT);
	t->col[5].only = DOC_ONLY_XLSX;
	for (r = 0; r < TABLE_ROWS; r++) {
		doc_set_num(t, r, 0, (double)(r + 1), 0);
		doc_set_text(d, t, r, 1, questions[r % 5]);
		counts[0] = (int)(r * 7 % 13);
		counts[1] = (int)(r % 5);
		counts[2] = (int)(r * 3 % 7);
		counts[3] = (int)(r % 3);
		if (r == 0) {	/* a count that appears nowhere else */
			counts[0] = 73;
			counts[1] = 9;
		}
		if (r == 1)	/* no answers: an empty outline */
			counts[0] = counts[1] = counts[2] = counts[3] = 0;
		doc_set_bar(t, r, 2, counts, DOC_BAR_MAX);
		doc_set_num(t, r, 3, 1.0 + 0.05 * (double)r, 2);
		doc_set_text(d, t, r, 4, marks[r % 3]);
		doc_cell(t, r, 4)->tone = tones[r % 3];
		doc_set_num(t, r, 5, 12345, 0);
	}
	doc_cell(t, 4, 1)->tone = DOC_TONE_MARK;
	doc_pagebreak(d, s);
	doc_pagebreak(d, s);	/* a second one adds no blank page */
	doc_heading(d, s, 1, "付録");
	doc_text(d, s, "APPENDIX-PAGE 付録のページです。");

	s = doc_section(d, "3. 参考情報", NULL, false);
	doc_text(d, s, "SHARED-PAGE 前の節と同じページに続きます。");
}

/* ---------------------------------------------------------------- */
/* Reading a PDF back */

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0, k = strlen(needle);

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += k;
	}
	return n;
}

/* b's bytes in a new temporary file; the caller unlinks path. */
static void
write_tmp(const struct buf *b, char path[64])
{
	FILE *fp;
	int fd;

	snprintf(path, 64, "/tmp/mamori-test-pdf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b->p, 1, b->n, fp), b->n);
	assert_int_equal(fclose(fp), 0);
}

/* What cmd prints; the caller frees it.  Fails unless cmd exits 0. */
static char *
run(const char *cmd)
{
	struct buf out = BUF_INIT;
	char chunk[4096];
	size_t got;
	FILE *p;

	p = popen(cmd, "r");
	assert_non_null(p);
	while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(&out, chunk, got);
	if (pclose(p) != 0)
		fail_msg("%s: failed", cmd);
	return buf_detach(&out);
}

/* `tool [args] FILE -` on a PDF in b; the caller frees the text. */
static char *
poppler(const char *tool, const struct buf *b)
{
	char path[64], cmd[256];
	char *s;

	write_tmp(b, path);
	snprintf(cmd, sizeof(cmd), "%s '%s' %s 2>/dev/null", tool, path,
	    strncmp(tool, "pdftotext", 9) == 0 ? "-" : "");
	s = run(cmd);
	unlink(path);
	return s;
}

/* Page i (from 0) of pdftotext's output, whose pages end with '\f';
 * the caller frees it, NULL past the last page. */
static char *
page_text(const char *text, size_t i)
{
	const char *p = text, *end;

	while (i-- > 0) {
		if ((p = strchr(p, '\f')) == NULL)
			return NULL;
		p++;
	}
	if ((end = strchr(p, '\f')) == NULL)
		return NULL;
	return strndup(p, (size_t)(end - p));
}

/* pdfinfo's line "<key>:   <value>" must be there with that value. */
static void
check_info(const char *info, const char *key, const char *value)
{
	const char *p = info;
	size_t k = strlen(key), v = strlen(value);

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (strncmp(p, key, k) != 0 || p[k] != ':')
			continue;
		for (p += k + 1; *p == ' '; p++)
			continue;
		if (strncmp(p, value, v) != 0 || p[v] != '\n')
			fail_msg("pdfinfo %s: %.60s, not %s", key, p, value);
		return;
	}
	fail_msg("pdfinfo: no %s", key);
}

/* The sample rendered; the caller frees the buffer. */
static void
render_sample(struct buf *out)
{
	struct arena a;
	struct doc d;
	char err[256] = "";
	const char *keep = getenv("MAMORI_PDF_SAMPLE");
	FILE *fp;

	arena_init(&a);
	sample(&d, &a);
	if (pdf_render(&d, out, err, sizeof(err)) != PDF_OK)
		fail_msg("pdf_render: %s", err);
	arena_free(&a);
	if (keep != NULL && (fp = fopen(keep, "wb")) != NULL) {
		fwrite(out->p, 1, out->n, fp);
		fclose(fp);
	}
}

/* ---------------------------------------------------------------- */
/* Tests */

static void
test_pdf_fonts_check_installed(void **state)
{
	char err[256] = "unchanged";

	/* scripts/deps.sh installs fonts-ipaexfont-gothic */
	if (pdf_fonts_check(err, sizeof(err)) != PDF_OK)
		fail_msg("%s", err);
}

static void
test_pdf_render_sample_text(void **state)
{
	struct buf out = BUF_INIT;
	char *text, *raw, *pg, want[128];
	size_t npages, i, with_head = 0;

	render_sample(&out);
	assert_true(out.n > 1000);
	assert_memory_equal(out.p, "%PDF-", 5);
	assert_non_null(strstr(out.p + out.n - 8, "%%EOF"));

	text = poppler("pdftotext -layout", &out);
	npages = count(text, "\f");
	/* title block and overview (2 pages), the table (2+), appendix */
	assert_true(npages >= 4);

	assert_non_null(strstr(text, TITLE));
	assert_non_null(strstr(text, "2024年度 第2回 診断結果報告書"));
	assert_non_null(strstr(text, "株式会社みやこ製作所"));
	assert_non_null(strstr(text, "1. 診断結果の概要"));
	assert_non_null(strstr(text, "総合評価"));
	assert_non_null(strstr(text, "パート別の平均点"));
	assert_non_null(strstr(text, "優先して取り組むこと"));
	assert_non_null(strstr(text, "改行のあとの行。"));
	/* figures: value and label */
	assert_non_null(strstr(text, "総合点"));
	assert_non_null(strstr(text, "62.4 点"));
	assert_non_null(strstr(text, "要対策の項目"));
	assert_non_null(strstr(text, "58.0 点"));
	/* the chart's text is text too */
	assert_non_null(strstr(text, "自社（2024年10月）"));
	/* lists */
	assert_non_null(strstr(text, "パスワードの使い回しをやめる"));
	assert_non_null(strstr(text, "3."));
	assert_non_null(strstr(text, "•"));
	/* the table: numbers with their decimals, a bar's count */
	assert_non_null(strstr(text, "2.75"));
	assert_non_null(strstr(text, "1.00"));
	assert_non_null(strstr(text, "73"));
	assert_non_null(strstr(text, "×"));
	/* workbook-only blocks and columns are left out */
	assert_null(strstr(text, "XLSXONLY"));
	assert_null(strstr(text, "12345"));

	/* the header repeats on each page of the table, and each page
	 * with table rows starts them under a header */
	assert_true(count(text, TABLE_HEAD) >= 2);
	for (i = 0; (pg = page_text(text, i)) != NULL; i++) {
		/* rows are never split: a question of two lines has both
		 * lines on the same page */
		assert_int_equal(count(pg, "ウイルス対策ソフトを導"),
		    count(pg, "更新している"));
		if (strstr(pg, questions[0]) != NULL) {
			assert_non_null(strstr(pg, TABLE_HEAD));
			with_head++;
		}
		free(pg);
	}
	assert_true(with_head >= 2);

	/* the title block shares page 1 with the first section: no page
	 * of whitespace before the report starts */
	pg = page_text(text, 0);
	assert_non_null(strstr(pg, TITLE));
	assert_non_null(strstr(pg, "作成日"));
	assert_non_null(strstr(pg, "1. 診断結果の概要"));
	assert_non_null(strstr(pg, "62.4 点"));
	free(pg);

	/* footers: "n / N" on every page.  In this check the text comes
	 * in drawing order (-raw), as -layout drops the narrow spaces
	 * around the slash. */
	raw = poppler("pdftotext -raw", &out);
	assert_int_equal(count(raw, "\f"), npages);
	for (i = 0; i < npages; i++) {
		pg = page_text(raw, i);
		snprintf(want, sizeof(want), "%s %zu / %zu\n", FOOTER, i + 1,
		    npages);
		if (strstr(pg, want) == NULL)
			fail_msg("page %zu: no footer \"%s\"", i + 1, want);
		free(pg);
	}
	free(raw);

	/* page breaks: the appendix alone on its page; a section without
	 * new_page follows on the same page */
	pg = page_text(text, npages - 1);
	assert_non_null(strstr(pg, "APPENDIX-PAGE"));
	assert_non_null(strstr(pg, "SHARED-PAGE"));
	assert_null(strstr(pg, questions[0]));
	free(pg);
	pg = page_text(text, npages - 2);
	assert_non_null(strstr(pg, TABLE_HEAD));	/* no blank page */
	free(pg);

	free(text);
	buf_free(&out);
}

static void
test_pdf_render_metadata_and_fonts(void **state)
{
	struct buf out = BUF_INIT;
	char *info, *fonts;

	render_sample(&out);
	info = poppler("pdfinfo", &out);
	check_info(info, "Title", TITLE);
	check_info(info, "Author", "mamori テスト");
	check_info(info, "Creator", "mamori");
	check_info(info, "Page size", "595.276 x 841.89 pts (A4)");
	fonts = poppler("pdffonts", &out);
	/* the Japanese text is set in IPAexGothic, embedded; no other
	 * family stood in for it */
	assert_non_null(strstr(fonts, "+IPAexGothic"));
	assert_null(strstr(fonts, "DejaVu"));
	assert_null(strstr(fonts, " no  "));	/* every font embedded */
	free(info);
	free(fonts);
	buf_free(&out);
}

static void
test_pdf_render_appends(void **state)
{
	struct buf out = BUF_INIT;

	buf_adds(&out, "before");
	render_sample(&out);
	assert_memory_equal(out.p, "before%PDF-", 11);
	buf_free(&out);
}

static void
test_pdf_render_locale_free(void **state)
{
	static const char *const decimal_comma[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	};
	struct buf out = BUF_INIT;
	char *text;
	size_t i;

	for (i = 0; i < sizeof(decimal_comma) / sizeof(decimal_comma[0]);
	    i++)
		if (setlocale(LC_ALL, decimal_comma[i]) != NULL)
			break;
	if (i == sizeof(decimal_comma) / sizeof(decimal_comma[0]))
		skip();		/* no such locale generated here */
	render_sample(&out);
	setlocale(LC_ALL, "C");
	text = poppler("pdftotext -layout", &out);
	assert_non_null(strstr(text, "2.75"));
	assert_null(strstr(text, "2,75"));
	free(text);
	buf_free(&out);
}

/* A document whose only content is one chart. */
static int
render_chart(const char *svg, struct buf *out, char *err, size_t errlen)
{
	struct arena a;
	struct doc d;
	struct doc_section *s;
	int rc;

	arena_init(&a);
	doc_init(&d, &a, "ja", "chart");
	s = doc_section(&d, "グラフ", NULL, true);
	doc_text(&d, s, "before the chart");
	doc_svg(&d, s, svg, strlen(svg), 1, "alt");
	rc = pdf_render(&d, out, err, errlen);
	arena_free(&a);
	return rc;
}

static void
test_pdf_render_bad_svg(void **state)
{
	static const char *const bad[] = {
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10",
		"not svg at all",
		/* well-formed, but no viewBox to take the height from */
		("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\">"
		    "<rect width=\"5\" height=\"5\"/></svg>"),
	};
	struct buf out = BUF_INIT;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&out);
		buf_adds(&out, "keep");
		err[0] = '\0';
		assert_int_equal(render_chart(bad[i], &out, err, sizeof(err)),
		    PDF_ERR_SVG);
		assert_int_equal(out.n, 4);
		assert_string_equal(out.p, "keep");
		assert_false(out.err);
		assert_non_null(strstr(err, "chart in section \"グラフ\""));
		assert_null(strchr(err, '\n'));
	}
	buf_free(&out);
}

static void
test_pdf_render_good_svg(void **state)
{
	struct buf out = BUF_INIT;
	char err[256] = "", *text;

	assert_int_equal(render_chart("<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" viewBox=\"0 0 400 100\" width=\"100%\"><text x=\"10\" "
	    "y=\"50\" font-family=\"IPAexGothic\" font-size=\"20\">"
	    "チャート CHART-TEXT</text></svg>", &out, err, sizeof(err)),
	    PDF_OK);
	text = poppler("pdftotext -layout", &out);
	assert_non_null(strstr(text, "before the chart"));
	assert_non_null(strstr(text, "CHART-TEXT"));
	free(text);
	buf_free(&out);
}

/* Questions with boxes (DOC_CHOICES) span pages but never split: each
 * question's text and its last choice are on the same page, and so is a
 * heading put right before one.  A line to write on keeps its label. */
static void
test_pdf_render_choices_whole(void **state)
{
	struct buf out = BUF_INIT;
	struct doc_section *s;
	struct doc_block *b;
	struct arena a;
	struct doc d;
	char err[256] = "", *text, *pg, q[32], last[32];
	size_t i, k, page, seen = 0;

	arena_init(&a);
	doc_init(&d, &a, "ja", "choices");
	s = doc_section(&d, "質問", NULL, false);
	b = doc_fill(&d, s, "FILL-LABEL", 0.6);
	for (i = 1; i <= 40; i++) {
		if (i % 7 == 0)
			doc_heading(&d, s, 2, doc_printf(&d, "HEAD-%zu", i));
		b = doc_choices(&d, s, doc_printf(&d, "%zu", i),
		    doc_printf(&d, "QTEXT-%zu はい、これは二行になるほど長い"
		    "質問の文です。はい、これは二行になるほど長い質問の文です。",
		    i), 4);
		for (k = 0; k < 4; k++)
			b->items[k] = doc_printf(&d, "OPT-%zu-%zu", i, k + 1);
	}
	assert_int_equal(pdf_render(&d, &out, err, sizeof(err)), PDF_OK);
	text = poppler("pdftotext -layout", &out);
	assert_non_null(strstr(text, "FILL-LABEL"));
	for (page = 0; (pg = page_text(text, page)) != NULL; page++) {
		for (i = 1; i <= 40; i++) {
			snprintf(q, sizeof(q), "QTEXT-%zu ", i);
			snprintf(last, sizeof(last), "OPT-%zu-4", i);
			if (strstr(pg, q) == NULL)
				continue;
			seen++;
			if (strstr(pg, last) == NULL)
				fail_msg("page %zu: question %zu split", page + 1,
				    i);
			snprintf(q, sizeof(q), "HEAD-%zu\n", i);
			if (i % 7 == 0 && strstr(pg, q) == NULL)
				fail_msg("page %zu: heading %zu left behind",
				    page + 1, i);
		}
		free(pg);
	}
	assert_int_equal(seen, 40);
	assert_true(page > 1);
	free(text);
	buf_free(&out);
	arena_free(&a);
}

/* A full buffer: an error, and the buffer as it was. */
static void
test_pdf_render_buffer_limit(void **state)
{
	struct buf out;
	struct arena a;
	struct doc d;
	char err[256] = "";

	buf_init(&out, 1000);
	buf_adds(&out, "keep");
	arena_init(&a);
	sample(&d, &a);
	assert_int_equal(pdf_render(&d, &out, err, sizeof(err)),
	    PDF_ERR_DRAW);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.p, "keep");
	assert_false(out.err);
	assert_true(err[0] != '\0');
	arena_free(&a);
	buf_free(&out);
}

struct job {
	const struct doc	*d;
	struct buf		 out;
	int			 rc;
};

static void *
render_job(void *arg)
{
	struct job *j = arg;
	char err[256];

	j->rc = pdf_render(j->d, &j->out, err, sizeof(err));
	return NULL;
}

/* Several threads at once, one document: the same pages from each. */
static void
test_pdf_render_threads(void **state)
{
	struct job job[THREADS];
	pthread_t th[THREADS];
	struct arena a;
	struct doc d;
	char *want, *got;
	int i;

	arena_init(&a);
	sample(&d, &a);
	for (i = 0; i < THREADS; i++) {
		job[i].d = &d;
		buf_init(&job[i].out, 0);
		job[i].rc = 1;
		assert_int_equal(pthread_create(&th[i], NULL, render_job,
		    &job[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	want = poppler("pdftotext -layout", &job[0].out);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(job[i].rc, PDF_OK);
		got = poppler("pdftotext -layout", &job[i].out);
		assert_string_equal(got, want);
		free(got);
		buf_free(&job[i].out);
	}
	free(want);
	arena_free(&a);
}

/*
 * In the child: the check and a render, with no fonts at all.  Prints
 * "<check rc>|<check err>|<render rc>|<render err>|<out>".
 */
static int
fontless_child(void)
{
	struct buf out = BUF_INIT;
	struct arena a;
	struct doc d;
	char e1[256] = "", e2[256] = "";
	int rc1, rc2;

	rc1 = pdf_fonts_check(e1, sizeof(e1));
	arena_init(&a);
	doc_init(&d, &a, "ja", TITLE);
	doc_text(&d, doc_section(&d, "節", NULL, true), "本文");
	buf_adds(&out, "keep");
	rc2 = pdf_render(&d, &out, e2, sizeof(e2));
	printf("%d|%s|%d|%s|%s\n", rc1, e1, rc2, e2, buf_cstr(&out));
	arena_free(&a);
	buf_free(&out);
	return 0;
}

/* A radar chart whose legend names it; the caller frees the bytes. */
static char *
named_radar(const char *name, size_t *len)
{
	struct svg_series ser = { name, radar_own, SVG_STYLE_OWN };
	struct svg_radar r = radar;
	struct buf b = BUF_INIT;
	struct html h;

	r.series = &ser;
	r.nseries = 1;
	html_init(&h, &b);
	svg_radar(&h, &r);
	assert_int_equal(html_end(&h), 0);
	*len = b.n;
	return buf_detach(&b);
}

/* The page (from 0) of text whose text holds needle, or -1. */
static int
page_of(const char *text, const char *needle)
{
	char *pg;
	int i;

	for (i = 0; (pg = page_text(text, (size_t)i)) != NULL; i++) {
		if (strstr(pg, needle) != NULL) {
			free(pg);
			return i;
		}
		free(pg);
	}
	return -1;
}

#define KEEPS	24

/*
 * Headings at every height of the page, each followed by a chart, a
 * table, a list or a paragraph: a heading always stands on the page where
 * what it heads starts, and no page ends with a heading.
 */
static void
test_pdf_render_heading_keeps_with_next(void **state)
{
	struct buf out = BUF_INIT;
	struct arena a;
	struct doc d;
	struct doc_section *s;
	struct doc_block *b;
	struct buf filler = BUF_INIT;
	char err[256] = "", head[32], next[32], *text, *pg, *svg, *end;
	size_t len;
	int k, j, n, npages;

	arena_init(&a);
	doc_init(&d, &a, "ja", "keep");
	s = doc_section(&d, "見出しと本文", NULL, true);
	for (k = 0; k < KEEPS; k++) {
		/* paragraphs of 1 to 9 lines move the heading down the page */
		buf_reset(&filler);
		for (j = 0; j < 1 + (k * 5) % 9; j++)
			buf_adds(&filler, "本文の行を埋めるための文章です。"
			    "ページのどこに見出しが来ても、あとに続くものと"
			    "同じページに置かれることを確かめます。");
		doc_text(&d, s, buf_cstr(&filler));
		snprintf(head, sizeof(head), "HEAD%02d", k);
		doc_heading(&d, s, 1 + k % 3, head);
		snprintf(next, sizeof(next), "NEXT%02d", k);
		switch (k % 4) {
		case 0:
			svg = named_radar(next, &len);
			doc_svg(&d, s, svg, len, 0.7, next);
			free(svg);
			break;
		case 1:
			b = doc_table(&d, s, 2, 3);
			doc_col(&d, &b->tab, 0, next, 30, DOC_LEFT);
			doc_col(&d, &b->tab, 1, "平均", 10, DOC_RIGHT);
			for (j = 0; j < 3; j++) {
				doc_set_text(&d, &b->tab, (size_t)j, 0, "項目");
				doc_set_num(&b->tab, (size_t)j, 1, j, 1);
			}
			break;
		case 2:
			b = doc_list(&d, s, 2, true);
			b->items[0] = doc_printf(&d, "%s 最初の項目は、二行に"
			    "なるくらいの長さのある文章で、ページをまたがずに"
			    "見出しのすぐ下に置かれます。", next);
			b->items[1] = doc_str(&d, "二つ目の項目");
			break;
		default:
			doc_text(&d, s, doc_printf(&d, "%s 見出しのあとの段落"
			    "です。", next));
			break;
		}
	}
	if (pdf_render(&d, &out, err, sizeof(err)) != PDF_OK)
		fail_msg("pdf_render: %s", err);
	arena_free(&a);
	buf_free(&filler);

	text = poppler("pdftotext -layout", &out);
	npages = (int)count(text, "\f");
	assert_true(npages >= 4);
	for (k = 0; k < KEEPS; k++) {
		snprintf(head, sizeof(head), "HEAD%02d", k);
		snprintf(next, sizeof(next), "NEXT%02d", k);
		if (page_of(text, head) != page_of(text, next))
			fail_msg("%s on page %d, what it heads on page %d", head,
			    page_of(text, head) + 1, page_of(text, next) + 1);
	}
	/* the last line of each page's body (above the footer, which
	 * ends with "n / N") is never a heading */
	for (k = 0; k < npages; k++) {
		pg = page_text(text, (size_t)k);
		for (n = 0, end = pg + strlen(pg); end > pg && n < 2; ) {
			while (end > pg && (end[-1] == '\n' || end[-1] == ' '))
				end--;
			*end = '\0';
			n++;
			if (n < 2)
				while (end > pg && end[-1] != '\n')
					end--;
		}
		if ((end = strrchr(pg, '\n')) == NULL)
			end = pg;
		if (strstr(end, "HEAD") != NULL)
			fail_msg("page %d ends with a heading: %s", k + 1, end);
		free(pg);
	}
	free(text);
	buf_free(&out);
}

/* Japanese wraps between any two characters: a last line of one or two
 * characters is pulled up with more of the line above it. */
static void
test_pdf_render_no_lone_characters(void **state)
{
	static const char *const labels[] = {
		"あなたの会社より点数が低い会社の割合",
		"比べた相手の平均点（100点満点）",
	};
	struct buf out = BUF_INIT;
	struct arena a;
	struct doc d;
	struct doc_section *s;
	struct doc_block *b;
	char err[256] = "", *text, *line, *next;
	size_t i;
	int lines = 0;

	arena_init(&a);
	doc_init(&d, &a, "ja", "orphans");
	s = doc_section(&d, "孤立した文字", NULL, true);
	b = doc_figures(&d, s, 4);
	for (i = 0; i < 4; i++)
		doc_set_fig(&d, &b->figs[i], labels[i % 2], "37.4", true,
		    37.4, 1);
	/* 50 characters of 9.5 pt fill a line of 174 mm with a little
	 * over: the old layout left "す。" alone */
	for (i = 40; i < 70; i++) {
		struct buf t = BUF_INIT;
		size_t c;

		for (c = 0; c < i; c++)
			buf_adds(&t, "字");
		buf_adds(&t, "です。");
		doc_text(&d, s, buf_cstr(&t));
		buf_free(&t);
	}
	if (pdf_render(&d, &out, err, sizeof(err)) != PDF_OK)
		fail_msg("pdf_render: %s", err);
	arena_free(&a);
	text = poppler("pdftotext -raw", &out);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		size_t n;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		n = 0;
		while (*line == '\f')	/* a page's end */
			line++;
		for (const char *c = line; *c != '\0'; c++)
			n += ((unsigned char)*c & 0xc0) != 0x80;
		if (n == 0 || strchr(line, '/') != NULL ||
		    strcmp(line, "孤立した文字") == 0 ||
		    strcmp(line, "37.4") == 0)
			continue;
		lines++;
		if (n <= 2)
			fail_msg("a line of %zu characters: \"%s\"", n, line);
	}
	assert_true(lines > 30);
	free(text);
	buf_free(&out);
}

static void
test_pdf_fonts_check_missing(void **state)
{
	char dir[] = "/tmp/mamori-test-fonts-XXXXXX", conf[128];
	char self[512], cmd[1024], want[512], *got;
	ssize_t n;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(conf, sizeof(conf), "%s/fonts.conf", dir);
	fp = fopen(conf, "w");
	assert_non_null(fp);
	fprintf(fp, "<?xml version=\"1.0\"?>\n<fontconfig>\n"
	    "<cachedir>%s</cachedir>\n</fontconfig>\n", dir);
	assert_int_equal(fclose(fp), 0);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	assert_true(n > 0);
	self[n] = '\0';
	snprintf(cmd, sizeof(cmd), "FONTCONFIG_FILE='%s' %s=1 '%s'", conf,
	    CHILD_ENV, self);
	got = run(cmd);
	snprintf(want, sizeof(want), "%d|PDF font IPAexGothic is not "
	    "installed (fontconfig offers no font at all instead): install "
	    "the Debian package fonts-ipaexfont-gothic|%d|PDF font "
	    "IPAexGothic is not installed", PDF_ERR_FONT, PDF_ERR_FONT);
	if (strncmp(got, want, strlen(want)) != 0)
		fail_msg("child said: %s", got);
	/* and the render left its buffer as it was */
	assert_non_null(strstr(got, "fonts-ipaexfont-gothic|keep\n"));
	free(got);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_fonts_check_installed),
		cmocka_unit_test(test_pdf_fonts_check_missing),
		cmocka_unit_test(test_pdf_render_sample_text),
		cmocka_unit_test(test_pdf_render_metadata_and_fonts),
		cmocka_unit_test(test_pdf_render_appends),
		cmocka_unit_test(test_pdf_render_locale_free),
		cmocka_unit_test(test_pdf_render_bad_svg),
		cmocka_unit_test(test_pdf_render_good_svg),
		cmocka_unit_test(test_pdf_render_choices_whole),
		cmocka_unit_test(test_pdf_render_buffer_limit),
		cmocka_unit_test(test_pdf_render_threads),
		cmocka_unit_test(test_pdf_render_heading_keeps_with_next),
		cmocka_unit_test(test_pdf_render_no_lone_characters),
	};

	/* GObjects in plain malloc'd memory, so that LeakSanitizer sees a
	 * layout or surface the renderer forgets to free (GLib's slice
	 * allocator would keep it reachable).  Before any GLib call. */
	setenv("G_SLICE", "always-malloc", 0);
	if (getenv(CHILD_ENV) != NULL)
		return fontless_child();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
