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

#include "model/appi.h"
#include "model/asset.h"
#include "model/bcp.h"
#include "model/estimate.h"
#include "model/exercise.h"
#include "model/figures.h"
#include "model/intake.h"
#include "model/inventory.h"
#include "model/incident.h"
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
	RF_ESTIMATE, RKF__MAX
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
	/* a saved damage estimate of the organisation (issue 16;
	 * model/estimate.h): its id, checked by risk_check_db */
	[RF_ESTIMATE] = INT("estimate", false, false, 1, INT64_MAX / 2),
};

/* The estimate a risk names must be one the organisation saved. */
static int
risk_check_db(struct db_conn *c, const struct register_env *e, int64_t org,
    const struct register_who *who, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *v = &row->v[RF_ESTIMATE];
	int rc;

	(void)e;
	(void)who;
	(void)old;
	(void)now;
	if (!v->set)
		return DB_OK;
	if ((rc = estimate_exists(c, org, v->i)) < 0)
		return rc;
	if (rc == 0)
		register_err_add(errs, RF_ESTIMATE, "estimate", RFE_REF, 0, 0);
	return DB_OK;
}

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

/* A "source" value: diagnosis:N (an item 1–25), risk:N, exercise:N or
 * incident:N (a row id), bcp:CLASS.MEASURE (a continuity measure) or
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
	if (strncmp(s, "bcp:", 4) == 0) {
		/* a continuity measure: bcp:<class>.<m|e><n> */
		const char *q;

		for (q = s + 4; *q != '\0'; q++)
			if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' &&
			    *q <= '9') || *q == '.' || *q == '_'))
				return false;
		return q > s + 4 && q - s <= 34;
	}
	if (strncmp(s, "exercise:", 9) == 0) {
		n = strtol(s + 9, &end, 10);
		return s[9] >= '1' && s[9] <= '9' && *end == '\0' && n > 0;
	}
	if (strncmp(s, "incident:", 9) == 0) {
		n = strtol(s + 9, &end, 10);
		return s[9] >= '1' && s[9] <= '9' && *end == '\0' && n > 0;
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

/* ---- IT business continuity (issue 13) ---- */

#define DERIVED(k, ty, lst, lo, hi, ks) \
	{ k, ty, false, true, lst, lo, hi, ks, 0 }
#define REFS(k, lst, to) \
	{ k, RF_REFS, false, false, lst, 0, 0, KS_NONE, to }
#define DATE(k, lst) \
	{ k, RF_DATE, false, false, lst, 0, 0, KS_NONE, 0 }

enum {
	BF_NAME, BF_DESCRIPTION, BF_IMPORTANCE, BF_DEPENDENCY, BF_NEEDS,
	BF_WORKAROUND, BF_REENTRY, BF_OWNER, BF_PRIORITY, BF_RTO_HOURS,
	BF_RTO_LABEL, BF__MAX
};

static const struct rf_decl process_fields[BF__MAX] = {
	[BF_NAME] = TEXT("name", true, true, 100),
	[BF_DESCRIPTION] = LONG("description", 1000),
	[BF_IMPORTANCE] = INT("importance", true, true, 1, BCP_LEVELS),
	[BF_DEPENDENCY] = INT("dependency", true, true, 1, BCP_LEVELS),
	[BF_NEEDS] = LONG("needs", 1000),
	[BF_WORKAROUND] = LONG("workaround", 1000),
	[BF_REENTRY] = INT("reentry_hours", false, false, 0, BCP_HOURS_MAX),
	[BF_OWNER] = TEXT("owner", false, true, 100),
	[BF_PRIORITY] = DERIVED("priority", RF_ENUM, true, 0, 0,
	    KS_BCP_PRIORITY),
	[BF_RTO_HOURS] = DERIVED("rto_hours", RF_INT, true, 0, BCP_HOURS_MAX,
	    KS_NONE),
	[BF_RTO_LABEL] = DERIVED("rto_label", RF_ENUM, true, 0, 0,
	    KS_BCP_RTO),
};

/* An enum value of key set ks at index k ("" past its end). */
static void
set_key(const struct register_env *e, enum register_keyset ks, size_t k,
    struct register_val *v)
{
	v->set = k < e->ks[ks].n;
	v->i = v->set ? (int64_t)k : 0;
	v->s = v->set ? e->ks[ks].key[k] : "";
}

static void
process_derive(const struct register_env *e, struct register_row *row)
{
	struct register_val *pri = &row->v[BF_PRIORITY];

	pri->set = false;
	pri->s = "";
	pri->i = 0;
	if (row->v[BF_IMPORTANCE].set && row->v[BF_DEPENDENCY].set)
		set_key(e, KS_BCP_PRIORITY, (size_t)bcp_priority_of(
		    (int)row->v[BF_IMPORTANCE].i,
		    (int)row->v[BF_DEPENDENCY].i), pri);
}

static const void *
process_settings(const struct register_env *e, const char *body,
    struct arena *ar)
{
	struct bcp_settings *s = arena_alloc(ar, sizeof(*s));

	(void)e;
	bcp_settings_read(body, s);
	return s;
}

/* The RTO of the priority under the organisation's table. */
static void
process_rto(const struct register_env *e, const void *settings,
    struct register_row *row)
{
	const struct bcp_settings *s = settings;
	const struct register_val *pri = &row->v[BF_PRIORITY];
	struct register_val *h = &row->v[BF_RTO_HOURS],
	    *l = &row->v[BF_RTO_LABEL];
	int hours;

	memset(h, 0, sizeof(*h));
	memset(l, 0, sizeof(*l));
	h->s = l->s = "";
	if (!pri->set)
		return;
	hours = bcp_rto_hours(s, (enum bcp_priority)pri->i);
	h->set = hours >= 0;
	h->i = hours >= 0 ? hours : 0;
	set_key(e, KS_BCP_RTO, (size_t)s->preset * BCP_PRIORITY__MAX +
	    (size_t)pri->i, l);
}

enum {
	SF_NAME, SF_DESCRIPTION, SF_PROCESSES, SF_PEOPLE, SF_SOFTWARE,
	SF_HARDWARE, SF_INFRA, SF_BUILDING, SF_COPIES, SF_MEDIA, SF_OFFLINE,
	SF_OFFSITE, SF_OFFLINE_OFFSITE, SF_FREQUENCY, SF_LAST_BACKUP,
	SF_LAST_TEST, SF_TEST_RESULT, SF_TEST_MINUTES, SF_NOTE, SF_RULE_OK,
	SF_MISSING, SF__MAX
};

#define COPIES_MAX	20

static const struct rf_decl system_fields[SF__MAX] = {
	[SF_NAME] = TEXT("name", true, true, 100),
	[SF_DESCRIPTION] = LONG("description", 1000),
	[SF_PROCESSES] = REFS("processes", true, REGISTER_PROCESSES),
	[SF_PEOPLE] = TEXT("layer_people", false, false, 200),
	[SF_SOFTWARE] = TEXT("layer_software", false, false, 200),
	[SF_HARDWARE] = TEXT("layer_hardware", false, false, 200),
	[SF_INFRA] = TEXT("layer_infra", false, false, 200),
	[SF_BUILDING] = TEXT("layer_building", false, false, 200),
	[SF_COPIES] = INT("copies", true, true, 1, COPIES_MAX),
	[SF_MEDIA] = { "media", RF_SET, false, false, false, 0, 0,
	    KS_BCP_MEDIA, 0 },
	[SF_OFFLINE] = INT("offline", false, false, 0, COPIES_MAX),
	[SF_OFFSITE] = INT("offsite", false, false, 0, COPIES_MAX),
	[SF_OFFLINE_OFFSITE] = INT("offline_offsite", false, false, 0,
	    COPIES_MAX),
	[SF_FREQUENCY] = INT("frequency_hours", false, false, 1,
	    BCP_HOURS_MAX),
	[SF_LAST_BACKUP] = DATE("last_backup", false),
	[SF_LAST_TEST] = DATE("last_restore_test", true),
	[SF_TEST_RESULT] = ENUM("restore_result", false, false,
	    KS_BCP_RESTORE),
	[SF_TEST_MINUTES] = INT("restore_minutes", false, false, 1, 100000),
	[SF_NOTE] = LONG("note", 1000),
	[SF_RULE_OK] = DERIVED("rule_321_ok", RF_BOOL, true, 0, 0, KS_NONE),
	[SF_MISSING] = DERIVED("rule_321_missing", RF_SET, false, 0, 0,
	    KS_BCP_MISS),
};

/* A system's backups as model/bcp.h reads them. */
void
registers_backup(const struct register_row *row, struct bcp_backup *b)
{
	const struct register_val *m = &row->v[SF_MEDIA];

	b->copies = row->v[SF_COPIES].set ? (int)row->v[SF_COPIES].i : 1;
	b->media = m->set ? (unsigned)m->i : 0;
	b->offline = (int)row->v[SF_OFFLINE].i;
	b->offsite = (int)row->v[SF_OFFSITE].i;
	b->offline_offsite = (int)row->v[SF_OFFLINE_OFFSITE].i;
}

/* The text of a rule_321_missing value per set of flags: the keys of
 * KS_BCP_MISS (fixed: copies, media, offline_offsite) in flag order. */
static const char *const miss_text[8] = {
	"", "copies", "media", "copies,media", "offline_offsite",
	"copies,offline_offsite", "media,offline_offsite",
	"copies,media,offline_offsite",
};

static void
system_derive(const struct register_env *e, struct register_row *row)
{
	struct register_val *ok = &row->v[SF_RULE_OK],
	    *miss = &row->v[SF_MISSING];
	struct bcp_backup b;
	unsigned m;

	(void)e;
	registers_backup(row, &b);
	m = bcp_rule_321(&b) & 7;
	ok->set = true;
	ok->i = m == 0;
	ok->s = "";
	miss->set = m != 0;
	miss->i = (int64_t)m;
	miss->s = miss_text[m];
	miss->t = NULL;
}
/* Day number of "YYYY-MM-DD" and of Unix time t in Japan, comparable. */
static long
day_index(const char *s)
{
	return strtol(s, NULL, 10) * 372 + strtol(s + 5, NULL, 10) * 31 +
	    strtol(s + 8, NULL, 10);
}

static long
day_of_time(int64_t t)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return (long)(tm.tm_year + 1900) * 372 + (tm.tm_mon + 1) * 31 +
	    tm.tm_mday;
}

/* No copy count above the copies in all; the copies both offline and
 * off-site no more than either; no backup or test day after today. */
static void
system_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	static const int counts[] = { SF_OFFLINE, SF_OFFSITE,
	    SF_OFFLINE_OFFSITE };
	static const int days[] = { SF_LAST_BACKUP, SF_LAST_TEST };
	long copies = row->v[SF_COPIES].set ? (long)row->v[SF_COPIES].i : 1;
	size_t k;

	(void)e;
	(void)old;
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		const struct register_val *v = &row->v[counts[k]];

		if (v->set && v->i > copies)
			register_err_add(errs, counts[k],
			    system_fields[counts[k]].key, RFE_EXCEEDS, copies,
			    SF_COPIES);
	}
	for (k = 0; k < 2; k++) {
		const struct register_val *v = &row->v[SF_OFFLINE_OFFSITE],
		    *w = &row->v[k == 0 ? SF_OFFLINE : SF_OFFSITE];

		if (v->set && v->i > (w->set ? w->i : 0)) {
			register_err_add(errs, SF_OFFLINE_OFFSITE,
			    system_fields[SF_OFFLINE_OFFSITE].key,
			    RFE_RANGE, 0, w->set ? (long)w->i : 0);
			break;
		}
	}
	for (k = 0; k < sizeof(days) / sizeof(days[0]); k++) {
		const struct register_val *v = &row->v[days[k]];

		if (v->set && day_index(v->s) > day_of_time(now))
			register_err_add(errs, days[k],
			    system_fields[days[k]].key, RFE_FUTURE, 0, 0);
	}
}

/* The two stages of recovery: what each step is, who does it, how long
 * it takes. */
enum {
	VF_SYSTEM, VF_STAGE, VF_STEP, VF_ACTION, VF_OWNER, VF_MINUTES,
	VF_NOTE, VF__MAX
};

static const struct rf_decl recovery_fields[VF__MAX] = {
	[VF_SYSTEM] = { "system", RF_REF, true, false, true, 0, 0, KS_NONE,
	    REGISTER_SYSTEMS },
	[VF_STAGE] = ENUM("stage", true, true, KS_BCP_STAGE),
	[VF_STEP] = INT("step", true, true, 0, BCP_PERMANENT_STEPS),
	[VF_ACTION] = { "action", RF_LONG, true, false, true, 0, 1000,
	    KS_NONE, 0 },
	[VF_OWNER] = TEXT("owner", false, true, 100),
	[VF_MINUTES] = INT("minutes", false, true, 1, 100000),
	[VF_NOTE] = LONG("note", 1000),
};

/* Provisional steps are 0–4, permanent ones 1–7. */
static void
recovery_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *st = &row->v[VF_STAGE],
	    *n = &row->v[VF_STEP];
	long lo, hi;

	(void)e;
	(void)old;
	(void)now;
	if (!st->set || !n->set || st->i < 0)
		return;
	lo = st->i == 0 ? 0 : 1;
	hi = st->i == 0 ? BCP_PROVISIONAL_STEPS - 1 : BCP_PERMANENT_STEPS;
	if (n->i < lo || n->i > hi)
		register_err_add(errs, VF_STEP, recovery_fields[VF_STEP].key,
		    RFE_RANGE, lo, hi);
}

/* Per damaged target: who owns its recovery and whom to call. */
enum {
	CF_TARGET, CF_SYSTEM, CF_OWNER, CF_COMPANY, CF_PERSON, CF_PHONE,
	CF_EMAIL, CF_CONTRACT, CF_HOURS, CF_NOTE, CF__MAX
};

static const struct rf_decl contact_fields[CF__MAX] = {
	[CF_TARGET] = ENUM("target", true, true, KS_BCP_TARGET),
	[CF_SYSTEM] = { "system", RF_REF, false, false, true, 0, 0, KS_NONE,
	    REGISTER_SYSTEMS },
	[CF_OWNER] = TEXT("owner", true, true, 100),
	[CF_COMPANY] = TEXT("company", false, true, 100),
	[CF_PERSON] = TEXT("person", false, true, 100),
	[CF_PHONE] = TEXT("phone", false, true, 40),
	[CF_EMAIL] = TEXT("email", false, false, 200),
	[CF_CONTRACT] = TEXT("contract", false, false, 100),
	[CF_HOURS] = TEXT("hours", false, false, 100),
	[CF_NOTE] = LONG("note", 1000),
};

/* A telephone number: digits, at least six of them, and + - ( ) and
 * spaces; an e-mail address: something@something.something. */
static void
contact_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *ph = &row->v[CF_PHONE],
	    *em = &row->v[CF_EMAIL];
	const char *p, *at;
	int digits = 0;
	bool ok = true;

	(void)e;
	(void)old;
	(void)now;
	if (ph->set) {
		for (p = ph->s; *p != '\0'; p++)
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (strchr("+-() ", *p) == NULL)
				ok = false;
		if (!ok || digits < 6)
			register_err_add(errs, CF_PHONE,
			    contact_fields[CF_PHONE].key, RFE_FORMAT, 0, 0);
	}
	if (em->set && ((at = strchr(em->s, '@')) == NULL || at == em->s ||
	    strchr(at, '.') == NULL || strchr(em->s, ' ') != NULL ||
	    at[strlen(at) - 1] == '.'))
		register_err_add(errs, CF_EMAIL, contact_fields[CF_EMAIL].key,
		    RFE_FORMAT, 0, 0);
}

/* What could stop the company, why it is assumed, what it hits. */
enum {
	DF_KIND, DF_SCENARIO, DF_REASON, DF_LAYERS, DF_SYSTEMS, DF_NOTE,
	DF__MAX
};

static const struct rf_decl disruption_fields[DF__MAX] = {
	[DF_KIND] = ENUM("kind", true, true, KS_BCP_INCIDENT),
	[DF_SCENARIO] = { "scenario", RF_LONG, true, false, true, 0, 1000,
	    KS_NONE, 0 },
	[DF_REASON] = LONG("reason", 1000),
	[DF_LAYERS] = { "layers", RF_SET, false, false, true, 0, 0,
	    KS_BCP_LAYER, 0 },
	[DF_SYSTEMS] = REFS("systems", false, REGISTER_SYSTEMS),
	[DF_NOTE] = LONG("note", 1000),
};

/* ---- tabletop exercises (issue 13) ---- */

enum {
	EF_SCENARIO, EF_HELD_ON, EF_FACILITATOR, EF_PARTICIPANTS, EF_STATUS,
	EF_ANSWERS, EF_DECISIONS, EF_FOLLOWUPS, EF__MAX
};

/* The answers are the run page's JSON object (model/exercise.h); as many
 * characters as every question answered in full would take. */
#define ANSWERS_CHARS	(EXERCISE_INJECTS_MAX * EXERCISE_QUESTIONS_MAX * \
			    (EXERCISE_ANSWER_MAX + 16))

static const struct rf_decl exercise_fields[EF__MAX] = {
	[EF_SCENARIO] = ENUM("scenario", true, true, KS_EXERCISE),
	[EF_HELD_ON] = DATE("held_on", true),
	[EF_FACILITATOR] = TEXT("facilitator", false, true, 100),
	[EF_PARTICIPANTS] = LONG("participants", 2000),
	[EF_STATUS] = ENUM("status", false, true, KS_EXERCISE_STATUS),
	[EF_ANSWERS] = LONG("answers", ANSWERS_CHARS),
	[EF_DECISIONS] = LONG("decisions", 4000),
	[EF_FOLLOWUPS] = LONG("followups", 4000),
};

/* The answers must read as the run page writes them: a program or a
 * hand in the edit form cannot leave a record the run page would lose. */
static void
exercise_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *an = &row->v[EF_ANSWERS];
	struct exercise_answers a;
	struct arena ar;

	(void)e;
	(void)old;
	(void)now;
	if (!an->set)
		return;
	arena_init(&ar);
	if (exercise_answers_read(an->s, &a, &ar) != 0)
		register_err_add(errs, EF_ANSWERS,
		    exercise_fields[EF_ANSWERS].key, RFE_FORMAT, 0, 0);
	arena_free(&ar);
}

/* ---- incidents (issue 14) ---- */

#define BOOLF(k, lst) \
	{ k, RF_BOOL, false, false, lst, 0, 0, KS_NONE, 0 }
#define MOMENT(k, req, lst) \
	{ k, RF_DATETIME, req, false, lst, 0, 0, KS_NONE, 0 }

enum {
	IF_KIND, IF_SUMMARY, IF_LEVEL, IF_STATUS, IF_DETECTED, IF_AWARE,
	IF_FOUND_BY, IF_PERSONAL, IF_PEOPLE, IF_SENSITIVE, IF_FINANCIAL,
	IF_MALICIOUS, IF_ENCRYPTED, IF_DATA_ITEMS, IF_CAUSE, IF_SECONDARY,
	IF_PEOPLE_RESPONSE, IF_PUBLICATION, IF_ASSETS, IF_SYSTEMS, IF_NOTE,
	IF_CLOSE_BY, IF_REPORT, IF__MAX
};

#define INC_PEOPLE_MAX	1000000000L

static const struct rf_decl incident_fields[IF__MAX] = {
	[IF_KIND] = ENUM("kind", true, true, KS_INC_KIND),
	[IF_SUMMARY] = { "summary", RF_LONG, true, false, true, 0, 2000,
	    KS_NONE, 0 },
	[IF_LEVEL] = INT("level", true, true, 0, 3),
	[IF_STATUS] = ENUM("status", false, true, KS_INC_STATUS),
	[IF_DETECTED] = MOMENT("detected_at", true, true),
	[IF_AWARE] = MOMENT("aware_at", false, false),
	[IF_FOUND_BY] = TEXT("found_by", false, false, 100),
	[IF_PERSONAL] = BOOLF("personal", false),
	[IF_PEOPLE] = INT("people", false, false, 0, INC_PEOPLE_MAX),
	[IF_SENSITIVE] = BOOLF("sensitive", false),
	[IF_FINANCIAL] = BOOLF("financial", false),
	[IF_MALICIOUS] = BOOLF("malicious", false),
	[IF_ENCRYPTED] = BOOLF("encrypted", false),
	/* what the report to the Commission asks for besides the above
	 * (content/appi.yaml items; the fields keyed as incidents.yaml's) */
	[IF_DATA_ITEMS] = LONG("data_items", 1000),
	[IF_CAUSE] = LONG("cause", 2000),
	[IF_SECONDARY] = LONG("secondary", 1000),
	[IF_PEOPLE_RESPONSE] = LONG("people_response", 1000),
	[IF_PUBLICATION] = LONG("publication", 1000),
	[IF_ASSETS] = REFS("assets", false, REGISTER_ASSETS),
	[IF_SYSTEMS] = REFS("systems", false, REGISTER_SYSTEMS),
	[IF_NOTE] = LONG("note", 2000),
	/* who confirmed closing it while the report to the Commission was
	 * due and not ticked (incident_check_db) */
	[IF_CLOSE_BY] = { "close_confirmed_by", RF_MEMBER, false, false,
	    false, 0, 0, KS_NONE, 0 },
	[IF_REPORT] = DERIVED("report_required", RF_BOOL, true, 0, 0,
	    KS_NONE),
};

/* A row's personal-data facts as model/appi.h reads them. */
void
registers_appi_case(const struct register_row *row, struct appi_case *c)
{
	c->personal = row->v[IF_PERSONAL].set && row->v[IF_PERSONAL].i;
	c->people = row->v[IF_PEOPLE].set ? (long)row->v[IF_PEOPLE].i : -1;
	c->sensitive = row->v[IF_SENSITIVE].set && row->v[IF_SENSITIVE].i;
	c->financial = row->v[IF_FINANCIAL].set && row->v[IF_FINANCIAL].i;
	c->malicious = row->v[IF_MALICIOUS].set && row->v[IF_MALICIOUS].i;
	c->encrypted = row->v[IF_ENCRYPTED].set && row->v[IF_ENCRYPTED].i;
}

/* Whether the Commission must be told (the dates are worked out where
 * they are shown: GET …/incidents/{id}/appi and the incident's page). */
static void
incident_derive(const struct register_env *e, struct register_row *row)
{
	struct register_val *rq = &row->v[IF_REPORT];
	struct appi_case c;

	memset(rq, 0, sizeof(*rq));
	rq->s = "";
	if (e->appi == NULL)
		return;
	registers_appi_case(row, &c);
	rq->set = true;
	rq->i = appi_reasons(e->appi, &c) != 0;
}

/* Awareness no earlier than detection; neither in the future. */
static void
incident_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *dt = &row->v[IF_DETECTED],
	    *aw = &row->v[IF_AWARE];

	(void)e;
	(void)old;
	if (dt->set && dt->i > now + 60)
		register_err_add(errs, IF_DETECTED,
		    incident_fields[IF_DETECTED].key, RFE_FUTURE, 0, 0);
	if (aw->set && aw->i > now + 60)
		register_err_add(errs, IF_AWARE, incident_fields[IF_AWARE].key,
		    RFE_FUTURE, 0, 0);
	else if (aw->set && dt->set && aw->i < dt->i)
		register_err_add(errs, IF_AWARE, incident_fields[IF_AWARE].key,
		    RFE_BEFORE, 0, 0);
}
/* ---- reporting an incident, and its intake questionnaire (issue 14) ---- */

/* A destination the incident was reported or disclosed to: when, and
 * what was said or agreed.  One a destination and incident: the engine
 * keeps one unique field, so the reports page checks the pair before it
 * adds (pages/page_incident_notice.c). */
enum {
	RPF_INCIDENT, RPF_DEST, RPF_DONE_ON, RPF_NOTE, RPF__MAX
};

static const struct rf_decl report_fields[RPF__MAX] = {
	[RPF_INCIDENT] = { "incident", RF_REF, true, false, true, 0, 0,
	    KS_NONE, REGISTER_INCIDENTS },
	[RPF_DEST] = ENUM("destination", true, true, KS_INC_DEST),
	[RPF_DONE_ON] = { "done_on", RF_DATE, true, false, true, 0, 0,
	    KS_NONE, 0 },
	[RPF_NOTE] = LONG("note", 1000),
};

/* Done is done: never on a day after today (Japan). */
static void
report_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *v = &row->v[RPF_DONE_ON];

	(void)e;
	(void)old;
	if (v->set && day_index(v->s) > day_of_time(now))
		register_err_add(errs, RPF_DONE_ON,
		    report_fields[RPF_DONE_ON].key, RFE_FUTURE, 0, 0);
}

/* The questionnaire's answers as one JSON object (model/intake.h); as
 * many characters as every entry at its longest would not reach, which
 * no one types. */
enum {
	QF_INCIDENT, QF_ANSWERS, QF__MAX
};

#define INTAKE_BODY_CHARS	60000

static const struct rf_decl intake_fields[QF__MAX] = {
	[QF_INCIDENT] = { "incident", RF_REF, true, false, true, 0, 0,
	    KS_NONE, REGISTER_INCIDENTS },
	[QF_ANSWERS] = LONG("answers", INTAKE_BODY_CHARS),
};

/* The answers must read as the questionnaire page writes them. */
static void
intake_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *an = &row->v[QF_ANSWERS];
	struct intake_answers a;
	struct arena ar;

	(void)e;
	(void)old;
	(void)now;
	if (!an->set)
		return;
	arena_init(&ar);
	if (intake_read(an->s, &a, &ar) != 0)
		register_err_add(errs, QF_ANSWERS,
		    intake_fields[QF_ANSWERS].key, RFE_FORMAT, 0, 0);
	arena_free(&ar);
}


/* The register where the destinations an incident was reported to are
 * ticked (another part of issue 14), by its key: its rows name the
 * incident (field "incident") and the destination (field
 * "destination", the key of incidents.yaml's destinations). */
#define REPORTS_KEY	"incident_reports"

int
registers_reported_ids(struct db_conn *c, const struct register_env *e,
    int64_t org, struct arena *ar, int64_t **ids, size_t *n)
{
	const struct register_decl *d = register_by_key(REPORTS_KEY);
	struct register_row *v;
	struct arena tmp;
	size_t nv, k;
	int fi, fd, rc;

	*ids = NULL;
	*n = 0;
	if (d == NULL || (fi = register_field(d, "incident")) < 0 ||
	    (fd = register_field(d, "destination")) < 0)
		return DB_OK;
	arena_init(&tmp);
	rc = register_list(c, e, d, org, &tmp, &v, &nv);
	if (rc == DB_OK)
		*ids = arena_alloc(ar, (nv + 1) * sizeof(**ids));
	for (k = 0; rc == DB_OK && k < nv; k++)
		if (v[k].v[fi].set && v[k].v[fd].set &&
		    strcmp(v[k].v[fd].s, "ppc") == 0)
			(*ids)[(*n)++] = v[k].v[fi].i;
	arena_free(&tmp);
	return rc;
}

int
registers_incident_reported(struct db_conn *c, const struct register_env *e,
    int64_t org, int64_t id)
{
	struct arena ar;
	int64_t *ids;
	size_t n, k;
	int rc, yes = 0;

	if (id <= 0)
		return 0;
	arena_init(&ar);
	rc = registers_reported_ids(c, e, org, &ar, &ids, &n);
	for (k = 0; rc == DB_OK && k < n && !yes; k++)
		yes = ids[k] == id;
	arena_free(&ar);
	return rc == DB_OK ? yes : rc;
}

/* Closing an incident whose report to the Commission is due and not
 * ticked needs the closer's confirmation: close_confirmed_by naming the
 * member who saves. */
static int
incident_check_db(struct db_conn *c, const struct register_env *e,
    int64_t org, const struct register_who *who,
    const struct register_row *row, const struct register_row *old,
    int64_t now, struct register_errs *errs)
{
	const struct register_val *st = &row->v[IF_STATUS],
	    *by = &row->v[IF_CLOSE_BY];
	int rc;

	(void)now;
	if (!st->set || st->i != INC_CLOSED || (old != NULL &&
	    old->v[IF_STATUS].set && old->v[IF_STATUS].i == INC_CLOSED) ||
	    !row->v[IF_REPORT].set || !row->v[IF_REPORT].i)
		return DB_OK;
	if ((rc = registers_incident_reported(c, e, org, old != NULL ? old->id :
	    0)) != 0)
		return rc < 0 ? rc : DB_OK;
	if (!by->set)
		register_err_add(errs, IF_STATUS,
		    incident_fields[IF_STATUS].key, RFE_UNREPORTED, 0, 0);
	else if (by->i != who->user)
		register_err_add(errs, IF_CLOSE_BY,
		    incident_fields[IF_CLOSE_BY].key, RFE_NOT_SELF, 0, 0);
	return DB_OK;
}

/* The incident row id of org, read in the write's transaction: DB_ROW,
 * DB_DONE or < 0. */
static int
incident_of(struct db_conn *c, const struct register_env *e, int64_t org,
    int64_t id, struct arena *ar, struct register_row *inc)
{
	return register_get(c, e, register_of(REGISTER_INCIDENTS), org, id,
	    ar, inc);
}

/* Whether incident row inc is closed. */
static bool
incident_closed(const struct register_row *inc)
{
	return inc->v[IF_STATUS].set && inc->v[IF_STATUS].i == INC_CLOSED;
}

/* No moment after now (a minute's grace for clocks apart). */
static void
no_future(const struct rf_decl *f, int i, const struct register_row *row,
    int64_t now, struct register_errs *errs)
{
	if (row->v[i].set && row->v[i].i > now + 60)
		register_err_add(errs, i, f[i].key, RFE_FUTURE, 0, 0);
}

/* ---- an incident's work log (issue 14) ---- */

enum {
	LF_INCIDENT, LF_AT, LF_WHO, LF_WHAT, LF_EVIDENCE, LF__MAX
};

static const struct rf_decl log_fields[LF__MAX] = {
	[LF_INCIDENT] = { "incident", RF_REF, true, false, true, 0, 0,
	    KS_NONE, REGISTER_INCIDENTS },
	[LF_AT] = MOMENT("at", true, true),
	/* a name as written: the finder, a vendor, anyone (who typed it
	 * is in the row's history) */
	[LF_WHO] = TEXT("who", false, true, 100),
	[LF_WHAT] = { "what", RF_LONG, true, false, true, 0, 2000, KS_NONE,
	    0 },
	[LF_EVIDENCE] = { "evidence", RF_LONG, false, false, true, 0, 1000,
	    KS_NONE, 0 },
};

static void
log_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	(void)e;
	(void)old;
	no_future(log_fields, LF_AT, row, now, errs);
}

/* Nothing is written into the log of a closed incident. */
static int
log_check_db(struct db_conn *c, const struct register_env *e, int64_t org,
    const struct register_who *who, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	struct register_row inc;
	struct arena ar;
	int rc;

	(void)who;
	(void)old;
	(void)now;
	if (!row->v[LF_INCIDENT].set)
		return DB_OK;
	arena_init(&ar);
	rc = incident_of(c, e, org, row->v[LF_INCIDENT].i, &ar, &inc);
	if (rc == DB_ROW && incident_closed(&inc))
		register_err_add(errs, LF_INCIDENT,
		    log_fields[LF_INCIDENT].key, RFE_CLOSED, 0, 0);
	arena_free(&ar);
	return rc < 0 ? rc : DB_OK;
}

/* ---- the playbook steps done (issue 14) ---- */

enum {
	TF_INCIDENT, TF_STEP, TF_DONE_AT, TF_BY, TF_NOTE, TF__MAX
};

static const struct rf_decl step_fields[TF__MAX] = {
	[TF_INCIDENT] = { "incident", RF_REF, true, false, true, 0, 0,
	    KS_NONE, REGISTER_INCIDENTS },
	/* the step's key in the playbook of the incident's kind */
	[TF_STEP] = TEXT("step", true, true, 40),
	[TF_DONE_AT] = MOMENT("done_at", true, true),
	[TF_BY] = TEXT("by", false, true, 100),
	[TF_NOTE] = LONG("note", 500),
};

static void
step_check(const struct register_env *e, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	(void)e;
	(void)old;
	no_future(step_fields, TF_DONE_AT, row, now, errs);
}

/* A step of the playbook the incident's kind follows, ticked once, and
 * never on a closed incident. */
static int
step_check_db(struct db_conn *c, const struct register_env *e, int64_t org,
    const struct register_who *who, const struct register_row *row,
    const struct register_row *old, int64_t now, struct register_errs *errs)
{
	const struct register_val *inc_v = &row->v[TF_INCIDENT],
	    *key = &row->v[TF_STEP];
	const struct register_keys *ks = NULL;
	struct register_row inc, *v;
	struct arena ar;
	size_t n, k;
	bool in = false;
	int rc;

	(void)who;
	(void)now;
	if (!inc_v->set || !key->set)
		return DB_OK;
	arena_init(&ar);
	if ((rc = incident_of(c, e, org, inc_v->i, &ar, &inc)) != DB_ROW)
		goto out;
	if (incident_closed(&inc))
		register_err_add(errs, TF_INCIDENT,
		    step_fields[TF_INCIDENT].key, RFE_CLOSED, 0, 0);
	if (inc.v[IF_KIND].set && inc.v[IF_KIND].i >= 0 &&
	    inc.v[IF_KIND].i < INC_KIND__MAX)
		ks = &e->inc_steps[inc.v[IF_KIND].i];
	for (k = 0; ks != NULL && k < ks->n && !in; k++)
		in = strcmp(ks->key[k], key->s) == 0;
	if (!in) {
		register_err_add(errs, TF_STEP, step_fields[TF_STEP].key,
		    RFE_PLAYBOOK, 0, 0);
		goto out;
	}
	if ((rc = register_list(c, e, register_of(REGISTER_INCIDENT_STEPS),
	    org, &ar, &v, &n)) != DB_OK)
		goto out;
	for (k = 0; k < n; k++)
		if (v[k].id != (old != NULL ? old->id : 0) &&
		    v[k].v[TF_INCIDENT].i == inc_v->i &&
		    strcmp(v[k].v[TF_STEP].s, key->s) == 0) {
			register_err_add(errs, TF_STEP,
			    step_fields[TF_STEP].key, RFE_TAKEN, 0, 0);
			break;
		}
out:
	arena_free(&ar);
	return rc < 0 ? rc : DB_OK;
}

/* One tick a destination an incident was reported to: to change one,
 * it is undone first. */
static int
report_check_db(struct db_conn *c, const struct register_env *e,
    int64_t org, const struct register_who *who,
    const struct register_row *row, const struct register_row *old,
    int64_t now, struct register_errs *errs)
{
	const struct register_val *inc = &row->v[RPF_INCIDENT],
	    *dest = &row->v[RPF_DEST];
	struct register_row *v;
	struct arena ar;
	size_t n, k;
	int rc;

	(void)who;
	(void)now;
	if (!inc->set || !dest->set)
		return DB_OK;
	arena_init(&ar);
	rc = register_list(c, e, register_of(REGISTER_INCIDENT_REPORTS), org,
	    &ar, &v, &n);
	for (k = 0; rc == DB_OK && k < n; k++)
		if (v[k].id != (old != NULL ? old->id : 0) &&
		    v[k].v[RPF_INCIDENT].i == inc->i &&
		    strcmp(v[k].v[RPF_DEST].s, dest->s) == 0) {
			register_err_add(errs, RPF_DEST,
			    report_fields[RPF_DEST].key, RFE_TAKEN, 0, 0);
			break;
		}
	arena_free(&ar);
	return rc;
}

/* ---- lessons learned (issue 14) ---- */

/* One row per incident: an answer to each of the seven questions of
 * incidents.yaml's lessons, as fields keyed as the questions are. */
enum {
	NF_INCIDENT, NF_WHAT_WHEN, NF_COPING, NF_INFO_NEEDED, NF_HINDERED,
	NF_DIFFERENTLY, NF_PREVENT, NF_TOOLS, NF__MAX
};

_Static_assert(NF__MAX - NF_WHAT_WHEN == INC_LESSONS,
    "a field for each lessons-learned question");

/* As long as a plan row's measure, so an answer becomes one whole. */
#define LESSON_MAX	1000

static const struct rf_decl lesson_fields[NF__MAX] = {
	[NF_INCIDENT] = { "incident", RF_REF, true, false, true, 0, 0,
	    KS_NONE, REGISTER_INCIDENTS },
	[NF_WHAT_WHEN] = { "what_when", RF_LONG, false, false, true, 0,
	    LESSON_MAX, KS_NONE, 0 },
	[NF_COPING] = LONG("coping", LESSON_MAX),
	[NF_INFO_NEEDED] = LONG("info_needed", LESSON_MAX),
	[NF_HINDERED] = LONG("hindered", LESSON_MAX),
	[NF_DIFFERENTLY] = LONG("differently", LESSON_MAX),
	[NF_PREVENT] = { "prevent", RF_LONG, false, false, true, 0,
	    LESSON_MAX, KS_NONE, 0 },
	[NF_TOOLS] = LONG("tools", LESSON_MAX),
};

/* One row of lessons per incident. */
static int
lesson_check_db(struct db_conn *c, const struct register_env *e,
    int64_t org, const struct register_who *who,
    const struct register_row *row, const struct register_row *old,
    int64_t now, struct register_errs *errs)
{
	struct register_row *v;
	struct arena ar;
	size_t n, k;
	int rc;

	(void)who;
	(void)now;
	if (!row->v[NF_INCIDENT].set)
		return DB_OK;
	arena_init(&ar);
	rc = register_list(c, e, register_of(REGISTER_INCIDENT_LESSONS), org,
	    &ar, &v, &n);
	for (k = 0; rc == DB_OK && k < n; k++)
		if (v[k].id != (old != NULL ? old->id : 0) &&
		    v[k].v[NF_INCIDENT].i == row->v[NF_INCIDENT].i) {
			register_err_add(errs, NF_INCIDENT,
			    lesson_fields[NF_INCIDENT].key, RFE_TAKEN, 0, 0);
			break;
		}
	arena_free(&ar);
	return rc < 0 ? rc : DB_OK;
}
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
		.derive_refs = risk_derive_refs, .check_db = risk_check_db,
	},
	[REGISTER_PLAN] = {
		.kind = REGISTER_PLAN, .key = "plan", .f = plan_fields,
		.nf = PLF__MAX, .title = PF_MEASURE, .sort = PF_POINTS,
		.sort_desc = true, .unique = -1, .derive = plan_derive,
		.check = plan_check, .after_write = figures_refresh,
	},
	[REGISTER_REGULATIONS] = {
		.kind = REGISTER_REGULATIONS, .key = "regulations",
		.f = regulation_fields, .nf = GF__MAX, .title = GF_AREA,
		.sort = GF_AREA, .sort_desc = false, .unique = GF_AREA,
	},
	[REGISTER_PROCESSES] = {
		.kind = REGISTER_PROCESSES, .key = "processes",
		.f = process_fields, .nf = BF__MAX, .title = BF_NAME,
		.sort = BF_PRIORITY, .sort_desc = false, .unique = BF_NAME,
		.derive = process_derive, .settings_read = process_settings,
		.derive_settings = process_rto,
	},
	[REGISTER_SYSTEMS] = {
		.kind = REGISTER_SYSTEMS, .key = "systems", .f = system_fields,
		.nf = SF__MAX, .title = SF_NAME, .sort = SF_NAME,
		.sort_desc = false, .unique = SF_NAME, .derive = system_derive,
		.check = system_check,
	},
	[REGISTER_RECOVERY] = {
		.kind = REGISTER_RECOVERY, .key = "recovery",
		.f = recovery_fields, .nf = VF__MAX, .title = -1,
		.sort = VF_SYSTEM, .sort_desc = false, .unique = -1,
		.check = recovery_check,
	},
	[REGISTER_CONTACTS] = {
		.kind = REGISTER_CONTACTS, .key = "contacts",
		.f = contact_fields, .nf = CF__MAX, .title = -1,
		.sort = CF_TARGET, .sort_desc = false, .unique = -1,
		.check = contact_check,
	},
	[REGISTER_DISRUPTIONS] = {
		.kind = REGISTER_DISRUPTIONS, .key = "disruptions",
		.f = disruption_fields, .nf = DF__MAX, .title = -1,
		.sort = DF_KIND, .sort_desc = false, .unique = -1,
	},
	[REGISTER_INCIDENTS] = {
		.kind = REGISTER_INCIDENTS, .key = "incidents",
		.f = incident_fields, .nf = IF__MAX, .title = IF_SUMMARY,
		.sort = IF_DETECTED, .sort_desc = true, .unique = -1,
		.derive = incident_derive, .check = incident_check,
		.check_db = incident_check_db, .after_write = figures_refresh,
	},
	[REGISTER_INCIDENT_LOG] = {
		.kind = REGISTER_INCIDENT_LOG, .key = "incident_log",
		.f = log_fields, .nf = LF__MAX, .title = -1, .sort = LF_AT,
		.sort_desc = false, .unique = -1, .check = log_check,
		.check_db = log_check_db,
	},
	[REGISTER_INCIDENT_STEPS] = {
		.kind = REGISTER_INCIDENT_STEPS, .key = "incident_steps",
		.f = step_fields, .nf = TF__MAX, .title = -1,
		.sort = TF_DONE_AT, .sort_desc = false, .unique = -1,
		.check = step_check, .check_db = step_check_db,
	},
	[REGISTER_INCIDENT_LESSONS] = {
		.kind = REGISTER_INCIDENT_LESSONS, .key = "incident_lessons",
		.f = lesson_fields, .nf = NF__MAX, .title = -1,
		.sort = NF_INCIDENT, .sort_desc = false, .unique = -1,
		.check_db = lesson_check_db,
	},
	[REGISTER_INCIDENT_REPORTS] = {
		.kind = REGISTER_INCIDENT_REPORTS, .key = "incident_reports",
		.f = report_fields, .nf = RPF__MAX, .title = -1,
		.sort = RPF_INCIDENT, .sort_desc = true, .unique = -1,
		.check = report_check, .check_db = report_check_db,
	},
	[REGISTER_INCIDENT_INTAKE] = {
		.kind = REGISTER_INCIDENT_INTAKE, .key = "incident_intake",
		.f = intake_fields, .nf = QF__MAX, .title = -1,
		.sort = QF_INCIDENT, .sort_desc = true, .unique = -1,
		.check = intake_check,
	},
	[REGISTER_EXERCISES] = {
		.kind = REGISTER_EXERCISES, .key = "exercises",
		.f = exercise_fields, .nf = EF__MAX, .title = -1,
		.sort = EF_HELD_ON, .sort_desc = true, .unique = -1,
		.check = exercise_check,
	},
	/* the inventories (issue 15): model/inventory.c */
	[REGISTER_PEOPLE] = {
		.kind = REGISTER_PEOPLE, .key = "people",
		.f = inventory_people_fields, .nf = PPF__MAX,
		.title = PPF_NAME, .sort = PPF_NAME, .sort_desc = false,
		.unique = PPF_NAME,
	},
	[REGISTER_DEVICES] = {
		.kind = REGISTER_DEVICES, .key = "devices",
		.f = inventory_device_fields, .nf = DVF__MAX,
		.title = DVF_PRODUCT, .sort = DVF_PLACE, .sort_desc = false,
		.unique = -1,
	},
	[REGISTER_SHARES] = {
		.kind = REGISTER_SHARES, .key = "shares",
		.f = inventory_share_fields, .nf = SHF__MAX,
		.title = SHF_FOLDER, .sort = SHF_PLACE, .sort_desc = false,
		.unique = -1,
	},
	[REGISTER_SERVICES] = {
		.kind = REGISTER_SERVICES, .key = "services",
		.f = inventory_service_fields, .nf = SVF__MAX,
		.title = SVF_NAME, .sort = SVF_NAME, .sort_desc = false,
		.unique = -1,
	},
	[REGISTER_ADDRESSES] = {
		.kind = REGISTER_ADDRESSES, .key = "addresses",
		.f = inventory_address_fields, .nf = ADF__MAX,
		.title = ADF_ADDRESS, .sort = ADF_ADDRESS, .sort_desc = false,
		.unique = -1, .check = inventory_address_check,
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
