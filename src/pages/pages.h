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
#include "report/report.h"

/* The table and the hooks handed to http_start(). */
extern const struct route pages_routes[];
extern const int pages_nroutes;
struct http_hooks pages_hooks(void);

/* Every route under this prefix is RT_JSON and every RT_JSON route is
 * under it (a unit test walks the table), so an error on a path under it
 * that no route took (404, 405, 413) is JSON as well. */
#define PAGES_API_PREFIX	"/api/"

/* Columns a table opened with page_table() may have. */
#define PAGE_TABLE_COLS	12

/* The table being written: its column headings, so each cell can carry
 * its own (data-label), which a phone shows beside the cell when the
 * table is laid out as stacked rows. */
struct page_tab {
	const char	*head[PAGE_TABLE_COLS];	/* not owned; translated */
	int		 n;		/* headings */
	int		 col;		/* the next cell's column in its row */
};

/* One page being written. */
struct page {
	struct req	*r;
	struct app	*app;
	struct html	 h;
	int		 main_mark;	/* depth of <main> */
	struct page_tab	 tab;		/* the table open, if any */
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
/* T(key) with each "{name}" replaced by its value: the arguments after
 * key are name, value pairs, NULL-terminated.  Translations never act as
 * formats; a name the text lacks is ignored.  In r's arena. */
const char	*Tf(struct req *r, const char *key, ...)
		    __attribute__((sentinel));
/* text[field key] = s, when register d has that field (texts of a row by
 * field index, for forms and starters). */
struct register_decl;
void	 page_set_field(const struct register_decl *d, const char **text,
	    const char *key, const char *s);
/* A textarea's value as posted with its CR LF (or CR) line breaks as LF,
 * as a browser counts and shows them (in r's arena when it had any). */
const char	*page_lf_only(struct req *r, const char *s);
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

/* Long lists (rounds, members, respondents, audit entries) go by pages of
 * PAGE_ROWS, chosen by ?page=N. */
#define PAGE_ROWS	50

struct page_slice {
	size_t	total;	/* rows in the whole list */
	size_t	first;	/* index of the first row shown */
	size_t	end;	/* one past the last row shown */
	size_t	page;	/* 1-based, within 1..pages */
	size_t	pages;	/* at least 1 */
};

/* The rows of ?page=N (1 when absent or not a number; the last page when
 * past it) of a list of total rows. */
void	page_slice(struct req *r, size_t total, struct page_slice *out);
/* The count of a list and, when it has more than one page, links to the
 * previous and next page: path?page=N (path&page=N when path has a query
 * already), then frag ("#id" or ""). */
void	page_pager(struct page *p, const char *path, const char *frag,
	    const struct page_slice *s);
/* <h1> heading. */
void	page_h1(struct page *p, const char *text);

/* ---- forms ---- */

/* The status of a form shown again because of its field errors (every
 * value kept, each error next to its field): never a bare error page. */
#define PAGE_INVALID	422

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
/*
 * The kinds of free text the forms take.  One table in layout.c gives
 * each its control and its limit in characters (code points, so 漢 counts
 * as one like a): form_text() checks a posted value against it, and
 * form_field() states the limit beside the label and sets maxlength, so
 * what is checked and what is shown cannot drift apart.
 */
enum form_text {
	FT_ORG_NAME,	/* ORG_NAME_MAX */
	FT_ROUND_TITLE,	/* ROUND_TITLE_MAX */
	FT_RESP_NAME,	/* RESP_NAME_MAX */
	FT_RESP_DEPT,	/* RESP_DEPT_MAX: a respondent's department */
	FT_SLUG,	/* POLICY_SLUG_MAX (policy_slug_ok says the rest) */
	FT_POLICY_LINE,	/* POLICY_LINE_MAX: company, titles, representative */
	FT_POLICY_TEXT,	/* POLICY_TEXT_MAX: paragraphs, in a textarea */
	FT_DATE,	/* YYYY-MM-DD, a date control */
	FT_ROUND_COMMENT,	/* ROUND_COMMENT_MAX, in a textarea */
	FT_COUNT,	/* a whole number of people, a number control */
	FT_PROG_TEXT,	/* ENGAGEMENT_TEXT_MAX: a visit's notes, in a textarea */
	FT_PROG_LINE,	/* ENGAGEMENT_LINE_MAX: a homework's words */
	FT_PROG_SUMMARY, /* ENGAGEMENT_SUMMARY_MAX: the final summary */
	FT__MAX
};

/* The limit of ft in characters. */
size_t	form_text_max(enum form_text ft);
/*
 * The posted field name under rule ft, trimmed of blanks at both ends:
 * "" when absent, never NULL, in the request's arena, and kept as typed
 * whatever is wrong with it so the form can show it again.  When it is
 * not UTF-8, empty though required, or longer than the limit, *err gets
 * the reason (translated, naming the limit in characters); otherwise
 * *err is left as it was.
 */
const char *form_text(struct req *r, const char *name, enum form_text ft,
	    bool required, const char **err);
/*
 * A labelled field for rule ft: an <input> with maxlength, or a
 * <textarea> as tall as its text; the limit beside the label, help under
 * it, and err (translated, or NULL) above the control, which points at it
 * with aria-describedby and is marked aria-invalid.
 */
void	form_field(struct page *p, const char *name, enum form_text ft,
	    const char *label, const char *help, const char *value,
	    const char *err, const char *autocomplete, bool required);
/*
 * form_field() for a limit given here rather than by a rule: type is the
 * <input> type, or NULL for a <textarea>; max (characters) is stated
 * beside the label and set as maxlength on an <input>, 0 for none.  The
 * caller checks posted values against the same max.
 */
void	form_field_max(struct page *p, const char *name, const char *type,
	    size_t max, const char *label, const char *help, const char *value,
	    const char *err, const char *autocomplete, bool required);
/* Open a <fieldset> for the choices named name: legend, help (or NULL)
 * and err (or NULL), which the group points at with aria-describedby.
 * Mark each choice aria-invalid when err; close with html_close(). */
void	form_group(struct page *p, const char *name, const char *legend,
	    const char *help, const char *err);
/* Yes/no radio pair with a help line. */
void	form_yesno(struct page *p, const char *name, const char *label,
	    const char *help, int value, const char *err);
void	form_submit(struct page *p, const char *label, const char *klass);
/* A one-button POST form (logout, close round…). */
void	form_button(struct page *p, const char *action, const char *label,
	    const char *klass);

/* ---- tables ---- */

/*
 * A table whose cells know their column: on a narrow screen the
 * stylesheet lays each row out as a block of "heading: value" lines
 * from the data-label every cell carries, so nothing is cut off sideways.
 *
 * page_table_open() writes the wrapper, the table (class klass, NULL:
 * "table") and the caption (or NULL), up to the heading row;
 * page_th() adds a heading (translated, never NULL or empty: a column
 * without a name cannot label its cells); page_table_body() ends the
 * headings and opens <tbody>.  page_table() does all three with the
 * headings given (NULL-terminated; end the list early to leave out a
 * last column).  Both return the mark to close it all with
 * html_close_to().  At most PAGE_TABLE_COLS headings.
 *
 * In the body, page_row() opens a <tr> (close it with html_close());
 * page_td() writes a cell of text and page_td_open() opens one for
 * richer content (close it with html_close()): both label the cell with
 * the heading of its column.  One table at a time per page.
 */
int	page_table_open(struct page *p, const char *klass,
	    const char *caption);
void	page_th(struct page *p, const char *text);
/* A heading that sorts the table by its column: a link to href, marked
 * as the order now (sorted > 0 ascending, < 0 descending, 0 not sorted
 * by it) with aria-sort and an arrow. */
void	page_th_sort(struct page *p, const char *text, const char *href,
	    int sorted);
void	page_table_body(struct page *p);
int	page_table(struct page *p, const char *klass, const char *caption, ...)
	    __attribute__((sentinel));
void	page_row(struct page *p);
void	page_td(struct page *p, const char *text, const char *klass);
void	page_td_open(struct page *p, const char *klass);

/* ---- shared bits ---- */

/* "2026-11-22 14:05" in JST for a Unix time (locale-free). */
const char	*page_time(struct req *r, int64_t t);
/* The same moment in JST as the reader's language writes it:
 * "2026年11月22日 14:05", "22 Nov 2026, 14:05" (the column heading says
 * JST).  "" for t <= 0. */
const char	*page_datetime(struct req *r, int64_t t);
/* The signed-in user's role in an organisation, already checked. */
int	 page_can_admin(const struct req *r);
struct round;
struct org;
/* The most respondents a round's shared link may make: the cap its admin
 * set, or round_shared_cap_default() for the organisation's employee
 * band (page_respond.c). */
long	 page_shared_cap(struct req *r, const struct round *round,
	    const struct org *o);
/*
 * The start of every link mamori hands out ("http://192.168.1.23:8080"):
 * the configured base-url, or else the address the visitor used to reach
 * this page (its Host header, when it is a plain host[:port]), so that a
 * link made on the office network opens on the office network.  Lives in
 * r's arena or in the app.
 */
const char	*page_base_url(struct req *r);
/* What a page_fresh token stands for besides an organisation's rounds
 * and answers (flags). */
enum page_fresh_also {
	PAGE_FRESH_ROUNDS = 0,		/* nothing else */
	PAGE_FRESH_PEER = 1 << 0,	/* the peer figures */
	PAGE_FRESH_PEOPLE = 1 << 1,	/* accounts and memberships */
};
/*
 * A token that names the state of organisation org's rounds (and what
 * `also` adds) as this node knows it, for keys of what a page keeps
 * between views: it changes whenever they may have changed, here, on
 * another node or through the command line.  NULL while the database
 * cannot tell of changes (the watch is down): then ask it every time.
 * Read it before reading the database.
 */
const char	*page_fresh(struct req *r, int64_t org, unsigned also);
/* org_get for a page: kept between views under page_fresh(r, org,
 * PAGE_FRESH_PEER), so a view that needs only the organisation's name
 * and profile asks the database nothing.  0, DB_DONE, or < 0; strings in
 * r's arena. */
int		 page_org_get(struct req *r, int64_t org, struct org *o);
/* The language of r's response: its enum lang, Japanese while not yet
 * chosen. */
static inline int
page_lang_of(const struct req *r)
{
	return r->lang < 0 ? 0 : r->lang;
}
/* The message of a register's refusal e, in the reader's language. */
const char	*page_err_text(struct req *r, const struct register_err *e);
/* A posted text field as typed (line breaks as LF, blanks at the ends
 * trimmed), "" when absent; *bad set when it holds a NUL. */
const char	*page_posted_text(struct req *r, const char *name, bool *bad);
/* The posted "rev" (a row's revision), or 0 when absent or not one. */
int64_t		 page_posted_rev(struct req *r);
/* YYYY-MM-DD of Unix time t in Japan, in r's arena. */
const char	*page_day_jst(struct req *r, int64_t t);
/* True when base names this computer only (127.x, localhost, [::1]):
 * phones and other computers cannot open its links. */
bool	 page_base_loopback(const char *base);
/* The audit log as a table: one organisation (org > 0) or all, a page
 * of PAGE_ROWS at a time (?page=N) with links to path?page=N. */
void	 audit_table(struct page *p, int64_t org, const char *path);
/* The Content-Disposition header of a file: disp ("attachment" or
 * "inline"), filename="ascii" for old clients (any character but a
 * letter, digit, '-', '_' or '.' becomes '_') and filename*=UTF-8''utf8
 * percent-encoded (RFC 6266, RFC 8187), which clients that know it use. */
void	 page_disposition(struct req *r, const char *disp, const char *ascii,
	    const char *utf8);
/* Respond with JSON in r->out. */
int	 page_json(struct req *r, int status);
/* {"errors": [{"field", "code", "message"}]} for one field, with status
 * (the register API's shape). */
int	 page_json_field_error(struct req *r, int status, const char *field,
	    const char *code, const char *message);
/* {"error": msg, "field": field} (field NULL: none) with status. */
int	 page_json_error(struct req *r, int status, const char *msg,
	    const char *field);

/* ---- a register's CSV import (register_io.c) ---- */

struct register_decl;
struct register_who;
struct register_csv;
struct register_csv_err;
/* The labels of d's fields in every language ([lang][field], in r's
 * arena), for register_csv_read() to know a header of labels. */
const char *const **register_io_labels(struct req *r,
	    const struct register_decl *d);
/* The message of an import error in the reader's language: reg.err.<code>
 * for a value's refusal, reg.csv.<code> for the file's. */
const char	*register_io_message(struct req *r,
		    const struct register_csv_err *e);
/*
 * Every row of the CSV file data[0..len) into register d of r's
 * organisation, or none: the file read, the rows its references name
 * checked in the organisation, then one write as who.  Returns 0 with
 * in->n rows stored; PAGE_INVALID with in->err[0..in->n_err) the
 * refusals, each at its line and column (line 0: of no line), nothing
 * stored; 413 when the register would pass REGISTER_ROWS_MAX; 503 on a
 * database error.  Everything in r's arena.
 */
int	 register_io_import(struct req *r, const struct register_decl *d,
	    const struct register_who *who, const void *data, size_t len,
	    struct register_csv *in);

/* Blocks of the respondent page that depend on content only, made once
 * after the content loads (NULL-safe to free).  Pages work without them,
 * only slower. */
void	*respond_prebuild(const struct content *ct);
void	 respond_prebuilt_free(void *frags);
/* The web/ files worth compressing, gzip-deflated once at start-up so a
 * request copies them (NULL-safe to free).  Without them assets go plain. */
void	*static_prebuild(void);
void	 static_prebuilt_free(void *kept);

/*
 * The rows of a register of the request's organisation, kept between
 * views while page_fresh() says nothing changed (register_cache.c).
 * register_cache_get lends the set (NULL with *rc a negative enum db_rc
 * when the database failed); give it back with register_cache_put once
 * the page is written.  The cache is made for the server and freed with
 * it (NULL is fine: every view reads afresh).
 */
struct reg_rowset;
struct register_decl;
struct register_env;
struct register_row;
void	*register_cache_new(void);
void	 register_cache_free(void *cache);
const struct reg_rowset *register_cache_get(struct req *r,
	    const struct register_decl *d, const struct register_env *e,
	    const struct register_row **rows, size_t *n, int *rc);
void	 register_cache_put(struct req *r, const struct reg_rowset *set);
/* The rows q chooses, in its order (register_select), of a lent set. */
struct register_query;
const size_t *register_cache_select(struct req *r,
	    const struct reg_rowset *set, const struct register_query *q,
	    size_t *k);
/* A piece of page made of a lent set, kept with it (deflated) under key,
 * which names all else the piece depends on: register_cache_frag
 * continues r's body with it and says true when it is kept;
 * register_cache_keep keeps what r's body holds from byte from on. */
bool	 register_cache_frag(struct req *r, const struct reg_rowset *set,
	    const char *key);
void	 register_cache_keep(struct req *r, const struct reg_rowset *set,
	    const char *key, size_t from);
/* The titles of the set's rows, sorted for register_title_taken(). */
const char *const *register_cache_titles(const struct reg_rowset *set,
	    size_t *nt);
/* The titles of rows[0..n) sorted (in ar), and whether s is one. */
const char **register_titles(const struct register_decl *d,
	    const struct register_row *rows, size_t n, struct arena *ar,
	    size_t *nt);
bool	 register_title_taken(const char *const *titles, size_t nt,
	    const char *s);

/* ---- the reference (issue 16; page_reference.c) ---- */

/* The exact size on the profile form: as typed (capital, staff, group:
 * never NULL), as read (capital_yen, staff_n: -1 when none) and the
 * field errors (translated, NULL when fine). */
struct page_ref_size {
	const char	*capital, *staff, *group;
	int64_t		 capital_yen;
	long		 staff_n;
	const char	*err_capital, *err_staff, *err_group;
};
struct orgref;
struct sme_result;
/* The posted exact figures into *sz; the number of field errors. */
int	 page_ref_size_read(struct req *r, struct page_ref_size *sz);
/* The stored ones, for the form. */
void	 page_ref_size_of(struct req *r, const struct orgref *rf,
	    struct page_ref_size *sz);
/* The form's fields for them. */
void	 page_ref_size_fields(struct page *p, const struct page_ref_size *sz);
/* The SME check of organisation o: from the exact figures when given,
 * else its bands, with its chosen group or its industry's. */
void	 page_ref_sme(const struct content *ct, const struct org *o,
	    const struct orgref *rf, struct sme_result *out);
/* The check's verdict and why, as a panel of the profile. */
void	 page_ref_sme_panel(struct page *p, const struct org *o,
	    const struct orgref *rf);
int	 page_ref_threats(struct req *r);
int	 page_ref_desks(struct req *r);
int	 page_org_threats(struct req *r);
int	 page_org_category(struct req *r);
int	 page_org_category_post(struct req *r);
int	 page_api_org(struct req *r);

/* Handlers, by area. */
/* The inventories beyond their registers' pages (page_matrix.c): the
 * hub with the checks, a matrix of access per grants register (GET and
 * its one POST), the users' access page, the workbook, the checks as
 * JSON. */
int	 page_inventories(struct req *r);
int	 page_inv_matrix(struct req *r);
int	 page_inv_matrix_post(struct req *r);
int	 page_inv_access(struct req *r);
int	 page_inv_xlsx(struct req *r);
int	 page_api_inv_checks(struct req *r);
/* On the row page of person id of the people register: what they may
 * use — devices, shared folders, services, each with its value. */
void	 page_inv_person_access(struct page *p, int64_t id);
int	 page_healthz(struct req *r);
/* The instance admin's tabs, cur the text key of the page shown. */
void	 page_admin_subnav(struct page *p, struct req *r, const char *cur);
/* page_office.c: the programme office */
int	 page_office(struct req *r);
int	 page_office_release(struct req *r);
int	 page_office_take(struct req *r);
int	 page_api_office_stats(struct req *r);
int	 page_api_office_engagements(struct req *r);
int	 page_office_final_pdf(struct req *r);
int	 page_admin_offices(struct req *r);
int	 page_admin_offices_post(struct req *r);
int	 page_admin_office_people(struct req *r);
int	 page_readyz(struct req *r);
int	 page_static(struct req *r);
int	 page_lang(struct req *r);
int	 page_home(struct req *r);
int	 page_portfolio(struct req *r);
/* The figures of a client of the portfolio as dt/dd pairs, inside a
 * <dl> the caller opened (the home page's cards). */
struct figures_client;
void	 page_portfolio_dl(struct page *p, const struct figures_client *x);
int	 page_portfolio_csv(struct req *r);
int	 page_api_portfolio(struct req *r);
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
int	 page_account_token_revoke(struct req *r);
/* two-step sign-in and calendar feeds (issue 16) */
int	 page_login_code(struct req *r);
int	 page_login_code_post(struct req *r);
int	 page_twostep(struct req *r);
int	 page_twostep_start(struct req *r);
int	 page_twostep_confirm(struct req *r);
int	 page_twostep_off(struct req *r);
int	 page_twostep_admin(struct req *r);
int	 page_twostep_admin_post(struct req *r);
int	 page_twostep_org_post(struct req *r);
int	 page_calendar_new(struct req *r);
int	 page_calendar_revoke(struct req *r);
int	 page_calendar_feed(struct req *r);
/* The account page's sections: two-step sign-in, the calendar feed (a
 * link made just now is shown once: made, else NULL). */
void	 page_twostep_section(struct page *p);
void	 page_calendar_section(struct page *p, const char *made);
/* The members page's section: whether two-step sign-in is required. */
void	 page_twostep_org_section(struct page *p);
int	 page_org_new(struct req *r);
int	 page_org_new_post(struct req *r);
int	 page_org(struct req *r);
/* The organisation's rounds with the form to open one showing title and
 * its error (page_org: "", NULL, 200). */
int	 page_org_rounds(struct req *r, const char *title,
	    const char *title_err, int status);
int	 page_org_go(struct req *r);
/* The organisation's name (or a switcher) and its tabs, here marking the
 * page it is on: "rounds", "policy"…, "reg.<R>" for a register. */
void	 page_org_subnav(struct page *p, const struct org *o,
	    const char *here);
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
int	 page_round_reopen(struct req *r);
int	 page_round_import(struct req *r);
int	 page_round_qr(struct req *r);
int	 page_round_deadline(struct req *r);
int	 page_round_shared_cap(struct req *r);
int	 page_round_paper(struct req *r);
int	 page_round_template(struct req *r);
int	 page_round_sheet(struct req *r);
int	 page_round_resp_delete(struct req *r);
int	 page_round_merge(struct req *r);
int	 page_results(struct req *r);
int	 page_results_comment(struct req *r);
int	 page_sa(struct req *r);
int	 page_sa_post(struct req *r);
int	 page_api_sa(struct req *r);
int	 page_respond(struct req *r);
int	 page_respond_post(struct req *r);
int	 page_shared(struct req *r);
int	 page_shared_post(struct req *r);
int	 page_admin_users(struct req *r);
int	 page_admin_audit(struct req *r);
int	 page_admin_ops(struct req *r);
int	 page_api_rounds(struct req *r);
int	 page_api_results(struct req *r);
int	 page_api_org_new(struct req *r);
int	 page_api_round_new(struct req *r);
int	 page_api_answers(struct req *r);
int	 page_api_close(struct req *r);
int	 page_api_threats(struct req *r);
int	 page_bcp(struct req *r);
int	 page_bcp_rto_post(struct req *r);
int	 page_bcp_plan_post(struct req *r);
int	 page_bcp_steps_post(struct req *r);
int	 page_api_bcp(struct req *r);
/* An incident's page (page_incident.c). */
int	 page_incident_list(struct req *r);
int	 page_incident(struct req *r);
int	 page_incident_log_post(struct req *r);
int	 page_incident_tick_post(struct req *r);
int	 page_incident_untick_post(struct req *r);
int	 page_incident_status_post(struct req *r);
int	 page_incident_lessons_post(struct req *r);
int	 page_incident_plan_post(struct req *r);
int	 page_api_incident_appi(struct req *r);
/* On the register's row page of incident id: the link to its page. */
void	 page_incident_row_link(struct page *p, int64_t id);
int	 page_api_bcp_put(struct req *r);
int	 page_api_reg_list(struct req *r);
int	 page_api_reg_add(struct req *r);
int	 page_api_reg_get(struct req *r);
int	 page_api_reg_put(struct req *r);
int	 page_api_reg_delete(struct req *r);
int	 page_report(struct req *r);
int	 page_org_registers(struct req *r);
/*
 * A document of the request's organisation as a download, made on the
 * worker pool (page_org_report.c): make builds it as format f into out
 * with a connection of the worker's (REPORT_OK or < 0 with err); the
 * file is named from the ui text title and ascii, and the audit log gets
 * audit followed by the format's key.  Other formats than pdf and xlsx
 * are 404.  Returns as a handler does (call it again when resumed).
 */
struct page_org_doc_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;
	int64_t			 id;	/* the row it is about, 0: none */
	/* the instance's address as links are made (page_base_url) */
	const char		*base;
	/* words a document is made from that nothing stores yet (the
	 * pledge's name and date before it is recorded), NULL: none */
	const char		*arg[2];
};
struct page_org_doc {
	int		(*make)(struct db_conn *c, struct arena *a,
			    const struct page_org_doc_in *in, int64_t org,
			    enum report_format f, struct buf *out, char *err,
			    size_t errlen);
	const char	*title;		/* ui key */
	const char	*ascii;		/* "registers" */
	const char	*audit;		/* "register all " */
};
int	 page_org_doc(struct req *r, const struct page_org_doc *kind,
	    enum report_format f);
/* page_org_doc() about one row, id (make reads it as in->id). */
int	 page_org_doc_id(struct req *r, const struct page_org_doc *kind,
	    enum report_format f, int64_t id);
/* page_org_doc() of words a0 and a1 (in->arg; they must live as long as
 * r's arena). */
int	 page_org_doc_args(struct req *r, const struct page_org_doc *kind,
	    enum report_format f, const char *a0, const char *a1);
/* page_programme.c */
int	 page_programme(struct req *r);
int	 page_programme_open(struct req *r);
int	 page_programme_deliverables(struct req *r);
int	 page_programme_homework(struct req *r);
int	 page_programme_visit(struct req *r);
int	 page_programme_visit_post(struct req *r);
int	 page_programme_report(struct req *r);
int	 page_programme_final(struct req *r);
/* page_programme_final.c */
int	 page_programme_final_pdf(struct req *r);
int	 page_programme_zip(struct req *r);
int	 page_api_programme_summary(struct req *r);
int	 page_api_programme_summary_put(struct req *r);
int	 page_api_programme(struct req *r);
int	 page_api_programme_open(struct req *r);
int	 page_api_programme_visit(struct req *r);
int	 page_api_programme_visit_put(struct req *r);
int	 page_api_programme_deliverable(struct req *r);
int	 page_api_programme_homework(struct req *r);
int	 page_accept(struct req *r);
int	 page_accept_post(struct req *r);
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
/* Every register's pages (page_register.c), {reg} its key. */
int	 page_reg_list(struct req *r);
int	 page_reg_new(struct req *r);
int	 page_reg_add(struct req *r);
int	 page_reg_row(struct req *r);
int	 page_reg_edit(struct req *r);
int	 page_reg_save(struct req *r);
int	 page_reg_delete(struct req *r);
int	 page_reg_csv(struct req *r);
int	 page_reg_xlsx(struct req *r);
int	 page_reg_starters(struct req *r);
int	 page_reg_import(struct req *r);
int	 page_reg_template(struct req *r);

/* The flows from the diagnosis into the registers (page_flow.c). */
int	 page_flow_risk_draft(struct req *r);
int	 page_flow_risk_draft_post(struct req *r);
int	 page_flow_plan_draft(struct req *r);
int	 page_flow_plan_draft_post(struct req *r);
int	 page_flow_plan_ics(struct req *r);
/* On the list of register d (rows[0..n), every row it holds): for the
 * risks and the plan, the link to their draft (admins) and the plan's
 * calendar and its form downloads; for the risks, the heat map; for the
 * regulations, the twelve areas with the latest closed diagnosis's
 * answers and our suggestions; for the exercises, the scenarios to start
 * one (page_exercise_links); for the incidents, the count per year
 * (page_incident_setup_counts).  Nothing for the assets. */
void	 page_flow_list(struct page *p, const struct register_decl *d,
	    const struct register_row *rows, size_t n);
/* A risk whose vulnerability differs from what the latest closed
 * diagnosis suggests for its threat needs a reason (vulnerability_note):
 * an error for it into errs.  0, or 503 when the database failed. */
struct register_errs;
int	 page_flow_vuln_check(struct req *r, const struct register_decl *d,
	    const struct register_row *row, struct register_errs *errs);
/* On the organisation's home: the plan rows of rows[0..n) (the request's
 * organisation's plan) past their deadline, when there are any. */
void	 page_flow_overdue(struct page *p, const struct register_row *rows,
	    size_t n);
/* The plan in the programme's own form (page_plan_form.c). */
int	 page_plan_form_xlsx(struct req *r);
int	 page_plan_form_pdf(struct req *r);
/* On the plan's list: the links to the two downloads. */
void	 page_plan_form_links(struct page *p);
/* Tabletop exercises (page_exercise.c). */
int	 page_exercise_new(struct req *r);
int	 page_exercise_new_post(struct req *r);
int	 page_exercise_run(struct req *r);
int	 page_exercise_run_post(struct req *r);
int	 page_exercise_plan_post(struct req *r);
int	 page_exercise_record(struct req *r);
/* The scenarios, each with what it is about and (admins) a link that
 * starts one; then a link to the exercises held.  For the BCP page and
 * the exercises register's list. */
void	 page_exercise_links(struct page *p);
/* On the row page of exercise id: the links to run it and to its
 * record. */
void	 page_exercise_row_links(struct page *p, int64_t id);
/* The regulations review as the programme's list (page_regform.c). */
int	 page_regform_xlsx(struct req *r);
int	 page_regform_pdf(struct req *r);
/* The two download links, in the review panel of the regulations' list. */
void	 page_regform_links(struct page *p);
/* A draft of the IT part of the continuity-plan certification form
 * (page_keizoku.c): GET /o/{org}/bcp/keizoku.xlsx and .pdf. */
int	 page_keizoku_xlsx(struct req *r);
int	 page_keizoku_pdf(struct req *r);
/* The links to the two downloads, for the BCP page. */
void	 page_keizoku_links(struct page *p);
/* Telling others about an incident: the reporting and disclosure
 * ticks, the draft notices, the intake questionnaire
 * (page_incident_notice.c). */
int	 page_incident_reports(struct req *r);
int	 page_incident_reports_post(struct req *r);
int	 page_incident_report_delete(struct req *r);
int	 page_incident_notice(struct req *r);
int	 page_incident_notice_post(struct req *r);
int	 page_incident_intake(struct req *r);
int	 page_incident_intake_post(struct req *r);
int	 page_incident_intake_pdf(struct req *r);
/* For the incident page: a panel with each destination of incident (of
 * the request's organisation) ticked or not, with its day, and a link to
 * the reporting page.  Reads the register itself. */
void	 page_incident_reports_panel(struct page *p, int64_t incident);
/* For the incident page: links to the two draft notices, the intake
 * questionnaire and its PDF. */
void	 page_incident_notice_links(struct page *p, int64_t incident);
/* The IT-BCP document, the emergency card and its phone link
 * (page_bcp_doc.c). */
int	 page_bcp_doc_pdf(struct req *r);
int	 page_bcp_doc_xlsx(struct req *r);
int	 page_bcp_card_pdf(struct req *r);
/* page_board.c: the board one-pager (issue 16) */
int	 page_board_pdf(struct req *r);
/* The panel that offers it, for the organisation's home. */
void	 page_board_link(struct page *p);
int	 page_bcp_card(struct req *r);
int	 page_bcp_card_post(struct req *r);
int	 page_bcp_card_phone(struct req *r);
/* For the BCP page: a panel with the downloads (the document as PDF and
 * for Excel, the card as PDF; the card's link page for admins), and the
 * recovery steps with no one in charge, when there are any, from what
 * the page read (bcpflow_read). */
struct bcp_all;
void	 page_bcp_doc_links(struct page *p, const struct bcp_all *x);
/* The incident-response structure and levels (page_incident_setup.c):
 * GET|POST /o/{org}/incidents/setup, GET|PUT
 * /api/v1/orgs/{org}/incidents-setup. */
int	 page_incident_setup(struct req *r);
int	 page_incident_setup_post(struct req *r);
int	 page_api_incident_setup(struct req *r);
int	 page_api_incident_setup_put(struct req *r);
/* Above the incidents' list (rows[0..n), every incident of the request's
 * organisation): the links to the structure and the card, and, once
 * there is any, per year of detection (Japan time) the count by kind and
 * level. */
void	 page_incident_setup_counts(struct page *p,
	    const struct register_row *rows, size_t n);
/* On the organisation's home, first: the incidents of rows[0..n) that
 * are not closed, with the personal-data report deadlines due within
 * seven days or past, said in words; nothing when every one is closed. */
void	 page_incident_setup_home(struct page *p,
	    const struct register_row *rows, size_t n);
/* The advisor's hearing sheet and confidentiality pledge
 * (page_hearing.c). */
int	 page_hearing(struct req *r);
int	 page_hearing_post(struct req *r);
int	 page_hearing_pdf(struct req *r);
int	 page_hearing_xlsx(struct req *r);
int	 page_pledge(struct req *r);
int	 page_pledge_post(struct req *r);
int	 page_pledge_pdf(struct req *r);
int	 page_api_hearing(struct req *r);
int	 page_api_hearing_put(struct req *r);
int	 page_api_pledges(struct req *r);
int	 page_api_pledges_post(struct req *r);

/* The damage and cost estimate (page_estimate.c; issue 16). */
int	 page_estimate(struct req *r);
int	 page_estimate_post(struct req *r);
int	 page_estimate_money(struct req *r);
int	 page_estimate_delete(struct req *r);
int	 page_api_estimates(struct req *r);
int	 page_api_estimates_post(struct req *r);
/* The risk register's "estimate" field as a choice of the organisation's
 * saved estimates (value: the id as text, err translated or NULL). */
void	 page_estimate_select(struct page *p, const char *name,
	    const char *label, const char *help, const char *value,
	    const char *err);
/* On a risk's page: the estimate it names (id; 0 none), with its total. */
void	 page_estimate_risk_row(struct page *p, int64_t id);
/* E-mail (page_mail.c): the user's choice of mail, the unsubscribe
 * link, the admin's queue; a round's reminders (page_round.c). */
int	 page_account_mail(struct req *r);
int	 page_account_mail_post(struct req *r);
int	 page_mail_off(struct req *r);
int	 page_mail_off_post(struct req *r);
int	 page_admin_mail(struct req *r);
int	 page_admin_mail_retry(struct req *r);
int	 page_round_remind_post(struct req *r);

/* "tel:" and the digits of phone (a leading + kept, a # written %23), in
 * r's arena: the href of a link that dials. */
const char	*page_tel_href(struct req *r, const char *phone);

#endif
