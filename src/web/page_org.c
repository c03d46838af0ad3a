/* page_org.c: the organisations of the user: list, switch, create. */
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
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static void orgs_page(struct ctx *ctx, const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct account_org *orgs;
	size_t count, i;
	const struct session *s = ctx->req->session;

	if (repo_account_orgs(ctx->store, &ctx->req->arena, s->rec.account_id,
			      session_today(ctx->req), &orgs, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "orgs.title"), NAV_ORGS);
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<ul class=\"orgs\">");
	for (i = 0; i < count; i++) {
		html_lit(o,
			 "<li><form method=\"post\" action=\"/orgs/switch\">");
		page_csrf_field(ctx);
		html_hidden(o, "org",
			    arena_printf(&ctx->req->arena, "%lld",
					 (long long)orgs[i].org_id));
		html_lit(o, "<strong>");
		html_text(o, orgs[i].name);
		html_lit(o, "</strong> ");
		if (orgs[i].is_sample) {
			html_lit(o, "<span class=\"badge sample\">");
			page_t(ctx, "org.sample");
			html_lit(o, "</span> ");
		}
		if (orgs[i].org_id == s->rec.org_id) {
			html_lit(o, "<span class=\"badge\">");
			page_t(ctx, "orgs.current");
			html_lit(o, "</span>");
		} else {
			html_lit(o, "<button type=\"submit\">");
			page_t(ctx, "orgs.switch");
			html_lit(o, "</button>");
		}
		html_lit(o, "</form></li>");
	}
	html_lit(o, "</ul>");
	if (permission_granted(s->rec.roles, PERM_ADMIN)) {
		html_lit(o, "<h2>");
		page_t(ctx, "orgs.create");
		html_lit(o, "</h2><form method=\"post\" action=\"/orgs\" "
			    "class=\"stack narrow\">");
		page_csrf_field(ctx);
		html_lit(o, "<label for=\"name\">");
		page_t(ctx, "field.org_name");
		html_lit(o, "</label><input id=\"name\" name=\"name\" "
			    "maxlength=\"200\" required><button "
			    "type=\"submit\">");
		page_t(ctx, "orgs.create_submit");
		html_lit(o, "</button></form>");
	}
	layout_end(ctx);
}

void page_orgs(struct ctx *ctx)
{
	orgs_page(ctx, NULL);
}

void page_org_switch(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *arg = request_form(ctx->req, "org");
	const struct session *s = ctx->req->session;
	struct account_org *orgs;
	size_t count, i;
	long id;

	if (!arg || parse_long(arg, 1, INT32_MAX, &id)) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (repo_account_orgs(ctx->store, &ctx->req->arena, s->rec.account_id,
			      session_today(ctx->req), &orgs, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	for (i = 0; i < count && orgs[i].org_id != id; i++)
		;
	/* Not a member there: the same answer as a missing organisation. */
	if (i == count) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	/* A new organisation is a change of privilege: new token. */
	if (store_begin(ctx->store, &err) ||
	    page_audit(ctx, "session.switch_org",
		       arena_printf(&ctx->req->arena, "organisation:%ld", id),
		       "", "", &err) ||
	    session_end(ctx->store, ctx->req, ctx->resp, &err) ||
	    session_start(ctx->app, ctx->store, ctx->req, ctx->resp,
			  s->rec.account_id, id, s->rec.mfa_passed, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/");
}

void page_org_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf msg = STRBUF_INIT;
	const struct session *s = ctx->req->session;
	struct organisation org = { 0, request_form(ctx->req, "name"), 0,
				    NULL };
	char now[32];
	time_t tt = (time_t)ctx->req->now;
	struct tm tm;
	int64_t id;

	gmtime_r(&tt, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	org.created_at = now;
	if (!org.name)
		org.name = "";
	if (organisation_validate(&org, &err)) {
		ctx->resp->status = 400;
		i18n_error_text(ctx, &err, &msg);
		orgs_page(ctx, msg.buf);
		strbuf_release(&msg);
		return;
	}
	/* The creator administers the new, empty organisation. */
	if (store_begin(ctx->store, &err) ||
	    repo_org_insert(ctx->store, &org, &id, &err) ||
	    repo_membership_add(ctx->store, id, s->rec.account_id,
				ROLE_SECURITY_LEAD, NULL, now, &err) ||
	    page_audit(ctx, "org.create",
		       arena_printf(&ctx->req->arena, "organisation:%lld",
				    (long long)id),
		       "", org.name, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/orgs");
}
