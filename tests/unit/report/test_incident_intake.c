/* Unit tests for src/report/incident_intake.c: the prefill (the
 * company, its band, what happened, the vendors; nothing for devices and
 * sites), a posted form read with the questionnaire's rules (13 only
 * after a yes to 12, follow-ups only after a yes, the options ticked by
 * their write-ins, numbers, answers not offered, texts too long — each
 * refused beside its question with the answers kept), an answer as text,
 * and the PDF's parts in order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/intake.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/incident_intake.h"

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

#define NOW	1796353200LL	/* 2026-12-04 12:00 JST */

static void
incident_of(struct arena *a, struct register_row *row)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	static const char *const kv[][2] = {
		{ "kind", "malware" }, { "summary", "身代金を求める画面が出た" },
		{ "level", "3" }, { "detected_at", "2026-11-30T08:05+09:00" },
	};
	struct register_errs errs = { 0 };
	size_t i;
	int fs = register_field(d, "systems");

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		int f = register_field(d, kv[i][0]);
		long x, y;

		assert_int_equal(register_value(&ct.regenv, &d->f[f], kv[i][1],
		    a, &row->v[f], &x, &y), RFE_OK);
	}
	row->v[fs].set = true;
	row->v[fs].s = "4";
	row->v[fs].i = 1;
	row->v[fs].t = "ファイルサーバー";
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
}

static void
test_incident_intake_prefill(void **state)
{
	const char *vendors[] = { "サポート株式会社", "回線サービス" };
	struct incident_intake_in in = { &ct, LANG_JA, "さくら精機", NOW };
	struct incident_intake_facts f = { "e2", vendors, 2 };
	struct intake_answers ans;
	struct register_row row;
	struct arena a;

	arena_init(&a);
	incident_of(&a, &row);
	incident_intake_prefill(&in, &row, &f, &a, &ans);
	assert_string_equal(intake_text(&ans, "h.company"), "さくら精機");
	assert_string_equal(intake_text(&ans, "h.employees"), "6〜20人");
	assert_null(intake_find(&ans, "h.terminals"));
	assert_null(intake_find(&ans, "h.sites"));
	assert_null(intake_find(&ans, "h.enquirer"));
	assert_string_equal(intake_text(&ans, "q.5"), "ウイルス感染。"
	    "2026年11月30日 08:05に見つけました。\n身代金を求める画面が出た\n"
	    "関わるシステム：ファイルサーバー");
	assert_string_equal(intake_text(&ans, "q.14"), "yes");
	assert_string_equal(intake_text(&ans, "q.14.companies"),
	    "サポート株式会社、回線サービス");
	assert_int_equal(ans.n, 5);
	/* no band, no vendors: nothing for them */
	f.employees = NULL;
	f.nv = 0;
	in.lang = LANG_EN;
	incident_intake_prefill(&in, &row, &f, &a, &ans);
	assert_null(intake_find(&ans, "h.employees"));
	assert_null(intake_find(&ans, "q.14"));
	assert_string_equal(intake_text(&ans, "q.5"), "Malware infection, "
	    "detected 30 November 2026 08:05.\n身代金を求める画面が出た\n"
	    "Systems concerned: ファイルサーバー");
	arena_free(&a);
}

/* A posted form: name, value pairs. */
struct posted {
	const char *const	(*kv)[2];
	size_t			 n;
};

static const char *
get(void *arg, const char *name)
{
	const struct posted *p = arg;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->kv[i][0], name) == 0)
			return p->kv[i][1];
	return NULL;
}

static size_t
read_form(const char *const (*kv)[2], size_t n, struct arena *a,
    struct intake_answers *ans, struct incident_intake_errs *errs)
{
	struct posted p = { kv, n };

	return incident_intake_from_form(&ct.intake, get, &p, a, ans, errs);
}

#define READ(kv) read_form(kv, sizeof(kv) / sizeof(kv[0]), &a, &ans, &errs)

static void
test_incident_intake_from_form_reads(void **state)
{
	static const char *const kv[][2] = {
		{ "h.company", "  さくら精機\r\n" }, { "h.terminals", "12" },
		{ "q.1", "yes" }, { "q.1.from", "取引先" },
		{ "q.4.other", "偽の請求" },	/* ticks "other" */
		{ "pick.q.4.pc_infected", "1" },
		{ "q.5", "一行目\r\n二行目" },
		{ "q.6", "unsure" }, { "q.7", "yes" }, { "q.7.frequency", "once" },
		{ "q.8", "yes" }, { "q.8.count", "3" },
		{ "q.10", "yes" }, { "pick.q.10.events.lost_media", "1" },
		{ "q.12", "yes" }, { "q.13", "no" }, { "q.13.period", "" },
		{ "q.15", "" }, { "pick.q.21.updates", "on" },
		{ "pick.q.21.nonsense", "1" },	/* not an option: ignored */
	};
	struct incident_intake_errs errs;
	struct intake_answers ans;
	struct arena a;

	arena_init(&a);
	assert_int_equal(READ(kv), 0);
	assert_string_equal(intake_text(&ans, "h.company"), "さくら精機");
	assert_string_equal(intake_text(&ans, "h.terminals"), "12");
	assert_string_equal(intake_text(&ans, "q.1.from"), "取引先");
	/* options in the questionnaire's order, write-in kept */
	assert_int_equal(intake_find(&ans, "q.4")->nlist, 2);
	assert_string_equal(intake_find(&ans, "q.4")->list[0], "pc_infected");
	assert_string_equal(intake_find(&ans, "q.4")->list[1], "other");
	assert_string_equal(intake_text(&ans, "q.4.other"), "偽の請求");
	assert_string_equal(intake_text(&ans, "q.5"), "一行目\n二行目");
	assert_string_equal(intake_text(&ans, "q.7.frequency"), "once");
	assert_string_equal(intake_text(&ans, "q.8.count"), "3");
	assert_true(intake_has(&ans, "q.10.events", "lost_media"));
	assert_string_equal(intake_text(&ans, "q.13"), "no");
	assert_null(intake_find(&ans, "q.13.period"));
	assert_null(intake_find(&ans, "q.15"));
	assert_int_equal(intake_find(&ans, "q.21")->nlist, 1);
	assert_true(incident_intake_asked(&ct.intake, &ans, 13));
	assert_true(incident_intake_asked(&ct.intake, &ans, 1));
	arena_free(&a);
}

static void
test_incident_intake_from_form_refuses(void **state)
{
	static const char *const no12[][2] = {
		{ "q.12", "no" }, { "q.13", "yes" },
	};
	static const char *const only_sub[][2] = {
		{ "q.12", "unsure" }, { "q.13.period", "90日" },
	};
	static const char *const unanswered12[][2] = {
		{ "q.13", "unsure" },
	};
	static const char *const subs[][2] = {
		{ "q.1", "no" }, { "q.1.from", "取引先" },
		{ "q.6.since", "先週" },	/* 6 unanswered */
		{ "q.7", "unsure" }, { "q.7.frequency", "once" },
	};
	static const char *const bad[][2] = {
		{ "q.1", "unsure" },	/* 1 is yes/no only */
		{ "q.6", "maybe" }, { "q.8", "yes" }, { "q.8.count", "three" },
		{ "q.9", "yes" }, { "q.7", "yes" }, { "q.7.frequency", "daily" },
		{ "q.10", "yes" },
	};
	static const char *const range[][2] = {
		{ "q.8", "yes" }, { "q.8.count", "1000001" },
	};
	struct incident_intake_errs errs;
	struct intake_answers ans;
	struct arena a;
	char *longtext;

	arena_init(&a);
	assert_int_equal(READ(no12), 1);
	assert_string_equal(errs.q[13].key, "intake.err.not_asked");
	assert_int_equal(errs.q[13].a, 12);
	assert_null(errs.q[12].key);
	/* what was posted is kept to show again */
	assert_string_equal(intake_text(&ans, "q.13"), "yes");
	assert_false(incident_intake_asked(&ct.intake, &ans, 13));
	assert_int_equal(READ(only_sub), 1);
	assert_string_equal(errs.q[13].key, "intake.err.not_asked");
	assert_int_equal(READ(unanswered12), 1);
	assert_string_equal(errs.q[13].key, "intake.err.not_asked");

	assert_int_equal(READ(subs), 3);
	assert_string_equal(errs.q[1].key, "intake.err.followups");
	assert_string_equal(errs.q[6].key, "intake.err.followups");
	assert_string_equal(errs.q[7].key, "intake.err.followups");
	assert_string_equal(intake_text(&ans, "q.1.from"), "取引先");

	assert_int_equal(READ(bad), 4);
	assert_string_equal(errs.q[1].key, "reg.err.unknown_key");
	assert_string_equal(errs.q[6].key, "reg.err.unknown_key");
	assert_string_equal(errs.q[8].key, "reg.err.not_integer");
	assert_string_equal(errs.q[7].key, "reg.err.unknown_key");
	assert_null(errs.q[9].key);
	assert_string_equal(intake_text(&ans, "q.8.count"), "three");
	assert_int_equal(READ(range), 1);
	assert_string_equal(errs.q[8].key, "reg.err.out_of_range");
	assert_int_equal(errs.q[8].b, INTAKE_NUMBER_MAX);

	/* a header line past its limit, kept to show again */
	longtext = arena_alloc(&a, INTAKE_LINE_MAX + 2);
	memset(longtext, 'x', INTAKE_LINE_MAX + 1);
	{
		const char *const kv[][2] = { { "h.company", longtext },
		    { "q.5", "\xff" } };

		assert_int_equal(READ(kv), 2);
	}
	assert_string_equal(errs.header[INC_H_COMPANY].key, "form.err.long");
	assert_int_equal(errs.header[INC_H_COMPANY].a, INTAKE_LINE_MAX);
	assert_int_equal(errs.header[INC_H_COMPANY].b, INTAKE_LINE_MAX + 1);
	assert_string_equal(intake_text(&ans, "h.company"), longtext);
	assert_string_equal(errs.q[5].key, "form.err.utf8");
	arena_free(&a);
}

static void
test_incident_intake_answer_text(void **state)
{
	static const char *const kv[][2] = {
		{ "q.4.other", "偽の請求" }, { "pick.q.4.inside_leak", "1" },
		{ "q.7", "yes" }, { "q.7.since", "2月" },
		{ "q.7.frequency", "fixed_day" },
		{ "q.18", "yes" }, { "pick.q.18.to.executives", "1" },
	};
	struct incident_intake_errs errs;
	struct intake_answers ans;
	struct arena a;

	arena_init(&a);
	assert_int_equal(READ(kv), 0);
	assert_string_equal(incident_intake_answer(&ct, LANG_JA, &ans, 4, &a),
	    "社内から情報が漏れている、その他（偽の請求）");
	assert_string_equal(incident_intake_answer(&ct, LANG_JA, &ans, 7, &a),
	    "はい\nいつごろから：2月\nどのくらいの頻度で：決まった曜日に");
	assert_string_equal(incident_intake_answer(&ct, LANG_EN, &ans, 18, &a),
	    "Yes\nWhom: The management");
	assert_null(incident_intake_answer(&ct, LANG_JA, &ans, 1, &a));
	assert_null(incident_intake_answer(&ct, LANG_JA, &ans, 23, &a));
	arena_free(&a);
}

static void
test_incident_intake_build_parts(void **state)
{
	static const char *const kv[][2] = {
		{ "h.terminals", "12" }, { "h.employees", "6〜20人" },
		{ "q.12", "no" },
	};
	struct incident_intake_in in = { &ct, LANG_JA, "さくら精機", NOW };
	struct incident_intake_view v;
	struct incident_intake_errs errs;
	struct intake_answers ans;
	const struct doc_section *s;
	const struct doc_block *b;
	struct arena a;
	struct doc d;
	int n = 0, g;

	arena_init(&a);
	memset(&v, 0, sizeof(v));
	incident_of(&a, &v.inc);
	assert_int_equal(READ(kv), 0);
	v.ans = ans;
	incident_intake_build(&in, &v, &a, &d);
	assert_string_equal(d.title, ct.intake.title.t[LANG_JA]);
	assert_string_equal(d.subtitle, "さくら精機 — 2026-12-04");
	assert_int_equal(d.ncover, 3);
	assert_string_equal(d.cover[1].value, "2026年11月30日 08:05");
	s = d.first;
	/* the header: a bare number takes its unit, a band does not */
	b = s->first->next;
	assert_int_equal(b->kind, DOC_TABLE);
	assert_string_equal(doc_cell((struct doc_table *)&b->tab,
	    INC_H_TERMINALS, 1)->text, "12台");
	assert_string_equal(doc_cell((struct doc_table *)&b->tab,
	    INC_H_EMPLOYEES, 1)->text, "6〜20人");
	/* five groups, their questions in order, 13 not asked */
	for (g = 0, s = s->next; g < INC_G__MAX; g++, s = s->next) {
		const struct doc_table *t = &s->last->tab;
		size_t r;

		assert_int_equal(t->nrows, (size_t)(ct.intake.group[g].last -
		    ct.intake.group[g].first + 1));
		for (r = 0; r < t->nrows; r++) {
			int q = ct.intake.group[g].first + (int)r;
			const char *ans_text = doc_cell((struct doc_table *)t,
			    r, 2)->text;

			assert_int_equal(atoi(doc_cell((struct doc_table *)t, r,
			    0)->text), q);
			n++;
			if (q == 13)
				assert_string_equal(ans_text, "問12で「はい」と"
				    "答えたときだけ答えます。");
			else if (q == 12)
				assert_string_equal(ans_text, "いいえ");
			else
				assert_string_equal(ans_text, "（答えていません）");
		}
	}
	assert_int_equal(n, INC_QUESTIONS);
	/* then the seven things, then the desks as of their day */
	assert_string_equal(s->title, ct.intake.precall_title.t[LANG_JA]);
	assert_int_equal(s->first->nitems, INC_P__MAX);
	assert_true(s->first->numbered);
	s = s->next;
	assert_non_null(strstr(s->first->text, ct.desks.as_of));
	assert_int_equal(s->first->next->tab.nrows, ct.desks.n);
	assert_null(s->next);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incident_intake_prefill),
		cmocka_unit_test(test_incident_intake_from_form_reads),
		cmocka_unit_test(test_incident_intake_from_form_refuses),
		cmocka_unit_test(test_incident_intake_answer_text),
		cmocka_unit_test(test_incident_intake_build_parts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
