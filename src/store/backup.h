/*
 * backup.h: copies of a whole data file, taken while it is in use.  The
 * engine's own online backup does the copying (backup_sqlite.c), so a
 * copy is one consistent moment of the file and no writer waits for it.
 */
#ifndef MAMORI_STORE_BACKUP_H
#define MAMORI_STORE_BACKUP_H

struct error;

/*
 * Copies the SQLite data file src_path, which other connections may be
 * writing, into dst_path (created or overwritten) as it was at one
 * moment, and leaves dst_path a single self-contained file (rollback
 * journal mode, nothing in a -wal beside it).  Fails with ERROR_STORE
 * ("store.cannot_open", "store.engine").
 */
int store_backup_copy(const char *src_path, const char *dst_path,
		      struct error *err);

/*
 * Makes the SQLite file at path self-contained, as store_backup_copy()
 * leaves its copies: its write-ahead log checkpointed and the file set to
 * rollback journal mode, so that the file alone holds every page.
 */
int store_backup_settle(const char *path, struct error *err);

#endif
