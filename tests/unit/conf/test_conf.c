/* Unit tests for src/conf: defaults, file, overrides, errors, and the
 * operator documentation kept in step with the option table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"

static void
test_conf_load_defaults(void **state)
{
	struct conf c;
	char err[256];

	assert_int_equal(conf_load(&c, NULL, NULL, 0, err, sizeof(err)), 0);
	assert_string_equal(c.str[CONF_DB], "sqlite:var/mamori.db");
	assert_string_equal(c.listen_host, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_int_equal(c.num[CONF_TRUST_PROXY], 0);
	conf_free(&c);
}

static void
test_conf_load_file_and_overrides(void **state)
{
	char path[] = "/tmp/mamori-conf-XXXXXX", err[256];
	char *over[] = { (char *)"listen=[::1]:9000", (char *)"lang=en" };
	struct conf c;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs("# comment\n\ndb = sqlite:/srv/m.db\nthreads = 4\n"
	    "trust-proxy = yes\nbase-url = \"https://m.example.jp/\"\n", f);
	fclose(f);
	assert_int_equal(conf_load(&c, path, over, 2, err, sizeof(err)), 0);
	assert_string_equal(c.str[CONF_DB], "sqlite:/srv/m.db");
	assert_int_equal(c.num[CONF_THREADS], 4);
	assert_int_equal(c.num[CONF_TRUST_PROXY], 1);
	assert_string_equal(c.str[CONF_BASE_URL], "https://m.example.jp/");
	assert_string_equal(c.listen_host, "::1");
	assert_int_equal(c.listen_port, 9000);
	assert_string_equal(c.str[CONF_LANG], "en");
	conf_free(&c);
	unlink(path);
}

static void
test_conf_load_errors_name_the_line(void **state)
{
	char path[] = "/tmp/mamori-conf-XXXXXX", err[256];
	struct conf c;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs("db = sqlite:x\nthreads = many\n", f);
	fclose(f);
	assert_int_equal(conf_load(&c, path, NULL, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2: threads: expected a whole number"));
	conf_free(&c);
	unlink(path);
	assert_int_equal(conf_load(&c, "/nonexistent/conf", NULL, 0, err,
	    sizeof(err)), -1);
	conf_free(&c);
	{
		char *bad[] = { (char *)"listen=nohost" };

		assert_int_equal(conf_load(&c, NULL, bad, 1, err, sizeof(err)),
		    -1);
		assert_non_null(strstr(err, "ADDR:PORT"));
		conf_free(&c);
	}
	{
		char *bad[] = { (char *)"colour=blue" };

		assert_int_equal(conf_load(&c, NULL, bad, 1, err, sizeof(err)),
		    -1);
		assert_non_null(strstr(err, "unknown option"));
		conf_free(&c);
	}
}

/* docs/config.md lists every option with its default. */
static void
test_conf_docs_match_table(void **state)
{
	const struct conf_def *d = conf_defs();
	FILE *f = fopen("docs/config.md", "rb");
	char *text;
	long n;
	int k;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	for (k = 0; k < CONF__MAX; k++) {
		char row[256];

		snprintf(row, sizeof(row), "| `%s` | `%s` |", d[k].name,
		    d[k].def);
		if (strstr(text, row) == NULL)
			fprintf(stderr, "docs/config.md lacks: %s\n", row);
		assert_non_null(strstr(text, row));
	}
	free(text);
}

/* smtp-url takes smtp:// and smtps:// only, and needs an smtp-from
 * address; the password is never printed. */
static void
test_conf_check_mail(void **state)
{
	char *over[2], err[256];
	struct conf c;

	over[0] = (char *)"smtp-url=http://mail.example.jp";
	assert_int_equal(conf_load(&c, NULL, over, 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "smtp-url"));
	conf_free(&c);
	over[0] = (char *)"smtp-url=smtp://127.0.0.1:2525";
	assert_int_equal(conf_load(&c, NULL, over, 1, err, sizeof(err)), 0);
	assert_int_equal(conf_check(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "smtp-from"));
	conf_free(&c);
	over[1] = (char *)"smtp-from=mamori <noreply@example.jp>";
	assert_int_equal(conf_load(&c, NULL, over, 2, err, sizeof(err)), 0);
	assert_int_equal(conf_check(&c, err, sizeof(err)), 0);
	conf_free(&c);
	/* mail off: nothing to check */
	assert_int_equal(conf_load(&c, NULL, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(conf_check(&c, err, sizeof(err)), 0);
	conf_free(&c);
	assert_true(conf_secret(CONF_SMTP_PASSWORD));
	assert_false(conf_secret(CONF_SMTP_USER));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_load_defaults),
		cmocka_unit_test(test_conf_load_file_and_overrides),
		cmocka_unit_test(test_conf_load_errors_name_the_line),
		cmocka_unit_test(test_conf_check_mail),
		cmocka_unit_test(test_conf_docs_match_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
