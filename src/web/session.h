/* session.h: login sessions: cookies, timeouts, CSRF tokens. */
#ifndef MAMORI_WEB_SESSION_H
#define MAMORI_WEB_SESSION_H

#include <stdint.h>

#include "store/repo_session.h"

struct app;
struct error;
struct request;
struct response;
struct store;

/* The session of a request: the stored record, resolved roles and all. */
struct session {
	struct session_record rec;
};

enum { SESSION_TOUCH_EVERY = 60 }; /* seconds between last_seen updates */

#define SESSION_COOKIE	  "mamori_session"
#define LOGIN_CSRF_COOKIE "mamori_login"
#define LANG_COOKIE	  "mamori_lang"

/*
 * Resolves the session cookie of req into req->session.  A session that
 * is idle or too old is ended.  Returns 0 (with or without a session) or
 * -1 on a store error.
 */
int session_load(const struct app *app, struct store *store,
		 struct request *req, struct error *err);

/*
 * Starts a session for account_id in org_id: a fresh 256-bit token whose
 * hash is stored, a CSRF token, and the cookie on resp.  A new token is
 * made at every login and change of organisation, so a token seen before
 * login is worthless afterwards.
 */
int session_start(const struct app *app, struct store *store,
		  struct request *req, struct response *resp,
		  int64_t account_id, int64_t org_id, int mfa_passed,
		  struct error *err);

/* Ends req's session and clears the cookie. */
int session_end(struct store *store, struct request *req, struct response *resp,
		struct error *err);

/* Sets a cookie clearing header for name on resp. */
void session_clear_cookie(struct request *req, struct response *resp,
			  const char *name);
/* Sets cookie name=value (HttpOnly, SameSite=Strict, Path=/). */
void session_set_cookie(const struct app *app, struct request *req,
			struct response *resp, const char *name,
			const char *value, long max_age);

/*
 * Resolves an API token (the text after "Bearer ") into req->session.
 * Returns 1 when the token is active, 0 when it is unknown, revoked or
 * expired, -1 on a store error; *write tells whether it may change data.
 */
int session_from_token(struct store *store, struct request *req,
		       const char *token, int *write, struct error *err);

/* Today's date "YYYY-MM-DD" in UTC for now, from the request arena. */
const char *session_today(struct request *req);

#endif
