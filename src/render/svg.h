/*
 * svg: server-rendered charts, written through the html element writer so
 * that a chart is inlined in a page as it is, and the same bytes are drawn
 * into PDFs by librsvg.
 *
 * Every chart is one <svg> element with a viewBox in user units, width
 * "100%" and no height, so it scales to its container (the page's CSS caps
 * the width); role="img", a <title> and aria-labelledby pointing at it.
 * There are no style attributes and no <style> element (the pages' CSP has
 * no 'unsafe-inline'): only presentation attributes (fill, stroke,
 * stroke-dasharray, font-size…) and class names for the page's CSS.
 * Numbers are written locale-free (coordinates with at most one decimal,
 * never an exponent, "nan" or "-0"); the output is a pure function of the
 * spec (same spec, same bytes).
 *
 * Colour is never the only cue: radar series differ in colour, dash pattern
 * and marker shape, and the legend shows all three next to the label; the
 * answer bar's segments differ in colour and fill pattern (hatching), and
 * each carries its count as text and as a tooltip.
 *
 * Functions here are reentrant and thread-safe: they keep no state beyond
 * the arguments.  Strings are UTF-8 and are escaped by the writer.
 */
#ifndef MAMORI_RENDER_SVG_H
#define MAMORI_RENDER_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "render/html.h"

#define SVG_AXES_MIN	3	/* fewest radar axes */
#define SVG_AXES_MAX	32	/* most radar axes */
#define SVG_SERIES_MAX	8	/* most series in one radar */
#define SVG_RINGS_MAX	10	/* most gridline rings */

/*
 * How a radar series is drawn.  Colours are the Okabe–Ito palette (safe for
 * the common colour-vision deficiencies) without its yellow, which is too
 * faint as a line on white, and with a neutral grey as the eighth.  Markers
 * are filled for the first four and hollow for the last four.
 */
enum svg_style {
	SVG_STYLE_OWN,	/* "our score": blue #0072B2, area filled
			   translucent, solid 3-unit line, filled circles */
	SVG_STYLE_ALT1,	/* vermillion, dashed 7 4, filled squares */
	SVG_STYLE_ALT2,	/* bluish green, dotted 2 3, filled triangles */
	SVG_STYLE_ALT3,	/* reddish purple, dash-dot, filled diamonds */
	SVG_STYLE_ALT4,	/* orange, long dash, hollow circles */
	SVG_STYLE_ALT5,	/* sky blue, dash-dot-dot, hollow squares */
	SVG_STYLE_ALT6,	/* black, short dash, hollow triangles */
	SVG_STYLE_ALT7,	/* grey, dash-dash-dot, hollow diamonds */
	SVG_STYLE__MAX
};

/* One line of a radar: a value per axis. */
struct svg_series {
	const char	*label;	/* legend text, UTF-8; not NULL */
	/*
	 * naxes values in axis order, not NULL.  Values outside [min, max]
	 * are drawn clamped to the range (tooltips show the real value).
	 * NaN (any non-finite value) means "no data": the line breaks
	 * there (the two edges that touch the axis are left out, the point
	 * has no marker, and the area of a filled style is not drawn, since
	 * any area would claim a value); see svg_radar.nodata for the
	 * legend note.
	 */
	const double	*values;
	enum svg_style	 style;	/* how it is drawn */
};

/*
 * A radar chart.  Axis 0 points up; the rest follow clockwise.  Labels sit
 * outside the outer ring, anchored start/middle/end by their angle, and
 * are wrapped into two lines (three at the smallest size) at phrase ends
 * where possible (after a space, or after a particle such as の/を/に:
 * 共有設定の|見直し), else between any two CJK characters with the
 * Japanese line-start/line-end rules kept, with lines balanced.  All
 * labels share one font size, the largest of 14..11 units at which every
 * label fits and no two labels overlap; a label that fits nowhere is cut
 * with "…" and carries its full text as a tooltip.  The radius is the
 * largest that keeps every label inside the 400-unit-wide viewBox; the
 * height follows the content.  Text widths are estimated (CJK 1 em, Latin
 * from measured widths of IPAexGothic and DejaVu Sans, the wider).
 * Labels of about 12 CJK characters stay at 13–14 units with up to ~13
 * axes; with many more, pass short labels (item numbers) and list the
 * names in a table next to the chart.
 */
struct svg_radar {
	/* Element id prefix, unique in the page: [A-Za-z][A-Za-z0-9_-]*,
	 * at most 40 bytes.  The chart uses "<id>-title" and "<id>-desc". */
	const char		 *id;
	const char		 *title;	/* <title>: what the chart shows */
	const char		 *desc;		/* <desc>, or NULL for none */
	const char *const	 *axes;		/* naxes labels, UTF-8, not NULL */
	size_t			  naxes;	/* SVG_AXES_MIN..SVG_AXES_MAX */
	double			  min;		/* value at the centre */
	double			  max;		/* value on the outer ring; > min */
	/* Gridline rings, 1..SVG_RINGS_MAX: ring k (1..rings) is drawn at
	 * min + k (max − min) / rings.  Every ring and the centre carry
	 * their value once, where the ring crosses the bisector of axes 0
	 * and 1 (no data point is ever there). */
	int			  rings;
	int			  decimals;	/* decimals in tooltips, 0..3;
						   ring values drop trailing
						   zeros */
	const struct svg_series	 *series;	/* nseries series */
	size_t			  nseries;	/* 1..SVG_SERIES_MAX; drawn last
						   to first, so series[0] is
						   on top */
	/* true: the chart sits in an HTML page and takes the page's font
	 * (saves naming it in every chart); false: it names its fonts, to
	 * stand alone (files, PDF). */
	bool			  page_font;
	/* Legend note shown under the legend when some value is missing, e.g.
	 * "線の切れ目: データなし"; NULL for none. */
	const char		 *nodata;
};

/*
 * Write the radar chart spec describes into h.  An invalid spec (a count
 * out of range, min >= max, a non-finite bound, a NULL or bad id, a NULL
 * string) is a programmer error: it asserts, and with NDEBUG writes
 * nothing.  Data (values) cannot make it fail.
 */
void	svg_radar(struct html *h, const struct svg_radar *spec);

/* The four answers of the answer bar, in the order they are drawn. */
enum svg_answer {
	SVG_ANSWER_YES,		/* implemented: blue #0072B2, solid */
	SVG_ANSWER_PARTLY,	/* partly: sky blue #56B4E9, solid */
	SVG_ANSWER_NO,		/* not implemented: vermillion #D55E00,
				   hatched with diagonal lines */
	SVG_ANSWER_UNKNOWN,	/* don't know: grey #9A9A9A, dotted */
	SVG_ANSWER__MAX
};

/*
 * One stacked horizontal bar of answer counts.  Segments are as wide as
 * their share; a segment shows its count when the number fits inside, and
 * every segment has a tooltip "<label>: <count> (<percent>%)".  A <desc>
 * lists all four counts for screen readers.  With no answers at all the
 * bar is an empty outline.  The hatch patterns are <defs> inside the chart
 * ("<id>-no", "<id>-unknown"), so each bar stands alone (PDF) and the
 * ids must be unique in the page.
 */
struct svg_bar {
	/* Element id prefix as in struct svg_radar. */
	const char	*id;
	const char	*title;			/* <title>, e.g. the item */
	const char	*labels[SVG_ANSWER__MAX];	/* translated names,
							   not NULL */
	int		 counts[SVG_ANSWER__MAX];	/* ≥ 0; a negative
							   count counts as 0 */
	/* NULL: the bar defines its own hatch patterns (a chart that stands
	 * alone, as in a PDF).  Else the id of an earlier bar in the same
	 * HTML document whose patterns this one uses, which saves their
	 * bytes on pages with many bars. */
	const char	*patterns_of;
	bool		 page_font;	/* as in struct svg_radar */
	bool		 legend;	/* draw a legend (swatch + label) under
					   the bar; pages with many bars draw
					   it on one and leave it off the rest */
};

/* Write the bar into h.  An invalid spec asserts as svg_radar does. */
void	svg_answer_bar(struct html *h, const struct svg_bar *spec);

/* One group of companies in a scatter chart: n companies of category cat
 * scoring y.  Companies are never named; a dot stands for everyone with
 * the same category and score, its area growing with n. */
struct svg_dot {
	size_t		 cat;	/* index into svg_scatter.cats */
	double		 y;
	long		 n;	/* ≥ 1 */
};

/*
 * A scatter chart of values (y, e.g. the score) against ordered
 * categories (x, e.g. employee bands).  Other companies are translucent
 * grey-blue circles, jittered sideways by their value so that near values
 * do not hide each other; "own" is a vermillion diamond with a dark
 * outline and a text label beside it, so it stands out without colour.
 * Every dot has a tooltip "<category>: <value> (<n>)", and <desc> says
 * how many companies the chart shows.  Category labels wrap into two
 * lines under their column; a category may have no dots (its column stays
 * empty, which the caller explains in a note).
 */
struct svg_scatter {
	const char		 *id;		/* as in struct svg_radar */
	const char		 *title;
	const char		 *desc;		/* <desc>; NULL: counts only */
	const char *const	 *cats;		/* ncats labels, not NULL */
	size_t			  ncats;	/* 1..SVG_CATS_MAX */
	double			  ymin, ymax;	/* ymin < ymax */
	int			  yticks;	/* gridlines, 1..SVG_RINGS_MAX */
	int			  decimals;	/* in tooltips, 0..3 */
	const char		 *unit;		/* after tooltip values ("点"),
						   or NULL */
	const struct svg_dot	 *dots;
	size_t			  ndots;
	bool			  has_own;	/* draw own_cat / own_y */
	size_t			  own_cat;
	double			  own_y;
	const char		 *own_label;	/* legend and marker label */
	const char		 *others_label;	/* legend for the dots */
	bool			  page_font;	/* as in struct svg_radar */
};

#define SVG_CATS_MAX	16

/* Write the scatter chart into h.  An invalid spec asserts as svg_radar
 * does; data (values out of range, any n) cannot make it fail. */
void	svg_scatter(struct html *h, const struct svg_scatter *spec);

#define SVG_HEAT_N	3	/* rows and columns of a heat map */
#define SVG_HEAT_BANDS	3	/* bands a cell may belong to */

/*
 * A heat map: SVG_HEAT_N × SVG_HEAT_N cells, each with its count in large
 * figures and the name of its band under it, filled with the band's
 * colour (light green, amber, red, from band 0 up), so that the word, not
 * the colour, carries the band.  Row labels sit left of the rows, the row
 * title above them; column labels under the columns, the column title
 * under those; a legend of the bands closes the chart.  Every cell has
 * its tooltip.  The caller adds a table with the same figures.
 */
struct svg_heat {
	const char	*id;		/* as in struct svg_radar */
	const char	*title;
	const char	*desc;		/* <desc>, or NULL */
	const char	*row_title;	/* what the rows are, e.g. 重要度 */
	const char	*col_title;	/* what the columns are */
	const char	*rows[SVG_HEAT_N];	/* top row first */
	const char	*cols[SVG_HEAT_N];	/* left column first */
	int		 counts[SVG_HEAT_N][SVG_HEAT_N];	/* [row][col]; a
							   negative one
							   counts as 0 */
	int		 band[SVG_HEAT_N][SVG_HEAT_N];	/* 0…SVG_HEAT_BANDS − 1 */
	const char	*bands[SVG_HEAT_BANDS];	/* band names */
	const char	*tips[SVG_HEAT_N][SVG_HEAT_N];	/* per cell, or NULL */
	/* the word under a cell's count; NULL: its band's name */
	const char	*labels[SVG_HEAT_N][SVG_HEAT_N];
	bool		 page_font;	/* as in struct svg_radar */
};

/* Write the heat map into h.  An invalid spec (a bad id, a NULL label,
 * a band out of range) asserts as svg_radar does. */
void	svg_heat(struct html *h, const struct svg_heat *spec);

#endif
