/* session.c: login sessions: cookies, timeouts, CSRF tokens. */
#include "util/compat.h"
#include "web/session.h"

#include "store/repo_session.h"
#include "store/repo_token.h"
#include "util/arena.h"
#include "util/error.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/request.h"

const char *session_today(struct request *req)
{
	time_t t = (time_t)req->now;
	struct tm tm;
	char *buf = arena_alloc(&req->arena, 16);

	gmtime_r(&t, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}

void session_set_cookie(const struct app *app, struct request *req,
			struct response *resp, const char *name,
			const char *value, long max_age)
{
	int secure = app->config.secure_cookies ||
		     (req->forwarded_proto &&
		      !strcmp(req->forwarded_proto, "https"));

	response_header(resp, "Set-Cookie",
			arena_printf(&req->arena,
				     "%s=%s; Path=/; HttpOnly; SameSite=Strict"
				     "%s%s",
				     name, value, secure ? "; Secure" : "",
				     max_age >= 0
					     ? arena_printf(&req->arena,
							    "; Max-Age=%ld",
							    max_age)
					     : ""));
}

void session_clear_cookie(struct request *req, struct response *resp,
			  const char *name)
{
	response_header(resp, "Set-Cookie",
			arena_printf(&req->arena,
				     "%s=; Path=/; HttpOnly; SameSite=Strict;"
				     " Max-Age=0",
				     name));
}

int session_load(const struct app *app, struct store *store,
		 struct request *req, struct error *err)
{
	const char *token = request_cookie(req, SESSION_COOKIE);
	struct session *s;
	char hash[TOKEN_HEX + 1];
	int found;

	req->session = NULL;
	if (!token || strlen(token) != TOKEN_HEX)
		return 0;
	sha256_hex(token, strlen(token), hash);
	s = arena_calloc(&req->arena, 1, sizeof(*s));
	found = repo_session_find(store, &req->arena, hash, session_today(req),
				  &s->rec, err);
	if (found <= 0)
		return found;
	if (req->now - s->rec.last_seen_at > app->config.idle_timeout ||
	    req->now - s->rec.created_at > app->config.absolute_timeout) {
		/* Expired: forget it; the next page asks for a login. */
		return repo_session_delete(store, s->rec.id, err);
	}
	if (req->now - s->rec.last_seen_at >= SESSION_TOUCH_EVERY &&
	    repo_session_touch(store, s->rec.id, req->now, err))
		return -1;
	req->session = s;
	return 0;
}

int session_start(const struct app *app, struct store *store,
		  struct request *req, struct response *resp,
		  int64_t account_id, int64_t org_id, int mfa_passed,
		  struct error *err)
{
	char token[TOKEN_HEX + 1], hash[TOKEN_HEX + 1], csrf[TOKEN_HEX + 1];

	secret_token(token);
	secret_token(csrf);
	sha256_hex(token, strlen(token), hash);
	if (repo_session_insert(store, org_id, account_id, hash, csrf,
				mfa_passed, req->now, req->client, err))
		return -1;
	session_set_cookie(app, req, resp, SESSION_COOKIE,
			   arena_strdup(&req->arena, token), -1);
	return 0;
}

int session_end(struct store *store, struct request *req, struct response *resp,
		struct error *err)
{
	session_clear_cookie(req, resp, SESSION_COOKIE);
	if (!req->session)
		return 0;
	return repo_session_delete(store, req->session->rec.id, err);
}

int session_from_token(struct store *store, struct request *req,
		       const char *token, int *write, struct error *err)
{
	struct session *s;
	char hash[TOKEN_HEX + 1];
	int64_t id = 0;
	int found;

	/* "mmr_" and 64 hex digits: anything else cannot be a token. */
	if (strlen(token) != 4 + TOKEN_HEX || strncmp(token, "mmr_", 4))
		return 0;
	sha256_hex(token, strlen(token), hash);
	s = arena_calloc(&req->arena, 1, sizeof(*s));
	found = repo_token_find(store, &req->arena, hash, session_today(req),
				&s->rec, write, &id, err);
	if (found <= 0)
		return found;
	if (req->now - s->rec.last_seen_at >= SESSION_TOUCH_EVERY &&
	    repo_token_touch(store, id, req->now, err))
		return -1;
	req->session = s;
	return 1;
}
