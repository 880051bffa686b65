#include "model/dept.h"

#include <stdlib.h>
#include <string.h>

static int
by_name(const void *pa, const void *pb)
{
	const struct dept_row *x = pa, *y = pb;

	return strcmp(x->name, y->name);
}

void
dept_compute(const struct diag_resp *r, const char *const *dept, size_t n,
    struct arena *a, struct dept_row **out, size_t *nout)
{
	struct dept_row *v = arena_alloc(a, (n + 1) * sizeof(*v));
	const struct diag_resp **grp;
	size_t m = 0, i, j, k;

	for (i = 0; i < n; i++) {
		if (dept[i] == NULL || dept[i][0] == '\0' ||
		    diag_resp_answered(&r[i]) != DIAG_ITEMS)
			continue;
		for (j = 0; j < m && strcmp(v[j].name, dept[i]) != 0; j++)
			;
		if (j == m) {
			memset(&v[m], 0, sizeof(v[m]));
			v[m++].name = dept[i];
		}
		v[j].n++;
	}
	qsort(v, m, sizeof(*v), by_name);
	grp = arena_alloc(a, (n + 1) * sizeof(*grp));
	for (j = 0; j < m; j++) {
		struct diag_resp *copy;
		struct diag_result *res;
		size_t g = 0;

		if (v[j].n < DEPT_MIN)
			continue;
		for (i = 0; i < n; i++)
			if (dept[i] != NULL && strcmp(dept[i], v[j].name) == 0 &&
			    diag_resp_answered(&r[i]) == DIAG_ITEMS)
				grp[g++] = &r[i];
		/* the company's own computation over the department alone:
		 * the same rounding, the same order of weakness */
		copy = arena_alloc(a, g * sizeof(*copy));
		for (k = 0; k < g; k++)
			copy[k] = *grp[k];
		res = arena_alloc(a, sizeof(*res));
		diag_compute(copy, g, res);
		v[j].shown = true;
		v[j].mean_tenths = res->company_tenths;
		v[j].nweak = DEPT_WEAKEST;
		for (k = 0; k < DEPT_WEAKEST; k++)
			v[j].weak[k] = res->weakest[k];
	}
	*out = v;
	*nout = m;
}

const struct dept_row *
dept_weakest(const struct dept_row *v, size_t n)
{
	const struct dept_row *w = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].shown && (w == NULL || v[i].mean_tenths <
		    w->mean_tenths))
			w = &v[i];
	return w;
}
