/* Fuzz harness: multipart/form-data bodies (src/http/parse.c).  The first
 * line of the input is the Content-Type header, the rest the body. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	const char *nl = memchr(p, '\n', size);
	struct str ct, body;
	struct arena a;
	struct kvs k;
	size_t i, sum = 0;

	if (nl == NULL)
		return 0;
	ct = (struct str){ p, (size_t)(nl - p) };
	body = (struct str){ nl + 1, size - (size_t)(nl - p) - 1 };
	arena_init(&a);
	if (parse_multipart(&a, body, parse_boundary(ct), &k) == PARSE_OK)
		for (i = 0; i < k.n; i++)
			sum += k.v[i].val.n + k.v[i].filename.n +
			    (size_t)k.v[i].val.p[k.v[i].val.n];
	arena_free(&a);
	return sum == (size_t)-1;
}
