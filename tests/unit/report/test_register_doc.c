/* Unit tests for src/report/register_doc.c: a register's rows as CSV (a
 * byte-order mark, keys or labels, formulas defused) and as the
 * workbook's document (labels, numbers, enum labels, derived fields). */
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
#include "model/register.h"
#include "report/register_doc.h"

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

/* A row of the asset register from key=value pairs (NULL-terminated). */
static void
row_of(const struct register_decl *d, struct arena *a, struct register_row *row,
    int64_t id, ...)
{
	struct register_errs errs = { 0 };
	const char *k;
	va_list ap;
	size_t i;

	memset(row, 0, sizeof(*row));
	row->id = id;
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	va_start(ap, id);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		int f = register_field(d, k);
		long x, y;

		assert_true(f >= 0);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], v, a,
		    &row->v[f], &x, &y), RFE_OK);
	}
	va_end(ap);
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
}

static void
test_report_register_csv_keys_and_labels(void **state)
{
	const struct register_decl *d = register_of(REGISTER_ASSETS);
	struct register_row rows[2];
	struct report_reg_in in = { .ct = &ct, .lang = LANG_JA, .d = d,
	    .rows = rows, .n = 2, .org = "株式会社テスト", .now = 1764806400 };
	size_t ix[2] = { 1, 0 };
	struct arena a;
	struct buf out = BUF_INIT;

	arena_init(&a);
	row_of(d, &a, &rows[0], 1, "name", "=1+2", "personal", "mynumber",
	    "c", "1", "i", "1", "a", "1", NULL);
	row_of(d, &a, &rows[1], 2, "name", "顧客, 名簿", "category", "customers",
	    "c", "2", "i", "3", "a", "1", NULL);
	in.ix = ix;
	report_register_csv(&in, false, &a, &out);
	assert_false(out.err);
	assert_string_equal(buf_cstr(&out),
	    "\xef\xbb\xbf"
	    "name,category,description,users,department,owner,media,location,"
	    "personal,c,i,a,retention,note,importance\r\n"
	    "\"顧客, 名簿\",customers,,,,,,,,2,3,1,,,3\r\n"
	    "\"'=1+2\",,,,,,,,mynumber,1,1,1,,,3\r\n");
	buf_reset(&out);
	in.ix = NULL;
	in.n = 1;
	in.lang = LANG_EN;
	report_register_csv(&in, true, &a, &out);
	assert_string_equal(buf_cstr(&out),
	    "\xef\xbb\xbf"
	    "Name of the asset,Business category,What it is,Who uses it,"
	    "Department,Person responsible,\"Form (paper, electronic)\","
	    "Where it is kept,Personal data,Confidentiality,Integrity,"
	    "Availability,How long it is kept,Notes,Importance\r\n"
	    "\"'=1+2\",,,,,,,,My Number data,1,1,1,,,3\r\n");
	buf_free(&out);
	arena_free(&a);
}

static void
test_report_register_doc_one_sheet(void **state)
{
	const struct register_decl *d = register_of(REGISTER_ASSETS);
	struct register_row rows[1];
	struct report_reg_in in = { .ct = &ct, .lang = LANG_JA, .d = d,
	    .rows = rows, .n = 1, .org = "株式会社テスト", .now = 1764806400 };
	const struct doc_table *t;
	struct arena a;
	struct doc doc;
	int imp = register_field(d, "importance");
	int per = register_field(d, "personal");

	arena_init(&a);
	row_of(d, &a, &rows[0], 1, "name", "給与明細", "personal", "personal",
	    "c", "1", "i", "1", "a", "1", NULL);
	report_register_doc(&in, &a, &doc);
	assert_string_equal(doc.title, "情報資産管理台帳");
	assert_non_null(strstr(doc.subtitle, "株式会社テスト"));
	assert_non_null(doc.first);
	assert_null(doc.first->next);
	assert_string_equal(doc.first->sheet, "情報資産管理台帳");
	assert_int_equal(doc.first->first->kind, DOC_TABLE);
	t = &doc.first->first->tab;
	assert_int_equal(t->ncols, d->nf);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->col[0].head, "情報資産の名前");
	assert_string_equal(t->col[imp].head, "重要度");
	assert_int_equal(doc_cell((struct doc_table *)t, 0, (size_t)imp)->kind,
	    DOC_CELL_NUM);
	assert_true(doc_cell((struct doc_table *)t, 0, (size_t)imp)->num == 2);
	assert_string_equal(doc_cell((struct doc_table *)t, 0,
	    (size_t)per)->text, "個人情報");
	assert_string_equal(doc_cell((struct doc_table *)t, 0, 0)->text,
	    "給与明細");
	assert_int_equal(doc_cell((struct doc_table *)t, 0, 1)->kind,
	    DOC_CELL_EMPTY);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_register_csv_keys_and_labels),
		cmocka_unit_test(test_report_register_doc_one_sheet),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
