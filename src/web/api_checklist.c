/*
 * api_checklist.c: /api/v1/checklist, the levelled control checklist: the
 * items with their status, the level and its coverage; one item, and its
 * status changed by PATCH; the gap list in priority order with the
 * reasons for each position.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "store/repo_checklist.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/checklistview.h"
#include "web/json.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"

/* The members of a status a client writes. */
static const char *const members[] = {
	"status", "adopted", "reason", "owner", "note", "evidence", "review_on",
};

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static int load(struct ctx *ctx, struct checklist_view *v)
{
	struct error err = ERROR_INIT;

	if (checklistview_load(ctx->store, &ctx->req->arena, ctx->app->cat,
			       org_of(ctx), v, &err)) {
		api_fail(ctx, &err);
		return -1;
	}
	return 0;
}

static json_t *owners_json(unsigned owners)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		if (owners & (1u << i))
			json_array_append_new(
				a, json_string(owner_role_name(1u << i)));
	return a;
}

static json_t *reasons_json(struct ctx *ctx, const struct checklist_gap *g)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; k < g->why_count; k++) {
		json_t *r = json_object();
		const char *arg =
			arena_printf(&ctx->req->arena, "%d", g->why[k].arg);

		json_object_set_new(r, "key", json_string(g->why[k].key));
		json_object_set_new(r, "value",
				    g->why[k].arg ? json_integer(g->why[k].arg)
						  : json_null());
		json_object_set_new(r, "text",
				    json_text(t1(ctx, g->why[k].key, arg)));
		json_array_append_new(a, r);
	}
	return a;
}

/* The position of item index in the gap list (0-based), or -1. */
static int gap_of(const struct checklist_view *v, size_t index)
{
	size_t k;

	for (k = 0; k < v->gap_count; k++)
		if (v->gaps[k].index == index)
			return (int)k;
	return -1;
}

static json_t *item_json(struct ctx *ctx, const struct checklist_view *v,
			 size_t i)
{
	const struct guideline_item *g = &v->items[i];
	const struct checklist_status *s = &v->statuses[i];
	json_t *o = json_object();
	int rank = gap_of(v, i);

	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "title",
			    json_text(text_get(&g->title, ctx->req->lang)));
	json_object_set_new(o, "level", json_integer(g->level));
	json_object_set_new(o, "kind",
			    json_string(guideline_kind_name(g->kind)));
	json_object_set_new(o, "domain",
			    json_string(guideline_domain_name(g->domain)));
	json_object_set_new(o, "function",
			    json_string(security_function_name(g->function)));
	json_object_set_new(o, "owners", owners_json(g->owners));
	json_object_set_new(
		o, "included",
		json_string(checklistview_inclusion_name(
			checklist_included(g, v->level, s->adopted))));
	json_object_set_new(o, "status",
			    json_string(checklist_state_name(s->state)));
	json_object_set_new(o, "adopted", json_boolean(s->adopted));
	json_object_set_new(o, "reason", json_text(s->reason));
	json_object_set_new(o, "owner", json_text(s->owner));
	json_object_set_new(o, "note", json_text(s->note));
	json_object_set_new(o, "evidence", json_text(s->evidence));
	json_object_set_new(o, "review_on", api_text_or_null(s->review_on));
	json_object_set_new(o, "high_risks",
			    json_integer(v->touch[i].high_risks));
	json_object_set_new(o, "treated_risks",
			    json_integer(v->touch[i].treated_risks));
	json_object_set_new(o, "rank",
			    rank < 0 ? json_null() : json_integer(rank + 1));
	json_object_set_new(o, "updated_by", api_text_or_null(s->updated_by));
	json_object_set_new(o, "updated_at",
			    s->updated_at ? json_integer(s->updated_at)
					  : json_null());
	return o;
}

static json_t *coverage_json(const struct checklist_coverage *c)
{
	json_t *o = json_object(), *domains = json_array();
	int d, pct = checklist_coverage_percent(c);

	json_object_set_new(o, "level", json_integer(c->level));
	json_object_set_new(o, "items", json_integer(c->items));
	json_object_set_new(o, "done", json_integer(c->done));
	json_object_set_new(o, "partly", json_integer(c->partly));
	json_object_set_new(o, "not_done", json_integer(c->not_done));
	json_object_set_new(o, "not_applicable",
			    json_integer(c->not_applicable));
	json_object_set_new(o, "unanswered", json_integer(c->unanswered));
	json_object_set_new(o, "percent",
			    pct < 0 ? json_null() : json_integer(pct));
	for (d = 0; d < DOMAIN_COUNT; d++) {
		json_t *x = json_object();
		int p = checklist_percent(c->domain[d].done,
					  c->domain[d].partly,
					  c->domain[d].items);

		json_object_set_new(x, "domain",
				    json_string(guideline_domain_name(
					    (enum guideline_domain)d)));
		json_object_set_new(x, "items",
				    json_integer(c->domain[d].items));
		json_object_set_new(x, "done", json_integer(c->domain[d].done));
		json_object_set_new(x, "partly",
				    json_integer(c->domain[d].partly));
		json_object_set_new(x, "percent",
				    p < 0 ? json_null() : json_integer(p));
		json_array_append_new(domains, x);
	}
	json_object_set_new(o, "domains", domains);
	return o;
}

static void api_checklist_list_build(struct ctx *ctx)
{
	static const char *const known[] = { "level", "domain", "function",
					     "owner", "status", "open" };
	const struct request *req = ctx->req;
	struct error err = ERROR_INIT;
	struct checklist_filter f;
	struct checklist_view v;
	json_t *items, *out;
	size_t i;

	if (api_query_known(ctx, known, ARRAY_SIZE(known)))
		return;
	if (checklistview_filter_parse(&f, request_query(req, "level"),
				       request_query(req, "domain"),
				       request_query(req, "function"),
				       request_query(req, "owner"),
				       request_query(req, "status"),
				       request_query(req, "open"), &err)) {
		/* The field is the parameter whose value was wrong. */
		static const struct {
			const char *key, *param;
		} params[] = {
			{ "col.level", "level" },
			{ "col.domain", "domain" },
			{ "col.function", "function" },
			{ "col.owner", "owner" },
			{ "checklist.col.state", "status" },
			{ "checklist.only_open", "open" },
		};
		const char *param = NULL;

		for (i = 0; i < ARRAY_SIZE(params); i++)
			if (!strcmp(err.args[0], params[i].key))
				param = params[i].param;
		api_refuse(ctx, 400, &err, param);
		return;
	}
	if (load(ctx, &v))
		return;
	items = json_array();
	for (i = 0; i < v.count; i++)
		if (checklistview_filter_match(&v, i, &f))
			json_array_append_new(items, item_json(ctx, &v, i));
	out = json_object();
	json_object_set_new(out, "level", json_integer(v.level));
	json_object_set_new(out, "coverage", coverage_json(&v.coverage));
	json_object_set_new(out, "count",
			    json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(out, "items", items);
	json_send(ctx, 200, out);
}

/* Kept per data version: every change it shows writes an audit event. */
void api_checklist_list(struct ctx *ctx)
{
	pagecache_answer(ctx, "api-checklist", api_checklist_list_build,
			 "application/json");
}

void api_checklist_gaps(struct ctx *ctx)
{
	static const char *const known[] = { "limit" };
	const char *lim = request_query(ctx->req, "limit");
	struct checklist_view v;
	json_t *items, *out;
	long limit = 0;
	size_t i;

	if (api_query_known(ctx, known, ARRAY_SIZE(known)))
		return;
	if (lim && parse_long(lim, 1, 1000, &limit)) {
		struct error err = ERROR_INIT;

		error_set(&err, ERROR_INPUT, "input.out_of_range", "limit", "1",
			  "1000", NULL);
		api_refuse(ctx, 400, &err, "limit");
		return;
	}
	if (load(ctx, &v))
		return;
	items = json_array();
	for (i = 0; i < v.gap_count && (!limit || i < (size_t)limit); i++) {
		const struct checklist_gap *g = &v.gaps[i];
		const struct checklist_status *s = &v.statuses[g->index];
		json_t *o = json_object();

		json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
		json_object_set_new(o, "id", json_string(g->item->id));
		json_object_set_new(
			o, "title",
			json_text(text_get(&g->item->title, ctx->req->lang)));
		json_object_set_new(o, "level", json_integer(g->item->level));
		json_object_set_new(o, "included",
				    json_string(checklistview_inclusion_name(
					    g->inclusion)));
		json_object_set_new(
			o, "status",
			json_string(checklist_state_name(s->state)));
		json_object_set_new(o, "owner", json_text(s->owner));
		json_object_set_new(o, "high_risks",
				    json_integer(g->high_risks));
		json_object_set_new(o, "treated_risks",
				    json_integer(g->treated_risks));
		json_object_set_new(o, "reasons", reasons_json(ctx, g));
		json_object_set_new(o, "why",
				    json_text(checklistview_why_text(
					    ctx->app->msgs, ctx->req->lang,
					    &ctx->req->arena, g)));
		json_array_append_new(items, o);
	}
	out = json_object();
	json_object_set_new(out, "level", json_integer(v.level));
	json_object_set_new(out, "total",
			    json_integer((json_int_t)v.gap_count));
	json_object_set_new(out, "assessment_open",
			    json_boolean(v.assessment_open));
	json_object_set_new(out, "items", items);
	json_send(ctx, 200, out);
}

/* The route's item; its index, or -1 after answering 404. */
static int route_item(struct ctx *ctx, const struct checklist_view *v)
{
	int index = checklistview_find(v, ctx->req->route_arg);

	if (index < 0)
		api_problem(ctx, 404, "checklist.not_found", NULL);
	return index;
}

void api_checklist_get(struct ctx *ctx)
{
	struct checklist_view v;
	int index;

	if (api_query_known(ctx, NULL, 0) || load(ctx, &v) ||
	    (index = route_item(ctx, &v)) < 0)
		return;
	json_send(ctx, 200, item_json(ctx, &v, (size_t)index));
}

/* The member a rule's error is about. */
static const char *member_of(const struct error *err)
{
	static const char prefix[] = "checklist.";

	if (!strcmp(err->key, "checklist.reason_required"))
		return "reason";
	if (!strcmp(err->key, "checklist.adopt_within_level"))
		return "adopted";
	if (err->argc && !strcmp(err->args[0], "checklist.col.state"))
		return "status";
	if (err->argc && !strncmp(err->args[0], prefix, sizeof(prefix) - 1))
		return err->args[0] + sizeof(prefix) - 1;
	return NULL;
}

/*
 * Reads the members present over s: 0, or -1 after answering 400 (wrong
 * type) or 422 (a state that does not exist).
 */
static int read_body(struct api_body *b, struct checklist_status *s)
{
	static const struct {
		const char *name;
		size_t offset;
		int null_ok;
	} texts[] = {
		{ "reason", offsetof(struct checklist_status, reason), 1 },
		{ "owner", offsetof(struct checklist_status, owner), 0 },
		{ "note", offsetof(struct checklist_status, note), 0 },
		{ "evidence", offsetof(struct checklist_status, evidence), 0 },
		{ "review_on", offsetof(struct checklist_status, review_on),
		  1 },
	};
	const char *state = NULL;
	json_t *adopted;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		if (api_body_text(b, texts[i].name, texts[i].null_ok,
				  (const char **)((char *)s + texts[i].offset)))
			return -1;
	if (api_body_text(b, "status", 0, &state))
		return -1;
	adopted = json_object_get(b->json, "adopted");
	if (adopted && !json_is_boolean(adopted)) {
		struct error err = ERROR_INIT;

		error_set(&err, ERROR_INPUT, "api.wrong_type", "adopted",
			  "api.type_boolean", NULL);
		api_refuse(b->ctx, 400, &err, "adopted");
		b->failed = 1;
		return -1;
	}
	if (adopted)
		s->adopted = json_is_true(adopted);
	if (state && checklist_state_parse(state, &s->state)) {
		struct error err = ERROR_INIT;

		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "checklist.col.state", state, NULL);
		api_refuse(b->ctx, 422, &err, "status");
		b->failed = 1;
		return -1;
	}
	return 0;
}

void api_checklist_patch(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct checklist_status old, s;
	struct checklist_view v;
	struct api_body b;
	int index, level;

	memset(&b, 0, sizeof(b));
	if (api_query_known(ctx, NULL, 0) || load(ctx, &v) ||
	    (index = route_item(ctx, &v)) < 0)
		return;
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0))
		goto out;
	/* Read, check and write under the write lock, with the audit event. */
	if (store_begin(ctx->store, &err) ||
	    checklistview_level(ctx->store, &ctx->req->arena, org_of(ctx),
				&level, &err) ||
	    repo_checklist_get(ctx->store, &ctx->req->arena, org_of(ctx),
			       v.items[index].id, &old, &err) < 0)
		goto fail;
	s = old;
	s.item_id = v.items[index].id;
	if (read_body(&b, &s)) {
		store_rollback(ctx->store);
		goto out;
	}
	if (checklist_status_validate(&v.items[index], level, &old, &s, &err)) {
		store_rollback(ctx->store);
		api_refuse(ctx, 422, &err, member_of(&err));
		goto out;
	}
	checklist_status_changes(&old, &s, &before, &after);
	/* A change that changes nothing writes nothing. */
	if (after.len &&
	    (repo_checklist_put(ctx->store, org_of(ctx), &s,
				ctx->req->session->rec.email, ctx->req->now,
				&err) ||
	     page_audit(ctx, "checklist.set",
			arena_printf(&ctx->req->arena, "checklist:%s",
				     v.items[index].id),
			before.buf, after.buf, &err)))
		goto fail;
	if (store_commit(ctx->store, &err))
		goto fail;
	/* The answer shows the item as it now stands, gaps and all. */
	if (!load(ctx, &v))
		json_send(ctx, 200, item_json(ctx, &v, (size_t)index));
	goto out;
fail:
	store_rollback(ctx->store);
	api_fail(ctx, &err);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	api_body_release(&b);
}
