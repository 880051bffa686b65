/*
 * reference: the packs of issue 16's reference pages, checked at load
 * like every pack (content_int.h): IPA's yearly top-10 threats to
 * organisations (content/threats/YEAR.yaml), the SME Basic Act's table
 * (content/sme.yaml), and what each outside desk of content/desks.yaml
 * handles.
 */
#include "content/content.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "content/content_int.h"
#include "content/yaml.h"

static const char *const desk_kind_keys[DESK_KIND__MAX] = {
	[DESK_REPORT] = "report",
	[DESK_ADVICE] = "advice",
	[DESK_INFORMATION] = "information",
};

void
reference_desk(struct vctx *v, const json_t *e, struct desk *d)
{
	const json_t *a, *k;
	size_t i;
	int j;

	a = content_v_arr(v, e, "kinds", 1, DESK_KIND__MAX);
	json_array_foreach(a, i, k) {
		for (j = 0; j < DESK_KIND__MAX; j++)
			if (json_is_string(k) &&
			    strcmp(json_string_value(k), desk_kind_keys[j]) == 0)
				break;
		if (j == DESK_KIND__MAX) {
			content_vfail(v, e, "desk '%s': 'kinds' entry %zu must "
			    "be report, advice or information", d->key, i + 1);
			return;
		}
		if (d->kinds & (1u << j))
			content_vfail(v, e, "desk '%s': kind '%s' twice",
			    d->key, desk_kind_keys[j]);
		d->kinds |= 1u << j;
	}
	content_v_trlist(v, e, "topics", 1, 8, &d->topics);
}

/* ---- the top-10 threats ---- */

static int
year_cmp(const void *a, const void *b)
{
	const struct top10_year *x = a, *y = b;

	return (x->year < y->year) - (x->year > y->year);
}

/* Threat number rank of a year, with its links checked. */
static void
load_threat(struct vctx *v, struct content *c, const json_t *e, int rank,
    struct top10_threat *t)
{
	const json_t *a, *x;
	size_t i, j;

	if (!json_is_object(e)) {
		content_vfail(v, e, "threats entry %d must be a mapping", rank);
		return;
	}
	t->rank = (int)content_v_int(v, e, "rank", 1, TOP10_N);
	if (!v->failed && t->rank != rank)
		content_vfail(v, e, "rank %d where %d is due (the threats go "
		    "in rank order, each rank once)", t->rank, rank);
	content_v_tr(v, e, "name", &t->name);
	content_v_tr(v, e, "about", &t->about);
	content_v_tr(v, e, "todo", &t->todo);
	a = content_v_arr(v, e, "items", 1, TOP10_ITEMS_MAX);
	json_array_foreach(a, i, x) {
		json_int_t n = json_is_integer(x) ? json_integer_value(x) : 0;

		if (n < 1 || n > DIAG_ITEMS) {
			content_vfail(v, x, "rank %d: unknown diagnosis item "
			    "(items are 1 to %d)", rank, DIAG_ITEMS);
			return;
		}
		for (j = 0; j < t->n_items; j++)
			if (t->items[j] == (int)n)
				content_vfail(v, x, "rank %d: item %d twice",
				    rank, (int)n);
		t->items[t->n_items++] = (int)n;
	}
	a = content_v_arr(v, e, "risks", 1, TOP10_RISKS_MAX);
	json_array_foreach(a, i, x) {
		const char *k = json_is_string(x) ? json_string_value(x) : "";
		const struct threat *th = threat_find(&c->threats, k);

		if (th == NULL) {
			content_vfail(v, x, "rank %d: unknown risk-catalogue "
			    "threat '%s' (not in registers/threats.yaml)",
			    rank, k);
			return;
		}
		for (j = 0; j < t->n_risks; j++)
			if (t->risks[j] == th)
				content_vfail(v, x, "rank %d: threat '%s' twice",
				    rank, k);
		t->risks[t->n_risks++] = th;
	}
}

static void
load_year(struct vctx *v, struct content *c, const json_t *root,
    const char *name, struct top10_year *y)
{
	const json_t *a;
	char want[32];
	int i;

	content_v_pack(v, root, "top10");
	y->year = (int)content_v_int(v, root, "year", 2000, 2100);
	snprintf(want, sizeof(want), "%d.yaml", y->year);
	if (!v->failed && strcmp(name, want) != 0)
		content_vfail(v, root, "'year' (%d) must be the file's name",
		    y->year);
	y->published = "";
	if (json_object_get(root, "published") != NULL)
		y->published = content_v_date(v, root, "published");
	y->as_of = content_v_date(v, root, "as_of");
	content_v_tr(v, root, "source", &y->source);
	a = content_v_arr(v, root, "threats", TOP10_N, TOP10_N);
	for (i = 0; i < TOP10_N && a != NULL && !v->failed; i++)
		load_threat(v, c, json_array_get(a, (size_t)i), i + 1,
		    &y->t[i]);
}

static int
load_top10(struct vctx *v, struct content *c, const char *dir)
{
	struct top10_pack *tp = &c->top10;
	char **names = NULL, path[4096];
	int n, k, rc = 0;
	size_t i;

	snprintf(path, sizeof(path), "%s/threats", dir);
	if ((n = content_yaml_names(path, &names)) < 0) {
		snprintf(v->err, v->errlen, "%s: cannot read the folder", path);
		return -1;
	}
	tp->v = xcalloc((size_t)n + 1, sizeof(*tp->v));
	tp->trees = xcalloc((size_t)n + 1, sizeof(*tp->trees));
	if (n == 0 || n > TOP10_YEARS_MAX) {
		snprintf(v->err, v->errlen, "%s: there must be 1 to %d years "
		    "(YEAR.yaml) in it", path, TOP10_YEARS_MAX);
		rc = -1;
	}
	for (k = 0; k < n && rc == 0; k++) {
		json_t *root;

		snprintf(path, sizeof(path), "%s/threats/%s", dir, names[k]);
		if ((root = yaml_load_file(path, v->err, v->errlen)) == NULL) {
			rc = -1;
			break;
		}
		tp->trees[tp->n++] = root;
		v->file = path;
		if (!json_is_object(root))
			content_vfail(v, root, "expected a mapping at the top");
		else
			load_year(v, c, root, names[k], &tp->v[tp->n - 1]);
		if (v->failed)
			rc = -1;
	}
	content_names_free(names, n);
	if (rc == 0) {
		qsort(tp->v, tp->n, sizeof(*tp->v), year_cmp);
		for (i = 1; i < tp->n; i++)
			if (tp->v[i].year == tp->v[i - 1].year) {
				snprintf(v->err, v->errlen, "%s/threats: year "
				    "%d twice", dir, tp->v[i].year);
				rc = -1;
			}
	}
	return rc;
}

const struct top10_year *
top10_find(const struct top10_pack *tp, int year)
{
	size_t i;

	for (i = 0; i < tp->n; i++)
		if (tp->v[i].year == year)
			return &tp->v[i];
	return NULL;
}

/* ---- the SME Basic Act's table ---- */

static void
load_sme(struct vctx *v, struct content *c, const json_t *root)
{
	struct sme_pack *sp = &c->sme;
	const struct org_pack *op = &c->org;
	const json_t *a, *e, *m;
	size_t i, j;

	content_v_pack(v, root, "sme");
	sp->as_of = content_v_date(v, root, "as_of");
	content_v_tr(v, root, "law", &sp->law);
	a = content_v_arr(v, root, "groups", SME_GROUP__MAX, SME_GROUP__MAX);
	json_array_foreach(a, i, e) {
		struct sme_limits *l = &sp->lim[i];

		if (v->failed)
			return;
		sp->group[i].key = content_v_key(v, e, "key");
		if (!v->failed && strcmp(sp->group[i].key,
		    sme_group_key((enum sme_group)i)) != 0) {
			content_vfail(v, e, "group %zu must be '%s'", i + 1,
			    sme_group_key((enum sme_group)i));
			return;
		}
		content_v_tr(v, e, "label", &sp->group[i].label);
		l->capital = content_v_int(v, e, "capital", 1, 1000000000000L);
		l->staff = content_v_int(v, e, "staff", 1, 1000000);
		l->small_staff = content_v_int(v, e, "small_staff", 1, 1000000);
		if (!v->failed && l->small_staff > l->staff)
			content_vfail(v, e, "group '%s': 'small_staff' is more "
			    "than 'staff'", sp->group[i].key);
	}
	if (v->failed)
		return;
	m = json_object_get(root, "industries");
	if (!json_is_object(m)) {
		content_vfail(v, root, "'industries' must be a mapping of "
		    "org.yaml's industry keys");
		return;
	}
	sp->industries = xcalloc(op->industries.n + 1,
	    sizeof(*sp->industries));
	for (i = 0; i < op->industries.n; i++) {
		const char *key = op->industries.v[i].key;
		const json_t *g, *x;
		size_t k;

		sp->industries[i].key = key;
		g = json_object_get(m, key);
		if (!json_is_array(g) || json_array_size(g) > SME_GROUP__MAX) {
			content_vfail(v, m, "industry '%s' of org.yaml must "
			    "have a list of its groups", key);
			return;
		}
		json_array_foreach(g, k, x) {
			int gi = sme_group_from_key(json_is_string(x) ?
			    json_string_value(x) : NULL);

			if (gi < 0) {
				content_vfail(v, x, "industry '%s': unknown "
				    "group", key);
				return;
			}
			sp->industries[i].groups |= 1u << gi;
		}
		sp->n_industries++;
	}
	{
		const char *k;
		json_t *x;

		/* (keys starting with \x01 are the YAML reader's own) */
		json_object_foreach((json_t *)m, k, x)
			if (k[0] != '\x01' &&
			    choices_find(&op->industries, k) == NULL) {
				content_vfail(v, x, "'industries' names '%s', "
				    "an industry org.yaml does not have", k);
				return;
			}
	}
	m = json_object_get(root, "capital_bands");
	if (!json_is_object(m)) {
		content_vfail(v, root, "'capital_bands' must map each of "
		    "org.yaml's %zu capital bands", op->capital.n);
		return;
	}
	sp->bands = xcalloc(op->capital.n + 1, sizeof(*sp->bands));
	for (j = 0; j < op->capital.n; j++) {
		struct sme_band *b = &sp->bands[j];
		const json_t *x;

		b->key = op->capital.v[j].key;
		x = json_object_get(m, b->key);
		sp->n_bands++;
		if (json_is_string(x) && strcmp(json_string_value(x), "none")
		    == 0) {
			b->none = true;
			b->yen.lo = b->yen.hi = -1;
			continue;
		}
		if (!json_is_object(x)) {
			content_vfail(v, m, "capital band '%s' must be "
			    "{min, max} or none", b->key);
			return;
		}
		b->yen.lo = content_v_int(v, x, "min", 0, 1000000000000000L);
		b->yen.hi = -1;
		if (json_object_get(x, "max") != NULL) {
			b->yen.hi = content_v_int(v, x, "max", 0,
			    1000000000000000L);
			if (!v->failed && b->yen.hi < b->yen.lo)
				content_vfail(v, x, "capital band '%s': 'max' "
				    "is below 'min'", b->key);
		}
	}
}

unsigned
sme_pack_groups(const struct sme_pack *sp, const char *industry)
{
	size_t i;

	for (i = 0; industry != NULL && i < sp->n_industries; i++)
		if (strcmp(sp->industries[i].key, industry) == 0)
			return sp->industries[i].groups;
	return 0;
}

const struct sme_band *
sme_pack_band(const struct sme_pack *sp, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < sp->n_bands; i++)
		if (strcmp(sp->bands[i].key, key) == 0)
			return &sp->bands[i];
	return NULL;
}

int
reference_load(struct vctx *v, struct content *c, const char *dir)
{
	char path[4096];
	json_t *root;

	if (load_top10(v, c, dir) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/sme.yaml", dir);
	if ((root = yaml_load_file(path, v->err, v->errlen)) == NULL)
		return -1;
	c->sme.tree = root;
	v->file = path;
	if (!json_is_object(root)) {
		content_vfail(v, root, "expected a mapping at the top");
		return -1;
	}
	load_sme(v, c, root);
	return v->failed ? -1 : 0;
}

void
reference_free(struct content *c)
{
	size_t i;

	for (i = 0; i < c->desks.n && c->desks.v != NULL; i++)
		content_trlist_free(&c->desks.v[i].topics);
	for (i = 0; i < c->top10.n; i++)
		json_decref(c->top10.trees[i]);
	free(c->top10.trees);
	free(c->top10.v);
	free(c->sme.industries);
	free(c->sme.bands);
	json_decref(c->sme.tree);
	memset(&c->top10, 0, sizeof(c->top10));
	memset(&c->sme, 0, sizeof(c->sme));
}
