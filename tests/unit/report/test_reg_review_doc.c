/* Unit tests for src/report/reg_review_doc.c: the state of each area from
 * the register's rows, and the review list's document — the twelve areas
 * in the pack's order with their stored values, the four states as the
 * state column's only choices, the counts per state, every text a text
 * (no key left for want of one), in Japanese and English. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/reg_review_doc.h"

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

/* A row of the regulations register from key=value pairs
 * (NULL-terminated). */
static void
row_of(struct arena *a, struct register_row *row, int64_t id, ...)
{
	const struct register_decl *d = register_of(REGISTER_REGULATIONS);
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

/* Five rows, given out of order: telework new, assets revised (with its
 * document, owner, date and note), access new, human with no state,
 * physical undecided; seven areas without a row. */
static void
some_rows(struct arena *a, struct register_row rows[5])
{
	row_of(a, &rows[0], 1, "area", "telework", "status", "new", NULL);
	row_of(a, &rows[1], 2, "area", "assets", "status", "revised",
	    "document", "情報資産管理規程 第2版", "owner", "総務 山田",
	    "next_review", "2027-04-01", "note", "持ち出しの項を追加", NULL);
	row_of(a, &rows[2], 3, "area", "access", "status", "new", NULL);
	row_of(a, &rows[3], 4, "area", "human", NULL);
	row_of(a, &rows[4], 5, "area", "physical", "status", "undecided",
	    NULL);
}

static void
test_reg_review_doc_states(void **state)
{
	struct register_row rows[5];
	int st[REG_AREA__MAX], ar;
	struct arena a;

	arena_init(&a);
	some_rows(&a, rows);
	reg_review_doc_states(rows, 5, st);
	for (ar = 0; ar < REG_AREA__MAX; ar++) {
		int want = ar == REG_TELEWORK || ar == REG_ACCESS ? RS_NEW :
		    ar == REG_ASSETS ? RS_REVISED : RS_UNDECIDED;

		assert_int_equal(st[ar], want);
	}
	reg_review_doc_states(NULL, 0, st);
	for (ar = 0; ar < REG_AREA__MAX; ar++)
		assert_int_equal(st[ar], RS_UNDECIDED);
	arena_free(&a);
}

/* A text the builder took from the catalogue is a text, not its key. */
static void
assert_text(const char *s)
{
	assert_non_null(s);
	if (strncmp(s, "regform.", 8) == 0 || strncmp(s, "reg.", 4) == 0 ||
	    strncmp(s, "regs.", 5) == 0)
		fail_msg("a key instead of its text: %s", s);
}

static void
check_doc(enum lang l)
{
	const struct reg_pack *rp = &ct.regs;
	struct reg_review_doc_in in = { .ct = &ct, .lang = l,
	    .org = "株式会社テスト", .now = 1764806400 };
	struct doc_table *t = NULL, *cnt = NULL;
	const struct doc_block *xonly = NULL;
	struct doc_block *b;
	struct register_row rows[5];
	struct arena a;
	struct doc d;
	size_t r, c, k;

	arena_init(&a);
	some_rows(&a, rows);
	in.rows = rows;
	in.n = 5;
	reg_review_doc_build(&in, &a, &d);
	assert_text(d.title);
	assert_string_equal(d.title, content_ui(&ct, l, "regform.title"));
	assert_false(d.landscape);
	assert_non_null(strstr(d.subtitle, "株式会社テスト"));
	assert_non_null(d.first);
	assert_null(d.first->next);	/* one sheet */
	assert_string_equal(d.first->sheet,
	    content_ui(&ct, l, "reg.regulations.title"));
	for (b = d.first->first; b != NULL; b = b->next) {
		if (b->kind == DOC_TABLE && t == NULL)
			t = &b->tab;
		else if (b->kind == DOC_TABLE)
			cnt = &b->tab;
		else
			assert_text(b->text);
		if (b->only == DOC_ONLY_XLSX)
			xonly = b;
	}
	assert_non_null(xonly);	/* the note on the pull-down list */
	assert_non_null(t);
	assert_non_null(cnt);

	/* the areas, in the pack's order */
	assert_int_equal(t->ncols, 8);
	assert_int_equal(t->nrows, REG_AREA__MAX);
	for (c = 0; c < t->ncols; c++) {
		assert_text(t->col[c].head);
		if (c != 3) {
			assert_null(t->col[c].choices);
			continue;
		}
		assert_int_equal(t->col[c].nchoices, 4);
		for (k = 0; k < 4; k++)
			assert_string_equal(t->col[c].choices[k],
			    rp->status[k].label.t[l]);
	}
	for (r = 0; r < REG_AREA__MAX; r++) {
		int want = r == REG_TELEWORK || r == REG_ACCESS ? RS_NEW :
		    r == REG_ASSETS ? RS_REVISED : RS_UNDECIDED;

		assert_int_equal(doc_cell(t, r, 0)->kind,
		    DOC_CELL_NUM);
		assert_int_equal((int)doc_cell(t, r, 0)->num,
		    rp->area[r].number);
		assert_string_equal(doc_cell(t, r, 1)->text,
		    rp->area[r].label.t[l]);
		assert_string_equal(doc_cell(t, r, 2)->text,
		    rp->area[r].purpose.t[l]);
		assert_string_equal(doc_cell(t, r, 3)->text,
		    rp->status[want].label.t[l]);
		assert_int_equal(doc_cell(t, r, 3)->tone,
		    want == RS_UNDECIDED ? DOC_TONE_WARN : DOC_TONE_NONE);
		for (c = 4; c < 8 && r != REG_ASSETS; c++)
			assert_int_equal(doc_cell(t, r,
			    c)->kind, DOC_CELL_EMPTY);
	}
	assert_string_equal(doc_cell(t, REG_ASSETS,
	    4)->text, "情報資産管理規程 第2版");
	assert_string_equal(doc_cell(t, REG_ASSETS,
	    5)->text, "総務 山田");
	assert_string_equal(doc_cell(t, REG_ASSETS,
	    6)->text, "2027-04-01");
	assert_string_equal(doc_cell(t, REG_ASSETS,
	    7)->text, "持ち出しの項を追加");

	/* the counts: new 2, revised 1, keep 0, not needed 0, not decided
	 * 9, total 12 */
	{
		static const int want[RS__MAX + 1] = { 2, 1, 0, 0, 9, 12 };

		assert_int_equal(cnt->ncols, 2);
		assert_int_equal(cnt->nrows, RS__MAX + 1);
		assert_text(cnt->col[0].head);
		assert_text(cnt->col[1].head);
		for (r = 0; r <= RS__MAX; r++) {
			const struct doc_cell *x = &cnt->cell[r * 2 + 1];

			assert_text(cnt->cell[r * 2].text);
			if (r < RS__MAX)
				assert_string_equal(cnt->cell[r * 2].text,
				    rp->status[r].label.t[l]);
			assert_int_equal(x->kind, DOC_CELL_NUM);
			assert_int_equal((int)x->num, want[r]);
		}
	}
	arena_free(&a);
}

static void
test_reg_review_doc_build_ja(void **state)
{
	check_doc(LANG_JA);
}

static void
test_reg_review_doc_build_en(void **state)
{
	check_doc(LANG_EN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reg_review_doc_states),
		cmocka_unit_test(test_reg_review_doc_build_ja),
		cmocka_unit_test(test_reg_review_doc_build_en),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
