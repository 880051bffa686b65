/* Unit tests for src/report/incident_notice.c: the field keys, days as
 * each language writes them, what each field of an incident reads as
 * (and which stay empty), a template filled with markers where the
 * incident says nothing, the shipped notices filled, the .txt file, and
 * the letter's paragraphs. */
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
#include "render/doc.h"
#include "report/incident_notice.h"

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

/* A row of the incidents register from key=value pairs (NULL-ended). */
static void
incident_of(struct arena *a, struct register_row *row, ...)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct register_errs errs = { 0 };
	const char *key;
	va_list ap;
	size_t i;

	memset(row, 0, sizeof(*row));
	row->id = 7;
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	va_start(ap, row);
	while ((key = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		int f = register_field(d, key);
		long x, y;

		assert_true(f >= 0);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], v, a,
		    &row->v[f], &x, &y), RFE_OK);
	}
	va_end(ap);
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
}

/* 2026-12-04 12:00 JST */
#define NOW	1796353200LL

static void
test_incident_field_keys_follow_the_pack(void **state)
{
	int f;

	for (f = 0; f < INC_F__MAX; f++) {
		assert_string_equal(incident_field_key((enum incident_field)f),
		    ct.incidents.field[f].key);
		assert_int_equal(incident_field_of(ct.incidents.field[f].key),
		    f);
	}
	assert_int_equal(incident_field_of("responder"), -1);
	assert_int_equal(incident_field_of(NULL), -1);
	assert_string_equal(incident_notice_key(INC_N_CUSTOMERS), "customers");
	assert_int_equal(incident_notice_of("partners"), INC_N_PARTNERS);
	assert_int_equal(incident_notice_of("press"), -1);
}

static void
test_incident_day_both_languages(void **state)
{
	struct arena a;

	arena_init(&a);
	assert_string_equal(incident_day(LANG_JA, "2026-03-01T09:30:00+09:00",
	    &a), "2026年3月1日");
	assert_string_equal(incident_day(LANG_EN, "2026-12-31", &a),
	    "31 December 2026");
	assert_string_equal(incident_day(LANG_EN, "2026-13-01", &a), "");
	assert_string_equal(incident_day(LANG_JA, "", &a), "");
	assert_string_equal(incident_day(LANG_JA, "2026-3-1", &a), "");
	arena_free(&a);
}

static void
test_incident_values_from_the_row(void **state)
{
	const char *v[INC_F__MAX];
	struct register_row row;
	struct arena a;
	int fa = register_field(register_of(REGISTER_INCIDENTS), "assets");

	arena_init(&a);
	incident_of(&a, &row, "kind", "leak", "summary", "名簿の流出", "level",
	    "2", "detected_at", "2026-02-28T23:30-01:00", "aware_at",
	    "2026-03-02T10:00+09:00", "people", "1234567", "note", "備考",
	    NULL);
	/* the assets as register_get reads them: ids and titles */
	row.v[fa].set = true;
	row.v[fa].s = "3,5";
	row.v[fa].i = 2;
	row.v[fa].t = "顧客名簿; 社員名簿";
	incident_values(&ct, LANG_JA, "さくら精機", &row, NOW, &a, v);
	assert_string_equal(v[INC_F_COMPANY], "さくら精機");
	assert_string_equal(v[INC_F_KIND], ct.incidents.kind[INC_LEAK].label.t
	    [LANG_JA]);
	assert_string_equal(v[INC_F_LEVEL], ct.incidents.level[2].label.t
	    [LANG_JA]);
	/* 23:30 at UTC-1 is 09:30 the next day in Japan */
	assert_string_equal(v[INC_F_DETECTED_DATE], "2026年3月1日");
	assert_string_equal(v[INC_F_AWARE_DATE], "2026年3月2日");
	assert_string_equal(v[INC_F_SUMMARY], "名簿の流出");
	assert_string_equal(v[INC_F_DATA_ITEMS], "顧客名簿、社員名簿");
	assert_string_equal(v[INC_F_PEOPLE], "1,234,567人");
	assert_string_equal(v[INC_F_NOTES], "備考");
	assert_string_equal(v[INC_F_TODAY], "2026年12月4日");
	/* nothing in the register says these */
	assert_string_equal(v[INC_F_CAUSE], "");
	assert_string_equal(v[INC_F_MEASURES], "");
	assert_string_equal(v[INC_F_CONTACT], "");
	incident_values(&ct, LANG_EN, "Sakura", &row, NOW, &a, v);
	assert_string_equal(v[INC_F_DATA_ITEMS], "顧客名簿, 社員名簿");
	assert_string_equal(v[INC_F_PEOPLE], "1,234,567 people");
	assert_string_equal(v[INC_F_TODAY], "4 December 2026");
	/* a bare incident: no assets, no people, no awareness */
	incident_of(&a, &row, "kind", "other", "summary", "x", "level", "0",
	    "detected_at", "2026-12-01T08:00+09:00", "people", "999", NULL);
	incident_values(&ct, LANG_JA, "", &row, NOW, &a, v);
	assert_string_equal(v[INC_F_DATA_ITEMS], "");
	assert_string_equal(v[INC_F_AWARE_DATE], "");
	assert_string_equal(v[INC_F_PEOPLE], "999人");
	assert_string_equal(v[INC_F_COMPANY], "");
	arena_free(&a);
}

static void
test_incident_fill_marks_what_is_missing(void **state)
{
	const char *v[INC_F__MAX];
	struct arena a;
	uint32_t missing = 0;
	int f;

	arena_init(&a);
	for (f = 0; f < INC_F__MAX; f++)
		v[f] = "";
	v[INC_F_COMPANY] = "さくら精機";
	v[INC_F_SUMMARY] = "{cause} is not filled again";
	assert_string_equal(incident_fill(&ct, LANG_JA, "{company}：{summary}"
	    "／{cause}／{responder}／{／{company", v, &a, &missing),
	    "さくら精機：{cause} is not filled again／【原因を記入】／"
	    "{responder}／{／{company");
	assert_int_equal(missing, 1u << INC_F_CAUSE);
	missing = 0;
	assert_string_equal(incident_fill(&ct, LANG_EN, "Ask {contact}.", v,
	    &a, &missing), "Ask [fill in: Where to ask].");
	assert_int_equal(missing, 1u << INC_F_CONTACT);
	assert_string_equal(incident_missing(&ct, LANG_JA, INC_F_MEASURES, &a),
	    "【会社がした対応を記入】");
	arena_free(&a);
}

static void
test_incident_notice_draft_shipped(void **state)
{
	const char *v[INC_F__MAX], *subject, *body;
	struct arena a;
	uint32_t missing;
	int f, n;

	arena_init(&a);
	for (f = 0; f < INC_F__MAX; f++)
		v[f] = arena_printf(&a, "<%s>", incident_field_key(
		    (enum incident_field)f));
	for (n = 0; n < INC_N__MAX; n++) {
		incident_notice_draft(&ct, LANG_JA, (enum incident_notice)n, v,
		    &a, &subject, &body, &missing);
		assert_int_equal(missing, 0);
		assert_null(strchr(subject, '{'));
		assert_null(strchr(body, '{'));
		assert_non_null(strstr(subject, "<kind>"));
		assert_non_null(strstr(body, "<company>"));
		assert_non_null(strstr(body, "<summary>"));
		assert_non_null(strstr(body, "<measures>"));
		assert_non_null(strstr(body, "<contact>"));
	}
	for (f = 0; f < INC_F__MAX; f++)
		v[f] = "";
	incident_notice_draft(&ct, LANG_JA, INC_N_CUSTOMERS, v, &a, &subject,
	    &body, &missing);
	assert_true(missing & (1u << INC_F_KIND));
	assert_true(missing & (1u << INC_F_DATA_ITEMS));
	assert_false(missing & (1u << INC_F_CAUSE));	/* not in it */
	assert_non_null(strstr(subject, "【事故の種類を記入】"));
	arena_free(&a);
}

static void
test_incident_notice_txt_and_letter(void **state)
{
	struct buf b = BUF_INIT;
	struct doc d;
	struct arena a;
	const struct doc_block *bl;
	int n = 0;

	incident_notice_txt("件名", "一行目\n二行目\r\n\n段落", &b);
	assert_string_equal(buf_cstr(&b),
	    "件名\r\n\r\n一行目\r\n二行目\r\n\r\n段落\r\n");
	buf_free(&b);
	arena_init(&a);
	incident_notice_build(LANG_JA, "件名", "宛名\n\n日付\n会社\n\n\n本文",
	    &a, &d);
	assert_string_equal(d.title, "件名");
	assert_string_equal(d.first->title, "件名");
	assert_null(d.subtitle);
	for (bl = d.first->first; bl != NULL; bl = bl->next, n++)
		assert_int_equal(bl->kind, DOC_TEXT);
	assert_int_equal(n, 3);
	assert_string_equal(d.first->first->next->text, "日付\n会社");
	assert_string_equal(d.first->last->text, "本文");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incident_field_keys_follow_the_pack),
		cmocka_unit_test(test_incident_day_both_languages),
		cmocka_unit_test(test_incident_values_from_the_row),
		cmocka_unit_test(test_incident_fill_marks_what_is_missing),
		cmocka_unit_test(test_incident_notice_draft_shipped),
		cmocka_unit_test(test_incident_notice_txt_and_letter),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
