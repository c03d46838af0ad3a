/* page_case.c: the incident-case library of the quick approach (LV1). */
#include "util/compat.h"

#include <stdio.h>

#include "catalog/catalog.h"
#include "core/permission.h"
#include "store/repo_asset.h"
#include "store/repo_risk.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/caserisk.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

static const char *tx(const struct ctx *ctx, const struct text *t)
{
	return text_get(t, ctx->req->lang);
}

/* A list whose items are the lines of text. */
static void lines_list(struct strbuf *o, const char *text, int ordered)
{
	const char *p = text;

	if (ordered)
		html_lit(o, "<ol>");
	else
		html_lit(o, "<ul>");
	while (*p) {
		size_t len = strcspn(p, "\n");
		struct strbuf item = STRBUF_INIT;

		strbuf_add(&item, p, len);
		html_lit(o, "<li>");
		html_text(o, item.buf);
		html_lit(o, "</li>");
		strbuf_release(&item);
		p += len + (p[len] == '\n');
	}
	if (ordered)
		html_lit(o, "</ol>");
	else
		html_lit(o, "</ul>");
}

void page_cases(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	layout_begin(ctx, t(ctx, "cases.title"), NAV_CASES);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "cases.lead");
	html_lit(o, "</p><ul class=\"cases\">");
	for (i = 0; i < cat->case_count; i++) {
		const struct incident_case *c = &cat->cases[i];

		html_lit(o, "<li class=\"card\"><h2><a href=\"/cases/");
		html_url_arg(o, c->id);
		html_lit(o, "\">");
		html_text(o, tx(ctx, &c->title));
		html_lit(o, "</a></h2><p><span class=\"badge\">");
		html_text(o, tx(ctx, &c->threat));
		html_lit(o, "</span> <span class=\"badge reg\">");
		html_text(o, t(ctx, arena_printf(&ctx->req->arena, "medium.%s",
						 medium_name(c->medium))));
		html_lit(o, "</span></p><p>");
		html_text(o, tx(ctx, &c->cause));
		html_lit(o, "</p></li>");
	}
	html_lit(o, "</ul>");
	layout_end(ctx);
}

static int register_form(struct ctx *ctx, const struct incident_case *c);

void page_case_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct incident_case *c = catalog_case(cat, ctx->req->route_arg);
	size_t i;

	if (!c) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	layout_begin(ctx, tx(ctx, &c->title), NAV_CASES);
	html_lit(o, "<p><span class=\"badge\">");
	html_text(o, tx(ctx, &c->threat));
	html_lit(o, "</span> <span class=\"badge reg\">");
	html_text(o, t(ctx, arena_printf(&ctx->req->arena, "medium.%s",
					 medium_name(c->medium))));
	html_lit(o, "</span></p><section class=\"card\"><h2>");
	page_t(ctx, "cases.story");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->story));
	html_lit(o, "</p><h2>");
	page_t(ctx, "cases.cause");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->cause));
	html_lit(o, "</p><h2>");
	page_t(ctx, "cases.impact");
	html_lit(o, "</h2><p>");
	html_text(o, tx(ctx, &c->impact));
	html_lit(o, "</p></section><section class=\"card\"><h2>");
	page_t(ctx, "cases.risks");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->risks), 0);
	html_lit(o, "<h2>");
	page_t(ctx, "cases.measures");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->measures), 0);
	html_lit(o, "<h2>");
	page_t(ctx, "cases.procedures");
	html_lit(o, "</h2>");
	lines_list(o, tx(ctx, &c->procedures), 1);
	html_lit(o, "</section><section><h2>");
	page_t(ctx, "cases.links");
	html_lit(o, "</h2><p class=\"links\">");
	for (i = 0; i < c->control_count; i++) {
		html_lit(o, "<a class=\"badge\" href=\"/controls/");
		html_url_arg(o, c->controls[i]->id);
		html_lit(o, "\">");
		html_text(o, c->controls[i]->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->controls[i]->title));
		html_lit(o, "</a> ");
	}
	for (i = 0; i < c->guideline_count; i++) {
		html_lit(o, "<a class=\"badge level\" href=\"/guideline/");
		html_url_arg(o, c->guideline[i]->id);
		html_lit(o, "\">");
		html_text(o, c->guideline[i]->id);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->guideline[i]->title));
		html_lit(o, "</a> ");
	}
	for (i = 0; i < c->regulation_count; i++) {
		html_lit(o, "<span class=\"badge reg\">");
		page_t(ctx, "diagnosis.regulation");
		html_lit(o, " ");
		html_long(o, c->regulations[i]->no);
		html_lit(o, " ");
		html_text(o, tx(ctx, &c->regulations[i]->title));
		html_lit(o, "</span> ");
	}
	html_lit(o, "</p><p>");
	page_t(ctx, "cases.diagnosis");
	for (i = 0; i < c->diagnosis_count; i++) {
		html_lit(o, " <span class=\"no\">");
		html_long(o, c->diagnosis[i]->no);
		html_lit(o, "</span>");
	}
	html_lit(o, "</p></section>");
	if (permission_granted(ctx->req->session->rec.roles, PERM_EDIT) &&
	    register_form(ctx, c))
		return;
	html_lit(o, "<p><a href=\"/cases\">");
	page_t(ctx, "cases.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* ---- registering the case's risks ---- */

/* The pair as the form and the API name it, "t03:v43". */
static const char *pair_value(struct ctx *ctx, const struct risk_pair *p)
{
	return arena_printf(&ctx->req->arena, "%s:%s", p->threat->id,
			    p->vulnerability->id);
}

/* "threat — vulnerability" in the reader's language. */
static void pair_text(struct ctx *ctx, const struct risk_pair *p)
{
	struct strbuf *o = &ctx->resp->body;

	html_text(o, tx(ctx, &p->threat->title));
	html_lit(o, " — ");
	html_text(o, tx(ctx, &p->vulnerability->title));
}

/* One asset's checkbox. */
static void asset_choice(struct ctx *ctx, const struct asset *a)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label><input type=\"checkbox\" name=\"asset\" "
		    "value=\"");
	html_long(o, (long)a->id);
	html_lit(o, "\"> ");
	html_text(o, a->name);
	html_lit(o, " <small>");
	html_text(o, riskview_medium(ctx, a->medium));
	html_lit(o, "</small></label>");
}

/*
 * The assets to offer: those on the case's medium first, then the rest,
 * CASERISK_ASSETS_MAX in all, filtered by the words of ?q=.  A register
 * may hold thousands, so the list is cut and the filter narrows it.
 */
static int asset_choices(struct ctx *ctx, const struct incident_case *c,
			 const char *search, int *cut, struct error *err)
{
	struct strbuf *o = &ctx->resp->body;
	const char *medium = medium_name(c->medium);
	struct asset_query q;
	struct asset_page page;
	size_t shown = 0, i;
	int pass;

	*cut = 0;
	for (pass = 0; pass < 2 && shown < CASERISK_ASSETS_MAX; pass++) {
		memset(&q, 0, sizeof(q));
		q.sort = ASORT_NAME;
		q.importance = IMPORTANCE_ANY;
		q.search = *search ? search : NULL;
		q.limit = CASERISK_ASSETS_MAX;
		q.medium = pass ? NULL : medium;
		if (repo_asset_list(ctx->store, &ctx->req->arena,
				    ctx->req->session->rec.org_id, &q, &page,
				    err))
			return -1;
		for (i = 0; i < page.count; i++) {
			if (pass && !strcmp(page.rows[i].medium, medium))
				continue;
			if (shown == CASERISK_ASSETS_MAX) {
				*cut = 1;
				break;
			}
			asset_choice(ctx, &page.rows[i]);
			shown++;
		}
		if (page.more_after)
			*cut = 1;
	}
	if (!shown) {
		html_lit(o, "<p>");
		page_t(ctx, *search ? "caserisk.no_match"
				    : "caserisk.no_assets_yet");
		html_lit(o, " <a href=\"/assets\">");
		page_t(ctx, "caserisk.to_assets");
		html_lit(o, "</a></p>");
	}
	return 0;
}

/* The notice when no assessment is open, with the way to start one. */
static void no_assessment(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p class=\"notice warn\">");
	page_t(ctx, "caserisk.no_assessment");
	html_lit(o, " <a href=\"/risks/method\">");
	page_t(ctx, "caserisk.choose_method");
	html_lit(o, "</a></p>");
}

/*
 * The form "register this case's risks", for those who edit the
 * register.  0 when written, -1 when the page was answered with an
 * error instead.
 */
static int register_form(struct ctx *ctx, const struct incident_case *c)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct risk_assessment a;
	const char *search = request_query(ctx->req, "q");
	int open, cut;
	size_t i;

	if (!search)
		search = "";
	open = repo_assessment_open(ctx->store, &ctx->req->arena,
				    ctx->req->session->rec.org_id, &a, &err);
	if (open < 0) {
		page_fail(ctx, &err);
		return -1;
	}
	html_lit(o, "<section class=\"card\" id=\"register\"><h2>");
	page_t(ctx, "caserisk.title");
	html_lit(o, "</h2><p>");
	page_t(ctx, "caserisk.lead");
	html_lit(o, "</p>");
	if (!open) {
		no_assessment(ctx);
		html_lit(o, "</section>");
		return 0;
	}
	/* The filter is a GET of this page, so it keeps the case's URL. */
	html_lit(o, "<form method=\"get\" action=\"/cases/");
	html_url_arg(o, c->id);
	html_lit(o, "#register\" class=\"filters\"><label>");
	page_t(ctx, "caserisk.filter");
	html_lit(o, " <input type=\"search\" name=\"q\" maxlength=\"200\" "
		    "value=\"");
	html_attr(o, search);
	html_lit(o, "\"></label><button type=\"submit\">");
	page_t(ctx, "caserisk.filter_button");
	html_lit(o, "</button></form>");
	html_lit(o, "<form method=\"post\" action=\"/cases/");
	html_url_arg(o, c->id);
	html_lit(o, "/risks\" class=\"stack\">");
	page_csrf_field(ctx);
	html_lit(o, "<fieldset class=\"choices\"><legend>");
	page_t(ctx, "caserisk.assets");
	html_lit(o, "</legend>");
	if (asset_choices(ctx, c, search, &cut, &err)) {
		page_fail(ctx, &err);
		return -1;
	}
	if (cut) {
		html_lit(o, "<p class=\"small\">");
		html_text(o, t1(ctx, "caserisk.cut",
				arena_printf(&ctx->req->arena, "%d",
					     CASERISK_ASSETS_MAX)));
		html_lit(o, "</p>");
	}
	html_lit(o, "</fieldset><fieldset><legend>");
	page_t(ctx, "caserisk.pairs");
	html_lit(o, "</legend>");
	for (i = 0; i < c->pair_count; i++) {
		html_lit(o, "<label><input type=\"checkbox\" name=\"pair\" "
			    "value=\"");
		html_attr(o, pair_value(ctx, &c->pairs[i]));
		/* The case names these risks, so all start ticked. */
		html_lit(o, "\" checked> ");
		pair_text(ctx, &c->pairs[i]);
		html_lit(o, "</label>");
	}
	html_lit(o, "<p class=\"small\">");
	page_t(ctx, "caserisk.pairs_help");
	/* The same action drafts the rules and procedures that answer the
	 * case, in the document register, unless the user says not to. */
	html_lit(o, "</p></fieldset><label><input type=\"checkbox\" "
		    "name=\"draft\" value=\"1\" checked> ");
	page_t(ctx, "caserisk.draft_too");
	html_lit(o, "</label><button type=\"submit\" "
		    "class=\"primary\">");
	page_t(ctx, "caserisk.submit");
	html_lit(o, "</button></form></section>");
	return 0;
}

/* Records an event for caserisk_create() as the logged-in user. */
static int audit_page(void *arg, const char *action, const char *target,
		      const char *after, struct error *err)
{
	return page_audit(arg, action, target, "", after, err);
}

/* The lines of text as one block to copy, in a read-only text area. */
static void copy_block(struct ctx *ctx, const char *id, const char *label,
		       const char *text)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	page_t(ctx, label);
	html_lit(o, "</label><textarea id=\"");
	html_attr(o, id);
	html_lit(o, "\" rows=\"6\" readonly>");
	html_text(o, text);
	html_lit(o, "</textarea>");
}

/* A table of made or skipped risks. */
static void result_table(struct ctx *ctx, const struct caserisk_item *items,
			 size_t count)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<table><thead><tr><th scope=\"col\">");
	page_t(ctx, "caserisk.col_asset");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "risk.threat");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "risk.vulnerability");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "caserisk.col_risk");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const struct caserisk_item *it = &items[i];

		html_lit(o, "<tr><td><a href=\"/risks?asset=");
		html_long(o, (long)it->asset_id);
		html_lit(o, "#risk-list\">");
		html_text(o, it->asset_name);
		html_lit(o, "</a> <small>");
		html_text(o, riskview_medium(ctx, it->asset_medium));
		html_lit(o, "</small></td><td>");
		html_text(o, tx(ctx, &it->threat->title));
		html_lit(o, "</td><td>");
		html_text(o, tx(ctx, &it->vulnerability->title));
		html_lit(o, "</td><td><a href=\"/risks/");
		html_long(o, (long)it->risk_id);
		html_lit(o, "\">#");
		html_long(o, (long)it->risk_id);
		html_lit(o, "</a></td></tr>");
	}
	html_lit(o, "</tbody></table>");
}

static void result_page(struct ctx *ctx, const struct incident_case *c,
			const struct caserisk_result *res)
{
	struct strbuf *o = &ctx->resp->body;
	const char *args[2];

	args[0] = arena_printf(&ctx->req->arena, "%zu", res->created_count);
	args[1] = arena_printf(&ctx->req->arena, "%zu", res->skipped_count);
	layout_begin(ctx, t1(ctx, "caserisk.done_title", tx(ctx, &c->title)),
		     NAV_CASES);
	html_lit(o, "<p class=\"notice ok\" role=\"status\">");
	html_text(o, tn(ctx, "caserisk.done", args, 2));
	html_lit(o, "</p>");
	if (res->created_count) {
		html_lit(o, "<section class=\"card\"><h2>");
		page_t(ctx, "caserisk.created");
		html_lit(o, "</h2>");
		result_table(ctx, res->created, res->created_count);
		html_lit(o, "<p>");
		page_t(ctx, "caserisk.next_rate");
		html_lit(o, "</p></section>");
	}
	if (res->skipped_count) {
		html_lit(o, "<section class=\"card\"><h2>");
		page_t(ctx, "caserisk.skipped");
		html_lit(o, "</h2>");
		result_table(ctx, res->skipped, res->skipped_count);
		html_lit(o, "</section>");
	}
	if (res->draft_id) {
		html_lit(o, "<p class=\"notice\">");
		html_text(o, t1(ctx,
				res->draft_existed ? "caserisk.draft_existed"
						   : "caserisk.draft_made",
				res->draft_code));
		html_lit(o, " <a href=\"/documents/");
		html_long(o, (long)res->draft_id);
		html_lit(o, "\">");
		page_t(ctx, "caserisk.draft_open");
		html_lit(o, "</a></p>");
	}
	/* The case's rules and steps stay here as text to copy into other
	 * documents too. */
	html_lit(o, "<section class=\"card\"><h2>");
	page_t(ctx, "caserisk.texts");
	html_lit(o, "</h2><p>");
	page_t(ctx, "caserisk.texts_lead");
	html_lit(o, "</p>");
	copy_block(ctx, "f-measures", "cases.measures", tx(ctx, &c->measures));
	copy_block(ctx, "f-procedures", "cases.procedures",
		   tx(ctx, &c->procedures));
	html_lit(o, "</section><p><a href=\"/cases/");
	html_url_arg(o, c->id);
	html_lit(o, "\">");
	page_t(ctx, "caserisk.back");
	html_lit(o, "</a> · <a href=\"/risks#risk-list\">");
	page_t(ctx, "caserisk.to_risks");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* The refusal when no assessment is open: 409, with the way on. */
static void refuse_no_assessment(struct ctx *ctx, const struct incident_case *c)
{
	struct strbuf *o = &ctx->resp->body;

	strbuf_reset(o);
	ctx->resp->status = 409;
	layout_begin(ctx, tx(ctx, &c->title), NAV_CASES);
	no_assessment(ctx);
	html_lit(o, "<p><a href=\"/cases/");
	html_url_arg(o, c->id);
	html_lit(o, "\">");
	page_t(ctx, "caserisk.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* The case's pair named "THREAT:VULNERABILITY", or NULL. */
static const struct risk_pair *
read_pair(struct ctx *ctx, const struct incident_case *c, const char *value)
{
	const char *colon = strchr(value, ':');

	if (!colon)
		return NULL;
	return caserisk_find_pair(c,
				  arena_memdupz(&ctx->req->arena, value,
						(size_t)(colon - value)),
				  colon + 1);
}

void page_case_risks(struct ctx *ctx)
{
	const struct incident_case *c =
		catalog_case(ctx->app->cat, ctx->req->route_arg);
	struct caserisk_audit audit = { audit_page, ctx };
	struct caserisk_draft draft = { ctx->app->msgs,
					ctx->req->session->rec.email };
	const char *want_draft = request_form(ctx->req, "draft");
	struct error err = ERROR_INIT;
	struct caserisk_result res;
	const struct risk_pair **pairs;
	int64_t *assets;
	size_t i, n_assets = 0, n_pairs = 0;

	if (!c) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	assets = arena_calloc(&ctx->req->arena, ctx->req->form_count + 1,
			      sizeof(*assets));
	pairs = arena_calloc(&ctx->req->arena, ctx->req->form_count + 1,
			     sizeof(*pairs));
	for (i = 0; i < ctx->req->form_count; i++) {
		const struct param *p = &ctx->req->form[i];

		if (!strcmp(p->name, "asset")) {
			long id;

			if (parse_long(p->value, 1, INT32_MAX, &id)) {
				error_set(&err, ERROR_INPUT, "input.bad_choice",
					  "caserisk.assets", p->value, NULL);
				goto fail;
			}
			assets[n_assets++] = id;
		} else if (!strcmp(p->name, "pair")) {
			const struct risk_pair *pair =
				read_pair(ctx, c, p->value);

			if (!pair) {
				error_set(&err, ERROR_INPUT, "input.bad_choice",
					  "caserisk.pairs", p->value, NULL);
				goto fail;
			}
			pairs[n_pairs++] = pair;
		}
	}
	if (caserisk_create(ctx->store, &ctx->req->arena, ctx->app->cat,
			    ctx->req->session->rec.org_id, c, assets, n_assets,
			    pairs, n_pairs, ctx->req->lang, ctx->req->now,
			    want_draft && *want_draft ? &draft : NULL, &audit,
			    &res, &err))
		goto fail;
	result_page(ctx, c, &res);
	return;
fail:
	if (err.code == ERROR_CONFLICT)
		refuse_no_assessment(ctx, c);
	else
		page_fail(ctx, &err);
}
