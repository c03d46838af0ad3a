/* repo_asset.c: the asset register and classification labels. */
#include "util/compat.h"
#include "store/repo_asset.h"

#include <string.h>

#include "store/driver.h"
#include "store/params.h"
#include "store/repo_risk.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* The sort orders' columns, in enum asset_sort order; each is indexed. */
static const char *const sort_names[ASORT_COUNT] = {
	"id",	 "name",       "category",   "medium", "department",
	"owner", "importance", "registered", "label"
};
static const char *const sort_columns[ASORT_COUNT] = {
	"id",	 "name",       "category",	"medium", "department",
	"owner", "importance", "registered_on", "label"
};

const char *asset_sort_name(enum asset_sort s)
{
	return sort_names[s];
}

int asset_sort_parse(const char *name, enum asset_sort *s)
{
	int i = parse_name(sort_names, ASORT_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum asset_sort)i;
	return 0;
}

#define ASSET_COLUMNS                                                       \
	"SELECT id, category, name, notes, users, owner, department,"       \
	" medium, personal, c, i, a, importance, retention, registered_on," \
	" label, updated_at"

/* Reads the ASSET_COLUMNS (and a risk count after them, when asked). */
static void read_asset(struct arena *arena, struct store_stmt *st,
		       int with_count, struct asset *a)
{
	a->id = stmt_column_int(st, 0);
	a->category = stmt_text(arena, st, 1);
	a->name = stmt_text(arena, st, 2);
	a->notes = stmt_text(arena, st, 3);
	a->users = stmt_text(arena, st, 4);
	a->owner = stmt_text(arena, st, 5);
	a->department = stmt_text(arena, st, 6);
	a->medium = stmt_text(arena, st, 7);
	a->personal = (unsigned)stmt_column_int(st, 8);
	a->c = (int)stmt_column_int(st, 9);
	a->i = (int)stmt_column_int(st, 10);
	a->a = (int)stmt_column_int(st, 11);
	a->importance = (int)stmt_column_int(st, 12);
	a->retention = stmt_text(arena, st, 13);
	a->registered_on = stmt_text(arena, st, 14);
	a->label = stmt_text(arena, st, 15);
	a->updated_at = stmt_column_int(st, 16);
	a->risk_count = with_count ? (int)stmt_column_int(st, 17) : 0;
}

/* Appends the filters of q to sql and their values to p. */
static void add_filters(struct strbuf *sql, struct params *p,
			const struct asset_query *q)
{
	static const struct {
		size_t offset;
		const char *clause;
	} texts[] = {
		{ offsetof(struct asset_query, category), " AND category = ?" },
		{ offsetof(struct asset_query, medium), " AND medium = ?" },
		{ offsetof(struct asset_query, department),
		  " AND department = ?" },
		{ offsetof(struct asset_query, owner), " AND owner = ?" },
		{ offsetof(struct asset_query, label), " AND label = ?" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *v = *(const char *const *)((const char *)q +
						       texts[i].offset);

		if (v && *v) {
			strbuf_addstr(sql, texts[i].clause);
			params_text(p, v);
		}
	}
	if (q->importance != IMPORTANCE_ANY) {
		strbuf_addstr(sql, " AND importance = ?");
		params_int(p, q->importance);
	}
	if (q->personal) {
		strbuf_addstr(sql, " AND (personal & ?) = ?");
		params_int(p, q->personal);
		params_int(p, q->personal);
	}
	if (q->search && *q->search) {
		strbuf_addstr(sql, " AND (name LIKE ? ESCAPE '\\' OR"
				   " category LIKE ? ESCAPE '\\' OR"
				   " notes LIKE ? ESCAPE '\\' OR"
				   " department LIKE ? ESCAPE '\\' OR"
				   " owner LIKE ? ESCAPE '\\' OR"
				   " users LIKE ? ESCAPE '\\')");
		for (i = 0; i < 6; i++)
			params_like(p, q->search);
	}
}

static int has_filters(const struct asset_query *q)
{
	return (q->category && *q->category) || (q->medium && *q->medium) ||
	       (q->department && *q->department) || (q->owner && *q->owner) ||
	       (q->label && *q->label) || q->importance != IMPORTANCE_ANY ||
	       q->personal || (q->search && *q->search);
}

/* The cursor row's sort value, as text (params turn it back for ints). */
static int cursor_value(struct store *store, int64_t org_id,
			enum asset_sort sort, int64_t id, struct params *p,
			int *found, struct error *err)
{
	static const char *const sql[ASORT_COUNT] = {
		"SELECT id FROM asset WHERE org_id = ? AND id = ?",
		"SELECT name FROM asset WHERE org_id = ? AND id = ?",
		"SELECT category FROM asset WHERE org_id = ? AND id = ?",
		"SELECT medium FROM asset WHERE org_id = ? AND id = ?",
		"SELECT department FROM asset WHERE org_id = ? AND id = ?",
		"SELECT owner FROM asset WHERE org_id = ? AND id = ?",
		"SELECT importance FROM asset WHERE org_id = ? AND id = ?",
		"SELECT registered_on FROM asset WHERE org_id = ? AND id = ?",
		"SELECT label FROM asset WHERE org_id = ? AND id = ?",
	};
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, sql[sort], &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	*found = rc == STEP_ROW;
	if (*found) {
		if (sort == ASORT_ID || sort == ASORT_IMPORTANCE)
			params_int(p, stmt_column_int(&st, 0));
		else
			params_text(p, stmt_column_text(&st, 0));
		params_int(p, id);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

/*
 * Builds the page query.  reverse: walk the index the other way (a
 * descending list, or a page backwards), in which case rows come out
 * last-first.  *keyed is set when the page starts at the cursor's row
 * rather than at an end.
 */
/* SELECT … FROM asset WHERE (the organisation's live rows, q's filters). */
static void select_base(struct query_part *x, const struct asset_query *q,
			int64_t org_id, int with_count)
{
	strbuf_addstr(&x->sql, ASSET_COLUMNS);
	if (with_count) {
		strbuf_addstr(&x->sql, ", (SELECT count(*) FROM risk r WHERE"
				       " r.asset_id = asset.id AND"
				       " r.assessment_id = ?)");
		params_int(&x->p, q->assessment_id);
	}
	strbuf_addstr(&x->sql, " FROM asset WHERE org_id = ? AND"
			       " deleted_at IS NULL");
	params_int(&x->p, org_id);
	add_filters(&x->sql, &x->p, q);
}

/*
 * The statements of a page of q: one, or after the cursor row in a
 * column order two.  "(col, id) > (v, n)" would make SQLite seek on col
 * alone and walk the rows of equal col up to n, which for a column of few
 * values (importance, department) is most of the register; instead the
 * rest of v by id, then the values beyond v, each a seek.  (One compound
 * SELECT of the two is sorted whole by SQLite: two statements.)
 */
static int page_query(struct store *store, int64_t org_id,
		      const struct asset_query *q, int reverse, int with_cursor,
		      int with_count, int with_limit,
		      struct query_part parts[2], size_t *nparts, int *keyed,
		      struct error *err)
{
	const char *col = sort_columns[q->sort];
	const char *dir = reverse ? "DESC" : "ASC", *cmp = reverse ? "<" : ">";
	struct params cur = PARAMS_INIT;
	struct query_part *x = &parts[0];
	int found = 0;

	*nparts = 1;
	if (with_cursor && q->cursor &&
	    cursor_value(store, org_id, q->sort, q->cursor, &cur, &found,
			 err)) {
		params_release(&cur);
		return -1;
	}
	/* A cursor that is no row of the organisation starts from an end;
	 * a deleted row still marks its place. */
	*keyed = found;
	select_base(x, q, org_id, with_count);
	if (found && q->sort != ASORT_ID) {
		strbuf_addf(&x->sql, " AND %s = ? AND id %s ?", col, cmp);
		params_append(&x->p, &cur, 2);
		x = &parts[(*nparts)++];
		select_base(x, q, org_id, with_count);
		strbuf_addf(&x->sql, " AND %s %s ?", col, cmp);
		params_append(&x->p, &cur, 1);
	} else if (found) {
		strbuf_addf(&x->sql, " AND id %s ?", cmp);
		params_append(&x->p, &cur, 1);
	}
	params_release(&cur);
	for (x = parts; x < parts + *nparts; x++) {
		if (q->sort == ASORT_ID)
			strbuf_addf(&x->sql, " ORDER BY id %s", dir);
		else
			strbuf_addf(&x->sql, " ORDER BY %s %s, id %s", col, dir,
				    dir);
		if (with_limit) {
			strbuf_addstr(&x->sql, " LIMIT ?");
			params_int(&x->p, (int64_t)q->limit + 1);
		}
	}
	return 0;
}

static int count_matching(struct store *store, int64_t org_id,
			  const struct asset_query *q, struct asset_page *out,
			  struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct params p = PARAMS_INIT;

	if (!has_filters(q)) {
		out->total_capped = 0;
		return repo_asset_count(store, org_id, &out->total, err);
	}
	strbuf_addstr(&sql, "SELECT count(*) FROM (SELECT 1 FROM asset WHERE"
			    " org_id = ? AND deleted_at IS NULL");
	params_int(&p, org_id);
	add_filters(&sql, &p, q);
	return params_count_capped(store, &sql, &p, TOTAL_CAP, &out->total,
				   &out->total_capped, err);
}

int repo_asset_list(struct store *store, struct arena *arena, int64_t org_id,
		    const struct asset_query *q, struct asset_page *out,
		    struct error *err)
{
	struct query_part parts[2] = { QUERY_PART_INIT, QUERY_PART_INIT };
	struct store_stmt st;
	struct asset *rows = NULL;
	size_t n = 0, cap = 0, i, nparts = 0, k;
	/* Walk the index backwards for a descending order or a page back,
	 * but not both. */
	int reverse = !q->desc != !q->back, rc = -1, step = STEP_DONE;
	int keyed = 0, more = 0;

	if (q->limit < 1 || q->limit > 1000)
		BUG("asset page of %zu rows", q->limit);
	memset(out, 0, sizeof(*out));
	if (page_query(store, org_id, q, reverse, 1, 1, 1, parts, &nparts,
		       &keyed, err))
		goto out;
	/* The second statement only when the first left the page short. */
	for (k = 0; k < nparts && !more; k++) {
		if (stmt_prepare_built(store, parts[k].sql.buf, &st, err))
			goto out;
		if (params_bind(&st, &parts[k].p, err)) {
			stmt_finalize(&st);
			goto out;
		}
		while ((step = stmt_step(&st, err)) == STEP_ROW) {
			if (n == q->limit) {
				/* The extra row only says there is more. */
				more = 1;
				break;
			}
			ALLOC_GROW(rows, n + 1, cap);
			read_asset(arena, &st, 1, &rows[n++]);
		}
		stmt_finalize(&st);
		if (step == STEP_ERROR)
			goto out;
	}
	if (more) {
		if (q->back)
			out->more_before = 1;
		else
			out->more_after = 1;
	}
	/* Rows lie beyond a cursor that was found, not one that vanished. */
	if (keyed) {
		if (q->back)
			out->more_after = 1;
		else
			out->more_before = 1;
	}
	if (q->back) /* fetched last-first */
		for (i = 0; i < n / 2; i++) {
			struct asset tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	out->rows = store_rows_to_arena(arena, rows, n, sizeof(*rows));
	rows = NULL;
	out->count = n;
	rc = count_matching(store, org_id, q, out, err);
out:
	free(rows);
	query_parts_release(parts, 2);
	return rc;
}

int repo_asset_each(struct store *store, int64_t org_id,
		    const struct asset_query *q,
		    int (*fn)(void *ctx, const struct asset *a), void *ctx,
		    struct error *err)
{
	struct query_part parts[2] = { QUERY_PART_INIT, QUERY_PART_INIT };
	struct store_stmt st;
	struct asset a;
	size_t nparts = 0;
	int rc = -1, step = STEP_DONE, stop = 0, keyed = 0;

	/* Without a cursor this is always one statement. */
	if (page_query(store, org_id, q, q->desc, 0, 0, 0, parts, &nparts,
		       &keyed, err) ||
	    stmt_prepare_built(store, parts[0].sql.buf, &st, err))
		goto out;
	if (params_bind(&st, &parts[0].p, err)) {
		stmt_finalize(&st);
		goto out;
	}
	while (!stop && (step = stmt_step(&st, err)) == STEP_ROW) {
		read_asset(NULL, &st, 0, &a);
		stop = fn(ctx, &a);
	}
	stmt_finalize(&st);
	if (stop)
		rc = stop;
	else
		rc = step == STEP_ERROR ? -1 : 0;
out:
	query_parts_release(parts, 2);
	return rc;
}

int repo_asset_get(struct store *store, struct arena *arena, int64_t org_id,
		   int64_t id, struct asset *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 ASSET_COLUMNS " FROM asset WHERE org_id = ? AND id = ?"
				       " AND deleted_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_asset(arena, &st, 0, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

static int bind_asset(struct store_stmt *st, const struct asset *a,
		      struct error *err)
{
	return stmt_bind_text(st, 1, a->category, err) ||
	       stmt_bind_text(st, 2, a->name, err) ||
	       stmt_bind_text(st, 3, a->notes, err) ||
	       stmt_bind_text(st, 4, a->users, err) ||
	       stmt_bind_text(st, 5, a->owner, err) ||
	       stmt_bind_text(st, 6, a->department, err) ||
	       stmt_bind_text(st, 7, a->medium, err) ||
	       stmt_bind_int(st, 8, a->personal, err) ||
	       stmt_bind_int(st, 9, a->c, err) ||
	       stmt_bind_int(st, 10, a->i, err) ||
	       stmt_bind_int(st, 11, a->a, err) ||
	       stmt_bind_text(st, 12, a->retention, err) ||
	       stmt_bind_text(st, 13, a->registered_on, err) ||
	       stmt_bind_text(st, 14, a->label, err);
}

int repo_asset_put(struct store *store, int64_t org_id, struct asset *a,
		   int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 a->id ? "UPDATE asset SET category = ?, name = ?,"
				 " notes = ?, users = ?, owner = ?,"
				 " department = ?, medium = ?, personal = ?,"
				 " c = ?, i = ?, a = ?, retention = ?,"
				 " registered_on = ?, label = ?,"
				 " updated_at = ?15 WHERE org_id = ?16 AND"
				 " id = ?17 AND deleted_at IS NULL"
				 " RETURNING id, importance"
			       : "INSERT INTO asset (category, name, notes,"
				 " users, owner, department, medium, personal,"
				 " c, i, a, retention, registered_on, label,"
				 " created_at, updated_at, org_id) VALUES (?, ?,"
				 " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?15,"
				 " ?15, ?16) RETURNING id, importance",
			 &st, err))
		return -1;
	if (bind_asset(&st, a, err) || stmt_bind_int(&st, 15, now, err) ||
	    stmt_bind_int(&st, 16, org_id, err) ||
	    (a->id && stmt_bind_int(&st, 17, a->id, err))) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		a->id = stmt_column_int(&st, 0);
		a->importance = (int)stmt_column_int(&st, 1);
		a->updated_at = now;
		while ((rc = stmt_step(&st, err)) == STEP_ROW)
			;
		stmt_finalize(&st);
		if (rc == STEP_ERROR)
			return -1;
		/* Its risks in the open assessment follow the importance. */
		return repo_risk_sync_asset(store, org_id, a->id, a->importance,
					    now, err);
	}
	stmt_finalize(&st);
	if (rc == STEP_DONE)
		return error_set(err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	return -1;
}

int repo_asset_delete(struct store *store, int64_t org_id, int64_t id,
		      int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc, found;

	if (stmt_prepare(store,
			 "UPDATE asset SET deleted_at = ? WHERE org_id = ? AND"
			 " id = ? AND deleted_at IS NULL RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) ||
	    stmt_bind_int(&st, 2, org_id, err) ||
	    stmt_bind_int(&st, 3, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	found = rc == STEP_ROW;
	while (rc == STEP_ROW)
		rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (!found)
		return 0;
	/* Gone from the register, gone from the open assessment; closed
	 * assessments keep their rows as they were. */
	return repo_risk_drop_asset(store, org_id, id, err) ? -1 : 1;
}

int repo_asset_count(struct store *store, int64_t org_id, int64_t *count,
		     struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT coalesce((SELECT n FROM asset_count WHERE"
			 " org_id = ?), 0)",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*count = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

/* Collects the first text column of every row of st into arena. */
static int collect_texts(struct store_stmt *st, struct arena *arena,
			 const char ***values, size_t *count, struct error *err)
{
	const char **out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = stmt_step(st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n++] = stmt_text(arena, st, 0);
	}
	stmt_finalize(st);
	if (rc == STEP_ERROR) {
		free(out);
		return -1;
	}
	*values = store_rows_to_arena(arena, out, n, sizeof(*out));
	*count = n;
	return 0;
}

int repo_asset_values(struct store *store, struct arena *arena, int64_t org_id,
		      enum asset_sort column, const char ***values,
		      size_t *count, struct error *err)
{
	static const char *const sql[ASORT_COUNT] = {
		[ASORT_CATEGORY] = "SELECT DISTINCT category FROM asset WHERE"
				   " org_id = ? AND deleted_at IS NULL AND"
				   " category != '' ORDER BY 1 LIMIT 500",
		[ASORT_MEDIUM] = "SELECT DISTINCT medium FROM asset WHERE"
				 " org_id = ? AND deleted_at IS NULL"
				 " ORDER BY 1 LIMIT 500",
		[ASORT_DEPARTMENT] = "SELECT DISTINCT department FROM asset"
				     " WHERE org_id = ? AND deleted_at IS NULL"
				     " AND department != '' ORDER BY 1"
				     " LIMIT 500",
		[ASORT_OWNER] = "SELECT DISTINCT owner FROM asset WHERE"
				" org_id = ? AND deleted_at IS NULL AND"
				" owner != '' ORDER BY 1 LIMIT 500",
		[ASORT_LABEL] = "SELECT DISTINCT label FROM asset WHERE"
				" org_id = ? AND deleted_at IS NULL AND"
				" label != '' ORDER BY 1 LIMIT 500",
	};
	struct store_stmt st;

	if (!sql[column])
		BUG("no pick-list for column %d", (int)column);
	if (stmt_prepare(store, sql[column], &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return collect_texts(&st, arena, values, count, err);
}

int repo_asset_ratings(struct store *store, struct arena *arena, int64_t org_id,
		       struct asset_rating **rows, size_t *count,
		       struct error *err)
{
	struct store_stmt st;
	struct asset_rating *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, c, i, a FROM asset WHERE org_id = ? AND"
			 " deleted_at IS NULL AND importance >= 0 ORDER BY id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].id = stmt_column_int(&st, 0);
		out[n].cia[0] = (int)stmt_column_int(&st, 1);
		out[n].cia[1] = (int)stmt_column_int(&st, 2);
		out[n].cia[2] = (int)stmt_column_int(&st, 3);
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

int repo_label_list(struct store *store, struct arena *arena, int64_t org_id,
		    const char ***labels, size_t *count, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "SELECT label FROM classification_label WHERE"
			 " org_id = ? ORDER BY position",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return collect_texts(&st, arena, labels, count, err);
}

int repo_label_set(struct store *store, int64_t org_id,
		   const char *const *labels, size_t count, struct error *err)
{
	struct store_stmt st;
	size_t i;
	int rc;

	if (stmt_prepare(store,
			 "DELETE FROM classification_label WHERE org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	for (i = 0; i < count; i++) {
		if (stmt_prepare(store,
				 "INSERT INTO classification_label (org_id,"
				 " position, label) VALUES (?, ?, ?)",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, org_id, err) ||
		    stmt_bind_int(&st, 2, (int64_t)i + 1, err) ||
		    stmt_bind_text(&st, 3, labels[i], err)) {
			stmt_finalize(&st);
			return -1;
		}
		rc = stmt_step(&st, err);
		stmt_finalize(&st);
		if (rc == STEP_ERROR)
			return -1;
	}
	return 0;
}
