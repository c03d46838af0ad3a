/* i18n.c: the UI message catalogue. */
#include "util/compat.h"
#include "catalog/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/tsv.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"

/* FNV-1a over the key's bytes. */
static uint32_t key_hash(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

/* Builds the index of the sorted, checked messages. */
static void index_keys(struct i18n *m)
{
	size_t size = 16, i;

	while (size < m->count * 2)
		size *= 2;
	m->slots = arena_calloc(&m->arena, size, sizeof(*m->slots));
	m->slot_mask = size - 1;
	for (i = 0; i < m->count; i++) {
		size_t at = key_hash(m->messages[i].key) & m->slot_mask;

		while (m->slots[at])
			at = (at + 1) & m->slot_mask;
		m->slots[at] = (uint32_t)i + 1;
	}
}

/* Moves the heap array rows into the arena. */
static struct i18n_message *store_rows(struct arena *arena,
				       struct i18n_message *rows, size_t n)
{
	struct i18n_message *out = arena_calloc(arena, n ? n : 1, sizeof(*out));

	if (n)
		memcpy(out, rows, n * sizeof(*out));
	free(rows);
	return out;
}

static int message_cmp(const void *a, const void *b)
{
	return strcmp(((const struct i18n_message *)a)->key,
		      ((const struct i18n_message *)b)->key);
}

/* Appends the messages of one file to m (rows counted in *n, *cap). */
static int load_file(struct i18n *m, const struct embedded_file *f,
		     struct i18n_message **rows, size_t *n, size_t *cap,
		     struct error *err)
{
	static const char *const cols[] = { "key", "ja", "en", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t i;

	if (tsv_parse(&m->arena, f->name, (const char *)f->data, f->len, &t,
		      err) ||
	    tsv_require(&t, idx, cols, err))
		return -1;
	for (i = 0; i < t.row_count; i++) {
		const char **fl = t.rows[i].fields;
		struct i18n_message *msg;

		ALLOC_GROW(*rows, *n + 1, *cap);
		msg = &(*rows)[(*n)++];
		msg->key = fl[idx[0]];
		msg->text.ja = fl[idx[1]];
		msg->text.en = fl[idx[2]];
		msg->file = f->name;
		if (!*msg->key || !*msg->text.ja || !*msg->text.en) {
			char line[32];

			snprintf(line, sizeof(line), "%zu", t.rows[i].line);
			return error_set(err, ERROR_INPUT, "i18n.incomplete",
					 f->name, line, msg->key, NULL);
		}
		tsv_unescape_newlines((char *)msg->text.ja);
		tsv_unescape_newlines((char *)msg->text.en);
	}
	return 0;
}

/* "i18n/NAME.tsv": a message file. */
static int is_message_file(const char *name)
{
	size_t len = strlen(name);

	return !strncmp(name, "i18n/", 5) && len > 9 &&
	       !strcmp(name + len - 4, ".tsv");
}

int i18n_load(const struct embedded_group *files, struct i18n **out,
	      struct error *err)
{
	const char *name = "i18n/messages.tsv";
	struct i18n *m = xcalloc(1, sizeof(*m));
	struct i18n_message *rows = NULL;
	size_t i, n = 0, cap = 0;

	arena_init(&m->arena, 64 * 1024);
	/* messages.tsv is the core; each area may add a file beside it. */
	if (!embedded_find(files, name)) {
		error_set(err, ERROR_INPUT, "catalog.no_file", name, NULL);
		goto out_free;
	}
	for (i = 0; i < files->count; i++)
		if (is_message_file(files->files[i].name) &&
		    load_file(m, &files->files[i], &rows, &n, &cap, err))
			goto out_free;
	m->messages = store_rows(&m->arena, rows, n);
	rows = NULL;
	m->count = n;
	qsort(m->messages, m->count, sizeof(*m->messages), message_cmp);
	for (i = 1; i < m->count; i++) {
		if (!strcmp(m->messages[i].key, m->messages[i - 1].key)) {
			error_set(err, ERROR_INPUT, "i18n.duplicate",
				  m->messages[i].file, m->messages[i].key,
				  NULL);
			goto out_free;
		}
	}
	index_keys(m);
	*out = m;
	return 0;
out_free:
	free(rows);
	i18n_free(m);
	return -1;
}

void i18n_free(struct i18n *m)
{
	if (!m)
		return;
	arena_release(&m->arena);
	free(m);
}

const struct i18n_message *i18n_find(const struct i18n *m, const char *key)
{
	size_t at = key_hash(key) & m->slot_mask;

	/* Half the slots at least are empty, so the probe ends soon. */
	for (; m->slots[at]; at = (at + 1) & m->slot_mask) {
		const struct i18n_message *msg = &m->messages[m->slots[at] - 1];

		if (!strcmp(msg->key, key))
			return msg;
	}
	return NULL;
}

const char *i18n_get(const struct i18n *m, enum lang lang, const char *key)
{
	const struct i18n_message *msg = i18n_find(m, key);

	return msg ? text_get(&msg->text, lang) : key;
}

void i18n_format(const struct i18n *m, enum lang lang, const char *key,
		 const char *const *args, int argc, struct strbuf *out)
{
	const char *p = i18n_get(m, lang, key);

	while (*p) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			int n = p[1] - '1';

			if (n < argc) {
				const struct i18n_message *a =
					i18n_find(m, args[n]);

				strbuf_addstr(out, a ? text_get(&a->text, lang)
						     : args[n]);
			}
			p += 3;
			continue;
		}
		strbuf_addch(out, *p++);
	}
}

void i18n_error(const struct i18n *m, enum lang lang, const struct error *err,
		struct strbuf *out)
{
	const char *args[ERROR_ARGS_MAX];
	int i;

	for (i = 0; i < err->argc; i++)
		args[i] = err->args[i];
	i18n_format(m, lang, err->key, args, err->argc, out);
}
