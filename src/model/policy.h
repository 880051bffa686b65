/*
 * policy: the basic information security policy (SPEC §4).  Every save
 * is a new numbered version of the whole text, kept for ever; the
 * organisation admin approves a version; publishing puts the latest
 * approved version at a public address /p/{slug}/policy until it is
 * unpublished.  The text itself starts from the content pack's template
 * (pages fill it in); here it is only data.
 */
#ifndef MAMORI_MODEL_POLICY_H
#define MAMORI_MODEL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"

/* The five commitments, in this order (content/policy.yaml). */
enum policy_commitment {
	PC_LEADERSHIP,		/* management takes the lead */
	PC_ORGANISATION,	/* an internal organisation and rules */
	PC_PEOPLE,		/* employees' knowledge and skills */
	PC_COMPLIANCE,		/* laws, regulations, contracts */
	PC_INCIDENTS,		/* incidents, violations, recurrence */
	PC__MAX
};

/* Whose information the policy covers. */
enum policy_scope {
	PS_ENTRUSTED,	/* entrusted by customers and partners */
	PS_OWN,		/* the company's own */
	PS_BOTH,
	PS__MAX
};

/* The fields of a policy, for forms, errors and the diff. */
enum policy_field {
	PF_COMPANY,
	PF_SCOPE,
	PF_PREAMBLE,
	PF_COMMITMENTS,	/* the five titles and texts as a group */
	PF_CLOSING,
	PF_ENACTED,
	PF_REP_TITLE,
	PF_REP_NAME,
	PF__MAX
};

#define POLICY_TEXT_MAX	4000	/* characters (code points) of a paragraph */
#define POLICY_LINE_MAX	200	/* characters of a one-line field */
#define POLICY_SLUG_MIN	3
#define POLICY_SLUG_MAX	40

/* The whole text of one version.  Strings are never NULL ("" when
 * empty). */
struct policy_body {
	const char	*lang;		/* "ja" or "en": the text's language */
	const char	*company;
	int		 scope;		/* enum policy_scope, -1 not chosen */
	const char	*scope_text;	/* the scope sentence as published */
	const char	*preamble;
	struct {
		const char *title, *text;
	}		 c[PC__MAX];
	const char	*closing;	/* may be empty */
	const char	*enacted;	/* YYYY-MM-DD, or "" */
	const char	*rep_title;
	const char	*rep_name;
};

struct policy_version {
	int64_t		 id;
	int64_t		 org_id;
	int		 version;	/* 1, 2, … within the organisation */
	struct policy_body b;
	int64_t		 created_at;
	const char	*created_by;	/* e-mail, or "" */
	int64_t		 approved_at;	/* 0: not approved */
	const char	*approved_by;	/* e-mail, or "" */
};

struct policy_pub {
	bool		 published;
	const char	*slug;		/* NULL when not published */
	int64_t		 version_id;
	int		 version;
	int64_t		 published_at;
};

/* Stable keys: "leadership"…, "entrusted"…, "company"… */
const char	*policy_commitment_key(enum policy_commitment c);
const char	*policy_scope_key(enum policy_scope s);
const char	*policy_field_key(enum policy_field f);
int		 policy_scope_from_key(const char *s);

/*
 * Which required fields are empty: missing[f] for each field (the
 * closing is optional; PF_COMMITMENTS when any title or text is empty).
 * Returns how many.  Pure.
 */
int	policy_missing(const struct policy_body *b, bool missing[PF__MAX]);
/* Whether s holds more than blanks (ASCII white space, U+3000). */
bool	policy_filled(const char *s);
/* Whether s is a valid date YYYY-MM-DD (a real day of the Gregorian
 * calendar, years 1900–2999). */
bool	policy_date_ok(const char *s);
/* Whether s may name a public address: POLICY_SLUG_MIN..MAX characters
 * of a-z, 0-9 and '-', starting and ending with a letter or digit. */
bool	policy_slug_ok(const char *s);

/* The body as JSON text (for storage) and back.  policy_body_parse
 * returns -1 when s is not such a document; strings go into a. */
void	policy_body_json(struct buf *out, const struct policy_body *b);
int	policy_body_parse(struct arena *a, const char *s,
	    struct policy_body *b);
/* Whether two bodies say the same. */
bool	policy_body_equal(const struct policy_body *x,
	    const struct policy_body *y);

/* The latest version: DB_OK, DB_DONE when there is none, or < 0. */
int	policy_latest(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct policy_version *out);
/* Version number version of the organisation: DB_OK, DB_DONE, < 0. */
int	policy_get(struct db_conn *c, struct arena *a, int64_t org_id,
	    int version, struct policy_version *out);
/* Every version, newest first (bodies not parsed: b is zeroed). */
int	policy_list(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct policy_version **out, size_t *n);
/*
 * Save b as a new version by user_id.  DB_OK with *version set; DB_DONE
 * when it says exactly what the latest version says (nothing saved,
 * *version is the latest); < 0 on error.
 */
int	policy_save(struct db_conn *c, struct arena *a, int64_t org_id,
	    const struct policy_body *b, int64_t user_id, int *version);
/* Approve version, which must be the latest and not yet approved.
 * DB_OK, DB_DONE when it is not (someone saved since, or approved), < 0. */
int	policy_approve(struct db_conn *c, int64_t org_id, int version,
	    int64_t user_id);

/* The publication of an organisation's policy.  DB_OK or < 0. */
int	policy_pub_get(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct policy_pub *out);
/*
 * Publish the latest approved version at slug (replacing an earlier
 * publication of this organisation).  DB_OK; DB_E_CONSTRAINT when another
 * organisation holds slug; DB_DONE when there is no approved version;
 * < 0 on error.
 */
int	policy_publish(struct db_conn *c, struct arena *a, int64_t org_id,
	    const char *slug);
/* Take it down.  DB_OK (also when it was not published) or < 0. */
int	policy_unpublish(struct db_conn *c, int64_t org_id);
/* The published version at slug: DB_OK, DB_DONE when nothing is
 * published there, < 0. */
int	policy_public(struct db_conn *c, struct arena *a, const char *slug,
	    struct policy_version *out, struct policy_pub *pub);
/* A free slug like base ("base-2", "base-3"…), or NULL on error. */
const char *policy_slug_suggest(struct db_conn *c, struct arena *a,
	    const char *base);

#endif
