/*
 * page_incident_setup: who responds to an incident, and what the
 * incidents add to the pages around them (issue 14) —
 *
 *   GET  /o/{org}/incidents/setup   the response structure: the top
 *   POST /o/{org}/incidents/setup   responsible person, the response lead
 *                                   and the first responder, each a member
 *                                   or a BCP contact, and the responder
 *                                   of each level 0–3 with the levels'
 *                                   meaning (members read, admins and
 *                                   advisors write; a stale save is
 *                                   refused, both versions shown)
 *   GET  /api/v1/orgs/{org}/incidents-setup   the same as JSON,
 *   PUT  /api/v1/orgs/{org}/incidents-setup   and its replacement ("rev")
 *
 * and, written into other pages: the count of incidents per year by kind
 * and level above the incidents' list (page_incident_setup_counts), and
 * the open incidents with the report deadlines of the coming seven days
 * at the top of the organisation's home (page_incident_setup_home).
 *
 * The structure is model/incsetup.h (the incidents register's settings);
 * the report deadlines model/appi.h.  Texts: incsetup.*, incsum.* and
 * inchome.* in content/i18n/ui.yaml, the levels' words from
 * content/incidents.yaml.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/esc.h"
#include "model/account.h"
#include "model/appi.h"
#include "model/incsetup.h"
#include "model/org.h"
#include "model/register.h"
#include "pages/pages.h"

/* Open incidents the home names one by one. */
#define HOME_SHOWN	8
/* Report deadlines this many days ahead (or past) show on the home. */
#define HOME_DAYS	7

/* ---- small helpers ------------------------------------------------------ */

static const char *
num(struct req *r, long n)
{
	return arena_printf(&r->arena, "%ld", n);
}

/* The pack's default responder of each level. */
static void
defaults(const struct content *ct, enum incident_role dflt[INC_LEVELS])
{
	int k;

	for (k = 0; k < INC_LEVELS; k++)
		dflt[k] = ct->incidents.level[k].responder;
}

/* Read the structure of the request's organisation: 0, or 503. */
static int
setup_load(struct req *r, struct incsetup_all *x)
{
	const struct content *ct = &req_app(r)->content;
	enum incident_role dflt[INC_LEVELS];
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	defaults(ct, dflt);
	c = db_acquire(db);
	rc = incsetup_load(c, &ct->regenv, r->org_id, dflt, &r->arena, x);
	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* The label of a role (top, lead, first). */
static const char *
role_label(struct req *r, int role)
{
	return TR(r, &req_app(r)->content.incidents.role[role].label);
}

/* What a contacts row is for: its damaged target (and system). */
static const char *
contact_what(struct req *r, const struct register_row *row)
{
	const struct register_decl *cd = register_of(REGISTER_CONTACTS);
	int ft = register_field(cd, "target"), fs = register_field(cd,
	    "system");
	const char *t = register_label(&req_app(r)->content.regenv,
	    &cd->f[ft], &row->v[ft], page_lang_of(r));

	if (row->v[fs].set && row->v[fs].s[0] != '\0')
		return arena_printf(&r->arena, page_lang_of(r) == LANG_JA ?
		    "%s（%s）" : "%s (%s)", t, row->v[fs].s);
	return t;
}

/* A person in words: nobody, gone, a member's address, or a contact's
 * name with what it is for and its number. */
static const char *
person_words(struct req *r, const struct incsetup_person *p)
{
	if (p->kind == INCSETUP_NOBODY)
		return T(r, "incsetup.nobody");
	if (!p->found)
		return T(r, p->kind == INCSETUP_MEMBER ? "reg.member_gone" :
		    "incsetup.contact_gone");
	if (p->kind == INCSETUP_MEMBER)
		return Tf(r, "incsetup.as_member", "name", p->name, NULL);
	return Tf(r, p->phone[0] != '\0' ? "incsetup.as_contact_phone" :
	    "incsetup.as_contact", "name", p->name, "what", contact_what(r,
	    p->row), "phone", p->phone, NULL);
}

/* A role and its person, for a level's line: "対応責任者（田中）". */
static const char *
role_person(struct req *r, const struct incsetup *s, int role)
{
	const struct incsetup_person *p = &s->who[role];

	if (p->kind == INCSETUP_NOBODY || !p->found)
		return role_label(r, role);
	return Tf(r, "incsetup.role_person", "role", role_label(r, role),
	    "name", p->name, NULL);
}

/* text with "{responder}" replaced by who (never a format). */
static const char *
fill_responder(struct req *r, const char *text, const char *who)
{
	const char *at = strstr(text, "{responder}");

	if (at == NULL)
		return text;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - text), text, who,
	    at + strlen("{responder}"));
}

/* ---- the structure as JSON ------------------------------------------------ */

static void
json_str_or_null(struct buf *b, const char *s)
{
	if (s == NULL || s[0] == '\0')
		buf_adds(b, "null");
	else
		esc_json(b, str_c(s));
}

static void
json_person(struct req *r, struct buf *b, const struct incsetup_person *p)
{
	static const char *const kinds[INCSETUP_KIND__MAX] = { NULL, "member",
	    "contact" };

	buf_adds(b, "{\"ref\": ");
	json_str_or_null(b, incsetup_ref_text(p, &r->arena));
	buf_adds(b, ", \"kind\": ");
	json_str_or_null(b, kinds[p->kind]);
	buf_adds(b, ", \"id\": ");
	if (p->kind == INCSETUP_NOBODY)
		buf_adds(b, "null");
	else
		buf_printf(b, "%" PRId64, p->id);
	buf_printf(b, ", \"found\": %s, \"name\": ", p->found ? "true" :
	    "false");
	json_str_or_null(b, p->name);
	buf_adds(b, ", \"phone\": ");
	json_str_or_null(b, p->phone);
	buf_adds(b, ", \"email\": ");
	json_str_or_null(b, p->email);
	buf_addc(b, '}');
}

/* The structure of x as GET answers it, into b. */
static void
json_setup(struct req *r, struct buf *b, const struct incsetup_all *x)
{
	const struct content *ct = &req_app(r)->content;
	int k;

	buf_printf(b, "{\"rev\": %" PRId64 ", \"updated_at\": ", x->set.rev);
	if (x->set.rev > 0)
		buf_printf(b, "%" PRId64, x->set.updated_at);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"updated_by\": ");
	json_str_or_null(b, x->set.updated_by);
	buf_adds(b, ", \"roles\": {");
	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		buf_printf(b, "%s\"%s\": ", k ? ", " : "", incsetup_role_key(k));
		json_person(r, b, &x->s.who[k]);
	}
	buf_adds(b, "}, \"levels\": [");
	for (k = 0; k < INC_LEVELS; k++) {
		buf_printf(b, "%s{\"level\": %d, \"responder\": \"%s\", "
		    "\"default\": \"%s\", \"definition\": ", k ? ", " : "", k,
		    incsetup_role_key((int)x->s.level[k]), incsetup_role_key(
		    (int)ct->incidents.level[k].responder));
		json_str_or_null(b, x->s.definition[k]);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}");
}

int
page_api_incident_setup(struct req *r)
{
	struct incsetup_all x;
	int st;

	if ((st = setup_load(r, &x)) != 0)
		return st;
	buf_reset(&r->out);
	json_setup(r, &r->out, &x);
	buf_addc(&r->out, '\n');
	return page_json(r, 200);
}

/* 422 {"errors": [{"field", "code", "message"}…]}. */
static int
api_errors(struct req *r, const struct register_errs *errs)
{
	size_t i;

	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [");
	for (i = 0; i < errs->n; i++) {
		const struct register_err *e = &errs->e[i];

		buf_adds(&r->out, i ? ", {\"field\": " : "{\"field\": ");
		esc_json(&r->out, str_c(e->name ? e->name : ""));
		buf_printf(&r->out, ", \"code\": \"%s\", \"message\": ",
		    register_err_key(e->code));
		esc_json(&r->out, str_c(Tn(r, arena_printf(&r->arena,
		    "reg.err.%s", register_err_key(e->code)), e->a, e->b)));
		buf_addc(&r->out, '}');
	}
	buf_adds(&r->out, "]}\n");
	return page_json(r, PAGE_INVALID);
}

/* A level's own definition from text (NULL: none): "" or the text as
 * the register engine reads a long text (trimmed, LF line breaks), or an
 * error. */
static enum rf_err
definition_of(struct req *r, const char *text, const char **out, long *a,
    long *b)
{
	static const struct rf_decl f = { "definition", RF_LONG, false, false,
	    false, 0, INCSETUP_DEF_MAX, KS_NONE, 0 };
	struct register_val v;
	enum rf_err e;

	*out = "";
	*a = *b = 0;
	if (text == NULL)
		return RFE_OK;
	e = register_value(&req_app(r)->content.regenv, &f, text, &r->arena,
	    &v, a, b);
	if (e == RFE_OK && v.set)
		*out = v.s;
	return e;
}

/*
 * Check the people of s against x (the organisation's members and
 * contacts) into errs under the names given; a person kept as stored
 * (old) may have left since.
 */
static void
check_people(const struct incsetup_all *x, const struct incsetup *s,
    const struct incsetup *old, const char *const names[INC_STRUCT_ROLES],
    struct register_errs *errs)
{
	int k;

	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		enum rf_err e;

		if (old != NULL && s->who[k].kind == old->who[k].kind &&
		    s->who[k].id == old->who[k].id)
			continue;
		if ((e = incsetup_check(x, &s->who[k])) != RFE_OK)
			register_err_add(errs, k, names[k], e, 0, 0);
	}
}

int
page_api_incident_setup_put(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	static const char *const known[] = { "rev", "top", "lead", "first",
	    "levels", "definitions" };
	const char *names[INC_STRUCT_ROLES];
	enum incident_role dflt[INC_LEVELS];
	struct register_errs errs = { 0 };
	struct incsetup_all x;
	struct incsetup s;
	json_error_t jerr;
	json_t *o, *v;
	const char *key;
	struct buf body = BUF_INIT;
	int64_t rev = -1, new_rev = 0;
	size_t i;
	int st, k, rc;

	if ((st = setup_load(r, &x)) != 0)
		return st;
	o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		register_err_add(&errs, -1, "", RFE_TYPE, 0, 0);
		return api_errors(r, &errs);
	}
	json_object_foreach(o, key, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			register_err_add(&errs, -1, arena_strdup(&r->arena,
			    key), RFE_UNKNOWN, 0, 0);
	}
	if ((v = json_object_get(o, "rev")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			register_err_add(&errs, -1, "rev", RFE_NOT_INT, 0, 0);
		else
			rev = json_integer_value(v);
	} else if (x.set.rev > 0)
		/* a later save names the revision it started from */
		register_err_add(&errs, -1, "rev", RFE_REQUIRED, 0, 0);
	else
		rev = 0;
	/* what is left out is nobody, the pack's responder, no words */
	defaults(&req_app(r)->content, dflt);
	incsetup_read(NULL, dflt, &r->arena, &s);
	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		names[k] = incsetup_role_key(k);
		v = json_object_get(o, names[k]);
		if (v == NULL || json_is_null(v))
			continue;
		if (!json_is_string(v))
			register_err_add(&errs, k, names[k], RFE_TYPE, 0, 0);
		else if (incsetup_ref_read(json_string_value(v),
		    &s.who[k]) != 0)
			register_err_add(&errs, k, names[k], RFE_FORMAT, 0, 0);
	}
	if ((v = json_object_get(o, "levels")) != NULL && !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) != INC_LEVELS)
			register_err_add(&errs, -1, "levels", RFE_TYPE, 0, 0);
		else
			for (k = 0; k < INC_LEVELS; k++) {
				json_t *e = json_array_get(v, (size_t)k);
				int role = incsetup_role_of(
				    json_string_value(e));

				if (role < 0)
					register_err_add(&errs, -1,
					    arena_printf(&r->arena, "levels.%d",
					    k), json_is_string(e) ?
					    RFE_KEY : RFE_TYPE, 0, 0);
				else
					s.level[k] = (enum incident_role)role;
			}
	}
	if ((v = json_object_get(o, "definitions")) != NULL &&
	    !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) != INC_LEVELS)
			register_err_add(&errs, -1, "definitions", RFE_TYPE, 0,
			    0);
		else
			for (k = 0; k < INC_LEVELS; k++) {
				json_t *e = json_array_get(v, (size_t)k);
				enum rf_err er;
				long a, b;

				if (json_is_null(e))
					continue;
				if (!json_is_string(e))
					er = RFE_TYPE;
				else
					er = definition_of(r,
					    json_string_value(e),
					    &s.definition[k], &a, &b);
				if (er != RFE_OK)
					register_err_add(&errs, -1,
					    arena_printf(&r->arena,
					    "definitions.%d", k), er, a, b);
			}
	}
	json_decref(o);
	check_people(&x, &s, &x.s, names, &errs);
	if (errs.n > 0)
		return api_errors(r, &errs);
	incsetup_body(&s, &body);
	rc = register_settings_put(req_app(r)->db, d, r->org_id, &who, rev,
	    buf_cstr(&body), &new_rev);
	buf_free(&body);
	if (rc == REGISTER_STALE) {
		/* the structure as it stands now, to compare */
		if ((st = setup_load(r, &x)) != 0)
			return st;
		buf_reset(&r->out);
		buf_printf(&r->out, "{\"error\": \"409\", \"rev\": %" PRId64
		    ", \"current\": ", x.set.rev);
		json_setup(r, &r->out, &x);
		buf_adds(&r->out, "}\n");
		return page_json(r, 409);
	}
	if (rc != DB_OK)
		return 503;
	return page_api_incident_setup(r);
}

/* ---- the page ------------------------------------------------------------- */

/* What the form carries back when it is refused or stale. */
struct setup_form {
	const char	*who[INC_STRUCT_ROLES];	/* as posted */
	const char	*resp[INC_LEVELS];
	const char	*def[INC_LEVELS];
	const char	*err_who[INC_STRUCT_ROLES];	/* translated */
	const char	*err_resp[INC_LEVELS];
	const char	*err_def[INC_LEVELS];
	size_t		 nerr;
	struct incsetup	 mine;		/* as posted, read */
};

/* A person's <select>: nobody, the members, the contacts; the stored one
 * kept as a choice of its own when it is gone, so that saving does not
 * drop it unasked. */
static void
person_select(struct page *p, const struct incsetup_all *x, int role,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const char *name = incsetup_role_key(role);
	const char *id = arena_printf(&r->arena, "f-%s", name);
	const char *eid = arena_printf(&r->arena, "e-%s", name);
	struct incsetup_person want;
	bool found = false;
	size_t i;

	if (incsetup_ref_read(value, &want) != 0)
		incsetup_ref_read(NULL, &want);
	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(h, "label", role_label(r, role), "for", id, NULL);
	html_elem(h, "p", TR(r, &req_app(r)->content.incidents.role[role].duty),
	    "class", "help", NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
	html_open(h, "select", "id", id, "name", name,
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	html_elem(h, "option", T(r, "incsetup.nobody_opt"), "value", "",
	    "selected", want.kind == INCSETUP_NOBODY ? "" : NULL, NULL);
	if (x->nmembers > 0) {
		html_open(h, "optgroup", "label", T(r, "incsetup.members"),
		    NULL);
		for (i = 0; i < x->nmembers; i++) {
			bool on = want.kind == INCSETUP_MEMBER &&
			    want.id == x->members[i].id;

			html_elem(h, "option", x->members[i].email, "value",
			    arena_printf(&r->arena, "member:%" PRId64,
			    x->members[i].id), "selected", on ? "" : NULL,
			    NULL);
			found = found || on;
		}
		html_close(h);
	}
	if (x->ncontacts > 0) {
		html_open(h, "optgroup", "label", T(r, "incsetup.contacts"),
		    NULL);
		for (i = 0; i < x->ncontacts; i++) {
			struct incsetup_person c = { .kind = INCSETUP_CONTACT,
			    .id = x->contacts[i].id };
			bool on = want.kind == INCSETUP_CONTACT &&
			    want.id == c.id;

			incsetup_resolve(x, &c, &r->arena);
			html_elem(h, "option", person_words(r, &c), "value",
			    incsetup_ref_text(&c, &r->arena), "selected",
			    on ? "" : NULL, NULL);
			found = found || on;
		}
		html_close(h);
	}
	if (!found && want.kind != INCSETUP_NOBODY && err == NULL)
		html_elem(h, "option", T(r, want.kind == INCSETUP_MEMBER ?
		    "reg.member_gone" : "incsetup.contact_gone"), "value",
		    incsetup_ref_text(&want, &r->arena), "selected", "", NULL);
	html_close(h);
	html_close(h);
}

/* The responder of level k: a <select> of the three roles, each with
 * its person, the pack's default said so. */
static void
responder_select(struct page *p, const struct incsetup *s, int k,
    const char *value, const char *err)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const struct content *ct = &req_app(r)->content;
	const char *name = arena_printf(&r->arena, "resp_%d", k);
	const char *id = arena_printf(&r->arena, "f-%s", name);
	const char *eid = arena_printf(&r->arena, "e-%s", name);
	int role;

	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(h, "label", Tn(r, "incsetup.responder", k, 0), "for", id,
	    NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
	html_open(h, "select", "id", id, "name", name, "required", "",
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	for (role = 0; role < INC_STRUCT_ROLES; role++) {
		const char *t = role_person(r, s, role);

		if ((int)ct->incidents.level[k].responder == role)
			t = Tf(r, "incsetup.default", "text", t, NULL);
		html_elem(h, "option", t, "value", incsetup_role_key(role),
		    "selected", value != NULL && strcmp(value,
		    incsetup_role_key(role)) == 0 ? "" : NULL, NULL);
	}
	html_close(h);
	html_close(h);
}

/* Both versions side by side: as stored now and as posted. */
static void
stale_table(struct page *p, const struct incsetup *cur,
    const struct incsetup *mine)
{
	struct req *r = p->r;
	int mark, k;

	mark = page_table(p, "table reg-compare", T(r, "reg.stale_caption"),
	    T(r, "reg.field"), T(r, "reg.stale_theirs"), T(r, "reg.stale_mine"),
	    NULL);
	for (k = 0; k < INC_STRUCT_ROLES + 2 * INC_LEVELS; k++) {
		const char *item, *a, *b;

		if (k < INC_STRUCT_ROLES) {
			item = role_label(r, k);
			a = person_words(r, &cur->who[k]);
			b = person_words(r, &mine->who[k]);
		} else if (k < INC_STRUCT_ROLES + INC_LEVELS) {
			int l = k - INC_STRUCT_ROLES;

			item = Tn(r, "incsetup.responder", l, 0);
			a = role_label(r, (int)cur->level[l]);
			b = role_label(r, (int)mine->level[l]);
		} else {
			int l = k - INC_STRUCT_ROLES - INC_LEVELS;

			if (cur->definition[l][0] == '\0' &&
			    mine->definition[l][0] == '\0')
				continue;
			item = Tn(r, "incsetup.own_def", l, 0);
			a = cur->definition[l][0] ? cur->definition[l] :
			    T(r, "incsetup.pack_def");
			b = mine->definition[l][0] ? mine->definition[l] :
			    T(r, "incsetup.pack_def");
		}
		page_row(p);
		page_td_open(p, strcmp(a, b) != 0 ? "differs" : NULL);
		html_text(&p->h, item);
		if (strcmp(a, b) != 0)
			html_elem(&p->h, "span", T(r, "reg.stale_differs"),
			    "class", "tag tag-differs", NULL);
		html_close(&p->h);
		page_td(p, a, "reg-value");
		page_td(p, b, "reg-value");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
}

/* One level: what it means (the organisation's words or the pack's), the
 * example, whom it goes to and what the finder is told; with the form,
 * the controls to change the last two. */
static void
level_block(struct page *p, const struct incsetup_all *x,
    const struct setup_form *f, const struct incsetup *shown, int k,
    bool form)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct incsetup *s = &x->s;
	const char *own = shown->definition[k];

	html_open(&p->h, "article", "class", "inc-level", "id",
	    arena_printf(&r->arena, "level-%d", k), "data-level", num(r, k),
	    NULL);
	html_elem(&p->h, "h3", TR(r, &ct->incidents.level[k].label), NULL);
	if (own[0] != '\0') {
		html_elem(&p->h, "p", own, "class", "inc-def own", NULL);
		html_elem(&p->h, "p", Tf(r, "incsetup.pack_was", "text",
		    TR(r, &ct->incidents.level[k].definition), NULL), "class",
		    "help", NULL);
	} else
		html_elem(&p->h, "p", TR(r, &ct->incidents.level[k].definition),
		    "class", "inc-def", NULL);
	html_elem(&p->h, "p", Tf(r, "incsetup.example", "text",
	    TR(r, &ct->incidents.level[k].example), NULL), "class",
	    "inc-example", NULL);
	html_elem(&p->h, "p", Tf(r, "incsetup.goes_to", "who", role_person(r,
	    s, (int)shown->level[k]), NULL), "class", "inc-goes-to", NULL);
	if (k >= 1 && TR(r, &ct->incidents.level[k].report)[0] != '\0')
		html_elem(&p->h, "p", fill_responder(r,
		    TR(r, &ct->incidents.level[k].report), role_person(r, s,
		    (int)shown->level[k])), "class", "inc-report", NULL);
	if (form) {
		responder_select(p, s, k, f != NULL && f->resp[k] != NULL ?
		    f->resp[k] : incsetup_role_key((int)s->level[k]),
		    f != NULL ? f->err_resp[k] : NULL);
		form_field_max(p, arena_printf(&r->arena, "def_%d", k), NULL,
		    INCSETUP_DEF_MAX, Tn(r, "incsetup.own_def", k, 0),
		    T(r, "incsetup.own_def_help"), f != NULL && f->def[k] !=
		    NULL ? f->def[k] : s->definition[k], f != NULL ?
		    f->err_def[k] : NULL, "off", false);
	}
	html_close(&p->h);
}

/*
 * The page: the structure as stored (x), with, after a refused or stale
 * save, what was posted (f) and, when stale, both versions.
 */
static int
setup_page(struct req *r, const struct incsetup_all *x,
    const struct setup_form *f, bool stale, int status)
{
	const char *self = arena_printf(&r->arena, "/o/%" PRId64
	    "/incidents/setup", r->org_id);
	const struct incsetup *shown = f != NULL ? &f->mine : &x->s;
	bool form = page_can_admin(r);
	struct page p;
	struct org o;
	int k, st;

	if ((st = page_org_get(r, r->org_id, &o)) != 0)
		return st == DB_DONE ? 404 : 503;
	page_begin(&p, r, T(r, "incsetup.title"));
	/* the incidents' tab: this page belongs to them */
	page_org_subnav(&p, &o, arena_printf(&r->arena, "reg.%s",
	    register_of(REGISTER_INCIDENTS)->key));
	html_elem(&p.h, "a", T(r, "incsetup.back"), "href", arena_printf(
	    &r->arena, "/o/%" PRId64 "/r/incidents", r->org_id), "class",
	    "back", NULL);
	page_h1(&p, T(r, "incsetup.title"));
	if (stale) {
		page_notice(&p, "error", Tf(r, "reg.stale", "what",
		    x->set.updated_by[0] != '\0' ? x->set.updated_by :
		    T(r, "reg.someone"), NULL));
		html_elem(&p.h, "p", Tf(r, "reg.stale_when", "what",
		    page_datetime(r, x->set.updated_at), NULL), "class", "help",
		    NULL);
		stale_table(&p, &x->s, &f->mine);
		html_elem(&p.h, "h2", T(r, "reg.stale_again"), NULL);
	} else if (f != NULL && f->nerr > 0)
		page_notice(&p, "error", T(r, "form.err.summary"));
	else if (req_query(r, "done") != NULL)
		page_notice(&p, "ok", T(r, "incsetup.saved"));
	html_elem(&p.h, "p", T(r, "incsetup.intro"), "class", "lead", NULL);

	if (form) {
		form_open(&p, self, NULL);
		html_void(&p.h, "input", "type", "hidden", "name", "rev",
		    "value", arena_printf(&r->arena, "%" PRId64, x->set.rev),
		    NULL);
	}
	html_open(&p.h, "section", "class", "panel", "id", "roles",
	    "aria-labelledby", "roles-h", NULL);
	html_elem(&p.h, "h2", T(r, "incsetup.roles_h"), "id", "roles-h", NULL);
	if (form) {
		html_elem(&p.h, "p", T(r, "incsetup.pick_help"), "class",
		    "help", NULL);
		for (k = 0; k < INC_STRUCT_ROLES; k++)
			person_select(&p, x, k, f != NULL ? f->who[k] :
			    incsetup_ref_text(&x->s.who[k], &r->arena),
			    f != NULL ? f->err_who[k] : NULL);
	} else {
		html_open(&p.h, "dl", "class", "inc-roles", NULL);
		for (k = 0; k < INC_STRUCT_ROLES; k++) {
			html_elem(&p.h, "dt", role_label(r, k), NULL);
			html_elem(&p.h, "dd", person_words(r, &x->s.who[k]),
			    "data-role", incsetup_role_key(k), NULL);
		}
		html_close(&p.h);
	}
	html_close(&p.h);

	html_open(&p.h, "section", "class", "panel", "id", "levels",
	    "aria-labelledby", "levels-h", NULL);
	html_elem(&p.h, "h2", T(r, "incsetup.levels_h"), "id", "levels-h",
	    NULL);
	/* the levels are ours, not the seeds': said where they are shown */
	html_elem(&p.h, "p", T(r, "incsetup.ours"), "class", "help rule-ours",
	    NULL);
	for (k = 0; k < INC_LEVELS; k++)
		level_block(&p, x, f, shown, k, form);
	html_close(&p.h);
	if (form) {
		form_submit(&p, T(r, stale ? "reg.save_mine" : "incsetup.save"),
		    NULL);
		html_close(&p.h);	/* form */
	}
	html_open(&p.h, "p", "class", "actions", NULL);
	html_elem(&p.h, "a", T(r, "bcpdoc.links.card_pdf"), "href",
	    arena_printf(&r->arena, "/o/%" PRId64 "/bcp/card.pdf", r->org_id),
	    "class", "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p.h);
	html_elem(&p.h, "p", T(r, "incsetup.card_help"), "class", "help",
	    NULL);
	return page_end(&p, status);
}

int
page_incident_setup(struct req *r)
{
	struct incsetup_all x;
	int st;

	if ((st = setup_load(r, &x)) != 0)
		return st;
	return setup_page(r, &x, NULL, false, 200);
}

int
page_incident_setup_post(struct req *r)
{
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	const char *names[INC_STRUCT_ROLES];
	struct register_errs errs = { 0 };
	struct incsetup_all x;
	struct setup_form *f = arena_alloc(&r->arena, sizeof(*f));
	const char *rv = req_field(r, "rev");
	struct buf body = BUF_INIT;
	int64_t new_rev;
	long rev;
	size_t i;
	int st, k, rc;

	if (rv == NULL || str_to_long(str_c(rv), 0, INT64_MAX / 2, &rev) != 0)
		return 400;
	if ((st = setup_load(r, &x)) != 0)
		return st;
	memset(f, 0, sizeof(*f));
	incsetup_read(NULL, x.s.level, &r->arena, &f->mine);
	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		names[k] = incsetup_role_key(k);
		f->who[k] = req_field(r, names[k]);
		if (incsetup_ref_read(f->who[k], &f->mine.who[k]) != 0) {
			f->err_who[k] = T(r, "reg.err.unknown_key");
			f->nerr++;
		}
	}
	for (k = 0; k < INC_LEVELS; k++) {
		const char *key = arena_printf(&r->arena, "resp_%d", k);
		int role;
		long a, b;
		enum rf_err e;

		f->resp[k] = req_field(r, key);
		if ((role = incsetup_role_of(f->resp[k])) < 0) {
			f->err_resp[k] = T(r, f->resp[k] == NULL ||
			    f->resp[k][0] == '\0' ? "reg.err.choose" :
			    "reg.err.unknown_key");
			f->nerr++;
		} else
			f->mine.level[k] = (enum incident_role)role;
		f->def[k] = req_field(r, arena_printf(&r->arena, "def_%d", k));
		if (f->def[k] != NULL)
			f->def[k] = page_lf_only(r, f->def[k]);
		if ((e = definition_of(r, f->def[k], &f->mine.definition[k], &a,
		    &b)) != RFE_OK) {
			f->err_def[k] = Tn(r, arena_printf(&r->arena,
			    "reg.err.%s", register_err_key(e)), a, b);
			f->nerr++;
		}
	}
	check_people(&x, &f->mine, &x.s, names, &errs);
	for (i = 0; i < errs.n; i++) {
		k = errs.e[i].field;
		if (k >= 0 && k < INC_STRUCT_ROLES && f->err_who[k] == NULL) {
			f->err_who[k] = T(r, arena_printf(&r->arena,
			    "reg.err.%s", register_err_key(errs.e[i].code)));
			f->nerr++;
		}
	}
	for (k = 0; k < INC_STRUCT_ROLES; k++)
		incsetup_resolve(&x, &f->mine.who[k], &r->arena);
	if (f->nerr > 0)
		return setup_page(r, &x, f, false, PAGE_INVALID);
	incsetup_body(&f->mine, &body);
	rc = register_settings_put(req_app(r)->db, d, r->org_id, &who,
	    (int64_t)rev, buf_cstr(&body), &new_rev);
	buf_free(&body);
	if (rc == REGISTER_STALE) {
		/* someone saved first: theirs as it stands, mine in the form
		 * to save again from their revision */
		if ((st = setup_load(r, &x)) != 0)
			return st;
		for (k = 0; k < INC_STRUCT_ROLES; k++)
			incsetup_resolve(&x, &f->mine.who[k], &r->arena);
		return setup_page(r, &x, f, true, 409);
	}
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/incidents/setup?done=1", r->org_id));
}

/* ---- the count per year, above the incidents' list ------------------------ */

/* The year in Japan of the moment an incident was detected; 0 when it
 * has none. */
static int
year_of(const struct register_row *row, int fd)
{
	return fd >= 0 && row->v[fd].set ? appi_day_of(row->v[fd].i).y : 0;
}

static int
year_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x < y) - (x > y);
}

void
page_incident_setup_counts(struct page *p, const struct register_row *rows,
    size_t n)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, r->org_id);
	int fd = register_field(d, "detected_at"), fk = register_field(d,
	    "kind"), fl = register_field(d, "level");
	int *years = arena_alloc(&r->arena, (n + 1) * sizeof(*years));
	size_t ny = 0, i, y;

	/* who responds and the card, before any incident as well */
	html_open(&p->h, "p", "class", "actions inc-links", NULL);
	html_elem(&p->h, "a", T(r, "incsum.setup_link"), "href", arena_printf(
	    &r->arena, "%s/incidents/setup", base), "class",
	    "btn btn-secondary btn-small", NULL);
	html_elem(&p->h, "a", T(r, "bcpdoc.links.card_pdf"), "href",
	    arena_printf(&r->arena, "%s/bcp/card.pdf", base), "class",
	    "btn btn-secondary btn-small", "download", "", NULL);
	html_close(&p->h);
	for (i = 0; i < n; i++) {
		int yr = year_of(&rows[i], fd);

		for (y = 0; y < ny && years[y] != yr; y++)
			;
		if (y == ny && yr > 0)
			years[ny++] = yr;
	}
	if (ny == 0)
		return;
	qsort(years, ny, sizeof(*years), year_desc);
	html_open(&p->h, "section", "class", "panel inc-counts", "id",
	    "counts", "aria-labelledby", "counts-h", NULL);
	html_elem(&p->h, "h2", T(r, "incsum.title"), "id", "counts-h", NULL);
	html_elem(&p->h, "p", T(r, "incsum.help"), "class", "help", NULL);
	for (y = 0; y < ny; y++) {
		long c[INC_KIND__MAX + 1][INC_LEVELS + 1];
		int k, l, mark;

		memset(c, 0, sizeof(c));
		for (i = 0; i < n; i++) {
			const struct register_row *row = &rows[i];

			if (year_of(row, fd) != years[y])
				continue;
			/* a kind no longer in the pack counts in the total */
			k = row->v[fk].set && row->v[fk].i >= 0 &&
			    row->v[fk].i < INC_KIND__MAX ? (int)row->v[fk].i :
			    INC_KIND__MAX;
			l = row->v[fl].set && row->v[fl].i >= 0 &&
			    row->v[fl].i < INC_LEVELS ? (int)row->v[fl].i : 0;
			c[k][l]++;
		}
		mark = page_table(p, "table inc-count", Tf(r, "incsum.caption",
		    "year", num(r, years[y]), NULL), T(r, "incsum.kind"),
		    Tn(r, "incsum.level", 0, 0), Tn(r, "incsum.level", 1, 0),
		    Tn(r, "incsum.level", 2, 0), Tn(r, "incsum.level", 3, 0),
		    T(r, "incsum.total"), NULL);
		for (k = 0; k <= INC_KIND__MAX; k++) {
			long row_n = 0, all[INC_LEVELS] = { 0 };
			bool last = k == INC_KIND__MAX;

			for (l = 0; l < INC_LEVELS; l++) {
				if (last) {
					int j;

					for (j = 0; j <= INC_KIND__MAX; j++)
						all[l] += c[j][l];
				} else
					all[l] = c[k][l];
				row_n += all[l];
			}
			page_row(p);
			if (last)
				page_td(p, T(r, "incsum.total"), "inc-kind");
			else {
				page_td_open(p, "inc-kind");
				html_elem(&p->h, "a", TR(r,
				    &ct->incidents.kind[k].label), "href",
				    arena_printf(&r->arena, "%s/r/incidents?kind=%s",
				    base, ct->incidents.kind[k].key), NULL);
				html_close(&p->h);
			}
			for (l = 0; l < INC_LEVELS; l++)
				page_td(p, num(r, all[l]), "num");
			page_td(p, num(r, row_n), "num");
			html_close(&p->h);
		}
		html_close_to(&p->h, mark);
	}
	html_close(&p->h);
}

/* ---- the home: open incidents and the deadlines near -------------------- */

/* An open incident as the home lists it. */
struct home_item {
	const struct register_row *row;
	bool		 due;		/* a deadline within HOME_DAYS, or
					   past */
	long		 soonest;	/* days to it (negative: past) */
	struct appi_due	 d;		/* reasons 0: no report */
};

static int
home_cmp(const void *a, const void *b)
{
	const struct home_item *x = a, *y = b;

	if (x->due != y->due)
		return x->due ? -1 : 1;
	if (x->due && x->soonest != y->soonest)
		return x->soonest < y->soonest ? -1 : 1;
	/* then the latest detected first */
	return (x->row->id < y->row->id) - (x->row->id > y->row->id);
}

static const char *
day_text(struct req *r, struct appi_day d)
{
	return arena_printf(&r->arena, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* One deadline in words, when it is within HOME_DAYS or past: the date
 * and how far, overdue said in words. */
static void
home_deadline(struct page *p, const char *key, struct appi_day due,
    struct appi_day today)
{
	struct req *r = p->r;
	long left = appi_days_between(today, due);

	if (left > HOME_DAYS)
		return;
	html_open(&p->h, "li", "class", left < 0 ? "inc-due overdue" :
	    "inc-due", "data-due", day_text(r, due), NULL);
	html_text(&p->h, Tf(r, key, "date", day_text(r, due), NULL));
	html_text(&p->h, " ");
	html_elem(&p->h, "strong", left < 0 ? Tn(r, "inchome.over", -left, 0) :
	    left == 0 ? T(r, "inchome.today") : Tn(r, "inchome.left", left, 0),
	    "class", left < 0 ? "tag tag-overdue" : "tag", NULL);
	html_close(&p->h);
}

void
page_incident_setup_home(struct page *p, const struct register_row *rows,
    size_t n)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_INCIDENTS);
	int fs = register_field(d, "status"), fa = register_field(d,
	    "aware_at"), fd = register_field(d, "detected_at"),
	    fk = register_field(d, "kind"), fl = register_field(d, "level"),
	    fm = register_field(d, "summary");
	struct appi_day today = appi_day_of(account_now());
	struct home_item *it;
	size_t m = 0, i, ndue = 0;
	const char *base = arena_printf(&r->arena, "/o/%" PRId64, r->org_id);

	if (n == 0)
		return;
	it = arena_alloc(&r->arena, n * sizeof(*it));
	for (i = 0; i < n; i++) {
		const struct register_row *row = &rows[i];
		struct home_item *h = &it[m];
		struct appi_case c;

		if (row->v[fs].set && row->v[fs].i == INC_CLOSED)
			continue;
		memset(h, 0, sizeof(*h));
		h->row = row;
		if (e->appi != NULL) {
			registers_appi_case(row, &c);
			/* the clock starts when the company knew; before
			 * that is said, when it was detected */
			appi_due(e->appi, &c, row->v[fa].set ? row->v[fa].i :
			    row->v[fd].i, &h->d);
		}
		if (h->d.reasons != 0) {
			long a = appi_days_between(today, h->d.prelim_to),
			    b = appi_days_between(today, h->d.final);

			h->soonest = a < b ? a : b;
			h->due = h->soonest <= HOME_DAYS;
		}
		ndue += h->due;
		m++;
	}
	if (m == 0)
		return;
	qsort(it, m, sizeof(*it), home_cmp);
	html_open(&p->h, "section", "class", ndue > 0 ?
	    "panel panel-warn inc-open" : "panel inc-open", "id", "incidents",
	    "aria-labelledby", "incidents-h", NULL);
	html_elem(&p->h, "h2", Tn(r, "inchome.title", (long)m, 0), "id",
	    "incidents-h", NULL);
	if (ndue > 0)
		html_elem(&p->h, "p", Tn(r, "inchome.due_n", (long)ndue, 0),
		    "class", "inc-due-count", NULL);
	html_open(&p->h, "ul", "class", "inc-open-list", NULL);
	for (i = 0; i < m && i < HOME_SHOWN; i++) {
		const struct register_row *row = it[i].row;
		const char *sum = row->v[fm].s;
		const char *nl = strchr(sum, '\n');

		html_open(&p->h, "li", "data-row", arena_printf(&r->arena,
		    "%" PRId64, row->id), NULL);
		html_elem(&p->h, "a", nl != NULL ? arena_printf(&r->arena,
		    "%.*s…", (int)(nl - sum), sum) : sum, "href", arena_printf(
		    &r->arena, "%s/incidents/%" PRId64, base, row->id), NULL);
		html_text(&p->h, " ");
		html_elem(&p->h, "span", Tf(r, "inchome.meta", "kind",
		    register_label(e, &d->f[fk], &row->v[fk], page_lang_of(r)),
		    "level", num(r, (long)row->v[fl].i), "status",
		    row->v[fs].set ? register_label(e, &d->f[fs], &row->v[fs],
		    page_lang_of(r)) : TR(r, &ct->incidents.status[INC_OPEN].label),
		    "date", day_text(r, appi_day_of(row->v[fd].i)), NULL),
		    "class", "meta", NULL);
		if (it[i].due) {
			html_open(&p->h, "ul", "class", "inc-dues", NULL);
			home_deadline(p, "inchome.due_prelim",
			    it[i].d.prelim_to, today);
			home_deadline(p, "inchome.due_final", it[i].d.final,
			    today);
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	html_close(&p->h);
	if (m > HOME_SHOWN)
		html_elem(&p->h, "p", Tn(r, "inchome.more",
		    (long)(m - HOME_SHOWN), 0), NULL);
	html_open(&p->h, "p", "class", "actions", NULL);
	html_elem(&p->h, "a", T(r, "inchome.all"), "href", arena_printf(
	    &r->arena, "%s/r/incidents", base), NULL);
	html_close(&p->h);
	if (ndue > 0)
		html_elem(&p->h, "p", T(r, "inchome.help"), "class", "help",
		    NULL);
	html_close(&p->h);
}
