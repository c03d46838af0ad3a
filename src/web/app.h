/* app.h: the state of a running server, shared read-only by its workers. */
#ifndef MAMORI_WEB_APP_H
#define MAMORI_WEB_APP_H

#include <stddef.h>

struct catalog;
struct i18n;
struct store_pool;
struct api_cache;
struct web_assets;

struct app_config {
	const char *listen_host; /* "127.0.0.1" */
	int listen_port;	 /* 8080 */
	const char *data;	 /* store URL */
	unsigned threads;	 /* worker threads, one store connection each */
	int secure_cookies;    /* set the Secure flag (TLS or trusted proxy) */
	int trust_proxy;       /* believe X-Forwarded-Proto / -For */
	long idle_timeout;     /* seconds without a request before logout */
	long absolute_timeout; /* seconds after login before logout */
	int quiet;	       /* no access log */
};

/*
 * Everything a handler needs beyond its request.  Built before the server
 * starts and never changed while it runs, so workers share it freely; the
 * store pool hands each request a connection of its own.
 */
struct app {
	struct app_config config;
	const struct catalog *cat;
	const struct i18n *msgs;
	struct store_pool *pool;
	/* An argon2id hash of nothing anyone knows: checking a password
	 * against it makes a login for an unknown address take as long as
	 * one with a wrong password. */
	const char *dummy_hash;
	/* The API's JSON of the catalogue, serialised once (web/api.h). */
	const struct api_cache *api;
	/* The static files, with their gzip forms (web/assets.h). */
	const struct web_assets *assets;
};

#endif
