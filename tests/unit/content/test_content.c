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
		cmocka_unit_test(test_content_ui_has_every_literal_key),
		cmocka_unit_test(test_content_ui_has_every_built_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
