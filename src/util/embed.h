/* embed.h: files compiled into the binary by tools/embed.c. */
#ifndef MAMORI_UTIL_EMBED_H
#define MAMORI_UTIL_EMBED_H

#include <stddef.h>

/* One embedded file: its path below data/ and its bytes (NUL-terminated). */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
	const char *etag; /* a quoted hash of the bytes, for HTTP caching */
};

/* A named group of embedded files, as generated into the build folder. */
struct embedded_group {
	const struct embedded_file *files;
	size_t count;
};

/* Everything below data/ (catalogues, messages, schema), compiled in. */
extern const struct embedded_group embedded_data;

/* Returns the file called name in group, or NULL. */
const struct embedded_file *embedded_find(const struct embedded_group *group,
					  const char *name);

#endif
