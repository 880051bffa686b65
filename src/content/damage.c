/*
 * damage: the damage and cost estimate's pack (content/damage.yaml; issue
 * 16), checked at load like every pack (content_int.h): every category
 * labelled once, every preset's rules well formed (estimate_rule_ok) and,
 * at the preset's own inputs, giving the seed's lines exactly.
 */
#include "content/content.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content_int.h"
#include "content/yaml.h"

/* A preset's key: lower-case letters, digits and '-', starting with a
 * letter, at most 40 characters (URLs and the CLI name it). */
static const char *
preset_key(struct vctx *v, const json_t *obj)
{
	const char *s = content_v_str(v, obj, "key"), *p;

	if (v->failed)
		return "";
	if (s[0] < 'a' || s[0] > 'z' || strlen(s) > 40)
		goto bad;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			goto bad;
	return s;
bad:
	content_vfail(v, obj, "'key' must be lower-case letters, digits and "
	    "'-', starting with a letter, at most 40 characters");
	return "";
}

/* A day YYYY-MM-DD (the month's length is not checked: the date is only
 * shown). */
static const char *
day(struct vctx *v, const json_t *obj, const char *key)
{
	const json_t *j = json_object_get(obj, key);
	const char *s = json_is_string(j) ? json_string_value(j) : "";
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) !=
	    3 || n != 10 || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > 31) {
		content_vfail(v, obj, "'%s' must be a date YYYY-MM-DD", key);
		return "2000-01-01";
	}
	return s;
}

/* A whole number of yen from 0 to ESTIMATE_LINE_MAX under key. */
static long long
yen(struct vctx *v, const json_t *obj, const char *key)
{
	return content_v_int(v, obj, key, 0, ESTIMATE_LINE_MAX);
}

static int
cat_of(struct vctx *v, const json_t *obj, const char *key)
{
	const char *s = content_v_str(v, obj, key);
	int c;

	if (v->failed)
		return 0;
	if ((c = estimate_cat_from_key(s)) < 0) {
		content_vfail(v, obj, "'%s' is no damage category", s);
		return 0;
	}
	return c;
}

static int
input_of(struct vctx *v, const json_t *at, const json_t *j)
{
	int i = json_is_string(j) ? estimate_in_from_key(json_string_value(j)) :
	    -1;

	if (i < 0) {
		content_vfail(v, at, "an input is one of sales, staff, "
		    "records, days");
		return 0;
	}
	return i;
}

static size_t
source_of(struct vctx *v, const json_t *obj, const struct damage_pack *dp)
{
	const char *s = content_v_str(v, obj, "source");
	size_t i;

	for (i = 0; i < dp->nsrc && !v->failed; i++)
		if (strcmp(dp->src[i].key, s) == 0)
			return i;
	if (!v->failed)
		content_vfail(v, obj, "'source' names no source: '%s'", s);
	return 0;
}

static void
load_rule(struct vctx *v, const json_t *e, struct estimate_rule *r)
{
	const json_t *by, *steps, *st, *j;
	const char *kind;
	size_t k;
	int kk;

	memset(r, 0, sizeof(*r));
	r->cat = (enum estimate_cat)cat_of(v, e, "category");
	kind = content_v_str(v, e, "rule");
	if (v->failed)
		return;
	if ((kk = estimate_rule_from_key(kind)) < 0) {
		content_vfail(v, e, "'rule' must be fixed, rate or steps");
		return;
	}
	r->kind = (enum estimate_rule_kind)kk;
	switch (r->kind) {
	case EST_RULE_FIXED:
		r->yen = yen(v, e, "yen");
		break;
	case EST_RULE_RATE:
		by = content_v_arr(v, e, "by", 1, EST_IN__MAX);
		json_array_foreach(by, k, j) {
			int i = input_of(v, e, j);

			if (r->by & (1u << i))
				content_vfail(v, e, "'by' names an input "
				    "twice");
			r->by |= 1u << i;
		}
		r->num = content_v_int(v, e, "num", 0, ESTIMATE_LINE_MAX);
		r->den = content_v_int(v, e, "den", 1, ESTIMATE_LINE_MAX);
		break;
	case EST_RULE_STEPS:
		r->step_by = (enum estimate_input)input_of(v, e,
		    json_object_get(e, "by"));
		steps = content_v_arr(v, e, "steps", 1, ESTIMATE_STEPS_MAX);
		json_array_foreach(steps, k, st) {
			if (v->failed)
				return;
			if (!json_is_object(st)) {
				content_vfail(v, e, "steps entry %zu must be a "
				    "mapping", k + 1);
				return;
			}
			if (k + 1 < json_array_size(steps))
				r->step[k].upto = content_v_int(v, st, "upto",
				    0, ESTIMATE_LINE_MAX);
			else if (json_object_get(st, "upto") != NULL)
				content_vfail(v, st, "the last step is open: "
				    "no 'upto'");
			r->step[k].yen = yen(v, st, "yen");
			r->nsteps++;
		}
		break;
	default:
		break;
	}
	if (!v->failed && !estimate_rule_ok(r))
		content_vfail(v, e, "the rule is not well formed (steps must "
		    "rise, and no line may pass ¥%lld at the largest inputs)",
		    ESTIMATE_LINE_MAX);
}

static void
load_preset(struct vctx *v, const json_t *e, struct damage_pack *dp,
    struct damage_preset *pr)
{
	const json_t *in, *seed, *rules, *r, *val;
	const char *k;
	struct estimate_result res;
	enum estimate_input bad;
	long long want[EST_CAT__MAX];
	bool has[EST_CAT__MAX] = { false };
	size_t i, j;
	int c;

	pr->p.key = preset_key(v, e);
	pr->source = source_of(v, e, dp);
	content_v_tr(v, e, "title", &pr->title);
	content_v_tr(v, e, "summary", &pr->summary);
	in = json_object_get(e, "inputs");
	if (!json_is_object(in)) {
		content_vfail(v, e, "'inputs' must be a mapping");
		return;
	}
	for (i = 0; i < EST_IN__MAX; i++)
		pr->p.in[i] = content_v_int(v, in,
		    estimate_in_key((enum estimate_input)i),
		    estimate_in_min((enum estimate_input)i),
		    estimate_in_max((enum estimate_input)i));
	json_object_foreach((json_t *)in, k, val)
		if (k[0] != '\x01' && estimate_in_from_key(k) < 0)
			content_vfail(v, in, "'inputs' names sales, staff, "
			    "records and days, nothing else");
	rules = content_v_arr(v, e, "rules", 1, EST_CAT__MAX);
	json_array_foreach(rules, i, r) {
		if (v->failed)
			return;
		if (!json_is_object(r)) {
			content_vfail(v, e, "rules entry %zu must be a mapping",
			    i + 1);
			return;
		}
		load_rule(v, r, &pr->p.rule[i]);
		for (j = 0; j < i; j++)
			if (pr->p.rule[j].cat == pr->p.rule[i].cat)
				content_vfail(v, r, "a second rule for '%s'",
				    estimate_cat_key(pr->p.rule[i].cat));
		content_v_tr(v, r, "how", &pr->how[i]);
		pr->p.nrules++;
	}
	/* the seed's lines: exactly the categories of the rules, each the
	 * amount the rule gives at the preset's own inputs */
	seed = json_object_get(e, "seed");
	if (v->failed)
		return;
	if (!json_is_object(seed)) {
		content_vfail(v, e, "'seed' must be a mapping");
		return;
	}
	json_object_foreach((json_t *)seed, k, val) {
		if (k[0] == '\x01')
			continue;	/* the loader's position (yaml.c) */
		if ((c = estimate_cat_from_key(k)) < 0) {
			content_vfail(v, seed, "'%s' is no damage category", k);
			return;
		}
		has[c] = true;
		want[c] = yen(v, seed, k);
	}
	if (estimate_check(pr->p.in, &bad) != EST_OK) {
		content_vfail(v, in, "'%s' is out of bounds",
		    estimate_in_key(bad));
		return;
	}
	estimate_run(&pr->p, pr->p.in, &res);
	for (i = 0; i < res.n && !v->failed; i++) {
		c = (int)res.line[i].cat;
		if (!has[c])
			content_vfail(v, seed, "no seed line for '%s'",
			    estimate_cat_key(res.line[i].cat));
		else if (want[c] != res.line[i].yen)
			content_vfail(v, seed, "the rule for '%s' gives ¥%lld "
			    "at the preset's inputs, the seed says ¥%lld",
			    estimate_cat_key(res.line[i].cat),
			    res.line[i].yen, want[c]);
		has[c] = false;
	}
	for (c = 0; c < EST_CAT__MAX && !v->failed; c++)
		if (has[c])
			content_vfail(v, seed, "a seed line for '%s' with no "
			    "rule", estimate_cat_key((enum estimate_cat)c));
	pr->seed_total = res.total;
}

static void
load_damage(struct vctx *v, const json_t *root, struct damage_pack *dp)
{
	const json_t *cats, *ins, *srcs, *units, *presets, *e;
	bool seen[EST_CAT__MAX] = { false };
	size_t i, j;
	int c;

	content_v_pack(v, root, "damage");
	dp->as_of = day(v, root, "as_of");
	content_v_tr(v, root, "ours", &dp->ours);
	cats = content_v_arr(v, root, "categories", EST_CAT__MAX,
	    EST_CAT__MAX);
	json_array_foreach(cats, i, e) {
		if (v->failed)
			return;
		c = cat_of(v, e, "key");
		if (seen[c])
			content_vfail(v, e, "category '%s' twice",
			    estimate_cat_key((enum estimate_cat)c));
		seen[c] = true;
		content_v_tr(v, e, "label", &dp->cat_label[c]);
		content_v_tr(v, e, "help", &dp->cat_help[c]);
	}
	ins = json_object_get(root, "inputs");
	if (!v->failed && !json_is_object(ins)) {
		content_vfail(v, root, "'inputs' must be a mapping");
		return;
	}
	for (i = 0; i < EST_IN__MAX && !v->failed; i++)
		content_v_tr(v, ins, estimate_in_key((enum estimate_input)i),
		    &dp->in_label[i]);
	srcs = content_v_arr(v, root, "sources", 1, DAMAGE_SOURCES_MAX);
	json_array_foreach(srcs, i, e) {
		if (v->failed)
			return;
		dp->src[i].key = content_v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(dp->src[j].key, dp->src[i].key) == 0)
				content_vfail(v, e, "source '%s' twice",
				    dp->src[i].key);
		content_v_tr(v, e, "name", &dp->src[i].name);
		dp->src[i].year = (int)content_v_int(v, e, "year", 1990, 2100);
		dp->nsrc++;
	}
	units = content_v_arr(v, root, "units", 0, DAMAGE_UNITS_MAX);
	json_array_foreach(units, i, e) {
		struct damage_unit *u = &dp->unit[i];

		if (v->failed)
			return;
		u->key = content_v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(dp->unit[j].key, u->key) == 0)
				content_vfail(v, e, "unit '%s' twice", u->key);
		u->cat = (enum estimate_cat)cat_of(v, e, "category");
		u->source = source_of(v, e, dp);
		u->min = yen(v, e, "min");
		u->max = yen(v, e, "max");
		if (!v->failed && u->max < u->min)
			content_vfail(v, e, "'max' is below 'min'");
		content_v_tr(v, e, "label", &u->label);
		dp->nunits++;
	}
	presets = content_v_arr(v, root, "presets", 1, DAMAGE_PRESETS_MAX);
	json_array_foreach(presets, i, e) {
		if (v->failed)
			return;
		if (!json_is_object(e)) {
			content_vfail(v, root, "presets entry %zu must be a "
			    "mapping", i + 1);
			return;
		}
		load_preset(v, e, dp, &dp->preset[i]);
		for (j = 0; j < i && !v->failed; j++)
			if (strcmp(dp->preset[j].p.key,
			    dp->preset[i].p.key) == 0)
				content_vfail(v, e, "preset '%s' twice",
				    dp->preset[i].p.key);
		dp->npresets++;
	}
}

int
damage_pack_load(struct vctx *v, struct content *c, const char *dir)
{
	const char *path = arena_printf(&c->esc, "%s/damage.yaml", dir);
	json_t *root;

	if ((root = yaml_load_file(path, v->err, v->errlen)) == NULL)
		return -1;
	c->damage.tree = root;
	v->file = path;
	if (!json_is_object(root)) {
		content_vfail(v, root, "expected a mapping at the top");
		return -1;
	}
	load_damage(v, root, &c->damage);
	return v->failed ? -1 : 0;
}

void
damage_pack_free(struct content *c)
{
	json_decref(c->damage.tree);
	memset(&c->damage, 0, sizeof(c->damage));
}

const struct damage_preset *
damage_preset_find(const struct damage_pack *dp, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < dp->npresets; i++)
		if (strcmp(dp->preset[i].p.key, key) == 0)
			return &dp->preset[i];
	return NULL;
}
