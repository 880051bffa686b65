/*
 * intake: the answers of an incident's intake questionnaire (問診票,
 * issue 14) as one flat set of entries, each a key with either a text or
 * a list of keys (the options ticked of a multiple choice), kept as one
 * JSON object in the incident_intake register ({"q.1": "yes",
 * "q.4": ["pc_infected"], "q.6.since": "3月1日ごろ"}).
 *
 * Which keys exist and what they may hold is the questionnaire's (the
 * content pack content/intake.yaml, read by report/incident_intake.c):
 * this file only keeps the shape sound — keys of [a-z0-9._], texts of
 * UTF-8 without control characters other than line breaks and tabs,
 * each within its limit — so that whatever was stored reads back.
 *
 * Model only: no HTTP, no SQL, no content pack.
 */
#ifndef MAMORI_MODEL_INTAKE_H
#define MAMORI_MODEL_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

#define INTAKE_KEY_MAX		64	/* bytes of a key */
#define INTAKE_TEXT_MAX		2000	/* characters of one text */
#define INTAKE_LIST_MAX		16	/* keys of one list */
#define INTAKE_ENTRIES_MAX	256	/* entries of one questionnaire */

/* One entry: a text, or (text NULL) a list of keys. */
struct intake_entry {
	const char	 *key;
	const char	 *text;		/* never "" (an empty text is no
					   entry); NULL for a list */
	const char	**list;		/* nlist keys, when text is NULL */
	size_t		  nlist;	/* at least 1 */
};

struct intake_answers {
	size_t			 n;
	struct intake_entry	*v;	/* [INTAKE_ENTRIES_MAX], in the order
					   set or read */
};

/* An empty set whose room (INTAKE_ENTRIES_MAX entries) is in ar. */
void		 intake_init(struct intake_answers *a, struct arena *ar);
/*
 * Read a stored JSON object into a (intake_init'ed here; memory in ar):
 * 0, or -1 when json is not an object whose members each are a
 * non-empty string or a non-empty array of strings that are keys, with
 * keys and texts as described above and at most INTAKE_ENTRIES_MAX
 * members.  NULL or "" reads as an empty set.
 */
int		 intake_read(const char *json, struct intake_answers *a,
		    struct arena *ar);
/* a as a JSON object, appended to out ("{}" when empty). */
void		 intake_write(const struct intake_answers *a, struct buf *out);
/* True when s is a key: 1…INTAKE_KEY_MAX bytes of a-z, 0-9, '.', '_'. */
bool		 intake_key_ok(const char *s);
/* True when s may be a text: UTF-8, no control character but LF and
 * TAB, at most INTAKE_TEXT_MAX characters. */
bool		 intake_text_ok(const char *s);
/*
 * Set key to text (copied into ar), replacing what it held; an empty or
 * NULL text removes the key.  -1 when the key or the text is not one
 * (intake_key_ok, intake_text_ok) or the set is full; nothing changes
 * then.
 */
int		 intake_set(struct intake_answers *a, struct arena *ar,
		    const char *key, const char *text);
/* Set key to the list v[0..n) (copied), the same way; n 0 removes it.
 * -1 when a key is not one or n > INTAKE_LIST_MAX. */
int		 intake_set_list(struct intake_answers *a, struct arena *ar,
		    const char *key, const char *const *v, size_t n);
/* The entry of key, or NULL. */
const struct intake_entry *intake_find(const struct intake_answers *a,
		    const char *key);
/* The text of key, or NULL (none, or a list). */
const char	*intake_text(const struct intake_answers *a, const char *key);
/* True when key is a list holding item. */
bool		 intake_has(const struct intake_answers *a, const char *key,
		    const char *item);

#endif
