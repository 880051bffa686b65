/* Unit tests for src/report/bcp_doc.c: the processes' and systems'
 * recovery order, the steps with no owner, the maintenance calendar's
 * dates (ours) across month, quarter, year and leap-year ends, and the
 * two documents built from rows made here — the IT-BCP document's sheets
 * and figures (priority and hours, the grid's counts, the provisional
 * sums and misses, "To fix" first when a step has no owner) and the
 * card (S and A only, the rest counted, long names cut; the first steps
 * with the malware playbook's first move, whom to tell at each incident
 * level, the outside desks dated) — every text a text, in Japanese and
 * English. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "content/content.h"
#include "model/bcpflow.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/bcp_doc.h"

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

/* Unix time of noon of y-m-d in Japan. */
static int64_t
jst(int y, int m, int d)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return (int64_t)timegm(&tm) - 9 * 3600;
}

/* A row of register k from key=value pairs (NULL-terminated), with its
 * derived fields; RF_REF titles as the database would give them. */
static void
row_of(struct arena *a, enum register_kind k, struct register_row *row,
    int64_t id, ...)
{
	const struct register_decl *d = register_of(k);
	struct register_errs errs = { 0 };
	const char *key;
	va_list ap;
	size_t i;

	memset(row, 0, sizeof(*row));
	row->id = id;
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	va_start(ap, id);
	while ((key = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		int f = register_field(d, key);
		long x, y;

		if (f < 0)
			fail_msg("no field %s", key);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], v, a,
		    &row->v[f], &x, &y), RFE_OK);
	}
	va_end(ap);
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
}

/* The title the database reads with a reference (register_list). */
static void
ref_title(enum register_kind k, struct register_row *row, const char *key,
    const char *title)
{
	row->v[register_field(register_of(k), key)].s = title;
}

/* The processes' RTO under preset p (derive_settings, as a read does). */
static void
with_preset(struct arena *a, struct bcp_all *x, const char *body)
{
	const struct register_decl *d = register_of(REGISTER_PROCESSES);
	const void *s = d->settings_read(&ct.regenv, body, a);
	size_t k;

	bcp_settings_read(body, &x->s);
	for (k = 0; k < x->np; k++)
		d->derive_settings(&ct.regenv, s, &x->proc[k]);
}

/*
 * Six processes, three systems, steps, contacts and incidents (the
 * figures the tests check are worked out beside them):
 *   1 受注 3/3 S   2 出荷 3/2 A   3 請求 2/3 A   4 給与 2/2 B
 *   5 社内報 1/1 D 6 広報 1/2 C
 *   ex2: S 3 h, A 6 h, B 24 h, C 72 h, D none
 *   system 10 販売 (受注, 出荷): tightest 3 h; provisional 30+60+120 =
 *     210 min, 30 over 180; one step with no owner
 *   system 11 会計 (請求, 給与): tightest 6 h; provisional 100, 260 spare
 *   system 12 倉庫 (社内報): no target, no steps
 */
static void
fill(struct arena *a, struct bcp_all *x, int64_t now)
{
	struct register_row *p, *s, *r, *c, *d;

	memset(x, 0, sizeof(*x));
	x->proc = p = arena_alloc(a, 6 * sizeof(*p));
	x->np = 6;
	row_of(a, REGISTER_PROCESSES, &p[0], 1, "name", "受注", "importance",
	    "3", "dependency", "3", "reentry_hours", "8", NULL);
	row_of(a, REGISTER_PROCESSES, &p[1], 2, "name", "出荷", "importance",
	    "3", "dependency", "2", NULL);
	row_of(a, REGISTER_PROCESSES, &p[2], 3, "name", "請求", "importance",
	    "2", "dependency", "3", NULL);
	row_of(a, REGISTER_PROCESSES, &p[3], 4, "name", "給与", "importance",
	    "2", "dependency", "2", NULL);
	row_of(a, REGISTER_PROCESSES, &p[4], 5, "name", "社内報", "importance",
	    "1", "dependency", "1", NULL);
	row_of(a, REGISTER_PROCESSES, &p[5], 6, "name", "広報", "importance",
	    "1", "dependency", "2", NULL);
	with_preset(a, x, "{\"preset\": \"ex2\"}");

	x->sys = s = arena_alloc(a, 3 * sizeof(*s));
	x->ns = 3;
	/* given out of their recovery order */
	row_of(a, REGISTER_SYSTEMS, &s[0], 12, "name", "倉庫", "processes", "5",
	    "copies", "1", NULL);
	row_of(a, REGISTER_SYSTEMS, &s[1], 11, "name", "会計", "processes",
	    "3,4", "copies", "3", "media", "nas,cloud", "offline", "1",
	    "offsite", "1", "offline_offsite", "1", NULL);
	row_of(a, REGISTER_SYSTEMS, &s[2], 10, "name", "販売", "processes",
	    "1,2", "copies", "2", "media", "nas", "frequency_hours", "24",
	    NULL);

	x->rec = r = arena_alloc(a, 6 * sizeof(*r));
	x->nr = 6;
	row_of(a, REGISTER_RECOVERY, &r[0], 20, "system", "10", "stage",
	    "provisional", "step", "3", "action", "戻す", "owner", "情シス",
	    "minutes", "120", NULL);
	row_of(a, REGISTER_RECOVERY, &r[1], 21, "system", "10", "stage",
	    "provisional", "step", "0", "action", "確かめる", "owner", "総務",
	    "minutes", "30", NULL);
	row_of(a, REGISTER_RECOVERY, &r[2], 22, "system", "10", "stage",
	    "provisional", "step", "2", "action", "控えを出す", "minutes", "60",
	    NULL);
	row_of(a, REGISTER_RECOVERY, &r[3], 23, "system", "10", "stage",
	    "permanent", "step", "6", "action", "切り替える", "owner", "情シス",
	    "minutes", "600", NULL);
	row_of(a, REGISTER_RECOVERY, &r[4], 24, "system", "11", "stage",
	    "provisional", "step", "3", "action", "クラウドから", "owner", "経理",
	    "minutes", "100", NULL);
	/* a step of a system the organisation no longer has */
	row_of(a, REGISTER_RECOVERY, &r[5], 25, "system", "99", "stage",
	    "provisional", "step", "1", "action", "消えた", "minutes", "5",
	    NULL);
	ref_title(REGISTER_RECOVERY, &r[0], "system", "販売");
	ref_title(REGISTER_RECOVERY, &r[1], "system", "販売");
	ref_title(REGISTER_RECOVERY, &r[2], "system", "販売");
	ref_title(REGISTER_RECOVERY, &r[3], "system", "販売");
	ref_title(REGISTER_RECOVERY, &r[4], "system", "会計");

	x->con = c = arena_alloc(a, 3 * sizeof(*c));
	x->nc = 3;
	row_of(a, REGISTER_CONTACTS, &c[0], 30, "target", "customers", "owner",
	    "営業部長", "phone", "06-1111-2222", NULL);
	row_of(a, REGISTER_CONTACTS, &c[1], 31, "target", "power", "owner",
	    "総務部長", "company", "電力", "phone", "0120-000-111", NULL);
	row_of(a, REGISTER_CONTACTS, &c[2], 32, "target", "hardware", "owner",
	    "情シス", "company", "開発会社", "person", "田中", "phone",
	    "03-1234-5678", "system", "10", NULL);
	ref_title(REGISTER_CONTACTS, &c[2], "system", "販売");

	x->dis = d = arena_alloc(a, sizeof(*d));
	x->nd = 1;
	row_of(a, REGISTER_DISRUPTIONS, &d[0], 40, "kind", "ransomware",
	    "scenario", "暗号化される", "layers", "software,hardware", NULL);
	bcpflow_systems(x->proc, x->np, x->sys, x->ns, x->rec, x->nr, now, a,
	    &x->view);
}

static void
test_bcp_doc_orders(void **state)
{
	static const char *const procs[] = { "受注", "出荷", "請求", "給与",
	    "広報", "社内報" };
	static const char *const systems[] = { "販売", "会計", "倉庫" };
	int fn = register_field(register_of(REGISTER_PROCESSES), "name");
	int sn = register_field(register_of(REGISTER_SYSTEMS), "name");
	int ra = register_field(register_of(REGISTER_RECOVERY), "action");
	struct bcp_all x;
	struct arena a;
	size_t *o, k, n;

	arena_init(&a);
	fill(&a, &x, jst(2026, 12, 5));
	/* S, then A by hours then name (出荷 before 請求), B, C, D */
	o = bcp_doc_order(&x, &a);
	for (k = 0; k < x.np; k++)
		assert_string_equal(x.proc[o[k]].v[fn].s, procs[k]);
	o = bcp_doc_sys_order(&x, &a);
	for (k = 0; k < x.ns; k++)
		assert_string_equal(x.sys[o[k]].v[sn].s, systems[k]);
	/* the one step of a system it has with no owner; not the orphan */
	n = bcp_doc_unowned(&x, &a, &o);
	assert_int_equal(n, 1);
	assert_string_equal(x.rec[o[0]].v[ra].s, "控えを出す");
	n = bcp_card_processes(&x, &a, &o);
	assert_int_equal(n, 3);
	assert_string_equal(x.proc[o[0]].v[fn].s, "受注");
	assert_string_equal(x.proc[o[2]].v[fn].s, "請求");
	/* contacts in the targets' order: power, hardware, customers */
	o = bcp_card_contacts(&x, &a);
	assert_int_equal(x.con[o[0]].id, 31);
	assert_int_equal(x.con[o[1]].id, 32);
	assert_int_equal(x.con[o[2]].id, 30);
	arena_free(&a);
}

static void
test_bcp_doc_maint(void **state)
{
	static const struct {
		int		 y, m, d;
		const char	*want[BCP_MAINT];
	} cases[] = {
		{ 2026, 12, 5, { "2027-01-01", "2027-01-01", "2027-02-28",
		    "2027-12-01", "2027-06-01" } },
		{ 2027, 3, 31, { "2027-04-01", "2027-04-01", "2027-05-31",
		    "2028-03-01", "2027-09-01" } },
		{ 2027, 4, 1, { "2027-05-01", "2027-07-01", "2027-08-31",
		    "2028-04-01", "2027-10-01" } },
		/* the correction falls in a leap February */
		{ 2027, 11, 15, { "2027-12-01", "2028-01-01", "2028-02-29",
		    "2028-11-01", "2028-05-01" } },
		{ 2026, 7, 20, { "2026-08-01", "2026-10-01", "2026-11-30",
		    "2027-07-01", "2027-01-01" } },
	};
	char next[BCP_MAINT][11];
	size_t i, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bcp_doc_maint(jst(cases[i].y, cases[i].m, cases[i].d), next);
		for (k = 0; k < BCP_MAINT; k++)
			assert_string_equal(next[k], cases[i].want[k]);
	}
	/* 23:30 in Japan is still that day there */
	bcp_doc_maint(jst(2026, 12, 31) + 11 * 3600 + 1800, next);
	assert_string_equal(next[0], "2027-01-01");
}

/* A text the builder took from the catalogue is a text, not its key. */
static void
assert_text(const char *s)
{
	assert_non_null(s);
	if (strncmp(s, "bcpdoc.", 7) == 0 || strncmp(s, "bcpcard.", 8) == 0 ||
	    strncmp(s, "reg.", 4) == 0 || strncmp(s, "bcp.", 4) == 0 ||
	    strncmp(s, "regs.", 5) == 0)
		fail_msg("a key instead of its text: %s", s);
}

static void
assert_doc_texts(const struct doc *d)
{
	const struct doc_section *s;
	const struct doc_block *b;
	size_t i;

	assert_text(d->title);
	for (i = 0; i < d->ncover; i++) {
		assert_text(d->cover[i].label);
		assert_text(d->cover[i].value);
	}
	for (s = d->first; s != NULL; s = s->next) {
		assert_text(s->title);
		if (s->sheet != NULL)
			assert_true(strlen(s->sheet) <= 31 * 4);
		for (b = s->first; b != NULL; b = b->next) {
			if (b->text != NULL)
				assert_text(b->text);
			for (i = 0; i < b->nitems; i++)
				assert_text(b->items[i]);
			if (b->kind == DOC_TABLE) {
				for (i = 0; i < b->tab.ncols; i++)
					assert_text(b->tab.col[i].head);
				for (i = 0; i < b->tab.nrows * b->tab.ncols; i++)
					if (b->tab.cell[i].kind == DOC_CELL_TEXT)
						assert_text(b->tab.cell[i].text);
			}
		}
	}
}

static struct doc_section *
section(struct doc *d, const char *sheet)
{
	struct doc_section *s;

	for (s = d->first; s != NULL; s = s->next)
		if (s->sheet != NULL && strcmp(s->sheet, sheet) == 0)
			return s;
	fail_msg("no sheet %s", sheet);
	return NULL;
}

/* The n-th table (0-based) of s that the given format shows. */
static struct doc_table *
table(struct doc_section *s, size_t n, unsigned only)
{
	struct doc_block *b;

	for (b = s->first; b != NULL; b = b->next)
		if (b->kind == DOC_TABLE && (b->only == 0 || b->only == only) &&
		    n-- == 0)
			return &b->tab;
	fail_msg("no table %zu in %s", n, s->title);
	return NULL;
}

/* Whether some block of s says text (a paragraph, a note, an item). */
static bool
says(const struct doc_section *s, const char *text)
{
	const struct doc_block *b;
	size_t i;

	for (b = s->first; b != NULL; b = b->next) {
		if (b->text != NULL && strstr(b->text, text) != NULL)
			return true;
		for (i = 0; i < b->nitems; i++)
			if (strstr(b->items[i], text) != NULL)
				return true;
	}
	return false;
}

static void
test_bcp_doc_build_ja(void **state)
{
	static const char *const prio[] = { "S（最優先で復旧）",
	    "A（早めに復旧）", "A（早めに復旧）", "B（順番に復旧）",
	    "C（余裕をみて復旧）", "D（後回し）" };
	static const int hours[] = { 3, 6, 6, 24, 72, -1 };
	struct bcp_doc_in in = { .ct = &ct, .lang = LANG_JA,
	    .org = "株式会社テスト", .dep_class = "take",
	    .now = jst(2026, 12, 5) };
	struct doc_section *s;
	struct doc_table *t;
	struct bcp_all x;
	struct arena a;
	struct doc d;
	size_t k;

	arena_init(&a);
	fill(&a, &x, in.now);
	in.x = &x;
	bcp_doc_build(&in, &a, &d);
	assert_doc_texts(&d);
	assert_false(d.landscape);
	/* To fix first, because a step has no owner; the cover says so */
	assert_string_equal(d.first->sheet, "直すところ");
	assert_int_equal(d.ncover, 4);
	assert_string_equal(d.cover[0].value, "竹");
	assert_string_equal(d.cover[3].value, "担当のいない復旧手順 1件");
	t = table(d.first, 0, DOC_ONLY_PDF);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(doc_cell(t, 0, 3)->text, "控えを出す");
	assert_int_equal(doc_cell(t, 0, 4)->tone, DOC_TONE_BAD);

	/* the processes: S first, priority and hours as the matrix and ex2
	 * say */
	t = table(section(&d, "業務"), 0, DOC_ONLY_XLSX);
	assert_int_equal(t->nrows, 6);
	for (k = 0; k < 6; k++) {
		assert_string_equal(doc_cell(t, k, 3)->text, prio[k]);
		if (hours[k] < 0)
			assert_int_equal(doc_cell(t, k, 4)->kind,
			    DOC_CELL_EMPTY);
		else
			assert_true(doc_cell(t, k, 4)->num == hours[k]);
	}
	/* the grid: dependency 3 on top, importance 1 at the left */
	t = table(section(&d, "業務の分布"), 0, DOC_ONLY_XLSX);
	assert_string_equal(doc_cell(t, 0, 1)->text, "B: 0");
	assert_string_equal(doc_cell(t, 0, 2)->text, "A: 1");
	assert_string_equal(doc_cell(t, 0, 3)->text, "S: 1");
	assert_string_equal(doc_cell(t, 1, 1)->text, "C: 1");
	assert_string_equal(doc_cell(t, 1, 2)->text, "B: 1");
	assert_string_equal(doc_cell(t, 1, 3)->text, "A: 1");
	assert_string_equal(doc_cell(t, 2, 1)->text, "D: 1");
	assert_string_equal(doc_cell(t, 2, 2)->text, "C: 0");
	assert_string_equal(doc_cell(t, 2, 3)->text, "B: 0");

	/* systems in recovery order, with their gaps and warnings */
	s = section(&d, "システム");
	t = table(s, 0, DOC_ONLY_PDF);
	assert_string_equal(doc_cell(t, 0, 0)->text, "販売");
	assert_string_equal(doc_cell(t, 0, 2)->text, "3時間");
	assert_string_equal(doc_cell(t, 0, 13)->text, "足りない");
	assert_string_equal(doc_cell(t, 1, 13)->text, "満たす");
	assert_string_equal(doc_cell(t, 1, 5)->text, "1 / 1 / 1");
	assert_true(says(s, "控えは24時間おきですが、担当者が手で打ち直せるのは8"
	    "時間分までです。"));
	assert_true(says(s, "いちばん厳しい目標時間を30分超えます。"));

	/* the sums: 210 against 180, 30 over; 100 against 360; none */
	s = section(&d, "復旧手順");
	assert_true(says(s, "仮の復旧の手順は、合わせて210分です。"));
	assert_true(says(s, "目標を30分超えます。"));
	assert_true(says(s, "目標まで260分の余裕があります。"));
	t = table(s, 1, DOC_ONLY_XLSX);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(doc_cell(t, 0, 0)->text, "販売");
	assert_true(doc_cell(t, 0, 1)->num == 210);
	assert_true(doc_cell(t, 0, 2)->num == 180);
	assert_true(doc_cell(t, 0, 3)->num == 30);
	assert_true(doc_cell(t, 1, 1)->num == 100);
	assert_true(doc_cell(t, 1, 3)->num == 0);
	assert_int_equal(doc_cell(t, 2, 2)->kind, DOC_CELL_EMPTY);
	/* every step of a system it has, in order; not the orphan */
	t = table(s, 0, DOC_ONLY_XLSX);
	assert_int_equal(t->nrows, 5);
	assert_string_equal(doc_cell(t, 0, 4)->text, "確かめる");
	assert_string_equal(doc_cell(t, 1, 4)->text, "控えを出す");
	assert_string_equal(doc_cell(t, 1, 5)->text, "（担当が決まっていません）");
	assert_string_equal(doc_cell(t, 2, 4)->text, "戻す");
	assert_string_equal(doc_cell(t, 3, 4)->text, "切り替える");
	assert_string_equal(doc_cell(t, 4, 4)->text, "クラウドから");

	/* the calendar from the day of the document */
	t = table(section(&d, "維持管理"), 0, DOC_ONLY_PDF);
	assert_string_equal(doc_cell(t, 1, 3)->text, "2027-01-01");
	assert_string_equal(doc_cell(t, 2, 3)->text, "2027-02-28");
	arena_free(&a);
}

static void
test_bcp_doc_build_en_empty(void **state)
{
	struct bcp_doc_in in = { .ct = &ct, .lang = LANG_EN,
	    .org = "Test Ltd", .dep_class = "", .now = jst(2026, 12, 5) };
	struct bcp_all x;
	struct arena a;
	struct doc d;

	arena_init(&a);
	memset(&x, 0, sizeof(x));
	bcp_settings_read("{}", &x.s);
	in.x = &x;
	bcp_doc_build(&in, &a, &d);
	assert_doc_texts(&d);
	assert_string_equal(d.title, "IT business continuity plan (IT-BCP)");
	assert_int_equal(d.ncover, 3);
	assert_string_equal(d.first->sheet, "Class and targets");
	assert_true(says(d.first, "not answered"));
	assert_true(says(section(&d, "Processes"),
	    "No business process is recorded yet."));
	assert_true(says(section(&d, "Systems"), "No system is recorded yet."));
	arena_free(&a);

	arena_init(&a);
	fill(&a, &x, in.now);
	in.x = &x;
	bcp_doc_build(&in, &a, &d);
	assert_doc_texts(&d);
	assert_true(says(section(&d, "Recovery steps"),
	    "That misses the target by 30 minutes"));
	arena_free(&a);
}

static void
test_bcp_card_build(void **state)
{
	struct bcp_doc_in in = { .ct = &ct, .lang = LANG_JA,
	    .org = "株式会社テスト", .now = jst(2026, 12, 5) };
	struct register_row *p;
	struct doc_section *s;
	struct doc_table *t;
	struct bcp_all x;
	struct arena a;
	struct doc d;
	char name[400];
	size_t k;

	arena_init(&a);
	fill(&a, &x, in.now);
	in.x = &x;
	bcp_card_build(&in, &a, &d);
	assert_doc_texts(&d);
	assert_true(d.scale > 1.2);
	s = d.first;
	assert_int_equal(s->first->kind, DOC_LIST);
	assert_int_equal(s->first->nitems, 5);
	assert_true(s->first->numbered);
	/* S and A only */
	t = table(s->next, 0, 0);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(doc_cell(t, 0, 0)->text, "受注");
	assert_string_equal(doc_cell(t, 0, 2)->text, "3時間以内");
	/* the first steps take the malware playbook's first move */
	assert_true(says(s, "LANケーブルを抜き、Wi-Fiを切って"));
	/* whom to call: at each level first (nobody chosen: the pack's
	 * default roles, said to be open), then per damaged target */
	t = table(s->next->next, 0, 0);
	assert_int_equal(t->nrows, 4);
	assert_string_equal(doc_cell(t, 0, 0)->text, "レベル0：影響なし");
	assert_string_equal(doc_cell(t, 0, 1)->text, "一次対応者");
	assert_string_equal(doc_cell(t, 1, 1)->text, "対応責任者");
	assert_string_equal(doc_cell(t, 3, 1)->text, "最高責任者");
	assert_string_equal(doc_cell(t, 2, 2)->text, "（未定）");
	t = table(s->next->next, 1, 0);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(doc_cell(t, 0, 3)->text, "0120-000-111");
	assert_string_equal(doc_cell(t, 1, 0)->text, "ハードウェア（販売）");
	assert_string_equal(doc_cell(t, 1, 2)->text, "開発会社 田中");
	/* the outside desks, two a row, dated */
	t = table(s->next->next, 2, 0);
	assert_int_equal(t->nrows, (ct.desks.n + 1) / 2);
	assert_string_equal(doc_cell(t, 0, 1)->text, "#9110");
	assert_string_equal(doc_cell(t, 0, 3)->text, "www.ipa.go.jp");
	assert_true(says(s->next->next, "2026-12-04時点"));
	assert_null(s->next->next->next);
	arena_free(&a);

	/* a structure chosen: a contact's number, a member's address, the
	 * organisation's own words for a level */
	{
		struct incsetup_all inc;
		struct incsetup_person *w;

		memset(&inc, 0, sizeof(inc));
		arena_init(&a);
		incsetup_read("{\"levels\": [\"first\", \"lead\", \"lead\", "
		    "\"lead\"], \"definitions\": [null, \"自社の言葉\", null, "
		    "null]}", (enum incident_role[]){ INC_ROLE_FIRST,
		    INC_ROLE_LEAD, INC_ROLE_LEAD, INC_ROLE_TOP }, &a, &inc.s);
		w = &inc.s.who[INC_ROLE_LEAD];
		w->kind = INCSETUP_CONTACT;
		w->found = true;
		w->name = "開発会社 田中";
		w->phone = "03-1234-5678";
		w = &inc.s.who[INC_ROLE_FIRST];
		w->kind = INCSETUP_MEMBER;
		w->found = true;
		w->name = w->email = "it@example.jp";
		fill(&a, &x, in.now);
		in.x = &x;
		in.inc = &inc;
		bcp_card_build(&in, &a, &d);
		t = table(d.first->next->next, 0, 0);
		assert_string_equal(doc_cell(t, 0, 1)->text, "一次対応者");
		assert_string_equal(doc_cell(t, 0, 2)->text, "it@example.jp");
		assert_string_equal(doc_cell(t, 1, 0)->text,
		    "レベル1：自社の言葉");
		assert_string_equal(doc_cell(t, 1, 1)->text,
		    "対応責任者：開発会社 田中");
		assert_string_equal(doc_cell(t, 1, 2)->text, "03-1234-5678");
		/* level 3 given to the lead instead of the top */
		assert_string_equal(doc_cell(t, 3, 1)->text,
		    "対応責任者：開発会社 田中");
		in.inc = NULL;
		arena_free(&a);
	}

	/* more than the card holds: the rest counted, long names cut */
	arena_init(&a);
	fill(&a, &x, in.now);
	x.proc = p = arena_alloc(&a, 10 * sizeof(*p));
	x.np = 10;
	for (k = 0; k < 10; k++) {
		snprintf(name, sizeof(name), "%02zu%s", k, "とても長い業務の名前"
		    "とても長い業務の名前とても長い業務の名前");
		row_of(&a, REGISTER_PROCESSES, &p[k], (int64_t)k + 1, "name",
		    name, "importance", "3", "dependency", "3", NULL);
	}
	with_preset(&a, &x, "{\"preset\": \"ex1\"}");
	in.x = &x;
	bcp_card_build(&in, &a, &d);
	t = table(d.first->next, 0, 0);
	assert_int_equal(t->nrows, BCP_CARD_PROCESSES);
	/* the card holds three since issue 14 added the levels and desks */
	assert_true(says(d.first->next, "ほかに7件あります。"));
	assert_non_null(strstr(doc_cell(t, 0, 0)->text, "…"));
	assert_true(strncmp(doc_cell(t, 0, 0)->text, "00とても長い", 17) == 0);
	assert_true(strlen(doc_cell(t, 0, 0)->text) < strlen(name));
	assert_string_equal(doc_cell(t, 0, 2)->text, "すぐに");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bcp_doc_orders),
		cmocka_unit_test(test_bcp_doc_maint),
		cmocka_unit_test(test_bcp_doc_build_ja),
		cmocka_unit_test(test_bcp_doc_build_en_empty),
		cmocka_unit_test(test_bcp_card_build),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
