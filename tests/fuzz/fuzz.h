/*
 * fuzz.h: what the fuzz targets share.  Each tests/fuzz/fuzz_<name>.c
 * defines LLVMFuzzerTestOneInput over one parser of untrusted input; clang
 * links it with libFuzzer (`make fuzz`), and replay.c runs it over its
 * corpus in every build, so an input once found stays a regression test.
 */
#ifndef MAMORI_TESTS_FUZZ_H
#define MAMORI_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The entry point libFuzzer and replay.c call with one input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_PARTS_MAX = 8 };

/*
 * An input cut into parts at each occurrence of a separator, so one input
 * can carry several fields (a method, a path, a body).  Parts point into
 * the input; the last takes the rest.
 */
struct fuzz_parts {
	const char *part[FUZZ_PARTS_MAX];
	size_t len[FUZZ_PARTS_MAX];
	size_t count;
};

/* Cuts size bytes of data at sep (NUL-terminated) into at most max parts. */
void fuzz_split(const uint8_t *data, size_t size, const char *sep, size_t max,
		struct fuzz_parts *out);

/* A malloc'd NUL-terminated copy of len bytes (NUL bytes kept inside). */
char *fuzz_strndup(const char *s, size_t len);

/* Returns 1 when len bytes are well-formed UTF-8 (NUL bytes allowed). */
int fuzz_utf8(const char *s, size_t len);

/*
 * Checks HTML (len bytes, NUL-terminated) for anything that would run
 * script: inline <script> (only ours, from /static/, may be there), on…
 * event handlers, javascript:, vbscript: and data:text/html URLs (as a
 * browser reads them, character references decoded), frames, objects,
 * <base> and <style>.  Aborts (a found bug) when there is one.
 */
void fuzz_check_html(const char *body, size_t len);

/*
 * Checks what a handler answered: never a 5xx but MHD's 505 for an
 * unknown HTTP version (bad input must get a 4xx), a Location only to a
 * path of this site, and HTML by fuzz_check_html().  Aborts (a found
 * bug) otherwise.
 */
void fuzz_check_response(int status, const char *content_type,
			 const char *location, const char *body, size_t len);

/*
 * An oracle of a target: when cond is false the input showed a bug, and
 * the target aborts like a crash so libFuzzer keeps the input.
 */
#define FUZZ_CHECK(cond)                                     \
	do {                                                 \
		if (!(cond))                                 \
			BUG("fuzz check failed: %s", #cond); \
	} while (0)

#endif
