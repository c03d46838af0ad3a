/* api.h: what the JSON API prepares once, before the server starts. */
#ifndef MAMORI_WEB_API_H
#define MAMORI_WEB_API_H

#include <stddef.h>

#include "web/gzip.h"

struct catalog;

/*
 * The catalogue never changes while the server runs, so every entry's JSON
 * is serialised once at start-up; a request only joins the fragments it
 * selects.  Arrays are indexed like the catalogue's own.
 */
struct api_cache {
	char **control_brief; /* list form of each control */
	char **control_full;  /* with purpose and relations */
	char **item_brief;    /* list form of each guideline item */
	char **item_full;
	size_t control_count;
	size_t item_count;
	/* The unfiltered lists, whole, the most asked-for answers. */
	char *controls_doc;
	char *items_doc;
	struct gz_body controls_all;
	struct gz_body items_all;
};

/* Builds the cache for cat; the caller frees it with api_cache_free(). */
struct api_cache *api_cache_new(const struct catalog *cat);
void api_cache_free(struct api_cache *cache);

#endif
