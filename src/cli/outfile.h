/*
 * outfile.h: files the command line writes (exports, documents, packs)
 * go through a temporary file beside their path, synced and renamed into
 * place, so that a failure or a crash leaves the path as it was and a
 * reader never sees half a file.
 */
#ifndef MAMORI_CLI_OUTFILE_H
#define MAMORI_CLI_OUTFILE_H

#include <stddef.h>

struct error;

/* Writes len bytes of buf to path.  0, or -1 with err naming path. */
int outfile_write(const char *path, const char *buf, size_t len,
		  struct error *err);

/*
 * Puts at path the file make(tmp, arg, err) writes by name at tmp (for
 * libraries that open their file themselves: libxlsxwriter, cairo).
 * 0, or -1 with err from make or naming path.
 */
int outfile_make(const char *path,
		 int (*make)(const char *tmp, void *arg, struct error *err),
		 void *arg, struct error *err);

#endif
