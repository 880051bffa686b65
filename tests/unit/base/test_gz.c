/* Unit tests for src/base/gz.c: pieces made apart join into one gzip
 * member that decodes to the plain bytes in order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/gz.h"

/* Some HTML-like text of about n bytes, different per seed. */
static void
text(struct buf *b, size_t n, int seed)
{
	int i;

	for (i = 0; b->n < n; i++)
		buf_printf(b, "<tr><td>項目 %d</td><td class=\"num\">%d.%d</td>"
		    "</tr>\n", i, (seed * 31 + i * 7) % 100, i % 10);
}

static void
test_gz_piece_inflate_roundtrip(void **state)
{
	struct buf plain = BUF_INIT, piece = BUF_INIT, back = BUF_INIT;

	text(&plain, 20000, 1);
	assert_int_equal(gz_piece(&piece, plain.p, plain.n, GZ_BEST), 0);
	assert_true(piece.n < plain.n / 3);
	assert_int_equal(gz_piece_plain(piece.p, piece.n), plain.n);
	assert_int_equal(gz_piece_inflate(&back, piece.p, piece.n), 0);
	assert_int_equal(back.n, plain.n);
	assert_memory_equal(back.p, plain.p, plain.n);
	buf_free(&plain);
	buf_free(&piece);
	buf_free(&back);
}

static void
test_gz_piece_inflate_rejects_damage(void **state)
{
	struct buf plain = BUF_INIT, piece = BUF_INIT, back = BUF_INIT;

	text(&plain, 5000, 2);
	assert_int_equal(gz_piece(&piece, plain.p, plain.n, GZ_FAST), 0);
	/* A wrong CRC, then a wrong length, then a cut piece. */
	piece.p[0] ^= 1;
	assert_int_equal(gz_piece_inflate(&back, piece.p, piece.n), -1);
	piece.p[0] ^= 1;
	piece.p[4] ^= 1;
	buf_reset(&back);
	assert_int_equal(gz_piece_inflate(&back, piece.p, piece.n), -1);
	piece.p[4] ^= 1;
	buf_reset(&back);
	assert_int_equal(gz_piece_inflate(&back, piece.p, piece.n / 2), -1);
	buf_reset(&back);
	assert_int_equal(gz_piece_inflate(&back, piece.p, 3), -1);
	assert_int_equal(gz_piece_plain(piece.p, 3), 0);
	buf_free(&plain);
	buf_free(&piece);
	buf_free(&back);
}

/* Kept pieces and fresh ones, interleaved, make one member whose bytes
 * are the plain parts in order. */
static void
test_gz_end_joins_pieces(void **state)
{
	struct buf part[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf kept1 = BUF_INIT, kept3 = BUF_INIT, all = BUF_INIT;
	struct buf z = BUF_INIT, back = BUF_INIT;
	struct gz g;
	int i;

	for (i = 0; i < 4; i++) {
		text(&part[i], (size_t)(1000 + 9000 * i), i);
		buf_addstr(&all, buf_str(&part[i]));
	}
	assert_int_equal(gz_piece(&kept1, part[1].p, part[1].n, GZ_BEST), 0);
	assert_int_equal(gz_piece(&kept3, part[3].p, part[3].n, GZ_BEST), 0);
	gz_begin(&g, &z);
	gz_add(&g, part[0].p, part[0].n, GZ_FAST);
	gz_add_piece(&g, kept1.p, kept1.n);
	gz_add(&g, "", 0, GZ_FAST);	/* nothing: no bytes, no harm */
	gz_add(&g, part[2].p, part[2].n, GZ_FAST);
	gz_add_piece(&g, kept3.p, kept3.n);
	assert_int_equal(gz_end(&g), 0);
	assert_int_equal((unsigned char)z.p[0], 0x1f);
	assert_int_equal((unsigned char)z.p[1], 0x8b);
	assert_int_equal(gz_inflate(&back, z.p, z.n), 0);
	assert_int_equal(back.n, all.n);
	assert_memory_equal(back.p, all.p, all.n);
	assert_true(z.n < all.n / 3);
	for (i = 0; i < 4; i++)
		buf_free(&part[i]);
	buf_free(&kept1);
	buf_free(&kept3);
	buf_free(&all);
	buf_free(&z);
	buf_free(&back);
}

static void
test_gz_end_empty_member(void **state)
{
	struct buf z = BUF_INIT, back = BUF_INIT;
	struct gz g;

	gz_begin(&g, &z);
	assert_int_equal(gz_end(&g), 0);
	assert_int_equal(z.n, 20);
	assert_int_equal(gz_inflate(&back, z.p, z.n), 0);
	assert_int_equal(back.n, 0);
	buf_free(&z);
	buf_free(&back);
}

static void
test_gz_add_piece_malformed_sticks(void **state)
{
	struct buf z = BUF_INIT;
	struct gz g;

	gz_begin(&g, &z);
	gz_add_piece(&g, "abc", 3);
	gz_add(&g, "more", 4, GZ_FAST);
	assert_int_equal(gz_end(&g), -1);
	buf_free(&z);
}

static void
test_gz_inflate_rejects_truncated_and_garbage(void **state)
{
	struct buf plain = BUF_INIT, z = BUF_INIT, back = BUF_INIT;
	struct gz g;

	text(&plain, 3000, 5);
	gz_begin(&g, &z);
	gz_add(&g, plain.p, plain.n, GZ_BEST);
	assert_int_equal(gz_end(&g), 0);
	assert_int_equal(gz_inflate(&back, z.p, z.n - 4), -1);
	buf_reset(&back);
	assert_int_equal(gz_inflate(&back, "not gzip at all", 15), -1);
	/* Two members one after the other read as their concatenation. */
	{
		struct buf two = BUF_INIT;

		buf_addstr(&two, buf_str(&z));
		buf_addstr(&two, buf_str(&z));
		buf_reset(&back);
		assert_int_equal(gz_inflate(&back, two.p, two.n), 0);
		assert_int_equal(back.n, 2 * plain.n);
		buf_free(&two);
	}
	buf_free(&plain);
	buf_free(&z);
	buf_free(&back);
}

/* One member made of runs a, b, a: its bytes, and whether it decodes to
 * the runs in order. */
static void
member3(struct buf *z, const struct buf *a, const struct buf *b)
{
	struct buf all = BUF_INIT, back = BUF_INIT;
	struct gz g;

	buf_reset(z);
	gz_begin(&g, z);
	gz_add(&g, a->p, a->n, GZ_FAST);
	gz_add(&g, b->p, b->n, GZ_FAST);
	gz_add(&g, a->p, a->n, GZ_FAST);
	assert_int_equal(gz_end(&g), 0);
	buf_addstr(&all, buf_str(a));
	buf_addstr(&all, buf_str(b));
	buf_addstr(&all, buf_str(a));
	assert_int_equal(gz_inflate(&back, z->p, z->n), 0);
	assert_int_equal(back.n, all.n);
	assert_memory_equal(back.p, all.p, all.n);
	buf_free(&all);
	buf_free(&back);
}

/* Runs deflated again (the thread keeps their pieces) give the same
 * member as the first time; a run of the same length that differs in
 * one byte is its own, and so are runs after many others. */
static void
test_gz_add_again_same_bytes(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT, z1 = BUF_INIT, z2 = BUF_INIT;
	int i;

	text(&a, 1500, 7);
	text(&b, 700, 8);
	member3(&z1, &a, &b);
	member3(&z2, &a, &b);
	assert_int_equal(z1.n, z2.n);
	assert_memory_equal(z1.p, z2.p, z1.n);
	/* the same length, one byte apart */
	a.p[a.n / 2] ^= 1;
	member3(&z2, &a, &b);
	/* more runs than a thread keeps, then the first ones again */
	for (i = 0; i < 20; i++) {
		struct buf c = BUF_INIT;

		text(&c, 300 + (size_t)i, 100 + i);
		member3(&z2, &c, &b);
		buf_free(&c);
	}
	a.p[a.n / 2] ^= 1;
	member3(&z2, &a, &b);
	assert_int_equal(z1.n, z2.n);
	assert_memory_equal(z1.p, z2.p, z1.n);
	buf_free(&a);
	buf_free(&b);
	buf_free(&z1);
	buf_free(&z2);
}

/* A buffer at its limit refuses, and the failure is reported. */
static void
test_gz_piece_limit(void **state)
{
	struct buf plain = BUF_INIT, small;

	text(&plain, 4000, 6);
	buf_init(&small, 64);
	assert_int_equal(gz_piece(&small, plain.p, plain.n, GZ_BEST), -1);
	assert_true(small.err);
	buf_free(&plain);
	buf_free(&small);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gz_piece_inflate_roundtrip),
		cmocka_unit_test(test_gz_piece_inflate_rejects_damage),
		cmocka_unit_test(test_gz_end_joins_pieces),
		cmocka_unit_test(test_gz_end_empty_member),
		cmocka_unit_test(test_gz_add_piece_malformed_sticks),
		cmocka_unit_test(test_gz_inflate_rejects_truncated_and_garbage),
		cmocka_unit_test(test_gz_piece_limit),
		cmocka_unit_test(test_gz_add_again_same_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
