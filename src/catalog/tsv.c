/* tsv.c: the tab-separated format of mamori's data files. */
#include "util/compat.h"
#include "catalog/tsv.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/utf8.h"

/* Splits line (modifiable, NUL-terminated) at tabs into *fields. */
static size_t split_fields(struct arena *arena, char *line,
			   const char ***fields)
{
	size_t count = 1, i = 0;
	char *p;

	for (p = line; *p; p++)
		if (*p == '\t')
			count++;
	*fields = arena_alloc(arena, st_mult(count, sizeof(**fields)));
	(*fields)[i++] = line;
	for (p = line; *p; p++) {
		if (*p == '\t') {
			*p = '\0';
			(*fields)[i++] = p + 1;
		}
	}
	return count;
}

static int line_error(struct error *err, const char *key, const char *name,
		      size_t line)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", line);
	return error_set(err, ERROR_INPUT, key, name, num, NULL);
}

int tsv_parse(struct arena *arena, const char *name, const char *data,
	      size_t len, struct tsv *out, struct error *err)
{
	char *copy, *p, *end;
	size_t lineno = 0, cap = 0, i, j;

	memset(out, 0, sizeof(*out));
	out->name = name;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	if (memchr(data, '\0', len) || !utf8_valid(data, len))
		return line_error(err, "tsv.bad_encoding", name, 0);
	copy = arena_memdupz(arena, data, len);
	end = copy + len;
	for (p = copy; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p;
		const char **fields;
		size_t count;

		lineno++;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : end;
		if (strlen(line) && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (!*line || *line == '#')
			continue;
		count = split_fields(arena, line, &fields);
		if (!out->columns) {
			out->columns = fields;
			out->column_count = count;
			for (i = 0; i < count; i++)
				for (j = 0; j < i; j++)
					if (!strcmp(fields[i], fields[j]))
						return line_error(
							err, "tsv.dup_column",
							name, lineno);
			continue;
		}
		if (count != out->column_count) {
			char at[32], got[32], want[32];

			snprintf(at, sizeof(at), "%zu", lineno);
			snprintf(got, sizeof(got), "%zu", count);
			snprintf(want, sizeof(want), "%zu", out->column_count);
			return error_set(err, ERROR_INPUT, "tsv.field_count",
					 name, at, got, want, NULL);
		}
		if (out->row_count == cap) {
			struct tsv_row *grown =
				arena_alloc(arena, st_mult(cap ? cap * 2 : 64,
							   sizeof(*grown)));

			if (cap)
				memcpy(grown, out->rows, cap * sizeof(*grown));
			out->rows = grown;
			cap = cap ? cap * 2 : 64;
		}
		out->rows[out->row_count].line = lineno;
		out->rows[out->row_count].fields = fields;
		out->row_count++;
	}
	if (!out->columns)
		return line_error(err, "tsv.no_header", name, lineno);
	return 0;
}

int tsv_column(const struct tsv *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->column_count; i++)
		if (!strcmp(t->columns[i], name))
			return (int)i;
	return -1;
}

int tsv_require(const struct tsv *t, int *idx, const char *const *names,
		struct error *err)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		idx[i] = tsv_column(t, names[i]);
		if (idx[i] < 0)
			return error_set(err, ERROR_INPUT, "tsv.no_column",
					 t->name, names[i], NULL);
	}
	return 0;
}

void tsv_unescape_newlines(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*w++ = '\n';
			s++;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}
