/*
 * diag: the 25-item self-diagnosis as numbers.  Answers, roles, parts and
 * scoring rules of SPEC §2; no text (that lives in the content pack, which
 * is checked against these constants at load), no SQL, no HTTP.
 */
#ifndef MAMORI_MODEL_DIAG_H
#define MAMORI_MODEL_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#define DIAG_ITEMS	25
#define DIAG_PARTS	3

/* One answer.  DIAG_NONE is "not answered yet" and never scored. */
enum diag_answer {
	DIAG_NONE,
	DIAG_YES,	/* implemented: 4 points */
	DIAG_PARTLY,	/* partly implemented: 2 */
	DIAG_NO,	/* not implemented: 0 */
	DIAG_UNKNOWN,	/* don't know: -1 */
	DIAG_ANSWER__MAX
};

enum diag_role {
	DIAG_ROLE_EXECUTIVE,
	DIAG_ROLE_MANAGER,
	DIAG_ROLE_EMPLOYEE,
	DIAG_ROLE__MAX
};

/* Score bands, best first (SPEC §2: 100, 70–99, 50–69, ≤49). */
enum diag_band {
	DIAG_BAND_EXCELLENT,
	DIAG_BAND_GOOD,
	DIAG_BAND_FAIR,
	DIAG_BAND_WEAK,
	DIAG_BAND__MAX
};

/* Points of an answer (DIAG_NONE: 0). */
int		 diag_points(enum diag_answer a);
/* Part (0-based) of an item (0-based). */
int		 diag_part_of(int item);
/* First item (0-based) of a part and its item count. */
int		 diag_part_first(int part);
int		 diag_part_len(int part);
/* Band of a score given in tenths (243 = 24.3): ≥1000 excellent, ≥700
 * good, ≥500 fair, else weak. */
enum diag_band	 diag_band_of(long tenths);
/* Stable ASCII keys: "yes" "partly" "no" "unknown" (NONE: ""),
 * "executive" "manager" "employee", "excellent" "good" "fair" "weak". */
const char	*diag_answer_key(enum diag_answer a);
const char	*diag_role_key(enum diag_role r);
const char	*diag_band_key(enum diag_band b);
/* Inverse of the key functions; -1 when unknown. */
int		 diag_role_from_key(const char *s, size_t n);
int		 diag_answer_from_key(const char *s, size_t n);

/* Answers are stored as 25 characters, one an item: '4' '2' '0' 'u'
 * (don't know), '.' (not answered).  diag_encode writes 25 bytes plus NUL
 * into out; diag_decode returns -1 unless s is exactly such a string. */
void		 diag_encode(const unsigned char ans[DIAG_ITEMS], char out[DIAG_ITEMS + 1]);
int		 diag_decode(const char *s, size_t n, unsigned char ans[DIAG_ITEMS]);

/* One respondent's answers. */
struct diag_resp {
	const char	*name;		/* may be NULL or ""; not owned */
	/* the department (model/dept.h), NULL or "" none; not owned */
	const char	*department;
	enum diag_role	 role;
	unsigned char	 ans[DIAG_ITEMS];	/* enum diag_answer each */
};

/* Number of items answered (not DIAG_NONE). */
int		 diag_resp_answered(const struct diag_resp *r);
/* Sum of points over answered items (−25..100). */
int		 diag_resp_score(const struct diag_resp *r);

/* Mean in tenths, rounded half away from zero: sum/n with one decimal.
 * n == 0 gives 0. */
long		 diag_mean_tenths(long sum, long n);

/* Everything the results page, the JSON and the CLI show for one round.
 * Only respondents who answered all 25 items count. */
struct diag_item_stat {
	long	 mean_tenths;	/* mean points ×10 (−10..40) */
	int	 counts[DIAG_ANSWER__MAX];	/* per answer; [DIAG_NONE] unused */
	int	 by_role[DIAG_ROLE__MAX][DIAG_ANSWER__MAX];	/* the same, per role */
	long	 role_mean_tenths[DIAG_ROLE__MAX];	/* mean points ×10 per role; 0 when no one */
	/* mean points ×10 of managers and employees together ("staff");
	 * 0 when no one */
	long	 staff_mean_tenths;
	/* executive mean minus the staff mean, both as shown (rounded to
	 * tenths first), so that a reader's subtraction agrees; 0 when
	 * either side is empty */
	long	 gap_tenths;
	bool	 gap_valid;	/* both sides answered */
};

struct diag_result {
	int		 n;		/* respondents counted */
	long		 company_tenths;	/* mean of respondents' scores ×10 */
	enum diag_band	 band;
	long		 part_mean_tenths[DIAG_PARTS];	/* mean points an item ×10 */
	/* the part on the 100-point scale (mean points an item × 25), ×10,
	 * rounded once from the exact mean: 600 = 60.0 */
	long		 part_on100_tenths[DIAG_PARTS];
	int		 role_n[DIAG_ROLE__MAX];
	long		 role_mean_tenths[DIAG_ROLE__MAX];	/* mean score ×10 */
	struct diag_item_stat item[DIAG_ITEMS];
	/* Items (0-based) ordered weakest first: by mean, then by more
	 * "don't know", then by number. */
	int		 weakest[DIAG_ITEMS];
	/*
	 * Role figures that would show one person's answers to readers who
	 * may not see them (members): a role of exactly one respondent, and,
	 * when that leaves one person alone behind the totals (total minus
	 * the roles shown), also the smallest other role, so the hidden roles
	 * always hold two or more people.
	 */
	bool		 role_hidden[DIAG_ROLE__MAX];
	/* Some role is hidden: then the staff mean (and so the executive
	 * gap), being the total minus the executives, is hidden too. */
	bool		 staff_hidden;
};

/*
 * Fill *out from n respondents (incomplete ones are skipped).  Pure;
 * thread-safe.  Every figure a page, report, workbook or the API shows of
 * a round is a member of *out: outputs format, they never compute.
 */
void		 diag_compute(const struct diag_resp *r, size_t n,
		    struct diag_result *out);

#endif
