/*
 * Replays fuzz inputs through a harness's LLVMFuzzerTestOneInput without
 * libFuzzer, so that `make check` runs every kept corpus and regression
 * file under ASan+UBSan with the ordinary compiler.
 *
 * usage: fuzzrep/<harness> [FILE|DIR...]
 * Without arguments: tests/fuzz/corpus/<harness>/ and
 * tests/fuzz/regression/<harness>/, where <harness> is this program's
 * base name; either may be missing.  Directories are walked recursively in
 * name order; hidden files (.keep) are skipped.  Each input is handed over
 * in a heap block of exactly its size so that ASan sees any overread.
 * Prints "replayed N inputs"; exit status 0, or 1 when a named path
 * cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int	replay_path(const char *path, size_t *count);

/* Read all of path into a block of exactly its size (*out; free it). */
static int
replay_read(const char *path, uint8_t **out, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL, *q;
	size_t n = 0, got;
	uint8_t chunk[65536];

	if (f == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if ((q = realloc(p, n + got)) == NULL) {
			free(p);
			fclose(f);
			return -1;
		}
		p = q;
		memcpy(p + n, chunk, got);
		n += got;
	}
	if (ferror(f)) {
		free(p);
		fclose(f);
		return -1;
	}
	fclose(f);
	*out = p;	/* NULL for an empty file, as libFuzzer may pass */
	*size = n;
	return 0;
}

static int
replay_file(const char *path, size_t *count)
{
	uint8_t *data;
	size_t size;

	if (replay_read(path, &data, &size) < 0) {
		fprintf(stderr, "replay: cannot read %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	(*count)++;
	return 0;
}

static int
replay_dir(const char *path, size_t *count)
{
	struct dirent **ents;
	char *sub;
	size_t len;
	int n, i, rc = 0;

	if ((n = scandir(path, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "replay: cannot list %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' && rc == 0) {
			len = strlen(path) + strlen(ents[i]->d_name) + 2;
			if ((sub = malloc(len)) == NULL)
				abort();
			snprintf(sub, len, "%s/%s", path, ents[i]->d_name);
			rc = replay_path(sub, count);
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static int
replay_path(const char *path, size_t *count)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return S_ISDIR(st.st_mode) ? replay_dir(path, count) :
	    replay_file(path, count);
}

/* Replay the default directories of harness `name` that exist. */
static int
replay_defaults(const char *name, size_t *count)
{
	static const char *const roots[] = {
		"tests/fuzz/corpus", "tests/fuzz/regression",
	};
	char path[4096];
	struct stat st;
	size_t k;

	for (k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", roots[k],
		    name) >= sizeof(path))
			return -1;
		if (stat(path, &st) == 0 && replay_path(path, count) < 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	size_t count = 0;
	int i;

	name = name ? name + 1 : argv[0];
	if (argc < 2 && replay_defaults(name, &count) < 0)
		return 1;
	for (i = 1; i < argc; i++)
		if (replay_path(argv[i], &count) < 0)
			return 1;
	printf("replayed %zu inputs\n", count);
	return 0;
}
