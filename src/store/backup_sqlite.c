/*
 * backup_sqlite.c: SQLite's online backup API.  The second file besides
 * driver_sqlite.c that includes sqlite3.h: the backup API works on two
 * whole connections, which the statement layer of driver.h does not (and
 * should not) expose.
 */
#include "util/compat.h"
#include "store/backup.h"

#include <sqlite3.h>

#include "util/error.h"

/* How long a copy waits for a lock before giving up, and between tries. */
enum { COPY_TRIES = 100, COPY_WAIT_MS = 50, BUSY_TIMEOUT_MS = 5000 };

static int engine_error(sqlite3 *db, const char *path, struct error *err)
{
	if (!db || sqlite3_errcode(db) == SQLITE_CANTOPEN)
		return error_set(err, ERROR_STORE, "store.cannot_open", path,
				 NULL);
	return error_set(err, ERROR_STORE, "store.engine", sqlite3_errmsg(db),
			 NULL);
}

/* Opens path read-write, without creating it unless create is set. */
static int open_file(const char *path, int create, sqlite3 **db,
		     struct error *err)
{
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

	*db = NULL;
	if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
		engine_error(*db, path, err);
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
	return 0;
}

static int exec(sqlite3 *db, const char *sql, struct error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error_set(err, ERROR_STORE, "store.engine", msg ? msg : "exec",
			  NULL);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_backup_copy(const char *src_path, const char *dst_path,
		      struct error *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc, tries = 0, ret = -1;

	if (open_file(src_path, 0, &src, err) ||
	    open_file(dst_path, 1, &dst, err))
		goto out;
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		engine_error(dst, dst_path, err);
		goto out;
	}
	/*
	 * All pages in one step: the step reads inside one read transaction
	 * of the source, which in WAL mode blocks no writer, so the copy is
	 * one moment of the file however busy the server is.  Copying in
	 * smaller steps would restart whenever another connection wrote.
	 */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(COPY_WAIT_MS);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		 ++tries < COPY_TRIES);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		engine_error(dst, dst_path, err);
		goto out;
	}
	/* The copy carries the source's WAL mark; a backup file must stand
	 * alone, so it goes back to a rollback journal. */
	if (exec(dst, "PRAGMA journal_mode = DELETE;", err))
		goto out;
	ret = 0;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return ret;
}

int store_backup_settle(const char *path, struct error *err)
{
	sqlite3 *db = NULL;
	int ret;

	if (open_file(path, 0, &db, err))
		return -1;
	ret = exec(db,
		   "PRAGMA wal_checkpoint(TRUNCATE);"
		   " PRAGMA journal_mode = DELETE;",
		   err);
	sqlite3_close(db);
	return ret;
}
