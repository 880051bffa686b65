#include "render/pdf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "base/buf.h"
#include "base/num.h"
#include "base/xalloc.h"
#include "render/svg.h"

/*
 * How it works.  The footer says "n / N", and a PDF page cannot be changed
 * once cairo has written it, so the body is drawn first, each page into a
 * cairo recording surface (a list of drawing operations, text included).
 * Then N is known, and each recorded page is replayed onto the PDF
 * surface, its footer drawn on top.  Text is shaped once, in the first
 * pass.  Charts are the exception:
 * librsvg writes text as text only onto a PDF surface (onto a recording
 * surface it draws outlines, which pdftotext cannot read), so the first
 * pass only parses them and keeps their place, and the second draws them
 * onto the PDF page.
 *
 * All lengths are in PDF points (1/72 inch), y downwards.  Text goes
 * through a few PangoLayouts made once per document and reused (one per
 * style, a few per table column), not one per paragraph or cell.
 */

#define PT_MM		(72.0 / 25.4)
#define A4_SHORT	(210.0 * PT_MM)
#define A4_LONG		(297.0 * PT_MM)
/* The page of the document being drawn (A4, portrait or landscape);
 * these and the sizes below read the struct pdf p in scope. */
#define PAGE_W		(p->pw)
#define PAGE_H		(p->ph)
#define MARGIN		(18.0 * PT_MM)		/* left, right and top */
#define TEXT_W		(PAGE_W - 2 * MARGIN)
#define BODY_BOTTOM	(PAGE_H - 20.0 * PT_MM)	/* below: the footer */
#define FOOT_RULE	(PAGE_H - 15.0 * PT_MM)	/* hairline over the footer */
#define FOOT_TOP	(PAGE_H - 13.5 * PT_MM)	/* top of the footer text */

#define FONT_FAMILY	"IPAexGothic"
#define FONT_FAMILY_JA	"IPAexゴシック"	/* its name under a Japanese locale */
#define FONT_PACKAGE	"fonts-ipaexfont-gothic"

/* Vertical rhythm. */
#define GAP_BLOCK	7.0	/* before a block */
#define GAP_HEADING	13.0	/* before a heading */
#define GAP_SECTION	26.0	/* before a section that shares a page */
#define GAP_ITEM	4.5	/* between list items */
#define ORPHAN_CHARS	2	/* a last line this short is an orphan */
#define KEEP_LINES	4	/* a paragraph this short is never split */
#define CHART_ROOM	60.0	/* a chart leaves this for its heading */

/* Lists. */
#define BULLET_INDENT	13.0
#define NUMBER_GAP	5.0	/* right of "12." */

/* Key figures. */
#define FIG_ROW_MAX	4	/* boxes in a row */
#define FIG_GAP		8.0	/* between boxes */
#define FIG_PAD		8.0	/* inside a box */

/* Questions answered on paper (DOC_CHOICES) and lines to write on. */
#define CHOICE_ROW	4	/* choices in a row */
#define QNUM_W		20.0	/* the hanging number's column */
#define BOX		10.0	/* side of the box to tick */
#define BOX_GAP		4.0	/* between a box and its label */
#define BOX_LINE	0.8
#define CHOICE_TOP	6.0	/* between the question and its boxes */
#define CHOICE_ROW_GAP	4.0	/* between rows of choices */
#define GAP_QUESTION	9.0	/* before a question */
#define FILL_H		24.0	/* a line to write on: room above it */
#define FILL_GAP	8.0	/* between a label and its line */


/* Tables. */
#define CELL_PAD_X	2.5
#define CELL_PAD_MIN	0.8	/* when the usual one would break a word */
#define CELL_PAD_Y	2.6
#define GRID_W		0.4
#define BAR_H		10.5	/* a bar cell's bar */
#define BAR_COUNT_ROOM	4.0	/* a count needs its width plus this */

/* Colours, 0xRRGGBB. */
#define INK		0x1a1a1au	/* as svg.c's text */
#define INK_SOFT	0x555555u
#define ACCENT		0x1f4e79u	/* titles and their rules */
#define RULE		0xc3cad3u	/* hairlines */
#define GRID		0xa9b1bbu	/* table lines */
#define HEAD_BG		0xe6ebf1u	/* table header */
#define FIG_BG		0xf2f4f7u	/* a key figure without a tone */
#define FIG_LINE	0xcfd6dfu
#define BAR_EMPTY	0x9a9a9au	/* outline of a bar with no answers */
#define WHITE		0xffffffu

enum style {
	ST_TITLE,
	ST_SUBTITLE,
	ST_COVER_LABEL,
	ST_COVER_VALUE,
	ST_SECTION,
	ST_H1,
	ST_H2,
	ST_H3,
	ST_BODY,
	ST_ITEM,
	ST_NOTE,
	ST_QNUM,
	ST_QUESTION,
	ST_CHOICE,
	ST_FIG_VALUE,
	ST_FIG_LABEL,
	ST_CELL,
	ST_HEAD,
	ST_COUNT,
	ST_FOOTER,
	ST__MAX
};

static const struct style_spec {
	double		 size;		/* points */
	bool		 bold;		/* IPAexGothic has no bold face:
					   fontconfig makes one up */
	double		 spacing;	/* line pitch over the font's height */
	uint32_t	 colour;	/* of the text */
} styles[ST__MAX] = {
	[ST_TITLE]	= { 20.0, true, 1.25, ACCENT },
	[ST_SUBTITLE]	= { 12.0, false, 1.35, INK_SOFT },
	[ST_COVER_LABEL] = { 9.5, false, 1.45, INK_SOFT },
	[ST_COVER_VALUE] = { 10.5, false, 1.45, INK },
	[ST_SECTION]	= { 15.5, true, 1.25, ACCENT },
	[ST_H1]		= { 12.5, true, 1.3, INK },
	[ST_H2]		= { 11.0, true, 1.35, INK },
	[ST_H3]		= { 10.0, true, 1.4, INK },
	[ST_BODY]	= { 9.5, false, 1.65, INK },
	[ST_ITEM]	= { 9.5, false, 1.45, INK },	/* list items */
	[ST_NOTE]	= { 8.0, false, 1.55, INK_SOFT },
	[ST_QNUM]	= { 10.5, true, 1.4, ACCENT },
	[ST_QUESTION]	= { 10.0, false, 1.4, INK },
	[ST_CHOICE]	= { 9.5, false, 1.25, INK },
	[ST_FIG_VALUE]	= { 17.0, true, 1.15, INK },
	[ST_FIG_LABEL]	= { 8.0, false, 1.35, INK_SOFT },
	[ST_CELL]	= { 8.5, false, 1.3, INK },
	[ST_HEAD]	= { 8.0, true, 1.3, INK },
	[ST_COUNT]	= { 7.0, true, 1.0, INK },
	[ST_FOOTER]	= { 7.5, false, 1.0, INK_SOFT },
};

/* Pale cell and figure backgrounds; NONE has none. */
static const uint32_t tints[DOC_TONE__MAX] = {
	[DOC_TONE_NONE]	= 0,
	[DOC_TONE_GOOD]	= 0xe1f2e4u,
	[DOC_TONE_WARN]	= 0xfcefd0u,
	[DOC_TONE_BAD]	= 0xfadcd7u,
	[DOC_TONE_MARK]	= 0xdcebf8u,
};

/*
 * The answer bar of render/svg.c, segment by segment: the same colours,
 * and hatching where it hatches.  The pattern's light marks are svg.c's
 * white at its opacity, blended over the base colour beforehand, so the
 * PDF needs no transparency.
 */
enum hatch {
	HATCH_NONE,
	HATCH_STRIPES,	/* diagonal lines, as svg.c's "-no" pattern */
	HATCH_DOTS,	/* dots, as its "-unknown" pattern */
	HATCH__MAX
};

static const struct bar_look {
	uint32_t	 colour;	/* base colour */
	uint32_t	 mark;		/* stripes or dots on it */
	enum hatch	 hatch;		/* its fill pattern */
	uint32_t	 ink;		/* count text */
} bar_looks[SVG_ANSWER__MAX] = {
	[SVG_ANSWER_YES]	= { 0x0072b2u, 0, HATCH_NONE, WHITE },
	[SVG_ANSWER_PARTLY]	= { 0x56b4e9u, 0, HATCH_NONE, INK },
	/* white at 0.5 over vermillion */
	[SVG_ANSWER_NO]		= { 0xd55e00u, 0xeaaf80u, HATCH_STRIPES, INK },
	/* white at 0.7 over grey */
	[SVG_ANSWER_UNKNOWN]	= { 0x9a9a9au, 0xe1e1e1u, HATCH_DOTS, INK },
};

_Static_assert(DOC_BAR_MAX == SVG_ANSWER__MAX,
    "segment k of a bar cell is answer k of the answer bar");

#define STRIPE_TILE	3.0	/* stripe period */
#define STRIPE_W	1.0
#define DOT_TILE	2.6	/* dot spacing */
#define DOT_R		0.62

/* A chart waiting for the second pass. */
struct chart {
	size_t		 page;	/* index into pdf.page */
	RsvgHandle	*h;	/* parsed */
	RsvgRectangle	 vp;	/* where on the page */
	const char	*where;	/* its section's title, for messages */
};

/* One document being drawn. */
struct pdf {
	const struct doc	*d;
	PangoContext		*ctx;	/* fonts, language, font options */
	PangoFontDescription	*font[ST__MAX];
	PangoLayout		*lay[ST__MAX];	/* one reusable layout a style */
	PangoLayout		*marker;	/* list bullets and numbers */
	PangoLayout		*figv[FIG_ROW_MAX];	/* a row's values */
	PangoLayout		*figl[FIG_ROW_MAX];	/* and their labels */
	PangoLayout		*pageno;	/* footer "n / N" */
	PangoLayout		*opt[CHOICE_ROW];	/* a row's choices */
	bool			 masthead;	/* the title block is all that page
					   1 holds yet: the first section
					   goes on under it */
	cairo_pattern_t		*fill[DOC_BAR_MAX];	/* bar segments */
	cairo_surface_t		**page;	/* recorded pages, in order */
	size_t			 npage;		/* pages recorded */
	size_t			 cappage;	/* room in page */
	struct chart		*chart;	/* in page order */
	size_t			 nchart;	/* charts placed */
	size_t			 capchart;	/* room in chart */
	cairo_t			*cr;	/* drawing on the last page, or NULL
					   when the next drawing opens one */
	double			 y;	/* top of what is free on the page */
	bool			 fresh;	/* nothing drawn on the page yet */
	const struct doc_section *sec;	/* being drawn, for messages */
	double			 pw, ph;	/* the page's width and height */
	int			 rc;	/* first error, or PDF_OK */
	char			*err;	/* OUT: its message */
	size_t			 errlen;	/* bytes at err */
	struct buf		 tmp;	/* scratch text */
};

/* ---------------------------------------------------------------- */
/* Small things */

/* One line into err: line breaks in the message become spaces. */
static void
vseterr(char *err, size_t errlen, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void
vseterr(char *err, size_t errlen, const char *fmt, va_list ap)
{
	char *c;

	if (err == NULL || errlen == 0)
		return;
	vsnprintf(err, errlen, fmt, ap);
	for (c = err; *c != '\0'; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
}

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vseterr(err, errlen, fmt, ap);
	va_end(ap);
}

static void
fail(struct pdf *p, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record the first error; later ones are its consequences. */
static void
fail(struct pdf *p, int rc, const char *fmt, ...)
{
	va_list ap;

	if (p->rc != PDF_OK)
		return;
	p->rc = rc;
	va_start(ap, fmt);
	vseterr(p->err, p->errlen, fmt, ap);
	va_end(ap);
}

static void
ink(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, (double)((rgb >> 16) & 0xff) / 255.0,
	    (double)((rgb >> 8) & 0xff) / 255.0, (double)(rgb & 0xff) / 255.0);
}

static double
pt(int pango_units)
{
	return (double)pango_units / PANGO_SCALE;
}

static double
lay_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return pt(h);
}

static double
lay_w(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return pt(w);
}

/* Set l's text unless it already holds s (table columns repeat their
 * values; shaping is the cost).  Invalid UTF-8 is drawn with U+FFFD
 * rather than making pango complain. */
static void
set_text(PangoLayout *l, const char *s)
{
	char *v;

	if (s == NULL)
		s = "";
	if (strcmp(pango_layout_get_text(l), s) == 0)
		return;
	if (g_utf8_validate(s, -1, NULL)) {
		pango_layout_set_text(l, s, -1);
		return;
	}
	v = g_utf8_make_valid(s, -1);
	pango_layout_set_text(l, v, -1);
	g_free(v);
}

static void
set_width(PangoLayout *l, double w)
{
	pango_layout_set_width(l, (int)lround(w * PANGO_SCALE));
}

static PangoAlignment
align_of(enum doc_align a)
{
	switch (a) {
	case DOC_RIGHT:
		return PANGO_ALIGN_RIGHT;
	case DOC_CENTER:
		return PANGO_ALIGN_CENTER;
	default:
		return PANGO_ALIGN_LEFT;
	}
}

/* ---------------------------------------------------------------- */
/* Fonts */

/*
 * A pango context on this thread's default font map (which caches the
 * fonts it loads, one per thread, so this is cheap after the first call),
 * for vector output: no hinting, no rounding of glyph positions.  The
 * caller unrefs it.
 */
static PangoContext *
context_new(const char *lang)
{
	PangoContext *ctx;
	cairo_font_options_t *fo;

	ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_language(ctx, pango_language_from_string(
	    lang != NULL && lang[0] != '\0' ? lang : "ja"));
	pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
	return ctx;
}

/* The font pango loads for our family must be that family: fontconfig
 * answers any name with its best match, which may be another font. */
static int
fonts_check(PangoContext *ctx, char *err, size_t errlen)
{
	PangoFontDescription *want, *got;
	PangoFont *f;
	const char *fam;
	char name[128] = "no font at all";
	bool ok = false;

	want = pango_font_description_new();
	pango_font_description_set_family_static(want, FONT_FAMILY);
	pango_font_description_set_absolute_size(want, 10 * PANGO_SCALE);
	f = pango_font_map_load_font(pango_context_get_font_map(ctx), ctx,
	    want);
	if (f != NULL) {
		got = pango_font_describe(f);
		fam = pango_font_description_get_family(got);
		if (fam != NULL) {
			snprintf(name, sizeof(name), "%s", fam);
			ok = g_ascii_strcasecmp(fam, FONT_FAMILY) == 0 ||
			    strcmp(fam, FONT_FAMILY_JA) == 0;
		}
		pango_font_description_free(got);
		g_object_unref(f);
	}
	pango_font_description_free(want);
	if (ok)
		return PDF_OK;
	seterr(err, errlen, "PDF font %s is not installed (fontconfig "
	    "offers %s instead): install the Debian package %s",
	    FONT_FAMILY, name, FONT_PACKAGE);
	return PDF_ERR_FONT;
}

int
pdf_fonts_check(char *err, size_t errlen)
{
	PangoContext *ctx = context_new("ja");
	int rc;

	rc = fonts_check(ctx, err, errlen);
	g_object_unref(ctx);
	return rc;
}

static PangoLayout *
layout_new(struct pdf *p, enum style s)
{
	PangoLayout *l = pango_layout_new(p->ctx);

	pango_layout_set_font_description(l, p->font[s]);
	pango_layout_set_line_spacing(l, (float)styles[s].spacing);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	set_width(l, TEXT_W);
	return l;
}

/* ---------------------------------------------------------------- */
/* Pages */

/* End the page being drawn; the next drawing opens a new one. */
static void
page_close(struct pdf *p)
{
	if (p->cr == NULL)
		return;
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		fail(p, PDF_ERR_DRAW, "PDF page %zu: %s", p->npage,
		    cairo_status_to_string(cairo_status(p->cr)));
	cairo_destroy(p->cr);
	p->cr = NULL;
}

static void
page_open(struct pdf *p)
{
	cairo_rectangle_t a4 = { 0, 0, PAGE_W, PAGE_H };

	page_close(p);
	if (p->npage == p->cappage) {
		p->cappage = p->cappage ? 2 * p->cappage : 16;
		p->page = xrealloc(p->page, p->cappage * sizeof(*p->page));
	}
	p->page[p->npage++] = cairo_recording_surface_create(
	    CAIRO_CONTENT_COLOR_ALPHA, &a4);
	p->cr = cairo_create(p->page[p->npage - 1]);
	cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_MITER);
	/*
	 * A white page first.  Besides being what paper is, it saves time:
	 * cairo's PDF backend keeps the union of what each operation covers
	 * as a region, and a region of a thousand table cells grows slower
	 * with every cell; one that is the whole page from the start does
	 * not grow at all.
	 */
	ink(p->cr, WHITE);
	cairo_paint(p->cr);
	p->y = MARGIN;
	p->fresh = true;
}

/* Make sure h points are free below p->y: here, or on a new page.  At the
 * top of a page anything goes, or a block taller than a page would never
 * end. */
static void
room(struct pdf *p, double h)
{
	if (p->cr == NULL || (!p->fresh && p->y + h > BODY_BOTTOM))
		page_open(p);
}

/* Space before a block; none at the top of a page. */
static void
gap(struct pdf *p, double g)
{
	if (p->cr != NULL && !p->fresh)
		p->y += g;
}

static void
advance(struct pdf *p, double h)
{
	p->y += h;
	p->fresh = false;
}

static void
hline(cairo_t *cr, double x0, double x1, double y, double w, uint32_t c)
{
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_set_line_width(cr, w);
	ink(cr, c);
	cairo_stroke(cr);
}

/*
 * Draw l with its left edge at x from p->y down, line by line, going on
 * on a new page when a line does not fit.  marker, when not NULL, is
 * drawn at mx with its first baseline on that of l's first line.
 */
static void
flow(struct pdf *p, PangoLayout *l, uint32_t colour, double x,
    PangoLayout *marker, double mx)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoRectangle lr;
	int y0, y1;
	double lead, h, base, done = 0;
	bool first = true;

	do {
		/* A line's y range leaves out the line spacing, so the lead
		 * is the distance from where the previous line ended; a line
		 * at the top of a new page goes without it. */
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		lead = first ? 0 : fmax(0, pt(y0) - done);
		h = pt(y1 - y0);
		base = pt(pango_layout_iter_get_baseline(it) - y0);
		done = pt(y1);
		room(p, lead + h);
		if (!p->fresh)
			p->y += lead;
		ink(p->cr, colour);
		cairo_move_to(p->cr, x + pt(lr.x), p->y + base);
		pango_cairo_show_layout_line(p->cr,
		    pango_layout_iter_get_line_readonly(it));
		if (first && marker != NULL) {
			cairo_move_to(p->cr, mx, p->y + base -
			    pt(pango_layout_get_baseline(marker)));
			pango_cairo_show_layout(p->cr, marker);
		}
		first = false;
		advance(p, h);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* ---------------------------------------------------------------- */
/* Line breaking */

/* Is l's last line a lone character or two carried over from the line
 * above (not a short paragraph of its own)? */
static bool
orphaned(PangoLayout *l)
{
	PangoLayoutLine *last;
	const char *text = pango_layout_get_text(l);
	int n = pango_layout_get_line_count(l);

	if (n < 2)
		return false;
	last = pango_layout_get_line_readonly(l, n - 1);
	if (pango_layout_line_is_paragraph_start(last))
		return false;
	return g_utf8_strlen(text + last->start_index, last->length) <=
	    ORPHAN_CHARS;
}

/*
 * Set the width of l, which holds its text, for a column w wide, and
 * return the width set.  Japanese breaks between any two characters, so
 * a text a little wider than its column leaves one or two characters
 * alone on its last line ("…会社の割" over "合"); then the layout is
 * narrowed an em at a time, by a quarter of w at most, until the last
 * line carries a few more.  With even, the narrowest width that keeps
 * the number of lines, so that a short centred label splits into lines
 * of about one length.
 */
static double
balance(PangoLayout *l, double w, bool even)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(l);
	double em = fd != NULL ? pt(pango_font_description_get_size(fd)) : 10;
	double lo, hi, mid;
	int n, k;

	set_width(l, w);
	n = pango_layout_get_line_count(l);
	if (n < 2)
		return w;
	if (even) {
		/* the narrowest width with n lines, to a tenth of a point */
		lo = w / (n + 1);
		hi = w;
		while (hi - lo > 0.1) {
			mid = (lo + hi) / 2;
			set_width(l, mid);
			if (pango_layout_get_line_count(l) == n)
				hi = mid;
			else
				lo = mid;
		}
		set_width(l, hi);
		return hi;
	}
	if (!orphaned(l))
		return w;
	for (k = 1; k * em <= w / 4; k++) {
		set_width(l, w - k * em);
		if (pango_layout_get_line_count(l) != n)
			break;
		if (!orphaned(l))
			return w - k * em;
	}
	set_width(l, w);
	return w;
}

/* ---------------------------------------------------------------- */
/* Title block */

/*
 * The top of page 1: the title, the subtitle and the cover lines in two
 * columns (label, value), then the first section on the same page — a
 * reader finds what the report is about and its figures on one page,
 * not a page of whitespace before them.
 */
static void
masthead(struct pdf *p)
{
	const struct doc *d = p->d;
	PangoLayout *lab = p->lay[ST_COVER_LABEL];
	PangoLayout *val = p->lay[ST_COVER_VALUE];
	double cw = (TEXT_W - 12) / 2, lw = cw * 0.3, h, pad = 3.5, x;
	size_t i, k, n;

	page_open(p);
	cairo_rectangle(p->cr, MARGIN, MARGIN, TEXT_W, 4);
	ink(p->cr, ACCENT);
	cairo_fill(p->cr);
	p->y = MARGIN + 14;

	set_text(p->lay[ST_TITLE], d->title);
	balance(p->lay[ST_TITLE], TEXT_W, false);
	flow(p, p->lay[ST_TITLE], styles[ST_TITLE].colour, MARGIN, NULL, 0);
	set_width(p->lay[ST_TITLE], TEXT_W);
	if (d->subtitle != NULL && d->subtitle[0] != '\0') {
		advance(p, 3);
		set_text(p->lay[ST_SUBTITLE], d->subtitle);
		flow(p, p->lay[ST_SUBTITLE], styles[ST_SUBTITLE].colour,
		    MARGIN, NULL, 0);
	}
	advance(p, 8);
	if (d->ncover > 0)
		hline(p->cr, MARGIN, MARGIN + TEXT_W, p->y, 0.8, ACCENT);

	/* label | value, two to a row, a hairline under each row */
	set_width(lab, lw - 6);
	set_width(val, cw - lw);
	for (i = 0; i < d->ncover; i += 2) {
		n = d->ncover - i < 2 ? d->ncover - i : 2;
		h = 0;
		for (k = 0; k < n; k++) {
			set_text(val, d->cover[i + k].value);
			set_text(lab, d->cover[i + k].label);
			h = fmax(h, fmax(lay_h(lab), lay_h(val)));
		}
		h += 2 * pad;
		room(p, h);
		for (k = 0; k < n; k++) {
			x = MARGIN + (double)k * (cw + 12);
			set_text(lab, d->cover[i + k].label);
			set_text(val, d->cover[i + k].value);
			ink(p->cr, styles[ST_COVER_LABEL].colour);
			cairo_move_to(p->cr, x, p->y + pad +
			    pt(pango_layout_get_baseline(val) -
			    pango_layout_get_baseline(lab)));
			pango_cairo_show_layout(p->cr, lab);
			ink(p->cr, styles[ST_COVER_VALUE].colour);
			cairo_move_to(p->cr, x + lw, p->y + pad);
			pango_cairo_show_layout(p->cr, val);
		}
		hline(p->cr, MARGIN, MARGIN + TEXT_W, p->y + h, 0.5, RULE);
		advance(p, h);
	}
	set_width(lab, TEXT_W);
	set_width(val, TEXT_W);
	p->masthead = true;
}

/* ---------------------------------------------------------------- */
/* Keeping a heading with what follows it */

static double lead_h(struct pdf *p, const struct doc_block *b, int depth);

/* b, or the first block after it that the PDF shows; NULL for none. */
static const struct doc_block *
shown(const struct doc_block *b)
{
	while (b != NULL && (b->only & DOC_ONLY_XLSX))
		b = b->next;
	return b;
}

/* The hanging indent of list b, with the marker layout made ready for
 * its numbers or bullets. */
static double
list_indent(struct pdf *p, const struct doc_block *b)
{
	PangoLayout *m = p->marker;
	double indent = BULLET_INDENT;

	if (b->numbered) {
		/* the widest number sets the hanging indent */
		buf_reset(&p->tmp);
		buf_printf(&p->tmp, "%zu.", b->nitems);
		pango_layout_set_width(m, -1);
		set_text(m, buf_cstr(&p->tmp));
		indent = ceil(lay_w(m)) + NUMBER_GAP;
		set_width(m, indent - NUMBER_GAP);
		pango_layout_set_alignment(m, PANGO_ALIGN_RIGHT);
	} else {
		set_width(m, indent);
		pango_layout_set_alignment(m, PANGO_ALIGN_LEFT);
	}
	return indent;
}

/* Key figures' grid: boxes a row, a box's width and its inner width. */
static size_t
fig_grid(const struct pdf *p, const struct doc_block *b, double *bw,
    double *inner)
{
	size_t rows = (b->nfigs + FIG_ROW_MAX - 1) / FIG_ROW_MAX;
	size_t per = (b->nfigs + rows - 1) / rows;

	*bw = (TEXT_W - (double)(per - 1) * FIG_GAP) / (double)per;
	*inner = *bw - 2 * FIG_PAD;
	return per;
}

/* Set the n figures from i into the row layouts; returns the row's
 * height, its tallest value's in *vh. */
static double
fig_row(struct pdf *p, const struct doc_block *b, size_t i, size_t n,
    double inner, double *vh)
{
	double lh = 0;
	size_t k;

	*vh = 0;
	for (k = 0; k < n; k++) {
		set_text(p->figv[k], b->figs[i + k].value);
		set_text(p->figl[k], b->figs[i + k].label);
		balance(p->figv[k], inner, true);
		balance(p->figl[k], inner, true);
		*vh = fmax(*vh, lay_h(p->figv[k]));
		lh = fmax(lh, lay_h(p->figl[k]));
	}
	return FIG_PAD + *vh + 3 + lh + FIG_PAD;
}

/* A table's header and first row, as table() will draw them (a little
 * more when a short cell would get a thinner padding there). */
static double
table_lead(struct pdf *p, const struct doc_table *t)
{
	PangoLayout *hl = p->lay[ST_HEAD], *cl = p->lay[ST_CELL];
	const struct doc_cell *c;
	double sum = 0, w, hh = 0, rh = 0;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (!(t->col[i].only & DOC_ONLY_XLSX))
			sum += t->col[i].width > 0 ? t->col[i].width : 1;
	if (sum == 0)
		return 0;
	for (i = 0; i < t->ncols; i++) {
		if (t->col[i].only & DOC_ONLY_XLSX)
			continue;
		w = TEXT_W * (t->col[i].width > 0 ? t->col[i].width : 1) /
		    sum - 2 * CELL_PAD_X;
		set_text(hl, t->col[i].head);
		set_width(hl, w);
		hh = fmax(hh, lay_h(hl));
		if (t->nrows == 0)
			continue;
		c = &t->cell[i];
		set_text(cl, c->kind == DOC_CELL_TEXT ? c->text : "0");
		set_width(cl, w);
		rh = fmax(rh, lay_h(cl));
		if (c->kind == DOC_CELL_BAR)
			rh = fmax(rh, BAR_H);
	}
	set_width(hl, TEXT_W);
	set_width(cl, TEXT_W);
	return GAP_BLOCK + hh + 2 * CELL_PAD_Y +
	    (t->nrows > 0 ? rh + 2 * CELL_PAD_Y : 0);
}

/*
 * A chart's SVG parsed, and its size on the page: w × ht, within the
 * text width and short enough to share a page with its heading.  0, or
 * -1 with *why set (e may hold librsvg's error; the caller frees it).
 */
static int
chart_size(const struct pdf *p, const struct doc_block *b, RsvgHandle **out,
    double *w, double *ht, const char **why, GError **e)
{
	RsvgHandle *h;
	RsvgRectangle vb;
	gboolean has_vb = FALSE;
	double max = BODY_BOTTOM - MARGIN - CHART_ROOM;

	*out = NULL;
	if (b->svg == NULL || b->svglen == 0) {
		*why = "no SVG";
		return -1;
	}
	h = rsvg_handle_new_from_data((const guint8 *)b->svg, b->svglen, e);
	if (h == NULL) {
		*why = "unreadable SVG";
		return -1;
	}
	rsvg_handle_get_intrinsic_dimensions(h, NULL, NULL, NULL, NULL,
	    &has_vb, &vb);
	if (!has_vb || !(vb.width > 0) || !(vb.height > 0) ||
	    !isfinite(vb.width) || !isfinite(vb.height)) {
		*why = "the <svg> has no usable viewBox";
		g_object_unref(h);
		return -1;
	}
	*w = TEXT_W * (b->width > 0 && b->width <= 1 ? b->width : 1);
	*ht = *w * vb.height / vb.width;
	if (*ht > max) {
		*w *= max / *ht;
		*ht = max;
	}
	*out = h;
	return 0;
}

/* Choices in a row of b, and the row count. */
static size_t
choices_per_row(const struct doc_block *b, size_t *rows)
{
	size_t per = b->nitems < CHOICE_ROW ? b->nitems : CHOICE_ROW;

	*rows = per ? (b->nitems + per - 1) / per : 0;
	return per;
}

/* Set the choices of row r of b into p->opt, for columns cw wide;
 * returns the row's height. */
static double
choices_row(struct pdf *p, const struct doc_block *b, size_t per, size_t r,
    double cw)
{
	double h = BOX;
	size_t k, i;

	for (k = 0; k < per; k++) {
		i = r * per + k;
		set_width(p->opt[k], cw - BOX - BOX_GAP - 6);
		set_text(p->opt[k], i < b->nitems ? b->items[i] : "");
		if (i < b->nitems)
			h = fmax(h, lay_h(p->opt[k]));
	}
	return h;
}

/* The left edge of a question's text and its width. */
static double
choices_indent(const struct doc_block *b)
{
	return b->num != NULL ? QNUM_W : 0;
}

/*
 * The height of question b, its text set into p->lay[ST_QUESTION] (and
 * its number into p->lay[ST_QNUM]).  *qh (OUT, or NULL) gets the text's
 * height with the space under it; rowh (OUT, or NULL) the height of each
 * row of choices.
 */
static double
choices_measure(struct pdf *p, const struct doc_block *b, double *qh,
    double *rowh)
{
	double in = choices_indent(b), h = 0, th = 0, cw, rh;
	size_t per, rows, r;

	if (b->num != NULL) {
		set_width(p->lay[ST_QNUM], QNUM_W);
		set_text(p->lay[ST_QNUM], b->num);
		th = lay_h(p->lay[ST_QNUM]);
	}
	if (b->text != NULL && b->text[0] != '\0') {
		set_width(p->lay[ST_QUESTION], TEXT_W - in);
		set_text(p->lay[ST_QUESTION], b->text);
		th = fmax(th, lay_h(p->lay[ST_QUESTION]));
	}
	per = choices_per_row(b, &rows);
	if (th > 0 && rows > 0)
		th += CHOICE_TOP;
	if (qh != NULL)
		*qh = th;
	h = th;
	cw = per ? (TEXT_W - in) / (double)per : 0;
	for (r = 0; r < rows; r++) {
		rh = choices_row(p, b, per, r, cw);
		if (rowh != NULL)
			rowh[r] = rh;
		h += rh + (r > 0 ? CHOICE_ROW_GAP : 0);
	}
	return h;
}

static void
choices(struct pdf *p, const struct doc_block *b)
{
	double in = choices_indent(b), qh, h, cw, x, y, rh;
	double *rowh = xcalloc(b->nitems + 1, sizeof(*rowh));
	size_t per, rows, r, k;

	h = choices_measure(p, b, &qh, rowh);
	per = choices_per_row(b, &rows);
	gap(p, GAP_QUESTION);
	room(p, h);
	if (b->num != NULL) {
		ink(p->cr, styles[ST_QNUM].colour);
		cairo_move_to(p->cr, MARGIN, p->y);
		pango_cairo_show_layout(p->cr, p->lay[ST_QNUM]);
	}
	if (b->text != NULL && b->text[0] != '\0') {
		ink(p->cr, styles[ST_QUESTION].colour);
		/* the number and the first line share a baseline */
		cairo_move_to(p->cr, MARGIN + in, p->y + (b->num != NULL ?
		    pt(pango_layout_get_baseline(p->lay[ST_QNUM]) -
		    pango_layout_get_baseline(p->lay[ST_QUESTION])) : 0));
		pango_cairo_show_layout(p->cr, p->lay[ST_QUESTION]);
	}
	y = p->y + qh;
	cw = per ? (TEXT_W - in) / (double)per : 0;
	for (r = 0; r < rows; r++) {
		rh = choices_row(p, b, per, r, cw);
		for (k = 0; k < per && r * per + k < b->nitems; k++) {
			x = MARGIN + in + (double)k * cw;
			/* the box centred on the label's first line */
			cairo_rectangle(p->cr, x + BOX_LINE / 2, y +
			    fmax(0, (pt(pango_layout_get_baseline(p->opt[k])) -
			    BOX) * 0.5 + 1.5) + BOX_LINE / 2, BOX - BOX_LINE,
			    BOX - BOX_LINE);
			cairo_set_line_width(p->cr, BOX_LINE);
			ink(p->cr, INK);
			cairo_stroke(p->cr);
			ink(p->cr, styles[ST_CHOICE].colour);
			cairo_move_to(p->cr, x + BOX + BOX_GAP, y);
			pango_cairo_show_layout(p->cr, p->opt[k]);
		}
		y += rh + CHOICE_ROW_GAP;
	}
	advance(p, h);
	free(rowh);
}

/* A label and a line to write on. */
static void
fill(struct pdf *p, const struct doc_block *b)
{
	PangoLayout *l = p->lay[ST_BODY];
	double x0, x1 = MARGIN + TEXT_W * (b->width > 0 && b->width <= 1 ?
	    b->width : 1), base;

	gap(p, GAP_BLOCK);
	pango_layout_set_width(l, -1);
	set_text(l, b->text);
	room(p, FILL_H);
	base = p->y + FILL_H - 4;
	ink(p->cr, styles[ST_BODY].colour);
	cairo_move_to(p->cr, MARGIN, base -
	    pt(pango_layout_get_baseline(l)));
	pango_cairo_show_layout(p->cr, l);
	x0 = fmin(MARGIN + lay_w(l) + FILL_GAP, x1 - 40);
	hline(p->cr, x0, x1, base + 2, 0.7, INK);
	set_width(l, TEXT_W);
	advance(p, FILL_H + 2);
}

/*
 * How much of block b must stand on the same page as the heading just
 * above it: the part of b that is never split from its start — the
 * first lines of a paragraph, the first list item, the first row of
 * figures, a table's header and first row, a whole chart; for a heading,
 * itself and what it keeps in turn.  0 for none.
 */
static double
lead_h(struct pdf *p, const struct doc_block *b, int depth)
{
	PangoLayout *l;
	PangoLayoutIter *it;
	RsvgHandle *h;
	GError *e = NULL;
	const char *why;
	double w, ht, bw, inner, vh;
	int y0, y1, n;
	enum style s;

	if ((b = shown(b)) == NULL)
		return 0;
	switch (b->kind) {
	case DOC_HEADING:
		s = b->level <= 1 ? ST_H1 : b->level == 2 ? ST_H2 : ST_H3;
		set_text(p->lay[s], b->text);
		return GAP_HEADING + lay_h(p->lay[s]) + (depth < 2 ?
		    lead_h(p, b->next, depth + 1) : 0);
	case DOC_TEXT:
	case DOC_NOTE:
		l = p->lay[b->kind == DOC_TEXT ? ST_BODY : ST_NOTE];
		set_text(l, b->text);
		balance(l, TEXT_W, false);
		n = pango_layout_get_line_count(l);
		if (n <= KEEP_LINES)
			ht = lay_h(l);
		else {
			/* the first two lines */
			it = pango_layout_get_iter(l);
			pango_layout_iter_next_line(it);
			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			pango_layout_iter_free(it);
			ht = pt(y1);
		}
		set_width(l, TEXT_W);
		return GAP_BLOCK + ht;
	case DOC_LIST:
		if (b->nitems == 0)
			return 0;
		w = TEXT_W - list_indent(p, b);
		set_text(p->lay[ST_ITEM], b->items[0]);
		balance(p->lay[ST_ITEM], w, false);
		ht = lay_h(p->lay[ST_ITEM]);
		set_width(p->lay[ST_ITEM], TEXT_W);
		return GAP_BLOCK + ht;
	case DOC_FIGURES:
		if (b->nfigs == 0)
			return 0;
		n = (int)fig_grid(p, b, &bw, &inner);
		return GAP_BLOCK + fig_row(p, b, 0, (size_t)n < b->nfigs ?
		    (size_t)n : b->nfigs, inner, &vh);
	case DOC_TABLE:
		return table_lead(p, &b->tab);
	case DOC_CHOICES:	/* a question never splits */
		return GAP_QUESTION + choices_measure(p, b, NULL, NULL);
	case DOC_FILL:
		return GAP_BLOCK + FILL_H + 2;
	case DOC_SVG:
		if (chart_size(p, b, &h, &w, &ht, &why, &e) != 0) {
			if (e != NULL)
				g_error_free(e);
			return 0;	/* chart() says why */
		}
		g_object_unref(h);
		return GAP_BLOCK + ht;
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------- */
/* Blocks */

static void
section_title(struct pdf *p, const struct doc_section *s)
{
	PangoLayout *l = p->lay[ST_SECTION];

	if (p->masthead) {
		/* the first section goes on under the title block */
		gap(p, GAP_HEADING);
		p->masthead = false;
	} else if (s->new_page && !p->fresh)
		page_close(p);
	else
		gap(p, GAP_SECTION);
	if (s->title == NULL || s->title[0] == '\0')
		return;
	set_text(l, s->title);
	room(p, lay_h(l) + 12 + lead_h(p, s->first, 0));
	flow(p, l, styles[ST_SECTION].colour, MARGIN, NULL, 0);
	advance(p, 3);
	hline(p->cr, MARGIN, MARGIN + TEXT_W, p->y, 0.8, ACCENT);
	advance(p, 9);
}

/* A heading never ends a page: it goes on the page where what follows
 * it starts (lead_h). */
static void
heading(struct pdf *p, const struct doc_block *b)
{
	enum style s = b->level <= 1 ? ST_H1 : b->level == 2 ? ST_H2 : ST_H3;
	PangoLayout *l = p->lay[s];
	double keep = lead_h(p, b->next, 0);

	gap(p, GAP_HEADING);
	set_text(l, b->text);
	room(p, lay_h(l) + keep);
	flow(p, l, styles[s].colour, MARGIN, NULL, 0);
}

/* A paragraph; one of a few lines is never split across pages. */
static void
paragraph(struct pdf *p, enum style s, const char *text,
    enum doc_align align)
{
	PangoLayout *l = p->lay[s];

	gap(p, GAP_BLOCK);
	set_text(l, text);
	balance(l, TEXT_W, false);
	pango_layout_set_alignment(l, align_of(align));
	if (pango_layout_get_line_count(l) <= KEEP_LINES)
		room(p, lay_h(l));
	flow(p, l, styles[s].colour, MARGIN, NULL, 0);
	pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	set_width(l, TEXT_W);
}

/* A list; an item is never split across pages. */
static void
list(struct pdf *p, const struct doc_block *b)
{
	PangoLayout *item = p->lay[ST_ITEM], *m = p->marker;
	double indent;
	size_t i;

	if (b->nitems == 0)
		return;
	indent = list_indent(p, b);
	gap(p, GAP_BLOCK);
	for (i = 0; i < b->nitems; i++) {
		if (i > 0)
			gap(p, GAP_ITEM);
		buf_reset(&p->tmp);
		if (b->numbered)
			buf_printf(&p->tmp, "%zu.", i + 1);
		else
			buf_adds(&p->tmp, "•");
		set_text(m, buf_cstr(&p->tmp));
		set_text(item, b->items[i]);
		balance(item, TEXT_W - indent, false);
		if (lay_h(item) < (BODY_BOTTOM - MARGIN) / 3)
			room(p, lay_h(item));
		flow(p, item, styles[ST_ITEM].colour, MARGIN + indent, m,
		    b->numbered ? MARGIN : MARGIN + 2);
	}
	set_width(item, TEXT_W);
}

/* Key figures: rows of up to FIG_ROW_MAX boxes, balanced (6 → 3 + 3). */
static void
figures(struct pdf *p, const struct doc_block *b)
{
	size_t per, i, k, n;
	double bw, vh, h, x, inner;
	const struct doc_fig *f;

	if (b->nfigs == 0)
		return;
	per = fig_grid(p, b, &bw, &inner);
	gap(p, GAP_BLOCK);
	for (i = 0; i < b->nfigs; i += per) {
		n = b->nfigs - i < per ? b->nfigs - i : per;
		h = fig_row(p, b, i, n, inner, &vh);
		if (i > 0)
			gap(p, FIG_GAP);
		room(p, h);
		for (k = 0; k < n; k++) {
			f = &b->figs[i + k];
			x = MARGIN + (double)k * (bw + FIG_GAP);
			cairo_rectangle(p->cr, x + 0.25, p->y + 0.25,
			    bw - 0.5, h - 0.5);
			ink(p->cr, f->tone > DOC_TONE_NONE &&
			    f->tone < DOC_TONE__MAX ? tints[f->tone] : FIG_BG);
			cairo_fill_preserve(p->cr);
			cairo_set_line_width(p->cr, 0.5);
			ink(p->cr, FIG_LINE);
			cairo_stroke(p->cr);
			/* values share a baseline when they differ in lines;
			 * a balanced layout is narrower than the box and
			 * centred in it */
			ink(p->cr, styles[ST_FIG_VALUE].colour);
			cairo_move_to(p->cr, x + FIG_PAD + (inner -
			    pt(pango_layout_get_width(p->figv[k]))) / 2,
			    p->y + FIG_PAD + vh - lay_h(p->figv[k]));
			pango_cairo_show_layout(p->cr, p->figv[k]);
			ink(p->cr, styles[ST_FIG_LABEL].colour);
			cairo_move_to(p->cr, x + FIG_PAD + (inner -
			    pt(pango_layout_get_width(p->figl[k]))) / 2,
			    p->y + FIG_PAD + vh + 3);
			pango_cairo_show_layout(p->cr, p->figl[k]);
		}
		advance(p, h);
	}
}

/* ---------------------------------------------------------------- */
/* Tables */

/*
 * A table column.  Columns of marks and small numbers repeat a few short
 * texts in row after row, so each column keeps its first CELL_MEMO
 * distinct short texts shaped, in layouts of their own; other texts go
 * through the one layout cell.
 */
#define CELL_MEMO	8
#define CELL_SHORT	23	/* bytes of a short text */

/* Text in a cell: its layout and the padding it is drawn with. */
struct ctext {
	PangoLayout	*l;
	double		 pad;	/* left and right */
	double		 shift;	/* right of pad: a layout narrowed against
				   a lone last character keeps its
				   alignment in the cell */
};

struct tcol {
	size_t		 c;	/* column in the doc's table */
	double		 x;	/* left edge */
	double		 w;	/* width */
	PangoAlignment	 align;
	struct ctext	 head;	/* its header text, shaped once */
	struct ctext	 cell;	/* any text */
	struct ctext	 shown;	/* the current row's cell: cell or a memo */
	struct {
		char		 text[CELL_SHORT + 1];
		struct ctext	 t;
	}		 memo[CELL_MEMO];
	int		 nmemo;
};

/*
 * Fit t's layout, which holds its text, into a cell w wide, and set the
 * padding it is drawn with: the usual one, unless that would break a
 * short text that a thinner one keeps whole ("12" in a narrow column of
 * answers).
 */
static void
cell_fit(struct ctext *t, double w)
{
	PangoAlignment al = pango_layout_get_alignment(t->l);
	double full, set;

	t->pad = CELL_PAD_X;
	t->shift = 0;
	set_width(t->l, w - 2 * CELL_PAD_X);
	if (!pango_layout_is_wrapped(t->l))
		return;
	if (strlen(pango_layout_get_text(t->l)) <= CELL_SHORT) {
		pango_layout_set_width(t->l, -1);
		if (lay_w(t->l) <= w - 2 * CELL_PAD_MIN)
			t->pad = CELL_PAD_MIN;
		set_width(t->l, w - 2 * t->pad);
	}
	full = w - 2 * t->pad;
	set = balance(t->l, full, false);
	t->shift = al == PANGO_ALIGN_RIGHT ? full - set :
	    al == PANGO_ALIGN_CENTER ? (full - set) / 2 : 0;
}

/* tc's cell layout holding s. */
static struct ctext
tcol_text(struct pdf *p, struct tcol *tc, const char *s)
{
	struct ctext *t;
	size_t n;
	int k;

	if (s == NULL)
		s = "";
	if ((n = strlen(s)) <= CELL_SHORT) {
		for (k = 0; k < tc->nmemo; k++)
			if (strcmp(tc->memo[k].text, s) == 0)
				return tc->memo[k].t;
		if (tc->nmemo < CELL_MEMO) {
			k = tc->nmemo++;
			memcpy(tc->memo[k].text, s, n + 1);
			t = &tc->memo[k].t;
			t->l = layout_new(p, ST_CELL);
			pango_layout_set_alignment(t->l, tc->align);
			set_text(t->l, s);
			cell_fit(t, tc->w);
			return *t;
		}
	}
	set_text(tc->cell.l, s);
	cell_fit(&tc->cell, tc->w);
	return tc->cell;
}

/* A stacked bar of c's counts in the box x, y, w × BAR_H. */
static void
bar(struct pdf *p, const struct doc_cell *c, double x, double y, double w)
{
	PangoLayout *l = p->lay[ST_COUNT];
	cairo_t *cr = p->cr;
	long total = 0, cum = 0;
	double x0, x1, tw, th;
	int k, n = c->nbar < DOC_BAR_MAX ? c->nbar : DOC_BAR_MAX;

	for (k = 0; k < n; k++)
		total += c->bar[k] > 0 ? c->bar[k] : 0;
	if (total == 0) {
		cairo_rectangle(cr, x + 0.3, y + 0.3, w - 0.6, BAR_H - 0.6);
		cairo_set_line_width(cr, 0.6);
		ink(cr, BAR_EMPTY);
		cairo_stroke(cr);
		return;
	}
	for (k = 0; k < n; k++) {
		if (c->bar[k] <= 0)
			continue;
		x0 = x + w * (double)cum / (double)total;
		cum += c->bar[k];
		x1 = x + w * (double)cum / (double)total;
		cairo_rectangle(cr, x0, y, x1 - x0, BAR_H);
		cairo_set_source(cr, p->fill[k]);
		cairo_fill(cr);
		if (cum < total) {	/* a white seam, as in svg.c */
			cairo_rectangle(cr, x1 - 0.35, y, 0.7, BAR_H);
			ink(cr, WHITE);
			cairo_fill(cr);
		}
	}
	cum = 0;
	for (k = 0; k < n; k++) {
		if (c->bar[k] <= 0)
			continue;
		x0 = x + w * (double)cum / (double)total;
		cum += c->bar[k];
		x1 = x + w * (double)cum / (double)total;
		buf_reset(&p->tmp);
		buf_printf(&p->tmp, "%d", c->bar[k]);
		set_text(l, buf_cstr(&p->tmp));
		tw = lay_w(l);
		th = lay_h(l);
		if (x1 - x0 < tw + BAR_COUNT_ROOM)
			continue;
		if (bar_looks[k].hatch != HATCH_NONE) {
			/* a halo of the base colour keeps it legible on
			 * the hatching (outlines only: the text follows) */
			cairo_move_to(cr, (x0 + x1 - tw) / 2,
			    y + (BAR_H - th) / 2);
			pango_cairo_layout_path(cr, l);
			cairo_set_line_width(cr, 2.0);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
			ink(cr, bar_looks[k].colour);
			cairo_stroke(cr);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		}
		ink(cr, bar_looks[k].ink);
		cairo_move_to(cr, (x0 + x1 - tw) / 2, y + (BAR_H - th) / 2);
		pango_cairo_show_layout(cr, l);
	}
}

/* The grid of a row: its bottom line, its top line when top, and the
 * column edges. */
static void
row_grid(struct pdf *p, const struct tcol *tc, size_t n, double h,
    bool top)
{
	cairo_t *cr = p->cr;
	double x1 = tc[n - 1].x + tc[n - 1].w;
	size_t i;

	if (top) {
		cairo_move_to(cr, MARGIN, p->y);
		cairo_line_to(cr, x1, p->y);
	}
	cairo_move_to(cr, MARGIN, p->y + h);
	cairo_line_to(cr, x1, p->y + h);
	for (i = 0; i < n; i++) {
		cairo_move_to(cr, tc[i].x, p->y);
		cairo_line_to(cr, tc[i].x, p->y + h);
	}
	cairo_move_to(cr, x1, p->y);
	cairo_line_to(cr, x1, p->y + h);
	cairo_set_line_width(cr, GRID_W);
	ink(cr, GRID);
	cairo_stroke(cr);
}

static void
table_head(struct pdf *p, const struct tcol *tc, size_t n, double h)
{
	size_t i;

	cairo_rectangle(p->cr, MARGIN, p->y, tc[n - 1].x + tc[n - 1].w -
	    MARGIN, h);
	ink(p->cr, HEAD_BG);
	cairo_fill(p->cr);
	ink(p->cr, styles[ST_HEAD].colour);
	for (i = 0; i < n; i++) {
		cairo_move_to(p->cr, tc[i].x + tc[i].head.pad +
		    tc[i].head.shift,
		    p->y + (h - lay_h(tc[i].head.l)) / 2);
		pango_cairo_show_layout(p->cr, tc[i].head.l);
	}
	row_grid(p, tc, n, h, true);
	advance(p, h);
}

/* Set row r's cells into the column layouts; returns the row's height. */
static double
row_measure(struct pdf *p, const struct doc_table *t, size_t r,
    struct tcol *tc, size_t n)
{
	const struct doc_cell *c;
	const char *text;
	double h = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		c = &t->cell[r * t->ncols + tc[i].c];
		switch (c->kind) {
		case DOC_CELL_TEXT:
			text = c->text;
			break;
		case DOC_CELL_NUM:
			buf_reset(&p->tmp);
			num_fixed(&p->tmp, c->num, c->decimals < 0 ? 0 :
			    c->decimals > 3 ? 3 : c->decimals);
			text = buf_cstr(&p->tmp);
			break;
		default:
			/* an empty line keeps rows of one height */
			text = "";
			break;
		}
		tc[i].shown = tcol_text(p, &tc[i], text);
		h = fmax(h, lay_h(tc[i].shown.l));
		if (c->kind == DOC_CELL_BAR)
			h = fmax(h, BAR_H);
	}
	return h + 2 * CELL_PAD_Y;
}

static void
row_draw(struct pdf *p, const struct doc_table *t, size_t r,
    const struct tcol *tc, size_t n, double h)
{
	const struct doc_cell *c;
	bool tinted = false;
	size_t i;

	for (i = 0; i < n; i++) {
		c = &t->cell[r * t->ncols + tc[i].c];
		if (c->tone <= DOC_TONE_NONE || c->tone >= DOC_TONE__MAX)
			continue;
		cairo_rectangle(p->cr, tc[i].x, p->y, tc[i].w, h);
		ink(p->cr, tints[c->tone]);
		cairo_fill(p->cr);
		tinted = true;
	}
	for (i = 0; i < n; i++) {
		c = &t->cell[r * t->ncols + tc[i].c];
		if (c->kind == DOC_CELL_BAR) {
			bar(p, c, tc[i].x + CELL_PAD_X, p->y + (h - BAR_H) / 2,
			    tc[i].w - 2 * CELL_PAD_X);
			continue;
		}
		if (c->kind != DOC_CELL_TEXT && c->kind != DOC_CELL_NUM)
			continue;
		ink(p->cr, styles[ST_CELL].colour);
		cairo_move_to(p->cr, tc[i].x + tc[i].shown.pad +
		    tc[i].shown.shift,
		    p->y + (h - lay_h(tc[i].shown.l)) / 2);
		pango_cairo_show_layout(p->cr, tc[i].shown.l);
	}
	/* a tint covers the line above, drawn with the row before: draw it
	 * again, or two tinted cells one above the other would run into one
	 * on a screen */
	row_grid(p, tc, n, h, tinted);
	advance(p, h);
}

static void
table(struct pdf *p, const struct doc_table *t)
{
	struct tcol *tc;
	double sum = 0, x = MARGIN, hh = 0, rh;
	size_t i, n = 0, r;
	bool need_head = true;
	int k;

	if (t->ncols == 0)
		return;
	tc = xcalloc(t->ncols, sizeof(*tc));
	for (i = 0; i < t->ncols; i++) {
		if (t->col[i].only & DOC_ONLY_XLSX)
			continue;
		tc[n].c = i;
		tc[n].w = t->col[i].width > 0 ? t->col[i].width : 1;
		sum += tc[n].w;
		n++;
	}
	if (n == 0) {
		free(tc);
		return;
	}
	for (i = 0; i < n; i++) {
		const struct doc_col *col = &t->col[tc[i].c];

		tc[i].w = TEXT_W * tc[i].w / sum;
		tc[i].x = x;
		x += tc[i].w;
		tc[i].align = align_of(col->align);
		tc[i].head.l = layout_new(p, ST_HEAD);
		tc[i].cell.l = layout_new(p, ST_CELL);
		pango_layout_set_alignment(tc[i].head.l, tc[i].align);
		pango_layout_set_alignment(tc[i].cell.l, tc[i].align);
		set_text(tc[i].head.l, col->head);
		cell_fit(&tc[i].head, tc[i].w);
		cell_fit(&tc[i].cell, tc[i].w);
		hh = fmax(hh, lay_h(tc[i].head.l));
	}
	hh += 2 * CELL_PAD_Y;

	gap(p, GAP_BLOCK);
	for (r = 0; r < t->nrows; r++) {
		rh = row_measure(p, t, r, tc, n);
		if (need_head) {
			room(p, hh + rh);
			table_head(p, tc, n, hh);
			need_head = false;
		} else if (p->y + rh > BODY_BOTTOM) {
			page_open(p);
			table_head(p, tc, n, hh);
		}
		row_draw(p, t, r, tc, n, rh);
	}
	if (need_head) {
		room(p, hh);
		table_head(p, tc, n, hh);
	}
	for (i = 0; i < n; i++) {
		g_object_unref(tc[i].head.l);
		g_object_unref(tc[i].cell.l);
		for (k = 0; k < tc[i].nmemo; k++)
			g_object_unref(tc[i].memo[k].t.l);
	}
	free(tc);
}

/* ---------------------------------------------------------------- */
/* Charts */

/* Parse b's SVG, make room for it and keep its place; emit() draws it. */
static void
chart(struct pdf *p, const struct doc_block *b)
{
	struct chart *c;
	RsvgHandle *h;
	GError *e = NULL;
	double w, ht;
	const char *where = p->sec->title != NULL ? p->sec->title : "";
	const char *why;

	if (chart_size(p, b, &h, &w, &ht, &why, &e) != 0) {
		fail(p, PDF_ERR_SVG, "chart in section \"%s\": %s", where,
		    e != NULL ? e->message : why);
		if (e != NULL)
			g_error_free(e);
		return;
	}
	gap(p, GAP_BLOCK);
	room(p, ht);
	if (p->nchart == p->capchart) {
		p->capchart = p->capchart ? 2 * p->capchart : 8;
		p->chart = xrealloc(p->chart, p->capchart * sizeof(*p->chart));
	}
	c = &p->chart[p->nchart++];
	c->page = p->npage - 1;
	c->h = h;
	c->vp.x = MARGIN + (TEXT_W - w) / 2;
	c->vp.y = p->y;
	c->vp.width = w;
	c->vp.height = ht;
	c->where = where;
	advance(p, ht);
}

/* Draw the charts of page i onto cr, from *next on. */
static void
charts_draw(struct pdf *p, cairo_t *cr, size_t i, size_t *next)
{
	struct chart *c;
	GError *e = NULL;

	for (; *next < p->nchart && p->chart[*next].page == i; (*next)++) {
		c = &p->chart[*next];
		if (rsvg_handle_render_document(c->h, cr, &c->vp, &e))
			continue;
		fail(p, PDF_ERR_SVG, "chart in section \"%s\": %s", c->where,
		    e != NULL ? e->message : "librsvg cannot draw it");
		if (e != NULL)
			g_error_free(e);
		return;
	}
}

/* ---------------------------------------------------------------- */
/* The document */

static cairo_pattern_t *
bar_fill(const struct bar_look *lk)
{
	cairo_rectangle_t r;
	cairo_surface_t *tile;
	cairo_pattern_t *pat;
	cairo_matrix_t m;
	cairo_t *cr;
	double s = lk->hatch == HATCH_DOTS ? DOT_TILE : STRIPE_TILE;

	if (lk->hatch == HATCH_NONE)
		return cairo_pattern_create_rgb(
		    (double)((lk->colour >> 16) & 0xff) / 255.0,
		    (double)((lk->colour >> 8) & 0xff) / 255.0,
		    (double)(lk->colour & 0xff) / 255.0);
	r.x = r.y = 0;
	r.width = r.height = s;
	tile = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &r);
	cr = cairo_create(tile);
	ink(cr, lk->colour);
	cairo_paint(cr);
	ink(cr, lk->mark);
	if (lk->hatch == HATCH_DOTS)
		cairo_arc(cr, s / 2, s / 2, DOT_R, 0, 2 * M_PI);
	else
		cairo_rectangle(cr, 0, 0, STRIPE_W, s);
	cairo_fill(cr);
	cairo_destroy(cr);
	pat = cairo_pattern_create_for_surface(tile);
	cairo_surface_destroy(tile);
	cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
	if (lk->hatch == HATCH_STRIPES) {
		/* svg.c's patternTransform="rotate(45)"; cairo's matrix
		 * goes the other way, from user to pattern space */
		cairo_matrix_init_rotate(&m, -M_PI / 4);
		cairo_pattern_set_matrix(pat, &m);
	}
	return pat;
}

static void
pdf_init(struct pdf *p, const struct doc *d, char *err, size_t errlen)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->d = d;
	p->err = err;
	p->errlen = errlen;
	p->pw = d->landscape ? A4_LONG : A4_SHORT;
	p->ph = d->landscape ? A4_SHORT : A4_LONG;
	p->ctx = context_new(d->lang);
	for (i = 0; i < ST__MAX; i++) {
		p->font[i] = pango_font_description_new();
		pango_font_description_set_family_static(p->font[i],
		    FONT_FAMILY);
		pango_font_description_set_absolute_size(p->font[i],
		    styles[i].size * (i != ST_FOOTER && d->scale > 0 ?
		    d->scale : 1) * PANGO_SCALE);
		pango_font_description_set_weight(p->font[i],
		    styles[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		p->lay[i] = layout_new(p, (enum style)i);
	}
	p->marker = layout_new(p, ST_ITEM);
	for (i = 0; i < FIG_ROW_MAX; i++) {
		p->figv[i] = layout_new(p, ST_FIG_VALUE);
		p->figl[i] = layout_new(p, ST_FIG_LABEL);
		pango_layout_set_alignment(p->figv[i], PANGO_ALIGN_CENTER);
		pango_layout_set_alignment(p->figl[i], PANGO_ALIGN_CENTER);
	}
	for (i = 0; i < CHOICE_ROW; i++)
		p->opt[i] = layout_new(p, ST_CHOICE);
	p->pageno = layout_new(p, ST_FOOTER);
	set_width(p->pageno, TEXT_W * 0.25);
	pango_layout_set_alignment(p->pageno, PANGO_ALIGN_RIGHT);
	for (i = 0; i < DOC_BAR_MAX; i++)
		p->fill[i] = bar_fill(&bar_looks[i]);
}

static void
pdf_free(struct pdf *p)
{
	size_t i;

	if (p->cr != NULL)
		cairo_destroy(p->cr);
	for (i = 0; i < p->npage; i++)
		cairo_surface_destroy(p->page[i]);
	free(p->page);
	for (i = 0; i < p->nchart; i++)
		g_object_unref(p->chart[i].h);
	free(p->chart);
	for (i = 0; i < DOC_BAR_MAX; i++)
		if (p->fill[i] != NULL)
			cairo_pattern_destroy(p->fill[i]);
	if (p->pageno != NULL)
		g_object_unref(p->pageno);
	for (i = 0; i < CHOICE_ROW; i++)
		if (p->opt[i] != NULL)
			g_object_unref(p->opt[i]);
	for (i = 0; i < FIG_ROW_MAX; i++) {
		if (p->figv[i] != NULL)
			g_object_unref(p->figv[i]);
		if (p->figl[i] != NULL)
			g_object_unref(p->figl[i]);
	}
	if (p->marker != NULL)
		g_object_unref(p->marker);
	for (i = 0; i < ST__MAX; i++) {
		if (p->lay[i] != NULL)
			g_object_unref(p->lay[i]);
		if (p->font[i] != NULL)
			pango_font_description_free(p->font[i]);
	}
	if (p->ctx != NULL)
		g_object_unref(p->ctx);
	buf_free(&p->tmp);
}

/* Pass one: every page recorded. */
static void
body(struct pdf *p)
{
	const struct doc_section *s;
	const struct doc_block *b;

	/* A one-page document (the policy) has no title block. */
	if (p->d->ncover > 0 || p->d->subtitle != NULL)
		masthead(p);
	for (s = p->d->first; s != NULL && p->rc == PDF_OK; s = s->next) {
		if (s->only & DOC_ONLY_XLSX)
			continue;
		p->sec = s;
		section_title(p, s);
		for (b = s->first; b != NULL && p->rc == PDF_OK; b = b->next) {
			if (b->only & DOC_ONLY_XLSX)
				continue;
			switch (b->kind) {
			case DOC_HEADING:
				heading(p, b);
				break;
			case DOC_TEXT:
				paragraph(p, ST_BODY, b->text, b->align);
				break;
			case DOC_NOTE:
				paragraph(p, ST_NOTE, b->text, b->align);
				break;
			case DOC_CHOICES:
				choices(p, b);
				break;
			case DOC_FILL:
				fill(p, b);
				break;
			case DOC_LIST:
				list(p, b);
				break;
			case DOC_FIGURES:
				figures(p, b);
				break;
			case DOC_TABLE:
				table(p, &b->tab);
				break;
			case DOC_SVG:
				chart(p, b);
				break;
			case DOC_PAGEBREAK:
				if (p->cr != NULL && !p->fresh)
					page_close(p);
				break;
			default:
				break;
			}
		}
	}
	page_close(p);
}

static cairo_status_t
out_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct buf *b = closure;

	buf_add(b, data, n);
	return b->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Pass two: the recorded pages onto the PDF, each with its footer. */
static void
emit(struct pdf *p, struct buf *out)
{
	const struct doc *d = p->d;
	PangoLayout *left = p->lay[ST_FOOTER];
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;
	size_t i, next = 0;

	s = cairo_pdf_surface_create_for_stream(out_write, out, PAGE_W,
	    PAGE_H);
	if (d->title != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    d->title);
	if (d->author != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    d->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "mamori");
	cr = cairo_create(s);
	set_width(left, TEXT_W * 0.72);
	pango_layout_set_ellipsize(left, PANGO_ELLIPSIZE_END);
	pango_layout_set_single_paragraph_mode(left, TRUE);
	set_text(left, d->footer);
	for (i = 0; i < p->npage && p->rc == PDF_OK &&
	    cairo_status(cr) == CAIRO_STATUS_SUCCESS; i++) {
		cairo_set_source_surface(cr, p->page[i], 0, 0);
		cairo_paint(cr);
		charts_draw(p, cr, i, &next);
		hline(cr, MARGIN, MARGIN + TEXT_W, FOOT_RULE, 0.4, RULE);
		ink(cr, styles[ST_FOOTER].colour);
		if (d->footer != NULL) {
			cairo_move_to(cr, MARGIN, FOOT_TOP);
			pango_cairo_show_layout(cr, left);
		}
		buf_reset(&p->tmp);
		buf_printf(&p->tmp, "%zu / %zu", i + 1, p->npage);
		set_text(p->pageno, buf_cstr(&p->tmp));
		cairo_move_to(cr, MARGIN + TEXT_W * 0.75, FOOT_TOP);
		pango_cairo_show_layout(cr, p->pageno);
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS && p->rc == PDF_OK)
		fail(p, PDF_ERR_DRAW, "PDF: %s", out->err ?
		    "the output buffer refused the bytes" :
		    cairo_status_to_string(st));
}

int
pdf_render(const struct doc *d, struct buf *out, char *err, size_t errlen)
{
	struct pdf p;
	size_t n0 = out->n;
	bool err0 = out->err;
	int rc;

	if (errlen > 0)
		err[0] = '\0';
	pdf_init(&p, d, err, errlen);
	p.rc = fonts_check(p.ctx, err, errlen);
	if (p.rc == PDF_OK)
		body(&p);
	if (p.rc == PDF_OK && out->err)
		fail(&p, PDF_ERR_DRAW, "PDF: the output buffer has failed "
		    "before");
	if (p.rc == PDF_OK)
		emit(&p, out);
	if (p.rc != PDF_OK) {
		/* Nothing half-written: back to what the caller had.  buf
		 * has no truncate; its fields are public for this. */
		out->n = n0;
		if (out->p != NULL)
			out->p[n0] = '\0';
		out->err = err0;
	}
	rc = p.rc;
	pdf_free(&p);
	return rc;
}
