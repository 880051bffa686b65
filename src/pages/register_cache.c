/*
 * register_cache: the rows of a register as the list page reads them,
 * kept between views under page_fresh()'s token, so a list of hundreds
 * of rows is read and parsed once per change, not once per view.  A set
 * is lent to one request at a time or many (refs) and freed only when
 * no request holds it; a set under another token is never handed out,
 * so nothing shown is older than what the database says.  Without a
 * token (the database cannot tell of changes) every view reads afresh.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/gz.h"
#include "base/xalloc.h"
#include "model/register.h"
#include "pages/pages.h"

#define SETS	32	/* registers of organisations kept at once */
#define FRAGS	8	/* rendered pieces kept a set */
#define FRAG_MAX ((size_t)256 << 10)	/* bytes of one piece */

struct reg_rowset {
	struct arena			 ar;	/* the rows and their texts */
	const struct register_decl	*d;
	int64_t				 org;
	char				*token;	/* NULL: lent alone, not kept */
	struct register_row		*rows;
	size_t				 n;
	const char			**titles;	/* sorted (strcmp) */
	size_t				 ntitles;
	size_t				*order;	/* the default order, once */
	size_t				 norder;
	struct {
		char	*key;
		char	*data;
		size_t	 n;
	}				 frag[FRAGS];	/* pages of it */
	size_t				 nextfrag;	/* the one to replace */
	unsigned			 refs;	/* requests holding it */
	uint64_t			 used;	/* when last lent (clock) */
};

struct reg_rowsets {
	pthread_mutex_t		 mu;
	struct reg_rowset	*set[SETS];
	uint64_t		 clock;
};

void *
register_cache_new(void)
{
	struct reg_rowsets *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->mu, NULL);
	return c;
}

static void
set_free(struct reg_rowset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < FRAGS; i++) {
		free(s->frag[i].key);
		free(s->frag[i].data);
	}
	arena_free(&s->ar);
	free(s->token);
	free(s);
}

void
register_cache_free(void *cache)
{
	struct reg_rowsets *c = cache;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < SETS; i++)
		set_free(c->set[i]);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

/* Read the rows of d in org into a new set. */
static struct reg_rowset *
set_read(struct req *r, const struct register_decl *d,
    const struct register_env *e, int *rc)
{
	struct db *db = req_app(r)->db;
	struct reg_rowset *s = xcalloc(1, sizeof(*s));
	struct db_conn *c;

	arena_init(&s->ar);
	s->d = d;
	s->org = r->org_id;
	s->refs = 1;
	c = db_acquire(db);
	*rc = register_list(c, e, d, r->org_id, &s->ar, &s->rows, &s->n);
	db_release(db, c);
	if (*rc != DB_OK) {
		set_free(s);
		return NULL;
	}
	s->titles = register_titles(d, s->rows, s->n, &s->ar, &s->ntitles);
	{
		struct register_query q;

		register_query_init(d, &q);
		s->order = register_select(d, s->rows, s->n, &q, &s->ar,
		    &s->norder);
	}
	return s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **
register_titles(const struct register_decl *d,
    const struct register_row *rows, size_t n, struct arena *ar, size_t *nt)
{
	const char **t = arena_alloc(ar, (n + 1) * sizeof(*t));
	size_t k;

	*nt = 0;
	for (k = 0; d->title >= 0 && k < n; k++)
		if (rows[k].v[d->title].set)
			t[(*nt)++] = rows[k].v[d->title].s;
	qsort(t, *nt, sizeof(*t), cmp_str);
	return t;
}

bool
register_title_taken(const char *const *titles, size_t nt, const char *s)
{
	return bsearch(&s, titles, nt, sizeof(*titles), cmp_str) != NULL;
}

const char *const *
register_cache_titles(const struct reg_rowset *set, size_t *nt)
{
	*nt = set->ntitles;
	return set->titles;
}

const size_t *
register_cache_select(struct req *r, const struct reg_rowset *set,
    const struct register_query *q, size_t *k)
{
	struct register_query dq;

	/* the order every first view asks for: worked out once a set */
	register_query_init(set->d, &dq);
	if (q->q == NULL && q->sort == dq.sort && q->desc == dq.desc &&
	    memcmp(q->filter, dq.filter, sizeof(dq.filter)) == 0) {
		*k = set->norder;
		return set->order;
	}
	return register_select(set->d, set->rows, set->n, q, &r->arena, k);
}

/* Whether d has a member field: its rows show members' names. */
static bool
names_members(const struct register_decl *d)
{
	size_t i;

	for (i = 0; i < d->nf; i++)
		if (d->f[i].type == RF_MEMBER)
			return true;
	return false;
}

const struct reg_rowset *
register_cache_get(struct req *r, const struct register_decl *d,
    const struct register_env *e, const struct register_row **rows,
    size_t *n, int *rc)
{
	struct reg_rowsets *c = req_app(r)->regrows;
	/* read before the rows: a change after it moves it (and, for a
	 * register that names members, a change of the memberships) */
	const char *token = page_fresh(r, r->org_id, names_members(d) ?
	    PAGE_FRESH_PEOPLE : PAGE_FRESH_ROUNDS);
	struct reg_rowset *s = NULL, *old = NULL;
	size_t i, slot = SETS;
	uint64_t oldest = UINT64_MAX;

	*rc = DB_OK;
	if (c != NULL && token != NULL) {
		pthread_mutex_lock(&c->mu);
		for (i = 0; i < SETS; i++) {
			struct reg_rowset *x = c->set[i];

			if (x != NULL && x->d == d && x->org == r->org_id &&
			    strcmp(x->token, token) == 0) {
				s = x;
				s->refs++;
				s->used = ++c->clock;
				break;
			}
		}
		pthread_mutex_unlock(&c->mu);
	}
	if (s == NULL) {
		if ((s = set_read(r, d, e, rc)) == NULL)
			return NULL;
		if (c != NULL && token != NULL) {
			s->token = xstrdup(token);
			pthread_mutex_lock(&c->mu);
			/* an empty slot, or the least recently lent set no
			 * request holds; an older set of the same register
			 * gives way first */
			for (i = 0; i < SETS; i++) {
				struct reg_rowset *x = c->set[i];

				if (x == NULL) {
					slot = i;
					break;
				}
				if (x->refs > 0)
					continue;
				if (x->d == d && x->org == r->org_id) {
					slot = i;
					break;
				}
				if (x->used < oldest) {
					oldest = x->used;
					slot = i;
				}
			}
			if (slot < SETS) {
				old = c->set[slot];
				c->set[slot] = s;
				s->used = ++c->clock;
			} else {
				free(s->token);	/* all busy: lend it alone */
				s->token = NULL;
			}
			pthread_mutex_unlock(&c->mu);
			set_free(old);
		}
	}
	*rows = s->rows;
	*n = s->n;
	return s;
}

void
register_cache_put(struct req *r, const struct reg_rowset *set)
{
	struct reg_rowsets *c = req_app(r)->regrows;
	struct reg_rowset *s = (struct reg_rowset *)set;
	bool gone;

	if (s == NULL)
		return;
	if (s->token == NULL || c == NULL) {
		set_free(s);
		return;
	}
	pthread_mutex_lock(&c->mu);
	s->refs--;
	/* replaced while it was lent: the last holder frees it */
	gone = s->refs == 0;
	if (gone) {
		size_t i;

		for (i = 0; i < SETS && gone; i++)
			if (c->set[i] == s)
				gone = false;
	}
	pthread_mutex_unlock(&c->mu);
	if (gone)
		set_free(s);
}

bool
register_cache_frag(struct req *r, const struct reg_rowset *set,
    const char *key)
{
	struct reg_rowsets *c = req_app(r)->regrows;
	void *piece = NULL;
	size_t i, n = 0;

	if (c == NULL || set->token == NULL)
		return false;
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < FRAGS && piece == NULL; i++)
		if (set->frag[i].key != NULL &&
		    strcmp(set->frag[i].key, key) == 0) {
			/* the response is sent after the set goes back:
			 * the request keeps a copy */
			n = set->frag[i].n;
			piece = arena_alloc(&r->arena, n);
			memcpy(piece, set->frag[i].data, n);
		}
	pthread_mutex_unlock(&c->mu);
	if (piece == NULL)
		return false;
	req_splice_gz(r, piece, n);
	return true;
}

void
register_cache_keep(struct req *r, const struct reg_rowset *set,
    const char *key, size_t from)
{
	struct reg_rowsets *c = req_app(r)->regrows;
	struct reg_rowset *s = (struct reg_rowset *)set;
	struct buf z = BUF_INIT;
	char *k, *oldk, *oldv;
	size_t i;

	if (c == NULL || s->token == NULL || r->out.err ||
	    r->out.n - from > FRAG_MAX)
		return;
	/* kept deflated: a gzip response copies it as it is */
	if (gz_piece(&z, r->out.p + from, r->out.n - from, GZ_KEEP) != 0) {
		buf_free(&z);
		return;
	}
	k = xstrdup(key);
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < FRAGS; i++)
		if (s->frag[i].key != NULL && strcmp(s->frag[i].key, key) == 0)
			break;
	if (i == FRAGS)
		i = s->nextfrag++ % FRAGS;
	oldk = s->frag[i].key;
	oldv = s->frag[i].data;
	s->frag[i].key = k;
	s->frag[i].n = z.n;
	s->frag[i].data = buf_detach(&z);
	pthread_mutex_unlock(&c->mu);
	free(oldk);
	free(oldv);
}
