/* repo_org.c: organisations, accounts and memberships in the store. */
#include "util/compat.h"
#include "store/repo_org.h"

#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

/* Runs an INSERT … RETURNING id whose parameters are bound; sets *id. */
static int insert_returning(struct store_stmt *st, int64_t *id,
			    struct error *err)
{
	int rc = stmt_step(st, err);

	if (rc == STEP_ROW)
		*id = stmt_column_int(st, 0);
	stmt_finalize(st);
	if (rc != STEP_ROW)
		return rc == STEP_ERROR
			       ? -1
			       : error_set(err, ERROR_STORE, "store.engine",
					   "no id returned", NULL);
	return 0;
}

int repo_org_insert(struct store *store, const struct organisation *org,
		    int64_t *id, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "INSERT INTO organisation (name, is_sample, created_at)"
			 " VALUES (?, ?, ?) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, org->name, err) ||
	    stmt_bind_int(&st, 2, org->is_sample ? 1 : 0, err) ||
	    stmt_bind_text(&st, 3, org->created_at, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return insert_returning(&st, id, err);
}

int repo_org_list(struct store *store, struct arena *arena,
		  struct organisation **rows, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct organisation *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT id, name, is_sample, created_at"
			 " FROM organisation ORDER BY id",
			 &st, err))
		return -1;
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		struct organisation *o;

		ALLOC_GROW(out, n + 1, cap);
		o = &out[n++];
		o->id = stmt_column_int(&st, 0);
		o->name = arena_strdup(arena, stmt_column_text(&st, 1));
		o->is_sample = (int)stmt_column_int(&st, 2);
		o->created_at = arena_strdup(arena, stmt_column_text(&st, 3));
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

int repo_account_insert(struct store *store, const struct account *acc,
			const char *password_hash, int64_t *id,
			struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store,
			 "INSERT INTO account (email, display_name,"
			 " password_hash, created_at, must_change_password)"
			 " VALUES (?, ?, ?, ?, ?)"
			 " RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, acc->email, err) ||
	    stmt_bind_text(&st, 2, acc->display_name, err) ||
	    stmt_bind_text(&st, 3, password_hash, err) ||
	    stmt_bind_text(&st, 4, acc->created_at, err) ||
	    stmt_bind_int(&st, 5, acc->must_change_password ? 1 : 0, err)) {
		stmt_finalize(&st);
		return -1;
	}
	if (insert_returning(&st, id, err)) {
		/* The only constraint an insert can break is the e-mail. */
		if (err && err->code == ERROR_CONFLICT)
			error_set(err, ERROR_CONFLICT, "account.exists",
				  acc->email, NULL);
		return -1;
	}
	return 0;
}

int repo_membership_add(struct store *store, int64_t org_id, int64_t account_id,
			enum role role, const char *expires_on,
			const char *created_at, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO membership (org_id, account_id, role,"
			 " expires_on, created_at) VALUES (?, ?, ?, ?, ?)",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err) ||
	    stmt_bind_text(&st, 3, role_name(role), err) ||
	    stmt_bind_text_or_null(&st, 4, expires_on, err) ||
	    stmt_bind_text(&st, 5, created_at, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_member_list(struct store *store, struct arena *arena, int64_t org_id,
		     struct member **rows, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct member *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (stmt_prepare(store,
			 "SELECT a.id, a.email, a.display_name, a.mfa_enabled,"
			 " m.role, m.expires_on FROM membership m"
			 " JOIN account a ON a.id = m.account_id"
			 " WHERE m.org_id = ? ORDER BY a.email, m.role",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int64_t id = stmt_column_int(&st, 0);
		const char *role = stmt_column_text(&st, 4);
		const char *exp = stmt_column_text(&st, 5);
		enum role r;

		if (!n || out[n - 1].account_id != id) {
			ALLOC_GROW(out, n + 1, cap);
			memset(&out[n], 0, sizeof(out[n]));
			out[n].account_id = id;
			out[n].email =
				arena_strdup(arena, stmt_column_text(&st, 1));
			out[n].display_name =
				arena_strdup(arena, stmt_column_text(&st, 2));
			out[n].mfa_enabled = (int)stmt_column_int(&st, 3);
			n++;
		}
		if (role && !role_parse(role, &r))
			out[n - 1].roles |= ROLE_BIT(r);
		if (exp && (!out[n - 1].expires_on ||
			    strcmp(exp, out[n - 1].expires_on) < 0))
			out[n - 1].expires_on = arena_strdup(arena, exp);
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

int repo_member_remove(struct store *store, int64_t org_id, int64_t account_id,
		       struct error *err)
{
	struct store_stmt st;
	int rc, any = 0;

	if (stmt_prepare(store,
			 "DELETE FROM membership WHERE org_id = ? AND"
			 " account_id = ? RETURNING role",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_int(&st, 2, account_id, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW)
		any = 1;
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : any;
}

int repo_member_set_roles(struct store *store, int64_t org_id,
			  int64_t account_id, role_set roles,
			  const char *expires_on, const char *now,
			  struct error *err)
{
	int was, r;

	was = repo_member_remove(store, org_id, account_id, err);
	if (was <= 0)
		return was;
	for (r = 0; r < ROLE_COUNT; r++)
		if ((roles & ROLE_BIT(r)) &&
		    repo_membership_add(store, org_id, account_id, (enum role)r,
					expires_on, now, err))
			return -1;
	return 1;
}

int repo_account_id_by_email(struct store *store, const char *email,
			     int64_t *id, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store, "SELECT id FROM account WHERE email = ?", &st,
			 err))
		return -1;
	if (stmt_bind_text(&st, 1, email, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}
