/*
 * pack_job.h: audit document packs built beside the server's requests.
 * A pack of a big organisation draws hundreds of pages; it runs in a
 * thread of its own on a store connection of its own (reading only until
 * its audit event), so the page can show its progress and every other
 * request is answered meanwhile.
 *
 * Finished packs are files in a folder beside the data file
 * (DATA.packs/), named "<organisation>-<32 random hex digits>.zip": a
 * download names the random part and the session's organisation supplies
 * the rest, so no request reaches another organisation's pack.  They are
 * removed a day after they were made.
 */
#ifndef MAMORI_WEB_PACK_JOB_H
#define MAMORI_WEB_PACK_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

struct app;
struct arena;
struct error;

enum { PACK_ID_HEX = 32, PACK_KEPT = 24 * 3600 };

/* Who asked for the pack: its audit event is theirs. */
struct pack_owner {
	int64_t org_id;
	const char *org_name;
	int64_t account_id;
	const char *actor;  /* e-mail address */
	const char *client; /* network address */
	enum lang lang;	    /* of the failure message kept */
	enum lang pack_lang;
};

/*
 * The folder of finished packs for the data file of app (from arena), or
 * NULL when the data lives in no file (":memory:", a database server).
 */
const char *pack_job_folder(const struct app *app, struct arena *arena);

/*
 * Starts building a pack for o->org_id in folder.  Fails with
 * ERROR_CONFLICT "pack.busy" when one is being built for the
 * organisation already or too many are being built at once.
 */
int pack_job_start(const struct app *app, const char *folder,
		   const struct pack_owner *o, struct error *err);

/* The last pack job of an organisation, as the page shows it. */
struct pack_job_state {
	int running;
	size_t done, total;
	char what[160];	 /* what is being drawn, in the pack's language */
	int failed;	 /* the last job failed: */
	char error[512]; /* why, in the owner's language */
};

/*
 * The state of org_id's pack job since the server started: 1 with *out
 * filled, 0 when there has been none.
 */
int pack_job_state(int64_t org_id, struct pack_job_state *out);

/* A finished pack of an organisation. */
struct pack_entry {
	const char *id; /* the random part of its name */
	int64_t made_at;
	int64_t size;
};

/*
 * The finished packs of org_id in folder, newest first (from arena),
 * after removing those older than PACK_KEPT at now.  A folder not made
 * yet holds none.
 */
int pack_job_list(const char *folder, int64_t org_id, int64_t now,
		  struct arena *arena, struct pack_entry **rows, size_t *count,
		  struct error *err);

/*
 * The path of org_id's pack id in folder (from arena), or NULL when id
 * is not PACK_ID_HEX lower-case hex digits.
 */
const char *pack_job_path(const char *folder, int64_t org_id, const char *id,
			  struct arena *arena);

#endif
