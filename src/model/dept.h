/*
 * dept: a round's diagnosis by department (issue 16).  Respondents may
 * give a department on the round's shared link, or the admin sets one on
 * a personal link; the results page and the board one-pager group the
 * complete respondents by it.
 *
 * The rule that protects who answered what is ours: a department of
 * fewer than DEPT_MIN complete respondents is listed with its count only,
 * as "too few to show" — no mean, no weakest items.  Respondents who
 * gave no department are not a department and are not listed.
 *
 * Pure: no database, no HTTP; thread-safe.
 */
#ifndef MAMORI_MODEL_DEPT_H
#define MAMORI_MODEL_DEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "model/diag.h"

#define DEPT_MIN	3	/* fewest respondents a department is shown with */
#define DEPT_WEAKEST	3	/* weakest items named per department */

/* One department's figures. */
struct dept_row {
	const char	*name;		/* as given (trimmed); not owned */
	int		 n;		/* its complete respondents */
	bool		 shown;		/* n >= DEPT_MIN: the figures below */
	/* the mean of its respondents' totals ×10, rounded half away from
	 * zero as the company score (diag_compute); 0 when not shown */
	long		 mean_tenths;
	/* its weakest items (0-based), by the company's rule (lowest mean,
	 * then more "don't know", then by number); nweak 0 when not shown */
	int		 weak[DEPT_WEAKEST];
	int		 nweak;
};

/*
 * Group the n respondents r[] whose departments are dept[] ("" or NULL:
 * none) by department, counting only complete ones (every item
 * answered).  *out gets the departments in a (by name, byte order), *nout
 * how many; none when no complete respondent gave a department.
 */
void	dept_compute(const struct diag_resp *r, const char *const *dept,
	    size_t n, struct arena *a, struct dept_row **out, size_t *nout);

/* The shown department with the lowest mean (the first by name on a
 * tie), or NULL when none is shown. */
const struct dept_row *dept_weakest(const struct dept_row *v, size_t n);

#endif
