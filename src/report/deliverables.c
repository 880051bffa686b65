#include "report/deliverables.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/hearing.h"
#include "render/zipfile.h"
#include "report/final_doc.h"
#include "report/hearing_doc.h"
#include "report/inventory_doc.h"
#include "report/plan_doc.h"
#include "report/policy_doc.h"
#include "report/programme_doc.h"
#include "report/reg_review_doc.h"

/* The zip being made and its README's two lists. */
struct pack {
	const struct deliverables_in	*in;
	struct arena			*a;
	struct zipfile			*z;
	int				 next;		/* the next entry's number */
	struct buf			 have;		/* README: what it holds */
	struct buf			 lack;		/* README: what it lacks */
	char				*err;
	size_t				 errlen;
};

static const char *
U(const struct pack *k, const char *key)
{
	return content_ui(k->in->ct, k->in->lang, key);
}

/* Add the bytes of b as the next numbered entry "NN-<stem>.<ext>",
 * described by what in the README.  REPORT_OK or REPORT_ERR_RENDER. */
static int
put(struct pack *k, const char *stem, const char *ext, const char *what,
    const struct buf *b)
{
	const char *name = arena_printf(k->a, "%02d-%s.%s", k->next++, stem,
	    ext);

	if (zipfile_add(k->z, name, b->p, b->n, k->in->now, k->err,
	    k->errlen) != ZIPFILE_OK)
		return REPORT_ERR_RENDER;
	buf_printf(&k->have, "%-32s %s\r\n", name, what);
	return REPORT_OK;
}

/* Record what (the README's words) as missing, because of why. */
static void
lack(struct pack *k, const char *what, const char *why)
{
	buf_printf(&k->lack, "- %s: %s\r\n", what, U(k, why));
}

/* One made file: rc of its maker, then put(). */
static int
made(struct pack *k, int rc, const char *stem, const char *ext,
    const char *what, struct buf *b)
{
	if (rc == REPORT_OK)
		rc = put(k, stem, ext, what, b);
	buf_reset(b);
	return rc;
}

static int
pack_all(struct db_conn *c, struct pack *k, int64_t org)
{
	const struct deliverables_in *in = k->in;
	struct arena *a = k->a;
	struct final_doc_in fi = {
		in->ct, in->lang, in->org, in->now, in->base_url,
	};
	struct hearing_doc_in hi = { in->ct, in->lang, in->org, in->now };
	struct programme_doc_in pi = { in->ct, in->lang, in->org, in->now };
	struct final_facts *fx = arena_alloc(a, sizeof(*fx));
	struct hearing_pledge *pl;
	struct buf b = BUF_INIT;
	struct doc d;
	size_t i, np, nheld = 0;
	int rc;

	if ((rc = final_doc_read(c, a, &fi, org, fx, k->err, k->errlen)) !=
	    REPORT_OK)
		goto out;

	/* the final report */
	final_doc_build(&fi, fx, a, &d);
	rc = made(k, report_render(&d, REPORT_PDF, &b, k->err, k->errlen),
	    "final-report", "pdf", U(k, "prog.zip.e.final"), &b);
	if (rc != REPORT_OK)
		goto out;

	/* the diagnosis report of the latest closed round */
	if (fx->after.has) {
		struct report_in ri = {
			in->ct, in->lang, org, fx->after.round.id, in->view,
			in->now,
		};

		rc = made(k, report_round(c, a, &ri, REPORT_PDF, &b, k->err,
		    k->errlen), "diagnosis-report", "pdf",
		    U(k, "prog.zip.e.diag_pdf"), &b);
		if (rc == REPORT_OK)
			rc = made(k, report_round(c, a, &ri, REPORT_XLSX, &b,
			    k->err, k->errlen), "diagnosis-report", "xlsx",
			    U(k, "prog.zip.e.diag_xlsx"), &b);
		if (rc != REPORT_OK)
			goto out;
	} else {
		lack(k, U(k, "prog.zip.e.diag_pdf"), "prog.zip.why.no_round");
		lack(k, U(k, "prog.zip.e.diag_xlsx"), "prog.zip.why.no_round");
	}

	/* the basic policy, its latest approved version */
	if (fx->has_policy) {
		rc = made(k, report_policy_pdf(in->ct, &fx->policy, &b, k->err,
		    k->errlen), "basic-policy", "pdf",
		    U(k, "prog.zip.e.policy"), &b);
		if (rc != REPORT_OK)
			goto out;
	} else
		lack(k, U(k, "prog.zip.e.policy"), "prog.zip.why.no_policy");

	/* the regulations review and the plan, as the office's sheets */
	{
		struct reg_review_doc_in ri = { 0 };
		struct plan_doc_in pn = { 0 };

		ri.ct = pn.ct = in->ct;
		ri.lang = pn.lang = in->lang;
		ri.org = pn.org = in->org;
		ri.now = pn.now = in->now;
		rc = made(k, reg_review_doc_file(c, a, &ri, org, REPORT_XLSX,
		    &b, k->err, k->errlen), "regulations-review", "xlsx",
		    U(k, "prog.zip.e.regs"), &b);
		if (rc == REPORT_OK)
			rc = made(k, plan_doc_file(c, a, &pn, org, REPORT_XLSX,
			    &b, k->err, k->errlen), "action-plan", "xlsx",
			    U(k, "prog.zip.e.plan"), &b);
		if (rc != REPORT_OK)
			goto out;
	}

	/* the hearing sheet and the pledges, oldest first */
	rc = made(k, hearing_doc_file(c, a, &hi, org, REPORT_PDF, &b, k->err,
	    k->errlen), "hearing-sheet", "pdf", U(k, "prog.zip.e.hearing_pdf"),
	    &b);
	if (rc == REPORT_OK)
		rc = made(k, hearing_doc_file(c, a, &hi, org, REPORT_XLSX, &b,
		    k->err, k->errlen), "hearing-sheet", "xlsx",
		    U(k, "prog.zip.e.hearing_xlsx"), &b);
	if (rc != REPORT_OK)
		goto out;
	if (hearing_pledges(c, a, org, &pl, &np) != DB_OK) {
		snprintf(k->err, k->errlen, "reading pledges: database error");
		rc = REPORT_ERR_DB;
		goto out;
	}
	for (i = np; i-- > 0;) {
		rc = made(k, hearing_pledge_file_id(c, a, &hi, org, pl[i].id,
		    REPORT_PDF, &b, k->err, k->errlen), arena_printf(a,
		    "pledge-%zu", np - i), "pdf", arena_printf(a, "%s (%s, %s)",
		    U(k, "prog.zip.e.pledge"), pl[i].name, pl[i].date), &b);
		if (rc != REPORT_OK)
			goto out;
	}
	if (np == 0)
		lack(k, U(k, "prog.zip.e.pledge"), "prog.zip.why.no_pledge");

	/* each held visit's implementation report */
	for (i = 0; i < fx->ev.nvisits; i++) {
		const struct engagement_visit *v = &fx->ev.visit[i];

		if (v->held[0] == '\0' || (size_t)v->n > fx->p->nvisits)
			continue;
		nheld++;
		rc = made(k, programme_doc_file(c, a, &pi, org, v->n,
		    REPORT_PDF, &b, k->err, k->errlen), arena_printf(a,
		    "visit-%d-report", v->n), "pdf", arena_printf(a,
		    "%s (%s, %s)", U(k, "prog.zip.e.visit"),
		    fx->p->visit[v->n - 1].title.t[in->lang], v->held), &b);
		if (rc != REPORT_OK)
			goto out;
	}
	if (nheld == 0)
		lack(k, U(k, "prog.zip.e.visit"), "prog.zip.why.no_visit");

	/* the inventories */
	{
		struct inventory_doc_in ii;

		memset(&ii, 0, sizeof(ii));
		ii.ct = in->ct;
		ii.lang = in->lang;
		ii.org = in->org;
		ii.now = in->now;
		rc = made(k, inventory_doc_file(c, a, &ii, org, REPORT_XLSX,
		    &b, k->err, k->errlen), "inventories", "xlsx",
		    U(k, "prog.zip.e.inventories"), &b);
	}
out:
	buf_free(&b);
	return rc;
}

/* "2026-12-04" of t in Japan. */
static const char *
day_jst(struct arena *a, int64_t t)
{
	time_t jst = (time_t)t + 9 * 3600;
	struct tm tm;

	gmtime_r(&jst, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

int
deliverables_zip(struct db_conn *c, struct arena *a,
    const struct deliverables_in *in, int64_t org, struct buf *out,
    char *err, size_t errlen)
{
	struct pack k;
	struct buf readme = BUF_INIT;
	int rc;

	memset(&k, 0, sizeof(k));
	k.in = in;
	k.a = a;
	k.next = 1;
	k.err = err;
	k.errlen = errlen;
	buf_init(&k.have, 0);
	buf_init(&k.lack, 0);
	if ((k.z = zipfile_new(err, errlen)) == NULL) {
		rc = REPORT_ERR_RENDER;
		goto out;
	}
	if ((rc = pack_all(c, &k, org)) != REPORT_OK)
		goto out;
	buf_printf(&readme, "%s\r\n%s — %s %s\r\n\r\n%s:\r\n", U(&k,
	    "prog.zip.readme_title"), in->org, U(&k, "prog.zip.made"),
	    day_jst(a, in->now), U(&k, "prog.zip.contents"));
	buf_add(&readme, k.have.p, k.have.n);
	buf_printf(&readme, "\r\n%s:\r\n", U(&k, "prog.zip.missing"));
	if (k.lack.n == 0)
		buf_printf(&readme, "%s\r\n", U(&k, "prog.zip.missing_none"));
	else
		buf_add(&readme, k.lack.p, k.lack.n);
	if (readme.err || k.have.err || k.lack.err) {
		snprintf(err, errlen, "out of memory");
		rc = REPORT_ERR_RENDER;
		goto out;
	}
	if (zipfile_add(k.z, "README.txt", readme.p, readme.n, in->now, err,
	    errlen) != ZIPFILE_OK) {
		rc = REPORT_ERR_RENDER;
		goto out;
	}
	rc = zipfile_finish(k.z, out, err, errlen) == ZIPFILE_OK ? REPORT_OK :
	    REPORT_ERR_RENDER;
	k.z = NULL;
out:
	zipfile_free(k.z);
	buf_free(&readme);
	buf_free(&k.have);
	buf_free(&k.lack);
	return rc;
}
