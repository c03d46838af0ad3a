/* repo_import.h: register files waiting between preview and import. */
#ifndef MAMORI_STORE_REPO_IMPORT_H
#define MAMORI_STORE_REPO_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct error;
struct store;

struct import_batch {
	int64_t id;
	int64_t account_id;
	int64_t created_at;
	const char *filename;
	const char *layout; /* "auto", "ipa" or "full" */
	const char *sheet;
	const char *data; /* base64; "" once imported (not read by list) */
	int64_t rows;
	const char *status; /* "ready", "running", "done", "failed" */
	int64_t added, updated, same;
	const char *error; /* the failure, as shown to its owner */
	int64_t finished_at;
};

/* Keeps b (its id set) and drops org_id's batches older than before. */
int repo_import_create(struct store *store, int64_t org_id,
		       struct import_batch *b, int64_t before,
		       struct error *err);
/* 1 found (org_id's), 0 not, -1 error; with_data reads the file too. */
int repo_import_get(struct store *store, struct arena *arena, int64_t org_id,
		    int64_t id, int with_data, struct import_batch *out,
		    struct error *err);
/*
 * Moves a "ready" batch to "running"; 1 done, 0 when it was not ready
 * (already started: a second click imports nothing twice).
 */
int repo_import_claim(struct store *store, int64_t org_id, int64_t id,
		      struct error *err);
/* Gives a claimed batch back ("running" to "ready") when it cannot start. */
int repo_import_unclaim(struct store *store, int64_t org_id, int64_t id,
			struct error *err);
/* Records the end: status "done" or "failed", counts, error; the file is
 * emptied either way. */
int repo_import_finish(struct store *store, int64_t org_id,
		       const struct import_batch *b, int64_t now,
		       struct error *err);

#endif
