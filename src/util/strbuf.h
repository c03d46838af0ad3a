/* strbuf.h: the one growable string buffer. */
#ifndef MAMORI_UTIL_STRBUF_H
#define MAMORI_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Invariants: buf is never NULL and always NUL-terminated, len < alloc
 * once anything was added, and buf[len] == '\0'.  A strbuf fed by a client
 * can be given a max: additions beyond it are dropped and `toobig` is set,
 * so callers check once at the end instead of after every write.
 */
struct strbuf {
	size_t len;
	size_t alloc;
	size_t max; /* 0 = unlimited */
	int toobig; /* set when an addition was refused because of max */
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                        \
	{                                  \
		0, 0, 0, 0, strbuf_slopbuf \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
/* Frees the bytes and leaves sb as STRBUF_INIT (max is kept). */
void strbuf_release(struct strbuf *sb);
/* Returns the bytes, which the caller frees, and resets sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Makes room for extra more bytes (plus the terminator). */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
/* Adds c count times. */
void strbuf_addchars(struct strbuf *sb, int c, size_t count);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Removes trailing ASCII white space. */
void strbuf_rtrim(struct strbuf *sb);

#endif
