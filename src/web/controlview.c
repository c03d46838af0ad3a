/* controlview.c: what points at a control, shown the same everywhere. */
#include "util/compat.h"
#include "web/controlview.h"

#include "catalog/catalog.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/page.h"
#include "web/request.h"

static const char *tx(const struct ctx *ctx, const struct text *text)
{
	return text_get(text, ctx->req->lang);
}

void controlview_crosswalk(struct ctx *ctx, const struct control *c,
			   const char *related_base)
{
	struct strbuf *o = &ctx->resp->body;
	struct control_refs refs;
	size_t i;

	catalog_control_refs(ctx->app->cat, c, &ctx->req->arena, &refs);
	/* The related controls first: the chain an auditor follows (5.12
	 * classification -> 5.13 labelling -> 5.18 access rights). */
	if (c->related_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "col.related");
		html_lit(o, "</h2><ul class=\"refs\">");
		for (i = 0; i < c->related_count; i++) {
			html_lit(o, "<li>");
			html_lit(o, "<a href=\"");
			html_attr(o, related_base);
			html_url_arg(o, c->related[i]->id);
			html_lit(o, "\">");
			html_text(o, c->related[i]->id);
			html_lit(o, "</a>");
			html_lit(o, " ");
			html_text(o, tx(ctx, &c->related[i]->title));
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul>");
	}
	if (refs.guideline_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "controls.guideline_items");
		html_lit(o, "</h2><ul class=\"refs\">");
	}
	for (i = 0; i < refs.guideline_count; i++) {
		const struct guideline_item *g = refs.guideline[i];

		html_lit(o, "<li><a href=\"/guideline/");
		html_url_arg(o, g->id);
		html_lit(o, "\">");
		html_text(o, g->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &g->title));
		html_lit(o, "</a> <span class=\"badge\">L");
		html_long(o, g->level);
		html_lit(o, "</span></li>");
	}
	if (refs.guideline_count)
		html_lit(o, "</ul>");
	if (refs.diagnosis_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "controls.diagnosis_items");
		html_lit(o, "</h2><ul class=\"refs\">");
	}
	for (i = 0; i < refs.diagnosis_count; i++) {
		html_lit(o, "<li><a href=\"/diagnosis\">");
		html_long(o, refs.diagnosis[i]->no);
		html_lit(o, ".</a> ");
		html_text(o, tx(ctx, &refs.diagnosis[i]->question));
		html_lit(o, "</li>");
	}
	if (refs.diagnosis_count)
		html_lit(o, "</ul>");
	if (refs.regulation_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "controls.regulations");
		html_lit(o, "</h2><ul class=\"refs\">");
	}
	for (i = 0; i < refs.regulation_count; i++) {
		html_lit(o, "<li>");
		page_t(ctx, "diagnosis.regulation");
		html_lit(o, " ");
		html_long(o, refs.regulations[i]->no);
		html_lit(o, " ");
		html_text(o, tx(ctx, &refs.regulations[i]->title));
		html_lit(o, "</li>");
	}
	if (refs.regulation_count)
		html_lit(o, "</ul>");
	if (refs.case_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "controls.cases");
		html_lit(o, "</h2><ul class=\"refs\">");
	}
	for (i = 0; i < refs.case_count; i++) {
		html_lit(o, "<li><a href=\"/cases/");
		html_url_arg(o, refs.cases[i]->id);
		html_lit(o, "\">");
		html_text(o, tx(ctx, &refs.cases[i]->title));
		html_lit(o, "</a></li>");
	}
	if (refs.case_count)
		html_lit(o, "</ul>");
	if (refs.vulnerability_count) {
		html_lit(o, "<h2>");
		page_t(ctx, "controls.vulnerabilities");
		html_lit(o, "</h2><ul class=\"refs\">");
	}
	for (i = 0; i < refs.vulnerability_count; i++) {
		html_lit(o, "<li>");
		html_text(o, refs.vulnerabilities[i]->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &refs.vulnerabilities[i]->title));
		html_lit(o, "</li>");
	}
	if (refs.vulnerability_count)
		html_lit(o, "</ul>");
}
