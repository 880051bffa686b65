#include "render/doc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>


void
doc_init(struct doc *d, struct arena *a, const char *lang,
    const char *title)
{
	memset(d, 0, sizeof(*d));
	d->a = a;
	d->lang = doc_str(d, lang);
	d->title = doc_str(d, title);
}

const char *
doc_str(struct doc *d, const char *s)
{
	return s == NULL ? NULL : arena_strdup(d->a, s);
}

const char *
doc_printf(struct doc *d, const char *fmt, ...)
{
	va_list ap, aq;
	char *p;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = arena_alloc(d->a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, aq);
	va_end(aq);
	return p;
}

struct doc_section *
doc_section(struct doc *d, const char *title, const char *sheet,
    bool new_page)
{
	struct doc_section *s;

	s = arena_alloc(d->a, sizeof(*s));
	s->title = doc_str(d, title);
	s->sheet = doc_str(d, sheet);
	s->new_page = new_page;
	if (d->last != NULL)
		d->last->next = s;
	else
		d->first = s;
	d->last = s;
	return s;
}

static struct doc_block *
block(struct doc *d, struct doc_section *s, enum doc_block_kind k)
{
	struct doc_block *b;

	b = arena_alloc(d->a, sizeof(*b));
	b->kind = k;
	if (s->last != NULL)
		s->last->next = b;
	else
		s->first = b;
	s->last = b;
	return b;
}

struct doc_block *
doc_heading(struct doc *d, struct doc_section *s, int level,
    const char *text)
{
	struct doc_block *b = block(d, s, DOC_HEADING);

	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->text = doc_str(d, text);
	return b;
}

struct doc_block *
doc_text(struct doc *d, struct doc_section *s, const char *text)
{
	struct doc_block *b = block(d, s, DOC_TEXT);

	b->text = doc_str(d, text);
	return b;
}

struct doc_block *
doc_note(struct doc *d, struct doc_section *s, const char *text)
{
	struct doc_block *b = block(d, s, DOC_NOTE);

	b->text = doc_str(d, text);
	return b;
}

struct doc_block *
doc_list(struct doc *d, struct doc_section *s, size_t n, bool numbered)
{
	struct doc_block *b = block(d, s, DOC_LIST);

	b->items = arena_alloc(d->a, (n ? n : 1) * sizeof(*b->items));
	b->nitems = n;
	b->numbered = numbered;
	return b;
}

struct doc_block *
doc_figures(struct doc *d, struct doc_section *s, size_t n)
{
	struct doc_block *b = block(d, s, DOC_FIGURES);

	b->figs = arena_alloc(d->a, (n ? n : 1) * sizeof(*b->figs));
	b->nfigs = n;
	return b;
}

struct doc_block *
doc_table(struct doc *d, struct doc_section *s, size_t ncols, size_t nrows)
{
	struct doc_block *b = block(d, s, DOC_TABLE);
	size_t c;

	assert(ncols > 0);
	b->tab.ncols = ncols;
	b->tab.nrows = nrows;
	b->tab.col = arena_alloc(d->a, ncols * sizeof(*b->tab.col));
	b->tab.cell = arena_alloc(d->a,
	    (nrows ? nrows : 1) * ncols * sizeof(*b->tab.cell));
	for (c = 0; c < ncols; c++) {
		b->tab.col[c].head = "";
		b->tab.col[c].width = 1;
	}
	return b;
}

struct doc_block *
doc_svg(struct doc *d, struct doc_section *s, const char *svg, size_t len,
    double width, const char *alt)
{
	struct doc_block *b = block(d, s, DOC_SVG);

	b->svg = arena_strndup(d->a, svg, len);
	b->svglen = len;
	b->width = width > 0 && width <= 1 ? width : 1;
	b->alt = doc_str(d, alt);
	return b;
}

struct doc_block *
doc_pagebreak(struct doc *d, struct doc_section *s)
{
	return block(d, s, DOC_PAGEBREAK);
}

struct doc_block *
doc_choices(struct doc *d, struct doc_section *s, const char *num,
    const char *text, size_t n)
{
	struct doc_block *b = block(d, s, DOC_CHOICES);

	b->num = doc_str(d, num);
	b->text = doc_str(d, text);
	b->items = arena_alloc(d->a, (n ? n : 1) * sizeof(*b->items));
	b->nitems = n;
	return b;
}

struct doc_block *
doc_fill(struct doc *d, struct doc_section *s, const char *label,
    double width)
{
	struct doc_block *b = block(d, s, DOC_FILL);

	b->text = doc_str(d, label);
	b->width = width > 0 && width <= 1 ? width : 1;
	return b;
}

void
doc_col(struct doc *d, struct doc_table *t, size_t c, const char *head,
    double width, enum doc_align align)
{
	assert(c < t->ncols);
	t->col[c].head = doc_str(d, head != NULL ? head : "");
	t->col[c].width = width > 0 ? width : 1;
	t->col[c].align = align;
}

void
doc_col_choices(struct doc *d, struct doc_table *t, size_t c,
    const char *const *v, size_t n)
{
	size_t i;

	assert(c < t->ncols);
	t->col[c].choices = arena_alloc(d->a, (n ? n : 1) *
	    sizeof(*t->col[c].choices));
	for (i = 0; i < n; i++)
		t->col[c].choices[i] = doc_str(d, v[i] != NULL ? v[i] : "");
	t->col[c].nchoices = n;
}

struct doc_cell *
doc_cell(struct doc_table *t, size_t r, size_t c)
{
	assert(r < t->nrows && c < t->ncols);
	return &t->cell[r * t->ncols + c];
}

void
doc_set_text(struct doc *d, struct doc_table *t, size_t r, size_t c,
    const char *text)
{
	struct doc_cell *x = doc_cell(t, r, c);

	x->kind = text != NULL ? DOC_CELL_TEXT : DOC_CELL_EMPTY;
	x->text = doc_str(d, text);
}

void
doc_set_num(struct doc_table *t, size_t r, size_t c, double v, int decimals)
{
	struct doc_cell *x = doc_cell(t, r, c);

	x->kind = DOC_CELL_NUM;
	x->num = v;
	x->decimals = decimals < 0 ? 0 : decimals > 3 ? 3 : decimals;
}

void
doc_set_bar(struct doc_table *t, size_t r, size_t c, const int *v, int n)
{
	struct doc_cell *x = doc_cell(t, r, c);
	int k;

	x->kind = DOC_CELL_BAR;
	x->nbar = n < 0 ? 0 : n > DOC_BAR_MAX ? DOC_BAR_MAX : n;
	for (k = 0; k < x->nbar; k++)
		x->bar[k] = v[k] < 0 ? 0 : v[k];
}

void
doc_set_fig(struct doc *d, struct doc_fig *f, const char *label,
    const char *value, bool has_num, double num, int decimals)
{
	f->label = doc_str(d, label);
	f->value = doc_str(d, value);
	f->has_num = has_num;
	f->num = num;
	f->decimals = decimals;
}

void
doc_cover(struct doc *d, size_t n)
{
	d->cover = arena_alloc(d->a, (n ? n : 1) * sizeof(*d->cover));
	d->ncover = n;
}
