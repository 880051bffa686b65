/*
 * stmt: every SQL statement mamori runs, as a closed set.  The text of
 * each, per dialect, is in stmt.c; parameters are ?1… (SQLite) / $1…
 * (PostgreSQL), always bound, never pasted.
 */
#ifndef MAMORI_STMT_H
#define MAMORI_STMT_H

enum stmt_dialect {
	STMT_SQLITE,
	STMT_PG,
	STMT_DIALECT__MAX
};

enum stmt {
	/* meta */
	STMT_META_GET,
	STMT_META_PUT,
	/* users */
	STMT_USER_INSERT,
	STMT_USER_BY_EMAIL,
	STMT_USER_BY_ID,
	STMT_USER_LIST,
	STMT_USER_COUNT,
	STMT_USER_SET_PASSWORD,
	STMT_USER_SET_ROLE,
	STMT_USER_SET_LANG,
	STMT_USER_SET_TOKEN,
	STMT_USER_BY_TOKEN,
	/* sessions */
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_SET_ORG,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	/* one-time links */
	STMT_ONCE_INSERT,
	STMT_ONCE_GET,
	STMT_ONCE_USE,
	/* rate limits */
	STMT_RATE_HIT,
	STMT_RATE_GET,
	STMT_RATE_CLEAR,
	/* audit */
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST,
	/* organisations */
	STMT_ORG_INSERT,
	STMT_ORG_GET,
	STMT_ORG_UPDATE,
	STMT_ORG_LIST_ALL,
	STMT_ORG_LIST_FOR_USER,
	STMT_MEMBER_PUT,
	STMT_MEMBER_ROLE,
	STMT_MEMBER_LIST,
	STMT_MEMBER_SET_ROLE,
	STMT_MEMBER_DELETE,
	/* rounds */
	STMT_ROUND_INSERT,
	STMT_ROUND_GET,
	STMT_ROUND_FIND,
	STMT_ROUND_LIST,
	STMT_ROUND_CLOSE,
	STMT_ROUND_PREV,
	/* respondents */
	STMT_RESP_INSERT,
	STMT_RESP_GET,
	STMT_RESP_SAVE,
	STMT_RESP_LIST,
	STMT_RESP_COUNT,
	STMT__MAX
};

/* SQL text of s in dialect d.  Never NULL for a valid pair. */
const char	*stmt_sql(enum stmt s, enum stmt_dialect d);
/* Short name for logs and tests ("STMT_USER_INSERT" without prefix). */
const char	*stmt_name(enum stmt s);

#endif
