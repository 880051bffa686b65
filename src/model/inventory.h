/*
 * inventory: the inventories an advisor builds with a company between
 * visits (issue 15; SEEDFACTS §6.7) — people, devices, shared folders,
 * outside services and IP addresses — declared here as registers
 * (registers.c points at these tables), the checks users want over
 * them, and the rule that mamori never keeps a password: a column or a
 * member named like one is refused.
 *
 * Model only: no HTTP, no SQL.
 */
#ifndef MAMORI_MODEL_INVENTORY_H
#define MAMORI_MODEL_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "model/register.h"

/* The fields of each inventory, in the seed's column order. */
enum {
	PPF_NAME, PPF_ROLE, PPF_ACCOUNT, PPF_OS, PPF_STATUS, PPF_NOTE,
	PPF__MAX
};
enum {
	DVF_KIND, DVF_PRODUCT, DVF_VENDOR, DVF_SPEC, DVF_USE, DVF_PLACE,
	DVF_ACCESS, DVF_NOTE, DVF__MAX
};
enum { SHF_KIND, SHF_PLACE, SHF_FOLDER, SHF_ACCESS, SHF_NOTE, SHF__MAX };
enum {
	SVF_NAME, SVF_PROVIDER, SVF_USE, SVF_USERS, SVF_NOTE, SVF__MAX
};
enum {
	ADF_PLACE, ADF_DEVICE, ADF_NUMBER, ADF_ADDRESS, ADF_NETMASK,
	ADF_INTERNET, ADF_NOTE, ADF__MAX
};

/* The people's status (KS_INV_STATUS), in its order. */
enum inv_status { INV_ACTIVE, INV_GONE, INV_STATUS__MAX };
/* The legends' keys (KS_GRANT_RW, KS_GRANT_SVC), in their order. */
enum { GRANT_UPDATE, GRANT_READ, GRANT_RW__MAX };
enum { GRANT_ALLOWED, GRANT_WITH_PERMISSION, GRANT_NOT_ALLOWED,
	GRANT_SVC__MAX };

extern const struct rf_decl inventory_people_fields[PPF__MAX];
extern const struct rf_decl inventory_device_fields[DVF__MAX];
extern const struct rf_decl inventory_share_fields[SHF__MAX];
extern const struct rf_decl inventory_service_fields[SVF__MAX];
extern const struct rf_decl inventory_address_fields[ADF__MAX];

/* The keys of the fixed key sets (content fills their labels). */
extern const char *const inventory_status_keys[INV_STATUS__MAX];
extern const char *const inventory_rw_keys[GRANT_RW__MAX];
extern const char *const inventory_svc_keys[GRANT_SVC__MAX];

/* The addresses register's rule: an IPv4 address, a netmask dotted
 * (255.255.255.0) or as a prefix length (/24, 24). */
void	 inventory_address_check(const struct register_env *e,
	    const struct register_row *row, const struct register_row *old,
	    int64_t now, struct register_errs *errs);
/* Whether s is a dotted IPv4 address (four numbers 0…255, no leading
 * zero). */
bool	 inventory_ipv4(const char *s);
/* Whether s is a netmask: dotted with its ones first, or "/N" or "N",
 * N 0…32. */
bool	 inventory_netmask(const char *s);

/*
 * Whether a column heading or a JSON member name s looks like a
 * password: after full-width ASCII is made half-width and letters lower
 * case, it holds "password", "passwd", "passcode", "パスワード" or "暗証",
 * or one of its words (split at what is not a letter or digit) is
 * "pass", "pwd" or "pw".
 */
bool	 inventory_password_like(const char *s);

/* The grants registers: their field of grants, or -1. */
int	 inventory_grants_field(const struct register_decl *d);

/* What the checks find. */
struct inv_gone {
	int64_t		 person;	/* the people row */
	const char	*name;
	size_t		 devices, shares, services;	/* where access stays */
};
struct inv_dup {
	const char	*address;
	size_t		 n;		/* rows that have it (>= 2) */
};
struct inv_checks {
	struct inv_gone	*gone;		/* people gone with access */
	size_t		 n_gone;
	const struct register_row **lonely;	/* services nobody may use */
	size_t		 n_lonely;
	struct inv_dup	*dup;		/* addresses used twice or more */
	size_t		 n_dup;
	const struct register_row **placeless;	/* devices with no place */
	size_t		 n_placeless;
};

/* The rows of each inventory of one organisation, as read. */
struct inv_rows {
	const struct register_row *people, *devices, *shares, *services,
	    *addresses;
	size_t	 n_people, n_devices, n_shares, n_services, n_addresses;
};

/* Run the four checks over in into *out (memory in ar): a person marked
 * gone who still has access anywhere (devices, shares, a service allowed
 * or with permission); a service nobody is allowed to use (allowed or
 * with permission); an address two rows or more share (as written,
 * trimmed); a device with no place.  Each list in the rows' order. */
void	 inventory_checks(const struct register_env *e,
	    const struct inv_rows *in, struct arena *ar,
	    struct inv_checks *out);

#endif
