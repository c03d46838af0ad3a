/* repo_policy.c: policy and handbook versions, sign-off, cloud services. */
#include "util/compat.h"
#include "store/repo_policy.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

int repo_doc_save(struct store *store, int64_t org_id, const char *kind,
		  const char *body, const char *objectives, const char *by,
		  int64_t now, int *version, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO policy_doc (org_id, kind, version, body,"
			 " objectives, created_by, created_at) SELECT ?, ?,"
			 " coalesce(max(version), 0) + 1, ?, ?, ?, ? FROM"
			 " policy_doc WHERE org_id = ?1 AND kind = ?2"
			 " RETURNING version",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, kind, err) ||
	    stmt_bind_text(&st, 3, body, err) ||
	    stmt_bind_text(&st, 4, objectives, err) ||
	    stmt_bind_text(&st, 5, by, err) ||
	    stmt_bind_int(&st, 6, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*version = (int)stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

#define DOC_COLUMNS                                                         \
	"SELECT id, version, body, objectives, created_by, created_at,"     \
	" approved_by, coalesce(approved_at, 0), coalesce(published_at, 0)" \
	" FROM policy_doc"

static void read_doc(struct arena *arena, struct store_stmt *st,
		     struct policy_doc *d)
{
	d->id = stmt_column_int(st, 0);
	d->version = (int)stmt_column_int(st, 1);
	d->body = stmt_text(arena, st, 2);
	d->objectives = stmt_text(arena, st, 3);
	d->created_by = stmt_text(arena, st, 4);
	d->created_at = stmt_column_int(st, 5);
	d->approved_by = stmt_text_or_null(arena, st, 6);
	d->approved_at = stmt_column_int(st, 7);
	d->published_at = stmt_column_int(st, 8);
}

int repo_doc_get(struct store *store, struct arena *arena, int64_t org_id,
		 const char *kind, int version, struct policy_doc *out,
		 struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 DOC_COLUMNS " WHERE org_id = ? AND kind = ? AND"
				     " (? = 0 OR version = ?3)"
				     " ORDER BY version DESC LIMIT 1",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, kind, err) ||
	    stmt_bind_int(&st, 3, version, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_doc(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_doc_list(struct store *store, struct arena *arena, int64_t org_id,
		  const char *kind, struct policy_doc **rows, size_t *count,
		  struct error *err)
{
	struct store_stmt st;
	struct policy_doc *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 DOC_COLUMNS " WHERE org_id = ? AND kind = ?"
				     " ORDER BY version DESC",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, kind, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_doc(arena, &st, &out[n]);
		out[n].body = ""; /* the list does not carry the texts */
		n++;
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

int repo_doc_approve(struct store *store, int64_t org_id, const char *kind,
		     int version, const char *by, int64_t now,
		     struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE policy_doc SET approved_by = ?, approved_at = ?"
			 " WHERE org_id = ? AND kind = ? AND version = ? AND"
			 " approved_at IS NULL RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, by, err) ||
	    stmt_bind_int(&st, 2, now, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_text(&st, 4, kind, err) ||
	    stmt_bind_int(&st, 5, version, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_doc_publish(struct store *store, int64_t org_id, const char *kind,
		     int version, int64_t now, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE policy_doc SET published_at = ? WHERE"
			 " org_id = ? AND kind = ? AND version = ? AND"
			 " approved_at IS NOT NULL AND published_at IS NULL"
			 " RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) ||
	    stmt_bind_int(&st, 2, org_id, err) ||
	    stmt_bind_text(&st, 3, kind, err) ||
	    stmt_bind_int(&st, 4, version, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_doc_published(struct store *store, int64_t org_id, const char *kind,
		       int *published, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT count(*) FROM policy_doc WHERE org_id = ? AND"
			 " kind = ? AND published_at IS NOT NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, kind, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*published = stmt_column_int(&st, 0) > 0;
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_signoff_list(struct store *store, struct arena *arena, int64_t org_id,
		      struct signoff **rows, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct signoff *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT item, done, note, signed_by, signed_at FROM"
			 " executive_signoff WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].item = stmt_text(arena, &st, 0);
		out[n].done = (int)stmt_column_int(&st, 1);
		out[n].note = stmt_text(arena, &st, 2);
		out[n].signed_by = stmt_text(arena, &st, 3);
		out[n].signed_at = stmt_column_int(&st, 4);
		n++;
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

int repo_signoff_set(struct store *store, int64_t org_id, const char *item,
		     int done, const char *note, const char *by, int64_t now,
		     struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO executive_signoff (org_id, item, done,"
			 " note, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?)"
			 " ON CONFLICT (org_id, item) DO UPDATE SET"
			 " done = excluded.done, note = excluded.note,"
			 " signed_by = excluded.signed_by,"
			 " signed_at = excluded.signed_at",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, item, err) ||
	    stmt_bind_int(&st, 3, done ? 1 : 0, err) ||
	    stmt_bind_text(&st, 4, note, err) ||
	    stmt_bind_text(&st, 5, by, err) ||
	    stmt_bind_int(&st, 6, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

#define CLOUD_COLUMNS                                                      \
	"SELECT s.id, s.name, s.purpose, s.data, s.importance,"            \
	" s.administrator, s.users, s.support, s.sla, s.location, s.cost," \
	" s.contract, s.nda,"                                              \
	" (SELECT count(*) FROM cloud_service_check c WHERE"               \
	"  c.service_id = s.id AND c.status IN ('yes', 'na'))"             \
	" FROM cloud_service s"

static void read_cloud(struct arena *arena, struct store_stmt *st,
		       struct cloud_service *s)
{
	s->id = stmt_column_int(st, 0);
	s->name = stmt_text(arena, st, 1);
	s->purpose = stmt_text(arena, st, 2);
	s->data = stmt_text(arena, st, 3);
	s->importance = (int)stmt_column_int(st, 4);
	s->administrator = stmt_text(arena, st, 5);
	s->users = stmt_text(arena, st, 6);
	s->support = stmt_text(arena, st, 7);
	s->sla = stmt_text(arena, st, 8);
	s->location = stmt_text(arena, st, 9);
	s->cost = stmt_text(arena, st, 10);
	s->contract = stmt_text(arena, st, 11);
	s->nda = (int)stmt_column_int(st, 12);
	s->checks_done = (int)stmt_column_int(st, 13);
	s->checks_open = 15 - s->checks_done;
}

int repo_cloud_list(struct store *store, struct arena *arena, int64_t org_id,
		    struct cloud_service **rows, size_t *count,
		    struct error *err)
{
	struct store_stmt st;
	struct cloud_service *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 CLOUD_COLUMNS " WHERE s.org_id = ? ORDER BY s.name",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_cloud(arena, &st, &out[n++]);
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

int repo_cloud_get(struct store *store, struct arena *arena, int64_t org_id,
		   int64_t id, struct cloud_service *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 CLOUD_COLUMNS " WHERE s.org_id = ? AND s.id = ?", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_cloud(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

/* Binds the service's own fields from index i on. */
static int bind_cloud(struct store_stmt *st, int i,
		      const struct cloud_service *s, struct error *err)
{
	if (stmt_bind_text(st, i, s->name, err) ||
	    stmt_bind_text(st, i + 1, s->purpose, err) ||
	    stmt_bind_text(st, i + 2, s->data, err) ||
	    stmt_bind_int(st, i + 3, s->importance, err) ||
	    stmt_bind_text(st, i + 4, s->administrator, err) ||
	    stmt_bind_text(st, i + 5, s->users, err) ||
	    stmt_bind_text(st, i + 6, s->support, err) ||
	    stmt_bind_text(st, i + 7, s->sla, err) ||
	    stmt_bind_text(st, i + 8, s->location, err) ||
	    stmt_bind_text(st, i + 9, s->cost, err) ||
	    stmt_bind_text(st, i + 10, s->contract, err) ||
	    stmt_bind_int(st, i + 11, s->nda ? 1 : 0, err))
		return -1;
	return 0;
}

int repo_cloud_put(struct store *store, int64_t org_id, struct cloud_service *s,
		   int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (!s->id) {
		if (stmt_prepare(
			    store,
			    "INSERT INTO cloud_service (name, purpose, data,"
			    " importance, administrator, users, support,"
			    " sla, location, cost, contract, nda, org_id,"
			    " created_at, updated_at) VALUES (?, ?, ?, ?,"
			    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?14)"
			    " RETURNING id",
			    &st, err))
			return -1;
		if (bind_cloud(&st, 1, s, err) ||
		    stmt_bind_int(&st, 13, org_id, err) ||
		    stmt_bind_int(&st, 14, now, err)) {
			stmt_finalize(&st);
			return -1;
		}
		rc = stmt_step(&st, err);
		if (rc == STEP_ROW)
			s->id = stmt_column_int(&st, 0);
		stmt_finalize(&st);
		return rc == STEP_ROW ? 0 : -1;
	}
	if (stmt_prepare(store,
			 "UPDATE cloud_service SET name = ?, purpose = ?,"
			 " data = ?, importance = ?, administrator = ?,"
			 " users = ?, support = ?, sla = ?, location = ?,"
			 " cost = ?, contract = ?, nda = ?, updated_at = ?"
			 " WHERE org_id = ? AND id = ? RETURNING id",
			 &st, err))
		return -1;
	if (bind_cloud(&st, 1, s, err) || stmt_bind_int(&st, 13, now, err) ||
	    stmt_bind_int(&st, 14, org_id, err) ||
	    stmt_bind_int(&st, 15, s->id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_run(&st, err);
	if (rc == 0)
		return error_set(err, ERROR_NOT_FOUND, "http.not_found", NULL);
	return rc < 0 ? -1 : 0;
}

int repo_cloud_checks(struct store *store, struct arena *arena, int64_t org_id,
		      int64_t id, const char *status[15], const char *notes[15],
		      struct error *err)
{
	struct store_stmt st;
	int rc, i;

	for (i = 0; i < 15; i++) {
		status[i] = "";
		notes[i] = "";
	}
	if (stmt_prepare(store,
			 "SELECT item, status, note FROM cloud_service_check"
			 " WHERE org_id = ? AND service_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int item = (int)stmt_column_int(&st, 0);

		if (item < 1 || item > 15)
			continue;
		status[item - 1] = stmt_text(arena, &st, 1);
		notes[item - 1] = stmt_text(arena, &st, 2);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_cloud_check_set(struct store *store, int64_t org_id, int64_t id,
			 int item, const char *status, const char *note,
			 struct error *err)
{
	struct store_stmt st;

	/* The SELECT makes sure the service is the organisation's. */
	if (stmt_prepare(store,
			 "INSERT INTO cloud_service_check (org_id, service_id,"
			 " item, status, note) SELECT org_id, id, ?, ?, ? FROM"
			 " cloud_service WHERE org_id = ? AND id = ?"
			 " ON CONFLICT (service_id, item) DO UPDATE SET"
			 " status = excluded.status, note = excluded.note"
			 " RETURNING item",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, item, err) ||
	    stmt_bind_text(&st, 2, status, err) ||
	    stmt_bind_text(&st, 3, note, err) ||
	    stmt_bind_int(&st, 4, org_id, err) ||
	    stmt_bind_int(&st, 5, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}
