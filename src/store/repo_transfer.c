/*
 * repo_transfer.c: one organisation moved between installations, table by
 * table as the schema describes them.
 *
 * The SQL here is built from the names of tables and columns, read from
 * the schema of this binary's own data file (never from the file being
 * imported, never from input) and checked to be plain lower-case
 * identifiers before use; every value is bound.
 */
#include "util/compat.h"
#include "store/repo_transfer.h"

#include <ctype.h>

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

/*
 * The tables without org_id, and the few with one that do not move; every
 * other table holds an organisation's rows and moves with it.
 */
static const struct {
	const char *name;
	enum transfer_use use;
} known_tables[] = {
	{ "organisation", TRANSFER_ORG },
	{ "account", TRANSFER_ACCOUNTS },
	{ "audit_event", TRANSFER_TRAIL },
	/* Logins and tokens of this installation must not work elsewhere. */
	{ "session", TRANSFER_SECRET },
	{ "api_token", TRANSFER_SECRET },
	{ "recovery_code", TRANSFER_SECRET },
	/* An uploaded register between preview and import, gone in a day. */
	{ "import_batch", TRANSFER_TRANSIENT },
	/* Counters that triggers keep as the rows above arrive. */
	{ "asset_count", TRANSFER_DERIVED },
	{ "risk_cell", TRANSFER_DERIVED },
	{ "schema_migration", TRANSFER_INSTALLATION },
	{ "backup_log", TRANSFER_INSTALLATION },
};

/*
 * Columns that look like references but are copied as they are: the hash
 * of an archived event covers the account number it was written with.
 */
static const char *const kept_columns[] = {
	"audit_archive.account_id",
};

/* What a column of a moving table becomes in the new installation. */
enum column_map {
	MAP_KEEP,    /* the same value */
	MAP_ORG,     /* the new organisation's id */
	MAP_ACCOUNT, /* the account with the same e-mail address */
	MAP_OWN_ID,  /* the row's own id, renumbered */
	MAP_REF,     /* the id of a row of table ref, renumbered alike */
	MAP_SKIP,    /* generated: never written */
};

struct column {
	const char *name;
	enum column_map map;
	const char *ref; /* MAP_REF: the table whose ids it holds */
	int is_int;	 /* declared INTEGER (or INT) */
};

struct table {
	const char *name;
	enum transfer_use use;
	int has_org_id;
	int int_id; /* its key is the INTEGER PRIMARY KEY "id" */
	struct column *cols;
	size_t col_count;
};

/* A plain lower-case identifier, safe to quote into SQL. */
static int ident_ok(const char *s)
{
	size_t i;

	if (!s || !*s || strlen(s) > 63 ||
	    !(islower((unsigned char)*s) || *s == '_'))
		return 0;
	for (i = 0; s[i]; i++)
		if (!(islower((unsigned char)s[i]) ||
		      isdigit((unsigned char)s[i]) || s[i] == '_'))
			return 0;
	return 1;
}

static int bad_name(const char *s, struct error *err)
{
	return error_set(err, ERROR_STORE, "backup.transfer_bad_name",
			 s ? s : "", NULL);
}

/* Reads the columns of t (and whether it has org_id and an int id). */
static int load_columns(struct store *store, struct arena *arena,
			struct table *t, struct error *err)
{
	struct store_stmt st;
	struct column *cols = NULL;
	size_t n = 0, cap = 0;
	int rc, pk_count = 0, id_is_pk = 0;

	if (stmt_prepare(store,
			 "SELECT name, upper(type), pk, hidden"
			 " FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, t->name, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		const char *name = stmt_text(arena, &st, 0);
		const char *type = stmt_text(NULL, &st, 1);
		int64_t pk = stmt_column_int(&st, 2);
		int64_t hidden = stmt_column_int(&st, 3);

		if (!ident_ok(name)) {
			stmt_finalize(&st);
			return bad_name(name, err);
		}
		ALLOC_GROW(cols, n + 1, cap);
		cols[n].name = name;
		cols[n].ref = NULL;
		cols[n].is_int = strstr(type, "INT") != NULL;
		/* 2 and 3 are generated columns, computed by the engine. */
		cols[n].map = hidden >= 2 ? MAP_SKIP : MAP_KEEP;
		if (pk)
			pk_count++;
		if (pk && !strcmp(name, "id") && !strcmp(type, "INTEGER"))
			id_is_pk = 1;
		if (!strcmp(name, "org_id"))
			t->has_org_id = 1;
		n++;
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR) {
		free(cols);
		return -1;
	}
	t->int_id = id_is_pk && pk_count == 1;
	t->cols = store_rows_to_arena(arena, cols, n, sizeof(*cols));
	t->col_count = n;
	return 0;
}

static struct table *find_table(struct table *tables, size_t count,
				const char *name)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

static int is_kept(const char *table, const char *column)
{
	char both[160];
	size_t i;

	snprintf(both, sizeof(both), "%s.%s", table, column);
	for (i = 0; i < ARRAY_SIZE(kept_columns); i++)
		if (!strcmp(both, kept_columns[i]))
			return 1;
	return 0;
}

static int unmapped(struct table *t, const char *column, struct error *err)
{
	char both[160];

	snprintf(both, sizeof(both), "%s.%s", t->name, column);
	return error_set(err, ERROR_STORE, "backup.transfer_unmapped", both,
			 NULL);
}

/*
 * Decides what each column of the moving table t becomes: its foreign
 * keys say what its references point at; an integer "…_id" column
 * without one is a reference nobody declared, and refused.
 */
static int map_columns(struct store *store, struct table *tables, size_t count,
		       struct table *t, struct error *err)
{
	struct store_stmt st;
	size_t i;
	int rc;

	for (i = 0; i < t->col_count; i++) {
		if (t->cols[i].map == MAP_SKIP)
			continue;
		if (!strcmp(t->cols[i].name, "org_id"))
			t->cols[i].map = MAP_ORG;
		else if (t->int_id && !strcmp(t->cols[i].name, "id"))
			t->cols[i].map = MAP_OWN_ID;
	}
	if (stmt_prepare(store,
			 "SELECT \"from\", \"table\", coalesce(\"to\", '')"
			 " FROM pragma_foreign_key_list(?1, 'main')",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, t->name, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		const char *from = stmt_text(NULL, &st, 0);
		const char *parent = stmt_text(NULL, &st, 1);
		const char *to = stmt_text(NULL, &st, 2);
		struct table *p = find_table(tables, count, parent);
		struct column *c = NULL;

		for (i = 0; i < t->col_count; i++)
			if (!strcmp(t->cols[i].name, from))
				c = &t->cols[i];
		if (!c || !p || (*to && strcmp(to, "id"))) {
			rc = unmapped(t, from, err);
			break;
		}
		if (p->use == TRANSFER_ORG) {
			c->map = MAP_ORG;
		} else if (p->use == TRANSFER_ACCOUNTS) {
			c->map = MAP_ACCOUNT;
		} else if (p->use == TRANSFER_COPY && p->int_id) {
			c->map = MAP_REF;
			c->ref = p->name;
		} else {
			rc = unmapped(t, from, err);
			break;
		}
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR || rc == -1)
		return -1;
	for (i = 0; i < t->col_count; i++) {
		const char *name = t->cols[i].name;
		size_t len = strlen(name);

		if (t->cols[i].map == MAP_KEEP && t->cols[i].is_int &&
		    len > 3 && !strcmp(name + len - 3, "_id") &&
		    !is_kept(t->name, name))
			return unmapped(t, name, err);
	}
	return 0;
}

/* Reads and classifies every table of the schema. */
static int load_tables(struct store *store, struct arena *arena,
		       struct table **out, size_t *count, struct error *err)
{
	struct store_stmt st;
	struct table *tables = NULL;
	size_t n = 0, cap = 0, i, k;
	int rc;

	if (stmt_prepare(
		    store,
		    "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
		    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
		    " ORDER BY rowid",
		    &st, err))
		return -1;
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		ALLOC_GROW(tables, n + 1, cap);
		memset(&tables[n], 0, sizeof(tables[n]));
		tables[n++].name = stmt_text(arena, &st, 0);
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		goto fail;
	for (i = 0; i < n; i++) {
		struct table *t = &tables[i];
		int found = 0;

		if (!ident_ok(t->name)) {
			bad_name(t->name, err);
			goto fail;
		}
		if (load_columns(store, arena, t, err))
			goto fail;
		for (k = 0; k < ARRAY_SIZE(known_tables); k++)
			if (!strcmp(t->name, known_tables[k].name)) {
				t->use = known_tables[k].use;
				found = 1;
			}
		if (!found && !t->has_org_id) {
			error_set(err, ERROR_STORE,
				  "backup.transfer_unknown_table", t->name,
				  NULL);
			goto fail;
		}
		if (!found)
			t->use = TRANSFER_COPY;
	}
	for (i = 0; i < n; i++)
		if (tables[i].use == TRANSFER_COPY &&
		    map_columns(store, tables, n, &tables[i], err))
			goto fail;
	*out = store_rows_to_arena(arena, tables, n, sizeof(*tables));
	*count = n;
	return 0;
fail:
	free(tables);
	return -1;
}

int repo_transfer_plan(struct store *store, struct arena *arena,
		       struct transfer_table **rows, size_t *count,
		       struct error *err)
{
	struct table *tables;
	struct transfer_table *out;
	size_t n, i;

	if (load_tables(store, arena, &tables, &n, err))
		return -1;
	out = arena_calloc(arena, n ? n : 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		out[i].name = tables[i].name;
		out[i].use = tables[i].use;
	}
	*rows = out;
	*count = n;
	return 0;
}

int repo_transfer_attach(struct store *store, const char *path,
			 struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store, "ATTACH DATABASE ? AS transfer", &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, path, err)) {
		stmt_finalize(&st);
		return -1;
	}
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

void repo_transfer_detach(struct store *store)
{
	struct store_stmt st;

	if (stmt_prepare(store, "DETACH DATABASE transfer", &st, NULL))
		return;
	stmt_run(&st, NULL);
}

/*
 * Runs built SQL, with ?1 bound to *v when v is not NULL; returns the
 * rows it changed, or -1.
 */
static int64_t run_built(struct store *store, const char *sql, const int64_t *v,
			 struct error *err)
{
	struct store_stmt st;
	int64_t changed = 0;
	int rc;

	if (stmt_prepare_built(store, sql, &st, err))
		return -1;
	if (v && stmt_bind_int(&st, 1, *v, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while ((rc = stmt_step(&st, err)) == STEP_ROW)
		changed++;
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	if (stmt_prepare(store, "SELECT changes()", &st, err))
		return -1;
	if (stmt_step(&st, err) == STEP_ROW)
		changed = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return changed;
}

/* The column list of t's written columns: "a", "b", … */
static void column_list(const struct table *t, struct strbuf *sql)
{
	size_t i;
	int first = 1;

	for (i = 0; i < t->col_count; i++) {
		if (t->cols[i].map == MAP_SKIP)
			continue;
		strbuf_addf(sql, "%s\"%s\"", first ? "" : ", ",
			    t->cols[i].name);
		first = 0;
	}
}

/* Copies the rows of t with "where" (binding ?1 to v) into transfer. */
static int export_table(struct store *store, const struct table *t,
			const char *where, int64_t v, int64_t *rows,
			struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	int64_t n;

	strbuf_addf(&sql, "INSERT INTO transfer.\"%s\" (", t->name);
	column_list(t, &sql);
	strbuf_addstr(&sql, ") SELECT ");
	column_list(t, &sql);
	strbuf_addf(&sql, " FROM main.\"%s\" WHERE %s", t->name, where);
	n = run_built(store, sql.buf, &v, err);
	strbuf_release(&sql);
	if (n < 0)
		return -1;
	*rows += n;
	return 0;
}

/* References are checked at commit, so tables fill in any order. */
static int defer_references(struct store *store, struct error *err)
{
	struct store_stmt st;

	if (stmt_prepare(store, "PRAGMA defer_foreign_keys = ON", &st, err))
		return -1;
	return stmt_run(&st, err) < 0 ? -1 : 0;
}

int repo_transfer_export(struct store *store, int64_t org_id, int64_t *rows,
			 struct error *err)
{
	struct arena arena;
	struct table *tables;
	struct store_stmt st;
	size_t n, i;
	int rc = -1;

	*rows = 0;
	arena_init(&arena, 0);
	if (load_tables(store, &arena, &tables, &n, err) ||
	    defer_references(store, err))
		goto out;
	for (i = 0; i < n; i++) {
		const struct table *t = &tables[i];

		switch (t->use) {
		case TRANSFER_ORG:
			if (export_table(store, t, "\"id\" = ?1", org_id, rows,
					 err))
				goto out;
			break;
		case TRANSFER_COPY:
		case TRANSFER_TRAIL:
			if (export_table(store, t, "\"org_id\" = ?1", org_id,
					 rows, err))
				goto out;
			break;
		default:
			break;
		}
	}
	/*
	 * Members travel as who they are (address, name, language), never
	 * with a password hash or a second-factor secret of this
	 * installation; the import matches or creates them.  The columns are
	 * named, so a credential added to account later stays here.
	 */
	if (stmt_prepare(
		    store,
		    "INSERT INTO transfer.account (id, email, display_name,"
		    " password_hash, created_at, lang)"
		    " SELECT id, email, display_name, '', created_at, lang"
		    " FROM main.account WHERE id IN (SELECT account_id FROM"
		    " main.membership WHERE org_id = ?)",
		    &st, err))
		goto out;
	if (stmt_bind_int(&st, 1, org_id, err) || stmt_run(&st, err) < 0) {
		stmt_finalize(&st);
		goto out;
	}
	rc = 0;
out:
	arena_release(&arena);
	return rc;
}

/* One integer from built or literal SQL, with ?1 bound to v when set. */
static int query_int(struct store *store, const char *sql, int built,
		     const char *v, int64_t *out, struct error *err)
{
	struct store_stmt st;
	int rc;

	if ((built ? stmt_prepare_built(store, sql, &st, err)
		   : stmt_prepare(store, sql, &st, err)))
		return -1;
	if (v && stmt_bind_text(&st, 1, v, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	*out = rc == STEP_ROW ? stmt_column_int(&st, 0) : 0;
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

static int bad_file(const char *what, struct error *err)
{
	return error_set(err, ERROR_INPUT, "backup.transfer_bad_file", what,
			 NULL);
}

/*
 * Checks that the attached file holds one organisation and that every
 * row of a moving table and of the trail is that organisation's.
 */
static int check_file(struct store *store, const struct table *tables, size_t n,
		      int64_t *from_org, struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	int64_t v;
	size_t i;

	if (query_int(store, "SELECT count(*) FROM transfer.organisation", 0,
		      NULL, &v, err))
		return -1;
	if (v != 1)
		return bad_file("organisation", err);
	if (query_int(store, "SELECT id FROM transfer.organisation", 0, NULL,
		      from_org, err))
		return -1;
	for (i = 0; i < n; i++) {
		const struct table *t = &tables[i];

		if (t->use != TRANSFER_COPY && t->use != TRANSFER_TRAIL)
			continue;
		strbuf_reset(&sql);
		strbuf_addf(&sql,
			    "SELECT count(*) FROM transfer.\"%s\" WHERE"
			    " \"org_id\" IS NOT (SELECT id FROM"
			    " transfer.organisation)",
			    t->name);
		if (query_int(store, sql.buf, 1, NULL, &v, err)) {
			strbuf_release(&sql);
			return -1;
		}
		if (v) {
			strbuf_release(&sql);
			return bad_file(t->name, err);
		}
	}
	strbuf_release(&sql);
	return 0;
}

/* Remembers how far the ids of t move: past every id already here. */
static int note_offset(struct store *store, const struct table *t,
		       struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	int64_t n;

	strbuf_addf(&sql,
		    "INSERT INTO temp.transfer_offset (tbl, off) SELECT '%s',"
		    " coalesce((SELECT max(\"id\") FROM main.\"%s\"), 0) + 1 -"
		    " coalesce((SELECT min(\"id\") FROM transfer.\"%s\"), 1)",
		    t->name, t->name, t->name);
	n = run_built(store, sql.buf, NULL, err);
	strbuf_release(&sql);
	return n < 0 ? -1 : 0;
}

/* The expression that gives column c of t's row s its new value. */
static void column_value(const struct table *t, const struct column *c,
			 struct strbuf *sql)
{
	switch (c->map) {
	case MAP_ORG:
		strbuf_addstr(sql, "?1");
		break;
	case MAP_ACCOUNT:
		strbuf_addf(sql,
			    "(SELECT m.id FROM main.account AS m JOIN"
			    " transfer.account AS a ON a.email = m.email"
			    " WHERE a.id = s.\"%s\")",
			    c->name);
		break;
	case MAP_OWN_ID:
	case MAP_REF:
		strbuf_addf(sql,
			    "s.\"%s\" + (SELECT off FROM temp.transfer_offset"
			    " WHERE tbl = '%s')",
			    c->name, c->map == MAP_REF ? c->ref : t->name);
		break;
	case MAP_KEEP:
	case MAP_SKIP:
		strbuf_addf(sql, "s.\"%s\"", c->name);
		break;
	}
}

static int import_table(struct store *store, const struct table *t,
			int64_t org_id, int64_t *rows, struct error *err)
{
	struct strbuf sql = STRBUF_INIT;
	size_t i;
	int first = 1;
	int64_t n;

	strbuf_addf(&sql, "INSERT INTO main.\"%s\" (", t->name);
	column_list(t, &sql);
	strbuf_addstr(&sql, ") SELECT ");
	for (i = 0; i < t->col_count; i++) {
		if (t->cols[i].map == MAP_SKIP)
			continue;
		if (!first)
			strbuf_addstr(&sql, ", ");
		column_value(t, &t->cols[i], &sql);
		first = 0;
	}
	strbuf_addf(&sql, " FROM transfer.\"%s\" AS s", t->name);
	/* Renumbered rows keep their order (lists sort by id). */
	if (t->int_id)
		strbuf_addstr(&sql, " ORDER BY s.\"id\"");
	n = run_built(store, sql.buf, &org_id, err);
	strbuf_release(&sql);
	if (n < 0)
		return -1;
	*rows += n;
	return 0;
}

/* The members: matched by address, or new accounts. */
static int import_accounts(struct store *store, transfer_password_fn *password,
			   void *arg, struct transfer_result *res,
			   struct error *err)
{
	struct store_stmt st, ins;
	int rc;

	if (query_int(store,
		      "SELECT count(*) FROM transfer.account AS a WHERE EXISTS"
		      " (SELECT 1 FROM main.account AS m WHERE m.email ="
		      " a.email)",
		      0, NULL, &res->matched, err))
		return -1;
	if (stmt_prepare(store,
			 "SELECT a.id, a.email FROM transfer.account AS a"
			 " WHERE NOT EXISTS (SELECT 1 FROM main.account AS m"
			 " WHERE m.email = a.email) ORDER BY a.id",
			 &st, err))
		return -1;
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		int64_t id = stmt_column_int(&st, 0);
		const char *hash = password(arg, stmt_text(NULL, &st, 1), err);

		/* A new account has no second factor yet and a password that
		 * must be replaced at the first login. */
		if (!hash ||
		    stmt_prepare(store,
				 "INSERT INTO main.account (email,"
				 " display_name, password_hash,"
				 " must_change_password, created_at, lang)"
				 " SELECT email, display_name, ?2, 1,"
				 " created_at, lang FROM transfer.account"
				 " WHERE id = ?1",
				 &ins, err)) {
			rc = STEP_ERROR;
			break;
		}
		if (stmt_bind_int(&ins, 1, id, err) ||
		    stmt_bind_text(&ins, 2, hash, err) ||
		    stmt_run(&ins, err) < 0) {
			stmt_finalize(&ins);
			rc = STEP_ERROR;
			break;
		}
		res->created++;
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

/* The file's live trail becomes archive chain number res->chain. */
static int archive_trail(struct store *store, struct transfer_result *res,
			 struct error *err)
{
	struct store_stmt st;
	int64_t last_chain;
	int rc;

	if (query_int(store,
		      "SELECT coalesce(max(chain), 0) FROM"
		      " transfer.audit_archive",
		      0, NULL, &last_chain, err) ||
	    query_int(store, "SELECT count(*) FROM transfer.audit_event", 0,
		      NULL, &res->events, err))
		return -1;
	res->head[0] = '\0';
	if (!res->events)
		return 0;
	res->chain = last_chain + 1;
	if (stmt_prepare(store,
			 "INSERT INTO main.audit_archive (org_id, chain, seq,"
			 " from_org, at, account_id, actor, client, action,"
			 " target, before, after, prev_hash, hash)"
			 " SELECT ?1, ?2, seq, org_id, at, account_id, actor,"
			 " client, action, target, before, after, prev_hash,"
			 " hash FROM transfer.audit_event ORDER BY seq",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, res->org_id, err) ||
	    stmt_bind_int(&st, 2, res->chain, err) || stmt_run(&st, err) < 0) {
		stmt_finalize(&st);
		return -1;
	}
	if (stmt_prepare(store,
			 "SELECT hash FROM transfer.audit_event"
			 " ORDER BY seq DESC LIMIT 1",
			 &st, err))
		return -1;
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		snprintf(res->head, sizeof(res->head), "%s",
			 stmt_text(NULL, &st, 0));
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

/*
 * The organisation row under a new id, named ?1 (or as in the file when
 * ?1 is NULL), every other column as it was.
 */
static void org_insert_sql(const struct table *t, struct strbuf *sql)
{
	size_t k, first;

	strbuf_addstr(sql, "INSERT INTO main.organisation (");
	for (k = 0, first = 1; k < t->col_count; k++) {
		if (t->cols[k].map == MAP_SKIP ||
		    !strcmp(t->cols[k].name, "id"))
			continue;
		strbuf_addf(sql, "%s\"%s\"", first ? "" : ", ",
			    t->cols[k].name);
		first = 0;
	}
	strbuf_addstr(sql, ") SELECT ");
	for (k = 0, first = 1; k < t->col_count; k++) {
		if (t->cols[k].map == MAP_SKIP ||
		    !strcmp(t->cols[k].name, "id"))
			continue;
		if (!strcmp(t->cols[k].name, "name"))
			strbuf_addf(sql, "%scoalesce(?1, \"name\")",
				    first ? "" : ", ");
		else
			strbuf_addf(sql, "%s\"%s\"", first ? "" : ", ",
				    t->cols[k].name);
		first = 0;
	}
	strbuf_addstr(sql, " FROM transfer.organisation RETURNING id, name");
}

int repo_transfer_import(struct store *store, struct arena *arena,
			 const char *name, transfer_password_fn *password,
			 void *arg, struct transfer_result *res,
			 struct error *err)
{
	struct arena scratch;
	struct table *tables;
	struct strbuf sql = STRBUF_INIT;
	struct store_stmt st;
	size_t n, i;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	arena_init(&scratch, 0);
	if (load_tables(store, &scratch, &tables, &n, err) ||
	    check_file(store, tables, n, &res->from_org, err))
		goto out;
	if (defer_references(store, err))
		goto out;
	for (i = 0; i < n; i++)
		if (tables[i].use == TRANSFER_ORG)
			org_insert_sql(&tables[i], &sql);
	if (!sql.len)
		BUG("the schema has no organisation table");
	if (stmt_prepare_built(store, sql.buf, &st, err))
		goto out;
	if (stmt_bind_text_or_null(&st, 1, name, err) ||
	    stmt_step(&st, err) != STEP_ROW) {
		stmt_finalize(&st);
		goto out;
	}
	res->org_id = stmt_column_int(&st, 0);
	res->name = stmt_text(arena, &st, 1);
	stmt_finalize(&st);
	if (import_accounts(store, password, arg, res, err))
		goto out;
	/* Every moving table's ids shift past those already here. */
	if (stmt_prepare(store,
			 "CREATE TEMP TABLE IF NOT EXISTS transfer_offset ("
			 " tbl TEXT PRIMARY KEY, off INTEGER NOT NULL)",
			 &st, err) ||
	    stmt_run(&st, err) < 0 ||
	    stmt_prepare(store, "DELETE FROM temp.transfer_offset", &st, err) ||
	    stmt_run(&st, err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (tables[i].use == TRANSFER_COPY && tables[i].int_id &&
		    note_offset(store, &tables[i], err))
			goto out;
	for (i = 0; i < n; i++)
		if (tables[i].use == TRANSFER_COPY &&
		    import_table(store, &tables[i], res->org_id, &res->rows,
				 err))
			goto out;
	if (archive_trail(store, res, err))
		goto out;
	rc = 0;
out:
	strbuf_release(&sql);
	arena_release(&scratch);
	return rc;
}

/*
 * Whether an "org.import" event of org (live or archived) names head as
 * the head of the chain it continues.
 */
static int head_named(struct store *store, int64_t org, const char *head,
		      int64_t *named, struct error *err)
{
	struct store_stmt st;
	char line[AUDIT_HASH_HEX + 16];
	int rc;

	snprintf(line, sizeof(line), TRANSFER_HEAD_LINE "%s", head);
	if (stmt_prepare(store,
			 "SELECT (SELECT count(*) FROM audit_event WHERE"
			 " org_id = ?2 AND action = 'org.import' AND"
			 " instr(after, ?1) > 0) + (SELECT count(*) FROM"
			 " audit_archive WHERE org_id = ?2 AND action ="
			 " 'org.import' AND instr(after, ?1) > 0)",
			 &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, line, err) ||
	    stmt_bind_int(&st, 2, org, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	*named = rc == STEP_ROW ? stmt_column_int(&st, 0) : 0;
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

int repo_transfer_verify_archive(struct store *store, audit_sha256_fn *sha256,
				 int64_t *bad_org, int64_t *bad_chain,
				 int64_t *bad_seq, int64_t *checked,
				 struct error *err)
{
	struct store_stmt st;
	char prev[AUDIT_HASH_HEX + 1];
	int64_t org = -1, chain = -1, seq = 0, named;
	int rc;

	*bad_org = *bad_chain = *bad_seq = 0;
	*checked = 0;
	if (stmt_prepare(store,
			 "SELECT org_id, chain, seq, from_org, at, account_id,"
			 " actor, client, action, target, before, after,"
			 " prev_hash, hash FROM audit_archive"
			 " ORDER BY org_id, chain, seq",
			 &st, err))
		return -1;
	for (;;) {
		struct audit_event ev;
		int64_t row_org = 0, row_chain = 0;
		const char *s;

		rc = stmt_step(&st, err);
		if (rc == STEP_ROW) {
			row_org = stmt_column_int(&st, 0);
			row_chain = stmt_column_int(&st, 1);
		}
		/* A chain ends: an org.import event must name its head. */
		if (chain > 0 &&
		    (rc != STEP_ROW || row_org != org || row_chain != chain)) {
			if (head_named(store, org, prev, &named, err)) {
				rc = STEP_ERROR;
				break;
			}
			if (!named) {
				*bad_org = org;
				*bad_chain = chain;
				*bad_seq = seq;
				break;
			}
		}
		if (rc != STEP_ROW)
			break;
		if (row_org != org || row_chain != chain) {
			org = row_org;
			chain = row_chain;
			seq = 0;
			memcpy(prev, audit_genesis, sizeof(prev));
		}
		memset(&ev, 0, sizeof(ev));
		ev.seq = stmt_column_int(&st, 2);
		ev.org_id = stmt_column_int(&st, 3);
		ev.at = stmt_column_int(&st, 4);
		ev.account_id = stmt_column_int(&st, 5);
		ev.actor = stmt_text(NULL, &st, 6);
		ev.client = stmt_text(NULL, &st, 7);
		ev.action = stmt_text(NULL, &st, 8);
		ev.target = stmt_text(NULL, &st, 9);
		ev.before = stmt_text(NULL, &st, 10);
		ev.after = stmt_text(NULL, &st, 11);
		s = stmt_text(NULL, &st, 12);
		snprintf(ev.prev_hash, sizeof(ev.prev_hash), "%s", s);
		s = stmt_text(NULL, &st, 13);
		snprintf(ev.hash, sizeof(ev.hash), "%s", s);
		(*checked)++;
		if (ev.seq != seq + 1 || strcmp(ev.prev_hash, prev) ||
		    !audit_check(&ev, sha256)) {
			*bad_org = org;
			*bad_chain = chain;
			*bad_seq = ev.seq;
			break;
		}
		seq = ev.seq;
		memcpy(prev, ev.hash, sizeof(prev));
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}
