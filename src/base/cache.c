#include "base/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct entry {
	struct entry	*prev, *next;	/* LRU list, most recent first */
	char		*key;
	char		*data;
	size_t		 n;
};

struct cache {
	pthread_mutex_t	 mu;
	struct entry	*head, *tail;
	size_t		 bytes;		/* sum of n */
	size_t		 max;
};

struct cache *
cache_new(size_t max_bytes)
{
	struct cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->mu, NULL);
	c->max = max_bytes;
	return c;
}

static void
unlink_entry(struct cache *c, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void
push_front(struct cache *c, struct entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head)
		c->head->prev = e;
	c->head = e;
	if (c->tail == NULL)
		c->tail = e;
}

static void
drop(struct cache *c, struct entry *e)
{
	unlink_entry(c, e);
	c->bytes -= e->n;
	free(e->key);
	free(e->data);
	free(e);
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	while (c->head)
		drop(c, c->head);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

/* Linear search: the cache holds tens of entries, not thousands. */
static struct entry *
find(struct cache *c, const char *key)
{
	struct entry *e;

	for (e = c->head; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

bool
cache_get(struct cache *c, const char *key, struct buf *out)
{
	struct entry *e;
	bool hit = false;

	pthread_mutex_lock(&c->mu);
	if ((e = find(c, key)) != NULL) {
		unlink_entry(c, e);
		push_front(c, e);
		/* Grow once, not by doubling through a large value. */
		if (buf_reserve(out, e->n + 4096) != NULL)
			buf_add(out, e->data, e->n);
		hit = true;
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void *
cache_get_a(struct cache *c, const char *key, struct arena *a, size_t *n)
{
	struct entry *e;
	void *v = NULL;

	pthread_mutex_lock(&c->mu);
	if ((e = find(c, key)) != NULL) {
		unlink_entry(c, e);
		push_front(c, e);
		v = arena_alloc(a, e->n ? e->n : 1);
		memcpy(v, e->data, e->n);
		*n = e->n;
	}
	pthread_mutex_unlock(&c->mu);
	return v;
}

void
cache_put(struct cache *c, const char *key, const void *data, size_t n)
{
	struct entry *e;

	if (n > c->max / 4)
		return;
	e = xcalloc(1, sizeof(*e));
	e->key = xstrdup(key);
	e->data = xmalloc(n);
	memcpy(e->data, data, n);
	e->n = n;
	pthread_mutex_lock(&c->mu);
	{
		struct entry *old = find(c, key);

		if (old)
			drop(c, old);
	}
	while (c->tail && c->bytes + n > c->max)
		drop(c, c->tail);
	push_front(c, e);
	c->bytes += n;
	pthread_mutex_unlock(&c->mu);
}
