#include "model/audit.h"

#include "base/log.h"
#include "model/account.h"

static const struct {
	const char		*key;
	enum audit_detail	 detail;
} evs[AUDIT_EV__MAX] = {
	[AUDIT_LOGIN] = { "login", AUDIT_D_NONE },
	[AUDIT_LOGIN_FAILED] = { "login_failed", AUDIT_D_TEXT },
	[AUDIT_LOGIN_LIMITED] = { "login_limited", AUDIT_D_TEXT },
	[AUDIT_LOGOUT] = { "logout", AUDIT_D_NONE },
	[AUDIT_ADMIN_CREATED] = { "admin_created", AUDIT_D_TEXT },
	[AUDIT_INVITE_CREATED] = { "invite_created", AUDIT_D_ROLE },
	[AUDIT_INVITE_ACCEPTED] = { "invite_accepted", AUDIT_D_TEXT },
	[AUDIT_USER_ADDED] = { "user_added", AUDIT_D_TEXT },
	[AUDIT_PASSWORD_CHANGED] = { "password_changed", AUDIT_D_NONE },
	[AUDIT_ROLE_CHANGED] = { "role_changed", AUDIT_D_ROLE_CHANGE },
	[AUDIT_API_TOKEN_CREATED] = { "api_token_created", AUDIT_D_NONE },
	[AUDIT_API_TOKEN_REVOKED] = { "api_token_revoked", AUDIT_D_NONE },
	[AUDIT_ORG_CREATED] = { "org_created", AUDIT_D_TEXT },
	[AUDIT_MEMBER_REMOVED] = { "member_removed", AUDIT_D_TEXT },
	[AUDIT_PEER_SHARE] = { "peer_share", AUDIT_D_ONOFF },
	[AUDIT_SA_UPDATED] = { "security_action_updated", AUDIT_D_NONE },
	[AUDIT_ROUND_OPENED] = { "round_opened", AUDIT_D_TEXT },
	[AUDIT_ROUND_CLOSED] = { "round_closed", AUDIT_D_ROUND },
	[AUDIT_ROUND_REOPENED] = { "round_reopened", AUDIT_D_ROUND },
	[AUDIT_ANSWERS_IMPORTED] = { "answers_imported", AUDIT_D_COUNT },
	[AUDIT_ANSWERS_REIMPORTED] = { "answers_reimported", AUDIT_D_COUNT },
	[AUDIT_RESP_DELETED] = { "respondent_deleted", AUDIT_D_RESP },
	[AUDIT_RESP_MERGED] = { "respondents_merged", AUDIT_D_RESP },
	[AUDIT_EXPORT] = { "export", AUDIT_D_EXPORT },
	[AUDIT_POLICY_SAVED] = { "policy_saved", AUDIT_D_VERSION },
	[AUDIT_POLICY_APPROVED] = { "policy_approved", AUDIT_D_VERSION },
	[AUDIT_POLICY_PUBLISHED] = { "policy_published", AUDIT_D_TEXT },
	[AUDIT_POLICY_UNPUBLISHED] = { "policy_unpublished", AUDIT_D_NONE },
	[AUDIT_ROUND_COMMENTED] = { "round_commented", AUDIT_D_ROUND },
	[AUDIT_ACCOUNT_LOCKED] = { "account_locked", AUDIT_D_TEXT },
	[AUDIT_SHARED_CAP] = { "shared_cap_changed", AUDIT_D_CAP },
	[AUDIT_REG_ADDED] = { "register_row_added", AUDIT_D_REG_ROW },
	[AUDIT_REG_EDITED] = { "register_row_edited", AUDIT_D_REG_ROW },
	[AUDIT_REG_DELETED] = { "register_row_deleted", AUDIT_D_REG_ROW },
	[AUDIT_REG_IMPORTED] = { "register_imported", AUDIT_D_REG_COUNT },
	[AUDIT_RISKS_ACCEPTED] = { "risks_accepted", AUDIT_D_RISKS },
	[AUDIT_REG_SETTINGS] = { "register_settings_saved", AUDIT_D_TEXT },
	[AUDIT_CARD_MADE] = { "bcp_card_link_made", AUDIT_D_NONE },
	[AUDIT_CARD_REVOKED] = { "bcp_card_link_revoked", AUDIT_D_NONE },
	[AUDIT_HEARING_SAVED] = { "hearing_saved", AUDIT_D_TEXT },
	[AUDIT_PLEDGE_RECORDED] = { "pledge_recorded", AUDIT_D_TEXT },
	/* the template's key; the visit's number; "<visit> <homework
	 * id> done|undone"; "<deliverable> <state>"; "<two stars done on>
	 * <planned on>", "-" for either unset */
	[AUDIT_ENG_OPENED] = { "engagement_opened", AUDIT_D_TEXT },
	[AUDIT_ENG_VISIT] = { "engagement_visit_saved", AUDIT_D_TEXT },
	[AUDIT_ENG_HOMEWORK] = { "engagement_homework_done", AUDIT_D_TEXT },
	[AUDIT_ENG_DELIV] = { "engagement_deliverable_set", AUDIT_D_TEXT },
	[AUDIT_ENG_FINAL] = { "engagement_final_saved", AUDIT_D_TEXT },
	[AUDIT_OFFICE_ADDED] = { "office_added", AUDIT_D_TEXT },
	[AUDIT_OFFICE_MEMBER] = { "office_member_set", AUDIT_D_TEXT },
	[AUDIT_OFFICE_ADVISOR] = { "office_advisor_added", AUDIT_D_TEXT },
	[AUDIT_OFFICE_ENG] = { "office_engagement_set", AUDIT_D_TEXT },
	/* two-step sign-in and calendar feeds (issue 16) */
	[AUDIT_TWOSTEP_ON] = { "twostep_on", AUDIT_D_NONE },
	[AUDIT_TWOSTEP_OFF] = { "twostep_off", AUDIT_D_TEXT },
	[AUDIT_TWOSTEP_RECOVERY] = { "twostep_recovery_used", AUDIT_D_NONE },
	[AUDIT_TWOSTEP_FAILED] = { "twostep_failed", AUDIT_D_TEXT },
	[AUDIT_TWOSTEP_REQUIRED] = { "twostep_required_set", AUDIT_D_ONOFF },
	[AUDIT_CAL_MADE] = { "calendar_link_made", AUDIT_D_NONE },
	[AUDIT_CAL_REVOKED] = { "calendar_link_revoked", AUDIT_D_NONE },
	/* "<id> <total yen> <name>"; "<id>"; nothing */
	[AUDIT_ESTIMATE_SAVED] = { "estimate_saved", AUDIT_D_TEXT },
	[AUDIT_ESTIMATE_DELETED] = { "estimate_deleted", AUDIT_D_TEXT },
	[AUDIT_ESTIMATE_MONEY] = { "estimate_money_saved", AUDIT_D_NONE },
};

const char *
audit_ev_key(enum audit_ev ev)
{
	return evs[ev].key;
}

int
audit_ev_from_key(struct str key)
{
	int i;

	for (i = 0; i < AUDIT_EV__MAX; i++)
		if (evs[i].key != NULL && str_eq_c(key, evs[i].key))
			return i;
	return -1;
}

enum audit_detail
audit_ev_detail(enum audit_ev ev)
{
	return evs[ev].detail;
}

void
audit(struct db_conn *c, int64_t org_id, int64_t user_id, enum audit_ev ev,
    const char *detail, const char *addr)
{
	struct db_stmt *st = db_stmt(c, STMT_AUDIT_INSERT);

	db_bind_int(st, 1, account_now());
	if (org_id > 0)
		db_bind_int(st, 2, org_id);
	else
		db_bind_null(st, 2);
	if (user_id > 0)
		db_bind_int(st, 3, user_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, str_c(evs[ev].key));
	db_bind_text(st, 5, str_c(detail ? detail : ""));
	db_bind_text(st, 6, str_c(addr ? addr : ""));
	if (db_exec(st) != DB_OK)
		log_err("audit", "cannot record %s: %s", evs[ev].key,
		    db_errmsg(c));
}
