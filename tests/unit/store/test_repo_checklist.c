/*
 * test_repo_checklist.c: the levelled checklist's statuses in the store
 * (repo_checklist.c), against SQLite in memory, migrated, with two
 * organisations that must never see each other's.
 */
#include "util/compat.h"
#include "store/repo_checklist.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "store/driver.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"

/* 2024-05-01T00:00:00Z. */
static const int64_t now0 = 1714521600;

struct fixture {
	struct store *store;
	struct catalog *cat;
	struct arena arena;
	int64_t org;
	int64_t other;
};

static int setup(void **state)
{
	static const struct organisation orgs[] = {
		{ 0, "株式会社まもり商事", 0, "2024-04-01T00:00:00Z" },
		{ 0, "となりの工務店", 0, "2024-04-01T00:00:00Z" },
	};
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct error err = ERROR_INIT;

	if (!fx)
		return -1;
	arena_init(&fx->arena, 0);
	if (store_open("sqlite::memory:", 1, &fx->store, &err) ||
	    store_migrate(fx->store, NULL, &err) ||
	    repo_org_insert(fx->store, &orgs[0], &fx->org, &err) ||
	    repo_org_insert(fx->store, &orgs[1], &fx->other, &err) ||
	    catalog_load_builtin(&fx->cat, &err)) {
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
	catalog_free(fx->cat);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

/* The number of rows of sql, with ?1 bound to a. */
static int64_t sql_int(struct fixture *fx, const char *sql, int64_t a)
{
	struct error err = ERROR_INIT;
	struct store_stmt st;
	int64_t v;

	assert_int_equal(stmt_prepare_built(fx->store, sql, &st, &err), 0);
	assert_int_equal(stmt_bind_int(&st, 1, a, &err), 0);
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	v = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return v;
}

static int64_t rows_of(struct fixture *fx, int64_t org)
{
	return sql_int(fx,
		       "SELECT count(*) FROM checklist_status WHERE org_id = ?",
		       org);
}

static void put(struct fixture *fx, int64_t org,
		const struct checklist_status *s, int64_t at)
{
	struct error err = ERROR_INIT;

	if (repo_checklist_put(fx->store, org, s, "boss@example.jp", at, &err))
		fail_msg("put %s: %s %s", s->item_id, err.key, err.args[0]);
}

static void test_repo_checklist__nothing_recorded(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct checklist_status *rows, got;
	size_t n = 99;

	assert_int_equal(repo_checklist_list(fx->store, &fx->arena, fx->org,
					     &rows, &n, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(repo_checklist_get(fx->store, &fx->arena, fx->org,
					    "3.1.1", &got, &err),
			 0);
	assert_string_equal(got.item_id, "3.1.1");
	assert_int_equal(got.state, CHECKLIST_UNANSWERED);
	assert_string_equal(got.owner, "");
	assert_int_equal(got.updated_at, 0);
}

static void test_repo_checklist__put_get_update(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct checklist_status s, got, *rows;
	size_t n;

	checklist_status_init(&s, "5.3.4");
	s.state = CHECKLIST_PARTLY;
	s.owner = "総務部 佐藤";
	s.note = "サーバーは済み、\nPCはまだ";
	s.evidence = "復旧テスト記録 2024-04";
	s.review_on = "2024-10-01";
	put(fx, fx->org, &s, now0);
	assert_int_equal(repo_checklist_get(fx->store, &fx->arena, fx->org,
					    "5.3.4", &got, &err),
			 1);
	assert_int_equal(got.state, CHECKLIST_PARTLY);
	assert_int_equal(got.adopted, 0);
	assert_string_equal(got.owner, "総務部 佐藤");
	assert_string_equal(got.note, "サーバーは済み、\nPCはまだ");
	assert_string_equal(got.evidence, "復旧テスト記録 2024-04");
	assert_string_equal(got.review_on, "2024-10-01");
	assert_string_equal(got.reason, "");
	assert_string_equal(got.updated_by, "boss@example.jp");
	assert_int_equal(got.updated_at, now0);

	/* The same item again is an update, not a second row. */
	s.state = CHECKLIST_NOT_APPLICABLE;
	s.reason = "バックアップ対象のサーバーがないため";
	put(fx, fx->org, &s, now0 + 60);
	assert_int_equal(rows_of(fx, fx->org), 1);
	assert_int_equal(repo_checklist_get(fx->store, &fx->arena, fx->org,
					    "5.3.4", &got, &err),
			 1);
	assert_int_equal(got.state, CHECKLIST_NOT_APPLICABLE);
	assert_string_equal(got.reason, "バックアップ対象のサーバーがないため");
	assert_int_equal(got.updated_at, now0 + 60);

	/* The neighbour sees none of it. */
	assert_int_equal(repo_checklist_get(fx->store, &fx->arena, fx->other,
					    "5.3.4", &got, &err),
			 0);
	assert_int_equal(repo_checklist_list(fx->store, &fx->arena, fx->other,
					     &rows, &n, &err),
			 0);
	assert_int_equal(n, 0);
}

static void test_repo_checklist__list_ordered(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	static const char *const ids[] = { "9.1", "3.1.1", "10.1", "3" };
	struct checklist_status s, *rows;
	size_t n, i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		checklist_status_init(&s, ids[i]);
		s.state = CHECKLIST_DONE;
		put(fx, fx->org, &s, now0 + (int64_t)i);
	}
	checklist_status_init(&s, "3.2.8");
	s.adopted = 1;
	put(fx, fx->org, &s, now0);
	assert_int_equal(repo_checklist_list(fx->store, &fx->arena, fx->org,
					     &rows, &n, &err),
			 0);
	assert_int_equal(n, 5);
	/* By id as text: the store does not know the chapters' order. */
	assert_string_equal(rows[0].item_id, "10.1");
	assert_string_equal(rows[1].item_id, "3");
	assert_string_equal(rows[2].item_id, "3.1.1");
	assert_string_equal(rows[3].item_id, "3.2.8");
	assert_int_equal(rows[3].state, CHECKLIST_UNANSWERED);
	assert_int_equal(rows[3].adopted, 1);
	assert_string_equal(rows[4].item_id, "9.1");
}

static void test_repo_checklist__empty_status_removes_the_row(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct checklist_status s, got;

	checklist_status_init(&s, "4.1.1");
	s.state = CHECKLIST_NOT_DONE;
	put(fx, fx->org, &s, now0);
	put(fx, fx->other, &s, now0);
	assert_int_equal(rows_of(fx, fx->org), 1);
	checklist_status_init(&s, "4.1.1");
	put(fx, fx->org, &s, now0 + 1);
	assert_int_equal(rows_of(fx, fx->org), 0);
	assert_int_equal(repo_checklist_get(fx->store, &fx->arena, fx->org,
					    "4.1.1", &got, &err),
			 0);
	/* Only this organisation's. */
	assert_int_equal(rows_of(fx, fx->other), 1);
	/* Removing what is not there is no error. */
	put(fx, fx->org, &s, now0 + 2);
}

static void test_repo_checklist__schema_refuses(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct checklist_status s;

	/* The schema holds the rules even if a front door forgot them. */
	checklist_status_init(&s, "4.1.1");
	s.state = CHECKLIST_NOT_APPLICABLE;
	assert_int_equal(repo_checklist_put(fx->store, fx->org, &s, "x", now0,
					    &err),
			 -1);
	assert_int_equal(err.code, ERROR_CONFLICT);
	assert_string_equal(err.key, "store.constraint");
	error_clear(&err);
	s.state = CHECKLIST_DONE;
	s.reason = "理由";
	assert_int_equal(repo_checklist_put(fx->store, fx->org, &s, "x", now0,
					    &err),
			 -1);
	error_clear(&err);
	s.reason = "";
	s.review_on = "next week";
	assert_int_equal(repo_checklist_put(fx->store, fx->org, &s, "x", now0,
					    &err),
			 -1);
	error_clear(&err);
	s.review_on = "";
	assert_int_equal(
		repo_checklist_put(fx->store, 999, &s, "x", now0, &err), -1);
	assert_int_equal(rows_of(fx, fx->org), 0);
}

static void test_repo_checklist__statuses_parallel(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	const struct catalog *cat = fx->cat;
	struct checklist_status s, *all;
	size_t i, recorded = 0;

	checklist_status_init(&s, "10.9");
	s.state = CHECKLIST_DONE;
	put(fx, fx->org, &s, now0);
	checklist_status_init(&s, "3");
	s.state = CHECKLIST_PARTLY;
	s.owner = "社長";
	put(fx, fx->org, &s, now0);
	/* A row of an item the catalogue no longer has is left out. */
	checklist_status_init(&s, "99.9");
	s.state = CHECKLIST_DONE;
	put(fx, fx->org, &s, now0);
	checklist_status_init(&s, "3.1.1");
	s.state = CHECKLIST_DONE;
	put(fx, fx->other, &s, now0);
	assert_int_equal(repo_checklist_statuses(
				 fx->store, &fx->arena, fx->org, cat->guideline,
				 cat->guideline_count, &all, &err),
			 0);
	for (i = 0; i < cat->guideline_count; i++) {
		const char *id = cat->guideline[i].id;

		assert_string_equal(all[i].item_id, id);
		if (!strcmp(id, "10.9")) {
			assert_int_equal(all[i].state, CHECKLIST_DONE);
			recorded++;
		} else if (!strcmp(id, "3")) {
			assert_int_equal(all[i].state, CHECKLIST_PARTLY);
			assert_string_equal(all[i].owner, "社長");
			recorded++;
		} else {
			assert_int_equal(all[i].state, CHECKLIST_UNANSWERED);
			assert_string_equal(all[i].owner, "");
		}
	}
	assert_int_equal(recorded, 2);
	/* No items, no rows: still an array to hand round. */
	assert_int_equal(repo_checklist_statuses(fx->store, &fx->arena,
						 fx->other, NULL, 0, &all,
						 &err),
			 0);
	assert_non_null(all);
}

static void test_repo_checklist__organisation_removed(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct checklist_status s;
	struct store_stmt st;

	checklist_status_init(&s, "3.1.1");
	s.state = CHECKLIST_DONE;
	put(fx, fx->other, &s, now0);
	assert_int_equal(rows_of(fx, fx->other), 1);
	assert_int_equal(stmt_prepare_built(fx->store,
					    "DELETE FROM organisation WHERE"
					    " id = ?",
					    &st, &err),
			 0);
	assert_int_equal(stmt_bind_int(&st, 1, fx->other, &err), 0);
	assert_int_equal(stmt_run(&st, &err), 0);
	assert_int_equal(rows_of(fx, fx->other), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__nothing_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__put_get_update, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__list_ordered, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__empty_status_removes_the_row,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__schema_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__statuses_parallel, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_repo_checklist__organisation_removed, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
