/*
 * page_risk.c: the risk assessment: the method, identifying risks from
 * the register, rating, the heat map and priority list, treatment and the
 * owner's acceptance, and the report for management.
 */
#include "util/compat.h"

#include <time.h>

#include "catalog/catalog.h"
#include "core/asset.h"
#include "store/repo_asset.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pagecache.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

enum { SUGGEST_MAX = 256, ASSETS_AT_ONCE = 50 };

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static int may(const struct ctx *ctx, enum permission p)
{
	return permission_granted(ctx->req->session->rec.roles, p);
}

static const char *num(struct ctx *ctx, long v)
{
	return arena_printf(&ctx->req->arena, "%ld", v);
}

static const char *method_title(struct ctx *ctx, enum risk_method m)
{
	return t(ctx, arena_printf(&ctx->req->arena, "risk.method_%s",
				   risk_method_name(m)));
}

static void day_text(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char buf[32];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	html_text(&ctx->resp->body, buf);
}

/* Loads the method; answers with the "choose a method first" page when
 * no assessment is open and need_open.  0 to go on, -1 answered. */
static int load_method(struct ctx *ctx, struct method_view *mv, int need_open)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;

	if (riskview_method(ctx, mv, &err)) {
		page_fail(ctx, &err);
		return -1;
	}
	if (mv->open || !need_open)
		return 0;
	layout_begin(ctx, t(ctx, "risk.title"), NAV_RISKS);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "risk.lead");
	html_lit(o, "</p><p class=\"notice\">");
	page_t(ctx, "risk.no_assessment");
	html_lit(o, "</p><p><a class=\"button primary\" "
		    "href=\"/risks/method\">");
	page_t(ctx, "risk.choose_method");
	html_lit(o, "</a></p>");
	layout_end(ctx);
	return -1;
}

/* ---- the method ---- */

static void scale_table(struct ctx *ctx, const struct risk_method_def *def,
			enum risk_scale_kind k)
{
	struct strbuf *o = &ctx->resp->body;
	const struct risk_scale *s = &def->scales[k];
	size_t i;

	if (!s->count)
		return;
	html_lit(o, "<h4>");
	page_t(ctx, arena_printf(&ctx->req->arena, "risk.scale_%s",
				 risk_scale_name(k)));
	html_lit(o, "</h4><dl class=\"facts\">");
	for (i = 0; i < s->count; i++) {
		html_lit(o, "<dt>");
		html_text(o, text_get(&s->points[i].label, ctx->req->lang));
		html_lit(o, "</dt><dd>");
		html_text(o, text_get(&s->points[i].meaning, ctx->req->lang));
		html_lit(o, "</dd>");
	}
	html_lit(o, "</dl>");
}

/* The IPA conversion table: threat (rows) x vulnerability (columns). */
static void likelihood_table(struct ctx *ctx, const struct risk_method_def *d)
{
	struct strbuf *o = &ctx->resp->body;
	int th, v;

	html_lit(o, "<h4>");
	page_t(ctx, "risk.table_title");
	html_lit(o, "</h4><table class=\"list matrix\"><thead><tr><th "
		    "scope=\"col\">");
	page_t(ctx, "risk.table_corner");
	html_lit(o, "</th>");
	for (v = 3; v >= 1; v--) {
		html_lit(o, "<th scope=\"col\">");
		html_long(o, v);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr></thead><tbody>");
	for (th = 3; th >= 1; th--) {
		html_lit(o, "<tr><th scope=\"row\">");
		html_long(o, th);
		html_lit(o, "</th>");
		for (v = 3; v >= 1; v--) {
			html_lit(o, "<td>");
			html_long(o, risk_likelihood(d, th, v));
			html_lit(o, "</td>");
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table>");
}

static void grade_table(struct ctx *ctx, const struct risk_method_def *d,
			const struct risk_criteria *c)
{
	struct strbuf *o = &ctx->resp->body;
	int lo[GRADE_COUNT], hi[GRADE_COUNT];
	enum risk_grade g;

	lo[GRADE_LOW] = risk_level_min(d);
	hi[GRADE_LOW] = c->low_max;
	lo[GRADE_MEDIUM] = c->low_max + 1;
	hi[GRADE_MEDIUM] = c->medium_max;
	lo[GRADE_HIGH] = c->medium_max + 1;
	hi[GRADE_HIGH] = risk_level_max(d);
	/* Show only levels a product can reach: 3-point has no 5, 7, 8. */
	for (g = GRADE_LOW; g < GRADE_COUNT; g++) {
		while (lo[g] < hi[g] && !risk_level_possible(d, lo[g]))
			lo[g]++;
		while (hi[g] > lo[g] && !risk_level_possible(d, hi[g]))
			hi[g]--;
	}
	html_lit(o, "<h4>");
	page_t(ctx, "risk.grades_title");
	html_lit(o, "</h4><table class=\"list\"><tbody>");
	for (g = GRADE_HIGH + 1; g-- > GRADE_LOW;) {
		html_lit(o, "<tr><th scope=\"row\"><span class=\"grade ");
		html_attr(o, riskview_grade_class(g));
		html_lit(o, "\">");
		html_text(o, text_get(&d->grades[g].label, ctx->req->lang));
		html_lit(o, "</span></th><td class=\"num\">");
		html_long(o, lo[g]);
		if (hi[g] != lo[g]) {
			html_lit(o, "–");
			html_long(o, hi[g]);
		}
		html_lit(o, "</td><td>");
		html_text(o, text_get(&d->grades[g].meaning, ctx->req->lang));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table>");
}

/* Everything one method is, for people to read before they choose. */
static void method_facts(struct ctx *ctx, const struct risk_method_def *d,
			 const struct risk_criteria *c)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p>");
	page_t(ctx, arena_printf(&ctx->req->arena, "risk.method_%s_help",
				 risk_method_name(d->method)));
	html_lit(o, "</p>");
	scale_table(ctx, d, SCALE_CIA);
	scale_table(ctx, d, SCALE_THREAT);
	scale_table(ctx, d, SCALE_VULNERABILITY);
	if (d->has_table)
		likelihood_table(ctx, d);
	scale_table(ctx, d, SCALE_LIKELIHOOD);
	grade_table(ctx, d, c);
}

static void level_select(struct ctx *ctx, const struct risk_method_def *d,
			 const char *name, int selected)
{
	struct strbuf *o = &ctx->resp->body;
	int l;

	html_lit(o, "<select name=\"");
	html_attr(o, name);
	html_lit(o, "\" id=\"f-");
	html_attr(o, name);
	html_lit(o, "\">");
	for (l = risk_level_min(d); l <= risk_level_max(d); l++)
		if (risk_level_possible(d, l))
			html_option(o, num(ctx, l), num(ctx, l), l == selected);
	html_lit(o, "</select>");
}

static void criteria_fields(struct ctx *ctx, const struct risk_method_def *d,
			    const struct risk_criteria *c)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"f-low_max\">");
	page_t(ctx, "risk.low_max");
	html_lit(o, "</label>");
	level_select(ctx, d, "low_max", c->low_max);
	html_lit(o, "<label for=\"f-medium_max\">");
	page_t(ctx, "risk.medium_max");
	html_lit(o, "</label>");
	level_select(ctx, d, "medium_max", c->medium_max);
}

static void method_page(struct ctx *ctx, const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct risk_assessment *rows;
	struct method_view mv;
	struct risk_criteria def3;
	size_t count, i;
	enum risk_method m;

	if (riskview_method(ctx, &mv, &err) ||
	    repo_assessment_list(ctx->store, &ctx->req->arena, org_of(ctx),
				 &rows, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "risk.method_title"), NAV_RISKS);
	html_lit(o, "<p><a href=\"/risks\">");
	page_t(ctx, "risk.back");
	html_lit(o, "</a></p>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<p class=\"lead\">");
	if (mv.open)
		html_text(o, t1(ctx, "risk.method_current",
				method_title(ctx, mv.def->method)));
	else
		page_t(ctx, "risk.method_lead");
	html_lit(o, "</p><div class=\"columns\">");
	for (m = 0; m < RISK_METHOD_COUNT; m++) {
		const struct risk_method_def *d = catalog_method(cat, m);
		struct risk_criteria c;

		if (mv.open && mv.def->method == m)
			c = mv.criteria;
		else
			risk_criteria_default(d, &c);
		html_lit(o, "<section class=\"card\"><h2>");
		html_text(o, method_title(ctx, m));
		if (mv.open && mv.def->method == m) {
			html_lit(o, " <span class=\"badge ok\">");
			page_t(ctx, "risk.in_use");
			html_lit(o, "</span>");
		}
		html_lit(o, "</h2>");
		method_facts(ctx, d, &c);
		html_lit(o, "</section>");
	}
	html_lit(o, "</div>");
	if (may(ctx, PERM_ADMIN)) {
		risk_criteria_default(catalog_method(cat, RISK_THREE_POINT),
				      &def3);
		if (mv.open && mv.def->method == RISK_THREE_POINT) {
			html_lit(o, "<h2>");
			page_t(ctx, "risk.criteria_title");
			html_lit(o, "</h2><form method=\"post\" "
				    "action=\"/risks/method\" class=\"stack "
				    "narrow\">");
			page_csrf_field(ctx);
			html_hidden(o, "do", "criteria");
			criteria_fields(ctx, mv.def, &mv.criteria);
			html_lit(o, "<button type=\"submit\">");
			page_t(ctx, "members.save");
			html_lit(o, "</button></form>");
		}
		html_lit(o, "<h2>");
		page_t(ctx,
		       mv.open ? "risk.reassess_title" : "risk.start_title");
		html_lit(o, "</h2>");
		if (mv.open) {
			html_lit(o, "<p>");
			page_t(ctx, "risk.reassess_help");
			html_lit(o, "</p>");
		}
		html_lit(o, "<form method=\"post\" action=\"/risks/method\" "
			    "class=\"stack narrow\">");
		page_csrf_field(ctx);
		html_hidden(o, "do", "start");
		html_lit(o, "<fieldset class=\"choices\"><legend>");
		page_t(ctx, "risk.method");
		html_lit(o, "</legend>");
		for (m = 0; m < RISK_METHOD_COUNT; m++) {
			html_lit(o, "<label><input type=\"radio\" "
				    "name=\"method\" value=\"");
			html_attr(o, risk_method_name(m));
			html_lit(o, "\"");
			if ((mv.open ? mv.def->method : RISK_IPA) == m)
				html_lit(o, " checked");
			html_lit(o, "> ");
			html_text(o, method_title(ctx, m));
			html_lit(o, "</label>");
		}
		html_lit(o, "</fieldset><fieldset><legend>");
		page_t(ctx, "risk.criteria_3pt");
		html_lit(o, "</legend>");
		criteria_fields(ctx, catalog_method(cat, RISK_THREE_POINT),
				mv.open && mv.def->method == RISK_THREE_POINT
					? &mv.criteria
					: &def3);
		html_lit(o, "</fieldset>");
		if (mv.open) {
			html_lit(o, "<label><input type=\"checkbox\" "
				    "name=\"confirm\" value=\"1\" required> ");
			page_t(ctx, "risk.reassess_confirm");
			html_lit(o, "</label>");
		}
		html_lit(o, "<button type=\"submit\" class=\"primary\">");
		page_t(ctx, mv.open ? "risk.reassess" : "risk.start");
		html_lit(o, "</button></form>");
	}
	if (count) {
		html_lit(o, "<h2>");
		page_t(ctx, "risk.assessments");
		html_lit(o, "</h2><table class=\"list\"><thead><tr><th "
			    "scope=\"col\">");
		page_t(ctx, "risk.assessment_no");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.method");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.started");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.ended");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < count; i++) {
			html_lit(o, "<tr><td>");
			html_long(o, rows[i].no);
			html_lit(o, "</td><td>");
			html_text(o, method_title(ctx, rows[i].method));
			html_lit(o, "</td><td>");
			day_text(ctx, rows[i].started_at);
			html_lit(o, " ");
			html_text(o, rows[i].started_by);
			html_lit(o, "</td><td>");
			if (rows[i].closed_at) {
				day_text(ctx, rows[i].closed_at);
				html_lit(o, " · <a href=\"/risks/report?"
					    "assessment=");
				html_long(o, (long)rows[i].id);
				html_lit(o, "\">");
				page_t(ctx, "risk.report");
				html_lit(o,
					 "</a> · <a href=\"/risks/report.pdf?"
					 "assessment=");
				html_long(o, (long)rows[i].id);
				html_lit(o, "\" download>PDF</a>");
			} else {
				page_t(ctx, "risk.open");
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table>");
	}
	layout_end(ctx);
}

void page_risk_method(struct ctx *ctx)
{
	method_page(ctx, NULL);
}

static int read_criteria(struct ctx *ctx, struct risk_criteria *c,
			 struct error *err)
{
	const char *lo = request_form(ctx->req, "low_max");
	const char *mid = request_form(ctx->req, "medium_max");

	if (!lo || parse_int(lo, 0, 9, &c->low_max))
		return error_set(err, ERROR_INPUT, "risk.bad_criteria",
				 "risk.low_max", NULL);
	if (!mid || parse_int(mid, 0, 9, &c->medium_max))
		return error_set(err, ERROR_INPUT, "risk.bad_criteria",
				 "risk.medium_max", NULL);
	return 0;
}

/*
 * Records in each moved asset's history its values before and after, so
 * that its history explains why its ratings changed (the CLI writes the
 * same events).
 */
static int audit_moved(struct ctx *ctx, const struct asset_rating *rows,
		       size_t count, enum risk_method from, enum risk_method to,
		       struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	size_t k;
	int rc = 0;

	for (k = 0; k < count && !rc; k++) {
		strbuf_reset(&before);
		strbuf_reset(&after);
		asset_rescale_changes(rows[k].cia, from, to, &before, &after);
		rc = page_audit(ctx, "asset.update",
				arena_printf(&ctx->req->arena, "asset:%lld",
					     (long long)rows[k].id),
				before.buf, after.buf, err);
	}
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

void page_risk_method_save(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct method_view mv;
	const char *what = request_form(ctx->req, "do");
	const char *name = request_form(ctx->req, "method");
	const char *confirm = request_form(ctx->req, "confirm");
	const struct risk_method_def *d;
	struct risk_criteria c;
	struct asset_rating *moved = NULL;
	size_t moved_count = 0;
	enum risk_method m, from;
	int64_t id;

	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (what && !strcmp(what, "criteria")) {
		if (!mv.open || mv.def->method != RISK_THREE_POINT) {
			error_set(&err, ERROR_INPUT, "risk.fixed_bands", NULL);
			goto refused;
		}
		if (read_criteria(ctx, &c, &err) ||
		    risk_criteria_validate(mv.def, &c, &err))
			goto refused;
		if (store_begin(ctx->store, &err) ||
		    repo_assessment_set_criteria(ctx->store, org_of(ctx), &c,
						 &err) < 0 ||
		    page_audit(ctx, "assessment.criteria",
			       arena_printf(&ctx->req->arena, "assessment:%lld",
					    (long long)mv.assessment.id),
			       arena_printf(&ctx->req->arena, "%d %d",
					    mv.criteria.low_max,
					    mv.criteria.medium_max),
			       arena_printf(&ctx->req->arena, "%d %d",
					    c.low_max, c.medium_max),
			       &err) ||
		    store_commit(ctx->store, &err)) {
			store_rollback(ctx->store);
			page_fail(ctx, &err);
			return;
		}
		response_redirect(ctx->resp, "/risks/method");
		return;
	}
	if (!what || strcmp(what, "start") || !name ||
	    risk_method_parse(name, &m)) {
		error_set(&err, ERROR_INPUT, "input.bad_choice", "risk.method",
			  name ? name : "", NULL);
		goto refused;
	}
	/* Closing an assessment is never a side effect of a stray click. */
	if (mv.open && (!confirm || strcmp(confirm, "1"))) {
		error_set(&err, ERROR_INPUT, "risk.reassess_unconfirmed", NULL);
		goto refused;
	}
	d = catalog_method(cat, m);
	if (m == RISK_THREE_POINT) {
		if (read_criteria(ctx, &c, &err))
			goto refused;
	} else {
		risk_criteria_default(d, &c);
	}
	if (risk_criteria_validate(d, &c, &err))
		goto refused;
	from = mv.open ? mv.def->method : RISK_IPA;
	if (store_begin(ctx->store, &err) ||
	    (from != m &&
	     repo_asset_ratings(ctx->store, &ctx->req->arena, org_of(ctx),
				&moved, &moved_count, &err)) ||
	    repo_assessment_start(ctx->store, org_of(ctx), d, &c,
				  ctx->req->session->rec.email, ctx->req->now,
				  &id, &err) ||
	    audit_moved(ctx, moved, moved_count, from, m, &err) ||
	    page_audit(ctx, "assessment.start",
		       arena_printf(&ctx->req->arena, "assessment:%lld",
				    (long long)id),
		       mv.open ? risk_method_name(mv.def->method) : "",
		       risk_method_name(m), &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/risks");
	return;
refused : {
	struct strbuf msg = STRBUF_INIT;

	i18n_error_text(ctx, &err, &msg);
	ctx->resp->status = 400;
	method_page(ctx, msg.buf);
	strbuf_release(&msg);
}
}

/* ---- the list and the heat map ---- */

static int read_risk_query(struct ctx *ctx, const struct method_view *mv,
			   struct risk_query *q, struct error *err)
{
	const struct request *req = ctx->req;
	const char *v;
	long n;

	memset(q, 0, sizeof(*q));
	q->assessment_id = mv->assessment.id;
	q->sort = RSORT_LEVEL;
	q->desc = 1;
	q->limit = 50;
	q->level_min = q->level_max = RISK_ANY;
	q->importance = q->likelihood = RISK_ANY;
	if ((v = request_query(req, "sort")) && *v &&
	    risk_sort_parse(v, &q->sort))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "list.sort", v, NULL);
	if ((v = request_query(req, "dir")))
		q->desc = strcmp(v, "asc") != 0;
	if (riskview_paging(ctx, &q->limit, &q->cursor, &q->back, err))
		return -1;
	if ((v = request_query(req, "asset")) && *v) {
		if (parse_long(v, 1, INT32_MAX, &n))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "asset.name", v, NULL);
		q->asset_id = n;
	}
	if ((v = request_query(req, "grade")) && *v) {
		enum risk_grade g;

		if (risk_grade_parse(v, &g))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "risk.grade", v, NULL);
		q->level_min = g == GRADE_LOW ? risk_level_min(mv->def)
			       : g == GRADE_MEDIUM
				       ? mv->criteria.low_max + 1
				       : mv->criteria.medium_max + 1;
		q->level_max = g == GRADE_LOW	   ? mv->criteria.low_max
			       : g == GRADE_MEDIUM ? mv->criteria.medium_max
						   : risk_level_max(mv->def);
	}
	if ((v = request_query(req, "cell")) && *v) {
		int i, l;
		char extra;

		if (sscanf(v, "%d,%d%c", &i, &l, &extra) != 2 ||
		    !risk_value_valid(mv->def, SCALE_CIA, i) ||
		    !risk_value_valid(mv->def, SCALE_LIKELIHOOD, l))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "risk.heatmap", v, NULL);
		q->importance = i;
		q->likelihood = l;
	}
	if ((v = request_query(req, "unrated")) && !strcmp(v, "1"))
		q->level_min = q->level_max = RISK_UNRATED;
	if ((v = request_query(req, "status")) && *v) {
		enum treatment_status s;

		if (treatment_status_parse(v, &s))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "risk.status", v, NULL);
		q->status = v;
	}
	/* "none" in addresses is the undecided treatment, stored as "". */
	if ((v = request_query(req, "treatment")) && *v) {
		enum risk_treatment tr;

		if (!strcmp(v, "none"))
			q->treatment = "";
		else if (risk_treatment_parse(v, &tr) || tr == TREAT_NONE)
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "risk.treatment", v, NULL);
		else
			q->treatment = v;
	}
	return 0;
}

/* The address of the list with q's filters and a page. */
static const char *risks_href(struct ctx *ctx, const struct risk_query *q,
			      const char *page, int64_t cursor)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	strbuf_addf(&sb, "/risks?sort=%s&dir=%s", risk_sort_name(q->sort),
		    q->desc ? "desc" : "asc");
	if (q->asset_id)
		strbuf_addf(&sb, "&asset=%lld", (long long)q->asset_id);
	if (q->importance != RISK_ANY)
		strbuf_addf(&sb, "&cell=%d,%d", q->importance, q->likelihood);
	if (q->level_min == RISK_UNRATED)
		strbuf_addstr(&sb, "&unrated=1");
	if (q->status) {
		strbuf_addstr(&sb, "&status=");
		layout_url_arg(&sb, q->status);
	}
	if (q->treatment) {
		strbuf_addstr(&sb, "&treatment=");
		layout_url_arg(&sb, *q->treatment ? q->treatment : "none");
	}
	if (q->limit != 50)
		strbuf_addf(&sb, "&limit=%zu", q->limit);
	if (page)
		strbuf_addf(&sb, "&%s=%lld", page, (long long)cursor);
	out = arena_strdup(&ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

static const char *treatment_text(struct ctx *ctx, enum risk_treatment tr)
{
	if (tr == TREAT_NONE)
		return t(ctx, "risk.treatment_none");
	return t(ctx, arena_printf(&ctx->req->arena, "risk.treatment_%s",
				   risk_treatment_name(tr)));
}

static const char *status_text(struct ctx *ctx, enum treatment_status s)
{
	return t(ctx, arena_printf(&ctx->req->arena, "risk.status_%s",
				   treatment_status_name(s)));
}

/* The grade summary: how many risks in each grade, each a filter link. */
static void grade_summary(struct ctx *ctx, const struct method_view *mv,
			  size_t cells[5][5])
{
	struct strbuf *o = &ctx->resp->body;
	size_t levels[10], unrated, by_grade[GRADE_COUNT] = { 0 };
	enum risk_grade g;
	int l;

	risk_cells_levels(cells, levels, &unrated);
	for (l = 0; l < 10; l++)
		if (levels[l])
			by_grade[risk_grade_of(&mv->criteria, l)] += levels[l];
	html_lit(o, "<ul class=\"figures\">");
	for (g = GRADE_HIGH + 1; g-- > GRADE_LOW;) {
		html_lit(o, "<li class=\"figure\"><a href=\"/risks?grade=");
		html_attr(o, risk_grade_name(g));
		html_lit(o, "#risk-list\"><strong>");
		html_long(o, (long)by_grade[g]);
		html_lit(o, "</strong> <span class=\"grade ");
		html_attr(o, riskview_grade_class(g));
		html_lit(o, "\">");
		html_text(o,
			  text_get(&mv->def->grades[g].label, ctx->req->lang));
		html_lit(o, "</span></a></li>");
	}
	html_lit(o, "<li class=\"figure\"><a href=\"/risks?unrated=1"
		    "#risk-list\"><strong>");
	html_long(o, (long)unrated);
	html_lit(o, "</strong> ");
	page_t(ctx, "risk.unrated");
	html_lit(o, "</a></li></ul>");
}

static void risk_row(struct ctx *ctx, const struct method_view *mv,
		     const struct risk *r, const size_t levels[10])
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<tr><td class=\"num\">");
	if (r->level >= 0)
		html_long(o, risk_rank(levels, r->level));
	html_lit(o, "</td><td><a href=\"/assets/");
	html_long(o, (long)r->asset_id);
	html_lit(o, "\">");
	html_text(o, r->asset_name);
	html_lit(o, "</a><br><small>");
	html_text(o, riskview_medium(ctx, r->asset_medium));
	html_lit(o, "</small></td><td><a href=\"/risks/");
	html_long(o, (long)r->id);
	html_lit(o, "\">");
	html_text(o, riskview_threat(ctx, r));
	html_lit(o, "</a></td><td>");
	html_text(o, riskview_vulnerability(ctx, r));
	html_lit(o, "</td><td class=\"num\">");
	html_text(o, riskview_value(ctx, r->importance));
	html_lit(o, "</td><td class=\"num\">");
	html_text(o, riskview_value(ctx, r->likelihood));
	html_lit(o, "</td><td class=\"num\"><strong>");
	html_text(o, riskview_value(ctx, r->level));
	html_lit(o, "</strong> ");
	riskview_grade(ctx, mv, r->level);
	html_lit(o, "</td><td>");
	html_text(o, treatment_text(ctx, r->treatment));
	html_lit(o, "</td><td>");
	html_text(o, status_text(ctx, r->status));
	html_lit(o, "</td><td>");
	if (r->accepted_by)
		html_lit(o, "<span class=\"badge ok\">✓</span>");
	html_lit(o, "</td></tr>");
}

static void risk_filters(struct ctx *ctx, const struct risk_query *q)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<form method=\"get\" action=\"/risks#risk-list\" "
		    "class=\"filters\">");
	if (q->asset_id)
		html_hidden(o, "asset", num(ctx, (long)q->asset_id));
	if (q->importance != RISK_ANY)
		html_hidden(o, "cell",
			    arena_printf(&ctx->req->arena, "%d,%d",
					 q->importance, q->likelihood));
	html_lit(o, "<label>");
	page_t(ctx, "risk.treatment");
	html_lit(o, "<select name=\"treatment\">");
	html_option(o, "", t(ctx, "list.any"), !q->treatment);
	for (i = 0; i < TREAT_COUNT; i++) {
		const char *name = risk_treatment_name((enum risk_treatment)i);

		html_option(o, *name ? name : "none",
			    treatment_text(ctx, (enum risk_treatment)i),
			    q->treatment && !strcmp(q->treatment, name));
	}
	html_lit(o, "</select></label><label>");
	page_t(ctx, "risk.status");
	html_lit(o, "<select name=\"status\">");
	html_option(o, "", t(ctx, "list.any"), !q->status);
	for (i = 0; i < TSTATUS_COUNT; i++)
		html_option(o, treatment_status_name((enum treatment_status)i),
			    status_text(ctx, (enum treatment_status)i),
			    q->status &&
				    !strcmp(q->status,
					    treatment_status_name(
						    (enum treatment_status)i)));
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "list.apply");
	html_lit(o, "</button> <a href=\"/risks#risk-list\">");
	page_t(ctx, "list.clear");
	html_lit(o, "</a></form>");
}

/* Everything of the risks page below the header; 0, or -1 with err. */
static int risks_content(struct ctx *ctx, const struct method_view *mv,
			 const struct risk_query *q, struct error *err)
{
	struct strbuf *o = &ctx->resp->body;
	struct risk_page page;
	size_t cells[5][5], levels[10], unrated, i;

	if (repo_risk_cells(ctx->store, org_of(ctx), mv->assessment.id, cells,
			    err) ||
	    repo_risk_list(ctx->store, &ctx->req->arena, org_of(ctx), q, &page,
			   err))
		return -1;
	risk_cells_levels(cells, levels, &unrated);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "risk.lead");
	html_lit(o, "</p><p class=\"notice\">");
	html_text(o,
		  t1(ctx, "risk.assessment_is",
		     arena_printf(&ctx->req->arena, "%d", mv->assessment.no)));
	html_lit(o, " · ");
	html_text(o, method_title(ctx, mv->def->method));
	html_lit(o, " · <a href=\"/risks/method\">");
	page_t(ctx, "risk.method_link");
	html_lit(o, "</a></p><p class=\"actions\">");
	if (may(ctx, PERM_EDIT)) {
		html_lit(o, "<a class=\"button primary\" href=\"/assets\">");
		page_t(ctx, "risk.identify");
		html_lit(o, "</a> ");
	}
	html_lit(o, "<a class=\"button\" href=\"/risks/report\">");
	page_t(ctx, "risk.report");
	html_lit(o, "</a> <a class=\"button\" href=\"/risks/report.pdf\" "
		    "download>");
	page_t(ctx, "report.download_pdf");
	html_lit(o, "</a> <a class=\"button\" href=\"/plan\">");
	page_t(ctx, "nav.treatment_plan");
	html_lit(o, "</a></p><div class=\"columns\"><section><h2>");
	page_t(ctx, "risk.heatmap");
	html_lit(o, "</h2>");
	riskview_heatmap(ctx, mv, cells);
	html_lit(o, "</section><section><h2>");
	page_t(ctx, "risk.by_grade");
	html_lit(o, "</h2>");
	grade_summary(ctx, mv, cells);
	html_lit(o, "</section></div><h2 id=\"risk-list\">");
	page_t(ctx, "risk.priority_list");
	html_lit(o, "</h2>");
	risk_filters(ctx, q);
	html_lit(o, "<p class=\"count\">");
	html_text(o, t1(ctx,
			page.total_capped ? "list.count_capped" : "list.count",
			num(ctx, (long)page.total)));
	html_lit(o, "</p>");
	if (!page.count) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "risk.empty");
		html_lit(o, "</p>");
	} else {
		html_lit(o, "<div class=\"scroll\"><table class=\"list\">"
			    "<thead><tr><th scope=\"col\">");
		page_t(ctx, "risk.rank");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "asset.name");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.threat");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.vulnerability");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "asset.importance");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.likelihood");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.level");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.treatment");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.status");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.accepted");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < page.count; i++)
			risk_row(ctx, mv, &page.rows[i], levels);
		html_lit(o, "</tbody></table></div>");
	}
	html_lit(o, "<nav class=\"pager\" aria-label=\"");
	page_t(ctx, "list.pages");
	html_lit(o, "\">");
	if (page.more_before && page.count) {
		html_lit(o, "<a rel=\"prev\" href=\"");
		html_attr(o, risks_href(ctx, q, "before", page.rows[0].id));
		html_lit(o, "#risk-list\">");
		page_t(ctx, "list.prev");
		html_lit(o, "</a> ");
	}
	if (page.more_after && page.count) {
		html_lit(o, "<a rel=\"next\" href=\"");
		html_attr(o, risks_href(ctx, q, "after",
					page.rows[page.count - 1].id));
		html_lit(o, "#risk-list\">");
		page_t(ctx, "list.next");
		html_lit(o, "</a>");
	}
	html_lit(o, "</nav>");
	return 0;
}

void page_risks(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct risk_query q;
	struct pagecache_part *part;
	const char *key;
	size_t start;

	/* A part kept for this address and data version was built once the
	 * method and the query were found good, and neither has changed
	 * since: a hit needs neither read again. */
	key = pagecache_key(ctx, "risks");
	if ((part = pagecache_take(key))) {
		layout_begin(ctx, t(ctx, "risk.title"), NAV_RISKS);
		pagecache_give(part, o);
		layout_end(ctx);
		return;
	}
	if (load_method(ctx, &mv, 1))
		return;
	if (read_risk_query(ctx, &mv, &q, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "risk.title"), NAV_RISKS);
	start = o->len;
	if (risks_content(ctx, &mv, &q, &err)) {
		page_fail(ctx, &err);
		return;
	}
	pagecache_put(key, o->buf + start, o->len - start);
	layout_end(ctx);
}

/* ---- identifying risks for assets ---- */

/* The asset ids of the request ("asset" or "id", repeated). */
static size_t asset_ids(struct ctx *ctx, const struct param *p, size_t n,
			int64_t *ids, size_t max)
{
	size_t i, count = 0;

	for (i = 0; i < n && count < max; i++) {
		long id;

		if ((strcmp(p[i].name, "asset") && strcmp(p[i].name, "id")) ||
		    parse_long(p[i].value, 1, INT32_MAX, &id))
			continue;
		ids[count++] = id;
	}
	(void)ctx;
	return count;
}

/* Whether the asset already has a risk for the pair. */
static int has_pair(const struct risk *rows, size_t n, const char *threat,
		    const char *vuln)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].threat_id, threat) &&
		    !strcmp(rows[i].vulnerability_id, vuln))
			return 1;
	return 0;
}

static int asset_risks(struct ctx *ctx, const struct method_view *mv,
		       int64_t asset_id, struct risk_page *page,
		       struct error *err)
{
	struct risk_query q;

	memset(&q, 0, sizeof(q));
	q.assessment_id = mv->assessment.id;
	q.sort = RSORT_ID;
	q.limit = 1000;
	q.asset_id = asset_id;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	return repo_risk_list(ctx->store, &ctx->req->arena, org_of(ctx), &q,
			      page, err);
}

static void suggestions(struct ctx *ctx, const struct method_view *mv,
			const struct asset *a)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct risk_pair *pairs =
		arena_calloc(&ctx->req->arena, SUGGEST_MAX, sizeof(*pairs));
	struct error err = ERROR_INIT;
	struct risk_page have;
	size_t n, i;

	if (asset_risks(ctx, mv, a->id, &have, &err))
		have.count = 0;
	n = risk_suggest(cat->threats, cat->threat_count, cat->vulnerabilities,
			 cat->vulnerability_count, asset_medium(a), a->personal,
			 pairs, SUGGEST_MAX);
	if (n > SUGGEST_MAX)
		n = SUGGEST_MAX;
	html_lit(o, "<fieldset class=\"suggest\"><legend><a href=\"/assets/");
	html_long(o, (long)a->id);
	html_lit(o, "\">");
	html_text(o, a->name);
	html_lit(o, "</a> <small>");
	html_text(o, riskview_medium(ctx, a->medium));
	html_lit(o, "</small></legend>");
	html_hidden(o, "asset", num(ctx, (long)a->id));
	if (!n) {
		html_lit(o, "<p>");
		page_t(ctx, "risk.no_suggestion");
		html_lit(o, "</p>");
	}
	for (i = 0; i < n; i++) {
		const struct threat *th = pairs[i].threat;
		const struct vulnerability *v = pairs[i].vulnerability;
		int dup = has_pair(have.rows, have.count, th->id, v->id);

		/* A new threat opens its group of vulnerabilities. */
		if (!i || pairs[i - 1].threat != th) {
			if (i)
				html_lit(o, "</ul>");
			html_lit(o, "<h4 title=\"");
			html_attr(o,
				  text_get(&th->description, ctx->req->lang));
			html_lit(o, "\">");
			html_text(o, text_get(&th->title, ctx->req->lang));
			html_lit(o, "</h4><ul class=\"pairs\">");
		}
		html_lit(o, "<li><label><input type=\"checkbox\" "
			    "name=\"pair\" value=\"");
		html_attr(o, arena_printf(&ctx->req->arena, "%lld:%s:%s",
					  (long long)a->id, th->id, v->id));
		html_lit(o, "\"");
		/* Nothing is ticked for the user: each risk registered is one
		 * to rate, so only those that really apply should be. */
		if (dup)
			html_lit(o, " disabled");
		html_lit(o, "> ");
		html_text(o, text_get(&v->title, ctx->req->lang));
		if (dup) {
			html_lit(o, " <small>");
			page_t(ctx, "risk.already");
			html_lit(o, "</small>");
		}
		html_lit(o, "</label></li>");
	}
	if (n)
		html_lit(o, "</ul>");
	html_lit(o, "</fieldset>");
}

void page_risk_new(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct method_view mv;
	int64_t ids[ASSETS_AT_ONCE];
	size_t n, i;

	if (load_method(ctx, &mv, 1))
		return;
	n = asset_ids(ctx, ctx->req->query, ctx->req->query_count, ids,
		      ASSETS_AT_ONCE);
	if (!n) {
		page_error(ctx, 404, "asset.not_found");
		return;
	}
	layout_begin(ctx, t(ctx, "risk.identify"), NAV_RISKS);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "risk.identify_lead");
	html_lit(o, "</p><form method=\"post\" action=\"/risks\" "
		    "class=\"stack\">");
	page_csrf_field(ctx);
	for (i = 0; i < n; i++) {
		struct asset a;
		int found = repo_asset_get(ctx->store, &ctx->req->arena,
					   org_of(ctx), ids[i], &a, &err);

		if (found < 0) {
			page_fail(ctx, &err);
			return;
		}
		if (found)
			suggestions(ctx, &mv, &a);
	}
	html_lit(o, "<fieldset><legend>");
	page_t(ctx, "risk.own_entry");
	html_lit(o, "</legend><p class=\"small\">");
	page_t(ctx, "risk.own_entry_help");
	html_lit(o, "</p><label for=\"f-own_threat\">");
	page_t(ctx, "risk.threat");
	html_lit(o, "</label><input id=\"f-own_threat\" name=\"own_threat\">"
		    "<label for=\"f-own_vulnerability\">");
	page_t(ctx, "risk.vulnerability");
	html_lit(
		o,
		"</label><input id=\"f-own_vulnerability\" "
		"name=\"own_vulnerability\"><label for=\"f-own_consequence\">");
	page_t(ctx, "risk.consequence");
	html_lit(o, "</label><input id=\"f-own_consequence\" "
		    "name=\"own_consequence\"></fieldset><button "
		    "type=\"submit\" class=\"primary\">");
	page_t(ctx, "risk.add_selected");
	html_lit(o, "</button></form>");
	layout_end(ctx);
}

/* Adds one unrated risk for the asset, with its audit event. */
static int add_risk(struct ctx *ctx, const struct method_view *mv,
		    struct risk *r, struct error *err)
{
	if (risk_validate(mv->def, r, err) ||
	    repo_risk_put(ctx->store, org_of(ctx), &mv->assessment, mv->def, r,
			  ctx->req->now, err))
		return -1;
	return page_audit(
		ctx, "risk.create",
		arena_printf(&ctx->req->arena, "risk:%lld", (long long)r->id),
		"",
		arena_printf(&ctx->req->arena, "asset:%lld %s %s",
			     (long long)r->asset_id,
			     *r->threat_id ? r->threat_id : r->threat,
			     *r->vulnerability_id ? r->vulnerability_id
						  : r->vulnerability),
		err);
}

/*
 * Whether r's asset already has a risk of the same threat and weakness
 * (catalogue ids or own words) in the assessment: read under the write
 * lock, so a form sent twice, or a crafted one, adds nothing twice.
 */
static int is_twin(struct ctx *ctx, const struct method_view *mv,
		   const struct risk *r, struct error *err)
{
	struct risk_page have;
	size_t i;

	if (asset_risks(ctx, mv, r->asset_id, &have, err))
		return -1;
	for (i = 0; i < have.count; i++)
		if (!strcmp(have.rows[i].threat_id, r->threat_id) &&
		    !strcmp(have.rows[i].threat, r->threat) &&
		    !strcmp(have.rows[i].vulnerability_id,
			    r->vulnerability_id) &&
		    !strcmp(have.rows[i].vulnerability, r->vulnerability))
			return 1;
	return 0;
}

/* Adds r unless the asset has it already (then 0 and nothing written). */
static int add_new_risk(struct ctx *ctx, const struct method_view *mv,
			struct risk *r, struct error *err)
{
	int twin = is_twin(ctx, mv, r, err);

	if (twin)
		return twin < 0 ? -1 : 0;
	return add_risk(ctx, mv, r, err);
}

static void blank_risk(struct risk *r, int64_t asset_id)
{
	memset(r, 0, sizeof(*r));
	r->asset_id = asset_id;
	r->threat_id = r->threat = r->vulnerability_id = "";
	r->vulnerability = r->consequence = r->reason = "";
	r->controls = r->guideline = "";
	r->threat_level = r->vulnerability_level = RISK_UNRATED;
	r->likelihood = r->importance = r->level = RISK_UNRATED;
	r->residual_vulnerability = r->residual_likelihood = RISK_UNRATED;
	r->residual_level = RISK_UNRATED;
}

/* Parses "ASSET:THREAT:VULN" of a suggestion checkbox. */
static int read_pair(struct ctx *ctx, const char *v, struct risk *r,
		     struct error *err)
{
	const struct catalog *cat = ctx->app->cat;
	const char *c1 = strchr(v, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	const struct threat *th;
	long id;

	if (!c2 ||
	    parse_long(arena_memdupz(&ctx->req->arena, v, (size_t)(c1 - v)), 1,
		       INT32_MAX, &id))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "risk.threat", v, NULL);
	blank_risk(r, id);
	r->threat_id =
		arena_memdupz(&ctx->req->arena, c1 + 1, (size_t)(c2 - c1 - 1));
	r->vulnerability_id = c2 + 1;
	th = catalog_threat(cat, r->threat_id);
	if (!th || !catalog_vulnerability(cat, r->vulnerability_id))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "risk.threat", v, NULL);
	r->consequence = text_get(&th->consequence, ctx->req->lang);
	return 0;
}

void page_risk_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	const char *own_t = request_form(ctx->req, "own_threat");
	const char *own_v = request_form(ctx->req, "own_vulnerability");
	const char *own_c = request_form(ctx->req, "own_consequence");
	int64_t ids[ASSETS_AT_ONCE];
	size_t n, i;
	struct risk r;

	if (load_method(ctx, &mv, 1))
		return;
	n = asset_ids(ctx, ctx->req->form, ctx->req->form_count, ids,
		      ASSETS_AT_ONCE);
	if (!n) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	/* Every chosen pair lands, or none; and into the assessment the form
	 * was made for: a new method started meanwhile stops it. */
	if (store_begin(ctx->store, &err))
		goto fail;
	{
		struct method_view now;

		if (riskview_method(ctx, &now, &err))
			goto fail;
		if (!now.open || now.assessment.id != mv.assessment.id) {
			error_set(&err, ERROR_CONFLICT, "api.method_changed",
				  NULL);
			goto fail;
		}
	}
	for (i = 0; i < ctx->req->form_count; i++) {
		const struct param *p = &ctx->req->form[i];

		if (strcmp(p->name, "pair"))
			continue;
		if (read_pair(ctx, p->value, &r, &err) ||
		    add_new_risk(ctx, &mv, &r, &err))
			goto fail;
	}
	/* The organisation's own threat applies to every asset shown. */
	if (own_t && *own_t) {
		for (i = 0; i < n; i++) {
			blank_risk(&r, ids[i]);
			r.threat = own_t;
			r.vulnerability = own_v ? own_v : "";
			r.consequence = own_c ? own_c : "";
			if (add_new_risk(ctx, &mv, &r, &err))
				goto fail;
		}
	}
	if (store_commit(ctx->store, &err))
		goto fail;
	response_redirect(ctx->resp,
			  n == 1 ? arena_printf(&ctx->req->arena,
						"/risks?asset=%lld#risk-list",
						(long long)ids[0])
				 : "/risks#risk-list");
	return;
fail:
	store_rollback(ctx->store);
	page_fail(ctx, &err);
}

/* ---- one risk ---- */

static int load_risk(struct ctx *ctx, struct risk *r, int64_t *assessment)
{
	struct error err = ERROR_INIT;
	int64_t id;
	int found;

	if (page_route_id(ctx, "risk.not_found", &id))
		return -1;
	found = repo_risk_get(ctx->store, &ctx->req->arena, org_of(ctx), id, r,
			      assessment, &err);
	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "risk.not_found");
	return found == 1 ? 0 : -1;
}

/* Checkboxes for controls (or items) a vulnerability suggests, plus a
 * free field for the others; chosen ones come first, checked. */
static void refs_field(struct ctx *ctx, const char *name, const char *chosen,
		       const char *const *suggested, const char *const *titles,
		       size_t n)
{
	struct strbuf *o = &ctx->resp->body;
	struct strbuf others = STRBUF_INIT;
	const char *p = chosen;
	size_t i;

	html_lit(o, "<div class=\"refs\">");
	for (i = 0; i < n; i++) {
		size_t len = strlen(suggested[i]);
		const char *hit = strstr(chosen, suggested[i]);
		int on = hit && (hit == chosen || hit[-1] == ' ') &&
			 (hit[len] == ' ' || !hit[len]);

		html_lit(o, "<label><input type=\"checkbox\" name=\"");
		html_attr(o, name);
		html_lit(o, "\" value=\"");
		html_attr(o, suggested[i]);
		html_lit(o, "\"");
		if (on)
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o, suggested[i]);
		if (titles && titles[i]) {
			html_lit(o, " <small>");
			html_text(o, titles[i]);
			html_lit(o, "</small>");
		}
		html_lit(o, "</label> ");
	}
	/* The chosen ids the suggestions do not cover go to the field. */
	while (*p) {
		size_t len = strcspn(p, " ");
		int listed = 0;

		for (i = 0; i < n; i++)
			if (strlen(suggested[i]) == len &&
			    !strncmp(suggested[i], p, len))
				listed = 1;
		if (len && !listed) {
			if (others.len)
				strbuf_addch(&others, ' ');
			strbuf_add(&others, p, len);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	html_lit(o, "<input name=\"");
	html_attr(o, name);
	html_lit(o, "_more\" value=\"");
	html_attr(o, others.buf);
	html_lit(o, "\" placeholder=\"");
	page_t(ctx, "risk.refs_more");
	html_lit(o, "\"></div>");
	strbuf_release(&others);
}

static void rating_fields(struct ctx *ctx, const struct method_view *mv,
			  const struct risk *r)
{
	struct strbuf *o = &ctx->resp->body;

	if (mv->def->has_table) {
		html_lit(o, "<label for=\"f-threat_level\">");
		page_t(ctx, "risk.threat_level");
		html_lit(o, "</label>");
		riskview_scale_select(ctx, mv, SCALE_THREAT, "threat_level",
				      "f-threat_level", r->threat_level, 1);
		html_lit(o, "<label for=\"f-vulnerability_level\">");
		page_t(ctx, "risk.vulnerability_level");
		html_lit(o, "</label>");
		riskview_scale_select(ctx, mv, SCALE_VULNERABILITY,
				      "vulnerability_level",
				      "f-vulnerability_level",
				      r->vulnerability_level, 1);
	} else {
		html_lit(o, "<label for=\"f-likelihood\">");
		page_t(ctx, "risk.likelihood");
		html_lit(o, "</label>");
		riskview_scale_select(ctx, mv, SCALE_LIKELIHOOD, "likelihood",
				      "f-likelihood", r->likelihood, 1);
	}
}

static void treatment_fields(struct ctx *ctx, const struct method_view *mv,
			     const struct risk *r)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct vulnerability *v =
		*r->vulnerability_id
			? catalog_vulnerability(cat, r->vulnerability_id)
			: NULL;
	const char **sc = NULL, **sg = NULL, **tc = NULL, **tg = NULL;
	size_t nc = 0, ng = 0, i;

	html_lit(o, "<fieldset class=\"choices\"><legend>");
	page_t(ctx, "risk.treatment");
	html_lit(o, "</legend>");
	for (i = 0; i < TREAT_COUNT; i++) {
		html_lit(o, "<label><input type=\"radio\" name=\"treatment\" "
			    "value=\"");
		html_attr(o, risk_treatment_name((enum risk_treatment)i));
		html_lit(o, "\"");
		if (r->treatment == (enum risk_treatment)i)
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o, treatment_text(ctx, (enum risk_treatment)i));
		if (i) {
			html_lit(o, " <small>");
			page_t(ctx,
			       arena_printf(&ctx->req->arena,
					    "risk.treatment_%s_help",
					    risk_treatment_name(
						    (enum risk_treatment)i)));
			html_lit(o, "</small>");
		}
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset><label for=\"f-reason\">");
	page_t(ctx, "risk.reason");
	html_lit(o, "</label><input id=\"f-reason\" name=\"reason\" value=\"");
	html_attr(o, r->reason);
	html_lit(o, "\"><p class=\"label\">");
	page_t(ctx, "risk.controls");
	html_lit(o, "</p>");
	if (v) {
		struct arena *a = &ctx->req->arena;

		sc = arena_calloc(a, v->control_count + 1, sizeof(*sc));
		tc = arena_calloc(a, v->control_count + 1, sizeof(*tc));
		for (i = 0; i < v->control_count; i++) {
			tc[nc] = text_get(&v->controls[i]->title,
					  ctx->req->lang);
			sc[nc++] = v->controls[i]->id;
		}
		sg = arena_calloc(a, v->guideline_count + 1, sizeof(*sg));
		tg = arena_calloc(a, v->guideline_count + 1, sizeof(*tg));
		for (i = 0; i < v->guideline_count; i++) {
			tg[ng] = text_get(&v->guideline[i]->title,
					  ctx->req->lang);
			sg[ng++] = v->guideline[i]->id;
		}
	}
	refs_field(ctx, "controls", r->controls, sc, tc, nc);
	html_lit(o, "<p class=\"label\">");
	page_t(ctx, "risk.guideline");
	html_lit(o, "</p>");
	refs_field(ctx, "guideline", r->guideline, sg, tg, ng);
	html_lit(o, "<label for=\"f-status\">");
	page_t(ctx, "risk.status");
	html_lit(o, "</label><select id=\"f-status\" name=\"status\">");
	for (i = 0; i < TSTATUS_COUNT; i++)
		html_option(o, treatment_status_name((enum treatment_status)i),
			    status_text(ctx, (enum treatment_status)i),
			    r->status == (enum treatment_status)i);
	html_lit(o, "</select>");
	if (mv->def->has_table) {
		html_lit(o, "<label for=\"f-residual_vulnerability\">");
		page_t(ctx, "risk.residual_vulnerability");
		html_lit(o, "</label>");
		riskview_scale_select(ctx, mv, SCALE_VULNERABILITY,
				      "residual_vulnerability",
				      "f-residual_vulnerability",
				      r->residual_vulnerability, 1);
	} else {
		html_lit(o, "<label for=\"f-residual_likelihood\">");
		page_t(ctx, "risk.residual_likelihood");
		html_lit(o, "</label>");
		riskview_scale_select(ctx, mv, SCALE_LIKELIHOOD,
				      "residual_likelihood",
				      "f-residual_likelihood",
				      r->residual_likelihood, 1);
	}
}

/* The names of refs (space-separated ids) with their titles. */
static void refs_list(struct ctx *ctx, const char *refs, int controls)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const char *p = refs;

	if (!*p) {
		html_lit(o, "—");
		return;
	}
	html_lit(o, "<ul class=\"refs\">");
	while (*p) {
		size_t len = strcspn(p, " ");
		char *id = arena_memdupz(&ctx->req->arena, p, len);
		const struct text *title = NULL;

		if (controls) {
			const struct control *c = catalog_control(cat, id);

			title = c ? &c->title : NULL;
		} else {
			const struct guideline_item *g =
				catalog_guideline_item(cat, id);

			title = g ? &g->title : NULL;
		}
		html_lit(o, "<li><a href=\"");
		html_attr(o, controls ? "/controls/" : "/guideline/");
		html_url_arg(o, id);
		html_lit(o, "\">");
		html_text(o, id);
		html_lit(o, "</a> ");
		if (title)
			html_text(o, text_get(title, ctx->req->lang));
		html_lit(o, "</li>");
		p += len;
		while (*p == ' ')
			p++;
	}
	html_lit(o, "</ul>");
}

static void risk_page(struct ctx *ctx, const struct method_view *mv,
		      const struct risk *r, int editable,
		      const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct threat *th =
		*r->threat_id ? catalog_threat(cat, r->threat_id) : NULL;
	const char *self =
		arena_printf(&ctx->req->arena, "/risks/%lld", (long long)r->id);

	layout_begin(ctx, riskview_threat(ctx, r), NAV_RISKS);
	html_lit(o, "<p><a href=\"/risks\">");
	page_t(ctx, "risk.back");
	html_lit(o, "</a></p>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<dl class=\"facts\"><dt>");
	page_t(ctx, "asset.name");
	html_lit(o, "</dt><dd><a href=\"/assets/");
	html_long(o, (long)r->asset_id);
	html_lit(o, "\">");
	html_text(o, r->asset_name);
	html_lit(o, "</a> (");
	html_text(o, riskview_medium(ctx, r->asset_medium));
	html_lit(o, ")</dd><dt>");
	page_t(ctx, "risk.threat");
	html_lit(o, "</dt><dd>");
	html_text(o, riskview_threat(ctx, r));
	if (th) {
		html_lit(o, "<br><small>");
		html_text(o, text_get(&th->description, ctx->req->lang));
		html_lit(o, "</small>");
	}
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.vulnerability");
	html_lit(o, "</dt><dd>");
	html_text(o, riskview_vulnerability(ctx, r));
	html_lit(o, "</dd><dt>");
	page_t(ctx, "asset.importance");
	html_lit(o, "</dt><dd>");
	html_text(o, riskview_value(ctx, r->importance));
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.likelihood");
	html_lit(o, "</dt><dd>");
	html_text(o, riskview_value(ctx, r->likelihood));
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.level");
	html_lit(o, "</dt><dd><strong>");
	html_text(o, riskview_value(ctx, r->level));
	html_lit(o, "</strong> ");
	riskview_grade(ctx, mv, r->level);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.residual_level");
	html_lit(o, "</dt><dd>");
	html_text(o, riskview_value(ctx, r->residual_level));
	html_lit(o, " ");
	riskview_grade(ctx, mv, r->residual_level);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.controls");
	html_lit(o, "</dt><dd>");
	refs_list(ctx, r->controls, 1);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.guideline");
	html_lit(o, "</dt><dd>");
	refs_list(ctx, r->guideline, 0);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.accepted");
	html_lit(o, "</dt><dd>");
	if (r->accepted_by) {
		html_text(o, r->accepted_by);
		html_lit(o, " · ");
		day_text(ctx, r->accepted_at);
	} else {
		page_t(ctx, "risk.not_accepted");
	}
	html_lit(o, "</dd></dl>");
	if (editable && !r->accepted_by && r->treatment != TREAT_NONE &&
	    r->level >= 0 && may(ctx, PERM_ACCEPT_RISK)) {
		html_lit(o, "<form method=\"post\" action=\"");
		html_attr(o, self);
		html_lit(o, "/accept\" class=\"inline accept\">");
		page_csrf_field(ctx);
		html_lit(o, "<p>");
		page_t(ctx, "risk.accept_help");
		html_lit(o, "</p><button type=\"submit\" class=\"primary\">");
		page_t(ctx, "risk.accept");
		html_lit(o, "</button></form>");
	}
	if (editable && may(ctx, PERM_EDIT)) {
		html_lit(o, "<h2>");
		page_t(ctx, "risk.edit");
		html_lit(o, "</h2>");
		if (r->accepted_by) {
			html_lit(o, "<p class=\"notice warn\">");
			page_t(ctx, "risk.edit_clears_acceptance");
			html_lit(o, "</p>");
		}
		html_lit(o, "<form method=\"post\" action=\"");
		html_attr(o, self);
		html_lit(o, "\" class=\"stack risk-form\">");
		page_csrf_field(ctx);
		html_lit(o, "<label for=\"f-consequence\">");
		page_t(ctx, "risk.consequence");
		html_lit(o, "</label><input id=\"f-consequence\" "
			    "name=\"consequence\" value=\"");
		html_attr(o, r->consequence);
		html_lit(o, "\"><fieldset><legend>");
		page_t(ctx, "risk.rating");
		html_lit(o, "</legend>");
		rating_fields(ctx, mv, r);
		html_lit(o, "</fieldset><fieldset><legend>");
		page_t(ctx, "risk.treatment_title");
		html_lit(o, "</legend>");
		treatment_fields(ctx, mv, r);
		html_lit(o, "</fieldset><button type=\"submit\" "
			    "class=\"primary\">");
		page_t(ctx, "members.save");
		html_lit(o, "</button></form><form method=\"post\" action=\"");
		html_attr(o, self);
		html_lit(o, "/delete\" class=\"inline\">");
		page_csrf_field(ctx);
		html_lit(o, "<button type=\"submit\" class=\"danger\">");
		page_t(ctx, "risk.delete");
		html_lit(o, "</button></form>");
	}
	if (mv->def->has_table) {
		html_lit(o, "<details><summary>");
		page_t(ctx, "risk.how_rated");
		html_lit(o, "</summary>");
		likelihood_table(ctx, mv->def);
		html_lit(o, "</details>");
	}
	layout_end(ctx);
}

void page_risk_show(struct ctx *ctx)
{
	struct method_view mv;
	struct risk r;
	int64_t assessment;

	if (load_risk(ctx, &r, &assessment) || load_method(ctx, &mv, 0))
		return;
	/* A risk of a closed assessment is a record: shown, not edited. */
	risk_page(ctx, &mv, &r, mv.open && mv.assessment.id == assessment,
		  NULL);
}

/* A rating field: "" unrated, else a number (the method checks it). */
static int read_level(struct ctx *ctx, const char *name, int *out,
		      struct error *err)
{
	const char *v = request_form(ctx->req, name);

	if (!v) /* not in the form: unchanged */
		return 0;
	if (!*v) {
		*out = RISK_UNRATED;
		return 0;
	}
	if (parse_int(v, 0, 9, out))
		return error_set(err, ERROR_INPUT, "risk.bad_rating",
				 arena_printf(&ctx->req->arena, "risk.%s",
					      name),
				 v, NULL);
	return 0;
}

/*
 * The checked ids of name plus those typed in name_more, each checked
 * against the catalogue, as one space-separated list.
 */
static int read_refs(struct ctx *ctx, const char *name, int controls,
		     const char **out, struct error *err)
{
	const struct catalog *cat = ctx->app->cat;
	const char *more_name = arena_printf(&ctx->req->arena, "%s_more", name);
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;
	int rc = 0, seen = 0;

	for (i = 0; i < ctx->req->form_count && !rc; i++) {
		const struct param *p = &ctx->req->form[i];
		const char *s = p->value;

		if (strcmp(p->name, name) && strcmp(p->name, more_name))
			continue;
		seen = 1;
		while (*s && !rc) {
			size_t len = strcspn(s, " ,、");
			char *id;

			if (!len) {
				s++;
				continue;
			}
			id = arena_memdupz(&ctx->req->arena, s, len);
			s += len;
			if (controls ? !catalog_control(cat, id)
				     : !catalog_guideline_item(cat, id)) {
				rc = error_set(err, ERROR_INPUT,
					       "input.bad_choice",
					       controls ? "risk.controls"
							: "risk.guideline",
					       id, NULL);
				break;
			}
			if (++n > RISK_REFS_MAX) {
				rc = error_set(err, ERROR_INPUT,
					       "risk.too_many_refs", NULL);
				break;
			}
			if (sb.len)
				strbuf_addch(&sb, ' ');
			strbuf_addstr(&sb, id);
		}
	}
	/* Neither field in the form: the choice stays as it was. */
	if (seen)
		*out = arena_strdup(&ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return rc;
}

static int read_risk(struct ctx *ctx, const struct method_view *mv,
		     struct risk *r, struct error *err)
{
	const char *consequence = request_form(ctx->req, "consequence");
	const char *reason = request_form(ctx->req, "reason");
	const char *tr = request_form(ctx->req, "treatment");
	const char *st = request_form(ctx->req, "status");

	/* A field the form does not carry keeps its value. */
	if (consequence)
		r->consequence = consequence;
	if (reason)
		r->reason = reason;
	if (tr && risk_treatment_parse(tr, &r->treatment))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "risk.treatment", tr, NULL);
	if (st && treatment_status_parse(st, &r->status))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "risk.status", st, NULL);
	if (mv->def->has_table) {
		if (read_level(ctx, "threat_level", &r->threat_level, err) ||
		    read_level(ctx, "vulnerability_level",
			       &r->vulnerability_level, err) ||
		    read_level(ctx, "residual_vulnerability",
			       &r->residual_vulnerability, err))
			return -1;
	} else {
		if (read_level(ctx, "likelihood", &r->likelihood, err) ||
		    read_level(ctx, "residual_likelihood",
			       &r->residual_likelihood, err))
			return -1;
	}
	if (read_refs(ctx, "controls", 1, &r->controls, err) ||
	    read_refs(ctx, "guideline", 0, &r->guideline, err))
		return -1;
	return risk_validate(mv->def, r, err);
}

void page_risk_update(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct risk r;
	int64_t assessment;

	if (load_risk(ctx, &r, &assessment) || load_method(ctx, &mv, 1))
		return;
	if (mv.assessment.id != assessment) {
		page_error(ctx, 409, "risk.closed");
		return;
	}
	if (read_risk(ctx, &mv, &r, &err)) {
		struct strbuf msg = STRBUF_INIT;

		if (err.code != ERROR_INPUT) {
			page_fail(ctx, &err);
			return;
		}
		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		risk_page(ctx, &mv, &r, 1, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_risk_put(ctx->store, org_of(ctx), &mv.assessment, mv.def, &r,
			  ctx->req->now, &err) ||
	    page_audit(ctx, "risk.update",
		       arena_printf(&ctx->req->arena, "risk:%lld",
				    (long long)r.id),
		       "",
		       arena_printf(&ctx->req->arena,
				    "level: %d\ntreatment: %s\nstatus: %s\n"
				    "controls: %s\nresidual: %d",
				    r.level, risk_treatment_name(r.treatment),
				    treatment_status_name(r.status), r.controls,
				    r.residual_level),
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/risks/%lld",
				       (long long)r.id));
}

/*
 * Ends a change of risk r whose store call said done (1 done, 0 nothing
 * matched, -1 error), inside the transaction the caller began: 409 with
 * conflict when nothing matched, else the audit event, the commit and a
 * redirect to next.
 */
static void finish_change(struct ctx *ctx, const struct risk *r, int done,
			  struct error *err, const char *conflict,
			  const char *action, const char *before,
			  const char *after, const char *next)
{
	if (done <= 0) {
		store_rollback(ctx->store);
		if (done < 0)
			page_fail(ctx, err);
		else
			page_error(ctx, 409, conflict);
		return;
	}
	if (page_audit(ctx, action,
		       arena_printf(&ctx->req->arena, "risk:%lld",
				    (long long)r->id),
		       before, after, err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		page_fail(ctx, err);
		return;
	}
	response_redirect(ctx->resp, next);
}

void page_risk_accept(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct risk r;
	int64_t assessment;

	if (load_risk(ctx, &r, &assessment))
		return;
	if (store_begin(ctx->store, &err)) {
		page_fail(ctx, &err);
		return;
	}
	finish_change(ctx, &r,
		      repo_risk_accept(ctx->store, org_of(ctx), r.id,
				       ctx->req->session->rec.email,
				       ctx->req->now, &err),
		      &err, "risk.cannot_accept", "risk.accept", "",
		      arena_printf(&ctx->req->arena, "residual: %d",
				   r.residual_level >= 0 ? r.residual_level
							 : r.level),
		      arena_printf(&ctx->req->arena, "/risks/%lld",
				   (long long)r.id));
}

void page_risk_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct risk r;
	int64_t assessment;

	if (load_risk(ctx, &r, &assessment))
		return;
	if (store_begin(ctx->store, &err)) {
		page_fail(ctx, &err);
		return;
	}
	finish_change(ctx, &r,
		      repo_risk_delete(ctx->store, org_of(ctx), r.id, &err),
		      &err, "risk.closed", "risk.delete",
		      arena_printf(&ctx->req->arena, "%s / %s",
				   riskview_threat(ctx, &r),
				   riskview_vulnerability(ctx, &r)),
		      "",
		      arena_printf(&ctx->req->arena, "/assets/%lld",
				   (long long)r.asset_id));
}

/* ---- the report ---- */

struct report_ctx {
	struct ctx *ctx;
	const struct method_view *mv;
	size_t levels[10];
};

static int report_row(void *arg, const struct risk *r)
{
	struct report_ctx *rc = arg;
	struct ctx *ctx = rc->ctx;
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<tr><td class=\"num\">");
	if (r->level >= 0)
		html_long(o, risk_rank(rc->levels, r->level));
	html_lit(o, "</td><td>");
	html_text(o, r->asset_name);
	html_lit(o, "</td><td>");
	html_text(o, riskview_threat(ctx, r));
	html_lit(o, "</td><td>");
	html_text(o, riskview_vulnerability(ctx, r));
	html_lit(o, "</td><td>");
	html_text(o, r->consequence);
	html_lit(o, "</td><td class=\"num\">");
	html_text(o, riskview_value(ctx, r->importance));
	html_lit(o, "</td><td class=\"num\">");
	html_text(o, riskview_value(ctx, r->likelihood));
	html_lit(o, "</td><td class=\"num\">");
	html_text(o, riskview_value(ctx, r->level));
	html_lit(o, "</td><td>");
	riskview_grade(ctx, rc->mv, r->level);
	html_lit(o, "</td><td>");
	html_text(o, treatment_text(ctx, r->treatment));
	html_lit(o, "</td><td>");
	html_text(o, r->controls);
	html_lit(o, "</td><td>");
	html_text(o, status_text(ctx, r->status));
	html_lit(o, "</td></tr>");
	return 0;
}

void page_risk_report(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct report_ctx rc;
	struct risk_query q;
	size_t cells[5][5], unrated;
	const char *which = request_query(ctx->req, "assessment");

	if (load_method(ctx, &mv, 1))
		return;
	/* An earlier, closed assessment's report, as it stood. */
	if (which && *which) {
		long id;
		int found;

		if (parse_long(which, 1, INT32_MAX, &id)) {
			page_error(ctx, 404, "http.not_found");
			return;
		}
		found = repo_assessment_get(ctx->store, &ctx->req->arena,
					    org_of(ctx), id, &mv.assessment,
					    &err);
		if (found <= 0) {
			if (found < 0)
				page_fail(ctx, &err);
			else
				page_error(ctx, 404, "http.not_found");
			return;
		}
		mv.def = catalog_method(cat, mv.assessment.method);
		mv.criteria = mv.assessment.criteria;
	}
	if (repo_risk_cells(ctx->store, org_of(ctx), mv.assessment.id, cells,
			    &err)) {
		page_fail(ctx, &err);
		return;
	}
	memset(&rc, 0, sizeof(rc));
	rc.ctx = ctx;
	rc.mv = &mv;
	risk_cells_levels(cells, rc.levels, &unrated);
	memset(&q, 0, sizeof(q));
	q.assessment_id = mv.assessment.id;
	q.sort = RSORT_LEVEL;
	q.desc = 1;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	layout_begin_print(ctx, t(ctx, "risk.report_title"));
	html_lit(o, "<h1>");
	page_t(ctx, "risk.report_title");
	html_lit(o, "</h1><p>");
	html_text(o, t1(ctx, "risk.assessment_is", num(ctx, mv.assessment.no)));
	html_lit(o, " · ");
	html_text(o, method_title(ctx, mv.def->method));
	html_lit(o, " · ");
	day_text(ctx, mv.assessment.started_at);
	if (mv.assessment.closed_at) {
		html_lit(o, " – ");
		day_text(ctx, mv.assessment.closed_at);
	}
	html_lit(o, "</p>");
	riskview_heatmap(ctx, &mv, cells);
	html_lit(o, "<table class=\"list report\"><thead><tr>");
	{
		static const char *const heads[] = {
			"risk.rank",	    "asset.name",
			"risk.threat",	    "risk.vulnerability",
			"risk.consequence", "asset.importance",
			"risk.likelihood",  "risk.level",
			"risk.grade",	    "risk.treatment",
			"risk.controls",    "risk.status",
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(heads); i++) {
			html_lit(o, "<th scope=\"col\">");
			page_t(ctx, heads[i]);
			html_lit(o, "</th>");
		}
	}
	html_lit(o, "</tr></thead><tbody>");
	if (repo_risk_each(ctx->store, org_of(ctx), &q, report_row, &rc, &err) <
	    0) {
		page_fail(ctx, &err);
		return;
	}
	html_lit(o, "</tbody></table>");
	layout_end_print(ctx);
}
