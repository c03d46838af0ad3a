/* repo_token.h: personal API tokens and recovery codes in the store. */
#ifndef MAMORI_STORE_REPO_TOKEN_H
#define MAMORI_STORE_REPO_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "store/repo_session.h"

struct arena;
struct error;
struct store;

/* A token as listed on the settings page (never its secret). */
struct api_token {
	int64_t id;
	const char *name;
	const char *scope; /* "read" or "write" */
	const char *expires_on;
	int64_t created_at;
	int64_t last_used_at; /* 0 when never */
	int64_t revoked_at;   /* 0 when active */
};

int repo_token_insert(struct store *store, int64_t org_id, int64_t account_id,
		      const char *name, const char *token_hash,
		      const char *scope, const char *expires_on, int64_t now,
		      int64_t *id, struct error *err);
/* The account's tokens in org_id, newest first. */
int repo_token_list(struct store *store, struct arena *arena, int64_t org_id,
		    int64_t account_id, struct api_token **rows, size_t *count,
		    struct error *err);
/*
 * Revokes token id if it belongs to account_id in org_id; returns 1 when
 * revoked, 0 when there is no such active token.
 */
int repo_token_revoke(struct store *store, int64_t org_id, int64_t account_id,
		      int64_t id, int64_t now, struct error *err);

/*
 * Resolves an active, unexpired token by its hash into a session-like
 * record (organisation, account, roles); *write says whether its scope
 * allows changes.  Returns 1 found, 0 not, -1 error.
 */
int repo_token_find(struct store *store, struct arena *arena,
		    const char *token_hash, const char *today,
		    struct session_record *out, int *write, int64_t *token_id,
		    struct error *err);
int repo_token_touch(struct store *store, int64_t id, int64_t now,
		     struct error *err);

/* Replaces the account's recovery codes by the given hashes. */
int repo_recovery_replace(struct store *store, int64_t account_id,
			  const char *const *hashes, size_t count,
			  struct error *err);
/*
 * Uses the account's unused code with this hash: returns 1 when one was
 * found and is now spent, 0 when none matches.
 */
int repo_recovery_use(struct store *store, int64_t account_id,
		      const char *code_hash, int64_t now, struct error *err);
/* Counts the account's unused recovery codes. */
int repo_recovery_left(struct store *store, int64_t account_id, int64_t *left,
		       struct error *err);

#endif
