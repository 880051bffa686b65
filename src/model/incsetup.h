/*
 * incsetup: an organisation's incident-response structure (issue 14) —
 * the top responsible person (最高責任者), the response lead (対応責任者)
 * and the first responder (一次対応者), each a member of the organisation
 * or a row of its contacts register (the BCP's owners and contacts), and
 * which of the three takes each incident level 0–3, with the
 * organisation's own words for a level where it wants them.  That there are
 * three roles and four levels, each with its responder, is the seeds'
 * (SEEDFACTS §5.1); what the levels mean and whom each goes to by
 * default is ours (content/incidents.yaml), and the organisation may
 * change the responders.
 *
 * Kept as the settings of the incidents register (register_settings_get
 * and _put: one JSON body, an optimistic revision, audited by the
 * engine):
 *
 *   {"top": "member:12", "lead": "contact:5", "first": null,
 *    "levels": ["first", "lead", "lead", "top"],
 *    "definitions": [null, "…our own words for level 1…", null, null]}
 *
 * A person is "member:<user id>" or "contact:<contacts row id>", or null
 * while nobody is chosen.  Reading is lenient — a member who has left or
 * a contact row deleted since reads as chosen but not found; a missing or
 * unknown responder key reads as the level's default — so a stored body
 * never stops a page or the card.  Writing is checked by the caller
 * (incsetup_check) against the organisation's members and contacts.
 *
 * Model only: no HTTP, no content pack (the defaults are passed in).
 */
#ifndef MAMORI_MODEL_INCSETUP_H
#define MAMORI_MODEL_INCSETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"
#include "model/incident.h"
#include "model/org.h"
#include "model/register.h"

/* Who a role names. */
enum incsetup_kind {
	INCSETUP_NOBODY,	/* not chosen yet */
	INCSETUP_MEMBER,	/* a member of the organisation, by user id */
	INCSETUP_CONTACT,	/* a row of the contacts register, by id */
	INCSETUP_KIND__MAX
};

/* One role's person, and what is known of them once resolved. */
struct incsetup_person {
	enum incsetup_kind	 kind;
	int64_t			 id;	/* user or row id; 0 for nobody */
	/* incsetup_resolve() fills the rest ("" and false before) */
	bool			 found;	/* still a member, or the row still
					   there */
	const char		*name;	/* a member's e-mail (the accounts
					   keep no other name); a contact's
					   company and person ("会社 担当"),
					   or else its owner */
	const char		*phone;	/* a contact's; "" */
	const char		*email;	/* a member's or a contact's; "" */
	const struct register_row *row;	/* the contact's row, or NULL */
};

/* The most characters of a level's own definition. */
#define INCSETUP_DEF_MAX	300

/* The structure. */
struct incsetup {
	struct incsetup_person	 who[INC_STRUCT_ROLES];	/* by enum
							   incident_role */
	enum incident_role	 level[INC_LEVELS];	/* each
							   < INC_STRUCT_ROLES */
	/* what a level means in the organisation's words; "" for the
	 * pack's (never NULL) */
	const char		*definition[INC_LEVELS];
};

/* The structure as stored, with what it can name, read at one moment. */
struct incsetup_all {
	struct incsetup		 s;	/* resolved */
	struct register_settings set;	/* rev, when and by whom saved */
	struct org_member	*members;	/* the organisation's, by e-mail */
	size_t			 nmembers;
	struct register_row	*contacts;	/* its contacts rows, by id */
	size_t			 ncontacts;
};

/* "top", "lead", "first" (the API's keys, which are the pack's); ""
 * for anything else. */
const char	*incsetup_role_key(int role);
/* The role whose key is key (< INC_STRUCT_ROLES), or -1. */
int		 incsetup_role_of(const char *key);

/*
 * A person from its text: NULL or "" is nobody; "member:N" and
 * "contact:N", N a whole number from 1, name one.  0, or -1 (p left
 * nobody) for anything else.
 */
int		 incsetup_ref_read(const char *text, struct incsetup_person *p);
/* The text of p as incsetup_ref_read takes it ("" for nobody), in a. */
const char	*incsetup_ref_text(const struct incsetup_person *p,
		    struct arena *a);

/* The structure of body (the stored JSON; NULL or not an object: none
 * chosen), leniently, the responders missing or unknown taken from
 * dflt[level] (each < INC_STRUCT_ROLES), a definition that is not a
 * string (or longer than INCSETUP_DEF_MAX characters) as none.  Nobody
 * is resolved yet; the definitions' text in a. */
void		 incsetup_read(const char *body,
		    const enum incident_role dflt[INC_LEVELS],
		    struct arena *a, struct incsetup *s);
/* The body of s as stored (the form shown above), appended to out. */
void		 incsetup_body(const struct incsetup *s, struct buf *out);

/* Fill p's found, name, phone, email and row from x's members and
 * contacts (strings point into x's memory, or a contact's company and
 * person joined in a; a NULL: the company alone). */
void		 incsetup_resolve(const struct incsetup_all *x,
		    struct incsetup_person *p, struct arena *a);
/*
 * Whether p may be stored for x's organisation: nobody, a member of it,
 * or a row of its contacts register.  RFE_OK, RFE_MEMBER (not a member
 * of this organisation) or RFE_REF (no such contacts row here).
 */
enum rf_err	 incsetup_check(const struct incsetup_all *x,
		    const struct incsetup_person *p);

/*
 * Read organisation org's structure (defaults dflt), its members and its
 * contacts rows through c into *x, each person resolved; memory from a.
 * DB_OK or a negative enum db_rc.
 */
int		 incsetup_load(struct db_conn *c, const struct register_env *e,
		    int64_t org, const enum incident_role dflt[INC_LEVELS],
		    struct arena *a, struct incsetup_all *x);

#endif
