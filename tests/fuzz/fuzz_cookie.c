/* Fuzz harness: Cookie headers (src/http/parse.c). */
#include <stddef.h>
#include <stdint.h>

#include "http/parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kvs k;
	size_t i, sum = 0;

	arena_init(&a);
	if (parse_cookies(&a, (struct str){ (const char *)data, size },
	    &k) == PARSE_OK)
		for (i = 0; i < k.n; i++)
			sum += k.v[i].key.n + k.v[i].val.n +
			    (size_t)k.v[i].val.p[k.v[i].val.n];
	arena_free(&a);
	return sum == (size_t)-1;
}
