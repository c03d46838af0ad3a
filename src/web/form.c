/* form.c: decoding of query strings, urlencoded forms and cookies. */
#include "util/compat.h"
#include "web/form.h"

#include "util/arena.h"
#include "util/utf8.h"
#include "web/request.h"

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *form_unescape(struct arena *arena, const char *s, size_t len,
		    int plus_is_space)
{
	char *out = arena_alloc(arena, len + 1);
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (len - i < 3)
				return NULL;
			hi = hex_value((unsigned char)s[i + 1]);
			lo = hex_value((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[n++] = c;
	}
	out[n] = '\0';
	if (!utf8_valid(out, n))
		return NULL;
	return out;
}

int form_decode(struct arena *arena, const char *s, size_t len,
		struct param **out, size_t *count)
{
	struct param *p;
	size_t fields = 1, i, n = 0, start = 0;

	for (i = 0; i < len; i++)
		if (s[i] == '&')
			fields++;
	if (fields > FORM_FIELDS_MAX)
		return -1;
	p = arena_calloc(arena, fields, sizeof(*p));
	for (i = 0; i <= len; i++) {
		const char *pair, *eq;
		size_t plen;

		if (i < len && s[i] != '&')
			continue;
		pair = s + start;
		plen = i - start;
		start = i + 1;
		if (!plen)
			continue; /* "a=1&&b=2" and a trailing '&' */
		eq = memchr(pair, '=', plen);
		if (eq == pair)
			return -1;
		p[n].name = form_unescape(arena, pair,
					  eq ? (size_t)(eq - pair) : plen, 1);
		p[n].value = eq ? form_unescape(arena, eq + 1,
						plen - (size_t)(eq - pair) - 1,
						1)
				: "";
		if (!p[n].name || !p[n].value)
			return -1;
		n++;
	}
	*out = p;
	*count = n;
	return 0;
}

const char *form_cookie(struct arena *arena, const char *header,
			const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (*p) {
		const char *end;

		while (*p == ' ' || *p == ';')
			p++;
		end = p + strcspn(p, ";");
		if ((size_t)(end - p) > nlen && !strncmp(p, name, nlen) &&
		    p[nlen] == '=')
			return arena_memdupz(arena, p + nlen + 1,
					     (size_t)(end - p - nlen - 1));
		p = end;
	}
	return NULL;
}
