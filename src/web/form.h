/* form.h: decoding of query strings, urlencoded forms and cookies. */
#ifndef MAMORI_WEB_FORM_H
#define MAMORI_WEB_FORM_H

#include <stddef.h>

struct arena;
struct param;

enum { FORM_FIELDS_MAX = 256 };

/*
 * Decodes "a=1&b=x%20y" (len bytes, '+' is a space) into pairs allocated
 * from arena.  Returns 0, or -1 when the input is malformed: a bad
 * percent escape, a decoded NUL byte, invalid UTF-8, an empty name, or more
 * than FORM_FIELDS_MAX fields.  Nothing is returned on failure.
 */
int form_decode(struct arena *arena, const char *s, size_t len,
		struct param **out, size_t *count);

/*
 * Percent-decodes len bytes of s into a NUL-terminated arena string;
 * plus_is_space for form bodies.  Returns NULL on a bad escape, a NUL
 * byte or invalid UTF-8.
 */
char *form_unescape(struct arena *arena, const char *s, size_t len,
		    int plus_is_space);

/* Returns the value of cookie name in a Cookie header, or NULL. */
const char *form_cookie(struct arena *arena, const char *header,
			const char *name);

#endif
