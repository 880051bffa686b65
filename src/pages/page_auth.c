/*
 * page_auth: who is calling (the hooks given to http/), signing in and
 * out, the first admin, invitations and the account page.
 */
#include <inttypes.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/log.h"
#include "model/account.h"
#include "model/audit.h"
#include "model/bcpcard.h"
#include "model/org.h"
#include "model/round.h"
#include "model/totp.h"
#include "pages/pages.h"

#define SESSION_COOKIE	"mamori_session"
#define CSRF_COOKIE	"mamori_csrf"
#define STEP_COOKIE	"mamori_step"	/* a sign-in waiting for its code */
#define STEP_TTL	600	/* seconds to type the code */
/*
 * Sign-in limits count failures only: an office of forty behind one
 * address signs in all morning.  Wrong passwords slow down the one who
 * types them, per (account, client address) and per client address;
 * only a flood of them from anywhere locks the account itself for a
 * window, and its owner is told (audit log, notice at next sign-in).
 */
#define LOGIN_WINDOW	900	/* seconds */
#define LOGIN_MAX_PAIR	5	/* failures per account and address */
#define LOGIN_MAX_ADDR	30	/* failures per address, any account */
#define LOGIN_LOCK_ACCT	50	/* failures per account, any address */
#define LOCK_NOTE_KEEP	(366L * 86400)	/* how long a lock notice waits */

static long
session_ttl(const struct req *r)
{
	return req_app(r)->conf.num[CONF_SESSION_HOURS] * 3600L;
}

/* Language: the lang cookie, else the user's, else Accept-Language when
 * it prefers English, else the instance default. */
static int
pick_lang(const struct req *r)
{
	const char *c = req_cookie(r, "lang");
	int l;

	if (c != NULL && (l = lang_from_key(c)) >= 0)
		return l;
	if (r->auth.lang >= 0)
		return r->auth.lang;
	if (r->accept_language != NULL &&
	    strncmp(r->accept_language, "en", 2) == 0)
		return LANG_EN;
	return req_app(r)->lang;
}

static void
auth_user(struct req *r, const struct user *u)
{
	r->auth.user_id = u->id;
	r->auth.email = u->email;
	r->auth.admin = u->role == USER_ADMIN;
	r->auth.advisor = u->role == USER_ADVISOR;
	r->auth.lang = u->lang;
}

/*
 * Who a session or an API token is, and members' roles, are kept between
 * requests in struct app.auth under a stamp of the counters that move
 * when they may have changed: this node's writes and the database's mark
 * at once (SQLite: other processes too), other nodes' changes as the
 * watch hears of them (PostgreSQL: sql/pg/0014_auth_notify.sql).  A kept
 * session or token still ends at its expiry, and its use is still
 * recorded once a minute: a fact due for either is read again.
 */

/* What is kept of a session or an API token. */
struct auth_fact {
	int64_t		 user_id;
	int64_t		 cur_org;	/* session: organisation chosen */
	int64_t		 seen;		/* last use recorded in the database */
	int64_t		 expires;	/* unix time it ends */
	int		 role;		/* enum user_role */
	int		 lang;		/* enum lang */
	char		 csrf[TOKEN_LEN + 1];	/* session: its form token */
	char		 email[256];
};
_Static_assert(sizeof(struct auth_fact) <= MEMO_VAL_MAX,
    "struct auth_fact must fit a memo value");

/* The stamp to keep and find facts under, read before the database;
 * false when none may be kept or used (the watch is down: ask). */
static bool
auth_stamp(struct req *r, struct memo_stamp *s)
{
	struct app *a = req_app(r);

	/* Before the counters: a notification that reached this node
	 * already but has not moved them yet. */
	if (db_watch_behind(a->fresh.w))
		return false;
	app_fresh_sync(a);
	s->v[0] = atomic_load(&a->fresh.all);
	s->v[1] = db_writes(a->db);
	s->v[2] = atomic_load(&a->fresh.auth);
	/* After the counters: a fact kept under them was read while the
	 * watch listened (it moves all when it starts again). */
	return db_watch_live(a->fresh.w);
}

/* The kept fact of key into f, when there is one under s that is
 * neither expired nor due to record its use at now. */
static bool
auth_recall(struct req *r, const char *key, const struct memo_stamp *s,
    int64_t now, struct auth_fact *f)
{
	return memo_get(req_app(r)->auth, key, s, f, sizeof(*f)) ==
	    (int)sizeof(*f) &&
	    f->expires > now && now - f->seen < 60;
}

/* Keep f under key and s, unless its e-mail does not fit. */
static void
auth_keep(struct req *r, const char *key, const struct memo_stamp *s,
    struct auth_fact *f, const char *email)
{
	size_t n = strlen(email);

	if (n >= sizeof(f->email))
		return;
	memcpy(f->email, email, n + 1);
	memo_put(req_app(r)->auth, key, s, f, sizeof(*f));
}

static void
auth_fact_user(struct req *r, const struct auth_fact *f)
{
	r->auth.user_id = f->user_id;
	r->auth.email = arena_strdup(&r->arena, f->email);
	r->auth.admin = f->role == USER_ADMIN;
	r->auth.advisor = f->role == USER_ADVISOR;
	r->auth.lang = f->lang;
}

static int
auth_bearer(struct req *r)
{
	struct db *db = req_app(r)->db;
	const char *tok = r->authorization + 7;
	char key[2 + TOKEN_HASH_LEN + 1] = "t/";
	int64_t now = account_now();
	struct auth_fact f;
	struct memo_stamp s;
	struct token_use tu;
	struct db_conn *c;
	struct user u;
	bool keep;
	int rc;

	if (strlen(tok) != TOKEN_LEN)
		return 401;
	account_token_hash(tok, key + 2);
	if ((keep = auth_stamp(r, &s)) && auth_recall(r, key, &s, now, &f)) {
		auth_fact_user(r, &f);
		r->auth.bearer = true;
		return 0;
	}
	c = db_acquire(db);
	rc = user_by_token(c, &r->arena, tok, now, &u, &tu);
	db_release(db, c);
	if (rc != 0)
		return rc < 0 ? 503 : 401;
	auth_user(r, &u);
	r->auth.bearer = true;
	if (keep) {
		memset(&f, 0, sizeof(f));
		f.user_id = u.id;
		f.seen = tu.used_at;
		f.expires = tu.expires_at;
		f.role = (int)u.role;
		f.lang = u.lang;
		auth_keep(r, key, &s, &f, u.email);
	}
	return 0;
}

/* 0, also for an unknown or expired cookie (nobody signed in); 503 when
 * the database could not say. */
static int
auth_session(struct req *r, const char *cookie)
{
	struct db *db = req_app(r)->db;
	char key[2 + TOKEN_HASH_LEN + 1] = "s/", *h = key + 2;
	struct db_stmt *st;
	struct db_conn *c;
	int64_t now = account_now();
	struct auth_fact f;
	struct memo_stamp s;
	struct str role;
	bool keep;
	int rc;

	if (strlen(cookie) != TOKEN_LEN)
		return 0;
	account_token_hash(cookie, h);
	if ((keep = auth_stamp(r, &s)) && auth_recall(r, key, &s, now, &f)) {
		auth_fact_user(r, &f);
		r->auth.csrf = arena_strdup(&r->arena, f.csrf);
		r->auth.cur_org = f.cur_org;
		r->auth.session = arena_strdup(&r->arena, h);
		return 0;
	}
	memset(&f, 0, sizeof(f));
	c = db_acquire(db);
	st = db_stmt(c, STMT_SESSION_GET);
	db_bind_text(st, 1, str_c(h));
	db_bind_int(st, 2, now);
	if ((rc = db_step(st)) != DB_ROW) {
		db_release(db, c);
		return rc < 0 ? 503 : 0;
	}
	r->auth.user_id = f.user_id = db_col_int(st, 0);
	r->auth.csrf = arena_cstr(&r->arena, db_col_text(st, 1));
	r->auth.cur_org = f.cur_org = db_col_int(st, 2);
	f.seen = db_col_int(st, 3);
	r->auth.email = arena_cstr(&r->arena, db_col_text(st, 4));
	role = db_col_text(st, 5);
	r->auth.admin = str_eq_c(role, "admin");
	r->auth.advisor = str_eq_c(role, "advisor");
	r->auth.lang = str_eq_c(db_col_text(st, 6), "en") ? LANG_EN : LANG_JA;
	f.expires = db_col_int(st, 7);
	r->auth.session = arena_strdup(&r->arena, h);
	/* Slide the expiry, at most once a minute per session. */
	if (now - f.seen >= 60) {
		st = db_stmt(c, STMT_SESSION_TOUCH);
		db_bind_text(st, 1, str_c(h));
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, now + session_ttl(r));
		db_exec(st);
		/* the write moves the stamp: nothing kept below is used */
	}
	db_release(db, c);
	if (keep && strlen(r->auth.csrf) < sizeof(f.csrf)) {
		f.role = r->auth.admin ? USER_ADMIN : r->auth.advisor ?
		    USER_ADVISOR : USER_MEMBER;
		f.lang = r->auth.lang;
		memcpy(f.csrf, r->auth.csrf, strlen(r->auth.csrf) + 1);
		auth_keep(r, key, &s, &f, r->auth.email);
	}
	return 0;
}

static int
auth_link(struct req *r)
{
	const unsigned char *key = req_app(r)->secret;
	const char *tok = req_param(r, "token");
	enum link_kind k = strncmp(r->path, "/s/", 3) == 0 ? LINK_SHARED :
	    LINK_RESPONDENT;
	char csrf[LINK_TOKEN_MAX + 1];

	/* The emergency card: its token is random and stored hashed, so it
	 * is looked up; its page takes no form. */
	if (strncmp(r->path, "/c/", 3) == 0) {
		struct db *db = req_app(r)->db;
		struct db_conn *c = db_acquire(db);
		int64_t org;
		int rc = bcpcard_find(c, tok, &org);

		db_release(db, c);
		if (rc != DB_OK)
			return rc == DB_DONE ? 404 : 503;
		r->auth.link_id = org;
		r->auth.link_kind = (int)LINK_CARD;
		return 0;
	}
	if ((r->auth.link_id = link_verify(key, k, tok)) == 0)
		return 404;
	r->auth.link_kind = (int)k;
	link_csrf(key, tok, csrf);
	r->auth.csrf = arena_strdup(&r->arena, csrf);
	return 0;
}

/*
 * Forms shown to visitors without a session (sign-in, first admin,
 * invitation) are protected by a double-submit token: a random value in
 * a SameSite=Strict cookie that the form repeats.  A cross-site page can
 * neither read the cookie nor set it.
 */
static void
anon_csrf(struct req *r)
{
	const char *c = req_cookie(r, CSRF_COOKIE);
	char tok[TOKEN_LEN + 1];

	if (c != NULL && strlen(c) == TOKEN_LEN) {
		r->auth.csrf = c;
		return;
	}
	if (r->method != HTTP_GET)
		return;	/* no cookie, no token: the POST is refused */
	account_token(tok);
	r->auth.csrf = arena_strdup(&r->arena, tok);
	req_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=%s; Path=/; Max-Age=86400; SameSite=Strict; HttpOnly%s",
	    CSRF_COOKIE, tok, r->secure ? "; Secure" : ""));
}

/*
 * Two-step sign-in required (by the instance or one of the user's
 * organisations) and not on yet: the user is led to turn it on before
 * anything else; only the pages that do it, signing out and the
 * language stay open.  Whether it is due is kept like a session
 * (auth_stamp), so a setting changed anywhere is seen at once.
 */
static int
twostep_gate(struct req *r)
{
	static const char *const open[] = { "/account/twostep", "/logout",
	    "/lang/" };
	struct db *db = req_app(r)->db;
	struct memo_stamp s;
	struct db_conn *c;
	const char *key;
	bool keep, required = false, on = false;
	int due, rc;
	size_t i;

	for (i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		if (strncmp(r->route->pattern, open[i], strlen(open[i])) == 0)
			return 0;
	key = arena_printf(&r->arena, "2/%" PRId64, r->auth.user_id);
	if (!(keep = auth_stamp(r, &s)) || memo_get(req_app(r)->auth, key,
	    &s, &due, sizeof(due)) != (int)sizeof(due)) {
		c = db_acquire(db);
		rc = totp_due(c, r->auth.user_id, &required, &on);
		db_release(db, c);
		if (rc != DB_OK)
			return 503;
		due = required && !on;
		if (keep)
			memo_put(req_app(r)->auth, key, &s, &due, sizeof(due));
	}
	if (!due)
		return 0;
	if (r->route->type == RT_HTML && r->method == HTTP_GET) {
		req_redirect(r, "/account/twostep");
		return REQ_ANSWERED;
	}
	return 403;
}

/*
 * A sign-in proxy vouched for the user (r->proxy_user: the configured
 * header, from a configured proxy's address only; http/ checked that).
 * Its session is used while it is the same user's; otherwise one is made
 * for that user, so forms get their CSRF token as usual.  Only existing
 * accounts: an address nobody has an account for is refused (403), and
 * no account is made.  Two-step sign-in is the proxy's business then.
 */
static int
auth_proxy(struct req *r, const char *cookie)
{
	struct db *db = req_app(r)->db;
	char sc[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	struct db_conn *c;
	struct user u;
	char *email;
	int rc;

	if (account_email_norm(&r->arena, r->proxy_user, &email) != 0) {
		log_warn("auth", "the sign-in proxy sent a header that is no "
		    "e-mail address");
		return 403;
	}
	if (cookie != NULL && (rc = auth_session(r, cookie)) != 0)
		return rc;
	if (r->auth.user_id != 0 && strcmp(r->auth.email, email) == 0)
		return 0;
	memset(&r->auth, 0, sizeof(r->auth));
	r->auth.lang = -1;
	c = db_acquire(db);
	rc = user_by_email(c, &r->arena, email, &u);
	if (rc == DB_DONE) {
		audit(c, 0, 0, AUDIT_LOGIN_FAILED, arena_printf(&r->arena,
		    "%s (proxy: no account)", email), req_addr(r));
		db_release(db, c);
		return 403;
	}
	if (rc == 0)
		rc = session_create(c, u.id, 0, session_ttl(r), sc, csrf);
	if (rc == DB_OK)
		audit(c, 0, u.id, AUDIT_LOGIN, "proxy", req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	auth_user(r, &u);
	r->auth.csrf = arena_strdup(&r->arena, csrf);
	r->auth.session = arena_alloc(&r->arena, TOKEN_HASH_LEN + 1);
	account_token_hash(sc, (char *)r->auth.session);
	req_cookie_set(r, SESSION_COOKIE, sc, session_ttl(r), true);
	return 0;
}

static int
hook_authenticate(struct req *r)
{
	const char *cookie = req_cookie(r, SESSION_COOKIE);
	int st = 0;

	if (r->route->auth == AUTH_LINK) {
		st = auth_link(r);
		r->lang = pick_lang(r);
		return st;
	}
	/* API tokens are unchanged by a proxy: a Bearer token says who. */
	if (r->proxy_user != NULL && (r->authorization == NULL ||
	    strncmp(r->authorization, "Bearer ", 7) != 0)) {
		st = auth_proxy(r, cookie);
		r->lang = pick_lang(r);
		return st;
	}
	if (cookie == NULL && (r->authorization == NULL ||
	    strncmp(r->authorization, "Bearer ", 7) != 0)) {
		anon_csrf(r);
		r->lang = pick_lang(r);
		return 0;
	}
	if (r->authorization != NULL &&
	    strncmp(r->authorization, "Bearer ", 7) == 0)
		st = auth_bearer(r);
	else
		st = auth_session(r, cookie);
	if (r->auth.user_id == 0)
		anon_csrf(r);
	r->lang = pick_lang(r);
	if (st == 0 && r->auth.user_id != 0 && !r->auth.bearer)
		st = twostep_gate(r);
	return st;
}

/* A member's role is kept like a session (auth_stamp); not being a
 * member is asked each time. */
static enum org_role
hook_org_role(struct req *r, int64_t org)
{
	struct db *db = req_app(r)->db;
	struct memo_stamp s;
	struct db_conn *c;
	const char *key;
	enum org_role ro;
	char *role;
	int kept;
	bool keep;

	if (org <= 0 || r->auth.user_id == 0)
		return ORG_NONE;
	key = arena_printf(&r->arena, "r/%" PRId64 "/%" PRId64,
	    r->auth.user_id, org);
	if ((keep = auth_stamp(r, &s)) && memo_get(req_app(r)->auth, key, &s,
	    &kept, sizeof(kept)) == (int)sizeof(kept))
		return (enum org_role)kept;
	c = db_acquire(db);
	role = org_member_role(c, &r->arena, r->auth.user_id, org);
	db_release(db, c);
	if (role == NULL)
		return ORG_NONE;
	if (strcmp(role, "org_admin") == 0)
		ro = ORG_ADMIN;
	else if (strcmp(role, "advisor") == 0)
		ro = ORG_ADVISOR;
	else
		ro = ORG_MEMBER;
	if (keep) {
		kept = (int)ro;
		memo_put(req_app(r)->auth, key, &s, &kept, sizeof(kept));
	}
	return ro;
}

static const char *
status_key(int status)
{
	switch (status) {
	case 400: return "error.400";
	case 401: return "error.401";
	case 403: return "error.403";
	case 404: return "error.404";
	case 405: return "error.405";
	case 409: return "error.409";
	case 413: return "error.413";
	case 414: return "error.414";
	case 429: return "error.429";
	case 431: return "error.431";
	case 503: return "error.503";
	default:  return "error.500";
	}
}

/* Whether r's error is JSON: its route says so, or, when no route took
 * it, its path is the API's prefix ("/api" too) or under it. */
static bool
error_is_json(const struct req *r)
{
	static const char api[] = PAGES_API_PREFIX;
	size_t n = sizeof(api) - 2;	/* up to the final '/' */

	if (r->route != NULL)
		return r->route->type == RT_JSON;
	return strncmp(r->path, api, n) == 0 &&
	    (r->path[n] == '/' || r->path[n] == '\0');
}

static void
hook_error(struct req *r, int status)
{
	struct page p;

	if (r->lang < 0)
		r->lang = pick_lang(r);
	/* The database is away: come back soon (a load balancer and a
	 * script read this; a person reads the page). */
	if (status == 503)
		req_header(r, "Retry-After", "5");
	if (error_is_json(r)) {
		buf_printf(&r->out, "{\"error\": \"%s\"}",
		    status_key(status) + 6);
		page_json(r, status);
		return;
	}
	page_begin(&p, r, T(r, status_key(status)));
	page_h1(&p, T(r, status_key(status)));
	html_elem(&p.h, "p", T(r, arena_printf(&r->arena, "%s.help",
	    status_key(status))), NULL);
	html_elem(&p.h, "a", T(r, "error.home"), "href", "/", "class", "btn",
	    NULL);
	page_end(&p, status);
}

struct http_hooks
pages_hooks(void)
{
	struct http_hooks h = {
		.authenticate = hook_authenticate,
		.org_role = hook_org_role,
		.error = hook_error,
		.login_path = "/login",
	};

	return h;
}

/* ---- sign in ---- */

/* Work for the hash pool: one password check or one hash. */
struct pw_job {
	const char	*hash;		/* to check against; NULL to make one */
	const char	*pw;
	bool		 ok;		/* OUT: matched */
	char		*made;		/* OUT: new hash (free()) */
};

static void
pw_work(void *arg)
{
	struct pw_job *j = arg;

	if (j->hash != NULL)
		j->ok = account_check_password(j->hash, j->pw);
	else
		j->made = account_hash_password(j->pw);
}

/* Only local paths: "next" never leads off the site. */
static const char *
safe_next(const char *next)
{
	if (!req_local_path(next) || strncmp(next, "/login", 6) == 0)
		return "/";
	return next;
}

static int
login_form(struct req *r, const char *email, const char *err, int status)
{
	struct page p;
	const char *next = safe_next(req_field(r, "next"));

	page_begin(&p, r, T(r, "login.title"));
	page_h1(&p, T(r, "login.title"));
	if (err)
		page_notice(&p, "error", err);
	form_open(&p, "/login", NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "next", "value",
	    next, NULL);
	form_input(&p, "email", T(r, "login.email"), "email", email, NULL,
	    "username", 1);
	form_input(&p, "password", T(r, "login.password"), "password", NULL,
	    NULL, "current-password", 1);
	form_submit(&p, T(r, "login.submit"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_login(struct req *r)
{
	if (r->auth.user_id != 0)
		return req_redirect(r, "/");
	return login_form(r, "", NULL, 200);
}

struct login_ctx {
	struct pw_job	 job;
	struct user	 u;
	bool		 found;
	char		*email;
};

/* The keys of the failure counters of an attempt. */
static const char *
key_pair(struct req *r, const char *email)
{
	return arena_printf(&r->arena, "login:%s|%s", email, req_addr(r));
}

static const char *
key_addr(struct req *r)
{
	return arena_printf(&r->arena, "addr:%s", req_addr(r));
}

static const char *
key_acct(struct req *r, const char *email)
{
	return arena_printf(&r->arena, "acct:%s", email);
}

static const char *
key_lock_note(struct req *r, int64_t uid)
{
	return arena_printf(&r->arena, "locknote:%" PRId64, uid);
}

/* 429: the sign-in form with a plain reason, and when to come back. */
static int
login_refused(struct req *r, const char *email, const char *why)
{
	req_header(r, "Retry-After", arena_printf(&r->arena, "%d",
	    LOGIN_WINDOW));
	return login_form(r, email, T(r, why), 429);
}

/* A wrong password (or an unknown address): count it three ways; the
 * failure that reaches the account's lock threshold locks it and leaves
 * its owner a notice.  < 0 when the database could not count. */
static int
login_failed(struct req *r, struct db_conn *c, struct login_ctx *x)
{
	long pair, addr, acct;

	pair = rate_hit(c, key_pair(r, x->email), LOGIN_WINDOW);
	addr = rate_hit(c, key_addr(r), LOGIN_WINDOW);
	acct = rate_hit(c, key_acct(r, x->email), LOGIN_WINDOW);
	if (pair < 0 || addr < 0 || acct < 0)
		return -1;
	audit(c, 0, x->found ? x->u.id : 0, AUDIT_LOGIN_FAILED, x->email,
	    req_addr(r));
	if (acct == LOGIN_LOCK_ACCT && x->found) {
		audit(c, 0, x->u.id, AUDIT_ACCOUNT_LOCKED, x->email,
		    req_addr(r));
		rate_hit(c, key_lock_note(r, x->u.id), LOCK_NOTE_KEEP);
		log_warn("auth", "account %" PRId64 " locked for %d s after "
		    "%d failed sign-ins", x->u.id, LOGIN_WINDOW,
		    LOGIN_LOCK_ACCT);
	}
	return 0;
}

/* Signed in after the account was locked: say so once, then go on. */
static int
login_lock_notice(struct req *r, const char *next)
{
	struct page p;

	page_begin(&p, r, T(r, "login.lock_notice_title"));
	page_h1(&p, T(r, "login.lock_notice_title"));
	page_notice(&p, "error", T(r, "login.lock_notice"));
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "login.lock_notice_password"), "href",
	    "/account", "class", "btn", NULL);
	html_text(&p.h, " ");
	html_elem(&p.h, "a", T(r, "login.lock_notice_go"), "href", next,
	    "class", "btn btn-secondary", NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

/* path?next=NEXT, NEXT escaped as a URL part. */
static const char *
url_with_next(struct req *r, const char *path, const char *next)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_adds(&b, path);
	buf_adds(&b, "?next=");
	esc_url(&b, str_c(next));
	s = arena_strndup(&r->arena, buf_cstr(&b), b.n);
	buf_free(&b);
	return s;
}

/* The password (and the code, with two-step sign-in) was right: end the
 * pair's failure count, open a session for u and go on to next (after
 * the lock notice when the account was locked meanwhile). */
static int
login_session(struct req *r, const struct user *u, const char *email,
    const char *next)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	char cookie[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	const char *note;
	long locked = 0;
	int rc;

	rate_clear(c, key_pair(r, email));
	note = key_lock_note(r, u->id);
	locked = rate_get(c, note, LOCK_NOTE_KEEP);
	rc = locked < 0 ? (int)locked : session_create(c, u->id, 0,
	    session_ttl(r), cookie, csrf);
	if (rc == DB_OK) {
		audit(c, 0, u->id, AUDIT_LOGIN, "", req_addr(r));
		if (locked > 0)
			rate_clear(c, note);
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	req_cookie_set(r, SESSION_COOKIE, cookie, session_ttl(r), true);
	if (locked > 0)
		return login_lock_notice(r, next);
	return req_redirect(r, next);
}

static int
login_finish(struct req *r, struct login_ctx *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	const char *next = safe_next(req_field(r, "next"));
	char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];
	struct totp_row t;
	int rc;

	if (!x->found || !x->job.ok) {
		rc = login_failed(r, c, x);
		db_release(db, c);
		if (rc < 0)
			return 503;	/* an outage is no wrong password */
		return login_form(r, x->email, T(r, "login.failed"), 401);
	}
	/* Two-step sign-in on: the code is still to come.  The failures
	 * counted so far stay counted until it is right. */
	rc = totp_get(c, &r->arena, x->u.id, &t);
	if (rc == 0 && t.on_at > 0) {
		account_token(tok);
		account_token_hash(tok, h);
		rc = totp_pending_put(c, h, x->u.id, account_now() + STEP_TTL);
		db_release(db, c);
		if (rc != DB_OK)
			return 503;
		req_cookie_set(r, STEP_COOKIE, tok, STEP_TTL, true);
		return req_redirect(r, url_with_next(r, "/login/code", next));
	}
	db_release(db, c);
	if (rc < 0)
		return 503;
	return login_session(r, &x->u, x->email, next);
}

/* ---- the second step ---- */

static int
code_form(struct req *r, const char *err, int status)
{
	struct page p;
	const char *next = safe_next(req_field(r, "next"));

	page_begin(&p, r, T(r, "twostep.login_title"));
	page_h1(&p, T(r, "twostep.login_title"));
	html_elem(&p.h, "p", T(r, "twostep.login_lead"), "class", "lead",
	    NULL);
	form_open(&p, "/login/code", NULL);
	html_void(&p.h, "input", "type", "hidden", "name", "next", "value",
	    next, NULL);
	form_field_max(&p, "code", "text", 0, T(r, "twostep.code"),
	    T(r, "twostep.code_help"), "", err, "one-time-code", true);
	form_submit(&p, T(r, "twostep.login_submit"), NULL);
	html_close(&p.h);
	html_elem(&p.h, "a", T(r, "twostep.login_restart"), "href", "/login",
	    NULL);
	return page_end(&p, status);
}

/* The user a half-done sign-in is for, from its cookie: 0, DB_DONE when
 * there is none (or it ran out), < 0 on error. */
static int
step_user(struct req *r, struct db_conn *c, struct user *u, char *h)
{
	const char *tok = req_cookie(r, STEP_COOKIE);
	int64_t uid;
	int rc;

	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return DB_DONE;
	account_token_hash(tok, h);
	if ((rc = totp_pending_get(c, h, account_now(), &uid)) != 0)
		return rc;
	return user_by_id(c, &r->arena, uid, u);
}

int
page_login_code(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	char h[TOKEN_HASH_LEN + 1];
	struct user u;
	int rc = step_user(r, c, &u, h);

	db_release(db, c);
	if (rc < 0)
		return 503;
	if (rc != 0)
		return req_redirect(r, "/login");
	return code_form(r, NULL, 200);
}

int
page_login_code_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	const unsigned char *key = req_app(r)->twostep_key;
	const char *code = req_field(r, "code");
	const char *next = safe_next(req_field(r, "next"));
	char h[TOKEN_HASH_LEN + 1], rh[TOTP_HASH_LEN + 1];
	unsigned char secret[TOTP_SECRET_LEN];
	struct login_ctx x;
	struct totp_row t;
	enum totp_check ck = TOTP_WRONG;
	long pair, addr, acct;
	int64_t step = 0;
	bool recovery = false;
	int rc;

	memset(&x, 0, sizeof(x));
	if ((rc = step_user(r, c, &x.u, h)) != 0) {
		db_release(db, c);
		if (rc < 0)
			return 503;
		return req_redirect(r, "/login");
	}
	x.found = true;
	x.email = x.u.email;
	/* The same limits as the password: a code is a password too. */
	pair = rate_get(c, key_pair(r, x.email), LOGIN_WINDOW);
	addr = pair < 0 ? pair : rate_get(c, key_addr(r), LOGIN_WINDOW);
	acct = addr < 0 ? addr : rate_get(c, key_acct(r, x.email),
	    LOGIN_WINDOW);
	if (acct < 0) {
		db_release(db, c);
		return 503;
	}
	if (acct >= LOGIN_LOCK_ACCT || pair >= LOGIN_MAX_PAIR ||
	    addr >= LOGIN_MAX_ADDR) {
		audit(c, 0, x.u.id, AUDIT_LOGIN_LIMITED, x.email, req_addr(r));
		db_release(db, c);
		req_header(r, "Retry-After", arena_printf(&r->arena, "%d",
		    LOGIN_WINDOW));
		return code_form(r, T(r, acct >= LOGIN_LOCK_ACCT ?
		    "login.locked" : "login.limited"), 429);
	}
	if ((rc = totp_get(c, &r->arena, x.u.id, &t)) != 0 ||
	    totp_open(key, t.sealed, secret) != 0) {
		db_release(db, c);
		log_warn("auth", "user %" PRId64 ": two-step secret unreadable",
		    x.u.id);
		return rc < 0 ? 503 : 500;
	}
	if (code != NULL && totp_recovery_hash(key, code, rh) == 0) {
		recovery = true;
		rc = totp_use_recovery(c, x.u.id, rh, account_now());
		ck = rc == DB_OK ? TOTP_OK : TOTP_WRONG;
	} else {
		ck = totp_verify(secret, sizeof(secret), code, account_now(),
		    t.last_step, &step);
		/* One request at a time wins a code: the step is taken in
		 * one statement. */
		if (ck == TOTP_OK && (rc = totp_use_step(c, x.u.id, step)) !=
		    DB_OK)
			ck = rc == DB_DONE ? TOTP_REUSED : TOTP_WRONG;
	}
	sodium_memzero(secret, sizeof(secret));
	if (rc < 0 && rc != DB_DONE) {
		db_release(db, c);
		return 503;
	}
	if (ck != TOTP_OK) {
		audit(c, 0, x.u.id, AUDIT_TWOSTEP_FAILED, ck == TOTP_REUSED ?
		    "reused" : "wrong", req_addr(r));
		rc = login_failed(r, c, &x);
		db_release(db, c);
		if (rc < 0)
			return 503;
		return code_form(r, T(r, ck == TOTP_REUSED ? "twostep.reused" :
		    "twostep.wrong"), 401);
	}
	if (recovery)
		audit(c, 0, x.u.id, AUDIT_TWOSTEP_RECOVERY, "", req_addr(r));
	totp_pending_end(c, h, account_now());
	db_release(db, c);
	req_cookie_set(r, STEP_COOKIE, "", -1, true);
	return login_session(r, &x.u, x.email, next);
}

int
page_login_post(struct req *r)
{
	struct login_ctx *x;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *email = req_field(r, "email");
	const char *pw = req_field(r, "password");
	long pair, addr, acct;
	int rc;

	if (r->resumed)
		return login_finish(r, r->work_arg);
	x = arena_alloc(&r->arena, sizeof(*x));
	if (email == NULL || pw == NULL || pw[0] == '\0' ||
	    account_email_norm(&r->arena, email, &x->email) != 0)
		return login_form(r, email ? email : "",
		    T(r, "login.failed"), PAGE_INVALID);
	c = db_acquire(db);
	/* Read, not counted: only a wrong password counts (login_failed). */
	pair = rate_get(c, key_pair(r, x->email), LOGIN_WINDOW);
	addr = pair < 0 ? pair : rate_get(c, key_addr(r), LOGIN_WINDOW);
	acct = addr < 0 ? addr : rate_get(c, key_acct(r, x->email),
	    LOGIN_WINDOW);
	if (acct < 0) {
		db_release(db, c);
		return 503;
	}
	if (acct >= LOGIN_LOCK_ACCT || pair >= LOGIN_MAX_PAIR ||
	    addr >= LOGIN_MAX_ADDR) {
		audit(c, 0, 0, AUDIT_LOGIN_LIMITED, x->email, req_addr(r));
		db_release(db, c);
		return login_refused(r, x->email, acct >= LOGIN_LOCK_ACCT ?
		    "login.locked" : "login.limited");
	}
	rc = user_by_email(c, &r->arena, x->email, &x->u);
	db_release(db, c);
	if (rc < 0)
		return 503;
	x->found = rc == 0;
	/* Unknown addresses cost the same time as known ones. */
	x->job.hash = x->found ? x->u.pw_hash : account_dummy_hash();
	x->job.pw = pw;
	return req_offload(r, pw_work, &x->job);
}

int
page_logout(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;

	if (r->auth.session != NULL) {
		c = db_acquire(db);
		session_delete(c, r->auth.session);
		audit(c, 0, r->auth.user_id, AUDIT_LOGOUT, "", req_addr(r));
		db_release(db, c);
	}
	req_cookie_set(r, SESSION_COOKIE, "", -1, true);
	return req_redirect(r, "/login");
}

/* ---- new accounts: first admin and invitations ---- */

struct newacct_ctx {
	struct pw_job	 job;
	char		*email;
	struct once_link link;	/* the link of the path */
};

/* What an invitation gives, in words, before it is accepted: to which
 * company, from whom, as what. */
static void
invite_facts(struct page *p, const struct once_link *l)
{
	struct req *r = p->r;
	const char *role = arena_printf(&r->arena, "role.%s", l->role);
	const char *desc = arena_printf(&r->arena, "invite.role_%s", l->role);
	const struct content *ct = &req_app(r)->content;

	html_open(&p->h, "dl", "class", "facts invite-facts", NULL);
	html_elem(&p->h, "dt", T(r, "invite.org"), NULL);
	html_elem(&p->h, "dd", l->org_name, "class", "invite-org", NULL);
	html_elem(&p->h, "dt", T(r, "invite.by"), NULL);
	html_elem(&p->h, "dd", l->by_email[0] ? l->by_email :
	    T(r, "invite.by_unknown"), "class", "invite-by", NULL);
	html_elem(&p->h, "dt", T(r, "invite.role"), NULL);
	html_open(&p->h, "dd", "class", "invite-role", NULL);
	html_elem(&p->h, "strong", content_ui_has(ct, role) ? T(r, role) :
	    l->role, NULL);
	if (content_ui_has(ct, desc)) {
		html_text(&p->h, " — ");
		html_text(&p->h, T(r, desc));
	}
	html_close(&p->h);
	html_close(&p->h);
}

/* Show the form for a new account (setup or invite). */
static int
newacct_form(struct req *r, const struct once_link *l, const char *action,
    const char *title, const char *intro, const char *email,
    const char *err_email, const char *err_pw, int status)
{
	struct page p;

	page_begin(&p, r, title);
	page_h1(&p, title);
	html_elem(&p.h, "p", intro, "class", "lead", NULL);
	if (strcmp(l->kind, "invite") == 0)
		invite_facts(&p, l);
	form_open(&p, action, NULL);
	form_input(&p, "email", T(r, "account.email"), "email", email,
	    err_email, "username", 1);
	form_input(&p, "password", T(r, "account.password_new"), "password",
	    NULL, err_pw, "new-password", 1);
	html_elem(&p.h, "p", T(r, "account.password_rule"), "class", "help",
	    NULL);
	form_input(&p, "password2", T(r, "account.password_again"),
	    "password", NULL, NULL, "new-password", 1);
	form_submit(&p, T(r, "account.create"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

#define SETUP_GONE	410	/* newacct_link: the instance has an account */

/* A first-admin link once the instance has an account: it makes no
 * admin any more, whatever its age.  Sign in instead. */
static int
setup_gone(struct req *r)
{
	struct page p;

	page_begin(&p, r, T(r, "setup.gone_title"));
	page_h1(&p, T(r, "setup.gone_title"));
	html_elem(&p.h, "p", T(r, "setup.gone"), "class", "lead", NULL);
	html_elem(&p.h, "a", T(r, "login.title"), "href", "/login", "class",
	    "btn", NULL);
	return page_end(&p, SETUP_GONE);
}

/* Check the once-link named in the path; fills x.  0 or an HTTP status
 * (SETUP_GONE for a set-up link when an account exists). */
static int
newacct_link(struct req *r, const char *kind, struct newacct_ctx *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	const char *tok = req_param(r, "token");
	int64_t users = 0;
	int rc = 0;

	if (strcmp(kind, "setup") == 0)
		rc = user_count(c, &users);
	if (rc == DB_OK && users == 0)
		rc = once_peek(c, &r->arena, tok, &x->link);
	db_release(db, c);
	if (rc < 0)
		return 503;
	if (users > 0)
		return SETUP_GONE;
	if (rc != 0 || strcmp(x->link.kind, kind) != 0)
		return 404;
	return 0;
}

static int
newacct_get(struct req *r, const char *kind)
{
	struct newacct_ctx x;
	int st;
	const char *action = arena_printf(&r->arena, "/%s/%s", kind,
	    req_param(r, "token"));

	memset(&x, 0, sizeof(x));
	if ((st = newacct_link(r, kind, &x)) != 0)
		return st == SETUP_GONE ? setup_gone(r) : st;
	return newacct_form(r, &x.link, action, T(r, arena_printf(&r->arena,
	    "%s.title", kind)), T(r, arena_printf(&r->arena, "%s.intro",
	    kind)), "", NULL, NULL, 200);
}

static int
newacct_finish(struct req *r, const char *kind, struct newacct_ctx *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	char cookie[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	enum user_role role;
	int64_t uid = 0;
	int rc;
	const char *action = arena_printf(&r->arena, "/%s/%s", kind,
	    req_param(r, "token"));

	if (x->job.made == NULL)
		return 500;
	role = strcmp(kind, "setup") == 0 ? USER_ADMIN :
	    strcmp(x->link.role, "advisor") == 0 ? USER_ADVISOR : USER_MEMBER;
	c = db_acquire(db);
	if ((rc = db_begin(c)) != DB_OK)
		goto out;
	if (role == USER_ADMIN) {
		int64_t users = 1;

		/* Checked here, in the transaction that makes the admin: a
		 * set-up link works only while the instance has no account. */
		if ((rc = setup_lock(c)) != DB_OK ||
		    (rc = user_count(c, &users)) != DB_OK) {
			db_rollback(c);
			goto out;
		}
		if (users > 0) {
			db_rollback(c);
			rc = SETUP_GONE;
			goto out;
		}
	}
	if ((rc = once_take(c, req_param(r, "token"))) != 0) {
		db_rollback(c);
		rc = 404;
		goto out;
	}
	rc = user_insert(c, x->email, x->job.made, role,
	    r->lang == LANG_EN ? LANG_EN : LANG_JA, &uid);
	if (rc == DB_E_CONSTRAINT) {
		db_rollback(c);
		db_release(db, c);
		free(x->job.made);
		return newacct_form(r, &x->link, action, T(r,
		    arena_printf(&r->arena, "%s.title", kind)), T(r,
		    arena_printf(&r->arena, "%s.intro", kind)), x->email,
		    T(r, "account.email_taken"),
		    NULL, 409);
	}
	if (rc == DB_OK && x->link.org_id > 0)
		rc = org_member_put(c, uid, x->link.org_id, x->link.role);
	if (rc == DB_OK)
		rc = session_create(c, uid, x->link.org_id, session_ttl(r),
		    cookie, csrf);
	if (rc != DB_OK) {
		db_rollback(c);
		goto out;
	}
	audit(c, x->link.org_id, uid, strcmp(kind, "setup") == 0 ?
	    AUDIT_ADMIN_CREATED : AUDIT_INVITE_ACCEPTED, x->email, req_addr(r));
	rc = db_commit(c);
out:
	db_release(db, c);
	free(x->job.made);
	if (rc == 404)
		return 404;
	if (rc == SETUP_GONE)
		return setup_gone(r);
	if (rc != DB_OK)
		return 503;
	req_cookie_set(r, SESSION_COOKIE, cookie, session_ttl(r), true);
	return req_redirect(r, x->link.org_id > 0 ? arena_printf(&r->arena,
	    "/o/%" PRId64, x->link.org_id) : "/");
}

static int
newacct_post(struct req *r, const char *kind)
{
	struct newacct_ctx *x;
	const char *email = req_field(r, "email");
	const char *pw = req_field(r, "password");
	const char *pw2 = req_field(r, "password2");
	const char *err_email = NULL, *err_pw = NULL;
	int st;

	if (r->resumed)
		return newacct_finish(r, kind, r->work_arg);
	x = arena_alloc(&r->arena, sizeof(*x));
	if ((st = newacct_link(r, kind, x)) != 0)
		return st == SETUP_GONE ? setup_gone(r) : st;
	if (email == NULL || account_email_norm(&r->arena, email,
	    &x->email) != 0)
		err_email = T(r, "account.email_bad");
	if (pw == NULL || account_password_ok(pw) != 0)
		err_pw = T(r, "account.password_short");
	else if (pw2 == NULL || strcmp(pw, pw2) != 0)
		err_pw = T(r, "account.password_mismatch");
	if (err_email || err_pw)
		return newacct_form(r, &x->link, arena_printf(&r->arena,
		    "/%s/%s", kind,
		    req_param(r, "token")), T(r, arena_printf(&r->arena,
		    "%s.title", kind)), T(r, arena_printf(&r->arena,
		    "%s.intro", kind)), email ? email : "", err_email, err_pw,
		    PAGE_INVALID);
	x->job.pw = pw;
	return req_offload(r, pw_work, &x->job);
}

int
page_setup(struct req *r)
{
	return newacct_get(r, "setup");
}

int
page_setup_post(struct req *r)
{
	return newacct_post(r, "setup");
}

int
page_invite(struct req *r)
{
	return newacct_get(r, "invite");
}

int
page_invite_post(struct req *r)
{
	return newacct_post(r, "invite");
}

/* ---- account ---- */

/* The API token of the signed-in user: when it expires, when it was last
 * used, and a button to revoke it; or a line saying there is none. */
static void
account_token_state(struct page *p)
{
	struct req *r = p->r;
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int64_t exp = 0, used = 0;
	int rc;

	rc = user_token_info(c, r->auth.user_id, &exp, &used);
	db_release(db, c);
	if (rc != 0 || exp <= account_now()) {
		html_elem(&p->h, "p", T(r, "account.token_none"), "class",
		    "token-state", NULL);
		return;
	}
	html_open(&p->h, "dl", "class", "token-state", NULL);
	html_elem(&p->h, "dt", T(r, "account.token_expires"), NULL);
	html_elem(&p->h, "dd", page_datetime(r, exp), NULL);
	html_elem(&p->h, "dt", T(r, "account.token_used"), NULL);
	html_elem(&p->h, "dd", used > 0 ? page_datetime(r, used) :
	    T(r, "account.token_never"), NULL);
	html_close(&p->h);
	form_button(p, "/account/token/revoke", T(r, "account.token_revoke"),
	    "btn btn-danger");
}

static int
account_page(struct req *r, const char *notice, const char *err_lang,
    const char *err_cur, const char *err_new, const char *token, int status)
{
	struct page p;

	page_begin(&p, r, T(r, "account.title"));
	page_h1(&p, T(r, "account.title"));
	html_elem(&p.h, "p", r->auth.email, "class", "lead", NULL);
	if (notice)
		page_notice(&p, "ok", notice);
	if (status != 200)
		page_notice(&p, "error", T(r, "form.err.summary"));

	html_elem(&p.h, "h2", T(r, "account.lang"), NULL);
	form_open(&p, "/account/lang", NULL);
	form_group(&p, "lang", T(r, "account.lang"), NULL, err_lang);
	html_open(&p.h, "div", "class", "choices-inline", NULL);
	for (int l = 0; l < LANG__MAX; l++) {
		html_open(&p.h, "label", "class", "choice", NULL);
		html_void(&p.h, "input", "type", "radio", "name", "lang",
		    "value", lang_key(l), "checked", r->lang == l ? "" : NULL,
		    "aria-invalid", err_lang ? "true" : NULL, NULL);
		html_elem(&p.h, "span", T(r, arena_printf(&r->arena,
		    "lang.%s", lang_key(l))), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	html_close(&p.h);
	form_submit(&p, T(r, "form.save"), NULL);
	html_close(&p.h);

	/* e-mail: which kinds this user gets (page_mail.c) */
	html_elem(&p.h, "h2", T(r, "mail.prefs.title"), NULL);
	html_open(&p.h, "p", NULL);
	html_elem(&p.h, "a", T(r, "mail.prefs.link"), "href", "/account/mail",
	    NULL);
	html_close(&p.h);

	html_elem(&p.h, "h2", T(r, "account.password_change"), NULL);
	form_open(&p, "/account/password", NULL);
	form_input(&p, "current", T(r, "account.password_current"),
	    "password", NULL, err_cur, "current-password", 1);
	form_input(&p, "password", T(r, "account.password_new"), "password",
	    NULL, err_new, "new-password", 1);
	html_elem(&p.h, "p", T(r, "account.password_rule"), "class", "help",
	    NULL);
	form_input(&p, "password2", T(r, "account.password_again"),
	    "password", NULL, NULL, "new-password", 1);
	form_submit(&p, T(r, "account.password_change"), NULL);
	html_close(&p.h);

	html_elem(&p.h, "h2", T(r, "account.token"), NULL);
	html_elem(&p.h, "p", T(r, "account.token_help"), "class", "help",
	    NULL);
	html_elem(&p.h, "p", T(r, "account.token_after_pw"), "class", "help",
	    NULL);
	if (token) {
		page_notice(&p, "ok", T(r, "account.token_once"));
		html_elem(&p.h, "code", token, "class", "secret", NULL);
	}
	account_token_state(&p);
	form_button(&p, "/account/token", T(r, "account.token_new"),
	    "btn btn-secondary");
	/* issue 16 */
	page_twostep_section(&p);
	page_calendar_section(&p, NULL);
	return page_end(&p, status);
}

int
page_account(struct req *r)
{
	return account_page(r, NULL, NULL, NULL, NULL, NULL, 200);
}

int
page_account_lang(struct req *r)
{
	const char *l = req_field(r, "lang");
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	struct db_stmt *st;

	if (l == NULL || lang_from_key(l) < 0)
		return account_page(r, NULL, T(r, "form.err.choose"), NULL,
		    NULL, NULL, PAGE_INVALID);
	c = db_acquire(db);
	st = db_stmt(c, STMT_USER_SET_LANG);
	db_bind_int(st, 1, r->auth.user_id);
	db_bind_text(st, 2, str_c(l));
	db_exec(st);
	db_release(db, c);
	req_cookie_set(r, "lang", l, 365L * 86400, false);
	return req_redirect(r, "/account");
}

struct pwchange_ctx {
	struct pw_job	 check;
	struct pw_job	 make;
	struct user	 u;
};

static void
pwchange_work(void *arg)
{
	struct pwchange_ctx *x = arg;

	pw_work(&x->check);
	if (x->check.ok)
		pw_work(&x->make);
}

int
page_account_password(struct req *r)
{
	struct pwchange_ctx *x;
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	const char *cur = req_field(r, "current");
	const char *pw = req_field(r, "password");
	const char *pw2 = req_field(r, "password2");
	struct db_stmt *st;
	int rc;

	if (r->resumed) {
		x = r->work_arg;
		if (!x->check.ok)
			return account_page(r, NULL, NULL,
			    T(r, "account.password_wrong"), NULL, NULL,
			    PAGE_INVALID);
		if (x->make.made == NULL)
			return 500;
		c = db_acquire(db);
		st = db_stmt(c, STMT_USER_SET_PASSWORD);
		db_bind_int(st, 1, r->auth.user_id);
		db_bind_text(st, 2, str_c(x->make.made));
		rc = db_exec(st);
		free(x->make.made);
		if (rc == DB_OK) {
			/* Every other session of this user ends. */
			st = db_stmt(c, STMT_SESSION_DELETE_USER);
			db_bind_int(st, 1, r->auth.user_id);
			db_exec(st);
			audit(c, 0, r->auth.user_id, AUDIT_PASSWORD_CHANGED, "",
			    req_addr(r));
		}
		db_release(db, c);
		if (rc != DB_OK)
			return 503;
		return req_redirect(r, "/login");
	}
	if (pw == NULL || account_password_ok(pw) != 0)
		return account_page(r, NULL, NULL, NULL,
		    T(r, "account.password_short"), NULL, PAGE_INVALID);
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return account_page(r, NULL, NULL, NULL,
		    T(r, "account.password_mismatch"), NULL, PAGE_INVALID);
	x = arena_alloc(&r->arena, sizeof(*x));
	c = db_acquire(db);
	rc = user_by_id(c, &r->arena, r->auth.user_id, &x->u);
	db_release(db, c);
	if (rc != 0)
		return 503;
	x->check.hash = x->u.pw_hash;
	x->check.pw = cur ? cur : "";
	x->make.pw = pw;
	return req_offload(r, pwchange_work, x);
}

int
page_account_token(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	char tok[TOKEN_LEN + 1];
	int rc;

	rc = user_new_token(c, r->auth.user_id, account_now() +
	    req_app(r)->conf.num[CONF_API_TOKEN_DAYS] * 86400L, tok);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_API_TOKEN_CREATED, "",
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return account_page(r, NULL, NULL, NULL, NULL, tok, 200);
}

int
page_account_token_revoke(struct req *r)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c = db_acquire(db);
	int rc;

	rc = user_revoke_token(c, r->auth.user_id);
	if (rc == DB_OK)
		audit(c, 0, r->auth.user_id, AUDIT_API_TOKEN_REVOKED, "",
		    req_addr(r));
	db_release(db, c);
	if (rc != DB_OK && rc != DB_DONE)
		return 503;
	return account_page(r, T(r, "account.token_revoked"), NULL, NULL,
	    NULL, NULL, 200);
}
