/*
 * intake: the answers of an intake questionnaire as a flat set of
 * entries, read from and written as one JSON object.
 */
#include "model/intake.h"

#include <jansson.h>
#include <string.h>

#include "base/esc.h"
#include "base/str.h"

void
intake_init(struct intake_answers *a, struct arena *ar)
{
	a->n = 0;
	a->v = arena_alloc(ar, INTAKE_ENTRIES_MAX * sizeof(*a->v));
}

bool
intake_key_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' &&
		    s[n] <= '9') || s[n] == '.' || s[n] == '_'))
			return false;
	return n > 0 && n <= INTAKE_KEY_MAX;
}

bool
intake_text_ok(const char *s)
{
	const char *p;

	if (s == NULL || !str_utf8_valid(str_c(s)))
		return false;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			return false;
		else if (*p == 0x7f)
			return false;
	return str_utf8_count(str_c(s)) <= INTAKE_TEXT_MAX;
}

/* The index of key in a, or a->n. */
static size_t
slot(const struct intake_answers *a, const char *key)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, key) == 0)
			break;
	return i;
}

/* Drop entry i, keeping the order of the others. */
static void
drop(struct intake_answers *a, size_t i)
{
	if (i >= a->n)
		return;
	memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof(a->v[0]));
	a->n--;
}

int
intake_set(struct intake_answers *a, struct arena *ar, const char *key,
    const char *text)
{
	size_t i;

	if (!intake_key_ok(key))
		return -1;
	i = slot(a, key);
	if (text == NULL || text[0] == '\0') {
		drop(a, i);
		return 0;
	}
	if (!intake_text_ok(text) || (i == a->n && a->n >= INTAKE_ENTRIES_MAX))
		return -1;
	if (i == a->n)
		a->v[a->n++].key = arena_strdup(ar, key);
	a->v[i].text = arena_strdup(ar, text);
	a->v[i].list = NULL;
	a->v[i].nlist = 0;
	return 0;
}

int
intake_set_list(struct intake_answers *a, struct arena *ar, const char *key,
    const char *const *v, size_t n)
{
	const char **list;
	size_t i, k;

	if (!intake_key_ok(key) || n > INTAKE_LIST_MAX)
		return -1;
	for (k = 0; k < n; k++)
		if (!intake_key_ok(v[k]))
			return -1;
	i = slot(a, key);
	if (n == 0) {
		drop(a, i);
		return 0;
	}
	if (i == a->n && a->n >= INTAKE_ENTRIES_MAX)
		return -1;
	list = arena_alloc(ar, n * sizeof(*list));
	for (k = 0; k < n; k++)
		list[k] = arena_strdup(ar, v[k]);
	if (i == a->n)
		a->v[a->n++].key = arena_strdup(ar, key);
	a->v[i].text = NULL;
	a->v[i].list = list;
	a->v[i].nlist = n;
	return 0;
}

const struct intake_entry *
intake_find(const struct intake_answers *a, const char *key)
{
	size_t i = key != NULL ? slot(a, key) : a->n;

	return i < a->n ? &a->v[i] : NULL;
}

const char *
intake_text(const struct intake_answers *a, const char *key)
{
	const struct intake_entry *e = intake_find(a, key);

	return e != NULL ? e->text : NULL;
}

bool
intake_has(const struct intake_answers *a, const char *key, const char *item)
{
	const struct intake_entry *e = intake_find(a, key);
	size_t k;

	if (e == NULL || e->text != NULL)
		return false;
	for (k = 0; k < e->nlist; k++)
		if (strcmp(e->list[k], item) == 0)
			return true;
	return false;
}

/* A JSON string that holds no NUL (jansson allows one inside). */
static const char *
plain_string(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && strlen(s) == json_string_length(v) ? s : NULL;
}

int
intake_read(const char *json, struct intake_answers *a, struct arena *ar)
{
	const char *list[INTAKE_LIST_MAX];
	json_t *o, *v, *it;
	const char *key;
	size_t k;
	int rc = 0;

	intake_init(a, ar);
	if (json == NULL || json[0] == '\0')
		return 0;
	if ((o = json_loads(json, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return -1;
	if (!json_is_object(o) || json_object_size(o) > INTAKE_ENTRIES_MAX) {
		json_decref(o);
		return -1;
	}
	json_object_foreach(o, key, v) {
		const char *s = plain_string(v);

		if (s != NULL) {
			if (s[0] == '\0' || intake_set(a, ar, key, s) != 0)
				rc = -1;
		} else if (json_is_array(v) && json_array_size(v) > 0 &&
		    json_array_size(v) <= INTAKE_LIST_MAX) {
			json_array_foreach(v, k, it)
				if ((list[k] = plain_string(it)) == NULL)
					rc = -1;
			if (rc == 0 && intake_set_list(a, ar, key, list,
			    json_array_size(v)) != 0)
				rc = -1;
		} else
			rc = -1;
		if (rc != 0)
			break;
	}
	json_decref(o);
	if (rc != 0)
		intake_init(a, ar);
	return rc;
}

void
intake_write(const struct intake_answers *a, struct buf *out)
{
	size_t i, k;

	buf_addc(out, '{');
	for (i = 0; i < a->n; i++) {
		const struct intake_entry *e = &a->v[i];

		if (i > 0)
			buf_adds(out, ", ");
		esc_json(out, str_c(e->key));
		buf_adds(out, ": ");
		if (e->text != NULL) {
			esc_json(out, str_c(e->text));
			continue;
		}
		buf_addc(out, '[');
		for (k = 0; k < e->nlist; k++) {
			if (k > 0)
				buf_adds(out, ", ");
			esc_json(out, str_c(e->list[k]));
		}
		buf_addc(out, ']');
	}
	buf_addc(out, '}');
}
