/* page_asset.c: the information asset register (情報資産管理台帳). */
#include "util/compat.h"

#include <time.h>

#include "catalog/catalog.h"
#include "core/asset.h"
#include "core/validate.h"
#include "store/repo_asset.h"
#include "store/repo_audit.h"
#include "store/repo_risk.h"
#include "store/store.h"
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

/* The personal-data kinds, in bit order, as forms and URLs name them. */
static const char *const personal_names[] = { "personal", "sensitive",
					      "my_number" };

/* The text filters of the list, their URL names and query fields. */
static const struct {
	const char *name;
	size_t offset;
} text_filters[] = {
	{ "category", offsetof(struct asset_query, category) },
	{ "medium", offsetof(struct asset_query, medium) },
	{ "department", offsetof(struct asset_query, department) },
	{ "owner", offsetof(struct asset_query, owner) },
	{ "label", offsetof(struct asset_query, label) },
	{ "q", offsetof(struct asset_query, search) },
};

static const char **filter_ptr(struct asset_query *q, size_t i)
{
	return (const char **)((char *)q + text_filters[i].offset);
}

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static int may(const struct ctx *ctx, enum permission p)
{
	return permission_granted(ctx->req->session->rec.roles, p);
}

/* ---- the list ---- */

/*
 * Reads the list's query string into q.  Returns 0, or -1 with err for a
 * value no link of ours makes.
 */
static int read_list_query(struct ctx *ctx, struct asset_query *q,
			   struct error *err)
{
	const struct request *req = ctx->req;
	const char *v;
	size_t i;

	memset(q, 0, sizeof(*q));
	q->sort = ASORT_ID;
	q->importance = IMPORTANCE_ANY;
	q->limit = 50;
	if ((v = request_query(req, "sort")) && *v &&
	    asset_sort_parse(v, &q->sort))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "list.sort", v, NULL);
	v = request_query(req, "dir");
	q->desc = v && !strcmp(v, "desc");
	if (riskview_paging(ctx, &q->limit, &q->cursor, &q->back, err))
		return -1;
	for (i = 0; i < ARRAY_SIZE(text_filters); i++) {
		v = request_query(req, text_filters[i].name);
		*filter_ptr(q, i) = v && *v ? v : NULL;
	}
	if ((v = request_query(req, "importance")) && *v) {
		int imp;

		if (!strcmp(v, "unrated"))
			q->importance = RISK_UNRATED;
		else if (parse_int(v, 0, 3, &imp))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "asset.importance", v, NULL);
		else
			q->importance = imp;
	}
	if ((v = request_query(req, "personal")) && *v) {
		int k = parse_name(personal_names, ARRAY_SIZE(personal_names),
				   v);

		if (k < 0)
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "asset.personal", v, NULL);
		q->personal = 1u << k;
	}
	return 0;
}

/*
 * The list's address with q's filters and order, and the paging given
 * (cursor 0: none).  drop names a filter to leave out ("" none).
 */
static const char *list_href(struct ctx *ctx, const struct asset_query *q,
			     enum asset_sort sort, int desc, const char *page,
			     int64_t cursor, const char *drop)
{
	struct strbuf sb = STRBUF_INIT;
	struct asset_query copy = *q;
	const char *out;
	size_t i;

	strbuf_addf(&sb, "/assets?sort=%s", asset_sort_name(sort));
	if (desc)
		strbuf_addstr(&sb, "&dir=desc");
	for (i = 0; i < ARRAY_SIZE(text_filters); i++) {
		const char *v = *filter_ptr(&copy, i);

		if (!v || !strcmp(drop, text_filters[i].name))
			continue;
		strbuf_addf(&sb, "&%s=", text_filters[i].name);
		layout_url_arg(&sb, v);
	}
	if (q->importance != IMPORTANCE_ANY && strcmp(drop, "importance")) {
		if (q->importance == RISK_UNRATED)
			strbuf_addstr(&sb, "&importance=unrated");
		else
			strbuf_addf(&sb, "&importance=%d", q->importance);
	}
	for (i = 0; i < ARRAY_SIZE(personal_names); i++)
		if ((q->personal & (1u << i)) && strcmp(drop, "personal"))
			strbuf_addf(&sb, "&personal=%s", personal_names[i]);
	if (q->limit != 50)
		strbuf_addf(&sb, "&limit=%zu", q->limit);
	if (page)
		strbuf_addf(&sb, "&%s=%lld", page, (long long)cursor);
	out = arena_strdup(&ctx->req->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* A sortable column header: a link that sorts by it, or flips it. */
static void sort_header(struct ctx *ctx, const struct asset_query *q,
			enum asset_sort sort, const char *key)
{
	struct strbuf *o = &ctx->resp->body;
	int current = q->sort == sort;

	html_lit(o, "<th scope=\"col\"");
	if (current && q->desc)
		html_lit(o, " aria-sort=\"descending\"");
	else if (current)
		html_lit(o, " aria-sort=\"ascending\"");
	html_lit(o, "><a href=\"");
	html_attr(o, list_href(ctx, q, sort, current && !q->desc, NULL, 0, ""));
	html_lit(o, "\">");
	page_t(ctx, key);
	if (current && q->desc)
		html_lit(o, " ▼");
	else if (current)
		html_lit(o, " ▲");
	html_lit(o, "</a></th>");
}

/*
 * What every row of a page shares, worked out once per page: a page of
 * 100 rows would otherwise build the same links and look up the same
 * messages hundreds of times.
 */
struct row_view {
	const char *filter_href[5]; /* by filter_names[], "…&name=" */
	const char *media[MEDIUM_COUNT];
	const char *badge_title[3];
	const char *badge[3];
	int bulk;
};

static const char *const filter_names[] = { "category", "medium", "department",
					    "owner", "label" };

static void row_view_init(struct ctx *ctx, const struct asset_query *q,
			  int bulk, struct row_view *rv)
{
	struct arena *a = &ctx->req->arena;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(filter_names); i++)
		rv->filter_href[i] =
			arena_printf(a, "%s&%s=",
				     list_href(ctx, q, q->sort, q->desc, NULL,
					       0, filter_names[i]),
				     filter_names[i]);
	for (i = 0; i < MEDIUM_COUNT; i++)
		rv->media[i] =
			riskview_medium(ctx, medium_name((enum medium)i));
	for (i = 0; i < ARRAY_SIZE(personal_names); i++) {
		rv->badge_title[i] = t(ctx, arena_printf(a, "asset.personal_%s",
							 personal_names[i]));
		rv->badge[i] = t(ctx, arena_printf(a, "asset.short_%s",
						   personal_names[i]));
	}
	rv->bulk = bulk;
}

/* A cell whose value, clicked, filters the list by it (filter k). */
static void filter_cell(struct strbuf *o, const struct row_view *rv, size_t k,
			const char *value, const char *shown)
{
	html_lit(o, "<td>");
	if (*value) {
		html_lit(o, "<a class=\"filter\" href=\"");
		html_attr(o, rv->filter_href[k]);
		html_url_arg(o, value);
		html_lit(o, "\">");
		html_text(o, shown);
		html_lit(o, "</a>");
	}
	html_lit(o, "</td>");
}

/* A rating: the number, or a dash while unrated. */
static void value(struct strbuf *o, int v)
{
	if (v < 0)
		html_lit(o, "—");
	else
		html_long(o, v);
}

static void list_row(struct ctx *ctx, const struct row_view *rv,
		     const struct asset *a)
{
	struct strbuf *o = &ctx->resp->body;
	int m = asset_medium(a);
	size_t i;

	html_lit(o, "<tr>");
	if (rv->bulk) {
		html_lit(o, "<td><input type=\"checkbox\" form=\"bulk\" "
			    "name=\"id\" aria-label=\"");
		html_attr(o, a->name);
		html_lit(o, "\" value=\"");
		html_long(o, (long)a->id);
		html_lit(o, "\"></td>");
	}
	html_lit(o, "<td class=\"num\">");
	html_long(o, (long)a->id);
	html_lit(o, "</td>");
	filter_cell(o, rv, 0, a->category, a->category);
	html_lit(o, "<td><a href=\"/assets/");
	html_long(o, (long)a->id);
	html_lit(o, "\">");
	html_text(o, a->name);
	html_lit(o, "</a></td>");
	filter_cell(o, rv, 1, a->medium, m >= 0 ? rv->media[m] : a->medium);
	filter_cell(o, rv, 2, a->department, a->department);
	filter_cell(o, rv, 3, a->owner, a->owner);
	html_lit(o, "<td>");
	for (i = 0; i < ARRAY_SIZE(personal_names); i++) {
		if (!(a->personal & (1u << i)))
			continue;
		html_lit(o, "<span class=\"badge reg\" title=\"");
		html_attr(o, rv->badge_title[i]);
		html_lit(o, "\">");
		html_text(o, rv->badge[i]);
		html_lit(o, "</span> ");
	}
	html_lit(o, "</td><td class=\"cia\">");
	value(o, a->c);
	html_lit(o, " ");
	value(o, a->i);
	html_lit(o, " ");
	value(o, a->a);
	html_lit(o, "</td><td class=\"num\"><strong>");
	value(o, a->importance);
	html_lit(o, "</strong></td>");
	filter_cell(o, rv, 4, a->label, riskview_label(ctx, a->label));
	html_lit(o, "<td>");
	html_text(o, a->registered_on);
	html_lit(o, "</td><td class=\"num\">");
	if (a->risk_count) {
		html_lit(o, "<a href=\"/risks?asset=");
		html_long(o, (long)a->id);
		html_lit(o, "\">");
		html_long(o, a->risk_count);
		html_lit(o, "</a>");
	}
	html_lit(o, "</td></tr>");
}

/* The filter form: search, medium, importance, personal data, label. */
static void filter_form(struct ctx *ctx, const struct asset_query *q,
			const struct method_view *mv, const char **labels,
			size_t label_count)
{
	struct strbuf *o = &ctx->resp->body;
	const struct risk_scale *s = &mv->def->scales[SCALE_CIA];
	size_t i;
	int m;

	html_lit(o, "<form method=\"get\" action=\"/assets\" "
		    "class=\"filters\" role=\"search\"><input type=\"hidden\" "
		    "name=\"sort\" value=\"");
	html_attr(o, asset_sort_name(q->sort));
	html_lit(o, "\">");
	if (q->desc)
		html_hidden(o, "dir", "desc");
	for (i = 0; i < ARRAY_SIZE(text_filters); i++) {
		const char *name = text_filters[i].name;
		const char *v = *filter_ptr((struct asset_query *)q, i);

		/* Kept while the form changes the others. */
		if (v &&
		    (!strcmp(name, "category") || !strcmp(name, "department") ||
		     !strcmp(name, "owner")))
			html_hidden(o, name, v);
	}
	html_lit(o, "<label>");
	page_t(ctx, "list.search");
	html_lit(o, "<input type=\"search\" name=\"q\" value=\"");
	html_attr(o, q->search ? q->search : "");
	html_lit(o, "\"></label><label>");
	page_t(ctx, "asset.medium");
	html_lit(o, "<select name=\"medium\">");
	html_option(o, "", t(ctx, "list.any"), !q->medium);
	for (m = 0; m < MEDIUM_COUNT; m++) {
		const char *key = medium_name((enum medium)m);

		html_option(o, key, riskview_medium(ctx, key),
			    q->medium && !strcmp(q->medium, key));
	}
	if (q->medium && riskview_medium(ctx, q->medium) == q->medium)
		html_option(o, q->medium, q->medium, 1);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "asset.importance");
	html_lit(o, "<select name=\"importance\">");
	html_option(o, "", t(ctx, "list.any"), q->importance == IMPORTANCE_ANY);
	for (i = 0; i < s->count; i++)
		html_option(o,
			    arena_printf(&ctx->req->arena, "%d",
					 s->points[i].value),
			    text_get(&s->points[i].label, ctx->req->lang),
			    q->importance == s->points[i].value);
	html_option(o, "unrated", t(ctx, "risk.unrated"),
		    q->importance == RISK_UNRATED);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "asset.personal");
	html_lit(o, "<select name=\"personal\">");
	html_option(o, "", t(ctx, "list.any"), !q->personal);
	for (i = 0; i < ARRAY_SIZE(personal_names); i++)
		html_option(o, personal_names[i],
			    t(ctx, arena_printf(&ctx->req->arena,
						"asset.personal_%s",
						personal_names[i])),
			    q->personal == 1u << i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "asset.label");
	html_lit(o, "<select name=\"label\">");
	html_option(o, "", t(ctx, "list.any"), !q->label);
	for (i = 0; i < label_count; i++)
		html_option(o, labels[i], riskview_label(ctx, labels[i]),
			    q->label && !strcmp(q->label, labels[i]));
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "list.apply");
	html_lit(o, "</button></form>");
	/* The filters set by clicking a cell, each removable. */
	for (i = 0; i < ARRAY_SIZE(text_filters); i++) {
		const char *name = text_filters[i].name;
		const char *v = *filter_ptr((struct asset_query *)q, i);

		if (!v || (strcmp(name, "category") &&
			   strcmp(name, "department") && strcmp(name, "owner")))
			continue;
		html_lit(o, "<a class=\"chip\" href=\"");
		html_attr(o,
			  list_href(ctx, q, q->sort, q->desc, NULL, 0, name));
		html_lit(o, "\" title=\"");
		page_t(ctx, "list.remove_filter");
		html_lit(o, "\">");
		page_t(ctx, arena_printf(&ctx->req->arena, "asset.%s", name));
		html_lit(o, ": ");
		html_text(o, v);
		html_lit(o, " ✕</a> ");
	}
}

/* The fields a bulk edit may set, all plain text or a label. */
static const char *const bulk_fields[] = { "category", "department",   "owner",
					   "users",    "retention",    "medium",
					   "label",    "registered_on" };

static void bulk_form(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	/* Its CSRF token is added after the page's kept part (form=bulk). */
	html_lit(o, "<form id=\"bulk\" method=\"post\" action=\"/assets/bulk\" "
		    "class=\"filters bulk\">");
	html_lit(o, "<strong>");
	page_t(ctx, "asset.bulk_title");
	html_lit(o, "</strong><label>");
	page_t(ctx, "asset.bulk_field");
	html_lit(o, "<select name=\"field\">");
	for (i = 0; i < ARRAY_SIZE(bulk_fields); i++)
		html_option(o, bulk_fields[i],
			    t(ctx, arena_printf(&ctx->req->arena, "asset.%s",
						bulk_fields[i])),
			    i == 0);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "asset.bulk_value");
	html_lit(o, "<input name=\"value\"></label><button type=\"submit\">");
	page_t(ctx, "asset.bulk_apply");
	html_lit(o, "</button></form>");
}

static void pager(struct ctx *ctx, const struct asset_query *q,
		  const struct asset_page *p)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<nav class=\"pager\" aria-label=\"");
	page_t(ctx, "list.pages");
	html_lit(o, "\">");
	if (p->more_before && p->count) {
		html_lit(o, "<a href=\"");
		html_attr(o, list_href(ctx, q, q->sort, q->desc, NULL, 0, ""));
		html_lit(o, "\">");
		page_t(ctx, "list.first");
		html_lit(o, "</a> <a rel=\"prev\" href=\"");
		html_attr(o, list_href(ctx, q, q->sort, q->desc, "before",
				       p->rows[0].id, ""));
		html_lit(o, "\">");
		page_t(ctx, "list.prev");
		html_lit(o, "</a> ");
	}
	if (p->more_after && p->count) {
		html_lit(o, "<a rel=\"next\" href=\"");
		html_attr(o, list_href(ctx, q, q->sort, q->desc, "after",
				       p->rows[p->count - 1].id, ""));
		html_lit(o, "\">");
		page_t(ctx, "list.next");
		html_lit(o, "</a> <a href=\"");
		html_attr(o,
			  list_href(ctx, q, q->sort, q->desc, "before", 0, ""));
		html_lit(o, "\">");
		page_t(ctx, "list.last");
		html_lit(o, "</a>");
	}
	html_lit(o, "</nav>");
}

static void method_notice(struct ctx *ctx, const struct method_view *mv)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p class=\"notice\">");
	if (mv->open) {
		html_text(
			o,
			t1(ctx, "asset.method_is",
			   t(ctx,
			     arena_printf(&ctx->req->arena, "risk.method_%s",
					  risk_method_name(mv->def->method)))));
	} else {
		page_t(ctx, "asset.method_default");
	}
	html_lit(o, " <a href=\"/risks/method\">");
	page_t(ctx, "asset.method_link");
	html_lit(o, "</a></p>");
}

/* Everything of the list page below the header; 0, or -1 with err. */
static int assets_content(struct ctx *ctx, struct asset_query *q, int edit,
			  struct error *err)
{
	struct strbuf *o = &ctx->resp->body;
	struct asset_page page;
	struct method_view mv;
	struct row_view rv;
	const char **labels;
	size_t label_count, i;

	if (riskview_method(ctx, &mv, err) ||
	    riskview_labels(ctx, &labels, &label_count, err))
		return -1;
	q->assessment_id = mv.open ? mv.assessment.id : 0;
	if (repo_asset_list(ctx->store, &ctx->req->arena, org_of(ctx), q, &page,
			    err))
		return -1;
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "asset.lead");
	html_lit(o, "</p><p class=\"actions\">");
	if (edit) {
		html_lit(o,
			 "<a class=\"button primary\" href=\"/assets/new\">");
		page_t(ctx, "asset.add");
		html_lit(o,
			 "</a> <a class=\"button\" href=\"/assets/import\">");
		page_t(ctx, "asset.import");
		html_lit(o, "</a> ");
	}
	html_lit(o, "<a class=\"button\" href=\"/assets/export.xlsx\">");
	page_t(ctx, "asset.export_xlsx");
	html_lit(o, "</a> <a class=\"button\" href=\"/assets/export.csv\">");
	page_t(ctx, "asset.export_csv");
	html_lit(o, "</a> <a class=\"button\" "
		    "href=\"/assets/export.xlsx?layout=ipa\">");
	page_t(ctx, "asset.export_ipa");
	html_lit(o, "</a></p>");
	method_notice(ctx, &mv);
	filter_form(ctx, q, &mv, labels, label_count);
	html_lit(o, "<p class=\"count\">");
	html_text(o, t1(ctx,
			page.total_capped ? "list.count_capped" : "list.count",
			arena_printf(&ctx->req->arena, "%lld",
				     (long long)page.total)));
	html_lit(o, "</p>");
	if (!page.count) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, page.total ? "list.no_more" : "asset.empty");
		html_lit(o, "</p>");
	} else {
		html_lit(o, "<div class=\"scroll\"><table class=\"list "
			    "register\"><thead><tr>");
		if (edit) {
			html_lit(o, "<th scope=\"col\"><span class=\"sr\">");
			page_t(ctx, "asset.select");
			html_lit(o, "</span></th>");
		}
		sort_header(ctx, q, ASORT_ID, "asset.no");
		sort_header(ctx, q, ASORT_CATEGORY, "asset.category");
		sort_header(ctx, q, ASORT_NAME, "asset.name");
		sort_header(ctx, q, ASORT_MEDIUM, "asset.medium");
		sort_header(ctx, q, ASORT_DEPARTMENT, "asset.department");
		sort_header(ctx, q, ASORT_OWNER, "asset.owner");
		html_lit(o, "<th scope=\"col\">");
		page_t(ctx, "asset.personal");
		html_lit(o, "</th><th scope=\"col\" title=\"");
		page_t(ctx, "asset.cia_long");
		html_lit(o, "\">C I A</th>");
		sort_header(ctx, q, ASORT_IMPORTANCE, "asset.importance");
		sort_header(ctx, q, ASORT_LABEL, "asset.label");
		sort_header(ctx, q, ASORT_REGISTERED, "asset.registered_on");
		html_lit(o, "<th scope=\"col\">");
		page_t(ctx, "asset.risks");
		html_lit(o, "</th></tr></thead><tbody>");
		row_view_init(ctx, q, edit, &rv);
		for (i = 0; i < page.count; i++)
			list_row(ctx, &rv, &page.rows[i]);
		html_lit(o, "</tbody></table></div>");
	}
	pager(ctx, q, &page);
	if (edit && page.count)
		bulk_form(ctx);
	return 0;
}

void page_assets(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct asset_query q;
	int edit = may(ctx, PERM_EDIT);
	const char *key;
	size_t start;

	if (read_list_query(ctx, &q, &err)) {
		page_fail(ctx, &err);
		return;
	}
	key = pagecache_key(ctx, "assets");
	layout_begin(ctx, t(ctx, "asset.title"), NAV_ASSETS);
	start = o->len;
	if (!pagecache_get(key, o)) {
		if (assets_content(ctx, &q, edit, &err)) {
			page_fail(ctx, &err);
			return;
		}
		pagecache_put(key, o->buf + start, o->len - start);
	}
	/* The token is the session's, so it stays out of the part kept. */
	if (edit) {
		html_lit(o, "<input type=\"hidden\" form=\"bulk\" "
			    "name=\"csrf\" value=\"");
		html_attr(o, ctx->req->session->rec.csrf_token);
		html_lit(o, "\">");
	}
	layout_end(ctx);
}

/* ---- one asset: the form, the details, the history ---- */

static void empty_asset(struct ctx *ctx, struct asset *a)
{
	memset(a, 0, sizeof(*a));
	a->category = a->name = a->notes = a->users = a->owner = "";
	a->department = a->retention = a->label = "";
	a->medium = "office_pc";
	a->c = a->i = a->a = a->importance = RISK_UNRATED;
	a->registered_on = page_today(ctx);
}

static void text_field(struct ctx *ctx, const char *name, const char *value,
		       int required, const char *list)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"f-");
	html_attr(o, name);
	html_lit(o, "\">");
	page_t(ctx, arena_printf(&ctx->req->arena, "asset.%s", name));
	html_lit(o, "</label><input id=\"f-");
	html_attr(o, name);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\"");
	if (list) {
		html_lit(o, " list=\"");
		html_attr(o, list);
		html_lit(o, "\"");
	}
	if (required)
		html_lit(o, " required");
	html_lit(o, ">");
}

/* A <datalist> of the values the register already uses for column. */
static void datalist(struct ctx *ctx, enum asset_sort column, const char *id)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const char **values;
	size_t count, i;

	if (repo_asset_values(ctx->store, &ctx->req->arena, org_of(ctx), column,
			      &values, &count, &err))
		return; /* only a convenience: the form works without */
	html_lit(o, "<datalist id=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	for (i = 0; i < count; i++) {
		html_lit(o, "<option value=\"");
		html_attr(o, values[i]);
		html_lit(o, "\"></option>");
	}
	html_lit(o, "</datalist>");
}

static void cia_field(struct ctx *ctx, const struct method_view *mv,
		      const char *name, int value)
{
	struct strbuf *o = &ctx->resp->body;
	const char *id = arena_printf(&ctx->req->arena, "f-%s", name);

	html_lit(o, "<label for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	page_t(ctx, arena_printf(&ctx->req->arena, "asset.%s", name));
	html_lit(o, "</label>");
	riskview_scale_select(ctx, mv, SCALE_CIA, name, id, value, 1);
}

static void asset_form(struct ctx *ctx, const struct asset *a,
		       const char *action, const struct method_view *mv,
		       const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const char **labels;
	size_t label_count = 0, i;
	int m, own_medium = 1;

	if (riskview_labels(ctx, &labels, &label_count, &err))
		label_count = 0;
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"");
	html_attr(o, action);
	html_lit(o, "\" class=\"stack asset-form\">");
	page_csrf_field(ctx);
	text_field(ctx, "name", a->name, 1, NULL);
	text_field(ctx, "category", a->category, 0, "dl-category");
	datalist(ctx, ASORT_CATEGORY, "dl-category");
	html_lit(o, "<label for=\"f-medium\">");
	page_t(ctx, "asset.medium");
	html_lit(o, "</label><select id=\"f-medium\" name=\"medium\">");
	for (m = 0; m < MEDIUM_COUNT; m++) {
		const char *key = medium_name((enum medium)m);

		if (!strcmp(key, a->medium))
			own_medium = 0;
		html_option(o, key, riskview_medium(ctx, key),
			    !strcmp(key, a->medium));
	}
	html_option(o, "", t(ctx, "asset.medium_own"), 0);
	html_lit(o, "</select><label for=\"f-medium_own\">");
	page_t(ctx, "asset.medium_own");
	html_lit(o, "</label><input id=\"f-medium_own\" name=\"medium_own\" "
		    "value=\"");
	html_attr(o, own_medium ? a->medium : "");
	html_lit(o, "\" placeholder=\"");
	page_t(ctx, "asset.medium_own_hint");
	html_lit(o, "\">");
	html_lit(o, "<label for=\"f-notes\">");
	page_t(ctx, "asset.notes");
	html_lit(o, "</label><textarea id=\"f-notes\" name=\"notes\" "
		    "rows=\"3\">");
	html_text(o, a->notes);
	html_lit(o, "</textarea>");
	text_field(ctx, "users", a->users, 0, NULL);
	text_field(ctx, "department", a->department, 0, "dl-department");
	datalist(ctx, ASORT_DEPARTMENT, "dl-department");
	text_field(ctx, "owner", a->owner, 0, "dl-owner");
	datalist(ctx, ASORT_OWNER, "dl-owner");
	html_lit(o, "<fieldset class=\"choices\"><legend>");
	page_t(ctx, "asset.personal");
	html_lit(o, "</legend>");
	for (i = 0; i < ARRAY_SIZE(personal_names); i++) {
		html_lit(o, "<label><input type=\"checkbox\" name=\"personal\" "
			    "value=\"");
		html_attr(o, personal_names[i]);
		html_lit(o, "\"");
		if (a->personal & (1u << i))
			html_lit(o, " checked");
		html_lit(o, "> ");
		page_t(ctx, arena_printf(&ctx->req->arena, "asset.personal_%s",
					 personal_names[i]));
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset><fieldset class=\"cia\"><legend>");
	page_t(ctx, "asset.rating");
	html_lit(o, "</legend><p class=\"small\">");
	page_t(ctx, "asset.rating_help");
	html_lit(o, "</p>");
	cia_field(ctx, mv, "c", a->c);
	cia_field(ctx, mv, "i", a->i);
	cia_field(ctx, mv, "a", a->a);
	html_lit(o, "<details><summary>");
	page_t(ctx, "asset.scale_meaning");
	html_lit(o, "</summary><dl class=\"facts\">");
	for (i = 0; i < mv->def->scales[SCALE_CIA].count; i++) {
		const struct risk_scale_point *p =
			&mv->def->scales[SCALE_CIA].points[i];

		html_lit(o, "<dt>");
		html_text(o, text_get(&p->label, ctx->req->lang));
		html_lit(o, "</dt><dd>");
		html_text(o, text_get(&p->meaning, ctx->req->lang));
		html_lit(o, "</dd>");
	}
	html_lit(o, "</dl></details></fieldset>");
	text_field(ctx, "retention", a->retention, 0, NULL);
	html_lit(o, "<label for=\"f-registered_on\">");
	page_t(ctx, "asset.registered_on");
	html_lit(o, "</label><input type=\"date\" id=\"f-registered_on\" "
		    "name=\"registered_on\" required value=\"");
	html_attr(o, a->registered_on);
	html_lit(o, "\"><label for=\"f-label\">");
	page_t(ctx, "asset.label");
	html_lit(o, "</label><select id=\"f-label\" name=\"label\">");
	html_option(o, "", t(ctx, "asset.label_none"), !*a->label);
	for (i = 0; i < label_count; i++)
		html_option(o, labels[i], riskview_label(ctx, labels[i]),
			    !strcmp(labels[i], a->label));
	html_lit(o, "</select><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.save");
	html_lit(o, "</button></form>");
}

/* A rating field: "" is unrated, else a number the method checks. */
static int read_rating(struct ctx *ctx, const char *name, int *out,
		       struct error *err)
{
	const char *v = request_form(ctx->req, name);

	if (!v || !*v) {
		*out = RISK_UNRATED;
		return 0;
	}
	if (parse_int(v, 0, 9, out))
		return error_set(err, ERROR_INPUT, "risk.bad_rating",
				 arena_printf(&ctx->req->arena, "asset.%s",
					      name),
				 v, NULL);
	return 0;
}

/* Reads the asset form into a and checks it against the method. */
static int read_asset(struct ctx *ctx, const struct method_view *mv,
		      struct asset *a, struct error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "name", offsetof(struct asset, name) },
		{ "category", offsetof(struct asset, category) },
		{ "notes", offsetof(struct asset, notes) },
		{ "users", offsetof(struct asset, users) },
		{ "department", offsetof(struct asset, department) },
		{ "owner", offsetof(struct asset, owner) },
		{ "retention", offsetof(struct asset, retention) },
		{ "registered_on", offsetof(struct asset, registered_on) },
		{ "label", offsetof(struct asset, label) },
	};
	const char *medium = request_form(ctx->req, "medium");
	const char *own = request_form(ctx->req, "medium_own");
	const char **labels;
	size_t label_count, i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *v = request_form(ctx->req, texts[i].name);

		*(const char **)((char *)a + texts[i].offset) = v ? v : "";
	}
	/* Browsers send a textarea's line breaks as CR LF; keep LF. */
	if (strchr(a->notes, '\r')) {
		char *n = arena_strdup(&ctx->req->arena, a->notes), *w = n;
		const char *r;

		for (r = n; *r; r++)
			if (*r != '\r' || r[1] != '\n')
				*w++ = *r;
		*w = '\0';
		a->notes = n;
	}
	/* The organisation's own word wins when the list says "other". */
	a->medium = own && *own && (!medium || !*medium) ? own
		    : medium				 ? medium
							 : "";
	a->personal = 0;
	for (i = 0; i < ctx->req->form_count; i++) {
		const struct param *p = &ctx->req->form[i];
		int k;

		if (strcmp(p->name, "personal"))
			continue;
		k = parse_name(personal_names, ARRAY_SIZE(personal_names),
			       p->value);
		if (k < 0)
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "asset.personal", p->value, NULL);
		a->personal |= 1u << k;
	}
	if (read_rating(ctx, "c", &a->c, err) ||
	    read_rating(ctx, "i", &a->i, err) ||
	    read_rating(ctx, "a", &a->a, err) ||
	    riskview_labels(ctx, &labels, &label_count, err))
		return -1;
	return asset_validate(a, mv->def, labels, label_count, err);
}

void page_asset_new(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct asset a;
	const char *copy = request_query(ctx->req, "copy");
	long id;

	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	empty_asset(ctx, &a);
	/* A copy: the same information, usually on another medium. */
	if (copy && *copy) {
		int found;

		if (parse_long(copy, 1, INT32_MAX, &id)) {
			page_error(ctx, 404, "asset.not_found");
			return;
		}
		found = repo_asset_get(ctx->store, &ctx->req->arena,
				       org_of(ctx), id, &a, &err);
		if (found <= 0) {
			if (!found)
				page_error(ctx, 404, "asset.not_found");
			else
				page_fail(ctx, &err);
			return;
		}
		a.id = 0;
		a.registered_on = page_today(ctx);
	}
	layout_begin(ctx, t(ctx, "asset.add"), NAV_ASSETS);
	html_lit(o, "<p><a href=\"/assets\">");
	page_t(ctx, "asset.back");
	html_lit(o, "</a></p>");
	if (copy && *copy) {
		html_lit(o, "<p class=\"notice\">");
		page_t(ctx, "asset.copy_help");
		html_lit(o, "</p>");
	}
	asset_form(ctx, &a, "/assets", &mv, NULL);
	layout_end(ctx);
}

/* Puts a with its audit event (the changed fields before and after),
 * inside the caller's transaction. */
static int put_audited(struct ctx *ctx, const struct asset *old,
		       struct asset *a, const char *action, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	int rc;

	rc = repo_asset_put(ctx->store, org_of(ctx), a, ctx->req->now, err);
	if (!rc) {
		asset_changes(old, a, &before, &after);
		rc = page_audit(ctx, action,
				arena_printf(&ctx->req->arena, "asset:%lld",
					     (long long)a->id),
				before.buf, after.buf, err);
	}
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/*
 * Fails with ERROR_CONFLICT when a new assessment with another method
 * started since mv was read (inside the transaction, so it cannot happen
 * again before the write): a rating on the old scale would be wrong.
 */
static int method_unchanged(struct ctx *ctx, const struct method_view *mv,
			    struct error *err)
{
	struct method_view now;

	if (riskview_method(ctx, &now, err))
		return -1;
	if (now.def->method != mv->def->method)
		return error_set(err, ERROR_CONFLICT, "api.method_changed",
				 NULL);
	return 0;
}

static int save_asset(struct ctx *ctx, const struct method_view *mv,
		      const struct asset *old, struct asset *a,
		      const char *action, struct error *err)
{
	if (store_begin(ctx->store, err))
		return -1;
	if (method_unchanged(ctx, mv, err) ||
	    put_audited(ctx, old, a, action, err) ||
	    store_commit(ctx->store, err)) {
		store_rollback(ctx->store);
		return -1;
	}
	return 0;
}

static void form_error_page(struct ctx *ctx, const struct asset *a,
			    const char *action, const struct method_view *mv,
			    const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;

	i18n_error_text(ctx, err, &msg);
	ctx->resp->status = 400;
	layout_begin(ctx, t(ctx, a->id ? "asset.edit" : "asset.add"),
		     NAV_ASSETS);
	asset_form(ctx, a, action, mv, msg.buf);
	layout_end(ctx);
	strbuf_release(&msg);
}

void page_asset_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct asset a;

	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	empty_asset(ctx, &a);
	if (read_asset(ctx, &mv, &a, &err)) {
		if (err.code != ERROR_INPUT) {
			page_fail(ctx, &err);
			return;
		}
		form_error_page(ctx, &a, "/assets", &mv, &err);
		return;
	}
	if (save_asset(ctx, &mv, NULL, &a, "asset.create", &err)) {
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/assets/%lld",
				       (long long)a.id));
}

/* Loads the asset of the route; 0, or -1 after answering. */
static int load_asset(struct ctx *ctx, struct asset *a)
{
	struct error err = ERROR_INIT;
	int64_t id;
	int found;

	if (page_route_id(ctx, "asset.not_found", &id))
		return -1;
	found = repo_asset_get(ctx->store, &ctx->req->arena, org_of(ctx), id, a,
			       &err);
	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "asset.not_found");
	return found == 1 ? 0 : -1;
}

static void facts_row(struct ctx *ctx, const char *key, const char *value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dt>");
	page_t(ctx, key);
	html_lit(o, "</dt><dd>");
	html_text(o, *value ? value : "—");
	html_lit(o, "</dd>");
}

static void asset_facts(struct ctx *ctx, const struct asset *a)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<dl class=\"facts\">");
	facts_row(ctx, "asset.category", a->category);
	facts_row(ctx, "asset.medium", riskview_medium(ctx, a->medium));
	facts_row(ctx, "asset.notes", a->notes);
	facts_row(ctx, "asset.users", a->users);
	facts_row(ctx, "asset.department", a->department);
	facts_row(ctx, "asset.owner", a->owner);
	html_lit(o, "<dt>");
	page_t(ctx, "asset.personal");
	html_lit(o, "</dt><dd>");
	if (!a->personal)
		html_lit(o, "—");
	for (i = 0; i < ARRAY_SIZE(personal_names); i++)
		if (a->personal & (1u << i)) {
			page_t(ctx, arena_printf(&ctx->req->arena,
						 "asset.personal_%s",
						 personal_names[i]));
			html_lit(o, " ");
		}
	html_lit(o, "</dd>");
	facts_row(ctx, "asset.c", riskview_value(ctx, a->c));
	facts_row(ctx, "asset.i", riskview_value(ctx, a->i));
	facts_row(ctx, "asset.a", riskview_value(ctx, a->a));
	facts_row(ctx, "asset.importance", riskview_value(ctx, a->importance));
	facts_row(ctx, "asset.retention", a->retention);
	facts_row(ctx, "asset.registered_on", a->registered_on);
	facts_row(ctx, "asset.label", riskview_label(ctx, a->label));
	html_lit(o, "</dl>");
}

static void time_text(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char buf[32];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	html_text(&ctx->resp->body, buf);
}

/* The asset's history: every event of the audit trail about it. */
static void history(struct ctx *ctx, const struct asset *a)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct audit_event *ev;
	size_t count, i;

	if (repo_audit_target(ctx->store, &ctx->req->arena, org_of(ctx),
			      arena_printf(&ctx->req->arena, "asset:%lld",
					   (long long)a->id),
			      100, &ev, &count, &err))
		return;
	html_lit(o, "<h2>");
	page_t(ctx, "asset.history");
	html_lit(o, "</h2><table class=\"list history\"><thead><tr><th "
		    "scope=\"col\">");
	page_t(ctx, "audit.when");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.actor");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "audit.action");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.before");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.after");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		html_lit(o, "<tr><td>");
		time_text(ctx, ev[i].at);
		html_lit(o, "</td><td>");
		html_text(o, ev[i].actor);
		html_lit(o, "</td><td>");
		page_t(ctx, arena_printf(&ctx->req->arena, "action.%s",
					 ev[i].action));
		html_lit(o, "</td><td><pre>");
		html_text(o, ev[i].before);
		html_lit(o, "</pre></td><td><pre>");
		html_text(o, ev[i].after);
		html_lit(o, "</pre></td></tr>");
	}
	html_lit(o, "</tbody></table>");
}

/* The risks of the asset in the open assessment. */
static void asset_risks(struct ctx *ctx, const struct asset *a,
			const struct method_view *mv)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct risk_query q;
	struct risk_page page;
	size_t i;

	html_lit(o, "<h2>");
	page_t(ctx, "asset.risks_title");
	html_lit(o, "</h2>");
	if (!mv->open) {
		html_lit(o, "<p><a href=\"/risks/method\">");
		page_t(ctx, "risk.choose_method_first");
		html_lit(o, "</a></p>");
		return;
	}
	memset(&q, 0, sizeof(q));
	q.assessment_id = mv->assessment.id;
	q.sort = RSORT_LEVEL;
	q.desc = 1;
	q.limit = 200;
	q.asset_id = a->id;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	if (repo_risk_list(ctx->store, &ctx->req->arena, org_of(ctx), &q, &page,
			   &err))
		return;
	if (page.count) {
		html_lit(o, "<table class=\"list\"><thead><tr><th "
			    "scope=\"col\">");
		page_t(ctx, "risk.threat");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.vulnerability");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "risk.level");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < page.count; i++) {
			const struct risk *r = &page.rows[i];

			html_lit(o, "<tr><td><a href=\"/risks/");
			html_long(o, (long)r->id);
			html_lit(o, "\">");
			html_text(o, riskview_threat(ctx, r));
			html_lit(o, "</a></td><td>");
			html_text(o, riskview_vulnerability(ctx, r));
			html_lit(o, "</td><td>");
			html_text(o, riskview_value(ctx, r->level));
			html_lit(o, " ");
			riskview_grade(ctx, mv, r->level);
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table>");
	}
	if (may(ctx, PERM_EDIT)) {
		html_lit(o, "<p><a class=\"button\" href=\"/risks/new?asset=");
		html_long(o, (long)a->id);
		html_lit(o, "\">");
		page_t(ctx, "asset.identify_risks");
		html_lit(o, "</a></p>");
	}
}

void page_asset_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct asset a;
	const char *action;

	if (load_asset(ctx, &a))
		return;
	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, a.name, NAV_ASSETS);
	html_lit(o, "<p><a href=\"/assets\">");
	page_t(ctx, "asset.back");
	html_lit(o, "</a></p>");
	asset_facts(ctx, &a);
	asset_risks(ctx, &a, &mv);
	if (may(ctx, PERM_EDIT)) {
		action = arena_printf(&ctx->req->arena, "/assets/%lld",
				      (long long)a.id);
		html_lit(o, "<h2>");
		page_t(ctx, "asset.edit");
		html_lit(o, "</h2>");
		asset_form(ctx, &a, action, &mv, NULL);
		html_lit(o, "<p class=\"actions\"><a class=\"button\" "
			    "href=\"/assets/new?copy=");
		html_long(o, (long)a.id);
		html_lit(o, "\">");
		page_t(ctx, "asset.copy");
		html_lit(o, "</a></p><form method=\"post\" action=\"");
		html_attr(o, action);
		html_lit(o, "/delete\" class=\"inline\">");
		page_csrf_field(ctx);
		html_lit(o, "<button type=\"submit\" class=\"danger\">");
		page_t(ctx, "asset.delete");
		html_lit(o, "</button> <small>");
		page_t(ctx, "asset.delete_help");
		html_lit(o, "</small></form>");
	}
	history(ctx, &a);
	layout_end(ctx);
}

void page_asset_update(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct asset old, a;

	if (load_asset(ctx, &old))
		return;
	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	a = old;
	if (read_asset(ctx, &mv, &a, &err)) {
		if (err.code != ERROR_INPUT) {
			page_fail(ctx, &err);
			return;
		}
		form_error_page(ctx, &a,
				arena_printf(&ctx->req->arena, "/assets/%lld",
					     (long long)a.id),
				&mv, &err);
		return;
	}
	if (save_asset(ctx, &mv, &old, &a, "asset.update", &err)) {
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/assets/%lld",
				       (long long)a.id));
}

void page_asset_delete(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct asset a;

	if (load_asset(ctx, &a))
		return;
	if (store_begin(ctx->store, &err) ||
	    repo_asset_delete(ctx->store, org_of(ctx), a.id, ctx->req->now,
			      &err) < 0 ||
	    page_audit(ctx, "asset.delete",
		       arena_printf(&ctx->req->arena, "asset:%lld",
				    (long long)a.id),
		       a.name, "", &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/assets");
}

/* Sets one field of a copy of a to value; -1 with err when not allowed. */
static int bulk_set(struct asset *a, const char *field, const char *value,
		    struct error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} map[] = {
		{ "category", offsetof(struct asset, category) },
		{ "department", offsetof(struct asset, department) },
		{ "owner", offsetof(struct asset, owner) },
		{ "users", offsetof(struct asset, users) },
		{ "retention", offsetof(struct asset, retention) },
		{ "medium", offsetof(struct asset, medium) },
		{ "label", offsetof(struct asset, label) },
		{ "registered_on", offsetof(struct asset, registered_on) },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(map[i].name, field)) {
			*(const char **)((char *)a + map[i].offset) = value;
			return 0;
		}
	return error_set(err, ERROR_INPUT, "input.bad_choice",
			 "asset.bulk_field", field, NULL);
}

void page_asset_bulk(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct method_view mv;
	const char *field = request_form(ctx->req, "field");
	const char *value = request_form(ctx->req, "value");
	const char **labels;
	size_t label_count, i, n = 0;

	if (riskview_method(ctx, &mv, &err) ||
	    riskview_labels(ctx, &labels, &label_count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (!field || !value) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	/* Every selected asset, or none: one transaction. */
	if (store_begin(ctx->store, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (method_unchanged(ctx, &mv, &err))
		goto fail;
	for (i = 0; i < ctx->req->form_count; i++) {
		const struct param *p = &ctx->req->form[i];
		struct asset old, a;
		long id;
		int found;

		if (strcmp(p->name, "id"))
			continue;
		if (parse_long(p->value, 1, INT32_MAX, &id)) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "asset.no", p->value, NULL);
			goto fail;
		}
		found = repo_asset_get(ctx->store, &ctx->req->arena,
				       org_of(ctx), id, &old, &err);
		if (found < 0)
			goto fail;
		if (!found) {
			error_set(&err, ERROR_NOT_FOUND, "asset.not_found",
				  NULL);
			goto fail;
		}
		a = old;
		if (bulk_set(&a, field, value, &err) ||
		    asset_validate(&a, mv.def, labels, label_count, &err) ||
		    put_audited(ctx, &old, &a, "asset.update", &err))
			goto fail;
		n++;
	}
	if (store_commit(ctx->store, &err))
		goto fail;
	response_redirect(ctx->resp, arena_printf(&ctx->req->arena,
						  "/assets?updated=%zu", n));
	return;
fail:
	store_rollback(ctx->store);
	page_fail(ctx, &err);
}

/* ---- the organisation's classification labels ---- */

static void labels_page(struct ctx *ctx, const char *text,
			const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;

	layout_begin(ctx, t(ctx, "asset.labels_title"), NAV_ASSETS);
	html_lit(o, "<p><a href=\"/assets\">");
	page_t(ctx, "asset.back");
	html_lit(o, "</a></p><p class=\"lead\">");
	page_t(ctx, "asset.labels_lead");
	html_lit(o, "</p>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"/assets/labels\" "
		    "class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"f-labels\">");
	page_t(ctx, "asset.labels_field");
	html_lit(o, "</label><textarea id=\"f-labels\" name=\"labels\" "
		    "rows=\"6\">");
	html_text(o, text);
	html_lit(o, "</textarea><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.save");
	html_lit(o, "</button></form>");
	layout_end(ctx);
}

void page_asset_labels(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf text = STRBUF_INIT;
	const char **labels;
	size_t count, i;

	if (riskview_labels(ctx, &labels, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	/* Built-in labels are listed in the reader's language; saved, they
	 * become the organisation's own words. */
	for (i = 0; i < count; i++)
		strbuf_addf(&text, "%s\n", riskview_label(ctx, labels[i]));
	labels_page(ctx, text.buf, NULL);
	strbuf_release(&text);
}

/*
 * A built-in label named in either language stays the built-in one (its
 * id), so assets that carry it keep it and it still shows translated.
 */
static const char *builtin_label(struct ctx *ctx, const char *text)
{
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	for (i = 0; i < cat->label_count; i++) {
		const struct classification_label *l = &cat->labels[i];

		if (!strcmp(text, l->id) || !strcmp(text, l->label.ja) ||
		    !strcmp(text, l->label.en))
			return l->id;
	}
	return text;
}

/* Splits the textarea into at most 20 distinct, checked labels. */
static int read_labels(struct ctx *ctx, const char *text, const char ***out,
		       size_t *count, struct error *err)
{
	const char **labels =
		arena_calloc(&ctx->req->arena, 21, sizeof(*labels));
	size_t n = 0, k;
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\r\n");
		char *line = arena_memdupz(&ctx->req->arena, p, len);

		p += len;
		while (*p == '\r' || *p == '\n')
			p++;
		while (*line == ' ')
			line++;
		len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		if (!len)
			continue;
		if (n == 20)
			return error_set(err, ERROR_INPUT, "asset.labels_many",
					 NULL);
		if (validate_text("asset.label", line, 1, 50, err))
			return -1;
		line = (char *)builtin_label(ctx, line);
		for (k = 0; k < n; k++)
			if (!strcmp(labels[k], line))
				return error_set(err, ERROR_INPUT,
						 "asset.labels_twice", line,
						 NULL);
		labels[n++] = line;
	}
	*out = labels;
	*count = n;
	return 0;
}

/* Fails when a live asset still carries a label that would go away. */
static int labels_in_use(struct ctx *ctx, const char **old, size_t old_count,
			 const char **keep, size_t keep_count,
			 struct error *err)
{
	size_t i, k;

	for (i = 0; i < old_count; i++) {
		struct asset_query q;
		struct asset_page page;

		for (k = 0; k < keep_count; k++)
			if (!strcmp(old[i], keep[k]))
				break;
		if (k < keep_count)
			continue;
		memset(&q, 0, sizeof(q));
		q.importance = IMPORTANCE_ANY;
		q.limit = 1;
		q.label = old[i];
		if (repo_asset_list(ctx->store, &ctx->req->arena, org_of(ctx),
				    &q, &page, err))
			return -1;
		if (page.count)
			return error_set(err, ERROR_INPUT, "asset.label_in_use",
					 riskview_label(ctx, old[i]), NULL);
	}
	return 0;
}

void page_asset_labels_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *text = request_form(ctx->req, "labels");
	const char **old, **labels = NULL;
	size_t old_count, count = 0;

	if (!text) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (riskview_labels(ctx, &old, &old_count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (read_labels(ctx, text, &labels, &count, &err) ||
	    labels_in_use(ctx, old, old_count, labels, count, &err)) {
		struct strbuf msg = STRBUF_INIT;

		if (err.code != ERROR_INPUT) {
			page_fail(ctx, &err);
			return;
		}
		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		labels_page(ctx, text, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_label_set(ctx->store, org_of(ctx), labels, count, &err) ||
	    page_audit(ctx, "asset.labels", "labels", "", text, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/assets");
}
