/* page.c: helpers shared by handlers; error pages, assets, health. */
#include "util/compat.h"
#include "web/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "catalog/i18n.h"
#include "store/repo_audit.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/crypto.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"

const char *t(const struct ctx *ctx, const char *key)
{
	return i18n_get(ctx->app->msgs, ctx->req->lang, key);
}

const char *t1(const struct ctx *ctx, const char *key, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	i18n_format(ctx->app->msgs, ctx->req->lang, key, &arg, 1, &sb);
	r = arena_strdup(&ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *tn(const struct ctx *ctx, const char *key, const char *const *args,
	       int n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	i18n_format(ctx->app->msgs, ctx->req->lang, key, args, n, &sb);
	r = arena_strdup(&ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

void page_t(struct ctx *ctx, const char *key)
{
	html_text(&ctx->resp->body, t(ctx, key));
}

void i18n_error_text(const struct ctx *ctx, const struct error *err,
		     struct strbuf *out)
{
	i18n_error(ctx->app->msgs, ctx->req->lang, err, out);
}

void page_error(struct ctx *ctx, int status, const char *key)
{
	struct strbuf *o = &ctx->resp->body;

	strbuf_reset(o);
	ctx->resp->status = status;
	ctx->resp->content_type = "text/html; charset=utf-8";
	layout_begin_bare(ctx, t(ctx, "http.error_title"));
	html_lit(o, "<p class=\"error\" role=\"alert\">");
	page_t(ctx, key);
	html_lit(o, "</p><p><a href=\"/\">");
	page_t(ctx, "http.back_home");
	html_lit(o, "</a></p>");
	layout_end_bare(ctx);
}

void page_fail(struct ctx *ctx, const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;
	struct strbuf *o = &ctx->resp->body;
	int status;

	switch (err->code) {
	case ERROR_INPUT:
		status = 400;
		break;
	case ERROR_NOT_FOUND:
		status = 404;
		break;
	case ERROR_CONFLICT:
		status = 409;
		break;
	case ERROR_DENIED:
		status = 403;
		break;
	default:
		status = 500;
		break;
	}
	i18n_error(ctx->app->msgs, ctx->req->lang, err, &msg);
	strbuf_reset(o);
	ctx->resp->status = status;
	layout_begin_bare(ctx, t(ctx, "http.error_title"));
	html_lit(o, "<p class=\"error\" role=\"alert\">");
	/* Store failures are not the user's to read; say so plainly. */
	if (status == 500)
		page_t(ctx, "http.internal");
	else
		html_text(o, msg.buf);
	html_lit(o, "</p><p><a href=\"/\">");
	page_t(ctx, "http.back_home");
	html_lit(o, "</a></p>");
	layout_end_bare(ctx);
	if (status == 500)
		fprintf(stderr, "error: %s\n", msg.buf);
	strbuf_release(&msg);
}

int page_audit_as(struct ctx *ctx, int64_t org_id, int64_t account_id,
		  const char *actor, const char *action, const char *target,
		  struct error *err)
{
	struct audit_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.org_id = org_id;
	ev.at = ctx->req->now;
	ev.account_id = account_id;
	ev.actor = actor;
	ev.client = ctx->req->client ? ctx->req->client : "-";
	ev.action = action;
	ev.target = target;
	ev.before = "";
	ev.after = "";
	return repo_audit_append(ctx->store, &ev, sha256_bytes, err);
}

int page_audit(struct ctx *ctx, const char *action, const char *target,
	       const char *before, const char *after, struct error *err)
{
	const struct session *s = ctx->req->session;
	struct audit_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.org_id = s->rec.org_id;
	ev.at = ctx->req->now;
	ev.account_id = s->rec.account_id;
	ev.actor = s->rec.email;
	ev.client = ctx->req->client ? ctx->req->client : "-";
	ev.action = action;
	ev.target = target;
	ev.before = before;
	ev.after = after;
	return repo_audit_append(ctx->store, &ev, sha256_bytes, err);
}

const char *page_today(struct ctx *ctx)
{
	return page_date(ctx, ctx->req->now);
}

const char *page_date(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char buf[16];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return arena_strdup(&ctx->req->arena, buf);
}

int page_route_id(struct ctx *ctx, const char *not_found, int64_t *id)
{
	long v;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &v)) {
		page_error(ctx, 404, not_found);
		return -1;
	}
	*id = v;
	return 0;
}

void page_csrf_field(struct ctx *ctx)
{
	if (!ctx->req->session)
		return;
	html_hidden(&ctx->resp->body, "csrf",
		    ctx->keeping ? pagecache_token_mark()
				 : ctx->req->session->rec.csrf_token);
}

void page_send_body(struct ctx *ctx, const struct gz_body *b)
{
	response_header(ctx->resp, "Vary", "Accept-Encoding");
	if (b->gz && gz_accepted(ctx->req->accept_encoding)) {
		response_header(ctx->resp, "Content-Encoding", "gzip");
		ctx->resp->static_body = b->gz;
		ctx->resp->static_len = b->gz_len;
	} else {
		ctx->resp->static_body = b->plain;
		ctx->resp->static_len = b->plain_len;
	}
}

void page_static(struct ctx *ctx)
{
	const struct web_asset *a =
		web_asset_find(ctx->app->assets, ctx->req->route_arg);
	const char *v;

	if (!a) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	/* Asked for by its versioned address, an asset never changes: keep
	 * it a year.  Otherwise revalidate by the content hash. */
	v = request_query(ctx->req, "v");
	response_header(ctx->resp, "ETag", a->etag);
	if (v && strlen(a->etag) == strlen(v) + 2 &&
	    !strncmp(a->etag + 1, v, strlen(v)))
		response_header(ctx->resp, "Cache-Control",
				"public, max-age=31536000, immutable");
	else
		response_header(ctx->resp, "Cache-Control",
				"public, max-age=86400, must-revalidate");
	if (ctx->req->if_none_match &&
	    !strcmp(ctx->req->if_none_match, a->etag)) {
		ctx->resp->status = 304;
		return;
	}
	ctx->resp->content_type = a->content_type;
	page_send_body(ctx, &a->body);
}

void page_health(struct ctx *ctx)
{
	ctx->resp->content_type = "text/plain; charset=utf-8";
	strbuf_addstr(&ctx->resp->body, "ok\n");
}

/* Reads all of the file at path into out. */
static int slurp(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

int page_send_xlsx(struct ctx *ctx,
		   int (*write)(const char *path, void *arg, struct error *err),
		   void *arg)
{
	struct error err = ERROR_INIT;
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/mamori-xlsx-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		error_set(&err, ERROR_INTERNAL, "export.xlsx_failed", NULL);
		page_fail(ctx, &err);
		return -1;
	}
	close(fd);
	rc = write(path, arg, &err);
	if (!rc && slurp(path, &ctx->resp->body)) {
		error_set(&err, ERROR_INTERNAL, "export.xlsx_failed", NULL);
		rc = -1;
	}
	unlink(path);
	if (rc) {
		page_fail(ctx, &err);
		return -1;
	}
	ctx->resp->content_type = "application/vnd.openxmlformats-"
				  "officedocument.spreadsheetml.sheet";
	return 0;
}
