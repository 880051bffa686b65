/* Unit tests for src/model/grants.c and inventory.c: RF_GRANTS values
 * read, refused, kept and read back; the address rule; the password
 * names refused; the four checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "model/grants.h"
#include "model/inventory.h"
#include "model/register.h"
#include "model/register_csv.h"

static struct content ct;

static const struct rf_decl *
field(enum register_kind k, const char *key)
{
	const struct register_decl *d = register_of(k);
	int i = register_field(d, key);

	assert_true(i >= 0);
	return &d->f[i];
}

static enum rf_err
val(enum register_kind k, const char *key, const char *text,
    struct arena *ar, struct register_val *out, long *a)
{
	long b;

	return register_value(&ct.regenv, field(k, key), text, ar, out, a, &b);
}

static void
test_grants_value_by_id_is_canonical(void **state)
{
	struct register_val v;
	struct arena ar;
	long a;

	(void)state;
	arena_init(&ar);
	/* keys, labels in either language, marks; ids sorted */
	assert_int_equal(val(REGISTER_DEVICES, "access",
	    "12=read; 3 = update、7=更新, 9=○", &ar, &v, &a), RFE_OK);
	assert_true(v.set);
	assert_int_equal(v.i, 4);
	assert_string_equal(v.s, "3=update,7=update,9=read,12=read");
	/* a person twice: the later value; "none" and × (no access) dropped */
	assert_int_equal(val(REGISTER_DEVICES, "access",
	    "5=read; 5=update; 6=none; 8=×; 10=", &ar, &v, &a), RFE_OK);
	assert_string_equal(v.s, "5=update");
	assert_int_equal(v.i, 1);
	/* a person a line, as a textarea or a CSV cell holds them */
	assert_int_equal(val(REGISTER_DEVICES, "access", "5=read\r\n6=update\n",
	    &ar, &v, &a), RFE_OK);
	assert_string_equal(v.s, "5=read,6=update");
	/* a control character is not text */
	assert_int_equal(val(REGISTER_DEVICES, "access", "5=read\x01", &ar, &v,
	    &a), RFE_UTF8);
	/* only no access: unset */
	assert_int_equal(val(REGISTER_DEVICES, "access", "6=none", &ar, &v,
	    &a), RFE_OK);
	assert_false(v.set);
	/* services: × is a value of its own */
	assert_int_equal(val(REGISTER_SERVICES, "users",
	    "2=×; 1=許可を得て使う; 4=allowed", &ar, &v, &a), RFE_OK);
	assert_string_equal(v.s, "1=with_permission,2=not_allowed,4=allowed");
	arena_free(&ar);
}

static void
test_grants_value_by_title_waits_for_lookup(void **state)
{
	struct register_val v;
	struct arena ar;
	long a;

	(void)state;
	arena_init(&ar);
	assert_int_equal(val(REGISTER_SHARES, "access",
	    "田中 太郎=更新; 4=read", &ar, &v, &a), RFE_OK);
	assert_true(v.set);
	assert_int_equal(v.i, 0);
	assert_string_equal(v.s, "田中 太郎=update,4=read");
	arena_free(&ar);
}

static void
test_grants_value_outside_legend_refused(void **state)
{
	struct register_val v;
	struct arena ar;
	long a = 0;

	(void)state;
	arena_init(&ar);
	assert_int_equal(val(REGISTER_DEVICES, "access", "3=allowed", &ar,
	    &v, &a), RFE_GRANT_KEY);
	assert_int_equal(a, KS_GRANT_RW);
	assert_int_equal(val(REGISTER_SERVICES, "users", "3=update", &ar, &v,
	    &a), RFE_GRANT_KEY);
	assert_int_equal(a, KS_GRANT_SVC);
	/* an item without a person, or without "=" */
	assert_int_equal(val(REGISTER_DEVICES, "access", "=read", &ar, &v,
	    &a), RFE_FORMAT);
	assert_int_equal(val(REGISTER_DEVICES, "access", "3 read", &ar, &v,
	    &a), RFE_FORMAT);
	arena_free(&ar);
}

static void
test_grants_body_and_json_round_trip(void **state)
{
	const struct register_decl *d = register_of(REGISTER_DEVICES);
	struct register_row row, back;
	struct register_errs errs = { 0 };
	struct arena ar;
	struct buf b = BUF_INIT, j = BUF_INIT;
	static const char in[] = "{\"kind\": \"PC\", \"product\": \"X1\", "
	    "\"access\": {\"7\": \"read\", \"2\": \"update\", \"9\": null}}";

	(void)state;
	arena_init(&ar);
	assert_true(register_from_json(&ct.regenv, d, in, sizeof(in) - 1, &ar,
	    &row, &errs));
	assert_string_equal(row.v[DVF_ACCESS].s, "2=update,7=read");
	register_body(d, &row, &b);
	buf_addc(&b, '\0');
	assert_non_null(strstr(b.p,
	    "\"access\": {\"2\": \"update\", \"7\": \"read\"}"));
	assert_int_equal(register_from_body(&ct.regenv, d, b.p, &ar, &back),
	    0);
	assert_true(back.v[DVF_ACCESS].set);
	assert_string_equal(back.v[DVF_ACCESS].s, "2=update,7=read");
	assert_false(register_differs(&d->f[DVF_ACCESS], &row.v[DVF_ACCESS],
	    &back.v[DVF_ACCESS]));
	register_row_json(d, &back, &j);
	buf_addc(&j, '\0');
	assert_non_null(strstr(j.p,
	    "\"access\": {\"2\": \"update\", \"7\": \"read\"}"));
	assert_int_equal(grants_get(&ct.regenv.ks[KS_GRANT_RW],
	    &back.v[DVF_ACCESS], 7), GRANT_READ);
	assert_int_equal(grants_get(&ct.regenv.ks[KS_GRANT_RW],
	    &back.v[DVF_ACCESS], 8), -1);
	buf_free(&b);
	buf_free(&j);
	arena_free(&ar);
}

static void
test_grants_json_value_outside_legend(void **state)
{
	const struct register_decl *d = register_of(REGISTER_SERVICES);
	struct register_row row;
	struct register_errs errs = { 0 };
	struct arena ar;
	static const char in[] = "{\"name\": \"Mail\", "
	    "\"users\": {\"3\": \"sometimes\"}}";

	(void)state;
	arena_init(&ar);
	assert_false(register_from_json(&ct.regenv, d, in, sizeof(in) - 1, &ar,
	    &row, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_GRANT_KEY);
	assert_string_equal(errs.e[0].name, "users");
	arena_free(&ar);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct register_named *)a)->name,
	    ((const struct register_named *)b)->name);
}

/* names of people: id 10 田中, 11 佐藤, 12 and 13 both 鈴木 */
static void
names_fixture(struct register_names *nm, struct register_named *v,
    struct register_named *by, struct arena *ar, size_t f)
{
	memset(nm, 0, sizeof(*nm));
	v[0] = (struct register_named){ 10, "田中" };
	v[1] = (struct register_named){ 11, "佐藤" };
	v[2] = (struct register_named){ 12, "鈴木" };
	v[3] = (struct register_named){ 13, "鈴木" };
	memcpy(by, v, 4 * sizeof(*v));
	qsort(by, 4, sizeof(*by), cmp_name);
	nm->v[f] = v;
	nm->by_name[f] = by;
	nm->n[f] = 4;
	nm->ar = ar;
}

static void
test_grants_names_check(void **state)
{
	const struct register_decl *d = register_of(REGISTER_DEVICES);
	struct register_named v[4], by[4];
	struct register_names nm;
	struct register_row row;
	struct register_errs errs = { 0 };
	struct arena ar;
	long a, b;

	(void)state;
	arena_init(&ar);
	names_fixture(&nm, v, by, &ar, DVF_ACCESS);
	memset(&row, 0, sizeof(row));
	assert_int_equal(register_value(&ct.regenv, &d->f[DVF_ACCESS],
	    "佐藤=read; 10=update", &ar, &row.v[DVF_ACCESS], &a, &b), RFE_OK);
	register_names_check(d, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 0);
	assert_int_equal(row.v[DVF_ACCESS].i, 2);
	assert_string_equal(row.v[DVF_ACCESS].s, "10=update,11=read");

	/* an id of no row here (another organisation's), an unknown name,
	 * a name two rows have: each an error naming it */
	assert_int_equal(register_value(&ct.regenv, &d->f[DVF_ACCESS],
	    "99=read; 山田=update; 鈴木=read", &ar, &row.v[DVF_ACCESS], &a, &b),
	    RFE_OK);
	errs.n = 0;
	register_names_check(d, &nm, NULL, &row, &errs);
	assert_int_equal(errs.n, 3);
	assert_int_equal(errs.e[0].code, RFE_GRANT_REF);
	assert_string_equal(errs.e[0].what, "99");
	assert_int_equal(errs.e[1].code, RFE_GRANT_REF);
	assert_string_equal(errs.e[1].what, "山田");
	assert_int_equal(errs.e[2].code, RFE_AMBIGUOUS);
	assert_string_equal(errs.e[2].what, "鈴木");
	/* export: by title where one row has it, else by id */
	assert_int_equal(register_value(&ct.regenv, &d->f[DVF_ACCESS],
	    "10=update; 12=read", &ar, &row.v[DVF_ACCESS], &a, &b), RFE_OK);
	assert_string_equal(register_ref_text(d, &nm, DVF_ACCESS,
	    &row.v[DVF_ACCESS], &ar), "田中=update; 12=read");
	arena_free(&ar);
}

static void
test_inventory_ipv4_and_netmask(void **state)
{
	(void)state;
	assert_true(inventory_ipv4("192.168.1.10"));
	assert_true(inventory_ipv4("0.0.0.0"));
	assert_true(inventory_ipv4("255.255.255.255"));
	assert_false(inventory_ipv4("256.1.1.1"));
	assert_false(inventory_ipv4("192.168.1"));
	assert_false(inventory_ipv4("192.168.01.1"));
	assert_false(inventory_ipv4("192.168.1.1.5"));
	assert_false(inventory_ipv4("a.b.c.d"));
	assert_false(inventory_ipv4("192.168.1.1 "));
	assert_true(inventory_netmask("255.255.255.0"));
	assert_true(inventory_netmask("255.255.254.0"));
	assert_true(inventory_netmask("0.0.0.0"));
	assert_true(inventory_netmask("/24"));
	assert_true(inventory_netmask("32"));
	assert_true(inventory_netmask("/0"));
	assert_false(inventory_netmask("/33"));
	assert_false(inventory_netmask("255.0.255.0"));
	assert_false(inventory_netmask("255.255.255.1"));
	assert_false(inventory_netmask("/024"));
	assert_false(inventory_netmask(""));
}

static void
test_inventory_address_check(void **state)
{
	const struct register_decl *d = register_of(REGISTER_ADDRESSES);
	struct register_row row;
	struct register_errs errs = { 0 };
	struct arena ar;
	long a, b;

	(void)state;
	arena_init(&ar);
	memset(&row, 0, sizeof(row));
	register_value(&ct.regenv, &d->f[ADF_ADDRESS], "10.0.0.300", &ar,
	    &row.v[ADF_ADDRESS], &a, &b);
	register_value(&ct.regenv, &d->f[ADF_NETMASK], "/40", &ar,
	    &row.v[ADF_NETMASK], &a, &b);
	d->check(&ct.regenv, &row, NULL, 0, &errs);
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.e[0].field, ADF_ADDRESS);
	assert_int_equal(errs.e[0].code, RFE_FORMAT);
	assert_int_equal(errs.e[1].field, ADF_NETMASK);
	errs.n = 0;
	register_value(&ct.regenv, &d->f[ADF_ADDRESS], "10.0.0.30", &ar,
	    &row.v[ADF_ADDRESS], &a, &b);
	register_value(&ct.regenv, &d->f[ADF_NETMASK], "255.255.0.0", &ar,
	    &row.v[ADF_NETMASK], &a, &b);
	d->check(&ct.regenv, &row, NULL, 0, &errs);
	assert_int_equal(errs.n, 0);
	arena_free(&ar);
}

static void
test_inventory_password_like(void **state)
{
	static const char *const yes[] = { "password", "Password",
	    "PASSWORD", "パスワード", "初期パスワード", "ﾊﾟｽﾜｰﾄﾞ", "暗証番号",
	    "pass", "PASS", "pwd", "PW", "ＰＷ", "ｐａｓｓｗｏｒｄ",
	    "Ｐａｓｓ", "user_pw", "login pass", "初期PW", "passwd",
	    "Passcode" };
	static const char *const no[] = { "name", "ユーザ名", "compass",
	    "passport", "pwr", "bypass", "OS", "用途", "spw", "パス",
	    "address" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!inventory_password_like(yes[i]))
			fail_msg("not taken for a password: %s", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (inventory_password_like(no[i]))
			fail_msg("taken for a password: %s", no[i]);
}

static void
test_inventory_password_csv_refused(void **state)
{
	const struct register_decl *d = register_of(REGISTER_PEOPLE);
	struct register_csv out;
	struct arena ar;
	static const char csv[] = "name,role,ＰＡＳＳＷＯＲＤ\r\n"
	    "田中,事務,secret\r\n";

	(void)state;
	arena_init(&ar);
	assert_int_equal(register_csv_read(&ct.regenv, d, NULL, csv,
	    sizeof(csv) - 1, &ar, &out), -1);
	assert_int_equal(out.n, 0);
	assert_int_equal(out.n_err, 1);
	assert_string_equal(out.err[0].code, "password_column");
	assert_int_equal(out.err[0].line, 1);
	assert_int_equal(out.err[0].column, 3);
	arena_free(&ar);
}

static void
test_inventory_password_json_refused(void **state)
{
	const struct register_decl *d = register_of(REGISTER_PEOPLE);
	struct register_row row;
	struct register_errs errs = { 0 };
	struct arena ar;
	static const char in[] = "{\"name\": \"田中\", \"パスワード\": \"x\"}";

	(void)state;
	arena_init(&ar);
	assert_false(register_from_json(&ct.regenv, d, in, sizeof(in) - 1, &ar,
	    &row, &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.e[0].code, RFE_PASSWORD);
	arena_free(&ar);
}

/* A row of register k from "f=v|f=v" (grants by id). */
static void
mk(enum register_kind k, int64_t id, const char *spec, struct arena *ar,
    struct register_row *row)
{
	const struct register_decl *d = register_of(k);
	char buf[512], *p, *save = NULL;

	memset(row, 0, sizeof(*row));
	row->id = id;
	for (size_t i = 0; i < REGISTER_FIELDS_MAX; i++)
		row->v[i].s = "";
	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = strtok_r(buf, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(p, ':');
		int f;
		long a, b;

		assert_non_null(eq);
		*eq = '\0';
		f = register_field(d, p);
		assert_true(f >= 0);
		assert_int_equal(register_value(&ct.regenv, &d->f[f], eq + 1, ar,
		    &row->v[f], &a, &b), RFE_OK);
	}
}

static void
test_inventory_checks(void **state)
{
	struct register_row people[4], dev[3], sh[2], svc[3], ad[5];
	struct inv_rows in;
	struct inv_checks ck;
	struct arena ar;

	(void)state;
	arena_init(&ar);
	mk(REGISTER_PEOPLE, 1, "name:A|status:active", &ar, &people[0]);
	mk(REGISTER_PEOPLE, 2, "name:B|status:gone", &ar, &people[1]);
	mk(REGISTER_PEOPLE, 3, "name:C|status:gone", &ar, &people[2]);
	mk(REGISTER_PEOPLE, 4, "name:D|status:gone", &ar, &people[3]);
	/* B: two devices, one share, a service with permission; C: only a
	 * service not allowed (no access); D: nothing */
	mk(REGISTER_DEVICES, 10, "kind:PC|product:P1|place:1F|access:1=update;2=read",
	    &ar, &dev[0]);
	mk(REGISTER_DEVICES, 11, "kind:PC|product:P2|access:2=update", &ar,
	    &dev[1]);
	mk(REGISTER_DEVICES, 12, "kind:NAS|product:P3", &ar, &dev[2]);
	mk(REGISTER_SHARES, 20, "folder:総務|access:2=read;1=read", &ar, &sh[0]);
	mk(REGISTER_SHARES, 21, "folder:営業", &ar, &sh[1]);
	mk(REGISTER_SERVICES, 30, "name:Mail|users:2=with_permission;3=not_allowed",
	    &ar, &svc[0]);
	mk(REGISTER_SERVICES, 31, "name:Chat|users:1=not_allowed;3=not_allowed",
	    &ar, &svc[1]);
	mk(REGISTER_SERVICES, 32, "name:Drive", &ar, &svc[2]);
	mk(REGISTER_ADDRESSES, 40, "address:192.168.1.10", &ar, &ad[0]);
	mk(REGISTER_ADDRESSES, 41, "address:192.168.1.11", &ar, &ad[1]);
	mk(REGISTER_ADDRESSES, 42, "address:192.168.1.10", &ar, &ad[2]);
	mk(REGISTER_ADDRESSES, 43, "address:192.168.1.10", &ar, &ad[3]);
	mk(REGISTER_ADDRESSES, 44, "address:10.0.0.1", &ar, &ad[4]);
	memset(&in, 0, sizeof(in));
	in.people = people;
	in.n_people = 4;
	in.devices = dev;
	in.n_devices = 3;
	in.shares = sh;
	in.n_shares = 2;
	in.services = svc;
	in.n_services = 3;
	in.addresses = ad;
	in.n_addresses = 5;
	inventory_checks(&ct.regenv, &in, &ar, &ck);

	assert_int_equal(ck.n_gone, 1);
	assert_int_equal(ck.gone[0].person, 2);
	assert_string_equal(ck.gone[0].name, "B");
	assert_int_equal(ck.gone[0].devices, 2);
	assert_int_equal(ck.gone[0].shares, 1);
	assert_int_equal(ck.gone[0].services, 1);

	/* Chat: only not_allowed; Drive: nobody */
	assert_int_equal(ck.n_lonely, 2);
	assert_int_equal(ck.lonely[0]->id, 31);
	assert_int_equal(ck.lonely[1]->id, 32);

	assert_int_equal(ck.n_dup, 1);
	assert_string_equal(ck.dup[0].address, "192.168.1.10");
	assert_int_equal(ck.dup[0].n, 3);

	assert_int_equal(ck.n_placeless, 2);
	assert_int_equal(ck.placeless[0]->id, 11);
	assert_int_equal(ck.placeless[1]->id, 12);
	arena_free(&ar);
}

static void
test_inventory_key_sets_match_content(void **state)
{
	const struct register_keys *st = &ct.regenv.ks[KS_INV_STATUS];
	const struct register_keys *rw = &ct.regenv.ks[KS_GRANT_RW];
	const struct register_keys *sv = &ct.regenv.ks[KS_GRANT_SVC];
	size_t i;

	(void)state;
	assert_int_equal(st->n, INV_STATUS__MAX);
	for (i = 0; i < INV_STATUS__MAX; i++)
		assert_string_equal(st->key[i], inventory_status_keys[i]);
	assert_int_equal(rw->n, GRANT_RW__MAX);
	for (i = 0; i < GRANT_RW__MAX; i++)
		assert_string_equal(rw->key[i], inventory_rw_keys[i]);
	assert_int_equal(sv->n, GRANT_SVC__MAX);
	for (i = 0; i < GRANT_SVC__MAX; i++)
		assert_string_equal(sv->key[i], inventory_svc_keys[i]);
	/* every key has its words in both languages */
	for (i = 0; i < GRANT_SVC__MAX; i++)
		assert_true(sv->label[0][i] != NULL && sv->label[0][i][0] != '\0' &&
		    strcmp(sv->label[0][i], sv->label[1][i]) != 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grants_value_by_id_is_canonical),
		cmocka_unit_test(test_grants_value_by_title_waits_for_lookup),
		cmocka_unit_test(test_grants_value_outside_legend_refused),
		cmocka_unit_test(test_grants_body_and_json_round_trip),
		cmocka_unit_test(test_grants_json_value_outside_legend),
		cmocka_unit_test(test_grants_names_check),
		cmocka_unit_test(test_inventory_ipv4_and_netmask),
		cmocka_unit_test(test_inventory_address_check),
		cmocka_unit_test(test_inventory_password_like),
		cmocka_unit_test(test_inventory_password_csv_refused),
		cmocka_unit_test(test_inventory_password_json_refused),
		cmocka_unit_test(test_inventory_checks),
		cmocka_unit_test(test_inventory_key_sets_match_content),
	};
	char err[512];
	int failed;

	if (content_load(&ct, "content", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		content_free(&ct);
		return 1;
	}
	failed = cmocka_run_group_tests_name("inventory", tests, NULL, NULL);
	content_free(&ct);
	return failed;
}
