/* error.c: errors as values, with a message key and its arguments. */
#include "util/compat.h"
#include "util/error.h"

#include <stdarg.h>
#include <string.h>

#include "util/utf8.h"

/* Copies s into dst (of size cap) without splitting a UTF-8 sequence. */
static void copy_bounded(char *dst, size_t cap, const char *s)
{
	size_t len = utf8_prefix_len(s, strlen(s), cap - 1);

	memcpy(dst, s, len);
	dst[len] = '\0';
}

int error_set(struct error *err, enum error_code code, const char *key, ...)
{
	va_list ap;
	const char *arg;

	if (!err)
		return -1;
	error_clear(err);
	err->code = code;
	copy_bounded(err->key, sizeof(err->key), key);
	va_start(ap, key);
	while ((arg = va_arg(ap, const char *)) && err->argc < ERROR_ARGS_MAX)
		copy_bounded(err->args[err->argc++], ERROR_ARG_LEN, arg);
	va_end(ap);
	return -1;
}

void error_clear(struct error *err)
{
	memset(err, 0, sizeof(*err));
}
