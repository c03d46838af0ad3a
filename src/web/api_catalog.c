/* api_catalog.c: /api/v1/controls and /api/v1/guideline. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"

/* A text in both languages: {"ja": …, "en": …}. */
static json_t *both(const struct text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "ja", json_text(t->ja));
	json_object_set_new(o, "en", json_text(t->en));
	return o;
}

static json_t *control_ids(const struct control *const *c, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(c[i]->id));
	return a;
}

/* What in the catalogues points at the control (catalog_control_refs). */
static json_t *crosswalk_json(const struct catalog *cat,
			      const struct control *c)
{
	json_t *o = json_object(), *a;
	struct arena arena;
	struct control_refs r;
	size_t i;

	arena_init(&arena, 4096);
	catalog_control_refs(cat, c, &arena, &r);
	a = json_array();
	for (i = 0; i < r.guideline_count; i++)
		json_array_append_new(a, json_string(r.guideline[i]->id));
	json_object_set_new(o, "guideline", a);
	a = json_array();
	for (i = 0; i < r.diagnosis_count; i++)
		json_array_append_new(a, json_integer(r.diagnosis[i]->no));
	json_object_set_new(o, "diagnosis", a);
	a = json_array();
	for (i = 0; i < r.regulation_count; i++)
		json_array_append_new(a, json_integer(r.regulations[i]->no));
	json_object_set_new(o, "regulations", a);
	a = json_array();
	for (i = 0; i < r.case_count; i++)
		json_array_append_new(a, json_string(r.cases[i]->id));
	json_object_set_new(o, "cases", a);
	a = json_array();
	for (i = 0; i < r.vulnerability_count; i++)
		json_array_append_new(a, json_string(r.vulnerabilities[i]->id));
	json_object_set_new(o, "vulnerabilities", a);
	arena_release(&arena);
	return o;
}

static json_t *control_json(const struct catalog *cat, const struct control *c,
			    int full)
{
	json_t *o = json_object(), *attrs = json_object();
	int s;

	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "theme",
			    json_string(control_theme_name(c->theme)));
	json_object_set_new(o, "title", both(&c->title));
	json_object_set_new(o, "new_in_2022", json_boolean(c->new_in_2022));
	for (s = 0; s < ATTR_SET_COUNT; s++) {
		json_t *v = json_array();
		size_t i;

		for (i = 0; i < attr_value_count((enum attr_set)s); i++)
			if (control_has_attr(c, (enum attr_set)s, i))
				json_array_append_new(
					v, json_string(attr_value_tag(
						   (enum attr_set)s, i)));
		json_object_set_new(attrs, attr_set_name((enum attr_set)s), v);
	}
	json_object_set_new(o, "attributes", attrs);
	if (full) {
		json_object_set_new(o, "purpose", both(&c->purpose));
		json_object_set_new(o, "ids_2013", json_string(c->ids_2013));
		json_object_set_new(o, "related",
				    control_ids(c->related, c->related_count));
		json_object_set_new(o, "crosswalk", crosswalk_json(cat, c));
	}
	return o;
}

/* Sends {"count": N, "items": [...]} from preserialised fragments. */
static void send_joined(struct ctx *ctx, char *const *frags,
			const unsigned char *pick, size_t n)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += pick[i];
	strbuf_reset(o);
	strbuf_addf(o, "{\"count\":%zu,\"items\":[", count);
	count = 0;
	for (i = 0; i < n; i++) {
		if (!pick[i])
			continue;
		if (count++)
			strbuf_addch(o, ',');
		strbuf_addstr(o, frags[i]);
	}
	strbuf_addstr(o, "]}");
	ctx->resp->status = 200;
	ctx->resp->content_type = "application/json";
}

/* Refuses a filter's value, naming the parameter in "field". */
static void bad_filter(struct ctx *ctx, const char *name, const char *value)
{
	struct error err = ERROR_INIT;

	error_set(&err, ERROR_INPUT, "api.bad_filter", name, value, NULL);
	api_refuse(ctx, 400, &err, name);
}

void api_controls_list(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	const char *theme_q = request_query(ctx->req, "theme");
	const char *new_q = request_query(ctx->req, "new");
	int attr[ATTR_SET_COUNT], s, new_only = -1;
	enum control_theme theme = THEME_COUNT;
	unsigned char *pick;
	size_t i;

	if (theme_q && control_theme_parse(theme_q, &theme)) {
		bad_filter(ctx, "theme", theme_q);
		return;
	}
	if (new_q) {
		if (strcmp(new_q, "true") && strcmp(new_q, "false")) {
			bad_filter(ctx, "new", new_q);
			return;
		}
		new_only = !strcmp(new_q, "true");
	}
	for (s = 0; s < ATTR_SET_COUNT; s++) {
		const char *q = request_query(ctx->req,
					      attr_set_name((enum attr_set)s));

		attr[s] = -1;
		if (q && (attr[s] = attr_value_find((enum attr_set)s, q)) < 0) {
			bad_filter(ctx, attr_set_name((enum attr_set)s), q);
			return;
		}
	}
	if (!ctx->req->query_count) {
		ctx->resp->content_type = "application/json";
		page_send_body(ctx, &ctx->app->api->controls_all);
		return;
	}
	pick = arena_calloc(&ctx->req->arena, cat->control_count, 1);
	for (i = 0; i < cat->control_count; i++) {
		const struct control *c = &cat->controls[i];

		if ((theme != THEME_COUNT && c->theme != theme) ||
		    (new_only >= 0 && !!c->new_in_2022 != new_only))
			continue;
		for (s = 0; s < ATTR_SET_COUNT; s++)
			if (attr[s] >= 0 &&
			    !control_has_attr(c, (enum attr_set)s,
					      (size_t)attr[s]))
				break;
		pick[i] = s == ATTR_SET_COUNT;
	}
	send_joined(ctx, ctx->app->api->control_brief, pick,
		    cat->control_count);
}

void api_control_get(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	const struct control *c = catalog_control(cat, ctx->req->route_arg);

	if (!c) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	ctx->resp->content_type = "application/json";
	strbuf_addstr(&ctx->resp->body,
		      ctx->app->api->control_full[c - cat->controls]);
}

static json_t *item_json(const struct guideline_item *g, int full)
{
	json_t *o = json_object(), *owners = json_array();
	unsigned bit;

	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "level", json_integer(g->level));
	json_object_set_new(o, "kind",
			    json_string(guideline_kind_name(g->kind)));
	json_object_set_new(o, "domain",
			    json_string(guideline_domain_name(g->domain)));
	json_object_set_new(o, "function",
			    json_string(security_function_name(g->function)));
	for (bit = 1; bit <= OWNER_HR_LEAD; bit <<= 1)
		if (g->owners & bit)
			json_array_append_new(
				owners, json_string(owner_role_name(bit)));
	json_object_set_new(o, "owners", owners);
	json_object_set_new(o, "title", both(&g->title));
	if (full) {
		json_object_set_new(o, "summary", both(&g->summary));
		json_object_set_new(o, "numbers", both(&g->numbers));
		json_object_set_new(o, "controls",
				    control_ids(g->controls, g->control_count));
	}
	return o;
}

void api_guideline_list(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	const char *level_q = request_query(ctx->req, "level");
	const char *domain_q = request_query(ctx->req, "domain");
	enum guideline_domain domain = DOMAIN_COUNT;
	unsigned char *pick;
	int level = 0;
	size_t i;

	if ((level_q && parse_int(level_q, 1, 3, &level)) ||
	    (domain_q && guideline_domain_parse(domain_q, &domain))) {
		if (level_q && !level)
			bad_filter(ctx, "level", level_q);
		else
			bad_filter(ctx, "domain", domain_q);
		return;
	}
	if (!ctx->req->query_count) {
		ctx->resp->content_type = "application/json";
		page_send_body(ctx, &ctx->app->api->items_all);
		return;
	}
	pick = arena_calloc(&ctx->req->arena, cat->guideline_count, 1);
	for (i = 0; i < cat->guideline_count; i++) {
		const struct guideline_item *g = &cat->guideline[i];

		pick[i] = !((level && g->level != level) ||
			    (domain != DOMAIN_COUNT && g->domain != domain));
	}
	send_joined(ctx, ctx->app->api->item_brief, pick, cat->guideline_count);
}

void api_guideline_get(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	const struct guideline_item *g =
		catalog_guideline_item(cat, ctx->req->route_arg);

	if (!g) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	ctx->resp->content_type = "application/json";
	strbuf_addstr(&ctx->resp->body,
		      ctx->app->api->item_full[g - cat->guideline]);
}

/* Serialises v (reference stolen) compactly; the caller frees. */
static char *dump(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(v);
	if (!s)
		BUG("json_dumps failed");
	return s;
}

/* {"count": n, "items": [every fragment]}, as one heap string. */
static char *join_all(char *const *frags, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addf(&sb, "{\"count\":%zu,\"items\":[", n);
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		strbuf_addstr(&sb, frags[i]);
	}
	strbuf_addstr(&sb, "]}");
	return strbuf_detach(&sb, NULL);
}

struct api_cache *api_cache_new(const struct catalog *cat)
{
	struct api_cache *c = xcalloc(1, sizeof(*c));
	size_t i;

	c->control_count = cat->control_count;
	c->item_count = cat->guideline_count;
	c->control_brief = xcalloc(c->control_count, sizeof(char *));
	c->control_full = xcalloc(c->control_count, sizeof(char *));
	c->item_brief = xcalloc(c->item_count, sizeof(char *));
	c->item_full = xcalloc(c->item_count, sizeof(char *));
	for (i = 0; i < c->control_count; i++) {
		c->control_brief[i] =
			dump(control_json(cat, &cat->controls[i], 0));
		c->control_full[i] =
			dump(control_json(cat, &cat->controls[i], 1));
	}
	for (i = 0; i < c->item_count; i++) {
		c->item_brief[i] = dump(item_json(&cat->guideline[i], 0));
		c->item_full[i] = dump(item_json(&cat->guideline[i], 1));
	}
	c->controls_doc = join_all(c->control_brief, c->control_count);
	c->items_doc = join_all(c->item_brief, c->item_count);
	gz_body_init(&c->controls_all, c->controls_doc,
		     strlen(c->controls_doc));
	gz_body_init(&c->items_all, c->items_doc, strlen(c->items_doc));
	return c;
}

void api_cache_free(struct api_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->control_count; i++) {
		free(c->control_brief[i]);
		free(c->control_full[i]);
	}
	for (i = 0; i < c->item_count; i++) {
		free(c->item_brief[i]);
		free(c->item_full[i]);
	}
	free(c->control_brief);
	free(c->control_full);
	free(c->item_brief);
	free(c->item_full);
	gz_body_release(&c->controls_all);
	gz_body_release(&c->items_all);
	free(c->controls_doc);
	free(c->items_doc);
	free(c);
}
