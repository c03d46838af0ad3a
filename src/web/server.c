/* server.c: the HTTP server; the only file that includes microhttpd.h. */
#include "util/compat.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/app.h"
#include "web/form.h"
#include "web/request.h"
#include "web/router.h"

/* One connection's request while its body arrives. */
struct pending {
	struct request req;
	struct strbuf body;
	int too_large;
	struct timespec started;
};

struct query_walk {
	struct request *req;
	size_t cap;
	int bad;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind,
				     const char *key, const char *value)
{
	struct query_walk *w = cls;
	struct request *req = w->req;

	(void)kind;
	value = value ? value : "";
	if (!utf8_valid(key, strlen(key)) ||
	    !utf8_valid(value, strlen(value)) ||
	    req->query_count >= FORM_FIELDS_MAX) {
		w->bad = 1;
		return MHD_NO;
	}
	if (req->query_count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;
		struct param *grown =
			arena_alloc(&req->arena, cap * sizeof(*grown));

		if (w->cap)
			memcpy(grown, req->query, w->cap * sizeof(*grown));
		req->query = grown;
		w->cap = cap;
	}
	req->query[req->query_count].name = arena_strdup(&req->arena, key);
	req->query[req->query_count].value = arena_strdup(&req->arena, value);
	req->query_count++;
	return MHD_YES;
}

static const char *header(struct MHD_Connection *conn, struct request *req,
			  const char *name)
{
	const char *v =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);

	return v ? arena_strdup(&req->arena, v) : NULL;
}

static void client_address(struct MHD_Connection *conn, struct request *req)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "unknown";

	if (info && info->client_addr) {
		const struct sockaddr *sa = info->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
				  &((const struct sockaddr_in *)sa)->sin_addr,
				  buf, sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)sa)->sin6_addr,
				  buf, sizeof(buf));
	}
	req->client = arena_strdup(&req->arena, buf);
}

/* Writes one access-log line: logfmt, with the path quoted. */
static void access_log(const struct pending *p, int status, size_t bytes)
{
	struct timespec end;
	struct strbuf line = STRBUF_INIT;
	const char *s;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - p->started.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - p->started.tv_nsec) / 1e6;
	strbuf_addf(&line, "at=%lld method=%s path=\"", (long long)p->req.now,
		    http_method_name(p->req.method));
	for (s = p->req.path ? p->req.path : ""; *s; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
			strbuf_addf(&line, "\\x%02x", (unsigned char)*s);
		else
			strbuf_addch(&line, *s);
	strbuf_addf(&line, "\" status=%d bytes=%zu ms=%.3f client=%s\n", status,
		    bytes, ms, p->req.client ? p->req.client : "-");
	fputs(line.buf, stderr);
	strbuf_release(&line);
}

static enum MHD_Result send_response(struct MHD_Connection *conn,
				     struct response *resp)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t i;

	if (resp->static_body) {
		r = MHD_create_response_from_buffer(resp->static_len,
						    (void *)resp->static_body,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len;
		char *body = strbuf_detach(&resp->body, &len);

		r = MHD_create_response_from_buffer(len, body,
						    MHD_RESPMEM_MUST_FREE);
	}
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", resp->content_type);
	for (i = 0; i < resp->header_count; i++)
		MHD_add_response_header(r, resp->headers[i].name,
					resp->headers[i].value);
	ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum http_method method_of(const char *m)
{
	if (!strcmp(m, "GET"))
		return HTTP_GET;
	if (!strcmp(m, "HEAD"))
		return HTTP_HEAD;
	if (!strcmp(m, "POST"))
		return HTTP_POST;
	if (!strcmp(m, "PUT"))
		return HTTP_PUT;
	if (!strcmp(m, "DELETE"))
		return HTTP_DELETE;
	if (!strcmp(m, "PATCH"))
		return HTTP_PATCH;
	return HTTP_OTHER;
}

/* The fields and file of a multipart body, gathered chunk by chunk. */
struct multipart {
	struct request *req;
	struct strbuf name, value, file, filename;
	int in_file; /* the current part is a file */
	int bad;
	size_t cap;
	int files;
};

/* Ends the part being gathered: a field joins req->form, a file is kept. */
static void part_done(struct multipart *m)
{
	struct request *req = m->req;

	if (!m->name.len)
		return;
	if (m->in_file) {
		struct upload *u = arena_calloc(&req->arena, 1, sizeof(*u));

		u->field = arena_strdup(&req->arena, m->name.buf);
		u->filename = arena_strdup(&req->arena, m->filename.buf);
		u->data = arena_memdupz(&req->arena, m->file.buf, m->file.len);
		u->len = m->file.len;
		if (m->files++)
			m->bad = 1; /* one file per request */
		req->upload = u;
	} else if (req->form_count >= FORM_FIELDS_MAX ||
		   strlen(m->value.buf) != m->value.len ||
		   !utf8_valid(m->value.buf, m->value.len)) {
		m->bad = 1;
	} else {
		ALLOC_GROW(req->form, req->form_count + 1, m->cap);
		req->form[req->form_count].name =
			arena_strdup(&req->arena, m->name.buf);
		req->form[req->form_count].value =
			arena_strdup(&req->arena, m->value.buf);
		req->form_count++;
	}
	strbuf_reset(&m->name);
	strbuf_reset(&m->value);
	strbuf_reset(&m->file);
	strbuf_reset(&m->filename);
	m->in_file = 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *filename,
			       const char *content_type,
			       const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct multipart *m = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	/* A new part starts at offset 0 (a part may arrive in pieces). */
	if (!off) {
		part_done(m);
		strbuf_addstr(&m->name, key ? key : "");
		m->in_file = filename != NULL;
		strbuf_addstr(&m->filename, filename ? filename : "");
	}
	strbuf_add(m->in_file ? &m->file : &m->value, data, size);
	return MHD_YES;
}

/*
 * Decodes a multipart/form-data body with libmicrohttpd's post processor
 * into req->form and req->upload.  Returns 0, or -1 when it is malformed.
 */
static int decode_multipart(struct MHD_Connection *conn, struct pending *p)
{
	struct multipart m;
	struct MHD_PostProcessor *pp;
	int rc = -1;

	memset(&m, 0, sizeof(m));
	m.req = &p->req;
	strbuf_init(&m.name, 0);
	strbuf_init(&m.value, 0);
	strbuf_init(&m.file, 0);
	strbuf_init(&m.filename, 0);
	pp = MHD_create_post_processor(conn, 64 * 1024, on_part, &m);
	if (pp) {
		if (MHD_post_process(pp, p->body.buf, p->body.len) == MHD_YES &&
		    MHD_destroy_post_processor(pp) == MHD_YES) {
			part_done(&m);
			rc = m.bad ? -1 : 0;
		} else {
			rc = -1;
		}
	}
	if (p->req.form && p->req.form_count) {
		/* Into the arena, like every other part of the request. */
		struct param *f = arena_calloc(&p->req.arena, p->req.form_count,
					       sizeof(*f));

		memcpy(f, p->req.form, p->req.form_count * sizeof(*f));
		free(p->req.form);
		p->req.form = f;
	}
	strbuf_release(&m.name);
	strbuf_release(&m.value);
	strbuf_release(&m.file);
	strbuf_release(&m.filename);
	p->req.form_decoded = 1;
	return rc;
}

/* Turns the finished connection into a request and answers it. */
static enum MHD_Result answer(const struct app *app,
			      struct MHD_Connection *conn, const char *url,
			      struct pending *p)
{
	struct request *req = &p->req;
	struct response resp;
	struct query_walk walk = { req, 0, 0 };
	enum MHD_Result ret;
	size_t bytes;

	response_init(&resp);
	req->path = arena_strdup(&req->arena, url);
	req->cookie = header(conn, req, "Cookie");
	req->accept_language = header(conn, req, "Accept-Language");
	req->accept_encoding = header(conn, req, "Accept-Encoding");
	req->content_type = header(conn, req, "Content-Type");
	req->if_none_match = header(conn, req, "If-None-Match");
	req->authorization = header(conn, req, "Authorization");
	if (app->config.trust_proxy)
		req->forwarded_proto = header(conn, req, "X-Forwarded-Proto");
	client_address(conn, req);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query,
				  &walk);
	req->body = p->body.buf;
	req->body_len = p->body.len;
	if (p->too_large) {
		resp.status = 413;
		resp.content_type = "text/plain; charset=utf-8";
		strbuf_addstr(&resp.body, "request body too large\n");
	} else if (walk.bad || !utf8_valid(req->path, strlen(req->path)) ||
		   (req->method == HTTP_POST && req->content_type &&
		    !strncmp(req->content_type, "multipart/form-data", 19) &&
		    decode_multipart(conn, p))) {
		resp.status = 400;
		resp.content_type = "text/plain; charset=utf-8";
		strbuf_addstr(&resp.body, "malformed request\n");
	} else {
		router_dispatch(app, req, &resp);
	}
	bytes = resp.static_body ? resp.static_len : resp.body.len;
	if (!app->config.quiet)
		access_log(p, resp.status, bytes);
	ret = send_response(conn, &resp);
	response_release(&resp);
	return ret;
}

/*
 * Slow clients.  MHD's timeout counts only silence, so a client sending
 * a byte a second would keep its connection until its header memory is
 * full (hours).  Every connection is watched from its start, and again
 * from the end of each request, until its next request head is complete;
 * a watchdog thread shuts the socket of one that has taken longer than
 * SERVER_HEAD_DEADLINE, and MHD then closes it as a client that left.
 * A body is watched the same way from the end of its head: once
 * SERVER_HEAD_DEADLINE has passed it must have arrived at
 * SERVER_BODY_MIN_RATE on average, so a trickled body is cut too while a
 * large upload on a slow line goes through.
 */
struct watchdog;

/* One connection; its fields are guarded by its watchdog's lock. */
struct watch {
	struct watch *prev, *next;
	struct watchdog *wd;
	int fd;
	int head_done; /* the head arrived: the rest is not a head's delay */
	struct timespec since;
	int body_open;	   /* the head arrived, the body has not ended */
	size_t body_bytes; /* of the body so far */
};

struct watchdog {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct watch *list;
	int stop;
};

static void on_connection(void *cls, struct MHD_Connection *conn,
			  void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct watchdog *wd = cls;
	struct watch *w = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *info = MHD_get_connection_info(
			conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		w = xcalloc(1, sizeof(*w));
		w->wd = wd;
		w->fd = info ? (int)info->connect_fd : -1;
		clock_gettime(CLOCK_MONOTONIC, &w->since);
		pthread_mutex_lock(&wd->lock);
		w->next = wd->list;
		if (wd->list)
			wd->list->prev = w;
		wd->list = w;
		pthread_mutex_unlock(&wd->lock);
		*socket_context = w;
	} else if (w) {
		/* MHD closes the socket only after this returns, so the
		 * watchdog never shuts a descriptor already reused. */
		pthread_mutex_lock(&wd->lock);
		if (w->prev)
			w->prev->next = w->next;
		else
			wd->list = w->next;
		if (w->next)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&wd->lock);
		free(w);
		*socket_context = NULL;
	}
}

/* Marks the connection's head as arrived (1) or awaited from now (0). */
static void watch_head(struct MHD_Connection *conn, int done)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = info ? info->socket_context : NULL;

	if (!w)
		return;
	pthread_mutex_lock(&w->wd->lock);
	w->head_done = done;
	/* From the end of the head, the same clock times the body. */
	w->body_open = done;
	w->body_bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &w->since);
	pthread_mutex_unlock(&w->wd->lock);
}

/* Counts n more bytes of the body, or (n == 0) marks its end. */
static void watch_body(struct MHD_Connection *conn, size_t n)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *w = info ? info->socket_context : NULL;

	if (!w)
		return;
	pthread_mutex_lock(&w->wd->lock);
	if (n)
		w->body_bytes += n;
	else
		w->body_open = 0;
	pthread_mutex_unlock(&w->wd->lock);
}

/* Whether w has taken too long for its head, or its body is a trickle. */
static int watch_late(const struct watch *w, const struct timespec *now)
{
	long secs = (long)(now->tv_sec - w->since.tv_sec);

	if (w->fd < 0 || secs < SERVER_HEAD_DEADLINE)
		return 0;
	if (!w->head_done)
		return 1;
	return w->body_open &&
	       w->body_bytes < (size_t)secs * SERVER_BODY_MIN_RATE;
}

static void *watchdog_run(void *cls)
{
	struct watchdog *wd = cls;

	pthread_mutex_lock(&wd->lock);
	while (!wd->stop) {
		struct timespec now, until;
		struct watch *w;

		clock_gettime(CLOCK_MONOTONIC, &now);
		for (w = wd->list; w; w = w->next)
			if (watch_late(w, &now)) {
				shutdown(w->fd, SHUT_RDWR);
				w->fd = -1; /* once is enough */
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&wd->wake, &wd->lock, &until);
	}
	pthread_mutex_unlock(&wd->lock);
	return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **state)
{
	const struct app *app = cls;
	struct pending *p = *state;

	(void)version;
	if (!p) {
		p = xcalloc(1, sizeof(*p));
		arena_init(&p->req.arena, 8192);
		strbuf_init(&p->body, 0);
		/* Only the import form may send a large body, so a stranger
		 * cannot make every URL hold 64 MB. */
		p->body.max = !strcmp(method, "POST") &&
					      !strcmp(url, SERVER_UPLOAD_PATH)
				      ? SERVER_UPLOAD_MAX
				      : SERVER_BODY_MAX;
		p->req.method = method_of(method);
		p->req.now = (int64_t)time(NULL);
		clock_gettime(CLOCK_MONOTONIC, &p->started);
		*state = p;
		watch_head(conn, 1);
		return MHD_YES;
	}
	if (*upload_size) {
		watch_body(conn, *upload_size);
		strbuf_add(&p->body, upload, *upload_size);
		if (p->body.toobig)
			p->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	/* The body is whole: what follows is the answer's own time. */
	watch_body(conn, 0);
	return answer(app, conn, url, p);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode code)
{
	struct pending *p = *state;

	(void)cls;
	(void)code;
	/* A kept-alive connection now waits for its next head. */
	watch_head(conn, 0);
	if (!p)
		return;
	strbuf_release(&p->body);
	arena_release(&p->req.arena);
	free(p);
	*state = NULL;
}

/* A running daemon (server.h). */
struct server {
	struct MHD_Daemon *daemon;
	struct watchdog watchdog;
};

struct server *server_start(const struct app *app, struct error *err)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	struct server *s;
	char port[16];

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)app->config.listen_port);
	if (inet_pton(AF_INET, app->config.listen_host, &addr.sin_addr) != 1) {
		error_set(err, ERROR_INPUT, "serve.bad_address",
			  app->config.listen_host, NULL);
		return NULL;
	}
	signal(SIGPIPE, SIG_IGN);
	s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->watchdog.lock, NULL);
	pthread_cond_init(&s->watchdog.wake, NULL);
	d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC,
		0, NULL, NULL, on_request, (void *)app, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)app->config.threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)SERVER_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)SERVER_HEADER_MAX, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)SERVER_CONNECTIONS_MAX, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
		&s->watchdog, MHD_OPTION_END);
	if (!d) {
		snprintf(port, sizeof(port), "%d", app->config.listen_port);
		error_set(err, ERROR_INPUT, "serve.cannot_listen",
			  app->config.listen_host, port, NULL);
		free(s);
		return NULL;
	}
	s->daemon = d;
	if (pthread_create(&s->watchdog.thread, NULL, watchdog_run,
			   &s->watchdog))
		BUG("server: cannot start the watchdog thread");
	return s;
}

int server_port(const struct server *s)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);

	return info ? (int)info->port : 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	/*
	 * Stop accepting, then stop the daemon: MHD_stop_daemon lets the
	 * worker threads finish the requests they are handling.
	 */
	MHD_quiesce_daemon(s->daemon);
	pthread_mutex_lock(&s->watchdog.lock);
	s->watchdog.stop = 1;
	pthread_cond_signal(&s->watchdog.wake);
	pthread_mutex_unlock(&s->watchdog.lock);
	pthread_join(s->watchdog.thread, NULL);
	MHD_stop_daemon(s->daemon);
	pthread_mutex_destroy(&s->watchdog.lock);
	pthread_cond_destroy(&s->watchdog.wake);
	free(s);
}

int server_run(const struct app *app, struct error *err)
{
	struct server *s;
	sigset_t set;
	int sig = 0;

	/* Signals are taken by sigwait below, never by a worker thread:
	 * blocked before the workers start, which inherit the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (!(s = server_start(app, err)))
		return -1;
	while (sigwait(&set, &sig) == EINTR)
		;
	server_stop(s);
	return 0;
}
