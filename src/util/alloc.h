/* alloc.h: allocation that aborts on exhaustion, and checked size maths. */
#ifndef MAMORI_UTIL_ALLOC_H
#define MAMORI_UTIL_ALLOC_H

#include <stddef.h>

/*
 * mamori is an application: running out of memory ends the process with a
 * message, so callers have no out-of-memory branches.  Every function here
 * returns a valid pointer or does not return.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Returns a heap copy of s; the caller frees it. */
char *xstrdup(const char *s);
/* Returns a NUL-terminated heap copy of the first len bytes of s. */
char *xmemdupz(const void *s, size_t len);

/* a + b and a * b, aborting on overflow instead of wrapping. */
size_t st_add(size_t a, size_t b);
size_t st_mult(size_t a, size_t b);

/*
 * Grows *arr so that it holds at least need elements of elem_size bytes,
 * doubling *cap; the new tail is not initialised.
 */
void xgrow(void **arr, size_t elem_size, size_t need, size_t *cap);
#define ALLOC_GROW(arr, need, cap) \
	xgrow((void **)&(arr), sizeof(*(arr)), (need), &(cap))

#endif
