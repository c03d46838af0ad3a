/* page_audit.c: the audit trail: a filtered list and its CSV export. */
#include "util/compat.h"

#include "export/table.h"
#include "store/repo_audit.h"
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

enum { AUDIT_PAGE = 50, AUDIT_CSV_MAX = 100000 };

/* Reads the filter of the query string; returns -1 when malformed. */
static int read_filter(struct ctx *ctx, struct audit_filter *f)
{
	const char *from = request_query(ctx->req, "from");
	const char *to = request_query(ctx->req, "to");
	struct date d;

	memset(f, 0, sizeof(*f));
	f->action_prefix = request_query(ctx->req, "action");
	f->actor = request_query(ctx->req, "actor");
	if (f->action_prefix && !*f->action_prefix)
		f->action_prefix = NULL;
	if (f->actor && !*f->actor)
		f->actor = NULL;
	if (from && *from) {
		if (parse_date(from, &d))
			return -1;
		f->from = date_to_days(&d) * 86400;
	}
	if (to && *to) {
		if (parse_date(to, &d))
			return -1;
		f->to = date_to_days(&d) * 86400 + 86399;
	}
	return 0;
}

static const char *when(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 32);

	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
	return buf;
}

static void input(struct ctx *ctx, const char *name, const char *key,
		  const char *type)
{
	struct strbuf *o = &ctx->resp->body;
	const char *v = request_query(ctx->req, name);

	html_lit(o, "<label>");
	page_t(ctx, key);
	html_lit(o, " <input name=\"");
	html_attr(o, name);
	html_lit(o, "\" type=\"");
	html_attr(o, type);
	html_lit(o, "\" value=\"");
	html_attr(o, v ? v : "");
	html_lit(o, "\"></label>");
}

void page_audit_list(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct audit_filter f;
	struct audit_event *rows;
	size_t count, i;
	int64_t total;
	long page = 1;
	const char *p = request_query(ctx->req, "page");

	if (read_filter(ctx, &f) ||
	    (p && *p && parse_long(p, 1, 1000000, &page))) {
		page_error(ctx, 400, "http.bad_filter");
		return;
	}
	if (repo_audit_list(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, &f, AUDIT_PAGE,
			    (size_t)(page - 1) * AUDIT_PAGE, &rows, &count,
			    &total, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "audit.title"), NAV_AUDIT);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "audit.lead");
	html_lit(o, "</p><form method=\"get\" action=\"/audit\" "
		    "class=\"filters\">");
	input(ctx, "action", "audit.action", "text");
	input(ctx, "actor", "audit.actor", "text");
	input(ctx, "from", "audit.from", "date");
	input(ctx, "to", "audit.to", "date");
	html_lit(o, "<button type=\"submit\">");
	page_t(ctx, "filter.apply");
	html_lit(o, "</button> <a href=\"/audit.csv?");
	for (i = 0; i < ctx->req->query_count; i++) {
		if (i)
			html_lit(o, "&amp;");
		html_url_arg(o, ctx->req->query[i].name);
		html_lit(o, "=");
		html_url_arg(o, ctx->req->query[i].value);
	}
	html_lit(o, "\" download>");
	page_t(ctx, "audit.csv");
	html_lit(o, "</a></form><table class=\"list\"><thead><tr>");
	html_lit(o, "<th scope=\"col\">#</th><th scope=\"col\">");
	page_t(ctx, "audit.when");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.actor");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.action");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.target");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.client");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const char *label, *shown;

		html_lit(o, "<tr><td>");
		html_long(o, (long)rows[i].seq);
		html_lit(o, "</td><td>");
		html_text(o, when(ctx, rows[i].at));
		html_lit(o, "</td><td>");
		html_text(o, rows[i].actor);
		html_lit(o, "</td><td>");
		label = arena_printf(&ctx->req->arena, "action.%s",
				     rows[i].action);
		shown = t(ctx, label);
		html_text(o, shown == label ? rows[i].action : shown);
		html_lit(o, " <code>");
		html_text(o, rows[i].action);
		html_lit(o, "</code></td><td>");
		html_text(o, rows[i].target);
		html_lit(o, "</td><td>");
		html_text(o, rows[i].client);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table><p class=\"count\">");
	html_long(o, (long)total);
	html_lit(o, " ");
	page_t(ctx, "audit.events");
	if ((int64_t)(page * AUDIT_PAGE) < total) {
		html_lit(o, " · <a href=\"/audit?page=");
		html_long(o, page + 1);
		html_lit(o, "\">");
		page_t(ctx, "audit.older");
		html_lit(o, "</a>");
	}
	html_lit(o, "</p>");
	layout_end(ctx);
}

void page_audit_csv(struct ctx *ctx)
{
	static const struct table_column cols[] = {
		{ "seq", "seq" },	{ "at", "at" },
		{ "actor", "actor" },	{ "client", "client" },
		{ "action", "action" }, { "target", "target" },
		{ "before", "before" }, { "after", "after" },
		{ "hash", "hash" },
	};
	struct error err = ERROR_INIT;
	struct audit_filter f;
	struct audit_event *rows;
	struct table tab;
	size_t count, i;
	int64_t total;

	if (read_filter(ctx, &f)) {
		page_error(ctx, 400, "http.bad_filter");
		return;
	}
	if (repo_audit_list(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, &f, AUDIT_CSV_MAX, 0,
			    &rows, &count, &total, &err)) {
		page_fail(ctx, &err);
		return;
	}
	table_init(&tab, &ctx->req->arena, cols, ARRAY_SIZE(cols));
	for (i = 0; i < count; i++) {
		const char *cells[] = {
			arena_printf(&ctx->req->arena, "%lld",
				     (long long)rows[i].seq),
			when(ctx, rows[i].at),
			rows[i].actor,
			rows[i].client,
			rows[i].action,
			rows[i].target,
			rows[i].before,
			rows[i].after,
			rows[i].hash,
		};

		table_add_row(&tab, cells);
	}
	ctx->resp->content_type = "text/csv; charset=utf-8";
	response_header(ctx->resp, "Content-Disposition",
			"attachment; filename=\"audit.csv\"");
	table_render_csv(&tab, CSV_BOM, &ctx->resp->body);
}
