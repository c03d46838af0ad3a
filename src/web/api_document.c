/*
 * api_document.c: /api/v1/documents, the document register: the list
 * with its filters, one document with its text in force and its newest
 * text, changes by PATCH (a new text is a new version), the versions,
 * approval and withdrawal.
 */
#include "util/compat.h"

#include <string.h>

#include "core/document.h"
#include "store/repo_document.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/docview.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/session.h"

/* The register fields a client writes (FIELD_COUNT, in the order of
 * merge()), then the text and its note. */
enum { FIELD_COUNT = 8 };
static const char *const members[] = {
	"code",	     "title", "type", "owner", "approver", "next_review",
	"retention", "label", "body", "note",  "status",   "base_version",
};

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static json_t *document_json(const struct document *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "code", json_text(d->code));
	json_object_set_new(o, "title", json_text(d->title));
	json_object_set_new(o, "type",
			    json_string(document_type_name(d->type)));
	json_object_set_new(o, "owner", json_text(d->owner));
	json_object_set_new(o, "approver", api_text_or_null(d->approver));
	json_object_set_new(o, "status",
			    json_string(document_status_name(d->status)));
	json_object_set_new(o, "next_review", api_text_or_null(d->next_review));
	json_object_set_new(o, "retention", json_text(d->retention));
	json_object_set_new(o, "label", api_text_or_null(d->label));
	json_object_set_new(o, "latest_version",
			    d->latest_version ? json_integer(d->latest_version)
					      : json_null());
	json_object_set_new(o, "approved_version",
			    d->approved_version
				    ? json_integer(d->approved_version)
				    : json_null());
	json_object_set_new(o, "approved_by", api_text_or_null(d->approved_by));
	json_object_set_new(o, "approved_at",
			    d->approved_at ? json_integer(d->approved_at)
					   : json_null());
	json_object_set_new(o, "updated_at", json_integer(d->updated_at));
	return o;
}

static json_t *version_json(const struct document_version *v, int with_body)
{
	json_t *o = json_object();

	json_object_set_new(o, "version", json_integer(v->version));
	json_object_set_new(o, "note", json_text(v->note));
	json_object_set_new(o, "author", json_text(v->author));
	json_object_set_new(o, "created_at", json_integer(v->created_at));
	json_object_set_new(o, "approved_by", api_text_or_null(v->approved_by));
	json_object_set_new(o, "approved_at",
			    v->approved_at ? json_integer(v->approved_at)
					   : json_null());
	if (with_body)
		json_object_set_new(o, "body", json_text(v->body));
	return o;
}

/* The member a rule's error is about: "document.<member>" or fixed. */
static const char *member_of(const struct error *err)
{
	static const struct {
		const char *key;
		const char *member;
	} fixed[] = {
		{ "document.bad_code", "code" },
		{ "document.code_taken", "code" },
		{ "document.unknown_label", "label" },
		{ "document.approver_unknown", "approver" },
		{ "document.body_too_long", "body" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		if (!strcmp(err->key, fixed[i].key))
			return fixed[i].member;
	if (err->argc >= 1 && !strncmp(err->args[0], "document.", 9))
		return err->args[0] + 9;
	return NULL;
}

/* Answers a failure: rules 422 naming the member, the rest by code. */
static void fail(struct ctx *ctx, const struct error *err)
{
	if (err->code == ERROR_INPUT)
		api_refuse(ctx, 422, err, member_of(err));
	else
		api_fail(ctx, err);
}

void api_documents_list(struct ctx *ctx)
{
	static const char *const known[] = { "type", "status", "owner",
					     "due_before", "sort" };
	const char *type = request_query(ctx->req, "type");
	const char *status = request_query(ctx->req, "status");
	const char *owner = request_query(ctx->req, "owner");
	const char *due = request_query(ctx->req, "due_before");
	const char *sort = request_query(ctx->req, "sort");
	struct document_filter f = { -1, -1, NULL, NULL, DOCUMENT_SORT_CODE };
	struct error err = ERROR_INIT;
	struct document *rows;
	enum document_type ty;
	enum document_status st;
	struct date day;
	size_t count, i;
	json_t *items, *out;

	if (api_query_known(ctx, known, ARRAY_SIZE(known)))
		return;
	if (type && document_type_parse(type, &ty))
		goto bad;
	if (type)
		f.type = (int)ty;
	if (status && document_status_parse(status, &st))
		goto bad;
	if (status)
		f.status = (int)st;
	if (due && parse_date(due, &day))
		goto bad;
	if (sort && document_sort_parse(sort, &f.sort))
		goto bad;
	f.owner = owner;
	f.due_by = due;
	if (repo_document_list(ctx->store, &ctx->req->arena, org_of(ctx), &f,
			       &rows, &count, &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, document_json(&rows[i]));
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "count", json_integer((json_int_t)count));
	json_send(ctx, 200, out);
	return;
bad:
	api_problem(ctx, 400, "http.bad_filter", NULL);
}

/* The document of the route; 1, or 0 after answering 404 or 500. */
static int load(struct ctx *ctx, struct document *d)
{
	struct error err = ERROR_INIT;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "document.not_found", NULL);
		return 0;
	}
	found = repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), id,
				  d, &err);
	if (found < 0)
		api_fail(ctx, &err);
	else if (!found)
		api_problem(ctx, 404, "document.not_found", NULL);
	return found == 1;
}

/* The document with the text in force and the newest text. */
static void send_document(struct ctx *ctx, int status, int64_t id)
{
	struct error err = ERROR_INIT;
	struct document d;
	struct document_version v;
	json_t *o;

	if (repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), id, &d,
			      &err) != 1) {
		api_fail(ctx, &err);
		return;
	}
	o = document_json(&d);
	json_object_set_new(o, "body_in_force", json_null());
	json_object_set_new(o, "body", json_null());
	if (d.approved_version &&
	    repo_document_version(ctx->store, &ctx->req->arena, org_of(ctx),
				  d.id, d.approved_version, &v, &err) == 1)
		json_object_set_new(o, "body_in_force", json_text(v.body));
	if (d.latest_version &&
	    repo_document_version(ctx->store, &ctx->req->arena, org_of(ctx),
				  d.id, d.latest_version, &v, &err) == 1)
		json_object_set_new(o, "body", json_text(v.body));
	if (err.code != ERROR_NONE) {
		json_decref(o);
		api_fail(ctx, &err);
		return;
	}
	json_send(ctx, status, o);
}

void api_document_get(struct ctx *ctx)
{
	struct document d;

	if (api_query_known(ctx, NULL, 0) || !load(ctx, &d))
		return;
	send_document(ctx, 200, d.id);
}

/* Reads the register members present in b into d (d keeps the rest). */
static int read_fields(struct api_body *b, struct document *d)
{
	const char *type = NULL;

	if (api_body_text(b, "code", 0, &d->code) ||
	    api_body_text(b, "title", 0, &d->title) ||
	    api_body_text(b, "type", 0, &type) ||
	    api_body_text(b, "owner", 0, &d->owner) ||
	    api_body_text(b, "approver", 1, &d->approver) ||
	    api_body_text(b, "next_review", 1, &d->next_review) ||
	    api_body_text(b, "retention", 1, &d->retention) ||
	    api_body_text(b, "label", 1, &d->label))
		return -1;
	if (type && document_type_parse(type, &d->type)) {
		struct error err = ERROR_INIT;

		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "document.type", type, NULL);
		api_refuse(b->ctx, 422, &err, "type");
		b->failed = 1;
		return -1;
	}
	return 0;
}

/* Checks d against the rules, the labels and the approvers. */
static int check_fields(struct ctx *ctx, const struct document *d,
			struct error *err)
{
	const char **labels;
	size_t label_count;

	if (riskview_labels(ctx, &labels, &label_count, err) ||
	    document_validate(d, labels, label_count, err) ||
	    docview_check_approver(ctx->store, &ctx->req->arena, org_of(ctx),
				   d->approver, err))
		return -1;
	return 0;
}

void api_document_post(struct ctx *ctx)
{
	static const char *const required[] = { "code", "title", "type",
						"owner" };
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct document d;
	struct api_body b;
	const char *body = "", *note = "";
	int version = 0;

	memset(&d, 0, sizeof(d));
	d.code = d.title = d.owner = d.approver = "";
	d.next_review = d.retention = d.label = "";
	/* status and base_version belong to changes, not to a new entry. */
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members) - 2, 0) ||
	    api_body_require(&b, required, ARRAY_SIZE(required)) ||
	    read_fields(&b, &d) || api_body_text(&b, "body", 1, &body) ||
	    api_body_text(&b, "note", 1, &note)) {
		api_body_release(&b);
		return;
	}
	api_body_release(&b);
	if (check_fields(ctx, &d, &err) || document_body_validate(body, &err) ||
	    document_note_validate(note, &err)) {
		fail(ctx, &err);
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_document_insert(ctx->store, org_of(ctx), &d, ctx->req->now,
				 &err))
		goto fail;
	if (*body &&
	    repo_document_save(ctx->store, org_of(ctx), d.id, body, note,
			       ctx->req->session->rec.email, DOCUMENT_DRAFT,
			       ctx->req->now, &version, &err) != 1)
		goto fail;
	document_changes(NULL, &d, &before, &after);
	if (version)
		strbuf_addf(&after, "\nversion: %d", version);
	if (page_audit(ctx, "document.add",
		       arena_printf(&ctx->req->arena, "document:%lld",
				    (long long)d.id),
		       "", after.buf, &err) ||
	    store_commit(ctx->store, &err))
		goto fail;
	strbuf_release(&before);
	strbuf_release(&after);
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena, "/api/v1/documents/%lld",
				     (long long)d.id));
	send_document(ctx, 201, d.id);
	return;
fail:
	store_rollback(ctx->store);
	strbuf_release(&before);
	strbuf_release(&after);
	fail(ctx, &err);
}

/* The register fields of patch that given (bits of members[]) names. */
static struct document merge(const struct document *now,
			     const struct document *patch, unsigned given)
{
	struct document d = *now;

	if (given & (1u << 0))
		d.code = patch->code;
	if (given & (1u << 1))
		d.title = patch->title;
	if (given & (1u << 2))
		d.type = patch->type;
	if (given & (1u << 3))
		d.owner = patch->owner;
	if (given & (1u << 4))
		d.approver = patch->approver;
	if (given & (1u << 5))
		d.next_review = patch->next_review;
	if (given & (1u << 6))
		d.retention = patch->retention;
	if (given & (1u << 7))
		d.label = patch->label;
	return d;
}

void api_document_patch(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct document old, d;
	struct api_body b;
	const char *body = NULL, *note = "", *status = NULL;
	const char *target;
	enum document_status to, wanted = DOCUMENT_DRAFT;
	json_int_t base = -1;
	unsigned given = 0;
	size_t i;
	int version = 0;

	if (!load(ctx, &old))
		return;
	d = old;
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0) ||
	    read_fields(&b, &d) || api_body_text(&b, "body", 0, &body) ||
	    api_body_text(&b, "note", 1, &note) ||
	    api_body_text(&b, "status", 0, &status)) {
		api_body_release(&b);
		return;
	}
	for (i = 0; i < FIELD_COUNT; i++)
		if (api_body_has(&b, members[i]))
			given |= 1u << i;
	if (api_body_has(&b, "base_version")) {
		json_t *v = json_object_get(b.json, "base_version");

		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "document.base", "", NULL);
			api_refuse(ctx, 400, &err, "base_version");
			api_body_release(&b);
			return;
		}
		base = json_integer_value(v);
	}
	api_body_release(&b);
	/* A client submits by PATCH; approving has its own endpoint. */
	if (status && (document_status_parse(status, &wanted) ||
		       wanted != DOCUMENT_IN_REVIEW)) {
		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "document.status", status, NULL);
		api_refuse(ctx, 422, &err, "status");
		return;
	}
	if ((body && document_body_validate(body, &err)) ||
	    document_note_validate(note, &err)) {
		fail(ctx, &err);
		return;
	}
	target = arena_printf(&ctx->req->arena, "document:%lld",
			      (long long)d.id);
	if (store_begin(ctx->store, &err) ||
	    repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), old.id,
			      &old, &err) != 1)
		goto fail;
	if (old.status == DOCUMENT_WITHDRAWN) {
		error_set(&err, ERROR_CONFLICT, "document.withdrawn", NULL);
		goto fail;
	}
	/* The members given, over the document as it is now: a change
	 * made meanwhile to another member is kept. */
	d = merge(&old, &d, given);
	if (check_fields(ctx, &d, &err))
		goto fail;
	document_changes(&old, &d, &before, &after);
	if ((before.len || after.len) &&
	    (repo_document_update(ctx->store, org_of(ctx), &d, ctx->req->now,
				  &err) != 1 ||
	     page_audit(ctx, "document.edit", target, before.buf, after.buf,
			&err)))
		goto fail;
	if (body) {
		if (base >= 0 && base != old.latest_version) {
			error_set(&err, ERROR_CONFLICT, "document.stale",
				  arena_printf(&ctx->req->arena, "%lld",
					       (long long)base),
				  arena_printf(&ctx->req->arena, "%d",
					       old.latest_version),
				  NULL);
			goto fail;
		}
		if (document_transition(old.status, DOCUMENT_SAVE, &to, &err) ||
		    repo_document_save(ctx->store, org_of(ctx), d.id, body,
				       note, ctx->req->session->rec.email, to,
				       ctx->req->now, &version, &err) != 1 ||
		    page_audit(ctx, "document.save", target,
			       arena_printf(&ctx->req->arena, "status: %s",
					    document_status_name(old.status)),
			       arena_printf(&ctx->req->arena,
					    "version: %d\nstatus: %s", version,
					    document_status_name(to)),
			       &err))
			goto fail;
		old.status = to;
		old.latest_version = version;
	}
	if (status) {
		if (document_transition(old.status, DOCUMENT_SUBMIT, &to, &err))
			goto fail;
		if (!old.latest_version) {
			error_set(&err, ERROR_CONFLICT, "document.no_text",
				  NULL);
			goto fail;
		}
		if (repo_document_set_status(ctx->store, org_of(ctx), d.id, to,
					     ctx->req->now, &err) != 1 ||
		    page_audit(ctx, "document.submit", target,
			       arena_printf(&ctx->req->arena, "status: %s",
					    document_status_name(old.status)),
			       arena_printf(&ctx->req->arena,
					    "status: %s\nversion: %d",
					    document_status_name(to),
					    old.latest_version),
			       &err))
			goto fail;
	}
	if (store_commit(ctx->store, &err))
		goto fail;
	strbuf_release(&before);
	strbuf_release(&after);
	send_document(ctx, 200, d.id);
	return;
fail:
	store_rollback(ctx->store);
	strbuf_release(&before);
	strbuf_release(&after);
	fail(ctx, &err);
}

void api_document_versions(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct document d;
	struct document_version *rows;
	size_t count, i;
	json_t *items, *out;

	if (api_query_known(ctx, NULL, 0) || !load(ctx, &d))
		return;
	if (repo_document_versions(ctx->store, &ctx->req->arena, org_of(ctx),
				   d.id, &rows, &count, &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, version_json(&rows[i], 0));
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "count", json_integer((json_int_t)count));
	json_send(ctx, 200, out);
}

void api_document_version(struct ctx *ctx)
{
	static const char *const known[] = { "n" };
	const char *n_text = request_query(ctx->req, "n");
	struct error err = ERROR_INIT;
	struct document d;
	struct document_version v;
	int n, found;

	if (api_query_known(ctx, known, ARRAY_SIZE(known)) || !load(ctx, &d))
		return;
	if (!n_text || parse_int(n_text, 1, INT32_MAX, &n)) {
		api_problem(ctx, 400, "http.bad_filter", NULL);
		return;
	}
	found = repo_document_version(ctx->store, &ctx->req->arena, org_of(ctx),
				      d.id, n, &v, &err);
	if (found < 0) {
		api_fail(ctx, &err);
		return;
	}
	if (!found) {
		api_problem(ctx, 404, "document.no_version", NULL);
		return;
	}
	json_send(ctx, 200, version_json(&v, 1));
}

/* Approves or withdraws, as the approver, in one transaction. */
static void decide(struct ctx *ctx, enum document_action a)
{
	static const char *const names[] = { "version" };
	const char *by = ctx->req->session->rec.email;
	struct error err = ERROR_INIT;
	struct document d;
	struct api_body b;
	enum document_status to;
	json_int_t seen = -1;
	int rc;

	if (!load(ctx, &d))
		return;
	if (api_body_open(ctx, &b, names, ARRAY_SIZE(names), 1)) {
		api_body_release(&b);
		return;
	}
	if (api_body_has(&b, "version")) {
		json_t *v = json_object_get(b.json, "version");

		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "document.version", "", NULL);
			api_refuse(ctx, 400, &err, "version");
			api_body_release(&b);
			return;
		}
		seen = json_integer_value(v);
	}
	api_body_release(&b);
	if (store_begin(ctx->store, &err) ||
	    repo_document_get(ctx->store, &ctx->req->arena, org_of(ctx), d.id,
			      &d, &err) != 1 ||
	    document_transition(d.status, a, &to, &err) ||
	    document_may_approve(&d, by, &err))
		goto fail;
	/* The version the approver read is the one approved, or none. */
	if (seen >= 0 && seen != d.latest_version) {
		error_set(
			&err, ERROR_CONFLICT, "document.stale",
			arena_printf(&ctx->req->arena, "%lld", (long long)seen),
			arena_printf(&ctx->req->arena, "%d", d.latest_version),
			NULL);
		goto fail;
	}
	rc = a == DOCUMENT_APPROVE
		     ? repo_document_approve(ctx->store, org_of(ctx), d.id, by,
					     ctx->req->now, &err)
		     : repo_document_set_status(ctx->store, org_of(ctx), d.id,
						to, ctx->req->now, &err);
	if (rc != 1 ||
	    page_audit(ctx,
		       a == DOCUMENT_APPROVE ? "document.approve"
					     : "document.withdraw",
		       arena_printf(&ctx->req->arena, "document:%lld",
				    (long long)d.id),
		       arena_printf(&ctx->req->arena, "status: %s",
				    document_status_name(d.status)),
		       arena_printf(&ctx->req->arena, "status: %s\nversion: %d",
				    document_status_name(to), d.latest_version),
		       &err) ||
	    store_commit(ctx->store, &err))
		goto fail;
	send_document(ctx, 200, d.id);
	return;
fail:
	store_rollback(ctx->store);
	fail(ctx, &err);
}

void api_document_approve(struct ctx *ctx)
{
	decide(ctx, DOCUMENT_APPROVE);
}

void api_document_withdraw(struct ctx *ctx)
{
	decide(ctx, DOCUMENT_WITHDRAW);
}
