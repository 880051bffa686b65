/*
 * registers: THE table of registers.  Each is a list of typed fields
 * (register.h) and, when it has any, the function that fills its derived
 * fields; the engine and the pages do the rest.  The labels of register
 * R and its field F are the interface texts reg.R.title, reg.R.one (what
 * one row is), reg.R.intro (what the register is for), reg.R.nav (its
 * tab), reg.R.f.F and (optional) reg.R.h.F, a line of help under the
 * field; tests/unit/content checks they exist.
 */
#include "model/register.h"

#include <string.h>

#include "model/asset.h"

/* ---- information assets (issue 12 §2) ---- */

enum {
	AF_NAME, AF_CATEGORY, AF_DESCRIPTION, AF_USERS, AF_DEPARTMENT,
	AF_OWNER, AF_MEDIA, AF_LOCATION, AF_PERSONAL, AF_C, AF_I, AF_A,
	AF_RETENTION, AF_NOTE, AF_IMPORTANCE, AF__MAX
};

#define TEXT(k, req, lst, max)	{ k, RF_TEXT, req, false, lst, 0, max, KS_NONE }
#define LONG(k, max)		{ k, RF_LONG, false, false, false, 0, max, KS_NONE }
#define ENUM(k, req, lst, ks)	{ k, RF_ENUM, req, false, lst, 0, 0, ks }
#define INT(k, req, lst, lo, hi) { k, RF_INT, req, false, lst, lo, hi, KS_NONE }

static const struct rf_decl asset_fields[AF__MAX] = {
	[AF_NAME] = TEXT("name", true, true, 100),
	[AF_CATEGORY] = ENUM("category", false, true, KS_ASSET_CATEGORY),
	[AF_DESCRIPTION] = LONG("description", 1000),
	[AF_USERS] = TEXT("users", false, false, 200),
	[AF_DEPARTMENT] = TEXT("department", false, false, 100),
	[AF_OWNER] = TEXT("owner", false, true, 100),
	[AF_MEDIA] = ENUM("media", false, false, KS_ASSET_MEDIA),
	[AF_LOCATION] = TEXT("location", false, true, 200),
	[AF_PERSONAL] = ENUM("personal", false, true, KS_ASSET_PERSONAL),
	[AF_C] = INT("c", true, true, 1, CIA_LEVELS),
	[AF_I] = INT("i", true, true, 1, CIA_LEVELS),
	[AF_A] = INT("a", true, true, 1, CIA_LEVELS),
	[AF_RETENTION] = TEXT("retention", false, false, 100),
	[AF_NOTE] = LONG("note", 1000),
	[AF_IMPORTANCE] = { "importance", RF_INT, false, true, true, 1,
	    CIA_LEVELS, KS_NONE },
};

static void
asset_derive(const struct register_env *e, struct register_row *row)
{
	struct register_val *imp = &row->v[AF_IMPORTANCE];
	const struct register_val *p = &row->v[AF_PERSONAL];

	(void)e;
	imp->set = row->v[AF_C].set && row->v[AF_I].set && row->v[AF_A].set;
	imp->i = imp->set ? asset_importance((int)row->v[AF_C].i,
	    (int)row->v[AF_I].i, (int)row->v[AF_A].i, p->set && p->i >= 0 &&
	    p->i < PERSONAL__MAX ? (enum asset_personal)p->i : PERSONAL_NONE) :
	    0;
	imp->s = "";
}

static const struct register_decl decls[REGISTER__MAX] = {
	[REGISTER_ASSETS] = { REGISTER_ASSETS, "assets", asset_fields,
	    AF__MAX, AF_NAME, AF_IMPORTANCE, true, asset_derive },
};

const struct register_decl *
register_of(enum register_kind k)
{
	return (unsigned)k < REGISTER__MAX ? &decls[k] : NULL;
}

const struct register_decl *
register_by_key(const char *key)
{
	int k;

	for (k = 0; k < REGISTER__MAX; k++)
		if (strcmp(decls[k].key, key) == 0)
			return &decls[k];
	return NULL;
}
