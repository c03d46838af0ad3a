/* repo_org.h: organisations, accounts and memberships in the store. */
#ifndef MAMORI_STORE_REPO_ORG_H
#define MAMORI_STORE_REPO_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "core/organisation.h"
#include "core/permission.h"
#include "core/role.h"

struct arena;
struct error;
struct store;

/* Inserts org (its id is ignored) and sets *id. */
int repo_org_insert(struct store *store, const struct organisation *org,
		    int64_t *id, struct error *err);
/*
 * Lists every organisation by id; rows and their strings are allocated
 * from arena.
 */
int repo_org_list(struct store *store, struct arena *arena,
		  struct organisation **rows, size_t *count, struct error *err);

/*
 * Inserts an account with the given password hash (libsodium's encoded
 * form) and sets *id.  A second account with the same e-mail address
 * fails with ERROR_CONFLICT.
 */
int repo_account_insert(struct store *store, const struct account *acc,
			const char *password_hash, int64_t *id,
			struct error *err);

/* Gives account_id the role in org_id; expires_on may be NULL. */
int repo_membership_add(struct store *store, int64_t org_id, int64_t account_id,
			enum role role, const char *expires_on,
			const char *created_at, struct error *err);

/* One member of an organisation, with all roles held there. */
struct member {
	int64_t account_id;
	const char *email;
	const char *display_name;
	role_set roles;
	const char *expires_on; /* the earliest end of a role, or NULL */
	int mfa_enabled;
};

/* Lists org_id's members by e-mail address, strings from arena. */
int repo_member_list(struct store *store, struct arena *arena, int64_t org_id,
		     struct member **rows, size_t *count, struct error *err);
/*
 * Replaces account_id's roles in org_id by roles (all with expires_on,
 * which may be NULL).  Returns 1 when the account was a member, 0 when not.
 */
int repo_member_set_roles(struct store *store, int64_t org_id,
			  int64_t account_id, role_set roles,
			  const char *expires_on, const char *now,
			  struct error *err);
/* Removes every role of account_id in org_id; returns 1 if it had any. */
int repo_member_remove(struct store *store, int64_t org_id, int64_t account_id,
		       struct error *err);
/* Finds an account by e-mail; 1 found (sets *id), 0 not, -1 error. */
int repo_account_id_by_email(struct store *store, const char *email,
			     int64_t *id, struct error *err);

#endif
