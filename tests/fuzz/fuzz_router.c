/*
 * fuzz_router.c: matching a method and a decoded path against the route
 * table (web/router.c, web/routes.c).  The input is "METHOD\nPATH".
 *
 * Oracles: a match is a route of that method (or GET for HEAD) whose
 * pattern gives back the path when its {} is filled with the matched
 * segment, and that segment is never empty and never holds a '/', so a
 * handler's id can never carry "../" or a second segment.
 */
#include "util/compat.h"

#include "fuzz.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "web/request.h"
#include "web/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_parts parts;
	struct request req;
	const struct route *r;
	char *method, *path;
	int known;

	fuzz_split(data, size, "\n", 2, &parts);
	if (parts.count < 2)
		return 0;
	memset(&req, 0, sizeof(req));
	arena_init(&req.arena, 0);
	method = arena_memdupz(&req.arena, parts.part[0], parts.len[0]);
	path = arena_memdupz(&req.arena, parts.part[1], parts.len[1]);
	r = router_match(method, path, &req, &known);
	if (r) {
		const char *brace = strstr(r->pattern, "{}");
		struct strbuf again = STRBUF_INIT;

		FUZZ_CHECK(
			!strcmp(r->method, method) ||
			(!strcmp(method, "HEAD") && !strcmp(r->method, "GET")));
		if (brace) {
			FUZZ_CHECK(req.route_arg && *req.route_arg);
			FUZZ_CHECK(!strchr(req.route_arg, '/'));
			strbuf_add(&again, r->pattern,
				   (size_t)(brace - r->pattern));
			strbuf_addstr(&again, req.route_arg);
			strbuf_addstr(&again, brace + 2);
		} else {
			strbuf_addstr(&again, r->pattern);
		}
		FUZZ_CHECK(!strcmp(again.buf, path));
		strbuf_release(&again);
	} else if (known) {
		size_t i;
		int found = 0;

		/* A 405 needs some route of another method on this path. */
		for (i = 0; i < route_count && !found; i++) {
			int k;
			struct request probe;

			memset(&probe, 0, sizeof(probe));
			arena_init(&probe.arena, 0);
			found = router_match(routes[i].method, path, &probe,
					     &k) != NULL;
			arena_release(&probe.arena);
		}
		FUZZ_CHECK(found);
	}
	arena_release(&req.arena);
	return 0;
}
