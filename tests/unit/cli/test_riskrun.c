/* test_riskrun.c: unit tests of cli/riskrun.c, the words of the register. */
#include "util/compat.h"
#include "cli/riskrun.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/cli.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"

/*
 * riskrun.c speaks through the helpers of cli/main.c (cli_msg …), which
 * live beside main(): the real ones are compiled in here, their main()
 * renamed out of the way.
 */
int mamori_main(int argc, char **argv);
#define main mamori_main
#include "../../../src/cli/main.c"
#undef main

/* A run without a data file: the catalogue, the messages, the IPA sheet. */
struct fixture {
	struct cli cli;
	struct risk_run run;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct error err = ERROR_INIT;

	f->cli.lang = LANG_JA;
	if (i18n_load(&embedded_data, &f->cli.msgs, &err) ||
	    catalog_load_builtin(&f->run.cat, &err)) {
		fprintf(stderr, "# setup: %s\n", err.key);
		return -1;
	}
	f->run.cli = &f->cli;
	arena_init(&f->run.arena, 0);
	f->run.def = catalog_method(f->run.cat, RISK_IPA);
	risk_criteria_default(f->run.def, &f->run.criteria);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	arena_release(&f->run.arena);
	catalog_free(f->run.cat);
	i18n_free(f->cli.msgs);
	free(f);
	return 0;
}

/* Checks one row: input read as kind gives want (a number, or error). */
static int check_row(const char *kind, const char *input, const char *want,
		     const char *where)
{
	int failed;
	long expect = 0;

	failed = !strcmp(want, "error");
	if (!failed && parse_long(want, -1, LONG_MAX, &expect))
		fail_msg("%s: bad want '%s'", where, want);
	if (!strcmp(kind, "personal")) {
		unsigned bits = 99;
		int rc = risk_run_parse_personal(input, &bits);

		if (failed != (rc != 0) || (!failed && (long)bits != expect))
			fail_msg("%s: personal '%s' gave %d/%u", where, input,
				 rc, bits);
	} else if (!strcmp(kind, "rating")) {
		int v = 42;
		int rc = risk_run_parse_rating(input, &v);

		if (failed != (rc != 0) || (!failed && v != expect))
			fail_msg("%s: rating '%s' gave %d/%d", where, input, rc,
				 v);
	} else if (!strcmp(kind, "id")) {
		int64_t id = 42;
		int rc = risk_run_parse_id(input, &id);

		if (failed != (rc != 0) || (!failed && id != expect))
			fail_msg("%s: id '%s' gave %d/%lld", where, input, rc,
				 (long long)id);
	} else {
		fail_msg("%s: unknown kind '%s'", where, kind);
	}
	return 1;
}

static void test_riskrun__options_from_table(void **state)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[512], where[4200];
	int lineno = 0, rows = 0, header = 0;
	FILE *fp;

	(void)state;
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, sizeof(path), "%s%s", root,
			     "/tests/data/riskrun_options.tsv") >= sizeof(path))
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		char *kind = line, *input, *want;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			assert_string_equal(line, "kind\tinput\twant");
			header = 1;
			continue;
		}
		input = strchr(kind, '\t');
		want = input ? strchr(input + 1, '\t') : NULL;
		if (!want || strchr(want + 1, '\t'))
			fail_msg("%s:%d: malformed row", path, lineno);
		*input++ = '\0';
		*want++ = '\0';
		snprintf(where, sizeof(where), "%s:%d", path, lineno);
		rows += check_row(kind, input, want, where);
	}
	fclose(fp);
	assert_true(rows >= 30);
}

static void test_riskrun__media(void **state)
{
	struct fixture *f = *state;
	struct risk_run *run = &f->run;

	/* Keys, and names in either language, become keys. */
	assert_string_equal(risk_run_parse_medium(run, "paper"), "paper");
	assert_string_equal(risk_run_parse_medium(run, "書類"), "paper");
	assert_string_equal(risk_run_parse_medium(run, "office PC"),
			    "office_pc");
	assert_string_equal(risk_run_parse_medium(run, "クラウドサービス"),
			    "cloud");
	/* Anything else is the organisation's own word, kept as typed. */
	assert_string_equal(risk_run_parse_medium(run, "NAS"), "NAS");
	assert_string_equal(risk_run_parse_medium(run, "Paper"), "Paper");
	assert_string_equal(risk_run_medium(run, "server"), "社内サーバー");
	assert_string_equal(risk_run_medium(run, "NAS"), "NAS");
	f->cli.lang = LANG_EN;
	assert_string_equal(risk_run_medium(run, "mobile"), "mobile devices");
	assert_string_equal(risk_run_asset(run, "Plans", "paper"),
			    "Plans (paper)");
	f->cli.lang = LANG_JA;
	assert_string_equal(risk_run_asset(run, "図面", "NAS"), "図面（NAS）");
}

static void test_riskrun__values(void **state)
{
	struct fixture *f = *state;
	struct risk_run *run = &f->run;

	assert_string_equal(risk_run_num(run, RISK_UNRATED), "—");
	assert_string_equal(risk_run_num(run, 0), "0");
	assert_string_equal(risk_run_point(run, SCALE_CIA, 2), "2（大）");
	assert_string_equal(risk_run_point(run, SCALE_CIA, RISK_UNRATED), "—");
	assert_string_equal(risk_run_personal(run, 0), "");
	assert_string_equal(risk_run_personal(run, PERSONAL_DATA |
							   PERSONAL_MY_NUMBER),
			    "個人情報、マイナンバー");
	assert_string_equal(risk_run_label(run, "internal"), "社外秘");
	assert_string_equal(risk_run_label(run, "取扱注意"), "取扱注意");
	assert_string_equal(risk_run_treatment(run, TREAT_RETAIN), "保有");
	assert_string_equal(risk_run_status(run, TSTATUS_DONE), "済み");
	assert_string_equal(
		risk_run_text(run, "risk_cli.range", "1", "3", NULL), "1〜3");
}

static void test_riskrun__grades_follow_the_criteria(void **state)
{
	struct fixture *f = *state;
	struct risk_run *run = &f->run;

	/* The IPA sheet: 0 small, 1-3 medium, 4-6 large. */
	assert_string_equal(risk_run_grade(run, RISK_UNRATED), "—");
	assert_string_equal(risk_run_grade(run, 0), "小");
	assert_string_equal(risk_run_grade(run, 3), "中");
	assert_string_equal(risk_run_grade(run, 4), "大");
	/* 3-point with criteria of the organisation's own. */
	run->def = catalog_method(run->cat, RISK_THREE_POINT);
	run->criteria.low_max = 3;
	run->criteria.medium_max = 6;
	assert_string_equal(risk_run_grade(run, 3), "低");
	assert_string_equal(risk_run_grade(run, 4), "中");
	assert_string_equal(risk_run_grade(run, 9), "高");
	assert_string_equal(risk_run_point(run, SCALE_CIA, 3), "3（高）");
	run->def = catalog_method(run->cat, RISK_IPA);
	risk_criteria_default(run->def, &run->criteria);
}

static void test_riskrun__catalogue_titles(void **state)
{
	struct fixture *f = *state;
	struct risk_run *run = &f->run;
	struct risk r;

	memset(&r, 0, sizeof(r));
	r.threat_id = "t06";
	r.threat = "";
	r.vulnerability_id = "";
	r.vulnerability = "鍵をかけていない";
	assert_string_equal(risk_run_threat(run, &r), "紛失・置き忘れ");
	assert_string_equal(risk_run_vulnerability(run, &r),
			    "鍵をかけていない");
	/* An id the catalogue no longer has is shown as it is. */
	r.threat_id = "t99";
	assert_string_equal(risk_run_threat(run, &r), "t99");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_riskrun__options_from_table),
		cmocka_unit_test_setup_teardown(test_riskrun__media, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_riskrun__values, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_riskrun__grades_follow_the_criteria, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_riskrun__catalogue_titles,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
