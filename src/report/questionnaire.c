#include "report/questionnaire.h"

#include <stdlib.h>
#include <string.h>

#include "model/diag.h"
#include "model/org.h"
#include "model/policy.h"
#include "model/round.h"
#include "render/html.h"
#include "render/pdf.h"
#include "render/qr.h"
#include "report/report.h"

#define QR_WIDTH	0.24	/* of the text width: about 42 mm, an easy scan */

/* The order the answers are printed in, as the pages show them. */
static const enum diag_answer answer_order[] = {
	DIAG_YES, DIAG_PARTLY, DIAG_NO, DIAG_UNKNOWN,
};

static const char *
ui(const struct questionnaire_in *in, const char *key)
{
	return content_ui(in->ct, in->lang, key);
}

static bool
filled(const char *s)
{
	return s != NULL && s[0] != '\0';
}

const char *
report_day(struct arena *a, const char *date, enum lang l)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	static const char *const wd_ja[7] = { "日", "月", "火", "水", "木",
	    "金", "土" };
	static const char *const wd_en[7] = { "Sunday", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday" };
	static const int shift[12] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y, m, d, yy, w;

	if (!policy_date_ok(date))
		return NULL;
	y = atoi(date);
	m = atoi(date + 5);
	d = atoi(date + 8);
	/* the day of the week (Sakamoto's rule; 0 = Sunday) */
	yy = m < 3 ? y - 1 : y;
	w = (yy + yy / 4 - yy / 100 + yy / 400 + shift[m - 1] + d) % 7;
	if (l == LANG_JA)
		return arena_printf(a, "%d年%d月%d日（%s）", y, m, d, wd_ja[w]);
	return arena_printf(a, "%s %d %s %d", wd_en[w], d, months[m - 1], y);
}

int
report_questionnaire_in(struct db_conn *c, struct arena *a, int64_t org_id,
    int64_t round_id, const char *base, const unsigned char *secret,
    struct questionnaire_in *in)
{
	char tok[LINK_TOKEN_MAX + 1];
	struct round r;
	struct org o;
	int rc;

	rc = org_id > 0 ? round_get(c, a, round_id, org_id, &r) :
	    round_find(c, a, round_id, &r);
	if (rc == DB_DONE)
		return REPORT_ERR_NOT_FOUND;
	if (rc != 0)
		return REPORT_ERR_DB;
	rc = org_get(c, a, r.org_id, &o);
	if (rc != 0 && rc != DB_DONE)
		return REPORT_ERR_DB;
	in->org_name = rc == 0 ? o.name : NULL;
	in->round_title = r.title;
	in->deadline = r.deadline;
	link_token(secret, LINK_SHARED, r.id, tok);
	in->url = arena_printf(a, "%s/s/%s", base, tok);
	return REPORT_OK;
}

/* The link as a QR code and as text, with how to use them. */
static void
online(const struct questionnaire_in *in, struct doc *d,
    struct doc_section *s)
{
	struct buf svg = BUF_INIT;
	struct html h;
	struct doc_block *b;

	doc_heading(d, s, 2, ui(in, "paper.online"));
	doc_text(d, s, ui(in, "paper.online_help"));
	html_init(&h, &svg);
	if (qr_svg(&h, in->url, ui(in, "paper.qr_alt")) == 0 &&
	    html_end(&h) == 0 && !svg.err)
		doc_svg(d, s, svg.p, svg.n, QR_WIDTH, ui(in, "paper.qr_alt"));
	buf_free(&svg);
	b = doc_text(d, s, in->url);
	b->align = DOC_CENTER;
}

void
report_questionnaire_doc(const struct questionnaire_in *in, struct arena *a,
    struct doc *d)
{
	const struct diag_pack *dp = &in->ct->diag;
	enum lang l = in->lang;
	struct doc_section *s;
	struct doc_block *b;
	const char *day = NULL;
	size_t k;
	int part, i, first, last;

	doc_init(d, a, lang_key(l), ui(in, "paper.title"));
	if (filled(in->org_name))
		d->author = doc_str(d, in->org_name);
	d->footer = filled(in->org_name) && filled(in->round_title) ?
	    doc_printf(d, "%s　%s", in->org_name, in->round_title) :
	    filled(in->org_name) ? doc_str(d, in->org_name) :
	    doc_str(d, in->round_title);
	if (filled(in->deadline))
		day = report_day(a, in->deadline, l);

	s = doc_section(d, ui(in, "paper.title"), NULL, false);
	if (filled(in->org_name))
		doc_heading(d, s, 1, in->org_name);
	doc_text(d, s, doc_printf(d, "%s: %s", ui(in, "paper.round"),
	    filled(in->round_title) ? in->round_title : "—"));
	doc_heading(d, s, 2, doc_printf(d, "%s: %s", ui(in, "paper.deadline"),
	    day != NULL ? day : ui(in, "paper.no_deadline")));
	doc_text(d, s, dp->intro.t[l]);
	if (filled(in->url))
		online(in, d, s);

	doc_heading(d, s, 2, ui(in, "paper.on_paper"));
	doc_text(d, s, ui(in, "paper.how"));
	doc_fill(d, s, ui(in, "resp.name_opt"), 0.75);
	b = doc_choices(d, s, NULL, ui(in, "paper.role_q"), DIAG_ROLE__MAX);
	for (i = 0; i < DIAG_ROLE__MAX; i++)
		b->items[i] = doc_str(d, ui(in, arena_printf(a,
		    "resp.role.%s", diag_role_key((enum diag_role)i))));

	for (part = 0; part < DIAG_PARTS; part++) {
		s = doc_section(d, doc_printf(d, "%s　%s",
		    content_ui_n(in->ct, l, "paper.part", part + 1, 0, a),
		    dp->part_title[part].t[l]), NULL, false);
		first = diag_part_first(part);
		last = first + diag_part_len(part);
		for (i = first; i < last; i++) {
			b = doc_choices(d, s, doc_printf(d, "%d", i + 1),
			    dp->item[i].question.t[l],
			    sizeof(answer_order) / sizeof(answer_order[0]));
			for (k = 0; k < b->nitems; k++)
				b->items[k] = doc_str(d,
				    dp->answer_label[answer_order[k]].t[l]);
		}
	}
}

int
report_questionnaire_pdf(const struct questionnaire_in *in, struct buf *out,
    char *err, size_t errlen)
{
	struct arena a;
	struct doc d;
	int rc;

	arena_init(&a);
	report_questionnaire_doc(in, &a, &d);
	rc = pdf_render(&d, out, err, errlen);
	arena_free(&a);
	return rc == PDF_OK ? REPORT_OK : rc == PDF_ERR_FONT ?
	    REPORT_ERR_FONT : REPORT_ERR_RENDER;
}

void
report_questionnaire_csv(const struct questionnaire_in *in, struct buf *out)
{
	const struct diag_pack *dp = &in->ct->diag;
	size_t k, na = sizeof(answer_order) / sizeof(answer_order[0]);
	int i;

	buf_adds(out, "\xef\xbb\xbf" "name,role");
	for (i = 1; i <= DIAG_ITEMS; i++)
		buf_printf(out, ",q%d", i);
	buf_adds(out, "\r\n");

	/*
	 * The notes go unquoted: a quoted first field is a name, not a note
	 * (model/diag_csv.h).  Whatever commas they hold only split them
	 * into more cells of the same skipped line.
	 */
	buf_printf(out, "# %s ", ui(in, "paper.csv_how"));
	for (k = 0; k < na; k++)
		buf_printf(out, "%s%d=%s", k ? " / " : "",
		    diag_points(answer_order[k]),
		    dp->answer_label[answer_order[k]].t[in->lang]);
	buf_printf(out, "%s\r\n", ui(in, "paper.csv_skip"));

	/* an example, each answer in turn, as a filled line looks */
	buf_printf(out, "#%s %s,%s", ui(in, "paper.csv_example"),
	    ui(in, "paper.csv_example_name"), in->lang == LANG_JA ?
	    ui(in, "resp.role.employee") : diag_role_key(DIAG_ROLE_EMPLOYEE));
	for (i = 0; i < DIAG_ITEMS; i++)
		buf_printf(out, ",%d", diag_points(answer_order[(size_t)i %
		    na]));
	buf_adds(out, "\r\n");
}
