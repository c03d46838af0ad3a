/*
 * page_pack.c: /pack, the audit document pack: a form that starts the
 * build in the background (web/pack_job.c), its progress while it runs,
 * and the packs of the last day to download.
 *
 * Every route needs PERM_AUDIT_VIEW: a pack is an export of everything,
 * the audit trail included, so it is for those who may read the trail
 * (the executive, the security and audit leads, the external auditor and
 * a consultant), and building one changes no register.
 */
#include "util/compat.h"

#include <stdio.h>
#include <time.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pack_job.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

/* The time a pack was made, as the office reads its clock. */
static const char *made_at(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 32);

	localtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

static void progress(struct ctx *ctx, const struct pack_job_state *s)
{
	struct strbuf *o = &ctx->resp->body;
	size_t pct = s->total ? s->done * 100 / s->total : 0;

	html_lit(o, "<p role=\"status\">");
	html_text(o, t1(ctx, "pack.running",
			arena_printf(&ctx->req->arena, "%zu%%", pct)));
	html_lit(o, " ");
	html_text(o, s->what);
	html_lit(o, "</p><progress max=\"100\" value=\"");
	html_long(o, (long)pct);
	html_lit(o, "\"></progress>");
}

static void pack_list(struct ctx *ctx, const struct pack_entry *rows,
		      size_t count)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<h2>");
	page_t(ctx, "pack.ready_title");
	html_lit(o, "</h2>");
	if (!count) {
		html_lit(o, "<p>");
		page_t(ctx, "pack.none");
		html_lit(o, "</p>");
		return;
	}
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "pack.made_at");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "pack.size");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "pack.file");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		html_lit(o, "<tr><td>");
		html_text(o, made_at(ctx, rows[i].made_at));
		html_lit(o, "</td><td class=\"num\">");
		html_text(o, arena_printf(&ctx->req->arena, "%.1f MB",
					  (double)rows[i].size / 1e6));
		html_lit(o, "</td><td><a href=\"/pack/");
		html_attr(o, rows[i].id);
		html_lit(o, "\">");
		page_t(ctx, "pack.download");
		html_lit(o, "</a></td></tr>");
	}
	html_lit(o, "</tbody></table><p class=\"hint\">");
	page_t(ctx, "pack.kept");
	html_lit(o, "</p>");
}

/* GET /pack */
void page_pack(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct pack_job_state s;
	struct pack_entry *rows = NULL;
	const char *folder = pack_job_folder(ctx->app, &ctx->req->arena);
	size_t count = 0;
	int known = pack_job_state(org_of(ctx), &s);

	if (folder && pack_job_list(folder, org_of(ctx), ctx->req->now,
				    &ctx->req->arena, &rows, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (known && s.running)
		/* The page looks again every two seconds until it is done. */
		response_header(ctx->resp, "Refresh", "2");
	layout_begin(ctx, t(ctx, "pack.title"), NAV_PACK);
	html_lit(o, "<p>");
	page_t(ctx, "pack.lead");
	html_lit(o, "</p>");
	if (!folder) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		page_t(ctx, "pack.no_folder");
		html_lit(o, "</p>");
		layout_end(ctx);
		return;
	}
	if (known && s.running) {
		progress(ctx, &s);
	} else {
		if (known && s.failed) {
			html_lit(o, "<p class=\"error\" role=\"alert\">");
			page_t(ctx, "pack.failed");
			html_lit(o, " ");
			html_text(o, s.error);
			html_lit(o, "</p>");
		}
		html_lit(o, "<form method=\"post\" action=\"/pack\" "
			    "class=\"stack narrow\">");
		page_csrf_field(ctx);
		html_lit(o, "<label for=\"pack-lang\">");
		page_t(ctx, "pack.lang");
		html_lit(o, "</label><select id=\"pack-lang\" name=\"lang\">");
		html_option(o, "ja", "日本語", ctx->req->lang == LANG_JA);
		html_option(o, "en", "English", ctx->req->lang != LANG_JA);
		html_lit(o, "</select><button type=\"submit\" "
			    "class=\"primary\">");
		page_t(ctx, "pack.build");
		html_lit(o, "</button></form>");
	}
	pack_list(ctx, rows, count);
	layout_end(ctx);
}

/* POST /pack: starts the build and goes back to the page. */
void page_pack_build(struct ctx *ctx)
{
	const struct session *sess = ctx->req->session;
	const char *lang = request_form(ctx->req, "lang");
	const char *folder = pack_job_folder(ctx->app, &ctx->req->arena);
	struct error err = ERROR_INIT;
	struct pack_owner owner;

	if (!lang || (strcmp(lang, "ja") && strcmp(lang, "en"))) {
		page_error(ctx, 400, "pack.bad_lang");
		return;
	}
	if (!folder) {
		page_error(ctx, 409, "pack.no_folder");
		return;
	}
	memset(&owner, 0, sizeof(owner));
	owner.org_id = sess->rec.org_id;
	owner.org_name = sess->rec.org_name;
	owner.account_id = sess->rec.account_id;
	owner.actor = sess->rec.email;
	owner.client = ctx->req->client;
	owner.lang = ctx->req->lang;
	owner.pack_lang = lang_from_locale(lang);
	if (pack_job_start(ctx->app, folder, &owner, &err)) {
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/pack");
}

/* GET /pack/{}: a finished pack of the session's organisation. */
void page_pack_download(struct ctx *ctx)
{
	const char *folder = pack_job_folder(ctx->app, &ctx->req->arena);
	const char *path = folder ? pack_job_path(folder, org_of(ctx),
						  ctx->req->route_arg,
						  &ctx->req->arena)
				  : NULL;
	FILE *f = path ? fopen(path, "rb") : NULL;
	struct error err = ERROR_INIT;
	char buf[65536];
	size_t n;
	int failed;

	if (!f) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&ctx->resp->body, buf, n);
	failed = ferror(f);
	fclose(f);
	if (failed) {
		strbuf_reset(&ctx->resp->body);
		error_set(&err, ERROR_INTERNAL, "pack.read_failed", path, "EIO",
			  NULL);
		page_fail(ctx, &err);
		return;
	}
	ctx->resp->content_type = "application/zip";
	response_header(
		ctx->resp, "Content-Disposition",
		arena_printf(&ctx->req->arena,
			     "attachment; filename=\"audit-pack-%s.zip\"",
			     page_today(ctx)));
}
