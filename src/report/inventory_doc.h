/*
 * inventory_doc: the inventories as the workbook advisors use (SEEDFACTS
 * §6.7): one sheet per inventory in the seed's column order — users and
 * their access with the devices under their places (two header rows),
 * devices, shared folders and outside services with one column per
 * person holding the legend's marks, IP addresses — each with a legend
 * row under it.  No password column, ever.
 */
#ifndef MAMORI_REPORT_INVENTORY_DOC_H
#define MAMORI_REPORT_INVENTORY_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/content.h"
#include "db/db.h"
#include "model/register.h"
#include "render/doc.h"
#include "report/report.h"

/* The five inventories, in this order everywhere (pages, sheets). */
enum inv_list { INVL_PEOPLE, INVL_DEVICES, INVL_SHARES, INVL_SERVICES,
	INVL_ADDRESSES, INVL__MAX };

/* The register of each inventory. */
extern const enum register_kind inventory_doc_kind[INVL__MAX];

/* What to write: each inventory's rows in the order shown. */
struct inventory_doc_in {
	const struct content		*ct;	/* labels and key sets */
	enum lang			 lang;	/* the reader's language */
	const struct register_row	*const *rows[INVL__MAX];
	size_t				 n[INVL__MAX];
	const char			*org;	/* the organisation's name */
	int64_t				 now;	/* the date on the sheets */
};

/* The workbook of in into d; memory from a, read-only after. */
void	inventory_doc_build(const struct inventory_doc_in *in,
	    struct arena *a, struct doc *d);
/*
 * Read the five inventories of org through c into in (rows in the order
 * the register pages show them; memory from a) and append the workbook
 * to out (f must be xlsx: REPORT_ERR_VIEW otherwise).  REPORT_OK or < 0
 * with one line in err.
 */
int	inventory_doc_file(struct db_conn *c, struct arena *a,
	    struct inventory_doc_in *in, int64_t org, enum report_format f,
	    struct buf *out, char *err, size_t errlen);

#endif
