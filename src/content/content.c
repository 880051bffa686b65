#include "content/content.h"

#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/xalloc.h"
#include "content/content_int.h"
#include "content/yaml.h"

static const char *const lang_keys[LANG__MAX] = {
	[LANG_JA] = "ja",
	[LANG_EN] = "en",
};

static const char *const dep_keys[DEP__MAX] = {
	[DEP_MATSU] = "matsu",
	[DEP_TAKE] = "take",
	[DEP_UME] = "ume",
};


static const char *const depq_keys[DEPQ__MAX] = {
	[DEPQ_MANY_SYSTEMS] = "many_systems",
	[DEPQ_MANUAL_FALLBACK] = "manual_fallback",
	[DEPQ_OTHERS_DEPEND] = "others_depend",
};

static const char *const media_keys[MEDIA__MAX] = {
	[MEDIA_PAPER] = "paper",
	[MEDIA_ELECTRONIC] = "electronic",
	[MEDIA_BOTH] = "both",
};

static const char *const personal_keys[PERSONAL__MAX] = {
	[PERSONAL_NONE] = "none",
	[PERSONAL_PERSONAL] = "personal",
	[PERSONAL_SENSITIVE] = "sensitive",
	[PERSONAL_MYNUMBER] = "mynumber",
};

static const char *const cia_keys[CIA__MAX] = {
	[CIA_C] = "c",
	[CIA_I] = "i",
	[CIA_A] = "a",
};

static const char *const tg_keys[TG__MAX] = {
	[TG_PHYSICAL] = "physical",
	[TG_TECHNICAL] = "technical",
	[TG_HUMAN] = "human",
	[TG_ORGANISATION] = "organisation",
};

static const char *const reg_area_keys[REG_AREA__MAX] = {
	[REG_ORGANISATIONAL] = "organisational",
	[REG_HUMAN] = "human",
	[REG_ASSETS] = "assets",
	[REG_ACCESS] = "access",
	[REG_PHYSICAL] = "physical",
	[REG_IT_USE] = "it_use",
	[REG_IT_OPS] = "it_ops",
	[REG_DEVELOPMENT] = "development",
	[REG_OUTSOURCING] = "outsourcing",
	[REG_INCIDENT_BCM] = "incident_bcm",
	[REG_MYNUMBER] = "mynumber",
	[REG_TELEWORK] = "telework",
};

static const char *const reg_status_keys[RS__MAX] = {
	[RS_NEW] = "new",
	[RS_REVISED] = "revised",
	[RS_KEEP] = "keep",
	[RS_NOT_NEEDED] = "not_needed",
	[RS_UNDECIDED] = "undecided",
};

static const char *const plan_priority_keys[PLAN_PRIORITY__MAX] = {
	[PLAN_A] = "a",
	[PLAN_B] = "b",
	[PLAN_C] = "c",
};

static const char *const plan_area_keys[PLAN_AREA__MAX] = {
	[PLAN_ORGANISATIONAL] = "organisational",
	[PLAN_HUMAN] = "human",
	[PLAN_TECHNICAL] = "technical",
	[PLAN_PHYSICAL] = "physical",
};

static const char *const plan_level_keys[PLAN_LEVEL__MAX] = {
	[PLAN_HIGH] = "high",
	[PLAN_MID] = "mid",
	[PLAN_LOW] = "low",
};

static const char *const plan_difficulty_keys[PLAN_DIFFICULTY__MAX] = {
	[PLAN_EASY] = "easy",
	[PLAN_MEDIUM] = "mid",
	[PLAN_HARD] = "hard",
};

static const char *const plan_decision_keys[PLAN_DECISION__MAX] = {
	[PLAN_YES] = "yes",
	[PLAN_NO] = "no",
	[PLAN_PENDING] = "pending",
};

static const char *const plan_status_keys[PLAN_STATUS__MAX] = {
	[PLAN_TODO] = "todo",
	[PLAN_DOING] = "doing",
	[PLAN_DONE] = "done",
	[PLAN_DROPPED] = "dropped",
};


static void vfail(struct vctx *v, const json_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void vvfail(struct vctx *v, const json_t *at, const char *fmt,
    va_list ap) __attribute__((format(printf, 3, 0)));

static void
vvfail(struct vctx *v, const json_t *at, const char *fmt, va_list ap)
{
	char msg[256];
	int line, col;

	if (v->failed)
		return;
	v->failed = 1;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	yaml_pos(at, &line, &col);
	snprintf(v->err, v->errlen, "%s:%d:%d: %s", v->file, line, col, msg);
}

static void
vfail(struct vctx *v, const json_t *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vvfail(v, at, fmt, ap);
	va_end(ap);
}

static const char *
v_str(struct vctx *v, const json_t *obj, const char *key)
{
	const json_t *s = json_object_get(obj, key);

	if (!json_is_string(s) || json_string_length(s) == 0) {
		vfail(v, obj, "'%s' must be non-empty text", key);
		return "";
	}
	return json_string_value(s);
}

static long
v_int(struct vctx *v, const json_t *obj, const char *key, long min, long max)
{
	const json_t *n = json_object_get(obj, key);

	if (!json_is_integer(n) || json_integer_value(n) < min ||
	    json_integer_value(n) > max) {
		vfail(v, obj, "'%s' must be a whole number from %ld to %ld",
		    key, min, max);
		return min;
	}
	return (long)json_integer_value(n);
}

static const json_t *
v_obj(struct vctx *v, const json_t *obj, const char *key)
{
	const json_t *o = json_object_get(obj, key);

	if (!json_is_object(o)) {
		vfail(v, obj, "'%s' must be a mapping", key);
		return obj;
	}
	return o;
}

static const json_t *
v_arr(struct vctx *v, const json_t *obj, const char *key, size_t min,
    size_t max)
{
	const json_t *a = json_object_get(obj, key);

	if (!json_is_array(a) || json_array_size(a) < min ||
	    json_array_size(a) > max) {
		vfail(v, obj, "'%s' must be a list of %zu to %zu entries",
		    key, min, max);
		return NULL;	/* jansson treats NULL as an empty array */
	}
	return a;
}

/* The text escaped for HTML element content, in the content's arena. */
static const char *
escaped(struct vctx *v, const char *text)
{
	struct buf b = BUF_INIT;
	const char *out;

	esc_html(&b, str_c(text));
	out = arena_strndup(v->esc, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* A {ja, en} text under key. */
static void
v_tr(struct vctx *v, const json_t *obj, const char *key, struct tr *out)
{
	const json_t *o = v_obj(v, obj, key);
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		out->t[l] = v_str(v, o, lang_keys[l]);
		out->h[l] = escaped(v, out->t[l]);
	}
}

/* A {ja: [..], en: [..]} list under key with min..max entries each, the
 * same count in every language.  Arrays are allocated; freed by
 * content_free via the trlist. */
static void
v_trlist(struct vctx *v, const json_t *obj, const char *key, size_t min,
    size_t max, struct trlist *out)
{
	const json_t *o = v_obj(v, obj, key);
	int l;

	out->n = 0;
	for (l = 0; l < LANG__MAX; l++) {
		const json_t *a = v_arr(v, o, lang_keys[l], min, max);
		size_t i;

		if (l > 0 && json_array_size(a) != out->n) {
			vfail(v, o, "'%s' needs as many entries in every "
			    "language", key);
			return;
		}
		out->n = json_array_size(a);
		out->t[l] = xcalloc(out->n + 1, sizeof(char *));
		out->h[l] = xcalloc(out->n + 1, sizeof(char *));
		for (i = 0; i < out->n; i++) {
			const json_t *s = json_array_get(a, i);

			if (!json_is_string(s) || json_string_length(s) == 0) {
				vfail(v, o, "'%s' entry %zu must be non-empty "
				    "text", key, i + 1);
				out->t[l][i] = "";
			} else
				out->t[l][i] = json_string_value(s);
			out->h[l][i] = escaped(v, out->t[l][i]);
		}
	}
}

static void
trlist_free(struct trlist *t)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		free(t->t[l]);
		free(t->h[l]);
		t->t[l] = NULL;
		t->h[l] = NULL;
	}
	t->n = 0;
}

static void
load_diag(struct vctx *v, const json_t *root, struct diag_pack *d)
{
	static const int points[DIAG_ANSWER__MAX] = { 0, 4, 2, 0, -1 };
	static const long band_min[DIAG_BAND__MAX] = { 100, 70, 50, -25 };
	const json_t *answers, *bands, *parts, *e;
	size_t i;
	int next_item = 1;

	if (strcmp(v_str(v, root, "pack"), "self25") != 0)
		vfail(v, root, "'pack' must be self25");
	v_tr(v, root, "title", &d->title);
	v_tr(v, root, "intro", &d->intro);
	answers = v_arr(v, root, "answers", 4, 4);
	json_array_foreach(answers, i, e) {
		int a = (int)i + 1;

		if (strcmp(v_str(v, e, "key"), diag_answer_key(a)) != 0)
			vfail(v, e, "answer %zu must have key '%s'", i + 1,
			    diag_answer_key(a));
		if (v_int(v, e, "points", -1, 4) != points[a])
			vfail(v, e, "answer '%s' must be worth %d points",
			    diag_answer_key(a), points[a]);
		v_tr(v, e, "label", &d->answer_label[a]);
		v_tr(v, e, "hint", &d->answer_hint[a]);
	}
	bands = v_arr(v, root, "bands", DIAG_BAND__MAX, DIAG_BAND__MAX);
	json_array_foreach(bands, i, e) {
		if (strcmp(v_str(v, e, "key"), diag_band_key(i)) != 0)
			vfail(v, e, "band %zu must have key '%s'", i + 1,
			    diag_band_key(i));
		if (v_int(v, e, "min", -25, 100) != band_min[i])
			vfail(v, e, "band '%s' must start at %ld",
			    diag_band_key(i), band_min[i]);
		v_tr(v, e, "label", &d->band_label[i]);
		v_tr(v, e, "advice", &d->band_advice[i]);
	}
	parts = v_arr(v, root, "parts", DIAG_PARTS, DIAG_PARTS);
	json_array_foreach(parts, i, e) {
		const json_t *items, *it;
		size_t j;

		if (v_int(v, e, "id", 1, DIAG_PARTS) != (long)i + 1)
			vfail(v, e, "parts must be numbered 1 to %d in order",
			    DIAG_PARTS);
		v_tr(v, e, "title", &d->part_title[i]);
		v_tr(v, e, "summary", &d->part_summary[i]);
		items = v_arr(v, e, "items", (size_t)diag_part_len((int)i),
		    (size_t)diag_part_len((int)i));
		json_array_foreach(items, j, it) {
			struct diag_item_text *t;
			int id = next_item++;

			if (v_int(v, it, "id", 1, DIAG_ITEMS) != id) {
				vfail(v, it, "expected item %d here", id);
				return;
			}
			t = &d->item[id - 1];
			v_tr(v, it, "short", &t->shrt);
			v_tr(v, it, "question", &t->question);
			v_tr(v, it, "why", &t->why);
			v_trlist(v, it, "measures", 2, 4, &t->measures);
			if (id <= 5)
				v_trlist(v, it, "checkpoints", 3, 6,
				    &t->checkpoints);
			else if (json_object_get(it, "checkpoints") != NULL)
				vfail(v, it, "only items 1-5 have checkpoints");
		}
	}
}

/*
 * Band i of n: min and max (0 = open) from the pack.  Head counts map to
 * bands (choices_band), so the bands must tile 1…CONTENT_HEADCOUNT_MAX
 * without gap or overlap: the first starts at 1, each starts one after
 * the previous ends, and only the last is open.
 */
static void
load_band(struct vctx *v, const json_t *e, struct choices *out, size_t i,
    size_t n)
{
	struct choice *b = &out->v[i];

	b->min = v_int(v, e, "min", 1, CONTENT_HEADCOUNT_MAX);
	b->max = v_int(v, e, "max", 0, CONTENT_HEADCOUNT_MAX);
	if (i == 0 && b->min != 1)
		vfail(v, e, "the first band must start at 1");
	else if (i > 0 && b->min != out->v[i - 1].max + 1)
		vfail(v, e, "band '%s' must start at %ld, one after the band "
		    "before it ends", b->key, out->v[i - 1].max + 1);
	else if (i + 1 < n && b->max == 0)
		vfail(v, e, "only the last band may be open (max: 0)");
	else if (i + 1 == n && b->max != 0)
		vfail(v, e, "the last band must be open (max: 0)");
	else if (b->max != 0 && b->max < b->min)
		vfail(v, e, "band '%s' ends (max) before it starts (min)",
		    b->key);
}

static void
load_choices(struct vctx *v, const json_t *root, const char *key,
    size_t min, size_t max, int bands, struct choices *out)
{
	const json_t *a = v_arr(v, root, key, min, max), *e;
	size_t i, j;

	out->n = json_array_size(a);
	out->v = xcalloc(out->n + 1, sizeof(*out->v));
	json_array_foreach(a, i, e) {
		out->v[i].key = v_str(v, e, "key");
		v_tr(v, e, "label", &out->v[i].label);
		if (bands)
			load_band(v, e, out, i, json_array_size(a));
		for (j = 0; j < i; j++)
			if (strcmp(out->v[j].key, out->v[i].key) == 0)
				vfail(v, e, "duplicate key '%s'", out->v[i].key);
	}
}

static void
load_org(struct vctx *v, const json_t *root, struct org_pack *o)
{
	const json_t *dep, *qs, *cls, *e;
	size_t i;

	load_choices(v, root, "industries", 20, 20, 0, &o->industries);
	load_choices(v, root, "employee_bands", 2, 20, 1, &o->employees);
	load_choices(v, root, "capital_bands", 2, 20, 0, &o->capital);
	load_choices(v, root, "prefectures", 47, 47, 0, &o->prefectures);
	dep = v_obj(v, root, "dependency");
	qs = v_arr(v, dep, "questions", DEPQ__MAX, DEPQ__MAX);
	json_array_foreach(qs, i, e) {
		o->depq[i].key = v_str(v, e, "key");
		if (strcmp(o->depq[i].key, depq_keys[i]) != 0)
			vfail(v, e, "question %zu must be '%s'", i + 1,
			    depq_keys[i]);
		v_tr(v, e, "text", &o->depq[i].text);
		v_tr(v, e, "help", &o->depq[i].help);
	}
	cls = v_arr(v, dep, "classes", DEP__MAX, DEP__MAX);
	json_array_foreach(cls, i, e) {
		o->dep[i].key = v_str(v, e, "key");
		if (strcmp(o->dep[i].key, dep_keys[i]) != 0)
			vfail(v, e, "class %zu must be '%s'", i + 1, dep_keys[i]);
		v_tr(v, e, "label", &o->dep[i].label);
		v_tr(v, e, "description", &o->dep[i].description);
		v_trlist(v, e, "measures", 2, 8, &o->dep[i].measures);
	}
}

static void
load_sa(struct vctx *v, const json_t *root, struct sa_pack *sa)
{
	const json_t *ps = v_arr(v, root, "principles", SA__MAX, SA__MAX), *e;
	size_t i;

	json_array_foreach(ps, i, e) {
		sa->p[i].key = v_str(v, e, "key");
		if (strcmp(sa->p[i].key, sa_key((enum sa_principle)i)) != 0)
			vfail(v, e, "principle %zu must be '%s'", i + 1,
			    sa_key((enum sa_principle)i));
		sa->p[i].item = (int)v_int(v, e, "item", 1, DIAG_ITEMS);
		if (sa->p[i].item != sa_item((enum sa_principle)i) + 1)
			vfail(v, e, "principle '%s' is checked against item %d",
			    sa_key((enum sa_principle)i),
			    sa_item((enum sa_principle)i) + 1);
		v_tr(v, e, "title", &sa->p[i].title);
		v_tr(v, e, "why", &sa->p[i].why);
		v_trlist(v, e, "howto", 2, 5, &sa->p[i].howto);
	}
	v_tr(v, root, "official", &sa->official);
	v_tr(v, root, "rule", &sa->rule);
	v_tr(v, root, "mapping", &sa->mapping);
}

/* The template's only placeholder is {company}: any other brace is a
 * mistake that would show in a published policy. */
static void
v_placeholders(struct vctx *v, const json_t *at, const struct tr *t)
{
	const char *p;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		for (p = t->t[l]; p != NULL && (p = strpbrk(p, "{}")) != NULL;
		    p++) {
			if (strncmp(p, "{company}", 9) == 0) {
				p += 8;
				continue;
			}
			vfail(v, at, "only {company} may stand in braces");
			return;
		}
}

static void
load_policy(struct vctx *v, const json_t *root, struct policy_pack *pp)
{
	const json_t *arr, *e;
	size_t i;

	v_tr(v, root, "title", &pp->title);
	arr = v_arr(v, root, "scopes", PS__MAX, PS__MAX);
	json_array_foreach(arr, i, e) {
		pp->scope[i].key = v_str(v, e, "key");
		if (strcmp(pp->scope[i].key,
		    policy_scope_key((enum policy_scope)i)) != 0)
			vfail(v, e, "scope %zu must be '%s'", i + 1,
			    policy_scope_key((enum policy_scope)i));
		v_tr(v, e, "label", &pp->scope[i].label);
		v_tr(v, e, "text", &pp->scope[i].text);
		v_placeholders(v, e, &pp->scope[i].text);
	}
	v_tr(v, root, "preamble", &pp->preamble);
	v_placeholders(v, root, &pp->preamble);
	arr = v_arr(v, root, "commitments", PC__MAX, PC__MAX);
	json_array_foreach(arr, i, e) {
		pp->c[i].key = v_str(v, e, "key");
		if (strcmp(pp->c[i].key,
		    policy_commitment_key((enum policy_commitment)i)) != 0)
			vfail(v, e, "commitment %zu must be '%s'", i + 1,
			    policy_commitment_key((enum policy_commitment)i));
		v_tr(v, e, "title", &pp->c[i].title);
		v_tr(v, e, "text", &pp->c[i].text);
		v_placeholders(v, e, &pp->c[i].text);
	}
	v_tr(v, root, "closing", &pp->closing);
	v_placeholders(v, root, &pp->closing);
	arr = v_arr(v, root, "fields", PF__MAX, PF__MAX);
	json_array_foreach(arr, i, e) {
		pp->field[i].key = v_str(v, e, "key");
		if (strcmp(pp->field[i].key,
		    policy_field_key((enum policy_field)i)) != 0)
			vfail(v, e, "field %zu must be '%s'", i + 1,
			    policy_field_key((enum policy_field)i));
		v_tr(v, e, "label", &pp->field[i].label);
		v_tr(v, e, "help", &pp->field[i].help);
	}
}

/* A key of a register pack: it is a CSV and API value, so lower-case
 * letters, digits and '_' only, starting with a letter. */
static const char *
v_key(struct vctx *v, const json_t *obj, const char *key)
{
	const char *s = v_str(v, obj, key), *p;

	for (p = s; *p != '\0'; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(p > s && ((*p >= '0' &&
		    *p <= '9') || *p == '_'))) {
			vfail(v, obj, "'%s' must be lower-case letters, digits "
			    "and '_', starting with a letter", key);
			break;
		}
	return s;
}

/* A fixed set: exactly n entries with the keys of keys[], in order. */
static void
load_fixed(struct vctx *v, const json_t *root, const char *key,
    const char *const *keys, size_t n, struct choice *out)
{
	const json_t *a = v_arr(v, root, key, n, n), *e;
	size_t i;

	json_array_foreach(a, i, e) {
		out[i].key = v_str(v, e, "key");
		if (strcmp(out[i].key, keys[i]) != 0)
			vfail(v, e, "%s entry %zu must have key '%s'", key,
			    i + 1, keys[i]);
		v_tr(v, e, "label", &out[i].label);
	}
}

/* The key under field of obj, looked up in the fixed set keys[n]. */
static int
v_enum(struct vctx *v, const json_t *obj, const char *field,
    const char *const *keys, size_t n)
{
	const char *s = v_str(v, obj, field);
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, keys[i]) == 0)
			return (int)i;
	vfail(v, obj, "unknown %s '%s'", field, s);
	return 0;
}

/* A list of min…max distinct diagnosis item numbers (1…DIAG_ITEMS). */
static size_t
v_items(struct vctx *v, const json_t *obj, size_t min, size_t max,
    int *out)
{
	const json_t *a = v_arr(v, obj, "items", min, max), *e;
	size_t i, j;

	json_array_foreach(a, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) < 1 ||
		    json_integer_value(e) > DIAG_ITEMS) {
			vfail(v, obj, "'items' entry %zu must be a diagnosis "
			    "item number from 1 to %d", i + 1, DIAG_ITEMS);
			return 0;
		}
		out[i] = (int)json_integer_value(e);
		for (j = 0; j < i; j++)
			if (out[j] == out[i])
				vfail(v, obj, "item %d is listed twice", out[i]);
	}
	return json_array_size(a);
}

static void
v_pack(struct vctx *v, const json_t *root, const char *name)
{
	if (strcmp(v_str(v, root, "pack"), name) != 0)
		vfail(v, root, "'pack' must be %s", name);
	v_int(v, root, "version", 1, 1);
}

static void
load_assets(struct vctx *v, const json_t *root, struct assets_pack *ap)
{
	const json_t *cia, *arr, *e;
	size_t i, j;
	int k;

	v_pack(v, root, "assets");
	load_choices(v, root, "categories", 2, 30, 0, &ap->categories);
	for (i = 0; i < ap->categories.n; i++)
		v_key(v, json_array_get(json_object_get(root, "categories"),
		    i), "key");
	load_fixed(v, root, "media", media_keys, MEDIA__MAX, ap->media);
	load_fixed(v, root, "personal", personal_keys, PERSONAL__MAX,
	    ap->personal);
	cia = v_arr(v, root, "cia", CIA__MAX, CIA__MAX);
	json_array_foreach(cia, i, e) {
		const json_t *lv;

		ap->cia[i].key = v_str(v, e, "key");
		if (strcmp(ap->cia[i].key, cia_keys[i]) != 0)
			vfail(v, e, "cia entry %zu must have key '%s'", i + 1,
			    cia_keys[i]);
		v_tr(v, e, "label", &ap->cia[i].label);
		v_tr(v, e, "question", &ap->cia[i].question);
		lv = v_arr(v, e, "levels", CIA_LEVELS, CIA_LEVELS);
		for (k = 0; k < CIA_LEVELS && lv != NULL; k++) {
			const json_t *one = json_array_get(lv, (size_t)k);
			int l;

			if (!json_is_object(one)) {
				vfail(v, e, "level %d must be a {ja, en} "
				    "text", k + 1);
				break;
			}
			for (l = 0; l < LANG__MAX; l++) {
				ap->cia[i].level[k].t[l] = v_str(v, one,
				    lang_keys[l]);
				ap->cia[i].level[k].h[l] = escaped(v,
				    ap->cia[i].level[k].t[l]);
			}
		}
	}
	v_tr(v, root, "importance_rule", &ap->importance_rule);
	arr = v_arr(v, root, "starters", 1, 100);
	ap->n_starters = json_array_size(arr);
	ap->starters = xcalloc(ap->n_starters + 1, sizeof(*ap->starters));
	json_array_foreach(arr, i, e) {
		struct asset_starter *st = &ap->starters[i];
		const char *cat;

		st->key = v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(ap->starters[j].key, st->key) == 0)
				vfail(v, e, "duplicate key '%s'", st->key);
		v_tr(v, e, "name", &st->name);
		v_tr(v, e, "description", &st->description);
		cat = v_str(v, e, "category");
		if ((st->category = choices_find(&ap->categories, cat)) ==
		    NULL)
			vfail(v, e, "unknown category '%s'", cat);
		st->media = (enum asset_media)v_enum(v, e, "media",
		    media_keys, MEDIA__MAX);
		st->personal = (enum asset_personal)v_enum(v, e, "personal",
		    personal_keys, PERSONAL__MAX);
		for (k = 0; k < CIA__MAX; k++)
			st->cia[k] = (int)v_int(v, e, cia_keys[k], 1,
			    CIA_LEVELS);
	}
}

static void
load_threats(struct vctx *v, const json_t *root, struct threats_pack *tp)
{
	const json_t *arr, *e;
	size_t i, j;
	int seen_rank[11] = { 0 };

	v_pack(v, root, "threats");
	tp->as_of = (int)v_int(v, root, "as_of", 2000, 2100);
	load_fixed(v, root, "groups", tg_keys, TG__MAX, tp->group);
	arr = v_arr(v, root, "threats", 1, 200);
	tp->n = json_array_size(arr);
	tp->v = xcalloc(tp->n + 1, sizeof(*tp->v));
	json_array_foreach(arr, i, e) {
		struct threat *t = &tp->v[i];
		const char *src;

		t->key = v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(tp->v[j].key, t->key) == 0)
				vfail(v, e, "duplicate key '%s'", t->key);
		t->group = (enum threat_group)v_enum(v, e, "group", tg_keys,
		    TG__MAX);
		if (t->group == TG_ORGANISATION) {
			t->rank = (int)v_int(v, e, "rank", 1, 10);
			if (seen_rank[t->rank]++)
				vfail(v, e, "rank %d is given twice", t->rank);
		} else if (json_object_get(e, "rank") != NULL)
			vfail(v, e, "only organisation threats have a rank");
		v_tr(v, e, "label", &t->label);
		v_tr(v, e, "explain", &t->explain);
		t->n_items = v_items(v, e, 1, THREAT_ITEMS_MAX, t->items);
		src = v_str(v, e, "source");
		if (strcmp(src, "ours") == 0)
			t->ours = true;
		else if (strcmp(src, "seeds") != 0)
			vfail(v, e, "'source' must be ours or seeds");
	}
}

static void
load_regs(struct vctx *v, const json_t *root, struct reg_pack *rp)
{
	const json_t *arr, *e;
	size_t i;

	v_pack(v, root, "regulations");
	arr = v_arr(v, root, "areas", REG_AREA__MAX, REG_AREA__MAX);
	json_array_foreach(arr, i, e) {
		rp->area[i].key = v_str(v, e, "key");
		if (strcmp(rp->area[i].key, reg_area_keys[i]) != 0)
			vfail(v, e, "area %zu must have key '%s'", i + 1,
			    reg_area_keys[i]);
		rp->area[i].number = (int)v_int(v, e, "number", 1, 11);
		v_tr(v, e, "label", &rp->area[i].label);
		v_tr(v, e, "purpose", &rp->area[i].purpose);
		rp->area[i].n_items = v_items(v, e, 0, DIAG_ITEMS,
		    rp->area[i].items);
	}
	load_fixed(v, root, "statuses", reg_status_keys, RS__MAX, rp->status);
	v_tr(v, root, "mapping", &rp->mapping);
}

/* item_areas: DIAG_ITEMS entries {item, area}, items 1… in order, each
 * area a key of the fixed area set. */
static void
load_item_areas(struct vctx *v, const json_t *root, struct plan_pack *pp)
{
	const json_t *a = v_arr(v, root, "item_areas", DIAG_ITEMS, DIAG_ITEMS);
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (v_int(v, e, "item", 1, DIAG_ITEMS) != (long)i + 1) {
			vfail(v, e, "item_areas entry %zu must be item %zu",
			    i + 1, i + 1);
			return;
		}
		pp->item_area[i] = (enum plan_area)v_enum(v, e, "area",
		    plan_area_keys, PLAN_AREA__MAX);
	}
}

static void
load_plan(struct vctx *v, const json_t *root, struct plan_pack *pp)
{
	v_pack(v, root, "plan");
	load_fixed(v, root, "areas", plan_area_keys, PLAN_AREA__MAX,
	    pp->area);
	load_fixed(v, root, "levels", plan_level_keys, PLAN_LEVEL__MAX,
	    pp->level);
	load_fixed(v, root, "difficulty", plan_difficulty_keys,
	    PLAN_DIFFICULTY__MAX, pp->difficulty);
	load_fixed(v, root, "decision", plan_decision_keys,
	    PLAN_DECISION__MAX, pp->decision);
	load_fixed(v, root, "status", plan_status_keys, PLAN_STATUS__MAX,
	    pp->status);
	load_fixed(v, root, "priorities", plan_priority_keys,
	    PLAN_PRIORITY__MAX, pp->priority);
	v_tr(v, root, "priority_rule", &pp->priority_rule);
	load_item_areas(v, root, pp);
}

static const char *const risk_band_keys[RISK_BAND__MAX] = {
	[RISK_LOW] = "low",
	[RISK_MID] = "mid",
	[RISK_HIGH] = "high",
};

static const char *const treatment_keys[TREAT__MAX] = {
	[TREAT_REDUCE] = "reduce",
	[TREAT_AVOID] = "avoid",
	[TREAT_TRANSFER] = "transfer",
	[TREAT_ACCEPT] = "accept",
};

/* Exactly n {ja, en} texts in the list under key. */
static void
v_levels(struct vctx *v, const json_t *root, const char *key, size_t n,
    struct tr *out)
{
	const json_t *a = v_arr(v, root, key, n, n), *e;
	size_t i;
	int l;

	json_array_foreach(a, i, e) {
		if (!json_is_object(e)) {
			vfail(v, e, "%s entry %zu must be {ja, en}", key, i + 1);
			return;
		}
		for (l = 0; l < LANG__MAX; l++) {
			out[i].t[l] = v_str(v, e, lang_keys[l]);
			out[i].h[l] = escaped(v, out[i].t[l]);
		}
	}
}

static void
load_risks(struct vctx *v, const json_t *root, struct risks_pack *rp)
{
	const json_t *a, *e, *rules;
	size_t i;

	v_pack(v, root, "risks");
	v_tr(v, root, "threat_question", &rp->threat_question);
	v_tr(v, root, "vulnerability_question", &rp->vuln_question);
	v_levels(v, root, "threat_levels", RISK_LEVELS, rp->threat_level);
	v_levels(v, root, "vulnerability_levels", RISK_LEVELS,
	    rp->vuln_level);
	load_fixed(v, root, "bands", risk_band_keys, RISK_BAND__MAX,
	    rp->band);
	a = v_arr(v, root, "bands", RISK_BAND__MAX, RISK_BAND__MAX);
	json_array_foreach(a, i, e)
		v_tr(v, e, "meaning", &rp->band_meaning[i]);
	load_fixed(v, root, "treatments", treatment_keys, TREAT__MAX,
	    rp->treatment);
	rules = v_obj(v, root, "rules");
	v_tr(v, rules, "likelihood", &rp->rule_likelihood);
	v_tr(v, rules, "value", &rp->rule_value);
	v_tr(v, rules, "bands", &rp->rule_bands);
}

/* IT business continuity (content/bcp.yaml): the key sets, in the order
 * of the enums of model/bcp.h. */
static const char *const bcp_priority_keys[BCP_PRIORITY__MAX] = {
	[BCP_S] = "s",
	[BCP_A] = "a",
	[BCP_B] = "b",
	[BCP_C] = "c",
	[BCP_D] = "d",
};

static const char *const bcp_preset_keys[BCP_PRESET__MAX] = {
	[BCP_EX1] = "ex1",
	[BCP_EX2] = "ex2",
	[BCP_EX3] = "ex3",
	[BCP_OWN] = "own",
};

static const char *const bcp_layer_keys[BCP_LAYER__MAX] = {
	[BCP_PEOPLE] = "people",
	[BCP_SOFTWARE] = "software",
	[BCP_HARDWARE] = "hardware",
	[BCP_INFRA] = "infra",
	[BCP_BUILDING] = "building",
};

static const char *const bcp_media_keys[BCP_MEDIA__MAX] = {
	[BCP_INTERNAL] = "internal",
	[BCP_EXTERNAL_DISK] = "external_disk",
	[BCP_NAS] = "nas",
	[BCP_TAPE] = "tape",
	[BCP_OPTICAL] = "optical",
	[BCP_USB] = "usb",
	[BCP_CLOUD] = "cloud",
};

static const char *const bcp_restore_keys[BCP_RESTORE__MAX] = {
	[BCP_RESTORE_OK] = "ok",
	[BCP_RESTORE_PARTIAL] = "partial",
	[BCP_RESTORE_FAILED] = "failed",
};

static const char *const bcp_target_keys[BCP_TARGET__MAX] = {
	[BCP_T_POWER] = "power",
	[BCP_T_HARDWARE] = "hardware",
	[BCP_T_SOFTWARE] = "software",
	[BCP_T_NETWORK] = "network",
	[BCP_T_LINES] = "lines",
	[BCP_T_CLOUD_BACKUP] = "cloud_backup",
	[BCP_T_CUSTOMERS] = "customers",
	[BCP_T_EMPLOYEES] = "employees",
	[BCP_T_OTHER] = "other",
};

#define BCP_WARNS	(sizeof(((struct bcp_pack *)0)->warn) / \
			    sizeof(struct tr))
#define BCP_MAINTENANCE	(sizeof(((struct bcp_pack *)0)->maintenance) / \
			    sizeof(((struct bcp_pack *)0)->maintenance[0]))

_Static_assert(BCP_W_NO_BACKUP == 1 << (BCP_WARNS - 1),
    "a text for every warning flag of model/bcp.h, no more");

/* The warnings in flag order (bit i of enum bcp_warn is entry i), with
 * how many numbers the page fills in ("{1}", "{2}"). */
static const struct {
	const char	*key;
	int		 numbers;
} bcp_warn_keys[BCP_WARNS] = {
	{ "never_tested", 0 },
	{ "test_old", 0 },
	{ "test_failed", 0 },
	{ "test_slow", 2 },	/* test minutes, RTO hours */
	{ "loss", 2 },		/* hours between backups, re-entry hours */
	{ "steps_slow", 1 },	/* minutes missed */
	{ "no_backup", 0 },
};

static const char *const bcp_maintenance_keys[BCP_MAINTENANCE] = {
	"carry_out", "inspect", "correct", "review", "educate",
};

/* The most hours a target recovery time may have: a year. */
#define BCP_RTO_HOURS_MAX	8760

/* A text that the page fills with n numbers (0…2, content_fill_n):
 * braces only as "{1}" and, with two, "{2}". */
static void
v_numbers(struct vctx *v, const json_t *at, const struct tr *t, int n)
{
	const char *p;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		for (p = t->t[l]; p != NULL && (p = strpbrk(p, "{}")) != NULL;
		    p++) {
			if (p[0] == '{' && p[1] >= '1' && p[1] < '1' + n &&
			    p[2] == '}') {
				p += 2;
				continue;
			}
			if (n == 0)
				vfail(v, at, "this text takes no number: no "
				    "braces");
			else
				vfail(v, at, "only {1}%s may stand in braces "
				    "here", n == 2 ? " and {2}" : "");
			return;
		}
}

/* The example tables must be the model's (bcp_preset_rto), so the pack
 * and the code cannot drift apart; own has no hours in the file. */
static void
load_bcp_presets(struct vctx *v, const json_t *root, struct bcp_pack *bp)
{
	const json_t *a = v_arr(v, root, "presets", BCP_PRESET__MAX,
	    BCP_PRESET__MAX), *e;
	size_t i;

	json_array_foreach(a, i, e) {
		const struct bcp_rto *want = bcp_preset_rto((enum bcp_preset)i);
		const json_t *h;
		int k;

		bp->preset[i].key = v_str(v, e, "key");
		if (strcmp(bp->preset[i].key, bcp_preset_keys[i]) != 0)
			vfail(v, e, "presets entry %zu must have key '%s'",
			    i + 1, bcp_preset_keys[i]);
		v_tr(v, e, "label", &bp->preset[i].label);
		for (k = 0; k < BCP_PRIORITY__MAX; k++)
			bp->preset[i].rto.hours[k] = -1;
		h = v_arr(v, e, "hours", BCP_PRIORITY__MAX, BCP_PRIORITY__MAX);
		for (k = 0; k < BCP_PRIORITY__MAX && h != NULL; k++) {
			const json_t *n = json_array_get(h, (size_t)k);
			int expect = want != NULL ? want->hours[k] : -1;

			if (!json_is_integer(n) || json_integer_value(n) < -1 ||
			    json_integer_value(n) > BCP_RTO_HOURS_MAX) {
				vfail(v, e, "'hours' entry %d must be a whole "
				    "number from -1 to %d", k + 1,
				    BCP_RTO_HOURS_MAX);
				break;
			}
			bp->preset[i].rto.hours[k] =
			    (int)json_integer_value(n);
			if (bp->preset[i].rto.hours[k] == expect)
				continue;
			if (want == NULL)
				vfail(v, e, "preset '%s' has no hours: "
				    "every entry must be -1",
				    bcp_preset_keys[i]);
			else
				vfail(v, e, "preset '%s' gives priority %c "
				    "%d hours in model/bcp.h, not %d",
				    bcp_preset_keys[i],
				    "SABCD"[k], expect,
				    bp->preset[i].rto.hours[k]);
			break;
		}
		v_levels(v, e, "rto_labels", BCP_PRIORITY__MAX,
		    bp->preset[i].rto_label);
	}
}

/* n entries {step, label, explain} under key, numbered first, first+1… */
static const json_t *
v_steps(struct vctx *v, const json_t *root, const char *key, size_t n,
    long first)
{
	const json_t *a = v_arr(v, root, key, n, n), *e;
	size_t i;

	json_array_foreach(a, i, e)
		if (v_int(v, e, "step", first, first + (long)n - 1) !=
		    first + (long)i)
			vfail(v, e, "%s entry %zu must be step %ld", key, i + 1,
			    first + (long)i);
	return a;
}

static void
load_bcp_incidents(struct vctx *v, const json_t *root, struct bcp_pack *bp)
{
	const json_t *a = v_arr(v, root, "incidents", 1, 100), *e;
	size_t i, j;

	bp->n_incidents = json_array_size(a);
	bp->incidents = xcalloc(bp->n_incidents + 1, sizeof(*bp->incidents));
	json_array_foreach(a, i, e) {
		struct bcp_incident *in = &bp->incidents[i];
		const json_t *ls, *l;

		in->key = v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(bp->incidents[j].key, in->key) == 0)
				vfail(v, e, "duplicate key '%s'", in->key);
		v_tr(v, e, "label", &in->label);
		v_tr(v, e, "why", &in->why);
		ls = v_arr(v, e, "layers", 0, BCP_LAYER__MAX);
		json_array_foreach(ls, j, l) {
			const char *s = json_string_value(l);
			int k;

			for (k = 0; k < BCP_LAYER__MAX; k++)
				if (s != NULL && strcmp(s, bcp_layer_keys[k]) ==
				    0)
					break;
			if (k == BCP_LAYER__MAX) {
				vfail(v, e, "unknown layer '%s'",
				    s != NULL ? s : "(not text)");
				break;
			}
			if (in->layers & (1u << k))
				vfail(v, e, "layer '%s' is listed twice", s);
			in->layers |= 1u << k;
		}
		for (j = 0; j < BCP_LAYER__MAX; j++)
			if (in->layers & (1u << j)) {
				if (in->layer_keys[0] != '\0')
					strcat(in->layer_keys, ",");
				strcat(in->layer_keys, bcp_layer_keys[j]);
			}
	}
}

static void
load_bcp(struct vctx *v, const json_t *root, struct bcp_pack *bp)
{
	const json_t *a, *e, *o;
	size_t i;

	v_pack(v, root, "bcp");
	v_tr(v, root, "importance_question", &bp->importance_q);
	v_tr(v, root, "dependency_question", &bp->dependency_q);
	v_levels(v, root, "importance_levels", BCP_LEVELS,
	    bp->importance_level);
	v_levels(v, root, "dependency_levels", BCP_LEVELS,
	    bp->dependency_level);
	load_fixed(v, root, "priorities", bcp_priority_keys,
	    BCP_PRIORITY__MAX, bp->priority);
	a = v_arr(v, root, "priorities", BCP_PRIORITY__MAX, BCP_PRIORITY__MAX);
	json_array_foreach(a, i, e)
		v_tr(v, e, "meaning", &bp->priority_meaning[i]);
	load_bcp_presets(v, root, bp);
	v_tr(v, root, "reentry_question", &bp->reentry_q);
	v_tr(v, root, "needs_question", &bp->needs_q);
	load_fixed(v, root, "layers", bcp_layer_keys, BCP_LAYER__MAX,
	    bp->layer);
	a = v_arr(v, root, "layers", BCP_LAYER__MAX, BCP_LAYER__MAX);
	json_array_foreach(a, i, e) {
		v_tr(v, e, "client", &bp->layer_client[i]);
		v_tr(v, e, "server", &bp->layer_server[i]);
	}
	load_fixed(v, root, "media", bcp_media_keys, BCP_MEDIA__MAX,
	    bp->media);
	load_fixed(v, root, "restore", bcp_restore_keys, BCP_RESTORE__MAX,
	    bp->restore);
	o = v_obj(v, root, "missing_321");
	v_tr(v, o, "copies", &bp->miss_copies);
	v_tr(v, o, "media", &bp->miss_media);
	v_tr(v, o, "offline_offsite", &bp->miss_offline_offsite);
	v_tr(v, root, "rule_321", &bp->rule_321);
	a = v_arr(v, root, "warnings", BCP_WARNS, BCP_WARNS);
	json_array_foreach(a, i, e) {
		if (strcmp(v_str(v, e, "key"), bcp_warn_keys[i].key) != 0)
			vfail(v, e, "warnings entry %zu must have key '%s'",
			    i + 1, bcp_warn_keys[i].key);
		v_tr(v, e, "text", &bp->warn[i]);
		v_numbers(v, e, &bp->warn[i], bcp_warn_keys[i].numbers);
	}
	load_fixed(v, root, "targets", bcp_target_keys, BCP_TARGET__MAX,
	    bp->target);
	a = v_arr(v, root, "targets", BCP_TARGET__MAX, BCP_TARGET__MAX);
	json_array_foreach(a, i, e) {
		v_tr(v, e, "owner", &bp->target_owner[i]);
		v_tr(v, e, "contacts", &bp->target_contacts[i]);
	}
	a = v_steps(v, root, "provisional", BCP_PROVISIONAL_STEPS, 0);
	json_array_foreach(a, i, e) {
		v_tr(v, e, "label", &bp->provisional[i].label);
		v_tr(v, e, "explain", &bp->provisional[i].explain);
	}
	a = v_steps(v, root, "permanent", BCP_PERMANENT_STEPS, 1);
	json_array_foreach(a, i, e) {
		v_tr(v, e, "label", &bp->permanent[i].label);
		v_tr(v, e, "explain", &bp->permanent[i].explain);
	}
	load_bcp_incidents(v, root, bp);
	a = v_arr(v, root, "maintenance", BCP_MAINTENANCE, BCP_MAINTENANCE);
	json_array_foreach(a, i, e) {
		if (strcmp(v_str(v, e, "key"), bcp_maintenance_keys[i]) != 0)
			vfail(v, e, "maintenance entry %zu must have key '%s'",
			    i + 1, bcp_maintenance_keys[i]);
		v_tr(v, e, "label", &bp->maintenance[i].label);
		v_tr(v, e, "explain", &bp->maintenance[i].explain);
	}
	a = v_arr(v, root, "class_examples", DEP__MAX, DEP__MAX);
	json_array_foreach(a, i, e) {
		if (strcmp(v_str(v, e, "key"), dep_keys[i]) != 0)
			vfail(v, e, "class_examples entry %zu must have key "
			    "'%s'", i + 1, dep_keys[i]);
		v_trlist(v, e, "measures", 3, 5, &bp->class_examples[i]);
	}
	o = v_obj(v, root, "rules");
	v_tr(v, o, "matrix", &bp->rule_matrix);
	v_tr(v, o, "presets", &bp->rule_presets);
	v_tr(v, o, "ours", &bp->rule_ours);
}

/*
 * Incident response (content/desks.yaml, incidents.yaml, appi.yaml,
 * intake.yaml, issue 14): the key sets, in the order of the enums of
 * model/incident.h.
 */
static const char *const inc_role_keys[INC_ROLE__MAX] = {
	[INC_ROLE_TOP] = "top",
	[INC_ROLE_LEAD] = "lead",
	[INC_ROLE_FIRST] = "first",
	[INC_ROLE_FINDER] = "finder",
};

static const char *const inc_kind_keys[INC_KIND__MAX] = {
	[INC_LEAK] = "leak",
	[INC_TAMPER_OUTAGE] = "tamper_outage",
	[INC_MALWARE] = "malware",
	[INC_FRAUD] = "fraud",
	[INC_OTHER] = "other",
};

static const char *const inc_status_keys[INC_STATUS__MAX] = {
	[INC_OPEN] = "open",
	[INC_CONTAINED] = "contained",
	[INC_RECOVERED] = "recovered",
	[INC_CLOSED] = "closed",
};

static const char *const inc_playbook_keys[INC_PB__MAX] = {
	[INC_PB_LEAK] = "leak",
	[INC_PB_TAMPER_OUTAGE] = "tamper_outage",
	[INC_PB_MALWARE] = "malware",
	[INC_PB_FRAUD] = "fraud",
	[INC_PB_GENERIC] = "generic",
};

static const char *const inc_phase_keys[INC_PH__MAX] = {
	[INC_PH_DETECT] = "detect",
	[INC_PH_TRIAGE] = "triage",
	[INC_PH_CONTACT] = "contact",
	[INC_PH_PRESERVE] = "preserve",
	[INC_PH_INVESTIGATE] = "investigate",
	[INC_PH_RESPOND] = "respond",
	[INC_PH_FIX] = "fix",
	[INC_PH_PUBLISH] = "publish",
	[INC_PH_NORMAL] = "normal",
};

static const char *const inc_lesson_keys[INC_LESSONS] = {
	"what_when", "coping", "info_needed", "hindered", "differently",
	"prevent", "tools",
};

static const char *const inc_view_keys[INC_V__MAX] = {
	[INC_V_PREVENTION] = "prevention",
	[INC_V_DETECTION] = "detection",
	[INC_V_RESPONSE] = "response",
	[INC_V_RECOVERY] = "recovery",
};

static const char *const inc_dest_keys[INC_D__MAX] = {
	[INC_D_MINISTRY] = "ministry",
	[INC_D_CYBER] = "cyber",
	[INC_D_PRESS] = "press",
	[INC_D_CUSTOMERS] = "customers",
	[INC_D_PARTNERS] = "partners",
	[INC_D_POLICE] = "police",
	[INC_D_PPC] = "ppc",
};

static const char *const inc_notice_keys[INC_N__MAX] = {
	[INC_N_CUSTOMERS] = "customers",
	[INC_N_PARTNERS] = "partners",
};

static const char *const inc_field_keys[INC_F__MAX] = {
	[INC_F_COMPANY] = "company",
	[INC_F_KIND] = "kind",
	[INC_F_LEVEL] = "level",
	[INC_F_DETECTED_DATE] = "detected_date",
	[INC_F_AWARE_DATE] = "aware_date",
	[INC_F_SUMMARY] = "summary",
	[INC_F_DATA_ITEMS] = "data_items",
	[INC_F_PEOPLE] = "people",
	[INC_F_CAUSE] = "cause",
	[INC_F_SECONDARY] = "secondary",
	[INC_F_MEASURES] = "measures",
	[INC_F_PEOPLE_RESPONSE] = "people_response",
	[INC_F_PUBLICATION] = "publication",
	[INC_F_PREVENTION] = "prevention",
	[INC_F_CONTACT] = "contact",
	[INC_F_NOTES] = "notes",
	[INC_F_TODAY] = "today",
};

static const char *const inc_reason_keys[INC_R__MAX] = {
	[INC_R_SENSITIVE] = "sensitive",
	[INC_R_FINANCIAL] = "financial",
	[INC_R_MALICIOUS] = "malicious",
	[INC_R_OVER_1000] = "over_1000",
};

static const char *const inc_appi_item_keys[INC_AI__MAX] = {
	[INC_AI_SUMMARY] = "summary",
	[INC_AI_DATA_ITEMS] = "data_items",
	[INC_AI_PEOPLE] = "people",
	[INC_AI_CAUSE] = "cause",
	[INC_AI_SECONDARY] = "secondary",
	[INC_AI_PEOPLE_RESPONSE] = "people_response",
	[INC_AI_PUBLICATION] = "publication",
	[INC_AI_PREVENTION] = "prevention",
	[INC_AI_OTHER] = "other",
};

static const char *const inc_header_keys[INC_H__MAX] = {
	[INC_H_ENQUIRER] = "enquirer",
	[INC_H_COMPANY] = "company",
	[INC_H_EMPLOYEES] = "employees",
	[INC_H_TERMINALS] = "terminals",
	[INC_H_SITES] = "sites",
};

static const char *const inc_group_keys[INC_G__MAX] = {
	[INC_G_CIRCUMSTANCES] = "circumstances",
	[INC_G_SYMPTOMS] = "symptoms",
	[INC_G_MANAGEMENT] = "management",
	[INC_G_ORGANISATION] = "organisation",
	[INC_G_BASICS] = "basics",
};

/* The last question of each group (SEEDFACTS §5.6). */
static const int inc_group_last[INC_G__MAX] = { 5, 10, 14, 19, 22 };

static const char *const inc_form_keys[INC_FORM__MAX] = {
	[INC_FORM_YES_NO] = "yes_no",
	[INC_FORM_YES_NO_UNSURE] = "yes_no_unsure",
	[INC_FORM_MULTI] = "multi",
	[INC_FORM_CHOICE] = "choice",
	[INC_FORM_TEXT] = "text",
	[INC_FORM_NUMBER] = "number",
};

static const char *const inc_answer_keys[INC_A__MAX] = {
	[INC_A_YES] = "yes",
	[INC_A_NO] = "no",
	[INC_A_UNSURE] = "unsure",
};

static const char *const inc_precall_keys[INC_P__MAX] = {
	[INC_P_DEVICE] = "device",
	[INC_P_OS] = "os",
	[INC_P_SECURITY_SOFTWARE] = "security_software",
	[INC_P_CLOUD] = "cloud",
	[INC_P_EVENTS] = "events",
	[INC_P_GROUNDS] = "grounds",
	[INC_P_OTHER_DESKS] = "other_desks",
};

/* A fixed set of entries under key: exactly n, with the keys of keys[]
 * in order.  Returns the list for the caller to read the rest. */
static const json_t *
v_keyed(struct vctx *v, const json_t *root, const char *key,
    const char *const *keys, size_t n)
{
	const json_t *a = v_arr(v, root, key, n, n), *e;
	size_t i;

	json_array_foreach(a, i, e)
		if (strcmp(v_str(v, e, "key"), keys[i]) != 0)
			vfail(v, e, "%s entry %zu must have key '%s'", key,
			    i + 1, keys[i]);
	return a;
}

/* A {ja, en} text under key when there is one; "" in every language
 * when the key is absent. */
static void
v_tr_opt(struct vctx *v, const json_t *obj, const char *key, struct tr *out)
{
	int l;

	if (json_object_get(obj, key) != NULL) {
		v_tr(v, obj, key, out);
		return;
	}
	for (l = 0; l < LANG__MAX; l++)
		out->t[l] = out->h[l] = "";
}

/* A calendar date "YYYY-MM-DD" under key. */
static const char *
v_date(struct vctx *v, const json_t *obj, const char *key)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	const char *s = v_str(v, obj, key);
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) !=
	    3 || n != 10 || s[4] != '-' || s[7] != '-' || y < 2000 ||
	    y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 &&
	    y % 400 != 0)))) {
		vfail(v, obj, "'%s' must be a date YYYY-MM-DD", key);
		return "2000-01-01";
	}
	return s;
}

/*
 * Placeholders: braces in t only as "{key}" with key one of keys[n]
 * (a template the page fills in); a lone brace or any other name is a
 * mistake that would show in a notice.
 */
static void
v_braces(struct vctx *v, const json_t *at, const struct tr *t,
    const char *const *keys, size_t n)
{
	const char *p, *end;
	size_t i;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		for (p = t->t[l]; p != NULL && (p = strpbrk(p, "{}")) != NULL;
		    p = end + 1) {
			end = p;
			if (*p == '{' && (end = strchr(p, '}')) != NULL) {
				for (i = 0; i < n; i++)
					if ((size_t)(end - p - 1) ==
					    strlen(keys[i]) && strncmp(p + 1,
					    keys[i], strlen(keys[i])) == 0)
						break;
				if (i < n)
					continue;
				vfail(v, at, "unknown placeholder '%.*s' (%s)",
				    (int)(end - p + 1 > 40 ? 40 : end - p + 1),
				    p, lang_keys[l]);
				return;
			}
			vfail(v, at, "a brace without its pair (%s)",
			    lang_keys[l]);
			return;
		}
}

static void
load_desks(struct vctx *v, const json_t *root, struct desks_pack *dp)
{
	const json_t *a, *e;
	size_t i, j;

	v_pack(v, root, "desks");
	dp->as_of = v_date(v, root, "as_of");
	v_tr(v, root, "note", &dp->note);
	a = v_arr(v, root, "desks", 1, 50);
	dp->n = json_array_size(a);
	dp->v = arena_alloc(v->esc, (dp->n + 1) * sizeof(*dp->v));
	json_array_foreach(a, i, e) {
		struct desk *d = &dp->v[i];
		const char *p;

		d->key = v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(dp->v[j].key, d->key) == 0)
				vfail(v, e, "duplicate key '%s'", d->key);
		v_tr(v, e, "name", &d->name);
		/* a short name for one cell of the emergency card */
		if (json_object_get(e, "short") != NULL) {
			int l;

			v_tr(v, e, "short", &d->short_name);
			for (l = 0; l < LANG__MAX; l++)
				if (str_utf8_count(str_c(d->short_name.t[l])) >
				    (l == LANG_JA ? 10u : 20u))
					vfail(v, e, "desk '%s': 'short' is "
					    "longer than %d characters in %s",
					    d->key, l == LANG_JA ? 10 : 20,
					    lang_keys[l]);
		}
		v_tr(v, e, "handles", &d->handles);
		v_tr(v, e, "reach", &d->reach);
		d->url = d->phone = "";
		if (json_object_get(e, "url") != NULL) {
			d->url = v_str(v, e, "url");
			if (strncmp(d->url, "https://", 8) != 0 ||
			    strlen(d->url) < 12 || strpbrk(d->url, " \t\"<>")
			    != NULL)
				vfail(v, e, "'url' must be an https:// address");
		}
		if (json_object_get(e, "phone") != NULL) {
			d->phone = v_str(v, e, "phone");
			for (p = d->phone; *p != '\0'; p++)
				if (!(*p >= '0' && *p <= '9') && *p != '#' &&
				    *p != '-')
					break;
			if (*p != '\0' || strlen(d->phone) > 16)
				vfail(v, e, "'phone' must be digits, '#' and "
				    "'-' only");
		}
		d->checked = v_date(v, e, "checked");
		if (strcmp(d->checked, dp->as_of) > 0)
			vfail(v, e, "desk '%s' is checked after as_of",
			    d->key);
		reference_desk(v, e, d);
	}
}

const struct desk *
desk_find(const struct desks_pack *dp, const char *key)
{
	size_t i;

	for (i = 0; i < dp->n; i++)
		if (strcmp(dp->v[i].key, key) == 0)
			return &dp->v[i];
	return NULL;
}

/* The desk named under key, which must be in the desks pack. */
static const struct desk *
v_desk(struct vctx *v, const json_t *obj, const char *name,
    const struct desks_pack *dp)
{
	const struct desk *d = desk_find(dp, name);

	if (d == NULL)
		vfail(v, obj, "unknown desk '%s' (not in desks.yaml)", name);
	return d;
}

static void
load_inc_levels(struct vctx *v, const json_t *root,
    struct incidents_pack *ip)
{
	static const char *const responder[] = { "responder" };
	const json_t *a = v_arr(v, root, "levels", INC_LEVELS, INC_LEVELS);
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (v_int(v, e, "level", 0, INC_LEVELS - 1) != (long)i)
			vfail(v, e, "levels entry %zu must be level %zu",
			    i + 1, i);
		v_tr(v, e, "label", &ip->level[i].label);
		v_tr(v, e, "definition", &ip->level[i].definition);
		v_tr(v, e, "example", &ip->level[i].example);
		ip->level[i].responder = (enum incident_role)v_enum(v, e,
		    "responder", inc_role_keys, INC_STRUCT_ROLES);
		if (i == 0) {
			if (json_object_get(e, "report") != NULL)
				vfail(v, e, "level 0 has no 'report': nothing "
				    "is reported at once");
			v_tr_opt(v, e, "report", &ip->level[i].report);
			continue;
		}
		v_tr(v, e, "report", &ip->level[i].report);
		v_braces(v, e, &ip->level[i].report, responder, 1);
		if (strstr(ip->level[i].report.t[LANG_JA], "{responder}") ==
		    NULL || strstr(ip->level[i].report.t[LANG_EN],
		    "{responder}") == NULL)
			vfail(v, e, "level %zu's 'report' must name "
			    "{responder} in every language", i);
	}
}

static void
load_inc_playbooks(struct vctx *v, const json_t *root,
    struct incidents_pack *ip)
{
	const json_t *a, *e;
	size_t i, j, k;

	a = v_keyed(v, root, "playbooks", inc_playbook_keys, INC_PB__MAX);
	json_array_foreach(a, i, e) {
		const json_t *steps, *s;
		int used = 0;

		ip->playbook[i].key = inc_playbook_keys[i];
		v_tr(v, e, "label", &ip->playbook[i].label);
		for (k = 0; k < INC_KIND__MAX; k++)
			used |= ip->kind[k].playbook == (enum incident_playbook)i;
		if (!used)
			vfail(v, e, "playbook '%s' is used by no kind",
			    inc_playbook_keys[i]);
		steps = v_arr(v, e, "steps", 2, 40);
		ip->playbook[i].n_steps = json_array_size(steps);
		ip->playbook[i].steps = arena_alloc(v->esc,
		    (ip->playbook[i].n_steps + 1) *
		    sizeof(*ip->playbook[i].steps));
		json_array_foreach(steps, j, s) {
			struct incident_step *st = &ip->playbook[i].steps[j];

			st->key = v_key(v, s, "key");
			for (k = 0; k < j; k++)
				if (strcmp(ip->playbook[i].steps[k].key,
				    st->key) == 0)
					vfail(v, s, "duplicate step '%s'",
					    st->key);
			if (j == 0 && strcmp(st->key, "start_log") != 0)
				vfail(v, s, "the first step of a playbook must "
				    "be start_log (start the work log)");
			st->phase = (enum incident_phase)v_enum(v, s, "phase",
			    inc_phase_keys, INC_PH__MAX);
			if (j > 0 && st->phase <
			    ip->playbook[i].steps[j - 1].phase)
				vfail(v, s, "step '%s' (phase %s) comes before "
				    "the phase of the step above it", st->key,
				    inc_phase_keys[st->phase]);
			st->role = (enum incident_role)v_enum(v, s, "role",
			    inc_role_keys, INC_ROLE__MAX);
			v_tr(v, s, "text", &st->text);
		}
		if (i == INC_PB_MALWARE)
			v_trlist(v, e, "handover", 2, 10,
			    &ip->playbook[i].handover);
		else if (json_object_get(e, "handover") != NULL)
			vfail(v, e, "only the malware playbook has "
			    "'handover'");
	}
}

static void
load_inc_dests(struct vctx *v, const json_t *root,
    struct incidents_pack *ip, const struct desks_pack *dp)
{
	const json_t *a, *e;
	size_t i, j;

	a = v_keyed(v, root, "destinations", inc_dest_keys, INC_D__MAX);
	json_array_foreach(a, i, e) {
		const json_t *ds, *d;
		const char *src;

		ip->dest[i].key = inc_dest_keys[i];
		v_tr(v, e, "label", &ip->dest[i].label);
		v_trlist(v, e, "cautions", 1, 4, &ip->dest[i].cautions);
		src = v_str(v, e, "source");
		ip->dest[i].ours = strcmp(src, "ours") == 0;
		if (!ip->dest[i].ours && strcmp(src, "seeds") != 0)
			vfail(v, e, "'source' must be ours or seeds");
		else if (ip->dest[i].ours != (i >= INC_D_SEEDS))
			vfail(v, e, "destination '%s' is %s: 'source' must "
			    "say so", inc_dest_keys[i], i >= INC_D_SEEDS ?
			    "ours" : "the seeds'");
		ds = v_arr(v, e, "desks", 0, INC_DEST_DESKS);
		json_array_foreach(ds, j, d) {
			if (!json_is_string(d)) {
				vfail(v, e, "'desks' entry %zu must be a desk "
				    "key", j + 1);
				break;
			}
			ip->dest[i].desks[j] = v_desk(v, e,
			    json_string_value(d), dp);
		}
		ip->dest[i].n_desks = json_array_size(ds);
	}
}

static void
load_incidents(struct vctx *v, const json_t *root,
    struct incidents_pack *ip, const struct desks_pack *dp)
{
	const json_t *a, *e, *o;
	size_t i;

	v_pack(v, root, "incidents");
	a = v_keyed(v, root, "roles", inc_role_keys, INC_ROLE__MAX);
	json_array_foreach(a, i, e) {
		ip->role[i].key = inc_role_keys[i];
		v_tr(v, e, "label", &ip->role[i].label);
		v_tr(v, e, "duty", &ip->role[i].duty);
	}
	load_inc_levels(v, root, ip);
	a = v_keyed(v, root, "kinds", inc_kind_keys, INC_KIND__MAX);
	json_array_foreach(a, i, e) {
		ip->kind[i].key = inc_kind_keys[i];
		v_tr(v, e, "label", &ip->kind[i].label);
		v_tr(v, e, "explain", &ip->kind[i].explain);
		ip->kind[i].playbook = (enum incident_playbook)v_enum(v, e,
		    "playbook", inc_playbook_keys, INC_PB__MAX);
	}
	load_fixed(v, root, "statuses", inc_status_keys, INC_STATUS__MAX,
	    ip->status);
	load_fixed(v, root, "phases", inc_phase_keys, INC_PH__MAX,
	    ip->phase);
	load_inc_playbooks(v, root, ip);
	a = v_keyed(v, root, "lessons", inc_lesson_keys, INC_LESSONS);
	json_array_foreach(a, i, e) {
		ip->lesson[i].key = inc_lesson_keys[i];
		v_tr(v, e, "question", &ip->lesson[i].question);
		v_tr(v, e, "hint", &ip->lesson[i].hint);
	}
	a = v_keyed(v, root, "viewpoints", inc_view_keys, INC_V__MAX);
	json_array_foreach(a, i, e) {
		ip->view[i].key = inc_view_keys[i];
		v_tr(v, e, "label", &ip->view[i].label);
		v_trlist(v, e, "hints", 2, 4, &ip->view[i].hints);
	}
	load_inc_dests(v, root, ip, dp);
	load_fixed(v, root, "fields", inc_field_keys, INC_F__MAX, ip->field);
	a = v_keyed(v, root, "notices", inc_notice_keys, INC_N__MAX);
	json_array_foreach(a, i, e) {
		ip->notice[i].key = inc_notice_keys[i];
		v_tr(v, e, "label", &ip->notice[i].label);
		v_tr(v, e, "subject", &ip->notice[i].subject);
		v_tr(v, e, "body", &ip->notice[i].body);
		v_braces(v, e, &ip->notice[i].subject, inc_field_keys,
		    INC_F__MAX);
		v_braces(v, e, &ip->notice[i].body, inc_field_keys,
		    INC_F__MAX);
	}
	o = v_obj(v, root, "rules");
	v_tr(v, o, "levels", &ip->rule_levels);
	v_tr(v, o, "playbooks", &ip->rule_playbooks);
	v_tr(v, o, "destinations", &ip->rule_destinations);
}

/* The most days a report window may span: a year. */
#define APPI_DAYS_MAX	365

static void
load_appi(struct vctx *v, const json_t *root, struct appi_pack *ap,
    const struct desks_pack *dp)
{
	const json_t *a, *e, *o;
	size_t i, j;

	v_pack(v, root, "appi");
	v_tr(v, root, "law", &ap->law);
	v_tr(v, root, "authority", &ap->authority);
	ap->in_force = v_date(v, root, "in_force");
	v_tr(v, root, "articles", &ap->articles);
	ap->desk = v_desk(v, root, v_str(v, root, "desk"), dp);
	a = v_keyed(v, root, "reasons", inc_reason_keys, INC_R__MAX);
	json_array_foreach(a, i, e) {
		ap->reason[i].key = inc_reason_keys[i];
		v_tr(v, e, "label", &ap->reason[i].label);
		v_tr(v, e, "explain", &ap->reason[i].explain);
		if (i == INC_R_OVER_1000)
			ap->threshold = v_int(v, e, "threshold", 1,
			    CONTENT_HEADCOUNT_MAX);
		else if (json_object_get(e, "threshold") != NULL)
			vfail(v, e, "only over_1000 has a threshold");
	}
	v_tr(v, root, "exempt", &ap->exempt);
	ap->aware_day = (int)v_int(v, root, "aware_day", 0, 1);
	o = v_obj(v, root, "preliminary");
	v_tr(v, o, "label", &ap->preliminary.label);
	v_tr(v, o, "when", &ap->preliminary.when);
	ap->preliminary.from = (int)v_int(v, o, "from", 1, APPI_DAYS_MAX);
	ap->preliminary.to = (int)v_int(v, o, "to", 1, APPI_DAYS_MAX);
	if (ap->preliminary.from > ap->preliminary.to)
		vfail(v, o, "'from' (%d days) must not be after 'to' (%d "
		    "days)", ap->preliminary.from, ap->preliminary.to);
	o = v_obj(v, root, "final");
	v_tr(v, o, "label", &ap->final.label);
	v_tr(v, o, "when", &ap->final.when);
	ap->final.days = (int)v_int(v, o, "days", 1, APPI_DAYS_MAX);
	ap->final.days_malicious = (int)v_int(v, o, "days_malicious", 1,
	    APPI_DAYS_MAX);
	if (ap->final.days_malicious < ap->final.days)
		vfail(v, o, "'days_malicious' must not be shorter than "
		    "'days'");
	else if (ap->final.days - ap->aware_day < ap->preliminary.to)
		vfail(v, o, "the final report would be due before the "
		    "preliminary window ends");
	v_tr(v, root, "notify_people", &ap->notify_people);
	a = v_keyed(v, root, "items", inc_appi_item_keys, INC_AI__MAX);
	json_array_foreach(a, i, e) {
		const json_t *fs, *f;

		ap->item[i].key = inc_appi_item_keys[i];
		v_tr(v, e, "label", &ap->item[i].label);
		fs = v_arr(v, e, "fields", 1, 4);
		ap->item[i].n_fields = json_array_size(fs);
		json_array_foreach(fs, j, f) {
			const char *s = json_string_value(f);
			int k;

			for (k = 0; k < INC_F__MAX; k++)
				if (s != NULL && strcmp(s, inc_field_keys[k]) ==
				    0)
					break;
			if (k == INC_F__MAX) {
				vfail(v, e, "unknown field '%s'", s != NULL ?
				    s : "(not text)");
				break;
			}
			ap->item[i].fields[j] = (enum incident_field)k;
		}
	}
	o = v_obj(v, root, "rules");
	v_tr(v, o, "law", &ap->rule_law);
	v_tr(v, o, "ours", &ap->rule_ours);
	v_tr(v, o, "not_filed", &ap->rule_not_filed);
}

/* min…max options {key, label, write_in?} under key, in the arena. */
static struct intake_option *
v_options(struct vctx *v, const json_t *obj, size_t min, size_t max,
    size_t *n)
{
	const json_t *a = v_arr(v, obj, "options", min, max), *e;
	struct intake_option *out;
	size_t i, j;

	*n = json_array_size(a);
	out = arena_alloc(v->esc, (*n + 1) * sizeof(*out));
	json_array_foreach(a, i, e) {
		out[i].key = v_key(v, e, "key");
		for (j = 0; j < i; j++)
			if (strcmp(out[j].key, out[i].key) == 0)
				vfail(v, e, "duplicate option '%s'",
				    out[i].key);
		v_tr(v, e, "label", &out[i].label);
		if (json_object_get(e, "write_in") != NULL)
			out[i].text = (int)v_int(v, e, "write_in", 0, 1);
	}
	return out;
}

/* Options go with the choosing forms and only with them. */
static int
form_has_options(enum incident_form f)
{
	return f == INC_FORM_MULTI || f == INC_FORM_CHOICE;
}

static int
form_is_yes(enum incident_form f)
{
	return f == INC_FORM_YES_NO || f == INC_FORM_YES_NO_UNSURE;
}

static void
load_intake_subs(struct vctx *v, const json_t *e, struct intake_question *q)
{
	const json_t *a, *s;
	size_t i, j;

	if (json_object_get(e, "follow_ups") == NULL)
		return;
	if (!form_is_yes(q->form)) {
		vfail(v, e, "question %d: only a yes/no question has "
		    "follow_ups", q->n);
		return;
	}
	a = v_arr(v, e, "follow_ups", 1, 6);
	q->n_subs = json_array_size(a);
	q->subs = arena_alloc(v->esc, (q->n_subs + 1) * sizeof(*q->subs));
	json_array_foreach(a, i, s) {
		struct intake_sub *sub = &q->subs[i];

		sub->key = v_key(v, s, "key");
		for (j = 0; j < i; j++)
			if (strcmp(q->subs[j].key, sub->key) == 0)
				vfail(v, s, "duplicate follow-up '%s'",
				    sub->key);
		v_tr(v, s, "label", &sub->label);
		sub->form = (enum incident_form)v_enum(v, s, "form",
		    inc_form_keys, INC_FORM__MAX);
		if (form_is_yes(sub->form))
			vfail(v, s, "question %d: a follow-up's form is text, "
			    "number, choice or multi", q->n);
		if (form_has_options(sub->form))
			sub->options = v_options(v, s, 2, 12, &sub->n_options);
		else if (json_object_get(s, "options") != NULL)
			vfail(v, s, "only choice and multi have options");
	}
}

static void
load_intake_question(struct vctx *v, const json_t *e, struct intake_pack *ip,
    int n, enum incident_intake_group g)
{
	struct intake_question *q = &ip->q[n - 1];
	const json_t *w;
	int k;

	q->n = n;
	q->group = g;
	if (v_int(v, e, "n", 1, INC_QUESTIONS) != n)
		vfail(v, e, "expected question %d here", n);
	q->key = v_key(v, e, "key");
	for (k = 0; k < n - 1; k++)
		if (strcmp(ip->q[k].key, q->key) == 0)
			vfail(v, e, "duplicate question key '%s'", q->key);
	v_tr(v, e, "text", &q->text);
	v_tr_opt(v, e, "hint", &q->hint);
	q->form = (enum incident_form)v_enum(v, e, "form", inc_form_keys,
	    INC_FORM__MAX);
	if (q->form == INC_FORM_CHOICE || q->form == INC_FORM_NUMBER)
		vfail(v, e, "question %d: a question's form is yes_no, "
		    "yes_no_unsure, multi or text", n);
	if (q->form == INC_FORM_MULTI)
		q->options = v_options(v, e, 2, 12, &q->n_options);
	else if (json_object_get(e, "options") != NULL)
		vfail(v, e, "question %d: only a multi question has options",
		    n);
	load_intake_subs(v, e, q);
	if ((w = json_object_get(e, "when")) == NULL)
		return;
	w = v_obj(v, e, "when");
	q->when_q = (int)v_int(v, w, "question", 1, n > 1 ? n - 1 : 1);
	q->when_a = (enum incident_answer)v_enum(v, w, "answer",
	    inc_answer_keys, INC_A__MAX);
	if (q->when_q >= n)
		vfail(v, w, "question %d can only depend on an earlier one",
		    n);
	else if (!form_is_yes(ip->q[q->when_q - 1].form) || (q->when_a ==
	    INC_A_UNSURE && ip->q[q->when_q - 1].form != INC_FORM_YES_NO_UNSURE))
		vfail(v, w, "question %d cannot be answered '%s'", q->when_q,
		    inc_answer_keys[q->when_a]);
}

static void
load_intake(struct vctx *v, const json_t *root, struct intake_pack *ip)
{
	const json_t *a, *e, *qs, *qe;
	size_t i, j, total = 0;
	int n = 1;

	v_pack(v, root, "intake");
	v_tr(v, root, "title", &ip->title);
	v_tr(v, root, "intro", &ip->intro);
	v_tr(v, root, "source", &ip->source);
	a = v_keyed(v, root, "header", inc_header_keys, INC_H__MAX);
	json_array_foreach(a, i, e) {
		ip->header[i].key = inc_header_keys[i];
		v_tr(v, e, "label", &ip->header[i].label);
		v_tr(v, e, "hint", &ip->header[i].hint);
		if (i >= INC_H_EMPLOYEES)
			v_tr(v, e, "unit", &ip->header[i].unit);
		else if (json_object_get(e, "unit") != NULL)
			vfail(v, e, "only the numbers of the header have a "
			    "unit");
		else
			v_tr_opt(v, e, "unit", &ip->header[i].unit);
	}
	load_fixed(v, root, "answers", inc_answer_keys, INC_A__MAX,
	    ip->answer);
	load_fixed(v, root, "forms", inc_form_keys, INC_FORM__MAX, ip->form);
	a = v_keyed(v, root, "groups", inc_group_keys, INC_G__MAX);
	json_array_foreach(a, i, e)
		total += json_array_size(json_object_get(e, "questions"));
	if (!v->failed && total != INC_QUESTIONS) {
		vfail(v, root, "the questionnaire must have %d questions, not "
		    "%zu", INC_QUESTIONS, total);
		return;
	}
	json_array_foreach(a, i, e) {
		int first = i == 0 ? 1 : inc_group_last[i - 1] + 1;
		size_t want = (size_t)(inc_group_last[i] - first + 1);

		ip->group[i].key = inc_group_keys[i];
		ip->group[i].first = first;
		ip->group[i].last = inc_group_last[i];
		v_tr(v, e, "label", &ip->group[i].label);
		v_tr(v, e, "purpose", &ip->group[i].purpose);
		v_tr(v, e, "who", &ip->group[i].who);
		qs = json_object_get(e, "questions");
		if (!json_is_array(qs) || json_array_size(qs) != want) {
			vfail(v, e, "group '%s' must hold questions %d to %d",
			    inc_group_keys[i], first, inc_group_last[i]);
			return;
		}
		json_array_foreach(qs, j, qe)
			load_intake_question(v, qe, ip, n++,
			    (enum incident_intake_group)i);
	}
	v_tr(v, root, "precall_title", &ip->precall_title);
	a = v_keyed(v, root, "precall", inc_precall_keys, INC_P__MAX);
	json_array_foreach(a, i, e) {
		ip->precall[i].key = inc_precall_keys[i];
		v_tr(v, e, "label", &ip->precall[i].label);
		v_tr(v, e, "hint", &ip->precall[i].hint);
	}
}

static int
ui_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ui_entry *)a)->key,
	    ((const struct ui_entry *)b)->key);
}

static void
load_ui(struct vctx *v, const json_t *root, struct content *c)
{
	const char *key;
	const json_t *val;
	size_t n = 0;

	c->ui = xcalloc(json_object_size(root) + 1, sizeof(*c->ui));
	json_object_foreach((json_t *)root, key, val) {
		if (key[0] == '\x01')
			continue;	/* position record */
		c->ui[n].key = key;
		v_tr(v, root, key, &c->ui[n].text);
		n++;
	}
	c->n_ui = n;
	qsort(c->ui, n, sizeof(*c->ui), ui_cmp);
}

/* ---- tabletop exercises (content/exercises/) ---- */

/* Every brace of t opens a placeholder of model/exercise.h. */
static void
v_ph(struct vctx *v, const json_t *at, const struct tr *t)
{
	size_t off, len;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		if (t->t[l] != NULL &&
		    exercise_ph_check(t->t[l], &off, &len) != 0) {
			vfail(v, at, "'%.*s' is no placeholder (exercise.ph.* "
			    "in i18n/ui.yaml lists them)", (int)len,
			    t->t[l] + off);
			return;
		}
}

/* A {ja, en} text under key that names no placeholder: titles and
 * summaries are shown where no organisation's data is at hand. */
static void
v_plain(struct vctx *v, const json_t *obj, const char *key, struct tr *out)
{
	int l;

	v_tr(v, obj, key, out);
	for (l = 0; l < LANG__MAX; l++)
		if (out->t[l] != NULL && strpbrk(out->t[l], "{}") != NULL) {
			vfail(v, json_object_get(obj, key), "'%s' takes no "
			    "placeholder: no braces", key);
			return;
		}
}

/* A {ja, en} text under key that may name placeholders. */
static void
v_phtr(struct vctx *v, const json_t *obj, const char *key, struct tr *out)
{
	v_tr(v, obj, key, out);
	v_ph(v, json_object_get(obj, key) != NULL ? json_object_get(obj, key) :
	    obj, out);
}

/* One scenario; name is its file's name without ".yaml". */
static void
load_exercise(struct vctx *v, const json_t *root, const char *name,
    const struct bcp_pack *bp, struct exercise_scenario *s)
{
	const json_t *a, *e, *qs, *q;
	size_t i, j;
	int l;

	v_pack(v, root, "exercise");
	s->key = v_key(v, root, "key");
	if (!v->failed && strcmp(s->key, name) != 0)
		vfail(v, root, "'key' must be the file's name, '%s'", name);
	s->incident = v_str(v, root, "incident");
	for (i = 0; i < bp->n_incidents; i++)
		if (strcmp(bp->incidents[i].key, s->incident) == 0)
			break;
	if (i == bp->n_incidents)
		vfail(v, root, "unknown incident '%s' (bcp.yaml lists them)",
		    s->incident);
	v_plain(v, root, "title", &s->title);
	v_plain(v, root, "summary", &s->summary);
	v_phtr(v, root, "setting", &s->setting);
	a = v_arr(v, root, "injects", EXERCISE_INJECTS_MIN,
	    EXERCISE_INJECTS_MAX);
	s->ninjects = json_array_size(a);
	json_array_foreach(a, i, e) {
		struct exercise_inject *in = &s->inject[i];

		v_phtr(v, e, "at", &in->at);
		v_phtr(v, e, "what", &in->what);
		qs = v_arr(v, e, "questions", EXERCISE_QUESTIONS_MIN,
		    EXERCISE_QUESTIONS_MAX);
		in->nq = json_array_size(qs);
		json_array_foreach(qs, j, q) {
			if (!json_is_object(q)) {
				vfail(v, e, "questions entry %zu must be {ja, "
				    "en}", j + 1);
				return;
			}
			for (l = 0; l < LANG__MAX; l++) {
				in->q[j].t[l] = v_str(v, q, lang_keys[l]);
				in->q[j].h[l] = escaped(v, in->q[j].t[l]);
			}
			v_ph(v, q, &in->q[j]);
		}
	}
}

/* Scenario files: names ending in ".yaml", in byte order. */
static int
yaml_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 &&
	    strcmp(d->d_name + n - 5, ".yaml") == 0;
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every scenario under dir/exercises; 0 or -1 with err set. */
static int
load_exercises(struct vctx *v, struct content *c, const char *dir)
{
	struct exercise_pack *xp = &c->exercises;
	struct dirent **names = NULL;
	char path[4096];
	int n, k, rc = 0;

	snprintf(path, sizeof(path), "%s/exercises", dir);
	if ((n = scandir(path, &names, yaml_name, name_cmp)) < 0) {
		snprintf(v->err, v->errlen, "%s: cannot read the folder", path);
		return -1;
	}
	xp->v = xcalloc((size_t)n + 1, sizeof(*xp->v));
	xp->trees = xcalloc((size_t)n + 1, sizeof(*xp->trees));
	if (n == 0) {
		snprintf(v->err, v->errlen, "%s: no scenario (.yaml) in it",
		    path);
		rc = -1;
	}
	for (k = 0; k < n && rc == 0; k++) {
		const char *file = names[k]->d_name;
		json_t *root;

		snprintf(path, sizeof(path), "%s/exercises/%s", dir, file);
		if ((root = yaml_load_file(path, v->err, v->errlen)) == NULL) {
			rc = -1;
			break;
		}
		xp->trees[xp->n++] = root;
		v->file = path;
		if (!json_is_object(root))
			vfail(v, root, "expected a mapping at the top");
		else
			load_exercise(v, root, arena_strndup(&c->esc, file,
			    strlen(file) - 5), &c->bcp, &xp->v[xp->n - 1]);
		if (v->failed)
			rc = -1;
	}
	for (k = 0; k < n; k++)
		free(names[k]);
	free(names);
	return rc;
}

const struct exercise_scenario *
exercise_find(const struct content *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->exercises.n; i++)
		if (strcmp(c->exercises.v[i].key, key) == 0)
			return &c->exercises.v[i];
	return NULL;
}

_Static_assert(REGISTER_LANGS == LANG__MAX, "a label for every language");

/* Append key and its label to k, a set of n keys in all. */
static void
key_add(struct content *c, struct register_keys *k, size_t n,
    const char *key, const struct tr *label)
{
	int l;

	if (k->key == NULL) {
		k->key = arena_alloc(&c->esc, (n + 1) * sizeof(*k->key));
		for (l = 0; l < REGISTER_LANGS; l++)
			k->label[l] = arena_alloc(&c->esc, (n + 1) *
			    sizeof(*k->label[l]));
	}
	k->key[k->n] = key;
	for (l = 0; l < REGISTER_LANGS; l++)
		k->label[l][k->n] = label->t[l];
	k->n++;
}

/* One key set of the registers from n choices. */
static void
keys_of(struct content *c, struct register_keys *k, const struct choice *v,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		key_add(c, k, n, v[i].key, &v[i].label);
}

/* A key set whose labels are interface texts "<prefix>.<key>". */
static void
keys_ui(struct content *c, struct register_keys *k,
    const char *const *keys, size_t n, const char *prefix)
{
	char name[96];
	struct tr *t;
	size_t i;
	int l;

	for (i = 0; i < n; i++) {
		t = arena_alloc(&c->esc, sizeof(*t));
		memset(t, 0, sizeof(*t));
		snprintf(name, sizeof(name), "%s.%s", prefix, keys[i]);
		for (l = 0; l < LANG__MAX; l++)
			t->t[l] = content_ui(c, (enum lang)l, name);
		key_add(c, k, n, keys[i], t);
	}
}

/* The key sets of the business-continuity registers. */
static void
bcp_keys_fill(struct content *c)
{
	static const char *const miss[] = { "copies", "media",
	    "offline_offsite" };
	static const char *const stage[] = { "provisional", "permanent" };
	struct register_env *e = &c->regenv;
	const struct bcp_pack *bp = &c->bcp;
	size_t i, p, n = BCP_PRESET__MAX * BCP_PRIORITY__MAX;

	keys_of(c, &e->ks[KS_BCP_PRIORITY], bp->priority, BCP_PRIORITY__MAX);
	for (p = 0; p < BCP_PRESET__MAX; p++)
		for (i = 0; i < BCP_PRIORITY__MAX; i++)
			key_add(c, &e->ks[KS_BCP_RTO], n, arena_printf(&c->esc,
			    "%s.%s", bcp_preset_key((enum bcp_preset)p),
			    bp->priority[i].key != NULL ? bp->priority[i].key :
			    ""), &bp->preset[p].rto_label[i]);
	keys_of(c, &e->ks[KS_BCP_MEDIA], bp->media, BCP_MEDIA__MAX);
	keys_ui(c, &e->ks[KS_BCP_MISS], miss, 3, "bcp.miss");
	keys_of(c, &e->ks[KS_BCP_RESTORE], bp->restore, BCP_RESTORE__MAX);
	keys_of(c, &e->ks[KS_BCP_TARGET], bp->target, BCP_TARGET__MAX);
	keys_of(c, &e->ks[KS_BCP_LAYER], bp->layer, BCP_LAYER__MAX);
	keys_ui(c, &e->ks[KS_BCP_STAGE], stage, 2, "bcp.stage");
	for (i = 0; i < bp->n_incidents; i++)
		key_add(c, &e->ks[KS_BCP_INCIDENT], bp->n_incidents,
		    bp->incidents[i].key, &bp->incidents[i].label);
}

/* The key sets of the exercises register. */
static void
exercise_keys_fill(struct content *c)
{
	struct register_env *e = &c->regenv;
	const char *status[EXS__MAX];
	size_t i;

	for (i = 0; i < c->exercises.n; i++)
		key_add(c, &e->ks[KS_EXERCISE], c->exercises.n,
		    c->exercises.v[i].key, &c->exercises.v[i].title);
	for (i = 0; i < EXS__MAX; i++)
		status[i] = exercise_status_key((enum exercise_status)i);
	keys_ui(c, &e->ks[KS_EXERCISE_STATUS], status, EXS__MAX,
	    "exercise.status");
}

/* The key sets of the incidents register and its report rule. */
static void
incident_keys_fill(struct content *c)
{
	struct register_env *e = &c->regenv;
	struct appi_pack *ap = &c->appi;
	size_t i;

	for (i = 0; i < INC_KIND__MAX; i++)
		key_add(c, &e->ks[KS_INC_KIND], INC_KIND__MAX,
		    c->incidents.kind[i].key, &c->incidents.kind[i].label);
	keys_of(c, &e->ks[KS_INC_STATUS], c->incidents.status,
	    INC_STATUS__MAX);
	for (i = 0; i < INC_D__MAX; i++)
		key_add(c, &e->ks[KS_INC_DEST], INC_D__MAX,
		    c->incidents.dest[i].key, &c->incidents.dest[i].label);
	for (i = 0; i < INC_KIND__MAX; i++) {
		const struct incidents_pack *ip = &c->incidents;
		size_t pb = (size_t)ip->kind[i].playbook, k;

		for (k = 0; pb < INC_PB__MAX && k < ip->playbook[pb].n_steps;
		    k++)
			key_add(c, &e->inc_steps[i], ip->playbook[pb].n_steps,
			    ip->playbook[pb].steps[k].key,
			    &ip->playbook[pb].steps[k].text);
	}
	ap->rule.over = ap->threshold;
	ap->rule.prelim_from = ap->preliminary.from;
	ap->rule.prelim_to = ap->preliminary.to;
	ap->rule.final_days = ap->final.days;
	ap->rule.final_days_malicious = ap->final.days_malicious;
	e->appi = &ap->rule;
}

/* The key sets the registers' enum fields draw on (register.h). */
static void
register_env_fill(struct content *c)
{
	struct register_env *e = &c->regenv;
	size_t i;

	/* the inventories' status and legends, in the order of the enums
	 * of model/inventory.h (tests/unit/model/test_inventory.c holds the
	 * two the same) */
	static const char *const inv_status[] = { "active", "gone" };
	static const char *const inv_rw[] = { "update", "read" };
	static const char *const inv_svc[] = { "allowed", "with_permission",
	    "not_allowed" };

	keys_ui(c, &e->ks[KS_INV_STATUS], inv_status, 2, "inv.status");
	keys_ui(c, &e->ks[KS_GRANT_RW], inv_rw, 2, "inv.grant");
	keys_ui(c, &e->ks[KS_GRANT_SVC], inv_svc, 3, "inv.grant");

	keys_of(c, &e->ks[KS_ASSET_CATEGORY], c->assets.categories.v,
	    c->assets.categories.n);
	keys_of(c, &e->ks[KS_ASSET_MEDIA], c->assets.media, MEDIA__MAX);
	keys_of(c, &e->ks[KS_ASSET_PERSONAL], c->assets.personal,
	    PERSONAL__MAX);
	keys_of(c, &e->ks[KS_RISK_BAND], c->risks.band, RISK_BAND__MAX);
	keys_of(c, &e->ks[KS_PLAN_AREA], c->plan.area, PLAN_AREA__MAX);
	keys_of(c, &e->ks[KS_PLAN_LEVEL], c->plan.level, PLAN_LEVEL__MAX);
	keys_of(c, &e->ks[KS_PLAN_DIFFICULTY], c->plan.difficulty,
	    PLAN_DIFFICULTY__MAX);
	keys_of(c, &e->ks[KS_PLAN_DECISION], c->plan.decision,
	    PLAN_DECISION__MAX);
	keys_of(c, &e->ks[KS_PLAN_STATUS], c->plan.status, PLAN_STATUS__MAX);
	keys_of(c, &e->ks[KS_PLAN_PRIORITY], c->plan.priority,
	    PLAN_PRIORITY__MAX);
	keys_of(c, &e->ks[KS_REG_STATUS], c->regs.status, RS__MAX);
	for (i = 0; i < REG_AREA__MAX; i++)
		key_add(c, &e->ks[KS_REG_AREA], REG_AREA__MAX,
		    c->regs.area[i].key, &c->regs.area[i].label);
	keys_of(c, &e->ks[KS_RISK_TREATMENT], c->risks.treatment,
	    TREAT__MAX);
	for (i = 0; i < c->threats.n; i++)
		key_add(c, &e->ks[KS_THREAT], c->threats.n, c->threats.v[i].key,
		    &c->threats.v[i].label);
	bcp_keys_fill(c);
	exercise_keys_fill(c);
	incident_keys_fill(c);
}

/* The packs in the order they load; the interface texts come last. */
static const char *const pack_files[] = {
	"diagnosis/self25.yaml", "org.yaml", "security_action.yaml",
	"policy.yaml", "registers/assets.yaml", "registers/threats.yaml",
	"registers/regulations.yaml", "registers/plan.yaml",
	"registers/risks.yaml", "bcp.yaml", "desks.yaml", "incidents.yaml",
	"appi.yaml", "intake.yaml", "i18n/ui.yaml",
};

_Static_assert(sizeof(pack_files) / sizeof(pack_files[0]) ==
    sizeof(((struct content *)0)->trees) / sizeof(void *),
    "a tree kept for every pack file");

int
content_load(struct content *c, const char *dir, char *err, size_t errlen)
{
	struct vctx v = { .err = err, .errlen = errlen };
	char path[4096];
	size_t i;

	memset(c, 0, sizeof(*c));
	arena_init(&c->esc);
	v.esc = &c->esc;
	for (i = 0; i < sizeof(pack_files) / sizeof(pack_files[0]); i++) {
		json_t *root;

		snprintf(path, sizeof(path), "%s/%s", dir, pack_files[i]);
		if ((root = yaml_load_file(path, err, errlen)) == NULL)
			return -1;
		c->trees[i] = root;
		v.file = path;
		if (!json_is_object(root)) {
			vfail(&v, root, "expected a mapping at the top");
			return -1;
		}
		switch (i) {
		case 0: load_diag(&v, root, &c->diag); break;
		case 1: load_org(&v, root, &c->org); break;
		case 2: load_sa(&v, root, &c->sa); break;
		case 3: load_policy(&v, root, &c->policy); break;
		case 4: load_assets(&v, root, &c->assets); break;
		case 5: load_threats(&v, root, &c->threats); break;
		case 6: load_regs(&v, root, &c->regs); break;
		case 7: load_plan(&v, root, &c->plan); break;
		case 8: load_risks(&v, root, &c->risks); break;
		case 9: load_bcp(&v, root, &c->bcp); break;
		case 10: load_desks(&v, root, &c->desks); break;
		case 11: load_incidents(&v, root, &c->incidents, &c->desks);
			break;
		case 12: load_appi(&v, root, &c->appi, &c->desks); break;
		case 13: load_intake(&v, root, &c->intake); break;
		default: load_ui(&v, root, c); break;
		}
		if (v.failed)
			return -1;
	}
	if (load_exercises(&v, c, dir) != 0)
		return -1;
	if (hearing_packs_load(&v, c, dir) != 0)
		return -1;
	if (programme_load_all(&v, c, dir) != 0)
		return -1;
	if (reference_load(&v, c, dir) != 0)
		return -1;
	if (damage_pack_load(&v, c, dir) != 0)
		return -1;
	register_env_fill(c);
	return 0;
}

void
content_free(struct content *c)
{
	size_t i;
	int k;

	for (i = 0; i < DIAG_ITEMS; i++) {
		trlist_free(&c->diag.item[i].measures);
		trlist_free(&c->diag.item[i].checkpoints);
	}
	for (k = 0; k < DEP__MAX; k++)
		trlist_free(&c->org.dep[k].measures);
	for (k = 0; k < SA__MAX; k++)
		trlist_free(&c->sa.p[k].howto);
	for (k = 0; k < DEP__MAX; k++)
		trlist_free(&c->bcp.class_examples[k]);
	for (k = 0; k < INC_PB__MAX; k++)
		trlist_free(&c->incidents.playbook[k].handover);
	for (k = 0; k < INC_V__MAX; k++)
		trlist_free(&c->incidents.view[k].hints);
	for (k = 0; k < INC_D__MAX; k++)
		trlist_free(&c->incidents.dest[k].cautions);
	free(c->org.industries.v);
	free(c->org.employees.v);
	free(c->org.capital.v);
	free(c->org.prefectures.v);
	free(c->assets.categories.v);
	free(c->assets.starters);
	free(c->threats.v);
	free(c->bcp.incidents);
	for (i = 0; i < c->exercises.n; i++)
		json_decref(c->exercises.trees[i]);
	free(c->exercises.trees);
	free(c->exercises.v);
	free(c->ui);
	hearing_packs_free(c);
	programme_free_all(c);
	reference_free(c);
	damage_pack_free(c);
	arena_free(&c->esc);
	for (i = 0; i < sizeof(c->trees) / sizeof(c->trees[0]); i++)
		json_decref(c->trees[i]);
	memset(c, 0, sizeof(*c));
}

static const struct ui_entry *
ui_find(const struct content *c, const char *key)
{
	struct ui_entry k = { .key = key };

	if (c->ui == NULL)
		return NULL;
	return bsearch(&k, c->ui, c->n_ui, sizeof(*c->ui), ui_cmp);
}

const char *
content_ui(const struct content *c, enum lang l, const char *key)
{
	const struct ui_entry *e = ui_find(c, key);

	return e ? e->text.t[l] : key;
}

const char *
content_ui_n(const struct content *c, enum lang l, const char *key, long a,
    long b, struct arena *ar)
{
	return content_fill_n(content_ui(c, l, key), a, b, ar);
}

const char *
content_fill_n(const char *text, long a, long b, struct arena *ar)
{
	struct str s = str_c(text);
	struct buf out = BUF_INIT;
	const char *res;
	size_t i;

	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '{' && i + 2 < s.n && s.p[i + 2] == '}' &&
		    (s.p[i + 1] == '1' || s.p[i + 1] == '2')) {
			buf_printf(&out, "%ld", s.p[i + 1] == '1' ? a : b);
			i += 2;
		} else
			buf_addc(&out, s.p[i]);
	}
	res = arena_strndup(ar, buf_cstr(&out), out.n);
	buf_free(&out);
	return res;
}

int
content_ui_has(const struct content *c, const char *key)
{
	return ui_find(c, key) != NULL;
}

const struct choice *
choices_find(const struct choices *cs, const char *key)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].key, key) == 0)
			return &cs->v[i];
	return NULL;
}

const struct choice *
choices_band(const struct choices *cs, long n)
{
	size_t i;

	if (n < 1 || n > CONTENT_HEADCOUNT_MAX)
		return NULL;
	for (i = 0; i < cs->n; i++)
		if (n >= cs->v[i].min && (cs->v[i].max == 0 ||
		    n <= cs->v[i].max))
			return &cs->v[i];
	return NULL;
}

enum dep_class
dep_class_of(int many_systems, int manual_fallback, int others_depend)
{
	if (!many_systems)
		return DEP_UME;
	if (manual_fallback && !others_depend)
		return DEP_TAKE;
	return DEP_MATSU;
}

const struct threat *
threat_find(const struct threats_pack *tp, const char *key)
{
	size_t i;

	for (i = 0; i < tp->n; i++)
		if (strcmp(tp->v[i].key, key) == 0)
			return &tp->v[i];
	return NULL;
}

int
choice_index(const struct choice *v, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].key != NULL && strcmp(v[i].key, key) == 0)
			return (int)i;
	return -1;
}

const char *
lang_key(enum lang l)
{
	return lang_keys[l];
}

int
lang_from_key(const char *s)
{
	int l;

	for (l = 0; l < LANG__MAX; l++)
		if (strcmp(lang_keys[l], s) == 0)
			return l;
	return -1;
}

/* ---- for the loaders in other files (content_int.h) ---- */

void
content_vfail(struct vctx *v, const json_t *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vvfail(v, at, fmt, ap);
	va_end(ap);
}

void
content_v_pack(struct vctx *v, const json_t *root, const char *name)
{
	v_pack(v, root, name);
}

const char *
content_v_str(struct vctx *v, const json_t *obj, const char *key)
{
	return v_str(v, obj, key);
}

const char *
content_v_key(struct vctx *v, const json_t *obj, const char *key)
{
	return v_key(v, obj, key);
}

const char *
content_v_date(struct vctx *v, const json_t *obj, const char *key)
{
	return v_date(v, obj, key);
}

const json_t *
content_v_arr(struct vctx *v, const json_t *obj, const char *key,
    size_t min, size_t max)
{
	return v_arr(v, obj, key, min, max);
}

void
content_v_tr(struct vctx *v, const json_t *obj, const char *key,
    struct tr *out)
{
	v_tr(v, obj, key, out);
}

void
content_v_trlist(struct vctx *v, const json_t *obj, const char *key,
    size_t min, size_t max, struct trlist *out)
{
	v_trlist(v, obj, key, min, max, out);
}

void
content_trlist_free(struct trlist *t)
{
	trlist_free(t);
}

void
content_v_braces(struct vctx *v, const json_t *at, const struct tr *t,
    const char *const *keys, size_t n)
{
	v_braces(v, at, t, keys, n);
}

long
content_v_int(struct vctx *v, const json_t *obj, const char *key, long min,
    long max)
{
	return v_int(v, obj, key, min, max);
}

int
content_yaml_names(const char *path, char ***names)
{
	struct dirent **d = NULL;
	int n, k;

	*names = NULL;
	if ((n = scandir(path, &d, yaml_name, name_cmp)) < 0)
		return -1;
	*names = xcalloc((size_t)n + 1, sizeof(char *));
	for (k = 0; k < n; k++) {
		(*names)[k] = xstrdup(d[k]->d_name);
		free(d[k]);
	}
	free(d);
	return n;
}

void
content_names_free(char **names, int n)
{
	int k;

	for (k = 0; k < n; k++)
		free(names[k]);
	free(names);
}
