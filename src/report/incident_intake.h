/*
 * incident_intake: an incident's intake questionnaire (問診票,
 * content/intake.yaml) — read with its incident, prefilled from the
 * incident and the registers while nothing is saved, read back from a
 * posted form with the questionnaire's rules, and printed as an A4 PDF to
 * send to a help desk or a vendor, with the seven things to have ready
 * before calling and the outside desks of content/desks.yaml (dated).
 *
 * The answers are a set of model/intake.h entries whose keys the
 * questionnaire names:
 *   h.<header>              the header's texts (h.company…)
 *   q.<n>                   question n: "yes" "no" "unsure" for the
 *                           yes/no forms, the words for a text one, the
 *                           options ticked (a list) for a multiple choice
 *   q.<n>.<option>          the words an option with a write-in adds
 *   q.<n>.<sub>             a follow-up's answer: words, a whole number,
 *                           the option chosen, or the options ticked
 *   q.<n>.<sub>.<option>    the words of a follow-up option's write-in
 * The rules (incident_intake_from_form): a follow-up is answered only
 * after a yes; a question asked only after an answer to an earlier one
 * (13 after a yes to 12) is answered only then — anything else is
 * refused with its reason beside the question, nothing dropped without a
 * word.
 *
 * The prefill, made only while no questionnaire is saved for the
 * incident: the company's name and its employee band from its profile;
 * question 5 (what happened so far) from the incident's kind, the moment
 * it was detected, its summary and the systems and assets it names; and
 * question 14 (the companies you work with) from the contacts of the
 * continuity plan kept for hardware, software, the network, lines and
 * backups.  Nothing holds the number of devices or sites: they stay
 * empty.
 */
#ifndef MAMORI_REPORT_INCIDENT_INTAKE_H
#define MAMORI_REPORT_INCIDENT_INTAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/intake.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* Characters of a header field and of an option's write-in. */
#define INTAKE_LINE_MAX		200
/* The largest number a follow-up takes. */
#define INTAKE_NUMBER_MAX	1000000L

/* Who reads, and when. */
struct incident_intake_in {
	const struct content	*ct;
	enum lang		 lang;
	const char		*org;	/* the organisation's name */
	int64_t			 now;	/* the date on the PDF */
};

/* One incident's questionnaire as read. */
struct incident_intake_view {
	struct register_row	 inc;	/* the incident */
	bool			 saved;	/* a questionnaire is stored */
	struct register_row	 row;	/* its row of incident_intake, when
					   saved */
	/* the stored answers, or (not saved) the prefill */
	struct intake_answers	 ans;
};

/*
 * Read incident id of organisation org, and its questionnaire or the
 * prefill, through c into *v (memory from a).  REPORT_OK,
 * REPORT_ERR_NOT_FOUND (no such incident in org) or REPORT_ERR_DB.
 */
int	incident_intake_read(struct db_conn *c, struct arena *a,
	    const struct incident_intake_in *in, int64_t org, int64_t id,
	    struct incident_intake_view *v);

/* What the prefill reads for one incident besides the incident itself. */
struct incident_intake_facts {
	const char	*employees;	/* the employee band's key, or NULL */
	const char	**vendors;	/* company names, nv of them */
	size_t		 nv;
};

/* The prefill of incident inc for in's organisation with facts f, into
 * *ans (intake_init'ed here, memory from a). */
void	incident_intake_prefill(const struct incident_intake_in *in,
	    const struct register_row *inc,
	    const struct incident_intake_facts *f, struct arena *a,
	    struct intake_answers *ans);

/* A refusal: the interface text of key with the numbers a and b. */
struct incident_intake_err {
	const char	*key;	/* ui key ("intake.err.not_asked"…), NULL:
				   none */
	long		 a, b;
};

/* The refusals of a posted form: [n] for question n (1…22), [0] unused;
 * header[h] for the header's fields. */
struct incident_intake_errs {
	size_t				n;
	struct incident_intake_err	q[INC_QUESTIONS + 1];
	struct incident_intake_err	header[INC_H__MAX];
};

/*
 * Read a posted questionnaire: get(arg, name) gives the form field name
 * (NULL when absent).  Form names are the answers' keys, except that an
 * option ticked of a multiple choice posts "pick.<key>.<option>" (any
 * value).  Texts are trimmed, their line breaks made LF.  Every answer
 * is read into *ans (intake_init'ed here, memory from a) as posted,
 * refused ones too, so the form shows them again; the refusals go into
 * errs.  Returns errs->n.
 */
size_t	incident_intake_from_form(const struct intake_pack *ip,
	    const char *(*get)(void *arg, const char *name), void *arg,
	    struct arena *a, struct intake_answers *ans,
	    struct incident_intake_errs *errs);

/* True when question q (1…22) is asked given ans: always, or when its
 * earlier question was answered as it asks. */
bool	incident_intake_asked(const struct intake_pack *ip,
	    const struct intake_answers *ans, int q);

/* The answer to question q (1…22) as one text in language l: the
 * answer, the options' labels, the write-ins and the follow-ups, one a
 * line; NULL when unanswered.  In a. */
const char *incident_intake_answer(const struct content *ct, enum lang l,
	    const struct intake_answers *ans, int q, struct arena *a);

/* The questionnaire of v as an A4 PDF into d (memory from a). */
void	incident_intake_build(const struct incident_intake_in *in,
	    const struct incident_intake_view *v, struct arena *a,
	    struct doc *d);

/* Read incident id of org with its questionnaire and append the PDF to
 * out (the only format: REPORT_ERR_VIEW for another).  REPORT_OK or < 0
 * with one line in err. */
int	incident_intake_file(struct db_conn *c, struct arena *a,
	    const struct incident_intake_in *in, int64_t org, int64_t id,
	    enum report_format f, struct buf *out, char *err, size_t errlen);

#endif
