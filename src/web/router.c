/* router.c: matching a request to its route, and the checks around it. */
#include "util/compat.h"
#include "web/router.h"

#include "catalog/i18n.h"
#include "store/pool.h"
#include "util/arena.h"
#include "util/error.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

/* Matches one pattern; "{}" takes one non-empty path segment. */
static int pattern_match(const char *pattern, const char *path,
			 struct request *req)
{
	const char *brace = strstr(pattern, "{}");
	size_t head, seg;

	if (!brace)
		return !strcmp(pattern, path);
	head = (size_t)(brace - pattern);
	if (strncmp(pattern, path, head))
		return 0;
	seg = strcspn(path + head, "/");
	if (!seg || strcmp(brace + 2, path + head + seg))
		return 0;
	req->route_arg = arena_memdupz(&req->arena, path + head, seg);
	return 1;
}

const struct route *router_match(const char *method, const char *path,
				 struct request *req, int *path_known)
{
	size_t i;

	*path_known = 0;
	for (i = 0; i < route_count; i++) {
		if (!pattern_match(routes[i].pattern, path, req))
			continue;
		if (!strcmp(routes[i].method, method) ||
		    (!strcmp(method, "HEAD") &&
		     !strcmp(routes[i].method, "GET")))
			return &routes[i];
		*path_known = 1;
	}
	return NULL;
}

/* The language: the account's, else the cookie, else Accept-Language. */
static enum lang pick_lang(struct request *req)
{
	const char *c;

	if (req->session)
		return lang_from_locale(req->session->rec.lang);
	c = request_cookie(req, LANG_COOKIE);
	if (c)
		return lang_from_locale(c);
	return lang_from_locale(req->accept_language);
}

/* Headers every answer carries. */
static void security_headers(struct response *resp, int cacheable)
{
	response_header(resp, "Content-Security-Policy",
			"default-src 'self'; script-src 'self'; "
			"style-src 'self'; img-src 'self' data:; "
			"form-action 'self'; frame-ancestors 'none'; "
			"base-uri 'none'; object-src 'none'");
	response_header(resp, "X-Content-Type-Options", "nosniff");
	response_header(resp, "Referrer-Policy", "same-origin");
	response_header(resp, "X-Frame-Options", "DENY");
	if (!cacheable)
		response_header(resp, "Cache-Control", "no-store");
}

/* Returns 1 when a POST carries the right CSRF token. */
static int csrf_ok(struct request *req)
{
	const char *sent = request_form(req, "csrf");
	const char *want;

	if (!sent)
		return 0;
	if (req->session)
		want = req->session->rec.csrf_token;
	else
		want = request_cookie(req, LOGIN_CSRF_COOKIE);
	return want && strlen(want) == TOKEN_HEX && secret_equal(sent, want);
}

/* Returns 1 when the form body was decoded (or there is none). */
static int decode_form(struct request *req)
{
	if (req->method != HTTP_POST || !req->body_len || req->form_decoded)
		return 1;
	if (!req->content_type ||
	    strncmp(req->content_type, "application/x-www-form-urlencoded", 33))
		return 0;
	return form_decode(&req->arena, req->body, req->body_len, &req->form,
			   &req->form_count) == 0;
}

/* Routes the session may use before its second factor is given. */
static int allowed_before_mfa(const struct route *r)
{
	return r->handler == page_mfa_form || r->handler == page_mfa_submit ||
	       r->handler == page_logout || r->handler == page_static;
}

/* Routes an administrator may use before setting up a second factor. */
static int allowed_without_mfa(const struct route *r)
{
	return r->handler == page_settings || r->handler == page_settings_mfa ||
	       r->handler == page_settings_password ||
	       r->handler == page_logout || r->handler == page_logout_all;
}

static void run_route(struct ctx *ctx, const struct route *route)
{
	struct request *req = ctx->req;
	struct error err = ERROR_INIT;
	int public_route = route->flags & ROUTE_PUBLIC;

	if (!decode_form(req)) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (session_load(ctx->app, ctx->store, req, &err)) {
		page_fail(ctx, &err);
		return;
	}
	req->lang = pick_lang(req);
	if (!public_route && !req->session) {
		if (req->method == HTTP_GET) {
			struct strbuf loc = STRBUF_INIT;

			strbuf_addstr(&loc, "/login?next=");
			layout_url_arg(&loc, req->path);
			response_redirect(ctx->resp,
					  arena_strdup(&req->arena, loc.buf));
			strbuf_release(&loc);
		} else {
			page_error(ctx, 403, "http.login_needed");
		}
		return;
	}
	if (req->session && req->session->rec.mfa_enabled &&
	    !req->session->rec.mfa_passed && !public_route &&
	    !allowed_before_mfa(route)) {
		response_redirect(ctx->resp, "/login/mfa");
		return;
	}
	if (req->session && !req->session->rec.mfa_enabled &&
	    permission_granted(req->session->rec.roles, PERM_ADMIN) &&
	    !public_route && !allowed_without_mfa(route)) {
		/* Administrators set up their second factor before anything
		 * else. */
		response_redirect(ctx->resp, "/settings#mfa-section");
		return;
	}
	if (req->method == HTTP_POST && !csrf_ok(req)) {
		page_error(ctx, 403, "http.csrf");
		return;
	}
	if (!public_route &&
	    !permission_granted(req->session->rec.roles, route->perm)) {
		page_error(ctx, 403, "http.forbidden");
		return;
	}
	route->handler(ctx);
}

/*
 * An API request: "Authorization: Bearer TOKEN", a token of the write
 * scope for anything but GET, then the same permission table as pages.
 * Errors are problem+json.
 */
static void run_api(struct ctx *ctx, const struct route *route)
{
	struct request *req = ctx->req;
	struct error err = ERROR_INIT;
	const char *auth = req->authorization;
	int write = 0, found;

	if (!auth || strncmp(auth, "Bearer ", 7) ||
	    (found = session_from_token(ctx->store, req, auth + 7, &write,
					&err)) == 0) {
		response_header(ctx->resp, "WWW-Authenticate",
				"Bearer realm=\"mamori\"");
		api_problem(ctx, 401, "api.token_needed", NULL);
		return;
	}
	if (found < 0) {
		api_problem(ctx, 500, "http.internal", NULL);
		return;
	}
	if (req->accept_language)
		req->lang = lang_from_locale(req->accept_language);
	else
		req->lang = lang_from_locale(req->session->rec.lang);
	if (req->method != HTTP_GET && req->method != HTTP_HEAD && !write) {
		api_problem(ctx, 403, "api.read_only", NULL);
		return;
	}
	if (!permission_granted(req->session->rec.roles, route->perm)) {
		api_problem(ctx, 403, "http.forbidden", NULL);
		return;
	}
	route->handler(ctx);
}

/* The methods the routes of the request's path answer (405's Allow). */
static const char *allowed_methods(struct request *req)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	size_t i, k;

	for (i = 0; i < route_count; i++) {
		if (!pattern_match(routes[i].pattern, req->path, req))
			continue;
		for (k = 0; k < i; k++)
			if (!strcmp(routes[k].method, routes[i].method) &&
			    pattern_match(routes[k].pattern, req->path, req))
				break;
		if (k < i)
			continue;
		strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", routes[i].method);
		if (!strcmp(routes[i].method, "GET"))
			strbuf_addstr(&sb, ", HEAD");
	}
	out = arena_strdup(&req->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

void router_dispatch(const struct app *app, struct request *req,
		     struct response *resp)
{
	const char *method = http_method_name(req->method);
	struct ctx ctx = { app, NULL, req, resp, 0 };
	const struct route *route;
	int known;

	req->lang = lang_from_locale(req->accept_language);
	route = router_match(method, req->path, req, &known);
	if (!route) {
		int api = !strncmp(req->path, "/api/", 5);

		security_headers(resp, 0);
		if (known)
			response_header(resp, "Allow", allowed_methods(req));
		if (api)
			api_problem(&ctx, known ? 405 : 404,
				    known ? "http.method" : "http.not_found",
				    NULL);
		else if (known)
			page_error(&ctx, 405, "http.method");
		else
			page_error(&ctx, 404, "http.not_found");
		return;
	}
	if (route->flags & ROUTE_STORE)
		ctx.store = store_pool_acquire(app->pool);
	security_headers(resp, route->handler == page_static);
	if (route->flags & ROUTE_API)
		run_api(&ctx, route);
	else if (ctx.store)
		run_route(&ctx, route);
	else
		route->handler(&ctx);
	if (ctx.store)
		store_pool_release(app->pool, ctx.store);
	if (req->method == HTTP_HEAD) {
		strbuf_reset(&resp->body);
		resp->static_len = 0;
	}
}
