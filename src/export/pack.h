/*
 * pack.h: the audit document pack as a file: a ZIP archive (libzip, in
 * pack.c only) whose first member, manifest.json (jansson), lists every
 * other member with its size and SHA-256, and the items that could not
 * be included with the reason.  What goes into a pack is web/pack.c's
 * business; this file writes the archive from finished files on disk
 * and checks an archive against its manifest.
 *
 * SHA-256 is brought by the caller (struct pack_hasher), as export/ sees
 * no cryptographic library.
 */
#ifndef MAMORI_EXPORT_PACK_H
#define MAMORI_EXPORT_PACK_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct error;
struct strbuf;

/* The format named in every manifest, and its version. */
#define PACK_FORMAT "mamori-audit-pack"
enum { PACK_FORMAT_VERSION = 1, PACK_HASH_HEX = 64 };

/* The name of the manifest inside the archive. */
#define PACK_MANIFEST "manifest.json"

/* A streaming SHA-256: begin, add bytes, end (which frees the state). */
struct pack_hasher {
	void *(*begin)(void);
	void (*add)(void *state, const void *data, size_t len);
	void (*end)(void *state, char hex[PACK_HASH_HEX + 1]);
};

/* A member of the pack. */
struct pack_file {
	const char *path;   /* inside the archive: "registers/assets.xlsx" */
	const char *source; /* the finished file on disk (writing only) */
	const char *item;   /* what it is: "asset_register" … */
	const char *title;  /* in the pack's language */
	uint64_t size;
	char sha256[PACK_HASH_HEX + 1];
};

/* An item the pack should hold but cannot yet, and why. */
struct pack_absent {
	const char *item;
	const char *title;  /* in the pack's language */
	const char *reason; /* a message key: "pack.absent_no_assessment" */
	const char *reason_text; /* the reason in the pack's language */
};

struct pack_manifest {
	int64_t org_id;
	const char *org_name;
	const char *created_at; /* UTC, "2026-11-22T06:12:48Z" */
	const char *program;	/* "mamori 0.1.0" */
	int schema;		/* the data file's schema version */
	int64_t data_version;	/* the newest audit event's sequence */
	const char *language;	/* "ja" or "en" */
	struct pack_file *files;
	size_t file_count;
	struct pack_absent *absent;
	size_t absent_count;
};

/*
 * Whether path may name a member: relative, "/"-separated, no empty,
 * "." or ".." segment, no backslash or control character, at most 200
 * bytes, and not the manifest's own name.
 */
int pack_path_ok(const char *path);

/*
 * Hashes the file at path into f->size and f->sha256.  Fails with
 * ERROR_INTERNAL "pack.read_failed" naming the file.
 */
int pack_hash_file(const struct pack_hasher *h, const char *path,
		   struct pack_file *f, struct error *err);

/* Appends m as JSON (pretty, members in a fixed order). */
void pack_manifest_json(const struct pack_manifest *m, struct strbuf *out);

/*
 * Reads a manifest (len bytes of JSON) into m, its strings from arena.
 * Fails with ERROR_INPUT "pack.bad_manifest" naming what is wrong (not
 * JSON, another format, a newer version, a member missing or of the
 * wrong type, a path pack_path_ok() refuses or a path given twice).
 */
int pack_manifest_parse(const char *json, size_t len, struct arena *arena,
			struct pack_manifest *m, struct error *err);

/* Told how far the archive's writing is, from 0 to 1. */
typedef void pack_progress_fn(void *arg, double done);

/*
 * Writes the archive at path: manifest.json (the JSON given) first, then
 * the count files from their sources in order, each with mtime.  Members
 * already compressed (workbooks) are stored, the others deflated.
 * progress (or NULL) follows the writing.  Fails with ERROR_INTERNAL
 * "pack.write_failed" naming path; a file partly written may be left
 * for the caller to remove.
 */
int pack_write_zip(const char *path, const char *manifest, size_t len,
		   const struct pack_file *files, size_t count, int64_t mtime,
		   pack_progress_fn *progress, void *arg, struct error *err);

/* What pack_verify() found in an intact pack. */
struct pack_check {
	struct pack_manifest manifest;
	char sha256[PACK_HASH_HEX + 1]; /* of the whole archive */
};

/*
 * Checks the archive at path against its manifest: a ZIP that can be
 * read ("pack.not_zip"), a manifest.json ("pack.no_manifest") that
 * pack_manifest_parse() accepts, every file it lists present
 * ("pack.missing") with the size ("pack.size_differs") and SHA-256
 * ("pack.hash_differs") it gives and readable ("pack.damaged", e.g. a
 * CRC error), and no other member ("pack.unlisted").  Each message names
 * the member.  ERROR_INPUT for all of them; strings from arena.
 */
int pack_verify(const char *path, const struct pack_hasher *h,
		struct arena *arena, struct pack_check *out, struct error *err);

#endif
