/* api_path.c: /api/v1 for the LV1/LV2 path: profile, five points,
 * policy and handbook, executive checklist, cloud services, cases. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/guideline.h"
#include "store/repo_diagnosis.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "core/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static json_t *both(const struct text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "ja", json_text(t->ja));
	json_object_set_new(o, "en", json_text(t->en));
	return o;
}

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

/* Answers 500 after a store error (the detail goes to the log only). */
static void store_failed(struct ctx *ctx, const struct error *err)
{
	fprintf(stderr, "error: api: %s\n", err->key);
	api_problem(ctx, 500, "http.internal", NULL);
}

/* Answers 400 naming the field, from a validation error: a fixed title,
 * the filled-in message as the detail. */
static void bad_input(struct ctx *ctx, const struct error *err)
{
	api_refuse(ctx, 400, err, NULL);
}

/* A string member of body, "" when absent; -1 when present but not a
 * string. */
static int member_text(json_t *body, const char *name, const char **out)
{
	json_t *v = json_object_get(body, name);

	*out = "";
	if (!v)
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = json_string_value(v);
	return 0;
}

static json_t *profile_json(const struct org_profile *p)
{
	struct level_profile lp = { p->dedicated_admin, p->large_private_data,
				    p->has_csirt };
	json_t *o = json_object();

	json_object_set_new(o, "representative", json_text(p->representative));
	json_object_set_new(o, "services", json_text(p->services));
	json_object_set_new(o, "employees", json_integer(p->employees));
	json_object_set_new(o, "industry", json_text(p->industry));
	json_object_set_new(o, "dedicated_admin",
			    json_boolean(p->dedicated_admin));
	json_object_set_new(o, "large_private_data",
			    json_boolean(p->large_private_data));
	json_object_set_new(o, "has_csirt", json_boolean(p->has_csirt));
	json_object_set_new(o, "level", json_integer(guideline_level_of(&lp)));
	return o;
}

void api_profile_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct org_profile p;

	if (repo_profile_get(ctx->store, &ctx->req->arena, org_of(ctx), &p,
			     &err)) {
		store_failed(ctx, &err);
		return;
	}
	json_send(ctx, 200, profile_json(&p));
}

static int member_flag(json_t *body, const char *name, int *out)
{
	json_t *v = json_object_get(body, name);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return -1;
	*out = json_is_true(v);
	return 0;
}

void api_profile_put(struct ctx *ctx)
{
	static const char *const known[] = {
		"representative", "services",	     "employees",
		"industry",	  "dedicated_admin", "large_private_data",
		"has_csirt"
	};
	struct error err = ERROR_INIT;
	struct org_profile p;
	json_t *body = json_body(ctx), *emp;
	const char *key, *bad = NULL;
	json_t *v;
	size_t i;

	if (!body)
		return;
	memset(&p, 0, sizeof(p));
	json_object_foreach(body, key, v)
	{
		for (i = 0; i < ARRAY_SIZE(known) && strcmp(known[i], key); i++)
			;
		if (i == ARRAY_SIZE(known))
			bad = key;
	}
	emp = json_object_get(body, "employees");
	if (bad || member_text(body, "representative", &p.representative) ||
	    member_text(body, "services", &p.services) ||
	    member_text(body, "industry", &p.industry) ||
	    (emp && !json_is_integer(emp)) ||
	    member_flag(body, "dedicated_admin", &p.dedicated_admin) ||
	    member_flag(body, "large_private_data", &p.large_private_data) ||
	    member_flag(body, "has_csirt", &p.has_csirt)) {
		api_problem(ctx, 400, "api.bad_field", bad ? bad : NULL);
		json_decref(body);
		return;
	}
	p.employees = emp ? (long)json_integer_value(emp) : 0;
	if (org_profile_validate(&p, &err)) {
		bad_input(ctx, &err);
		json_decref(body);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_profile_put(ctx->store, org_of(ctx), &p, ctx->req->now,
			     &err) ||
	    page_audit(ctx, "profile.save", "profile", "", "api", &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		store_failed(ctx, &err);
	} else {
		json_send(ctx, 200, profile_json(&p));
	}
	json_decref(body);
}

/* The five points with their states and the SECURITY ACTION readiness. */
static int five_json(struct ctx *ctx, json_t **out, struct error *err)
{
	const struct catalog *cat = ctx->app->cat;
	enum five_status status[5];
	const char *notes[5];
	struct diagnosis_run *runs;
	struct security_action sa;
	size_t count, i;
	int committed[5], done = 0, published = 0;
	json_t *o, *points;

	if (repo_five_get(ctx->store, &ctx->req->arena, org_of(ctx), status,
			  notes, err) ||
	    repo_run_list(ctx->store, &ctx->req->arena, org_of(ctx), 20, &runs,
			  &count, err) ||
	    repo_doc_published(ctx->store, org_of(ctx), "basic_policy",
			       &published, err))
		return -1;
	for (i = 0; i < count; i++)
		if (runs[i].completed_at)
			done = 1;
	points = json_array();
	for (i = 0; i < 5 && i < cat->five_point_count; i++) {
		json_t *p = json_object();

		committed[i] = status[i] == FIVE_COMMITTED;
		json_object_set_new(p, "point",
				    json_integer((json_int_t)i + 1));
		json_object_set_new(p, "title",
				    both(&cat->five_points[i].title));
		json_object_set_new(p, "status",
				    json_string(five_status_name(status[i])));
		json_object_set_new(p, "note", json_text(notes[i]));
		json_array_append_new(points, p);
	}
	security_action_readiness(committed, done, published, &sa);
	o = json_object();
	json_object_set_new(o, "points", points);
	json_object_set_new(o, "one_star", json_boolean(sa.one_star));
	json_object_set_new(o, "two_star", json_boolean(sa.two_star));
	*out = o;
	return 0;
}

void api_five_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	json_t *o;

	if (five_json(ctx, &o, &err)) {
		store_failed(ctx, &err);
		return;
	}
	json_send(ctx, 200, o);
}

void api_five_put(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	json_t *body, *o;
	const char *status_s, *note;
	enum five_status st;
	int point;

	if (parse_int(ctx->req->route_arg, 1, 5, &point)) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	if (!(body = json_body(ctx)))
		return;
	if (member_text(body, "status", &status_s) ||
	    five_status_parse(status_s, &st) ||
	    member_text(body, "note", &note) ||
	    utf8_count(note, strlen(note)) > 1000) {
		api_problem(ctx, 400, "api.bad_field", "status, note");
		json_decref(body);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_five_set(ctx->store, org_of(ctx), point, st, note,
			  ctx->req->session->rec.email, ctx->req->now, &err) ||
	    page_audit(ctx, "five.set",
		       arena_printf(&ctx->req->arena, "five:%d", point), "",
		       status_s, &err) ||
	    store_commit(ctx->store, &err) || five_json(ctx, &o, &err)) {
		store_rollback(ctx->store);
		store_failed(ctx, &err);
	} else {
		json_send(ctx, 200, o);
	}
	json_decref(body);
}

/* GET /api/v1/policy and /api/v1/handbook: the newest version. */
void api_doc_get(struct ctx *ctx)
{
	const char *kind = strstr(ctx->req->path, "handbook") ? "handbook"
							      : "basic_policy";
	struct error err = ERROR_INIT;
	struct policy_doc d;
	json_t *o;
	int found = repo_doc_get(ctx->store, &ctx->req->arena, org_of(ctx),
				 kind, 0, &d, &err);

	if (found <= 0) {
		if (found < 0)
			store_failed(ctx, &err);
		else
			api_problem(ctx, 404, "http.not_found", kind);
		return;
	}
	o = json_object();
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "version", json_integer(d.version));
	json_object_set_new(o, "body", json_text(d.body));
	json_object_set_new(o, "created_by", json_text(d.created_by));
	json_object_set_new(o, "created_at", json_integer(d.created_at));
	json_object_set_new(o, "approved_by",
			    d.approved_by ? json_text(d.approved_by)
					  : json_null());
	json_object_set_new(o, "approved_at",
			    d.approved_at ? json_integer(d.approved_at)
					  : json_null());
	json_object_set_new(o, "published_at",
			    d.published_at ? json_integer(d.published_at)
					   : json_null());
	json_send(ctx, 200, o);
}

void api_executive_get(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct signoff *rows;
	size_t count, i, j;
	json_t *items;

	if (repo_signoff_list(ctx->store, &ctx->req->arena, org_of(ctx), &rows,
			      &count, &err)) {
		store_failed(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < cat->executive_count; i++) {
		const struct executive_item *e = &cat->executive[i];
		const char *id = arena_printf(&ctx->req->arena, "%s-%d",
					      executive_kind_name(e->kind),
					      e->no);
		json_t *o = json_object();
		const struct signoff *so = NULL;

		for (j = 0; j < count; j++)
			if (!strcmp(rows[j].item, id))
				so = &rows[j];
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "title", both(&e->title));
		json_object_set_new(o, "done", json_boolean(so && so->done));
		json_object_set_new(o, "note", json_text(so ? so->note : ""));
		json_object_set_new(o, "signed_by",
				    so ? json_text(so->signed_by)
				       : json_null());
		json_object_set_new(o, "signed_at",
				    so ? json_integer(so->signed_at)
				       : json_null());
		json_array_append_new(items, o);
	}
	json_send(ctx, 200, items);
}

static json_t *cloud_json(const struct cloud_service *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "name", json_text(s->name));
	json_object_set_new(o, "purpose", json_text(s->purpose));
	json_object_set_new(o, "data", json_text(s->data));
	json_object_set_new(o, "importance", json_integer(s->importance));
	json_object_set_new(o, "administrator", json_text(s->administrator));
	json_object_set_new(o, "users", json_text(s->users));
	json_object_set_new(o, "support", json_text(s->support));
	json_object_set_new(o, "sla", json_text(s->sla));
	json_object_set_new(o, "location", json_text(s->location));
	json_object_set_new(o, "cost", json_text(s->cost));
	json_object_set_new(o, "contract", json_string(s->contract));
	json_object_set_new(o, "nda", json_boolean(s->nda));
	json_object_set_new(o, "checks_done", json_integer(s->checks_done));
	return o;
}

void api_cloud_list(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct cloud_service *rows;
	size_t count, i;
	json_t *items;

	if (repo_cloud_list(ctx->store, &ctx->req->arena, org_of(ctx), &rows,
			    &count, &err)) {
		store_failed(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, cloud_json(&rows[i]));
	json_send(ctx, 200, items);
}

void api_cloud_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct cloud_service s;
	const char *status[15], *notes[15];
	json_t *o, *checks;
	long id;
	int found, i;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	found = repo_cloud_get(ctx->store, &ctx->req->arena, org_of(ctx), id,
			       &s, &err);
	if (found > 0 &&
	    repo_cloud_checks(ctx->store, &ctx->req->arena, org_of(ctx), id,
			      status, notes, &err))
		found = -1;
	if (found <= 0) {
		if (found < 0)
			store_failed(ctx, &err);
		else
			api_problem(ctx, 404, "http.not_found",
				    ctx->req->route_arg);
		return;
	}
	o = cloud_json(&s);
	checks = json_array();
	for (i = 0; i < 15; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "no", json_integer(i + 1));
		json_object_set_new(c, "status",
				    *status[i] ? json_string(status[i])
					       : json_null());
		json_object_set_new(c, "note", json_text(notes[i]));
		json_array_append_new(checks, c);
	}
	json_object_set_new(o, "checks", checks);
	json_send(ctx, 200, o);
}

void api_cloud_post(struct ctx *ctx)
{
	static const char *const contracts[] = { "none", "terms", "contract" };
	struct error err = ERROR_INIT;
	struct cloud_service s;
	json_t *body = json_body(ctx), *imp, *nda;

	if (!body)
		return;
	memset(&s, 0, sizeof(s));
	imp = json_object_get(body, "importance");
	nda = json_object_get(body, "nda");
	if (member_text(body, "name", &s.name) ||
	    member_text(body, "purpose", &s.purpose) ||
	    member_text(body, "data", &s.data) ||
	    member_text(body, "administrator", &s.administrator) ||
	    member_text(body, "users", &s.users) ||
	    member_text(body, "support", &s.support) ||
	    member_text(body, "sla", &s.sla) ||
	    member_text(body, "location", &s.location) ||
	    member_text(body, "cost", &s.cost) ||
	    member_text(body, "contract", &s.contract) ||
	    (imp && (!json_is_integer(imp) || json_integer_value(imp) < 0 ||
		     json_integer_value(imp) > 2)) ||
	    (nda && !json_is_boolean(nda))) {
		api_problem(ctx, 400, "api.bad_field", NULL);
		json_decref(body);
		return;
	}
	s.importance = imp ? (int)json_integer_value(imp) : 1;
	s.nda = nda && json_is_true(nda);
	if (!*s.contract)
		s.contract = "terms";
	if (parse_name(contracts, ARRAY_SIZE(contracts), s.contract) < 0 ||
	    validate_text("cloud.name", s.name, 1, 200, &err) ||
	    validate_text("cloud.purpose", s.purpose, 0, 500, &err) ||
	    validate_text("cloud.data", s.data, 0, 500, &err) ||
	    validate_text("cloud.administrator", s.administrator, 0, 200,
			  &err) ||
	    validate_text("cloud.users", s.users, 0, 500, &err) ||
	    validate_text("cloud.support", s.support, 0, 500, &err) ||
	    validate_text("cloud.sla", s.sla, 0, 500, &err) ||
	    validate_text("cloud.location", s.location, 0, 200, &err) ||
	    validate_text("cloud.cost", s.cost, 0, 200, &err)) {
		if (!err.code)
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "cloud.contract", s.contract, NULL);
		bad_input(ctx, &err);
		json_decref(body);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_cloud_put(ctx->store, org_of(ctx), &s, ctx->req->now, &err) ||
	    page_audit(ctx, "cloud.add",
		       arena_printf(&ctx->req->arena, "cloud:%lld",
				    (long long)s.id),
		       "", s.name, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		store_failed(ctx, &err);
	} else {
		response_header(ctx->resp, "Location",
				arena_printf(&ctx->req->arena,
					     "/api/v1/cloud/%lld",
					     (long long)s.id));
		json_send(ctx, 201, cloud_json(&s));
	}
	json_decref(body);
}

static json_t *lines(const char *text)
{
	json_t *a = json_array();
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *item = xmemdupz(p, len);

		json_array_append_new(a, json_text(item));
		free(item);
		p += len + (p[len] == '\n');
	}
	return a;
}

static json_t *lines_both(const struct text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "ja", lines(t->ja));
	json_object_set_new(o, "en", lines(t->en));
	return o;
}

/* The case's threat x vulnerability pairs, as POST .../risks takes them. */
static json_t *case_pairs_json(const struct incident_case *c)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < c->pair_count; i++) {
		json_t *p = json_object();

		json_object_set_new(p, "threat",
				    json_string(c->pairs[i].threat->id));
		json_object_set_new(p, "vulnerability",
				    json_string(c->pairs[i].vulnerability->id));
		json_array_append_new(a, p);
	}
	return a;
}

static json_t *case_json(const struct incident_case *c, int full)
{
	json_t *o = json_object(), *ids = json_array();
	size_t i;

	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "title", both(&c->title));
	json_object_set_new(o, "threat", both(&c->threat));
	json_object_set_new(o, "medium", json_string(medium_name(c->medium)));
	for (i = 0; i < c->control_count; i++)
		json_array_append_new(ids, json_string(c->controls[i]->id));
	json_object_set_new(o, "controls", ids);
	if (full) {
		json_object_set_new(o, "story", both(&c->story));
		json_object_set_new(o, "cause", both(&c->cause));
		json_object_set_new(o, "impact", both(&c->impact));
		json_object_set_new(o, "risks", lines_both(&c->risks));
		json_object_set_new(o, "measures", lines_both(&c->measures));
		json_object_set_new(o, "procedures",
				    lines_both(&c->procedures));
		json_object_set_new(o, "pairs", case_pairs_json(c));
	}
	return o;
}

void api_cases_list(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	json_t *items = json_array();
	size_t i;

	for (i = 0; i < cat->case_count; i++)
		json_array_append_new(items, case_json(&cat->cases[i], 0));
	json_send(ctx, 200, items);
}

void api_case_get(struct ctx *ctx)
{
	const struct incident_case *c =
		catalog_case(ctx->app->cat, ctx->req->route_arg);

	if (!c) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	json_send(ctx, 200, case_json(c, 1));
}
