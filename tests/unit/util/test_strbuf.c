/* test_strbuf.c: unit tests of util/strbuf.c. */
#include "util/compat.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <wchar.h>

#include "../death.h"

/* Checks the invariants promised by strbuf.h. */
static void check_invariants(const struct strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_int_equal(sb->buf[sb->len], '\0');
	if (sb->alloc) {
		assert_true(sb->len < sb->alloc);
		assert_ptr_not_equal(sb->buf, strbuf_slopbuf);
	} else {
		assert_int_equal(sb->len, 0);
		assert_ptr_equal(sb->buf, strbuf_slopbuf);
	}
}

static void PRINTF_LIKE(2, 3)
	add_via_va(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_strbuf__init_macro(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	check_invariants(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.max, 0);
	assert_int_equal(sb.toobig, 0);
	assert_string_equal(sb.buf, "");
}

static void test_strbuf__init_without_hint(void **state)
{
	struct strbuf sb;

	(void)state;
	memset(&sb, 0x5a, sizeof(sb));
	strbuf_init(&sb, 0);
	check_invariants(&sb);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.max, 0);
	assert_int_equal(sb.toobig, 0);
	strbuf_release(&sb);
}

static void test_strbuf__init_with_hint(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 100);
	check_invariants(&sb);
	assert_true(sb.alloc >= 101);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
	check_invariants(&sb);
}

static void test_strbuf__release_resets(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "hello");
	strbuf_release(&sb);
	check_invariants(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	/* Released twice is harmless, and the buffer can be used again. */
	strbuf_release(&sb);
	check_invariants(&sb);
	strbuf_addstr(&sb, "again");
	assert_string_equal(sb.buf, "again");
	strbuf_release(&sb);
}

static void test_strbuf__detach(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 0;
	char *p;

	(void)state;
	strbuf_addstr(&sb, "detached");
	p = strbuf_detach(&sb, &len);
	assert_string_equal(p, "detached");
	assert_int_equal(len, 8);
	check_invariants(&sb);
	assert_int_equal(sb.alloc, 0);
	free(p);

	strbuf_addstr(&sb, "no length");
	p = strbuf_detach(&sb, NULL);
	assert_string_equal(p, "no length");
	check_invariants(&sb);
	free(p);
}

static void test_strbuf__detach_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;

	(void)state;
	p = strbuf_detach(&sb, &len);
	assert_non_null(p);
	/* The caller owns the result: it is never the shared slop buffer. */
	assert_ptr_not_equal(p, strbuf_slopbuf);
	assert_string_equal(p, "");
	assert_int_equal(len, 0);
	check_invariants(&sb);
	free(p);

	/* Allocated but empty. */
	strbuf_grow(&sb, 10);
	p = strbuf_detach(&sb, &len);
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(len, 0);
	check_invariants(&sb);
	free(p);
}

static void test_strbuf__add(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_add(&sb, "abcdef", 3);
	assert_int_equal(sb.len, 3);
	assert_string_equal(sb.buf, "abc");
	check_invariants(&sb);
	/* Bytes are bytes: an embedded NUL is kept and counted. */
	strbuf_add(&sb, "x\0y", 3);
	assert_int_equal(sb.len, 6);
	assert_memory_equal(sb.buf, "abcx\0y", 7);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__add_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_add(&sb, "ignored", 0);
	strbuf_addstr(&sb, "");
	strbuf_addchars(&sb, 'x', 0);
	strbuf_addf(&sb, "%s", "");
	check_invariants(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	/* Nothing was written to the shared buffer. */
	assert_int_equal(strbuf_slopbuf[0], '\0');
	strbuf_release(&sb);
}

static void test_strbuf__addstr(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "情報");
	strbuf_addstr(&sb, " security");
	assert_string_equal(sb.buf, "情報 security");
	assert_int_equal(sb.len, strlen("情報 security"));
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__addch(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 26; i++)
		strbuf_addch(&sb, 'a' + i);
	assert_string_equal(sb.buf, "abcdefghijklmnopqrstuvwxyz");
	assert_int_equal(sb.len, 26);
	strbuf_addch(&sb, 0xe6);
	assert_int_equal(sb.len, 27);
	assert_int_equal((unsigned char)sb.buf[26], 0xe6);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__addchars(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "[");
	strbuf_addchars(&sb, '-', 5);
	strbuf_addstr(&sb, "]");
	assert_string_equal(sb.buf, "[-----]");
	strbuf_addchars(&sb, ' ', 1000);
	assert_int_equal(sb.len, 1007);
	assert_int_equal(sb.buf[6], ']');
	assert_int_equal(sb.buf[7], ' ');
	assert_int_equal(sb.buf[1006], ' ');
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addf(&sb, "%s=%d", "level", 3);
	strbuf_addf(&sb, ", %05.1f%%", 2.5);
	assert_string_equal(sb.buf, "level=3, 002.5%");
	assert_int_equal(sb.len, strlen("level=3, 002.5%"));
	check_invariants(&sb);
	/* Longer than any first allocation: the buffer grows to fit. */
	strbuf_addf(&sb, "%0500d", 7);
	assert_int_equal(sb.len, 15 + 500);
	assert_int_equal(sb.buf[15], '0');
	assert_int_equal(sb.buf[15 + 499], '7');
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__vaddf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	add_via_va(&sb, "%s-%s-%ld", "5", "10", 42L);
	add_via_va(&sb, "|%c|", 'z');
	assert_string_equal(sb.buf, "5-10-42|z|");
	add_via_va(&sb, "%300s", "end");
	assert_int_equal(sb.len, 10 + 300);
	assert_string_equal(sb.buf + sb.len - 3, "end");
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__grow(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *before;
	int i;

	(void)state;
	strbuf_grow(&sb, 0);
	check_invariants(&sb);
	assert_true(sb.alloc >= 1);
	assert_string_equal(sb.buf, "");

	strbuf_addstr(&sb, "ab");
	strbuf_grow(&sb, 200);
	assert_true(sb.alloc >= 2 + 200 + 1);
	assert_string_equal(sb.buf, "ab");
	assert_int_equal(sb.len, 2);
	check_invariants(&sb);
	/* The room promised is there: no reallocation while filling it. */
	before = sb.buf;
	for (i = 0; i < 200; i++)
		strbuf_addch(&sb, 'x');
	assert_ptr_equal(sb.buf, before);
	assert_int_equal(sb.len, 202);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__setlen(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc;

	(void)state;
	strbuf_addstr(&sb, "hello world");
	alloc = sb.alloc;
	strbuf_setlen(&sb, 5);
	assert_int_equal(sb.len, 5);
	assert_string_equal(sb.buf, "hello");
	check_invariants(&sb);
	strbuf_setlen(&sb, 5);
	assert_string_equal(sb.buf, "hello");
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	/* Resetting keeps the allocation for reuse. */
	assert_int_equal(sb.alloc, alloc);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__reset_unallocated(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_reset(&sb);
	check_invariants(&sb);
	assert_int_equal(strbuf_slopbuf[0], '\0');
}

static void test_strbuf__rtrim(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "  text \t\r\n\v\f");
	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "  text");
	assert_int_equal(sb.len, 6);
	check_invariants(&sb);

	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "  text");

	strbuf_reset(&sb);
	strbuf_addstr(&sb, " \t \n");
	strbuf_rtrim(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	check_invariants(&sb);

	/* Only ASCII white space: a trailing non-breaking space stays. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a\xc2\xa0");
	strbuf_rtrim(&sb);
	assert_int_equal(sb.len, 3);
	strbuf_release(&sb);

	strbuf_rtrim(&sb);
	check_invariants(&sb);
}

static void test_strbuf__rtrim_keeps_nul(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	(void)state;
	/* A NUL byte is data, not white space. */
	strbuf_add(&sb, "ab\0", 3);
	strbuf_rtrim(&sb);
	len = sb.len;
	strbuf_release(&sb);
	assert_int_equal(len, 3);
}

static void test_strbuf__max_add(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 5;
	strbuf_addstr(&sb, "abc");
	assert_int_equal(sb.toobig, 0);
	strbuf_addstr(&sb, "def");
	/* Refused whole: nothing of it is added. */
	assert_int_equal(sb.toobig, 1);
	assert_string_equal(sb.buf, "abc");
	assert_int_equal(sb.len, 3);
	/* Exactly up to max is allowed; toobig stays set. */
	strbuf_add(&sb, "de", 2);
	assert_string_equal(sb.buf, "abcde");
	assert_int_equal(sb.len, 5);
	assert_int_equal(sb.toobig, 1);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__max_addch(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 2;
	strbuf_addch(&sb, 'a');
	strbuf_addch(&sb, 'b');
	assert_int_equal(sb.toobig, 0);
	strbuf_addch(&sb, 'c');
	assert_int_equal(sb.toobig, 1);
	assert_string_equal(sb.buf, "ab");
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__max_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 4;
	strbuf_addf(&sb, "%d", 12345);
	assert_int_equal(sb.toobig, 1);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	check_invariants(&sb);
	strbuf_addf(&sb, "%d", 1234);
	assert_string_equal(sb.buf, "1234");
	add_via_va(&sb, "%c", 'x');
	assert_string_equal(sb.buf, "1234");
	assert_int_equal(sb.len, 4);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__max_addchars(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 3;
	strbuf_addchars(&sb, 'x', 4);
	assert_int_equal(sb.toobig, 1);
	assert_int_equal(sb.len, 0);
	strbuf_addchars(&sb, 'y', 3);
	assert_string_equal(sb.buf, "yyy");
	strbuf_addchars(&sb, 'z', 1);
	assert_string_equal(sb.buf, "yyy");
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__max_huge_request(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 10;
	strbuf_addstr(&sb, "abc");
	/* A size that would overflow len + count is refused, not wrapped. */
	strbuf_addchars(&sb, 'x', SIZE_MAX);
	assert_int_equal(sb.toobig, 1);
	assert_string_equal(sb.buf, "abc");
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__release_keeps_max(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.max = 3;
	strbuf_addstr(&sb, "abcd");
	assert_int_equal(sb.toobig, 1);
	strbuf_release(&sb);
	assert_int_equal(sb.max, 3);
	assert_int_equal(sb.toobig, 0);
	check_invariants(&sb);
	strbuf_addstr(&sb, "abcd");
	assert_int_equal(sb.toobig, 1);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_strbuf__unlimited(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++)
		strbuf_addstr(&sb, "0123456789");
	assert_int_equal(sb.len, 100000);
	assert_int_equal(sb.toobig, 0);
	assert_int_equal(sb.buf[99999], '9');
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_strbuf__max_below_len(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "abcdef");
	/* A max lowered under what is held refuses every addition. */
	sb.max = 3;
	strbuf_addch(&sb, 'g');
	assert_int_equal(sb.toobig, 1);
	sb.toobig = 0;
	strbuf_addchars(&sb, 'x', 1);
	assert_int_equal(sb.toobig, 1);
	sb.toobig = 0;
	strbuf_addf(&sb, "%d", 1);
	assert_int_equal(sb.toobig, 1);
	assert_string_equal(sb.buf, "abcdef");
	assert_int_equal(sb.len, 6);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void setlen_past_end(void *arg)
{
	struct strbuf *sb = arg;

	strbuf_setlen(sb, sb->len + 1);
}

static void test_strbuf__setlen_beyond_end_aborts(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	death_expect_abort(setlen_past_end, &sb,
			   "strbuf_setlen beyond the end (1 > 0)");
	strbuf_addstr(&sb, "abc");
	death_expect_abort(setlen_past_end, &sb,
			   "strbuf_setlen beyond the end (4 > 3)");
	/* The parent's buffer is untouched. */
	assert_string_equal(sb.buf, "abc");
	strbuf_release(&sb);
}

static void addf_unencodable(void *arg)
{
	/* No multibyte encoding has this wide character: vsnprintf fails. */
	static const wchar_t bad[] = { 0x7fffffff, 0 };

	strbuf_addf(arg, "%ls", bad);
}

static void test_strbuf__addf_encoding_error_aborts(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	death_expect_abort(addf_unencodable, &sb,
			   "vsnprintf failed for format '%ls'");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf__init_macro),
		cmocka_unit_test(test_strbuf__init_without_hint),
		cmocka_unit_test(test_strbuf__init_with_hint),
		cmocka_unit_test(test_strbuf__release_resets),
		cmocka_unit_test(test_strbuf__detach),
		cmocka_unit_test(test_strbuf__detach_empty),
		cmocka_unit_test(test_strbuf__add),
		cmocka_unit_test(test_strbuf__add_nothing),
		cmocka_unit_test(test_strbuf__addstr),
		cmocka_unit_test(test_strbuf__addch),
		cmocka_unit_test(test_strbuf__addchars),
		cmocka_unit_test(test_strbuf__addf),
		cmocka_unit_test(test_strbuf__vaddf),
		cmocka_unit_test(test_strbuf__grow),
		cmocka_unit_test(test_strbuf__setlen),
		cmocka_unit_test(test_strbuf__reset_unallocated),
		cmocka_unit_test(test_strbuf__rtrim),
		cmocka_unit_test(test_strbuf__rtrim_keeps_nul),
		cmocka_unit_test(test_strbuf__max_add),
		cmocka_unit_test(test_strbuf__max_addch),
		cmocka_unit_test(test_strbuf__max_addf),
		cmocka_unit_test(test_strbuf__max_addchars),
		cmocka_unit_test(test_strbuf__max_huge_request),
		cmocka_unit_test(test_strbuf__release_keeps_max),
		cmocka_unit_test(test_strbuf__unlimited),
		cmocka_unit_test(test_strbuf__max_below_len),
		cmocka_unit_test(test_strbuf__setlen_beyond_end_aborts),
		cmocka_unit_test(test_strbuf__addf_encoding_error_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
