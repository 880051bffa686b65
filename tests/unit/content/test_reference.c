/* Unit tests for src/content/reference.c: the shipped top-10 years, the
 * SME table and the desks' kinds load with their links; a broken pack
 * stops the load with its file, line and reason (a bad link, a missing
 * or wrong year, an industry without groups, a desk without topics). */
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

/* Three years, latest first; every threat ranked in order and linked to
 * items 1–25 and to threats of the risk catalogue. */
static void
test_reference_top10_shipped(void **state)
{
	static const int years[] = { 2026, 2025, 2024 };
	const struct top10_pack *tp = &ct.top10;
	const struct top10_year *y;
	size_t i, k;
	int r;

	assert_int_equal(tp->n, 3);
	for (i = 0; i < 3; i++) {
		y = &tp->v[i];
		assert_int_equal(y->year, years[i]);
		assert_ptr_equal(top10_find(tp, years[i]), y);
		assert_string_equal(y->as_of, "2026-12-05");
		for (r = 0; r < TOP10_N; r++) {
			const struct top10_threat *t = &y->t[r];

			assert_int_equal(t->rank, r + 1);
			assert_true(t->name.t[LANG_JA][0] != '\0');
			assert_true(t->todo.t[LANG_EN][0] != '\0');
			assert_true(t->n_items >= 1);
			assert_true(t->n_risks >= 1);
			for (k = 0; k < t->n_items; k++)
				assert_in_range(t->items[k], 1, DIAG_ITEMS);
			for (k = 0; k < t->n_risks; k++)
				assert_ptr_equal(threat_find(&ct.threats,
				    t->risks[k]->key), t->risks[k]);
		}
	}
	assert_null(top10_find(tp, 2023));
	/* 2024's list is the catalogue's organisation group, rank by rank */
	y = top10_find(tp, 2024);
	assert_string_equal(y->t[0].risks[0]->key, "ransomware");
	assert_string_equal(y->t[9].risks[0]->key, "crime_business");
	assert_string_equal(top10_find(tp, 2026)->published, "2026-01-29");
	assert_string_equal(top10_find(tp, 2024)->published, "");
}

/* The Act's table and our industry mapping. */
static void
test_reference_sme_shipped(void **state)
{
	const struct sme_pack *sp = &ct.sme;
	const struct sme_band *b;

	assert_int_equal(sp->lim[SME_MANUFACTURING].capital, 300000000);
	assert_int_equal(sp->lim[SME_MANUFACTURING].staff, 300);
	assert_int_equal(sp->lim[SME_MANUFACTURING].small_staff, 20);
	assert_int_equal(sp->lim[SME_WHOLESALE].capital, 100000000);
	assert_int_equal(sp->lim[SME_WHOLESALE].staff, 100);
	assert_int_equal(sp->lim[SME_WHOLESALE].small_staff, 5);
	assert_int_equal(sp->lim[SME_SERVICES].capital, 50000000);
	assert_int_equal(sp->lim[SME_SERVICES].staff, 100);
	assert_int_equal(sp->lim[SME_SERVICES].small_staff, 5);
	assert_int_equal(sp->lim[SME_RETAIL].capital, 50000000);
	assert_int_equal(sp->lim[SME_RETAIL].staff, 50);
	assert_int_equal(sp->lim[SME_RETAIL].small_staff, 5);
	assert_int_equal(sp->n_industries, ct.org.industries.n);
	assert_int_equal(sme_pack_groups(sp, "E"), 1u << SME_MANUFACTURING);
	assert_int_equal(sme_pack_groups(sp, "I"), 1u << SME_WHOLESALE |
	    1u << SME_RETAIL);
	assert_int_equal(sme_pack_groups(sp, "R"), 1u << SME_SERVICES);
	assert_int_equal(sme_pack_groups(sp, "S"), 0);
	assert_int_equal(sme_pack_groups(sp, "Z"), 0);
	assert_int_equal(sp->n_bands, ct.org.capital.n);
	b = sme_pack_band(sp, "c2");
	assert_non_null(b);
	assert_int_equal(b->yen.lo, 10000000);
	assert_int_equal(b->yen.hi, 50000000);
	assert_int_equal(sme_pack_band(sp, "c5")->yen.hi, -1);
	assert_true(sme_pack_band(sp, "c6")->none);
	assert_null(sme_pack_band(sp, "c9"));
}

static void
test_reference_desks_shipped(void **state)
{
	size_t i;

	for (i = 0; i < ct.desks.n; i++) {
		assert_true(ct.desks.v[i].kinds != 0);
		assert_true(ct.desks.v[i].topics.n >= 1);
	}
	assert_int_equal(desk_find(&ct.desks, "police_cyber")->kinds,
	    1u << DESK_REPORT | 1u << DESK_ADVICE | 1u << DESK_INFORMATION);
	assert_int_equal(desk_find(&ct.desks, "yorozu")->kinds,
	    1u << DESK_ADVICE);
}

/*
 * A copy of content/ where file holds body (or, with from, the shipped
 * file with its first from replaced by to; body NULL: file removed); the
 * load must fail with want in the message, naming where (when not
 * NULL).
 */
static void
refused(const char *file, const char *from, const char *to,
    const char *body, const char *where, const char *want)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[1024], err[512];
	struct content c;
	FILE *f;
	int rc;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/%s", dir, file);
	if (from != NULL) {
		char *text, *at, *out;
		long n;

		f = fopen(cmd, "r");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		text = calloc(1, (size_t)n + 1);
		assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		at = strstr(text, from);
		if (at == NULL)
			fail_msg("'%s' not in %s", from, file);
		out = calloc(1, (size_t)n + strlen(to) + 1);
		memcpy(out, text, (size_t)(at - text));
		strcat(out, to);
		strcat(out, at + strlen(from));
		f = fopen(cmd, "w");
		fputs(out, f);
		fclose(f);
		free(text);
		free(out);
	} else if (body != NULL) {
		f = fopen(cmd, "w");
		assert_non_null(f);
		fputs(body, f);
		fclose(f);
	} else
		assert_int_equal(remove(cmd), 0);
	err[0] = '\0';
	rc = content_load(&c, dir, err, sizeof(err));
	content_free(&c);
	if (rc != -1)
		fail_msg("loaded, though %s should be refused", want);
	if ((where != NULL && strstr(err, where) == NULL) ||
	    strstr(err, want) == NULL)
		fail_msg("wanted '%s' at '%s', got '%s'", want,
		    where ? where : "", err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_reference_top10_refused(void **state)
{
	/* links: an item past 25, a threat the catalogue lacks */
	refused("threats/2024.yaml", "    items: [1, 2, 6, 11, 24]\n",
	    "    items: [1, 2, 26]\n", NULL, "threats/2024.yaml:",
	    "rank 1: unknown diagnosis item (items are 1 to 25)");
	refused("threats/2025.yaml", "risks: [supply_chain]",
	    "risks: [supply_chains]", NULL, "threats/2025.yaml:",
	    "rank 2: unknown risk-catalogue threat 'supply_chains'");
	refused("threats/2024.yaml", "    risks: [ransomware]\n",
	    "    risks: []\n", NULL, "threats/2024.yaml:",
	    "'risks' must be a list of 1 to 4 entries");
	/* the year: missing, or not the file's */
	refused("threats/2026.yaml", "year: 2026\n", "", NULL,
	    "threats/2026.yaml:",
	    "'year' must be a whole number from 2000 to 2100");
	refused("threats/2025.yaml", "year: 2025\n", "year: 2024\n", NULL,
	    "threats/2025.yaml:", "'year' (2024) must be the file's name");
	/* ranks in order, ten of them */
	refused("threats/2024.yaml", "  - rank: 2\n", "  - rank: 3\n", NULL,
	    "threats/2024.yaml:", "rank 3 where 2 is due");
	refused("threats/2024.yaml", "    items: [1, 2, 6, 11, 24]\n",
	    "    items: [1, 1]\n", NULL, "threats/2024.yaml:",
	    "rank 1: item 1 twice");
	refused("threats/2024.yaml", NULL, NULL, "pack: top10\nversion: 1\n"
	    "year: 2024\nas_of: 2026-12-05\nsource: {ja: \"あ\", en: \"a\"}\n"
	    "threats: []\n", "threats/2024.yaml:",
	    "'threats' must be a list of 10 to 10 entries");
	refused("threats/2024.yaml", "as_of: 2026-12-05", "as_of: 2026-12",
	    NULL, "threats/2024.yaml:", "'as_of' must be a date YYYY-MM-DD");
}

/* No year at all stops the start too. */
static void
test_reference_top10_no_year(void **state)
{
	char dir[] = "/tmp/mamori-content-XXXXXX", cmd[512], err[512];
	struct content c;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r content/. '%s'/ && rm '%s'/threats/"
	    "*.yaml", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(content_load(&c, dir, err, sizeof(err)), -1);
	content_free(&c);
	assert_non_null(strstr(err, "there must be 1 to 40 years"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_reference_sme_refused(void **state)
{
	refused("sme.yaml", "  T: []\n", "", NULL, "sme.yaml:",
	    "industry 'T' of org.yaml must have a list of its groups");
	refused("sme.yaml", "  T: []\n", "  T: []\n  Z: [retail]\n", NULL,
	    "sme.yaml:", "'industries' names 'Z', an industry org.yaml does "
	    "not have");
	refused("sme.yaml", "  I: [wholesale, retail]\n",
	    "  I: [wholesale, shops]\n", NULL, "sme.yaml:",
	    "industry 'I': unknown group");
	refused("sme.yaml", "    small_staff: 20\n", "    small_staff: 400\n",
	    NULL, "sme.yaml:", "group 'manufacturing': 'small_staff' is more "
	    "than 'staff'");
	refused("sme.yaml", "  - key: wholesale\n", "  - key: trade\n", NULL,
	    "sme.yaml:", "group 2 must be 'wholesale'");
	refused("sme.yaml", "  c6: none\n", "", NULL, "sme.yaml:",
	    "capital band 'c6' must be {min, max} or none");
	refused("sme.yaml", "{min: 0, max: 9999999}",
	    "{min: 20000000, max: 9999999}", NULL, "sme.yaml:",
	    "capital band 'c1': 'max' is below 'min'");
}

static void
test_reference_desks_refused(void **state)
{
	refused("desks.yaml", "    kinds: [advice]\n",
	    "    kinds: [advise]\n", NULL, "desks.yaml:",
	    "desk 'yorozu': 'kinds' entry 1 must be report, advice or "
	    "information");
	refused("desks.yaml", "    kinds: [advice]\n",
	    "    kinds: [advice, advice]\n", NULL, "desks.yaml:",
	    "desk 'yorozu': kind 'advice' twice");
	refused("desks.yaml", "    kinds: [advice]\n", "", NULL,
	    "desks.yaml:", "'kinds' must be a list of 1 to 3 entries");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_top10_shipped),
		cmocka_unit_test(test_reference_sme_shipped),
		cmocka_unit_test(test_reference_desks_shipped),
		cmocka_unit_test(test_reference_top10_refused),
		cmocka_unit_test(test_reference_top10_no_year),
		cmocka_unit_test(test_reference_sme_refused),
		cmocka_unit_test(test_reference_desks_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
