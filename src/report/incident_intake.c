#include "report/incident_intake.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "model/bcp.h"
#include "model/org.h"
#include "report/incident_notice.h"

static const char *
U(const struct content *ct, enum lang l, const char *key)
{
	return content_ui(ct, l, key);
}

/* text with each "{name}" replaced by its value: the arguments after
 * text are name, value pairs, NULL-terminated.  In a. */
static const char *
named(struct arena *a, const char *text, ...) __attribute__((sentinel));

static const char *
named(struct arena *a, const char *text, ...)
{
	struct buf b = BUF_INIT;
	const char *p, *out;
	va_list ap;

	for (p = text; *p != '\0'; p++) {
		const char *name, *val;
		size_t n;

		if (*p != '{') {
			buf_addc(&b, *p);
			continue;
		}
		va_start(ap, text);
		while ((name = va_arg(ap, const char *)) != NULL) {
			val = va_arg(ap, const char *);
			n = strlen(name);
			if (strncmp(p + 1, name, n) == 0 && p[n + 1] == '}') {
				buf_adds(&b, val);
				p += n + 1;
				break;
			}
		}
		va_end(ap);
		if (name == NULL)
			buf_addc(&b, *p);
	}
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* The first max characters of s (whole code points). */
static const char *
cut(const char *s, size_t max, struct arena *a)
{
	size_t i, n = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max)
			return arena_strndup(a, s, i);
	return s;
}

/* Text of field key of a row of register k, "" when unset. */
static const char *
text_of(enum register_kind k, const struct register_row *row,
    const char *key)
{
	int f = register_field(register_of(k), key);

	return f >= 0 && row->v[f].set && row->v[f].s != NULL ? row->v[f].s :
	    "";
}

/* "a; b" (the titles an RF_REFS names) as language l lists them. */
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

/* "q.<n>", "q.<n>.<sub>", "q.<n>.<sub>.<option>". */
static const char *
qkey(struct arena *a, int n, const char *sub, const char *opt)
{
	if (sub == NULL)
		return arena_printf(a, "q.%d", n);
	if (opt == NULL)
		return arena_printf(a, "q.%d.%s", n, sub);
	return arena_printf(a, "q.%d.%s.%s", n, sub, opt);
}

/* ---- the prefill ---------------------------------------------------- */

/* A moment "YYYY-MM-DDTHH:MM…" as language l writes it. */
static const char *
moment(enum lang l, const char *s, struct arena *a)
{
	const char *day = incident_day(l, s, a);

	if (day[0] == '\0' || strlen(s) < 16)
		return day;
	return arena_printf(a, "%s %.5s", day, s + 11);
}

void
incident_intake_prefill(const struct incident_intake_in *in,
    const struct register_row *inc, const struct incident_intake_facts *f,
    struct arena *a, struct intake_answers *ans)
{
	const struct content *ct = in->ct;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	enum lang l = in->lang;
	const char *value[INC_F__MAX];
	struct buf b = BUF_INIT;
	int fs = register_field(d, "systems"), fa = register_field(d,
	    "assets");
	size_t i;

	intake_init(ans, a);
	incident_values(ct, l, in->org, inc, in->now, a, value);
	(void)intake_set(ans, a, "h.company", cut(in->org != NULL ? in->org :
	    "", INTAKE_LINE_MAX, a));
	if (f->employees != NULL) {
		const struct choice *band = choices_find(&ct->org.employees,
		    f->employees);

		if (band != NULL)
			(void)intake_set(ans, a, "h.employees",
			    band->label.t[l]);
	}
	/* what happened so far: the incident in a few lines */
	buf_adds(&b, named(a, U(ct, l, "intake.prefill.what"), "kind",
	    value[INC_F_KIND], "when", moment(l, text_of(REGISTER_INCIDENTS,
	    inc, "detected_at"), a), NULL));
	if (value[INC_F_SUMMARY][0] != '\0') {
		buf_addc(&b, '\n');
		buf_adds(&b, value[INC_F_SUMMARY]);
	}
	if (fs >= 0 && inc->v[fs].set && inc->v[fs].t != NULL &&
	    inc->v[fs].t[0] != '\0') {
		buf_addc(&b, '\n');
		buf_adds(&b, named(a, U(ct, l, "intake.prefill.systems"),
		    "list", listed(l, inc->v[fs].t, a), NULL));
	}
	if (fa >= 0 && inc->v[fa].set && inc->v[fa].t != NULL &&
	    inc->v[fa].t[0] != '\0') {
		buf_addc(&b, '\n');
		buf_adds(&b, named(a, U(ct, l, "intake.prefill.assets"),
		    "list", listed(l, inc->v[fa].t, a), NULL));
	}
	(void)intake_set(ans, a, "q.5", cut(buf_cstr(&b), INTAKE_TEXT_MAX, a));
	buf_reset(&b);
	/* the companies that look after the systems */
	for (i = 0; i < f->nv; i++) {
		if (i > 0)
			buf_adds(&b, l == LANG_JA ? "、" : ", ");
		buf_adds(&b, f->vendors[i]);
	}
	if (f->nv > 0) {
		(void)intake_set(ans, a, "q.14", "yes");
		(void)intake_set(ans, a, "q.14.companies", cut(buf_cstr(&b),
		    INTAKE_TEXT_MAX, a));
	}
	buf_free(&b);
}

/* The contacts kept for the IT a vendor looks after. */
static bool
vendor_target(int t)
{
	return t == BCP_T_HARDWARE || t == BCP_T_SOFTWARE ||
	    t == BCP_T_NETWORK || t == BCP_T_LINES || t == BCP_T_CLOUD_BACKUP;
}

int
incident_intake_read(struct db_conn *c, struct arena *a,
    const struct incident_intake_in *in, int64_t org, int64_t id,
    struct incident_intake_view *v)
{
	const struct register_env *e = &in->ct->regenv;
	const struct register_decl *qd = register_of(REGISTER_INCIDENT_INTAKE);
	const struct register_decl *cd = register_of(REGISTER_CONTACTS);
	struct incident_intake_facts f;
	struct register_row *rows;
	struct org o;
	size_t n, i, k;
	int rc, fi = register_field(qd, "incident"), ft = register_field(cd,
	    "target"), fc = register_field(cd, "company");

	memset(v, 0, sizeof(*v));
	rc = register_get(c, e, register_of(REGISTER_INCIDENTS), org, id, a,
	    &v->inc);
	if (rc == DB_DONE)
		return REPORT_ERR_NOT_FOUND;
	if (rc != DB_ROW)
		return REPORT_ERR_DB;
	if (register_list(c, e, qd, org, a, &rows, &n) != DB_OK)
		return REPORT_ERR_DB;
	/* one questionnaire an incident: the first kept, should a second
	 * ever come through the API */
	for (i = 0; i < n; i++)
		if (rows[i].v[fi].set && rows[i].v[fi].i == id) {
			v->saved = true;
			v->row = rows[i];
			/* the register's check keeps it readable */
			(void)intake_read(text_of(REGISTER_INCIDENT_INTAKE,
			    &rows[i], "answers"), &v->ans, a);
			return REPORT_OK;
		}
	memset(&f, 0, sizeof(f));
	rc = org_get(c, a, org, &o);
	if (rc < 0)
		return REPORT_ERR_DB;
	if (rc == 0 && o.employees != NULL && o.employees[0] != '\0')
		f.employees = o.employees;
	if (register_list(c, e, cd, org, a, &rows, &n) != DB_OK)
		return REPORT_ERR_DB;
	f.vendors = arena_alloc(a, (n + 1) * sizeof(*f.vendors));
	for (i = 0; i < n; i++) {
		const char *co = text_of(REGISTER_CONTACTS, &rows[i],
		    "company");

		if (!rows[i].v[ft].set || !vendor_target((int)rows[i].v[ft].i)
		    || fc < 0 || co[0] == '\0')
			continue;
		for (k = 0; k < f.nv; k++)
			if (strcmp(f.vendors[k], co) == 0)
				break;
		if (k == f.nv)
			f.vendors[f.nv++] = co;
	}
	incident_intake_prefill(in, &v->inc, &f, a, &v->ans);
	return REPORT_OK;
}

/* ---- a posted form -------------------------------------------------- */

struct form {
	const char	*(*get)(void *arg, const char *name);
	void		*arg;
	struct arena	*a;
	struct intake_answers *ans;
	struct incident_intake_errs *errs;
};

/* Put key = text into the answers even when intake_set refuses it (too
 * long, badly encoded): the form shows it again, and the refusal keeps
 * it from being stored. */
static void
keep(struct form *f, const char *key, const char *text)
{
	struct intake_answers *ans = f->ans;

	if (text[0] == '\0' || intake_set(ans, f->a, key, text) == 0)
		return;
	if (intake_find(ans, key) != NULL || ans->n >= INTAKE_ENTRIES_MAX)
		return;
	ans->v[ans->n].key = arena_strdup(f->a, key);
	ans->v[ans->n].text = arena_strdup(f->a, text);
	ans->v[ans->n].list = NULL;
	ans->v[ans->n].nlist = 0;
	ans->n++;
}

static void
refuse(struct form *f, struct incident_intake_err *e, const char *key,
    long x, long y)
{
	if (e->key != NULL)
		return;		/* the first reason is enough */
	e->key = key;
	e->a = x;
	e->b = y;
	f->errs->n++;
}

/* The posted text of name, trimmed, line breaks as LF ("" when absent);
 * a refusal into *e when it is not a text of at most max characters. */
static const char *
posted(struct form *f, const char *name, size_t max,
    struct incident_intake_err *e)
{
	const char *v = f->get(f->arg, name);
	struct buf b = BUF_INIT;
	struct str s;
	const char *p, *out;
	size_t n;

	if (v == NULL)
		return "";
	for (p = v; *p != '\0'; p++)
		if (*p == '\r') {
			buf_addc(&b, '\n');
			if (p[1] == '\n')
				p++;
		} else
			buf_addc(&b, *p);
	s = str_trim(buf_str(&b));
	while (s.n >= 3 && memcmp(s.p, "\xe3\x80\x80", 3) == 0)
		s.p += 3, s.n -= 3;	/* U+3000 at either end */
	while (s.n >= 3 && memcmp(s.p + s.n - 3, "\xe3\x80\x80", 3) == 0)
		s.n -= 3;
	out = arena_cstr(f->a, s);
	buf_free(&b);
	if (out[0] == '\0')
		return out;
	if (!str_utf8_valid(str_c(out)))
		refuse(f, e, "form.err.utf8", 0, 0);
	else if ((n = str_utf8_count(str_c(out))) > max)
		refuse(f, e, "form.err.long", (long)max, (long)n);
	else if (!intake_text_ok(out))
		refuse(f, e, "form.err.utf8", 0, 0);
	return out;
}

/* The options ticked of a multiple choice (pick.<key>.<option>, or a
 * write-in given) into key; the write-ins into <key>.<option>.  True when
 * any. */
static bool
multi(struct form *f, const char *key, const struct intake_option *o,
    size_t n, struct incident_intake_err *e)
{
	const char *list[INTAKE_LIST_MAX];
	size_t k, nl = 0;

	for (k = 0; k < n && nl < INTAKE_LIST_MAX; k++) {
		const char *wkey = arena_printf(f->a, "%s.%s", key, o[k].key);
		const char *w = o[k].text ? posted(f, wkey, INTAKE_LINE_MAX,
		    e) : "";
		bool on = f->get(f->arg, arena_printf(f->a, "pick.%s.%s", key,
		    o[k].key)) != NULL;

		if (w[0] != '\0') {
			keep(f, wkey, w);
			on = true;	/* words for "other" tick it */
		}
		if (on)
			list[nl++] = o[k].key;
	}
	if (nl > 0)
		(void)intake_set_list(f->ans, f->a, key, list, nl);
	return nl > 0;
}

/* The option of o[0..n) keyed s, or -1. */
static int
option_of(const struct intake_option *o, size_t n, const char *s)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(o[k].key, s) == 0)
			return (int)k;
	return -1;
}

/* Follow-up s of question q; true when answered. */
static bool
follow_up(struct form *f, const struct intake_question *q,
    const struct intake_sub *s, struct incident_intake_err *e)
{
	const char *key = qkey(f->a, q->n, s->key, NULL), *v;
	long num;

	switch (s->form) {
	case INC_FORM_MULTI:
		return multi(f, key, s->options, s->n_options, e);
	case INC_FORM_CHOICE:
		v = posted(f, key, INTAKE_KEY_MAX, e);
		if (v[0] == '\0')
			return false;
		if (option_of(s->options, s->n_options, v) < 0)
			refuse(f, e, "reg.err.unknown_key", 0, 0);
		else
			(void)intake_set(f->ans, f->a, key, v);
		return true;
	case INC_FORM_NUMBER:
		v = posted(f, key, 20, e);
		if (v[0] == '\0')
			return false;
		if (str_to_long(str_c(v), -2000000000L, 2000000000L, &num) !=
		    0)
			refuse(f, e, "reg.err.not_integer", 0, 0);
		else if (num < 0 || num > INTAKE_NUMBER_MAX)
			refuse(f, e, "reg.err.out_of_range", 0,
			    INTAKE_NUMBER_MAX);
		keep(f, key, v);
		return true;
	default:
		v = posted(f, key, INTAKE_TEXT_MAX, e);
		keep(f, key, v);
		return v[0] != '\0';
	}
}

bool
incident_intake_asked(const struct intake_pack *ip,
    const struct intake_answers *ans, int q)
{
	const struct intake_question *iq;
	const char *was;
	char key[16];

	if (q < 1 || q > INC_QUESTIONS)
		return false;
	iq = &ip->q[q - 1];
	if (iq->when_q <= 0)
		return true;
	snprintf(key, sizeof(key), "q.%d", iq->when_q);
	was = intake_text(ans, key);
	return was != NULL && strcmp(was, ip->answer[iq->when_a].key) == 0;
}

size_t
incident_intake_from_form(const struct intake_pack *ip,
    const char *(*get)(void *arg, const char *name), void *arg,
    struct arena *a, struct intake_answers *ans,
    struct incident_intake_errs *errs)
{
	struct form f = { get, arg, a, ans, errs };
	int h, i;
	size_t k;

	memset(errs, 0, sizeof(*errs));
	intake_init(ans, a);
	for (h = 0; h < INC_H__MAX; h++) {
		const char *key = arena_printf(a, "h.%s", ip->header[h].key);

		keep(&f, key, posted(&f, key, INTAKE_LINE_MAX,
		    &errs->header[h]));
	}
	for (i = 0; i < INC_QUESTIONS; i++) {
		const struct intake_question *q = &ip->q[i];
		struct incident_intake_err *e = &errs->q[q->n];
		const char *key = qkey(a, q->n, NULL, NULL), *v;
		bool subs = false;

		switch (q->form) {
		case INC_FORM_YES_NO:
		case INC_FORM_YES_NO_UNSURE:
			v = posted(&f, key, INTAKE_KEY_MAX, e);
			if (v[0] == '\0')
				break;
			if (strcmp(v, ip->answer[INC_A_YES].key) != 0 &&
			    strcmp(v, ip->answer[INC_A_NO].key) != 0 &&
			    (q->form == INC_FORM_YES_NO || strcmp(v,
			    ip->answer[INC_A_UNSURE].key) != 0))
				refuse(&f, e, "reg.err.unknown_key", 0, 0);
			else
				(void)intake_set(ans, a, key, v);
			break;
		case INC_FORM_MULTI:
			(void)multi(&f, key, q->options, q->n_options, e);
			break;
		default:
			v = posted(&f, key, INTAKE_TEXT_MAX, e);
			keep(&f, key, v);
			break;
		}
		for (k = 0; k < q->n_subs; k++)
			if (follow_up(&f, q, &q->subs[k], e))
				subs = true;
		/* (a question not asked is refused as such below; its
		 * earlier question comes before it, so is read by now) */
		v = intake_text(ans, key);
		if (subs && incident_intake_asked(ip, ans, q->n) && (v == NULL ||
		    strcmp(v, ip->answer[INC_A_YES].key) != 0))
			refuse(&f, e, "intake.err.followups", 0, 0);
	}
	/* asked only after a given answer to an earlier question: checked
	 * once every answer is read */
	for (i = 0; i < INC_QUESTIONS; i++) {
		const struct intake_question *q = &ip->q[i];
		const char *prefix = qkey(a, q->n, NULL, NULL);
		size_t plen = strlen(prefix);
		bool any = false;

		if (incident_intake_asked(ip, ans, q->n))
			continue;
		for (k = 0; k < ans->n; k++)
			if (strncmp(ans->v[k].key, prefix, plen) == 0 &&
			    (ans->v[k].key[plen] == '\0' ||
			    ans->v[k].key[plen] == '.'))
				any = true;
		if (any)
			refuse(&f, &errs->q[q->n], "intake.err.not_asked",
			    q->when_q, 0);
	}
	return errs->n;
}

/* ---- as text -------------------------------------------------------- */

/* Drop what b holds from byte at on. */
static void
back_to(struct buf *b, size_t at)
{
	if (b->p != NULL && at < b->n) {
		b->n = at;
		b->p[at] = '\0';
	}
}

/* The labels of the options list key holds, with their write-ins. */
static void
picked(const struct content *ct, enum lang l,
    const struct intake_answers *ans, const char *key,
    const struct intake_option *o, size_t n, struct arena *a, struct buf *b)
{
	const char *sep = "";
	size_t k;

	for (k = 0; k < n; k++) {
		const char *w;

		if (!intake_has(ans, key, o[k].key))
			continue;
		buf_adds(b, sep);
		w = intake_text(ans, arena_printf(a, "%s.%s", key, o[k].key));
		if (w != NULL)
			buf_adds(b, named(a, U(ct, l, "intake.writein"),
			    "label", o[k].label.t[l], "text", w, NULL));
		else
			buf_adds(b, o[k].label.t[l]);
		sep = l == LANG_JA ? "、" : "; ";
	}
}

const char *
incident_intake_answer(const struct content *ct, enum lang l,
    const struct intake_answers *ans, int q, struct arena *a)
{
	const struct intake_pack *ip = &ct->intake;
	const struct intake_question *iq;
	const char *key, *v, *out;
	struct buf b = BUF_INIT;
	size_t k, at;
	int x;

	if (q < 1 || q > INC_QUESTIONS)
		return NULL;
	iq = &ip->q[q - 1];
	key = qkey(a, q, NULL, NULL);
	if (iq->form == INC_FORM_MULTI)
		picked(ct, l, ans, key, iq->options, iq->n_options, a, &b);
	else if ((v = intake_text(ans, key)) != NULL) {
		for (x = 0; x < INC_A__MAX; x++)
			if (iq->form != INC_FORM_TEXT &&
			    strcmp(v, ip->answer[x].key) == 0)
				break;
		buf_adds(&b, x < INC_A__MAX ? ip->answer[x].label.t[l] : v);
	}
	for (k = 0; k < iq->n_subs; k++) {
		const struct intake_sub *s = &iq->subs[k];
		const char *sk = qkey(a, q, s->key, NULL);

		at = b.n;
		if (b.n > 0)
			buf_addc(&b, '\n');
		buf_adds(&b, named(a, U(ct, l, "intake.sub_line"), "label",
		    s->label.t[l], "text", "", NULL));
		if (s->form == INC_FORM_MULTI) {
			size_t before = b.n;

			picked(ct, l, ans, sk, s->options, s->n_options, a, &b);
			if (b.n == before)
				back_to(&b, at);	/* nothing ticked */
		} else if ((v = intake_text(ans, sk)) != NULL) {
			if (s->form == INC_FORM_CHOICE && (x = option_of(
			    s->options, s->n_options, v)) >= 0)
				v = s->options[x].label.t[l];
			buf_adds(&b, v);
		} else
			back_to(&b, at);
	}
	if (b.n == 0) {
		buf_free(&b);
		return NULL;
	}
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* ---- the PDF -------------------------------------------------------- */

void
incident_intake_build(const struct incident_intake_in *in,
    const struct incident_intake_view *v, struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	const struct intake_pack *ip = &ct->intake;
	const struct desks_pack *dp = &ct->desks;
	enum lang l = in->lang;
	const char *value[INC_F__MAX];
	struct doc_section *s;
	struct doc_block *b;
	size_t k, r;
	int g, h, q;

	incident_values(ct, l, in->org, &v->inc, in->now, a, value);
	doc_init(d, a, lang_key(l), ip->title.t[l]);
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, ip->title.t[l]);
	doc_cover(d, 3);
	doc_set_fig(d, &d->cover[0], ct->incidents.field[INC_F_KIND].label.t[l],
	    value[INC_F_KIND][0] != '\0' ? value[INC_F_KIND] : "—", false, 0,
	    0);
	doc_set_fig(d, &d->cover[1], U(ct, l, "reg.incidents.f.detected_at"),
	    moment(l, text_of(REGISTER_INCIDENTS, &v->inc, "detected_at"), a),
	    false, 0, 0);
	doc_set_fig(d, &d->cover[2], ct->incidents.field[INC_F_LEVEL].label.t[l],
	    value[INC_F_LEVEL][0] != '\0' ? value[INC_F_LEVEL] : "—", false, 0,
	    0);

	/* who asks */
	s = doc_section(d, U(ct, l, "intake.pdf.header"), NULL, false);
	doc_text(d, s, ip->intro.t[l]);
	b = doc_table(d, s, 2, INC_H__MAX);
	doc_col(d, &b->tab, 0, U(ct, l, "intake.pdf.item"), 30, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(ct, l, "intake.pdf.answer"), 70, DOC_LEFT);
	for (h = 0; h < INC_H__MAX; h++) {
		const char *t = intake_text(&v->ans, arena_printf(a, "h.%s",
		    ip->header[h].key));
		const char *unit = ip->header[h].unit.t[l];

		doc_set_text(d, &b->tab, (size_t)h, 0, ip->header[h].label.t[l]);
		if (t == NULL)
			continue;
		/* a bare number takes its unit */
		if (unit != NULL && unit[0] != '\0' && t[strspn(t,
		    "0123456789,")] == '\0')
			t = doc_printf(d, l == LANG_JA ? "%s%s" : "%s %s", t,
			    unit);
		doc_set_text(d, &b->tab, (size_t)h, 1, t);
	}

	/* the questions, group by group */
	for (g = 0; g < INC_G__MAX; g++) {
		s = doc_section(d, doc_printf(d, "%d. %s", g + 1,
		    ip->group[g].label.t[l]), NULL, false);
		doc_note(d, s, doc_printf(d, "%s %s", ip->group[g].purpose.t[l],
		    named(a, U(ct, l, "intake.who"), "who",
		    ip->group[g].who.t[l], NULL)));
		b = doc_table(d, s, 3, (size_t)(ip->group[g].last -
		    ip->group[g].first + 1));
		doc_col(d, &b->tab, 0, U(ct, l, "intake.pdf.no"), 5,
		    DOC_RIGHT);
		doc_col(d, &b->tab, 1, U(ct, l, "intake.pdf.question"), 50,
		    DOC_LEFT);
		doc_col(d, &b->tab, 2, U(ct, l, "intake.pdf.answer"), 45,
		    DOC_LEFT);
		for (q = ip->group[g].first, r = 0; q <= ip->group[g].last;
		    q++, r++) {
			const struct intake_question *iq = &ip->q[q - 1];
			const char *t = incident_intake_answer(ct, l, &v->ans, q,
			    a);

			doc_set_text(d, &b->tab, r, 0, doc_printf(d, "%d", q));
			doc_set_text(d, &b->tab, r, 1, iq->text.t[l]);
			if (!incident_intake_asked(ip, &v->ans, q))
				t = named(a, U(ct, l, "intake.only_after"),
				    "n", doc_printf(d, "%d", iq->when_q),
				    "answer", ip->answer[iq->when_a].label.t[l],
				    NULL);
			else if (t == NULL)
				t = U(ct, l, "intake.unanswered");
			doc_set_text(d, &b->tab, r, 2, t);
		}
	}

	/* before calling */
	s = doc_section(d, ip->precall_title.t[l], NULL, true);
	b = doc_list(d, s, INC_P__MAX, true);
	for (k = 0; k < INC_P__MAX; k++)
		b->items[k] = doc_printf(d, "%s — %s",
		    ip->precall[k].label.t[l], ip->precall[k].hint.t[l]);

	/* whom to call */
	s = doc_section(d, U(ct, l, "intake.pdf.desks"), NULL, false);
	doc_note(d, s, doc_printf(d, "%s %s", named(a, U(ct, l,
	    "intake.pdf.as_of"), "date", dp->as_of, NULL), dp->note.t[l]));
	b = doc_table(d, s, 3, dp->n);
	doc_col(d, &b->tab, 0, U(ct, l, "intake.pdf.desk"), 24, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(ct, l, "intake.pdf.handles"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(ct, l, "intake.pdf.reach"), 36, DOC_LEFT);
	for (k = 0; k < dp->n; k++) {
		const struct desk *dk = &dp->v[k];
		struct buf reach = BUF_INIT;

		buf_adds(&reach, dk->reach.t[l]);
		if (dk->phone != NULL && dk->phone[0] != '\0')
			buf_printf(&reach, "\n%s", named(a, U(ct, l,
			    "intake.pdf.phone"), "phone", dk->phone, NULL));
		if (dk->url != NULL && dk->url[0] != '\0')
			buf_printf(&reach, "\n%s", dk->url);
		doc_set_text(d, &b->tab, k, 0, dk->name.t[l]);
		doc_set_text(d, &b->tab, k, 1, dk->handles.t[l]);
		doc_set_text(d, &b->tab, k, 2, buf_cstr(&reach));
		buf_free(&reach);
	}
	doc_note(d, s, ip->source.t[l]);
}

int
incident_intake_file(struct db_conn *c, struct arena *a,
    const struct incident_intake_in *in, int64_t org, int64_t id,
    enum report_format f, struct buf *out, char *err, size_t errlen)
{
	struct incident_intake_view *v;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the intake questionnaire is a pdf");
		return REPORT_ERR_VIEW;
	}
	v = arena_alloc(a, sizeof(*v));
	rc = incident_intake_read(c, a, in, org, id, v);
	if (rc == REPORT_ERR_NOT_FOUND)
		snprintf(err, errlen, "no incident %lld", (long long)id);
	else if (rc != REPORT_OK)
		snprintf(err, errlen, "the database failed");
	if (rc != REPORT_OK)
		return rc;
	incident_intake_build(in, v, a, &d);
	return report_render(&d, REPORT_PDF, out, err, errlen);
}
