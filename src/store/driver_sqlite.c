/* driver_sqlite.c: the SQLite engine; the only file that includes sqlite3.h. */
#include "util/compat.h"
#include "store/driver.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

#include "util/error.h"

/* PRAGMA application_id of a mamori data file: "mamo" in ASCII. */
enum { MAMORI_APPLICATION_ID = 0x6d616d6f };

static int db_error(sqlite3 *db, struct error *err)
{
	return error_set(err, ERROR_STORE, "store.engine",
			 db ? sqlite3_errmsg(db) : "sqlite", NULL);
}

static int sqlite_exec(void *conn, const char *sql, struct error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set(err, ERROR_STORE, "store.engine", msg ? msg : "exec",
			  NULL);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/*
 * SQLite counts every allocation under one global mutex by default, for
 * sqlite3_memory_used(), which mamori never reads: with several server
 * threads that mutex is taken by each of them many times a request.  It
 * must be turned off before the library starts, so once, first.
 */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sqlite_open(const char *target, int create, void **conn,
		       struct error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sqlite3 *db = NULL;
	/*
	 * A connection is only ever used by one thread at a time (the pool
	 * hands it out whole), so SQLite's own per-call mutex is pure cost.
	 */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (create ? SQLITE_OPEN_CREATE : 0);
	int is_memory = !strcmp(target, ":memory:");

	pthread_once(&once, sqlite_setup);
	if (sqlite3_open_v2(target, &db, flags, NULL) != SQLITE_OK) {
		if (!db || sqlite3_errcode(db) == SQLITE_CANTOPEN)
			error_set(err, ERROR_STORE, "store.cannot_open", target,
				  NULL);
		else
			db_error(db, err);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	/* Wait for a writer rather than fail at once under contention. */
	sqlite3_busy_timeout(db, 5000);
	/*
	 * WAL lets readers run beside the writer; synchronous=FULL makes a
	 * committed transaction survive power loss, not only a crash, since
	 * an acknowledged write must never be lost.  Statement journals and
	 * sorts stay in memory: Debian's SQLite puts them in temporary files,
	 * and a row whose insert fires triggers (the register's counters)
	 * wrote one per statement, most of an import's time.
	 */
	if (sqlite_exec(db, "PRAGMA foreign_keys = ON;", err) ||
	    (!is_memory &&
	     sqlite_exec(db, "PRAGMA journal_mode = WAL;", err)) ||
	    sqlite_exec(db, "PRAGMA synchronous = FULL;", err) ||
	    sqlite_exec(db, "PRAGMA temp_store = MEMORY;", err)) {
		sqlite3_close(db);
		return -1;
	}
	*conn = db;
	return 0;
}

static void sqlite_close(void *conn)
{
	sqlite3_close(conn);
}

static int sqlite_prepare(void *conn, const char *sql, void **stmt,
			  struct error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(conn, err);
	*stmt = st;
	return 0;
}

static int bind_result(sqlite3_stmt *st, int rc, struct error *err)
{
	if (rc != SQLITE_OK)
		return db_error(sqlite3_db_handle(st), err);
	return 0;
}

static int sqlite_bind_int(void *stmt, int i, int64_t v, struct error *err)
{
	return bind_result(stmt, sqlite3_bind_int64(stmt, i, v), err);
}

static int sqlite_bind_text(void *stmt, int i, const char *v, struct error *err)
{
	return bind_result(
		stmt, sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT), err);
}

static int sqlite_bind_null(void *stmt, int i, struct error *err)
{
	return bind_result(stmt, sqlite3_bind_null(stmt, i), err);
}

static int sqlite_step(void *stmt, struct error *err)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return STEP_ROW;
	if (rc == SQLITE_DONE)
		return STEP_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		error_set(err, ERROR_CONFLICT, "store.constraint",
			  sqlite3_errmsg(sqlite3_db_handle(stmt)), NULL);
	else
		db_error(sqlite3_db_handle(stmt), err);
	return STEP_ERROR;
}

static int sqlite_durability(void *conn, int full, struct error *err)
{
	return sqlite_exec(conn,
			   full ? "PRAGMA synchronous = FULL;"
				: "PRAGMA synchronous = OFF;",
			   err);
}

static int64_t sqlite_column_int(void *stmt, int i)
{
	return sqlite3_column_int64(stmt, i);
}

static const char *sqlite_column_text(void *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

static void sqlite_finalize(void *stmt)
{
	sqlite3_finalize(stmt);
}

static void sqlite_reset(void *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

/* Reads one integer PRAGMA. */
static int pragma_int(sqlite3 *db, const char *sql, int64_t *out,
		      struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, err);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

static int sqlite_claim(void *conn, struct error *err)
{
	int64_t app_id, tables;

	if (pragma_int(conn, "PRAGMA application_id;", &app_id, err) ||
	    pragma_int(conn, "SELECT count(*) FROM sqlite_schema;", &tables,
		       err))
		return -1;
	if (app_id == MAMORI_APPLICATION_ID)
		return 0;
	if (app_id || tables)
		return error_set(err, ERROR_STORE, "store.not_mamori",
				 sqlite3_db_filename(conn, "main"), NULL);
	return sqlite_exec(conn, "PRAGMA application_id = 1835101551;", err);
}

const struct store_driver store_driver_sqlite = {
	.version = 1,
	.name = "sqlite",
	.migration_table_sql = "CREATE TABLE IF NOT EXISTS schema_migration ("
			       " version INTEGER PRIMARY KEY,"
			       " applied_at TEXT NOT NULL) STRICT;",
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.column_int = sqlite_column_int,
	.column_text = sqlite_column_text,
	.finalize = sqlite_finalize,
	.reset = sqlite_reset,
	.durability = sqlite_durability,
	.claim = sqlite_claim,
};
