/* pool.h: a fixed set of store connections shared by server workers. */
#ifndef MAMORI_STORE_POOL_H
#define MAMORI_STORE_POOL_H

#include <stddef.h>

struct error;
struct store;
struct store_pool;

/*
 * Opens size connections to url (which must exist and be migrated).
 * Returns 0 and sets *out, or -1 with err.
 */
int store_pool_open(const char *url, size_t size, struct store_pool **out,
		    struct error *err);
/* Closes every connection; none may be checked out. Accepts NULL. */
void store_pool_close(struct store_pool *pool);
/* Takes a connection, waiting while all are in use. */
struct store *store_pool_acquire(struct store_pool *pool);
/* Gives a connection back (rolling back a transaction left open). */
void store_pool_release(struct store_pool *pool, struct store *store);

#endif
