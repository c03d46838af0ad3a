/* repo_checklist.c: the levelled control checklist's statuses. */
#include "util/compat.h"
#include "store/repo_checklist.h"

#include <stdlib.h>

#include "core/guideline.h"
#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

#define STATUS_COLUMNS                                                 \
	"SELECT item, status, adopted, reason, owner, note, evidence," \
	" review_on, updated_by, updated_at FROM checklist_status"

static void read_status(struct arena *arena, struct store_stmt *st,
			struct checklist_status *s)
{
	s->item_id = stmt_text(arena, st, 0);
	/* The schema allows only the names; anything else reads as none. */
	if (checklist_state_parse(stmt_column_text(st, 1), &s->state))
		s->state = CHECKLIST_UNANSWERED;
	s->adopted = stmt_column_int(st, 2) != 0;
	s->reason = stmt_text(arena, st, 3);
	s->owner = stmt_text(arena, st, 4);
	s->note = stmt_text(arena, st, 5);
	s->evidence = stmt_text(arena, st, 6);
	s->review_on = stmt_text(arena, st, 7);
	s->updated_by = stmt_text(arena, st, 8);
	s->updated_at = stmt_column_int(st, 9);
}

int repo_checklist_list(struct store *store, struct arena *arena,
			int64_t org_id, struct checklist_status **rows,
			size_t *count, struct error *err)
{
	struct store_stmt st;
	struct checklist_status *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 STATUS_COLUMNS " WHERE org_id = ? ORDER BY item", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_status(arena, &st, &out[n++]);
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	*rows = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return 0;
}

int repo_checklist_get(struct store *store, struct arena *arena, int64_t org_id,
		       const char *item_id, struct checklist_status *out,
		       struct error *err)
{
	struct store_stmt st;
	int rc;

	checklist_status_init(out, item_id);
	if (stmt_prepare(store, STATUS_COLUMNS " WHERE org_id = ? AND item = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, item_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_status(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_checklist_put(struct store *store, int64_t org_id,
		       const struct checklist_status *s, const char *by,
		       int64_t now, struct error *err)
{
	struct store_stmt st;

	if (checklist_status_is_empty(s)) {
		if (stmt_prepare(store,
				 "DELETE FROM checklist_status WHERE org_id = ?"
				 " AND item = ?",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, org_id, err) ||
		    stmt_bind_text(&st, 2, s->item_id, err)) {
			stmt_finalize(&st);
			return -1;
		}
		return stmt_run(&st, err) < 0 ? -1 : 0;
	}
	if (stmt_prepare(store,
			 "INSERT INTO checklist_status (org_id, item, status,"
			 " adopted, reason, owner, note, evidence, review_on,"
			 " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
			 " ?, ?, ?, ?) ON CONFLICT (org_id, item) DO UPDATE SET"
			 " status = excluded.status, adopted = excluded.adopted,"
			 " reason = excluded.reason, owner = excluded.owner,"
			 " note = excluded.note, evidence = excluded.evidence,"
			 " review_on = excluded.review_on,"
			 " updated_by = excluded.updated_by,"
			 " updated_at = excluded.updated_at",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, s->item_id, err) ||
	    stmt_bind_text(&st, 3, checklist_state_name(s->state), err) ||
	    stmt_bind_int(&st, 4, s->adopted ? 1 : 0, err) ||
	    stmt_bind_text(&st, 5, s->reason, err) ||
	    stmt_bind_text(&st, 6, s->owner, err) ||
	    stmt_bind_text(&st, 7, s->note, err) ||
	    stmt_bind_text(&st, 8, s->evidence, err) ||
	    stmt_bind_text(&st, 9, s->review_on, err) ||
	    stmt_bind_text(&st, 10, by, err) ||
	    stmt_bind_int(&st, 11, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

/* Orders pointers to catalogue items by id, for the lookups below. */
static int item_ptr_cmp(const void *a, const void *b)
{
	const struct guideline_item *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static int item_key_cmp(const void *key, const void *elem)
{
	const struct guideline_item *const *g = elem;

	return strcmp(key, (*g)->id);
}

int repo_checklist_statuses(struct store *store, struct arena *arena,
			    int64_t org_id, const struct guideline_item *items,
			    size_t count, struct checklist_status **out,
			    struct error *err)
{
	struct checklist_status *rows, *all;
	const struct guideline_item **by_id;
	size_t n, i;

	if (repo_checklist_list(store, arena, org_id, &rows, &n, err))
		return -1;
	all = arena_calloc(arena, count ? count : 1, sizeof(*all));
	for (i = 0; i < count; i++)
		checklist_status_init(&all[i], items[i].id);
	/* The catalogue is in chapter order; find rows by a sorted index. */
	by_id = xcalloc(count ? count : 1, sizeof(*by_id));
	for (i = 0; i < count; i++)
		by_id[i] = &items[i];
	qsort(by_id, count, sizeof(*by_id), item_ptr_cmp);
	for (i = 0; i < n; i++) {
		const struct guideline_item *const *g =
			bsearch(rows[i].item_id, by_id, count, sizeof(*by_id),
				item_key_cmp);

		if (g)
			all[*g - items] = rows[i];
	}
	free(by_id);
	*out = all;
	return 0;
}
