/*
 * content_int: what the loaders of content/ share across their files
 * (content.c holds the checks; a pack with a loader of its own, such as
 * hearing.c, uses them so that its errors read like every other pack's:
 * FILE:LINE:COLUMN: message, the first one only).
 */
#ifndef MAMORI_CONTENT_INT_H
#define MAMORI_CONTENT_INT_H

#include <jansson.h>
#include <stddef.h>

#include "content/content.h"

/* Validation context: the file being checked and where errors go. */
struct vctx {
	struct arena	*esc;		/* where escaped copies go */
	const char	*file;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

/* The first error of a pack, at the position of at. */
void		 content_vfail(struct vctx *v, const json_t *at,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "pack: name" and "version: 1" at the top. */
void		 content_v_pack(struct vctx *v, const json_t *root,
		    const char *name);
/* Non-empty text under key ("" after an error). */
const char	*content_v_str(struct vctx *v, const json_t *obj,
		    const char *key);
/* A key: lower-case letters, digits and '_', starting with a letter. */
const char	*content_v_key(struct vctx *v, const json_t *obj,
		    const char *key);
/* A list of min…max entries under key (NULL after an error, which
 * jansson reads as empty). */
const json_t	*content_v_arr(struct vctx *v, const json_t *obj,
		    const char *key, size_t min, size_t max);
/* A {ja, en} text under key, with its escaped copies. */
void		 content_v_tr(struct vctx *v, const json_t *obj,
		    const char *key, struct tr *out);
/* A {ja: [..], en: [..]} list of min…max texts each (arrays allocated:
 * free with content_trlist_free). */
void		 content_v_trlist(struct vctx *v, const json_t *obj,
		    const char *key, size_t min, size_t max,
		    struct trlist *out);
void		 content_trlist_free(struct trlist *t);
/* A whole number from min to max under key (min after an error). */
long		 content_v_int(struct vctx *v, const json_t *obj,
		    const char *key, long min, long max);
/* Braces of t only as "{key}" with key one of keys[0..n). */
void		 content_v_braces(struct vctx *v, const json_t *at,
		    const struct tr *t, const char *const *keys, size_t n);

/* content/hearing.c: load content/hearing.yaml and content/pledge.yaml
 * under dir into c->hearing and c->pledge; 0, or -1 with v's error set.
 * hearing_packs_free() undoes it (also after a failure). */
int		 hearing_packs_load(struct vctx *v, struct content *c,
		    const char *dir);
void		 hearing_packs_free(struct content *c);

/*
 * The names of the .yaml files of folder path, in byte order, into
 * *names (each and the array malloc'ed; free with content_names_free).
 * The count, or -1 when the folder cannot be read.
 */
int		 content_yaml_names(const char *path, char ***names);
void		 content_names_free(char **names, int n);

/* content/programmes/ (programme.c): load every template under dir into
 * c->programmes; 0, or -1 with v's error set.  programme_free_all()
 * undoes it (also after a failure). */
int		 programme_load_all(struct vctx *v, struct content *c,
		    const char *dir);
void		 programme_free_all(struct content *c);

/* content/reference.c (issue 16).  reference_desk: a desk's kinds and
 * topics, under e, into d (from load_desks).  reference_load: the
 * top-10 threats of content/threats/ and content/sme.yaml under dir
 * into c->top10 and c->sme, after the registers' and the org pack;
 * 0, or -1 with v's error set.  reference_free() undoes both (also
 * after a failure). */
void		 reference_desk(struct vctx *v, const json_t *e,
		    struct desk *d);
int		 reference_load(struct vctx *v, struct content *c,
		    const char *dir);
void		 reference_free(struct content *c);
/* A calendar date "YYYY-MM-DD" under key ("2000-01-01" after an
 * error). */
const char	*content_v_date(struct vctx *v, const json_t *obj,
		    const char *key);

/* content/damage.yaml (damage.c): load it under dir into c->damage; 0, or
 * -1 with v's error set.  damage_pack_free() undoes it (also after a
 * failure). */
int		 damage_pack_load(struct vctx *v, struct content *c,
		    const char *dir);
void		 damage_pack_free(struct content *c);

#endif
