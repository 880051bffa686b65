/*
 * cmd_estimate: `mamori estimate --preset KEY [--sales YEN] [--staff N]
 * [--records N] [--days N] [--format text|json]` — the damage estimate of
 * issue 16 (model/estimate.h) on the command line, from the presets of
 * content/damage.yaml; an input not given is the preset's own (the
 * seeds' example).  A bad value is one line naming the field, status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"
#include "cli/cli.h"
#include "cli/cli_int.h"
#include "content/content.h"
#include "model/estimate.h"

static void
estimate_usage(FILE *f)
{
	fprintf(f,
	    "usage: mamori estimate --preset manufacturer-ransomware|"
	    "retailer-leak\n"
	    "           [--sales YEN] [--staff N] [--records N] [--days N]\n"
	    "           [--format text|json] [--content-dir DIR]\n"
	    "\nWorks out what an incident would cost.  An input not given "
	    "is the preset's\nown (the worked example it comes from).  The "
	    "scaling rules are mamori's own:\nsee docs/user/estimate.md.\n");
}

/* What the user wrote for each input (NULL: not given). */
struct estimate_args {
	const char	*preset;
	const char	*format;
	const char	*in[EST_IN__MAX];
};

/* "--name VALUE" or "--name=VALUE" at rest[*i]: the value, or NULL when
 * rest[*i] is not that option.  A missing value is "". */
static const char *
opt(int nrest, char **rest, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(rest[*i], "--", 2) != 0 || strncmp(rest[*i] + 2, name,
	    n) != 0)
		return NULL;
	if (rest[*i][2 + n] == '=')
		return rest[*i] + 3 + n;
	if (rest[*i][2 + n] != '\0')
		return NULL;
	if (*i + 1 >= nrest)
		return "";
	return rest[++*i];
}

static int
parse_args(int nrest, char **rest, struct estimate_args *a)
{
	const char *v;
	int i, k;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < nrest; i++) {
		if ((v = opt(nrest, rest, &i, "preset")) != NULL) {
			a->preset = v;
			continue;
		}
		if ((v = opt(nrest, rest, &i, "format")) != NULL) {
			a->format = v;
			continue;
		}
		for (k = 0; k < EST_IN__MAX; k++)
			if ((v = opt(nrest, rest, &i,
			    estimate_in_key((enum estimate_input)k))) != NULL) {
				a->in[k] = v;
				break;
			}
		if (k < EST_IN__MAX)
			continue;
		fprintf(stderr, "mamori estimate: unknown argument '%s'\n",
		    rest[i]);
		return -1;
	}
	return 0;
}

/* The reason for a bad value, for the one line. */
static void
bad_value(enum estimate_input in, enum estimate_err e, const char *text)
{
	const char *why = "";
	char lo[32], hi[32];

	estimate_group(estimate_in_min(in), lo, sizeof(lo));
	estimate_group(estimate_in_max(in), hi, sizeof(hi));
	switch (e) {
	case EST_E_EMPTY: why = "needs a value"; break;
	case EST_E_NOT_NUMBER: why = "is not a whole number"; break;
	case EST_E_NEGATIVE: why = "must not be negative"; break;
	case EST_E_TOO_SMALL: why = "is below the least"; break;
	case EST_E_TOO_LARGE: why = "is more than the most"; break;
	default: break;
	}
	fprintf(stderr, "mamori estimate: --%s: '%s' %s (%s to %s)\n",
	    estimate_in_key(in), text, why, lo, hi);
}

static void
print_json(const struct damage_preset *dp, const long long *in,
    const struct estimate_result *r)
{
	struct buf b = BUF_INIT;
	char share[32];
	size_t i;
	int k;

	estimate_ppm_fraction(r->share_ppm, share, sizeof(share));
	buf_adds(&b, "{\"preset\": ");
	esc_json(&b, str_c(dp->p.key));
	buf_adds(&b, ", \"inputs\": {");
	for (k = 0; k < EST_IN__MAX; k++)
		buf_printf(&b, "%s\"%s\": %lld", k ? ", " : "",
		    estimate_in_key((enum estimate_input)k), in[k]);
	buf_printf(&b, "}, \"total_yen\": %lld, \"share_of_sales\": %s, "
	    "\"lines\": [", r->total, share);
	for (i = 0; i < r->n; i++)
		buf_printf(&b, "%s{\"category\": \"%s\", \"yen\": %lld}",
		    i ? ", " : "", estimate_cat_key(r->line[i].cat),
		    r->line[i].yen);
	buf_adds(&b, "]}\n");
	if (!b.err)
		fwrite(b.p, 1, b.n, stdout);
	buf_free(&b);
}

static void
print_text(const struct damage_pack *pk, const struct damage_preset *dp,
    const long long *in, const struct estimate_result *r)
{
	char y[32], pct[32];
	size_t i;
	int k;

	printf("%s (%s)\n", dp->title.t[LANG_EN], dp->p.key);
	for (k = 0; k < EST_IN__MAX; k++) {
		estimate_group(in[k], y, sizeof(y));
		printf("%s%s %s", k ? ", " : "",
		    estimate_in_key((enum estimate_input)k), y);
	}
	printf("\n\n");
	for (i = 0; i < r->n; i++) {
		estimate_group(r->line[i].yen, y, sizeof(y));
		printf("  %-28s %16s yen\n",
		    pk->cat_label[r->line[i].cat].t[LANG_EN], y);
	}
	estimate_group(r->total, y, sizeof(y));
	estimate_ppm_percent(r->share_ppm, pct, sizeof(pct));
	printf("  %-28s %16s yen (%s %% of sales)\n\n", "Total", y, pct);
	printf("%s\n", pk->ours.t[LANG_EN]);
}

int
cmd_estimate(int argc, char **argv)
{
	struct estimate_args a;
	struct estimate_result r;
	const struct damage_preset *dp;
	struct content ct;
	struct conf c;
	long long in[EST_IN__MAX];
	char err[512], **rest;
	int nrest, k, rc = 2;
	bool json;

	if (cli_wants_help(argc, argv)) {
		estimate_usage(stdout);
		return 0;
	}
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (rest == NULL)
		return 1;
	if (cli_conf(argc, argv, &c, rest, &nrest, true) != 0) {
		free(rest);
		return 2;
	}
	if (parse_args(nrest, rest, &a) != 0) {
		estimate_usage(stderr);
		free(rest);
		conf_free(&c);
		return 2;
	}
	free(rest);
	if (a.format != NULL && strcmp(a.format, "json") != 0 &&
	    strcmp(a.format, "text") != 0) {
		fprintf(stderr, "mamori estimate: --format: '%s' is neither "
		    "text nor json\n", a.format);
		conf_free(&c);
		return 2;
	}
	json = a.format != NULL && strcmp(a.format, "json") == 0;
	if (content_load(&ct, c.str[CONF_CONTENT_DIR], err, sizeof(err)) !=
	    0) {
		fprintf(stderr, "mamori: %s\n", err);
		rc = 1;
		goto out;
	}
	if (a.preset == NULL || (dp = damage_preset_find(&ct.damage,
	    a.preset)) == NULL) {
		size_t i;

		fprintf(stderr, "mamori estimate: --preset: '%s' is none of",
		    a.preset ? a.preset : "");
		for (i = 0; i < ct.damage.npresets; i++)
			fprintf(stderr, "%s %s", i ? "," : "",
			    ct.damage.preset[i].p.key);
		fprintf(stderr, "\n");
		goto out;
	}
	for (k = 0; k < EST_IN__MAX; k++) {
		enum estimate_err e;

		in[k] = dp->p.in[k];
		if (a.in[k] != NULL && (e = estimate_parse(
		    (enum estimate_input)k, a.in[k], &in[k])) != EST_OK) {
			bad_value((enum estimate_input)k, e, a.in[k]);
			goto out;
		}
	}
	estimate_run(&dp->p, in, &r);
	if (json)
		print_json(dp, in, &r);
	else
		print_text(&ct.damage, dp, in, &r);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	content_free(&ct);
	conf_free(&c);
	return rc;
}
