#include "diff.h"

#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

/* Length of a sentence end at s[i] (0: none): 。．！？ and their ASCII
 * cousins before a space. */
static size_t
end_at(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (s[i] == '\n')
		return 1;
	if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
	    (i + 1 == n || s[i + 1] == ' '))
		return 1;
	if (i + 3 <= n && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x82)
		return 3;	/* 。 */
	if (i + 3 <= n && u[0] == 0xef && u[1] == 0xbc &&
	    (u[2] == 0x8e || u[2] == 0x81 || u[2] == 0x9f))
		return 3;	/* ． ！ ？ */
	return 0;
}

/* Closing brackets that stay with the sentence they end: 」』）) */
static size_t
closer_at(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (s[i] == ')' || s[i] == '"')
		return 1;
	if (i + 3 <= n && u[0] == 0xe3 && u[1] == 0x80 &&
	    (u[2] == 0x8d || u[2] == 0x8f))
		return 3;
	if (i + 3 <= n && u[0] == 0xef && u[1] == 0xbc && u[2] == 0x89)
		return 3;
	return 0;
}

size_t
diff_split(struct arena *a, const char *s, struct str **out)
{
	size_t n = s ? strlen(s) : 0, i = 0, start = 0, cnt = 0, cap = 0, k;
	struct str *v = NULL;

	while (i < n) {
		if ((k = end_at(s, i, n)) == 0) {
			i++;
			continue;
		}
		i += k;
		while (i < n && (k = closer_at(s, i, n)) > 0)
			i += k;
		while (i < n && (s[i] == ' ' || s[i] == '\n'))
			i++;
		v = arena_grow(a, v, cnt, &cap, sizeof(*v));
		v[cnt++] = (struct str){ s + start, i - start };
		start = i;
	}
	if (start < n) {
		v = arena_grow(a, v, cnt, &cap, sizeof(*v));
		v[cnt++] = (struct str){ s + start, n - start };
	}
	*out = v;
	return cnt;
}

/* Sentences compared without the spaces and line breaks that end them. */
static bool
unit_eq(struct str x, struct str y)
{
	while (x.n > 0 && (x.p[x.n - 1] == ' ' || x.p[x.n - 1] == '\n'))
		x.n--;
	while (y.n > 0 && (y.p[y.n - 1] == ' ' || y.p[y.n - 1] == '\n'))
		y.n--;
	return str_eq(x, y);
}

size_t
diff_units(struct arena *a, const struct str *x, size_t nx,
    const struct str *y, size_t ny, struct diff_op **out)
{
	struct diff_op *ops;
	uint32_t *L;
	size_t i, j, k = 0;

	ops = arena_alloc(a, (nx + ny + 1) * sizeof(*ops));
	*out = ops;
	if (nx > DIFF_UNITS_MAX || ny > DIFF_UNITS_MAX) {
		for (i = 0; i < nx; i++)
			ops[k++] = (struct diff_op){ DIFF_DEL, x[i] };
		for (j = 0; j < ny; j++)
			ops[k++] = (struct diff_op){ DIFF_INS, y[j] };
		return k;
	}
	/* L[i][j]: longest common run of x[i..] and y[j..]. */
	L = xcalloc((nx + 1) * (ny + 1), sizeof(*L));
#define AT(i, j)	L[(i) * (ny + 1) + (j)]
	for (i = nx; i-- > 0; )
		for (j = ny; j-- > 0; )
			AT(i, j) = unit_eq(x[i], y[j]) ? AT(i + 1, j + 1) + 1 :
			    AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) :
			    AT(i, j + 1);
	i = j = 0;
	while (i < nx || j < ny) {
		if (i < nx && j < ny && unit_eq(x[i], y[j])) {
			ops[k++] = (struct diff_op){ DIFF_SAME, y[j] };
			i++;
			j++;
		} else if (i < nx && (j == ny || AT(i + 1, j) >= AT(i, j + 1)))
			ops[k++] = (struct diff_op){ DIFF_DEL, x[i++] };
		else
			ops[k++] = (struct diff_op){ DIFF_INS, y[j++] };
	}
#undef AT
	free(L);
	return k;
}

size_t
diff_text(struct arena *a, const char *from, const char *to,
    struct diff_op **out)
{
	struct str *x, *y;
	size_t nx, ny;

	nx = diff_split(a, from, &x);
	ny = diff_split(a, to, &y);
	return diff_units(a, x, nx, y, ny, out);
}
