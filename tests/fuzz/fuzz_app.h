/*
 * fuzz_app.h: a running mamori for the fuzz targets that reach the
 * handlers: a data file with the sample organisation (assets, risks, a
 * plan, diagnosis runs), an account holding every permission with its
 * second factor passed, a logged-in session with its CSRF token and a
 * write API token, and the app the server and router share.  A handler
 * an input reaches may end the session, revoke the token or take the
 * roles away; fuzz_app_repair() puts them back after each input, so the
 * next input finds the same footing.
 */
#ifndef MAMORI_TESTS_FUZZ_APP_H
#define MAMORI_TESTS_FUZZ_APP_H

#include <stdint.h>

#include "web/app.h"
#include "web/crypto.h"

struct fuzz_app {
	struct app app;
	char dir[128];	   /* the temporary folder of the data file */
	char url[512];	   /* its store URL */
	int64_t org_id;	   /* the sample organisation */
	int64_t other_org; /* an organisation the account is not in */
	int64_t account_id;
	char session[TOKEN_HEX + 1]; /* the cookie's value */
	char csrf[TOKEN_HEX + 1];
	char token[4 + TOKEN_HEX + 1]; /* "mmr_…", write scope */
};

/*
 * Builds the data file and the app once per process (later calls return
 * the same one); aborts when that fails, as the target cannot run.
 */
struct fuzz_app *fuzz_app_get(void);

/* Restores the session, the token, the roles and the second factor. */
void fuzz_app_repair(struct fuzz_app *fa);

/*
 * Sends one request through the router as the account: line is
 * "METHOD /path?query" (the path as the server has decoded it), body the
 * request body.  api: with the bearer token and a JSON body; otherwise
 * with the session cookie and a form body that begins with the CSRF
 * token.  The answer goes through fuzz_check_response(), and an API
 * answer must be JSON.
 */
void fuzz_app_dispatch(struct fuzz_app *fa, const char *line, size_t line_len,
		       const char *body, size_t body_len, int api);

#endif
