/* test_store.c: opening, claiming, migrating and transactions of the
 * store, and the organisation repository, against SQLite in memory and in
 * a temporary file.  <sqlite3.h> prepares fixture files and inspects them
 * over a connection of its own. */
#include "util/compat.h"
#include "store/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <unistd.h>

#include "store/driver.h"
#include "store/repo_org.h"
#include "util/arena.h"
#include "util/error.h"

static const char *const memory_url = "sqlite::memory:";

/* A temporary file name (the file exists, empty) and the store under test. */
struct fixture {
	char path[64];
	char url[80];
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	int fd;

	if (!fx)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "/tmp/mamori-test-XXXXXX");
	fd = mkstemp(fx->path);
	if (fd < 0) {
		free(fx);
		return -1;
	}
	close(fd);
	snprintf(fx->url, sizeof(fx->url), "sqlite:%s", fx->path);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char side[96];

	store_close(fx->store);
	unlink(fx->path);
	snprintf(side, sizeof(side), "%s-wal", fx->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", fx->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-journal", fx->path);
	unlink(side);
	free(fx);
	return 0;
}

/* Opens url (creating it) and brings it to the newest schema. */
static struct store *open_migrated(const char *url)
{
	struct store *s = NULL;
	struct error err = ERROR_INIT;
	int applied = -1;

	assert_int_equal(store_open(url, 1, &s, &err), 0);
	assert_non_null(s);
	assert_int_equal(store_migrate(s, &applied, &err), 0);
	assert_int_equal(err.code, ERROR_NONE);
	return s;
}

/* Runs sql on the file over a connection of its own. */
static void file_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "# %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		fail();
	}
	sqlite3_close(db);
}

/* Returns the integer of the first row of sql, run on the file. */
static int64_t file_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Copies the text of the first row of sql, run on the file, into out. */
static void file_text(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	const unsigned char *s;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = sqlite3_column_text(st, 0);
	snprintf(out, size, "%s", s ? (const char *)s : "(null)");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Returns the integer of the first row of sql, run through the store. */
static int64_t store_int(struct store *s, const char *sql)
{
	struct store_stmt st;
	struct error err = ERROR_INIT;
	int64_t v;

	assert_int_equal(stmt_prepare(s, sql, &st, &err), 0);
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	v = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return v;
}

/* Reads the whole file into buf; returns its length. */
static size_t read_file(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, size, fp);
	fclose(fp);
	return n;
}

static void assert_error(const struct error *err, enum error_code code,
			 const char *key)
{
	assert_int_equal(err->code, code);
	assert_string_equal(err->key, key);
}

static void test_store__schema_latest(void **state)
{
	(void)state;
	/* 0001-organisations-and-accounts.sql at least. */
	assert_true(store_schema_latest() >= 1);
}

static void test_store__memory_open_and_migrate(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	int version = -1, applied = -1;

	assert_int_equal(store_open(memory_url, 1, &fx->store, &err), 0);
	assert_non_null(fx->store);
	assert_int_equal(store_kind(fx->store), STORE_SQLITE);
	assert_int_equal(store_schema_version(fx->store, &version, &err), 0);
	assert_int_equal(version, 0);

	assert_int_equal(store_migrate(fx->store, &applied, &err), 0);
	assert_int_equal(applied, store_schema_latest());
	assert_int_equal(store_schema_version(fx->store, &version, &err), 0);
	assert_int_equal(version, store_schema_latest());
	assert_int_equal(store_int(fx->store,
				   "SELECT count(*) FROM schema_migration"),
			 store_schema_latest());
	assert_int_equal(store_int(fx->store,
				   "SELECT count(*) FROM sqlite_schema WHERE "
				   "type = 'table' AND name IN ('organisation',"
				   " 'account', 'membership')"),
			 3);

	/* A second run has nothing to do. */
	applied = -1;
	assert_int_equal(store_migrate(fx->store, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(fx->store, &version, &err), 0);
	assert_int_equal(version, store_schema_latest());
	/* applied may be NULL. */
	assert_int_equal(store_migrate(fx->store, NULL, &err), 0);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_store__file_open_and_migrate(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	int version = -1, applied = -1;
	char mode[32];

	fx->store = open_migrated(fx->url);
	store_close(fx->store);
	fx->store = NULL;

	/* The schema stays; a plain path (no "sqlite:") names SQLite too. */
	assert_int_equal(store_open(fx->path, 0, &fx->store, &err), 0);
	assert_int_equal(store_kind(fx->store), STORE_SQLITE);
	assert_int_equal(store_schema_version(fx->store, &version, &err), 0);
	assert_int_equal(version, store_schema_latest());
	assert_int_equal(store_migrate(fx->store, &applied, &err), 0);
	assert_int_equal(applied, 0);
	store_close(fx->store);
	fx->store = NULL;

	/* The file is marked as mamori's and is in WAL mode. */
	assert_int_equal(file_int(fx->path, "PRAGMA application_id"),
			 0x6d616d6f);
	file_text(fx->path, "PRAGMA journal_mode", mode, sizeof(mode));
	assert_string_equal(mode, "wal");
	assert_int_equal(file_int(fx->path, "SELECT max(version) FROM "
					    "schema_migration"),
			 store_schema_latest());
}

static void test_store__foreign_keys_on(void **state)
{
	struct fixture *fx = *state;

	fx->store = open_migrated(memory_url);
	assert_int_equal(store_int(fx->store, "PRAGMA foreign_keys"), 1);
	store_close(fx->store);
	fx->store = open_migrated(fx->url);
	assert_int_equal(store_int(fx->store, "PRAGMA foreign_keys"), 1);
}

static void test_store__too_new_refused(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	char sql[256], have[16], know[16];
	int latest = store_schema_latest(), version = -1, applied = -7;

	/* A mamori file that a newer binary has migrated to latest + 1. */
	snprintf(sql, sizeof(sql),
		 "PRAGMA application_id = 1835101551;"
		 "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
		 " applied_at TEXT NOT NULL) STRICT;"
		 "INSERT INTO schema_migration VALUES (%d, '2030-01-01');",
		 latest + 1);
	file_exec(fx->path, sql);

	assert_int_equal(store_open(fx->path, 0, &fx->store, &err), 0);
	assert_int_equal(store_schema_version(fx->store, &version, &err), 0);
	assert_int_equal(version, latest + 1);
	assert_int_equal(store_migrate(fx->store, &applied, &err), -1);
	assert_error(&err, ERROR_STORE, "store.too_new");
	snprintf(have, sizeof(have), "%d", latest + 1);
	snprintf(know, sizeof(know), "%d", latest);
	assert_int_equal(err.argc, 2);
	assert_string_equal(err.args[0], have);
	assert_string_equal(err.args[1], know);
	assert_int_equal(applied, -7);
	store_close(fx->store);
	fx->store = NULL;

	/* Nothing changed: no migration ran, none was recorded. */
	assert_int_equal(
		file_int(fx->path, "SELECT count(*) FROM sqlite_schema"), 1);
	assert_int_equal(
		file_int(fx->path, "SELECT count(*) FROM schema_migration"), 1);
	assert_int_equal(file_int(fx->path, "SELECT max(version) FROM "
					    "schema_migration"),
			 latest + 1);
}

static void test_store__not_mamori_refused(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct error err = ERROR_INIT;

	file_exec(fx->path, "CREATE TABLE notes (body TEXT);"
			    "INSERT INTO notes VALUES ('keep me');");
	assert_int_equal(store_open(fx->url, 1, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_STORE, "store.not_mamori");
	assert_int_equal(err.argc, 1);
	assert_non_null(strstr(err.args[0], fx->path + 5));

	/* The file was left alone: not claimed, not migrated. */
	assert_int_equal(file_int(fx->path, "PRAGMA application_id"), 0);
	assert_int_equal(
		file_int(fx->path, "SELECT count(*) FROM sqlite_schema"), 1);
	assert_int_equal(file_int(fx->path, "SELECT count(*) FROM notes"), 1);
}

static void test_store__foreign_application_refused(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct error err = ERROR_INIT;

	/* Another program's empty file, marked with its own id. */
	file_exec(fx->path, "PRAGMA application_id = 42;");
	assert_int_equal(store_open(fx->path, 1, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_STORE, "store.not_mamori");
	assert_int_equal(file_int(fx->path, "PRAGMA application_id"), 42);
}

static void test_store__not_sqlite_refused(void **state)
{
	static const char text[] = "this is a text file, not a database\n"
				   "it has more than one line\n";
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct error err = ERROR_INIT;
	char after[256];
	FILE *fp = fopen(fx->path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, sizeof(text) - 1, fp),
			 sizeof(text) - 1);
	fclose(fp);
	assert_int_equal(store_open(fx->path, 1, &s, &err), -1);
	assert_null(s);
	assert_int_equal(err.code, ERROR_STORE);
	assert_true(err.key[0] != '\0');
	/* The file is untouched. */
	assert_int_equal(read_file(fx->path, after, sizeof(after)),
			 sizeof(text) - 1);
	assert_memory_equal(after, text, sizeof(text) - 1);
}

static void test_store__missing_file_without_create(void **state)
{
	struct fixture *fx = *state;
	struct store *s = NULL;
	struct error err = ERROR_INIT;
	char missing[96], url[112];

	snprintf(missing, sizeof(missing), "%s.missing", fx->path);
	snprintf(url, sizeof(url), "sqlite:%s", missing);
	assert_int_equal(store_open(url, 0, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_STORE, "store.cannot_open");
	assert_int_equal(err.argc, 1);
	assert_string_equal(err.args[0], missing);
	/* Nothing was created. */
	assert_int_equal(access(missing, F_OK), -1);

	/* A folder that does not exist fails the same way, even with create. */
	error_clear(&err);
	snprintf(missing, sizeof(missing), "%s.dir/x.db", fx->path);
	assert_int_equal(store_open(missing, 1, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_STORE, "store.cannot_open");
}

static void test_store__bad_urls(void **state)
{
	static const char *const no_engine[] = { "postgres://x",
						 "postgresql://db/mamori" };
	struct store *s = NULL;
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(no_engine); i++) {
		error_clear(&err);
		assert_int_equal(store_open(no_engine[i], 1, &s, &err), -1);
		assert_null(s);
		assert_error(&err, ERROR_STORE, "store.no_engine");
		assert_string_equal(err.args[0], no_engine[i]);
	}

	error_clear(&err);
	assert_int_equal(store_open("sqlite:", 1, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_INPUT, "store.bad_url");
	assert_string_equal(err.args[0], "sqlite:");

	error_clear(&err);
	assert_int_equal(store_open("", 1, &s, &err), -1);
	assert_null(s);
	assert_error(&err, ERROR_INPUT, "store.bad_url");
}

static void test_store__org_round_trip(void **state)
{
	struct fixture *fx = *state;
	const struct organisation orgs[] = {
		{ 0, "株式会社まもり（サンプル）", 1, "2024-04-01T00:00:00Z" },
		{ 0, "合同会社 東京精機", 0, "2024-04-02T09:30:00Z" },
		{ 0, "O'Brien & \"Sons\"; DROP TABLE organisation;", 0,
		  "2024-04-03T00:00:00Z" },
	};
	int64_t ids[ARRAY_SIZE(orgs)];
	struct arena arena = ARENA_INIT;
	struct organisation *rows = NULL;
	struct error err = ERROR_INIT;
	size_t count = 99, i;

	arena_init(&arena, 1024);
	fx->store = open_migrated(memory_url);
	assert_int_equal(repo_org_list(fx->store, &arena, &rows, &count, &err),
			 0);
	assert_int_equal(count, 0);

	for (i = 0; i < ARRAY_SIZE(orgs); i++) {
		ids[i] = -1;
		assert_int_equal(
			repo_org_insert(fx->store, &orgs[i], &ids[i], &err), 0);
		assert_true(ids[i] > 0);
		if (i)
			assert_true(ids[i] > ids[i - 1]);
	}
	assert_int_equal(repo_org_list(fx->store, &arena, &rows, &count, &err),
			 0);
	assert_int_equal(count, ARRAY_SIZE(orgs));
	for (i = 0; i < count; i++) {
		assert_int_equal(rows[i].id, ids[i]);
		assert_string_equal(rows[i].name, orgs[i].name);
		assert_int_equal(rows[i].is_sample, orgs[i].is_sample);
		assert_string_equal(rows[i].created_at, orgs[i].created_at);
	}
	assert_int_equal(err.code, ERROR_NONE);
	arena_release(&arena);
}

static void test_store__org_constraint(void **state)
{
	struct fixture *fx = *state;
	const struct organisation empty = {
		0,
		"",
		0,
		"2024-04-01T00:00:00Z",
	};
	struct error err = ERROR_INIT;
	int64_t id = -5;

	fx->store = open_migrated(memory_url);
	/* The schema refuses an empty name even when a caller forgot. */
	assert_int_equal(repo_org_insert(fx->store, &empty, &id, &err), -1);
	assert_int_equal(id, -5);
	assert_error(&err, ERROR_CONFLICT, "store.constraint");
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM organisation"), 0);
}

static void test_store__account_duplicate_email(void **state)
{
	struct fixture *fx = *state;
	const struct account first = { 0, "sato@example.jp", "佐藤 花子",
				       "2024-04-01T00:00:00Z", 1 };
	const struct account second = { 0, "sato@example.jp", "佐藤 一郎",
					"2024-04-02T00:00:00Z", 0 };
	const char *hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
	struct error err = ERROR_INIT;
	int64_t id1 = -1, id2 = -1;

	fx->store = open_migrated(memory_url);
	assert_int_equal(
		repo_account_insert(fx->store, &first, hash, &id1, &err), 0);
	assert_true(id1 > 0);
	assert_int_equal(
		repo_account_insert(fx->store, &second, hash, &id2, &err), -1);
	assert_int_equal(id2, -1);
	assert_error(&err, ERROR_CONFLICT, "account.exists");
	assert_int_equal(err.argc, 1);
	assert_string_equal(err.args[0], "sato@example.jp");
	assert_int_equal(store_int(fx->store, "SELECT count(*) FROM account"),
			 1);
	/* The flag for a generated password is stored as given. */
	assert_int_equal(store_int(fx->store, "SELECT must_change_password "
					      "FROM account"),
			 1);
}

static void test_store__membership(void **state)
{
	struct fixture *fx = *state;
	const struct organisation org = { 0, "株式会社まもり", 0,
					  "2024-04-01T00:00:00Z" };
	const struct account acc = { 0, "ito@example.jp", "伊藤",
				     "2024-04-01T00:00:00Z", 0 };
	struct error err = ERROR_INIT;
	struct store_stmt st;
	int64_t org_id = 0, acc_id = 0;

	fx->store = open_migrated(memory_url);
	assert_int_equal(repo_org_insert(fx->store, &org, &org_id, &err), 0);
	assert_int_equal(
		repo_account_insert(fx->store, &acc, "h", &acc_id, &err), 0);

	assert_int_equal(repo_membership_add(fx->store, org_id, acc_id,
					     ROLE_SECURITY_LEAD, NULL,
					     "2024-04-01T00:00:00Z", &err),
			 0);
	assert_int_equal(repo_membership_add(fx->store, org_id, acc_id,
					     ROLE_AUDITOR, "2024-12-31",
					     "2024-04-01T00:00:00Z", &err),
			 0);
	assert_int_equal(err.code, ERROR_NONE);
	assert_int_equal(stmt_prepare(fx->store,
				      "SELECT role, expires_on FROM membership"
				      " ORDER BY role",
				      &st, &err),
			 0);
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	assert_string_equal(stmt_column_text(&st, 0), "auditor");
	assert_string_equal(stmt_column_text(&st, 1), "2024-12-31");
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	assert_string_equal(stmt_column_text(&st, 0), "security_lead");
	assert_null(stmt_column_text(&st, 1));
	assert_int_equal(stmt_step(&st, &err), STEP_DONE);
	stmt_finalize(&st);

	/* The same role twice is refused. */
	assert_int_equal(repo_membership_add(fx->store, org_id, acc_id,
					     ROLE_AUDITOR, NULL,
					     "2024-04-02T00:00:00Z", &err),
			 -1);
	assert_error(&err, ERROR_CONFLICT, "store.constraint");
}

static void test_store__membership_unknown_org(void **state)
{
	struct fixture *fx = *state;
	const struct account acc = { 0, "ito@example.jp", "伊藤",
				     "2024-04-01T00:00:00Z", 0 };
	struct error err = ERROR_INIT;
	int64_t acc_id = 0;

	fx->store = open_migrated(memory_url);
	assert_int_equal(
		repo_account_insert(fx->store, &acc, "h", &acc_id, &err), 0);
	assert_int_equal(repo_membership_add(fx->store, 4242, acc_id,
					     ROLE_EMPLOYEE, NULL,
					     "2024-04-01T00:00:00Z", &err),
			 -1);
	assert_error(&err, ERROR_CONFLICT, "store.constraint");
	assert_non_null(strstr(err.args[0], "FOREIGN KEY"));

	/* An unknown account as well. */
	error_clear(&err);
	assert_int_equal(repo_membership_add(fx->store, 1, acc_id + 100,
					     ROLE_EMPLOYEE, NULL,
					     "2024-04-01T00:00:00Z", &err),
			 -1);
	assert_int_equal(err.code, ERROR_CONFLICT);
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM membership"), 0);
}

static void test_store__rollback_leaves_nothing(void **state)
{
	struct fixture *fx = *state;
	const struct organisation org = { 0, "ロールバック株式会社", 0,
					  "2024-04-01T00:00:00Z" };
	struct error err = ERROR_INIT;
	int64_t id = 0;

	fx->store = open_migrated(memory_url);
	/* Without a transaction, rollback does nothing. */
	store_rollback(fx->store);

	assert_int_equal(store_begin(fx->store, &err), 0);
	assert_int_equal(repo_org_insert(fx->store, &org, &id, &err), 0);
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM organisation"), 1);
	store_rollback(fx->store);
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM organisation"), 0);
	/* A new transaction can start after a rollback. */
	assert_int_equal(store_begin(fx->store, &err), 0);
	store_rollback(fx->store);
	store_rollback(fx->store);
}

static void test_store__commit_keeps_rows(void **state)
{
	struct fixture *fx = *state;
	const struct organisation org = { 0, "コミット株式会社", 0,
					  "2024-04-01T00:00:00Z" };
	struct error err = ERROR_INIT;
	int64_t id = 0;

	fx->store = open_migrated(fx->url);
	assert_int_equal(store_begin(fx->store, &err), 0);
	assert_int_equal(repo_org_insert(fx->store, &org, &id, &err), 0);
	assert_int_equal(store_commit(fx->store, &err), 0);
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM organisation"), 1);

	/* Closing with a transaction open rolls it back. */
	assert_int_equal(store_begin(fx->store, &err), 0);
	assert_int_equal(repo_org_insert(fx->store, &org, &id, &err), 0);
	store_close(fx->store);
	fx->store = NULL;

	/* Another connection sees exactly the committed row. */
	assert_int_equal(
		file_int(fx->path, "SELECT count(*) FROM organisation"), 1);
	fx->store = open_migrated(fx->url);
	assert_int_equal(
		store_int(fx->store, "SELECT count(*) FROM organisation"), 1);
}

static void test_store__close_null(void **state)
{
	(void)state;
	store_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_store__schema_latest),
		T(test_store__memory_open_and_migrate),
		T(test_store__file_open_and_migrate),
		T(test_store__foreign_keys_on),
		T(test_store__too_new_refused),
		T(test_store__not_mamori_refused),
		T(test_store__foreign_application_refused),
		T(test_store__not_sqlite_refused),
		T(test_store__missing_file_without_create),
		T(test_store__bad_urls),
		T(test_store__org_round_trip),
		T(test_store__org_constraint),
		T(test_store__account_duplicate_email),
		T(test_store__membership),
		T(test_store__membership_unknown_org),
		T(test_store__rollback_leaves_nothing),
		T(test_store__commit_keeps_rows),
		T(test_store__close_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
