/*
 * bcp_doc: IT business continuity on paper (issue 13), from what
 * bcpflow_read() read of one organisation at one moment —
 *
 *   the IT-BCP document (A4 portrait PDF, and a workbook with a sheet a
 *   part): the dependency class and what it means; the RTO table in
 *   force; the processes with priority and RTO, S first, and the 3×3
 *   grid of them (a chart and a table saying the same); the systems with
 *   their backups, 3-2-1 in words and their warnings; the two-stage
 *   procedures per system, the provisional sum against the tightest RTO;
 *   owners and contacts per damaged target; the assumed incidents; the
 *   maintenance calendar.  Recovery steps with no owner are listed first,
 *   under "To fix", and marked where they stand: the document is still
 *   made (an incomplete plan in hand beats none in a crisis).
 *
 *   the emergency card (one A4 page, large type), the one card for
 *   everyone (issue 13, and issue 14's incident card is the same card):
 *   the first steps — the malware playbook's first move among them —
 *   and when to hand over to the first responder; whom to tell at each
 *   incident level, with their phone or e-mail (the response structure,
 *   model/incsetup.h); whom to call per damaged target; the S and A
 *   processes with their RTO; the outside desks, dated.  What does not
 *   fit is cut with "…" or counted.
 *
 * The web downloads, the phone page and `mamori export bcp` use these
 * functions and nothing else.  Texts: bcpdoc.* and bcpcard.* in
 * content/i18n/ui.yaml, the rest from content/bcp.yaml and org.yaml.
 */
#ifndef MAMORI_REPORT_BCP_DOC_H
#define MAMORI_REPORT_BCP_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "model/bcpflow.h"
#include "model/incsetup.h"
#include "render/doc.h"
#include "report/report.h"

enum bcp_doc_kind {
	BCP_DOC_PLAN,	/* the IT-BCP document: PDF or XLSX */
	BCP_DOC_CARD,	/* the emergency card: PDF */
	BCP_DOC_KIND__MAX
};

/* What to write. */
struct bcp_doc_in {
	const struct content	*ct;	/* texts and key sets */
	enum lang		 lang;	/* the reader's language */
	const char		*org;	/* the organisation's name (NULL:
					   bcp_doc_file() reads it) */
	const char		*dep_class;	/* matsu, take, ume; NULL or "":
						   not answered */
	int64_t			 now;	/* the date on it; the maintenance
					   calendar counts from it */
	const struct bcp_all	*x;	/* the registers as read
					   (bcp_doc_file() fills it) */
	/* the incident-response structure as read (bcp_doc_file() fills
	 * it); NULL: nobody chosen, the levels' default responders */
	const struct incsetup_all *inc;
};

/* The five recurring maintenance activities (bcp_pack.maintenance). */
#define BCP_MAINT	5

/* Most S and A processes and contacts the card's page holds; the rest
 * are counted in a line that sends to the document. */
#define BCP_CARD_PROCESSES	3
#define BCP_CARD_CONTACTS	3
/* Most outside desks the card's page holds (the phone page has all). */
#define BCP_CARD_DESKS		7
/* Most first steps the card has. */
#define BCP_CARD_FIRST		8

/*
 * The card's first steps in language l into out[0..BCP_CARD_FIRST): ours
 * (bcpcard.first.*: safety, tell at once, keep backup disks away, note
 * what happened), with the malware playbook's first moves of the person
 * who noticed (its finder's steps of the triage phase: off the network,
 * the power left on) in third place.  How many.  The strings outlive the
 * content only.
 */
size_t	 bcp_card_first(const struct content *ct, enum lang l,
	    const char *out[BCP_CARD_FIRST]);
/*
 * Whom level k (0…3) goes to under inc (NULL: nobody chosen, the pack's
 * default responders): the role (< INC_STRUCT_ROLES) and its person into
 * *who (NULL when inc is NULL).
 */
enum incident_role bcp_card_level(const struct content *ct,
	    const struct incsetup_all *inc, int k,
	    const struct incsetup_person **who);

/* The processes in recovery order: priority S first, then the shortest
 * RTO (none last), then name and id.  x->np indexes into x->proc, in a. */
size_t	*bcp_doc_order(const struct bcp_all *x, struct arena *a);
/* The systems in recovery order: the tightest RTO of their processes
 * first (none last), then name and id.  x->ns indexes, in a. */
size_t	*bcp_doc_sys_order(const struct bcp_all *x, struct arena *a);
/*
 * The recovery steps of x with no owner, of systems x holds, in the
 * systems' recovery order, then stage, step and id: their indexes into
 * x->rec into *out (in a); how many.
 */
size_t	 bcp_doc_unowned(const struct bcp_all *x, struct arena *a,
	    size_t **out);
/* The S and A processes in recovery order (indexes into x->proc, in a);
 * how many. */
size_t	 bcp_card_processes(const struct bcp_all *x, struct arena *a,
	    size_t **out);
/* The contacts in the order of the damaged targets, then id (indexes
 * into x->con, in a). */
size_t	*bcp_card_contacts(const struct bcp_all *x, struct arena *a);
/*
 * The next date of each maintenance activity, counted from now (its day
 * in Japan), as "YYYY-MM-DD" (ours: carry out on the 1st of next month;
 * inspect on the first day of the next quarter, January, April, July or
 * October; correct by the last day of the month after that inspection;
 * the executive review on the 1st of the month twelve months on;
 * education and exercises on the 1st of the month six months on).
 */
void	 bcp_doc_maint(int64_t now, char next[BCP_MAINT][11]);

/* The IT-BCP document of in (x given) into d; memory from a. */
void	bcp_doc_build(const struct bcp_doc_in *in, struct arena *a,
	    struct doc *d);
/* The emergency card of in (x given) into d: one A4 page. */
void	bcp_card_build(const struct bcp_doc_in *in, struct arena *a,
	    struct doc *d);
/*
 * Read organisation org (its name and class unless in gives them) and its
 * registers through c, then append the document of kind k as format f
 * to out: the plan as PDF or XLSX, the card as PDF.  REPORT_OK, or < 0
 * (enum report_err: REPORT_ERR_NOT_FOUND without such an organisation,
 * REPORT_ERR_VIEW for another format) with one line in err.  Memory from
 * a; in->x and in->org are set.
 */
int	bcp_doc_file(struct db_conn *c, struct arena *a, struct bcp_doc_in *in,
	    int64_t org, enum bcp_doc_kind k, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
