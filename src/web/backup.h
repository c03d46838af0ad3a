/*
 * backup.h: backups of the data file, restores, restore tests and the
 * scheduled backup of `mamori serve`.  The file format is backupfile.h
 * (sealed: seal.h); the copy itself is the store's online backup.
 */
#ifndef MAMORI_WEB_BACKUP_H
#define MAMORI_WEB_BACKUP_H

#include <stdint.h>

#include "web/backupfile.h"

struct arena;
struct error;
struct strbuf;

/* How a backup is taken. */
struct backup_options {
	const char *passphrase; /* NULL: a plain file */
	uint64_t opslimit;	/* argon2id limits; 0: libsodium's moderate */
	uint64_t memlimit;
	const char *actor; /* "cli" or "schedule", for the log */
};

/* What a backup or a check found. */
struct backup_result {
	struct backup_manifest manifest;
	char sha256[65]; /* of the backup file itself */
	int64_t size;	 /* of the backup file itself */
	int64_t events;	 /* audit events that verified */
};

/*
 * Writes a backup of the data file data to out (through a temporary file
 * beside it, synced and renamed into place), while other processes may
 * be writing the data file.  The result, good or bad, is appended to
 * data's backup log.
 */
int backup_make(const char *data, const char *out,
		const struct backup_options *o, struct arena *arena,
		struct backup_result *res, struct error *err);

/*
 * Packs the data file image (a copy nobody else uses; kind
 * "installation" or "organisation") into the backup file out.
 */
int backup_pack(const char *image, const char *kind, const char *out,
		const struct backup_options *o, struct arena *arena,
		struct backup_result *res, struct error *err);

/*
 * Restores file into a temporary data file in dir and checks it:
 * the format and hashes, the schema version (a newer one is refused with
 * "backup.too_new"), SQLite's integrity_check and foreign_key_check, and
 * every audit chain.  On success *image names the checked file (from
 * arena), which the caller renames or removes; on failure nothing is
 * left behind.  passphrase may be NULL for a plain file.
 */
int backup_check_file(const char *file, const char *passphrase, const char *dir,
		      struct arena *arena, struct backup_result *res,
		      const char **image, struct error *err);

/*
 * `mamori backup verify`: backup_check_file() into a temporary folder,
 * then removes the copy; the result is appended to data's backup log as a
 * restore test when data exists.
 */
int backup_verify(const char *file, const char *passphrase, const char *data,
		  const char *actor, struct arena *arena,
		  struct backup_result *res, struct error *err);

/*
 * Replaces the data file data with the backup file: refuses while a
 * server holds data ("backup.in_use"), checks the backup completely
 * first, then renames the checked copy over data.  On any failure data
 * is left as it was.
 */
int backup_restore(const char *file, const char *passphrase, const char *data,
		   struct arena *arena, struct backup_result *res,
		   struct error *err);

/*
 * Held by `mamori serve` for as long as it runs (a shared lock on the
 * data file itself; SQLite's own locks are of another kind and are not
 * disturbed), so that a restore can tell the file is in use.  The lock
 * dies with the process, however it ends.
 */
int backup_hold(const char *data, int *fd, struct error *err);
void backup_release(int fd);

/*
 * Keeps the keep newest backups named "mamori-….mamori-backup" in dir
 * and removes the others.
 */
int backup_prune(const char *dir, int keep, struct error *err);

/* The name of a scheduled backup taken at time at, from arena. */
const char *backup_file_name(struct arena *arena, const char *dir, int64_t at);

/*
 * A failure as the log keeps it ("key\targ…", in no language) and back,
 * so the page shows it in the reader's language.
 */
void backup_error_text(const struct error *err, struct strbuf *out);
void backup_error_parse(const char *text, struct error *err);

/* The scheduled backup of `mamori serve`. */
struct backup_schedule {
	const char *data;
	const char *dir;
	int64_t every;		/* seconds between backups */
	int keep;		/* files kept in dir */
	const char *passphrase; /* NULL: plain files */
};

struct backup_scheduler;

/*
 * Starts a thread that takes a backup whenever the last successful one
 * is older than s->every (so the first comes at once when none is
 * recent), prunes dir to s->keep files, and logs every run.  No request
 * waits for it.
 */
int backup_schedule_start(const struct backup_schedule *s,
			  struct backup_scheduler **out, struct error *err);
/*
 * The schedule of this process into *out (dir from arena; passphrase
 * only non-NULL, never the passphrase): 1 when one runs, else 0.
 */
int backup_schedule_current(struct arena *arena, struct backup_schedule *out);
/* Stops the thread (waiting for a backup under way) and frees it. */
void backup_schedule_stop(struct backup_scheduler *b);

#endif
