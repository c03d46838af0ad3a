/*
 * test_table.c: unit tests of import/ (table.c, charset.c, xlsx.c): CSV
 * in its encodings and shapes, workbooks written by our own writer and
 * built part by part, and the files that must be refused.
 */
#include "util/compat.h"
#include "import/table.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <iconv.h>
#include <unistd.h>
#include <zip.h>

#include "export/table.h"
#include "export/xlsx.h"
#include "util/error.h"
#include "util/strbuf.h"

static struct import_table *read_ok(const char *data, size_t len,
				    const char *sheet)
{
	struct import_table *t = NULL;
	struct error err = ERROR_INIT;

	if (import_table_read(data, len, sheet, &t, &err))
		fail_msg("refused: %s (%s)", err.key, err.args[0]);
	return t;
}

static void read_refused(const char *data, size_t len, const char *key)
{
	struct import_table *t = NULL;
	struct error err = ERROR_INIT;

	if (!import_table_read(data, len, NULL, &t, &err))
		fail_msg("read, expected %s", key);
	assert_null(t);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
}

/* Checks row i: its number and its cells (NULL-terminated). */
static void expect_row(const struct import_table *t, size_t i, size_t row_no,
		       ...)
{
	const struct import_row *r;
	const char *want;
	size_t k = 0;
	va_list ap;

	assert_true(i < t->count);
	r = &t->rows[i];
	assert_int_equal(r->row_no, row_no);
	va_start(ap, row_no);
	while ((want = va_arg(ap, const char *))) {
		assert_true(k < r->count);
		assert_string_equal(r->cells[k], want);
		k++;
	}
	va_end(ap);
	assert_int_equal(r->count, k);
}

/* --- CSV ------------------------------------------------------------ */

static void test_table__csv_bom_crlf_quotes(void **state)
{
	static const char csv[] = "\xef\xbb\xbf"
				  "名称,媒体\r\n"
				  "\r\n"
				  "\"二行の\r\n備考\",\"引用\"\"符\"\r\n"
				  ",\r\n"
				  "  空白  ,最後";
	struct import_table *t = read_ok(csv, sizeof(csv) - 1, NULL);

	(void)state;
	assert_int_equal(t->format, IMPORT_CSV);
	assert_int_equal(t->charset, IMPORT_UTF8_BOM);
	assert_int_equal(t->separator, ',');
	/* Empty rows are left out but counted, as Excel numbers them. */
	assert_int_equal(t->count, 3);
	expect_row(t, 0, 1, "名称", "媒体", NULL);
	expect_row(t, 1, 3, "二行の\r\n備考", "引用\"符", NULL);
	expect_row(t, 2, 5, "空白", "最後", NULL);
	import_table_free(t);
}

static void test_table__csv_utf8_lf(void **state)
{
	static const char csv[] =
		"名称,媒体,\n社員名簿,書類,\n\n\n顧客,ｸﾗｳﾄﾞ\n";
	struct import_table *t = read_ok(csv, sizeof(csv) - 1, NULL);

	(void)state;
	assert_int_equal(t->charset, IMPORT_UTF8);
	assert_int_equal(t->count, 3);
	/* Trailing empty cells are left off. */
	expect_row(t, 0, 1, "名称", "媒体", NULL);
	expect_row(t, 1, 2, "社員名簿", "書類", NULL);
	expect_row(t, 2, 5, "顧客", "ｸﾗｳﾄﾞ", NULL);
	import_table_free(t);
}

/* text converted to Windows code page 932, as Excel saves "CSV". */
static size_t to_cp932(const char *text, char *out, size_t cap)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char *in = (char *)text, *o = out;
	size_t left = strlen(text), room = cap;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &left, &o, &room) != (size_t)-1);
	iconv_close(cd);
	return cap - room;
}

static void test_table__csv_shift_jis(void **state)
{
	static const char text[] = "情報資産名称,媒体・保存先,備考\r\n"
				   "①顧客リスト,社内サーバー,ｶﾅと髙橋㈱\r\n";
	char sjis[256];
	size_t len = to_cp932(text, sjis, sizeof(sjis));
	struct import_table *t;

	(void)state;
	/* It really is not UTF-8 any more. */
	assert_true(len < sizeof(text) - 1);
	t = read_ok(sjis, len, NULL);
	assert_int_equal(t->charset, IMPORT_SHIFT_JIS);
	expect_row(t, 0, 1, "情報資産名称", "媒体・保存先", "備考", NULL);
	expect_row(t, 1, 2, "①顧客リスト", "社内サーバー", "ｶﾅと髙橋㈱", NULL);
	import_table_free(t);
}

static void test_table__csv_bad_charset(void **state)
{
	static const char bad[] = "名称\n\xff\xfe\xfd\n";
	static const char cut[] = "a,b\nc,\x82";
	static const char bom_bad[] = "\xef\xbb\xbf"
				      "a\n\x82\xa0\n";
	struct import_table *t = NULL;
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(
		import_table_read(bad, sizeof(bad) - 1, NULL, &t, &err), -1);
	assert_string_equal(err.key, "import.bad_charset");
	assert_string_equal(err.args[0], "2");
	read_refused(cut, sizeof(cut) - 1, "import.bad_charset");
	/* A BOM promises UTF-8: Shift_JIS after it is a broken file. */
	read_refused(bom_bad, sizeof(bom_bad) - 1, "import.bad_charset");
}

static void test_table__csv_tabs(void **state)
{
	static const char tsv[] = "名称\t媒体\t備考\n社員名簿\t書類\t a, b \n";
	struct import_table *t = read_ok(tsv, sizeof(tsv) - 1, NULL);

	(void)state;
	assert_int_equal(t->separator, '\t');
	expect_row(t, 1, 2, "社員名簿", "書類", "a, b", NULL);
	import_table_free(t);
}

/* What our CSV writer guards against formulas reads back as it was. */
static void test_table__csv_written_reads_back(void **state)
{
	static const char *const cells[] = {
		"=1+1", "-5",	    "+81 3", "@home", "'quoted",
		"a,b",	"改\r\n行", "\"",    "-",
	};
	struct strbuf sb = STRBUF_INIT;
	struct import_table *t;
	size_t i;

	(void)state;
	table_csv_row(cells, ARRAY_SIZE(cells), &sb);
	assert_non_null(strstr(sb.buf, "\"'=1+1\""));
	t = read_ok(sb.buf, sb.len, NULL);
	assert_int_equal(t->count, 1);
	assert_int_equal(t->rows[0].count, ARRAY_SIZE(cells));
	for (i = 0; i < ARRAY_SIZE(cells); i++)
		assert_string_equal(t->rows[0].cells[i], cells[i]);
	import_table_free(t);
	strbuf_release(&sb);
}

static void test_table__csv_limits(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct import_table *t;
	size_t i;

	(void)state;
	/* Cells beyond the last column read are not kept. */
	for (i = 0; i < IMPORT_COLUMNS_MAX + 500; i++)
		strbuf_addstr(&sb, "x,");
	t = read_ok(sb.buf, sb.len, NULL);
	assert_int_equal(t->rows[0].count, IMPORT_COLUMNS_MAX);
	import_table_free(t);
	strbuf_reset(&sb);
	for (i = 0; i <= IMPORT_ROWS_MAX; i++)
		strbuf_addstr(&sb, "a\n");
	read_refused(sb.buf, sb.len, "import.too_many_rows");
	strbuf_release(&sb);
}

/* --- not a table ---------------------------------------------------- */

static void test_table__refused_files(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0";
	static const char utf16[] = "\xff\xfe\x30\x00\x2c\x00";
	static const char pdf[] = "%PDF-1.4\n1 0 obj\n";
	static const char not_zip[] = "PK\x03\x04 this is no archive at all";
	char *big;

	(void)state;
	read_refused(png, sizeof(png) - 1, "import.not_table");
	read_refused(pdf, sizeof(pdf) - 1, "import.not_table");
	read_refused(xls, sizeof(xls) - 1, "import.xls");
	read_refused(utf16, sizeof(utf16) - 1, "import.utf16");
	read_refused("", 0, "import.empty");
	read_refused(not_zip, sizeof(not_zip) - 1, "import.bad_zip");
	/* Over the limit, refused before a byte is looked at. */
	big = calloc(1, (size_t)IMPORT_FILE_MAX + 1);
	assert_non_null(big);
	read_refused(big, (size_t)IMPORT_FILE_MAX + 1, "import.too_big");
	free(big);
}

/* --- workbooks built part by part ----------------------------------- */

struct zip_part {
	const char *name;
	const char *text;
};

/* The bytes of a ZIP archive of parts, in *len; the caller frees them. */
static char *make_zip(const struct zip_part *parts, size_t count, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	char *buf;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (i = 0; i < count; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].text,
						    strlen(parts[i].text), 0);

		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i].name, s, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	buf = malloc(st.size + 1);
	assert_non_null(buf);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, buf, st.size),
			 (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return buf;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char root_rels[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				"<Relationships xmlns=\"" NS_PKG "\">"
				"<Relationship Id=\"rId1\" Type=\"" NS_REL
				"/officeDocument\""
				" Target=\"xl/workbook.xml\"/></Relationships>";

static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
	"<sheet name=\"説明\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"グラフ\" sheetId=\"3\" r:id=\"rId3\"/>"
	"<sheet name=\"台帳\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</sheets></workbook>";

static const char workbook_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"" NS_PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\""
	" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\""
	" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/chartsheet\""
	" Target=\"chartsheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" NS_REL "/sharedStrings\""
	" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"" NS_REL "/styles\""
	" Target=\"styles.xml\"/></Relationships>";

/* Rich text and the furigana Japanese Excel keeps beside it. */
static const char shared_strings[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<sst xmlns=\"" NS_MAIN "\" count=\"6\" uniqueCount=\"6\">"
	"<si><t>情報資産名称</t></si>"
	"<si><r><rPr><b/></rPr><t>社員</t></r>"
	"<r><t xml:space=\"preserve\">名簿 </t></r>"
	"<rPh sb=\"0\" eb=\"2\"><t>シャインメイボ</t></rPh></si>"
	"<si><t>A_x000D_B_x005F_x0041_</t></si>"
	"<si><t>媒体・保存先</t></si>"
	"<si><t>書類</t></si>"
	"<si/>"
	"</sst>";

static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
	"<numFmt numFmtId=\"176\""
	" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
	"<numFmt numFmtId=\"177\" formatCode=\"0.0&quot;days&quot;\"/>"
	"</numFmts><cellXfs count=\"4\">"
	"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/>"
	"<xf numFmtId=\"177\"/></cellXfs></styleSheet>";

static const char sheet_intro[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>使い方</t></is></c>"
	"</row></sheetData></worksheet>";

static const char sheet_ledger[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>台帳</t></is></c>"
	"</row>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c>"
	"<c r=\"B3\" t=\"s\"><v>3</v></c>"
	"<c r=\"D3\" t=\"str\"><f>\"=\"&amp;1</f><v>=1</v></c></row>"
	"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c>"
	"<c r=\"B4\" t=\"s\"><v>4</v></c>"
	"<c r=\"C4\" s=\"1\"><v>45383</v></c>"
	"<c r=\"D4\" s=\"2\"><v>45384</v></c>"
	"<c r=\"E4\" s=\"3\"><v>1.5</v></c>"
	"<c r=\"F4\" t=\"b\"><v>1</v></c>"
	"<c r=\"G4\" t=\"e\"><v>#N/A</v></c>"
	"<c r=\"H4\"><f>6*7</f><v>42</v></c>"
	"<c r=\"I4\" t=\"s\"><v>2</v></c>"
	"<c r=\"J4\" s=\"1\"/><c r=\"K4\" t=\"s\"><v>5</v></c></row>"
	"<row r=\"5\"/>"
	"<row r=\"6\"><c t=\"inlineStr\"><is><r><t>no</t></r><r><t> ref</t>"
	"</r></is></c><c><v>7</v></c></row>"
	"<row><c r=\"B7\"><v>8</v></c><c r=\"ZZZZ7\"><v>9</v></c></row>"
	"</sheetData></worksheet>";

static char *book_of(const char *ledger, size_t *len)
{
	const struct zip_part parts[] = {
		{ "_rels/.rels", root_rels },
		{ "xl/workbook.xml", workbook },
		{ "xl/_rels/workbook.xml.rels", workbook_rels },
		{ "xl/sharedStrings.xml", shared_strings },
		{ "xl/styles.xml", styles },
		{ "xl/worksheets/sheet1.xml", sheet_intro },
		{ "xl/worksheets/sheet2.xml", ledger },
	};

	return make_zip(parts, ARRAY_SIZE(parts), len);
}

static void test_table__xlsx_parts(void **state)
{
	size_t len;
	char *book = book_of(sheet_ledger, &len);
	struct import_table *t;

	(void)state;
	/* The first worksheet by default; the chart sheet is no sheet. */
	t = read_ok(book, len, NULL);
	assert_int_equal(t->format, IMPORT_XLSX);
	assert_string_equal(t->sheet, "説明");
	assert_int_equal(t->sheet_count, 2);
	assert_string_equal(t->sheets[1], "台帳");
	expect_row(t, 0, 1, "使い方", NULL);
	import_table_free(t);

	t = read_ok(book, len, "台帳");
	assert_string_equal(t->sheet, "台帳");
	assert_int_equal(t->count, 5);
	expect_row(t, 0, 1, "台帳", NULL);
	/* A formula's cached result is read, never the formula. */
	expect_row(t, 1, 3, "情報資産名称", "媒体・保存先", "", "=1", NULL);
	/* Furigana left out; date formats give dates, others numbers. */
	expect_row(t, 2, 4, "社員名簿 ", "書類", "2024-04-01", "2024-04-02",
		   "1.5", "TRUE", "#N/A", "42", "A\rB_x0041_", NULL);
	/* Without r attributes cells and rows follow one another. */
	expect_row(t, 3, 6, "no ref", "7", NULL);
	expect_row(t, 4, 7, "", "8", NULL);
	import_table_free(t);
	read_refused(book, 0, "import.empty");
	free(book);
}

static void test_table__xlsx_refused(void **state)
{
	static const char dtd[] =
		"<?xml version=\"1.0\"?><!DOCTYPE worksheet ["
		"<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
		"<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
		"<c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
		"</sheetData></worksheet>";
	static const char bad_index[] =
		"<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
		"<c t=\"s\"><v>99</v></c></row></sheetData></worksheet>";
	static const char broken[] =
		"<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
		"<c t=\"s\"><v>0</v></row></sheetData></worksheet>";
	const struct zip_part other[] = { { "hello.txt", "hello" } };
	struct import_table *t = NULL;
	struct error err = ERROR_INIT;
	size_t len, i;
	const char *const sheets[] = { dtd, bad_index, broken };
	char *book;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sheets); i++) {
		book = book_of(sheets[i], &len);
		assert_int_equal(import_table_read(book, len, "台帳", &t, &err),
				 -1);
		assert_string_equal(err.key, "import.bad_xlsx");
		assert_string_equal(err.args[0], "xl/worksheets/sheet2.xml");
		free(book);
	}
	book = book_of(sheet_ledger, &len);
	assert_int_equal(import_table_read(book, len, "一覧", &t, &err), -1);
	assert_string_equal(err.key, "import.unknown_sheet");
	assert_string_equal(err.args[1], "説明, 台帳");
	free(book);
	/* A ZIP archive that is no workbook. */
	book = make_zip(other, 1, &len);
	assert_int_equal(import_table_read(book, len, NULL, &t, &err), -1);
	assert_string_equal(err.key, "import.not_workbook");
	free(book);
}

/* A part of size bytes of spaces, made as it is read, for the bomb. */
struct spaces {
	zip_uint64_t size, done;
};

static zip_int64_t spaces_cb(void *ud, void *data, zip_uint64_t len,
			     zip_source_cmd_t cmd)
{
	struct spaces *s = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->done = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (len > s->size - s->done)
			len = s->size - s->done;
		memset(data, ' ', len);
		s->done += len;
		return (zip_int64_t)len;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;

		zip_stat_init(st);
		st->size = s->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(
			ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
			ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	case ZIP_SOURCE_ERROR:
		return 2 * sizeof(int);
	default:
		return 0;
	}
}

/* A workbook whose sheet is 201 MB of spaces: a few hundred KB zipped. */
static char *bomb(size_t *len)
{
	struct spaces s = { (zip_uint64_t)IMPORT_EXPANDED_MAX + 1024 * 1024,
			    0 };
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *z;
	zip_stat_t st;
	char *buf;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	assert_true(zip_file_add(z, "_rels/.rels",
				 zip_source_buffer(z, root_rels,
						   strlen(root_rels), 0),
				 0) >= 0);
	assert_true(zip_file_add(z, "xl/workbook.xml",
				 zip_source_buffer(z, workbook,
						   strlen(workbook), 0),
				 0) >= 0);
	assert_true(zip_file_add(z, "xl/_rels/workbook.xml.rels",
				 zip_source_buffer(z, workbook_rels,
						   strlen(workbook_rels), 0),
				 0) >= 0);
	part = zip_source_function(z, spaces_cb, &s);
	assert_non_null(part);
	assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml", part, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	buf = malloc(st.size);
	assert_non_null(buf);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, buf, st.size),
			 (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return buf;
}

/* Sets every 4-byte little-endian copy of from in buf to to. */
static int patch_u32(char *buf, size_t len, uint32_t from, uint32_t to)
{
	unsigned char f[4], t[4];
	size_t i;
	int n = 0;

	for (i = 0; i < 4; i++) {
		f[i] = (unsigned char)(from >> (8 * i));
		t[i] = (unsigned char)(to >> (8 * i));
	}
	for (i = 0; i + 4 <= len; i++)
		if (!memcmp(buf + i, f, 4)) {
			memcpy(buf + i, t, 4);
			n++;
		}
	return n;
}

static void test_table__xlsx_bomb(void **state)
{
	struct import_table *t = NULL;
	struct error err = ERROR_INIT;
	size_t len;
	char *book = bomb(&len);

	(void)state;
	assert_true(len < 2 * 1024 * 1024);
	read_refused(book, len, "import.expands_too_much");
	/*
	 * An archive that lies about the size: it is counted as it is
	 * unpacked and refused all the same, never read to the end.
	 */
	assert_true(patch_u32(book, len,
			      (uint32_t)IMPORT_EXPANDED_MAX + 1024 * 1024,
			      1000) >= 1);
	assert_int_equal(import_table_read(book, len, NULL, &t, &err), -1);
	assert_null(t);
	assert_string_equal(err.key, "import.expands_too_much");
	free(book);
}

/* --- workbooks from our own writer ----------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void written_reads_back(unsigned flags)
{
	static const struct xlsx_column cols[] = {
		{ "情報資産名称", 0, 30 },
		{ "機密性", 1, 8 },
		{ "備考", 0, 40 },
	};
	static const char *const rows[][3] = {
		{ "社員名簿", "2", "=SUM(A1:A9)" },
		{ "顧客リスト", "", "001" },
		{ "見積書", "高", "-1" },
	};
	char path[] = "/tmp/mamori-test-xlsx-XXXXXX";
	struct xlsx_writer *w = NULL;
	struct error err = ERROR_INIT;
	struct import_table *t;
	size_t len, i;
	char *book;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(xlsx_writer_open(path, "情報資産管理台帳", cols,
					  ARRAY_SIZE(cols), flags, &w, &err),
			 0);
	for (i = 0; i < ARRAY_SIZE(rows); i++)
		xlsx_writer_add_row(w, rows[i]);
	assert_int_equal(xlsx_writer_close(w, &err), 0);
	book = slurp(path, &len);
	unlink(path);
	t = read_ok(book, len, NULL);
	assert_string_equal(t->sheet, "情報資産管理台帳");
	expect_row(t, 0, 1, "情報資産名称", "機密性", "備考", NULL);
	/* Text stays text ("=SUM", "001"); a number that is not stays. */
	expect_row(t, 1, 2, "社員名簿", "2", "=SUM(A1:A9)", NULL);
	expect_row(t, 2, 3, "顧客リスト", "", "001", NULL);
	expect_row(t, 3, 4, "見積書", "高", "-1", NULL);
	import_table_free(t);
	free(book);
}

static void test_table__xlsx_written_reads_back(void **state)
{
	(void)state;
	/* Shared strings, then inline strings. */
	written_reads_back(0);
	written_reads_back(XLSX_CONSTANT_MEMORY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table__csv_bom_crlf_quotes),
		cmocka_unit_test(test_table__csv_utf8_lf),
		cmocka_unit_test(test_table__csv_shift_jis),
		cmocka_unit_test(test_table__csv_bad_charset),
		cmocka_unit_test(test_table__csv_tabs),
		cmocka_unit_test(test_table__csv_written_reads_back),
		cmocka_unit_test(test_table__csv_limits),
		cmocka_unit_test(test_table__refused_files),
		cmocka_unit_test(test_table__xlsx_parts),
		cmocka_unit_test(test_table__xlsx_refused),
		cmocka_unit_test(test_table__xlsx_bomb),
		cmocka_unit_test(test_table__xlsx_written_reads_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
