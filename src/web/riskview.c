/* riskview.c: the shared view of the method, ratings and catalogue. */
#include "util/compat.h"
#include "web/riskview.h"

#include "catalog/catalog.h"
#include "store/repo_asset.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/html.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"
#include "web/svg.h"

int riskview_method(struct ctx *ctx, struct method_view *mv, struct error *err)
{
	const struct catalog *cat = ctx->app->cat;
	int found;

	memset(mv, 0, sizeof(*mv));
	found = repo_assessment_open(ctx->store, &ctx->req->arena,
				     ctx->req->session->rec.org_id,
				     &mv->assessment, err);
	if (found < 0)
		return -1;
	mv->open = found;
	mv->def = catalog_method(cat, found ? mv->assessment.method : RISK_IPA);
	if (found)
		mv->criteria = mv->assessment.criteria;
	else
		risk_criteria_default(mv->def, &mv->criteria);
	return 0;
}

int riskview_labels(struct ctx *ctx, const char ***labels, size_t *count,
		    struct error *err)
{
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	if (repo_label_list(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, labels, count, err))
		return -1;
	if (*count)
		return 0;
	*labels = arena_calloc(&ctx->req->arena, cat->label_count + 1,
			       sizeof(**labels));
	for (i = 0; i < cat->label_count; i++)
		(*labels)[i] = cat->labels[i].id;
	*count = cat->label_count;
	return 0;
}

int riskview_paging(struct ctx *ctx, size_t *limit, int64_t *cursor, int *back,
		    struct error *err)
{
	const char *v;
	long n;

	if ((v = request_query(ctx->req, "limit")) && *v) {
		if (parse_long(v, 10, 200, &n))
			return error_set(err, ERROR_INPUT, "input.out_of_range",
					 "list.limit", "10", "200", NULL);
		*limit = (size_t)n;
	}
	*cursor = 0;
	*back = 0;
	if ((v = request_query(ctx->req, "after")) && *v) {
		if (parse_long(v, 1, INT32_MAX, &n))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "list.page", v, NULL);
		*cursor = n;
	} else if ((v = request_query(ctx->req, "before")) && *v) {
		if (parse_long(v, 0, INT32_MAX, &n))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "list.page", v, NULL);
		*cursor = n;
		*back = 1;
	}
	return 0;
}

const char *riskview_medium(struct ctx *ctx, const char *medium)
{
	enum medium m;

	if (medium_parse(medium, &m))
		return medium;
	return t(ctx, arena_printf(&ctx->req->arena, "medium.%s", medium));
}

const char *riskview_label(struct ctx *ctx, const char *label)
{
	const struct classification_label *l =
		catalog_label(ctx->app->cat, label);

	return l ? text_get(&l->label, ctx->req->lang) : label;
}

const char *riskview_value(struct ctx *ctx, int v)
{
	if (v < 0)
		return "—";
	return arena_printf(&ctx->req->arena, "%d", v);
}

const char *riskview_threat(struct ctx *ctx, const struct risk *r)
{
	const struct threat *th;

	if (!*r->threat_id)
		return r->threat;
	th = catalog_threat(ctx->app->cat, r->threat_id);
	/* An id a later catalogue dropped is still shown, as the id. */
	return th ? text_get(&th->title, ctx->req->lang) : r->threat_id;
}

const char *riskview_vulnerability(struct ctx *ctx, const struct risk *r)
{
	const struct vulnerability *v;

	if (!*r->vulnerability_id)
		return r->vulnerability;
	v = catalog_vulnerability(ctx->app->cat, r->vulnerability_id);
	return v ? text_get(&v->title, ctx->req->lang) : r->vulnerability_id;
}

const char *riskview_grade_class(enum risk_grade g)
{
	static const char *const cls[GRADE_COUNT + 1] = { "g-low", "g-medium",
							  "g-high", "g-none" };

	return cls[g];
}

void riskview_grade(struct ctx *ctx, const struct method_view *mv, int level)
{
	struct strbuf *o = &ctx->resp->body;
	enum risk_grade g = risk_grade_of(&mv->criteria, level);

	html_lit(o, "<span class=\"grade ");
	html_attr(o, riskview_grade_class(g));
	html_lit(o, "\">");
	if (g == GRADE_COUNT)
		page_t(ctx, "risk.unrated");
	else
		html_text(o,
			  text_get(&mv->def->grades[g].label, ctx->req->lang));
	html_lit(o, "</span>");
}

void riskview_scale_select(struct ctx *ctx, const struct method_view *mv,
			   enum risk_scale_kind k, const char *name,
			   const char *id, int selected, int allow_unrated)
{
	struct strbuf *o = &ctx->resp->body;
	const struct risk_scale *s = &mv->def->scales[k];
	size_t i;

	html_lit(o, "<select name=\"");
	html_attr(o, name);
	html_lit(o, "\" id=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	if (allow_unrated)
		html_option(o, "", t(ctx, "risk.unrated"),
			    selected == RISK_UNRATED);
	for (i = 0; i < s->count; i++) {
		const struct risk_scale_point *p = &s->points[i];

		html_lit(o, "<option value=\"");
		html_long(o, p->value);
		html_lit(o, "\" title=\"");
		html_attr(o, text_get(&p->meaning, ctx->req->lang));
		html_lit(o, "\"");
		if (p->value == selected)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, text_get(&p->label, ctx->req->lang));
		html_lit(o, "</option>");
	}
	html_lit(o, "</select>");
}

void riskview_heatmap(struct ctx *ctx, const struct method_view *mv,
		      size_t cells[5][5])
{
	const struct risk_scale *imp = &mv->def->scales[SCALE_CIA];
	const struct risk_scale *lik = &mv->def->scales[SCALE_LIKELIHOOD];
	struct svg_cell grid[RISK_SCALE_POINTS * RISK_SCALE_POINTS];
	const char *rows[RISK_SCALE_POINTS], *cols[RISK_SCALE_POINTS];
	struct arena *a = &ctx->req->arena;
	size_t r, c;

	/* Rows: importance, highest on top; columns: likelihood, rising. */
	for (r = 0; r < imp->count; r++) {
		int i = imp->points[r].value;

		rows[r] = text_get(&imp->points[r].label, ctx->req->lang);
		for (c = 0; c < lik->count; c++) {
			int l = lik->points[lik->count - 1 - c].value;
			struct svg_cell *cell = &grid[r * lik->count + c];

			cell->count = (long)cells[i + 1][l + 1];
			cell->cls = riskview_grade_class(
				risk_grade_of(&mv->criteria, risk_level(i, l)));
			cell->href = arena_printf(
				a, "/risks?cell=%d,%d#risk-list", i, l);
		}
	}
	for (c = 0; c < lik->count; c++)
		cols[c] = text_get(&lik->points[lik->count - 1 - c].label,
				   ctx->req->lang);
	svg_heatmap(&ctx->resp->body, t(ctx, "risk.heatmap"), grid, imp->count,
		    lik->count, rows, cols, t(ctx, "asset.importance"),
		    t(ctx, "risk.likelihood"));
}
