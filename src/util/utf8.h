/* utf8.h: validation, measuring and cutting of UTF-8 text. */
#ifndef MAMORI_UTIL_UTF8_H
#define MAMORI_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s (len bytes available) into *cp and returns
 * its length in bytes, or 0 when the bytes there are not well-formed UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are refused).
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Returns 1 when all len bytes are well-formed UTF-8 with no NUL byte. */
int utf8_valid(const char *s, size_t len);
/* Returns the number of code points in the well-formed string s. */
size_t utf8_count(const char *s, size_t len);
/*
 * Returns how many columns s takes in a terminal: East Asian wide and
 * full-width characters count 2, combining marks 0, others 1.
 */
size_t utf8_width(const char *s, size_t len);
/* Returns the longest prefix of s, at most max bytes, that ends on a
 * character boundary. */
size_t utf8_prefix_len(const char *s, size_t len, size_t max);
/* Column width of one code point (0, 1 or 2). */
int utf8_cp_width(uint32_t cp);

#endif
