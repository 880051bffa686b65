/*
 * bcpflow: the business-continuity registers read together — for each
 * system, the tightest RTO and the least re-entry of the processes that
 * use it, the sum of its provisional recovery steps, its 3-2-1 gaps and
 * warnings (model/bcp.h says which rules are the seeds' and which ours).
 */
#ifndef MAMORI_MODEL_BCPFLOW_H
#define MAMORI_MODEL_BCPFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "model/bcp.h"
#include "model/register.h"

struct bcp_sys_view {
	const struct register_row *row;	/* the systems row */
	struct bcp_sys_state	 st;
	unsigned		 miss;	/* enum bcp_321_missing flags */
	unsigned		 warn;	/* enum bcp_warn flags */
	int			 steps_miss;	/* minutes past the RTO */
	size_t			 nprocesses;	/* processes that use it */
};

/*
 * The view of each of sys[0..ns) (systems rows read by the engine, so
 * with their references followed) from the processes proc[0..np) (with
 * their RTO derived) and the recovery steps rec[0..nr), at time now.
 * *out (ns of them) in ar.
 */
void	bcpflow_systems(const struct register_row *proc, size_t np,
	    const struct register_row *sys, size_t ns,
	    const struct register_row *rec, size_t nr, int64_t now,
	    struct arena *ar, struct bcp_sys_view **out);
/* Everything the business-continuity views read, at one moment. */
struct bcp_all {
	struct register_settings set;	/* of the processes register */
	struct bcp_settings	 s;	/* set, read */
	struct register_row	*proc, *sys, *rec, *con, *dis;
	size_t			 np, ns, nr, nc, nd;
	struct bcp_sys_view	*view;	/* ns of them, for sys[] */
};

/* Read the settings and the five registers of org through c, and the
 * systems' views at time now; in ar.  DB_OK or a negative enum db_rc. */
int	bcpflow_read(struct db_conn *c, const struct register_env *e,
	    int64_t org, int64_t now, struct arena *ar, struct bcp_all *x);

/* The count of processes per cell: n[dependency - 1][importance - 1]. */
void	bcpflow_grid(const struct register_row *proc, size_t np,
	    size_t n[BCP_LEVELS][BCP_LEVELS]);

#endif
