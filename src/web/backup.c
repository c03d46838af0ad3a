/*
 * backup.c: backups, restores, restore tests and the scheduled backup.
 *
 * Every file is written beside its final name, synced and renamed into
 * place, so a backup, a restore or a crash in the middle never leaves a
 * half-written file under the real name.
 */
#include "util/compat.h"
#include "web/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/backup.h"
#include "store/repo_audit.h"
#include "store/repo_backup.h"
#include "store/repo_org.h"
#include "store/repo_transfer.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"
#include "web/seal.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "0.0.0-dev"
#endif

#define SCHEDULED_PREFIX "mamori-"
#define SCHEDULED_SUFFIX ".mamori-backup"

enum { COPY_BUF = 64 * 1024 };

static int sys_error(const char *key, const char *path, struct error *err)
{
	return error_set(err, ERROR_INTERNAL, key, path, strerror(errno), NULL);
}

/* The folder of path ("." when it names none), from arena. */
static const char *dir_of(struct arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return arena_memdupz(arena, path, (size_t)(slash - path));
}

/* A new empty file in dir; its name from arena, its descriptor in *fd. */
static int make_temp(struct arena *arena, const char *dir, const char **path,
		     int *fd, struct error *err)
{
	char *name = arena_printf(arena, "%s/.mamori-tmp-XXXXXX", dir);

	*fd = mkstemp(name);
	if (*fd < 0)
		return sys_error("backup.write_failed_at", dir, err);
	*path = name;
	return 0;
}

/* An unnamed scratch file in dir, gone when closed. */
static FILE *scratch_file(struct arena *arena, const char *dir,
			  struct error *err)
{
	const char *path = NULL;
	FILE *f;
	int fd;

	if (make_temp(arena, dir, &path, &fd, err))
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+b");
	if (!f) {
		close(fd);
		sys_error("backup.write_failed_at", dir, err);
	}
	return f;
}

static void remove_db(struct arena *arena, const char *path)
{
	unlink(path);
	unlink(arena_printf(arena, "%s-wal", path));
	unlink(arena_printf(arena, "%s-shm", path));
	unlink(arena_printf(arena, "%s-journal", path));
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Flushes f to the disk and closes it. */
static int finish_file(FILE *f, const char *path, struct error *err)
{
	int rc = 0;

	if (fflush(f) || fsync(fileno(f)))
		rc = sys_error("backup.write_failed_at", path, err);
	if (fclose(f) && !rc)
		rc = sys_error("backup.write_failed_at", path, err);
	return rc;
}

/* SHA-256 and size of the file at path. */
static int file_hash(const char *path, char sha[65], int64_t *size,
		     struct error *err)
{
	struct sha256_stream *h;
	unsigned char *buf;
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return sys_error("backup.cannot_read", path, err);
	h = sha256_stream_new();
	buf = xmalloc(COPY_BUF);
	*size = 0;
	while ((n = fread(buf, 1, COPY_BUF, f)) > 0) {
		sha256_stream_add(h, buf, n);
		*size += (int64_t)n;
	}
	if (ferror(f))
		rc = sys_error("backup.cannot_read", path, err);
	sha256_stream_end(h, sha);
	free(buf);
	fclose(f);
	return rc;
}

void backup_error_text(const struct error *err, struct strbuf *out)
{
	int i;

	strbuf_addstr(out, err->key[0] ? err->key : "backup.failed");
	for (i = 0; i < err->argc; i++) {
		const char *a = err->args[i];

		strbuf_addch(out, '\t');
		/* A tab inside an argument would split it. */
		for (; *a; a++)
			strbuf_addch(out, *a == '\t' ? ' ' : *a);
	}
}

void backup_error_parse(const char *text, struct error *err)
{
	const char *p = text, *tab;
	size_t len;

	error_clear(err);
	err->code = ERROR_INTERNAL;
	tab = strchr(p, '\t');
	len = tab ? (size_t)(tab - p) : strlen(p);
	if (len >= sizeof(err->key))
		len = sizeof(err->key) - 1;
	memcpy(err->key, p, len);
	err->key[len] = '\0';
	while (tab && err->argc < ERROR_ARGS_MAX) {
		p = tab + 1;
		tab = strchr(p, '\t');
		len = tab ? (size_t)(tab - p) : strlen(p);
		if (len >= ERROR_ARG_LEN)
			len = ERROR_ARG_LEN - 1;
		memcpy(err->args[err->argc], p, len);
		err->args[err->argc++][len] = '\0';
	}
}

/* Appends one entry to data's backup log (the file must exist). */
static int log_entry(const char *data, enum backup_kind kind, const char *file,
		     const char *sha, int64_t size, const struct error *failure,
		     const char *actor, struct error *err)
{
	struct backup_entry e;
	struct strbuf msg = STRBUF_INIT;
	struct store *store = NULL;
	int rc;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.at = (int64_t)time(NULL);
	e.file = file;
	e.sha256 = sha ? sha : "";
	e.size = size;
	e.ok = failure == NULL;
	if (failure)
		backup_error_text(failure, &msg);
	e.message = msg.len ? msg.buf : "";
	e.actor = actor;
	rc = store_open(data, 0, &store, err) ||
	     store_migrate(store, NULL, err) ||
	     repo_backup_log_add(store, &e, NULL, err);
	store_close(store);
	strbuf_release(&msg);
	return rc ? -1 : 0;
}

/* The manifest of the data file at image (a fresh copy, ours alone). */
static int read_manifest(const char *image, const char *kind,
			 struct arena *arena, struct backup_manifest *m,
			 struct error *err)
{
	struct store *store = NULL;
	struct organisation *orgs;
	size_t count, i;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	m->format = BACKUP_FORMAT;
	m->kind = kind;
	m->created = (int64_t)time(NULL);
	m->program = "mamori " MAMORI_VERSION;
	if (store_open(image, 0, &store, err) ||
	    store_schema_version(store, &m->schema, err) ||
	    repo_org_list(store, arena, &orgs, &count, err))
		goto out;
	m->orgs = arena_calloc(arena, count ? count : 1, sizeof(*m->orgs));
	for (i = 0; i < count; i++) {
		m->orgs[i].id = orgs[i].id;
		m->orgs[i].name = orgs[i].name;
	}
	m->org_count = count;
	rc = 0;
out:
	store_close(store);
	return rc;
}

/*
 * Packs the data file image into out (a backup file, sealed when o says
 * so) through a temporary file beside out.
 */
static int pack(const char *image, struct backup_manifest *m, const char *out,
		const struct backup_options *o, struct arena *arena,
		struct error *err)
{
	const char *dir = dir_of(arena, out), *tmp = NULL;
	FILE *img = NULL, *plain = NULL, *dst = NULL;
	int fd, rc = -1;

	img = fopen(image, "rb");
	if (!img) {
		sys_error("backup.cannot_read", image, err);
		goto out;
	}
	if (make_temp(arena, dir, &tmp, &fd, err))
		goto out;
	dst = fdopen(fd, "wb");
	if (!dst) {
		close(fd);
		sys_error("backup.write_failed_at", tmp, err);
		goto out;
	}
	if (o->passphrase) {
		/* The plain form only ever exists as an unnamed file. */
		plain = scratch_file(arena, dir, err);
		if (!plain || backupfile_write(plain, m, img, err))
			goto out;
		rewind(plain);
		if (seal_file(plain, dst, o->passphrase, o->opslimit,
			      o->memlimit, err))
			goto out;
	} else if (backupfile_write(dst, m, img, err)) {
		goto out;
	}
	rc = finish_file(dst, tmp, err);
	dst = NULL;
	if (!rc && rename(tmp, out))
		rc = sys_error("backup.write_failed_at", out, err);
	if (!rc) {
		tmp = NULL;
		sync_dir(dir);
	}
out:
	if (dst)
		fclose(dst);
	if (plain)
		fclose(plain);
	if (img)
		fclose(img);
	if (tmp)
		unlink(tmp);
	return rc;
}

/* Copies data into a temporary file in dir, self-contained. */
static int copy_data(const char *data, const char *dir, struct arena *arena,
		     const char **image, struct error *err)
{
	int fd;

	if (make_temp(arena, dir, image, &fd, err))
		return -1;
	close(fd);
	if (store_backup_copy(data, *image, err)) {
		remove_db(arena, *image);
		return -1;
	}
	return 0;
}

int backup_pack(const char *image, const char *kind, const char *out,
		const struct backup_options *o, struct arena *arena,
		struct backup_result *res, struct error *err)
{
	memset(res, 0, sizeof(*res));
	if (o->passphrase && strlen(o->passphrase) < SEAL_PASSPHRASE_MIN)
		return error_set(err, ERROR_INPUT, "backup.passphrase_short",
				 "8", NULL);
	if (read_manifest(image, kind, arena, &res->manifest, err) ||
	    store_backup_settle(image, err) ||
	    pack(image, &res->manifest, out, o, arena, err) ||
	    file_hash(out, res->sha256, &res->size, err))
		return -1;
	return 0;
}

int backup_make(const char *data, const char *out,
		const struct backup_options *o, struct arena *arena,
		struct backup_result *res, struct error *err)
{
	const char *image = NULL;
	struct error failure = ERROR_INIT;
	struct stat ds, os;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (stat(data, &ds))
		return sys_error("backup.cannot_read", data, err);
	/* Renaming the backup into place would replace the data file. */
	if (!stat(out, &os) && os.st_dev == ds.st_dev && os.st_ino == ds.st_ino)
		return error_set(err, ERROR_INPUT, "backup.output_is_data", out,
				 NULL);
	if (o->passphrase && strlen(o->passphrase) < SEAL_PASSPHRASE_MIN)
		return error_set(err, ERROR_INPUT, "backup.passphrase_short",
				 "8", NULL);
	if (copy_data(data, dir_of(arena, out), arena, &image, &failure) ||
	    read_manifest(image, "installation", arena, &res->manifest,
			  &failure) ||
	    store_backup_settle(image, &failure) ||
	    pack(image, &res->manifest, out, o, arena, &failure) ||
	    file_hash(out, res->sha256, &res->size, &failure))
		goto out;
	rc = 0;
out:
	if (image)
		remove_db(arena, image);
	if (rc)
		*err = failure;
	/* The log says what happened, even when it failed. */
	if (log_entry(data, BACKUP_KIND_BACKUP, out, rc ? "" : res->sha256,
		      rc ? 0 : res->size, rc ? &failure : NULL, o->actor,
		      rc ? NULL : err))
		return -1;
	return rc;
}

/* Opens file and, when sealed, opens the seal into a scratch file. */
static FILE *open_container(const char *file, const char *passphrase,
			    const char *dir, struct arena *arena,
			    struct error *err)
{
	unsigned char prefix[BACKUP_PREFIX];
	enum backup_mode mode;
	FILE *in = fopen(file, "rb"), *plain;
	size_t n;

	if (!in) {
		sys_error("backup.cannot_read", file, err);
		return NULL;
	}
	n = fread(prefix, 1, sizeof(prefix), in);
	if (backupfile_prefix(prefix, n, &mode, err)) {
		fclose(in);
		return NULL;
	}
	rewind(in);
	if (mode == BACKUP_PLAIN)
		return in;
	if (!passphrase) {
		fclose(in);
		error_set(err, ERROR_INPUT, "backup.needs_passphrase", NULL);
		return NULL;
	}
	plain = scratch_file(arena, dir, err);
	if (!plain || unseal_file(in, plain, passphrase, err)) {
		if (plain)
			fclose(plain);
		fclose(in);
		return NULL;
	}
	fclose(in);
	rewind(plain);
	return plain;
}

/* Every check a restored data file must pass. */
static int check_image(const char *image, const struct backup_manifest *m,
		       struct arena *arena, int64_t *events, struct error *err)
{
	struct store *store = NULL;
	const char *problem;
	int64_t bad_id, bad_org, checked, bad_chain, bad_seq, archived;
	int version, rc = -1;
	char a[32], b[32];

	if (store_open(image, 0, &store, err) ||
	    store_schema_version(store, &version, err))
		goto out;
	if (version != m->schema) {
		error_set(err, ERROR_INPUT, "backup.damaged", NULL);
		goto out;
	}
	/* The copy is ours: bring it to this binary's schema, so the checks
	 * (and an organisation's import) see the tables they know. */
	if (store_migrate(store, NULL, err) ||
	    repo_backup_check(store, arena, &problem, err))
		goto out;
	if (problem) {
		error_set(err, ERROR_INPUT, "backup.integrity", problem, NULL);
		goto out;
	}
	if (repo_audit_verify(store, sha256_bytes, &bad_id, &bad_org, &checked,
			      err))
		goto out;
	if (bad_id) {
		snprintf(a, sizeof(a), "%lld", (long long)bad_id);
		snprintf(b, sizeof(b), "%lld", (long long)bad_org);
		error_set(err, ERROR_INPUT, "backup.audit_broken", a, b, NULL);
		goto out;
	}
	if (repo_transfer_verify_archive(store, sha256_bytes, &bad_org,
					 &bad_chain, &bad_seq, &archived, err))
		goto out;
	if (bad_org) {
		snprintf(a, sizeof(a), "%lld", (long long)bad_seq);
		snprintf(b, sizeof(b), "%lld", (long long)bad_org);
		error_set(err, ERROR_INPUT, "backup.audit_broken", a, b, NULL);
		goto out;
	}
	*events = checked + archived;
	rc = 0;
out:
	store_close(store);
	return rc;
}

int backup_check_file(const char *file, const char *passphrase, const char *dir,
		      struct arena *arena, struct backup_result *res,
		      const char **image, struct error *err)
{
	const char *tmp = NULL;
	FILE *in, *out;
	char have[16], know[16];
	int fd, rc = -1;

	memset(res, 0, sizeof(*res));
	*image = NULL;
	if (file_hash(file, res->sha256, &res->size, err))
		return -1;
	in = open_container(file, passphrase, dir, arena, err);
	if (!in)
		return -1;
	if (backupfile_read(in, arena, &res->manifest, err))
		goto out;
	if (res->manifest.schema > store_schema_latest()) {
		snprintf(have, sizeof(have), "%d", res->manifest.schema);
		snprintf(know, sizeof(know), "%d", store_schema_latest());
		error_set(err, ERROR_INPUT, "backup.too_new", have, know, NULL);
		goto out;
	}
	if (make_temp(arena, dir, &tmp, &fd, err))
		goto out;
	out = fdopen(fd, "wb");
	if (!out) {
		close(fd);
		sys_error("backup.write_failed_at", tmp, err);
		goto out;
	}
	if (backupfile_extract(in, &res->manifest, out, err)) {
		fclose(out);
		goto out;
	}
	if (finish_file(out, tmp, err) ||
	    check_image(tmp, &res->manifest, arena, &res->events, err) ||
	    store_backup_settle(tmp, err))
		goto out;
	*image = tmp;
	rc = 0;
out:
	if (rc && tmp)
		remove_db(arena, tmp);
	fclose(in);
	return rc;
}

int backup_verify(const char *file, const char *passphrase, const char *data,
		  const char *actor, struct arena *arena,
		  struct backup_result *res, struct error *err)
{
	struct error failure = ERROR_INIT;
	const char *dir = getenv("TMPDIR"), *image;
	int rc;

	if (!dir || !*dir)
		dir = "/tmp";
	rc = backup_check_file(file, passphrase, dir, arena, res, &image,
			       &failure);
	if (!rc)
		remove_db(arena, image);
	else
		*err = failure;
	/* A restore test of this installation's own backups is recorded. */
	if (data && !access(data, F_OK) &&
	    log_entry(data, BACKUP_KIND_RESTORE_TEST, file, res->sha256,
		      res->size, rc ? &failure : NULL, actor, rc ? NULL : err))
		return -1;
	return rc;
}

/* Takes the exclusive lock that no running server may hold. */
static int lock_exclusive(const char *data, int *fd, struct error *err)
{
	*fd = open(data, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return errno == ENOENT
			       ? 0
			       : sys_error("backup.cannot_read", data, err);
	if (flock(*fd, LOCK_EX | LOCK_NB)) {
		close(*fd);
		*fd = -1;
		return error_set(err, ERROR_CONFLICT, "backup.in_use", data,
				 NULL);
	}
	return 0;
}

int backup_restore(const char *file, const char *passphrase, const char *data,
		   struct arena *arena, struct backup_result *res,
		   struct error *err)
{
	const char *dir = dir_of(arena, data), *image = NULL, *kept;
	struct error ignore = ERROR_INIT;
	int fd = -1, rc = -1;

	if (lock_exclusive(data, &fd, err))
		return -1;
	if (backup_check_file(file, passphrase, dir, arena, res, &image, err))
		goto out;
	if (strcmp(res->manifest.kind, "installation")) {
		error_set(err, ERROR_INPUT, "backup.not_installation", NULL);
		goto out;
	}
	if (fd >= 0) {
		/*
		 * The old file's log must not outlive it: a -wal left beside
		 * the new file would be replayed into it.  Checkpoint it into
		 * the old file (kept as DATA.before-restore); if the old file
		 * cannot even be opened, its log goes aside with it.
		 */
		kept = arena_printf(arena, "%s.before-restore", data);
		if (store_backup_settle(data, &ignore))
			rename(arena_printf(arena, "%s-wal", data),
			       arena_printf(arena, "%s-wal", kept));
		unlink(arena_printf(arena, "%s-shm", data));
		unlink(kept);
		if (link(data, kept)) {
			sys_error("backup.write_failed_at", kept, err);
			goto out;
		}
	}
	if (rename(image, data)) {
		sys_error("backup.write_failed_at", data, err);
		goto out;
	}
	image = NULL;
	sync_dir(dir);
	rc = log_entry(data, BACKUP_KIND_RESTORE, file, res->sha256, res->size,
		       NULL, "cli", err);
out:
	if (image)
		remove_db(arena, image);
	if (fd >= 0)
		close(fd);
	return rc;
}

int backup_hold(const char *data, int *fd, struct error *err)
{
	*fd = open(data, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return sys_error("backup.cannot_read", data, err);
	if (flock(*fd, LOCK_SH | LOCK_NB)) {
		close(*fd);
		*fd = -1;
		return error_set(err, ERROR_CONFLICT, "backup.in_use", data,
				 NULL);
	}
	return 0;
}

void backup_release(int fd)
{
	if (fd >= 0)
		close(fd);
}

const char *backup_file_name(struct arena *arena, const char *dir, int64_t at)
{
	time_t t = (time_t)at;
	struct tm tm;
	char stamp[32];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	return arena_printf(arena, "%s/" SCHEDULED_PREFIX "%s" SCHEDULED_SUFFIX,
			    dir, stamp);
}

static int is_scheduled_name(const char *name)
{
	size_t len = strlen(name), pre = strlen(SCHEDULED_PREFIX),
	       suf = strlen(SCHEDULED_SUFFIX);

	return len > pre + suf && !strncmp(name, SCHEDULED_PREFIX, pre) &&
	       !strcmp(name + len - suf, SCHEDULED_SUFFIX);
}

static int newest_first(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

int backup_prune(const char *dir, int keep, struct error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d)
		return sys_error("backup.cannot_read", dir, err);
	while ((e = readdir(d)))
		if (is_scheduled_name(e->d_name)) {
			ALLOC_GROW(names, n + 1, cap);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	/* The names carry the time, so their order is the files' age. */
	if (n)
		qsort(names, n, sizeof(*names), newest_first);
	for (i = 0; i < n; i++) {
		if (i >= (size_t)keep) {
			struct strbuf path = STRBUF_INIT;

			strbuf_addf(&path, "%s/%s", dir, names[i]);
			if (unlink(path.buf) && !rc)
				rc = sys_error("backup.write_failed_at",
					       path.buf, err);
			strbuf_release(&path);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

struct backup_scheduler {
	struct backup_schedule s;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
};

/* When the last successful backup was taken, or 0. */
static int64_t last_backup(const char *data)
{
	struct store *store = NULL;
	struct backup_entry e;
	struct arena arena;
	struct error err = ERROR_INIT;
	int64_t at = 0;

	arena_init(&arena, 0);
	if (!store_open(data, 0, &store, &err) &&
	    repo_backup_last_ok(store, &arena, BACKUP_KIND_BACKUP, &e, &err) ==
		    1)
		at = e.at;
	store_close(store);
	arena_release(&arena);
	return at;
}

static void scheduled_run(struct backup_scheduler *b)
{
	struct backup_options o = { b->s.passphrase, 0, 0, "schedule" };
	struct backup_result res;
	struct error err = ERROR_INIT;
	struct arena arena;
	const char *out;

	arena_init(&arena, 0);
	out = backup_file_name(&arena, b->s.dir, (int64_t)time(NULL));
	/* A failure is in the log, which the /backup page shows. */
	if (backup_make(b->s.data, out, &o, &arena, &res, &err) ||
	    backup_prune(b->s.dir, b->s.keep, &err))
		fprintf(stderr, "mamori: scheduled backup: %s\n", err.key);
	arena_release(&arena);
}

static void *schedule_main(void *arg)
{
	struct backup_scheduler *b = arg;
	int64_t next = last_backup(b->s.data) + b->s.every;

	pthread_mutex_lock(&b->lock);
	while (!b->stop) {
		int64_t now = (int64_t)time(NULL);
		struct timespec until;

		if (now >= next) {
			pthread_mutex_unlock(&b->lock);
			scheduled_run(b);
			pthread_mutex_lock(&b->lock);
			/* After a failure too: the next try is a period on. */
			next = (int64_t)time(NULL) + b->s.every;
			continue;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += (time_t)(next - now);
		pthread_cond_timedwait(&b->wake, &b->lock, &until);
	}
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* The schedule in force, for the /backup page (one server a process). */
static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static struct backup_schedule current;

int backup_schedule_current(struct arena *arena, struct backup_schedule *out)
{
	int on;

	pthread_mutex_lock(&current_lock);
	on = current.every > 0;
	memset(out, 0, sizeof(*out));
	if (on) {
		out->every = current.every;
		out->keep = current.keep;
		out->dir = arena_strdup(arena, current.dir);
		out->passphrase = current.passphrase ? "" : NULL;
	}
	pthread_mutex_unlock(&current_lock);
	return on;
}

int backup_schedule_start(const struct backup_schedule *s,
			  struct backup_scheduler **out, struct error *err)
{
	struct backup_scheduler *b = xcalloc(1, sizeof(*b));
	struct stat st;

	if (stat(s->dir, &st) || !S_ISDIR(st.st_mode) || access(s->dir, W_OK)) {
		free(b);
		return error_set(err, ERROR_INPUT, "backup.bad_dir", s->dir,
				 NULL);
	}
	b->s = *s;
	b->s.data = xstrdup(s->data);
	b->s.dir = xstrdup(s->dir);
	b->s.passphrase = s->passphrase ? xstrdup(s->passphrase) : NULL;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->wake, NULL);
	if (pthread_create(&b->thread, NULL, schedule_main, b)) {
		pthread_cond_destroy(&b->wake);
		pthread_mutex_destroy(&b->lock);
		free((char *)b->s.data);
		free((char *)b->s.dir);
		free((char *)b->s.passphrase);
		free(b);
		return error_set(err, ERROR_INTERNAL, "backup.thread", NULL);
	}
	pthread_mutex_lock(&current_lock);
	current = b->s;
	pthread_mutex_unlock(&current_lock);
	*out = b;
	return 0;
}

void backup_schedule_stop(struct backup_scheduler *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&current_lock);
	memset(&current, 0, sizeof(current));
	pthread_mutex_unlock(&current_lock);
	pthread_mutex_lock(&b->lock);
	b->stop = 1;
	pthread_cond_signal(&b->wake);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	pthread_cond_destroy(&b->wake);
	pthread_mutex_destroy(&b->lock);
	if (b->s.passphrase) {
		memset((char *)b->s.passphrase, 0, strlen(b->s.passphrase));
		free((char *)b->s.passphrase);
	}
	free((char *)b->s.data);
	free((char *)b->s.dir);
	free(b);
}
