/*
 * libFuzzer harness for the text form of who may use what
 * (model/grants.c): any bytes go in as the text of a field against both
 * legends; besides the sanitizers, the contract of grants.h is checked
 * and a broken promise aborts, so the fuzzer keeps the input.  What
 * parses is made canonical and read back the same.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/str.h"
#include "model/grants.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_grants: broken promise: %s\n", what);
		abort();
	}
}

static const char *rw_keys[] = { "update", "read" };
static const char *rw_ja[] = { "更新", "読取" };
static const char *rw_en[] = { "Update", "Read" };
static const char *svc_keys[] = { "allowed", "with_permission",
    "not_allowed" };
static const char *svc_ja[] = { "使ってよい", "許可を得て使う",
    "使ってはいけない" };
static const char *svc_en[] = { "Allowed", "With permission",
    "Not allowed" };

static void
one(const struct register_keys *lg, enum register_keyset ks, struct str s)
{
	struct register_val v;
	struct grant *g, *back;
	struct arena ar;
	size_t n, nb, i;
	long a;
	enum rf_err rc;

	arena_init(&ar);
	rc = grants_parse(lg, ks, s, &ar, &g, &n, &a);
	require(rc == RFE_OK || rc == RFE_FORMAT || rc == RFE_NOT_INT ||
	    rc == RFE_GRANT_KEY || rc == RFE_TOO_LONG, "a known outcome");
	if (rc == RFE_GRANT_KEY)
		require(a == (long)ks, "the legend named");
	if (rc != RFE_OK) {
		arena_free(&ar);
		return;
	}
	require(n <= GRANTS_MAX, "at most GRANTS_MAX people");
	for (i = 0; i < n; i++) {
		require(g[i].key >= 0 && (size_t)g[i].key < lg->n,
		    "a key of the legend");
		require(g[i].id >= 0, "an id or a name");
		if (g[i].id == 0)
			g[i].id = (int64_t)(i + 1) * 1000003;	/* looked up */
	}
	memset(&v, 0, sizeof(v));
	v.s = grants_canon(lg, g, n, &ar);
	v.i = (int64_t)n;
	v.set = n > 0;
	nb = grants_of(lg, &v, &ar, &back);
	require(nb == n, "the canonical text reads back whole");
	for (i = 0; i < nb; i++) {
		require(i == 0 || back[i - 1].id < back[i].id, "ids ascending");
		require(grants_get(lg, &v, back[i].id) == back[i].key,
		    "each person's key found");
	}
	arena_free(&ar);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct register_keys rw = { 2, rw_keys, { rw_ja, rw_en } };
	struct register_keys svc = { 3, svc_keys, { svc_ja, svc_en } };
	struct str s = { (const char *)data, size };

	one(&rw, KS_GRANT_RW, s);
	one(&svc, KS_GRANT_SVC, s);
	return 0;
}
