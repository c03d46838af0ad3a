/* repo_audit.h: the append-only, hash-chained audit trail in the store. */
#ifndef MAMORI_STORE_REPO_AUDIT_H
#define MAMORI_STORE_REPO_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"

struct arena;
struct error;
struct store;

/*
 * Appends ev to its organisation's chain: sets seq, prev_hash and hash
 * (with sha256) and the id.  Run it inside the transaction of the change
 * it records, so the change and its event land together or not at all.
 */
int repo_audit_append(struct store *store, struct audit_event *ev,
		      audit_sha256_fn *sha256, struct error *err);

/* Filters of the audit list; NULL / 0 = any. */
struct audit_filter {
	const char *action_prefix; /* "login" matches login, login.failed */
	const char *actor;
	int64_t from, to; /* Unix seconds, inclusive; 0 = open */
};

/*
 * Lists org_id's events, newest first, at most limit from offset, with
 * strings from arena.  *total receives the number matching the filter.
 */
int repo_audit_list(struct store *store, struct arena *arena, int64_t org_id,
		    const struct audit_filter *f, size_t limit, size_t offset,
		    struct audit_event **rows, size_t *count, int64_t *total,
		    struct error *err);

/*
 * The events of one record (target "asset:12" …), newest first, at most
 * limit: the record's history.
 */
int repo_audit_target(struct store *store, struct arena *arena, int64_t org_id,
		      const char *target, size_t limit,
		      struct audit_event **rows, size_t *count,
		      struct error *err);

/*
 * Walks every chain in order.  Returns 0 with *bad_id 0 when all links
 * hold, or 0 with *bad_id set to the id of the first broken event (and
 * *bad_org to its organisation); -1 on a store error.  *checked counts
 * the events read.
 */
int repo_audit_verify(struct store *store, audit_sha256_fn *sha256,
		      int64_t *bad_id, int64_t *bad_org, int64_t *checked,
		      struct error *err);

/*
 * Counts failed logins since `since` for an e-mail address and for a
 * client address (lockout), not counting those before the account's
 * last successful login.
 */
int repo_audit_login_failures(struct store *store, const char *email,
			      const char *client, int64_t since,
			      int64_t *by_email, int64_t *by_client,
			      struct error *err);

#endif
