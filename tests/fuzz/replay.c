/*
 * replay.c: runs a fuzz target over every file of its corpus folders, so
 * the inputs the fuzzer kept (and the crashes it found) are replayed by
 * every `make test` under the sanitizers of that build.  Speaks TAP: one
 * case per folder.  An empty or missing folder fails, so a corpus cannot
 * vanish unnoticed.
 */
#include "util/compat.h"

#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/alloc.h"
#include "util/strbuf.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads path into a buffer of exactly its size, so an overread shows. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	uint8_t *data;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	data = xmalloc(sb.len ? sb.len : 1);
	memcpy(data, sb.buf, sb.len);
	LLVMFuzzerTestOneInput(data, sb.len);
	free(data);
	strbuf_release(&sb);
	return 0;
}

/* Replays every regular file of dir in name order; returns how many. */
static long replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, cap = 0, i;
	long done = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ALLOC_GROW(names, count + 1, cap);
		names[count++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof(*names), by_name);
	for (i = 0; i < count; i++) {
		struct strbuf path = STRBUF_INIT;
		struct stat st;

		strbuf_addf(&path, "%s/%s", dir, names[i]);
		if (!stat(path.buf, &st) && S_ISREG(st.st_mode) &&
		    !replay_file(path.buf))
			done++;
		strbuf_release(&path);
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		struct timespec t0, t1;
		long n;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		n = replay_dir(argv[i]);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (n > 0) {
			printf("ok %d - %ld inputs of %s replayed in %.1f s\n",
			       i, n, argv[i],
			       (double)(t1.tv_sec - t0.tv_sec) +
				       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		} else {
			printf("not ok %d - no inputs in %s\n", i, argv[i]);
			failed = 1;
		}
		fflush(stdout);
	}
	return failed;
}
