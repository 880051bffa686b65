#include "report/keizoku_doc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/bcp.h"
#include "model/plan.h"

/* Most names one statement lists before "and n more". */
#define KZ_LIST_MAX	12

/* Where a row's content comes from, as flags; the source column names
 * each, in this order. */
enum kz_src {
	SRC_PROFILE = 1u << 0,
	SRC_PROCESSES = 1u << 1,
	SRC_SYSTEMS = 1u << 2,
	SRC_RECOVERY = 1u << 3,
	SRC_CONTACTS = 1u << 4,
	SRC_DISRUPTIONS = 1u << 5,
	SRC_PLAN = 1u << 6,
	SRC_EXERCISES = 1u << 7,
	SRC_MAINT = 1u << 8,	/* the bcp pack's five activities */
	SRC_SUGGEST = 1u << 9,	/* wording of ours, to check */
	SRC_NEXT = 1u << 10,	/* a date a year after the last (ours) */
	SRC_FILL = 1u << 11,	/* the company fills it in */
};

#define SRC_DATA	(SRC_PROFILE | SRC_PROCESSES | SRC_SYSTEMS | \
			    SRC_RECOVERY | SRC_CONTACTS | SRC_DISRUPTIONS | \
			    SRC_PLAN | SRC_EXERCISES | SRC_MAINT)

/* The ui key naming each data source, in flag order. */
static const char *const src_key[] = {
	"keizoku.src.org", "reg.processes.title", "reg.systems.title",
	"reg.recovery.title", "reg.contacts.title", "reg.disruptions.title",
	"reg.plan.title", "keizoku.src.exercises", "keizoku.src.maint",
};

/* The four resources the form weighs, in its order. */
enum kz_res {
	RES_PEOPLE,
	RES_THINGS,
	RES_MONEY,
	RES_INFO,
	RES__MAX
};

static const char *const res_key[RES__MAX] = {
	[RES_PEOPLE] = "keizoku.res.people",
	[RES_THINGS] = "keizoku.res.things",
	[RES_MONEY] = "keizoku.res.money",
	[RES_INFO] = "keizoku.res.info",
};

/* The five maintenance activities of the bcp pack, in its fixed order. */
enum kz_maint {
	MT_CARRY_OUT,
	MT_INSPECT,
	MT_CORRECT,
	MT_REVIEW,
	MT_EDUCATE,
	MT__MAX
};

/* A table column: ui key of the heading, width, alignment. */
struct kz_col {
	const char	*head;
	double		 width;	/* characters in the sheet; relative in the
				   PDF */
	enum doc_align	 align;
};

/* A list being written: at most KZ_LIST_MAX items, the rest counted. */
struct kz_list {
	struct buf	 b;
	size_t		 n;	/* items given */
};

static const char *
U(const struct keizoku_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

static const char *
TR(const struct keizoku_doc_in *in, const struct tr *t)
{
	return t->t[in->lang] != NULL ? t->t[in->lang] : "";
}

/* Between the items of a list. */
static const char *
sep(const struct keizoku_doc_in *in)
{
	return in->lang == LANG_JA ? "、" : ", ";
}

/* "a（b）" or "a (b)"; a alone when b is empty. */
static const char *
paren(const struct keizoku_doc_in *in, struct doc *d, const char *x,
    const char *y)
{
	if (y == NULL || y[0] == '\0')
		return doc_str(d, x);
	return doc_printf(d, in->lang == LANG_JA ? "%s（%s）" : "%s (%s)", x,
	    y);
}

static void
list_add(const struct keizoku_doc_in *in, struct kz_list *l, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (l->n++ >= KZ_LIST_MAX)
		return;
	if (l->b.n > 0)
		buf_adds(&l->b, sep(in));
	buf_adds(&l->b, s);
}

/* The list as text in d ("" when empty), with "and n more"; l is reset. */
static const char *
list_take(const struct keizoku_doc_in *in, struct doc *d, struct kz_list *l)
{
	const char *s;

	if (l->n > KZ_LIST_MAX)
		buf_printf(&l->b, "%s%s", sep(in), content_ui_n(in->ct,
		    in->lang, "keizoku.more", (long)(l->n - KZ_LIST_MAX), 0,
		    d->a));
	s = doc_str(d, buf_cstr(&l->b));
	buf_reset(&l->b);
	l->n = 0;
	return s;
}

/* Field key of register k, or -1. */
static int
F(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

/* Field key of row (of register k); an unset value when there is none. */
static const struct register_val *
V(const struct register_row *row, enum register_kind k, const char *key)
{
	static const struct register_val none = { false, 0, "", NULL };
	int f = F(k, key);

	return f < 0 ? &none : &row->v[f];
}

/* A value of row in words: labels for keys, "" when unset. */
static const char *
W(const struct keizoku_doc_in *in, struct arena *a,
    const struct register_row *row, enum register_kind k, const char *key)
{
	const struct register_decl *d = register_of(k);
	int f = register_field(d, key);
	const struct register_val *v;

	if (f < 0 || !(v = &row->v[f])->set)
		return "";
	switch (d->f[f].type) {
	case RF_ENUM:
	case RF_SET:
	case RF_REF:
	case RF_REFS:
		return register_label_a(&in->ct->regenv, &d->f[f], v,
		    (int)in->lang, a);
	default:
		return register_text(&d->f[f], v, a);
	}
}

/* The index of the system with id in in->bcp, or -1. */
static long
sys_index(const struct keizoku_doc_in *in, int64_t id)
{
	size_t i;

	for (i = 0; i < in->bcp->ns; i++)
		if (in->bcp->sys[i].id == id)
			return (long)i;
	return -1;
}

static const char *
sys_name(const struct keizoku_doc_in *in, const struct register_row *s)
{
	const struct register_val *v = V(s, REGISTER_SYSTEMS, "name");

	return v->set ? v->s : "";
}

/* The names of the systems a reference set v names (those still there). */
static const char *
sys_names(const struct keizoku_doc_in *in, struct doc *d,
    const struct register_val *v, struct kz_list *l)
{
	int64_t ids[REGISTER_REFS_MAX];
	size_t n = register_refs(v, ids), k;
	long i;

	for (k = 0; k < n; k++)
		if ((i = sys_index(in, ids[k])) >= 0)
			list_add(in, l, sys_name(in, &in->bcp->sys[i]));
	return list_take(in, d, l);
}

/* The source column's text for the flags src. */
static const char *
source(const struct keizoku_doc_in *in, struct doc *d, unsigned src)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t k;

	if (src & SRC_DATA) {
		buf_adds(&b, U(in, "keizoku.src.from"));
		for (k = 0; k < sizeof(src_key) / sizeof(src_key[0]); k++)
			if (src & (1u << k))
				buf_printf(&b, "%s%s", (src & ((1u << k) - 1) &
				    SRC_DATA) ? sep(in) : "", U(in,
				    src_key[k]));
	}
	if (src & SRC_NEXT)
		buf_printf(&b, "%s%s", b.n > 0 ? "\n" : "",
		    U(in, "keizoku.src.next"));
	if (src & SRC_SUGGEST)
		buf_printf(&b, "%s%s", b.n > 0 ? "\n" : "",
		    U(in, "keizoku.src.suggest"));
	if (src & SRC_FILL)
		buf_printf(&b, "%s%s", b.n > 0 ? "\n" : "",
		    U(in, "keizoku.src.fill"));
	s = doc_str(d, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* A cell the company fills in: the mark, then the hint; tinted. */
static void
put_fill(const struct keizoku_doc_in *in, struct doc *d,
    struct doc_table *t, size_t r, size_t c, const char *hint)
{
	doc_set_text(d, t, r, c, doc_printf(d, "%s%s",
	    U(in, "keizoku.fill_mark"), hint));
	doc_cell(t, r, c)->tone = DOC_TONE_WARN;
}

/* A table of n columns c[] and nrows rows in s. */
static struct doc_table *
table(const struct keizoku_doc_in *in, struct doc *d, struct doc_section *s,
    const struct kz_col *c, size_t n, size_t nrows)
{
	struct doc_block *b = doc_table(d, s, n, nrows);
	size_t k;

	for (k = 0; k < n; k++)
		doc_col(d, &b->tab, k, U(in, c[k].head), c[k].width,
		    c[k].align);
	return &b->tab;
}

/* "YYYY-MM-DD" of Unix time t in Japan. */
static const char *
day_of(struct doc *d, int64_t t)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return doc_printf(d, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* The same day a year after "YYYY-MM-DD" s (29 February: the 28th). */
static const char *
year_after(struct doc *d, const char *s)
{
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10),
	    dd = strtol(s + 8, NULL, 10);

	if (m == 2 && dd == 29)
		dd = 28;
	return doc_printf(d, "%04ld-%02ld-%02ld", y + 1, m, dd);
}

/* The latest "YYYY-MM-DD" of field key (RF_DATE) over rows[0..n), or
 * NULL.  ISO days order as strings. */
static const char *
latest(const struct register_row *rows, size_t n, const struct register_decl
    *rd, int f)
{
	const char *best = NULL;
	size_t k;

	if (rd == NULL || f < 0)
		return NULL;
	for (k = 0; k < n; k++) {
		const struct register_val *v = &rows[k].v[f];

		if (v->set && rd->f[f].type == RF_DATE && strlen(v->s) == 10 &&
		    (best == NULL || strcmp(v->s, best) > 0))
			best = v->s;
	}
	return best;
}

/* A process's priority as enum bcp_priority, BCP_PRIORITY__MAX when it
 * has none. */
static int
prio(const struct register_row *p)
{
	const struct register_val *v = V(p, REGISTER_PROCESSES, "priority");

	return v->set && v->i >= 0 && v->i < BCP_PRIORITY__MAX ? (int)v->i :
	    BCP_PRIORITY__MAX;
}

/* The processes of in by priority, S first, each priority by id (the
 * order the registers read them in), those of priority ≤ upto; *n. */
static const struct register_row **
by_priority(const struct keizoku_doc_in *in, struct arena *a, int upto,
    size_t *n)
{
	const struct register_row **v;
	size_t k;
	int p;

	v = arena_alloc(a, (in->bcp->np + 1) * sizeof(*v));
	*n = 0;
	for (p = 0; p <= upto && p <= BCP_PRIORITY__MAX; p++)
		for (k = 0; k < in->bcp->np; k++)
			if (prio(&in->bcp->proc[k]) == p)
				v[(*n)++] = &in->bcp->proc[k];
	return v;
}

/* ---- 1 the business overview ---- */

enum {
	OV_NAME, OV_INDUSTRY, OV_EMPLOYEES, OV_CLASS, OV_BUSINESS, OV_ROLE,
	OV_CORE, OV__MAX
};

static const struct kz_col kv_cols[] = {
	{ "keizoku.col.item", 22, DOC_LEFT },
	{ "keizoku.col.content", 64, DOC_LEFT },
	{ "keizoku.col.source", 26, DOC_LEFT },
};

/* Row r of a label | value | source table: value v from src, or, when
 * v is empty, the hint for the company to fill in. */
static void
kv_row(const struct keizoku_doc_in *in, struct doc *d, struct doc_table *t,
    size_t r, const char *label, const char *v, unsigned src,
    const char *hint)
{
	doc_set_text(d, t, r, 0, label);
	if (v != NULL && v[0] != '\0') {
		doc_set_text(d, t, r, 1, v);
		doc_set_text(d, t, r, 2, source(in, d, src));
	} else {
		put_fill(in, d, t, r, 1, hint);
		doc_set_text(d, t, r, 2, source(in, d, SRC_FILL));
	}
}

static const char *
choice_label(const struct keizoku_doc_in *in, const struct choices *cs,
    const char *key)
{
	const struct choice *c;

	if (key == NULL || key[0] == '\0' || (c = choices_find(cs,
	    key)) == NULL)
		return "";
	return TR(in, &c->label);
}

static void
sec_overview(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct kz_col core_cols[] = {
		{ "reg.processes.f.name", 20, DOC_LEFT },
		{ "reg.processes.f.priority", 16, DOC_LEFT },
		{ "reg.processes.f.description", 30, DOC_LEFT },
		{ "reg.processes.f.rto_label", 14, DOC_LEFT },
		{ "reg.processes.f.workaround", 28, DOC_LEFT },
		{ "keizoku.col.source", 18, DOC_LEFT },
	};
	const struct org *o = in->prof;
	const struct register_row **core;
	struct kz_list l = { BUF_INIT, 0 };
	struct doc_section *s;
	struct doc_table *t;
	const char *cls = "";
	size_t n, k;
	int i;

	s = doc_section(d, U(in, "keizoku.s1.title"), U(in,
	    "keizoku.s1.sheet"), false);
	doc_heading(d, s, 2, U(in, "keizoku.draft_head"));
	doc_text(d, s, U(in, "keizoku.draft"));
	doc_note(d, s, U(in, "keizoku.legend"));
	doc_text(d, s, U(in, "keizoku.s1.intro"));

	if (o != NULL && o->dep_class != NULL)
		for (i = 0; i < DEP__MAX; i++)
			if (in->ct->org.dep[i].key != NULL &&
			    strcmp(in->ct->org.dep[i].key, o->dep_class) == 0)
				cls = TR(in, &in->ct->org.dep[i].label);
	core = by_priority(in, a, BCP_A, &n);
	for (k = 0; k < n; k++)
		list_add(in, &l, V(core[k], REGISTER_PROCESSES, "name")->s);

	t = table(in, d, s, kv_cols, 3, OV__MAX);
	kv_row(in, d, t, OV_NAME, U(in, "keizoku.ov.name"),
	    o != NULL && o->name != NULL && o->name[0] != '\0' ? o->name :
	    in->org, SRC_PROFILE, U(in, "keizoku.ov.name_hint"));
	kv_row(in, d, t, OV_INDUSTRY, U(in, "org.industry"), o != NULL ?
	    choice_label(in, &in->ct->org.industries, o->industry) : "",
	    SRC_PROFILE, U(in, "keizoku.ov.industry_hint"));
	kv_row(in, d, t, OV_EMPLOYEES, U(in, "org.employees"), o != NULL ?
	    choice_label(in, &in->ct->org.employees, o->employees) : "",
	    SRC_PROFILE, U(in, "keizoku.ov.employees_hint"));
	kv_row(in, d, t, OV_CLASS, U(in, "keizoku.ov.class"), cls,
	    SRC_PROFILE, U(in, "keizoku.ov.class_hint"));
	kv_row(in, d, t, OV_BUSINESS, U(in, "keizoku.ov.business"), NULL, 0,
	    U(in, "keizoku.ov.business_hint"));
	kv_row(in, d, t, OV_ROLE, U(in, "keizoku.ov.role"), NULL, 0,
	    U(in, "keizoku.ov.role_hint"));
	kv_row(in, d, t, OV_CORE, U(in, "keizoku.ov.core"),
	    list_take(in, d, &l), SRC_PROCESSES, U(in, "keizoku.ov.core_hint"));
	buf_free(&l.b);
	if (n == 0)
		return;

	doc_heading(d, s, 2, U(in, "keizoku.core.heading"));
	t = table(in, d, s, core_cols, 6, n);
	for (k = 0; k < n; k++) {
		const struct register_row *p = core[k];

		doc_set_text(d, t, k, 0, W(in, a, p, REGISTER_PROCESSES,
		    "name"));
		doc_set_text(d, t, k, 1, W(in, a, p, REGISTER_PROCESSES,
		    "priority"));
		doc_set_text(d, t, k, 2, W(in, a, p, REGISTER_PROCESSES,
		    "description"));
		doc_set_text(d, t, k, 3, W(in, a, p, REGISTER_PROCESSES,
		    "rto_label"));
		doc_set_text(d, t, k, 4, W(in, a, p, REGISTER_PROCESSES,
		    "workaround"));
		doc_set_text(d, t, k, 5, source(in, d, SRC_PROCESSES));
	}
}

/* ---- 2 the assumed disasters and their impact ---- */

/* Whether disruption row r hits layer ly. */
static bool
hits(const struct register_row *r, enum bcp_layer ly)
{
	const struct register_val *v = V(r, REGISTER_DISRUPTIONS, "layers");

	return v->set && ((uint64_t)v->i & ((uint64_t)1 << ly)) != 0;
}

/* The kinds of the disruptions that hit any layer of mask, or whose kind
 * is key also (NULL: none), each once, in the list l. */
static const char *
kinds_hitting(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d, unsigned mask, const char *also, struct kz_list *l)
{
	const struct bcp_all *x = in->bcp;
	const char **seen = arena_alloc(a, (x->nd + 1) * sizeof(*seen));
	size_t k, j, ns = 0;
	int ly;

	for (k = 0; k < x->nd; k++) {
		const struct register_row *r = &x->dis[k];
		const struct register_val *kind = V(r, REGISTER_DISRUPTIONS,
		    "kind");
		bool hit = also != NULL && kind->set &&
		    strcmp(kind->s, also) == 0;
		const char *label;

		for (ly = 0; ly < BCP_LAYER__MAX; ly++)
			if ((mask & (1u << ly)) && hits(r, (enum bcp_layer)ly))
				hit = true;
		if (!hit)
			continue;
		label = W(in, a, r, REGISTER_DISRUPTIONS, "kind");
		for (j = 0; j < ns && strcmp(seen[j], label) != 0; j++)
			;
		if (j < ns)
			continue;
		seen[ns++] = label;
		list_add(in, l, label);
	}
	return list_take(in, d, l);
}

/* The contacts for damaged target tg in l as "owner (company, person,
 * phone)". */
static const char *
contacts_for(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d, enum bcp_target tg, struct kz_list *l)
{
	const struct bcp_all *x = in->bcp;
	struct kz_list w = { BUF_INIT, 0 };
	size_t k;

	for (k = 0; k < x->nc; k++) {
		const struct register_row *c = &x->con[k];
		const struct register_val *t = V(c, REGISTER_CONTACTS,
		    "target");
		const char *who;

		if (!t->set || t->i != (int64_t)tg)
			continue;
		list_add(in, &w, W(in, a, c, REGISTER_CONTACTS, "company"));
		list_add(in, &w, W(in, a, c, REGISTER_CONTACTS, "person"));
		list_add(in, &w, W(in, a, c, REGISTER_CONTACTS, "phone"));
		who = paren(in, d, W(in, a, c, REGISTER_CONTACTS, "owner"),
		    list_take(in, d, &w));
		list_add(in, l, who);
	}
	buf_free(&w.b);
	return list_take(in, d, l);
}

/* The 3-2-1 gaps of system view v in words, "" when it passes. */
static const char *
gaps(const struct keizoku_doc_in *in, struct doc *d,
    const struct bcp_sys_view *v, struct kz_list *l)
{
	if (v->miss & BCP_MISS_COPIES)
		list_add(in, l, U(in, "bcp.miss.copies"));
	if (v->miss & BCP_MISS_MEDIA)
		list_add(in, l, U(in, "bcp.miss.media"));
	if (v->miss & BCP_MISS_OFFLINE_OFFSITE)
		list_add(in, l, U(in, "bcp.miss.offline_offsite"));
	return list_take(in, d, l);
}

/* "label" + text, or "" when text is empty. */
static const char *
line(const struct keizoku_doc_in *in, struct doc *d, const char *key,
    const char *text)
{
	if (text == NULL || text[0] == '\0')
		return "";
	return doc_printf(d, "%s%s", U(in, key), text);
}

/* Lines a, b, c (each may be "") joined by line breaks. */
static const char *
lines(struct doc *d, const char *x, const char *y, const char *z)
{
	const char *v[3] = { x, y, z };
	struct buf b = BUF_INIT;
	const char *s;
	int k;

	for (k = 0; k < 3; k++)
		if (v[k] != NULL && v[k][0] != '\0')
			buf_printf(&b, "%s%s", b.n > 0 ? "\n" : "", v[k]);
	s = doc_str(d, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void
sec_impact(const struct keizoku_doc_in *in, struct arena *a, struct doc *d)
{
	static const struct kz_col dis_cols[] = {
		{ "reg.disruptions.f.kind", 16, DOC_LEFT },
		{ "reg.disruptions.f.scenario", 30, DOC_LEFT },
		{ "reg.disruptions.f.reason", 30, DOC_LEFT },
		{ "reg.disruptions.f.layers", 18, DOC_LEFT },
		{ "reg.disruptions.f.systems", 16, DOC_LEFT },
		{ "keizoku.col.source", 16, DOC_LEFT },
	};
	static const struct kz_col imp_cols[] = {
		{ "keizoku.col.resource", 16, DOC_LEFT },
		{ "keizoku.col.impact", 70, DOC_LEFT },
		{ "keizoku.col.source", 26, DOC_LEFT },
	};
	const struct bcp_all *x = in->bcp;
	struct kz_list l = { BUF_INIT, 0 }, m = { BUF_INIT, 0 };
	struct doc_section *s;
	struct doc_table *t;
	const char *v, *p, *q;
	size_t k, pass = 0;

	s = doc_section(d, U(in, "keizoku.s2.title"), U(in,
	    "keizoku.s2.sheet"), true);
	doc_text(d, s, U(in, "keizoku.s2.intro"));
	doc_heading(d, s, 2, U(in, "keizoku.dis.heading"));
	t = table(in, d, s, dis_cols, 6, x->nd > 0 ? x->nd : 1);
	for (k = 0; k < x->nd; k++) {
		const struct register_row *r = &x->dis[k];

		doc_set_text(d, t, k, 0, W(in, a, r, REGISTER_DISRUPTIONS,
		    "kind"));
		doc_set_text(d, t, k, 1, W(in, a, r, REGISTER_DISRUPTIONS,
		    "scenario"));
		doc_set_text(d, t, k, 2, W(in, a, r, REGISTER_DISRUPTIONS,
		    "reason"));
		doc_set_text(d, t, k, 3, W(in, a, r, REGISTER_DISRUPTIONS,
		    "layers"));
		doc_set_text(d, t, k, 4, sys_names(in, d, V(r,
		    REGISTER_DISRUPTIONS, "systems"), &l));
		doc_set_text(d, t, k, 5, source(in, d, SRC_DISRUPTIONS));
	}
	if (x->nd == 0) {
		put_fill(in, d, t, 0, 1, U(in, "keizoku.dis.none"));
		doc_set_text(d, t, 0, 5, source(in, d, SRC_FILL));
	}

	doc_heading(d, s, 2, U(in, "keizoku.imp.heading"));
	t = table(in, d, s, imp_cols, 3, RES__MAX);
	for (k = 0; k < RES__MAX; k++)
		doc_set_text(d, t, k, 0, U(in, res_key[k]));

	/* people: the incidents that keep them away, whom to call */
	p = line(in, d, "keizoku.imp.people_dis", kinds_hitting(in, a, d,
	    1u << BCP_PEOPLE, "epidemic", &l));
	q = line(in, d, "keizoku.imp.people_con", contacts_for(in, a, d,
	    BCP_T_EMPLOYEES, &l));
	kv_row(in, d, t, RES_PEOPLE, U(in, res_key[RES_PEOPLE]), lines(d, p,
	    q, NULL), (p[0] != '\0' ? SRC_DISRUPTIONS : 0) | (q[0] != '\0' ?
	    SRC_CONTACTS : 0), U(in, "keizoku.imp.people_none"));

	/* things: the systems, the incidents that hit equipment, lines or
	 * buildings */
	for (k = 0; k < x->ns; k++)
		list_add(in, &l, sys_name(in, &x->sys[k]));
	v = list_take(in, d, &l);
	p = x->ns > 0 ? doc_printf(d, "%s%s", content_ui_n(in->ct, in->lang,
	    "keizoku.imp.things_sys", (long)x->ns, 0, a), v) : "";
	q = line(in, d, "keizoku.imp.things_dis", kinds_hitting(in, a, d,
	    (1u << BCP_HARDWARE) | (1u << BCP_INFRA) | (1u << BCP_BUILDING),
	    NULL, &l));
	kv_row(in, d, t, RES_THINGS, U(in, res_key[RES_THINGS]), lines(d, p,
	    q, NULL), (p[0] != '\0' ? SRC_SYSTEMS : 0) | (q[0] != '\0' ?
	    SRC_DISRUPTIONS : 0), U(in, "keizoku.imp.things_none"));

	/* money: mamori holds nothing of it */
	kv_row(in, d, t, RES_MONEY, U(in, res_key[RES_MONEY]), NULL, 0,
	    U(in, "keizoku.imp.money"));

	/* information: the backups and their 3-2-1 state */
	for (k = 0; k < x->ns; k++) {
		const char *g = gaps(in, d, &x->view[k], &m);

		if (g[0] == '\0')
			pass++;
		else
			list_add(in, &l, paren(in, d, sys_name(in, &x->sys[k]),
			    g));
	}
	v = list_take(in, d, &l);	/* the gaps, by system */
	p = x->ns > 0 ? content_ui_n(in->ct, in->lang, "keizoku.imp.info_sum",
	    (long)x->ns, (long)pass, a) : "";
	kv_row(in, d, t, RES_INFO, U(in, res_key[RES_INFO]), lines(d, p,
	    line(in, d, "keizoku.imp.info_gap", v), NULL), SRC_SYSTEMS,
	    U(in, "keizoku.imp.info_none"));
	buf_free(&l.b);
	buf_free(&m.b);
}

/* ---- 3 the initial response ---- */

enum { IR_SAFETY, IR_STRUCTURE, IR_DAMAGE, IR__MAX };

/* The provisional steps (stage 0), by system then step: *n of them. */
static const struct register_row **
provisional(const struct keizoku_doc_in *in, struct arena *a, size_t *n)
{
	const struct bcp_all *x = in->bcp;
	const struct register_row **v;
	size_t i, k, j;
	int fs = F(REGISTER_RECOVERY, "system"),
	    fg = F(REGISTER_RECOVERY, "stage"), fn = F(REGISTER_RECOVERY,
	    "step");

	v = arena_alloc(a, (x->nr + 1) * sizeof(*v));
	*n = 0;
	for (i = 0; i < x->ns; i++)
		for (k = 0; k < x->nr; k++) {
			const struct register_row *r = &x->rec[k];

			if (!r->v[fs].set || r->v[fs].i != x->sys[i].id ||
			    !r->v[fg].set || r->v[fg].i != 0)
				continue;
			/* insert by step, ties by id */
			for (j = *n; j > 0 && v[j - 1]->v[fs].i ==
			    r->v[fs].i && v[j - 1]->v[fn].i > r->v[fn].i; j--)
				v[j] = v[j - 1];
			v[j] = r;
			(*n)++;
		}
	return v;
}

/* One cell of a response row: text, or the hint for the company. */
static void
ir_cell(const struct keizoku_doc_in *in, struct doc *d,
    struct doc_table *t, size_t r, size_t c, const char *text,
    const char *hint)
{
	if (text != NULL && text[0] != '\0')
		doc_set_text(d, t, r, c, text);
	else
		put_fill(in, d, t, r, c, hint);
}

static void
sec_response(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct kz_col ir_cols[] = {
		{ "keizoku.col.item", 16, DOC_LEFT },
		{ "keizoku.col.what", 34, DOC_LEFT },
		{ "keizoku.col.when", 22, DOC_LEFT },
		{ "keizoku.col.prepared", 34, DOC_LEFT },
		{ "keizoku.col.source", 22, DOC_LEFT },
	};
	static const struct kz_col step_cols[] = {
		{ "reg.recovery.f.system", 16, DOC_LEFT },
		{ "reg.recovery.f.step", 7, DOC_CENTER },
		{ "keizoku.col.step_name", 18, DOC_LEFT },
		{ "reg.recovery.f.action", 28, DOC_LEFT },
		{ "reg.recovery.f.owner", 12, DOC_LEFT },
		{ "reg.recovery.f.minutes", 10, DOC_RIGHT },
		{ "keizoku.col.sys_rto", 14, DOC_RIGHT },
		{ "keizoku.col.source", 16, DOC_LEFT },
	};
	static const struct kz_col rto_cols[] = {
		{ "reg.processes.f.name", 22, DOC_LEFT },
		{ "reg.processes.f.priority", 18, DOC_LEFT },
		{ "reg.processes.f.rto_hours", 14, DOC_RIGHT },
		{ "reg.processes.f.rto_label", 18, DOC_LEFT },
		{ "reg.processes.f.owner", 14, DOC_LEFT },
		{ "keizoku.col.source", 18, DOC_LEFT },
	};
	const struct bcp_all *x = in->bcp;
	const struct register_row **st, **pr, *tight = NULL;
	struct kz_list l = { BUF_INIT, 0 };
	struct doc_section *s;
	struct doc_table *t;
	const char *p, *q, *w;
	size_t nst, npr, k;
	unsigned src;
	int fh = F(REGISTER_PROCESSES, "rto_hours");

	st = provisional(in, a, &nst);
	pr = by_priority(in, a, BCP_PRIORITY__MAX, &npr);
	for (k = 0; k < npr; k++)
		if (pr[k]->v[fh].set && (tight == NULL || pr[k]->v[fh].i <
		    tight->v[fh].i))
			tight = pr[k];

	s = doc_section(d, U(in, "keizoku.s3.title"), U(in,
	    "keizoku.s3.sheet"), true);
	doc_text(d, s, U(in, "keizoku.s3.intro"));
	t = table(in, d, s, ir_cols, 5, IR__MAX);
	doc_set_text(d, t, IR_SAFETY, 0, U(in, "keizoku.ir.safety"));
	doc_set_text(d, t, IR_STRUCTURE, 0, U(in, "keizoku.ir.structure"));
	doc_set_text(d, t, IR_DAMAGE, 0, U(in, "keizoku.ir.damage"));

	/* people's safety: whom to reach for the employees */
	doc_set_text(d, t, IR_SAFETY, 1, U(in, "keizoku.ir.safety_what"));
	doc_set_text(d, t, IR_SAFETY, 2, U(in, "keizoku.ir.safety_when"));
	p = line(in, d, "keizoku.imp.people_con", contacts_for(in, a, d,
	    BCP_T_EMPLOYEES, &l));
	ir_cell(in, d, t, IR_SAFETY, 3, p, U(in, "keizoku.ir.safety_none"));
	doc_set_text(d, t, IR_SAFETY, 4, source(in, d, SRC_SUGGEST |
	    (p[0] != '\0' ? SRC_CONTACTS : SRC_FILL)));

	/* the emergency structure: the recovery owners, the tightest RTO */
	for (k = 0; k < x->nc; k++)
		list_add(in, &l, doc_printf(d, "%s%s%s", W(in, a, &x->con[k],
		    REGISTER_CONTACTS, "target"), U(in, "keizoku.colon"),
		    W(in, a, &x->con[k], REGISTER_CONTACTS, "owner")));
	p = line(in, d, "keizoku.ir.owners", list_take(in, d, &l));
	doc_set_text(d, t, IR_STRUCTURE, 1, lines(d, U(in,
	    "keizoku.ir.structure_what"), p, NULL));
	q = tight == NULL ? "" : doc_printf(d, "%s%s", U(in,
	    "keizoku.ir.tightest"), paren(in, d, V(tight, REGISTER_PROCESSES,
	    "name")->s, W(in, a, tight, REGISTER_PROCESSES, "rto_label")));
	doc_set_text(d, t, IR_STRUCTURE, 2, lines(d, U(in,
	    "keizoku.ir.structure_when"), q, NULL));
	w = x->nc + nst > 0 ? content_ui_n(in->ct, in->lang,
	    "keizoku.ir.structure_prep", (long)x->nc, (long)nst, a) : "";
	ir_cell(in, d, t, IR_STRUCTURE, 3, w, U(in,
	    "keizoku.ir.structure_none"));
	src = SRC_SUGGEST | (p[0] != '\0' || w[0] != '\0' ? SRC_CONTACTS : 0) |
	    (q[0] != '\0' ? SRC_PROCESSES : 0) | (nst > 0 ? SRC_RECOVERY : 0) |
	    (w[0] == '\0' ? SRC_FILL : 0);
	doc_set_text(d, t, IR_STRUCTURE, 4, source(in, d, src));

	/* grasping and sharing the damage: the first provisional steps,
	 * whom to tell */
	for (k = 0; k < nst; k++) {
		const struct register_val *n = V(st[k], REGISTER_RECOVERY,
		    "step");
		long i = sys_index(in, V(st[k], REGISTER_RECOVERY,
		    "system")->i);

		if (!n->set || n->i > 1 || i < 0)
			continue;
		list_add(in, &l, doc_printf(d, "%s%s%" PRId64 " %s",
		    sys_name(in, &x->sys[i]), U(in, "keizoku.colon"), n->i,
		    paren(in, d, W(in, a, st[k], REGISTER_RECOVERY, "action"),
		    W(in, a, st[k], REGISTER_RECOVERY, "owner"))));
	}
	p = line(in, d, "keizoku.ir.first_steps", list_take(in, d, &l));
	doc_set_text(d, t, IR_DAMAGE, 1, lines(d, U(in,
	    "keizoku.ir.damage_what"), p, NULL));
	doc_set_text(d, t, IR_DAMAGE, 2, U(in, "keizoku.ir.damage_when"));
	q = line(in, d, "keizoku.ir.customers", contacts_for(in, a, d,
	    BCP_T_CUSTOMERS, &l));
	w = lines(d, nst > 0 ? content_ui_n(in->ct, in->lang,
	    "keizoku.ir.damage_prep", (long)nst, 0, a) : "", q, NULL);
	ir_cell(in, d, t, IR_DAMAGE, 3, w, U(in, "keizoku.ir.damage_none"));
	src = SRC_SUGGEST | (nst > 0 ? SRC_RECOVERY : 0) | (q[0] != '\0' ?
	    SRC_CONTACTS : 0) | (w[0] == '\0' ? SRC_FILL : 0);
	doc_set_text(d, t, IR_DAMAGE, 4, source(in, d, src));

	/* the provisional steps and their owners */
	doc_heading(d, s, 2, U(in, "keizoku.steps.heading"));
	t = table(in, d, s, step_cols, 8, nst > 0 ? nst : 1);
	for (k = 0; k < nst; k++) {
		const struct register_row *r = st[k];
		const struct register_val *n = V(r, REGISTER_RECOVERY, "step"),
		    *m = V(r, REGISTER_RECOVERY, "minutes");
		long i = sys_index(in, V(r, REGISTER_RECOVERY, "system")->i);

		doc_set_text(d, t, k, 0, sys_name(in, &x->sys[i]));
		doc_set_num(t, k, 1, (double)n->i, 0);
		if (n->i >= 0 && n->i < BCP_PROVISIONAL_STEPS)
			doc_set_text(d, t, k, 2, TR(in,
			    &in->ct->bcp.provisional[n->i].label));
		doc_set_text(d, t, k, 3, W(in, a, r, REGISTER_RECOVERY,
		    "action"));
		doc_set_text(d, t, k, 4, W(in, a, r, REGISTER_RECOVERY,
		    "owner"));
		if (m->set)
			doc_set_num(t, k, 5, (double)m->i, 0);
		if (x->view[i].st.rto_hours >= 0)
			doc_set_num(t, k, 6, x->view[i].st.rto_hours, 0);
		doc_set_text(d, t, k, 7, source(in, d, SRC_RECOVERY |
		    (x->view[i].st.rto_hours >= 0 ? SRC_PROCESSES : 0)));
	}
	if (nst == 0) {
		put_fill(in, d, t, 0, 3, U(in, "keizoku.steps.none"));
		doc_set_text(d, t, 0, 7, source(in, d, SRC_FILL));
	}

	/* the target recovery times */
	doc_heading(d, s, 2, U(in, "keizoku.rto.heading"));
	t = table(in, d, s, rto_cols, 6, npr > 0 ? npr : 1);
	for (k = 0; k < npr; k++) {
		const struct register_row *r = pr[k];

		doc_set_text(d, t, k, 0, W(in, a, r, REGISTER_PROCESSES,
		    "name"));
		doc_set_text(d, t, k, 1, W(in, a, r, REGISTER_PROCESSES,
		    "priority"));
		if (r->v[fh].set)
			doc_set_num(t, k, 2, (double)r->v[fh].i, 0);
		doc_set_text(d, t, k, 3, W(in, a, r, REGISTER_PROCESSES,
		    "rto_label"));
		doc_set_text(d, t, k, 4, W(in, a, r, REGISTER_PROCESSES,
		    "owner"));
		doc_set_text(d, t, k, 5, source(in, d, SRC_PROCESSES));
	}
	if (npr == 0) {
		put_fill(in, d, t, 0, 0, U(in, "keizoku.rto.none"));
		doc_set_text(d, t, 0, 5, source(in, d, SRC_FILL));
	}
	if ((size_t)x->s.preset < BCP_PRESET__MAX)
		doc_note(d, s, doc_printf(d, "%s%s", U(in, "keizoku.rto.note"),
		    TR(in, &in->ct->bcp.preset[x->s.preset].label)));
	buf_free(&l.b);
}

/* ---- 4 the measures for people, things, money, information ---- */

/* The resource a plan row's area goes to (ours), or -1 when the row is
 * not a measure any more (dropped, or decided against). */
static int
plan_res(const struct register_row *r)
{
	const struct register_val *ar = V(r, REGISTER_PLAN, "area"),
	    *st = V(r, REGISTER_PLAN, "status"),
	    *de = V(r, REGISTER_PLAN, "decision");

	if ((st->set && st->i == PLAN_DROPPED) || (de->set &&
	    de->i == PLAN_NO) || !ar->set)
		return -1;
	switch (ar->i) {
	case PLAN_HUMAN:
	case PLAN_ORGANISATIONAL:
		return RES_PEOPLE;
	case PLAN_PHYSICAL:
		return RES_THINGS;
	case PLAN_TECHNICAL:
		return RES_INFO;
	default:
		return -1;
	}
}

/* A measure's row: its resource in col 0 is set by the caller. */
static void
plan_row(const struct keizoku_doc_in *in, struct arena *a, struct doc *d,
    struct doc_table *t, size_t r, const struct register_row *row)
{
	const struct register_val *st = V(row, REGISTER_PLAN, "status");
	bool done = st->set && st->i == PLAN_DONE;

	doc_set_text(d, t, r, 1, W(in, a, row, REGISTER_PLAN, "measure"));
	if (done)
		doc_set_text(d, t, r, 2, paren(in, d, U(in,
		    "keizoku.state.done"), W(in, a, row, REGISTER_PLAN,
		    "done_on")));
	else
		doc_set_text(d, t, r, 2, paren(in, d, U(in,
		    "keizoku.state.planned"), W(in, a, row, REGISTER_PLAN,
		    "status")));
	doc_cell(t, r, 2)->tone = done ? DOC_TONE_GOOD : DOC_TONE_NONE;
	doc_set_text(d, t, r, 3, W(in, a, row, REGISTER_PLAN, "owner"));
	doc_set_text(d, t, r, 4, W(in, a, row, REGISTER_PLAN, "deadline"));
	doc_set_text(d, t, r, 5, source(in, d, SRC_PLAN));
}

static void
sec_measures(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct kz_col cols[] = {
		{ "keizoku.col.resource", 14, DOC_LEFT },
		{ "keizoku.col.measure", 44, DOC_LEFT },
		{ "keizoku.col.state", 18, DOC_LEFT },
		{ "reg.plan.f.owner", 12, DOC_LEFT },
		{ "reg.plan.f.deadline", 12, DOC_CENTER },
		{ "keizoku.col.source", 18, DOC_LEFT },
	};
	static const char *const none[RES__MAX] = {
		"keizoku.m.people_none", "keizoku.m.things_none",
		"keizoku.m.money", "keizoku.m.info_none",
	};
	const struct bcp_all *x = in->bcp;
	struct kz_list l = { BUF_INIT, 0 };
	size_t cnt[RES__MAX] = { 0 }, k, r, total = 0;
	struct doc_section *s;
	struct doc_table *t;
	int res;

	for (k = 0; k < in->nplan; k++)
		if ((res = plan_res(&in->plan[k])) >= 0)
			cnt[res]++;
	cnt[RES_INFO] += x->ns;
	for (res = 0; res < RES__MAX; res++)
		total += cnt[res] > 0 ? cnt[res] : 1;

	s = doc_section(d, U(in, "keizoku.s4.title"), U(in,
	    "keizoku.s4.sheet"), true);
	doc_text(d, s, U(in, "keizoku.s4.intro"));
	t = table(in, d, s, cols, 6, total);
	for (res = 0, r = 0; res < RES__MAX; res++) {
		size_t first = r;

		for (k = 0; k < in->nplan; k++) {
			if (plan_res(&in->plan[k]) != res)
				continue;
			doc_set_text(d, t, r, 0, U(in, res_key[res]));
			plan_row(in, a, d, t, r++, &in->plan[k]);
		}
		for (k = 0; res == RES_INFO && k < x->ns; k++, r++) {
			const char *g = gaps(in, d, &x->view[k], &l);

			doc_set_text(d, t, r, 0, U(in, res_key[res]));
			if (g[0] != '\0') {
				doc_set_text(d, t, r, 1, doc_printf(d, "%s%s%s",
				    sys_name(in, &x->sys[k]), U(in,
				    "keizoku.colon"), paren(in, d, U(in,
				    "keizoku.m.321_fix"), g)));
				doc_set_text(d, t, r, 2, U(in,
				    "keizoku.state.gap"));
				doc_cell(t, r, 2)->tone = DOC_TONE_WARN;
			} else {
				doc_set_text(d, t, r, 1, doc_printf(d, "%s%s%s",
				    sys_name(in, &x->sys[k]), U(in,
				    "keizoku.colon"), U(in, "keizoku.m.321_ok")));
				doc_set_text(d, t, r, 2, U(in,
				    "keizoku.state.in_place"));
				doc_cell(t, r, 2)->tone = DOC_TONE_GOOD;
			}
			doc_set_text(d, t, r, 5, source(in, d, SRC_SYSTEMS));
		}
		if (r == first) {
			doc_set_text(d, t, r, 0, U(in, res_key[res]));
			put_fill(in, d, t, r, 1, U(in, none[res]));
			doc_set_text(d, t, r++, 5, source(in, d, SRC_FILL));
		}
	}
	doc_note(d, s, U(in, "keizoku.m.note"));
	doc_note(d, s, TR(in, &in->ct->bcp.rule_321));
	buf_free(&l.b);
}

/* ---- 5 the standing structure ---- */

static void
sec_structure(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct kz_col cols[] = {
		{ "keizoku.col.role", 26, DOC_LEFT },
		{ "keizoku.col.who", 18, DOC_LEFT },
		{ "keizoku.col.duty", 46, DOC_LEFT },
		{ "keizoku.col.source", 20, DOC_LEFT },
	};
	const struct bcp_all *x = in->bcp;
	struct kz_list l = { BUF_INIT, 0 };
	struct doc_section *s;
	struct doc_table *t;
	size_t k;

	s = doc_section(d, U(in, "keizoku.s5.title"), U(in,
	    "keizoku.s5.sheet"), true);
	doc_text(d, s, U(in, "keizoku.s5.intro"));
	t = table(in, d, s, cols, 4, 1 + (x->nc > 0 ? x->nc : 1));
	doc_set_text(d, t, 0, 0, U(in, "keizoku.st.exec"));
	put_fill(in, d, t, 0, 1, U(in, "keizoku.st.exec_hint"));
	doc_set_text(d, t, 0, 2, U(in, "keizoku.st.exec_duty"));
	doc_set_text(d, t, 0, 3, source(in, d, SRC_SUGGEST | SRC_FILL));
	for (k = 0; k < x->nc; k++) {
		const struct register_row *c = &x->con[k];
		const struct register_val *sy = V(c, REGISTER_CONTACTS,
		    "system");
		long i = sy->set ? sys_index(in, sy->i) : -1;
		const char *f[] = { "company", "person", "phone", "email",
		    "contract", "hours" };
		size_t j;

		doc_set_text(d, t, 1 + k, 0, paren(in, d, doc_printf(d, "%s%s",
		    U(in, "keizoku.st.owner"), W(in, a, c, REGISTER_CONTACTS,
		    "target")), i >= 0 ? sys_name(in, &x->sys[i]) : ""));
		doc_set_text(d, t, 1 + k, 1, W(in, a, c, REGISTER_CONTACTS,
		    "owner"));
		for (j = 0; j < sizeof(f) / sizeof(f[0]); j++)
			list_add(in, &l, W(in, a, c, REGISTER_CONTACTS, f[j]));
		doc_set_text(d, t, 1 + k, 2, line(in, d, "keizoku.st.call",
		    list_take(in, d, &l)));
		doc_set_text(d, t, 1 + k, 3, source(in, d, SRC_CONTACTS));
	}
	if (x->nc == 0) {
		doc_set_text(d, t, 1, 0, U(in, "keizoku.st.owner_any"));
		put_fill(in, d, t, 1, 1, U(in, "keizoku.st.none"));
		doc_set_text(d, t, 1, 3, source(in, d, SRC_FILL));
	}
	doc_note(d, s, U(in, "keizoku.s5.note"));
	buf_free(&l.b);
}

/* ---- 6 training and review ---- */

/* The first date field of register rd, or -1. */
static int
date_field(const struct register_decl *rd)
{
	size_t k;

	for (k = 0; rd != NULL && k < rd->nf; k++)
		if (rd->f[k].type == RF_DATE)
			return (int)k;
	return -1;
}

static void
sec_training(const struct keizoku_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct kz_col ex_cols[] = {
		{ "keizoku.col.exercise", 50, DOC_LEFT },
		{ "keizoku.col.date", 14, DOC_CENTER },
		{ "keizoku.col.source", 24, DOC_LEFT },
	};
	static const struct kz_col mt_cols[] = {
		{ "keizoku.col.activity", 18, DOC_LEFT },
		{ "keizoku.col.explain", 40, DOC_LEFT },
		{ "keizoku.col.last", 13, DOC_CENTER },
		{ "keizoku.col.next", 16, DOC_CENTER },
		{ "keizoku.col.source", 26, DOC_LEFT },
	};
	const struct bcp_all *x = in->bcp;
	const struct register_decl *rp = register_of(REGISTER_PLAN),
	    *rs = register_of(REGISTER_SYSTEMS);
	const char *last[MT__MAX] = { NULL };
	unsigned from[MT__MAX] = { 0 };
	const char *within = year_after(d, day_of(d, in->now));
	struct doc_section *s;
	struct doc_table *t;
	size_t k, nex = in->exd != NULL ? in->nex : 0;
	int fd = date_field(in->exd);

	s = doc_section(d, U(in, "keizoku.s6.title"), U(in,
	    "keizoku.s6.sheet"), true);
	doc_text(d, s, U(in, "keizoku.s6.intro"));

	doc_heading(d, s, 2, U(in, "keizoku.ex.heading"));
	t = table(in, d, s, ex_cols, 3, nex > 0 ? nex : 1);
	for (k = 0; k < nex; k++) {
		const struct register_row *r = &in->ex[k];
		const struct rf_decl *tf = in->exd->title >= 0 ?
		    &in->exd->f[in->exd->title] : NULL;

		if (tf != NULL)
			doc_set_text(d, t, k, 0, register_label_a(
			    &in->ct->regenv, tf, &r->v[in->exd->title],
			    (int)in->lang, a));
		if (fd >= 0 && r->v[fd].set)
			doc_set_text(d, t, k, 1, r->v[fd].s);
		doc_set_text(d, t, k, 2, source(in, d, SRC_EXERCISES));
	}
	if (nex == 0) {
		put_fill(in, d, t, 0, 0, U(in, "keizoku.ex.none"));
		doc_set_text(d, t, 0, 2, source(in, d, SRC_FILL));
	}

	/* when each activity was last done, as far as mamori knows */
	last[MT_CARRY_OUT] = latest(x->sys, x->ns, rs, F(REGISTER_SYSTEMS,
	    "last_backup"));
	from[MT_CARRY_OUT] = SRC_SYSTEMS;
	last[MT_INSPECT] = latest(x->sys, x->ns, rs, F(REGISTER_SYSTEMS,
	    "last_restore_test"));
	from[MT_INSPECT] = SRC_SYSTEMS;
	last[MT_CORRECT] = latest(in->plan, in->nplan, rp, F(REGISTER_PLAN,
	    "done_on"));
	from[MT_CORRECT] = SRC_PLAN;
	last[MT_EDUCATE] = latest(in->ex, nex, in->exd, fd);
	from[MT_EDUCATE] = SRC_EXERCISES;

	doc_heading(d, s, 2, U(in, "keizoku.mt.heading"));
	t = table(in, d, s, mt_cols, 5, MT__MAX);
	for (k = 0; k < MT__MAX; k++) {
		unsigned src = SRC_MAINT;

		doc_set_text(d, t, k, 0, TR(in,
		    &in->ct->bcp.maintenance[k].label));
		doc_set_text(d, t, k, 1, TR(in,
		    &in->ct->bcp.maintenance[k].explain));
		if (last[k] != NULL) {
			doc_set_text(d, t, k, 2, last[k]);
			doc_set_text(d, t, k, 3, year_after(d, last[k]));
			src |= from[k] | SRC_NEXT;
		} else {
			put_fill(in, d, t, k, 2, U(in, "keizoku.mt.last_hint"));
			put_fill(in, d, t, k, 3, paren(in, d, U(in,
			    "keizoku.mt.next_hint"), within));
			src |= SRC_FILL;
		}
		doc_set_text(d, t, k, 4, source(in, d, src));
	}
	doc_note(d, s, U(in, "keizoku.mt.note"));
}

void
keizoku_doc_build(const struct keizoku_doc_in *in0, struct arena *a,
    struct doc *d)
{
	static const struct bcp_all empty;
	struct keizoku_doc_in in = *in0;
	const char *name = in.prof != NULL && in.prof->name != NULL &&
	    in.prof->name[0] != '\0' ? in.prof->name : in.org != NULL ?
	    in.org : "";

	if (in.bcp == NULL)
		in.bcp = &empty;
	in.org = name;
	doc_init(d, a, lang_key(in.lang), U(&in, "keizoku.title"));
	d->subtitle = report_dated(d, name, in.now);
	d->footer = doc_printf(d, "%s — %s", name, U(&in, "keizoku.title"));
	d->landscape = true;
	doc_cover(d, 1);
	doc_set_fig(d, &d->cover[0], U(&in, "keizoku.generated"),
	    day_of(d, in.now), false, 0, 0);

	sec_overview(&in, a, d);
	sec_impact(&in, a, d);
	sec_response(&in, a, d);
	sec_measures(&in, a, d);
	sec_structure(&in, a, d);
	sec_training(&in, a, d);
}

int
keizoku_doc_file(struct db_conn *c, struct arena *a,
    struct keizoku_doc_in *in, int64_t org, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	const struct register_decl *exd = register_by_key("exercises");
	struct register_row *plan, *ex = NULL;
	struct bcp_all *x;
	struct org *o;
	struct doc d;
	int rc;

	if (f != REPORT_PDF && f != REPORT_XLSX) {
		snprintf(err, errlen, "the continuity-plan draft comes as pdf "
		    "or xlsx");
		return REPORT_ERR_VIEW;
	}
	o = arena_alloc(a, sizeof(*o));
	x = arena_alloc(a, sizeof(*x));
	rc = org_get(c, a, org, o);
	if (rc == DB_DONE) {
		snprintf(err, errlen, "no organisation %lld", (long long)org);
		return REPORT_ERR_NOT_FOUND;
	}
	if (rc == DB_OK)
		rc = bcpflow_read(c, &in->ct->regenv, org, in->now, a, x);
	if (rc == DB_OK)
		rc = register_list(c, &in->ct->regenv,
		    register_of(REGISTER_PLAN), org, a, &plan, &in->nplan);
	in->nex = 0;
	if (rc == DB_OK && exd != NULL)
		rc = register_list(c, &in->ct->regenv, exd, org, a, &ex,
		    &in->nex);
	if (rc != DB_OK) {
		snprintf(err, errlen, "reading the continuity registers: "
		    "database error");
		return REPORT_ERR_DB;
	}
	in->prof = o;
	in->bcp = x;
	in->plan = plan;
	in->exd = exd;
	in->ex = ex;
	keizoku_doc_build(in, a, &d);
	return report_render(&d, f, out, err, errlen);
}
