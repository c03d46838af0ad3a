/* repo_backup.c: the backup log and the checks of a data file's copy. */
#include "util/compat.h"
#include "store/repo_backup.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"

static const char *const kind_names[BACKUP_KIND_COUNT] = {
	[BACKUP_KIND_BACKUP] = "backup",
	[BACKUP_KIND_RESTORE_TEST] = "restore_test",
	[BACKUP_KIND_RESTORE] = "restore",
};

const char *backup_kind_name(enum backup_kind kind)
{
	if ((unsigned)kind >= BACKUP_KIND_COUNT)
		BUG("backup kind %d", (int)kind);
	return kind_names[kind];
}

int repo_backup_log_add(struct store *store, const struct backup_entry *e,
			int64_t *id, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "INSERT INTO backup_log (kind, at, file, sha256, size,"
			 " ok, message, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
			 " RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, backup_kind_name(e->kind), err) ||
	    stmt_bind_int(&st, 2, e->at, err) ||
	    stmt_bind_text(&st, 3, e->file, err) ||
	    stmt_bind_text(&st, 4, e->sha256 ? e->sha256 : "", err) ||
	    stmt_bind_int(&st, 5, e->size, err) ||
	    stmt_bind_int(&st, 6, e->ok ? 1 : 0, err) ||
	    stmt_bind_text(&st, 7, e->message ? e->message : "", err) ||
	    stmt_bind_text(&st, 8, e->actor, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW && id)
		*id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

#define ENTRY_COLUMNS                                                 \
	"SELECT id, kind, at, file, sha256, size, ok, message, actor" \
	" FROM backup_log"

static void read_entry(struct arena *arena, struct store_stmt *st,
		       struct backup_entry *e)
{
	const char *kind = stmt_text(NULL, st, 1);
	int k = parse_name(kind_names, BACKUP_KIND_COUNT, kind);

	e->id = stmt_column_int(st, 0);
	/* The table's CHECK admits only the three names. */
	e->kind = k < 0 ? BACKUP_KIND_BACKUP : (enum backup_kind)k;
	e->at = stmt_column_int(st, 2);
	e->file = stmt_text(arena, st, 3);
	e->sha256 = stmt_text(arena, st, 4);
	e->size = stmt_column_int(st, 5);
	e->ok = (int)stmt_column_int(st, 6);
	e->message = stmt_text(arena, st, 7);
	e->actor = stmt_text(arena, st, 8);
}

int repo_backup_log_list(struct store *store, struct arena *arena, size_t limit,
			 struct backup_entry **rows, size_t *count,
			 struct error *err)
{
	struct store_stmt st;
	struct backup_entry *out;
	size_t n = 0;
	int rc = STEP_DONE;

	out = arena_calloc(arena, limit ? limit : 1, sizeof(*out));
	if (stmt_prepare(store,
			 ENTRY_COLUMNS " ORDER BY at DESC, id DESC"
				       " LIMIT ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, (int64_t)limit, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while (n < limit && (rc = stmt_step(&st, err)) == STEP_ROW)
		read_entry(arena, &st, &out[n++]);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	*rows = out;
	*count = n;
	return 0;
}

/* The newest entry of the kinds named ?1 and ?2 and an ok of at least ?3. */
static int last_entry(struct store *store, struct arena *arena,
		      enum backup_kind kind, int ok_only,
		      struct backup_entry *out, struct error *err)
{
	struct store_stmt st;
	enum backup_kind also =
		kind == BACKUP_KIND_RESTORE_TEST ? BACKUP_KIND_RESTORE : kind;
	int rc;

	if (stmt_prepare(store,
			 ENTRY_COLUMNS " WHERE kind IN (?1, ?2) AND ok >= ?3"
				       " ORDER BY at DESC, id DESC LIMIT 1",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, backup_kind_name(kind), err) ||
	    stmt_bind_text(&st, 2, backup_kind_name(also), err) ||
	    stmt_bind_int(&st, 3, ok_only ? 1 : 0, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		read_entry(arena, &st, out);
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : rc == STEP_ROW;
}

int repo_backup_last_ok(struct store *store, struct arena *arena,
			enum backup_kind kind, struct backup_entry *out,
			struct error *err)
{
	return last_entry(store, arena, kind, 1, out, err);
}

int repo_backup_last(struct store *store, struct arena *arena,
		     enum backup_kind kind, struct backup_entry *out,
		     struct error *err)
{
	return last_entry(store, arena, kind, 0, out, err);
}

int repo_backup_check(struct store *store, struct arena *arena,
		      const char **problem, struct error *err)
{
	struct store_stmt st;
	const char *first = NULL;
	int rc;

	*problem = NULL;
	/* integrity_check answers one row "ok", or up to 100 findings. */
	if (stmt_prepare(store, "PRAGMA integrity_check(1)", &st, err))
		return -1;
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		first = stmt_text(arena, &st, 0);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (!first || strcmp(first, "ok")) {
		*problem = first ? first : "integrity_check";
		return 0;
	}
	/* A row here is a reference to a row that is not there. */
	if (stmt_prepare(store,
			 "SELECT \"table\" || ' ' || coalesce(rowid, '') ||"
			 " ' -> ' || parent FROM pragma_foreign_key_check",
			 &st, err))
		return -1;
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		*problem = arena_printf(arena, "foreign_key_check: %s",
					stmt_text(NULL, &st, 0));
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}
