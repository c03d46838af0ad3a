/* page_home.c: the home page: where the organisation stands, what's next. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

/* One step of the path: number, title, what it gives, and a link. */
static void step(struct ctx *ctx, const char *level, const char *title_key,
		 const char *text_key, const char *href)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li class=\"step\"><span class=\"level\">");
	html_text(o, level);
	html_lit(o, "</span><div><h3>");
	if (href) {
		html_lit(o, "<a href=\"");
		html_attr(o, href);
		html_lit(o, "\">");
		page_t(ctx, title_key);
		html_lit(o, "</a>");
	} else {
		page_t(ctx, title_key);
		html_lit(o, " <small class=\"planned\">");
		page_t(ctx, "nav.planned");
		html_lit(o, "</small>");
	}
	html_lit(o, "</h3><p>");
	page_t(ctx, text_key);
	html_lit(o, "</p></div></li>");
}

static void figure(struct ctx *ctx, const char *href, long n,
		   const char *label_key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<a class=\"figure\" href=\"");
	html_attr(o, href);
	html_lit(o, "\"><strong>");
	html_long(o, n);
	html_lit(o, "</strong><span>");
	page_t(ctx, label_key);
	html_lit(o, "</span></a>");
}

void page_home(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	size_t i;
	long l1 = 0;

	for (i = 0; i < cat->guideline_count; i++)
		if (cat->guideline[i].level == 1)
			l1++;
	layout_begin(ctx, t(ctx, "home.title"), NAV_HOME);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "home.lead");
	html_lit(o, "</p><section aria-labelledby=\"path\"><h2 id=\"path\">");
	page_t(ctx, "home.path");
	html_lit(o, "</h2><ol class=\"path\">");
	step(ctx, "LV1", "home.lv1", "home.lv1_text", NULL);
	step(ctx, "LV2", "home.lv2", "home.lv2_text", "/guideline?level=1");
	step(ctx, "LV3", "home.lv3", "home.lv3_text", "/controls");
	html_lit(o, "</ol></section><section aria-labelledby=\"refs\">"
		    "<h2 id=\"refs\">");
	page_t(ctx, "home.references");
	html_lit(o, "</h2><div class=\"figures\">");
	figure(ctx, "/controls", (long)cat->control_count, "home.controls");
	figure(ctx, "/guideline", (long)cat->guideline_count, "home.guideline");
	figure(ctx, "/guideline?level=1", l1, "home.guideline_l1");
	html_lit(o, "</div></section>");
	layout_end(ctx);
}
