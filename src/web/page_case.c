/* page_case.c: the incident-case library of the quick approach (LV1). */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"

static const char *tx(const struct ctx *ctx, const struct text *t)
{
	return text_get(t, ctx->req->lang);
}

/* A list whose items are the lines of text. */
static void lines_list(struct strbuf *o, const char *text, int ordered)
{
	const char *p = text;

	if (ordered)
		html_lit(o, "<ol>");
	else
		html_lit(o, "<ul>");
	while (*p) {
		size_t len = strcspn(p, "\n");
		struct strbuf item = STRBUF_INIT;

		strbuf_add(&item, p, len);
		html_lit(o, "<li>");
		html_text(o, item.buf);
		html_lit(o, "</li>");
		strbuf_release(&item);
		p += len + (p[len] == '\n');
	}
	if (ordered)
		html_lit(o, "</ol>");
	else
		html_lit(o, "</ul>");
}

void page_cases(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	layout_begin(ctx, t(ctx, "cases.title"), NAV_CASES);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "cases.lead");
	html_lit(o, "</p><ul class=\"cases\">");
	for (i = 0; i < cat->case_count; i++) {
		const struct incident_case *c = &cat->cases[i];

		html_lit(o, "<li class=\"card\"><h2><a href=\"/cases/");
		html_url_arg(o, c->id);
		html_lit(o, "\">");
		html_text(o, tx(ctx, &c->title));
		html_lit(o, "</a></h2><p><span class=\"badge\">");
		html_text(o, tx(ctx, &c->threat));
		html_lit(o, "</span> <span class=\"badge reg\">");
		html_text(o, t(ctx, arena_printf(&ctx->req->arena, "medium.%s",
						 medium_name(c->medium))));
		html_lit(o, "</span></p><p>");
		html_text(o, tx(ctx, &c->cause));
		html_lit(o, "</p></li>");
	}
	html_lit(o, "</ul>");
	layout_end(ctx);
}

void page_case_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct incident_case *c = catalog_case(cat, ctx->req->route_arg);
	size_t i;

	if (!c) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	layout_begin(ctx, tx(ctx, &c->title), NAV_CASES);
	html_lit(o, "<p><span class=\"badge\">");
	html_text(o, tx(ctx, &c->threat));
	html_lit(o, "</span> <span class=\"badge reg\">");
	html_text(o, t(ctx, arena_printf(&ctx->req->arena, "medium.%s",
					 medium_name(c->medium))));
	html_lit(o, "</span></p><section class=\"card\"><h2>");
	page_t(ctx, "cases.story");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->story));
	html_lit(o, "</p><h2>");
	page_t(ctx, "cases.cause");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->cause));
	html_lit(o, "</p><h2>");
	page_t(ctx, "cases.impact");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->impact));
	html_lit(o, "</p></section><section class=\"card\"><h2>");
	page_t(ctx, "cases.risks");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->risks), 0);
	html_lit(o, "<h2>");
	page_t(ctx, "cases.measures");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->measures), 0);
	html_lit(o, "<h2>");
	page_t(ctx, "cases.procedures");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->procedures), 1);
	html_lit(o, "</section><section><h2>");
	page_t(ctx, "cases.links");
	html_lit(o, "</h2><p class=\"links\">");
	for (i = 0; i < c->control_count; i++) {
		html_lit(o, "<a class=\"badge\" href=\"/controls/");
		html_url_arg(o, c->controls[i]->id);
		html_lit(o, "\">");
		html_text(o, c->controls[i]->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->controls[i]->title));
		html_lit(o, "</a> ");
	}
	for (i = 0; i < c->guideline_count; i++) {
		html_lit(o, "<a class=\"badge level\" href=\"/guideline/");
		html_url_arg(o, c->guideline[i]->id);
		html_lit(o, "\">");
		html_text(o, c->guideline[i]->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->guideline[i]->title));
		html_lit(o, "</a> ");
	}
	for (i = 0; i < c->regulation_count; i++) {
		html_lit(o, "<span class=\"badge reg\">");
		page_t(ctx, "diagnosis.regulation");
		html_lit(o, " ");
		html_long(o, c->regulations[i]->no);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->regulations[i]->title));
		html_lit(o, "</span> ");
	}
	html_lit(o, "</p><p>");
	page_t(ctx, "cases.diagnosis");
	for (i = 0; i < c->diagnosis_count; i++) {
		html_lit(o, " <span class=\"no\">");
		html_long(o, c->diagnosis[i]->no);
		html_lit(o, "</span>");
	}
	html_lit(o, "</p><p class=\"notice\">");
	page_t(ctx, "cases.next");
	html_lit(o, "</p></section><p><a href=\"/cases\">");
	page_t(ctx, "cases.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}
