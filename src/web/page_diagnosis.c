/* page_diagnosis.c: the 25-item self-diagnosis: history, answering,
 * results with advice, comparison of two runs. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "store/repo_diagnosis.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"
#include "web/svg.h"

enum { HISTORY_MAX = 50 };

static const char *tx(const struct ctx *ctx, const struct text *t)
{
	return text_get(t, ctx->req->lang);
}

static const char *day(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 16);

	localtime_r(&tt, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}

static const char *answer_label(struct ctx *ctx, int a)
{
	const struct catalog *cat = ctx->app->cat;
	size_t i;

	for (i = 0; i < cat->answer_count; i++)
		if (cat->answers[i].value == a)
			return tx(ctx, &cat->answers[i].label);
	return t(ctx, "diagnosis.unanswered");
}

static const char *unit_name(struct ctx *ctx, const struct diagnosis_run *r)
{
	return *r->unit ? r->unit : t(ctx, "diagnosis.whole_company");
}

static void score_of(struct ctx *ctx, const int answers[DIAGNOSIS_ITEMS],
		     struct diagnosis_score *s)
{
	const struct catalog *cat = ctx->app->cat;

	if (diagnosis_score(answers, cat->parts, cat->part_count, s))
		BUG("the catalogue's parts do not cover the 25 items");
}

/* The page of one run that is not yet completed: the 25 questions. */
static void answer_form(struct ctx *ctx, const struct diagnosis_run *r,
			const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const char *base = arena_printf(&ctx->req->arena, "/diagnosis/%lld",
					(long long)r->id);
	size_t p, i, a;

	layout_begin(ctx, t(ctx, "diagnosis.answer_title"), NAV_DIAGNOSIS);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "diagnosis.answer_lead");
	html_lit(o, "</p><p>");
	html_text(o, unit_name(ctx, r));
	html_lit(o, " · ");
	html_long(o, r->answered);
	html_lit(o, " / 25 ");
	page_t(ctx, "diagnosis.answered");
	html_lit(o, "</p>");
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"");
	html_attr(o, base);
	html_lit(o, "\" class=\"diagnosis\">");
	page_csrf_field(ctx);
	for (p = 0; p < cat->part_count; p++) {
		const struct diagnosis_part *part = &cat->parts[p];

		html_lit(o, "<fieldset class=\"part\"><legend>Part ");
		html_long(o, part->part);
		html_lit(o, " ");
		html_text(o, tx(ctx, &part->name));
		html_lit(o, "</legend>");
		for (i = 0; i < cat->diagnosis_count; i++) {
			const struct diagnosis_item *d = &cat->diagnosis[i];
			int cur = r->answers[d->no - 1];

			if (d->part != part->part)
				continue;
			html_lit(o, "<div class=\"question\" id=\"q");
			html_long(o, d->no);
			html_lit(o, "\"><fieldset><legend><span class=\"no\">");
			html_long(o, d->no);
			html_lit(o, "</span> ");
			html_text(o, tx(ctx, &d->question));
			html_lit(o, "</legend><div class=\"choices\">");
			for (a = 0; a < cat->answer_count; a++) {
				int v = cat->answers[a].value;
				const char *id = arena_printf(&ctx->req->arena,
							      "a%d_%d", d->no,
							      v < 0 ? 9 : v);

				html_lit(o, "<label for=\"");
				html_attr(o, id);
				html_lit(o, "\"><input type=\"radio\" id=\"");
				html_attr(o, id);
				html_lit(o, "\" name=\"a");
				html_long(o, d->no);
				html_lit(o, "\" value=\"");
				html_long(o, v);
				html_lit(o, "\"");
				if (cur == v)
					html_lit(o, " checked");
				html_lit(o, "> ");
				html_text(o, tx(ctx, &cat->answers[a].label));
				html_lit(o, "</label>");
			}
			html_lit(o, "</div><label class=\"note\">");
			page_t(ctx, "diagnosis.note");
			html_lit(o, " <input name=\"n");
			html_long(o, d->no);
			html_lit(o, "\" maxlength=\"1000\" value=\"");
			html_attr(o, r->notes[d->no - 1]);
			html_lit(o, "\"></label></fieldset></div>");
		}
		html_lit(o, "</fieldset>");
	}
	html_lit(o, "<div class=\"actions\"><button type=\"submit\" "
		    "name=\"do\" value=\"save\">");
	page_t(ctx, "diagnosis.save");
	html_lit(o, "</button> <button type=\"submit\" name=\"do\" "
		    "value=\"complete\" class=\"primary\">");
	page_t(ctx, "diagnosis.complete");
	html_lit(o, "</button></div></form>");
	layout_end(ctx);
}

/* Links of one item to the controls, guideline items and regulations. */
static void item_links(struct ctx *ctx, const struct diagnosis_item *d)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<p class=\"links\">");
	for (i = 0; i < d->control_count; i++) {
		html_lit(o, "<a class=\"badge\" href=\"/controls/");
		html_url_arg(o, d->controls[i]->id);
		html_lit(o, "\" title=\"");
		html_attr(o, tx(ctx, &d->controls[i]->title));
		html_lit(o, "\">");
		html_text(o, d->controls[i]->id);
		html_lit(o, "</a> ");
	}
	for (i = 0; i < d->guideline_count; i++) {
		html_lit(o, "<a class=\"badge level\" href=\"/guideline/");
		html_url_arg(o, d->guideline[i]->id);
		html_lit(o, "\" title=\"");
		html_attr(o, tx(ctx, &d->guideline[i]->title));
		html_lit(o, "\">");
		html_text(o, d->guideline[i]->id);
		html_lit(o, "</a> ");
	}
	for (i = 0; i < d->regulation_count; i++) {
		html_lit(o, "<span class=\"badge reg\">");
		page_t(ctx, "diagnosis.regulation");
		html_lit(o, " ");
		html_long(o, d->regulations[i]->no);
		html_lit(o, " ");
		html_text(o, tx(ctx, &d->regulations[i]->title));
		html_lit(o, "</span> ");
	}
	html_lit(o, "</p>");
}

/* The result of a set of answers: total, parts, band, advice. */
static void result_body(struct ctx *ctx, const int answers[DIAGNOSIS_ITEMS],
			const char *const *notes, size_t max_advice)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct diagnosis_band *band;
	struct diagnosis_score s;
	int order[DIAGNOSIS_ITEMS];
	size_t weak, i, p;

	score_of(ctx, answers, &s);
	band = diagnosis_band_of(cat->bands, cat->band_count, s.total);
	html_lit(o, "<section class=\"score\" aria-labelledby=\"total\">"
		    "<h2 id=\"total\">");
	page_t(ctx, "diagnosis.total");
	html_lit(o, "</h2><p class=\"big\"><strong id=\"score\">");
	html_long(o, s.total);
	html_lit(o, "</strong> / 100</p>");
	if (band) {
		html_lit(o, "<p class=\"band\"><strong>");
		html_text(o, tx(ctx, &band->label));
		html_lit(o, "</strong> — ");
		html_text(o, tx(ctx, &band->meaning));
		html_lit(o, "</p><p>");
		html_text(o, tx(ctx, &band->next));
		html_lit(o, "</p>");
	}
	html_lit(o, "<table class=\"parts\"><tbody>");
	for (p = 0; p < cat->part_count; p++) {
		int pi = cat->parts[p].part - 1;
		const char *name = tx(ctx, &cat->parts[p].name);

		html_lit(o, "<tr><th scope=\"row\">");
		html_text(o, name);
		html_lit(o, "</th><td>");
		html_long(o, s.part_total[pi]);
		html_lit(o, " / ");
		html_long(o, s.part_max[pi]);
		html_lit(o, "</td><td>");
		svg_bar(o, name, s.part_total[pi], s.part_max[pi]);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table>");
	if (s.unknown_count) {
		html_lit(o, "<p class=\"notice warn\">");
		page_t(ctx, "diagnosis.unknown_notice");
		html_lit(o, " (");
		html_long(o, s.unknown_count);
		html_lit(o, ")</p>");
	}
	html_lit(
		o,
		"</section><section aria-labelledby=\"weak\"><h2 id=\"weak\">");
	page_t(ctx, "diagnosis.weakest");
	html_lit(o, "</h2>");
	weak = diagnosis_weakest_first(answers, order);
	if (!weak) {
		html_lit(o, "<p>");
		page_t(ctx, "diagnosis.nothing_weak");
		html_lit(o, "</p>");
	}
	html_lit(o, "<ol class=\"advice\">");
	for (i = 0; i < weak && i < max_advice; i++) {
		const struct diagnosis_item *d =
			catalog_diagnosis_item(cat, order[i]);
		int a = answers[order[i] - 1];

		html_lit(o, "<li><h3><span class=\"no\">");
		html_long(o, d->no);
		html_lit(o, "</span> ");
		html_text(o, tx(ctx, &d->question));
		html_lit(o, "</h3><p><span class=\"badge ");
		if (a == ANSWER_UNKNOWN)
			html_lit(o, "unknown");
		else if (a == ANSWER_NOT_DONE)
			html_lit(o, "bad");
		else
			html_lit(o, "part");
		html_lit(o, "\">");
		html_text(o, answer_label(ctx, a));
		html_lit(o, "</span>");
		if (notes && *notes[d->no - 1]) {
			html_lit(o, " <small>");
			html_text(o, notes[d->no - 1]);
			html_lit(o, "</small>");
		}
		html_lit(o, "</p><p>");
		html_text(o, tx(ctx, &d->advice));
		html_lit(o, "</p>");
		item_links(ctx, d);
		html_lit(o, "</li>");
	}
	html_lit(o, "</ol>");
	if (weak > max_advice) {
		html_lit(o, "<p>");
		page_t(ctx, "diagnosis.more_advice");
		html_lit(o, " (");
		html_long(o, (long)(weak - max_advice));
		html_lit(o, ")</p>");
	}
	html_lit(o, "</section>");
}

static void result_page(struct ctx *ctx, const struct diagnosis_run *r)
{
	struct strbuf *o = &ctx->resp->body;

	layout_begin(ctx, t(ctx, "diagnosis.result_title"), NAV_DIAGNOSIS);
	html_lit(o, "<p>");
	html_text(o, unit_name(ctx, r));
	html_lit(o, " · ");
	html_text(o, r->answered_by);
	html_lit(o, " · ");
	html_text(o, day(ctx, r->completed_at));
	html_lit(o, "</p>");
	result_body(ctx, r->answers, r->notes, DIAGNOSIS_ITEMS);
	html_lit(o, "<p><a href=\"/diagnosis\">");
	page_t(ctx, "diagnosis.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}

/* Loads run route_arg of the session's organisation, or answers 404. */
static int load_run(struct ctx *ctx, struct diagnosis_run *r)
{
	struct error err = ERROR_INIT;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		page_error(ctx, 404, "http.not_found");
		return -1;
	}
	found = repo_run_get(ctx->store, &ctx->req->arena,
			     ctx->req->session->rec.org_id, id, r, &err);
	if (found < 0) {
		page_fail(ctx, &err);
		return -1;
	}
	if (!found) {
		page_error(ctx, 404, "http.not_found");
		return -1;
	}
	return 0;
}

void page_diagnosis_show(struct ctx *ctx)
{
	struct diagnosis_run r;

	if (load_run(ctx, &r))
		return;
	if (r.completed_at)
		result_page(ctx, &r);
	else
		answer_form(ctx, &r, NULL);
}

void page_diagnosis_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct diagnosis_run r;
	const char *by = ctx->req->session->rec.email;
	const char *what = request_form(ctx->req, "do");
	int64_t org = ctx->req->session->rec.org_id;
	int no, done;

	if (load_run(ctx, &r))
		return;
	if (r.completed_at) {
		page_error(ctx, 409, "diagnosis.closed");
		return;
	}
	if (store_begin(ctx->store, &err))
		goto out_fail;
	for (no = 1; no <= DIAGNOSIS_ITEMS; no++) {
		char name[8];
		const char *a, *note;
		int v;

		snprintf(name, sizeof(name), "a%d", no);
		a = request_form(ctx->req, name);
		snprintf(name, sizeof(name), "n%d", no);
		note = request_form(ctx->req, name);
		if (!note)
			note = r.notes[no - 1];
		if (!a) {
			/* A note without an answer waits for the answer. */
			continue;
		}
		if (parse_int(a, -1, 4, &v) || !diagnosis_answer_valid(v)) {
			store_rollback(ctx->store);
			page_error(ctx, 400, "http.bad_form");
			return;
		}
		if (utf8_count(note, strlen(note)) > DIAGNOSIS_NOTE_MAX) {
			store_rollback(ctx->store);
			ctx->resp->status = 400;
			answer_form(ctx, &r, t(ctx, "diagnosis.note_too_long"));
			return;
		}
		if (repo_run_answer(ctx->store, org, r.id, no, v, note, by,
				    ctx->req->now, &err) < 0)
			goto out_rollback;
	}
	done = 0;
	if (what && !strcmp(what, "complete")) {
		done = repo_run_complete(ctx->store, org, r.id, ctx->req->now,
					 &err);
		if (done < 0)
			goto out_rollback;
	}
	if (page_audit(ctx, done ? "diagnosis.complete" : "diagnosis.save",
		       arena_printf(&ctx->req->arena, "diagnosis:%lld",
				    (long long)r.id),
		       "", "", &err) ||
	    store_commit(ctx->store, &err))
		goto out_rollback;
	if (what && !strcmp(what, "complete") && !done) {
		/* Some item is still open: say which, keep what was saved. */
		if (repo_run_get(ctx->store, &ctx->req->arena, org, r.id, &r,
				 &err) <= 0)
			goto out_fail;
		ctx->resp->status = 400;
		answer_form(ctx, &r, t(ctx, "diagnosis.incomplete"));
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/diagnosis/%lld",
				       (long long)r.id));
	return;
out_rollback:
	store_rollback(ctx->store);
out_fail:
	page_fail(ctx, &err);
}

void page_diagnosis_start(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *unit = request_form(ctx->req, "unit");
	int64_t id;

	if (!unit)
		unit = "";
	if (utf8_count(unit, strlen(unit)) > 100) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_run_create(ctx->store, ctx->req->session->rec.org_id, unit,
			    ctx->req->session->rec.email, ctx->req->now, &id,
			    &err) ||
	    page_audit(ctx, "diagnosis.start",
		       arena_printf(&ctx->req->arena, "diagnosis:%lld",
				    (long long)id),
		       "", unit, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/diagnosis/%lld",
				       (long long)id));
}

/*
 * The overview: the combined result of each unit's latest completed run,
 * the trend of totals, the history, and a form to start a new run.
 */
void page_diagnosis(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct diagnosis_run *runs;
	size_t count, i, done = 0, units = 0;
	int combined[DIAGNOSIS_ITEMS];
	struct svg_point *pts;
	static const long guides[] = { 0, 50, 70, 100 };

	if (repo_run_list(ctx->store, &ctx->req->arena,
			  ctx->req->session->rec.org_id, HISTORY_MAX, &runs,
			  &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (repo_run_latest_combined(ctx->store, &ctx->req->arena,
				     ctx->req->session->rec.org_id, combined,
				     &units, &err)) {
		page_fail(ctx, &err);
		return;
	}
	pts = arena_calloc(&ctx->req->arena, count ? count : 1, sizeof(*pts));
	layout_begin(ctx, t(ctx, "diagnosis.title"), NAV_DIAGNOSIS);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "diagnosis.lead");
	html_lit(o, "</p>");
	if (units) {
		if (units > 1) {
			html_lit(o, "<p class=\"notice\">");
			page_t(ctx, "diagnosis.combined_notice");
			html_lit(o, " (");
			html_long(o, (long)units);
			html_lit(o, ")</p>");
		}
		/* The overview keeps to the five weakest; each run's own page
		 * has all of them. */
		result_body(ctx, combined, NULL, 5);
	}
	/* The trend, oldest first, of completed runs. */
	for (i = count; i-- > 0;)
		if (runs[i].completed_at) {
			pts[done].label = day(ctx, runs[i].completed_at);
			pts[done].value = runs[i].total;
			done++;
		}
	if (done) {
		html_lit(
			o,
			"<section aria-labelledby=\"trend\"><h2 id=\"trend\">");
		page_t(ctx, "diagnosis.trend");
		html_lit(o, "</h2>");
		svg_line_chart(o, t(ctx, "diagnosis.trend"), pts, done, -25,
			       100, guides, ARRAY_SIZE(guides));
		html_lit(o, "</section>");
	}
	html_lit(o, "<section aria-labelledby=\"hist\"><h2 id=\"hist\">");
	page_t(ctx, "diagnosis.history");
	html_lit(o, "</h2>");
	if (count) {
		html_lit(o,
			 "<form method=\"get\" action=\"/diagnosis/compare\">"
			 "<table class=\"list\"><thead><tr><th scope=\"col\">");
		page_t(ctx, "diagnosis.compare_pick");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "diagnosis.date");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "diagnosis.unit");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "diagnosis.by");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "diagnosis.total");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < count; i++) {
			const char *id = arena_printf(&ctx->req->arena, "%lld",
						      (long long)runs[i].id);

			html_lit(o, "<tr><td>");
			if (runs[i].completed_at) {
				html_lit(
					o,
					"<input type=\"checkbox\" name=\"run\" "
					"value=\"");
				html_attr(o, id);
				html_lit(o, "\" aria-label=\"");
				html_attr(o, id);
				html_lit(o, "\">");
			}
			html_lit(o, "</td><td><a href=\"/diagnosis/");
			html_attr(o, id);
			html_lit(o, "\">");
			html_text(o, day(ctx, runs[i].completed_at
						      ? runs[i].completed_at
						      : runs[i].started_at));
			html_lit(o, "</a>");
			if (!runs[i].completed_at) {
				html_lit(o, " <span class=\"badge\">");
				page_t(ctx, "diagnosis.open");
				html_lit(o, " ");
				html_long(o, runs[i].answered);
				html_lit(o, "/25</span>");
			}
			html_lit(o, "</td><td>");
			html_text(o, unit_name(ctx, &runs[i]));
			html_lit(o, "</td><td>");
			html_text(o, runs[i].answered_by);
			html_lit(o, "</td><td>");
			if (runs[i].completed_at)
				html_long(o, runs[i].total);
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table><button type=\"submit\">");
		page_t(ctx, "diagnosis.compare");
		html_lit(o, "</button></form>");
	}
	html_lit(o,
		 "</section><section aria-labelledby=\"new\"><h2 id=\"new\">");
	page_t(ctx, "diagnosis.start");
	html_lit(o, "</h2><form method=\"post\" action=\"/diagnosis\" "
		    "class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"unit\">");
	page_t(ctx, "diagnosis.unit_help");
	html_lit(o,
		 "</label><input id=\"unit\" name=\"unit\" maxlength=\"100\">"
		 "<button type=\"submit\" class=\"primary\">");
	page_t(ctx, "diagnosis.start_submit");
	html_lit(o, "</button></form></section>");
	layout_end(ctx);
}

void page_diagnosis_compare(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct diagnosis_run r[2];
	struct error err = ERROR_INIT;
	long ids[2];
	size_t n = 0, i;
	int k;

	for (i = 0; i < ctx->req->query_count && n < 3; i++)
		if (!strcmp(ctx->req->query[i].name, "run")) {
			if (n == 2 || parse_long(ctx->req->query[i].value, 1,
						 INT32_MAX, &ids[n])) {
				n = 3;
				break;
			}
			n++;
		}
	if (n != 2) {
		page_error(ctx, 400, "diagnosis.pick_two");
		return;
	}
	for (k = 0; k < 2; k++) {
		int found = repo_run_get(ctx->store, &ctx->req->arena,
					 ctx->req->session->rec.org_id, ids[k],
					 &r[k], &err);

		if (found < 0) {
			page_fail(ctx, &err);
			return;
		}
		if (!found) {
			page_error(ctx, 404, "http.not_found");
			return;
		}
	}
	/* Older first, whatever order they were ticked in. */
	if (r[0].id > r[1].id) {
		struct diagnosis_run tmp = r[0];

		r[0] = r[1];
		r[1] = tmp;
	}
	layout_begin(ctx, t(ctx, "diagnosis.compare_title"), NAV_DIAGNOSIS);
	html_lit(o,
		 "<table class=\"list compare\"><thead><tr><th scope=\"col\">"
		 "#</th><th scope=\"col\">");
	page_t(ctx, "col.question");
	html_lit(o, "</th>");
	for (k = 0; k < 2; k++) {
		html_lit(o, "<th scope=\"col\">");
		html_text(o, day(ctx, r[k].completed_at ? r[k].completed_at
							: r[k].started_at));
		html_lit(o, "<br><small>");
		html_text(o, unit_name(ctx, &r[k]));
		html_lit(o, "</small></th>");
	}
	html_lit(o, "<th scope=\"col\">");
	page_t(ctx, "diagnosis.change");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < cat->diagnosis_count; i++) {
		const struct diagnosis_item *d = &cat->diagnosis[i];
		int a = r[0].answers[d->no - 1], b = r[1].answers[d->no - 1];
		enum diagnosis_change ch = diagnosis_compare_item(a, b);
		static const char *const keys[] = { "diagnosis.same",
						    "diagnosis.better",
						    "diagnosis.worse",
						    "diagnosis.uncomparable" };
		static const char *const classes[] = { "same", "better",
						       "worse", "unknown" };

		html_lit(o, "<tr><td>");
		html_long(o, d->no);
		html_lit(o, "</td><td>");
		html_text(o, tx(ctx, &d->question));
		html_lit(o, "</td><td>");
		html_text(o, answer_label(ctx, a));
		html_lit(o, "</td><td>");
		html_text(o, answer_label(ctx, b));
		html_lit(o, "</td><td><span class=\"badge ");
		html_attr(o, classes[ch]);
		html_lit(o, "\">");
		page_t(ctx, keys[ch]);
		html_lit(o, "</span></td></tr>");
	}
	html_lit(o, "</tbody><tfoot><tr><td></td><th scope=\"row\">");
	page_t(ctx, "diagnosis.total");
	html_lit(o, "</th><td>");
	html_long(o, r[0].total);
	html_lit(o, "</td><td>");
	html_long(o, r[1].total);
	html_lit(o, "</td><td>");
	if (r[1].total >= r[0].total)
		html_lit(o, "+");
	html_long(o, r[1].total - r[0].total);
	html_lit(o, "</td></tr></tfoot></table><p><a href=\"/diagnosis\">");
	page_t(ctx, "diagnosis.back");
	html_lit(o, "</a></p>");
	layout_end(ctx);
}
