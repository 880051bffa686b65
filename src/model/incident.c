/*
 * incident: the rules of an incident's page that are not the register's
 * (see incident.h).
 */
#include "model/incident.h"

void
incident_clock(const struct appi_due *due, struct appi_day today,
    struct incident_clock *out)
{
	out->prelim_opens = appi_days_between(today, due->prelim_from);
	out->prelim_left = appi_days_between(today, due->prelim_to);
	out->final_left = appi_days_between(today, due->final);
}

const char *
incident_source(long long id, struct arena *ar)
{
	return arena_printf(ar, "incident:%lld", id);
}
