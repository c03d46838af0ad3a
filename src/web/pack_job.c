/* pack_job.c: audit document packs built in threads of their own. */
#include "util/compat.h"
#include "web/pack_job.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/i18n.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/docpack.h"

/*
 * At most this many packs at once (each holds a thread, a connection
 * and the pages it draws), and the organisations whose last job is
 * remembered for their page.
 */
enum { RUNNING_MAX = 2, SLOTS = 16 };

struct slot {
	int used;
	int64_t org_id;
	int64_t touched; /* the slot least recently started is reused */
	struct pack_job_state state;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];

/* What the thread needs; it owns this and frees it. */
struct job {
	const struct app *app;
	struct pack_owner owner;
	char *org_name, *actor, *client, *output;
	struct slot *slot;
};

const char *pack_job_folder(const struct app *app, struct arena *arena)
{
	const char *data = app->config.data;

	if (!strncmp(data, "sqlite:", 7))
		data += 7;
	if (!*data || !strcmp(data, ":memory:") || strstr(data, "://"))
		return NULL;
	return arena_printf(arena, "%s.packs", data);
}

const char *pack_job_path(const char *folder, int64_t org_id, const char *id,
			  struct arena *arena)
{
	size_t i;

	for (i = 0; id[i]; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		      (id[i] >= 'a' && id[i] <= 'f')))
			return NULL;
	if (i != PACK_ID_HEX)
		return NULL;
	return arena_printf(arena, "%s/%" PRId64 "-%s.zip", folder, org_id, id);
}

int pack_job_state(int64_t org_id, struct pack_job_state *out)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		if (slots[i].used && slots[i].org_id == org_id) {
			*out = slots[i].state;
			found = 1;
		}
	pthread_mutex_unlock(&lock);
	return found;
}

static void job_progress(void *arg, size_t done, size_t total, const char *what)
{
	struct job *j = arg;

	pthread_mutex_lock(&lock);
	j->slot->state.done = done;
	j->slot->state.total = total;
	snprintf(j->slot->state.what, sizeof(j->slot->state.what), "%s", what);
	pthread_mutex_unlock(&lock);
}

static void *job_main(void *arg)
{
	struct job *j = arg;
	struct error err = ERROR_INIT;
	struct docpack_request rq;
	struct docpack_result res;
	struct store *store = NULL;
	struct strbuf msg = STRBUF_INIT;
	int rc;

	rc = store_open(j->app->config.data, 0, &store, &err);
	if (!rc) {
		memset(&rq, 0, sizeof(rq));
		rq.store = store;
		rq.cat = j->app->cat;
		rq.msgs = j->app->msgs;
		rq.lang = j->owner.pack_lang;
		rq.org = j->owner.org_id;
		rq.org_name = j->org_name;
		rq.now = (int64_t)time(NULL);
		rq.output = j->output;
		rq.account_id = j->owner.account_id;
		rq.actor = j->actor;
		rq.client = j->client;
		rq.progress = job_progress;
		rq.arg = j;
		rc = docpack_build(&rq, &res, &err);
	}
	if (rc)
		/* Kept in the owner's language: they read it next. */
		i18n_error(j->app->msgs, j->owner.lang, &err, &msg);
	store_close(store);
	pthread_mutex_lock(&lock);
	j->slot->state.running = 0;
	j->slot->state.failed = rc != 0;
	snprintf(j->slot->state.error, sizeof(j->slot->state.error), "%s",
		 rc ? msg.buf : "");
	pthread_mutex_unlock(&lock);
	strbuf_release(&msg);
	free(j->org_name);
	free(j->actor);
	free(j->client);
	free(j->output);
	free(j);
	return NULL;
}

/*
 * Claims org_id's slot (or a free one, else the one started least
 * recently that is not running), or NULL when a pack is being built for
 * org_id already or RUNNING_MAX are being built.
 */
static struct slot *claim(int64_t org_id)
{
	struct slot *mine = NULL, *spare = NULL;
	size_t i, running = 0;

	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &slots[i];

		if (s->used && s->state.running)
			running++;
		if (s->used && s->org_id == org_id)
			mine = s;
	}
	if ((mine && mine->state.running) || running >= RUNNING_MAX)
		return NULL;
	for (i = 0; i < SLOTS && !mine; i++)
		if (!slots[i].used)
			mine = &slots[i];
	for (i = 0; i < SLOTS && !mine; i++) {
		struct slot *s = &slots[i];

		if (!s->state.running &&
		    (!spare || s->touched < spare->touched))
			spare = s;
	}
	if (!mine)
		mine = spare;
	if (!mine)
		return NULL;
	memset(mine, 0, sizeof(*mine));
	mine->used = 1;
	mine->org_id = org_id;
	mine->touched = (int64_t)time(NULL);
	mine->state.running = 1;
	return mine;
}

int pack_job_start(const struct app *app, const char *folder,
		   const struct pack_owner *o, struct error *err)
{
	struct job *j;
	struct slot *slot;
	pthread_attr_t attr;
	pthread_t thread;
	char token[TOKEN_HEX + 1];
	int rc;

	if (mkdir(folder, 0700) && errno != EEXIST)
		return error_set(err, ERROR_INTERNAL, "pack.write_failed",
				 folder, strerror(errno), NULL);
	pthread_mutex_lock(&lock);
	slot = claim(o->org_id);
	pthread_mutex_unlock(&lock);
	if (!slot)
		return error_set(err, ERROR_CONFLICT, "pack.busy", NULL);
	secret_token(token);
	token[PACK_ID_HEX] = '\0';
	j = xcalloc(1, sizeof(*j));
	j->app = app;
	j->owner = *o;
	j->org_name = xstrdup(o->org_name);
	j->actor = xstrdup(o->actor);
	j->client = xstrdup(o->client ? o->client : "-");
	{
		struct strbuf path = STRBUF_INIT;

		strbuf_addf(&path, "%s/%" PRId64 "-%s.zip", folder, o->org_id,
			    token);
		j->output = strbuf_detach(&path, NULL);
	}
	j->slot = slot;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, job_main, j);
	pthread_attr_destroy(&attr);
	if (rc) {
		pthread_mutex_lock(&lock);
		slot->used = 0;
		pthread_mutex_unlock(&lock);
		free(j->org_name);
		free(j->actor);
		free(j->client);
		free(j->output);
		free(j);
		return error_set(err, ERROR_CONFLICT, "pack.busy", NULL);
	}
	return 0;
}

static int newest_first(const void *a, const void *b)
{
	const struct pack_entry *x = a, *y = b;

	return x->made_at < y->made_at ? 1 : x->made_at > y->made_at ? -1 : 0;
}

int pack_job_list(const char *folder, int64_t org_id, int64_t now,
		  struct arena *arena, struct pack_entry **rows, size_t *count,
		  struct error *err)
{
	char prefix[32];
	size_t plen, cap = 8;
	struct dirent *de;
	DIR *d = opendir(folder);

	*rows = arena_calloc(arena, cap, sizeof(**rows));
	*count = 0;
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return error_set(err, ERROR_INTERNAL, "pack.read_failed",
				 folder, strerror(errno), NULL);
	}
	plen = (size_t)snprintf(prefix, sizeof(prefix), "%" PRId64 "-", org_id);
	while ((de = readdir(d))) {
		const char *name = de->d_name, *path;
		struct stat st;

		if (strncmp(name, prefix, plen))
			continue;
		path = arena_printf(arena, "%s/%s", folder, name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		/* A day old: gone, and so is what a stopped job left. */
		if ((int64_t)st.st_mtime + PACK_KEPT < now) {
			unlink(path);
			continue;
		}
		if (strlen(name) != plen + PACK_ID_HEX + 4 ||
		    strcmp(name + plen + PACK_ID_HEX, ".zip"))
			continue;
		if (*count == cap) {
			struct pack_entry *more =
				arena_calloc(arena, cap * 2, sizeof(*more));

			memcpy(more, *rows, cap * sizeof(*more));
			*rows = more;
			cap *= 2;
		}
		(*rows)[*count].id =
			arena_memdupz(arena, name + plen, PACK_ID_HEX);
		(*rows)[*count].made_at = (int64_t)st.st_mtime;
		(*rows)[*count].size = (int64_t)st.st_size;
		(*count)++;
	}
	closedir(d);
	qsort(*rows, *count, sizeof(**rows), newest_first);
	return 0;
}
