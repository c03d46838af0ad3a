/* pool.c: a fixed set of store connections shared by server workers. */
#include "util/compat.h"
#include "store/pool.h"

#include <pthread.h>

#include "store/store.h"
#include "util/alloc.h"

struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct store **idle; /* a stack of connections not in use */
	size_t idle_count;
	size_t size;
};

int store_pool_open(const char *url, size_t size, struct store_pool **out,
		    struct error *err)
{
	struct store_pool *pool = xcalloc(1, sizeof(*pool));
	size_t i;

	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->freed, NULL);
	pool->idle = xcalloc(size ? size : 1, sizeof(*pool->idle));
	pool->size = size;
	for (i = 0; i < size; i++) {
		if (store_open(url, 0, &pool->idle[i], err)) {
			store_pool_close(pool);
			return -1;
		}
		pool->idle_count++;
	}
	*out = pool;
	return 0;
}

void store_pool_close(struct store_pool *pool)
{
	size_t i;

	if (!pool)
		return;
	if (pool->idle_count != pool->size && pool->idle_count)
		BUG("closing a pool with connections in use");
	for (i = 0; i < pool->idle_count; i++)
		store_close(pool->idle[i]);
	pthread_cond_destroy(&pool->freed);
	pthread_mutex_destroy(&pool->lock);
	free(pool->idle);
	free(pool);
}

struct store *store_pool_acquire(struct store_pool *pool)
{
	struct store *s;

	pthread_mutex_lock(&pool->lock);
	while (!pool->idle_count)
		pthread_cond_wait(&pool->freed, &pool->lock);
	s = pool->idle[--pool->idle_count];
	pthread_mutex_unlock(&pool->lock);
	return s;
}

void store_pool_release(struct store_pool *pool, struct store *store)
{
	store_rollback(store);
	pthread_mutex_lock(&pool->lock);
	pool->idle[pool->idle_count++] = store;
	pthread_cond_signal(&pool->freed);
	pthread_mutex_unlock(&pool->lock);
}
