/*
 * page_report.c: the printable documents as PDF downloads: the basic
 * policy, the handbook and the risk assessment report (web/docreport.c
 * builds them, export/report_pdf.c draws them).
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "export/report.h"
#include "store/repo_policy.h"
#include "store/repo_risk.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/docreport.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

static void env_of(struct ctx *ctx, struct docreport_env *e)
{
	memset(e, 0, sizeof(*e));
	e->arena = &ctx->req->arena;
	e->cat = ctx->app->cat;
	e->msgs = ctx->app->msgs;
	e->lang = ctx->req->lang;
	e->store = ctx->store;
	e->org = ctx->req->session->rec.org_id;
	e->org_name = ctx->req->session->rec.org_name;
	e->now = ctx->req->now;
}

/* Renders r as a PDF attachment named base-DATE.pdf. */
static void send_pdf(struct ctx *ctx, const struct report *r, const char *base)
{
	struct error err = ERROR_INIT;

	if (report_render_pdf_buf(r, &ctx->resp->body, &err)) {
		page_fail(ctx, &err);
		return;
	}
	ctx->resp->content_type = report_format_mime(REPORT_FORMAT_PDF);
	response_header(ctx->resp, "Content-Disposition",
			arena_printf(&ctx->req->arena,
				     "attachment; filename=\"%s\"",
				     docreport_filename(&ctx->req->arena, base,
							"pdf", ctx->req->now)));
}

/* GET /policy/export.pdf and /handbook/export.pdf: the latest version. */
void page_doc_pdf(struct ctx *ctx)
{
	int handbook = !strncmp(ctx->req->path, "/handbook", 9);
	const char *kind = handbook ? "handbook" : "basic_policy";
	struct docreport_env e;
	struct error err = ERROR_INIT;
	struct policy_doc d;
	struct report *r;
	int have;

	env_of(ctx, &e);
	have = repo_doc_get(ctx->store, &ctx->req->arena, e.org, kind, 0, &d,
			    &err);
	if (have <= 0) {
		if (have < 0)
			page_fail(ctx, &err);
		else
			page_error(ctx, 404, "http.not_found");
		return;
	}
	if (docreport_policy(&e, kind, &d, &r, &err)) {
		page_fail(ctx, &err);
		return;
	}
	send_pdf(ctx, r, handbook ? "handbook" : "policy");
}

/*
 * GET /risks/report.pdf: the open assessment's report, or with
 * ?assessment=ID an earlier one's, as it stood when it was closed.
 */
void page_risk_report_pdf(struct ctx *ctx)
{
	const char *which = request_query(ctx->req, "assessment");
	struct docreport_env e;
	struct error err = ERROR_INIT;
	struct method_view mv;
	struct report *r;

	env_of(ctx, &e);
	if (riskview_method(ctx, &mv, &err)) {
		page_fail(ctx, &err);
		return;
	}
	if (which && *which) {
		long id;
		int found;

		if (parse_long(which, 1, INT32_MAX, &id)) {
			page_error(ctx, 404, "http.not_found");
			return;
		}
		found = repo_assessment_get(ctx->store, &ctx->req->arena, e.org,
					    id, &mv.assessment, &err);
		if (found <= 0) {
			if (found < 0)
				page_fail(ctx, &err);
			else
				page_error(ctx, 404, "http.not_found");
			return;
		}
		mv.def = catalog_method(ctx->app->cat, mv.assessment.method);
		mv.criteria = mv.assessment.criteria;
	} else if (!mv.open) {
		page_error(ctx, 409, "risk.no_assessment");
		return;
	}
	if (docreport_risk(&e, &mv.assessment, mv.def, &mv.criteria, &r,
			   &err)) {
		page_fail(ctx, &err);
		return;
	}
	send_pdf(ctx, r, "risk-report");
}
