/* repo_session.h: accounts at login, and login sessions, in the store. */
#ifndef MAMORI_STORE_REPO_SESSION_H
#define MAMORI_STORE_REPO_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/permission.h"

struct arena;
struct error;
struct store;

/* An account as the login needs it; strings are arena copies. */
struct login_account {
	int64_t id;
	const char *email;
	const char *display_name;
	const char *password_hash;
	const char *mfa_secret; /* NULL when none */
	int mfa_enabled;
	int must_change_password;
	const char *lang;
};

/*
 * Finds the account with e-mail address email.  Returns 1 when found, 0
 * when there is none, -1 on a store error.
 */
int repo_account_by_email(struct store *store, struct arena *arena,
			  const char *email, struct login_account *out,
			  struct error *err);
int repo_account_by_id(struct store *store, struct arena *arena, int64_t id,
		       struct login_account *out, struct error *err);

/* One organisation an account belongs to, with its roles there. */
struct account_org {
	int64_t org_id;
	const char *name;
	int is_sample;
	role_set roles;
};

/*
 * Lists the organisations where account_id holds a role that has not
 * expired on the day `today` ("YYYY-MM-DD"), by organisation id.
 */
int repo_account_orgs(struct store *store, struct arena *arena,
		      int64_t account_id, const char *today,
		      struct account_org **rows, size_t *count,
		      struct error *err);

/* A logged-in session joined with its account and roles. */
struct session_record {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int org_is_sample;
	int64_t account_id;
	const char *email;
	const char *display_name;
	const char *lang;
	int mfa_enabled;
	int must_change_password;
	const char *csrf_token;
	int mfa_passed;
	int64_t created_at;
	int64_t last_seen_at;
	role_set roles; /* in org_id, expired roles left out */
	/*
	 * The sequence number of org_id's newest audit event when the
	 * session was read: a version of the organisation's data, read in
	 * the same statement (web/pagecache.h).
	 */
	int64_t data_version;
};

int repo_session_insert(struct store *store, int64_t org_id, int64_t account_id,
			const char *token_hash, const char *csrf_token,
			int mfa_passed, int64_t now, const char *client,
			struct error *err);
/*
 * Finds the session whose token hashes to token_hash.  Returns 1 when
 * found, 0 when not, -1 on error.
 */
int repo_session_find(struct store *store, struct arena *arena,
		      const char *token_hash, const char *today,
		      struct session_record *out, struct error *err);
int repo_session_touch(struct store *store, int64_t id, int64_t now,
		       struct error *err);
int repo_session_set_mfa_passed(struct store *store, int64_t id,
				struct error *err);
int repo_session_delete(struct store *store, int64_t id, struct error *err);
/* Ends every session of an account ("log out everywhere"). */
int repo_session_delete_account(struct store *store, int64_t account_id,
				struct error *err);

/*
 * Ends account_id's sessions in org_id (its roles there changed) and, when
 * tokens_too, revokes its API tokens there (it left the organisation).
 */
int repo_session_end_member(struct store *store, int64_t org_id,
			    int64_t account_id, int tokens_too, int64_t now,
			    struct error *err);

/* Account settings. */
int repo_account_set_lang(struct store *store, int64_t account_id,
			  const char *lang, struct error *err);
int repo_account_set_password(struct store *store, int64_t account_id,
			      const char *hash, struct error *err);
int repo_account_set_mfa(struct store *store, int64_t account_id,
			 const char *secret, int enabled, struct error *err);

#endif
