/* test_xlsx.c: unit tests of export/xlsx.c, the workbook writer. */
#include "util/compat.h"
#include "export/xlsx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

static const struct xlsx_column cols[] = {
	{ "情報資産名称", 0, 30 },
	{ "機密性", 1, 8 },
};

/* A sheet name Excel refuses is refused when the workbook is begun. */
static void test_xlsx__bad_sheet_name(void **state)
{
	struct xlsx_writer *w = NULL;
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(xlsx_writer_open("/tmp/mamori-never.xlsx", "a/b", cols,
					  ARRAY_SIZE(cols), 0, &w, &err),
			 -1);
	assert_null(w);
	assert_string_equal(err.key, "export.xlsx_failed");
	assert_string_equal(err.args[0], "a/b");
}

/* A place that cannot be written fails when the file is written. */
static void test_xlsx__unwritable(void **state)
{
	struct xlsx_writer *w = NULL;
	struct error err = ERROR_INIT;
	const char *row[] = { "社員名簿", "2" };

	(void)state;
	assert_int_equal(xlsx_writer_open("/nonexistent/dir/register.xlsx",
					  "台帳", cols, ARRAY_SIZE(cols),
					  XLSX_CONSTANT_MEMORY, &w, &err),
			 0);
	xlsx_writer_add_row(w, row);
	assert_int_equal(xlsx_writer_close(w, &err), -1);
	assert_string_equal(err.key, "export.xlsx_failed");
	assert_int_equal(xlsx_writer_close(NULL, &err), 0);
}

/* An empty register is a header row alone, and a valid file. */
static void test_xlsx__header_only(void **state)
{
	char path[] = "/tmp/mamori-test-xlsx-XXXXXX";
	struct xlsx_writer *w = NULL;
	struct error err = ERROR_INIT;
	struct stat st;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(xlsx_writer_open(path, "台帳", cols, ARRAY_SIZE(cols),
					  0, &w, &err),
			 0);
	assert_int_equal(xlsx_writer_close(w, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 1000);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx__bad_sheet_name),
		cmocka_unit_test(test_xlsx__unwritable),
		cmocka_unit_test(test_xlsx__header_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
