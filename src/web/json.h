/* json.h: JSON responses and request bodies (jansson's door in web/). */
#ifndef MAMORI_WEB_JSON_H
#define MAMORI_WEB_JSON_H

#include <jansson.h>

struct ctx;

/* Sends value (ownership taken) with status as application/json. */
void json_send(struct ctx *ctx, int status, json_t *value);

/*
 * Parses the request body as a JSON object.  On failure it answers 400
 * problem+json itself and returns NULL.  The caller json_decref()s.
 */
json_t *json_body(struct ctx *ctx);

/* A JSON string from s, with any byte that is not UTF-8 replaced. */
json_t *json_text(const char *s);

#endif
