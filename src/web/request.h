/* request.h: a request and its response, with no HTTP library types. */
#ifndef MAMORI_WEB_REQUEST_H
#define MAMORI_WEB_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"
#include "util/arena.h"
#include "util/strbuf.h"

struct session;

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_PATCH,
	HTTP_OTHER
};

/* The method's name ("GET" …); "OTHER" for anything else. */
const char *http_method_name(enum http_method m);

/* A decoded name=value pair of the query string or a form body. */
struct param {
	const char *name;
	const char *value;
};

/* A file sent in a multipart/form-data body (the import form). */
struct upload {
	const char *field;    /* the form field's name */
	const char *filename; /* as the browser named it (not trusted) */
	const char *data;     /* its bytes, NUL-terminated for safety */
	size_t len;
};

/*
 * What a handler sees.  The server fills it from the connection; the router
 * adds the route argument and the session.  Everything hangs off the
 * request's arena and is freed when the response has been sent.
 */
struct request {
	struct arena arena;
	enum http_method method;
	const char *path;      /* decoded, begins with '/' */
	const char *route_arg; /* the {…} part of the matched route */
	struct param *query;
	size_t query_count;
	struct param *form; /* urlencoded or multipart POST body */
	size_t form_count;
	int form_decoded;      /* the server decoded a multipart body */
	struct upload *upload; /* its file, or NULL */
	const char *cookie;    /* raw Cookie header, or NULL */
	const char *accept_language;
	const char *accept_encoding;
	const char *content_type;
	const char *if_none_match;
	const char *forwarded_proto; /* X-Forwarded-Proto */
	const char *authorization;   /* Authorization, for the API */
	const char *client;	     /* peer address, for the audit trail */
	const char *body;
	size_t body_len;
	int64_t now; /* Unix time at arrival */
	enum lang lang;
	struct session *session; /* NULL when not logged in */
};

enum { RESPONSE_HEADERS_MAX = 12 };

struct response_header {
	const char *name;
	const char *value; /* from the request arena or static */
};

/*
 * What a handler produces: a status, headers and a body built in `body`,
 * or a borrowed static body (embedded assets) that is not copied.
 */
struct response {
	int status;
	const char *content_type;
	struct strbuf body;
	const unsigned char *static_body;
	size_t static_len;
	struct response_header headers[RESPONSE_HEADERS_MAX];
	size_t header_count;
};

void response_init(struct response *resp);
void response_release(struct response *resp);
/* Adds a header; the strings must outlive the response. */
void response_header(struct response *resp, const char *name,
		     const char *value);
/* A 303 redirect to a local path. */
void response_redirect(struct response *resp, const char *location);

/* Returns the value of the query parameter name, or NULL. */
const char *request_query(const struct request *req, const char *name);
/* Returns the value of the form field name, or NULL. */
const char *request_form(const struct request *req, const char *name);
/* Returns the value of cookie name (arena copy), or NULL. */
const char *request_cookie(struct request *req, const char *name);

#endif
