/*
 * register: every list a company keeps (its information assets, later
 * its risks, plan rows, regulation areas…) is a register, declared once
 * in registers.c as a table of typed fields, and served by this one
 * engine: values read from text (a form, a CSV cell, a JSON member) and
 * checked against the declaration, rows kept as a JSON body in one table
 * for every register (sql/…/0013_registers.sql), each save a new
 * revision with its whole body in the history, a stale save refused.
 * No SQL is built here: the statements are the closed set of stmt.h, the
 * same for every register, and a register's key is only ever a value.
 *
 * Why one table with a JSON body, not a typed table per register: a new
 * field is then one declaration line and its labels, with no migration
 * on either engine; the history keeps whole bodies, so it needs nothing
 * per field either; and an organisation's register is small (hundreds
 * of rows, REGISTER_ROWS_MAX at most), so sorting, filtering and search
 * run in C over one indexed range of rows.  What is given up, a
 * database-side filter or foreign key on a field, the engine checks
 * itself.
 *
 * Model only: no HTTP, no SQL text, no content pack.  The key sets enum
 * fields draw on come from the content packs through a struct
 * register_env the caller fills once (content_register_env).
 */
#ifndef MAMORI_MODEL_REGISTER_H
#define MAMORI_MODEL_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"
#include "model/incident.h"

struct appi_rule;
struct register_who;

enum register_kind {
	REGISTER_ASSETS,	/* 情報資産管理台帳 (issue 12 §2) */
	REGISTER_RISKS,		/* risk analysis (issue 12 §3) */
	REGISTER_PLAN,		/* 情報セキュリティ対策実行計画書 (§4) */
	REGISTER_REGULATIONS,	/* 関連規程の見直し (§5) */
	REGISTER_PROCESSES,	/* business processes (issue 13) */
	REGISTER_SYSTEMS,	/* systems and their backups (issue 13) */
	REGISTER_RECOVERY,	/* the two-stage recovery steps (issue 13) */
	REGISTER_CONTACTS,	/* recovery owners and contacts (issue 13) */
	REGISTER_DISRUPTIONS,	/* assumed incidents (issue 13) */
	REGISTER_EXERCISES,	/* tabletop exercises held (issue 13) */
	REGISTER_INCIDENTS,	/* incidents and their report clock (issue 14) */
	REGISTER_INCIDENT_REPORTS,	/* an incident reported or disclosed to
					   a destination (issue 14) */
	REGISTER_INCIDENT_INTAKE,	/* an incident's intake questionnaire
					   (issue 14) */
	REGISTER_INCIDENT_LOG,	/* an incident's work log (issue 14) */
	REGISTER_INCIDENT_STEPS,	/* the playbook steps done (issue 14) */
	REGISTER_INCIDENT_LESSONS,	/* lessons learned, one row per
					   incident (issue 14) */
	REGISTER_PEOPLE,	/* the inventories (issue 15): users */
	REGISTER_DEVICES,	/* devices, and who may use them */
	REGISTER_SHARES,	/* shared folders, and who may use them */
	REGISTER_SERVICES,	/* outside services, and who may use them */
	REGISTER_ADDRESSES,	/* IP addresses */
	REGISTER__MAX
};

/* The types a field may have. */
enum rf_type {
	RF_TEXT,	/* one line, at most max characters */
	RF_LONG,	/* several lines, at most max characters */
	RF_ENUM,	/* a key of a key set */
	RF_INT,		/* a whole number min…max */
	RF_DATE,	/* YYYY-MM-DD, a real day */
	RF_MONTH,	/* YYYY-MM */
	RF_BOOL,	/* true or false */
	RF_REF,		/* the id of a row of another register, of the same
			   organisation (taken as the id or the row's title) */
	RF_MEMBER,	/* a member of the row's organisation: the user's id
			   (taken as the id or the e-mail address) */
	RF_DATETIME,	/* a moment: ISO 8601 with an offset, or a local
			   YYYY-MM-DDTHH:MM taken as Japan time; kept as
			   Japan time, "YYYY-MM-DDTHH:MM:SS+09:00" (i: Unix
			   seconds) */
	RF_SET,		/* several keys of a key set (at most 63 keys) */
	RF_REFS,	/* several rows of another register (RF_REF's rule,
			   by id, at most REGISTER_REFS_MAX) */
	RF_GRANTS,	/* rows of another register (ref), each with a key of
			   a closed legend (keys): model/grants.h */
	RF__MAX
};

/* The key sets enum fields draw on (content packs fill them). */
enum register_keyset {
	KS_NONE,
	KS_ASSET_CATEGORY,	/* assets.yaml categories (open list) */
	KS_ASSET_MEDIA,		/* fixed: enum asset_media order */
	KS_ASSET_PERSONAL,	/* fixed: enum asset_personal order */
	KS_THREAT,		/* threats.yaml (open list) */
	KS_RISK_BAND,		/* fixed: enum risk_band order */
	KS_RISK_TREATMENT,	/* fixed: enum risk_treatment order */
	KS_PLAN_AREA,		/* fixed: enum plan_area order */
	KS_PLAN_LEVEL,		/* fixed: enum plan_level order */
	KS_PLAN_DIFFICULTY,	/* fixed: enum plan_difficulty order */
	KS_PLAN_DECISION,	/* fixed: enum plan_decision order */
	KS_PLAN_STATUS,		/* fixed: enum plan_status order */
	KS_PLAN_PRIORITY,	/* fixed: enum plan_priority order */
	KS_REG_AREA,		/* fixed: enum reg_area order */
	KS_REG_STATUS,		/* fixed: enum reg_status order */
	KS_BCP_PRIORITY,	/* fixed: enum bcp_priority order */
	KS_BCP_RTO,		/* fixed: "<preset>.<priority>", preset by
				   preset (bcp_rto_key) */
	KS_BCP_MEDIA,		/* fixed: enum bcp_media order */
	KS_BCP_MISS,		/* fixed: the 3-2-1 flags' order */
	KS_BCP_RESTORE,		/* fixed: enum bcp_restore order */
	KS_BCP_TARGET,		/* fixed: enum bcp_target order */
	KS_BCP_LAYER,		/* fixed: enum bcp_layer order */
	KS_BCP_STAGE,		/* fixed: provisional, permanent */
	KS_BCP_INCIDENT,	/* bcp.yaml incidents (open list) */
	KS_EXERCISE,		/* content/exercises/ scenarios (open list) */
	KS_EXERCISE_STATUS,	/* fixed: enum exercise_status order */
	KS_INC_KIND,		/* fixed: leak, tamper_outage, malware, fraud,
				   other (content/incidents.yaml) */
	KS_INC_STATUS,		/* fixed: open, contained, recovered, closed */
	KS_INC_DEST,		/* fixed: enum incident_dest order (ministry …
				   police, ppc) */
	KS_GRANT_RW,		/* fixed: update, read (model/grants.h) */
	KS_GRANT_SVC,		/* fixed: allowed, with_permission,
				   not_allowed */
	KS_INV_STATUS,		/* fixed: active, gone (people) */
	KS__MAX
};

/* Languages of a key's labels, in the order of enum lang (content.h). */
#define REGISTER_LANGS	2

struct register_keys {
	size_t		  n;
	const char	**key;
	const char	**label[REGISTER_LANGS];
};

/* What the content packs give the engine; filled once at start-up,
 * read-only after. */
struct register_env {
	struct register_keys	 ks[KS__MAX];
	/* the personal-data report rule (content/appi.yaml); NULL: none
	 * loaded, no deadline derived */
	const struct appi_rule	*appi;
	/* the steps of the playbook each incident kind follows, in order
	 * (content/incidents.yaml: keys, labels the steps' texts); n 0
	 * when none loaded */
	struct register_keys	 inc_steps[INC_KIND__MAX];
};

/* One field of a register. */
struct rf_decl {
	const char		*key;	/* API member, CSV column, form name */
	enum rf_type		 type;
	bool			 required;
	bool			 derived;	/* computed by derive(), never input */
	bool			 list;		/* a column of the list page */
	long			 min, max;	/* RF_INT bounds; RF_TEXT, RF_LONG:
						   max characters */
	enum register_keyset	 keys;		/* RF_ENUM, RF_SET; RF_GRANTS:
						   the legend */
	enum register_kind	 ref;		/* RF_REF, RF_REFS, RF_GRANTS:
						   the register */
};

/* The member beside field F in the API's rows: "F_name". */
#define REGISTER_NAME_SUFFIX	"_name"

#define REGISTER_FIELDS_MAX	24
#define REGISTER_ROWS_MAX	5000	/* rows one organisation may keep */
#define REGISTER_REFS_MAX	64	/* rows one RF_REFS value may name */

/* A field's value.  Unset fields have set false, i 0 and s "". */
struct register_val {
	bool		 set;
	/* RF_INT, RF_BOOL (0/1); RF_ENUM: the key's index in its set, -1
	 * when a stored key is no longer in it; RF_REF: the row's id, 0
	 * while it is named by its title (s) and not looked up yet
	 * (register_check_refs); RF_MEMBER: the user's id, 0 while it is
	 * named by e-mail (s) and not looked up yet */
	int64_t		 i;
	/* RF_TEXT, RF_LONG, RF_DATE, RF_MONTH; RF_ENUM: the key; RF_REF:
	 * the title of the row it names as read from the database ("" when
	 * that row is gone or the value was not read from there), or while
	 * i is 0 the title given;
	 * RF_MEMBER: the member's name as read from the database or looked
	 * up ("" when the user is no longer a member of the organisation),
	 * or while i is 0 the e-mail address given; RF_SET: the keys in
	 * their set's order, RF_REFS the ids ascending, each joined by ","
	 * (i: RF_SET the keys' bits, RF_REFS their count) */
	const char	*s;
	/* RF_REFS: the titles of the rows, joined by "; ", as read from
	 * the database; RF_GRANTS: each person's id, title and key
	 * (GRANTS_T_FIELD); NULL otherwise */
	const char	*t;
};

struct register_row {
	int64_t		 id;		/* 0: not stored yet */
	int64_t		 rev;		/* saves so far; 0: not stored */
	int64_t		 created_at, updated_at;
	const char	*updated_by;	/* e-mail, "" when unknown */
	struct register_val v[REGISTER_FIELDS_MAX];
};

/* Why a value or a row was refused.  Stable keys: register_err_key(). */
enum rf_err {
	RFE_OK,
	RFE_REQUIRED,	/* "required": empty but needed */
	RFE_UTF8,	/* "encoding": not UTF-8, or a control character */
	RFE_TOO_LONG,	/* "too_long": past max characters (a = max) */
	RFE_NOT_INT,	/* "not_integer" */
	RFE_RANGE,	/* "out_of_range": outside min…max (a, b) */
	RFE_KEY,	/* "unknown_key": not a key (nor a label) of its set */
	RFE_DATE,	/* "bad_date": not YYYY-MM-DD of a real day */
	RFE_MONTH,	/* "bad_month": not YYYY-MM */
	RFE_BOOL,	/* "not_boolean" */
	RFE_READONLY,	/* "read_only": a derived field was given */
	RFE_UNKNOWN,	/* "unknown_field": no such field */
	RFE_TYPE,	/* "wrong_type": a JSON value of the wrong kind */
	RFE_REF,	/* "no_such_row": names no row of its register in
			   this organisation */
	RFE_TAKEN,	/* "taken": another row has this value already */
	RFE_PAST,	/* "past": a date or month before today */
	RFE_TOO_FAR,	/* "too_far": more than a months ahead */
	RFE_FORMAT,	/* "bad_format": not in the form the field takes */
	RFE_REASON,	/* "reason_needed": a value other than the one
			   suggested (a) needs a reason */
	RFE_FUTURE,	/* "future": a day after today */
	RFE_EXCEEDS,	/* "exceeds": more than the field named by b
			   allows (a: its value) */
	RFE_DATETIME,	/* "bad_datetime": not a date and time */
	RFE_BEFORE,	/* "before_detected": awareness before detection */
	RFE_MEMBER,	/* "not_member": names nobody who is a member of
			   this organisation */
	RFE_AMBIGUOUS,	/* "ambiguous_ref": a title that more than one row
			   of the register has */
	RFE_CLOSED,	/* "closed": names an incident that is closed */
	RFE_PLAYBOOK,	/* "not_in_playbook": not a step of the playbook
			   of the incident's kind */
	RFE_UNREPORTED,	/* "unreported": closing an incident whose report
			   to the Commission is due and not ticked, without
			   saying who confirmed it */
	RFE_NOT_SELF,	/* "not_self": names someone else than the member
			   who saves */
	RFE_GRANT_KEY,	/* "grant_value": a value outside the field's legend
			   (a: the enum register_keyset) */
	RFE_GRANT_REF,	/* "grant_person": names nobody of the register's
			   rows in this organisation (what: as named) */
	RFE_PASSWORD,	/* "password_field": a member named like a password
			   (mamori never stores one) */
	RFE__MAX
};

struct register_err {
	size_t		 at;		/* register_add_many: the row's index */
	int		 field;		/* index, or -1 (name says which) */
	const char	*name;		/* the field's key as sent */
	enum rf_err	 code;
	long		 a, b;		/* numbers the message names */
	const char	*what;		/* text it names (a person), or NULL */
};

struct register_errs {
	size_t			 n;
	struct register_err	 e[REGISTER_FIELDS_MAX * 2];
};

struct register_decl {
	enum register_kind	 kind;
	const char		*key;	/* "assets": URL, storage, text keys */
	const struct rf_decl	*f;
	size_t			 nf;
	int			 title;	/* the field that names a row */
	int			 sort;	/* the list's default order… */
	bool			 sort_desc;	/* …highest first */
	/* Fill the derived fields of a row from the others (NULL: none). */
	void		(*derive)(const struct register_env *e,
			    struct register_row *row);
	/* A field no two rows of an organisation may share (-1: none). */
	int		 unique;
	/*
	 * Rules that need the time or the row before the change: old is
	 * the row as stored (NULL for a new row), now the Unix time.  Adds
	 * its errors to errs.  Run by the writes, in their transaction
	 * (NULL: none).
	 */
	void		(*check)(const struct register_env *e,
			    const struct register_row *row,
			    const struct register_row *old, int64_t now,
			    struct register_errs *errs);
	/* Fill the derived fields that depend on the rows the references
	 * name: ref[i] is the row field i names, or NULL (not a reference,
	 * unset, or gone).  Run by the reads of the database (NULL: none). */
	void		(*derive_refs)(const struct register_env *e,
			    struct register_row *row,
			    const struct register_row *const *ref);
	/*
	 * Fill the derived fields that depend on what the organisation set
	 * for the whole register (register_settings_get): settings_read
	 * turns the stored body ("{}" when never set) into what
	 * derive_settings reads, once per read of the database; both run
	 * after derive_refs (NULL: the register has no settings).
	 */
	const void	*(*settings_read)(const struct register_env *e,
			    const char *body, struct arena *ar);
	void		(*derive_settings)(const struct register_env *e,
			    const void *settings, struct register_row *row);
	/*
	 * Rules that need more of the database than the row: the rows its
	 * references name, rows of other registers (register_get and
	 * register_list on c).  Run by the writes in their transaction,
	 * after check, c the write's connection, who the writer, old and
	 * now as for check.  Adds its errors to errs; returns DB_OK or a
	 * negative enum db_rc (NULL: none).
	 */
	int		(*check_db)(struct db_conn *c,
			    const struct register_env *e, int64_t org,
			    const struct register_who *who,
			    const struct register_row *row,
			    const struct register_row *old, int64_t now,
			    struct register_errs *errs);
	/*
	 * Run after rows of the register were added, saved or deleted in
	 * org, in the write's transaction on c, now the write's Unix time:
	 * for what is kept from the register elsewhere (model/figures.h).
	 * DB_OK or a negative enum db_rc, which undoes the write (NULL:
	 * none).
	 */
	int		(*after_write)(struct db_conn *c, int64_t org,
			    int64_t now);
};

/* The declaration of k, or by its key (NULL when none). */
const struct register_decl *register_of(enum register_kind k);
const struct register_decl *register_by_key(const char *key);
/* The index of the field named key, or -1. */
int		 register_field(const struct register_decl *d, const char *key);
/* "required", "too_long"… ("" out of range). */
const char	*register_err_key(enum rf_err e);

/*
 * Read one value of field f from text (a form field, a CSV cell, a JSON
 * string): trimmed of white space (and U+3000) at both ends; empty means
 * unset; line breaks of an RF_LONG become LF.  An RF_ENUM takes a key,
 * or a label in any language; an RF_BOOL
 * 1/0, true/false, yes/no, はい/いいえ (any case); an RF_REF a row id (a
 * positive whole number), or else the row's title (kept as given, line
 * breaks as LF, with i 0, for register_check_refs to look up); an
 * RF_MEMBER a user id, or else an e-mail address (the same, in lower
 * case).  Returns RFE_OK, or
 * the reason with *a, *b the numbers its message names.  out's text is
 * in ar.
 */
enum rf_err	 register_value(const struct register_env *e,
		    const struct rf_decl *f, const char *text, struct arena *ar,
		    struct register_val *out, long *a, long *b);
/* A value as text, the way register_value reads it back ("" unset):
 * numbers in decimal, booleans 1/0, keys as keys. */
const char	*register_text(const struct rf_decl *f,
		    const struct register_val *v, struct arena *ar);
/* The label of an enum value in language lang (0 ja, 1 en); the stored
 * key when it is no longer in its set; "" when unset.  An RF_SET's keys,
 * an RF_REFS's titles (register_label_a gives an RF_SET's labels). */
const char	*register_label(const struct register_env *e,
		    const struct rf_decl *f, const struct register_val *v,
		    int lang);
/* register_label, with an RF_SET's labels joined ("、" in Japanese,
 * ", " in English) in ar. */
const char	*register_label_a(const struct register_env *e,
		    const struct rf_decl *f, const struct register_val *v,
		    int lang, struct arena *ar);
/* An RF_GRANTS value read from the database as its text form
 * (model/grants.h), each person by name where the name reads back whole
 * (people's names are unique), else by id: "田中=update; 12=read".  In
 * ar.  (register_text gives the ids.) */
const char	*register_grants_text(const struct register_val *v,
		    struct arena *ar);
/* How an RF_GRANTS value read from the database keeps, in t, each
 * person's id, title and key: fields split by GRANTS_T_FIELD, people by
 * GRANTS_T_ITEM (control characters no title holds). */
#define GRANTS_T_FIELD	"\x1f"
#define GRANTS_T_ITEM	"\x1e"
/* The ids of an RF_REFS value into ids[0..REGISTER_REFS_MAX); how many. */
size_t		 register_refs(const struct register_val *v, int64_t *ids);

/* Add an error to errs (ignored past its capacity). */
void		 register_err_add(struct register_errs *errs, int field,
		    const char *name, enum rf_err code, long a, long b);
/* Check what no single value can: the required fields.  Then fill the
 * derived fields.  Returns the number of errors added. */
size_t		 register_finish(const struct register_env *e,
		    const struct register_decl *d, struct register_row *row,
		    struct register_errs *errs);

/*
 * A row from a JSON object (the API): every member must be a field of
 * d that is not derived, a string, a number or a boolean (or null: unset)
 * as its type takes; "id", "rev", "created_at", "updated_at" and
 * "updated_by" are ignored (rev is the caller's), a member's "F_name" is
 * refused as read-only.  Then register_finish().  True when errs stayed
 * empty.  (Members named by e-mail are looked up by
 * register_check_refs.)
 */
bool		 register_from_json(const struct register_env *e,
		    const struct register_decl *d, const char *json, size_t n,
		    struct arena *ar, struct register_row *row,
		    struct register_errs *errs);
/* The stored body of a row: its set input fields, in declaration order. */
void		 register_body(const struct register_decl *d,
		    const struct register_row *row, struct buf *out);
/* A stored body back into row (lenient: a member that no longer reads
 * as its field's type is left unset), then derived fields.  0, or -1 when
 * body is not a JSON object. */
int		 register_from_body(const struct register_env *e,
		    const struct register_decl *d, const char *body,
		    struct arena *ar, struct register_row *row);
/* A row for the API: {"id", "rev", fields… (derived too, null when
 * unset; after each RF_MEMBER field F, "F_name": the member's name, null
 * when unset or no longer a member), "created_at", "updated_at",
 * "updated_by"}. */
void		 register_row_json(const struct register_decl *d,
		    const struct register_row *row, struct buf *out);
/* True when field f differs between rows a and b. */
bool		 register_differs(const struct rf_decl *f,
		    const struct register_val *a, const struct register_val *b);

/* ---- choosing rows (list pages, the API) ---- */

struct register_query {
	int		 sort;		/* field index; -1: the declaration's */
	bool		 desc;
	/* RF_ENUM/RF_BOOL filters: the value's index (bools 0/1), -1: any */
	int		 filter[REGISTER_FIELDS_MAX];
	const char	*q;		/* words every row shown contains, or
					   NULL (any case for ASCII) */
};

/* A query that chooses every row in the declaration's order. */
void		 register_query_init(const struct register_decl *d,
		    struct register_query *q);
/* The rows of v[0..n) that q chooses, in q's order, as indexes into v
 * (in ar); *out_n of them.  Ties keep the rows' id order. */
size_t		*register_select(const struct register_decl *d,
		    const struct register_row *v, size_t n,
		    const struct register_query *q, struct arena *ar,
		    size_t *out_n);

/* ---- the database ---- */

/* Positive results of the writes, apart from DB_OK. */
#define REGISTER_STALE	10	/* another save came first: nothing stored */
#define REGISTER_GONE	11	/* no such row (in this organisation) */
#define REGISTER_FULL	12	/* REGISTER_ROWS_MAX rows already */
#define REGISTER_BAD_REF 13	/* a reference names no row (any more), or a
				   member field someone who is not a member */
#define REGISTER_IN_USE	14	/* rows of another register refer to it */
#define REGISTER_INVALID 15	/* a rule of the write's own: see errs */

/* Every row of d in organisation org, by id, into *v (in ar), with the
 * titles of the rows its references name and the fields derived from
 * them.  DB_OK or a negative enum db_rc.  (register_get and
 * register_history read references the same way.) */
int		 register_list(struct db_conn *c, const struct register_env *e,
		    const struct register_decl *d, int64_t org,
		    struct arena *ar, struct register_row **v, size_t *n);
/* One row: DB_ROW, DB_DONE (none in org), or a negative enum db_rc. */
int		 register_get(struct db_conn *c, const struct register_env *e,
		    const struct register_decl *d, int64_t org, int64_t id,
		    struct arena *ar, struct register_row *row);
/* How many rows d has in org; -1 on a database error. */
int64_t		 register_count(struct db_conn *c,
		    const struct register_decl *d, int64_t org);

/* One revision of a row's history. */
struct register_rev {
	int64_t			 rev;
	const char		*op;	/* "add", "edit", "delete", "import" */
	int64_t			 at;
	const char		*who;	/* e-mail, "" when unknown */
	bool			 gone;	/* deleted: row holds the last body */
	struct register_row	 row;
};

/* The history of row id, oldest first (also of a deleted row).  DB_OK
 * (*n 0: none) or a negative enum db_rc. */
int		 register_history(struct db_conn *c,
		    const struct register_env *e, const struct register_decl *d,
		    int64_t org, int64_t id, struct arena *ar,
		    struct register_rev **v, size_t *n);

/* A row, or a member, that a reference may name. */
struct register_named {
	int64_t		 id;	/* the row's or the user's id */
	const char	*name;	/* the row's title as stored, the member's
				   e-mail; "" when none */
};

/*
 * What the references of a register's rows may name in one organisation,
 * read once for any number of rows: for each RF_REF field i the rows of
 * its register, for each RF_MEMBER field the organisation's members;
 * n[i] of them, by id in v[i], by name in by_name[i] (titles as stored,
 * e-mail addresses in any case).  Fields of other types have none.
 */
struct register_names {
	const struct register_named	*v[REGISTER_FIELDS_MAX];
	const struct register_named	*by_name[REGISTER_FIELDS_MAX];
	size_t				 n[REGISTER_FIELDS_MAX];
	struct arena			*ar;	/* where register_names_check
						   puts the RF_GRANTS values
						   it looks up */
};

/* Read what the references of d may name in org into *nm (memory from
 * ar).  DB_OK or a negative enum db_rc. */
int		 register_names_load(struct db_conn *c,
		    const struct register_decl *d, int64_t org,
		    struct arena *ar, struct register_names *nm);
/*
 * Check the references of row against nm: each RF_REF must name a row of
 * its register (RFE_REF; by a title two rows have, RFE_AMBIGUOUS), each
 * RF_MEMBER a member (RFE_MEMBER).  A row named by title and a member
 * named by e-mail get their ids, and every row and member found its title
 * or name (pointing into nm's memory), into row.  old is the row as
 * stored when row is to replace it (NULL for a new row): a member field
 * that is not required and that row keeps unchanged may name someone who
 * has left the organisation since (its name then "").
 */
void		 register_names_check(const struct register_decl *d,
		    const struct register_names *nm,
		    const struct register_row *old, struct register_row *row,
		    struct register_errs *errs);
/*
 * register_names_load() for the references row has, then
 * register_names_check(): DB_OK or a negative enum db_rc.  (The writes
 * check again, in their transaction: a row deleted or a member removed
 * meanwhile makes them answer REGISTER_BAD_REF.)
 */
int		 register_check_refs(struct db_conn *c,
		    const struct register_decl *d, int64_t org,
		    const struct register_row *old, struct arena *ar,
		    struct register_row *row, struct register_errs *errs);
/*
 * A reference's value as a CSV file names it, so that the import reads
 * the same reference back: an RF_REF as the title of the row it names
 * when nm (NULL: not read) shows no other row with that title and the
 * title is not a whole number (which the import takes for an id); an
 * RF_MEMBER as the member's e-mail (v->s); else as the id.  "" when
 * unset; other types as register_text().  In ar or nm's memory.
 */
const char	*register_ref_text(const struct register_decl *d,
		    const struct register_names *nm, size_t f,
		    const struct register_val *v, struct arena *ar);
/* How many rows of other registers of org refer to row id of d; -1 on a
 * database error. */
int64_t		 register_referrers(struct db_conn *c,
		    const struct register_env *e,
		    const struct register_decl *d, int64_t org, int64_t id);

/* What an organisation set for a whole register. */
struct register_settings {
	const char	*body;		/* JSON object; "{}" when never set */
	int64_t		 rev;		/* saves so far; 0: never set */
	int64_t		 updated_at;
	const char	*updated_by;	/* e-mail, "" when unknown */
};

/* The settings of d in org (never set: rev 0, body "{}").  DB_OK or a
 * negative enum db_rc. */
int		 register_settings_get(struct db_conn *c,
		    const struct register_decl *d, int64_t org,
		    struct arena *ar, struct register_settings *s);

/* Who writes, for the history and the audit log. */
struct register_who {
	int64_t		 user;
	const char	*addr;
};

/*
 * Durable writes (db_write: on disk before they return; the caller holds
 * no connection).  Each keeps the history and the audit log in the same
 * transaction.
 *
 * register_add stores row as a new row (*id its id): DB_OK,
 * REGISTER_FULL, REGISTER_BAD_REF, REGISTER_INVALID (a unique field
 * taken, or a rule of the declaration's check: the reasons in errs, which
 * may be NULL), or a negative enum db_rc.  register_add_many stores n
 * rows at once, all or none ("import" in the history).  register_save
 * stores row over row id when it is still at revision rev (*new_rev the
 * next): DB_OK, REGISTER_STALE, REGISTER_GONE, REGISTER_BAD_REF,
 * REGISTER_INVALID, or a negative enum db_rc.  register_delete deletes
 * row id when it is still at rev, the same, or REGISTER_IN_USE when rows
 * of other registers refer to it (then nothing is deleted).
 */
int		 register_add(struct db *db, const struct register_env *e, const struct register_decl *d,
		    int64_t org, const struct register_who *who,
		    const struct register_row *row, int64_t *id,
		    struct register_errs *errs);
int		 register_add_many(struct db *db, const struct register_env *e,
		    const struct register_decl *d, int64_t org,
		    const struct register_who *who,
		    const struct register_row *rows, size_t n,
		    struct register_errs *errs);
int		 register_save(struct db *db, const struct register_env *e, const struct register_decl *d,
		    int64_t org, const struct register_who *who, int64_t id,
		    int64_t rev, const struct register_row *row,
		    int64_t *new_rev, struct register_errs *errs);
/* One save of register_save_many: row over row id at rev; new_rev set
 * when stored. */
struct register_edit {
	int64_t			 id, rev;
	const struct register_row *row;
	int64_t			 new_rev;
};
/* Saves v[0..n) in one write, all or none: the first refused (*bad its
 * index, errs its reasons) undoes the others.  The results of
 * register_save. */
int		 register_save_many(struct db *db, const struct register_env *e,
		    const struct register_decl *d, int64_t org,
		    const struct register_who *who, struct register_edit *v,
		    size_t n, size_t *bad, struct register_errs *errs);
int		 register_delete(struct db *db, const struct register_decl *d,
		    int64_t org, const struct register_who *who, int64_t id,
		    int64_t rev);
/* Store body (a JSON object the caller checked) as the settings of d in
 * org when they are still at revision rev (0: never set); *new_rev the
 * next.  Audited.  DB_OK, REGISTER_STALE or a negative enum db_rc. */
int		 register_settings_put(struct db *db,
		    const struct register_decl *d, int64_t org,
		    const struct register_who *who, int64_t rev,
		    const char *body, int64_t *new_rev);

/* The personal-data facts of a row of the incidents register, as
 * model/appi.h reads them (registers.c). */
struct appi_case;
void		 registers_appi_case(const struct register_row *row,
		    struct appi_case *c);

/*
 * Whether incident id of org is ticked as reported to the Personal
 * Information Protection Commission: a row of the register
 * "incident_reports" naming it (field "incident") with the destination
 * "ppc" (field "destination").  1, 0 (also while no such register is
 * declared), or a negative enum db_rc.  (registers.c)
 */
int		 registers_incident_reported(struct db_conn *c,
		    const struct register_env *e, int64_t org, int64_t id);
/* The ids of the incidents of org ticked so, once each or more, into
 * *ids (in ar), *n of them: DB_OK (none while no such register is
 * declared) or a negative enum db_rc. */
int		 registers_reported_ids(struct db_conn *c,
		    const struct register_env *e, int64_t org, struct arena *ar,
		    int64_t **ids, size_t *n);

/* The backups of a row of the systems register, as model/bcp.h reads
 * them (registers.c). */
struct bcp_backup;
void		 registers_backup(const struct register_row *row,
		    struct bcp_backup *b);

#endif
