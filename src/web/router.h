/* router.h: the route table and dispatch of a request to its handler. */
#ifndef MAMORI_WEB_ROUTER_H
#define MAMORI_WEB_ROUTER_H

#include <stddef.h>

#include "core/permission.h"

struct app;
struct request;
struct response;
struct store;

/* What a handler receives: the app, a store connection and the request. */
struct ctx {
	const struct app *app;
	struct store *store;
	struct request *req;
	struct response *resp;
	/* Building a part to keep (web/pagecache.h): CSRF fields carry the
	 * cache's mark, filled with each reader's own token. */
	int keeping;
};

typedef void route_handler(struct ctx *ctx);

enum route_flags {
	ROUTE_PUBLIC = 1 << 0, /* no login needed (login page, assets) */
	ROUTE_STORE = 1 << 1,  /* needs a store connection */
	ROUTE_API = 1 << 2,    /* JSON API: bearer token, problem+json */
};

/*
 * One route: method and pattern ("/controls/{}" matches one path segment
 * into req->route_arg), the permission required and the handler.  POST
 * routes of the web pages always check the CSRF token; API routes take a
 * bearer token instead of cookies, so there is nothing to forge.
 */
struct route {
	const char *method;
	const char *pattern;
	route_handler *handler;
	enum permission perm;
	unsigned flags;
};

extern const struct route routes[];
extern const size_t route_count;

/*
 * Finds the route for method and path; sets *arg to the matched segment
 * (arena copy) and returns the route, or NULL.  *path_known is set when
 * some route has the path but with another method (405).
 */
const struct route *router_match(const char *method, const char *path,
				 struct request *req, int *path_known);

/*
 * Handles a request from start to end: matching, the session, permission
 * and CSRF checks, the handler, and the error pages (400, 403, 404, 405).
 */
void router_dispatch(const struct app *app, struct request *req,
		     struct response *resp);

#endif
