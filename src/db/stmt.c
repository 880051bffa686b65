#include "db/stmt.h"

#include <stddef.h>
#include <string.h>

/*
 * The statement table.  Each row: name, then the SQL per dialect.
 * Column lists are spelled out so that a schema change breaks here, at
 * preparation, and not silently in a handler.  The comment above each row
 * gives its parameters → result columns.
 */
struct stmt_def {
	const char	*name;
	const char	*sql[STMT_DIALECT__MAX];
};

/* The columns of the organisation list with its figures (both dialects
 * alike but for the parameter mark, which follows). */
#define ORG_OVERVIEW_COLS "SELECT o.id, o.name, coalesce(m.role, ''), " \
	"coalesce(l.round_id, 0), coalesce(l.score_tenths, 0), " \
	"coalesce((SELECT max(r.id) FROM rounds r WHERE r.org_id = o.id " \
	"AND r.status = 'open'), 0), (SELECT count(*) FROM org_principles p " \
	"WHERE p.org_id = o.id AND p.done <> 0), CASE WHEN EXISTS (SELECT 1 " \
	"FROM policy_versions v WHERE v.org_id = o.id AND v.approved_at IS " \
	"NOT NULL) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM " \
	"policy_pub b WHERE b.org_id = o.id) THEN 1 ELSE 0 END FROM orgs o "

/* The portfolio (model/figures.c): the organisation, the user's role
 * and its org_figures row, programme figures included, one row a client
 * (both dialects alike but for the parameter mark).  The reads are driven
 * from the user's memberships (the members primary key) and reach each
 * client's row by its key, so the time grows with the clients, not with
 * the instance. */
#define PORTFOLIO_FIGS "CASE WHEN f.score_tenths IS NULL THEN 0 ELSE 1 " \
	"END, coalesce(f.score_tenths, 0), CASE WHEN f.prev_score_tenths IS " \
	"NULL THEN 0 ELSE 1 END, coalesce(f.prev_score_tenths, 0), " \
	"coalesce(f.stars, 0), coalesce(f.plan_total, 0), " \
	"coalesce(f.plan_done, 0), coalesce(f.plan_open_dues, ''), " \
	"coalesce(f.incidents_open, 0), coalesce(f.engaged, 0), "
#define PORTFOLIO(FROM, WHERE) "SELECT o.id, o.name, " \
	"coalesce(m.role, ''), " PORTFOLIO_FIGS "coalesce(f.visits, 0), " \
	"coalesce(f.visits_held, 0), coalesce(f.visit_next, ''), " \
	"coalesce(f.visit_last, ''), coalesce(f.hw_company_dues, ''), " \
	"coalesce(f.hw_advisor_dues, '') " FROM " LEFT JOIN org_figures f " \
	"ON f.org_id = o.id " WHERE " ORDER BY o.name, o.id"
/* every organisation, with the user's role where they are a member */
#define PORTFOLIO_FROM_ALL(P1) "FROM orgs o LEFT JOIN members m ON " \
	"m.org_id = o.id AND m.user_id = " P1
/* the organisations where the user is an advisor member */
#define PORTFOLIO_FROM_MINE "FROM members m JOIN orgs o ON o.id = m.org_id"
#define PORTFOLIO_WHERE_MINE(P1) "WHERE m.user_id = " P1 " AND m.role = " \
	"'advisor'"

/* The figures an organisation's org_figures row comes from, but the
 * plan's rows and the previous round (both dialects alike but for the
 * parameter mark and the reading of a JSON member B of the body). */
#define FIG_SOURCE(P1, B) "SELECT coalesce((SELECT l.round_id FROM " \
	"org_latest l WHERE l.org_id = " P1 "), 0), coalesce((SELECT " \
	"l.score_tenths FROM org_latest l WHERE l.org_id = " P1 "), 0), " \
	"(SELECT count(*) FROM org_principles p WHERE p.org_id = " P1 " AND " \
	"p.done <> 0), CASE WHEN EXISTS (SELECT 1 FROM policy_versions v " \
	"WHERE v.org_id = " P1 " AND v.approved_at IS NOT NULL) THEN 1 ELSE " \
	"0 END, CASE WHEN EXISTS (SELECT 1 FROM policy_pub b WHERE " \
	"b.org_id = " P1 ") THEN 1 ELSE 0 END, (SELECT count(*) FROM " \
	"reg_rows r WHERE r.org_id = " P1 " AND r.reg = 'incidents' AND " \
	"coalesce(" B ", '') <> 'closed')"

#define S(id, lite) [id] = { #id, { [STMT_SQLITE] = lite } }

static const struct stmt_def stmt_defs[STMT__MAX] = {
	/* key → value */
	S(STMT_META_GET, "SELECT value FROM meta WHERE key = ?1"),
	/* key, value */
	S(STMT_META_PUT, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
	/* → bytes the database takes (the main file; the WAL apart) */
	S(STMT_DB_SIZE, "SELECT page_count * page_size FROM "
	    "pragma_page_count(), pragma_page_size()"),

	/* email, pw_hash, role, lang, now → id */
	S(STMT_USER_INSERT, "INSERT INTO users (email, pw_hash, role, lang, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"),
	/* email → id, email, pw_hash, role, lang */
	S(STMT_USER_BY_EMAIL, "SELECT id, email, pw_hash, role, lang FROM users "
	    "WHERE email = ?1"),
	/* id → id, email, pw_hash, role, lang */
	S(STMT_USER_BY_ID, "SELECT id, email, pw_hash, role, lang FROM users "
	    "WHERE id = ?1"),
	/* → id, email, role, lang, created_at */
	S(STMT_USER_LIST, "SELECT id, email, role, lang, created_at FROM users "
	    "ORDER BY email"),
	/* → count */
	S(STMT_USER_COUNT, "SELECT count(*) FROM users"),
	/* id, pw_hash; the API token goes with the old password */
	S(STMT_USER_SET_PASSWORD, "UPDATE users SET pw_hash = ?2, token_hash = "
	    "NULL, token_expires_at = NULL, token_used_at = NULL WHERE id = ?1"),
	/* id, role */
	S(STMT_USER_SET_ROLE, "UPDATE users SET role = ?2 WHERE id = ?1"),
	/* id, lang */
	S(STMT_USER_SET_LANG, "UPDATE users SET lang = ?2 WHERE id = ?1"),
	/* id, token_hash, expires_at */
	S(STMT_USER_SET_TOKEN, "UPDATE users SET token_hash = ?2, "
	    "token_expires_at = ?3, token_used_at = NULL WHERE id = ?1"),
	/* id (changes = 1 when there was a token) */
	S(STMT_USER_REVOKE_TOKEN, "UPDATE users SET token_hash = NULL, "
	    "token_expires_at = NULL, token_used_at = NULL WHERE id = ?1 AND "
	    "token_hash IS NOT NULL"),
	/* token_hash, now → id, email, pw_hash, role, lang, used_at (0: never),
	 * expires_at */
	S(STMT_USER_BY_TOKEN, "SELECT id, email, pw_hash, role, lang, "
	    "coalesce(token_used_at, 0), token_expires_at FROM users WHERE "
	    "token_hash = ?1 AND token_expires_at > ?2"),
	/* id, now */
	S(STMT_USER_TOKEN_USED, "UPDATE users SET token_used_at = ?2 "
	    "WHERE id = ?1"),
	/* id → expires_at, used_at (0: never); no row without a token */
	S(STMT_USER_TOKEN_GET, "SELECT token_expires_at, coalesce(token_used_at, "
	    "0) FROM users WHERE id = ?1 AND token_hash IS NOT NULL"),

	/* id_hash, user_id, csrf, org_id, now, expires_at */
	S(STMT_SESSION_INSERT, "INSERT INTO sessions (id_hash, user_id, csrf, "
	    "org_id, created_at, seen_at, expires_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)"),
	/* id_hash, now → user_id, csrf, org_id, seen_at, email, role, lang,
	 * expires_at */
	S(STMT_SESSION_GET, "SELECT s.user_id, s.csrf, s.org_id, s.seen_at, "
	    "u.email, u.role, u.lang, s.expires_at FROM sessions s "
	    "JOIN users u ON u.id = s.user_id "
	    "WHERE s.id_hash = ?1 AND s.expires_at > ?2"),
	/* id_hash, now, expires_at */
	S(STMT_SESSION_TOUCH, "UPDATE sessions SET seen_at = ?2, "
	    "expires_at = ?3 WHERE id_hash = ?1"),
	/* id_hash, org_id */
	S(STMT_SESSION_SET_ORG, "UPDATE sessions SET org_id = ?2 "
	    "WHERE id_hash = ?1"),
	/* id_hash */
	S(STMT_SESSION_DELETE, "DELETE FROM sessions WHERE id_hash = ?1"),
	/* user_id */
	S(STMT_SESSION_DELETE_USER, "DELETE FROM sessions WHERE user_id = ?1"),
	/* now */
	S(STMT_SESSION_PURGE, "DELETE FROM sessions WHERE expires_at <= ?1"),

	/* token_hash, kind, org_id, role, created_by, expires_at */
	S(STMT_ONCE_INSERT, "INSERT INTO once_links (token_hash, kind, org_id, "
	    "role, created_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
	/* token_hash, now → kind, org_id, role, created_by, organisation name,
	 * inviter's e-mail (both '' when gone) */
	S(STMT_ONCE_GET, "SELECT l.kind, coalesce(l.org_id, 0), l.role, "
	    "coalesce(l.created_by, 0), coalesce(o.name, ''), "
	    "coalesce(u.email, '') FROM once_links l "
	    "LEFT JOIN orgs o ON o.id = l.org_id "
	    "LEFT JOIN users u ON u.id = l.created_by "
	    "WHERE l.token_hash = ?1 AND l.used_at IS NULL AND l.expires_at > ?2"),
	/* token_hash, now (changes = 1 when this call used it) */
	S(STMT_ONCE_USE, "UPDATE once_links SET used_at = ?2 "
	    "WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2"),
	/* now: every unused first-admin link ends (an account exists) */
	S(STMT_ONCE_REVOKE_SETUP, "UPDATE once_links SET used_at = ?1 "
	    "WHERE kind = 'setup' AND used_at IS NULL"),
	/* (no parameters) a write lock held to the end of the transaction
	 * that makes the first admin, so two set-ups take turns */
	S(STMT_SETUP_LOCK, "UPDATE meta SET value = value "
	    "WHERE key = 'schema_version'"),

	/* key, now, window → hits (in the current window, this one counted) */
	S(STMT_RATE_HIT, "INSERT INTO rate_limits (key, window_start, hits) "
	    "VALUES (?1, ?2, 1) ON CONFLICT (key) DO UPDATE SET "
	    "hits = CASE WHEN rate_limits.window_start <= ?2 - ?3 THEN 1 "
	    "ELSE rate_limits.hits + 1 END, "
	    "window_start = CASE WHEN rate_limits.window_start <= ?2 - ?3 "
	    "THEN ?2 ELSE rate_limits.window_start END RETURNING hits"),
	/* key, now, window → hits */
	S(STMT_RATE_GET, "SELECT hits FROM rate_limits WHERE key = ?1 "
	    "AND window_start > ?2 - ?3"),
	/* key */
	S(STMT_RATE_CLEAR, "DELETE FROM rate_limits WHERE key = ?1"),

	/* at, org_id, user_id, event, detail, addr */
	S(STMT_AUDIT_INSERT, "INSERT INTO audit (at, org_id, user_id, event, "
	    "detail, addr) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
	/* org_id (NULL: all), limit, offset → at, event, detail, addr, email,
	 * org_id */
	S(STMT_AUDIT_LIST, "SELECT a.at, a.event, a.detail, a.addr, "
	    "coalesce(u.email, ''), coalesce(a.org_id, 0) FROM audit a "
	    "LEFT JOIN users u ON u.id = a.user_id "
	    "WHERE ?1 IS NULL OR a.org_id = ?1 ORDER BY a.id DESC LIMIT ?2 "
	    "OFFSET ?3"),
	/* org_id (NULL: all) → count */
	S(STMT_AUDIT_COUNT, "SELECT count(*) FROM audit WHERE ?1 IS NULL OR "
	    "org_id = ?1"),

	/* name, industry, employees, capital, prefecture, dep_many,
	 * dep_manual, dep_others, dep_class, now → id */
	S(STMT_ORG_INSERT, "INSERT INTO orgs (name, industry, employees, "
	    "capital, prefecture, dep_many, dep_manual, dep_others, dep_class, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	    "RETURNING id"),
	/* id → id, name, industry, employees, capital, prefecture, dep_many,
	 * dep_manual, dep_others, dep_class, peer_share */
	S(STMT_ORG_GET, "SELECT id, name, industry, employees, capital, "
	    "prefecture, dep_many, dep_manual, dep_others, dep_class, "
	    "peer_share FROM orgs WHERE id = ?1"),
	/* id, name, industry, employees, capital, prefecture, dep_many,
	 * dep_manual, dep_others, dep_class */
	S(STMT_ORG_UPDATE, "UPDATE orgs SET name = ?2, industry = ?3, "
	    "employees = ?4, capital = ?5, prefecture = ?6, dep_many = ?7, "
	    "dep_manual = ?8, dep_others = ?9, dep_class = ?10 WHERE id = ?1"),
	/* → id, name, 'admin' */
	S(STMT_ORG_LIST_ALL, "SELECT id, name, 'org_admin' FROM orgs "
	    "ORDER BY name, id"),
	/* user_id → id, name, member role */
	S(STMT_ORG_LIST_FOR_USER, "SELECT o.id, o.name, m.role FROM orgs o "
	    "JOIN members m ON m.org_id = o.id WHERE m.user_id = ?1 "
	    "ORDER BY o.name, o.id"),
	/* user_id → id, name, the user's member role ('' when none), latest
	 * closed round with answers (0: none), its score ×10, newest open
	 * round (0: none), principles recorded as done, an approved policy
	 * (0/1), a published one (0/1): one read for the whole list, its
	 * figures as org_latest and the SECURITY ACTION tables keep them */
	S(STMT_ORG_OVERVIEW_ALL, ORG_OVERVIEW_COLS "LEFT JOIN members m ON "
	    "m.org_id = o.id AND m.user_id = ?1 LEFT JOIN org_latest l ON "
	    "l.org_id = o.id ORDER BY o.name, o.id"),
	/* user_id → as above, for the organisations the user belongs to */
	S(STMT_ORG_OVERVIEW_FOR_USER, ORG_OVERVIEW_COLS "JOIN members m ON "
	    "m.org_id = o.id AND m.user_id = ?1 LEFT JOIN org_latest l ON "
	    "l.org_id = o.id ORDER BY o.name, o.id"),
	/* user_id, org_id, role */
	S(STMT_MEMBER_PUT, "INSERT INTO members (user_id, org_id, role) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (user_id, org_id) "
	    "DO UPDATE SET role = excluded.role"),
	/* user_id, org_id → role */
	S(STMT_MEMBER_ROLE, "SELECT role FROM members WHERE user_id = ?1 "
	    "AND org_id = ?2"),
	/* org_id → user id, email, role */
	S(STMT_MEMBER_LIST, "SELECT u.id, u.email, m.role FROM members m "
	    "JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 "
	    "ORDER BY u.email"),

	/* user_id, org_id, role (changes = 0 when not a member) */
	S(STMT_MEMBER_SET_ROLE, "UPDATE members SET role = ?3 "
	    "WHERE user_id = ?1 AND org_id = ?2"),
	/* user_id, org_id (changes = 0 when not a member) */
	S(STMT_MEMBER_DELETE, "DELETE FROM members WHERE user_id = ?1 "
	    "AND org_id = ?2"),

	/* org_id, title, now, user_id → id */
	S(STMT_ROUND_INSERT, "INSERT INTO rounds (org_id, title, status, "
	    "opened_at, opened_by) VALUES (?1, ?2, 'open', ?3, ?4) "
	    "RETURNING id"),
	/* id, org_id → id, org_id, title, status, opened_at, closed_at,
	 * revision, deadline ('' for none), shared_cap (0: the default) */
	S(STMT_ROUND_GET, "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE id = ?1 AND org_id = ?2"),
	/* id → as ROUND_GET.  Only for capability links, whose token was
	 * verified first and which carry no organisation. */
	S(STMT_ROUND_FIND, "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE id = ?1"),
	/* org_id → id, title, status, opened_at, closed_at, complete count */
	S(STMT_ROUND_LIST, "SELECT r.id, r.title, r.status, r.opened_at, "
	    "coalesce(r.closed_at, 0), (SELECT count(*) FROM respondents p "
	    "WHERE p.round_id = r.id AND p.complete = 1) FROM rounds r "
	    "WHERE r.org_id = ?1 ORDER BY r.id DESC"),
	/* id, org_id, now (changes = 1 when it was open) */
	S(STMT_ROUND_CLOSE, "UPDATE rounds SET status = 'closed', "
	    "closed_at = ?3 WHERE id = ?1 AND org_id = ?2 AND status = 'open'"),
	/* id, org_id (changes = 1 when it was closed) */
	S(STMT_ROUND_REOPEN, "UPDATE rounds SET status = 'open', closed_at = "
	    "NULL, revision = revision + 1 WHERE id = ?1 AND org_id = ?2 AND "
	    "status = 'closed'"),
	/* org_id, id → id of the round opened just before */
	/* id, org_id → as ROUND_GET: the round, then the one before it in
	 * the organisation (if any), in one read; no round id of the
	 * organisation gives at most the row of an earlier one. */
	S(STMT_ROUND_GET_PREV, "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE org_id = ?2 "
	    "AND (id = ?1 OR id = (SELECT max(id) FROM rounds WHERE "
	    "org_id = ?2 AND id < ?1)) ORDER BY id DESC"),
	/* id, org_id, deadline (NULL: none) (changes = 1 when it is there) */
	S(STMT_ROUND_SET_DEADLINE, "UPDATE rounds SET deadline = ?3 "
	    "WHERE id = ?1 AND org_id = ?2"),
	/* id, org_id, cap (NULL: the default) (changes = 1 when it is
	 * there) */
	S(STMT_ROUND_SET_SHARED_CAP, "UPDATE rounds SET shared_cap = ?3 "
	    "WHERE id = ?1 AND org_id = ?2"),
	/* round_id, org_id → respondents the round's shared link made */
	S(STMT_RESP_COUNT_SHARED, "SELECT count(*) FROM respondents "
	    "WHERE round_id = ?1 AND org_id = ?2 AND via = 'shared'"),
	/* id, org_id → status, closed_at (0 while open).  Read first in a
	 * transaction that changes the round's respondents: on PostgreSQL it
	 * locks the round, so closing, reopening and other such changes wait
	 * (SQLite's BEGIN IMMEDIATE already serialises writers). */
	S(STMT_ROUND_LOCK, "SELECT status, coalesce(closed_at, 0) FROM rounds "
	    "WHERE id = ?1 AND org_id = ?2"),

	/* round_id, org_id, role, name, via, answers, complete, now,
	 * department → id */
	S(STMT_RESP_INSERT, "INSERT INTO respondents (round_id, org_id, role, "
	    "name, via, answers, complete, created_at, updated_at, "
	    "department) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9) "
	    "RETURNING id"),
	/* id → id, round_id, org_id, role, name, answers, complete, status,
	 * round title, round deadline ('' for none) */
	S(STMT_RESP_GET, "SELECT p.id, p.round_id, p.org_id, p.role, p.name, "
	    "p.answers, p.complete, r.status, r.title, "
	    "coalesce(r.deadline, '') FROM respondents p "
	    "JOIN rounds r ON r.id = p.round_id WHERE p.id = ?1"),
	/* id, answers, complete, now (changes = 0 when the round is closed) */
	S(STMT_RESP_SAVE, "UPDATE respondents SET answers = ?2, complete = ?3, "
	    "updated_at = ?4 WHERE id = ?1 AND EXISTS (SELECT 1 FROM rounds r "
	    "WHERE r.id = respondents.round_id AND r.status = 'open')"),
	/* round_id, org_id → id, role, name, answers, complete, via,
	 * created_at, email, department */
	S(STMT_RESP_LIST, "SELECT id, role, name, answers, complete, via, "
	    "created_at, email, department FROM respondents WHERE round_id = ?1 "
	    "AND org_id = ?2 ORDER BY id"),
	/* round_id, org_id → complete count, all count */
	S(STMT_RESP_COUNT, "SELECT coalesce(sum(complete), 0), count(*) "
	    "FROM respondents WHERE round_id = ?1 AND org_id = ?2"),
	/* id, round_id, org_id (changes = 0 when it is not there) */
	S(STMT_RESP_DELETE, "DELETE FROM respondents WHERE id = ?1 AND "
	    "round_id = ?2 AND org_id = ?3"),
	/* id, round_id, org_id, answers, complete, now: an admin's
	 * correction, open round or closed (changes = 0 when not there) */
	S(STMT_RESP_SET_ANSWERS, "UPDATE respondents SET answers = ?4, "
	    "complete = ?5, updated_at = ?6 WHERE id = ?1 AND round_id = ?2 "
	    "AND org_id = ?3"),

	/* → key, value */
	S(STMT_EXPORT_META, "SELECT key, value FROM meta WHERE key <> 'schema_version' "
	    "ORDER BY key"),
	/* key, value */
	S(STMT_IMPORT_META, "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT "
	    "(key) DO UPDATE SET value = excluded.value"),
	/* → id, email, pw_hash, role, lang, token_hash, created_at,
	 * token_expires_at, token_used_at */
	S(STMT_EXPORT_USERS, "SELECT id, email, pw_hash, role, lang, token_hash, "
	    "created_at, token_expires_at, token_used_at FROM users ORDER BY id"),
	/* id, email, pw_hash, role, lang, token_hash, created_at,
	 * token_expires_at, token_used_at */
	S(STMT_IMPORT_USERS, "INSERT INTO users (id, email, pw_hash, role, lang, "
	    "token_hash, created_at, token_expires_at, token_used_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	/* → id, name, industry, employees, capital, prefecture, dep_many, dep_manual, dep_others, dep_class, created_at, peer_share */
	S(STMT_EXPORT_ORGS, "SELECT id, name, industry, employees, capital, prefecture, "
	    "dep_many, dep_manual, dep_others, dep_class, created_at, "
	    "peer_share, capital_yen, staff_count, sme_group, it_use, "
	    "sec_posture FROM orgs ORDER BY id"),
	/* id, name, industry, employees, capital, prefecture, dep_many, dep_manual, dep_others, dep_class, created_at, peer_share, capital_yen, staff_count, sme_group, it_use, sec_posture */
	S(STMT_IMPORT_ORGS, "INSERT INTO orgs (id, name, industry, employees, capital, "
	    "prefecture, dep_many, dep_manual, dep_others, dep_class, "
	    "created_at, peer_share, capital_yen, staff_count, sme_group, "
	    "it_use, sec_posture) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
	/* → user_id, org_id, role */
	S(STMT_EXPORT_MEMBERS, "SELECT user_id, org_id, role FROM members ORDER BY "
	    "user_id, org_id"),
	/* user_id, org_id, role */
	S(STMT_IMPORT_MEMBERS, "INSERT INTO members (user_id, org_id, role) VALUES (?1, "
	    "?2, ?3)"),
	/* → id_hash, user_id, csrf, org_id, created_at, seen_at, expires_at */
	S(STMT_EXPORT_SESSIONS, "SELECT id_hash, user_id, csrf, org_id, created_at, "
	    "seen_at, expires_at FROM sessions ORDER BY id_hash"),
	/* id_hash, user_id, csrf, org_id, created_at, seen_at, expires_at */
	S(STMT_IMPORT_SESSIONS, "INSERT INTO sessions (id_hash, user_id, csrf, org_id, "
	    "created_at, seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7)"),
	/* → token_hash, kind, org_id, role, created_by, expires_at, used_at */
	S(STMT_EXPORT_ONCE, "SELECT token_hash, kind, org_id, role, created_by, "
	    "expires_at, used_at FROM once_links ORDER BY token_hash"),
	/* token_hash, kind, org_id, role, created_by, expires_at, used_at */
	S(STMT_IMPORT_ONCE, "INSERT INTO once_links (token_hash, kind, org_id, role, "
	    "created_by, expires_at, used_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7)"),
	/* → key, window_start, hits */
	S(STMT_EXPORT_RATE, "SELECT key, window_start, hits FROM rate_limits ORDER BY "
	    "key"),
	/* key, window_start, hits */
	S(STMT_IMPORT_RATE, "INSERT INTO rate_limits (key, window_start, hits) VALUES "
	    "(?1, ?2, ?3)"),
	/* → id, at, org_id, user_id, event, detail, addr */
	S(STMT_EXPORT_AUDIT, "SELECT id, at, org_id, user_id, event, detail, addr FROM "
	    "audit ORDER BY id"),
	/* id, at, org_id, user_id, event, detail, addr */
	S(STMT_IMPORT_AUDIT, "INSERT INTO audit (id, at, org_id, user_id, event, detail, "
	    "addr) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
	/* → id, org_id, title, status, opened_at, closed_at, opened_by, revision */
	S(STMT_EXPORT_ROUNDS, "SELECT id, org_id, title, status, opened_at, closed_at, "
	    "opened_by, revision, deadline FROM rounds ORDER BY id"),
	/* id, org_id, title, status, opened_at, closed_at, opened_by, revision,
	 * deadline */
	S(STMT_IMPORT_ROUNDS, "INSERT INTO rounds (id, org_id, title, status, opened_at, "
	    "closed_at, opened_by, revision, deadline) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)"),
	/* → id, round_id, org_id, role, name, via, answers, complete, created_at, updated_at */
	S(STMT_EXPORT_RESP, "SELECT id, round_id, org_id, role, name, via, answers, "
	    "complete, created_at, updated_at, email, department FROM "
	    "respondents ORDER BY id"),
	/* id, round_id, org_id, role, name, via, answers, complete, created_at,
	 * updated_at, email, department */
	S(STMT_IMPORT_RESP, "INSERT INTO respondents (id, round_id, org_id, role, name, "
	    "via, answers, complete, created_at, updated_at, email, department) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "coalesce(?12, ''))"),
	/* id, revision */
	S(STMT_ROUND_SET_REVISION, "UPDATE rounds SET revision = ?2 WHERE id = ?1"),
	/* (SQLite needs nothing after an import) */
	S(STMT_IMPORT_DONE, "SELECT 1"),
	/* → users and organisations, together */
	S(STMT_COUNT_USERS_ORGS, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) "
	    "FROM orgs)"),
	/* org_id → round_id, industry, employees, score_tenths, parts, items, shared */
	S(STMT_LATEST_GET, "SELECT round_id, industry, employees, score_tenths, parts, "
	    "items, shared FROM org_latest WHERE org_id = ?1"),
	/* org_id, round_id, industry, employees, score_tenths, parts, items, closed_at, shared */
	S(STMT_LATEST_PUT, "INSERT INTO org_latest (org_id, round_id, industry, "
	    "employees, score_tenths, parts, items, closed_at, shared) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT "
	    "(org_id) DO UPDATE SET round_id = excluded.round_id, "
	    "industry = excluded.industry, employees = "
	    "excluded.employees, score_tenths = excluded.score_tenths, "
	    "parts = excluded.parts, items = excluded.items, closed_at "
	    "= excluded.closed_at, shared = excluded.shared"),
	/* industry, employees → n, sum_score, sum_sq, sum_parts, sum_items (locked for the update that follows, on PostgreSQL) */
	S(STMT_COHORT_GET, "SELECT n, sum_score, sum_sq, sum_parts, sum_items FROM "
	    "cohort_stats WHERE industry = ?1 AND employees = ?2"),
	/* industry, employees, n, sum_score, sum_sq, sum_parts, sum_items */
	S(STMT_COHORT_PUT, "INSERT INTO cohort_stats (industry, employees, n, "
	    "sum_score, sum_sq, sum_parts, sum_items) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7) ON CONFLICT (industry, employees) DO "
	    "UPDATE SET n = excluded.n, sum_score = excluded.sum_score, "
	    "sum_sq = excluded.sum_sq, sum_parts = excluded.sum_parts, "
	    "sum_items = excluded.sum_items"),
	/* industry, employees, score_tenths → 2 × (scores below) + (scores equal), from the histogram */
	S(STMT_COHORT_RANK, "SELECT coalesce(sum(CASE WHEN score_tenths < ?3 THEN 2 * n "
	    "ELSE n END), 0) FROM cohort_hist WHERE industry = ?1 AND "
	    "employees = ?2 AND score_tenths <= ?3"),
	/* → org_id, round_id, industry, employees, score_tenths, parts, items, closed_at, shared */
	S(STMT_EXPORT_LATEST, "SELECT org_id, round_id, industry, employees, "
	    "score_tenths, parts, items, closed_at, shared FROM "
	    "org_latest ORDER BY org_id"),
	/* org_id, round_id, industry, employees, score_tenths, parts, items, closed_at, shared */
	S(STMT_IMPORT_LATEST, "INSERT INTO org_latest (org_id, round_id, industry, "
	    "employees, score_tenths, parts, items, closed_at, shared) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	/* → industry, employees, n, sum_score, sum_sq, sum_parts, sum_items */
	S(STMT_EXPORT_COHORTS, "SELECT industry, employees, n, sum_score, sum_sq, "
	    "sum_parts, sum_items FROM cohort_stats ORDER BY industry, "
	    "employees"),
	/* industry, employees, n, sum_score, sum_sq, sum_parts, sum_items */
	S(STMT_IMPORT_COHORTS, "INSERT INTO cohort_stats (industry, employees, n, "
	    "sum_score, sum_sq, sum_parts, sum_items) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7)"),
	/* industry, employees, score_tenths, delta: one more (or less) company at that score */
	S(STMT_HIST_ADD, "INSERT INTO cohort_hist (industry, employees, "
	    "score_tenths, n) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
	    "(industry, employees, score_tenths) DO UPDATE SET n = "
	    "cohort_hist.n + excluded.n"),
	/* → industry, employees, score_tenths, n */
	S(STMT_EXPORT_HIST, "SELECT industry, employees, score_tenths, n FROM "
	    "cohort_hist ORDER BY industry, employees, score_tenths"),
	/* industry, employees, score_tenths, n */
	S(STMT_IMPORT_HIST, "INSERT INTO cohort_hist (industry, employees, "
	    "score_tenths, n) VALUES (?1, ?2, ?3, ?4)"),
	/* org_id, shared: whether its latest figures are counted */
	S(STMT_LATEST_SHARE, "UPDATE org_latest SET shared = ?2 WHERE org_id = ?1"),
	/* org_id: it has no figures any more */
	S(STMT_LATEST_DEL, "DELETE FROM org_latest WHERE org_id = ?1"),
	/* id, peer_share */
	S(STMT_ORG_SHARE_SET, "UPDATE orgs SET peer_share = ?2 WHERE id = ?1"),
	/* industry → employees, score_tenths, n: a division's histogram per size */
	S(STMT_HIST_INDUSTRY, "SELECT employees, score_tenths, n FROM cohort_hist "
	    "WHERE industry = ?1 AND employees <> '*' AND n > 0 ORDER BY "
	    "employees, score_tenths"),
	/* org_id → id, version, body, created_at, created_by e-mail, approved_at, approved_by e-mail */
	S(STMT_POLICY_LATEST, "SELECT v.id, v.version, v.body, v.created_at, "
	    "coalesce(cu.email, ''), coalesce(v.approved_at, 0), "
	    "coalesce(au.email, '') FROM policy_versions v LEFT JOIN "
	    "users cu ON cu.id = v.created_by LEFT JOIN users au ON "
	    "au.id = v.approved_by WHERE v.org_id = ?1 ORDER BY "
	    "v.version DESC LIMIT 1"),
	/* org_id, version → id, version, body, created_at, created_by e-mail, approved_at, approved_by e-mail */
	S(STMT_POLICY_GET, "SELECT v.id, v.version, v.body, v.created_at, "
	    "coalesce(cu.email, ''), coalesce(v.approved_at, 0), "
	    "coalesce(au.email, '') FROM policy_versions v LEFT JOIN "
	    "users cu ON cu.id = v.created_by LEFT JOIN users au ON "
	    "au.id = v.approved_by WHERE v.org_id = ?1 AND v.version = "
	    "?2"),
	/* org_id → id, version, created_at, created_by e-mail, approved_at, approved_by e-mail */
	S(STMT_POLICY_LIST, "SELECT v.id, v.version, v.created_at, coalesce(cu.email, "
	    "''), coalesce(v.approved_at, 0), coalesce(au.email, '') "
	    "FROM policy_versions v LEFT JOIN users cu ON cu.id = "
	    "v.created_by LEFT JOIN users au ON au.id = v.approved_by "
	    "WHERE v.org_id = ?1 ORDER BY v.version DESC"),
	/* org_id, version, body, now, user_id */
	S(STMT_POLICY_INSERT, "INSERT INTO policy_versions (org_id, version, body, "
	    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)"),
	/* org_id, version, now, user_id: only the latest, only once */
	S(STMT_POLICY_APPROVE, "UPDATE policy_versions SET approved_at = ?3, approved_by = "
	    "?4 WHERE org_id = ?1 AND version = ?2 AND approved_at IS "
	    "NULL AND version = (SELECT max(version) FROM "
	    "policy_versions WHERE org_id = ?1)"),
	/* org_id → id of the latest approved version */
	S(STMT_POLICY_LAST_APPROVED, "SELECT id FROM policy_versions WHERE org_id = ?1 AND "
	    "approved_at IS NOT NULL ORDER BY version DESC LIMIT 1"),
	/* org_id → slug, version_id, version, published_at */
	S(STMT_PUB_GET, "SELECT p.slug, p.version_id, v.version, p.published_at "
	    "FROM policy_pub p JOIN policy_versions v ON v.id = "
	    "p.version_id WHERE p.org_id = ?1"),
	/* org_id, slug, version_id, now */
	S(STMT_PUB_PUT, "INSERT INTO policy_pub (org_id, slug, version_id, "
	    "published_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (org_id) "
	    "DO UPDATE SET slug = excluded.slug, version_id = "
	    "excluded.version_id, published_at = excluded.published_at"),
	/* org_id */
	S(STMT_PUB_DELETE, "DELETE FROM policy_pub WHERE org_id = ?1"),
	/* slug → org_id, version_id, published_at */
	S(STMT_PUB_SLUG, "SELECT org_id, version_id, published_at FROM policy_pub "
	    "WHERE slug = ?1"),
	/* id → version, body, created_at, approved_at */
	S(STMT_POLICY_BY_ID, "SELECT version, body, created_at, coalesce(approved_at, 0) "
	    "FROM policy_versions WHERE id = ?1"),
	/* → id, org_id, version, body, created_at, created_by, approved_at, approved_by */
	S(STMT_EXPORT_POLICY, "SELECT id, org_id, version, body, created_at, created_by, "
	    "approved_at, approved_by FROM policy_versions ORDER BY id"),
	/* id, org_id, version, body, created_at, created_by, approved_at, approved_by */
	S(STMT_IMPORT_POLICY, "INSERT INTO policy_versions (id, org_id, version, body, "
	    "created_at, created_by, approved_at, approved_by) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
	/* → org_id, slug, version_id, published_at */
	S(STMT_EXPORT_PUB, "SELECT org_id, slug, version_id, published_at FROM "
	    "policy_pub ORDER BY org_id"),
	/* org_id, slug, version_id, published_at */
	S(STMT_IMPORT_PUB, "INSERT INTO policy_pub (org_id, slug, version_id, "
	    "published_at) VALUES (?1, ?2, ?3, ?4)"),
	/* org_id → principle, done, updated_at */
	S(STMT_PRINC_LIST, "SELECT principle, done, updated_at FROM org_principles "
	    "WHERE org_id = ?1 ORDER BY principle"),
	/* org_id, principle, done, now, user_id */
	S(STMT_PRINC_PUT, "INSERT INTO org_principles (org_id, principle, done, "
	    "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5) ON "
	    "CONFLICT (org_id, principle) DO UPDATE SET done = "
	    "excluded.done, updated_at = excluded.updated_at, "
	    "updated_by = excluded.updated_by"),
	/* → org_id, principle, done, updated_at, updated_by */
	S(STMT_EXPORT_PRINC, "SELECT org_id, principle, done, updated_at, updated_by "
	    "FROM org_principles ORDER BY org_id, principle"),
	/* org_id, principle, done, updated_at, updated_by */
	S(STMT_IMPORT_PRINC, "INSERT INTO org_principles (org_id, principle, done, "
	    "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)"),

	/* round_id, org_id → body, updated_at, e-mail of who wrote it ('') */
	S(STMT_COMMENT_GET, "SELECT c.body, c.updated_at, coalesce(u.email, '') "
	    "FROM round_comments c LEFT JOIN users u ON u.id = c.updated_by "
	    "WHERE c.round_id = ?1 AND c.org_id = ?2"),
	/* round_id, org_id, body, now, user_id */
	S(STMT_COMMENT_PUT, "INSERT INTO round_comments (round_id, org_id, body, "
	    "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
	    "(round_id) DO UPDATE SET body = excluded.body, updated_at = "
	    "excluded.updated_at, updated_by = excluded.updated_by"),
	/* round_id, org_id */
	S(STMT_COMMENT_DELETE, "DELETE FROM round_comments WHERE round_id = ?1 "
	    "AND org_id = ?2"),
	/* → round_id, org_id, body, updated_at, updated_by */
	S(STMT_EXPORT_COMMENTS, "SELECT round_id, org_id, body, updated_at, "
	    "updated_by FROM round_comments ORDER BY round_id"),
	/* round_id, org_id, body, updated_at, updated_by */
	S(STMT_IMPORT_COMMENTS, "INSERT INTO round_comments (round_id, org_id, "
	    "body, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)"),

	/* org_id, reg → id, rev, body, created_at, updated_at, e-mail of
	 * who saved it last ('') */
	S(STMT_REG_LIST, "SELECT r.id, r.rev, r.body, r.created_at, r.updated_at, "
	    "coalesce(u.email, '') FROM reg_rows r LEFT JOIN users u ON u.id = "
	    "r.updated_by WHERE r.org_id = ?1 AND r.reg = ?2 ORDER BY r.id"),
	/* id, org_id, reg → the columns of STMT_REG_LIST */
	S(STMT_REG_GET, "SELECT r.id, r.rev, r.body, r.created_at, r.updated_at, "
	    "coalesce(u.email, '') FROM reg_rows r LEFT JOIN users u ON u.id = "
	    "r.updated_by WHERE r.id = ?1 AND r.org_id = ?2 AND r.reg = ?3"),
	/* org_id, reg, body, now, user_id → id */
	S(STMT_REG_INSERT, "INSERT INTO reg_rows (org_id, reg, rev, body, "
	    "created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, 1, "
	    "?3, ?4, ?5, ?4, ?5) RETURNING id"),
	/* id, org_id, reg, rev it started from, body, now, user_id → the new
	 * rev; no row when the row is gone or another save came first */
	S(STMT_REG_UPDATE, "UPDATE reg_rows SET rev = rev + 1, body = ?5, "
	    "updated_at = ?6, updated_by = ?7 WHERE id = ?1 AND org_id = ?2 AND "
	    "reg = ?3 AND rev = ?4 RETURNING rev"),
	/* id, org_id, reg, rev → body of the row deleted; no row as above */
	S(STMT_REG_DELETE, "DELETE FROM reg_rows WHERE id = ?1 AND org_id = ?2 "
	    "AND reg = ?3 AND rev = ?4 RETURNING body"),
	/* id, org_id, reg → rev of the row */
	S(STMT_REG_EXISTS, "SELECT rev FROM reg_rows WHERE id = ?1 AND org_id = "
	    "?2 AND reg = ?3"),
	/* org_id, reg → rows */
	S(STMT_REG_COUNT, "SELECT count(*) FROM reg_rows WHERE org_id = ?1 AND "
	    "reg = ?2"),
	/* org_id, reg, field key, row id → rows of reg whose field refers to
	 * that row */
	S(STMT_REG_REFS, "SELECT count(*) FROM reg_rows WHERE org_id = ?1 AND "
	    "reg = ?2 AND json_extract(body, '$.' || ?3) = ?4"),
	/* org_id, reg, field key, text value, id to leave out (0: none) →
	 * rows of reg whose field holds that text */
	S(STMT_REG_MATCH, "SELECT count(*) FROM reg_rows WHERE org_id = ?1 AND "
	    "reg = ?2 AND json_extract(body, '$.' || ?3) = ?4 AND id <> ?5"),
	/* org_id, reg, title field key → id, the title as text ('' when the
	 * body has none), by id */
	S(STMT_REG_TITLES, "SELECT id, coalesce(json_extract(body, '$.' || "
	    "?3), '') FROM reg_rows WHERE org_id = ?1 AND reg = ?2 ORDER BY id"),
	/* org_id, reg, row_id, rev, op, body (NULL: deleted), at, user_id */
	S(STMT_REG_HIST_ADD, "INSERT INTO reg_history (org_id, reg, row_id, rev, "
	    "op, body, at, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
	/* org_id, reg, row_id → rev, op, body, at, e-mail ('') */
	S(STMT_REG_HIST_LIST, "SELECT h.rev, h.op, coalesce(h.body, ''), h.at, "
	    "coalesce(u.email, '') FROM reg_history h LEFT JOIN users u ON u.id "
	    "= h.user_id WHERE h.org_id = ?1 AND h.reg = ?2 AND h.row_id = ?3 "
	    "ORDER BY h.rev, h.id"),
	/* → id, org_id, reg, rev, body, created_at, created_by, updated_at,
	 * updated_by */
	S(STMT_EXPORT_REG, "SELECT id, org_id, reg, rev, body, created_at, "
	    "created_by, updated_at, updated_by FROM reg_rows ORDER BY id"),
	S(STMT_IMPORT_REG, "INSERT INTO reg_rows (id, org_id, reg, rev, body, "
	    "created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)"),
	/* → id, org_id, reg, row_id, rev, op, body, at, user_id */
	S(STMT_EXPORT_REG_HIST, "SELECT id, org_id, reg, row_id, rev, op, body, "
	    "at, user_id FROM reg_history ORDER BY id"),
	S(STMT_IMPORT_REG_HIST, "INSERT INTO reg_history (id, org_id, reg, "
	    "row_id, rev, op, body, at, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9)"),

	/* org_id, at, user_id, risks, note */
	S(STMT_ACCEPT_INSERT, "INSERT INTO risk_acceptances (org_id, at, "
	    "user_id, risks, note) VALUES (?1, ?2, ?3, ?4, ?5)"),
	/* org_id → at, risks, note, e-mail of who accepted ('') */
	S(STMT_ACCEPT_LATEST, "SELECT a.at, a.risks, a.note, "
	    "coalesce(u.email, '') FROM risk_acceptances a LEFT JOIN users u "
	    "ON u.id = a.user_id WHERE a.org_id = ?1 ORDER BY a.id DESC "
	    "LIMIT 1"),
	/* → id, org_id, at, user_id, risks, note */
	S(STMT_EXPORT_ACCEPT, "SELECT id, org_id, at, user_id, risks, note FROM "
	    "risk_acceptances ORDER BY id"),
	S(STMT_IMPORT_ACCEPT, "INSERT INTO risk_acceptances (id, org_id, at, "
	    "user_id, risks, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),

	/* org_id, reg → body, rev, updated_at, e-mail of who saved ('') */
	S(STMT_REGSET_GET, "SELECT s.body, s.rev, s.updated_at, "
	    "coalesce(u.email, '') FROM reg_settings s LEFT JOIN users u ON "
	    "u.id = s.updated_by WHERE s.org_id = ?1 AND s.reg = ?2"),
	/* org_id, reg, body, updated_at, updated_by (rev 1) */
	S(STMT_REGSET_INSERT, "INSERT INTO reg_settings (org_id, reg, rev, "
	    "body, updated_at, updated_by) VALUES (?1, ?2, 1, ?3, ?4, ?5)"),
	/* org_id, reg, rev it started from, body, updated_at, updated_by */
	S(STMT_REGSET_UPDATE, "UPDATE reg_settings SET rev = rev + 1, body = "
	    "?4, updated_at = ?5, updated_by = ?6 WHERE org_id = ?1 AND reg = "
	    "?2 AND rev = ?3"),
	S(STMT_EXPORT_REGSET, "SELECT org_id, reg, rev, body, updated_at, "
	    "updated_by FROM reg_settings ORDER BY org_id, reg"),
	S(STMT_IMPORT_REGSET, "INSERT INTO reg_settings (org_id, reg, rev, "
	    "body, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),

	/* org_id, token_hash, created_at, created_by: a new link replaces
	 * the organisation's old one */
	S(STMT_CARD_PUT, "INSERT INTO bcp_card_links (org_id, token_hash, "
	    "created_at, created_by) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
	    "(org_id) DO UPDATE SET token_hash = excluded.token_hash, "
	    "created_at = excluded.created_at, created_by = "
	    "excluded.created_by"),
	/* org_id → created_at, e-mail of who made it ('') */
	S(STMT_CARD_GET, "SELECT l.created_at, coalesce(u.email, '') FROM "
	    "bcp_card_links l LEFT JOIN users u ON u.id = l.created_by WHERE "
	    "l.org_id = ?1"),
	/* token_hash → org_id */
	S(STMT_CARD_FIND, "SELECT org_id FROM bcp_card_links WHERE "
	    "token_hash = ?1"),
	/* org_id */
	S(STMT_CARD_DELETE, "DELETE FROM bcp_card_links WHERE org_id = ?1"),
	/* → org_id, token_hash, created_at, created_by */
	S(STMT_EXPORT_CARD, "SELECT org_id, token_hash, created_at, "
	    "created_by FROM bcp_card_links ORDER BY org_id"),
	S(STMT_IMPORT_CARD, "INSERT INTO bcp_card_links (org_id, token_hash, "
	    "created_at, created_by) VALUES (?1, ?2, ?3, ?4)"),

	/* org_id → item, result, consider, visit, state, rev, updated_at,
	 * e-mail of who saved ('') — by item */
	S(STMT_HEARING_LIST, "SELECT h.item, h.result, h.consider, h.visit, "
	    "h.state, h.rev, h.updated_at, coalesce(u.email, '') FROM "
	    "hearing_answers h LEFT JOIN users u ON u.id = h.updated_by "
	    "WHERE h.org_id = ?1 ORDER BY h.item"),
	/* org_id, item → rev, result, consider, state */
	S(STMT_HEARING_GET, "SELECT rev, result, consider, state FROM "
	    "hearing_answers WHERE org_id = ?1 AND item = ?2"),
	/* org_id, item, result, consider, visit, state, updated_at,
	 * updated_by (rev 1); nothing when the row is there already */
	S(STMT_HEARING_INSERT, "INSERT INTO hearing_answers (org_id, item, "
	    "result, consider, visit, state, rev, updated_at, updated_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8) ON CONFLICT (org_id, "
	    "item) DO NOTHING"),
	/* org_id, item, rev it started from, result, consider, visit,
	 * state, updated_at, updated_by */
	S(STMT_HEARING_UPDATE, "UPDATE hearing_answers SET result = ?4, "
	    "consider = ?5, visit = ?6, state = ?7, rev = rev + 1, "
	    "updated_at = ?8, updated_by = ?9 WHERE org_id = ?1 AND item = ?2 "
	    "AND rev = ?3"),
	/* org_id → created_at */
	S(STMT_HEARING_ORG_SINCE, "SELECT created_at FROM orgs WHERE id = ?1"),
	/* org_id, user_id, name, handed_on, mode, created_at → id */
	S(STMT_PLEDGE_INSERT, "INSERT INTO pledges (org_id, user_id, name, "
	    "handed_on, mode, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "RETURNING id"),
	/* org_id → id, user_id, e-mail ('' when gone), name, handed_on,
	 * mode, created_at — the latest first */
	S(STMT_PLEDGE_LIST, "SELECT p.id, coalesce(p.user_id, 0), "
	    "coalesce(u.email, ''), p.name, p.handed_on, p.mode, p.created_at "
	    "FROM pledges p LEFT JOIN users u ON u.id = p.user_id WHERE "
	    "p.org_id = ?1 ORDER BY p.handed_on DESC, p.id DESC"),
	S(STMT_EXPORT_HEARING, "SELECT org_id, item, result, consider, visit, "
	    "state, rev, updated_at, updated_by FROM hearing_answers ORDER BY "
	    "org_id, item"),
	S(STMT_IMPORT_HEARING, "INSERT INTO hearing_answers (org_id, item, "
	    "result, consider, visit, state, rev, updated_at, updated_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	S(STMT_EXPORT_PLEDGES, "SELECT id, org_id, user_id, name, handed_on, "
	    "mode, created_at FROM pledges ORDER BY id"),
	S(STMT_IMPORT_PLEDGES, "INSERT INTO pledges (id, org_id, user_id, "
	    "name, handed_on, mode, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)"),
	/* org_id, advisor_id, template, first_visit, created_at */
	S(STMT_ENG_INSERT, "INSERT INTO engagements (org_id, "
	    "advisor_id, template, state, first_visit, created_at) VALUES "
	    "(?1, ?2, ?3, 'open', ?4, ?5)"),

	/* org_id → advisor_id, advisor's e-mail (''), template, state,
	 * first_visit, created_at, summary, two_star_done, two_star_planned,
	 * final_rev */
	S(STMT_ENG_GET, "SELECT e.advisor_id, coalesce(u.email, ''), "
	    "e.template, e.state, e.first_visit, e.created_at, e.summary, "
	    "e.two_star_done, e.two_star_planned, e.final_rev FROM "
	    "engagements e LEFT JOIN users u ON u.id = e.advisor_id WHERE "
	    "e.org_id = ?1"),

	/* org_id, final_rev it started from, summary, two_star_done,
	 * two_star_planned */
	S(STMT_ENG_FINAL_SAVE, "UPDATE engagements SET summary = ?3, "
	    "two_star_done = ?4, two_star_planned = ?5, final_rev = "
	    "final_rev + 1 WHERE org_id = ?1 AND final_rev = ?2"),

	/* org_id, n, planned, updated_at, updated_by */
	S(STMT_ENG_VISIT_INSERT, "INSERT INTO engagement_visits "
	    "(org_id, n, planned, updated_at, updated_by) VALUES (?1, ?2, "
	    "?3, ?4, ?5)"),

	/* org_id → n, planned, held, attendees, mode, notes, decisions, rev, updated_at, e-mail of who saved ('') */
	S(STMT_ENG_VISIT_LIST, "SELECT v.n, v.planned, v.held, "
	    "v.attendees, v.mode, v.notes, v.decisions, v.rev, v.updated_at, "
	    "coalesce(u.email, '') FROM engagement_visits v LEFT JOIN users "
	    "u ON u.id = v.updated_by WHERE v.org_id = ?1 ORDER BY v.n"),

	/* org_id, n, rev it started from, planned, held, attendees, mode, notes, decisions, updated_at, updated_by */
	S(STMT_ENG_VISIT_UPDATE, "UPDATE engagement_visits SET planned "
	    "= ?4, held = ?5, attendees = ?6, mode = ?7, notes = ?8, "
	    "decisions = ?9, rev = rev + 1, updated_at = ?10, updated_by = "
	    "?11 WHERE org_id = ?1 AND n = ?2 AND rev = ?3"),

	/* org_id, n, planned: a later visit moved with an earlier one (its rev moves: a form open on it is stale) */
	S(STMT_ENG_VISIT_PLAN, "UPDATE engagement_visits SET planned = "
	    "?3, rev = rev + 1 WHERE org_id = ?1 AND n = ?2"),

	/* org_id, n: its homework changed elsewhere */
	S(STMT_ENG_VISIT_TOUCH, "UPDATE engagement_visits SET rev = "
	    "rev + 1 WHERE org_id = ?1 AND n = ?2"),

	/* org_id, visit */
	S(STMT_ENG_HW_DELETE_VISIT, "DELETE FROM engagement_homework "
	    "WHERE org_id = ?1 AND visit = ?2"),

	/* org_id, visit, side, body, due, done */
	S(STMT_ENG_HW_INSERT, "INSERT INTO engagement_homework "
	    "(org_id, visit, side, body, due, done) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6)"),

	/* org_id → id, visit, side, body, due, done */
	S(STMT_ENG_HW_LIST, "SELECT id, visit, side, body, due, done "
	    "FROM engagement_homework WHERE org_id = ?1 ORDER BY visit, id"),

	/* org_id, id, done ('' undoes) → visit */
	S(STMT_ENG_HW_DONE, "UPDATE engagement_homework SET done = ?3 "
	    "WHERE org_id = ?1 AND id = ?2 RETURNING visit"),

	/* org_id, deliverable, updated_at, updated_by */
	S(STMT_ENG_DELIV_INSERT, "INSERT INTO engagement_deliverables "
	    "(org_id, deliverable, state, updated_at, updated_by) VALUES "
	    "(?1, ?2, 'not_started', ?3, ?4)"),

	/* org_id → deliverable, state, updated_at, e-mail of who set it ('') */
	S(STMT_ENG_DELIV_LIST, "SELECT d.deliverable, d.state, "
	    "d.updated_at, coalesce(u.email, '') FROM "
	    "engagement_deliverables d LEFT JOIN users u ON u.id = "
	    "d.updated_by WHERE d.org_id = ?1"),

	/* org_id, deliverable, state, updated_at, updated_by */
	S(STMT_ENG_DELIV_SET, "UPDATE engagement_deliverables SET "
	    "state = ?3, updated_at = ?4, updated_by = ?5 WHERE org_id = ?1 "
	    "AND deliverable = ?2"),
	/* → org_id, advisor_id, template, state, first_visit, created_at */
	S(STMT_EXPORT_ENG, "SELECT org_id, advisor_id, template, "
	    "state, first_visit, created_at, summary, two_star_done, "
	    "two_star_planned, final_rev, office_id FROM engagements ORDER BY org_id"),
	S(STMT_IMPORT_ENG, "INSERT INTO engagements (org_id, "
	    "advisor_id, template, state, first_visit, created_at, summary, "
	    "two_star_done, two_star_planned, final_rev, office_id) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
	/* → org_id, n, planned, held, attendees, mode, notes, decisions, rev, updated_at, updated_by */
	S(STMT_EXPORT_ENG_VISITS, "SELECT org_id, n, planned, held, "
	    "attendees, mode, notes, decisions, rev, updated_at, updated_by "
	    "FROM engagement_visits ORDER BY org_id, n"),
	S(STMT_IMPORT_ENG_VISITS, "INSERT INTO engagement_visits "
	    "(org_id, n, planned, held, attendees, mode, notes, decisions, "
	    "rev, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11)"),
	/* → id, org_id, visit, side, body, due, done */
	S(STMT_EXPORT_ENG_HW, "SELECT id, org_id, visit, side, body, "
	    "due, done FROM engagement_homework ORDER BY id"),
	S(STMT_IMPORT_ENG_HW, "INSERT INTO engagement_homework (id, "
	    "org_id, visit, side, body, due, done) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7)"),
	/* → org_id, deliverable, state, updated_at, updated_by */
	S(STMT_EXPORT_ENG_DELIV, "SELECT org_id, deliverable, state, "
	    "updated_at, updated_by FROM engagement_deliverables ORDER BY "
	    "org_id, deliverable"),
	S(STMT_IMPORT_ENG_DELIV, "INSERT INTO engagement_deliverables "
	    "(org_id, deliverable, state, updated_at, updated_by) VALUES "
	    "(?1, ?2, ?3, ?4, ?5)"),
	/* org_id → latest round (0: none), its score ×10, principles done,
	 * an approved policy (0/1), a published one (0/1), incidents not
	 * closed */
	S(STMT_FIG_SOURCE, FIG_SOURCE("?1", "json_extract(r.body, '$.status')")),
	/* org_id → status, deadline month of every plan row ('' unset) */
	S(STMT_FIG_PLAN, "SELECT coalesce(json_extract(body, '$.status'), "
	    "''), coalesce(json_extract(body, '$.deadline'), '') FROM reg_rows "
	    "WHERE org_id = ?1 AND reg = 'plan'"),
	/* org_id, round id → the newest closed round before it with a
	 * complete respondent */
	S(STMT_FIG_PREV_ROUND, "SELECT r.id FROM rounds r WHERE r.org_id = ?1 "
	    "AND r.status = 'closed' AND r.id < ?2 AND EXISTS (SELECT 1 FROM "
	    "respondents p WHERE p.round_id = r.id AND p.complete = 1) ORDER "
	    "BY r.id DESC LIMIT 1"),
	/* org_id, score (NULL: none), prev score (NULL: none), stars,
	 * plan_total, plan_done, plan_open_dues, incidents_open, now */
	S(STMT_FIG_PUT, "INSERT INTO org_figures (org_id, score_tenths, "
	    "prev_score_tenths, stars, plan_total, plan_done, plan_open_dues, "
	    "incidents_open, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9) ON CONFLICT (org_id) DO UPDATE SET score_tenths = "
	    "excluded.score_tenths, prev_score_tenths = "
	    "excluded.prev_score_tenths, stars = excluded.stars, plan_total = "
	    "excluded.plan_total, plan_done = excluded.plan_done, "
	    "plan_open_dues = excluded.plan_open_dues, incidents_open = "
	    "excluded.incidents_open, updated_at = excluded.updated_at"),
	/* org_id → has a programme, visits, held, first planned not held
	 * (''), last held ('') */
	S(STMT_ENG_FIG_VISITS, "SELECT CASE WHEN EXISTS (SELECT 1 FROM "
	    "engagements e WHERE e.org_id = ?1) THEN 1 ELSE 0 END, (SELECT "
	    "count(*) FROM engagement_visits v WHERE v.org_id = ?1), (SELECT "
	    "count(*) FROM engagement_visits v WHERE v.org_id = ?1 AND v.held "
	    "<> ''), coalesce((SELECT min(v.planned) FROM engagement_visits v "
	    "WHERE v.org_id = ?1 AND v.held = ''), ''), coalesce((SELECT "
	    "max(v.held) FROM engagement_visits v WHERE v.org_id = ?1), '')"),
	/* org_id → side, due of each homework not done, by side and day */
	S(STMT_ENG_FIG_HW, "SELECT side, due FROM engagement_homework WHERE "
	    "org_id = ?1 AND done = '' ORDER BY side, due"),
	/* org_id, now, engaged, visits, held, next, last, company dues,
	 * advisor dues */
	S(STMT_ENG_FIG_PUT, "INSERT INTO org_figures (org_id, updated_at, "
	    "engaged, visits, visits_held, visit_next, visit_last, "
	    "hw_company_dues, hw_advisor_dues) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9) ON CONFLICT (org_id) DO UPDATE SET engaged = "
	    "excluded.engaged, visits = excluded.visits, visits_held = "
	    "excluded.visits_held, visit_next = excluded.visit_next, "
	    "visit_last = excluded.visit_last, hw_company_dues = "
	    "excluded.hw_company_dues, hw_advisor_dues = "
	    "excluded.hw_advisor_dues, updated_at = excluded.updated_at"),
	/* → ids of the organisations with no figures row */
	S(STMT_FIG_MISSING, "SELECT o.id FROM orgs o WHERE NOT EXISTS (SELECT "
	    "1 FROM org_figures f WHERE f.org_id = o.id) ORDER BY o.id"),
	/* user_id, today → id, name, role, has score, score, has prev, prev,
	 * stars, plan total, plan done, open dues, incidents open, has
	 * programme, visits, held, next planned day, last held day,
	 * company's overdue homework, advisor's: every organisation */
	S(STMT_PORTFOLIO_ALL, PORTFOLIO(PORTFOLIO_FROM_ALL("?1"), "")),
	/* user_id, today → as above, for the user's clients */
	S(STMT_PORTFOLIO_FOR_USER, PORTFOLIO(PORTFOLIO_FROM_MINE,
	    PORTFOLIO_WHERE_MINE("?1"))),

	/* name, created_at → id */
	S(STMT_OFFICE_INSERT, "INSERT INTO offices (name, created_at) VALUES "
	    "(?1, ?2) RETURNING id"),
	/* id → name, created_at */
	S(STMT_OFFICE_GET, "SELECT name, created_at FROM offices WHERE id = ?1"),
	/* name → id */
	S(STMT_OFFICE_BY_NAME, "SELECT id FROM offices WHERE name = ?1"),
	/* → id, name, created_at */
	S(STMT_OFFICE_LIST, "SELECT id, name, created_at FROM offices ORDER BY "
	    "name, id"),
	/* office_id, user_id, role */
	S(STMT_OFFICE_MEMBER_PUT, "INSERT INTO office_members (office_id, "
	    "user_id, role) VALUES (?1, ?2, ?3) ON CONFLICT (office_id, "
	    "user_id) DO UPDATE SET role = excluded.role"),
	/* office_id, user_id → role */
	S(STMT_OFFICE_MEMBER_ROLE, "SELECT role FROM office_members WHERE "
	    "office_id = ?1 AND user_id = ?2"),
	/* office_id → user_id, email, role */
	S(STMT_OFFICE_MEMBER_LIST, "SELECT m.user_id, u.email, m.role FROM "
	    "office_members m JOIN users u ON u.id = m.user_id WHERE "
	    "m.office_id = ?1 ORDER BY u.email"),
	/* office_id, user_id */
	S(STMT_OFFICE_ADVISOR_PUT, "INSERT INTO office_advisors (office_id, "
	    "user_id) VALUES (?1, ?2) ON CONFLICT (office_id, user_id) DO "
	    "NOTHING"),
	/* office_id → user_id, email, engagements of the office they opened */
	S(STMT_OFFICE_ADVISOR_LIST, "SELECT a.user_id, u.email, (SELECT "
	    "count(*) FROM engagements e WHERE e.office_id = a.office_id AND "
	    "e.advisor_id = a.user_id) FROM office_advisors a JOIN users u ON "
	    "u.id = a.user_id WHERE a.office_id = ?1 ORDER BY u.email"),
	/* office_id, user_id → 1 when the user is an advisor of the office */
	S(STMT_OFFICE_IS_ADVISOR, "SELECT 1 FROM office_advisors WHERE "
	    "office_id = ?1 AND user_id = ?2"),
	/* user_id → office_id of each office the user advises for */
	S(STMT_OFFICE_OF_ADVISOR, "SELECT office_id FROM office_advisors WHERE "
	    "user_id = ?1 ORDER BY office_id"),
	/* user_id → office_id, name, role of each office the user belongs to */
	S(STMT_OFFICE_OF_MEMBER, "SELECT o.id, o.name, m.role FROM "
	    "office_members m JOIN offices o ON o.id = m.office_id WHERE "
	    "m.user_id = ?1 ORDER BY o.name, o.id"),
	/* org_id, office_id (NULL: none) */
	S(STMT_OFFICE_ENG_SET, "UPDATE engagements SET office_id = ?2 WHERE "
	    "org_id = ?1"),
	/* org_id → office_id (NULL: none) */
	S(STMT_OFFICE_ENG_GET, "SELECT office_id FROM engagements WHERE "
	    "org_id = ?1"),
	/* office_id, today, limit, offset → org_id, name, advisor's e-mail (''), template, first_visit, visits, held, deliverables, drafts, agreed, overdue homework */
	S(STMT_OFFICE_ENG_LIST, "WITH pg AS (SELECT e.org_id, o.name, "
	    "e.advisor_id, e.template, e.first_visit FROM engagements e JOIN "
	    "orgs o ON o.id = e.org_id WHERE e.office_id = ?1 ORDER BY o.name, "
	    "e.org_id LIMIT ?3 OFFSET ?4) SELECT pg.org_id, pg.name, "
	    "coalesce(u.email, ''), pg.template, pg.first_visit, (SELECT "
	    "count(*) FROM engagement_visits v WHERE v.org_id = pg.org_id), "
	    "(SELECT count(*) FROM engagement_visits v WHERE v.org_id = "
	    "pg.org_id AND v.held <> ''), (SELECT count(*) FROM "
	    "engagement_deliverables d WHERE d.org_id = pg.org_id), (SELECT "
	    "count(*) FROM engagement_deliverables d WHERE d.org_id = pg.org_id "
	    "AND d.state = 'draft'), (SELECT count(*) FROM "
	    "engagement_deliverables d WHERE d.org_id = pg.org_id AND d.state = "
	    "'agreed'), (SELECT count(*) FROM engagement_homework h WHERE "
	    "h.org_id = pg.org_id AND h.done = '' AND h.due < ?2) FROM pg LEFT "
	    "JOIN users u ON u.id = pg.advisor_id ORDER BY pg.name, pg.org_id"),
	/* office_id → the engagements it runs */
	S(STMT_OFFICE_ENG_COUNT, "SELECT count(*) FROM engagements WHERE "
	    "office_id = ?1"),
	/* office_id → org_id, name, advisor's e-mail: programmes of the office's advisors that no office runs */
	S(STMT_OFFICE_ENG_FREE, "SELECT e.org_id, o.name, u.email FROM engagements e JOIN orgs o ON o.id ="
	    " e.org_id JOIN office_advisors a ON a.user_id = e.advisor_id AND"
	    " a.office_id = ?1 JOIN users u ON u.id = e.advisor_id WHERE"
	    " e.office_id IS NULL ORDER BY o.name, e.org_id"),
	/* org_id → office_id, industry, employees, prefecture, scored, score_tenths, items, plan_done, plan_total, stars */
	S(STMT_OFFICE_CONTRIB_GET, "SELECT office_id, industry, employees, "
	    "prefecture, scored, score_tenths, items, plan_done, plan_total, "
	    "stars FROM office_contrib WHERE org_id = ?1"),
	/* org_id, office_id, industry, employees, prefecture, scored, score_tenths, items, plan_done, plan_total, stars */
	S(STMT_OFFICE_CONTRIB_PUT, "INSERT INTO office_contrib (org_id, "
	    "office_id, industry, employees, prefecture, scored, score_tenths, "
	    "items, plan_done, plan_total, stars) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (org_id) DO UPDATE SET "
	    "office_id = excluded.office_id, industry = excluded.industry, "
	    "employees = excluded.employees, prefecture = "
	    "excluded.prefecture, scored = excluded.scored, score_tenths = "
	    "excluded.score_tenths, items = excluded.items, plan_done = "
	    "excluded.plan_done, plan_total = excluded.plan_total, stars = "
	    "excluded.stars"),
	/* org_id */
	S(STMT_OFFICE_CONTRIB_DEL, "DELETE FROM office_contrib WHERE org_id = "
	    "?1"),
	/* office_id, dim, key → n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done, plan_total, two_star */
	S(STMT_OFFICE_STATS_GET, "SELECT n, n_scored, sum_score, sum_sq, hist, "
	    "sum_items, plan_done, plan_total, two_star FROM office_stats "
	    "WHERE office_id = ?1 AND dim = ?2 AND key = ?3"),
	/* office_id, dim, key, n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done, plan_total, two_star */
	S(STMT_OFFICE_STATS_PUT, "INSERT INTO office_stats (office_id, dim, "
	    "key, n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done, "
	    "plan_total, two_star) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12) ON CONFLICT (office_id, dim, key) DO UPDATE SET n "
	    "= excluded.n, n_scored = excluded.n_scored, sum_score = "
	    "excluded.sum_score, sum_sq = excluded.sum_sq, hist = "
	    "excluded.hist, sum_items = excluded.sum_items, plan_done = "
	    "excluded.plan_done, plan_total = excluded.plan_total, two_star = "
	    "excluded.two_star"),
	/* office_id → dim, key, n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done, plan_total, two_star */
	S(STMT_OFFICE_STATS_LIST, "SELECT dim, key, n, n_scored, sum_score, "
	    "sum_sq, hist, sum_items, plan_done, plan_total, two_star FROM "
	    "office_stats WHERE office_id = ?1 AND n > 0 ORDER BY dim, key"),
	S(STMT_EXPORT_OFFICES, "SELECT id, name, created_at FROM offices ORDER BY id"),
	S(STMT_IMPORT_OFFICES, "INSERT INTO offices (id, name, created_at) VALUES (?1, ?2, ?3)"),
	S(STMT_EXPORT_OFFICE_MEMBERS, "SELECT office_id, user_id, role FROM office_members ORDER BY office_id,"
	    " user_id"),
	S(STMT_IMPORT_OFFICE_MEMBERS, "INSERT INTO office_members (office_id, user_id, role) VALUES (?1, ?2, ?3)"),
	S(STMT_EXPORT_OFFICE_ADVISORS, "SELECT office_id, user_id FROM office_advisors ORDER BY office_id, user_id"),
	S(STMT_IMPORT_OFFICE_ADVISORS, "INSERT INTO office_advisors (office_id, user_id) VALUES (?1, ?2)"),
	S(STMT_EXPORT_OFFICE_CONTRIB, "SELECT org_id, office_id, industry, employees, prefecture, scored,"
	    " score_tenths, items, plan_done, plan_total, stars FROM office_contrib"
	    " ORDER BY org_id"),
	S(STMT_IMPORT_OFFICE_CONTRIB, "INSERT INTO office_contrib (org_id, office_id, industry, employees,"
	    " prefecture, scored, score_tenths, items, plan_done, plan_total,"
	    " stars) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
	S(STMT_EXPORT_OFFICE_STATS, "SELECT office_id, dim, key, n, n_scored, sum_score, sum_sq, hist,"
	    " sum_items, plan_done, plan_total, two_star FROM office_stats ORDER BY"
	    " office_id, dim, key"),
	S(STMT_IMPORT_OFFICE_STATS, "INSERT INTO office_stats (office_id, dim, key, n, n_scored, sum_score,"
	    " sum_sq, hist, sum_items, plan_done, plan_total, two_star) VALUES (?1,"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
	/* two-step sign-in and calendar feeds (issue 16) */
	/* user_id → sealed secret, on_at, last_step */
	S(STMT_TOTP_GET, "SELECT secret, on_at, last_step FROM user_totp WHERE "
	    "user_id = ?1"),
	/* user_id, sealed, now */
	S(STMT_TOTP_BEGIN, "INSERT INTO user_totp (user_id, secret, created_at) VALUES "
	    "(?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET secret = "
	    "excluded.secret, last_step = 0, created_at = "
	    "excluded.created_at WHERE user_totp.on_at = 0"),
	/* user_id, step, now */
	S(STMT_TOTP_CONFIRM, "UPDATE user_totp SET on_at = ?3, last_step = ?2 WHERE "
	    "user_id = ?1 AND on_at = 0"),
	/* user_id, step */
	S(STMT_TOTP_STEP, "UPDATE user_totp SET last_step = ?2 WHERE user_id = ?1 AND "
	    "on_at > 0 AND last_step < ?2"),
	/* user_id */
	S(STMT_TOTP_DELETE, "DELETE FROM user_totp WHERE user_id = ?1"),
	/* user_id */
	S(STMT_RECOVERY_DELETE, "DELETE FROM user_recovery WHERE user_id = ?1"),
	/* user_id, code hash */
	S(STMT_RECOVERY_INSERT, "INSERT INTO user_recovery (user_id, code_hash) VALUES (?1, "
	    "?2)"),
	/* user_id, code hash, now */
	S(STMT_RECOVERY_USE, "UPDATE user_recovery SET used_at = ?3 WHERE user_id = ?1 "
	    "AND code_hash = ?2 AND used_at = 0"),
	/* user_id → unused codes */
	S(STMT_RECOVERY_LEFT, "SELECT count(*) FROM user_recovery WHERE user_id = ?1 AND "
	    "used_at = 0"),
	/* user_id → on, instance setting, organisations requiring it */
	S(STMT_TWOSTEP_DUE, "SELECT (SELECT count(*) FROM user_totp WHERE user_id = ?1 "
	    "AND on_at > 0), coalesce((SELECT value FROM meta WHERE key "
	    "= 'twostep_required'), ''), (SELECT count(*) FROM members "
	    "m JOIN org_twostep t ON t.org_id = m.org_id WHERE "
	    "m.user_id = ?1)"),
	/* org_id → 1 when required */
	S(STMT_ORG_TWOSTEP_GET, "SELECT count(*) FROM org_twostep WHERE org_id = ?1"),
	/* org_id, now, user_id */
	S(STMT_ORG_TWOSTEP_ON, "INSERT INTO org_twostep (org_id, set_at, set_by) VALUES "
	    "(?1, ?2, ?3) ON CONFLICT (org_id) DO NOTHING"),
	/* org_id */
	S(STMT_ORG_TWOSTEP_OFF, "DELETE FROM org_twostep WHERE org_id = ?1"),
	/* token hash, user_id, expires_at */
	S(STMT_LOGIN_STEP_PUT, "INSERT INTO login_steps (token_hash, user_id, expires_at) "
	    "VALUES (?1, ?2, ?3)"),
	/* token hash, now → user_id */
	S(STMT_LOGIN_STEP_GET, "SELECT user_id FROM login_steps WHERE token_hash = ?1 AND "
	    "expires_at > ?2"),
	/* token hash, now */
	S(STMT_LOGIN_STEP_END, "DELETE FROM login_steps WHERE token_hash = ?1 OR "
	    "expires_at <= ?2"),
	/* user_id, token hash, now */
	S(STMT_CAL_PUT, "INSERT INTO cal_feeds (user_id, token_hash, created_at) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET "
	    "token_hash = excluded.token_hash, created_at = "
	    "excluded.created_at"),
	/* token hash → user_id, e-mail, lang */
	S(STMT_CAL_BY_TOKEN, "SELECT u.id, u.email, u.lang FROM cal_feeds c JOIN users u "
	    "ON u.id = c.user_id WHERE c.token_hash = ?1"),
	/* user_id → created_at */
	S(STMT_CAL_INFO, "SELECT created_at FROM cal_feeds WHERE user_id = ?1"),
	/* user_id */
	S(STMT_CAL_DELETE, "DELETE FROM cal_feeds WHERE user_id = ?1"),
	/* user_id → plan rows of the user's organisations: id, org_id, org name, body, updated_at */
	S(STMT_CAL_PLAN, "SELECT r.id, r.org_id, o.name, r.body, r.updated_at FROM "
	    "members m JOIN reg_rows r ON r.org_id = m.org_id AND r.reg "
	    "= 'plan' JOIN orgs o ON o.id = m.org_id WHERE m.user_id = "
	    "?1 ORDER BY r.id"),
	/* user_id → visits of programmes the user advises or is a member of: org_id, org name, n, planned, held, updated_at */
	S(STMT_CAL_VISITS, "SELECT v.org_id, o.name, v.n, v.planned, v.held, "
	    "v.updated_at FROM engagement_visits v JOIN engagements e "
	    "ON e.org_id = v.org_id JOIN orgs o ON o.id = v.org_id "
	    "WHERE e.advisor_id = ?1 OR EXISTS (SELECT 1 FROM members m "
	    "WHERE m.org_id = v.org_id AND m.user_id = ?1) ORDER BY "
	    "v.org_id, v.n"),
	/* user_id → incidents of the user's organisations: id, org_id, org name, body, updated_at, the user's role, the incidents register's settings body */
	S(STMT_CAL_INCIDENTS, "SELECT r.id, r.org_id, o.name, r.body, r.updated_at, "
	    "m.role, coalesce((SELECT s.body FROM reg_settings s WHERE "
	    "s.org_id = m.org_id AND s.reg = 'incidents'), '') FROM "
	    "members m JOIN reg_rows r ON r.org_id = m.org_id AND r.reg "
	    "= 'incidents' JOIN orgs o ON o.id = m.org_id WHERE "
	    "m.user_id = ?1 ORDER BY r.id"),
	/* user_id → open rounds with a deadline in the user's organisations: id, org_id, org name, title, deadline, opened_at */
	S(STMT_CAL_ROUNDS, "SELECT r.id, r.org_id, o.name, r.title, r.deadline, "
	    "r.opened_at FROM members m JOIN rounds r ON r.org_id = "
	    "m.org_id AND r.status = 'open' AND r.deadline IS NOT NULL "
	    "AND r.deadline <> '' JOIN orgs o ON o.id = m.org_id WHERE "
	    "m.user_id = ?1 ORDER BY r.id"),
	S(STMT_EXPORT_TOTP, "SELECT user_id, secret, on_at, last_step, created_at "
	    "FROM user_totp ORDER BY user_id"),
	S(STMT_IMPORT_TOTP, "INSERT INTO user_totp (user_id, secret, on_at, "
	    "last_step, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
	S(STMT_EXPORT_RECOVERY, "SELECT user_id, code_hash, used_at FROM user_recovery "
	    "ORDER BY user_id, code_hash"),
	S(STMT_IMPORT_RECOVERY, "INSERT INTO user_recovery (user_id, code_hash, used_at) "
	    "VALUES (?1, ?2, ?3)"),
	S(STMT_EXPORT_LOGIN_STEPS, "SELECT token_hash, user_id, expires_at FROM login_steps "
	    "ORDER BY token_hash"),
	S(STMT_IMPORT_LOGIN_STEPS, "INSERT INTO login_steps (token_hash, user_id, "
	    "expires_at) VALUES (?1, ?2, ?3)"),
	S(STMT_EXPORT_ORG_TWOSTEP, "SELECT org_id, set_at, set_by FROM org_twostep ORDER BY "
	    "org_id"),
	S(STMT_IMPORT_ORG_TWOSTEP, "INSERT INTO org_twostep (org_id, set_at, set_by) VALUES "
	    "(?1, ?2, ?3)"),
	S(STMT_EXPORT_CAL, "SELECT user_id, token_hash, created_at FROM cal_feeds "
	    "ORDER BY user_id"),
	S(STMT_IMPORT_CAL, "INSERT INTO cal_feeds (user_id, token_hash, created_at) "
	    "VALUES (?1, ?2, ?3)"),
	/* issue 16, the reference (model/orgref.c) */
	/* id → capital_yen (-1: none), staff_count (-1: none), sme_group,
	 * it_use, sec_posture */
	S(STMT_ORGREF_GET, "SELECT coalesce(capital_yen, -1), "
	    "coalesce(staff_count, -1), sme_group, it_use, sec_posture FROM "
	    "orgs WHERE id = ?1"),
	/* id, capital_yen (NULL), staff_count (NULL), sme_group */
	S(STMT_ORGREF_SIZE_PUT, "UPDATE orgs SET capital_yen = ?2, "
	    "staff_count = ?3, sme_group = ?4 WHERE id = ?1"),
	/* id, it_use, sec_posture */
	S(STMT_ORGREF_CAT_PUT, "UPDATE orgs SET it_use = ?2, sec_posture = ?3 "
	    "WHERE id = ?1"),
	/* org_id, name, preset, sales, staff, records, days, total, at, user
	 * → id */
	S(STMT_EST_INSERT, "INSERT INTO org_estimates (org_id, name, preset, "
	    "sales, staff, records, days, total, created_at, created_by, "
	    "updated_at, updated_by, rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?9, ?10, 1) RETURNING id"),
	/* org_id, id, rev, name, preset, sales, staff, records, days, total,
	 * at, user */
	S(STMT_EST_UPDATE, "UPDATE org_estimates SET name = ?4, preset = ?5, "
	    "sales = ?6, staff = ?7, records = ?8, days = ?9, total = ?10, "
	    "updated_at = ?11, updated_by = ?12, rev = rev + 1 WHERE org_id "
	    "= ?1 AND id = ?2 AND rev = ?3"),
	/* org_id, id */
	S(STMT_EST_DELETE, "DELETE FROM org_estimates WHERE org_id = ?1 AND "
	    "id = ?2"),
	/* org_id → id, name, preset, sales, staff, records, days, total,
	 * created_at, updated_at, e-mail, rev — the latest saved first */
	S(STMT_EST_LIST, "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = ?1 ORDER BY "
	    "e.updated_at DESC, e.id DESC"),
	/* org_id, id → as STMT_EST_LIST */
	S(STMT_EST_GET, "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = ?1 AND e.id = "
	    "?2"),
	/* org_id → as STMT_EST_LIST, the largest total (the newest among
	 * equals) */
	S(STMT_EST_WORST, "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = ?1 ORDER BY "
	    "e.total DESC, e.id DESC LIMIT 1"),
	/* org_id → spending, could_pay (NULL: unset), rev */
	S(STMT_EST_MONEY_GET, "SELECT spending, could_pay, rev FROM "
	    "org_estimate_money WHERE org_id = ?1"),
	/* org_id, spending, could_pay, at, user (the first save) */
	S(STMT_EST_MONEY_INSERT, "INSERT INTO org_estimate_money (org_id, "
	    "spending, could_pay, rev, updated_at, updated_by) VALUES (?1, "
	    "?2, ?3, 1, ?4, ?5) ON CONFLICT (org_id) DO NOTHING"),
	/* org_id, spending, could_pay, rev, at, user */
	S(STMT_EST_MONEY_UPDATE, "UPDATE org_estimate_money SET spending = "
	    "?2, could_pay = ?3, rev = rev + 1, updated_at = ?5, updated_by "
	    "= ?6 WHERE org_id = ?1 AND rev = ?4"),
	S(STMT_EXPORT_ESTIMATES, "SELECT id, org_id, name, preset, sales, "
	    "staff, records, days, total, created_at, created_by, "
	    "updated_at, updated_by, rev FROM org_estimates ORDER BY id"),
	S(STMT_IMPORT_ESTIMATES, "INSERT INTO org_estimates (id, org_id, "
	    "name, preset, sales, staff, records, days, total, created_at, "
	    "created_by, updated_at, updated_by, rev) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
	S(STMT_EXPORT_EST_MONEY, "SELECT org_id, spending, could_pay, rev, "
	    "updated_at, updated_by FROM org_estimate_money ORDER BY org_id"),
	S(STMT_IMPORT_EST_MONEY, "INSERT INTO org_estimate_money (org_id, "
	    "spending, could_pay, rev, updated_at, updated_by) VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6)"),
	/* e-mail (model/mailq.c) */
	/* to, lang, kind, subject, text, html, unsub_url, next_try_at, dedupe (NULL: none), created_at → id (no row: dedupe seen) */
	S(STMT_MAIL_ENQUEUE, "INSERT INTO mail_queue (to_addr, lang, kind, subject, "
	    "body_text, body_html, unsub_url, next_try_at, dedupe, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10) ON CONFLICT (dedupe) DO NOTHING RETURNING id"),
	/* node, lease until, now, how many → id, to, lang, kind, subject, text, html, unsub_url, attempts, created_at */
	S(STMT_MAIL_CLAIM, "UPDATE mail_queue SET state = 'sending', claimed_by = ?1, "
	    "claimed_until = ?2, attempts = attempts + 1 WHERE id IN "
	    "(SELECT id FROM mail_queue WHERE (state = 'queued' AND "
	    "next_try_at <= ?3) OR (state = 'sending' AND claimed_until "
	    "< ?3) ORDER BY id LIMIT ?4) RETURNING id, to_addr, lang, "
	    "kind, subject, body_text, body_html, unsub_url, attempts, "
	    "created_at"),
	/* id, node, now */
	S(STMT_MAIL_SENT, "UPDATE mail_queue SET state = 'sent', sent_at = ?3, "
	    "claimed_until = 0, last_error = '' WHERE id = ?1 AND "
	    "claimed_by = ?2 AND state = 'sending'"),
	/* id, node, most attempts, next try, error */
	S(STMT_MAIL_FAIL, "UPDATE mail_queue SET state = CASE WHEN attempts >= ?3 "
	    "THEN 'failed' ELSE 'queued' END, next_try_at = ?4, "
	    "last_error = ?5, claimed_until = 0 WHERE id = ?1 AND "
	    "claimed_by = ?2 AND state = 'sending'"),
	/* → state, messages */
	S(STMT_MAIL_COUNTS, "SELECT state, count(*) FROM mail_queue GROUP BY state"),
	/* → id, to, kind, subject, state, attempts, next_try_at, last_error, created_at: the messages that failed or wait after an error, newest first */
	S(STMT_MAIL_TROUBLE, "SELECT id, to_addr, kind, subject, state, attempts, "
	    "next_try_at, last_error, created_at FROM mail_queue WHERE "
	    "state = 'failed' OR (state <> 'sent' AND last_error <> '') "
	    "ORDER BY id DESC LIMIT 200"),
	/* id (0: every failed one), now */
	S(STMT_MAIL_RETRY, "UPDATE mail_queue SET state = 'queued', next_try_at = ?2, "
	    "attempts = 0 WHERE state = 'failed' AND (id = ?1 OR ?1 = "
	    "0)"),
	/* address, kind, now */
	S(STMT_MAIL_OFF_PUT, "INSERT INTO mail_off (address, kind, at) VALUES (?1, ?2, "
	    "?3) ON CONFLICT (address, kind) DO NOTHING"),
	/* address, kind */
	S(STMT_MAIL_OFF_DEL, "DELETE FROM mail_off WHERE address = ?1 AND kind = ?2"),
	/* address → kind */
	S(STMT_MAIL_OFF_LIST, "SELECT kind FROM mail_off WHERE address = ?1"),
	/* name, holder, until, now: taken when a row changed */
	S(STMT_MAIL_LEASE, "UPDATE mail_lease SET holder = ?2, until_at = ?3 WHERE "
	    "name = ?1 AND (until_at < ?4 OR holder = ?2)"),
	/* respondent id, org, address */
	S(STMT_MAIL_RESP_SET, "UPDATE respondents SET email = ?3 WHERE id = ?1 AND org_id "
	    "= ?2"),
	/* respondent id → address */
	S(STMT_MAIL_RESP_ADDR, "SELECT email FROM respondents WHERE id = ?1"),
	/* round, org → respondent id, address, name, round title, deadline ('' none), organisation: the personal respondents with an address who have not finished, of an open round */
	S(STMT_MAIL_REMIND_LIST, "SELECT p.id, p.email, p.name, r.title, "
	    "coalesce(r.deadline, ''), o.name FROM respondents p JOIN "
	    "rounds r ON r.id = p.round_id JOIN orgs o ON o.id = "
	    "p.org_id WHERE p.round_id = ?1 AND p.org_id = ?2 AND "
	    "p.email <> '' AND p.complete = 0 AND p.via = 'personal' "
	    "AND r.status = 'open' ORDER BY p.id"),
	/* first day, last day → round id, org: open rounds whose deadline falls between */
	S(STMT_MAIL_ROUNDS_CLOSING, "SELECT id, org_id FROM rounds WHERE status = 'open' AND "
	    "deadline IS NOT NULL AND deadline >= ?1 AND deadline <= ?2 "
	    "ORDER BY id"),
	/* last month (YYYY-MM) → row id, org, organisation, measure, deadline month, assignee id, address, lang: open plan rows with a deadline up to that month and an assignee who is still a member */
	S(STMT_MAIL_PLAN_OPEN, "SELECT r.id, r.org_id, o.name, "
	    "coalesce(json_extract(r.body, '$.measure'), ''), "
	    "json_extract(r.body, '$.deadline'), u.id, u.email, u.lang "
	    "FROM reg_rows r JOIN orgs o ON o.id = r.org_id JOIN users "
	    "u ON u.id = json_extract(r.body, '$.assignee') JOIN "
	    "members m ON m.org_id = r.org_id AND m.user_id = u.id "
	    "WHERE r.reg = 'plan' AND coalesce(json_extract(r.body, "
	    "'$.status'), '') NOT IN ('done', 'dropped') AND "
	    "coalesce(json_extract(r.body, '$.deadline'), '') <> '' AND "
	    "json_extract(r.body, '$.deadline') <= ?1 ORDER BY r.id"),
	/* → org, organisation, advisor id, address, lang, day of the last visit held: every programme with a visit held and an advisor */
	S(STMT_MAIL_FOLLOW_LIST, "SELECT e.org_id, o.name, u.id, u.email, u.lang, "
	    "max(v.held) FROM engagements e JOIN orgs o ON o.id = "
	    "e.org_id JOIN users u ON u.id = e.advisor_id JOIN "
	    "engagement_visits v ON v.org_id = e.org_id AND v.held <> "
	    "'' GROUP BY e.org_id, o.name, u.id, u.email, u.lang ORDER "
	    "BY e.org_id"),
	/* → org: the organisations with an incident not closed */
	S(STMT_MAIL_INC_ORGS, "SELECT DISTINCT org_id FROM reg_rows WHERE reg = "
	    "'incidents' AND coalesce(json_extract(body, '$.status'), "
	    "'') <> 'closed' ORDER BY org_id"),
	/* → address, kind, at (model/transfer.c) */
	S(STMT_EXPORT_MAIL_OFF, "SELECT address, kind, at FROM mail_off ORDER BY address, "
	    "kind"),
	/* address, kind, at */
	S(STMT_IMPORT_MAIL_OFF, "INSERT INTO mail_off (address, kind, at) VALUES (?1, ?2, "
	    "?3)"),
};

/*
 * The same statements for PostgreSQL: $N placeholders, and casts where
 * PostgreSQL cannot infer a parameter's type ($1 IS NULL, $2 - $3).
 * Kept apart from the SQLite table so each reads as plain SQL; a test
 * prepares every row of both on a live server.
 */
static const char *const stmt_pg[STMT__MAX] = {
	[STMT_META_GET] = "SELECT value FROM meta WHERE key = $1",
	[STMT_META_PUT] = "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT "
	    "(key) DO UPDATE SET value = excluded.value",
	[STMT_DB_SIZE] = "SELECT pg_database_size(current_database())",
	[STMT_USER_INSERT] = "INSERT INTO users (email, pw_hash, role, lang, created_at) "
	    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
	[STMT_USER_BY_EMAIL] = "SELECT id, email, pw_hash, role, lang FROM users WHERE "
	    "email = $1",
	[STMT_USER_BY_ID] = "SELECT id, email, pw_hash, role, lang FROM users WHERE id "
	    "= $1",
	[STMT_USER_LIST] = "SELECT id, email, role, lang, created_at FROM users ORDER "
	    "BY email",
	[STMT_USER_COUNT] = "SELECT count(*) FROM users",
	[STMT_USER_SET_PASSWORD] = "UPDATE users SET pw_hash = $2, token_hash = "
	    "NULL, token_expires_at = NULL, token_used_at = NULL WHERE id = $1",
	[STMT_USER_SET_ROLE] = "UPDATE users SET role = $2 WHERE id = $1",
	[STMT_USER_SET_LANG] = "UPDATE users SET lang = $2 WHERE id = $1",
	[STMT_USER_SET_TOKEN] = "UPDATE users SET token_hash = $2, "
	    "token_expires_at = $3, token_used_at = NULL WHERE id = $1",
	[STMT_USER_REVOKE_TOKEN] = "UPDATE users SET token_hash = NULL, "
	    "token_expires_at = NULL, token_used_at = NULL WHERE id = $1 AND "
	    "token_hash IS NOT NULL",
	[STMT_USER_TOKEN_USED] = "UPDATE users SET token_used_at = $2 "
	    "WHERE id = $1",
	[STMT_USER_TOKEN_GET] = "SELECT token_expires_at, coalesce(token_used_at, "
	    "0) FROM users WHERE id = $1 AND token_hash IS NOT NULL",
	[STMT_USER_BY_TOKEN] = "SELECT id, email, pw_hash, role, lang, "
	    "coalesce(token_used_at, 0), token_expires_at FROM users WHERE "
	    "token_hash = $1 AND token_expires_at > $2",
	[STMT_SESSION_INSERT] = "INSERT INTO sessions (id_hash, user_id, csrf, org_id, "
	    "created_at, seen_at, expires_at) VALUES ($1, $2, $3, $4, "
	    "$5, $5, $6)",
	[STMT_SESSION_GET] = "SELECT s.user_id, s.csrf, s.org_id, s.seen_at, u.email, "
	    "u.role, u.lang, s.expires_at FROM sessions s JOIN users u ON u.id = "
	    "s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2",
	[STMT_SESSION_TOUCH] = "UPDATE sessions SET seen_at = $2, expires_at = $3 WHERE "
	    "id_hash = $1",
	[STMT_SESSION_SET_ORG] = "UPDATE sessions SET org_id = $2 WHERE id_hash = $1",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE id_hash = $1",
	[STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = $1",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE expires_at <= $1",
	[STMT_ONCE_INSERT] = "INSERT INTO once_links (token_hash, kind, org_id, role, "
	    "created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_ONCE_GET] = "SELECT l.kind, coalesce(l.org_id, 0), l.role, "
	    "coalesce(l.created_by, 0), coalesce(o.name, ''), "
	    "coalesce(u.email, '') FROM once_links l "
	    "LEFT JOIN orgs o ON o.id = l.org_id "
	    "LEFT JOIN users u ON u.id = l.created_by "
	    "WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2",
	[STMT_ONCE_USE] = "UPDATE once_links SET used_at = $2 WHERE token_hash = $1 "
	    "AND used_at IS NULL AND expires_at > $2",
	[STMT_ONCE_REVOKE_SETUP] = "UPDATE once_links SET used_at = $1 WHERE kind = "
	    "'setup' AND used_at IS NULL",
	[STMT_SETUP_LOCK] = "UPDATE meta SET value = value WHERE key = "
	    "'schema_version'",
	[STMT_RATE_HIT] = "INSERT INTO rate_limits (key, window_start, hits) VALUES "
	    "($1, $2, 1) ON CONFLICT (key) DO UPDATE SET hits = CASE "
	    "WHEN rate_limits.window_start <= $2::bigint - $3::bigint "
	    "THEN 1 ELSE rate_limits.hits + 1 END, window_start = CASE "
	    "WHEN rate_limits.window_start <= $2::bigint - $3::bigint "
	    "THEN $2 ELSE rate_limits.window_start END RETURNING hits",
	[STMT_RATE_GET] = "SELECT hits FROM rate_limits WHERE key = $1 AND "
	    "window_start > $2::bigint - $3::bigint",
	[STMT_RATE_CLEAR] = "DELETE FROM rate_limits WHERE key = $1",
	[STMT_AUDIT_INSERT] = "INSERT INTO audit (at, org_id, user_id, event, detail, "
	    "addr) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_AUDIT_LIST] = "SELECT a.at, a.event, a.detail, a.addr, coalesce(u.email, "
	    "''), coalesce(a.org_id, 0) FROM audit a LEFT JOIN users u "
	    "ON u.id = a.user_id WHERE $1::bigint IS NULL OR a.org_id = "
	    "$1 ORDER BY a.id DESC LIMIT $2 OFFSET $3",
	[STMT_AUDIT_COUNT] = "SELECT count(*) FROM audit WHERE $1::bigint IS "
	    "NULL OR org_id = $1",
	[STMT_ORG_INSERT] = "INSERT INTO orgs (name, industry, employees, capital, "
	    "prefecture, dep_many, dep_manual, dep_others, dep_class, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
	    "$10) RETURNING id",
	[STMT_ORG_GET] = "SELECT id, name, industry, employees, capital, prefecture, "
	    "dep_many, dep_manual, dep_others, dep_class, peer_share "
	    "FROM orgs WHERE id = $1",
	[STMT_ORG_UPDATE] = "UPDATE orgs SET name = $2, industry = $3, employees = $4, "
	    "capital = $5, prefecture = $6, dep_many = $7, dep_manual = "
	    "$8, dep_others = $9, dep_class = $10 WHERE id = $1",
	[STMT_ORG_LIST_ALL] = "SELECT id, name, 'org_admin' FROM orgs ORDER BY name, id",
	[STMT_ORG_LIST_FOR_USER] = "SELECT o.id, o.name, m.role FROM orgs o JOIN members m ON "
	    "m.org_id = o.id WHERE m.user_id = $1 ORDER BY o.name, o.id",
	[STMT_ORG_OVERVIEW_ALL] = ORG_OVERVIEW_COLS "LEFT JOIN members m ON "
	    "m.org_id = o.id AND m.user_id = $1 LEFT JOIN org_latest l ON "
	    "l.org_id = o.id ORDER BY o.name, o.id",
	[STMT_ORG_OVERVIEW_FOR_USER] = ORG_OVERVIEW_COLS "JOIN members m ON "
	    "m.org_id = o.id AND m.user_id = $1 LEFT JOIN org_latest l ON "
	    "l.org_id = o.id ORDER BY o.name, o.id",
	[STMT_MEMBER_PUT] = "INSERT INTO members (user_id, org_id, role) VALUES ($1, "
	    "$2, $3) ON CONFLICT (user_id, org_id) DO UPDATE SET role = "
	    "excluded.role",
	[STMT_MEMBER_ROLE] = "SELECT role FROM members WHERE user_id = $1 AND org_id = "
	    "$2",
	[STMT_MEMBER_LIST] = "SELECT u.id, u.email, m.role FROM members m JOIN users u "
	    "ON u.id = m.user_id WHERE m.org_id = $1 ORDER BY u.email",
	[STMT_MEMBER_SET_ROLE] = "UPDATE members SET role = $3 WHERE user_id = $1 AND org_id "
	    "= $2",
	[STMT_MEMBER_DELETE] = "DELETE FROM members WHERE user_id = $1 AND org_id = $2",
	[STMT_ROUND_INSERT] = "INSERT INTO rounds (org_id, title, status, opened_at, "
	    "opened_by) VALUES ($1, $2, 'open', $3, $4) RETURNING id",
	[STMT_ROUND_GET] = "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE id = $1 AND org_id = $2",
	[STMT_ROUND_FIND] = "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE id = $1",
	[STMT_ROUND_LIST] = "SELECT r.id, r.title, r.status, r.opened_at, "
	    "coalesce(r.closed_at, 0), (SELECT count(*) FROM "
	    "respondents p WHERE p.round_id = r.id AND p.complete = 1) "
	    "FROM rounds r WHERE r.org_id = $1 ORDER BY r.id DESC",
	[STMT_ROUND_CLOSE] = "UPDATE rounds SET status = 'closed', closed_at = $3 WHERE "
	    "id = $1 AND org_id = $2 AND status = 'open'",
	[STMT_ROUND_REOPEN] = "UPDATE rounds SET status = 'open', closed_at = NULL, "
	    "revision = revision + 1 WHERE id = $1 AND org_id = $2 AND "
	    "status = 'closed'",
	[STMT_ROUND_GET_PREV] = "SELECT id, org_id, title, status, opened_at, "
	    "coalesce(closed_at, 0), revision, coalesce(deadline, ''), "
	    "coalesce(shared_cap, 0) FROM rounds WHERE org_id = $2 "
	    "AND (id = $1 OR id = (SELECT max(id) FROM rounds WHERE "
	    "org_id = $2 AND id < $1)) ORDER BY id DESC",
	[STMT_ROUND_SET_DEADLINE] = "UPDATE rounds SET deadline = $3 "
	    "WHERE id = $1 AND org_id = $2",
	[STMT_ROUND_SET_SHARED_CAP] = "UPDATE rounds SET shared_cap = $3 "
	    "WHERE id = $1 AND org_id = $2",
	[STMT_RESP_COUNT_SHARED] = "SELECT count(*) FROM respondents "
	    "WHERE round_id = $1 AND org_id = $2 AND via = 'shared'",
	[STMT_ROUND_LOCK] = "SELECT status, coalesce(closed_at, 0) FROM rounds "
	    "WHERE id = $1 AND org_id = $2 FOR UPDATE",
	[STMT_RESP_INSERT] = "INSERT INTO respondents (round_id, org_id, role, name, "
	    "via, answers, complete, created_at, updated_at, department) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
	[STMT_RESP_GET] = "SELECT p.id, p.round_id, p.org_id, p.role, p.name, "
	    "p.answers, p.complete, r.status, r.title, "
	    "coalesce(r.deadline, '') FROM respondents "
	    "p JOIN rounds r ON r.id = p.round_id WHERE p.id = $1",
	[STMT_RESP_SAVE] = "UPDATE respondents SET answers = $2, complete = $3, "
	    "updated_at = $4 WHERE id = $1 AND EXISTS (SELECT 1 FROM "
	    "rounds r WHERE r.id = respondents.round_id AND r.status = "
	    "'open')",
	[STMT_RESP_LIST] = "SELECT id, role, name, answers, complete, via, "
	    "created_at, email, department FROM respondents WHERE round_id = $1 "
	    "AND org_id = $2 ORDER BY id",
	[STMT_RESP_COUNT] = "SELECT coalesce(sum(complete), 0), count(*) FROM "
	    "respondents WHERE round_id = $1 AND org_id = $2",
	[STMT_RESP_DELETE] = "DELETE FROM respondents WHERE id = $1 AND "
	    "round_id = $2 AND org_id = $3",
	[STMT_RESP_SET_ANSWERS] = "UPDATE respondents SET answers = $4, "
	    "complete = $5, updated_at = $6 WHERE id = $1 AND round_id = $2 "
	    "AND org_id = $3",
	[STMT_EXPORT_META] = "SELECT key, value FROM meta WHERE key <> 'schema_version' "
	    "ORDER BY key",
	[STMT_IMPORT_META] = "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT "
	    "(key) DO UPDATE SET value = excluded.value",
	[STMT_EXPORT_USERS] = "SELECT id, email, pw_hash, role, lang, token_hash, "
	    "created_at, token_expires_at, token_used_at FROM users ORDER BY id",
	[STMT_IMPORT_USERS] = "INSERT INTO users (id, email, pw_hash, role, lang, "
	    "token_hash, created_at, token_expires_at, token_used_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_EXPORT_ORGS] = "SELECT id, name, industry, employees, capital, prefecture, "
	    "dep_many, dep_manual, dep_others, dep_class, created_at, "
	    "peer_share, capital_yen, staff_count, sme_group, it_use, "
	    "sec_posture FROM orgs ORDER BY id",
	[STMT_IMPORT_ORGS] = "INSERT INTO orgs (id, name, industry, employees, capital, "
	    "prefecture, dep_many, dep_manual, dep_others, dep_class, "
	    "created_at, peer_share, capital_yen, staff_count, sme_group, "
	    "it_use, sec_posture) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
	[STMT_EXPORT_MEMBERS] = "SELECT user_id, org_id, role FROM members ORDER BY "
	    "user_id, org_id",
	[STMT_IMPORT_MEMBERS] = "INSERT INTO members (user_id, org_id, role) VALUES ($1, "
	    "$2, $3)",
	[STMT_EXPORT_SESSIONS] = "SELECT id_hash, user_id, csrf, org_id, created_at, "
	    "seen_at, expires_at FROM sessions ORDER BY id_hash",
	[STMT_IMPORT_SESSIONS] = "INSERT INTO sessions (id_hash, user_id, csrf, org_id, "
	    "created_at, seen_at, expires_at) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7)",
	[STMT_EXPORT_ONCE] = "SELECT token_hash, kind, org_id, role, created_by, "
	    "expires_at, used_at FROM once_links ORDER BY token_hash",
	[STMT_IMPORT_ONCE] = "INSERT INTO once_links (token_hash, kind, org_id, role, "
	    "created_by, expires_at, used_at) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7)",
	[STMT_EXPORT_RATE] = "SELECT key, window_start, hits FROM rate_limits ORDER BY "
	    "key",
	[STMT_IMPORT_RATE] = "INSERT INTO rate_limits (key, window_start, hits) VALUES "
	    "($1, $2, $3)",
	[STMT_EXPORT_AUDIT] = "SELECT id, at, org_id, user_id, event, detail, addr FROM "
	    "audit ORDER BY id",
	[STMT_IMPORT_AUDIT] = "INSERT INTO audit (id, at, org_id, user_id, event, detail, "
	    "addr) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	[STMT_EXPORT_ROUNDS] = "SELECT id, org_id, title, status, opened_at, closed_at, "
	    "opened_by, revision, deadline FROM rounds ORDER BY id",
	[STMT_IMPORT_ROUNDS] = "INSERT INTO rounds (id, org_id, title, status, opened_at, "
	    "closed_at, opened_by, revision, deadline) VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $8, $9)",
	[STMT_EXPORT_RESP] = "SELECT id, round_id, org_id, role, name, via, answers, "
	    "complete, created_at, updated_at, email, department FROM "
	    "respondents ORDER BY id",
	[STMT_IMPORT_RESP] = "INSERT INTO respondents (id, round_id, org_id, role, name, "
	    "via, answers, complete, created_at, updated_at, email, department) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
	    "coalesce($12, ''))",
	[STMT_ROUND_SET_REVISION] = "UPDATE rounds SET revision = $2 WHERE id = $1",
	[STMT_IMPORT_DONE] = "SELECT setval(pg_get_serial_sequence('users', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM users), false), "
	    "setval(pg_get_serial_sequence('orgs', 'id'), (SELECT "
	    "coalesce(max(id), 0) + 1 FROM orgs), false), "
	    "setval(pg_get_serial_sequence('audit', 'id'), (SELECT "
	    "coalesce(max(id), 0) + 1 FROM audit), false), "
	    "setval(pg_get_serial_sequence('rounds', 'id'), (SELECT "
	    "coalesce(max(id), 0) + 1 FROM rounds), false), "
	    "setval(pg_get_serial_sequence('respondents', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM respondents), false), "
	    "setval(pg_get_serial_sequence('policy_versions', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM policy_versions), false), "
	    "setval(pg_get_serial_sequence('reg_rows', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM reg_rows), false), "
	    "setval(pg_get_serial_sequence('reg_history', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM reg_history), false), "
	    "setval(pg_get_serial_sequence('risk_acceptances', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM risk_acceptances), false), "
	    "setval(pg_get_serial_sequence('pledges', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM pledges), false), "
	    "setval(pg_get_serial_sequence('engagement_homework', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM engagement_homework), "
	    "false), setval(pg_get_serial_sequence('offices', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM offices), false), "
	    "setval(pg_get_serial_sequence('org_estimates', 'id'), "
	    "(SELECT coalesce(max(id), 0) + 1 FROM org_estimates), false)",
	[STMT_COUNT_USERS_ORGS] = "SELECT (SELECT count(*) FROM users) + (SELECT count(*) "
	    "FROM orgs)",
	[STMT_LATEST_GET] = "SELECT round_id, industry, employees, score_tenths, parts, "
	    "items, shared FROM org_latest WHERE org_id = $1",
	[STMT_LATEST_PUT] = "INSERT INTO org_latest (org_id, round_id, industry, "
	    "employees, score_tenths, parts, items, closed_at, shared) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
	    "(org_id) DO UPDATE SET round_id = excluded.round_id, "
	    "industry = excluded.industry, employees = "
	    "excluded.employees, score_tenths = excluded.score_tenths, "
	    "parts = excluded.parts, items = excluded.items, closed_at "
	    "= excluded.closed_at, shared = excluded.shared",
	[STMT_COHORT_GET] = "SELECT n, sum_score, sum_sq, sum_parts, sum_items FROM "
	    "cohort_stats WHERE industry = $1 AND employees = $2 FOR "
	    "UPDATE",
	[STMT_COHORT_PUT] = "INSERT INTO cohort_stats (industry, employees, n, "
	    "sum_score, sum_sq, sum_parts, sum_items) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7) ON CONFLICT (industry, employees) DO "
	    "UPDATE SET n = excluded.n, sum_score = excluded.sum_score, "
	    "sum_sq = excluded.sum_sq, sum_parts = excluded.sum_parts, "
	    "sum_items = excluded.sum_items",
	[STMT_COHORT_RANK] = "SELECT coalesce(sum(CASE WHEN score_tenths < $3::bigint "
	    "THEN 2 * n ELSE n END), 0) FROM cohort_hist WHERE industry "
	    "= $1 AND employees = $2 AND score_tenths <= $3::bigint",
	[STMT_EXPORT_LATEST] = "SELECT org_id, round_id, industry, employees, "
	    "score_tenths, parts, items, closed_at, shared FROM "
	    "org_latest ORDER BY org_id",
	[STMT_IMPORT_LATEST] = "INSERT INTO org_latest (org_id, round_id, industry, "
	    "employees, score_tenths, parts, items, closed_at, shared) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_EXPORT_COHORTS] = "SELECT industry, employees, n, sum_score, sum_sq, "
	    "sum_parts, sum_items FROM cohort_stats ORDER BY industry, "
	    "employees",
	[STMT_IMPORT_COHORTS] = "INSERT INTO cohort_stats (industry, employees, n, "
	    "sum_score, sum_sq, sum_parts, sum_items) VALUES ($1, $2, "
	    "$3, $4, $5, $6, $7)",
	[STMT_HIST_ADD] = "INSERT INTO cohort_hist (industry, employees, "
	    "score_tenths, n) VALUES ($1, $2, $3, $4) ON CONFLICT "
	    "(industry, employees, score_tenths) DO UPDATE SET n = "
	    "cohort_hist.n + excluded.n",
	[STMT_EXPORT_HIST] = "SELECT industry, employees, score_tenths, n FROM "
	    "cohort_hist ORDER BY industry, employees, score_tenths",
	[STMT_IMPORT_HIST] = "INSERT INTO cohort_hist (industry, employees, "
	    "score_tenths, n) VALUES ($1, $2, $3, $4)",
	[STMT_LATEST_SHARE] = "UPDATE org_latest SET shared = $2 WHERE org_id = $1",
	[STMT_LATEST_DEL] = "DELETE FROM org_latest WHERE org_id = $1",
	[STMT_ORG_SHARE_SET] = "UPDATE orgs SET peer_share = $2 WHERE id = $1",
	[STMT_HIST_INDUSTRY] = "SELECT employees, score_tenths, n FROM cohort_hist "
	    "WHERE industry = $1 AND employees <> '*' AND n > 0 ORDER BY "
	    "employees, score_tenths",
	[STMT_POLICY_LATEST] = "SELECT v.id, v.version, v.body, v.created_at, "
	    "coalesce(cu.email, ''), coalesce(v.approved_at, 0), "
	    "coalesce(au.email, '') FROM policy_versions v LEFT JOIN "
	    "users cu ON cu.id = v.created_by LEFT JOIN users au ON "
	    "au.id = v.approved_by WHERE v.org_id = $1 ORDER BY "
	    "v.version DESC LIMIT 1",
	[STMT_POLICY_GET] = "SELECT v.id, v.version, v.body, v.created_at, "
	    "coalesce(cu.email, ''), coalesce(v.approved_at, 0), "
	    "coalesce(au.email, '') FROM policy_versions v LEFT JOIN "
	    "users cu ON cu.id = v.created_by LEFT JOIN users au ON "
	    "au.id = v.approved_by WHERE v.org_id = $1 AND v.version = "
	    "$2",
	[STMT_POLICY_LIST] = "SELECT v.id, v.version, v.created_at, coalesce(cu.email, "
	    "''), coalesce(v.approved_at, 0), coalesce(au.email, '') "
	    "FROM policy_versions v LEFT JOIN users cu ON cu.id = "
	    "v.created_by LEFT JOIN users au ON au.id = v.approved_by "
	    "WHERE v.org_id = $1 ORDER BY v.version DESC",
	[STMT_POLICY_INSERT] = "INSERT INTO policy_versions (org_id, version, body, "
	    "created_at, created_by) VALUES ($1, $2, $3, $4, $5)",
	[STMT_POLICY_APPROVE] = "UPDATE policy_versions SET approved_at = $3, approved_by = "
	    "$4 WHERE org_id = $1 AND version = $2 AND approved_at IS "
	    "NULL AND version = (SELECT max(version) FROM "
	    "policy_versions WHERE org_id = $1)",
	[STMT_POLICY_LAST_APPROVED] = "SELECT id FROM policy_versions WHERE org_id = $1 AND "
	    "approved_at IS NOT NULL ORDER BY version DESC LIMIT 1",
	[STMT_PUB_GET] = "SELECT p.slug, p.version_id, v.version, p.published_at "
	    "FROM policy_pub p JOIN policy_versions v ON v.id = "
	    "p.version_id WHERE p.org_id = $1",
	[STMT_PUB_PUT] = "INSERT INTO policy_pub (org_id, slug, version_id, "
	    "published_at) VALUES ($1, $2, $3, $4) ON CONFLICT (org_id) "
	    "DO UPDATE SET slug = excluded.slug, version_id = "
	    "excluded.version_id, published_at = excluded.published_at",
	[STMT_PUB_DELETE] = "DELETE FROM policy_pub WHERE org_id = $1",
	[STMT_PUB_SLUG] = "SELECT org_id, version_id, published_at FROM policy_pub "
	    "WHERE slug = $1",
	[STMT_POLICY_BY_ID] = "SELECT version, body, created_at, coalesce(approved_at, 0) "
	    "FROM policy_versions WHERE id = $1",
	[STMT_EXPORT_POLICY] = "SELECT id, org_id, version, body, created_at, created_by, "
	    "approved_at, approved_by FROM policy_versions ORDER BY id",
	[STMT_IMPORT_POLICY] = "INSERT INTO policy_versions (id, org_id, version, body, "
	    "created_at, created_by, approved_at, approved_by) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_EXPORT_PUB] = "SELECT org_id, slug, version_id, published_at FROM "
	    "policy_pub ORDER BY org_id",
	[STMT_IMPORT_PUB] = "INSERT INTO policy_pub (org_id, slug, version_id, "
	    "published_at) VALUES ($1, $2, $3, $4)",
	[STMT_PRINC_LIST] = "SELECT principle, done, updated_at FROM org_principles "
	    "WHERE org_id = $1 ORDER BY principle",
	[STMT_PRINC_PUT] = "INSERT INTO org_principles (org_id, principle, done, "
	    "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) ON "
	    "CONFLICT (org_id, principle) DO UPDATE SET done = "
	    "excluded.done, updated_at = excluded.updated_at, "
	    "updated_by = excluded.updated_by",
	[STMT_EXPORT_PRINC] = "SELECT org_id, principle, done, updated_at, updated_by "
	    "FROM org_principles ORDER BY org_id, principle",
	[STMT_IMPORT_PRINC] = "INSERT INTO org_principles (org_id, principle, done, "
	    "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)",
	[STMT_COMMENT_GET] = "SELECT c.body, c.updated_at, coalesce(u.email, '') "
	    "FROM round_comments c LEFT JOIN users u ON u.id = c.updated_by "
	    "WHERE c.round_id = $1 AND c.org_id = $2",
	[STMT_COMMENT_PUT] = "INSERT INTO round_comments (round_id, org_id, body, "
	    "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
	    "(round_id) DO UPDATE SET body = excluded.body, updated_at = "
	    "excluded.updated_at, updated_by = excluded.updated_by",
	[STMT_COMMENT_DELETE] = "DELETE FROM round_comments WHERE round_id = $1 "
	    "AND org_id = $2",
	[STMT_EXPORT_COMMENTS] = "SELECT round_id, org_id, body, updated_at, "
	    "updated_by FROM round_comments ORDER BY round_id",
	[STMT_IMPORT_COMMENTS] = "INSERT INTO round_comments (round_id, org_id, "
	    "body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)",
	[STMT_REG_LIST] = "SELECT r.id, r.rev, r.body, r.created_at, r.updated_at, "
	    "coalesce(u.email, '') FROM reg_rows r LEFT JOIN users u ON u.id = "
	    "r.updated_by WHERE r.org_id = $1 AND r.reg = $2 ORDER BY r.id",
	[STMT_REG_GET] = "SELECT r.id, r.rev, r.body, r.created_at, r.updated_at, "
	    "coalesce(u.email, '') FROM reg_rows r LEFT JOIN users u ON u.id = "
	    "r.updated_by WHERE r.id = $1 AND r.org_id = $2 AND r.reg = $3",
	[STMT_REG_INSERT] = "INSERT INTO reg_rows (org_id, reg, rev, body, "
	    "created_at, created_by, updated_at, updated_by) VALUES ($1, $2, 1, "
	    "$3, $4, $5, $4, $5) RETURNING id",
	[STMT_REG_UPDATE] = "UPDATE reg_rows SET rev = rev + 1, body = $5, "
	    "updated_at = $6, updated_by = $7 WHERE id = $1 AND org_id = $2 AND "
	    "reg = $3 AND rev = $4 RETURNING rev",
	[STMT_REG_DELETE] = "DELETE FROM reg_rows WHERE id = $1 AND org_id = $2 "
	    "AND reg = $3 AND rev = $4 RETURNING body",
	[STMT_REG_EXISTS] = "SELECT rev FROM reg_rows WHERE id = $1 AND org_id = "
	    "$2 AND reg = $3",
	[STMT_REG_COUNT] = "SELECT count(*) FROM reg_rows WHERE org_id = $1 AND "
	    "reg = $2",
	[STMT_REG_REFS] = "SELECT count(*) FROM reg_rows WHERE org_id = $1 AND "
	    "reg = $2 AND (body::jsonb ->> $3::text) = $4::text",
	[STMT_REG_MATCH] = "SELECT count(*) FROM reg_rows WHERE org_id = $1 AND "
	    "reg = $2 AND (body::jsonb ->> $3::text) = $4::text AND id <> $5",
	[STMT_REG_TITLES] = "SELECT id, coalesce(body::jsonb ->> $3::text, '') "
	    "FROM reg_rows WHERE org_id = $1 AND reg = $2 ORDER BY id",
	[STMT_REG_HIST_ADD] = "INSERT INTO reg_history (org_id, reg, row_id, rev, "
	    "op, body, at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	[STMT_REG_HIST_LIST] = "SELECT h.rev, h.op, coalesce(h.body, ''), h.at, "
	    "coalesce(u.email, '') FROM reg_history h LEFT JOIN users u ON u.id "
	    "= h.user_id WHERE h.org_id = $1 AND h.reg = $2 AND h.row_id = $3 "
	    "ORDER BY h.rev, h.id",
	[STMT_EXPORT_REG] = "SELECT id, org_id, reg, rev, body, created_at, "
	    "created_by, updated_at, updated_by FROM reg_rows ORDER BY id",
	[STMT_IMPORT_REG] = "INSERT INTO reg_rows (id, org_id, reg, rev, body, "
	    "created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $8, $9)",
	[STMT_EXPORT_REG_HIST] = "SELECT id, org_id, reg, row_id, rev, op, body, "
	    "at, user_id FROM reg_history ORDER BY id",
	[STMT_IMPORT_REG_HIST] = "INSERT INTO reg_history (id, org_id, reg, "
	    "row_id, rev, op, body, at, user_id) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7, $8, $9)",
	[STMT_ACCEPT_INSERT] = "INSERT INTO risk_acceptances (org_id, at, "
	    "user_id, risks, note) VALUES ($1, $2, $3, $4, $5)",
	[STMT_ACCEPT_LATEST] = "SELECT a.at, a.risks, a.note, "
	    "coalesce(u.email, '') FROM risk_acceptances a LEFT JOIN users u "
	    "ON u.id = a.user_id WHERE a.org_id = $1 ORDER BY a.id DESC "
	    "LIMIT 1",
	[STMT_EXPORT_ACCEPT] = "SELECT id, org_id, at, user_id, risks, note FROM "
	    "risk_acceptances ORDER BY id",
	[STMT_IMPORT_ACCEPT] = "INSERT INTO risk_acceptances (id, org_id, at, "
	    "user_id, risks, note) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_REGSET_GET] = "SELECT s.body, s.rev, s.updated_at, "
	    "coalesce(u.email, '') FROM reg_settings s LEFT JOIN users u ON "
	    "u.id = s.updated_by WHERE s.org_id = $1 AND s.reg = $2",
	[STMT_REGSET_INSERT] = "INSERT INTO reg_settings (org_id, reg, rev, "
	    "body, updated_at, updated_by) VALUES ($1, $2, 1, $3, $4, $5)",
	[STMT_REGSET_UPDATE] = "UPDATE reg_settings SET rev = rev + 1, body = "
	    "$4, updated_at = $5, updated_by = $6 WHERE org_id = $1 AND reg = "
	    "$2 AND rev = $3",
	[STMT_EXPORT_REGSET] = "SELECT org_id, reg, rev, body, updated_at, "
	    "updated_by FROM reg_settings ORDER BY org_id, reg",
	[STMT_IMPORT_REGSET] = "INSERT INTO reg_settings (org_id, reg, rev, "
	    "body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
	[STMT_CARD_PUT] = "INSERT INTO bcp_card_links (org_id, token_hash, "
	    "created_at, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT "
	    "(org_id) DO UPDATE SET token_hash = excluded.token_hash, "
	    "created_at = excluded.created_at, created_by = "
	    "excluded.created_by",
	[STMT_CARD_GET] = "SELECT l.created_at, coalesce(u.email, '') FROM "
	    "bcp_card_links l LEFT JOIN users u ON u.id = l.created_by WHERE "
	    "l.org_id = $1",
	[STMT_CARD_FIND] = "SELECT org_id FROM bcp_card_links WHERE "
	    "token_hash = $1",
	[STMT_CARD_DELETE] = "DELETE FROM bcp_card_links WHERE org_id = $1",
	[STMT_EXPORT_CARD] = "SELECT org_id, token_hash, created_at, "
	    "created_by FROM bcp_card_links ORDER BY org_id",
	[STMT_IMPORT_CARD] = "INSERT INTO bcp_card_links (org_id, token_hash, "
	    "created_at, created_by) VALUES ($1, $2, $3, $4)",

	/* org_id → item, result, consider, visit, state, rev, updated_at,
	 * e-mail of who saved ('') — by item */
	[STMT_HEARING_LIST] = "SELECT h.item, h.result, h.consider, h.visit, "
	    "h.state, h.rev, h.updated_at, coalesce(u.email, '') FROM "
	    "hearing_answers h LEFT JOIN users u ON u.id = h.updated_by "
	    "WHERE h.org_id = $1 ORDER BY h.item",
	/* org_id, item → rev, result, consider, state */
	[STMT_HEARING_GET] = "SELECT rev, result, consider, state FROM "
	    "hearing_answers WHERE org_id = $1 AND item = $2",
	/* org_id, item, result, consider, visit, state, updated_at,
	 * updated_by (rev 1); nothing when the row is there already */
	[STMT_HEARING_INSERT] = "INSERT INTO hearing_answers (org_id, item, "
	    "result, consider, visit, state, rev, updated_at, updated_by) "
	    "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8) ON CONFLICT (org_id, "
	    "item) DO NOTHING",
	/* org_id, item, rev it started from, result, consider, visit,
	 * state, updated_at, updated_by */
	[STMT_HEARING_UPDATE] = "UPDATE hearing_answers SET result = $4, "
	    "consider = $5, visit = $6, state = $7, rev = rev + 1, "
	    "updated_at = $8, updated_by = $9 WHERE org_id = $1 AND item = $2 "
	    "AND rev = $3",
	/* org_id → created_at */
	[STMT_HEARING_ORG_SINCE] = "SELECT created_at FROM orgs WHERE id = $1",
	/* org_id, user_id, name, handed_on, mode, created_at → id */
	[STMT_PLEDGE_INSERT] = "INSERT INTO pledges (org_id, user_id, name, "
	    "handed_on, mode, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
	    "RETURNING id",
	/* org_id → id, user_id, e-mail ('' when gone), name, handed_on,
	 * mode, created_at — the latest first */
	[STMT_PLEDGE_LIST] = "SELECT p.id, coalesce(p.user_id, 0), "
	    "coalesce(u.email, ''), p.name, p.handed_on, p.mode, p.created_at "
	    "FROM pledges p LEFT JOIN users u ON u.id = p.user_id WHERE "
	    "p.org_id = $1 ORDER BY p.handed_on DESC, p.id DESC",
	[STMT_EXPORT_HEARING] = "SELECT org_id, item, result, consider, visit, "
	    "state, rev, updated_at, updated_by FROM hearing_answers ORDER BY "
	    "org_id, item",
	[STMT_IMPORT_HEARING] = "INSERT INTO hearing_answers (org_id, item, "
	    "result, consider, visit, state, rev, updated_at, updated_by) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	[STMT_EXPORT_PLEDGES] = "SELECT id, org_id, user_id, name, handed_on, "
	    "mode, created_at FROM pledges ORDER BY id",
	[STMT_IMPORT_PLEDGES] = "INSERT INTO pledges (id, org_id, user_id, "
	    "name, handed_on, mode, created_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7)",
	[STMT_ENG_INSERT] = "INSERT INTO engagements (org_id, "
	    "advisor_id, template, state, first_visit, created_at) VALUES "
	    "($1, $2, $3, 'open', $4, $5)",
	[STMT_ENG_GET] = "SELECT e.advisor_id, coalesce(u.email, ''), "
	    "e.template, e.state, e.first_visit, e.created_at, e.summary, "
	    "e.two_star_done, e.two_star_planned, e.final_rev FROM "
	    "engagements e LEFT JOIN users u ON u.id = e.advisor_id WHERE "
	    "e.org_id = $1",
	/* as STMT_ENG_FINAL_SAVE above */
	[STMT_ENG_FINAL_SAVE] = "UPDATE engagements SET summary = $3, "
	    "two_star_done = $4, two_star_planned = $5, final_rev = "
	    "final_rev + 1 WHERE org_id = $1 AND final_rev = $2",
	[STMT_ENG_VISIT_INSERT] = "INSERT INTO engagement_visits "
	    "(org_id, n, planned, updated_at, updated_by) VALUES ($1, $2, "
	    "$3, $4, $5)",
	[STMT_ENG_VISIT_LIST] = "SELECT v.n, v.planned, v.held, "
	    "v.attendees, v.mode, v.notes, v.decisions, v.rev, v.updated_at, "
	    "coalesce(u.email, '') FROM engagement_visits v LEFT JOIN users "
	    "u ON u.id = v.updated_by WHERE v.org_id = $1 ORDER BY v.n",
	[STMT_ENG_VISIT_UPDATE] = "UPDATE engagement_visits SET "
	    "planned = $4, held = $5, attendees = $6, mode = $7, notes = $8, "
	    "decisions = $9, rev = rev + 1, updated_at = $10, updated_by = "
	    "$11 WHERE org_id = $1 AND n = $2 AND rev = $3",
	[STMT_ENG_VISIT_PLAN] = "UPDATE engagement_visits SET planned "
	    "= $3, rev = rev + 1 WHERE org_id = $1 AND n = $2",
	[STMT_ENG_VISIT_TOUCH] = "UPDATE engagement_visits SET rev = "
	    "rev + 1 WHERE org_id = $1 AND n = $2",
	[STMT_ENG_HW_DELETE_VISIT] = "DELETE FROM engagement_homework "
	    "WHERE org_id = $1 AND visit = $2",
	[STMT_ENG_HW_INSERT] = "INSERT INTO engagement_homework "
	    "(org_id, visit, side, body, due, done) VALUES ($1, $2, $3, $4, "
	    "$5, $6)",
	[STMT_ENG_HW_LIST] = "SELECT id, visit, side, body, due, done "
	    "FROM engagement_homework WHERE org_id = $1 ORDER BY visit, id",
	[STMT_ENG_HW_DONE] = "UPDATE engagement_homework SET done = $3 "
	    "WHERE org_id = $1 AND id = $2 RETURNING visit",
	[STMT_ENG_DELIV_INSERT] = "INSERT INTO engagement_deliverables "
	    "(org_id, deliverable, state, updated_at, updated_by) VALUES "
	    "($1, $2, 'not_started', $3, $4)",
	[STMT_ENG_DELIV_LIST] = "SELECT d.deliverable, d.state, "
	    "d.updated_at, coalesce(u.email, '') FROM "
	    "engagement_deliverables d LEFT JOIN users u ON u.id = "
	    "d.updated_by WHERE d.org_id = $1",
	[STMT_ENG_DELIV_SET] = "UPDATE engagement_deliverables SET "
	    "state = $3, updated_at = $4, updated_by = $5 WHERE org_id = $1 "
	    "AND deliverable = $2",
	[STMT_EXPORT_ENG] = "SELECT org_id, advisor_id, template, "
	    "state, first_visit, created_at, summary, two_star_done, "
	    "two_star_planned, final_rev, office_id FROM engagements ORDER BY org_id",
	[STMT_IMPORT_ENG] = "INSERT INTO engagements (org_id, "
	    "advisor_id, template, state, first_visit, created_at, summary, "
	    "two_star_done, two_star_planned, final_rev, office_id) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	[STMT_EXPORT_ENG_VISITS] = "SELECT org_id, n, planned, held, "
	    "attendees, mode, notes, decisions, rev, updated_at, updated_by "
	    "FROM engagement_visits ORDER BY org_id, n",
	[STMT_IMPORT_ENG_VISITS] = "INSERT INTO engagement_visits "
	    "(org_id, n, planned, held, attendees, mode, notes, decisions, "
	    "rev, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, "
	    "$7, $8, $9, $10, $11)",
	[STMT_EXPORT_ENG_HW] = "SELECT id, org_id, visit, side, body, "
	    "due, done FROM engagement_homework ORDER BY id",
	[STMT_IMPORT_ENG_HW] = "INSERT INTO engagement_homework (id, "
	    "org_id, visit, side, body, due, done) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7)",
	[STMT_EXPORT_ENG_DELIV] = "SELECT org_id, deliverable, state, "
	    "updated_at, updated_by FROM engagement_deliverables ORDER BY "
	    "org_id, deliverable",
	[STMT_IMPORT_ENG_DELIV] = "INSERT INTO engagement_deliverables "
	    "(org_id, deliverable, state, updated_at, updated_by) VALUES "
	    "($1, $2, $3, $4, $5)",
	[STMT_FIG_SOURCE] = FIG_SOURCE("$1", "(r.body::jsonb ->> 'status')"),
	[STMT_FIG_PLAN] = "SELECT coalesce(body::jsonb ->> 'status', ''), "
	    "coalesce(body::jsonb ->> 'deadline', '') FROM reg_rows WHERE "
	    "org_id = $1 AND reg = 'plan'",
	[STMT_FIG_PREV_ROUND] = "SELECT r.id FROM rounds r WHERE r.org_id = $1 "
	    "AND r.status = 'closed' AND r.id < $2 AND EXISTS (SELECT 1 FROM "
	    "respondents p WHERE p.round_id = r.id AND p.complete = 1) ORDER "
	    "BY r.id DESC LIMIT 1",
	[STMT_FIG_PUT] = "INSERT INTO org_figures (org_id, score_tenths, "
	    "prev_score_tenths, stars, plan_total, plan_done, plan_open_dues, "
	    "incidents_open, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "$8, $9) ON CONFLICT (org_id) DO UPDATE SET score_tenths = "
	    "excluded.score_tenths, prev_score_tenths = "
	    "excluded.prev_score_tenths, stars = excluded.stars, plan_total = "
	    "excluded.plan_total, plan_done = excluded.plan_done, "
	    "plan_open_dues = excluded.plan_open_dues, incidents_open = "
	    "excluded.incidents_open, updated_at = excluded.updated_at",
	[STMT_ENG_FIG_VISITS] = "SELECT CASE WHEN EXISTS (SELECT 1 FROM"
	    " engagements e WHERE e.org_id = $1) THEN 1 ELSE 0 END, (SELECT"
	    " count(*) FROM engagement_visits v WHERE v.org_id = $1), (SELECT"
	    " count(*) FROM engagement_visits v WHERE v.org_id = $1 AND v.held <>"
	    " ''), coalesce((SELECT min(v.planned) FROM engagement_visits v WHERE"
	    " v.org_id = $1 AND v.held = ''), ''), coalesce((SELECT max(v.held)"
	    " FROM engagement_visits v WHERE v.org_id = $1), '')",
	[STMT_ENG_FIG_HW] = "SELECT side, due FROM engagement_homework WHERE"
	    " org_id = $1 AND done = '' ORDER BY side, due",
	[STMT_ENG_FIG_PUT] = "INSERT INTO org_figures (org_id, updated_at,"
	    " engaged, visits, visits_held, visit_next, visit_last,"
	    " hw_company_dues, hw_advisor_dues) VALUES ($1, $2, $3, $4, $5, $6,"
	    " $7, $8, $9) ON CONFLICT (org_id) DO UPDATE SET engaged ="
	    " excluded.engaged, visits = excluded.visits, visits_held ="
	    " excluded.visits_held, visit_next = excluded.visit_next, visit_last ="
	    " excluded.visit_last, hw_company_dues = excluded.hw_company_dues,"
	    " hw_advisor_dues = excluded.hw_advisor_dues, updated_at ="
	    " excluded.updated_at",
	[STMT_FIG_MISSING] = "SELECT o.id FROM orgs o WHERE NOT EXISTS (SELECT "
	    "1 FROM org_figures f WHERE f.org_id = o.id) ORDER BY o.id",
	[STMT_PORTFOLIO_ALL] = PORTFOLIO(PORTFOLIO_FROM_ALL("$1::bigint"),
	    ""),
	[STMT_PORTFOLIO_FOR_USER] = PORTFOLIO(PORTFOLIO_FROM_MINE,
	    PORTFOLIO_WHERE_MINE("$1::bigint")),
	[STMT_OFFICE_INSERT] = "INSERT INTO offices (name, created_at) VALUES ($1,"
	    " $2) RETURNING id",
	[STMT_OFFICE_GET] = "SELECT name, created_at FROM offices WHERE id = $1",
	[STMT_OFFICE_BY_NAME] = "SELECT id FROM offices WHERE name = $1",
	[STMT_OFFICE_LIST] = "SELECT id, name, created_at FROM offices ORDER BY"
	    " name, id",
	[STMT_OFFICE_MEMBER_PUT] = "INSERT INTO office_members (office_id, user_id,"
	    " role) VALUES ($1, $2, $3) ON CONFLICT (office_id, user_id) DO UPDATE"
	    " SET role = excluded.role",
	[STMT_OFFICE_MEMBER_ROLE] = "SELECT role FROM office_members WHERE"
	    " office_id = $1 AND user_id = $2",
	[STMT_OFFICE_MEMBER_LIST] = "SELECT m.user_id, u.email, m.role FROM"
	    " office_members m JOIN users u ON u.id = m.user_id WHERE m.office_id ="
	    " $1 ORDER BY u.email",
	[STMT_OFFICE_ADVISOR_PUT] = "INSERT INTO office_advisors (office_id,"
	    " user_id) VALUES ($1, $2) ON CONFLICT (office_id, user_id) DO NOTHING",
	[STMT_OFFICE_ADVISOR_LIST] = "SELECT a.user_id, u.email, (SELECT count(*)"
	    " FROM engagements e WHERE e.office_id = a.office_id AND e.advisor_id ="
	    " a.user_id) FROM office_advisors a JOIN users u ON u.id = a.user_id"
	    " WHERE a.office_id = $1 ORDER BY u.email",
	[STMT_OFFICE_IS_ADVISOR] = "SELECT 1 FROM office_advisors WHERE office_id ="
	    " $1 AND user_id = $2",
	[STMT_OFFICE_OF_ADVISOR] = "SELECT office_id FROM office_advisors WHERE"
	    " user_id = $1 ORDER BY office_id",
	[STMT_OFFICE_OF_MEMBER] = "SELECT o.id, o.name, m.role FROM office_members"
	    " m JOIN offices o ON o.id = m.office_id WHERE m.user_id = $1 ORDER BY"
	    " o.name, o.id",
	[STMT_OFFICE_ENG_SET] = "UPDATE engagements SET office_id = $2 WHERE org_id"
	    " = $1",
	[STMT_OFFICE_ENG_GET] = "SELECT office_id FROM engagements WHERE org_id ="
	    " $1",
	[STMT_OFFICE_ENG_LIST] = "WITH pg AS (SELECT e.org_id, o.name,"
	    " e.advisor_id, e.template, e.first_visit FROM engagements e JOIN orgs o"
	    " ON o.id = e.org_id WHERE e.office_id = $1 ORDER BY o.name, e.org_id"
	    " LIMIT $3 OFFSET $4) SELECT pg.org_id, pg.name, coalesce(u.email,"
	    " ''), pg.template, pg.first_visit, (SELECT count(*) FROM"
	    " engagement_visits v WHERE v.org_id = pg.org_id), (SELECT count(*)"
	    " FROM engagement_visits v WHERE v.org_id = pg.org_id AND v.held <>"
	    " ''), (SELECT count(*) FROM engagement_deliverables d WHERE d.org_id ="
	    " pg.org_id), (SELECT count(*) FROM engagement_deliverables d WHERE"
	    " d.org_id = pg.org_id AND d.state = 'draft'), (SELECT count(*) FROM"
	    " engagement_deliverables d WHERE d.org_id = pg.org_id AND d.state ="
	    " 'agreed'), (SELECT count(*) FROM engagement_homework h WHERE"
	    " h.org_id = pg.org_id AND h.done = '' AND h.due < $2) FROM pg LEFT"
	    " JOIN users u ON u.id = pg.advisor_id ORDER BY pg.name, pg.org_id",
	[STMT_OFFICE_ENG_COUNT] = "SELECT count(*) FROM engagements WHERE"
	    " office_id = $1",
	[STMT_OFFICE_CONTRIB_GET] = "SELECT office_id, industry, employees,"
	    " prefecture, scored, score_tenths, items, plan_done, plan_total, stars"
	    " FROM office_contrib WHERE org_id = $1 FOR UPDATE",
	[STMT_OFFICE_CONTRIB_PUT] = "INSERT INTO office_contrib (org_id, office_id,"
	    " industry, employees, prefecture, scored, score_tenths, items,"
	    " plan_done, plan_total, stars) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	    " $9, $10, $11) ON CONFLICT (org_id) DO UPDATE SET office_id ="
	    " excluded.office_id, industry = excluded.industry, employees ="
	    " excluded.employees, prefecture = excluded.prefecture, scored ="
	    " excluded.scored, score_tenths = excluded.score_tenths, items ="
	    " excluded.items, plan_done = excluded.plan_done, plan_total ="
	    " excluded.plan_total, stars = excluded.stars",
	[STMT_OFFICE_CONTRIB_DEL] = "DELETE FROM office_contrib WHERE org_id = $1",
	[STMT_OFFICE_STATS_GET] = "SELECT n, n_scored, sum_score, sum_sq, hist,"
	    " sum_items, plan_done, plan_total, two_star FROM office_stats WHERE"
	    " office_id = $1 AND dim = $2 AND key = $3 FOR UPDATE",
	[STMT_OFFICE_STATS_PUT] = "INSERT INTO office_stats (office_id, dim, key,"
	    " n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done,"
	    " plan_total, two_star) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
	    " $10, $11, $12) ON CONFLICT (office_id, dim, key) DO UPDATE SET n ="
	    " excluded.n, n_scored = excluded.n_scored, sum_score ="
	    " excluded.sum_score, sum_sq = excluded.sum_sq, hist = excluded.hist,"
	    " sum_items = excluded.sum_items, plan_done = excluded.plan_done,"
	    " plan_total = excluded.plan_total, two_star = excluded.two_star",
	[STMT_OFFICE_STATS_LIST] = "SELECT dim, key, n, n_scored, sum_score,"
	    " sum_sq, hist, sum_items, plan_done, plan_total, two_star FROM"
	    " office_stats WHERE office_id = $1 AND n > 0 ORDER BY dim, key",
	[STMT_EXPORT_OFFICES] = "SELECT id, name, created_at FROM offices ORDER BY"
	    " id",
	[STMT_IMPORT_OFFICES] = "INSERT INTO offices (id, name, created_at) VALUES"
	    " ($1, $2, $3)",
	[STMT_EXPORT_OFFICE_MEMBERS] = "SELECT office_id, user_id, role FROM"
	    " office_members ORDER BY office_id, user_id",
	[STMT_IMPORT_OFFICE_MEMBERS] = "INSERT INTO office_members (office_id,"
	    " user_id, role) VALUES ($1, $2, $3)",
	[STMT_EXPORT_OFFICE_ADVISORS] = "SELECT office_id, user_id FROM"
	    " office_advisors ORDER BY office_id, user_id",
	[STMT_IMPORT_OFFICE_ADVISORS] = "INSERT INTO office_advisors (office_id,"
	    " user_id) VALUES ($1, $2)",
	[STMT_EXPORT_OFFICE_CONTRIB] = "SELECT org_id, office_id, industry,"
	    " employees, prefecture, scored, score_tenths, items, plan_done,"
	    " plan_total, stars FROM office_contrib ORDER BY org_id",
	[STMT_IMPORT_OFFICE_CONTRIB] = "INSERT INTO office_contrib (org_id,"
	    " office_id, industry, employees, prefecture, scored, score_tenths,"
	    " items, plan_done, plan_total, stars) VALUES ($1, $2, $3, $4, $5, $6,"
	    " $7, $8, $9, $10, $11)",
	[STMT_EXPORT_OFFICE_STATS] = "SELECT office_id, dim, key, n, n_scored,"
	    " sum_score, sum_sq, hist, sum_items, plan_done, plan_total, two_star"
	    " FROM office_stats ORDER BY office_id, dim, key",
	[STMT_IMPORT_OFFICE_STATS] = "INSERT INTO office_stats (office_id, dim,"
	    " key, n, n_scored, sum_score, sum_sq, hist, sum_items, plan_done,"
	    " plan_total, two_star) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
	    " $10, $11, $12)",
	[STMT_OFFICE_ENG_FREE] = "SELECT e.org_id, o.name, u.email FROM engagements"
	    " e JOIN orgs o ON o.id = e.org_id JOIN office_advisors a ON a.user_id"
	    " = e.advisor_id AND a.office_id = $1 JOIN users u ON u.id ="
	    " e.advisor_id WHERE e.office_id IS NULL ORDER BY o.name, e.org_id",
	/* two-step sign-in and calendar feeds (issue 16) */
	[STMT_TOTP_GET] = "SELECT secret, on_at, last_step FROM user_totp WHERE "
	    "user_id = $1",
	[STMT_TOTP_BEGIN] = "INSERT INTO user_totp (user_id, secret, created_at) VALUES "
	    "($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET secret = "
	    "excluded.secret, last_step = 0, created_at = "
	    "excluded.created_at WHERE user_totp.on_at = 0",
	[STMT_TOTP_CONFIRM] = "UPDATE user_totp SET on_at = $3, last_step = $2 WHERE "
	    "user_id = $1 AND on_at = 0",
	[STMT_TOTP_STEP] = "UPDATE user_totp SET last_step = $2 WHERE user_id = $1 AND "
	    "on_at > 0 AND last_step < $2",
	[STMT_TOTP_DELETE] = "DELETE FROM user_totp WHERE user_id = $1",
	[STMT_RECOVERY_DELETE] = "DELETE FROM user_recovery WHERE user_id = $1",
	[STMT_RECOVERY_INSERT] = "INSERT INTO user_recovery (user_id, code_hash) VALUES ($1, "
	    "$2)",
	[STMT_RECOVERY_USE] = "UPDATE user_recovery SET used_at = $3 WHERE user_id = $1 "
	    "AND code_hash = $2 AND used_at = 0",
	[STMT_RECOVERY_LEFT] = "SELECT count(*) FROM user_recovery WHERE user_id = $1 AND "
	    "used_at = 0",
	[STMT_TWOSTEP_DUE] = "SELECT (SELECT count(*) FROM user_totp WHERE user_id = $1 "
	    "AND on_at > 0), coalesce((SELECT value FROM meta WHERE key "
	    "= 'twostep_required'), ''), (SELECT count(*) FROM members "
	    "m JOIN org_twostep t ON t.org_id = m.org_id WHERE "
	    "m.user_id = $1)",
	[STMT_ORG_TWOSTEP_GET] = "SELECT count(*) FROM org_twostep WHERE org_id = $1",
	[STMT_ORG_TWOSTEP_ON] = "INSERT INTO org_twostep (org_id, set_at, set_by) VALUES "
	    "($1, $2, $3) ON CONFLICT (org_id) DO NOTHING",
	[STMT_ORG_TWOSTEP_OFF] = "DELETE FROM org_twostep WHERE org_id = $1",
	[STMT_LOGIN_STEP_PUT] = "INSERT INTO login_steps (token_hash, user_id, expires_at) "
	    "VALUES ($1, $2, $3)",
	[STMT_LOGIN_STEP_GET] = "SELECT user_id FROM login_steps WHERE token_hash = $1 AND "
	    "expires_at > $2",
	[STMT_LOGIN_STEP_END] = "DELETE FROM login_steps WHERE token_hash = $1 OR "
	    "expires_at <= $2",
	[STMT_CAL_PUT] = "INSERT INTO cal_feeds (user_id, token_hash, created_at) "
	    "VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET "
	    "token_hash = excluded.token_hash, created_at = "
	    "excluded.created_at",
	[STMT_CAL_BY_TOKEN] = "SELECT u.id, u.email, u.lang FROM cal_feeds c JOIN users u "
	    "ON u.id = c.user_id WHERE c.token_hash = $1",
	[STMT_CAL_INFO] = "SELECT created_at FROM cal_feeds WHERE user_id = $1",
	[STMT_CAL_DELETE] = "DELETE FROM cal_feeds WHERE user_id = $1",
	[STMT_CAL_PLAN] = "SELECT r.id, r.org_id, o.name, r.body, r.updated_at FROM "
	    "members m JOIN reg_rows r ON r.org_id = m.org_id AND r.reg "
	    "= 'plan' JOIN orgs o ON o.id = m.org_id WHERE m.user_id = "
	    "$1 ORDER BY r.id",
	[STMT_CAL_VISITS] = "SELECT v.org_id, o.name, v.n, v.planned, v.held, "
	    "v.updated_at FROM engagement_visits v JOIN engagements e "
	    "ON e.org_id = v.org_id JOIN orgs o ON o.id = v.org_id "
	    "WHERE e.advisor_id = $1 OR EXISTS (SELECT 1 FROM members m "
	    "WHERE m.org_id = v.org_id AND m.user_id = $1) ORDER BY "
	    "v.org_id, v.n",
	[STMT_CAL_INCIDENTS] = "SELECT r.id, r.org_id, o.name, r.body, r.updated_at, "
	    "m.role, coalesce((SELECT s.body FROM reg_settings s WHERE "
	    "s.org_id = m.org_id AND s.reg = 'incidents'), '') FROM "
	    "members m JOIN reg_rows r ON r.org_id = m.org_id AND r.reg "
	    "= 'incidents' JOIN orgs o ON o.id = m.org_id WHERE "
	    "m.user_id = $1 ORDER BY r.id",
	[STMT_CAL_ROUNDS] = "SELECT r.id, r.org_id, o.name, r.title, r.deadline, "
	    "r.opened_at FROM members m JOIN rounds r ON r.org_id = "
	    "m.org_id AND r.status = 'open' AND r.deadline IS NOT NULL "
	    "AND r.deadline <> '' JOIN orgs o ON o.id = m.org_id WHERE "
	    "m.user_id = $1 ORDER BY r.id",
	[STMT_EXPORT_TOTP] = "SELECT user_id, secret, on_at, last_step, created_at "
	    "FROM user_totp ORDER BY user_id",
	[STMT_IMPORT_TOTP] = "INSERT INTO user_totp (user_id, secret, on_at, "
	    "last_step, created_at) VALUES ($1, $2, $3, $4, $5)",
	[STMT_EXPORT_RECOVERY] = "SELECT user_id, code_hash, used_at FROM user_recovery "
	    "ORDER BY user_id, code_hash",
	[STMT_IMPORT_RECOVERY] = "INSERT INTO user_recovery (user_id, code_hash, used_at) "
	    "VALUES ($1, $2, $3)",
	[STMT_EXPORT_LOGIN_STEPS] = "SELECT token_hash, user_id, expires_at FROM login_steps "
	    "ORDER BY token_hash",
	[STMT_IMPORT_LOGIN_STEPS] = "INSERT INTO login_steps (token_hash, user_id, "
	    "expires_at) VALUES ($1, $2, $3)",
	[STMT_EXPORT_ORG_TWOSTEP] = "SELECT org_id, set_at, set_by FROM org_twostep ORDER BY "
	    "org_id",
	[STMT_IMPORT_ORG_TWOSTEP] = "INSERT INTO org_twostep (org_id, set_at, set_by) VALUES "
	    "($1, $2, $3)",
	[STMT_EXPORT_CAL] = "SELECT user_id, token_hash, created_at FROM cal_feeds "
	    "ORDER BY user_id",
	[STMT_IMPORT_CAL] = "INSERT INTO cal_feeds (user_id, token_hash, created_at) "
	    "VALUES ($1, $2, $3)",
	/* issue 16, the reference (model/orgref.c) */
	[STMT_ORGREF_GET] = "SELECT coalesce(capital_yen, -1), "
	    "coalesce(staff_count, -1), sme_group, it_use, sec_posture FROM "
	    "orgs WHERE id = $1",
	[STMT_ORGREF_SIZE_PUT] = "UPDATE orgs SET capital_yen = $2, "
	    "staff_count = $3, sme_group = $4 WHERE id = $1",
	[STMT_ORGREF_CAT_PUT] = "UPDATE orgs SET it_use = $2, sec_posture = $3 "
	    "WHERE id = $1",
	[STMT_EST_INSERT] = "INSERT INTO org_estimates (org_id, name, preset, "
	    "sales, staff, records, days, total, created_at, created_by, "
	    "updated_at, updated_by, rev) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "$8, $9, $10, $9, $10, 1) RETURNING id",
	[STMT_EST_UPDATE] = "UPDATE org_estimates SET name = $4, preset = $5, "
	    "sales = $6, staff = $7, records = $8, days = $9, total = $10, "
	    "updated_at = $11, updated_by = $12, rev = rev + 1 WHERE org_id = "
	    "$1 AND id = $2 AND rev = $3",
	[STMT_EST_DELETE] = "DELETE FROM org_estimates WHERE org_id = $1 AND "
	    "id = $2",
	[STMT_EST_LIST] = "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = $1 ORDER BY "
	    "e.updated_at DESC, e.id DESC",
	[STMT_EST_GET] = "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = $1 AND e.id = $2",
	[STMT_EST_WORST] = "SELECT e.id, e.name, e.preset, e.sales, e.staff, "
	    "e.records, e.days, e.total, e.created_at, e.updated_at, "
	    "coalesce(u.email, ''), e.rev FROM org_estimates e LEFT JOIN "
	    "users u ON u.id = e.updated_by WHERE e.org_id = $1 ORDER BY "
	    "e.total DESC, e.id DESC LIMIT 1",
	[STMT_EST_MONEY_GET] = "SELECT spending, could_pay, rev FROM "
	    "org_estimate_money WHERE org_id = $1",
	[STMT_EST_MONEY_INSERT] = "INSERT INTO org_estimate_money (org_id, "
	    "spending, could_pay, rev, updated_at, updated_by) VALUES ($1, "
	    "$2, $3, 1, $4, $5) ON CONFLICT (org_id) DO NOTHING",
	[STMT_EST_MONEY_UPDATE] = "UPDATE org_estimate_money SET spending = "
	    "$2, could_pay = $3, rev = rev + 1, updated_at = $5, updated_by = "
	    "$6 WHERE org_id = $1 AND rev = $4",
	[STMT_EXPORT_ESTIMATES] = "SELECT id, org_id, name, preset, sales, "
	    "staff, records, days, total, created_at, created_by, updated_at, "
	    "updated_by, rev FROM org_estimates ORDER BY id",
	[STMT_IMPORT_ESTIMATES] = "INSERT INTO org_estimates (id, org_id, "
	    "name, preset, sales, staff, records, days, total, created_at, "
	    "created_by, updated_at, updated_by, rev) VALUES ($1, $2, $3, $4, "
	    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
	[STMT_EXPORT_EST_MONEY] = "SELECT org_id, spending, could_pay, rev, "
	    "updated_at, updated_by FROM org_estimate_money ORDER BY org_id",
	[STMT_IMPORT_EST_MONEY] = "INSERT INTO org_estimate_money (org_id, "
	    "spending, could_pay, rev, updated_at, updated_by) VALUES ($1, "
	    "$2, $3, $4, $5, $6)",
	/* e-mail (model/mailq.c) */
	[STMT_MAIL_ENQUEUE] = "INSERT INTO mail_queue (to_addr, lang, kind, subject, "
	    "body_text, body_html, unsub_url, next_try_at, dedupe, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
	    "$10) ON CONFLICT (dedupe) DO NOTHING RETURNING id",
	[STMT_MAIL_CLAIM] = "UPDATE mail_queue SET state = 'sending', claimed_by = $1, "
	    "claimed_until = $2, attempts = attempts + 1 WHERE id IN "
	    "(SELECT id FROM mail_queue WHERE (state = 'queued' AND "
	    "next_try_at <= $3) OR (state = 'sending' AND claimed_until "
	    "< $3) ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) AND "
	    "((state = 'queued' AND next_try_at <= $3) OR (state = "
	    "'sending' AND claimed_until < $3)) RETURNING id, to_addr, "
	    "lang, kind, subject, body_text, body_html, unsub_url, "
	    "attempts, created_at",
	[STMT_MAIL_SENT] = "UPDATE mail_queue SET state = 'sent', sent_at = $3, "
	    "claimed_until = 0, last_error = '' WHERE id = $1 AND "
	    "claimed_by = $2 AND state = 'sending'",
	[STMT_MAIL_FAIL] = "UPDATE mail_queue SET state = CASE WHEN attempts >= $3 "
	    "THEN 'failed' ELSE 'queued' END, next_try_at = $4, "
	    "last_error = $5, claimed_until = 0 WHERE id = $1 AND "
	    "claimed_by = $2 AND state = 'sending'",
	[STMT_MAIL_COUNTS] = "SELECT state, count(*) FROM mail_queue GROUP BY state",
	[STMT_MAIL_TROUBLE] = "SELECT id, to_addr, kind, subject, state, attempts, "
	    "next_try_at, last_error, created_at FROM mail_queue WHERE "
	    "state = 'failed' OR (state <> 'sent' AND last_error <> '') "
	    "ORDER BY id DESC LIMIT 200",
	[STMT_MAIL_RETRY] = "UPDATE mail_queue SET state = 'queued', next_try_at = $2, "
	    "attempts = 0 WHERE state = 'failed' AND (id = $1 OR "
	    "$1::bigint = 0)",
	[STMT_MAIL_OFF_PUT] = "INSERT INTO mail_off (address, kind, at) VALUES ($1, $2, "
	    "$3) ON CONFLICT (address, kind) DO NOTHING",
	[STMT_MAIL_OFF_DEL] = "DELETE FROM mail_off WHERE address = $1 AND kind = $2",
	[STMT_MAIL_OFF_LIST] = "SELECT kind FROM mail_off WHERE address = $1",
	[STMT_MAIL_LEASE] = "UPDATE mail_lease SET holder = $2, until_at = $3 WHERE "
	    "name = $1 AND (until_at < $4 OR holder = $2)",
	[STMT_MAIL_RESP_SET] = "UPDATE respondents SET email = $3 WHERE id = $1 AND org_id "
	    "= $2",
	[STMT_MAIL_RESP_ADDR] = "SELECT email FROM respondents WHERE id = $1",
	[STMT_MAIL_REMIND_LIST] = "SELECT p.id, p.email, p.name, r.title, "
	    "coalesce(r.deadline, ''), o.name FROM respondents p JOIN "
	    "rounds r ON r.id = p.round_id JOIN orgs o ON o.id = "
	    "p.org_id WHERE p.round_id = $1 AND p.org_id = $2 AND "
	    "p.email <> '' AND p.complete = 0 AND p.via = 'personal' "
	    "AND r.status = 'open' ORDER BY p.id",
	[STMT_MAIL_ROUNDS_CLOSING] = "SELECT id, org_id FROM rounds WHERE status = 'open' AND "
	    "deadline IS NOT NULL AND deadline >= $1 AND deadline <= $2 "
	    "ORDER BY id",
	[STMT_MAIL_PLAN_OPEN] = "SELECT r.id, r.org_id, o.name, coalesce(r.body::jsonb ->> "
	    "'measure', ''), r.body::jsonb ->> 'deadline', u.id, "
	    "u.email, u.lang FROM reg_rows r JOIN orgs o ON o.id = "
	    "r.org_id JOIN users u ON u.id = CASE WHEN "
	    "jsonb_typeof(r.body::jsonb -> 'assignee') = 'number' THEN "
	    "(r.body::jsonb ->> 'assignee')::bigint END JOIN members m "
	    "ON m.org_id = r.org_id AND m.user_id = u.id WHERE r.reg = "
	    "'plan' AND coalesce(r.body::jsonb ->> 'status', '') NOT IN "
	    "('done', 'dropped') AND coalesce(r.body::jsonb ->> "
	    "'deadline', '') <> '' AND r.body::jsonb ->> 'deadline' <= "
	    "$1::text ORDER BY r.id",
	[STMT_MAIL_FOLLOW_LIST] = "SELECT e.org_id, o.name, u.id, u.email, u.lang, "
	    "max(v.held) FROM engagements e JOIN orgs o ON o.id = "
	    "e.org_id JOIN users u ON u.id = e.advisor_id JOIN "
	    "engagement_visits v ON v.org_id = e.org_id AND v.held <> "
	    "'' GROUP BY e.org_id, o.name, u.id, u.email, u.lang ORDER "
	    "BY e.org_id",
	[STMT_MAIL_INC_ORGS] = "SELECT DISTINCT org_id FROM reg_rows WHERE reg = "
	    "'incidents' AND coalesce(body::jsonb ->> 'status', '') <> "
	    "'closed' ORDER BY org_id",
	[STMT_EXPORT_MAIL_OFF] = "SELECT address, kind, at FROM mail_off ORDER BY address, "
	    "kind",
	[STMT_IMPORT_MAIL_OFF] = "INSERT INTO mail_off (address, kind, at) VALUES ($1, $2, "
	    "$3)",
};

const char *
stmt_sql(enum stmt s, enum stmt_dialect d)
{
	return d == STMT_PG ? stmt_pg[s] : stmt_defs[s].sql[d];
}

bool
stmt_writes(enum stmt s)
{
	return strncmp(stmt_defs[s].sql[STMT_SQLITE], "SELECT", 6) != 0;
}

const char *
stmt_name(enum stmt s)
{
	return stmt_defs[s].name + sizeof("STMT_") - 1;
}
