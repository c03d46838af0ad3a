/* repo_audit.c: the append-only, hash-chained audit trail in the store. */
#include "util/compat.h"
#include "store/repo_audit.h"

#include "store/driver.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"

/* Copies the hex hash in column i into dst, or the genesis value. */
static void copy_hash(char dst[AUDIT_HASH_HEX + 1], const char *src)
{
	if (!src || strlen(src) != AUDIT_HASH_HEX)
		src = audit_genesis;
	memcpy(dst, src, AUDIT_HASH_HEX + 1);
}

int repo_audit_append(struct store *store, struct audit_event *ev,
		      audit_sha256_fn *sha256, struct error *err)
{
	struct store_stmt st;
	int rc;

	if (stmt_prepare(store,
			 "SELECT seq, hash FROM audit_event WHERE org_id = ?"
			 " ORDER BY seq DESC LIMIT 1",
			 &st, err))
		return -1;
	stmt_bind_int(&st, 1, ev->org_id, err);
	rc = stmt_step(&st, err);
	ev->seq = 1;
	copy_hash(ev->prev_hash, NULL);
	if (rc == STEP_ROW) {
		ev->seq = stmt_column_int(&st, 0) + 1;
		copy_hash(ev->prev_hash, stmt_column_text(&st, 1));
	}
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	audit_seal(ev, sha256);
	if (stmt_prepare(store,
			 "INSERT INTO audit_event (org_id, seq, at, account_id,"
			 " actor, client, action, target, before, after,"
			 " prev_hash, hash) VALUES"
			 " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, ev->org_id, err) ||
	    stmt_bind_int(&st, 2, ev->seq, err) ||
	    stmt_bind_int(&st, 3, ev->at, err) ||
	    stmt_bind_int(&st, 4, ev->account_id, err) ||
	    stmt_bind_text(&st, 5, ev->actor, err) ||
	    stmt_bind_text(&st, 6, ev->client, err) ||
	    stmt_bind_text(&st, 7, ev->action, err) ||
	    stmt_bind_text(&st, 8, ev->target, err) ||
	    stmt_bind_text(&st, 9, ev->before ? ev->before : "", err) ||
	    stmt_bind_text(&st, 10, ev->after ? ev->after : "", err) ||
	    stmt_bind_text(&st, 11, ev->prev_hash, err) ||
	    stmt_bind_text(&st, 12, ev->hash, err)) {
		stmt_finalize(&st);
		return -1;
	}
	rc = stmt_step(&st, err);
	if (rc == STEP_ROW)
		ev->id = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return rc == STEP_ROW ? 0 : -1;
}

#define EVENT_COLUMNS                                                    \
	"SELECT id, org_id, seq, at, account_id, actor, client, action," \
	" target, before, after, prev_hash, hash FROM audit_event"

static void read_event(struct arena *arena, struct store_stmt *st,
		       struct audit_event *ev)
{
	const char *s;
	int i;

	ev->id = stmt_column_int(st, 0);
	ev->org_id = stmt_column_int(st, 1);
	ev->seq = stmt_column_int(st, 2);
	ev->at = stmt_column_int(st, 3);
	ev->account_id = stmt_column_int(st, 4);
	for (i = 5; i <= 10; i++) {
		const char **dst[] = { &ev->actor,  &ev->client, &ev->action,
				       &ev->target, &ev->before, &ev->after };

		s = stmt_column_text(st, i);
		*dst[i - 5] = arena ? arena_strdup(arena, s ? s : "")
				    : (s ? s : "");
	}
	s = stmt_column_text(st, 11);
	snprintf(ev->prev_hash, sizeof(ev->prev_hash), "%s", s ? s : "");
	s = stmt_column_text(st, 12);
	snprintf(ev->hash, sizeof(ev->hash), "%s", s ? s : "");
}

/* Binds the filter parameters starting at index i. */
static int bind_filter(struct store_stmt *st, int i, int64_t org_id,
		       const struct audit_filter *f, struct error *err)
{
	if (stmt_bind_int(st, i, org_id, err) ||
	    stmt_bind_text(st, i + 1,
			   f && f->action_prefix ? f->action_prefix : "",
			   err) ||
	    stmt_bind_text(st, i + 2, f && f->actor ? f->actor : "", err) ||
	    stmt_bind_int(st, i + 3, f ? f->from : 0, err) ||
	    stmt_bind_int(st, i + 4, f && f->to ? f->to : INT64_MAX, err))
		return -1;
	return 0;
}

#define FILTER_WHERE                                      \
	" WHERE org_id = ? AND (? = '' OR action = ?2 OR" \
	" substr(action, 1, length(?2) + 1) = ?2 || '.')" \
	" AND (?3 = '' OR actor = ?3) AND at >= ?4 AND at <= ?5"

int repo_audit_list(struct store *store, struct arena *arena, int64_t org_id,
		    const struct audit_filter *f, size_t limit, size_t offset,
		    struct audit_event **rows, size_t *count, int64_t *total,
		    struct error *err)
{
	struct store_stmt st;
	struct audit_event *out;
	size_t n = 0;
	int rc;

	if (stmt_prepare(store, "SELECT count(*) FROM audit_event" FILTER_WHERE,
			 &st, err))
		return -1;
	if (bind_filter(&st, 1, org_id, f, err) ||
	    (rc = stmt_step(&st, err)) != STEP_ROW) {
		stmt_finalize(&st);
		return -1;
	}
	*total = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	out = arena_calloc(arena, limit ? limit : 1, sizeof(*out));
	if (stmt_prepare(store,
			 EVENT_COLUMNS FILTER_WHERE
			 " ORDER BY seq DESC LIMIT ?6 OFFSET ?7",
			 &st, err))
		return -1;
	if (bind_filter(&st, 1, org_id, f, err) ||
	    stmt_bind_int(&st, 6, (int64_t)limit, err) ||
	    stmt_bind_int(&st, 7, (int64_t)offset, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while (n < limit && (rc = stmt_step(&st, err)) == STEP_ROW)
		read_event(arena, &st, &out[n++]);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	*rows = out;
	*count = n;
	return 0;
}

int repo_audit_target(struct store *store, struct arena *arena, int64_t org_id,
		      const char *target, size_t limit,
		      struct audit_event **rows, size_t *count,
		      struct error *err)
{
	struct store_stmt st;
	struct audit_event *out;
	size_t n = 0;
	int rc = STEP_DONE;

	out = arena_calloc(arena, limit ? limit : 1, sizeof(*out));
	if (stmt_prepare(store,
			 EVENT_COLUMNS " WHERE org_id = ? AND target = ?"
				       " ORDER BY seq DESC LIMIT ?",
			 &st, err))
		return -1;
	if (stmt_bind_int(&st, 1, org_id, err) ||
	    stmt_bind_text(&st, 2, target, err) ||
	    stmt_bind_int(&st, 3, (int64_t)limit, err)) {
		stmt_finalize(&st);
		return -1;
	}
	while (n < limit && (rc = stmt_step(&st, err)) == STEP_ROW)
		read_event(arena, &st, &out[n++]);
	stmt_finalize(&st);
	if (rc == STEP_ERROR)
		return -1;
	*rows = out;
	*count = n;
	return 0;
}

int repo_audit_verify(struct store *store, audit_sha256_fn *sha256,
		      int64_t *bad_id, int64_t *bad_org, int64_t *checked,
		      struct error *err)
{
	struct store_stmt st;
	char prev[AUDIT_HASH_HEX + 1];
	int64_t org = -1, seq = 0;
	int rc;

	*bad_id = 0;
	*bad_org = 0;
	*checked = 0;
	if (stmt_prepare(store, EVENT_COLUMNS " ORDER BY org_id, seq", &st,
			 err))
		return -1;
	while ((rc = stmt_step(&st, err)) == STEP_ROW) {
		struct audit_event ev;

		read_event(NULL, &st, &ev);
		(*checked)++;
		if (ev.org_id != org) {
			org = ev.org_id;
			seq = 0;
			copy_hash(prev, NULL);
		}
		/* A link holds when it follows its predecessor exactly and
		 * its own hash matches its fields. */
		if (ev.seq != seq + 1 || strcmp(ev.prev_hash, prev) ||
		    !audit_check(&ev, sha256)) {
			*bad_id = ev.id;
			*bad_org = ev.org_id;
			break;
		}
		seq = ev.seq;
		memcpy(prev, ev.hash, sizeof(prev));
	}
	stmt_finalize(&st);
	return rc == STEP_ERROR ? -1 : 0;
}

int repo_audit_login_failures(struct store *store, const char *email,
			      const char *client, int64_t since,
			      int64_t *by_email, int64_t *by_client,
			      struct error *err)
{
	struct store_stmt st;
	int rc;

	/* Failures count until the next successful login of the address. */
	if (stmt_prepare(
		    store,
		    "SELECT"
		    " (SELECT count(*) FROM audit_event f WHERE f.org_id = 0"
		    "  AND f.action = 'login.failed' AND f.actor = ?1"
		    "  AND f.at >= max(?3, coalesce((SELECT max(s.at) FROM"
		    "  audit_event s WHERE s.action = 'login' AND"
		    "  s.actor = ?1), 0))),"
		    " (SELECT count(*) FROM audit_event f WHERE f.org_id = 0"
		    "  AND f.action = 'login.failed' AND f.client = ?2"
		    "  AND f.at >= ?3)",
		    &st, err))
		return -1;
	if (stmt_bind_text(&st, 1, email, err) ||
	    stmt_bind_text(&st, 2, client, err) ||
	    stmt_bind_int(&st, 3, since, err) ||
	    (rc = stmt_step(&st, err)) != STEP_ROW) {
		stmt_finalize(&st);
		return -1;
	}
	*by_email = stmt_column_int(&st, 0);
	*by_client = stmt_column_int(&st, 1);
	stmt_finalize(&st);
	return 0;
}
