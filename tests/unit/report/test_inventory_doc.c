/* Unit tests for src/report/inventory_doc.c: the inventories' workbook —
 * a sheet per inventory in the seed's column order, people as columns
 * with the legend's marks, the places row of the users' sheet, the
 * legend under each table, and never a password column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/inventory.h"
#include "model/register.h"
#include "report/inventory_doc.h"

static struct content ct;

/* A row of register k from "field:value|…". */
static void
mk(enum register_kind k, int64_t id, const char *spec, struct arena *ar,
    struct register_row *row)
{
	const struct register_decl *d = register_of(k);
	char buf[512], *p, *save = NULL;
	size_t i;

	memset(row, 0, sizeof(*row));
	row->id = id;
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = strtok_r(buf, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(p, ':');
		long a, b;
		int f;

		assert_non_null(eq);
		*eq = '\0';
		f = register_field(d, p);
		assert_true(f >= 0);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], eq + 1, ar,
		    &row->v[f], &a, &b), RFE_OK);
	}
}

/* The first table of section s, and the notes after it joined. */
static const struct doc_table *
table_of(const struct doc_section *s, const char **note)
{
	const struct doc_block *b;
	const struct doc_table *t = NULL;

	*note = NULL;
	for (b = s->first; b != NULL; b = b->next) {
		if (b->kind == DOC_TABLE && t == NULL)
			t = &b->tab;
		else if (b->kind == DOC_NOTE && t != NULL && *note == NULL)
			*note = b->text;
	}
	assert_non_null(t);
	return t;
}

static const char *
txt(const struct doc_table *t, size_t r, size_t c)
{
	const struct doc_cell *x = &t->cell[r * t->ncols + c];

	return x->kind == DOC_CELL_TEXT ? x->text : "";
}

static void
test_inventory_doc_sheets(void **state)
{
	struct register_row pe[2], dv[2], sv[1], ad[1];
	const struct register_row *ppe[2], *pdv[2], *psv[1], *pad[1];
	struct inventory_doc_in in;
	const struct doc_section *s;
	const struct doc_table *t;
	const char *note, *names[5];
	struct arena ar;
	struct doc d;
	size_t n = 0, c;

	(void)state;
	arena_init(&ar);
	mk(REGISTER_PEOPLE, 1, "name:佐藤|status:gone", &ar, &pe[0]);
	mk(REGISTER_PEOPLE, 2, "name:田中", &ar, &pe[1]);
	mk(REGISTER_DEVICES, 10, "kind:PC|product:PC-01|place:1F|access:2=update;1=read",
	    &ar, &dv[0]);
	mk(REGISTER_DEVICES, 11, "kind:NAS|product:NAS-01", &ar, &dv[1]);
	mk(REGISTER_SERVICES, 20, "name:Mail|users:1=not_allowed;2=with_permission",
	    &ar, &sv[0]);
	mk(REGISTER_ADDRESSES, 30, "address:192.168.1.10|netmask:/24|internet:1",
	    &ar, &ad[0]);
	ppe[0] = &pe[0];
	ppe[1] = &pe[1];
	pdv[0] = &dv[0];
	pdv[1] = &dv[1];
	psv[0] = &sv[0];
	pad[0] = &ad[0];
	memset(&in, 0, sizeof(in));
	in.ct = &ct;
	in.lang = LANG_JA;
	in.rows[INVL_PEOPLE] = ppe;
	in.n[INVL_PEOPLE] = 2;
	in.rows[INVL_DEVICES] = pdv;
	in.n[INVL_DEVICES] = 2;
	in.rows[INVL_SERVICES] = psv;
	in.n[INVL_SERVICES] = 1;
	in.rows[INVL_ADDRESSES] = pad;
	in.n[INVL_ADDRESSES] = 1;
	in.org = "テスト";
	in.now = 1767225600;
	inventory_doc_build(&in, &ar, &d);

	for (s = d.first; s != NULL; s = s->next)
		names[n++] = s->sheet;
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "ユーザとアクセス範囲");
	assert_string_equal(names[1], "機器一覧");
	assert_string_equal(names[3], "外部サービス一覧");
	assert_string_equal(names[4], "IPアドレス一覧");

	/* users: the places row, then a person per row, the devices placed
	 * first and the placeless last */
	t = table_of(d.first, &note);
	assert_int_equal(t->ncols, 1 + 5 + 2);
	assert_string_equal(t->col[6].head, "PC-01");
	assert_string_equal(t->col[7].head, "NAS-01");
	assert_string_equal(txt(t, 0, 6), "1F");
	assert_string_equal(txt(t, 0, 7), "場所の記入なし");
	assert_string_equal(txt(t, 1, 1), "佐藤");
	assert_string_equal(txt(t, 1, 5), "退職・異動");
	assert_string_equal(txt(t, 1, 6), "○");
	assert_string_equal(txt(t, 2, 6), "◎");
	assert_string_equal(txt(t, 2, 7), "－");
	for (c = 0; c < t->ncols; c++)
		assert_false(inventory_password_like(t->col[c].head));

	/* devices: the seed's columns, then the people with the marks */
	t = table_of(d.first->next, &note);
	assert_int_equal(t->ncols, 1 + 6 + 2);
	assert_string_equal(t->col[2].head, "製品名・型番");
	assert_string_equal(t->col[6].head, "設置場所");
	assert_string_equal(t->col[7].head, "佐藤 (退職・異動)");
	assert_string_equal(t->col[8].head, "田中");
	assert_string_equal(txt(t, 0, 7), "○");
	assert_string_equal(txt(t, 0, 8), "◎");
	assert_string_equal(txt(t, 1, 8), "－");
	assert_string_equal(note, "凡例: ◎ 更新 · ○ 読取 · － アクセスなし");

	/* services: their own legend */
	t = table_of(d.first->next->next->next, &note);
	assert_string_equal(txt(t, 0, 4), "×");
	assert_string_equal(txt(t, 0, 5), "△");
	assert_string_equal(note, "凡例: ○ 使ってよい · △ 許可を得て使う · "
	    "× 使ってはいけない · － アクセスなし");

	/* addresses: no people columns */
	t = table_of(d.first->next->next->next->next, &note);
	assert_int_equal(t->ncols, 7);
	assert_string_equal(txt(t, 0, 4), "192.168.1.10");
	assert_string_equal(txt(t, 0, 5), "/24");
	assert_string_equal(txt(t, 0, 6), "はい");
	assert_null(note);
	arena_free(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inventory_doc_sheets),
	};
	char err[512];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests_name("inventory_doc", tests, NULL,
	    NULL);
	content_free(&ct);
	return failed;
}
