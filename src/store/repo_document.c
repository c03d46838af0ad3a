/* repo_document.c: the document register and its versions, in the store. */
#include "util/compat.h"
#include "store/repo_document.h"

#include <string.h>

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

static const char *const sort_names[DOCUMENT_SORT_COUNT] = {
	"code", "title", "type", "status", "review", "updated"
};

/* ORDER BY of each sort; the code breaks ties, as it is unique. */
static const char *const sort_sql[DOCUMENT_SORT_COUNT] = {
	" ORDER BY code",
	" ORDER BY title, code",
	" ORDER BY CASE type WHEN 'policy' THEN 0 WHEN 'rule' THEN 1"
	" WHEN 'procedure' THEN 2 WHEN 'record' THEN 3 ELSE 4 END, code",
	" ORDER BY CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1"
	" WHEN 'approved' THEN 2 ELSE 3 END, code",
	" ORDER BY next_review = '', next_review, code",
	" ORDER BY updated_at DESC, code",
};

const char *document_sort_name(enum document_sort s)
{
	if ((unsigned)s >= DOCUMENT_SORT_COUNT)
		BUG("document sort %d", (int)s);
	return sort_names[s];
}

int document_sort_parse(const char *name, enum document_sort *s)
{
	int i = parse_name(sort_names, DOCUMENT_SORT_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum document_sort)i;
	return 0;
}

/* A code taken by another document of the organisation. */
static int code_taken(struct store *store, int64_t org_id, const char *code,
		      int64_t except, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id FROM document WHERE org_id = ? AND"
			 " code = ? AND id <> ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, code, err) ||
	    stmt_bind_int(&st, 3, except, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (rc == STEP_ROW)
		return error_set(err, ERROR_CONFLICT, "document.code_taken",
				 code, NULL);
	return 0;
}

int repo_document_insert(struct store *store, int64_t org_id,
			 struct document *d, int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (code_taken(store, org_id, d->code, 0, err) ||
	    stmt_prepare(store,
			 "INSERT INTO document (org_id, code, title, type,"
			 " owner, approver, status, next_review, retention,"
			 " label, created_at, updated_at) VALUES (?, ?, ?, ?,"
			 " ?, ?, 'draft', ?, ?, ?, ?, ?10) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, d->code, err) ||
	    stmt_bind_text(&st, 3, d->title, err) ||
	    stmt_bind_text(&st, 4, document_type_name(d->type), err) ||
	    stmt_bind_text(&st, 5, d->owner, err) ||
	    stmt_bind_text(&st, 6, d->approver, err) ||
	    stmt_bind_text(&st, 7, d->next_review, err) ||
	    stmt_bind_text(&st, 8, d->retention, err) ||
	    stmt_bind_text(&st, 9, d->label, err) ||
	    stmt_bind_int(&st, 10, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		d->id = stmt_column_int(&st, 0);
		d->status = DOCUMENT_DRAFT;
		d->latest_version = d->approved_version = 0;
		d->approved_by = NULL;
		d->approved_at = 0;
		d->created_at = d->updated_at = now;
	}
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_document_update(struct store *store, int64_t org_id,
			 const struct document *d, int64_t now,
			 struct error *err)
{
	struct store_stmt st;

	if (code_taken(store, org_id, d->code, d->id, err) ||
	    stmt_prepare(store,
			 "UPDATE document SET code = ?, title = ?, type = ?,"
			 " owner = ?, approver = ?, next_review = ?,"
			 " retention = ?, label = ?, updated_at = ? WHERE"
			 " org_id = ? AND id = ? RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, d->code, err) ||
	    stmt_bind_text(&st, 2, d->title, err) ||
	    stmt_bind_text(&st, 3, document_type_name(d->type), err) ||
	    stmt_bind_text(&st, 4, d->owner, err) ||
	    stmt_bind_text(&st, 5, d->approver, err) ||
	    stmt_bind_text(&st, 6, d->next_review, err) ||
	    stmt_bind_text(&st, 7, d->retention, err) ||
	    stmt_bind_text(&st, 8, d->label, err) ||
	    stmt_bind_int(&st, 9, now, err) ||
	    stmt_bind_int(&st, 10, org_id, err) ||
	    stmt_bind_int(&st, 11, d->id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

#define DOCUMENT_COLUMNS                                                    \
	"SELECT id, code, title, type, owner, approver, status,"            \
	" next_review, retention, label, latest_version, approved_version," \
	" approved_by, coalesce(approved_at, 0), created_at, updated_at"    \
	" FROM document"

static void read_document(struct arena *arena, struct store_stmt *st,
			  struct document *d)
{
	d->id = stmt_column_int(st, 0);
	d->code = stmt_text(arena, st, 1);
	d->title = stmt_text(arena, st, 2);
	/* The CHECKs admit only names core knows. */
	if (document_type_parse(stmt_column_text(st, 3), &d->type) ||
	    document_status_parse(stmt_column_text(st, 6), &d->status))
		BUG("document %lld: unknown type or status", (long long)d->id);
	d->owner = stmt_text(arena, st, 4);
	d->approver = stmt_text(arena, st, 5);
	d->next_review = stmt_text(arena, st, 7);
	d->retention = stmt_text(arena, st, 8);
	d->label = stmt_text(arena, st, 9);
	d->latest_version = (int)stmt_column_int(st, 10);
	d->approved_version = (int)stmt_column_int(st, 11);
	d->approved_by = stmt_text_or_null(arena, st, 12);
	d->approved_at = stmt_column_int(st, 13);
	d->created_at = stmt_column_int(st, 14);
	d->updated_at = stmt_column_int(st, 15);
}

int repo_document_get(struct store *store, struct arena *arena, int64_t org_id,
		      int64_t id, struct document *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, DOCUMENT_COLUMNS " WHERE org_id = ? AND id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_document(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_document_get_code(struct store *store, struct arena *arena,
			   int64_t org_id, const char *code,
			   struct document *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 DOCUMENT_COLUMNS " WHERE org_id = ? AND code = ?", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, code, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_document(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_document_list(struct store *store, struct arena *arena, int64_t org_id,
		       const struct document_filter *f, struct document **rows,
		       size_t *count, struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct store_stmt st;
	struct document *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if ((unsigned)f->sort >= DOCUMENT_SORT_COUNT)
		BUG("document sort %d", (int)f->sort);
	/*
	 * One statement per order, the filters as NULL-or-value parameters:
	 * an organisation's register is hundreds of rows, not millions.
	 */
	strbuf_addstr(&sql, DOCUMENT_COLUMNS
		      " WHERE org_id = ?1 AND (?2 IS NULL OR type = ?2)"
		      " AND (?3 IS NULL OR status = ?3)"
		      " AND (?4 IS NULL OR owner = ?4)"
		      " AND (?5 IS NULL OR (next_review <> '' AND"
		      " next_review <= ?5 AND status <> 'withdrawn'))");
	strbuf_addstr(&sql, sort_sql[f->sort]);
	rc = stmt_prepare_built(store, sql.buf, &st, err);
	strbuf_release(&sql);
	if (rc)
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text_or_null(
		    &st, 2,
		    f->type >= 0
			    ? document_type_name((enum document_type)f->type)
			    : NULL,
		    err) ||
	    stmt_bind_text_or_null(
		    &st, 3,
		    f->status >= 0 ? document_status_name(
					     (enum document_status)f->status)
				   : NULL,
		    err) ||
	    stmt_bind_text_or_null(&st, 4, f->owner, err) ||
	    stmt_bind_text_or_null(&st, 5, f->due_by, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_document(arena, &st, &out[n]);
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

int repo_document_due(struct store *store, struct arena *arena, int64_t org_id,
		      const char *until, struct document_due **rows,
		      size_t *count, struct error *err)
{
	struct store_stmt st;
	struct document_due *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, code, title, owner, next_review FROM"
			 " document WHERE org_id = ? AND next_review <> ''"
			 " AND status <> 'withdrawn' AND next_review <= ?"
			 " ORDER BY next_review, code",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, until, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].id = stmt_column_int(&st, 0);
		out[n].code = stmt_text(arena, &st, 1);
		out[n].title = stmt_text(arena, &st, 2);
		out[n].owner = stmt_text(arena, &st, 3);
		out[n].next_review = stmt_text(arena, &st, 4);
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

int repo_document_save(struct store *store, int64_t org_id, int64_t id,
		       const char *body, const char *note, const char *author,
		       enum document_status status, int64_t now, int *version,
		       struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "UPDATE document SET latest_version ="
			 " latest_version + 1, status = ?, updated_at = ?"
			 " WHERE org_id = ? AND id = ? RETURNING"
			 " latest_version",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, document_status_name(status), err) ||
	    stmt_bind_int(&st, 2, now, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_int(&st, 4, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*version = (int)stmt_column_int(&st, 0);
	stmt_finalize(&st);
	if (rc != STEP_ROW)
		return rc == STEP_ERROR ? -1 : 0;
	if (stmt_prepare(store,
			 "INSERT INTO document_version (org_id, document_id,"
			 " version, body, note, author, created_at) VALUES"
			 " (?, ?, ?, ?, ?, ?, ?)",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err) ||
	    stmt_bind_int(&st, 3, *version, err) ||
	    stmt_bind_text(&st, 4, body, err) ||
	    stmt_bind_text(&st, 5, note, err) ||
	    stmt_bind_text(&st, 6, author, err) ||
	    stmt_bind_int(&st, 7, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 1;
}

int repo_document_set_status(struct store *store, int64_t org_id, int64_t id,
			     enum document_status status, int64_t now,
			     struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE document SET status = ?, updated_at = ?"
			 " WHERE org_id = ? AND id = ? RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, document_status_name(status), err) ||
	    stmt_bind_int(&st, 2, now, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_int(&st, 4, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

int repo_document_approve(struct store *store, int64_t org_id, int64_t id,
			  const char *by, int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "UPDATE document SET status = 'approved',"
			 " approved_version = latest_version, approved_by = ?,"
			 " approved_at = ?, updated_at = ?2 WHERE org_id = ?"
			 " AND id = ? AND latest_version > 0 RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, by, err) ||
	    stmt_bind_int(&st, 2, now, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_int(&st, 4, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_run(&st, err);
	if (rc <= 0)
		return rc;
	if (stmt_prepare(store,
			 "UPDATE document_version SET approved_by = ?,"
			 " approved_at = ? WHERE org_id = ? AND document_id = ?"
			 " AND version = (SELECT latest_version FROM document"
			 " WHERE id = ?4) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, by, err) ||
	    stmt_bind_int(&st, 2, now, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_int(&st, 4, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

#define VERSION_COLUMNS                                                \
	"SELECT version, body, note, author, created_at, approved_by," \
	" coalesce(approved_at, 0) FROM document_version"

static void read_version(struct arena *arena, struct store_stmt *st,
			 struct document_version *v)
{
	v->version = (int)stmt_column_int(st, 0);
	v->body = stmt_text(arena, st, 1);
	v->note = stmt_text(arena, st, 2);
	v->author = stmt_text(arena, st, 3);
	v->created_at = stmt_column_int(st, 4);
	v->approved_by = stmt_text_or_null(arena, st, 5);
	v->approved_at = stmt_column_int(st, 6);
}

int repo_document_version(struct store *store, struct arena *arena,
			  int64_t org_id, int64_t id, int n,
			  struct document_version *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 VERSION_COLUMNS " WHERE org_id = ? AND document_id = ?"
					 " AND version = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err) || stmt_bind_int(&st, 3, n, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_version(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_document_versions(struct store *store, struct arena *arena,
			   int64_t org_id, int64_t id,
			   struct document_version **rows, size_t *count,
			   struct error *err)
{
	struct store_stmt st;
	struct document_version *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	/* The list does not carry the texts: '' in place of the body. */
	if (stmt_prepare(store,
			 "SELECT version, '', note, author, created_at,"
			 " approved_by, coalesce(approved_at, 0) FROM"
			 " document_version WHERE org_id = ? AND"
			 " document_id = ? ORDER BY version DESC",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_version(arena, &st, &out[n]);
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

int repo_document_departments(struct store *store, struct arena *arena,
			      int64_t org_id, const char ***names,
			      size_t *count, struct error *err)
{
	struct store_stmt st;
	const char **out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT DISTINCT department FROM asset WHERE"
			 " org_id = ? AND deleted_at IS NULL AND"
			 " department <> '' ORDER BY department",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n++] = stmt_text(arena, &st, 0);
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	*names = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return 0;
}
