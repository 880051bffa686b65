#include "render/zipfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/xalloc.h"

struct zipfile {
	zip_source_t	*src;	/* the archive's bytes, kept past zip_close */
	zip_t		*za;	/* the archive being written */
};

static void
say(char *err, size_t errlen, const char *what, zip_error_t *ze)
{
	snprintf(err, errlen, "zip: %s: %s", what, zip_error_strerror(ze));
}

struct zipfile *
zipfile_new(char *err, size_t errlen)
{
	struct zipfile *z = xcalloc(1, sizeof(*z));
	zip_error_t ze;

	zip_error_init(&ze);
	if ((z->src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		say(err, errlen, "buffer", &ze);
		goto fail;
	}
	zip_source_keep(z->src);
	if ((z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze)) ==
	    NULL) {
		say(err, errlen, "open", &ze);
		goto fail;
	}
	zip_error_fini(&ze);
	return z;
fail:
	zip_error_fini(&ze);
	zipfile_free(z);
	return NULL;
}

int
zipfile_add(struct zipfile *z, const char *name, const void *p, size_t n,
    int64_t mtime, char *err, size_t errlen)
{
	zip_source_t *s;
	zip_int64_t ix;
	void *copy = xmalloc(n > 0 ? n : 1);

	if (n > 0)
		memcpy(copy, p, n);
	/* freep 1: libzip frees the copy when it is done with it */
	if ((s = zip_source_buffer(z->za, copy, n, 1)) == NULL) {
		free(copy);
		say(err, errlen, name, zip_get_error(z->za));
		return ZIPFILE_ERR;
	}
	if ((ix = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		say(err, errlen, name, zip_get_error(z->za));
		return ZIPFILE_ERR;
	}
	if (zip_file_set_mtime(z->za, (zip_uint64_t)ix, (time_t)mtime, 0) <
	    0 || zip_set_file_compression(z->za, (zip_uint64_t)ix,
	    ZIP_CM_DEFLATE, 0) < 0) {
		say(err, errlen, name, zip_get_error(z->za));
		return ZIPFILE_ERR;
	}
	return ZIPFILE_OK;
}

int
zipfile_finish(struct zipfile *z, struct buf *out, char *err, size_t errlen)
{
	zip_stat_t st;
	size_t was = out->n;
	char chunk[8192];
	zip_int64_t got;
	int rc = ZIPFILE_ERR;

	if (zip_close(z->za) < 0) {
		say(err, errlen, "close", zip_get_error(z->za));
		goto out;	/* z->za still open: zipfile_free discards it */
	}
	z->za = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(z->src, &st) < 0 || zip_source_open(z->src) < 0) {
		say(err, errlen, "read", zip_source_error(z->src));
		goto out;
	}
	while ((got = zip_source_read(z->src, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)got);
	if (got < 0) {
		say(err, errlen, "read", zip_source_error(z->src));
		(void)zip_source_close(z->src);
		out->n = was;
		goto out;
	}
	(void)zip_source_close(z->src);
	rc = ZIPFILE_OK;
out:
	zipfile_free(z);
	return rc;
}

void
zipfile_free(struct zipfile *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	if (z->src != NULL)
		zip_source_free(z->src);
	free(z);
}
