/* fuzz_app.c: a running mamori for the fuzz targets that reach handlers. */
#include "util/compat.h"
#include "fuzz_app.h"

#include <ctype.h>
#include <jansson.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/demo.h"
#include "core/organisation.h"
#include "core/role.h"
#include "fuzz.h"
#include "store/pool.h"
#include "store/repo_org.h"
#include "store/repo_session.h"
#include "store/repo_token.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/api.h"
#include "web/assets.h"
#include "web/form.h"
#include "web/mfa.h"
#include "web/page.h"
#include "web/request.h"
#include "web/router.h"
#include "web/session.h"

/* Every role but the read-only ones: every permission of the table. */
static const enum role held[] = { ROLE_EXECUTIVE, ROLE_SECURITY_LEAD,
				  ROLE_DEPARTMENT_LEAD, ROLE_SYSADMIN };

static struct fuzz_app the_app;
static int built;

static NORETURN void die(const char *what, const struct error *err)
{
	BUG("fuzz_app: %s: %s %s", what, err->key,
	    err->argc ? err->args[0] : "");
}

static role_set held_roles(void)
{
	role_set r = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(held); i++)
		r |= ROLE_BIT(held[i]);
	return r;
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The time now as the store keeps it: ISO 8601 UTC. */
static void stamp(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A new session for the account, with its second factor passed. */
static void new_session(struct fuzz_app *fa, struct store *store)
{
	struct error err = ERROR_INIT;
	char hash[TOKEN_HEX + 1];

	secret_token(fa->session);
	secret_token(fa->csrf);
	sha256_hex(fa->session, strlen(fa->session), hash);
	if (repo_session_insert(store, fa->org_id, fa->account_id, hash,
				fa->csrf, 1, (int64_t)time(NULL), "fuzz", &err))
		die("session", &err);
}

/* A new write token for a year. */
static void new_token(struct fuzz_app *fa, struct store *store)
{
	struct error err = ERROR_INIT;
	char hash[TOKEN_HEX + 1], secret[TOKEN_HEX + 1], until[11];
	time_t later = time(NULL) + 365 * 86400;
	struct tm tm;
	int64_t id;

	secret_token(secret);
	snprintf(fa->token, sizeof(fa->token), "mmr_%s", secret);
	sha256_hex(fa->token, strlen(fa->token), hash);
	gmtime_r(&later, &tm);
	strftime(until, sizeof(until), "%Y-%m-%d", &tm);
	if (repo_token_insert(store, fa->org_id, fa->account_id, "fuzz", hash,
			      "write", until, (int64_t)time(NULL), &id, &err))
		die("token", &err);
}

static void remove_dir(void)
{
	char path[400];

	if (!built)
		return;
	store_pool_close(the_app.app.pool);
	snprintf(path, sizeof(path), "%s/m.db", the_app.dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/m.db-wal", the_app.dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/m.db-shm", the_app.dir);
	unlink(path);
	rmdir(the_app.dir);
}

/* The organisations, the account, its roles and its second factor. */
static void seed(struct fuzz_app *fa, struct store *store)
{
	struct error err = ERROR_INIT;
	char now[32], secret[MFA_SECRET_B32 + 1];
	struct organisation org = { 0, "ファズ株式会社", 1, now };
	struct organisation other = { 0, "他社", 0, now };
	struct account acc = { 0, "fuzz@example.jp", "ファズ", now, 0 };
	char hash[PASSWORD_HASH_MAX];
	size_t i;

	stamp(now);
	/* Nobody logs in with it: the login route is left out (argon2id
	 * makes each try slow), so any well-formed hash will do. */
	if (password_hash("not used by the fuzz targets", hash, &err))
		die("password", &err);
	mfa_secret_new(secret);
	if (store_begin(store, &err) ||
	    repo_org_insert(store, &org, &fa->org_id, &err) ||
	    repo_org_insert(store, &other, &fa->other_org, &err) ||
	    repo_account_insert(store, &acc, hash, &fa->account_id, &err))
		die("seed", &err);
	for (i = 0; i < ARRAY_SIZE(held); i++)
		if (repo_membership_add(store, fa->org_id, fa->account_id,
					held[i], NULL, now, &err))
			die("roles", &err);
	if (repo_account_set_mfa(store, fa->account_id, secret, 1, &err) ||
	    demo_seed(store, fa->org_id, (int64_t)time(NULL), &err))
		die("sample", &err);
	new_session(fa, store);
	new_token(fa, store);
	if (store_commit(store, &err))
		die("commit", &err);
}

struct fuzz_app *fuzz_app_get(void)
{
	static char dummy[PASSWORD_HASH_MAX];
	struct fuzz_app *fa = &the_app;
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	struct catalog *cat;
	struct i18n *msgs;
	const char *base = access("/dev/shm", W_OK) ? getenv("TMPDIR") : NULL;

	if (built)
		return fa;
	/* A memory file system where there is one: synchronous=FULL makes
	 * every commit wait for the disk otherwise. */
	if (!base)
		base = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";
	snprintf(fa->dir, sizeof(fa->dir), "%s/mamori-fuzz-XXXXXX", base);
	if (!mkdtemp(fa->dir))
		BUG("fuzz_app: cannot make a folder in %s", base);
	if (snprintf(fa->url, sizeof(fa->url), "sqlite:%s/m.db", fa->dir) >=
	    (int)sizeof(fa->url))
		BUG("fuzz_app: folder name too long");
	if (password_library_init(&err) || mfa_library_init(&err) ||
	    catalog_load_builtin(&cat, &err) ||
	    i18n_load(&embedded_data, &msgs, &err) ||
	    password_hash("unused", dummy, &err) ||
	    store_open(fa->url, 1, &store, &err) ||
	    store_migrate(store, NULL, &err))
		die("open", &err);
	seed(fa, store);
	store_close(store);
	memset(&fa->app, 0, sizeof(fa->app));
	fa->app.config.listen_host = "127.0.0.1";
	fa->app.config.listen_port = 0;
	fa->app.config.data = fa->url;
	fa->app.config.threads = 1;
	fa->app.config.idle_timeout = 30 * 60;
	fa->app.config.absolute_timeout = 12 * 3600;
	fa->app.config.quiet = 1;
	fa->app.cat = cat;
	fa->app.msgs = msgs;
	fa->app.dummy_hash = dummy;
	fa->app.api = api_cache_new(cat);
	fa->app.assets = web_assets_new();
	if (store_pool_open(fa->url, 1, &fa->app.pool, &err))
		die("pool", &err);
	built = 1;
	atexit(remove_dir);
	return fa;
}

void fuzz_app_repair(struct fuzz_app *fa)
{
	struct error err = ERROR_INIT;
	struct store *store = store_pool_acquire(fa->app.pool);
	struct session_record rec;
	struct arena arena;
	char hash[TOKEN_HEX + 1], day[11], now[32];
	int64_t token_id;
	int write = 0, found;

	arena_init(&arena, 0);
	today(day);
	stamp(now);
	sha256_hex(fa->session, strlen(fa->session), hash);
	found = repo_session_find(store, &arena, hash, day, &rec, &err);
	if (found < 0)
		die("session check", &err);
	if (store_begin(store, &err))
		die("repair", &err);
	if (!found || rec.org_id != fa->org_id || rec.roles != held_roles() ||
	    !rec.mfa_enabled || !rec.mfa_passed || rec.must_change_password) {
		char secret[MFA_SECRET_B32 + 1];

		mfa_secret_new(secret);
		if (repo_member_set_roles(store, fa->org_id, fa->account_id,
					  held_roles(), NULL, now, &err) < 0 ||
		    repo_account_set_mfa(store, fa->account_id, secret, 1,
					 &err))
			die("repair roles", &err);
		new_session(fa, store);
	}
	sha256_hex(fa->token, strlen(fa->token), hash);
	found = repo_token_find(store, &arena, hash, day, &rec, &write,
				&token_id, &err);
	if (found < 0)
		die("token check", &err);
	if (!found || !write)
		new_token(fa, store);
	if (store_commit(store, &err))
		die("repair commit", &err);
	store_pool_release(fa->app.pool, store);
	arena_release(&arena);
}

/* --- one request through the router ------------------------------------- */

static enum http_method method_of(const char *m)
{
	static const char *const names[] = { "GET", "HEAD",   "POST",
					     "PUT", "DELETE", "PATCH" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(m, names[i]))
			return (enum http_method)i;
	return HTTP_OTHER;
}

/*
 * Handlers left out: a login and a password change hash with argon2id
 * (a tenth of a second each, which would starve the fuzzer), adding a
 * member makes and hashes a password, and running an import starts a
 * thread that outlives the input.
 */
static int left_out(const struct route *r)
{
	return r->handler == page_login_submit ||
	       r->handler == page_settings_password ||
	       r->handler == page_member_add ||
	       r->handler == page_asset_import_run;
}

void fuzz_app_dispatch(struct fuzz_app *fa, const char *line, size_t line_len,
		       const char *body, size_t body_len, int api)
{
	struct request req;
	struct response resp;
	struct strbuf form = STRBUF_INIT;
	const char *sp, *q, *location = NULL;
	char *method, *path;
	const struct route *r;
	size_t i;
	int known;

	/* "METHOD /path?query": the server has decoded the path (MHD) and
	 * refuses a path or query that is not UTF-8 before routing. */
	sp = memchr(line, ' ', line_len);
	if (!sp || memchr(line, '\0', line_len))
		return;
	memset(&req, 0, sizeof(req));
	arena_init(&req.arena, 8192);
	method = arena_memdupz(&req.arena, line, (size_t)(sp - line));
	sp++;
	q = memchr(sp, '?', line_len - (size_t)(sp - line));
	path = arena_memdupz(&req.arena, sp,
			     q ? (size_t)(q - sp)
			       : line_len - (size_t)(sp - line));
	if (*path != '/' || !utf8_valid(path, strlen(path)) ||
	    (q &&
	     form_decode(&req.arena, q + 1, line_len - (size_t)(q + 1 - line),
			 &req.query, &req.query_count)))
		goto out;
	r = router_match(method, path, &req, &known);
	if (r && left_out(r))
		goto out;
	req.route_arg = NULL;
	req.method = method_of(method);
	req.path = path;
	req.client = "127.0.0.1";
	req.now = (int64_t)time(NULL);
	if (api) {
		req.authorization =
			arena_printf(&req.arena, "Bearer %s", fa->token);
		req.content_type = "application/json";
		req.body = body;
		req.body_len = body_len;
	} else {
		req.cookie = arena_printf(&req.arena, "%s=%s", SESSION_COOKIE,
					  fa->session);
		req.content_type = "application/x-www-form-urlencoded";
		/* The token a page's form carries, so the input reaches
		 * the handler rather than the CSRF check. */
		strbuf_addf(&form, "csrf=%s&", fa->csrf);
		strbuf_add(&form, body, body_len);
		req.body = form.buf;
		req.body_len = form.len;
	}
	response_init(&resp);
	router_dispatch(&fa->app, &req, &resp);
	/* FUZZ_VERBOSE=1 shows what each input got, to judge a corpus. */
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "%d %s %s\n", resp.status, method, path);
	for (i = 0; i < resp.header_count; i++)
		if (!strcmp(resp.headers[i].name, "Location"))
			location = resp.headers[i].value;
	if (resp.static_body)
		fuzz_check_response(resp.status, resp.content_type, location,
				    "", 0);
	else
		fuzz_check_response(resp.status, resp.content_type, location,
				    resp.body.buf, resp.body.len);
	if (api && !resp.static_body && resp.body.len &&
	    strstr(resp.content_type, "json")) {
		json_error_t jerr;
		json_t *v = json_loadb(resp.body.buf, resp.body.len, 0, &jerr);

		FUZZ_CHECK(v != NULL);
		json_decref(v);
	}
	response_release(&resp);
out:
	strbuf_release(&form);
	arena_release(&req.arena);
}
