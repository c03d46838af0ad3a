/*
 * page_document.c: the document register (文書化した情報): the list, a
 * document with its text in force and its newest draft, the Markdown
 * editor with its preview, versions, comparison, approval and export.
 */
#include "util/compat.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/document.h"
#include "store/repo_document.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/docview.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

static int64_t org_of(struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static int may(struct ctx *ctx, enum permission p)
{
	return permission_granted(ctx->req->session->rec.roles, p);
}

static const char *num(struct ctx *ctx, long v)
{
	return arena_printf(&ctx->req->arena, "%ld", v);
}

static const char *doc_url(struct ctx *ctx, int64_t id, const char *rest)
{
	return arena_printf(&ctx->req->arena, "/documents/%lld%s",
			    (long long)id, rest);
}

/* The audit trail's name of a document. */
static const char *target(struct ctx *ctx, int64_t id)
{
	return arena_printf(&ctx->req->arena, "document:%lld", (long long)id);
}

static void error_box(struct ctx *ctx, const char *text)
{
	struct strbuf *o = &ctx->resp->body;

	if (!text)
		return;
	html_lit(o, "<p class=\"error\" role=\"alert\">");
	html_text(o, text);
	html_lit(o, "</p>");
}

static void status_badge(struct ctx *ctx, enum document_status s)
{
	static const char *const cls[DOCUMENT_STATUS_COUNT] = {
		"badge part", "badge unknown", "badge ok", "badge reg"
	};
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<span class=\"");
	html_attr(o, cls[s]);
	html_lit(o, "\">");
	page_t(ctx, docview_status_key(s));
	html_lit(o, "</span>");
}

/* The review date, marked when it has passed or is near. */
static void review_cell(struct ctx *ctx, const struct document *d)
{
	struct strbuf *o = &ctx->resp->body;

	html_text(o, d->next_review);
	switch (document_review_state(d, page_today(ctx))) {
	case DOCUMENT_REVIEW_OVERDUE:
		html_lit(o, " <span class=\"badge bad\">");
		page_t(ctx, "document.review_overdue");
		html_lit(o, "</span>");
		break;
	case DOCUMENT_REVIEW_SOON:
		html_lit(o, " <span class=\"badge part\">");
		page_t(ctx, "document.review_soon");
		html_lit(o, "</span>");
		break;
	default:
		break;
	}
}

/* ---- the register ---- */

/* The filters of the list and the export, from the query; 0 or -1. */
static int read_filter(struct ctx *ctx, struct document_filter *f,
		       const char **due)
{
	const char *type = request_query(ctx->req, "type");
	const char *status = request_query(ctx->req, "status");
	const char *owner = request_query(ctx->req, "owner");
	const char *sort = request_query(ctx->req, "sort");
	enum document_type ty;
	enum document_status st;
	struct date today;

	memset(f, 0, sizeof(*f));
	f->type = f->status = -1;
	f->sort = DOCUMENT_SORT_CODE;
	*due = request_query(ctx->req, "due");
	if (type && *type) {
		if (document_type_parse(type, &ty))
			goto bad;
		f->type = (int)ty;
	}
	if (status && *status) {
		if (document_status_parse(status, &st))
			goto bad;
		f->status = (int)st;
	}
	if (owner && *owner)
		f->owner = owner;
	if (sort && *sort && document_sort_parse(sort, &f->sort))
		goto bad;
	if (*due && **due) {
		long days;
		struct date until;

		if (!strcmp(*due, "overdue"))
			days = -1;
		else if (!strcmp(*due, "soon"))
			days = DOCUMENT_REVIEW_SOON_DAYS;
		else
			goto bad;
		if (parse_date(page_today(ctx), &today))
			BUG("today is no date");
		date_from_days(date_to_days(&today) + days, &until);
		f->due_by = arena_printf(&ctx->req->arena, "%04d-%02d-%02d",
					 until.year, until.month, until.day);
	} else {
		*due = "";
	}
	return 0;
bad:
	page_error(ctx, 400, "http.bad_filter");
	return -1;
}

static void filter_form(struct ctx *ctx, const struct document_filter *f,
			const char *due)
{
	static const char *const dues[] = { "overdue", "soon" };
	struct strbuf *o = &ctx->resp->body;
	int i;

	html_lit(o, "<form method=\"get\" action=\"/documents\" "
		    "class=\"filters\"><label>");
	page_t(ctx, "document.type");
	html_lit(o, "<select name=\"type\">");
	html_option(o, "", t(ctx, "list.any"), f->type < 0);
	for (i = 0; i < DOCUMENT_TYPE_COUNT; i++)
		html_option(o, document_type_name((enum document_type)i),
			    t(ctx, docview_type_key((enum document_type)i)),
			    f->type == i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "document.status");
	html_lit(o, "<select name=\"status\">");
	html_option(o, "", t(ctx, "list.any"), f->status < 0);
	for (i = 0; i < DOCUMENT_STATUS_COUNT; i++)
		html_option(o, document_status_name((enum document_status)i),
			    t(ctx, docview_status_key((enum document_status)i)),
			    f->status == i);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "document.next_review");
	html_lit(o, "<select name=\"due\">");
	html_option(o, "", t(ctx, "list.any"), !*due);
	for (i = 0; i < (int)ARRAY_SIZE(dues); i++)
		html_option(o, dues[i],
			    t(ctx, arena_printf(&ctx->req->arena,
						"document.due_%s", dues[i])),
			    !strcmp(due, dues[i]));
	html_lit(o, "</select></label><label>");
	page_t(ctx, "document.owner");
	html_lit(o, "<input name=\"owner\" value=\"");
	html_attr(o, f->owner ? f->owner : "");
	html_lit(o, "\"></label><label>");
	page_t(ctx, "document.sort");
	html_lit(o, "<select name=\"sort\">");
	for (i = 0; i < DOCUMENT_SORT_COUNT; i++)
		html_option(o, document_sort_name((enum document_sort)i),
			    t(ctx,
			      arena_printf(&ctx->req->arena, "document.sort_%s",
					   document_sort_name(
						   (enum document_sort)i))),
			    (int)f->sort == i);
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "document.filter");
	html_lit(o, "</button></form>");
}

void page_documents(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct document_filter f;
	struct document *rows;
	size_t count, i;
	const char *due;

	if (read_filter(ctx, &f, &due))
		return;
	if (repo_document_list(ctx->store, &ctx->req->arena, org_of(ctx), &f,
			       &rows, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "document.register"), NAV_DOCUMENTS);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "document.lead");
	html_lit(o, "</p><p>");
	if (may(ctx, PERM_EDIT)) {
		html_lit(
			o,
			"<a class=\"button primary\" href=\"/documents/new\">");
		page_t(ctx, "document.new");
		html_lit(o, "</a> ");
	}
	html_lit(o, "<a href=\"/documents/export.xlsx\">");
	page_t(ctx, "document.export_xlsx");
	html_lit(o, "</a> <a href=\"/documents/export.csv\">");
	page_t(ctx, "document.export_csv");
	html_lit(o, "</a></p>");
	filter_form(ctx, &f, due);
	if (!count) {
		html_lit(o, "<p id=\"no-documents\">");
		page_t(ctx, "document.none");
		html_lit(o, "</p>");
		layout_end(ctx);
		return;
	}
	html_lit(o, "<table class=\"list\" id=\"documents\"><thead><tr>"
		    "<th scope=\"col\">");
	page_t(ctx, "document.code");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.title");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.type");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.status");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.owner");
	html_lit(o, "</th><th scope=\"col\" class=\"num\">");
	page_t(ctx, "document.in_force");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.next_review");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.label");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const struct document *d = &rows[i];

		if (document_review_state(d, page_today(ctx)) ==
		    DOCUMENT_REVIEW_OVERDUE)
			html_lit(o, "<tr class=\"overdue\">");
		else
			html_lit(o, "<tr>");
		html_lit(o, "<td><a href=\"");
		html_attr(o, doc_url(ctx, d->id, ""));
		html_lit(o, "\">");
		html_text(o, d->code);
		html_lit(o, "</a></td><td>");
		html_text(o, d->title);
		html_lit(o, "</td><td>");
		page_t(ctx, docview_type_key(d->type));
		html_lit(o, "</td><td>");
		status_badge(ctx, d->status);
		html_lit(o, "</td><td>");
		html_text(o, d->owner);
		html_lit(o, "</td><td class=\"num\">");
		if (d->approved_version)
			html_long(o, d->approved_version);
		else
			html_lit(o, "—");
		html_lit(o, "</td><td>");
		review_cell(ctx, d);
		html_lit(o, "</td><td>");
		html_text(o, riskview_label(ctx, d->label));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table>");
	layout_end(ctx);
}

/* ---- reading and writing the register's fields ---- */

static const char *form_text(struct ctx *ctx, const char *name)
{
	const char *v = request_form(ctx->req, name);

	return v ? v : "";
}

/*
 * Reads the register fields of the form into d and checks them against
 * the rules, the organisation's labels and its approvers.
 */
static int read_fields(struct ctx *ctx, struct document *d, struct error *err)
{
	const char *type = form_text(ctx, "type");
	const char **labels;
	size_t label_count;

	d->code = form_text(ctx, "code");
	d->title = form_text(ctx, "title");
	d->owner = form_text(ctx, "owner");
	d->approver = form_text(ctx, "approver");
	d->next_review = form_text(ctx, "next_review");
	d->retention = form_text(ctx, "retention");
	d->label = form_text(ctx, "label");
	if (document_type_parse(type, &d->type))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "document.type", type, NULL);
	if (riskview_labels(ctx, &labels, &label_count, err) ||
	    document_validate(d, labels, label_count, err) ||
	    docview_check_approver(ctx->store, &ctx->req->arena, org_of(ctx),
				   d->approver, err))
		return -1;
	return 0;
}

static void text_input(struct ctx *ctx, const char *name, const char *key,
		       const char *value, const char *type, int required)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<label for=\"f-");
	html_attr(o, name);
	html_lit(o, "\">");
	page_t(ctx, key);
	html_lit(o, "</label><input id=\"f-");
	html_attr(o, name);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" type=\"");
	html_attr(o, type);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\"");
	if (required)
		html_lit(o, " required");
	html_lit(o, ">");
}

/* The register fields as form controls (no <form> around them). */
static void field_controls(struct ctx *ctx, const struct document *d)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const char **labels, **approvers;
	size_t label_count = 0, approver_count = 0, i;
	int found = 0;

	/* Without the lists the form still works with what it shows. */
	if (riskview_labels(ctx, &labels, &label_count, &err))
		label_count = 0;
	if (docview_approvers(ctx->store, &ctx->req->arena, org_of(ctx),
			      &approvers, &approver_count, &err))
		approver_count = 0;
	text_input(ctx, "code", "document.code", d->code, "text", 1);
	html_lit(o, "<small>");
	page_t(ctx, "document.code_hint");
	html_lit(o, "</small>");
	text_input(ctx, "title", "document.title", d->title, "text", 1);
	html_lit(o, "<label for=\"f-type\">");
	page_t(ctx, "document.type");
	html_lit(o, "</label><select id=\"f-type\" name=\"type\">");
	for (i = 0; i < DOCUMENT_TYPE_COUNT; i++)
		html_option(o, document_type_name((enum document_type)i),
			    t(ctx, docview_type_key((enum document_type)i)),
			    d->type == (enum document_type)i);
	html_lit(o, "</select>");
	text_input(ctx, "owner", "document.owner", d->owner, "text", 1);
	html_lit(o, "<label for=\"f-approver\">");
	page_t(ctx, "document.approver");
	html_lit(o, "</label><select id=\"f-approver\" name=\"approver\">");
	html_option(o, "", t(ctx, "document.approver_any"), !*d->approver);
	for (i = 0; i < approver_count; i++) {
		found |= !strcmp(approvers[i], d->approver);
		html_option(o, approvers[i], approvers[i],
			    !strcmp(approvers[i], d->approver));
	}
	/* An approver who left stays visible until someone changes it. */
	if (*d->approver && !found)
		html_option(o, d->approver, d->approver, 1);
	html_lit(o, "</select>");
	text_input(ctx, "next_review", "document.next_review", d->next_review,
		   "date", 0);
	text_input(ctx, "retention", "document.retention", d->retention, "text",
		   0);
	html_lit(o, "<label for=\"f-label\">");
	page_t(ctx, "document.label");
	html_lit(o, "</label><select id=\"f-label\" name=\"label\">");
	html_option(o, "", t(ctx, "asset.label_none"), !*d->label);
	for (i = 0; i < label_count; i++)
		html_option(o, labels[i], riskview_label(ctx, labels[i]),
			    !strcmp(labels[i], d->label));
	html_lit(o, "</select>");
}

/* The Markdown textarea and its preview beside it. */
static void editor(struct ctx *ctx, const char *body, const char *note,
		   int preview)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<div class=\"doc-editor\"><div><label for=\"doc-body\">");
	page_t(ctx, "document.body");
	html_lit(o, "</label><small>");
	page_t(ctx, "document.body_hint");
	html_lit(o, "</small><textarea id=\"doc-body\" name=\"body\" "
		    "rows=\"24\" data-preview=\"doc-preview\">");
	html_text(o, body);
	html_lit(o, "</textarea>");
	text_input(ctx, "note", "document.note", note, "text", 0);
	html_lit(o, "</div><section aria-live=\"polite\"><h2>");
	page_t(ctx, "document.preview");
	html_lit(o, "</h2><article class=\"document\" id=\"doc-preview\">");
	if (preview)
		html_markdown(o, body);
	html_lit(o, "</article></section></div>");
}

/* ---- a new document ---- */

/* The templates a new document may start from. */
static void template_links(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct doc_template *rows;
	size_t count, i;

	/* The templates are compiled in and checked by a unit test. */
	if (docview_templates(&ctx->req->arena, &rows, &count, &err) || !count)
		return;
	html_lit(o, "<details id=\"templates\"><summary>");
	page_t(ctx, "document.templates");
	html_lit(o, "</summary><p>");
	page_t(ctx, "document.templates_lead");
	html_lit(o, "</p><ul class=\"refs\">");
	for (i = 0; i < count; i++) {
		html_lit(o, "<li><a href=\"/documents/new?template=");
		html_url_arg(o, rows[i].id);
		html_lit(o, "\">");
		html_text(o, text_get(&rows[i].title, ctx->req->lang));
		html_lit(o, "</a> (");
		page_t(ctx, docview_type_key(rows[i].type));
		html_lit(o, ")</li>");
	}
	html_lit(o, "</ul></details>");
}

static void new_page(struct ctx *ctx, const struct document *d,
		     const char *body, const char *note, int preview,
		     const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;

	layout_begin(ctx, t(ctx, "document.new"), NAV_DOCUMENTS);
	html_lit(o, "<p><a href=\"/documents\">");
	page_t(ctx, "document.back");
	html_lit(o, "</a></p>");
	error_box(ctx, error_text);
	template_links(ctx);
	html_lit(o, "<form method=\"post\" action=\"/documents\" "
		    "class=\"stack\">");
	page_csrf_field(ctx);
	html_lit(o, "<div class=\"stack narrow\">");
	field_controls(ctx, d);
	html_lit(o, "</div>");
	editor(ctx, body, note, preview);
	html_lit(o, "<div class=\"actions\"><button type=\"submit\" "
		    "name=\"preview\" value=\"1\">");
	page_t(ctx, "document.preview_button");
	html_lit(o, "</button> <button type=\"submit\" class=\"primary\">");
	page_t(ctx, "document.create");
	html_lit(o, "</button></div></form>");
	layout_end(ctx);
}

static void empty_document(struct document *d)
{
	memset(d, 0, sizeof(*d));
	d->code = d->title = d->owner = d->approver = "";
	d->next_review = d->retention = d->label = "";
	d->type = DOCUMENT_PROCEDURE;
}

void page_document_new(struct ctx *ctx)
{
	const char *id = request_query(ctx->req, "template");
	struct error err = ERROR_INIT;
	struct strbuf body = STRBUF_INIT;
	const struct doc_template *tp;
	struct doc_template *rows;
	struct document d;
	size_t count;

	empty_document(&d);
	if (!id || !*id) {
		new_page(ctx, &d, "", "", 0, NULL);
		return;
	}
	if (docview_templates(&ctx->req->arena, &rows, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	tp = docview_template(rows, count, id);
	if (!tp) {
		page_error(ctx, 404, "document.unknown_template");
		return;
	}
	/* A draft to adapt: nothing is written until it is registered. */
	if (docview_template_text(ctx->store, &ctx->req->arena, ctx->app->cat,
				  org_of(ctx), ctx->req->lang, page_today(ctx),
				  tp, &body, &err)) {
		strbuf_release(&body);
		page_fail(ctx, &err);
		return;
	}
	d.code = tp->code;
	d.type = tp->type;
	d.title = text_get(&tp->title, ctx->req->lang);
	d.owner = text_get(&tp->owner, ctx->req->lang);
	new_page(ctx, &d, arena_strdup(&ctx->req->arena, body.buf),
		 t(ctx, "document.from_template"), 1, NULL);
	strbuf_release(&body);
}

/* Shows a form again with err's message and status 400 (or 409). */
static void refuse_new(struct ctx *ctx, const struct document *d,
		       const char *body, const char *note,
		       const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;

	i18n_error_text(ctx, err, &msg);
	ctx->resp->status = err->code == ERROR_CONFLICT ? 409 : 400;
	new_page(ctx, d, body, note, 0, msg.buf);
	strbuf_release(&msg);
}

void page_document_create(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct document d;
	const char *body = form_text(ctx, "body");
	const char *note = form_text(ctx, "note");
	int version = 0;

	empty_document(&d);
	if (*form_text(ctx, "preview")) {
		struct error later = ERROR_INIT;

		/* A preview while the fields are half filled in: they are
		 * checked when the document is created. */
		read_fields(ctx, &d, &later);
		if (document_body_validate(body, &err))
			refuse_new(ctx, &d, body, note, &err);
		else
			new_page(ctx, &d, body, note, 1, NULL);
		return;
	}
	if (read_fields(ctx, &d, &err) || document_body_validate(body, &err) ||
	    document_note_validate(note, &err)) {
		if (err.code == ERROR_INPUT || err.code == ERROR_CONFLICT)
			refuse_new(ctx, &d, body, note, &err);
		else
			page_fail(ctx, &err);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_document_insert(ctx->store, org_of(ctx), &d, ctx->req->now,
				 &err))
		goto fail;
	/* A register entry may start without a text (a record kept
	 * elsewhere, an external document); a text given is version 1. */
	if (*body &&
	    repo_document_save(ctx->store, org_of(ctx), d.id, body, note,
			       ctx->req->session->rec.email, DOCUMENT_DRAFT,
			       ctx->req->now, &version, &err) != 1)
		goto fail;
	document_changes(NULL, &d, &before, &after);
	strbuf_release(&before);
	if (version)
		strbuf_addf(&after, "\nversion: %d", version);
	if (page_audit(ctx, "document.add", target(ctx, d.id), "", after.buf,
		       &err) ||
	    store_commit(ctx->store, &err))
		goto fail;
	strbuf_release(&after);
	response_redirect(ctx->resp, doc_url(ctx, d.id, ""));
	return;
fail:
	store_rollback(ctx->store);
	strbuf_release(&after);
	if (err.code == ERROR_CONFLICT) {
		refuse_new(ctx, &d, body, note, &err);
		return;
	}
	page_fail(ctx, &err);
}

/* ---- one document ---- */

/* The document of the route; 0, or -1 after answering 404 or 500. */
static int load_document(struct ctx *ctx, struct document *d)
{
	struct error err = ERROR_INIT;
	int64_t id;
	int found;

	if (page_route_id(ctx, "document.not_found", &id))
		return -1;
	found = repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), id,
				  d, &err);
	if (found <= 0) {
		if (found < 0)
			page_fail(ctx, &err);
		else
			page_error(ctx, 404, "document.not_found");
		return -1;
	}
	return 0;
}

/* Version n of d; 1, or 0 after answering 404, or -1 after a failure. */
static int load_version(struct ctx *ctx, const struct document *d, int n,
			struct document_version *v)
{
	struct error err = ERROR_INIT;
	int found;

	if (n < 1) {
		page_error(ctx, 404, "document.no_version");
		return 0;
	}
	found = repo_document_version(ctx->store, &ctx->req->arena, org_of(ctx),
				      d->id, n, v, &err);
	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "document.no_version");
	return found;
}

static void fact(struct ctx *ctx, const char *key, const char *value)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dt>");
	page_t(ctx, key);
	html_lit(o, "</dt><dd>");
	html_text(o, value);
	html_lit(o, "</dd>");
}

static void facts(struct ctx *ctx, const struct document *d)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<dl class=\"facts\" id=\"facts\">");
	fact(ctx, "document.code", d->code);
	fact(ctx, "document.type", t(ctx, docview_type_key(d->type)));
	html_lit(o, "<dt>");
	page_t(ctx, "document.status");
	html_lit(o, "</dt><dd id=\"status\">");
	status_badge(ctx, d->status);
	html_lit(o, "</dd>");
	fact(ctx, "document.owner", d->owner);
	fact(ctx, "document.approver",
	     *d->approver ? d->approver : t(ctx, "document.approver_any"));
	fact(ctx, "document.in_force",
	     d->approved_version
		     ? tn(ctx, "document.in_force_by",
			  (const char *[]){ num(ctx, d->approved_version),
					    d->approved_by,
					    page_date(ctx, d->approved_at) },
			  3)
		     : t(ctx, "document.none_in_force"));
	fact(ctx, "document.latest",
	     d->latest_version ? num(ctx, d->latest_version) : "—");
	html_lit(o, "<dt>");
	page_t(ctx, "document.next_review");
	html_lit(o, "</dt><dd>");
	if (*d->next_review)
		review_cell(ctx, d);
	else
		html_lit(o, "—");
	html_lit(o, "</dd>");
	fact(ctx, "document.retention", *d->retention ? d->retention : "—");
	fact(ctx, "document.label",
	     *d->label ? riskview_label(ctx, d->label) : "—");
	html_lit(o, "</dl>");
}

/* A button that posts to the document's action path. */
static void action_button(struct ctx *ctx, const struct document *d,
			  const char *path, const char *key, int primary)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<form method=\"post\" action=\"");
	html_attr(o, doc_url(ctx, d->id, path));
	html_lit(o, "\" class=\"inline\">");
	page_csrf_field(ctx);
	if (primary)
		html_lit(o, "<button type=\"submit\" class=\"primary\">");
	else
		html_lit(o, "<button type=\"submit\">");
	page_t(ctx, key);
	html_lit(o, "</button></form> ");
}

static void actions(struct ctx *ctx, const struct document *d)
{
	struct strbuf *o = &ctx->resp->body;
	enum document_status to;
	int edit = may(ctx, PERM_EDIT), approve = may(ctx, PERM_APPROVE);

	html_lit(o, "<div class=\"actions\" id=\"actions\">");
	if (edit && !document_transition(d->status, DOCUMENT_SAVE, &to, NULL)) {
		html_lit(o, "<a class=\"button\" href=\"");
		html_attr(o, doc_url(ctx, d->id, "/edit"));
		html_lit(o, "\">");
		page_t(ctx, "document.edit");
		html_lit(o, "</a> ");
	}
	if (edit && d->latest_version &&
	    !document_transition(d->status, DOCUMENT_SUBMIT, &to, NULL))
		action_button(ctx, d, "/submit", "document.submit", 1);
	if (approve &&
	    !document_transition(d->status, DOCUMENT_APPROVE, &to, NULL) &&
	    !document_may_approve(d, ctx->req->session->rec.email, NULL)) {
		action_button(ctx, d, "/approve", "document.approve", 1);
		action_button(ctx, d, "/return", "document.return", 0);
	}
	if (approve &&
	    !document_transition(d->status, DOCUMENT_WITHDRAW, &to, NULL) &&
	    !document_may_approve(d, ctx->req->session->rec.email, NULL))
		action_button(ctx, d, "/withdraw", "document.withdraw", 0);
	html_lit(o, "</div>");
}

static void versions_table(struct ctx *ctx, const struct document *d,
			   const struct document_version *rows, size_t count)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i;

	html_lit(o, "<h2>");
	page_t(ctx, "document.versions");
	html_lit(o, "</h2>");
	if (!count) {
		html_lit(o, "<p>");
		page_t(ctx, "document.no_text");
		html_lit(o, "</p>");
		return;
	}
	html_lit(o, "<table class=\"list\" id=\"versions\"><thead><tr>"
		    "<th scope=\"col\" class=\"num\">");
	page_t(ctx, "document.version");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.saved_on");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.author");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.note");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "document.approved_by");
	html_lit(o, "</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		const struct document_version *v = &rows[i];

		html_lit(o, "<tr><td class=\"num\"><a href=\"");
		html_attr(o,
			  doc_url(ctx, d->id,
				  arena_printf(&ctx->req->arena,
					       "/version?n=%d", v->version)));
		html_lit(o, "\">");
		html_long(o, v->version);
		html_lit(o, "</a></td><td>");
		html_text(o, page_date(ctx, v->created_at));
		html_lit(o, "</td><td>");
		html_text(o, v->author);
		html_lit(o, "</td><td>");
		html_text(o, v->note);
		html_lit(o, "</td><td>");
		if (v->approved_by) {
			html_text(o, v->approved_by);
			html_lit(o, " ");
			html_text(o, page_date(ctx, v->approved_at));
		}
		html_lit(o, "</td><td>");
		if (v->version > 1) {
			html_lit(o, "<a href=\"");
			html_attr(o, doc_url(ctx, d->id,
					     arena_printf(&ctx->req->arena,
							  "/diff?a=%d&b=%d",
							  v->version - 1,
							  v->version)));
			html_lit(o, "\">");
			page_t(ctx, "document.diff_previous");
			html_lit(o, "</a>");
		}
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table>");
	if (count < 2)
		return;
	/* Any two versions, not only neighbours. */
	html_lit(o, "<form method=\"get\" action=\"");
	html_attr(o, doc_url(ctx, d->id, "/diff"));
	html_lit(o, "\" class=\"filters\"><label>");
	page_t(ctx, "document.diff_from");
	html_lit(o, "<select name=\"a\">");
	for (i = 0; i < count; i++)
		html_option(o, num(ctx, rows[i].version),
			    num(ctx, rows[i].version), i == 1);
	html_lit(o, "</select></label><label>");
	page_t(ctx, "document.diff_to");
	html_lit(o, "<select name=\"b\">");
	for (i = 0; i < count; i++)
		html_option(o, num(ctx, rows[i].version),
			    num(ctx, rows[i].version), i == 0);
	html_lit(o, "</select></label><button type=\"submit\">");
	page_t(ctx, "document.compare");
	html_lit(o, "</button></form>");
}

/* A version's text under a heading. */
static void text_section(struct ctx *ctx, const struct document *d, int n,
			 const char *heading, const char *id)
{
	struct strbuf *o = &ctx->resp->body;
	struct document_version v;

	if (load_version(ctx, d, n, &v) != 1)
		return;
	html_lit(o, "<section id=\"");
	html_attr(o, id);
	html_lit(o, "\"><h2>");
	html_text(o, tn(ctx, heading, (const char *[]){ num(ctx, n) }, 1));
	html_lit(o, "</h2><article class=\"document\">");
	html_markdown(o, v.body);
	html_lit(o, "</article></section>");
}

static void document_page(struct ctx *ctx, struct document *d,
			  const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct document_version *rows;
	size_t count;

	if (repo_document_versions(ctx->store, &ctx->req->arena, org_of(ctx),
				   d->id, &rows, &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx,
		     arena_printf(&ctx->req->arena, "%s %s", d->code, d->title),
		     NAV_DOCUMENTS);
	html_lit(o, "<p><a href=\"/documents\">");
	page_t(ctx, "document.back");
	html_lit(o, "</a></p>");
	error_box(ctx, error_text);
	facts(ctx, d);
	actions(ctx, d);
	if (d->approved_version)
		text_section(ctx, d, d->approved_version,
			     "document.text_in_force", "in-force");
	if (d->latest_version > d->approved_version)
		text_section(ctx, d, d->latest_version, "document.text_draft",
			     "draft");
	versions_table(ctx, d, rows, count);
	if (may(ctx, PERM_EDIT) && d->status != DOCUMENT_WITHDRAWN) {
		html_lit(o, "<h2>");
		page_t(ctx, "document.fields");
		html_lit(o, "</h2><form method=\"post\" action=\"");
		html_attr(o, doc_url(ctx, d->id, ""));
		html_lit(o, "\" class=\"stack narrow\" id=\"fields\">");
		page_csrf_field(ctx);
		field_controls(ctx, d);
		html_lit(o, "<button type=\"submit\">");
		page_t(ctx, "members.save");
		html_lit(o, "</button></form>");
	}
	layout_end(ctx);
}

void page_document_show(struct ctx *ctx)
{
	struct document d;

	if (load_document(ctx, &d))
		return;
	document_page(ctx, &d, NULL);
}

/* Shows the document again with err's message, or fails. */
static void refuse_on_page(struct ctx *ctx, struct document *d,
			   const struct error *err)
{
	struct strbuf msg = STRBUF_INIT;

	if (err->code != ERROR_INPUT && err->code != ERROR_CONFLICT &&
	    err->code != ERROR_DENIED) {
		page_fail(ctx, err);
		return;
	}
	i18n_error_text(ctx, err, &msg);
	ctx->resp->status = err->code == ERROR_INPUT	? 400
			    : err->code == ERROR_DENIED ? 403
							: 409;
	document_page(ctx, d, msg.buf);
	strbuf_release(&msg);
}

void page_document_update(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct document old, d;

	if (load_document(ctx, &old))
		return;
	d = old;
	if (old.status == DOCUMENT_WITHDRAWN) {
		error_set(&err, ERROR_CONFLICT, "document.withdrawn", NULL);
		refuse_on_page(ctx, &old, &err);
		return;
	}
	if (read_fields(ctx, &d, &err)) {
		refuse_on_page(ctx, &d, &err);
		return;
	}
	document_changes(&old, &d, &before, &after);
	/* Nothing changed, nothing written. */
	if (after.len || before.len) {
		if (store_begin(ctx->store, &err) ||
		    repo_document_update(ctx->store, org_of(ctx), &d,
					 ctx->req->now, &err) != 1 ||
		    page_audit(ctx, "document.edit", target(ctx, d.id),
			       before.buf, after.buf, &err) ||
		    store_commit(ctx->store, &err)) {
			store_rollback(ctx->store);
			strbuf_release(&before);
			strbuf_release(&after);
			refuse_on_page(ctx, &d, &err);
			return;
		}
	}
	strbuf_release(&before);
	strbuf_release(&after);
	response_redirect(ctx->resp, doc_url(ctx, d.id, ""));
}

/* ---- the editor ---- */

static void edit_page(struct ctx *ctx, const struct document *d,
		      const char *body, const char *note, int base, int preview,
		      const char *error_text)
{
	struct strbuf *o = &ctx->resp->body;

	layout_begin(ctx,
		     tn(ctx, "document.edit_title",
			(const char *[]){ d->code, d->title }, 2),
		     NAV_DOCUMENTS);
	html_lit(o, "<p><a href=\"");
	html_attr(o, doc_url(ctx, d->id, ""));
	html_lit(o, "\">");
	page_t(ctx, "document.back_to_document");
	html_lit(o, "</a></p>");
	if (d->status == DOCUMENT_APPROVED || d->status == DOCUMENT_IN_REVIEW) {
		html_lit(o, "<p class=\"notice warn\">");
		page_t(ctx, d->status == DOCUMENT_APPROVED
				    ? "document.edit_approved"
				    : "document.edit_in_review");
		html_lit(o, "</p>");
	}
	error_box(ctx, error_text);
	html_lit(o, "<form method=\"post\" action=\"");
	html_attr(o, doc_url(ctx, d->id, "/edit"));
	html_lit(o, "\" class=\"stack\">");
	page_csrf_field(ctx);
	/* The version the text was taken from: a save on top of a newer
	 * one would silently drop somebody's work. */
	html_hidden(o, "base", num(ctx, base));
	editor(ctx, body, note, preview);
	html_lit(o, "<div class=\"actions\"><button type=\"submit\" "
		    "name=\"preview\" value=\"1\">");
	page_t(ctx, "document.preview_button");
	html_lit(o, "</button> <button type=\"submit\" class=\"primary\">");
	page_t(ctx, "document.save_version");
	html_lit(o, "</button></div></form>");
	layout_end(ctx);
}

void page_document_edit(struct ctx *ctx)
{
	struct document d;
	struct document_version v;
	enum document_status to;
	struct error err = ERROR_INIT;

	if (load_document(ctx, &d))
		return;
	if (document_transition(d.status, DOCUMENT_SAVE, &to, &err)) {
		refuse_on_page(ctx, &d, &err);
		return;
	}
	if (!d.latest_version) {
		edit_page(ctx, &d, "", "", 0, 0, NULL);
		return;
	}
	if (load_version(ctx, &d, d.latest_version, &v) != 1)
		return;
	edit_page(ctx, &d, v.body, "", d.latest_version, 1, NULL);
}

void page_document_save(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct document d;
	enum document_status to;
	const char *body = form_text(ctx, "body");
	const char *note = form_text(ctx, "note");
	const char *base_text = form_text(ctx, "base");
	int base = -1, version = 0;

	if (load_document(ctx, &d))
		return;
	if (document_body_validate(body, &err) ||
	    document_note_validate(note, &err))
		goto refuse;
	if (parse_int(base_text, 0, INT32_MAX, &base)) {
		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "document.base", base_text, NULL);
		goto refuse;
	}
	if (*form_text(ctx, "preview")) {
		edit_page(ctx, &d, body, note, base, 1, NULL);
		return;
	}
	if (store_begin(ctx->store, &err))
		goto fail;
	/* Read again under the write lock: the state may have moved. */
	if (repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), d.id,
			      &d, &err) != 1 ||
	    document_transition(d.status, DOCUMENT_SAVE, &to, &err))
		goto fail;
	if (base != d.latest_version) {
		error_set(&err, ERROR_CONFLICT, "document.stale",
			  num(ctx, base), num(ctx, d.latest_version), NULL);
		goto fail;
	}
	if (repo_document_save(ctx->store, org_of(ctx), d.id, body, note,
			       ctx->req->session->rec.email, to, ctx->req->now,
			       &version, &err) != 1 ||
	    page_audit(ctx, "document.save", target(ctx, d.id),
		       arena_printf(&ctx->req->arena, "status: %s",
				    document_status_name(d.status)),
		       arena_printf(&ctx->req->arena,
				    "version: %d\nstatus: %s%s%s", version,
				    document_status_name(to),
				    *note ? "\nnote: " : "", note),
		       &err) ||
	    store_commit(ctx->store, &err))
		goto fail;
	response_redirect(ctx->resp, doc_url(ctx, d.id, ""));
	return;
fail:
	store_rollback(ctx->store);
refuse:
	if (err.code == ERROR_INPUT || err.code == ERROR_CONFLICT) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = err.code == ERROR_INPUT ? 400 : 409;
		/* The text stays in the editor, so nothing typed is lost. */
		edit_page(ctx, &d, body, note, base < 0 ? 0 : base, 0, msg.buf);
		strbuf_release(&msg);
		return;
	}
	page_fail(ctx, &err);
}

/* The rendering of a text for the editor's preview (the JS calls it). */
void page_document_preview(struct ctx *ctx)
{
	const char *body = form_text(ctx, "body");
	struct error err = ERROR_INIT;

	if (document_body_validate(body, &err)) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		ctx->resp->status = 400;
		html_lit(&ctx->resp->body, "<p class=\"error\">");
		html_text(&ctx->resp->body, msg.buf);
		html_lit(&ctx->resp->body, "</p>");
		strbuf_release(&msg);
	} else {
		html_markdown(&ctx->resp->body, body);
	}
	ctx->resp->content_type = "text/html; charset=utf-8";
}

/* ---- submit, return, approve, withdraw ---- */

static void act(struct ctx *ctx, enum document_action a)
{
	struct error err = ERROR_INIT;
	const char *by = ctx->req->session->rec.email;
	struct document d;
	enum document_status to;
	int rc;

	if (load_document(ctx, &d))
		return;
	if (store_begin(ctx->store, &err))
		goto fail;
	if (repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), d.id,
			      &d, &err) != 1 ||
	    document_transition(d.status, a, &to, &err))
		goto fail;
	if (a == DOCUMENT_SUBMIT && !d.latest_version) {
		error_set(&err, ERROR_CONFLICT, "document.no_text", NULL);
		goto fail;
	}
	if (a != DOCUMENT_SUBMIT && document_may_approve(&d, by, &err))
		goto fail;
	rc = a == DOCUMENT_APPROVE
		     ? repo_document_approve(ctx->store, org_of(ctx), d.id, by,
					     ctx->req->now, &err)
		     : repo_document_set_status(ctx->store, org_of(ctx), d.id,
						to, ctx->req->now, &err);
	if (rc != 1 ||
	    page_audit(ctx,
		       arena_printf(&ctx->req->arena, "document.%s",
				    document_action_name(a)),
		       target(ctx, d.id),
		       arena_printf(&ctx->req->arena, "status: %s",
				    document_status_name(d.status)),
		       arena_printf(&ctx->req->arena, "status: %s\nversion: %d",
				    document_status_name(to), d.latest_version),
		       &err) ||
	    store_commit(ctx->store, &err))
		goto fail;
	response_redirect(ctx->resp, doc_url(ctx, d.id, ""));
	return;
fail:
	store_rollback(ctx->store);
	refuse_on_page(ctx, &d, &err);
}

void page_document_submit(struct ctx *ctx)
{
	act(ctx, DOCUMENT_SUBMIT);
}

void page_document_return(struct ctx *ctx)
{
	act(ctx, DOCUMENT_RETURN);
}

void page_document_approve(struct ctx *ctx)
{
	act(ctx, DOCUMENT_APPROVE);
}

void page_document_withdraw(struct ctx *ctx)
{
	act(ctx, DOCUMENT_WITHDRAW);
}

/* ---- versions and their comparison ---- */

/* The query's version number name; 0, or -1 after answering 400. */
static int query_version(struct ctx *ctx, const char *name, int *n)
{
	const char *v = request_query(ctx->req, name);

	if (!v || parse_int(v, 1, INT32_MAX, n)) {
		page_error(ctx, 400, "http.bad_filter");
		return -1;
	}
	return 0;
}

void page_document_version(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct document d;
	struct document_version v;
	int n;

	if (load_document(ctx, &d) || query_version(ctx, "n", &n) ||
	    load_version(ctx, &d, n, &v) != 1)
		return;
	layout_begin(ctx,
		     tn(ctx, "document.version_title",
			(const char *[]){ d.code, d.title, num(ctx, n) }, 3),
		     NAV_DOCUMENTS);
	html_lit(o, "<p><a href=\"");
	html_attr(o, doc_url(ctx, d.id, ""));
	html_lit(o, "\">");
	page_t(ctx, "document.back_to_document");
	html_lit(o, "</a></p><dl class=\"facts\">");
	fact(ctx, "document.saved_on", page_date(ctx, v.created_at));
	fact(ctx, "document.author", v.author);
	fact(ctx, "document.note", *v.note ? v.note : "—");
	fact(ctx, "document.approved_by",
	     v.approved_by
		     ? arena_printf(&ctx->req->arena, "%s %s", v.approved_by,
				    page_date(ctx, v.approved_at))
		     : "—");
	html_lit(o, "</dl>");
	if (n == d.approved_version) {
		html_lit(o, "<p class=\"notice ok\">");
		page_t(ctx, "document.is_in_force");
		html_lit(o, "</p>");
	}
	html_lit(o, "<article class=\"document\" id=\"doc\">");
	html_markdown(o, v.body);
	html_lit(o, "</article>");
	layout_end(ctx);
}

void page_document_diff(struct ctx *ctx)
{
	static const char *const cls[] = { "same", "removed", "added" };
	static const char *const mark[] = { " ", "−", "+" };
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct document d;
	struct document_version va, vb;
	struct document_diff_line *lines;
	size_t count, i;
	int a, b;

	if (load_document(ctx, &d) || query_version(ctx, "a", &a) ||
	    query_version(ctx, "b", &b) || load_version(ctx, &d, a, &va) != 1 ||
	    load_version(ctx, &d, b, &vb) != 1)
		return;
	if (document_diff(&ctx->req->arena, va.body, vb.body, &lines, &count,
			  &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx,
		     tn(ctx, "document.diff_title",
			(const char *[]){ d.code, num(ctx, a), num(ctx, b) },
			3),
		     NAV_DOCUMENTS);
	html_lit(o, "<p><a href=\"");
	html_attr(o, doc_url(ctx, d.id, ""));
	html_lit(o, "\">");
	page_t(ctx, "document.back_to_document");
	html_lit(o, "</a></p><p class=\"lead\">");
	page_t(ctx, "document.diff_lead");
	html_lit(o, "</p><table class=\"list diff\" id=\"diff\"><thead><tr>"
		    "<th scope=\"col\" class=\"num\">");
	html_text(o, t1(ctx, "document.version_no", num(ctx, a)));
	html_lit(o, "</th><th scope=\"col\" class=\"num\">");
	html_text(o, t1(ctx, "document.version_no", num(ctx, b)));
	html_lit(o, "</th><th scope=\"col\"></th><th scope=\"col\">");
	page_t(ctx, "document.line");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < count; i++) {
		html_lit(o, "<tr class=\"");
		html_attr(o, cls[lines[i].op]);
		html_lit(o, "\"><td class=\"num\">");
		if (lines[i].old_no)
			html_long(o, lines[i].old_no);
		html_lit(o, "</td><td class=\"num\">");
		if (lines[i].new_no)
			html_long(o, lines[i].new_no);
		html_lit(o, "</td><td aria-hidden=\"true\">");
		html_text(o, mark[lines[i].op]);
		html_lit(o, "</td><td><code>");
		html_text(o, lines[i].text);
		html_lit(o, "</code></td></tr>");
	}
	html_lit(o, "</tbody></table>");
	layout_end(ctx);
}

/* ---- export ---- */

static int export_input(struct ctx *ctx, enum lang *lang,
			struct document **rows, size_t *count)
{
	const char *l = request_query(ctx->req, "lang");
	struct error err = ERROR_INIT;
	struct document_filter f;
	const char *due;

	*lang = ctx->req->lang;
	if (l && *l) {
		if (strcmp(l, "ja") && strcmp(l, "en")) {
			page_error(ctx, 400, "http.bad_filter");
			return -1;
		}
		*lang = lang_from_locale(l);
	}
	if (read_filter(ctx, &f, &due))
		return -1;
	if (repo_document_list(ctx->store, &ctx->req->arena, org_of(ctx), &f,
			       rows, count, &err)) {
		page_fail(ctx, &err);
		return -1;
	}
	return 0;
}

static void attachment(struct ctx *ctx, const char *ext)
{
	/* An ASCII name for old clients, 文書管理台帳 for the rest. */
	response_header(ctx->resp, "Content-Disposition",
			arena_printf(&ctx->req->arena,
				     "attachment; filename=\"documents.%s\"; "
				     "filename*=UTF-8''%%E6%%96%%87%%E6%%9B%%B8"
				     "%%E7%%AE%%A1%%E7%%90%%86%%E5%%8F%%B0"
				     "%%E5%%B8%%B3.%s",
				     ext, ext));
}

void page_document_export_csv(struct ctx *ctx)
{
	struct document *rows;
	size_t count;
	enum lang lang;

	if (export_input(ctx, &lang, &rows, &count))
		return;
	docview_csv(ctx->app->cat, ctx->app->msgs, lang, rows, count,
		    &ctx->req->arena, &ctx->resp->body);
	ctx->resp->content_type = "text/csv; charset=utf-8";
	attachment(ctx, "csv");
}

struct document_xlsx {
	struct ctx *ctx;
	enum lang lang;
	struct document *rows;
	size_t count;
};

static int write_document_xlsx(const char *path, void *arg, struct error *err)
{
	struct document_xlsx *x = arg;

	return docview_xlsx(x->ctx->app->cat, x->ctx->app->msgs, x->lang,
			    x->rows, x->count, &x->ctx->req->arena, path, err);
}

void page_document_export_xlsx(struct ctx *ctx)
{
	struct document_xlsx x = { ctx, LANG_JA, NULL, 0 };

	if (export_input(ctx, &x.lang, &x.rows, &x.count) ||
	    page_send_xlsx(ctx, write_document_xlsx, &x))
		return;
	attachment(ctx, "xlsx");
}
