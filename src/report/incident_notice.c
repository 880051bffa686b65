#include "report/incident_notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"

static const char *const field_keys[INC_F__MAX] = {
	[INC_F_COMPANY] = "company",
	[INC_F_KIND] = "kind",
	[INC_F_LEVEL] = "level",
	[INC_F_DETECTED_DATE] = "detected_date",
	[INC_F_AWARE_DATE] = "aware_date",
	[INC_F_SUMMARY] = "summary",
	[INC_F_DATA_ITEMS] = "data_items",
	[INC_F_PEOPLE] = "people",
	[INC_F_CAUSE] = "cause",
	[INC_F_SECONDARY] = "secondary",
	[INC_F_MEASURES] = "measures",
	[INC_F_PEOPLE_RESPONSE] = "people_response",
	[INC_F_PUBLICATION] = "publication",
	[INC_F_PREVENTION] = "prevention",
	[INC_F_CONTACT] = "contact",
	[INC_F_NOTES] = "notes",
	[INC_F_TODAY] = "today",
};

static const char *const notice_keys[INC_N__MAX] = {
	[INC_N_CUSTOMERS] = "customers",
	[INC_N_PARTNERS] = "partners",
};

const char *
incident_field_key(enum incident_field f)
{
	return (unsigned)f < INC_F__MAX ? field_keys[f] : "";
}

int
incident_field_of(const char *key)
{
	int f;

	for (f = 0; key != NULL && f < INC_F__MAX; f++)
		if (strcmp(field_keys[f], key) == 0)
			return f;
	return -1;
}

const char *
incident_notice_key(enum incident_notice n)
{
	return (unsigned)n < INC_N__MAX ? notice_keys[n] : "";
}

int
incident_notice_of(const char *key)
{
	int n;

	for (n = 0; key != NULL && n < INC_N__MAX; n++)
		if (strcmp(notice_keys[n], key) == 0)
			return n;
	return -1;
}

const char *
incident_day(enum lang l, const char *s, struct arena *a)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int y, m, d;

	if (s == NULL || strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d", &y, &m,
	    &d) != 3 || s[4] != '-' || s[7] != '-' || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return "";
	return l == LANG_JA ? arena_printf(a, "%d年%d月%d日", y, m, d) :
	    arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

/* n with a comma between each group of three digits. */
static const char *
grouped(long long n, struct arena *a)
{
	char digits[32], out[48];
	size_t len, i, o = 0;

	snprintf(digits, sizeof(digits), "%lld", n < 0 ? -n : n);
	len = strlen(digits);
	if (n < 0)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

/* The text of incidents field key of inc, "" when unset or no such
 * field. */
static const char *
text_of(const struct register_row *inc, const char *key)
{
	int f = register_field(register_of(REGISTER_INCIDENTS), key);

	return f >= 0 && inc->v[f].set && inc->v[f].s != NULL ? inc->v[f].s :
	    "";
}

/* "a; b; c" (titles of the rows an RF_REFS names) as language l lists
 * them. */
static const char *
listed(enum lang l, const char *s, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *p, *out;

	for (p = s; *p != '\0'; p++)
		if (p[0] == ';' && p[1] == ' ') {
			buf_adds(&b, l == LANG_JA ? "、" : ", ");
			p++;
		} else
			buf_addc(&b, *p);
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

void
incident_values(const struct content *ct, enum lang l, const char *org,
    const struct register_row *inc, int64_t now, struct arena *a,
    const char *value[INC_F__MAX])
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	const struct incidents_pack *ip = &ct->incidents;
	int fk = register_field(d, "kind"), fl = register_field(d, "level"),
	    fp = register_field(d, "people"), fa = register_field(d, "assets");
	time_t jst = (time_t)now + 9 * 3600;
	struct tm tm;
	int f;

	for (f = 0; f < INC_F__MAX; f++)
		value[f] = text_of(inc, field_keys[f]);
	value[INC_F_COMPANY] = org != NULL ? org : "";
	value[INC_F_KIND] = "";
	if (fk >= 0 && inc->v[fk].set && inc->v[fk].i >= 0 &&
	    inc->v[fk].i < INC_KIND__MAX)
		value[INC_F_KIND] = ip->kind[inc->v[fk].i].label.t[l];
	value[INC_F_LEVEL] = "";
	if (fl >= 0 && inc->v[fl].set && inc->v[fl].i >= 0 &&
	    inc->v[fl].i < INC_LEVELS)
		value[INC_F_LEVEL] = ip->level[inc->v[fl].i].label.t[l];
	value[INC_F_DETECTED_DATE] = incident_day(l, text_of(inc,
	    "detected_at"), a);
	value[INC_F_AWARE_DATE] = incident_day(l, text_of(inc, "aware_at"),
	    a);
	value[INC_F_PEOPLE] = "";
	if (fp >= 0 && inc->v[fp].set)
		value[INC_F_PEOPLE] = arena_printf(a, "%s%s",
		    grouped((long long)inc->v[fp].i, a),
		    content_ui(ct, l, "incnotice.people_unit"));
	value[INC_F_NOTES] = text_of(inc, "note");
	if (value[INC_F_DATA_ITEMS][0] == '\0' && fa >= 0 &&
	    inc->v[fa].set && inc->v[fa].t != NULL)
		value[INC_F_DATA_ITEMS] = listed(l, inc->v[fa].t, a);
	gmtime_r(&jst, &tm);
	value[INC_F_TODAY] = incident_day(l, arena_printf(a, "%04d-%02d-%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), a);
}

const char *
incident_missing(const struct content *ct, enum lang l,
    enum incident_field f, struct arena *a)
{
	const char *t = content_ui(ct, l, "incnotice.missing");
	const char *label = (unsigned)f < INC_F__MAX ?
	    ct->incidents.field[f].label.t[l] : "";
	const char *at = strstr(t, "{field}");

	if (at == NULL)
		return arena_strdup(a, t);
	return arena_printf(a, "%.*s%s%s", (int)(at - t), t, label, at + 7);
}

const char *
incident_fill(const struct content *ct, enum lang l, const char *tmpl,
    const char *const value[INC_F__MAX], struct arena *a, uint32_t *missing)
{
	struct buf b = BUF_INIT;
	const char *p, *end, *out;
	char key[32];
	int f;

	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '{' || (end = strchr(p + 1, '}')) == NULL ||
		    (size_t)(end - p - 1) >= sizeof(key)) {
			buf_addc(&b, *p);
			continue;
		}
		memcpy(key, p + 1, (size_t)(end - p - 1));
		key[end - p - 1] = '\0';
		if ((f = incident_field_of(key)) < 0) {
			buf_addc(&b, *p);
			continue;
		}
		if (value[f] != NULL && value[f][0] != '\0')
			buf_adds(&b, value[f]);
		else {
			buf_adds(&b, incident_missing(ct, l,
			    (enum incident_field)f, a));
			if (missing != NULL)
				*missing |= 1u << f;
		}
		p = end;
	}
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

void
incident_notice_draft(const struct content *ct, enum lang l,
    enum incident_notice n, const char *const value[INC_F__MAX],
    struct arena *a, const char **subject, const char **body,
    uint32_t *missing)
{
	if (missing != NULL)
		*missing = 0;
	*subject = incident_fill(ct, l, ct->incidents.notice[n].subject.t[l],
	    value, a, missing);
	*body = incident_fill(ct, l, ct->incidents.notice[n].body.t[l], value,
	    a, missing);
}

/* s with its line breaks as CR LF, appended to out. */
static void
crlf(const char *s, struct buf *out)
{
	for (; *s != '\0'; s++)
		if (*s == '\r') {
			buf_adds(out, "\r\n");
			if (s[1] == '\n')
				s++;
		} else if (*s == '\n')
			buf_adds(out, "\r\n");
		else
			buf_addc(out, *s);
}

void
incident_notice_txt(const char *subject, const char *body, struct buf *out)
{
	crlf(subject, out);
	buf_adds(out, "\r\n\r\n");
	crlf(body, out);
	if (body[0] != '\0' && body[strlen(body) - 1] != '\n')
		buf_adds(out, "\r\n");
}

void
incident_notice_build(enum lang l, const char *subject, const char *body,
    struct arena *a, struct doc *d)
{
	struct doc_section *s;
	struct buf para = BUF_INIT;
	const char *p = body, *nl;

	doc_init(d, a, lang_key(l), subject);
	s = doc_section(d, subject, NULL, false);
	/* paragraphs at blank lines; the lines of one kept as they are */
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl == p || (nl == p + 1 && *p == '\r')) {
			if (para.n > 0)
				doc_text(d, s, buf_cstr(&para));
			buf_reset(&para);
		} else {
			if (para.n > 0)
				buf_addc(&para, '\n');
			buf_add(&para, p, (size_t)(nl - p) - (nl > p &&
			    nl[-1] == '\r' ? 1 : 0));
		}
		p = *nl != '\0' ? nl + 1 : nl;
	}
	if (para.n > 0)
		doc_text(d, s, buf_cstr(&para));
	buf_free(&para);
}

int
incident_notice_pdf(enum lang l, const char *subject, const char *body,
    struct arena *a, struct buf *out, char *err, size_t errlen)
{
	struct doc d;

	incident_notice_build(l, subject, body, a, &d);
	return report_render(&d, REPORT_PDF, out, err, errlen);
}
