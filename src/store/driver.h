/* driver.h: what an engine provides to the store (private to store/). */
#ifndef MAMORI_STORE_DRIVER_H
#define MAMORI_STORE_DRIVER_H

#include <stdint.h>

#include "store/store.h"

struct arena;
struct error;

/* Result of stepping a statement. */
enum { STEP_ERROR = -1, STEP_DONE = 0, STEP_ROW = 1 };

/*
 * An engine, as a table of functions.  Connections and statements are
 * opaque to the store.  SQL reaching a driver uses `?` placeholders, which
 * an engine with another syntax rewrites.  Every failing call fills err
 * with ERROR_STORE and the engine's own message as the argument.
 */
struct store_driver {
	int version; /* of this struct's layout; 1 */
	const char *name;
	/* DDL of the table that records applied migrations. */
	const char *migration_table_sql;
	int (*open)(const char *target, int create, void **conn,
		    struct error *err);
	void (*close)(void *conn);
	/* Runs a script of statements without parameters. */
	int (*exec)(void *conn, const char *sql, struct error *err);
	int (*prepare)(void *conn, const char *sql, void **stmt,
		       struct error *err);
	/* Parameters are numbered from 1. */
	int (*bind_int)(void *stmt, int i, int64_t v, struct error *err);
	int (*bind_text)(void *stmt, int i, const char *v, struct error *err);
	int (*bind_null)(void *stmt, int i, struct error *err);
	int (*step)(void *stmt, struct error *err);
	/* Columns are numbered from 0. */
	int64_t (*column_int)(void *stmt, int i);
	/* Borrowed until the next step; NULL for SQL NULL. */
	const char *(*column_text)(void *stmt, int i);
	void (*finalize)(void *stmt);
	/* Makes a statement ready to run again, its bindings cleared. */
	void (*reset)(void *stmt);
	/*
	 * Whether the next commits wait for the disk (full = 1, the default)
	 * or not (0, for bookkeeping such as a session's last-seen time).
	 */
	int (*durability)(void *conn, int full, struct error *err);
	/*
	 * Checks that an opened, non-empty data store belongs to mamori and
	 * marks a new one as such.
	 */
	int (*claim)(void *conn, struct error *err);
};

extern const struct store_driver store_driver_sqlite;

/* A prepared statement of the store: the driver's plus the store. */
struct store_stmt {
	struct store *store;
	void *handle;
	int cached; /* belongs to the store's cache: reset, not finalized */
};

/*
 * The statement layer that repositories use.  SQL is always a string
 * literal, so stmt_prepare() keeps each prepared statement per connection,
 * keyed by the literal's address, and stmt_finalize() only resets it: a
 * hot query is compiled once per connection, not once per request.
 */
int stmt_prepare(struct store *store, const char *sql, struct store_stmt *st,
		 struct error *err);
/*
 * The same for SQL a repository builds from its own literal fragments
 * (a list's filters and sort order), never from input: cached by text,
 * since the combinations are few.
 */
int stmt_prepare_built(struct store *store, const char *sql,
		       struct store_stmt *st, struct error *err);
int stmt_bind_int(struct store_stmt *st, int i, int64_t v, struct error *err);
int stmt_bind_text(struct store_stmt *st, int i, const char *v,
		   struct error *err);
/* Binds v, or NULL when v is NULL. */
int stmt_bind_text_or_null(struct store_stmt *st, int i, const char *v,
			   struct error *err);
int stmt_step(struct store_stmt *st, struct error *err);
int64_t stmt_column_int(struct store_stmt *st, int i);
const char *stmt_column_text(struct store_stmt *st, int i);
/*
 * Column i's text copied into arena, "" for SQL NULL; with a NULL arena
 * borrowed until the next step (for rows handed to a callback).
 */
const char *stmt_text(struct arena *arena, struct store_stmt *st, int i);
/* The same, but NULL for SQL NULL. */
const char *stmt_text_or_null(struct arena *arena, struct store_stmt *st,
			      int i);
/*
 * Steps st to its end and finalizes it: 1 when it gave a row (a
 * RETURNING that matched), 0 when none, -1 on error.
 */
int stmt_run(struct store_stmt *st, struct error *err);
void stmt_finalize(struct store_stmt *st);

struct arena;

/*
 * Moves count rows of size bytes from the heap array rows (freed here)
 * into arena and returns the arena copy; repositories collect rows with
 * ALLOC_GROW and hand them to the caller's arena with this.
 */
/*
 * Runs sql (an UPDATE with one int64 then one int64 parameter) as a write
 * whose loss in a power cut would not matter, so its commit does not wait
 * for the disk.  With a write-ahead log the next durable commit syncs it
 * anyway.
 */
int store_exec_relaxed(struct store *store, const char *sql, int64_t a,
		       int64_t b, struct error *err);

void *store_rows_to_arena(struct arena *arena, void *rows, size_t count,
			  size_t size);

#endif
