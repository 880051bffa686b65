/*
 * pages: what each URL shows.  routes.c holds THE route table; each
 * page_<name>.c holds the handlers of one area; layout.c the page shell
 * and form helpers shared by all of them.  Handlers get a request whose
 * route preconditions were already enforced by http/.
 */
#ifndef MAMORI_PAGES_H
#define MAMORI_PAGES_H

#include "app.h"
#include "http/http.h"
#include "render/html.h"

/* The table and the hooks handed to http_start(). */
extern const struct route pages_routes[];
extern const int pages_nroutes;
struct http_hooks pages_hooks(void);

/* One page being written. */
struct page {
	struct req	*r;
	struct app	*app;
	struct html	 h;
	int		 main_mark;	/* depth of <main> */
};

static inline struct app *
req_app(const struct req *r)
{
	return r->app;
}

/* Interface text in the request's language. */
const char	*T(const struct req *r, const char *key);
/* Interface text with {1} and {2} replaced by the numbers a and b
 * (translations never act as printf formats). */
const char	*Tn(struct req *r, const char *key, long a, long b);
/* A {ja, en} content text in the request's language. */
const char	*TR(const struct req *r, const struct tr *t);

/* <tag class=klass>text</tag> for a content text, written from the copy
 * escaped when the pack was loaded (struct tr h): the same bytes as
 * html_elem(), without escaping again on every request. */
void	page_tr(struct page *p, const char *tag, const char *klass,
	    const struct tr *t);
/* Entry i of a content list, as page_tr does. */
void	page_trlist(struct page *p, const char *tag, const struct trlist *l,
	    size_t i);

/* Doctype, head, header and navigation, then <main>.  title is a
 * translated text (already looked up). */
void	page_begin(struct page *p, struct req *r, const char *title);
/* Close <main> and the document; send with status. */
int	page_end(struct page *p, int status);
/* A flash line above the content: kind "ok", "error" or "info". */
void	page_notice(struct page *p, const char *kind, const char *text);
/* <h1> heading. */
void	page_h1(struct page *p, const char *text);

/* ---- forms ---- */

/* <form method=post action=…> with the CSRF field; close with
 * html_close(&p->h).  enctype NULL for url-encoded. */
void	form_open(struct page *p, const char *action, const char *enctype);
/* A labelled text field; err (translated) is shown next to it, and the
 * field is marked aria-invalid.  type: text, email, password, … */
void	form_input(struct page *p, const char *name, const char *label,
	    const char *type, const char *value, const char *err,
	    const char *autocomplete, int required);
/* A labelled select from content choices; value preselected. */
void	form_choices(struct page *p, const char *name, const char *label,
	    const struct choices *cs, const char *value, const char *err);
/* Yes/no radio pair with a help line. */
void	form_yesno(struct page *p, const char *name, const char *label,
	    const char *help, int value, const char *err);
void	form_submit(struct page *p, const char *label, const char *klass);
/* A one-button POST form (logout, close round…). */
void	form_button(struct page *p, const char *action, const char *label,
	    const char *klass);

/* ---- tables ---- */

/* Open a scrollable table with an optional caption and the column
 * headings given (NULL-terminated; NULL entries skipped are not allowed,
 * end the list instead), up to <tbody>.  Returns the mark to close it all
 * with html_close_to(). */
int	page_table(struct page *p, const char *klass, const char *caption, ...)
	    __attribute__((sentinel));

/* ---- shared bits ---- */

/* "2026-11-22 14:05" in JST for a Unix time (locale-free). */
const char	*page_time(struct req *r, int64_t t);
/* The signed-in user's role in an organisation, already checked. */
int	 page_can_admin(const struct req *r);
/* The audit log as a table: one organisation (org > 0) or all. */
void	 audit_table(struct page *p, int64_t org);
/* Optional respondent name: trimmed, at most 100 bytes of UTF-8. */
int	 resp_name_ok(struct req *r, const char *in, const char **out);
/* Respond with JSON in r->out. */
int	 page_json(struct req *r, int status);

/* Blocks of the respondent page that depend on content only, made once
 * after the content loads (NULL-safe to free).  Pages work without them,
 * only slower. */
void	*respond_prebuild(const struct content *ct);
void	 respond_prebuilt_free(void *frags);
/* The web/ files worth compressing, gzip-deflated once at start-up so a
 * request copies them (NULL-safe to free).  Without them assets go plain. */
void	*static_prebuild(void);
void	 static_prebuilt_free(void *kept);

/* Handlers, by area. */
int	 page_healthz(struct req *r);
int	 page_static(struct req *r);
int	 page_lang(struct req *r);
int	 page_home(struct req *r);
int	 page_login(struct req *r);
int	 page_login_post(struct req *r);
int	 page_logout(struct req *r);
int	 page_setup(struct req *r);
int	 page_setup_post(struct req *r);
int	 page_invite(struct req *r);
int	 page_invite_post(struct req *r);
int	 page_account(struct req *r);
int	 page_account_password(struct req *r);
int	 page_account_lang(struct req *r);
int	 page_account_token(struct req *r);
int	 page_org_new(struct req *r);
int	 page_org_new_post(struct req *r);
int	 page_org(struct req *r);
int	 page_org_go(struct req *r);
int	 page_org_profile(struct req *r);
int	 page_org_profile_post(struct req *r);
int	 page_org_members(struct req *r);
int	 page_org_invite_post(struct req *r);
int	 page_org_member_post(struct req *r);
int	 page_org_audit(struct req *r);
int	 page_round_new(struct req *r);
int	 page_round(struct req *r);
int	 page_round_links_post(struct req *r);
int	 page_round_close(struct req *r);
int	 page_round_import(struct req *r);
int	 page_round_qr(struct req *r);
int	 page_results(struct req *r);
int	 page_sa(struct req *r);
int	 page_sa_post(struct req *r);
int	 page_api_sa(struct req *r);
int	 page_respond(struct req *r);
int	 page_respond_post(struct req *r);
int	 page_shared(struct req *r);
int	 page_shared_post(struct req *r);
int	 page_admin_users(struct req *r);
int	 page_admin_audit(struct req *r);
int	 page_api_rounds(struct req *r);
int	 page_api_results(struct req *r);
int	 page_api_org_new(struct req *r);
int	 page_api_round_new(struct req *r);
int	 page_api_answers(struct req *r);
int	 page_api_close(struct req *r);
int	 page_report(struct req *r);
int	 page_policy(struct req *r);
int	 page_policy_edit(struct req *r);
int	 page_policy_save(struct req *r);
int	 page_policy_approve(struct req *r);
int	 page_policy_publish(struct req *r);
int	 page_policy_unpublish(struct req *r);
int	 page_policy_versions(struct req *r);
int	 page_policy_diff(struct req *r);
int	 page_policy_public(struct req *r);
int	 page_policy_pdf(struct req *r);
int	 page_policy_public_pdf(struct req *r);

#endif
