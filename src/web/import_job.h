/*
 * import_job.h: a register import running beside the server's requests.
 * A confirmed import of 100,000 rows takes seconds; it runs in a thread
 * of its own, on a store connection of its own, so the page can show its
 * progress and the server goes on answering.
 */
#ifndef MAMORI_WEB_IMPORT_JOB_H
#define MAMORI_WEB_IMPORT_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

struct app;
struct error;

/* Who asked for the import: its audit events are theirs. */
struct import_owner {
	int64_t org_id;
	int64_t account_id;
	const char *actor;  /* e-mail address */
	const char *client; /* network address */
	enum lang lang;	    /* of the failure message kept */
};

/*
 * Starts importing batch_id, which the caller has claimed (status
 * "running").  Fails with ERROR_CONFLICT when too many imports run at
 * once; then the batch is given back ("ready").
 */
int import_job_start(const struct app *app, int64_t batch_id,
		     const struct import_owner *owner, struct error *err);

/*
 * The progress of a running import: 1 with *done of *total rows written,
 * or 0 when none runs for the batch (finished, or the server restarted).
 */
int import_job_progress(int64_t org_id, int64_t batch_id, size_t *done,
			size_t *total);

#endif
