/*
 * fuzz_api.c: the JSON API's requests through the real router and
 * handlers (web/api_*.c, web/api_input.c, web/json.c), with a write token
 * of an account holding every permission, against the sample
 * organisation.  The input is "METHOD /api/v1/…?query\nbody"; the body
 * is sent as application/json, so every reader of members meets it.
 *
 * Oracles (fuzz_app.h): no 500 — a body of the wrong shape or a value
 * that breaks a rule is a 400 or 422 naming the member — and every
 * answer is JSON.
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
			  parts.count > 1 ? parts.len[1] : 0, 1);
	fuzz_app_repair(fa);
	return 0;
}
