/* page_settings.c: the user's own settings: password, MFA, sessions. */
#include "util/compat.h"

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
#include "web/pwcheck.h"
#include "web/request.h"
#include "web/session.h"
#include "core/validate.h"
#include "util/parse.h"

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

enum { RECOVERY_CODES = 10 };

/* What one rendering of the settings page shows beyond the usual. */
struct settings_view {
	const char *message;	   /* a message key shown at the top */
	const char *message_class; /* "error", "notice ok" … */
	const char *new_secret;	   /* keep this MFA secret in the form */
	const char *token;	   /* a new API token, shown this once */
	const char *codes[RECOVERY_CODES]; /* new recovery codes, once */
};

static void tokens_section(struct ctx *ctx, const struct settings_view *v);

/* The settings page with the extras of v. */
static void settings_view(struct ctx *ctx, const struct settings_view *v)
{
	const char *message = v->message, *message_class = v->message_class;
	const char *new_secret = v->new_secret;
	size_t i;

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
	if (v->codes[0]) {
		html_lit(o,
			 "<section class=\"notice ok\" aria-labelledby=\"rc\">"
			 "<h2 id=\"rc\">");
		page_t(ctx, "settings.recovery");
		html_lit(o, "</h2><p>");
		page_t(ctx, "settings.recovery_help");
		html_lit(o, "</p><ul class=\"codes\" id=\"recovery-codes\">");
		for (i = 0; i < RECOVERY_CODES && v->codes[i]; i++) {
			html_lit(o, "<li><code>");
			html_text(o, v->codes[i]);
			html_lit(o, "</code></li>");
		}
		html_lit(o, "</ul></section>");
	}
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
	html_lit(o, "</section>");
	tokens_section(ctx, v);
	html_lit(o, "<section aria-labelledby=\"sessions\">"
		    "<h2 id=\"sessions\">");
	page_t(ctx, "settings.sessions");
	html_lit(o, "</h2><form method=\"post\" action=\"/logout/all\">");
	page_csrf_field(ctx);
	html_lit(o, "<button type=\"submit\">");
	page_t(ctx, "settings.logout_all");
	html_lit(o, "</button></form></section>");
	layout_end(ctx);
}

/* The older three-argument form, for the common cases. */
static void settings_page(struct ctx *ctx, const char *message,
			  const char *message_class, const char *new_secret)
{
	struct settings_view v;

	memset(&v, 0, sizeof(v));
	v.message = message;
	v.message_class = message_class;
	v.new_secret = new_secret;
	settings_view(ctx, &v);
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
	const char *hashes[RECOVERY_CODES];
	struct settings_view v;
	size_t i;

	if (!secret || strlen(secret) != MFA_SECRET_B32 || !code ||
	    !mfa_check(secret, code, ctx->req->now)) {
		ctx->resp->status = 400;
		settings_page(ctx, "mfa.failed", "error",
			      secret && strlen(secret) == MFA_SECRET_B32
				      ? secret
				      : NULL);
		return;
	}
	memset(&v, 0, sizeof(v));
	for (i = 0; i < RECOVERY_CODES; i++) {
		char *rc = arena_alloc(&ctx->req->arena, 32);
		char *hash = arena_alloc(&ctx->req->arena, TOKEN_HEX + 1);

		password_generate(rc, 32, 4);
		sha256_hex(rc, strlen(rc), hash);
		v.codes[i] = rc;
		hashes[i] = hash;
	}
	if (store_begin(ctx->store, &err) ||
	    commit_change(
		    ctx,
		    repo_account_set_mfa(ctx->store, s->rec.account_id, secret,
					 1, &err) ||
			    repo_session_set_mfa_passed(ctx->store, s->rec.id,
							&err) ||
			    repo_recovery_replace(ctx->store, s->rec.account_id,
						  hashes, RECOVERY_CODES, &err),
		    "account.mfa_on", &err)) {
		page_fail(ctx, &err);
		return;
	}
	/* The codes are shown on this page only: no redirect, no cache. */
	s->rec.mfa_enabled = 1;
	v.message = "settings.mfa_done";
	v.message_class = "notice ok";
	settings_view(ctx, &v);
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

static const char *date_text(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 16);

	gmtime_r(&tt, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}

static void tokens_section(struct ctx *ctx, const struct settings_view *v)
{
	struct strbuf *o = &ctx->resp->body;
	const struct session *s = ctx->req->session;
	struct error err = ERROR_INIT;
	struct api_token *rows;
	size_t count, i;

	html_lit(o, "<section aria-labelledby=\"tokens\"><h2 id=\"tokens\">");
	page_t(ctx, "settings.tokens");
	html_lit(o, "</h2><p>");
	page_t(ctx, "settings.tokens_help");
	html_lit(o, "</p>");
	if (v->token) {
		html_lit(o, "<p class=\"notice ok\" role=\"status\">");
		page_t(ctx, "settings.token_shown");
		html_lit(o, "<br><code id=\"new-token\">");
		html_text(o, v->token);
		html_lit(o, "</code></p>");
	}
	if (!repo_token_list(ctx->store, &ctx->req->arena, s->rec.org_id,
			     s->rec.account_id, &rows, &count, &err) &&
	    count) {
		html_lit(o,
			 "<table class=\"list\"><thead><tr><th scope=\"col\">");
		page_t(ctx, "settings.token_name");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "settings.token_scope");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "settings.token_expires");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "settings.token_used");
		html_lit(o, "</th><th></th></tr></thead><tbody>");
		for (i = 0; i < count; i++) {
			html_lit(o, "<tr><td>");
			html_text(o, rows[i].name);
			html_lit(o, "</td><td>");
			page_t(ctx, strcmp(rows[i].scope, "write")
					    ? "settings.scope_read"
					    : "settings.scope_write");
			html_lit(o, "</td><td>");
			html_text(o, rows[i].expires_on);
			html_lit(o, "</td><td>");
			html_text(o,
				  rows[i].last_used_at
					  ? date_text(ctx, rows[i].last_used_at)
					  : "—");
			html_lit(o, "</td><td>");
			if (rows[i].revoked_at) {
				page_t(ctx, "settings.token_revoked");
			} else {
				html_lit(o,
					 "<form method=\"post\" "
					 "action=\"/settings/tokens/revoke\" "
					 "class=\"inline\">");
				page_csrf_field(ctx);
				html_hidden(
					o, "id",
					arena_printf(&ctx->req->arena, "%lld",
						     (long long)rows[i].id));
				html_lit(o, "<button type=\"submit\">");
				page_t(ctx, "settings.token_revoke");
				html_lit(o, "</button></form>");
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table>");
	}
	html_lit(o, "<form method=\"post\" action=\"/settings/tokens\" "
		    "class=\"filters\">");
	page_csrf_field(ctx);
	html_lit(o, "<label>");
	page_t(ctx, "settings.token_name");
	html_lit(o, " <input name=\"name\" maxlength=\"100\" required></label>"
		    "<label>");
	page_t(ctx, "settings.token_scope");
	html_lit(o, " <select name=\"scope\">");
	html_option(o, "read", t(ctx, "settings.scope_read"), 1);
	html_option(o, "write", t(ctx, "settings.scope_write"), 0);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "settings.token_days");
	html_lit(o, " <input name=\"days\" type=\"number\" min=\"1\" "
		    "max=\"365\" value=\"90\" required></label>"
		    "<button type=\"submit\">");
	page_t(ctx, "settings.token_create");
	html_lit(o, "</button></form></section>");
}

void page_token_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	const char *name = request_form(ctx->req, "name");
	const char *scope = request_form(ctx->req, "scope");
	const char *days_q = request_form(ctx->req, "days");
	struct settings_view v;
	char secret[TOKEN_HEX + 1], hash[TOKEN_HEX + 1];
	const char *token, *expires;
	int days;
	int64_t id;

	if (!name || validate_text("settings.token_name", name, 1, 100, &err) ||
	    !scope || (strcmp(scope, "read") && strcmp(scope, "write")) ||
	    !days_q || parse_int(days_q, 1, 365, &days)) {
		ctx->resp->status = 400;
		settings_page(ctx, err.key[0] ? err.key : "http.bad_form",
			      "error", NULL);
		return;
	}
	secret_token(secret);
	token = arena_printf(&ctx->req->arena, "mmr_%s", secret);
	sha256_hex(token, strlen(token), hash);
	expires = date_text(ctx, ctx->req->now + (int64_t)days * 86400);
	if (store_begin(ctx->store, &err) ||
	    repo_token_insert(ctx->store, s->rec.org_id, s->rec.account_id,
			      name, hash, scope, expires, ctx->req->now, &id,
			      &err) ||
	    page_audit(ctx, "token.create",
		       arena_printf(&ctx->req->arena, "token:%lld",
				    (long long)id),
		       "", scope, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.token = token;
	settings_view(ctx, &v);
}

void page_token_revoke(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	const char *id_q = request_form(ctx->req, "id");
	long id;
	int done;

	if (!id_q || parse_long(id_q, 1, INT64_MAX, &id)) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    (done = repo_token_revoke(ctx->store, s->rec.org_id,
				      s->rec.account_id, id, ctx->req->now,
				      &err)) < 0 ||
	    (done && page_audit(ctx, "token.revoke",
				arena_printf(&ctx->req->arena, "token:%ld", id),
				"", "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	/* Someone else's token, or one already revoked: the same answer as
	 * a missing one. */
	if (!done) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	response_redirect(ctx->resp, "/settings#tokens");
}
