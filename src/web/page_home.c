/*
 * page_home.c: the home page: where the organisation stands (the
 * dashboard, for whoever may read the registers) and the path ahead.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/permission.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/backupview.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"
#include "web/svg.h"

/* How many dated items the home page lists before "all of them". */
enum { DUE_SHOWN = 8 };

static const char *num(struct ctx *ctx, long v)
{
	return arena_printf(&ctx->req->arena, "%ld", v);
}

static const char *t2(struct ctx *ctx, const char *key, const char *a,
		      const char *b)
{
	const char *args[2] = { a, b };

	return tn(ctx, key, args, 2);
}

/* One step of the path: number, title, what it gives, and a link. */
static void step(struct ctx *ctx, const char *level, const char *title_key,
		 const char *text_key, const char *href)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li class=\"step\"><span class=\"level\">");
	html_text(o, level);
	html_lit(o, "</span><div><h3><a href=\"");
	html_attr(o, href);
	html_lit(o, "\">");
	page_t(ctx, title_key);
	html_lit(o, "</a></h3><p>");
	page_t(ctx, text_key);
	html_lit(o, "</p></div></li>");
}

static void path(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<section aria-labelledby=\"path\"><h2 id=\"path\">");
	page_t(ctx, "home.path");
	html_lit(o, "</h2><ol class=\"path\">");
	step(ctx, "LV1", "home.lv1", "home.lv1_text", "/start");
	step(ctx, "LV2", "home.lv2", "home.lv2_text", "/checklist");
	step(ctx, "LV3", "home.lv3", "home.lv3_text", "/soa");
	html_lit(o, "</ol></section>");
}

/*
 * A figure card: the number (or word) big, what it counts under it, and
 * a line of detail; the whole card links to the list behind it.
 */
static void card(struct ctx *ctx, const char *href, const char *value,
		 const char *label, const char *detail, const char *cls)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<a class=\"figure");
	if (cls) {
		html_lit(o, " ");
		html_attr(o, cls);
	}
	html_lit(o, "\" href=\"");
	html_attr(o, href);
	html_lit(o, "\"><strong>");
	html_text(o, value);
	html_lit(o, "</strong><span>");
	html_text(o, label);
	html_lit(o, "</span>");
	if (detail && *detail) {
		html_lit(o, "<small>");
		html_text(o, detail);
		html_lit(o, "</small>");
	}
	html_lit(o, "</a>");
}

static void diagnosis_card(struct ctx *ctx, const struct dashboard *d)
{
	const char *detail = d->band ? text_get(&d->band->label, ctx->req->lang)
				     : "";

	if (d->trend_count >= 2) {
		long delta = d->trend[d->trend_count - 1].total -
			     d->trend[d->trend_count - 2].total;

		detail = t2(ctx, "dash.diagnosis_delta", detail,
			    arena_printf(&ctx->req->arena, "%+ld", delta));
	}
	if (d->diagnosis_units)
		card(ctx, "/diagnosis",
		     t1(ctx, "dash.points", num(ctx, d->score.total)),
		     t(ctx, "dash.diagnosis"), detail, NULL);
	else
		card(ctx, "/diagnosis", t(ctx, "dash.none_yet"),
		     t(ctx, "dash.diagnosis"), t(ctx, "dash.diagnosis_start"),
		     "todo");
}

static void figures(struct ctx *ctx, const struct dashboard *d)
{
	struct arena *a = &ctx->req->arena;
	const struct risk_method_def *def =
		catalog_method(ctx->app->cat, d->method);
	const struct soa_progress *s = &d->soa;
	const char *stars = d->sa.two_star ? "★★" : d->sa.one_star ? "★" : "—";

	html_lit(&ctx->resp->body, "<div class=\"figures dash-figures\">");
	diagnosis_card(ctx, d);
	card(ctx, "/start", stars, t(ctx, "dash.security_action"),
	     t2(ctx, "dash.five_committed", num(ctx, d->five_committed), "5"),
	     d->sa.one_star || d->sa.two_star ? NULL : "todo");
	card(ctx, "/checklist",
	     d->coverage_percent < 0
		     ? "—"
		     : arena_printf(a, "%d%%", d->coverage_percent),
	     t1(ctx, "dash.checklist", num(ctx, d->level)),
	     tn(ctx, "dash.checklist_detail",
		(const char *const[]){ num(ctx, d->coverage.items),
				       num(ctx, d->coverage.done),
				       num(ctx, d->coverage.partly) },
		3),
	     NULL);
	card(ctx, "/soa",
	     s->started
		     ? arena_printf(a, "%d / %d", s->by_status[SOA_IMPLEMENTED],
				    s->applicable)
		     : t(ctx, "dash.none_yet"),
	     t(ctx, "dash.soa"),
	     s->version_no
		     ? t1(ctx, "dash.soa_version",
			  num(ctx, (long)s->version_no))
		     : t1(ctx, "dash.soa_undecided",
			  num(ctx,
			      s->started ? s->undecided
					 : (long)ctx->app->cat->control_count)),
	     s->started ? NULL : "todo");
	card(ctx, "/risks?grade=high#risk-list",
	     num(ctx, (long)d->by_grade[GRADE_HIGH]),
	     t1(ctx, "dash.high_risks",
		text_get(&def->grades[GRADE_HIGH].label, ctx->req->lang)),
	     t1(ctx, "dash.risks_detail", num(ctx, (long)d->risks)),
	     d->by_grade[GRADE_HIGH] ? "warn" : NULL);
	card(ctx, "/plan?due=overdue", num(ctx, (long)d->overdue_tasks),
	     t(ctx, "dash.overdue"), NULL, d->overdue_tasks ? "bad" : NULL);
	card(ctx, "#due", num(ctx, (long)d->soon), t(ctx, "dash.soon"),
	     t1(ctx, "dash.soon_detail", num(ctx, DASHBOARD_SOON_DAYS)), NULL);
	html_lit(&ctx->resp->body, "</div>");
}

/* The checklist's coverage per domain, as bars and as a table. */
static void coverage_card(struct ctx *ctx, const struct dashboard *d)
{
	struct strbuf *o = &ctx->resp->body;
	struct arena *a = &ctx->req->arena;
	struct svg_hbar bars[DOMAIN_COUNT];
	size_t dom[DOMAIN_COUNT];
	size_t n = 0, i;
	const char *title = t1(ctx, "dash.coverage_title", num(ctx, d->level));

	for (i = 0; i < DOMAIN_COUNT; i++) {
		const char *name =
			guideline_domain_name((enum guideline_domain)i);
		int items = d->coverage.domain[i].items;
		int pc = checklist_percent(d->coverage.domain[i].done,
					   d->coverage.domain[i].partly, items);

		if (items <= 0)
			continue;
		dom[n] = i;
		bars[n].label = t(ctx, arena_printf(a, "domain.%s", name));
		/* Half steps: partly done counts one half. */
		bars[n].value = 2L * d->coverage.domain[i].done +
				d->coverage.domain[i].partly;
		bars[n].max = 2L * items;
		bars[n].text = pc < 0 ? "—" : arena_printf(a, "%d%%", pc);
		bars[n].href = arena_printf(a, "/checklist?domain=%s", name);
		n++;
	}
	html_lit(o, "<section class=\"card\" aria-labelledby=\"cov\">"
		    "<h2 id=\"cov\">");
	html_text(o, title);
	html_lit(o, "</h2>");
	if (!n) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "dash.coverage_empty");
		html_lit(o, "</p></section>");
		return;
	}
	svg_hbars(o, title, bars, n);
	html_lit(o, "<details><summary>");
	page_t(ctx, "dash.as_table");
	html_lit(o, "</summary><table class=\"list compact\"><thead><tr><th "
		    "scope=\"col\">");
	page_t(ctx, "col.domain");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "dash.items");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "dash.done");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "dash.partly");
	html_lit(o, "</th><th scope=\"col\">%</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_lit(o, "<tr><th scope=\"row\"><a href=\"");
		html_attr(o, bars[i].href);
		html_lit(o, "\">");
		html_text(o, bars[i].label);
		html_lit(o, "</a></th><td>");
		html_long(o, d->coverage.domain[dom[i]].items);
		html_lit(o, "</td><td>");
		html_long(o, d->coverage.domain[dom[i]].done);
		html_lit(o, "</td><td>");
		html_long(o, d->coverage.domain[dom[i]].partly);
		html_lit(o, "</td><td>");
		html_text(o, bars[i].text);
		html_lit(o, "</td></tr>");
	}
	html_lit(o,
		 "</tbody></table></details><p><a href=\"/checklist/gaps\">");
	page_t(ctx, "dash.gaps_link");
	html_lit(o, "</a></p></section>");
}

/* The statement's entries by where they stand, with the counts in words. */
static void soa_card(struct ctx *ctx, const struct dashboard *d)
{
	static const struct {
		const char *key, *cls, *href;
	} parts[] = {
		{ "dash.soa_implemented", "s-done", "/soa?status=implemented" },
		{ "dash.soa_partly", "s-part", "/soa?status=partly" },
		{ "dash.soa_not_implemented", "s-todo",
		  "/soa?status=not_implemented" },
		{ "dash.soa_excluded", "s-out", "/soa?applicable=no" },
		{ "dash.soa_open", "s-open", "/soa?applicable=undecided" },
	};
	struct strbuf *o = &ctx->resp->body;
	const struct soa_progress *s = &d->soa;
	struct svg_segment seg[ARRAY_SIZE(parts)];
	long total = (long)ctx->app->cat->control_count;
	size_t i;

	/* Implemented, partly and not implemented count the applicable
	 * controls; the undecided part is what is left of the 93. */
	seg[0].value = s->by_status[SOA_IMPLEMENTED];
	seg[1].value = s->by_status[SOA_PARTLY];
	seg[2].value = s->applicable - seg[0].value - seg[1].value;
	if (seg[2].value < 0)
		seg[2].value = 0;
	seg[3].value = s->excluded;
	seg[4].value = s->started ? s->undecided : total;
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		seg[i].cls = parts[i].cls;
		seg[i].label = t(ctx, parts[i].key);
	}
	html_lit(o, "<section class=\"card\" aria-labelledby=\"soa\">"
		    "<h2 id=\"soa\"><a href=\"/soa\">");
	page_t(ctx, "dash.soa_title");
	html_lit(o, "</a></h2>");
	svg_stack(o, t(ctx, "dash.soa_title"), seg, ARRAY_SIZE(seg));
	html_lit(o, "<ul class=\"legend\">");
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		html_lit(o, "<li><span class=\"swatch ");
		html_attr(o, parts[i].cls);
		html_lit(o, "\"></span><a href=\"");
		html_attr(o, parts[i].href);
		html_lit(o, "\">");
		html_text(o, seg[i].label);
		html_lit(o, " <strong>");
		html_long(o, seg[i].value);
		html_lit(o, "</strong></a></li>");
	}
	html_lit(o, "</ul><p class=\"muted\">");
	if (s->version_no)
		html_text(o, t2(ctx, "dash.soa_approved",
				num(ctx, (long)s->version_no),
				page_date(ctx, s->approved_at)));
	else
		page_t(ctx, "dash.soa_not_approved");
	html_lit(o, "</p></section>");
}

static void risk_card(struct ctx *ctx, const struct dashboard *d)
{
	struct strbuf *o = &ctx->resp->body;
	struct method_view mv;
	size_t cells[5][5];
	int g;

	memset(&mv, 0, sizeof(mv));
	mv.open = d->assessment_open;
	mv.def = catalog_method(ctx->app->cat, d->method);
	mv.criteria = d->criteria;
	memcpy(cells, d->cells, sizeof(cells));
	html_lit(o, "<section class=\"card\" aria-labelledby=\"rk\">"
		    "<h2 id=\"rk\"><a href=\"/risks\">");
	page_t(ctx, "risk.heatmap");
	html_lit(o, "</a></h2>");
	if (!d->risks) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "dash.risks_empty");
		html_lit(o, "</p></section>");
		return;
	}
	riskview_heatmap(ctx, &mv, cells);
	html_lit(o, "<ul class=\"legend\">");
	for (g = GRADE_COUNT - 1; g >= 0; g--) {
		html_lit(o, "<li><a href=\"/risks?grade=");
		html_attr(o, risk_grade_name((enum risk_grade)g));
		html_lit(o, "#risk-list\"><span class=\"grade ");
		html_attr(o, riskview_grade_class((enum risk_grade)g));
		html_lit(o, "\">");
		html_text(o,
			  text_get(&mv.def->grades[g].label, ctx->req->lang));
		html_lit(o, "</span> <strong>");
		html_long(o, (long)d->by_grade[g]);
		html_lit(o, "</strong></a></li>");
	}
	html_lit(o, "<li><a href=\"/risks?unrated=1#risk-list\">");
	page_t(ctx, "risk.unrated");
	html_lit(o, " <strong>");
	html_long(o, (long)d->unrated);
	html_lit(o, "</strong></a></li></ul></section>");
}

static void trend_card(struct ctx *ctx, const struct dashboard *d)
{
	static const long guides[] = { 0, 50, 70, 100 };
	struct strbuf *o = &ctx->resp->body;
	struct svg_point pts[DASHBOARD_TREND_MAX];
	size_t i;

	html_lit(o, "<section class=\"card\" aria-labelledby=\"tr\">"
		    "<h2 id=\"tr\"><a href=\"/diagnosis\">");
	page_t(ctx, "diagnosis.trend");
	html_lit(o, "</a></h2>");
	if (!d->trend_count) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "dash.trend_empty");
		html_lit(o, "</p></section>");
		return;
	}
	for (i = 0; i < d->trend_count; i++) {
		pts[i].label = page_date(ctx, d->trend[i].completed_at);
		pts[i].value = d->trend[i].total;
	}
	svg_line_chart(o, t(ctx, "diagnosis.trend"), pts, d->trend_count, -25,
		       100, guides, ARRAY_SIZE(guides));
	html_lit(o, "<details><summary>");
	page_t(ctx, "dash.as_table");
	html_lit(o, "</summary><ul>");
	for (i = 0; i < d->trend_count; i++) {
		html_lit(o, "<li>");
		html_text(o, pts[i].label);
		html_lit(o, ": ");
		html_text(o, t1(ctx, "dash.points", num(ctx, pts[i].value)));
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul></details></section>");
}

/* Where a dated item is kept. */
static const char *due_href(struct ctx *ctx, const struct dashboard_due *e)
{
	switch (e->kind) {
	case DUE_TASK:
		return arena_printf(&ctx->req->arena, "/plan#task-%lld",
				    (long long)e->id);
	case DUE_REVIEW:
		return arena_printf(&ctx->req->arena, "/checklist/%s", e->ref);
	case DUE_DOCUMENT:
		return arena_printf(&ctx->req->arena, "/documents/%lld",
				    (long long)e->id);
	default:
		return "/diagnosis";
	}
}

static void due_card(struct ctx *ctx, const struct dashboard *d)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<section class=\"card wide\" aria-labelledby=\"due\">"
		    "<h2 id=\"due\">");
	html_text(o, t1(ctx, "dash.due_title", num(ctx, DASHBOARD_SOON_DAYS)));
	html_lit(o, "</h2>");
	if (!d->due_count) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "dash.due_empty");
		html_lit(o, "</p></section>");
		return;
	}
	html_lit(o, "<table class=\"list compact\"><thead><tr><th "
		    "scope=\"col\">");
	page_t(ctx, "dash.due_date");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "dash.due_kind");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "dash.due_what");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < d->due_count && i < DUE_SHOWN; i++) {
		const struct dashboard_due *e = &d->due[i];

		html_lit(o, "<tr><td>");
		html_text(o, e->date);
		if (e->days < 0)
			html_lit(o, " <span class=\"badge bad\">");
		else
			html_lit(o, " <span class=\"badge\">");
		if (e->days < 0)
			html_text(o, t1(ctx, "dash.days_late",
					num(ctx, -e->days)));
		else if (e->days == 0)
			page_t(ctx, "dash.today");
		else
			html_text(o,
				  t1(ctx, "dash.days_left", num(ctx, e->days)));
		html_lit(o, "</span></td><td>");
		page_t(ctx, arena_printf(&ctx->req->arena, "dash.kind.%s",
					 due_kind_name(e->kind)));
		html_lit(o, "</td><td><a href=\"");
		html_attr(o, due_href(ctx, e));
		html_lit(o, "\">");
		if (e->kind == DUE_DIAGNOSIS) {
			page_t(ctx, "dash.diagnosis_yearly");
		} else {
			html_text(o, e->ref);
			if (*e->what) {
				html_lit(o, " ");
				html_text(o, e->what);
			}
		}
		html_lit(o, "</a></td></tr>");
	}
	html_lit(o, "</tbody></table>");
	if (d->due_count > DUE_SHOWN) {
		html_lit(o, "<p>");
		html_text(o, t1(ctx, "dash.due_more",
				num(ctx, (long)(d->due_count - DUE_SHOWN))));
		html_lit(o, " <a href=\"/plan?due=soon\">");
		page_t(ctx, "dash.due_plan");
		html_lit(o, "</a></p>");
	}
	html_lit(o, "</section>");
}

static void dashboard_body(struct ctx *ctx, const struct dashboard *d)
{
	struct strbuf *o = &ctx->resp->body;

	figures(ctx, d);
	html_lit(o, "<div class=\"dash\">");
	coverage_card(ctx, d);
	soa_card(ctx, d);
	risk_card(ctx, d);
	trend_card(ctx, d);
	due_card(ctx, d);
	html_lit(o, "</div>");
}

static void home_begin(struct ctx *ctx)
{
	layout_begin(ctx, t(ctx, "home.title"), NAV_HOME);
	html_lit(&ctx->resp->body, "<p class=\"lead\">");
	page_t(ctx, "dash.lead");
	html_lit(&ctx->resp->body, "</p>");
	backup_warning_render(ctx);
}

void page_home(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const char *today = page_today(ctx);
	struct pagecache_part *part;
	const char *key;

	if (!permission_granted(ctx->req->session->rec.roles, PERM_VIEW)) {
		/* A member who reads the handbook only sees the path. */
		layout_begin(ctx, t(ctx, "home.title"), NAV_HOME);
		html_lit(o, "<p class=\"lead\">");
		page_t(ctx, "home.lead");
		html_lit(o, "</p>");
		path(ctx);
		layout_end(ctx);
		return;
	}
	/* The figures change with the data and with the date (what is late
	 * today was due yesterday), so both are in the key. */
	key = pagecache_key(ctx,
			    arena_printf(&ctx->req->arena, "home:%s", today));
	if ((part = pagecache_take(key))) {
		home_begin(ctx);
		pagecache_give(part, o);
	} else {
		struct dashboard d;
		size_t start;

		/* Read before the page starts, so that a failure answers
		 * with an error page of its own. */
		if (dashboard_load(ctx->store, ctx->app->cat, &ctx->req->arena,
				   ctx->req->session->rec.org_id, today, &d,
				   &err)) {
			page_fail(ctx, &err);
			return;
		}
		home_begin(ctx);
		start = o->len;
		dashboard_body(ctx, &d);
		if (key)
			pagecache_put(key, o->buf + start, o->len - start);
	}
	path(ctx);
	layout_end(ctx);
}
