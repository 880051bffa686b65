/*
 * incsetup: the incident-response structure (see incsetup.h).
 */
#include "model/incsetup.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/esc.h"
#include "base/str.h"

/* The keys of the three roles: the pack's (content/incidents.yaml, whose
 * loader checks them in this order) and the API's. */
static const char *const role_keys[INC_STRUCT_ROLES] = {
	[INC_ROLE_TOP] = "top",
	[INC_ROLE_LEAD] = "lead",
	[INC_ROLE_FIRST] = "first",
};

static const char *const kind_prefix[INCSETUP_KIND__MAX] = {
	[INCSETUP_NOBODY] = "",
	[INCSETUP_MEMBER] = "member:",
	[INCSETUP_CONTACT] = "contact:",
};

const char *
incsetup_role_key(int role)
{
	return role >= 0 && role < INC_STRUCT_ROLES ? role_keys[role] : "";
}

int
incsetup_role_of(const char *key)
{
	int k;

	for (k = 0; key != NULL && k < INC_STRUCT_ROLES; k++)
		if (strcmp(key, role_keys[k]) == 0)
			return k;
	return -1;
}

static void
nobody(struct incsetup_person *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = INCSETUP_NOBODY;
	p->name = p->phone = p->email = "";
}

int
incsetup_ref_read(const char *text, struct incsetup_person *p)
{
	long id;
	int k;

	nobody(p);
	if (text == NULL || text[0] == '\0')
		return 0;
	for (k = INCSETUP_MEMBER; k < INCSETUP_KIND__MAX; k++) {
		size_t n = strlen(kind_prefix[k]);

		if (strncmp(text, kind_prefix[k], n) != 0)
			continue;
		/* digits only, no sign, no blank, no leading zero */
		if (text[n] < '1' || text[n] > '9' ||
		    strspn(text + n, "0123456789") != strlen(text + n) ||
		    str_to_long(str_c(text + n), 1, INT64_MAX / 2, &id) != 0)
			return -1;
		p->kind = (enum incsetup_kind)k;
		p->id = id;
		return 0;
	}
	return -1;
}

const char *
incsetup_ref_text(const struct incsetup_person *p, struct arena *a)
{
	if (p->kind <= INCSETUP_NOBODY || p->kind >= INCSETUP_KIND__MAX ||
	    p->id <= 0)
		return "";
	return arena_printf(a, "%s%" PRId64, kind_prefix[p->kind], p->id);
}

void
incsetup_read(const char *body, const enum incident_role dflt[INC_LEVELS],
    struct arena *a, struct incsetup *s)
{
	json_error_t err;
	json_t *o = body != NULL ? json_loads(body, 0, &err) : NULL;
	json_t *lv, *df;
	int k;

	for (k = 0; k < INC_STRUCT_ROLES; k++)
		nobody(&s->who[k]);
	for (k = 0; k < INC_LEVELS; k++)
	{
		s->level[k] = dflt[k] < INC_STRUCT_ROLES ? dflt[k] :
		    INC_ROLE_LEAD;
		s->definition[k] = "";
	}
	if (!json_is_object(o)) {
		json_decref(o);
		return;
	}
	for (k = 0; k < INC_STRUCT_ROLES; k++)
		(void)incsetup_ref_read(json_string_value(json_object_get(o,
		    role_keys[k])), &s->who[k]);
	if (json_is_array(lv = json_object_get(o, "levels")))
		for (k = 0; k < INC_LEVELS && (size_t)k < json_array_size(lv);
		    k++) {
			int r = incsetup_role_of(json_string_value(
			    json_array_get(lv, (size_t)k)));

			if (r >= 0)
				s->level[k] = (enum incident_role)r;
		}
	if (json_is_array(df = json_object_get(o, "definitions")))
		for (k = 0; k < INC_LEVELS && (size_t)k < json_array_size(df);
		    k++) {
			const char *t = json_string_value(json_array_get(df,
			    (size_t)k));

			if (t != NULL && str_utf8_count(str_c(t)) <=
			    INCSETUP_DEF_MAX)
				s->definition[k] = arena_strdup(a, t);
		}
	json_decref(o);
}

void
incsetup_body(const struct incsetup *s, struct buf *out)
{
	struct arena a;
	int k;

	arena_init(&a);
	buf_addc(out, '{');
	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		const char *t = incsetup_ref_text(&s->who[k], &a);

		buf_printf(out, "\"%s\": ", role_keys[k]);
		if (t[0] == '\0')
			buf_adds(out, "null");
		else
			buf_printf(out, "\"%s\"", t);	/* [a-z:0-9] only */
		buf_adds(out, ", ");
	}
	buf_adds(out, "\"levels\": [");
	for (k = 0; k < INC_LEVELS; k++)
		buf_printf(out, "%s\"%s\"", k ? ", " : "",
		    incsetup_role_key((int)s->level[k]));
	buf_adds(out, "], \"definitions\": [");
	for (k = 0; k < INC_LEVELS; k++) {
		const char *t = s->definition[k];

		if (k > 0)
			buf_adds(out, ", ");
		if (t == NULL || t[0] == '\0')
			buf_adds(out, "null");
		else
			esc_json(out, str_c(t));
	}
	buf_adds(out, "]}");
	arena_free(&a);
}

/* Field key of contacts row r: its text, "" when unset. */
static const char *
cval(const struct register_row *r, const char *key)
{
	int f = register_field(register_of(REGISTER_CONTACTS), key);

	return f >= 0 && r->v[f].set && r->v[f].s != NULL ? r->v[f].s : "";
}

void
incsetup_resolve(const struct incsetup_all *x, struct incsetup_person *p,
    struct arena *a)
{
	size_t i;

	p->found = false;
	p->name = p->phone = p->email = "";
	p->row = NULL;
	if (p->kind == INCSETUP_MEMBER) {
		for (i = 0; i < x->nmembers; i++)
			if (x->members[i].id == p->id) {
				p->found = true;
				p->name = p->email = x->members[i].email;
				return;
			}
	} else if (p->kind == INCSETUP_CONTACT) {
		for (i = 0; i < x->ncontacts; i++) {
			const struct register_row *r = &x->contacts[i];
			const char *co, *pe;

			if (r->id != p->id)
				continue;
			co = cval(r, "company");
			pe = cval(r, "person");
			p->found = true;
			p->row = r;
			/* whom one calls: the company and its person; a row
			 * with neither is about its owner */
			if (co[0] != '\0' && pe[0] != '\0')
				p->name = a != NULL ? arena_printf(a, "%s %s",
				    co, pe) : co;
			else
				p->name = co[0] != '\0' ? co : pe[0] != '\0' ?
				    pe : cval(r, "owner");
			p->phone = cval(r, "phone");
			p->email = cval(r, "email");
			return;
		}
	}
}

enum rf_err
incsetup_check(const struct incsetup_all *x, const struct incsetup_person *p)
{
	struct incsetup_person q = *p;

	if (p->kind == INCSETUP_NOBODY)
		return RFE_OK;
	incsetup_resolve(x, &q, NULL);
	if (q.found)
		return RFE_OK;
	return p->kind == INCSETUP_MEMBER ? RFE_MEMBER : RFE_REF;
}

int
incsetup_load(struct db_conn *c, const struct register_env *e, int64_t org,
    const enum incident_role dflt[INC_LEVELS], struct arena *a,
    struct incsetup_all *x)
{
	int rc, k;

	memset(x, 0, sizeof(*x));
	rc = register_settings_get(c, register_of(REGISTER_INCIDENTS), org, a,
	    &x->set);
	if (rc == DB_OK)
		rc = org_member_list(c, a, org, &x->members, &x->nmembers);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_CONTACTS), org, a,
		    &x->contacts, &x->ncontacts);
	if (rc != DB_OK)
		return rc;
	incsetup_read(x->set.body, dflt, a, &x->s);
	for (k = 0; k < INC_STRUCT_ROLES; k++)
		incsetup_resolve(x, &x->s.who[k], a);
	return DB_OK;
}
