/*
 * fuzz_http.c: raw HTTP requests to the real server (web/server.c over
 * libmicrohttpd) on a loopback port, so everything a client sends meets
 * the code that reads it: the request line and the path, the query
 * string (MHD's reader and our UTF-8 and field-count checks), headers and
 * cookies, urlencoded and multipart bodies (the import upload's fields
 * and file through MHD's post processor and our part callbacks), then the
 * router and the handlers.
 *
 * The input is the bytes of one or more requests.  "@SESSION@", "@CSRF@"
 * and "@TOKEN@" in it become the logged-in session's cookie value, its
 * CSRF token and a write API token (fuzz_app.h), so inputs get past the
 * login to the handlers.  Oracles: an answer comes within 30 seconds, is
 * never a 500, redirects only within the site and holds no script
 * (fuzz_check_response()).
 */
#include "util/compat.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"
#include "fuzz_app.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/form.h"
#include "web/server.h"

static struct server *server;
static int port;

static void stop_server(void)
{
	server_stop(server);
}

static void substitute(const uint8_t *data, size_t size,
		       const struct fuzz_app *fa, struct strbuf *out)
{
	size_t i = 0;

	while (i < size) {
		const char *p = (const char *)data + i;
		size_t left = size - i;

		if (left >= 9 && !memcmp(p, "@SESSION@", 9)) {
			strbuf_addstr(out, fa->session);
			i += 9;
		} else if (left >= 6 && !memcmp(p, "@CSRF@", 6)) {
			strbuf_addstr(out, fa->csrf);
			i += 6;
		} else if (left >= 7 && !memcmp(p, "@TOKEN@", 7)) {
			strbuf_addstr(out, fa->token);
			i += 7;
		} else {
			strbuf_addch(out, *p);
			i++;
		}
	}
}

/*
 * Returns 1 for a POST to a route the dispatch targets leave out too
 * (fuzz_app.c): argon2id hashing or a thread outliving the request.
 */
static int left_out(const char *req, size_t len)
{
	static const char *const slow[] = { "/login", "/settings/password",
					    "/members" };
	struct arena arena;
	const char *sp, *end;
	char *path;
	size_t i;
	int out = 0;

	if (len < 5 || memcmp(req, "POST ", 5))
		return 0;
	sp = req + 5;
	end = sp;
	while (end < req + len && *end != ' ' && *end != '?' && *end != '\r' &&
	       *end != '\n')
		end++;
	arena_init(&arena, 0);
	path = form_unescape(&arena, sp, (size_t)(end - sp), 0);
	if (path) {
		for (i = 0; i < ARRAY_SIZE(slow); i++)
			if (!strcmp(path, slow[i]))
				out = 1;
		if (!strncmp(path, "/assets/import/", 15))
			out = 1;
	}
	arena_release(&arena);
	return out;
}

static int connect_server(void)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		BUG("fuzz_http: socket");
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
		BUG("fuzz_http: connect");
	return fd;
}

/* The first needle in len bytes of hay, or NULL (memmem is not C11). */
static const char *find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/*
 * Returns 1 when buf holds whole answers only: each a head and as many
 * body bytes as its Content-Length says (none for a 1xx, 204 or 304, nor
 * for a HEAD request: head_sent), or a chunked body up to its last chunk.
 * An answer without either ends when the server closes.
 */
static int answers_complete(const char *buf, size_t len, int head_sent)
{
	size_t at = 0;

	while (at < len) {
		const char *head = buf + at, *end, *cl;
		size_t head_len;

		end = find(head, len - at, "\r\n\r\n");
		if (!end)
			return 0;
		head_len = (size_t)(end - head) + 4;
		cl = find(head, head_len, "\r\nContent-Length:");
		if (head_len > 12 &&
		    (head[9] == '1' || !strncmp(head + 9, "204", 3) ||
		     !strncmp(head + 9, "304", 3) ||
		     (head_sent && at + head_len == len))) {
			at += head_len;
		} else if (cl) {
			unsigned long n = strtoul(cl + 17, NULL, 10);

			if (len - at - head_len < n)
				return 0;
			at += head_len + n;
		} else if (find(head, head_len, "chunked")) {
			/* From the head's last line break: a body may be
			 * only the last chunk. */
			end = find(head + head_len - 2, len - at - head_len + 2,
				   "\r\n0\r\n\r\n");
			if (!end)
				return 0;
			at = (size_t)(end - buf) + 7;
		} else {
			return 0;
		}
	}
	return 1;
}

/*
 * Reads the answers.  A keep-alive connection stays open after them
 * until the server's idle timeout, so once whole answers have come and
 * 30 ms pass without more, they are all there is.  A server that says
 * nothing for 30 seconds (twice its silence timeout) hangs: a bug.
 */
static void read_all(int fd, int head_sent, struct strbuf *out)
{
	char buf[65536];

	for (;;) {
		int whole = out->len &&
			    answers_complete(out->buf, out->len, head_sent);
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, whole ? 30 : 30000) != 1) {
			if (whole)
				break;
			BUG("fuzz check failed: no answer within 30 s");
		}
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		strbuf_add(out, buf, (size_t)n);
	}
}

/* The value of header name in the head of an answer, or NULL. */
static const char *head_value(struct arena *arena, const char *head, size_t len,
			      const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < len) {
		const char *line = head + i;
		const char *eol = memchr(line, '\n', len - i);
		size_t llen = eol ? (size_t)(eol - line) : len - i;

		if (llen > nlen + 1 && !strncasecmp(line, name, nlen) &&
		    line[nlen] == ':') {
			const char *v = line + nlen + 1;
			size_t vlen = llen - nlen - 1;

			while (vlen && *v == ' ') {
				v++;
				vlen--;
			}
			while (vlen &&
			       (v[vlen - 1] == '\r' || v[vlen - 1] == ' '))
				vlen--;
			return arena_memdupz(arena, v, vlen);
		}
		i += llen + 1;
	}
	return NULL;
}

static void check_answer(const struct strbuf *a)
{
	struct arena arena;
	const char *head_end;
	size_t head_len;
	int status;

	/* Nothing back is how a server may refuse what it cannot parse. */
	if (!a->len)
		return;
	FUZZ_CHECK(a->len >= 12 && !strncmp(a->buf, "HTTP/1.", 7));
	status = (a->buf[9] - '0') * 100 + (a->buf[10] - '0') * 10 +
		 (a->buf[11] - '0');
	head_end = strstr(a->buf, "\r\n\r\n");
	head_len = head_end ? (size_t)(head_end - a->buf) : a->len;
	arena_init(&arena, 0);
	fuzz_check_response(
		status, head_value(&arena, a->buf, head_len, "Content-Type"),
		head_value(&arena, a->buf, head_len, "Location"),
		head_end ? head_end + 4 : "",
		head_end ? a->len - head_len - 4 : 0);
	arena_release(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_app *fa = fuzz_app_get();
	struct strbuf req = STRBUF_INIT, answer = STRBUF_INIT;
	size_t sent = 0;
	int fd;

	if (!server) {
		struct error err = ERROR_INIT;

		if (!(server = server_start(&fa->app, &err)))
			BUG("fuzz_http: cannot start: %s", err.key);
		port = server_port(server);
		atexit(stop_server);
	}
	substitute(data, size, fa, &req);
	if (left_out(req.buf, req.len))
		goto out;
	fd = connect_server();
	while (sent < req.len) {
		ssize_t n = write(fd, req.buf + sent, req.len - sent);

		if (n <= 0)
			break; /* the server may close early on bad input */
		sent += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	read_all(fd, find(req.buf, req.len, "HEAD ") != NULL, &answer);
	close(fd);
	check_answer(&answer);
	fuzz_app_repair(fa);
out:
	strbuf_release(&req);
	strbuf_release(&answer);
	return 0;
}
