/*
 * page_twostep: two-step sign-in as the user sees it on the account page
 * — turning it on (a QR code of the otpauth:// URI and the secret in
 * text, confirmed with a code; the recovery codes shown once), turning
 * it off with a current code — and the settings that require it, per
 * organisation (its admin, on the members page) and for the instance
 * (the admin).  The sign-in's second step is in page_auth.c.
 */
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/totp.h"
#include "pages/pages.h"
#include "render/qr.h"

#define ISSUER		"mamori"
/* Wrong codes typed to turn two-step off, per user, in a window. */
#define OFF_WINDOW	900
#define OFF_MAX		5

/* What the page shows besides its state. */
struct tsp {
	const char	*err_code;	/* next to the code field */
	char		 (*codes)[TOTP_RECOVERY_LEN + 1];	/* shown once */
};

/* The secret in groups of four letters, as people copy it. */
static const char *
grouped(struct req *r, const char *b32)
{
	char *o = arena_alloc(&r->arena, TOTP_B32_LEN + TOTP_B32_LEN / 4 + 1);
	size_t i, n = 0;

	for (i = 0; b32[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0)
			o[n++] = ' ';
		o[n++] = b32[i];
	}
	o[n] = '\0';
	return o;
}

/* The code: six digits at enrolment; a backup code works too once
 * there are some. */
static void
code_field(struct page *p, const char *err, bool backup)
{
	struct req *r = p->r;

	form_field_max(p, "code", "text", 0, T(r, "twostep.code"),
	    T(r, backup ? "twostep.code_help" : "twostep.code_help_enrol"),
	    "", err, "one-time-code", true);
}

static int
twostep_page(struct req *r, const struct tsp *x, int status)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	bool required = false, on = false;
	unsigned char secret[TOTP_SECRET_LEN];
	char b32[TOTP_B32_LEN + 1];
	struct totp_row t;
	int64_t left = 0;
	struct page p;
	int rc;

	rc = totp_get(c, &r->arena, r->auth.user_id, &t);
	if (rc == 0 && t.on_at > 0)
		rc = totp_recovery_left(c, r->auth.user_id, &left);
	if (rc >= 0)
		rc = totp_due(c, r->auth.user_id, &required, &on) < 0 ? -1 :
		    rc;
	db_release(db, c);
	if (rc < 0)
		return 503;
	page_begin(&p, r, T(r, "twostep.title"));
	page_h1(&p, T(r, "twostep.title"));
	html_elem(&p.h, "p", T(r, "twostep.lead"), "class", "lead", NULL);
	if (status != 200 && x->err_code != NULL)
		page_notice(&p, "error", T(r, "form.err.summary"));
	if (x->codes != NULL) {
		page_notice(&p, "ok", T(r, "twostep.on_now"));
		html_elem(&p.h, "h2", T(r, "twostep.codes"), NULL);
		html_elem(&p.h, "p", T(r, "twostep.codes_once"), "class",
		    "help", NULL);
		html_open(&p.h, "ul", "class", "recovery-codes", NULL);
		for (size_t i = 0; i < TOTP_RECOVERY_N; i++) {
			html_open(&p.h, "li", NULL);
			html_elem(&p.h, "code", x->codes[i], "class", "secret",
			    NULL);
			html_close(&p.h);
		}
		html_close(&p.h);
		html_elem(&p.h, "a", T(r, "twostep.to_account"), "href",
		    "/account", "class", "btn", NULL);
		return page_end(&p, status);
	}
	if (rc == 0 && t.on_at > 0) {
		html_open(&p.h, "dl", "class", "facts twostep-state", NULL);
		html_elem(&p.h, "dt", T(r, "twostep.state"), NULL);
		html_elem(&p.h, "dd", Tf(r, "twostep.on_since", "at",
		    page_datetime(r, t.on_at), NULL), NULL);
		html_elem(&p.h, "dt", T(r, "twostep.codes_left"), NULL);
		html_elem(&p.h, "dd", arena_printf(&r->arena, "%" PRId64,
		    left), "class", "codes-left", NULL);
		html_close(&p.h);
		html_elem(&p.h, "h2", T(r, "twostep.off"), NULL);
		html_elem(&p.h, "p", T(r, required ? "twostep.off_required" :
		    "twostep.off_help"), "class", "help", NULL);
		form_open(&p, "/account/twostep/off", NULL);
		code_field(&p, x->err_code, true);
		form_submit(&p, T(r, "twostep.off"), "btn btn-danger");
		html_close(&p.h);
		return page_end(&p, status);
	}
	if (required)
		page_notice(&p, "error", T(r, "twostep.required"));
	if (rc == 0 && totp_open(req_app(r)->twostep_key, t.sealed,
	    secret) == 0) {
		const char *uri;

		totp_base32(secret, b32);
		sodium_memzero(secret, sizeof(secret));
		uri = totp_uri(&r->arena, ISSUER, r->auth.email, b32);
		html_elem(&p.h, "h2", T(r, "twostep.scan"), NULL);
		html_elem(&p.h, "p", T(r, "twostep.scan_help"), "class",
		    "help", NULL);
		html_open(&p.h, "div", "class", "qr twostep-qr", NULL);
		qr_svg(&p.h, uri, T(r, "twostep.qr_title"));
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "twostep.secret_help"), "class",
		    "help", NULL);
		html_elem(&p.h, "code", grouped(r, b32), "class",
		    "secret twostep-secret", NULL);
		html_elem(&p.h, "h2", T(r, "twostep.confirm"), NULL);
		form_open(&p, "/account/twostep/confirm", NULL);
		code_field(&p, x->err_code, false);
		form_submit(&p, T(r, "twostep.confirm_submit"), NULL);
		html_close(&p.h);
		html_elem(&p.h, "p", T(r, "twostep.restart_help"), "class",
		    "help", NULL);
		form_button(&p, "/account/twostep/start",
		    T(r, "twostep.restart"), "btn btn-secondary");
		return page_end(&p, status);
	}
	html_elem(&p.h, "p", T(r, "twostep.what"), NULL);
	form_button(&p, "/account/twostep/start", T(r, "twostep.start"),
	    "btn");
	return page_end(&p, status);
}

int
page_twostep(struct req *r)
{
	struct tsp x = { 0 };

	return twostep_page(r, &x, 200);
}

/* A new secret, waiting to be confirmed (one already on stays). */
int
page_twostep_start(struct req *r)
{
	struct db *db = req_app(r)->db;
	unsigned char secret[TOTP_SECRET_LEN];
	const char *sealed;
	struct db_conn *c;
	int rc;

	totp_secret_new(secret);
	sealed = totp_seal(&r->arena, req_app(r)->twostep_key, secret);
	sodium_memzero(secret, sizeof(secret));
	c = db_acquire(db);
	rc = totp_begin(c, r->auth.user_id, sealed, account_now());
	db_release(db, c);
	if (rc < 0)
		return 503;
	return req_redirect(r, "/account/twostep");
}

int
page_twostep_confirm(struct req *r)
{
	struct db *db = req_app(r)->db;
	const unsigned char *key = req_app(r)->twostep_key;
	char (*codes)[TOTP_RECOVERY_LEN + 1];
	char hashes[TOTP_RECOVERY_N][TOTP_HASH_LEN + 1];
	unsigned char secret[TOTP_SECRET_LEN];
	struct tsp x = { 0 };
	struct totp_row t;
	struct db_conn *c;
	int64_t step = 0;
	enum totp_check ck;
	size_t i;
	int rc;

	c = db_acquire(db);
	rc = totp_get(c, &r->arena, r->auth.user_id, &t);
	db_release(db, c);
	if (rc < 0)
		return 503;
	if (rc != 0 || t.on_at > 0 || totp_open(key, t.sealed, secret) != 0)
		return req_redirect(r, "/account/twostep");
	ck = totp_verify(secret, sizeof(secret), req_field(r, "code"),
	    account_now(), 0, &step);
	sodium_memzero(secret, sizeof(secret));
	if (ck != TOTP_OK) {
		x.err_code = T(r, "twostep.wrong");
		return twostep_page(r, &x, PAGE_INVALID);
	}
	codes = arena_alloc(&r->arena, TOTP_RECOVERY_N * sizeof(*codes));
	for (i = 0; i < TOTP_RECOVERY_N; i++) {
		totp_recovery_new(codes[i]);
		if (totp_recovery_hash(key, codes[i], hashes[i]) != 0)
			return 500;
	}
	c = db_acquire(db);
	if ((rc = db_begin(c)) == DB_OK) {
		rc = totp_confirm(c, r->auth.user_id, step, account_now(),
		    hashes, TOTP_RECOVERY_N);
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_TWOSTEP_ON, "",
		    req_addr(r));
	db_release(db, c);
	if (rc == DB_DONE)
		return req_redirect(r, "/account/twostep");
	if (rc != DB_OK)
		return 503;
	x.codes = codes;
	return twostep_page(r, &x, 200);
}

int
page_twostep_off(struct req *r)
{
	struct db *db = req_app(r)->db;
	const unsigned char *key = req_app(r)->twostep_key;
	const char *code = req_field(r, "code");
	const char *rkey = arena_printf(&r->arena, "twostep-off:%" PRId64,
	    r->auth.user_id);
	unsigned char secret[TOTP_SECRET_LEN];
	char rh[TOTP_HASH_LEN + 1];
	enum totp_check ck = TOTP_WRONG;
	struct tsp x = { 0 };
	struct totp_row t;
	struct db_conn *c;
	const char *how = "code";
	int64_t step = 0;
	long hits;
	int rc;

	c = db_acquire(db);
	if ((hits = rate_get(c, rkey, OFF_WINDOW)) < 0 ||
	    (rc = totp_get(c, &r->arena, r->auth.user_id, &t)) < 0) {
		db_release(db, c);
		return 503;
	}
	if (rc != 0 || t.on_at == 0) {
		db_release(db, c);
		return req_redirect(r, "/account/twostep");
	}
	if (hits >= OFF_MAX) {
		db_release(db, c);
		req_header(r, "Retry-After", arena_printf(&r->arena, "%d",
		    OFF_WINDOW));
		x.err_code = T(r, "login.limited");
		return twostep_page(r, &x, 429);
	}
	if (totp_open(key, t.sealed, secret) != 0) {
		db_release(db, c);
		return 500;
	}
	if (code != NULL && totp_recovery_hash(key, code, rh) == 0) {
		how = "recovery";
		rc = totp_use_recovery(c, r->auth.user_id, rh, account_now());
		ck = rc == DB_OK ? TOTP_OK : TOTP_WRONG;
	} else {
		ck = totp_verify(secret, sizeof(secret), code, account_now(),
		    t.last_step, &step);
		if (ck == TOTP_OK && (rc = totp_use_step(c, r->auth.user_id,
		    step)) != DB_OK)
			ck = rc == DB_DONE ? TOTP_REUSED : TOTP_WRONG;
	}
	sodium_memzero(secret, sizeof(secret));
	if (ck != TOTP_OK) {
		rate_hit(c, rkey, OFF_WINDOW);
		audit(c, 0, r->auth.user_id, AUDIT_TWOSTEP_FAILED,
		    ck == TOTP_REUSED ? "reused" : "wrong", req_addr(r));
		db_release(db, c);
		x.err_code = T(r, ck == TOTP_REUSED ? "twostep.reused" :
		    "twostep.wrong");
		return twostep_page(r, &x, PAGE_INVALID);
	}
	rc = totp_delete(c, r->auth.user_id);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_TWOSTEP_OFF, how,
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, "/account/twostep");
}

void
page_twostep_section(struct page *p)
{
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	struct totp_row t;
	int rc = totp_get(c, &r->arena, r->auth.user_id, &t);

	db_release(db, c);
	html_elem(&p->h, "h2", T(r, "twostep.title"), "id", "twostep", NULL);
	html_elem(&p->h, "p", rc == 0 && t.on_at > 0 ?
	    Tf(r, "twostep.on_since", "at", page_datetime(r, t.on_at), NULL) :
	    T(r, "twostep.is_off"), "class", "twostep-state", NULL);
	html_elem(&p->h, "a", T(r, rc == 0 && t.on_at > 0 ?
	    "twostep.manage" : "twostep.start"), "href", "/account/twostep",
	    "class", "btn btn-secondary", NULL);
}

/* ---- the settings that require it ---- */

static int
admin_page(struct req *r, const char *notice)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	bool on = false;
	struct page p;
	int rc = totp_instance_required(c, &on);

	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, T(r, "admin.twostep"));
	page_admin_subnav(&p, r, "admin.twostep");
	page_h1(&p, T(r, "admin.twostep"));
	if (notice)
		page_notice(&p, "ok", notice);
	html_elem(&p.h, "p", T(r, "twostep.admin_help"), "class", "lead",
	    NULL);
	form_open(&p, "/admin/twostep", NULL);
	form_yesno(&p, "required", T(r, "twostep.required_all"),
	    T(r, "twostep.required_help"), on ? 1 : 0, NULL);
	form_submit(&p, T(r, "form.save"), NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

int
page_twostep_admin(struct req *r)
{
	return admin_page(r, NULL);
}

int
page_twostep_admin_post(struct req *r)
{
	const char *v = req_field(r, "required");
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	bool on = v != NULL && strcmp(v, "1") == 0;
	int rc;

	c = db_acquire(db);
	rc = totp_instance_set(c, on);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_TWOSTEP_REQUIRED, on ?
		    "on" : "off", req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return admin_page(r, T(r, "form.saved"));
}

void
page_twostep_org_section(struct page *p)
{
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	bool on = false;

	totp_org_required(c, r->org_id, &on);
	db_release(db, c);
	html_elem(&p->h, "h2", T(r, "twostep.title"), "id", "twostep", NULL);
	form_open(p, arena_printf(&r->arena, "/o/%" PRId64
	    "/members/twostep", r->org_id), NULL);
	form_yesno(p, "required", T(r, "twostep.required_org"),
	    T(r, "twostep.required_help"), on ? 1 : 0, NULL);
	form_submit(p, T(r, "form.save"), NULL);
	html_close(&p->h);
}

int
page_twostep_org_post(struct req *r)
{
	const char *v = req_field(r, "required");
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	bool on = v != NULL && strcmp(v, "1") == 0;
	int rc;

	c = db_acquire(db);
	rc = totp_org_set(c, r->org_id, on, r->auth.user_id, account_now());
	if (rc == DB_OK)
		audit(c, r->org_id, r->auth.user_id, AUDIT_TWOSTEP_REQUIRED,
		    on ? "on" : "off", req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/members#twostep", r->org_id));
}
