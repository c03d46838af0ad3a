/* outfile.c: whole files or none, through a temporary file beside them. */
#include "util/compat.h"
#include "cli/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/strbuf.h"

static int cannot_write(const char *path, int e, struct error *err)
{
	return error_set(err, ERROR_INPUT, "ledger.cannot_write", path,
			 strerror(e ? e : EIO), NULL);
}

/*
 * A file beside path to write into first (its name in tmp), with the
 * permissions a new file would get, so the finished file replaces an
 * old one in one rename.
 */
static int open_temp(const char *path, struct strbuf *tmp, int *fd,
		     struct error *err)
{
	mode_t mask = umask(0);
	int e;

	umask(mask);
	strbuf_reset(tmp);
	strbuf_addf(tmp, "%s.XXXXXX", path);
	*fd = mkstemp(tmp->buf);
	if (*fd < 0)
		return cannot_write(path, errno, err);
	if (fchmod(*fd, 0666 & ~mask)) {
		e = errno;
		close(*fd);
		unlink(tmp->buf);
		return cannot_write(path, e, err);
	}
	return 0;
}

/* Flushes the finished temporary file to disk and puts it at path. */
static int finish_temp(const char *tmp, const char *path, struct error *err)
{
	int fd = open(tmp, O_RDONLY), e;

	if (fd < 0 || fsync(fd)) {
		e = errno;
		if (fd >= 0)
			close(fd);
		return cannot_write(path, e, err);
	}
	close(fd);
	if (rename(tmp, path))
		return cannot_write(path, errno, err);
	return 0;
}

int outfile_write(const char *path, const char *buf, size_t len,
		  struct error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	FILE *f;
	int fd, rc = -1;

	if (open_temp(path, &tmp, &fd, err))
		goto out;
	f = fdopen(fd, "wb");
	if (!f) {
		cannot_write(path, errno, err);
		close(fd);
	} else if (fwrite(buf, 1, len, f) != len || fflush(f)) {
		cannot_write(path, errno, err);
		fclose(f);
	} else if (fclose(f)) {
		cannot_write(path, errno, err);
	} else {
		rc = finish_temp(tmp.buf, path, err);
	}
	if (rc)
		unlink(tmp.buf);
out:
	strbuf_release(&tmp);
	return rc;
}

int outfile_make(const char *path,
		 int (*make)(const char *tmp, void *arg, struct error *err),
		 void *arg, struct error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, rc = -1;

	if (open_temp(path, &tmp, &fd, err))
		goto out;
	close(fd);
	rc = make(tmp.buf, arg, err);
	if (!rc)
		rc = finish_temp(tmp.buf, path, err);
	if (rc)
		unlink(tmp.buf);
out:
	strbuf_release(&tmp);
	return rc;
}
