#include "report/register_doc.h"

#include <time.h>

#include "base/esc.h"
#include "base/str.h"

const char *
report_register_label(const struct content *ct, enum lang l,
    const struct register_decl *d, size_t i, struct arena *a)
{
	return content_ui(ct, l, arena_printf(a, "reg.%s.f.%s", d->key,
	    d->f[i].key));
}

/* Row k of what in holds, in its order. */
static const struct register_row *
nth(const struct report_reg_in *in, size_t k)
{
	return &in->rows[in->ix != NULL ? in->ix[k] : k];
}

/* A value in words: enum labels, booleans yes/no, the rest as stored. */
static const char *
words(const struct report_reg_in *in, size_t i,
    const struct register_val *v, struct arena *a)
{
	const struct rf_decl *f = &in->d->f[i];

	if (!v->set)
		return "";
	if (f->type == RF_ENUM)
		return register_label(&in->ct->regenv, f, v, (int)in->lang);
	if (f->type == RF_BOOL)
		return content_ui(in->ct, in->lang, v->i ? "form.yes" :
		    "form.no");
	return register_text(f, v, a);
}

void
report_register_csv(const struct report_reg_in *in, bool labels,
    struct arena *a, struct buf *out)
{
	const struct register_decl *d = in->d;
	size_t i, k;

	buf_adds(out, "\xef\xbb\xbf");
	for (i = 0; i < d->nf; i++) {
		if (i > 0)
			buf_addc(out, ',');
		esc_csv(out, str_c(labels ? report_register_label(in->ct,
		    in->lang, d, i, a) : d->f[i].key));
	}
	buf_adds(out, "\r\n");
	for (k = 0; k < in->n; k++) {
		const struct register_row *row = nth(in, k);

		for (i = 0; i < d->nf; i++) {
			if (i > 0)
				buf_addc(out, ',');
			esc_csv(out, str_c(labels ? words(in, i, &row->v[i], a) :
			    register_text(&d->f[i], &row->v[i], a)));
		}
		buf_adds(out, "\r\n");
	}
}

/* A column's width in characters in the workbook. */
static double
col_width(const struct rf_decl *f)
{
	switch (f->type) {
	case RF_INT:
	case RF_BOOL:
		return 9;
	case RF_DATE:
	case RF_MONTH:
		return 12;
	case RF_ENUM:
		return 18;
	case RF_LONG:
		return 40;
	default:
		return f->max > 0 && f->max <= 40 ? 18 : 26;
	}
}

void
report_register_doc(const struct report_reg_in *in, struct arena *a,
    struct doc *d)
{
	const struct register_decl *rd = in->d;
	const char *title = content_ui(in->ct, in->lang,
	    arena_printf(a, "reg.%s.title", rd->key));
	time_t jst = (time_t)in->now + 9 * 3600;
	struct doc_section *s;
	struct doc_block *b;
	struct tm tm;
	size_t i, k;

	gmtime_r(&jst, &tm);
	doc_init(d, a, lang_key(in->lang), title);
	d->subtitle = doc_printf(d, "%s — %04d-%02d-%02d", in->org,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	s = doc_section(d, NULL, title, false);
	b = doc_table(d, s, rd->nf, in->n);
	for (i = 0; i < rd->nf; i++)
		doc_col(d, &b->tab, i, report_register_label(in->ct, in->lang,
		    rd, i, a), col_width(&rd->f[i]), rd->f[i].type == RF_INT ?
		    DOC_RIGHT : DOC_LEFT);
	for (k = 0; k < in->n; k++) {
		const struct register_row *row = nth(in, k);

		for (i = 0; i < rd->nf; i++) {
			const struct register_val *v = &row->v[i];

			if (!v->set)
				continue;
			if (rd->f[i].type == RF_INT)
				doc_set_num(&b->tab, k, i, (double)v->i, 0);
			else if (rd->f[i].type == RF_REF && v->s[0] != '\0')
				/* a person reads the row's name; the CSV keeps
				 * the id, which the import reads back */
				doc_set_text(d, &b->tab, k, i, v->s);
			else
				doc_set_text(d, &b->tab, k, i,
				    words(in, i, v, a));
		}
	}
}
