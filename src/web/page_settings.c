/* page_settings.c: the user's own settings: password, MFA, sessions. */
#include "util/compat.h"

#include "store/repo_session.h"
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
#include "web/pwcheck.h"
#include "web/request.h"
#include "web/session.h"

/* Returns 1 when the session's roles administer the organisation. */
static int admin_roles(const struct session *s)
{
	int r;

	for (r = 0; r < ROLE_COUNT; r++)
		if ((s->rec.roles & ROLE_BIT(r)) && role_is_admin((enum role)r))
			return 1;
	return 0;
}

static void notice(struct ctx *ctx, const char *cls, const char *key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p class=\"");
	html_attr(o, cls);
	html_lit(o, "\" role=\"status\">");
	page_t(ctx, key);
	html_lit(o, "</p>");
}

/* The settings page; message (a key) is shown at the top when set. */
static void settings_page(struct ctx *ctx, const char *message,
			  const char *message_class, const char *new_secret)
{
	struct strbuf *o = &ctx->resp->body;
	const struct session *s = ctx->req->session;
	const char *done = request_query(ctx->req, "done");
	int r;

	layout_begin(ctx, t(ctx, "settings.title"), NAV_SETTINGS);
	if (message)
		notice(ctx, message_class, message);
	else if (done && !strcmp(done, "password"))
		notice(ctx, "notice ok", "settings.password_done");
	else if (done && !strcmp(done, "mfa"))
		notice(ctx, "notice ok", "settings.mfa_done");
	if (s->rec.must_change_password)
		notice(ctx, "notice warn", "settings.must_change");
	if (admin_roles(s) && !s->rec.mfa_enabled)
		notice(ctx, "notice warn", "settings.mfa_required");
	html_lit(o, "<section aria-labelledby=\"me\"><h2 id=\"me\">");
	page_t(ctx, "settings.account");
	html_lit(o, "</h2><dl class=\"facts\"><dt>");
	page_t(ctx, "field.email");
	html_lit(o, "</dt><dd>");
	html_text(o, s->rec.email);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "settings.roles");
	html_lit(o, "</dt><dd>");
	for (r = 0; r < ROLE_COUNT; r++) {
		if (!(s->rec.roles & ROLE_BIT(r)))
			continue;
		html_lit(o, "<span class=\"badge\">");
		html_text(o, t(ctx, arena_printf(&ctx->req->arena, "role.%s",
						 role_name((enum role)r))));
		html_lit(o, "</span> ");
	}
	html_lit(o, "</dd></dl></section>");

	html_lit(o, "<section aria-labelledby=\"pw\"><h2 id=\"pw\">");
	page_t(ctx, "settings.password");
	html_lit(o, "</h2><p>");
	page_t(ctx, "settings.password_help");
	html_lit(o, "</p><form method=\"post\" action=\"/settings/password\" "
		    "class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"current\">");
	page_t(ctx, "settings.current_password");
	html_lit(o, "</label><input id=\"current\" name=\"current\" "
		    "type=\"password\" autocomplete=\"current-password\" "
		    "required><label for=\"new\">");
	page_t(ctx, "settings.new_password");
	html_lit(o, "</label><input id=\"new\" name=\"new\" type=\"password\" "
		    "autocomplete=\"new-password\" minlength=\"12\" required>"
		    "<button type=\"submit\">");
	page_t(ctx, "settings.change_password");
	html_lit(o, "</button></form></section>");

	html_lit(o, "<section aria-labelledby=\"mfa\" id=\"mfa-section\">"
		    "<h2 id=\"mfa\">");
	page_t(ctx, "settings.mfa");
	html_lit(o, "</h2>");
	if (s->rec.mfa_enabled) {
		html_lit(o, "<p>");
		page_t(ctx, "settings.mfa_on");
		html_lit(
			o,
			"</p><form method=\"post\" "
			"action=\"/settings/mfa/off\" class=\"stack narrow\">");
		page_csrf_field(ctx);
		html_lit(o, "<label for=\"off-code\">");
		page_t(ctx, "mfa.code");
		html_lit(o,
			 "</label><input id=\"off-code\" name=\"code\" "
			 "inputmode=\"numeric\" pattern=\"[0-9]{6}\" "
			 "maxlength=\"6\" required><button type=\"submit\">");
		page_t(ctx, "settings.mfa_disable");
		html_lit(o, "</button></form>");
	} else {
		char secret[MFA_SECRET_B32 + 1];

		if (new_secret)
			snprintf(secret, sizeof(secret), "%s", new_secret);
		else
			mfa_secret_new(secret);
		html_lit(o, "<p>");
		page_t(ctx, "settings.mfa_help");
		html_lit(o, "</p><p class=\"secret\"><code id=\"mfa-secret\">");
		html_text(o, secret);
		html_lit(o, "</code></p><p class=\"small\">otpauth://totp/"
			    "mamori:");
		html_url_arg(o, s->rec.email);
		html_lit(o, "?secret=");
		html_text(o, secret);
		html_lit(o, "&amp;issuer=mamori</p><form method=\"post\" "
			    "action=\"/settings/mfa\" class=\"stack narrow\">");
		page_csrf_field(ctx);
		html_hidden(o, "secret", secret);
		html_lit(o, "<label for=\"code\">");
		page_t(ctx, "mfa.code");
		html_lit(o,
			 "</label><input id=\"code\" name=\"code\" "
			 "inputmode=\"numeric\" autocomplete=\"one-time-code\" "
			 "pattern=\"[0-9]{6}\" maxlength=\"6\" required>"
			 "<button type=\"submit\" class=\"primary\">");
		page_t(ctx, "settings.mfa_enable");
		html_lit(o, "</button></form>");
	}
	html_lit(o, "</section><section aria-labelledby=\"sessions\">"
		    "<h2 id=\"sessions\">");
	page_t(ctx, "settings.sessions");
	html_lit(o, "</h2><form method=\"post\" action=\"/logout/all\">");
	page_csrf_field(ctx);
	html_lit(o, "<button type=\"submit\">");
	page_t(ctx, "settings.logout_all");
	html_lit(o, "</button></form></section>");
	layout_end(ctx);
}

void page_settings(struct ctx *ctx)
{
	settings_page(ctx, NULL, NULL, NULL);
}

/* Runs a change of the account with its audit event in one transaction. */
static int commit_change(struct ctx *ctx, int rc, const char *action,
			 struct error *err)
{
	if (rc ||
	    page_audit(
		    ctx, action,
		    arena_printf(&ctx->req->arena, "account:%lld",
				 (long long)ctx->req->session->rec.account_id),
		    "", "", err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		return -1;
	}
	return 0;
}

void page_settings_password(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	const char *current = request_form(ctx->req, "current");
	const char *fresh = request_form(ctx->req, "new");
	struct login_account acc;
	char hash[PASSWORD_HASH_MAX];
	int found;

	found = repo_account_by_id(ctx->store, &ctx->req->arena,
				   s->rec.account_id, &acc, &err);
	if (found <= 0) {
		page_fail(ctx, &err);
		return;
	}
	if (!current || !fresh ||
	    !password_verify(acc.password_hash, current)) {
		ctx->resp->status = 400;
		settings_page(ctx, "settings.wrong_password", "error", NULL);
		return;
	}
	if (pwcheck(fresh, acc.email, &err)) {
		ctx->resp->status = 400;
		settings_page(ctx, err.key, "error", NULL);
		return;
	}
	if (password_hash(fresh, hash, &err) || store_begin(ctx->store, &err)) {
		page_fail(ctx, &err);
		return;
	}
	/* A new password ends every other session of the account; this one
	 * gets a fresh token too. */
	if (commit_change(ctx,
			  repo_account_set_password(ctx->store, acc.id, hash,
						    &err) ||
				  repo_session_delete_account(ctx->store,
							      acc.id, &err),
			  "account.password", &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    session_start(ctx->app, ctx->store, ctx->req, ctx->resp, acc.id,
			  s->rec.org_id, 1, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/settings?done=password");
}

void page_settings_mfa(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	const char *secret = request_form(ctx->req, "secret");
	const char *code = request_form(ctx->req, "code");

	if (!secret || strlen(secret) != MFA_SECRET_B32 || !code ||
	    !mfa_check(secret, code, ctx->req->now)) {
		ctx->resp->status = 400;
		settings_page(ctx, "mfa.failed", "error",
			      secret && strlen(secret) == MFA_SECRET_B32
				      ? secret
				      : NULL);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    commit_change(ctx,
			  repo_account_set_mfa(ctx->store, s->rec.account_id,
					       secret, 1, &err) ||
				  repo_session_set_mfa_passed(ctx->store,
							      s->rec.id, &err),
			  "account.mfa_on", &err)) {
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/settings?done=mfa");
}

void page_settings_mfa_off(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	const char *code = request_form(ctx->req, "code");
	struct login_account acc;
	int found;

	found = repo_account_by_id(ctx->store, &ctx->req->arena,
				   s->rec.account_id, &acc, &err);
	if (found <= 0) {
		page_fail(ctx, &err);
		return;
	}
	if (!acc.mfa_secret || !code ||
	    !mfa_check(acc.mfa_secret, code, ctx->req->now)) {
		ctx->resp->status = 400;
		settings_page(ctx, "mfa.failed", "error", NULL);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    commit_change(ctx,
			  repo_account_set_mfa(ctx->store, acc.id, NULL, 0,
					       &err),
			  "account.mfa_off", &err)) {
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/settings");
}
