/* server.h: the HTTP server around the router. */
#ifndef MAMORI_WEB_SERVER_H
#define MAMORI_WEB_SERVER_H

struct app;
struct error;

/*
 * Serves app until SIGTERM or SIGINT: listens on the configured loopback
 * or other address, runs a pool of worker threads, and on a signal stops
 * accepting, lets requests in flight finish, and returns 0.  Returns -1
 * with err when the address cannot be used.
 */
int server_run(const struct app *app, struct error *err);

/*
 * The same server without the signal handling, for tests and the fuzz
 * harness: starts serving app on its own threads and returns it, or NULL
 * with err when the address cannot be used.  server_port() tells the
 * port (the configured one, or the one chosen for port 0).  server_stop()
 * stops accepting, lets requests in flight finish and frees s (NULL is
 * accepted).
 */
struct server;
struct server *server_start(const struct app *app, struct error *err);
int server_port(const struct server *s);
void server_stop(struct server *s);

/* Limits on what a client may send. */
enum {
	SERVER_BODY_MAX = 1024 * 1024, /* request body, bytes */
	/* The one route that takes files: a register of 100,000 rows. */
	SERVER_UPLOAD_MAX = 64 * 1024 * 1024,
	SERVER_HEADER_MAX = 32 * 1024, /* memory per connection for headers */
	SERVER_TIMEOUT = 15,	       /* seconds of client silence */
	SERVER_HEAD_DEADLINE = 20,     /* seconds for a whole request head */
	/* A body may take its time, but after SERVER_HEAD_DEADLINE seconds
	 * it must have come at this many bytes a second on average. */
	SERVER_BODY_MIN_RATE = 4096,
	SERVER_CONNECTIONS_MAX = 1000,
};

/* The path whose POST may carry SERVER_UPLOAD_MAX bytes. */
#define SERVER_UPLOAD_PATH "/assets/import"

#endif
