/*
 * org: organisations and who belongs to them.
 */
#ifndef MAMORI_MODEL_ORG_H
#define MAMORI_MODEL_ORG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

#define ORG_NAME_MAX	200	/* characters (code points) of a name */

struct org {
	int64_t	 id;
	const char *name;
	const char *industry;	/* JSIC division letter */
	const char *employees;	/* band key e1… */
	const char *capital;	/* band key c1… */
	const char *prefecture;	/* JIS code "01"… */
	int	 dep_many, dep_manual, dep_others;	/* 0/1 answers */
	const char *dep_class;	/* matsu / take / ume */
	bool	 peer_share;	/* its figures count in the peer statistics
				   (org_get only; new organisations share) */
};

struct org_ref {
	int64_t	 id;
	char	*name;
	char	*role;		/* member role key: org_admin, advisor, member */
};

/* 0 found, DB_DONE absent, < 0 error.  Strings in a. */
int	org_get(struct db_conn *c, struct arena *a, int64_t id, struct org *o);
/* Insert o (id ignored) in the caller's transaction, with no member: for
 * tools that add many at once (bench/scale.c).  *id set.  DB_OK or < 0. */
int	org_insert(struct db_conn *c, const struct org *o, int64_t *id);
/* Insert o (id ignored) and make user_id a member with member_role, in
 * one transaction.  *id set. */
int	org_create(struct db_conn *c, const struct org *o, int64_t user_id,
	    const char *member_role, int64_t *id);
int	org_update(struct db_conn *c, const struct org *o);
/* Organisations a user may open: all of them for the instance admin. */
int	org_list(struct db_conn *c, struct arena *a, int64_t user_id,
	    int all, struct org_ref **out, size_t *n);
/* One line of the list an advisor or the instance admin works from. */
struct org_overview {
	int64_t	 id;
	char	*name;
	char	*role;		/* the user's member role key; "" when the
				   instance admin is not a member */
	int64_t	 latest_round;	/* the latest closed round with answers, the
				   one its figures come from (0: none) */
	long	 score_tenths;	/* that round's company score ×10, as its
				   results show it */
	int64_t	 open_round;	/* the newest round still open (0: none) */
	int	 stars;		/* SECURITY ACTION stars it is ready for */
};

/* The organisations user_id may open (all of them when all), by name,
 * with their figures, in one read however many there are.  Strings in a.
 * DB_OK or < 0. */
int	org_overview_list(struct db_conn *c, struct arena *a, int64_t user_id,
	    bool all, struct org_overview **out, size_t *n);
/* One member of an organisation. */
struct org_member {
	int64_t	 id;		/* the user's id */
	char	*email;		/* lower case */
	char	*role;		/* member role key: org_admin, advisor, member */
};

/* The members of organisation org_id, by e-mail, into *out (memory from
 * a), *n of them.  DB_OK or < 0. */
int	org_member_list(struct db_conn *c, struct arena *a, int64_t org_id,
	    struct org_member **out, size_t *n);
/* Member role key of user in org, or NULL. */
char	*org_member_role(struct db_conn *c, struct arena *a, int64_t user_id,
	    int64_t org_id);
int	org_member_put(struct db_conn *c, int64_t user_id, int64_t org_id,
	    const char *role);
/* Change the role of an existing member, or remove them (role NULL).
 * DB_OK, DB_DONE when user is not a member of org, or < 0. */
int	org_member_change(struct db_conn *c, int64_t user_id, int64_t org_id,
	    const char *role);

#endif
