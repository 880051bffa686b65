/*
 * layout: the page shell (head, header, navigation, main) and the form
 * helpers every page uses, so each page reads as its content only.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/esc.h"
#include "model/engagement.h"
#include "model/org.h"
#include "model/policy.h"
#include "model/round.h"
#include "model/register.h"
#include "pages/pages.h"

const char *
T(const struct req *r, const char *key)
{
	return content_ui(&req_app(r)->content, r->lang < 0 ? 0 : r->lang, key);
}

const char *
Tn(struct req *r, const char *key, long a, long b)
{
	return content_ui_n(&req_app(r)->content, r->lang < 0 ? 0 : r->lang,
	    key, a, b, &r->arena);
}

const char *
TR(const struct req *r, const struct tr *t)
{
	return t->t[r->lang < 0 ? 0 : r->lang];
}

const char *
Tf(struct req *r, const char *key, ...)
{
	const char *t = T(r, key);
	va_list ap;
	const char *name;

	va_start(ap, key);
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *val = va_arg(ap, const char *);
		const char *ph = arena_printf(&r->arena, "{%s}", name);
		const char *at;
		struct buf b = BUF_INIT;

		while ((at = strstr(t, ph)) != NULL) {
			buf_add(&b, t, (size_t)(at - t));
			buf_adds(&b, val);
			t = at + strlen(ph);
		}
		buf_adds(&b, t);
		t = arena_strndup(&r->arena, buf_cstr(&b), b.n);
		buf_free(&b);
	}
	va_end(ap);
	return t;
}

void
page_set_field(const struct register_decl *d, const char **text,
    const char *key, const char *s)
{
	int i = register_field(d, key);

	if (i >= 0)
		text[i] = s;
}

const char *
page_lf_only(struct req *r, const char *s)
{
	char *t, *o;
	const char *i;

	if (strchr(s, '\r') == NULL)
		return s;
	o = t = arena_cstr(&r->arena, str_c(s));
	for (i = s; *i; i++)
		if (*i != '\r')
			*o++ = *i;
		else if (i[1] != '\n')
			*o++ = '\n';
	*o = '\0';
	return t;
}

void
page_tr(struct page *p, const char *tag, const char *klass,
    const struct tr *t)
{
	html_open(&p->h, tag, "class", klass, NULL);
	/* Escaped by esc_html at load (content_load): not raw data. */
	html_raw_trusted(&p->h, t->h[p->r->lang < 0 ? 0 : p->r->lang]);
	html_close(&p->h);
}

void
page_trlist(struct page *p, const char *tag, const struct trlist *l,
    size_t i)
{
	html_open(&p->h, tag, NULL);
	/* Escaped by esc_html at load (content_load): not raw data. */
	html_raw_trusted(&p->h, l->h[p->r->lang < 0 ? 0 : p->r->lang][i]);
	html_close(&p->h);
}

static void
page_nav(struct page *p)
{
	struct req *r = p->r;
	struct html *h = &p->h;
	const char *other = r->lang == LANG_EN ? "ja" : "en";

	html_open(h, "nav", "class", "top-nav", "aria-label", T(r, "nav.label"),
	    NULL);
	if (r->auth.user_id != 0) {
		html_elem(h, "a", T(r, "nav.home"), "href", "/", NULL);
		if (r->auth.admin)
			html_elem(h, "a", T(r, "nav.admin"), "href",
			    "/admin/users", NULL);
		html_elem(h, "a", T(r, "nav.account"), "href", "/account",
		    NULL);
	}
	/* the reference (issue 16) is public; members reach it from their
	 * organisation's tabs, which keeps their bar on one line */
	if (r->auth.user_id == 0)
		html_elem(h, "a", T(r, "nav.reference"), "href",
		    "/reference/threats", NULL);
	{
		struct buf href = BUF_INIT;

		buf_printf(&href, "/lang/%s?next=", other);
		esc_url(&href, str_c(r->path));
		html_elem(h, "a", T(r, "nav.other_lang"), "href",
		    arena_cstr(&r->arena, buf_str(&href)), "lang", other,
		    "hreflang", other, NULL);
		buf_free(&href);
	}
	if (r->auth.user_id != 0 && !r->auth.bearer)
		form_button(p, "/logout", T(r, "nav.logout"), "link");
	html_close(h);
}

void
page_begin(struct page *p, struct req *r, const char *title)
{
	struct html *h = &p->h;

	p->r = r;
	p->app = req_app(r);
	buf_reset(&r->out);
	html_init(h, &r->out);
	html_raw_trusted(h, "<!DOCTYPE html>\n");
	html_open(h, "html", "lang", lang_key(r->lang < 0 ? 0 : r->lang),
	    NULL);
	html_open(h, "head", NULL);
	html_void(h, "meta", "charset", "utf-8", NULL);
	html_void(h, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL);
	html_void(h, "meta", "name", "robots", "content", "noindex", NULL);
	html_open(h, "title", NULL);
	html_text(h, title);
	html_text(h, " — mamori");
	html_close(h);
	html_void(h, "link", "rel", "stylesheet", "href",
	    "/static/css/mamori.css", NULL);
	html_void(h, "link", "rel", "icon", "href", "/static/img/icon.svg",
	    NULL);
	html_elem(h, "script", "", "src", "/static/js/mamori.js", "defer", "",
	    NULL);
	html_close(h);
	html_open(h, "body", NULL);
	html_elem(h, "a", T(r, "nav.skip"), "class", "skip", "href", "#main",
	    NULL);
	html_open(h, "header", "class", "top", NULL);
	html_open(h, "a", "class", "brand", "href", "/", NULL);
	html_text(h, "mamori");
	html_elem(h, "span", "守り", "lang", "ja", NULL);
	html_close(h);
	page_nav(p);
	html_close(h);
	p->main_mark = html_mark(h);
	html_open(h, "main", "id", "main", NULL);
}

int
page_end(struct page *p, int status)
{
	struct html *h = &p->h;

	html_close_to(h, p->main_mark);
	html_open(h, "footer", "class", "bottom", NULL);
	html_text(h, T(p->r, "footer.text"));
	html_close(h);
	html_close_to(h, 0);
	if (html_end(h) != 0 || p->r->out.err)
		return 500;	/* a page that cannot be written whole */
	return req_send(p->r, status, "text/html; charset=utf-8");
}

void
page_notice(struct page *p, const char *kind, const char *text)
{
	html_elem(&p->h, "p", text, "class",
	    arena_printf(&p->r->arena, "notice notice-%s", kind), "role",
	    strcmp(kind, "error") == 0 ? "alert" : "status", NULL);
}

void
page_h1(struct page *p, const char *text)
{
	html_elem(&p->h, "h1", text, NULL);
}

void
form_open(struct page *p, const char *action, const char *enctype)
{
	html_open(&p->h, "form", "method", "post", "action", action,
	    "enctype", enctype, NULL);
	if (p->r->auth.csrf != NULL)
		html_void(&p->h, "input", "type", "hidden", "name", "_csrf",
		    "value", p->r->auth.csrf, NULL);
}

/* Every free-text field: its control and its limit. */
static const struct {
	const char	*type;		/* <input type>; NULL: a <textarea> */
	size_t		 max;		/* characters (code points) */
	bool		 shown;		/* state the limit beside the label */
} form_rules[FT__MAX] = {
	[FT_ORG_NAME] = { "text", ORG_NAME_MAX, true },
	[FT_ROUND_TITLE] = { "text", ROUND_TITLE_MAX, true },
	[FT_RESP_NAME] = { "text", RESP_NAME_MAX, true },
	[FT_RESP_DEPT] = { "text", RESP_DEPT_MAX, true },
	[FT_SLUG] = { "text", POLICY_SLUG_MAX, true },
	[FT_POLICY_LINE] = { "text", POLICY_LINE_MAX, true },
	[FT_POLICY_TEXT] = { NULL, POLICY_TEXT_MAX, true },
	[FT_DATE] = { "date", 10, false },
	[FT_ROUND_COMMENT] = { NULL, ROUND_COMMENT_MAX, true },
	[FT_COUNT] = { "number", 9, false },
	[FT_PROG_TEXT] = { NULL, ENGAGEMENT_TEXT_MAX, true },
	[FT_PROG_LINE] = { "text", ENGAGEMENT_LINE_MAX, true },
	[FT_PROG_SUMMARY] = { NULL, ENGAGEMENT_SUMMARY_MAX, true },
};

/* Lines a textarea shows: its text and one more, within these bounds. */
#define TEXTAREA_COLS		60	/* a guess between phone and desktop */
#define TEXTAREA_ROWS_MIN	3
#define TEXTAREA_ROWS_MAX	20

size_t
form_text_max(enum form_text ft)
{
	return form_rules[ft].max;
}

const char *
form_text(struct req *r, const char *name, enum form_text ft, bool required,
    const char **err)
{
	const struct kv *kv = req_field_kv(r, name);
	const char *v = kv ? kv->val.p : NULL;
	struct str s;
	size_t n;

	/* A browser posts a textarea's line breaks as CR LF but counts
	 * them, for maxlength, as one character: keep them as LF. */
	if (v != NULL && form_rules[ft].type == NULL && strchr(v, '\r')) {
		char *t = arena_cstr(&r->arena, str_c(v)), *o = t;
		const char *i;

		for (i = v; *i; i++)
			if (*i != '\r')
				*o++ = *i;
			else if (i[1] != '\n')
				*o++ = '\n';
		*o = '\0';
		v = t;
	}
	s = str_trim(str_c(v));
	/* "abc%00def" would be kept as "abc" without a word: refuse it. */
	if (kv != NULL && kv->nul)
		*err = T(r, "form.err.nul");
	else if (!str_utf8_valid(s))
		*err = T(r, "form.err.utf8");
	else if (s.n == 0 && required)
		*err = T(r, "form.err.required");
	else if ((n = str_utf8_count(s)) > form_rules[ft].max)
		*err = Tn(r, "form.err.long", (long)form_rules[ft].max,
		    (long)n);
	return arena_cstr(&r->arena, s);
}

/* Open a field: its box, the label (with limit, when there is one),
 * help and error.  *id and *eid get the control's and the error's ids. */
static void
field_open(struct page *p, const char *name, const char *label,
    const char *limit, const char *help, const char *err, const char **id,
    const char **eid)
{
	struct html *h = &p->h;

	*id = arena_printf(&p->r->arena, "f-%s", name);
	*eid = arena_printf(&p->r->arena, "e-%s", name);
	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_open(h, "label", "for", *id, NULL);
	html_text(h, label);
	if (limit)
		html_elem(h, "span", limit, "class", "limit", NULL);
	html_close(h);
	if (help)
		html_elem(h, "p", help, "class", "help", NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", *eid, NULL);
}

void
form_input(struct page *p, const char *name, const char *label,
    const char *type, const char *value, const char *err,
    const char *autocomplete, int required)
{
	struct html *h = &p->h;
	const char *id, *eid;

	field_open(p, name, label, NULL, NULL, err, &id, &eid);
	html_void(h, "input", "type", type, "id", id, "name", name,
	    "value", strcmp(type, "password") == 0 ? NULL : value,
	    "autocomplete", autocomplete,
	    "required", required ? "" : NULL,
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	html_close(h);
}

void
form_field(struct page *p, const char *name, enum form_text ft,
    const char *label, const char *help, const char *value, const char *err,
    const char *autocomplete, bool required)
{
	form_field_max(p, name, form_rules[ft].type, form_rules[ft].shown ?
	    form_rules[ft].max : 0, label, help, value, err, autocomplete,
	    required);
}

void
form_field_max(struct page *p, const char *name, const char *type,
    size_t max, const char *label, const char *help, const char *value,
    const char *err, const char *autocomplete, bool required)
{
	struct html *h = &p->h;
	struct arena *a = &p->r->arena;
	const char *id, *eid, *limit = NULL;
	size_t rows;

	if (max > 0)
		limit = Tn(p->r, "form.limit", (long)max, 0);
	field_open(p, name, label, limit, help, err, &id, &eid);
	if (value == NULL)
		value = "";
	if (type == NULL) {
		/* No maxlength here: a pasted paragraph would be cut
		 * without a word; the server says how much is too much. */
		rows = str_text_rows(str_c(value), TEXTAREA_COLS) + 1;
		rows = rows < TEXTAREA_ROWS_MIN ? TEXTAREA_ROWS_MIN :
		    rows > TEXTAREA_ROWS_MAX ? TEXTAREA_ROWS_MAX : rows;
		html_elem(h, "textarea", value, "id", id, "name", name,
		    "rows", arena_printf(a, "%zu", rows), "data-grow", "",
		    "autocomplete", autocomplete,
		    "required", required ? "" : NULL,
		    "aria-invalid", err ? "true" : NULL,
		    "aria-describedby", err ? eid : NULL, NULL);
	} else
		/* Browsers count maxlength in UTF-16 units, so an emoji
		 * counts two there: never more lenient than the server. */
		html_void(h, "input", "type", type, "id", id,
		    "name", name, "value", value,
		    "maxlength", max > 0 ? arena_printf(a, "%zu", max) : NULL,
		    "autocomplete", autocomplete,
		    "required", required ? "" : NULL,
		    "aria-invalid", err ? "true" : NULL,
		    "aria-describedby", err ? eid : NULL, NULL);
	html_close(h);
}

void
form_choices(struct page *p, const char *name, const char *label,
    const struct choices *cs, const char *value, const char *err)
{
	struct html *h = &p->h;
	const char *id = arena_printf(&p->r->arena, "f-%s", name);
	const char *eid = arena_printf(&p->r->arena, "e-%s", name);
	size_t i;

	html_open(h, "div", "class", err ? "field field-error" : "field",
	    NULL);
	html_elem(h, "label", label, "for", id, NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
	html_open(h, "select", "id", id, "name", name, "required", "",
	    "aria-invalid", err ? "true" : NULL,
	    "aria-describedby", err ? eid : NULL, NULL);
	html_elem(h, "option", T(p->r, "form.choose"), "value", "", NULL);
	for (i = 0; i < cs->n; i++)
		html_elem(h, "option", TR(p->r, &cs->v[i].label), "value",
		    cs->v[i].key, "selected", value &&
		    strcmp(value, cs->v[i].key) == 0 ? "" : NULL, NULL);
	html_close(h);
	html_close(h);
}

void
form_group(struct page *p, const char *name, const char *legend,
    const char *help, const char *err)
{
	struct html *h = &p->h;
	const char *eid = arena_printf(&p->r->arena, "e-%s", name);

	/* The group points at its error (each choice in it is marked with
	 * aria-invalid by the caller). */
	html_open(h, "fieldset", "class", err ? "field field-error" : "field",
	    "aria-describedby", err ? eid : NULL, NULL);
	html_elem(h, "legend", legend, NULL);
	if (help)
		html_elem(h, "p", help, "class", "help", NULL);
	if (err)
		html_elem(h, "p", err, "class", "field-msg", "id", eid, NULL);
}

void
form_yesno(struct page *p, const char *name, const char *label,
    const char *help, int value, const char *err)
{
	struct html *h = &p->h;
	struct arena *a = &p->r->arena;

	form_group(p, name, label, help, err);
	html_open(h, "div", "class", "choices-inline", NULL);
	html_open(h, "label", "class", "choice", NULL);
	html_void(h, "input", "type", "radio", "name", name, "value", "1",
	    "id", arena_printf(a, "f-%s-1", name),
	    "checked", value == 1 ? "" : NULL, "required", "",
	    "aria-invalid", err ? "true" : NULL, NULL);
	html_elem(h, "span", T(p->r, "form.yes"), NULL);
	html_close(h);
	html_open(h, "label", "class", "choice", NULL);
	html_void(h, "input", "type", "radio", "name", name, "value", "0",
	    "checked", value == 0 ? "" : NULL,
	    "aria-invalid", err ? "true" : NULL, NULL);
	html_elem(h, "span", T(p->r, "form.no"), NULL);
	html_close(h);
	html_close(h);
	html_close(h);
}

void
form_submit(struct page *p, const char *label, const char *klass)
{
	html_elem(&p->h, "button", label, "type", "submit", "class",
	    klass ? klass : "btn", NULL);
}

void
form_button(struct page *p, const char *action, const char *label,
    const char *klass)
{
	form_open(p, action, NULL);
	form_submit(p, label, klass);
	html_close(&p->h);
}

int
page_table_open(struct page *p, const char *klass, const char *caption)
{
	int mark = html_mark(&p->h);

	memset(&p->tab, 0, sizeof(p->tab));
	html_open(&p->h, "div", "class", "table-wrap", NULL);
	html_open(&p->h, "table", "class", klass ? klass : "table", NULL);
	if (caption)
		html_elem(&p->h, "caption", caption, NULL);
	html_open(&p->h, "thead", NULL);
	html_open(&p->h, "tr", NULL);
	return mark;
}

void
page_th(struct page *p, const char *text)
{
	assert(text != NULL && text[0] != '\0');
	assert(p->tab.n < PAGE_TABLE_COLS);
	if (p->tab.n < PAGE_TABLE_COLS)
		p->tab.head[p->tab.n++] = text;
	html_elem(&p->h, "th", text, "scope", "col", NULL);
}

void
page_th_sort(struct page *p, const char *text, const char *href,
    int sorted)
{
	assert(text != NULL && text[0] != '\0');
	assert(p->tab.n < PAGE_TABLE_COLS);
	if (p->tab.n < PAGE_TABLE_COLS)
		p->tab.head[p->tab.n++] = text;
	html_open(&p->h, "th", "scope", "col", "aria-sort", sorted > 0 ?
	    "ascending" : sorted < 0 ? "descending" : NULL, NULL);
	html_open(&p->h, "a", "href", href, "class", "sort", NULL);
	html_text(&p->h, text);
	/* The arrow says it to the eye; aria-sort to a screen reader. */
	html_elem(&p->h, "span", sorted > 0 ? " ▲" : sorted < 0 ? " ▼" :
	    " ⇅", "class", sorted ? "sort-mark" : "sort-mark sort-none",
	    "aria-hidden", "true", NULL);
	html_close(&p->h);
	html_close(&p->h);
}

void
page_table_body(struct page *p)
{
	html_close(&p->h);	/* tr */
	html_close(&p->h);	/* thead */
	html_open(&p->h, "tbody", NULL);
}

int
page_table(struct page *p, const char *klass, const char *caption, ...)
{
	int mark = page_table_open(p, klass, caption);
	const char *head;
	va_list ap;

	va_start(ap, caption);
	while ((head = va_arg(ap, const char *)) != NULL)
		page_th(p, head);
	va_end(ap);
	page_table_body(p);
	return mark;
}

void
page_row(struct page *p)
{
	p->tab.col = 0;
	html_open(&p->h, "tr", NULL);
}

/* The heading of the next cell's column, moving on to the one after. */
static const char *
tab_label(struct page *p)
{
	int c = p->tab.col++;

	assert(c < p->tab.n);
	return c < p->tab.n ? p->tab.head[c] : NULL;
}

void
page_td(struct page *p, const char *text, const char *klass)
{
	const char *label = tab_label(p);

	html_elem(&p->h, "td", text, "class", klass, "data-label", label,
	    NULL);
}

void
page_td_open(struct page *p, const char *klass)
{
	const char *label = tab_label(p);

	html_open(&p->h, "td", "class", klass, "data-label", label, NULL);
}

const char *
page_time(struct req *r, int64_t t)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	if (t <= 0)
		return "";
	gmtime_r(&jst, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02d %02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min);
}

/* A Host header we are willing to put into links: a name or IPv4
 * address, or an IPv6 address in brackets, with an optional port. */
static bool
host_ok(const char *h)
{
	size_t i, n = h ? strlen(h) : 0;
	bool v6 = n > 0 && h[0] == '[';

	if (n == 0 || n > 255)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)h[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == ':' || (v6 && (ch == '[' || ch == ']')))
			continue;
		return false;
	}
	return h[0] != '.' && h[0] != '-' && h[0] != ':';
}

const char *
page_base_url(struct req *r)
{
	const struct app *a = req_app(r);

	if (a->base_url_set || !host_ok(r->host))
		return a->base_url;
	return arena_printf(&r->arena, "%s://%s", r->secure ? "https" :
	    "http", r->host);
}

bool
page_base_loopback(const char *base)
{
	const char *h = strstr(base, "://");
	size_t n;

	h = h ? h + 3 : base;
	if (h[0] == '[')
		return strncmp(h, "[::1]", 5) == 0;
	n = strcspn(h, ":/");
	return (n == 9 && strncasecmp(h, "localhost", 9) == 0) ||
	    strncmp(h, "127.", 4) == 0;
}

const char *
page_datetime(struct req *r, int64_t t)
{
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	if (t <= 0)
		return "";
	gmtime_r(&jst, &tm);
	if (r->lang == LANG_EN)
		return arena_printf(&r->arena, "%d %s %04d, %02d:%02d",
		    tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min);
	return arena_printf(&r->arena, "%04d年%d月%d日 %02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min);
}

const char *
page_fresh(struct req *r, int64_t org, unsigned also)
{
	struct app *a = req_app(r);
	struct app_fresh *f = &a->fresh;
	const char *tok;

	app_fresh_sync(a);
	tok = arena_printf(&r->arena, "%" PRIu64 ".%" PRIu64 ".%" PRIu64
	    ".%" PRIu64 ".%" PRIu64, (uint64_t)atomic_load(&f->all),
	    (uint64_t)db_writes(a->db), (uint64_t)atomic_load(
	    &f->org[(uint64_t)org % APP_FRESH_SLOTS]), also & PAGE_FRESH_PEER ?
	    (uint64_t)atomic_load(&f->peer) : (uint64_t)0,
	    also & PAGE_FRESH_PEOPLE ? (uint64_t)atomic_load(&f->auth) :
	    (uint64_t)0);
	/* After the counters: what is kept under them was read while the
	 * watch listened (it moves all when it starts again). */
	return db_watch_live(f->w) ? tok : NULL;
}

/* The text fields of struct org, in the order page_org_get keeps them. */
#define ORG_KEPT(o) { &(o)->name, &(o)->industry, &(o)->employees, \
	&(o)->capital, &(o)->prefecture, &(o)->dep_class }

int
page_org_get(struct req *r, int64_t org, struct org *o)
{
	struct app *a = req_app(r);
	/* the profile's changes notify as the peer figures' do */
	const char *tok = page_fresh(r, org, PAGE_FRESH_PEER);
	const char **f[] = ORG_KEPT(o);
	const char *key = NULL, *p;
	struct db_conn *c;
	size_t n, i, k;
	int rc;

	memset(o, 0, sizeof(*o));
	if (tok != NULL) {
		key = arena_printf(&r->arena, "org/%" PRId64 "/%s", org, tok);
		/* four flags, then each text with its NUL */
		if ((p = cache_get_a(a->pages, key, &r->arena, &n)) != NULL &&
		    n > 4 && p[n - 1] == '\0') {
			o->id = org;
			o->dep_many = p[0] == '1';
			o->dep_manual = p[1] == '1';
			o->dep_others = p[2] == '1';
			o->peer_share = p[3] == '1';
			for (i = 0, k = 4; i < sizeof(f) / sizeof(f[0]) &&
			    k < n; i++, k += strlen(p + k) + 1)
				*f[i] = p + k;
			if (i == sizeof(f) / sizeof(f[0]) && k == n)
				return 0;
			memset(o, 0, sizeof(*o));
		}
	}
	c = db_acquire(a->db);
	rc = org_get(c, &r->arena, org, o);
	db_release(a->db, c);
	if (rc == 0 && key != NULL) {
		struct buf b = BUF_INIT;

		buf_addc(&b, o->dep_many ? '1' : '0');
		buf_addc(&b, o->dep_manual ? '1' : '0');
		buf_addc(&b, o->dep_others ? '1' : '0');
		buf_addc(&b, o->peer_share ? '1' : '0');
		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
			const char *v = *f[i] != NULL ? *f[i] : "";

			buf_add(&b, v, strlen(v) + 1);
		}
		if (!b.err)
			cache_put(a->pages, key, b.p, b.n);
		buf_free(&b);
	}
	return rc;
}

int
page_can_admin(const struct req *r)
{
	return r->auth.org_role >= ORG_ADVISOR;
}

void
page_disposition(struct req *r, const char *disp, const char *ascii,
    const char *utf8)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_printf(&b, "%s; filename=\"", disp);
	for (p = ascii; *p; p++)
		buf_addc(&b, (*p >= 'A' && *p <= 'Z') || (*p >= 'a' &&
		    *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' ? *p : '_');
	buf_adds(&b, "\"; filename*=UTF-8''");
	/* RFC 3986 unreserved characters are attr-chars of RFC 8187 */
	esc_url(&b, str_c(utf8));
	req_header(r, "Content-Disposition", arena_strndup(&r->arena,
	    buf_cstr(&b), b.n));
	buf_free(&b);
}

int
page_json(struct req *r, int status)
{
	return req_send(r, status, "application/json; charset=utf-8");
}

int
page_json_field_error(struct req *r, int status, const char *field,
    const char *code, const char *message)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"errors\": [{\"field\": ");
	esc_json(&r->out, str_c(field));
	buf_adds(&r->out, ", \"code\": ");
	esc_json(&r->out, str_c(code));
	buf_adds(&r->out, ", \"message\": ");
	esc_json(&r->out, str_c(message));
	buf_adds(&r->out, "}]}\n");
	return page_json(r, status);
}

int
page_json_error(struct req *r, int status, const char *msg,
    const char *field)
{
	buf_reset(&r->out);
	buf_adds(&r->out, "{\"error\": ");
	esc_json(&r->out, str_c(msg));
	if (field != NULL) {
		buf_adds(&r->out, ", \"field\": ");
		esc_json(&r->out, str_c(field));
	}
	buf_adds(&r->out, "}\n");
	return page_json(r, status);
}

void
page_slice(struct req *r, size_t total, struct page_slice *out)
{
	const char *v = req_query(r, "page");
	long n = 1;

	if (v == NULL || str_to_long(str_c(v), 1, 1L << 30, &n) != 0)
		n = 1;
	out->total = total;
	out->pages = total == 0 ? 1 : (total + PAGE_ROWS - 1) / PAGE_ROWS;
	out->page = (size_t)n > out->pages ? out->pages : (size_t)n;
	out->first = (out->page - 1) * PAGE_ROWS;
	out->end = out->first + PAGE_ROWS < total ? out->first + PAGE_ROWS :
	    total;
}

void
page_pager(struct page *p, const char *path, const char *frag,
    const struct page_slice *s)
{
	struct req *r = p->r;
	const char *sep = strchr(path, '?') ? "&" : "?";

	if (s->total == 0)
		return;
	html_open(&p->h, "nav", "class", "pager", "aria-label",
	    T(r, "pager.label"), NULL);
	html_elem(&p->h, "span", Tn(r, "pager.total", (long)s->total, 0),
	    "class", "pager-total", NULL);
	if (s->pages > 1) {
		if (s->page > 1)
			html_elem(&p->h, "a", T(r, "pager.prev"), "href",
			    arena_printf(&r->arena, "%s%spage=%zu%s", path,
			    sep, s->page - 1, frag), "rel", "prev", NULL);
		html_elem(&p->h, "span", Tn(r, "pager.page", (long)s->page,
		    (long)s->pages), "class", "pager-page", "aria-current",
		    "page", NULL);
		if (s->page < s->pages)
			html_elem(&p->h, "a", T(r, "pager.next"), "href",
			    arena_printf(&r->arena, "%s%spage=%zu%s", path,
			    sep, s->page + 1, frag), "rel", "next", NULL);
	}
	html_close(&p->h);
}

/* t with its "{what}" replaced by what (never a format). */
static const char *
with_what(struct req *r, const char *t, const char *what)
{
	const char *at = strstr(t, "{what}");

	if (at == NULL)
		return t;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - t), t, what,
	    at + strlen("{what}"));
}

const char *
page_err_text(struct req *r, const struct register_err *e)
{
	const char *t = Tn(r, arena_printf(&r->arena, "reg.err.%s",
	    register_err_key(e->code)), e->a, e->b);

	if (e->code == RFE_GRANT_KEY) {
		/* the legend's values, in the reader's language */
		const struct register_keys *k;
		struct buf b = BUF_INIT;
		size_t i;
		int l = page_lang_of(r);

		if (e->a <= KS_NONE || e->a >= KS__MAX)
			return with_what(r, t, "");
		k = &req_app(r)->content.regenv.ks[e->a];
		for (i = 0; i < k->n; i++)
			buf_printf(&b, "%s%s (%s)", i ? ", " : "",
			    k->label[l] != NULL ? k->label[l][i] : k->key[i],
			    k->key[i]);
		t = with_what(r, t, arena_strndup(&r->arena, b.p ? b.p : "",
		    b.n));
		buf_free(&b);
		return t;
	}
	if (e->code == RFE_GRANT_REF || e->code == RFE_AMBIGUOUS)
		return with_what(r, t, e->what != NULL ? e->what : "?");
	return t;
}

const char *
page_posted_text(struct req *r, const char *name, bool *bad)
{
	const struct kv *kv = req_field_kv(r, name);
	struct str s;

	if (kv == NULL)
		return "";
	if (kv->nul)
		*bad = true;
	s = str_c(page_lf_only(r, kv->val.p));
	while (s.n > 0 && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\n'))
		s.p++, s.n--;
	while (s.n > 0 && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' ||
	    s.p[s.n - 1] == '\n'))
		s.n--;
	return arena_cstr(&r->arena, s);
}

int64_t
page_posted_rev(struct req *r)
{
	const char *s = req_field(r, "rev");
	long n;

	if (s == NULL || str_to_long(str_c(s), 1, INT64_MAX / 2, &n) != 0)
		return 0;
	return n;
}

const char *
page_day_jst(struct req *r, int64_t t)
{
	time_t jst = (time_t)(t + 9 * 3600);
	struct tm tm;

	gmtime_r(&jst, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* "tel:" and the digits of a number (and a leading +; a # as in the
 * police's #9110, which a phone dials as it is, written %23). */
const char *
page_tel_href(struct req *r, const char *phone)
{
	struct buf b = BUF_INIT;
	const char *s, *out;

	buf_adds(&b, "tel:");
	for (s = phone; *s != '\0'; s++)
		if ((*s >= '0' && *s <= '9') || (*s == '+' && b.n == 4))
			buf_addc(&b, *s);
		else if (*s == '#')
			buf_adds(&b, "%23");
	out = arena_strdup(&r->arena, buf_cstr(&b));
	buf_free(&b);
	return out;
}
