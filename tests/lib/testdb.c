#include "testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/org.h"

static int
open_env(struct testdb *e, void **state)
{
	char err[256];

	arena_init(&e->a);
	e->db = db_open(e->url, 1, err, sizeof(err));
	if (e->db == NULL) {
		fprintf(stderr, "%s: %s\n", e->url, err);
		arena_free(&e->a);
		free(e);
		return -1;
	}
	*state = e;
	return 0;
}

int
testdb_sqlite(void **state, const char *name)
{
	struct testdb *e = calloc(1, sizeof(*e));
	char dir[128];

	snprintf(dir, sizeof(dir), "/tmp/mamori-%s-XXXXXX", name);
	if (e == NULL || mkdtemp(dir) == NULL) {
		free(e);
		return -1;
	}
	snprintf(e->url, sizeof(e->url), "sqlite:%s/m.db", dir);
	return open_env(e, state);
}

int
testdb_pg(void **state, const char *name)
{
	const char *dir = getenv("MAMORI_TEST_PG_DIR");
	struct testdb *e;
	char cmd[512];
	FILE *p;

	if (dir == NULL) {
		fprintf(stderr, "MAMORI_TEST_PG_DIR is not set: run through "
		    "tests/run.sh\n");
		return -1;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "sh scripts/pg-test.sh url '%s' %s%d",
	    dir, name, (int)getpid());
	if ((p = popen(cmd, "r")) == NULL ||
	    fgets(e->url, sizeof(e->url), p) == NULL) {
		if (p != NULL)
			pclose(p);
		free(e);
		return -1;
	}
	pclose(p);
	e->url[strcspn(e->url, "\n")] = '\0';
	return open_env(e, state);
}

int
testdb_teardown(void **state)
{
	struct testdb *e = *state;

	if (e == NULL)
		return 0;	/* its setup failed, and said why */
	db_close(e->db);
	arena_free(&e->a);
	free(e);
	*state = NULL;
	return 0;
}

int64_t
testdb_org(struct testdb *e, const char *industry, const char *employees)
{
	struct db_conn *c = db_acquire(e->db);
	struct org o = { .name = "x", .industry = industry,
	    .employees = employees, .capital = "c1", .prefecture = "13",
	    .dep_class = "ume" };
	int64_t id;

	assert_int_equal(org_create(c, &o, 0, "org_admin", &id), DB_OK);
	db_release(e->db, c);
	return id;
}
