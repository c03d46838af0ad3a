/*
 * test_repo_transfer.c: which tables move with an organisation
 * (repo_transfer_plan), read from the schema of a migrated store, and
 * the backup log (repo_backup.c).  A table added by a later migration
 * either moves by itself (org_id and declared references) or makes the
 * plan fail here, so nobody forgets it.
 */
#include "util/compat.h"
#include "store/repo_transfer.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "store/repo_backup.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"

struct fixture {
	struct store *store;
	struct arena arena;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct error err = ERROR_INIT;

	if (!fx)
		return -1;
	arena_init(&fx->arena, 0);
	if (store_open("sqlite::memory:", 1, &fx->store, &err) ||
	    store_migrate(fx->store, NULL, &err)) {
		fprintf(stderr, "# setup: %s %s\n", err.key, err.args[0]);
		store_close(fx->store);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->store);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

static void exec(struct store *store, const char *sql)
{
	struct store_stmt st;
	struct error err = ERROR_INIT;

	assert_int_equal(stmt_prepare_built(store, sql, &st, &err), 0);
	assert_true(stmt_run(&st, &err) >= 0);
}

static int use_of(const struct transfer_table *rows, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].name, name))
			return (int)rows[i].use;
	return -1;
}

static void test_transfer__every_table_is_planned(void **state)
{
	struct fixture *fx = *state;
	struct transfer_table *rows;
	struct error err = ERROR_INIT;
	struct store_stmt st;
	size_t n, tables = 0;

	if (repo_transfer_plan(fx->store, &fx->arena, &rows, &n, &err))
		fail_msg("the schema cannot be moved: %s %s", err.key,
			 err.args[0]);
	assert_int_equal(stmt_prepare(fx->store,
				      "SELECT count(*) FROM sqlite_schema WHERE"
				      " type = 'table' AND name NOT LIKE"
				      " 'sqlite\\_%' ESCAPE '\\'",
				      &st, &err),
			 0);
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	tables = (size_t)stmt_column_int(&st, 0);
	stmt_finalize(&st);
	assert_int_equal(n, tables);
	assert_int_equal(use_of(rows, n, "organisation"), TRANSFER_ORG);
	assert_int_equal(use_of(rows, n, "account"), TRANSFER_ACCOUNTS);
	assert_int_equal(use_of(rows, n, "audit_event"), TRANSFER_TRAIL);
	assert_int_equal(use_of(rows, n, "session"), TRANSFER_SECRET);
	assert_int_equal(use_of(rows, n, "backup_log"), TRANSFER_INSTALLATION);
	assert_int_equal(use_of(rows, n, "asset_count"), TRANSFER_DERIVED);
	/* The registers move, and so does an earlier move's trail. */
	assert_int_equal(use_of(rows, n, "asset"), TRANSFER_COPY);
	assert_int_equal(use_of(rows, n, "risk"), TRANSFER_COPY);
	assert_int_equal(use_of(rows, n, "plan_task"), TRANSFER_COPY);
	assert_int_equal(use_of(rows, n, "membership"), TRANSFER_COPY);
	assert_int_equal(use_of(rows, n, "audit_archive"), TRANSFER_COPY);
}

static void test_transfer__new_table_with_references(void **state)
{
	struct fixture *fx = *state;
	struct transfer_table *rows;
	struct error err = ERROR_INIT;
	size_t n;

	exec(fx->store, "CREATE TABLE gadget (id INTEGER PRIMARY KEY,"
			" org_id INTEGER NOT NULL REFERENCES organisation (id),"
			" asset_id INTEGER REFERENCES asset (id), note TEXT)"
			" STRICT");
	assert_int_equal(
		repo_transfer_plan(fx->store, &fx->arena, &rows, &n, &err), 0);
	assert_int_equal(use_of(rows, n, "gadget"), TRANSFER_COPY);
}

static void test_transfer__undeclared_reference_refused(void **state)
{
	struct fixture *fx = *state;
	struct transfer_table *rows;
	struct error err = ERROR_INIT;
	size_t n;

	exec(fx->store, "CREATE TABLE gadget (id INTEGER PRIMARY KEY,"
			" org_id INTEGER NOT NULL, owner_id INTEGER) STRICT");
	assert_int_equal(
		repo_transfer_plan(fx->store, &fx->arena, &rows, &n, &err), -1);
	assert_string_equal(err.key, "backup.transfer_unmapped");
	assert_string_equal(err.args[0], "gadget.owner_id");
}

static void test_transfer__table_without_org_refused(void **state)
{
	struct fixture *fx = *state;
	struct transfer_table *rows;
	struct error err = ERROR_INIT;
	size_t n;

	exec(fx->store, "CREATE TABLE gizmo (id INTEGER PRIMARY KEY, name"
			" TEXT) STRICT");
	assert_int_equal(
		repo_transfer_plan(fx->store, &fx->arena, &rows, &n, &err), -1);
	assert_string_equal(err.key, "backup.transfer_unknown_table");
	assert_string_equal(err.args[0], "gizmo");
}

static void add(struct store *store, enum backup_kind kind, int64_t at, int ok,
		const char *file)
{
	struct backup_entry e;
	struct error err = ERROR_INIT;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.at = at;
	e.file = file;
	e.ok = ok;
	e.message = ok ? "" : "backup.damaged";
	e.actor = "cli";
	assert_int_equal(repo_backup_log_add(store, &e, NULL, &err), 0);
}

static void test_backup_log__newest(void **state)
{
	struct fixture *fx = *state;
	struct backup_entry e, *rows;
	struct error err = ERROR_INIT;
	const char *problem;
	size_t n;

	assert_int_equal(repo_backup_last_ok(fx->store, &fx->arena,
					     BACKUP_KIND_BACKUP, &e, &err),
			 0);
	add(fx->store, BACKUP_KIND_BACKUP, 100, 1, "a");
	add(fx->store, BACKUP_KIND_BACKUP, 300, 0, "c");
	add(fx->store, BACKUP_KIND_BACKUP, 200, 1, "b");
	add(fx->store, BACKUP_KIND_RESTORE_TEST, 150, 1, "t");
	add(fx->store, BACKUP_KIND_RESTORE, 250, 1, "r");
	assert_int_equal(repo_backup_last_ok(fx->store, &fx->arena,
					     BACKUP_KIND_BACKUP, &e, &err),
			 1);
	assert_string_equal(e.file, "b");
	assert_int_equal(repo_backup_last(fx->store, &fx->arena,
					  BACKUP_KIND_BACKUP, &e, &err),
			 1);
	assert_string_equal(e.file, "c");
	assert_false(e.ok);
	assert_string_equal(e.message, "backup.damaged");
	/* A real restore proves as much as a restore test. */
	assert_int_equal(repo_backup_last_ok(fx->store, &fx->arena,
					     BACKUP_KIND_RESTORE_TEST, &e,
					     &err),
			 1);
	assert_string_equal(e.file, "r");
	assert_int_equal(repo_backup_log_list(fx->store, &fx->arena, 3, &rows,
					      &n, &err),
			 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].file, "c");
	assert_string_equal(rows[1].file, "r");
	assert_string_equal(rows[2].file, "b");
	assert_int_equal(
		repo_backup_check(fx->store, &fx->arena, &problem, &err), 0);
	assert_null(problem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_transfer__every_table_is_planned, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer__new_table_with_references, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer__undeclared_reference_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer__table_without_org_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_backup_log__newest, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
