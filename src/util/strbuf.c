/* strbuf.c: the one growable string buffer. */
#include "util/compat.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* Shared empty string that STRBUF_INIT points at; never written past [0]. */
char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->len = 0;
	sb->alloc = 0;
	sb->max = 0;
	sb->toobig = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	size_t max = sb->max;

	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
	sb->max = max;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p;

	if (len)
		*len = sb->len;
	if (!sb->alloc)
		return xstrdup("");
	p = sb->buf;
	sb->alloc = 0;
	strbuf_release(sb);
	return p;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need;
	int fresh = !sb->alloc;

	/* The common case first: room is there, and no overflow is possible
	 * since len < alloc and extra < alloc - len. */
	if (extra < sb->alloc - sb->len)
		return;
	need = st_add(st_add(sb->len, extra), 1);
	if (need <= sb->alloc)
		return;
	if (fresh)
		sb->buf = NULL;
	ALLOC_GROW(sb->buf, need, sb->alloc);
	if (fresh)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len)
		BUG("strbuf_setlen beyond the end (%zu > %zu)", len, sb->len);
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

/* Returns 1 when len more bytes fit under max, else marks toobig. */
static int room_for(struct strbuf *sb, size_t len)
{
	if (sb->max && (sb->len > sb->max || len > sb->max - sb->len)) {
		sb->toobig = 1;
		return 0;
	}
	return 1;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len || (sb->max && !room_for(sb, len)))
		return;
	if (len >= sb->alloc - sb->len)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	strbuf_add(sb, &ch, 1);
}

void strbuf_addchars(struct strbuf *sb, int c, size_t count)
{
	if (!count || !room_for(sb, count))
		return;
	strbuf_grow(sb, count);
	memset(sb->buf + sb->len, c, count);
	sb->len += count;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for format '%s'", fmt);
	if (!n || !room_for(sb, (size_t)n))
		return;
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_rtrim(struct strbuf *sb)
{
	/* strchr() would also find the terminator, so test NUL first. */
	while (sb->len && sb->buf[sb->len - 1] != '\0' &&
	       strchr(" \t\r\n\v\f", sb->buf[sb->len - 1]))
		sb->len--;
	if (sb->alloc)
		sb->buf[sb->len] = '\0';
}
