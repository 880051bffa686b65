/* Unit tests for src/report/keizoku_doc.c: the draft of the continuity-
 * plan certification form — six sections in the form's order with their
 * sheets, the draft notice and the date first, the S and A processes as
 * the core work, every process's target recovery time in hours, the
 * systems' 3-2-1 state among the measures, the contacts as recovery
 * owners, an exercises register read when there is one; every row of
 * every table with its source, every cell to fill marked and tinted,
 * no key left for want of a text; an empty organisation in both
 * languages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/bcp.h"
#include "model/bcpflow.h"
#include "model/org.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/keizoku_doc.h"

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

/* A row of register d from key=value pairs (NULL-terminated), its
 * derived fields filled as a read of the database would (the processes'
 * RTO under the first example table). */
static void
row_of(struct arena *a, const struct register_decl *d,
    struct register_row *row, int64_t id, ...)
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

		if (f < 0)
			fail_msg("no field %s", k);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], v, a,
		    &row->v[f], &x, &y), RFE_OK);
	}
	va_end(ap);
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
	if (d->derive_settings != NULL)
		d->derive_settings(&ct.regenv, d->settings_read(&ct.regenv,
		    "{}", a), row);
}

#define REG(k)	register_of(REGISTER_##k)

/* What the registers of a small company hold. */
struct fixture {
	struct org		 o;
	struct bcp_all		 x;
	struct register_row	 proc[5], sys[2], rec[3], con[2], dis[2],
				 plan[3];
};

static void
fixture(struct arena *a, struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->o.name = "株式会社テスト";
	f->o.industry = "E";
	f->o.employees = "e2";
	f->o.dep_class = "take";
	/* importance × dependency: S, B, A, S, D, given out of order */
	row_of(a, REG(PROCESSES), &f->proc[0], 1, "name", "受注", "importance",
	    "3", "dependency", "3", "workaround", "紙の注文票", NULL);
	row_of(a, REG(PROCESSES), &f->proc[1], 2, "name", "給与", "importance",
	    "2", "dependency", "2", NULL);
	row_of(a, REG(PROCESSES), &f->proc[2], 3, "name", "請求", "importance",
	    "3", "dependency", "2", "owner", "経理", NULL);
	row_of(a, REG(PROCESSES), &f->proc[3], 4, "name", "出荷", "importance",
	    "3", "dependency", "3", NULL);
	row_of(a, REG(PROCESSES), &f->proc[4], 5, "name", "備品", "importance",
	    "1", "dependency", "1", NULL);
	/* one system short of 3-2-1 on every count, one that meets it */
	row_of(a, REG(SYSTEMS), &f->sys[0], 11, "name", "販売管理",
	    "processes", "1,3", "copies", "1", "media", "nas",
	    "last_backup", "2026-11-30", "last_restore_test", "2026-06-01",
	    NULL);
	row_of(a, REG(SYSTEMS), &f->sys[1], 12, "name", "会計", "processes",
	    "2", "copies", "3", "media", "cloud,usb", "offline", "1",
	    "offsite", "1", "offline_offsite", "1", "last_backup",
	    "2026-12-01", NULL);
	/* provisional steps 1 and 0 of 販売管理, a permanent one */
	row_of(a, REG(RECOVERY), &f->rec[0], 21, "system", "11", "stage",
	    "provisional", "step", "1", "action", "被害を調べる", "owner",
	    "小林", "minutes", "30", NULL);
	row_of(a, REG(RECOVERY), &f->rec[1], 22, "system", "11", "stage",
	    "provisional", "step", "0", "action", "落ち着きを確かめる",
	    "owner", "鈴木", NULL);
	row_of(a, REG(RECOVERY), &f->rec[2], 23, "system", "11", "stage",
	    "permanent", "step", "6", "action", "本番に戻す", NULL);
	row_of(a, REG(CONTACTS), &f->con[0], 31, "target", "employees", "owner",
	    "総務部長", "phone", "03-1234-5678", NULL);
	row_of(a, REG(CONTACTS), &f->con[1], 32, "target", "hardware", "owner",
	    "情報システム", "company", "保守会社", "system", "11", NULL);
	row_of(a, REG(DISRUPTIONS), &f->dis[0], 41, "kind", "earthquake",
	    "scenario", "サーバーが倒れる", "layers", "building,hardware",
	    "systems", "11", NULL);
	row_of(a, REG(DISRUPTIONS), &f->dis[1], 42, "kind", "epidemic",
	    "scenario", "担当者が休む", "layers", "people", NULL);
	row_of(a, REG(PLAN), &f->plan[0], 51, "area", "human", "measure",
	    "連絡網", "status", "done", "done_on", "2026-10-01", NULL);
	row_of(a, REG(PLAN), &f->plan[1], 52, "area", "physical", "measure",
	    "機器の固定", "status", "dropped", NULL);
	row_of(a, REG(PLAN), &f->plan[2], 53, "area", "technical", "measure",
	    "外付けディスク", "status", "doing", NULL);
	f->x.proc = f->proc;
	f->x.np = 5;
	f->x.sys = f->sys;
	f->x.ns = 2;
	f->x.rec = f->rec;
	f->x.nr = 3;
	f->x.con = f->con;
	f->x.nc = 2;
	f->x.dis = f->dis;
	f->x.nd = 2;
	bcp_settings_read("{}", &f->x.s);
	bcpflow_systems(f->proc, 5, f->sys, 2, f->rec, 3, NOW, a, &f->x.view);
}

/* A text the builder took from the catalogue is a text, not its key. */
static void
assert_text(const char *s)
{
	if (s == NULL)
		return;
	if (strncmp(s, "keizoku.", 8) == 0 || strncmp(s, "reg.", 4) == 0 ||
	    strncmp(s, "bcp.", 4) == 0 || strncmp(s, "org.", 4) == 0 ||
	    strstr(s, "{1}") != NULL || strstr(s, "{2}") != NULL)
		fail_msg("a key instead of its text: %s", s);
}

static const char *
U(enum lang l, const char *key)
{
	return content_ui(&ct, l, key);
}

/* The n-th table of section s (0 first), or fail. */
static const struct doc_table *
nth_table(const struct doc_section *s, int n)
{
	const struct doc_block *b;

	for (b = s->first; b != NULL; b = b->next)
		if (b->kind == DOC_TABLE && n-- == 0)
			return &b->tab;
	fail_msg("section %s: no table %d", s->title, n);
	return NULL;
}

static const char *
cell(const struct doc_table *t, size_t r, size_t c)
{
	const struct doc_cell *x = &t->cell[r * t->ncols + c];

	return x->kind == DOC_CELL_TEXT ? x->text : "";
}

/* Every text of d is one (no key), every table's last column is the
 * source and says something on every row, a cell to fill begins with
 * the mark, is tinted, and its row's source says the company fills it. */
static void
check_all(const struct doc *d, enum lang l)
{
	const char *mark = U(l, "keizoku.fill_mark"),
	    *by = U(l, "keizoku.src.fill");
	const struct doc_section *s;
	const struct doc_block *b;
	size_t r, c, k, nsec = 0, ntab = 0;

	assert_text(d->title);
	assert_text(d->subtitle);
	for (k = 0; k < d->ncover; k++) {
		assert_text(d->cover[k].label);
		assert_text(d->cover[k].value);
	}
	for (s = d->first; s != NULL; s = s->next, nsec++) {
		assert_text(s->title);
		assert_non_null(s->sheet);
		assert_true(strlen(s->sheet) <= 31 * 3);
		for (b = s->first; b != NULL; b = b->next) {
			const struct doc_table *t = &b->tab;

			assert_text(b->text);
			if (b->kind != DOC_TABLE)
				continue;
			ntab++;
			assert_string_equal(t->col[t->ncols - 1].head,
			    U(l, "keizoku.col.source"));
			for (c = 0; c < t->ncols; c++)
				assert_text(t->col[c].head);
			for (r = 0; r < t->nrows; r++) {
				const char *src = cell(t, r, t->ncols - 1);

				if (src[0] == '\0')
					fail_msg("%s: row %zu has no source",
					    s->title, r);
				for (c = 0; c + 1 < t->ncols; c++) {
					const struct doc_cell *x =
					    &t->cell[r * t->ncols + c];

					if (x->kind != DOC_CELL_TEXT)
						continue;
					assert_text(x->text);
					if (strncmp(x->text, mark,
					    strlen(mark)) != 0)
						continue;
					assert_int_equal(x->tone,
					    DOC_TONE_WARN);
					assert_non_null(strstr(src, by));
				}
			}
		}
	}
	assert_int_equal(nsec, 6);
	assert_true(ntab >= 9);
}

static void
check_sections(const struct doc *d, enum lang l)
{
	static const char *const sheet[] = {
		"keizoku.s1.sheet", "keizoku.s2.sheet", "keizoku.s3.sheet",
		"keizoku.s4.sheet", "keizoku.s5.sheet", "keizoku.s6.sheet",
	};
	const struct doc_section *s;
	size_t k = 0;

	assert_string_equal(d->title, U(l, "keizoku.title"));
	assert_true(d->landscape);
	assert_int_equal(d->ncover, 1);
	assert_string_equal(d->cover[0].label, U(l, "keizoku.generated"));
	assert_string_equal(d->cover[0].value, "2026-12-05");
	for (s = d->first; s != NULL; s = s->next, k++)
		assert_string_equal(s->sheet, U(l, sheet[k]));
	/* the notice first, in plain words */
	assert_int_equal(d->first->first->kind, DOC_HEADING);
	assert_string_equal(d->first->first->text, U(l, "keizoku.draft_head"));
	assert_string_equal(d->first->first->next->text, U(l, "keizoku.draft"));
}

static void
test_keizoku_doc_build_filled(void **state)
{
	struct keizoku_doc_in in = { .ct = &ct, .lang = LANG_JA,
	    .org = "使わない名前", .now = NOW };
	const struct doc_section *s1, *s2, *s3, *s4, *s5, *s6;
	const struct doc_table *t;
	struct fixture f;
	struct arena a;
	struct doc d;
	size_t r;

	arena_init(&a);
	fixture(&a, &f);
	in.prof = &f.o;
	in.bcp = &f.x;
	in.plan = f.plan;
	in.nplan = 3;
	keizoku_doc_build(&in, &a, &d);
	check_sections(&d, LANG_JA);
	check_all(&d, LANG_JA);
	assert_non_null(strstr(d.subtitle, "株式会社テスト"));
	s1 = d.first;
	s2 = s1->next;
	s3 = s2->next;
	s4 = s3->next;
	s5 = s4->next;
	s6 = s5->next;

	/* 1: the profile, the role to fill, the core work S then A */
	t = nth_table(s1, 0);
	assert_string_equal(cell(t, 0, 1), "株式会社テスト");
	assert_string_equal(cell(t, 1, 1), "製造業");
	assert_string_equal(cell(t, 2, 1), "6〜20人");
	assert_string_equal(cell(t, 3, 1), "竹");
	assert_non_null(strstr(cell(t, 5, 1), "【記入】"));
	assert_string_equal(cell(t, 6, 1), "受注、出荷、請求");
	t = nth_table(s1, 1);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(cell(t, 0, 0), "受注");
	assert_string_equal(cell(t, 1, 0), "出荷");
	assert_string_equal(cell(t, 2, 0), "請求");
	assert_string_equal(cell(t, 0, 4), "紙の注文票");

	/* 2: the events; the gaps of 販売管理, 1 of 2 meeting 3-2-1 */
	t = nth_table(s2, 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, 4), "販売管理");
	t = nth_table(s2, 1);
	assert_non_null(strstr(cell(t, 0, 1), "感染症の流行"));
	assert_non_null(strstr(cell(t, 0, 1), "総務部長"));
	assert_non_null(strstr(cell(t, 1, 1), "大地震"));
	assert_non_null(strstr(cell(t, 2, 1), "【記入】"));
	assert_non_null(strstr(cell(t, 3, 1), "2件のうち、1件"));
	assert_non_null(strstr(cell(t, 3, 1), "販売管理（コピーが3つ未満、"
	    "置き場所の種類が2つ未満、切り離して別の場所に置いたコピーがない）"));

	/* 3: the provisional steps by step, the RTO hours of ex1 */
	t = nth_table(s3, 0);
	assert_int_equal(t->nrows, 3);
	assert_non_null(strstr(cell(t, 1, 2), "受注（すぐに）"));
	t = nth_table(s3, 1);
	assert_int_equal(t->nrows, 2);
	assert_int_equal((int)t->cell[0 * t->ncols + 1].num, 0);
	assert_string_equal(cell(t, 0, 4), "鈴木");
	assert_string_equal(cell(t, 1, 4), "小林");
	assert_int_equal(t->cell[1 * t->ncols + 5].kind, DOC_CELL_NUM);
	assert_int_equal((int)t->cell[1 * t->ncols + 5].num, 30);
	t = nth_table(s3, 2);
	{
		static const char *const name[] = { "受注", "出荷", "請求",
		    "給与", "備品" };
		static const int hours[] = { 0, 0, 12, 24, -1 };

		assert_int_equal(t->nrows, 5);
		for (r = 0; r < 5; r++) {
			const struct doc_cell *h = &t->cell[r * t->ncols + 2];

			assert_string_equal(cell(t, r, 0), name[r]);
			if (hours[r] < 0)
				assert_int_equal(h->kind, DOC_CELL_EMPTY);
			else {
				assert_int_equal(h->kind, DOC_CELL_NUM);
				assert_int_equal((int)h->num, hours[r]);
			}
		}
	}

	/* 4: people (the done row), things (the dropped row left out: to
	 * fill), money (to fill), information (the plan row, the systems) */
	t = nth_table(s4, 0);
	assert_int_equal(t->nrows, 1 + 1 + 1 + 3);
	assert_string_equal(cell(t, 0, 1), "連絡網");
	assert_string_equal(cell(t, 0, 2), "実施済み（2026-10-01）");
	assert_int_equal(t->cell[2].tone, DOC_TONE_GOOD);
	assert_non_null(strstr(cell(t, 1, 1), "【記入】"));
	assert_non_null(strstr(cell(t, 2, 1), "【記入】"));
	assert_string_equal(cell(t, 3, 2), "これから（対応中）");
	assert_non_null(strstr(cell(t, 4, 1), "販売管理："));
	assert_string_equal(cell(t, 4, 2), "これから（3-2-1に足りない）");
	assert_string_equal(cell(t, 5, 2), "実施済み（3-2-1を満たす）");

	/* 5: the executive to name, the owners with their system */
	t = nth_table(s5, 0);
	assert_int_equal(t->nrows, 3);
	assert_non_null(strstr(cell(t, 0, 1), "【記入】"));
	assert_string_equal(cell(t, 1, 1), "総務部長");
	assert_non_null(strstr(cell(t, 1, 2), "03-1234-5678"));
	assert_non_null(strstr(cell(t, 2, 0), "（販売管理）"));

	/* 6: no exercises register: a row to fill; the dates */
	t = nth_table(s6, 0);
	assert_non_null(strstr(cell(t, 0, 0), "【記入】"));
	t = nth_table(s6, 1);
	assert_int_equal(t->nrows, 5);
	assert_string_equal(cell(t, 0, 2), "2026-12-01");
	assert_string_equal(cell(t, 0, 3), "2027-12-01");
	assert_string_equal(cell(t, 1, 2), "2026-06-01");
	assert_string_equal(cell(t, 2, 2), "2026-10-01");
	assert_non_null(strstr(cell(t, 3, 3), "2027-12-05"));
	arena_free(&a);
}

/* An exercises register, as one may come: a title and a date. */
static const struct rf_decl ex_fields[] = {
	{ "title", RF_TEXT, true, false, true, 0, 100, KS_NONE, 0 },
	{ "note", RF_LONG, false, false, false, 0, 1000, KS_NONE, 0 },
	{ "held_on", RF_DATE, false, false, true, 0, 0, KS_NONE, 0 },
};
static const struct register_decl ex_decl = {
	.kind = REGISTER__MAX, .key = "exercises", .f = ex_fields, .nf = 3,
	.title = 0, .sort = 2, .unique = -1,
};

static void
test_keizoku_doc_build_exercises(void **state)
{
	struct keizoku_doc_in in = { .ct = &ct, .lang = LANG_EN,
	    .org = "Test Ltd", .now = NOW };
	struct register_row ex[2];
	const struct doc_table *t;
	const struct doc_section *s6;
	struct fixture f;
	struct arena a;
	struct doc d;

	arena_init(&a);
	fixture(&a, &f);
	row_of(&a, &ex_decl, &ex[0], 1, "title", "Ransomware tabletop",
	    "held_on", "2026-09-10", NULL);
	row_of(&a, &ex_decl, &ex[1], 2, "title", "Earthquake drill",
	    "held_on", "2026-03-01", NULL);
	in.bcp = &f.x;
	in.exd = &ex_decl;
	in.ex = ex;
	in.nex = 2;
	keizoku_doc_build(&in, &a, &d);
	check_sections(&d, LANG_EN);
	check_all(&d, LANG_EN);
	assert_non_null(strstr(d.subtitle, "Test Ltd"));
	for (s6 = d.first; s6->next != NULL; s6 = s6->next)
		;
	t = nth_table(s6, 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, 0), "Ransomware tabletop");
	assert_string_equal(cell(t, 0, 1), "2026-09-10");
	assert_string_equal(cell(t, 1, 0), "Earthquake drill");
	t = nth_table(s6, 1);
	/* education and exercises: the latest exercise */
	assert_string_equal(cell(t, 4, 2), "2026-09-10");
	assert_string_equal(cell(t, 4, 3), "2027-09-10");
	assert_non_null(strstr(cell(t, 4, 4), U(LANG_EN,
	    "keizoku.src.exercises")));
	arena_free(&a);
}

static void
test_keizoku_doc_build_empty(void **state)
{
	enum lang l;

	for (l = 0; l < LANG__MAX; l++) {
		struct keizoku_doc_in in = { .ct = &ct, .lang = l,
		    .org = "空の会社", .now = NOW };
		const char *mark = U(l, "keizoku.fill_mark");
		const struct doc_section *s;
		const struct doc_table *t;
		struct arena a;
		struct doc d;
		size_t r;

		arena_init(&a);
		keizoku_doc_build(&in, &a, &d);
		check_sections(&d, l);
		check_all(&d, l);
		t = nth_table(d.first, 0);
		assert_string_equal(cell(t, 0, 1), "空の会社");
		for (r = 1; r < t->nrows; r++)
			assert_memory_equal(cell(t, r, 1), mark, strlen(mark));
		/* no core table without S or A processes */
		for (const struct doc_block *b = d.first->first; b != NULL;
		    b = b->next)
			if (b->kind == DOC_TABLE)
				assert_ptr_equal(&b->tab, t);
		/* the measures: one row to fill per resource */
		s = d.first->next->next->next;
		t = nth_table(s, 0);
		assert_int_equal(t->nrows, 4);
		for (r = 0; r < 4; r++)
			assert_memory_equal(cell(t, r, 1), mark, strlen(mark));
		arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keizoku_doc_build_filled),
		cmocka_unit_test(test_keizoku_doc_build_exercises),
		cmocka_unit_test(test_keizoku_doc_build_empty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
