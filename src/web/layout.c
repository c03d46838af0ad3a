/* layout.c: the page around every screen: head, navigation, footer. */
#include "util/compat.h"
#include "web/layout.h"

#include "core/text.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/html.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

void layout_url_arg(struct strbuf *out, const char *s)
{
	html_url_arg(out, s);
}

/*
 * An asset's address carries its content hash (?v=…), so the browser may
 * keep it for a year: a new build changes the address, not the content.
 */
static void asset_url(struct ctx *ctx, const char *name)
{
	struct strbuf *o = &ctx->resp->body;
	const struct web_asset *a = web_asset_find(ctx->app->assets, name);

	html_lit(o, "/static/");
	html_attr(o, name);
	if (a) {
		struct strbuf v = STRBUF_INIT;

		/* The ETag without its quotes. */
		strbuf_add(&v, a->etag + 1, strlen(a->etag) - 2);
		html_lit(o, "?v=");
		html_url_arg(o, v.buf);
		strbuf_release(&v);
	}
}

static void head(struct ctx *ctx, const char *title)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(o, lang_code(ctx->req->lang));
	html_lit(o, "\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\"><title>");
	html_text(o, title);
	html_lit(o, " — mamori</title>"
		    "<link rel=\"stylesheet\" href=\"");
	asset_url(ctx, "style.css");
	html_lit(o, "\"><link rel=\"icon\" href=\"");
	asset_url(ctx, "favicon.svg");
	html_lit(o, "\"><script src=\"");
	asset_url(ctx, "app.js");
	html_lit(o, "\" defer></script></head>");
}

/* One navigation link; aria-current marks the page the user is on. */
static void nav_link(struct ctx *ctx, const char *href, const char *key,
		     int current)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li><a href=\"");
	html_attr(o, href);
	html_lit(o, "\"");
	if (current)
		html_lit(o, " aria-current=\"page\"");
	html_lit(o, ">");
	page_t(ctx, key);
	html_lit(o, "</a></li>");
}

/* A planned entry of the path: shown so the road is visible, not a link. */
static void nav_planned(struct ctx *ctx, const char *key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li><span class=\"planned\">");
	page_t(ctx, key);
	html_lit(o, " <small>");
	page_t(ctx, "nav.planned");
	html_lit(o, "</small></span></li>");
}

static void nav_group(struct ctx *ctx, const char *key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li class=\"group\"><span>");
	page_t(ctx, key);
	html_lit(o, "</span><ul>");
}

static void navigation(struct ctx *ctx, enum nav cur)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<nav class=\"side\" aria-label=\"");
	page_t(ctx, "nav.label");
	html_lit(o, "\"><ul>");
	nav_link(ctx, "/", "nav.home", cur == NAV_HOME);
	nav_link(ctx, "/start", "nav.start", cur == NAV_START);
	nav_group(ctx, "nav.lv1");
	nav_link(ctx, "/five", "nav.five_points", cur == NAV_FIVE);
	nav_link(ctx, "/cases", "nav.cases", cur == NAV_CASES);
	html_lit(o, "</ul></li>");
	nav_group(ctx, "nav.lv2");
	nav_link(ctx, "/diagnosis", "nav.diagnosis", cur == NAV_DIAGNOSIS);
	nav_link(ctx, "/policy", "nav.policy", cur == NAV_POLICY);
	nav_link(ctx, "/executive", "nav.executive", cur == NAV_EXECUTIVE);
	nav_link(ctx, "/handbook", "nav.handbook", cur == NAV_HANDBOOK);
	nav_link(ctx, "/cloud", "nav.cloud", cur == NAV_CLOUD);
	nav_link(ctx, "/checklist", "nav.guideline",
		 cur == NAV_CHECKLIST || cur == NAV_GUIDELINE);
	html_lit(o, "</ul></li>");
	nav_group(ctx, "nav.lv3");
	nav_link(ctx, "/assets", "nav.assets", cur == NAV_ASSETS);
	nav_link(ctx, "/risks", "nav.risks", cur == NAV_RISKS);
	nav_link(ctx, "/plan", "nav.treatment_plan", cur == NAV_PLAN);
	nav_link(ctx, "/soa", "nav.soa", cur == NAV_SOA);
	nav_link(ctx, "/documents", "nav.documents", cur == NAV_DOCUMENTS);
	nav_link(ctx, "/controls", "nav.controls", cur == NAV_CONTROLS);
	nav_planned(ctx, "nav.do");
	nav_planned(ctx, "nav.check");
	nav_planned(ctx, "nav.act");
	html_lit(o, "</ul></li>");
	nav_group(ctx, "nav.admin");
	nav_link(ctx, "/audit", "nav.audit", cur == NAV_AUDIT);
	if (ctx->req->session &&
	    permission_granted(ctx->req->session->rec.roles, PERM_AUDIT_VIEW))
		nav_link(ctx, "/pack", "nav.pack", cur == NAV_PACK);
	nav_link(ctx, "/orgs", "nav.orgs", cur == NAV_ORGS);
	if (ctx->req->session &&
	    permission_granted(ctx->req->session->rec.roles, PERM_ADMIN)) {
		nav_link(ctx, "/members", "nav.members", cur == NAV_MEMBERS);
		nav_link(ctx, "/backup", "nav.backup", cur == NAV_BACKUP);
	}
	nav_link(ctx, "/settings", "nav.settings", cur == NAV_SETTINGS);
	html_lit(o, "</ul></li></ul></nav>");
}

void layout_begin(struct ctx *ctx, const char *title, enum nav current)
{
	struct strbuf *o = &ctx->resp->body;
	const struct session *s = ctx->req->session;

	/* A register page of 100 rows is 60 kB: grow once, not ten times. */
	strbuf_grow(o, 64 * 1024);
	head(ctx, title);
	html_lit(o, "<body><a class=\"skip\" href=\"#main\">");
	page_t(ctx, "nav.skip");
	html_lit(o, "</a><header class=\"top\"><a class=\"brand\" href=\"/\">"
		    "<span class=\"mark\" aria-hidden=\"true\">守</span>"
		    "mamori</a>");
	if (s) {
		html_lit(o, "<span class=\"org\">");
		html_text(o, s->rec.org_name);
		if (s->rec.org_is_sample) {
			html_lit(o, " <span class=\"badge sample\">");
			page_t(ctx, "org.sample");
			html_lit(o, "</span>");
		}
		html_lit(o, "</span>");
		/* After a form was sent, its address cannot be shown again. */
		layout_lang_switch(ctx, s->rec.csrf_token,
				   ctx->req->method == HTTP_GET ? ctx->req->path
								: "/",
				   "inline");
		html_lit(o, "<span class=\"user\">");
		html_text(o, s->rec.display_name);
		html_lit(o, "</span><form method=\"post\" action=\"/logout\" "
			    "class=\"inline\">");
		page_csrf_field(ctx);
		html_lit(o, "<button type=\"submit\" class=\"link\">");
		page_t(ctx, "nav.logout");
		html_lit(o, "</button></form>");
	}
	html_lit(o, "</header><div class=\"shell\">");
	navigation(ctx, current);
	html_lit(o, "<main id=\"main\" tabindex=\"-1\"><h1>");
	html_text(o, title);
	html_lit(o, "</h1>");
	if (s && s->rec.org_is_sample) {
		html_lit(o, "<p class=\"notice sample\">");
		page_t(ctx, "org.sample_notice");
		html_lit(o, "</p>");
	}
}

void layout_end(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "</main></div><footer class=\"foot\"><span>mamori</span>"
		    "<span>");
	page_t(ctx, "footer.tagline");
	html_lit(o, "</span></footer></body></html>\n");
}

void layout_lang_switch(struct ctx *ctx, const char *csrf, const char *next,
			const char *form_class)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<form method=\"post\" action=\"/lang\" class=\"");
	html_attr(o, form_class);
	html_lit(o, "\">");
	html_hidden(o, "csrf", csrf);
	html_hidden(o, "next", next);
	/* Each language is named in itself, so either reader finds it. */
	if (ctx->req->lang == LANG_JA)
		html_lit(o, "<button type=\"submit\" name=\"lang\" "
			    "value=\"en\" class=\"link\" lang=\"en\">"
			    "English</button>");
	else
		html_lit(o, "<button type=\"submit\" name=\"lang\" "
			    "value=\"ja\" class=\"link\" lang=\"ja\">"
			    "日本語</button>");
	html_lit(o, "</form>");
}

void layout_begin_bare(struct ctx *ctx, const char *title)
{
	struct strbuf *o = &ctx->resp->body;

	head(ctx, title);
	html_lit(o, "<body class=\"bare\"><main id=\"main\" class=\"card\">"
		    "<p class=\"brand\"><span class=\"mark\" "
		    "aria-hidden=\"true\">守</span>mamori</p><h1>");
	html_text(o, title);
	html_lit(o, "</h1>");
}

void layout_end_bare(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "</main></body></html>\n");
}

void layout_begin_print(struct ctx *ctx, const char *title)
{
	struct strbuf *o = &ctx->resp->body;
	const struct session *s = ctx->req->session;
	static const char *const seals[] = { "print.approve", "print.check",
					     "print.author" };
	size_t i;

	head(ctx, title);
	html_lit(o, "<body class=\"paper\"><header class=\"paper-head\">"
		    "<div><p class=\"paper-org\">");
	html_text(o, s ? s->rec.org_name : "");
	html_lit(o, "</p><p class=\"paper-note\">");
	page_t(ctx, "print.hint");
	html_lit(o, "</p></div><table class=\"seals\"><tr>");
	for (i = 0; i < ARRAY_SIZE(seals); i++) {
		html_lit(o, "<th scope=\"col\">");
		page_t(ctx, seals[i]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr><tr><td></td><td></td><td></td></tr></table>"
		    "</header><main id=\"main\">");
}

void layout_end_print(struct ctx *ctx)
{
	html_lit(&ctx->resp->body, "</main></body></html>\n");
}
