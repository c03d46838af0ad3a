/*
 * repo_backup.h: the installation's backup log, and the checks a copy of
 * a data file must pass before anyone relies on it.
 */
#ifndef MAMORI_STORE_REPO_BACKUP_H
#define MAMORI_STORE_REPO_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct error;
struct store;

/* What a row of the log records. */
enum backup_kind {
	BACKUP_KIND_BACKUP,	  /* a backup file was written */
	BACKUP_KIND_RESTORE_TEST, /* a backup was restored aside and checked */
	BACKUP_KIND_RESTORE,	  /* a backup replaced the data file */
	BACKUP_KIND_COUNT
};

/* The kind's name in the store and in messages ("restore_test"). */
const char *backup_kind_name(enum backup_kind kind);

/* One backup, restore test or restore. */
struct backup_entry {
	int64_t id;
	enum backup_kind kind;
	int64_t at;	    /* Unix seconds */
	const char *file;   /* the backup file, as it was named */
	const char *sha256; /* of the backup file; "" when none was made */
	int64_t size;	    /* of the backup file, bytes */
	int ok;
	const char *message; /* why it failed, in the reader's language */
	const char *actor;   /* "cli" or "schedule" */
};

/* Appends e to the log (its id is ignored) and sets *id when not NULL. */
int repo_backup_log_add(struct store *store, const struct backup_entry *e,
			int64_t *id, struct error *err);

/* The newest limit entries, newest first, strings from arena. */
int repo_backup_log_list(struct store *store, struct arena *arena, size_t limit,
			 struct backup_entry **rows, size_t *count,
			 struct error *err);

/*
 * The newest successful entry of kind into *out (strings from arena);
 * for BACKUP_KIND_RESTORE_TEST a real restore counts too, since it
 * proves the same.  Returns 1 when there is one, 0 when none, -1 on
 * error.
 */
int repo_backup_last_ok(struct store *store, struct arena *arena,
			enum backup_kind kind, struct backup_entry *out,
			struct error *err);

/*
 * The newest entry of kind, successful or not: 1 found, 0 none, -1 error.
 */
int repo_backup_last(struct store *store, struct arena *arena,
		     enum backup_kind kind, struct backup_entry *out,
		     struct error *err);

/*
 * Runs SQLite's integrity_check and foreign_key_check over the whole
 * store.  Returns 0 with *problem NULL when both pass, 0 with *problem
 * set (the first finding, from arena) when not, -1 on a store error.
 */
int repo_backup_check(struct store *store, struct arena *arena,
		      const char **problem, struct error *err);

#endif
