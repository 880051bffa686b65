/*
 * libFuzzer harness for the offline-answers CSV reader (model/diag_csv.c).
 * Any bytes go in; besides the sanitizers, the contract of diag_csv.h is
 * checked on every outcome and a broken promise aborts, so the fuzzer
 * keeps the input.  The rows that come out are also scored.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/str.h"
#include "model/diag.h"
#include "model/diag_csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_diag_csv: broken promise: %s\n", what);
		abort();
	}
}

/* Printable UTF-8 without control characters, NUL-terminated in cap. */
static bool
clean_text(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap), i;

	if (n == cap || !str_utf8_valid((struct str){ s, n }))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static void
check_errors(const struct diag_csv *out)
{
	size_t k;

	require(out->n_err >= 1 && out->n_err <= DIAG_CSV_MAX_ERRORS + 1,
	    "error count within the cap");
	require(out->resp == NULL && out->n_resp == 0, "no rows on error");
	for (k = 0; k < out->n_err; k++) {
		const struct diag_csv_error *e = &out->err[k];

		require((unsigned)e->code < DIAG_CSV_E__MAX, "code in range");
		require(e->line >= 1, "line is 1-based");
		/* past DIAG_CSV_COLS only for a quote error in an extra
		 * field, which is named where it stands, or for the cap's
		 * entry standing in for one */
		require(e->column >= 1 && (e->column <= DIAG_CSV_COLS + 1 ||
		    e->code == DIAG_CSV_E_QUOTE ||
		    e->code == DIAG_CSV_E_TOO_MANY_ERRORS),
		    "column within the record");
		require(clean_text(e->value, sizeof(e->value)), "clean value");
		require(clean_text(e->msg, sizeof(e->msg)) && e->msg[0],
		    "clean message");
		require(k == 0 || e->line >= out->err[k - 1].line,
		    "errors in file order");
		require(e->code != DIAG_CSV_E_TOO_MANY_ERRORS ||
		    k == DIAG_CSV_MAX_ERRORS, "cap entry only at the cap");
	}
}

static void
check_rows(const struct diag_csv *out)
{
	struct diag_result res;
	bool seen[DIAG_ITEMS] = { false };
	size_t k;
	int i;

	require(out->n_err == 0 && out->err == NULL, "no errors on success");
	require(out->n_resp >= 1 && out->n_resp <= DIAG_CSV_MAX_ROWS,
	    "row count");
	for (k = 0; k < out->n_resp; k++) {
		const struct diag_resp *r = &out->resp[k];

		require(r->name != NULL, "name set");
		require(clean_text(r->name, 4 * DIAG_CSV_NAME_MAX + 1),
		    "name clean and short");
		require((unsigned)r->role < DIAG_ROLE__MAX, "role in range");
		require(diag_resp_answered(r) == DIAG_ITEMS, "all answered");
	}
	diag_compute(out->resp, out->n_resp, &res);
	require((size_t)res.n == out->n_resp, "every row counted");
	require(res.company_tenths >= -250 && res.company_tenths <= 1000,
	    "score in range");
	for (i = 0; i < DIAG_ITEMS; i++) {
		require(res.weakest[i] >= 0 && res.weakest[i] < DIAG_ITEMS &&
		    !seen[res.weakest[i]], "weakest is a permutation");
		seen[res.weakest[i]] = true;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct diag_csv out;
	int rc;

	arena_init(&a);
	rc = diag_csv_parse(data, size, 0, &a, &out);
	require(rc == 0 || rc == -1, "returns 0 or -1");
	if (rc == 0)
		check_rows(&out);
	else
		check_errors(&out);
	arena_free(&a);
	return 0;
}
