/*
 * exercise: placeholders, answers and follow-up lines of a tabletop
 * exercise.
 */
#include "model/exercise.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/str.h"

static const char *const ph_keys[EXPH__MAX] = {
	[EXPH_COMPANY] = "company",
	[EXPH_S_PROCESSES] = "s_processes",
	[EXPH_A_PROCESSES] = "a_processes",
	[EXPH_RTO_S] = "rto_s",
	[EXPH_RTO_A] = "rto_a",
	[EXPH_S_WORKAROUNDS] = "s_workarounds",
	[EXPH_BACKUP_SYSTEMS] = "backup_systems",
	[EXPH_OFFLINE_SYSTEMS] = "offline_systems",
	[EXPH_UNTESTED_SYSTEMS] = "untested_systems",
	[EXPH_CONTACTS_POWER] = "contacts_power",
	[EXPH_CONTACTS_HARDWARE] = "contacts_hardware",
	[EXPH_CONTACTS_SOFTWARE] = "contacts_software",
	[EXPH_CONTACTS_NETWORK] = "contacts_network",
	[EXPH_CONTACTS_LINES] = "contacts_lines",
	[EXPH_CONTACTS_CLOUD_BACKUP] = "contacts_cloud_backup",
	[EXPH_CONTACTS_CUSTOMERS] = "contacts_customers",
	[EXPH_CONTACTS_EMPLOYEES] = "contacts_employees",
	[EXPH_CONTACTS_OTHER] = "contacts_other",
};

static const char *const status_keys[EXS__MAX] = {
	[EXS_PLANNED] = "planned",
	[EXS_RUNNING] = "running",
	[EXS_DONE] = "done",
};

const char *
exercise_ph_key(enum exercise_ph ph)
{
	return (unsigned)ph < EXPH__MAX ? ph_keys[ph] : NULL;
}

int
exercise_ph_of(const char *s, size_t n)
{
	int k;

	for (k = 0; k < EXPH__MAX; k++)
		if (strlen(ph_keys[k]) == n && memcmp(ph_keys[k], s, n) == 0)
			return k;
	return -1;
}

const char *
exercise_status_key(enum exercise_status s)
{
	return (unsigned)s < EXS__MAX ? status_keys[s] : NULL;
}

/* The placeholder opening at text[i] ('{'): its index, *end the offset
 * past its '}'; -1 when it is none. */
static int
ph_at(const char *text, size_t i, size_t *end)
{
	const char *close = strchr(text + i + 1, '}');
	const char *open = strchr(text + i + 1, '{');
	int k;

	if (close == NULL || (open != NULL && open < close))
		return -1;
	k = exercise_ph_of(text + i + 1, (size_t)(close - text - i - 1));
	*end = (size_t)(close - text) + 1;
	return k;
}

int
exercise_ph_check(const char *text, size_t *at, size_t *len)
{
	size_t i, end;

	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] != '{' && text[i] != '}')
			continue;
		if (text[i] == '{' && ph_at(text, i, &end) >= 0) {
			i = end - 1;
			continue;
		}
		*at = i;
		*len = 1;
		if (text[i] == '{' && strchr(text + i, '}') != NULL)
			*len = (size_t)(strchr(text + i, '}') - text - i) + 1;
		return -1;
	}
	return 0;
}

const char *
exercise_fill(const char *text, const char *const value[EXPH__MAX],
    struct arena *ar)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i, end;
	int k;

	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '{' && (k = ph_at(text, i, &end)) >= 0 &&
		    value[k] != NULL) {
			buf_add(&b, value[k], strlen(value[k]));
			i = end - 1;
		} else
			buf_addc(&b, text[i]);
	}
	out = arena_strndup(ar, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* Characters (UTF-8 lead bytes) of s. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* "I.Q" with both within bounds: 0-based into *i, *q; else -1. */
static int
answer_key(const char *key, int *i, int *q)
{
	char *end;
	long a, b;

	if (key[0] < '1' || key[0] > '9')
		return -1;
	a = strtol(key, &end, 10);
	if (*end != '.' || end[1] < '1' || end[1] > '9')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end != '\0' || a < 1 || a > EXERCISE_INJECTS_MAX || b < 1 ||
	    b > EXERCISE_QUESTIONS_MAX)
		return -1;
	*i = (int)a - 1;
	*q = (int)b - 1;
	return 0;
}

int
exercise_answers_read(const char *json, struct exercise_answers *a,
    struct arena *ar)
{
	json_t *o, *v;
	const char *key;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	if (json == NULL || json[0] == '\0')
		return 0;
	if ((o = json_loads(json, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	json_object_foreach(o, key, v) {
		const char *s = json_string_value(v);
		int i, q;

		if (answer_key(key, &i, &q) != 0 || s == NULL ||
		    chars(s) > EXERCISE_ANSWER_MAX ||
		    strlen(s) != json_string_length(v)) {
			rc = -1;
			break;
		}
		a->text[i][q] = s[0] != '\0' ? arena_strdup(ar, s) : NULL;
	}
	json_decref(o);
	return rc;
}

void
exercise_answers_write(const struct exercise_answers *a, struct buf *out)
{
	const char *sep = "";
	int i, q;

	buf_addc(out, '{');
	for (i = 0; i < EXERCISE_INJECTS_MAX; i++)
		for (q = 0; q < EXERCISE_QUESTIONS_MAX; q++) {
			if (a->text[i][q] == NULL || a->text[i][q][0] == '\0')
				continue;
			buf_printf(out, "%s\"%d.%d\": ", sep, i + 1, q + 1);
			esc_json(out, str_c(a->text[i][q]));
			sep = ", ";
		}
	buf_addc(out, '}');
}

size_t
exercise_answers_count(const struct exercise_answers *a)
{
	size_t n = 0;
	int i, q;

	for (i = 0; i < EXERCISE_INJECTS_MAX; i++)
		for (q = 0; q < EXERCISE_QUESTIONS_MAX; q++)
			if (a->text[i][q] != NULL && a->text[i][q][0] != '\0')
				n++;
	return n;
}

/* The length of a blank at s (space, tab, CR, U+3000), or 0. */
static size_t
blank(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r')
		return 1;
	if (memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* The length of a bullet and the blanks after it at s, or 0. */
static size_t
bullet(const char *s, const char *end)
{
	static const char *const marks[] = { "- ", "* ", "\xE3\x83\xBB",
	    "\xE2\x80\xA2" };
	size_t k, n;

	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		n = strlen(marks[k]);
		if ((size_t)(end - s) >= n && memcmp(s, marks[k], n) == 0) {
			while (s + n < end && blank(s + n) > 0)
				n += blank(s + n);
			return n;
		}
	}
	return 0;
}

size_t
exercise_lines(const char *text, struct arena *ar, const char ***out)
{
	const char *p = text != NULL ? text : "", *e, *end;
	const char **v;
	size_t n = 0, cap = 1, k;

	for (k = 0; p[k] != '\0'; k++)
		if (p[k] == '\n')
			cap++;
	v = arena_alloc(ar, (cap + 1) * sizeof(*v));
	while (*p != '\0') {
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		e = end;
		while (p < e && (k = blank(p)) > 0)
			p += k;
		p += bullet(p, e);
		/* trailing blanks: the last byte of each kind */
		for (;;) {
			if (e > p && (e[-1] == ' ' || e[-1] == '\t' ||
			    e[-1] == '\r'))
				e--;
			else if (e - p >= 3 && memcmp(e - 3, "\xE3\x80\x80",
			    3) == 0)
				e -= 3;
			else
				break;
		}
		if (e > p)
			v[n++] = arena_strndup(ar, p, (size_t)(e - p));
		p = *end == '\n' ? end + 1 : end;
	}
	v[n] = NULL;
	*out = v;
	return n;
}

const char *
exercise_source(long long id, struct arena *ar)
{
	return arena_printf(ar, "exercise:%lld", id);
}
