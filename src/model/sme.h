/*
 * sme: is a company an SME, or a small business, under the SME Basic Act
 * (中小企業基本法; SEEDFACTS §8.2)?  The Act sorts industries into four
 * groups, each with a capital limit and an employee limit (an SME meets
 * either) and a lower employee limit for a small business.  The limits
 * come from the content pack (content/sme.yaml); this file only applies
 * them.  Figures may be known exactly or only as a range (the profile's
 * bands), and an industry may fall in more than one group: the check
 * says what it can decide and, when it cannot, which figure would.
 * Pure; no text, no SQL.
 */
#ifndef MAMORI_MODEL_SME_H
#define MAMORI_MODEL_SME_H

#include <stdbool.h>
#include <stdint.h>

/* The Act's four groups, in the Act's order. */
enum sme_group {
	SME_MANUFACTURING,	/* manufacturing and all the others */
	SME_WHOLESALE,
	SME_SERVICES,
	SME_RETAIL,
	SME_GROUP__MAX
};

/* One group's limits: "at most", in yen and in people. */
struct sme_limits {
	int64_t	 capital;	/* SME: capital at most this */
	long	 staff;		/* SME: employees at most this */
	long	 small_staff;	/* small business: employees at most this */
};

/* A figure: lo…hi, both included; hi < 0 when open upwards; lo < 0 when
 * not known at all.  Known exactly: lo == hi. */
struct sme_range {
	int64_t	 lo, hi;
};

enum sme_verdict {
	SME_V_SMALL,		/* a small business (so an SME too) */
	SME_V_SME,		/* an SME, not a small business */
	SME_V_SME_NOT_SURE_SMALL, /* an SME; whether small needs the
				   staff count */
	SME_V_NOT,		/* not an SME */
	SME_V_UNKNOWN,		/* cannot tell yet: see need */
	SME_V__MAX
};

/* What would decide an undecided check. */
enum sme_need {
	SME_NEED_NONE,
	SME_NEED_GROUP,		/* which group the main business is in */
	SME_NEED_STAFF,		/* the exact staff count */
	SME_NEED_CAPITAL_OR_STAFF, /* the exact capital or staff count */
	SME_NEED__MAX
};

struct sme_result {
	enum sme_verdict v;
	enum sme_need	 need;
	int		 group;		/* the group that decided; -1 when
					   several agreed or none was known */
	bool		 by_capital;	/* SME: the capital is within the
					   limit */
	bool		 by_staff;	/* SME: the staff count is */
};

/*
 * Check a company against lim for each group in groups (a set of
 * 1 << enum sme_group; 0 when the industry is not known or in none).
 * capital_na: the company has no capital (a sole proprietor): only the
 * staff count counts.  When the groups disagree the verdict is unknown
 * with SME_NEED_GROUP; when they agree it is theirs.
 */
void	sme_check(const struct sme_limits lim[SME_GROUP__MAX],
	    unsigned groups, struct sme_range capital, bool capital_na,
	    struct sme_range staff, struct sme_result *out);
/* "manufacturing" "wholesale" "services" "retail"; -1 from an unknown
 * key. */
const char	*sme_group_key(enum sme_group g);
int		 sme_group_from_key(const char *s);
/* "small" "sme" "sme_maybe_small" "not" "unknown" */
const char	*sme_verdict_key(enum sme_verdict v);
/* "" "group" "staff" "capital_or_staff" */
const char	*sme_need_key(enum sme_need n);

#endif
