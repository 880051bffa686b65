/* Unit tests for src/model/incsetup.c: a person's text read and written
 * ("member:N", "contact:N", nobody; anything else refused), the stored
 * body read leniently (unknown roles and responders fall back, a
 * definition too long is none) and written back the same, and people
 * resolved and checked against an organisation's members and contacts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/incsetup.h"

static const enum incident_role dflt[INC_LEVELS] = { INC_ROLE_FIRST,
    INC_ROLE_LEAD, INC_ROLE_LEAD, INC_ROLE_TOP };

static void
test_incsetup_ref_read_forms(void **state)
{
	static const char *const bad[] = { "member:", "member:0",
	    "member:01", "member:-1", "member:1x", "member: 1", "contact:abc",
	    "user:1", "member", "MEMBER:1", "member:99999999999999999999" };
	struct incsetup_person p;
	struct arena a;
	size_t i;

	(void)state;
	arena_init(&a);
	assert_int_equal(incsetup_ref_read(NULL, &p), 0);
	assert_int_equal(p.kind, INCSETUP_NOBODY);
	assert_int_equal(incsetup_ref_read("", &p), 0);
	assert_int_equal(p.kind, INCSETUP_NOBODY);
	assert_string_equal(incsetup_ref_text(&p, &a), "");
	assert_int_equal(incsetup_ref_read("member:12", &p), 0);
	assert_int_equal(p.kind, INCSETUP_MEMBER);
	assert_int_equal(p.id, 12);
	assert_string_equal(incsetup_ref_text(&p, &a), "member:12");
	assert_int_equal(incsetup_ref_read("contact:7", &p), 0);
	assert_int_equal(p.kind, INCSETUP_CONTACT);
	assert_int_equal(p.id, 7);
	assert_string_equal(incsetup_ref_text(&p, &a), "contact:7");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(incsetup_ref_read(bad[i], &p), -1);
		assert_int_equal(p.kind, INCSETUP_NOBODY);
	}
	assert_int_equal(incsetup_role_of("top"), INC_ROLE_TOP);
	assert_int_equal(incsetup_role_of("first"), INC_ROLE_FIRST);
	assert_int_equal(incsetup_role_of("finder"), -1);
	assert_int_equal(incsetup_role_of(NULL), -1);
	assert_string_equal(incsetup_role_key(INC_ROLE_LEAD), "lead");
	assert_string_equal(incsetup_role_key(INC_ROLE_FINDER), "");
	arena_free(&a);
}

static void
test_incsetup_read_lenient_and_back(void **state)
{
	char longdef[1300];
	struct incsetup s, t;
	struct buf b = BUF_INIT;
	struct arena a;
	int k;

	(void)state;
	arena_init(&a);
	/* nothing stored: nobody, the defaults, no words */
	incsetup_read("{}", dflt, &a, &s);
	for (k = 0; k < INC_STRUCT_ROLES; k++)
		assert_int_equal(s.who[k].kind, INCSETUP_NOBODY);
	for (k = 0; k < INC_LEVELS; k++) {
		assert_int_equal(s.level[k], dflt[k]);
		assert_string_equal(s.definition[k], "");
	}
	incsetup_read("not json", dflt, &a, &s);
	assert_int_equal(s.level[3], INC_ROLE_TOP);
	/* what does not read falls back, the rest is kept */
	memset(longdef, 0, sizeof(longdef));
	for (k = 0; k < INCSETUP_DEF_MAX + 1; k++)
		memcpy(longdef + 3 * k, "あ", 3);
	{
		char body[2000];

		snprintf(body, sizeof(body), "{\"top\": \"member:3\", \"lead\": "
		    "\"someone\", \"first\": 5, \"levels\": [\"lead\", \"boss\", "
		    "\"top\"], \"definitions\": [\"自社の言葉\", \"%s\", 7]}",
		    longdef);
		incsetup_read(body, dflt, &a, &s);
	}
	assert_int_equal(s.who[INC_ROLE_TOP].kind, INCSETUP_MEMBER);
	assert_int_equal(s.who[INC_ROLE_TOP].id, 3);
	assert_int_equal(s.who[INC_ROLE_LEAD].kind, INCSETUP_NOBODY);
	assert_int_equal(s.who[INC_ROLE_FIRST].kind, INCSETUP_NOBODY);
	assert_int_equal(s.level[0], INC_ROLE_LEAD);
	assert_int_equal(s.level[1], INC_ROLE_LEAD);	/* "boss": default */
	assert_int_equal(s.level[2], INC_ROLE_TOP);
	assert_int_equal(s.level[3], INC_ROLE_TOP);	/* absent: default */
	assert_string_equal(s.definition[0], "自社の言葉");
	assert_string_equal(s.definition[1], "");	/* 301 characters */
	assert_string_equal(s.definition[2], "");
	/* written and read back the same */
	s.who[INC_ROLE_FIRST].kind = INCSETUP_CONTACT;
	s.who[INC_ROLE_FIRST].id = 9;
	s.definition[3] = "引用符\"と\\改行\nを含む";
	incsetup_body(&s, &b);
	assert_string_equal(buf_cstr(&b), "{\"top\": \"member:3\", \"lead\": null, "
	    "\"first\": \"contact:9\", \"levels\": [\"lead\", \"lead\", "
	    "\"top\", \"top\"], \"definitions\": [\"自社の言葉\", null, null, "
	    "\"引用符\\\"と\\\\改行\\nを含む\"]}");
	incsetup_read(buf_cstr(&b), dflt, &a, &t);
	for (k = 0; k < INC_STRUCT_ROLES; k++) {
		assert_int_equal(t.who[k].kind, s.who[k].kind);
		assert_int_equal(t.who[k].id, s.who[k].id);
	}
	for (k = 0; k < INC_LEVELS; k++) {
		assert_int_equal(t.level[k], s.level[k]);
		assert_string_equal(t.definition[k], s.definition[k]);
	}
	buf_free(&b);
	arena_free(&a);
}

static void
test_incsetup_resolve_and_check(void **state)
{
	char e1[] = "boss@example.jp", e2[] = "it@example.jp",
	    r1[] = "org_admin", r2[] = "member";
	struct org_member m[2] = { { 4, e1, r1 }, { 6, e2, r2 } };
	const struct register_decl *cd = register_of(REGISTER_CONTACTS);
	struct register_row c[2];
	struct incsetup_all x;
	struct incsetup_person p;
	struct arena a;
	size_t i;

	(void)state;
	arena_init(&a);
	memset(c, 0, sizeof(c));
	for (i = 0; i < cd->nf; i++)
		c[0].v[i].s = c[1].v[i].s = "";
	c[0].id = 20;
	c[0].v[register_field(cd, "owner")] = (struct register_val){ true, 0,
	    "総務課長", NULL };
	c[0].v[register_field(cd, "company")] = (struct register_val){ true, 0,
	    "保守会社", NULL };
	c[0].v[register_field(cd, "person")] = (struct register_val){ true, 0,
	    "田中", NULL };
	c[0].v[register_field(cd, "phone")] = (struct register_val){ true, 0,
	    "03-1111-2222", NULL };
	c[1].id = 21;
	c[1].v[register_field(cd, "owner")] = (struct register_val){ true, 0,
	    "営業部長", NULL };
	c[1].v[register_field(cd, "email")] = (struct register_val){ true, 0,
	    "sales@example.jp", NULL };
	memset(&x, 0, sizeof(x));
	x.members = m;
	x.nmembers = 2;
	x.contacts = c;
	x.ncontacts = 2;

	incsetup_ref_read("member:6", &p);
	incsetup_resolve(&x, &p, &a);
	assert_true(p.found);
	assert_string_equal(p.name, "it@example.jp");
	assert_string_equal(p.email, "it@example.jp");
	assert_string_equal(p.phone, "");
	assert_int_equal(incsetup_check(&x, &p), RFE_OK);
	/* a company and its person, with the number */
	incsetup_ref_read("contact:20", &p);
	incsetup_resolve(&x, &p, &a);
	assert_true(p.found);
	assert_string_equal(p.name, "保守会社 田中");
	assert_string_equal(p.phone, "03-1111-2222");
	assert_ptr_equal(p.row, &c[0]);
	/* neither company nor person: the owner */
	incsetup_ref_read("contact:21", &p);
	incsetup_resolve(&x, &p, &a);
	assert_string_equal(p.name, "営業部長");
	assert_string_equal(p.email, "sales@example.jp");
	/* someone not here: not found, refused with the reason */
	incsetup_ref_read("member:20", &p);
	incsetup_resolve(&x, &p, &a);
	assert_false(p.found);
	assert_string_equal(p.name, "");
	assert_int_equal(incsetup_check(&x, &p), RFE_MEMBER);
	incsetup_ref_read("contact:4", &p);
	assert_int_equal(incsetup_check(&x, &p), RFE_REF);
	incsetup_ref_read("", &p);
	assert_int_equal(incsetup_check(&x, &p), RFE_OK);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incsetup_ref_read_forms),
		cmocka_unit_test(test_incsetup_read_lenient_and_back),
		cmocka_unit_test(test_incsetup_resolve_and_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
