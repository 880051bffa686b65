#include "model/inventory.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "model/grants.h"

#define TEXT(k, req, lst, max) \
	{ k, RF_TEXT, req, false, lst, 0, max, KS_NONE, 0 }
#define LONG(k, max) \
	{ k, RF_LONG, false, false, false, 0, max, KS_NONE, 0 }
#define GRANTS(k, ks) \
	{ k, RF_GRANTS, false, false, false, 0, 0, ks, REGISTER_PEOPLE }

const char *const inventory_status_keys[INV_STATUS__MAX] = {
	[INV_ACTIVE] = "active", [INV_GONE] = "gone",
};
const char *const inventory_rw_keys[GRANT_RW__MAX] = {
	[GRANT_UPDATE] = "update", [GRANT_READ] = "read",
};
const char *const inventory_svc_keys[GRANT_SVC__MAX] = {
	[GRANT_ALLOWED] = "allowed",
	[GRANT_WITH_PERMISSION] = "with_permission",
	[GRANT_NOT_ALLOWED] = "not_allowed",
};

/* Users (ユーザとアクセス範囲の一覧) — never a password. */
const struct rf_decl inventory_people_fields[PPF__MAX] = {
	[PPF_NAME] = TEXT("name", true, true, 100),
	[PPF_ROLE] = TEXT("role", false, true, 200),
	[PPF_ACCOUNT] = TEXT("account", false, true, 100),
	[PPF_OS] = TEXT("os", false, true, 100),
	[PPF_STATUS] = { "status", RF_ENUM, false, false, true, 0, 0,
	    KS_INV_STATUS, 0 },
	[PPF_NOTE] = LONG("note", 1000),
};

/* Devices (機器一覧), and who may use each. */
const struct rf_decl inventory_device_fields[DVF__MAX] = {
	[DVF_KIND] = TEXT("kind", true, true, 100),
	[DVF_PRODUCT] = TEXT("product", true, true, 200),
	[DVF_VENDOR] = TEXT("vendor", false, true, 100),
	[DVF_SPEC] = TEXT("spec", false, false, 300),
	[DVF_USE] = TEXT("use", false, true, 200),
	[DVF_PLACE] = TEXT("place", false, true, 100),
	[DVF_ACCESS] = GRANTS("access", KS_GRANT_RW),
	[DVF_NOTE] = LONG("note", 1000),
};

/* Shared folders (NASのアクセス制御一覧). */
const struct rf_decl inventory_share_fields[SHF__MAX] = {
	[SHF_KIND] = TEXT("kind", false, true, 100),
	[SHF_PLACE] = TEXT("place", false, true, 100),
	[SHF_FOLDER] = TEXT("folder", true, true, 200),
	[SHF_ACCESS] = GRANTS("access", KS_GRANT_RW),
	[SHF_NOTE] = LONG("note", 1000),
};

/* Outside services (外部サービス一覧). */
const struct rf_decl inventory_service_fields[SVF__MAX] = {
	[SVF_NAME] = TEXT("name", true, true, 200),
	[SVF_PROVIDER] = TEXT("provider", false, true, 200),
	[SVF_USE] = TEXT("use", false, true, 200),
	[SVF_USERS] = GRANTS("users", KS_GRANT_SVC),
	[SVF_NOTE] = LONG("note", 1000),
};

/* IP addresses (IPアドレス一覧). */
const struct rf_decl inventory_address_fields[ADF__MAX] = {
	[ADF_PLACE] = TEXT("place", false, true, 100),
	[ADF_DEVICE] = { "device", RF_REF, false, false, true, 0, 0, KS_NONE,
	    REGISTER_DEVICES },
	[ADF_NUMBER] = TEXT("number", false, true, 50),
	[ADF_ADDRESS] = TEXT("address", true, true, 15),
	[ADF_NETMASK] = TEXT("netmask", false, true, 15),
	[ADF_INTERNET] = { "internet", RF_BOOL, false, false, true, 0, 0,
	    KS_NONE, 0 },
	[ADF_NOTE] = LONG("note", 1000),
};

/* A number 0…255 at *pp written without a leading zero; *pp after it. */
static int
octet(const char **pp)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (*p >= '0' && *p <= '9' && n < 4) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || n > 3 || v > 255 || (n > 1 && **pp == '0'))
		return -1;
	*pp = p;
	return v;
}

/* The four numbers of a dotted quad into *out; false when s is not one. */
static bool
quad(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	int k, o;

	for (k = 0; k < 4; k++) {
		if (k > 0 && *s++ != '.')
			return false;
		if ((o = octet(&s)) < 0)
			return false;
		v = v << 8 | (uint32_t)o;
	}
	*out = v;
	return *s == '\0';
}

bool
inventory_ipv4(const char *s)
{
	uint32_t v;

	return quad(s, &v);
}

bool
inventory_netmask(const char *s)
{
	uint32_t v;
	int n = 0;

	if (*s == '/')
		s++;
	if (*s >= '0' && *s <= '9' && strchr(s, '.') == NULL) {
		const char *p = s;

		while (*p >= '0' && *p <= '9' && n <= 32)
			n = n * 10 + (*p++ - '0');
		return *p == '\0' && p - s <= 2 && n <= 32 &&
		    !(p - s == 2 && *s == '0');
	}
	if (!quad(s, &v))
		return false;
	/* ones first: v's complement plus one is a power of two */
	return ((~v + 1) & ~v) == 0;
}

void
inventory_address_check(const struct register_env *e,
    const struct register_row *row, const struct register_row *old,
    int64_t now, struct register_errs *errs)
{
	const struct register_val *a = &row->v[ADF_ADDRESS];
	const struct register_val *m = &row->v[ADF_NETMASK];

	(void)e;
	(void)old;
	(void)now;
	if (a->set && !inventory_ipv4(a->s))
		register_err_add(errs, ADF_ADDRESS,
		    inventory_address_fields[ADF_ADDRESS].key, RFE_FORMAT, 0,
		    0);
	if (m->set && !inventory_netmask(m->s))
		register_err_add(errs, ADF_NETMASK,
		    inventory_address_fields[ADF_NETMASK].key, RFE_FORMAT, 0,
		    0);
}

/* ---- no password, ever ---------------------------------------------- */

bool
inventory_password_like(const char *s)
{
	static const char *const inside[] = { "password", "passwd",
	    "passcode", "パスワード", "ﾊﾟｽﾜｰﾄﾞ", "暗証" };
	static const char *const words[] = { "pass", "pwd", "pw" };
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	bool hit = false;
	size_t i, k, start;

	/* full-width ASCII half-width, letters lower case */
	while (*p != '\0') {
		unsigned c = *p;

		if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x81 &&
		    p[2] <= 0xbf) {
			c = (unsigned)p[2] - 0x81 + 0x21;
			p += 3;
		} else if (p[0] == 0xef && p[1] == 0xbd && p[2] >= 0x80 &&
		    p[2] <= 0x9e) {
			c = (unsigned)p[2] - 0x80 + 0x60;
			p += 3;
		} else
			p++;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		buf_addc(&b, (char)c);
	}
	buf_addc(&b, '\0');
	for (i = 0; !hit && i < sizeof(inside) / sizeof(inside[0]); i++)
		hit = strstr(b.p, inside[i]) != NULL;
	for (i = 0; !hit && i < b.n;) {
		unsigned char c = (unsigned char)b.p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			i++;
			continue;
		}
		for (start = i; i < b.n && (((unsigned char)b.p[i] >= 'a' &&
		    (unsigned char)b.p[i] <= 'z') || ((unsigned char)b.p[i] >=
		    '0' && (unsigned char)b.p[i] <= '9')); i++)
			;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (i - start == strlen(words[k]) &&
			    memcmp(b.p + start, words[k], i - start) == 0)
				hit = true;
	}
	buf_free(&b);
	return hit;
}

int
inventory_grants_field(const struct register_decl *d)
{
	size_t i;

	for (i = 0; i < d->nf; i++)
		if (d->f[i].type == RF_GRANTS)
			return (int)i;
	return -1;
}

/* ---- checks ------------------------------------------------------------ */

/* How many of v[0..n) give person id access through field f. */
static size_t
with_access(const struct register_env *e, const struct register_row *v,
    size_t n, int f, enum register_keyset ks, int64_t id)
{
	size_t j, c = 0;

	for (j = 0; j < n; j++)
		if (grants_access(ks, grants_get(&e->ks[ks], &v[j].v[f], id)))
			c++;
	return c;
}

static int
cmp_addr(const void *a, const void *b)
{
	const struct register_row *x = *(const struct register_row *const *)a;
	const struct register_row *y = *(const struct register_row *const *)b;
	int c = strcmp(x->v[ADF_ADDRESS].s, y->v[ADF_ADDRESS].s);

	return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

void
inventory_checks(const struct register_env *e, const struct inv_rows *in,
    struct arena *ar, struct inv_checks *out)
{
	const struct register_row **ad;
	size_t i, j, k, na = 0;

	memset(out, 0, sizeof(*out));
	out->gone = arena_alloc(ar, (in->n_people + 1) * sizeof(*out->gone));
	for (i = 0; i < in->n_people; i++) {
		const struct register_row *p = &in->people[i];
		struct inv_gone g;

		if (!p->v[PPF_STATUS].set || p->v[PPF_STATUS].i != INV_GONE)
			continue;
		g.person = p->id;
		g.name = p->v[PPF_NAME].s;
		g.devices = with_access(e, in->devices, in->n_devices,
		    DVF_ACCESS, KS_GRANT_RW, p->id);
		g.shares = with_access(e, in->shares, in->n_shares,
		    SHF_ACCESS, KS_GRANT_RW, p->id);
		g.services = with_access(e, in->services, in->n_services,
		    SVF_USERS, KS_GRANT_SVC, p->id);
		if (g.devices + g.shares + g.services > 0)
			out->gone[out->n_gone++] = g;
	}
	out->lonely = arena_alloc(ar, (in->n_services + 1) *
	    sizeof(*out->lonely));
	for (i = 0; i < in->n_services; i++) {
		const struct register_row *s = &in->services[i];
		struct grant *g;
		size_t n = grants_of(&e->ks[KS_GRANT_SVC], &s->v[SVF_USERS], ar,
		    &g);

		for (k = 0; k < n && !grants_access(KS_GRANT_SVC, g[k].key);
		    k++)
			;
		if (k == n)
			out->lonely[out->n_lonely++] = s;
	}
	ad = arena_alloc(ar, (in->n_addresses + 1) * sizeof(*ad));
	for (i = 0; i < in->n_addresses; i++)
		if (in->addresses[i].v[ADF_ADDRESS].set)
			ad[na++] = &in->addresses[i];
	if (na > 1)
		qsort(ad, na, sizeof(*ad), cmp_addr);
	out->dup = arena_alloc(ar, (na + 1) * sizeof(*out->dup));
	for (i = 0; i < na; i = j) {
		for (j = i + 1; j < na && strcmp(ad[j]->v[ADF_ADDRESS].s,
		    ad[i]->v[ADF_ADDRESS].s) == 0; j++)
			;
		if (j - i > 1) {
			out->dup[out->n_dup].address = ad[i]->v[ADF_ADDRESS].s;
			out->dup[out->n_dup++].n = j - i;
		}
	}
	out->placeless = arena_alloc(ar, (in->n_devices + 1) *
	    sizeof(*out->placeless));
	for (i = 0; i < in->n_devices; i++)
		if (!in->devices[i].v[DVF_PLACE].set)
			out->placeless[out->n_placeless++] = &in->devices[i];
}
