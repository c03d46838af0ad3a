/* assets.c: the embedded web assets, ready to send (plain or gzip). */
#include "util/compat.h"
#include "web/assets.h"

#include "util/alloc.h"
#include "util/embed.h"

/* Content types of the assets, by file ending. */
static const char *asset_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	return "application/octet-stream";
}

struct web_assets *web_assets_new(void)
{
	struct web_assets *a = xcalloc(1, sizeof(*a));
	size_t i;

	a->items = xcalloc(embedded_data.count, sizeof(*a->items));
	for (i = 0; i < embedded_data.count; i++) {
		const struct embedded_file *f = &embedded_data.files[i];
		struct web_asset *w;

		if (strncmp(f->name, "web/", 4))
			continue;
		w = &a->items[a->count++];
		w->name = f->name + 4;
		w->content_type = asset_type(f->name);
		w->etag = f->etag;
		gz_body_init(&w->body, f->data, f->len);
	}
	return a;
}

void web_assets_free(struct web_assets *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->count; i++)
		gz_body_release(&a->items[i].body);
	free(a->items);
	free(a);
}

const struct web_asset *web_asset_find(const struct web_assets *a,
				       const char *name)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (!strcmp(a->items[i].name, name))
			return &a->items[i];
	return NULL;
}
