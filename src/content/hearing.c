/*
 * hearing: the hearing sheet and the confidentiality pledge of the
 * advisor's programme (content/hearing.yaml, content/pledge.yaml; issue
 * 15), checked at load like every pack (content_int.h).
 */
#include "content/content.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "content/content_int.h"
#include "content/yaml.h"

/* The placeholders the pledge's texts may name. */
static const char *const pledge_ph[] = { "company", "advisor" };

static void
load_hearing(struct vctx *v, const json_t *root, struct hearing_pack *hp)
{
	const json_t *secs, *s, *items, *e;
	size_t i, j, k, total = 0;

	content_v_pack(v, root, "hearing");
	content_v_tr(v, root, "title", &hp->title);
	content_v_tr(v, root, "intro", &hp->intro);
	content_v_tr(v, root, "column_item", &hp->column_item);
	content_v_tr(v, root, "column_result", &hp->column_result);
	content_v_tr(v, root, "obtain_title", &hp->obtain_title);
	content_v_trlist(v, root, "obtain", 1, 12, &hp->obtain);
	secs = content_v_arr(v, root, "sections", 1, HEARING_SECTIONS_MAX);
	json_array_foreach(secs, i, s)
		total += json_array_size(json_object_get(s, "items"));
	hp->sections = xcalloc(json_array_size(secs) + 1,
	    sizeof(*hp->sections));
	hp->items = xcalloc(total + 1, sizeof(*hp->items));
	json_array_foreach(secs, i, s) {
		struct hearing_section *sec = &hp->sections[i];

		if (v->failed)
			return;
		if (!json_is_object(s)) {
			content_vfail(v, s, "sections entry %zu must be a "
			    "mapping", i + 1);
			return;
		}
		sec->key = content_v_key(v, s, "key");
		for (j = 0; j < i; j++)
			if (strcmp(hp->sections[j].key, sec->key) == 0)
				content_vfail(v, s, "duplicate section '%s'",
				    sec->key);
		content_v_tr(v, s, "title", &sec->title);
		items = content_v_arr(v, s, "items", 1,
		    HEARING_SECTION_ITEMS_MAX);
		sec->first = hp->n_items;
		json_array_foreach(items, j, e) {
			struct hearing_item *it = &hp->items[hp->n_items];

			if (!json_is_object(e)) {
				content_vfail(v, s, "items entry %zu must be a "
				    "mapping", j + 1);
				return;
			}
			it->key = content_v_key(v, e, "key");
			it->section = i;
			for (k = 0; k < hp->n_items; k++)
				if (strcmp(hp->items[k].key, it->key) == 0)
					content_vfail(v, e, "duplicate item "
					    "'%s'", it->key);
			if (strlen(it->key) > 40)
				content_vfail(v, e, "item key '%s' is longer "
				    "than 40 characters", it->key);
			content_v_tr(v, e, "label", &it->label);
			content_v_tr(v, e, "hint", &it->hint);
			hp->n_items++;
		}
		sec->n = hp->n_items - sec->first;
		hp->n_sections++;
	}
}

/* A pledge text under key, naming only the placeholders it may. */
static void
pledge_tr(struct vctx *v, const json_t *root, const char *key,
    struct tr *out)
{
	content_v_tr(v, root, key, out);
	content_v_braces(v, json_object_get(root, key) != NULL ?
	    json_object_get(root, key) : root, out, pledge_ph,
	    sizeof(pledge_ph) / sizeof(pledge_ph[0]));
}

static void
load_pledge(struct vctx *v, const json_t *root, struct pledge_pack *pp)
{
	struct tr one;
	size_t i;
	int l;

	content_v_pack(v, root, "pledge");
	pledge_tr(v, root, "title", &pp->title);
	pledge_tr(v, root, "to", &pp->to);
	pledge_tr(v, root, "copy", &pp->copy);
	pledge_tr(v, root, "intro", &pp->intro);
	content_v_trlist(v, root, "undertakings", PLEDGE_UNDERTAKINGS,
	    PLEDGE_UNDERTAKINGS, &pp->undertakings);
	for (i = 0; i < pp->undertakings.n && !v->failed; i++) {
		for (l = 0; l < LANG__MAX; l++)
			one.t[l] = pp->undertakings.t[l][i];
		content_v_braces(v, json_object_get(root, "undertakings"),
		    &one, pledge_ph, sizeof(pledge_ph) / sizeof(pledge_ph[0]));
	}
	pledge_tr(v, root, "date_label", &pp->date_label);
	pledge_tr(v, root, "name_label", &pp->name_label);
	pledge_tr(v, root, "seal_label", &pp->seal_label);
}

/* One pack file under dir: its tree kept in *tree, its root in *root.
 * The path lives in the content's arena, as long as the error may. */
static int
one_pack(struct vctx *v, struct content *c, const char *dir,
    const char *name, void **tree, json_t **root)
{
	const char *path = arena_printf(&c->esc, "%s/%s", dir, name);

	if ((*root = yaml_load_file(path, v->err, v->errlen)) == NULL)
		return -1;
	*tree = *root;
	v->file = path;
	if (!json_is_object(*root)) {
		content_vfail(v, *root, "expected a mapping at the top");
		return -1;
	}
	return 0;
}

int
hearing_packs_load(struct vctx *v, struct content *c, const char *dir)
{
	json_t *root;

	if (one_pack(v, c, dir, "hearing.yaml", &c->hearing.tree, &root) != 0)
		return -1;
	load_hearing(v, root, &c->hearing);
	if (v->failed)
		return -1;
	if (one_pack(v, c, dir, "pledge.yaml", &c->pledge.tree, &root) != 0)
		return -1;
	load_pledge(v, root, &c->pledge);
	return v->failed ? -1 : 0;
}

void
hearing_packs_free(struct content *c)
{
	content_trlist_free(&c->hearing.obtain);
	content_trlist_free(&c->pledge.undertakings);
	free(c->hearing.sections);
	free(c->hearing.items);
	json_decref(c->hearing.tree);
	json_decref(c->pledge.tree);
	memset(&c->hearing, 0, sizeof(c->hearing));
	memset(&c->pledge, 0, sizeof(c->pledge));
}

const struct hearing_item *
hearing_item_find(const struct hearing_pack *hp, const char *key)
{
	size_t i;

	for (i = 0; i < hp->n_items; i++)
		if (strcmp(hp->items[i].key, key) == 0)
			return &hp->items[i];
	return NULL;
}
