/*
 * pagecache.h: rendered parts of register pages, kept while the data
 * they show is unchanged.
 *
 * A register page of 50 rows costs ten times the home page to build, most
 * of it the same rows again and again for whoever pages through the list.
 * Every change to an organisation's data writes an event to its audit
 * chain (the rule every front door follows), so the chain's last sequence
 * number, read with the session (session_record.data_version), is a
 * version of all of its data: a part built for one version is valid until
 * the next event.  Keys name the organisation, that version,
 * the language, the reader's roles and the address, so nothing is shared
 * between organisations and nothing stale is ever served.
 */
#ifndef MAMORI_WEB_PAGECACHE_H
#define MAMORI_WEB_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct pagecache_part;
struct strbuf;

enum {
	PAGECACHE_BYTES = 8 * 1024 * 1024, /* all parts together, at most */
	PAGECACHE_PART_MAX = 512 * 1024,   /* a part larger is not kept */
};

/* Turns the cache off (mamori serve --no-page-cache, for measuring). */
void pagecache_disable(void);

/*
 * The key of a part of the request's page: the organisation and the
 * version of its data, the language, the roles and the address with its
 * query.  NULL without a session or when the cache is off (then build
 * the part).
 */
const char *pagecache_key(struct ctx *ctx, const char *part);

/* Appends the part kept under key to out: 1, or 0 when there is none. */
int pagecache_get(const char *key, struct strbuf *out);
/*
 * The same in two steps, for a page that must know whether the part is
 * kept before it starts: a reference to the part, or NULL; then
 * pagecache_give() appends it to out and gives the reference back.
 */
struct pagecache_part *pagecache_take(const char *key);
void pagecache_give(struct pagecache_part *k, struct strbuf *out);
/* Keeps len bytes of data under key (older parts make room). */
void pagecache_put(const char *key, const char *data, size_t len);

/*
 * A kept part may hold forms: each reader's own CSRF token must be in
 * them, never the one of whoever built the part.  While it is built
 * (ctx->keeping) a form's token field carries this mark instead: as long
 * as a token, drawn at random when the process starts, never sent and so
 * not guessable (no stored text can imitate it).
 */
const char *pagecache_token_mark(void);
/* Replaces every mark in out from offset start with token, in place. */
void pagecache_fill_tokens(struct strbuf *out, size_t start, const char *token);

/*
 * Answers with the whole body kept for this request's key, or with what
 * build() makes (kept when it answers 200).  For answers of one part,
 * the API's lists.
 */
void pagecache_answer(struct ctx *ctx, const char *part,
		      void (*build)(struct ctx *ctx), const char *content_type);

#endif
