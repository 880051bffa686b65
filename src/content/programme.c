/*
 * programme: the advisor's programme templates, content/programmes/
 * (see content.h).  Checked at load: the key is the file's name; visits,
 * agenda points and deliverables within their bounds; every gap's least
 * days at most its most; agenda keys unique in their visit and times that
 * end the same day; deliverable keys unique, each produced by exactly one
 * visit, and every visit naming only deliverables the template lists.
 */
#include "content/content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "content/yaml.h"

/* "HH:MM" under key as minutes after midnight, or 0 after a failure. */
static int
v_clock(struct vctx *v, const json_t *obj, const char *key)
{
	const char *s = content_v_str(v, obj, key);
	int h, m;

	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9' ||
	    (h = (s[0] - '0') * 10 + (s[1] - '0')) > 23) {
		content_vfail(v, obj, "'%s' must be a time HH:MM", key);
		return 0;
	}
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return h * 60 + m;
}

static void
load_visit(struct vctx *v, const json_t *e, struct programme *p, size_t n)
{
	struct programme_visit *vi = &p->visit[n];
	const json_t *gap, *a, *pt, *dk;
	size_t i, j;
	int at;

	content_v_tr(v, e, "title", &vi->title);
	content_v_tr(v, e, "aim", &vi->aim);
	gap = json_object_get(e, "gap");
	if (!json_is_object(gap)) {
		content_vfail(v, e, "'gap' must be a mapping {min, max}");
		return;
	}
	vi->gap_min = (int)content_v_int(v, gap, "min", 1, PROGRAMME_GAP_MAX);
	vi->gap_max = (int)content_v_int(v, gap, "max", 1, PROGRAMME_GAP_MAX);
	if (!v->failed && vi->gap_min > vi->gap_max)
		content_vfail(v, gap, "the gap's 'min' (%d) is more than its "
		    "'max' (%d)", vi->gap_min, vi->gap_max);
	at = vi->start = v_clock(v, e, "start");
	content_v_trlist(v, e, "company_prep", 1, 12, &vi->company_prep);
	content_v_trlist(v, e, "advisor_prep", 1, 12, &vi->advisor_prep);
	a = content_v_arr(v, e, "agenda", 1, PROGRAMME_AGENDA_MAX);
	vi->npoints = json_array_size(a);
	json_array_foreach(a, i, pt) {
		struct programme_point *q = &vi->point[i];

		q->key = content_v_key(v, pt, "key");
		for (j = 0; j < i && !v->failed; j++)
			if (strcmp(vi->point[j].key, q->key) == 0)
				content_vfail(v, pt, "agenda key '%s' twice in "
				    "visit %zu", q->key, n + 1);
		q->minutes = (int)content_v_int(v, pt, "minutes", 5, 240);
		q->at = at;
		at += q->minutes;
		content_v_tr(v, pt, "title", &q->title);
	}
	vi->end = at;
	if (!v->failed && at > 24 * 60)
		content_vfail(v, e, "visit %zu's agenda runs past midnight",
		    n + 1);
	a = json_object_get(e, "deliverables");
	if (!json_is_array(a) ||
	    json_array_size(a) > PROGRAMME_DELIVERABLES_MAX) {
		content_vfail(v, e, "'deliverables' must be a list of keys");
		return;
	}
	json_array_foreach(a, i, dk) {
		int d = json_is_string(dk) ? programme_deliv(p,
		    json_string_value(dk)) : -1;

		if (d < 0) {
			content_vfail(v, a, "visit %zu: unknown deliverable "
			    "(the template's 'deliverables' list them)", n + 1);
			return;
		}
		if (p->deliv[d].visit != 0) {
			content_vfail(v, a, "deliverable '%s' is produced by "
			    "visits %d and %zu", p->deliv[d].key,
			    p->deliv[d].visit, n + 1);
			return;
		}
		p->deliv[d].visit = (int)n + 1;
		vi->deliv[vi->ndeliv++] = d;
	}
}

/* One template; name is its file's name without ".yaml". */
static void
load_programme(struct vctx *v, const json_t *root, const char *name,
    struct programme *p)
{
	const json_t *a, *e;
	size_t i, j;

	content_v_pack(v, root, "programme");
	p->key = content_v_key(v, root, "key");
	if (!v->failed && strcmp(p->key, name) != 0)
		content_vfail(v, root, "'key' must be the file's name, '%s'",
		    name);
	content_v_tr(v, root, "title", &p->title);
	content_v_tr(v, root, "summary", &p->summary);
	p->default_gap = (int)content_v_int(v, root, "default_gap", 1,
	    PROGRAMME_GAP_MAX);
	a = content_v_arr(v, root, "deliverables", 1,
	    PROGRAMME_DELIVERABLES_MAX);
	json_array_foreach(a, i, e) {
		p->deliv[i].key = content_v_key(v, e, "key");
		for (j = 0; j < i && !v->failed; j++)
			if (strcmp(p->deliv[j].key, p->deliv[i].key) == 0)
				content_vfail(v, e, "deliverable '%s' twice",
				    p->deliv[i].key);
		content_v_tr(v, e, "label", &p->deliv[i].label);
		if (!v->failed)
			p->ndeliv = i + 1;
	}
	a = content_v_arr(v, root, "visits", 1, PROGRAMME_VISITS_MAX);
	json_array_foreach(a, i, e) {
		if (v->failed)
			return;
		p->nvisits = i + 1;
		load_visit(v, e, p, i);
	}
	for (i = 0; i < p->ndeliv && !v->failed; i++)
		if (p->deliv[i].visit == 0)
			content_vfail(v, root, "deliverable '%s' is produced "
			    "by no visit", p->deliv[i].key);
}

int
programme_load_all(struct vctx *v, struct content *c, const char *dir)
{
	struct programme_pack *pp = &c->programmes;
	char path[4096], **names;
	int n, k, rc = 0;

	snprintf(path, sizeof(path), "%s/programmes", dir);
	if ((n = content_yaml_names(path, &names)) < 0) {
		snprintf(v->err, v->errlen, "%s: cannot read the folder", path);
		return -1;
	}
	pp->v = xcalloc((size_t)n + 1, sizeof(*pp->v));
	pp->trees = xcalloc((size_t)n + 1, sizeof(*pp->trees));
	if (n == 0) {
		snprintf(v->err, v->errlen, "%s: no template (.yaml) in it",
		    path);
		rc = -1;
	}
	for (k = 0; k < n && rc == 0; k++) {
		json_t *root;

		snprintf(path, sizeof(path), "%s/programmes/%s", dir,
		    names[k]);
		if ((root = yaml_load_file(path, v->err, v->errlen)) == NULL) {
			rc = -1;
			break;
		}
		pp->trees[pp->n++] = root;
		v->file = path;
		if (!json_is_object(root))
			content_vfail(v, root, "expected a mapping at the top");
		else
			load_programme(v, root, arena_strndup(v->esc,
			    names[k], strlen(names[k]) - 5),
			    &pp->v[pp->n - 1]);
		if (v->failed)
			rc = -1;
	}
	content_names_free(names, n);
	return rc;
}

void
programme_free_all(struct content *c)
{
	struct programme_pack *pp = &c->programmes;
	size_t i, j;

	for (i = 0; i < pp->n; i++) {
		for (j = 0; j < PROGRAMME_VISITS_MAX; j++) {
			content_trlist_free(&pp->v[i].visit[j].company_prep);
			content_trlist_free(&pp->v[i].visit[j].advisor_prep);
		}
		json_decref(pp->trees[i]);
	}
	free(pp->trees);
	free(pp->v);
	memset(pp, 0, sizeof(*pp));
}

const struct programme *
programme_find(const struct content *c, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < c->programmes.n; i++)
		if (strcmp(c->programmes.v[i].key, key) == 0)
			return &c->programmes.v[i];
	return NULL;
}

int
programme_deliv(const struct programme *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->ndeliv; i++)
		if (strcmp(p->deliv[i].key, key) == 0)
			return (int)i;
	return -1;
}
