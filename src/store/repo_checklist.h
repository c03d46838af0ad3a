/*
 * repo_checklist.h: the levelled control checklist's statuses in the
 * store, one row per organisation and guideline item that has something
 * recorded (an item never touched has no row and reads as unanswered).
 */
#ifndef MAMORI_STORE_REPO_CHECKLIST_H
#define MAMORI_STORE_REPO_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "core/checklist.h"

struct arena;
struct error;
struct guideline_item;
struct store;

/*
 * Every status org_id recorded, ordered by item id, strings in arena.
 * Returns 0, or -1 with err set.
 */
int repo_checklist_list(struct store *store, struct arena *arena,
			int64_t org_id, struct checklist_status **rows,
			size_t *count, struct error *err);

/*
 * The status of item_id: 1 found, 0 nothing recorded (*out is then an
 * unanswered status of item_id), -1 error.
 */
int repo_checklist_get(struct store *store, struct arena *arena, int64_t org_id,
		       const char *item_id, struct checklist_status *out,
		       struct error *err);

/*
 * Records s (already validated) for org_id, by whom and when; a status
 * that records nothing (checklist_status_is_empty) removes the row.  The
 * caller writes the audit event in the same transaction.
 */
int repo_checklist_put(struct store *store, int64_t org_id,
		       const struct checklist_status *s, const char *by,
		       int64_t now, struct error *err);

/*
 * The statuses parallel to the catalogue's count items (*out[i] is
 * items[i]'s; unanswered where nothing is recorded), for the coverage
 * and the gap list; the array and its strings come from arena.  Rows for
 * items the catalogue no longer has are left out.
 */
int repo_checklist_statuses(struct store *store, struct arena *arena,
			    int64_t org_id, const struct guideline_item *items,
			    size_t count, struct checklist_status **out,
			    struct error *err);

#endif
