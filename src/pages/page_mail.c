/*
 * page_mail: the mail a user chooses to get (/account/mail), the link in
 * a reminder that turns its kind off without signing in (/mail/off/…),
 * and the admin's view of the queue (/admin/mail).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mail.h"
#include "model/account.h"
#include "model/mailq.h"
#include "pages/pages.h"

/* ---- the user's choice ---- */

static int
prefs_page(struct req *r, const char *notice, int status)
{
	struct db *db = req_app(r)->db;
	bool off[MAIL_KIND__MAX];
	struct db_conn *c;
	struct page p;
	int k, rc;

	c = db_acquire(db);
	rc = mailq_off_get(c, r->auth.email, off);
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, T(r, "mail.prefs.title"));
	html_elem(&p.h, "a", T(r, "mail.prefs.back"), "href", "/account",
	    "class", "back", NULL);
	page_h1(&p, T(r, "mail.prefs.title"));
	if (notice != NULL)
		page_notice(&p, "ok", notice);
	if (!mail_on(req_app(r)))
		page_notice(&p, "info", T(r, "mail.prefs.off"));
	html_elem(&p.h, "p", Tf(r, "mail.prefs.help", "address",
	    r->auth.email, NULL), "class", "help", NULL);
	form_open(&p, "/account/mail", NULL);
	form_group(&p, "kinds", T(r, "mail.prefs.kinds"), NULL, NULL);
	for (k = 0; k < MAIL_KIND__MAX; k++) {
		const char *key = mailq_kind_key((enum mail_kind)k);

		if (!mailq_kind_optional((enum mail_kind)k))
			continue;
		html_open(&p.h, "label", "class", "choice", NULL);
		html_void(&p.h, "input", "type", "checkbox", "name",
		    arena_printf(&r->arena, "k_%s", key), "value", "1",
		    "checked", off[k] ? NULL : "", NULL);
		html_elem(&p.h, "span", T(r, arena_printf(&r->arena,
		    "mail.kind.%s", key)), NULL);
		html_close(&p.h);
	}
	html_close(&p.h);
	form_submit(&p, T(r, "form.save"), NULL);
	html_close(&p.h);
	return page_end(&p, status);
}

int
page_account_mail(struct req *r)
{
	return prefs_page(r, NULL, 200);
}

int
page_account_mail_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	int64_t now = account_now();
	struct db_conn *c;
	int k, rc = DB_OK;

	c = db_acquire(db);
	if ((rc = db_begin(c)) == DB_OK) {
		for (k = 0; rc == DB_OK && k < MAIL_KIND__MAX; k++) {
			const char *key = mailq_kind_key((enum mail_kind)k);

			if (!mailq_kind_optional((enum mail_kind)k))
				continue;
			rc = mailq_off_set(c, r->auth.email, (enum mail_kind)k,
			    req_field(r, arena_printf(&r->arena, "k_%s",
			    key)) == NULL, now);
		}
		if (rc == DB_OK)
			rc = db_commit(c);
		else
			db_rollback(c);
	}
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return prefs_page(r, T(r, "mail.prefs.saved"), 200);
}

/* ---- the unsubscribe link ---- */

/* The address and kind the token in the path names: 0, or 404. */
static int
off_target(struct req *r, enum mail_kind *k, const char **addr)
{
	const struct app *a = req_app(r);
	enum mailq_who who;
	struct db_conn *c;
	struct user u;
	int64_t id;
	int rc = 0;

	if (mailq_unsub_verify(a->secret, req_param(r, "token"), k, &who,
	    &id) != 0)
		return 404;
	c = db_acquire(a->db);
	if (who == MAILQ_WHO_USER)
		*addr = user_by_id(c, &r->arena, id, &u) == 0 ? u.email : NULL;
	else
		*addr = mailq_resp_addr(c, &r->arena, id);
	db_release(a->db, c);
	if (*addr == NULL || (*addr)[0] == '\0')
		rc = 404;
	return rc;
}

static int
off_page(struct req *r, enum mail_kind k, const char *addr, bool done)
{
	struct page p;
	const char *kind = T(r, arena_printf(&r->arena, "mail.kind.%s",
	    mailq_kind_key(k)));

	page_begin(&p, r, T(r, "mail.off.title"));
	page_h1(&p, T(r, "mail.off.title"));
	if (done) {
		page_notice(&p, "ok", Tf(r, "mail.off.done", "kind", kind,
		    "address", addr, NULL));
		html_elem(&p.h, "p", T(r, "mail.off.again"), "class", "help",
		    NULL);
		return page_end(&p, 200);
	}
	html_elem(&p.h, "p", Tf(r, "mail.off.ask", "kind", kind, "address",
	    addr, NULL), NULL);
	/* a POST, so that a mail scanner opening the link changes nothing */
	form_open(&p, arena_printf(&r->arena, "/mail/off/%s",
	    req_param(r, "token")), NULL);
	form_submit(&p, T(r, "mail.off.button"), NULL);
	html_close(&p.h);
	return page_end(&p, 200);
}

int
page_mail_off(struct req *r)
{
	const char *addr = NULL;
	enum mail_kind k;
	int rc;

	if ((rc = off_target(r, &k, &addr)) != 0)
		return rc;
	return off_page(r, k, addr, false);
}

/* The button of page_mail_off: the token is the capability, so no
 * session is needed (the form carries the visitor's CSRF token, as every
 * POST does; so mail programs get no one-click POST, RFC 8058, which
 * could carry none). */
int
page_mail_off_post(struct req *r)
{
	struct db *db = req_app(r)->db;
	const char *addr = NULL;
	struct db_conn *c;
	enum mail_kind k;
	int rc;

	if ((rc = off_target(r, &k, &addr)) != 0)
		return rc;
	c = db_acquire(db);
	rc = mailq_off_set(c, addr, k, true, account_now());
	db_release(db, c);
	if (rc != DB_OK)
		return 503;
	return off_page(r, k, addr, true);
}

/* ---- the admin's view ---- */

/* The SMTP URL without any user:password@ written into it. */
static const char *
url_shown(struct req *r, const char *url)
{
	const char *host = strstr(url, "://"), *at, *end;

	if (host == NULL)
		return url;
	host += 3;
	end = host + strcspn(host, "/");
	at = memchr(host, '@', (size_t)(end - host));
	if (at == NULL)
		return url;
	return arena_printf(&r->arena, "%.*s%s", (int)(host - url), url,
	    at + 1);
}

static int
admin_mail_page(struct req *r, const char *notice, int status)
{
	const struct app *a = req_app(r);
	int64_t n[MAILQ_STATE__MAX];
	struct mailq_trouble *t;
	struct db_conn *c;
	struct page p;
	size_t nt, i;
	int rc, mark, s;

	c = db_acquire(a->db);
	rc = mailq_counts(c, n);
	if (rc == DB_OK)
		rc = mailq_troubles(c, &r->arena, &t, &nt);
	db_release(a->db, c);
	if (rc != DB_OK)
		return 503;
	page_begin(&p, r, T(r, "admin.mail"));
	page_admin_subnav(&p, r, "admin.mail");
	page_h1(&p, T(r, "admin.mail"));
	if (notice != NULL)
		page_notice(&p, "ok", notice);
	html_elem(&p.h, "p", mail_on(a) ? Tf(r, "admin.mail_on", "url",
	    url_shown(r, a->conf.str[CONF_SMTP_URL]), "from",
	    a->conf.str[CONF_SMTP_FROM], NULL) : T(r, "admin.mail_off"),
	    "class", "help", NULL);
	mark = page_table(&p, NULL, NULL, T(r, "admin.mail_state"),
	    T(r, "admin.mail_count"), NULL);
	for (s = 0; s < MAILQ_STATE__MAX; s++) {
		page_row(&p);
		page_td(&p, T(r, arena_printf(&r->arena, "admin.mail_st.%s",
		    mailq_state_key((enum mailq_state)s))), NULL);
		page_td(&p, arena_printf(&r->arena, "%" PRId64, n[s]),
		    arena_printf(&r->arena, "mail-count-%s",
		    mailq_state_key((enum mailq_state)s)));
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);

	html_elem(&p.h, "h2", T(r, "admin.mail_trouble"), NULL);
	if (nt == 0) {
		html_elem(&p.h, "p", T(r, "admin.mail_no_trouble"), "class",
		    "help", NULL);
		return page_end(&p, status);
	}
	if (n[MAILQ_FAILED] > 0)
		form_button(&p, "/admin/mail/retry", T(r, "admin.mail_retry_all"),
		    "btn btn-secondary");
	mark = page_table(&p, NULL, NULL, T(r, "admin.mail_created"),
	    T(r, "admin.mail_to"), T(r, "admin.mail_subject"),
	    T(r, "admin.mail_state"), T(r, "admin.mail_attempts"),
	    T(r, "admin.mail_error"), T(r, "admin.mail_action"), NULL);
	for (i = 0; i < nt; i++) {
		int st = mailq_state_from_key(t[i].state);

		page_row(&p);
		page_td(&p, page_time(r, t[i].created_at), NULL);
		page_td(&p, t[i].to, NULL);
		page_td(&p, t[i].subject, NULL);
		page_td(&p, st >= 0 ? T(r, arena_printf(&r->arena,
		    "admin.mail_st.%s", t[i].state)) : t[i].state,
		    arena_printf(&r->arena, "mail-state-%s", t[i].state));
		page_td(&p, arena_printf(&r->arena, "%ld", t[i].attempts),
		    NULL);
		page_td(&p, t[i].last_error, "mail-error");
		page_td_open(&p, NULL);
		if (st == MAILQ_FAILED) {
			form_open(&p, "/admin/mail/retry", NULL);
			html_void(&p.h, "input", "type", "hidden", "name", "id",
			    "value", arena_printf(&r->arena, "%" PRId64,
			    t[i].id), NULL);
			form_submit(&p, T(r, "admin.mail_retry"),
			    "btn btn-small btn-secondary");
			html_close(&p.h);
		} else
			html_text(&p.h, Tf(r, "admin.mail_next", "at",
			    page_time(r, t[i].next_try_at), NULL));
		html_close(&p.h);
		html_close(&p.h);
	}
	html_close_to(&p.h, mark);
	return page_end(&p, status);
}

int
page_admin_mail(struct req *r)
{
	return admin_mail_page(r, NULL, 200);
}

int
page_admin_mail_retry(struct req *r)
{
	const struct app *a = req_app(r);
	const char *v = req_field(r, "id");
	struct db_conn *c;
	long id = 0;
	int rc;

	if (v != NULL && str_to_long(str_c(v), 1, INT64_MAX / 2, &id) != 0)
		return 404;
	c = db_acquire(a->db);
	rc = mailq_retry(c, id, account_now());
	db_release(a->db, c);
	if (rc < 0)
		return 503;
	mail_wake(a);
	return admin_mail_page(r, T(r, rc == DB_OK ? "admin.mail_retried" :
	    "admin.mail_nothing"), 200);
}
