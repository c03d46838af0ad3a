/* api_asset.c: /api/v1/assets, the information asset register. */
#include "util/compat.h"

#include <time.h>

#include "core/asset.h"
#include "store/repo_asset.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/json.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

/* The personal-data kinds, in bit order, as the API names them. */
static const char *const personal_names[] = { "personal", "sensitive",
					      "my_number" };

/* The members a client writes; PUT replaces all and so needs all. */
static const char *const editable[] = {
	"name",	 "category",   "medium",	"notes", "users",
	"owner", "department", "personal",	"c",	 "i",
	"a",	 "retention",  "registered_on", "label",
};

/* The text members and where they live in struct asset. */
static const struct {
	const char *name;
	size_t offset;
} texts[] = {
	{ "name", offsetof(struct asset, name) },
	{ "category", offsetof(struct asset, category) },
	{ "medium", offsetof(struct asset, medium) },
	{ "notes", offsetof(struct asset, notes) },
	{ "users", offsetof(struct asset, users) },
	{ "owner", offsetof(struct asset, owner) },
	{ "department", offsetof(struct asset, department) },
	{ "retention", offsetof(struct asset, retention) },
	{ "registered_on", offsetof(struct asset, registered_on) },
	{ "label", offsetof(struct asset, label) },
};

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static json_t *asset_json(const struct asset *a)
{
	json_t *o = json_object(), *personal = json_array();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(personal_names); i++)
		if (a->personal & (1u << i))
			json_array_append_new(personal,
					      json_string(personal_names[i]));
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "name", json_text(a->name));
	json_object_set_new(o, "category", json_text(a->category));
	json_object_set_new(o, "medium", json_text(a->medium));
	json_object_set_new(o, "notes", json_text(a->notes));
	json_object_set_new(o, "users", json_text(a->users));
	json_object_set_new(o, "owner", json_text(a->owner));
	json_object_set_new(o, "department", json_text(a->department));
	json_object_set_new(o, "personal", personal);
	json_object_set_new(o, "c", api_rating_json(a->c));
	json_object_set_new(o, "i", api_rating_json(a->i));
	json_object_set_new(o, "a", api_rating_json(a->a));
	json_object_set_new(o, "importance", api_rating_json(a->importance));
	json_object_set_new(o, "retention", json_text(a->retention));
	json_object_set_new(o, "registered_on", json_text(a->registered_on));
	json_object_set_new(o, "label", json_text(a->label));
	json_object_set_new(o, "risk_count", json_integer(a->risk_count));
	json_object_set_new(o, "updated_at", json_integer(a->updated_at));
	return o;
}

/* Refuses a query value (400) naming the parameter. */
static int query_refuse(struct ctx *ctx, const char *param, const char *key,
			const char *field, const char *value)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, key, field, value, NULL);
	api_refuse(ctx, 400, &err, param);
	return -1;
}

/* The list's query into q, as the page /assets reads it. */
static int read_list_query(struct ctx *ctx, struct asset_query *q)
{
	static const char *const params[] = {
		"sort",	      "dir",	  "after",	"before", "limit",
		"category",   "medium",	  "department", "owner",  "label",
		"importance", "personal", "q",
	};
	static const struct {
		const char *name;
		size_t offset;
	} filters[] = {
		{ "category", offsetof(struct asset_query, category) },
		{ "medium", offsetof(struct asset_query, medium) },
		{ "department", offsetof(struct asset_query, department) },
		{ "owner", offsetof(struct asset_query, owner) },
		{ "label", offsetof(struct asset_query, label) },
		{ "q", offsetof(struct asset_query, search) },
	};
	const struct request *req = ctx->req;
	const char *v;
	size_t i;

	memset(q, 0, sizeof(*q));
	q->sort = ASORT_ID;
	q->importance = IMPORTANCE_ANY;
	if (api_query_known(ctx, params, ARRAY_SIZE(params)) ||
	    api_query_page(ctx, 50, &q->limit, &q->cursor, &q->back))
		return -1;
	if ((v = request_query(req, "sort")) && asset_sort_parse(v, &q->sort))
		return query_refuse(ctx, "sort", "input.bad_choice",
				    "list.sort", v);
	if ((v = request_query(req, "dir"))) {
		if (strcmp(v, "asc") && strcmp(v, "desc"))
			return query_refuse(ctx, "dir", "input.bad_choice",
					    "list.sort", v);
		q->desc = !strcmp(v, "desc");
	}
	for (i = 0; i < ARRAY_SIZE(filters); i++) {
		v = request_query(req, filters[i].name);
		*(const char **)((char *)q + filters[i].offset) =
			v && *v ? v : NULL;
	}
	if ((v = request_query(req, "importance")) && *v) {
		int imp;

		if (!strcmp(v, "unrated"))
			q->importance = RISK_UNRATED;
		else if (parse_int(v, 0, 3, &imp))
			return query_refuse(ctx, "importance",
					    "input.bad_choice",
					    "asset.importance", v);
		else
			q->importance = imp;
	}
	if ((v = request_query(req, "personal")) && *v) {
		int k = parse_name(personal_names, ARRAY_SIZE(personal_names),
				   v);

		if (k < 0)
			return query_refuse(ctx, "personal", "input.bad_choice",
					    "asset.personal", v);
		q->personal = 1u << k;
	}
	return 0;
}

static void api_assets_list_build(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct asset_query q;
	struct asset_page page;
	struct method_view mv;
	json_t *items, *out;
	size_t i;

	if (read_list_query(ctx, &q))
		return;
	if (riskview_method(ctx, &mv, &err)) {
		api_fail(ctx, &err);
		return;
	}
	/* risk_count counts the risks of the open assessment. */
	q.assessment_id = mv.open ? mv.assessment.id : 0;
	if (repo_asset_list(ctx->store, &ctx->req->arena, org_of(ctx), &q,
			    &page, &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < page.count; i++)
		json_array_append_new(items, asset_json(&page.rows[i]));
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "total", json_integer(page.total));
	json_object_set_new(out, "total_capped",
			    json_boolean(page.total_capped));
	api_page_links(out, page.more_after && page.count,
		       page.count ? page.rows[page.count - 1].id : 0,
		       page.more_before && page.count,
		       page.count ? page.rows[0].id : 0);
	json_send(ctx, 200, out);
}

/* Kept per version of the organisation's data (web/pagecache.h). */
void api_assets_list(struct ctx *ctx)
{
	pagecache_answer(ctx, "api-assets", api_assets_list_build,
			 "application/json");
}

/* Loads the asset of the route; 0, or -1 after answering 404 or 500. */
static int load_asset(struct ctx *ctx, struct asset *a)
{
	struct error err = ERROR_INIT;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "asset.not_found", NULL);
		return -1;
	}
	found = repo_asset_get(ctx->store, &ctx->req->arena, org_of(ctx), id, a,
			       &err);
	if (found < 0)
		api_fail(ctx, &err);
	else if (!found)
		api_problem(ctx, 404, "asset.not_found", NULL);
	return found == 1 ? 0 : -1;
}

/* Sends a with its risks in the open assessment counted. */
static void send_asset(struct ctx *ctx, int status, struct asset *a)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct risk_query q;
	struct risk_page page;

	if (riskview_method(ctx, &mv, &err)) {
		api_fail(ctx, &err);
		return;
	}
	a->risk_count = 0;
	if (mv.open) {
		memset(&q, 0, sizeof(q));
		q.assessment_id = mv.assessment.id;
		q.sort = RSORT_ID;
		q.limit = 1;
		q.asset_id = a->id;
		q.level_min = q.level_max = RISK_ANY;
		q.importance = q.likelihood = RISK_ANY;
		if (repo_risk_list(ctx->store, &ctx->req->arena, org_of(ctx),
				   &q, &page, &err)) {
			api_fail(ctx, &err);
			return;
		}
		a->risk_count = (int)page.total;
	}
	json_send(ctx, status, asset_json(a));
}

void api_asset_get(struct ctx *ctx)
{
	struct asset a;

	if (!load_asset(ctx, &a))
		send_asset(ctx, 200, &a);
}

/*
 * Reads the members of the body present into a (absent ones keep a's
 * values) and checks the result against the method in force, which
 * *mv gets.
 */
static int read_asset(struct api_body *b, struct asset *a,
		      struct method_view *mv)
{
	struct ctx *ctx = b->ctx;
	struct error err = ERROR_INIT;
	const char **labels, **personal = NULL;
	size_t i, label_count, personal_count = 0;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		if (api_body_text(b, texts[i].name, 0,
				  (const char **)((char *)a + texts[i].offset)))
			return -1;
	if (api_body_words(b, "personal", &personal, &personal_count) ||
	    api_body_rating(b, "c", "asset.c", &a->c) ||
	    api_body_rating(b, "i", "asset.i", &a->i) ||
	    api_body_rating(b, "a", "asset.a", &a->a))
		return -1;
	if (personal) {
		a->personal = 0;
		for (i = 0; i < personal_count; i++) {
			int k = parse_name(personal_names,
					   ARRAY_SIZE(personal_names),
					   personal[i]);

			if (k < 0) {
				error_set(&err, ERROR_INPUT, "input.bad_choice",
					  "asset.personal", personal[i], NULL);
				goto refused;
			}
			a->personal |= 1u << k;
		}
	}
	if (riskview_method(ctx, mv, &err) ||
	    riskview_labels(ctx, &labels, &label_count, &err)) {
		api_fail(ctx, &err);
		return -1;
	}
	if (!asset_validate(a, mv->def, labels, label_count, &err))
		return 0;
refused:
	api_refuse(ctx, 422, &err, NULL);
	return -1;
}

/*
 * Inside a write's transaction: fails (409) when an assessment started
 * since the values were checked on mv's scale, for a new method moves
 * every rating to its own scale.
 */
static int method_unchanged(struct ctx *ctx, const struct method_view *mv,
			    struct error *err)
{
	struct method_view now;

	if (riskview_method(ctx, &now, err))
		return -1;
	if (now.open != mv->open || now.assessment.id != mv->assessment.id)
		return error_set(err, ERROR_CONFLICT, "api.method_changed",
				 NULL);
	return 0;
}

/*
 * Writes a (old: as it was, NULL for a new one) with its audit event of
 * the changed fields, in one transaction.  A PUT that changes nothing
 * writes nothing, so the history shows only real changes.
 */
static int save_asset(struct ctx *ctx, const struct method_view *mv,
		      const struct asset *old, struct asset *a,
		      const char *action, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	int rc = 0;

	asset_changes(old, a, &before, &after);
	if (old && !before.len && !after.len)
		goto out;
	rc = -1;
	if (store_begin(ctx->store, err))
		goto out;
	if (method_unchanged(ctx, mv, err) ||
	    repo_asset_put(ctx->store, org_of(ctx), a, ctx->req->now, err) ||
	    page_audit(ctx, action,
		       arena_printf(&ctx->req->arena, "asset:%lld",
				    (long long)a->id),
		       before.buf, after.buf, err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

void api_asset_post(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct api_body b;
	struct asset a;

	memset(&a, 0, sizeof(a));
	a.category = a.name = a.notes = a.users = a.owner = "";
	a.department = a.retention = a.label = a.medium = "";
	a.c = a.i = a.a = a.importance = RISK_UNRATED;
	a.registered_on = page_today(ctx);
	if (api_body_open(ctx, &b, editable, ARRAY_SIZE(editable), 0) ||
	    read_asset(&b, &a, &mv))
		goto out;
	if (save_asset(ctx, &mv, NULL, &a, "asset.create", &err)) {
		api_fail(ctx, &err);
		goto out;
	}
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena, "/api/v1/assets/%lld",
				     (long long)a.id));
	send_asset(ctx, 201, &a);
out:
	api_body_release(&b);
}

void api_asset_put(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct api_body b;
	struct asset old, a;

	memset(&b, 0, sizeof(b));
	if (load_asset(ctx, &old))
		return;
	a = old;
	if (api_body_open(ctx, &b, editable, ARRAY_SIZE(editable), 0) ||
	    api_body_require(&b, editable, ARRAY_SIZE(editable)) ||
	    read_asset(&b, &a, &mv))
		goto out;
	if (save_asset(ctx, &mv, &old, &a, "asset.update", &err)) {
		api_fail(ctx, &err);
		goto out;
	}
	send_asset(ctx, 200, &a);
out:
	api_body_release(&b);
}

void api_asset_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf unused = STRBUF_INIT, before = STRBUF_INIT;
	struct asset a;
	int done = 0;

	if (load_asset(ctx, &a))
		return;
	/* The whole row goes to the trail, as a creation would list it. */
	asset_changes(NULL, &a, &unused, &before);
	if (store_begin(ctx->store, &err) ||
	    (done = repo_asset_delete(ctx->store, org_of(ctx), a.id,
				      ctx->req->now, &err)) < 0 ||
	    (done && page_audit(ctx, "asset.delete",
				arena_printf(&ctx->req->arena, "asset:%lld",
					     (long long)a.id),
				before.buf, "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		api_fail(ctx, &err);
	} else if (!done) {
		api_problem(ctx, 404, "asset.not_found", NULL);
	} else {
		ctx->resp->status = 204;
		ctx->resp->content_type = "application/json";
	}
	strbuf_release(&unused);
	strbuf_release(&before);
}
