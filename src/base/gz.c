#include "base/gz.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/xalloc.h"

/* Slack past deflateBound(): the sync flush's empty stored block and
 * the bits before it. */
#define SYNC_SLACK	16

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * Streams for GZ_FAST, one per thread and reset between uses: making one
 * costs a quarter megabyte of allocation (and the page faults behind
 * it), which would outweigh the deflating of a few kilobytes.  A small
 * memLevel keeps the hash table a reset clears small.  Other levels are
 * for pieces made once and get a stream of their own.
 */
#define FAST_MEMLEVEL	5

/*
 * The last pieces a thread deflated at GZ_FAST, by their plain bytes:
 * responses repeat runs that no cache keeps (a page's frame around its
 * kept halves, for one reader), and a piece deflated from a fresh stream
 * is the same bytes wherever it goes, so a run met again is copied
 * rather than deflated again.  Found by length, then compared whole.
 */
#define MEMO_PIECES	8	/* pieces a thread keeps */
#define MEMO_PLAIN_MAX	8192	/* longest run kept */

struct memo_piece {
	size_t		 n;		/* plain bytes; 0: an empty slot */
	unsigned char	*plain;		/* the n bytes (malloc) */
	unsigned char	*z;		/* their deflate bytes (malloc) */
	size_t		 zn;
};

struct tls_z {
	z_stream	 d;		/* deflate, GZ_FAST */
	bool		 d_ok;
	z_stream	 i;		/* raw inflate */
	bool		 i_ok;
	struct memo_piece memo[MEMO_PIECES];
	unsigned	 memo_next;	/* the slot to fill next */
};

static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;

static void
tls_free(void *v)
{
	struct tls_z *t = v;
	int i;

	if (t->d_ok)
		deflateEnd(&t->d);
	if (t->i_ok)
		inflateEnd(&t->i);
	for (i = 0; i < MEMO_PIECES; i++) {
		free(t->memo[i].plain);
		free(t->memo[i].z);
	}
	free(t);
}

static void
tls_init(void)
{
	pthread_key_create(&tls_key, tls_free);
}

static struct tls_z *
tls_get(void)
{
	struct tls_z *t;

	pthread_once(&tls_once, tls_init);
	if ((t = pthread_getspecific(tls_key)) == NULL) {
		t = xcalloc(1, sizeof(*t));
		pthread_setspecific(tls_key, t);
	}
	return t;
}

/* A deflate stream ready for a piece at level; *own says the caller
 * must deflateEnd() it. */
static z_stream *
deflate_stream(z_stream *mine, int level, bool *own)
{
	struct tls_z *t;

	*own = level != GZ_FAST;
	if (*own) {
		memset(mine, 0, sizeof(*mine));
		return deflateInit2(mine, level, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY) == Z_OK ? mine : NULL;
	}
	t = tls_get();
	if (t->d_ok)
		return deflateReset(&t->d) == Z_OK ? &t->d : NULL;
	if (deflateInit2(&t->d, GZ_FAST, Z_DEFLATED, -15, FAST_MEMLEVEL,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	t->d_ok = true;
	return &t->d;
}

/* Raw deflate of p, ended with a sync flush, appended to out. */
static int
deflate_sync(struct buf *out, const void *p, size_t n, int level)
{
	z_stream mine, *z;
	unsigned char *dst;
	size_t bound;
	bool own;
	int rc = -1;

	if (n > UINT32_MAX || (z = deflate_stream(&mine, level, &own)) == NULL)
		return -1;
	bound = deflateBound(z, (uLong)n) + SYNC_SLACK;
	if ((dst = (unsigned char *)buf_reserve(out, bound)) == NULL)
		goto out;
	z->next_in = (Bytef *)(uintptr_t)p;	/* zlib does not write it */
	z->avail_in = (uInt)n;
	z->next_out = dst;
	z->avail_out = (uInt)bound;
	/* One call suffices: the output room is the documented bound. */
	if (deflate(z, Z_SYNC_FLUSH) != Z_OK || z->avail_in != 0 ||
	    z->avail_out == 0)
		goto out;
	buf_commit(out, bound - z->avail_out);
	rc = 0;
out:
	if (own)
		deflateEnd(z);
	return rc;
}

/* This thread's raw inflate stream, reset; NULL if zlib refuses. */
static z_stream *
inflate_stream(void)
{
	struct tls_z *t = tls_get();

	if (t->i_ok)
		return inflateReset(&t->i) == Z_OK ? &t->i : NULL;
	if (inflateInit2(&t->i, -15) != Z_OK)
		return NULL;
	t->i_ok = true;
	return &t->i;
}

int
gz_piece(struct buf *out, const void *p, size_t n, int level)
{
	unsigned char head[GZ_PIECE_HEAD];

	if (n > UINT32_MAX)
		return -1;
	put32(head, (uint32_t)crc32(0L, (const Bytef *)p, (uInt)n));
	put32(head + 4, (uint32_t)n);
	put32(head + 8, (uint32_t)crc32_combine_gen((z_off_t)n));
	buf_add(out, head, sizeof(head));
	if (out->err || deflate_sync(out, p, n, level) != 0)
		return -1;
	return 0;
}

size_t
gz_piece_plain(const void *piece, size_t n)
{
	if (piece == NULL || n < GZ_PIECE_HEAD)
		return 0;
	return get32((const unsigned char *)piece + 4);
}

int
gz_piece_inflate(struct buf *out, const void *piece, size_t n)
{
	const unsigned char *h = piece;
	z_stream *z;
	unsigned char *dst;
	size_t plain;
	int rc;

	if (n < GZ_PIECE_HEAD)
		return -1;
	plain = get32(h + 4);
	if ((dst = (unsigned char *)buf_reserve(out, plain + 1)) == NULL ||
	    (z = inflate_stream()) == NULL)
		return -1;
	z->next_in = (Bytef *)(uintptr_t)(h + GZ_PIECE_HEAD);
	z->avail_in = (uInt)(n - GZ_PIECE_HEAD);
	z->next_out = dst;
	z->avail_out = (uInt)(plain + 1);	/* room for one byte too many */
	rc = inflate(z, Z_SYNC_FLUSH);
	if ((rc != Z_OK && rc != Z_BUF_ERROR) || z->avail_in != 0 ||
	    z->avail_out != 1 ||
	    crc32(0L, dst, (uInt)plain) != get32(h))
		return -1;
	buf_commit(out, plain);
	return 0;
}

void
gz_begin(struct gz *g, struct buf *out)
{
	/* Magic, deflate, no flags, no time, no extra flags, Unix. */
	static const unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0,
	    0, 3 };

	g->out = out;
	g->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	g->len = 0;
	g->err = 0;
	buf_add(out, head, sizeof(head));
}

/* The piece this thread deflated last from the n bytes at p, or NULL. */
static const struct memo_piece *
memo_find(struct tls_z *t, const void *p, size_t n)
{
	int i;

	for (i = 0; i < MEMO_PIECES; i++)
		if (t->memo[i].n == n && memcmp(t->memo[i].plain, p, n) == 0)
			return &t->memo[i];
	return NULL;
}

/* Keep the zn deflate bytes at z made of the n bytes at p, in place of
 * the oldest piece kept. */
static void
memo_keep(struct tls_z *t, const void *p, size_t n, const void *z,
    size_t zn)
{
	struct memo_piece *m = &t->memo[t->memo_next++ % MEMO_PIECES];

	m->plain = xrealloc(m->plain, n);
	m->z = xrealloc(m->z, zn);
	memcpy(m->plain, p, n);
	memcpy(m->z, z, zn);
	m->n = n;
	m->zn = zn;
}

void
gz_add(struct gz *g, const void *p, size_t n, int level)
{
	const struct memo_piece *m;
	struct tls_z *t = NULL;
	size_t at = g->out->n;

	if (n == 0 || g->err)
		return;
	if (n > UINT32_MAX) {
		g->err = -1;
		return;
	}
	if (level == GZ_FAST && n <= MEMO_PLAIN_MAX) {
		t = tls_get();
		if ((m = memo_find(t, p, n)) != NULL) {
			buf_add(g->out, m->z, m->zn);
			goto done;
		}
	}
	if (deflate_sync(g->out, p, n, level) != 0) {
		g->err = -1;
		return;
	}
	if (t != NULL && !g->out->err)
		memo_keep(t, p, n, g->out->p + at, g->out->n - at);
done:
	g->crc = (uint32_t)crc32(g->crc, (const Bytef *)p, (uInt)n);
	g->len += (uint32_t)n;
}

void
gz_add_piece(struct gz *g, const void *piece, size_t n)
{
	const unsigned char *h = piece;
	uint32_t plain;

	if (g->err)
		return;
	if (n < GZ_PIECE_HEAD) {
		g->err = -1;
		return;
	}
	plain = get32(h + 4);
	g->crc = (uint32_t)crc32_combine_op(g->crc, get32(h), get32(h + 8));
	g->len += plain;
	buf_add(g->out, h + GZ_PIECE_HEAD, n - GZ_PIECE_HEAD);
}

int
gz_end(struct gz *g)
{
	/* An empty final block with fixed codes: BFINAL 1, BTYPE 01, and
	 * the end-of-block code, seven zero bits. */
	unsigned char tail[10] = { 0x03, 0x00 };

	put32(tail + 2, g->crc);
	put32(tail + 6, g->len);
	buf_add(g->out, tail, sizeof(tail));
	return g->err || g->out->err ? -1 : 0;
}

int
gz_inflate(struct buf *out, const void *p, size_t n)
{
	z_stream z;
	int rc;

	if (n > UINT32_MAX)
		return -1;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + 15) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	for (;;) {
		unsigned char *dst = (unsigned char *)buf_reserve(out, 16384);

		if (dst == NULL) {
			rc = Z_MEM_ERROR;
			break;
		}
		z.next_out = dst;
		z.avail_out = 16384;
		rc = inflate(&z, Z_NO_FLUSH);
		buf_commit(out, 16384 - z.avail_out);
		if (rc == Z_STREAM_END) {
			/* Another member may follow. */
			if (z.avail_in == 0 || inflateReset(&z) != Z_OK)
				break;
			continue;
		}
		/* Out of input with room to spare: the member was cut. */
		if (rc != Z_OK || (z.avail_in == 0 && z.avail_out > 0))
			break;
	}
	inflateEnd(&z);
	return rc == Z_STREAM_END && z.avail_in == 0 && !out->err ? 0 : -1;
}
