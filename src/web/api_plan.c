/* api_plan.c: /api/v1/plan, the risk treatment plan's tasks. */
#include "util/compat.h"

#include <time.h>

#include "catalog/catalog.h"
#include "core/asset.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

/* The members of a task a client writes. */
static const char *const members[] = {
	"control",     "task",	       "owner",	     "planned_start",
	"planned_end", "actual_start", "actual_end", "status",
};

static const struct {
	const char *name;
	size_t offset;
	int date; /* a date may be sent as null for none */
} texts[] = {
	{ "control", offsetof(struct plan_task, control), 0 },
	{ "task", offsetof(struct plan_task, task), 0 },
	{ "owner", offsetof(struct plan_task, owner), 0 },
	{ "planned_start", offsetof(struct plan_task, planned_start), 1 },
	{ "planned_end", offsetof(struct plan_task, planned_end), 1 },
	{ "actual_start", offsetof(struct plan_task, actual_start), 1 },
	{ "actual_end", offsetof(struct plan_task, actual_end), 1 },
};

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

/* The title of a control id or guideline item id, or NULL. */
static const struct text *ref_title(struct ctx *ctx, const char *ref)
{
	const struct catalog *cat = ctx->app->cat;
	const struct control *c = catalog_control(cat, ref);
	const struct guideline_item *g;

	if (c)
		return &c->title;
	g = catalog_guideline_item(cat, ref);
	return g ? &g->title : NULL;
}

static json_t *title_json(struct ctx *ctx, const char *ref)
{
	const struct text *title = ref_title(ctx, ref);

	return title ? json_text(text_get(title, ctx->req->lang)) : json_null();
}

static json_t *task_json(struct ctx *ctx, const struct plan_task *tk,
			 const char *now)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(tk->id));
	json_object_set_new(o, "control", json_text(tk->control));
	json_object_set_new(o, "control_title", title_json(ctx, tk->control));
	json_object_set_new(o, "task", json_text(tk->task));
	json_object_set_new(o, "owner", json_text(tk->owner));
	json_object_set_new(o, "planned_start",
			    api_text_or_null(tk->planned_start));
	json_object_set_new(o, "planned_end",
			    api_text_or_null(tk->planned_end));
	json_object_set_new(o, "actual_start",
			    api_text_or_null(tk->actual_start));
	json_object_set_new(o, "actual_end", api_text_or_null(tk->actual_end));
	json_object_set_new(o, "status",
			    json_string(task_status_name(tk->status)));
	json_object_set_new(o, "overdue",
			    json_boolean(plan_task_overdue(tk, now)));
	json_object_set_new(o, "updated_at", json_integer(tk->updated_at));
	return o;
}

void api_plan_list(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct plan_task *tasks;
	struct ref_count *refs;
	size_t count, nrefs, i, k, late = 0;
	const char *now = page_today(ctx);
	json_t *items, *unplanned, *out;

	if (api_query_known(ctx, NULL, 0))
		return;
	if (repo_plan_list(ctx->store, &ctx->req->arena, org_of(ctx), &tasks,
			   &count, &err) ||
	    repo_risk_refs(ctx->store, &ctx->req->arena, org_of(ctx), &refs,
			   &nrefs, &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++) {
		late += (size_t)plan_task_overdue(&tasks[i], now);
		json_array_append_new(items, task_json(ctx, &tasks[i], now));
	}
	/* What the treatments chose that no task puts in place yet. */
	unplanned = json_array();
	for (i = 0; i < nrefs; i++) {
		json_t *u;

		for (k = 0; k < count && strcmp(tasks[k].control, refs[i].ref);
		     k++)
			;
		if (k < count)
			continue;
		u = json_object();
		json_object_set_new(u, "kind", json_text(refs[i].kind));
		json_object_set_new(u, "ref", json_text(refs[i].ref));
		json_object_set_new(u, "title", title_json(ctx, refs[i].ref));
		json_object_set_new(u, "risks", json_integer(refs[i].risks));
		json_array_append_new(unplanned, u);
	}
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "count", json_integer((json_int_t)count));
	json_object_set_new(out, "overdue", json_integer((json_int_t)late));
	json_object_set_new(out, "unplanned", unplanned);
	json_send(ctx, 200, out);
}

/* Loads the task of the route; 0, or -1 after answering. */
static int load_task(struct ctx *ctx, struct plan_task *tk)
{
	struct error err = ERROR_INIT;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "plan.not_found", NULL);
		return -1;
	}
	found = repo_plan_get(ctx->store, &ctx->req->arena, org_of(ctx), id, tk,
			      &err);
	if (found < 0)
		api_fail(ctx, &err);
	else if (!found)
		api_problem(ctx, 404, "plan.not_found", NULL);
	return found == 1 ? 0 : -1;
}

void api_plan_get(struct ctx *ctx)
{
	struct plan_task tk;

	if (!load_task(ctx, &tk))
		json_send(ctx, 200, task_json(ctx, &tk, page_today(ctx)));
}

/*
 * Reads the members present into tk (absent ones keep tk's values) and
 * checks the task: its rules, and a control or guideline item that
 * exists.
 */
static int read_task(struct api_body *b, struct plan_task *tk)
{
	struct error err = ERROR_INIT;
	const char *status = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		if (api_body_text(b, texts[i].name, texts[i].date,
				  (const char **)((char *)tk + texts[i].offset)))
			return -1;
	if (api_body_text(b, "status", 0, &status))
		return -1;
	if (status && task_status_parse(status, &tk->status))
		error_set(&err, ERROR_INPUT, "input.bad_choice", "plan.status",
			  status, NULL);
	else if (!plan_task_validate(tk, &err) &&
		 !ref_title(b->ctx, tk->control))
		error_set(&err, ERROR_INPUT, "input.bad_choice", "plan.control",
			  tk->control, NULL);
	if (!err.code)
		return 0;
	api_refuse(b->ctx, 422, &err, NULL);
	return -1;
}

/* One line of a task for the audit trail. */
static const char *task_line(struct ctx *ctx, const struct plan_task *tk)
{
	return arena_printf(&ctx->req->arena, "%s: %s (%s)", tk->control,
			    tk->task, task_status_name(tk->status));
}

/* Writes tk with its audit event in one transaction. */
static int save_task(struct ctx *ctx, const struct plan_task *old,
		     struct plan_task *tk, const char *action,
		     struct error *err)
{
	if (store_begin(ctx->store, err))
		return -1;
	if (repo_plan_put(ctx->store, org_of(ctx), tk, ctx->req->now, err) ||
	    page_audit(ctx, action,
		       arena_printf(&ctx->req->arena, "plan:%lld",
				    (long long)tk->id),
		       old ? task_line(ctx, old) : "", task_line(ctx, tk),
		       err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		return -1;
	}
	return 0;
}

void api_plan_post(struct ctx *ctx)
{
	static const char *const required[] = { "control", "task" };
	struct error err = ERROR_INIT;
	struct api_body b;
	struct plan_task tk;

	memset(&tk, 0, sizeof(tk));
	tk.control = tk.task = tk.owner = "";
	tk.planned_start = tk.planned_end = "";
	tk.actual_start = tk.actual_end = "";
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0) ||
	    api_body_require(&b, required, ARRAY_SIZE(required)) ||
	    read_task(&b, &tk))
		goto out;
	if (save_task(ctx, NULL, &tk, "plan.create", &err)) {
		api_fail(ctx, &err);
		goto out;
	}
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena, "/api/v1/plan/%lld",
				     (long long)tk.id));
	json_send(ctx, 201, task_json(ctx, &tk, page_today(ctx)));
out:
	api_body_release(&b);
}

/* Returns 1 when a and b hold the same task. */
static int same_task(const struct plan_task *a, const struct plan_task *b)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		if (strcmp(*(const char *const *)((const char *)a +
						  texts[i].offset),
			   *(const char *const *)((const char *)b +
						  texts[i].offset)))
			return 0;
	return a->status == b->status;
}

void api_plan_patch(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct api_body b;
	struct plan_task old, tk;

	memset(&b, 0, sizeof(b));
	if (load_task(ctx, &old))
		return;
	tk = old;
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0) ||
	    read_task(&b, &tk))
		goto out;
	/* A change that changes nothing writes nothing. */
	if (!same_task(&old, &tk) &&
	    save_task(ctx, &old, &tk, "plan.update", &err)) {
		api_fail(ctx, &err);
		goto out;
	}
	json_send(ctx, 200, task_json(ctx, &tk, page_today(ctx)));
out:
	api_body_release(&b);
}

void api_plan_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct plan_task tk;
	int done = 0;

	if (load_task(ctx, &tk))
		return;
	if (store_begin(ctx->store, &err) ||
	    (done = repo_plan_delete(ctx->store, org_of(ctx), tk.id, &err)) <
		    0 ||
	    (done && page_audit(ctx, "plan.delete",
				arena_printf(&ctx->req->arena, "plan:%lld",
					     (long long)tk.id),
				task_line(ctx, &tk), "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		api_fail(ctx, &err);
		return;
	}
	if (!done) {
		api_problem(ctx, 404, "plan.not_found", NULL);
		return;
	}
	ctx->resp->status = 204;
	ctx->resp->content_type = "application/json";
}
