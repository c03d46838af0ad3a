/*
 * ledger_io.h: bringing a register file in, shared by both front doors
 * (the import page and `mamori asset import`; the CLI may use web/).  A
 * file becomes a table (import/), its header a map and its rows assets
 * with every problem collected (core/ledger.c); only a file without a
 * problem is written, all of it in the caller's one transaction.
 */
#ifndef MAMORI_WEB_LEDGER_IO_H
#define MAMORI_WEB_LEDGER_IO_H

#include <stddef.h>
#include <stdint.h>

#include "core/ledger.h"
#include "util/arena.h"

struct catalog;
struct error;
struct i18n;
struct import_table;
struct store;

/* The rows read below the header, ready to be written. */
struct ledger_rows {
	struct asset *assets;
	size_t *row_no; /* the file's row of each */
	int64_t *ids;	/* the ID column (0: none) */
	size_t count;
};

/*
 * The organisation's register as the ledger functions need it: the
 * method's scale, the media's names from msgs, the built-in labels from
 * cat and the organisation's own (own, own_count; none: the built-in).
 */
void ledger_io_context(struct ledger_context *ctx, const struct catalog *cat,
		       const struct i18n *msgs,
		       const struct risk_method_def *method,
		       const char *const *own, size_t own_count,
		       const char *today, enum lang lang);

/* Finds the header of t (see ledger_find_header()). */
int ledger_io_header(const struct import_table *t, enum ledger_layout layout,
		     struct ledger_map *map, struct error *err);

/*
 * Reads every row of t below the header into rows (freed with
 * ledger_rows_release()); every problem of every row, and IDs given
 * twice, go to problems.
 */
void ledger_io_read(const struct ledger_context *ctx,
		    const struct import_table *t, const struct ledger_map *map,
		    struct arena *arena, struct ledger_rows *rows,
		    struct ledger_problems *problems);
void ledger_rows_release(struct ledger_rows *rows);

/* How a front door records what the import did, and shows progress. */
struct ledger_sink {
	/* The audit event of one asset ("asset.import"), in the change's
	 * transaction. */
	int (*audit)(void *ctx, int64_t asset_id, const char *before,
		     const char *after, struct error *err);
	/* Called after each row; may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *ctx;
};

struct ledger_counts {
	size_t added, updated, same;
	size_t failed_row; /* the file's row that failed, or 0 */
};

/*
 * Writes rows inside the caller's transaction: a row whose ID is one of
 * org_id's live assets updates it (the columns map reads), any other row
 * is added; an update that changes nothing is counted in same and not
 * written.  Each asset is checked again against def and the labels (the
 * method may have changed since the rows were read) and gets its audit
 * event through sink.  On failure counts->failed_row names the row.
 */
int ledger_io_write(struct store *store, int64_t org_id,
		    const struct risk_method_def *def,
		    const char *const *labels, size_t label_count,
		    const struct ledger_map *map, struct ledger_rows *rows,
		    int64_t now, const struct ledger_sink *sink,
		    struct ledger_counts *counts, struct error *err);

/*
 * A file read and checked against org_id's register, as the import page
 * and its job need it: the method in force (the open assessment's, or
 * the IPA scale before the first), the labels allowed, the table, its
 * header and its rows with every problem.
 */
struct ledger_import {
	struct arena arena;
	struct import_table *table;
	struct ledger_map map;
	struct ledger_context ctx;
	struct ledger_rows rows;
	struct ledger_problems problems;
	const struct risk_method_def *def;
	int method_open;
	const char **labels; /* allowed: the organisation's, or built-in ids */
	size_t label_count;
};

/*
 * Reads and checks the len bytes of data (sheet NULL: the first).  -1
 * with err when the file cannot be read as a register at all (not a
 * table, no header); rows with problems are not an error: see
 * li->problems.  Release li with ledger_import_release() either way.
 */
int ledger_import_prepare(struct ledger_import *li, struct store *store,
			  const struct catalog *cat, const struct i18n *msgs,
			  int64_t org_id, const char *data, size_t len,
			  const char *sheet, enum ledger_layout layout,
			  const char *today, enum lang lang, struct error *err);
void ledger_import_release(struct ledger_import *li);

#endif
