/* page_policy.c: the basic policy and the handbook (generate, edit,
 * approve, publish, print), and the executive's checklist. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/policy.h"
#include "store/repo_diagnosis.h"
#include "store/repo_policy.h"
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

enum { DOC_BODY_MAX = 100000 }; /* characters */

static const char *tx(const struct ctx *ctx, const struct text *t)
{
	return text_get(t, ctx->req->lang);
}

static const char *day(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 32);

	localtime_r(&tt, &tm);
	if (ctx->req->lang == LANG_JA)
		strftime(buf, 32, "%Y年%m月%d日", &tm);
	else
		strftime(buf, 32, "%Y-%m-%d", &tm);
	return buf;
}

/* Which document a route works on, from its path. */
struct doc_kind {
	const char *kind;  /* in the store */
	const char *base;  /* "/policy" or "/handbook" */
	const char *title; /* message key */
	enum nav nav;
};

static const struct doc_kind policy_kind = { "basic_policy", "/policy",
					     "policy.title", NAV_POLICY };
static const struct doc_kind handbook_kind = { "handbook", "/handbook",
					       "handbook.title", NAV_HANDBOOK };

static const struct doc_kind *kind_of(struct ctx *ctx)
{
	return !strncmp(ctx->req->path, "/handbook", 9) ? &handbook_kind
							: &policy_kind;
}

/* Fills the template placeholders from the profile and the organisation. */
static int fill_of(struct ctx *ctx, int version, struct policy_fill *f,
		   struct error *err)
{
	struct org_profile p;

	if (repo_profile_get(ctx->store, &ctx->req->arena,
			     ctx->req->session->rec.org_id, &p, err))
		return -1;
	f->company = ctx->req->session->rec.org_name;
	f->representative = *p.representative ? p.representative : "—";
	f->services = *p.services ? p.services : t(ctx, "policy.our_work");
	f->date = day(ctx, ctx->req->now);
	f->version = version;
	return 0;
}

static void doc_page(struct ctx *ctx, const struct doc_kind *k,
		     const struct policy_doc *d, int have,
		     const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	const struct session *s = ctx->req->session;
	struct policy_doc *versions;
	struct error err = ERROR_INIT;
	size_t count = 0, i;
	int can_edit = permission_granted(s->rec.roles, PERM_ANSWER);
	int can_approve = permission_granted(s->rec.roles, PERM_APPROVE);

	repo_doc_list(ctx->store, &ctx->req->arena, s->rec.org_id, k->kind,
		      &versions, &count, &err);
	layout_begin(ctx, t(ctx, k->title), k->nav);
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, k == &policy_kind ? "policy.lead" : "handbook.lead");
	html_lit(o, "</p>");
	if (have) {
		html_lit(o, "<p class=\"docstate\">");
		html_text(o, t1(ctx, "policy.version",
				arena_printf(&ctx->req->arena, "%d",
					     (int)(d->version))));
		html_lit(o, " · ");
		if (d->published_at) {
			html_lit(o, "<span class=\"badge ok\">");
			page_t(ctx, "policy.published");
			html_lit(o, "</span> ");
			html_text(o, day(ctx, d->published_at));
		} else if (d->approved_by) {
			html_lit(o, "<span class=\"badge ok\">");
			page_t(ctx, "policy.approved");
			html_lit(o, "</span> ");
			html_text(o, d->approved_by);
			html_lit(o, " ");
			html_text(o, day(ctx, d->approved_at));
		} else {
			html_lit(o, "<span class=\"badge\">");
			page_t(ctx, "policy.draft");
			html_lit(o, "</span>");
		}
		html_lit(o, " · <a href=\"");
		html_attr(o, k->base);
		html_lit(o, "/print\">");
		page_t(ctx, "policy.print");
		html_lit(o, "</a> · <a href=\"");
		html_attr(o, k->base);
		html_lit(o, "/export.pdf\" download>");
		page_t(ctx, "report.download_pdf");
		html_lit(o, "</a></p><article class=\"document\" id=\"doc\">");
		html_markdown(o, d->body);
		html_lit(o, "</article><div class=\"actions\">");
		if (can_approve && !d->approved_by) {
			html_lit(o, "<form method=\"post\" action=\"");
			html_attr(o, k->base);
			html_lit(o, "/approve\" class=\"inline\">");
			page_csrf_field(ctx);
			html_hidden(o, "version",
				    arena_printf(&ctx->req->arena, "%d",
						 d->version));
			html_lit(o,
				 "<button type=\"submit\" class=\"primary\">");
			page_t(ctx, "policy.approve");
			html_lit(o, "</button></form>");
		}
		if (can_approve && d->approved_by && !d->published_at) {
			html_lit(o, "<form method=\"post\" action=\"");
			html_attr(o, k->base);
			html_lit(o, "/publish\" class=\"inline\">");
			page_csrf_field(ctx);
			html_hidden(o, "version",
				    arena_printf(&ctx->req->arena, "%d",
						 d->version));
			html_lit(o,
				 "<button type=\"submit\" class=\"primary\">");
			page_t(ctx, "policy.publish");
			html_lit(o, "</button></form>");
		}
		html_lit(o, "</div>");
	}
	if (can_edit) {
		html_lit(o, "<section aria-labelledby=\"gen\"><h2 id=\"gen\">");
		page_t(ctx, "policy.generate_title");
		html_lit(o, "</h2><form method=\"post\" action=\"");
		html_attr(o, k->base);
		html_lit(o, "/generate\" class=\"stack\">");
		page_csrf_field(ctx);
		if (k == &policy_kind) {
			html_lit(o, "<fieldset class=\"objectives\"><legend>");
			page_t(ctx, "policy.objectives");
			html_lit(o, "</legend>");
			for (i = 0; i < cat->objective_count; i++) {
				const struct policy_objective *ob =
					&cat->objectives[i];
				int on = have && strstr(d->objectives, ob->id);

				html_lit(o, "<label><input type=\"checkbox\" "
					    "name=\"objective\" value=\"");
				html_attr(o, ob->id);
				html_lit(o, "\"");
				if (on || (!have && i < 5))
					html_lit(o, " checked");
				html_lit(o, "> <strong>");
				html_text(o, tx(ctx, &ob->title));
				html_lit(o, "</strong> — ");
				html_text(o, tx(ctx, &ob->text));
				html_lit(o, "</label>");
			}
			html_lit(o, "</fieldset>");
		}
		html_lit(o, "<p>");
		page_t(ctx, k == &policy_kind ? "policy.generate_help"
					      : "handbook.generate_help");
		html_lit(o, "</p><button type=\"submit\">");
		page_t(ctx, "policy.generate");
		html_lit(o, "</button></form>");
		if (have) {
			html_lit(o, "<h2>");
			page_t(ctx, "policy.edit");
			html_lit(o, "</h2><form method=\"post\" action=\"");
			html_attr(o, k->base);
			html_lit(o, "\" class=\"stack\">");
			page_csrf_field(ctx);
			html_hidden(o, "objectives", d->objectives);
			html_lit(o, "<label for=\"body\">");
			page_t(ctx, "policy.body");
			html_lit(o,
				 "</label><textarea id=\"body\" name=\"body\" "
				 "rows=\"24\">");
			html_text(o, d->body);
			html_lit(o, "</textarea><button type=\"submit\">");
			page_t(ctx, "policy.save");
			html_lit(o, "</button></form>");
		}
		html_lit(o, "</section>");
	}
	if (count) {
		html_lit(o, "<h2>");
		page_t(ctx, "policy.history");
		html_lit(o, "</h2><ul class=\"refs\">");
		for (i = 0; i < count; i++) {
			html_lit(o, "<li>");
			html_text(o,
				  t1(ctx, "policy.version",
				     arena_printf(&ctx->req->arena, "%d",
						  (int)(versions[i].version))));
			html_lit(o, " · ");
			html_text(o, day(ctx, versions[i].created_at));
			html_lit(o, " · ");
			html_text(o, versions[i].created_by);
			if (versions[i].published_at) {
				html_lit(o, " <span class=\"badge ok\">");
				page_t(ctx, "policy.published");
				html_lit(o, "</span>");
			} else if (versions[i].approved_by) {
				html_lit(o, " <span class=\"badge ok\">");
				page_t(ctx, "policy.approved");
				html_lit(o, "</span>");
			}
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul>");
	}
	layout_end(ctx);
}

void page_doc(struct ctx *ctx)
{
	const struct doc_kind *k = kind_of(ctx);
	struct error err = ERROR_INIT;
	struct policy_doc d;
	int have;

	memset(&d, 0, sizeof(d));
	have = repo_doc_get(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, k->kind, 0, &d,
			    &err);
	if (have < 0) {
		page_fail(ctx, &err);
		return;
	}
	doc_page(ctx, k, &d, have, NULL);
}

/* The printable page: the document alone, with room for the seal. */
void page_doc_print(struct ctx *ctx)
{
	const struct doc_kind *k = kind_of(ctx);
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct policy_doc d;
	int have = repo_doc_get(ctx->store, &ctx->req->arena,
				ctx->req->session->rec.org_id, k->kind, 0, &d,
				&err);

	if (have <= 0) {
		if (have < 0)
			page_fail(ctx, &err);
		else
			page_error(ctx, 404, "http.not_found");
		return;
	}
	layout_begin_print(ctx, t(ctx, k->title));
	html_lit(o, "<article class=\"document print\">");
	html_markdown(o, d.body);
	html_lit(o, "</article><p class=\"docstate\">");
	html_text(o,
		  t1(ctx, "policy.version",
		     arena_printf(&ctx->req->arena, "%d", (int)(d.version))));
	if (d.approved_by) {
		html_lit(o, " · ");
		page_t(ctx, "policy.approved");
		html_lit(o, " ");
		html_text(o, day(ctx, d.approved_at));
	}
	html_lit(o, "</p>");
	layout_end_print(ctx);
}

/* Saves body as a new version and shows the page again. */
static void save_version(struct ctx *ctx, const struct doc_kind *k,
			 const char *body, const char *objectives,
			 const char *action)
{
	struct error err = ERROR_INIT;
	int version;

	if (store_begin(ctx->store, &err) ||
	    repo_doc_save(ctx->store, ctx->req->session->rec.org_id, k->kind,
			  body, objectives, ctx->req->session->rec.email,
			  ctx->req->now, &version, &err) ||
	    page_audit(ctx, action,
		       arena_printf(&ctx->req->arena, "%s:%d", k->kind,
				    version),
		       "", "", &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, k->base);
}

void page_doc_generate(struct ctx *ctx)
{
	const struct doc_kind *k = kind_of(ctx);
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct strbuf body = STRBUF_INIT, ids = STRBUF_INIT;
	struct policy_fill fill;
	struct policy_doc last;
	int answers[DIAGNOSIS_ITEMS];
	int have;
	size_t i, n = 0;
	const struct policy_objective **chosen = arena_calloc(
		&ctx->req->arena, cat->objective_count + 1, sizeof(*chosen));

	have = repo_doc_get(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, k->kind, 0, &last,
			    &err);
	if (have < 0 ||
	    fill_of(ctx, have > 0 ? last.version + 1 : 1, &fill, &err)) {
		page_fail(ctx, &err);
		return;
	}
	for (i = 0; i < ctx->req->form_count; i++) {
		const struct policy_objective *ob;

		if (strcmp(ctx->req->form[i].name, "objective"))
			continue;
		ob = catalog_objective(cat, ctx->req->form[i].value);
		if (!ob || n == cat->objective_count) {
			/* out: ids may hold earlier objectives (a leak found
			 * by tests/fuzz/fuzz_pages.c). */
			page_error(ctx, 400, "http.bad_form");
			goto out;
		}
		chosen[n++] = ob;
		strbuf_addf(&ids, "%s%s", ids.len ? " " : "", ob->id);
	}
	if (k == &policy_kind) {
		policy_generate(cat->policy_blocks, cat->policy_block_count,
				chosen, n, ctx->req->lang, &fill, &body);
	} else {
		size_t units;

		if (repo_run_latest_combined(ctx->store, &ctx->req->arena,
					     ctx->req->session->rec.org_id,
					     answers, &units, &err)) {
			page_fail(ctx, &err);
			goto out;
		}
		handbook_generate(cat->handbook, cat->handbook_count,
				  cat->parts, cat->part_count, answers,
				  ctx->req->lang, &fill,
				  t(ctx, "handbook.title"),
				  t(ctx, "handbook.intro"),
				  t(ctx, "handbook.focus"), &body);
	}
	save_version(ctx, k, body.buf, ids.buf, "doc.generate");
out:
	strbuf_release(&body);
	strbuf_release(&ids);
}

void page_doc_save(struct ctx *ctx)
{
	const struct doc_kind *k = kind_of(ctx);
	const char *body = request_form(ctx->req, "body");
	const char *objectives = request_form(ctx->req, "objectives");

	if (!body || !*body || utf8_count(body, strlen(body)) > DOC_BODY_MAX) {
		struct error err = ERROR_INIT;
		struct policy_doc d;
		int have = repo_doc_get(ctx->store, &ctx->req->arena,
					ctx->req->session->rec.org_id, k->kind,
					0, &d, &err);

		ctx->resp->status = 400;
		doc_page(ctx, k, &d, have > 0, t(ctx, "policy.body_bad"));
		return;
	}
	save_version(ctx, k, body, objectives ? objectives : "", "doc.edit");
}

static void approve_or_publish(struct ctx *ctx, int publish)
{
	const struct doc_kind *k = kind_of(ctx);
	struct error err = ERROR_INIT;
	const char *v = request_form(ctx->req, "version");
	int version, done;

	if (!v || parse_int(v, 1, INT32_MAX, &version)) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    (done = publish ? repo_doc_publish(
				      ctx->store, ctx->req->session->rec.org_id,
				      k->kind, version, ctx->req->now, &err)
			    : repo_doc_approve(ctx->store,
					       ctx->req->session->rec.org_id,
					       k->kind, version,
					       ctx->req->session->rec.email,
					       ctx->req->now, &err)) < 0 ||
	    (done && page_audit(ctx, publish ? "doc.publish" : "doc.approve",
				arena_printf(&ctx->req->arena, "%s:%d", k->kind,
					     version),
				"", "", &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	if (!done) {
		page_error(ctx, 409,
			   publish ? "policy.cannot_publish"
				   : "policy.cannot_approve");
		return;
	}
	response_redirect(ctx->resp, k->base);
}

void page_doc_approve(struct ctx *ctx)
{
	approve_or_publish(ctx, 0);
}

void page_doc_publish(struct ctx *ctx)
{
	approve_or_publish(ctx, 1);
}

/* --- the executive's checklist ------------------------------------------ */

void page_executive(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct signoff *rows;
	size_t count, i, j;
	int can_sign =
		permission_granted(ctx->req->session->rec.roles, PERM_APPROVE);

	if (repo_signoff_list(ctx->store, &ctx->req->arena,
			      ctx->req->session->rec.org_id, &rows, &count,
			      &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "executive.title"), NAV_EXECUTIVE);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "executive.lead");
	html_lit(o, "</p><ol class=\"five\">");
	for (i = 0; i < cat->executive_count; i++) {
		const struct executive_item *e = &cat->executive[i];
		const char *id = arena_printf(&ctx->req->arena, "%s-%d",
					      executive_kind_name(e->kind),
					      e->no);
		const struct signoff *so = NULL;

		for (j = 0; j < count; j++)
			if (!strcmp(rows[j].item, id))
				so = &rows[j];
		html_lit(o, "<li class=\"card\" id=\"");
		html_attr(o, id);
		html_lit(o, "\"><h2><span class=\"badge\">");
		page_t(ctx, e->kind == EXECUTIVE_PRINCIPLE ? "exec.principle"
							   : "exec.action");
		html_lit(o, " ");
		html_long(o, e->no);
		html_lit(o, "</span> ");
		html_text(o, tx(ctx, &e->title));
		html_lit(o, "</h2><p>");
		html_text(o, tx(ctx, &e->detail));
		html_lit(o, "</p>");
		if (so && so->done) {
			html_lit(o, "<p class=\"notice ok\">");
			page_t(ctx, "executive.signed");
			html_lit(o, " ");
			html_text(o, so->signed_by);
			html_lit(o, " · ");
			html_text(o, day(ctx, so->signed_at));
			if (*so->note) {
				html_lit(o, " — ");
				html_text(o, so->note);
			}
			html_lit(o, "</p>");
		}
		if (can_sign) {
			html_lit(o,
				 "<form method=\"post\" action=\"/executive\" "
				 "class=\"filters\">");
			page_csrf_field(ctx);
			html_hidden(o, "item", id);
			html_lit(o, "<label><input type=\"checkbox\" "
				    "name=\"done\" value=\"1\"");
			if (so && so->done)
				html_lit(o, " checked");
			html_lit(o, "> ");
			page_t(ctx, "executive.done");
			html_lit(o, "</label><label>");
			page_t(ctx, "diagnosis.note");
			html_lit(o, " <input name=\"note\" maxlength=\"1000\" "
				    "value=\"");
			html_attr(o, so ? so->note : "");
			html_lit(o, "\"></label><button type=\"submit\">");
			page_t(ctx, "executive.sign");
			html_lit(o, "</button></form>");
		}
		html_lit(o, "</li>");
	}
	html_lit(o, "</ol>");
	layout_end(ctx);
}

void page_executive_save(struct ctx *ctx)
{
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	const char *item = request_form(ctx->req, "item");
	const char *note = request_form(ctx->req, "note");
	const char *done = request_form(ctx->req, "done");
	size_t i;
	int known = 0;

	for (i = 0; item && i < cat->executive_count; i++) {
		char id[32];

		snprintf(id, sizeof(id), "%s-%d",
			 executive_kind_name(cat->executive[i].kind),
			 cat->executive[i].no);
		if (!strcmp(id, item))
			known = 1;
	}
	if (!note)
		note = "";
	if (!known || utf8_count(note, strlen(note)) > 1000) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_signoff_set(ctx->store, ctx->req->session->rec.org_id, item,
			     done && !strcmp(done, "1"), note,
			     ctx->req->session->rec.email, ctx->req->now,
			     &err) ||
	    page_audit(ctx, "executive.sign", item, "", done ? "1" : "0",
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, arena_printf(&ctx->req->arena,
						  "/executive#%s", item));
}
