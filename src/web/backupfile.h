/*
 * backupfile.h: the backup file format, plain (a sealed one is this
 * format encrypted, see seal.h):
 *
 *   0   8  "MAMORIBK"
 *   8   1  format version (1)
 *   9   1  mode: 0 plain, 1 sealed
 *   10  2  zero
 *   12  4  manifest length N, big-endian (at most BACKUP_MANIFEST_MAX)
 *   16 32  SHA-256 of the manifest
 *   48  N  the manifest, JSON (see struct backup_manifest)
 *   48+N   the database image: a whole SQLite data file, whose size and
 *          SHA-256 the manifest gives
 *
 * An organisation moved between installations (mamori org export) is
 * the same format with kind "organisation" and a data file holding only
 * that organisation.
 */
#ifndef MAMORI_WEB_BACKUPFILE_H
#define MAMORI_WEB_BACKUPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct arena;
struct error;
struct strbuf;

enum {
	BACKUP_FORMAT = 1,  /* the version this binary writes and reads */
	BACKUP_PREFIX = 12, /* bytes that tell the file apart */
	BACKUP_HEADER = 48, /* bytes before a plain file's manifest */
	BACKUP_MANIFEST_MAX = 1 << 20,
};

enum backup_mode { BACKUP_PLAIN = 0, BACKUP_SEALED = 1 };

struct backup_org {
	int64_t id;
	const char *name;
};

struct backup_manifest {
	int format;	     /* BACKUP_FORMAT */
	const char *kind;    /* "installation" or "organisation" */
	int64_t created;     /* Unix seconds */
	int schema;	     /* schema version of the image */
	const char *program; /* "mamori 1.2.3" */
	struct backup_org *orgs;
	size_t org_count;
	int64_t size;	 /* of the image, bytes */
	char sha256[65]; /* of the image, hex */
};

/*
 * Reads the first BACKUP_PREFIX bytes of a file (len may be shorter) and
 * sets *mode.  Fails with ERROR_INPUT "backup.foreign" (not a mamori
 * backup), "backup.truncated" (too short to tell) or
 * "backup.newer_format" (a later version of the format).
 */
int backupfile_prefix(const unsigned char *buf, size_t len,
		      enum backup_mode *mode, struct error *err);

/* The manifest as JSON. */
void backupfile_manifest_json(const struct backup_manifest *m,
			      struct strbuf *out);

/*
 * Parses a manifest (strings from arena).  Fails with ERROR_INPUT
 * "backup.bad_manifest" naming the member that is missing or wrong.
 */
int backupfile_parse_manifest(const char *json, size_t len, struct arena *arena,
			      struct backup_manifest *m, struct error *err);

/*
 * Writes a plain backup of image (read from its start to its end) to out;
 * m's size and sha256 are filled in from the image first.
 */
int backupfile_write(FILE *out, struct backup_manifest *m, FILE *image,
		     struct error *err);

/*
 * Reads a plain backup's header and manifest from in (at its start) and
 * leaves in at the image.  Fails as backupfile_prefix() does, with
 * "backup.damaged" when the manifest does not match its hash, or with
 * "backup.bad_manifest".
 */
int backupfile_read(FILE *in, struct arena *arena, struct backup_manifest *m,
		    struct error *err);

/*
 * Copies the image that follows the manifest from in to out, checking
 * its size ("backup.truncated" when the file ends early,
 * "backup.damaged" when it goes on) and its SHA-256 ("backup.damaged").
 */
int backupfile_extract(FILE *in, const struct backup_manifest *m, FILE *out,
		       struct error *err);

#endif
