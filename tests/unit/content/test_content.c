/* Unit tests for src/content: the shipped packs load, broken packs are
 * refused with FILE:LINE:COLUMN, and every interface text the code asks
 * for exists in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "content/content.h"
#include "content/yaml.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/diag.h"
#include "model/diag_csv.h"
#include "model/exercise.h"
#include "model/register.h"
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

static void
test_content_load_shipped(void **state)
{
	int k, l;

	for (l = 0; l < LANG__MAX; l++) {
		assert_true(strlen(ct.diag.title.t[l]) > 0);
		for (k = 0; k < DIAG_ITEMS; k++) {
			assert_true(strlen(ct.diag.item[k].question.t[l]) > 0);
			assert_in_range(ct.diag.item[k].measures.n, 2, 4);
			if (k < 5)
				assert_true(ct.diag.item[k].checkpoints.n >= 3);
			else
				assert_int_equal(ct.diag.item[k].checkpoints.n,
				    0);
		}
	}
	assert_int_equal(ct.org.industries.n, 20);
	assert_int_equal(ct.org.prefectures.n, 47);
	assert_string_equal(ct.org.industries.v[0].key, "A");
	assert_string_equal(ct.org.prefectures.v[12].key, "13");
	assert_true(ct.n_ui > 100);
}

/* The escaped copies are exactly what the escaper makes of each text. */
static void
test_content_escaped_copies(void **state)
{
	int k, l;
	size_t m;

	for (l = 0; l < LANG__MAX; l++)
		for (k = 0; k < DIAG_ITEMS; k++) {
			const struct diag_item_text *t = &ct.diag.item[k];
			struct buf b = BUF_INIT;

			esc_html(&b, str_c(t->why.t[l]));
			assert_string_equal(t->why.h[l], buf_cstr(&b));
			for (m = 0; m < t->measures.n; m++) {
				buf_reset(&b);
				esc_html(&b, str_c(t->measures.t[l][m]));
				assert_string_equal(t->measures.h[l][m],
				    buf_cstr(&b));
			}
			buf_free(&b);
		}
	/* "Don't know" has a quote to escape */
	assert_non_null(strstr(ct.diag.answer_label[DIAG_UNKNOWN].h[LANG_EN],
	    "&#39;"));
}

static void
test_dep_class_of_rule(void **state)
{
	assert_int_equal(dep_class_of(0, 1, 1), DEP_UME);
	assert_int_equal(dep_class_of(1, 1, 0), DEP_TAKE);
	assert_int_equal(dep_class_of(1, 1, 1), DEP_MATSU);
	assert_int_equal(dep_class_of(1, 0, 0), DEP_MATSU);
}

static void
test_yaml_parse_positions(void **state)
{
	char err[256];
	json_t *v;
	int line, col;

	v = yaml_parse("a: 1\nb:\n  c: \"x\"\n", strlen("a: 1\nb:\n  c: \"x\"\n"), err, sizeof(err));
	assert_non_null(v);
	assert_int_equal(json_integer_value(json_object_get(v, "a")), 1);
	yaml_pos(json_object_get(v, "b"), &line, &col);
	assert_int_equal(line, 3);
	json_decref(v);
	assert_null(yaml_parse("a: [1, 2\n", strlen("a: [1, 2\n"), err, sizeof(err)));
	assert_non_null(strstr(err, "2:"));
	assert_null(yaml_parse("a: 1\na: 2\n", strlen("a: 1\na: 2\n"), err, sizeof(err)));
	assert_non_null(strstr(err, "duplicate key"));
	assert_null(yaml_parse("a: &x 1\nb: *x\n", strlen("a: &x 1\nb: *x\n"), err, sizeof(err)));
	assert_non_null(strstr(err, "aliases"));
}

/* A pack with a missing English text is refused, naming file and line. */
static void
test_content_load_refuses_missing_language(void **state)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	struct content c;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/i18n/ui.yaml", dir);
	f = fopen(cmd, "a");
	assert_non_null(f);
	fputs("broken.key: {ja: \"だけ\"}\n", f);
	fclose(f);
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	assert_non_null(strstr(err, "ui.yaml:"));
	assert_non_null(strstr(err, "'en' must be non-empty text"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Head counts fall in the shipped bands at their edges; nothing below 1
 * or above the cap. */
static void
test_choices_band_edges(void **state)
{
	static const struct {
		long		 n;
		const char	*key;
	} cases[] = {
		{ 1, "e1" }, { 5, "e1" }, { 6, "e2" }, { 20, "e2" },
		{ 21, "e3" }, { 37, "e3" }, { 50, "e3" }, { 51, "e4" },
		{ 100, "e4" }, { 101, "e5" }, { 300, "e5" }, { 301, "e6" },
		{ 1000, "e6" }, { 1001, "e7" },
		{ CONTENT_HEADCOUNT_MAX, "e7" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct choice *b = choices_band(&ct.org.employees,
		    cases[i].n);

		assert_non_null(b);
		assert_string_equal(b->key, cases[i].key);
	}
	assert_null(choices_band(&ct.org.employees, 0));
	assert_null(choices_band(&ct.org.employees, -5));
	assert_null(choices_band(&ct.org.employees,
	    CONTENT_HEADCOUNT_MAX + 1));
}

/* Copy the shipped packs to a temporary directory, replace from with to
 * in org.yaml, and expect content_load to refuse it with want in the
 * message. */
static void
org_pack_refused(const char *from, const char *to, const char *want)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	struct content c;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/ && sed -i "
	    "'s/%s/%s/' '%s'/org.yaml", dir, from, to, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	assert_non_null(strstr(err, "org.yaml:"));
	if (strstr(err, want) == NULL)
		fail_msg("'%s' not in '%s'", want, err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Employee bands must tile the head counts: a gap, an overlap, an open
 * band before the last or a closed last band is refused. */
static void
test_content_load_refuses_bad_bands(void **state)
{
	org_pack_refused("e2, min: 6,", "e2, min: 7,", "must start at 6");
	org_pack_refused("e2, min: 6,", "e2, min: 5,", "must start at 6");
	org_pack_refused("e1, min: 1,", "e1, min: 2,",
	    "first band must start at 1");
	org_pack_refused("min: 301, max: 1000,", "min: 301, max: 0,",
	    "only the last band may be open");
	org_pack_refused("min: 1001, max: 0,", "min: 1001, max: 5000,",
	    "last band must be open");
	org_pack_refused("min: 21, max: 50,", "min: 21, max: 19,",
	    "ends (max) before it starts");
}

/* The register packs as shipped: the sets the issue fixes, every key
 * unique, every reference resolved. */
static void
test_content_registers_shipped(void **state)
{
	size_t i, j;
	int ranks = 0, k;

	assert_int_equal(ct.assets.categories.n, 7);
	assert_string_equal(ct.assets.categories.v[0].label.t[LANG_JA],
	    "人事・給与");
	assert_string_equal(ct.assets.media[MEDIA_BOTH].key, "both");
	assert_string_equal(ct.assets.personal[PERSONAL_SENSITIVE].key,
	    "sensitive");
	for (k = 0; k < CIA__MAX; k++)
		for (j = 0; j < CIA_LEVELS; j++)
			assert_true(strlen(ct.assets.cia[k].level[j].t[LANG_EN])
			    > 0);
	assert_true(ct.assets.n_starters >= 7);
	for (i = 0; i < ct.assets.n_starters; i++) {
		const struct asset_starter *st = &ct.assets.starters[i];

		assert_non_null(st->category);
		for (k = 0; k < CIA__MAX; k++)
			assert_in_range(st->cia[k], 1, CIA_LEVELS);
	}
	assert_string_equal(ct.assets.starters[0].key, "mynumber");
	assert_int_equal(ct.assets.starters[0].personal, PERSONAL_MYNUMBER);

	assert_int_equal(ct.threats.as_of, 2024);
	assert_int_equal(ct.threats.n, 28);
	for (i = 0; i < ct.threats.n; i++) {
		const struct threat *t = &ct.threats.v[i];

		assert_true(t->n_items >= 1);
		for (j = 0; j < t->n_items; j++)
			assert_in_range(t->items[j], 1, DIAG_ITEMS);
		assert_true(t->ours);
		if (t->group == TG_ORGANISATION)
			ranks += t->rank;
		else
			assert_int_equal(t->rank, 0);
		assert_ptr_equal(threat_find(&ct.threats, t->key), t);
	}
	assert_int_equal(ranks, 55);	/* 1 + 2 + … + 10, each once */
	assert_int_equal(threat_find(&ct.threats, "ransomware")->rank, 1);
	assert_null(threat_find(&ct.threats, "meteor"));

	assert_string_equal(ct.regs.area[REG_MYNUMBER].key, "mynumber");
	assert_string_equal(ct.regs.area[REG_TELEWORK].key, "telework");
	assert_int_equal(ct.regs.area[REG_DEVELOPMENT].n_items, 0);
	assert_int_equal(ct.regs.area[REG_OUTSOURCING].items[0], 22);
	assert_string_equal(ct.regs.status[RS_NOT_NEEDED].key, "not_needed");

	assert_string_equal(ct.plan.area[PLAN_PHYSICAL].key, "physical");
	assert_string_equal(ct.plan.decision[PLAN_PENDING].key, "pending");
	assert_int_equal(choice_index(ct.plan.status, PLAN_STATUS__MAX,
	    "dropped"), PLAN_DROPPED);
	assert_int_equal(choice_index(ct.plan.level, PLAN_LEVEL__MAX,
	    "urgent"), -1);
}

/*
 * Copy the shipped packs, replace the first from with to in file, and
 * expect content_load to refuse it with "FILE:LINE:COL: want…", where
 * LINE:COL is where the text at starts in the changed file (at must not
 * follow non-ASCII text on its line: columns count characters).
 */
static void
pack_refused(const char *file, const char *from, const char *to,
    const char *at, const char *want)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	char path[512], expect[1024];
	struct content c;
	struct buf b = BUF_INIT, out = BUF_INIT;
	const char *p, *q;
	int line = 1, col;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	assert_non_null(f = fopen(path, "rb"));
	while ((col = fgetc(f)) != EOF)
		buf_addc(&b, (char)col);
	fclose(f);
	p = strstr(buf_cstr(&b), from);
	if (p == NULL)
		fail_msg("'%s' not in %s", from, file);
	buf_add(&out, buf_cstr(&b), (size_t)(p - buf_cstr(&b)));
	buf_add(&out, to, strlen(to));
	buf_add(&out, p + strlen(from), strlen(p + strlen(from)));
	assert_non_null(f = fopen(path, "wb"));
	fwrite(buf_cstr(&out), 1, out.n, f);
	fclose(f);
	q = strstr(buf_cstr(&out), at);
	if (q == NULL)
		fail_msg("'%s' not in the changed %s", at, file);
	for (p = buf_cstr(&out); p < q; p++)
		if (*p == '\n')
			line++;
	for (col = 1; q > buf_cstr(&out) && q[-1] != '\n'; q--)
		col++;
	snprintf(expect, sizeof(expect), "%s:%d:%d: %s", path, line, col,
	    want);
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	if (strncmp(err, expect, strlen(expect)) != 0)
		fail_msg("expected '%s…', got '%s'", expect, err);
	buf_free(&b);
	buf_free(&out);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_content_assets_refused(void **state)
{
	const char *f = "registers/assets.yaml";

	pack_refused(f, "category: trade", "category: sales",
	    "key: partner_contacts", "unknown category 'sales'");
	pack_refused(f, "media: both", "media: cloud",
	    "key: mynumber\n    name", "unknown media 'cloud'");
	pack_refused(f, "personal: personal", "personal: secret",
	    "key: staff_records", "unknown personal 'secret'");
	pack_refused(f, "    c: 3\n    i: 3\n    a: 1",
	    "    c: 4\n    i: 3\n    a: 1", "key: mynumber\n    name",
	    "'c' must be a whole number from 1 to 3");
	pack_refused(f, "    a: 1", "    a: 0", "key: mynumber\n    name",
	    "'a' must be a whole number from 1 to 3");
	pack_refused(f, "{ja: \"顧客\", en: \"Customers\"}",
	    "{ja: \"顧客\"}", "{ja: \"顧客\"}", "'en' must be non-empty text");
	pack_refused(f, "key: payroll", "key: staff_records",
	    "key: staff_records\n    name: {ja: \"給与",
	    "duplicate key 'staff_records'");
	pack_refused(f, "{key: other,", "{key: customers,",
	    "{key: customers, label: {ja: \"その他\"",
	    "duplicate key 'customers'");
	pack_refused(f, "{key: both,", "{key: cloud,", "{key: cloud,",
	    "media entry 3 must have key 'both'");
}

static void
test_content_threats_refused(void **state)
{
	const char *f = "registers/threats.yaml";

	pack_refused(f, "items: [11, 24]", "items: [11, 26]", "key: accident",
	    "'items' entry 2 must be a diagnosis item number from 1 to 25");
	pack_refused(f, "items: [11, 24]", "items: [0, 24]", "key: accident",
	    "'items' entry 1 must be a diagnosis item number from 1 to 25");
	pack_refused(f, "items: [11, 24]", "items: [11, 11]", "key: accident",
	    "item 11 is listed twice");
	pack_refused(f, "items: [11, 24]", "items: []", "key: accident",
	    "'items' must be a list of 1 to 8 entries");
	pack_refused(f, "key: disaster", "key: accident",
	    "key: accident\n    group: physical\n    label: {ja: \"災害",
	    "duplicate key 'accident'");
	pack_refused(f, "group: physical", "group: weather", "key: accident",
	    "unknown group 'weather'");
	pack_refused(f, "    source: ours", "    source: ipa", "key: accident",
	    "'source' must be ours or seeds");
	pack_refused(f, "rank: 2\n", "rank: 1\n", "key: supply_chain",
	    "rank 1 is given twice");
	pack_refused(f, "    group: physical\n", "    group: physical\n"
	    "    rank: 3\n", "key: accident",
	    "only organisation threats have a rank");
	pack_refused(f, "key: bec", "key: Bec", "key: Bec",
	    "'key' must be lower-case letters");
	pack_refused(f, "en: \"Ransomware\"}", "en: \"\"}",
	    "{ja: \"ランサムウェアによる被害\"", "'en' must be non-empty text");
}

static void
test_content_regs_plan_refused(void **state)
{
	const char *r = "registers/regulations.yaml", *p =
	    "registers/plan.yaml";

	pack_refused(r, "key: telework", "key: remote", "key: remote",
	    "area 12 must have key 'telework'");
	pack_refused(r, "items: [22]", "items: [22, 30]", "key: outsourcing",
	    "'items' entry 2 must be a diagnosis item number from 1 to 25");
	pack_refused(r, "key: not_needed", "key: skip", "key: skip",
	    "statuses entry 4 must have key 'not_needed'");
	pack_refused(r, "    number: 9\n", "    number: 12\n",
	    "key: outsourcing", "'number' must be a whole number from 1 "
	    "to 11");
	pack_refused(p, "{key: dropped,", "{key: cancelled,",
	    "{key: cancelled,", "status entry 4 must have key 'dropped'");
	pack_refused(p, "{ja: \"保留\", en: \"Pending\"}", "{en: \"Pending\"}",
	    "{en: \"Pending\"}", "'ja' must be non-empty text");
	pack_refused(p, "pack: plan", "pack: plans", "pack: plans",
	    "'pack' must be plan");
}

/* The plan's item → area mapping (ours): shipped, and refused when an
 * item is missing, out of order or in an unknown area. */
static void
test_content_plan_item_areas(void **state)
{
	const char *p = "registers/plan.yaml";
	int used[PLAN_AREA__MAX] = { 0 }, i;

	for (i = 0; i < DIAG_ITEMS; i++) {
		assert_true(ct.plan.item_area[i] >= 0 &&
		    ct.plan.item_area[i] < PLAN_AREA__MAX);
		used[ct.plan.item_area[i]]++;
	}
	for (i = 0; i < PLAN_AREA__MAX; i++)
		assert_true(used[i] > 0);
	assert_int_equal(ct.plan.item_area[0], PLAN_TECHNICAL);
	assert_int_equal(ct.plan.item_area[5], PLAN_HUMAN);
	assert_int_equal(ct.plan.item_area[11], PLAN_PHYSICAL);
	assert_int_equal(ct.plan.item_area[24], PLAN_ORGANISATIONAL);
	pack_refused(p, "{item: 7, area: human}", "{item: 7, area: people}",
	    "{item: 7, area: people}", "unknown area 'people'");
	pack_refused(p, "{item: 7, area: human}", "{item: 8, area: human}",
	    "{item: 8, area: human}", "item_areas entry 7 must be item 7");
	pack_refused(p, "  - {item: 25, area: organisational}",
	    "  - {item: 25, area: organisational}\n"
	    "  - {item: 26, area: human}", "pack: plan",
	    "'item_areas' must be a list of 25 to 25 entries");
	pack_refused(p, "  - {item: 25, area: organisational}", "",
	    "pack: plan", "'item_areas' must be a list of 25 to 25 entries");
	pack_refused(p, "{item: 3, area: technical}", "{item: 3}",
	    "{item: 3}", "'area' must be non-empty text");
}

/* Both languages of t are there, with their escaped copies. */
static void
tr_full(const struct tr *t)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		assert_non_null(t->t[l]);
		assert_non_null(t->h[l]);
		assert_true(strlen(t->t[l]) > 0);
	}
}

static void
choice_full(const struct choice *c, const char *key)
{
	assert_string_equal(c->key, key);
	tr_full(&c->label);
}

/* The continuity pack as shipped: every set in the order of the enums of
 * model/bcp.h, every text in both languages, the example tables equal to
 * the model's. */
static void
test_content_bcp_shipped(void **state)
{
	static const char *const pri[] = { "s", "a", "b", "c", "d" };
	static const char *const layer[] = { "people", "software",
	    "hardware", "infra", "building" };
	static const char *const media[] = { "internal", "external_disk",
	    "nas", "tape", "optical", "usb", "cloud" };
	static const char *const restore[] = { "ok", "partial", "failed" };
	static const char *const target[] = { "power", "hardware",
	    "software", "network", "lines", "cloud_backup", "customers",
	    "employees", "other" };
	static const char *const preset[] = { "ex1", "ex2", "ex3", "own" };
	static const char *const incidents[] = { "earthquake", "flood",
	    "fire", "power_outage", "network_outage", "ransomware",
	    "it_failure", "cloud_outage", "epidemic", "other" };
	const struct bcp_pack *bp = &ct.bcp;
	size_t i, j, k;
	int l, p;

	tr_full(&bp->importance_q);
	tr_full(&bp->dependency_q);
	for (i = 0; i < BCP_LEVELS; i++) {
		tr_full(&bp->importance_level[i]);
		tr_full(&bp->dependency_level[i]);
	}
	assert_non_null(strstr(bp->importance_level[0].t[LANG_EN], "1"));
	assert_non_null(strstr(bp->dependency_level[2].t[LANG_EN], "3"));
	for (p = 0; p < BCP_PRIORITY__MAX; p++) {
		choice_full(&bp->priority[p], pri[p]);
		tr_full(&bp->priority_meaning[p]);
	}
	assert_string_equal(bp->priority[BCP_S].label.t[LANG_JA],
	    "S（最優先で復旧）");
	for (k = 0; k < BCP_PRESET__MAX; k++) {
		const struct bcp_rto *want = bcp_preset_rto((enum bcp_preset)k);

		assert_string_equal(bp->preset[k].key, preset[k]);
		tr_full(&bp->preset[k].label);
		for (p = 0; p < BCP_PRIORITY__MAX; p++) {
			tr_full(&bp->preset[k].rto_label[p]);
			assert_int_equal(bp->preset[k].rto.hours[p],
			    want != NULL ? want->hours[p] : -1);
		}
	}
	/* the seeds' numbers, spelled out once more */
	assert_int_equal(bp->preset[BCP_EX1].rto.hours[BCP_S], 0);
	assert_int_equal(bp->preset[BCP_EX2].rto.hours[BCP_S], 3);
	assert_int_equal(bp->preset[BCP_EX3].rto.hours[BCP_C], 168);
	assert_int_equal(bp->preset[BCP_EX1].rto.hours[BCP_D], -1);
	assert_string_equal(bp->preset[BCP_OWN].rto_label[BCP_A].t[LANG_EN],
	    "not set");
	tr_full(&bp->reentry_q);
	tr_full(&bp->needs_q);
	for (i = 0; i < BCP_LAYER__MAX; i++) {
		choice_full(&bp->layer[i], layer[i]);
		tr_full(&bp->layer_client[i]);
		tr_full(&bp->layer_server[i]);
	}
	for (i = 0; i < BCP_MEDIA__MAX; i++)
		choice_full(&bp->media[i], media[i]);
	for (i = 0; i < BCP_RESTORE__MAX; i++)
		choice_full(&bp->restore[i], restore[i]);
	tr_full(&bp->miss_copies);
	tr_full(&bp->miss_media);
	tr_full(&bp->miss_offline_offsite);
	tr_full(&bp->rule_321);
	for (i = 0; i < sizeof(bp->warn) / sizeof(bp->warn[0]); i++)
		tr_full(&bp->warn[i]);
	for (i = 0; i < BCP_TARGET__MAX; i++) {
		choice_full(&bp->target[i], target[i]);
		tr_full(&bp->target_owner[i]);
		tr_full(&bp->target_contacts[i]);
	}
	for (i = 0; i < BCP_PROVISIONAL_STEPS; i++) {
		tr_full(&bp->provisional[i].label);
		tr_full(&bp->provisional[i].explain);
	}
	for (i = 0; i < BCP_PERMANENT_STEPS; i++) {
		tr_full(&bp->permanent[i].label);
		tr_full(&bp->permanent[i].explain);
	}
	for (i = 0; i < sizeof(bp->maintenance) / sizeof(bp->maintenance[0]);
	    i++) {
		tr_full(&bp->maintenance[i].label);
		tr_full(&bp->maintenance[i].explain);
	}
	for (i = 0; i < bp->n_incidents; i++) {
		assert_int_equal(bp->incidents[i].layers &
		    ~((1u << BCP_LAYER__MAX) - 1), 0);
		tr_full(&bp->incidents[i].label);
		tr_full(&bp->incidents[i].why);
		for (j = 0; j < i; j++)
			assert_string_not_equal(bp->incidents[j].key,
			    bp->incidents[i].key);
	}
	for (k = 0; k < sizeof(incidents) / sizeof(incidents[0]); k++) {
		for (i = 0; i < bp->n_incidents; i++)
			if (strcmp(bp->incidents[i].key, incidents[k]) == 0)
				break;
		if (i == bp->n_incidents)
			fail_msg("no incident '%s'", incidents[k]);
	}
	assert_string_equal(bp->incidents[0].key, "earthquake");
	assert_int_equal(bp->incidents[0].layers, 1u << BCP_BUILDING |
	    1u << BCP_INFRA | 1u << BCP_HARDWARE);
	for (k = 0; k < DEP__MAX; k++) {
		const struct trlist *ex = &bp->class_examples[k];

		assert_in_range(ex->n, 3, 5);
		for (l = 0; l < LANG__MAX; l++)
			for (i = 0; i < ex->n; i++) {
				assert_true(strlen(ex->t[l][i]) > 0);
				/* one line each: a plan row's measure */
				assert_null(strchr(ex->t[l][i], '\n'));
			}
	}
	tr_full(&bp->rule_matrix);
	tr_full(&bp->rule_presets);
	tr_full(&bp->rule_ours);
}

/* The warnings take the numbers the page fills in, and only those. */
static void
test_content_bcp_warning_numbers(void **state)
{
	struct arena ar;
	const char *s;
	size_t w;
	int l;

	arena_init(&ar);
	for (l = 0; l < LANG__MAX; l++) {
		s = content_fill_n(ct.bcp.warn[3].t[l], 90, 2, &ar);
		assert_non_null(strstr(s, "90"));
		assert_non_null(strstr(s, "2"));
		assert_null(strchr(s, '{'));
		s = content_fill_n(ct.bcp.warn[4].t[l], 24, 4, &ar);
		assert_non_null(strstr(s, "24"));
		assert_null(strchr(s, '{'));
		s = content_fill_n(ct.bcp.warn[5].t[l], 45, 0, &ar);
		assert_non_null(strstr(s, "45"));
		assert_null(strchr(s, '{'));
		for (w = 0; w < 7; w++)
			if (w < 3 || w > 5)
				assert_null(strchr(ct.bcp.warn[w].t[l], '{'));
	}
	/* the flag order of enum bcp_warn */
	assert_int_equal(BCP_W_TEST_SLOW, 1 << 3);
	assert_int_equal(BCP_W_LOSS, 1 << 4);
	assert_int_equal(BCP_W_STEPS_SLOW, 1 << 5);
	assert_string_equal(content_fill_n("{1}/{2} {3}", 7, -1, &ar),
	    "7/-1 {3}");
	arena_free(&ar);
}

/* A broken continuity pack is refused, located. */
static void
test_content_bcp_refused(void **state)
{
	const char *f = "bcp.yaml";

	/* a missing language */
	pack_refused(f, "{ja: \"未設定\", en: \"not set\"}",
	    "{ja: \"未設定\"}", "{ja: \"未設定\"}",
	    "'en' must be non-empty text");
	pack_refused(f, "  en: \"How badly would the company suffer if this "
	    "work stopped?\"\n", "", "ja: \"この業務が止まると",
	    "'en' must be non-empty text");
	pack_refused(f, "      ja: \"止まったら、ほかの",
	    "      jp: \"止まったら、ほかの", "jp: \"止まったら",
	    "'ja' must be non-empty text");
	pack_refused(f, "        - \"Review and tighten everyday security "
	    "habits\"\n", "", "ja:\n        - \"ふだんの",
	    "'measures' needs as many entries in every language");
	/* a preset's hours against model/bcp.h */
	pack_refused(f, "hours: [3, 6, 24, 72, -1]",
	    "hours: [3, 6, 24, 48, -1]", "key: ex2",
	    "preset 'ex2' gives priority C 72 hours in model/bcp.h, not 48");
	pack_refused(f, "hours: [0, 12, 24, 72, -1]",
	    "hours: [0, 12, 24, 72, 168]", "key: ex1",
	    "preset 'ex1' gives priority D -1 hours in model/bcp.h, not 168");
	pack_refused(f, "hours: [-1, -1, -1, -1, -1]",
	    "hours: [-1, 8, -1, -1, -1]", "key: own",
	    "preset 'own' has no hours: every entry must be -1");
	pack_refused(f, "hours: [17, 24, 72, 168, -1]",
	    "hours: [17, 24, 72, 168]", "key: ex3",
	    "'hours' must be a list of 5 to 5 entries");
	pack_refused(f, "hours: [17, 24, 72, 168, -1]",
	    "hours: [17, 24, 72, \"7d\", -1]", "key: ex3",
	    "'hours' entry 4 must be a whole number from -1 to 8760");
	pack_refused(f, "key: ex3", "key: ex4", "key: ex4",
	    "presets entry 3 must have key 'ex3'");
	/* layers of an incident */
	pack_refused(f, "layers: [infra]", "layers: [infra, roof]",
	    "key: network_outage", "unknown layer 'roof'");
	pack_refused(f, "layers: [people]", "layers: [people, people]",
	    "key: epidemic", "layer 'people' is listed twice");
	pack_refused(f, "key: flood", "key: fire", "key: fire\n    label: "
	    "{ja: \"火災\"", "duplicate key 'fire'");
	/* fixed sets in enum order */
	pack_refused(f, "{key: nas,", "{key: san,", "{key: san,",
	    "media entry 3 must have key 'nas'");
	pack_refused(f, "  - key: building\n", "  - key: ground\n",
	    "key: ground", "layers entry 5 must have key 'building'");
	pack_refused(f, "  - key: test_old\n", "  - key: old_test\n",
	    "key: old_test", "warnings entry 2 must have key 'test_old'");
	pack_refused(f, "  - key: take\n", "  - key: ume\n",
	    "key: ume\n    measures:\n      ja:\n        - \"メール",
	    "class_examples entry 2 must have key 'take'");
	pack_refused(f, "key: review", "key: audit", "key: audit",
	    "maintenance entry 4 must have key 'review'");
	pack_refused(f, "  - step: 3\n", "  - step: 4\n", "step: 4",
	    "provisional entry 4 must be step 3");
	/* placeholders */
	pack_refused(f, "{1} minutes more", "{2} minutes more",
	    "key: steps_slow", "only {1} may stand in braces here");
	pack_refused(f, "Machines and people change", "{1} machines change",
	    "key: test_old", "this text takes no number: no braces");
	pack_refused(f, "pack: bcp", "pack: bcm", "pack: bcm",
	    "'pack' must be bcp");
}

/* The shipped scenarios: at least the six stories, each within the
 * bounds of model/exercise.h in every language, offered by the
 * exercises register; every placeholder has its plain words, and the
 * contact placeholders are the damaged targets of bcp.yaml. */
static void
test_content_exercises_shipped(void **state)
{
	static const char *const want[] = { "cloud_outage", "earthquake",
	    "epidemic", "power_outage", "ransomware_encrypted",
	    "ransomware_offline" };
	const struct register_keys *ks = &ct.regenv.ks[KS_EXERCISE];
	size_t i, j, q;
	int l, k;

	assert_true(ct.exercises.n >= 6);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_non_null(exercise_find(&ct, want[i]));
	assert_null(exercise_find(&ct, "volcano"));
	assert_int_equal(ks->n, ct.exercises.n);
	for (i = 0; i < ct.exercises.n; i++) {
		const struct exercise_scenario *sc = &ct.exercises.v[i];

		/* in the order of their file names */
		if (i > 0)
			assert_true(strcmp(ct.exercises.v[i - 1].key, sc->key) <
			    0);
		assert_string_equal(ks->key[i], sc->key);
		assert_in_range(sc->ninjects, EXERCISE_INJECTS_MIN,
		    EXERCISE_INJECTS_MAX);
		for (l = 0; l < LANG__MAX; l++) {
			assert_string_equal(ks->label[l][i], sc->title.t[l]);
			assert_true(strlen(sc->summary.t[l]) > 0);
			assert_true(strlen(sc->setting.t[l]) > 0);
			assert_null(strpbrk(sc->title.t[l], "{}"));
		}
		for (j = 0; j < sc->ninjects; j++) {
			assert_in_range(sc->inject[j].nq,
			    EXERCISE_QUESTIONS_MIN, EXERCISE_QUESTIONS_MAX);
			for (q = 0; q < sc->inject[j].nq; q++)
				for (l = 0; l < LANG__MAX; l++)
					assert_true(strlen(
					    sc->inject[j].q[q].t[l]) > 0);
		}
	}
	assert_int_equal(ct.regenv.ks[KS_EXERCISE_STATUS].n, EXS__MAX);
	for (k = 0; k < EXS__MAX; k++)
		assert_string_equal(ct.regenv.ks[KS_EXERCISE_STATUS].key[k],
		    exercise_status_key((enum exercise_status)k));
	assert_true(content_ui_has(&ct, "exercise.closing"));
	for (k = 0; k < EXPH__MAX; k++) {
		char key[64];

		snprintf(key, sizeof(key), "exercise.ph.%s",
		    exercise_ph_key((enum exercise_ph)k));
		if (!content_ui_has(&ct, key))
			fprintf(stderr, "no text for '%s'\n", key);
		assert_true(content_ui_has(&ct, key));
	}
	for (k = 0; k < BCP_TARGET__MAX; k++) {
		char key[64];

		snprintf(key, sizeof(key), "contacts_%s", ct.bcp.target[k].key);
		assert_int_equal(exercise_ph_of(key, strlen(key)),
		    EXPH_CONTACTS_POWER + k);
	}
}

/* A broken scenario is refused, located. */
static void
test_content_exercises_refused(void **state)
{
	const char *f = "exercises/ransomware_encrypted.yaml";

	/* placeholders */
	pack_refused(f, "{company}なら、", "{kaisha}なら、",
	    "ja: \"{kaisha}なら",
	    "'{kaisha}' is no placeholder (exercise.ph.* in i18n/ui.yaml "
	    "lists them)");
	pack_refused(f, "Which of {s_processes} stops",
	    "Which of {s_processes stops", "ja: \"{s_processes}のうち",
	    "'{' is no placeholder");
	pack_refused(f, "丸吉精工は、群馬県", "丸吉精工は}、群馬県",
	    "ja: \"丸吉精工は}",
	    "'}' is no placeholder");
	pack_refused("exercises/earthquake.yaml", "ja: \"大きな地震",
	    "ja: \"{company}の大きな地震", "ja: \"{company}の大きな地震",
	    "'title' takes no placeholder: no braces");
	/* the language, the bounds */
	pack_refused(f, "        en: \"Which of {s_processes} stops first and "
	    "hurts most?\"\n", "", "ja: \"{s_processes}のうち",
	    "'en' must be non-empty text");
	pack_refused("exercises/cloud_outage.yaml",
	    "      - ja: \"サービスの会社や契約の窓口に", "      - jp: \"サービ"
	    "スの会社や契約の窓口に", "jp: \"サービス",
	    "'ja' must be non-empty text");
	pack_refused("exercises/epidemic.yaml", "      - ja: \"パスワードや",
	    "      - ja: \"1\"\n        en: \"2\"\n      - ja: \"3\"\n"
	    "        en: \"4\"\n      - ja: \"パスワードや",
	    "at: {ja: \"3日目",
	    "'questions' must be a list of 2 to 4 entries");
	/* the key is the file's name; the incident one of bcp.yaml */
	pack_refused(f, "key: ransomware_encrypted", "key: ransomware_locked",
	    "pack: exercise",
	    "'key' must be the file's name, 'ransomware_encrypted'");
	pack_refused("exercises/ransomware_offline.yaml",
	    "incident: ransomware", "incident: hacking", "pack: exercise",
	    "unknown incident 'hacking' (bcp.yaml lists them)");
	pack_refused(f, "pack: exercise", "pack: exercises",
	    "pack: exercises", "'pack' must be exercise");
}

/* A content folder without a scenario does not load. */
static void
test_content_exercises_none(void **state)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	struct content c;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/ && rm '%s'/exercises/"
	    "*.yaml", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	assert_non_null(strstr(err, "/exercises: no scenario (.yaml) in it"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Every "{name}" in text is one of keys[n], and every brace is paired. */
static void
braces_in(const char *text, const char *const *keys, size_t n)
{
	const char *p, *end;
	size_t i;

	for (p = text; (p = strpbrk(p, "{}")) != NULL; p = end + 1) {
		assert_int_equal(*p, '{');
		assert_non_null(end = strchr(p, '}'));
		for (i = 0; i < n; i++)
			if (strlen(keys[i]) == (size_t)(end - p - 1) &&
			    strncmp(p + 1, keys[i], strlen(keys[i])) == 0)
				break;
		if (i == n)
			fail_msg("unknown placeholder '%.*s'", (int)(end - p +
			    1), p);
	}
}

static void
trlist_full(const struct trlist *t, size_t min)
{
	size_t i;
	int l;

	assert_true(t->n >= min);
	for (l = 0; l < LANG__MAX; l++)
		for (i = 0; i < t->n; i++) {
			assert_true(strlen(t->t[l][i]) > 0);
			assert_non_null(t->h[l][i]);
		}
}

static const char *const inc_fields[] = { "company", "kind", "level",
    "detected_date", "aware_date", "summary", "data_items", "people",
    "cause", "secondary", "measures", "people_response", "publication",
    "prevention", "contact", "notes", "today" };

/* The outside desks as shipped: dated, each checked on or before as_of,
 * an https address or none, every text in both languages, and the
 * seven desks issue 14 names. */
static void
test_content_desks_shipped(void **state)
{
	static const char *const want[] = { "police_cyber", "ipa", "jpcert",
	    "ppc", "yorozu", "consumer_188", "houterasu" };
	const struct desks_pack *dp = &ct.desks;
	size_t i, j;

	assert_string_equal(dp->as_of, "2026-12-04");
	tr_full(&dp->note);
	assert_int_equal(dp->n, 7);
	for (i = 0; i < dp->n; i++) {
		const struct desk *d = &dp->v[i];

		assert_string_equal(d->key, want[i]);
		tr_full(&d->name);
		tr_full(&d->handles);
		tr_full(&d->reach);
		assert_int_equal(strncmp(d->url, "https://", 8), 0);
		assert_true(strcmp(d->checked, dp->as_of) <= 0);
		assert_ptr_equal(desk_find(dp, d->key), d);
		for (j = 0; j < i; j++)
			assert_string_not_equal(dp->v[j].key, d->key);
	}
	assert_string_equal(desk_find(dp, "consumer_188")->phone, "188");
	assert_string_equal(desk_find(dp, "police_cyber")->phone, "#9110");
	assert_string_equal(desk_find(dp, "ipa")->phone, "");
	assert_null(desk_find(dp, "nowhere"));
}

/* The incidents pack as shipped: every fixed set in the order of
 * model/incident.h, every text in both languages, the playbooks'
 * shape, placeholders only from the closed sets. */
static void
test_content_incidents_shipped(void **state)
{
	static const char *const role[] = { "top", "lead", "first",
	    "finder" };
	static const char *const kind[] = { "leak", "tamper_outage",
	    "malware", "fraud", "other" };
	static const char *const status[] = { "open", "contained",
	    "recovered", "closed" };
	static const char *const phase[] = { "detect", "triage", "contact",
	    "preserve", "investigate", "respond", "fix", "publish",
	    "normal" };
	static const char *const pb[] = { "leak", "tamper_outage", "malware",
	    "fraud", "generic" };
	static const char *const lesson[] = { "what_when", "coping",
	    "info_needed", "hindered", "differently", "prevent", "tools" };
	static const char *const view[] = { "prevention", "detection",
	    "response", "recovery" };
	static const char *const dest[] = { "ministry", "cyber", "press",
	    "customers", "partners", "police", "ppc" };
	static const char *const notice[] = { "customers", "partners" };
	static const char *const responder[] = { "responder" };
	const struct incidents_pack *ip = &ct.incidents;
	size_t i, j;
	int k, l;

	for (k = 0; k < INC_ROLE__MAX; k++) {
		assert_string_equal(ip->role[k].key, role[k]);
		tr_full(&ip->role[k].label);
		tr_full(&ip->role[k].duty);
	}
	assert_string_equal(ip->role[INC_ROLE_LEAD].label.t[LANG_JA],
	    "対応責任者");
	for (k = 0; k < INC_LEVELS; k++) {
		tr_full(&ip->level[k].label);
		tr_full(&ip->level[k].definition);
		tr_full(&ip->level[k].example);
		assert_true(ip->level[k].responder < INC_STRUCT_ROLES);
		for (l = 0; l < LANG__MAX; l++) {
			if (k == 0) {
				assert_string_equal(ip->level[k].report.t[l],
				    "");
				continue;
			}
			/* from level 1: report at once, to the responder */
			assert_non_null(strstr(ip->level[k].report.t[l],
			    "{responder}"));
			braces_in(ip->level[k].report.t[l], responder, 1);
		}
	}
	assert_int_equal(ip->level[0].responder, INC_ROLE_FIRST);
	assert_int_equal(ip->level[3].responder, INC_ROLE_TOP);
	for (k = 0; k < INC_KIND__MAX; k++) {
		assert_string_equal(ip->kind[k].key, kind[k]);
		tr_full(&ip->kind[k].label);
		tr_full(&ip->kind[k].explain);
	}
	assert_int_equal(ip->kind[INC_FRAUD].playbook, INC_PB_FRAUD);
	assert_int_equal(ip->kind[INC_OTHER].playbook, INC_PB_GENERIC);
	assert_int_equal(ip->kind[INC_MALWARE].playbook, INC_PB_MALWARE);
	for (k = 0; k < INC_STATUS__MAX; k++)
		choice_full(&ip->status[k], status[k]);
	for (k = 0; k < INC_PH__MAX; k++)
		choice_full(&ip->phase[k], phase[k]);
	for (k = 0; k < INC_PB__MAX; k++) {
		const struct incident_step *s = ip->playbook[k].steps;

		assert_string_equal(ip->playbook[k].key, pb[k]);
		tr_full(&ip->playbook[k].label);
		assert_true(ip->playbook[k].n_steps >= 5);
		assert_string_equal(s[0].key, "start_log");
		for (i = 0; i < ip->playbook[k].n_steps; i++) {
			tr_full(&s[i].text);
			assert_true(s[i].role < INC_ROLE__MAX);
			if (i > 0)
				assert_true(s[i].phase >= s[i - 1].phase);
			for (j = 0; j < i; j++)
				assert_string_not_equal(s[j].key, s[i].key);
		}
		if (k == INC_PB_MALWARE)
			trlist_full(&ip->playbook[k].handover, 3);
		else
			assert_int_equal(ip->playbook[k].handover.n, 0);
	}
	/* the malware first response in the seeds' order */
	{
		static const char *const mw[] = { "start_log", "disconnect",
		    "call_admin", "update", "scan", "remove", "rescan",
		    "report_admin" };

		for (i = 0; i < sizeof(mw) / sizeof(mw[0]); i++)
			assert_string_equal(
			    ip->playbook[INC_PB_MALWARE].steps[i].key, mw[i]);
	}
	/* the leak playbook: the police for a break-in, the authority for
	 * personal data, both by the lead */
	{
		const struct incident_step *s = ip->playbook[INC_PB_LEAK].steps;
		int police = 0, authority = 0;

		for (i = 0; i < ip->playbook[INC_PB_LEAK].n_steps; i++) {
			if (strcmp(s[i].key, "police") == 0)
				police = s[i].role == INC_ROLE_LEAD &&
				    s[i].phase == INC_PH_CONTACT;
			if (strcmp(s[i].key, "authority") == 0)
				authority = s[i].role == INC_ROLE_LEAD;
		}
		assert_true(police);
		assert_true(authority);
	}
	for (k = 0; k < INC_LESSONS; k++) {
		assert_string_equal(ip->lesson[k].key, lesson[k]);
		tr_full(&ip->lesson[k].question);
		tr_full(&ip->lesson[k].hint);
	}
	for (k = 0; k < INC_V__MAX; k++) {
		assert_string_equal(ip->view[k].key, view[k]);
		tr_full(&ip->view[k].label);
		trlist_full(&ip->view[k].hints, 2);
	}
	for (k = 0; k < INC_D__MAX; k++) {
		assert_string_equal(ip->dest[k].key, dest[k]);
		tr_full(&ip->dest[k].label);
		trlist_full(&ip->dest[k].cautions, 1);
		assert_int_equal(ip->dest[k].ours, k >= INC_D_SEEDS);
		for (i = 0; i < ip->dest[k].n_desks; i++)
			assert_non_null(ip->dest[k].desks[i]);
	}
	assert_string_equal(ip->dest[INC_D_POLICE].desks[0]->key,
	    "police_cyber");
	assert_string_equal(ip->dest[INC_D_PPC].desks[0]->key, "ppc");
	assert_int_equal(ip->dest[INC_D_CYBER].n_desks, 2);
	for (k = 0; k < INC_F__MAX; k++)
		choice_full(&ip->field[k], inc_fields[k]);
	for (k = 0; k < INC_N__MAX; k++) {
		assert_string_equal(ip->notice[k].key, notice[k]);
		tr_full(&ip->notice[k].label);
		tr_full(&ip->notice[k].subject);
		tr_full(&ip->notice[k].body);
		for (l = 0; l < LANG__MAX; l++) {
			braces_in(ip->notice[k].subject.t[l], inc_fields,
			    INC_F__MAX);
			braces_in(ip->notice[k].body.t[l], inc_fields,
			    INC_F__MAX);
			assert_non_null(strstr(ip->notice[k].body.t[l],
			    "{company}"));
			assert_non_null(strstr(ip->notice[k].body.t[l],
			    "{contact}"));
		}
	}
	tr_full(&ip->rule_levels);
	tr_full(&ip->rule_playbooks);
	tr_full(&ip->rule_destinations);
}

/* The personal-data report rule as shipped: the law's date, the four
 * reasons, the threshold, the windows and the items. */
static void
test_content_appi_shipped(void **state)
{
	static const char *const reason[] = { "sensitive", "financial",
	    "malicious", "over_1000" };
	static const char *const item[] = { "summary", "data_items",
	    "people", "cause", "secondary", "people_response", "publication",
	    "prevention", "other" };
	const struct appi_pack *ap = &ct.appi;
	size_t i;
	int k;

	tr_full(&ap->law);
	tr_full(&ap->authority);
	tr_full(&ap->articles);
	assert_string_equal(ap->in_force, "2022-04-01");
	assert_ptr_equal(ap->desk, desk_find(&ct.desks, "ppc"));
	for (k = 0; k < INC_R__MAX; k++) {
		assert_string_equal(ap->reason[k].key, reason[k]);
		tr_full(&ap->reason[k].label);
		tr_full(&ap->reason[k].explain);
	}
	assert_int_equal(ap->threshold, 1000);
	tr_full(&ap->exempt);
	tr_full(&ap->preliminary.label);
	tr_full(&ap->preliminary.when);
	assert_int_equal(ap->preliminary.from, 3);
	assert_int_equal(ap->preliminary.to, 5);
	tr_full(&ap->final.label);
	tr_full(&ap->final.when);
	assert_int_equal(ap->final.days, 30);
	assert_int_equal(ap->final.days_malicious, 60);
	/* the day of awareness is day 1: due on its date + 29 (+ 59) */
	assert_int_equal(ap->aware_day, 1);
	assert_int_equal(ap->final.days - ap->aware_day, 29);
	assert_int_equal(ap->final.days_malicious - ap->aware_day, 59);
	tr_full(&ap->notify_people);
	for (k = 0; k < INC_AI__MAX; k++) {
		assert_string_equal(ap->item[k].key, item[k]);
		tr_full(&ap->item[k].label);
		assert_in_range(ap->item[k].n_fields, 1, 4);
		for (i = 0; i < ap->item[k].n_fields; i++)
			assert_true(ap->item[k].fields[i] < INC_F__MAX);
	}
	assert_int_equal(ap->item[INC_AI_PEOPLE].fields[0], INC_F_PEOPLE);
	assert_int_equal(ap->item[INC_AI_OTHER].fields[0], INC_F_NOTES);
	assert_int_equal(ap->item[INC_AI_SUMMARY].n_fields, 3);
	tr_full(&ap->rule_law);
	tr_full(&ap->rule_ours);
	tr_full(&ap->rule_not_filed);
}

static void
options_full(const struct intake_option *o, size_t n, size_t min)
{
	size_t i, j;

	assert_true(n >= min);
	for (i = 0; i < n; i++) {
		assert_non_null(o[i].key);
		tr_full(&o[i].label);
		for (j = 0; j < i; j++)
			assert_string_not_equal(o[j].key, o[i].key);
	}
}

/* The intake questionnaire as shipped: the header, 22 questions in
 * five groups, each with its real answer form, and the seven things to
 * have ready. */
static void
test_content_intake_shipped(void **state)
{
	static const char *const header[] = { "enquirer", "company",
	    "employees", "terminals", "sites" };
	static const char *const group[] = { "circumstances", "symptoms",
	    "management", "organisation", "basics" };
	static const char *const precall[] = { "device", "os",
	    "security_software", "cloud", "events", "grounds",
	    "other_desks" };
	static const char *const form[] = { "yes_no", "yes_no_unsure",
	    "multi", "choice", "text", "number" };
	static const char *const answer[] = { "yes", "no", "unsure" };
	/* the seeds' form of each question (SEEDFACTS §5.6) */
	static const enum incident_form want[INC_QUESTIONS] = {
		INC_FORM_YES_NO, INC_FORM_YES_NO, INC_FORM_YES_NO,
		INC_FORM_MULTI, INC_FORM_TEXT,
		INC_FORM_YES_NO_UNSURE, INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO_UNSURE, INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO_UNSURE, INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO_UNSURE, INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO, INC_FORM_YES_NO, INC_FORM_YES_NO_UNSURE,
		INC_FORM_YES_NO, INC_FORM_YES_NO_UNSURE,
		INC_FORM_MULTI, INC_FORM_MULTI, INC_FORM_MULTI,
	};
	static const int first[] = { 1, 6, 11, 15, 20 };
	static const int last[] = { 5, 10, 14, 19, 22 };
	const struct intake_pack *ip = &ct.intake;
	const struct intake_question *q;
	size_t i, j;
	int k;

	tr_full(&ip->title);
	tr_full(&ip->intro);
	tr_full(&ip->source);
	for (k = 0; k < INC_H__MAX; k++) {
		assert_string_equal(ip->header[k].key, header[k]);
		tr_full(&ip->header[k].label);
		tr_full(&ip->header[k].hint);
		if (k >= INC_H_EMPLOYEES)
			tr_full(&ip->header[k].unit);
		else
			assert_string_equal(ip->header[k].unit.t[LANG_JA], "");
	}
	for (k = 0; k < INC_A__MAX; k++)
		choice_full(&ip->answer[k], answer[k]);
	for (k = 0; k < INC_FORM__MAX; k++)
		choice_full(&ip->form[k], form[k]);
	for (k = 0; k < INC_G__MAX; k++) {
		assert_string_equal(ip->group[k].key, group[k]);
		assert_int_equal(ip->group[k].first, first[k]);
		assert_int_equal(ip->group[k].last, last[k]);
		tr_full(&ip->group[k].label);
		tr_full(&ip->group[k].purpose);
		tr_full(&ip->group[k].who);
	}
	for (k = 0; k < INC_QUESTIONS; k++) {
		q = &ip->q[k];
		assert_int_equal(q->n, k + 1);
		assert_int_equal(q->form, want[k]);
		assert_true(q->n >= ip->group[q->group].first &&
		    q->n <= ip->group[q->group].last);
		tr_full(&q->text);
		assert_non_null(q->hint.t[LANG_JA]);
		assert_int_equal(q->n_options > 0, q->form == INC_FORM_MULTI);
		options_full(q->options, q->n_options, 0);
		if (q->n_subs > 0)
			assert_true(q->form == INC_FORM_YES_NO ||
			    q->form == INC_FORM_YES_NO_UNSURE);
		for (i = 0; i < q->n_subs; i++) {
			const struct intake_sub *s = &q->subs[i];

			tr_full(&s->label);
			assert_true(s->form == INC_FORM_TEXT ||
			    s->form == INC_FORM_NUMBER ||
			    s->form == INC_FORM_CHOICE ||
			    s->form == INC_FORM_MULTI);
			assert_int_equal(s->n_options > 0,
			    s->form == INC_FORM_CHOICE ||
			    s->form == INC_FORM_MULTI);
			options_full(s->options, s->n_options, 0);
			for (j = 0; j < i; j++)
				assert_string_not_equal(q->subs[j].key, s->key);
		}
		for (j = 0; j < (size_t)k; j++)
			assert_string_not_equal(ip->q[j].key, q->key);
		if (k + 1 != 13)
			assert_int_equal(q->when_q, 0);
	}
	/* 13 only after a yes to 12 */
	assert_int_equal(ip->q[12].when_q, 12);
	assert_int_equal(ip->q[12].when_a, INC_A_YES);
	/* 6-8: since when, how often (four ways), and 7-8 which one */
	for (k = 5; k < 8; k++) {
		q = &ip->q[k];
		assert_string_equal(q->subs[0].key, "since");
		assert_string_equal(q->subs[1].key, "frequency");
		assert_int_equal(q->subs[1].form, INC_FORM_CHOICE);
		assert_int_equal(q->subs[1].n_options, 4);
		if (k > 5)
			assert_string_equal(q->subs[2].key, "which");
	}
	assert_int_equal(ip->q[7].subs[3].form, INC_FORM_NUMBER);
	/* the options the seeds give */
	assert_int_equal(ip->q[3].n_options, 4);
	assert_true(ip->q[3].options[3].text);	/* "other: …" */
	assert_int_equal(ip->q[9].subs[0].form, INC_FORM_MULTI);
	assert_int_equal(ip->q[9].subs[0].n_options, 4);
	assert_int_equal(ip->q[17].subs[0].n_options, 5);
	assert_int_equal(ip->q[19].n_options, 3);
	assert_true(ip->q[19].options[0].text);	/* assets and where */
	assert_int_equal(ip->q[20].n_options, 5);
	assert_int_equal(ip->q[21].n_options, 6);
	assert_true(ip->q[21].options[5].text);
	tr_full(&ip->precall_title);
	for (k = 0; k < INC_P__MAX; k++) {
		assert_string_equal(ip->precall[k].key, precall[k]);
		tr_full(&ip->precall[k].label);
		tr_full(&ip->precall[k].hint);
	}
}

/* Broken incident packs are refused, located. */
static void
test_content_incidents_refused(void **state)
{
	const char *f = "incidents.yaml";

	/* a missing language */
	pack_refused(f, "          en: \"Tell the response lead at once.\"\n",
	    "", "ja: \"対応責任者に、すぐに知らせます。\"",
	    "'en' must be non-empty text");
	pack_refused(f, "        - \"Other computers or servers show "
	    "something similar.\"\n", "",
	    "ja:\n        - \"ウイルス対策ソフトを使っても",
	    "'handover' needs as many entries in every language");
	/* placeholders */
	pack_refused(f, "{measures}", "{measure}",
	    "key: customers\n    label: {ja: \"お客様へのお知らせ\"",
	    "unknown placeholder '{measure}' (ja)");
	pack_refused(f, "{contact}", "{contact",
	    "key: customers\n    label: {ja: \"お客様へのお知らせ\"",
	    "a brace without its pair (ja)");
	pack_refused(f, "Tell {responder} at once and follow",
	    "Tell {company} at once and follow", "level: 1",
	    "unknown placeholder '{company}' (en)");
	pack_refused(f, "Tell {responder} at once and follow",
	    "Tell them at once and follow", "level: 1",
	    "level 1's 'report' must name {responder} in every language");
	/* levels */
	pack_refused(f, "    responder: first\n", "    responder: first\n"
	    "    report: {ja: \"{responder}へ\", en: \"to {responder}\"}\n",
	    "level: 0", "level 0 has no 'report': nothing is reported at "
	    "once");
	pack_refused(f, "    responder: lead\n", "    responder: finder\n",
	    "level: 1", "unknown responder 'finder'");
	pack_refused(f, "  - level: 2\n", "  - level: 3\n", "level: 3\n"
	    "    label: {ja: \"レベル2", "levels entry 3 must be level 2");
	/* playbooks */
	pack_refused(f, "      - key: start_log\n", "      - key: begin_log\n",
	    "key: begin_log", "the first step of a playbook must be "
	    "start_log (start the work log)");
	pack_refused(f, "      - key: prevent\n        phase: fix\n",
	    "      - key: prevent\n        phase: triage\n", "key: prevent",
	    "step 'prevent' (phase triage) comes before the phase of the "
	    "step above it");
	pack_refused(f, "        role: finder\n", "        role: boss\n",
	    "key: start_log", "unknown role 'boss'");
	pack_refused(f, "        phase: detect\n", "        phase: notice\n",
	    "key: start_log", "unknown phase 'notice'");
	pack_refused(f, "      - key: disconnect\n",
	    "      - key: call_admin\n",
	    "key: call_admin\n        phase: contact",
	    "duplicate step 'call_admin'");
	pack_refused(f, "    playbook: generic\n", "    playbook: leak\n",
	    "key: generic", "playbook 'generic' is used by no kind");
	pack_refused(f, "    playbook: fraud\n", "    playbook: scam\n",
	    "key: fraud\n    label: {ja: \"なりすまし",
	    "unknown playbook 'scam'");
	/* fixed keys in order */
	pack_refused(f, "  - key: tamper_outage\n    label: {ja: \"改ざん・消失・停止\"",
	    "  - key: outage\n    label: {ja: \"改ざん・消失・停止\"",
	    "key: outage", "kinds entry 2 must have key 'tamper_outage'");
	pack_refused(f, "{key: contained,", "{key: contain,",
	    "{key: contain,", "statuses entry 2 must have key 'contained'");
	pack_refused(f, "  - key: hindered\n", "  - key: blocked\n",
	    "key: blocked", "lessons entry 4 must have key 'hindered'");
	pack_refused(f, "{key: today,", "{key: now,", "{key: now,",
	    "fields entry 17 must have key 'today'");
	/* destinations */
	pack_refused(f, "    source: ours\n    desks: [police_cyber]",
	    "    source: seeds\n    desks: [police_cyber]",
	    "key: police\n    label:", "destination 'police' is ours: "
	    "'source' must say so");
	pack_refused(f, "desks: [ipa, jpcert]", "desks: [ipa, cert]",
	    "key: cyber", "unknown desk 'cert' (not in desks.yaml)");
	pack_refused(f, "pack: incidents", "pack: incident", "pack: incident",
	    "'pack' must be incidents");
}

/* A broken report rule is refused, located: the numbers above all. */
static void
test_content_appi_refused(void **state)
{
	const char *f = "appi.yaml";

	pack_refused(f, "  from: 3\n  to: 5\n", "  from: 6\n  to: 5\n",
	    "label: {ja: \"速報\"", "'from' (6 days) must not be after 'to' "
	    "(5 days)");
	pack_refused(f, "  from: 3\n", "  from: 0\n", "label: {ja: \"速報\"",
	    "'from' must be a whole number from 1 to 365");
	pack_refused(f, "  days_malicious: 60\n", "  days_malicious: 20\n",
	    "label: {ja: \"確報\"",
	    "'days_malicious' must not be shorter than 'days'");
	pack_refused(f, "  days: 30\n", "  days: 5\n", "label: {ja: \"確報\"",
	    "the final report would be due before the preliminary window "
	    "ends");
	pack_refused(f, "  days: 30\n", "  days: \"30\"\n",
	    "label: {ja: \"確報\"", "'days' must be a whole number from 1 "
	    "to 365");
	pack_refused(f, "aware_day: 1\n", "aware_day: 2\n", "pack: appi",
	    "'aware_day' must be a whole number from 0 to 1");
	pack_refused(f, "    threshold: 1000\n", "", "key: over_1000",
	    "'threshold' must be a whole number from 1 to 1000000");
	pack_refused(f, "    threshold: 1000\n", "    threshold: -1\n",
	    "key: over_1000",
	    "'threshold' must be a whole number from 1 to 1000000");
	pack_refused(f, "  - key: financial\n", "  - key: financial\n"
	    "    threshold: 5\n", "key: financial",
	    "only over_1000 has a threshold");
	pack_refused(f, "fields: [cause]", "fields: [reason]", "key: cause",
	    "unknown field 'reason'");
	pack_refused(f, "  - key: secondary\n", "  - key: damage\n",
	    "key: damage", "items entry 5 must have key 'secondary'");
	pack_refused(f, "in_force: 2022-04-01", "in_force: 2022-04-31",
	    "pack: appi", "'in_force' must be a date YYYY-MM-DD");
	pack_refused(f, "  en: \"Personal Information Protection "
	    "Commission\"\n", "", "ja: \"個人情報保護委員会\"",
	    "'en' must be non-empty text");
	pack_refused(f, "desk: ppc", "desk: commission", "pack: appi",
	    "unknown desk 'commission' (not in desks.yaml)");
}

/* A broken questionnaire is refused, located. */
static void
test_content_intake_refused(void **state)
{
	static const char q5[] = "      - n: 5\n        key: background\n"
	    "        text:\n          ja: \"相談しようと思ったきっかけと、ここまで"
	    "の経緯を、できるだけ具体的に書いてください。\"\n          en: \"What "
	    "made you decide to ask for help, and what has happened so far? "
	    "Be as concrete as you can.\"\n        form: text\n";
	static const char g2[] = "  - key: symptoms\n    label: {ja: \"いま出て"
	    "いる症状\", en: \"Symptoms\"}\n    purpose:\n      ja: \"どこから調べ"
	    "始めるかの手がかりにします。使っている人から聞いた話や、感じたことでも"
	    "構いません。分からなければ「分からない」を選びます。\"\n      en: "
	    "\"Tells the helpers where to start. Second-hand reports and "
	    "impressions are fine; if you do not know, say so.\"\n    who: {ja: "
	    "\"主にシステムを管理している人\", en: \"Mainly whoever looks after "
	    "the systems\"}\n    questions:\n";
	const char *f = "intake.yaml";
	char moved[2048], from[2048];

	/* not 22 questions */
	pack_refused(f, q5, "", "pack: intake",
	    "the questionnaire must have 22 questions, not 21");
	snprintf(moved, sizeof(moved), "%s%s", q5, q5);
	pack_refused(f, q5, moved, "pack: intake",
	    "the questionnaire must have 22 questions, not 23");
	/* 22 in all, but question 5 in the next group */
	snprintf(from, sizeof(from), "%s\n%s      - n: 6\n", q5, g2);
	snprintf(moved, sizeof(moved), "\n%s%s      - n: 6\n", g2, q5);
	pack_refused(f, from, moved, "key: circumstances",
	    "group 'circumstances' must hold questions 1 to 5");
	/* answer forms */
	pack_refused(f, "        form: yes_no\n", "        form: yes_maybe\n",
	    "n: 1\n        key: outside_notice", "unknown form 'yes_maybe'");
	pack_refused(f, "Be as concrete as you can.\"\n        form: text\n",
	    "Be as concrete as you can.\"\n        form: number\n", "n: 5",
	    "question 5: a question's form is yes_no, yes_no_unsure, multi "
	    "or text");
	pack_refused(f, "What are you worried about now?\"\n        form: "
	    "multi\n", "What are you worried about now?\"\n        form: "
	    "yes_no\n", "n: 4", "question 4: only a multi question has "
	    "options");
	pack_refused(f, "{key: period, label: {ja: \"期間\", en: \"For how "
	    "long\"}, form: text}", "{key: period, label: {ja: \"期間\", en: "
	    "\"For how long\"}, form: yes_no}", "{key: period,",
	    "question 13: a follow-up's form is text, number, choice or "
	    "multi");
	pack_refused(f, "        form: text\n\n  - key: symptoms",
	    "        form: text\n        follow_ups:\n          - {key: x, "
	    "label: {ja: \"x\", en: \"x\"}, form: text}\n\n  - key: symptoms",
	    "n: 5", "question 5: only a yes/no question has follow_ups");
	pack_refused(f, "{key: several,", "{key: once,", "{key: once, label: "
	    "{ja: \"何回か\"", "duplicate option 'once'");
	pack_refused(f, "{key: since, label: {ja: \"いつごろから\", en: \"Since "
	    "when\"}, form: text}", "{key: since, label: {ja: \"いつごろから\", "
	    "en: \"Since when\"}, form: choice}", "{key: since,",
	    "'options' must be a list of 2 to 12 entries");
	pack_refused(f, ", en: \"A computer is infected\"}", "}",
	    "{ja: \"ウイルスに感染した", "'en' must be non-empty text");
	/* the condition of question 13 */
	pack_refused(f, "when: {question: 12, answer: \"yes\"}",
	    "when: {question: 14, answer: \"yes\"}", "{question: 14",
	    "'question' must be a whole number from 1 to 12");
	pack_refused(f, "when: {question: 12, answer: \"yes\"}",
	    "when: {question: 3, answer: unsure}", "{question: 3",
	    "question 3 cannot be answered 'unsure'");
	pack_refused(f, "when: {question: 12, answer: \"yes\"}",
	    "when: {question: 12, answer: maybe}", "{question: 12",
	    "unknown answer 'maybe'");
	/* numbering and fixed keys */
	pack_refused(f, "      - n: 7\n", "      - n: 8\n",
	    "n: 8\n        key: server_slow", "expected question 7 here");
	pack_refused(f, "key: outside_notice", "key: Outside",
	    "n: 1\n        key: Outside", "'key' must be lower-case letters");
	pack_refused(f, "  - key: management\n", "  - key: admin\n",
	    "key: admin", "groups entry 3 must have key 'management'");
	pack_refused(f, "{key: unsure,", "{key: unknown,", "{key: unknown,",
	    "answers entry 3 must have key 'unsure'");
	pack_refused(f, "  - key: grounds\n", "  - key: reasons\n",
	    "key: reasons", "precall entry 6 must have key 'grounds'");
	pack_refused(f, "    hint: {ja: \"正式な名前\"",
	    "    unit: {ja: \"社\", en: \"company\"}\n    hint: {ja: \"正式な名前\"",
	    "key: company", "only the numbers of the header have a unit");
}

/* A broken list of desks is refused, located. */
static void
test_content_desks_refused(void **state)
{
	const char *f = "desks.yaml";

	pack_refused(f, "https://www.jpcert.or.jp/", "http://www.jpcert.or.jp/",
	    "key: jpcert", "'url' must be an https:// address");
	pack_refused(f, "    checked: 2026-12-04\n",
	    "    checked: 2027-01-04\n", "key: police_cyber",
	    "desk 'police_cyber' is checked after as_of");
	pack_refused(f, "    checked: 2026-12-04\n",
	    "    checked: 4 Dec 2026\n", "key: police_cyber",
	    "'checked' must be a date YYYY-MM-DD");
	pack_refused(f, "as_of: 2026-12-04", "as_of: 2026-13-04",
	    "pack: desks", "'as_of' must be a date YYYY-MM-DD");
	/* a card's cell holds ten characters */
	pack_refused(f, "      ja: \"法テラス\"\n",
	    "      ja: \"法テラス（日本司法支援）\"\n", "key: houterasu",
	    "desk 'houterasu': 'short' is longer than 10 characters in ja");
	pack_refused(f, "phone: \"188\"", "phone: \"one-eight-eight\"",
	    "key: consumer_188", "'phone' must be digits, '#' and '-' only");
	pack_refused(f, "  - key: houterasu\n", "  - key: ipa\n",
	    "key: ipa\n    name:\n      ja: \"法テラス",
	    "duplicate key 'ipa'");
	pack_refused(f, "      en: \"Consumer hotline 188\"\n", "",
	    "ja: \"消費者ホットライン", "'en' must be non-empty text");
}

static int
looks_like_key(const char *s, size_t n)
{
	static const char *const exts[] = { ".svg", ".css", ".js", ".csv",
	    ".sql", ".db", ".png" };
	size_t i, dots = 0;

	if (n < 3 || !islower((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			dots++;
		else if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	}
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t el = strlen(exts[i]);

		if (n > el && memcmp(s + n - el, exts[i], el) == 0)
			return 0;
	}
	return dots > 0 && s[n - 1] != '.';
}

/* Every literal key in src/pages is in the catalogue. */
static void
test_content_ui_has_every_literal_key(void **state)
{
	DIR *d = opendir("src/pages");
	struct dirent *e;
	int missing = 0, seen = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[512], *text;
		const char *p, *q;
		FILE *f;
		long len;

		/* routes.c names routes, it shows no text */
		if (strstr(e->d_name, ".c") == NULL ||
		    strcmp(e->d_name, "routes.c") == 0)
			continue;
		snprintf(path, sizeof(path), "src/pages/%s", e->d_name);
		assert_non_null(f = fopen(path, "rb"));
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		text = calloc(1, (size_t)len + 1);
		assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		for (p = strchr(text, '"'); p != NULL; p = strchr(q + 1, '"')) {
			char key[128];

			q = strchr(p + 1, '"');
			if (q == NULL)
				break;
			if (looks_like_key(p + 1, (size_t)(q - p - 1)) &&
			    (size_t)(q - p - 1) < sizeof(key)) {
				memcpy(key, p + 1, (size_t)(q - p - 1));
				key[q - p - 1] = '\0';
				seen++;
				if (!content_ui_has(&ct, key)) {
					fprintf(stderr, "%s: no text for '%s'\n",
					    path, key);
					missing++;
				}
			}
		}
		free(text);
	}
	closedir(d);
	assert_true(seen > 150);
	assert_int_equal(missing, 0);
}

/* Keys the code builds at run time, family by family. */
static void
test_content_ui_has_every_built_key(void **state)
{
	static const char *const keys[] = {
		"error.400", "error.401", "error.403", "error.404", "error.405",
		"error.409", "error.413", "error.429", "error.500", "error.503",
		"error.400.help", "error.401.help", "error.403.help",
		"error.404.help", "error.405.help", "error.409.help",
		"error.413.help", "error.429.help", "error.500.help",
		"error.503.help",
		"role.org_admin", "role.advisor", "role.member",
		"urole.admin", "urole.advisor", "urole.member",
		"org.tab.rounds", "org.tab.profile", "org.tab.members",
		"org.tab.audit", "org.tab.security-action", "lang.ja", "lang.en",
		"setup.title", "setup.intro", "invite.title", "invite.intro",
		"audit.ev.other", "audit.addr_cli", "audit.d.share_on",
		"audit.d.share_off",
	};
	size_t i;
	int r;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!content_ui_has(&ct, keys[i]))
			fprintf(stderr, "no text for '%s'\n", keys[i]);
		assert_true(content_ui_has(&ct, keys[i]));
	}
	for (r = 0; r < DIAG_ROLE__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "resp.role.%s", diag_role_key(r));
		assert_true(content_ui_has(&ct, k));
		snprintf(k, sizeof(k), "resp.role_hint.%s", diag_role_key(r));
		assert_true(content_ui_has(&ct, k));
	}
	for (r = 0; r < DIAG_CSV_E__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "import.err.%s", diag_csv_code(r));
		if (!content_ui_has(&ct, k))
			fprintf(stderr, "no text for '%s'\n", k);
		assert_true(content_ui_has(&ct, k));
	}
	/* Every audit event the code can write has its label: a new event
	 * without one fails here. */
	for (r = 0; r < AUDIT_EV__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "audit.ev.%s",
		    audit_ev_key((enum audit_ev)r));
		if (!content_ui_has(&ct, k))
			fprintf(stderr, "no text for '%s'\n", k);
		assert_true(content_ui_has(&ct, k));
	}
	for (r = 0; r < REPORT_FORMAT__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "audit.d.export.%s",
		    report_format_key((enum report_format)r));
		assert_true(content_ui_has(&ct, k));
	}
	for (r = 0; r < USER_ROLE__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "urole.%s",
		    user_role_key((enum user_role)r));
		assert_true(content_ui_has(&ct, k));
	}
	/* Every register's texts (page_register.c builds their keys from
	 * the declaration), and a message for every refusal. */
	for (r = 0; r < REGISTER__MAX; r++) {
		static const char *const parts[] = { "title", "one", "intro",
		    "nav" };
		const struct register_decl *d = register_of(r);
		char k[96];
		size_t fi;

		for (fi = 0; fi < sizeof(parts) / sizeof(parts[0]); fi++) {
			snprintf(k, sizeof(k), "reg.%s.%s", d->key, parts[fi]);
			if (!content_ui_has(&ct, k))
				fprintf(stderr, "no text for '%s'\n", k);
			assert_true(content_ui_has(&ct, k));
		}
		for (fi = 0; fi < d->nf; fi++) {
			snprintf(k, sizeof(k), "reg.%s.f.%s", d->key,
			    d->f[fi].key);
			if (!content_ui_has(&ct, k))
				fprintf(stderr, "no text for '%s'\n", k);
			assert_true(content_ui_has(&ct, k));
		}
	}
	assert_true(content_ui_has(&ct, "reg.assets.starters"));
	for (r = RFE_OK + 1; r < RFE__MAX; r++) {
		char k[64];

		snprintf(k, sizeof(k), "reg.err.%s",
		    register_err_key((enum rf_err)r));
		if (!content_ui_has(&ct, k))
			fprintf(stderr, "no text for '%s'\n", k);
		assert_true(content_ui_has(&ct, k));
	}
	assert_true(content_ui_has(&ct, "reg.op.add"));
	assert_true(content_ui_has(&ct, "reg.op.edit"));
	assert_true(content_ui_has(&ct, "reg.op.delete"));
	assert_true(content_ui_has(&ct, "reg.op.import"));
	/* A missing key shows itself rather than crashing. */
	assert_string_equal(content_ui(&ct, LANG_EN, "no.such.key"),
	    "no.such.key");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_load_shipped),
		cmocka_unit_test(test_content_escaped_copies),
		cmocka_unit_test(test_dep_class_of_rule),
		cmocka_unit_test(test_yaml_parse_positions),
		cmocka_unit_test(test_content_load_refuses_missing_language),
		cmocka_unit_test(test_choices_band_edges),
		cmocka_unit_test(test_content_load_refuses_bad_bands),
		cmocka_unit_test(test_content_registers_shipped),
		cmocka_unit_test(test_content_assets_refused),
		cmocka_unit_test(test_content_threats_refused),
		cmocka_unit_test(test_content_regs_plan_refused),
		cmocka_unit_test(test_content_plan_item_areas),
		cmocka_unit_test(test_content_bcp_shipped),
		cmocka_unit_test(test_content_bcp_warning_numbers),
		cmocka_unit_test(test_content_bcp_refused),
		cmocka_unit_test(test_content_exercises_shipped),
		cmocka_unit_test(test_content_exercises_refused),
		cmocka_unit_test(test_content_exercises_none),
		cmocka_unit_test(test_content_desks_shipped),
		cmocka_unit_test(test_content_incidents_shipped),
		cmocka_unit_test(test_content_appi_shipped),
		cmocka_unit_test(test_content_intake_shipped),
		cmocka_unit_test(test_content_incidents_refused),
		cmocka_unit_test(test_content_appi_refused),
		cmocka_unit_test(test_content_intake_refused),
		cmocka_unit_test(test_content_desks_refused),
		cmocka_unit_test(test_content_ui_has_every_literal_key),
		cmocka_unit_test(test_content_ui_has_every_built_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
