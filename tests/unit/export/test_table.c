/* test_table.c: the table model and its text, CSV and JSON renderers. */
#include "util/compat.h"
#include "export/table.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* The state of a test: the arena of its tables and an output buffer. */
struct fixture {
	struct arena arena;
	struct strbuf out;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	arena_init(&fx->arena, 1024);
	strbuf_init(&fx->out, 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	strbuf_release(&fx->out);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

static const struct table_column two_columns[] = {
	{ "id", "ID" },
	{ "name", "名前" },
};

/* A one-column table holding cell, rendered as CSV into fx->out. */
static const char *csv_of_cell(struct fixture *fx, const char *cell)
{
	static const struct table_column col[] = { { "v", "v" } };
	struct table t;
	const char *cells[] = { cell };

	table_init(&t, &fx->arena, col, 1);
	table_add_row(&t, cells);
	strbuf_reset(&fx->out);
	table_render_csv(&t, 0, &fx->out);
	/* Header "v" and CRLF, then the cell and CRLF. */
	assert_true(fx->out.len >= 5);
	assert_memory_equal(fx->out.buf, "v\r\n", 3);
	assert_memory_equal(fx->out.buf + fx->out.len - 2, "\r\n", 2);
	fx->out.buf[fx->out.len - 2] = '\0';
	return fx->out.buf + 3;
}

static void test_table__init(void **state)
{
	struct fixture *fx = *state;
	struct table t;

	memset(&t, 0x5a, sizeof(t));
	table_init(&t, &fx->arena, two_columns, ARRAY_SIZE(two_columns));
	assert_ptr_equal(t.arena, &fx->arena);
	assert_ptr_equal(t.columns, two_columns);
	assert_int_equal(t.column_count, 2);
	assert_int_equal(t.row_count, 0);
}

static void test_table__add_row_copies_pointers(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *cells[2] = { "5.1", "方針" };

	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, cells);
	/* The caller's array may be reused at once. */
	cells[0] = "changed";
	cells[1] = NULL;
	table_add_row(&t, cells);
	assert_int_equal(t.row_count, 2);
	assert_string_equal(t.rows[0][0], "5.1");
	assert_string_equal(t.rows[0][1], "方針");
	assert_string_equal(t.rows[1][0], "changed");
	assert_ptr_not_equal(t.rows[0], t.rows[1]);
	assert_ptr_not_equal((const void *)t.rows[0], (const void *)cells);
}

static void test_table__null_cells_read_empty(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *cells[2] = { NULL, NULL };

	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, cells);
	assert_non_null(t.rows[0][0]);
	assert_non_null(t.rows[0][1]);
	assert_string_equal(t.rows[0][0], "");
	assert_string_equal(t.rows[0][1], "");
}

static void test_table__many_rows(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	char ids[100][8];
	size_t i;

	/* More rows than the first allocation: the row array grows. */
	table_init(&t, &fx->arena, two_columns, 2);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		const char *cells[2];

		snprintf(ids[i], sizeof(ids[i]), "%zu", i);
		cells[0] = ids[i];
		cells[1] = "x";
		table_add_row(&t, cells);
	}
	assert_int_equal(t.row_count, ARRAY_SIZE(ids));
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		assert_ptr_equal(t.rows[i][0], ids[i]);
}

static void test_table__format_parse(void **state)
{
	static const char *const bad[] = { "",	   "TABLE", "Csv", "xlsx",
					   "text", "json ", "csv2" };
	enum table_format fmt = TABLE_FORMAT_COUNT;
	size_t i;

	(void)state;
	assert_int_equal(table_format_parse("table", &fmt), 0);
	assert_int_equal(fmt, TABLE_TEXT);
	assert_int_equal(table_format_parse("csv", &fmt), 0);
	assert_int_equal(fmt, TABLE_CSV);
	assert_int_equal(table_format_parse("json", &fmt), 0);
	assert_int_equal(fmt, TABLE_JSON);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		fmt = TABLE_FORMAT_COUNT;
		assert_int_equal(table_format_parse(bad[i], &fmt), -1);
		assert_int_equal(fmt, TABLE_FORMAT_COUNT);
	}
}

static void test_table__text_aligns_japanese(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "5.1", "情報セキュリティ" };
	const char *r2[] = { "10.2", "abc" };
	const char *r3[] = { "8", "混在mixed" };

	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_add_row(&t, r3);
	table_render_text(&t, 40, &fx->out);
	/* Widths: 4 (from "10.2") and 16 (8 wide characters). */
	assert_string_equal(fx->out.buf, "ID    名前\n"
					 "----  ----------------\n"
					 "5.1   情報セキュリティ\n"
					 "10.2  abc\n"
					 "8     混在mixed\n");
}

static void test_table__text_columns_line_up(void **state)
{
	static const struct table_column cols[] = { { "a", "名称" },
						    { "b", "区分" },
						    { "c", "c" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "アクセス制御", "x", "1" };
	const char *r2[] = { "log", "技術的", "2" };
	const char *line, *end;
	size_t col_c = 0;

	table_init(&t, &fx->arena, cols, 3);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_render_text(&t, 40, &fx->out);
	/* The third column starts at the same display column on every line. */
	for (line = fx->out.buf; *line; line = end + 1) {
		const char *last;

		end = strchr(line, '\n');
		assert_non_null(end);
		last = end;
		while (last > line && last[-1] != ' ')
			last--;
		if (!col_c)
			col_c = utf8_width(line, (size_t)(last - line));
		else
			assert_int_equal(
				utf8_width(line, (size_t)(last - line)), col_c);
	}
	assert_int_equal(col_c, 12 + 2 + 6 + 2);
}

static void test_table__text_cuts_long_cells(void **state)
{
	static const struct table_column cols[] = { { "t", "題名" },
						    { "n", "n" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "情報セキュリティ", "1" };
	const char *r2[] = { "abcdefghij", "2" };
	const char *r3[] = { "short", "3" };
	const char *r4[] = { "exactly8", "4" };

	table_init(&t, &fx->arena, cols, 2);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_add_row(&t, r3);
	table_add_row(&t, r4);
	table_render_text(&t, 8, &fx->out);
	/*
	 * Width 8: a wide character that would end past column 7 is left
	 * out and the cell padded, so "…" plus padding is exactly 8 wide.
	 */
	assert_string_equal(fx->out.buf, "題名      n\n"
					 "--------  -\n"
					 "情報セ…   1\n"
					 "abcdefg…  2\n"
					 "short     3\n"
					 "exactly8  4\n");

	strbuf_reset(&fx->out);
	table_render_text(&t, 7, &fx->out);
	assert_string_equal(fx->out.buf, "題名     n\n"
					 "-------  -\n"
					 "情報セ…  1\n"
					 "abcdef…  2\n"
					 "short    3\n"
					 "exactl…  4\n");
}

static void test_table__text_tiny_width(void **state)
{
	static const struct table_column cols[] = { { "k", "key" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "日本" };

	table_init(&t, &fx->arena, cols, 1);
	table_add_row(&t, r1);
	/* Below 2 the width is 2: one column of text and the ellipsis. */
	table_render_text(&t, 0, &fx->out);
	assert_string_equal(fx->out.buf, "k…\n"
					 "--\n"
					 "…\n");
}

static void test_table__text_empty(void **state)
{
	struct fixture *fx = *state;
	struct table t;

	table_init(&t, &fx->arena, two_columns, 2);
	table_render_text(&t, 40, &fx->out);
	assert_string_equal(fx->out.buf, "ID  名前\n"
					 "--  ----\n");
}

static void test_table__csv_header_and_crlf(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "5.1", "情報セキュリティのための方針群" };
	const char *r2[] = { "", NULL };

	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_render_csv(&t, 0, &fx->out);
	assert_string_equal(fx->out.buf,
			    "ID,名前\r\n"
			    "5.1,情報セキュリティのための方針群\r\n"
			    ",\r\n");
}

static void test_table__csv_quoting(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(csv_of_cell(fx, "plain"), "plain");
	assert_string_equal(csv_of_cell(fx, "a,b"), "\"a,b\"");
	assert_string_equal(csv_of_cell(fx, "say \"hi\""),
			    "\"say \"\"hi\"\"\"");
	assert_string_equal(csv_of_cell(fx, "\""), "\"\"\"\"");
	assert_string_equal(csv_of_cell(fx, "line1\nline2"),
			    "\"line1\nline2\"");
	assert_string_equal(csv_of_cell(fx, "line1\r\nline2"),
			    "\"line1\r\nline2\"");
	assert_string_equal(csv_of_cell(fx, "日本語、カンマ"),
			    "日本語、カンマ");
	assert_string_equal(csv_of_cell(fx, ""), "");
	assert_string_equal(csv_of_cell(fx, " spaced "), " spaced ");
	assert_string_equal(csv_of_cell(fx, "a=b"), "a=b");
}

static void test_table__csv_formula_neutralised(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(csv_of_cell(fx, "=1+1"), "\"'=1+1\"");
	assert_string_equal(csv_of_cell(fx, "-x"), "\"'-x\"");
	assert_string_equal(csv_of_cell(fx, "+x"), "\"'+x\"");
	assert_string_equal(csv_of_cell(fx, "@SUM(A1:A9)"), "\"'@SUM(A1:A9)\"");
	assert_string_equal(csv_of_cell(fx, "\tTAB"), "\"'\tTAB\"");
	assert_string_equal(csv_of_cell(fx, "\rCR"), "\"'\rCR\"");
	assert_string_equal(csv_of_cell(fx, "=HYPERLINK(\"http://x\",\"y\")"),
			    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_string_equal(csv_of_cell(fx, "-2+3"), "\"'-2+3\"");
	assert_string_equal(csv_of_cell(fx, "-"), "\"'-\"");
	assert_string_equal(csv_of_cell(fx, "+"), "\"'+\"");
	assert_string_equal(csv_of_cell(fx, "-."), "\"'-.\"");
	assert_string_equal(csv_of_cell(fx, "=1,2"), "\"'=1,2\"");
}

static void test_table__csv_numbers_stay_numbers(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(csv_of_cell(fx, "-1"), "-1");
	assert_string_equal(csv_of_cell(fx, "+3.5"), "+3.5");
	assert_string_equal(csv_of_cell(fx, "-25"), "-25");
	assert_string_equal(csv_of_cell(fx, "100"), "100");
	assert_string_equal(csv_of_cell(fx, "0.5"), "0.5");
	assert_string_equal(csv_of_cell(fx, "-0.25"), "-0.25");
}

static void test_table__csv_header_escaped(void **state)
{
	static const struct table_column cols[] = { { "a", "a,b" },
						    { "f", "=cmd" } };
	struct fixture *fx = *state;
	struct table t;

	table_init(&t, &fx->arena, cols, 2);
	table_render_csv(&t, 0, &fx->out);
	assert_string_equal(fx->out.buf, "\"a,b\",\"'=cmd\"\r\n");
}

static void test_table__csv_bom(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "1", "名" };

	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, r1);
	table_render_csv(&t, CSV_BOM, &fx->out);
	assert_string_equal(fx->out.buf, "\xef\xbb\xbfID,名前\r\n1,名\r\n");

	strbuf_reset(&fx->out);
	table_render_csv(&t, 0, &fx->out);
	assert_string_equal(fx->out.buf, "ID,名前\r\n1,名\r\n");
}

static void test_table__json_objects(void **state)
{
	static const struct table_column cols[] = { { "id", "ID" },
						    { "title", "題名" },
						    { "level", "レベル" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "5.1", "情報セキュリティのための方針群", "1" };
	const char *r2[] = { "5.2", NULL, "" };

	table_init(&t, &fx->arena, cols, 3);
	table_add_row(&t, r1);
	table_add_row(&t, r2);
	table_render_json(&t, &fx->out);
	/* Keyed by column keys, in column order; Japanese kept as UTF-8. */
	assert_string_equal(
		fx->out.buf,
		"[\n"
		"  {\n"
		"    \"id\": \"5.1\",\n"
		"    \"title\": \"情報セキュリティのための方針群\",\n"
		"    \"level\": \"1\"\n"
		"  },\n"
		"  {\n"
		"    \"id\": \"5.2\",\n"
		"    \"title\": \"\",\n"
		"    \"level\": \"\"\n"
		"  }\n"
		"]\n");
	assert_null(strstr(fx->out.buf, "\\u"));
}

static void test_table__json_order_preserved(void **state)
{
	static const struct table_column cols[] = { { "zeta", "Z" },
						    { "alpha", "A" },
						    { "mu", "M" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "3", "1", "2" };
	const char *z, *a, *m;

	table_init(&t, &fx->arena, cols, 3);
	table_add_row(&t, r1);
	table_render_json(&t, &fx->out);
	z = strstr(fx->out.buf, "\"zeta\"");
	a = strstr(fx->out.buf, "\"alpha\"");
	m = strstr(fx->out.buf, "\"mu\"");
	assert_non_null(z);
	assert_non_null(a);
	assert_non_null(m);
	assert_true(z < a && a < m);
}

static void test_table__json_escapes(void **state)
{
	static const struct table_column cols[] = { { "v", "v" } };
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "\"q\" \\ a\nb\x01</script>" };

	table_init(&t, &fx->arena, cols, 1);
	table_add_row(&t, r1);
	table_render_json(&t, &fx->out);
	assert_non_null(
		strstr(fx->out.buf,
		       "\"v\": \"\\\"q\\\" \\\\ a\\nb\\u0001</script>\""));
}

static void test_table__json_keeps_every_key(void **state)
{
	struct fixture *fx = *state;
	struct table t;
	const char *r1[] = { "1", "bad \xff byte" };

	/*
	 * Even a cell that is not valid UTF-8 (text from an old or edited
	 * data file) keeps its key: a reader must find every column.
	 */
	table_init(&t, &fx->arena, two_columns, 2);
	table_add_row(&t, r1);
	table_render_json(&t, &fx->out);
	assert_non_null(strstr(fx->out.buf, "\"id\": \"1\""));
	assert_non_null(strstr(fx->out.buf, "\"name\": \""));
	assert_true(utf8_valid(fx->out.buf, fx->out.len));
}

static void test_table__json_empty(void **state)
{
	struct fixture *fx = *state;
	struct table t;

	table_init(&t, &fx->arena, two_columns, 2);
	table_render_json(&t, &fx->out);
	assert_string_equal(fx->out.buf, "[]\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_table__init),
		T(test_table__add_row_copies_pointers),
		T(test_table__null_cells_read_empty),
		T(test_table__many_rows),
		T(test_table__format_parse),
		T(test_table__text_aligns_japanese),
		T(test_table__text_columns_line_up),
		T(test_table__text_cuts_long_cells),
		T(test_table__text_tiny_width),
		T(test_table__text_empty),
		T(test_table__csv_header_and_crlf),
		T(test_table__csv_quoting),
		T(test_table__csv_formula_neutralised),
		T(test_table__csv_numbers_stay_numbers),
		T(test_table__csv_header_escaped),
		T(test_table__csv_bom),
		T(test_table__json_objects),
		T(test_table__json_order_preserved),
		T(test_table__json_escapes),
		T(test_table__json_keeps_every_key),
		T(test_table__json_empty),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
