/*
 * audit: the audit log's closed set of events and how rows are written.
 * Every event the code records is one enum value with a stable key (what
 * the audit table stores) and the kind of detail it carries, so pages can
 * show a label and the detail in words, and tests can walk every event.
 */
#ifndef MAMORI_MODEL_AUDIT_H
#define MAMORI_MODEL_AUDIT_H

#include <stdint.h>

#include "base/str.h"
#include "db/db.h"

enum audit_ev {
	AUDIT_LOGIN,			/* "login" */
	AUDIT_LOGIN_FAILED,		/* "login_failed" */
	AUDIT_LOGIN_LIMITED,		/* "login_limited" */
	AUDIT_LOGOUT,			/* "logout" */
	AUDIT_ADMIN_CREATED,		/* "admin_created" */
	AUDIT_INVITE_CREATED,		/* "invite_created" */
	AUDIT_INVITE_ACCEPTED,		/* "invite_accepted" */
	AUDIT_USER_ADDED,		/* "user_added" */
	AUDIT_PASSWORD_CHANGED,		/* "password_changed" */
	AUDIT_ROLE_CHANGED,		/* "role_changed" */
	AUDIT_API_TOKEN_CREATED,	/* "api_token_created" */
	AUDIT_API_TOKEN_REVOKED,	/* "api_token_revoked" */
	AUDIT_ORG_CREATED,		/* "org_created" */
	AUDIT_MEMBER_REMOVED,		/* "member_removed" */
	AUDIT_PEER_SHARE,		/* "peer_share" */
	AUDIT_SA_UPDATED,		/* "security_action_updated" */
	AUDIT_ROUND_OPENED,		/* "round_opened" */
	AUDIT_ROUND_CLOSED,		/* "round_closed" */
	AUDIT_ROUND_REOPENED,		/* "round_reopened" */
	AUDIT_ANSWERS_IMPORTED,		/* "answers_imported" */
	AUDIT_ANSWERS_REIMPORTED,	/* "answers_reimported" */
	AUDIT_RESP_DELETED,		/* "respondent_deleted" */
	AUDIT_RESP_MERGED,		/* "respondents_merged" */
	AUDIT_EXPORT,			/* "export" */
	AUDIT_POLICY_SAVED,		/* "policy_saved" */
	AUDIT_POLICY_APPROVED,		/* "policy_approved" */
	AUDIT_POLICY_PUBLISHED,		/* "policy_published" */
	AUDIT_POLICY_UNPUBLISHED,	/* "policy_unpublished" */
	AUDIT_ROUND_COMMENTED,		/* "round_commented" */
	AUDIT_ACCOUNT_LOCKED,		/* "account_locked" */
	AUDIT_SHARED_CAP,		/* "shared_cap_changed" */
	AUDIT_REG_ADDED,		/* "register_row_added" */
	AUDIT_REG_EDITED,		/* "register_row_edited" */
	AUDIT_REG_DELETED,		/* "register_row_deleted" */
	AUDIT_REG_IMPORTED,		/* "register_imported" */
	AUDIT_RISKS_ACCEPTED,		/* "risks_accepted" */
	AUDIT_REG_SETTINGS,		/* "register_settings_saved" */
	AUDIT_CARD_MADE,		/* "bcp_card_link_made" */
	AUDIT_CARD_REVOKED,		/* "bcp_card_link_revoked" */
	AUDIT_HEARING_SAVED,		/* "hearing_saved" */
	AUDIT_PLEDGE_RECORDED,		/* "pledge_recorded" */
	AUDIT_ENG_OPENED,		/* "engagement_opened" */
	AUDIT_ENG_VISIT,		/* "engagement_visit_saved" */
	AUDIT_ENG_HOMEWORK,		/* "engagement_homework_done" */
	AUDIT_ENG_DELIV,		/* "engagement_deliverable_set" */
	AUDIT_ENG_FINAL,		/* "engagement_final_saved" */
	AUDIT_OFFICE_ADDED,		/* "office_added" */
	AUDIT_OFFICE_MEMBER,		/* "office_member_set" */
	AUDIT_OFFICE_ADVISOR,		/* "office_advisor_added" */
	AUDIT_OFFICE_ENG,		/* "office_engagement_set" */
	/* two-step sign-in and calendar feeds (issue 16) */
	AUDIT_TWOSTEP_ON,		/* "twostep_on" */
	AUDIT_TWOSTEP_OFF,		/* "twostep_off" */
	AUDIT_TWOSTEP_RECOVERY,		/* "twostep_recovery_used" */
	AUDIT_TWOSTEP_FAILED,		/* "twostep_failed" */
	AUDIT_TWOSTEP_REQUIRED,		/* "twostep_required_set" */
	AUDIT_CAL_MADE,			/* "calendar_link_made" */
	AUDIT_CAL_REVOKED,		/* "calendar_link_revoked" */
	AUDIT_ESTIMATE_SAVED,		/* "estimate_saved" */
	AUDIT_ESTIMATE_DELETED,		/* "estimate_deleted" */
	AUDIT_ESTIMATE_MONEY,		/* "estimate_money_saved" */
	AUDIT_EV__MAX
};

/* What an event's detail column holds. */
enum audit_detail {
	AUDIT_D_NONE,		/* nothing */
	AUDIT_D_TEXT,		/* as written: e-mail, name, title, address */
	AUDIT_D_ROLE,		/* an organisation role key ("member") */
	AUDIT_D_ROLE_CHANGE,	/* "[e-mail: ]old → new", role keys; instance
				 * roles when the row has no organisation */
	AUDIT_D_COUNT,		/* a number of respondents ("3") */
	AUDIT_D_RISKS,		/* a number of risks ("12") */
	AUDIT_D_ROUND,		/* a round's number ("12") */
	AUDIT_D_VERSION,	/* a policy version ("2") */
	AUDIT_D_EXPORT,		/* "round 12 pdf", "register assets csv" */
	AUDIT_D_ONOFF,		/* "on" or "off" */
	AUDIT_D_RESP,		/* "<round> <respondent> <merged from, 0:
				 * none> <name>": "12 34 0 山田" */
	AUDIT_D_CAP,		/* "<round> <old cap> <new cap>": "12 150
				 * 300" */
	AUDIT_D_REG_ROW,	/* "<register> <row id> <title>": "assets 7
				 * 顧客名簿" */
	AUDIT_D_REG_COUNT,	/* "<register> <rows>": "assets 12" */
	AUDIT_D__MAX
};

/* The addr column of rows written from the command line. */
#define AUDIT_ADDR_CLI	"cli"

/* Stable key of an event (never NULL for a valid ev). */
const char		*audit_ev_key(enum audit_ev ev);
/* The event a stored key names, or -1 (rows from a newer version). */
int			 audit_ev_from_key(struct str key);
/* What the event's detail holds. */
enum audit_detail	 audit_ev_detail(enum audit_ev ev);

/*
 * Append a row to the audit log.  org_id/user_id 0 mean none; detail and
 * addr may be NULL (stored empty).  Failure is logged, never returned:
 * the action it records has already happened.
 */
void	audit(struct db_conn *c, int64_t org_id, int64_t user_id,
	    enum audit_ev ev, const char *detail, const char *addr);

#endif
