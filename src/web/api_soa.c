/*
 * api_soa.c: /api/v1/soa, the Statement of Applicability: the entries
 * with a summary, one entry with its linked risks, changes by PATCH, the
 * approved versions and the executive's approval.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "core/soa.h"
#include "store/repo_soa.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/json.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"
#include "web/soaview.h"

/* The members of an entry a client writes. */
static const char *const members[] = {
	"applicable", "reasons", "justification", "status",
	"owner",      "notes",	 "reviewed_on",
};

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

static json_t *entry_json(struct ctx *ctx, const struct soa_entry *e,
			  int64_t risks, int with_risks)
{
	const struct control *c = catalog_control(ctx->app->cat, e->control);
	json_t *o = json_object(), *reasons = json_array();
	int i;

	for (i = 0; i < SOA_REASON_COUNT; i++)
		if (e->reasons & (1u << i))
			json_array_append_new(reasons,
					      json_string(soa_reason_name(i)));
	json_object_set_new(o, "control", json_text(e->control));
	json_object_set_new(o, "title",
			    c ? json_text(text_get(&c->title, ctx->req->lang))
			      : json_null());
	json_object_set_new(o, "theme",
			    c ? json_string(control_theme_name(c->theme))
			      : json_null());
	json_object_set_new(o, "applicable",
			    json_string(soa_applicability_name(e->applicable)));
	json_object_set_new(o, "reasons", reasons);
	json_object_set_new(o, "justification", json_text(e->justification));
	json_object_set_new(o, "status",
			    e->status == SOA_STATUS_UNSET
				    ? json_null()
				    : json_string(soa_status_name(
					      (enum soa_status)e->status)));
	json_object_set_new(o, "owner", json_text(e->owner));
	json_object_set_new(o, "notes", json_text(e->notes));
	json_object_set_new(o, "reviewed_on", api_text_or_null(e->reviewed_on));
	if (with_risks)
		json_object_set_new(o, "risks", json_integer(risks));
	return o;
}

static json_t *blockers_json(struct ctx *ctx, const struct soa_entry *entries,
			     size_t count, size_t *n)
{
	struct soa_blocker *b =
		arena_calloc(&ctx->req->arena, 2 * count + 1, sizeof(*b));
	json_t *a = json_array();
	size_t i;

	*n = soa_blockers(entries, count, b);
	for (i = 0; i < *n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "control", json_text(b[i].control));
		json_object_set_new(
			o, "problem",
			json_string(soa_problem_name(b[i].problem)));
		json_object_set_new(o, "message",
				    json_text(soaview_blocker_text(
					    ctx->app->msgs, ctx->req->lang,
					    &b[i], &ctx->req->arena)));
		json_array_append_new(a, o);
	}
	return a;
}

static void api_soa_list_build(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct soa_entry *entries;
	struct soa_progress prog;
	struct soa_counts counts;
	int64_t *risks;
	size_t count, nblock, i;
	int started;
	json_t *items, *summary, *by_status, *out, *blockers;

	if (api_query_known(ctx, NULL, 0))
		return;
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err) ||
	    soaview_risk_counts(ctx->store, &ctx->req->arena, ctx->app->cat,
				org_of(ctx), &risks, &err) ||
	    repo_soa_progress(ctx->store, org_of(ctx), &prog, &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, entry_json(ctx, &entries[i],
							risks[i], 1));
	soa_count(entries, count, &counts);
	by_status = json_object();
	for (i = 0; i < SOA_STATUS_COUNT; i++)
		json_object_set_new(by_status,
				    soa_status_name((enum soa_status)i),
				    json_integer(counts.by_status[i]));
	blockers = blockers_json(ctx, entries, count, &nblock);
	summary = json_object();
	json_object_set_new(summary, "started", json_boolean(started));
	json_object_set_new(summary, "applicable",
			    json_integer(counts.applicable));
	json_object_set_new(summary, "excluded", json_integer(counts.excluded));
	json_object_set_new(summary, "undecided",
			    json_integer(counts.undecided));
	json_object_set_new(summary, "by_status", by_status);
	json_object_set_new(summary, "blockers", blockers);
	json_object_set_new(summary, "version",
			    prog.version_no ? json_integer(prog.version_no)
					    : json_null());
	json_object_set_new(summary, "approved_at",
			    prog.version_no ? json_integer(prog.approved_at)
					    : json_null());
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "count", json_integer((json_int_t)count));
	json_object_set_new(out, "summary", summary);
	json_send(ctx, 200, out);
}

/* Kept per data version: every change it shows writes an audit event. */
void api_soa_list(struct ctx *ctx)
{
	pagecache_answer(ctx, "api-soa", api_soa_list_build,
			 "application/json");
}

/* The route's control and the statement; 0, or -1 after answering. */
static int load_entry(struct ctx *ctx, struct soa_entry **entries,
		      size_t *count, struct soa_entry **e)
{
	struct error err = ERROR_INIT;
	int started;

	if (!catalog_control(ctx->app->cat, ctx->req->route_arg)) {
		api_problem(ctx, 404, "soa.unknown_control", NULL);
		return -1;
	}
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), entries, count, &started, &err)) {
		api_fail(ctx, &err);
		return -1;
	}
	*e = soaview_find(*entries, *count, ctx->req->route_arg);
	return 0;
}

/* The entry with its linked risks, as GET and PATCH answer it. */
static void send_entry(struct ctx *ctx, const struct soa_entry *e, int status)
{
	const struct catalog *cat = ctx->app->cat;
	struct error err = ERROR_INIT;
	struct soa_risk_link *links;
	size_t n, i;
	json_t *o, *risks;

	if (repo_soa_risk_links(ctx->store, &ctx->req->arena, org_of(ctx),
				e->control, &links, &n, &err)) {
		api_fail(ctx, &err);
		return;
	}
	o = entry_json(ctx, e, (int64_t)n, 1);
	risks = json_array();
	for (i = 0; i < n; i++) {
		json_t *r = json_object();
		const struct threat *th =
			*links[i].threat_id
				? catalog_threat(cat, links[i].threat_id)
				: NULL;

		json_object_set_new(r, "id", json_integer(links[i].risk_id));
		json_object_set_new(r, "asset", json_text(links[i].asset_name));
		json_object_set_new(
			r, "threat",
			json_text(th ? text_get(&th->title, ctx->req->lang)
				     : links[i].threat));
		json_object_set_new(r, "level",
				    api_rating_json(links[i].level));
		json_array_append_new(risks, r);
	}
	json_object_set_new(o, "linked_risks", risks);
	json_send(ctx, status, o);
}

void api_soa_get(struct ctx *ctx)
{
	struct soa_entry *entries, *e;
	size_t count;

	if (api_query_known(ctx, NULL, 0) ||
	    load_entry(ctx, &entries, &count, &e))
		return;
	send_entry(ctx, e, 200);
}

/* The member a rule of core/soa.c is about. */
static const char *member_of(const struct error *err)
{
	static const struct {
		const char *key;
		const char *member;
	} fixed[] = {
		{ "soa.needs_justification", "justification" },
		{ "soa.needs_reason", "reasons" },
		{ "soa.excluded_with_reason", "reasons" },
		{ "soa.excluded_with_status", "status" },
		{ "soa.applicable_not_applicable", "status" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		if (!strcmp(err->key, fixed[i].key))
			return fixed[i].member;
	if (err->argc >= 1 && !strncmp(err->args[0], "soa.", 4))
		return err->args[0] + 4;
	return NULL;
}

/* Reads the members present into e; 0, or -1 after answering. */
static int read_entry(struct api_body *b, struct soa_entry *e)
{
	struct error err = ERROR_INIT;
	const char *applicable = NULL, *status = NULL, **reasons = NULL;
	size_t nreasons = 0, i;
	json_t *v;

	if (api_body_text(b, "applicable", 0, &applicable) ||
	    api_body_words(b, "reasons", &reasons, &nreasons) ||
	    api_body_text(b, "justification", 0, &e->justification) ||
	    api_body_text(b, "owner", 0, &e->owner) ||
	    api_body_text(b, "notes", 0, &e->notes) ||
	    api_body_text(b, "reviewed_on", 1, &e->reviewed_on))
		return -1;
	/* status: a name, or null for "not set". */
	v = json_object_get(b->json, "status");
	if (v && json_is_null(v)) {
		e->status = SOA_STATUS_UNSET;
	} else if (v) {
		enum soa_status s;

		if (api_body_text(b, "status", 0, &status))
			return -1;
		if (soa_status_parse(status, &s)) {
			error_set(&err, ERROR_INPUT, "input.bad_choice",
				  "soa.status", status, NULL);
			api_refuse(b->ctx, 422, &err, "status");
			return -1;
		}
		e->status = (int)s;
	}
	if (applicable && soa_applicability_parse(applicable, &e->applicable)) {
		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "soa.applicable", applicable, NULL);
		api_refuse(b->ctx, 422, &err, "applicable");
		return -1;
	}
	if (reasons) {
		e->reasons = 0;
		for (i = 0; i < nreasons; i++) {
			unsigned bit = soa_reason_parse(reasons[i]);

			if (!bit) {
				error_set(&err, ERROR_INPUT, "input.bad_choice",
					  "soa.reasons", reasons[i], NULL);
				api_refuse(b->ctx, 422, &err, "reasons");
				return -1;
			}
			e->reasons |= bit;
		}
	}
	return 0;
}

void api_soa_patch(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct soa_entry *entries, *old, e;
	struct api_body b;
	size_t count;
	int changed = 0, started;

	memset(&b, 0, sizeof(b));
	if (!catalog_control(ctx->app->cat, ctx->req->route_arg)) {
		api_problem(ctx, 404, "soa.unknown_control", NULL);
		return;
	}
	if (api_body_open(ctx, &b, members, ARRAY_SIZE(members), 0))
		goto out;
	if (store_begin(ctx->store, &err))
		goto failed;
	/* Read under the write lock: members absent keep what is there
	 * now, and the audit event's "before" is that. */
	if (soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), &entries, &count, &started, &err)) {
		store_rollback(ctx->store);
		goto failed;
	}
	old = soaview_find(entries, count, ctx->req->route_arg);
	e = *old;
	if (read_entry(&b, &e)) {
		store_rollback(ctx->store);
		goto out;
	}
	if (soaview_save(ctx->store, ctx->app->cat, org_of(ctx), old, &e,
			 ctx->req->now, &before, &after, &changed, &err) ||
	    (changed &&
	     page_audit(ctx, "soa.update",
			arena_printf(&ctx->req->arena, "soa:%s", e.control),
			before.buf, after.buf, &err)) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		goto failed;
	}
	send_entry(ctx, &e, 200);
	goto out;
failed:
	if (err.code == ERROR_INPUT)
		api_refuse(ctx, 422, &err, member_of(&err));
	else
		api_fail(ctx, &err);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	api_body_release(&b);
}

static json_t *version_json(const struct soa_version *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "no", json_integer(v->no));
	json_object_set_new(o, "approved_by", json_text(v->approved_by));
	json_object_set_new(o, "approved_on", json_text(v->approved_on));
	json_object_set_new(o, "approved_at", json_integer(v->approved_at));
	json_object_set_new(o, "applicable", json_integer(v->applicable));
	json_object_set_new(o, "excluded", json_integer(v->excluded));
	return o;
}

void api_soa_versions(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct soa_version *v;
	size_t n, i;
	json_t *items, *out;

	if (api_query_known(ctx, NULL, 0))
		return;
	if (repo_soa_versions(ctx->store, &ctx->req->arena, org_of(ctx), &v, &n,
			      &err)) {
		api_fail(ctx, &err);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, version_json(&v[i]));
	out = json_object();
	json_object_set_new(out, "items", items);
	json_object_set_new(out, "count", json_integer((json_int_t)n));
	json_send(ctx, 200, out);
}

void api_soa_version_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct soa_version v;
	struct soa_entry *rows;
	size_t count, i;
	long no;
	int found;
	json_t *o, *items;

	if (api_query_known(ctx, NULL, 0))
		return;
	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &no)) {
		api_problem(ctx, 404, "soa.version_not_found", NULL);
		return;
	}
	found = repo_soa_version_get(ctx->store, &ctx->req->arena, org_of(ctx),
				     no, &v, &rows, &count, &err);
	if (found < 0) {
		api_fail(ctx, &err);
		return;
	}
	if (!found) {
		api_problem(ctx, 404, "soa.version_not_found", NULL);
		return;
	}
	o = version_json(&v);
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, entry_json(ctx, &rows[i], 0, 0));
	json_object_set_new(o, "items", items);
	json_send(ctx, 200, o);
}

/* 409 with what blocks approval, so a client can list it. */
static void refuse_blocked(struct ctx *ctx, const struct error *err)
{
	struct error e2 = ERROR_INIT;
	struct strbuf msg = STRBUF_INIT;
	struct soa_entry *entries;
	size_t count, n;
	int started;
	json_t *p;

	i18n_error_text(ctx, err, &msg);
	p = json_object();
	json_object_set_new(p, "type",
			    json_string("urn:mamori:problem:soa.blocked"));
	json_object_set_new(p, "title", json_text(t(ctx, "soa.blocked_title")));
	json_object_set_new(p, "status", json_integer(409));
	json_object_set_new(p, "detail", json_text(msg.buf));
	if (!soaview_entries(ctx->store, &ctx->req->arena, ctx->app->cat,
			     org_of(ctx), &entries, &count, &started, &e2))
		json_object_set_new(p, "blockers",
				    blockers_json(ctx, entries, count, &n));
	json_send(ctx, 409, p);
	ctx->resp->content_type = "application/problem+json";
	strbuf_release(&msg);
}

void api_soa_approve(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct soa_version v;
	struct soa_entry *rows;
	struct api_body b;
	size_t count;
	int64_t no = 0;

	if (api_body_open(ctx, &b, NULL, 0, 1)) {
		api_body_release(&b);
		return;
	}
	api_body_release(&b);
	if (store_begin(ctx->store, &err) ||
	    soaview_approve(ctx->store, &ctx->req->arena, ctx->app->cat,
			    org_of(ctx), ctx->req->session->rec.email,
			    page_today(ctx), ctx->req->now, &no, &err) ||
	    page_audit(ctx, "soa.approve",
		       arena_printf(&ctx->req->arena, "soa:v%lld",
				    (long long)no),
		       "",
		       arena_printf(&ctx->req->arena, "version: %lld",
				    (long long)no),
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		if (err.code == ERROR_CONFLICT &&
		    !strcmp(err.key, "soa.blocked"))
			refuse_blocked(ctx, &err);
		else
			api_fail(ctx, &err);
		return;
	}
	if (repo_soa_version_get(ctx->store, &ctx->req->arena, org_of(ctx), no,
				 &v, &rows, &count, &err) != 1) {
		api_fail(ctx, &err);
		return;
	}
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena,
				     "/api/v1/soa/versions/%lld",
				     (long long)no));
	json_send(ctx, 201, version_json(&v));
}
