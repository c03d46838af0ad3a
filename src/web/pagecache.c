/* pagecache.c: rendered parts of pages, by data version. */
#include "util/compat.h"
#include "web/pagecache.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"
#include "web/request.h"
#include "web/router.h"
#include "web/session.h"

enum { SLOTS = 512 };

/*
 * The bytes of a part, counted: the cache holds one reference and every
 * request copying it another, so the copy is made outside the lock (other
 * requests need not wait for it) and a part replaced meanwhile stays until
 * the copy is done.
 */
struct pagecache_part {
	size_t refs; /* atomic */
	size_t len;
	char data[];
};

struct slot {
	char *key;
	struct pagecache_part *kept;
	uint64_t used; /* the tick of its last use, for eviction */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot parts[SLOTS];
static size_t total;
static uint64_t tick;
static int disabled;

static pthread_once_t mark_once = PTHREAD_ONCE_INIT;
static char mark[TOKEN_HEX + 1];

static void mark_draw(void)
{
	secret_token(mark);
}

const char *pagecache_token_mark(void)
{
	pthread_once(&mark_once, mark_draw);
	return mark;
}

void pagecache_fill_tokens(struct strbuf *out, size_t start, const char *token)
{
	const char *m = pagecache_token_mark();
	char *at = out->buf + start;

	if (strlen(token) != TOKEN_HEX)
		BUG("a CSRF token of unexpected length");
	/* The body is text (NUL-terminated, no NUL inside). */
	while ((at = strstr(at, m))) {
		memcpy(at, token, TOKEN_HEX);
		at += TOKEN_HEX;
	}
}

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

static void kept_release(void *cls)
{
	struct pagecache_part *k = cls;

	if (__atomic_sub_fetch(&k->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free(k);
}

struct pagecache_part *pagecache_take(const char *key)
{
	struct pagecache_part *k = NULL;
	struct slot *p;

	if (!key)
		return NULL;
	pthread_mutex_lock(&lock);
	p = &parts[slot_of(key)];
	if (p->key && !strcmp(p->key, key)) {
		k = p->kept;
		__atomic_add_fetch(&k->refs, 1, __ATOMIC_RELAXED);
		p->used = ++tick;
	}
	pthread_mutex_unlock(&lock);
	return k;
}

void pagecache_give(struct pagecache_part *k, struct strbuf *out)
{
	/* One growth for the whole part, not a doubling after each block. */
	strbuf_grow(out, k->len);
	strbuf_add(out, k->data, k->len);
	kept_release(k);
}

int pagecache_get(const char *key, struct strbuf *out)
{
	struct pagecache_part *k = pagecache_take(key);

	if (!k)
		return 0;
	pagecache_give(k, out);
	return 1;
}

static void drop(struct slot *p)
{
	total -= p->kept->len;
	free(p->key);
	kept_release(p->kept);
	memset(p, 0, sizeof(*p));
}

void pagecache_put(const char *key, const char *data, size_t len)
{
	struct slot *p;
	struct pagecache_part *k;
	char *name;
	size_t i;

	if (!key || len > PAGECACHE_PART_MAX)
		return;
	/* Copied before taking the lock, which readers wait for. */
	k = xmalloc(sizeof(*k) + len);
	k->refs = 1;
	k->len = len;
	memcpy(k->data, data, len);
	name = xstrdup(key);
	pthread_mutex_lock(&lock);
	/* One part per slot: a newer key there replaces the older. */
	p = &parts[slot_of(key)];
	if (p->key)
		drop(p);
	/* Over the budget, the least recently used parts go. */
	while (total + len > PAGECACHE_BYTES) {
		struct slot *old = NULL;

		for (i = 0; i < SLOTS; i++)
			if (parts[i].key && (!old || parts[i].used < old->used))
				old = &parts[i];
		if (!old)
			break;
		drop(old);
	}
	p->key = name;
	p->kept = k;
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
