/*
 * fuzz_catalog.c: a catalogue set as the loader takes it (catalog/tsv.c
 * and the loaders of catalog/catalog.c, catalog_risk.c, loader.c): the
 * built-in files with one of them replaced.  The input is "NAME\n" (a
 * file of the set: "catalog/threats.tsv", "templates/basic_policy.tsv"
 * …) and that file's new text; with a NAME outside the set only the TSV
 * parser reads the text.
 *
 * Oracles: every parsed row has exactly the header's fields, none holds
 * a tab or a line break, all are UTF-8, and line numbers rise; a set
 * that is refused says why with a message key, and one that loads can
 * be freed.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "catalog/tsv.h"
#include "fuzz.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/utf8.h"

static void check_tsv(const struct tsv *t)
{
	size_t r, c, last = 0;

	for (c = 0; c < t->column_count; c++)
		FUZZ_CHECK(utf8_valid(t->columns[c], strlen(t->columns[c])));
	for (r = 0; r < t->row_count; r++) {
		FUZZ_CHECK(t->rows[r].line > last);
		last = t->rows[r].line;
		for (c = 0; c < t->column_count; c++) {
			const char *f = t->rows[r].fields[c];

			FUZZ_CHECK(!strpbrk(f, "\t\n"));
			FUZZ_CHECK(utf8_valid(f, strlen(f)));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct fuzz_parts parts;
	struct embedded_group set;
	struct embedded_file *files;
	struct catalog *cat = NULL;
	struct arena arena;
	struct tsv t;
	char *name;
	size_t i;
	int replaced = 0;

	fuzz_split(data, size, "\n", 2, &parts);
	if (parts.count < 2)
		return 0;
	name = fuzz_strndup(parts.part[0], parts.len[0]);
	arena_init(&arena, 0);
	if (!tsv_parse(&arena, name, parts.part[1], parts.len[1], &t, &err))
		check_tsv(&t);
	else
		FUZZ_CHECK(*err.key);
	arena_release(&arena);
	error_clear(&err);

	files = xcalloc(embedded_data.count, sizeof(*files));
	for (i = 0; i < embedded_data.count; i++) {
		files[i] = embedded_data.files[i];
		if (!strcmp(files[i].name, name) &&
		    (!strncmp(name, "catalog/", 8) ||
		     !strncmp(name, "templates/", 10))) {
			/* The loader expects its files NUL-terminated. */
			files[i].data = (const unsigned char *)fuzz_strndup(
				parts.part[1], parts.len[1]);
			files[i].len = parts.len[1];
			replaced = 1;
		}
	}
	set.files = files;
	set.count = embedded_data.count;
	if (replaced) {
		if (!catalog_load(&set, &cat, &err))
			catalog_free(cat);
		else
			FUZZ_CHECK(*err.key);
	}
	for (i = 0; i < embedded_data.count; i++)
		if (files[i].data != embedded_data.files[i].data)
			free((void *)files[i].data);
	free(files);
	free(name);
	return 0;
}
