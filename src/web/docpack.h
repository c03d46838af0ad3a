/*
 * docpack.h: the audit document pack built from the store (issue 7): one
 * ZIP of every approved document and every register, as PDF and XLSX,
 * with a manifest of each file's size and SHA-256 (export/pack.h writes
 * and checks the archive).  The page /pack, its background job and
 * `mamori export pack` build it here, so a pack made in either place
 * holds the same files.
 */
#ifndef MAMORI_WEB_DOCPACK_H
#define MAMORI_WEB_DOCPACK_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"
#include "export/pack.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct store;

/*
 * Told after each part of the work: done of total steps, and what comes
 * next (in the pack's language).  Called from the building thread.
 */
typedef void docpack_progress_fn(void *arg, size_t done, size_t total,
				 const char *what);

/* What to pack, for whom, and where to put it. */
struct docpack_request {
	struct store *store;
	const struct catalog *cat;
	const struct i18n *msgs;
	enum lang lang; /* of the documents and the manifest's titles */
	int64_t org;
	const char *org_name;
	int64_t now;
	const char *output; /* the .zip to write */
	/* The audit event's author: the account (0 for the CLI), the
	 * actor's address or "cli", the client's address or "cli". */
	int64_t account_id;
	const char *actor;
	const char *client;
	docpack_progress_fn *progress; /* or NULL */
	void *arg;
};

/* What was packed. */
struct docpack_result {
	size_t files;  /* listed in the manifest */
	size_t absent; /* items listed as absent */
	uint64_t size; /* of the archive */
	char sha256[PACK_HASH_HEX + 1];
};

/*
 * Builds the pack at rq->output.  Every part is drawn into a private
 * folder beside the output and hashed, the archive is written to a
 * temporary file beside it, synced and renamed into place, and only then
 * is the "export.pack" audit event (the archive's SHA-256 and size)
 * appended in a transaction of its own; any failure removes what was
 * written and leaves an existing file at output as it was.  Items the
 * organisation does not have yet (no approved policy, no assessment …)
 * are listed in the manifest as absent, with the reason.  The store is
 * only read until the event: no write lock is held while building.
 * Fails with the first problem (store, rendering, "pack.write_failed").
 */
int docpack_build(const struct docpack_request *rq, struct docpack_result *res,
		  struct error *err);

/* SHA-256 through libsodium (web/seal.h), for export/pack.h. */
const struct pack_hasher *docpack_hasher(void);

#endif
