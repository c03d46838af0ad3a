/* arena.h: a bump allocator whose allocations are freed all at once. */
#ifndef MAMORI_UTIL_ARENA_H
#define MAMORI_UTIL_ARENA_H

#include <stddef.h>

struct arena_block;

/*
 * Everything a request (or a command) allocates comes from its arena and is
 * released by one arena_release(); nothing allocated here may outlive it.
 */
struct arena {
	struct arena_block *head;
	size_t block_size;
};

#define ARENA_INIT      \
	{               \
		NULL, 0 \
	}

void arena_init(struct arena *a, size_t block_size);
/* Frees every block; the arena can be used again afterwards. */
void arena_release(struct arena *a);
/* Returns size bytes aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t size);
/* Returns zeroed memory for count elements of size bytes. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
/* Returns a NUL-terminated copy of len bytes of s. */
char *arena_memdupz(struct arena *a, const void *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
