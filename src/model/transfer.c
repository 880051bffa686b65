#include "model/transfer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "base/buf.h"
#include "base/esc.h"
#include "base/str.h"
#include "model/account.h"
#include "model/category.h"
#include "model/diag.h"
#include "model/policy.h"
#include "model/readiness.h"
#include "model/round.h"
#include "model/sme.h"

#define EXPORT_VERSION	1

/* The tables in an order that respects their foreign keys.  Column types:
 * 'i' integer, 't' text; either may be NULL where the schema allows. */
static const struct xtable {
	const char	*name;
	enum stmt	 exp, imp;
	const char	*types;
	const char	*columns;	/* as in the export's "columns" */
	/* Values for trailing columns that exports of earlier versions
	 * lack, as a JSON array ("[1]"), or NULL. */
	const char	*late;
} xtables[] = {
	{ "meta", STMT_EXPORT_META, STMT_IMPORT_META, "tt", "key,value", NULL },
	{ "users", STMT_EXPORT_USERS, STMT_IMPORT_USERS, "itttttiii",
	    "id,email,pw_hash,role,lang,token_hash,created_at,"
	    "token_expires_at,token_used_at", "[null,null]" },
	{ "orgs", STMT_EXPORT_ORGS, STMT_IMPORT_ORGS, "itttttiiitiiiittt",
	    "id,name,industry,employees,capital,prefecture,dep_many,"
	    "dep_manual,dep_others,dep_class,created_at,peer_share,"
	    "capital_yen,staff_count,sme_group,it_use,sec_posture",
	    "[1,null,null,\"\",\"\",\"\"]" },
	{ "members", STMT_EXPORT_MEMBERS, STMT_IMPORT_MEMBERS, "iit",
	    "user_id,org_id,role", NULL },
	{ "sessions", STMT_EXPORT_SESSIONS, STMT_IMPORT_SESSIONS, "titiiii",
	    "id_hash,user_id,csrf,org_id,created_at,seen_at,expires_at", NULL },
	{ "once_links", STMT_EXPORT_ONCE, STMT_IMPORT_ONCE, "ttitiii",
	    "token_hash,kind,org_id,role,created_by,expires_at,used_at", NULL },
	{ "rate_limits", STMT_EXPORT_RATE, STMT_IMPORT_RATE, "tii",
	    "key,window_start,hits", NULL },
	{ "audit", STMT_EXPORT_AUDIT, STMT_IMPORT_AUDIT, "iiiittt",
	    "id,at,org_id,user_id,event,detail,addr", NULL },
	{ "rounds", STMT_EXPORT_ROUNDS, STMT_IMPORT_ROUNDS, "iittiiiit",
	    "id,org_id,title,status,opened_at,closed_at,opened_by,revision,"
	    "deadline", "[null]" },
	{ "respondents", STMT_EXPORT_RESP, STMT_IMPORT_RESP, "iiitttttiitt",
	    "id,round_id,org_id,role,name,via,answers,complete,created_at,"
	    "updated_at,email,department", "[\"\",null]" },
	{ "org_latest", STMT_EXPORT_LATEST, STMT_IMPORT_LATEST, "iittittii",
	    "org_id,round_id,industry,employees,score_tenths,parts,items,"
	    "closed_at,shared", "[1]" },
	{ "cohort_stats", STMT_EXPORT_COHORTS, STMT_IMPORT_COHORTS, "ttiiitt",
	    "industry,employees,n,sum_score,sum_sq,sum_parts,sum_items", NULL },
	{ "cohort_hist", STMT_EXPORT_HIST, STMT_IMPORT_HIST, "ttii",
	    "industry,employees,score_tenths,n", NULL },
	{ "org_principles", STMT_EXPORT_PRINC, STMT_IMPORT_PRINC, "itiii",
	    "org_id,principle,done,updated_at,updated_by", NULL },
	{ "policy_versions", STMT_EXPORT_POLICY, STMT_IMPORT_POLICY,
	    "iiitiiii", "id,org_id,version,body,created_at,created_by,"
	    "approved_at,approved_by", NULL },
	{ "policy_pub", STMT_EXPORT_PUB, STMT_IMPORT_PUB, "itii",
	    "org_id,slug,version_id,published_at", NULL },
	{ "round_comments", STMT_EXPORT_COMMENTS, STMT_IMPORT_COMMENTS,
	    "iitii", "round_id,org_id,body,updated_at,updated_by", NULL },
	{ "reg_rows", STMT_EXPORT_REG, STMT_IMPORT_REG, "iititiiii",
	    "id,org_id,reg,rev,body,created_at,created_by,updated_at,"
	    "updated_by", NULL },
	{ "reg_history", STMT_EXPORT_REG_HIST, STMT_IMPORT_REG_HIST,
	    "iitiitiii", "id,org_id,reg,row_id,rev,op,body,at,user_id", NULL },
	{ "risk_acceptances", STMT_EXPORT_ACCEPT, STMT_IMPORT_ACCEPT, "iiiitt",
	    "id,org_id,at,user_id,risks,note", NULL },
	{ "reg_settings", STMT_EXPORT_REGSET, STMT_IMPORT_REGSET, "ititii",
	    "org_id,reg,rev,body,updated_at,updated_by", NULL },
	{ "bcp_card_links", STMT_EXPORT_CARD, STMT_IMPORT_CARD, "itii",
	    "org_id,token_hash,created_at,created_by", NULL },
	{ "hearing_answers", STMT_EXPORT_HEARING, STMT_IMPORT_HEARING,
	    "itttitiii", "org_id,item,result,consider,visit,state,rev,"
	    "updated_at,updated_by", NULL },
	{ "pledges", STMT_EXPORT_PLEDGES, STMT_IMPORT_PLEDGES, "iiittti",
	    "id,org_id,user_id,name,handed_on,mode,created_at", NULL },
	{ "offices", STMT_EXPORT_OFFICES, STMT_IMPORT_OFFICES, "iti",
	    "id,name,created_at", NULL },
	{ "office_members", STMT_EXPORT_OFFICE_MEMBERS,
	    STMT_IMPORT_OFFICE_MEMBERS, "iit", "office_id,user_id,role", NULL },
	{ "office_advisors", STMT_EXPORT_OFFICE_ADVISORS,
	    STMT_IMPORT_OFFICE_ADVISORS, "ii", "office_id,user_id", NULL },
	{ "engagements", STMT_EXPORT_ENG, STMT_IMPORT_ENG, "iitttittti"
	    "i", "org_id,advisor_id,template,state,first_visit,created_at,"
	    "summary,two_star_done,two_star_planned,final_rev,office_id",
	    "[\"\",\"\",\"\",1,null]" },
	{ "engagement_visits", STMT_EXPORT_ENG_VISITS, STMT_IMPORT_ENG_VISITS,
	    "iittttttiii", "org_id,n,planned,held,attendees,mode,notes,"
	    "decisions,rev,updated_at,updated_by", NULL },
	{ "engagement_homework", STMT_EXPORT_ENG_HW, STMT_IMPORT_ENG_HW,
	    "iiitttt", "id,org_id,visit,side,body,due,done", NULL },
	{ "engagement_deliverables", STMT_EXPORT_ENG_DELIV,
	    STMT_IMPORT_ENG_DELIV, "ittii",
	    "org_id,deliverable,state,updated_at,updated_by", NULL },
	{ "office_contrib", STMT_EXPORT_OFFICE_CONTRIB,
	    STMT_IMPORT_OFFICE_CONTRIB, "iitttiitiii", "org_id,office_id,"
	    "industry,employees,prefecture,scored,score_tenths,items,plan_done,"
	    "plan_total,stars", NULL },
	{ "office_stats", STMT_EXPORT_OFFICE_STATS, STMT_IMPORT_OFFICE_STATS,
	    "ittiiiittiii", "office_id,dim,key,n,n_scored,sum_score,sum_sq,"
	    "hist,sum_items,plan_done,plan_total,two_star", NULL },
	/* two-step sign-in and calendar feeds (issue 16) */
	{ "user_totp", STMT_EXPORT_TOTP, STMT_IMPORT_TOTP, "itiii",
	    "user_id,secret,on_at,last_step,created_at", NULL },
	{ "user_recovery", STMT_EXPORT_RECOVERY, STMT_IMPORT_RECOVERY, "iti",
	    "user_id,code_hash,used_at", NULL },
	{ "login_steps", STMT_EXPORT_LOGIN_STEPS, STMT_IMPORT_LOGIN_STEPS, "tii",
	    "token_hash,user_id,expires_at", NULL },
	{ "org_twostep", STMT_EXPORT_ORG_TWOSTEP, STMT_IMPORT_ORG_TWOSTEP, "iii",
	    "org_id,set_at,set_by", NULL },
	{ "cal_feeds", STMT_EXPORT_CAL, STMT_IMPORT_CAL, "iti",
	    "user_id,token_hash,created_at", NULL },
	/* the damage estimate (issue 16) */
	{ "org_estimates", STMT_EXPORT_ESTIMATES, STMT_IMPORT_ESTIMATES,
	    "ittiiiiiiiiiii", "id,org_id,name,preset,sales,staff,records,days,"
	    "total,created_at,created_by,updated_at,updated_by,rev", NULL },
	{ "org_estimate_money", STMT_EXPORT_EST_MONEY, STMT_IMPORT_EST_MONEY,
	    "iiiiii", "org_id,spending,could_pay,rev,updated_at,updated_by",
	    NULL },
	/* the kinds of mail an address turned off (the queue itself is not
	 * moved: docs/operations.md) */
	{ "mail_off", STMT_EXPORT_MAIL_OFF, STMT_IMPORT_MAIL_OFF, "tti",
	    "address,kind,at", NULL },
};

#define NXTABLES	(sizeof(xtables) / sizeof(xtables[0]))

static void
columns_json(struct buf *b, const char *cols)
{
	struct str rest = str_c(cols), one;
	const char *sep = "";

	buf_addc(b, '[');
	while (rest.p != NULL) {
		rest = str_cut(rest, ',', &one);
		buf_adds(b, sep);
		esc_json(b, one);
		sep = ", ";
	}
	buf_addc(b, ']');
}

static int
flush(struct buf *b, FILE *f)
{
	if (b->n > 0 && fwrite(b->p, 1, b->n, f) != b->n)
		return -1;
	buf_reset(b);
	return 0;
}

/* A table whose type string and column list disagree is a bug. */
static void
check_tables(void)
{
	size_t t;

	for (t = 0; t < NXTABLES; t++) {
		const char *p;
		size_t commas = 0;

		for (p = xtables[t].columns; *p; p++)
			commas += *p == ',';
		if (strlen(xtables[t].types) != commas + 1) {
			fprintf(stderr, "mamori: transfer table %s: %zu types "
			    "for %zu columns\n", xtables[t].name,
			    strlen(xtables[t].types), commas + 1);
			abort();
		}
	}
}

int
transfer_export(struct db *db, FILE *f, char *err, size_t errlen)
{
	struct db_conn *c;
	struct buf b = BUF_INIT;
	size_t t;
	int rc = 0;

	check_tables();
	c = db_acquire(db);
	/* One moment of every table, while the server writes on: no row
	 * that names another row the export does not hold. */
	if (db_begin_snapshot(c) != DB_OK) {
		snprintf(err, errlen, "cannot start reading: %s", db_errmsg(c));
		db_release(db, c);
		return -1;
	}
	buf_printf(&b, "{\"mamori_export\": %d, \"schema\": %d, \"tables\": [",
	    EXPORT_VERSION, db_version(db));
	for (t = 0; t < NXTABLES && rc == 0; t++) {
		const struct xtable *x = &xtables[t];
		struct db_stmt *st = db_stmt(c, x->exp);
		const char *sep = "";
		int step;

		buf_printf(&b, "%s\n{\"name\": \"%s\", \"columns\": ",
		    t ? "," : "", x->name);
		columns_json(&b, x->columns);
		buf_adds(&b, ", \"rows\": [");
		while ((step = db_step(st)) == DB_ROW) {
			size_t k;

			buf_adds(&b, sep);
			buf_adds(&b, "\n [");
			for (k = 0; x->types[k] != '\0'; k++) {
				int col = (int)k;

				if (k)
					buf_adds(&b, ", ");
				if (db_col_null(st, col))
					buf_adds(&b, "null");
				else if (x->types[k] == 'i')
					buf_printf(&b, "%lld",
					    (long long)db_col_int(st, col));
				else
					esc_json(&b, db_col_text(st, col));
			}
			buf_addc(&b, ']');
			sep = ",";
			if (b.n > (1 << 16) && flush(&b, f) != 0)
				break;
		}
		if (step < 0) {
			snprintf(err, errlen, "reading %s: %s", x->name,
			    db_errmsg(c));
			rc = -1;
		}
		buf_adds(&b, "]}");
	}
	buf_adds(&b, "\n]}\n");
	db_rollback(c);
	db_release(db, c);
	if (rc == 0 && (flush(&b, f) != 0 || fflush(f) != 0)) {
		snprintf(err, errlen, "cannot write the export");
		rc = -1;
	}
	buf_free(&b);
	return rc;
}

/* Bind one JSON value to parameter i as a column of type ty. */
static int
bind_value(struct db_stmt *st, int i, char ty, const json_t *v)
{
	if (json_is_null(v))
		db_bind_null(st, i);
	else if (ty == 'i' && json_is_integer(v))
		db_bind_int(st, i, (int64_t)json_integer_value(v));
	else if (ty == 't' && json_is_string(v))
		db_bind_text(st, i, (struct str){ json_string_value(v),
		    json_string_length(v) });
	else
		return -1;
	return 0;
}

/*
 * Values the server itself would never store are refused on import, with
 * the same validators the server uses: a backup or an export edited by
 * hand must not bring in answers no page can show.  Each check gets a
 * value already of the column's type (never NULL) and says whether the
 * server could have written it.
 */
static bool
ok_answers(const json_t *v)
{
	unsigned char ans[DIAG_ITEMS];

	return diag_decode(json_string_value(v), json_string_length(v),
	    ans) == 0;
}

static bool
ok_resp_role(const json_t *v)
{
	return diag_role_from_key(json_string_value(v),
	    json_string_length(v)) >= 0;
}

static bool
ok_user_role(const json_t *v)
{
	return user_role_from_key(json_string_value(v)) >= 0;
}

/* One of a closed list of keys, '|'-separated in keys. */
static bool
ok_key_in(const json_t *v, const char *keys)
{
	struct str rest = str_c(keys), one;

	while (rest.p != NULL) {
		rest = str_cut(rest, '|', &one);
		if (one.n == json_string_length(v) &&
		    memcmp(one.p, json_string_value(v), one.n) == 0)
			return true;
	}
	return false;
}

static bool
ok_member_role(const json_t *v)
{
	return ok_key_in(v, "org_admin|advisor|member");
}

static bool
ok_via(const json_t *v)
{
	return ok_key_in(v, "personal|shared|csv");
}

static bool
ok_status(const json_t *v)
{
	return ok_key_in(v, "open|closed");
}

static bool
ok_lang(const json_t *v)
{
	return ok_key_in(v, "ja|en");
}

/* 0 or 1; respondents.complete travels as text ("1"), the others as
 * numbers. */
static bool
ok_bool(const json_t *v)
{
	if (json_is_string(v))
		return ok_key_in(v, "0|1");
	return json_integer_value(v) == 0 || json_integer_value(v) == 1;
}

static bool
ok_deadline(const json_t *v)
{
	return round_deadline_ok(json_string_value(v));
}

static bool
ok_principle(const json_t *v)
{
	return sa_from_key(json_string_value(v)) >= 0;
}

static bool
ok_slug(const json_t *v)
{
	return policy_slug_ok(json_string_value(v));
}

/* issue 16: the exact size and the six categories' answers */
static bool
ok_count(const json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 0;
}

static bool
ok_sme_group(const json_t *v)
{
	return json_string_length(v) == 0 ||
	    sme_group_from_key(json_string_value(v)) >= 0;
}

static bool
ok_it_use(const json_t *v)
{
	return json_string_length(v) == 0 ||
	    cat_it_from_key(json_string_value(v)) >= 0;
}

static bool
ok_sec_posture(const json_t *v)
{
	return json_string_length(v) == 0 ||
	    cat_sec_from_key(json_string_value(v)) >= 0;
}

static const struct xcheck {
	const char	*table, *column;
	bool		(*ok)(const json_t *v);
	const char	*what;		/* what a good value looks like */
} xchecks[] = {
	{ "users", "role", ok_user_role, "a user role" },
	{ "users", "lang", ok_lang, "ja or en" },
	{ "members", "role", ok_member_role, "org_admin, advisor or member" },
	{ "rounds", "status", ok_status, "open or closed" },
	{ "rounds", "deadline", ok_deadline, "a date YYYY-MM-DD" },
	{ "respondents", "role", ok_resp_role,
	    "executive, manager or employee" },
	{ "respondents", "via", ok_via, "personal, shared or csv" },
	{ "respondents", "answers", ok_answers,
	    "25 answer characters, each 4, 2, 0, u or ." },
	{ "respondents", "complete", ok_bool, "0 or 1" },
	{ "org_principles", "principle", ok_principle, "a principle key" },
	{ "org_principles", "done", ok_bool, "0 or 1" },
	{ "orgs", "peer_share", ok_bool, "0 or 1" },
	{ "orgs", "capital_yen", ok_count, "a whole number of yen" },
	{ "orgs", "staff_count", ok_count, "a whole number of people" },
	{ "orgs", "sme_group", ok_sme_group, "an SME group key or \"\"" },
	{ "orgs", "it_use", ok_it_use, "none, daily, strategic or \"\"" },
	{ "orgs", "sec_posture", ok_sec_posture,
	    "unaware, lagging, balanced, strict or \"\"" },
	{ "org_latest", "shared", ok_bool, "0 or 1" },
	{ "policy_pub", "slug", ok_slug, "a published policy's name" },
};

/* Name of column k (0-based) of x, into out. */
static void
column_name(const struct xtable *x, size_t k, struct str *out)
{
	struct str rest = str_c(x->columns);

	do
		rest = str_cut(rest, ',', out);
	while (k-- > 0 && rest.p != NULL);
}

/*
 * Check value v of column k of table x as the server would: text must
 * be UTF-8 without NUL, and a column in xchecks must pass its check.
 * 0, or -1 with "table T, row R, column C: …" in err.
 */
static int
check_value(const struct xtable *x, size_t row, size_t k, const json_t *v,
    char *err, size_t errlen)
{
	struct str col;
	const char *what = NULL;
	size_t i;

	if (v == NULL || json_is_null(v))
		return 0;
	column_name(x, k, &col);
	if (json_is_string(v) && (strlen(json_string_value(v)) !=
	    json_string_length(v) || !str_utf8_valid((struct str){
	    json_string_value(v), json_string_length(v) })))
		what = "text without NUL characters";
	for (i = 0; what == NULL && i < sizeof(xchecks) / sizeof(xchecks[0]);
	    i++)
		if (strcmp(xchecks[i].table, x->name) == 0 &&
		    str_eq_c(col, xchecks[i].column) && !xchecks[i].ok(v))
			what = xchecks[i].what;
	if (what == NULL)
		return 0;
	if (json_is_string(v))
		snprintf(err, errlen, "table %s, row %zu, column %.*s: '%.40s' "
		    "is not valid (expected %s)", x->name, row, (int)col.n,
		    col.p, json_string_value(v), what);
	else
		snprintf(err, errlen, "table %s, row %zu, column %.*s: %lld is "
		    "not valid (expected %s)", x->name, row, (int)col.n, col.p,
		    (long long)json_integer_value(v), what);
	return -1;
}

static const json_t *
find_table(const json_t *tables, const char *name)
{
	size_t i;
	const json_t *t;

	json_array_foreach(tables, i, t)
		if (json_is_string(json_object_get(t, "name")) &&
		    strcmp(json_string_value(json_object_get(t, "name")),
		    name) == 0)
			return t;
	return NULL;
}

/* Whether the names in cols are the first names of want (a compact JSON
 * array of strings). */
static bool
prefix_of(const json_t *cols, const struct buf *want)
{
	struct buf b = BUF_INIT;
	bool ok;
	char *s;

	if ((s = json_dumps(cols, JSON_COMPACT)) == NULL)
		return false;
	/* "[a,b]" is a prefix of "[a,b,c]" up to the closing bracket. */
	buf_adds(&b, s);
	free(s);
	ok = b.n >= 2 && b.n - 1 < want->n &&
	    memcmp(b.p, want->p, b.n - 1) == 0 && want->p[b.n - 1] == ',';
	buf_free(&b);
	return ok;
}

static int
import_table(struct db_conn *c, const struct xtable *x, const json_t *t,
    size_t *rows, char *err, size_t errlen)
{
	struct buf want = BUF_INIT, got = BUF_INIT;
	const json_t *row, *cols = json_object_get(t, "columns");
	json_t *late = NULL;
	size_t i, k, n = strlen(x->types), have = n, skip = 0;
	int rc = 0;

	/* The columns must be the ones this program writes. */
	columns_json(&want, x->columns);
	{
		char *s = json_dumps(cols, JSON_COMPACT);

		buf_adds(&got, s ? s : "");
		free(s);
	}
	for (i = 0, k = 0; i < want.n; i++)	/* compare without spaces */
		if (want.p[i] != ' ')
			want.p[k++] = want.p[i];
	want.n = k;
	if (got.n != want.n || memcmp(got.p, want.p, k) != 0) {
		/* An export of an earlier version: the same columns but
		 * the last of the late ones (all or some, as columns came
		 * in several versions), which take their defaults. */
		if (x->late != NULL && json_is_array(cols) &&
		    (late = json_loads(x->late, 0, NULL)) != NULL &&
		    json_array_size(cols) < n && json_array_size(cols) +
		    json_array_size(late) >= n && prefix_of(cols, &want)) {
			have = json_array_size(cols);
			skip = json_array_size(late) - (n - have);
		} else {
			snprintf(err, errlen, "table %s: columns %s, "
			    "expected %s", x->name, buf_cstr(&got),
			    buf_cstr(&want));
			rc = -1;
			goto out;
		}
	}
	json_array_foreach(json_object_get(t, "rows"), i, row) {
		struct db_stmt *st = db_stmt(c, x->imp);

		if (!json_is_array(row) || json_array_size(row) != have) {
			snprintf(err, errlen, "table %s, row %zu: expected %zu "
			    "values", x->name, i + 1, have);
			rc = -1;
			break;
		}
		for (k = 0; k < n; k++)
			if (bind_value(st, (int)k + 1, x->types[k],
			    k < have ? json_array_get(row, k) :
			    json_array_get(late, skip + k - have)) != 0) {
				snprintf(err, errlen, "table %s, row %zu, column "
				    "%zu: wrong type", x->name, i + 1, k + 1);
				rc = -1;
				goto out;
			}
		for (k = 0; k < have; k++)
			if (check_value(x, i + 1, k, json_array_get(row, k), err,
			    errlen) != 0) {
				rc = -1;
				goto out;
			}
		if (db_exec(st) != DB_OK) {
			snprintf(err, errlen, "table %s, row %zu: %s", x->name,
			    i + 1, db_errmsg(c));
			rc = -1;
			break;
		}
		(*rows)++;
	}
out:
	json_decref(late);
	buf_free(&want);
	buf_free(&got);
	return rc;
}

/* The trigger that counts revisions ran while respondents came in: put
 * the exported revisions back. */
static int
restore_revisions(struct db_conn *c, const json_t *rounds)
{
	const json_t *row;
	size_t i;

	json_array_foreach(json_object_get(rounds, "rows"), i, row) {
		struct db_stmt *st = db_stmt(c, STMT_ROUND_SET_REVISION);

		db_bind_int(st, 1, json_integer_value(json_array_get(row, 0)));
		db_bind_int(st, 2, json_integer_value(json_array_get(row, 7)));
		if (db_exec(st) != DB_OK)
			return -1;
	}
	return 0;
}

int
transfer_check(struct db *db, FILE *f, size_t *rows, char *err,
    size_t errlen)
{
	json_error_t je;
	json_t *doc, *tables;
	size_t t;
	int rc = -1;

	*rows = 0;
	check_tables();
	if ((doc = json_loadf(f, 0, &je)) == NULL) {
		snprintf(err, errlen, "%d:%d: %s", je.line, je.column, je.text);
		return -1;
	}
	tables = json_object_get(doc, "tables");
	if (json_integer_value(json_object_get(doc, "mamori_export")) !=
	    EXPORT_VERSION || !json_is_array(tables) ||
	    json_integer_value(json_object_get(doc, "schema")) !=
	    db_version(db)) {
		snprintf(err, errlen, "not an export of this database's schema");
		goto out;
	}
	for (t = 0; t < NXTABLES; t++) {
		const struct xtable *x = &xtables[t];
		const json_t *tab = find_table(tables, x->name);
		const json_t *rs = json_object_get(tab, "rows"), *row;
		size_t ncol = strlen(x->types), i, k;

		if (tab == NULL || !json_is_array(rs)) {
			snprintf(err, errlen, "table %s is missing", x->name);
			goto out;
		}
		json_array_foreach(rs, i, row) {
			if (!json_is_array(row) || json_array_size(row) != ncol) {
				snprintf(err, errlen, "%s, row %zu: not %zu "
				    "columns", x->name, i + 1, ncol);
				goto out;
			}
			for (k = 0; k < ncol; k++) {
				const json_t *v = json_array_get(row, k);

				if (!json_is_null(v) && (x->types[k] == 'i' ?
				    !json_is_integer(v) : !json_is_string(v))) {
					snprintf(err, errlen, "%s, row %zu, "
					    "column %zu: wrong type", x->name,
					    i + 1, k + 1);
					goto out;
				}
			}
			(*rows)++;
		}
	}
	rc = 0;
out:
	json_decref(doc);
	return rc;
}

int
transfer_import(struct db *db, FILE *f, size_t *rows, char *err,
    size_t errlen)
{
	struct db_conn *c;
	struct db_stmt *st;
	json_error_t je;
	json_t *doc, *tables;
	size_t t;
	int rc = -1;

	*rows = 0;
	check_tables();
	if ((doc = json_loadf(f, 0, &je)) == NULL) {
		snprintf(err, errlen, "%d:%d: %s", je.line, je.column, je.text);
		return -1;
	}
	tables = json_object_get(doc, "tables");
	if (json_integer_value(json_object_get(doc, "mamori_export")) !=
	    EXPORT_VERSION || !json_is_array(tables)) {
		snprintf(err, errlen, "not a mamori export");
		json_decref(doc);
		return -1;
	}
	if (json_integer_value(json_object_get(doc, "schema")) !=
	    db_version(db)) {
		snprintf(err, errlen, "the export has schema %lld, this database "
		    "%d: import it with the mamori that made it",
		    (long long)json_integer_value(json_object_get(doc,
		    "schema")), db_version(db));
		json_decref(doc);
		return -1;
	}
	c = db_acquire(db);
	st = db_stmt(c, STMT_COUNT_USERS_ORGS);
	if (db_step(st) != DB_ROW || db_col_int(st, 0) != 0) {
		snprintf(err, errlen, "the database already holds accounts or "
		    "organisations: import into a new, empty one");
		goto out;
	}
	if (db_begin(c) != DB_OK) {
		snprintf(err, errlen, "cannot begin: %s", db_errmsg(c));
		goto out;
	}
	for (t = 0; t < NXTABLES; t++) {
		const json_t *tab = find_table(tables, xtables[t].name);

		if (tab == NULL) {
			snprintf(err, errlen, "the export has no table %s",
			    xtables[t].name);
			goto rollback;
		}
		if (import_table(c, &xtables[t], tab, rows, err, errlen) != 0)
			goto rollback;
	}
	if (restore_revisions(c, find_table(tables, "rounds")) != 0) {
		snprintf(err, errlen, "restoring revisions: %s", db_errmsg(c));
		goto rollback;
	}
	st = db_stmt(c, STMT_IMPORT_DONE);
	if (db_exec(st) != DB_OK || db_commit(c) != DB_OK) {
		snprintf(err, errlen, "finishing the import: %s", db_errmsg(c));
		goto rollback;
	}
	rc = 0;
	goto out;
rollback:
	db_rollback(c);
out:
	db_release(db, c);
	json_decref(doc);
	return rc;
}
