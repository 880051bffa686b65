/* Unit tests for src/content/damage.c: the shipped pack has the seven
 * categories, the two presets with the seeds' inputs and totals, JNSA's
 * unit costs with source and year; a pack whose rule does not give the
 * seed's line at the preset's own inputs, or is malformed, stops the load
 * with file:line and its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"

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
test_damage_shipped(void **state)
{
	const struct damage_pack *dp = &ct.damage;
	const struct damage_preset *m, *r;
	size_t i;
	int c, jnsa = -1;

	for (c = 0; c < EST_CAT__MAX; c++) {
		assert_non_null(dp->cat_label[c].t[LANG_JA]);
		assert_non_null(dp->cat_label[c].t[LANG_EN]);
	}
	assert_string_equal(dp->cat_label[EST_CAT_LOST_PROFIT].t[LANG_JA],
	    "逸失利益");
	assert_int_equal(strlen(dp->as_of), 10);
	m = damage_preset_find(dp, "manufacturer-ransomware");
	r = damage_preset_find(dp, "retailer-leak");
	assert_non_null(m);
	assert_non_null(r);
	assert_null(damage_preset_find(dp, "retailer"));
	assert_null(damage_preset_find(dp, NULL));
	assert_int_equal(m->seed_total, 10400000);
	assert_int_equal(r->seed_total, 35700000);
	assert_int_equal(m->p.in[EST_IN_STAFF], 50);
	assert_int_equal(r->p.in[EST_IN_RECORDS], 10000);
	assert_int_equal(r->p.in[EST_IN_DAYS], 14);
	assert_string_equal(dp->src[m->source].key, "giaj");
	for (i = 0; i < dp->nsrc; i++)
		if (strcmp(dp->src[i].key, "jnsa") == 0)
			jnsa = (int)i;
	assert_true(jnsa >= 0);
	assert_int_equal(dp->src[jnsa].year, 2024);
	assert_non_null(strstr(dp->src[jnsa].name.t[LANG_EN], "JNSA"));
	/* JNSA's SME figures as the issue gives them */
	for (i = 0; i < dp->nunits; i++) {
		const struct damage_unit *u = &dp->unit[i];

		assert_int_equal((int)u->source, jnsa);
		if (strcmp(u->key, "investigation") == 0)
			assert_true(u->min == 3000000 && u->max == 4000000);
		else if (strcmp(u->key, "legal") == 0)
			assert_true(u->min == 300000 && u->max == 1000000);
		else if (strcmp(u->key, "call_centre") == 0)
			assert_true(u->min == 7000000 && u->max == 10000000);
		else if (strcmp(u->key, "gifts") == 0)
			assert_true(u->min == 650 && u->max == 650);
	}
	assert_int_equal(dp->nunits, 4);
	/* every rule says how, in both languages, and calls itself ours
	 * where it scales */
	for (i = 0; i < r->p.nrules; i++)
		assert_non_null(r->how[i].t[LANG_EN]);
	assert_non_null(strstr(dp->ours.t[LANG_EN], "mamori's own"));
}

/* A copy of content/ whose damage.yaml has the first from replaced by
 * to; the load must fail with want in the message, naming damage.yaml. */
static void
refused(const char *from, const char *to, const char *want)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	static char body[65536];
	struct content c;
	const char *at;
	size_t n;
	FILE *f;

	f = fopen("content/damage.yaml", "r");
	assert_non_null(f);
	n = fread(body, 1, sizeof(body) - 1, f);
	body[n] = '\0';
	fclose(f);
	at = strstr(body, from);
	if (at == NULL)
		fail_msg("'%s' is not in damage.yaml", from);
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/damage.yaml", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fwrite(body, 1, (size_t)(at - body), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
	err[0] = '\0';
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	if (strstr(err, "damage.yaml:") == NULL || strstr(err, want) == NULL)
		fail_msg("wanted '%s', got '%s'", want, err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_damage_refused(void **state)
{
	/* the seed's line and the rule disagree */
	refused("investigation: 10000000", "investigation: 11000000",
	    "the rule for 'investigation' gives ¥10000000 at the preset's "
	    "inputs, the seed says ¥11000000");
	refused("num: 600", "num: 650", "the rule for 'customer_response' "
	    "gives ¥6500000");
	/* a preset's input other than the example's changes a line */
	refused("inputs: {sales: 300000000", "inputs: {sales: 310000000",
	    "the rule for 'lost_profit'");
	refused("      lost_profit: 400000\n", "", "no seed line for "
	    "'lost_profit'");
	refused("- {upto: 100, yen: 10000000}", "- {upto: 10, yen: 10000000}",
	    "the rule is not well formed");
	refused("rule: fixed", "rule: flat", "'rule' must be fixed, rate or "
	    "steps");
	refused("by: [records]", "by: [customers]", "an input is one of");
	refused("category: litigation", "category: fines", "'fines' is no "
	    "damage category");
	refused("key: retailer-leak", "key: Retailer_Leak", "'key' must be "
	    "lower-case letters");
	refused("key: retailer-leak", "key: manufacturer-ransomware",
	    "preset 'manufacturer-ransomware' twice");
	refused("source: jnsa", "source: nobody", "'source' names no source");
	refused("days: 14}", "days: 400}", "'days' must be a whole number "
	    "from 0 to 365");
	refused("as_of: 2026-12-05", "as_of: soon", "'as_of' must be a date");
	refused("    min: 650\n    max: 650", "    min: 650\n    max: 600",
	    "'max' is below 'min'");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_damage_shipped),
		cmocka_unit_test(test_damage_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
