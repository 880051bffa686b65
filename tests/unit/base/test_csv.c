/* Unit tests for src/base/csv.c: encodings, quoting, line endings and
 * line numbers, trimming, blank records and every error of a cell. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/xalloc.h"

#define S(lit)	(lit), sizeof(lit) - 1

/* Per test: the reader and the record it last read. */
struct fx {
	struct csv_reader	 rd;
	struct csv_record	 rec;
};

static int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	csv_close(&f->rd);
	free(f);
	return 0;
}

/* Open data[0..n) with the default limits; must succeed. */
static void
open_ok(struct fx *f, const char *data, size_t n)
{
	csv_close(&f->rd);
	assert_int_equal(csv_open(data, n, 0, 0, &f->rd), CSV_E_NONE);
}

/* Read the next record, which must be there (rc 1). */
static const struct csv_record *
next(struct fx *f)
{
	assert_int_equal(csv_next(&f->rd, &f->rec), 1);
	return &f->rec;
}

static void
assert_cell(const struct csv_record *r, size_t k, const char *text,
    enum csv_err err)
{
	assert_true(k < r->n_cell);
	assert_string_equal(r->cell[k].text, text);
	assert_int_equal(r->cell[k].len, strlen(text));
	assert_int_equal(r->cell[k].col, k + 1);
	assert_int_equal(r->cell[k].err, err);
}

/* ---- encodings --------------------------------------------------------- */

static void
test_csv_open_utf8(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("資産,名前\nPC,山田\n"));
	assert_false(f->rd.cp932);
	r = next(f);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->n_field, 2);
	assert_int_equal(r->n_cell, 2);
	assert_cell(r, 0, "資産", CSV_E_NONE);
	assert_cell(r, 1, "名前", CSV_E_NONE);
	r = next(f);
	assert_int_equal(r->line, 2);
	assert_cell(r, 1, "山田", CSV_E_NONE);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
}

static void
test_csv_open_bom(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("\xef\xbb\xbfkey,\xe8\xb3\x87\xe7\x94\xa3\r\n"));
	assert_false(f->rd.cp932);
	r = next(f);
	assert_int_equal(r->line, 1);
	assert_cell(r, 0, "key", CSV_E_NONE);	/* no BOM in the cell */
	assert_cell(r, 1, "資産", CSV_E_NONE);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	/* after a BOM, bytes that are not UTF-8 are an error of their cell,
	 * not CP932 */
	open_ok(f, S("\xef\xbb\xbf" "a,\x8e\x91\x8e\x59,c"));
	assert_false(f->rd.cp932);
	r = next(f);
	assert_cell(r, 0, "a", CSV_E_NONE);
	assert_cell(r, 1, "", CSV_E_ENCODING);
	assert_cell(r, 2, "c", CSV_E_NONE);
}

/* "資産" is 8E 91 8E 59 in CP932; "表示" is 95 5C 8E A6, whose 0x5C trail
 * byte is no backslash; 0x82 alone is half a character. */
static void
test_csv_open_cp932(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("\x8e\x91\x8e\x59,\"\x95\x5c\x8e\xa6\",\x81\x40x\x81\x40"
	    "\r\n\x82,ok"));
	assert_true(f->rd.cp932);
	r = next(f);
	assert_cell(r, 0, "資産", CSV_E_NONE);
	assert_cell(r, 1, "表示", CSV_E_NONE);
	assert_true(r->cell[1].quoted);
	assert_cell(r, 2, "x", CSV_E_NONE);	/* 81 40 is U+3000 */
	r = next(f);
	assert_int_equal(r->line, 2);
	assert_cell(r, 0, "", CSV_E_ENCODING);
	assert_cell(r, 1, "ok", CSV_E_NONE);
}

static void
test_csv_open_utf16(void **state)
{
	struct fx *f = *state;

	assert_int_equal(csv_open(S("\xff\xfe" "a\0,\0b\0"), 0, 0, &f->rd),
	    CSV_E_UTF16);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	csv_close(&f->rd);
	assert_int_equal(csv_open(S("\xfe\xff\0a"), 0, 0, &f->rd),
	    CSV_E_UTF16);
}

static void
test_csv_open_too_big(void **state)
{
	struct fx *f = *state;
	char *big;

	assert_int_equal(csv_open(S("a,b\n"), 3, 0, &f->rd), CSV_E_TOO_BIG);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	csv_close(&f->rd);
	assert_int_equal(csv_open(S("a,b\n"), 4, 0, &f->rd), CSV_E_NONE);
	csv_close(&f->rd);
	/* 0 means CSV_MAX_BYTES */
	big = xcalloc(1, CSV_MAX_BYTES + 1);
	memset(big, 'a', CSV_MAX_BYTES + 1);
	assert_int_equal(csv_open(big, CSV_MAX_BYTES + 1, 0, 0, &f->rd),
	    CSV_E_TOO_BIG);
	csv_close(&f->rd);
	assert_int_equal(csv_open(big, CSV_MAX_BYTES, 0, 0, &f->rd),
	    CSV_E_NONE);
	free(big);
	csv_close(&f->rd);
}

static void
test_csv_open_empty(void **state)
{
	struct fx *f = *state;

	open_ok(f, NULL, 0);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	open_ok(f, S("\xef\xbb\xbf"));
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
}

/* ---- structure --------------------------------------------------------- */

static void
test_csv_next_quoted(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("\"a, b\",\"say \"\"hi\"\"\",\"two\r\nlines\", \"\" \n"
	    "next,\"\"\"\"\n"));
	r = next(f);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->end_line, 2);
	assert_int_equal(r->n_field, 4);
	assert_cell(r, 0, "a, b", CSV_E_NONE);
	assert_cell(r, 1, "say \"hi\"", CSV_E_NONE);
	assert_cell(r, 2, "two\r\nlines", CSV_E_CONTROL);
	assert_cell(r, 3, "", CSV_E_NONE);
	assert_true(r->cell[0].quoted && r->cell[3].quoted);
	assert_int_equal(r->quote_col, 0);
	assert_false(r->blank);
	/* the line break inside quotes counts */
	r = next(f);
	assert_int_equal(r->line, 3);
	assert_cell(r, 0, "next", CSV_E_NONE);
	assert_false(r->cell[0].quoted);
	assert_cell(r, 1, "\"", CSV_E_NONE);
}

static void
test_csv_next_line_endings(void **state)
{
	static const char data[] = "a\r\nb\rc\nd,\"e\rf\"\n\"g\r\n\rh\"\ri";
	static const struct {
		unsigned long	 line, end;
		const char	*first;
	} want[] = {
		{ 1, 1, "a" }, { 2, 2, "b" }, { 3, 3, "c" }, { 4, 5, "d" },
		{ 6, 8, "g\r\n\rh" }, { 9, 9, "i" },
	};
	struct fx *f = *state;
	const struct csv_record *r;
	size_t k;

	open_ok(f, data, sizeof(data) - 1);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		r = next(f);
		assert_int_equal(r->line, want[k].line);
		assert_int_equal(r->end_line, want[k].end);
		assert_string_equal(r->cell[0].text, want[k].first);
	}
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
}

static void
test_csv_next_blank(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("\n,,,\n \t ,\n\"\",\" \r\n\"\n\xe3\x80\x80\nx\n"));
	r = next(f);
	assert_true(r->blank);
	assert_int_equal(r->n_field, 1);
	assert_cell(r, 0, "", CSV_E_NONE);
	r = next(f);
	assert_true(r->blank);
	assert_int_equal(r->n_field, 4);
	assert_int_equal(r->line, 2);
	r = next(f);
	assert_true(r->blank);
	r = next(f);
	assert_true(r->blank);	/* quoted, and a line break inside */
	assert_int_equal(r->line, 4);
	/* U+3000 trims to nothing, yet the record is not blank */
	r = next(f);
	assert_false(r->blank);
	assert_int_equal(r->line, 6);
	assert_cell(r, 0, "", CSV_E_NONE);
	r = next(f);
	assert_false(r->blank);
	assert_int_equal(r->line, 7);
}

static void
test_csv_next_trim(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("  a b \t,\xe3\x80\x80\xe3\x80\x80" "c\xe3\x80\x80 ,"
	    "  \"  d  \"  ,\"\xe3\x80\x80\r\n\","
	    "\xe3\x80\x80\xe4\xb8\x80\xe3\x80\x80\xe4\xba\x8c\xe3\x80\x80"));
	r = next(f);
	assert_cell(r, 0, "a b", CSV_E_NONE);
	assert_cell(r, 1, "c", CSV_E_NONE);
	assert_cell(r, 2, "d", CSV_E_NONE);
	assert_true(r->cell[2].quoted);
	assert_cell(r, 3, "", CSV_E_NONE);
	assert_cell(r, 4, "一\xe3\x80\x80二", CSV_E_NONE);
}

static void
test_csv_next_hash(void **state)
{
	struct fx *f = *state;

	open_ok(f, S("#note,x\n \t#note\n\"#name\"\n\xe3\x80\x80#name\nx,#y\n"));
	assert_true(next(f)->hash);
	assert_true(next(f)->hash);
	assert_false(next(f)->hash);	/* quoted */
	assert_false(next(f)->hash);	/* U+3000 is no space here */
	assert_string_equal(f->rec.cell[0].text, "#name");
	assert_false(next(f)->hash);
}

static void
test_csv_next_max_cells(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	assert_int_equal(csv_open(S("a,b,c,\"d\" x,\"e\" y\nz"), 0, 2,
	    &f->rd), CSV_E_NONE);
	r = next(f);
	assert_int_equal(r->n_field, 5);
	assert_int_equal(r->n_cell, 2);
	assert_cell(r, 1, "b", CSV_E_NONE);
	assert_int_equal(r->quote_col, 4);	/* counted though not kept */
	r = next(f);
	assert_int_equal(r->n_field, 1);
	assert_int_equal(r->quote_col, 0);
	assert_cell(r, 0, "z", CSV_E_NONE);
}

/* Many fields in a record grow the reader's arrays; every text stays
 * where its cell says. */
static void
test_csv_next_many_cells(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;
	struct buf b = BUF_INIT;
	char want[16];
	size_t k;

	for (k = 0; k < 300; k++)
		buf_printf(&b, "%s\"v%zu\"", k ? "," : "", k);
	open_ok(f, b.p, b.n);
	r = next(f);
	assert_int_equal(r->n_field, 300);
	assert_int_equal(r->n_cell, 300);
	for (k = 0; k < 300; k++) {
		snprintf(want, sizeof(want), "v%zu", k);
		assert_cell(r, k, want, CSV_E_NONE);
	}
	buf_free(&b);
}

/* ---- errors ----------------------------------------------------------- */

static void
test_csv_next_open_quote(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("a,b\r\nc,\"d\r\ne,f\n"));
	r = next(f);
	assert_int_equal(r->line, 1);
	assert_int_equal(csv_next(&f->rd, &f->rec), -1);
	r = &f->rec;
	assert_int_equal(r->line, 2);
	assert_int_equal(r->n_field, 2);
	assert_cell(r, 0, "c", CSV_E_NONE);
	assert_cell(r, 1, "d\r\ne,f", CSV_E_OPEN_QUOTE);
	/* the rest of the file was swallowed */
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
	/* even in a blank record */
	open_ok(f, S("\n  \""));
	assert_true(next(f)->blank);
	assert_int_equal(csv_next(&f->rd, &f->rec), -1);
	assert_int_equal(f->rec.line, 2);
	assert_true(f->rec.blank);
	assert_cell(&f->rec, 0, "", CSV_E_OPEN_QUOTE);
}

static void
test_csv_next_text_after_quote(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("\"a\" x,\"b\" \t,\"c\"d,e\n"));
	r = next(f);
	assert_int_equal(r->quote_col, 1);
	assert_cell(r, 0, "a x", CSV_E_QUOTE);
	assert_cell(r, 1, "b", CSV_E_NONE);	/* spaces after are fine */
	assert_cell(r, 2, "cd", CSV_E_QUOTE);
	assert_cell(r, 3, "e", CSV_E_NONE);
	assert_int_equal(csv_next(&f->rd, &f->rec), 0);
}

static void
test_csv_next_nul(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	/* NUL is no UTF-8 text: the file is read as CP932, where it is
	 * refused once decoded */
	open_ok(f, S("a\0b,c\n"));
	assert_true(f->rd.cp932);
	r = next(f);
	assert_cell(r, 0, "", CSV_E_ENCODING);
	assert_cell(r, 1, "c", CSV_E_NONE);
	open_ok(f, S("\xef\xbb\xbf\"\0\",c"));
	r = next(f);
	assert_cell(r, 0, "", CSV_E_ENCODING);
	assert_cell(r, 1, "c", CSV_E_NONE);
}

static void
test_csv_next_control(void **state)
{
	struct fx *f = *state;
	const struct csv_record *r;

	open_ok(f, S("a\x01" "b,c\x7f,\xc2\x85,a\tb,\tx\t,\"y\n\",\xc2\xa0"));
	r = next(f);
	assert_cell(r, 0, "a\x01" "b", CSV_E_CONTROL);
	assert_cell(r, 1, "c\x7f", CSV_E_CONTROL);
	assert_cell(r, 2, "\xc2\x85", CSV_E_CONTROL);	/* C1 */
	assert_cell(r, 3, "a\tb", CSV_E_CONTROL);
	assert_cell(r, 4, "x", CSV_E_NONE);	/* trimmed away */
	assert_cell(r, 5, "y", CSV_E_NONE);
	assert_cell(r, 6, "\xc2\xa0", CSV_E_NONE);	/* NBSP is text */
}

/* Every prefix of a file, each in a heap block of exactly its length,
 * reads without running past its end. */
static void
test_csv_next_every_prefix(void **state)
{
	static const char data[] = "\x8e\x91\x8e\x59,\"a\"\"\r\nb\" ,c\rd\n";
	struct fx *f = *state;
	size_t n, records;
	char *p;
	int rc;

	for (n = 0; n < sizeof(data); n++) {
		p = xmalloc(n ? n : 1);
		memcpy(p, data, n);
		open_ok(f, p, n);
		records = 0;
		while ((rc = csv_next(&f->rd, &f->rec)) != 0)
			records++;
		assert_true(records <= 3);
		csv_close(&f->rd);
		free(p);
	}
}

static void
test_csv_err_code_each(void **state)
{
	size_t e, k, i;

	for (e = 0; e < CSV_E__MAX; e++) {
		const char *c = csv_err_code((enum csv_err)e);

		assert_true(c[0] != '\0');
		assert_true(csv_strerror((enum csv_err)e)[0] != '\0');
		for (i = 0; c[i]; i++)
			assert_true((c[i] >= 'a' && c[i] <= 'z') ||
			    (c[i] >= '0' && c[i] <= '9') || c[i] == '_');
		for (k = 0; k < e; k++)
			assert_string_not_equal(c,
			    csv_err_code((enum csv_err)k));
	}
	assert_string_equal(csv_err_code(CSV_E_QUOTE), "quote");
	assert_string_equal(csv_err_code(CSV_E__MAX), "");
	assert_string_equal(csv_strerror(CSV_E__MAX), "");
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_csv_open_utf8),
		T(test_csv_open_bom),
		T(test_csv_open_cp932),
		T(test_csv_open_utf16),
		T(test_csv_open_too_big),
		T(test_csv_open_empty),
		T(test_csv_next_quoted),
		T(test_csv_next_line_endings),
		T(test_csv_next_blank),
		T(test_csv_next_trim),
		T(test_csv_next_hash),
		T(test_csv_next_max_cells),
		T(test_csv_next_many_cells),
		T(test_csv_next_open_quote),
		T(test_csv_next_text_after_quote),
		T(test_csv_next_nul),
		T(test_csv_next_control),
		T(test_csv_next_every_prefix),
		T(test_csv_err_code_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
