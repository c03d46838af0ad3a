/*
 * repo_asset.h: the information asset register and the organisation's
 * classification labels, in the store.
 */
#ifndef MAMORI_STORE_REPO_ASSET_H
#define MAMORI_STORE_REPO_ASSET_H

#include <stddef.h>
#include <stdint.h>

#include "core/asset.h"

struct arena;
struct error;
struct store;

/* The orders the register can be listed in; each has an index. */
enum asset_sort {
	ASORT_ID,
	ASORT_NAME,
	ASORT_CATEGORY,
	ASORT_MEDIUM,
	ASORT_DEPARTMENT,
	ASORT_OWNER,
	ASORT_IMPORTANCE,
	ASORT_REGISTERED,
	ASORT_LABEL,
	ASORT_COUNT
};

const char *asset_sort_name(enum asset_sort s);
int asset_sort_parse(const char *name, enum asset_sort *s);

/* IMPORTANCE_ANY / IMPORTANCE_UNRATED in asset_query.importance. */
enum { IMPORTANCE_ANY = -2 };

/*
 * A page of the register.  Filters: NULL or "" means any.  Paging goes
 * by keyset: after (or, with back, before) the row whose id is cursor in
 * the chosen order, so any page costs what its rows cost.
 */
struct asset_query {
	enum asset_sort sort;
	int desc;
	int64_t cursor; /* 0: from the start (or, with back, the end) */
	int back;
	const char *category;
	const char *medium;
	const char *department;
	const char *owner;
	const char *label;
	int importance;	       /* IMPORTANCE_ANY, RISK_UNRATED or a value */
	unsigned personal;     /* every bit given must be set; 0 any */
	const char *search;    /* a substring of name, category, notes … */
	size_t limit;	       /* rows per page, 1 … 1000 */
	int64_t assessment_id; /* whose risks risk_count counts; 0 none */
};

/* A page: rows in display order, and whether more lie either way. */
struct asset_page {
	struct asset *rows;
	size_t count;
	int more_after;
	int more_before;
	/* Live assets matching the filters, counted up to TOTAL_CAP. */
	int64_t total;
	int total_capped;
};

enum { TOTAL_CAP = 1000 };

int repo_asset_list(struct store *store, struct arena *arena, int64_t org_id,
		    const struct asset_query *q, struct asset_page *out,
		    struct error *err);

/*
 * Calls fn for every live asset in q's order (q's paging ignored), for
 * exports; stops when fn returns non-zero and returns that.  Rows are
 * valid during the call only.
 */
int repo_asset_each(struct store *store, int64_t org_id,
		    const struct asset_query *q,
		    int (*fn)(void *ctx, const struct asset *a), void *ctx,
		    struct error *err);

/* 1 found (live, org_id's), 0 not, -1 error. */
int repo_asset_get(struct store *store, struct arena *arena, int64_t org_id,
		   int64_t id, struct asset *out, struct error *err);
/* Inserts (a->id 0; sets it) or updates org_id's live asset a->id. */
int repo_asset_put(struct store *store, int64_t org_id, struct asset *a,
		   int64_t now, struct error *err);
/* Marks a live asset deleted; 1 done, 0 not found. */
int repo_asset_delete(struct store *store, int64_t org_id, int64_t id,
		      int64_t now, struct error *err);
/* The number of live assets. */
int repo_asset_count(struct store *store, int64_t org_id, int64_t *count,
		     struct error *err);
/* The distinct values of a text column in use (for pick-lists), sorted. */
int repo_asset_values(struct store *store, struct arena *arena, int64_t org_id,
		      enum asset_sort column, const char ***values,
		      size_t *count, struct error *err);

/* A rated asset's C, I and A, as a change of method finds them. */
struct asset_rating {
	int64_t id;
	int cia[3];
};

/* Every live, rated asset of org_id (those a change of scale moves). */
int repo_asset_ratings(struct store *store, struct arena *arena, int64_t org_id,
		       struct asset_rating **rows, size_t *count,
		       struct error *err);

/* The organisation's own labels in order; none means the built-in set. */
int repo_label_list(struct store *store, struct arena *arena, int64_t org_id,
		    const char ***labels, size_t *count, struct error *err);
/* Replaces the organisation's labels (count 0: back to the built-in);
 * inside a transaction, since it deletes before it inserts. */
int repo_label_set(struct store *store, int64_t org_id,
		   const char *const *labels, size_t count, struct error *err);

#endif
