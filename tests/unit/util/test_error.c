/* test_error.c: unit tests of util/error.c and util/alloc.c. */
#include "util/compat.h"
#include "util/error.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static void check_cleared(const struct error *err)
{
	int i;

	assert_int_equal(err->code, ERROR_NONE);
	assert_string_equal(err->key, "");
	assert_int_equal(err->argc, 0);
	for (i = 0; i < ERROR_ARGS_MAX; i++)
		assert_string_equal(err->args[i], "");
}

static void test_error__init(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	check_cleared(&err);
}

static void test_error__set_returns_minus_one(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(error_set(&err, ERROR_NOT_FOUND, "control.unknown",
				   "A.5.99", NULL),
			 -1);
	assert_int_equal(err.code, ERROR_NOT_FOUND);
	assert_string_equal(err.key, "control.unknown");
	assert_int_equal(err.argc, 1);
	assert_string_equal(err.args[0], "A.5.99");
	assert_string_equal(err.args[1], "");
}

static void test_error__set_without_args(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(error_set(&err, ERROR_STORE, "store.locked", NULL),
			 -1);
	assert_int_equal(err.code, ERROR_STORE);
	assert_string_equal(err.key, "store.locked");
	assert_int_equal(err.argc, 0);
	assert_string_equal(err.args[0], "");
}

static void test_error__set_fills_args(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	error_set(&err, ERROR_INPUT, "input.too_long", "field.org_name",
		  "株式会社", "200", NULL);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, "input.too_long");
	assert_int_equal(err.argc, 3);
	assert_string_equal(err.args[0], "field.org_name");
	assert_string_equal(err.args[1], "株式会社");
	assert_string_equal(err.args[2], "200");
	assert_string_equal(err.args[3], "");
	/* Empty arguments count. */
	error_set(&err, ERROR_INPUT, "k", "", "x", NULL);
	assert_int_equal(err.argc, 2);
	assert_string_equal(err.args[0], "");
	assert_string_equal(err.args[1], "x");
}

static void test_error__null_err(void **state)
{
	(void)state;
	assert_int_equal(error_set(NULL, ERROR_INTERNAL, "sys.open", "a", "b",
				   NULL),
			 -1);
}

static void test_error__max_four_args(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(error_set(&err, ERROR_INPUT, "k", "1", "2", "3", "4",
				   "5", NULL),
			 -1);
	assert_int_equal(err.argc, ERROR_ARGS_MAX);
	assert_string_equal(err.args[0], "1");
	assert_string_equal(err.args[1], "2");
	assert_string_equal(err.args[2], "3");
	assert_string_equal(err.args[3], "4");
	assert_string_equal(err.key, "k");
}

static void test_error__set_replaces_previous(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	error_set(&err, ERROR_CONFLICT, "first.key", "a", "b", "c", NULL);
	error_set(&err, ERROR_DENIED, "second", "z", NULL);
	assert_int_equal(err.code, ERROR_DENIED);
	assert_string_equal(err.key, "second");
	assert_int_equal(err.argc, 1);
	assert_string_equal(err.args[0], "z");
	assert_string_equal(err.args[1], "");
	assert_string_equal(err.args[2], "");
}

static void check_cut(const char *arg)
{
	struct error err = ERROR_INIT;
	size_t len, next;
	uint32_t cp;

	error_set(&err, ERROR_INPUT, "k", arg, NULL);
	len = strlen(err.args[0]);
	assert_true(len < ERROR_ARG_LEN);
	assert_true(utf8_valid(err.args[0], len));
	/* A prefix of the argument... */
	assert_memory_equal(err.args[0], arg, len);
	/* ...and the longest whole-character one that fits. */
	next = utf8_decode(arg + len, strlen(arg) - len, &cp);
	assert_true(next > 0);
	assert_true(len + next > ERROR_ARG_LEN - 1);
}

static void test_error__long_ascii_arg(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;

	(void)state;
	strbuf_addchars(&sb, 'x', 1000);
	error_set(&err, ERROR_INPUT, "k", sb.buf, NULL);
	assert_int_equal(strlen(err.args[0]), ERROR_ARG_LEN - 1);
	check_cut(sb.buf);
	strbuf_release(&sb);
}

static void test_error__long_utf8_arg(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	/* 'a' then 3-byte characters: byte 255 falls inside a character. */
	strbuf_addch(&sb, 'a');
	for (i = 0; i < 100; i++)
		strbuf_addstr(&sb, "日");
	check_cut(sb.buf);
	strbuf_reset(&sb);
	/* Two bytes then 4-byte characters. */
	strbuf_addstr(&sb, "ab");
	for (i = 0; i < 100; i++)
		strbuf_addstr(&sb, "\xf0\x9f\x98\x80");
	check_cut(sb.buf);
	strbuf_reset(&sb);
	/* 2-byte characters. */
	strbuf_addch(&sb, 'a');
	for (i = 0; i < 200; i++)
		strbuf_addstr(&sb, "\xc3\xa9");
	check_cut(sb.buf);
	strbuf_release(&sb);
}

static void test_error__arg_exactly_fits(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;

	(void)state;
	strbuf_addchars(&sb, 'y', ERROR_ARG_LEN - 1);
	error_set(&err, ERROR_INPUT, "k", sb.buf, NULL);
	assert_string_equal(err.args[0], sb.buf);
	strbuf_release(&sb);
}

static void test_error__long_key(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;

	(void)state;
	strbuf_addchars(&sb, 'k', 200);
	error_set(&err, ERROR_INPUT, sb.buf, "arg", NULL);
	assert_int_equal(strlen(err.key), ERROR_KEY_LEN - 1);
	assert_memory_equal(err.key, sb.buf, ERROR_KEY_LEN - 1);
	assert_string_equal(err.args[0], "arg");
	strbuf_release(&sb);
}

static void test_error__clear(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	error_set(&err, ERROR_INTERNAL, "sys.write", "a", "b", "c", "d", NULL);
	error_clear(&err);
	check_cleared(&err);
}

static void test_alloc__st_add(void **state)
{
	(void)state;
	assert_int_equal(st_add(0, 0), 0);
	assert_int_equal(st_add(1, 2), 3);
	assert_true(st_add(SIZE_MAX - 1, 1) == SIZE_MAX);
	assert_true(st_add(0, SIZE_MAX) == SIZE_MAX);
}

static void test_alloc__st_mult(void **state)
{
	(void)state;
	assert_int_equal(st_mult(3, 4), 12);
	assert_int_equal(st_mult(0, SIZE_MAX), 0);
	assert_int_equal(st_mult(SIZE_MAX, 0), 0);
	assert_true(st_mult(SIZE_MAX, 1) == SIZE_MAX);
	assert_true(st_mult(SIZE_MAX / 2, 2) == SIZE_MAX - 1);
}

static void test_alloc__xmemdupz(void **state)
{
	char *p;

	(void)state;
	p = xmemdupz("abc\0def", 7);
	assert_memory_equal(p, "abc\0def\0", 8);
	free(p);
	p = xmemdupz("abcdef", 3);
	assert_string_equal(p, "abc");
	free(p);
	p = xmemdupz(NULL, 0);
	assert_non_null(p);
	assert_string_equal(p, "");
	free(p);
	p = xstrdup("日本語");
	assert_string_equal(p, "日本語");
	free(p);
}

static void test_alloc__xmalloc_xcalloc(void **state)
{
	unsigned char *p;
	size_t i;

	(void)state;
	p = xmalloc(0);
	assert_non_null(p);
	free(p);
	p = xcalloc(64, 4);
	for (i = 0; i < 256; i++)
		assert_int_equal(p[i], 0);
	free(p);
	p = xcalloc(0, 0);
	assert_non_null(p);
	free(p);
	p = xrealloc(NULL, 16);
	memset(p, 7, 16);
	p = xrealloc(p, 32);
	assert_int_equal(p[15], 7);
	free(p);
}

static void test_alloc__xgrow(void **state)
{
	void *arr = NULL;
	size_t cap = 0;
	void *before;

	(void)state;
	xgrow(&arr, 4, 1, &cap);
	assert_non_null(arr);
	assert_true(cap >= 1);
	assert_int_equal(cap, 8);
	/* Enough room already: nothing moves. */
	before = arr;
	xgrow(&arr, 4, 8, &cap);
	assert_ptr_equal(arr, before);
	assert_int_equal(cap, 8);
	/* Doubling. */
	xgrow(&arr, 4, 9, &cap);
	assert_int_equal(cap, 16);
	/* A need beyond double is met exactly. */
	xgrow(&arr, 4, 100, &cap);
	assert_int_equal(cap, 100);
	memset(arr, 0, 400);
	free(arr);
}

static void test_alloc__alloc_grow_keeps_contents(void **state)
{
	int *ints = NULL;
	size_t count = 0, cap = 0, i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		ALLOC_GROW(ints, count + 1, cap);
		assert_true(cap >= count + 1);
		ints[count++] = (int)i * 3;
	}
	for (i = 0; i < 1000; i++)
		assert_int_equal(ints[i], (int)i * 3);
	assert_true(cap >= 1000);
	free(ints);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error__init),
		cmocka_unit_test(test_error__set_returns_minus_one),
		cmocka_unit_test(test_error__set_without_args),
		cmocka_unit_test(test_error__set_fills_args),
		cmocka_unit_test(test_error__null_err),
		cmocka_unit_test(test_error__max_four_args),
		cmocka_unit_test(test_error__set_replaces_previous),
		cmocka_unit_test(test_error__long_ascii_arg),
		cmocka_unit_test(test_error__long_utf8_arg),
		cmocka_unit_test(test_error__arg_exactly_fits),
		cmocka_unit_test(test_error__long_key),
		cmocka_unit_test(test_error__clear),
		cmocka_unit_test(test_alloc__st_add),
		cmocka_unit_test(test_alloc__st_mult),
		cmocka_unit_test(test_alloc__xmemdupz),
		cmocka_unit_test(test_alloc__xmalloc_xcalloc),
		cmocka_unit_test(test_alloc__xgrow),
		cmocka_unit_test(test_alloc__alloc_grow_keeps_contents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
