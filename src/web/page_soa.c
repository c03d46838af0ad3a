/*
 * page_soa.c: the Statement of Applicability (適用宣言書): the 93
 * controls with their applicability, reasons, status and owner; one
 * control's entry with what the catalogue and the risk register say about
 * it; the suggestions from risks, the self-diagnosis and incident cases;
 * the executive's approval into numbered versions, and their differences;
 * the statement as CSV or a workbook in either language.
 */
#include "util/compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "export/report.h"
#include "core/soa.h"
#include "store/repo_soa.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/controlview.h"
#include "web/docreport.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"
#include "web/soaview.h"
#include "web/svg.h"

/* Blockers listed by name under the approval form; the rest counted. */
enum { BLOCKERS_SHOWN = 30 };

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static int may(const struct ctx *ctx, enum permission p)
{
	return permission_granted(ctx->req->session->rec.roles, p);
}

static const char *num(struct ctx *ctx, long long v)
{
	return arena_printf(&ctx->req->arena, "%lld", v);
}

static const char *applicable_text(struct ctx *ctx, enum soa_applicability a)
{
	return soaview_applicable_text(ctx->app->msgs, ctx->req->lang, a);
}

static const char *status_text(struct ctx *ctx, int status)
{
	return soaview_status_text(ctx->app->msgs, ctx->req->lang, status);
}

static const char *reasons_text(struct ctx *ctx, unsigned reasons)
{
	return soaview_reasons_text(ctx->app->msgs, ctx->req->lang, reasons,
				    &ctx->req->arena);
}

/* The badge class of an applicability: decided ones stand out. */
static void applicable_badge(struct ctx *ctx, enum soa_applicability a)
{
	struct strbuf *o = &ctx->resp->body;

	if (a == SOA_APPLICABLE)
		html_lit(o, "<span class=\"badge ok\">");
	else if (a == SOA_EXCLUDED)
		html_lit(o, "<span class=\"badge\">");
	else
		html_lit(o, "<span class=\"badge unknown\">");
	html_text(o, applicable_text(ctx, a));
	html_lit(o, "</span>");
}

static void control_link(struct ctx *ctx, const char *prefix, const char *id)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<a href=\"");
	html_attr(o, prefix);
	html_url_arg(o, id);
	html_lit(o, "\">");
	html_text(o, id);
	html_lit(o, "</a>");
}

/* ---- the statement ---- */

/* The list's filters; each "" or absent means any. */
struct soa_filter {
	int theme;  /* enum control_theme, or -1 */
	int applic; /* enum soa_applicability, or -1 */
	int status; /* enum soa_status, SOA_STATUS_UNSET ("unset"), or -2 */
};

static int read_filter(struct ctx *ctx, struct soa_filter *f)
{
	const char *th = request_query(ctx->req, "theme");
	const char *ap = request_query(ctx->req, "applicable");
	const char *st = request_query(ctx->req, "status");
	enum control_theme theme;
	enum soa_applicability a;
	enum soa_status s;

	f->theme = f->applic = -1;
	f->status = -2;
	if (th && *th) {
		if (control_theme_parse(th, &theme))
			goto bad;
		f->theme = (int)theme;
	}
	if (ap && *ap) {
		if (soa_applicability_parse(ap, &a))
			goto bad;
		f->applic = (int)a;
	}
	if (st && *st) {
		if (!strcmp(st, "unset"))
			f->status = SOA_STATUS_UNSET;
		else if (soa_status_parse(st, &s))
			goto bad;
		else
			f->status = (int)s;
	}
	return 0;
bad:
	page_error(ctx, 400, "http.bad_filter");
	return -1;
}

static int filter_match(const struct soa_filter *f, const struct control *c,
			const struct soa_entry *e)
{
	return (f->theme < 0 || (int)c->theme == f->theme) &&
	       (f->applic < 0 || (int)e->applicable == f->applic) &&
	       (f->status == -2 || e->status == f->status);
}

static void filter_form(struct ctx *ctx, const struct soa_filter *f)
{
	struct strbuf *o = &ctx->resp->body;
	int i;

	html_lit(o, "<form method=\"get\" action=\"/soa\" class=\"filters\">"
		    "<label>");
	page_t(ctx, "col.theme");
	html_lit(o, " <select name=\"theme\">");
	html_option(o, "", t(ctx, "filter.any"), 0);
	for (i = 0; i < THEME_COUNT; i++)
		html_option(o, control_theme_name((enum control_theme)i),
			    t(ctx, arena_printf(&ctx->req->arena, "theme.%s",
						control_theme_name((
							enum control_theme)i))),
			    f->theme == i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "soa.applicable");
	html_lit(o, " <select name=\"applicable\">");
	html_option(o, "", t(ctx, "filter.any"), 0);
	for (i = 0; i < SOA_APPLICABILITY_COUNT; i++)
		html_option(o,
			    soa_applicability_name((enum soa_applicability)i),
			    applicable_text(ctx, (enum soa_applicability)i),
			    f->applic == i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "soa.status");
	html_lit(o, " <select name=\"status\">");
	html_option(o, "", t(ctx, "filter.any"), 0);
	html_option(o, "unset", status_text(ctx, SOA_STATUS_UNSET),
		    f->status == SOA_STATUS_UNSET);
	for (i = 0; i < SOA_STATUS_COUNT; i++)
		html_option(o, soa_status_name((enum soa_status)i),
			    status_text(ctx, i), f->status == i);
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "filter.apply");
	html_lit(o, "</button> <a href=\"/soa\">");
	page_t(ctx, "filter.reset");
	html_lit(o, "</a></form>");
}

/*
 * The table of entries grouped by theme; risks (per catalogue control)
 * may be NULL (a version: the counts are today's, not the version's).
 */
static size_t entry_table(struct ctx *ctx, const struct soa_entry *entries,
			  size_t count, const int64_t *risks,
			  const struct soa_filter *f, const char *link_prefix)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	int last_theme = -1;
	size_t i, shown = 0;

	html_lit(o, "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
		    "<th scope=\"col\">");
	page_t(ctx, "soa.col.control");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.title");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.applicable");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.reasons");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.status");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.owner");
	html_lit(o, "</th>");
	if (risks) {
		html_lit(o, "<th scope=\"col\" class=\"num\">");
		page_t(ctx, "soa.col.risks");
		html_lit(o, "</th>");
	}
	html_lit(o, "<th scope=\"col\">");
	page_t(ctx, "soa.reviewed_on");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const struct soa_entry *e = &entries[i];
		const struct control *c = catalog_control(cat, e->control);

		if (!c || (f && !filter_match(f, c, e)))
			continue;
		shown++;
		if ((int)c->theme != last_theme) {
			last_theme = (int)c->theme;
			html_lit(o,
				 "<tr class=\"group\"><th scope=\"rowgroup\" "
				 "colspan=\"");
			html_long(o, risks ? 8 : 7);
			html_lit(o, "\">");
			html_text(o, t(ctx,
				       arena_printf(
					       &ctx->req->arena, "theme.%s",
					       control_theme_name(c->theme))));
			html_lit(o, "</th></tr>");
		}
		html_lit(o, "<tr><td>");
		control_link(ctx, link_prefix, e->control);
		html_lit(o, "</td><td>");
		html_text(o, text_get(&c->title, ctx->req->lang));
		html_lit(o, "</td><td>");
		applicable_badge(ctx, e->applicable);
		if (e->applicable == SOA_EXCLUDED && *e->justification) {
			html_lit(o, "<br><small>");
			html_text(o, e->justification);
			html_lit(o, "</small>");
		}
		html_lit(o, "</td><td>");
		html_text(o, reasons_text(ctx, e->reasons));
		html_lit(o, "</td><td>");
		if (e->status != SOA_STATUS_UNSET)
			html_text(o, status_text(ctx, e->status));
		html_lit(o, "</td><td>");
		html_text(o, e->owner);
		html_lit(o, "</td>");
		if (risks) {
			html_lit(o, "<td class=\"num\">");
			html_long(o, (long)risks[i]);
			html_lit(o, "</td>");
		}
		html_lit(o, "<td>");
		html_text(o, e->reviewed_on);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
	if (!shown) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "soa.none_match");
		html_lit(o, "</p>");
	}
	return shown;
}

static void progress(struct ctx *ctx, const struct soa_counts *n, size_t total)
{
	struct strbuf *o = &ctx->resp->body;
	long decided = n->applicable + n->excluded;
	long done = n->by_status[SOA_IMPLEMENTED];
	const char *decided_label = t(ctx, "soa.progress_decided");
	const char *done_label = t(ctx, "soa.progress_implemented");

	html_lit(o, "<table class=\"parts\"><tbody><tr><th scope=\"row\">");
	html_text(o, decided_label);
	html_lit(o, "</th><td>");
	html_long(o, decided);
	html_lit(o, " / ");
	html_long(o, (long)total);
	html_lit(o, "</td><td>");
	svg_bar(o, decided_label, decided, (long)total);
	html_lit(o, "</td></tr><tr><th scope=\"row\">");
	html_text(o, done_label);
	html_lit(o, "</th><td>");
	html_long(o, done);
	html_lit(o, " / ");
	html_long(o, n->applicable);
	html_lit(o, "</td><td>");
	svg_bar(o, done_label, done, n->applicable ? n->applicable : 1);
	html_lit(o, "</td></tr></tbody></table><p>");
	html_text(o, t1(ctx, "soa.counts_applicable", num(ctx, n->applicable)));
	html_lit(o, " ");
	html_text(o, t1(ctx, "soa.counts_excluded", num(ctx, n->excluded)));
	html_lit(o, " ");
	html_text(o, t1(ctx, "soa.counts_undecided", num(ctx, n->undecided)));
	html_lit(o, "</p>");
}

static void approval(struct ctx *ctx, const struct soa_entry *entries,
		     size_t count, const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct soa_blocker *b;
	size_t n, i;

	b = arena_calloc(&ctx->req->arena, 2 * count + 1, sizeof(*b));
	n = soa_blockers(entries, count, b);
	html_lit(o, "<section aria-labelledby=\"approve\"><h2 id=\"approve\">");
	page_t(ctx, "soa.approval");
	html_lit(o, "</h2>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	if (n) {
		html_lit(o, "<p class=\"notice warn\">");
		html_text(o, t1(ctx, "soa.blocked_count", num(ctx, (long)n)));
		html_lit(o, "</p><ul class=\"refs blockers\">");
		for (i = 0; i < n && i < BLOCKERS_SHOWN; i++) {
			html_lit(o, "<li><a href=\"/soa/");
			html_url_arg(o, b[i].control);
			html_lit(o, "\">");
			html_text(o, soaview_blocker_text(ctx->app->msgs,
							  ctx->req->lang, &b[i],
							  &ctx->req->arena));
			html_lit(o, "</a></li>");
		}
		if (n > BLOCKERS_SHOWN) {
			html_lit(o, "<li>");
			html_text(o, t1(ctx, "soa.blocked_more",
					num(ctx, (long)(n - BLOCKERS_SHOWN))));
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul>");
	} else if (may(ctx, PERM_APPROVE)) {
		html_lit(o, "<p>");
		page_t(ctx, "soa.ready");
		html_lit(o, "</p><form method=\"post\" action=\"/soa/approve\" "
			    "class=\"inline\">");
		page_csrf_field(ctx);
		html_lit(o, "<button type=\"submit\" class=\"primary\">");
		page_t(ctx, "soa.approve");
		html_lit(o, "</button></form>");
	} else {
		html_lit(o, "<p>");
		page_t(ctx, "soa.ready_executive");
		html_lit(o, "</p>");
	}
	html_lit(o, "</section>");
}

static void soa_page(struct ctx *ctx, const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct soa_entry *entries;
	struct soa_suggestion *sugg;
	struct soa_progress prog;
	struct soa_counts counts;
	struct soa_filter f;
	struct pagecache_part *part;
	const char *key;
	int64_t *risks;
	size_t count, nsugg, start;
	int started;

	if (read_filter(ctx, &f))
		return;
	/* The page as it is read (not shown again with a refused approval)
	 * is kept per data version, since every change to the statement,
	 * the risks or the diagnosis writes an audit event; the approval
	 * form is kept with the cache's mark and gets each reader's own
	 * token. */
	key = error_text ? NULL : pagecache_key(ctx, "soa");
	if ((part = pagecache_take(key))) {
		layout_begin(ctx, t(ctx, "soa.title"), NAV_SOA);
		start = o->len;
		pagecache_give(part, o);
		pagecache_fill_tokens(o, start,
				      ctx->req->session->rec.csrf_token);
		layout_end(ctx);
		return;
	}
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err) ||
	    soaview_risk_counts(ctx->store, &ctx->req->arena, ctx->app->cat,
				org_of(ctx), &risks, &err) ||
	    soaview_suggestions(ctx->store, &ctx->req->arena, ctx->app->cat,
				org_of(ctx), NULL, entries, count, &sugg,
				&nsugg, &err) ||
	    repo_soa_progress(ctx->store, org_of(ctx), &prog, &err)) {
		page_fail(ctx, &err);
		return;
	}
	soa_count(entries, count, &counts);
	layout_begin(ctx, t(ctx, "soa.title"), NAV_SOA);
	start = o->len;
	ctx->keeping = key != NULL;
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "soa.lead");
	html_lit(o, "</p>");
	if (prog.version_no) {
		html_lit(o, "<p class=\"notice ok\">");
		html_text(o, t1(ctx, "soa.current_version",
				num(ctx, (long long)prog.version_no)));
		html_lit(o, " <a href=\"/soa/versions/");
		html_long(o, (long)prog.version_no);
		html_lit(o, "\">");
		page_t(ctx, "soa.show_version");
		html_lit(o, "</a></p>");
	} else {
		html_lit(o, "<p class=\"notice\">");
		page_t(ctx, "soa.no_version");
		html_lit(o, "</p>");
	}
	html_lit(o, "<p class=\"links\"><a class=\"button\" "
		    "href=\"/soa/suggestions\">");
	html_text(o, t1(ctx, "soa.suggestions_count", num(ctx, (long)nsugg)));
	html_lit(o, "</a> <a href=\"/soa/versions\">");
	page_t(ctx, "soa.versions");
	html_lit(o, "</a> <a href=\"/soa/export.xlsx?lang=ja\">");
	page_t(ctx, "soa.export_xlsx_ja");
	html_lit(o, "</a> <a href=\"/soa/export.xlsx?lang=en\">");
	page_t(ctx, "soa.export_xlsx_en");
	html_lit(o, "</a> <a href=\"/soa/export.pdf?lang=ja\">");
	page_t(ctx, "soa.export_pdf_ja");
	html_lit(o, "</a> <a href=\"/soa/export.pdf?lang=en\">");
	page_t(ctx, "soa.export_pdf_en");
	html_lit(o, "</a> <a href=\"/soa/export.csv?lang=ja\">");
	page_t(ctx, "soa.export_csv_ja");
	html_lit(o, "</a> <a href=\"/soa/export.csv?lang=en\">");
	page_t(ctx, "soa.export_csv_en");
	html_lit(o, "</a></p>");
	progress(ctx, &counts, count);
	filter_form(ctx, &f);
	entry_table(ctx, entries, count, risks, &f, "/soa/");
	approval(ctx, entries, count, error_text);
	ctx->keeping = 0;
	pagecache_put(key, o->buf + start, o->len - start);
	pagecache_fill_tokens(o, start, ctx->req->session->rec.csrf_token);
	layout_end(ctx);
}

void page_soa(struct ctx *ctx)
{
	soa_page(ctx, NULL);
}

void page_soa_approve(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *by = ctx->req->session->rec.email;
	int64_t no = 0;

	if (store_begin(ctx->store, &err) ||
	    soaview_approve(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), by, page_today(ctx), ctx->req->now,
			    &no, &err) ||
	    page_audit(ctx, "soa.approve",
		       arena_printf(&ctx->req->arena, "soa:v%lld",
				    (long long)no),
		       "",
		       arena_printf(&ctx->req->arena, "version: %lld",
				    (long long)no),
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		if (err.code == ERROR_CONFLICT) {
			struct strbuf msg = STRBUF_INIT;

			/* The page again, with what still blocks it. */
			i18n_error_text(ctx, &err, &msg);
			ctx->resp->status = 409;
			soa_page(ctx, msg.buf);
			strbuf_release(&msg);
			return;
		}
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/soa/versions/%lld",
				       (long long)no));
}

/* ---- one control ---- */

static void dl_row(struct ctx *ctx, const char *key, const char *value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dt>");
	page_t(ctx, key);
	html_lit(o, "</dt><dd>");
	html_text(o, value);
	html_lit(o, "</dd>");
}

/* What the catalogue says: purpose, attributes, relations, crosswalk. */
static void control_facts(struct ctx *ctx, const struct control *c)
{
	struct strbuf *o = &ctx->resp->body;
	const enum lang lang = ctx->req->lang;
	size_t i;
	int s;

	html_lit(o, "<p class=\"lead\">");
	html_text(o, text_get(&c->purpose, lang));
	html_lit(o, "</p><dl class=\"facts\">");
	dl_row(ctx, "col.theme",
	       t(ctx, arena_printf(&ctx->req->arena, "theme.%s",
				   control_theme_name(c->theme))));
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
	html_lit(o, "</dl><p><a href=\"/controls/");
	html_url_arg(o, c->id);
	html_lit(o, "\">");
	page_t(ctx, "soa.catalogue_page");
	html_lit(o, "</a></p>");
	controlview_crosswalk(ctx, c, "/soa/");
}

static void linked_risks(struct ctx *ctx, const struct soa_risk_link *links,
			 size_t n)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<h2>");
	page_t(ctx, "soa.linked_risks");
	html_lit(o, "</h2>");
	if (!n) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "soa.no_linked_risks");
		html_lit(o, "</p>");
		return;
	}
	html_lit(o, "<ul class=\"refs\">");
	for (i = 0; i < n; i++) {
		const struct threat *th =
			*links[i].threat_id ? catalog_threat(ctx->app->cat,
							     links[i].threat_id)
					    : NULL;

		html_lit(o, "<li><a href=\"/risks/");
		html_long(o, (long)links[i].risk_id);
		html_lit(o, "\">#");
		html_long(o, (long)links[i].risk_id);
		html_lit(o, " ");
		html_text(o, links[i].asset_name);
		html_lit(o, " / ");
		html_text(o, th ? text_get(&th->title, ctx->req->lang)
				: links[i].threat);
		html_lit(o, "</a>");
		if (links[i].level >= 0) {
			html_lit(o, " <small>");
			html_text(o, t1(ctx, "soa.risk_level",
					num(ctx, links[i].level)));
			html_lit(o, "</small>");
		}
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul>");
}

static void text_field(struct ctx *ctx, const char *name, const char *value,
		       int lines)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"f-");
	html_attr(o, name);
	html_lit(o, "\">");
	page_t(ctx, arena_printf(&ctx->req->arena, "soa.%s", name));
	html_lit(o, "</label>");
	if (lines) {
		html_lit(o, "<textarea rows=\"4\" id=\"f-");
		html_attr(o, name);
		html_lit(o, "\" name=\"");
		html_attr(o, name);
		html_lit(o, "\">");
		html_text(o, value);
		html_lit(o, "</textarea>");
		return;
	}
	html_lit(o, "<input id=\"f-");
	html_attr(o, name);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\">");
}

static void entry_form(struct ctx *ctx, const struct soa_entry *e,
		       const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	int i;

	html_lit(o, "<h2>");
	page_t(ctx, "soa.edit");
	html_lit(o, "</h2>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"/soa/");
	html_url_arg(o, e->control);
	html_lit(o, "\" class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<fieldset class=\"yesno\"><legend>");
	page_t(ctx, "soa.applicable");
	html_lit(o, "</legend>");
	for (i = 0; i < SOA_APPLICABILITY_COUNT; i++) {
		html_lit(o, "<label><input type=\"radio\" name=\"applicable\" "
			    "value=\"");
		html_attr(o, soa_applicability_name((enum soa_applicability)i));
		html_lit(o, "\"");
		if ((int)e->applicable == i)
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o, applicable_text(ctx, (enum soa_applicability)i));
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset><fieldset class=\"choices\"><legend>");
	page_t(ctx, "soa.reasons");
	html_lit(o, "</legend>");
	for (i = 0; i < SOA_REASON_COUNT; i++) {
		html_lit(o, "<label><input type=\"checkbox\" name=\"reason_");
		html_attr(o, soa_reason_name(i));
		html_lit(o, "\" value=\"1\"");
		if (e->reasons & (1u << i))
			html_lit(o, " checked");
		html_lit(o, "> ");
		html_text(o,
			  t(ctx, arena_printf(&ctx->req->arena, "soa.reason.%s",
					      soa_reason_name(i))));
		html_lit(o, "</label>");
	}
	html_lit(o, "</fieldset>");
	text_field(ctx, "justification", e->justification, 1);
	html_lit(o, "<label for=\"f-status\">");
	page_t(ctx, "soa.status");
	html_lit(o, "</label><select id=\"f-status\" name=\"status\">");
	html_option(o, "", status_text(ctx, SOA_STATUS_UNSET),
		    e->status == SOA_STATUS_UNSET);
	for (i = 0; i < SOA_STATUS_COUNT; i++)
		html_option(o, soa_status_name((enum soa_status)i),
			    status_text(ctx, i), e->status == i);
	html_lit(o, "</select>");
	text_field(ctx, "owner", e->owner, 0);
	text_field(ctx, "notes", e->notes, 1);
	html_lit(o, "<label for=\"f-reviewed_on\">");
	page_t(ctx, "soa.reviewed_on");
	html_lit(o, "</label><input type=\"date\" id=\"f-reviewed_on\" "
		    "name=\"reviewed_on\" value=\"");
	html_attr(o, e->reviewed_on);
	html_lit(o, "\"><p><small>");
	page_t(ctx, "soa.form_hint");
	html_lit(o, "</small></p><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.save");
	html_lit(o, "</button></form>");
}

static void entry_summary(struct ctx *ctx, const struct soa_entry *e)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<h2>");
	page_t(ctx, "soa.entry");
	html_lit(o, "</h2><dl class=\"facts\"><dt>");
	page_t(ctx, "soa.applicable");
	html_lit(o, "</dt><dd>");
	applicable_badge(ctx, e->applicable);
	html_lit(o, "</dd>");
	dl_row(ctx, "soa.reasons", reasons_text(ctx, e->reasons));
	dl_row(ctx, "soa.justification", e->justification);
	dl_row(ctx, "soa.status", status_text(ctx, e->status));
	dl_row(ctx, "soa.owner", e->owner);
	dl_row(ctx, "soa.notes", e->notes);
	dl_row(ctx, "soa.reviewed_on", e->reviewed_on);
	html_lit(o, "</dl>");
}

static void control_page(struct ctx *ctx, const struct control *c,
			 const struct soa_entry *draft, const char *error_text)
{
	struct error err = ERROR_INIT;
	struct soa_entry *entries, *e;
	struct soa_risk_link *links;
	size_t count, nl;
	int started;

	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err) ||
	    repo_soa_risk_links(ctx->store, &ctx->req->arena, org_of(ctx),
				c->id, &links, &nl, &err)) {
		page_fail(ctx, &err);
		return;
	}
	e = soaview_find(entries, count, c->id);
	layout_begin(ctx,
		     arena_printf(&ctx->req->arena, "%s %s", c->id,
				  text_get(&c->title, ctx->req->lang)),
		     NAV_SOA);
	html_lit(&ctx->resp->body, "<p><a href=\"/soa\">");
	page_t(ctx, "soa.back");
	html_lit(&ctx->resp->body, "</a></p>");
	if (may(ctx, PERM_EDIT))
		entry_form(ctx, draft ? draft : e, error_text);
	else
		entry_summary(ctx, e);
	linked_risks(ctx, links, nl);
	control_facts(ctx, c);
	layout_end(ctx);
}

static const struct control *route_control(struct ctx *ctx)
{
	const struct control *c =
		catalog_control(ctx->app->cat, ctx->req->route_arg);

	if (!c) {
		struct error err = ERROR_INIT;

		error_set(&err, ERROR_NOT_FOUND, "soa.not_found",
			  ctx->req->route_arg, NULL);
		page_fail(ctx, &err);
	}
	return c;
}

void page_soa_show(struct ctx *ctx)
{
	const struct control *c = route_control(ctx);

	if (c)
		control_page(ctx, c, NULL, NULL);
}

/*
 * Reads the form into e.  The form sends every field; reason checkboxes
 * that are not ticked are absent, so the reasons are what is ticked.
 */
static int read_entry(struct ctx *ctx, struct soa_entry *e, struct error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "justification", offsetof(struct soa_entry, justification) },
		{ "owner", offsetof(struct soa_entry, owner) },
		{ "notes", offsetof(struct soa_entry, notes) },
		{ "reviewed_on", offsetof(struct soa_entry, reviewed_on) },
	};
	const char *ap = request_form(ctx->req, "applicable");
	const char *st = request_form(ctx->req, "status");
	enum soa_applicability a;
	enum soa_status s;
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *v = request_form(ctx->req, texts[i].name);

		if (v)
			*(const char **)((char *)e + texts[i].offset) = v;
	}
	if (ap) {
		if (soa_applicability_parse(ap, &a))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "soa.applicable", ap, NULL);
		e->applicable = a;
		e->reasons = 0;
		for (r = 0; r < SOA_REASON_COUNT; r++)
			if (request_form(ctx->req,
					 arena_printf(&ctx->req->arena,
						      "reason_%s",
						      soa_reason_name(r))))
				e->reasons |= 1u << r;
	}
	if (st) {
		if (!*st)
			e->status = SOA_STATUS_UNSET;
		else if (soa_status_parse(st, &s))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "soa.status", st, NULL);
		else
			e->status = (int)s;
	}
	return 0;
}

void page_soa_save(struct ctx *ctx)
{
	const struct control *c = route_control(ctx);
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct soa_entry *entries, *old, e;
	size_t count;
	int started, changed = 0;

	if (!c)
		return;
	soa_entry_init(&e, c->id);
	if (store_begin(ctx->store, &err))
		goto failed;
	/* Read under the write lock: the change, and the audit event's
	 * "before", apply to what is there. */
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err)) {
		store_rollback(ctx->store);
		goto failed;
	}
	old = soaview_find(entries, count, c->id);
	e = *old;
	if (read_entry(ctx, &e, &err)) {
		store_rollback(ctx->store);
		goto refused;
	}
	/* Validation runs in soaview_save; an input error ends here too. */
	if (soaview_save(ctx->store, ctx->app->cat, org_of(ctx), old, &e,
			 ctx->req->now, &before, &after, &changed, &err)) {
		store_rollback(ctx->store);
		if (err.code == ERROR_INPUT)
			goto refused;
		goto failed;
	}
	if ((changed &&
	     page_audit(ctx, "soa.update",
			arena_printf(&ctx->req->arena, "soa:%s", c->id),
			before.buf, after.buf, &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto failed;
	}
	strbuf_release(&before);
	strbuf_release(&after);
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/soa/%s", c->id));
	return;
refused : {
	struct strbuf msg = STRBUF_INIT;

	strbuf_release(&before);
	strbuf_release(&after);
	i18n_error_text(ctx, &err, &msg);
	ctx->resp->status = 400;
	control_page(ctx, c, &e, msg.buf);
	strbuf_release(&msg);
	return;
}
failed:
	strbuf_release(&before);
	strbuf_release(&after);
	page_fail(ctx, &err);
}

/* ---- suggestions ---- */

/* The case asked for (?case= or the form's case), NULL for none. */
static int picked_case(struct ctx *ctx, const char *id,
		       const struct incident_case **out)
{
	*out = NULL;
	if (!id || !*id)
		return 0;
	*out = catalog_case(ctx->app->cat, id);
	if (*out)
		return 0;
	page_error(ctx, 400, "http.bad_filter");
	return -1;
}

static void decision_button(struct ctx *ctx, const struct soa_suggestion *s,
			    const char *case_id, const char *decision,
			    const char *key, const char *cls)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<form method=\"post\" action=\"/soa/suggestions\" "
		    "class=\"inline\">");
	page_csrf_field(ctx);
	html_hidden(o, "control", s->control);
	html_hidden(o, "source", s->source);
	html_hidden(o, "decision", decision);
	if (case_id)
		html_hidden(o, "case", case_id);
	html_lit(o, "<button type=\"submit\" class=\"");
	html_attr(o, cls);
	html_lit(o, "\">");
	page_t(ctx, key);
	html_lit(o, "</button></form> ");
}

static void suggestions_page(struct ctx *ctx,
			     const struct incident_case *picked,
			     const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct soa_entry *entries;
	struct soa_suggestion *s;
	size_t count, n, i;
	int started, edit = may(ctx, PERM_EDIT);

	if (soaview_entries(ctx->store, &ctx->req->arena, cat, org_of(ctx),
			    &entries, &count, &started, &err) ||
	    soaview_suggestions(ctx->store, &ctx->req->arena, cat, org_of(ctx),
				picked, entries, count, &s, &n, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "soa.suggestions"), NAV_SOA);
	html_lit(o, "<p><a href=\"/soa\">");
	page_t(ctx, "soa.back");
	html_lit(o, "</a></p><p class=\"lead\">");
	page_t(ctx, "soa.suggestions_lead");
	html_lit(o, "</p><form method=\"get\" action=\"/soa/suggestions\" "
		    "class=\"filters\"><label>");
	page_t(ctx, "soa.pick_case");
	html_lit(o, " <select name=\"case\">");
	html_option(o, "", t(ctx, "soa.no_case"), !picked);
	for (i = 0; i < cat->case_count; i++)
		html_option(o, cat->cases[i].id,
			    arena_printf(&ctx->req->arena, "%s %s",
					 cat->cases[i].id,
					 text_get(&cat->cases[i].title,
						  ctx->req->lang)),
			    picked == &cat->cases[i]);
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "soa.show_case");
	html_lit(o, "</button></form>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	if (!n) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "soa.no_suggestions");
		html_lit(o, "</p>");
		layout_end(ctx);
		return;
	}
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "soa.col.control");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.source");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.now");
	html_lit(o, "</th>");
	if (edit)
		html_lit(o, "<th scope=\"col\"></th>");
	html_lit(o, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct control *c = catalog_control(cat, s[i].control);
		const struct soa_entry *e =
			soaview_find(entries, count, s[i].control);

		html_lit(o, "<tr><td>");
		control_link(ctx, "/soa/", s[i].control);
		html_lit(o, " ");
		html_text(o, c ? text_get(&c->title, ctx->req->lang) : "");
		html_lit(o, "</td><td>");
		html_text(o, soaview_source_text(cat, ctx->app->msgs,
						 ctx->req->lang, &s[i],
						 &ctx->req->arena));
		html_lit(o, "<br><small>");
		html_text(o, t1(ctx, "soa.accept_sets",
				reasons_text(ctx, s[i].reason)));
		html_lit(o, "</small></td><td>");
		applicable_badge(ctx, e ? e->applicable : SOA_UNDECIDED);
		html_lit(o, "</td>");
		if (edit) {
			html_lit(o, "<td>");
			decision_button(ctx, &s[i], picked ? picked->id : NULL,
					"accept", "soa.accept", "primary");
			decision_button(ctx, &s[i], picked ? picked->id : NULL,
					"reject", "soa.reject", "link");
			html_lit(o, "</td>");
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table>");
	layout_end(ctx);
}

void page_soa_suggestions(struct ctx *ctx)
{
	const struct incident_case *picked;

	if (picked_case(ctx, request_query(ctx->req, "case"), &picked))
		return;
	suggestions_page(ctx, picked, NULL);
}

void page_soa_decide(struct ctx *ctx)
{
	const char *control = request_form(ctx->req, "control");
	const char *source = request_form(ctx->req, "source");
	const char *decision = request_form(ctx->req, "decision");
	const struct incident_case *picked;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct soa_entry *entries, *e;
	struct soa_suggestion *s;
	const struct soa_suggestion *found;
	size_t count, n;
	int started, accept;

	if (picked_case(ctx, request_form(ctx->req, "case"), &picked))
		return;
	if (!control || !source || !decision ||
	    (strcmp(decision, "accept") && strcmp(decision, "reject"))) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	accept = !strcmp(decision, "accept");
	if (store_begin(ctx->store, &err))
		goto failed;
	/* Worked out again under the write lock: what is decided is what
	 * the sources say now. */
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err) ||
	    soaview_suggestions(ctx->store, &ctx->req->arena, ctx->app->cat,
				org_of(ctx), picked, entries, count, &s, &n,
				&err))
		goto failed_rollback;
	found = soa_suggestion_find(s, n, control, source);
	e = soaview_find(entries, count, control);
	if (!found || !e) {
		store_rollback(ctx->store);
		error_set(&err, ERROR_CONFLICT, "soa.suggestion_gone", control,
			  NULL);
		{
			struct strbuf msg = STRBUF_INIT;

			i18n_error_text(ctx, &err, &msg);
			ctx->resp->status = 409;
			suggestions_page(ctx, picked, msg.buf);
			strbuf_release(&msg);
		}
		goto out;
	}
	if (soaview_decide(ctx->store, ctx->app->cat, org_of(ctx), found,
			   accept, e, ctx->req->session->rec.email,
			   ctx->req->now, &before, &after, &err) ||
	    page_audit(ctx, accept ? "soa.accept" : "soa.reject",
		       arena_printf(&ctx->req->arena, "soa:%s", control),
		       before.buf, after.buf, &err) ||
	    store_commit(ctx->store, &err))
		goto failed_rollback;
	response_redirect(ctx->resp,
			  picked ? arena_printf(&ctx->req->arena,
						"/soa/suggestions?case=%s",
						picked->id)
				 : "/soa/suggestions");
	goto out;
failed_rollback:
	store_rollback(ctx->store);
failed:
	page_fail(ctx, &err);
out:
	strbuf_release(&before);
	strbuf_release(&after);
}

/* ---- versions ---- */

void page_soa_versions(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct soa_version *v;
	size_t n, i;

	if (repo_soa_versions(ctx->store, &ctx->req->arena, org_of(ctx), &v, &n,
			      &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "soa.versions"), NAV_SOA);
	html_lit(o, "<p><a href=\"/soa\">");
	page_t(ctx, "soa.back");
	html_lit(o, "</a></p>");
	if (!n) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "soa.no_version");
		html_lit(o, "</p>");
		layout_end(ctx);
		return;
	}
	html_lit(o, "<table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "soa.col.version");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.approved_by");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.approved_on");
	html_lit(o, "</th><th scope=\"col\" class=\"num\">");
	page_t(ctx, "soa.col.applicable_count");
	html_lit(o, "</th><th scope=\"col\" class=\"num\">");
	page_t(ctx, "soa.col.excluded_count");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_lit(o, "<tr><td><a href=\"/soa/versions/");
		html_long(o, (long)v[i].no);
		html_lit(o, "\">");
		html_text(o, t1(ctx, "soa.version_no", num(ctx, v[i].no)));
		html_lit(o, "</a></td><td>");
		html_text(o, v[i].approved_by);
		html_lit(o, "</td><td>");
		html_text(o, v[i].approved_on);
		html_lit(o, "</td><td class=\"num\">");
		html_long(o, v[i].applicable);
		html_lit(o, "</td><td class=\"num\">");
		html_long(o, v[i].excluded);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table>");
	if (n > 1) {
		html_lit(o, "<h2>");
		page_t(ctx, "soa.compare");
		html_lit(o, "</h2><form method=\"get\" action=\"/soa/diff\" "
			    "class=\"filters\"><label>");
		page_t(ctx, "soa.diff_from");
		html_lit(o, " <select name=\"a\">");
		for (i = 0; i < n; i++)
			html_option(o, num(ctx, v[i].no),
				    t1(ctx, "soa.version_no",
				       num(ctx, v[i].no)),
				    i == 1);
		html_lit(o, "</select></label><label>");
		page_t(ctx, "soa.diff_to");
		html_lit(o, " <select name=\"b\">");
		for (i = 0; i < n; i++)
			html_option(o, num(ctx, v[i].no),
				    t1(ctx, "soa.version_no",
				       num(ctx, v[i].no)),
				    i == 0);
		html_lit(o, "</select></label><button type=\"submit\">");
		page_t(ctx, "soa.compare");
		html_lit(o, "</button></form>");
	}
	layout_end(ctx);
}

/* Version no of the organisation: 1 found, else answered (404, 500). */
static int load_version(struct ctx *ctx, int64_t no, struct soa_version *v,
			struct soa_entry **rows, size_t *count)
{
	struct error err = ERROR_INIT;
	int found = repo_soa_version_get(ctx->store, &ctx->req->arena,
					 org_of(ctx), no, v, rows, count, &err);

	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "soa.version_not_found");
	return found;
}

void page_soa_version_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct soa_version v;
	struct soa_entry *rows;
	size_t count;
	int64_t no;

	if (page_route_id(ctx, "soa.version_not_found", &no) ||
	    load_version(ctx, no, &v, &rows, &count) != 1)
		return;
	layout_begin(ctx, t1(ctx, "soa.version_title", num(ctx, v.no)),
		     NAV_SOA);
	html_lit(o, "<p><a href=\"/soa/versions\">");
	page_t(ctx, "soa.versions");
	html_lit(o, "</a></p><p class=\"notice ok\">");
	{
		const char *args[2] = { v.approved_by, v.approved_on };

		html_text(o, tn(ctx, "soa.approved_line", args, 2));
	}
	html_lit(o, "</p><p class=\"links\"><a href=\"/soa/export.xlsx?"
		    "version=");
	html_long(o, (long)v.no);
	html_lit(o, "&amp;lang=ja\">");
	page_t(ctx, "soa.export_xlsx_ja");
	html_lit(o, "</a> <a href=\"/soa/export.xlsx?version=");
	html_long(o, (long)v.no);
	html_lit(o, "&amp;lang=en\">");
	page_t(ctx, "soa.export_xlsx_en");
	html_lit(o, "</a> <a href=\"/soa/export.pdf?version=");
	html_long(o, (long)v.no);
	html_lit(o, "&amp;lang=ja\">");
	page_t(ctx, "soa.export_pdf_ja");
	html_lit(o, "</a> <a href=\"/soa/export.pdf?version=");
	html_long(o, (long)v.no);
	html_lit(o, "&amp;lang=en\">");
	page_t(ctx, "soa.export_pdf_en");
	html_lit(o, "</a></p>");
	entry_table(ctx, rows, count, NULL, NULL, "/soa/");
	layout_end(ctx);
}

/* A field's value as the reader reads it. */
static const char *field_text(struct ctx *ctx, const struct soa_entry *e,
			      enum soa_field f)
{
	char buf[64];

	if (!e)
		return "";
	switch (f) {
	case SOA_FIELD_APPLICABLE:
		return applicable_text(ctx, e->applicable);
	case SOA_FIELD_REASONS:
		return reasons_text(ctx, e->reasons);
	case SOA_FIELD_STATUS:
		return e->status == SOA_STATUS_UNSET
			       ? ""
			       : status_text(ctx, e->status);
	default:
		return arena_strdup(&ctx->req->arena,
				    soa_field_value(e, f, buf, sizeof(buf)));
	}
}

static int query_version(struct ctx *ctx, const char *name, int64_t *no)
{
	const char *v = request_query(ctx->req, name);
	long n;

	if (!v || parse_long(v, 1, 1000000, &n)) {
		page_error(ctx, 400, "http.bad_filter");
		return -1;
	}
	*no = n;
	return 0;
}

void page_soa_diff(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct soa_version va, vb;
	struct soa_entry *ra, *rb;
	struct soa_diff *d;
	size_t na, nb, n, i;
	int64_t a, b;
	int f;

	if (query_version(ctx, "a", &a) || query_version(ctx, "b", &b) ||
	    load_version(ctx, a, &va, &ra, &na) != 1 ||
	    load_version(ctx, b, &vb, &rb, &nb) != 1)
		return;
	d = arena_calloc(&ctx->req->arena, na + nb + 1, sizeof(*d));
	n = soa_diff(ra, na, rb, nb, d);
	{
		const char *args[2] = { num(ctx, va.no), num(ctx, vb.no) };

		layout_begin(ctx, tn(ctx, "soa.diff_title", args, 2), NAV_SOA);
	}
	html_lit(o, "<p><a href=\"/soa/versions\">");
	page_t(ctx, "soa.versions");
	html_lit(o, "</a></p>");
	if (!n) {
		html_lit(o, "<p class=\"empty\">");
		page_t(ctx, "soa.no_differences");
		html_lit(o, "</p>");
		layout_end(ctx);
		return;
	}
	html_lit(o, "<p>");
	html_text(o, t1(ctx, "soa.diff_count", num(ctx, (long)n)));
	html_lit(o, "</p><table class=\"list\"><thead><tr><th scope=\"col\">");
	page_t(ctx, "soa.col.control");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "soa.col.field");
	html_lit(o, "</th><th scope=\"col\">");
	html_text(o, t1(ctx, "soa.version_no", num(ctx, va.no)));
	html_lit(o, "</th><th scope=\"col\">");
	html_text(o, t1(ctx, "soa.version_no", num(ctx, vb.no)));
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++)
		for (f = 0; f < SOA_FIELD_COUNT; f++) {
			if (!(d[i].fields & (1u << f)))
				continue;
			html_lit(o, "<tr><td>");
			control_link(ctx, "/soa/", d[i].control);
			html_lit(o, "</td><td>");
			page_t(ctx,
			       arena_printf(&ctx->req->arena, "soa.%s",
					    soa_field_name((enum soa_field)f)));
			html_lit(o, "</td><td>");
			html_text(o, field_text(ctx, d[i].before,
						(enum soa_field)f));
			html_lit(o, "</td><td>");
			html_text(o, field_text(ctx, d[i].after,
						(enum soa_field)f));
			html_lit(o, "</td></tr>");
		}
	html_lit(o, "</tbody></table>");
	layout_end(ctx);
}

/* ---- export ---- */

/*
 * The language of the file (?lang=ja|en), chosen apart from the page's,
 * and the statement to write: the working one or ?version=N.
 */
static int export_input(struct ctx *ctx, enum lang *lang,
			struct soa_entry **rows, size_t *count, int64_t **risks,
			struct soa_version *version, int *is_version)
{
	const char *l = request_query(ctx->req, "lang");
	const char *ver = request_query(ctx->req, "version");
	struct error err = ERROR_INIT;
	int started;

	*lang = ctx->req->lang;
	*is_version = 0;
	if (l && *l) {
		if (strcmp(l, "ja") && strcmp(l, "en")) {
			page_error(ctx, 400, "http.bad_filter");
			return -1;
		}
		*lang = lang_from_locale(l);
	}
	if (ver && *ver) {
		int64_t no;

		*risks = NULL;
		*is_version = 1;
		if (query_version(ctx, "version", &no))
			return -1;
		return load_version(ctx, no, version, rows, count) == 1 ? 0
									: -1;
	}
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), rows, count, &started, &err) ||
	    soaview_risk_counts(ctx->store, &ctx->req->arena, ctx->app->cat,
				org_of(ctx), risks, &err)) {
		page_fail(ctx, &err);
		return -1;
	}
	return 0;
}

static void attachment(struct ctx *ctx, const char *ext)
{
	/* An ASCII name for old clients, 適用宣言書 for the rest. */
	response_header(ctx->resp, "Content-Disposition",
			arena_printf(&ctx->req->arena,
				     "attachment; filename=\"soa.%s\"; "
				     "filename*=UTF-8''%%E9%%81%%A9%%E7%%94%%A8"
				     "%%E5%%AE%%A3%%E8%%A8%%80%%E6%%9B%%B8.%s",
				     ext, ext));
}

void page_soa_export_csv(struct ctx *ctx)
{
	struct soa_version v;
	int is_version;
	struct soa_entry *rows;
	int64_t *risks;
	size_t count;
	enum lang lang;

	if (export_input(ctx, &lang, &rows, &count, &risks, &v, &is_version))
		return;
	soaview_csv(ctx->app->cat, ctx->app->msgs, lang, rows, count, risks,
		    &ctx->req->arena, &ctx->resp->body);
	ctx->resp->content_type = "text/csv; charset=utf-8";
	attachment(ctx, "csv");
}

struct soa_xlsx {
	struct ctx *ctx;
	enum lang lang;
	struct soa_entry *rows;
	size_t count;
	int64_t *risks;
};

static int write_soa_xlsx(const char *path, void *arg, struct error *err)
{
	struct soa_xlsx *x = arg;

	return soaview_xlsx(x->ctx->app->cat, x->ctx->app->msgs, x->lang,
			    x->rows, x->count, x->risks, &x->ctx->req->arena,
			    path, err);
}

void page_soa_export_xlsx(struct ctx *ctx)
{
	struct soa_version v;
	struct soa_xlsx x = { ctx, LANG_JA, NULL, 0, NULL };
	int is_version;

	if (export_input(ctx, &x.lang, &x.rows, &x.count, &x.risks, &v,
			 &is_version) ||
	    page_send_xlsx(ctx, write_soa_xlsx, &x))
		return;
	attachment(ctx, "xlsx");
}

/*
 * GET /soa/export.pdf[?version=N][&lang=ja|en]: the statement to print
 * and sign, landscape, a table per theme; an approved version carries its
 * approver in the 承認 box.
 */
void page_soa_export_pdf(struct ctx *ctx)
{
	struct soa_version v;
	int is_version;
	struct error err = ERROR_INIT;
	struct docreport_env e;
	struct soa_entry *rows;
	struct report *r;
	int64_t *risks;
	size_t count;
	enum lang lang;

	if (export_input(ctx, &lang, &rows, &count, &risks, &v, &is_version))
		return;
	memset(&e, 0, sizeof(e));
	e.arena = &ctx->req->arena;
	e.cat = ctx->app->cat;
	e.msgs = ctx->app->msgs;
	e.lang = lang;
	e.store = ctx->store;
	e.org = org_of(ctx);
	e.org_name = ctx->req->session->rec.org_name;
	e.now = ctx->req->now;
	if (docreport_soa(&e, is_version ? &v : NULL, rows, count, risks, &r,
			  &err) ||
	    report_render_pdf_buf(r, &ctx->resp->body, &err)) {
		page_fail(ctx, &err);
		return;
	}
	ctx->resp->content_type = report_format_mime(REPORT_FORMAT_PDF);
	attachment(ctx, "pdf");
}
