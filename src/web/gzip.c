/* gzip.c: gzip compression; the only file that includes zlib.h. */
#include "util/compat.h"
#include "web/gzip.h"

#include <strings.h>
#include <zlib.h>

#include "util/alloc.h"

enum { GZ_MIN = 1024 };

void gz_body_init(struct gz_body *out, const void *data, size_t len)
{
	z_stream z;
	uLong cap;

	memset(out, 0, sizeof(*out));
	out->plain = data;
	out->plain_len = len;
	if (len < GZ_MIN)
		return;
	memset(&z, 0, sizeof(z));
	/* windowBits 15 + 16 asks zlib for a gzip wrapper, not zlib's own. */
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	cap = deflateBound(&z, (uLong)len);
	out->gz = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = out->gz;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END ||
	    z.total_out > len - len / 10) {
		free(out->gz);
		out->gz = NULL;
	} else {
		out->gz_len = z.total_out;
	}
	deflateEnd(&z);
}

void gz_body_release(struct gz_body *b)
{
	free(b->gz);
	b->gz = NULL;
}

/* Returns 1 when a parameter list such as " q=0.5" has q equal to zero. */
static int q_is_zero(const char *p, size_t len)
{
	const char *end = p + len;

	while (p < end && (*p == ' ' || *p == ';'))
		p++;
	if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return 0;
	for (p += 2; p < end && *p != ' '; p++)
		if (*p != '0' && *p != '.')
			return 0;
	return 1;
}

int gz_accepted(const char *ae)
{
	/* A list of codings like "gzip, deflate, br;q=0.9"; gzip (or "*")
	 * is accepted unless its quality is zero. */
	while (ae && *ae) {
		size_t len = strcspn(ae, ","), name;

		while (len && *ae == ' ') {
			ae++;
			len--;
		}
		name = strcspn(ae, ";, ");
		if (name > len)
			name = len;
		if (((name == 4 && !strncasecmp(ae, "gzip", 4)) ||
		     (name == 1 && *ae == '*')) &&
		    !q_is_zero(ae + name, len - name))
			return 1;
		ae += len;
		if (*ae == ',')
			ae++;
	}
	return 0;
}
