/* compat.h: the first include of every .c file; feature macros and basics. */
#ifndef MAMORI_UTIL_COMPAT_H
#define MAMORI_UTIL_COMPAT_H

/* POSIX.1-2008 for strnlen, gmtime_r, clock_gettime and friends. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

/*
 * The C library headers that declare banned functions come first, so that
 * banned.h can redefine those names afterwards without breaking them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define UNUSED		       __attribute__((unused))
#define NORETURN	       __attribute__((noreturn))
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

/*
 * ARRAY_SIZE refuses pointers: the second term is a compile error unless
 * the argument is a real array (its type differs from &arr[0]).
 */
#define ARRAY_SIZE(arr)                                        \
	(sizeof(arr) / sizeof((arr)[0]) +                      \
	 0 * sizeof(char[1 - 2 * __builtin_types_compatible_p( \
					 __typeof__(arr),      \
					 __typeof__(&(arr)[0]))]))

/* BUG() reports a broken invariant and aborts; it is never for user input. */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_fl(const char *file, int line, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

#include "util/banned.h"

#endif
