/* page_cloud.c: the register of cloud services and their 15 checks. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/validate.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static const char *const statuses[] = { "yes", "partly", "no", "na" };
static const char *const contracts[] = { "none", "terms", "contract" };

/* The text fields of a service: form name, message key, limit. */
static const struct {
	const char *name;
	const char *key;
	size_t max;
} fields[] = {
	{ "name", "cloud.name", 200 },
	{ "purpose", "cloud.purpose", 500 },
	{ "data", "cloud.data", 500 },
	{ "administrator", "cloud.administrator", 200 },
	{ "users", "cloud.users", 500 },
	{ "support", "cloud.support", 500 },
	{ "sla", "cloud.sla", 500 },
	{ "location", "cloud.location", 200 },
	{ "cost", "cloud.cost", 200 },
};

static const char **field_ptr(struct cloud_service *s, size_t i)
{
	const char **p[] = { &s->name,		&s->purpose,  &s->data,
			     &s->administrator, &s->users,    &s->support,
			     &s->sla,		&s->location, &s->cost };

	return p[i];
}

static void service_form(struct ctx *ctx, struct cloud_service *s,
			 const char *action)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;
	int v;

	html_lit(o, "<form method=\"post\" action=\"");
	html_attr(o, action);
	html_lit(o, "\" class=\"stack narrow\">");
	page_csrf_field(ctx);
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		html_lit(o, "<label for=\"f-");
		html_attr(o, fields[i].name);
		html_lit(o, "\">");
		page_t(ctx, fields[i].key);
		html_lit(o, "</label><input id=\"f-");
		html_attr(o, fields[i].name);
		html_lit(o, "\" name=\"");
		html_attr(o, fields[i].name);
		html_lit(o, "\" value=\"");
		html_attr(o, *field_ptr(s, i));
		html_lit(o, "\"");
		if (i == 0)
			html_lit(o, " required");
		html_lit(o, ">");
	}
	html_lit(o, "<label for=\"f-importance\">");
	page_t(ctx, "cloud.importance");
	html_lit(o, "</label><select id=\"f-importance\" name=\"importance\">");
	for (v = 2; v >= 0; v--)
		html_option(o, arena_printf(&ctx->req->arena, "%d", v),
			    t(ctx, arena_printf(&ctx->req->arena,
						"cloud.importance_%d", v)),
			    s->importance == v);
	html_lit(o, "</select><label for=\"f-contract\">");
	page_t(ctx, "cloud.contract");
	html_lit(o, "</label><select id=\"f-contract\" name=\"contract\">");
	for (i = 0; i < ARRAY_SIZE(contracts); i++)
		html_option(o, contracts[i],
			    t(ctx,
			      arena_printf(&ctx->req->arena,
					   "cloud.contract_%s", contracts[i])),
			    !strcmp(s->contract, contracts[i]));
	html_lit(o, "</select><label><input type=\"checkbox\" name=\"nda\" "
		    "value=\"1\"");
	if (s->nda)
		html_lit(o, " checked");
	html_lit(o, "> ");
	page_t(ctx, "cloud.nda");
	html_lit(o, "</label><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.save");
	html_lit(o, "</button></form>");
}

static void list_page(struct ctx *ctx, struct cloud_service *draft,
		      const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct cloud_service *rows;
	size_t count, i;

	if (repo_cloud_list(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, &rows, &count,
			    &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "cloud.title"), NAV_CLOUD);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "cloud.lead");
	html_lit(o, "</p>");
	if (count) {
		html_lit(o,
			 "<table class=\"list\"><thead><tr><th scope=\"col\">");
		page_t(ctx, "cloud.name");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "cloud.data");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "cloud.importance");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "cloud.checks");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < count; i++) {
			html_lit(o, "<tr><td><a href=\"/cloud/");
			html_long(o, (long)rows[i].id);
			html_lit(o, "\">");
			html_text(o, rows[i].name);
			html_lit(o, "</a></td><td>");
			html_text(o, rows[i].data);
			html_lit(o, "</td><td>");
			page_t(ctx, arena_printf(&ctx->req->arena,
						 "cloud.importance_%d",
						 rows[i].importance));
			html_lit(o, "</td><td>");
			html_long(o, rows[i].checks_done);
			html_lit(o, " / 15");
			if (rows[i].checks_open) {
				html_lit(o, " <span class=\"badge part\">");
				html_text(o, t1(ctx, "cloud.open",
						arena_printf(
							&ctx->req->arena, "%d",
							rows[i].checks_open)));
				html_lit(o, "</span>");
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table>");
	}
	if (permission_granted(ctx->req->session->rec.roles, PERM_ANSWER)) {
		html_lit(o, "<h2>");
		page_t(ctx, "cloud.add");
		html_lit(o, "</h2>");
		if (error_text) {
			html_lit(o, "<p class=\"error\" role=\"alert\">");
			html_text(o, error_text);
			html_lit(o, "</p>");
		}
		service_form(ctx, draft, "/cloud");
	}
	layout_end(ctx);
}

static void empty_service(struct cloud_service *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		*field_ptr(s, i) = "";
	s->importance = 1;
	s->contract = "terms";
}

void page_cloud(struct ctx *ctx)
{
	struct cloud_service s;

	empty_service(&s);
	list_page(ctx, &s, NULL);
}

/* Reads and checks the service form; returns 0 or -1 with err. */
static int read_service(struct ctx *ctx, struct cloud_service *s,
			struct error *err)
{
	const char *imp = request_form(ctx->req, "importance");
	const char *contract = request_form(ctx->req, "contract");
	const char *nda = request_form(ctx->req, "nda");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const char *v = request_form(ctx->req, fields[i].name);

		*field_ptr(s, i) = v ? v : "";
		if (validate_text(fields[i].key, *field_ptr(s, i),
				  i == 0 ? 1 : 0, fields[i].max, err))
			return -1;
	}
	if (!imp || parse_int(imp, 0, 2, &s->importance))
		return error_set(err, ERROR_INPUT, "input.out_of_range",
				 "cloud.importance", "0", "2", NULL);
	if (!contract ||
	    parse_name(contracts, ARRAY_SIZE(contracts), contract) < 0)
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "cloud.contract", contract ? contract : "",
				 NULL);
	s->contract = contract;
	s->nda = nda && !strcmp(nda, "1");
	return 0;
}

void page_cloud_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct cloud_service s;

	empty_service(&s);
	if (read_service(ctx, &s, &err)) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		list_page(ctx, &s, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_cloud_put(ctx->store, ctx->req->session->rec.org_id, &s,
			   ctx->req->now, &err) ||
	    page_audit(ctx, "cloud.add",
		       arena_printf(&ctx->req->arena, "cloud:%lld",
				    (long long)s.id),
		       "", s.name, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/cloud/%lld",
				       (long long)s.id));
}

static int load_service(struct ctx *ctx, struct cloud_service *s)
{
	struct error err = ERROR_INIT;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		page_error(ctx, 404, "http.not_found");
		return -1;
	}
	found = repo_cloud_get(ctx->store, &ctx->req->arena,
			       ctx->req->session->rec.org_id, id, s, &err);
	if (found <= 0) {
		if (found < 0)
			page_fail(ctx, &err);
		else
			page_error(ctx, 404, "http.not_found");
		return -1;
	}
	return 0;
}

static void service_page(struct ctx *ctx, struct cloud_service *s,
			 const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	const char *status[15], *notes[15];
	const char *base =
		arena_printf(&ctx->req->arena, "/cloud/%lld", (long long)s->id);
	int edit =
		permission_granted(ctx->req->session->rec.roles, PERM_ANSWER);
	size_t i, k;
	int phase = -1;

	if (repo_cloud_checks(ctx->store, &ctx->req->arena,
			      ctx->req->session->rec.org_id, s->id, status,
			      notes, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, s->name, NAV_CLOUD);
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<h2>");
	page_t(ctx, "cloud.open_items");
	html_lit(o, "</h2><ul class=\"refs\" id=\"open-items\">");
	for (i = 0; i < cat->cloud_check_count; i++) {
		const struct cloud_check *c = &cat->cloud_checks[i];

		if (!strcmp(status[i], "yes") || !strcmp(status[i], "na"))
			continue;
		html_lit(o, "<li>");
		html_long(o, c->no);
		html_lit(o, ". ");
		html_text(o, text_get(&c->title, ctx->req->lang));
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul><h2>");
	page_t(ctx, "cloud.checklist");
	html_lit(o, "</h2><form method=\"post\" action=\"");
	html_attr(o, base);
	html_lit(o, "/checks\" class=\"checklist\">");
	page_csrf_field(ctx);
	for (i = 0; i < cat->cloud_check_count; i++) {
		const struct cloud_check *c = &cat->cloud_checks[i];
		const char *name = arena_printf(&ctx->req->arena, "s%d", c->no);

		if ((int)c->phase != phase) {
			if (phase >= 0)
				html_lit(o, "</fieldset>");
			phase = (int)c->phase;
			html_lit(o, "<fieldset class=\"part\"><legend>");
			page_t(ctx, arena_printf(&ctx->req->arena, "phase.%s",
						 cloud_phase_name(c->phase)));
			html_lit(o, "</legend>");
		}
		html_lit(o, "<div class=\"question\"><p><span class=\"no\">");
		html_long(o, c->no);
		html_lit(o, "</span> <strong>");
		html_text(o, text_get(&c->title, ctx->req->lang));
		html_lit(o, "</strong><br>");
		html_text(o, text_get(&c->check, ctx->req->lang));
		html_lit(o, "</p><label>");
		page_t(ctx, "five.status");
		html_lit(o, " <select name=\"");
		html_attr(o, name);
		html_lit(o, "\">");
		html_option(o, "", t(ctx, "diagnosis.unanswered"), !*status[i]);
		for (k = 0; k < ARRAY_SIZE(statuses); k++)
			html_option(o, statuses[k],
				    t(ctx, arena_printf(&ctx->req->arena,
							"cloud.status_%s",
							statuses[k])),
				    !strcmp(status[i], statuses[k]));
		html_lit(o, "</select></label> <label>");
		page_t(ctx, "diagnosis.note");
		html_lit(o, " <input name=\"n");
		html_long(o, c->no);
		html_lit(o, "\" maxlength=\"1000\" value=\"");
		html_attr(o, notes[i]);
		html_lit(o, "\"></label></div>");
	}
	if (phase >= 0)
		html_lit(o, "</fieldset>");
	if (edit) {
		html_lit(o, "<button type=\"submit\" class=\"primary\">");
		page_t(ctx, "members.save");
		html_lit(o, "</button>");
	}
	html_lit(o, "</form>");
	if (edit) {
		html_lit(o, "<h2>");
		page_t(ctx, "cloud.details");
		html_lit(o, "</h2>");
		service_form(ctx, s, base);
	}
	html_lit(o, "<p><a href=\"/cloud\">");
	page_t(ctx, "cloud.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

void page_cloud_show(struct ctx *ctx)
{
	struct cloud_service s;

	if (!load_service(ctx, &s))
		service_page(ctx, &s, NULL);
}

void page_cloud_update(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct cloud_service s;

	if (load_service(ctx, &s))
		return;
	if (read_service(ctx, &s, &err)) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		service_page(ctx, &s, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_cloud_put(ctx->store, ctx->req->session->rec.org_id, &s,
			   ctx->req->now, &err) ||
	    page_audit(ctx, "cloud.edit",
		       arena_printf(&ctx->req->arena, "cloud:%lld",
				    (long long)s.id),
		       "", s.name, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/cloud/%lld",
				       (long long)s.id));
}

void page_cloud_checks(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct cloud_service s;
	int item;

	if (load_service(ctx, &s))
		return;
	if (store_begin(ctx->store, &err))
		goto out_fail;
	for (item = 1; item <= 15; item++) {
		char name[8];
		const char *st, *note;

		snprintf(name, sizeof(name), "s%d", item);
		st = request_form(ctx->req, name);
		snprintf(name, sizeof(name), "n%d", item);
		note = request_form(ctx->req, name);
		if (!st || !*st)
			continue;
		if (!note)
			note = "";
		if (parse_name(statuses, ARRAY_SIZE(statuses), st) < 0 ||
		    utf8_count(note, strlen(note)) > 1000) {
			store_rollback(ctx->store);
			page_error(ctx, 400, "http.bad_form");
			return;
		}
		if (repo_cloud_check_set(ctx->store,
					 ctx->req->session->rec.org_id, s.id,
					 item, st, note, &err) < 0)
			goto out_rollback;
	}
	if (page_audit(ctx, "cloud.checks",
		       arena_printf(&ctx->req->arena, "cloud:%lld",
				    (long long)s.id),
		       "", "", &err) ||
	    store_commit(ctx->store, &err))
		goto out_rollback;
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/cloud/%lld",
				       (long long)s.id));
	return;
out_rollback:
	store_rollback(ctx->store);
out_fail:
	page_fail(ctx, &err);
}
