#include "report/bcp_doc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/org.h"
#include "render/html.h"
#include "render/svg.h"

/* ---- reading rows ------------------------------------------------------ */

/* The index of field key of register k (a programmer's error if none). */
static int
F(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

/* Field key of row (of register k): NULL when the register has no such
 * field or it is unset. */
static const struct register_val *
V(enum register_kind k, const struct register_row *row, const char *key)
{
	int f = F(k, key);

	return f >= 0 && row->v[f].set ? &row->v[f] : NULL;
}

/* Text of field key, "" when unset. */
static const char *
S(enum register_kind k, const struct register_row *row, const char *key)
{
	const struct register_val *v = V(k, row, key);

	return v != NULL && v->s != NULL ? v->s : "";
}

/* Whole number of field key, or dflt when unset. */
static long
I(enum register_kind k, const struct register_row *row, const char *key,
    long dflt)
{
	const struct register_val *v = V(k, row, key);

	return v != NULL ? (long)v->i : dflt;
}

/* A value in words: enum and set labels, the titles of the rows named,
 * yes/no; "" when unset. */
static const char *
W(const struct bcp_doc_in *in, struct arena *a, enum register_kind k,
    const struct register_row *row, const char *key)
{
	const struct register_decl *d = register_of(k);
	int f = register_field(d, key);
	const struct register_val *v;

	if (f < 0 || !(v = &row->v[f])->set)
		return "";
	switch (d->f[f].type) {
	case RF_ENUM:
	case RF_SET:
	case RF_REFS:
		return register_label_a(&in->ct->regenv, &d->f[f], v,
		    (int)in->lang, a);
	case RF_REF:
		return v->s != NULL ? v->s : "";
	case RF_BOOL:
		return content_ui(in->ct, in->lang, v->i ? "form.yes" :
		    "form.no");
	default:
		return register_text(&d->f[f], v, a);
	}
}

static const char *
U(const struct bcp_doc_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

static const char *
Un(const struct bcp_doc_in *in, struct arena *a, const char *key, long n1,
    long n2)
{
	return content_ui_n(in->ct, in->lang, key, n1, n2, a);
}

static const char *
TX(const struct bcp_doc_in *in, const struct tr *t)
{
	return t->t[in->lang] != NULL ? t->t[in->lang] : "";
}

/* What stands between a label and its text: "：" in Japanese. */
static const char *
colon(const struct bcp_doc_in *in)
{
	return in->lang == LANG_JA ? "：" : ": ";
}

/* The label of a field of register k: reg.<register>.f.<field>. */
static const char *
L(const struct bcp_doc_in *in, struct arena *a, enum register_kind k,
    const char *key)
{
	return content_ui(in->ct, in->lang, arena_printf(a, "reg.%s.f.%s",
	    register_of(k)->key, key));
}

/* The priority of a process (BCP_PRIORITY__MAX when it has none). */
static int
prio_of(const struct register_row *p)
{
	long v = I(REGISTER_PROCESSES, p, "priority", -1);

	return v >= 0 && v < BCP_PRIORITY__MAX ? (int)v : BCP_PRIORITY__MAX;
}

/* "S", "A" … of priority k. */
static const char *
letter(const struct bcp_doc_in *in, struct arena *a, int k)
{
	const char *key = k >= 0 && k < BCP_PRIORITY__MAX ?
	    in->ct->bcp.priority[k].key : NULL;
	char *s;
	size_t i;

	if (key == NULL)
		return "";
	s = arena_strdup(a, key);
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
	return s;
}

/* ---- orders ------------------------------------------------------------ */

struct ranked {
	int		 k1;	/* priority, or 0 */
	long		 k2;	/* hours; LONG_MAX: none */
	const char	*name;
	int64_t		 id;
	size_t		 ix;	/* index into the rows */
	int		 k3, k4;	/* stage, step (steps only) */
};

static int
ranked_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	int c;

	if (a->k1 != b->k1)
		return a->k1 < b->k1 ? -1 : 1;
	if (a->k2 != b->k2)
		return a->k2 < b->k2 ? -1 : 1;
	if (a->k3 != b->k3)
		return a->k3 < b->k3 ? -1 : 1;
	if (a->k4 != b->k4)
		return a->k4 < b->k4 ? -1 : 1;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return (a->id > b->id) - (a->id < b->id);
}

/* rk[0..n) sorted, as indexes in a. */
static size_t *
ranked_out(struct ranked *rk, size_t n, struct arena *a)
{
	size_t *out = arena_alloc(a, (n ? n : 1) * sizeof(*out)), k;

	qsort(rk, n, sizeof(*rk), ranked_cmp);
	for (k = 0; k < n; k++)
		out[k] = rk[k].ix;
	return out;
}

size_t *
bcp_doc_order(const struct bcp_all *x, struct arena *a)
{
	struct ranked *rk = arena_alloc(a, (x->np ? x->np : 1) * sizeof(*rk));
	size_t k;

	for (k = 0; k < x->np; k++) {
		const struct register_row *p = &x->proc[k];

		rk[k].k1 = prio_of(p);
		rk[k].k2 = I(REGISTER_PROCESSES, p, "rto_hours", LONG_MAX);
		rk[k].name = S(REGISTER_PROCESSES, p, "name");
		rk[k].id = p->id;
		rk[k].ix = k;
	}
	return ranked_out(rk, x->np, a);
}

size_t *
bcp_doc_sys_order(const struct bcp_all *x, struct arena *a)
{
	struct ranked *rk = arena_alloc(a, (x->ns ? x->ns : 1) * sizeof(*rk));
	size_t k;

	for (k = 0; k < x->ns; k++) {
		rk[k].k2 = x->view[k].st.rto_hours >= 0 ?
		    x->view[k].st.rto_hours : LONG_MAX;
		rk[k].name = S(REGISTER_SYSTEMS, &x->sys[k], "name");
		rk[k].id = x->sys[k].id;
		rk[k].ix = k;
	}
	return ranked_out(rk, x->ns, a);
}

/* The place of system id in the recovery order so[], or -1. */
static long
sys_place(const struct bcp_all *x, const size_t *so, int64_t id)
{
	size_t k;

	for (k = 0; k < x->ns; k++)
		if (x->sys[so[k]].id == id)
			return (long)k;
	return -1;
}

/* The steps of x (all, or only those with no owner) in the systems'
 * order, then stage, step, id; steps of no system x holds left out. */
static size_t
steps_sorted(const struct bcp_all *x, const size_t *so, bool unowned,
    struct arena *a, size_t **out)
{
	struct ranked *rk = arena_alloc(a, (x->nr ? x->nr : 1) * sizeof(*rk));
	size_t k, n = 0;

	for (k = 0; k < x->nr; k++) {
		const struct register_row *s = &x->rec[k];
		long at = sys_place(x, so, I(REGISTER_RECOVERY, s, "system",
		    0));

		if (at < 0 || (unowned && V(REGISTER_RECOVERY, s, "owner") !=
		    NULL))
			continue;
		rk[n].k1 = (int)at;
		rk[n].k3 = (int)I(REGISTER_RECOVERY, s, "stage", 0);
		rk[n].k4 = (int)I(REGISTER_RECOVERY, s, "step", 0);
		rk[n].name = "";
		rk[n].id = s->id;
		rk[n].ix = k;
		n++;
	}
	*out = ranked_out(rk, n, a);
	return n;
}

size_t
bcp_doc_unowned(const struct bcp_all *x, struct arena *a, size_t **out)
{
	return steps_sorted(x, bcp_doc_sys_order(x, a), true, a, out);
}

size_t
bcp_card_processes(const struct bcp_all *x, struct arena *a, size_t **out)
{
	size_t *o = bcp_doc_order(x, a), k, n = 0;

	for (k = 0; k < x->np; k++)
		if (prio_of(&x->proc[o[k]]) <= BCP_A)
			o[n++] = o[k];
	*out = o;
	return n;
}

size_t *
bcp_card_contacts(const struct bcp_all *x, struct arena *a)
{
	struct ranked *rk = arena_alloc(a, (x->nc ? x->nc : 1) * sizeof(*rk));
	size_t k;

	for (k = 0; k < x->nc; k++) {
		long t = I(REGISTER_CONTACTS, &x->con[k], "target", -1);

		rk[k].k1 = t >= 0 ? (int)t : INT_MAX;
		rk[k].name = "";
		rk[k].id = x->con[k].id;
		rk[k].ix = k;
	}
	return ranked_out(rk, x->nc, a);
}

/* ---- the maintenance calendar ------------------------------------------ */

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Day d of month m of year y (m past 12 runs on into later years; d 0:
 * the month's last day), as YYYY-MM-DD. */
static void
ymd(int y, int m, int d, char out[11])
{
	char tmp[40];	/* room for any int the compiler can imagine */

	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	if (d == 0)
		d = month_days(y, m);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void
bcp_doc_maint(int64_t now, char next[BCP_MAINT][11])
{
	time_t jst = (time_t)now + 9 * 3600;
	struct tm tm;
	int y, m, q;

	gmtime_r(&jst, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	q = ((m - 1) / 3 + 1) * 3 + 1;	/* the next quarter's first month */
	ymd(y, m + 1, 1, next[0]);	/* carry out */
	ymd(y, q, 1, next[1]);		/* inspect */
	ymd(y, q + 1, 0, next[2]);	/* correct */
	ymd(y, m + 12, 1, next[3]);	/* executive review */
	ymd(y, m + 6, 1, next[4]);	/* education and exercises */
}

static const char *const maint_every[BCP_MAINT] = {
	"bcpdoc.maint.every.carry_out", "bcpdoc.maint.every.inspect",
	"bcpdoc.maint.every.correct", "bcpdoc.maint.every.review",
	"bcpdoc.maint.every.educate",
};

/* ---- the document -------------------------------------------------------- */

/* A tinted cell. */
static void
tone(struct doc_table *t, size_t r, size_t c, enum doc_tone tn)
{
	doc_cell(t, r, c)->tone = tn;
}

/* Hours as words ("3時間"), or "no target". */
static const char *
hours_text(const struct bcp_doc_in *in, struct arena *a, long h)
{
	return h >= 0 ? Un(in, a, "bcpdoc.hours", h, 0) :
	    U(in, "bcpdoc.no_target");
}

/* The recovery steps with no owner: a section before everything. */
static void
fix_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    const size_t *ix, size_t n)
{
	const struct bcp_all *x = in->x;
	struct doc_section *s;
	struct doc_block *b;
	size_t k;

	s = doc_section(d, U(in, "bcpdoc.fix.title"),
	    U(in, "bcpdoc.fix.sheet"), false);
	doc_text(d, s, U(in, "bcpdoc.fix.intro"));
	b = doc_table(d, s, 5, n);
	doc_col(d, &b->tab, 0, L(in, a, REGISTER_RECOVERY, "system"), 18,
	    DOC_LEFT);
	doc_col(d, &b->tab, 1, L(in, a, REGISTER_RECOVERY, "stage"), 16,
	    DOC_LEFT);
	doc_col(d, &b->tab, 2, L(in, a, REGISTER_RECOVERY, "step"), 7,
	    DOC_RIGHT);
	doc_col(d, &b->tab, 3, L(in, a, REGISTER_RECOVERY, "action"), 36,
	    DOC_LEFT);
	doc_col(d, &b->tab, 4, L(in, a, REGISTER_RECOVERY, "owner"), 16,
	    DOC_LEFT);
	for (k = 0; k < n; k++) {
		const struct register_row *st = &x->rec[ix[k]];

		doc_set_text(d, &b->tab, k, 0, W(in, a, REGISTER_RECOVERY, st,
		    "system"));
		doc_set_text(d, &b->tab, k, 1, W(in, a, REGISTER_RECOVERY, st,
		    "stage"));
		doc_set_num(&b->tab, k, 2, (double)I(REGISTER_RECOVERY, st,
		    "step", 0), 0);
		doc_set_text(d, &b->tab, k, 3, S(REGISTER_RECOVERY, st,
		    "action"));
		doc_set_text(d, &b->tab, k, 4, U(in, "bcpdoc.nobody"));
		tone(&b->tab, k, 4, DOC_TONE_BAD);
	}
}

/* The class, what it means and its measures; the RTO table in force. */
static void
class_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	const struct bcp_pack *bp = &ct->bcp;
	const struct bcp_settings *st = &in->x->s;
	struct doc_section *s;
	struct doc_block *b;
	int cls = -1, k;
	size_t i;

	for (k = 0; in->dep_class != NULL && k < DEP__MAX; k++)
		if (ct->org.dep[k].key != NULL &&
		    strcmp(ct->org.dep[k].key, in->dep_class) == 0)
			cls = k;
	s = doc_section(d, U(in, "bcpdoc.class.title"),
	    U(in, "bcpdoc.class.sheet"), false);
	if (cls < 0)
		doc_text(d, s, U(in, "bcpdoc.class.unset"));
	else {
		const struct trlist *ms = &ct->org.dep[cls].measures,
		    *ex = &bp->class_examples[cls];

		doc_heading(d, s, 2, doc_printf(d, "%s%s%s",
		    U(in, "bcpdoc.class.ours"), colon(in),
		    TX(in, &ct->org.dep[cls].label)));
		doc_text(d, s, TX(in, &ct->org.dep[cls].description));
		doc_heading(d, s, 3, U(in, "bcpdoc.class.measures"));
		b = doc_list(d, s, ms->n, false);
		for (i = 0; i < ms->n; i++)
			b->items[i] = doc_str(d, ms->t[in->lang][i]);
		doc_heading(d, s, 3, U(in, "bcpdoc.class.examples"));
		b = doc_list(d, s, ex->n, false);
		for (i = 0; i < ex->n; i++)
			b->items[i] = doc_str(d, ex->t[in->lang][i]);
	}

	doc_heading(d, s, 2, U(in, "bcpdoc.rto.heading"));
	doc_text(d, s, TX(in, &bp->preset[st->preset].label));
	b = doc_table(d, s, 4, BCP_PRIORITY__MAX);
	doc_col(d, &b->tab, 0, U(in, "bcpdoc.col.priority"), 20, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "bcpdoc.col.meaning"), 44, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "bcpdoc.col.hours"), 8, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(in, "bcpdoc.col.target"), 18, DOC_LEFT);
	for (k = 0; k < BCP_PRIORITY__MAX; k++) {
		int h = bcp_rto_hours(st, (enum bcp_priority)k);

		doc_set_text(d, &b->tab, (size_t)k, 0,
		    TX(in, &bp->priority[k].label));
		doc_set_text(d, &b->tab, (size_t)k, 1,
		    TX(in, &bp->priority_meaning[k]));
		if (h >= 0)
			doc_set_num(&b->tab, (size_t)k, 2, h, 0);
		/* the own table's words for a priority it gives no hours;
		 * the examples' words whatever the hours */
		doc_set_text(d, &b->tab, (size_t)k, 3, st->preset == BCP_OWN &&
		    h >= 0 ? Un(in, a, "bcpdoc.hours", h, 0) :
		    TX(in, &bp->preset[st->preset].rto_label[k]));
	}
	doc_note(d, s, TX(in, &bp->rule_matrix));
	doc_note(d, s, TX(in, &bp->rule_presets));
}

/* The 3×3 grid: a chart the PDF draws and a table saying the same. */
static void
grid(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    struct doc_section *s)
{
	static const char *const bands[SVG_HEAT_BANDS] = {
		"bcpdoc.grid.band_low", "bcpdoc.grid.band_mid",
		"bcpdoc.grid.band_high",
	};
	size_t n[BCP_LEVELS][BCP_LEVELS];
	struct svg_heat sp;
	struct buf b = BUF_INIT;
	struct html h;
	struct doc_block *t;
	int i, j;

	bcpflow_grid(in->x->proc, in->x->np, n);
	memset(&sp, 0, sizeof(sp));
	sp.id = "bcp-grid";
	sp.title = U(in, "bcpdoc.grid.heading");
	sp.desc = U(in, "bcpdoc.grid.caption");
	sp.row_title = L(in, a, REGISTER_PROCESSES, "dependency");
	sp.col_title = L(in, a, REGISTER_PROCESSES, "importance");
	for (i = 0; i < SVG_HEAT_BANDS; i++)
		sp.bands[i] = U(in, bands[i]);
	/* rows: dependency 3 at the top; columns: importance 1 at the left */
	for (i = 0; i < SVG_HEAT_N; i++) {
		int dep = SVG_HEAT_N - i;

		/* digits: the row labels have little room (the table under
		 * the chart has the words) */
		sp.rows[i] = arena_printf(a, "%d", dep);
		sp.cols[i] = arena_printf(a, "%d", i + 1);
		for (j = 0; j < SVG_HEAT_N; j++) {
			int p = (int)bcp_priority_of(j + 1, dep);

			sp.counts[i][j] = (int)n[dep - 1][j];
			sp.band[i][j] = p <= BCP_A ? 2 : p == BCP_B ? 1 : 0;
			sp.labels[i][j] = arena_printf(a, "%s %s",
			    U(in, "bcpdoc.grid.prio"), letter(in, a, p));
			sp.tips[i][j] = arena_printf(a, "%s %s: %zu",
			    U(in, "bcpdoc.grid.prio"), letter(in, a, p),
			    n[dep - 1][j]);
		}
	}
	html_init(&h, &b);
	svg_heat(&h, &sp);
	html_end(&h);
	if (!b.err && b.n > 0)
		doc_svg(d, s, b.p, b.n, 0.55,
		    U(in, "bcpdoc.grid.caption"))->only = DOC_ONLY_PDF;
	buf_free(&b);

	t = doc_table(d, s, 1 + BCP_LEVELS, BCP_LEVELS);
	doc_col(d, &t->tab, 0, U(in, "bcpdoc.grid.corner"), 24, DOC_LEFT);
	for (j = 0; j < BCP_LEVELS; j++)
		doc_col(d, &t->tab, 1 + (size_t)j, U(in, arena_printf(a,
		    "bcpdoc.level.%d", j + 1)), 14, DOC_CENTER);
	for (i = 0; i < BCP_LEVELS; i++) {
		int dep = BCP_LEVELS - i;

		doc_set_text(d, &t->tab, (size_t)i, 0, U(in, arena_printf(a,
		    "bcpdoc.level.%d", dep)));
		for (j = 0; j < BCP_LEVELS; j++) {
			int p = (int)bcp_priority_of(j + 1, dep);

			doc_set_text(d, &t->tab, (size_t)i, 1 + (size_t)j,
			    doc_printf(d, "%s: %zu", letter(in, a, p),
			    n[dep - 1][j]));
			tone(&t->tab, (size_t)i, 1 + (size_t)j, p <= BCP_A ?
			    DOC_TONE_BAD : p == BCP_B ? DOC_TONE_WARN :
			    DOC_TONE_GOOD);
		}
	}
	doc_note(d, s, U(in, "bcpdoc.grid.caption"));
}

/* The processes with priority and RTO, S first, and the grid. */
static void
process_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d)
{
	static const struct {
		const char	*key;
		double		 w;
		enum doc_align	 al;
		unsigned	 only;
	} cols[] = {
		{ "name", 24, DOC_LEFT, 0 },
		{ "importance", 8, DOC_CENTER, 0 },
		{ "dependency", 8, DOC_CENTER, 0 },
		{ "priority", 17, DOC_LEFT, 0 },
		{ "rto_hours", 8, DOC_RIGHT, 0 },
		{ "rto_label", 14, DOC_LEFT, 0 },
		{ "owner", 12, DOC_LEFT, 0 },
		{ "reentry_hours", 10, DOC_RIGHT, DOC_ONLY_XLSX },
		{ "workaround", 40, DOC_LEFT, DOC_ONLY_XLSX },
		{ "needs", 40, DOC_LEFT, DOC_ONLY_XLSX },
	};
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	const struct bcp_all *x = in->x;
	size_t *o = bcp_doc_order(x, a), k, c, nw = 0;
	struct doc_section *s;
	struct doc_block *b;

	s = doc_section(d, U(in, "reg.processes.title"),
	    U(in, "bcpdoc.proc.sheet"), false);
	if (x->np == 0)
		doc_text(d, s, U(in, "bcpdoc.proc.none"));
	else {
		doc_note(d, s, U(in, "bcpdoc.proc.order"));
		b = doc_table(d, s, nc, x->np);
		for (c = 0; c < nc; c++) {
			doc_col(d, &b->tab, c, L(in, a, REGISTER_PROCESSES,
			    cols[c].key), cols[c].w, cols[c].al);
			b->tab.col[c].only = cols[c].only;
		}
		for (k = 0; k < x->np; k++) {
			const struct register_row *p = &x->proc[o[k]];
			int pr = prio_of(p);

			for (c = 0; c < nc; c++) {
				const struct register_val *v = V(
				    REGISTER_PROCESSES, p, cols[c].key);

				if (v == NULL)
					continue;
				if (register_of(REGISTER_PROCESSES)->f[F(
				    REGISTER_PROCESSES, cols[c].key)].type ==
				    RF_INT)
					doc_set_num(&b->tab, k, c,
					    (double)v->i, 0);
				else
					doc_set_text(d, &b->tab, k, c, W(in, a,
					    REGISTER_PROCESSES, p,
					    cols[c].key));
			}
			if (pr <= BCP_A)
				tone(&b->tab, k, 3, DOC_TONE_BAD);
			if (V(REGISTER_PROCESSES, p, "workaround") != NULL)
				nw++;
		}
		/* how each runs by hand, which the page has no room for */
		if (nw > 0) {
			doc_heading(d, s, 3, L(in, a, REGISTER_PROCESSES,
			    "workaround"))->only = DOC_ONLY_PDF;
			b = doc_list(d, s, nw, false);
			b->only = DOC_ONLY_PDF;
			for (k = 0, c = 0; k < x->np; k++) {
				const struct register_row *p = &x->proc[o[k]];

				if (V(REGISTER_PROCESSES, p, "workaround") !=
				    NULL)
					b->items[c++] = doc_printf(d, "%s%s%s",
					    S(REGISTER_PROCESSES, p, "name"),
					    colon(in),
					    S(REGISTER_PROCESSES, p,
					    "workaround"));
			}
		}
	}
	/* the grid on a sheet of its own */
	s = doc_section(d, U(in, "bcpdoc.grid.heading"),
	    U(in, "bcpdoc.grid.sheet"), false);
	grid(in, a, d, s);
}

/* Copies offline / off-site / both, in one cell. */
static const char *
kept(struct doc *d, const struct bcp_backup *b)
{
	return doc_printf(d, "%d / %d / %d", b->offline, b->offsite,
	    b->offline_offsite);
}

/* The warnings that carry numbers of their own, system by system. */
#define WARN_NUMBERED	(BCP_W_TEST_SLOW | BCP_W_LOSS | BCP_W_STEPS_SLOW)

/* The text of warning i (its flag 1 << i) of v, its numbers filled in. */
static const char *
warn_text(const struct bcp_doc_in *in, struct arena *a,
    const struct bcp_sys_view *v, size_t i)
{
	long n1 = 0, n2 = 0;

	if ((1u << i) == BCP_W_TEST_SLOW) {
		n1 = v->st.test_minutes;
		n2 = v->st.rto_hours;
	} else if ((1u << i) == BCP_W_LOSS) {
		n1 = v->st.frequency_hours;
		n2 = v->st.reentry_hours;
	} else if ((1u << i) == BCP_W_STEPS_SLOW)
		n1 = v->steps_miss;
	return content_fill_n(TX(in, &in->ct->bcp.warn[i]), n1, n2, a);
}

/*
 * The 3-2-1 gaps and the warnings in words: a gap, or a warning the same
 * for every system, once with the systems it concerns; a warning with
 * numbers of its own once a system (a list of 20 systems would otherwise
 * say the same paragraph 20 times).  How many items; items (or NULL:
 * count only) filled from 0.
 */
static size_t
findings(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    const size_t *so, const char **items)
{
	const struct bcp_pack *bp = &in->ct->bcp;
	const struct tr *miss[3] = { &bp->miss_copies, &bp->miss_media,
	    &bp->miss_offline_offsite };
	const struct bcp_all *x = in->x;
	const char *sep = in->lang == LANG_JA ? "、" : ", ";
	size_t i, k, n = 0;

	for (i = 0; i < 3 + 7; i++) {
		bool gap = i < 3;
		unsigned bit = 1u << (gap ? i : i - 3);
		struct buf names = BUF_INIT;
		const char *text = NULL;

		for (k = 0; k < x->ns; k++) {
			const struct bcp_sys_view *v = &x->view[so[k]];
			const char *name = S(REGISTER_SYSTEMS, v->row, "name");

			if (!((gap ? v->miss : v->warn) & bit))
				continue;
			if (!gap && (bit & WARN_NUMBERED)) {
				if (items != NULL)
					items[n] = doc_printf(d, "%s%s%s", name,
					    colon(in), warn_text(in, a, v, i - 3));
				n++;
				continue;
			}
			if (names.n > 0)
				buf_adds(&names, sep);
			buf_adds(&names, name);
			text = gap ? TX(in, miss[i]) : TX(in, &bp->warn[i - 3]);
		}
		if (text != NULL) {
			if (items != NULL)
				items[n] = doc_printf(d, in->lang == LANG_JA ?
				    "%s（%s）" : "%s (%s)", text,
				    buf_cstr(&names));
			n++;
		}
		buf_free(&names);
	}
	return n;
}

/* The systems with their backups, 3-2-1 in words and the warnings. */
static void
system_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    const size_t *so)
{
	enum {
		SC_NAME, SC_PROCS, SC_RTO, SC_COPIES, SC_MEDIA, SC_KEPT,
		SC_OFFLINE, SC_OFFSITE, SC_BOTH, SC_FREQ, SC_TEST, SC_RESULT,
		SC_MINUTES, SC_RULE, SC__MAX
	};
	static const struct {
		const char	*key;	/* a field, or a bcpdoc text */
		bool		 field;
		double		 w;
		enum doc_align	 al;
		unsigned	 only;
	} cols[SC__MAX] = {
		[SC_NAME] = { "name", true, 17, DOC_LEFT, 0 },
		[SC_PROCS] = { "processes", true, 18, DOC_LEFT, 0 },
		[SC_RTO] = { "bcpdoc.col.rto", false, 11, DOC_RIGHT, 0 },
		[SC_COPIES] = { "copies", true, 11, DOC_RIGHT, 0 },
		[SC_MEDIA] = { "media", true, 17, DOC_LEFT, 0 },
		[SC_KEPT] = { "bcpdoc.col.kept", false, 12, DOC_CENTER,
		    DOC_ONLY_PDF },
		[SC_OFFLINE] = { "offline", true, 9, DOC_RIGHT, DOC_ONLY_XLSX },
		[SC_OFFSITE] = { "offsite", true, 9, DOC_RIGHT, DOC_ONLY_XLSX },
		[SC_BOTH] = { "offline_offsite", true, 9, DOC_RIGHT,
		    DOC_ONLY_XLSX },
		[SC_FREQ] = { "frequency_hours", true, 9, DOC_RIGHT,
		    DOC_ONLY_XLSX },
		[SC_TEST] = { "last_restore_test", true, 14, DOC_CENTER, 0 },
		[SC_RESULT] = { "restore_result", true, 14, DOC_LEFT,
		    DOC_ONLY_XLSX },
		[SC_MINUTES] = { "restore_minutes", true, 9, DOC_RIGHT,
		    DOC_ONLY_XLSX },
		[SC_RULE] = { "bcpdoc.col.rule", false, 12, DOC_CENTER, 0 },
	};
	const struct bcp_all *x = in->x;
	struct doc_section *s;
	struct doc_block *b;
	size_t k, c, nf = 0;

	s = doc_section(d, U(in, "reg.systems.title"),
	    U(in, "bcpdoc.sys.sheet"), true);
	if (x->ns == 0) {
		doc_text(d, s, U(in, "bcpdoc.sys.none"));
		return;
	}
	doc_note(d, s, U(in, "bcpdoc.sys.order"));
	b = doc_table(d, s, SC__MAX, x->ns);
	for (c = 0; c < SC__MAX; c++) {
		doc_col(d, &b->tab, c, cols[c].field ? L(in, a,
		    REGISTER_SYSTEMS, cols[c].key) : U(in, cols[c].key),
		    cols[c].w, cols[c].al);
		b->tab.col[c].only = cols[c].only;
	}
	for (k = 0; k < x->ns; k++) {
		const struct bcp_sys_view *v = &x->view[so[k]];
		const struct register_row *row = v->row;

		for (c = 0; c < SC__MAX; c++) {
			const struct register_val *val;

			if (!cols[c].field)
				continue;
			if ((val = V(REGISTER_SYSTEMS, row, cols[c].key)) ==
			    NULL)
				continue;
			if (register_of(REGISTER_SYSTEMS)->f[F(REGISTER_SYSTEMS,
			    cols[c].key)].type == RF_INT)
				doc_set_num(&b->tab, k, c, (double)val->i, 0);
			else
				doc_set_text(d, &b->tab, k, c, W(in, a,
				    REGISTER_SYSTEMS, row, cols[c].key));
		}
		if (v->st.rto_hours >= 0)
			doc_set_text(d, &b->tab, k, SC_RTO, hours_text(in, a,
			    v->st.rto_hours));
		if (V(REGISTER_SYSTEMS, row, "last_restore_test") == NULL) {
			doc_set_text(d, &b->tab, k, SC_TEST,
			    U(in, "bcpdoc.never"));
			tone(&b->tab, k, SC_TEST, DOC_TONE_WARN);
		}
		doc_set_text(d, &b->tab, k, SC_KEPT, kept(d, &v->st.backup));
		doc_set_text(d, &b->tab, k, SC_RULE, U(in, v->miss == 0 ?
		    "bcpdoc.rule.ok" : "bcpdoc.rule.no"));
		tone(&b->tab, k, SC_RULE, v->miss == 0 ? DOC_TONE_GOOD :
		    DOC_TONE_BAD);
		if (v->miss != 0 || v->warn != 0)
			nf++;
	}
	doc_note(d, s, TX(in, &in->ct->bcp.rule_321));

	/* the gaps and warnings in words */
	doc_heading(d, s, 2, U(in, "bcpdoc.sys.findings"));
	if (nf == 0)
		doc_text(d, s, U(in, "bcpdoc.sys.all_ok"));
	else {
		size_t n = findings(in, a, d, so, NULL);

		b = doc_list(d, s, n, false);
		findings(in, a, d, so, b->items);
	}
	doc_note(d, s, TX(in, &in->ct->bcp.rule_ours));
}

/* The label of step n of stage stage (0 provisional, 1 permanent). */
static const char *
step_label(const struct bcp_doc_in *in, long stage, long n)
{
	const struct bcp_pack *bp = &in->ct->bcp;

	if (stage == 0 && n >= 0 && n < BCP_PROVISIONAL_STEPS)
		return TX(in, &bp->provisional[n].label);
	if (stage == 1 && n >= 1 && n <= BCP_PERMANENT_STEPS)
		return TX(in, &bp->permanent[n - 1].label);
	return "";
}

/* Row r of a system's steps: the provisional stage's total, tinted. */
static void
total_row(const struct bcp_doc_in *in, struct doc *d, struct doc_table *t,
    size_t r, long sum)
{
	size_t c;

	doc_set_text(d, t, r, 2, U(in, "regs.total"));
	doc_set_num(t, r, 4, (double)sum, 0);
	for (c = 0; c < t->ncols; c++)
		tone(t, r, c, DOC_TONE_MARK);
}

/*
 * The steps st[0..n) of one system (the PDF), stage by stage in one
 * table: a tinted line naming each stage before its steps, and the
 * provisional stage's total after them.
 */
static void
steps_table(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    struct doc_section *s, const size_t *st, size_t n)
{
	const struct bcp_all *x = in->x;
	struct doc_block *b;
	size_t k, r, c, nst[2] = { 0, 0 };
	long sum = 0, stage;

	for (k = 0; k < n; k++)
		nst[I(REGISTER_RECOVERY, &x->rec[st[k]], "stage", 0) == 0 ? 0 :
		    1]++;
	/* the steps, a heading line a stage, the provisional total */
	b = doc_table(d, s, 5, n + (nst[0] > 0 ? 2 : 0) + (nst[1] > 0 ? 1 :
	    0));
	b->only = DOC_ONLY_PDF;
	doc_col(d, &b->tab, 0, L(in, a, REGISTER_RECOVERY, "step"), 6,
	    DOC_CENTER);
	doc_col(d, &b->tab, 1, U(in, "bcpdoc.col.step_label"), 18, DOC_LEFT);
	doc_col(d, &b->tab, 2, L(in, a, REGISTER_RECOVERY, "action"), 34,
	    DOC_LEFT);
	doc_col(d, &b->tab, 3, L(in, a, REGISTER_RECOVERY, "owner"), 15,
	    DOC_LEFT);
	doc_col(d, &b->tab, 4, L(in, a, REGISTER_RECOVERY, "minutes"), 9,
	    DOC_RIGHT);
	for (k = 0, r = 0, stage = -1; k < n; k++) {
		const struct register_row *row = &x->rec[st[k]];
		long sg = I(REGISTER_RECOVERY, row, "stage", 0),
		    no = I(REGISTER_RECOVERY, row, "step", 0);

		if (sg != stage) {
			if (stage == 0) {
				total_row(in, d, &b->tab, r++, sum);
			}
			stage = sg;
			doc_set_text(d, &b->tab, r, 1, U(in, sg == 0 ?
			    "bcp.stage.provisional" : "bcp.stage.permanent"));
			for (c = 0; c < 5; c++)
				tone(&b->tab, r, c, DOC_TONE_MARK);
			r++;
		}
		doc_set_num(&b->tab, r, 0, (double)no, 0);
		doc_set_text(d, &b->tab, r, 1, step_label(in, sg, no));
		doc_set_text(d, &b->tab, r, 2, S(REGISTER_RECOVERY, row,
		    "action"));
		if (V(REGISTER_RECOVERY, row, "owner") != NULL)
			doc_set_text(d, &b->tab, r, 3, S(REGISTER_RECOVERY, row,
			    "owner"));
		else {
			doc_set_text(d, &b->tab, r, 3, U(in, "bcpdoc.nobody"));
			tone(&b->tab, r, 3, DOC_TONE_BAD);
		}
		if (V(REGISTER_RECOVERY, row, "minutes") != NULL) {
			doc_set_num(&b->tab, r, 4, (double)I(REGISTER_RECOVERY,
			    row, "minutes", 0), 0);
			if (sg == 0)
				sum += I(REGISTER_RECOVERY, row, "minutes", 0);
		}
		r++;
	}
	if (stage == 0)
		total_row(in, d, &b->tab, r, sum);
}

/* What the provisional steps of v add up to against its RTO, in words:
 * the lines into out[0..3); how many. */
static size_t
sum_lines(const struct bcp_doc_in *in, struct arena *a,
    const struct bcp_sys_view *v, const char *out[3])
{
	size_t n = 0;

	if (v->st.steps_minutes <= 0) {
		out[n++] = U(in, "bcpdoc.steps.no_minutes");
		return n;
	}
	out[n++] = Un(in, a, "bcpdoc.steps.sum", v->st.steps_minutes, 0);
	if (v->st.rto_hours < 0) {
		out[n++] = U(in, "bcpdoc.steps.no_target");
		return n;
	}
	out[n++] = Un(in, a, "bcpdoc.steps.target", v->st.rto_hours,
	    (long)v->st.rto_hours * 60);
	if (v->steps_miss > 0)
		out[n++] = Un(in, a, "bcpdoc.steps.miss", v->steps_miss, 0);
	else
		out[n++] = Un(in, a, "bcpdoc.steps.fits",
		    (long)v->st.rto_hours * 60 - v->st.steps_minutes, 0);
	return n;
}

/* The two-stage procedures, system by system. */
static void
steps_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d,
    const size_t *so)
{
	const struct bcp_all *x = in->x;
	struct doc_section *s;
	struct doc_block *b;
	size_t *all, nall, k, i, j;

	s = doc_section(d, U(in, "reg.recovery.title"),
	    U(in, "bcpdoc.steps.sheet"), true);
	if (x->ns == 0) {
		doc_text(d, s, U(in, "bcpdoc.sys.none"));
		return;
	}
	nall = steps_sorted(x, so, false, a, &all);

	/* the PDF: each system, its sum against the RTO, its two stages */
	for (k = 0; k < x->ns; k++) {
		const struct bcp_sys_view *v = &x->view[so[k]];
		const char *lines[3];
		size_t n, nl;

		doc_heading(d, s, 2, S(REGISTER_SYSTEMS, v->row, "name"))->only =
		    DOC_ONLY_PDF;
		for (i = 0, n = 0; i < nall; i++)
			if (I(REGISTER_RECOVERY, &x->rec[all[i]], "system", 0) ==
			    v->row->id)
				n++;
		if (n == 0) {
			doc_text(d, s, U(in, "bcpdoc.steps.none"))->only =
			    DOC_ONLY_PDF;
			continue;
		}
		nl = sum_lines(in, a, v, lines);
		doc_text(d, s, nl == 1 ? lines[0] : nl == 2 ?
		    doc_printf(d, "%s %s", lines[0], lines[1]) :
		    doc_printf(d, "%s %s %s", lines[0], lines[1],
		    lines[2]))->only = DOC_ONLY_PDF;
		{
			size_t *st = arena_alloc(a, n * sizeof(*st)), m = 0;

			for (i = 0; i < nall; i++)
				if (I(REGISTER_RECOVERY, &x->rec[all[i]],
				    "system", 0) == v->row->id)
					st[m++] = all[i];
			steps_table(in, a, d, s, st, m);
		}
	}

	/* the sheet: every step in one table, then the sums */
	b = doc_table(d, s, 7, nall);
	b->only = DOC_ONLY_XLSX;
	doc_col(d, &b->tab, 0, L(in, a, REGISTER_RECOVERY, "system"), 20,
	    DOC_LEFT);
	doc_col(d, &b->tab, 1, L(in, a, REGISTER_RECOVERY, "stage"), 18,
	    DOC_LEFT);
	doc_col(d, &b->tab, 2, L(in, a, REGISTER_RECOVERY, "step"), 8,
	    DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(in, "bcpdoc.col.step_label"), 24, DOC_LEFT);
	doc_col(d, &b->tab, 4, L(in, a, REGISTER_RECOVERY, "action"), 40,
	    DOC_LEFT);
	doc_col(d, &b->tab, 5, L(in, a, REGISTER_RECOVERY, "owner"), 16,
	    DOC_LEFT);
	doc_col(d, &b->tab, 6, L(in, a, REGISTER_RECOVERY, "minutes"), 10,
	    DOC_RIGHT);
	for (i = 0; i < nall; i++) {
		const struct register_row *r = &x->rec[all[i]];

		doc_set_text(d, &b->tab, i, 0, W(in, a, REGISTER_RECOVERY, r,
		    "system"));
		doc_set_text(d, &b->tab, i, 1, W(in, a, REGISTER_RECOVERY, r,
		    "stage"));
		doc_set_num(&b->tab, i, 2, (double)I(REGISTER_RECOVERY, r,
		    "step", 0), 0);
		doc_set_text(d, &b->tab, i, 3, step_label(in,
		    I(REGISTER_RECOVERY, r, "stage", 0), I(REGISTER_RECOVERY,
		    r, "step", 0)));
		doc_set_text(d, &b->tab, i, 4, S(REGISTER_RECOVERY, r,
		    "action"));
		if (V(REGISTER_RECOVERY, r, "owner") != NULL)
			doc_set_text(d, &b->tab, i, 5, S(REGISTER_RECOVERY, r,
			    "owner"));
		else {
			doc_set_text(d, &b->tab, i, 5, U(in, "bcpdoc.nobody"));
			tone(&b->tab, i, 5, DOC_TONE_BAD);
		}
		if (V(REGISTER_RECOVERY, r, "minutes") != NULL)
			doc_set_num(&b->tab, i, 6, (double)I(REGISTER_RECOVERY,
			    r, "minutes", 0), 0);
	}
	if (nall == 0)
		doc_text(d, s, U(in, "bcpdoc.steps.none_all"))->only =
		    DOC_ONLY_XLSX;
	doc_heading(d, s, 2, U(in, "bcpdoc.steps.sums"))->only =
	    DOC_ONLY_XLSX;
	b = doc_table(d, s, 4, x->ns);
	b->only = DOC_ONLY_XLSX;
	doc_col(d, &b->tab, 0, L(in, a, REGISTER_RECOVERY, "system"), 20,
	    DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "bcpdoc.col.sum"), 16, DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(in, "bcpdoc.col.target_min"), 12, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(in, "bcpdoc.col.miss"), 12, DOC_RIGHT);
	for (j = 0; j < x->ns; j++) {
		const struct bcp_sys_view *v = &x->view[so[j]];

		doc_set_text(d, &b->tab, j, 0, S(REGISTER_SYSTEMS, v->row,
		    "name"));
		doc_set_num(&b->tab, j, 1, v->st.steps_minutes, 0);
		if (v->st.rto_hours >= 0)
			doc_set_num(&b->tab, j, 2, (double)v->st.rto_hours * 60,
			    0);
		doc_set_num(&b->tab, j, 3, v->steps_miss, 0);
		if (v->steps_miss > 0)
			tone(&b->tab, j, 3, DOC_TONE_BAD);
	}
}

/* Owners and contacts per damaged target, and the targets nobody has. */
static void
contact_section(const struct bcp_doc_in *in, struct arena *a, struct doc *d)
{
	enum {
		CC_TARGET, CC_SYSTEM, CC_OWNER, CC_WHO, CC_COMPANY, CC_PERSON,
		CC_PHONE, CC_EMAIL, CC_CONTRACT, CC_HOURS, CC_NOTE, CC__MAX
	};
	static const struct {
		const char	*key;
		double		 w;
		unsigned	 only;
	} cols[CC__MAX] = {
		[CC_TARGET] = { "target", 15, 0 },
		[CC_SYSTEM] = { "system", 12, 0 },
		[CC_OWNER] = { "owner", 15, 0 },
		[CC_WHO] = { NULL, 16, DOC_ONLY_PDF },
		[CC_COMPANY] = { "company", 18, DOC_ONLY_XLSX },
		[CC_PERSON] = { "person", 14, DOC_ONLY_XLSX },
		/* a number read off the page must not break */
		[CC_PHONE] = { "phone", 17, 0 },
		[CC_EMAIL] = { "email", 17, 0 },
		[CC_CONTRACT] = { "contract", 14, DOC_ONLY_XLSX },
		[CC_HOURS] = { "hours", 11, 0 },
		[CC_NOTE] = { "note", 30, DOC_ONLY_XLSX },
	};
	const struct bcp_pack *bp = &in->ct->bcp;
	const struct bcp_all *x = in->x;
	size_t *o = bcp_card_contacts(x, a), k, c, nmiss = 0;
	bool has[BCP_TARGET__MAX] = { false };
	struct doc_section *s;
	struct doc_block *b;
	int t;

	s = doc_section(d, U(in, "reg.contacts.title"),
	    U(in, "bcpdoc.con.sheet"), true);
	if (x->nc == 0)
		doc_text(d, s, U(in, "bcpdoc.con.none"));
	else {
		b = doc_table(d, s, CC__MAX, x->nc);
		for (c = 0; c < CC__MAX; c++) {
			doc_col(d, &b->tab, c, cols[c].key != NULL ? L(in, a,
			    REGISTER_CONTACTS, cols[c].key) :
			    U(in, "bcpdoc.col.who"), cols[c].w, DOC_LEFT);
			b->tab.col[c].only = cols[c].only;
		}
		for (k = 0; k < x->nc; k++) {
			const struct register_row *r = &x->con[o[k]];
			const char *co = S(REGISTER_CONTACTS, r, "company"),
			    *pe = S(REGISTER_CONTACTS, r, "person");
			long tg = I(REGISTER_CONTACTS, r, "target", -1);

			if (tg >= 0 && tg < BCP_TARGET__MAX)
				has[tg] = true;
			for (c = 0; c < CC__MAX; c++)
				if (cols[c].key != NULL)
					doc_set_text(d, &b->tab, k, c, W(in, a,
					    REGISTER_CONTACTS, r, cols[c].key));
			doc_set_text(d, &b->tab, k, CC_WHO, co[0] && pe[0] ?
			    doc_printf(d, "%s %s", co, pe) : co[0] ? co : pe);
		}
	}
	for (t = 0; t < BCP_T_OTHER; t++)
		if (!has[t])
			nmiss++;
	if (nmiss > 0) {
		doc_heading(d, s, 2, U(in, "bcpdoc.con.missing"));
		b = doc_list(d, s, nmiss, false);
		for (t = 0, k = 0; t < BCP_T_OTHER; t++)
			if (!has[t])
				b->items[k++] = doc_printf(d,
				    "%s — %s%s%s%s%s%s%s",
				    TX(in, &bp->target[t].label),
				    U(in, "bcpdoc.con.usual_owner"), colon(in),
				    TX(in, &bp->target_owner[t]),
				    in->lang == LANG_JA ? "。" : ". ",
				    U(in, "bcpdoc.con.usual_call"), colon(in),
				    TX(in, &bp->target_contacts[t]));
	}
}

/* The assumed incidents with the layers they hit. */
static void
disruption_section(const struct bcp_doc_in *in, struct arena *a,
    struct doc *d)
{
	static const struct {
		const char	*key;
		double		 w;
		unsigned	 only;
	} cols[] = {
		{ "kind", 16, 0 }, { "scenario", 30, 0 }, { "reason", 28, 0 },
		{ "layers", 18, 0 }, { "systems", 16, 0 },
		{ "note", 30, DOC_ONLY_XLSX },
	};
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	const struct bcp_all *x = in->x;
	struct doc_section *s;
	struct doc_block *b;
	size_t k, c;

	s = doc_section(d, U(in, "reg.disruptions.title"),
	    U(in, "bcpdoc.dis.sheet"), false);
	if (x->nd == 0) {
		doc_text(d, s, U(in, "bcpdoc.dis.none"));
		return;
	}
	b = doc_table(d, s, nc, x->nd);
	for (c = 0; c < nc; c++) {
		doc_col(d, &b->tab, c, L(in, a, REGISTER_DISRUPTIONS,
		    cols[c].key), cols[c].w, DOC_LEFT);
		b->tab.col[c].only = cols[c].only;
	}
	for (k = 0; k < x->nd; k++)
		for (c = 0; c < nc; c++)
			doc_set_text(d, &b->tab, k, c, W(in, a,
			    REGISTER_DISRUPTIONS, &x->dis[k], cols[c].key));
}

/* The five recurring activities with their next dates. */
static void
maint_section(const struct bcp_doc_in *in, struct doc *d)
{
	const struct bcp_pack *bp = &in->ct->bcp;
	char next[BCP_MAINT][11];
	struct doc_section *s;
	struct doc_block *b;
	size_t k;

	bcp_doc_maint(in->now, next);
	s = doc_section(d, U(in, "bcpdoc.maint.title"),
	    U(in, "bcpdoc.maint.sheet"), false);
	doc_text(d, s, U(in, "bcpdoc.maint.intro"));
	b = doc_table(d, s, 4, BCP_MAINT);
	doc_col(d, &b->tab, 0, U(in, "bcpdoc.col.activity"), 16, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "bcpdoc.col.how"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "bcpdoc.col.every"), 20, DOC_LEFT);
	doc_col(d, &b->tab, 3, U(in, "bcpdoc.col.next"), 12, DOC_CENTER);
	for (k = 0; k < BCP_MAINT; k++) {
		doc_set_text(d, &b->tab, k, 0, TX(in, &bp->maintenance[k].label));
		doc_set_text(d, &b->tab, k, 1,
		    TX(in, &bp->maintenance[k].explain));
		doc_set_text(d, &b->tab, k, 2, U(in, maint_every[k]));
		doc_set_text(d, &b->tab, k, 3, next[k]);
	}
	doc_note(d, s, U(in, "bcpdoc.maint.rule"));
}

void
bcp_doc_build(const struct bcp_doc_in *in, struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	const struct bcp_all *x = in->x;
	size_t *so = bcp_doc_sys_order(x, a), *fix, nfix;
	int cls = -1, k;

	nfix = steps_sorted(x, so, true, a, &fix);
	doc_init(d, a, lang_key(in->lang), U(in, "bcpdoc.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "bcpdoc.title"));
	for (k = 0; in->dep_class != NULL && k < DEP__MAX; k++)
		if (ct->org.dep[k].key != NULL &&
		    strcmp(ct->org.dep[k].key, in->dep_class) == 0)
			cls = k;
	doc_cover(d, nfix > 0 ? 4 : 3);
	doc_set_fig(d, &d->cover[0], U(in, "bcpdoc.cover.class"), cls >= 0 ?
	    TX(in, &ct->org.dep[cls].label) : U(in, "regs.unset"), false, 0,
	    0);
	doc_set_fig(d, &d->cover[1], U(in, "bcpdoc.cover.preset"),
	    TX(in, &ct->bcp.preset[x->s.preset].label), false, 0, 0);
	doc_set_fig(d, &d->cover[2], U(in, "bcpdoc.cover.counts"),
	    Un(in, a, "bcpdoc.cover.counts_v", (long)x->np, (long)x->ns),
	    false, 0, 0);
	if (nfix > 0) {
		doc_set_fig(d, &d->cover[3], U(in, "bcpdoc.cover.fix"),
		    Un(in, a, "bcpdoc.cover.fix_v", (long)nfix, 0), true,
		    (double)nfix, 0);
		d->cover[3].tone = DOC_TONE_BAD;
		fix_section(in, a, d, fix, nfix);
	}
	class_section(in, a, d);
	process_section(in, a, d);
	system_section(in, a, d, so);
	steps_section(in, a, d, so);
	contact_section(in, a, d);
	disruption_section(in, a, d);
	maint_section(in, d);
}

/* ---- the emergency card -------------------------------------------------- */

#define CARD_STEPS	5	/* bcpcard.first.1 … 5 */
#define CARD_SCALE	1.3	/* type a third larger than a document's */

/* The bytes of the UTF-8 character at p (never past the end). */
static size_t
u8len(const unsigned char *p)
{
	size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4, k;

	for (k = 1; k < len; k++)
		if (p[k] == '\0')
			return k;
	return len;
}

/* How wide the character at p is, in em (see clip). */
static double
u8em(const unsigned char *p)
{
	return *p >= 0xE0 ? 1 : 0.6;
}

/*
 * s cut to about em wide, "…" included, when it is wider (a character of
 * three or more bytes in UTF-8 counted as a full em, others as 0.6, the
 * most IPAexGothic's Latin letters and digits take): a row of the card
 * stays one line, so the card stays one page whatever was typed (the
 * document and the phone page have it whole).
 */
static const char *
clip(struct arena *a, const char *s, double em)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, keep = 0;
	double w = 0;

	for (i = 0; p[i] != '\0'; i += u8len(p + i)) {
		w += u8em(p + i);
		if (w <= em - 1)
			keep = i + u8len(p + i);
	}
	return w <= em ? s : arena_printf(a, "%.*s…", (int)keep, s);
}

size_t
bcp_card_first(const struct content *ct, enum lang l,
    const char *out[BCP_CARD_FIRST])
{
	static const char *const ours[] = { "bcpcard.first.1",
	    "bcpcard.first.2", NULL, "bcpcard.first.4", "bcpcard.first.5" };
	const struct incident_step *st =
	    ct->incidents.playbook[INC_PB_MALWARE].steps;
	size_t ns = ct->incidents.playbook[INC_PB_MALWARE].n_steps;
	size_t n = 0, k, i;

	for (k = 0; k < sizeof(ours) / sizeof(ours[0]); k++) {
		if (ours[k] != NULL) {
			out[n++] = content_ui(ct, l, ours[k]);
			continue;
		}
		/* the playbook's: what the one who noticed does first */
		for (i = 0; i < ns && n < BCP_CARD_FIRST - 2; i++)
			if (st[i].role == INC_ROLE_FINDER &&
			    st[i].phase == INC_PH_TRIAGE &&
			    st[i].text.t[l] != NULL)
				out[n++] = st[i].text.t[l];
	}
	return n;
}

enum incident_role
bcp_card_level(const struct content *ct, const struct incsetup_all *inc,
    int k, const struct incsetup_person **who)
{
	enum incident_role role = inc != NULL ? inc->s.level[k] :
	    ct->incidents.level[k].responder;

	if (role >= INC_STRUCT_ROLES)
		role = INC_ROLE_LEAD;
	*who = inc != NULL ? &inc->s.who[role] : NULL;
	return role;
}

/* text with "{date}" replaced by date (never a format). */
static const char *
fill_date(struct arena *a, const char *text, const char *date)
{
	const char *at = strstr(text, "{date}");

	if (at == NULL)
		return text;
	return arena_printf(a, "%.*s%s%s", (int)(at - text), text, date,
	    at + strlen("{date}"));
}

/* How to reach a person in one cell: a contact's phone, whole; else an
 * e-mail address (a member's is their address), cut to one line (the
 * phone page has it whole); "" when none. */
static const char *
card_reach(struct arena *a, const struct incsetup_person *p)
{
	if (p == NULL || !p->found)
		return "";
	return p->phone[0] != '\0' ? p->phone : clip(a, p->email, 10);
}

/* A desk in one cell: its number, else its address without the scheme
 * and the last slash. */
static const char *
desk_reach(struct arena *a, const struct desk *k)
{
	const char *u = k->url;
	size_t n;

	if (k->phone != NULL && k->phone[0] != '\0')
		return k->phone;
	if (u == NULL)
		return "";
	if (strncmp(u, "https://", 8) == 0)
		u += 8;
	n = strlen(u);
	if (n > 0 && u[n - 1] == '/')
		n--;
	return arena_printf(a, "%.*s", (int)n, u);
}

void
bcp_card_build(const struct bcp_doc_in *in, struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	const struct bcp_all *x = in->x;
	const char *first[BCP_CARD_FIRST];
	size_t *pi, np, *co, k, n;
	struct doc_section *s;
	struct doc_block *b;

	doc_init(d, a, lang_key(in->lang), U(in, "bcpcard.title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(in, "bcpcard.title"));
	d->scale = CARD_SCALE;

	/* what to do first (when to hand over is on the phone page) */
	s = doc_section(d, U(in, "bcpcard.first.title"), NULL, false);
	n = bcp_card_first(ct, in->lang, first);
	b = doc_list(d, s, n, true);
	for (k = 0; k < n; k++)
		b->items[k] = doc_str(d, first[k]);

	/* the work to bring back first */
	s = doc_section(d, U(in, "bcpcard.proc.title"), NULL, false);
	np = bcp_card_processes(x, a, &pi);
	n = np < BCP_CARD_PROCESSES ? np : BCP_CARD_PROCESSES;
	if (np == 0)
		doc_text(d, s, U(in, "bcpcard.proc.none"));
	else {
		b = doc_table(d, s, 3, n);
		doc_col(d, &b->tab, 0, L(in, a, REGISTER_PROCESSES, "name"), 30,
		    DOC_LEFT);
		doc_col(d, &b->tab, 1, L(in, a, REGISTER_PROCESSES,
		    "priority"), 18, DOC_LEFT);
		doc_col(d, &b->tab, 2, L(in, a, REGISTER_PROCESSES,
		    "rto_label"), 16, DOC_LEFT);
		for (k = 0; k < n; k++) {
			const struct register_row *p = &x->proc[pi[k]];

			doc_set_text(d, &b->tab, k, 0, clip(a,
			    S(REGISTER_PROCESSES, p, "name"), 18));
			doc_set_text(d, &b->tab, k, 1, W(in, a,
			    REGISTER_PROCESSES, p, "priority"));
			doc_set_text(d, &b->tab, k, 2, W(in, a,
			    REGISTER_PROCESSES, p, "rto_label"));
		}
		if (np > n)
			doc_note(d, s, Un(in, a, "bcpcard.more", (long)(np - n),
			    0));
	}

	/* whom to call: at each incident level, then per damaged target */
	s = doc_section(d, U(in, "bcpcard.con.title"), NULL, false);
	b = doc_table(d, s, 3, INC_LEVELS);
	doc_col(d, &b->tab, 0, U(in, "bcpcard.lv.level"), 26, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "bcpcard.lv.who"), 27, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "bcpcard.lv.reach"), 17, DOC_LEFT);
	for (k = 0; k < INC_LEVELS; k++) {
		const struct incsetup_person *p;
		enum incident_role role = bcp_card_level(ct, in->inc, (int)k,
		    &p);
		const char *own = in->inc != NULL ?
		    in->inc->s.definition[k] : "";
		const char *rl = TX(in, &ct->incidents.role[role].label);

		/* one line a row; a member is named by the address in the
		 * last column */
		doc_set_text(d, &b->tab, k, 0, clip(a, own[0] != '\0' ?
		    arena_printf(a, "%s%s", Un(in, a, "bcpcard.lv.n", (long)k,
		    0), own) : TX(in, &ct->incidents.level[k].label), 15));
		doc_set_text(d, &b->tab, k, 1, clip(a, p != NULL && p->found &&
		    p->kind == INCSETUP_CONTACT ? arena_printf(a, "%s%s%s", rl,
		    colon(in), p->name) : rl, 16));
		doc_set_text(d, &b->tab, k, 2, p != NULL && p->found ?
		    card_reach(a, p) : U(in, "bcpcard.lv.nobody"));
	}
	co = bcp_card_contacts(x, a);
	n = x->nc < BCP_CARD_CONTACTS ? x->nc : BCP_CARD_CONTACTS;
	if (x->nc == 0)
		doc_text(d, s, U(in, "bcpcard.con.none"));
	else {
		b = doc_table(d, s, 4, n);
		doc_col(d, &b->tab, 0, L(in, a, REGISTER_CONTACTS, "target"), 19,
		    DOC_LEFT);
		doc_col(d, &b->tab, 1, L(in, a, REGISTER_CONTACTS, "owner"), 15,
		    DOC_LEFT);
		doc_col(d, &b->tab, 2, U(in, "bcpdoc.col.who"), 19, DOC_LEFT);
		doc_col(d, &b->tab, 3, L(in, a, REGISTER_CONTACTS, "phone"), 17,
		    DOC_LEFT);
		for (k = 0; k < n; k++) {
			const struct register_row *r = &x->con[co[k]];
			const char *c1 = S(REGISTER_CONTACTS, r, "company"),
			    *c2 = S(REGISTER_CONTACTS, r, "person"),
			    *sys = W(in, a, REGISTER_CONTACTS, r, "system");
			const char *tg = W(in, a, REGISTER_CONTACTS, r,
			    "target");

			/* one line a row */
			doc_set_text(d, &b->tab, k, 0, clip(a, sys[0] ?
			    arena_printf(a, in->lang == LANG_JA ? "%s（%s）" :
			    "%s (%s)", tg, sys) : tg, 10));
			doc_set_text(d, &b->tab, k, 1, clip(a,
			    S(REGISTER_CONTACTS, r, "owner"), 8.5));
			doc_set_text(d, &b->tab, k, 2, clip(a, c1[0] && c2[0] ?
			    arena_printf(a, "%s %s", c1, c2) : c1[0] ? c1 : c2,
			    10.5));
			/* a phone number whole: at most 40 characters */
			doc_set_text(d, &b->tab, k, 3, S(REGISTER_CONTACTS, r,
			    "phone"));
		}
		if (x->nc > n)
			doc_note(d, s, Un(in, a, "bcpcard.more",
			    (long)(x->nc - n), 0));
	}

	/* the outside desks, two a row, and the day the list was made */
	n = ct->desks.n < BCP_CARD_DESKS ? ct->desks.n : BCP_CARD_DESKS;
	b = doc_table(d, s, 4, (n + 1) / 2);
	doc_col(d, &b->tab, 0, U(in, "bcpcard.desk.name"), 19, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(in, "bcpcard.desk.reach"), 16, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(in, "bcpcard.desk.name"), 19, DOC_LEFT);
	doc_col(d, &b->tab, 3, U(in, "bcpcard.desk.reach"), 16, DOC_LEFT);
	for (k = 0; k < n; k++) {
		const struct desk *dk = &ct->desks.v[k];

		/* the short name the pack gives for a card, else the name */
		doc_set_text(d, &b->tab, k / 2, 2 * (k % 2), clip(a,
		    TX(in, dk->short_name.t[0] != NULL ? &dk->short_name :
		    &dk->name), 10));
		doc_set_text(d, &b->tab, k / 2, 2 * (k % 2) + 1,
		    desk_reach(a, &ct->desks.v[k]));
	}
	if (ct->desks.n > n)
		doc_note(d, s, Un(in, a, "bcpcard.more",
		    (long)(ct->desks.n - n), 0));
	doc_note(d, s, fill_date(a, U(in, "bcpcard.desk.dated"),
	    ct->desks.as_of));
}

/* ---- reading and writing a file ------------------------------------------ */

int
bcp_doc_file(struct db_conn *c, struct arena *a, struct bcp_doc_in *in,
    int64_t org, enum bcp_doc_kind k, enum report_format f,
    struct buf *out, char *err, size_t errlen)
{
	struct bcp_all *x;
	struct org o;
	struct doc d;
	int rc;

	if (!(f == REPORT_PDF || (f == REPORT_XLSX && k == BCP_DOC_PLAN))) {
		snprintf(err, errlen, k == BCP_DOC_PLAN ? "the IT-BCP document "
		    "comes as pdf or xlsx" : "the emergency card comes as pdf");
		return REPORT_ERR_VIEW;
	}
	if ((rc = org_get(c, a, org, &o)) != 0) {
		snprintf(err, errlen, rc == DB_DONE ? "organisation %lld: no "
		    "such organisation" : "reading organisation %lld: "
		    "database error", (long long)org);
		return rc == DB_DONE ? REPORT_ERR_NOT_FOUND : REPORT_ERR_DB;
	}
	if (in->org == NULL)
		in->org = o.name;
	if (in->dep_class == NULL)
		in->dep_class = o.dep_class;
	x = arena_alloc(a, sizeof(*x));
	if (bcpflow_read(c, &in->ct->regenv, org, in->now, a, x) != DB_OK) {
		snprintf(err, errlen, "reading the continuity registers: "
		    "database error");
		return REPORT_ERR_DB;
	}
	in->x = x;
	if (k == BCP_DOC_CARD) {
		struct incsetup_all *inc = arena_alloc(a, sizeof(*inc));
		enum incident_role dflt[INC_LEVELS];
		int l;

		for (l = 0; l < INC_LEVELS; l++)
			dflt[l] = in->ct->incidents.level[l].responder;
		if (incsetup_load(c, &in->ct->regenv, org, dflt, a, inc) !=
		    DB_OK) {
			snprintf(err, errlen, "reading the incident-response "
			    "structure: database error");
			return REPORT_ERR_DB;
		}
		in->inc = inc;
		bcp_card_build(in, a, &d);
	} else
		bcp_doc_build(in, a, &d);
	return report_render(&d, f, out, err, errlen);
}
