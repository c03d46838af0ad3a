/* page_path.c: the first steps: the guide, the profile and the 5か条. */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/guideline.h"
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

static const char *tx(const struct ctx *ctx, const struct text *t)
{
	return text_get(t, ctx->req->lang);
}

/* Where the organisation is on the path, read once for the guide. */
struct path_state {
	struct org_profile profile;
	enum five_status five[5];
	const char *notes[5];
	int five_committed[5];
	int diagnosis_done;
	int diagnosis_open;
	int64_t open_run;
	int policy_published;
	struct security_action sa;
};

static int load_state(struct ctx *ctx, struct path_state *st, struct error *err)
{
	struct diagnosis_run *runs;
	size_t count, i;
	int64_t org = ctx->req->session->rec.org_id;

	memset(st, 0, sizeof(*st));
	if (repo_profile_get(ctx->store, &ctx->req->arena, org, &st->profile,
			     err) ||
	    repo_five_get(ctx->store, &ctx->req->arena, org, st->five,
			  st->notes, err) ||
	    repo_run_list(ctx->store, &ctx->req->arena, org, 20, &runs, &count,
			  err))
		return -1;
	for (i = 0; i < 5; i++)
		st->five_committed[i] = st->five[i] == FIVE_COMMITTED;
	for (i = 0; i < count; i++) {
		if (runs[i].completed_at)
			st->diagnosis_done = 1;
		else if (!st->diagnosis_open) {
			st->diagnosis_open = 1;
			st->open_run = runs[i].id;
		}
	}
	if (repo_doc_published(ctx->store, org, "basic_policy",
			       &st->policy_published, err))
		return -1;
	security_action_readiness(st->five_committed, st->diagnosis_done,
				  st->policy_published, &st->sa);
	return 0;
}

/* One step of the guide with its state. */
static void guide_step(struct ctx *ctx, int no, const char *title_key,
		       const char *text_key, const char *href, int done,
		       const char *state_key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<li class=\"step");
	if (done)
		html_lit(o, " done");
	html_lit(o, "\"><span class=\"level\">");
	html_long(o, no);
	html_lit(o, "</span><div><h3>");
	if (href) {
		html_lit(o, "<a href=\"");
		html_attr(o, href);
		html_lit(o, "\">");
	}
	page_t(ctx, title_key);
	if (href)
		html_lit(o, "</a>");
	html_lit(o, " <span class=\"badge");
	if (done)
		html_lit(o, " ok");
	html_lit(o, "\">");
	page_t(ctx, state_key);
	html_lit(o, "</span></h3><p>");
	page_t(ctx, text_key);
	html_lit(o, "</p></div></li>");
}

static void readiness(struct ctx *ctx, const struct path_state *st)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<div class=\"figures\"><div class=\"figure\"><strong>");
	html_lit(o, "★</strong><span>");
	page_t(ctx, st->sa.one_star ? "path.ready" : "path.not_ready");
	html_lit(o, "</span><small>");
	page_t(ctx, "path.one_star_rule");
	html_lit(o, "</small></div><div class=\"figure\"><strong>★★</strong>"
		    "<span>");
	page_t(ctx, st->sa.two_star ? "path.ready" : "path.not_ready");
	html_lit(o, "</span><small>");
	page_t(ctx, "path.two_star_rule");
	html_lit(o, "</small></div></div>");
}

void page_start(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct path_state st;
	int five_all;
	const char *diag_href;

	if (load_state(ctx, &st, &err)) {
		page_fail(ctx, &err);
		return;
	}
	five_all = st.sa.one_star;
	diag_href = st.diagnosis_open
			    ? arena_printf(&ctx->req->arena, "/diagnosis/%lld",
					   (long long)st.open_run)
			    : "/diagnosis";
	layout_begin(ctx, t(ctx, "path.title"), NAV_START);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "path.lead");
	html_lit(o, "</p><ol class=\"path\">");
	guide_step(ctx, 1, "path.profile", "path.profile_text", "/profile",
		   st.profile.updated_at != 0,
		   st.profile.updated_at ? "path.done" : "path.todo");
	guide_step(ctx, 2, "path.five", "path.five_text", "/five", five_all,
		   five_all ? "path.done" : "path.todo");
	guide_step(ctx, 3, "path.diagnosis", "path.diagnosis_text", diag_href,
		   st.diagnosis_done,
		   st.diagnosis_done   ? "path.done"
		   : st.diagnosis_open ? "path.resume"
				       : "path.todo");
	guide_step(ctx, 4, "path.policy", "path.policy_text", "/policy",
		   st.policy_published,
		   st.policy_published ? "path.done" : "path.todo");
	guide_step(ctx, 5, "path.security_action", "path.sa_text", NULL,
		   st.sa.one_star && st.sa.two_star,
		   st.sa.two_star   ? "path.two_stars"
		   : st.sa.one_star ? "path.one_star"
				    : "path.todo");
	html_lit(o, "</ol><h2>SECURITY ACTION</h2>");
	readiness(ctx, &st);
	layout_end(ctx);
}

static void yes_no(struct ctx *ctx, const char *name, const char *key,
		   int value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<fieldset class=\"yesno\"><legend>");
	page_t(ctx, key);
	html_lit(o, "</legend><label><input type=\"radio\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" value=\"1\"");
	if (value)
		html_lit(o, " checked");
	html_lit(o, "> ");
	page_t(ctx, "word.yes");
	html_lit(o, "</label><label><input type=\"radio\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" value=\"0\"");
	if (!value)
		html_lit(o, " checked");
	html_lit(o, "> ");
	page_t(ctx, "word.no");
	html_lit(o, "</label></fieldset>");
}

static void text_input(struct ctx *ctx, const char *name, const char *key,
		       const char *value, const char *type)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"");
	html_attr(o, name);
	html_lit(o, "\">");
	page_t(ctx, key);
	html_lit(o, "</label><input id=\"");
	html_attr(o, name);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" type=\"");
	html_attr(o, type);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\">");
}

static void profile_page(struct ctx *ctx, const struct org_profile *p,
			 const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct level_profile lp = { p->dedicated_admin, p->large_private_data,
				    p->has_csirt };

	layout_begin(ctx, t(ctx, "profile.title"), NAV_START);
	if (error_text) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		html_text(o, error_text);
		html_lit(o, "</p>");
	}
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "profile.lead");
	html_lit(o, "</p><form method=\"post\" action=\"/profile\" "
		    "class=\"stack narrow\">");
	page_csrf_field(ctx);
	text_input(ctx, "representative", "field.representative",
		   p->representative, "text");
	text_input(ctx, "services", "field.services", p->services, "text");
	text_input(ctx, "employees", "field.employees",
		   arena_printf(&ctx->req->arena, "%ld", p->employees),
		   "number");
	text_input(ctx, "industry", "field.industry", p->industry, "text");
	html_lit(o, "<h2>");
	page_t(ctx, "profile.level_questions");
	html_lit(o, "</h2>");
	yes_no(ctx, "dedicated_admin", "profile.q_admin", p->dedicated_admin);
	yes_no(ctx, "large_private_data", "profile.q_data",
	       p->large_private_data);
	yes_no(ctx, "has_csirt", "profile.q_csirt", p->has_csirt);
	html_lit(o, "<p class=\"notice\">");
	page_t(ctx, "profile.level_is");
	html_lit(o, " <strong id=\"level\">L");
	html_long(o, guideline_level_of(&lp));
	html_lit(o, "</strong></p><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "members.save");
	html_lit(o, "</button></form>");
	layout_end(ctx);
}

void page_profile(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct org_profile p;

	if (repo_profile_get(ctx->store, &ctx->req->arena,
			     ctx->req->session->rec.org_id, &p, &err)) {
		page_fail(ctx, &err);
		return;
	}
	profile_page(ctx, &p, NULL);
}

static int flag(struct ctx *ctx, const char *name)
{
	const char *v = request_form(ctx->req, name);

	return v && !strcmp(v, "1");
}

void page_profile_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct org_profile p;
	const char *emp = request_form(ctx->req, "employees");

	memset(&p, 0, sizeof(p));
	p.representative = request_form(ctx->req, "representative");
	p.services = request_form(ctx->req, "services");
	p.industry = request_form(ctx->req, "industry");
	if (!p.representative)
		p.representative = "";
	if (!p.services)
		p.services = "";
	if (!p.industry)
		p.industry = "";
	p.dedicated_admin = flag(ctx, "dedicated_admin");
	p.large_private_data = flag(ctx, "large_private_data");
	p.has_csirt = flag(ctx, "has_csirt");
	if (emp && *emp && parse_long(emp, 0, 1000000, &p.employees))
		error_set(&err, ERROR_INPUT, "input.out_of_range",
			  "field.employees", "0", "1000000", NULL);
	if (err.code || org_profile_validate(&p, &err)) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		profile_page(ctx, &p, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_profile_put(ctx->store, ctx->req->session->rec.org_id, &p,
			     ctx->req->now, &err) ||
	    page_audit(ctx, "profile.save", "profile", "", p.representative,
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp, "/start");
}

void page_five(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct path_state st;
	size_t i, k;

	if (load_state(ctx, &st, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "five.title"), NAV_FIVE);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "five.lead");
	html_lit(o, "</p>");
	readiness(ctx, &st);
	html_lit(o, "<ol class=\"five\">");
	for (i = 0; i < cat->five_point_count && i < 5; i++) {
		const struct five_point *f = &cat->five_points[i];

		html_lit(o, "<li class=\"card\" id=\"p");
		html_long(o, f->no);
		html_lit(o, "\"><h2>");
		html_long(o, f->no);
		html_lit(o, ". ");
		html_text(o, tx(ctx, &f->title));
		html_lit(o, "</h2><p>");
		html_text(o, tx(ctx, &f->practice));
		html_lit(o, "</p><form method=\"post\" action=\"/five\" "
			    "class=\"filters\">");
		page_csrf_field(ctx);
		html_hidden(o, "point",
			    arena_printf(&ctx->req->arena, "%d", f->no));
		html_lit(o, "<label>");
		page_t(ctx, "five.status");
		html_lit(o, " <select name=\"status\">");
		for (k = 0; k < FIVE_STATUS_COUNT; k++)
			html_option(
				o, five_status_name((enum five_status)k),
				t(ctx,
				  arena_printf(&ctx->req->arena, "five.%s",
					       five_status_name(
						       (enum five_status)k))),
				st.five[i] == (enum five_status)k);
		html_lit(o, "</select></label><label>");
		page_t(ctx, "diagnosis.note");
		html_lit(o,
			 " <input name=\"note\" maxlength=\"1000\" value=\"");
		html_attr(o, st.notes[i]);
		html_lit(o, "\"></label><button type=\"submit\">");
		page_t(ctx, "members.save");
		html_lit(o, "</button></form></li>");
	}
	html_lit(o, "</ol>");
	layout_end(ctx);
}

void page_five_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	const char *point_q = request_form(ctx->req, "point");
	const char *status_q = request_form(ctx->req, "status");
	const char *note = request_form(ctx->req, "note");
	enum five_status fs;
	int point;

	if (!note)
		note = "";
	if (!point_q || parse_int(point_q, 1, 5, &point) || !status_q ||
	    five_status_parse(status_q, &fs) ||
	    utf8_count(note, strlen(note)) > 1000) {
		page_error(ctx, 400, "http.bad_form");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_five_set(ctx->store, ctx->req->session->rec.org_id, point, fs,
			  note, ctx->req->session->rec.email, ctx->req->now,
			  &err) ||
	    page_audit(ctx, "five.set",
		       arena_printf(&ctx->req->arena, "five:%d", point), "",
		       status_q, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		page_fail(ctx, &err);
		return;
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/five#p%d", point));
}
