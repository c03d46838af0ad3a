/*
 * page_checklist.c: the levelled control checklist (管理策チェックリスト):
 * how far the organisation's level is done and what stops the rest, the
 * items by domain, function or owner role, one item's status and its
 * form, the full gap list with the reason for each position, and the
 * exports (status or gaps, CSV or a workbook, in either language).
 */
#include "util/compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "core/permission.h"
#include "export/table.h"
#include "store/repo_checklist.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/checklistview.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"
#include "web/svg.h"

/* The gaps the summary names; the rest are on /checklist/gaps. */
enum { SUMMARY_GAPS = 5 };

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static const char *tx(const struct ctx *ctx, const struct text *text)
{
	return text_get(text, ctx->req->lang);
}

static const char *num(struct ctx *ctx, long v)
{
	return arena_printf(&ctx->req->arena, "%ld", v);
}

/* The message "<prefix>.<name>" in the reader's language. */
static const char *label(struct ctx *ctx, const char *prefix, const char *name)
{
	return t(ctx, arena_printf(&ctx->req->arena, "%s.%s", prefix, name));
}

static int may_answer(const struct ctx *ctx)
{
	return permission_granted(ctx->req->session->rec.roles, PERM_ANSWER);
}

static int load(struct ctx *ctx, struct checklist_view *v)
{
	struct error err = ERROR_INIT;

	if (checklistview_load(ctx->store, &ctx->req->arena, ctx->app->cat,
			       org_of(ctx), v, &err)) {
		page_fail(ctx, &err);
		return -1;
	}
	return 0;
}

/* A state as a coloured badge. */
static void state_badge(struct ctx *ctx, enum checklist_state s)
{
	static const char *const classes[CHECKLIST_STATE_COUNT] = {
		"unknown", "ok", "part", "bad", "reg"
	};
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<span class=\"badge ");
	html_attr(o, classes[s]);
	html_lit(o, "\">");
	html_text(o,
		  checklistview_state_text(ctx->app->msgs, ctx->req->lang, s));
	html_lit(o, "</span>");
}

static void item_link(struct ctx *ctx, const struct guideline_item *g)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<a href=\"/checklist/");
	html_url_arg(o, g->id);
	html_lit(o, "\">");
	html_text(o, g->id);
	html_lit(o, " ");
	html_text(o, tx(ctx, &g->title));
	html_lit(o, "</a>");
}

/* The level badge, with "adopted" for an item taken on above it. */
static void level_badge(struct ctx *ctx, const struct guideline_item *g,
			enum checklist_inclusion inc)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<span class=\"badge level\">L");
	html_long(o, g->level);
	html_lit(o, "</span>");
	if (inc == CHECKLIST_BY_ADOPTION) {
		html_lit(o, " <span class=\"badge\">");
		page_t(ctx, "checklist.adopted");
		html_lit(o, "</span>");
	}
}

/* The organisation's level and where it comes from. */
static void level_notice(struct ctx *ctx, int level)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p class=\"notice\"><strong>");
	html_text(o, t1(ctx, "checklist.your_level", num(ctx, level)));
	html_lit(o, "</strong> ");
	html_text(o, t(ctx, arena_printf(&ctx->req->arena,
					 "checklist.level_means_%d", level)));
	html_lit(o, " <a href=\"/profile\">");
	page_t(ctx, "checklist.change_level");
	html_lit(o, "</a></p>");
}

/* ---- the summary: how far the level is done, what stops the rest ---- */

static void summary(struct ctx *ctx, const struct checklist_view *v)
{
	struct strbuf *o = &ctx->resp->body;
	const struct checklist_coverage *c = &v->coverage;
	int pct = checklist_coverage_percent(c);
	size_t i;
	int d;

	html_lit(o, "<section class=\"card\" aria-labelledby=\"summary\">"
		    "<h2 id=\"summary\">");
	html_text(o, t1(ctx, "checklist.summary_title", num(ctx, v->level)));
	html_lit(o, "</h2><div class=\"figures\"><div class=\"figure\">"
		    "<strong id=\"coverage\">");
	html_text(o,
		  pct < 0 ? "—" : arena_printf(&ctx->req->arena, "%d%%", pct));
	html_lit(o, "</strong><small>");
	page_t(ctx, "checklist.coverage_note");
	html_lit(o, "</small></div><div class=\"figure\"><strong>");
	html_long(o, c->done);
	html_lit(o, "</strong><small>");
	html_text(o, t1(ctx, "checklist.done_of", num(ctx, c->items)));
	html_lit(o, "</small></div><div class=\"figure\"><strong>");
	html_long(o, (long)v->gap_count);
	html_lit(o, "</strong><small>");
	page_t(ctx, "checklist.open_items");
	html_lit(o, "</small></div></div><p id=\"counts\">");
	{
		const char *args[] = {
			num(ctx, c->items),	     num(ctx, c->done),
			num(ctx, c->partly),	     num(ctx, c->not_done),
			num(ctx, c->not_applicable), num(ctx, c->unanswered)
		};

		html_text(o, tn(ctx, "checklist.counts", args,
				(int)ARRAY_SIZE(args)));
	}
	html_lit(o, "</p><table class=\"parts\" id=\"domains\"><tbody>");
	for (d = 0; d < DOMAIN_COUNT; d++) {
		const char *name =
			label(ctx, "domain",
			      guideline_domain_name((enum guideline_domain)d));
		int items = c->domain[d].items, p;

		/* A domain without items at this level is not shown. */
		if (!items) {
			for (i = 0; i < v->count; i++)
				if ((int)v->items[i].domain == d &&
				    guideline_item_applies(&v->items[i],
							   v->level))
					break;
			if (i == v->count)
				continue;
		}
		p = checklist_percent(c->domain[d].done, c->domain[d].partly,
				      items);
		html_lit(o, "<tr><th scope=\"row\"><a href=\"/checklist?"
			    "domain=");
		html_url_arg(o,
			     guideline_domain_name((enum guideline_domain)d));
		html_lit(o, "\">");
		html_text(o, name);
		html_lit(o, "</a></th><td>");
		html_text(o, arena_printf(&ctx->req->arena, "%d / %d",
					  c->domain[d].done, items));
		if (c->domain[d].partly)
			html_text(o, t1(ctx, "checklist.and_partly",
					num(ctx, c->domain[d].partly)));
		html_lit(o, "</td><td>");
		svg_bar(o, name, 2L * c->domain[d].done + c->domain[d].partly,
			2L * items);
		html_lit(o, "</td><td class=\"num\">");
		html_text(o, p < 0 ? "—"
				   : arena_printf(&ctx->req->arena, "%d%%", p));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></section>"
		    "<section class=\"card\" aria-labelledby=\"stops\">"
		    "<h2 id=\"stops\">");
	page_t(ctx, "checklist.stops_title");
	html_lit(o, "</h2>");
	if (!v->gap_count) {
		html_lit(o, "<p class=\"notice ok\">");
		page_t(ctx, "checklist.no_gaps");
		html_lit(o, "</p>");
	} else {
		html_lit(o, "<p>");
		page_t(ctx, "checklist.stops_lead");
		html_lit(o, "</p><ol class=\"advice\" id=\"top-gaps\">");
		for (i = 0; i < v->gap_count && i < SUMMARY_GAPS; i++) {
			const struct checklist_gap *g = &v->gaps[i];

			html_lit(o, "<li><h3>");
			item_link(ctx, g->item);
			html_lit(o, " ");
			state_badge(ctx, g->state);
			html_lit(o, "</h3><p class=\"why\">");
			html_text(o, checklistview_why_text(
					     ctx->app->msgs, ctx->req->lang,
					     &ctx->req->arena, g));
			html_lit(o, "</p></li>");
		}
		html_lit(o, "</ol><p><a href=\"/checklist/gaps\">");
		html_text(o, t1(ctx, "checklist.all_gaps",
				num(ctx, (long)v->gap_count)));
		html_lit(o, "</a></p>");
	}
	if (!v->assessment_open) {
		html_lit(o, "<p class=\"notice\">");
		page_t(ctx, "checklist.no_assessment");
		html_lit(o, " <a href=\"/risks/method\">");
		page_t(ctx, "checklist.start_assessment");
		html_lit(o, "</a></p>");
	}
	html_lit(o, "</section>");
}

/* The export form: what, which language; the button picks the format. */
static void export_form(struct ctx *ctx, enum checklist_export what)
{
	struct strbuf *o = &ctx->resp->body;
	int i;

	html_lit(o, "<form method=\"get\" action=\"/checklist/export.csv\" "
		    "class=\"filters\" id=\"export\"><label>");
	page_t(ctx, "checklist.export_what");
	html_lit(o, " <select name=\"what\">");
	for (i = 0; i < CHECKLIST_EXPORT_COUNT; i++)
		html_option(o,
			    checklistview_export_name((enum checklist_export)i),
			    label(ctx, "checklist.export",
				  checklistview_export_name(
					  (enum checklist_export)i)),
			    (int)what == i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "checklist.export_lang");
	html_lit(o, " <select name=\"lang\">");
	html_option(o, "ja", "日本語", ctx->req->lang == LANG_JA);
	html_option(o, "en", "English", ctx->req->lang == LANG_EN);
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "checklist.export_csv");
	html_lit(o, "</button><button type=\"submit\" "
		    "formaction=\"/checklist/export.xlsx\">");
	page_t(ctx, "checklist.export_xlsx");
	html_lit(o, "</button></form>");
}

/* ---- the list ---- */

enum view { VIEW_DOMAIN, VIEW_FUNCTION, VIEW_OWNER, VIEW_COUNT };

static const char *const view_names[VIEW_COUNT] = { "domain", "function",
						    "owner" };

/* The groups of a view and whether item g belongs to group k. */
static size_t group_count(enum view view)
{
	return view == VIEW_DOMAIN     ? DOMAIN_COUNT
	       : view == VIEW_FUNCTION ? FUNCTION_COUNT
				       : OWNER_ROLE_COUNT + 1;
}

static int in_group(enum view view, const struct guideline_item *g, size_t k)
{
	switch (view) {
	case VIEW_DOMAIN:
		return (size_t)g->domain == k;
	case VIEW_FUNCTION:
		return (size_t)g->function == k;
	default:
		/* The last group holds the items that name no owner. */
		return k == OWNER_ROLE_COUNT ? !g->owners
					     : (g->owners & (1u << k)) != 0;
	}
}

static const char *group_name(struct ctx *ctx, enum view view, size_t k)
{
	switch (view) {
	case VIEW_DOMAIN:
		return label(ctx, "domain",
			     guideline_domain_name((enum guideline_domain)k));
	case VIEW_FUNCTION:
		return label(ctx, "function",
			     security_function_name((enum security_function)k));
	default:
		return k == OWNER_ROLE_COUNT
			       ? t(ctx, "checklist.owner_none")
			       : label(ctx, "owner", owner_role_name(1u << k));
	}
}

static void select_open(struct ctx *ctx, const char *name, const char *key,
			const char *any)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label>");
	page_t(ctx, key);
	html_lit(o, " <select name=\"");
	html_attr(o, name);
	html_lit(o, "\">");
	html_option(o, "", t(ctx, any), 0);
}

static void filters(struct ctx *ctx, enum view view,
		    const struct checklist_filter *f)
{
	struct strbuf *o = &ctx->resp->body;
	int i;

	html_lit(o, "<form method=\"get\" action=\"/checklist\" "
		    "class=\"filters\" id=\"filters\"><label>");
	page_t(ctx, "checklist.view");
	html_lit(o, " <select name=\"view\">");
	for (i = 0; i < VIEW_COUNT; i++)
		html_option(o, view_names[i],
			    label(ctx, "checklist.view", view_names[i]),
			    (int)view == i);
	html_lit(o, "</select></label>");
	select_open(ctx, "level", "col.level", "checklist.level_yours");
	for (i = 1; i <= 3; i++)
		html_option(o, num(ctx, i),
			    arena_printf(&ctx->req->arena, "L%d", i),
			    f->level == i);
	html_lit(o, "</select></label>");
	select_open(ctx, "domain", "col.domain", "filter.any");
	for (i = 0; i < DOMAIN_COUNT; i++)
		html_option(o, guideline_domain_name((enum guideline_domain)i),
			    group_name(ctx, VIEW_DOMAIN, (size_t)i),
			    f->domain == i + 1);
	html_lit(o, "</select></label>");
	select_open(ctx, "function", "col.function", "filter.any");
	for (i = 0; i < FUNCTION_COUNT; i++)
		html_option(o,
			    security_function_name((enum security_function)i),
			    group_name(ctx, VIEW_FUNCTION, (size_t)i),
			    f->function == i + 1);
	html_lit(o, "</select></label>");
	select_open(ctx, "owner", "col.owner", "filter.any");
	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		html_option(o, owner_role_name(1u << i),
			    group_name(ctx, VIEW_OWNER, (size_t)i),
			    f->owner == 1u << i);
	html_lit(o, "</select></label>");
	select_open(ctx, "status", "checklist.col.state", "filter.any");
	for (i = 0; i < CHECKLIST_STATE_COUNT; i++)
		html_option(o, checklist_state_name((enum checklist_state)i),
			    checklistview_state_text(ctx->app->msgs,
						     ctx->req->lang,
						     (enum checklist_state)i),
			    f->state == i + 1);
	html_lit(o, "</select></label><label><input type=\"checkbox\" "
		    "name=\"open\" value=\"1\"");
	if (f->open)
		html_lit(o, " checked");
	html_lit(o, "> ");
	page_t(ctx, "checklist.only_open");
	html_lit(o, "</label><button type=\"submit\">");
	page_t(ctx, "filter.apply");
	html_lit(o, "</button> <a href=\"/checklist\">");
	page_t(ctx, "filter.reset");
	html_lit(o, "</a></form>");
}

static void item_row(struct ctx *ctx, const struct checklist_view *v, size_t i)
{
	struct strbuf *o = &ctx->resp->body;
	const struct guideline_item *g = &v->items[i];
	const struct checklist_status *s = &v->statuses[i];
	enum checklist_inclusion inc =
		checklist_included(g, v->level, s->adopted);

	html_lit(o, "<tr");
	if (g->kind == GUIDELINE_ESTABLISH)
		html_lit(o, " class=\"establish\"");
	html_lit(o, " data-item=\"");
	html_attr(o, g->id);
	html_lit(o, "\"><td>");
	item_link(ctx, g);
	html_lit(o, "</td><td>");
	level_badge(ctx, g, inc);
	html_lit(o, "</td><td>");
	html_text(o, checklistview_owners_text(ctx->app->msgs, ctx->req->lang,
					       &ctx->req->arena, g->owners));
	html_lit(o, "</td><td>");
	if (inc == CHECKLIST_EXCLUDED) {
		html_lit(o, "<span class=\"badge reg\">");
		page_t(ctx, "checklist.above_level");
		html_lit(o, "</span> ");
	}
	state_badge(ctx, s->state);
	html_lit(o, "</td><td>");
	html_text(o, s->owner);
	html_lit(o, "</td><td>");
	html_text(o, s->review_on);
	html_lit(o, "</td></tr>");
}

void page_checklist(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct request *req = ctx->req;
	const char *view_q = request_query(req, "view");
	struct error err = ERROR_INIT;
	struct checklist_filter f;
	struct checklist_view v;
	enum view view = VIEW_DOMAIN;
	struct pagecache_part *part;
	const char *key;
	size_t k, i, shown = 0, start;

	if (view_q && *view_q) {
		int n = parse_name(view_names, VIEW_COUNT, view_q);

		if (n < 0) {
			page_error(ctx, 400, "http.bad_filter");
			return;
		}
		view = (enum view)n;
	}
	if (checklistview_filter_parse(&f, request_query(req, "level"),
				       request_query(req, "domain"),
				       request_query(req, "function"),
				       request_query(req, "owner"),
				       request_query(req, "status"),
				       request_query(req, "open"), &err)) {
		page_fail(ctx, &err);
		return;
	}
	/* Nothing on this page belongs to the session (the forms are GET),
	 * and every change of a status, the profile or a risk writes an
	 * audit event: the whole body is kept per data version. */
	key = pagecache_key(ctx, "checklist");
	if ((part = pagecache_take(key))) {
		layout_begin(ctx, t(ctx, "checklist.title"), NAV_CHECKLIST);
		pagecache_give(part, o);
		layout_end(ctx);
		return;
	}
	if (load(ctx, &v))
		return;
	layout_begin(ctx, t(ctx, "checklist.title"), NAV_CHECKLIST);
	start = o->len;
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "checklist.lead");
	html_lit(o, "</p>");
	level_notice(ctx, v.level);
	summary(ctx, &v);
	html_lit(o, "<h2 id=\"items\">");
	page_t(ctx, "checklist.items_title");
	html_lit(o, "</h2>");
	filters(ctx, view, &f);
	html_lit(o, "<div class=\"scroll\"><table class=\"list\" "
		    "id=\"checklist\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "col.title");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.level");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.owner");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "checklist.col.state");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "checklist.owner");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "checklist.review_on");
	html_lit(o, "</th></tr></thead>");
	for (k = 0; k < group_count(view); k++) {
		size_t in = 0, done = 0;

		for (i = 0; i < v.count; i++)
			if (in_group(view, &v.items[i], k) &&
			    checklistview_filter_match(&v, i, &f)) {
				in++;
				done += v.statuses[i].state == CHECKLIST_DONE;
			}
		if (!in)
			continue;
		html_lit(o, "<tbody><tr class=\"group\"><th scope=\"rowgroup\" "
			    "colspan=\"6\">");
		html_text(o, group_name(ctx, view, k));
		html_lit(o, " <small>");
		html_text(o, arena_printf(&ctx->req->arena, "%zu / %zu", done,
					  in));
		html_lit(o, "</small></th></tr>");
		for (i = 0; i < v.count; i++)
			if (in_group(view, &v.items[i], k) &&
			    checklistview_filter_match(&v, i, &f))
				item_row(ctx, &v, i);
		html_lit(o, "</tbody>");
	}
	html_lit(o, "</table></div>");
	for (i = 0; i < v.count; i++)
		shown += (size_t)checklistview_filter_match(&v, i, &f);
	if (!shown) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "checklist.none_match");
		html_lit(o, "</p>");
	}
	html_lit(o, "<p class=\"count\" id=\"shown\">");
	html_long(o, (long)shown);
	html_lit(o, " / ");
	html_long(o, (long)v.count);
	html_lit(o, "</p><h2>");
	page_t(ctx, "checklist.export_title");
	html_lit(o, "</h2>");
	export_form(ctx, CHECKLIST_EXPORT_STATUS);
	html_lit(o, "<p class=\"credit\">");
	page_t(ctx, "catalog.guideline_credit");
	html_lit(o, "</p>");
	if (key)
		pagecache_put(key, o->buf + start, o->len - start);
	layout_end(ctx);
}

/* ---- the gap list ---- */

void page_checklist_gaps(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct checklist_view v;
	size_t i;

	if (load(ctx, &v))
		return;
	layout_begin(ctx, t(ctx, "checklist.gaps_title"), NAV_CHECKLIST);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "checklist.gaps_lead");
	html_lit(o, "</p>");
	level_notice(ctx, v.level);
	if (!v.assessment_open) {
		html_lit(o, "<p class=\"notice\">");
		page_t(ctx, "checklist.no_assessment");
		html_lit(o, "</p>");
	}
	if (!v.gap_count) {
		html_lit(o, "<p class=\"notice ok\">");
		page_t(ctx, "checklist.no_gaps");
		html_lit(o, "</p>");
	} else {
		html_lit(o, "<div class=\"scroll\"><table class=\"list\" "
			    "id=\"gaps\"><thead><tr><th scope=\"col\" "
			    "class=\"num\">");
		page_t(ctx, "checklist.col.rank");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "col.title");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "col.level");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "checklist.col.state");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "checklist.owner");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "checklist.col.why");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < v.gap_count; i++) {
			const struct checklist_gap *g = &v.gaps[i];

			html_lit(o, "<tr data-item=\"");
			html_attr(o, g->item->id);
			html_lit(o, "\"><td class=\"num\">");
			html_long(o, (long)i + 1);
			html_lit(o, "</td><td>");
			item_link(ctx, g->item);
			html_lit(o, "</td><td>");
			level_badge(ctx, g->item, g->inclusion);
			html_lit(o, "</td><td>");
			state_badge(ctx, g->state);
			html_lit(o, "</td><td>");
			html_text(o, v.statuses[g->index].owner);
			html_lit(o, "</td><td class=\"why\">");
			html_text(o, checklistview_why_text(
					     ctx->app->msgs, ctx->req->lang,
					     &ctx->req->arena, g));
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
	}
	html_lit(o, "<h2>");
	page_t(ctx, "checklist.export_title");
	html_lit(o, "</h2>");
	export_form(ctx, CHECKLIST_EXPORT_GAPS);
	html_lit(o, "<p><a href=\"/checklist\">");
	page_t(ctx, "checklist.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* ---- one item ---- */

static void dl_row(struct ctx *ctx, const char *key, const char *value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dt>");
	page_t(ctx, key);
	html_lit(o, "</dt><dd>");
	html_text(o, value);
	html_lit(o, "</dd>");
}

static void textarea(struct ctx *ctx, const char *name, const char *key,
		     const char *value, const char *hint)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"f-");
	html_attr(o, name);
	html_lit(o, "\">");
	page_t(ctx, key);
	if (hint) {
		html_lit(o, " <small>");
		page_t(ctx, hint);
		html_lit(o, "</small>");
	}
	html_lit(o, "</label><textarea id=\"f-");
	html_attr(o, name);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" rows=\"3\">");
	html_text(o, value);
	html_lit(o, "</textarea>");
}

static void item_form(struct ctx *ctx, const struct checklist_view *v,
		      int index, const struct checklist_status *s)
{
	struct strbuf *o = &ctx->resp->body;
	const struct guideline_item *g = &v->items[index];
	int i;

	html_lit(o, "<form method=\"post\" action=\"/checklist/");
	html_url_arg(o, g->id);
	html_lit(o, "\" class=\"stack asset-form\" id=\"item-form\">");
	page_csrf_field(ctx);
	html_lit(o, "<fieldset class=\"choices\"><legend>");
	page_t(ctx, "checklist.col.state");
	html_lit(o, "</legend>");
	for (i = 0; i < CHECKLIST_STATE_COUNT; i++) {
		const char *name =
			checklist_state_name((enum checklist_state)i);

		html_lit(o, "<label><input type=\"radio\" name=\"status\" "
			    "value=\"");
		html_attr(o, name);
		html_lit(o, "\"");
		if ((int)s->state == i)
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o, checklistview_state_text(ctx->app->msgs,
						      ctx->req->lang,
						      (enum checklist_state)i));
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset>");
	textarea(ctx, "reason", "checklist.reason", s->reason,
		 "checklist.reason_hint");
	html_lit(o, "<label for=\"f-owner\">");
	page_t(ctx, "checklist.owner");
	html_lit(o, "</label><input id=\"f-owner\" name=\"owner\" "
		    "maxlength=\"200\" value=\"");
	html_attr(o, s->owner);
	html_lit(o, "\">");
	textarea(ctx, "note", "checklist.note", s->note, "checklist.note_hint");
	textarea(ctx, "evidence", "checklist.evidence", s->evidence,
		 "checklist.evidence_hint");
	html_lit(o, "<label for=\"f-review\">");
	page_t(ctx, "checklist.review_on");
	html_lit(o, "</label><input type=\"date\" id=\"f-review\" "
		    "name=\"review_on\" value=\"");
	html_attr(o, s->review_on);
	html_lit(o, "\">");
	/* Adopting is offered above the level, or to give it up. */
	if (!guideline_item_applies(g, v->level) || s->adopted) {
		html_hidden(o, "adopt_offered", "1");
		html_lit(o, "<label><input type=\"checkbox\" name=\"adopted\" "
			    "value=\"1\"");
		if (s->adopted)
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o,
			  t1(ctx, "checklist.adopt_label", num(ctx, g->level)));
		html_lit(o, "</label>");
	}
	html_lit(o, "<button type=\"submit\" class=\"primary\">");
	page_t(ctx, "checklist.save");
	html_lit(o, "</button></form>");
}

/*
 * The item page: the guideline's item, where the organisation stands on
 * it, what the risk register says, and the form.  shown is the status
 * to fill the form with (the one typed when it was refused).
 */
static void item_page(struct ctx *ctx, const struct checklist_view *v,
		      int index, const struct checklist_status *shown,
		      const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct arena *a = &ctx->req->arena;
	const struct guideline_item *g = &v->items[index];
	const struct checklist_status *s = &v->statuses[index];
	enum checklist_inclusion inc =
		checklist_included(g, v->level, s->adopted);
	size_t i, k;

	layout_begin(ctx, arena_printf(a, "%s %s", g->id, tx(ctx, &g->title)),
		     NAV_CHECKLIST);
	html_lit(o, "<p class=\"lead\">");
	html_text(o, tx(ctx, &g->summary));
	html_lit(o, "</p>");
	if (request_query(ctx->req, "saved") && !error_text) {
		html_lit(o, "<p class=\"notice ok\" role=\"status\">");
		page_t(ctx, "checklist.saved");
		html_lit(o, "</p>");
	}
	html_lit(o, "<div class=\"columns\"><section><h2>");
	page_t(ctx, "checklist.item_facts");
	html_lit(o, "</h2><dl class=\"facts\" id=\"facts\">");
	dl_row(ctx, "checklist.col.included",
	       checklistview_inclusion_text(ctx->app->msgs, ctx->req->lang, a,
					    g, inc));
	dl_row(ctx, "col.kind",
	       label(ctx, "kind", guideline_kind_name(g->kind)));
	dl_row(ctx, "col.domain",
	       label(ctx, "domain", guideline_domain_name(g->domain)));
	dl_row(ctx, "col.function",
	       label(ctx, "function", security_function_name(g->function)));
	dl_row(ctx, "col.owner",
	       checklistview_owners_text(ctx->app->msgs, ctx->req->lang, a,
					 g->owners));
	if (*g->numbers.ja)
		dl_row(ctx, "col.numbers", tx(ctx, &g->numbers));
	html_lit(o, "<dt>");
	page_t(ctx, "col.controls");
	html_lit(o, "</dt><dd>");
	for (k = 0; k < g->control_count; k++) {
		if (k)
			html_lit(o, " ");
		html_lit(o, "<a href=\"/controls/");
		html_url_arg(o, g->controls[k]->id);
		html_lit(o, "\" title=\"");
		html_attr(o, tx(ctx, &g->controls[k]->title));
		html_lit(o, "\">");
		html_text(o, g->controls[k]->id);
		html_lit(o, "</a>");
	}
	html_lit(o, "</dd>");
	if (v->assessment_open) {
		dl_row(ctx, "checklist.col.high_risks",
		       num(ctx, v->touch[index].high_risks));
		dl_row(ctx, "checklist.col.treated_risks",
		       num(ctx, v->touch[index].treated_risks));
	}
	for (i = 0; i < v->gap_count; i++)
		if (v->gaps[i].index == (size_t)index)
			break;
	if (i < v->gap_count) {
		const char *args[] = { arena_printf(a, "%zu", i + 1),
				       arena_printf(a, "%zu", v->gap_count) };

		dl_row(ctx, "checklist.col.rank",
		       tn(ctx, "checklist.rank_of", args, 2));
		dl_row(ctx, "checklist.col.why",
		       checklistview_why_text(ctx->app->msgs, ctx->req->lang, a,
					      &v->gaps[i]));
	}
	html_lit(o, "</dl><p><a href=\"/guideline/");
	html_url_arg(o, g->id);
	html_lit(o, "\">");
	page_t(ctx, "checklist.in_catalogue");
	html_lit(o, "</a></p></section><section><h2>");
	page_t(ctx, "checklist.item_status");
	html_lit(o, "</h2><dl class=\"facts\" id=\"status\"><dt>");
	page_t(ctx, "checklist.col.state");
	html_lit(o, "</dt><dd>");
	state_badge(ctx, s->state);
	html_lit(o, "</dd>");
	if (*s->reason)
		dl_row(ctx, "checklist.reason", s->reason);
	dl_row(ctx, "checklist.owner", s->owner);
	dl_row(ctx, "checklist.note", s->note);
	dl_row(ctx, "checklist.evidence", s->evidence);
	dl_row(ctx, "checklist.review_on", s->review_on);
	if (s->updated_at)
		dl_row(ctx, "checklist.col.updated",
		       arena_printf(a, "%s (%s)",
				    checklistview_date(a, s->updated_at),
				    s->updated_by));
	html_lit(o, "</dl>");
	if (may_answer(ctx)) {
		html_lit(o, "<h2>");
		page_t(ctx, "checklist.record");
		html_lit(o, "</h2>");
		if (error_text) {
			html_lit(o, "<p class=\"error\" role=\"alert\">");
			html_text(o, error_text);
			html_lit(o, "</p>");
		}
		item_form(ctx, v, index, shown);
	}
	html_lit(o, "</section></div><p><a href=\"/checklist\">");
	page_t(ctx, "checklist.back");
	html_lit(o, "</a> · <a href=\"/checklist/gaps\">");
	page_t(ctx, "checklist.gaps_title");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* The route's item, or -1 after answering 404. */
static int route_item(struct ctx *ctx, const struct checklist_view *v)
{
	int index = checklistview_find(v, ctx->req->route_arg);

	if (index < 0)
		page_error(ctx, 404, "checklist.not_found");
	return index;
}

void page_checklist_item(struct ctx *ctx)
{
	struct checklist_view v;
	int index;

	if (load(ctx, &v) || (index = route_item(ctx, &v)) < 0)
		return;
	item_page(ctx, &v, index, &v.statuses[index], NULL);
}

/* Browsers send a textarea's line breaks as CR LF; keep LF. */
static const char *lf_only(struct ctx *ctx, const char *s)
{
	char *n, *w;
	const char *r;

	if (!strchr(s, '\r'))
		return s;
	n = w = arena_strdup(&ctx->req->arena, s);
	for (r = s; *r; r++)
		if (*r != '\r' || r[1] != '\n')
			*w++ = *r;
	*w = '\0';
	return n;
}

/* Reads the form over s: fields absent keep their values. */
static int read_form(struct ctx *ctx, struct checklist_status *s,
		     struct error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "reason", offsetof(struct checklist_status, reason) },
		{ "owner", offsetof(struct checklist_status, owner) },
		{ "note", offsetof(struct checklist_status, note) },
		{ "evidence", offsetof(struct checklist_status, evidence) },
		{ "review_on", offsetof(struct checklist_status, review_on) },
	};
	const char *st = request_form(ctx->req, "status");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *v = request_form(ctx->req, texts[i].name);

		if (v)
			*(const char **)((char *)s + texts[i].offset) =
				lf_only(ctx, v);
	}
	/* An unchecked box sends nothing: the hidden field says it was on. */
	if (request_form(ctx->req, "adopt_offered"))
		s->adopted = request_form(ctx->req, "adopted") != NULL;
	if (st && checklist_state_parse(st, &s->state))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "checklist.col.state", st, NULL);
	return 0;
}

void page_checklist_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct checklist_status old, s;
	struct checklist_view v;
	const struct guideline_item *g;
	const char *id;
	int index, level;

	if (load(ctx, &v) || (index = route_item(ctx, &v)) < 0)
		return;
	g = &v.items[index];
	id = g->id;
	/* What the form shows again should the change fail before reading. */
	s = v.statuses[index];
	/* Read, check and write under the write lock, with the audit event. */
	if (store_begin(ctx->store, &err) ||
	    checklistview_level(ctx->store, &ctx->req->arena, org_of(ctx),
				&level, &err) ||
	    repo_checklist_get(ctx->store, &ctx->req->arena, org_of(ctx), id,
			       &old, &err) < 0)
		goto fail;
	s = old;
	s.item_id = id;
	if (read_form(ctx, &s, &err) ||
	    checklist_status_validate(g, level, &old, &s, &err))
		goto fail;
	checklist_status_changes(&old, &s, &before, &after);
	/* A save that changes nothing writes nothing. */
	if (after.len &&
	    (repo_checklist_put(ctx->store, org_of(ctx), &s,
				ctx->req->session->rec.email, ctx->req->now,
				&err) ||
	     page_audit(ctx, "checklist.set",
			arena_printf(&ctx->req->arena, "checklist:%s", id),
			before.buf, after.buf, &err)))
		goto fail;
	if (store_commit(ctx->store, &err))
		goto fail;
	strbuf_release(&before);
	strbuf_release(&after);
	response_redirect(ctx->resp, arena_printf(&ctx->req->arena,
						  "/checklist/%s?saved=1", id));
	return;
fail:
	store_rollback(ctx->store);
	strbuf_release(&before);
	strbuf_release(&after);
	if (err.code == ERROR_INPUT) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		item_page(ctx, &v, index, &s, msg.buf);
		strbuf_release(&msg);
		return;
	}
	page_fail(ctx, &err);
}

/* ---- exports ---- */

/* Reads ?what= and ?lang=; 0, or -1 after answering 400. */
static int export_args(struct ctx *ctx, enum checklist_export *what,
		       enum lang *lang)
{
	const char *w = request_query(ctx->req, "what");
	const char *l = request_query(ctx->req, "lang");

	*what = CHECKLIST_EXPORT_STATUS;
	*lang = ctx->req->lang;
	if ((w && *w && checklistview_export_parse(w, what)) ||
	    (l && *l && strcmp(l, "ja") && strcmp(l, "en"))) {
		page_error(ctx, 400, "http.bad_filter");
		return -1;
	}
	if (l && *l)
		*lang = !strcmp(l, "en") ? LANG_EN : LANG_JA;
	return 0;
}

static void attachment(struct ctx *ctx, enum checklist_export what,
		       const char *ext)
{
	response_header(ctx->resp, "Content-Disposition",
			arena_printf(&ctx->req->arena,
				     "attachment; filename=\"checklist-%s.%s\"",
				     checklistview_export_name(what), ext));
}

static int export_table(struct ctx *ctx, enum checklist_export what,
			enum lang lang, struct table *tbl)
{
	struct checklist_view v;

	if (load(ctx, &v))
		return -1;
	checklistview_export_table(&v, ctx->app->msgs, lang, what,
				   &ctx->req->arena, tbl);
	return 0;
}

void page_checklist_export_csv(struct ctx *ctx)
{
	enum checklist_export what;
	enum lang lang;
	struct table tbl;

	if (export_args(ctx, &what, &lang) ||
	    export_table(ctx, what, lang, &tbl))
		return;
	/* The BOM makes Excel read the file as UTF-8, not Shift_JIS. */
	table_render_csv(&tbl, CSV_BOM, &ctx->resp->body);
	ctx->resp->content_type = "text/csv; charset=utf-8";
	attachment(ctx, what, "csv");
}

struct checklist_xlsx {
	struct table *tbl;
	const char *sheet;
};

static int write_checklist_xlsx(const char *path, void *arg, struct error *err)
{
	struct checklist_xlsx *x = arg;

	return checklistview_export_xlsx(x->tbl, x->sheet, path, err);
}

void page_checklist_export_xlsx(struct ctx *ctx)
{
	enum checklist_export what;
	enum lang lang;
	struct table tbl;
	struct checklist_xlsx x = { &tbl, NULL };

	if (export_args(ctx, &what, &lang) ||
	    export_table(ctx, what, lang, &tbl))
		return;
	x.sheet = checklistview_export_sheet(ctx->app->msgs, lang, what);
	if (page_send_xlsx(ctx, write_checklist_xlsx, &x))
		return;
	attachment(ctx, what, "xlsx");
}
