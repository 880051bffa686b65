/* Unit tests for src/report/exercise_doc.c: what each placeholder of a
 * scenario reads as for an organisation — its S and A processes, its
 * RTO under the table it chose, its backups with their 3-2-1 state, the
 * copies kept offline and off-site, the restores not known to work, the
 * contacts per damaged target — and the plain words where it has none;
 * then a shipped question filled with them. */
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
#include "model/exercise.h"
#include "model/register.h"
#include "report/exercise_doc.h"

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

/* A row of register k from key=value pairs (NULL-terminated). */
static void
row_of(enum register_kind k, struct arena *a, struct register_row *row,
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

		assert_true(f >= 0);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], v, a,
		    &row->v[f], &x, &y), RFE_OK);
	}
	va_end(ap);
	assert_int_equal(register_finish(&ct.regenv, d, row, &errs), 0);
}

/* The data of a small company: two S processes and an A one under the
 * second example table (S 3 hours, A 6), two systems — one meeting
 * 3-2-1 and tested, one with a single copy never tested — and a
 * contact for the hardware. */
static void
company(struct arena *a, struct bcp_all *x)
{
	static struct register_row proc[3], sys[2], con[1];

	memset(x, 0, sizeof(*x));
	row_of(REGISTER_PROCESSES, a, &proc[0], 1, "name", "受注",
	    "importance", "3", "dependency", "3", "workaround",
	    "電話で受けて\n紙に書く", NULL);
	row_of(REGISTER_PROCESSES, a, &proc[1], 2, "name", "出荷",
	    "importance", "3", "dependency", "3", NULL);
	row_of(REGISTER_PROCESSES, a, &proc[2], 3, "name", "請求",
	    "importance", "2", "dependency", "3", NULL);
	row_of(REGISTER_SYSTEMS, a, &sys[0], 10, "name", "販売管理",
	    "processes", "1", "copies", "3", "media", "nas,cloud", "offline",
	    "1", "offsite", "1", "offline_offsite", "1", "last_restore_test",
	    "2020-01-01", "restore_result", "ok", NULL);
	row_of(REGISTER_SYSTEMS, a, &sys[1], 11, "name", "図面", "copies", "1",
	    NULL);
	row_of(REGISTER_CONTACTS, a, &con[0], 20, "target", "hardware",
	    "owner", "総務 山田", "company", "上州OA", "phone", "027-111-2222",
	    NULL);
	x->proc = proc;
	x->np = 3;
	x->sys = sys;
	x->ns = 2;
	x->con = con;
	x->nc = 1;
	x->set.body = "{\"preset\": \"ex2\"}";
	x->set.rev = 1;
	bcp_settings_read(x->set.body, &x->s);
	/* "now" a year and more after the first system's test */
	bcpflow_systems(x->proc, x->np, x->sys, x->ns, NULL, 0, 1767225600, a,
	    &x->view);
}

static void
test_exercise_doc_values_from_the_registers(void **state)
{
	const char *ja[EXPH__MAX], *en[EXPH__MAX];
	struct bcp_all x;
	struct arena a;

	arena_init(&a);
	company(&a, &x);
	assert_int_equal(bcp_rto_hours(&x.s, BCP_S), 3);
	exercise_doc_values(&ct, LANG_JA, "丸吉精工", &x, &a, ja);
	exercise_doc_values(&ct, LANG_EN, "Marukichi", &x, &a, en);
	assert_string_equal(ja[EXPH_COMPANY], "丸吉精工");
	assert_string_equal(ja[EXPH_S_PROCESSES], "受注、出荷");
	assert_string_equal(en[EXPH_S_PROCESSES], "受注, 出荷");
	assert_string_equal(ja[EXPH_A_PROCESSES], "請求");
	assert_string_equal(ja[EXPH_RTO_S], "3時間");
	assert_string_equal(en[EXPH_RTO_S], "3 hours");
	assert_string_equal(en[EXPH_RTO_A], "6 hours");
	/* the workaround on one line */
	assert_string_equal(ja[EXPH_S_WORKAROUNDS], "受注：電話で受けて 紙に書く");
	assert_string_equal(ja[EXPH_BACKUP_SYSTEMS], "販売管理（3-2-1を満たしている）、"
	    "図面（3-2-1に足りない：コピーが3つ未満、置き場所の種類が2つ未満、"
	    "切り離して別の場所に置いたコピーがない）");
	assert_string_equal(en[EXPH_BACKUP_SYSTEMS], "販売管理 (meets 3-2-1), "
	    "図面 (short of 3-2-1: Fewer than 3 copies, Fewer than 2 kinds of "
	    "media, No copy both offline and off-site)");
	assert_string_equal(ja[EXPH_OFFLINE_SYSTEMS], "販売管理");
	/* tested in 2020: old; the other never */
	assert_string_equal(ja[EXPH_UNTESTED_SYSTEMS], "販売管理、図面");
	assert_string_equal(ja[EXPH_CONTACTS_HARDWARE],
	    "総務 山田（上州OA 027-111-2222）");
	/* no contact for power: the plain words */
	assert_string_equal(ja[EXPH_CONTACTS_POWER], "まだ決めていません");
	assert_string_equal(en[EXPH_CONTACTS_POWER], "not decided yet");
	arena_free(&a);
}

static void
test_exercise_doc_values_fallbacks(void **state)
{
	const char *ja[EXPH__MAX], *en[EXPH__MAX];
	struct bcp_all x;
	struct arena a;
	int k;

	arena_init(&a);
	memset(&x, 0, sizeof(x));
	x.set.body = "{}";
	bcp_settings_read(x.set.body, &x.s);
	exercise_doc_values(&ct, LANG_JA, "", &x, &a, ja);
	exercise_doc_values(&ct, LANG_EN, NULL, &x, &a, en);
	for (k = 0; k < EXPH__MAX; k++) {
		char key[64];

		snprintf(key, sizeof(key), "exercise.ph.%s",
		    exercise_ph_key((enum exercise_ph)k));
		assert_true(content_ui_has(&ct, key));
		assert_string_equal(ja[k], content_ui(&ct, LANG_JA, key));
		assert_string_equal(en[k], content_ui(&ct, LANG_EN, key));
	}
	assert_string_equal(ja[EXPH_S_PROCESSES], "いちばん大事な仕事");
	assert_string_equal(en[EXPH_S_PROCESSES], "your most important work");
	assert_string_equal(en[EXPH_RTO_S], "not decided yet");
	/* a table chosen speaks, even before any process */
	x.set.body = "{\"preset\": \"ex1\"}";
	x.set.rev = 1;
	bcp_settings_read(x.set.body, &x.s);
	exercise_doc_values(&ct, LANG_EN, NULL, &x, &a, en);
	assert_string_equal(en[EXPH_RTO_S], "0 hours, at once");
	assert_string_equal(en[EXPH_RTO_A], "12 hours");
	arena_free(&a);
}

/* Past EXERCISE_DOC_NAMES names: "and N more". */
static void
test_exercise_doc_values_long_lists(void **state)
{
	static struct register_row proc[EXERCISE_DOC_NAMES + 3];
	const char *en[EXPH__MAX];
	struct bcp_all x;
	struct arena a;
	char name[16];
	size_t i;

	arena_init(&a);
	memset(&x, 0, sizeof(x));
	for (i = 0; i < EXERCISE_DOC_NAMES + 3; i++) {
		snprintf(name, sizeof(name), "p%zu", i + 1);
		row_of(REGISTER_PROCESSES, &a, &proc[i], (int64_t)i + 1, "name",
		    name, "importance", "3", "dependency", "3", NULL);
	}
	x.proc = proc;
	x.np = EXERCISE_DOC_NAMES + 3;
	x.set.body = "{}";
	bcp_settings_read(x.set.body, &x.s);
	exercise_doc_values(&ct, LANG_EN, "Co", &x, &a, en);
	assert_string_equal(en[EXPH_S_PROCESSES],
	    "p1, p2, p3, p4, p5, p6, p7, p8 and 3 more");
	arena_free(&a);
}

/* A shipped question, filled: no placeholder is left in any text of any
 * scenario, in either language, with data or without. */
static void
test_exercise_doc_fills_every_shipped_text(void **state)
{
	const char *value[LANG__MAX][EXPH__MAX];
	const struct exercise_scenario *sc;
	struct bcp_all x;
	struct arena a;
	size_t s, i, q;
	int l;

	arena_init(&a);
	company(&a, &x);
	for (l = 0; l < LANG__MAX; l++)
		exercise_doc_values(&ct, (enum lang)l, "丸吉精工", &x, &a,
		    value[l]);
	for (s = 0; s < ct.exercises.n; s++) {
		sc = &ct.exercises.v[s];
		for (l = 0; l < LANG__MAX; l++) {
			assert_null(strchr(exercise_fill(sc->setting.t[l],
			    value[l], &a), '{'));
			for (i = 0; i < sc->ninjects; i++) {
				assert_null(strchr(exercise_fill(
				    sc->inject[i].what.t[l], value[l], &a),
				    '{'));
				for (q = 0; q < sc->inject[i].nq; q++)
					assert_null(strchr(exercise_fill(
					    sc->inject[i].q[q].t[l], value[l],
					    &a), '{'));
			}
		}
	}
	sc = exercise_find(&ct, "ransomware_encrypted");
	assert_non_null(sc);
	assert_string_equal(exercise_fill(sc->inject[0].q[2].t[LANG_JA],
	    value[LANG_JA], &a), "受注、出荷のうち、最初に止まって困るのはどれですか。");
	assert_string_equal(exercise_fill(sc->inject[3].q[1].t[LANG_EN],
	    value[LANG_EN], &a), "Against the target recovery time of your "
	    "first-priority work (3 hours), how far behind are you now?");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exercise_doc_values_from_the_registers),
		cmocka_unit_test(test_exercise_doc_values_fallbacks),
		cmocka_unit_test(test_exercise_doc_values_long_lists),
		cmocka_unit_test(test_exercise_doc_fills_every_shipped_text),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
