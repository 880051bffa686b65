/* Unit tests for src/report/programme_doc.c: a visit's implementation
 * report holds what its record says — the day held or planned, the mode,
 * the agenda's times with their notes, the decisions, that visit's
 * homework only, the states of that visit's deliverables and the next
 * visit's day — in Japanese and English, and renders as a PDF. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "report/programme_doc.h"

static struct content ct;

/* Every text of d in order, one a line, into b. */
static void
texts(const struct doc *d, struct buf *b)
{
	const struct doc_section *s;
	const struct doc_block *k;
	size_t i;

	buf_printf(b, "%s\n", d->title);
	for (i = 0; i < d->ncover; i++)
		buf_printf(b, "%s: %s\n", d->cover[i].label, d->cover[i].value);
	for (s = d->first; s != NULL; s = s->next) {
		buf_printf(b, "%s\n", s->title);
		for (k = s->first; k != NULL; k = k->next) {
			if (k->text != NULL)
				buf_printf(b, "%s\n", k->text);
			if (k->kind == DOC_TABLE)
				for (i = 0; i < k->tab.nrows * k->tab.ncols;
				    i++)
					buf_printf(b, "%s\n", k->tab.cell[i].text ?
					    k->tab.cell[i].text : "");
		}
	}
}

/* Four visits: 1 held online with notes and two homework rows, a third
 * homework of visit 2; pledge agreed. */
static void
view(struct engagement_view *ev, struct engagement_visit v[4],
    struct engagement_homework hw[3], struct engagement_deliv dv[2])
{
	static const char *const planned[4] = { "2025-10-17", "2025-10-31",
	    "2025-11-14", "2025-11-28" };
	int i;

	memset(ev, 0, sizeof(*ev));
	memset(v, 0, 4 * sizeof(*v));
	for (i = 0; i < 4; i++) {
		v[i].n = i + 1;
		v[i].planned = planned[i];
		v[i].held = "";
		v[i].attendees = "";
		v[i].decisions = "";
		v[i].updated_by = "";
	}
	v[0].held = "2025-10-18";
	v[0].mode = ENG_ONLINE;
	v[0].attendees = "社長、総務課長";
	v[0].decisions = "基本方針は社長が書く";
	v[0].nnotes = 1;
	v[0].notes[0].key = "hearing";
	v[0].notes[0].text = "受発注はクラウド";
	hw[0] = (struct engagement_homework){ 1, 1, ENG_COMPANY,
	    "基本方針の案", "2025-10-30", "" };
	hw[1] = (struct engagement_homework){ 2, 1, ENG_ADVISOR,
	    "規程の確認表", "2025-10-29", "2025-10-28" };
	hw[2] = (struct engagement_homework){ 3, 2, ENG_COMPANY,
	    "二回目の宿題", "2025-11-10", "" };
	dv[0] = (struct engagement_deliv){ "pledge_copy", ENG_D_AGREED, 1,
	    "" };
	dv[1] = (struct engagement_deliv){ "diagnosis_summary", ENG_D_DRAFT,
	    1, "" };
	ev->e.tmpl = "four_visits";
	ev->e.advisor_email = "adv@example.jp";
	ev->e.state = "open";
	ev->visit = v;
	ev->nvisits = 4;
	ev->hw = hw;
	ev->nhw = 3;
	ev->deliv = dv;
	ev->ndeliv = 2;
}

static void
test_programme_doc_visit_one(void **state)
{
	const struct programme *p = programme_find(&ct, "four_visits");
	struct programme_doc_in in = { &ct, LANG_JA, "みどり建設", 1760659200 };
	struct engagement_view ev;
	struct engagement_visit v[4];
	struct engagement_homework hw[3];
	struct engagement_deliv dv[2];
	struct arena a;
	struct doc d;
	struct buf b = BUF_INIT, pdf = BUF_INIT;
	char err[256];
	const char *t;

	assert_non_null(p);
	view(&ev, v, hw, dv);
	arena_init(&a);
	programme_doc_build(&in, &ev, p, 1, &a, &d);
	texts(&d, &b);
	t = buf_cstr(&b);
	assert_string_equal(d.title, "実施報告（1回目の訪問）");
	assert_non_null(strstr(t, "会社: みどり建設\n"));
	assert_non_null(strstr(t, "支援者: adv@example.jp\n"));
	assert_non_null(strstr(t, "実施日: 2025-10-18\n"));
	assert_non_null(strstr(t, "オンラインで"));
	assert_non_null(strstr(t, "社長、総務課長"));
	assert_non_null(strstr(t, "13:40–14:40\n事業とIT環境の聞き取り\n"
	    "受発注はクラウド\n"));
	assert_non_null(strstr(t, "13:30–13:40\n"));
	assert_non_null(strstr(t, "基本方針は社長が書く"));
	assert_non_null(strstr(t, "会社\n基本方針の案\n2025-10-30\n—\n"));
	assert_non_null(strstr(t, "支援者\n規程の確認表\n2025-10-29\n"
	    "2025-10-28\n"));
	assert_null(strstr(t, "二回目の宿題"));
	assert_non_null(strstr(t, "守秘の誓約書の写し\n合意済み\n"));
	assert_non_null(strstr(t, "自己診断の結果のまとめ\n案あり\n"));
	assert_non_null(strstr(t, "2回目の訪問: 2025-10-31"));
	assert_int_equal(report_render(&d, REPORT_PDF, &pdf, err,
	    sizeof(err)), REPORT_OK);
	assert_true(pdf.n > 1000 && memcmp(pdf.p, "%PDF", 4) == 0);
	buf_free(&b);
	buf_free(&pdf);
	arena_free(&a);
}

/* Visit 4, not held, in English: planned, the last, its deliverables not
 * started. */
static void
test_programme_doc_last_visit_en(void **state)
{
	const struct programme *p = programme_find(&ct, "four_visits");
	struct programme_doc_in in = { &ct, LANG_EN, "Midori", 1760659200 };
	struct engagement_view ev;
	struct engagement_visit v[4];
	struct engagement_homework hw[3];
	struct engagement_deliv dv[2];
	struct arena a;
	struct doc d;
	struct buf b = BUF_INIT;
	const char *t;

	view(&ev, v, hw, dv);
	arena_init(&a);
	programme_doc_build(&in, &ev, p, 4, &a, &d);
	texts(&d, &b);
	t = buf_cstr(&b);
	assert_string_equal(d.title, "Implementation report (visit 4)");
	assert_non_null(strstr(t, "Day held: 2025-11-28 (planned)\n"));
	assert_non_null(strstr(t, "How it was held: On site\n"));
	assert_non_null(strstr(t, "No homework.\n"));
	assert_non_null(strstr(t, "Final report\nNot started\n"));
	assert_non_null(strstr(t, "This is the last visit."));
	buf_free(&b);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_programme_doc_visit_one),
		cmocka_unit_test(test_programme_doc_last_visit_en),
	};
	char err[512];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	content_free(&ct);
	return failed;
}
