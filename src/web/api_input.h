/*
 * api_input.h: reading the API's JSON bodies and query strings member by
 * member, and the problems that refuse them naming the member.  Shared by
 * the endpoints of the asset register, the risks and the treatment plan.
 *
 * Statuses: 400 when the request does not have the documented shape (not
 * JSON, an unknown member, a member of the wrong type, a required member
 * missing, an unknown query parameter or a bad query value); 422 when it
 * has the shape but a value breaks a rule (out of a scale, too long, not
 * in the catalogue).  Both are problem+json with the member in "field".
 */
#ifndef MAMORI_WEB_API_INPUT_H
#define MAMORI_WEB_API_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "web/json.h"

struct ctx;
struct error;

/*
 * A request body being read.  A reader that finds a member wrong answers
 * the problem itself, sets failed and returns -1; once failed, every
 * reader returns -1 at once, so a handler chains its reads with || and
 * has nothing more to answer.
 */
struct api_body {
	struct ctx *ctx;
	json_t *json;
	int failed;
};

/*
 * Parses the request body as a JSON object whose members are all among
 * names (count of them).  Returns 0, or -1 after answering 415 (not
 * application/json), 400 (malformed) or 400 naming the first unknown
 * member.  An empty body reads as {} when empty_ok.  The caller releases
 * b with api_body_release() either way.
 */
int api_body_open(struct ctx *ctx, struct api_body *b, const char *const *names,
		  size_t count, int empty_ok);
void api_body_release(struct api_body *b);

/* Returns 1 when the body has the member name (null included). */
int api_body_has(const struct api_body *b, const char *name);
/* Refuses (400) the first of names (count) the body lacks. */
int api_body_require(struct api_body *b, const char *const *names,
		     size_t count);

/*
 * A string member into *out (a copy in the request's arena); absent
 * leaves *out as it was.  null reads as "" when null_ok, else it is the
 * wrong type.
 */
int api_body_text(struct api_body *b, const char *name, int null_ok,
		  const char **out);
/*
 * A rating: null is unrated (RISK_UNRATED), an integer 0-9 is passed on
 * for the method's scale to judge; a negative or larger integer is
 * refused (422 risk.bad_rating naming label_key, the field's message
 * key).  Absent leaves *out as it was.
 */
int api_body_rating(struct api_body *b, const char *name, const char *label_key,
		    int *out);
/* A positive integer id (1 … 2^31-1); 422 for another integer. */
int api_body_id(struct api_body *b, const char *name, int64_t *out);
/*
 * An array of strings: *out gets an arena array of them (NUL-terminated
 * pointers, *count of them).  Absent leaves both as they were.
 */
int api_body_words(struct api_body *b, const char *name, const char ***out,
		   size_t *count);

/*
 * Refuses the request with status (400 or 422) for err: the type names
 * err's message key, the detail is its message in the reader's language,
 * and "field" is member, or when member is NULL the member err is about
 * as far as its key and first argument tell.
 */
void api_refuse(struct ctx *ctx, int status, const struct error *err,
		const char *member);
/*
 * Answers an error of a store or rule call by its code: ERROR_INPUT 422,
 * ERROR_NOT_FOUND 404, ERROR_CONFLICT 409, ERROR_DENIED 403; anything
 * else 500 with the detail in the server's log only.
 */
void api_fail(struct ctx *ctx, const struct error *err);

/* Refuses (400) the first query parameter that is not among names. */
int api_query_known(struct ctx *ctx, const char *const *names, size_t count);
/*
 * The paging of a list: limit (1-200, default def), after=CURSOR or
 * before=CURSOR (a row id).  0, or -1 after answering 400.
 */
int api_query_page(struct ctx *ctx, size_t def, size_t *limit, int64_t *cursor,
		   int *back);
/* "next" and "prev" of a page: the cursor as a string, or null. */
void api_page_links(json_t *page, int more_after, int64_t last, int more_before,
		    int64_t first);

/* A string member value, or null for NULL. */
json_t *api_text_or_null(const char *s);
/* A rating, or null when unrated. */
json_t *api_rating_json(int v);
/* The words of a space-separated list as an array of strings. */
json_t *api_words_json(const char *list);

#endif
