/*
 * repo_risk.h: risk assessments, their risks and the risk treatment plan,
 * in the store.
 */
#ifndef MAMORI_STORE_REPO_RISK_H
#define MAMORI_STORE_REPO_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "core/asset.h"
#include "core/risk.h"

struct arena;
struct error;
struct store;

/* One assessment: the method and criteria its results were made with. */
struct risk_assessment {
	int64_t id;
	int no; /* 1, 2, … within the organisation */
	enum risk_method method;
	struct risk_criteria criteria;
	const char *started_by;
	int64_t started_at;
	const char *closed_by; /* NULL while open */
	int64_t closed_at;
};

/* The open assessment: 1 found, 0 none yet, -1 error. */
int repo_assessment_open(struct store *store, struct arena *arena,
			 int64_t org_id, struct risk_assessment *out,
			 struct error *err);
/* Any of org_id's assessments by id: 1, 0, -1. */
int repo_assessment_get(struct store *store, struct arena *arena,
			int64_t org_id, int64_t id, struct risk_assessment *out,
			struct error *err);
/* Every assessment, newest first. */
int repo_assessment_list(struct store *store, struct arena *arena,
			 int64_t org_id, struct risk_assessment **rows,
			 size_t *count, struct error *err);
/*
 * Starts a new assessment with method `to` (its scales in to_def) and
 * criteria c, closing the open one, whose results stay as they were.
 * Its risks are carried over: under the same method with their ratings
 * and treatments, under another with what still holds (the likelihood
 * from IPA to 3-point; nothing rated from 3-point to IPA), and the
 * assets' C, I and A moved to the new scale (risk_convert_value).
 * Acceptances are not carried: each assessment is accepted anew.  Before
 * the first assessment the register counts as rated on IPA's scale (the
 * default method), so a first 3-point assessment converts it too.  Run
 * it inside a transaction.
 */
int repo_assessment_start(struct store *store, int64_t org_id,
			  const struct risk_method_def *to_def,
			  const struct risk_criteria *c, const char *by,
			  int64_t now, int64_t *id, struct error *err);
/* Changes the open assessment's 3-point criteria; 1, or 0 none open. */
int repo_assessment_set_criteria(struct store *store, int64_t org_id,
				 const struct risk_criteria *c,
				 struct error *err);

enum risk_sort { RSORT_LEVEL, RSORT_ID, RSORT_COUNT };

const char *risk_sort_name(enum risk_sort s);
int risk_sort_parse(const char *name, enum risk_sort *s);

enum { RISK_ANY = -2, TOTAL_RISK_CAP = 1000 };

/* A page of one assessment's risks; paging as in asset_query. */
struct risk_query {
	int64_t assessment_id;
	enum risk_sort sort;
	int desc;
	int64_t cursor;
	int back;
	size_t limit;	  /* 1 … 1000 */
	int64_t asset_id; /* 0: any */
	int level_min;	  /* RISK_ANY, or a range of levels (a grade) */
	int level_max;
	int importance; /* RISK_ANY, or a heat map cell with likelihood */
	int likelihood;
	const char *status;    /* NULL: any */
	const char *treatment; /* NULL: any; "" undecided */
};

struct risk_page {
	struct risk *rows;
	size_t count;
	int more_after;
	int more_before;
	int64_t total; /* matching, up to TOTAL_CAP unless unfiltered */
	int total_capped;
};

int repo_risk_list(struct store *store, struct arena *arena, int64_t org_id,
		   const struct risk_query *q, struct risk_page *out,
		   struct error *err);
/*
 * Calls fn for every risk of q in its order (paging ignored); rows are
 * valid during the call; stops and returns fn's non-zero result.
 */
int repo_risk_each(struct store *store, int64_t org_id,
		   const struct risk_query *q,
		   int (*fn)(void *ctx, const struct risk *r), void *ctx,
		   struct error *err);
/* 1 found, 0 not org_id's, -1 error.  *assessment_id gets its own. */
int repo_risk_get(struct store *store, struct arena *arena, int64_t org_id,
		  int64_t id, struct risk *out, int64_t *assessment_id,
		  struct error *err);
/*
 * Inserts (r->id 0) or updates a risk of the open assessment a, after
 * working out its derived fields from the asset's importance and the
 * method m.  A change clears an earlier acceptance: the owner accepted
 * what was, not what is.  ERROR_NOT_FOUND when the asset is not a live
 * asset of org_id, a is not org_id's open assessment, or the risk not one
 * of a's.  Run it inside a transaction: the risk's links to controls are
 * written after the row.
 */
int repo_risk_put(struct store *store, int64_t org_id,
		  const struct risk_assessment *a,
		  const struct risk_method_def *m, struct risk *r, int64_t now,
		  struct error *err);
/* Deletes a risk of the open assessment; 1 done, 0 not found. */
int repo_risk_delete(struct store *store, int64_t org_id, int64_t id,
		     struct error *err);
/* Records the owner's acceptance of the residual risk; 1 done, 0 not. */
int repo_risk_accept(struct store *store, int64_t org_id, int64_t id,
		     const char *by, int64_t now, struct error *err);
/*
 * The heat map: cells[importance + 1][likelihood + 1] risks, row and
 * column 0 for the unrated.
 */
int repo_risk_cells(struct store *store, int64_t org_id, int64_t assessment_id,
		    size_t cells[5][5], struct error *err);
/* Counts by level (0 … 9) for the priority ranks, from the cells. */
void risk_cells_levels(size_t cells[5][5], size_t levels[10], size_t *unrated);

/* Brings the open assessment's risks of an asset to its importance. */
int repo_risk_sync_asset(struct store *store, int64_t org_id, int64_t asset_id,
			 int importance, int64_t now, struct error *err);
/* Removes the open assessment's risks of a deleted asset. */
int repo_risk_drop_asset(struct store *store, int64_t org_id, int64_t asset_id,
			 struct error *err);

/* The risks (of the open assessment) that chose a control or item. */
int repo_risk_count_by_ref(struct store *store, int64_t org_id,
			   const char *kind, const char *ref, int64_t *count,
			   struct error *err);

/* A control or guideline item chosen by treatments, and how often. */
struct ref_count {
	const char *kind; /* "control" or "guideline" */
	const char *ref;
	int64_t risks;
};

/* Every ref the open assessment's treatments chose, by kind then ref. */
/* Risks that chose the same treatment references, counted together. */
struct ref_set {
	const char *controls;  /* space-separated control ids, or "" */
	const char *guideline; /* space-separated guideline item ids, or "" */
	int64_t risks;
};

/*
 * The risks of org_id's assessment_id whose level lies within
 * [level_min, level_max]: in *total how many, and in rows each different
 * pair of reference lists their treatments chose, with how many risks
 * chose it (risks without references are only counted).  Grouped by the
 * database, so the caller's cost follows the treatments, not the risks.
 */
int repo_risk_ref_sets(struct store *store, struct arena *arena, int64_t org_id,
		       int64_t assessment_id, int level_min, int level_max,
		       struct ref_set **rows, size_t *count, int64_t *total,
		       struct error *err);

int repo_risk_refs(struct store *store, struct arena *arena, int64_t org_id,
		   struct ref_count **rows, size_t *count, struct error *err);

/* The treatment plan, ordered by control, then id. */
int repo_plan_list(struct store *store, struct arena *arena, int64_t org_id,
		   struct plan_task **rows, size_t *count, struct error *err);
int repo_plan_get(struct store *store, struct arena *arena, int64_t org_id,
		  int64_t id, struct plan_task *out, struct error *err);
/* Inserts (t->id 0) or updates; ERROR_NOT_FOUND for another's task. */
int repo_plan_put(struct store *store, int64_t org_id, struct plan_task *t,
		  int64_t now, struct error *err);
int repo_plan_delete(struct store *store, int64_t org_id, int64_t id,
		     struct error *err);

#endif
