/* repo_diagnosis.h: the LV1/LV2 path in the store: profile, five points,
 * self-diagnosis runs. */
#ifndef MAMORI_STORE_REPO_DIAGNOSIS_H
#define MAMORI_STORE_REPO_DIAGNOSIS_H

#include <stddef.h>
#include <stdint.h>

#include "core/diagnosis.h"
#include "core/organisation.h"

struct arena;
struct error;
struct store;

/* The profile of org_id (empty values and updated_at 0 when never saved). */
int repo_profile_get(struct store *store, struct arena *arena, int64_t org_id,
		     struct org_profile *out, struct error *err);
int repo_profile_put(struct store *store, int64_t org_id,
		     const struct org_profile *p, int64_t now,
		     struct error *err);

/* The five points' states and notes, index point-1. */
int repo_five_get(struct store *store, struct arena *arena, int64_t org_id,
		  enum five_status status[5], const char *notes[5],
		  struct error *err);
int repo_five_set(struct store *store, int64_t org_id, int point,
		  enum five_status status, const char *note, const char *by,
		  int64_t now, struct error *err);

/* Starts a run for unit ("" = whole company); sets *id. */
int repo_run_create(struct store *store, int64_t org_id, const char *unit,
		    const char *by, int64_t now, int64_t *id,
		    struct error *err);
/*
 * Loads run id of org_id with its answers (DIAGNOSIS_NONE where missing).
 * Returns 1 found, 0 when org_id has no such run, -1 on error.
 */
int repo_run_get(struct store *store, struct arena *arena, int64_t org_id,
		 int64_t id, struct diagnosis_run *out, struct error *err);
/*
 * Lists org_id's runs, newest first, each with its answers (for totals,
 * trends and combining), at most limit.
 */
int repo_run_list(struct store *store, struct arena *arena, int64_t org_id,
		  size_t limit, struct diagnosis_run **rows, size_t *count,
		  struct error *err);
/*
 * Records the answer to item of an open run of org_id.  Returns 1, or 0
 * when the run is not org_id's or is completed already.
 */
int repo_run_answer(struct store *store, int64_t org_id, int64_t run, int item,
		    int answer, const char *note, const char *by, int64_t now,
		    struct error *err);
/*
 * The organisation's current answers: each unit's latest completed run,
 * combined item by item (diagnosis_combine()).  *units receives how many
 * units took part (0: no completed run, every item DIAGNOSIS_NONE).
 */
int repo_run_latest_combined(struct store *store, struct arena *arena,
			     int64_t org_id, int answers[DIAGNOSIS_ITEMS],
			     size_t *units, struct error *err);

/* Marks an open run completed; returns 1, or 0 when not possible. */
int repo_run_complete(struct store *store, int64_t org_id, int64_t run,
		      int64_t now, struct error *err);

#endif
