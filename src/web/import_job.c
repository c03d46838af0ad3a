/* import_job.c: register imports in threads of their own. */
#include "util/compat.h"
#include "web/import_job.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "core/audit.h"
#include "store/repo_audit.h"
#include "store/repo_import.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/ledger_io.h"

/* At most this many imports at once: each holds a file and a thread. */
enum { JOBS_MAX = 4 };

/* A running import as the pages see it. */
struct slot {
	int used;
	int64_t org_id, batch_id;
	size_t done, total;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[JOBS_MAX];

/* What the thread needs; it owns this and frees it. */
struct job {
	const struct app *app;
	int64_t batch_id;
	struct import_owner owner;
	char *actor, *client;
	struct slot *slot;
	struct store *store;
	int64_t now;
};

int import_job_progress(int64_t org_id, int64_t batch_id, size_t *done,
			size_t *total)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < JOBS_MAX; i++)
		if (slots[i].used && slots[i].org_id == org_id &&
		    slots[i].batch_id == batch_id) {
			*done = slots[i].done;
			*total = slots[i].total;
			found = 1;
		}
	pthread_mutex_unlock(&lock);
	return found;
}

static int job_audit(void *arg, int64_t asset_id, const char *before,
		     const char *after, struct error *err)
{
	struct job *j = arg;
	struct audit_event ev;
	char target[48];

	snprintf(target, sizeof(target), "asset:%lld", (long long)asset_id);
	memset(&ev, 0, sizeof(ev));
	ev.org_id = j->owner.org_id;
	ev.at = j->now;
	ev.account_id = j->owner.account_id;
	ev.actor = j->actor;
	ev.client = j->client;
	ev.action = "asset.import";
	ev.target = target;
	ev.before = before;
	ev.after = after;
	return repo_audit_append(j->store, &ev, sha256_bytes, err);
}

static void job_progress(void *arg, size_t done, size_t total)
{
	struct job *j = arg;

	pthread_mutex_lock(&lock);
	j->slot->done = done;
	j->slot->total = total;
	pthread_mutex_unlock(&lock);
}

/* The local calendar day, as the office counts it. */
static void local_day(int64_t now, char out[16])
{
	time_t tt = (time_t)now;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/*
 * Reads the batch again and writes its rows in one transaction.  The
 * file is the one the preview showed; the method and labels are read
 * again, so a change made meanwhile is caught as a problem, not written.
 */
static int run_import(struct job *j, struct import_batch *b, struct error *err)
{
	struct ledger_sink sink = { job_audit, job_progress, j };
	struct ledger_counts counts;
	struct ledger_import li;
	struct strbuf file = STRBUF_INIT;
	enum ledger_layout layout;
	char today[16];
	int rc = -1;

	memset(&li, 0, sizeof(li));
	local_day(j->now, today);
	if (ledger_layout_parse(b->layout, &layout))
		layout = LEDGER_AUTO;
	if (base64_decode(b->data, &file)) {
		error_set(err, ERROR_INTERNAL, "import.damaged", NULL);
		goto out;
	}
	if (store_begin(j->store, err))
		goto out;
	if (ledger_import_prepare(&li, j->store, j->app->cat, j->app->msgs,
				  j->owner.org_id, file.buf, file.len,
				  *b->sheet ? b->sheet : NULL, layout, today,
				  j->owner.lang, err))
		goto rollback;
	if (li.problems.count) {
		error_set(err, ERROR_CONFLICT, "import.changed", NULL);
		goto rollback;
	}
	if (ledger_io_write(j->store, j->owner.org_id, li.def, li.labels,
			    li.label_count, &li.map, &li.rows, j->now, &sink,
			    &counts, err) ||
	    store_commit(j->store, err))
		goto rollback;
	b->added = (int64_t)counts.added;
	b->updated = (int64_t)counts.updated;
	b->same = (int64_t)counts.same;
	rc = 0;
	goto out;
rollback:
	store_rollback(j->store);
out:
	ledger_import_release(&li);
	strbuf_release(&file);
	return rc;
}

static void *job_main(void *arg)
{
	struct job *j = arg;
	struct error err = ERROR_INIT;
	struct import_batch b;
	struct arena arena;
	int found;

	arena_init(&arena, 0);
	memset(&b, 0, sizeof(b));
	found = store_open(j->app->config.data, 0, &j->store, &err)
			? -1
			: repo_import_get(j->store, &arena, j->owner.org_id,
					  j->batch_id, 1, &b, &err);
	if (found == 1) {
		struct strbuf msg = STRBUF_INIT;
		struct error fin = ERROR_INIT;

		if (run_import(j, &b, &err)) {
			/* Kept in the owner's language: they read it next. */
			i18n_error(j->app->msgs, j->owner.lang, &err, &msg);
			b.status = "failed";
			b.error = msg.buf;
			b.added = b.updated = b.same = 0;
		} else {
			b.status = "done";
			b.error = "";
		}
		if (repo_import_finish(j->store, j->owner.org_id, &b,
				       (int64_t)time(NULL), &fin))
			fprintf(stderr, "error: import %lld: %s\n",
				(long long)j->batch_id, fin.key);
		strbuf_release(&msg);
	} else {
		fprintf(stderr, "error: import %lld: %s\n",
			(long long)j->batch_id, err.key[0] ? err.key : "gone");
	}
	store_close(j->store);
	arena_release(&arena);
	pthread_mutex_lock(&lock);
	j->slot->used = 0;
	pthread_mutex_unlock(&lock);
	free(j->actor);
	free(j->client);
	free(j);
	return NULL;
}

int import_job_start(const struct app *app, int64_t batch_id,
		     const struct import_owner *owner, struct error *err)
{
	struct job *j;
	struct slot *slot = NULL;
	pthread_attr_t attr;
	pthread_t thread;
	size_t i;
	int rc;

	pthread_mutex_lock(&lock);
	for (i = 0; i < JOBS_MAX && !slot; i++)
		if (!slots[i].used)
			slot = &slots[i];
	if (slot) {
		slot->used = 1;
		slot->org_id = owner->org_id;
		slot->batch_id = batch_id;
		slot->done = 0;
		slot->total = 0;
	}
	pthread_mutex_unlock(&lock);
	if (!slot)
		return error_set(err, ERROR_CONFLICT, "import.busy", NULL);
	j = xcalloc(1, sizeof(*j));
	j->app = app;
	j->batch_id = batch_id;
	j->owner = *owner;
	j->actor = xstrdup(owner->actor);
	j->client = xstrdup(owner->client ? owner->client : "-");
	j->slot = slot;
	j->now = (int64_t)time(NULL);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, job_main, j);
	pthread_attr_destroy(&attr);
	if (rc) {
		pthread_mutex_lock(&lock);
		slot->used = 0;
		pthread_mutex_unlock(&lock);
		free(j->actor);
		free(j->client);
		free(j);
		return error_set(err, ERROR_CONFLICT, "import.busy", NULL);
	}
	return 0;
}
