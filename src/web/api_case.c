/*
 * api_case.c: POST /api/v1/cases/{id}/risks, the risks an incident case
 * reveals registered for assets in one request (web/caserisk.c).
 */
#include "util/compat.h"

#include <stdio.h>

#include "catalog/catalog.h"
#include "core/risk.h"
#include "util/arena.h"
#include "util/error.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/caserisk.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

/* Refuses (400) a member that does not have the documented shape. */
static int wrong_shape(struct ctx *ctx, const char *member,
		       const char *type_key)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, "api.wrong_type", member, type_key, NULL);
	api_refuse(ctx, 400, &err, member);
	return -1;
}

/* "assets": an array of integers; 422 for one that is no id. */
static int read_assets(struct ctx *ctx, json_t *v, int64_t **out, size_t *count)
{
	struct error err = ERROR_INIT;
	int64_t *ids;
	json_t *item;
	size_t i;

	if (!json_is_array(v))
		return wrong_shape(ctx, "assets", "caserisk.type_ids");
	ids = arena_calloc(&ctx->req->arena, json_array_size(v) + 1,
			   sizeof(*ids));
	json_array_foreach(v, i, item)
	{
		json_int_t id;
		char num[32];

		if (!json_is_integer(item))
			return wrong_shape(ctx, "assets", "caserisk.type_ids");
		id = json_integer_value(item);
		if (id < 1 || id > INT32_MAX) {
			snprintf(num, sizeof(num), "%lld", (long long)id);
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "caserisk.assets", num, NULL);
			api_refuse(ctx, 422, &err, "assets");
			return -1;
		}
		ids[i] = (int64_t)id;
	}
	*out = ids;
	*count = json_array_size(v);
	return 0;
}

/*
 * "pairs": an array of {"threat", "vulnerability"} objects, each one of
 * the case's pairs (422 otherwise); absent means all of them.
 */
static int read_pairs(struct ctx *ctx, const struct incident_case *c, json_t *v,
		      const struct risk_pair ***out, size_t *count)
{
	const struct risk_pair **pairs;
	json_t *item;
	size_t i;

	if (!v) {
		pairs = arena_calloc(&ctx->req->arena, c->pair_count,
				     sizeof(*pairs));
		for (i = 0; i < c->pair_count; i++)
			pairs[i] = &c->pairs[i];
		*out = pairs;
		*count = c->pair_count;
		return 0;
	}
	if (!json_is_array(v))
		return wrong_shape(ctx, "pairs", "caserisk.type_pairs");
	pairs = arena_calloc(&ctx->req->arena, json_array_size(v) + 1,
			     sizeof(*pairs));
	json_array_foreach(v, i, item)
	{
		json_t *th = json_object_get(item, "threat");
		json_t *vu = json_object_get(item, "vulnerability");
		struct error err = ERROR_INIT;

		if (!json_is_object(item) || json_object_size(item) != 2 ||
		    !json_is_string(th) || !json_is_string(vu))
			return wrong_shape(ctx, "pairs", "caserisk.type_pairs");
		pairs[i] = caserisk_find_pair(c, json_string_value(th),
					      json_string_value(vu));
		if (!pairs[i]) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "caserisk.pairs",
				  arena_printf(&ctx->req->arena, "%s:%s",
					       json_string_value(th),
					       json_string_value(vu)),
				  NULL);
			api_refuse(ctx, 422, &err, "pairs");
			return -1;
		}
	}
	*out = pairs;
	*count = json_array_size(v);
	return 0;
}

static json_t *items_json(const struct caserisk_item *items, size_t count)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < count; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "risk", json_integer(items[i].risk_id));
		json_object_set_new(o, "asset",
				    json_integer(items[i].asset_id));
		json_object_set_new(o, "threat",
				    json_string(items[i].threat->id));
		json_object_set_new(o, "vulnerability",
				    json_string(items[i].vulnerability->id));
		json_array_append_new(a, o);
	}
	return a;
}

/* Records an event for caserisk_create() as the token's account. */
static int audit_api(void *arg, const char *action, const char *target,
		     const char *after, struct error *err)
{
	return page_audit(arg, action, target, "", after, err);
}

void api_case_risks(struct ctx *ctx)
{
	static const char *const members[] = { "assets", "pairs", "draft" };
	const struct incident_case *c =
		catalog_case(ctx->app->cat, ctx->req->route_arg);
	struct caserisk_audit audit = { audit_api, ctx };
	struct caserisk_draft draft = { ctx->app->msgs,
					ctx->req->session->rec.email };
	json_t *want_draft;
	struct error err = ERROR_INIT;
	struct caserisk_result res;
	const struct risk_pair **pairs = NULL;
	int64_t *assets = NULL;
	size_t n_assets = 0, n_pairs = 0;
	struct api_body b;
	json_t *o;

	if (!c) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0))
		goto out;
	if (api_body_require(&b, members, 1) ||
	    read_assets(ctx, json_object_get(b.json, "assets"), &assets,
			&n_assets) ||
	    read_pairs(ctx, c, json_object_get(b.json, "pairs"), &pairs,
		       &n_pairs))
		goto out;
	want_draft = json_object_get(b.json, "draft");
	if (want_draft && !json_is_boolean(want_draft)) {
		error_set(&err, ERROR_INPUT, "api.wrong_type", "draft",
			  "api.type_boolean", NULL);
		api_refuse(ctx, 400, &err, "draft");
		goto out;
	}
	if (caserisk_create(ctx->store, &ctx->req->arena, ctx->app->cat,
			    ctx->req->session->rec.org_id, c, assets, n_assets,
			    pairs, n_pairs, ctx->req->lang, ctx->req->now,
			    json_is_true(want_draft) ? &draft : NULL, &audit,
			    &res, &err)) {
		if (err.code == ERROR_INPUT)
			api_refuse(ctx, 422, &err,
				   strcmp(err.key, "caserisk.no_pairs")
					   ? "assets"
					   : "pairs");
		else
			api_fail(ctx, &err);
		goto out;
	}
	o = json_object();
	json_object_set_new(o, "case", json_string(c->id));
	json_object_set_new(o, "assessment", json_integer(res.assessment_id));
	json_object_set_new(o, "created",
			    items_json(res.created, res.created_count));
	json_object_set_new(o, "skipped",
			    items_json(res.skipped, res.skipped_count));
	if (res.draft_id) {
		json_t *d = json_object();

		json_object_set_new(d, "id", json_integer(res.draft_id));
		json_object_set_new(d, "code", json_string(res.draft_code));
		json_object_set_new(d, "existed",
				    json_boolean(res.draft_existed));
		json_object_set_new(o, "draft", d);
	} else {
		json_object_set_new(o, "draft", json_null());
	}
	json_send(ctx, 201, o);
out:
	api_body_release(&b);
}
