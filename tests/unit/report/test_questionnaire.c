/* Unit tests for src/report/questionnaire.c: the paper questionnaire as a
 * document, its dates, and the CSV template read back by the importer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/diag_csv.h"
#include "render/pdf.h"
#include "report/questionnaire.h"
#include "report/report.h"

static struct content ct;

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

static struct questionnaire_in
in_of(enum lang l, const char *url, const char *deadline)
{
	struct questionnaire_in in = {
		.ct = &ct, .lang = l, .org_name = "株式会社テスト",
		.round_title = "2025年度 診断", .deadline = deadline,
		.url = url,
	};

	return in;
}

/* The blocks of kind k in d, in order, into out[max]; returns the count. */
static size_t
blocks(const struct doc *d, enum doc_block_kind k,
    const struct doc_block **out, size_t max)
{
	const struct doc_section *s;
	const struct doc_block *b;
	size_t n = 0;

	for (s = d->first; s != NULL; s = s->next)
		for (b = s->first; b != NULL; b = b->next)
			if (b->kind == k) {
				if (n < max)
					out[n] = b;
				n++;
			}
	return n;
}

static bool
has_text(const struct doc *d, const char *needle)
{
	const struct doc_section *s;
	const struct doc_block *b;

	for (s = d->first; s != NULL; s = s->next) {
		if (s->title != NULL && strstr(s->title, needle) != NULL)
			return true;
		for (b = s->first; b != NULL; b = b->next)
			if (b->text != NULL && strstr(b->text, needle) != NULL)
				return true;
	}
	return false;
}

static void
test_report_questionnaire_doc_questions(void **state)
{
	static const enum diag_answer order[4] = { DIAG_YES, DIAG_PARTLY,
	    DIAG_NO, DIAG_UNKNOWN };
	struct questionnaire_in in = in_of(LANG_JA, "http://x/s/1.abc",
	    "2025-06-30");
	const struct doc_block *q[40];
	const struct doc_section *s;
	struct arena a;
	struct doc d;
	char num[24];
	size_t n, i, k, questions = 0, parts = 0;

	arena_init(&a);
	report_questionnaire_doc(&in, &a, &d);
	n = blocks(&d, DOC_CHOICES, q, 40);
	/* the position, then the 25 questions in order */
	assert_int_equal(n, 1 + DIAG_ITEMS);
	assert_null(q[0]->num);
	assert_int_equal(q[0]->nitems, DIAG_ROLE__MAX);
	assert_string_equal(q[0]->items[0], "経営者");
	for (i = 1; i < n; i++, questions++) {
		snprintf(num, sizeof(num), "%zu", i);
		assert_string_equal(q[i]->num, num);
		assert_string_equal(q[i]->text,
		    ct.diag.item[i - 1].question.t[LANG_JA]);
		assert_int_equal(q[i]->nitems, 4);
		for (k = 0; k < 4; k++)
			assert_string_equal(q[i]->items[k],
			    ct.diag.answer_label[order[k]].t[LANG_JA]);
	}
	assert_int_equal(questions, DIAG_ITEMS);
	/* grouped by part: a section a part after the first, each with
	 * its own questions */
	for (s = d.first->next; s != NULL; s = s->next, parts++) {
		assert_non_null(strstr(s->title,
		    ct.diag.part_title[parts].t[LANG_JA]));
		for (i = 0; s->first != NULL && i < 1; i++)
			assert_string_equal(s->first->num, parts == 0 ? "1" :
			    parts == 1 ? "6" : "19");
	}
	assert_int_equal(parts, DIAG_PARTS);
	assert_true(has_text(&d, "株式会社テスト"));
	assert_true(has_text(&d, "2025年度 診断"));
	assert_true(has_text(&d, "2025年6月30日（月）"));
	assert_int_equal(blocks(&d, DOC_FILL, q, 40), 1);
	assert_string_equal(d.footer, "株式会社テスト　2025年度 診断");
	arena_free(&a);
}

static void
test_report_questionnaire_doc_link(void **state)
{
	struct questionnaire_in in = in_of(LANG_EN, "http://x/s/1.abc", NULL);
	const struct doc_block *b[4];
	struct arena a;
	struct doc d;

	arena_init(&a);
	report_questionnaire_doc(&in, &a, &d);
	/* the link as a QR code and as centred text */
	assert_int_equal(blocks(&d, DOC_SVG, b, 4), 1);
	assert_non_null(strstr(b[0]->svg, "<svg"));
	assert_non_null(strstr(b[0]->svg, "viewBox=\"0 0 "));
	assert_true(has_text(&d, "http://x/s/1.abc"));
	assert_true(has_text(&d, "Ask the person in charge"));
	assert_string_equal(d.lang, "en");
	arena_free(&a);
	/* without a link, neither */
	in.url = NULL;
	arena_init(&a);
	report_questionnaire_doc(&in, &a, &d);
	assert_int_equal(blocks(&d, DOC_SVG, b, 4), 0);
	assert_false(has_text(&d, "http://"));
	arena_free(&a);
}

static void
test_report_questionnaire_pdf_renders(void **state)
{
	struct questionnaire_in in = in_of(LANG_JA, "http://x/s/1.abc",
	    "2025-06-30");
	struct buf out = BUF_INIT;
	char err[256];

	if (pdf_fonts_check(err, sizeof(err)) != PDF_OK)
		skip();
	assert_int_equal(report_questionnaire_pdf(&in, &out, err,
	    sizeof(err)), REPORT_OK);
	assert_true(out.n > 1000);
	assert_memory_equal(out.p, "%PDF-", 5);
	buf_free(&out);
}

static void
test_report_day_each(void **state)
{
	struct arena a;

	arena_init(&a);
	assert_string_equal(report_day(&a, "2025-06-30", LANG_JA),
	    "2025年6月30日（月）");
	assert_string_equal(report_day(&a, "2024-02-29", LANG_JA),
	    "2024年2月29日（木）");
	assert_string_equal(report_day(&a, "2000-01-01", LANG_EN),
	    "Saturday 1 January 2000");
	assert_string_equal(report_day(&a, "2025-12-31", LANG_EN),
	    "Wednesday 31 December 2025");
	assert_null(report_day(&a, "2025-02-29", LANG_JA));
	assert_null(report_day(&a, "", LANG_JA));
	assert_null(report_day(&a, NULL, LANG_JA));
	arena_free(&a);
}

/* The template goes back into the importer: as it is, "no respondents";
 * with its example line taken out of the comment, one respondent. */
static void
template_round_trip(enum lang l, enum diag_role want)
{
	struct questionnaire_in in = in_of(l, NULL, NULL);
	struct buf b = BUF_INIT, filled = BUF_INIT;
	struct diag_csv out;
	struct arena a;
	const char *ex;
	int i;

	report_questionnaire_csv(&in, &b);
	assert_memory_equal(b.p, "\xef\xbb\xbfname,role,q1,q2,", 19);
	arena_init(&a);
	assert_int_equal(diag_csv_parse(b.p, b.n, 0, &a, &out), -1);
	assert_int_equal(out.n_err, 1);
	assert_int_equal(out.err[0].code, DIAG_CSV_E_NO_ROWS);
	arena_free(&a);

	/* "#例 山田 花子,…" → "山田 花子,…" */
	ex = strstr(b.p, "\r\n#");
	assert_non_null(ex);
	ex = strstr(ex + 3, "\r\n#");
	assert_non_null(ex);
	buf_add(&filled, b.p, b.n);
	buf_adds(&filled, strchr(ex + 3, ' ') + 1);
	arena_init(&a);
	assert_int_equal(diag_csv_parse(filled.p, filled.n, 0, &a, &out), 0);
	assert_int_equal(out.n_resp, 1);
	assert_int_equal(out.resp[0].role, want);
	for (i = 0; i < DIAG_ITEMS; i++)
		assert_int_equal(out.resp[0].ans[i], DIAG_YES + i % 4);
	arena_free(&a);
	buf_free(&filled);
	buf_free(&b);
}

static void
test_report_questionnaire_csv_round_trip(void **state)
{
	template_round_trip(LANG_JA, DIAG_ROLE_EMPLOYEE);
	template_round_trip(LANG_EN, DIAG_ROLE_EMPLOYEE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_questionnaire_doc_questions),
		cmocka_unit_test(test_report_questionnaire_doc_link),
		cmocka_unit_test(test_report_questionnaire_pdf_renders),
		cmocka_unit_test(test_report_day_each),
		cmocka_unit_test(test_report_questionnaire_csv_round_trip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
