/* store.c: engine registry, schema migrations, transactions, statements. */
#include "util/compat.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"

enum { STMT_CACHE = 128 };

/*
 * A prepared statement kept for reuse, keyed by its SQL literal's
 * address, or for a built statement by its text (a copy, owned).
 */
struct cached_stmt {
	const char *sql;
	char *built;
	void *handle;
	int busy; /* handed out and not yet finalized */
};

struct store {
	const struct store_driver *driver;
	enum store_kind kind;
	void *conn;
	int in_transaction;
	struct cached_stmt cache[STMT_CACHE];
	size_t cache_count;
};

/* The engines, indexed by enum store_kind; NULL where not built in. */
static const struct store_driver *const store_drivers[STORE_KIND_COUNT] = {
	[STORE_SQLITE] = &store_driver_sqlite,
	[STORE_POSTGRES] = NULL,
};

int store_open(const char *url, int create, struct store **out,
	       struct error *err)
{
	enum store_kind kind = STORE_SQLITE;
	const char *target = url;
	struct store *s;

	if (!strncmp(url, "sqlite:", 7)) {
		target = url + 7;
	} else if (!strncmp(url, "postgres://", 11) ||
		   !strncmp(url, "postgresql://", 13)) {
		kind = STORE_POSTGRES;
	}
	if (!*target)
		return error_set(err, ERROR_INPUT, "store.bad_url", url, NULL);
	if (!store_drivers[kind])
		return error_set(err, ERROR_STORE, "store.no_engine", url,
				 NULL);
	s = xcalloc(1, sizeof(*s));
	s->driver = store_drivers[kind];
	s->kind = kind;
	if (s->driver->open(target, create, &s->conn, err)) {
		free(s);
		return -1;
	}
	if (s->driver->claim(s->conn, err)) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_close(struct store *store)
{
	size_t i;

	if (!store)
		return;
	if (store->in_transaction)
		store_rollback(store);
	for (i = 0; i < store->cache_count; i++) {
		store->driver->finalize(store->cache[i].handle);
		free(store->cache[i].built);
	}
	store->driver->close(store->conn);
	free(store);
}

enum store_kind store_kind(const struct store *store)
{
	return store->kind;
}

int store_begin(struct store *store, struct error *err)
{
	if (store->in_transaction)
		BUG("nested transaction");
	/* IMMEDIATE takes the write lock now, so a busy store waits here
	 * instead of failing half-way through the transaction. */
	if (store->driver->exec(store->conn,
				store->kind == STORE_SQLITE ? "BEGIN IMMEDIATE;"
							    : "BEGIN;",
				err))
		return -1;
	store->in_transaction = 1;
	return 0;
}

int store_commit(struct store *store, struct error *err)
{
	if (!store->in_transaction)
		BUG("commit without a transaction");
	if (store->driver->exec(store->conn, "COMMIT;", err)) {
		store_rollback(store);
		return -1;
	}
	store->in_transaction = 0;
	return 0;
}

void store_rollback(struct store *store)
{
	if (!store->in_transaction)
		return;
	store->driver->exec(store->conn, "ROLLBACK;", NULL);
	store->in_transaction = 0;
}

/*
 * Migration n of the engine: the embedded file
 * "schema/<engine>/NNNN-<what>.sql".  Returns NULL when there is none.
 */
static const struct embedded_file *migration_file(const struct store *store,
						  int n)
{
	char prefix[64];
	size_t i, len;

	len = (size_t)snprintf(prefix, sizeof(prefix), "schema/%s/%04d-",
			       store->driver->name, n);
	for (i = 0; i < embedded_data.count; i++)
		if (!strncmp(embedded_data.files[i].name, prefix, len))
			return &embedded_data.files[i];
	return NULL;
}

int store_schema_latest(void)
{
	int n = 0;
	size_t i;

	/* All engines carry the same numbering; count SQLite's. */
	for (i = 0; i < embedded_data.count; i++) {
		const char *name = embedded_data.files[i].name;
		char num[5];
		int v;

		if (strncmp(name, "schema/sqlite/", 14) || strlen(name) < 19)
			continue;
		memcpy(num, name + 14, 4);
		num[4] = '\0';
		if (!parse_int(num, 1, 9999, &v) && v > n)
			n = v;
	}
	return n;
}

int store_schema_version(struct store *store, int *version, struct error *err)
{
	struct store_stmt st;
	int rc;

	/* The bookkeeping table exists from the first migration on. */
	if (store->driver->exec(store->conn, store->driver->migration_table_sql,
				err))
		return -1;
	if (stmt_prepare(store, "SELECT max(version) FROM schema_migration",
			 &st, err))
		return -1;
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*version = (int)stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

/* Applies migration n and records it, in one transaction. */
static int apply_migration(struct store *store, int n, struct error *err)
{
	const struct embedded_file *f = migration_file(store, n);
	struct store_stmt st;

	if (!f)
		BUG("migration %d missing for %s", n, store->driver->name);
	if (store_begin(store, err))
		return -1;
	if (store->driver->exec(store->conn, (const char *)f->data, err) ||
	    stmt_prepare(store,
			 "INSERT INTO schema_migration (version, applied_at)"
			 " VALUES (?, CURRENT_TIMESTAMP)",
			 &st, err))
		goto out_rollback;
	stmt_bind_int(&st, 1, n, err);
	if (stmt_step(&st, err) == STEP_ERROR) {
		stmt_finalize(&st);
		goto out_rollback;
	}
	stmt_finalize(&st);
	return store_commit(store, err);
out_rollback:
	store_rollback(store);
	return -1;
}

int store_migrate(struct store *store, int *applied, struct error *err)
{
	int version, latest = store_schema_latest(), n, count = 0;

	if (store_schema_version(store, &version, err))
		return -1;
	if (version > latest) {
		char have[16], know[16];

		snprintf(have, sizeof(have), "%d", version);
		snprintf(know, sizeof(know), "%d", latest);
		return error_set(err, ERROR_STORE, "store.too_new", have, know,
				 NULL);
	}
	for (n = version + 1; n <= latest; n++) {
		if (apply_migration(store, n, err))
			return -1;
		count++;
	}
	if (applied)
		*applied = count;
	return 0;
}

/* Finds a free cached statement for sql (by address, or by text when
 * built), or prepares and caches one while there is room. */
static int prepare(struct store *store, const char *sql, int built,
		   struct store_stmt *st, struct error *err)
{
	size_t i;

	st->store = store;
	st->handle = NULL;
	st->cached = 0;
	for (i = 0; i < store->cache_count; i++) {
		struct cached_stmt *c = &store->cache[i];

		if (c->busy || (built ? !c->built || strcmp(c->built, sql)
				      : c->sql != sql))
			continue;
		c->busy = 1;
		st->handle = c->handle;
		st->cached = 1;
		return 0;
	}
	if (store->driver->prepare(store->conn, sql, &st->handle, err))
		return -1;
	if (store->cache_count < STMT_CACHE) {
		struct cached_stmt *c = &store->cache[store->cache_count++];

		c->built = built ? xstrdup(sql) : NULL;
		c->sql = built ? c->built : sql;
		c->handle = st->handle;
		c->busy = 1;
		st->cached = 1;
	}
	return 0;
}

int stmt_prepare(struct store *store, const char *sql, struct store_stmt *st,
		 struct error *err)
{
	return prepare(store, sql, 0, st, err);
}

int stmt_prepare_built(struct store *store, const char *sql,
		       struct store_stmt *st, struct error *err)
{
	return prepare(store, sql, 1, st, err);
}

int stmt_bind_int(struct store_stmt *st, int i, int64_t v, struct error *err)
{
	return st->store->driver->bind_int(st->handle, i, v, err);
}

int stmt_bind_text(struct store_stmt *st, int i, const char *v,
		   struct error *err)
{
	return st->store->driver->bind_text(st->handle, i, v, err);
}

int stmt_bind_text_or_null(struct store_stmt *st, int i, const char *v,
			   struct error *err)
{
	if (!v)
		return st->store->driver->bind_null(st->handle, i, err);
	return stmt_bind_text(st, i, v, err);
}

int stmt_step(struct store_stmt *st, struct error *err)
{
	return st->store->driver->step(st->handle, err);
}

int64_t stmt_column_int(struct store_stmt *st, int i)
{
	return st->store->driver->column_int(st->handle, i);
}

const char *stmt_column_text(struct store_stmt *st, int i)
{
	return st->store->driver->column_text(st->handle, i);
}

const char *stmt_text(struct arena *arena, struct store_stmt *st, int i)
{
	const char *s = stmt_column_text(st, i);

	return arena ? arena_strdup(arena, s ? s : "") : s ? s : "";
}

const char *stmt_text_or_null(struct arena *arena, struct store_stmt *st, int i)
{
	const char *s = stmt_column_text(st, i);

	if (!s)
		return NULL;
	return arena ? arena_strdup(arena, s) : s;
}

int stmt_run(struct store_stmt *st, struct error *err)
{
	int rc = stmt_step(st, err), found = rc == STEP_ROW;

	while (rc == STEP_ROW)
		rc = stmt_step(st, err);
	stmt_finalize(st);
	return rc == STEP_ERROR ? -1 : found;
}

void stmt_finalize(struct store_stmt *st)
{
	size_t i;

	if (!st->handle)
		return;
	if (!st->cached) {
		st->store->driver->finalize(st->handle);
		st->handle = NULL;
		return;
	}
	st->store->driver->reset(st->handle);
	for (i = 0; i < st->store->cache_count; i++)
		if (st->store->cache[i].handle == st->handle)
			st->store->cache[i].busy = 0;
	st->handle = NULL;
}

void *store_rows_to_arena(struct arena *arena, void *rows, size_t count,
			  size_t size)
{
	void *out = arena_alloc(arena, st_mult(count, size));

	if (count)
		memcpy(out, rows, count * size);
	free(rows);
	return out;
}

int store_exec_relaxed(struct store *store, const char *sql, int64_t a,
		       int64_t b, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (store->in_transaction)
		BUG("a relaxed write inside a transaction");
	if (store->driver->durability(store->conn, 0, err))
		return -1;
	rc = stmt_prepare(store, sql, &st, err);
	if (!rc) {
		if (stmt_bind_int(&st, 1, a, err) ||
		    stmt_bind_int(&st, 2, b, err) ||
		    stmt_step(&st, err) == STEP_ERROR)
			rc = -1;
		stmt_finalize(&st);
	}
	/* Back to durable commits whatever happened. */
	if (store->driver->durability(store->conn, 1, rc ? NULL : err))
		rc = -1;
	return rc;
}
