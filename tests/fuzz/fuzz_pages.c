/*
 * fuzz_pages.c: the web pages' requests through the real router and
 * handlers (web/page_*.c), logged in as an account holding every
 * permission with its second factor passed, against the sample
 * organisation.  The input is "METHOD /path?query\nform body"; the body
 * is sent urlencoded after the session's CSRF token, so every handler's
 * field checks meet it rather than the CSRF check.
 *
 * Oracles (fuzz_app.h): no 500, redirects only within the site, and no
 * page that would run script whatever the input put in it.
 */
#include "util/compat.h"

#include "fuzz.h"
#include "fuzz_app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_app *fa = fuzz_app_get();
	struct fuzz_parts parts;

	fuzz_split(data, size, "\n", 2, &parts);
	fuzz_app_dispatch(fa, parts.part[0], parts.len[0],
			  parts.count > 1 ? parts.part[1] : "",
			  parts.count > 1 ? parts.len[1] : 0, 0);
	fuzz_app_repair(fa);
	return 0;
}
