#include "base/memo.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* Slots share this many locks (slot i takes lock i % MEMO_LOCKS), so
 * that threads looking up different keys seldom wait for each other. */
#define MEMO_LOCKS	16

struct slot {
	bool			 used;
	struct memo_stamp	 stamp;
	unsigned short		 n;		/* bytes in v */
	char			 key[MEMO_KEY_MAX + 1];
	unsigned char		 v[MEMO_VAL_MAX];
};

struct memo {
	pthread_mutex_t	 mu[MEMO_LOCKS];
	size_t		 mask;		/* slots - 1 */
	struct slot	*slot;
};

struct memo *
memo_new(size_t slots)
{
	struct memo *m = xcalloc(1, sizeof(*m));
	size_t n = 16;
	int i;

	while (n < slots && n < ((size_t)1 << 20))
		n <<= 1;
	m->mask = n - 1;
	/* calloc: slots nobody used cost no memory until touched */
	m->slot = xcalloc(n, sizeof(*m->slot));
	for (i = 0; i < MEMO_LOCKS; i++)
		pthread_mutex_init(&m->mu[i], NULL);
	return m;
}

void
memo_free(struct memo *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < MEMO_LOCKS; i++)
		pthread_mutex_destroy(&m->mu[i]);
	free(m->slot);
	free(m);
}

/* The slot of key (FNV-1a); its length in *len (OUT). */
static size_t
memo_index(const struct memo *m, const char *key, size_t *len)
{
	uint64_t h = 14695981039346656037ULL;
	const unsigned char *p = (const unsigned char *)key;

	for (; *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	*len = (size_t)(p - (const unsigned char *)key);
	return (size_t)(h ^ (h >> 32)) & m->mask;
}

int
memo_get(struct memo *m, const char *key, const struct memo_stamp *s,
    void *out, size_t cap)
{
	size_t len, i = memo_index(m, key, &len);
	pthread_mutex_t *mu = &m->mu[i % MEMO_LOCKS];
	struct slot *sl = &m->slot[i];
	int n = -1;

	if (len > MEMO_KEY_MAX)
		return -1;
	pthread_mutex_lock(mu);
	if (sl->used && sl->n <= cap && memcmp(&sl->stamp, s,
	    sizeof(*s)) == 0 && memcmp(sl->key, key, len + 1) == 0) {
		memcpy(out, sl->v, sl->n);
		n = sl->n;
	}
	pthread_mutex_unlock(mu);
	return n;
}

void
memo_put(struct memo *m, const char *key, const struct memo_stamp *s,
    const void *v, size_t n)
{
	size_t len, i = memo_index(m, key, &len);
	pthread_mutex_t *mu = &m->mu[i % MEMO_LOCKS];
	struct slot *sl = &m->slot[i];

	if (len > MEMO_KEY_MAX || n > MEMO_VAL_MAX)
		return;
	pthread_mutex_lock(mu);
	sl->used = true;
	sl->stamp = *s;
	sl->n = (unsigned short)n;
	memcpy(sl->key, key, len + 1);
	memcpy(sl->v, v, n);
	pthread_mutex_unlock(mu);
}
