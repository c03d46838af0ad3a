/* gzip.h: gzip compression of bodies that are sent many times. */
#ifndef MAMORI_WEB_GZIP_H
#define MAMORI_WEB_GZIP_H

#include <stddef.h>

/* A body in plain and compressed form. */
struct gz_body {
	const unsigned char *plain;
	size_t plain_len;
	unsigned char *gz; /* NULL when compressing does not pay */
	size_t gz_len;
};

/*
 * Compresses len bytes of data (borrowed; it must outlive *out) with gzip
 * at the best level.  Bodies under 1 KiB, or that shrink by less than a
 * tenth, keep gz NULL: there it does not pay.
 */
void gz_body_init(struct gz_body *out, const void *data, size_t len);
void gz_body_release(struct gz_body *b);

/* Returns 1 when an Accept-Encoding header value accepts gzip. */
int gz_accepted(const char *accept_encoding);

#endif
