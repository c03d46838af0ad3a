/*
 * test_report.c: the report model and its renderers.  A fixed document
 * rendered to Markdown and HTML is compared byte for byte with the golden
 * files in tests/data/report/ (MAMORI_UPDATE_GOLDEN=1 rewrites them after
 * a deliberate change: read the diff before committing it).  CSV in
 * UTF-8 and Shift_JIS, the reading of Markdown, and the binary formats'
 * signatures are checked here too; the PDF's pages, fonts and text are
 * checked by tests/e2e/t0075-report-pdf.sh with poppler.
 */
#include "util/compat.h"
#include "export/report.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The fixed document: every kind of block, and text that looks like markup. */
static struct report *fixed(struct arena *a)
{
	static const struct report_column cols[] = {
		{ "asset", "情報資産", 20, REPORT_LEFT },
		{ "level", "リスク値", 8, REPORT_RIGHT },
		{ "due", "期限", 12, REPORT_CENTER },
	};
	static const char *const items[] = { "1. で始まる項目", "<b>太字</b>",
					     "# 見出しではない" };
	const struct report_span spans[] = {
		{ "取引先の", 0 },
		{ "個人情報", REPORT_STRONG },
		{ "は、鍵のかかる場所に保管します。\n改行の後。", 0 },
	};
	struct report_words w = {
		.cover = "表紙",
		.organisation = "組織",
		.version = "版",
		.date = "作成日",
		.approved = "承認",
		.classification = "機密区分",
		.sheets = "収録シート",
	};
	struct report *r = report_new(a, "ja");
	struct report_table *t;

	report_set_words(r, &w);
	report_set_title(r, "情報セキュリティ基本方針 *草案*");
	report_set_organisation(r, "株式会社A&B <試験>");
	report_set_version(r, "第3版");
	report_set_date(r, "2026年11月22日");
	report_set_approval(r, "山田太郎", "2026年11月23日");
	report_set_classification(r, "社外秘");
	report_seal(r, "承認", "山田太郎", "2026-11-23");
	report_seal(r, "確認", NULL, NULL);
	report_seal(r, "作成", NULL, NULL);
	report_heading(r, 1, "適用範囲");
	report_paragraph_spans(r, spans, ARRAY_SIZE(spans));
	report_heading(r, 2, "目標 | その1");
	report_list(r, 1, items, ARRAY_SIZE(items));
	report_list(r, 0, items, 2);
	t = report_table(r, "リスク", cols, ARRAY_SIZE(cols), 0);
	report_cell_text(t, "顧客名簿 | 紙");
	report_cell_number(t, 6, NULL);
	report_cell_date(t, "2026-12-01");
	report_cell_text(t, "=HYPERLINK(\"x\")");
	report_cell_number(t, 2.5, "2.5");
	report_cell_date(t, "");
	return r;
}

/* The golden file name under tests/data/report/, as a string. */
static char *golden_path(const char *name)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	struct strbuf sb = STRBUF_INIT;

	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	strbuf_addf(&sb, "%s/tests/data/report/%s", root, name);
	return strbuf_detach(&sb, NULL);
}

static void compare_golden(const char *name, const struct strbuf *got)
{
	char *path = golden_path(name);
	struct strbuf want = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f;

	if (getenv("MAMORI_UPDATE_GOLDEN")) {
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(got->buf, 1, got->len, f), got->len);
		assert_int_equal(fclose(f), 0);
	}
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&want, buf, n);
	fclose(f);
	if (want.len != got->len || memcmp(want.buf, got->buf, got->len))
		fail_msg("%s differs from the rendering:\n%s", path, got->buf);
	strbuf_release(&want);
	free(path);
}

static void test_report__markdown_golden(void **state)
{
	struct arena a;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	arena_init(&a, 0);
	report_render_md(fixed(&a), &out);
	compare_golden("fixed.md", &out);
	strbuf_release(&out);
	arena_release(&a);
}

static void test_report__html_golden(void **state)
{
	struct arena a;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	arena_init(&a, 0);
	report_render_html(fixed(&a), &out);
	compare_golden("fixed.html", &out);
	/* Nothing the document says reaches the page as markup. */
	assert_null(strstr(out.buf, "<b>"));
	assert_null(strstr(out.buf, "<試験>"));
	assert_non_null(strstr(out.buf, "&lt;b&gt;太字&lt;/b&gt;"));
	strbuf_release(&out);
	arena_release(&a);
}

static void test_report__cells_are_typed(void **state)
{
	struct arena a;
	struct report *r;
	const struct report_table *t;

	(void)state;
	arena_init(&a, 0);
	r = fixed(&a);
	t = report_table_at(r, 0);
	assert_non_null(t);
	assert_null(report_table_at(r, 1));
	assert_int_equal(t->row_count, 2);
	assert_int_equal(t->rows[0][1].kind, REPORT_CELL_NUMBER);
	assert_true(t->rows[0][1].number == 6);
	assert_string_equal(t->rows[0][1].text, "6");
	assert_int_equal(t->rows[0][2].kind, REPORT_CELL_DATE);
	assert_int_equal(t->rows[0][2].date.year, 2026);
	/* A date not set stays an empty text, never 1900-01-00. */
	assert_int_equal(t->rows[1][2].kind, REPORT_CELL_TEXT);
	assert_string_equal(t->rows[1][2].text, "");
	arena_release(&a);
}

static void test_report__csv_utf8(void **state)
{
	struct arena a;
	struct strbuf out = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct report *r;

	(void)state;
	arena_init(&a, 0);
	r = fixed(&a);
	assert_int_equal(report_render_csv(r, report_table_at(r, 0),
					   REPORT_UTF8, &out, &err),
			 0);
	assert_string_equal(out.buf, "\xef\xbb\xbf"
				     "情報資産,リスク値,期限\r\n"
				     "顧客名簿 | 紙,6,2026-12-01\r\n"
				     "\"'=HYPERLINK(\"\"x\"\")\",2.5,\r\n");
	strbuf_release(&out);
	arena_release(&a);
}

static void test_report__csv_cp932(void **state)
{
	static const struct report_column cols[] = {
		{ "name", "氏名", 0, REPORT_LEFT },
		{ "note", "備考", 0, REPORT_LEFT },
	};
	struct arena a;
	struct strbuf out = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct report *r;
	struct report_table *t;

	(void)state;
	arena_init(&a, 0);
	r = report_new(&a, "ja");
	t = report_table(r, "名簿", cols, 2, 0);
	/* ～ and № are in CP932 (Windows' extensions of Shift_JIS). */
	report_cell_text(t, "髙橋");
	report_cell_text(t, "No.1～№2");
	assert_int_equal(report_render_csv(r, t, REPORT_CP932, &out, &err), 0);
	/* No BOM; 氏 is 0x8E81 in Shift_JIS. */
	assert_memory_equal(out.buf, "\x8e\x81\x96\xbc,", 5);
	/* A character Shift_JIS lacks: refused, naming row 3 and 備考. */
	report_cell_text(t, "𠮷野");
	report_cell_text(t, "ok");
	report_cell_text(t, "佐藤");
	report_cell_text(t, "café 😀");
	strbuf_reset(&out);
	strbuf_addstr(&out, "kept");
	assert_int_equal(report_render_csv(r, t, REPORT_CP932, &out, &err), -1);
	assert_string_equal(err.key, "report.csv_cp932");
	assert_string_equal(err.args[0], "3");
	assert_string_equal(err.args[1], "氏名");
	assert_string_equal(err.args[2], "𠮷");
	assert_string_equal(err.args[3], "U+20BB7");
	/* Nothing half-written: out is as it was. */
	assert_string_equal(out.buf, "kept");
	strbuf_release(&out);
	arena_release(&a);
}

static void test_report__reads_markdown(void **state)
{
	static const char md[] = "# 基本方針\n\n当社は**情報**を守ります。\n"
				 "\n## 目標\n\n1. 一つ目\n2. 二つ目\n\n"
				 "<script>x</script>\n\n- a\n- b\n";
	struct arena a;
	struct report *r;
	const struct report_block *b;

	(void)state;
	arena_init(&a, 0);
	r = report_new(&a, "ja");
	report_add_markdown(r, md, strlen(md));
	assert_string_equal(r->title, "基本方針");
	b = r->first;
	assert_int_equal(b->kind, REPORT_PARAGRAPH);
	assert_int_equal(b->items[0].count, 3);
	assert_int_equal(b->items[0].spans[1].style, REPORT_STRONG);
	b = b->next;
	assert_int_equal(b->kind, REPORT_HEADING);
	assert_int_equal(b->level, 1);
	b = b->next;
	assert_int_equal(b->kind, REPORT_LIST);
	assert_true(b->ordered);
	assert_int_equal(b->count, 2);
	/* Raw HTML is dropped; the bullet list follows the numbered one. */
	b = b->next;
	assert_int_equal(b->kind, REPORT_LIST);
	assert_false(b->ordered);
	assert_null(b->next);
	arena_release(&a);
}

static void test_report__formats(void **state)
{
	enum report_format f;

	(void)state;
	assert_int_equal(report_format_parse("pdf", &f), 0);
	assert_int_equal(f, REPORT_FORMAT_PDF);
	assert_int_equal(report_format_parse("md", &f), 0);
	assert_int_equal(f, REPORT_FORMAT_MD);
	assert_int_equal(report_format_parse("docx", &f), -1);
	assert_string_equal(report_format_name(REPORT_FORMAT_XLSX), "xlsx");
	assert_string_equal(report_format_mime(REPORT_FORMAT_PDF),
			    "application/pdf");
}

static void test_report__binary_formats(void **state)
{
	struct arena a;
	struct strbuf out = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct report *r;

	(void)state;
	arena_init(&a, 0);
	r = fixed(&a);
	assert_int_equal(report_render(r, REPORT_FORMAT_XLSX, &out, &err), 0);
	assert_memory_equal(out.buf, "PK\x03\x04", 4);
	strbuf_reset(&out);
	assert_int_equal(report_render(r, REPORT_FORMAT_PDF, &out, &err), 0);
	assert_memory_equal(out.buf, "%PDF-1.5", 8);
	/* The file is complete: it ends with the trailer's mark. */
	assert_true(out.len > 16);
	assert_non_null(strstr(out.buf + out.len - 16, "%%EOF"));
	strbuf_release(&out);
	arena_release(&a);
}

static void test_report__csv_needs_a_table(void **state)
{
	struct arena a;
	struct strbuf out = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct report *r;

	(void)state;
	arena_init(&a, 0);
	r = report_new(&a, "en");
	report_paragraph(r, "prose only");
	assert_int_equal(report_render(r, REPORT_FORMAT_CSV, &out, &err), -1);
	assert_string_equal(err.key, "report.no_table");
	strbuf_release(&out);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__markdown_golden),
		cmocka_unit_test(test_report__html_golden),
		cmocka_unit_test(test_report__cells_are_typed),
		cmocka_unit_test(test_report__csv_utf8),
		cmocka_unit_test(test_report__csv_cp932),
		cmocka_unit_test(test_report__reads_markdown),
		cmocka_unit_test(test_report__formats),
		cmocka_unit_test(test_report__binary_formats),
		cmocka_unit_test(test_report__csv_needs_a_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
