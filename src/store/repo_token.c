/* repo_token.c: personal API tokens and recovery codes in the store. */
#include "util/compat.h"
#include "store/repo_token.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

int repo_token_insert(struct store *store, int64_t org_id, int64_t account_id,
		      const char *name, const char *token_hash,
		      const char *scope, const char *expires_on, int64_t now,
		      int64_t *id, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO api_token (org_id, account_id, name,"
			 " token_hash, scope, expires_on, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err) ||
	    stmt_bind_text(&st, 3, name, err) ||
	    stmt_bind_text(&st, 4, token_hash, err) ||
	    stmt_bind_text(&st, 5, scope, err) ||
	    stmt_bind_text(&st, 6, expires_on, err) ||
	    stmt_bind_int(&st, 7, now, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_token_list(struct store *store, struct arena *arena, int64_t org_id,
		    int64_t account_id, struct api_token **rows, size_t *count,
		    struct error *err)
{
	struct store_stmt st;
	struct api_token *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, name, scope, expires_on, created_at,"
			 " coalesce(last_used_at, 0), coalesce(revoked_at, 0)"
			 " FROM api_token WHERE org_id = ? AND account_id = ?"
			 " ORDER BY id DESC",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		struct api_token *t;

		ALLOC_GROW(out, n + 1, cap);
		t = &out[n++];
		t->id = stmt_column_int(&st, 0);
		t->name = stmt_text(arena, &st, 1);
		t->scope = stmt_text(arena, &st, 2);
		t->expires_on = stmt_text(arena, &st, 3);
		t->created_at = stmt_column_int(&st, 4);
		t->last_used_at = stmt_column_int(&st, 5);
		t->revoked_at = stmt_column_int(&st, 6);
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

int repo_token_revoke(struct store *store, int64_t org_id, int64_t account_id,
		      int64_t id, int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "UPDATE api_token SET revoked_at = ? WHERE id = ?"
			 " AND org_id = ? AND account_id = ?"
			 " AND revoked_at IS NULL RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) || stmt_bind_int(&st, 2, id, err) ||
	    stmt_bind_int(&st, 3, org_id, err) ||
	    stmt_bind_int(&st, 4, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		while (stmt_step(&st, err) == STEP_ROW)
			;
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_token_find(struct store *store, struct arena *arena,
		    const char *token_hash, const char *today,
		    struct session_record *out, int *write, int64_t *token_id,
		    struct error *err)
{
	struct store_stmt st;
	int rc, found = 0;

	if (stmt_prepare(
		    store,
		    "SELECT t.id, t.org_id, o.name, o.is_sample,"
		    " t.account_id, a.email, a.display_name, a.lang,"
		    " t.scope, coalesce(t.last_used_at, 0), m.role,"
		    " (SELECT coalesce(max(e.seq), 0) FROM audit_event e WHERE"
		    " e.org_id = t.org_id)"
		    " FROM api_token t"
		    " JOIN account a ON a.id = t.account_id"
		    " JOIN organisation o ON o.id = t.org_id"
		    " LEFT JOIN membership m ON m.org_id = t.org_id"
		    " AND m.account_id = t.account_id"
		    " AND (m.expires_on IS NULL OR m.expires_on >= ?)"
		    " WHERE t.token_hash = ? AND t.revoked_at IS NULL"
		    " AND t.expires_on >= ?",
		    &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, today, err) ||
	    stmt_bind_text(&st, 2, token_hash, err) ||
	    stmt_bind_text(&st, 3, today, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		const char *role = stmt_column_text(&st, 10);
		enum role r;

		if (!found) {
			memset(out, 0, sizeof(*out));
			*token_id = stmt_column_int(&st, 0);
			out->org_id = stmt_column_int(&st, 1);
			out->org_name = stmt_text(arena, &st, 2);
			out->org_is_sample = (int)stmt_column_int(&st, 3);
			out->account_id = stmt_column_int(&st, 4);
			out->email = stmt_text(arena, &st, 5);
			out->display_name = stmt_text(arena, &st, 6);
			out->lang = stmt_text(arena, &st, 7);
			*write = !strcmp(stmt_column_text(&st, 8), "write");
			out->last_seen_at = stmt_column_int(&st, 9);
			out->data_version = stmt_column_int(&st, 11);
			out->csrf_token = "";
			/* A token stands for a login that passed MFA. */
			out->mfa_passed = 1;
			found = 1;
		}
		if (role && !role_parse(role, &r))
			out->roles |= ROLE_BIT(r);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : found;
}

int repo_token_touch(struct store *store, int64_t id, int64_t now,
		     struct error *err)
{
	return store_exec_relaxed(
		store, "UPDATE api_token SET last_used_at = ? WHERE id = ?",
		now, id, err);
}

int repo_recovery_replace(struct store *store, int64_t account_id,
			  const char *const *hashes, size_t count,
			  struct error *err)
{
	struct store_stmt st;
	size_t i;

	if (stmt_prepare(store,
			 "DELETE FROM recovery_code WHERE account_id = ?", &st,
			 err))
		return -1;
	if (stmt_bind_int(&st, 1, account_id, err) || (stmt_run(&st, err) < 0))
		return -1;
	for (i = 0; i < count; i++) {
		if (stmt_prepare(store,
				 "INSERT INTO recovery_code (account_id,"
				 " code_hash) VALUES (?, ?)",
				 &st, err))
			return -1;
		if (stmt_bind_int(&st, 1, account_id, err) ||
		    stmt_bind_text(&st, 2, hashes[i], err) ||
		    (stmt_run(&st, err) < 0))
			return -1;
	}
	return 0;
}

int repo_recovery_use(struct store *store, int64_t account_id,
		      const char *code_hash, int64_t now, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "UPDATE recovery_code SET used_at = ? WHERE id ="
			 " (SELECT id FROM recovery_code WHERE account_id = ?"
			 " AND code_hash = ? AND used_at IS NULL LIMIT 1)"
			 " RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) ||
	    stmt_bind_int(&st, 2, account_id, err) ||
	    stmt_bind_text(&st, 3, code_hash, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_recovery_left(struct store *store, int64_t account_id, int64_t *left,
		       struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT count(*) FROM recovery_code WHERE"
			 " account_id = ? AND used_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*left = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}
