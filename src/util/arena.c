/* arena.c: a bump allocator whose allocations are freed all at once. */
#include "util/compat.h"
#include "util/arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

enum { ARENA_DEFAULT_BLOCK = 16 * 1024 };

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = a->head;
	size_t off;

	if (!a->block_size)
		a->block_size = ARENA_DEFAULT_BLOCK;
	size = size ? size : 1;
	off = b ? st_add(b->used, align - 1) & ~(align - 1) : 0;
	if (!b || off > b->cap || size > b->cap - off) {
		size_t cap = size > a->block_size ? size : a->block_size;

		b = xmalloc(st_add(sizeof(*b), cap));
		b->cap = cap;
		b->used = 0;
		/*
		 * A large allocation gets its own block behind the current
		 * one, so the current block's free space is not wasted.
		 */
		if (a->head && size > a->block_size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		off = 0;
	}
	b->used = off + size;
	return b->data + off;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	size_t n = st_mult(count, size);
	void *p = arena_alloc(a, n);

	memset(p, 0, n ? n : 1);
	return p;
}

char *arena_memdupz(struct arena *a, const void *s, size_t len)
{
	char *p = arena_alloc(a, st_add(len, 1));

	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_memdupz(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	/* Most results are short: formatted once into the stack and copied;
	 * longer ones are measured there and formatted again in place.
	 * (Measuring with a NULL buffer also trips GCC 12's format checks
	 * at -O2 with the sanitizers.) */
	char buf[256];
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		BUG("vsnprintf failed for format '%s'", fmt);
	if ((size_t)n < sizeof(buf))
		return arena_memdupz(a, buf, (size_t)n);
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
