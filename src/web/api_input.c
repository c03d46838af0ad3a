/* api_input.c: API bodies and queries read member by member. */
#include "util/compat.h"
#include "web/api_input.h"

#include "core/risk.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/page.h"
#include "web/request.h"

enum { PAGE_LIMIT_MAX = 200 };

/* The member a rule's error is about, when its key and args tell. */
static const char *member_of(const struct error *err)
{
	/* Rules whose message names no field: the member is fixed. */
	static const struct {
		const char *key;
		const char *member;
	} fixed[] = {
		{ "asset.partly_rated", "c" },
		{ "asset.unknown_label", "label" },
		{ "plan.end_unfinished", "actual_end" },
		{ "risk.reason_needed", "reason" },
		{ "risk.status_without", "status" },
	};
	/* Field keys are "<area>.<member>" with the API's member names. */
	static const char *const areas[] = { "asset.", "risk.", "plan." };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		if (!strcmp(err->key, fixed[i].key))
			return fixed[i].member;
	if (err->argc < 1 || (strncmp(err->key, "input.", 6) &&
			      strcmp(err->key, "risk.bad_rating") &&
			      strcmp(err->key, "plan.end_before_start")))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(areas); i++) {
		size_t len = strlen(areas[i]);

		if (!strncmp(err->args[0], areas[i], len) && err->args[0][len])
			return err->args[0] + len;
	}
	return NULL;
}

void api_refuse(struct ctx *ctx, int status, const struct error *err,
		const char *member)
{
	struct strbuf msg = STRBUF_INIT;
	json_t *p = json_object();

	if (!member)
		member = member_of(err);
	i18n_error_text(ctx, err, &msg);
	/* The type names the rule, for programs; the title is the same for
	 * every problem of the status, as RFC 9457 asks; the detail says
	 * what was wrong with which value, for people. */
	json_object_set_new(p, "type",
			    json_string(arena_printf(&ctx->req->arena,
						     "urn:mamori:problem:%s",
						     err->key)));
	json_object_set_new(p, "title",
			    json_text(t(ctx, status == 422
						     ? "api.invalid"
						     : "api.bad_request")));
	json_object_set_new(p, "status", json_integer(status));
	json_object_set_new(p, "detail", json_text(msg.buf));
	if (member)
		json_object_set_new(p, "field", json_text(member));
	json_send(ctx, status, p);
	ctx->resp->content_type = "application/problem+json";
	strbuf_release(&msg);
}

void api_fail(struct ctx *ctx, const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;

	switch (err->code) {
	case ERROR_INPUT:
		api_refuse(ctx, 422, err, NULL);
		return;
	case ERROR_NOT_FOUND:
	case ERROR_CONFLICT:
	case ERROR_DENIED:
		i18n_error_text(ctx, err, &msg);
		api_problem(ctx,
			    err->code == ERROR_NOT_FOUND  ? 404
			    : err->code == ERROR_CONFLICT ? 409
							  : 403,
			    err->key, msg.buf);
		strbuf_release(&msg);
		return;
	default:
		/* The detail may name files or statements: the log only. */
		fprintf(stderr, "error: api: %s %s\n", err->key, err->args[0]);
		api_problem(ctx, 500, "http.internal", NULL);
	}
}

/* Refuses the body (400) with message key and up to two arguments. */
static int body_refuse(struct api_body *b, const char *member, const char *key,
		       const char *arg2)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, key, member, arg2, NULL);
	api_refuse(b->ctx, 400, &err, member);
	b->failed = 1;
	return -1;
}

static int wrong_type(struct api_body *b, const char *member,
		      const char *type_key)
{
	return body_refuse(b, member, "api.wrong_type", type_key);
}

int api_body_open(struct ctx *ctx, struct api_body *b, const char *const *names,
		  size_t count, int empty_ok)
{
	const char *key;
	json_t *v;
	size_t i;

	memset(b, 0, sizeof(*b));
	b->ctx = ctx;
	if (empty_ok && !ctx->req->body_len) {
		b->json = json_object();
		return 0;
	}
	if (!(b->json = json_body(ctx))) {
		b->failed = 1;
		return -1;
	}
	json_object_foreach(b->json, key, v)
	{
		for (i = 0; i < count && strcmp(names[i], key); i++)
			;
		if (i == count)
			return body_refuse(b,
					   arena_strdup(&ctx->req->arena, key),
					   "api.unknown_field", NULL);
	}
	return 0;
}

void api_body_release(struct api_body *b)
{
	json_decref(b->json);
	b->json = NULL;
}

int api_body_has(const struct api_body *b, const char *name)
{
	return b->json && json_object_get(b->json, name) != NULL;
}

int api_body_require(struct api_body *b, const char *const *names, size_t count)
{
	size_t i;

	if (b->failed)
		return -1;
	for (i = 0; i < count; i++)
		if (!api_body_has(b, names[i]))
			return body_refuse(b, names[i], "api.missing_field",
					   NULL);
	return 0;
}

int api_body_text(struct api_body *b, const char *name, int null_ok,
		  const char **out)
{
	json_t *v;

	if (b->failed)
		return -1;
	if (!(v = json_object_get(b->json, name)))
		return 0;
	if (json_is_null(v) && null_ok) {
		*out = "";
		return 0;
	}
	if (!json_is_string(v))
		return wrong_type(b, name,
				  null_ok ? "api.type_text_or_null"
					  : "api.type_text");
	*out = arena_strdup(&b->ctx->req->arena, json_string_value(v));
	return 0;
}

int api_body_rating(struct api_body *b, const char *name, const char *label_key,
		    int *out)
{
	struct error err = ERROR_INIT;
	json_int_t n;
	json_t *v;
	char num[32];

	if (b->failed)
		return -1;
	if (!(v = json_object_get(b->json, name)))
		return 0;
	if (json_is_null(v)) {
		*out = RISK_UNRATED;
		return 0;
	}
	if (!json_is_integer(v))
		return wrong_type(b, name, "api.type_rating");
	n = json_integer_value(v);
	/* -1 is how the store spells "unrated": the API says null. */
	if (n < 0 || n > 9) {
		snprintf(num, sizeof(num), "%lld", (long long)n);
		error_set(&err, ERROR_INPUT, "risk.bad_rating", label_key, num,
			  NULL);
		api_refuse(b->ctx, 422, &err, name);
		b->failed = 1;
		return -1;
	}
	*out = (int)n;
	return 0;
}

int api_body_id(struct api_body *b, const char *name, int64_t *out)
{
	struct error err = ERROR_INIT;
	json_t *v;
	char num[32];

	if (b->failed)
		return -1;
	if (!(v = json_object_get(b->json, name)))
		return 0;
	if (!json_is_integer(v))
		return wrong_type(b, name, "api.type_integer");
	if (json_integer_value(v) < 1 || json_integer_value(v) > INT32_MAX) {
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_integer_value(v));
		error_set(&err, ERROR_INPUT, "input.bad_choice", name, num,
			  NULL);
		api_refuse(b->ctx, 422, &err, name);
		b->failed = 1;
		return -1;
	}
	*out = (int64_t)json_integer_value(v);
	return 0;
}

int api_body_words(struct api_body *b, const char *name, const char ***out,
		   size_t *count)
{
	struct arena *arena = &b->ctx->req->arena;
	const char **words;
	json_t *v, *w;
	size_t i;

	if (b->failed)
		return -1;
	if (!(v = json_object_get(b->json, name)))
		return 0;
	if (!json_is_array(v))
		return wrong_type(b, name, "api.type_words");
	words = arena_calloc(arena, json_array_size(v) + 1, sizeof(*words));
	json_array_foreach(v, i, w)
	{
		if (!json_is_string(w))
			return wrong_type(b, name, "api.type_words");
		words[i] = arena_strdup(arena, json_string_value(w));
	}
	*out = words;
	*count = json_array_size(v);
	return 0;
}

int api_query_known(struct ctx *ctx, const char *const *names, size_t count)
{
	struct error err = ERROR_INIT;
	size_t i, k;

	for (i = 0; i < ctx->req->query_count; i++) {
		const char *name = ctx->req->query[i].name;

		for (k = 0; k < count && strcmp(names[k], name); k++)
			;
		if (k < count)
			continue;
		/* A misspelt filter would otherwise list everything. */
		error_set(&err, ERROR_INPUT, "api.unknown_query", name, NULL);
		api_refuse(ctx, 400, &err, name);
		return -1;
	}
	return 0;
}

int api_query_page(struct ctx *ctx, size_t def, size_t *limit, int64_t *cursor,
		   int *back)
{
	struct error err = ERROR_INIT;
	const char *v, *member = NULL;
	char max[16];
	long n;

	*limit = def;
	*cursor = 0;
	*back = 0;
	if ((v = request_query(ctx->req, "limit"))) {
		snprintf(max, sizeof(max), "%d", PAGE_LIMIT_MAX);
		if (parse_long(v, 1, PAGE_LIMIT_MAX, &n)) {
			error_set(&err, ERROR_INPUT, "input.out_of_range",
				  "list.limit", "1", max, NULL);
			member = "limit";
		} else {
			*limit = (size_t)n;
		}
	}
	if (!member && (v = request_query(ctx->req, "after"))) {
		if (request_query(ctx->req, "before")) {
			error_set(&err, ERROR_INPUT, "api.one_of", "after",
				  "before", NULL);
			member = "before";
		} else if (parse_long(v, 1, INT32_MAX, &n)) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "list.page", v, NULL);
			member = "after";
		} else {
			*cursor = n;
		}
	} else if (!member && (v = request_query(ctx->req, "before"))) {
		if (parse_long(v, 1, INT32_MAX, &n)) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "list.page", v, NULL);
			member = "before";
		} else {
			*cursor = n;
			*back = 1;
		}
	}
	if (!member)
		return 0;
	api_refuse(ctx, 400, &err, member);
	return -1;
}

static json_t *cursor_json(int more, int64_t id)
{
	char num[32];

	if (!more)
		return json_null();
	snprintf(num, sizeof(num), "%lld", (long long)id);
	return json_string(num);
}

void api_page_links(json_t *page, int more_after, int64_t last, int more_before,
		    int64_t first)
{
	json_object_set_new(page, "next", cursor_json(more_after, last));
	json_object_set_new(page, "prev", cursor_json(more_before, first));
}

json_t *api_text_or_null(const char *s)
{
	return s && *s ? json_text(s) : json_null();
}

json_t *api_rating_json(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

json_t *api_words_json(const char *list)
{
	json_t *a = json_array();
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, " ");

		if (len) {
			char *w = xmemdupz(p, len);

			json_array_append_new(a, json_text(w));
			free(w);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return a;
}
