/*
 * page_register: the pages of every register (model/register.h), drawn
 * from its declaration alone — the list (sort by a column, filters on
 * its enum columns, word search, pages of PAGE_ROWS), a row with every
 * field and its history, the form to add or edit one (each error beside
 * its field, every other value kept; a stale save shown next to the row
 * as stored, nothing overwritten), deletion after a confirmation, and
 * CSV and XLSX downloads built by report/register_doc.c.
 *
 * What a register's content pack adds beyond the declaration — for the
 * information assets: the plain-words meaning of each C/I/A level, the
 * importance rule and the starter list — is looked up in one place,
 * reg_extra_of(); every other line here is the same for every register.
 *
 * Labels: reg.<R>.title, .one, .intro, .nav, .f.<field>, .h.<field>
 * (optional help) in content/i18n/ui.yaml; reg.err.<code> for the
 * engine's refusals.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/esc.h"
#include "base/log.h"
#include "model/account.h"
#include "model/asset.h"
#include "model/audit.h"
#include "model/org.h"
#include "model/register.h"
#include "model/register_csv.h"
#include "model/risk.h"
#include "pages/pages.h"
#include "render/xlsx.h"
#include "report/register_doc.h"
#include "report/report.h"

/* ---- what the content adds to a register ------------------------------ */

#define REG_SCALES	4	/* most fields explained level by level */
#define REG_RULES	3	/* most derived fields explained */

/* An RF_INT field whose levels 1…n each have a meaning in words: the
 * form offers them as radio buttons labelled by their meaning. */
struct reg_scale {
	int		 field;		/* index into the declaration */
	const struct tr	*question;	/* what the levels measure */
	const struct tr	*level;		/* [n], level 1 first */
	int		 n;
};

/* How a derived field is worked out, in words. */
struct reg_rule {
	int			 field;		/* the derived field */
	const struct tr		*text;
};

/* What a register's content pack adds to its pages (reg_extra_of). */
struct reg_extra {
	struct reg_rule		 rule[REG_RULES];
	size_t			 nrule;
	/* The form's field the rules follow, the fields they are worked
	 * out from being above (-1: after the last scale, or at the end). */
	int			 rule_after;
	struct reg_scale	 scale[REG_SCALES];
	size_t			 nscale;
	/* What value k of enum field f means, in a sentence, or NULL
	 * (NULL: no field has meanings). */
	const struct tr		*(*meaning)(const struct content *ct,
				    const struct register_decl *d, size_t f,
				    int64_t k);
	/* A new row's form: field keys and the values they start with,
	 * NULL-terminated pairs (NULL: all blank). */
	const char *const	*fresh;
	size_t			 nstarters;	/* rows offered to start with */
	bool			 starters_all;	/* offered ticked: a register
						   that wants every one */
	/* Starter i in language l: its texts by field index into text
	 * (NULL: unset; the strings outlive the request); returns its
	 * stable key. */
	const char		*(*starter)(const struct content *ct,
				    const struct register_decl *d, size_t i,
				    int l, const char **text);
};

static const char *
asset_starter(const struct content *ct, const struct register_decl *d,
    size_t i, int l, const char **text)
{
	static const char *const level[] = { "", "1", "2", "3" };
	const struct assets_pack *ap = &ct->assets;
	const struct asset_starter *s = &ap->starters[i];
	int k;

	page_set_field(d, text, "name", s->name.t[l]);
	page_set_field(d, text, "description", s->description.t[l]);
	page_set_field(d, text, "category", s->category->key);
	page_set_field(d, text, "media", ap->media[s->media].key);
	page_set_field(d, text, "personal", ap->personal[s->personal].key);
	for (k = 0; k < CIA__MAX; k++)
		if (s->cia[k] >= 1 && s->cia[k] <= CIA_LEVELS)
			page_set_field(d, text, ap->cia[k].key, level[s->cia[k]]);
	return s->key;
}

static const char *
regulation_starter(const struct content *ct, const struct register_decl *d,
    size_t i, int l, const char **text)
{
	(void)l;
	page_set_field(d, text, "area", ct->regs.area[i].key);
	page_set_field(d, text, "status", ct->regs.status[RS_UNDECIDED].key);
	return ct->regs.area[i].key;
}

/* An assumed incident of the pack, with why a company assumes it and
 * the layers it usually hits. */
static const char *
disruption_starter(const struct content *ct, const struct register_decl *d,
    size_t i, int l, const char **text)
{
	const struct bcp_incident *in = &ct->bcp.incidents[i];

	page_set_field(d, text, "kind", in->key);
	page_set_field(d, text, "scenario", in->label.t[l]);
	page_set_field(d, text, "reason", in->why.t[l]);
	page_set_field(d, text, "layers", in->layer_keys);
	return in->key;
}

/* A damaged target, with who usually owns its recovery. */
static const char *
contact_starter(const struct content *ct, const struct register_decl *d,
    size_t i, int l, const char **text)
{
	page_set_field(d, text, "target", ct->bcp.target[i].key);
	page_set_field(d, text, "owner", ct->bcp.target_owner[i].t[l]);
	page_set_field(d, text, "note", ct->bcp.target_contacts[i].t[l]);
	return ct->bcp.target[i].key;
}

/* What a priority means, what an assumed incident is about. */
static const struct tr *
bcp_meaning(const struct content *ct, const struct register_decl *d,
    size_t f, int64_t k)
{
	if ((int)f == register_field(d, "priority") && k >= 0 &&
	    k < BCP_PRIORITY__MAX)
		return &ct->bcp.priority_meaning[k];
	if ((int)f == register_field(d, "kind") && k >= 0 &&
	    (size_t)k < ct->bcp.n_incidents)
		return &ct->bcp.incidents[k].why;
	return NULL;
}

/* What a threat is, what a risk level asks for. */
static const struct tr *
risk_meaning(const struct content *ct, const struct register_decl *d,
    size_t f, int64_t k)
{
	if ((int)f == register_field(d, "threat") && k >= 0 &&
	    (size_t)k < ct->threats.n)
		return &ct->threats.v[k].explain;
	if ((int)f == register_field(d, "band") && k >= 0 &&
	    k < RISK_BAND__MAX)
		return &ct->risks.band_meaning[k];
	return NULL;
}

/* What an area of the regulations covers. */
static const struct tr *
regulation_meaning(const struct content *ct, const struct register_decl *d,
    size_t f, int64_t k)
{
	if ((int)f == register_field(d, "area") && k >= 0 &&
	    k < REG_AREA__MAX)
		return &ct->regs.area[k].purpose;
	return NULL;
}

/* Explain derived field key (when the declaration has it) by text. */
static void
rule(struct reg_extra *x, const struct register_decl *d, const char *key,
    const struct tr *text)
{
	int f = register_field(d, key);

	if (f < 0 || x->nrule >= REG_RULES)
		return;
	x->rule[x->nrule].field = f;
	x->rule[x->nrule].text = text;
	x->nrule++;
}

/* Explain field f (when the declaration has it) level by level. */
static void
scale(struct reg_extra *x, int f, const struct tr *question,
    const struct tr *level)
{
	if (f < 0 || x->nscale >= REG_SCALES)
		return;
	x->scale[x->nscale].field = f;
	x->scale[x->nscale].question = question;
	x->scale[x->nscale].level = level;
	x->scale[x->nscale].n = RISK_LEVELS;
	x->nscale++;
}

/* THE place where a register's pages differ: by its kind, from the
 * content packs. */
static void
reg_extra_of(const struct content *ct, const struct register_decl *d,
    struct reg_extra *x)
{
	const struct assets_pack *ap = &ct->assets;
	int k, f;

	static const char *const plan_fresh[] = { "status", "todo", NULL };

	memset(x, 0, sizeof(*x));
	x->rule_after = -1;
	switch (d->kind) {
	case REGISTER_ASSETS:
		rule(x, d, "importance", &ap->importance_rule);
		for (k = 0; k < CIA__MAX && x->nscale < REG_SCALES; k++) {
			if ((f = register_field(d, ap->cia[k].key)) < 0)
				continue;
			x->scale[x->nscale].field = f;
			x->scale[x->nscale].question = &ap->cia[k].question;
			x->scale[x->nscale].level = ap->cia[k].level;
			x->scale[x->nscale].n = CIA_LEVELS;
			x->nscale++;
		}
		x->nstarters = ap->n_starters;
		x->starter = asset_starter;
		break;
	case REGISTER_RISKS:
		rule(x, d, "likelihood", &ct->risks.rule_likelihood);
		rule(x, d, "value", &ct->risks.rule_value);
		rule(x, d, "band", &ct->risks.rule_bands);
		x->meaning = risk_meaning;
		scale(x, register_field(d, "threat_level"),
		    &ct->risks.threat_question, ct->risks.threat_level);
		scale(x, register_field(d, "vulnerability"),
		    &ct->risks.vuln_question, ct->risks.vuln_level);
		break;
	case REGISTER_PLAN:
		rule(x, d, "priority", &ct->plan.priority_rule);
		/* beside the three choices it adds up */
		x->rule_after = register_field(d, "difficulty");
		x->fresh = plan_fresh;
		break;
	case REGISTER_REGULATIONS:
		x->meaning = regulation_meaning;
		/* the areas themselves start the review: one row each */
		x->nstarters = REG_AREA__MAX;
		x->starter = regulation_starter;
		x->starters_all = true;
		break;
	case REGISTER_PROCESSES:
		rule(x, d, "priority", &ct->bcp.rule_matrix);
		rule(x, d, "rto_hours", &ct->bcp.rule_presets);
		x->meaning = bcp_meaning;
		scale(x, register_field(d, "importance"),
		    &ct->bcp.importance_q, ct->bcp.importance_level);
		scale(x, register_field(d, "dependency"),
		    &ct->bcp.dependency_q, ct->bcp.dependency_level);
		break;
	case REGISTER_SYSTEMS:
		rule(x, d, "rule_321_ok", &ct->bcp.rule_321);
		break;
	case REGISTER_RECOVERY:
	case REGISTER_INCIDENTS:
	case REGISTER_INCIDENT_LOG:
	case REGISTER_INCIDENT_STEPS:
	case REGISTER_INCIDENT_LESSONS:
		break;
	case REGISTER_CONTACTS:
		x->nstarters = BCP_TARGET__MAX;
		x->starter = contact_starter;
		break;
	case REGISTER_DISRUPTIONS:
		x->meaning = bcp_meaning;
		x->nstarters = ct->bcp.n_incidents;
		x->starter = disruption_starter;
		break;
	case REGISTER_EXERCISES:
	case REGISTER_INCIDENT_REPORTS:
	case REGISTER_INCIDENT_INTAKE:
	case REGISTER_PEOPLE:
	case REGISTER_DEVICES:
	case REGISTER_SHARES:
	case REGISTER_SERVICES:
	case REGISTER_ADDRESSES:
		break;
	case REGISTER__MAX:
		break;
	}
}

/* ---- the register of the path ------------------------------------------ */

/* The register of a request's path and what its pages need of it. */
struct reg_view {
	const struct register_decl	*d;	/* its declaration */
	const struct content		*ct;	/* the loaded packs */
	const struct register_env	*e;	/* &ct->regenv */
	struct reg_extra		 x;	/* what its pack adds */
	struct org			 org;	/* the organisation of the path */
	const char			*base;	/* "/o/3/r/assets" */
	const char			*title;	/* reg.<R>.title, translated */
};

/* reg.<R>.<what>, translated. */
static const char *
rtext(struct req *r, const struct register_decl *d, const char *what)
{
	return T(r, arena_printf(&r->arena, "reg.%s.%s", d->key, what));
}

/* The label of field i. */
static const char *
flabel(struct req *r, const struct register_decl *d, size_t i)
{
	return T(r, arena_printf(&r->arena, "reg.%s.f.%s", d->key,
	    d->f[i].key));
}

/* The help under field i, or NULL when it has none. */
static const char *
fhelp(struct req *r, const struct register_decl *d, size_t i)
{
	const char *key = arena_printf(&r->arena, "reg.%s.h.%s", d->key,
	    d->f[i].key);

	return content_ui_has(&req_app(r)->content, key) ? T(r, key) : NULL;
}

/* The label of field i on a form: "（必須）" after it when required. */
static const char *
label_req(struct req *r, const struct register_decl *d, size_t i)
{
	if (!d->f[i].required)
		return flabel(r, d, i);
	return arena_printf(&r->arena, "%s%s", flabel(r, d, i),
	    T(r, "reg.required"));
}

/* Text t with "{what}" replaced by s. */
static const char *
with_what(struct req *r, const char *t, const char *s)
{
	const char *at = strstr(t, "{what}");

	if (at == NULL)
		return t;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - t), t, s,
	    at + strlen("{what}"));
}

/* T(key) with "{what}" replaced by s. */
static const char *
Tw(struct req *r, const char *key, const char *s)
{
	return with_what(r, T(r, key), s);
}

/* The register and the organisation of the path: 0, or an HTTP status
 * (404 for a register nobody declared). */
static int
reg_view(struct req *r, struct reg_view *v)
{
	const char *key = req_param(r, "reg");
	int rc;

	memset(v, 0, sizeof(*v));
	if (key == NULL || (v->d = register_by_key(key)) == NULL)
		return 404;
	v->ct = &req_app(r)->content;
	v->e = &v->ct->regenv;
	reg_extra_of(v->ct, v->d, &v->x);
	if ((rc = page_org_get(r, r->org_id, &v->org)) != 0)
		return rc == DB_DONE ? 404 : 503;
	v->base = arena_printf(&r->arena, "/o/%" PRId64 "/r/%s", r->org_id,
	    v->d->key);
	v->title = rtext(r, v->d, "title");
	return 0;
}

/* The scale field i is, or NULL. */
static const struct reg_scale *
scale_of(const struct reg_view *v, size_t i)
{
	size_t k;

	for (k = 0; k < v->x.nscale; k++)
		if (v->x.scale[k].field == (int)i)
			return &v->x.scale[k];
	return NULL;
}

/* A value as the pages show it: enum labels, yes/no, the rest as
 * stored; "" when unset. */
static const char *
shown(struct req *r, const struct reg_view *v, size_t i,
    const struct register_val *val)
{
	const struct rf_decl *f = &v->d->f[i];

	if (!val->set)
		return "";
	switch (f->type) {
	case RF_ENUM:
	case RF_SET:
	case RF_REFS:
	case RF_GRANTS:
		return register_label_a(v->e, f, val, page_lang_of(r), &r->arena);
	case RF_BOOL:
		return T(r, val->i ? "form.yes" : "form.no");
	case RF_REF:
		/* the name of the row it names, read with it */
		return val->s[0] != '\0' ? val->s : Tn(r, "reg.row_no",
		    (long)val->i, 0);
	case RF_MEMBER:
		/* the member's name, read with it; nobody else's */
		return val->s[0] != '\0' ? val->s : T(r, "reg.member_gone");
	default:
		return register_text(f, val, &r->arena);
	}
}

/* The name of a row: its title field; in a register without one, the
 * values of its first two list columns ("顧客名簿 × 盗難"); else
 * "No.<id>". */
static const char *
row_name(struct req *r, const struct reg_view *v,
    const struct register_row *row)
{
	const struct register_val *t = v->d->title >= 0 ?
	    &row->v[v->d->title] : NULL;
	const char *part[2] = { NULL, NULL };
	size_t i, k = 0;

	if (t != NULL && t->set && t->s[0] != '\0')
		return shown(r, v, (size_t)v->d->title, t);
	for (i = 0; v->d->title < 0 && i < v->d->nf && k < 2; i++) {
		if (!v->d->f[i].list)
			continue;
		if (row->v[i].set)
			part[k] = shown(r, v, i, &row->v[i]);
		k++;
	}
	if (part[0] != NULL && part[1] != NULL)
		return arena_printf(&r->arena, "%s%s%s", part[0],
		    T(r, "reg.name_join"), part[1]);
	if (part[0] != NULL || part[1] != NULL)
		return part[0] != NULL ? part[0] : part[1];
	return Tn(r, "reg.row_no", (long)row->id, 0);
}

/* What value val of field i means, or NULL. */
static const struct tr *
meaning_of(const struct reg_view *v, size_t i, const struct register_val *val)
{
	if (v->x.meaning == NULL || !val->set || v->d->f[i].type != RF_ENUM)
		return NULL;
	return v->x.meaning(v->ct, v->d, i, val->i);
}

/* "被害の起きやすさ・リスク値": the labels of the fields the rules
 * work out. */
static const char *
rule_fields(struct req *r, const struct reg_view *v)
{
	const char *s = "";
	size_t k;

	for (k = 0; k < v->x.nrule; k++)
		s = arena_printf(&r->arena, "%s%s%s", s, k ? T(r,
		    "reg.and") : "", flabel(r, v->d,
		    (size_t)v->x.rule[k].field));
	return s;
}

/* Each rule as a paragraph: "<strong>X の決め方：</strong>…". */
static void
rule_lines(struct page *p, const struct reg_view *v)
{
	struct req *r = p->r;
	size_t k;

	for (k = 0; k < v->x.nrule; k++) {
		html_open(&p->h, "p", "class", "help rule", NULL);
		html_elem(&p->h, "strong", Tw(r, "reg.rule", flabel(r, v->d,
		    (size_t)v->x.rule[k].field)), NULL);
		html_text(&p->h, TR(r, v->x.rule[k].text));
		html_close(&p->h);
	}
}

/* Whether every value of the register's unique enum field has its row
 * (the twelve areas of the regulations): nothing is left to add. */
static bool
reg_complete(const struct reg_view *v, size_t n)
{
	const struct rf_decl *f = v->d->unique >= 0 ?
	    &v->d->f[v->d->unique] : NULL;

	return f != NULL && f->type == RF_ENUM && n >= v->e->ks[f->keys].n;
}

static void
reg_begin(struct page *p, struct req *r, const struct reg_view *v,
    const char *title)
{
	page_begin(p, r, title);
	page_org_subnav(p, &v->org, arena_printf(&r->arena, "reg.%s",
	    v->d->key));
}

/* Who writes, for the history and the audit log. */
static struct register_who
reg_who(struct req *r)
{
	struct register_who w = { r->auth.user_id, req_addr(r) };

	return w;
}

/* ---- starters ---------------------------------------------------------- */

/* Starter i as a row in the reader's language; its key.  False when the
 * pack's values do not make a row the declaration takes (then it is not
 * offered). */
static bool
starter_row(struct req *r, const struct reg_view *v, size_t i,
    struct register_row *row, const char **key)
{
	const char *text[REGISTER_FIELDS_MAX] = { NULL };
	struct register_errs errs;
	size_t k;
	long a, b;

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	errs.n = 0;
	*key = v->x.starter(v->ct, v->d, i, page_lang_of(r), text);
	for (k = 0; k < v->d->nf; k++) {
		row->v[k].s = "";
		if (text[k] != NULL && !v->d->f[k].derived &&
		    register_value(v->e, &v->d->f[k], text[k], &r->arena,
		    &row->v[k], &a, &b) != RFE_OK)
			return false;
	}
	return register_finish(v->e, v->d, row, &errs) == 0;
}

/* Whether a row (titles[0..nt), sorted) has the name of starter i in
 * any language: it is there already. */
static bool
starter_taken(const struct reg_view *v, size_t i, const char *const *titles,
    size_t nt)
{
	const char *text[REGISTER_FIELDS_MAX];
	int l, t = v->d->title;

	for (l = 0; t >= 0 && l < REGISTER_LANGS; l++) {
		memset(text, 0, sizeof(text));
		v->x.starter(v->ct, v->d, i, l, text);
		if (text[t] != NULL && register_title_taken(titles, nt,
		    text[t]))
			return true;
	}
	return false;
}

/* "分類: 人事・給与 · 機密性: 3 · …": a row's short fields in one line. */
static const char *
row_summary(struct req *r, const struct reg_view *v,
    const struct register_row *row)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < v->d->nf; i++) {
		if ((int)i == v->d->title || v->d->f[i].type == RF_LONG ||
		    !row->v[i].set)
			continue;
		buf_printf(&b, "%s%s%s%s", b.n ? T(r, "reg.sep") : "",
		    flabel(r, v->d, i), T(r, "reg.colon"),
		    shown(r, v, i, &row->v[i]));
	}
	out = arena_strndup(&r->arena, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

/*
 * The starter list as checkboxes, all unticked (all ticked when the
 * register wants every one, as the regulations do its areas), each with
 * the values it would get; those already in rows[0..n) are left out.  Inside a closed
 * <details> unless expanded.  err (translated) says why the last try was
 * refused.
 */
static void
starters_form(struct page *p, const struct reg_view *v,
    const struct reg_rowset *set, const char *const *titles, size_t nt,
    bool expanded, const char *err)
{
	struct req *r = p->r;
	struct register_row row;
	size_t i, shown_n = 0, from;
	const char *key, *fkey;
	int mark = html_mark(&p->h);
	bool hit;

	for (i = 0; i < v->x.nstarters; i++)
		shown_n += !starter_taken(v, i, titles, nt);
	if (shown_n == 0)
		return;
	if (expanded)
		html_open(&p->h, "section", "class", "panel starters", "id",
		    "starters", NULL);
	else {
		html_open(&p->h, "details", "class", "more starters", "id",
		    "starters", "open", err ? "" : NULL, NULL);
		html_elem(&p->h, "summary", rtext(r, v->d, "starters"), NULL);
	}
	if (expanded)
		html_elem(&p->h, "h2", rtext(r, v->d, "starters"), NULL);
	html_elem(&p->h, "p", T(r, "reg.starters_help"), "class", "help",
	    NULL);
	form_open(p, arena_printf(&r->arena, "%s/starters", v->base), NULL);
	form_group(p, "starter", T(r, "reg.starters_pick"), NULL, err);
	html_open(&p->h, "div", "class", "answers starter-list", NULL);
	/* the choices depend on the rows and the language only (the form
	 * around them carries the visitor's CSRF token) */
	fkey = arena_printf(&r->arena, "starters %d %d", r->lang, err != NULL);
	from = p->h.b->n;
	hit = set != NULL && register_cache_frag(r, set, fkey);
	for (i = hit ? v->x.nstarters : 0; i < v->x.nstarters; i++) {
		const struct rf_decl *df;

		if (starter_taken(v, i, titles, nt) ||
		    !starter_row(r, v, i, &row, &key))
			continue;
		html_open(&p->h, "label", "class", "answer", NULL);
		html_void(&p->h, "input", "type", "checkbox", "name",
		    "starter", "value", key, "id",
		    arena_printf(&r->arena, "f-starter-%s", key), "checked",
		    v->x.starters_all && err == NULL ? "" : NULL,
		    "aria-invalid", err ? "true" : NULL, NULL);
		html_open(&p->h, "span", NULL);
		html_elem(&p->h, "strong", row_name(r, v, &row), NULL);
		if (v->d->title >= 0 && meaning_of(v, (size_t)v->d->title,
		    &row.v[v->d->title]) != NULL)
			html_elem(&p->h, "small", TR(r, meaning_of(v,
			    (size_t)v->d->title, &row.v[v->d->title])), NULL);
		for (df = v->d->f; df < v->d->f + v->d->nf; df++)
			if (df->type == RF_LONG && row.v[df - v->d->f].set)
				html_elem(&p->h, "small", row.v[df - v->d->f].s,
				    NULL);
		html_elem(&p->h, "small", row_summary(r, v, &row), "class",
		    "starter-values", NULL);
		html_close(&p->h);
		html_close(&p->h);
	}
	if (!hit && set != NULL)
		register_cache_keep(r, set, fkey, from);
	html_close(&p->h);	/* div */
	html_close(&p->h);	/* fieldset */
	form_submit(p, T(r, "reg.starters_add"), NULL);
	html_close(&p->h);	/* form */
	html_close_to(&p->h, mark);
}

/* ---- the list ------------------------------------------------------------ */

#define REG_QUERY_MAX	200	/* bytes of a search kept */

/* The list's choices from the query string. */
struct list_state {
	int		 sort;		/* field chosen, or -1: the default */
	bool		 desc;
	const char	*filter[REGISTER_FIELDS_MAX];	/* key, or NULL */
	const char	*q;		/* words searched, or NULL */
};

/* The list's address with state s but ordered by field sort (-1: as the
 * declaration orders) in direction desc. */
static const char *
list_url(struct req *r, const struct reg_view *v, const struct list_state *s,
    int sort, bool desc)
{
	struct buf b = BUF_INIT;
	const char *sep = "?", *out;
	size_t i;

	buf_adds(&b, v->base);
	if (sort >= 0) {
		buf_printf(&b, "?sort=%s&dir=%s", v->d->f[sort].key,
		    desc ? "desc" : "asc");
		sep = "&";
	}
	for (i = 0; i < v->d->nf; i++) {
		if (s->filter[i] == NULL)
			continue;
		buf_printf(&b, "%s%s=", sep, v->d->f[i].key);
		esc_url(&b, str_c(s->filter[i]));
		sep = "&";
	}
	if (s->q != NULL) {
		buf_printf(&b, "%sq=", sep);
		esc_url(&b, str_c(s->q));
	}
	out = arena_strndup(&r->arena, b.p, b.n);
	buf_free(&b);
	return out;
}

/* Read the query string into s and q. */
static void
list_read(struct req *r, const struct reg_view *v, struct list_state *s,
    struct register_query *q)
{
	const char *sort = req_query(r, "sort"), *dir = req_query(r, "dir");
	const char *words = req_query(r, "q");
	size_t i, k;
	int f;

	memset(s, 0, sizeof(*s));
	s->sort = -1;
	register_query_init(v->d, q);
	if (sort != NULL && (f = register_field(v->d, sort)) >= 0 &&
	    v->d->f[f].list) {
		s->sort = q->sort = f;
		s->desc = q->desc = dir != NULL && strcmp(dir, "desc") == 0;
	}
	for (i = 0; i < v->d->nf && i < REGISTER_FIELDS_MAX; i++) {
		const struct register_keys *ks;
		const char *want;

		if (v->d->f[i].type != RF_ENUM || !v->d->f[i].list ||
		    (want = req_query(r, v->d->f[i].key)) == NULL)
			continue;
		ks = &v->e->ks[v->d->f[i].keys];
		for (k = 0; k < ks->n; k++)
			if (strcmp(ks->key[k], want) == 0) {
				q->filter[i] = (int)k;
				s->filter[i] = ks->key[k];
			}
	}
	if (words != NULL) {
		struct str w = str_trim(str_c(words));

		if (w.n > REG_QUERY_MAX)
			w.n = REG_QUERY_MAX;
		while (w.n > 0 && ((unsigned char)w.p[w.n - 1] & 0xc0) == 0x80)
			w.n--;	/* not in the middle of a character */
		if (w.n > 0 && str_utf8_valid(w))
			s->q = q->q = arena_cstr(&r->arena, w);
	}
}

/* The columns of the list: the title field, then the other list fields
 * in declaration order, at most PAGE_TABLE_COLS.  Returns how many. */
static size_t
list_cols(const struct register_decl *d, int *col)
{
	size_t i, n = 0;

	if (d->title >= 0)
		col[n++] = d->title;
	for (i = 0; i < d->nf && n < PAGE_TABLE_COLS; i++)
		if (d->f[i].list && (int)i != d->title)
			col[n++] = (int)i;
	return n;
}

/* The GET form that narrows the list: words, each enum column, and on a
 * phone (where the headings are hidden) the order. */
static void
list_filters(struct page *p, const struct reg_view *v,
    const struct list_state *s, const struct register_query *q)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	int col[PAGE_TABLE_COLS], mark = html_mark(h);
	size_t i, k, n = list_cols(v->d, col);
	bool any = s->q != NULL;

	for (i = 0; i < v->d->nf; i++)
		any = any || s->filter[i] != NULL;
	/* Folded until used: on a phone the rows come first. */
	html_open(h, "details", "class", "more reg-find", "open", any ? "" : NULL,
	    NULL);
	html_elem(h, "summary", T(r, "reg.find"), NULL);
	html_open(h, "form", "method", "get", "action", v->base, "class",
	    "reg-filters", "role", "search", NULL);
	html_open(h, "div", "class", "field", NULL);
	html_elem(h, "label", T(r, "reg.search"), "for", "f-q", NULL);
	html_void(h, "input", "type", "search", "id", "f-q", "name", "q",
	    "value", s->q, "maxlength", "100", NULL);
	html_close(h);
	for (i = 0; i < v->d->nf; i++) {
		const struct register_keys *ks;
		const char *id;

		if (v->d->f[i].type != RF_ENUM || !v->d->f[i].list)
			continue;
		ks = &v->e->ks[v->d->f[i].keys];
		id = arena_printf(&r->arena, "f-%s", v->d->f[i].key);
		html_open(h, "div", "class", "field", NULL);
		html_elem(h, "label", flabel(r, v->d, i), "for", id, NULL);
		html_open(h, "select", "id", id, "name", v->d->f[i].key, NULL);
		html_elem(h, "option", T(r, "reg.filter_any"), "value", "",
		    NULL);
		for (k = 0; k < ks->n; k++)
			html_elem(h, "option", ks->label[page_lang_of(r)][k],
			    "value", ks->key[k], "selected",
			    s->filter[i] != NULL && strcmp(s->filter[i],
			    ks->key[k]) == 0 ? "" : NULL, NULL);
		html_close(h);
		html_close(h);
	}
	/* On a phone the column headings are hidden: the order is chosen
	 * here instead (the stylesheet hides it where they show). */
	html_open(h, "div", "class", "field sort-choice", NULL);
	html_elem(h, "label", T(r, "reg.sort_by"), "for", "f-sort", NULL);
	html_open(h, "select", "id", "f-sort", "name", "sort", NULL);
	for (k = 0; k < n; k++)
		html_elem(h, "option", flabel(r, v->d, (size_t)col[k]), "value",
		    v->d->f[col[k]].key, "selected", q->sort == col[k] ? "" :
		    NULL, NULL);
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "field sort-choice", NULL);
	html_elem(h, "label", T(r, "reg.sort_dir"), "for", "f-dir", NULL);
	html_open(h, "select", "id", "f-dir", "name", "dir", NULL);
	html_elem(h, "option", T(r, "reg.sort_asc"), "value", "asc",
	    "selected", q->desc ? NULL : "", NULL);
	html_elem(h, "option", T(r, "reg.sort_desc"), "value", "desc",
	    "selected", q->desc ? "" : NULL, NULL);
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "filter-buttons", NULL);
	html_elem(h, "button", T(r, "reg.filter_go"), "type", "submit",
	    "class", "btn btn-secondary", NULL);
	if (any)
		html_elem(h, "a", T(r, "reg.filter_clear"), "href", v->base,
		    NULL);
	html_close_to(h, mark);
}

/* The table of rows ix[first..end). */
static void
list_table(struct page *p, const struct reg_view *v,
    const struct list_state *s, const struct register_query *q,
    const struct register_row *rows, const size_t *ix, size_t first,
    size_t end)
{
	struct req *r = p->r;
	int col[PAGE_TABLE_COLS], mark;
	size_t n = list_cols(v->d, col), c, k;

	mark = page_table_open(p, "table reg-table", NULL);
	for (c = 0; c < n; c++) {
		int f = col[c];
		bool now = q->sort == f;
		/* a new column starts with the highest number, the first
		 * word; the column in use turns round */
		bool desc = now ? !q->desc : v->d->f[f].type == RF_INT;

		page_th_sort(p, flabel(r, v->d, (size_t)f), list_url(r, v, s,
		    f, desc), now ? (q->desc ? -1 : 1) : 0);
	}
	page_table_body(p);
	for (k = first; k < end; k++) {
		const struct register_row *row = &rows[ix[k]];

		page_row(p);
		for (c = 0; c < n; c++) {
			int f = col[c];

			if (c == 0) {
				/* the first column leads to the row */
				const char *t = f == v->d->title ? "" :
				    shown(r, v, (size_t)f, &row->v[f]);

				page_td_open(p, NULL);
				html_elem(&p->h, "a", t[0] != '\0' ? t :
				    row_name(r, v, row), "href", arena_printf(
				    &r->arena, "%s/%" PRId64, v->base,
				    row->id), NULL);
				html_close(&p->h);
			} else
				page_td(p, shown(r, v, (size_t)f, &row->v[f]),
				    v->d->f[f].type != RF_INT ? NULL :
				    v->d->f[f].derived ? "num derived" : "num");
		}
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

/* ---- CSV in ------------------------------------------------------------------ */

/* An import refused, for the list page to show. */
struct reg_import {
	const char			*err;	/* why, in words (translated) */
	const struct register_csv	*in;	/* the file's refusals, or NULL
						   (no file at all) */
};

/* "A", "B", … "Z", "AA": column n (1-based) as a spreadsheet names it. */
static const char *
col_letters(struct req *r, unsigned n)
{
	char t[8];
	size_t k = sizeof(t) - 1;

	t[k] = '\0';
	while (n > 0 && k > 0) {
		t[--k] = (char)('A' + (n - 1) % 26);
		n = (n - 1) / 26;
	}
	return arena_strndup(&r->arena, t + k, sizeof(t) - 1 - k);
}

/* The refusals of a file, one line each: where (line, column and the
 * column's field) and what to change. */
static void
import_errors(struct page *p, const struct reg_view *v,
    const struct register_csv *in)
{
	struct req *r = p->r;
	int mark;
	size_t i;

	mark = page_table(p, "table reg-import-errors",
	    T(r, "reg.import.errors_caption"), T(r, "reg.import.line"),
	    T(r, "reg.import.column"), T(r, "reg.field"),
	    T(r, "reg.import.what"), NULL);
	for (i = 0; i < in->n_err; i++) {
		const struct register_csv_err *e = &in->err[i];

		page_row(p);
		page_td(p, e->line > 0 ? arena_printf(&r->arena, "%lu",
		    e->line) : T(r, "reg.import.nowhere"), "num");
		page_td(p, e->column > 0 ? with_what(r, Tn(r,
		    "reg.import.col", (long)e->column, 0), col_letters(r,
		    e->column)) : T(r, "reg.import.nowhere"), NULL);
		page_td(p, e->field >= 0 && (size_t)e->field < v->d->nf ?
		    flabel(r, v->d, (size_t)e->field) :
		    T(r, "reg.import.nowhere"), NULL);
		page_td(p, register_io_message(r, e), NULL);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", T(r, "reg.import.lines_note"), "class", "help",
	    NULL);
}

/*
 * The form that adds rows from a CSV file, folded until used, with a
 * blank template to fill in and what to know before: the Excel formats
 * it reads, the first line of column names, nothing stored when a cell
 * is wrong.  With imp, open, the refusals in a table.
 */
static void
import_panel(struct page *p, const struct reg_view *v,
    const struct reg_import *imp)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	int mark = html_mark(h);
	size_t i;

	html_open(h, "details", "class", "more reg-import", "id", "import",
	    "open", imp != NULL ? "" : NULL, NULL);
	html_elem(h, "summary", T(r, "reg.import.title"), NULL);
	html_elem(h, "p", T(r, "reg.import.help"), "class", "help", NULL);
	html_open(h, "ul", "class", "help import-notes", NULL);
	html_elem(h, "li", T(r, "reg.import.help_header"), NULL);
	html_elem(h, "li", T(r, "reg.import.help_excel"), NULL);
	for (i = 0; i < v->d->nf; i++)
		if ((v->d->f[i].type == RF_REF || v->d->f[i].type ==
		    RF_MEMBER) && !v->d->f[i].derived)
			html_elem(h, "li", arena_printf(&r->arena, "%s%s",
			    Tw(r, "reg.import.help_ref", flabel(r, v->d, i)),
			    T(r, v->d->f[i].type == RF_REF ?
			    "reg.import.help_ref_name" :
			    "reg.import.help_member")), NULL);
	html_elem(h, "li", T(r, "reg.import.help_all"), NULL);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "reg.import.template"), "href",
	    arena_printf(&r->arena, "%s/template.csv", v->base), "download",
	    "", NULL);
	html_close(h);
	if (imp != NULL && imp->in != NULL && imp->in->n_err > 0)
		import_errors(p, v, imp->in);
	form_open(p, arena_printf(&r->arena, "%s/import", v->base),
	    "multipart/form-data");
	html_open(h, "div", "class", imp ? "field field-error" : "field",
	    NULL);
	html_elem(h, "label", T(r, "reg.import.file"), "for", "f-csv", NULL);
	if (imp != NULL)
		html_elem(h, "p", imp->err, "class", "field-msg", "id",
		    "e-csv", NULL);
	html_void(h, "input", "type", "file", "id", "f-csv", "name", "csv",
	    "accept", ".csv,text/csv", "required", "", "aria-invalid",
	    imp ? "true" : NULL, "aria-describedby", imp ? "e-csv" : NULL,
	    NULL);
	html_close(h);
	form_submit(p, T(r, "reg.import.submit"), "btn btn-secondary");
	html_close_to(h, mark);
}

/* The key of the list's rows as this request shows them: its language
 * and its query, as sent. */
static const char *
frag_key(struct req *r)
{
	struct buf b = BUF_INIT;
	const char *k;
	size_t i;

	buf_printf(&b, "%d", r->lang);
	for (i = 0; i < r->query.n; i++) {
		buf_addc(&b, '&');
		buf_addstr(&b, r->query.v[i].key);
		buf_addc(&b, '=');
		buf_addstr(&b, r->query.v[i].val);
	}
	k = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return k;
}

/* The list page; starter_err (translated, or NULL) says why the last
 * starters were refused, imp (or NULL) why the last import was. */
static int
reg_list_page(struct req *r, const struct reg_view *v, const char *notice,
    const char *starter_err, const struct reg_import *imp, int status)
{
	const struct reg_rowset *set;
	const struct register_row *rows;
	const char *const *titles;
	struct register_query q;
	struct list_state s;
	struct page_slice sl;
	struct page p;
	const size_t *ix;
	const char *fkey;
	size_t n, k, nt;
	const char *started, *imported;
	int rc;

	/* lent until the page is written: every return below gives it back */
	if ((set = register_cache_get(r, v->d, v->e, &rows, &n, &rc)) == NULL)
		return 503;
	titles = register_cache_titles(set, &nt);
	list_read(r, v, &s, &q);
	ix = register_cache_select(r, set, &q, &k);
	page_slice(r, k, &sl);

	reg_begin(&p, r, v, v->title);
	page_h1(&p, v->title);
	if (notice != NULL)
		page_notice(&p, status < 400 ? "ok" : "error", notice);
	else if (imp != NULL)
		page_notice(&p, "error", imp->err);
	else if (req_query(r, "deleted") != NULL)
		page_notice(&p, "ok", T(r, "reg.deleted"));
	else if ((started = req_query(r, "started")) != NULL) {
		long m;

		if (str_to_long(str_c(started), 1, REGISTER_ROWS_MAX, &m) == 0)
			page_notice(&p, "ok", Tn(r, "reg.started", m, 0));
	} else if ((imported = req_query(r, "imported")) != NULL) {
		long m;

		if (str_to_long(str_c(imported), 1, REGISTER_ROWS_MAX, &m) == 0)
			page_notice(&p, "ok", Tn(r, "reg.imported", m, 0));
	}
	html_elem(&p.h, "p", rtext(r, v->d, "intro"), "class",
	    n == 0 ? "lead" : "help", NULL);

	html_open(&p.h, "p", "class", "actions", NULL);
	if (page_can_admin(r) && !reg_complete(v, n))
		html_elem(&p.h, "a", Tw(r, "reg.add", rtext(r, v->d, "one")),
		    "href", arena_printf(&r->arena, "%s/new", v->base), "class",
		    "btn", NULL);
	html_elem(&p.h, "a", T(r, "reg.download_xlsx"), "href",
	    arena_printf(&r->arena, "%s/export.xlsx", v->base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_elem(&p.h, "a", T(r, "reg.download_csv"), "href",
	    arena_printf(&r->arena, "%s/export.csv", v->base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p.h);
	if (v->d->kind >= REGISTER_PEOPLE) {
		/* an inventory: the table of who may use it, the checks
		 * (page_matrix.c) */
		html_open(&p.h, "p", "class", "actions", NULL);
		if (v->d->kind == REGISTER_DEVICES || v->d->kind ==
		    REGISTER_SHARES || v->d->kind == REGISTER_SERVICES) {
			html_elem(&p.h, "a", T(r, arena_printf(&r->arena,
			    "inv.matrix.%s", v->d->key)), "href", arena_printf(
			    &r->arena, "/o/%" PRId64 "/inventories/%s",
			    r->org_id, v->d->key), NULL);
			html_text(&p.h, " · ");
		}
		html_elem(&p.h, "a", T(r, "inv.title"), "href", arena_printf(
		    &r->arena, "/o/%" PRId64 "/inventories", r->org_id), NULL);
		html_close(&p.h);
	}
	page_flow_list(&p, v->d, rows, n);	/* drafts, heat map */
	if (page_can_admin(r) && (imp != NULL || !reg_complete(v, n)))
		import_panel(&p, v, imp);

	if (n == 0) {
		if (page_can_admin(r) && v->x.nstarters > 0)
			starters_form(&p, v, set, titles, nt, true,
			    starter_err);
		else
			html_elem(&p.h, "p", T(r, "reg.empty"), NULL);
		register_cache_put(r, set);
		return page_end(&p, status);
	}

	/* What follows depends on the rows, the query and the language
	 * only: kept with the rows between views. */
	fkey = frag_key(r);
	if (!register_cache_frag(r, set, fkey)) {
		size_t from = p.h.b->n;

		list_filters(&p, v, &s, &q);
		html_elem(&p.h, "p", k == n ? Tn(r, "reg.count", (long)n,
		    0) : Tn(r, "reg.count_some", (long)n, (long)k), "class",
		    "reg-counts", "role", "status", NULL);
		if (v->x.nrule == 1) {
			html_open(&p.h, "div", "class", "rules", "id", "rule",
			    NULL);
			rule_lines(&p, v);
			html_close(&p.h);
		} else if (v->x.nrule > 1) {
			/* several: folded, so the rows come first on a
			 * phone */
			html_open(&p.h, "details", "class", "more rules", "id",
			    "rule", NULL);
			html_elem(&p.h, "summary", Tw(r, "reg.rules_how",
			    rule_fields(r, v)), NULL);
			rule_lines(&p, v);
			html_close(&p.h);
		}
		if (k == 0)
			html_elem(&p.h, "p", T(r, "reg.none_match"), "class",
			    "lead", NULL);
		else {
			list_table(&p, v, &s, &q, rows, ix, sl.first, sl.end);
			/* the count is above the table; the pager only when
			 * it has pages to turn */
			if (sl.pages > 1)
				page_pager(&p, list_url(r, v, &s, s.sort,
				    s.desc), "", &sl);
		}
		register_cache_keep(r, set, fkey, from);
	}
	if (page_can_admin(r) && v->x.nstarters > 0)
		starters_form(&p, v, set, titles, nt, false, starter_err);
	register_cache_put(r, set);
	return page_end(&p, status);
}

int
page_reg_list(struct req *r)
{
	struct reg_view v;
	int st;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	return reg_list_page(r, &v, NULL, NULL, NULL, 200);
}

/* POST starters: the ticked starters, added in one go. */
int
page_reg_starters(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct register_row *rows, *add;
	struct register_who who = reg_who(r);
	const char **titles;
	struct reg_view v;
	size_t i, k, n, m = 0, nt;
	bool *pick;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	if (v.x.nstarters == 0)
		return 404;
	c = db_acquire(db);
	rc = register_list(c, v.e, v.d, r->org_id, &r->arena, &rows, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	titles = register_titles(v.d, rows, n, &r->arena, &nt);
	pick = arena_alloc(&r->arena, v.x.nstarters * sizeof(*pick));
	add = arena_alloc(&r->arena, v.x.nstarters * sizeof(*add));
	memset(pick, 0, v.x.nstarters * sizeof(*pick));
	for (k = 0; k < r->form.n; k++) {
		const struct kv *kv = &r->form.v[k];

		if (!str_eq_c(kv->key, "starter"))
			continue;
		for (i = 0; i < v.x.nstarters; i++) {
			const char *text[REGISTER_FIELDS_MAX] = { NULL };

			if (str_eq_c(kv->val, v.x.starter(v.ct, v.d, i,
			    page_lang_of(r), text)))
				pick[i] = true;
		}
	}
	/* one already in the register (added in another tab) is not added
	 * twice */
	for (i = 0; i < v.x.nstarters; i++) {
		const char *key;

		if (pick[i] && !starter_taken(&v, i, titles, nt) &&
		    starter_row(r, &v, i, &add[m], &key))
			m++;
	}
	if (m == 0)
		return reg_list_page(r, &v, NULL, T(r, "reg.starters_none"),
		    NULL, PAGE_INVALID);
	rc = register_add_many(db, v.e, v.d, r->org_id, &who, add, m, NULL);
	if (rc == REGISTER_FULL)
		return reg_list_page(r, &v, Tn(r, "reg.full",
		    REGISTER_ROWS_MAX, 0), NULL, NULL, PAGE_INVALID);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "%s?started=%zu",
	    v.base, m));
}

/*
 * POST import: the rows of an uploaded CSV file (field "csv"), all or
 * none (register_io.c).  Refused, the list again with every error at
 * its line and column; stored, the list saying how many came in.
 */
int
page_reg_import(struct req *r)
{
	const struct kv *f = req_field_kv(r, "csv");
	struct register_who who = reg_who(r);
	struct reg_import imp = { NULL, NULL };
	struct register_csv in;
	struct reg_view v;
	int st;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	if (f == NULL || (f->val.n == 0 && f->filename.n == 0)) {
		imp.err = T(r, "reg.import.none");
		return reg_list_page(r, &v, NULL, NULL, &imp, PAGE_INVALID);
	}
	st = register_io_import(r, v.d, &who, f->val.p, f->val.n, &in);
	if (st == PAGE_INVALID) {
		imp.in = &in;
		imp.err = Tn(r, "reg.import.failed", (long)in.n_err, 0);
		return reg_list_page(r, &v, NULL, NULL, &imp, PAGE_INVALID);
	}
	if (st == 413) {
		imp.err = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
		return reg_list_page(r, &v, NULL, NULL, &imp, PAGE_INVALID);
	}
	if (st != 0)
		return st;
	return req_redirect(r, arena_printf(&r->arena, "%s?imported=%zu",
	    v.base, in.n));
}

/*
 * GET template.csv: a blank file to fill in — a byte-order mark (so
 * Excel reads it as UTF-8) and one line of the labels of the fields one
 * types, in the reader's language; the import reads it back.
 */
int
page_reg_template(struct req *r)
{
	struct report_fname name;
	struct reg_view v;
	size_t i, k = 0;
	int st;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	buf_reset(&r->out);
	buf_adds(&r->out, "\xef\xbb\xbf");
	for (i = 0; i < v.d->nf; i++) {
		if (v.d->f[i].derived)
			continue;
		if (k++ > 0)
			buf_addc(&r->out, ',');
		esc_csv(&r->out, str_c(flabel(r, v.d, i)));
	}
	buf_adds(&r->out, "\r\n");
	if (r->out.err)
		return 503;
	name = report_fname(&r->arena, v.org.name, Tw(r,
	    "reg.import.template_name", v.title), arena_printf(&r->arena,
	    "%s-template", v.d->key), account_now(), "csv");
	page_disposition(r, "attachment", name.ascii, name.utf8);
	return req_send(r, 200, "text/csv; charset=utf-8");
}

/* ---- the form ---------------------------------------------------------------- */

/* A form as shown: values, errors, the row and revision it edits. */
struct reg_form {
	const char	*text[REGISTER_FIELDS_MAX];	/* as typed or stored */
	const char	*err[REGISTER_FIELDS_MAX];	/* translated, or NULL */
	size_t		 nerr;		/* fields with an error */
	int64_t		 id;		/* 0: a new row */
	int64_t		 rev;		/* the revision the edit starts from */
	const char	*notice;	/* an error of no field, or NULL */
};

/* The form filled with a stored row. */
static void
form_of_row(struct req *r, const struct reg_view *v,
    const struct register_row *row, struct reg_form *f)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->id = row->id;
	f->rev = row->rev;
	for (i = 0; i < v->d->nf; i++)
		/* who may use it, by name (model/grants.h) */
		f->text[i] = v->d->f[i].type == RF_GRANTS ?
		    register_grants_text(&row->v[i], &r->arena) :
		    register_text(&v->d->f[i], &row->v[i], &r->arena);
}
/* Every value posted under name, joined by "," (the first, kv, when
 * only one was). */
static const char *
form_joined(struct req *r, const char *name, const struct kv *kv)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t k;

	if (kv == NULL)
		return "";
	for (k = 0; k < r->form.n; k++) {
		const struct kv *x = &r->form.v[k];

		if (str_eq_c(x->key, name) && x->val.n > 0)
			buf_printf(&b, "%s%.*s", b.n ? "," : "",
			    (int)x->val.n, x->val.p);
	}
	out = b.n ? arena_strndup(&r->arena, b.p, b.n) : kv->val.p;
	buf_free(&b);
	return out;
}


static size_t	form_errors(struct req *r, const struct reg_view *v,
		    struct reg_form *f, const struct register_errs *errs);

/* Read the posted fields into row and f (values kept as typed, errors
 * translated by their field); old is the row as stored when they are to
 * replace it (NULL: a new row).  Returns the number of errors. */
static size_t
form_read(struct req *r, const struct reg_view *v,
    const struct register_row *old, struct register_row *row,
    struct reg_form *f)
{
	struct register_errs errs;
	size_t i;

	memset(row, 0, sizeof(*row));
	row->updated_by = "";
	errs.n = 0;
	for (i = 0; i < v->d->nf; i++) {
		const struct rf_decl *fd = &v->d->f[i];
		const struct kv *kv;
		const char *raw;
		enum rf_err rc;
		long a = 0, b = 0;

		row->v[i].s = "";
		if (fd->derived)
			continue;
		kv = req_field_kv(r, fd->key);
		raw = kv != NULL ? kv->val.p : "";
		/* a set is posted as one box per member */
		if (fd->type == RF_SET || fd->type == RF_REFS)
			raw = form_joined(r, fd->key, kv);
		/* an unticked box is not posted at all */
		if (fd->type == RF_BOOL && raw[0] == '\0')
			raw = "0";
		if (fd->type == RF_LONG)
			raw = page_lf_only(r, raw);
		f->text[i] = raw;
		if (kv != NULL && kv->nul)
			rc = RFE_UTF8;
		else
			rc = register_value(v->e, fd, raw, &r->arena, &row->v[i],
			    &a, &b);
		if (rc != RFE_OK)
			register_err_add(&errs, (int)i, fd->key, rc, a, b);
	}
	register_finish(v->e, v->d, row, &errs);
	/* the rows the references name and the members, when nothing
	 * else is wrong */
	if (errs.n == 0) {
		struct db *db = req_app(r)->db;
		struct db_conn *c = db_acquire(db);

		register_check_refs(c, v->d, r->org_id, old, &r->arena, row,
		    &errs);
		db_release(db, c);
	}
	/* a vulnerability other than the diagnosis suggests, with why */
	if (errs.n == 0)
		page_flow_vuln_check(r, v->d, row, &errs);
	return form_errors(r, v, f, &errs);
}

/* errs beside their fields in f; the number of errors. */
static size_t
form_errors(struct req *r, const struct reg_view *v, struct reg_form *f,
    const struct register_errs *errs)
{
	size_t i;

	f->nerr = 0;
	for (i = 0; i < errs->n; i++) {
		const struct register_err *e = &errs->e[i];

		if (e->field < 0 || f->err[e->field] != NULL)
			continue;
		/* a list or buttons to pick from is not "filled in" */
		if (e->code == RFE_REQUIRED && (v->d->f[e->field].type ==
		    RF_ENUM || v->d->f[e->field].type == RF_REF ||
		    v->d->f[e->field].type == RF_MEMBER ||
		    scale_of(v, (size_t)e->field) != NULL))
			f->err[e->field] = T(r, "reg.err.choose");
		else
			f->err[e->field] = page_err_text(r, e);
		f->nerr++;
	}
	return errs->n;
}

/* The start of the <select> of field i: its label, help and error, the
 * control, and an empty choice first (the only one that says "choose"
 * when the field is required).  The caller adds the choices and closes
 * the select and the field. */
static void
select_open(struct page *p, const struct reg_view *v, size_t i,
    const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct rf_decl *fd = &v->d->f[i];
	const char *id = arena_printf(&r->arena, "f-%s", fd->key);
	const char *eid = arena_printf(&r->arena, "e-%s", fd->key);
	const char *help = fhelp(r, v->d, i);

	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(h, "label", label_req(r, v->d, i), "for", id, NULL);
	if (help)
		html_elem(h, "p", help, "class", "help", NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
	html_open(h, "select", "id", id, "name", fd->key,
	    "required", fd->required ? "" : NULL,
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	html_elem(h, "option", T(r, fd->required ? "form.choose" :
	    "reg.unset"), "value", "", NULL);
}

/* An enum field as a <select>: the key set's labels, an empty choice
 * first (the only one that says "choose" when the field is required). */
static void
enum_select(struct page *p, const struct reg_view *v, size_t i,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct rf_decl *fd = &v->d->f[i];
	const struct register_keys *ks = &v->e->ks[fd->keys];
	size_t k;

	select_open(p, v, i, err);
	for (k = 0; k < ks->n; k++)
		html_elem(h, "option", ks->label[page_lang_of(r)][k], "value",
		    ks->key[k], "selected", value != NULL && (strcmp(value,
		    ks->key[k]) == 0 || strcmp(value,
		    ks->label[page_lang_of(r)][k]) == 0) ? "" : NULL, NULL);
	html_close(h);
	html_close(h);
}

/* A reference as a <select> of the rows of its register, by name. */
static void
ref_select(struct page *p, const struct reg_view *v, size_t i,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	struct db *db = req_app(r)->db;
	const struct rf_decl *fd = &v->d->f[i];
	const struct register_decl *t = register_of(fd->ref);
	struct register_query q;
	struct register_row *rows = NULL;
	struct db_conn *c;
	size_t n = 0, k, m, *ix;

	c = db_acquire(db);
	if (register_list(c, v->e, t, r->org_id, &r->arena, &rows, &n) !=
	    DB_OK)
		n = 0;
	db_release(db, c);
	register_query_init(t, &q);
	if (t->title >= 0) {
		q.sort = t->title;
		q.desc = false;
	}
	ix = register_select(t, rows, n, &q, &r->arena, &m);
	select_open(p, v, i, err);
	for (k = 0; k < m; k++) {
		const struct register_row *row = &rows[ix[k]];
		const char *key = arena_printf(&r->arena, "%" PRId64, row->id);
		const char *name = t->title >= 0 && row->v[t->title].set ?
		    row->v[t->title].s : Tn(r, "reg.row_no", (long)row->id, 0);

		html_elem(h, "option", name, "value", key, "selected",
		    value != NULL && strcmp(value, key) == 0 ? "" : NULL,
		    NULL);
	}
	html_close(h);
	if (m == 0)
		html_elem(h, "p", Tw(r, "reg.ref_none", T(r, arena_printf(
		    &r->arena, "reg.%s.title", t->key))), "class", "help",
		    NULL);
	html_close(h);
}

/* Whether key is one of the items of list ("a,b"). */
static bool
in_list(const char *list, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = list; p != NULL && *p != '\0'; p = strchr(p, ',') ?
	    strchr(p, ',') + 1 : NULL)
		if (strncmp(p, key, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* A set of keys, or of rows of another register, as boxes to tick. */
static void
set_boxes(struct page *p, const struct reg_view *v, size_t i,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct rf_decl *fd = &v->d->f[i];
	const char **keys, **labels;
	size_t n = 0, k;

	if (fd->type == RF_SET) {
		const struct register_keys *ks = &v->e->ks[fd->keys];

		n = ks->n;
		keys = ks->key;
		labels = ks->label[page_lang_of(r)];
	} else {
		const struct register_decl *t = register_of(fd->ref);
		struct db *db = req_app(r)->db;
		struct register_row *rows = NULL;
		struct register_query q;
		struct db_conn *c;
		size_t nr = 0, *ix;

		c = db_acquire(db);
		if (register_list(c, v->e, t, r->org_id, &r->arena, &rows,
		    &nr) != DB_OK)
			nr = 0;
		db_release(db, c);
		register_query_init(t, &q);
		if (t->title >= 0) {
			q.sort = t->title;
			q.desc = false;
		}
		ix = register_select(t, rows, nr, &q, &r->arena, &n);
		keys = arena_alloc(&r->arena, (n + 1) * sizeof(*keys));
		labels = arena_alloc(&r->arena, (n + 1) * sizeof(*labels));
		for (k = 0; k < n; k++) {
			const struct register_row *row = &rows[ix[k]];

			keys[k] = arena_printf(&r->arena, "%" PRId64, row->id);
			labels[k] = t->title >= 0 && row->v[t->title].set ?
			    row->v[t->title].s : Tn(r, "reg.row_no",
			    (long)row->id, 0);
		}
	}
	form_group(p, fd->key, label_req(r, v->d, i), fhelp(r, v->d, i), err);
	html_open(h, "div", "class", "answers set", NULL);
	for (k = 0; k < n; k++) {
		html_open(h, "label", "class", "choice", NULL);
		html_void(h, "input", "type", "checkbox", "name", fd->key,
		    "value", keys[k], "id", k == 0 ? arena_printf(&r->arena,
		    "f-%s", fd->key) : arena_printf(&r->arena, "f-%s-%zu",
		    fd->key, k), "checked", value != NULL &&
		    (in_list(value, keys[k]) || in_list(value, labels[k])) ?
		    "" : NULL, "aria-invalid", err ? "true" : NULL, NULL);
		html_elem(h, "span", labels[k], NULL);
		html_close(h);
	}
	if (n == 0 && fd->type == RF_REFS)
		html_elem(h, "p", Tw(r, "reg.ref_none", T(r, arena_printf(
		    &r->arena, "reg.%s.title", register_of(fd->ref)->key))),
		    "class", "help", NULL);
	html_close(h);
	html_close(h);
}

/* A member field as a <select> of the organisation's members, by name
 * and e-mail.  A row that names someone who has left keeps them as a
 * choice of its own, so that saving it does not drop them unasked. */
static void
member_select(struct page *p, const struct reg_view *v, size_t i,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	struct db *db = req_app(r)->db;
	struct org_member *m = NULL;
	struct db_conn *c;
	size_t n = 0, k;
	bool found = false;

	c = db_acquire(db);
	if (org_member_list(c, &r->arena, r->org_id, &m, &n) != DB_OK)
		n = 0;
	db_release(db, c);
	select_open(p, v, i, err);
	for (k = 0; k < n; k++) {
		const char *key = arena_printf(&r->arena, "%" PRId64, m[k].id);
		bool on = value != NULL && (strcmp(value, key) == 0 ||
		    strcasecmp(value, m[k].email) == 0);

		/* the account model keeps no other name than the e-mail */
		html_elem(h, "option", m[k].email, "value", key, "selected",
		    on ? "" : NULL, NULL);
		found = found || on;
	}
	/* an id of nobody here: the one the row keeps (one refused has its
	 * error, and is not offered again) */
	if (!found && err == NULL && value != NULL && value[0] >= '1' &&
	    value[0] <= '9' && strspn(value, "0123456789") == strlen(value))
		html_elem(h, "option", T(r, "reg.member_gone"), "value", value,
		    "selected", "", NULL);
	html_close(h);
	html_close(h);
}

/* A scale field as radio buttons, each labelled by what its level means,
 * under the question the levels answer. */
static void
scale_radios(struct page *p, const struct reg_view *v, size_t i,
    const struct reg_scale *sc, const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct rf_decl *fd = &v->d->f[i];
	int k;

	/* Not "required": the server says what is missing beside the
	 * group, in the reader's language, with the rest kept. */
	form_group(p, fd->key, label_req(r, v->d, i), TR(r, sc->question),
	    err);
	html_open(h, "div", "class", "answers scale", NULL);
	for (k = 1; k <= sc->n; k++) {
		const char *val = arena_printf(&r->arena, "%d", k);

		html_open(h, "label", "class", "answer", NULL);
		html_void(h, "input", "type", "radio", "name", fd->key,
		    "value", val, "id", k == 1 ? arena_printf(&r->arena,
		    "f-%s", fd->key) : arena_printf(&r->arena, "f-%s-%d",
		    fd->key, k), "checked", value != NULL &&
		    strcmp(value, val) == 0 ? "" : NULL,
		    "aria-invalid", err ? "true" : NULL, NULL);
		html_elem(h, "span", TR(r, &sc->level[k - 1]), NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

/* A yes/no field as one box to tick. */
static void
bool_box(struct page *p, const struct reg_view *v, size_t i,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct rf_decl *fd = &v->d->f[i];
	const char *eid = arena_printf(&r->arena, "e-%s", fd->key);
	const char *help = fhelp(r, v->d, i);
	bool on = value != NULL && (strcmp(value, "1") == 0 ||
	    strcmp(value, "true") == 0);

	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
	html_open(h, "label", "class", "choice", NULL);
	html_void(h, "input", "type", "checkbox", "name", fd->key, "value",
	    "1", "id", arena_printf(&r->arena, "f-%s", fd->key), "checked",
	    on ? "" : NULL, "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	html_elem(h, "span", flabel(r, v->d, i), NULL);
	html_close(h);
	if (help)
		html_elem(h, "p", help, "class", "help", NULL);
	html_close(h);
}

/* How the derived fields are worked out, in words. */
static void
rule_note(struct page *p, const struct reg_view *v)
{
	struct req *r = p->r;
	size_t k;

	if (v->x.nrule == 0)
		return;
	html_open(&p->h, "div", "class", "panel rule", NULL);
	html_elem(&p->h, "h2", Tw(r, "reg.rule_auto", rule_fields(r, v)),
	    NULL);
	for (k = 0; k < v->x.nrule; k++)
		html_elem(&p->h, "p", TR(r, v->x.rule[k].text), NULL);
	html_close(&p->h);
}

/* Every input field of the declaration, in its order. */
static void
form_fields(struct page *p, const struct reg_view *v,
    const struct reg_form *f)
{
	struct req *r = p->r;
	int after = v->x.rule_after;
	bool ruled = false;
	size_t i;

	/* the rules follow the fields they are worked out from: those
	 * named, or else the levels explained */
	if (after < 0)
		for (i = 0; i < v->x.nscale; i++)
			if (v->x.scale[i].field > after)
				after = v->x.scale[i].field;
	for (i = 0; i < v->d->nf; i++) {
		const struct rf_decl *fd = &v->d->f[i];
		const struct reg_scale *sc = scale_of(v, i);
		const char *label = label_req(r, v->d, i), *help;

		if (fd->derived)
			continue;
		help = fhelp(r, v->d, i);
		if (sc != NULL)
			scale_radios(p, v, i, sc, f->text[i], f->err[i]);
		else switch (fd->type) {
		case RF_TEXT:
			form_field_max(p, fd->key, "text", (size_t)fd->max,
			    label, help, f->text[i], f->err[i], "off",
			    fd->required);
			break;
		case RF_LONG:
			form_field_max(p, fd->key, NULL, (size_t)fd->max,
			    label, help, f->text[i], f->err[i], "off",
			    fd->required);
			break;
		case RF_ENUM:
			enum_select(p, v, i, f->text[i], f->err[i]);
			break;
		case RF_INT:
			/* a risk's estimate: one of those saved (issue 16) */
			if (v->d->kind == REGISTER_RISKS && strcmp(fd->key,
			    "estimate") == 0) {
				page_estimate_select(p, fd->key, label, help,
				    f->text[i], f->err[i]);
				break;
			}
			form_field_max(p, fd->key, "number", 0, label, help,
			    f->text[i], f->err[i], "off", fd->required);
			break;
		case RF_DATETIME:
			/* the browser's local field: Japan time, to the
			 * minute, as the value is kept */
			form_field_max(p, fd->key, "datetime-local", 0, label,
			    help, f->text[i] != NULL && strlen(f->text[i]) ==
			    25 && strcmp(f->text[i] + 19, "+09:00") == 0 ?
			    arena_strndup(&r->arena, f->text[i], 16) :
			    f->text[i], f->err[i], "off", fd->required);
			break;
		case RF_DATE:
		case RF_MONTH:
			form_field_max(p, fd->key, fd->type == RF_DATE ?
			    "date" : "month", 0, label, help, f->text[i],
			    f->err[i], "off", fd->required);
			break;
		case RF_BOOL:
			bool_box(p, v, i, f->text[i], f->err[i]);
			break;
		case RF_REF:
			ref_select(p, v, i, f->text[i], f->err[i]);
			break;
		case RF_SET:
		case RF_REFS:
			set_boxes(p, v, i, f->text[i], f->err[i]);
			break;
		case RF_MEMBER:
			member_select(p, v, i, f->text[i], f->err[i]);
			break;
		case RF_GRANTS:
			/* "<person>=<value>; …" (the matrix page is the easy
			 * way: page_matrix.c) */
			form_field_max(p, fd->key, NULL, 0, label, help,
			    f->text[i], f->err[i], "off", fd->required);
			break;
		case RF__MAX:
			break;
		}
		if ((int)i == after) {
			rule_note(p, v);
			ruled = true;
		}
	}
	if (!ruled)
		rule_note(p, v);
}

/* Both versions of a row side by side: as stored now (cur) and as the
 * user typed it (f). */
static void
stale_table(struct page *p, const struct reg_view *v,
    const struct register_row *cur, const struct register_row *mine)
{
	struct req *r = p->r;
	int mark;
	size_t i;

	mark = page_table(p, "table reg-compare", T(r, "reg.stale_caption"),
	    T(r, "reg.field"), T(r, "reg.stale_theirs"), T(r, "reg.stale_mine"),
	    NULL);
	for (i = 0; i < v->d->nf; i++) {
		bool differs = register_differs(&v->d->f[i], &cur->v[i],
		    &mine->v[i]);

		if (!cur->v[i].set && !mine->v[i].set)
			continue;	/* blank in both: nothing to compare */
		page_row(p);
		page_td_open(p, differs ? "differs" : NULL);
		html_text(&p->h, flabel(r, v->d, i));
		if (differs)
			html_elem(&p->h, "span", T(r, "reg.stale_differs"),
			    "class", "tag tag-differs", NULL);
		html_close(&p->h);
		page_td(p, shown(r, v, i, &cur->v[i]), "reg-value");
		page_td(p, shown(r, v, i, &mine->v[i]), "reg-value");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

/*
 * The form to add (f->id 0) or edit row f->id.  With cur (a stale save),
 * the row as stored now beside mine, the values posted, and the form
 * carries cur's revision.
 */
static int
reg_form_page(struct req *r, const struct reg_view *v,
    const struct reg_form *f, const struct register_row *cur,
    const struct register_row *mine, const char *name, int status)
{
	struct page p;
	const char *title = f->id == 0 ? Tw(r, "reg.new", v->title) :
	    Tw(r, "reg.edit", name);
	const char *back = f->id == 0 ? v->base :
	    arena_printf(&r->arena, "%s/%" PRId64, v->base, f->id);

	reg_begin(&p, r, v, title);
	html_elem(&p.h, "a", T(r, f->id == 0 ? "reg.back" : "reg.back_row"),
	    "href", back, "class", "back", NULL);
	page_h1(&p, title);
	if (f->id != 0 && v->d->title >= 0 && f->text[v->d->title] != NULL) {
		/* what the row being changed is about (an area's scope) */
		struct register_val val;
		const struct tr *means;
		long a, b;

		if (register_value(v->e, &v->d->f[v->d->title],
		    f->text[v->d->title], &r->arena, &val, &a, &b) == RFE_OK &&
		    (means = meaning_of(v, (size_t)v->d->title, &val)) != NULL)
			html_elem(&p.h, "p", TR(r, means), "class", "lead",
			    NULL);
	}
	if (f->notice != NULL)
		page_notice(&p, "error", f->notice);
	if (f->nerr > 0)
		page_notice(&p, "error", T(r, "form.err.summary"));
	if (cur != NULL) {
		page_notice(&p, "error", Tw(r, "reg.stale", cur->updated_by[0] ?
		    cur->updated_by : T(r, "reg.someone")));
		html_elem(&p.h, "p", Tw(r, "reg.stale_when",
		    page_datetime(r, cur->updated_at)), "class", "help", NULL);
		stale_table(&p, v, cur, mine);
		html_elem(&p.h, "h2", T(r, "reg.stale_again"), NULL);
	}
	form_open(&p, f->id == 0 ? arena_printf(&r->arena, "%s/new", v->base) :
	    arena_printf(&r->arena, "%s/edit", back), NULL);
	if (f->id != 0)
		html_void(&p.h, "input", "type", "hidden", "name", "rev",
		    "value", arena_printf(&r->arena, "%" PRId64, f->rev), NULL);
	form_fields(&p, v, f);
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, f->id == 0 ? "reg.add_submit" : cur != NULL ?
	    "reg.save_mine" : "form.save"), NULL);
	html_elem(&p.h, "a", T(r, "reg.cancel"), "href", back, "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_reg_new(struct req *r)
{
	struct reg_view v;
	struct reg_form f;
	size_t k;
	int st, i;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	for (k = 0; v.x.fresh != NULL && v.x.fresh[k] != NULL; k += 2)
		if ((i = register_field(v.d, v.x.fresh[k])) >= 0)
			f.text[i] = v.x.fresh[k + 1];
	return reg_form_page(r, &v, &f, NULL, NULL, NULL, 200);
}

/* A write refused by a rule of its own (errs), or for a row a reference
 * names that went meanwhile or a member who left (old: the row as stored,
 * NULL for a new one): the errors beside their fields in f. */
static void
write_refused(struct req *r, const struct reg_view *v,
    const struct register_row *old, struct register_row *row,
    struct reg_form *f, struct register_errs *errs, int rc)
{
	if (rc == REGISTER_BAD_REF) {
		struct db *db = req_app(r)->db;
		struct db_conn *c = db_acquire(db);

		errs->n = 0;
		register_check_refs(c, v->d, r->org_id, old, &r->arena, row,
		    errs);
		db_release(db, c);
	}
	form_errors(r, v, f, errs);
}

int
page_reg_add(struct req *r)
{
	struct register_who who = reg_who(r);
	struct register_errs errs;
	struct register_row row;
	struct reg_view v;
	struct reg_form f;
	int64_t id;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	if (form_read(r, &v, NULL, &row, &f) > 0)
		return reg_form_page(r, &v, &f, NULL, NULL, NULL,
		    PAGE_INVALID);
	errs.n = 0;
	rc = register_add(req_app(r)->db, v.e, v.d, r->org_id, &who, &row, &id,
	    &errs);
	if (rc == REGISTER_INVALID || rc == REGISTER_BAD_REF) {
		write_refused(r, &v, NULL, &row, &f, &errs, rc);
		return reg_form_page(r, &v, &f, NULL, NULL, NULL,
		    PAGE_INVALID);
	}
	if (rc == REGISTER_FULL) {
		f.notice = Tn(r, "reg.full", REGISTER_ROWS_MAX, 0);
		return reg_form_page(r, &v, &f, NULL, NULL, NULL,
		    PAGE_INVALID);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena,
	    "%s/%" PRId64 "?added=1", v.base, id));
}

/* Row {id} of the path into row: 0, or an HTTP status (404 when the
 * organisation has no such row). */
static int
row_load(struct req *r, const struct reg_view *v, struct register_row *row)
{
	struct db *db = req_app(r)->db;
	int64_t id = req_param_id(r, "id");
	struct db_conn *c;
	int rc;

	if (id <= 0)
		return 404;
	c = db_acquire(db);
	rc = register_get(c, v->e, v->d, r->org_id, id, &r->arena, row);
	db_release(db, c);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 404 : 503;
}

int
page_reg_edit(struct req *r)
{
	struct register_row row;
	struct reg_view v;
	struct reg_form f;
	int st;

	if ((st = reg_view(r, &v)) != 0 || (st = row_load(r, &v, &row)) != 0)
		return st;
	form_of_row(r, &v, &row, &f);
	return reg_form_page(r, &v, &f, NULL, NULL, row_name(r, &v, &row),
	    200);
}

int
page_reg_save(struct req *r)
{
	struct register_who who = reg_who(r);
	struct register_errs errs;
	struct register_row row, cur;
	struct reg_view v;
	struct reg_form f;
	int64_t rev;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0 || (st = row_load(r, &v, &cur)) != 0)
		return st;
	memset(&f, 0, sizeof(f));
	f.id = cur.id;
	f.rev = page_posted_rev(r);
	if (form_read(r, &v, &cur, &row, &f) > 0)
		return reg_form_page(r, &v, &f, NULL, NULL, row_name(r, &v,
		    &cur), PAGE_INVALID);
	errs.n = 0;
	rc = register_save(req_app(r)->db, v.e, v.d, r->org_id, &who, cur.id,
	    f.rev, &row, &rev, &errs);
	if (rc == REGISTER_INVALID || rc == REGISTER_BAD_REF) {
		write_refused(r, &v, &cur, &row, &f, &errs, rc);
		return reg_form_page(r, &v, &f, NULL, NULL, row_name(r, &v,
		    &cur), PAGE_INVALID);
	}
	if (rc == DB_OK)
		return req_redirect(r, arena_printf(&r->arena,
		    "%s/%" PRId64 "?saved=1", v.base, cur.id));
	if (rc == REGISTER_GONE)
		return 404;
	if (rc != REGISTER_STALE)
		return 503;
	/* Someone saved first: show both, keep theirs, offer mine again
	 * from their revision. */
	if ((st = row_load(r, &v, &cur)) != 0)
		return st;
	f.rev = cur.rev;
	return reg_form_page(r, &v, &f, &cur, &row, row_name(r, &v, &cur),
	    409);
}

/* ---- a row and its history ---------------------------------------------- */

/* Field i of row as the row page shows it: the meaning of a scale
 * level, long text with its line breaks. */
static void
value_dd(struct page *p, const struct reg_view *v, size_t i,
    const struct register_val *val)
{
	struct req *r = p->r;
	const struct reg_scale *sc = scale_of(v, i);
	const struct tr *means = meaning_of(v, i, val);

	if (!val->set) {
		html_elem(&p->h, "dd", T(r, "reg.blank"), "class", "blank",
		    NULL);
		return;
	}
	if (means != NULL) {
		/* the value, and what it means */
		html_open(&p->h, "dd", "data-key", val->s, NULL);
		html_text(&p->h, shown(r, v, i, val));
		html_elem(&p->h, "small", TR(r, means), "class", "meaning",
		    NULL);
		html_close(&p->h);
		return;
	}
	if (sc != NULL && val->i >= 1 && val->i <= sc->n) {
		html_elem(&p->h, "dd", TR(r, &sc->level[val->i - 1]),
		    "data-value", arena_printf(&r->arena, "%" PRId64, val->i),
		    NULL);
		return;
	}
	html_elem(&p->h, "dd", shown(r, v, i, val), "class",
	    v->d->f[i].type == RF_LONG ? "long" : NULL, "data-value",
	    v->d->f[i].type == RF_INT ? register_text(&v->d->f[i], val,
	    &r->arena) : NULL, NULL);
}

/* Every field of row with its label. */
static void
row_facts(struct page *p, const struct reg_view *v,
    const struct register_row *row, bool short_only)
{
	size_t i;

	html_open(&p->h, "dl", "class", "facts reg-facts", NULL);
	for (i = 0; i < v->d->nf; i++) {
		if (short_only && !v->d->f[i].list)
			continue;
		html_elem(&p->h, "dt", flabel(p->r, v->d, i), "id",
		    arena_printf(&p->r->arena, "l-%s", v->d->f[i].key), NULL);
		value_dd(p, v, i, &row->v[i]);
	}
	html_close(&p->h);
}

/* What one revision did, in words. */
static const char *
op_text(struct req *r, const char *op)
{
	static const char *const ops[] = { "add", "edit", "delete", "import" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return T(r, arena_printf(&r->arena, "reg.op.%s",
			    ops[i]));
	return op;
}

/* The fields an edit changed, old value → new value. */
static void
hist_diff(struct page *p, const struct reg_view *v,
    const struct register_row *before, const struct register_row *after)
{
	struct req *r = p->r;
	size_t i, n = 0;
	int mark = -1;

	for (i = 0; i < v->d->nf; i++) {
		if (!register_differs(&v->d->f[i], &before->v[i],
		    &after->v[i]))
			continue;
		if (n++ == 0)
			mark = page_table(p, "table reg-diff", NULL,
			    T(r, "reg.field"), T(r, "reg.before"),
			    T(r, "reg.after"), NULL);
		page_row(p);
		page_td(p, flabel(r, v->d, i), NULL);
		page_td_open(p, "before");
		if (before->v[i].set)
			html_elem(&p->h, "del", shown(r, v, i, &before->v[i]),
			    NULL);
		else
			html_text(&p->h, T(r, "reg.blank"));
		html_close(&p->h);
		page_td_open(p, "after");
		if (after->v[i].set)
			html_elem(&p->h, "ins", shown(r, v, i, &after->v[i]),
			    NULL);
		else
			html_text(&p->h, T(r, "reg.blank"));
		html_close(&p->h);
		html_close(&p->h);
	}
	if (n == 0)
		html_elem(&p->h, "p", T(r, "reg.no_change"), "class", "help",
		    NULL);
	else
		html_close_to(&p->h, mark);
}

/* The history of a row, newest first, a page of PAGE_ROWS at a time. */
static void
row_history(struct page *p, const struct reg_view *v,
    const struct register_rev *h, size_t n, const char *path)
{
	struct req *r = p->r;
	struct page_slice sl;
	size_t k;

	html_elem(&p->h, "h2", T(r, "reg.history"), "id", "history", NULL);
	page_slice(r, n, &sl);
	html_open(&p->h, "ol", "class", "reg-history", "reversed", "", NULL);
	for (k = sl.first; k < sl.end; k++) {
		const struct register_rev *e = &h[n - 1 - k];

		html_open(&p->h, "li", "class", "hist", "data-op", e->op,
		    "data-rev", arena_printf(&r->arena, "%" PRId64, e->rev),
		    NULL);
		html_open(&p->h, "p", "class", "hist-head", NULL);
		html_elem(&p->h, "strong", op_text(r, e->op), NULL);
		html_text(&p->h, T(r, "reg.sep"));
		html_elem(&p->h, "time", page_datetime(r, e->at), NULL);
		html_text(&p->h, T(r, "reg.sep"));
		html_text(&p->h, e->who[0] ? e->who : T(r, "reg.someone"));
		html_close(&p->h);
		if (strcmp(e->op, "edit") == 0 && n - 1 - k > 0)
			hist_diff(p, v, &h[n - 2 - k].row, &e->row);
		html_close(&p->h);
	}
	html_close(&p->h);
	if (sl.pages > 1)
		page_pager(p, path, "#history", &sl);
}

int
page_reg_row(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct register_row row;
	struct register_rev *hist;
	struct reg_view v;
	struct page p;
	const char *self;
	size_t n;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0 || (st = row_load(r, &v, &row)) != 0)
		return st;
	c = db_acquire(db);
	rc = register_history(c, v.e, v.d, r->org_id, row.id, &r->arena,
	    &hist, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	self = arena_printf(&r->arena, "%s/%" PRId64, v.base, row.id);
	reg_begin(&p, r, &v, row_name(r, &v, &row));
	html_elem(&p.h, "a", T(r, "reg.back"), "href", v.base, "class", "back",
	    NULL);
	/* its number too: a CSV names by it a row whose name another row
	 * has too */
	html_elem(&p.h, "p", arena_printf(&r->arena, "%s%s%s", rtext(r, v.d,
	    "one"), T(r, "reg.sep"), Tn(r, "reg.row_no", (long)row.id, 0)),
	    "class", "org-name", NULL);
	page_h1(&p, row_name(r, &v, &row));
	if (req_query(r, "saved") != NULL)
		page_notice(&p, "ok", T(r, "form.saved"));
	else if (req_query(r, "added") != NULL)
		page_notice(&p, "ok", T(r, "reg.added"));
	row_facts(&p, &v, &row, false);
	rule_lines(&p, &v);
	if (v.d->kind == REGISTER_EXERCISES)
		page_exercise_row_links(&p, row.id);
	if (v.d->kind == REGISTER_INCIDENTS)
		page_incident_row_link(&p, row.id);
	if (v.d->kind == REGISTER_PEOPLE)
		page_inv_person_access(&p, row.id);
	if (v.d->kind == REGISTER_RISKS && register_field(v.d, "estimate") >= 0)
		page_estimate_risk_row(&p, row.v[register_field(v.d,
		    "estimate")].set ? row.v[register_field(v.d,
		    "estimate")].i : 0);
	html_elem(&p.h, "p", Tw(r, "reg.updated", arena_printf(&r->arena,
	    "%s%s%s", page_datetime(r, row.updated_at), T(r, "reg.sep"),
	    row.updated_by[0] ? row.updated_by : T(r, "reg.someone"))),
	    "class", "meta", NULL);
	if (page_can_admin(r)) {
		html_open(&p.h, "div", "class", "actions", NULL);
		html_elem(&p.h, "a", T(r, "reg.edit_button"), "href",
		    arena_printf(&r->arena, "%s/edit", self), "class", "btn",
		    NULL);
		form_button(&p, arena_printf(&r->arena, "%s/delete", self),
		    T(r, "reg.delete_button"), "btn btn-secondary");
		html_close(&p.h);
	}
	row_history(&p, &v, hist, n, self);
	return page_end(&p, 200);
}

/* ---- deleting ------------------------------------------------------------------ */

/* The page that asks before a row goes. */
static int
delete_ask(struct req *r, const struct reg_view *v,
    const struct register_row *row, const char *notice, int status)
{
	const char *self = arena_printf(&r->arena, "%s/%" PRId64, v->base,
	    row->id);
	const char *title = Tw(r, "reg.delete_confirm", row_name(r, v, row));
	struct page p;

	reg_begin(&p, r, v, title);
	html_elem(&p.h, "a", T(r, "reg.keep"), "href", self, "class", "back",
	    NULL);
	page_h1(&p, title);
	if (notice != NULL)
		page_notice(&p, "error", notice);
	row_facts(&p, v, row, true);
	page_notice(&p, "info", T(r, "reg.delete_undo"));
	form_open(&p, arena_printf(&r->arena, "%s/delete", self), NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "confirm", "value",
	    "1", NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "rev", "value",
	    arena_printf(&r->arena, "%" PRId64, row->rev), NULL);
	html_open(&p.h, "p", "class", "actions", NULL);
	form_submit(&p, T(r, "reg.delete_yes"), "btn btn-danger");
	html_elem(&p.h, "a", T(r, "reg.keep"), "href", self, "class",
	    "btn btn-secondary", NULL);
	html_close(&p.h);
	html_close(&p.h);
	return page_end(&p, status);
}

/*
 * Delete a row.  Without confirm=1 the answer is a page naming the row,
 * with the button that really deletes; that button carries the revision
 * it showed, so a row changed meanwhile is shown again, not deleted.
 */
int
page_reg_delete(struct req *r)
{
	struct register_who who = reg_who(r);
	const char *confirm = req_field(r, "confirm");
	struct register_row row;
	struct reg_view v;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0 || (st = row_load(r, &v, &row)) != 0)
		return st;
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return delete_ask(r, &v, &row, NULL, 200);
	rc = register_delete(req_app(r)->db, v.d, r->org_id, &who, row.id,
	    page_posted_rev(r));
	if (rc == DB_OK)
		return req_redirect(r, arena_printf(&r->arena, "%s?deleted=1",
		    v.base));
	if (rc == REGISTER_GONE)
		return 404;
	if (rc == REGISTER_IN_USE) {
		struct db *db = req_app(r)->db;
		struct db_conn *c = db_acquire(db);
		int64_t n = register_referrers(c, v.e, v.d, r->org_id, row.id);

		db_release(db, c);
		return delete_ask(r, &v, &row, Tn(r, "reg.in_use", (long)n,
		    0), 409);
	}
	if (rc != REGISTER_STALE)
		return 503;
	if ((st = row_load(r, &v, &row)) != 0)
		return st;
	return delete_ask(r, &v, &row, T(r, "reg.delete_stale"), 409);
}

/* ---- downloads ------------------------------------------------------------------- */

/* Every row in the list's default order, for a download. */
static int
export_rows(struct req *r, const struct reg_view *v,
    struct report_reg_in *in)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct register_row *rows;
	struct register_query q;
	size_t n;
	int rc;

	c = db_acquire(db);
	rc = register_list(c, v->e, v->d, r->org_id, &r->arena, &rows, &n);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	register_query_init(v->d, &q);
	memset(in, 0, sizeof(*in));
	in->ct = v->ct;
	in->lang = (enum lang)page_lang_of(r);
	in->d = v->d;
	in->rows = rows;
	in->ix = register_select(v->d, rows, n, &q, &r->arena, &in->n);
	in->org = v->org.name;
	in->now = account_now();
	return 0;
}

/* Name the file, note the download in the audit log, send it. */
static int
export_send(struct req *r, const char *key, const char *org,
    const char *title, int64_t now, enum report_format f)
{
	struct db *db = req_app(r)->db;
	struct report_fname name = report_fname(&r->arena, org, title, key,
	    now, report_format_key(f));
	struct db_conn *c;

	page_disposition(r, "attachment", name.ascii, name.utf8);
	c = db_acquire(db);
	audit(c, r->org_id, r->auth.user_id, AUDIT_EXPORT,
	    arena_printf(&r->arena, "register %s %s", key,
	    report_format_key(f)), req_addr(r));
	db_release(db, c);
	return req_send(r, 200, report_ctype(f));
}

int
page_reg_csv(struct req *r)
{
	const char *labels = req_query(r, "labels");
	struct db *db = req_app(r)->db;
	struct register_names nm;
	struct report_reg_in in;
	struct reg_view v;
	struct db_conn *c;
	int st, rc;

	if ((st = reg_view(r, &v)) != 0 || (st = export_rows(r, &v, &in)) != 0)
		return st;
	/* the references by the titles of their rows, where no other row
	 * shares one: what the import reads back to the same rows */
	c = db_acquire(db);
	rc = register_names_load(c, v.d, r->org_id, &r->arena, &nm);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	in.names = &nm;
	buf_reset(&r->out);
	report_register_csv(&in, labels != NULL && strcmp(labels, "1") == 0,
	    &r->arena, &r->out);
	if (r->out.err)
		return 503;
	return export_send(r, v.d->key, v.org.name, v.title, in.now,
	    REPORT_CSV);
}

/* A workbook being written on the worker pool. */
struct reg_xlsx_job {
	struct doc	 d;		/* in the request's arena, read-only */
	struct buf	 out;
	const char	*key, *org, *title;
	int64_t		 now;
	char		 err[256];
	int		 rc;
};

static void
reg_xlsx_work(void *arg)
{
	struct reg_xlsx_job *j = arg;

	j->rc = xlsx_render(&j->d, &j->out, j->err, sizeof(j->err));
}

int
page_reg_xlsx(struct req *r)
{
	struct reg_xlsx_job *j;
	struct report_reg_in in;
	struct reg_view v;
	int st;

	if (r->resumed) {
		j = r->work_arg;
		if (j->rc != XLSX_OK) {
			log_err("register", "xlsx: %s", j->err);
			buf_free(&j->out);
			return 503;
		}
		buf_reset(&r->out);
		buf_add(&r->out, j->out.p, j->out.n);
		buf_free(&j->out);
		if (r->out.err)
			return 503;
		return export_send(r, j->key, j->org, j->title, j->now,
		    REPORT_XLSX);
	}
	if ((st = reg_view(r, &v)) != 0 || (st = export_rows(r, &v, &in)) != 0)
		return st;
	j = arena_alloc(&r->arena, sizeof(*j));
	memset(j, 0, sizeof(*j));
	report_register_doc(&in, &r->arena, &j->d);
	buf_init(&j->out, 0);
	j->key = v.d->key;
	j->org = v.org.name;
	j->title = v.title;
	j->now = in.now;
	return req_offload(r, reg_xlsx_work, j);
}
