/*
 * api_risk.c: /api/v1/risk-method and /api/v1/risks: the method in force,
 * the open assessment's risks (identify, rate, treat, accept, delete) and
 * its heat map.  Starting an assessment stays with the web UI and the CLI.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/asset.h"
#include "store/repo_asset.h"
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
#include "web/pagecache.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

enum { LIST_LIMIT = 50, ASSET_RISKS_MAX = 1000 };

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static const char *method_title(struct ctx *ctx, enum risk_method m)
{
	return t(ctx, arena_printf(&ctx->req->arena, "risk.method_%s",
				   risk_method_name(m)));
}

/* A grade's name, or null for an unrated level. */
static json_t *grade_json(const struct risk_criteria *c, int level)
{
	enum risk_grade g = risk_grade_of(c, level);

	return g == GRADE_COUNT ? json_null() : json_string(risk_grade_name(g));
}

static json_t *assessment_json(const struct method_view *mv)
{
	json_t *o;

	if (!mv->open)
		return json_null();
	o = json_object();
	json_object_set_new(o, "id", json_integer(mv->assessment.id));
	json_object_set_new(o, "no", json_integer(mv->assessment.no));
	json_object_set_new(o, "started_by",
			    json_text(mv->assessment.started_by));
	json_object_set_new(o, "started_at",
			    json_integer(mv->assessment.started_at));
	return o;
}

static json_t *criteria_json(const struct risk_criteria *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "low_max", json_integer(c->low_max));
	json_object_set_new(o, "medium_max", json_integer(c->medium_max));
	return o;
}

/* A catalogue entry or an own entry: {"id": … or null, "title": …}. */
static json_t *entry_json(const char *id, const char *title)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", api_text_or_null(id));
	json_object_set_new(o, "title", json_text(title));
	return o;
}

/*
 * A risk as the API shows it: graded by criteria c, ranked among the
 * levels of its assessment (levels[L] risks at level L).
 */
static json_t *risk_json(struct ctx *ctx, const struct risk_criteria *c,
			 const size_t levels[10], const struct risk *r,
			 int64_t assessment_id)
{
	json_t *o = json_object(), *asset = json_object();

	json_object_set_new(asset, "id", json_integer(r->asset_id));
	json_object_set_new(asset, "name", json_text(r->asset_name));
	json_object_set_new(asset, "medium", json_text(r->asset_medium));
	json_object_set_new(asset, "owner", json_text(r->owner));
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "assessment_id", json_integer(assessment_id));
	json_object_set_new(o, "asset", asset);
	json_object_set_new(o, "threat",
			    entry_json(r->threat_id, riskview_threat(ctx, r)));
	json_object_set_new(o, "vulnerability",
			    entry_json(r->vulnerability_id,
				       riskview_vulnerability(ctx, r)));
	json_object_set_new(o, "consequence", json_text(r->consequence));
	json_object_set_new(o, "threat_level",
			    api_rating_json(r->threat_level));
	json_object_set_new(o, "vulnerability_level",
			    api_rating_json(r->vulnerability_level));
	json_object_set_new(o, "importance", api_rating_json(r->importance));
	json_object_set_new(o, "likelihood", api_rating_json(r->likelihood));
	json_object_set_new(o, "level", api_rating_json(r->level));
	json_object_set_new(o, "grade", grade_json(c, r->level));
	json_object_set_new(o, "rank",
			    r->level >= 0
				    ? json_integer(risk_rank(levels, r->level))
				    : json_null());
	json_object_set_new(
		o, "treatment",
		r->treatment == TREAT_NONE
			? json_null()
			: json_string(risk_treatment_name(r->treatment)));
	json_object_set_new(o, "reason", json_text(r->reason));
	json_object_set_new(o, "controls", api_words_json(r->controls));
	json_object_set_new(o, "guideline", api_words_json(r->guideline));
	json_object_set_new(o, "status",
			    json_string(treatment_status_name(r->status)));
	json_object_set_new(o, "residual_vulnerability",
			    api_rating_json(r->residual_vulnerability));
	json_object_set_new(o, "residual_likelihood",
			    api_rating_json(r->residual_likelihood));
	json_object_set_new(o, "residual_level",
			    api_rating_json(r->residual_level));
	json_object_set_new(o, "residual_grade",
			    grade_json(c, r->residual_level));
	json_object_set_new(o, "accepted_by", api_text_or_null(r->accepted_by));
	json_object_set_new(o, "accepted_at",
			    r->accepted_by ? json_integer(r->accepted_at)
					   : json_null());
	json_object_set_new(o, "updated_at", json_integer(r->updated_at));
	return o;
}

/* ---- the method ---- */

static json_t *scale_json(struct ctx *ctx, const struct risk_scale *s)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < s->count; i++) {
		json_t *p = json_object();

		json_object_set_new(p, "value",
				    json_integer(s->points[i].value));
		json_object_set_new(p, "label",
				    json_text(text_get(&s->points[i].label,
						       ctx->req->lang)));
		json_object_set_new(p, "meaning",
				    json_text(text_get(&s->points[i].meaning,
						       ctx->req->lang)));
		json_array_append_new(a, p);
	}
	return a;
}

void api_risk_method_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	const struct risk_method_def *d;
	const struct risk_criteria *c;
	json_t *o, *scales, *grades, *table = NULL;
	enum risk_scale_kind k;
	enum risk_grade g;
	int lo[GRADE_COUNT], hi[GRADE_COUNT];

	if (riskview_method(ctx, &mv, &err)) {
		api_fail(ctx, &err);
		return;
	}
	d = mv.def;
	c = &mv.criteria;
	scales = json_object();
	for (k = 0; k < SCALE_KIND_COUNT; k++)
		json_object_set_new(scales, risk_scale_name(k),
				    scale_json(ctx, &d->scales[k]));
	if (d->has_table) {
		int th, v;

		/* [threat - 1][vulnerability - 1], as the sheet's table. */
		table = json_array();
		for (th = 1; th <= RISK_SCALE_POINTS; th++) {
			json_t *row = json_array();

			for (v = 1; v <= RISK_SCALE_POINTS; v++)
				json_array_append_new(
					row, json_integer(risk_likelihood(d, th,
									  v)));
			json_array_append_new(table, row);
		}
	}
	lo[GRADE_LOW] = risk_level_min(d);
	hi[GRADE_LOW] = c->low_max;
	lo[GRADE_MEDIUM] = c->low_max + 1;
	hi[GRADE_MEDIUM] = c->medium_max;
	lo[GRADE_HIGH] = c->medium_max + 1;
	hi[GRADE_HIGH] = risk_level_max(d);
	grades = json_array();
	for (g = GRADE_LOW; g < GRADE_COUNT; g++) {
		json_t *o2 = json_object();

		json_object_set_new(o2, "grade",
				    json_string(risk_grade_name(g)));
		json_object_set_new(o2, "min", json_integer(lo[g]));
		json_object_set_new(o2, "max", json_integer(hi[g]));
		json_object_set_new(o2, "label",
				    json_text(text_get(&d->grades[g].label,
						       ctx->req->lang)));
		json_object_set_new(o2, "meaning",
				    json_text(text_get(&d->grades[g].meaning,
						       ctx->req->lang)));
		json_array_append_new(grades, o2);
	}
	o = json_object();
	json_object_set_new(o, "method",
			    json_string(risk_method_name(d->method)));
	json_object_set_new(o, "title",
			    json_text(method_title(ctx, d->method)));
	json_object_set_new(o, "assessment", assessment_json(&mv));
	json_object_set_new(o, "criteria", criteria_json(c));
	json_object_set_new(o, "level_min", json_integer(risk_level_min(d)));
	json_object_set_new(o, "level_max", json_integer(risk_level_max(d)));
	json_object_set_new(o, "scales", scales);
	json_object_set_new(o, "likelihood_table", table ? table : json_null());
	json_object_set_new(o, "grades", grades);
	json_send(ctx, 200, o);
}

/* ---- the list and the heat map ---- */

static int query_refuse(struct ctx *ctx, const char *param, const char *field,
			const char *value)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, "input.bad_choice", field, value, NULL);
	api_refuse(ctx, 400, &err, param);
	return -1;
}

/* The list's query into q, as the page /risks reads it. */
static int read_risk_query(struct ctx *ctx, const struct method_view *mv,
			   struct risk_query *q)
{
	static const char *const params[] = {
		"sort",	 "dir",	 "after",  "before",	"limit",
		"grade", "cell", "status", "treatment", "asset",
	};
	const struct request *req = ctx->req;
	const char *v;
	long n;

	memset(q, 0, sizeof(*q));
	q->assessment_id = mv->assessment.id;
	q->sort = RSORT_LEVEL;
	q->desc = 1;
	q->level_min = q->level_max = RISK_ANY;
	q->importance = q->likelihood = RISK_ANY;
	if (api_query_known(ctx, params, ARRAY_SIZE(params)) ||
	    api_query_page(ctx, LIST_LIMIT, &q->limit, &q->cursor, &q->back))
		return -1;
	if ((v = request_query(req, "sort")) && risk_sort_parse(v, &q->sort))
		return query_refuse(ctx, "sort", "list.sort", v);
	if ((v = request_query(req, "dir"))) {
		if (strcmp(v, "asc") && strcmp(v, "desc"))
			return query_refuse(ctx, "dir", "list.sort", v);
		q->desc = !strcmp(v, "desc");
	}
	if ((v = request_query(req, "asset"))) {
		if (parse_long(v, 1, INT32_MAX, &n))
			return query_refuse(ctx, "asset", "asset.name", v);
		q->asset_id = n;
	}
	if ((v = request_query(req, "grade"))) {
		enum risk_grade g;

		if (!strcmp(v, "unrated")) {
			q->level_min = q->level_max = RISK_UNRATED;
		} else if (risk_grade_parse(v, &g)) {
			return query_refuse(ctx, "grade", "risk.grade", v);
		} else {
			q->level_min = g == GRADE_LOW ? risk_level_min(mv->def)
				       : g == GRADE_MEDIUM
					       ? mv->criteria.low_max + 1
					       : mv->criteria.medium_max + 1;
			q->level_max = g == GRADE_LOW ? mv->criteria.low_max
				       : g == GRADE_MEDIUM
					       ? mv->criteria.medium_max
					       : risk_level_max(mv->def);
		}
	}
	if ((v = request_query(req, "cell"))) {
		int i, l;
		char extra;

		if (sscanf(v, "%d,%d%c", &i, &l, &extra) != 2 ||
		    !risk_value_valid(mv->def, SCALE_CIA, i) ||
		    !risk_value_valid(mv->def, SCALE_LIKELIHOOD, l))
			return query_refuse(ctx, "cell", "risk.heatmap", v);
		q->importance = i;
		q->likelihood = l;
	}
	if ((v = request_query(req, "status"))) {
		enum treatment_status s;

		if (treatment_status_parse(v, &s))
			return query_refuse(ctx, "status", "risk.status", v);
		q->status = v;
	}
	/* "none" is the undecided treatment, stored as "". */
	if ((v = request_query(req, "treatment"))) {
		enum risk_treatment tr;

		if (!strcmp(v, "none"))
			q->treatment = "";
		else if (risk_treatment_parse(v, &tr) || tr == TREAT_NONE)
			return query_refuse(ctx, "treatment", "risk.treatment",
					    v);
		else
			q->treatment = v;
	}
	return 0;
}

static void api_risks_list_build(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct risk_query q;
	struct risk_page page;
	size_t cells[5][5], levels[10], unrated, i;
	json_t *items, *out;

	if (riskview_method(ctx, &mv, &err)) {
		api_fail(ctx, &err);
		return;
	}
	if (read_risk_query(ctx, &mv, &q))
		return;
	memset(&page, 0, sizeof(page));
	memset(levels, 0, sizeof(levels));
	/* Before the first assessment there are no risks to list. */
	if (mv.open && (repo_risk_cells(ctx->store, org_of(ctx),
					mv.assessment.id, cells, &err) ||
			repo_risk_list(ctx->store, &ctx->req->arena,
				       org_of(ctx), &q, &page, &err))) {
		api_fail(ctx, &err);
		return;
	}
	if (mv.open)
		risk_cells_levels(cells, levels, &unrated);
	items = json_array();
	for (i = 0; i < page.count; i++)
		json_array_append_new(items, risk_json(ctx, &mv.criteria,
						       levels, &page.rows[i],
						       mv.assessment.id));
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
void api_risks_list(struct ctx *ctx)
{
	pagecache_answer(ctx, "api-risks", api_risks_list_build,
			 "application/json");
}

static void api_risk_heatmap_build(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	const struct risk_scale *imp, *lik;
	size_t cells[5][5], levels[10], unrated = 0, by_grade[GRADE_COUNT];
	size_t r, c, total = 0;
	json_t *o, *list, *grades;
	enum risk_grade g;
	int l;

	if (riskview_method(ctx, &mv, &err)) {
		api_fail(ctx, &err);
		return;
	}
	if (api_query_known(ctx, NULL, 0))
		return;
	memset(cells, 0, sizeof(cells));
	if (mv.open && repo_risk_cells(ctx->store, org_of(ctx),
				       mv.assessment.id, cells, &err)) {
		api_fail(ctx, &err);
		return;
	}
	risk_cells_levels(cells, levels, &unrated);
	memset(by_grade, 0, sizeof(by_grade));
	for (l = 0; l < 10; l++)
		if (levels[l]) {
			by_grade[risk_grade_of(&mv.criteria, l)] += levels[l];
			total += levels[l];
		}
	/* Rows as the page draws them: importance from the highest down,
	 * likelihood rising from left to right. */
	imp = &mv.def->scales[SCALE_CIA];
	lik = &mv.def->scales[SCALE_LIKELIHOOD];
	list = json_array();
	for (r = 0; r < imp->count; r++) {
		int i = imp->points[r].value;

		for (c = lik->count; c-- > 0;) {
			int li = lik->points[c].value;
			json_t *cell = json_object();

			json_object_set_new(cell, "importance",
					    json_integer(i));
			json_object_set_new(cell, "likelihood",
					    json_integer(li));
			json_object_set_new(cell, "level",
					    json_integer(risk_level(i, li)));
			json_object_set_new(cell, "grade",
					    grade_json(&mv.criteria,
						       risk_level(i, li)));
			json_object_set_new(
				cell, "count",
				json_integer((json_int_t)cells[i + 1][li + 1]));
			json_array_append_new(list, cell);
		}
	}
	grades = json_object();
	for (g = GRADE_LOW; g < GRADE_COUNT; g++)
		json_object_set_new(grades, risk_grade_name(g),
				    json_integer((json_int_t)by_grade[g]));
	o = json_object();
	json_object_set_new(o, "method",
			    json_string(risk_method_name(mv.def->method)));
	json_object_set_new(o, "assessment", assessment_json(&mv));
	json_object_set_new(o, "criteria", criteria_json(&mv.criteria));
	json_object_set_new(o, "cells", list);
	json_object_set_new(o, "by_grade", grades);
	json_object_set_new(o, "rated", json_integer((json_int_t)total));
	json_object_set_new(o, "unrated", json_integer((json_int_t)unrated));
	json_send(ctx, 200, o);
}

/* Kept per version of the organisation's data (web/pagecache.h). */
void api_risk_heatmap(struct ctx *ctx)
{
	pagecache_answer(ctx, "api-heatmap", api_risk_heatmap_build,
			 "application/json");
}

/* ---- one risk ---- */

/*
 * Loads the risk of the route and the assessment it belongs to (its
 * method and criteria grade it).  0, or -1 after answering.
 */
static int load_risk(struct ctx *ctx, struct risk *r, struct method_view *own)
{
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	int64_t assessment;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "risk.not_found", NULL);
		return -1;
	}
	memset(own, 0, sizeof(*own));
	found = repo_risk_get(ctx->store, &ctx->req->arena, org_of(ctx), id, r,
			      &assessment, &err);
	if (found > 0)
		found = repo_assessment_get(ctx->store, &ctx->req->arena,
					    org_of(ctx), assessment,
					    &own->assessment, &err);
	if (found < 0) {
		api_fail(ctx, &err);
		return -1;
	}
	if (!found) {
		api_problem(ctx, 404, "risk.not_found", NULL);
		return -1;
	}
	own->open = !own->assessment.closed_at;
	own->def = catalog_method(cat, own->assessment.method);
	own->criteria = own->assessment.criteria;
	return 0;
}

/* Sends the risk id as it now stands, with status. */
static void send_risk(struct ctx *ctx, int status, int64_t id)
{
	struct error err = ERROR_INIT;
	struct method_view own;
	struct risk r;
	size_t cells[5][5], levels[10], unrated;
	int64_t assessment;
	int found;

	memset(&own, 0, sizeof(own));
	found = repo_risk_get(ctx->store, &ctx->req->arena, org_of(ctx), id, &r,
			      &assessment, &err);
	if (found > 0)
		found = repo_assessment_get(ctx->store, &ctx->req->arena,
					    org_of(ctx), assessment,
					    &own.assessment, &err);
	if (found > 0 &&
	    repo_risk_cells(ctx->store, org_of(ctx), assessment, cells, &err))
		found = -1;
	if (found <= 0) {
		if (found < 0)
			api_fail(ctx, &err);
		else
			api_problem(ctx, 404, "risk.not_found", NULL);
		return;
	}
	risk_cells_levels(cells, levels, &unrated);
	json_send(ctx, status,
		  risk_json(ctx, &own.assessment.criteria, levels, &r,
			    assessment));
}

void api_risk_get(struct ctx *ctx)
{
	long id;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "risk.not_found", NULL);
		return;
	}
	send_risk(ctx, 200, id);
}

/*
 * The open assessment, for a write: 0, or -1 after answering 409 when
 * none is open (the method is chosen in the web UI or the CLI).
 */
static int open_assessment(struct ctx *ctx, struct method_view *mv)
{
	struct error err = ERROR_INIT;

	if (riskview_method(ctx, mv, &err)) {
		api_fail(ctx, &err);
		return -1;
	}
	if (!mv->open) {
		api_problem(ctx, 409, "api.no_assessment", NULL);
		return -1;
	}
	return 0;
}

/*
 * Inside a write's transaction: fails (409) when another assessment
 * started since the request was checked against mv (the risk would land
 * in a closed one, rated on another method's scales).
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

/* Refuses (422) a value that breaks a rule, naming member. */
static int refuse(struct ctx *ctx, const char *member, const char *key,
		  const char *a1, const char *a2)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, key, a1, a2, NULL);
	api_refuse(ctx, 422, &err, member);
	return -1;
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

/*
 * The member a failed risk_validate() is about: the rule's field, with
 * an own entry's text sent as threat_text / vulnerability_text.
 */
static const char *validate_member(const struct risk_method_def *m,
				   const struct risk *r,
				   const struct error *err)
{
	if (!strcmp(err->key, "risk.residual_above"))
		return m->has_table ? "residual_vulnerability"
				    : "residual_likelihood";
	if (err->argc && !strcmp(err->args[0], "risk.threat") && !*r->threat_id)
		return "threat_text";
	if (err->argc && !strcmp(err->args[0], "risk.vulnerability") &&
	    !*r->vulnerability_id)
		return "vulnerability_text";
	return NULL;
}

/*
 * The id of a risk the asset already has in the assessment with r's
 * threat and vulnerability: 1 (*id set), 0 none, -1 error.
 */
static int find_twin(struct ctx *ctx, const struct method_view *mv,
		     const struct risk *r, int64_t *id, struct error *err)
{
	struct risk_query q;
	struct risk_page page;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.assessment_id = mv->assessment.id;
	q.sort = RSORT_ID;
	q.limit = ASSET_RISKS_MAX;
	q.asset_id = r->asset_id;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	if (repo_risk_list(ctx->store, &ctx->req->arena, org_of(ctx), &q, &page,
			   err))
		return -1;
	for (i = 0; i < page.count; i++) {
		const struct risk *x = &page.rows[i];

		if (strcmp(x->threat_id, r->threat_id) ||
		    strcmp(x->threat, r->threat) ||
		    strcmp(x->vulnerability_id, r->vulnerability_id) ||
		    strcmp(x->vulnerability, r->vulnerability))
			continue;
		*id = x->id;
		return 1;
	}
	return 0;
}

/*
 * Reads the threat (or the vulnerability) of a new risk: a catalogue id
 * in member, or an own text in member_text; exactly one of them.
 */
static int read_entry(struct api_body *b, const char *member,
		      const char *member_text, const char **id,
		      const char **text)
{
	int has_id = api_body_has(b, member);
	int has_text = api_body_has(b, member_text);
	struct error err = ERROR_INIT;

	if (b->failed)
		return -1;
	if (has_id == has_text) {
		error_set(&err, ERROR_INPUT,
			  has_id ? "api.one_of" : "api.one_needed", member,
			  member_text, NULL);
		api_refuse(b->ctx, 400, &err, member);
		b->failed = 1;
		return -1;
	}
	if (api_body_text(b, member, 0, id) ||
	    api_body_text(b, member_text, 0, text))
		return -1;
	return 0;
}

void api_risk_post(struct ctx *ctx)
{
	static const char *const members[] = {
		"asset",
		"threat",
		"threat_text",
		"vulnerability",
		"vulnerability_text",
		"consequence",
	};
	static const char *const required[] = { "asset" };
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct api_body b;
	struct asset a;
	struct risk r;
	const struct threat *th = NULL;
	int64_t asset_id = 0, twin = 0;
	int found;

	memset(&b, 0, sizeof(b));
	if (open_assessment(ctx, &mv))
		return;
	blank_risk(&r, 0);
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0) ||
	    api_body_require(&b, required, ARRAY_SIZE(required)) ||
	    api_body_id(&b, "asset", &asset_id) ||
	    read_entry(&b, "threat", "threat_text", &r.threat_id, &r.threat) ||
	    read_entry(&b, "vulnerability", "vulnerability_text",
		       &r.vulnerability_id, &r.vulnerability) ||
	    api_body_text(&b, "consequence", 0, &r.consequence))
		goto out;
	r.asset_id = asset_id;
	if (*r.threat_id && !(th = catalog_threat(cat, r.threat_id))) {
		refuse(ctx, "threat", "input.bad_choice", "risk.threat",
		       r.threat_id);
		goto out;
	}
	if (*r.vulnerability_id &&
	    !catalog_vulnerability(cat, r.vulnerability_id)) {
		refuse(ctx, "vulnerability", "input.bad_choice",
		       "risk.vulnerability", r.vulnerability_id);
		goto out;
	}
	/* The catalogue's usual consequence, unless the client wrote one. */
	if (th && !api_body_has(&b, "consequence"))
		r.consequence = text_get(&th->consequence, ctx->req->lang);
	if (risk_validate(mv.def, &r, &err)) {
		api_refuse(ctx, 422, &err, validate_member(mv.def, &r, &err));
		goto out;
	}
	found = repo_asset_get(ctx->store, &ctx->req->arena, org_of(ctx),
			       r.asset_id, &a, &err);
	if (found < 0) {
		api_fail(ctx, &err);
		goto out;
	}
	if (!found) {
		refuse(ctx, "asset", "asset.not_found", NULL, NULL);
		goto out;
	}
	/* The twin is looked for under the write lock, so two identical
	 * requests at once still make one risk. */
	if (store_begin(ctx->store, &err))
		goto fail;
	if (method_unchanged(ctx, &mv, &err) ||
	    (found = find_twin(ctx, &mv, &r, &twin, &err)) < 0) {
		store_rollback(ctx->store);
		goto fail;
	}
	if (found) {
		store_rollback(ctx->store);
		/* The detail is the address of the risk there already. */
		api_problem(ctx, 409, "api.risk_twice",
			    arena_printf(&ctx->req->arena, "/api/v1/risks/%lld",
					 (long long)twin));
		goto out;
	}
	if (repo_risk_put(ctx->store, org_of(ctx), &mv.assessment, mv.def, &r,
			  ctx->req->now, &err) ||
	    page_audit(ctx, "risk.create",
		       arena_printf(&ctx->req->arena, "risk:%lld",
				    (long long)r.id),
		       "",
		       arena_printf(&ctx->req->arena, "asset:%lld %s %s",
				    (long long)r.asset_id,
				    *r.threat_id ? r.threat_id : r.threat,
				    *r.vulnerability_id ? r.vulnerability_id
							: r.vulnerability),
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto fail;
	}
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena, "/api/v1/risks/%lld",
				     (long long)r.id));
	send_risk(ctx, 201, r.id);
	goto out;
fail:
	api_fail(ctx, &err);
out:
	api_body_release(&b);
}

/*
 * The risk of the route for a change: it must belong to the open
 * assessment (a closed one's risks are a record).  0, or -1 answered.
 */
static int load_current(struct ctx *ctx, struct risk *r, struct method_view *mv)
{
	struct method_view own;

	if (load_risk(ctx, r, &own) || open_assessment(ctx, mv))
		return -1;
	if (own.assessment.id != mv->assessment.id) {
		api_problem(ctx, 409, "risk.closed", NULL);
		return -1;
	}
	return 0;
}

/*
 * Reads the ids of member (controls or guideline items), each checked
 * against the catalogue, into *out as one space-separated list.
 */
static int read_refs(struct api_body *b, const char *member, int controls,
		     const char **out)
{
	const struct catalog *cat = b->ctx->app->cat;
	struct strbuf sb = STRBUF_INIT;
	const char **ids = NULL;
	size_t count = 0, i, k, n = 0;

	if (api_body_words(b, member, &ids, &count))
		return -1;
	if (!ids)
		return 0;
	for (i = 0; i < count; i++) {
		/* The same id twice is one choice. */
		for (k = 0; k < i && strcmp(ids[k], ids[i]); k++)
			;
		if (k < i)
			continue;
		if (controls ? !catalog_control(cat, ids[i])
			     : !catalog_guideline_item(cat, ids[i])) {
			strbuf_release(&sb);
			b->failed = 1;
			return refuse(b->ctx, member, "input.bad_choice",
				      controls ? "risk.controls"
					       : "risk.guideline",
				      ids[i]);
		}
		if (++n > RISK_REFS_MAX) {
			strbuf_release(&sb);
			b->failed = 1;
			return refuse(b->ctx, member, "risk.too_many_refs",
				      NULL, NULL);
		}
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, ids[i]);
	}
	*out = arena_strdup(&b->ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return 0;
}

/* Refuses a member the method in force does not rate. */
static int check_method_members(struct api_body *b,
				const struct method_view *mv)
{
	static const char *const ipa_only[] = { "threat_level",
						"vulnerability_level",
						"residual_vulnerability" };
	static const char *const three_point_only[] = { "likelihood",
							"residual_likelihood" };
	const char *const *unused = mv->def->has_table ? three_point_only
						       : ipa_only;
	size_t n = mv->def->has_table ? ARRAY_SIZE(three_point_only)
				      : ARRAY_SIZE(ipa_only);
	size_t i;

	if (b->failed)
		return -1;
	for (i = 0; i < n; i++)
		if (api_body_has(b, unused[i])) {
			b->failed = 1;
			return refuse(b->ctx, unused[i], "api.not_in_method",
				      unused[i],
				      method_title(b->ctx, mv->def->method));
		}
	return 0;
}

/* Adds "member: old" and "member: new" lines when they differ. */
static void change_text(struct strbuf *before, struct strbuf *after,
			const char *member, const char *old, const char *now)
{
	if (!strcmp(old, now))
		return;
	strbuf_addf(before, "%s%s: %s", before->len ? "\n" : "", member, old);
	strbuf_addf(after, "%s%s: %s", after->len ? "\n" : "", member, now);
}

static void change_int(struct strbuf *before, struct strbuf *after,
		       const char *member, int old, int now)
{
	if (old == now)
		return;
	strbuf_addf(before, "%s%s: %d", before->len ? "\n" : "", member, old);
	strbuf_addf(after, "%s%s: %d", after->len ? "\n" : "", member, now);
}

/* The lines of what changed from o to r, for the audit trail. */
static void risk_changes(const struct risk *o, const struct risk *r,
			 struct strbuf *before, struct strbuf *after)
{
	change_text(before, after, "consequence", o->consequence,
		    r->consequence);
	change_int(before, after, "threat_level", o->threat_level,
		   r->threat_level);
	change_int(before, after, "vulnerability_level", o->vulnerability_level,
		   r->vulnerability_level);
	change_int(before, after, "likelihood", o->likelihood, r->likelihood);
	change_text(before, after, "treatment",
		    risk_treatment_name(o->treatment),
		    risk_treatment_name(r->treatment));
	change_text(before, after, "reason", o->reason, r->reason);
	change_text(before, after, "controls", o->controls, r->controls);
	change_text(before, after, "guideline", o->guideline, r->guideline);
	change_text(before, after, "status", treatment_status_name(o->status),
		    treatment_status_name(r->status));
	change_int(before, after, "residual_vulnerability",
		   o->residual_vulnerability, r->residual_vulnerability);
	change_int(before, after, "residual_likelihood", o->residual_likelihood,
		   r->residual_likelihood);
}

void api_risk_patch(struct ctx *ctx)
{
	static const char *const members[] = {
		"consequence",
		"threat_level",
		"vulnerability_level",
		"likelihood",
		"treatment",
		"reason",
		"controls",
		"guideline",
		"status",
		"residual_vulnerability",
		"residual_likelihood",
	};
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct api_body b;
	struct risk old, r;
	const char *treatment = NULL, *status = NULL;

	memset(&b, 0, sizeof(b));
	if (load_current(ctx, &old, &mv))
		return;
	r = old;
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0) ||
	    check_method_members(&b, &mv) ||
	    api_body_text(&b, "consequence", 0, &r.consequence) ||
	    api_body_rating(&b, "threat_level", "risk.threat_level",
			    &r.threat_level) ||
	    api_body_rating(&b, "vulnerability_level",
			    "risk.vulnerability_level",
			    &r.vulnerability_level) ||
	    api_body_rating(&b, "likelihood", "risk.likelihood",
			    &r.likelihood) ||
	    api_body_text(&b, "treatment", 1, &treatment) ||
	    api_body_text(&b, "reason", 0, &r.reason) ||
	    read_refs(&b, "controls", 1, &r.controls) ||
	    read_refs(&b, "guideline", 0, &r.guideline) ||
	    api_body_text(&b, "status", 0, &status) ||
	    api_body_rating(&b, "residual_vulnerability",
			    "risk.residual_vulnerability",
			    &r.residual_vulnerability) ||
	    api_body_rating(&b, "residual_likelihood",
			    "risk.residual_likelihood", &r.residual_likelihood))
		goto out;
	/* null (or "") is the undecided treatment. */
	if (treatment && risk_treatment_parse(treatment, &r.treatment)) {
		refuse(ctx, "treatment", "input.bad_choice", "risk.treatment",
		       treatment);
		goto out;
	}
	if (status && treatment_status_parse(status, &r.status)) {
		refuse(ctx, "status", "input.bad_choice", "risk.status",
		       status);
		goto out;
	}
	risk_changes(&old, &r, &before, &after);
	/* Nothing new: the owner's acceptance still holds, nothing is
	 * written. */
	if (!after.len) {
		send_risk(ctx, 200, old.id);
		goto out;
	}
	if (risk_validate(mv.def, &r, &err)) {
		api_refuse(ctx, 422, &err, validate_member(mv.def, &r, &err));
		goto out;
	}
	if (old.accepted_by)
		strbuf_addf(&before, "\naccepted_by: %s", old.accepted_by);
	if (store_begin(ctx->store, &err))
		goto fail;
	if (method_unchanged(ctx, &mv, &err) ||
	    repo_risk_put(ctx->store, org_of(ctx), &mv.assessment, mv.def, &r,
			  ctx->req->now, &err) ||
	    page_audit(ctx, "risk.update",
		       arena_printf(&ctx->req->arena, "risk:%lld",
				    (long long)r.id),
		       before.buf, after.buf, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto fail;
	}
	send_risk(ctx, 200, r.id);
	goto out;
fail:
	api_fail(ctx, &err);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	api_body_release(&b);
}

void api_risk_accept(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct api_body b;
	struct risk r;
	int done = 0;

	memset(&b, 0, sizeof(b));
	if (load_current(ctx, &r, &mv) || api_body_open(ctx, &b, NULL, 0, 1))
		goto out;
	if (store_begin(ctx->store, &err))
		goto fail;
	if ((done = repo_risk_accept(ctx->store, org_of(ctx), r.id,
				     ctx->req->session->rec.email,
				     ctx->req->now, &err)) < 0 ||
	    (done &&
	     page_audit(ctx, "risk.accept",
			arena_printf(&ctx->req->arena, "risk:%lld",
				     (long long)r.id),
			"",
			arena_printf(&ctx->req->arena, "residual: %d",
				     r.residual_level >= 0 ? r.residual_level
							   : r.level),
			&err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto fail;
	}
	/* Rated, treated, not yet accepted: otherwise nothing to accept. */
	if (!done)
		api_problem(ctx, 409, "risk.cannot_accept", NULL);
	else
		send_risk(ctx, 200, r.id);
	goto out;
fail:
	api_fail(ctx, &err);
out:
	api_body_release(&b);
}

void api_risk_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct risk r;
	int done = 0;

	if (load_current(ctx, &r, &mv))
		return;
	if (store_begin(ctx->store, &err) ||
	    (done = repo_risk_delete(ctx->store, org_of(ctx), r.id, &err)) <
		    0 ||
	    (done &&
	     page_audit(ctx, "risk.delete",
			arena_printf(&ctx->req->arena, "risk:%lld",
				     (long long)r.id),
			arena_printf(&ctx->req->arena, "asset:%lld %s / %s",
				     (long long)r.asset_id,
				     riskview_threat(ctx, &r),
				     riskview_vulnerability(ctx, &r)),
			"", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		api_fail(ctx, &err);
		return;
	}
	if (!done) {
		api_problem(ctx, 409, "risk.closed", NULL);
		return;
	}
	ctx->resp->status = 204;
	ctx->resp->content_type = "application/json";
}
