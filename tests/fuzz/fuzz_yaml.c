/* Fuzz harness: content packs and YAML (src/content/yaml.c). */
#include <stddef.h>
#include <stdint.h>

#include "content/yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	json_t *v = yaml_parse((const char *)data, size, err, sizeof(err));
	int line, col;

	if (v != NULL) {
		yaml_pos(v, &line, &col);
		json_decref(v);
	}
	return 0;
}
