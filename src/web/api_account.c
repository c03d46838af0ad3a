/* api_account.c: /api/v1/me, the account behind the token. */
#include "util/compat.h"

#include "store/repo_audit.h"
#include "store/repo_session.h"
#include "store/store.h"
#include "util/error.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static json_t *me_json(const struct session *s)
{
	json_t *me = json_object(), *roles = json_array(), *org = json_object();
	int r;

	for (r = 0; r < ROLE_COUNT; r++)
		if (s->rec.roles & ROLE_BIT(r))
			json_array_append_new(
				roles, json_string(role_name((enum role)r)));
	json_object_set_new(org, "id", json_integer(s->rec.org_id));
	json_object_set_new(org, "name", json_text(s->rec.org_name));
	json_object_set_new(org, "sample", json_boolean(s->rec.org_is_sample));
	json_object_set_new(me, "id", json_integer(s->rec.account_id));
	json_object_set_new(me, "email", json_text(s->rec.email));
	json_object_set_new(me, "display_name", json_text(s->rec.display_name));
	json_object_set_new(me, "lang", json_string(s->rec.lang));
	json_object_set_new(me, "organisation", org);
	json_object_set_new(me, "roles", roles);
	return me;
}

void api_me_get(struct ctx *ctx)
{
	json_send(ctx, 200, me_json(ctx->req->session));
}

void api_me_put(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct session *s = ctx->req->session;
	json_t *body = json_body(ctx);
	const char *lang;

	if (!body)
		return;
	lang = json_string_value(json_object_get(body, "lang"));
	if (json_object_size(body) != 1 || !lang ||
	    (strcmp(lang, "ja") && strcmp(lang, "en"))) {
		json_decref(body);
		api_problem(ctx, 400, "api.bad_field",
			    "lang: \"ja\" or \"en\" is the only field");
		return;
	}
	if (store_begin(ctx->store, &err) ||
	    repo_account_set_lang(ctx->store, s->rec.account_id, lang, &err) ||
	    page_audit(ctx, "account.lang", "account", s->rec.lang, lang,
		       &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		json_decref(body);
		api_problem(ctx, 500, "http.internal", NULL);
		return;
	}
	s->rec.lang = lang[0] == 'e' ? "en" : "ja";
	json_decref(body);
	json_send(ctx, 200, me_json(s));
}
