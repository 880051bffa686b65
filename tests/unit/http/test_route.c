/* Unit tests for src/http/route.c and the route table's shape. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/http.h"
#include "pages/pages.h"

static struct req r;

static int
setup(void **state)
{
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	return 0;
}

static int
teardown(void **state)
{
	arena_free(&r.arena);
	return 0;
}

static void
test_route_match_literal(void **state)
{
	assert_true(route_match("/healthz", "/healthz", &r));
	assert_false(route_match("/healthz", "/healthz/", &r));
	assert_false(route_match("/healthz", "/health", &r));
	assert_true(route_match("/", "/", &r));
	assert_false(route_match("/", "/x", &r));
}

static void
test_route_match_captures(void **state)
{
	assert_true(route_match("/o/{org}/rounds/{id}", "/o/12/rounds/7", &r));
	assert_int_equal(r.nparam, 2);
	assert_string_equal(req_param(&r, "id"), "7");
	assert_int_equal(r.org_id, 12);
	assert_int_equal(req_param_id(&r, "id"), 7);
	assert_false(route_match("/o/{org}/rounds/{id}", "/o/12/rounds/", &r));
	assert_false(route_match("/o/{org}", "/o//", &r));
}

static void
test_route_match_bad_org_is_negative(void **state)
{
	assert_true(route_match("/o/{org}", "/o/abc", &r));
	assert_int_equal(r.org_id, -1);
	assert_true(route_match("/o/{org}", "/o/0", &r));
	assert_int_equal(r.org_id, -1);
	assert_int_equal(req_param_id(&r, "nothere"), 0);
}

static void
test_route_match_rest(void **state)
{
	assert_true(route_match("/static/{*}", "/static/css/a.css", &r));
	assert_string_equal(req_param(&r, "*"), "css/a.css");
	assert_false(route_match("/static/{*}", "/static/", &r));
}

/* Every route is well formed: unique name, unique method+pattern, POST
 * routes that change state need CSRF, org-scoped routes declare an org
 * level. */
static void
test_route_table_consistent(void **state)
{
	int i, j;

	for (i = 0; i < pages_nroutes; i++) {
		const struct route *a = &pages_routes[i];

		assert_non_null(a->handler);
		assert_true(a->pattern[0] == '/');
		if (a->method == HTTP_POST)
			assert_true(a->csrf);
		/* JSON exactly under the API prefix (pages.h) */
		assert_int_equal(a->type == RT_JSON,
		    strncmp(a->pattern, PAGES_API_PREFIX,
		    strlen(PAGES_API_PREFIX)) == 0);
		if (strstr(a->pattern, "{org}") != NULL)
			assert_true(a->auth == AUTH_ORG_MEMBER ||
			    a->auth == AUTH_ORG_ADMIN);
		for (j = i + 1; j < pages_nroutes; j++) {
			const struct route *b = &pages_routes[j];

			assert_string_not_equal(a->name, b->name);
			assert_false(a->method == b->method &&
			    strcmp(a->pattern, b->pattern) == 0);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_route_match_literal, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_route_match_captures, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_route_match_bad_org_is_negative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_match_rest, setup,
		    teardown),
		cmocka_unit_test(test_route_table_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
