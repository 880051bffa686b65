/*
 * libFuzzer harness for the CSV record reader (base/csv.c).  Any bytes go
 * in, read with a small or the default cap on cells kept per record (the
 * first byte chooses); besides the sanitizers, the contract of csv.h is
 * checked on every record and a broken promise aborts, so the fuzzer
 * keeps the input.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/str.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: broken promise: %s\n", what);
		abort();
	}
}

static void
check_record(const struct csv_reader *rd, const struct csv_record *r,
    int rc, unsigned long prev_end)
{
	size_t k, want;

	require(r->line == prev_end + 1, "each record starts after the last");
	require(r->end_line >= r->line, "a record ends after it starts");
	require(r->n_field >= 1, "at least one field");
	want = r->n_field < rd->max_cells ? r->n_field : rd->max_cells;
	require(r->n_cell == want && r->cell != NULL, "cells kept");
	require(r->quote_col <= r->n_field, "quote column in the record");
	require(!r->hash || !r->cell[0].quoted, "a '#' record is unquoted");
	for (k = 0; k < r->n_cell; k++) {
		const struct csv_cell *c = &r->cell[k];
		struct str s = { c->text, c->len };

		require(c->col == k + 1, "column");
		require((unsigned)c->err < CSV_E__MAX &&
		    c->err != CSV_E_TOO_BIG && c->err != CSV_E_UTF16 &&
		    c->err != CSV_E_ICONV, "a cell's error");
		require(c->text != NULL && strlen(c->text) == c->len,
		    "NUL-terminated text of its length");
		require(str_utf8_valid(s), "valid UTF-8");
		require(c->err != CSV_E_ENCODING || c->len == 0,
		    "no text when undecodable");
		require(c->err != CSV_E_OPEN_QUOTE ||
		    (rc < 0 && k + 1 == r->n_field), "open quote last");
		require(c->err != CSV_E_QUOTE || r->quote_col <= c->col,
		    "the first quote error");
		require(str_eq(s, str_trim(s)), "trimmed");
		require(!r->blank || c->len == 0, "a blank record's cells");
		require(c->len < 3 || (memcmp(c->text, "\xe3\x80\x80", 3) &&
		    memcmp(c->text + c->len - 3, "\xe3\x80\x80", 3)),
		    "trimmed of U+3000");
	}
	require(r->quote_col == 0 || r->quote_col > r->n_cell ||
	    r->cell[r->quote_col - 1].err == CSV_E_QUOTE ||
	    r->cell[r->quote_col - 1].err == CSV_E_ENCODING,
	    "the quote error's cell says so");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader rd;
	struct csv_record r;
	unsigned long prev_end = 0;
	size_t max_cells = size > 0 && data[0] < 8 ? data[0] + 1 : 0;
	enum csv_err e;
	int rc;

	e = csv_open(data, size, 0, max_cells, &rd);
	require(e == CSV_E_NONE || e == CSV_E_UTF16 || e == CSV_E_ICONV,
	    "open");
	while ((rc = csv_next(&rd, &r)) != 0) {
		require(e == CSV_E_NONE, "no record from a refused file");
		require(rc == 1 || rc == -1, "returns 1, 0 or -1");
		check_record(&rd, &r, rc, prev_end);
		prev_end = r.end_line;
		if (rc < 0) {
			require(csv_next(&rd, &r) == 0, "nothing after -1");
			break;
		}
	}
	csv_close(&rd);
	csv_close(&rd);
	return 0;
}
