/*
 * migrate: the embedded migration scripts of each dialect, in order.
 */
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/xalloc.h"
#include "db/db_int.h"
#include "db/stmt.h"

#include <pthread.h>

static const char *const migrate_dirs[STMT_DIALECT__MAX] = {
	[STMT_SQLITE] = "sql/sqlite/",
	[STMT_PG] = "sql/pg/",
};

struct migrate_set {
	struct db_migration	*m;
	size_t			 n;
};

static struct migrate_set migrate_sets[STMT_DIALECT__MAX];
static pthread_once_t migrate_once = PTHREAD_ONCE_INIT;

static int
migrate_cmp(const void *a, const void *b)
{
	const struct db_migration *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* Built once, read-only afterwards: the embedded table is fixed at build
 * time, so this is a cache of constant data, not mutable state. */
static void
migrate_build(void)
{
	const struct embed_file *f;
	int d;

	for (d = 0; d < STMT_DIALECT__MAX; d++) {
		size_t dl = strlen(migrate_dirs[d]);
		struct migrate_set *set = &migrate_sets[d];

		for (f = embed_sql; f->path != NULL; f++) {
			const char *base = f->path + dl;
			struct db_migration *m;

			if (strncmp(f->path, migrate_dirs[d], dl) != 0)
				continue;
			set->m = xrealloc(set->m, (set->n + 1) * sizeof(*m));
			m = &set->m[set->n++];
			m->version = atoi(base);
			m->name = base;
			m->sql = (const char *)f->data;
		}
		qsort(set->m, set->n, sizeof(*set->m), migrate_cmp);
	}
}

const struct db_migration *
db_migrations(int dialect, size_t *n)
{
	pthread_once(&migrate_once, migrate_build);
	*n = migrate_sets[dialect].n;
	return migrate_sets[dialect].m;
}
