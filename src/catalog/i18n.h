/* i18n.h: the UI message catalogue (the .tsv files of data/i18n/). */
#ifndef MAMORI_CATALOG_I18N_H
#define MAMORI_CATALOG_I18N_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"
#include "util/arena.h"

struct embedded_group;
struct error;
struct strbuf;

struct i18n_message {
	const char *key;
	struct text text;
	const char *file; /* where it is defined, for messages */
};

/* Every message, sorted by key for binary search; read-only once loaded. */
struct i18n {
	struct arena arena;
	struct i18n_message *messages;
	size_t count;
	/*
	 * An open-addressing index of the keys (message number + 1, 0 for
	 * an empty slot): a page looks up a hundred messages, so each must
	 * cost a hash and one compare, not a binary search of strcmp()s.
	 */
	uint32_t *slots;
	size_t slot_mask;
};

/*
 * Loads "i18n/messages.tsv" and every other .tsv file below "i18n/" (columns
 * key, ja, en) from files: messages.tsv holds the shared messages, and an area
 * of the product may keep its own beside it.  Refuses a duplicate key
 * (within or across files) or a message missing in either language.  The caller
 * frees the result with i18n_free().
 */
int i18n_load(const struct embedded_group *files, struct i18n **out,
	      struct error *err);
void i18n_free(struct i18n *m);

/* Returns the message, or NULL when key is unknown. */
const struct i18n_message *i18n_find(const struct i18n *m, const char *key);
/* Returns the text for key in lang, or key itself when it is unknown. */
const char *i18n_get(const struct i18n *m, enum lang lang, const char *key);

/*
 * Appends the message for key with {1} … {argc} replaced by args; an
 * argument that is itself a message key is replaced by its translation.
 */
void i18n_format(const struct i18n *m, enum lang lang, const char *key,
		 const char *const *args, int argc, struct strbuf *out);
/* Appends err's message in lang. */
void i18n_error(const struct i18n *m, enum lang lang, const struct error *err,
		struct strbuf *out);

#endif
