/*
 * fuzz_form.c: query strings, urlencoded form bodies and Cookie headers
 * (web/form.c), and the bounded number and date parsers (util/parse.c)
 * every decoded value meets next.  The input is all three at once.
 *
 * Oracles: a decoded form re-encoded and decoded again gives the same
 * pairs (what a page echoes back in a link is what it read); every name
 * and value is valid UTF-8 without NUL; a cookie value is a piece of the
 * header; a parsed number is in its range and a parsed date is real.
 */
#include "util/compat.h"

#include "fuzz.h"
#include "util/arena.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/request.h"

static void encode(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			strbuf_addch(out, c);
		} else if (c == ' ') {
			strbuf_addch(out, '+');
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}

static void check_value(const char *v)
{
	struct date d;
	long l;
	int i;

	FUZZ_CHECK(utf8_valid(v, strlen(v)));
	if (!parse_long(v, -1000000, 1000000, &l))
		FUZZ_CHECK(l >= -1000000 && l <= 1000000);
	if (!parse_int(v, 1, 5, &i))
		FUZZ_CHECK(i >= 1 && i <= 5);
	if (!parse_date(v, &d)) {
		char again[16];

		FUZZ_CHECK(date_is_valid(d.year, d.month, d.day));
		snprintf(again, sizeof(again), "%04d-%02d-%02d", d.year,
			 d.month, d.day);
		FUZZ_CHECK(!strcmp(again, v));
	}
}

static void check_form(struct arena *arena, const char *s, size_t len)
{
	struct param *p, *q;
	size_t count, count2, i;
	struct strbuf again = STRBUF_INIT;

	if (form_decode(arena, s, len, &p, &count))
		return;
	FUZZ_CHECK(count <= FORM_FIELDS_MAX);
	for (i = 0; i < count; i++) {
		FUZZ_CHECK(*p[i].name);
		FUZZ_CHECK(utf8_valid(p[i].name, strlen(p[i].name)));
		check_value(p[i].value);
		if (i)
			strbuf_addch(&again, '&');
		encode(&again, p[i].name);
		strbuf_addch(&again, '=');
		encode(&again, p[i].value);
	}
	FUZZ_CHECK(!form_decode(arena, again.buf, again.len, &q, &count2));
	FUZZ_CHECK(count2 == count);
	for (i = 0; i < count; i++) {
		FUZZ_CHECK(!strcmp(p[i].name, q[i].name));
		FUZZ_CHECK(!strcmp(p[i].value, q[i].value));
	}
	strbuf_release(&again);
}

static void check_cookie(struct arena *arena, const char *header)
{
	static const char *const names[] = { "mamori_session", "mamori_login",
					     "mamori_lang", "a" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const char *v = form_cookie(arena, header, names[i]);

		if (v) {
			FUZZ_CHECK(!strchr(v, ';'));
			FUZZ_CHECK(strstr(header, v) != NULL);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	const char *s = (const char *)data;
	char *header, *v;

	arena_init(&arena, 0);
	check_form(&arena, s, size);
	v = form_unescape(&arena, s, size, 0);
	if (v) {
		FUZZ_CHECK(strlen(v) <= size);
		check_value(v);
	}
	/* A header is a C string: the server hands it over NUL-terminated. */
	header = arena_memdupz(&arena, s, size);
	check_cookie(&arena, header);
	arena_release(&arena);
	return 0;
}
