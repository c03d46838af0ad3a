/* page_login.c: login, second factor, logout and the page language. */
#include "util/compat.h"

#include "store/repo_audit.h"
#include "store/repo_session.h"
#include "store/repo_token.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/mfa.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

/* Lockout: this many failures within the window lock for the window. */
enum { LOCKOUT_FAILURES = 5, LOCKOUT_WINDOW = 15 * 60 };

/* A recovery code: four groups of four letters joined by '-'. */
enum { RECOVERY_CODE_LEN = 19 };

/* Returns next when it is a local path, else "/" (no open redirects). */
static const char *local_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n"))
		return "/";
	return next;
}

/* The login form, with a message key shown above it when not NULL. */
static void login_page(struct ctx *ctx, const char *message, int status)
{
	struct strbuf *o = &ctx->resp->body;
	char csrf[TOKEN_HEX + 1];
	const char *next = request_query(ctx->req, "next");

	if (!next)
		next = request_form(ctx->req, "next");
	/* A fresh double-submit token guards the login form itself. */
	secret_token(csrf);
	session_set_cookie(ctx->app, ctx->req, ctx->resp, LOGIN_CSRF_COOKIE,
			   arena_strdup(&ctx->req->arena, csrf), 3600);
	ctx->resp->status = status;
	layout_begin_bare(ctx, t(ctx, "login.title"));
	if (message) {
		html_lit(
			o,
			"<p class=\"error\" role=\"alert\" id=\"login-error\">");
		page_t(ctx, message);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"/login\" class=\"stack\">");
	html_hidden(o, "csrf", csrf);
	html_hidden(o, "next", local_next(next));
	html_lit(o, "<label for=\"email\">");
	page_t(ctx, "field.email");
	html_lit(o, "</label><input id=\"email\" name=\"email\" type=\"email\" "
		    "autocomplete=\"username\" required autofocus");
	if (message)
		html_lit(o, " aria-describedby=\"login-error\"");
	html_lit(o, "><label for=\"password\">");
	page_t(ctx, "field.password");
	html_lit(o, "</label><input id=\"password\" name=\"password\" "
		    "type=\"password\" autocomplete=\"current-password\" "
		    "required><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "login.submit");
	html_lit(o, "</button></form>");
	layout_lang_switch(ctx, csrf, local_next(next), "lang-switch");
	layout_end_bare(ctx);
}

void page_login_form(struct ctx *ctx)
{
	if (ctx->req->session) {
		response_redirect(ctx->resp, "/");
		return;
	}
	login_page(ctx, NULL, 200);
}

/* Records a failed login in the chain of events outside organisations. */
static int record_failure(struct ctx *ctx, const char *email, struct error *err)
{
	if (store_begin(ctx->store, err))
		return -1;
	if (page_audit_as(ctx, 0, 0, email, "login.failed", "login", err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		return -1;
	}
	return 0;
}

/* Returns 1 when any role of roles administers the organisation. */
static int has_admin_role(role_set roles)
{
	int r;

	for (r = 0; r < ROLE_COUNT; r++)
		if ((roles & ROLE_BIT(r)) && role_is_admin((enum role)r))
			return 1;
	return 0;
}

void page_login_submit(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *email = request_form(ctx->req, "email");
	const char *password = request_form(ctx->req, "password");
	struct login_account acc;
	struct account_org *orgs = NULL;
	size_t org_count = 0;
	int64_t by_email = 0, by_client = 0;
	int found, ok;

	if (!email || !password || !*email || !*password ||
	    strlen(email) > 254 || strlen(password) > 1024) {
		login_page(ctx, "login.failed", 400);
		return;
	}
	if (repo_audit_login_failures(ctx->store, email, ctx->req->client,
				      ctx->req->now - LOCKOUT_WINDOW, &by_email,
				      &by_client, &err))
		goto out_fail;
	if (by_email >= LOCKOUT_FAILURES || by_client >= LOCKOUT_FAILURES) {
		login_page(ctx, "login.locked", 429);
		return;
	}
	found = repo_account_by_email(ctx->store, &ctx->req->arena, email, &acc,
				      &err);
	if (found < 0)
		goto out_fail;
	/* An unknown address costs the same time as a wrong password, and
	 * gets the same answer, so neither reveals which accounts exist. */
	ok = password_verify(found ? acc.password_hash : ctx->app->dummy_hash,
			     password) &&
	     found;
	if (ok &&
	    repo_account_orgs(ctx->store, &ctx->req->arena, acc.id,
			      session_today(ctx->req), &orgs, &org_count, &err))
		goto out_fail;
	if (!ok || !org_count) {
		if (record_failure(ctx, email, &err))
			goto out_fail;
		login_page(ctx, "login.failed", 401);
		return;
	}
	if (store_begin(ctx->store, &err))
		goto out_fail;
	if (session_start(ctx->app, ctx->store, ctx->req, ctx->resp, acc.id,
			  orgs[0].org_id, !acc.mfa_enabled, &err) ||
	    page_audit_as(ctx, orgs[0].org_id, acc.id, acc.email, "login",
			  arena_printf(&ctx->req->arena, "account:%lld",
				       (long long)acc.id),
			  &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto out_fail;
	}
	session_clear_cookie(ctx->req, ctx->resp, LOGIN_CSRF_COOKIE);
	if (acc.mfa_enabled)
		response_redirect(ctx->resp, "/login/mfa");
	else if (has_admin_role(orgs[0].roles) || acc.must_change_password)
		response_redirect(ctx->resp, "/settings");
	else
		response_redirect(ctx->resp,
				  local_next(request_form(ctx->req, "next")));
	return;
out_fail:
	page_fail(ctx, &err);
}

void page_mfa_form(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const char *message = request_query(ctx->req, "failed") ? "mfa.failed"
								: NULL;

	if (!ctx->req->session->rec.mfa_enabled ||
	    ctx->req->session->rec.mfa_passed) {
		response_redirect(ctx->resp, "/");
		return;
	}
	layout_begin_bare(ctx, t(ctx, "mfa.title"));
	if (message) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		page_t(ctx, message);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"/login/mfa\" "
		    "class=\"stack\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"code\">");
	page_t(ctx, "mfa.code_or_recovery");
	html_lit(o, "</label><input id=\"code\" name=\"code\" "
		    "autocomplete=\"one-time-code\" "
		    "maxlength=\"19\" required autofocus>"
		    "<button type=\"submit\" class=\"primary\">");
	page_t(ctx, "mfa.submit");
	html_lit(o, "</button></form>");
	layout_end_bare(ctx);
}

void page_mfa_submit(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	struct login_account acc;
	const char *code = request_form(ctx->req, "code");
	int found;

	found = repo_account_by_id(ctx->store, &ctx->req->arena,
				   s->rec.account_id, &acc, &err);
	if (found < 0) {
		page_fail(ctx, &err);
		return;
	}
	if (found && code && strlen(code) == RECOVERY_CODE_LEN) {
		/* A recovery code instead of the app's code: spent once. */
		char hash[TOKEN_HEX + 1];
		int used;

		sha256_hex(code, strlen(code), hash);
		if (store_begin(ctx->store, &err) ||
		    (used = repo_recovery_use(ctx->store, acc.id, hash,
					      ctx->req->now, &err)) < 0 ||
		    (used && (repo_session_set_mfa_passed(ctx->store, s->rec.id,
							  &err) ||
			      page_audit(ctx, "login.recovery", "session", "",
					 "", &err))) ||
		    store_commit(ctx->store, &err)) {
			store_rollback(ctx->store);
			page_fail(ctx, &err);
			return;
		}
		if (used) {
			response_redirect(ctx->resp, "/settings");
			return;
		}
	}
	if (!found || !acc.mfa_secret || !code ||
	    !mfa_check(acc.mfa_secret, code, ctx->req->now)) {
		if (store_begin(ctx->store, &err) ||
		    page_audit(ctx, "login.mfa_failed", "session", "", "",
			       &err) ||
		    store_commit(ctx->store, &err)) {
			store_rollback(ctx->store);
			page_fail(ctx, &err);
			return;
		}
		response_redirect(ctx->resp, "/login/mfa?failed=1");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_session_set_mfa_passed(ctx->store, s->rec.id, &err) ||
	    page_audit(ctx, "login.mfa", "session", "", "", &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/");
}

static void logout(struct ctx *ctx, int everywhere)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;

	if (store_begin(ctx->store, &err) ||
	    page_audit(ctx, everywhere ? "logout.all" : "logout", "session", "",
		       "", &err) ||
	    (everywhere ? repo_session_delete_account(ctx->store,
						      s->rec.account_id, &err)
			: session_end(ctx->store, ctx->req, ctx->resp, &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	if (everywhere)
		session_clear_cookie(ctx->req, ctx->resp, SESSION_COOKIE);
	response_redirect(ctx->resp, "/login");
}

void page_logout(struct ctx *ctx)
{
	logout(ctx, 0);
}

void page_logout_all(struct ctx *ctx)
{
	logout(ctx, 1);
}

void page_lang_submit(struct ctx *ctx)
{
	const char *lang = request_form(ctx->req, "lang");
	struct error err = ERROR_INIT;

	if (!lang || (strcmp(lang, "ja") && strcmp(lang, "en"))) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	session_set_cookie(ctx->app, ctx->req, ctx->resp, LANG_COOKIE, lang,
			   365L * 24 * 3600);
	if (ctx->req->session) {
		if (store_begin(ctx->store, &err) ||
		    repo_account_set_lang(ctx->store,
					  ctx->req->session->rec.account_id,
					  lang, &err) ||
		    page_audit(ctx, "account.lang", "account",
			       ctx->req->session->rec.lang, lang, &err) ||
		    store_commit(ctx->store, &err)) {
			store_rollback(ctx->store);
			page_fail(ctx, &err);
			return;
		}
	}
	response_redirect(ctx->resp,
			  local_next(request_form(ctx->req, "next")));
}
