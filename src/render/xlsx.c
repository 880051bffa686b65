#include "render/xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/arena.h"
#include "base/buf.h"

#define XLSX_NAME_MAX	31	/* Excel's longest sheet name (UTF-16 units) */
#define XLSX_CELL_MAX	32767	/* Excel's longest cell text (UTF-16 units) */
#define XLSX_DEC_MAX	3	/* most decimals of a number format */
/*
 * Panes freeze under the first table's header only when that row is at
 * most this far down: a frozen block taller than a laptop's window would
 * leave nothing to scroll.
 */
#define XLSX_FREEZE_MAX	15
#define XLSX_COL_MIN	4	/* narrowest table column, characters */
#define XLSX_COL_MAX	80	/* widest column, characters */
#define XLSX_LABEL_MAX	40	/* widest column A grows for a label */
#define XLSX_PORTRAIT_MAX 100	/* widest sheet printed upright, characters */
#define XLSX_PAPER_A4	9	/* libxlsxwriter's paper index */

/* Sizes in points and row heights that fit them. */
#define XLSX_PT_TITLE	16
#define XLSX_HT_TITLE	24
#define XLSX_PT_SECTION	13
#define XLSX_HT_SECTION	20
#define XLSX_PT_H1	12
#define XLSX_PT_NOTE	9

#define XLSX_RGB_HEAD	0xE7E6E6	/* header fill: light grey */
#define XLSX_RGB_BORDER	0xBFBFBF
#define XLSX_RGB_NOTE	0x6E6E6E
#define XLSX_RGB_LABEL	0x404040
#define XLSX_RGB_SUB	0x404040

/* The same tints as the PDF's, pale enough for black text on them. */
static const lxw_color_t xlsx_tone_rgb[DOC_TONE__MAX] = {
	[DOC_TONE_NONE] = 0,
	[DOC_TONE_GOOD] = 0xE2EFDA,
	[DOC_TONE_WARN] = 0xFFF2CC,
	[DOC_TONE_BAD] = 0xF8D7DA,
	[DOC_TONE_MARK] = 0xDDEBF7,
};

static const uint8_t xlsx_halign[DOC_ALIGN__MAX] = {
	[DOC_LEFT] = LXW_ALIGN_LEFT,
	[DOC_RIGHT] = LXW_ALIGN_RIGHT,
	[DOC_CENTER] = LXW_ALIGN_CENTER,
};

/* A cell's number format: text, or a number with 0..3 decimals. */
enum xlsx_nf {
	NF_TEXT,
	NF_DEC0,
	NF_DEC1,
	NF_DEC2,
	NF_DEC3,
	NF__MAX
};

static const char *const xlsx_numfmt[NF__MAX] = {
	[NF_TEXT] = NULL,
	[NF_DEC0] = "0",
	[NF_DEC1] = "0.0",
	[NF_DEC2] = "0.00",
	[NF_DEC3] = "0.000",
};

/* The formats every sheet may use, made once per workbook. */
enum xlsx_xf {
	XF_TITLE,	/* the document's title on the first sheet */
	XF_SUBTITLE,
	XF_SECTION,	/* a section's title */
	XF_H1,		/* heading, level 1 */
	XF_H2,		/* heading, levels 2 and 3 */
	XF_NOTE,	/* notes and chart texts: small, grey, italic */
	XF_LABEL,	/* a cover line's or a figure's label */
	XF__MAX
};

/* Where figures go: the cover (plain values) or a block (bold values). */
enum xlsx_figs {
	FIGS_COVER,
	FIGS_BLOCK,
	FIGS__MAX
};

/*
 * libxlsxwriter's workbook_close() calls gmtime(), which shares one static
 * result in the process, and names its temporary files from a static seed.
 * Packaging is therefore one workbook at a time; building the sheets,
 * the larger part, runs in parallel.  The one mutable global of this file.
 */
static pthread_mutex_t xlsx_pack_lock = PTHREAD_MUTEX_INITIALIZER;

/* One rendering. */
struct xs {
	lxw_workbook	*wb;
	struct arena	 a;	/* cleaned texts, names, widths */
	lxw_error	 rc;	/* the library's first error, sticky */
	const char	*what;	/* what was being written then */
	lxw_format	*xf[XF__MAX];
	/* Made when first used: */
	lxw_format	*head[DOC_ALIGN__MAX];
	lxw_format	*body[DOC_ALIGN__MAX][NF__MAX][DOC_TONE__MAX];
	lxw_format	*fig[FIGS__MAX][NF__MAX][DOC_TONE__MAX];
	const char	**names;	/* sheet names given so far */
	size_t		 nnames;
};

/* The sheet being written. */
struct xsheet {
	lxw_worksheet	*ws;
	lxw_row_t	 row;	/* next row to write */
	double		*width;	/* [ncols] characters; 0: leave the default */
	size_t		 ncols;
	bool		 tabled;	/* the first table is written */
};

/* ---------------------------------------------------------------- */
/* Texts */

/*
 * Decode the UTF-8 sequence at s (n > 0 bytes left) into *cp.  Returns its
 * length, or 0 when it is not valid UTF-8 (overlong, surrogate, beyond
 * U+10FFFF or cut short).
 */
static size_t
xlsx_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* UTF-16 units of a code point: Excel's limits count those. */
static size_t
xlsx_units(uint32_t cp)
{
	return cp > 0xFFFF ? 2 : 1;
}

/*
 * s as a text a workbook can hold: invalid bytes and the non-characters
 * U+FFFE/U+FFFF become U+FFFD, control characters are dropped (but tab
 * and newline when lines is true), and the text is cut on a character
 * boundary at max UTF-16 units.  Returns s itself when nothing changes,
 * else a copy in x's arena; NULL gives "".
 */
static const char *
xlsx_clean(struct xs *x, const char *s, bool lines, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i, k, units;
	uint32_t cp;
	char *o;

	if (s == NULL)
		return "";
	/* Fast path: printable ASCII, short enough. */
	for (i = 0; p[i] != '\0'; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			break;
	if (p[i] == '\0' && i <= max)
		return s;

	n = strlen(s);
	o = arena_alloc(&x->a, n * 3 + 1);	/* one byte → U+FFFD at most */
	for (i = 0, k = 0, units = 0; i < n; ) {
		size_t len = xlsx_utf8(p + i, n - i, &cp);

		if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
			i += len == 0 ? 1 : len;
			cp = 0xFFFD;
			if (units + 1 > max)
				break;
			memcpy(o + k, "\xEF\xBF\xBD", 3);
			k += 3;
			units++;
			continue;
		}
		if (cp < 0x20 && !(lines && (cp == '\t' || cp == '\n'))) {
			i += len;
			continue;
		}
		if (units + xlsx_units(cp) > max)
			break;
		memcpy(o + k, p + i, len);
		k += len;
		units += xlsx_units(cp);
		i += len;
	}
	o[k] = '\0';
	return o;
}

/* Rough display width in characters: wide for CJK and the like. */
static double
xlsx_disp(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, len;
	double w = 0;
	uint32_t cp;

	for (i = 0; i < n; i += len ? len : 1) {
		len = xlsx_utf8(p + i, n - i, &cp);
		w += len != 0 && cp >= 0x1100 ? 2 : 1;
	}
	return w;
}

/* ---------------------------------------------------------------- */
/* Errors and formats */

/* Keep the library's first error; the writers stop once there is one. */
static void
xlsx_check(struct xs *x, lxw_error rc, const char *what)
{
	if (rc != LXW_NO_ERROR && x->rc == LXW_NO_ERROR) {
		x->rc = rc;
		x->what = what;
	}
}

static lxw_format *
xlsx_format(struct xs *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f == NULL)
		xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "a format");
	return f;
}

static void
xlsx_fixed_formats(struct xs *x)
{
	lxw_format *f;
	int i;

	for (i = 0; i < XF__MAX; i++)
		if ((x->xf[i] = xlsx_format(x)) == NULL)
			return;
	f = x->xf[XF_TITLE];
	format_set_bold(f);
	format_set_font_size(f, XLSX_PT_TITLE);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	f = x->xf[XF_SUBTITLE];
	format_set_font_color(f, XLSX_RGB_SUB);
	f = x->xf[XF_SECTION];
	format_set_bold(f);
	format_set_font_size(f, XLSX_PT_SECTION);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	f = x->xf[XF_H1];
	format_set_bold(f);
	format_set_font_size(f, XLSX_PT_H1);
	format_set_bold(x->xf[XF_H2]);
	f = x->xf[XF_NOTE];
	format_set_italic(f);
	format_set_font_size(f, XLSX_PT_NOTE);
	format_set_font_color(f, XLSX_RGB_NOTE);
	f = x->xf[XF_LABEL];
	format_set_font_color(f, XLSX_RGB_LABEL);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
}

static enum doc_align
xlsx_align(enum doc_align a)
{
	return (unsigned)a < DOC_ALIGN__MAX ? a : DOC_LEFT;
}

static enum doc_tone
xlsx_tone(enum doc_tone t)
{
	return (unsigned)t < DOC_TONE__MAX ? t : DOC_TONE_NONE;
}

static enum xlsx_nf
xlsx_nf(int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > XLSX_DEC_MAX)
		decimals = XLSX_DEC_MAX;
	return (enum xlsx_nf)(NF_DEC0 + decimals);
}

static void
xlsx_fill(lxw_format *f, enum doc_tone t)
{
	if (t == DOC_TONE_NONE)
		return;
	format_set_pattern(f, LXW_PATTERN_SOLID);
	format_set_bg_color(f, xlsx_tone_rgb[t]);
}

static void
xlsx_border(lxw_format *f)
{
	format_set_border(f, LXW_BORDER_THIN);
	format_set_border_color(f, XLSX_RGB_BORDER);
}

/* A table header cell: bold, shaded, bordered, wrapped. */
static lxw_format *
xlsx_head_format(struct xs *x, enum doc_align al)
{
	lxw_format **f = &x->head[al];

	if (*f == NULL && (*f = xlsx_format(x)) != NULL) {
		format_set_bold(*f);
		format_set_text_wrap(*f);
		format_set_align(*f, xlsx_halign[al]);
		format_set_align(*f, LXW_ALIGN_VERTICAL_CENTER);
		format_set_pattern(*f, LXW_PATTERN_SOLID);
		format_set_bg_color(*f, XLSX_RGB_HEAD);
		xlsx_border(*f);
	}
	return *f;
}

/* A table body cell: bordered; texts wrap, numbers get their format. */
static lxw_format *
xlsx_body_format(struct xs *x, enum doc_align al, enum xlsx_nf nf,
    enum doc_tone t)
{
	lxw_format **f = &x->body[al][nf][t];

	if (*f == NULL && (*f = xlsx_format(x)) != NULL) {
		format_set_align(*f, xlsx_halign[al]);
		format_set_align(*f, LXW_ALIGN_VERTICAL_TOP);
		if (nf == NF_TEXT)
			format_set_text_wrap(*f);
		else
			format_set_num_format(*f, xlsx_numfmt[nf]);
		xlsx_border(*f);
		xlsx_fill(*f, t);
	}
	return *f;
}

/* A figure's value: numbers right-aligned with their format. */
static lxw_format *
xlsx_fig_format(struct xs *x, enum xlsx_figs where, enum xlsx_nf nf,
    enum doc_tone t)
{
	lxw_format **f = &x->fig[where][nf][t];

	if (*f == NULL && (*f = xlsx_format(x)) != NULL) {
		format_set_align(*f, LXW_ALIGN_VERTICAL_TOP);
		if (where == FIGS_BLOCK)
			format_set_bold(*f);
		if (nf != NF_TEXT) {
			format_set_num_format(*f, xlsx_numfmt[nf]);
			format_set_align(*f, LXW_ALIGN_RIGHT);
		} else
			format_set_align(*f, LXW_ALIGN_LEFT);
		xlsx_fill(*f, t);
	}
	return *f;
}

/* ---------------------------------------------------------------- */
/* Cells */

static void
xlsx_str(struct xs *x, struct xsheet *sh, lxw_row_t r, lxw_col_t c,
    const char *s, lxw_format *f)
{
	if (x->rc != LXW_NO_ERROR)
		return;
	s = xlsx_clean(x, s, true, XLSX_CELL_MAX);
	if (s[0] == '\0')
		xlsx_check(x, worksheet_write_blank(sh->ws, r, c, f), "a cell");
	else
		xlsx_check(x, worksheet_write_string(sh->ws, r, c, s, f),
		    "a cell");
}

/* A number; one that is not finite has no cell value, so it is blank. */
static void
xlsx_num(struct xs *x, struct xsheet *sh, lxw_row_t r, lxw_col_t c,
    double v, lxw_format *f)
{
	if (x->rc != LXW_NO_ERROR)
		return;
	if (isfinite(v))
		xlsx_check(x, worksheet_write_number(sh->ws, r, c, v, f),
		    "a number");
	else
		xlsx_check(x, worksheet_write_blank(sh->ws, r, c, f), "a cell");
}

static void
xlsx_row_height(struct xs *x, struct xsheet *sh, double ht)
{
	if (x->rc == LXW_NO_ERROR)
		xlsx_check(x, worksheet_set_row(sh->ws, sh->row, ht, NULL),
		    "a row");
}

/* Widen column c to at least w characters. */
static void
xlsx_want_width(struct xsheet *sh, size_t c, double w)
{
	if (c < sh->ncols && w > sh->width[c])
		sh->width[c] = w > XLSX_COL_MAX ? XLSX_COL_MAX : w;
}

/* ---------------------------------------------------------------- */
/* Blocks */

static bool
xlsx_shown(unsigned only)
{
	return only == 0 || (only & DOC_ONLY_XLSX);
}

/* A paragraph in column A, one row per line. */
static void
xlsx_lines(struct xs *x, struct xsheet *sh, const char *text, lxw_format *f)
{
	const char *p, *nl;
	char *line;

	if (text == NULL)
		return;
	for (p = text; *p != '\0' && x->rc == LXW_NO_ERROR; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = arena_strndup(&x->a, p, (size_t)(nl - p));
		if (line[0] != '\0')
			xlsx_str(x, sh, sh->row, 0, line, f);
		sh->row++;
		if (*nl == '\0')
			break;
	}
}

static void
xlsx_list(struct xs *x, struct xsheet *sh, const struct doc_block *b)
{
	const char *item;
	size_t i;

	for (i = 0; i < b->nitems && x->rc == LXW_NO_ERROR; i++) {
		item = b->items[i] != NULL ? b->items[i] : "";
		if (b->numbered)
			item = arena_printf(&x->a, "%zu. %s", i + 1, item);
		else
			item = arena_printf(&x->a, "・%s", item);
		xlsx_str(x, sh, sh->row++, 0, item, NULL);
	}
}

/* Label | value rows, for the cover and for key figures. */
static void
xlsx_figs(struct xs *x, struct xsheet *sh, const struct doc_fig *fig,
    size_t n, enum xlsx_figs where)
{
	const struct doc_fig *g;
	const char *label;
	enum doc_tone t;
	size_t i;

	for (i = 0; i < n && x->rc == LXW_NO_ERROR; i++, sh->row++) {
		g = &fig[i];
		t = xlsx_tone(g->tone);
		label = xlsx_clean(x, g->label, true, XLSX_CELL_MAX);
		/* The value in B cuts the label off: make room for it. */
		xlsx_want_width(sh, 0, fmin(xlsx_disp(label) + 2,
		    XLSX_LABEL_MAX));
		xlsx_str(x, sh, sh->row, 0, label, x->xf[XF_LABEL]);
		if (g->has_num)
			xlsx_num(x, sh, sh->row, 1, g->num,
			    xlsx_fig_format(x, where, xlsx_nf(g->decimals), t));
		else if (g->value != NULL)
			xlsx_str(x, sh, sh->row, 1, g->value,
			    xlsx_fig_format(x, where, NF_TEXT, t));
	}
}

/* The cell of a table body at (r, c) of the sheet. */
static void
xlsx_cell(struct xs *x, struct xsheet *sh, lxw_row_t r, lxw_col_t c,
    const struct doc_cell *cell, enum doc_align al)
{
	enum doc_tone t = xlsx_tone(cell->tone);
	struct buf b = BUF_INIT;
	int k, n;

	switch (cell->kind) {
	case DOC_CELL_TEXT:
		xlsx_str(x, sh, r, c, cell->text,
		    xlsx_body_format(x, al, NF_TEXT, t));
		break;
	case DOC_CELL_NUM:
		xlsx_num(x, sh, r, c, cell->num,
		    xlsx_body_format(x, al, xlsx_nf(cell->decimals), t));
		break;
	case DOC_CELL_BAR:
		n = cell->nbar < 0 ? 0 : cell->nbar > DOC_BAR_MAX ?
		    DOC_BAR_MAX : cell->nbar;
		for (k = 0; k < n; k++)
			buf_printf(&b, "%s%d", k ? " / " : "", cell->bar[k]);
		xlsx_str(x, sh, r, c, buf_cstr(&b),
		    xlsx_body_format(x, al, NF_TEXT, t));
		buf_free(&b);
		break;
	default:	/* DOC_CELL_EMPTY: keep the borders and the tint */
		if (x->rc == LXW_NO_ERROR)
			xlsx_check(x, worksheet_write_blank(sh->ws, r, c,
			    xlsx_body_format(x, al, NF_TEXT, t)), "a cell");
		break;
	}
}

/*
 * The pull-down list of column c (sheet column j) on the body rows
 * [first, last]: the column's choices as Excel's own list, "a,b,c" in
 * the rule itself.  Left out when the choices cannot be one (struct
 * doc_col): a comma would split a value and a double quote end the list,
 * and older libxlsxwriters copy the list into DOC_CHOICES_BYTES bytes.
 */
static void
xlsx_choices(struct xs *x, struct xsheet *sh, lxw_row_t first,
    lxw_row_t last, lxw_col_t j, const struct doc_col *c)
{
	lxw_data_validation dv;
	const char **list;
	size_t i, len = 0, k;

	if (c->choices == NULL || c->nchoices == 0 || x->rc != LXW_NO_ERROR)
		return;
	for (i = 0; i < c->nchoices; i++) {
		const char *v = c->choices[i];

		if (v == NULL || v[0] == '\0')
			return;
		for (k = 0; v[k] != '\0'; k++)
			if ((unsigned char)v[k] < 0x20 || v[k] == 0x7F ||
			    v[k] == ',' || v[k] == '"')
				return;
		len += k + (i > 0);
		if (len > DOC_CHOICES_BYTES ||
		    strcmp(xlsx_clean(x, v, false, XLSX_CELL_MAX), v) != 0)
			return;	/* too long, or not valid UTF-8 */
	}
	list = arena_alloc(&x->a, (c->nchoices + 1) * sizeof(*list));
	for (i = 0; i < c->nchoices; i++)
		list[i] = c->choices[i];
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	/* char ** or const char ** by the library's version; read only */
	dv.value_list = (void *)list;
	xlsx_check(x, worksheet_data_validation_range(sh->ws, first, j, last,
	    j, &dv), "a pull-down list");
}

/*
 * A table: the header row, then the body, in the columns the workbook
 * shows, packed from column A.  The sheet's first table gets the
 * autofilter, the frozen header and the print titles.
 */
static void
xlsx_table(struct xs *x, struct xsheet *sh, const struct doc_table *t)
{
	const struct doc_col *col;
	lxw_row_t head = sh->row, last;
	size_t *vis, nv = 0, c, r, j;

	if (t->ncols == 0 || t->col == NULL)
		return;
	vis = arena_alloc(&x->a, t->ncols * sizeof(*vis));
	for (c = 0; c < t->ncols; c++)
		if (xlsx_shown(t->col[c].only))
			vis[nv++] = c;
	if (nv == 0)
		return;
	if (nv > LXW_COL_MAX || t->nrows >= LXW_ROW_MAX - head) {
		xlsx_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE,
		    "a table larger than a sheet");
		return;
	}
	for (j = 0; j < nv; j++) {
		col = &t->col[vis[j]];
		xlsx_str(x, sh, head, (lxw_col_t)j, col->head,
		    xlsx_head_format(x, xlsx_align(col->align)));
		xlsx_want_width(sh, j, col->width > XLSX_COL_MIN ?
		    col->width : XLSX_COL_MIN);
	}
	for (r = 0; r < t->nrows && x->rc == LXW_NO_ERROR; r++)
		for (j = 0; j < nv; j++)
			xlsx_cell(x, sh, head + 1 + (lxw_row_t)r, (lxw_col_t)j,
			    &t->cell[r * t->ncols + vis[j]],
			    xlsx_align(t->col[vis[j]].align));
	for (j = 0; j < nv && t->nrows > 0; j++)
		xlsx_choices(x, sh, head + 1, head + (lxw_row_t)t->nrows,
		    (lxw_col_t)j, &t->col[vis[j]]);
	sh->row = head + 1 + (lxw_row_t)t->nrows;
	if (sh->tabled || x->rc != LXW_NO_ERROR)
		return;
	sh->tabled = true;
	last = t->nrows > 0 ? sh->row - 1 : head;
	if (head + 1 <= XLSX_FREEZE_MAX)
		worksheet_freeze_panes(sh->ws, head + 1, 0);
	xlsx_check(x, worksheet_autofilter(sh->ws, head, 0, last,
	    (lxw_col_t)(nv - 1)), "an autofilter");
	xlsx_check(x, worksheet_repeat_rows(sh->ws, head, head),
	    "the print titles");
}

static void
xlsx_block(struct xs *x, struct xsheet *sh, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		xlsx_lines(x, sh, b->text,
		    x->xf[b->level <= 1 ? XF_H1 : XF_H2]);
		break;
	case DOC_TEXT:
		xlsx_lines(x, sh, b->text, NULL);
		break;
	case DOC_NOTE:
		xlsx_lines(x, sh, b->text, x->xf[XF_NOTE]);
		break;
	case DOC_LIST:
		xlsx_list(x, sh, b);
		break;
	case DOC_FIGURES:
		xlsx_figs(x, sh, b->figs, b->figs != NULL ? b->nfigs : 0,
		    FIGS_BLOCK);
		break;
	case DOC_TABLE:
		xlsx_table(x, sh, &b->tab);
		break;
	case DOC_SVG:
		xlsx_lines(x, sh, b->alt, x->xf[XF_NOTE]);
		break;
	case DOC_CHOICES:
		xlsx_lines(x, sh, b->num == NULL ? b->text : arena_printf(
		    &x->a, "%s. %s", b->num, b->text != NULL ? b->text : ""),
		    NULL);
		xlsx_list(x, sh, b);
		break;
	case DOC_FILL:
		xlsx_lines(x, sh, b->text, NULL);
		break;
	default:	/* DOC_PAGEBREAK: pages are the PDF's */
		break;
	}
}

/* ---------------------------------------------------------------- */
/* Sheets */

/* ASCII letters fold, as Excel compares sheet names; UTF-8 stays. */
static bool
xlsx_same_name(const char *a, const char *b)
{
	unsigned char ca, cb;

	for (;; a++, b++) {
		ca = (unsigned char)*a;
		cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return false;
		if (ca == '\0')
			return true;
	}
}

static bool
xlsx_name_taken(const struct xs *x, const char *name)
{
	size_t i;

	if (xlsx_same_name(name, "History"))	/* Excel keeps it */
		return true;
	for (i = 0; i < x->nnames; i++)
		if (xlsx_same_name(name, x->names[i]))
			return true;
	return false;
}

/*
 * The sheet name for want (the nth sheet, from 1): characters Excel
 * refuses become "_", cut to fit, "SheetN" when nothing is left, and a
 * " (k)" suffix until no earlier sheet has it.  In x's arena; remembered.
 */
static const char *
xlsx_sheet_name(struct xs *x, const char *want, size_t nth)
{
	const char *base;
	char *name, *p, suffix[32];
	size_t k, len;

	base = xlsx_clean(x, want, false, XLSX_NAME_MAX);
	if (base[0] == '\0')
		base = arena_printf(&x->a, "Sheet%zu", nth);
	for (k = 1; ; k++) {
		if (k == 1)
			suffix[0] = '\0';
		else
			snprintf(suffix, sizeof(suffix), " (%zu)", k);
		len = strlen(suffix);
		name = arena_printf(&x->a, "%s%s", xlsx_clean(x, base, false,
		    XLSX_NAME_MAX - len), suffix);
		for (p = name; *p != '\0'; p++)
			if (strchr("[]:*?/\\", *p) != NULL)
				*p = '_';
		if (name[0] == '\'')
			name[0] = '_';
		if ((len = strlen(name)) > 0 && name[len - 1] == '\'')
			name[len - 1] = '_';
		if (!xlsx_name_taken(x, name))
			break;
	}
	x->names[x->nnames++] = name;
	return name;
}

/* The most columns a table of s shows: the sheet's width array. */
static size_t
xlsx_sheet_cols(const struct doc_section *s)
{
	const struct doc_block *b;
	size_t n = 2, nv, c;	/* labels and values of figures */

	for (b = s->first; b != NULL; b = b->next) {
		if (b->kind != DOC_TABLE || !xlsx_shown(b->only) ||
		    b->tab.col == NULL)
			continue;
		for (c = 0, nv = 0; c < b->tab.ncols; c++)
			nv += xlsx_shown(b->tab.col[c].only);
		if (nv > n)
			n = nv;
	}
	return n > LXW_COL_MAX ? LXW_COL_MAX : n;
}

static void
xlsx_cover(struct xs *x, struct xsheet *sh, const struct doc *d)
{
	if (d->title != NULL) {
		xlsx_row_height(x, sh, XLSX_HT_TITLE);
		xlsx_str(x, sh, sh->row++, 0, d->title, x->xf[XF_TITLE]);
	}
	if (d->subtitle != NULL)
		xlsx_str(x, sh, sh->row++, 0, d->subtitle,
		    x->xf[XF_SUBTITLE]);
	if (d->cover != NULL)
		xlsx_figs(x, sh, d->cover, d->ncover, FIGS_COVER);
	if (sh->row > 0)
		sh->row++;
}

static void
xlsx_sheet(struct xs *x, const struct doc *d, const struct doc_section *s,
    size_t nth)
{
	const struct doc_block *b;
	struct xsheet sh;
	lxw_row_t r0;
	bool gap = false;
	double total = 0;
	size_t c;

	memset(&sh, 0, sizeof(sh));
	sh.ws = workbook_add_worksheet(x->wb,
	    xlsx_sheet_name(x, s->sheet, nth));
	if (sh.ws == NULL) {
		xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "a sheet");
		return;
	}
	sh.ncols = xlsx_sheet_cols(s);
	sh.width = arena_alloc(&x->a, sh.ncols * sizeof(*sh.width));
	worksheet_set_paper(sh.ws, XLSX_PAPER_A4);
	worksheet_fit_to_pages(sh.ws, 1, 0);

	if (nth == 1)
		xlsx_cover(x, &sh, d);
	if (s->title != NULL) {
		xlsx_row_height(x, &sh, XLSX_HT_SECTION);
		xlsx_str(x, &sh, sh.row++, 0, s->title, x->xf[XF_SECTION]);
		gap = true;
	}
	/* A blank row between blocks, none under a heading. */
	for (b = s->first; b != NULL && x->rc == LXW_NO_ERROR; b = b->next) {
		if (!xlsx_shown(b->only) || b->kind == DOC_PAGEBREAK)
			continue;
		r0 = sh.row;
		sh.row += gap;
		xlsx_block(x, &sh, b);
		if (sh.row == r0 + gap) {	/* wrote nothing */
			sh.row = r0;
			continue;
		}
		gap = b->kind != DOC_HEADING;
	}
	for (c = 0; c < sh.ncols && x->rc == LXW_NO_ERROR; c++) {
		total += sh.width[c] > 0 ? sh.width[c] : LXW_DEF_COL_WIDTH;
		if (sh.width[c] > 0)
			xlsx_check(x, worksheet_set_column(sh.ws, (lxw_col_t)c,
			    (lxw_col_t)c, sh.width[c], NULL), "a column");
	}
	if (total > XLSX_PORTRAIT_MAX || d->landscape)
		worksheet_set_landscape(sh.ws);
}

static size_t
xlsx_count_sheets(const struct doc *d)
{
	const struct doc_section *s;
	size_t n = 0;

	for (s = d->first; s != NULL; s = s->next)
		n += s->sheet != NULL;
	return n;
}

static void
xlsx_properties(struct xs *x, const struct doc *d)
{
	lxw_doc_properties p;

	memset(&p, 0, sizeof(p));
	/* The library copies them. */
	if (d->title != NULL)
		p.title = (char *)xlsx_clean(x, d->title, false, 255);
	p.author = (char *)xlsx_clean(x, d->author != NULL ? d->author :
	    "mamori", false, 255);
	xlsx_check(x, workbook_set_properties(x->wb, &p), "the properties");
	/* app.xml's application is fixed in libxlsxwriter: say it here. */
	xlsx_check(x, workbook_set_custom_property_string(x->wb, "Generator",
	    "mamori"), "the properties");
}

/* ---------------------------------------------------------------- */
/* The workbook */

/* Append the file behind fd (size bytes) to out, or leave out as it was. */
static int
xlsx_slurp(int fd, struct buf *out, char *err, size_t errlen)
{
	bool was = out->err;
	struct stat st;
	size_t size, got = 0;
	ssize_t n;
	char *dst;

	if (fstat(fd, &st) == -1 || st.st_size <= 0) {
		snprintf(err, errlen, "xlsx: the workbook file is empty");
		return XLSX_ERR_WRITE;
	}
	size = (size_t)st.st_size;
	if ((dst = buf_reserve(out, size)) == NULL) {
		out->err = was;
		snprintf(err, errlen, "xlsx: a workbook of %zu bytes is over "
		    "the output limit", size);
		return XLSX_ERR_WRITE;
	}
	while (got < size) {
		n = pread(fd, dst + got, size - got, (off_t)got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "xlsx: reading the workbook "
			    "back failed");
			out->p[out->n] = '\0';
			return XLSX_ERR_WRITE;
		}
		got += (size_t)n;
	}
	buf_commit(out, size);
	return XLSX_OK;
}

int
xlsx_render(const struct doc *d, struct buf *out, char *err, size_t errlen)
{
	lxw_workbook_options opt;
	const struct doc_section *s;
	locale_t cloc, oldloc = (locale_t)0;
	const char *tmpdir;
	char *path = NULL, dummy[1], eb[128];
	struct xs x;
	size_t nth = 0, nsheets;
	lxw_error lrc;
	int rc = XLSX_ERR_WRITE, fd = -1;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if ((nsheets = xlsx_count_sheets(d)) == 0) {
		snprintf(err, errlen, "xlsx: no section has a sheet");
		return XLSX_ERR_EMPTY;
	}
	/*
	 * libxlsxwriter prints numbers with "%.16G": under a locale with a
	 * decimal comma, 62.4 would come out as "62,4", which no reader
	 * takes.  This thread alone gets the "C" numeric locale.
	 */
	cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc == (locale_t)0) {
		snprintf(err, errlen, "xlsx: no C locale");
		return XLSX_ERR_WRITE;
	}
	oldloc = uselocale(cloc);

	memset(&x, 0, sizeof(x));
	arena_init(&x.a);
	x.names = arena_alloc(&x.a, nsheets * sizeof(*x.names));
	tmpdir = getenv("TMPDIR");
	if (tmpdir == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	path = arena_printf(&x.a, "%s/mamori-xlsx-XXXXXX", tmpdir);
	if ((fd = mkostemp(path, O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "xlsx: a temporary file in %s: %s",
		    tmpdir, strerror_r(errno, eb, sizeof(eb)));
		goto out;
	}

	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = arena_strdup(&x.a, tmpdir);
	if ((x.wb = workbook_new_opt(path, &opt)) == NULL) {
		snprintf(err, errlen, "xlsx: no workbook (out of memory)");
		goto out;
	}
	xlsx_fixed_formats(&x);
	xlsx_properties(&x, d);
	for (s = d->first; s != NULL && x.rc == LXW_NO_ERROR; s = s->next)
		if (s->sheet != NULL)
			xlsx_sheet(&x, d, s, ++nth);
	if (x.rc != LXW_NO_ERROR) {
		lxw_workbook_free(x.wb);
		snprintf(err, errlen, "xlsx: %s: %s", x.what,
		    lxw_strerror(x.rc));
		goto out;
	}

	pthread_mutex_lock(&xlsx_pack_lock);
	lrc = workbook_close(x.wb);	/* frees it */
	pthread_mutex_unlock(&xlsx_pack_lock);
	if (lrc != LXW_NO_ERROR) {
		snprintf(err, errlen, "xlsx: writing the workbook: %s",
		    lxw_strerror(lrc));
		goto out;
	}
	rc = xlsx_slurp(fd, out, err, errlen);
out:
	if (fd != -1) {
		close(fd);
		unlink(path);
	}
	uselocale(oldloc);
	freelocale(cloc);
	arena_free(&x.a);
	return rc;
}
