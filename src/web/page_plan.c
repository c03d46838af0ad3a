/*
 * page_plan.c: the risk treatment plan (リスク対応計画): per control the
 * tasks that put it in place, who does them and when, and what is late.
 */
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
#include "web/app.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

/* The title of a control id or guideline item id, or NULL. */
static const char *ref_title(struct ctx *ctx, const char *ref)
{
	const struct catalog *cat = ctx->app->cat;
	const struct control *c = catalog_control(cat, ref);
	const struct guideline_item *g;

	if (c)
		return text_get(&c->title, ctx->req->lang);
	g = catalog_guideline_item(cat, ref);
	return g ? text_get(&g->title, ctx->req->lang) : NULL;
}

static const char *status_text(struct ctx *ctx, enum task_status s)
{
	return t(ctx, arena_printf(&ctx->req->arena, "plan.status_%s",
				   task_status_name(s)));
}

static void date_input(struct ctx *ctx, const char *name, const char *value,
		       const char *id)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	page_t(ctx, arena_printf(&ctx->req->arena, "plan.%s", name));
	html_lit(o, "</label><input type=\"date\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\">");
}

/* The fields of a task's form; id_prefix keeps labels unique per row. */
static void task_fields(struct ctx *ctx, const struct plan_task *tk,
			const char *id_prefix, int with_status)
{
	struct strbuf *o = &ctx->resp->body;
	struct arena *a = &ctx->req->arena;
	size_t i;

	html_lit(o, "<label for=\"");
	html_attr(o, arena_printf(a, "%s-control", id_prefix));
	html_lit(o, "\">");
	page_t(ctx, "plan.control");
	html_lit(o, "</label><input id=\"");
	html_attr(o, arena_printf(a, "%s-control", id_prefix));
	html_lit(o, "\" name=\"control\" list=\"dl-controls\" required "
		    "value=\"");
	html_attr(o, tk->control);
	html_lit(o, "\"><label for=\"");
	html_attr(o, arena_printf(a, "%s-task", id_prefix));
	html_lit(o, "\">");
	page_t(ctx, "plan.task");
	html_lit(o, "</label><input id=\"");
	html_attr(o, arena_printf(a, "%s-task", id_prefix));
	html_lit(o, "\" name=\"task\" required value=\"");
	html_attr(o, tk->task);
	html_lit(o, "\"><label for=\"");
	html_attr(o, arena_printf(a, "%s-owner", id_prefix));
	html_lit(o, "\">");
	page_t(ctx, "plan.owner");
	html_lit(o, "</label><input id=\"");
	html_attr(o, arena_printf(a, "%s-owner", id_prefix));
	html_lit(o, "\" name=\"owner\" value=\"");
	html_attr(o, tk->owner);
	html_lit(o, "\">");
	date_input(ctx, "planned_start", tk->planned_start,
		   arena_printf(a, "%s-ps", id_prefix));
	date_input(ctx, "planned_end", tk->planned_end,
		   arena_printf(a, "%s-pe", id_prefix));
	if (!with_status)
		return;
	date_input(ctx, "actual_start", tk->actual_start,
		   arena_printf(a, "%s-as", id_prefix));
	date_input(ctx, "actual_end", tk->actual_end,
		   arena_printf(a, "%s-ae", id_prefix));
	html_lit(o, "<label for=\"");
	html_attr(o, arena_printf(a, "%s-status", id_prefix));
	html_lit(o, "\">");
	page_t(ctx, "plan.status");
	html_lit(o, "</label><select id=\"");
	html_attr(o, arena_printf(a, "%s-status", id_prefix));
	html_lit(o, "\" name=\"status\">");
	for (i = 0; i < TASK_STATUS_COUNT; i++)
		html_option(o, task_status_name((enum task_status)i),
			    status_text(ctx, (enum task_status)i),
			    tk->status == (enum task_status)i);
	html_lit(o, "</select>");
}

/* The controls and items the treatments chose, as a pick-list. */
static void control_list(struct ctx *ctx, const struct ref_count *refs,
			 size_t n)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	html_lit(o, "<datalist id=\"dl-controls\">");
	for (i = 0; i < n; i++) {
		const char *title = ref_title(ctx, refs[i].ref);

		html_lit(o, "<option value=\"");
		html_attr(o, refs[i].ref);
		html_lit(o, "\">");
		html_text(o, title ? title : "");
		html_lit(o, "</option>");
	}
	for (i = 0; i < cat->control_count; i++) {
		html_lit(o, "<option value=\"");
		html_attr(o, cat->controls[i].id);
		html_lit(o, "\">");
		html_text(o, text_get(&cat->controls[i].title, ctx->req->lang));
		html_lit(o, "</option>");
	}
	html_lit(o, "</datalist>");
}

static void task_row(struct ctx *ctx, const struct plan_task *tk, int edit,
		     const char *now, int print)
{
	struct strbuf *o = &ctx->resp->body;
	int late = plan_task_overdue(tk, now);

	html_lit(o, "<tr id=\"task-");
	html_long(o, (long)tk->id);
	html_lit(o, "\"");
	if (late)
		html_lit(o, " class=\"overdue\"");
	html_lit(o, "><td>");
	html_text(o, tk->task);
	html_lit(o, "</td><td>");
	html_text(o, tk->owner);
	html_lit(o, "</td><td>");
	html_text(o, tk->planned_start);
	html_lit(o, " – ");
	html_text(o, tk->planned_end);
	html_lit(o, "</td><td>");
	html_text(o, tk->actual_start);
	html_lit(o, " – ");
	html_text(o, tk->actual_end);
	html_lit(o, "</td><td>");
	html_text(o, status_text(ctx, tk->status));
	if (late) {
		html_lit(o, " <span class=\"badge bad\">");
		page_t(ctx, "plan.overdue");
		html_lit(o, "</span>");
	}
	html_lit(o, "</td>");
	if (!print) {
		html_lit(o, "<td>");
		if (edit) {
			const char *prefix = arena_printf(
				&ctx->req->arena, "t%lld", (long long)tk->id);

			html_lit(o, "<details><summary>");
			page_t(ctx, "plan.change");
			html_lit(o, "</summary><form method=\"post\" "
				    "action=\"/plan/");
			html_long(o, (long)tk->id);
			html_lit(o, "\" class=\"stack\">");
			page_csrf_field(ctx);
			task_fields(ctx, tk, prefix, 1);
			html_lit(o, "<button type=\"submit\" "
				    "class=\"primary\">");
			page_t(ctx, "members.save");
			html_lit(o, "</button></form><form method=\"post\" "
				    "action=\"/plan/");
			html_long(o, (long)tk->id);
			html_lit(o, "/delete\" class=\"inline\">");
			page_csrf_field(ctx);
			html_lit(o, "<button type=\"submit\" "
				    "class=\"danger\">");
			page_t(ctx, "plan.delete");
			html_lit(o, "</button></form></details>");
		}
		html_lit(o, "</td>");
	}
	html_lit(o, "</tr>");
}

static void group_head(struct ctx *ctx, const char *ref, int64_t risks,
		       int print)
{
	struct strbuf *o = &ctx->resp->body;
	const char *title = ref_title(ctx, ref);

	html_lit(o, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"");
	html_long(o, print ? 5 : 6);
	html_lit(o, "\">");
	html_text(o, ref);
	html_lit(o, " ");
	html_text(o, title ? title : "");
	if (risks) {
		html_lit(o, " <small>");
		html_text(o, t1(ctx, "plan.risks",
				arena_printf(&ctx->req->arena, "%lld",
					     (long long)risks)));
		html_lit(o, "</small>");
	}
	html_lit(o, "</th></tr>");
}

static int64_t risks_of(const struct ref_count *refs, size_t n, const char *ref)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(refs[i].ref, ref))
			return refs[i].risks;
	return 0;
}

/* Which tasks the list shows: ?due=overdue or ?due=soon (the home
 * page's figures link here), else all. */
enum plan_due { PLAN_ALL, PLAN_OVERDUE, PLAN_SOON };

/* Whether tk is shown under the filter, today being now. */
static int due_shows(const struct plan_task *tk, enum plan_due due,
		     const char *now)
{
	struct date end, today;
	long days;

	if (due == PLAN_ALL)
		return 1;
	if (due == PLAN_OVERDUE)
		return plan_task_overdue(tk, now);
	if (tk->status == TASK_FINISHED || parse_date(tk->planned_end, &end) ||
	    parse_date(now, &today))
		return 0;
	days = date_to_days(&end) - date_to_days(&today);
	return days >= 0 && days <= DASHBOARD_SOON_DAYS;
}

static void plan_body(struct ctx *ctx, const struct plan_task *tasks,
		      size_t count, const struct ref_count *refs, size_t nrefs,
		      const struct plan_task *draft, const char *error_text,
		      enum plan_due due, int print, int edit, const char *now)
{
	struct strbuf *o = &ctx->resp->body;
	const char *prev = NULL;
	size_t shown = 0, late = 0, i;

	for (i = 0; i < count; i++)
		late += (size_t)plan_task_overdue(&tasks[i], now);
	if (print) {
		html_lit(o, "<h1>");
		page_t(ctx, "plan.title");
		html_lit(o, "</h1>");
	} else {
		html_lit(o, "<p class=\"lead\">");
		page_t(ctx, "plan.lead");
		html_lit(o, "</p><p class=\"actions\"><a class=\"button\" "
			    "href=\"/plan?print=1\">");
		page_t(ctx, "plan.print");
		html_lit(o, "</a></p>");
	}
	if (late) {
		html_lit(o, "<p class=\"notice warn\">");
		html_text(o, t1(ctx, "plan.late_count",
				arena_printf(&ctx->req->arena, "%zu", late)));
		html_lit(o, "</p>");
	}
	if (due != PLAN_ALL) {
		html_lit(o, "<p class=\"notice\">");
		page_t(ctx, due == PLAN_OVERDUE ? "plan.showing_overdue"
						: "plan.showing_soon");
		html_lit(o, " <a href=\"/plan\">");
		page_t(ctx, "plan.show_all");
		html_lit(o, "</a></p>");
	}
	/* Controls the treatments chose that have no task yet. */
	if (!print && due == PLAN_ALL && nrefs) {
		size_t open = 0;

		for (i = 0; i < nrefs; i++) {
			size_t k;

			for (k = 0; k < count; k++)
				if (!strcmp(tasks[k].control, refs[i].ref))
					break;
			if (k < count)
				continue;
			if (!open++) {
				html_lit(o, "<h2>");
				page_t(ctx, "plan.unplanned");
				html_lit(o, "</h2><ul class=\"refs\">");
			}
			html_lit(o, "<li>");
			html_text(o, refs[i].ref);
			html_lit(o, " ");
			html_text(o, ref_title(ctx, refs[i].ref)
					     ? ref_title(ctx, refs[i].ref)
					     : "");
			html_lit(o, " <small>");
			html_text(o,
				  t1(ctx, "plan.risks",
				     arena_printf(&ctx->req->arena, "%lld",
						  (long long)refs[i].risks)));
			html_lit(o, "</small></li>");
		}
		if (open)
			html_lit(o, "</ul>");
	}
	if (count) {
		html_lit(o, "<table class=\"list plan\"><thead><tr><th "
			    "scope=\"col\">");
		page_t(ctx, "plan.task");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "plan.owner");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "plan.planned");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "plan.actual");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "plan.status");
		html_lit(o, "</th>");
		if (!print)
			html_lit(o, "<th scope=\"col\"></th>");
		html_lit(o, "</tr></thead><tbody>");
		for (i = 0; i < count; i++) {
			if (!due_shows(&tasks[i], due, now))
				continue;
			if (!prev || strcmp(tasks[i].control, prev))
				group_head(ctx, tasks[i].control,
					   risks_of(refs, nrefs,
						    tasks[i].control),
					   print);
			prev = tasks[i].control;
			task_row(ctx, &tasks[i], edit, now, print);
			shown++;
		}
		html_lit(o, "</tbody></table>");
		if (!shown) {
			html_lit(o, "<p class=\"empty\">");
			page_t(ctx, "plan.none_due");
			html_lit(o, "</p>");
		}
	} else {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "plan.empty");
		html_lit(o, "</p>");
	}
	if (!print && edit) {
		html_lit(o, "<h2>");
		page_t(ctx, "plan.add");
		html_lit(o, "</h2>");
		if (error_text) {
			html_lit(o, "<p class=\"error\" role=\"alert\">");
			html_text(o, error_text);
			html_lit(o, "</p>");
		}
		html_lit(o, "<form method=\"post\" action=\"/plan\" "
			    "class=\"stack narrow\">");
		page_csrf_field(ctx);
		task_fields(ctx, draft, "new", 0);
		html_lit(o, "<button type=\"submit\" class=\"primary\">");
		page_t(ctx, "plan.add");
		html_lit(o, "</button></form>");
		control_list(ctx, refs, nrefs);
	}
}

static void plan_page(struct ctx *ctx, const struct plan_task *draft,
		      const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct plan_task *tasks = NULL;
	struct ref_count *refs = NULL;
	size_t count = 0, nrefs = 0, start;
	const char *now = page_today(ctx);
	int print = request_query(ctx->req, "print") != NULL;
	int edit = permission_granted(ctx->req->session->rec.roles, PERM_EDIT);
	const char *due_q = request_query(ctx->req, "due");
	enum plan_due due = PLAN_ALL;
	const char *key = NULL;
	struct pagecache_part *part = NULL;

	if (due_q && *due_q) {
		if (!strcmp(due_q, "overdue"))
			due = PLAN_OVERDUE;
		else if (!strcmp(due_q, "soon"))
			due = PLAN_SOON;
		else {
			page_error(ctx, 400, "http.bad_filter");
			return;
		}
	}

	/*
	 * The page as it is read (not shown again with a refused form) is
	 * kept per data version and day, since what is late changes at
	 * midnight without a write.  Its rows carry forms: they are kept
	 * with the cache's mark and get each reader's own token.
	 */
	if (!error_text) {
		key = pagecache_key(ctx, arena_printf(&ctx->req->arena,
						      "plan:%s", now));
		part = pagecache_take(key);
	}
	if (!part && (repo_plan_list(ctx->store, &ctx->req->arena, org_of(ctx),
				     &tasks, &count, &err) ||
		      repo_risk_refs(ctx->store, &ctx->req->arena, org_of(ctx),
				     &refs, &nrefs, &err))) {
		page_fail(ctx, &err);
		return;
	}
	if (print)
		layout_begin_print(ctx, t(ctx, "plan.title"));
	else
		layout_begin(ctx, t(ctx, "plan.title"), NAV_PLAN);
	start = o->len;
	if (part) {
		pagecache_give(part, o);
	} else {
		ctx->keeping = key != NULL;
		plan_body(ctx, tasks, count, refs, nrefs, draft, error_text,
			  due, print, edit, now);
		ctx->keeping = 0;
		pagecache_put(key, o->buf + start, o->len - start);
	}
	pagecache_fill_tokens(o, start, ctx->req->session->rec.csrf_token);
	if (print)
		layout_end_print(ctx);
	else
		layout_end(ctx);
}

static void empty_task(struct plan_task *tk)
{
	memset(tk, 0, sizeof(*tk));
	tk->control = tk->task = tk->owner = "";
	tk->planned_start = tk->planned_end = "";
	tk->actual_start = tk->actual_end = "";
}

void page_plan(struct ctx *ctx)
{
	struct plan_task tk;

	empty_task(&tk);
	plan_page(ctx, &tk, NULL);
}

/* Reads the form into tk (fields absent stay as they are). */
static int read_task(struct ctx *ctx, struct plan_task *tk, struct error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "control", offsetof(struct plan_task, control) },
		{ "task", offsetof(struct plan_task, task) },
		{ "owner", offsetof(struct plan_task, owner) },
		{ "planned_start", offsetof(struct plan_task, planned_start) },
		{ "planned_end", offsetof(struct plan_task, planned_end) },
		{ "actual_start", offsetof(struct plan_task, actual_start) },
		{ "actual_end", offsetof(struct plan_task, actual_end) },
	};
	const char *st = request_form(ctx->req, "status");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *v = request_form(ctx->req, texts[i].name);

		if (v)
			*(const char **)((char *)tk + texts[i].offset) = v;
	}
	if (st && task_status_parse(st, &tk->status))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "plan.status", st, NULL);
	if (plan_task_validate(tk, err))
		return -1;
	if (!ref_title(ctx, tk->control))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "plan.control", tk->control, NULL);
	return 0;
}

static void save(struct ctx *ctx, struct plan_task *tk, const char *action)
{
	struct error err = ERROR_INIT;

	if (read_task(ctx, tk, &err)) {
		struct strbuf msg = STRBUF_INIT;

		if (err.code != ERROR_INPUT) {
			page_fail(ctx, &err);
			return;
		}
		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		plan_page(ctx, tk, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_plan_put(ctx->store, org_of(ctx), tk, ctx->req->now, &err) ||
	    page_audit(ctx, action,
		       arena_printf(&ctx->req->arena, "plan:%lld",
				    (long long)tk->id),
		       "",
		       arena_printf(&ctx->req->arena, "%s: %s (%s)",
				    tk->control, tk->task,
				    task_status_name(tk->status)),
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/plan");
}

void page_plan_create(struct ctx *ctx)
{
	struct plan_task tk;

	empty_task(&tk);
	save(ctx, &tk, "plan.create");
}

static int load_task(struct ctx *ctx, struct plan_task *tk)
{
	struct error err = ERROR_INIT;
	int64_t id;
	int found;

	if (page_route_id(ctx, "plan.not_found", &id))
		return -1;
	found = repo_plan_get(ctx->store, &ctx->req->arena, org_of(ctx), id, tk,
			      &err);
	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "plan.not_found");
	return found == 1 ? 0 : -1;
}

void page_plan_update(struct ctx *ctx)
{
	struct plan_task tk;

	if (load_task(ctx, &tk))
		return;
	save(ctx, &tk, "plan.update");
}

void page_plan_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct plan_task tk;

	if (load_task(ctx, &tk))
		return;
	if (store_begin(ctx->store, &err) ||
	    repo_plan_delete(ctx->store, org_of(ctx), tk.id, &err) < 0 ||
	    page_audit(ctx, "plan.delete",
		       arena_printf(&ctx->req->arena, "plan:%lld",
				    (long long)tk.id),
		       arena_printf(&ctx->req->arena, "%s: %s", tk.control,
				    tk.task),
		       "", &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/plan");
}
