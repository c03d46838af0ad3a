/* charset.c: CSV text to UTF-8, by iconv when it is Shift_JIS. */
#include "util/compat.h"
#include "import/charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* The line (1-based) that byte offset at of data is on. */
static size_t line_of(const char *data, size_t at)
{
	size_t line = 1, i;

	for (i = 0; i < at; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

static int bad_charset(const char *data, size_t at, struct error *err)
{
	char line[32];

	snprintf(line, sizeof(line), "%zu", line_of(data, at));
	return error_set(err, ERROR_INPUT, "import.bad_charset", line, NULL);
}

/* The offset of the first byte that is not well-formed UTF-8. */
static size_t utf8_error_at(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(data + i, len - i, &cp);

		if (!n)
			return i;
		i += n;
	}
	return len;
}

/*
 * Windows code page 932 rather than plain Shift_JIS: it is what Excel
 * writes, with the NEC and IBM extensions (①, ㈱, 髙) offices use.
 */
static int from_cp932(struct arena *arena, const char *data, size_t len,
		      const char **text, size_t *text_len, struct error *err)
{
	struct strbuf out = STRBUF_INIT;
	iconv_t cd = iconv_open("UTF-8", "CP932");
	char *in = (char *)data;
	size_t left = len;
	int rc = -1;

	if (cd == (iconv_t)-1)
		return error_set(err, ERROR_INTERNAL, "import.no_iconv", NULL);
	/* UTF-8 takes at most 3 bytes for each Shift_JIS byte. */
	strbuf_grow(&out, len + len / 2 + 16);
	while (left) {
		char chunk[65536], *o = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &in, &left, &o, &room);

		strbuf_add(&out, chunk, sizeof(chunk) - room);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or a character cut off at the end (EINVAL). */
		bad_charset(data, (size_t)(in - data), err);
		goto out;
	}
	if (!utf8_valid(out.buf, out.len)) {
		/* The offset is one in the converted text, so its line is
		 * counted there (found by tests/fuzz/fuzz_csv.c: counted in
		 * data it read past the end). */
		bad_charset(out.buf, utf8_error_at(out.buf, out.len), err);
		goto out;
	}
	*text = arena_memdupz(arena, out.buf, out.len);
	*text_len = out.len;
	rc = 0;
out:
	strbuf_release(&out);
	iconv_close(cd);
	return rc;
}

int charset_to_utf8(struct arena *arena, const char *data, size_t len,
		    const char **text, size_t *text_len,
		    enum import_charset *cs, struct error *err)
{
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		/* A BOM says UTF-8; bytes that are not are a broken file. */
		data += 3;
		len -= 3;
		if (!utf8_valid(data, len))
			return bad_charset(data, utf8_error_at(data, len), err);
		*cs = IMPORT_UTF8_BOM;
		*text = arena_memdupz(arena, data, len);
		*text_len = len;
		return 0;
	}
	/*
	 * Shift_JIS text of any length is almost never valid UTF-8 (its
	 * lead bytes 0x81-0x9F are UTF-8 continuation bytes), so valid
	 * UTF-8 is taken as UTF-8.
	 */
	if (utf8_valid(data, len)) {
		*cs = IMPORT_UTF8;
		*text = arena_memdupz(arena, data, len);
		*text_len = len;
		return 0;
	}
	*cs = IMPORT_SHIFT_JIS;
	return from_cp932(arena, data, len, text, text_len, err);
}
