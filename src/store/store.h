/* store.h: persistence behind one interface, whatever the engine. */
#ifndef MAMORI_STORE_STORE_H
#define MAMORI_STORE_STORE_H

struct error;

/* An open data store; its engine is chosen by the URL given to open. */
struct store;

/* The engines behind the interface, in the order of store_drivers[]. */
enum store_kind { STORE_SQLITE, STORE_POSTGRES, STORE_KIND_COUNT };

/*
 * Opens the store named by url: "sqlite:PATH", "sqlite::memory:", or a
 * plain file path (SQLite, the default); "postgres://…" names a PostgreSQL
 * server.  A SQLite file is created when missing, unless create is 0.
 * An existing file that is not a mamori data file is refused.
 * Returns 0 and sets *out, or -1 with err set (ERROR_STORE).
 */
int store_open(const char *url, int create, struct store **out,
	       struct error *err);
/* Closes the store; accepts NULL. */
void store_close(struct store *store);

enum store_kind store_kind(const struct store *store);

/*
 * Brings the schema to the newest version compiled into this binary: each
 * pending migration runs in a transaction of its own and records its
 * number.  A data file whose version is newer than this binary knows is
 * refused (ERROR_STORE, "store.too_new"), and nothing is changed.
 * *applied, when not NULL, receives how many migrations ran.
 */
int store_migrate(struct store *store, int *applied, struct error *err);
/* The schema version recorded in the store (0 for an empty store). */
int store_schema_version(struct store *store, int *version, struct error *err);
/* The newest schema version this binary knows. */
int store_schema_latest(void);

/* Transactions; store_rollback() also accepts a store with none open. */
int store_begin(struct store *store, struct error *err);
int store_commit(struct store *store, struct error *err);
void store_rollback(struct store *store);

#endif
