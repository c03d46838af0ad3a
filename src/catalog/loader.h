/*
 * loader.h: the helpers every catalogue file's loader shares: where the
 * row being read is, and checked reads of its fields, so that a bad value
 * is reported naming the file, line, column and value.
 */
#ifndef MAMORI_CATALOG_LOADER_H
#define MAMORI_CATALOG_LOADER_H

#include <stddef.h>

#include "catalog/catalog.h"
#include "catalog/tsv.h"

/* The state of loading one row: where we are, for messages. */
struct loader {
	struct catalog *cat;
	const struct embedded_group *files;
	const struct tsv *tsv;
	const struct tsv_row *row;
	const int *idx; /* column indexes, in the order of the file's spec */
	struct error *err;
};

/* Fails with a message naming file, line, column and the bad value. */
int ld_bad_value(struct loader *ld, int col, const char *key);

/* The field of column col (in the order of the file's spec). */
const char *ld_field(struct loader *ld, int col);

/* A required, non-empty field. */
int ld_need(struct loader *ld, int col, const char **out);

/* A text from the columns col (ja) and col + 1 (en), both required. */
int ld_text(struct loader *ld, int col, struct text *t);

/* An optional text pair: both empty or both present. */
int ld_text_optional(struct loader *ld, int col, struct text *t);

/* A whole number in [min, max]. */
int ld_number(struct loader *ld, int col, int min, int max, int *out);

/* Resolves a space-separated list of ids with find(); fills arr/count. */
int ld_resolve(struct loader *ld, int col,
	       const void *(*find)(const struct catalog *, const char *),
	       const void ***arr, size_t *count);

/* Lookups by id, in the shape ld_resolve() takes. */
const void *ld_find_control(const struct catalog *cat, const char *id);

const void *ld_find_guideline(const struct catalog *cat, const char *id);

const void *ld_find_diagnosis(const struct catalog *cat, const char *id);

const void *ld_find_regulation(const struct catalog *cat, const char *id);

/* Parses file `name`, checks its columns and makes it the current file. */
int ld_load_file(struct loader *ld, const char *name,
		 const char *const *columns, int *idx, struct tsv *t);

/* Fails naming column col when dup (the id repeats an earlier one). */
int ld_unique_id(struct loader *ld, int col, int dup);

/* count zeroed rows of size bytes, owned by the catalogue's arena. */
void *ld_alloc_rows(struct catalog *cat, size_t count, size_t size);

#define RESOLVE(ld, col, find, arr, count) \
	ld_resolve((ld), (col), (find), (const void ***)&(arr), &(count))

/* Iterates the rows of the current file with ld->row set. */
#define FOR_ROWS(ld, t, i)                                                  \
	for ((i) = 0; (i) < (t).row_count && ((ld)->row = &(t).rows[i], 1); \
	     (i)++)

/* The loaders kept in files of their own (catalog_risk.c). */
int catalog_load_risk(struct loader *ld);

#endif
