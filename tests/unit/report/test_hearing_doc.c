/* Unit tests for src/report/hearing_doc.c: the hearing sheet's document —
 * the items left open first, one PDF section a part of the sheet with
 * two columns, the material to ask for, one workbook sheet with a row an
 * item — and the pledge with its placeholders filled, in both
 * languages; both render. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/hearing.h"
#include "render/doc.h"
#include "report/hearing_doc.h"

static struct content ct;

/* 2026-12-05 12:00 in Japan. */
#define NOW	((int64_t)1796439600)

static int
setup(void **state)
{
	char err[512];

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	content_free(&ct);
	return 0;
}

static size_t
sections(const struct doc *d, unsigned only)
{
	const struct doc_section *s;
	size_t n = 0;

	for (s = d->first; s != NULL; s = s->next)
		n += s->only == only;
	return n;
}

static void
test_hearing_doc_sheet(void **state)
{
	static const struct hearing_answer rows[] = {
		{ "covid_remote", "営業の5人が在宅", "", 2, HEARING_OPEN, 3, 1,
		    "" },
		{ "business_kind", "金属部品の製造", "取引先の求め", 1,
		    HEARING_ANSWERED, 1, 1, "" },
		{ "gone_item", "", "", 1, HEARING_OPEN, 1, 1, "" },
	};
	const struct hearing_pack *hp = &ct.hearing;
	struct hearing_doc_in in = { &ct, LANG_JA, "テスト株式会社", NOW };
	const struct doc_section *s, *xs = NULL;
	const struct doc_block *b;
	struct arena a;
	struct buf out = BUF_INIT;
	struct doc d;
	char err[256];
	size_t i, k;

	arena_init(&a);
	hearing_doc_build(&in, rows, 3, &a, &d);
	assert_string_equal(d.title, "ヒアリングシート");
	assert_string_equal(d.subtitle, "テスト株式会社 — 2026-12-05");
	assert_int_equal(d.ncover, 3);
	assert_string_equal(d.cover[0].value, "1 / 27");
	assert_string_equal(d.cover[1].value, "1");	/* an item the sheet no
							   longer has is not counted */
	assert_string_equal(d.cover[2].value, "25");
	/* open items, the seven parts, the material: PDF only */
	assert_int_equal(sections(&d, DOC_ONLY_PDF), 1 + hp->n_sections + 1);
	assert_int_equal(sections(&d, DOC_ONLY_XLSX), 1);
	s = d.first;
	assert_string_equal(s->title, "未確認のまま残っている項目");
	for (b = s->first; b != NULL && b->kind != DOC_LIST; b = b->next)
		;
	assert_non_null(b);
	assert_int_equal(b->nitems, 1);
	assert_string_equal(b->items[0], "4.2 在宅勤務の状況");
	s = s->next;
	assert_string_equal(s->title, "1. 会社の事業");
	b = s->first;
	assert_int_equal(b->kind, DOC_TABLE);
	assert_int_equal(b->tab.ncols, 2);
	assert_int_equal(b->tab.nrows, hp->sections[0].n);
	assert_string_equal(doc_cell((struct doc_table *)&b->tab, 0, 1)->text,
	    "金属部品の製造\n指導で考慮する点: 取引先の求め\n(聞き取り済み · 第1回訪問)");
	assert_null(doc_cell((struct doc_table *)&b->tab, 1, 1)->text);
	for (s = d.first; s != NULL; s = s->next)
		if (s->only == DOC_ONLY_XLSX)
			xs = s;
	assert_non_null(xs);
	assert_string_equal(xs->sheet, "ヒアリング");
	b = xs->first;
	assert_int_equal(b->tab.ncols, 5);
	assert_int_equal(b->tab.nrows, hp->n_items);
	for (i = 0, k = 0; i < hp->n_items; i++)
		if (strcmp(hp->items[i].key, "covid_remote") == 0)
			k = i;
	assert_string_equal(doc_cell((struct doc_table *)&b->tab, k, 0)->text,
	    "4.2 在宅勤務の状況");
	assert_string_equal(doc_cell((struct doc_table *)&b->tab, k, 1)->text,
	    "営業の5人が在宅");
	assert_true(doc_cell((struct doc_table *)&b->tab, k, 3)->num == 2);
	assert_string_equal(doc_cell((struct doc_table *)&b->tab, k, 4)->text,
	    "未確認");
	assert_int_equal(report_render(&d, REPORT_XLSX, &out, err,
	    sizeof(err)), REPORT_OK);
	assert_true(out.n > 1000);
	arena_free(&a);
	buf_free(&out);
}

static void
test_hearing_doc_pledge(void **state)
{
	struct hearing_doc_in in = { &ct, LANG_EN, "Test Ltd", NOW };
	const struct doc_block *b;
	struct arena a;
	struct buf out = BUF_INIT;
	struct doc d;
	char err[256];

	arena_init(&a);
	hearing_pledge_build(&in, "Jane Advisor", "2026-12-01", &a, &d);
	assert_string_equal(d.first->title, "Confidentiality pledge");
	b = d.first->first;
	assert_string_equal(b->text, "To Test Ltd");
	b = b->next;
	assert_string_equal(b->text, "Date: 2026-12-01");
	b = b->next;
	assert_string_equal(b->text, "In advising Test Ltd, I, Jane Advisor, "
	    "promise to keep the following.");
	b = b->next;
	assert_int_equal(b->kind, DOC_LIST);
	assert_int_equal(b->nitems, PLEDGE_UNDERTAKINGS);
	assert_true(b->numbered);
	b = b->next;
	assert_int_equal(b->kind, DOC_TABLE);
	assert_string_equal(b->tab.col[2].head, "Signature or seal");
	assert_string_equal(doc_cell((struct doc_table *)&b->tab, 0, 1)->text,
	    "Jane Advisor");
	assert_int_equal(hearing_pledge_file(&in, "Jane Advisor",
	    "2026-12-01", REPORT_XLSX, &out, err, sizeof(err)),
	    REPORT_ERR_VIEW);
	assert_int_equal(hearing_pledge_file(&in, "Jane Advisor",
	    "2026-12-01", REPORT_PDF, &out, err, sizeof(err)), REPORT_OK);
	assert_memory_equal(out.p, "%PDF", 4);
	arena_free(&a);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hearing_doc_sheet),
		cmocka_unit_test(test_hearing_doc_pledge),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
