/*
 * zipfile: a zip archive made in memory (libzip; the only file that sees
 * <zip.h>).  Entries are added as byte strings with their names (UTF-8,
 * flagged as such) and compressed with deflate; zipfile_finish() writes
 * the archive.  Not thread-safe; one archive, one owner.
 */
#ifndef MAMORI_RENDER_ZIPFILE_H
#define MAMORI_RENDER_ZIPFILE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum zipfile_err {
	ZIPFILE_OK = 0,
	ZIPFILE_ERR = -1,	/* libzip refused; err says why */
};

struct zipfile;

/* A new, empty archive; NULL (with err) when libzip fails.  Free it with
 * zipfile_finish() or zipfile_free(). */
struct zipfile	*zipfile_new(char *err, size_t errlen);
/* Add n bytes at p (copied) as entry name, dated mtime (Unix time).
 * ZIPFILE_OK or ZIPFILE_ERR with one line in err. */
int		 zipfile_add(struct zipfile *z, const char *name,
		    const void *p, size_t n, int64_t mtime, char *err,
		    size_t errlen);
/* Write the archive, appended to out, and free z.  ZIPFILE_OK or
 * ZIPFILE_ERR with one line in err (out then left as it was). */
int		 zipfile_finish(struct zipfile *z, struct buf *out, char *err,
		    size_t errlen);
/* Free z without writing it (NULL: nothing). */
void		 zipfile_free(struct zipfile *z);

#endif
