/*
 * grants: the value of an RF_GRANTS field (register.h), a map from rows
 * of a target register (the people of the inventories) to a key of a
 * closed legend declared with the field (update | read; allowed |
 * with_permission | not_allowed).  A person absent from the map has no
 * access.
 *
 * Text form (a form field, a CSV cell, the API's object turned to text):
 * items separated as lists are ("," ";" "、" line breaks), each
 * "<person>=<value>", the person a row id or the row's title, the value
 * a legend key, one of its labels or its mark; an empty value, "none",
 * "なし", "－" or "-" (and "×" where the legend has no key for it) means
 * no access and is left out.  Stored (register_val.s), always
 * "<id>=<key>,<id>=<key>" with ids ascending, register_val.i the count;
 * while some person is named by title, i is 0 and s keeps the items as
 * given ("<title>=<key>,…") for register_names_check to look up.
 *
 * Model only: no HTTP, no SQL.
 */
#ifndef MAMORI_MODEL_GRANTS_H
#define MAMORI_MODEL_GRANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"
#include "model/register.h"

#define GRANTS_MAX	500	/* people one value may name */

/* One person's access. */
struct grant {
	int64_t		 id;	/* the row's id; 0 while named by title */
	const char	*ref;	/* the title given (id 0), else "" */
	int		 key;	/* index in the legend */
};

/*
 * The items of text s read against legend (the field's key set ks) into
 * *v (in ar), *n of them, in the order given, a person named twice kept
 * once with the later value.  RFE_OK; RFE_FORMAT when an item has no
 * "=" or no person; RFE_GRANT_KEY (*a = ks) for a value outside the
 * legend; RFE_TOO_LONG (*a = GRANTS_MAX) past GRANTS_MAX people.
 */
enum rf_err	 grants_parse(const struct register_keys *legend,
		    enum register_keyset ks, struct str s, struct arena *ar,
		    struct grant **v, size_t *n, long *a);
/* v[0..n) sorted by id (every id > 0) as the stored text, in ar. */
const char	*grants_canon(const struct register_keys *legend,
		    struct grant *v, size_t n, struct arena *ar);
/* The grants of a stored value (canonical s) into *v (in ar): how many.
 * A key no longer in the legend is left out. */
size_t		 grants_of(const struct register_keys *legend,
		    const struct register_val *val, struct arena *ar,
		    struct grant **v);
/* The legend index person id has in val, or -1 (no access). */
int		 grants_get(const struct register_keys *legend,
		    const struct register_val *val, int64_t id);
/* The short mark of legend key k of key set ks, or of no access (k < 0):
 * static text. */
const char	*grants_mark(enum register_keyset ks, int k);
/* Whether legend key k of ks gives some access (update, read, allowed,
 * with_permission; not not_allowed). */
bool		 grants_access(enum register_keyset ks, int k);

#endif
