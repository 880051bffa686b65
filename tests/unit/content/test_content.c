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
		cmocka_unit_test(test_content_ui_has_every_literal_key),
		cmocka_unit_test(test_content_ui_has_every_built_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
