/* page_catalog.c: browsing the controls and the levelled guideline. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/permission.h"
#include "core/soa.h"
#include "store/repo_soa.h"
#include "util/error.h"
#include "util/arena.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/controlview.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"

static const char *tx(const struct ctx *ctx, const struct text *text)
{
	return text_get(text, ctx->req->lang);
}

/* The message "<prefix>.<name>". */
static const char *label(const struct ctx *ctx, const char *prefix,
			 const char *name)
{
	return t(ctx, arena_printf(&ctx->req->arena, "%s.%s", prefix, name));
}

/* A <select> of a filter: "" means any. */
static void select_open(struct ctx *ctx, const char *name, const char *key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label>");
	page_t(ctx, key);
	html_lit(o, " <select name=\"");
	html_attr(o, name);
	html_lit(o, "\">");
	html_option(o, "", t(ctx, "filter.any"), 0);
}

static void select_close(struct ctx *ctx)
{
	html_lit(&ctx->resp->body, "</select></label>");
}

static void filter_end(struct ctx *ctx, const char *reset)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<button type=\"submit\">");
	page_t(ctx, "filter.apply");
	html_lit(o, "</button> <a href=\"");
	html_attr(o, reset);
	html_lit(o, "\">");
	page_t(ctx, "filter.reset");
	html_lit(o, "</a></form>");
}

static void control_links(struct ctx *ctx, const struct control *const *c,
			  size_t n)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			html_lit(o, " ");
		html_lit(o, "<a href=\"/controls/");
		html_url_arg(o, c[i]->id);
		html_lit(o, "\" title=\"");
		html_attr(o, tx(ctx, &c[i]->title));
		html_lit(o, "\">");
		html_text(o, c[i]->id);
		html_lit(o, "</a>");
	}
}

/* ASCII letters folded to lower case, so "Backup" finds "backup". */
static const char *fold(struct ctx *ctx, const char *s)
{
	char *f = arena_strdup(&ctx->req->arena, s);
	char *p;

	for (p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

/* The search word q (folded) in the id, a title or a purpose. */
static int control_found(struct ctx *ctx, const struct control *c,
			 const char *q)
{
	return !strncmp(c->id, q, strlen(q)) ||
	       strstr(fold(ctx, c->title.ja), q) ||
	       strstr(fold(ctx, c->title.en), q) ||
	       strstr(fold(ctx, c->purpose.ja), q) ||
	       strstr(fold(ctx, c->purpose.en), q);
}

void page_controls(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const char *theme_q = request_query(ctx->req, "theme");
	const char *new_q = request_query(ctx->req, "new");
	const char *q = request_query(ctx->req, "q");
	const char *fq = q && *q ? fold(ctx, q) : NULL;
	const char *attr_q[ATTR_SET_COUNT], *theme_label[THEME_COUNT];
	int theme = -1, attr[ATTR_SET_COUNT];
	enum control_theme th;
	size_t i, shown = 0, start;
	struct pagecache_part *part;
	const char *key;
	int s;

	if (theme_q && *theme_q) {
		if (control_theme_parse(theme_q, &th)) {
			page_error(ctx, 400, "http.bad_filter");
			return;
		}
		theme = (int)th;
	}
	for (s = 0; s < ATTR_SET_COUNT; s++) {
		attr_q[s] = request_query(ctx->req,
					  attr_set_name((enum attr_set)s));
		attr[s] = -1;
		if (attr_q[s] && *attr_q[s] &&
		    (attr[s] = attr_value_find((enum attr_set)s, attr_q[s])) <
			    0) {
			page_error(ctx, 400, "http.bad_filter");
			return;
		}
	}
	/* The catalogue does not change, but the key's data version keeps
	 * the rule simple: every kept part is of one version. */
	key = pagecache_key(ctx, "controls");
	if ((part = pagecache_take(key))) {
		layout_begin(ctx, t(ctx, "controls.title"), NAV_CONTROLS);
		pagecache_give(part, o);
		layout_end(ctx);
		return;
	}
	for (i = 0; i < THEME_COUNT; i++)
		theme_label[i] =
			label(ctx, "theme",
			      control_theme_name((enum control_theme)i));
	layout_begin(ctx, t(ctx, "controls.title"), NAV_CONTROLS);
	start = o->len;
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "controls.lead");
	html_lit(o, "</p><form method=\"get\" action=\"/controls\" "
		    "class=\"filters\"><label>");
	page_t(ctx, "controls.search");
	html_lit(o, " <input type=\"search\" name=\"q\" maxlength=\"100\" "
		    "value=\"");
	html_attr(o, q ? q : "");
	html_lit(o, "\"></label>");
	select_open(ctx, "theme", "col.theme");
	for (i = 0; i < THEME_COUNT; i++)
		html_option(o, control_theme_name((enum control_theme)i),
			    label(ctx, "theme",
				  control_theme_name((enum control_theme)i)),
			    theme == (int)i);
	select_close(ctx);
	for (s = 0; s < ATTR_SET_COUNT; s++) {
		select_open(ctx, attr_set_name((enum attr_set)s),
			    arena_printf(&ctx->req->arena, "attr.%s",
					 attr_set_name((enum attr_set)s)));
		for (i = 0; i < attr_value_count((enum attr_set)s); i++)
			html_option(o, attr_value_tag((enum attr_set)s, i) + 1,
				    attr_value_tag((enum attr_set)s, i),
				    attr[s] == (int)i);
		select_close(ctx);
	}
	html_lit(o, "<label><input type=\"checkbox\" name=\"new\" value=\"1\"");
	if (new_q)
		html_lit(o, " checked");
	html_lit(o, "> ");
	page_t(ctx, "col.new");
	html_lit(o, "</label>");
	filter_end(ctx, "/controls");
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "col.id");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.title");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.theme");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "attr.concept");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < cat->control_count; i++) {
		const struct control *c = &cat->controls[i];
		size_t v;

		if ((theme >= 0 && (int)c->theme != theme) ||
		    (new_q && !c->new_in_2022) ||
		    (fq && !control_found(ctx, c, fq)))
			continue;
		for (s = 0; s < ATTR_SET_COUNT; s++)
			if (attr[s] >= 0 &&
			    !control_has_attr(c, (enum attr_set)s,
					      (size_t)attr[s]))
				break;
		if (s < ATTR_SET_COUNT)
			continue;
		shown++;
		html_lit(o, "<tr><td>");
		html_text(o, c->id);
		html_lit(o, "</td><td><a href=\"/controls/");
		html_url_arg(o, c->id);
		html_lit(o, "\">");
		html_text(o, tx(ctx, &c->title));
		html_lit(o, "</a>");
		if (c->new_in_2022) {
			html_lit(o, " <span class=\"badge\">");
			page_t(ctx, "controls.new");
			html_lit(o, "</span>");
		}
		html_lit(o, "</td><td>");
		html_text(o, theme_label[c->theme]);
		html_lit(o, "</td><td>");
		for (v = 0; v < attr_value_count(ATTR_CONCEPT); v++)
			if (control_has_attr(c, ATTR_CONCEPT, v)) {
				html_text(o, attr_value_tag(ATTR_CONCEPT, v));
				html_lit(o, " ");
			}
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table><p class=\"count\">");
	html_long(o, (long)shown);
	html_lit(o, " / ");
	html_long(o, (long)cat->control_count);
	html_lit(o, "</p>");
	pagecache_put(key, o->buf + start, o->len - start);
	layout_end(ctx);
}

/* A definition row. */
static void dl_row(struct ctx *ctx, const char *key, const char *value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dt>");
	page_t(ctx, key);
	html_lit(o, "</dt><dd>");
	html_text(o, value);
	html_lit(o, "</dd>");
}

/*
 * The organisation's Statement of Applicability entry for c, for those
 * who read the registers: the catalogue says what a control is, this
 * says what the company decided about it, with the way to change it.
 */
static int soa_box(struct ctx *ctx, const struct control *c)
{
	struct strbuf *o = &ctx->resp->body;
	const struct session *s = ctx->req->session;
	struct error err = ERROR_INIT;
	struct soa_entry e;
	int found, i;

	if (!s || !permission_granted(s->rec.roles, PERM_VIEW))
		return 0;
	found = repo_soa_get(ctx->store, &ctx->req->arena, s->rec.org_id, c->id,
			     &e, &err);
	if (found < 0) {
		page_fail(ctx, &err);
		return -1;
	}
	html_lit(o, "<section class=\"card soa-box\"><h2>");
	page_t(ctx, "controls.soa_title");
	html_lit(o, "</h2>");
	if (!found) {
		html_lit(o, "<p>");
		page_t(ctx, "controls.soa_none");
		html_lit(o, " <a href=\"/soa\">");
		page_t(ctx, "controls.soa_open");
		html_lit(o, "</a></p></section>");
		return 0;
	}
	html_lit(o, "<dl class=\"facts\">");
	dl_row(ctx, "soa.applicable",
	       label(ctx, "soa.applicable",
		     soa_applicability_name(e.applicable)));
	if (e.applicable == SOA_APPLICABLE) {
		struct strbuf v = STRBUF_INIT;

		for (i = 0; i < SOA_REASON_COUNT; i++)
			if (e.reasons & (1u << i))
				strbuf_addf(&v, "%s%s", v.len ? "、" : "",
					    label(ctx, "soa.reason",
						  soa_reason_name(i)));
		dl_row(ctx, "soa.reasons", v.buf);
		strbuf_release(&v);
	}
	if (e.applicable == SOA_EXCLUDED)
		dl_row(ctx, "soa.justification", e.justification);
	dl_row(ctx, "soa.status",
	       e.status == SOA_STATUS_UNSET
		       ? t(ctx, "soa.status.unset")
		       : label(ctx, "soa.status",
			       soa_status_name((enum soa_status)e.status)));
	if (*e.owner)
		dl_row(ctx, "soa.owner", e.owner);
	if (*e.reviewed_on)
		dl_row(ctx, "soa.reviewed_on", e.reviewed_on);
	html_lit(o, "</dl><p><a class=\"button\" href=\"/soa/");
	html_url_arg(o, c->id);
	html_lit(o, "\">");
	page_t(ctx, "controls.soa_edit");
	html_lit(o, "</a></p></section>");
	return 0;
}

void page_control_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct control *c = catalog_control(cat, ctx->req->route_arg);
	size_t i;
	int s;

	if (!c) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	layout_begin(ctx,
		     arena_printf(&ctx->req->arena, "%s %s", c->id,
				  tx(ctx, &c->title)),
		     NAV_CONTROLS);
	html_lit(o, "<p class=\"lead\">");
	html_text(o, tx(ctx, &c->purpose));
	html_lit(o, "</p><dl class=\"facts\">");
	dl_row(ctx, "col.theme",
	       label(ctx, "theme", control_theme_name(c->theme)));
	for (s = 0; s < ATTR_SET_COUNT; s++) {
		struct strbuf v = STRBUF_INIT;

		for (i = 0; i < attr_value_count((enum attr_set)s); i++)
			if (control_has_attr(c, (enum attr_set)s, i))
				strbuf_addf(&v, "%s%s", v.len ? " " : "",
					    attr_value_tag((enum attr_set)s,
							   i));
		dl_row(ctx,
		       arena_printf(&ctx->req->arena, "attr.%s",
				    attr_set_name((enum attr_set)s)),
		       v.buf);
		strbuf_release(&v);
	}
	dl_row(ctx, "col.new", t(ctx, c->new_in_2022 ? "word.yes" : "word.no"));
	dl_row(ctx, "col.ids_2013", c->ids_2013);
	html_lit(o, "</dl>");
	if (soa_box(ctx, c))
		return;
	controlview_crosswalk(ctx, c, "/controls/");
	html_lit(o, "<p><a href=\"/controls\">");
	page_t(ctx, "controls.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* Parses an enum filter from the query; -1 = any, -2 = malformed. */
static int enum_filter(struct ctx *ctx, const char *name,
		       int (*parse)(const char *, int *))
{
	const char *q = request_query(ctx->req, name);
	int v;

	if (!q || !*q)
		return -1;
	return parse(q, &v) ? -2 : v;
}

static int parse_level(const char *s, int *v)
{
	return parse_int(s, 1, 3, v);
}

static int parse_domain(const char *s, int *v)
{
	enum guideline_domain d;

	if (guideline_domain_parse(s, &d))
		return -1;
	*v = (int)d;
	return 0;
}

static int parse_function(const char *s, int *v)
{
	enum security_function f;

	if (security_function_parse(s, &f))
		return -1;
	*v = (int)f;
	return 0;
}

static int parse_owner(const char *s, int *v)
{
	unsigned flag;

	if (owner_role_parse(s, &flag))
		return -1;
	*v = (int)flag;
	return 0;
}

/* The labels of the owner roles, looked up once per page, not per row. */
static void owner_labels(struct ctx *ctx, const char *out[OWNER_ROLE_COUNT])
{
	int i;

	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		out[i] = label(ctx, "owner", owner_role_name(1u << i));
}

static void owners_text(struct ctx *ctx, const char *const *labels,
			unsigned owners)
{
	int i, first = 1;

	for (i = 0; i < OWNER_ROLE_COUNT; i++) {
		if (!(owners & (1u << i)))
			continue;
		if (!first)
			html_lit(&ctx->resp->body, "、");
		html_text(&ctx->resp->body, labels[i]);
		first = 0;
	}
}

void page_guideline(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	int level = enum_filter(ctx, "level", parse_level);
	int domain = enum_filter(ctx, "domain", parse_domain);
	int function = enum_filter(ctx, "function", parse_function);
	int owner = enum_filter(ctx, "owner", parse_owner);
	const char *owner_label[OWNER_ROLE_COUNT], *domain_label[DOMAIN_COUNT];
	size_t i, shown = 0, start;
	struct pagecache_part *part;
	const char *key;

	if (level == -2 || domain == -2 || function == -2 || owner == -2) {
		page_error(ctx, 400, "http.bad_filter");
		return;
	}
	key = pagecache_key(ctx, "guideline");
	if ((part = pagecache_take(key))) {
		layout_begin(ctx, t(ctx, "guideline.title"), NAV_GUIDELINE);
		pagecache_give(part, o);
		layout_end(ctx);
		return;
	}
	owner_labels(ctx, owner_label);
	for (i = 0; i < DOMAIN_COUNT; i++)
		domain_label[i] =
			label(ctx, "domain",
			      guideline_domain_name((enum guideline_domain)i));
	layout_begin(ctx, t(ctx, "guideline.title"), NAV_GUIDELINE);
	start = o->len;
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "guideline.lead");
	html_lit(o, "</p><form method=\"get\" action=\"/guideline\" "
		    "class=\"filters\">");
	select_open(ctx, "level", "col.level");
	for (i = 1; i <= 3; i++)
		html_option(o, arena_printf(&ctx->req->arena, "%zu", i),
			    arena_printf(&ctx->req->arena, "L%zu", i),
			    level == (int)i);
	select_close(ctx);
	select_open(ctx, "domain", "col.domain");
	for (i = 0; i < DOMAIN_COUNT; i++)
		html_option(
			o, guideline_domain_name((enum guideline_domain)i),
			label(ctx, "domain",
			      guideline_domain_name((enum guideline_domain)i)),
			domain == (int)i);
	select_close(ctx);
	select_open(ctx, "function", "col.function");
	for (i = 0; i < FUNCTION_COUNT; i++)
		html_option(o,
			    security_function_name((enum security_function)i),
			    label(ctx, "function",
				  security_function_name(
					  (enum security_function)i)),
			    function == (int)i);
	select_close(ctx);
	select_open(ctx, "owner", "col.owner");
	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		html_option(o, owner_role_name(1u << i),
			    label(ctx, "owner", owner_role_name(1u << i)),
			    owner == (int)(1u << i));
	select_close(ctx);
	filter_end(ctx, "/guideline");
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "col.id");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.title");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.level");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.domain");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "col.owner");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < cat->guideline_count; i++) {
		const struct guideline_item *g = &cat->guideline[i];

		if ((level > 0 && g->level != level) ||
		    (domain >= 0 && (int)g->domain != domain) ||
		    (function >= 0 && (int)g->function != function) ||
		    (owner > 0 && !(g->owners & (unsigned)owner)))
			continue;
		shown++;
		html_lit(o, "<tr");
		if (g->kind == GUIDELINE_ESTABLISH)
			html_lit(o, " class=\"establish\"");
		html_lit(o, "><td>");
		html_text(o, g->id);
		html_lit(o, "</td><td><a href=\"/guideline/");
		html_url_arg(o, g->id);
		html_lit(o, "\">");
		html_text(o, tx(ctx, &g->title));
		html_lit(o, "</a></td><td><span class=\"badge level\">L");
		html_long(o, g->level);
		html_lit(o, "</span></td><td>");
		html_text(o, domain_label[g->domain]);
		html_lit(o, "</td><td>");
		owners_text(ctx, owner_label, g->owners);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table><p class=\"count\">");
	html_long(o, (long)shown);
	html_lit(o, " / ");
	html_long(o, (long)cat->guideline_count);
	html_lit(o, "</p><p class=\"credit\">");
	page_t(ctx, "catalog.guideline_credit");
	html_lit(o, "</p>");
	pagecache_put(key, o->buf + start, o->len - start);
	layout_end(ctx);
}

void page_guideline_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const char *owner_label[OWNER_ROLE_COUNT];
	const struct guideline_item *g =
		catalog_guideline_item(ctx->app->cat, ctx->req->route_arg);

	if (!g) {
		page_error(ctx, 404, "http.not_found");
		return;
	}
	layout_begin(ctx,
		     arena_printf(&ctx->req->arena, "%s %s", g->id,
				  tx(ctx, &g->title)),
		     NAV_GUIDELINE);
	html_lit(o, "<p class=\"lead\">");
	html_text(o, tx(ctx, &g->summary));
	html_lit(o, "</p><dl class=\"facts\">");
	dl_row(ctx, "col.level",
	       arena_printf(&ctx->req->arena, "L%d", g->level));
	dl_row(ctx, "col.kind",
	       label(ctx, "kind", guideline_kind_name(g->kind)));
	dl_row(ctx, "col.domain",
	       label(ctx, "domain", guideline_domain_name(g->domain)));
	dl_row(ctx, "col.function",
	       label(ctx, "function", security_function_name(g->function)));
	html_lit(o, "<dt>");
	page_t(ctx, "col.owner");
	html_lit(o, "</dt><dd>");
	owner_labels(ctx, owner_label);
	owners_text(ctx, owner_label, g->owners);
	html_lit(o, "</dd>");
	if (*g->numbers.ja)
		dl_row(ctx, "col.numbers", tx(ctx, &g->numbers));
	html_lit(o, "<dt>");
	page_t(ctx, "col.controls");
	html_lit(o, "</dt><dd>");
	control_links(ctx, g->controls, g->control_count);
	html_lit(o, "</dd></dl><p class=\"credit\">");
	page_t(ctx, "catalog.guideline_credit");
	html_lit(o, "</p><p><a href=\"/guideline\">");
	page_t(ctx, "guideline.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}
