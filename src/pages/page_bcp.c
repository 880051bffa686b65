/*
 * page_bcp: IT business continuity seen whole (issue 13) —
 *
 *   GET /api/v1/orgs/{org}/bcp   the dependency class, the RTO table,
 *                                the processes with their priority and
 *                                RTO, the systems with 3-2-1 and their
 *                                warnings
 *   PUT /api/v1/orgs/{org}/bcp   {"preset": "ex2"} or {"preset": "own",
 *                                "own": {"s": 4, …}}, with "rev" once
 *                                set: 409 when stale
 *
 * The registers themselves (processes, systems, recovery, contacts,
 * disruptions) are served by the register engine's pages and API.
 */
#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "base/esc.h"
#include "model/account.h"
#include "model/bcp.h"
#include "model/bcpflow.h"
#include "model/org.h"
#include "model/register.h"
#include "pages/pages.h"
#include "render/svg.h"

/* Everything the BCP views read, at one moment. */
struct bcp_data {
	struct org		 org;
	struct bcp_all		 a;
};

static int
bcp_load(struct req *r, struct bcp_data *x)
{
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = page_org_get(r, r->org_id, &x->org)) != 0)
		return rc == DB_DONE ? 404 : 503;
	c = db_acquire(db);
	rc = bcpflow_read(c, &req_app(r)->content.regenv, r->org_id,
	    account_now(), &r->arena, &x->a);
	db_release(db, c);
	return rc == DB_OK ? 0 : 503;
}

/* The keys of the warning flags, in flag order (docs/api.md). */
static const char *const warn_keys[] = {
	"never_tested", "test_old", "test_failed", "test_slow", "loss",
	"steps_slow", "no_backup",
};
static const char *const miss_keys[] = {
	"copies", "media", "offline_offsite",
};

static void
json_hours(struct buf *b, int h)
{
	if (h < 0)
		buf_adds(b, "null");
	else
		buf_printf(b, "%d", h);
}

static void
json_flags(struct buf *b, unsigned flags, const char *const *keys, size_t n)
{
	const char *sep = "";
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++)
		if (flags & (1u << i)) {
			buf_printf(b, "%s\"%s\"", sep, keys[i]);
			sep = ", ";
		}
	buf_addc(b, ']');
}

/* A derived value of row as JSON: its key or number, null when unset. */
static void
json_field(struct buf *b, const struct register_decl *d,
    const struct register_row *row, const char *key)
{
	int f = register_field(d, key);

	if (f < 0 || !row->v[f].set)
		buf_adds(b, "null");
	else if (d->f[f].type == RF_INT)
		buf_printf(b, "%" PRId64, row->v[f].i);
	else
		esc_json(b, str_c(row->v[f].s));
}

int
page_api_bcp(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES),
	    *sd = register_of(REGISTER_SYSTEMS);
	const struct register_env *e = &ct->regenv;
	struct bcp_data x;
	struct buf *b = &r->out;
	unsigned all = 0;
	size_t i;
	int st, k, f;

	if ((st = bcp_load(r, &x)) != 0)
		return st;
	buf_reset(b);
	buf_adds(b, "{\"class\": ");
	if (x.org.dep_class != NULL && x.org.dep_class[0] != '\0')
		esc_json(b, str_c(x.org.dep_class));
	else
		buf_adds(b, "null");
	buf_printf(b, ", \"preset\": \"%s\", \"rev\": %" PRId64
	    ", \"rto\": {", bcp_preset_key(x.a.s.preset), x.a.set.rev);
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		buf_printf(b, "%s\"%s\": ", k ? ", " : "",
		    ct->bcp.priority[k].key != NULL ?
		    ct->bcp.priority[k].key : "");
		json_hours(b, bcp_rto_hours(&x.a.s, (enum bcp_priority)k));
	}
	buf_adds(b, "}, \"own\": {");
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		buf_printf(b, "%s\"%s\": ", k ? ", " : "",
		    ct->bcp.priority[k].key != NULL ?
		    ct->bcp.priority[k].key : "");
		json_hours(b, x.a.s.own.hours[k]);
	}
	buf_adds(b, "}, \"processes\": [");
	for (i = 0; i < x.a.np; i++) {
		const struct register_row *p = &x.a.proc[i];
		int fl = register_field(pd, "rto_label");

		buf_printf(b, "%s{\"id\": %" PRId64 ", \"name\": ", i ? ", " :
		    "", p->id);
		json_field(b, pd, p, "name");
		buf_adds(b, ", \"importance\": ");
		json_field(b, pd, p, "importance");
		buf_adds(b, ", \"dependency\": ");
		json_field(b, pd, p, "dependency");
		buf_adds(b, ", \"priority\": ");
		json_field(b, pd, p, "priority");
		buf_adds(b, ", \"rto_hours\": ");
		json_field(b, pd, p, "rto_hours");
		buf_adds(b, ", \"rto_label\": ");
		if (fl >= 0 && p->v[fl].set)
			esc_json(b, str_c(register_label(e, &pd->f[fl],
			    &p->v[fl], page_lang_of(r))));
		else
			buf_adds(b, "null");
		buf_addc(b, '}');
	}
	buf_adds(b, "], \"systems\": [");
	for (i = 0; i < x.a.ns; i++) {
		const struct bcp_sys_view *v = &x.a.view[i];

		f = register_field(sd, "name");
		buf_printf(b, "%s{\"id\": %" PRId64 ", \"name\": ", i ? ", " :
		    "", v->row->id);
		esc_json(b, str_c(v->row->v[f].s));
		buf_printf(b, ", \"rule_321\": {\"ok\": %s, \"missing\": ",
		    v->miss == 0 ? "true" : "false");
		json_flags(b, v->miss, miss_keys, 3);
		buf_adds(b, "}, \"rto_hours\": ");
		json_hours(b, v->st.rto_hours);
		buf_printf(b, ", \"steps_minutes\": %d, \"steps_miss_minutes\": "
		    "%d, \"warnings\": ", v->st.steps_minutes, v->steps_miss);
		json_flags(b, v->warn, warn_keys, 7);
		buf_addc(b, '}');
		all |= v->warn;
	}
	buf_adds(b, "], \"warnings\": ");
	json_flags(b, all, warn_keys, 7);
	buf_adds(b, "}\n");
	return page_json(r, 200);
}

/* 422 {"errors": [{"field", "code", "message"}]} for one field. */
static int
bcp_error(struct req *r, const char *field, const char *code, long a,
    long b)
{
	return page_json_field_error(r, PAGE_INVALID, field, code, Tn(r,
	    arena_printf(&r->arena, "reg.err.%s", code), a, b));
}

int
page_api_bcp_put(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES);
	struct register_settings cur;
	struct register_who who = { r->auth.user_id, r->remote_addr };
	struct db *db = req_app(r)->db;
	struct db_conn *c;
	json_error_t jerr;
	json_t *o, *v, *own;
	struct buf body = BUF_INIT;
	int64_t rev = 0, new_rev = 0;
	int preset, k, rc;
	const char *field = NULL, *code = NULL;

	o = json_loadb(r->body.p ? r->body.p : "", r->body.n,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return bcp_error(r, "", "wrong_type", 0, 0);
	}
	if ((preset = bcp_preset_of(json_string_value(json_object_get(o,
	    "preset")))) < 0) {
		field = "preset";
		code = json_object_get(o, "preset") == NULL ? "required" :
		    "unknown_key";
	}
	if ((v = json_object_get(o, "rev")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			field = "rev";
			code = "not_integer";
		} else
			rev = json_integer_value(v);
	}
	buf_printf(&body, "{\"preset\": \"%s\"", preset >= 0 ?
	    bcp_preset_key((enum bcp_preset)preset) : "");
	own = json_object_get(o, "own");
	if (own != NULL && !json_is_object(own)) {
		field = "own";
		code = "wrong_type";
	} else if (own != NULL) {
		buf_adds(&body, ", \"own\": {");
		for (k = 0; k < BCP_PRIORITY__MAX && code == NULL; k++) {
			const char *key = ct->bcp.priority[k].key;

			v = key != NULL ? json_object_get(own, key) : NULL;
			if (v == NULL || json_is_null(v)) {
				buf_printf(&body, "%s\"%s\": null", k ? ", " : "",
				    key ? key : "");
				continue;
			}
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > BCP_HOURS_MAX) {
				field = arena_printf(&r->arena, "own.%s", key);
				code = json_is_integer(v) ? "out_of_range" :
				    "not_integer";
				break;
			}
			buf_printf(&body, "%s\"%s\": %lld", k ? ", " : "", key,
			    (long long)json_integer_value(v));
		}
		buf_addc(&body, '}');
	}
	buf_addc(&body, '}');
	json_decref(o);
	if (code != NULL) {
		buf_free(&body);
		return bcp_error(r, field, code, 0, BCP_HOURS_MAX);
	}
	/* a first save needs no rev; a later one names the one it saw */
	c = db_acquire(db);
	rc = register_settings_get(c, pd, r->org_id, &r->arena, &cur);
	db_release(db, c);
	if (rc != DB_OK) {
		buf_free(&body);
		return 503;
	}
	if (rev == 0 && cur.rev > 0 && json_object_get(o, "rev") == NULL)
		rev = -1;	/* stale: it did not say what it started from */
	rc = rev < 0 ? REGISTER_STALE : register_settings_put(db, pd,
	    r->org_id, &who, rev, buf_cstr(&body), &new_rev);
	buf_free(&body);
	if (rc == REGISTER_STALE) {
		buf_reset(&r->out);
		buf_printf(&r->out, "{\"error\": \"409\", \"rev\": %" PRId64
		    "}\n", cur.rev);
		return page_json(r, 409);
	}
	if (rc != DB_OK)
		return 503;
	return page_api_bcp(r);
}

/* ---- the page: GET /o/{org}/bcp ---------------------------------------- */

/* What the forms of the page carry back when one is refused. */
struct bcp_form {
	const char	*preset;	/* as posted */
	const char	*own[BCP_PRIORITY__MAX];
	const char	*err_preset, *err_own[BCP_PRIORITY__MAX];
};

static const char *
num(struct req *r, long n)
{
	return arena_printf(&r->arena, "%ld", n);
}

/* The dependency class of the organisation (DEP__MAX: not answered). */
static enum dep_class
class_of(const struct content *ct, const struct org *o)
{
	int k;

	for (k = 0; k < DEP__MAX && o->dep_class != NULL; k++)
		if (ct->org.dep[k].key != NULL &&
		    strcmp(ct->org.dep[k].key, o->dep_class) == 0)
			return (enum dep_class)k;
	return DEP__MAX;
}

/* One measure as a list item, with a button that makes it a plan row. */
static void
measure_item(struct page *p, const char *text, const char *source)
{
	struct req *r = p->r;

	html_open(&p->h, "li", NULL);
	html_elem(&p->h, "span", text, NULL);
	if (page_can_admin(r)) {
		form_open(p, arena_printf(&r->arena, "/o/%" PRId64 "/bcp/plan",
		    r->org_id), NULL);
		html_void(&p->h, "input", "type", "hidden", "name", "source",
		    "value", source, NULL);
		form_submit(p, T(r, "bcp.to_plan"), "btn btn-secondary btn-small");
		html_close(&p->h);
	}
	html_close(&p->h);
}

static void
class_section(struct page *p, const struct bcp_data *x)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	enum dep_class k = class_of(ct, &x->org);
	const struct trlist *l;
	size_t i;
	int lang = page_lang_of(r);

	html_open(&p->h, "section", "class", "panel", "id", "class",
	    "aria-labelledby", "class-h", NULL);
	if (k == DEP__MAX) {
		html_elem(&p->h, "h2", T(r, "bcp.class_h_none"), "id",
		    "class-h", NULL);
		html_elem(&p->h, "p", T(r, "bcp.class_none"), NULL);
		html_elem(&p->h, "a", T(r, "bcp.class_answer"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/profile",
		    r->org_id), NULL);
		html_close(&p->h);
		return;
	}
	html_elem(&p->h, "h2", Tf(r, "bcp.class_h", "class",
	    TR(r, &ct->org.dep[k].label), NULL), "id", "class-h", NULL);
	html_elem(&p->h, "p", TR(r, &ct->org.dep[k].description), NULL);
	html_elem(&p->h, "h3", T(r, "bcp.class_measures"), NULL);
	html_open(&p->h, "ul", "class", "measures", NULL);
	l = &ct->org.dep[k].measures;
	for (i = 0; i < l->n; i++)
		measure_item(p, l->t[lang][i], arena_printf(&r->arena,
		    "bcp:%s.m%zu", ct->org.dep[k].key, i + 1));
	html_close(&p->h);
	html_elem(&p->h, "h3", T(r, "bcp.class_examples"), NULL);
	html_open(&p->h, "ul", "class", "measures", NULL);
	l = &ct->bcp.class_examples[k];
	for (i = 0; i < l->n; i++)
		measure_item(p, l->t[lang][i], arena_printf(&r->arena,
		    "bcp:%s.e%zu", ct->org.dep[k].key, i + 1));
	html_close(&p->h);
	html_close(&p->h);
}

/* The hours of priority k as words: "3時間以内"-style from the table's
 * label, or the own hours. */
static const char *
rto_words(struct req *r, const struct bcp_settings *s, int k)
{
	const struct content *ct = &req_app(r)->content;
	int h = bcp_rto_hours(s, (enum bcp_priority)k);

	if (s->preset == BCP_OWN)
		return h >= 0 ? Tn(r, "bcp.rto_within", h, 0) :
		    TR(r, &ct->bcp.preset[BCP_OWN].rto_label[k]);
	return TR(r, &ct->bcp.preset[s->preset].rto_label[k]);
}

static void
rto_section(struct page *p, const struct bcp_data *x,
    const struct bcp_form *f)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const char *cur = f != NULL && f->preset != NULL ? f->preset :
	    bcp_preset_key(x->a.s.preset);
	int k, q, mark;

	html_open(&p->h, "section", "class", "panel", "id", "rto",
	    "aria-labelledby", "rto-h", NULL);
	html_elem(&p->h, "h2", T(r, "bcp.rto_h"), "id", "rto-h", NULL);
	html_elem(&p->h, "p", TR(r, &ct->bcp.rule_presets), "class", "help",
	    NULL);
	{
		const char *h[BCP_PRESET__MAX];

		/* short heads, the one in use said so (not by colour only) */
		for (q = 0; q < BCP_PRESET__MAX; q++)
			h[q] = q == (int)x->a.s.preset ? Tf(r, "bcp.rto_in_use",
			    "table", T(r, arena_printf(&r->arena,
			    "bcp.preset_short.%s", bcp_preset_key(
			    (enum bcp_preset)q))), NULL) : T(r, arena_printf(
			    &r->arena, "bcp.preset_short.%s", bcp_preset_key(
			    (enum bcp_preset)q)));
		mark = page_table(p, "table bcp-rto", T(r, "bcp.rto_caption"),
		    T(r, "reg.processes.f.priority"), h[0], h[1], h[2], h[3],
		    NULL);
	}
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		page_row(p);
		page_td(p, TR(r, &ct->bcp.priority[k].label), NULL);
		for (q = 0; q < BCP_PRESET__MAX; q++) {
			struct bcp_settings s = x->a.s;

			s.preset = (enum bcp_preset)q;
			page_td(p, rto_words(r, &s, k), q == (int)x->a.s.preset ?
			    "current" : NULL);
		}
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", Tf(r, "bcp.rto_current", "table",
	    TR(r, &ct->bcp.preset[x->a.s.preset].label), NULL), "class",
	    "rto-current", NULL);
	if (!page_can_admin(r)) {
		html_close(&p->h);
		return;
	}
	form_open(p, arena_printf(&r->arena, "/o/%" PRId64 "/bcp/rto",
	    r->org_id), NULL);
	html_void(&p->h, "input", "type", "hidden", "name", "rev", "value",
	    arena_printf(&r->arena, "%" PRId64, x->a.set.rev), NULL);
	form_group(p, "preset", T(r, "bcp.rto_choose"), NULL,
	    f != NULL ? f->err_preset : NULL);
	html_open(&p->h, "div", "class", "answers", NULL);
	for (q = 0; q < BCP_PRESET__MAX; q++) {
		const char *key = bcp_preset_key((enum bcp_preset)q);

		html_open(&p->h, "label", "class", "answer", NULL);
		html_void(&p->h, "input", "type", "radio", "name", "preset",
		    "value", key, "id", q == 0 ? "f-preset" :
		    arena_printf(&r->arena, "f-preset-%d", q), "checked",
		    strcmp(cur, key) == 0 ? "" : NULL, NULL);
		html_elem(&p->h, "span", TR(r, &ct->bcp.preset[q].label),
		    NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_close(&p->h);
	/* the own table's hours, open when it is the one chosen */
	html_open(&p->h, "details", "class", "more own-hours", "open",
	    strcmp(cur, "own") == 0 ? "" : NULL, NULL);
	html_elem(&p->h, "summary", T(r, "bcp.rto_own_summary"), NULL);
	html_elem(&p->h, "p", T(r, "bcp.rto_own_help"), "class", "help",
	    NULL);
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		const char *name = arena_printf(&r->arena, "own_%s",
		    ct->bcp.priority[k].key);
		const char *v = f != NULL && f->own[k] != NULL ? f->own[k] :
		    x->a.s.own.hours[k] >= 0 ? num(r, x->a.s.own.hours[k]) : "";

		form_field_max(p, name, "number", 0, Tf(r, "bcp.rto_own_field",
		    "priority", TR(r, &ct->bcp.priority[k].label), NULL), NULL,
		    v, f != NULL ? f->err_own[k] : NULL, "off", false);
	}
	html_close(&p->h);
	form_submit(p, T(r, "bcp.rto_save"), NULL);
	html_close(&p->h);
	html_close(&p->h);
}

static void
grid_section(struct page *p, const struct bcp_data *x)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES);
	size_t n[BCP_LEVELS][BCP_LEVELS], k, m, *ix;
	struct register_query q;
	struct svg_heat sp;
	int i, j, mark, fp = register_field(pd, "priority"),
	    fh = register_field(pd, "rto_hours"),
	    fn = register_field(pd, "name"), fo = register_field(pd, "owner");

	html_open(&p->h, "section", "class", "panel", "id", "processes",
	    "aria-labelledby", "proc-h", NULL);
	html_elem(&p->h, "h2", T(r, "bcp.proc_h"), "id", "proc-h", NULL);
	if (x->a.np == 0) {
		html_elem(&p->h, "p", T(r, "bcp.proc_none"), NULL);
		html_elem(&p->h, "a", T(r, "bcp.proc_add"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/processes/new",
		    r->org_id), "class", "button", NULL);
		html_close(&p->h);
		return;
	}
	bcpflow_grid(x->a.proc, x->a.np, n);
	memset(&sp, 0, sizeof(sp));
	sp.id = "bcp-grid";
	sp.title = T(r, "bcp.grid_title");
	sp.desc = T(r, "bcp.grid_desc");
	sp.row_title = T(r, "reg.processes.f.dependency");
	sp.col_title = T(r, "reg.processes.f.importance");
	sp.page_font = true;
	sp.bands[0] = T(r, "bcp.band_late");
	sp.bands[1] = T(r, "bcp.band_mid");
	sp.bands[2] = T(r, "bcp.band_first");
	for (i = 0; i < SVG_HEAT_N; i++) {
		int dep = SVG_HEAT_N - i;

		sp.rows[i] = num(r, dep);
		sp.cols[i] = num(r, i + 1);
		for (j = 0; j < SVG_HEAT_N; j++) {
			enum bcp_priority pr = bcp_priority_of(j + 1, dep);

			sp.counts[i][j] = (int)n[dep - 1][j];
			sp.band[i][j] = pr <= BCP_A ? 2 : pr == BCP_B ? 1 : 0;
			/* the letter in the cell, the words in its tip */
			sp.labels[i][j] = arena_printf(&r->arena, "%c",
			    "SABCD"[pr]);
			sp.tips[i][j] = Tf(r, "bcp.grid_cell", "imp",
			    num(r, j + 1), "dep", num(r, dep), "priority",
			    TR(r, &ct->bcp.priority[pr].label), "n",
			    num(r, (long)n[dep - 1][j]), NULL);
		}
	}
	html_open(&p->h, "figure", "class", "chart chart-heatmap", NULL);
	svg_heat(&p->h, &sp);
	html_close(&p->h);
	/* the grid's counts as a table: the same figures, read aloud */
	mark = page_table(p, "table bcp-grid", T(r, "bcp.grid_caption"),
	    T(r, "bcp.grid_corner"), num(r, 1), num(r, 2), num(r, 3), NULL);
	for (i = 0; i < SVG_HEAT_N; i++) {
		int dep = SVG_HEAT_N - i;

		page_row(p);
		page_td(p, num(r, dep), NULL);
		for (j = 0; j < SVG_HEAT_N; j++)
			page_td(p, Tf(r, "bcp.grid_td", "n", num(r,
			    (long)n[dep - 1][j]), "priority", sp.labels[i][j],
			    NULL), "num");
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	/* the same, as a table: processes by priority */
	register_query_init(pd, &q);
	ix = register_select(pd, x->a.proc, x->a.np, &q, &r->arena, &m);
	mark = page_table(p, "table bcp-proc", T(r, "bcp.proc_caption"),
	    T(r, "reg.processes.f.name"), T(r, "reg.processes.f.priority"),
	    T(r, "reg.processes.f.rto_label"), T(r, "reg.processes.f.owner"),
	    NULL);
	for (k = 0; k < m; k++) {
		const struct register_row *row = &x->a.proc[ix[k]];
		int pr = row->v[fp].set ? (int)row->v[fp].i : BCP_D;

		page_row(p);
		page_td_open(p, NULL);
		html_elem(&p->h, "a", row->v[fn].s, "href", arena_printf(
		    &r->arena, "/o/%" PRId64 "/r/processes/%" PRId64,
		    r->org_id, row->id), NULL);
		html_close(&p->h);
		page_td(p, TR(r, &ct->bcp.priority[pr].label), NULL);
		page_td(p, row->v[fh].set && x->a.s.preset == BCP_OWN ?
		    Tn(r, "bcp.rto_within", (long)row->v[fh].i, 0) :
		    rto_words(r, &x->a.s, pr), NULL);
		page_td(p, row->v[fo].s, NULL);
		html_close(&p->h);
	}
	html_close_to(&p->h, mark);
	html_elem(&p->h, "p", TR(r, &ct->bcp.rule_matrix), "class", "help",
	    NULL);
	html_close(&p->h);
}

/* The warnings of one system in words. */
static void
system_warnings(struct page *p, const struct bcp_sys_view *v)
{
	struct req *r = p->r;
	const struct content *ct = &req_app(r)->content;
	int i;

	if (v->warn == 0 && v->miss == 0) {
		html_elem(&p->h, "p", T(r, "bcp.sys_ok"), "class", "ok", NULL);
		return;
	}
	html_open(&p->h, "ul", "class", "warnings", NULL);
	if (v->miss & BCP_MISS_COPIES)
		html_elem(&p->h, "li", TR(r, &ct->bcp.miss_copies), NULL);
	if (v->miss & BCP_MISS_MEDIA)
		html_elem(&p->h, "li", TR(r, &ct->bcp.miss_media), NULL);
	if (v->miss & BCP_MISS_OFFLINE_OFFSITE)
		html_elem(&p->h, "li", TR(r, &ct->bcp.miss_offline_offsite),
		    NULL);
	for (i = 0; i < 7; i++) {
		long a = 0, b = 0;

		if (!(v->warn & (1u << i)))
			continue;
		switch (1u << i) {
		case BCP_W_TEST_SLOW:
			a = v->st.test_minutes;
			b = v->st.rto_hours;
			break;
		case BCP_W_LOSS:
			a = v->st.frequency_hours;
			b = v->st.reentry_hours;
			break;
		case BCP_W_STEPS_SLOW:
			a = v->steps_miss;
			break;
		default:
			break;
		}
		html_elem(&p->h, "li", content_fill_n(TR(r, &ct->bcp.warn[i]),
		    a, b, &r->arena), NULL);
	}
	html_close(&p->h);
}

static void
systems_section(struct page *p, const struct bcp_data *x)
{
	struct req *r = p->r;
	const struct register_decl *sd = register_of(REGISTER_SYSTEMS);
	int fn = register_field(sd, "name");
	size_t i;

	html_open(&p->h, "section", "class", "panel", "id", "systems",
	    "aria-labelledby", "sys-h", NULL);
	html_elem(&p->h, "h2", T(r, "bcp.sys_h"), "id", "sys-h", NULL);
	html_elem(&p->h, "p", TR(r, &req_app(r)->content.bcp.rule_321),
	    "class", "help", NULL);
	if (x->a.ns == 0) {
		html_elem(&p->h, "p", T(r, "bcp.sys_none"), NULL);
		html_elem(&p->h, "a", T(r, "bcp.sys_add"), "href",
		    arena_printf(&r->arena, "/o/%" PRId64 "/r/systems/new",
		    r->org_id), "class", "button", NULL);
		html_close(&p->h);
		return;
	}
	for (i = 0; i < x->a.ns; i++) {
		const struct bcp_sys_view *v = &x->a.view[i];

		html_open(&p->h, "article", "class", "bcp-system", "id",
		    arena_printf(&r->arena, "sys-%" PRId64, v->row->id), NULL);
		html_open(&p->h, "h3", NULL);
		html_elem(&p->h, "a", v->row->v[fn].s, "href", arena_printf(
		    &r->arena, "/o/%" PRId64 "/r/systems/%" PRId64, r->org_id,
		    v->row->id), NULL);
		html_close(&p->h);
		html_elem(&p->h, "p", v->miss == 0 ? T(r, "bcp.sys_321_ok") :
		    T(r, "bcp.sys_321_no"), "class", v->miss == 0 ? "state ok" :
		    "state bad", NULL);
		if (v->st.rto_hours >= 0)
			html_elem(&p->h, "p", Tn(r, v->st.steps_minutes > 0 ?
			    "bcp.sys_steps" : "bcp.sys_rto", v->st.rto_hours,
			    v->st.steps_minutes), NULL);
		system_warnings(p, v);
		if (v->st.steps_minutes == 0 && page_can_admin(r)) {
			form_open(p, arena_printf(&r->arena, "/o/%" PRId64
			    "/bcp/steps", r->org_id), NULL);
			html_void(&p->h, "input", "type", "hidden", "name",
			    "system", "value", arena_printf(&r->arena, "%" PRId64,
			    v->row->id), NULL);
			form_submit(p, T(r, "bcp.steps_add"), "btn btn-secondary btn-small");
			html_close(&p->h);
		}
		html_close(&p->h);
	}
	html_close(&p->h);
}

static void
more_section(struct page *p)
{
	struct req *r = p->r;
	static const char *const regs[] = { "processes", "systems",
	    "recovery", "contacts", "disruptions", "exercises" };
	size_t i;

	html_open(&p->h, "section", "class", "panel", "id", "lists",
	    "aria-labelledby", "lists-h", NULL);
	html_elem(&p->h, "h2", T(r, "bcp.lists_h"), "id", "lists-h", NULL);
	html_open(&p->h, "ul", "class", "links", NULL);
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		html_open(&p->h, "li", NULL);
		html_elem(&p->h, "a", T(r, arena_printf(&r->arena,
		    "reg.%s.title", regs[i])), "href", arena_printf(&r->arena,
		    "/o/%" PRId64 "/r/%s", r->org_id, regs[i]), NULL);
		html_close(&p->h);
	}
	html_close(&p->h);
	html_elem(&p->h, "h3", T(r, "bcp.exercises_h"), NULL);
	page_exercise_links(p);
	html_elem(&p->h, "h3", T(r, "bcp.docs_h"), NULL);
	page_keizoku_links(p);
	html_elem(&p->h, "p", TR(r, &req_app(r)->content.bcp.rule_ours),
	    "class", "help", NULL);
	html_close(&p->h);
}

static int
bcp_page(struct req *r, const char *notice, const char *kind,
    const struct bcp_form *f, int status)
{
	struct bcp_data x;
	struct page p;
	int st;

	if ((st = bcp_load(r, &x)) != 0)
		return st;
	page_begin(&p, r, T(r, "bcp.title"));
	page_org_subnav(&p, &x.org, "bcp");
	page_h1(&p, T(r, "bcp.title"));
	if (notice != NULL)
		page_notice(&p, kind, notice);
	html_elem(&p.h, "p", T(r, "bcp.intro"), "class", "lead", NULL);
	class_section(&p, &x);
	grid_section(&p, &x);
	systems_section(&p, &x);
	page_bcp_doc_links(&p, &x.a);
	rto_section(&p, &x, f);
	more_section(&p);
	return page_end(&p, status);
}

int
page_bcp(struct req *r)
{
	const char *done = req_query(r, "done");

	if (done == NULL)
		return bcp_page(r, NULL, NULL, NULL, 200);
	return bcp_page(r, T(r, strcmp(done, "plan") == 0 ? "bcp.done_plan" :
	    strcmp(done, "steps") == 0 ? "bcp.done_steps" : "bcp.done_rto"),
	    "ok", NULL, 200);
}

/* POST /o/{org}/bcp/rto: the RTO table. */
int
page_bcp_rto_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_decl *pd = register_of(REGISTER_PROCESSES);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	struct bcp_form f;
	struct buf body = BUF_INIT;
	const char *rv = req_field(r, "rev");
	long rev = -1, h;
	int64_t new_rev;
	int preset, k, rc;
	bool bad = false;

	memset(&f, 0, sizeof(f));
	f.preset = req_field(r, "preset");
	if ((preset = bcp_preset_of(f.preset)) < 0) {
		f.err_preset = T(r, "bcp.rto_err_preset");
		bad = true;
	}
	if (rv == NULL || str_to_long(str_c(rv), 0, INT64_MAX / 2, &rev) != 0)
		return 400;
	buf_printf(&body, "{\"preset\": \"%s\", \"own\": {", preset >= 0 ?
	    bcp_preset_key((enum bcp_preset)preset) : "ex1");
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		const char *key = ct->bcp.priority[k].key;
		struct str v;

		f.own[k] = req_field(r, arena_printf(&r->arena, "own_%s", key));
		v = str_trim(str_c(f.own[k] ? f.own[k] : ""));
		if (v.n == 0) {
			buf_printf(&body, "%s\"%s\": null", k ? ", " : "", key);
			continue;
		}
		if (str_to_long(v, 0, BCP_HOURS_MAX, &h) != 0) {
			f.err_own[k] = Tn(r, "reg.err.out_of_range", 0,
			    BCP_HOURS_MAX);
			bad = true;
			continue;
		}
		buf_printf(&body, "%s\"%s\": %ld", k ? ", " : "", key, h);
	}
	buf_adds(&body, "}}");
	if (bad) {
		buf_free(&body);
		return bcp_page(r, T(r, "bcp.rto_err"), "error", &f,
		    PAGE_INVALID);
	}
	rc = register_settings_put(req_app(r)->db, pd, r->org_id, &who,
	    (int64_t)rev, buf_cstr(&body), &new_rev);
	buf_free(&body);
	if (rc == REGISTER_STALE)
		return bcp_page(r, T(r, "bcp.rto_stale"), "error", &f, 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/bcp?done=rto#rto", r->org_id));
}

/* The text of measure source "bcp:<class>.<m|e><n>" in the reader's
 * language, or NULL. */
static const char *
measure_text(struct req *r, const char *source)
{
	const struct content *ct = &req_app(r)->content;
	int lang = page_lang_of(r), k;
	const struct trlist *l;
	const char *dot;
	long n;

	if (source == NULL || strncmp(source, "bcp:", 4) != 0 ||
	    (dot = strchr(source + 4, '.')) == NULL)
		return NULL;
	for (k = 0; k < DEP__MAX; k++)
		if (ct->org.dep[k].key != NULL && strlen(ct->org.dep[k].key) ==
		    (size_t)(dot - source - 4) && strncmp(ct->org.dep[k].key,
		    source + 4, (size_t)(dot - source - 4)) == 0)
			break;
	if (k == DEP__MAX || (dot[1] != 'm' && dot[1] != 'e') ||
	    str_to_long(str_c(dot + 2), 1, 100, &n) != 0)
		return NULL;
	l = dot[1] == 'm' ? &ct->org.dep[k].measures :
	    &ct->bcp.class_examples[k];
	return (size_t)n <= l->n ? l->t[lang][n - 1] : NULL;
}

/* POST /o/{org}/bcp/plan: a measure becomes a row of the plan. */
int
page_bcp_plan_post(struct req *r)
{
	const struct register_env *e = &req_app(r)->content.regenv;
	const struct register_decl *d = register_of(REGISTER_PLAN);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	const char *source = req_field(r, "source");
	const char *text = measure_text(r, source);
	const char *values[][2] = {
		{ "area", "organisational" }, { "measure", text },
		{ "status", "todo" }, { "source", source },
	};
	struct register_errs errs = { 0 };
	struct register_row row;
	int64_t id;
	size_t i;
	int rc;

	if (text == NULL)
		return 400;
	memset(&row, 0, sizeof(row));
	row.updated_by = "";
	for (i = 0; i < d->nf; i++)
		row.v[i].s = "";
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int fi = register_field(d, values[i][0]);
		long a, b;

		if (fi < 0 || register_value(e, &d->f[fi], values[i][1],
		    &r->arena, &row.v[fi], &a, &b) != RFE_OK)
			return 500;
	}
	if (register_finish(e, d, &row, &errs) != 0)
		return 500;
	rc = register_add(req_app(r)->db, e, d, r->org_id, &who, &row, &id,
	    &errs);
	if (rc == REGISTER_FULL)
		return bcp_page(r, Tn(r, "reg.full", REGISTER_ROWS_MAX, 0), "error", NULL, 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/bcp?done=plan#class", r->org_id));
}

/* POST /o/{org}/bcp/steps: the twelve steps of the two stages for a
 * system that has none, in the pack's words, to fill in. */
int
page_bcp_steps_post(struct req *r)
{
	const struct content *ct = &req_app(r)->content;
	const struct register_env *e = &ct->regenv;
	const struct register_decl *d = register_of(REGISTER_RECOVERY);
	struct register_who who = { r->auth.user_id, r->remote_addr };
	struct register_row rows[BCP_PROVISIONAL_STEPS + BCP_PERMANENT_STEPS];
	struct register_errs errs = { 0 };
	struct bcp_data x;
	const char *sys = req_field(r, "system");
	long sid;
	size_t i, k, n = 0;
	int st, rc, lang = page_lang_of(r);

	if (sys == NULL || str_to_long(str_c(sys), 1, INT64_MAX / 2, &sid) !=
	    0)
		return 400;
	if ((st = bcp_load(r, &x)) != 0)
		return st;
	for (i = 0; i < x.a.ns && x.a.sys[i].id != sid; i++)
		;
	if (i == x.a.ns)
		return 404;
	for (k = 0; k < x.a.nr; k++)
		if (x.a.rec[k].v[register_field(d, "system")].i == sid)
			return req_redirect(r, arena_printf(&r->arena,
			    "/o/%" PRId64 "/r/recovery", r->org_id));
	for (k = 0; k < BCP_PROVISIONAL_STEPS + BCP_PERMANENT_STEPS; k++) {
		bool prov = k < BCP_PROVISIONAL_STEPS;
		size_t s = prov ? k : k - BCP_PROVISIONAL_STEPS;
		const char *values[][2] = {
			{ "system", sys },
			{ "stage", prov ? "provisional" : "permanent" },
			{ "step", num(r, prov ? (long)s : (long)s + 1) },
			{ "action", prov ? ct->bcp.provisional[s].label.t[lang] :
			    ct->bcp.permanent[s].label.t[lang] },
		};
		struct register_row *row = &rows[n++];
		size_t j;

		memset(row, 0, sizeof(*row));
		row->updated_by = "";
		for (j = 0; j < d->nf; j++)
			row->v[j].s = "";
		for (j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
			int fi = register_field(d, values[j][0]);
			long a, b;

			if (fi < 0 || register_value(e, &d->f[fi], values[j][1],
			    &r->arena, &row->v[fi], &a, &b) != RFE_OK)
				return 500;
		}
		if (register_finish(e, d, row, &errs) != 0)
			return 500;
	}
	rc = register_add_many(req_app(r)->db, e, d, r->org_id, &who, rows, n,
	    &errs);
	if (rc == REGISTER_FULL)
		return bcp_page(r, Tn(r, "reg.full", REGISTER_ROWS_MAX, 0), "error", NULL, 409);
	if (rc != DB_OK)
		return 503;
	return req_redirect(r, arena_printf(&r->arena, "/o/%" PRId64
	    "/r/recovery?done=steps", r->org_id));
}
