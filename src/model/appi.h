/*
 * appi: when a personal-data breach must be reported to the Personal
 * Information Protection Commission, and by when (the Act on the
 * Protection of Personal Information as amended in force from 2022-04-01;
 * the numbers come from content/appi.yaml, so an amendment is a change
 * of data).  A report is due, unless the data were protected by strong
 * encryption, when the data include sensitive data (要配慮個人情報),
 * when financial damage may follow, when it may have been done with
 * wrongful intent, or when more people than the threshold are
 * concerned.  The preliminary report is due promptly, which the pack
 * gives as a window of days after the day of becoming aware; the final
 * one within a number of days counting that day as day 1 (longer when
 * wrongful intent is a reason).  The people concerned are to be told
 * whenever a report is due.
 *
 * Model only: days are counted in Japan time.  The product computes the
 * dates; it does not file the report.
 */
#ifndef MAMORI_MODEL_APPI_H
#define MAMORI_MODEL_APPI_H

#include <stdbool.h>
#include <stdint.h>

/* The rule's numbers (content/appi.yaml). */
struct appi_rule {
	long	 over;			/* more people than this: a report */
	int	 prelim_from, prelim_to;	/* days after the day of awareness */
	int	 final_days;		/* the day of awareness is day 1 */
	int	 final_days_malicious;	/* the same, with wrongful intent */
};

/* Why a report is due (flags, in this order everywhere). */
enum appi_reason {
	APPI_SENSITIVE = 1 << 0,
	APPI_FINANCIAL = 1 << 1,
	APPI_MALICIOUS = 1 << 2,
	APPI_OVER = 1 << 3,
};
#define APPI_REASONS	4

/* What an incident says about the personal data involved. */
struct appi_case {
	bool	 personal;	/* personal data are involved at all */
	long	 people;	/* how many people, -1 when not known */
	bool	 sensitive, financial, malicious, encrypted;
};

/* A day in Japan. */
struct appi_day {
	int	 y, m, d;
};

struct appi_due {
	unsigned	 reasons;	/* 0: no report is due */
	struct appi_day	 prelim_from, prelim_to, final;	/* when due */
	bool		 notify_people;
};

/* The reasons a report is due for c under rule (0: none). */
unsigned	appi_reasons(const struct appi_rule *rule,
		    const struct appi_case *c);
/* What is due for c, aware at Unix time aware_at. */
void		appi_due(const struct appi_rule *rule, const struct appi_case *c,
		    int64_t aware_at, struct appi_due *out);
/* The day in Japan of Unix time t, and that day plus n days. */
struct appi_day	appi_day_of(int64_t t);
struct appi_day	appi_day_add(struct appi_day d, int n);
/* Whole days from day a to day b (negative when b is before a). */
long		appi_days_between(struct appi_day a, struct appi_day b);
/* The keys "sensitive", "financial", "malicious", "over_1000"-style:
 * the API's names of the reasons, in flag order. */
const char	*appi_reason_key(int i);

#endif
