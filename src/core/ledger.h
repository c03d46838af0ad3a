/*
 * ledger.h: the asset register as a spreadsheet.  Two layouts: the IPA
 * ledger (the columns of the 情報資産管理台帳 in the IPA risk analysis
 * sheet) and mamori's full layout (every field of struct asset).  Each
 * column has a Japanese and an English header and the other spellings
 * offices use for it.  Here an asset becomes a row of strings and a row of
 * strings becomes an asset, with every problem of a row collected, not
 * just the first.  Pure: reading and writing files is for import/ and
 * export/.
 */
#ifndef MAMORI_CORE_LEDGER_H
#define MAMORI_CORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/asset.h"
#include "core/text.h"
#include "util/error.h"

struct arena;
struct strbuf;

/* The IPA ledger's columns, or all of mamori's; auto only when reading. */
enum ledger_layout { LEDGER_IPA, LEDGER_FULL, LEDGER_AUTO };

/* "ipa", "full", "auto". */
const char *ledger_layout_name(enum ledger_layout l);
int ledger_layout_parse(const char *name, enum ledger_layout *l);

/* The fields a column can hold, in the full layout's order. */
enum ledger_field {
	LEDGER_ID,
	LEDGER_CATEGORY,
	LEDGER_NAME,
	LEDGER_NOTES,
	LEDGER_USERS,
	LEDGER_OWNER,
	LEDGER_DEPARTMENT,
	LEDGER_MEDIUM,
	LEDGER_PERSONAL,
	LEDGER_SENSITIVE,
	LEDGER_MY_NUMBER,
	LEDGER_C,
	LEDGER_I,
	LEDGER_A,
	LEDGER_IMPORTANCE, /* written, never read: it is derived */
	LEDGER_RETENTION,
	LEDGER_REGISTERED,
	LEDGER_LABEL,
	LEDGER_FIELD_COUNT
};

struct ledger_column {
	enum ledger_field field;
	const char *key;	 /* a stable name: "name", "c", "registered" */
	const char *message;	 /* the field's message key, for problems */
	struct text header;	 /* as written */
	const char *aliases[10]; /* other spellings read, NULL-terminated */
	int numeric;		 /* a number cell in a workbook */
	int width;		 /* a column width in Latin characters */
};

/* The column of field f. */
const struct ledger_column *ledger_column(enum ledger_field f);
/*
 * The fields of layout l (IPA or full) in their order; returns how many
 * (at most LEDGER_FIELD_COUNT) and points *fields at them.
 */
size_t ledger_fields(enum ledger_layout l, const enum ledger_field **fields);
/* Returns 1 when field f is a column of layout l (IPA or full). */
int ledger_has_field(enum ledger_layout l, enum ledger_field f);

/* What the organisation's register looks like, to read or write it. */
struct ledger_context {
	/* The method whose C/I/A scale applies. */
	const struct risk_method_def *method;
	/* The shown names of the built-in media (enum medium order). */
	struct text media[MEDIUM_COUNT];
	/* The built-in classification labels, stored by their id. */
	const struct classification_label *builtin_labels;
	size_t builtin_label_count;
	/* The organisation's own labels; none means the built-in ones. */
	const char *const *labels;
	size_t label_count;
	/* YYYY-MM-DD: the registration date of a row that has none. */
	const char *today;
	/* The language of the file written (and of problem arguments). */
	enum lang lang;
};

/*
 * A row of cells for writing, with room for the numbers it formats, so a
 * register of any length is written without allocating per row.
 */
struct ledger_cells {
	const char *cells[LEDGER_FIELD_COUNT];
	size_t count;
	char numbers[LEDGER_FIELD_COUNT][24];
};

/* The header row of layout l in lang: out->count cells. */
void ledger_header(enum ledger_layout l, enum lang lang,
		   struct ledger_cells *out);
/*
 * Asset a as a row of layout l: media and built-in labels in ctx->lang,
 * personal data 有 / yes or empty, unrated C, I, A and importance empty.
 * The cells borrow from a, ctx and out; valid while they live.
 */
void ledger_row(const struct ledger_context *ctx, enum ledger_layout l,
		const struct asset *a, struct ledger_cells *out);

/* A marker for the IPA sheet's group headers (個人情報の種類, 評価値). */
enum { LEDGER_GROUP = LEDGER_FIELD_COUNT };

/*
 * The field a header cell names, LEDGER_GROUP for a group header, or -1.
 * Spaces, full-width forms, case and punctuation such as ・ / （） do
 * not matter.
 */
int ledger_header_field(const char *cell);

enum { LEDGER_HEADER_ROWS = 20, LEDGER_NOTED_MAX = 32 };

/* Where the fields are in a file. */
struct ledger_map {
	enum ledger_layout layout;		/* IPA or full, as read */
	int column[LEDGER_FIELD_COUNT];		/* the file's column, or -1 */
	const char *header[LEDGER_FIELD_COUNT]; /* its header as written */
	size_t header_row; /* the row index of the header */
	size_t data_row;   /* the first row of data */
	/* Columns with a header that names nothing known, skipped. */
	size_t unknown[LEDGER_NOTED_MAX];
	size_t unknown_count;
	/* Known columns the chosen layout does not read (ID under ipa). */
	enum ledger_field outside[LEDGER_FIELD_COUNT];
	size_t outside_count;
};

/*
 * Finds the header among row_count rows, which row(row_ctx, index, &count,
 * &row_no) gives as count cells and the file's row number: the first of
 * the first rows (their row numbers up to
 * LEDGER_HEADER_ROWS) that names at least two known columns; title rows
 * above it are passed over.  When the row below names columns under the
 * header's group headers (the IPA sheet's two-row header: 評価値 over
 * 機密性 完全性 可用性), they are read as well.  layout picks the columns
 * read (auto: full when a column only the full layout has is there).
 * Fails with ERROR_INPUT when no header is found, a column appears twice,
 * 情報資産名称 or 媒体・保存先 is missing, or C, I and A are not all there
 * or all absent.
 */
int ledger_find_header(const char *const *(*row)(void *ctx, size_t index,
						 size_t *count, size_t *row_no),
		       void *row_ctx, size_t row_count,
		       enum ledger_layout layout, struct ledger_map *map,
		       struct error *err);

/* A problem of one cell: where, what was there, and why (a message). */
struct ledger_problem {
	size_t row;	    /* the file's row number */
	const char *column; /* the header as written in the file */
	const char *value;
	const char *key; /* the message key; args as in struct error */
	int argc;
	const char *args[ERROR_ARGS_MAX];
};

enum { LEDGER_PROBLEMS_MAX = 10000 };

/*
 * Every problem found, up to LEDGER_PROBLEMS_MAX kept; beyond that only
 * counted in more.  Strings come from arena.
 */
struct ledger_problems {
	struct arena *arena;
	struct ledger_problem *v;
	size_t count, cap;
	size_t more;
};

void ledger_problems_init(struct ledger_problems *p, struct arena *arena);
void ledger_problems_release(struct ledger_problems *p);
/* Records the problem e (its key and arguments) of a cell. */
void ledger_problem_add(struct ledger_problems *p, size_t row,
			const char *column, const char *value,
			const struct error *e);

/* What ledger_read_row made of a row. */
enum ledger_read { LEDGER_ROW_OK, LEDGER_ROW_BLANK, LEDGER_ROW_BAD };

/*
 * Reads row row_no (cells, count of them) into a as map places the
 * fields: trimmed, full-width digits and letters made half-width where a
 * value is coded (ratings, marks, dates, media, labels), 有 / ○ / 1 /
 * yes … for personal data, media and labels by name in either language,
 * dates as YYYY-MM-DD, YYYY/M/D or an Excel serial number, no date meaning
 * ctx->today.  A line break inside a cell stays one in 備考 and becomes a
 * space elsewhere.  Fields the
 * map lacks are left as a has them.  Strings of a borrow from cells,
 * ctx and arena.  Adds every problem of the row to problems.  A row with
 * nothing in the columns read is LEDGER_ROW_BLANK and left alone.
 */
enum ledger_read ledger_read_row(const struct ledger_context *ctx,
				 const struct ledger_map *map, size_t row_no,
				 const char *const *cells, size_t count,
				 struct arena *arena, struct asset *a,
				 struct ledger_problems *problems);

/*
 * Adds a problem for each ID given to more than one row: ids[k] of row
 * rows[k] (0 for no ID), count of them.
 */
void ledger_check_ids(const struct ledger_map *map, const int64_t *ids,
		      const size_t *rows, size_t count,
		      struct ledger_problems *problems);

/* An asset with nothing in it: unrated, no personal data, empty texts. */
void ledger_asset_init(struct asset *a);

/*
 * Copies into to the fields of from that map reads: an update by the
 * full layout changes the columns the file has and keeps the others.
 */
void ledger_overlay(const struct ledger_map *map, const struct asset *from,
		    struct asset *to);

/*
 * An Excel serial day number (1 is 1900-01-01; Excel's 1900-02-29, 60, is
 * refused; a fraction, the time of day, is dropped) as YYYY-MM-DD in out.
 * Returns 0, or -1 when s is not such a number.
 */
int ledger_serial_date(const char *s, char out[11]);

/*
 * Appends s to out, full-width ASCII forms (U+FF01 … U+FF5E) made
 * half-width, the ideographic space and other white space made a space,
 * and the spaces at either end of what it adds left off.
 */
void ledger_fold(const char *s, struct strbuf *out);

#endif
