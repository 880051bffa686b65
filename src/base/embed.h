/*
 * embed: files compiled into the binary by scripts/embed.sh (SQL
 * migrations, web assets).  Each table ends with a row whose path is NULL.
 * The bytes are followed by a NUL not counted in len.
 */
#ifndef MAMORI_EMBED_H
#define MAMORI_EMBED_H

#include <stddef.h>

struct embed_file {
	const char		*path;	/* as given to the generator */
	const unsigned char	*data;
	size_t			 len;
};

extern const struct embed_file embed_sql[];	/* sql/<dialect>/NNNN_*.sql */
extern const struct embed_file embed_web[];	/* web/... */

#endif
