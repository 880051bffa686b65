/*
 * bcpflow: systems seen with the processes that use them and their
 * recovery steps.
 */
#include "model/bcpflow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Unix time of the start of "YYYY-MM-DD" in Japan (UTC+9). */
static int64_t
day_time(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)strtol(s, NULL, 10) - 1900;
	tm.tm_mon = (int)strtol(s + 5, NULL, 10) - 1;
	tm.tm_mday = (int)strtol(s + 8, NULL, 10);
	return (int64_t)timegm(&tm) - 9 * 3600;
}

/* Field key of register k, or -1. */
static int
fld(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

void
bcpflow_systems(const struct register_row *proc, size_t np,
    const struct register_row *sys, size_t ns,
    const struct register_row *rec, size_t nr, int64_t now,
    struct arena *ar, struct bcp_sys_view **out)
{
	int f_procs = fld(REGISTER_SYSTEMS, "processes"),
	    f_freq = fld(REGISTER_SYSTEMS, "frequency_hours"),
	    f_test = fld(REGISTER_SYSTEMS, "last_restore_test"),
	    f_res = fld(REGISTER_SYSTEMS, "restore_result"),
	    f_min = fld(REGISTER_SYSTEMS, "restore_minutes"),
	    f_rto = fld(REGISTER_PROCESSES, "rto_hours"),
	    f_re = fld(REGISTER_PROCESSES, "reentry_hours"),
	    f_rsys = fld(REGISTER_RECOVERY, "system"),
	    f_stage = fld(REGISTER_RECOVERY, "stage"),
	    f_rmin = fld(REGISTER_RECOVERY, "minutes");
	struct bcp_sys_view *v;
	size_t i, j, k, n;

	v = arena_alloc(ar, (ns + 1) * sizeof(*v));
	memset(v, 0, (ns + 1) * sizeof(*v));
	for (i = 0; i < ns; i++) {
		const struct register_row *s = &sys[i];
		struct bcp_sys_state *st = &v[i].st;
		int64_t ids[REGISTER_REFS_MAX];

		v[i].row = s;
		registers_backup(s, &st->backup);
		st->frequency_hours = s->v[f_freq].set ?
		    (int)s->v[f_freq].i : 0;
		st->last_test = s->v[f_test].set ? day_time(s->v[f_test].s) :
		    0;
		st->test_result = s->v[f_res].set && s->v[f_res].i >= 0 ?
		    (enum bcp_restore)s->v[f_res].i : BCP_RESTORE_OK;
		st->test_minutes = s->v[f_min].set ? (int)s->v[f_min].i : 0;
		st->rto_hours = -1;
		st->reentry_hours = -1;
		n = register_refs(&s->v[f_procs], ids);
		for (k = 0; k < n; k++)
			for (j = 0; j < np; j++) {
				const struct register_row *p = &proc[j];

				if (p->id != ids[k])
					continue;
				v[i].nprocesses++;
				if (p->v[f_rto].set && (st->rto_hours < 0 ||
				    p->v[f_rto].i < st->rto_hours))
					st->rto_hours = (int)p->v[f_rto].i;
				if (p->v[f_re].set && (st->reentry_hours < 0 ||
				    p->v[f_re].i < st->reentry_hours))
					st->reentry_hours =
					    (int)p->v[f_re].i;
			}
		/* the provisional stage is the first key of its set */
		for (j = 0; j < nr; j++)
			if (rec[j].v[f_rsys].set && rec[j].v[f_rsys].i ==
			    s->id && rec[j].v[f_stage].set &&
			    rec[j].v[f_stage].i == 0 && rec[j].v[f_rmin].set)
				st->steps_minutes += (int)rec[j].v[f_rmin].i;
		v[i].miss = bcp_rule_321(&st->backup);
		v[i].warn = bcp_warnings(st, now);
		v[i].steps_miss = bcp_steps_miss(st);
	}
	*out = v;
}

void
bcpflow_grid(const struct register_row *proc, size_t np,
    size_t n[BCP_LEVELS][BCP_LEVELS])
{
	int fi = fld(REGISTER_PROCESSES, "importance"),
	    fd = fld(REGISTER_PROCESSES, "dependency");
	size_t j;

	memset(n, 0, sizeof(size_t) * BCP_LEVELS * BCP_LEVELS);
	for (j = 0; j < np; j++) {
		const struct register_val *i = &proc[j].v[fi],
		    *d = &proc[j].v[fd];

		if (i->set && d->set && i->i >= 1 && i->i <= BCP_LEVELS &&
		    d->i >= 1 && d->i <= BCP_LEVELS)
			n[d->i - 1][i->i - 1]++;
	}
}

int
bcpflow_read(struct db_conn *c, const struct register_env *e, int64_t org,
    int64_t now, struct arena *ar, struct bcp_all *x)
{
	int rc;

	memset(x, 0, sizeof(*x));
	rc = register_settings_get(c, register_of(REGISTER_PROCESSES), org,
	    ar, &x->set);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_PROCESSES), org,
		    ar, &x->proc, &x->np);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_SYSTEMS), org,
		    ar, &x->sys, &x->ns);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_RECOVERY), org,
		    ar, &x->rec, &x->nr);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_CONTACTS), org,
		    ar, &x->con, &x->nc);
	if (rc == DB_OK)
		rc = register_list(c, e, register_of(REGISTER_DISRUPTIONS), org,
		    ar, &x->dis, &x->nd);
	if (rc != DB_OK)
		return rc;
	bcp_settings_read(x->set.body, &x->s);
	bcpflow_systems(x->proc, x->np, x->sys, x->ns, x->rec, x->nr, now, ar,
	    &x->view);
	return DB_OK;
}
