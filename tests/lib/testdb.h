/*
 * testdb: a database for a unit test group — a fresh SQLite file, or a
 * fresh database on the PostgreSQL test server of MAMORI_TEST_PG_DIR
 * (tests/run.sh starts it) — and an organisation in it.  Setup and
 * teardown functions for cmocka groups.
 */
#ifndef MAMORI_TESTDB_H
#define MAMORI_TESTDB_H

#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

struct testdb {
	char		 url[256];
	struct db	*db;
	struct arena	 a;	/* freed at teardown */
};

/* Open a fresh database into *state, named after name (a tag in the
 * file or database name).  0, or -1 with the reason on stderr. */
int	testdb_sqlite(void **state, const char *name);
int	testdb_pg(void **state, const char *name);
/* Close what either opened (nothing when its setup failed). */
int	testdb_teardown(void **state);
/* A new organisation of this industry and employee band; its id. */
int64_t	testdb_org(struct testdb *e, const char *industry,
	    const char *employees);

#endif
