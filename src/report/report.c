#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/esc.h"
#include "base/num.h"
#include "model/diag.h"
#include "model/org.h"
#include "model/peer.h"
#include "model/round.h"
#include "render/html.h"
#include "render/pdf.h"
#include "render/svg.h"
#include "render/xlsx.h"
#include "report/diag_json.h"

static const char *const format_keys[REPORT_FORMAT__MAX] = {
	[REPORT_PDF] = "pdf",
	[REPORT_XLSX] = "xlsx",
	[REPORT_CSV] = "csv",
	[REPORT_JSON] = "json",
};

static const char *const format_types[REPORT_FORMAT__MAX] = {
	[REPORT_PDF] = "application/pdf",
	[REPORT_XLSX] = ("application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet"),
	[REPORT_CSV] = "text/csv; charset=utf-8",
	[REPORT_JSON] = "application/json; charset=utf-8",
};

const char *
report_format_key(enum report_format f)
{
	return f >= 0 && f < REPORT_FORMAT__MAX ? format_keys[f] : "";
}

int
report_format_from_key(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < REPORT_FORMAT__MAX; i++)
		if (strcmp(s, format_keys[i]) == 0)
			return i;
	return -1;
}

const char *
report_ctype(enum report_format f)
{
	return f >= 0 && f < REPORT_FORMAT__MAX ? format_types[f] :
	    "application/octet-stream";
}

/* One code point of s at *i (advanced past it), or -1 for a byte that
 * starts no valid UTF-8 sequence (advanced by one). */
static long
utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	size_t len, k;
	long cp;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c < 0xF0 ? 3 : 0) :
	    c >= 0xC2 ? 2 : 0;
	if (len == 0 || *i + len > n)
		goto bad;
	cp = c & (0x7F >> len);
	for (k = 1; k < len; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			goto bad;
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		goto bad;
	*i += len;
	return cp;
bad:
	(*i)++;
	return -1;
}

/* Whether a code point may stand in a file name as it is. */
static bool
fname_ok(long cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return false;
	if (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp) != NULL)
		return false;
	/* marks that turn text around, so "gpj.exe" cannot pass for
	 * "exe.jpg" */
	return !(cp == 0x200E || cp == 0x200F || (cp >= 0x202A &&
	    cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
}

static bool
fname_blank(long cp)
{
	return cp == ' ' || cp == 0x3000 || cp == 0xA0;
}

/* One part of a file name from text (see report_fname); "" for none. */
static const char *
fname_part(struct arena *a, const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)s), i = 0, kept = 0, start;
	struct buf b = BUF_INIT;
	bool blank = false;
	const char *out;
	long cp;

	while (i < n && kept < REPORT_FNAME_PART) {
		start = i;
		cp = utf8_next(s, n, &i);
		if (cp >= 0 && fname_blank(cp)) {
			blank = b.n > 0;
			continue;
		}
		if (blank) {
			buf_addc(&b, ' ');
			kept++;
			blank = false;
			if (kept == REPORT_FNAME_PART)
				break;
		}
		if (cp < 0 || !fname_ok(cp))
			buf_addc(&b, '_');
		else
			buf_add(&b, (const char *)s + start, i - start);
		kept++;
	}
	out = arena_strndup(a, b.p ? b.p : "", b.n);
	buf_free(&b);
	return out;
}

struct report_fname
report_fname(struct arena *a, const char *org, const char *what,
    const char *what_ascii, int64_t at, const char *ext)
{
	time_t jst = (time_t)at + 9 * 3600;
	const char *o = fname_part(a, org), *w = fname_part(a, what);
	struct report_fname f;
	struct tm tm;
	char d[40];	/* room for any int the compiler can imagine */

	gmtime_r(&jst, &tm);
	snprintf(d, sizeof(d), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	f.ascii = arena_printf(a, "mamori-%s-%s.%s", what_ascii, d, ext);
	f.utf8 = arena_printf(a, "mamori-%s%s%s%s%s.%s", o, o[0] ? "-" : "",
	    w, w[0] ? "-" : "", d, ext);
	return f;
}

int
report_round_fname(struct db_conn *c, struct arena *a,
    const struct report_in *in, enum report_format f,
    struct report_fname *out)
{
	struct round rd;
	struct org o;
	int rc;

	rc = round_get(c, a, in->round_id, in->org_id, &rd);
	if (rc == 0)
		rc = org_get(c, a, in->org_id, &o);
	if (rc != 0)
		return rc == DB_DONE ? REPORT_ERR_NOT_FOUND : REPORT_ERR_DB;
	*out = report_fname(a, o.name, rd.title, arena_printf(a,
	    "round-%lld", (long long)in->round_id), rd.closed_at > 0 ?
	    rd.closed_at : in->now, report_format_key(f));
	return REPORT_OK;
}

/* Everything the report says, read once. */
struct rdata {
	const struct report_in	*in;
	struct org		 org;
	struct round		 round;
	struct diag_resp	*resp;	/* complete respondents */
	size_t			 n;
	struct diag_result	 res;
	struct peer_stats	 peer;	/* has false: no comparison */
	struct peer_dot		*dots;
	size_t			 ndots;
	int64_t			 hidden;
	struct round_comment	 comment;	/* the advisor's; body "" none */
};

static const char *
U(const struct rdata *x, const char *key)
{
	return content_ui(x->in->ct, x->in->lang, key);
}

static const char *
TRX(const struct rdata *x, const struct tr *t)
{
	return t->t[x->in->lang];
}

/* A UI text with {1} and {2} replaced. */
static const char *
Un(struct arena *a, const struct rdata *x, const char *key, long v1, long v2)
{
	return content_ui_n(x->in->ct, x->in->lang, key, v1, v2, a);
}

static const char *
tenths(struct arena *a, long v)
{
	return num_tenths_a(a, v);
}

static const char *
day(struct arena *a, int64_t t, enum lang l)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return l == LANG_JA ? arena_printf(a, "%d年%d月%d日",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) :
	    arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

static int
load(struct db_conn *c, struct arena *a, const struct report_in *in,
    struct rdata *x, char *err, size_t errlen)
{
	int rc;

	memset(x, 0, sizeof(*x));
	x->in = in;
	rc = round_get(c, a, in->round_id, in->org_id, &x->round);
	if (rc == DB_DONE) {
		snprintf(err, errlen, "round %lld: no such round",
		    (long long)in->round_id);
		return REPORT_ERR_NOT_FOUND;
	}
	if (rc != 0)
		goto dberr;
	if (x->round.open) {
		snprintf(err, errlen, "round %lld is still open: close it "
		    "before exporting its report", (long long)in->round_id);
		return REPORT_ERR_OPEN;
	}
	if (org_get(c, a, in->org_id, &x->org) != 0 ||
	    round_answers(c, a, in->round_id, in->org_id, &x->resp,
	    &x->n) != DB_OK || round_comment_get(c, a, in->round_id,
	    in->org_id, &x->comment) != DB_OK)
		goto dberr;
	diag_compute(x->resp, x->n, &x->res);
	if (peer_stats(c, a, in->org_id, &x->peer) != DB_OK)
		goto dberr;
	/* Figures of another (later) round would not match this report. */
	if (x->peer.has && x->peer.round_id != in->round_id)
		x->peer.has = false;
	if (x->peer.has && peer_scatter(c, a, x->peer.industry, &x->dots,
	    &x->ndots, &x->hidden) != DB_OK)
		goto dberr;
	return REPORT_OK;
dberr:
	snprintf(err, errlen, "database error while reading round %lld",
	    (long long)in->round_id);
	return REPORT_ERR_DB;
}

/* ---- charts, as the pages draw them but naming their fonts ---- */

static const char *
svg_done(struct arena *a, struct buf *b, size_t *len)
{
	char *s = arena_strndup(a, buf_cstr(b), b->n);

	*len = b->n;
	buf_free(b);
	return s;
}

static const char *
radar_parts(struct arena *a, const struct rdata *x, size_t *len)
{
	const struct diag_pack *d = &x->in->ct->diag;
	const char *axes[DIAG_PARTS];
	double own[DIAG_PARTS], them[DIAG_PARTS];
	struct svg_series ser[2];
	struct svg_radar sp;
	struct buf b = BUF_INIT;
	struct html h;
	int k;

	for (k = 0; k < DIAG_PARTS; k++) {
		axes[k] = TRX(x, &d->part_title[k]);
		own[k] = x->res.part_mean_tenths[k] / 10.0;
		them[k] = x->peer.part_mean_tenths[k] / 10.0;
	}
	ser[0] = (struct svg_series){ U(x, "results.company"), own,
	    SVG_STYLE_OWN };
	ser[1] = (struct svg_series){ U(x, "peer.them"), them,
	    SVG_STYLE_ALT1 };
	memset(&sp, 0, sizeof(sp));
	sp.id = "radar";
	sp.title = U(x, "results.parts_chart");
	sp.axes = axes;
	sp.naxes = DIAG_PARTS;
	sp.min = -1;
	sp.max = 4;
	sp.rings = 5;
	sp.decimals = 1;
	sp.series = ser;
	sp.nseries = x->peer.has ? 2 : 1;
	html_init(&h, &b);
	svg_radar(&h, &sp);
	html_end(&h);
	return svg_done(a, &b, len);
}

long
report_scatter(struct html *h, struct arena *a, const struct content *ct,
    enum lang l, const struct peer_stats *s, const struct peer_dot *pd,
    size_t n, const char *id, const char *title, const char *desc,
    bool page_font)
{
	const struct org_pack *op = &ct->org;
	const char *cats[SVG_CATS_MAX];
	struct svg_dot *dots;
	struct svg_scatter sc;
	size_t i, k, ncats;
	long shown = 0;

	ncats = op->employees.n < SVG_CATS_MAX ? op->employees.n :
	    SVG_CATS_MAX;
	for (k = 0; k < ncats; k++)
		cats[k] = op->employees.v[k].label.t[l];
	dots = arena_alloc(a, (n ? n : 1) * sizeof(*dots));
	for (i = 0; i < n; i++) {
		for (k = 0; k < ncats; k++)
			if (strcmp(op->employees.v[k].key, pd[i].employees) == 0)
				break;
		dots[i].cat = k;	/* ncats: a band no longer offered */
		dots[i].y = pd[i].score_tenths / 10.0;
		dots[i].n = (long)pd[i].n;
		shown += (long)pd[i].n;
	}
	memset(&sc, 0, sizeof(sc));
	sc.id = id;
	sc.title = title;
	sc.desc = desc;
	sc.cats = cats;
	sc.ncats = ncats;
	sc.ymin = -25;
	sc.ymax = 100;
	sc.yticks = 5;
	sc.decimals = 1;
	sc.unit = content_ui(ct, l, "peer.points");
	sc.dots = dots;
	sc.ndots = n;
	for (k = 0; k < ncats; k++)
		if (strcmp(op->employees.v[k].key, s->employees) == 0)
			break;
	sc.has_own = k < ncats;
	sc.own_cat = k;
	sc.own_y = s->score_tenths / 10.0;
	sc.own_label = content_ui(ct, l, "peer.own");
	sc.others_label = content_ui(ct, l, "peer.others");
	sc.page_font = page_font;
	svg_scatter(h, &sc);
	return shown;
}

/* ---- the sections ---- */

static const char *
resp_name(struct arena *a, const struct rdata *x, size_t i)
{
	const char *n = x->resp[i].name;

	if (x->in->view == REPORT_VIEW_NAMES && n != NULL && n[0] != '\0')
		return n;
	return Un(a, x, "report.respondent_n", (long)i + 1, 0);
}

/* True when role figures r may be shown to this report's reader. */
static bool
role_shown(const struct rdata *x, enum diag_role r)
{
	return x->in->view != REPORT_VIEW_MEMBER || !x->res.role_hidden[r];
}

/* True when the staff mean (and the gap to the executives) may be. */
static bool
staff_shown(const struct rdata *x)
{
	return x->in->view != REPORT_VIEW_MEMBER || !x->res.staff_hidden;
}

static const char *
role_label(struct arena *a, const struct rdata *x, enum diag_role r)
{
	return U(x, arena_printf(a, "resp.role.%s", diag_role_key(r)));
}

static const char *
peer_group(struct arena *a, const struct rdata *x)
{
	const struct org_pack *op = &x->in->ct->org;
	const struct choice *ci = choices_find(&op->industries,
	    x->peer.industry);
	const struct choice *ce = choices_find(&op->employees,
	    x->peer.employees);

	return arena_printf(a, "%s%s%s %s",
	    x->peer.scope == PEER_ALL ? U(x, "peer.all_industries") :
	    ci ? TRX(x, &ci->label) : x->peer.industry, U(x, "peer.sep"),
	    x->peer.scope == PEER_COHORT ? (ce ? TRX(x, &ce->label) :
	    x->peer.employees) : U(x, "peer.all_sizes"),
	    Un(a, x, "peer.n", (long)x->peer.n, 0));
}

static void
cover(struct doc *d, const struct rdata *x)
{
	struct arena *a = d->a;
	const struct org_pack *op = &x->in->ct->org;
	const struct choice *ci = choices_find(&op->industries,
	    x->org.industry);
	const struct choice *ce = choices_find(&op->employees,
	    x->org.employees);
	enum lang l = x->in->lang;

	d->subtitle = doc_str(d, x->org.name);
	d->footer = doc_printf(d, "%s — %s", x->org.name,
	    U(x, "report.title"));
	d->author = doc_str(d, x->org.name);
	doc_cover(d, 5);
	doc_set_fig(d, &d->cover[0], U(x, "report.round"), x->round.title,
	    false, 0, 0);
	doc_set_fig(d, &d->cover[1], U(x, "report.period"), arena_printf(a,
	    "%s – %s", day(a, x->round.opened_at, l),
	    day(a, x->round.closed_at, l)), false, 0, 0);
	doc_set_fig(d, &d->cover[2], U(x, "report.respondents"),
	    Un(a, x, "report.people_n", (long)x->res.n, 0), true,
	    x->res.n, 0);
	doc_set_fig(d, &d->cover[3], U(x, "report.profile"),
	    arena_printf(a, "%s%s%s", ci ? TRX(x, &ci->label) : "",
	    U(x, "peer.sep"), ce ? TRX(x, &ce->label) : ""), false, 0, 0);
	doc_set_fig(d, &d->cover[4], U(x, "report.made"),
	    day(a, x->in->now, l), false, 0, 0);
}

static void
summary(struct doc *d, const struct rdata *x)
{
	const struct diag_pack *dp = &x->in->ct->diag;
	struct doc_section *s;
	struct doc_block *b;
	int i, k, nf;

	s = doc_section(d, U(x, "report.summary"), U(x, "report.sheet_summary"),
	    true);
	nf = x->peer.has ? 5 : 3;
	b = doc_figures(d, s, (size_t)nf);
	doc_set_fig(d, &b->figs[0], U(x, "results.company_score"),
	    doc_printf(d, "%s %s", tenths(d->a, x->res.company_tenths),
	    U(x, "results.of_100")), true, x->res.company_tenths / 10.0, 1);
	b->figs[0].tone = x->res.band == DIAG_BAND_WEAK ? DOC_TONE_BAD :
	    x->res.band == DIAG_BAND_FAIR ? DOC_TONE_WARN : DOC_TONE_GOOD;
	doc_set_fig(d, &b->figs[1], U(x, "report.band"),
	    TRX(x, &dp->band_label[x->res.band]), false, 0, 0);
	doc_set_fig(d, &b->figs[2], U(x, "report.respondents"),
	    Un(d->a, x, "report.people_n", (long)x->res.n, 0), true,
	    x->res.n, 0);
	if (x->peer.has) {
		doc_set_fig(d, &b->figs[3], U(x, "peer.deviation"),
		    tenths(d->a, x->peer.deviation_tenths), true,
		    x->peer.deviation_tenths / 10.0, 1);
		doc_set_fig(d, &b->figs[4], U(x, "peer.percentile"),
		    doc_printf(d, "%s%%", tenths(d->a,
		    x->peer.percentile_tenths)), true,
		    x->peer.percentile_tenths / 10.0, 1);
	}
	doc_note(d, s, U(x, "results.scale_help"));
	doc_text(d, s, TRX(x, &dp->band_advice[x->res.band]));
	/* No comparison yet is one line here, not a page of its own. */
	doc_note(d, s, x->peer.has ? doc_printf(d, "%s %s", U(x, "peer.with"),
	    peer_group(d->a, x)) : Un(d->a, x, "peer.too_few", PEER_MIN, 0));
	if (x->comment.body[0] != '\0') {
		doc_heading(d, s, 2, U(x, "comment.title"));
		doc_text(d, s, x->comment.body);
		doc_note(d, s, doc_printf(d, "%s%s%s", x->comment.by,
		    x->comment.by[0] ? " · " : "", day(d->a,
		    x->comment.updated_at, x->in->lang)));
	}

	/* The parts, for the sheet (the PDF has a page of its own). */
	b = doc_table(d, s, 5, DIAG_PARTS);
	b->only = DOC_ONLY_XLSX;
	doc_col(d, &b->tab, 0, U(x, "results.part"), 30, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(x, "results.mean_points"), 14, DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(x, "results.on_100"), 14, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "peer.them"), 14, DOC_RIGHT);
	doc_col(d, &b->tab, 4, U(x, "peer.them_on_100"), 14, DOC_RIGHT);
	for (k = 0; k < DIAG_PARTS; k++) {
		doc_set_text(d, &b->tab, (size_t)k, 0,
		    TRX(x, &dp->part_title[k]));
		doc_set_num(&b->tab, (size_t)k, 1,
		    x->res.part_mean_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 2,
		    x->res.part_on100_tenths[k] / 10.0, 1);
		if (!x->peer.has)
			continue;
		doc_set_num(&b->tab, (size_t)k, 3,
		    x->peer.part_mean_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 4,
		    x->peer.part_on100_tenths[k] / 10.0, 1);
	}

	doc_heading(d, s, 2, U(x, "report.first_actions"));
	b = doc_list(d, s, x->res.n > 0 ? 5 : 0, true);
	for (i = 0; i < 5 && x->res.n > 0; i++) {
		int it = x->res.weakest[i];
		const struct diag_item_text *t = &dp->item[it];

		/* the mean next to the item, not left dangling after the
		 * measure; no-break spaces keep "No.11" and "平均 1.6" whole */
		b->items[i] = doc_printf(d, "No.%d\u00a0%s（%s\u00a0%s）— %s",
		    it + 1, TRX(x, &t->shrt), U(x, "results.mean"),
		    tenths(d->a, x->res.item[it].mean_tenths),
		    t->measures.n > 0 ? t->measures.t[x->in->lang][0] : "");
	}
}

static void
parts_section(struct doc *d, const struct rdata *x)
{
	const struct diag_pack *dp = &x->in->ct->diag;
	struct doc_section *s;
	struct doc_block *b;
	const char *svg;
	size_t len;
	int k;

	s = doc_section(d, U(x, "results.parts"), NULL, true);
	svg = radar_parts(d->a, x, &len);
	doc_svg(d, s, svg, len, 0.62, U(x, "results.parts_chart"));
	b = doc_table(d, s, 5, DIAG_PARTS);
	doc_col(d, &b->tab, 0, U(x, "results.part"), 26, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(x, "results.mean_points"), 20, DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(x, "results.on_100"), 15, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "peer.them"), 15, DOC_RIGHT);
	doc_col(d, &b->tab, 4, U(x, "peer.them_on_100"), 18, DOC_RIGHT);
	for (k = 0; k < DIAG_PARTS; k++) {
		doc_set_text(d, &b->tab, (size_t)k, 0,
		    TRX(x, &dp->part_title[k]));
		doc_set_num(&b->tab, (size_t)k, 1,
		    x->res.part_mean_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 2,
		    x->res.part_on100_tenths[k] / 10.0, 1);
		if (x->peer.has) {
			doc_set_num(&b->tab, (size_t)k, 3,
			    x->peer.part_mean_tenths[k] / 10.0, 1);
			doc_set_num(&b->tab, (size_t)k, 4,
			    x->peer.part_on100_tenths[k] / 10.0, 1);
		} else {
			doc_set_text(d, &b->tab, (size_t)k, 3, "—");
			doc_set_text(d, &b->tab, (size_t)k, 4, "—");
		}
	}
	for (k = 0; k < DIAG_PARTS; k++) {
		doc_heading(d, s, 2, TRX(x, &dp->part_title[k]));
		doc_text(d, s, TRX(x, &dp->part_summary[k]));
	}
}

static void
items_section(struct doc *d, const struct rdata *x)
{
	static const enum diag_answer order[4] = { DIAG_YES, DIAG_PARTLY,
	    DIAG_NO, DIAG_UNKNOWN };
	const struct diag_pack *dp = &x->in->ct->diag;
	struct doc_section *s;
	struct doc_block *b;
	int i, k, v[4];

	s = doc_section(d, U(x, "results.items"), U(x, "report.sheet_items"),
	    true);
	doc_note(d, s, U(x, "results.items_help"))->only = DOC_ONLY_PDF;
	b = doc_table(d, s, 10, DIAG_ITEMS);
	doc_col(d, &b->tab, 0, "No.", 5, DOC_RIGHT);
	doc_col(d, &b->tab, 1, U(x, "results.item"), 34, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(x, "results.mean"), 8, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "results.answers"), 30, DOC_LEFT);
	b->tab.col[3].only = DOC_ONLY_PDF;
	for (k = 0; k < 4; k++) {
		doc_col(d, &b->tab, 4 + (size_t)k,
		    TRX(x, &dp->answer_label[order[k]]), 10, DOC_RIGHT);
		b->tab.col[4 + k].only = DOC_ONLY_XLSX;
	}
	doc_col(d, &b->tab, 8, role_label(d->a, x, DIAG_ROLE_EXECUTIVE), 10,
	    DOC_RIGHT);
	doc_col(d, &b->tab, 9, U(x, "results.staff"), 12, DOC_RIGHT);
	b->tab.col[8].only = b->tab.col[9].only = DOC_ONLY_XLSX;
	for (i = 0; i < DIAG_ITEMS; i++) {
		const struct diag_item_stat *st = &x->res.item[i];

		doc_set_num(&b->tab, (size_t)i, 0, i + 1, 0);
		doc_set_text(d, &b->tab, (size_t)i, 1,
		    TRX(x, &dp->item[i].shrt));
		doc_set_num(&b->tab, (size_t)i, 2, st->mean_tenths / 10.0, 1);
		doc_cell(&b->tab, (size_t)i, 2)->tone = st->mean_tenths < 20 ?
		    DOC_TONE_BAD : st->mean_tenths < 30 ? DOC_TONE_WARN :
		    DOC_TONE_NONE;
		for (k = 0; k < 4; k++) {
			v[k] = st->counts[order[k]];
			doc_set_num(&b->tab, (size_t)i, 4 + (size_t)k, v[k], 0);
		}
		doc_set_bar(&b->tab, (size_t)i, 3, v, 4);
		if (x->res.role_n[DIAG_ROLE_EXECUTIVE] > 0 &&
		    role_shown(x, DIAG_ROLE_EXECUTIVE))
			doc_set_num(&b->tab, (size_t)i, 8,
			    st->role_mean_tenths[DIAG_ROLE_EXECUTIVE] / 10.0,
			    1);
		if (x->res.n > x->res.role_n[DIAG_ROLE_EXECUTIVE] &&
		    staff_shown(x))
			doc_set_num(&b->tab, (size_t)i, 9,
			    st->staff_mean_tenths / 10.0, 1);
	}
}

static void
gaps_section(struct doc *d, const struct rdata *x)
{
	const struct diag_pack *dp = &x->in->ct->diag;
	struct doc_section *s;
	struct doc_block *b;
	int idx[DIAG_ITEMS], n = 0, i, j, t;

	s = doc_section(d, U(x, "results.gap"), NULL, false);
	if (!staff_shown(x)) {
		doc_note(d, s, U(x, "results.gap_hidden"));
		return;
	}
	doc_text(d, s, U(x, "results.gap_help"));
	for (i = 0; i < DIAG_ITEMS; i++)
		if (x->res.item[i].gap_valid && x->res.item[i].gap_tenths != 0)
			idx[n++] = i;
	if (n == 0) {
		doc_note(d, s, U(x, x->res.role_n[DIAG_ROLE_EXECUTIVE] > 0 &&
		    x->res.n > x->res.role_n[DIAG_ROLE_EXECUTIVE] ?
		    "results.gap_same" : "results.gap_none"));
		return;
	}
	/* Largest differences first, either way. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && labs(x->res.item[idx[j]].gap_tenths) >
		    labs(x->res.item[idx[j - 1]].gap_tenths); j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	if (n > 10)
		n = 10;
	b = doc_table(d, s, 4, (size_t)n);
	doc_col(d, &b->tab, 0, U(x, "results.item"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 1, role_label(d->a, x, DIAG_ROLE_EXECUTIVE), 12,
	    DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(x, "results.staff"), 14, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "results.difference"), 10, DOC_RIGHT);
	for (i = 0; i < n; i++) {
		const struct diag_item_stat *st = &x->res.item[idx[i]];

		doc_set_text(d, &b->tab, (size_t)i, 0, doc_printf(d, "%d. %s",
		    idx[i] + 1, TRX(x, &dp->item[idx[i]].shrt)));
		doc_set_num(&b->tab, (size_t)i, 1,
		    st->role_mean_tenths[DIAG_ROLE_EXECUTIVE] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)i, 2, st->staff_mean_tenths / 10.0,
		    1);
		doc_set_num(&b->tab, (size_t)i, 3, st->gap_tenths / 10.0, 1);
		doc_cell(&b->tab, (size_t)i, 3)->tone = labs(st->gap_tenths)
		    >= 15 ? DOC_TONE_WARN : DOC_TONE_NONE;
	}
}

static void
peer_section(struct doc *d, const struct rdata *x)
{
	const struct diag_pack *dp = &x->in->ct->diag;
	struct doc_section *s;
	struct doc_block *b;
	const char *svg;
	size_t len;
	long diff;
	int i, k;

	s = doc_section(d, U(x, "peer.title"), U(x, "report.sheet_peers"),
	    true);
	if (!x->peer.has) {
		/* the PDF says so in one line of the summary; the workbook
		 * keeps its sheet, as advisors look for it */
		s->only = DOC_ONLY_XLSX;
		doc_text(d, s, Un(d->a, x, "peer.too_few", PEER_MIN, 0));
		return;
	}
	doc_text(d, s, doc_printf(d, "%s %s", U(x, "peer.with"),
	    peer_group(d->a, x)));
	if (x->peer.scope != PEER_COHORT)
		doc_note(d, s, Un(d->a, x, x->peer.scope == PEER_INDUSTRY ?
		    "peer.widened_sizes" : "peer.widened_all", PEER_MIN, 0));
	b = doc_figures(d, s, 4);
	doc_set_fig(d, &b->figs[0], U(x, "peer.deviation"),
	    tenths(d->a, x->peer.deviation_tenths), true,
	    x->peer.deviation_tenths / 10.0, 1);
	doc_set_fig(d, &b->figs[1], U(x, "peer.percentile"),
	    doc_printf(d, "%s%%", tenths(d->a, x->peer.percentile_tenths)),
	    true, x->peer.percentile_tenths / 10.0, 1);
	doc_set_fig(d, &b->figs[2], U(x, "peer.mean_of_100"),
	    tenths(d->a, x->peer.mean_tenths), true,
	    x->peer.mean_tenths / 10.0, 1);
	doc_set_fig(d, &b->figs[3], U(x, "report.companies"),
	    doc_printf(d, "%lld", (long long)x->peer.n), true,
	    (double)x->peer.n, 0);
	doc_note(d, s, U(x, "peer.deviation_help"));

	/* The parts with their figures on 100 as well, then the items. */
	b = doc_table(d, s, 6, DIAG_PARTS);
	doc_col(d, &b->tab, 0, U(x, "results.part"), 24, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(x, "results.company"), 11, DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(x, "peer.them"), 15, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "peer.diff"), 8, DOC_RIGHT);
	doc_col(d, &b->tab, 4, U(x, "results.on_100_own"), 17, DOC_RIGHT);
	doc_col(d, &b->tab, 5, U(x, "peer.them_on_100"), 17, DOC_RIGHT);
	for (k = 0; k < DIAG_PARTS; k++) {
		/* The company's side from the same figures as the group's
		 * (they are this round's: load() checked); on 100, the
		 * figure of the parts table. */
		diff = x->peer.own_part_tenths[k] - x->peer.part_mean_tenths[k];
		doc_set_text(d, &b->tab, (size_t)k, 0,
		    TRX(x, &dp->part_title[k]));
		doc_set_num(&b->tab, (size_t)k, 1,
		    x->peer.own_part_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 2,
		    x->peer.part_mean_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 3, diff / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 4,
		    x->res.part_on100_tenths[k] / 10.0, 1);
		doc_set_num(&b->tab, (size_t)k, 5,
		    x->peer.part_on100_tenths[k] / 10.0, 1);
		if (diff <= -10)
			doc_cell(&b->tab, (size_t)k, 3)->tone = DOC_TONE_BAD;
	}
	b = doc_table(d, s, 4, DIAG_ITEMS);
	doc_col(d, &b->tab, 0, U(x, "results.item"), 40, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(x, "results.company"), 12, DOC_RIGHT);
	doc_col(d, &b->tab, 2, U(x, "peer.them"), 12, DOC_RIGHT);
	doc_col(d, &b->tab, 3, U(x, "peer.diff"), 10, DOC_RIGHT);
	for (i = 0; i < DIAG_ITEMS; i++) {
		long own = x->peer.own_item_tenths[i];
		long them = x->peer.item_mean_tenths[i];

		diff = own - them;
		doc_set_text(d, &b->tab, (size_t)i, 0, doc_printf(d, "%d. %s",
		    i + 1, TRX(x, &dp->item[i].shrt)));
		doc_set_num(&b->tab, (size_t)i, 1, own / 10.0, 1);
		doc_set_num(&b->tab, (size_t)i, 2, them / 10.0, 1);
		doc_set_num(&b->tab, (size_t)i, 3, diff / 10.0, 1);
		if (diff <= -10)
			doc_cell(&b->tab, (size_t)i, 3)->tone = DOC_TONE_BAD;
	}
	{
		struct buf sb = BUF_INIT;
		struct html h;

		html_init(&h, &sb);
		report_scatter(&h, d->a, x->in->ct, x->in->lang, &x->peer,
		    x->dots, x->ndots, "scatter", U(x, "peer.scatter"), NULL,
		    false);
		html_end(&h);
		svg = svg_done(d->a, &sb, &len);
	}
	doc_heading(d, s, 2, U(x, "peer.scatter"))->only = DOC_ONLY_PDF;
	doc_svg(d, s, svg, len, 0.8, U(x, "peer.scatter"))->only =
	    DOC_ONLY_PDF;
	doc_note(d, s, Un(d->a, x, "report.scatter_note", PEER_MIN, 0))->only =
	    DOC_ONLY_PDF;
}

static const char *const symbols[DIAG_ANSWER__MAX] = {
	[DIAG_NONE] = "", [DIAG_YES] = "○", [DIAG_PARTLY] = "△",
	[DIAG_NO] = "×", [DIAG_UNKNOWN] = "?",
};

static void
people_section(struct doc *d, const struct rdata *x)
{
	struct doc_section *s;
	struct doc_block *b;
	size_t i;
	int k;

	s = doc_section(d, U(x, "report.appendix"), U(x, "report.sheet_people"),
	    true);
	doc_note(d, s, U(x, "report.symbols"))->only = DOC_ONLY_PDF;
	b = doc_table(d, s, 3 + 2 * DIAG_ITEMS, x->n);
	doc_col(d, &b->tab, 0, U(x, "report.name"), 14, DOC_LEFT);
	doc_col(d, &b->tab, 1, U(x, "report.role"), 8, DOC_LEFT);
	doc_col(d, &b->tab, 2, U(x, "results.score"), 6, DOC_RIGHT);
	for (k = 0; k < DIAG_ITEMS; k++) {
		doc_col(d, &b->tab, 3 + (size_t)k, doc_printf(d, "%d", k + 1),
		    2.6, DOC_CENTER);
		b->tab.col[3 + k].only = DOC_ONLY_PDF;
		doc_col(d, &b->tab, 3 + DIAG_ITEMS + (size_t)k,
		    doc_printf(d, "q%d", k + 1), 5, DOC_RIGHT);
		b->tab.col[3 + DIAG_ITEMS + k].only = DOC_ONLY_XLSX;
	}
	for (i = 0; i < x->n; i++) {
		const struct diag_resp *r = &x->resp[i];

		doc_set_text(d, &b->tab, i, 0, resp_name(d->a, x, i));
		doc_set_text(d, &b->tab, i, 1, role_label(d->a, x, r->role));
		doc_set_num(&b->tab, i, 2, diag_resp_score(r), 0);
		for (k = 0; k < DIAG_ITEMS; k++) {
			enum diag_answer an = (enum diag_answer)r->ans[k];

			doc_set_text(d, &b->tab, i, 3 + (size_t)k,
			    symbols[an < DIAG_ANSWER__MAX ? an : 0]);
			doc_set_num(&b->tab, i, 3 + DIAG_ITEMS + (size_t)k,
			    diag_points(an), 0);
		}
	}
}

int
report_round_doc(struct db_conn *c, struct arena *a,
    const struct report_in *in, struct doc *d, char *err, size_t errlen)
{
	struct rdata *x = arena_alloc(a, sizeof(*x));
	int rc;

	if ((rc = load(c, a, in, x, err, errlen)) != REPORT_OK)
		return rc;
	doc_init(d, a, lang_key(in->lang), U(x, "report.title"));
	cover(d, x);
	summary(d, x);
	parts_section(d, x);
	items_section(d, x);
	gaps_section(d, x);
	peer_section(d, x);
	/* One row a person: not for members. */
	if (in->view != REPORT_VIEW_MEMBER)
		people_section(d, x);
	return REPORT_OK;
}

/* The import format: a file exported goes back in unchanged. */
static void
csv_out(struct buf *out, const struct rdata *x)
{
	size_t i;
	int k;

	bool dept = x->in->view == REPORT_VIEW_NAMES;

	/* the department after q25, for the readers who see names: with a
	 * name-less R1, R2… it could still tell a small department's
	 * answers apart */
	buf_adds(out, "name,role");
	for (k = 0; k < DIAG_ITEMS; k++)
		buf_printf(out, ",q%d", k + 1);
	buf_adds(out, dept ? ",department\r\n" : "\r\n");
	for (i = 0; i < x->n; i++) {
		const struct diag_resp *r = &x->resp[i];

		if (x->in->view == REPORT_VIEW_NAMES)
			esc_csv(out, str_c(r->name ? r->name : ""));
		else
			buf_printf(out, "R%zu", i + 1);
		buf_printf(out, ",%s", diag_role_key(r->role));
		for (k = 0; k < DIAG_ITEMS; k++)
			buf_printf(out, ",%s", diag_answer_key(
			    (enum diag_answer)r->ans[k]));
		if (dept) {
			buf_addc(out, ',');
			esc_csv(out, str_c(r->department ? r->department :
			    ""));
		}
		buf_adds(out, "\r\n");
	}
}

int
report_round(struct db_conn *c, struct arena *a, const struct report_in *in,
    enum report_format f, struct buf *out, char *err, size_t errlen)
{
	struct rdata *x;
	struct doc d;
	size_t mark = out->n;
	int rc;

	if (f == REPORT_CSV && in->view == REPORT_VIEW_MEMBER) {
		snprintf(err, errlen, "the CSV holds each person's answers: "
		    "not for members");
		return REPORT_ERR_VIEW;
	}
	if (f == REPORT_CSV || f == REPORT_JSON) {
		x = arena_alloc(a, sizeof(*x));
		if ((rc = load(c, a, in, x, err, errlen)) != REPORT_OK)
			return rc;
		if (f == REPORT_CSV)
			csv_out(out, x);
		else
			diag_json(out, x->resp, x->n, &x->res,
			    in->view == REPORT_VIEW_NAMES ? DIAG_JSON_NAMES :
			    in->view == REPORT_VIEW_ANON ? DIAG_JSON_ANON :
			    DIAG_JSON_TOTALS);
		if (out->err) {
			out->n = mark;
			snprintf(err, errlen, "the report is too large");
			return REPORT_ERR_RENDER;
		}
		return REPORT_OK;
	}
	if ((rc = report_round_doc(c, a, in, &d, err, errlen)) != REPORT_OK)
		return rc;
	return report_render(&d, f, out, err, errlen);
}

int
report_render(const struct doc *d, enum report_format f, struct buf *out,
    char *err, size_t errlen)
{
	int rc;

	if (f == REPORT_PDF) {
		rc = pdf_render(d, out, err, errlen);
		return rc == PDF_OK ? REPORT_OK : rc == PDF_ERR_FONT ?
		    REPORT_ERR_FONT : REPORT_ERR_RENDER;
	}
	if (f == REPORT_XLSX)
		return xlsx_render(d, out, err, errlen) == XLSX_OK ?
		    REPORT_OK : REPORT_ERR_RENDER;
	snprintf(err, errlen, "a document comes as pdf or xlsx");
	return REPORT_ERR_VIEW;
}

const char *
report_dated(struct doc *d, const char *org, int64_t now)
{
	time_t jst = (time_t)now + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return doc_printf(d, "%s — %04d-%02d-%02d", org, tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}
