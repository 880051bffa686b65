#include "render/svg.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/num.h"
#include "base/str.h"

/*
 * Geometry is in user units of a 400-unit-wide viewBox.  On a 390 px phone
 * the chart is drawn about 360 px wide, so a unit is ~0.9 px and the
 * smallest text (11 units) stays ~10 px; fonts are chosen with that in
 * mind, not for the desktop, where the page's CSS caps the width.
 */
#define VIEW_W		400.0
#define MARGIN		6.0	/* free border inside the viewBox */
#define NUMSZ		32	/* one formatted number, NUL included */
#define IDSZ		64	/* an id prefix (≤ 40) plus a suffix */
#define ID_MAX		40
#define LINES_MAX	3	/* lines of a wrapped label */

#define INK		"#1a1a1a"	/* text */
#define INK_SOFT	"#555555"	/* scale values, notes */
#define GRID		"#d0d0d0"	/* rings and spokes */
#define GRID_OUTER	"#9a9a9a"	/* the outer ring */
/* IPAexGothic first: the PDF font (DESIGN.md), so pages and PDFs match. */
#define FONTS		"IPAexGothic, Hiragino Sans, " \
			"Hiragino Kaku Gothic ProN, Noto Sans CJK JP, " \
			"Yu Gothic, Meiryo, sans-serif"
#define SVG_NS		"http://www.w3.org/2000/svg"

/* Radar layout. */
#define LABEL_W		88.0	/* widest line of an axis label */
#define LABEL_W_MID	170.0	/* of a label straight up or down */
#define LABEL_GAP	10.0	/* outer ring to the label's anchor */
#define R_MAX		150.0	/* radius when labels leave room */
#define R_MIN		60.0	/* never smaller, whatever the labels */
#define LEGEND_FONT	13.0
#define LEGEND_ROW	22.0	/* legend row pitch */
#define LEGEND_SAMPLE	30.0	/* sample line length */
#define LEGEND_SPACE	16.0	/* between two legend items */
#define SCALE_FONT	11.0

/* Answer bar layout. */
#define BAR_Y		1.0
#define BAR_H		28.0
#define BAR_FONT	13.0
#define SWATCH		14.0

/* ---------------------------------------------------------------- */
/* Numbers, ids */

/* A coordinate into dst: at most one decimal, trailing zeros dropped.
 * Never "-0", never an exponent, never "nan" (num_short prints 0 for
 * non-finite values). */
static const char *
fmt(char dst[NUMSZ], double v)
{
	struct buf t = BUF_INIT;
	size_t n;

	num_short(&t, v, 1);
	n = t.n < NUMSZ - 1 ? t.n : NUMSZ - 1;
	memcpy(dst, buf_cstr(&t), n);
	dst[n] = '\0';
	buf_free(&t);
	return dst;
}

/* A coordinate appended to a path or a point list. */
static void
add_num(struct buf *b, double v)
{
	num_short(b, v, 1);
}

/* A number for reading: a leading '-' becomes U+2212 MINUS SIGN, which
 * has the width of a digit and reads as a minus, not a hyphen. */
static void
add_shown(struct buf *b, double v, int dec, bool fixed)
{
	struct buf t = BUF_INIT;
	struct str s;

	if (fixed)
		num_fixed(&t, v, dec);
	else
		num_short(&t, v, dec);
	s = buf_str(&t);
	if (s.n > 0 && s.p[0] == '-') {
		buf_adds(b, "\xe2\x88\x92");
		s.p++;
		s.n--;
	}
	buf_addstr(b, s);
	buf_free(&t);
}

static bool
id_ok(const char *id)
{
	size_t i, n;

	if (id == NULL)
		return false;
	n = strlen(id);
	if (n == 0 || n > ID_MAX)
		return false;
	if (!((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z')))
		return false;
	for (i = 1; i < n; i++) {
		char c = id[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* "<id><suffix>" into dst; id_ok(id) holds and suffixes are short. */
static const char *
id_cat(char dst[IDSZ], const char *id, const char *suffix)
{
	size_t a = strlen(id), b = strlen(suffix);

	assert(a + b < IDSZ);
	if (a + b >= IDSZ)
		b = IDSZ - 1 - a;
	memcpy(dst, id, a);
	memcpy(dst + a, suffix, b);
	dst[a + b] = '\0';
	return dst;
}

/* "url(#<id><suffix>)" into dst. */
static const char *
id_url(char dst[IDSZ + 8], const char *id, const char *suffix)
{
	char ref[IDSZ];
	size_t n;

	id_cat(ref, id, suffix);
	n = strlen(ref);
	memcpy(dst, "url(#", 5);
	memcpy(dst + 5, ref, n);
	dst[5 + n] = ')';
	dst[6 + n] = '\0';
	return dst;
}

/* ---------------------------------------------------------------- */
/* Text measurement and wrapping.  There is no font at hand on the server,
 * so widths are estimates in em, erring on the wide side: CJK and
 * full-width forms 1 em, Latin by a few classes of a common sans. */

/* The code point at s[*i], advancing *i; a malformed byte reads as one
 * U+FFFD so that measuring never stalls. */
static uint32_t
utf8_next(struct str s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s.p + *i;
	size_t left = s.n - *i, len, k;
	uint32_t c;

	if (p[0] < 0x80) {
		(*i)++;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		(*i)++;
		return 0xfffd;
	}
	if (len > left) {
		(*i)++;
		return 0xfffd;
	}
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		c = (c << 6) | (p[k] & 0x3f);
	}
	*i += len;
	return c;
}

static bool
cp_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) ||
	    (c >= 0x2e80 && c <= 0xa4cf) ||	/* CJK, kana, symbols */
	    (c >= 0xac00 && c <= 0xd7a3) ||	/* Hangul */
	    (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) ||
	    (c >= 0xff00 && c <= 0xff60) ||	/* full-width forms */
	    (c >= 0xffe0 && c <= 0xffe6) ||
	    (c >= 0x20000 && c <= 0x3fffd) ||
	    c == 0x2026 || c == 0x203b;		/* … ※ in Japanese fonts */
}

/* Advance widths of printable ASCII in 1/100 em: the wider of IPAexGothic
 * and DejaVu Sans, measured, so that Latin labels fit with either. */
static const unsigned char ascii_w[95] = {
	32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84,
	32, 36, 32, 50, 64, 64, 64, 64, 64, 64, 64, 64,
	64, 64, 34, 34, 84, 84, 84, 55, 100, 68, 69, 73,
	77, 63, 58, 77, 75, 29, 38, 66, 56, 90, 76, 80,
	62, 80, 69, 63, 61, 75, 68, 99, 69, 62, 69, 39,
	50, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63,
	63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52,
	39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
};

static double
cp_em(uint32_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return ascii_w[c - 0x20] / 100.0;
	if (c < 0xa0)
		return 0;			/* controls */
	if (c >= 0x300 && c < 0x370)
		return 0;			/* combining marks */
	if (c >= 0xff61 && c <= 0xff9f)
		return 0.5;			/* half-width katakana */
	if (cp_wide(c))
		return 1.0;
	return 0.84;				/* other scripts: wide Latin */
}

static double
text_em(struct str s)
{
	size_t i = 0;
	double em = 0;

	while (i < s.n)
		em += cp_em(utf8_next(s, &i));
	return em;
}

/* Japanese line-breaking rules (kinsoku): no line starts with closing
 * brackets, small kana, the long-vowel mark or punctuation... */
static bool
cp_no_start(uint32_t c)
{
	static const uint32_t set[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0x30fb, 0xff1a, 0xff1b,
		0xff1f, 0xff01, 0x30fc, 0xff09, 0x300d, 0x300f, 0x3011,
		0x3015, 0x3009, 0x300b, 0xff3d, 0xff5d, 0x309d, 0x309e,
		0x30fd, 0x30fe, 0x3005, 0x2026,
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083,
		0x3085, 0x3087, 0x308e, 0x30a1, 0x30a3, 0x30a5, 0x30a7,
		0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5,
		0x30f6,
	};
	size_t i;

	if (c < 0x80)
		return strchr(")]},.:;!?%", (int)c) != NULL && c != 0;
	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == c)
			return true;
	return false;
}

/* ...and none ends with an opening bracket. */
static bool
cp_no_end(uint32_t c)
{
	if (c < 0x80)
		return strchr("([{", (int)c) != NULL && c != 0;
	return c == 0xff08 || c == 0x300c || c == 0x300e || c == 0x3010 ||
	    c == 0x3014 || c == 0x3008 || c == 0x300a || c == 0xff3b ||
	    c == 0xff5b;
}

/* May a line end between a and b? */
static bool
can_break(uint32_t a, uint32_t b)
{
	if (b == ' ')
		return false;
	if (a == ' ')
		return true;
	if (cp_no_start(b) || cp_no_end(a))
		return false;
	if (cp_wide(a) || cp_wide(b))
		return true;
	return a == '-' || a == '/';
}

static bool
cp_hiragana(uint32_t c)
{
	return c >= 0x3041 && c <= 0x309f;
}

/* Hiragana that end a phrase when something other than hiragana follows:
 * the case particles and a few more (の を に は が で と も へ や か). */
static bool
cp_particle(uint32_t c)
{
	static const uint32_t set[] = {
		0x306e, 0x3092, 0x306b, 0x306f, 0x304c, 0x3067, 0x3068,
		0x3082, 0x3078, 0x3084, 0x304b,
	};
	size_t i;

	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == c)
			return true;
	return false;
}

/*
 * Is a legal break between a and b also the end of a phrase?  Japanese
 * has no spaces, but a particle followed by a kanji, katakana or Latin
 * letter nearly always ends a phrase (bunsetsu): 共有設定の|見直し,
 * 脅威や|攻撃の|手口を|知る, while okurigana do not (持ち出し時の|保護,
 * not 持ち|出し時の保護).  Spaces, the middle dot and closing brackets end
 * phrases too.
 */
static bool
phrase_break(uint32_t a, uint32_t b)
{
	if (!can_break(a, b))
		return false;
	if (a == ' ' || a == 0x30fb || a == 0x3001 || a == 0xff09 ||
	    a == 0x300d || a == 0x300f || a == 0x3011)
		return true;
	return cp_particle(a) && !cp_hiragana(b) && b != 0x30fc;
}

struct line {
	struct str	 s;	/* the line's bytes, no spaces at either end */
	double		 em;	/* its estimated width */
	bool		 cut;	/* an ellipsis follows s */
};

static struct str
trim_spaces(struct str s)
{
	while (s.n > 0 && s.p[0] == ' ') {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && s.p[s.n - 1] == ' ')
		s.n--;
	return s;
}

/* Where wrap() may end a full line. */
enum brk {
	BRK_ANY,	/* the last legal break, else anywhere */
	BRK_PHRASE,	/* the last phrase end, else as BRK_ANY */
	BRK_PHRASE_ONLY, /* the last phrase end, else fail */
	BRK__MAX
};

/*
 * Break s into at most maxlines lines (out[0..maxlines)) of at most maxem
 * each, greedily, ending full lines as mode says ("anywhere" is for a word
 * longer than a line).  Returns the number of lines (0 for an empty s,
 * with out[0] set to an empty line), or -1 when s needs more lines; with
 * cut, it never fails: the last line is shortened to leave room for "…".
 */
static int
wrap(struct str s, double maxem, int maxlines, bool cut, enum brk mode,
    struct line *out)
{
	static const double ell = 1.0;	/* width of "…" */
	size_t i = 0, start, j, k, brk, pbrk;
	uint32_t c, prev;
	double em, w;
	int nl = 0;

	assert(maxlines >= 1 && maxlines <= LINES_MAX);
	s = trim_spaces(s);
	/* An empty s still leaves out[0] a valid (empty) line. */
	out[0] = (struct line){ { s.p, 0 }, 0, false };
	while (i < s.n) {
		if (nl == maxlines)
			return -1;
		start = i;
		em = 0;
		brk = pbrk = start;
		prev = 0;
		j = i;
		while (j < s.n) {
			k = j;
			c = utf8_next(s, &k);
			if (j > start && can_break(prev, c)) {
				brk = j;
				if (mode != BRK_ANY && phrase_break(prev, c))
					pbrk = j;
			}
			w = cp_em(c);
			/* Spaces may hang past the end: they are trimmed. */
			if (em + w > maxem && j > start && c != ' ')
				break;
			em += w;
			prev = c;
			j = k;
		}
		if (j < s.n && cut && nl == maxlines - 1) {
			/* The last line allowed and text left over: keep
			 * what fits beside the ellipsis. */
			j = start;
			em = 0;
			while (j < s.n) {
				k = j;
				c = utf8_next(s, &k);
				w = cp_em(c);
				if (em + w + ell > maxem)
					break;
				em += w;
				j = k;
			}
			out[nl].s = trim_spaces((struct str){ s.p + start,
			    j - start });
			out[nl].em = text_em(out[nl].s) + ell;
			out[nl].cut = true;
			return nl + 1;
		}
		if (j < s.n && pbrk == start && mode == BRK_PHRASE_ONLY)
			return -1;
		if (j < s.n)
			j = pbrk > start ? pbrk : brk > start ? brk : j;
		out[nl].s = trim_spaces((struct str){ s.p + start, j - start });
		out[nl].em = text_em(out[nl].s);
		out[nl].cut = false;
		nl++;
		i = j;
		while (i < s.n && s.p[i] == ' ')
			i++;
	}
	return nl;
}

/*
 * wrap(), then, when that took several lines and only phrase ends, the
 * narrowest width that keeps the same number of lines at phrase ends, so
 * the lines come out even ("Keep OS and / software up to date" rather
 * than "Keep OS and software up / to date").  out has maxlines room.
 */
static int
wrap_even(struct str s, double maxem, int maxlines, bool cut, bool phrase,
    struct line *out)
{
	struct line cand[LINES_MAX];
	double lo, hi, mid;
	int n, k, it;

	n = wrap(s, maxem, maxlines, cut, phrase ? BRK_PHRASE : BRK_ANY, out);
	if (n < 2 || !phrase || out[n - 1].cut)
		return n;
	lo = 0;
	hi = maxem;
	for (it = 0; it < 12; it++) {
		mid = (lo + hi) / 2;
		if (wrap(s, mid, n, false, BRK_PHRASE_ONLY, cand) == n) {
			hi = mid;
			for (k = 0; k < n; k++)
				out[k] = cand[k];
		} else
			lo = mid;
	}
	return n;
}

/* Write a wrapped label as one <text>: a single line as plain text, more
 * as <tspan>s with their own x and y.  Baselines start at y0 and follow
 * every lh units.  A cut label carries its full text as a tooltip. */
static void
label_text(struct html *h, const struct line *ln, int n, double x,
    double y0, double lh, const char *anchor, const char *full)
{
	char xs[NUMSZ], ys[NUMSZ];
	bool cut = false;
	int i;

	for (i = 0; i < n; i++)
		cut = cut || ln[i].cut;
	html_open(h, "text", "x", fmt(xs, x), "y", fmt(ys, y0),
	    "text-anchor", anchor, NULL);
	if (cut)
		html_elem(h, "title", full, NULL);
	for (i = 0; i < n; i++) {
		if (n > 1)
			html_open(h, "tspan", "x", fmt(xs, x),
			    "y", fmt(ys, y0 + lh * i), NULL);
		html_textn(h, ln[i].s);
		if (ln[i].cut)
			html_text(h, "\xe2\x80\xa6");
		if (n > 1)
			html_close(h);
	}
	html_close(h);
}

/*
 * Lay n items of widths w[] out in rows, `spacing` apart, each row no
 * wider than avail (an item wider than that gets a row of its own) and
 * centred in it.  Writes each item's left x (from 0) and row; returns the
 * number of rows.
 */
static int
flow(const double *w, size_t n, double spacing, double avail, double *x,
    int *row)
{
	size_t i, first = 0;
	double used = 0, off;
	int r = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && (i == first || used + spacing + w[i] <= avail)) {
			x[i] = i == first ? 0 : used + spacing;
			used = x[i] + w[i];
			row[i] = r;
			continue;
		}
		/* Close the row [first, i): centre it. */
		off = (avail - used) / 2;
		for (; first < i; first++)
			x[first] += off;
		if (i == n)
			break;
		r++;
		first = i;
		used = 0;
		i--;
	}
	return n == 0 ? 0 : r + 1;
}

/* ---------------------------------------------------------------- */
/* Radar */

enum mark {
	MARK_CIRCLE,
	MARK_SQUARE,
	MARK_TRIANGLE,
	MARK_DIAMOND,
	MARK__MAX
};

static const struct style {
	const char	*colour;
	const char	*dash;		/* stroke-dasharray; NULL solid */
	const char	*width;		/* stroke-width of the line */
	enum mark	 mark;
	bool		 hollow;	/* white marker, coloured outline */
	bool		 area;		/* translucent area under the line */
} styles[SVG_STYLE__MAX] = {
	[SVG_STYLE_OWN]  = { "#0072B2", NULL, "3", MARK_CIRCLE, false, true },
	[SVG_STYLE_ALT1] = { "#D55E00", "7 4", "2", MARK_SQUARE, false,
	    false },
	[SVG_STYLE_ALT2] = { "#009E73", "2 3", "2", MARK_TRIANGLE, false,
	    false },
	[SVG_STYLE_ALT3] = { "#CC79A7", "9 3 2 3", "2", MARK_DIAMOND, false,
	    false },
	[SVG_STYLE_ALT4] = { "#E69F00", "13 4", "2", MARK_CIRCLE, true,
	    false },
	[SVG_STYLE_ALT5] = { "#56B4E9", "7 2 2 2 2 2", "2", MARK_SQUARE,
	    true, false },
	[SVG_STYLE_ALT6] = { "#000000", "4 3", "1.5", MARK_TRIANGLE, true,
	    false },
	[SVG_STYLE_ALT7] = { "#808080", "10 3 10 3 2 3", "2", MARK_DIAMOND,
	    true, false },
};

/*
 * Open a chart: <svg> with a viewBox of w × hgt units, its <title> and,
 * when desc is not NULL, its <desc>, both referenced for screen readers
 * as "<id>-title" and "<id>-desc".  Close it with html_close_to() on the
 * mark taken before.
 */
static void
chart_open(struct html *h, const char *id, double w, double hgt,
    const char *klass, bool page_font, const char *title, const char *desc)
{
	char idt[IDSZ], idd[IDSZ];
	struct buf vb = BUF_INIT;

	id_cat(idt, id, "-title");
	id_cat(idd, id, "-desc");
	buf_adds(&vb, "0 0 ");
	add_num(&vb, w);
	buf_addc(&vb, ' ');
	add_num(&vb, ceil(hgt));
	html_open(h, "svg", "xmlns", SVG_NS, "viewBox", buf_cstr(&vb),
	    "width", "100%", "role", "img", "aria-labelledby", idt,
	    "aria-describedby", desc != NULL ? idd : NULL,
	    "class", klass, "font-family", page_font ? NULL : FONTS, NULL);
	html_elem(h, "title", title, "id", idt, NULL);
	if (desc != NULL)
		html_elem(h, "desc", desc, "id", idd, NULL);
	buf_free(&vb);
}

static void	elem(struct html *, bool, const char *, ...)
		    __attribute__((sentinel));

/* <tag attrs…> opened (to hold a <title>) or self-closed. */
static void
elem(struct html *h, bool open, const char *tag, ...)
{
	va_list ap;

	va_start(ap, tag);
	html_vopen(h, tag, !open, ap);
	va_end(ap);
}

/* A marker of shape m centred on (x, y), with an optional tooltip.  The
 * colours come from the enclosing group. */
static void
marker(struct html *h, enum mark m, double x, double y, double size,
    const char *tip)
{
	char a[NUMSZ], b[NUMSZ], c[NUMSZ];
	struct buf p = BUF_INIT;
	bool open = tip != NULL;
	double t;

	switch (m) {
	case MARK_CIRCLE:
		elem(h, open, "circle", "cx", fmt(a, x), "cy", fmt(b, y),
		    "r", fmt(c, size * 0.9), NULL);
		break;
	case MARK_SQUARE:
		t = size * 0.8;
		elem(h, open, "rect", "x", fmt(a, x - t), "y", fmt(b, y - t),
		    "width", fmt(c, 2 * t), "height", c, NULL);
		break;
	case MARK_TRIANGLE:
		/* Point up, its centroid near (x, y). */
		t = size * 1.1;
		add_num(&p, x); buf_addc(&p, ',');
		add_num(&p, y - t); buf_addc(&p, ' ');
		add_num(&p, x + t * 0.95); buf_addc(&p, ',');
		add_num(&p, y + t * 0.6); buf_addc(&p, ' ');
		add_num(&p, x - t * 0.95); buf_addc(&p, ',');
		add_num(&p, y + t * 0.6);
		elem(h, open, "polygon", "points", buf_cstr(&p), NULL);
		break;
	case MARK_DIAMOND:
	default:
		t = size * 1.1;
		add_num(&p, x); buf_addc(&p, ',');
		add_num(&p, y - t); buf_addc(&p, ' ');
		add_num(&p, x + t); buf_addc(&p, ',');
		add_num(&p, y); buf_addc(&p, ' ');
		add_num(&p, x); buf_addc(&p, ',');
		add_num(&p, y + t); buf_addc(&p, ' ');
		add_num(&p, x - t); buf_addc(&p, ',');
		add_num(&p, y);
		elem(h, open, "polygon", "points", buf_cstr(&p), NULL);
		break;
	}
	if (open) {
		html_elem(h, "title", tip, NULL);
		html_close(h);
	}
	buf_free(&p);
}

/* Open the group that colours a style's markers. */
static void
marker_group(struct html *h, const struct style *st)
{
	if (st->hollow)
		html_open(h, "g", "fill", "#ffffff", "stroke", st->colour,
		    "stroke-width", "1.5", NULL);
	else
		html_open(h, "g", "fill", st->colour, "stroke", "#ffffff",
		    "stroke-width", "1", NULL);
}

enum anchor {
	ANCHOR_START,
	ANCHOR_MIDDLE,
	ANCHOR_END,
	ANCHOR__MAX
};

static const char *const anchors[ANCHOR__MAX] = {
	[ANCHOR_START] = "start",
	[ANCHOR_MIDDLE] = "middle",
	[ANCHOR_END] = "end",
};

struct axis {
	double		 ux, uy;	/* unit vector, y down */
	enum anchor	 anchor;	/* by the angle */
	struct line	 line[LINES_MAX];
	int		 n;		/* lines */
	double		 w;		/* widest line, units */
	double		 hgt;		/* ink height of the block */
};

/*
 * Font sizes and line counts tried in turn (each with wide then narrow
 * labels straight up or down, and phrase then plain breaks) until every
 * label fits, the radius stays at least R_MIN and no two labels overlap.
 * One size for all labels reads better than each at its own.  The last
 * never fails to wrap, though its labels may touch.
 */
static const struct fit {
	double	 size;
	int	 lines;
	bool	 cut;
} fits[] = {
	{ 14, 2, false }, { 13, 2, false }, { 12, 2, false },
	{ 12, 1, false }, { 11, 2, false }, { 11, 1, false },
	{ 11, 3, false }, { 11, 3, true },
};

#define FITS	(sizeof(fits) / sizeof(fits[0]))

/* The ink box of label a for radius r, relative to the centre: x0, x1,
 * y0, y1.  The anchor sits LABEL_GAP outside the outer ring; the block
 * hangs below it at the bottom, above it at the top, centred at the
 * sides, and in proportion between. */
static void
label_box(const struct axis *a, double r, double box[4])
{
	double x = (r + LABEL_GAP) * a->ux, y = (r + LABEL_GAP) * a->uy;

	switch (a->anchor) {
	case ANCHOR_START:
		box[0] = x;
		break;
	case ANCHOR_END:
		box[0] = x - a->w;
		break;
	case ANCHOR_MIDDLE:
	default:
		box[0] = x - a->w / 2;
		break;
	}
	box[1] = box[0] + a->w;
	box[2] = y - a->hgt * (1 - a->uy) / 2;
	box[3] = box[2] + a->hgt;
}

/*
 * Wrap and measure every label for ft (at phrase ends first if phrase;
 * labels straight up or down up to LABEL_W_MID wide if wide), and set *r
 * to the largest radius
 * (at most R_MAX, at least R_MIN) that keeps them inside the width.
 * Returns false when a label needs more lines, the radius would fall
 * under R_MIN, or two labels overlap.
 */
static bool
radar_fit(const struct svg_radar *sp, struct axis *ax, const struct fit *ft,
    bool phrase, bool wide, double *r)
{
	static const double pad = 3;	/* between two labels */
	double F = ft->size, LH = F * 1.25, room, lim, maxw, bi[4], bj[4];
	size_t n = sp->naxes, i, j;
	bool ok = true;

	for (i = 0; i < n; i++) {
		/* Labels straight up or down may spread when their
		 * neighbours are far. */
		maxw = wide && ax[i].anchor == ANCHOR_MIDDLE && n <= 8 ?
		    LABEL_W_MID : LABEL_W;
		ax[i].n = wrap_even(str_c(sp->axes[i]), maxw / F, ft->lines,
		    ft->cut, phrase, ax[i].line);
		if (ax[i].n < 0)
			return false;
		ax[i].w = 0;
		for (j = 0; j < (size_t)ax[i].n; j++)
			if (ax[i].line[j].em * F > ax[i].w)
				ax[i].w = ax[i].line[j].em * F;
		ax[i].hgt = ax[i].n == 0 ? 0 : F + LH * (ax[i].n - 1);
	}
	*r = R_MAX;
	for (i = 0; i < n; i++) {
		if (ax[i].ux == 0)
			continue;
		room = VIEW_W / 2 - MARGIN -
		    (ax[i].anchor == ANCHOR_MIDDLE ? ax[i].w / 2 : ax[i].w);
		lim = room / fabs(ax[i].ux) - LABEL_GAP;
		if (lim < *r)
			*r = lim;
	}
	if (*r < R_MIN) {
		*r = R_MIN;
		ok = false;
	}
	for (i = 0; i < n && ok; i++) {
		if (ax[i].n == 0)
			continue;
		label_box(&ax[i], *r, bi);
		for (j = i + 1; j < n && ok; j++) {
			if (ax[j].n == 0)
				continue;
			label_box(&ax[j], *r, bj);
			if (bi[0] < bj[1] + pad && bj[0] < bi[1] + pad &&
			    bi[2] < bj[3] + pad && bj[2] < bi[3] + pad)
				ok = false;
		}
	}
	return ok;
}

static bool
radar_spec_ok(const struct svg_radar *sp)
{
	size_t i;

	if (sp == NULL || !id_ok(sp->id) || sp->title == NULL ||
	    sp->axes == NULL || sp->series == NULL)
		return false;
	if (sp->naxes < SVG_AXES_MIN || sp->naxes > SVG_AXES_MAX)
		return false;
	if (sp->nseries < 1 || sp->nseries > SVG_SERIES_MAX)
		return false;
	if (!isfinite(sp->min) || !isfinite(sp->max) || !(sp->min < sp->max))
		return false;
	if (sp->rings < 1 || sp->rings > SVG_RINGS_MAX)
		return false;
	if (sp->decimals < 0 || sp->decimals > 3)
		return false;
	for (i = 0; i < sp->naxes; i++)
		if (sp->axes[i] == NULL)
			return false;
	for (i = 0; i < sp->nseries; i++) {
		const struct svg_series *s = &sp->series[i];

		if (s->label == NULL || s->values == NULL ||
		    (unsigned)s->style >= SVG_STYLE__MAX)
			return false;
	}
	return true;
}

/* The points of the ring of radius r: one on each axis. */
static void
ring_points(struct buf *b, const struct axis *ax, size_t n, double cx,
    double cy, double r)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ' ');
		add_num(b, cx + r * ax[i].ux);
		buf_addc(b, ',');
		add_num(b, cy + r * ax[i].uy);
	}
}

static double
radius_of(const struct svg_radar *sp, double v, double r)
{
	double f = (v - sp->min) / (sp->max - sp->min);

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return f * r;
}

/* The outline of one series: closed when every value is there, else the
 * runs between missing values. */
static void
series_path(struct buf *d, const struct svg_radar *sp,
    const struct svg_series *se, const struct axis *ax, double cx,
    double cy, double r, bool *complete)
{
	size_t n = sp->naxes, i, s = 0, e, f, j;
	bool down = false;
	double rr;

	*complete = true;
	for (i = 0; i < n; i++)
		if (!isfinite(se->values[i]))
			*complete = false;
	if (*complete) {
		for (i = 0; i < n; i++) {
			rr = radius_of(sp, se->values[i], r);
			buf_addc(d, i == 0 ? 'M' : 'L');
			add_num(d, cx + rr * ax[i].ux);
			buf_addc(d, ' ');
			add_num(d, cy + rr * ax[i].uy);
		}
		buf_addc(d, 'Z');
		return;
	}
	/* Start right after a missing value so no run is split at 0. */
	for (i = 0; i < n; i++)
		if (!isfinite(se->values[(i + n - 1) % n]) &&
		    isfinite(se->values[i])) {
			s = i;
			break;
		}
	for (j = 0; j < n; j++) {
		e = (s + j) % n;
		f = (e + 1) % n;
		if (!isfinite(se->values[e]) || !isfinite(se->values[f])) {
			down = false;
			continue;
		}
		if (!down) {
			rr = radius_of(sp, se->values[e], r);
			buf_addc(d, 'M');
			add_num(d, cx + rr * ax[e].ux);
			buf_addc(d, ' ');
			add_num(d, cy + rr * ax[e].uy);
			down = true;
		}
		rr = radius_of(sp, se->values[f], r);
		buf_addc(d, 'L');
		add_num(d, cx + rr * ax[f].ux);
		buf_addc(d, ' ');
		add_num(d, cy + rr * ax[f].uy);
	}
}

static void
radar_series(struct html *h, const struct svg_radar *sp,
    const struct svg_series *se, const struct axis *ax, double cx,
    double cy, double r)
{
	const struct style *st = &styles[se->style];
	struct buf d = BUF_INIT, tip = BUF_INIT;
	bool complete;
	size_t i;
	double rr;

	html_open(h, "g", NULL);
	series_path(&d, sp, se, ax, cx, cy, r, &complete);
	if (d.n > 0)
		html_void(h, "path", "d", buf_cstr(&d),
		    "fill", st->area && complete ? st->colour : "none",
		    "fill-opacity", st->area && complete ? "0.15" : NULL,
		    "stroke", st->colour, "stroke-width", st->width,
		    "stroke-dasharray", st->dash,
		    "stroke-linejoin", "round", NULL);
	marker_group(h, st);
	for (i = 0; i < sp->naxes; i++) {
		if (!isfinite(se->values[i]))
			continue;
		rr = radius_of(sp, se->values[i], r);
		buf_reset(&tip);
		buf_adds(&tip, se->label);
		buf_adds(&tip, ": ");
		buf_adds(&tip, sp->axes[i]);
		buf_addc(&tip, ' ');
		add_shown(&tip, se->values[i], sp->decimals, true);
		marker(h, st->mark, cx + rr * ax[i].ux, cy + rr * ax[i].uy,
		    se->style == SVG_STYLE_OWN ? 5.0 : 4.5, buf_cstr(&tip));
	}
	html_close(h);
	html_close(h);
	buf_free(&d);
	buf_free(&tip);
}

/* Legend item sample: line with its dash, the area swatch for a filled
 * style, the marker in the middle. */
static void
legend_sample(struct html *h, const struct style *st, double x, double y)
{
	char a[NUMSZ], b[NUMSZ], c[NUMSZ], d[NUMSZ];

	if (st->area)
		html_void(h, "rect", "x", fmt(a, x), "y", fmt(b, y - 6),
		    "width", fmt(c, LEGEND_SAMPLE), "height", "12",
		    "fill", st->colour, "fill-opacity", "0.15", NULL);
	html_void(h, "line", "x1", fmt(a, x), "y1", fmt(b, y),
	    "x2", fmt(c, x + LEGEND_SAMPLE), "y2", fmt(d, y),
	    "stroke", st->colour, "stroke-width", st->width,
	    "stroke-dasharray", st->dash, NULL);
	marker_group(h, st);
	marker(h, st->mark, x + LEGEND_SAMPLE / 2, y, 4.5, NULL);
	html_close(h);
}

void
svg_radar(struct html *h, const struct svg_radar *sp)
{
	struct axis ax[SVG_AXES_MAX];
	struct line leg[SVG_SERIES_MAX], note[1];
	double legw[SVG_SERIES_MAX] = { 0 }, legx[SVG_SERIES_MAX] = { 0 };
	int legrow[SVG_SERIES_MAX] = { 0 }, rows, nnote = 0;
	char a[NUMSZ], b[NUMSZ];
	const struct fit *ft = &fits[0];
	double R = R_MIN, F, LH, top, bot, cx, cy, t, y, H, textmax, box[4];
	size_t n, i, j, k;
	struct buf tmp = BUF_INIT;
	bool missing = false;
	int mark;

	assert(radar_spec_ok(sp));
	if (!radar_spec_ok(sp))
		return;
	n = sp->naxes;

	/* Directions: axis 0 up, clockwise. */
	for (i = 0; i < n; i++) {
		t = 2.0 * M_PI * (double)i / (double)n - M_PI / 2.0;
		ax[i].ux = cos(t);
		ax[i].uy = sin(t);
		if (fabs(ax[i].ux) < 1e-9)
			ax[i].ux = 0;
		if (fabs(ax[i].uy) < 1e-9)
			ax[i].uy = 0;
		ax[i].anchor = fabs(ax[i].ux) < 0.15 ? ANCHOR_MIDDLE :
		    ax[i].ux > 0 ? ANCHOR_START : ANCHOR_END;
	}

	/* The largest font that lays out cleanly.  If none does, the last
	 * try (smallest, cut, plain breaks, narrow) stands as it came out. */
	for (k = 0; k < FITS; k++) {
		ft = &fits[k];
		if (radar_fit(sp, ax, ft, true, true, &R) ||
		    radar_fit(sp, ax, ft, false, true, &R) ||
		    radar_fit(sp, ax, ft, true, false, &R) ||
		    radar_fit(sp, ax, ft, false, false, &R))
			break;
	}
	F = ft->size;
	LH = F * 1.25;

	/* Vertical extent around the centre: rings, markers, labels. */
	top = -(R + 8);
	bot = R + 8;
	for (i = 0; i < n; i++) {
		label_box(&ax[i], R, box);
		if (ax[i].n > 0 && box[2] < top)
			top = box[2];
		if (ax[i].n > 0 && box[3] > bot)
			bot = box[3];
	}
	cx = VIEW_W / 2;
	cy = MARGIN - top;

	/* Legend: one item a series, in rows. */
	textmax = (VIEW_W - 2 * MARGIN - LEGEND_SAMPLE - 6) / LEGEND_FONT;
	for (i = 0; i < sp->nseries; i++) {
		wrap(str_c(sp->series[i].label), textmax, 1, true, BRK_ANY,
		    &leg[i]);
		legw[i] = LEGEND_SAMPLE + 6 + leg[i].em * LEGEND_FONT;
		for (j = 0; j < n; j++)
			if (!isfinite(sp->series[i].values[j]))
				missing = true;
	}
	rows = flow(legw, sp->nseries, LEGEND_SPACE, VIEW_W - 2 * MARGIN,
	    legx, legrow);
	y = cy + bot + 12;
	if (missing && sp->nodata != NULL && sp->nodata[0] != '\0')
		nnote = wrap(str_c(sp->nodata),
		    (VIEW_W - 2 * MARGIN) / 12.0, 1, true, BRK_ANY, note);
	H = y + rows * LEGEND_ROW + (nnote > 0 ? 18 : 0) + MARGIN - 4;

	mark = html_mark(h);
	chart_open(h, sp->id, VIEW_W, H, "chart chart-radar", sp->page_font,
	    sp->title, sp->desc);

	/* Grid: rings as polygons, then the spokes. */
	html_open(h, "g", "class", "grid", "fill", "none", "stroke", GRID,
	    "stroke-width", "1", NULL);
	for (k = 1; k <= (size_t)sp->rings; k++) {
		buf_reset(&tmp);
		ring_points(&tmp, ax, n, cx, cy, R * (double)k / sp->rings);
		html_void(h, "polygon", "points", buf_cstr(&tmp),
		    "stroke", k == (size_t)sp->rings ? GRID_OUTER : NULL,
		    NULL);
	}
	buf_reset(&tmp);
	for (i = 0; i < n; i++) {
		buf_addc(&tmp, 'M');
		add_num(&tmp, cx);
		buf_addc(&tmp, ' ');
		add_num(&tmp, cy);
		buf_addc(&tmp, 'L');
		add_num(&tmp, cx + R * ax[i].ux);
		buf_addc(&tmp, ' ');
		add_num(&tmp, cy + R * ax[i].uy);
	}
	html_void(h, "path", "d", buf_cstr(&tmp), NULL);
	html_close(h);

	/* Axis labels. */
	html_open(h, "g", "class", "axis-labels", "font-size", fmt(a, F),
	    "fill", INK, NULL);
	for (i = 0; i < n; i++) {
		if (ax[i].n == 0)
			continue;
		label_box(&ax[i], R, box);
		label_text(h, ax[i].line, ax[i].n,
		    cx + (R + LABEL_GAP) * ax[i].ux, cy + box[2] + 0.88 * F,
		    LH, anchors[ax[i].anchor], sp->axes[i]);
	}
	html_close(h);

	/* Series, last first so that series[0] is drawn on top. */
	html_open(h, "g", "class", "series", NULL);
	for (i = sp->nseries; i-- > 0;)
		radar_series(h, sp, &sp->series[i], ax, cx, cy, R);
	html_close(h);

	/* Ring values, once, where each ring crosses the bisector of the
	 * first two axes: points sit on axes, so no marker hides a value;
	 * drawn over the lines with a white halo. */
	html_open(h, "g", "class", "scale", "font-size", fmt(a, SCALE_FONT),
	    "fill", INK_SOFT, "text-anchor", "middle", "stroke", "#ffffff",
	    "stroke-width", "3", "stroke-linejoin", "round",
	    "paint-order", "stroke", NULL);
	t = M_PI / (double)n;		/* half the angle between axes */
	for (k = 0; k <= (size_t)sp->rings; k++) {
		double v = sp->min + (sp->max - sp->min) * (double)k /
		    sp->rings;
		double d = R * (double)k / sp->rings * cos(t);

		buf_reset(&tmp);
		add_shown(&tmp, v, sp->decimals, false);
		html_elem(h, "text", buf_cstr(&tmp),
		    "x", fmt(a, cx + d * sin(t)),
		    "y", fmt(b, cy - d * cos(t) + 0.36 * SCALE_FONT), NULL);
	}
	html_close(h);

	/* Legend. */
	html_open(h, "g", "class", "legend", "font-size",
	    fmt(a, LEGEND_FONT), "fill", INK, NULL);
	for (i = 0; i < sp->nseries; i++) {
		double lx = MARGIN + legx[i];
		double ly = y + LEGEND_ROW * legrow[i] + LEGEND_ROW / 2;

		html_open(h, "g", NULL);
		legend_sample(h, &styles[sp->series[i].style], lx, ly);
		label_text(h, &leg[i], 1, lx + LEGEND_SAMPLE + 6,
		    ly + 0.38 * LEGEND_FONT, 0, "start", sp->series[i].label);
		html_close(h);
	}
	html_close(h);
	if (nnote > 0) {
		html_open(h, "g", "class", "legend-note", "font-size", "12",
		    "fill", INK_SOFT, NULL);
		label_text(h, note, 1, VIEW_W / 2,
		    y + rows * LEGEND_ROW + 12, 0, "middle", sp->nodata);
		html_close(h);
	}
	html_close_to(h, mark);
	buf_free(&tmp);
}

/* ---------------------------------------------------------------- */
/* Answer bar */

static const struct answer_look {
	const char	*colour;	/* base colour */
	const char	*pattern;	/* id suffix of its hatch, or NULL */
	const char	*ink;		/* count text on it */
} looks[SVG_ANSWER__MAX] = {
	[SVG_ANSWER_YES]	= { "#0072B2", NULL, "#ffffff" },
	[SVG_ANSWER_PARTLY]	= { "#56B4E9", NULL, INK },
	[SVG_ANSWER_NO]		= { "#D55E00", "-no", INK },
	[SVG_ANSWER_UNKNOWN]	= { "#9A9A9A", "-unknown", INK },
};

/* The fill of an answer: its colour, or its pattern. */
static const char *
answer_fill(char dst[IDSZ + 8], const char *id, enum svg_answer a)
{
	if (looks[a].pattern == NULL)
		return looks[a].colour;
	return id_url(dst, id, looks[a].pattern);
}

static bool
bar_spec_ok(const struct svg_bar *sp)
{
	int i;

	if (sp == NULL || !id_ok(sp->id) || sp->title == NULL)
		return false;
	for (i = 0; i < SVG_ANSWER__MAX; i++)
		if (sp->labels[i] == NULL)
			return false;
	return true;
}

/* "<label>: <count> (<pct>%)"; pct rounded half up, in integers. */
static void
answer_tip(struct buf *b, const char *label, long count, long total)
{
	buf_adds(b, label);
	buf_printf(b, ": %ld", count);
	if (total > 0)
		buf_printf(b, " (%ld%%)", (count * 200 + total) / (2 * total));
}

void
svg_answer_bar(struct html *h, const struct svg_bar *sp)
{
	char a[NUMSZ], b[NUMSZ], c[NUMSZ], d[NUMSZ], id1[IDSZ];
	char fill[IDSZ + 8];
	const char *pid;
	long cnt[SVG_ANSWER__MAX], total = 0, cum = 0;
	struct line leg[SVG_ANSWER__MAX];
	double legw[SVG_ANSWER__MAX] = { 0 }, legx[SVG_ANSWER__MAX] = { 0 };
	double W = VIEW_W, x0, x1, tw, H, ly;
	int legrow[SVG_ANSWER__MAX] = { 0 }, rows = 0, i, mark;
	struct buf tmp = BUF_INIT;

	assert(bar_spec_ok(sp));
	if (!bar_spec_ok(sp))
		return;
	for (i = 0; i < SVG_ANSWER__MAX; i++) {
		cnt[i] = sp->counts[i] > 0 ? sp->counts[i] : 0;
		total += cnt[i];
	}
	if (sp->legend) {
		for (i = 0; i < SVG_ANSWER__MAX; i++) {
			wrap(str_c(sp->labels[i]), (W - 2 * MARGIN - SWATCH -
			    6) / BAR_FONT, 1, true, BRK_ANY, &leg[i]);
			legw[i] = SWATCH + 6 + leg[i].em * BAR_FONT;
		}
		rows = flow(legw, SVG_ANSWER__MAX, LEGEND_SPACE,
		    W - 2 * MARGIN, legx, legrow);
	}
	H = BAR_Y + BAR_H + 1 + (rows > 0 ? 8 + rows * LEGEND_ROW : 0);

	mark = html_mark(h);
	for (i = 0; i < SVG_ANSWER__MAX; i++) {
		if (i > 0)
			buf_adds(&tmp, ", ");
		answer_tip(&tmp, sp->labels[i], cnt[i], total);
	}
	chart_open(h, sp->id, W, H, "chart chart-answers", sp->page_font,
	    sp->title, buf_cstr(&tmp));

	/* Hatching: diagonal stripes for "no", dots for "don't know", so
	 * that a greyscale print still tells them from the solid two.  A bar
	 * in a page may use the patterns of an earlier bar instead. */
	pid = sp->patterns_of ? sp->patterns_of : sp->id;
	if (sp->patterns_of == NULL) {
	html_open(h, "defs", NULL);
	html_open(h, "pattern", "id", id_cat(id1, sp->id, "-no"),
	    "patternUnits", "userSpaceOnUse", "width", "6", "height", "6",
	    "patternTransform", "rotate(45)", NULL);
	html_void(h, "rect", "width", "6", "height", "6",
	    "fill", looks[SVG_ANSWER_NO].colour, NULL);
	html_void(h, "rect", "width", "2", "height", "6", "fill", "#ffffff",
	    "fill-opacity", "0.5", NULL);
	html_close(h);
	html_open(h, "pattern", "id", id_cat(id1, sp->id, "-unknown"),
	    "patternUnits", "userSpaceOnUse", "width", "5", "height", "5",
	    NULL);
	html_void(h, "rect", "width", "5", "height", "5",
	    "fill", looks[SVG_ANSWER_UNKNOWN].colour, NULL);
	html_void(h, "circle", "cx", "2.5", "cy", "2.5", "r", "1.2",
	    "fill", "#ffffff", "fill-opacity", "0.7", NULL);
	html_close(h);
	html_close(h);
	}

	/* The bar: segments from cumulative counts, so they meet exactly. */
	html_open(h, "g", "class", "bar", "stroke", "#ffffff",
	    "stroke-width", "1", NULL);
	if (total == 0)
		html_void(h, "rect", "x", "0.5", "y", fmt(a, BAR_Y + 0.5),
		    "width", fmt(b, W - 1), "height", fmt(c, BAR_H - 1),
		    "fill", "none", "stroke", GRID_OUTER, NULL);
	for (i = 0; i < SVG_ANSWER__MAX; i++) {
		if (cnt[i] == 0)
			continue;
		x0 = W * (double)cum / (double)total;
		cum += cnt[i];
		x1 = W * (double)cum / (double)total;
		html_open(h, "rect", "x", fmt(a, x0), "y", fmt(b, BAR_Y),
		    "width", fmt(c, x1 - x0), "height", fmt(d, BAR_H),
		    "fill", answer_fill(fill, pid, i), NULL);
		buf_reset(&tmp);
		answer_tip(&tmp, sp->labels[i], cnt[i], total);
		html_elem(h, "title", buf_cstr(&tmp), NULL);
		html_close(h);
	}
	html_close(h);

	/* Counts inside the segments that are wide enough.  Text on a
	 * hatch gets a halo of the base colour to stay legible. */
	html_open(h, "g", "class", "counts", "font-size", fmt(a, BAR_FONT),
	    "font-weight", "bold", "text-anchor", "middle", NULL);
	cum = 0;
	for (i = 0; i < SVG_ANSWER__MAX; i++) {
		if (cnt[i] == 0)
			continue;
		x0 = W * (double)cum / (double)total;
		cum += cnt[i];
		x1 = W * (double)cum / (double)total;
		buf_reset(&tmp);
		buf_printf(&tmp, "%ld", cnt[i]);
		tw = text_em(buf_str(&tmp)) * BAR_FONT;
		if (x1 - x0 < tw + 8)
			continue;
		html_elem(h, "text", buf_cstr(&tmp), "x",
		    fmt(a, (x0 + x1) / 2),
		    "y", fmt(b, BAR_Y + BAR_H / 2 + 0.36 * BAR_FONT),
		    "fill", looks[i].ink,
		    "stroke", looks[i].pattern ? looks[i].colour : NULL,
		    "stroke-width", looks[i].pattern ? "3" : NULL,
		    "stroke-linejoin", looks[i].pattern ? "round" : NULL,
		    "paint-order", looks[i].pattern ? "stroke" : NULL, NULL);
	}
	html_close(h);

	if (rows > 0) {
		html_open(h, "g", "class", "legend", "font-size",
		    fmt(a, BAR_FONT), "fill", INK, NULL);
		for (i = 0; i < SVG_ANSWER__MAX; i++) {
			double lx = MARGIN + legx[i];

			ly = BAR_Y + BAR_H + 8 + LEGEND_ROW * legrow[i] +
			    LEGEND_ROW / 2;
			html_open(h, "g", NULL);
			html_void(h, "rect", "x", fmt(a, lx),
			    "y", fmt(b, ly - SWATCH / 2),
			    "width", fmt(c, SWATCH), "height", c,
			    "fill", answer_fill(fill, pid, i),
			    "stroke", "#666666", "stroke-width", "0.5", NULL);
			label_text(h, &leg[i], 1, lx + SWATCH + 6,
			    ly + 0.38 * BAR_FONT, 0, "start", sp->labels[i]);
			html_close(h);
		}
		html_close(h);
	}
	html_close_to(h, mark);
	buf_free(&tmp);
}

/* ---------------------------------------------------------------- */
/* Scatter chart */

#define SC_LEFT		40.0	/* plot's left edge: room for y values */
#define SC_TOP		10.0
#define SC_H		220.0	/* plot height */
#define SC_FONT		11.0
#define SC_OWN		"#D55E00"
#define SC_DOT		"#3b6e8f"

static bool
scatter_spec_ok(const struct svg_scatter *sp)
{
	size_t i;

	if (sp == NULL || !id_ok(sp->id) || sp->title == NULL ||
	    sp->cats == NULL || sp->ncats < 1 || sp->ncats > SVG_CATS_MAX ||
	    !isfinite(sp->ymin) || !isfinite(sp->ymax) ||
	    sp->ymin >= sp->ymax || sp->yticks < 1 ||
	    sp->yticks > SVG_RINGS_MAX || sp->decimals < 0 ||
	    sp->decimals > 3 || (sp->ndots > 0 && sp->dots == NULL) ||
	    sp->own_label == NULL || sp->others_label == NULL ||
	    (sp->has_own && sp->own_cat >= sp->ncats))
		return false;
	for (i = 0; i < sp->ncats; i++)
		if (sp->cats[i] == NULL)
			return false;
	return true;
}

/* y of a value, clamped into the plot. */
static double
scatter_y(const struct svg_scatter *sp, double v)
{
	if (!isfinite(v))
		v = sp->ymin;
	if (v < sp->ymin)
		v = sp->ymin;
	if (v > sp->ymax)
		v = sp->ymax;
	return SC_TOP + SC_H * (sp->ymax - v) / (sp->ymax - sp->ymin);
}

/* "<cat>: <value><unit> (<n>)" */
static void
scatter_tip(struct buf *b, const struct svg_scatter *sp, size_t cat,
    double v, long n)
{
	buf_adds(b, sp->cats[cat]);
	buf_adds(b, ": ");
	add_shown(b, v, sp->decimals, true);
	if (sp->unit != NULL)
		buf_adds(b, sp->unit);
	if (n > 0)
		buf_printf(b, " (%ld)", n);
}

void
svg_scatter(struct html *h, const struct svg_scatter *sp)
{
	char a[NUMSZ], b[NUMSZ], c[NUMSZ];
	struct line ln[SVG_CATS_MAX][2], leg[2];
	double W = VIEW_W, pw, colw, x, y, r, H, ly, legw[2], legx[2];
	int nl[SVG_CATS_MAX], maxl = 1, legrow[2], rows, mark, k;
	struct buf tmp = BUF_INIT;
	long total = 0;
	size_t i;

	assert(scatter_spec_ok(sp));
	if (!scatter_spec_ok(sp))
		return;
	pw = W - MARGIN - SC_LEFT;
	colw = pw / (double)sp->ncats;
	for (i = 0; i < sp->ncats; i++) {
		nl[i] = wrap(str_c(sp->cats[i]), (colw - 4) / SC_FONT, 2, true,
		    BRK_PHRASE, ln[i]);
		if (nl[i] < 1)
			nl[i] = 1;
		if (nl[i] > maxl)
			maxl = nl[i];
	}
	for (i = 0; i < sp->ndots; i++)
		total += sp->dots[i].n > 0 ? sp->dots[i].n : 0;
	wrap(str_c(sp->own_label), 20, 1, true, BRK_ANY, &leg[0]);
	wrap(str_c(sp->others_label), (W - 2 * MARGIN - 20) / SC_FONT, 1,
	    true, BRK_ANY, &leg[1]);
	legw[0] = 20 + leg[0].em * SC_FONT;
	legw[1] = 20 + leg[1].em * SC_FONT;
	rows = flow(legw, 2, LEGEND_SPACE, W - 2 * MARGIN, legx, legrow);
	ly = SC_TOP + SC_H + 8 + maxl * (SC_FONT + 2) + 6;
	H = ly + rows * LEGEND_ROW;

	mark = html_mark(h);
	if (sp->desc == NULL)
		buf_printf(&tmp, "%ld", total);
	chart_open(h, sp->id, W, H, "chart chart-scatter", sp->page_font,
	    sp->title, sp->desc != NULL ? sp->desc : buf_cstr(&tmp));

	/* Horizontal gridlines with their values, columns between. */
	html_open(h, "g", "class", "grid", "stroke", GRID, "stroke-width", "1",
	    NULL);
	for (k = 0; k <= sp->yticks; k++) {
		y = SC_TOP + SC_H * k / sp->yticks;
		html_void(h, "line", "x1", fmt(a, SC_LEFT), "y1", fmt(b, y),
		    "x2", fmt(c, W - MARGIN), "y2", b,
		    "stroke", k == sp->yticks ? GRID_OUTER : NULL, NULL);
	}
	for (i = 1; i < sp->ncats; i++) {
		x = SC_LEFT + colw * (double)i;
		html_void(h, "line", "x1", fmt(a, x), "y1", fmt(b, SC_TOP),
		    "x2", a, "y2", fmt(c, SC_TOP + SC_H),
		    "stroke-dasharray", "2 3", NULL);
	}
	html_close(h);
	html_open(h, "g", "class", "scale", "font-size", fmt(a, SC_FONT),
	    "fill", INK_SOFT, "text-anchor", "end", NULL);
	for (k = 0; k <= sp->yticks; k++) {
		double v = sp->ymax - (sp->ymax - sp->ymin) * k / sp->yticks;

		buf_reset(&tmp);
		add_shown(&tmp, v, sp->decimals, false);
		y = SC_TOP + SC_H * k / sp->yticks;
		html_elem(h, "text", buf_cstr(&tmp), "x", fmt(a, SC_LEFT - 4),
		    "y", fmt(b, y + 0.36 * SC_FONT), NULL);
	}
	html_close(h);
	html_open(h, "g", "class", "cats", "font-size", fmt(a, SC_FONT),
	    "fill", INK, NULL);
	for (i = 0; i < sp->ncats; i++)
		label_text(h, ln[i], nl[i], SC_LEFT + colw * ((double)i + 0.5),
		    SC_TOP + SC_H + 6 + SC_FONT, SC_FONT + 2, "middle",
		    sp->cats[i]);
	html_close(h);

	/* The others: area ∝ n, jittered across the middle half of the
	 * column by the value's tenths, the same value always at the same
	 * place. */
	html_open(h, "g", "class", "dots", "fill", SC_DOT,
	    "fill-opacity", "0.45", "stroke", SC_DOT, "stroke-width", "0.8",
	    NULL);
	for (i = 0; i < sp->ndots; i++) {
		const struct svg_dot *d = &sp->dots[i];
		long t;

		if (d->cat >= sp->ncats || d->n <= 0)
			continue;
		t = isfinite(d->y) ? lround(d->y * 10) : 0;
		t = ((t % 17) + 17) % 17;
		x = SC_LEFT + colw * ((double)d->cat + 0.5) +
		    colw * 0.5 * ((double)t / 16.0 - 0.5);
		r = 2.6 + 1.6 * sqrt((double)(d->n - 1));
		if (r > colw * 0.3)
			r = colw * 0.3;
		if (r > 12)
			r = 12;
		buf_reset(&tmp);
		scatter_tip(&tmp, sp, d->cat, d->y, d->n);
		html_open(h, "circle", "cx", fmt(a, x),
		    "cy", fmt(b, scatter_y(sp, d->y)), "r", fmt(c, r), NULL);
		html_elem(h, "title", buf_cstr(&tmp), NULL);
		html_close(h);
	}
	html_close(h);

	if (sp->has_own) {
		x = SC_LEFT + colw * ((double)sp->own_cat + 0.5);
		y = scatter_y(sp, sp->own_y);
		buf_reset(&tmp);
		buf_adds(&tmp, sp->own_label);
		buf_adds(&tmp, " \xe2\x80\x94 ");
		scatter_tip(&tmp, sp, sp->own_cat, sp->own_y, 0);
		html_open(h, "g", "class", "own", "fill", SC_OWN,
		    "stroke", INK, "stroke-width", "1.2", NULL);
		marker(h, MARK_DIAMOND, x, y, 6, buf_cstr(&tmp));
		html_close(h);
		/* The label on the side with more room, with a white halo
		 * over the dots. */
		html_elem(h, "text", sp->own_label,
		    "x", fmt(a, x < W / 2 ? x + 10 : x - 10),
		    "y", fmt(b, y + 0.36 * SC_FONT), "font-size",
		    fmt(c, SC_FONT), "font-weight", "bold", "fill", INK,
		    "stroke", "#ffffff", "stroke-width", "3",
		    "paint-order", "stroke",
		    "text-anchor", x < W / 2 ? "start" : "end", NULL);
	}

	html_open(h, "g", "class", "legend", "font-size", fmt(a, SC_FONT),
	    "fill", INK, NULL);
	for (k = 0; k < 2; k++) {
		double lx = MARGIN + legx[k], yy = ly + LEGEND_ROW * legrow[k] +
		    LEGEND_ROW / 2;

		if (k == 0) {
			html_open(h, "g", "fill", SC_OWN, "stroke", INK,
			    "stroke-width", "1.2", NULL);
			marker(h, MARK_DIAMOND, lx + 7, yy, 5, NULL);
		} else {
			html_open(h, "g", "fill", SC_DOT, "fill-opacity",
			    "0.45", "stroke", SC_DOT, NULL);
			html_void(h, "circle", "cx", fmt(a, lx + 7),
			    "cy", fmt(b, yy), "r", "5", NULL);
		}
		html_close(h);
		label_text(h, &leg[k], 1, lx + 20, yy + 0.36 * SC_FONT, 0,
		    "start", k == 0 ? sp->own_label : sp->others_label);
	}
	html_close(h);
	html_close_to(h, mark);
	buf_free(&tmp);
}

/* ---------------------------------------------------------------- */
/* Heat map */

#define HM_LEFT		64.0	/* the grid's left edge: room for row labels */
#define HM_TOP		28.0	/* under the row title */
#define HM_CELL_H	64.0
#define HM_FONT		15.0
#define HM_COUNT_FONT	26.0

/* Fill and ink of the bands, lowest first: light tints all, so dark text
 * reads on each (contrast above 10:1). */
static const char *const heat_fill[SVG_HEAT_BANDS] = {
	"#d9f0e3", "#ffe6a0", "#f6bdb6",
};

static bool
heat_spec_ok(const struct svg_heat *sp)
{
	int i, j;

	if (sp == NULL || !id_ok(sp->id) || sp->title == NULL ||
	    sp->row_title == NULL || sp->col_title == NULL)
		return false;
	for (i = 0; i < SVG_HEAT_N; i++) {
		if (sp->rows[i] == NULL || sp->cols[i] == NULL)
			return false;
		for (j = 0; j < SVG_HEAT_N; j++)
			if (sp->band[i][j] < 0 ||
			    sp->band[i][j] >= SVG_HEAT_BANDS)
				return false;
	}
	for (i = 0; i < SVG_HEAT_BANDS; i++)
		if (sp->bands[i] == NULL)
			return false;
	return true;
}

/* One line of text, cut with "…" to fit maxw units at font size fs. */
static void
heat_label(struct html *h, const char *text, double maxw, double fs,
    double x, double y, const char *anchor)
{
	struct line ln;

	wrap(str_c(text), maxw / fs, 1, true, BRK_ANY, &ln);
	label_text(h, &ln, 1, x, y, 0, anchor, text);
}

void
svg_heat(struct html *h, const struct svg_heat *sp)
{
	char a[NUMSZ], b[NUMSZ], c[NUMSZ], d[NUMSZ];
	double W = VIEW_W, cw = (VIEW_W - HM_LEFT - MARGIN) / SVG_HEAT_N;
	double gy1 = HM_TOP + SVG_HEAT_N * HM_CELL_H, legy, H;
	double legw[SVG_HEAT_BANDS], legx[SVG_HEAT_BANDS];
	int legrow[SVG_HEAT_BANDS], rows, i, j, mark;
	struct line leg[SVG_HEAT_BANDS];
	struct buf t = BUF_INIT;

	assert(heat_spec_ok(sp));
	if (!heat_spec_ok(sp))
		return;
	for (i = 0; i < SVG_HEAT_BANDS; i++) {
		wrap(str_c(sp->bands[i]), (W - 2 * MARGIN - SWATCH - 6) /
		    HM_FONT, 1, true, BRK_ANY, &leg[i]);
		legw[i] = SWATCH + 6 + leg[i].em * HM_FONT;
	}
	rows = flow(legw, SVG_HEAT_BANDS, LEGEND_SPACE, W - 2 * MARGIN, legx,
	    legrow);
	legy = gy1 + 22 + 24 + 12;
	H = legy + rows * LEGEND_ROW + 2;

	mark = html_mark(h);
	chart_open(h, sp->id, W, H, "chart chart-heat", sp->page_font,
	    sp->title, sp->desc);

	/* the titles of the two axes, and the labels of rows and columns */
	html_open(h, "g", "class", "labels", "font-size", fmt(a, HM_FONT),
	    "fill", INK, NULL);
	html_open(h, "g", "font-weight", "bold", NULL);
	heat_label(h, sp->row_title, W - 2 * MARGIN, HM_FONT, MARGIN,
	    HM_TOP - 9, "start");
	heat_label(h, sp->col_title, W - HM_LEFT - MARGIN, HM_FONT,
	    HM_LEFT + (W - HM_LEFT - MARGIN) / 2, gy1 + 22 + 22, "middle");
	html_close(h);
	for (i = 0; i < SVG_HEAT_N; i++) {
		heat_label(h, sp->rows[i], HM_LEFT - MARGIN - 8, HM_FONT,
		    HM_LEFT - 8, HM_TOP + HM_CELL_H * (i + 0.5) + 0.36 *
		    HM_FONT, "end");
		heat_label(h, sp->cols[i], cw - 4, HM_FONT,
		    HM_LEFT + cw * (i + 0.5), gy1 + 18, "middle");
	}
	html_close(h);

	/* the cells: colour, count, band name, tooltip */
	for (i = 0; i < SVG_HEAT_N; i++)
		for (j = 0; j < SVG_HEAT_N; j++) {
			double x = HM_LEFT + cw * j, y = HM_TOP + HM_CELL_H * i;
			int n = sp->counts[i][j] > 0 ? sp->counts[i][j] : 0;
			int bd = sp->band[i][j];

			html_open(h, "g", "class", "cell", NULL);
			if (sp->tips[i][j] != NULL)
				html_elem(h, "title", sp->tips[i][j], NULL);
			html_void(h, "rect", "x", fmt(a, x), "y", fmt(b, y),
			    "width", fmt(c, cw), "height", fmt(d, HM_CELL_H),
			    "fill", heat_fill[bd], "stroke", "#ffffff",
			    "stroke-width", "2", NULL);
			buf_reset(&t);
			buf_printf(&t, "%d", n);
			html_elem(h, "text", buf_cstr(&t), "x",
			    fmt(a, x + cw / 2), "y", fmt(b, y + HM_CELL_H / 2 +
			    2), "text-anchor", "middle", "font-size",
			    fmt(c, HM_COUNT_FONT), "font-weight", "bold",
			    "fill", n > 0 ? INK : INK_SOFT, NULL);
			html_open(h, "g", "font-size", fmt(a, HM_FONT - 2),
			    "fill", INK, NULL);
			heat_label(h, sp->labels[i][j] != NULL ?
			    sp->labels[i][j] : sp->bands[bd], cw - 8, HM_FONT - 2,
			    x + cw / 2, y + HM_CELL_H - 9, "middle");
			html_close(h);
			html_close(h);
		}

	html_open(h, "g", "class", "legend", "font-size", fmt(a, HM_FONT),
	    "fill", INK, NULL);
	for (i = 0; i < SVG_HEAT_BANDS; i++) {
		double lx = MARGIN + legx[i], ly = legy + LEGEND_ROW *
		    legrow[i] + LEGEND_ROW / 2;

		html_void(h, "rect", "x", fmt(a, lx), "y", fmt(b, ly -
		    SWATCH / 2), "width", fmt(c, SWATCH), "height", c,
		    "fill", heat_fill[i], "stroke", "#666666",
		    "stroke-width", "0.5", NULL);
		label_text(h, &leg[i], 1, lx + SWATCH + 6, ly + 0.38 * HM_FONT,
		    0, "start", sp->bands[i]);
	}
	html_close(h);
	html_close_to(h, mark);
	buf_free(&t);
}
