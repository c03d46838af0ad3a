/* test_router.c: unit tests of web/router.c against the real route table. */
#include "util/compat.h"
#include "web/router.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/strbuf.h"
#include "web/request.h"

static int setup(void **state)
{
	struct request *req = malloc(sizeof(*req));

	if (!req)
		return -1;
	memset(req, 0, sizeof(*req));
	arena_init(&req->arena, 0);
	*state = req;
	return 0;
}

static int teardown(void **state)
{
	struct request *req = *state;

	arena_release(&req->arena);
	free(req);
	return 0;
}

/* Returns the route of the table with method and pattern, or fails. */
static const struct route *table_route(const char *method, const char *pattern)
{
	size_t i;

	for (i = 0; i < route_count; i++)
		if (!strcmp(routes[i].method, method) &&
		    !strcmp(routes[i].pattern, pattern))
			return &routes[i];
	fail_msg("no route %s %s in the table", method, pattern);
	return NULL;
}

/*
 * Matches method and path and checks the outcome: the route of want_pattern
 * (NULL: none), the argument want_arg and *path_known.
 */
static void check_match(struct request *req, const char *method,
			const char *path, const char *want_method,
			const char *want_pattern, const char *want_arg,
			int want_known)
{
	const struct route *want = NULL, *got;
	int known = -1;

	if (want_pattern)
		want = table_route(want_method, want_pattern);
	req->route_arg = NULL;
	got = router_match(method, path, req, &known);
	if (got != want)
		fail_msg("%s %s: matched %s %s, expected %s %s", method, path,
			 got ? got->method : "-", got ? got->pattern : "none",
			 want ? want->method : "-",
			 want ? want->pattern : "none");
	if (!got) {
		if (known != want_known)
			fail_msg("%s %s: path_known %d, expected %d", method,
				 path, known, want_known);
		return;
	}
	if (want_arg) {
		if (!req->route_arg || strcmp(req->route_arg, want_arg))
			fail_msg("%s %s: argument '%s', expected '%s'", method,
				 path, req->route_arg ? req->route_arg : "",
				 want_arg);
	} else if (req->route_arg) {
		fail_msg("%s %s: unexpected argument '%s'", method, path,
			 req->route_arg);
	}
}

static void test_router__literal(void **state)
{
	struct request *req = *state;

	check_match(req, "GET", "/", "GET", "/", NULL, 0);
	check_match(req, "GET", "/controls", "GET", "/controls", NULL, 0);
	check_match(req, "GET", "/login", "GET", "/login", NULL, 0);
	check_match(req, "POST", "/login", "POST", "/login", NULL, 0);
	check_match(req, "GET", "/api/v1/me", "GET", "/api/v1/me", NULL, 0);
	check_match(req, "PUT", "/api/v1/me", "PUT", "/api/v1/me", NULL, 0);
	check_match(req, "GET", "/audit.csv", "GET", "/audit.csv", NULL, 0);
}

static void test_router__argument(void **state)
{
	struct request *req = *state;

	check_match(req, "GET", "/controls/5.12", "GET", "/controls/{}", "5.12",
		    0);
	check_match(req, "GET", "/controls/A.5.1", "GET", "/controls/{}",
		    "A.5.1", 0);
	check_match(req, "GET", "/api/v1/controls/8.34", "GET",
		    "/api/v1/controls/{}", "8.34", 0);
	check_match(req, "GET", "/static/app.js", "GET", "/static/{}", "app.js",
		    0);
	check_match(req, "GET", "/guideline/1", "GET", "/guideline/{}", "1", 0);
}

static void test_router__argument_is_one_segment(void **state)
{
	struct request *req = *state;

	/* "{}" takes one non-empty segment, nothing more. */
	check_match(req, "GET", "/controls/", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/controls/a/b", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/controls/5.12/", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/controls//", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/static/", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/static/../x", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/api/v1/controls/", NULL, NULL, NULL, 0);
}

static void test_router__argument_is_a_copy(void **state)
{
	struct request *req = *state;
	char path[] = "/controls/5.12";
	const struct route *r;
	int known;

	r = router_match("GET", path, req, &known);
	assert_non_null(r);
	memset(path, 'X', sizeof(path) - 1);
	assert_string_equal(req->route_arg, "5.12");
}

static void test_router__head_is_get(void **state)
{
	struct request *req = *state;

	check_match(req, "HEAD", "/", "GET", "/", NULL, 0);
	check_match(req, "HEAD", "/controls", "GET", "/controls", NULL, 0);
	check_match(req, "HEAD", "/login", "GET", "/login", NULL, 0);
	check_match(req, "HEAD", "/controls/5.1", "GET", "/controls/{}", "5.1",
		    0);
	check_match(req, "HEAD", "/api/v1/me", "GET", "/api/v1/me", NULL, 0);
	/* A POST-only path has no HEAD. */
	check_match(req, "HEAD", "/logout", NULL, NULL, NULL, 1);
}

static void test_router__wrong_method(void **state)
{
	struct request *req = *state;

	check_match(req, "POST", "/controls", NULL, NULL, NULL, 1);
	check_match(req, "POST", "/controls/5.12", NULL, NULL, NULL, 1);
	check_match(req, "PUT", "/", NULL, NULL, NULL, 1);
	check_match(req, "GET", "/logout", NULL, NULL, NULL, 1);
	check_match(req, "DELETE", "/api/v1/me", NULL, NULL, NULL, 1);
	check_match(req, "POST", "/api/v1/controls", NULL, NULL, NULL, 1);
	check_match(req, "get", "/controls", NULL, NULL, NULL, 1);
	check_match(req, "OTHER", "/healthz", NULL, NULL, NULL, 1);
}

static void test_router__unknown_path(void **state)
{
	struct request *req = *state;

	check_match(req, "GET", "/nope", NULL, NULL, NULL, 0);
	check_match(req, "POST", "/nope", NULL, NULL, NULL, 0);
	check_match(req, "GET", "", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/Controls", NULL, NULL, NULL, 0);
	check_match(req, "GET", "//", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/api/v2/me", NULL, NULL, NULL, 0);
	check_match(req, "GET", "/api/v1/me/", NULL, NULL, NULL, 0);
}

static void test_router__path_known_is_reset(void **state)
{
	struct request *req = *state;
	int known;

	known = 1;
	assert_null(router_match("GET", "/nope", req, &known));
	assert_int_equal(known, 0);
	known = 1;
	assert_non_null(router_match("GET", "/controls", req, &known));
	assert_null(router_match("POST", "/controls", req, &known));
	assert_int_equal(known, 1);
	assert_null(router_match("GET", "/nope", req, &known));
	assert_int_equal(known, 0);
}

/* Returns 1 when s is one of the methods the server tells apart
 * (server.c), which a 405's Allow header may name. */
static int allowed_method(const char *s)
{
	return !strcmp(s, "GET") || !strcmp(s, "POST") || !strcmp(s, "PUT") ||
	       !strcmp(s, "PATCH") || !strcmp(s, "DELETE");
}

static void test_router__table(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(route_count > 0);
	for (i = 0; i < route_count; i++) {
		const struct route *r = &routes[i];
		const char *brace = strstr(r->pattern, "{}");
		int api = !strncmp(r->pattern, "/api/v1/", 8);

		if (!r->handler)
			fail_msg("%s %s: no handler", r->method, r->pattern);
		if ((unsigned)r->perm >= PERM_COUNT)
			fail_msg("%s %s: permission %d", r->method, r->pattern,
				 (int)r->perm);
		if (!allowed_method(r->method))
			fail_msg("%s %s: method not in the Allow header",
				 r->method, r->pattern);
		if (r->pattern[0] != '/')
			fail_msg("%s: pattern not absolute", r->pattern);
		/* At most one "{}", always a whole segment. */
		if (brace && (brace[-1] != '/' ||
			      (brace[2] != '\0' && brace[2] != '/') ||
			      strstr(brace + 2, "{}")))
			fail_msg("%s: '{}' is not one whole segment",
				 r->pattern);
		/* API routes, and only they, live under /api/v1/. */
		if (api != !!(r->flags & ROUTE_API))
			fail_msg("%s %s: ROUTE_API is %d under /api/v1/ %d",
				 r->method, r->pattern,
				 !!(r->flags & ROUTE_API), api);
		if ((r->flags & ROUTE_API) &&
		    ((r->flags & ROUTE_PUBLIC) || !(r->flags & ROUTE_STORE)))
			fail_msg("%s %s: an API route is public or has no "
				 "store",
				 r->method, r->pattern);
		/* A public route asks for no permission. */
		if ((r->flags & ROUTE_PUBLIC) && r->perm != PERM_MEMBER)
			fail_msg("%s %s: public with permission %s", r->method,
				 r->pattern, permission_name(r->perm));
		for (j = i + 1; j < route_count; j++)
			if (!strcmp(r->method, routes[j].method) &&
			    !strcmp(r->pattern, routes[j].pattern))
				fail_msg("%s %s: twice in the table", r->method,
					 r->pattern);
	}
}

static void test_router__every_route_reachable(void **state)
{
	struct request *req = *state;
	size_t i;

	/*
	 * A path made from each pattern (with "x" for "{}") reaches its own
	 * route: no earlier route shadows it.
	 */
	for (i = 0; i < route_count; i++) {
		const struct route *r = &routes[i], *got;
		const char *brace = strstr(r->pattern, "{}");
		struct strbuf path = STRBUF_INIT;
		int known;

		if (brace) {
			strbuf_add(&path, r->pattern,
				   (size_t)(brace - r->pattern));
			strbuf_addstr(&path, "x");
			strbuf_addstr(&path, brace + 2);
		} else {
			strbuf_addstr(&path, r->pattern);
		}
		req->route_arg = NULL;
		got = router_match(r->method, path.buf, req, &known);
		if (got != r)
			fail_msg("%s %s reaches %s %s", r->method, path.buf,
				 got ? got->method : "-",
				 got ? got->pattern : "nothing");
		if (brace && (!req->route_arg || strcmp(req->route_arg, "x")))
			fail_msg("%s %s: argument lost", r->method, path.buf);
		strbuf_release(&path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router__literal),
		cmocka_unit_test(test_router__argument),
		cmocka_unit_test(test_router__argument_is_one_segment),
		cmocka_unit_test(test_router__argument_is_a_copy),
		cmocka_unit_test(test_router__head_is_get),
		cmocka_unit_test(test_router__wrong_method),
		cmocka_unit_test(test_router__unknown_path),
		cmocka_unit_test(test_router__path_known_is_reset),
		cmocka_unit_test(test_router__table),
		cmocka_unit_test(test_router__every_route_reachable),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
