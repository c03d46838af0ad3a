/*
 * test_repo_soa.c: the Statement of Applicability in the store
 * (repo_soa.c), against SQLite in memory, migrated, with two
 * organisations that must never see each other's entries, versions,
 * decisions or risk links.
 */
#include "util/compat.h"
#include "store/repo_soa.h"

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
	const char **ids;
};

static int setup(void **state)
{
	static const struct organisation orgs[] = {
		{ 0, "株式会社まもり商事", 0, "2024-04-01T00:00:00Z" },
		{ 0, "となりの工務店", 0, "2024-04-01T00:00:00Z" },
	};
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct error err = ERROR_INIT;
	size_t i;

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
	fx->ids = arena_calloc(&fx->arena, fx->cat->control_count,
			       sizeof(*fx->ids));
	for (i = 0; i < fx->cat->control_count; i++)
		fx->ids[i] = fx->cat->controls[i].id;
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

/* The first column of sql's row, with ?1 bound to a. */
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

/* Runs a statement of the test's own, with ?1 bound to a. */
static void sql_run(struct fixture *fx, const char *sql, int64_t a)
{
	struct error err = ERROR_INIT;
	struct store_stmt st;

	assert_int_equal(stmt_prepare_built(fx->store, sql, &st, &err), 0);
	assert_int_equal(stmt_bind_int(&st, 1, a, &err), 0);
	if (stmt_run(&st, &err) < 0)
		fail_msg("%s: %s", sql, err.key);
}

/* A statement the schema must refuse. */
static void sql_refused(struct fixture *fx, const char *sql, int64_t a)
{
	struct error err = ERROR_INIT;
	struct store_stmt st;

	assert_int_equal(stmt_prepare_built(fx->store, sql, &st, &err), 0);
	assert_int_equal(stmt_bind_int(&st, 1, a, &err), 0);
	assert_int_equal(stmt_run(&st, &err), -1);
}

static void start(struct fixture *fx, int64_t org)
{
	struct error err = ERROR_INIT;

	assert_int_equal(repo_soa_start(fx->store, org, fx->ids,
					fx->cat->control_count, now0, &err),
			 0);
}

static void put(struct fixture *fx, int64_t org, const struct soa_entry *e)
{
	struct error err = ERROR_INIT;

	if (repo_soa_put(fx->store, org, e, now0 + 60, &err))
		fail_msg("put %s: %s", e->control, err.key);
}

static void test_repo_soa__not_started(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct soa_progress p;
	struct soa_entry *rows, e;
	struct soa_version *v;
	size_t n = 99;

	memset(&p, 0x55, sizeof(p));
	assert_int_equal(repo_soa_progress(fx->store, fx->org, &p, &err), 0);
	assert_int_equal(p.started, 0);
	assert_int_equal(p.applicable + p.excluded + p.undecided, 0);
	assert_int_equal(p.by_status[0] + p.by_status[1] + p.by_status[2] +
				 p.by_status[3],
			 0);
	assert_int_equal(p.version_no, 0);
	assert_int_equal(p.approved_at, 0);
	assert_int_equal(repo_soa_list(fx->store, &fx->arena, fx->org, &rows,
				       &n, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(repo_soa_get(fx->store, &fx->arena, fx->org, "5.1", &e,
				      &err),
			 0);
	assert_int_equal(repo_soa_versions(fx->store, &fx->arena, fx->org, &v,
					   &n, &err),
			 0);
	assert_int_equal(n, 0);
	/* Writing before starting: the row is not there. */
	soa_entry_init(&e, "5.1");
	assert_int_equal(repo_soa_put(fx->store, fx->org, &e, now0, &err), -1);
	assert_int_equal(err.code, ERROR_NOT_FOUND);
	assert_string_equal(err.key, "soa.not_found");
}

static void test_repo_soa__start_put_list(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct soa_entry *rows, e, got;
	struct soa_progress p;
	size_t n, i;

	start(fx, fx->org);
	start(fx, fx->org); /* again: nothing doubles */
	assert_int_equal(sql_int(fx,
				 "SELECT count(*) FROM soa_entry WHERE"
				 " org_id = ?",
				 fx->org),
			 93);
	soa_entry_init(&e, "5.10");
	e.applicable = SOA_APPLICABLE;
	e.reasons = SOA_REASON_RISK | SOA_REASON_CONTRACT;
	e.status = SOA_PARTLY;
	e.owner = "総務部長";
	e.notes = "手順書 v2\n台帳";
	e.reviewed_on = "2024-04-20";
	put(fx, fx->org, &e);
	soa_entry_init(&e, "5.2");
	e.applicable = SOA_EXCLUDED;
	e.justification = "少人数のため兼務で足りる";
	e.status = SOA_NOT_APPLICABLE;
	put(fx, fx->org, &e);

	assert_int_equal(repo_soa_get(fx->store, &fx->arena, fx->org, "5.10",
				      &got, &err),
			 1);
	assert_int_equal(got.applicable, SOA_APPLICABLE);
	assert_int_equal(got.reasons, SOA_REASON_RISK | SOA_REASON_CONTRACT);
	assert_int_equal(got.status, SOA_PARTLY);
	assert_string_equal(got.owner, "総務部長");
	assert_string_equal(got.notes, "手順書 v2\n台帳");
	assert_string_equal(got.reviewed_on, "2024-04-20");
	assert_int_equal(got.updated_at, now0 + 60);
	assert_int_equal(repo_soa_get(fx->store, &fx->arena, fx->org, "9.9",
				      &got, &err),
			 0);

	/* The list is in the standard's order, not text order. */
	assert_int_equal(repo_soa_list(fx->store, &fx->arena, fx->org, &rows,
				       &n, &err),
			 0);
	assert_int_equal(n, 93);
	for (i = 1; i < n; i++)
		assert_true(control_id_cmp(rows[i - 1].control,
					   rows[i].control) < 0);
	assert_string_equal(rows[1].control, "5.2");
	assert_int_equal(rows[1].status, SOA_NOT_APPLICABLE);
	assert_string_equal(rows[9].control, "5.10");
	assert_int_equal(rows[0].status, SOA_STATUS_UNSET);

	assert_int_equal(repo_soa_progress(fx->store, fx->org, &p, &err), 0);
	assert_int_equal(p.started, 1);
	assert_int_equal(p.applicable, 1);
	assert_int_equal(p.excluded, 1);
	assert_int_equal(p.undecided, 91);
	assert_int_equal(p.by_status[SOA_PARTLY], 1);
	assert_int_equal(p.by_status[SOA_NOT_APPLICABLE], 1);
	assert_int_equal(p.by_status[SOA_IMPLEMENTED], 0);

	/* The other organisation sees none of it. */
	assert_int_equal(repo_soa_progress(fx->store, fx->other, &p, &err), 0);
	assert_int_equal(p.started, 0);
	assert_int_equal(repo_soa_get(fx->store, &fx->arena, fx->other, "5.10",
				      &got, &err),
			 0);
	soa_entry_init(&e, "5.10");
	assert_int_equal(repo_soa_put(fx->store, fx->other, &e, now0, &err),
			 -1);
	assert_int_equal(err.code, ERROR_NOT_FOUND);
}

/* Every control applicable for good practice and implemented. */
static void decide_all(struct fixture *fx, int64_t org)
{
	size_t i;

	start(fx, org);
	for (i = 0; i < fx->cat->control_count; i++) {
		struct soa_entry e;

		soa_entry_init(&e, fx->ids[i]);
		e.applicable = SOA_APPLICABLE;
		e.reasons = SOA_REASON_PRACTICE;
		e.status = SOA_IMPLEMENTED;
		put(fx, org, &e);
	}
}

static void test_repo_soa__versions(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct soa_version *v, one;
	struct soa_entry *rows, e;
	struct soa_progress p;
	size_t n;
	int64_t no = 0;

	decide_all(fx, fx->org);
	assert_int_equal(repo_soa_approve(fx->store, fx->org, "boss@example.jp",
					  "2024-05-01", now0 + 100, &no, &err),
			 0);
	assert_int_equal(no, 1);
	soa_entry_init(&e, "8.34");
	e.applicable = SOA_EXCLUDED;
	e.justification = "監査ツールを使わないため";
	e.status = SOA_NOT_APPLICABLE;
	put(fx, fx->org, &e);
	assert_int_equal(repo_soa_approve(fx->store, fx->org, "boss@example.jp",
					  "2024-05-02", now0 + 200, &no, &err),
			 0);
	assert_int_equal(no, 2);
	/* Another organisation numbers its own from 1. */
	decide_all(fx, fx->other);
	assert_int_equal(repo_soa_approve(fx->store, fx->other,
					  "owner@example.jp", "2024-05-03",
					  now0 + 300, &no, &err),
			 0);
	assert_int_equal(no, 1);

	assert_int_equal(repo_soa_versions(fx->store, &fx->arena, fx->org, &v,
					   &n, &err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].no, 2); /* newest first */
	assert_int_equal(v[0].applicable, 92);
	assert_int_equal(v[0].excluded, 1);
	assert_string_equal(v[0].approved_on, "2024-05-02");
	assert_int_equal(v[1].no, 1);
	assert_int_equal(v[1].applicable, 93);
	assert_int_equal(v[1].excluded, 0);
	assert_string_equal(v[1].approved_by, "boss@example.jp");
	assert_int_equal(v[1].approved_at, now0 + 100);

	/* A version is a snapshot: later changes do not reach it. */
	assert_int_equal(repo_soa_version_get(fx->store, &fx->arena, fx->org, 1,
					      &one, &rows, &n, &err),
			 1);
	assert_int_equal(n, 93);
	assert_string_equal(rows[92].control, "8.34");
	assert_int_equal(rows[92].applicable, SOA_APPLICABLE);
	assert_int_equal(rows[92].status, SOA_IMPLEMENTED);
	assert_int_equal(repo_soa_version_get(fx->store, &fx->arena, fx->org, 2,
					      &one, &rows, &n, &err),
			 1);
	assert_int_equal(rows[92].applicable, SOA_EXCLUDED);
	assert_string_equal(rows[92].justification, "監査ツールを使わないため");
	assert_int_equal(repo_soa_version_get(fx->store, &fx->arena, fx->org, 3,
					      &one, &rows, &n, &err),
			 0);
	/* The other organisation's version 1 is not this one's. */
	assert_int_equal(repo_soa_versions(fx->store, &fx->arena, fx->other, &v,
					   &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].approved_by, "owner@example.jp");

	assert_int_equal(repo_soa_progress(fx->store, fx->org, &p, &err), 0);
	assert_int_equal(p.version_no, 2);
	assert_int_equal(p.approved_at, now0 + 200);
	assert_int_equal(p.by_status[SOA_IMPLEMENTED], 92);

	/* Approved versions never change, even by hand. */
	sql_refused(fx,
		    "UPDATE soa_version SET approved_by = 'x' WHERE"
		    " org_id = ?",
		    fx->org);
	sql_refused(fx,
		    "UPDATE soa_version_entry SET owner = 'x' WHERE"
		    " org_id = ?",
		    fx->org);
	/* Deleting the organisation takes everything with it. */
	sql_run(fx, "DELETE FROM organisation WHERE id = ?", fx->other);
	assert_int_equal(sql_int(fx,
				 "SELECT (SELECT count(*) FROM soa_entry WHERE"
				 " org_id = ?1) + (SELECT count(*) FROM"
				 " soa_version WHERE org_id = ?1) + (SELECT"
				 " count(*) FROM soa_version_entry WHERE"
				 " org_id = ?1)",
				 fx->other),
			 0);
}

static void test_repo_soa__decisions(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct soa_decision d, *rows;
	size_t n;

	d = (struct soa_decision){ "5.15", "risk", "3,7", 0 };
	assert_int_equal(repo_soa_decide(fx->store, fx->org, &d,
					 "lead@example.jp", now0, &err),
			 0);
	d = (struct soa_decision){ "8.3", "diagnosis:7", "2", 1 };
	assert_int_equal(repo_soa_decide(fx->store, fx->org, &d,
					 "lead@example.jp", now0, &err),
			 0);
	/* The same control and source again: replaced, not added. */
	d = (struct soa_decision){ "5.15", "risk", "3", 1 };
	assert_int_equal(repo_soa_decide(fx->store, fx->org, &d,
					 "boss@example.jp", now0 + 5, &err),
			 0);
	assert_int_equal(repo_soa_decisions(fx->store, &fx->arena, fx->org,
					    &rows, &n, &err),
			 0);
	assert_int_equal(n, 2);
	for (; n; n--, rows++) {
		if (strcmp(rows->control, "5.15"))
			continue;
		assert_string_equal(rows->basis, "3");
		assert_int_equal(rows->accepted, 1);
	}
	assert_int_equal(repo_soa_decisions(fx->store, &fx->arena, fx->other,
					    &rows, &n, &err),
			 0);
	assert_int_equal(n, 0);
}

/* An open assessment of org with one asset and risks choosing controls. */
static void risks(struct fixture *fx, int64_t org)
{
	sql_run(fx,
		"INSERT INTO risk_assessment (org_id, no, method, low_max,"
		" medium_max, started_by, started_at) VALUES (?1, 1, 'ipa',"
		" 2, 4, 'boss@example.jp', 0)",
		org);
	sql_run(fx,
		"INSERT INTO asset (org_id, name, medium, registered_on,"
		" created_at, updated_at) VALUES (?1, '顧客名簿', 'paper',"
		" '2024-04-01', 0, 0)",
		org);
	sql_run(fx,
		"INSERT INTO risk (org_id, assessment_id, asset_id, threat_id,"
		" vulnerability, level, created_at, updated_at) SELECT ?1,"
		" a.id, s.id, 't01', '施錠なし', 6, 0, 0 FROM risk_assessment a,"
		" asset s WHERE a.org_id = ?1 AND s.org_id = ?1",
		org);
	sql_run(fx,
		"INSERT INTO risk (org_id, assessment_id, asset_id, threat,"
		" vulnerability, created_at, updated_at) SELECT ?1, a.id,"
		" s.id, '持ち出し', '規則なし', 0, 0 FROM risk_assessment a,"
		" asset s WHERE a.org_id = ?1 AND s.org_id = ?1",
		org);
	/* The second risk chooses 5.10 and 5.9; the first 5.10 only. */
	sql_run(fx,
		"INSERT INTO risk_control (risk_id, kind, ref, org_id) SELECT"
		" id, 'control', '5.10', ?1 FROM risk WHERE org_id = ?1"
		" UNION ALL SELECT max(id), 'control', '5.9', ?1 FROM risk"
		" WHERE org_id = ?1 UNION ALL SELECT max(id), 'guideline',"
		" '3.1.1', ?1 FROM risk WHERE org_id = ?1",
		org);
}

static void test_repo_soa__risk_links(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct soa_risk_link *l;
	size_t n;

	assert_int_equal(repo_soa_risk_links(fx->store, &fx->arena, fx->org,
					     NULL, &l, &n, &err),
			 0);
	assert_int_equal(n, 0);
	risks(fx, fx->org);
	assert_int_equal(repo_soa_risk_links(fx->store, &fx->arena, fx->org,
					     NULL, &l, &n, &err),
			 0);
	/* Control order (5.9 before 5.10), then risk id; no guideline. */
	assert_int_equal(n, 3);
	assert_string_equal(l[0].control, "5.9");
	assert_string_equal(l[1].control, "5.10");
	assert_string_equal(l[2].control, "5.10");
	assert_true(l[1].risk_id < l[2].risk_id);
	assert_string_equal(l[1].asset_name, "顧客名簿");
	assert_string_equal(l[1].threat_id, "t01");
	assert_int_equal(l[1].level, 6);
	assert_string_equal(l[2].threat, "持ち出し");
	assert_int_equal(l[2].level, -1);
	assert_int_equal(repo_soa_risk_links(fx->store, &fx->arena, fx->org,
					     "5.9", &l, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(repo_soa_risk_links(fx->store, &fx->arena, fx->other,
					     NULL, &l, &n, &err),
			 0);
	assert_int_equal(n, 0);
	/* A closed assessment's treatments no longer count. */
	sql_run(fx,
		"UPDATE risk_assessment SET closed_at = 1, closed_by = 'x'"
		" WHERE org_id = ?",
		fx->org);
	assert_int_equal(repo_soa_risk_links(fx->store, &fx->arena, fx->org,
					     NULL, &l, &n, &err),
			 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_repo_soa__not_started,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_repo_soa__start_put_list,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_repo_soa__versions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_repo_soa__decisions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_repo_soa__risk_links,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
