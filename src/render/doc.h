/*
 * doc: a format-neutral document — what a report says, not how it looks.
 * A builder (report/) fills one; each output format has its own renderer
 * that reads it and nothing else (render/pdf.c, render/xlsx.c).  The
 * renderers never touch the database, HTTP or the content packs: every
 * text arrives here already in the reader's language.
 *
 * A document is a cover (title, subtitle, label/value lines; the PDF
 * draws them as a title block at the top of page 1, and the first section
 * goes on under it, when there is a subtitle or a cover line) and a list
 * of sections.  A section is a titled run of blocks: headings, paragraphs,
 * bullet lists, key figures, tables, SVG charts (a QR code is one), and
 * for forms filled in on paper, questions with a box before each choice
 * and lines to write on.  The PDF shows every
 * section in order; the workbook has one sheet for each section that names
 * one (doc_section.sheet), in order, with the cover as the first lines of
 * the first sheet.
 *
 * Blocks and table columns may be limited to one format (DOC_ONLY_PDF,
 * DOC_ONLY_XLSX): a chart means nothing in a cell, and a sheet wants one
 * number a column where the page wants one bar.
 *
 * All memory comes from the arena given to doc_init(): strings passed in
 * are copied, so callers may free theirs.  Not thread-safe; one document,
 * one owner.  A finished document is read-only and renderers may read it
 * from any thread.
 */
#ifndef MAMORI_RENDER_DOC_H
#define MAMORI_RENDER_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* Which outputs show a block or a column; 0 means every one. */
#define DOC_ONLY_PDF	1u
#define DOC_ONLY_XLSX	2u

#define DOC_BAR_MAX	4	/* most segments in a bar cell */
#define DOC_CHOICES_BYTES 255	/* longest pull-down list (Excel's), bytes */

enum doc_align {
	DOC_LEFT,
	DOC_RIGHT,	/* numbers */
	DOC_CENTER,	/* symbols */
	DOC_ALIGN__MAX
};

/* A cell's emphasis: a background tint in the PDF and the workbook.
 * Never the only cue — the cell's text says the same. */
enum doc_tone {
	DOC_TONE_NONE,
	DOC_TONE_GOOD,	/* pale green */
	DOC_TONE_WARN,	/* pale amber */
	DOC_TONE_BAD,	/* pale red */
	DOC_TONE_MARK,	/* pale blue: "this is us" */
	DOC_TONE__MAX
};

enum doc_cell_kind {
	DOC_CELL_EMPTY,
	DOC_CELL_TEXT,	/* text */
	DOC_CELL_NUM,	/* num, shown with decimals digits after the point */
	/*
	 * A horizontal stacked bar of nbar counts (an answer distribution).
	 * Segment k is drawn in the colour and fill pattern of the answer
	 * bar of render/svg.h (blue, sky blue solid; orange hatched; grey
	 * dotted) and carries its count when it is wide enough.  The
	 * workbook writes text ("4 / 2 / 0 / 1") — builders usually give a
	 * bar column DOC_ONLY_PDF and separate number columns to the sheet.
	 */
	DOC_CELL_BAR,
	DOC_CELL__MAX
};

struct doc_cell {
	enum doc_cell_kind	 kind;
	enum doc_tone		 tone;
	const char		*text;	/* TEXT; NULL otherwise */
	double			 num;	/* NUM */
	int			 decimals;	/* NUM: 0..3 */
	int			 nbar;	/* BAR: segments used */
	int			 bar[DOC_BAR_MAX];	/* BAR: counts ≥ 0 */
};

struct doc_col {
	const char	*head;	/* header text; not NULL (may be "") */
	double		 width;	/* relative width in the PDF (any scale);
				   the workbook's column width in characters */
	enum doc_align	 align;
	unsigned	 only;	/* DOC_ONLY_*, or 0 */
	/*
	 * The values a body cell of the column may take (doc_col_choices()),
	 * for a sheet filled in by hand: the workbook offers them as a
	 * pull-down list on the column's body cells, when Excel can hold
	 * them as one (no value empty or with a comma, a double quote or a
	 * control character; DOC_CHOICES_BYTES bytes in all, commas
	 * counted), and else no list.  Cells keep what the builder wrote,
	 * in the list or not.  The PDF ignores them.  NULL: no list.
	 */
	const char	**choices;
	size_t		 nchoices;
};

struct doc_table {
	size_t			 ncols;
	size_t			 nrows;	/* body rows, header not counted */
	struct doc_col		*col;	/* [ncols] */
	struct doc_cell		*cell;	/* [nrows * ncols], row-major */
	/* header rows repeat at the top of each PDF page the table spans;
	 * the sheet freezes the header row */
};

/* One key figure: "総合点" / "62.4 点". */
struct doc_fig {
	const char	*label;
	const char	*value;	/* as shown in the PDF */
	double		 num;	/* the number for the workbook when has_num */
	bool		 has_num;
	int		 decimals;
	enum doc_tone	 tone;
};

/*
 * How the PDF lays blocks out, so that a reader is not left with loose
 * ends: a heading (and a section's title) always stands on the page where
 * the start of the block after it stands — a chart whole, a table's
 * header with its first row, a list's first item, a paragraph's first
 * lines; a paragraph of a few lines and a list item are never split
 * across pages; a wrapped line never leaves one or two characters alone
 * on the last line; short centred labels (key figures) wrap into lines of
 * about one length.
 */
enum doc_block_kind {
	DOC_HEADING,	/* text, level 1..3 (sections already have a title) */
	DOC_TEXT,	/* a paragraph, wrapped; '\n' breaks a line */
	DOC_NOTE,	/* a smaller, grey paragraph (sources, caveats) */
	DOC_LIST,	/* bullets (or numbers when numbered) */
	DOC_FIGURES,	/* key figures: large value over its label */
	DOC_TABLE,
	DOC_SVG,	/* a chart from render/svg.c */
	DOC_PAGEBREAK,	/* PDF: go on on a new page; workbook: ignored */
	/*
	 * A question to answer on paper: num (or NULL) hanging at the left,
	 * text (or NULL) beside it, and below, items[0..nitems) each after
	 * an empty box to tick, up to four a row in equal columns.  Never
	 * split across pages; a heading or section title right before one
	 * stays with it.  The workbook writes the text and the choices as
	 * a list.
	 */
	DOC_CHOICES,
	/* A line to write on after text (a label), reaching width × the
	 * text width from the left margin; the workbook writes the label. */
	DOC_FILL,
	DOC_BLOCK__MAX
};

struct doc_block {
	enum doc_block_kind	 kind;
	unsigned		 only;	/* DOC_ONLY_*, or 0 */
	int			 level;	/* HEADING */
	const char		*text;	/* HEADING, TEXT, NOTE, CHOICES, FILL */
	const char		*num;	/* CHOICES: "12", or NULL */
	/* TEXT, NOTE: DOC_LEFT (the default) or DOC_CENTER lines */
	enum doc_align		 align;
	const char		**items;	/* LIST, CHOICES */
	size_t			 nitems;
	bool			 numbered;	/* LIST */
	struct doc_fig		*figs;	/* FIGURES */
	size_t			 nfigs;
	struct doc_table	 tab;	/* TABLE */
	/*
	 * SVG: the bytes of one <svg> element with a viewBox and no height;
	 * drawn at width × text width (0 < width ≤ 1), centred, its height
	 * from the viewBox's aspect; alt is the chart's text equivalent,
	 * written in the workbook instead of the chart.
	 */
	const char		*svg;
	size_t			 svglen;
	double			 width;	/* SVG; FILL: the line's end (0..1] */
	const char		*alt;
	struct doc_block	*next;
};

struct doc_section {
	const char		*title;	/* large heading; the sheet's first line */
	/* Sheet name (at most 31 characters, none of []:*?/\) or NULL when
	 * the section is for the PDF only. */
	const char		*sheet;
	bool			 new_page;	/* PDF: start on a fresh page (the
					   first section goes on under the
					   title block all the same) */
	unsigned		 only;	/* DOC_ONLY_*, or 0: DOC_ONLY_XLSX
					   makes a sheet the PDF leaves out */
	struct doc_block	*first, *last;
	struct doc_section	*next;
};

struct doc {
	struct arena		*a;	/* owns everything below */
	const char		*lang;	/* "ja" or "en": fonts' language and the
					   PDF's /Lang */
	const char		*title;	/* cover and PDF metadata */
	const char		*subtitle;	/* cover; may be NULL */
	struct doc_fig		*cover;	/* cover lines: label and value */
	size_t			 ncover;
	const char		*footer;	/* left of every page's foot; NULL for
					   none (the right shows "n / N") */
	const char		*author;	/* PDF metadata; may be NULL */
	bool			 landscape;	/* PDF: A4 landscape pages (the
					   default, false, is portrait);
					   workbook: sheets print landscape */
	/* PDF: every type size but the footer's times this, for a page
	 * read at arm's length (the emergency card); 0 means 1 */
	double			 scale;
	struct doc_section	*first, *last;
};

/* Start an empty document whose memory comes from a. */
void	doc_init(struct doc *d, struct arena *a, const char *lang,
	    const char *title);
/* Append a section; sheet may be NULL.  Returns it (owned by d). */
struct doc_section *doc_section(struct doc *d, const char *title,
	    const char *sheet, bool new_page);

/* Append a block to s and return it for the caller to adjust (only…).
 * Texts are copied. */
struct doc_block *doc_heading(struct doc *d, struct doc_section *s,
	    int level, const char *text);
struct doc_block *doc_text(struct doc *d, struct doc_section *s,
	    const char *text);
struct doc_block *doc_note(struct doc *d, struct doc_section *s,
	    const char *text);
/* A list of n items; fill items[0..n) with doc_str() copies. */
struct doc_block *doc_list(struct doc *d, struct doc_section *s, size_t n,
	    bool numbered);
/* n figures to fill in b->figs[0..n). */
struct doc_block *doc_figures(struct doc *d, struct doc_section *s,
	    size_t n);
/* A table of ncols columns and nrows empty body rows; fill b->tab.col and
 * the cells with doc_col() and doc_set_*(). */
struct doc_block *doc_table(struct doc *d, struct doc_section *s,
	    size_t ncols, size_t nrows);
struct doc_block *doc_svg(struct doc *d, struct doc_section *s,
	    const char *svg, size_t len, double width, const char *alt);
struct doc_block *doc_pagebreak(struct doc *d, struct doc_section *s);
/* A question of n choices; num and text may be NULL; fill items[0..n)
 * with doc_str() copies. */
struct doc_block *doc_choices(struct doc *d, struct doc_section *s,
	    const char *num, const char *text, size_t n);
/* A label and a line to write on, to width (0 < width ≤ 1, else 1) of
 * the text width. */
struct doc_block *doc_fill(struct doc *d, struct doc_section *s,
	    const char *label, double width);

/* Copy of s in the document's arena (NULL stays NULL). */
const char	*doc_str(struct doc *d, const char *s);
/* printf into the document's arena. */
const char	*doc_printf(struct doc *d, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* Column c of table t. */
void	doc_col(struct doc *d, struct doc_table *t, size_t c,
	    const char *head, double width, enum doc_align align);
/* The values column c's body cells may take: n texts, copied (see
 * struct doc_col's choices). */
void	doc_col_choices(struct doc *d, struct doc_table *t, size_t c,
	    const char *const *v, size_t n);
/* The cell at row r, column c. */
struct doc_cell *doc_cell(struct doc_table *t, size_t r, size_t c);
void	doc_set_text(struct doc *d, struct doc_table *t, size_t r, size_t c,
	    const char *text);
void	doc_set_num(struct doc_table *t, size_t r, size_t c, double v,
	    int decimals);
void	doc_set_bar(struct doc_table *t, size_t r, size_t c, const int *v,
	    int n);
/* A figure: value is the text the PDF shows; has_num false when the
 * figure is not a number. */
void	doc_set_fig(struct doc *d, struct doc_fig *f, const char *label,
	    const char *value, bool has_num, double num, int decimals);
/* Cover lines, replacing any earlier ones. */
void	doc_cover(struct doc *d, size_t n);

#endif
