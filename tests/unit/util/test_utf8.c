/* test_utf8.c: unit tests of util/utf8.c. */
#include "util/compat.h"
#include "util/utf8.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

struct decode_case {
	const char *bytes;
	size_t len;
	size_t want_len; /* 0 = refused */
	uint32_t want_cp;
};

static void check_decode(const struct decode_case *cases, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		uint32_t cp = 0xffffffffu;
		size_t n = utf8_decode(cases[i].bytes, cases[i].len, &cp);

		if (n != cases[i].want_len)
			fail_msg("case %zu: length %zu, expected %zu", i, n,
				 cases[i].want_len);
		if (n && cp != cases[i].want_cp)
			fail_msg("case %zu: U+%04X, expected U+%04X", i,
				 (unsigned)cp, (unsigned)cases[i].want_cp);
	}
}

static void test_utf8__decode_one_byte(void **state)
{
	static const struct decode_case cases[] = {
		{ "A", 1, 1, 0x41 },
		{ "\x7f", 1, 1, 0x7f },
		{ "\0", 1, 1, 0 },
		/* Only the first character is decoded. */
		{ "AB", 2, 1, 0x41 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_two_bytes(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xc2\x80", 2, 2, 0x80 },
		{ "\xc2\xa9", 2, 2, 0xa9 },
		{ "\xc3\xa9x", 3, 2, 0xe9 },
		{ "\xdf\xbf", 2, 2, 0x7ff },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_three_bytes(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xe0\xa0\x80", 3, 3, 0x800 },
		{ "\xe6\x97\xa5", 3, 3, 0x65e5 }, /* 日 */
		{ "\xed\x9f\xbf", 3, 3, 0xd7ff },
		{ "\xee\x80\x80", 3, 3, 0xe000 },
		{ "\xef\xbc\xa1", 3, 3, 0xff21 }, /* Ａ */
		{ "\xef\xbf\xbf", 3, 3, 0xffff },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_four_bytes(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xf0\x90\x80\x80", 4, 4, 0x10000 },
		{ "\xf0\x9f\x98\x80", 4, 4, 0x1f600 },
		{ "\xf0\xa0\x80\x8b", 4, 4, 0x2000b },
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_overlong(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xc0\x80", 2, 0, 0 },
		{ "\xc0\xaf", 2, 0, 0 },
		{ "\xc1\xbf", 2, 0, 0 },
		{ "\xe0\x80\x80", 3, 0, 0 },
		{ "\xe0\x9f\xbf", 3, 0, 0 },
		{ "\xf0\x80\x80\x80", 4, 0, 0 },
		{ "\xf0\x8f\xbf\xbf", 4, 0, 0 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_surrogates(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xed\xa0\x80", 3, 0, 0 },
		{ "\xed\xaf\xbf", 3, 0, 0 },
		{ "\xed\xb0\x80", 3, 0, 0 },
		{ "\xed\xbf\xbf", 3, 0, 0 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_beyond_max(void **state)
{
	static const struct decode_case cases[] = {
		{ "\xf4\x90\x80\x80", 4, 0, 0 },
		{ "\xf5\x80\x80\x80", 4, 0, 0 },
		{ "\xf7\xbf\xbf\xbf", 4, 0, 0 },
		{ "\xf8\x88\x80\x80\x80", 5, 0, 0 },
		{ "\xfe", 1, 0, 0 },
		{ "\xff", 1, 0, 0 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_truncated(void **state)
{
	static const struct decode_case cases[] = {
		{ "", 0, 0, 0 },
		{ "A", 0, 0, 0 },
		{ "\xc2", 1, 0, 0 },
		{ "\xe6\x97", 2, 0, 0 },
		{ "\xe6", 1, 0, 0 },
		{ "\xf0\x9f\x98", 3, 0, 0 },
		/* The bytes are there but len says they are not ours. */
		{ "\xe6\x97\xa5", 2, 0, 0 },
		{ "\xf0\x9f\x98\x80", 3, 0, 0 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__decode_bad_continuation(void **state)
{
	static const struct decode_case cases[] = {
		{ "\x80", 1, 0, 0 },
		{ "\xbf", 1, 0, 0 },
		{ "\xc2\x41", 2, 0, 0 },
		{ "\xc2\xc2\xa9", 3, 0, 0 },
		{ "\xe6\x41\xa5", 3, 0, 0 },
		{ "\xe6\x97\x41", 3, 0, 0 },
		{ "\xe6\x97\xc0", 3, 0, 0 },
		{ "\xf0\x9f\x98\x41", 4, 0, 0 },
		{ "\xf0\x41\x98\x80", 4, 0, 0 },
	};

	(void)state;
	check_decode(cases, ARRAY_SIZE(cases));
}

static void test_utf8__valid(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid("", 0), 1);
	assert_int_equal(utf8_valid("plain ASCII", 11), 1);
	assert_int_equal(utf8_valid("日本語", strlen("日本語")), 1);
	assert_int_equal(utf8_valid("a\xc3\xa9\xf0\x9f\x98\x80z", 8), 1);
	assert_int_equal(utf8_valid("\xef\xbf\xbf", 3), 1);
	/* NUL is refused, wherever it is. */
	assert_int_equal(utf8_valid("a\0b", 3), 0);
	assert_int_equal(utf8_valid("\0", 1), 0);
	assert_int_equal(utf8_valid("ab\0", 3), 0);
	/* Any malformed sequence spoils the whole. */
	assert_int_equal(utf8_valid("abc\xff", 4), 0);
	assert_int_equal(utf8_valid("\xc0\x80", 2), 0);
	assert_int_equal(utf8_valid("ok\xed\xa0\x80ok", 7), 0);
	assert_int_equal(utf8_valid("日本\xe8\xaa", 8), 0);
	assert_int_equal(utf8_valid("\x80", 1), 0);
	/* Only len bytes are looked at. */
	assert_int_equal(utf8_valid("ab\xff", 2), 1);
}

static void test_utf8__count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("日本語", strlen("日本語")), 3);
	assert_int_equal(utf8_count("a\xc3\xa9日\xf0\x9f\x98\x80", 9), 4);
	assert_int_equal(utf8_count("ｱｲｳ", strlen("ｱｲｳ")), 3);
}

static void test_utf8__width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("", 0), 0);
	assert_int_equal(utf8_width("abc", 3), 3);
	assert_int_equal(utf8_width("日本語", strlen("日本語")), 6);
	assert_int_equal(utf8_width("Ａ", strlen("Ａ")), 2);
	assert_int_equal(utf8_width("ｱ", strlen("ｱ")), 1);
	assert_int_equal(utf8_width("ｱｲｳ", strlen("ｱｲｳ")), 3);
	assert_int_equal(utf8_width("あいう", strlen("あいう")), 6);
	assert_int_equal(utf8_width("가", strlen("가")), 2);
	/* e + COMBINING ACUTE ACCENT: one column. */
	assert_int_equal(utf8_width("e\xcc\x81", 3), 1);
	assert_int_equal(utf8_width("\xcc\x81", 2), 0);
	assert_int_equal(utf8_width("aＡｱ日", strlen("aＡｱ日")), 6);
}

static void test_utf8__cp_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_cp_width(0x41), 1);
	assert_int_equal(utf8_cp_width(0xe9), 1);
	assert_int_equal(utf8_cp_width(0x300), 0);
	assert_int_equal(utf8_cp_width(0x301), 0);
	assert_int_equal(utf8_cp_width(0x36f), 0);
	assert_int_equal(utf8_cp_width(0x3042), 2); /* あ */
	assert_int_equal(utf8_cp_width(0x65e5), 2); /* 日 */
	assert_int_equal(utf8_cp_width(0xac00), 2); /* 가 */
	assert_int_equal(utf8_cp_width(0xff01), 2); /* ！ */
	assert_int_equal(utf8_cp_width(0xff21), 2); /* Ａ */
	assert_int_equal(utf8_cp_width(0xff71), 1); /* ｱ */
	assert_int_equal(utf8_cp_width(0xffe5), 2); /* ￥ */
	assert_int_equal(utf8_cp_width(0x20000), 2);
}

static void test_utf8__prefix_len_japanese(void **state)
{
	const char *s = "日本語"; /* 3 characters of 3 bytes */
	static const size_t want[] = { 0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9 };
	size_t max;

	(void)state;
	for (max = 0; max < ARRAY_SIZE(want); max++)
		assert_int_equal(utf8_prefix_len(s, 9, max), want[max]);
	assert_int_equal(utf8_prefix_len(s, 9, 1000), 9);
}

static void test_utf8__prefix_len_ascii(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_len("abcdef", 6, 0), 0);
	assert_int_equal(utf8_prefix_len("abcdef", 6, 2), 2);
	assert_int_equal(utf8_prefix_len("abcdef", 6, 6), 6);
	assert_int_equal(utf8_prefix_len("abcdef", 6, 7), 6);
	assert_int_equal(utf8_prefix_len("", 0, 5), 0);
}

static void test_utf8__prefix_len_never_splits(void **state)
{
	/* 1-, 2-, 3- and 4-byte characters mixed. */
	const char *s = "a\xc3\xa9日\xf0\x9f\x98\x80zｱ\xc2\xa9";
	size_t len = strlen(s), max;

	(void)state;
	for (max = 0; max <= len + 1; max++) {
		size_t n = utf8_prefix_len(s, len, max);
		uint32_t cp;

		assert_true(n <= max);
		assert_true(n <= len);
		/* The prefix is whole characters... */
		if (!utf8_valid(s, n))
			fail_msg("max %zu: prefix of %zu bytes is cut", max, n);
		/* ...and the longest: the next character does not fit. */
		if (n < len)
			assert_true(n + utf8_decode(s + n, len - n, &cp) > max);
	}
}

static void test_utf8__cp_width_zero_width(void **state)
{
	(void)state;
	/* ZERO WIDTH SPACE, and its neighbours. */
	assert_int_equal(utf8_cp_width(0x200b), 0);
	assert_int_equal(utf8_cp_width(0x200a), 1);
	assert_int_equal(utf8_cp_width(0x200c), 1);
	/* The variation selectors U+FE00 ... U+FE0F, and around them. */
	assert_int_equal(utf8_cp_width(0xfe00), 0);
	assert_int_equal(utf8_cp_width(0xfe0f), 0);
	assert_int_equal(utf8_cp_width(0xfdff), 1);
	assert_int_equal(utf8_cp_width(0xfe10), 1);
	/* Around the combining diacritics U+0300 ... U+036F. */
	assert_int_equal(utf8_cp_width(0x2ff), 1);
	assert_int_equal(utf8_cp_width(0x370), 1);
	/* 'z' is no hex digit, so it ends the escape before it. */
	assert_int_equal(utf8_width("a\xe2\x80\x8bz", 5), 2);
}

static void test_utf8__width_stray_bytes(void **state)
{
	(void)state;
	/* Each byte that does not start a character takes one column. */
	assert_int_equal(utf8_width("\xff", 1), 1);
	assert_int_equal(utf8_width("a\x80z", 3), 3);
	assert_int_equal(utf8_width("\xc0\xaf", 2), 2);
	/* A character cut short: its two bytes are two stray bytes. */
	assert_int_equal(utf8_width("\xe6\x97", 2), 2);
	assert_int_equal(utf8_width("\xe6\x97\xa5", 3), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8__decode_one_byte),
		cmocka_unit_test(test_utf8__decode_two_bytes),
		cmocka_unit_test(test_utf8__decode_three_bytes),
		cmocka_unit_test(test_utf8__decode_four_bytes),
		cmocka_unit_test(test_utf8__decode_overlong),
		cmocka_unit_test(test_utf8__decode_surrogates),
		cmocka_unit_test(test_utf8__decode_beyond_max),
		cmocka_unit_test(test_utf8__decode_truncated),
		cmocka_unit_test(test_utf8__decode_bad_continuation),
		cmocka_unit_test(test_utf8__valid),
		cmocka_unit_test(test_utf8__count),
		cmocka_unit_test(test_utf8__width),
		cmocka_unit_test(test_utf8__cp_width),
		cmocka_unit_test(test_utf8__cp_width_zero_width),
		cmocka_unit_test(test_utf8__width_stray_bytes),
		cmocka_unit_test(test_utf8__prefix_len_japanese),
		cmocka_unit_test(test_utf8__prefix_len_ascii),
		cmocka_unit_test(test_utf8__prefix_len_never_splits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
