#include "report/exercise_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/bcp.h"

static const char *
U(const struct content *ct, enum lang l, const char *key)
{
	return content_ui(ct, l, key);
}

/* text with each "{name}" replaced by its value: the arguments after
 * text are name, value pairs, NULL-terminated.  In a. */
static const char *
named(struct arena *a, const char *text, ...) __attribute__((sentinel));

static const char *
named(struct arena *a, const char *text, ...)
{
	struct buf b = BUF_INIT;
	const char *p, *out;
	va_list ap;

	for (p = text; *p != '\0'; p++) {
		const char *name, *val;
		size_t n;

		if (*p != '{') {
			buf_addc(&b, *p);
			continue;
		}
		va_start(ap, text);
		while ((name = va_arg(ap, const char *)) != NULL) {
			val = va_arg(ap, const char *);
			n = strlen(name);
			if (strncmp(p + 1, name, n) == 0 && p[n + 1] == '}') {
				buf_add(&b, val, strlen(val));
				p += n + 1;
				break;
			}
		}
		va_end(ap);
		if (name == NULL)
			buf_addc(&b, *p);
	}
	out = arena_strndup(a, buf_cstr(&b), b.n);
	buf_free(&b);
	return out;
}

/* Field key of register k, or -1. */
static int
fld(enum register_kind k, const char *key)
{
	return register_field(register_of(k), key);
}

/* Text of field f of row, or "" (unset, or no such field). */
static const char *
text_of(const struct register_row *row, int f)
{
	return f >= 0 && row->v[f].set ? row->v[f].s : "";
}

/* A list being joined: its items, at most EXERCISE_DOC_NAMES, then
 * "and N more". */
struct joined {
	struct buf	 b;
	size_t		 n;
};

static void
join_add(const struct content *ct, enum lang l, struct joined *j,
    const char *item)
{
	if (item == NULL || item[0] == '\0')
		return;
	if (j->n < EXERCISE_DOC_NAMES) {
		if (j->n > 0)
			buf_addstr(&j->b, str_c(U(ct, l, "exercise.sep")));
		buf_addstr(&j->b, str_c(item));
	}
	j->n++;
}

/* The list joined, or NULL when it has nothing (in a). */
static const char *
join_end(const struct content *ct, enum lang l, struct joined *j,
    struct arena *a)
{
	const char *out = NULL;

	if (j->n > EXERCISE_DOC_NAMES)
		buf_addstr(&j->b, str_c(content_ui_n(ct, l, "exercise.more",
		    (long)(j->n - EXERCISE_DOC_NAMES), 0, a)));
	if (j->n > 0)
		out = arena_strndup(a, buf_cstr(&j->b), j->b.n);
	buf_free(&j->b);
	return out;
}

/* A text on one line: its line breaks become spaces (in a). */
static const char *
one_line(const char *s, struct arena *a)
{
	char *t = arena_strdup(a, s), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return t;
}

/* The processes of priority pri: their names, or with their
 * workarounds ("受注：電話で受ける"). */
static const char *
processes_of(const struct content *ct, enum lang l, const struct bcp_all *x,
    enum bcp_priority pri, bool workarounds, struct arena *a)
{
	int fn = fld(REGISTER_PROCESSES, "name"),
	    fp = fld(REGISTER_PROCESSES, "priority"),
	    fw = fld(REGISTER_PROCESSES, "workaround");
	struct joined j = { BUF_INIT, 0 };
	size_t i;

	for (i = 0; i < x->np; i++) {
		const struct register_row *row = &x->proc[i];

		if (!row->v[fp].set || row->v[fp].i != (int64_t)pri)
			continue;
		if (!workarounds)
			join_add(ct, l, &j, text_of(row, fn));
		else if (row->v[fw].set)
			join_add(ct, l, &j, named(a, U(ct, l,
			    "exercise.workaround"), "name", text_of(row, fn),
			    "how", one_line(row->v[fw].s, a), NULL));
	}
	return join_end(ct, l, &j, a);
}

/* The target recovery time of priority pri under the organisation's
 * table: "4時間"; NULL when the table has none, or when the organisation
 * has said nothing at all (no table chosen, no process entered: the
 * first example table then speaks for no one). */
static const char *
rto_of(const struct content *ct, enum lang l, const struct bcp_all *x,
    enum bcp_priority pri, struct arena *a)
{
	int h = bcp_rto_hours(&x->s, pri);

	if (h < 0 || (x->set.rev == 0 && x->np == 0))
		return NULL;
	if (h == 0)
		return U(ct, l, "exercise.hours_zero");
	return content_ui_n(ct, l, h == 1 ? "exercise.hours_one" :
	    "exercise.hours", h, 0, a);
}

/* The systems: all with their 3-2-1 state (which 0), those with a copy
 * both offline and off-site (1), those whose restore is not known to
 * work (2). */
static const char *
systems_of(const struct content *ct, enum lang l, const struct bcp_all *x,
    int which, struct arena *a)
{
	static const char *const miss[] = { "bcp.miss.copies",
	    "bcp.miss.media", "bcp.miss.offline_offsite" };
	const unsigned untested = BCP_W_NEVER_TESTED | BCP_W_TEST_OLD |
	    BCP_W_TEST_FAILED;
	int fn = fld(REGISTER_SYSTEMS, "name");
	struct joined j = { BUF_INIT, 0 };
	size_t i, k;

	for (i = 0; i < x->ns; i++) {
		const struct bcp_sys_view *v = &x->view[i];
		const char *name = text_of(&x->sys[i], fn);

		if (which == 1 && v->st.backup.offline_offsite > 0)
			join_add(ct, l, &j, name);
		else if (which == 2 && (v->warn & untested) != 0)
			join_add(ct, l, &j, name);
		else if (which == 0) {
			struct buf s = BUF_INIT;

			for (k = 0; k < 3; k++)
				if (v->miss & (1u << k)) {
					if (s.n > 0)
						buf_addstr(&s, str_c(U(ct,
						    l, "exercise.sep")));
					buf_addstr(&s, str_c(U(ct, l, miss[k])));
				}
			join_add(ct, l, &j, named(a, U(ct, l, v->miss == 0 ?
			    "exercise.sys_ok" : "exercise.sys_short"), "name",
			    name, "short", buf_cstr(&s), NULL));
			buf_free(&s);
		}
	}
	return join_end(ct, l, &j, a);
}

/* The owners and contacts of damaged target t: "総務 山田（○○電力
 * 0120-…）". */
static const char *
contacts_of(const struct content *ct, enum lang l, const struct bcp_all *x,
    enum bcp_target t, struct arena *a)
{
	static const char *const parts[] = { "company", "person", "phone" };
	int ft = fld(REGISTER_CONTACTS, "target"),
	    fo = fld(REGISTER_CONTACTS, "owner");
	struct joined j = { BUF_INIT, 0 };
	size_t i, k;

	for (i = 0; i < x->nc; i++) {
		const struct register_row *row = &x->con[i];
		struct buf who = BUF_INIT;

		if (!row->v[ft].set || row->v[ft].i != (int64_t)t)
			continue;
		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			const char *s = text_of(row, fld(REGISTER_CONTACTS,
			    parts[k]));

			if (s[0] == '\0')
				continue;
			if (who.n > 0)
				buf_addc(&who, ' ');
			buf_addstr(&who, str_c(s));
		}
		join_add(ct, l, &j, who.n == 0 ? text_of(row, fo) : named(a,
		    U(ct, l, "exercise.contact"), "owner", text_of(row, fo),
		    "who", buf_cstr(&who), NULL));
		buf_free(&who);
	}
	return join_end(ct, l, &j, a);
}

_Static_assert(EXPH_CONTACTS_OTHER - EXPH_CONTACTS_POWER + 1 ==
    BCP_TARGET__MAX, "a contact placeholder for every damaged target");

void
exercise_doc_values(const struct content *ct, enum lang l, const char *org,
    const struct bcp_all *x, struct arena *a, const char *value[EXPH__MAX])
{
	int k;

	memset(value, 0, EXPH__MAX * sizeof(*value));
	value[EXPH_COMPANY] = org != NULL && org[0] != '\0' ? org : NULL;
	value[EXPH_S_PROCESSES] = processes_of(ct, l, x, BCP_S, false, a);
	value[EXPH_A_PROCESSES] = processes_of(ct, l, x, BCP_A, false, a);
	value[EXPH_RTO_S] = rto_of(ct, l, x, BCP_S, a);
	value[EXPH_RTO_A] = rto_of(ct, l, x, BCP_A, a);
	value[EXPH_S_WORKAROUNDS] = processes_of(ct, l, x, BCP_S, true, a);
	value[EXPH_BACKUP_SYSTEMS] = systems_of(ct, l, x, 0, a);
	value[EXPH_OFFLINE_SYSTEMS] = systems_of(ct, l, x, 1, a);
	value[EXPH_UNTESTED_SYSTEMS] = systems_of(ct, l, x, 2, a);
	for (k = 0; k < BCP_TARGET__MAX; k++)
		value[EXPH_CONTACTS_POWER + k] = contacts_of(ct, l, x,
		    (enum bcp_target)k, a);
	for (k = 0; k < EXPH__MAX; k++)
		if (value[k] == NULL)
			value[k] = U(ct, l, arena_printf(a, "exercise.ph.%s",
			    exercise_ph_key((enum exercise_ph)k)));
}

int
exercise_doc_read(struct db_conn *c, struct arena *a,
    const struct exercise_doc_in *in, int64_t org, int64_t id,
    struct exercise_view *v)
{
	const struct register_decl *d = register_of(REGISTER_EXERCISES);
	const struct register_env *e = &in->ct->regenv;
	struct register_row *plan;
	struct bcp_all x;
	const char *src;
	size_t n, i;
	int rc, fs = fld(REGISTER_PLAN, "source");

	memset(v, 0, sizeof(*v));
	rc = register_get(c, e, d, org, id, a, &v->row);
	if (rc == DB_DONE)
		return REPORT_ERR_NOT_FOUND;
	if (rc != DB_ROW)
		return REPORT_ERR_DB;
	if (bcpflow_read(c, e, org, in->now, a, &x) != DB_OK ||
	    register_list(c, e, register_of(REGISTER_PLAN), org, a, &plan,
	    &n) != DB_OK)
		return REPORT_ERR_DB;
	v->sc = exercise_find(in->ct, text_of(&v->row, register_field(d,
	    "scenario")));
	i = (size_t)register_field(d, "status");
	v->status = v->row.v[i].set && v->row.v[i].i >= 0 &&
	    v->row.v[i].i < EXS__MAX ? (int)v->row.v[i].i : -1;
	v->held_on = text_of(&v->row, register_field(d, "held_on"));
	v->facilitator = text_of(&v->row, register_field(d, "facilitator"));
	v->decisions_text = text_of(&v->row, register_field(d, "decisions"));
	v->followups_text = text_of(&v->row, register_field(d, "followups"));
	/* the engine's check keeps the stored answers readable */
	(void)exercise_answers_read(text_of(&v->row, register_field(d,
	    "answers")), &v->ans, a);
	v->np = exercise_lines(text_of(&v->row, register_field(d,
	    "participants")), a, &v->participants);
	v->nd = exercise_lines(v->decisions_text, a, &v->decisions);
	v->nf = exercise_lines(v->followups_text, a, &v->followups);
	src = exercise_source((long long)id, a);
	v->plan = arena_alloc(a, (n + 1) * sizeof(*v->plan));
	for (i = 0; i < n; i++)
		if (plan[i].v[fs].set && strcmp(plan[i].v[fs].s, src) == 0)
			v->plan[v->nplan++] = plan[i];
	exercise_doc_values(in->ct, in->lang, in->org, &x, a, v->value);
	return REPORT_OK;
}

/* A content text in the reader's language with the placeholders
 * filled. */
static const char *
filled(const struct exercise_doc_in *in, const struct exercise_view *v,
    const struct tr *t, struct arena *a)
{
	return exercise_fill(t->t[in->lang], v->value, a);
}

/* A list block of items[0..n). */
static void
list_of(struct doc *d, struct doc_section *s, const char *const *items,
    size_t n)
{
	struct doc_block *b = doc_list(d, s, n, false);
	size_t i;

	for (i = 0; i < n; i++)
		b->items[i] = doc_str(d, items[i]);
}

/* The plan rows the exercise started: measure, status, owner, deadline. */
static void
plan_table(const struct exercise_doc_in *in, const struct exercise_view *v,
    struct arena *a, struct doc *d, struct doc_section *s)
{
	static const char *const cols[] = { "measure", "status", "owner",
	    "deadline" };
	static const double width[] = { 50, 12, 14, 10 };
	const struct register_decl *pl = register_of(REGISTER_PLAN);
	struct doc_block *b = doc_table(d, s, 4, v->nplan);
	size_t r, c;

	for (c = 0; c < 4; c++)
		doc_col(d, &b->tab, c, U(in->ct, in->lang, arena_printf(a,
		    "reg.plan.f.%s", cols[c])), width[c], DOC_LEFT);
	for (r = 0; r < v->nplan; r++)
		for (c = 0; c < 4; c++) {
			int f = register_field(pl, cols[c]);
			const struct register_val *val = &v->plan[r].v[f];

			if (!val->set)
				continue;
			doc_set_text(d, &b->tab, r, c, pl->f[f].type ==
			    RF_ENUM ? register_label(&in->ct->regenv, &pl->f[f],
			    val, (int)in->lang) : val->s);
		}
}

void
exercise_doc_build(const struct exercise_doc_in *in,
    const struct exercise_view *v, struct arena *a, struct doc *d)
{
	const struct content *ct = in->ct;
	const struct register_decl *ed = register_of(REGISTER_EXERCISES);
	enum lang l = in->lang;
	const struct exercise_scenario *sc = v->sc;
	struct doc_section *s;
	size_t i, q, k = 0;
	int fs = register_field(ed, "status");

	doc_init(d, a, lang_key(l), U(ct, l, "exercise.record_title"));
	d->subtitle = report_dated(d, in->org, in->now);
	d->footer = doc_printf(d, "%s — %s", in->org, U(ct, l,
	    "exercise.record_title"));
	doc_cover(d, 5);
	doc_set_fig(d, &d->cover[k++], U(ct, l, "reg.exercises.f.scenario"),
	    sc != NULL ? filled(in, v, &sc->title, a) : text_of(&v->row,
	    register_field(ed, "scenario")), false, 0, 0);
	doc_set_fig(d, &d->cover[k++], U(ct, l, "reg.exercises.f.held_on"),
	    v->held_on[0] != '\0' ? v->held_on : U(ct, l, "exercise.blank"),
	    false, 0, 0);
	doc_set_fig(d, &d->cover[k++], U(ct, l,
	    "reg.exercises.f.facilitator"), v->facilitator[0] != '\0' ?
	    v->facilitator : U(ct, l, "exercise.blank"), false, 0, 0);
	doc_set_fig(d, &d->cover[k++], U(ct, l, "reg.exercises.f.status"),
	    v->status >= 0 ? register_label(&ct->regenv, &ed->f[fs],
	    &v->row.v[fs], (int)l) : U(ct, l, "exercise.blank"), false, 0, 0);
	doc_set_fig(d, &d->cover[k++], U(ct, l, "exercise.answered"),
	    content_ui_n(ct, l, "exercise.answered_n",
	    (long)exercise_answers_count(&v->ans), 0, a), true,
	    (double)exercise_answers_count(&v->ans), 0);

	s = doc_section(d, U(ct, l, "exercise.rec_people"), NULL, false);
	if (v->np > 0)
		list_of(d, s, v->participants, v->np);
	else
		doc_note(d, s, U(ct, l, "exercise.none"));

	if (sc == NULL) {
		s = doc_section(d, U(ct, l, "exercise.rec_scenario"), NULL,
		    false);
		doc_note(d, s, U(ct, l, "exercise.gone"));
	} else {
		s = doc_section(d, filled(in, v, &sc->title, a), NULL, false);
		doc_text(d, s, filled(in, v, &sc->summary, a));
		doc_heading(d, s, 2, U(ct, l, "exercise.setting"));
		doc_text(d, s, filled(in, v, &sc->setting, a));
		for (i = 0; i < sc->ninjects; i++) {
			const struct exercise_inject *ij = &sc->inject[i];

			doc_heading(d, s, 2, doc_printf(d, "%zu. %s", i + 1,
			    filled(in, v, &ij->at, a)));
			doc_text(d, s, filled(in, v, &ij->what, a));
			for (q = 0; q < ij->nq; q++) {
				const char *ans = v->ans.text[i][q];

				doc_heading(d, s, 3, named(a, U(ct, l,
				    "exercise.q_no"), "n", doc_printf(d, "%zu",
				    q + 1), "q", filled(in, v, &ij->q[q], a),
				    NULL));
				if (ans != NULL)
					doc_text(d, s, ans);
				else
					doc_note(d, s, U(ct, l,
					    "exercise.no_answer"));
			}
		}
	}

	s = doc_section(d, U(ct, l, "reg.exercises.f.decisions"), NULL, false);
	if (v->nd > 0)
		list_of(d, s, v->decisions, v->nd);
	else
		doc_note(d, s, U(ct, l, "exercise.none"));

	s = doc_section(d, U(ct, l, "exercise.closing_title"), NULL, false);
	doc_text(d, s, U(ct, l, "exercise.closing"));
	if (v->nf > 0)
		list_of(d, s, v->followups, v->nf);
	else
		doc_note(d, s, U(ct, l, "exercise.none"));
	if (v->nplan > 0) {
		doc_heading(d, s, 2, U(ct, l, "exercise.rec_plan"));
		plan_table(in, v, a, d, s);
	}
	doc_note(d, s, named(a, U(ct, l, "exercise.rec_note"), "date",
	    report_dated(d, in->org, in->now), NULL));
	doc_note(d, s, U(ct, l, "exercise.ours"));
}

int
exercise_doc_file(struct db_conn *c, struct arena *a,
    const struct exercise_doc_in *in, int64_t org, int64_t id,
    enum report_format f, struct buf *out, char *err, size_t errlen)
{
	struct exercise_view *v;
	struct doc d;
	int rc;

	if (f != REPORT_PDF) {
		snprintf(err, errlen, "the exercise record comes as pdf");
		return REPORT_ERR_VIEW;
	}
	v = arena_alloc(a, sizeof(*v));
	if ((rc = exercise_doc_read(c, a, in, org, id, v)) != REPORT_OK) {
		snprintf(err, errlen, "exercise %lld: %s", (long long)id,
		    rc == REPORT_ERR_NOT_FOUND ? "not found" :
		    "database error");
		return rc;
	}
	exercise_doc_build(in, v, a, &d);
	return report_render(&d, f, out, err, errlen);
}
