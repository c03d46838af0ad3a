/* repo_diagnosis.c: the LV1/LV2 path in the store. */
#include "util/compat.h"
#include "store/repo_diagnosis.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

int repo_profile_get(struct store *store, struct arena *arena, int64_t org_id,
		     struct org_profile *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->representative = out->services = out->industry = "";
	if (stmt_prepare(store,
			 "SELECT representative, services, employees, industry,"
			 " dedicated_admin, large_private_data, has_csirt,"
			 " updated_at FROM org_profile WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		out->representative = stmt_text(arena, &st, 0);
		out->services = stmt_text(arena, &st, 1);
		out->employees = (long)stmt_column_int(&st, 2);
		out->industry = stmt_text(arena, &st, 3);
		out->dedicated_admin = (int)stmt_column_int(&st, 4);
		out->large_private_data = (int)stmt_column_int(&st, 5);
		out->has_csirt = (int)stmt_column_int(&st, 6);
		out->updated_at = stmt_column_int(&st, 7);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_profile_put(struct store *store, int64_t org_id,
		     const struct org_profile *p, int64_t now,
		     struct error *err)
{
	struct store_stmt st;

	/* Both engines know INSERT … ON CONFLICT … DO UPDATE. */
	if (stmt_prepare(store,
			 "INSERT INTO org_profile (org_id, representative,"
			 " services, employees, industry, dedicated_admin,"
			 " large_private_data, has_csirt, updated_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
			 " ON CONFLICT (org_id) DO UPDATE SET"
			 " representative = excluded.representative,"
			 " services = excluded.services,"
			 " employees = excluded.employees,"
			 " industry = excluded.industry,"
			 " dedicated_admin = excluded.dedicated_admin,"
			 " large_private_data = excluded.large_private_data,"
			 " has_csirt = excluded.has_csirt,"
			 " updated_at = excluded.updated_at",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, p->representative, err) ||
	    stmt_bind_text(&st, 3, p->services, err) ||
	    stmt_bind_int(&st, 4, p->employees, err) ||
	    stmt_bind_text(&st, 5, p->industry, err) ||
	    stmt_bind_int(&st, 6, p->dedicated_admin ? 1 : 0, err) ||
	    stmt_bind_int(&st, 7, p->large_private_data ? 1 : 0, err) ||
	    stmt_bind_int(&st, 8, p->has_csirt ? 1 : 0, err) ||
	    stmt_bind_int(&st, 9, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

int repo_five_get(struct store *store, struct arena *arena, int64_t org_id,
		  enum five_status status[5], const char *notes[5],
		  struct error *err)
{
	struct store_stmt st;
	int rc, i;

	for (i = 0; i < 5; i++) {
		status[i] = FIVE_NOT_STARTED;
		notes[i] = "";
	}
	if (stmt_prepare(store,
			 "SELECT point, status, note FROM five_point_status"
			 " WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int p = (int)stmt_column_int(&st, 0);
		enum five_status fs;

		if (p < 1 || p > 5 ||
		    five_status_parse(stmt_column_text(&st, 1), &fs))
			continue;
		status[p - 1] = fs;
		notes[p - 1] = stmt_text(arena, &st, 2);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_five_set(struct store *store, int64_t org_id, int point,
		  enum five_status status, const char *note, const char *by,
		  int64_t now, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(
		    store,
		    "INSERT INTO five_point_status (org_id, point, status,"
		    " note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
		    " ON CONFLICT (org_id, point) DO UPDATE SET"
		    " status = excluded.status, note = excluded.note,"
		    " updated_by = excluded.updated_by,"
		    " updated_at = excluded.updated_at",
		    &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, point, err) ||
	    stmt_bind_text(&st, 3, five_status_name(status), err) ||
	    stmt_bind_text(&st, 4, note, err) ||
	    stmt_bind_text(&st, 5, by, err) ||
	    stmt_bind_int(&st, 6, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

int repo_run_create(struct store *store, int64_t org_id, const char *unit,
		    const char *by, int64_t now, int64_t *id, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO diagnosis_run (org_id, unit, answered_by,"
			 " started_at) VALUES (?, ?, ?, ?) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, unit, err) ||
	    stmt_bind_text(&st, 3, by, err) ||
	    stmt_bind_int(&st, 4, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

static void run_init(struct diagnosis_run *r)
{
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		r->answers[i] = DIAGNOSIS_NONE;
		r->notes[i] = "";
	}
}

/* Reads the answers of the runs in rows[0..n) in one query. */
static int load_answers(struct store *store, struct arena *arena,
			int64_t org_id, struct diagnosis_run *rows, size_t n,
			struct error *err)
{
	struct store_stmt st;
	int64_t min_id = INT64_MAX;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (rows[i].id < min_id)
			min_id = rows[i].id;
	if (!n)
		return 0;
	if (stmt_prepare(store,
			 "SELECT run_id, item, answer, note FROM"
			 " diagnosis_answer WHERE org_id = ? AND run_id >= ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, min_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int64_t run_id = stmt_column_int(&st, 0);
		int item = (int)stmt_column_int(&st, 1);

		if (item < 1 || item > DIAGNOSIS_ITEMS)
			continue;
		for (i = 0; i < n; i++) {
			if (rows[i].id != run_id)
				continue;
			rows[i].answers[item - 1] =
				(int)stmt_column_int(&st, 2);
			rows[i].notes[item - 1] = stmt_text(arena, &st, 3);
			rows[i].answered++;
			if (rows[i].answers[item - 1] != ANSWER_UNKNOWN)
				rows[i].total += rows[i].answers[item - 1];
			else
				rows[i].total -= 1;
		}
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

#define RUN_COLUMNS                                 \
	"SELECT id, unit, answered_by, started_at," \
	" coalesce(completed_at, 0) FROM diagnosis_run"

static void read_run(struct arena *arena, struct store_stmt *st,
		     struct diagnosis_run *r)
{
	run_init(r);
	r->id = stmt_column_int(st, 0);
	r->unit = stmt_text(arena, st, 1);
	r->answered_by = stmt_text(arena, st, 2);
	r->started_at = stmt_column_int(st, 3);
	r->completed_at = stmt_column_int(st, 4);
}

int repo_run_get(struct store *store, struct arena *arena, int64_t org_id,
		 int64_t id, struct diagnosis_run *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, RUN_COLUMNS " WHERE org_id = ? AND id = ?", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_run(arena, &st, out);
	stmt_finalize(&st);
	if (rc != STEP_ROW)
		return rc == STEP_ERROR ? -1 : 0;
	return load_answers(store, arena, org_id, out, 1, err) ? -1 : 1;
}

int repo_run_list(struct store *store, struct arena *arena, int64_t org_id,
		  size_t limit, struct diagnosis_run **rows, size_t *count,
		  struct error *err)
{
	struct store_stmt st;
	struct diagnosis_run *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 RUN_COLUMNS
			 " WHERE org_id = ? ORDER BY id DESC LIMIT ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, (int64_t)limit, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_run(arena, &st, &out[n++]);
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	*rows = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return load_answers(store, arena, org_id, *rows, n, err);
}

int repo_run_answer(struct store *store, int64_t org_id, int64_t run_id,
		    int item, int answer, const char *note, const char *by,
		    int64_t now, struct error *err)
{
	struct store_stmt st;

	/* The SELECT makes sure the run is the organisation's and open. */
	if (stmt_prepare(store,
			 "INSERT INTO diagnosis_answer (org_id, run_id, item,"
			 " answer, note, answered_by, answered_at)"
			 " SELECT org_id, id, ?, ?, ?, ?, ? FROM diagnosis_run"
			 " WHERE id = ? AND org_id = ? AND completed_at IS NULL"
			 " ON CONFLICT (run_id, item) DO UPDATE SET"
			 " answer = excluded.answer, note = excluded.note,"
			 " answered_by = excluded.answered_by,"
			 " answered_at = excluded.answered_at RETURNING item",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, item, err) ||
	    stmt_bind_int(&st, 2, answer, err) ||
	    stmt_bind_text(&st, 3, note, err) ||
	    stmt_bind_text(&st, 4, by, err) ||
	    stmt_bind_int(&st, 5, now, err) ||
	    stmt_bind_int(&st, 6, run_id, err) ||
	    stmt_bind_int(&st, 7, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_run_complete(struct store *store, int64_t org_id, int64_t run_id,
		      int64_t now, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE diagnosis_run SET completed_at = ? WHERE id = ?"
			 " AND org_id = ? AND completed_at IS NULL AND"
			 " (SELECT count(*) FROM diagnosis_answer a WHERE"
			 " a.run_id = diagnosis_run.id) = 25 RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) ||
	    stmt_bind_int(&st, 2, run_id, err) ||
	    stmt_bind_int(&st, 3, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_run_latest_combined(struct store *store, struct arena *arena,
			     int64_t org_id, int answers[DIAGNOSIS_ITEMS],
			     size_t *units, struct error *err)
{
	struct diagnosis_run *runs;
	size_t count, i, j, n = 0;
	int(*latest)[DIAGNOSIS_ITEMS];
	const char **seen;

	if (repo_run_list(store, arena, org_id, 200, &runs, &count, err))
		return -1;
	latest = arena_calloc(arena, count ? count : 1, sizeof(*latest));
	seen = arena_calloc(arena, count ? count : 1, sizeof(*seen));
	/* Runs come newest first: a unit's first completed run is its
	 * latest. */
	for (i = 0; i < count; i++) {
		if (!runs[i].completed_at)
			continue;
		for (j = 0; j < n && strcmp(seen[j], runs[i].unit); j++)
			;
		if (j == n) {
			seen[n] = runs[i].unit;
			memcpy(latest[n++], runs[i].answers, sizeof(latest[0]));
		}
	}
	diagnosis_combine((const int(*)[DIAGNOSIS_ITEMS])latest, n, answers);
	*units = n;
	return 0;
}
