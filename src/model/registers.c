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

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "model/asset.h"
#include "model/plan.h"
#include "model/risk.h"

/* ---- information assets (issue 12 §2) ---- */

enum {
	AF_NAME, AF_CATEGORY, AF_DESCRIPTION, AF_USERS, AF_DEPARTMENT,
	AF_OWNER, AF_MEDIA, AF_LOCATION, AF_PERSONAL, AF_C, AF_I, AF_A,
	AF_RETENTION, AF_NOTE, AF_IMPORTANCE, AF__MAX
};

#define TEXT(k, req, lst, max) \
	{ k, RF_TEXT, req, false, lst, 0, max, KS_NONE, 0 }
#define LONG(k, max) \
	{ k, RF_LONG, false, false, false, 0, max, KS_NONE, 0 }
#define ENUM(k, req, lst, ks) \
	{ k, RF_ENUM, req, false, lst, 0, 0, ks, 0 }
#define INT(k, req, lst, lo, hi) \
	{ k, RF_INT, req, false, lst, lo, hi, KS_NONE, 0 }

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
	    CIA_LEVELS, KS_NONE, 0 },
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

/* ---- risks (issue 12 §3) ---- */

enum {
	RF_ASSET, RF_THREAT, RF_THREAT_LEVEL, RF_VULN, RF_VULN_NOTE,
	RF_LIKELIHOOD, RF_VALUE, RF_BAND, RF_TREATMENT, RF_MEASURE, RF_PLAN,
	RKF__MAX
};

static const struct rf_decl risk_fields[RKF__MAX] = {
	[RF_ASSET] = { "asset", RF_REF, true, false, true, 0, 0, KS_NONE,
	    REGISTER_ASSETS },
	[RF_THREAT] = ENUM("threat", true, true, KS_THREAT),
	[RF_THREAT_LEVEL] = INT("threat_level", true, true, 1, RISK_LEVELS),
	[RF_VULN] = INT("vulnerability", true, true, 1, RISK_LEVELS),
	[RF_VULN_NOTE] = LONG("vulnerability_note", 500),
	[RF_LIKELIHOOD] = { "likelihood", RF_INT, false, true, true, 1,
	    RISK_LEVELS, KS_NONE, 0 },
	[RF_VALUE] = { "value", RF_INT, false, true, true, 1,
	    CIA_LEVELS * RISK_LEVELS, KS_NONE, 0 },
	[RF_BAND] = { "band", RF_ENUM, false, true, true, 0, 0, KS_RISK_BAND,
	    0 },
	[RF_TREATMENT] = ENUM("treatment", false, true, KS_RISK_TREATMENT),
	[RF_MEASURE] = LONG("measure", 1000),
	[RF_PLAN] = { "plan", RF_REF, false, false, false, 0, 0, KS_NONE,
	    REGISTER_PLAN },
};

static void
risk_derive(const struct register_env *e, struct register_row *row)
{
	struct register_val *l = &row->v[RF_LIKELIHOOD];

	(void)e;
	l->set = row->v[RF_THREAT_LEVEL].set && row->v[RF_VULN].set;
	l->i = l->set ? risk_likelihood((int)row->v[RF_THREAT_LEVEL].i,
	    (int)row->v[RF_VULN].i) : 0;
	l->s = "";
}

/* The value and its band: the asset's importance × the likelihood. */
static void
risk_derive_refs(const struct register_env *e, struct register_row *row,
    const struct register_row *const *ref)
{
	const struct register_row *asset = ref[RF_ASSET];
	const struct register_val *imp = asset ? &asset->v[AF_IMPORTANCE] :
	    NULL;
	struct register_val *val = &row->v[RF_VALUE], *band = &row->v[RF_BAND];
	enum risk_band b;

	val->set = band->set = false;
	val->i = band->i = 0;
	val->s = band->s = "";
	if (imp == NULL || !imp->set || !row->v[RF_LIKELIHOOD].set)
		return;
	val->set = band->set = true;
	val->i = imp->i * row->v[RF_LIKELIHOOD].i;
	b = risk_band_of((int)val->i);
	band->i = b;
	band->s = b < e->ks[KS_RISK_BAND].n ? e->ks[KS_RISK_BAND].key[b] : "";
}

/* ---- the action plan (issue 12 §4) ---- */

enum {
	PF_AREA, PF_CURRENT, PF_MEASURE, PF_NEWNORMAL, PF_URGENCY,
	PF_IMPORTANCE, PF_DIFFICULTY, PF_DECISION, PF_DEADLINE, PF_CONCERNS,
	PF_OWNER, PF_ASSIGNEE, PF_STATUS, PF_DONE_ON, PF_PROGRESS, PF_SOURCE, PF_POINTS,
	PF_PRIORITY, PLF__MAX
};

static const struct rf_decl plan_fields[PLF__MAX] = {
	[PF_AREA] = ENUM("area", true, true, KS_PLAN_AREA),
	[PF_CURRENT] = LONG("current", 1000),
	[PF_MEASURE] = { "measure", RF_LONG, true, false, true, 0, 1000,
	    KS_NONE, 0 },
	[PF_NEWNORMAL] = { "newnormal", RF_BOOL, false, false, false, 0, 0,
	    KS_NONE, 0 },
	[PF_URGENCY] = ENUM("urgency", false, false, KS_PLAN_LEVEL),
	[PF_IMPORTANCE] = ENUM("importance", false, false, KS_PLAN_LEVEL),
	[PF_DIFFICULTY] = ENUM("difficulty", false, false, KS_PLAN_DIFFICULTY),
	[PF_DECISION] = ENUM("decision", false, true, KS_PLAN_DECISION),
	[PF_DEADLINE] = { "deadline", RF_MONTH, false, false, true, 0, 0,
	    KS_NONE, 0 },
	[PF_CONCERNS] = LONG("concerns", 500),
	[PF_OWNER] = TEXT("owner", false, true, 100),
	/* who in the company carries it out: one of its members */
	[PF_ASSIGNEE] = { "assignee", RF_MEMBER, false, false, true, 0, 0,
	    KS_NONE, 0 },
	[PF_STATUS] = ENUM("status", false, true, KS_PLAN_STATUS),
	[PF_DONE_ON] = { "done_on", RF_DATE, false, false, false, 0, 0,
	    KS_NONE, 0 },
	[PF_PROGRESS] = LONG("progress", 2000),
	[PF_SOURCE] = TEXT("source", false, false, 40),
	[PF_POINTS] = { "points", RF_INT, false, true, false, 3, 9, KS_NONE,
	    0 },
	[PF_PRIORITY] = { "priority", RF_ENUM, false, true, true, 0, 0,
	    KS_PLAN_PRIORITY, 0 },
};

static void
plan_derive(const struct register_env *e, struct register_row *row)
{
	const struct register_val *u = &row->v[PF_URGENCY],
	    *im = &row->v[PF_IMPORTANCE], *df = &row->v[PF_DIFFICULTY];
	struct register_val *pts = &row->v[PF_POINTS],
	    *pri = &row->v[PF_PRIORITY];
	enum plan_priority p;
	int n = 0;

	if (u->set && im->set && df->set && u->i >= 0 && im->i >= 0 &&
	    df->i >= 0)
		n = plan_points((enum plan_level)u->i,
		    (enum plan_level)im->i, (enum plan_difficulty)df->i);
	pts->set = pri->set = n > 0;
	pts->s = pri->s = "";
	pts->i = n;
	pri->i = 0;
	if (n > 0) {
		p = plan_priority_of(n);
		pri->i = p;
		pri->s = (size_t)p < e->ks[KS_PLAN_PRIORITY].n ?
		    e->ks[KS_PLAN_PRIORITY].key[p] : "";
	}
}

/* Year × 12 + month − 1 of "YYYY-MM…". */
static long
month_index(const char *s)
{
	return strtol(s, NULL, 10) * 12 + strtol(s + 5, NULL, 10) - 1;
}

/* Year × 12 + month − 1 of Unix time t in Japan (UTC+9). */
static long
month_of_time(int64_t t)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return (long)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* A "source" value: diagnosis:N (an item 1–25), risk:N (a row id) or
 * regulation:KEY (an area). */
static bool
source_ok(const struct register_env *e, const char *s)
{
	const struct register_keys *k = &e->ks[KS_REG_AREA];
	char *end;
	long n;
	size_t i;

	if (strncmp(s, "diagnosis:", 10) == 0) {
		n = strtol(s + 10, &end, 10);
		return s[10] >= '0' && s[10] <= '9' && *end == '\0' &&
		    n >= 1 && n <= 25;
	}
	if (strncmp(s, "risk:", 5) == 0) {
		n = strtol(s + 5, &end, 10);
		return s[5] >= '1' && s[5] <= '9' && *end == '\0' && n > 0;
	}
	if (strncmp(s, "regulation:", 11) == 0) {
		for (i = 0; i < k->n; i++)
			if (strcmp(s + 11, k->key[i]) == 0)
				return true;
	}
	return false;
}

/* A deadline is a month from this one up to PLAN_MONTHS_MAX ahead when
 * it is set or changed (a row that fell overdue keeps its deadline). */
static void
plan_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *dl = &row->v[PF_DEADLINE];
	const struct rf_decl *f = &plan_fields[PF_DEADLINE];

	if (dl->set && (old == NULL || register_differs(f, dl,
	    &old->v[PF_DEADLINE]))) {
		long m = month_index(dl->s), cur = month_of_time(now);

		if (m < cur)
			register_err_add(errs, PF_DEADLINE, f->key, RFE_PAST, 0,
			    0);
		else if (m > cur + PLAN_MONTHS_MAX)
			register_err_add(errs, PF_DEADLINE, f->key, RFE_TOO_FAR,
			    PLAN_MONTHS_MAX, 0);
	}
	if (row->v[PF_SOURCE].set && !source_ok(e, row->v[PF_SOURCE].s))
		register_err_add(errs, PF_SOURCE, plan_fields[PF_SOURCE].key,
		    RFE_FORMAT, 0, 0);
}

/* ---- the regulations review (issue 12 §5) ---- */

enum {
	GF_AREA, GF_STATUS, GF_DOCUMENT, GF_OWNER, GF_NEXT_REVIEW, GF_NOTE,
	GF__MAX
};

static const struct rf_decl regulation_fields[GF__MAX] = {
	[GF_AREA] = ENUM("area", true, true, KS_REG_AREA),
	[GF_STATUS] = ENUM("status", false, true, KS_REG_STATUS),
	[GF_DOCUMENT] = TEXT("document", false, true, 200),
	[GF_OWNER] = TEXT("owner", false, true, 100),
	[GF_NEXT_REVIEW] = { "next_review", RF_DATE, false, false, true, 0, 0,
	    KS_NONE, 0 },
	[GF_NOTE] = LONG("note", 1000),
};

static const struct register_decl decls[REGISTER__MAX] = {
	[REGISTER_ASSETS] = {
		.kind = REGISTER_ASSETS, .key = "assets", .f = asset_fields,
		.nf = AF__MAX, .title = AF_NAME, .sort = AF_IMPORTANCE,
		.sort_desc = true, .unique = -1, .derive = asset_derive,
	},
	[REGISTER_RISKS] = {
		.kind = REGISTER_RISKS, .key = "risks", .f = risk_fields,
		.nf = RKF__MAX, .title = -1, .sort = RF_VALUE,
		.sort_desc = true, .unique = -1, .derive = risk_derive,
		.derive_refs = risk_derive_refs,
	},
	[REGISTER_PLAN] = {
		.kind = REGISTER_PLAN, .key = "plan", .f = plan_fields,
		.nf = PLF__MAX, .title = PF_MEASURE, .sort = PF_POINTS,
		.sort_desc = true, .unique = -1, .derive = plan_derive,
		.check = plan_check,
	},
	[REGISTER_REGULATIONS] = {
		.kind = REGISTER_REGULATIONS, .key = "regulations",
		.f = regulation_fields, .nf = GF__MAX, .title = GF_AREA,
		.sort = GF_AREA, .sort_desc = false, .unique = GF_AREA,
	},
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
