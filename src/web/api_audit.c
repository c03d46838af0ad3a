/* api_audit.c: /api/v1/audit, the organisation's audit trail. */
#include "util/compat.h"

#include "store/repo_audit.h"
#include "util/error.h"
#include "util/parse.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

enum { API_LIMIT_MAX = 500 };

void api_audit_list(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct audit_filter f;
	struct audit_event *rows;
	const char *limit_q = request_query(ctx->req, "limit");
	const char *offset_q = request_query(ctx->req, "offset");
	long limit = 100, offset = 0;
	int64_t total;
	size_t count, i;
	json_t *items, *out;

	if ((limit_q && parse_long(limit_q, 1, API_LIMIT_MAX, &limit)) ||
	    (offset_q && parse_long(offset_q, 0, INT32_MAX, &offset))) {
		api_problem(ctx, 400, "http.bad_filter",
			    "limit: 1 to 500, offset: 0 or more");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.action_prefix = request_query(ctx->req, "action");
	f.actor = request_query(ctx->req, "actor");
	if (repo_audit_list(ctx->store, &ctx->req->arena,
			    ctx->req->session->rec.org_id, &f, (size_t)limit,
			    (size_t)offset, &rows, &count, &total, &err)) {
		api_problem(ctx, 500, "http.internal", NULL);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "seq", json_integer(rows[i].seq));
		json_object_set_new(e, "at", json_integer(rows[i].at));
		json_object_set_new(e, "actor", json_text(rows[i].actor));
		json_object_set_new(e, "client", json_text(rows[i].client));
		json_object_set_new(e, "action", json_text(rows[i].action));
		json_object_set_new(e, "target", json_text(rows[i].target));
		json_object_set_new(e, "before", json_text(rows[i].before));
		json_object_set_new(e, "after", json_text(rows[i].after));
		json_object_set_new(e, "hash", json_string(rows[i].hash));
		json_array_append_new(items, e);
	}
	out = json_object();
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "items", items);
	json_send(ctx, 200, out);
}
