/* repo_risk.c: assessments, risks, the heat map and the treatment plan. */
#include "util/compat.h"
#include "store/repo_risk.h"

#include <string.h>

#include "store/driver.h"
#include "store/params.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* ---- assessments ---- */

#define ASSESSMENT_COLUMNS                                        \
	"SELECT id, no, method, low_max, medium_max, started_by," \
	" started_at, closed_by, coalesce(closed_at, 0) FROM"     \
	" risk_assessment"

static void read_assessment(struct arena *arena, struct store_stmt *st,
			    struct risk_assessment *a)
{
	a->id = stmt_column_int(st, 0);
	a->no = (int)stmt_column_int(st, 1);
	if (risk_method_parse(stmt_column_text(st, 2), &a->method))
		a->method = RISK_IPA; /* the CHECK constraint rules it out */
	a->criteria.low_max = (int)stmt_column_int(st, 3);
	a->criteria.medium_max = (int)stmt_column_int(st, 4);
	a->started_by = stmt_text(arena, st, 5);
	a->started_at = stmt_column_int(st, 6);
	a->closed_by = stmt_text_or_null(arena, st, 7);
	a->closed_at = stmt_column_int(st, 8);
}

static int one_assessment(struct store_stmt *st, struct arena *arena,
			  struct risk_assessment *out, struct error *err)
{
	int rc = stmt_step(st, err);

	if (rc == STEP_ROW)
		read_assessment(arena, st, out);
	stmt_finalize(st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_assessment_open(struct store *store, struct arena *arena,
			 int64_t org_id, struct risk_assessment *out,
			 struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 ASSESSMENT_COLUMNS " WHERE org_id = ? AND"
					    " closed_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return one_assessment(&st, arena, out, err);
}

int repo_assessment_get(struct store *store, struct arena *arena,
			int64_t org_id, int64_t id, struct risk_assessment *out,
			struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 ASSESSMENT_COLUMNS " WHERE org_id = ? AND id = ?", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return one_assessment(&st, arena, out, err);
}

int repo_assessment_list(struct store *store, struct arena *arena,
			 int64_t org_id, struct risk_assessment **rows,
			 size_t *count, struct error *err)
{
	struct store_stmt st;
	struct risk_assessment *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 ASSESSMENT_COLUMNS
			 " WHERE org_id = ? ORDER BY no DESC",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_assessment(arena, &st, &out[n++]);
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

/* Moves every live asset's C, I and A from one method's scale to the
 * other's. */
static int convert_assets(struct store *store, int64_t org_id,
			  enum risk_method from, enum risk_method to,
			  int64_t now, struct error *err)
{
	struct store_stmt st;
	int64_t *ids = NULL;
	int(*cia)[3] = NULL;
	size_t n = 0, cap = 0, cap2 = 0, k;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, c, i, a FROM asset WHERE org_id = ? AND"
			 " deleted_at IS NULL AND importance >= 0",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(ids, n + 1, cap);
		ALLOC_GROW(cia, n + 1, cap2);
		ids[n] = stmt_column_int(&st, 0);
		for (k = 0; k < 3; k++)
			cia[n][k] = risk_convert_value(
				from, to,
				(int)stmt_column_int(&st, 1 + (int)k));
		n++;
	}
	stmt_finalize(&st);
	for (k = 0; rc != STEP_ERROR && k < n; k++) {
		if (stmt_prepare(store,
				 "UPDATE asset SET c = ?, i = ?, a = ?,"
				 " updated_at = ? WHERE id = ? AND org_id = ?",
				 &st, err)) {
			rc = STEP_ERROR;
			break;
		}
		if (stmt_bind_int(&st, 1, cia[k][0], err) ||
		    stmt_bind_int(&st, 2, cia[k][1], err) ||
		    stmt_bind_int(&st, 3, cia[k][2], err) ||
		    stmt_bind_int(&st, 4, now, err) ||
		    stmt_bind_int(&st, 5, ids[k], err) ||
		    stmt_bind_int(&st, 6, org_id, err) ||
		    stmt_run(&st, err) < 0)
			rc = STEP_ERROR;
	}
	free(ids);
	free(cia);
	return rc == STEP_ERROR ? -1 : 0;
}

/* What survives of a risk when the method changes (see the header). */
static void carry_over(enum risk_method from, enum risk_method to,
		       struct risk *r)
{
	r->id = 0;
	r->accepted_by = NULL;
	r->accepted_at = 0;
	if (from == to)
		return;
	r->threat_level = r->vulnerability_level = RISK_UNRATED;
	r->residual_vulnerability = RISK_UNRATED;
	if (from == RISK_THREE_POINT) {
		/* IPA's likelihood comes from threat and vulnerability,
		 * which the 3-point method never rated. */
		r->likelihood = r->residual_likelihood = RISK_UNRATED;
	}
}

struct copy_ctx {
	struct store *store;
	int64_t org_id;
	const struct risk_assessment *to;
	const struct risk_method_def *to_def;
	enum risk_method from;
	int64_t now;
	struct risk *rows;
	size_t count, cap;
	struct arena arena;
	struct error *err;
};

static int collect_risk(void *ctx, const struct risk *r)
{
	struct copy_ctx *c = ctx;
	struct risk *x;

	ALLOC_GROW(c->rows, c->count + 1, c->cap);
	x = &c->rows[c->count++];
	*x = *r;
	/* Rows handed to us live until the next step: keep copies. */
	x->threat_id = arena_strdup(&c->arena, r->threat_id);
	x->threat = arena_strdup(&c->arena, r->threat);
	x->vulnerability_id = arena_strdup(&c->arena, r->vulnerability_id);
	x->vulnerability = arena_strdup(&c->arena, r->vulnerability);
	x->consequence = arena_strdup(&c->arena, r->consequence);
	x->reason = arena_strdup(&c->arena, r->reason);
	x->controls = arena_strdup(&c->arena, r->controls);
	x->guideline = arena_strdup(&c->arena, r->guideline);
	return 0;
}

int repo_assessment_start(struct store *store, int64_t org_id,
			  const struct risk_method_def *to_def,
			  const struct risk_criteria *c, const char *by,
			  int64_t now, int64_t *id, struct error *err)
{
	struct risk_assessment old, fresh;
	struct copy_ctx copy;
	struct store_stmt st;
	struct arena arena;
	int had, rc = -1;
	size_t i;

	arena_init(&arena, 0);
	memset(&copy, 0, sizeof(copy));
	arena_init(&copy.arena, 0);
	had = repo_assessment_open(store, &arena, org_id, &old, err);
	if (had < 0)
		goto out;
	if (had) {
		struct risk_query q;

		memset(&q, 0, sizeof(q));
		q.assessment_id = old.id;
		q.sort = RSORT_ID;
		q.level_min = q.level_max = RISK_ANY;
		q.importance = q.likelihood = RISK_ANY;
		if (repo_risk_each(store, org_id, &q, collect_risk, &copy,
				   err) < 0)
			goto out;
		if (stmt_prepare(store,
				 "UPDATE risk_assessment SET closed_by = ?,"
				 " closed_at = ? WHERE id = ?",
				 &st, err))
			goto out;
		if (stmt_bind_text(&st, 1, by, err) ||
		    stmt_bind_int(&st, 2, now, err) ||
		    stmt_bind_int(&st, 3, old.id, err) ||
		    stmt_run(&st, err) < 0)
			goto out;
	}
	/* Before any assessment the register is rated on IPA's scale, the
	 * default; so the first assessment converts from it too. */
	if ((had ? old.method : RISK_IPA) != to_def->method &&
	    convert_assets(store, org_id, had ? old.method : RISK_IPA,
			   to_def->method, now, err))
		goto out;
	if (stmt_prepare(store,
			 "INSERT INTO risk_assessment (org_id, no, method,"
			 " low_max, medium_max, started_by, started_at)"
			 " SELECT ?1, coalesce(max(no), 0) + 1, ?, ?, ?, ?, ?"
			 " FROM risk_assessment WHERE org_id = ?1"
			 " RETURNING id",
			 &st, err))
		goto out;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, risk_method_name(to_def->method), err) ||
	    stmt_bind_int(&st, 3, c->low_max, err) ||
	    stmt_bind_int(&st, 4, c->medium_max, err) ||
	    stmt_bind_text(&st, 5, by, err) ||
	    stmt_bind_int(&st, 6, now, err)) {
		stmt_finalize(&st);
		goto out;
	}
	if (stmt_step(&st, err) != STEP_ROW) {
		stmt_finalize(&st);
		goto out;
	}
	*id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	if (repo_assessment_get(store, &arena, org_id, *id, &fresh, err) != 1)
		goto out;
	for (i = 0; i < copy.count; i++) {
		carry_over(had ? old.method : to_def->method, to_def->method,
			   &copy.rows[i]);
		if (repo_risk_put(store, org_id, &fresh, to_def, &copy.rows[i],
				  now, err))
			goto out;
	}
	rc = 0;
out:
	free(copy.rows);
	arena_release(&copy.arena);
	arena_release(&arena);
	return rc;
}

int repo_assessment_set_criteria(struct store *store, int64_t org_id,
				 const struct risk_criteria *c,
				 struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "UPDATE risk_assessment SET low_max = ?, medium_max = ?"
			 " WHERE org_id = ? AND closed_at IS NULL RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, c->low_max, err) ||
	    stmt_bind_int(&st, 2, c->medium_max, err) ||
	    stmt_bind_int(&st, 3, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err);
}

/* ---- risks ---- */

static const char *const rsort_names[RSORT_COUNT] = { "level", "id" };

const char *risk_sort_name(enum risk_sort s)
{
	return rsort_names[s];
}

int risk_sort_parse(const char *name, enum risk_sort *s)
{
	int i = parse_name(rsort_names, RSORT_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum risk_sort)i;
	return 0;
}

#define RISK_COLUMNS                                                       \
	"SELECT r.id, r.asset_id, a.name, a.medium, a.owner, r.threat_id," \
	" r.threat, r.vulnerability_id, r.vulnerability, r.consequence,"   \
	" r.threat_level, r.vulnerability_level, r.likelihood,"            \
	" r.importance, r.level, r.treatment, r.reason, r.status,"         \
	" r.residual_vulnerability, r.residual_likelihood,"                \
	" r.residual_level, r.accepted_by, coalesce(r.accepted_at, 0),"    \
	" r.updated_at, r.assessment_id,"                                  \
	" (SELECT group_concat(ref, ' ') FROM risk_control k WHERE"        \
	" k.risk_id = r.id AND k.kind = 'control'),"                       \
	" (SELECT group_concat(ref, ' ') FROM risk_control k WHERE"        \
	" k.risk_id = r.id AND k.kind = 'guideline')"                      \
	" FROM risk r JOIN asset a ON a.id = r.asset_id"

static void read_risk(struct arena *arena, struct store_stmt *st,
		      struct risk *r)
{
	r->id = stmt_column_int(st, 0);
	r->asset_id = stmt_column_int(st, 1);
	r->asset_name = stmt_text(arena, st, 2);
	r->asset_medium = stmt_text(arena, st, 3);
	r->owner = stmt_text(arena, st, 4);
	r->threat_id = stmt_text(arena, st, 5);
	r->threat = stmt_text(arena, st, 6);
	r->vulnerability_id = stmt_text(arena, st, 7);
	r->vulnerability = stmt_text(arena, st, 8);
	r->consequence = stmt_text(arena, st, 9);
	r->threat_level = (int)stmt_column_int(st, 10);
	r->vulnerability_level = (int)stmt_column_int(st, 11);
	r->likelihood = (int)stmt_column_int(st, 12);
	r->importance = (int)stmt_column_int(st, 13);
	r->level = (int)stmt_column_int(st, 14);
	if (risk_treatment_parse(stmt_column_text(st, 15), &r->treatment))
		r->treatment = TREAT_NONE;
	r->reason = stmt_text(arena, st, 16);
	if (treatment_status_parse(stmt_column_text(st, 17), &r->status))
		r->status = TSTATUS_UNDECIDED;
	r->residual_vulnerability = (int)stmt_column_int(st, 18);
	r->residual_likelihood = (int)stmt_column_int(st, 19);
	r->residual_level = (int)stmt_column_int(st, 20);
	r->accepted_by = stmt_text_or_null(arena, st, 21);
	r->accepted_at = stmt_column_int(st, 22);
	r->updated_at = stmt_column_int(st, 23);
	r->controls = stmt_text(arena, st, 25);
	r->guideline = stmt_text(arena, st, 26);
}

static int risk_has_filters(const struct risk_query *q)
{
	return q->asset_id || q->level_min != RISK_ANY ||
	       q->importance != RISK_ANY || q->status || q->treatment;
}

/*
 * Appends q's filters.  at_level: the query also fixes the level (the
 * rest of the cursor's level), where the grade's range is only a check;
 * written "+r.level" so that SQLite does not let it steer the choice of
 * index away from (level = ?, id < ?).
 */
static void risk_filters(struct strbuf *sql, struct params *p,
			 const struct risk_query *q, int at_level)
{
	if (q->asset_id) {
		strbuf_addstr(sql, " AND r.asset_id = ?");
		params_int(p, q->asset_id);
	}
	if (q->level_min != RISK_ANY) {
		strbuf_addstr(sql, at_level ? " AND +r.level BETWEEN ? AND ?"
					    : " AND r.level BETWEEN ? AND ?");
		params_int(p, q->level_min);
		params_int(p, q->level_max);
	}
	if (q->importance != RISK_ANY) {
		strbuf_addstr(sql,
			      " AND r.importance = ? AND r.likelihood = ?");
		params_int(p, q->importance);
		params_int(p, q->likelihood);
	}
	if (q->status) {
		strbuf_addstr(sql, " AND r.status = ?");
		params_text(p, q->status);
	}
	if (q->treatment) {
		strbuf_addstr(sql, " AND r.treatment = ?");
		params_text(p, q->treatment);
	}
}

/*
 * The order a query really walks: inside one heat map cell every level
 * is the same, so "by level" is "by id" there, and the cell's index
 * serves it.
 */
static enum risk_sort effective_sort(const struct risk_query *q)
{
	return q->importance != RISK_ANY ? RSORT_ID : q->sort;
}

/* *keyed is set when a page starts at the cursor's row, not at an end. */
/* RISK_COLUMNS WHERE (the assessment's risks, q's filters). */
static void risk_base(struct query_part *x, int64_t org_id,
		      const struct risk_query *q, int at_level)
{
	strbuf_addstr(&x->sql, RISK_COLUMNS " WHERE r.org_id = ? AND"
					    " r.assessment_id = ?");
	params_int(&x->p, org_id);
	params_int(&x->p, q->assessment_id);
	risk_filters(&x->sql, &x->p, q, at_level);
}

/* The level of the cursor risk: 1 found, 0 not, -1 error. */
static int cursor_level(struct store *store, int64_t org_id, int64_t id,
			int64_t *level, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT level FROM risk WHERE org_id = ? AND id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*level = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

/*
 * The statements of a page of q: one, or after a cursor in the order by
 * level two: the rest of the cursor's level by id, then the levels
 * beyond, each a seek (see repo_asset.c's page_query() for why).
 */
static int risk_query_sql(struct store *store, int64_t org_id,
			  const struct risk_query *q, int reverse, int paged,
			  struct query_part parts[2], size_t *nparts,
			  int *keyed, struct error *err)
{
	enum risk_sort sort = effective_sort(q);
	const char *dir = reverse ? "DESC" : "ASC", *cmp = reverse ? "<" : ">";
	struct query_part *x = &parts[0];
	int64_t level = 0;
	int found = 0;

	*nparts = 1;
	if (paged && q->cursor &&
	    (found = cursor_level(store, org_id, q->cursor, &level, err)) < 0)
		return -1;
	*keyed = found;
	if (found && sort == RSORT_LEVEL) {
		risk_base(x, org_id, q, 1);
		strbuf_addf(&x->sql, " AND r.level = ? AND r.id %s ?", cmp);
		params_int(&x->p, level);
		params_int(&x->p, q->cursor);
		x = &parts[(*nparts)++];
		risk_base(x, org_id, q, 0);
		strbuf_addf(&x->sql, " AND r.level %s ?", cmp);
		params_int(&x->p, level);
	} else {
		risk_base(x, org_id, q, 0);
		if (found) {
			strbuf_addf(&x->sql, " AND r.id %s ?", cmp);
			params_int(&x->p, q->cursor);
		}
	}
	for (x = parts; x < parts + *nparts; x++) {
		if (sort == RSORT_LEVEL)
			strbuf_addf(&x->sql, " ORDER BY r.level %s, r.id %s",
				    dir, dir);
		else
			strbuf_addf(&x->sql, " ORDER BY r.id %s", dir);
		if (paged) {
			strbuf_addstr(&x->sql, " LIMIT ?");
			params_int(&x->p, (int64_t)q->limit + 1);
		}
	}
	return 0;
}

static int risk_total(struct store *store, int64_t org_id,
		      const struct risk_query *q, struct risk_page *out,
		      struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct params p = PARAMS_INIT;

	if (!risk_has_filters(q)) {
		size_t cells[5][5], i, j;

		if (repo_risk_cells(store, org_id, q->assessment_id, cells,
				    err))
			return -1;
		out->total = 0;
		for (i = 0; i < 5; i++)
			for (j = 0; j < 5; j++)
				out->total += (int64_t)cells[i][j];
		return 0;
	}
	/* The organisation is checked on the assessment, once: with
	 * r.org_id in the WHERE every counted risk would be read from the
	 * table, where the filter's index alone can count it. */
	strbuf_addstr(&sql, "SELECT count(*) FROM (SELECT 1 FROM risk r WHERE"
			    " r.assessment_id = (SELECT id FROM"
			    " risk_assessment WHERE id = ? AND org_id = ?)");
	params_int(&p, q->assessment_id);
	params_int(&p, org_id);
	risk_filters(&sql, &p, q, 0);
	return params_count_capped(store, &sql, &p, TOTAL_RISK_CAP, &out->total,
				   &out->total_capped, err);
}

int repo_risk_list(struct store *store, struct arena *arena, int64_t org_id,
		   const struct risk_query *q, struct risk_page *out,
		   struct error *err)
{
	struct query_part parts[2] = { QUERY_PART_INIT, QUERY_PART_INIT };
	struct store_stmt st;
	struct risk *rows = NULL;
	size_t n = 0, cap = 0, i, nparts = 0, k;
	int reverse = !q->desc != !q->back, rc = -1, step = STEP_DONE;
	int keyed = 0, more = 0;

	if (q->limit < 1 || q->limit > 1000)
		BUG("risk page of %zu rows", q->limit);
	memset(out, 0, sizeof(*out));
	if (risk_query_sql(store, org_id, q, reverse, 1, parts, &nparts, &keyed,
			   err))
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
				more = 1;
				break;
			}
			ALLOC_GROW(rows, n + 1, cap);
			read_risk(arena, &st, &rows[n++]);
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
	/* A vanished cursor (a deleted risk) starts from an end. */
	if (keyed) {
		if (q->back)
			out->more_after = 1;
		else
			out->more_before = 1;
	}
	if (q->back)
		for (i = 0; i < n / 2; i++) {
			struct risk tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	out->rows = store_rows_to_arena(arena, rows, n, sizeof(*rows));
	rows = NULL;
	out->count = n;
	rc = risk_total(store, org_id, q, out, err);
out:
	free(rows);
	query_parts_release(parts, 2);
	return rc;
}

int repo_risk_each(struct store *store, int64_t org_id,
		   const struct risk_query *q,
		   int (*fn)(void *ctx, const struct risk *r), void *ctx,
		   struct error *err)
{
	struct query_part parts[2] = { QUERY_PART_INIT, QUERY_PART_INIT };
	struct store_stmt st;
	struct risk r;
	size_t nparts = 0;
	int rc = -1, step = STEP_DONE, stop = 0, keyed = 0;

	/* Without a cursor this is always one statement. */
	if (risk_query_sql(store, org_id, q, q->desc, 0, parts, &nparts, &keyed,
			   err) ||
	    stmt_prepare_built(store, parts[0].sql.buf, &st, err))
		goto out;
	if (params_bind(&st, &parts[0].p, err)) {
		stmt_finalize(&st);
		goto out;
	}
	while (!stop && (step = stmt_step(&st, err)) == STEP_ROW) {
		read_risk(NULL, &st, &r);
		stop = fn(ctx, &r);
	}
	stmt_finalize(&st);
	rc = stop ? stop : step == STEP_ERROR ? -1 : 0;
out:
	query_parts_release(parts, 2);
	return rc;
}

int repo_risk_get(struct store *store, struct arena *arena, int64_t org_id,
		  int64_t id, struct risk *out, int64_t *assessment_id,
		  struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, RISK_COLUMNS " WHERE r.org_id = ? AND r.id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW) {
		read_risk(arena, &st, out);
		if (assessment_id)
			*assessment_id = stmt_column_int(&st, 24);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

/* The importance of a live asset of org_id; 0, or -1 (not found: err). */
static int asset_importance(struct store *store, int64_t org_id,
			    int64_t asset_id, int *importance,
			    struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT importance FROM asset WHERE org_id = ? AND"
			 " id = ? AND deleted_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, asset_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*importance = (int)stmt_column_int(&st, 0);
	stmt_finalize(&st);
	if (rc == STEP_DONE)
		return error_set(err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	return rc == STEP_ROW ? 0 : -1;
}

/* Replaces the risk's links of kind with the ids in the list refs. */
static int put_refs(struct store *store, int64_t org_id, int64_t risk_id,
		    const char *kind, const char *refs, struct error *err)
{
	struct store_stmt st;
	const char *p;

	if (stmt_prepare(store,
			 "DELETE FROM risk_control WHERE risk_id = ? AND"
			 " kind = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, risk_id, err) ||
	    stmt_bind_text(&st, 2, kind, err) || stmt_run(&st, err) < 0)
		return -1;
	for (p = refs; *p;) {
		char ref[32];
		size_t len;

		if (*p == ' ') {
			p++;
			continue;
		}
		len = strcspn(p, " ");
		if (len >= sizeof(ref))
			return error_set(err, ERROR_INPUT, "risk.bad_ref", p,
					 NULL);
		memcpy(ref, p, len);
		ref[len] = '\0';
		p += len;
		if (stmt_prepare(store,
				 "INSERT OR IGNORE INTO risk_control (risk_id,"
				 " kind, ref, org_id) VALUES (?, ?, ?, ?)",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, risk_id, err) ||
		    stmt_bind_text(&st, 2, kind, err) ||
		    stmt_bind_text(&st, 3, ref, err) ||
		    stmt_bind_int(&st, 4, org_id, err) ||
		    stmt_run(&st, err) < 0)
			return -1;
	}
	return 0;
}

int repo_risk_put(struct store *store, int64_t org_id,
		  const struct risk_assessment *a,
		  const struct risk_method_def *m, struct risk *r, int64_t now,
		  struct error *err)
{
	struct store_stmt st;
	int rc, found;

	/* The statements below also check that a is org_id's open
	 * assessment, in case a was read before it was closed. */
	if (a->closed_at)
		BUG("risk written to a closed assessment");
	if (asset_importance(store, org_id, r->asset_id, &r->importance, err))
		return -1;
	risk_derive(m, r);
	if (stmt_prepare(
		    store,
		    r->id ? "UPDATE risk SET asset_id = ?, threat_id = ?,"
			    " threat = ?, vulnerability_id = ?,"
			    " vulnerability = ?, consequence = ?,"
			    " threat_level = ?, vulnerability_level = ?,"
			    " likelihood = ?, importance = ?, level = ?,"
			    " treatment = ?, reason = ?, status = ?,"
			    " residual_vulnerability = ?,"
			    " residual_likelihood = ?, residual_level = ?,"
			    " accepted_by = NULL, accepted_at = NULL,"
			    " updated_at = ?18 WHERE org_id = ?19 AND"
			    " assessment_id = ?20 AND id = ?21 AND ?20 ="
			    " (SELECT id FROM risk_assessment WHERE"
			    " org_id = ?19 AND closed_at IS NULL) RETURNING id"
			  : "INSERT INTO risk (asset_id, threat_id, threat,"
			    " vulnerability_id, vulnerability, consequence,"
			    " threat_level, vulnerability_level, likelihood,"
			    " importance, level, treatment, reason, status,"
			    " residual_vulnerability, residual_likelihood,"
			    " residual_level, created_at, updated_at, org_id,"
			    " assessment_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?,"
			    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?18, ?18, ?19, ?20"
			    " WHERE ?20 = (SELECT id FROM risk_assessment"
			    " WHERE org_id = ?19 AND closed_at IS NULL)"
			    " RETURNING id",
		    &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, r->asset_id, err) ||
	    stmt_bind_text(&st, 2, r->threat_id, err) ||
	    stmt_bind_text(&st, 3, r->threat, err) ||
	    stmt_bind_text(&st, 4, r->vulnerability_id, err) ||
	    stmt_bind_text(&st, 5, r->vulnerability, err) ||
	    stmt_bind_text(&st, 6, r->consequence, err) ||
	    stmt_bind_int(&st, 7, r->threat_level, err) ||
	    stmt_bind_int(&st, 8, r->vulnerability_level, err) ||
	    stmt_bind_int(&st, 9, r->likelihood, err) ||
	    stmt_bind_int(&st, 10, r->importance, err) ||
	    stmt_bind_int(&st, 11, r->level, err) ||
	    stmt_bind_text(&st, 12, risk_treatment_name(r->treatment), err) ||
	    stmt_bind_text(&st, 13, r->reason, err) ||
	    stmt_bind_text(&st, 14, treatment_status_name(r->status), err) ||
	    stmt_bind_int(&st, 15, r->residual_vulnerability, err) ||
	    stmt_bind_int(&st, 16, r->residual_likelihood, err) ||
	    stmt_bind_int(&st, 17, r->residual_level, err) ||
	    stmt_bind_int(&st, 18, now, err) ||
	    stmt_bind_int(&st, 19, org_id, err) ||
	    stmt_bind_int(&st, 20, a->id, err) ||
	    (r->id && stmt_bind_int(&st, 21, r->id, err))) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	found = rc == STEP_ROW;
	if (found)
		r->id = stmt_column_int(&st, 0);
	while (rc == STEP_ROW)
		rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	r->accepted_by = NULL;
	r->accepted_at = 0;
	r->updated_at = now;
	/* -1, as every failure here, not the 1 of a bare ||. */
	if (put_refs(store, org_id, r->id, "control", r->controls, err) ||
	    put_refs(store, org_id, r->id, "guideline", r->guideline, err))
		return -1;
	return 0;
}

int repo_risk_delete(struct store *store, int64_t org_id, int64_t id,
		     struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "DELETE FROM risk WHERE org_id = ? AND id = ? AND"
			 " assessment_id = (SELECT id FROM risk_assessment"
			 " WHERE org_id = ?1 AND closed_at IS NULL)"
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

int repo_risk_accept(struct store *store, int64_t org_id, int64_t id,
		     const char *by, int64_t now, struct error *err)
{
	struct store_stmt st;

	/* Only a decided treatment of a rated risk of the open assessment
	 * can be accepted. */
	if (stmt_prepare(store,
			 "UPDATE risk SET accepted_by = ?, accepted_at = ?"
			 " WHERE org_id = ? AND id = ? AND treatment != '' AND"
			 " level >= 0 AND accepted_at IS NULL AND"
			 " assessment_id = (SELECT id FROM risk_assessment"
			 " WHERE org_id = ?3 AND closed_at IS NULL)"
			 " RETURNING id",
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

int repo_risk_cells(struct store *store, int64_t org_id, int64_t assessment_id,
		    size_t cells[5][5], struct error *err)
{
	struct store_stmt st;
	int rc;

	memset(cells, 0, sizeof(size_t[5][5]));
	if (stmt_prepare(store,
			 "SELECT c.importance, c.likelihood, c.n FROM"
			 " risk_cell c JOIN risk_assessment a ON"
			 " a.id = c.assessment_id WHERE a.org_id = ? AND"
			 " a.id = ? AND c.n > 0",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, assessment_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int64_t i = stmt_column_int(&st, 0) + 1;
		int64_t l = stmt_column_int(&st, 1) + 1;

		if (i >= 0 && i < 5 && l >= 0 && l < 5)
			cells[i][l] = (size_t)stmt_column_int(&st, 2);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

void risk_cells_levels(size_t cells[5][5], size_t levels[10], size_t *unrated)
{
	int i, l;

	memset(levels, 0, sizeof(size_t[10]));
	*unrated = 0;
	for (i = 0; i < 5; i++)
		for (l = 0; l < 5; l++) {
			int level = risk_level(i - 1, l - 1);

			if (level < 0)
				*unrated += cells[i][l];
			else
				levels[level] += cells[i][l];
		}
}

int repo_risk_sync_asset(struct store *store, int64_t org_id, int64_t asset_id,
			 int importance, int64_t now, struct error *err)
{
	struct store_stmt st;
	int64_t ids[64];
	int lik[64][2];
	size_t n = 0, k;
	int rc, more = 1;

	/* In batches, so that no list of risks needs the heap. */
	while (more) {
		if (stmt_prepare(store,
				 "SELECT r.id, r.likelihood,"
				 " r.residual_likelihood FROM risk r JOIN"
				 " risk_assessment a ON a.id = r.assessment_id"
				 " WHERE r.asset_id = ? AND r.org_id = ? AND"
				 " a.closed_at IS NULL AND r.importance != ?"
				 " LIMIT 64",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, asset_id, err) ||
		    stmt_bind_int(&st, 2, org_id, err) ||
		    stmt_bind_int(&st, 3, importance, err)) {
			stmt_finalize(&st);
			return -1;
		}
		n = 0;
		while ((rc = stmt_step(&st, err)) == STEP_ROW && n < 64) {
			ids[n] = stmt_column_int(&st, 0);
			lik[n][0] = (int)stmt_column_int(&st, 1);
			lik[n][1] = (int)stmt_column_int(&st, 2);
			n++;
		}
		stmt_finalize(&st);
		if (rc == STEP_ERROR)
			return -1;
		more = n == 64;
		/* A new level is not what the owner accepted: clear it. */
		for (k = 0; k < n; k++) {
			if (stmt_prepare(store,
					 "UPDATE risk SET importance = ?,"
					 " level = ?, residual_level = ?,"
					 " accepted_by = NULL,"
					 " accepted_at = NULL,"
					 " updated_at = ? WHERE id = ?",
					 &st, err))
				return -1;
			if (stmt_bind_int(&st, 1, importance, err) ||
			    stmt_bind_int(&st, 2,
					  risk_level(importance, lik[k][0]),
					  err) ||
			    stmt_bind_int(&st, 3,
					  risk_level(importance, lik[k][1]),
					  err) ||
			    stmt_bind_int(&st, 4, now, err) ||
			    stmt_bind_int(&st, 5, ids[k], err) ||
			    stmt_run(&st, err) < 0)
				return -1;
		}
	}
	return 0;
}

int repo_risk_drop_asset(struct store *store, int64_t org_id, int64_t asset_id,
			 struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "DELETE FROM risk WHERE asset_id = ? AND org_id = ? AND"
			 " assessment_id = (SELECT id FROM risk_assessment"
			 " WHERE org_id = ?2 AND closed_at IS NULL)",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, asset_id, err) ||
	    stmt_bind_int(&st, 2, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

int repo_risk_count_by_ref(struct store *store, int64_t org_id,
			   const char *kind, const char *ref, int64_t *count,
			   struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT count(*) FROM risk_control k JOIN risk r ON"
			 " r.id = k.risk_id JOIN risk_assessment a ON"
			 " a.id = r.assessment_id WHERE k.org_id = ? AND"
			 " k.kind = ? AND k.ref = ? AND a.closed_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, kind, err) ||
	    stmt_bind_text(&st, 3, ref, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*count = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_risk_ref_sets(struct store *store, struct arena *arena, int64_t org_id,
		       int64_t assessment_id, int level_min, int level_max,
		       struct ref_set **rows, size_t *count, int64_t *total,
		       struct error *err)
{
	struct store_stmt st;
	struct ref_set *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	/* The count reads the level index alone. */
	if (stmt_prepare(store,
			 "SELECT count(*) FROM risk WHERE assessment_id = ?"
			 " AND level BETWEEN ? AND ? AND org_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, assessment_id, err) ||
	    stmt_bind_int(&st, 2, level_min, err) ||
	    stmt_bind_int(&st, 3, level_max, err) ||
	    stmt_bind_int(&st, 4, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*total = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	if (rc != STEP_ROW)
		return -1;
	/* Only the risks a treatment gave references: few, whatever the
	 * size of the register. */
	if (stmt_prepare(store,
			 "SELECT c, g, count(*) FROM (SELECT"
			 " coalesce((SELECT group_concat(ref, ' ') FROM"
			 " risk_control k WHERE k.risk_id = r.id AND"
			 " k.kind = 'control'), '') AS c,"
			 " coalesce((SELECT group_concat(ref, ' ') FROM"
			 " risk_control k WHERE k.risk_id = r.id AND"
			 " k.kind = 'guideline'), '') AS g"
			 " FROM risk r WHERE r.id IN (SELECT risk_id FROM"
			 " risk_control WHERE org_id = ?) AND r.org_id = ? AND"
			 " r.assessment_id = ? AND r.level BETWEEN ? AND ?)"
			 " GROUP BY c, g ORDER BY c, g",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, org_id, err) ||
	    stmt_bind_int(&st, 3, assessment_id, err) ||
	    stmt_bind_int(&st, 4, level_min, err) ||
	    stmt_bind_int(&st, 5, level_max, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].controls = stmt_text(arena, &st, 0);
		out[n].guideline = stmt_text(arena, &st, 1);
		out[n].risks = stmt_column_int(&st, 2);
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

int repo_risk_refs(struct store *store, struct arena *arena, int64_t org_id,
		   struct ref_count **rows, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct ref_count *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT k.kind, k.ref, count(*) FROM risk_control k"
			 " JOIN risk r ON r.id = k.risk_id JOIN"
			 " risk_assessment a ON a.id = r.assessment_id WHERE"
			 " k.org_id = ? AND a.closed_at IS NULL GROUP BY"
			 " k.kind, k.ref ORDER BY k.kind, k.ref",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		out[n].kind = stmt_text(arena, &st, 0);
		out[n].ref = stmt_text(arena, &st, 1);
		out[n].risks = stmt_column_int(&st, 2);
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

/* ---- the treatment plan ---- */

#define TASK_COLUMNS                                                   \
	"SELECT id, control, task, owner, planned_start, planned_end," \
	" actual_start, actual_end, status, updated_at FROM plan_task"

static void read_task(struct arena *arena, struct store_stmt *st,
		      struct plan_task *t)
{
	t->id = stmt_column_int(st, 0);
	t->control = stmt_text(arena, st, 1);
	t->task = stmt_text(arena, st, 2);
	t->owner = stmt_text(arena, st, 3);
	t->planned_start = stmt_text(arena, st, 4);
	t->planned_end = stmt_text(arena, st, 5);
	t->actual_start = stmt_text(arena, st, 6);
	t->actual_end = stmt_text(arena, st, 7);
	if (task_status_parse(stmt_column_text(st, 8), &t->status))
		t->status = TASK_NOT_STARTED;
	t->updated_at = stmt_column_int(st, 9);
}

int repo_plan_list(struct store *store, struct arena *arena, int64_t org_id,
		   struct plan_task **rows, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct plan_task *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 TASK_COLUMNS " WHERE org_id = ? ORDER BY control, id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(out, n + 1, cap);
		read_task(arena, &st, &out[n++]);
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

int repo_plan_get(struct store *store, struct arena *arena, int64_t org_id,
		  int64_t id, struct plan_task *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, TASK_COLUMNS " WHERE org_id = ? AND id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_task(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_plan_put(struct store *store, int64_t org_id, struct plan_task *t,
		  int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc, found;

	if (stmt_prepare(store,
			 t->id ? "UPDATE plan_task SET control = ?, task = ?,"
				 " owner = ?, planned_start = ?,"
				 " planned_end = ?, actual_start = ?,"
				 " actual_end = ?, status = ?, updated_at = ?9"
				 " WHERE org_id = ?10 AND id = ?11 RETURNING id"
			       : "INSERT INTO plan_task (control, task, owner,"
				 " planned_start, planned_end, actual_start,"
				 " actual_end, status, created_at, updated_at,"
				 " org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?9,"
				 " ?9, ?10) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, t->control, err) ||
	    stmt_bind_text(&st, 2, t->task, err) ||
	    stmt_bind_text(&st, 3, t->owner, err) ||
	    stmt_bind_text(&st, 4, t->planned_start, err) ||
	    stmt_bind_text(&st, 5, t->planned_end, err) ||
	    stmt_bind_text(&st, 6, t->actual_start, err) ||
	    stmt_bind_text(&st, 7, t->actual_end, err) ||
	    stmt_bind_text(&st, 8, task_status_name(t->status), err) ||
	    stmt_bind_int(&st, 9, now, err) ||
	    stmt_bind_int(&st, 10, org_id, err) ||
	    (t->id && stmt_bind_int(&st, 11, t->id, err))) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	found = rc == STEP_ROW;
	if (found)
		t->id = stmt_column_int(&st, 0);
	while (rc == STEP_ROW)
		rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "plan.not_found", NULL);
	t->updated_at = now;
	return 0;
}

int repo_plan_delete(struct store *store, int64_t org_id, int64_t id,
		     struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "DELETE FROM plan_task WHERE org_id = ? AND id = ?"
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
