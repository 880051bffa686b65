/* Unit tests for src/http/parse.c: forms, cookies, multipart. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/parse.h"

#define S(lit)	((struct str){ (lit), sizeof(lit) - 1 })

static struct arena a;

static int
setup(void **state)
{
	arena_init(&a);
	return 0;
}

static int
teardown(void **state)
{
	arena_free(&a);
	return 0;
}

static void
test_parse_urlencoded_basic(void **state)
{
	struct kvs k;

	assert_int_equal(parse_urlencoded(&a, S("a=1&b=x+y&c=%E3%81%82&d"),
	    &k), PARSE_OK);
	assert_int_equal(k.n, 4);
	assert_string_equal(kvs_get(&k, "a")->val.p, "1");
	assert_string_equal(kvs_get(&k, "b")->val.p, "x y");
	assert_string_equal(kvs_get(&k, "c")->val.p, "あ");
	assert_string_equal(kvs_get(&k, "d")->val.p, "");
	assert_null(kvs_get(&k, "e"));
}

static void
test_parse_urlencoded_empty_and_separators(void **state)
{
	struct kvs k;

	assert_int_equal(parse_urlencoded(&a, S(""), &k), PARSE_OK);
	assert_int_equal(k.n, 0);
	assert_int_equal(parse_urlencoded(&a, S("&&a=1&&"), &k), PARSE_OK);
	assert_int_equal(k.n, 1);
}

static void
test_parse_urlencoded_bad_escape(void **state)
{
	struct kvs k;

	assert_int_equal(parse_urlencoded(&a, S("a=%4"), &k), PARSE_E_SYNTAX);
	assert_int_equal(parse_urlencoded(&a, S("a=%zz"), &k), PARSE_E_SYNTAX);
	assert_int_equal(parse_urlencoded(&a, S("a=%"), &k), PARSE_E_SYNTAX);
}

static void
test_parse_urlencoded_nul_kept_with_length(void **state)
{
	struct kvs k;

	assert_int_equal(parse_urlencoded(&a, S("a=x%00y"), &k), PARSE_OK);
	assert_int_equal(k.v[0].val.n, 3);
}

static void
test_parse_urlencoded_nul_flagged(void **state)
{
	struct kvs k;

	assert_int_equal(parse_urlencoded(&a, S("a=abc%00def&b=abc&c=%00"),
	    &k), PARSE_OK);
	assert_true(kvs_get(&k, "a")->nul);
	assert_false(kvs_get(&k, "b")->nul);
	assert_true(kvs_get(&k, "c")->nul);
}

static void
test_parse_multipart_nul_flagged(void **state)
{
	static const char body[] =
	    "--XX\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "abc\0def\r\n"
	    "--XX\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "abc\r\n"
	    "--XX--\r\n";
	struct kvs k;

	assert_int_equal(parse_multipart(&a, (struct str){ body,
	    sizeof(body) - 1 }, S("XX"), &k), PARSE_OK);
	assert_true(kvs_get(&k, "a")->nul);
	assert_false(kvs_get(&k, "b")->nul);
}

static void
test_parse_urlencoded_too_many(void **state)
{
	char *big = arena_alloc(&a, (PARSE_MAX_PAIRS + 1) * 4 + 1);
	struct kvs k;
	size_t i;

	for (i = 0; i <= PARSE_MAX_PAIRS; i++)
		memcpy(big + i * 4, "a=1&", 4);
	assert_int_equal(parse_urlencoded(&a, (struct str){ big,
	    (PARSE_MAX_PAIRS + 1) * 4 }, &k), PARSE_E_TOO_MANY);
}

static void
test_parse_cookies_basic(void **state)
{
	struct kvs k;

	assert_int_equal(parse_cookies(&a, S("a=1; b=\"two\";c=; junk; =x"),
	    &k), PARSE_OK);
	assert_int_equal(k.n, 3);
	assert_string_equal(kvs_get(&k, "a")->val.p, "1");
	assert_string_equal(kvs_get(&k, "b")->val.p, "two");
	assert_string_equal(kvs_get(&k, "c")->val.p, "");
}

static void
test_parse_boundary_forms(void **state)
{
	struct str b;

	b = parse_boundary(S("multipart/form-data; boundary=----abc123"));
	assert_true(str_eq_c(b, "----abc123"));
	b = parse_boundary(S("multipart/form-data; charset=x; boundary=\"q r\""));
	assert_true(str_eq_c(b, "q r"));
	assert_int_equal(parse_boundary(S("text/plain; boundary=x")).n, 0);
	assert_int_equal(parse_boundary(S("multipart/form-data")).n, 0);
}

static void
test_parse_multipart_fields_and_file(void **state)
{
	static const char body[] =
	    "--XX\r\n"
	    "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
	    "tok\r\n"
	    "--XX\r\n"
	    "Content-Disposition: form-data; name=\"csv\"; filename=\"a.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n"
	    "name,role\r\nx,y\r\n\r\n"
	    "--XX--\r\n";
	struct kvs k;
	const struct kv *f;

	assert_int_equal(parse_multipart(&a, S(body), S("XX"), &k), PARSE_OK);
	assert_int_equal(k.n, 2);
	assert_string_equal(kvs_get(&k, "_csrf")->val.p, "tok");
	f = kvs_get(&k, "csv");
	assert_string_equal(f->filename.p, "a.csv");
	assert_string_equal(f->val.p, "name,role\r\nx,y\r\n");
}

static void
test_parse_multipart_malformed(void **state)
{
	struct kvs k;

	assert_int_equal(parse_multipart(&a, S("no delimiter"), S("XX"), &k),
	    PARSE_E_SYNTAX);
	assert_int_equal(parse_multipart(&a, S("--XX\r\nno headers end"),
	    S("XX"), &k), PARSE_E_SYNTAX);
	assert_int_equal(parse_multipart(&a, S("--XX\r\n"
	    "Content-Disposition: form-data\r\n\r\nx\r\n--XX--"), S("XX"), &k),
	    PARSE_E_SYNTAX);	/* no name */
	assert_int_equal(parse_multipart(&a, S("--XX\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"),
	    S("XX"), &k), PARSE_E_SYNTAX);
	assert_int_equal(parse_multipart(&a, S("--XX--"), S(""), &k),
	    PARSE_E_SYNTAX);
}

static void
test_parse_net_list_and_match(void **state)
{
	struct parse_net n[4];
	struct str bad = S("");
	size_t k;
	unsigned char lo4[4] = { 127, 0, 0, 1 }, ten[4] = { 10, 9, 8, 7 };
	unsigned char other[4] = { 11, 0, 0, 1 }, lo6[16] = { 0 };
	unsigned char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	    127, 0, 0, 1 };

	lo6[15] = 1;
	assert_int_equal(parse_net_list(S("127.0.0.1, ::1 10.0.0.0/8"), n, 4,
	    &k, &bad), PARSE_OK);
	assert_int_equal(k, 3);
	assert_true(parse_net_match(n, k, 4, lo4));
	assert_true(parse_net_match(n, k, 4, ten));
	assert_false(parse_net_match(n, k, 4, other));
	assert_true(parse_net_match(n, k, 6, lo6));
	assert_true(parse_net_match(n, k, 6, mapped));
	assert_false(parse_net_match(n, 0, 4, lo4));
	/* a /12 boundary inside a byte */
	assert_int_equal(parse_net_list(S("172.16.0.0/12"), n, 4, &k, &bad),
	    PARSE_OK);
	assert_true(parse_net_match(n, k, 4, (unsigned char[]){ 172, 31, 1,
	    1 }));
	assert_false(parse_net_match(n, k, 4, (unsigned char[]){ 172, 32, 1,
	    1 }));
	assert_int_equal(parse_net_list(S("127.0.0.1,proxy.lan"), n, 4, &k,
	    &bad), PARSE_E_SYNTAX);
	assert_int_equal(bad.n, 9);
	assert_int_equal(parse_net_list(S("1.2.3.4/33"), n, 4, &k, &bad),
	    PARSE_E_SYNTAX);
	assert_int_equal(parse_net_list(S("::1 ::2 ::3"), n, 2, &k, &bad),
	    PARSE_E_TOO_MANY);
	assert_int_equal(parse_net_list(S(" , "), n, 2, &k, &bad), PARSE_OK);
	assert_int_equal(k, 0);
}

static void
test_parse_accept_gzip_qvalues(void **state)
{
	assert_true(parse_accept_gzip(S("gzip")));
	assert_true(parse_accept_gzip(S("gzip, deflate, br")));
	assert_true(parse_accept_gzip(S("br;q=1.0, GZIP;q=0.5")));
	assert_true(parse_accept_gzip(S("x-gzip")));
	assert_true(parse_accept_gzip(S("deflate, *;q=0.1")));
	assert_true(parse_accept_gzip(S("gzip;q=0.001")));
	assert_true(parse_accept_gzip(S(" gzip ; q = 1 ")));
	assert_false(parse_accept_gzip(S("")));
	assert_false(parse_accept_gzip(S("identity")));
	assert_false(parse_accept_gzip(S("deflate, br")));
	assert_false(parse_accept_gzip(S("gzip;q=0")));
	assert_false(parse_accept_gzip(S("gzip;q=0.000")));
	assert_false(parse_accept_gzip(S("gzip;q=0, *")));
	assert_false(parse_accept_gzip(S("*;q=0")));
	assert_false(parse_accept_gzip(S("gzipped, gzip2")));
	/* Malformed q-values count as zero. */
	assert_false(parse_accept_gzip(S("gzip;q=")));
	assert_false(parse_accept_gzip(S("gzip;q=2")));
	assert_false(parse_accept_gzip(S("gzip;q=1.5")));
	assert_false(parse_accept_gzip(S("gzip;q=0.0001")));
	assert_false(parse_accept_gzip(S("gzip;q=abc")));
	assert_false(parse_accept_gzip(S(",,;;,")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_urlencoded_basic),
		cmocka_unit_test(test_parse_urlencoded_empty_and_separators),
		cmocka_unit_test(test_parse_urlencoded_bad_escape),
		cmocka_unit_test(test_parse_urlencoded_nul_kept_with_length),
		cmocka_unit_test(test_parse_urlencoded_nul_flagged),
		cmocka_unit_test(test_parse_multipart_nul_flagged),
		cmocka_unit_test(test_parse_urlencoded_too_many),
		cmocka_unit_test(test_parse_cookies_basic),
		cmocka_unit_test(test_parse_boundary_forms),
		cmocka_unit_test(test_parse_multipart_fields_and_file),
		cmocka_unit_test(test_parse_multipart_malformed),
		cmocka_unit_test(test_parse_accept_gzip_qvalues),
		cmocka_unit_test(test_parse_net_list_and_match),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
