/* json.c: JSON responses, request bodies and problem details. */
#include "util/compat.h"
#include "web/json.h"

#include "util/arena.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/page.h"
#include "web/request.h"

json_t *json_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0;
	json_t *j;

	if (utf8_valid(s, len))
		return json_string(s);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n) {
			strbuf_add(&sb, s + i, n);
			i += n;
		} else {
			strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

void json_send(struct ctx *ctx, int status, json_t *value)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(value);
	if (!text)
		BUG("json_dumps failed");
	strbuf_reset(&ctx->resp->body);
	strbuf_addstr(&ctx->resp->body, text);
	free(text);
	ctx->resp->status = status;
	ctx->resp->content_type = "application/json";
}

void api_problem(struct ctx *ctx, int status, const char *key,
		 const char *detail)
{
	json_t *p = json_object();
	char *text;

	/* RFC 9457 problem details: a stable type per kind of problem, a
	 * title in the reader's language. */
	json_object_set_new(p, "type",
			    json_string(arena_printf(&ctx->req->arena,
						     "urn:mamori:problem:%s",
						     key)));
	json_object_set_new(p, "title", json_text(t(ctx, key)));
	json_object_set_new(p, "status", json_integer(status));
	if (detail)
		json_object_set_new(p, "detail", json_text(detail));
	text = json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(p);
	strbuf_reset(&ctx->resp->body);
	strbuf_addstr(&ctx->resp->body, text);
	free(text);
	ctx->resp->status = status;
	ctx->resp->content_type = "application/problem+json";
}

json_t *json_body(struct ctx *ctx)
{
	json_error_t jerr;
	json_t *v;

	if (!ctx->req->content_type ||
	    strncmp(ctx->req->content_type, "application/json", 16)) {
		api_problem(ctx, 415, "api.json_expected", NULL);
		return NULL;
	}
	v = json_loadb(ctx->req->body, ctx->req->body_len,
		       JSON_REJECT_DUPLICATES, &jerr);
	if (!v || !json_is_object(v)) {
		json_decref(v);
		api_problem(ctx, 400, "api.bad_json", v ? NULL : jerr.text);
		return NULL;
	}
	return v;
}
