/*
 * Unit tests of render/xlsx.c: a document as an Excel workbook.
 *
 * The workbook is checked as Excel would read it: the parts of the zip
 * (xl/workbook.xml, xl/worksheets/sheetN.xml, xl/sharedStrings.xml) are
 * read back with unzip(1) and searched for what a user would see — the
 * sheets and their names, the texts, the numbers stored as numbers, the
 * frozen header, and nothing of what was meant for the PDF only.
 *
 * The whole program runs with TMPDIR set to a fresh folder, so that the
 * tests can check that no temporary file is left behind.
 */
#include <dirent.h>
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
#include "render/xlsx.h"

#define PDF_ONLY_MARK	"PDF専用"	/* in every text meant for the PDF */
#define NTHREADS	4
#define NPERTHREAD	3

static char tmpdir[] = "/tmp/mamori-test-xlsx-XXXXXX";

/* ---------------------------------------------------------------- */
/* Fixtures */

/*
 * The document of most tests: a cover, a sheet "概要" with figures, text,
 * a table (text, numbers, bars, empty cells, a PDF-only column) and a
 * PDF-only paragraph; a section for the PDF only; a sheet "設問別".
 */
static void
build_doc(struct doc *d, struct arena *a)
{
	static const int bar1[] = { 4, 2, 0, 1 }, bar2[] = { 1, 1, 3, 2 };
	struct doc_section *s;
	struct doc_block *b;
	struct doc_table *t;

	doc_init(d, a, "ja", "情報セキュリティ自社診断");
	d->subtitle = doc_str(d, "結果報告書");
	d->author = doc_str(d, "山田 太郎");
	doc_cover(d, 2);
	doc_set_fig(d, &d->cover[0], "会社名", "株式会社サンプル", false, 0,
	    0);
	doc_set_fig(d, &d->cover[1], "回答者数", "48 人", true, 48, 0);

	s = doc_section(d, "総合結果", "概要", true);
	b = doc_figures(d, s, 1);
	doc_set_fig(d, &b->figs[0], "総合点", "62.4 点", true, 62.4, 1);
	doc_text(d, s, "基本的対策は概ね実施されています。");
	b = doc_text(d, s, PDF_ONLY_MARK "の段落");
	b->only = DOC_ONLY_PDF;
	b = doc_table(d, s, 5, 2);
	t = &b->tab;
	doc_col(d, t, 0, "設問", 30, DOC_LEFT);
	doc_col(d, t, 1, "平均点", 8, DOC_RIGHT);
	doc_col(d, t, 2, "回答分布", 14, DOC_CENTER);
	doc_col(d, t, 3, PDF_ONLY_MARK "の列", 20, DOC_LEFT);
	t->col[3].only = DOC_ONLY_PDF;
	doc_col(d, t, 4, "備考", 12, DOC_LEFT);
	doc_set_text(d, t, 0, 0, "パスワードの強化");
	doc_set_num(t, 0, 1, 2.75, 2);
	doc_cell(t, 0, 1)->tone = DOC_TONE_GOOD;
	doc_set_bar(t, 0, 2, bar1, 4);
	doc_set_text(d, t, 0, 3, PDF_ONLY_MARK "のセル");
	doc_set_text(d, t, 1, 0, "共有設定の見直し");
	doc_set_num(t, 1, 1, 1.5, 2);
	doc_cell(t, 1, 1)->tone = DOC_TONE_BAD;
	doc_set_bar(t, 1, 2, bar2, 4);
	doc_set_text(d, t, 1, 3, PDF_ONLY_MARK "のセル");
	/* column 4 stays empty */

	s = doc_section(d, PDF_ONLY_MARK "の節", NULL, true);
	doc_text(d, s, PDF_ONLY_MARK "の本文");

	s = doc_section(d, "設問別の回答", "設問別", true);
	b = doc_table(d, s, 2, 1);
	doc_col(d, &b->tab, 0, "No.", 6, DOC_RIGHT);
	doc_col(d, &b->tab, 1, "設問", 40, DOC_LEFT);
	doc_set_num(&b->tab, 0, 0, 1, 0);
	doc_set_text(d, &b->tab, 0, 1, "OSやソフトウェアを最新にしていますか");
	doc_svg(d, s, "<svg viewBox=\"0 0 1 1\"/>", 23, 1,
	    "グラフ：設問別の平均点");
}

/* ---------------------------------------------------------------- */
/* Helpers */

/* Write the workbook to a file in tmpdir; the caller unlinks it. */
static char *
save(const struct buf *b)
{
	char *path;
	FILE *fp;
	int fd;

	assert_true(asprintf(&path, "%s/book-XXXXXX", tmpdir) > 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b->p, 1, b->n, fp), b->n);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The bytes of one part (a pattern unzip understands) of the workbook at
 * path, NUL-terminated, or NULL when unzip fails. */
static char *
part(const char *path, const char *name)
{
	struct buf b = BUF_INIT;
	char *cmd, chunk[4096];
	size_t n;
	FILE *fp;

	assert_true(asprintf(&cmd, "unzip -p '%s' '%s' 2>/dev/null", path,
	    name) > 0);
	fp = popen(cmd, "r");
	free(cmd);
	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	if (pclose(fp) != 0) {
		buf_free(&b);
		return NULL;
	}
	assert_false(b.err);
	return buf_detach(&b);
}

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* The files the renderer left in tmpdir (the tests' own are "book-…"). */
static size_t
leftovers(void)
{
	struct dirent *e;
	size_t n = 0;
	DIR *dir;

	dir = opendir(tmpdir);
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL)
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0 &&
		    strncmp(e->d_name, "book-", 5) != 0)
			n++;
	closedir(dir);
	return n;
}

/* Render the standard document; the caller frees the buffer. */
static void
render_std(struct buf *out)
{
	struct arena a;
	struct doc d;
	char err[128];

	arena_init(&a);
	build_doc(&d, &a);
	buf_init(out, 0);
	assert_int_equal(xlsx_render(&d, out, err, sizeof(err)), XLSX_OK);
	assert_string_equal(err, "");
	assert_false(out->err);
	arena_free(&a);
}

/* Some cell of sheet xml holds "<v>v</v>" as a number, that is without a
 * t= type (strings are t="s" and their <v> is an index). */
static void
assert_number_cell(const char *xml, const char *v)
{
	const char *at, *c;
	char *want;

	assert_true(asprintf(&want, "<v>%s</v>", v) > 0);
	for (at = strstr(xml, want); at != NULL; at = strstr(at + 1, want)) {
		for (c = at; c > xml && strncmp(c, "<c ", 3) != 0; c--)
			continue;
		if (strncmp(c, "<c ", 3) == 0 &&
		    memmem(c, (size_t)(at - c), "t=\"", 3) == NULL) {
			free(want);
			return;
		}
	}
	fail_msg("no number %s in the sheet", want);
}

/* ---------------------------------------------------------------- */
/* Tests */

static void
test_xlsx_render_sheets(void **state)
{
	struct buf out;
	char *path, *wb, *a, *b;

	render_std(&out);
	assert_true(out.n > 4 && memcmp(out.p, "PK\x03\x04", 4) == 0);
	path = save(&out);
	wb = part(path, "xl/workbook.xml");
	assert_non_null(wb);
	/* Two sheets: the PDF-only section has none. */
	assert_int_equal(count(wb, "<sheet "), 2);
	a = strstr(wb, "<sheet name=\"概要\" sheetId=\"1\"");
	b = strstr(wb, "<sheet name=\"設問別\" sheetId=\"2\"");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	assert_null(part(path, "xl/worksheets/sheet3.xml"));
	free(wb);
	unlink(path);
	free(path);
	buf_free(&out);
}

static void
test_xlsx_render_texts(void **state)
{
	struct buf out;
	char *path, *sst, *all;

	render_std(&out);
	path = save(&out);
	sst = part(path, "xl/sharedStrings.xml");
	assert_non_null(sst);
	assert_non_null(strstr(sst, ">情報セキュリティ自社診断<"));
	assert_non_null(strstr(sst, ">結果報告書<"));
	assert_non_null(strstr(sst, ">会社名<"));
	assert_non_null(strstr(sst, ">総合点<"));
	assert_non_null(strstr(sst, ">総合結果<"));
	assert_non_null(strstr(sst, ">基本的対策は概ね実施されています。<"));
	/* header texts, table texts, a bar as text */
	assert_non_null(strstr(sst, ">平均点<"));
	assert_non_null(strstr(sst, ">回答分布<"));
	assert_non_null(strstr(sst, ">備考<"));
	assert_non_null(strstr(sst, ">パスワードの強化<"));
	assert_non_null(strstr(sst, ">4 / 2 / 0 / 1<"));
	/* the chart's text equivalent on the second sheet */
	assert_non_null(strstr(sst, ">グラフ：設問別の平均点<"));
	/* nothing meant for the PDF, in any part */
	all = part(path, "xl/*");
	assert_non_null(all);
	assert_null(strstr(all, PDF_ONLY_MARK));
	free(all);
	free(sst);
	unlink(path);
	free(path);
	buf_free(&out);
}

static void
test_xlsx_render_numbers_and_layout(void **state)
{
	struct buf out;
	char *path, *s1, *s2, *styles;

	render_std(&out);
	path = save(&out);
	s1 = part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(s1);
	/* figures and table numbers are numbers, not texts */
	assert_number_cell(s1, "62.4");
	assert_number_cell(s1, "48");
	assert_number_cell(s1, "2.75");
	assert_number_cell(s1, "1.5");
	/*
	 * Rows: title 1, subtitle 2, cover 3-4, blank, section title 6,
	 * blank, figure 8, blank, text 10, blank, table header 12, body
	 * 13-14 — four columns, as the PDF-only one is left out.
	 */
	assert_non_null(strstr(s1, "<c r=\"A1\""));
	assert_non_null(strstr(s1, "<c r=\"B8\""));
	assert_non_null(strstr(s1, "<pane ySplit=\"12\" topLeftCell=\"A13\""));
	assert_non_null(strstr(s1, "state=\"frozen\""));
	assert_non_null(strstr(s1, "<autoFilter ref=\"A12:D14\"/>"));
	assert_null(strstr(s1, "<c r=\"E"));
	/* the empty column keeps its borders: a styled blank cell */
	assert_non_null(strstr(s1, "<c r=\"D13\" s=\""));
	/* column widths from the table, in characters */
	assert_non_null(strstr(s1, "<col min=\"1\" max=\"1\" width=\"30."));
	assert_non_null(strstr(s1, "<col min=\"4\" max=\"4\" width=\"12."));
	s2 = part(path, "xl/worksheets/sheet2.xml");
	assert_non_null(s2);
	assert_non_null(strstr(s2, "<pane ySplit=\"3\" topLeftCell=\"A4\""));
	assert_number_cell(s2, "1");
	styles = part(path, "xl/styles.xml");
	assert_non_null(styles);
	assert_non_null(strstr(styles, "formatCode=\"0.0\""));
	assert_non_null(strstr(styles, "formatCode=\"0.00\""));
	/* the tones' tints: good green, bad red */
	assert_non_null(strstr(styles, "FFE2EFDA"));
	assert_non_null(strstr(styles, "FFF8D7DA"));
	free(styles);
	free(s2);
	free(s1);
	unlink(path);
	free(path);
	buf_free(&out);
}

/*
 * A column's choices become Excel's pull-down list on its body cells, in
 * the sheet column it lands in (after a PDF-only column is left out);
 * choices Excel cannot hold as one list (a comma, a double quote, one
 * byte over DOC_CHOICES_BYTES) and a table without body rows get none.
 */
static void
test_xlsx_render_choices(void **state)
{
	static const char *const ok[] = { "作る", "改める", "そのまま" };
	static const char *const comma[] = { "a,b", "c" };
	static const char *const quote[] = { "say \"yes\"", "no" };
	const char *longv[2], *edge[2];
	char big[251], fits[249];
	struct doc_section *s;
	struct doc_block *b;
	struct arena a;
	struct buf out;
	struct doc d;
	char err[128], *path, *s1, *dv;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	longv[0] = big;
	longv[1] = "ない";	/* 250 + 1 + 6 bytes: over 255 */
	memset(fits, 'y', sizeof(fits) - 1);
	fits[sizeof(fits) - 1] = '\0';
	edge[0] = fits;
	edge[1] = "ない";	/* 248 + 1 + 6: just fits */
	arena_init(&a);
	doc_init(&d, &a, "ja", "一覧");
	s = doc_section(&d, "分野", "分野", false);
	b = doc_table(&d, s, 7, 3);
	doc_col(&d, &b->tab, 0, "分野", 10, DOC_LEFT);
	doc_col(&d, &b->tab, 1, PDF_ONLY_MARK, 10, DOC_LEFT);
	b->tab.col[1].only = DOC_ONLY_PDF;
	doc_col(&d, &b->tab, 2, "状況", 10, DOC_LEFT);
	doc_col_choices(&d, &b->tab, 2, ok, 3);
	doc_col(&d, &b->tab, 3, "コンマ", 10, DOC_LEFT);
	doc_col_choices(&d, &b->tab, 3, comma, 2);
	doc_col(&d, &b->tab, 4, "引用符", 10, DOC_LEFT);
	doc_col_choices(&d, &b->tab, 4, quote, 2);
	doc_col(&d, &b->tab, 5, "長い", 10, DOC_LEFT);
	doc_col_choices(&d, &b->tab, 5, longv, 2);
	doc_col(&d, &b->tab, 6, "ちょうど", 10, DOC_LEFT);
	doc_col_choices(&d, &b->tab, 6, edge, 2);
	doc_set_text(&d, &b->tab, 0, 2, "作る");
	doc_set_text(&d, &b->tab, 1, 2, "まだ");	/* not in the list */
	b = doc_table(&d, s, 1, 0);
	doc_col_choices(&d, &b->tab, 0, ok, 3);
	buf_init(&out, 0);
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)), XLSX_OK);
	path = save(&out);
	s1 = part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(s1);
	/* title 1, blank, section 3, blank, header 5, body 6-8 */
	assert_non_null(strstr(s1, "<dataValidations count=\"2\">"));
	assert_int_equal(count(s1, "<dataValidation "), 2);
	dv = strstr(s1, "<dataValidation ");
	assert_non_null(dv);
	assert_non_null(strstr(dv, "type=\"list\""));
	assert_non_null(strstr(dv, "sqref=\"B6:B8\""));
	assert_non_null(strstr(dv,
	    "<formula1>\"作る,改める,そのまま\"</formula1>"));
	dv = strstr(dv + 1, "<dataValidation ");
	assert_non_null(strstr(dv, "sqref=\"F6:F8\""));
	assert_non_null(strstr(dv, "yy,ない\"</formula1>"));
	/* the cell outside the list keeps its text */
	assert_non_null(strstr(s1, "<c r=\"B7\""));
	free(s1);
	unlink(path);
	free(path);
	buf_free(&out);
	arena_free(&a);
}

static void
test_xlsx_render_properties(void **state)
{
	struct buf out;
	char *path, *core, *custom;

	render_std(&out);
	path = save(&out);
	core = part(path, "docProps/core.xml");
	assert_non_null(core);
	assert_non_null(strstr(core, "<dc:title>情報セキュリティ自社診断<"));
	assert_non_null(strstr(core, "<dc:creator>山田 太郎<"));
	custom = part(path, "docProps/custom.xml");
	assert_non_null(custom);
	assert_non_null(strstr(custom, ">mamori<"));
	free(custom);
	free(core);
	unlink(path);
	free(path);
	buf_free(&out);
}

static void
test_xlsx_render_empty(void **state)
{
	struct buf out = BUF_INIT;
	struct doc_section *s;
	struct arena a;
	struct doc d;
	char err[128];

	arena_init(&a);
	doc_init(&d, &a, "ja", "空");
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)),
	    XLSX_ERR_EMPTY);
	s = doc_section(&d, "PDFだけ", NULL, false);
	doc_text(&d, s, "本文");
	buf_adds(&out, "kept");
	err[0] = '\0';
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)),
	    XLSX_ERR_EMPTY);
	assert_int_equal(out.n, 4);
	assert_string_equal(buf_cstr(&out), "kept");
	assert_false(out.err);
	assert_true(err[0] != '\0');
	assert_null(strchr(err, '\n'));
	/* no err buffer at all is fine too */
	assert_int_equal(xlsx_render(&d, &out, NULL, 0), XLSX_ERR_EMPTY);
	assert_int_equal(leftovers(), 0);
	buf_free(&out);
	arena_free(&a);
}

/* Appends after what out holds; a refused append leaves out as it was. */
static void
test_xlsx_render_out_limit(void **state)
{
	struct buf out;
	struct arena a;
	struct doc d;
	char err[128];

	arena_init(&a);
	build_doc(&d, &a);
	buf_init(&out, 0);
	buf_adds(&out, "head");
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)), XLSX_OK);
	assert_true(out.n > 4);
	assert_memory_equal(out.p, "headPK\x03\x04", 8);
	buf_free(&out);

	buf_init(&out, 100);
	buf_adds(&out, "head");
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)),
	    XLSX_ERR_WRITE);
	assert_int_equal(out.n, 4);
	assert_string_equal(buf_cstr(&out), "head");
	assert_false(out.err);
	assert_non_null(strstr(err, "limit"));
	assert_int_equal(leftovers(), 0);
	buf_free(&out);
	arena_free(&a);
}

static void
test_xlsx_render_no_tmpdir(void **state)
{
	struct buf out = BUF_INIT;
	struct arena a;
	struct doc d;
	char err[256];

	arena_init(&a);
	build_doc(&d, &a);
	assert_int_equal(setenv("TMPDIR", "/nonexistent/mamori", 1), 0);
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)),
	    XLSX_ERR_WRITE);
	assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
	assert_int_equal(out.n, 0);
	assert_false(out.err);
	assert_non_null(strstr(err, "/nonexistent/mamori"));
	buf_free(&out);
	arena_free(&a);
}

/* n copies of s in a string to free. */
static char *
repeat(const char *s, size_t n)
{
	struct buf b = BUF_INIT;

	while (n-- > 0)
		buf_adds(&b, s);
	return buf_detach(&b);
}

static void
test_xlsx_render_sheet_names(void **state)
{
	/* 40 "あ" keep 31; 16 characters outside the BMP, two UTF-16
	 * units each, keep 15. */
	char *long_ja = repeat("あ", 40), *long_ja_cut = repeat("あ", 31);
	char *emoji = repeat("😀", 16), *emoji_cut = repeat("😀", 15);
	const char *const give[] = {
		"結果", "結果", "RESULT", "result", "a/b[c]:d*e?f\\g",
		"'quoted'", "", "History", long_ja, emoji, "結果",
	};
	const char *const want[] = {
		"結果", "結果 (2)", "RESULT", "result (2)", "a_b_c__d_e_f_g",
		"_quoted_", "Sheet7", "History (2)", long_ja_cut, emoji_cut,
		"結果 (3)",
	};
	struct buf out = BUF_INIT;
	struct doc_section *s;
	struct arena a;
	struct doc d;
	char err[128], *path, *wb, *p, *name;
	size_t i;

	arena_init(&a);
	doc_init(&d, &a, "ja", "名前");
	for (i = 0; i < sizeof(give) / sizeof(give[0]); i++) {
		s = doc_section(&d, "節", give[i], false);
		doc_text(&d, s, "本文");
	}
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)), XLSX_OK);
	path = save(&out);
	wb = part(path, "xl/workbook.xml");
	assert_non_null(wb);
	assert_int_equal(count(wb, "<sheet "), sizeof(want) / sizeof(want[0]));
	for (i = 0, p = wb; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_true(asprintf(&name, "<sheet name=\"%s\" sheetId=\"%zu\"",
		    want[i], i + 1) > 0);
		p = strstr(p, name);
		if (p == NULL)
			fail_msg("sheet %zu is not named %s", i + 1, want[i]);
		free(name);
	}
	free(wb);
	unlink(path);
	free(path);
	buf_free(&out);
	arena_free(&a);
	free(long_ja);
	free(long_ja_cut);
	free(emoji);
	free(emoji_cut);
}

/* Control characters go, invalid UTF-8 becomes U+FFFD, lines are rows. */
static void
test_xlsx_render_cleans_text(void **state)
{
	struct buf out = BUF_INIT;
	struct doc_section *s;
	struct doc_block *b;
	struct arena a;
	struct doc d;
	char err[128], *path, *sst, *s1;

	arena_init(&a);
	doc_init(&d, &a, "ja", "文字");
	s = doc_section(&d, "節", "節", false);
	doc_text(&d, s, "a\x01" "b\xff" "c\r\n二行目");
	b = doc_list(&d, s, 2, false);
	b->items[0] = "項目";
	b->items[1] = "=1+1";
	assert_int_equal(xlsx_render(&d, &out, err, sizeof(err)), XLSX_OK);
	path = save(&out);
	sst = part(path, "xl/sharedStrings.xml");
	assert_non_null(sst);
	assert_non_null(strstr(sst, ">ab\xEF\xBF\xBD" "c<"));
	assert_non_null(strstr(sst, ">二行目<"));
	assert_non_null(strstr(sst, ">・項目<"));
	assert_non_null(strstr(sst, ">・=1+1<"));
	s1 = part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(s1);
	assert_null(strstr(s1, "<f>"));		/* never a formula */
	free(s1);
	free(sst);
	unlink(path);
	free(path);
	buf_free(&out);
	arena_free(&a);
}

/* A decimal comma in the process's locale does not reach the numbers. */
static void
test_xlsx_render_locale_free(void **state)
{
	struct buf out;
	char *path, *s1;

	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL &&
	    setlocale(LC_NUMERIC, "de_DE.utf8") == NULL)
		skip();
	render_std(&out);
	setlocale(LC_NUMERIC, "C");
	path = save(&out);
	s1 = part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(s1);
	assert_number_cell(s1, "62.4");
	assert_null(strstr(s1, "62,4"));
	assert_null(strstr(s1, "width=\"30,"));
	free(s1);
	unlink(path);
	free(path);
	buf_free(&out);
}

struct job {
	int	 fails;	/* renders that did not give a workbook */
	size_t	 min, max;	/* sizes seen */
};

static void *
render_many(void *arg)
{
	struct job *j = arg;
	struct buf out;
	struct arena a;
	struct doc d;
	char err[128];
	int i;

	arena_init(&a);
	build_doc(&d, &a);
	j->min = SIZE_MAX;
	for (i = 0; i < NPERTHREAD; i++) {
		buf_init(&out, 0);
		if (xlsx_render(&d, &out, err, sizeof(err)) != XLSX_OK ||
		    out.n < 4 || memcmp(out.p, "PK\x03\x04", 4) != 0)
			j->fails++;
		if (out.n < j->min)
			j->min = out.n;
		if (out.n > j->max)
			j->max = out.n;
		buf_free(&out);
	}
	arena_free(&a);
	return NULL;
}

static void
test_xlsx_render_threads(void **state)
{
	pthread_t th[NTHREADS];
	struct job job[NTHREADS];
	int i;

	memset(job, 0, sizeof(job));
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, render_many,
		    &job[i]), 0);
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		assert_int_equal(job[i].fails, 0);
		/* only the time stamps differ between the workbooks */
		assert_true(job[i].max - job[i].min < 64);
	}
	assert_int_equal(leftovers(), 0);
}

/* ---------------------------------------------------------------- */

static int
setup(void **state)
{
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return setenv("TMPDIR", tmpdir, 1);
}

/* Remove tmpdir, with what a failed test may have left in it. */
static int
teardown(void **state)
{
	struct dirent *e;
	char *path;
	DIR *dir;

	if ((dir = opendir(tmpdir)) == NULL)
		return -1;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (asprintf(&path, "%s/%s", tmpdir, e->d_name) > 0) {
			unlink(path);
			free(path);
		}
	}
	closedir(dir);
	return rmdir(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_render_sheets),
		cmocka_unit_test(test_xlsx_render_texts),
		cmocka_unit_test(test_xlsx_render_numbers_and_layout),
		cmocka_unit_test(test_xlsx_render_choices),
		cmocka_unit_test(test_xlsx_render_properties),
		cmocka_unit_test(test_xlsx_render_empty),
		cmocka_unit_test(test_xlsx_render_out_limit),
		cmocka_unit_test(test_xlsx_render_no_tmpdir),
		cmocka_unit_test(test_xlsx_render_sheet_names),
		cmocka_unit_test(test_xlsx_render_cleans_text),
		cmocka_unit_test(test_xlsx_render_locale_free),
		cmocka_unit_test(test_xlsx_render_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
