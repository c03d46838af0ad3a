/* assets.h: the embedded web assets, ready to send (plain or gzip). */
#ifndef MAMORI_WEB_ASSETS_H
#define MAMORI_WEB_ASSETS_H

#include <stddef.h>

#include "web/gzip.h"

struct web_asset {
	const char *name; /* "style.css": the path below /static/ */
	const char *content_type;
	const char *etag; /* from the build */
	struct gz_body body;
};

/* Every file of data/web/, compressed once at start-up where it pays. */
struct web_assets {
	struct web_asset *items;
	size_t count;
};

struct web_assets *web_assets_new(void);
void web_assets_free(struct web_assets *a);
/* Returns the asset called name, or NULL. */
const struct web_asset *web_asset_find(const struct web_assets *a,
				       const char *name);

#endif
