/* request.c: helpers on requests and responses. */
#include "util/compat.h"
#include "web/request.h"

#include "web/form.h"

const char *http_method_name(enum http_method m)
{
	static const char *const names[] = { "GET",    "HEAD",	"POST", "PUT",
					     "DELETE", "PATCH", "OTHER" };

	return names[m];
}

void response_init(struct response *resp)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	/* Most pages fit; growing from nothing costs a dozen reallocs. */
	strbuf_init(&resp->body, 16 * 1024);
}

void response_release(struct response *resp)
{
	strbuf_release(&resp->body);
}

void response_header(struct response *resp, const char *name, const char *value)
{
	if (resp->header_count == RESPONSE_HEADERS_MAX)
		BUG("too many response headers");
	resp->headers[resp->header_count].name = name;
	resp->headers[resp->header_count].value = value;
	resp->header_count++;
}

void response_redirect(struct response *resp, const char *location)
{
	resp->status = 303;
	response_header(resp, "Location", location);
}

static const char *find_param(const struct param *p, size_t count,
			      const char *name)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

const char *request_query(const struct request *req, const char *name)
{
	return find_param(req->query, req->query_count, name);
}

const char *request_form(const struct request *req, const char *name)
{
	return find_param(req->form, req->form_count, name);
}

const char *request_cookie(struct request *req, const char *name)
{
	if (!req->cookie)
		return NULL;
	return form_cookie(&req->arena, req->cookie, name);
}
