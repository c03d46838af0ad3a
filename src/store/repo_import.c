/* repo_import.c: register files waiting between preview and import. */
#include "util/compat.h"
#include "store/repo_import.h"

#include "store/driver.h"
#include "util/arena.h"
#include "util/error.h"

int repo_import_create(struct store *store, int64_t org_id,
		       struct import_batch *b, int64_t before,
		       struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "DELETE FROM import_batch WHERE org_id = ? AND"
			 " created_at < ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, before, err) || stmt_run(&st, err) < 0)
		return -1;
	if (stmt_prepare(store,
			 "INSERT INTO import_batch (org_id, account_id,"
			 " created_at, filename, layout, sheet, data, rows)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, b->account_id, err) ||
	    stmt_bind_int(&st, 3, b->created_at, err) ||
	    stmt_bind_text(&st, 4, b->filename, err) ||
	    stmt_bind_text(&st, 5, b->layout, err) ||
	    stmt_bind_text(&st, 6, b->sheet, err) ||
	    stmt_bind_text(&st, 7, b->data, err) ||
	    stmt_bind_int(&st, 8, b->rows, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		b->id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_import_get(struct store *store, struct arena *arena, int64_t org_id,
		    int64_t id, int with_data, struct import_batch *out,
		    struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, account_id, created_at, filename, layout,"
			 " sheet, CASE WHEN ? THEN data ELSE '' END, rows,"
			 " status, added, updated, same, error,"
			 " coalesce(finished_at, 0) FROM import_batch WHERE"
			 " org_id = ? AND id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, with_data, err) ||
	    stmt_bind_int(&st, 2, org_id, err) ||
	    stmt_bind_int(&st, 3, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		out->id = stmt_column_int(&st, 0);
		out->account_id = stmt_column_int(&st, 1);
		out->created_at = stmt_column_int(&st, 2);
		out->filename = stmt_text(arena, &st, 3);
		out->layout = stmt_text(arena, &st, 4);
		out->sheet = stmt_text(arena, &st, 5);
		out->data = stmt_text(arena, &st, 6);
		out->rows = stmt_column_int(&st, 7);
		out->status = stmt_text(arena, &st, 8);
		out->added = stmt_column_int(&st, 9);
		out->updated = stmt_column_int(&st, 10);
		out->same = stmt_column_int(&st, 11);
		out->error = stmt_text(arena, &st, 12);
		out->finished_at = stmt_column_int(&st, 13);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_import_claim(struct store *store, int64_t org_id, int64_t id,
		      struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE import_batch SET status = 'running' WHERE"
			 " org_id = ? AND id = ? AND status = 'ready'"
			 " RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_import_unclaim(struct store *store, int64_t org_id, int64_t id,
			struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE import_batch SET status = 'ready' WHERE"
			 " org_id = ? AND id = ? AND status = 'running'",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

int repo_import_finish(struct store *store, int64_t org_id,
		       const struct import_batch *b, int64_t now,
		       struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE import_batch SET status = ?, added = ?,"
			 " updated = ?, same = ?, error = ?, data = '',"
			 " finished_at = ? WHERE org_id = ? AND id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, b->status, err) ||
	    stmt_bind_int(&st, 2, b->added, err) ||
	    stmt_bind_int(&st, 3, b->updated, err) ||
	    stmt_bind_int(&st, 4, b->same, err) ||
	    stmt_bind_text(&st, 5, b->error, err) ||
	    stmt_bind_int(&st, 6, now, err) ||
	    stmt_bind_int(&st, 7, org_id, err) ||
	    stmt_bind_int(&st, 8, b->id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}
