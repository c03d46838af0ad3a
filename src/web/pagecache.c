/* pagecache.c: rendered parts of pages, by data version. */
#include "util/compat.h"
#include "web/pagecache.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "web/request.h"
#include "web/router.h"
#include "web/session.h"

enum { SLOTS = 512 };

struct part {
	char *key;
	char *data;
	size_t len;
	uint64_t used; /* the tick of its last use, for eviction */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct part parts[SLOTS];
static size_t total;
static uint64_t tick;
static int disabled;

void pagecache_disable(void)
{
	disabled = 1;
}

const char *pagecache_key(struct ctx *ctx, const char *part)
{
	struct request *req = ctx->req;
	struct strbuf key = STRBUF_INIT;
	const char *out;
	int64_t version;
	size_t i;

	if (disabled || !req->session)
		return NULL;
	/* Read with the session, in the same statement. */
	version = req->session->rec.data_version;
	strbuf_addf(&key, "%lld|%lld|%d|%x|%s|%s",
		    (long long)req->session->rec.org_id, (long long)version,
		    (int)req->lang, (unsigned)req->session->rec.roles, part,
		    req->path);
	for (i = 0; i < req->query_count; i++)
		strbuf_addf(&key, "%c%s=%s", i ? '&' : '?', req->query[i].name,
			    req->query[i].value);
	out = arena_strdup(&req->arena, key.buf);
	strbuf_release(&key);
	return out;
}

static size_t slot_of(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h % SLOTS;
}

int pagecache_get(const char *key, struct strbuf *out)
{
	struct part *p;
	int hit = 0;

	if (!key)
		return 0;
	pthread_mutex_lock(&lock);
	p = &parts[slot_of(key)];
	if (p->key && !strcmp(p->key, key)) {
		strbuf_add(out, p->data, p->len);
		p->used = ++tick;
		hit = 1;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

static void drop(struct part *p)
{
	total -= p->len;
	free(p->key);
	free(p->data);
	memset(p, 0, sizeof(*p));
}

void pagecache_put(const char *key, const char *data, size_t len)
{
	struct part *p;
	size_t i;

	if (!key || len > PAGECACHE_PART_MAX)
		return;
	pthread_mutex_lock(&lock);
	/* One part per slot: a newer key there replaces the older. */
	p = &parts[slot_of(key)];
	if (p->key)
		drop(p);
	/* Over the budget, the least recently used parts go. */
	while (total + len > PAGECACHE_BYTES) {
		struct part *old = NULL;

		for (i = 0; i < SLOTS; i++)
			if (parts[i].key && (!old || parts[i].used < old->used))
				old = &parts[i];
		if (!old)
			break;
		drop(old);
	}
	p->key = xstrdup(key);
	p->data = xmalloc(len ? len : 1);
	memcpy(p->data, data, len);
	p->len = len;
	p->used = ++tick;
	total += len;
	pthread_mutex_unlock(&lock);
}

void pagecache_answer(struct ctx *ctx, const char *part,
		      void (*build)(struct ctx *ctx), const char *content_type)
{
	const char *key = pagecache_key(ctx, part);

	if (pagecache_get(key, &ctx->resp->body)) {
		ctx->resp->content_type = content_type;
		return;
	}
	build(ctx);
	if (ctx->resp->status == 200)
		pagecache_put(key, ctx->resp->body.buf, ctx->resp->body.len);
}
