/* repo_soa.c: the Statement of Applicability in the store. */
#include "util/compat.h"
#include "store/repo_soa.h"

#include <stdlib.h>
#include <string.h>

#include "core/control.h"
#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

int repo_soa_progress(struct store *store, int64_t org_id,
		      struct soa_progress *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	memset(out, 0, sizeof(*out));
	/* Two small groupings over an index of at most 93 rows. */
	if (stmt_prepare(store,
			 "SELECT 'a', applicable, count(*) FROM soa_entry"
			 " WHERE org_id = ? GROUP BY applicable UNION ALL"
			 " SELECT 's', status, count(*) FROM soa_entry"
			 " WHERE org_id = ? GROUP BY status",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		const char *what = stmt_column_text(&st, 0);
		const char *value = stmt_column_text(&st, 1);
		int n = (int)stmt_column_int(&st, 2);
		enum soa_applicability a;
		enum soa_status s;

		out->started = 1;
		if (what[0] == 'a' && !soa_applicability_parse(value, &a)) {
			if (a == SOA_APPLICABLE)
				out->applicable += n;
			else if (a == SOA_EXCLUDED)
				out->excluded += n;
			else
				out->undecided += n;
		} else if (what[0] == 's' && !soa_status_parse(value, &s)) {
			out->by_status[s] += n;
		}
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (stmt_prepare(store,
			 "SELECT no, approved_at FROM soa_version WHERE"
			 " org_id = ? ORDER BY no DESC LIMIT 1",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		out->version_no = stmt_column_int(&st, 0);
		out->approved_at = stmt_column_int(&st, 1);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_soa_start(struct store *store, int64_t org_id, const char *const *ids,
		   size_t count, int64_t now, struct error *err)
{
	size_t i;

	for (i = 0; i < count; i++) {
		struct store_stmt st;

		if (stmt_prepare(store,
				 "INSERT INTO soa_entry (org_id, control,"
				 " updated_at) VALUES (?, ?, ?)"
				 " ON CONFLICT (org_id, control) DO NOTHING",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, org_id, err) ||
		    stmt_bind_text(&st, 2, ids[i], err) ||
		    stmt_bind_int(&st, 3, now, err)) {
			stmt_finalize(&st);
			return -1;
		}
		if (stmt_run(&st, err) < 0)
			return -1;
	}
	return 0;
}

/* The entry columns, the same in soa_entry and soa_version_entry. */
#define ENTRY_COLUMNS                                                 \
	"control, applicable, reasons, justification, status, owner," \
	" notes, reviewed_on"

static void read_entry(struct arena *arena, struct store_stmt *st,
		       struct soa_entry *e)
{
	enum soa_applicability a;
	enum soa_status s;

	soa_entry_init(e, stmt_text(arena, st, 0));
	if (!soa_applicability_parse(stmt_column_text(st, 1), &a))
		e->applicable = a;
	e->reasons = (unsigned)stmt_column_int(st, 2) & SOA_REASON_ALL;
	e->justification = stmt_text(arena, st, 3);
	if (!soa_status_parse(stmt_column_text(st, 4), &s))
		e->status = (int)s;
	e->owner = stmt_text(arena, st, 5);
	e->notes = stmt_text(arena, st, 6);
	e->reviewed_on = stmt_text(arena, st, 7);
}

static int entry_cmp(const void *a, const void *b)
{
	return control_id_cmp(((const struct soa_entry *)a)->control,
			      ((const struct soa_entry *)b)->control);
}

/* Reads every row of a prepared, bound entry query, sorted by control. */
static int read_entries(struct arena *arena, struct store_stmt *st,
			int with_updated, struct soa_entry **rows,
			size_t *count, struct error *err)
{
	struct soa_entry *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = stmt_step(st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_entry(arena, st, &out[n]);
		if (with_updated)
			out[n].updated_at = stmt_column_int(st, 8);
		n++;
	}
	stmt_finalize(st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	/* Text order puts 5.10 before 5.2; the statement lists them by
	 * number, as the standard does. */
	if (n)
		qsort(out, n, sizeof(*out), entry_cmp);
	*rows = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return 0;
}

int repo_soa_list(struct store *store, struct arena *arena, int64_t org_id,
		  struct soa_entry **rows, size_t *count, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "SELECT " ENTRY_COLUMNS ", updated_at FROM soa_entry"
			 " WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return read_entries(arena, &st, 1, rows, count, err);
}

int repo_soa_get(struct store *store, struct arena *arena, int64_t org_id,
		 const char *control, struct soa_entry *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT " ENTRY_COLUMNS ", updated_at FROM soa_entry"
			 " WHERE org_id = ? AND control = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, control, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		read_entry(arena, &st, out);
		out->updated_at = stmt_column_int(&st, 8);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_soa_put(struct store *store, int64_t org_id, const struct soa_entry *e,
		 int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "UPDATE soa_entry SET applicable = ?, reasons = ?,"
			 " justification = ?, status = ?, owner = ?, notes = ?,"
			 " reviewed_on = ?, updated_at = ? WHERE org_id = ? AND"
			 " control = ? RETURNING control",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, soa_applicability_name(e->applicable),
			   err) ||
	    stmt_bind_int(&st, 2, (int64_t)e->reasons, err) ||
	    stmt_bind_text(&st, 3, e->justification, err) ||
	    stmt_bind_text(&st, 4,
			   e->status == SOA_STATUS_UNSET
				   ? ""
				   : soa_status_name((enum soa_status)e->status),
			   err) ||
	    stmt_bind_text(&st, 5, e->owner, err) ||
	    stmt_bind_text(&st, 6, e->notes, err) ||
	    stmt_bind_text(&st, 7, e->reviewed_on, err) ||
	    stmt_bind_int(&st, 8, now, err) ||
	    stmt_bind_int(&st, 9, org_id, err) ||
	    stmt_bind_text(&st, 10, e->control, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_run(&st, err);
	if (rc < 0)
		return -1;
	if (!rc)
		return error_set(err, ERROR_NOT_FOUND, "soa.not_found",
				 e->control, NULL);
	return 0;
}

int repo_soa_approve(struct store *store, int64_t org_id, const char *by,
		     const char *on, int64_t now, int64_t *no,
		     struct error *err)
{
	struct store_stmt st;
	int64_t version_id = 0;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO soa_version (org_id, no, approved_by,"
			 " approved_on, approved_at) SELECT ?, coalesce(max(no),"
			 " 0) + 1, ?, ?, ? FROM soa_version WHERE org_id = ?"
			 " RETURNING id, no",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, by, err) ||
	    stmt_bind_text(&st, 3, on, err) ||
	    stmt_bind_int(&st, 4, now, err) ||
	    stmt_bind_int(&st, 5, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		version_id = stmt_column_int(&st, 0);
		*no = stmt_column_int(&st, 1);
		rc = stmt_step(&st, err);
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (stmt_prepare(
		    store,
		    "INSERT INTO soa_version_entry (version_id, org_id, " ENTRY_COLUMNS
		    ") SELECT ?, org_id, " ENTRY_COLUMNS
		    " FROM soa_entry WHERE org_id = ?",
		    &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, version_id, err) ||
	    stmt_bind_int(&st, 2, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

#define VERSION_COLUMNS                                             \
	"SELECT v.no, v.approved_by, v.approved_at, v.approved_on," \
	" (SELECT count(*) FROM soa_version_entry e WHERE"          \
	" e.version_id = v.id AND e.applicable = 'yes'),"           \
	" (SELECT count(*) FROM soa_version_entry e WHERE"          \
	" e.version_id = v.id AND e.applicable = 'no'), v.id FROM"  \
	" soa_version v"

static void read_version(struct arena *arena, struct store_stmt *st,
			 struct soa_version *v)
{
	v->no = stmt_column_int(st, 0);
	v->approved_by = stmt_text(arena, st, 1);
	v->approved_at = stmt_column_int(st, 2);
	v->approved_on = stmt_text(arena, st, 3);
	v->applicable = (int)stmt_column_int(st, 4);
	v->excluded = (int)stmt_column_int(st, 5);
}

int repo_soa_versions(struct store *store, struct arena *arena, int64_t org_id,
		      struct soa_version **rows, size_t *count,
		      struct error *err)
{
	struct store_stmt st;
	struct soa_version *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 VERSION_COLUMNS
			 " WHERE v.org_id = ? ORDER BY v.no DESC",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_version(arena, &st, &out[n++]);
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

int repo_soa_version_get(struct store *store, struct arena *arena,
			 int64_t org_id, int64_t no, struct soa_version *out,
			 struct soa_entry **rows, size_t *count,
			 struct error *err)
{
	struct store_stmt st;
	int64_t id = 0;
	int rc;

	if (stmt_prepare(store,
			 VERSION_COLUMNS " WHERE v.org_id = ? AND v.no = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, no, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		read_version(arena, &st, out);
		id = stmt_column_int(&st, 6);
	}
	stmt_finalize(&st);
	if (rc != STEP_ROW)
		return rc == STEP_ERROR ? -1 : 0;
	if (stmt_prepare(store,
			 "SELECT " ENTRY_COLUMNS " FROM soa_version_entry"
			 " WHERE version_id = ? AND org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, id, err) ||
	    stmt_bind_int(&st, 2, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return read_entries(arena, &st, 0, rows, count, err) ? -1 : 1;
}

int repo_soa_decisions(struct store *store, struct arena *arena, int64_t org_id,
		       struct soa_decision **rows, size_t *count,
		       struct error *err)
{
	struct store_stmt st;
	struct soa_decision *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT control, source, basis, accepted FROM"
			 " soa_decision WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].control = stmt_text(arena, &st, 0);
		out[n].source = stmt_text(arena, &st, 1);
		out[n].basis = stmt_text(arena, &st, 2);
		out[n].accepted = (int)stmt_column_int(&st, 3);
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

int repo_soa_decide(struct store *store, int64_t org_id,
		    const struct soa_decision *d, const char *by, int64_t now,
		    struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "INSERT INTO soa_decision (org_id, control, source,"
			 " basis, accepted, decided_by, decided_at) VALUES"
			 " (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, control,"
			 " source) DO UPDATE SET basis = excluded.basis,"
			 " accepted = excluded.accepted,"
			 " decided_by = excluded.decided_by,"
			 " decided_at = excluded.decided_at",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, d->control, err) ||
	    stmt_bind_text(&st, 3, d->source, err) ||
	    stmt_bind_text(&st, 4, d->basis, err) ||
	    stmt_bind_int(&st, 5, d->accepted ? 1 : 0, err) ||
	    stmt_bind_text(&st, 6, by, err) ||
	    stmt_bind_int(&st, 7, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

static int link_cmp(const void *pa, const void *pb)
{
	const struct soa_risk_link *a = pa, *b = pb;
	int c = control_id_cmp(a->control, b->control);

	if (c)
		return c;
	return a->risk_id < b->risk_id ? -1 : a->risk_id > b->risk_id;
}

int repo_soa_risk_links(struct store *store, struct arena *arena,
			int64_t org_id, const char *control,
			struct soa_risk_link **rows, size_t *count,
			struct error *err)
{
	struct store_stmt st;
	struct soa_risk_link *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	/* ? IS NULL lets one statement serve one control or all. */
	if (stmt_prepare(store,
			 "SELECT k.ref, r.id, s.name, r.threat_id, r.threat,"
			 " r.level FROM risk_control k JOIN risk r ON"
			 " r.id = k.risk_id JOIN risk_assessment a ON"
			 " a.id = r.assessment_id JOIN asset s ON"
			 " s.id = r.asset_id WHERE k.org_id = ? AND"
			 " k.kind = 'control' AND (? IS NULL OR k.ref = ?)"
			 " AND a.closed_at IS NULL AND r.org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text_or_null(&st, 2, control, err) ||
	    stmt_bind_text_or_null(&st, 3, control, err) ||
	    stmt_bind_int(&st, 4, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].control = stmt_text(arena, &st, 0);
		out[n].risk_id = stmt_column_int(&st, 1);
		out[n].asset_name = stmt_text(arena, &st, 2);
		out[n].threat_id = stmt_text(arena, &st, 3);
		out[n].threat = stmt_text(arena, &st, 4);
		out[n].level = (int)stmt_column_int(&st, 5);
		n++;
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	if (n)
		qsort(out, n, sizeof(*out), link_cmp);
	*rows = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return 0;
}
