/*
 * repo_soa.h: the Statement of Applicability in the store: the working
 * entries of an organisation, its approved versions and the decisions on
 * suggestions.
 */
#ifndef MAMORI_STORE_REPO_SOA_H
#define MAMORI_STORE_REPO_SOA_H

#include <stddef.h>
#include <stdint.h>

#include "core/soa.h"

struct arena;
struct error;
struct store;

/*
 * Where an organisation's statement stands, for the dashboard.  started
 * is 0 until the first entry is written (then every count is 0 too; the
 * reader knows the catalogue has 93 controls, all undecided).  by_status
 * is indexed by enum soa_status and counts the entries with that status
 * whether applicable or not.  version_no is the newest approved version
 * (0: none) and approved_at its time (Unix seconds, 0: none).
 */
struct soa_progress {
	int started;
	int applicable, excluded, undecided;
	int by_status[4];
	int64_t version_no, approved_at;
};

/* Fills *out for org_id; returns 0, or -1 on a store error. */
int repo_soa_progress(struct store *store, int64_t org_id,
		      struct soa_progress *out, struct error *err);

/*
 * Makes sure org_id has a working entry for each of the count controls
 * (ids), undecided, leaving existing ones alone.  Run it inside the
 * transaction of the first change.
 */
int repo_soa_start(struct store *store, int64_t org_id, const char *const *ids,
		   size_t count, int64_t now, struct error *err);

/*
 * The working entries of org_id in control order (control_id_cmp), from
 * the arena; *count 0 when not started.
 */
int repo_soa_list(struct store *store, struct arena *arena, int64_t org_id,
		  struct soa_entry **rows, size_t *count, struct error *err);

/* One working entry: 1 found, 0 not started or unknown control, -1. */
int repo_soa_get(struct store *store, struct arena *arena, int64_t org_id,
		 const char *control, struct soa_entry *out, struct error *err);

/*
 * Writes the working entry e->control of org_id (which must exist:
 * repo_soa_start first); ERROR_NOT_FOUND otherwise.  Validate it first.
 */
int repo_soa_put(struct store *store, int64_t org_id, const struct soa_entry *e,
		 int64_t now, struct error *err);

/* An approved version. */
struct soa_version {
	int64_t no; /* 1, 2, … within the organisation */
	const char *approved_by;
	int64_t approved_at;
	const char *approved_on; /* YYYY-MM-DD, the approver's date */
	int applicable, excluded;
};

/*
 * Approves: copies every working entry into a new version numbered one
 * above the newest and sets *no.  The caller checks soa_blockers() inside
 * the same transaction.
 */
int repo_soa_approve(struct store *store, int64_t org_id, const char *by,
		     const char *on, int64_t now, int64_t *no,
		     struct error *err);

/* The versions of org_id, newest first. */
int repo_soa_versions(struct store *store, struct arena *arena, int64_t org_id,
		      struct soa_version **rows, size_t *count,
		      struct error *err);

/*
 * Version no of org_id with its entries in control order: 1 found, 0 no
 * such version, -1 on error.
 */
int repo_soa_version_get(struct store *store, struct arena *arena,
			 int64_t org_id, int64_t no, struct soa_version *out,
			 struct soa_entry **rows, size_t *count,
			 struct error *err);

/* Every decision on a suggestion of org_id (struct soa_decision). */
int repo_soa_decisions(struct store *store, struct arena *arena, int64_t org_id,
		       struct soa_decision **rows, size_t *count,
		       struct error *err);

/* Records (or replaces) the decision on control × source. */
int repo_soa_decide(struct store *store, int64_t org_id,
		    const struct soa_decision *d, const char *by, int64_t now,
		    struct error *err);

/*
 * The risks of org_id's open assessment whose treatments chose a control:
 * of one control (control non-NULL) or of all, sorted by control
 * (control_id_cmp) then risk id.  None without an open assessment.
 */
int repo_soa_risk_links(struct store *store, struct arena *arena,
			int64_t org_id, const char *control,
			struct soa_risk_link **rows, size_t *count,
			struct error *err);

#endif
