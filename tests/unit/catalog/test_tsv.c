/* test_tsv.c: unit tests of the tab-separated format of the data files. */
#include "util/compat.h"
#include "catalog/tsv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/error.h"

/* Each test gets an arena of its own, released even when the test fails. */
static int setup(void **state)
{
	struct arena *arena = calloc(1, sizeof(*arena));

	if (!arena)
		return -1;
	arena_init(arena, 4096);
	*state = arena;
	return 0;
}

static int teardown(void **state)
{
	struct arena *arena = *state;

	arena_release(arena);
	free(arena);
	return 0;
}

/* Parses the NUL-terminated text s as the file "t.tsv". */
static int parse(void **state, const char *s, struct tsv *t, struct error *err)
{
	return tsv_parse(*state, "t.tsv", s, strlen(s), t, err);
}

/* Asserts that err holds exactly the key and the arguments given. */
static void assert_error(const struct error *err, const char *key, int argc,
			 const char *a1, const char *a2, const char *a3,
			 const char *a4)
{
	const char *want[4] = { a1, a2, a3, a4 };
	int i;

	assert_int_equal(err->code, ERROR_INPUT);
	assert_string_equal(err->key, key);
	assert_int_equal(err->argc, argc);
	for (i = 0; i < argc; i++)
		assert_string_equal(err->args[i], want[i]);
}

/* The whole file is refused; the message names the file. */
static void assert_bad_encoding(const struct error *err)
{
	assert_int_equal(err->code, ERROR_INPUT);
	assert_string_equal(err->key, "tsv.bad_encoding");
	assert_true(err->argc >= 1);
	assert_string_equal(err->args[0], "t.tsv");
}

static void test_tsv__header_and_rows(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "id\tname\n1\tone\n2\ttwo\n", &t, &err),
			 0);
	assert_int_equal(err.code, ERROR_NONE);
	assert_string_equal(t.name, "t.tsv");
	assert_int_equal(t.column_count, 2);
	assert_string_equal(t.columns[0], "id");
	assert_string_equal(t.columns[1], "name");
	assert_int_equal(t.row_count, 2);
	assert_int_equal(t.rows[0].line, 2);
	assert_string_equal(t.rows[0].fields[0], "1");
	assert_string_equal(t.rows[0].fields[1], "one");
	assert_int_equal(t.rows[1].line, 3);
	assert_string_equal(t.rows[1].fields[0], "2");
	assert_string_equal(t.rows[1].fields[1], "two");
}

static void test_tsv__header_only(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "a\tb\tc\n", &t, &err), 0);
	assert_int_equal(t.column_count, 3);
	assert_int_equal(t.row_count, 0);
}

static void test_tsv__many_rows(void **state)
{
	char data[8192] = "k\tv\n";
	size_t len = 4, i;
	struct tsv t;
	struct error err = ERROR_INIT;
	char want[16];

	/* More rows than the first allocation, so the row array grows. */
	for (i = 0; i < 300; i++)
		len += (size_t)snprintf(data + len, sizeof(data) - len,
					"%zu\tx%zu\n", i, i);
	assert_true(len < sizeof(data));
	assert_int_equal(tsv_parse(*state, "t.tsv", data, len, &t, &err), 0);
	assert_int_equal(t.row_count, 300);
	for (i = 0; i < 300; i++) {
		snprintf(want, sizeof(want), "x%zu", i);
		assert_int_equal(t.rows[i].line, i + 2);
		assert_string_equal(t.rows[i].fields[1], want);
	}
}

static void test_tsv__comments_and_blank_lines_skipped(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state,
			       "# a comment before the header\n"
			       "\n"
			       "id\tname\n"
			       "# a comment between rows\n"
			       "\n"
			       "1\tone\n"
			       "#\n"
			       "2\t#not a comment\n"
			       "\n",
			       &t, &err),
			 0);
	assert_int_equal(t.column_count, 2);
	assert_string_equal(t.columns[0], "id");
	assert_int_equal(t.row_count, 2);
	/* Line numbers count the skipped lines too. */
	assert_int_equal(t.rows[0].line, 6);
	assert_string_equal(t.rows[0].fields[1], "one");
	assert_int_equal(t.rows[1].line, 8);
	assert_string_equal(t.rows[1].fields[1], "#not a comment");
}

static void test_tsv__crlf_accepted(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(
		parse(state, "# c\r\nid\tname\r\n\r\n1\tone\r\n", &t, &err), 0);
	assert_int_equal(t.column_count, 2);
	assert_string_equal(t.columns[1], "name");
	assert_int_equal(t.row_count, 1);
	assert_int_equal(t.rows[0].line, 4);
	assert_string_equal(t.rows[0].fields[1], "one");
}

static void test_tsv__bom_accepted(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(
		parse(state, "\xef\xbb\xbfid\tname\n1\t名前\n", &t, &err), 0);
	assert_int_equal(t.column_count, 2);
	assert_string_equal(t.columns[0], "id");
	assert_int_equal(t.row_count, 1);
	assert_int_equal(t.rows[0].line, 2);
	assert_string_equal(t.rows[0].fields[1], "名前");
}

static void test_tsv__bom_before_comment(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "\xef\xbb\xbf# c\nid\n7\n", &t, &err), 0);
	assert_int_equal(t.column_count, 1);
	assert_string_equal(t.columns[0], "id");
	assert_int_equal(t.row_count, 1);
	assert_string_equal(t.rows[0].fields[0], "7");
}

static void test_tsv__invalid_utf8_refused(void **state)
{
	static const char *const bad[] = {
		"id\n\xff\n",		  /* never valid */
		"id\n\xc0\xaf\n",	  /* overlong '/' */
		"id\n\xed\xa0\x80\n",	  /* surrogate U+D800 */
		"id\n\xe3\x81\n",	  /* cut sequence */
		"id\n\xf4\x90\x80\x80\n", /* above U+10FFFF */
		"\xef\xbb\xbf\x80\n",	  /* stray continuation after a BOM */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct tsv t;
		struct error err = ERROR_INIT;

		assert_int_equal(parse(state, bad[i], &t, &err), -1);
		assert_bad_encoding(&err);
	}
}

static void test_tsv__nul_refused(void **state)
{
	static const char data[] = "id\tname\n1\to\0ne\n";
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(tsv_parse(*state, "t.tsv", data, sizeof(data) - 1, &t,
				   &err),
			 -1);
	assert_bad_encoding(&err);
}

static void test_tsv__field_count(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	/* Too many fields: file, line, got, want. */
	assert_int_equal(parse(state, "a\tb\n1\t2\n1\t2\t3\n", &t, &err), -1);
	assert_error(&err, "tsv.field_count", 4, "t.tsv", "3", "3", "2");

	/* Too few, after a comment and a blank line (they count as lines). */
	error_clear(&err);
	assert_int_equal(parse(state, "# x\na\tb\n\n1\n", &t, &err), -1);
	assert_error(&err, "tsv.field_count", 4, "t.tsv", "4", "1", "2");

	/* A trailing tab is one more (empty) field. */
	error_clear(&err);
	assert_int_equal(parse(state, "a\tb\n1\t2\t\n", &t, &err), -1);
	assert_error(&err, "tsv.field_count", 4, "t.tsv", "2", "3", "2");
}

static void test_tsv__dup_column(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "# c\nid\tname\tid\n1\t2\t3\n", &t, &err),
			 -1);
	assert_error(&err, "tsv.dup_column", 2, "t.tsv", "2", NULL, NULL);
}

static void test_tsv__no_header(void **state)
{
	static const char *const empty[] = { "", "\n", "# only a comment\n",
					     "# a\r\n\r\n# b" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(empty); i++) {
		struct tsv t;
		struct error err = ERROR_INIT;

		assert_int_equal(parse(state, empty[i], &t, &err), -1);
		assert_int_equal(err.code, ERROR_INPUT);
		assert_string_equal(err.key, "tsv.no_header");
		assert_int_equal(err.argc, 2);
		assert_string_equal(err.args[0], "t.tsv");
	}
}

static void test_tsv__column(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "id\ttitle_ja\ttitle_en\n", &t, &err), 0);
	assert_int_equal(tsv_column(&t, "id"), 0);
	assert_int_equal(tsv_column(&t, "title_ja"), 1);
	assert_int_equal(tsv_column(&t, "title_en"), 2);
	assert_int_equal(tsv_column(&t, "title"), -1);
	assert_int_equal(tsv_column(&t, ""), -1);
	assert_int_equal(tsv_column(&t, "ID"), -1);
}

static void test_tsv__require(void **state)
{
	static const char *const names[] = { "title_en", "id", NULL };
	static const char *const missing[] = { "id", "purpose_en", "title_ja",
					       NULL };
	struct tsv t;
	struct error err = ERROR_INIT;
	int idx[3] = { -7, -7, -7 };

	assert_int_equal(parse(state, "id\ttitle_ja\ttitle_en\n", &t, &err), 0);
	assert_int_equal(tsv_require(&t, idx, names, &err), 0);
	assert_int_equal(err.code, ERROR_NONE);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 0);

	assert_int_equal(tsv_require(&t, idx, missing, &err), -1);
	assert_error(&err, "tsv.no_column", 2, "t.tsv", "purpose_en", NULL,
		     NULL);
}

static void test_tsv__empty_fields_kept(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(
		parse(state, "a\tb\tc\n\t\t\nx\t\tz\n\t\ty\n", &t, &err), 0);
	assert_int_equal(t.row_count, 3);
	assert_string_equal(t.rows[0].fields[0], "");
	assert_string_equal(t.rows[0].fields[1], "");
	assert_string_equal(t.rows[0].fields[2], "");
	assert_string_equal(t.rows[1].fields[0], "x");
	assert_string_equal(t.rows[1].fields[1], "");
	assert_string_equal(t.rows[1].fields[2], "z");
	assert_string_equal(t.rows[2].fields[0], "");
	assert_string_equal(t.rows[2].fields[2], "y");
}

static void test_tsv__no_trailing_newline(void **state)
{
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(parse(state, "a\tb\n1\t2\n3\t4", &t, &err), 0);
	assert_int_equal(t.row_count, 2);
	assert_int_equal(t.rows[1].line, 3);
	assert_string_equal(t.rows[1].fields[0], "3");
	assert_string_equal(t.rows[1].fields[1], "4");

	assert_int_equal(parse(state, "a\tb\r\n1\t2\r", &t, &err), 0);
	assert_int_equal(t.row_count, 1);
	assert_string_equal(t.rows[0].fields[1], "2");

	assert_int_equal(parse(state, "only_header", &t, &err), 0);
	assert_int_equal(t.column_count, 1);
	assert_string_equal(t.columns[0], "only_header");
	assert_int_equal(t.row_count, 0);
}

static void test_tsv__input_not_modified(void **state)
{
	char data[] = "a\tb\r\n1\t2\r\n";
	char copy[sizeof(data)];
	struct tsv t;
	struct error err = ERROR_INIT;

	memcpy(copy, data, sizeof(data));
	assert_int_equal(tsv_parse(*state, "t.tsv", data, sizeof(data) - 1, &t,
				   &err),
			 0);
	assert_memory_equal(data, copy, sizeof(data));
	assert_string_equal(t.rows[0].fields[1], "2");
}

static void test_tsv__length_respected(void **state)
{
	/* Only the first len bytes count, even without a terminator there. */
	static const char data[] = "a\tb\n1\t2\nTRAILING\tGARBAGE\textra";
	struct tsv t;
	struct error err = ERROR_INIT;

	assert_int_equal(tsv_parse(*state, "t.tsv", data, 8, &t, &err), 0);
	assert_int_equal(t.row_count, 1);
	assert_string_equal(t.rows[0].fields[1], "2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_tsv__header_and_rows),
		T(test_tsv__header_only),
		T(test_tsv__many_rows),
		T(test_tsv__comments_and_blank_lines_skipped),
		T(test_tsv__crlf_accepted),
		T(test_tsv__bom_accepted),
		T(test_tsv__bom_before_comment),
		T(test_tsv__invalid_utf8_refused),
		T(test_tsv__nul_refused),
		T(test_tsv__field_count),
		T(test_tsv__dup_column),
		T(test_tsv__no_header),
		T(test_tsv__column),
		T(test_tsv__require),
		T(test_tsv__empty_fields_kept),
		T(test_tsv__no_trailing_newline),
		T(test_tsv__input_not_modified),
		T(test_tsv__length_respected),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
