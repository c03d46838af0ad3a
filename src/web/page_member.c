/* page_member.c: the organisation's members and their roles (admins). */
#include "util/compat.h"

#include "core/organisation.h"
#include "store/repo_org.h"
#include "store/repo_session.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static const char *role_label(struct ctx *ctx, int r)
{
	return t(ctx, arena_printf(&ctx->req->arena, "role.%s",
				   role_name((enum role)r)));
}

/* Checkboxes for every role, those in checked ticked. */
static void role_boxes(struct ctx *ctx, role_set checked, const char *idp)
{
	struct strbuf *o = &ctx->resp->body;
	int r;

	html_lit(o, "<fieldset class=\"roles\"><legend>");
	page_t(ctx, "settings.roles");
	html_lit(o, "</legend>");
	for (r = 0; r < ROLE_COUNT; r++) {
		const char *id = arena_printf(&ctx->req->arena, "%s-%s", idp,
					      role_name((enum role)r));

		html_lit(o, "<label for=\"");
		html_attr(o, id);
		html_lit(o, "\"><input type=\"checkbox\" name=\"role\" id=\"");
		html_attr(o, id);
		html_lit(o, "\" value=\"");
		html_attr(o, role_name((enum role)r));
		html_lit(o, "\"");
		if (checked & ROLE_BIT(r))
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o, role_label(ctx, r));
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset>");
}

static void expires_input(struct ctx *ctx, const char *value, const char *id)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	page_t(ctx, "members.expires");
	html_lit(o, "</label><input type=\"date\" name=\"expires\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" value=\"");
	html_attr(o, value ? value : "");
	html_lit(o, "\">");
}

/* The members page; error (already translated) and a new password shown
 * at the top when set. */
static void members_page(struct ctx *ctx, const char *error_text,
			 const char *new_email, const char *new_password)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const struct session *s = ctx->req->session;
	struct member *rows;
	size_t count, i;
	int r;

	if (repo_member_list(ctx->store, &ctx->req->arena, s->rec.org_id, &rows,
			     &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "members.title"), NAV_MEMBERS);
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	if (new_password) {
		html_lit(o, "<p class=\"notice ok\" role=\"status\">");
		page_t(ctx, "members.password_shown");
		html_lit(o, "<br>");
		html_text(o, new_email);
		html_lit(o, " / <code id=\"new-password\">");
		html_text(o, new_password);
		html_lit(o, "</code></p>");
	}
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "field.display_name");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "settings.roles");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "members.mfa");
	html_lit(o, "</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const struct member *m = &rows[i];
		const char *idp = arena_printf(&ctx->req->arena, "m%lld",
					       (long long)m->account_id);
		const char *acc = arena_printf(&ctx->req->arena, "%lld",
					       (long long)m->account_id);

		html_lit(o, "<tr><td><strong>");
		html_text(o, m->display_name);
		html_lit(o, "</strong><br><small>");
		html_text(o, m->email);
		html_lit(o, "</small></td><td>");
		for (r = 0; r < ROLE_COUNT; r++)
			if (m->roles & ROLE_BIT(r)) {
				html_lit(o, "<span class=\"badge\">");
				html_text(o, role_label(ctx, r));
				html_lit(o, "</span> ");
			}
		if (m->expires_on) {
			html_lit(o, "<br><small>");
			page_t(ctx, "members.expires");
			html_lit(o, " ");
			html_text(o, m->expires_on);
			html_lit(o, "</small>");
		}
		html_lit(o, "</td><td>");
		page_t(ctx, m->mfa_enabled ? "word.yes" : "word.no");
		html_lit(o, "</td><td>");
		if (m->account_id != s->rec.account_id) {
			html_lit(o, "<details><summary>");
			page_t(ctx, "members.edit");
			html_lit(o,
				 "</summary><form method=\"post\" "
				 "action=\"/members/roles\" class=\"stack\">");
			page_csrf_field(ctx);
			html_hidden(o, "account", acc);
			role_boxes(ctx, m->roles, idp);
			expires_input(ctx, m->expires_on,
				      arena_printf(&ctx->req->arena, "%s-exp",
						   idp));
			html_lit(o, "<button type=\"submit\">");
			page_t(ctx, "members.save");
			html_lit(o, "</button></form><form method=\"post\" "
				    "action=\"/members/remove\">");
			page_csrf_field(ctx);
			html_hidden(o, "account", acc);
			html_lit(o, "<button type=\"submit\">");
			page_t(ctx, "members.remove");
			html_lit(o, "</button></form></details>");
		} else {
			page_t(ctx, "members.you");
		}
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table><h2>");
	page_t(ctx, "members.add");
	html_lit(o, "</h2><p>");
	page_t(ctx, "members.add_help");
	html_lit(o, "</p><form method=\"post\" action=\"/members\" "
		    "class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"new-email\">");
	page_t(ctx, "field.email");
	html_lit(o, "</label><input id=\"new-email\" name=\"email\" "
		    "type=\"email\" required><label for=\"new-name\">");
	page_t(ctx, "field.display_name");
	html_lit(o, "</label><input id=\"new-name\" name=\"name\" "
		    "maxlength=\"100\" required>");
	role_boxes(ctx, ROLE_BIT(ROLE_EMPLOYEE), "new");
	expires_input(ctx, NULL, "new-exp");
	html_lit(o, "<button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.add_submit");
	html_lit(o, "</button></form>");
	layout_end(ctx);
}

void page_members(struct ctx *ctx)
{
	members_page(ctx, NULL, NULL, NULL);
}

/* Reads the ticked roles and the end date; fills err on bad input. */
static int read_roles(struct ctx *ctx, role_set *roles, const char **expires,
		      struct error *err)
{
	struct date d;
	size_t i;

	*roles = 0;
	for (i = 0; i < ctx->req->form_count; i++) {
		enum role r;

		if (strcmp(ctx->req->form[i].name, "role"))
			continue;
		if (role_parse(ctx->req->form[i].value, &r))
			return error_set(err, ERROR_INPUT, "members.bad_role",
					 ctx->req->form[i].value, NULL);
		*roles |= ROLE_BIT(r);
	}
	if (!*roles)
		return error_set(err, ERROR_INPUT, "members.no_role", NULL);
	*expires = request_form(ctx->req, "expires");
	if (*expires && !**expires)
		*expires = NULL;
	if (*expires && parse_date(*expires, &d))
		return error_set(err, ERROR_INPUT, "members.bad_date", *expires,
				 NULL);
	/* An external auditor's access always ends. */
	if ((*roles & ROLE_BIT(ROLE_AUDITOR)) && !*expires)
		return error_set(err, ERROR_INPUT, "members.auditor_end", NULL);
	return 0;
}

static void show_error(struct ctx *ctx, const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;

	i18n_error_text(ctx, err, &msg);
	ctx->resp->status = 400;
	members_page(ctx, msg.buf, NULL, NULL);
	strbuf_release(&msg);
}

static const char *now_text(struct ctx *ctx)
{
	time_t tt = (time_t)ctx->req->now;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 32);

	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

void page_member_add(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const struct session *s = ctx->req->session;
	struct account acc = { 0, request_form(ctx->req, "email"),
			       request_form(ctx->req, "name"), now_text(ctx),
			       1 };
	const char *expires, *password = NULL;
	char hash[PASSWORD_HASH_MAX], generated[64];
	role_set roles;
	int64_t id;
	int found, r;

	if (!acc.email)
		acc.email = "";
	if (!acc.display_name)
		acc.display_name = "";
	if (account_validate(&acc, &err) ||
	    read_roles(ctx, &roles, &expires, &err)) {
		show_error(ctx, &err);
		return;
	}
	if (store_begin(ctx->store, &err))
		goto out_fail;
	found = repo_account_id_by_email(ctx->store, acc.email, &id, &err);
	if (found < 0)
		goto out_rollback;
	if (!found) {
		/* A new account gets a generated password, shown once. */
		password_generate(generated, sizeof(generated), 5);
		password = generated;
		if (password_hash(password, hash, &err) ||
		    repo_account_insert(ctx->store, &acc, hash, &id, &err))
			goto out_rollback;
	}
	for (r = 0; r < ROLE_COUNT; r++)
		if ((roles & ROLE_BIT(r)) &&
		    repo_membership_add(ctx->store, s->rec.org_id, id,
					(enum role)r, expires, acc.created_at,
					&err))
			goto out_rollback;
	if (page_audit(ctx, "member.add",
		       arena_printf(&ctx->req->arena, "account:%lld",
				    (long long)id),
		       "", acc.email, &err) ||
	    store_commit(ctx->store, &err))
		goto out_rollback;
	members_page(ctx, NULL, acc.email, password);
	return;
out_rollback:
	store_rollback(ctx->store);
	if (err.code == ERROR_CONFLICT) {
		/* Already a member with one of these roles. */
		error_set(&err, ERROR_CONFLICT, "members.exists", acc.email,
			  NULL);
		show_error(ctx, &err);
		return;
	}
out_fail:
	page_fail(ctx, &err);
}

/* The member named by the form, who must not be the user. */
static int target_account(struct ctx *ctx, int64_t *id)
{
	const char *q = request_form(ctx->req, "account");
	long v;

	if (!q || parse_long(q, 1, INT32_MAX, &v))
		return -1;
	*id = v;
	return v == ctx->req->session->rec.account_id ? -1 : 0;
}

void page_member_roles(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const struct session *s = ctx->req->session;
	const char *expires;
	role_set roles;
	int64_t id;
	int done;

	if (target_account(ctx, &id)) {
		page_error(ctx, 400, "members.not_self");
		return;
	}
	if (read_roles(ctx, &roles, &expires, &err)) {
		show_error(ctx, &err);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    (done = repo_member_set_roles(ctx->store, s->rec.org_id, id, roles,
					  expires, now_text(ctx), &err)) < 0 ||
	    (done && repo_session_end_member(ctx->store, s->rec.org_id, id, 0,
					     ctx->req->now, &err)) ||
	    (done && page_audit(ctx, "member.roles",
				arena_printf(&ctx->req->arena, "account:%lld",
					     (long long)id),
				"", "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	/* Not a member here: as if the account did not exist. */
	if (!done) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	response_redirect(ctx->resp, "/members");
}

void page_member_remove(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const struct session *s = ctx->req->session;
	int64_t id;
	int done;

	if (target_account(ctx, &id)) {
		page_error(ctx, 400, "members.not_self");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    (done = repo_member_remove(ctx->store, s->rec.org_id, id, &err)) <
		    0 ||
	    (done && repo_session_end_member(ctx->store, s->rec.org_id, id, 1,
					     ctx->req->now, &err)) ||
	    (done && page_audit(ctx, "member.remove",
				arena_printf(&ctx->req->arena, "account:%lld",
					     (long long)id),
				"", "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	if (!done) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	response_redirect(ctx->resp, "/members");
}
