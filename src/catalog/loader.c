/* loader.c: checked reads of catalogue rows, shared by every loader. */
#include "util/compat.h"
#include "catalog/loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"

/* Fails with a message naming file, line, column and the bad value. */
int ld_bad_value(struct loader *ld, int col, const char *key)
{
	char line[32];

	snprintf(line, sizeof(line), "%zu", ld->row->line);
	return error_set(ld->err, ERROR_INPUT, key, ld->tsv->name, line,
			 ld->tsv->columns[ld->idx[col]],
			 ld->row->fields[ld->idx[col]], NULL);
}

const char *ld_field(struct loader *ld, int col)
{
	return ld->row->fields[ld->idx[col]];
}

/* A required, non-empty field. */
int ld_need(struct loader *ld, int col, const char **out)
{
	*out = ld_field(ld, col);
	if (!**out)
		return ld_bad_value(ld, col, "catalog.empty");
	return 0;
}

/* A text from the columns col (ja) and col + 1 (en), both required. */
int ld_text(struct loader *ld, int col, struct text *t)
{
	if (ld_need(ld, col, &t->ja) || ld_need(ld, col + 1, &t->en))
		return -1;
	return 0;
}

/* An optional text pair: both empty or both present. */
int ld_text_optional(struct loader *ld, int col, struct text *t)
{
	t->ja = ld_field(ld, col);
	t->en = ld_field(ld, col + 1);
	if (!*t->ja != !*t->en)
		return ld_bad_value(ld, *t->ja ? col + 1 : col,
				    "catalog.one_lang");
	return 0;
}

int ld_number(struct loader *ld, int col, int min, int max, int *out)
{
	if (parse_int(ld_field(ld, col), min, max, out))
		return ld_bad_value(ld, col, "catalog.bad_number");
	return 0;
}

/* Resolves a space-separated list of ids with find(); fills arr/count. */
int ld_resolve(struct loader *ld, int col,
	       const void *(*find)(const struct catalog *, const char *),
	       const void ***arr, size_t *count)
{
	const char *list = ld_field(ld, col), *p;
	size_t n = 0, cap = 0;
	const void **out = NULL;

	for (p = list; *p;) {
		size_t len;
		char *id;
		const void *target;

		if (*p == ' ') {
			p++;
			continue;
		}
		len = strcspn(p, " ");
		id = arena_memdupz(&ld->cat->arena, p, len);
		target = find(ld->cat, id);
		if (!target) {
			char line[32];

			snprintf(line, sizeof(line), "%zu", ld->row->line);
			free(out);
			return error_set(ld->err, ERROR_INPUT,
					 "catalog.no_target", ld->tsv->name,
					 line, ld->tsv->columns[ld->idx[col]],
					 id, NULL);
		}
		ALLOC_GROW(out, n + 1, cap);
		out[n++] = target;
		p += len;
	}
	*arr = arena_alloc(&ld->cat->arena, st_mult(n, sizeof(**arr)));
	if (n)
		memcpy(*arr, out, n * sizeof(*out));
	*count = n;
	free(out);
	return 0;
}

const void *ld_find_control(const struct catalog *cat, const char *id)
{
	return catalog_control(cat, id);
}

const void *ld_find_guideline(const struct catalog *cat, const char *id)
{
	return catalog_guideline_item(cat, id);
}

const void *ld_find_diagnosis(const struct catalog *cat, const char *id)
{
	int no;

	if (parse_int(id, 1, DIAGNOSIS_ITEMS, &no))
		return NULL;
	return catalog_diagnosis_item(cat, no);
}

const void *ld_find_regulation(const struct catalog *cat, const char *id)
{
	int no;

	if (parse_int(id, 1, 99, &no))
		return NULL;
	return catalog_regulation(cat, no);
}

/* Parses file `name` and checks its columns; rows go to parse_row(). */
int ld_load_file(struct loader *ld, const char *name,
		 const char *const *columns, int *idx, struct tsv *t)
{
	const struct embedded_file *f = embedded_find(ld->files, name);

	if (!f)
		return error_set(ld->err, ERROR_INPUT, "catalog.no_file", name,
				 NULL);
	if (tsv_parse(&ld->cat->arena, name, (const char *)f->data, f->len, t,
		      ld->err) ||
	    tsv_require(t, idx, columns, ld->err))
		return -1;
	ld->tsv = t;
	ld->idx = idx;
	return 0;
}

/* Fails when ids[i] repeats an earlier id. */
int ld_unique_id(struct loader *ld, int col, int dup)
{
	if (dup)
		return ld_bad_value(ld, col, "catalog.dup_id");
	return 0;
}

void *ld_alloc_rows(struct catalog *cat, size_t count, size_t size)
{
	return arena_calloc(&cat->arena, count, size);
}
