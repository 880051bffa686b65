#include "model/register.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/grants.h"
#include "model/inventory.h"
#include "model/office.h"
#include "model/org.h"

static const char *const err_keys[RFE__MAX] = {
	[RFE_OK] = "",
	[RFE_REQUIRED] = "required",
	[RFE_UTF8] = "encoding",
	[RFE_TOO_LONG] = "too_long",
	[RFE_NOT_INT] = "not_integer",
	[RFE_RANGE] = "out_of_range",
	[RFE_KEY] = "unknown_key",
	[RFE_DATE] = "bad_date",
	[RFE_MONTH] = "bad_month",
	[RFE_BOOL] = "not_boolean",
	[RFE_READONLY] = "read_only",
	[RFE_UNKNOWN] = "unknown_field",
	[RFE_TYPE] = "wrong_type",
	[RFE_REF] = "no_such_row",
	[RFE_TAKEN] = "taken",
	[RFE_PAST] = "past",
	[RFE_TOO_FAR] = "too_far",
	[RFE_FORMAT] = "bad_format",
	[RFE_REASON] = "reason_needed",
	[RFE_FUTURE] = "future",
	[RFE_EXCEEDS] = "exceeds",
	[RFE_DATETIME] = "bad_datetime",
	[RFE_BEFORE] = "before_detected",
	[RFE_MEMBER] = "not_member",
	[RFE_AMBIGUOUS] = "ambiguous_ref",
	[RFE_CLOSED] = "closed",
	[RFE_PLAYBOOK] = "not_in_playbook",
	[RFE_UNREPORTED] = "unreported",
	[RFE_NOT_SELF] = "not_self",
	[RFE_GRANT_KEY] = "grant_value",
	[RFE_GRANT_REF] = "grant_person",
	[RFE_PASSWORD] = "password_field",
};

const char *
register_err_key(enum rf_err e)
{
	return (unsigned)e < RFE__MAX ? err_keys[e] : "";
}

int
register_field(const struct register_decl *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->nf; i++)
		if (strcmp(d->f[i].key, key) == 0)
			return (int)i;
	return -1;
}

void
register_err_add(struct register_errs *errs, int field, const char *name,
    enum rf_err code, long a, long b)
{
	struct register_err *e;

	if (errs->n >= sizeof(errs->e) / sizeof(errs->e[0]))
		return;
	e = &errs->e[errs->n++];
	e->at = 0;
	e->field = field;
	e->name = name;
	e->code = code;
	e->a = a;
	e->b = b;
	e->what = NULL;
}

/* ---- one value ---------------------------------------------------------- */

/* s without ASCII white space and U+3000 at both ends. */
static struct str
trim(struct str s)
{
	for (;;) {
		s = str_trim(s);
		if (s.n >= 3 && memcmp(s.p, "\xe3\x80\x80", 3) == 0) {
			s.p += 3;
			s.n -= 3;
		} else if (s.n >= 3 &&
		    memcmp(s.p + s.n - 3, "\xe3\x80\x80", 3) == 0)
			s.n -= 3;
		else
			return s;
	}
}

/* True when s has a control character a field of this type may not
 * hold: any C0 but tab and, in long text, line breaks; DEL; C1. */
static bool
has_control(struct str s, bool lines)
{
	size_t i;

	for (i = 0; i < s.n; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		if (ch == '\t' || (lines && (ch == '\n' || ch == '\r')))
			continue;
		if (ch < 0x20 || ch == 0x7f)
			return true;
		if (ch == 0xc2 && i + 1 < s.n &&
		    (unsigned char)s.p[i + 1] >= 0x80 &&
		    (unsigned char)s.p[i + 1] <= 0x9f)
			return true;
	}
	return false;
}

/* s with every CRLF and lone CR made LF (in ar when it had any). */
static struct str
lf_only(struct arena *ar, struct str s)
{
	char *o, *t;
	size_t i;

	if (memchr(s.p, '\r', s.n) == NULL)
		return s;
	t = o = arena_alloc(ar, s.n + 1);
	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '\r') {
			*o++ = '\n';
			if (i + 1 < s.n && s.p[i + 1] == '\n')
				i++;
		} else
			*o++ = s.p[i];
	}
	return (struct str){ t, (size_t)(o - t) };
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM (n 7) or YYYY-MM-DD (n 10) of a real month or day, years
 * 1900…2999. */
static bool
date_ok(struct str s, bool day)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	long y, m, d;

	if (s.n != (day ? 10u : 7u) || s.p[4] != '-' ||
	    !digits(s.p, 4) || !digits(s.p + 5, 2))
		return false;
	y = strtol(s.p, NULL, 10);
	m = (s.p[5] - '0') * 10 + (s.p[6] - '0');
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return false;
	if (!day)
		return true;
	if (s.p[7] != '-' || !digits(s.p + 8, 2))
		return false;
	d = (s.p[8] - '0') * 10 + (s.p[9] - '0');
	return d >= 1 && d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* s with its ASCII letters in lower case, in ar. */
static const char *
lower(struct arena *ar, struct str s)
{
	char *t = arena_strndup(ar, s.p, s.n);
	size_t i;

	for (i = 0; i < s.n; i++)
		if (t[i] >= 'A' && t[i] <= 'Z')
			t[i] = (char)(t[i] - 'A' + 'a');
	return t;
}

/* Two digits at p, or -1. */
static int
two(const char *p)
{
	return digits(p, 2) ? (p[0] - '0') * 10 + (p[1] - '0') : -1;
}

/*
 * A moment from "YYYY-MM-DDTHH:MM[:SS]" (a space for the T allowed)
 * followed by "Z", "+HH:MM", "-HH:MM" or nothing (Japan time), as Unix
 * seconds in *t.  False when it is not one, or not a real day and time.
 */
static bool
datetime_of(struct str s, int64_t *t)
{
	struct tm tm;
	int hh, mm, ss = 0, oh, om, sign;
	size_t k;

	if (s.n < 16 || !date_ok((struct str){ s.p, 10 }, true) ||
	    (s.p[10] != 'T' && s.p[10] != ' ') || s.p[13] != ':' ||
	    (hh = two(s.p + 11)) < 0 || hh > 23 || (mm = two(s.p + 14)) < 0 ||
	    mm > 59)
		return false;
	k = 16;
	if (k < s.n && s.p[k] == ':') {
		if (k + 3 > s.n || (ss = two(s.p + k + 1)) < 0 || ss > 59)
			return false;
		k += 3;
	}
	if (k == s.n) {
		oh = 9;
		om = 0;
		sign = 1;
	} else if (k + 1 == s.n && (s.p[k] == 'Z' || s.p[k] == 'z')) {
		oh = om = 0;
		sign = 1;
	} else if (k + 6 == s.n && (s.p[k] == '+' || s.p[k] == '-') &&
	    s.p[k + 3] == ':' && (oh = two(s.p + k + 1)) >= 0 && oh <= 14 &&
	    (om = two(s.p + k + 4)) >= 0 && om <= 59)
		sign = s.p[k] == '-' ? -1 : 1;
	else
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)strtol(s.p, NULL, 10) - 1900;
	tm.tm_mon = two(s.p + 5) - 1;
	tm.tm_mday = two(s.p + 8);
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	*t = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	return true;
}

/* Unix time t as Japan time, "YYYY-MM-DDTHH:MM:SS+09:00", in ar. */
static const char *
datetime_text(int64_t t, struct arena *ar)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return arena_printf(ar, "%04d-%02d-%02dT%02d:%02d:%02d+09:00",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

static int
bool_of(struct str s)
{
	static const char *const yes[] = { "1", "true", "yes", "はい" };
	static const char *const no[] = { "0", "false", "no", "いいえ" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (s.n == strlen(yes[i]) && strncasecmp(s.p, yes[i], s.n) == 0)
			return 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (s.n == strlen(no[i]) && strncasecmp(s.p, no[i], s.n) == 0)
			return 0;
	return -1;
}

static int
key_of(const struct register_keys *k, struct str s)
{
	size_t i;
	int l;

	for (i = 0; i < k->n; i++)
		if (str_eq_c(s, k->key[i]))
			return (int)i;
	for (i = 0; i < k->n; i++)
		for (l = 0; l < REGISTER_LANGS; l++)
			if (k->label[l] != NULL && str_eq_c(s, k->label[l][i]))
				return (int)i;
	return -1;
}

/* Where a list's next item starts: after ",", ";", "、", "，" or a
 * line break; the item itself trimmed into *item.  False at the end. */
static bool
list_next(struct str *rest, struct str *item)
{
	static const char *const seps[] = { ",", ";", "\n", "、", "，", "；" };
	size_t i, k, len;

	while (rest->n > 0) {
		for (i = 0; i < rest->n; i++)
			for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
				len = strlen(seps[k]);
				if (i + len <= rest->n &&
				    memcmp(rest->p + i, seps[k], len) == 0)
					goto found;
			}
		*item = trim(*rest);
		rest->n = 0;
		return true;
	found:
		*item = trim((struct str){ rest->p, i });
		rest->p += i + len;
		rest->n -= i + len;
		if (item->n > 0)
			return true;
	}
	return false;
}

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* An RF_SET or RF_REFS value from "a, b; c": keys (or labels) of the
 * set, or row ids. */
static enum rf_err
list_value(const struct register_env *e, const struct rf_decl *f,
    struct str s, struct arena *ar, struct register_val *out)
{
	int64_t ids[REGISTER_REFS_MAX];
	struct str rest = s, item;
	struct buf b = BUF_INIT;
	uint64_t bits = 0;
	size_t n = 0, i;
	long id;
	int k;

	while (list_next(&rest, &item)) {
		if (f->type == RF_SET) {
			if ((k = key_of(&e->ks[f->keys], item)) < 0 || k > 62)
				return RFE_KEY;
			bits |= (uint64_t)1 << k;
			continue;
		}
		if (str_to_long(item, 1, LONG_MAX, &id) != 0)
			return RFE_NOT_INT;
		for (i = 0; i < n && ids[i] != id; i++)
			;
		if (i < n)
			continue;
		if (n == REGISTER_REFS_MAX)
			return RFE_TOO_LONG;
		ids[n++] = id;
	}
	if (f->type == RF_SET) {
		if (bits == 0)
			return RFE_OK;
		for (k = 0; k < 63; k++)
			if (bits & ((uint64_t)1 << k))
				buf_printf(&b, "%s%s", b.n ? "," : "",
				    e->ks[f->keys].key[k]);
		out->i = (int64_t)bits;
	} else {
		if (n == 0)
			return RFE_OK;
		qsort(ids, n, sizeof(ids[0]), id_cmp);
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s%lld", i ? "," : "",
			    (long long)ids[i]);
		out->i = (int64_t)n;
	}
	out->s = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	out->set = true;
	return RFE_OK;
}

/* An RF_GRANTS value from its text (model/grants.h): canonical when
 * every person is named by id, else kept as given for
 * register_names_check (i 0). */
static enum rf_err
grants_value(const struct register_env *e, const struct rf_decl *f,
    struct str s, struct arena *ar, struct register_val *out, long *a)
{
	struct grant *v;
	struct buf b = BUF_INIT;
	size_t n, i;
	bool named = false;
	enum rf_err rc;

	rc = grants_parse(&e->ks[f->keys], f->keys, s, ar, &v, &n, a);
	if (rc != RFE_OK || n == 0)
		return rc;
	for (i = 0; i < n; i++)
		named |= v[i].id == 0;
	if (!named) {
		out->s = grants_canon(&e->ks[f->keys], v, n, ar);
		out->i = (int64_t)n;
	} else {
		for (i = 0; i < n; i++) {
			if (v[i].id > 0)
				buf_printf(&b, "%s%lld=%s", i ? "," : "",
				    (long long)v[i].id,
				    e->ks[f->keys].key[v[i].key]);
			else
				buf_printf(&b, "%s%s=%s", i ? "," : "",
				    v[i].ref, e->ks[f->keys].key[v[i].key]);
		}
		out->s = arena_strndup(ar, b.p ? b.p : "", b.n);
		out->i = 0;
		buf_free(&b);
	}
	out->set = true;
	return RFE_OK;
}

size_t
register_refs(const struct register_val *v, int64_t *ids)
{
	const char *p = v->s;
	size_t n = 0;

	if (!v->set || p == NULL)
		return 0;
	while (*p != '\0' && n < REGISTER_REFS_MAX) {
		char *end;
		long long x = strtoll(p, &end, 10);

		if (end == p)
			break;
		ids[n++] = x;
		p = *end == ',' ? end + 1 : end;
	}
	return n;
}

enum rf_err
register_value(const struct register_env *e, const struct rf_decl *f,
    const char *text, struct arena *ar, struct register_val *out, long *a,
    long *b)
{
	struct str s = trim(str_c(text ? text : ""));
	long n;
	int k;

	memset(out, 0, sizeof(*out));
	out->s = "";
	*a = *b = 0;
	if (s.n == 0)
		return RFE_OK;
	/* a reference may give the title of a row of long text; who may
	 * use what may put a person a line */
	if (!str_utf8_valid(s) || has_control(s, f->type == RF_LONG ||
	    f->type == RF_REF || f->type == RF_GRANTS))
		return RFE_UTF8;
	switch (f->type) {
	case RF_TEXT:
	case RF_LONG:
		if (f->type == RF_LONG)
			s = lf_only(ar, s);	/* CRLF and CR count as one */
		if (f->max > 0 && str_utf8_count(s) > (size_t)f->max) {
			*a = f->max;
			return RFE_TOO_LONG;
		}
		out->s = arena_strndup(ar, s.p, s.n);
		break;
	case RF_ENUM:
		if ((k = key_of(&e->ks[f->keys], s)) < 0)
			return RFE_KEY;
		out->i = k;
		out->s = e->ks[f->keys].key[k];
		break;
	case RF_INT:
		if (str_to_long(s, -1000000000L, 1000000000L, &n) != 0)
			return RFE_NOT_INT;
		if (n < f->min || n > f->max) {
			*a = f->min;
			*b = f->max;
			return RFE_RANGE;
		}
		out->i = n;
		break;
	case RF_DATE:
	case RF_MONTH:
		if (!date_ok(s, f->type == RF_DATE))
			return f->type == RF_DATE ? RFE_DATE : RFE_MONTH;
		out->s = arena_strndup(ar, s.p, s.n);
		break;
	case RF_BOOL:
		if ((k = bool_of(s)) < 0)
			return RFE_BOOL;
		out->i = k;
		break;
	case RF_REF:
		/* the row's id, or its title for register_check_refs to look
		 * up (a title of digits alone is read as an id) */
		if (digits(s.p, s.n)) {
			if (str_to_long(s, 1, LONG_MAX, &n) != 0)
				return RFE_NOT_INT;
			out->i = n;
		} else {
			s = lf_only(ar, s);
			out->s = arena_strndup(ar, s.p, s.n);
		}
		break;
	case RF_MEMBER:
		/* the user's id, or an e-mail address for
		 * register_check_refs to look up among the members */
		if (digits(s.p, s.n)) {
			if (str_to_long(s, 1, LONG_MAX, &n) != 0)
				return RFE_NOT_INT;
			out->i = n;
		} else
			out->s = lower(ar, s);
		break;
	case RF_DATETIME:
		if (!datetime_of(s, &out->i))
			return RFE_DATETIME;
		out->s = datetime_text(out->i, ar);
		break;
	case RF_SET:
	case RF_REFS:
		return list_value(e, f, s, ar, out);
	case RF_GRANTS:
		return grants_value(e, f, s, ar, out, a);
	case RF__MAX:
		return RFE_TYPE;
	}
	out->set = true;
	return RFE_OK;
}

const char *
register_text(const struct rf_decl *f, const struct register_val *v,
    struct arena *ar)
{
	if (!v->set)
		return "";
	switch (f->type) {
	case RF_INT:
		return arena_printf(ar, "%lld", (long long)v->i);
	case RF_REF:
	case RF_MEMBER:
		/* named by title or e-mail, not looked up yet: as given */
		return v->i > 0 ? arena_printf(ar, "%lld", (long long)v->i) :
		    v->s;
	case RF_BOOL:
		return v->i ? "1" : "0";
	default:
		return v->s ? v->s : "";
	}
}

const char *
register_label(const struct register_env *e, const struct rf_decl *f,
    const struct register_val *v, int lang)
{
	const struct register_keys *k;

	if (!v->set)
		return "";
	if (f->type == RF_REFS)
		return v->t != NULL ? v->t : v->s;
	if (f->type != RF_ENUM)
		return v->s;
	k = &e->ks[f->keys];
	if (v->i < 0 || (size_t)v->i >= k->n || k->label[lang] == NULL)
		return v->s;
	return k->label[lang][v->i];
}

/* The next person of an RF_GRANTS value's v->t at *pp: id, title, key;
 * false at the end. */
static bool
grants_t_next(const char **pp, int64_t *id, struct str *title,
    struct str *key)
{
	const char *p = *pp, *a, *b, *end;

	if (*p == '\0')
		return false;
	end = strstr(p, GRANTS_T_ITEM);
	if (end == NULL)
		end = p + strlen(p);
	a = memchr(p, GRANTS_T_FIELD[0], (size_t)(end - p));
	b = a != NULL ? memchr(a + 1, GRANTS_T_FIELD[0], (size_t)(end - a -
	    1)) : NULL;
	if (b == NULL) {
		*pp = "";
		return false;
	}
	*id = strtoll(p, NULL, 10);
	*title = (struct str){ a + 1, (size_t)(b - a - 1) };
	*key = (struct str){ b + 1, (size_t)(end - b - 1) };
	*pp = *end != '\0' ? end + 1 : end;
	return true;
}

/* "田中: 更新、佐藤: 読取" (", " in English) for an RF_GRANTS value read
 * from the database. */
static const char *
grants_words(const struct register_env *e, const struct rf_decl *f,
    const struct register_val *v, int lang, struct arena *ar)
{
	const struct register_keys *k = &e->ks[f->keys];
	const char *p = v->t, *out;
	struct buf b = BUF_INIT;
	struct str title, key;
	int64_t id;
	int x;

	while (grants_t_next(&p, &id, &title, &key)) {
		x = key_of(k, key);
		buf_printf(&b, "%s%.*s: %s", b.n == 0 ? "" : lang == 0 ? "、" :
		    ", ", (int)title.n, title.p, x >= 0 && k->label[lang] !=
		    NULL ? k->label[lang][x] : arena_strndup(ar, key.p,
		    key.n));
	}
	out = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

const char *
register_grants_text(const struct register_val *v, struct arena *ar)
{
	const char *p = v->t, *out;
	struct buf b = BUF_INIT;
	struct str title, key;
	int64_t id;

	if (!v->set || v->t == NULL)
		return v->set ? v->s : "";
	while (grants_t_next(&p, &id, &title, &key)) {
		const char *t = arena_strndup(ar, title.p, title.n);

		/* by name where the text form reads it back whole */
		if (title.n > 0 && !digits(title.p, title.n) &&
		    strpbrk(t, ",;=\n\r") == NULL && strstr(t, "、") == NULL &&
		    strstr(t, "，") == NULL && strstr(t, "；") == NULL &&
		    strstr(t, "＝") == NULL)
			buf_printf(&b, "%s%s=%.*s", b.n ? "; " : "", t,
			    (int)key.n, key.p);
		else
			buf_printf(&b, "%s%lld=%.*s", b.n ? "; " : "",
			    (long long)id, (int)key.n, key.p);
	}
	out = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

const char *
register_label_a(const struct register_env *e, const struct rf_decl *f,
    const struct register_val *v, int lang, struct arena *ar)
{
	const struct register_keys *k = &e->ks[f->keys];
	struct buf b = BUF_INIT;
	const char *out;
	int i;

	if (f->type == RF_GRANTS && v->set && v->t != NULL)
		return grants_words(e, f, v, lang, ar);
	if (f->type != RF_SET || !v->set)
		return register_label(e, f, v, lang);
	for (i = 0; i < 63 && (size_t)i < k->n; i++)
		if ((uint64_t)v->i & ((uint64_t)1 << i))
			buf_printf(&b, "%s%s", b.n == 0 ? "" : lang == 0 ?
			    "、" : ", ", k->label[lang] != NULL ?
			    k->label[lang][i] : k->key[i]);
	out = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

size_t
register_finish(const struct register_env *e, const struct register_decl *d,
    struct register_row *row, struct register_errs *errs)
{
	size_t i, k, n = errs->n;

	for (i = 0; i < d->nf; i++) {
		if (!d->f[i].required || d->f[i].derived || row->v[i].set)
			continue;
		/* A value refused already says what is wrong with it. */
		for (k = 0; k < n && errs->e[k].field != (int)i; k++)
			;
		if (k == n)
			register_err_add(errs, (int)i, d->f[i].key,
			    RFE_REQUIRED, 0, 0);
	}
	if (d->derive != NULL)
		d->derive(e, row);
	return errs->n - n;
}

bool
register_differs(const struct rf_decl *f, const struct register_val *a,
    const struct register_val *b)
{
	if (a->set != b->set)
		return true;
	if (!a->set)
		return false;
	switch (f->type) {
	case RF_INT:
	case RF_BOOL:
		return a->i != b->i;
	case RF_REF:
	case RF_MEMBER:
		return a->i != b->i || (a->i == 0 && strcmp(a->s ? a->s : "",
		    b->s ? b->s : "") != 0);
	default:
		return strcmp(a->s ? a->s : "", b->s ? b->s : "") != 0;
	}
}

/* ---- JSON ---------------------------------------------------------------- */

static void
row_clear(struct register_row *row)
{
	size_t i;

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
}

/* Member m of a JSON object as field f's text ("" for null), or NULL
 * when its JSON type does not suit the field. */
static const char *
json_text(const struct rf_decl *f, json_t *m, struct arena *ar)
{
	if (json_is_null(m))
		return "";
	if (json_is_string(m))
		return arena_strndup(ar, json_string_value(m),
		    json_string_length(m));
	if (json_is_integer(m) && (f->type == RF_INT || f->type == RF_REF ||
	    f->type == RF_MEMBER))
		return arena_printf(ar, "%lld",
		    (long long)json_integer_value(m));
	if (json_is_boolean(m) && f->type == RF_BOOL)
		return json_is_true(m) ? "1" : "0";
	if (json_is_object(m) && f->type == RF_GRANTS) {
		struct buf b = BUF_INIT;
		const char *out, *k;
		json_t *x;

		/* {"<id or title>": "<legend key>" or null} as the text */
		json_object_foreach(m, k, x) {
			if (!(json_is_string(x) || json_is_null(x)) ||
			    strpbrk(k, ",;=\n") != NULL) {
				buf_free(&b);
				return NULL;
			}
			buf_printf(&b, "%s%s=%s", b.n ? "," : "", k,
			    json_is_string(x) ? json_string_value(x) : "");
		}
		out = arena_strndup(ar, b.p ? b.p : "", b.n);
		buf_free(&b);
		return out;
	}
	if (json_is_array(m) && (f->type == RF_SET || f->type == RF_REFS)) {
		struct buf b = BUF_INIT;
		const char *out;
		size_t i;
		json_t *x;

		json_array_foreach(m, i, x) {
			if (json_is_string(x) && f->type == RF_SET &&
			    strchr(json_string_value(x), ',') == NULL)
				buf_printf(&b, "%s%s", i ? "," : "",
				    json_string_value(x));
			else if (json_is_integer(x) && f->type == RF_REFS)
				buf_printf(&b, "%s%lld", i ? "," : "",
				    (long long)json_integer_value(x));
			else {
				buf_free(&b);
				return NULL;
			}
		}
		out = arena_strndup(ar, b.p ? b.p : "", b.n);
		buf_free(&b);
		return out;
	}
	return NULL;
}

/* The RF_MEMBER field whose name k is ("F_name"), or -1. */
static int
member_name_of(const struct register_decl *d, const char *k)
{
	size_t n = strlen(k), sn = strlen(REGISTER_NAME_SUFFIX), i;

	if (n <= sn || strcmp(k + n - sn, REGISTER_NAME_SUFFIX) != 0)
		return -1;
	for (i = 0; i < d->nf; i++)
		if (d->f[i].type == RF_MEMBER && strlen(d->f[i].key) == n - sn &&
		    strncmp(d->f[i].key, k, n - sn) == 0)
			return (int)i;
	return -1;
}

static bool
is_meta(const char *k)
{
	return strcmp(k, "id") == 0 || strcmp(k, "rev") == 0 ||
	    strcmp(k, "created_at") == 0 || strcmp(k, "updated_at") == 0 ||
	    strcmp(k, "updated_by") == 0;
}

bool
register_from_json(const struct register_env *e,
    const struct register_decl *d, const char *json, size_t n,
    struct arena *ar, struct register_row *row, struct register_errs *errs)
{
	json_error_t jerr;
	json_t *o, *m;
	const char *k;
	size_t before = errs->n;

	row_clear(row);
	o = json_loadb(json, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		register_err_add(errs, -1, "", RFE_TYPE, 0, 0);
		json_decref(o);
		return false;
	}
	json_object_foreach(o, k, m) {
		int fi = register_field(d, k);
		const char *text;
		enum rf_err rc;
		long a, b;

		if (fi < 0) {
			/* a member's name is the engine's, like a derived
			 * field */
			if (member_name_of(d, k) >= 0)
				register_err_add(errs, member_name_of(d, k),
				    arena_strdup(ar, k), RFE_READONLY, 0, 0);
			else if (inventory_password_like(k))
				/* never stored, whatever the register */
				register_err_add(errs, -1, arena_strdup(ar, k),
				    RFE_PASSWORD, 0, 0);
			else if (!is_meta(k))
				register_err_add(errs, -1, arena_strdup(ar, k),
				    RFE_UNKNOWN, 0, 0);
			continue;
		}
		if (d->f[fi].derived) {
			register_err_add(errs, fi, d->f[fi].key, RFE_READONLY,
			    0, 0);
			continue;
		}
		if ((text = json_text(&d->f[fi], m, ar)) == NULL) {
			register_err_add(errs, fi, d->f[fi].key, RFE_TYPE, 0, 0);
			continue;
		}
		rc = register_value(e, &d->f[fi], text, ar, &row->v[fi], &a, &b);
		if (rc != RFE_OK)
			register_err_add(errs, fi, d->f[fi].key, rc, a, b);
	}
	json_decref(o);
	register_finish(e, d, row, errs);
	return errs->n == before;
}

/* A value as JSON: in a stored body (api false) a set is its text, for
 * the API an array (of keys; of ids). */
static void
value_json(const struct rf_decl *f, const struct register_val *v,
    struct buf *out, bool api)
{
	if (!v->set) {
		buf_adds(out, api && (f->type == RF_SET || f->type ==
		    RF_REFS) ? "[]" : api && f->type == RF_GRANTS ? "{}" :
		    "null");
		return;
	}
	if (f->type == RF_GRANTS) {
		/* {"<id>": "<key>"}, in the body as for the API */
		const char *p = v->s ? v->s : "", *sep = "";

		buf_addc(out, '{');
		while (*p != '\0') {
			const char *end = strchr(p, ','), *eq;

			if (end == NULL)
				end = p + strlen(p);
			for (eq = end; eq > p && eq[-1] != '='; eq--)
				;
			if (eq > p) {
				buf_adds(out, sep);
				esc_json(out, (struct str){ p,
				    (size_t)(eq - 1 - p) });
				buf_adds(out, ": ");
				esc_json(out, (struct str){ eq,
				    (size_t)(end - eq) });
				sep = ", ";
			}
			p = *end == ',' ? end + 1 : end;
		}
		buf_addc(out, '}');
		return;
	}
	if (api && f->type == RF_SET) {
		struct str rest = str_c(v->s), item;
		const char *sep = "";

		buf_addc(out, '[');
		while (list_next(&rest, &item)) {
			buf_adds(out, sep);
			esc_json(out, item);
			sep = ", ";
		}
		buf_addc(out, ']');
		return;
	}
	if (api && f->type == RF_REFS) {
		buf_printf(out, "[%s]", v->s);
		return;
	}
	switch (f->type) {
	case RF_INT:
	case RF_REF:
	case RF_MEMBER:
		buf_printf(out, "%lld", (long long)v->i);
		break;
	case RF_BOOL:
		buf_adds(out, v->i ? "true" : "false");
		break;
	default:
		esc_json(out, str_c(v->s));
		break;
	}
}

void
register_body(const struct register_decl *d, const struct register_row *row,
    struct buf *out)
{
	const char *sep = "";
	size_t i;

	buf_addc(out, '{');
	for (i = 0; i < d->nf; i++) {
		if (d->f[i].derived || !row->v[i].set)
			continue;
		buf_printf(out, "%s\"%s\": ", sep, d->f[i].key);
		value_json(&d->f[i], &row->v[i], out, false);
		sep = ", ";
	}
	buf_addc(out, '}');
}

/* One member of a stored body. */
struct member {
	const char	*key;
	enum { M_STR, M_INT, M_BOOL, M_NULL, M_OBJ } kind;
	const char	*text;	/* M_STR: the string; M_INT: its digits;
				   M_BOOL: "1" or "0"; M_NULL: ""; M_OBJ
				   (an object of strings, RF_GRANTS):
				   "k=v,k=v" */
};

#define MEMBERS_MAX	(REGISTER_FIELDS_MAX * 2)

/* The four hex digits at p, or -1. */
static long
hex4(const char *p)
{
	long v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		char c = p[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* The JSON string at *pp (after its opening quote) into ar; *pp after
 * its closing quote.  NULL when it is not one register_body() writes. */
static const char *
scan_string(const char **pp, struct arena *ar)
{
	const char *p = *pp, *q;
	size_t n = 0;
	char *out, *o;

	/* the length once, an upper bound: escapes only shrink */
	for (q = p; *q != '"'; q++) {
		if (*q == '\0')
			return NULL;
		if (*q == '\\' && *++q == '\0')
			return NULL;
		n++;
	}
	o = out = arena_alloc(ar, n * 2 + 1);
	while (*p != '"') {
		long u;

		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		p++;
		switch (*p++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			/* esc_json writes \u00XX only: control characters
			 * and < > & */
			if ((u = hex4(p)) < 0 || u > 0x7f || u == 0)
				return NULL;
			*o++ = (char)u;
			p += 4;
			break;
		default:
			return NULL;
		}
	}
	*o = '\0';
	*pp = p + 1;
	return out;
}

/*
 * The members of a body as register_body() writes it: a flat object of
 * strings, whole numbers, booleans and nulls.  Returns the count, or -1
 * for anything else (read it with jansson then).
 */
static int
scan_body(const char *p, struct arena *ar, struct member *m)
{
	int n = 0;

	while (*p == ' ')
		p++;
	if (*p++ != '{')
		return -1;
	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '}')
			return p[1] == '\0' ? n : -1;
		if (*p++ != '"' || n >= MEMBERS_MAX)
			return -1;
		if ((m[n].key = scan_string(&p, ar)) == NULL)
			return -1;
		while (*p == ' ')
			p++;
		if (*p++ != ':')
			return -1;
		while (*p == ' ')
			p++;
		if (*p == '"') {
			p++;
			m[n].kind = M_STR;
			if ((m[n].text = scan_string(&p, ar)) == NULL)
				return -1;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			const char *q = p + 1;

			while (*q >= '0' && *q <= '9')
				q++;
			if (q - p > 19 || *q == '.' || *q == 'e' || *q == 'E')
				return -1;
			m[n].kind = M_INT;
			m[n].text = arena_strndup(ar, p, (size_t)(q - p));
			p = q;
		} else if (strncmp(p, "true", 4) == 0 ||
		    strncmp(p, "false", 5) == 0) {
			m[n].kind = M_BOOL;
			m[n].text = *p == 't' ? "1" : "0";
			p += *p == 't' ? 4 : 5;
		} else if (strncmp(p, "null", 4) == 0) {
			m[n].kind = M_NULL;
			m[n].text = "";
			p += 4;
		} else if (*p == '{') {
			struct buf b = BUF_INIT;
			const char *k, *v;

			/* an RF_GRANTS map: {"<id>": "<key>", …} */
			for (p++;;) {
				while (*p == ' ' || *p == ',')
					p++;
				if (*p == '}')
					break;
				if (*p++ != '"' ||
				    (k = scan_string(&p, ar)) == NULL)
					goto bad;
				while (*p == ' ')
					p++;
				if (*p++ != ':')
					goto bad;
				while (*p == ' ')
					p++;
				if (*p++ != '"' ||
				    (v = scan_string(&p, ar)) == NULL)
					goto bad;
				buf_printf(&b, "%s%s=%s", b.n ? "," : "", k, v);
			}
			p++;
			m[n].kind = M_OBJ;
			m[n].text = arena_strndup(ar, b.p ? b.p : "", b.n);
			buf_free(&b);
			goto next;
		bad:
			buf_free(&b);
			return -1;
		} else
			return -1;
	next:
		n++;
	}
}

/* The same members through jansson: -1 when body is no JSON object. */
static int
load_body(const char *body, struct arena *ar, struct member *m)
{
	json_error_t jerr;
	json_t *o = json_loads(body, 0, &jerr), *v;
	const char *k;
	int n = 0;

	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	json_object_foreach(o, k, v) {
		if (n >= MEMBERS_MAX)
			break;
		m[n].key = arena_strdup(ar, k);
		if (json_is_string(v)) {
			m[n].kind = M_STR;
			m[n].text = arena_strndup(ar, json_string_value(v),
			    json_string_length(v));
		} else if (json_is_integer(v)) {
			m[n].kind = M_INT;
			m[n].text = arena_printf(ar, "%lld",
			    (long long)json_integer_value(v));
		} else if (json_is_boolean(v)) {
			m[n].kind = M_BOOL;
			m[n].text = json_is_true(v) ? "1" : "0";
		} else if (json_is_null(v)) {
			m[n].kind = M_NULL;
			m[n].text = "";
		} else if (json_is_object(v)) {
			struct buf b = BUF_INIT;
			const char *k2;
			json_t *x;

			json_object_foreach(v, k2, x)
				if (json_is_string(x))
					buf_printf(&b, "%s%s=%s", b.n ? "," :
					    "", k2, json_string_value(x));
			m[n].kind = M_OBJ;
			m[n].text = arena_strndup(ar, b.p ? b.p : "", b.n);
			buf_free(&b);
		} else
			continue;	/* arrays, reals: not ours */
		n++;
	}
	json_decref(o);
	return n;
}

int
register_from_body(const struct register_env *e,
    const struct register_decl *d, const char *body, struct arena *ar,
    struct register_row *row)
{
	struct member m[MEMBERS_MAX];
	struct register_errs errs;
	int n, k;
	size_t i;

	row_clear(row);
	/* Bodies are ours: read them without jansson, which only sees
	 * what the quick reader does not know. */
	if ((n = scan_body(body, ar, m)) < 0 &&
	    (n = load_body(body, ar, m)) < 0)
		return -1;
	for (k = 0, i = 0; k < n; k++) {
		const struct rf_decl *f;
		long a, b;

		/* register_body writes the fields in their order: try the
		 * one after the last first */
		while (i < d->nf && strcmp(d->f[i].key, m[k].key) != 0)
			i++;
		if (i >= d->nf &&
		    (i = (size_t)register_field(d, m[k].key)) >= d->nf) {
			i = 0;
			continue;
		}
		f = &d->f[i];
		/* ids are stored as numbers, never as text to look up */
		if ((m[k].kind == M_OBJ) != (f->type == RF_GRANTS))
			continue;
		if (f->derived || (m[k].kind == M_INT && f->type != RF_INT &&
		    f->type != RF_REF && f->type != RF_MEMBER) ||
		    (m[k].kind == M_BOOL && f->type != RF_BOOL) ||
		    (m[k].kind == M_STR && (f->type == RF_REF ||
		    f->type == RF_MEMBER)))
			continue;
		if (register_value(e, f, m[k].text, ar, &row->v[i], &a, &b) ==
		    RFE_OK)
			continue;
		/* A key its set no longer has: keep it, shown as stored. */
		if (f->type == RF_ENUM && m[k].kind == M_STR) {
			row->v[i].set = true;
			row->v[i].i = -1;
			row->v[i].s = m[k].text;
		} else if (f->type == RF_TEXT || f->type == RF_LONG) {
			row->v[i].set = true;
			row->v[i].s = m[k].text;
		} else if (f->type == RF_GRANTS) {
			/* read without the legend (register_delete counts
			 * who is named): as stored, i 0 */
			row->v[i].set = true;
			row->v[i].s = m[k].text;
			row->v[i].i = 0;
		}
	}
	errs.n = 0;
	register_finish(e, d, row, &errs);
	return 0;
}

void
register_row_json(const struct register_decl *d,
    const struct register_row *row, struct buf *out)
{
	size_t i;

	buf_printf(out, "{\"id\": %lld, \"rev\": %lld", (long long)row->id,
	    (long long)row->rev);
	for (i = 0; i < d->nf; i++) {
		const struct register_val *v = &row->v[i];

		buf_printf(out, ", \"%s\": ", d->f[i].key);
		value_json(&d->f[i], v, out, true);
		if (d->f[i].type != RF_MEMBER)
			continue;
		/* who it is; null when unset or no longer a member */
		buf_printf(out, ", \"%s%s\": ", d->f[i].key,
		    REGISTER_NAME_SUFFIX);
		if (v->set && v->i > 0 && v->s != NULL && v->s[0] != '\0')
			esc_json(out, str_c(v->s));
		else
			buf_adds(out, "null");
	}
	buf_printf(out, ", \"created_at\": %lld, \"updated_at\": %lld, "
	    "\"updated_by\": ", (long long)row->created_at,
	    (long long)row->updated_at);
	esc_json(out, str_c(row->updated_by));
	buf_addc(out, '}');
}

/* ---- choosing rows -------------------------------------------------------- */

void
register_query_init(const struct register_decl *d, struct register_query *q)
{
	size_t i;

	memset(q, 0, sizeof(*q));
	q->sort = d->sort;
	q->desc = d->sort_desc;
	for (i = 0; i < REGISTER_FIELDS_MAX; i++)
		q->filter[i] = -1;
}

/* Whether haystack holds needle, ASCII letters in any case. */
static bool
contains(const char *hay, const char *needle, size_t nn)
{
	size_t i, hn = strlen(hay);

	if (nn == 0)
		return true;
	for (i = 0; i + nn <= hn; i++)
		if (strncasecmp(hay + i, needle, nn) == 0)
			return true;
	return false;
}

/* Whether some text field of row holds the word w[0..n). */
static bool
row_has(const struct register_decl *d, const struct register_row *row,
    const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < d->nf; i++) {
		const struct rf_decl *f = &d->f[i];

		if ((f->type == RF_TEXT || f->type == RF_LONG ||
		    f->type == RF_MEMBER) && row->v[i].set &&
		    contains(row->v[i].s, w, n))
			return true;
	}
	return false;
}

static bool
chosen(const struct register_decl *d, const struct register_row *row,
    const struct register_query *q)
{
	size_t i;

	for (i = 0; i < d->nf && i < REGISTER_FIELDS_MAX; i++) {
		if (q->filter[i] < 0)
			continue;
		if (!row->v[i].set || row->v[i].i != q->filter[i])
			return false;
	}
	if (q->q != NULL) {
		const char *p = q->q;

		while (*p != '\0') {
			size_t n;

			while (*p == ' ' || *p == '\t')
				p++;
			n = strcspn(p, " \t");
			if (n > 0 && !row_has(d, row, p, n))
				return false;
			p += n;
		}
	}
	return true;
}

struct sort_ctx {
	const struct register_decl	*d;
	const struct register_row	*v;
	int				 f;
	bool				 desc;
};

/* qsort has no context argument: the sort runs under a lock-free
 * thread-local pointer instead. */
static _Thread_local const struct sort_ctx *sort_ctx;

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct sort_ctx *c = sort_ctx;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct register_val *a, *b;
	int r = 0;

	if (c->f >= 0) {
		a = &c->v[ia].v[c->f];
		b = &c->v[ib].v[c->f];
		if (a->set != b->set)
			return a->set ? -1 : 1;	/* unset last, either way */
		if (a->set) {
			switch (c->d->f[c->f].type) {
			case RF_INT:
			case RF_BOOL:
			case RF_ENUM:
			case RF_REF:
				r = a->i < b->i ? -1 : a->i > b->i;
				break;
			default:
				r = strcmp(a->s, b->s);
				break;
			}
			if (c->desc)
				r = -r;
		}
	}
	if (r == 0)
		r = c->v[ia].id < c->v[ib].id ? -1 : c->v[ia].id > c->v[ib].id;
	return r;
}

size_t *
register_select(const struct register_decl *d, const struct register_row *v,
    size_t n, const struct register_query *q, struct arena *ar,
    size_t *out_n)
{
	size_t *ix = arena_alloc(ar, (n + 1) * sizeof(*ix));
	struct sort_ctx c = { d, v, q->sort, q->desc };
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (chosen(d, &v[i], q))
			ix[k++] = i;
	if (c.f >= (int)d->nf)
		c.f = -1;
	sort_ctx = &c;
	qsort(ix, k, sizeof(*ix), cmp_rows);
	sort_ctx = NULL;
	*out_n = k;
	return ix;
}

/* ---- reading ---------------------------------------------------------------- */

/* The columns of STMT_REG_LIST/GET into row. */
static int
read_row(struct db_stmt *st, const struct register_env *e,
    const struct register_decl *d, struct arena *ar, struct register_row *row)
{
	const char *body = arena_cstr(ar, db_col_text(st, 2));

	if (register_from_body(e, d, body, ar, row) != 0)
		row_clear(row);
	row->id = db_col_int(st, 0);
	row->rev = db_col_int(st, 1);
	row->created_at = db_col_int(st, 3);
	row->updated_at = db_col_int(st, 4);
	row->updated_by = arena_cstr(ar, db_col_text(st, 5));
	return 0;
}

/* The rows of d in org by id, references not followed. */
static int
list_rows(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, struct arena *ar,
    struct register_row **v, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_LIST);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(d->key));
	while ((rc = db_step(st)) == DB_ROW) {
		*v = arena_grow(ar, *v, *n, &cap, sizeof(**v));
		read_row(st, e, d, ar, &(*v)[(*n)++]);
	}
	return rc == DB_DONE ? DB_OK : rc;
}

/* The row with this id among v[0..n), sorted by id, or NULL. */
static const struct register_row *
by_id(const struct register_row *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The titles of the rows an RF_REFS value names among tv[0..tn), into
 * v->t; the ids of rows gone are left out. */
static void
refs_titles(const struct register_decl *t, const struct register_row *tv,
    size_t tn, struct arena *ar, struct register_val *v)
{
	int64_t ids[REGISTER_REFS_MAX];
	size_t n = register_refs(v, ids), i;
	struct buf b = BUF_INIT;

	for (i = 0; i < n; i++) {
		const struct register_row *r = by_id(tv, tn, ids[i]);

		if (r != NULL && t->title >= 0)
			buf_printf(&b, "%s%s", b.n ? "; " : "",
			    r->v[t->title].s);
	}
	v->t = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
}

/* An RF_GRANTS value without the people gone from tv[0..tn) (a row the
 * engine refuses to delete while named, kept so on read all the same),
 * and each person's id, title and key into v->t as GRANTS_T_* splits
 * them (register_label_a and register_grants_text read it). */
static void
grants_titles(const struct register_env *e, const struct rf_decl *f,
    const struct register_decl *t, const struct register_row *tv,
    size_t tn, struct arena *ar, struct register_val *v)
{
	const struct register_keys *lg = &e->ks[f->keys];
	struct grant *g;
	size_t n = grants_of(lg, v, ar, &g), i, k = 0;
	struct buf b = BUF_INIT;

	for (i = 0; i < n; i++) {
		const struct register_row *r = by_id(tv, tn, g[i].id);

		if (r == NULL)
			continue;
		g[k++] = g[i];
		buf_printf(&b, "%s%lld" GRANTS_T_FIELD "%s" GRANTS_T_FIELD "%s",
		    b.n ? GRANTS_T_ITEM : "", (long long)g[i].id,
		    t->title >= 0 ? r->v[t->title].s : "", lg->key[g[i].key]);
	}
	if (k != n) {
		v->s = grants_canon(lg, g, k, ar);
		v->i = (int64_t)k;
		v->set = k > 0;
	}
	v->t = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
}

/* The fields of rows[0..n) derived from the register's settings. */
static int
with_settings(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, struct arena *ar,
    struct register_row *rows, size_t n)
{
	struct register_settings s;
	const void *set;
	size_t j;
	int rc;

	if (d->settings_read == NULL || d->derive_settings == NULL || n == 0)
		return DB_OK;
	if ((rc = register_settings_get(c, d, org, ar, &s)) != DB_OK)
		return rc;
	set = d->settings_read(e, s.body, ar);
	for (j = 0; j < n; j++)
		d->derive_settings(e, set, &rows[j]);
	return DB_OK;
}

int
register_settings_get(struct db_conn *c, const struct register_decl *d,
    int64_t org, struct arena *ar, struct register_settings *s)
{
	struct db_stmt *st = db_stmt(c, STMT_REGSET_GET);
	int rc;

	s->body = "{}";
	s->rev = 0;
	s->updated_at = 0;
	s->updated_by = "";
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(d->key));
	if ((rc = db_step(st)) == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	s->body = arena_cstr(ar, db_col_text(st, 0));
	s->rev = db_col_int(st, 1);
	s->updated_at = db_col_int(st, 2);
	s->updated_by = arena_cstr(ar, db_col_text(st, 3));
	db_exec(st);
	return DB_OK;
}

/* The member with this id among v[0..n), sorted by id, or NULL. */
static const struct org_member *
member_by_id(const struct org_member *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_member_id(const void *a, const void *b)
{
	int64_t x = ((const struct org_member *)a)->id;
	int64_t y = ((const struct org_member *)b)->id;

	return (x > y) - (x < y);
}

/* The members of org into *v sorted by id (in ar): DB_OK or < 0. */
static int
members_by_id(struct db_conn *c, int64_t org, struct arena *ar,
    struct org_member **v, size_t *n)
{
	int rc = org_member_list(c, ar, org, v, n);

	if (rc == DB_OK && *n > 1)
		qsort(*v, *n, sizeof(**v), cmp_member_id);
	return rc;
}

/* Follow the references of rows[0..n): the titles of the rows they name
 * and the names of the members into their values, then derive_refs. */
static int
resolve(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, struct arena *ar,
    struct register_row *rows, size_t n)
{
	const struct register_row *ref[REGISTER_FIELDS_MAX];
	struct register_row *tv[REGISTER_FIELDS_MAX] = { NULL };
	size_t tn[REGISTER_FIELDS_MAX] = { 0 };
	struct org_member *mv = NULL;
	size_t i, j, mn = 0;
	bool any = false, members = false;
	int rc;

	for (i = 0; i < d->nf; i++) {
		if (d->f[i].type == RF_MEMBER && !members) {
			members = any = true;
			if ((rc = members_by_id(c, org, ar, &mv, &mn)) != DB_OK)
				return rc;
		}
		if (d->f[i].type != RF_REF && d->f[i].type != RF_REFS &&
		    d->f[i].type != RF_GRANTS)
			continue;
		any = true;
		if ((rc = list_rows(c, e, register_of(d->f[i].ref), org, ar,
		    &tv[i], &tn[i])) != DB_OK)
			return rc;
	}
	if (!any)
		return with_settings(c, e, d, org, ar, rows, n);
	for (j = 0; j < n; j++) {
		for (i = 0; i < d->nf; i++) {
			const struct register_decl *t;
			const struct org_member *m;
			struct register_val *v = &rows[j].v[i];

			ref[i] = NULL;
			if (d->f[i].type == RF_GRANTS && v->set) {
				grants_titles(e, &d->f[i],
				    register_of(d->f[i].ref), tv[i], tn[i], ar,
				    v);
				continue;
			}
			if (d->f[i].type == RF_REFS && v->set) {
				refs_titles(register_of(d->f[i].ref), tv[i],
				    tn[i], ar, v);
				continue;
			}
			if (d->f[i].type == RF_MEMBER && v->set) {
				/* "" when they left the organisation */
				m = member_by_id(mv, mn, v->i);
				v->s = m != NULL ? m->email : "";
			}
			if (d->f[i].type != RF_REF || !v->set)
				continue;
			t = register_of(d->f[i].ref);
			ref[i] = by_id(tv[i], tn[i], v->i);
			v->s = ref[i] != NULL && t->title >= 0 ?
			    ref[i]->v[t->title].s : "";
		}
		if (d->derive_refs != NULL)
			d->derive_refs(e, &rows[j], ref);
	}
	return with_settings(c, e, d, org, ar, rows, n);
}

int
register_list(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, struct arena *ar,
    struct register_row **v, size_t *n)
{
	int rc = list_rows(c, e, d, org, ar, v, n);

	return rc == DB_OK ? resolve(c, e, d, org, ar, *v, *n) : rc;
}

int
register_get(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, int64_t id,
    struct arena *ar, struct register_row *row)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_GET);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org);
	db_bind_text(st, 3, str_c(d->key));
	if ((rc = db_step(st)) != DB_ROW)
		return rc;
	read_row(st, e, d, ar, row);
	db_exec(st);
	return (rc = resolve(c, e, d, org, ar, row, 1)) == DB_OK ? DB_ROW : rc;
}

int64_t
register_count(struct db_conn *c, const struct register_decl *d, int64_t org)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_COUNT);

	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(d->key));
	return db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
}

int
register_history(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, int64_t id, struct arena *ar,
    struct register_rev **v, size_t *n)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_HIST_LIST);
	size_t cap = 0, i;
	int rc;

	*v = NULL;
	*n = 0;
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(d->key));
	db_bind_int(st, 3, id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct register_rev *h;
		struct str body = db_col_text(st, 2);

		*v = arena_grow(ar, *v, *n, &cap, sizeof(**v));
		h = &(*v)[(*n)++];
		h->rev = db_col_int(st, 0);
		h->op = arena_cstr(ar, db_col_text(st, 1));
		h->at = db_col_int(st, 3);
		h->who = arena_cstr(ar, db_col_text(st, 4));
		h->gone = strcmp(h->op, "delete") == 0;
		if (body.n == 0 || register_from_body(e, d,
		    arena_cstr(ar, body), ar, &h->row) != 0) {
			/* A deletion keeps no body: show the one before. */
			if (*n >= 2)
				h->row = (*v)[*n - 2].row;
			else
				row_clear(&h->row);
		}
		h->row.id = id;
		h->row.rev = h->rev;
		h->row.updated_at = h->at;
		h->row.updated_by = h->who;
	}
	if (rc != DB_DONE)
		return rc;
	for (i = 0; i < *n; i++)
		if ((rc = resolve(c, e, d, org, ar, &(*v)[i].row, 1)) != DB_OK)
			return rc;
	return DB_OK;
}

/* ---- references ------------------------------------------------------------- */

/* Whether row id of register k is in org: 1, 0, or a negative db_rc. */
static int
row_exists(struct db_conn *c, enum register_kind k, int64_t org, int64_t id)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_EXISTS);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org);
	db_bind_text(st, 3, str_c(register_of(k)->key));
	rc = db_step(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : rc;
}

static int
cmp_named_id(const void *a, const void *b)
{
	int64_t x = ((const struct register_named *)a)->id;
	int64_t y = ((const struct register_named *)b)->id;

	return (x > y) - (x < y);
}

static int
cmp_named_name(const void *a, const void *b)
{
	return strcmp(((const struct register_named *)a)->name,
	    ((const struct register_named *)b)->name);
}

/* E-mail addresses: ASCII letters in any case are the same. */
static int
cmp_named_email(const void *a, const void *b)
{
	return strcasecmp(((const struct register_named *)a)->name,
	    ((const struct register_named *)b)->name);
}

/* v[0..n) of field i into nm, and a copy sorted by name (in ar). */
static void
names_put(struct register_names *nm, size_t i, struct register_named *v,
    size_t n, bool email, struct arena *ar)
{
	struct register_named *by = arena_alloc(ar, (n + 1) * sizeof(*by));

	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_named_id);
	if (n > 0)
		memcpy(by, v, n * sizeof(*v));
	if (n > 1)
		qsort(by, n, sizeof(*by), email ? cmp_named_email :
		    cmp_named_name);
	nm->v[i] = v;
	nm->by_name[i] = by;
	nm->n[i] = n;
}

/* The ids and titles of the rows of register k in org into *v. */
static int
titles_of(struct db_conn *c, enum register_kind k, int64_t org,
    struct arena *ar, struct register_named **v, size_t *n)
{
	const struct register_decl *t = register_of(k);
	struct db_stmt *st = db_stmt(c, STMT_REG_TITLES);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	db_bind_int(st, 1, org);
	db_bind_text(st, 2, str_c(t->key));
	/* a register without a title: a key no body has */
	db_bind_text(st, 3, str_c(t->title >= 0 ? t->f[t->title].key : "_"));
	while ((rc = db_step(st)) == DB_ROW) {
		*v = arena_grow(ar, *v, *n, &cap, sizeof(**v));
		(*v)[*n].id = db_col_int(st, 0);
		(*v)[*n].name = arena_cstr(ar, db_col_text(st, 1));
		(*n)++;
	}
	return rc == DB_DONE ? DB_OK : rc;
}

/* register_names_load() for the fields row has set (NULL: every one). */
static int
names_load(struct db_conn *c, const struct register_decl *d, int64_t org,
    struct arena *ar, const struct register_row *only,
    struct register_names *nm)
{
	struct register_named *mv = NULL;
	size_t i, k, mn = 0;
	bool members = false;
	int rc;

	memset(nm, 0, sizeof(*nm));
	nm->ar = ar;
	for (i = 0; i < d->nf && i < REGISTER_FIELDS_MAX; i++) {
		struct register_named *v;
		size_t n;

		if (only != NULL && !only->v[i].set)
			continue;
		if (d->f[i].type == RF_REF || d->f[i].type == RF_REFS ||
		    d->f[i].type == RF_GRANTS) {
			if ((rc = titles_of(c, d->f[i].ref, org, ar, &v,
			    &n)) != DB_OK)
				return rc;
			names_put(nm, i, v, n, false, ar);
		} else if (d->f[i].type == RF_MEMBER) {
			if (!members) {
				struct org_member *m;

				if ((rc = org_member_list(c, ar, org, &m,
				    &mn)) != DB_OK)
					return rc;
				mv = arena_alloc(ar, (mn + 1) * sizeof(*mv));
				for (k = 0; k < mn; k++) {
					mv[k].id = m[k].id;
					mv[k].name = m[k].email;
				}
				members = true;
			}
			/* each field its own copy: names_put sorts it */
			v = arena_alloc(ar, (mn + 1) * sizeof(*v));
			if (mn > 0)
				memcpy(v, mv, mn * sizeof(*v));
			names_put(nm, i, v, mn, true, ar);
		}
	}
	return DB_OK;
}

/* How many rows of o in org name row id in their RF_REFS field i; -1 on
 * a database error.  (A list inside a text: counted here, not in SQL.) */
static int64_t
refs_naming(struct db_conn *c, const struct register_env *e,
    const struct register_decl *o, size_t i, int64_t org, int64_t id)
{
	struct register_row *v;
	struct arena ar;
	int64_t n = 0, ids[REGISTER_REFS_MAX];
	size_t nv, j, k, m;

	static const struct register_env none;

	/* the ids need no key set: a caller without one reads with none */
	arena_init(&ar);
	if (list_rows(c, e != NULL ? e : &none, o, org, &ar, &v, &nv) !=
	    DB_OK) {
		arena_free(&ar);
		return -1;
	}
	for (j = 0; j < nv; j++) {
		if (o->f[i].type == RF_GRANTS) {
			/* any key: the person is named */
			char pre[32];
			const char *s = v[j].v[i].set ? v[j].v[i].s : "";
			size_t pl = (size_t)snprintf(pre, sizeof(pre), "%lld=",
			    (long long)id);
			const char *p;

			for (p = s; *p != '\0';) {
				if (strncmp(p, pre, pl) == 0) {
					n++;
					break;
				}
				p = strchr(p, ',');
				p = p != NULL ? p + 1 : "";
			}
			continue;
		}
		for (k = 0, m = register_refs(&v[j].v[i], ids); k < m; k++)
			if (ids[k] == id) {
				n++;
				break;
			}
	}
	arena_free(&ar);
	return n;
}

int
register_names_load(struct db_conn *c, const struct register_decl *d,
    int64_t org, struct arena *ar, struct register_names *nm)
{
	return names_load(c, d, org, ar, NULL, nm);
}

/* The one of v[0..n), sorted by id, with this id, or NULL. */
static const struct register_named *
named_by_id(const struct register_named *v, size_t n, int64_t id)
{
	struct register_named key = { id, "" };

	return n == 0 ? NULL : bsearch(&key, v, n, sizeof(*v), cmp_named_id);
}

/* The member of by[0..n), sorted by e-mail, with e-mail address s (any
 * case), or NULL. */
static const struct register_named *
named_by_email(const struct register_named *by, size_t n, const char *s)
{
	struct register_named key = { 0, s };

	return n == 0 ? NULL : bsearch(&key, by, n, sizeof(*by),
	    cmp_named_email);
}

/* How many of by[0..n), sorted by title, have title s; *x the first of
 * them (NULL: none). */
static size_t
named_by_title(const struct register_named *by, size_t n, const char *s,
    const struct register_named **x)
{
	size_t lo = 0, hi = n, k;

	/* the first not before s */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(by[mid].name, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < n && strcmp(by[k].name, s) == 0; k++)
		;
	*x = k > lo ? &by[lo] : NULL;
	return k - lo;
}

/* An RF_GRANTS value (field f) as "<person>=<key>; …", each person by
 * title when nm shows that title alone, not a whole number and free of
 * what the text form separates on; else by id. */
static const char *
grants_ref_text(const struct register_names *nm, size_t f,
    const struct register_val *v, struct arena *ar)
{
	const char *p = v->s;
	struct buf b = BUF_INIT;
	const char *out;

	while (*p != '\0') {
		const char *end = strchr(p, ','), *eq = strchr(p, '=');
		long long id = strtoll(p, NULL, 10);
		const struct register_named *x = NULL, *first;

		if (end == NULL)
			end = p + strlen(p);
		if (eq == NULL || eq > end)
			break;
		if (nm != NULL && f < REGISTER_FIELDS_MAX)
			x = named_by_id(nm->v[f], nm->n[f], id);
		if (x != NULL && x->name[0] != '\0' &&
		    !digits(x->name, strlen(x->name)) &&
		    strpbrk(x->name, ",;=\n\r") == NULL &&
		    strstr(x->name, "、") == NULL &&
		    strstr(x->name, "，") == NULL &&
		    strstr(x->name, "；") == NULL &&
		    strstr(x->name, "＝") == NULL &&
		    named_by_title(nm->by_name[f], nm->n[f], x->name,
		    &first) == 1)
			buf_printf(&b, "%s%s=%.*s", b.n ? "; " : "", x->name,
			    (int)(end - eq - 1), eq + 1);
		else
			buf_printf(&b, "%s%lld=%.*s", b.n ? "; " : "", id,
			    (int)(end - eq - 1), eq + 1);
		p = *end == ',' ? end + 1 : end;
	}
	out = arena_strndup(ar, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

const char *
register_ref_text(const struct register_decl *d,
    const struct register_names *nm, size_t f, const struct register_val *v,
    struct arena *ar)
{
	const struct register_named *x, *first;
	const struct rf_decl *fd = &d->f[f];

	if (fd->type == RF_GRANTS && v->set && v->i > 0)
		return grants_ref_text(nm, f, v, ar);
	if (!v->set || v->i <= 0 || (fd->type != RF_REF &&
	    fd->type != RF_MEMBER))
		return register_text(fd, v, ar);
	if (fd->type == RF_MEMBER)
		return v->s[0] != '\0' ? v->s : register_text(fd, v, ar);
	/* the title as stored, when it names this row alone and cannot be
	 * taken for an id */
	if (nm != NULL && f < REGISTER_FIELDS_MAX &&
	    (x = named_by_id(nm->v[f], nm->n[f], v->i)) != NULL &&
	    x->name[0] != '\0' && !digits(x->name, strlen(x->name)) &&
	    named_by_title(nm->by_name[f], nm->n[f], x->name, &first) == 1)
		return x->name;
	return register_text(fd, v, ar);
}

/* Whether member field i of row keeps the value old has, where someone
 * who has left the organisation since may stay (not required). */
static bool
member_kept(const struct rf_decl *f, const struct register_row *old,
    size_t i, const struct register_val *v)
{
	return old != NULL && !f->required && v->i > 0 && old->v[i].set &&
	    old->v[i].i == v->i;
}

/* One person of an RF_GRANTS value, looked up. */
struct gpair {
	int64_t		 id;
	struct str	 key;
};

static int
cmp_gpair(const void *a, const void *b)
{
	int64_t x = ((const struct gpair *)a)->id;
	int64_t y = ((const struct gpair *)b)->id;

	return (x > y) - (x < y);
}

/* The people an RF_GRANTS value (field i) names, looked up among nm: the
 * value made canonical (ids ascending), or errors naming whom it could
 * not find. */
static void
grants_check(const struct rf_decl *f, const struct register_names *nm,
    size_t i, struct register_val *v, struct register_errs *errs)
{
	struct gpair *g;
	const char *p = v->s ? v->s : "", *eq;
	struct buf b = BUF_INIT;
	size_t n = 0, k, before = errs->n;

	/* one pair an item, at most GRANTS_MAX */
	for (k = 1, eq = p; (eq = strchr(eq, ',')) != NULL; eq++)
		k++;
	g = arena_alloc(nm->ar, (k < GRANTS_MAX ? k : GRANTS_MAX) *
	    sizeof(*g) + sizeof(*g));
	while (*p != '\0' && n < GRANTS_MAX) {
		const char *end = strchr(p, ',');
		const struct register_named *x = NULL;
		struct str who;
		size_t m;

		if (end == NULL)
			end = p + strlen(p);
		for (eq = end; eq > p && eq[-1] != '='; eq--)
			;
		if (eq == p)
			goto next;
		who = (struct str){ p, (size_t)(eq - 1 - p) };
		if (digits(who.p, who.n))
			x = named_by_id(nm->v[i], nm->n[i],
			    strtoll(who.p, NULL, 10));
		else {
			const char *t = arena_strndup(nm->ar, who.p, who.n);

			if ((m = named_by_title(nm->by_name[i], nm->n[i], t,
			    &x)) > 1) {
				register_err_add(errs, (int)i, f->key,
				    RFE_AMBIGUOUS, 0, 0);
				errs->e[errs->n - 1].what = t;
				goto next;
			}
		}
		if (x == NULL) {
			register_err_add(errs, (int)i, f->key, RFE_GRANT_REF,
			    0, 0);
			if (errs->n > before)
				errs->e[errs->n - 1].what = arena_strndup(
				    nm->ar, who.p, who.n);
			goto next;
		}
		/* the same person twice (by id and by title): the later */
		for (k = 0; k < n && g[k].id != x->id; k++)
			;
		g[k].id = x->id;
		g[k].key = (struct str){ eq, (size_t)(end - eq) };
		if (k == n)
			n++;
	next:
		p = *end == ',' ? end + 1 : end;
	}
	if (errs->n > before)
		return;
	qsort(g, n, sizeof(*g), cmp_gpair);
	for (k = 0; k < n; k++)
		buf_printf(&b, "%s%lld=%.*s", k ? "," : "", (long long)g[k].id,
		    (int)g[k].key.n, g[k].key.p);
	v->s = arena_strndup(nm->ar, b.p ? b.p : "", b.n);
	v->i = (int64_t)n;
	v->set = n > 0;
	buf_free(&b);
}

void
register_names_check(const struct register_decl *d,
    const struct register_names *nm, const struct register_row *old,
    struct register_row *row, struct register_errs *errs)
{
	size_t i;

	for (i = 0; i < d->nf && i < REGISTER_FIELDS_MAX; i++) {
		const struct rf_decl *f = &d->f[i];
		struct register_val *v = &row->v[i];
		const struct register_named *x;

		if (v->set && f->type == RF_GRANTS) {
			grants_check(f, nm, i, v, errs);
			continue;
		}
		if (v->set && f->type == RF_REFS) {
			int64_t ids[REGISTER_REFS_MAX];
			size_t k, n = register_refs(v, ids);

			/* every row it names, by id */
			for (k = 0; k < n; k++)
				if (named_by_id(nm->v[i], nm->n[i], ids[k]) ==
				    NULL) {
					register_err_add(errs, (int)i, f->key,
					    RFE_REF, 0, 0);
					break;
				}
			continue;
		}
		if (!v->set || (f->type != RF_REF && f->type != RF_MEMBER))
			continue;
		if (f->type == RF_REF && v->i <= 0) {
			size_t k = named_by_title(nm->by_name[i], nm->n[i],
			    v->s, &x);

			if (k > 1) {
				register_err_add(errs, (int)i, f->key,
				    RFE_AMBIGUOUS, 0, 0);
				continue;
			}
		} else if (f->type == RF_MEMBER && v->i <= 0)
			x = named_by_email(nm->by_name[i], nm->n[i], v->s);
		else
			x = named_by_id(nm->v[i], nm->n[i], v->i);
		if (x != NULL) {
			v->i = x->id;
			v->s = x->name;
		} else if (f->type == RF_MEMBER && member_kept(f, old, i, v))
			v->s = "";	/* no longer a member: kept as it was */
		else
			register_err_add(errs, (int)i, f->key, f->type ==
			    RF_REF ? RFE_REF : RFE_MEMBER, 0, 0);
	}
}

int
register_check_refs(struct db_conn *c, const struct register_decl *d,
    int64_t org, const struct register_row *old, struct arena *ar,
    struct register_row *row, struct register_errs *errs)
{
	struct register_names nm;
	int rc = names_load(c, d, org, ar, row, &nm);

	if (rc == DB_OK)
		register_names_check(d, &nm, old, row, errs);
	return rc;
}

int64_t
register_referrers(struct db_conn *c, const struct register_env *e,
    const struct register_decl *d, int64_t org, int64_t id)
{
	int64_t n = 0;
	int k;
	size_t i;

	for (k = 0; k < REGISTER__MAX; k++) {
		const struct register_decl *o = register_of(k);

		for (i = 0; i < o->nf; i++) {
			struct db_stmt *st;

			if ((o->f[i].type == RF_REFS || o->f[i].type ==
			    RF_GRANTS) && o->f[i].ref == d->kind) {
				int64_t m = refs_naming(c, e, o, i, org, id);

				if (m < 0)
					return -1;
				n += m;
				continue;
			}
			if (o->f[i].type != RF_REF || o->f[i].ref != d->kind)
				continue;
			st = db_stmt(c, STMT_REG_REFS);
			db_bind_int(st, 1, org);
			db_bind_text(st, 2, str_c(o->key));
			db_bind_text(st, 3, str_c(o->f[i].key));
			db_bind_int(st, 4, id);
			if (db_step(st) != DB_ROW)
				return -1;
			n += db_col_int(st, 0);
		}
	}
	return n;
}

/* Whether user id is a member of org: 1, 0, or a negative db_rc. */
static int
member_of(struct db_conn *c, int64_t org, int64_t id)
{
	struct db_stmt *st = db_stmt(c, STMT_MEMBER_ROLE);
	int rc;

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org);
	rc = db_step(st);
	if (rc == DB_ROW)
		db_exec(st);	/* finish the statement */
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : rc;
}

/* REGISTER_BAD_REF unless every person RF_GRANTS value v names (looked
 * up: i > 0) is a row of f's register in org, read once in the write's
 * transaction. */
static int
grants_hold(struct db_conn *c, const struct rf_decl *f, int64_t org,
    const struct register_val *v)
{
	struct register_named *t;
	struct arena ar;
	const char *p = v->s;
	size_t n;
	int rc;

	if (v->i <= 0)
		return REGISTER_BAD_REF;	/* never looked up */
	arena_init(&ar);
	if ((rc = titles_of(c, f->ref, org, &ar, &t, &n)) != DB_OK) {
		arena_free(&ar);
		return rc;
	}
	if (n > 1)
		qsort(t, n, sizeof(*t), cmp_named_id);
	while (rc == DB_OK && *p != '\0') {
		long long id = strtoll(p, NULL, 10);

		if (named_by_id(t, n, id) == NULL)
			rc = REGISTER_BAD_REF;
		p = strchr(p, ',');
		p = p != NULL ? p + 1 : "";
	}
	arena_free(&ar);
	return rc;
}

/* REGISTER_BAD_REF when a reference of row names no row of org, or a
 * member field someone who is not a member of it (unless it keeps what
 * old, the row as stored, holds: member_kept). */
static int
refs_hold(struct db_conn *c, const struct register_decl *d, int64_t org,
    const struct register_row *row, const struct register_row *old)
{
	size_t i;
	int rc;

	for (i = 0; i < d->nf; i++) {
		const struct register_val *v = &row->v[i];

		if (v->set && d->f[i].type == RF_GRANTS) {
			if ((rc = grants_hold(c, &d->f[i], org, v)) != DB_OK)
				return rc;
			continue;
		}
		if (!v->set || (d->f[i].type != RF_REF &&
		    d->f[i].type != RF_MEMBER))
			continue;
		if (v->i <= 0)
			return REGISTER_BAD_REF;	/* never looked up */
		rc = d->f[i].type == RF_REF ? row_exists(c, d->f[i].ref, org,
		    v->i) : member_of(c, org, v->i);
		if (rc < 0)
			return rc;
		if (rc == 0 && !(d->f[i].type == RF_MEMBER &&
		    member_kept(&d->f[i], old, i, v)))
			return REGISTER_BAD_REF;
	}
	return DB_OK;
}

/* ---- writing ------------------------------------------------------------------ */

struct wr {
	const struct register_env	*e;
	const struct register_decl	*d;
	struct register_errs		*errs;	/* OUT: REGISTER_INVALID */
	int64_t				 org;
	const struct register_who	*who;
	const struct register_row	*rows;
	size_t				 n;
	int64_t				 id, rev;
	bool				 del;
	bool				 import;	/* rows of a file */
	int64_t				 now;
	/* OUT */
	int64_t				 out_id, out_rev;
};

static int
hist_add(struct db_conn *c, const struct wr *w, int64_t id, int64_t rev,
    const char *op, const char *body)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_HIST_ADD);

	db_bind_int(st, 1, w->org);
	db_bind_text(st, 2, str_c(w->d->key));
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, rev);
	db_bind_text(st, 5, str_c(op));
	if (body != NULL)
		db_bind_text(st, 6, str_c(body));
	else
		db_bind_null(st, 6);
	db_bind_int(st, 7, w->now);
	if (w->who->user > 0)
		db_bind_int(st, 8, w->who->user);
	else
		db_bind_null(st, 8);
	return db_exec(st);
}

/* "<register> <id> <title>" for the audit log. */
static const char *
detail(struct arena *ar, const struct wr *w, int64_t id,
    const struct register_row *row)
{
	const char *title = "";

	if (row != NULL && w->d->title >= 0 && row->v[w->d->title].set)
		title = row->v[w->d->title].s;
	return arena_printf(ar, "%s %lld %s", w->d->key, (long long)id,
	    title);
}

/* The unique field of row (number at in a batch) against the rows
 * stored but row self, and the declaration's checks; errors into
 * w->errs.  DB_OK, REGISTER_INVALID, or a negative enum db_rc. */
static int
rules(struct db_conn *c, struct wr *w, const struct register_row *row,
    const struct register_row *old, int64_t self, size_t at)
{
	const struct register_decl *d = w->d;
	struct register_errs mine = { 0 };
	size_t k;
	int rc;

	if (d->unique >= 0 && row->v[d->unique].set) {
		struct arena ar;
		struct db_stmt *st = db_stmt(c, STMT_REG_MATCH);

		arena_init(&ar);
		db_bind_int(st, 1, w->org);
		db_bind_text(st, 2, str_c(d->key));
		db_bind_text(st, 3, str_c(d->f[d->unique].key));
		db_bind_text(st, 4, str_c(register_text(&d->f[d->unique],
		    &row->v[d->unique], &ar)));
		db_bind_int(st, 5, self);
		rc = db_step(st);
		arena_free(&ar);
		if (rc != DB_ROW)
			return rc < 0 ? rc : DB_E_IO;
		if (db_col_int(st, 0) > 0)
			register_err_add(&mine, d->unique, d->f[d->unique].key,
			    RFE_TAKEN, 0, 0);
		/* …and against the rows before it in the same batch */
		for (k = 0; k < at && mine.n == 0; k++)
			if (!register_differs(&d->f[d->unique],
			    &w->rows[k].v[d->unique], &row->v[d->unique]))
				register_err_add(&mine, d->unique,
				    d->f[d->unique].key, RFE_TAKEN, 0, 0);
	}
	if (d->check != NULL)
		d->check(w->e, row, old, w->now, &mine);
	if (d->check_db != NULL && (rc = d->check_db(c, w->e, w->org, w->who,
	    row, old, w->now, &mine)) < 0)
		return rc;
	if (mine.n == 0)
		return DB_OK;
	for (k = 0; k < mine.n; k++) {
		mine.e[k].at = at;
		if (w->errs != NULL && w->errs->n < sizeof(w->errs->e) /
		    sizeof(w->errs->e[0]))
			w->errs->e[w->errs->n++] = mine.e[k];
	}
	return REGISTER_INVALID;
}

/* After a write of the plan: its figures move in the office's sums. */
static int
plan_moved(struct db_conn *c, const struct wr *w, int rc)
{
	if (rc != DB_OK || w->d->kind != REGISTER_PLAN)
		return rc;
	return office_refresh_org(c, w->e, w->org);
}

static int
wr_add(struct db_conn *c, void *arg)
{
	struct wr *w = arg;
	struct arena ar;
	struct buf body;
	int64_t have;
	size_t i;
	int rc = DB_OK;

	if ((have = register_count(c, w->d, w->org)) < 0)
		return DB_E_IO;
	if ((size_t)have + w->n > REGISTER_ROWS_MAX)
		return REGISTER_FULL;
	/* Every check before the first change: a result >= 0 commits what
	 * was written (db_write). */
	if (w->errs != NULL)
		w->errs->n = 0;	/* fn may run more than once */
	for (i = 0; i < w->n; i++)
		if ((rc = refs_hold(c, w->d, w->org, &w->rows[i], NULL)) !=
		    DB_OK)
			return rc;
	for (i = 0; i < w->n; i++) {
		int r1 = rules(c, w, &w->rows[i], NULL, 0, i);

		if (r1 < 0)
			return r1;
		if (r1 != DB_OK)
			rc = r1;
	}
	if (rc != DB_OK)
		return rc;
	arena_init(&ar);
	buf_init(&body, 0);
	for (i = 0; i < w->n && rc == DB_OK; i++) {
		struct db_stmt *st = db_stmt(c, STMT_REG_INSERT);

		buf_reset(&body);
		register_body(w->d, &w->rows[i], &body);
		db_bind_int(st, 1, w->org);
		db_bind_text(st, 2, str_c(w->d->key));
		db_bind_text(st, 3, buf_str(&body));
		db_bind_int(st, 4, w->now);
		if (w->who->user > 0)
			db_bind_int(st, 5, w->who->user);
		else
			db_bind_null(st, 5);
		if ((rc = db_step(st)) != DB_ROW)
			break;
		w->out_id = db_col_int(st, 0);
		rc = db_exec(st);	/* finish the statement */
		if (rc == DB_OK)
			rc = hist_add(c, w, w->out_id, 1, w->import ?
			    "import" : "add", buf_cstr(&body));
		if (rc == DB_OK && !w->import)
			audit(c, w->org, w->who->user, AUDIT_REG_ADDED,
			    detail(&ar, w, w->out_id, &w->rows[i]),
			    w->who->addr);
	}
	if (rc == DB_ROW || rc == DB_DONE)
		rc = rc == DB_DONE ? DB_E_IO : DB_OK;
	if (rc == DB_OK && w->import)
		audit(c, w->org, w->who->user, AUDIT_REG_IMPORTED,
		    arena_printf(&ar, "%s %zu", w->d->key, w->n), w->who->addr);
	if (rc == DB_OK && w->d->after_write != NULL)
		rc = w->d->after_write(c, w->org, w->now);
	rc = plan_moved(c, w, rc);
	buf_free(&body);
	arena_free(&ar);
	return rc;
}

/* DB_OK when row w->id is at w->rev, else REGISTER_STALE or
 * REGISTER_GONE. */
static int
wr_check(struct db_conn *c, const struct wr *w)
{
	struct db_stmt *st = db_stmt(c, STMT_REG_EXISTS);
	int rc;

	db_bind_int(st, 1, w->id);
	db_bind_int(st, 2, w->org);
	db_bind_text(st, 3, str_c(w->d->key));
	if ((rc = db_step(st)) < 0)
		return rc;
	if (rc != DB_ROW)
		return REGISTER_GONE;
	return db_col_int(st, 0) == w->rev ? DB_OK : REGISTER_STALE;
}

static int
wr_save(struct db_conn *c, void *arg)
{
	struct wr *w = arg;
	struct db_stmt *st;
	struct arena ar;
	struct buf body;
	int rc;

	if ((rc = wr_check(c, w)) != DB_OK)
		return rc;
	if (w->errs != NULL)
		w->errs->n = 0;
	if (!w->del) {
		struct register_row old;
		struct arena oar;
		struct db_stmt *gst;

		arena_init(&oar);
		gst = db_stmt(c, STMT_REG_GET);
		db_bind_int(gst, 1, w->id);
		db_bind_int(gst, 2, w->org);
		db_bind_text(gst, 3, str_c(w->d->key));
		if ((rc = db_step(gst)) == DB_ROW) {
			read_row(gst, w->e, w->d, &oar, &old);
			db_exec(gst);
			/* a member who left may stay where the row had them */
			rc = refs_hold(c, w->d, w->org, w->rows, &old);
			if (rc == DB_OK)
				rc = rules(c, w, w->rows, &old, w->id, 0);
		} else if (rc == DB_DONE)
			rc = REGISTER_GONE;
		arena_free(&oar);
		if (rc != DB_OK)
			return rc;
	}
	if (w->del) {
		int64_t n = register_referrers(c, w->e, w->d, w->org, w->id);

		if (n != 0)
			return n < 0 ? DB_E_IO : REGISTER_IN_USE;
	}
	arena_init(&ar);
	buf_init(&body, 0);
	if (!w->del)
		register_body(w->d, w->rows, &body);
	st = db_stmt(c, w->del ? STMT_REG_DELETE : STMT_REG_UPDATE);
	db_bind_int(st, 1, w->id);
	db_bind_int(st, 2, w->org);
	db_bind_text(st, 3, str_c(w->d->key));
	db_bind_int(st, 4, w->rev);
	if (!w->del) {
		db_bind_text(st, 5, buf_str(&body));
		db_bind_int(st, 6, w->now);
		if (w->who->user > 0)
			db_bind_int(st, 7, w->who->user);
		else
			db_bind_null(st, 7);
	}
	if ((rc = db_step(st)) == DB_ROW) {
		const char *title = NULL;
		struct register_row old;

		w->out_rev = w->del ? w->rev + 1 : db_col_int(st, 0);
		if (w->del) {
			/* The title for the log, from the body deleted. */
			json_t *o = json_loads(arena_cstr(&ar,
			    db_col_text(st, 0)), 0, NULL);
			json_t *t = w->d->title >= 0 ? json_object_get(o,
			    w->d->f[w->d->title].key) : NULL;

			if (json_is_string(t))
				title = arena_strdup(&ar, json_string_value(t));
			json_decref(o);
		}
		rc = db_exec(st);
		if (rc == DB_OK)
			rc = hist_add(c, w, w->id, w->out_rev,
			    w->del ? "delete" : "edit",
			    w->del ? NULL : buf_cstr(&body));
		if (rc == DB_OK && w->del) {
			memset(&old, 0, sizeof(old));
			if (w->d->title >= 0) {
				old.v[w->d->title].set = title != NULL;
				old.v[w->d->title].s = title ? title : "";
			}
			audit(c, w->org, w->who->user, AUDIT_REG_DELETED,
			    detail(&ar, w, w->id, &old), w->who->addr);
		} else if (rc == DB_OK)
			audit(c, w->org, w->who->user, AUDIT_REG_EDITED,
			    detail(&ar, w, w->id, w->rows), w->who->addr);
	} else if (rc == DB_DONE)
		rc = REGISTER_STALE;	/* changed since wr_check: cannot be */
	if (rc == DB_OK && w->d->after_write != NULL)
		rc = w->d->after_write(c, w->org, w->now);
	rc = plan_moved(c, w, rc);
	buf_free(&body);
	arena_free(&ar);
	return rc;
}

int
register_add(struct db *db, const struct register_env *e,
    const struct register_decl *d, int64_t org,
    const struct register_who *who, const struct register_row *row,
    int64_t *id, struct register_errs *errs)
{
	struct wr w = { .e = e, .d = d, .errs = errs, .org = org, .who = who,
	    .rows = row, .n = 1, .now = account_now() };
	int rc = db_write(db, wr_add, &w);

	if (rc == DB_OK && id != NULL)
		*id = w.out_id;
	return rc;
}

int
register_add_many(struct db *db, const struct register_env *e,
    const struct register_decl *d, int64_t org,
    const struct register_who *who, const struct register_row *rows,
    size_t n, struct register_errs *errs)
{
	struct wr w = { .e = e, .d = d, .errs = errs, .org = org, .who = who,
	    .rows = rows, .n = n, .import = true, .now = account_now() };

	if (n == 0)
		return DB_OK;
	return db_write(db, wr_add, &w);
}

int
register_save(struct db *db, const struct register_env *e,
    const struct register_decl *d, int64_t org,
    const struct register_who *who, int64_t id, int64_t rev,
    const struct register_row *row, int64_t *new_rev,
    struct register_errs *errs)
{
	struct wr w = { .e = e, .d = d, .errs = errs, .org = org, .who = who,
	    .rows = row, .id = id, .rev = rev, .now = account_now() };
	int rc = db_write(db, wr_save, &w);

	if (rc == DB_OK && new_rev != NULL)
		*new_rev = w.out_rev;
	return rc;
}

/* Many saves in one write: any refusal undoes the ones before it, by a
 * private negative result the write's savepoint rolls back. */
#define MANY_UNDONE	(-60)

struct wr_many {
	struct wr		 w;
	struct register_edit	*v;
	size_t			 n, bad;
	int			 fail;
};

static int
wr_save_many(struct db_conn *c, void *arg)
{
	struct wr_many *m = arg;
	size_t i;
	int rc;

	m->bad = m->n;
	m->fail = DB_OK;
	for (i = 0; i < m->n; i++) {
		m->w.rows = m->v[i].row;
		m->w.id = m->v[i].id;
		m->w.rev = m->v[i].rev;
		if ((rc = wr_save(c, &m->w)) != DB_OK) {
			m->bad = i;
			m->fail = rc;
			return rc < 0 ? rc : MANY_UNDONE;
		}
		m->v[i].new_rev = m->w.out_rev;
	}
	return DB_OK;
}

int
register_save_many(struct db *db, const struct register_env *e,
    const struct register_decl *d, int64_t org,
    const struct register_who *who, struct register_edit *v, size_t n,
    size_t *bad, struct register_errs *errs)
{
	struct wr_many m = { .w = { .e = e, .d = d, .errs = errs, .org = org,
	    .who = who, .now = account_now() }, .v = v, .n = n };
	int rc;

	*bad = n;
	if (n == 0)
		return DB_OK;
	rc = db_write(db, wr_save_many, &m);
	if (rc == MANY_UNDONE)
		rc = m.fail;
	if (rc != DB_OK)
		*bad = m.bad;
	return rc;
}

int
register_delete(struct db *db, const struct register_decl *d, int64_t org,
    const struct register_who *who, int64_t id, int64_t rev)
{
	struct wr w = { .d = d, .org = org, .who = who, .id = id, .rev = rev,
	    .del = true, .now = account_now() };

	return db_write(db, wr_save, &w);
}

/* ---- settings ---------------------------------------------------------------- */

struct set_w {
	const struct register_decl	*d;
	int64_t				 org;
	const struct register_who	*who;
	int64_t				 rev, now;
	const char			*body;
	int64_t				*new_rev;
};

static int
set_fn(struct db_conn *c, void *arg)
{
	struct set_w *w = arg;
	struct db_stmt *st;
	int rc;

	if (w->rev == 0) {
		/* never set: a row that appeared meanwhile is a stale save */
		st = db_stmt(c, STMT_REGSET_GET);
		db_bind_int(st, 1, w->org);
		db_bind_text(st, 2, str_c(w->d->key));
		if ((rc = db_step(st)) == DB_ROW) {
			db_exec(st);
			return REGISTER_STALE;
		}
		if (rc != DB_DONE)
			return rc;
		st = db_stmt(c, STMT_REGSET_INSERT);
		db_bind_int(st, 1, w->org);
		db_bind_text(st, 2, str_c(w->d->key));
		db_bind_text(st, 3, str_c(w->body));
		db_bind_int(st, 4, w->now);
		if (w->who != NULL && w->who->user > 0)
			db_bind_int(st, 5, w->who->user);
		else
			db_bind_null(st, 5);
	} else {
		st = db_stmt(c, STMT_REGSET_UPDATE);
		db_bind_int(st, 1, w->org);
		db_bind_text(st, 2, str_c(w->d->key));
		db_bind_int(st, 3, w->rev);
		db_bind_text(st, 4, str_c(w->body));
		db_bind_int(st, 5, w->now);
		if (w->who != NULL && w->who->user > 0)
			db_bind_int(st, 6, w->who->user);
		else
			db_bind_null(st, 6);
	}
	if ((rc = db_exec(st)) != DB_OK)
		return rc;
	if (db_changes(c) != 1)
		return REGISTER_STALE;
	audit(c, w->org, w->who != NULL ? w->who->user : 0,
	    AUDIT_REG_SETTINGS, w->d->key, w->who != NULL ? w->who->addr :
	    NULL);
	*w->new_rev = w->rev + 1;
	return DB_OK;
}

int
register_settings_put(struct db *db, const struct register_decl *d,
    int64_t org, const struct register_who *who, int64_t rev,
    const char *body, int64_t *new_rev)
{
	struct set_w w = { d, org, who, rev, account_now(), body, new_rev };

	return db_write(db, set_fn, &w);
}
