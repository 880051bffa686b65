/*
 * gz: gzip bodies built from pieces.  The only includer of zlib.h.
 *
 * A piece is a run of raw deflate blocks made from a fresh stream and
 * ended with a sync flush: it starts and ends on a byte boundary, has no
 * final block and refers to no byte outside itself.  Pieces made apart —
 * one kept in the page cache, one deflated for this request — therefore
 * join, in any order, into one ordinary gzip member: a header, the
 * pieces, an empty final block, and a trailer whose CRC-32 is combined
 * from the pieces' own.  Clients see a single-member gzip stream, which
 * every decoder reads.
 *
 * A kept piece is self-describing: a 12-byte head (CRC-32, plain length
 * and the operator that appends a CRC-32 of that length to another, from
 * crc32_combine_gen(), little-endian 32-bit each) and then the deflate
 * bytes.
 *
 * Functions are thread-safe.  Each thread keeps one deflate stream for
 * GZ_FAST and one inflate stream, reset between calls, and the last few
 * pieces it deflated at GZ_FAST with their plain bytes (gz_add), all
 * freed when the thread ends.
 */
#ifndef MAMORI_GZ_H
#define MAMORI_GZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define GZ_PIECE_HEAD	12
/* Levels: pieces kept for many responses are worth the best; those made
 * for one response are made quickly. */
#define GZ_BEST		9	/* files kept for the server's life */
#define GZ_KEEP		6	/* pages kept in the cache */
#define GZ_FAST		1	/* what one response writes */

/* Append to out a kept piece (head and deflate bytes) of the n plain
 * bytes at p, deflated at level (1–9).  Returns 0, or -1 when n does not
 * fit in 32 bits or out refused to grow (out.err). */
int	 gz_piece(struct buf *out, const void *p, size_t n, int level);
/* Plain length of a kept piece, or 0 if it is malformed. */
size_t	 gz_piece_plain(const void *piece, size_t n);
/* Append the plain bytes of a kept piece to out.  Returns 0, or -1 when
 * the piece is malformed or out refused to grow. */
int	 gz_piece_inflate(struct buf *out, const void *piece, size_t n);

/* A gzip member being written into a buffer the caller owns. */
struct gz {
	struct buf	*out;	/* where the member goes */
	uint32_t	 crc;	/* CRC-32 of the plain bytes so far */
	uint32_t	 len;	/* plain length so far, modulo 2^32 */
	int		 err;	/* sticky: a piece failed */
};

/* Write the gzip header to out. */
void	 gz_begin(struct gz *g, struct buf *out);
/* Deflate n plain bytes at level as a piece of the member.  At GZ_FAST,
 * bytes this thread deflated a moment ago (the same run, whole) are not
 * deflated again: their piece is copied, which is the same bytes. */
void	 gz_add(struct gz *g, const void *p, size_t n, int level);
/* Copy a kept piece into the member. */
void	 gz_add_piece(struct gz *g, const void *piece, size_t n);
/* Close the member (final block, trailer).  Returns 0, or -1 if any step
 * failed or out refused to grow; the bytes are then not a gzip stream. */
int	 gz_end(struct gz *g);

/* Append the plain bytes of a whole gzip stream (one or more members) to
 * out.  Returns 0, or -1 if it is not one or out refused to grow.  For
 * tests and tools; responses never inflate whole bodies. */
int	 gz_inflate(struct buf *out, const void *p, size_t n);

#endif
