/* repo_session.c: accounts at login, and login sessions, in the store. */
#include "util/compat.h"
#include "store/repo_session.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

#define ACCOUNT_COLUMNS                                              \
	"SELECT id, email, display_name, password_hash, mfa_secret," \
	" mfa_enabled, must_change_password, lang FROM account"

static void read_account(struct arena *arena, struct store_stmt *st,
			 struct login_account *out)
{
	out->id = stmt_column_int(st, 0);
	out->email = stmt_text(arena, st, 1);
	out->display_name = stmt_text(arena, st, 2);
	out->password_hash = stmt_text(arena, st, 3);
	out->mfa_secret = stmt_text_or_null(arena, st, 4);
	out->mfa_enabled = (int)stmt_column_int(st, 5);
	out->must_change_password = (int)stmt_column_int(st, 6);
	out->lang = stmt_text(arena, st, 7);
}

/* Steps a prepared one-row query; 1 found, 0 none, -1 error. */
static int find_account(struct store_stmt *st, struct arena *arena,
			struct login_account *out, struct error *err)
{
	int rc = stmt_step(st, err);

	if (rc == STEP_ROW)
		read_account(arena, st, out);
	stmt_finalize(st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_account_by_email(struct store *store, struct arena *arena,
			  const char *email, struct login_account *out,
			  struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store, ACCOUNT_COLUMNS " WHERE email = ?", &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, email, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return find_account(&st, arena, out, err);
}

int repo_account_by_id(struct store *store, struct arena *arena, int64_t id,
		       struct login_account *out, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store, ACCOUNT_COLUMNS " WHERE id = ?", &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return find_account(&st, arena, out, err);
}

/* Adds the role named by column i to *roles (unknown names are ignored). */
static void add_role(struct store_stmt *st, int i, role_set *roles)
{
	const char *name = stmt_column_text(st, i);
	enum role r;

	if (name && !role_parse(name, &r))
		*roles |= ROLE_BIT(r);
}

int repo_account_orgs(struct store *store, struct arena *arena,
		      int64_t account_id, const char *today,
		      struct account_org **rows, size_t *count,
		      struct error *err)
{
	struct store_stmt st;
	struct account_org *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT o.id, o.name, o.is_sample, m.role"
			 " FROM membership m JOIN organisation o"
			 " ON o.id = m.org_id WHERE m.account_id = ?"
			 " AND (m.expires_on IS NULL OR m.expires_on >= ?)"
			 " ORDER BY o.id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, account_id, err) ||
	    stmt_bind_text(&st, 2, today, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int64_t org = stmt_column_int(&st, 0);

		if (!n || out[n - 1].org_id != org) {
			ALLOC_GROW(out, n + 1, cap);
			out[n].org_id = org;
			out[n].name = stmt_text(arena, &st, 1);
			out[n].is_sample = (int)stmt_column_int(&st, 2);
			out[n].roles = 0;
			n++;
		}
		add_role(&st, 3, &out[n - 1].roles);
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

int repo_session_insert(struct store *store, int64_t org_id, int64_t account_id,
			const char *token_hash, const char *csrf_token,
			int mfa_passed, int64_t now, const char *client,
			struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO session (org_id, account_id, token_hash,"
			 " csrf_token, mfa_passed, created_at, last_seen_at,"
			 " client) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err) ||
	    stmt_bind_text(&st, 3, token_hash, err) ||
	    stmt_bind_text(&st, 4, csrf_token, err) ||
	    stmt_bind_int(&st, 5, mfa_passed, err) ||
	    stmt_bind_int(&st, 6, now, err) ||
	    stmt_bind_int(&st, 7, now, err) ||
	    stmt_bind_text(&st, 8, client, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_session_find(struct store *store, struct arena *arena,
		      const char *token_hash, const char *today,
		      struct session_record *out, struct error *err)
{
	struct store_stmt st;
	int rc, found = 0;

	/* One row per role; the roles of the session's organisation only. */
	if (stmt_prepare(
		    store,
		    "SELECT s.id, s.org_id, o.name, o.is_sample,"
		    " s.account_id, a.email, a.display_name, a.lang,"
		    " a.mfa_enabled, a.must_change_password, s.csrf_token,"
		    " s.mfa_passed, s.created_at, s.last_seen_at, m.role,"
		    " (SELECT coalesce(max(e.seq), 0) FROM audit_event e WHERE"
		    " e.org_id = s.org_id)"
		    " FROM session s"
		    " JOIN account a ON a.id = s.account_id"
		    " JOIN organisation o ON o.id = s.org_id"
		    " LEFT JOIN membership m ON m.org_id = s.org_id"
		    " AND m.account_id = s.account_id"
		    " AND (m.expires_on IS NULL OR m.expires_on >= ?)"
		    " WHERE s.token_hash = ?",
		    &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, today, err) ||
	    stmt_bind_text(&st, 2, token_hash, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		if (!found) {
			out->id = stmt_column_int(&st, 0);
			out->org_id = stmt_column_int(&st, 1);
			out->org_name = stmt_text(arena, &st, 2);
			out->org_is_sample = (int)stmt_column_int(&st, 3);
			out->account_id = stmt_column_int(&st, 4);
			out->email = stmt_text(arena, &st, 5);
			out->display_name = stmt_text(arena, &st, 6);
			out->lang = stmt_text(arena, &st, 7);
			out->mfa_enabled = (int)stmt_column_int(&st, 8);
			out->must_change_password =
				(int)stmt_column_int(&st, 9);
			out->csrf_token = stmt_text(arena, &st, 10);
			out->mfa_passed = (int)stmt_column_int(&st, 11);
			out->created_at = stmt_column_int(&st, 12);
			out->last_seen_at = stmt_column_int(&st, 13);
			out->data_version = stmt_column_int(&st, 15);
			out->roles = 0;
			found = 1;
		}
		add_role(&st, 14, &out->roles);
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : found;
}

/* Runs a one-statement update binding (int, int) or (int). */
static int exec_ints(struct store *store, const char *sql, int64_t a, int64_t b,
		     int nbind, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, sql, &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, a, err) ||
	    (nbind > 1 && stmt_bind_int(&st, 2, b, err))) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_session_touch(struct store *store, int64_t id, int64_t now,
		       struct error *err)
{
	return store_exec_relaxed(
		store, "UPDATE session SET last_seen_at = ? WHERE id = ?", now,
		id, err);
}

int repo_session_set_mfa_passed(struct store *store, int64_t id,
				struct error *err)
{
	return exec_ints(store,
			 "UPDATE session SET mfa_passed = 1 WHERE id = ?", id,
			 0, 1, err);
}

int repo_session_delete(struct store *store, int64_t id, struct error *err)
{
	return exec_ints(store, "DELETE FROM session WHERE id = ?", id, 0, 1,
			 err);
}

int repo_session_delete_account(struct store *store, int64_t account_id,
				struct error *err)
{
	return exec_ints(store, "DELETE FROM session WHERE account_id = ?",
			 account_id, 0, 1, err);
}

/* Runs "UPDATE account SET … = ? WHERE id = ?" with a text value. */
static int set_text(struct store *store, const char *sql, const char *v,
		    int64_t id, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, sql, &st, err))
		return -1;
	if (stmt_bind_text_or_null(&st, 1, v, err) ||
	    stmt_bind_int(&st, 2, id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_account_set_lang(struct store *store, int64_t account_id,
			  const char *lang, struct error *err)
{
	return set_text(store, "UPDATE account SET lang = ? WHERE id = ?", lang,
			account_id, err);
}

int repo_account_set_password(struct store *store, int64_t account_id,
			      const char *hash, struct error *err)
{
	return set_text(store,
			"UPDATE account SET password_hash = ?,"
			" must_change_password = 0 WHERE id = ?",
			hash, account_id, err);
}

int repo_account_set_mfa(struct store *store, int64_t account_id,
			 const char *secret, int enabled, struct error *err)
{
	return set_text(store,
			enabled ? "UPDATE account SET mfa_secret = ?,"
				  " mfa_enabled = 1 WHERE id = ?"
				: "UPDATE account SET mfa_secret = ?,"
				  " mfa_enabled = 0 WHERE id = ?",
			secret, account_id, err);
}

int repo_session_end_member(struct store *store, int64_t org_id,
			    int64_t account_id, int tokens_too, int64_t now,
			    struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "DELETE FROM session WHERE org_id = ? AND"
			 " account_id = ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (!tokens_too)
		return 0;
	if (stmt_prepare(store,
			 "UPDATE api_token SET revoked_at = ? WHERE org_id = ?"
			 " AND account_id = ? AND revoked_at IS NULL",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, now, err) ||
	    stmt_bind_int(&st, 2, org_id, err) ||
	    stmt_bind_int(&st, 3, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}
