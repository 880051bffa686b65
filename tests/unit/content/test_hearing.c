/* Unit tests for src/content/hearing.c: the hearing sheet and the
 * confidentiality pledge as shipped, and broken packs refused with
 * FILE:LINE:COLUMN. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
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
tr_full(const struct tr *t)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		assert_non_null(t->t[l]);
		assert_non_null(t->h[l]);
		assert_true(strlen(t->t[l]) > 0);
	}
}

/* The seven sections of the sheet in their order, with the sub-items
 * the seeds name for sections 4 to 7, and four kinds of material. */
static void
test_hearing_load_shipped(void **state)
{
	static const char *const secs[] = { "business", "processes",
	    "supply", "covid", "it", "issues", "security" };
	static const size_t n[] = { 3, 2, 3, 2, 9, 3, 5 };
	const struct hearing_pack *hp = &ct.hearing;
	size_t i, j, total = 0;

	tr_full(&hp->title);
	tr_full(&hp->intro);
	tr_full(&hp->column_item);
	tr_full(&hp->column_result);
	assert_int_equal(hp->obtain.n, 4);
	assert_int_equal(hp->n_sections, 7);
	for (i = 0; i < hp->n_sections; i++) {
		const struct hearing_section *s = &hp->sections[i];

		assert_string_equal(s->key, secs[i]);
		tr_full(&s->title);
		assert_int_equal(s->n, n[i]);
		assert_int_equal(s->first, total);
		for (j = s->first; j < s->first + s->n; j++) {
			assert_int_equal(hp->items[j].section, i);
			tr_full(&hp->items[j].label);
			tr_full(&hp->items[j].hint);
			assert_ptr_equal(hearing_item_find(hp,
			    hp->items[j].key), &hp->items[j]);
		}
		total += s->n;
	}
	assert_int_equal(hp->n_items, total);
	assert_int_equal(total, 27);
	assert_null(hearing_item_find(hp, "no_such_item"));
	assert_string_equal(hearing_item_find(hp, "covid_remote")->label.t[1],
	    "Working from home");
}

/* The pledge: five undertakings in both languages; the addressee names
 * the company. */
static void
test_pledge_load_shipped(void **state)
{
	const struct pledge_pack *pp = &ct.pledge;
	size_t i;
	int l;

	tr_full(&pp->title);
	tr_full(&pp->copy);
	tr_full(&pp->seal_label);
	assert_int_equal(pp->undertakings.n, PLEDGE_UNDERTAKINGS);
	for (l = 0; l < LANG__MAX; l++) {
		assert_non_null(strstr(pp->to.t[l], "{company}"));
		assert_non_null(strstr(pp->intro.t[l], "{advisor}"));
		for (i = 0; i < pp->undertakings.n; i++)
			assert_true(strlen(pp->undertakings.t[l][i]) > 10);
	}
}

/* file under a copy of content/ with from replaced by to must fail to
 * load with "FILE:LINE:COL: want…", the position that of at. */
static void
pack_refused(const char *file, const char *from, const char *to,
    const char *at, const char *want)
{
	char dir[] = "/tmp/mamori-hearing-XXXXXX", cmd[512], err[512];
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
	if ((p = strstr(buf_cstr(&b), from)) == NULL)
		fail_msg("'%s' not in %s", from, file);
	buf_add(&out, buf_cstr(&b), (size_t)(p - buf_cstr(&b)));
	buf_add(&out, to, strlen(to));
	buf_add(&out, p + strlen(from), strlen(p + strlen(from)));
	assert_non_null(f = fopen(path, "wb"));
	fwrite(buf_cstr(&out), 1, out.n, f);
	fclose(f);
	if ((q = strstr(buf_cstr(&out), at)) == NULL)
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
test_hearing_load_refused(void **state)
{
	const char *h = "hearing.yaml", *p = "pledge.yaml";

	/* an item key twice in the sheet (in another section) */
	pack_refused(h, "      - key: sec_sources\n",
	    "      - key: business_kind\n", "key: business_kind\n        "
	    "label: {ja: \"情報の入手先", "duplicate item 'business_kind'");
	pack_refused(h, "  - key: supply\n", "  - key: business\n",
	    "key: business\n    title: {ja: \"取引", "duplicate section "
	    "'business'");
	pack_refused(h, "      - key: it_budget\n", "      - key: IT_budget\n",
	    "key: IT_budget", "'key' must be lower-case letters");
	/* a language missing */
	pack_refused(h, "{ja: \"製品・サービス\", en: \"Products and services\"}",
	    "{ja: \"製品・サービス\"}", "{ja: \"製品・サービス\"}",
	    "'en' must be non-empty text");
	/* a section without items */
	pack_refused(h, "    items:\n      - key: covid_measures",
	    "    things:\n      - key: covid_measures",
	    "key: covid\n", "'items' must be a list of 1 to 20 entries");
	pack_refused(h, "pack: hearing", "pack: hearings", "pack: hearings",
	    "'pack' must be hearing");
	/* the pledge: five undertakings, known placeholders only */
	pack_refused(p, "    - \"良識ある市民として倫理を守ります。\"\n", "",
	    "ja:\n    - \"訪問の中で", "'ja' must be a list of 5 to 5 entries");
	pack_refused(p, "  ja: \"{company} 御中\"", "  ja: \"{client} 御中\"",
	    "ja: \"{client}", "unknown placeholder '{client}' (ja)");
	pack_refused(p, "\"作成する書類に", "\"{会社}作成する書類に",
	    "ja:\n    - \"訪問の中で",
	    "unknown placeholder '{会社}' (ja)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hearing_load_shipped),
		cmocka_unit_test(test_pledge_load_shipped),
		cmocka_unit_test(test_hearing_load_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
