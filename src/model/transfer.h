/*
 * transfer: a whole instance as one JSON document, to move it between
 * engines (SQLite ↔ PostgreSQL) or to back a PostgreSQL instance up:
 *
 *   {"mamori_export": 1, "schema": 2, "tables": [
 *     {"name": "users", "columns": ["id", "email", …],
 *      "rows": [[1, "a@example.jp", …], …]}, …]}
 *
 * Every table and every row, ordered by key, so two exports of the same
 * data are the same bytes whatever the engine.  The instance secret goes
 * with the data, so respondent links keep working after a move.
 */
#ifndef MAMORI_MODEL_TRANSFER_H
#define MAMORI_MODEL_TRANSFER_H

#include <stddef.h>
#include <stdio.h>

#include "db/db.h"

/* Write the document to f, every table as of one moment (one read
 * snapshot while writers go on).  0, or -1 with one line in err. */
int	transfer_export(struct db *db, FILE *f, char *err, size_t errlen);
/*
 * Read the document in f whole and check it is one transfer_import can
 * take into db: this schema, every table, every row of the right width
 * and types.  *rows gets the number of rows.  0, or -1 with one line in
 * err.  Writes nothing.
 */
int	transfer_check(struct db *db, FILE *f, size_t *rows, char *err,
	    size_t errlen);
/*
 * Read a document made by transfer_export (of the same schema version)
 * into db, which must hold no account and no organisation yet.  One
 * transaction: on any error nothing is kept.  *rows gets the number of
 * rows read.  0, or -1 with one line in err.
 */
int	transfer_import(struct db *db, FILE *f, size_t *rows, char *err,
	    size_t errlen);

#endif
