/*
 * test_risk.c: unit tests of core/risk.c and of the risk rules of
 * core/asset.c (assets, risks, the treatment plan).  The two methods'
 * scales, table and grades come from the built-in catalogue; the facts
 * they must give are in tests/data/risk_*.tsv, written from the methods
 * themselves.
 */
#include "util/compat.h"
#include "core/risk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/asset.h"
#include "util/error.h"
#include "util/parse.h"

/* The built-in catalogue, loaded once for the whole group. */
static struct catalog *cat;

static const struct risk_method_def *ipa(void)
{
	return catalog_method(cat, RISK_IPA);
}

static const struct risk_method_def *three_point(void)
{
	return catalog_method(cat, RISK_THREE_POINT);
}

static int setup_catalog(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	if (catalog_load_builtin(&cat, &err)) {
		fprintf(stderr, "# catalog_load_builtin: %s %s\n", err.key,
			err.args[0]);
		return -1;
	}
	return 0;
}

static int teardown_catalog(void **state)
{
	(void)state;
	catalog_free(cat);
	cat = NULL;
	return 0;
}

/*
 * Checks that err holds code and key with exactly the arguments given
 * (NULL ends them).  An argument too long for struct error is kept cut
 * at a character boundary, so only its start is compared.
 */
static void assert_error(const struct error *err, enum error_code code,
			 const char *key, ...)
{
	const char *arg;
	va_list ap;
	int n = 0;

	assert_int_equal(err->code, code);
	assert_string_equal(err->key, key);
	va_start(ap, key);
	while ((arg = va_arg(ap, const char *))) {
		size_t len;

		assert_true(n < err->argc && n < ERROR_ARGS_MAX);
		len = strlen(err->args[n]);
		if (strlen(arg) < ERROR_ARG_LEN) {
			assert_string_equal(err->args[n], arg);
		} else {
			/* At most 3 bytes of a character are dropped. */
			assert_true(len + 4 > ERROR_ARG_LEN);
			assert_memory_equal(err->args[n], arg, len);
		}
		n++;
	}
	va_end(ap);
	assert_int_equal(err->argc, n);
}

/* --- Data tables (tests/data/risk_*.tsv) --- */

/* One table file read line by line; fields split at tabs in place. */
struct table_file {
	FILE *fp;
	char path[4096];
	char line[512];
	char *fields[8];
	size_t field_count;
	int lineno;
};

/* Opens tests/data/name and checks its header line. */
static void table_open(struct table_file *t, const char *name,
		       const char *header)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");

	memset(t, 0, sizeof(*t));
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(t->path, sizeof(t->path), "%s/tests/data/%s", root,
			     name) >= sizeof(t->path))
		fail_msg("path too long");
	t->fp = fopen(t->path, "r");
	if (!t->fp)
		fail_msg("cannot open %s", t->path);
	/* The file says what it checks before anything else. */
	if (!fgets(t->line, sizeof(t->line), t->fp) || t->line[0] != '#')
		fail_msg("%s: no leading comment", t->path);
	t->lineno = 1;
	while (fgets(t->line, sizeof(t->line), t->fp)) {
		t->lineno++;
		t->line[strcspn(t->line, "\r\n")] = '\0';
		if (t->line[0] == '#')
			continue;
		if (strcmp(t->line, header))
			fail_msg("%s:%d: header '%s', expected '%s'", t->path,
				 t->lineno, t->line, header);
		return;
	}
	fail_msg("%s: no header", t->path);
}

/* Reads the next data row (want fields); 0 at the end of the file. */
static int table_row(struct table_file *t, size_t want)
{
	while (fgets(t->line, sizeof(t->line), t->fp)) {
		char *p = t->line;

		t->lineno++;
		t->line[strcspn(t->line, "\r\n")] = '\0';
		if (!t->line[0] || t->line[0] == '#')
			continue;
		t->field_count = 0;
		for (;;) {
			char *tab = strchr(p, '\t');

			if (t->field_count == ARRAY_SIZE(t->fields))
				fail_msg("%s:%d: too many fields", t->path,
					 t->lineno);
			t->fields[t->field_count++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (t->field_count != want)
			fail_msg("%s:%d: %zu fields, expected %zu", t->path,
				 t->lineno, t->field_count, want);
		return 1;
	}
	return 0;
}

/* Field i of the current row as a number in [min, max]. */
static int table_int(struct table_file *t, size_t i, int min, int max)
{
	int v;

	if (parse_int(t->fields[i], min, max, &v))
		fail_msg("%s:%d: field %zu is not a number in %d..%d: '%s'",
			 t->path, t->lineno, i + 1, min, max, t->fields[i]);
	return v;
}

static void table_close(struct table_file *t)
{
	fclose(t->fp);
}

static void test_risk__importance_table(void **state)
{
	struct table_file t;
	int seen[5][5][5];
	size_t rows = 0;

	(void)state;
	memset(seen, 0, sizeof(seen));
	table_open(&t, "risk_importance.tsv", "c\ti\ta\timportance");
	while (table_row(&t, 4)) {
		int c = table_int(&t, 0, -1, 3), i = table_int(&t, 1, -1, 3);
		int a = table_int(&t, 2, -1, 3), want = table_int(&t, 3, -1, 3);
		int got = risk_importance(c, i, a);

		if (got != want)
			fail_msg("%s:%d: importance of (%d, %d, %d) is %d, "
				 "expected %d",
				 t.path, t.lineno, c, i, a, got, want);
		if (seen[c + 1][i + 1][a + 1]++)
			fail_msg("%s:%d: (%d, %d, %d) twice", t.path, t.lineno,
				 c, i, a);
		rows++;
	}
	table_close(&t);
	/* Every triple of -1 … 3, each once. */
	assert_int_equal(rows, 125);
}

static void test_risk__ipa_likelihood_table(void **state)
{
	const struct risk_method_def *m = ipa();
	struct table_file t;
	int seen[3][3] = { { 0 } };
	size_t rows = 0;

	(void)state;
	table_open(&t, "risk_ipa_likelihood.tsv",
		   "threat\tvulnerability\tlikelihood");
	while (table_row(&t, 3)) {
		int th = table_int(&t, 0, 1, 3), v = table_int(&t, 1, 1, 3);
		int want = table_int(&t, 2, 1, 3);
		int got = risk_likelihood(m, th, v);

		if (got != want)
			fail_msg("%s:%d: threat %d x vulnerability %d gives "
				 "%d, expected %d",
				 t.path, t.lineno, th, v, got, want);
		if (seen[th - 1][v - 1]++)
			fail_msg("%s:%d: cell %d x %d twice", t.path, t.lineno,
				 th, v);
		rows++;
	}
	table_close(&t);
	assert_int_equal(rows, 9);
}

static void test_risk__levels_table(void **state)
{
	struct table_file t;
	int seen[RISK_METHOD_COUNT][4][4];
	size_t rows = 0, per[RISK_METHOD_COUNT] = { 0 };

	(void)state;
	memset(seen, 0, sizeof(seen));
	table_open(&t, "risk_levels.tsv",
		   "method\timportance\tlikelihood\tlevel\tgrade");
	while (table_row(&t, 5)) {
		const struct risk_method_def *m;
		struct risk_criteria c;
		enum risk_method method;
		enum risk_grade want_grade, got_grade;
		int imp, lik, want, got;

		if (risk_method_parse(t.fields[0], &method) ||
		    risk_grade_parse(t.fields[4], &want_grade))
			fail_msg("%s:%d: bad method or grade", t.path,
				 t.lineno);
		m = catalog_method(cat, method);
		imp = table_int(&t, 1, 0, 3);
		lik = table_int(&t, 2, 1, 3);
		want = table_int(&t, 3, 0, 9);
		/* The cell is on the method's scales. */
		assert_true(risk_value_valid(m, SCALE_CIA, imp));
		assert_true(risk_value_valid(m, SCALE_LIKELIHOOD, lik));
		got = risk_level(imp, lik);
		if (got != want)
			fail_msg("%s:%d: level %d, expected %d", t.path,
				 t.lineno, got, want);
		assert_true(risk_level_possible(m, got));
		risk_criteria_default(m, &c);
		got_grade = risk_grade_of(&c, got);
		if (got_grade != want_grade)
			fail_msg("%s:%d: grade %s, expected %s", t.path,
				 t.lineno, risk_grade_name(got_grade),
				 t.fields[4]);
		if (seen[method][imp][lik]++)
			fail_msg("%s:%d: cell twice", t.path, t.lineno);
		per[method]++;
		rows++;
	}
	table_close(&t);
	/* Three importances by three likelihoods for each method. */
	assert_int_equal(per[RISK_IPA], 9);
	assert_int_equal(per[RISK_THREE_POINT], 9);
	assert_int_equal(rows, 18);
}

/* --- Names --- */

static void test_risk__names_round_trip(void **state)
{
	static const char *const methods[] = { "ipa", "three_point" };
	static const char *const scales[] = { "cia", "threat", "vulnerability",
					      "likelihood" };
	static const char *const grades[] = { "low", "medium", "high" };
	static const char *const treatments[] = { "", "reduce", "retain",
						  "avoid", "transfer" };
	static const char *const statuses[] = { "undecided", "planned",
						"done" };
	static const char *const tasks[] = { "not_started", "started",
					     "finished" };
	int i;

	(void)state;
	for (i = 0; i < RISK_METHOD_COUNT; i++) {
		enum risk_method v = RISK_METHOD_COUNT;

		assert_string_equal(risk_method_name((enum risk_method)i),
				    methods[i]);
		assert_int_equal(risk_method_parse(methods[i], &v), 0);
		assert_int_equal(v, i);
	}
	for (i = 0; i < SCALE_KIND_COUNT; i++) {
		enum risk_scale_kind v = SCALE_KIND_COUNT;

		assert_string_equal(risk_scale_name((enum risk_scale_kind)i),
				    scales[i]);
		assert_int_equal(risk_scale_parse(scales[i], &v), 0);
		assert_int_equal(v, i);
	}
	for (i = 0; i < GRADE_COUNT; i++) {
		enum risk_grade v = GRADE_COUNT;

		assert_string_equal(risk_grade_name((enum risk_grade)i),
				    grades[i]);
		assert_int_equal(risk_grade_parse(grades[i], &v), 0);
		assert_int_equal(v, i);
	}
	for (i = 0; i < TREAT_COUNT; i++) {
		enum risk_treatment v = TREAT_COUNT;

		assert_string_equal(risk_treatment_name((enum risk_treatment)i),
				    treatments[i]);
		assert_int_equal(risk_treatment_parse(treatments[i], &v), 0);
		assert_int_equal(v, i);
	}
	for (i = 0; i < TSTATUS_COUNT; i++) {
		enum treatment_status v = TSTATUS_COUNT;

		assert_string_equal(
			treatment_status_name((enum treatment_status)i),
			statuses[i]);
		assert_int_equal(treatment_status_parse(statuses[i], &v), 0);
		assert_int_equal(v, i);
	}
	for (i = 0; i < TASK_STATUS_COUNT; i++) {
		enum task_status v = TASK_STATUS_COUNT;

		assert_string_equal(task_status_name((enum task_status)i),
				    tasks[i]);
		assert_int_equal(task_status_parse(tasks[i], &v), 0);
		assert_int_equal(v, i);
	}
}

static void test_risk__names_unknown(void **state)
{
	enum risk_method m = RISK_THREE_POINT;
	enum risk_scale_kind k = SCALE_THREAT;
	enum risk_grade g = GRADE_MEDIUM;
	enum risk_treatment t = TREAT_AVOID;
	enum treatment_status s = TSTATUS_DONE;
	enum task_status ts = TASK_STARTED;

	(void)state;
	/* Exact spellings only; the out value stays as it was. */
	assert_int_equal(risk_method_parse("IPA", &m), -1);
	assert_int_equal(risk_method_parse("three-point", &m), -1);
	assert_int_equal(risk_method_parse("", &m), -1);
	assert_int_equal(m, RISK_THREE_POINT);
	assert_int_equal(risk_scale_parse("CIA", &k), -1);
	assert_int_equal(risk_scale_parse("impact", &k), -1);
	assert_int_equal(k, SCALE_THREAT);
	assert_int_equal(risk_grade_parse("large", &g), -1);
	assert_int_equal(risk_grade_parse("", &g), -1);
	assert_int_equal(g, GRADE_MEDIUM);
	assert_int_equal(risk_treatment_parse("none", &t), -1);
	assert_int_equal(risk_treatment_parse("reduce ", &t), -1);
	assert_int_equal(t, TREAT_AVOID);
	assert_int_equal(treatment_status_parse("", &s), -1);
	assert_int_equal(treatment_status_parse("Done", &s), -1);
	assert_int_equal(s, TSTATUS_DONE);
	assert_int_equal(task_status_parse("finish", &ts), -1);
	assert_int_equal(task_status_parse("", &ts), -1);
	assert_int_equal(ts, TASK_STARTED);
}

/* --- Scales, levels, criteria --- */

static void test_risk__value_valid(void **state)
{
	const struct risk_method_def *m = ipa(), *t = three_point();
	int v;

	(void)state;
	for (v = -2; v <= 4; v++) {
		assert_int_equal(risk_value_valid(m, SCALE_CIA, v),
				 v >= 0 && v <= 2);
		assert_int_equal(risk_value_valid(m, SCALE_THREAT, v),
				 v >= 1 && v <= 3);
		assert_int_equal(risk_value_valid(m, SCALE_VULNERABILITY, v),
				 v >= 1 && v <= 3);
		assert_int_equal(risk_value_valid(m, SCALE_LIKELIHOOD, v),
				 v >= 1 && v <= 3);
		assert_int_equal(risk_value_valid(t, SCALE_CIA, v),
				 v >= 1 && v <= 3);
		assert_int_equal(risk_value_valid(t, SCALE_LIKELIHOOD, v),
				 v >= 1 && v <= 3);
		/* The 3-point method rates no threat or vulnerability. */
		assert_false(risk_value_valid(t, SCALE_THREAT, v));
		assert_false(risk_value_valid(t, SCALE_VULNERABILITY, v));
	}
}

static void test_risk__likelihood_unrated(void **state)
{
	const struct risk_method_def *m = ipa();
	static const int bad[] = { RISK_UNRATED, 0, 4, -7 };
	size_t k;
	int v;

	(void)state;
	for (k = 0; k < ARRAY_SIZE(bad); k++)
		for (v = 1; v <= 3; v++) {
			assert_int_equal(risk_likelihood(m, bad[k], v),
					 RISK_UNRATED);
			assert_int_equal(risk_likelihood(m, v, bad[k]),
					 RISK_UNRATED);
		}
	/* Without a table (3-point) the likelihood is rated, not derived. */
	assert_int_equal(risk_likelihood(three_point(), 3, 3), RISK_UNRATED);
}

static void test_risk__level_unrated(void **state)
{
	(void)state;
	assert_int_equal(risk_level(RISK_UNRATED, 3), RISK_UNRATED);
	assert_int_equal(risk_level(2, RISK_UNRATED), RISK_UNRATED);
	assert_int_equal(risk_level(RISK_UNRATED, RISK_UNRATED), RISK_UNRATED);
	assert_int_equal(risk_level(0, 3), 0);
	assert_int_equal(risk_importance(RISK_UNRATED, 2, 2), RISK_UNRATED);
	assert_int_equal(risk_importance(2, 2, RISK_UNRATED), RISK_UNRATED);
}

static void test_risk__level_range(void **state)
{
	/* Reachable levels: products of the scales' values. */
	static const int ipa_possible[] = { 1, 1, 1, 1, 1, 0, 1, 0, 0, 0 };
	static const int tp_possible[] = { 0, 1, 1, 1, 1, 0, 1, 0, 0, 1 };
	int l;

	(void)state;
	assert_int_equal(risk_level_min(ipa()), 0);
	assert_int_equal(risk_level_max(ipa()), 6);
	assert_int_equal(risk_level_min(three_point()), 1);
	assert_int_equal(risk_level_max(three_point()), 9);
	for (l = 0; l <= 9; l++) {
		if (risk_level_possible(ipa(), l) != ipa_possible[l])
			fail_msg("ipa level %d", l);
		if (risk_level_possible(three_point(), l) != tp_possible[l])
			fail_msg("three_point level %d", l);
	}
	assert_false(risk_level_possible(ipa(), -1));
	assert_false(risk_level_possible(three_point(), 10));
}

static void test_risk__criteria_default(void **state)
{
	struct risk_criteria c;

	(void)state;
	risk_criteria_default(ipa(), &c);
	assert_int_equal(c.low_max, 0);
	assert_int_equal(c.medium_max, 3);
	risk_criteria_default(three_point(), &c);
	assert_int_equal(c.low_max, 2);
	assert_int_equal(c.medium_max, 4);
}

static void test_risk__criteria_ipa_fixed(void **state)
{
	static const struct risk_criteria other[] = {
		{ 1, 3 }, { 0, 4 }, { 0, 2 }, { -1, 3 }, { 2, 4 }
	};
	struct risk_criteria c = { 0, 3 };
	struct error err = ERROR_INIT;
	size_t k;

	(void)state;
	assert_int_equal(risk_criteria_validate(ipa(), &c, &err), 0);
	assert_int_equal(err.code, ERROR_NONE);
	for (k = 0; k < ARRAY_SIZE(other); k++) {
		error_clear(&err);
		assert_int_equal(risk_criteria_validate(ipa(), &other[k], &err),
				 -1);
		assert_error(&err, ERROR_INPUT, "risk.fixed_bands", NULL);
	}
}

static void test_risk__criteria_three_point(void **state)
{
	static const struct {
		int low_max, medium_max;
		const char *field; /* NULL: accepted */
	} cases[] = {
		{ 2, 4, NULL },
		{ 1, 2, NULL }, /* the lowest possible choice */
		{ 8, 9, NULL }, /* the highest */
		{ 3, 6, NULL }, /* 5 is unreachable but harmless */
		{ 1, 9, NULL }, /* nothing graded high */
		{ 0, 4, "risk.low_max" },
		{ -1, 4, "risk.low_max" },
		{ 9, 9, "risk.low_max" }, /* nothing left above low */
		{ 10, 11, "risk.low_max" },
		{ 4, 4, "risk.medium_max" },
		{ 4, 3, "risk.medium_max" },
		{ 2, 10, "risk.medium_max" },
	};
	size_t k;

	(void)state;
	for (k = 0; k < ARRAY_SIZE(cases); k++) {
		struct risk_criteria c = { cases[k].low_max,
					   cases[k].medium_max };
		struct error err = ERROR_INIT;
		int rc = risk_criteria_validate(three_point(), &c, &err);

		if (!cases[k].field) {
			if (rc)
				fail_msg("case %zu refused: %s", k, err.key);
			assert_int_equal(err.code, ERROR_NONE);
			continue;
		}
		if (!rc)
			fail_msg("case %zu accepted", k);
		assert_error(&err, ERROR_INPUT, "risk.bad_criteria",
			     cases[k].field, NULL);
	}
}

static void test_risk__grade_of(void **state)
{
	const struct risk_criteria c = { 3, 6 };
	int l;

	(void)state;
	assert_int_equal(risk_grade_of(&c, RISK_UNRATED), GRADE_COUNT);
	assert_int_equal(risk_grade_of(&c, -5), GRADE_COUNT);
	for (l = 0; l <= 9; l++)
		assert_int_equal(risk_grade_of(&c, l), l <= 3	? GRADE_LOW
						       : l <= 6 ? GRADE_MEDIUM
								: GRADE_HIGH);
}

static void test_risk__rank(void **state)
{
	size_t counts[10] = { 0 };

	(void)state;
	/* Nothing rated: everything is first. */
	assert_int_equal(risk_rank(counts, 4), 1);
	counts[9] = 2;
	counts[6] = 3;
	counts[4] = 1;
	counts[1] = 5;
	/* Ties share a rank; the next rank skips them. */
	assert_int_equal(risk_rank(counts, 9), 1);
	assert_int_equal(risk_rank(counts, 6), 3);
	assert_int_equal(risk_rank(counts, 4), 6);
	assert_int_equal(risk_rank(counts, 2), 7);
	assert_int_equal(risk_rank(counts, 1), 7);
	assert_int_equal(risk_rank(counts, 0), 12);
}

static void test_risk__convert_value(void **state)
{
	int v;

	(void)state;
	for (v = 0; v <= 2; v++) {
		assert_int_equal(risk_convert_value(RISK_IPA, RISK_THREE_POINT,
						    v),
				 v + 1);
		assert_int_equal(risk_convert_value(RISK_THREE_POINT, RISK_IPA,
						    v + 1),
				 v);
		assert_int_equal(risk_convert_value(RISK_IPA, RISK_IPA, v), v);
		assert_int_equal(risk_convert_value(RISK_THREE_POINT,
						    RISK_THREE_POINT, v + 1),
				 v + 1);
	}
	/* Every converted value lands on the other method's scale. */
	for (v = 0; v <= 2; v++)
		assert_true(risk_value_valid(
			three_point(), SCALE_CIA,
			risk_convert_value(RISK_IPA, RISK_THREE_POINT, v)));
	for (v = 1; v <= 3; v++)
		assert_true(risk_value_valid(
			ipa(), SCALE_CIA,
			risk_convert_value(RISK_THREE_POINT, RISK_IPA, v)));
	assert_int_equal(risk_convert_value(RISK_IPA, RISK_THREE_POINT,
					    RISK_UNRATED),
			 RISK_UNRATED);
	assert_int_equal(risk_convert_value(RISK_THREE_POINT, RISK_IPA,
					    RISK_UNRATED),
			 RISK_UNRATED);
}

/* --- Suggestions --- */

/*
 * A small catalogue whose pairs can be listed by hand:
 *   s0 paper+server   s1 any   s2 any, personal data only   s3 server
 *   w0 paper: s0 s1   w1 any: s1 s2 s3   w2 server: s0   w3 any: none
 */
static struct threat sthreats[4];
static struct vulnerability svulns[4];

static void small_catalogue(void)
{
	static const struct threat *w0[2], *w1[3], *w2[1];

	memset(sthreats, 0, sizeof(sthreats));
	memset(svulns, 0, sizeof(svulns));
	sthreats[0].id = "s0";
	sthreats[0].media = 1u << MEDIUM_PAPER | 1u << MEDIUM_SERVER;
	sthreats[1].id = "s1";
	sthreats[1].media = MEDIA_ANY;
	sthreats[2].id = "s2";
	sthreats[2].media = MEDIA_ANY;
	sthreats[2].personal = 1;
	sthreats[3].id = "s3";
	sthreats[3].media = 1u << MEDIUM_SERVER;
	w0[0] = &sthreats[0];
	w0[1] = &sthreats[1];
	w1[0] = &sthreats[1];
	w1[1] = &sthreats[2];
	w1[2] = &sthreats[3];
	w2[0] = &sthreats[0];
	svulns[0].id = "w0";
	svulns[0].media = 1u << MEDIUM_PAPER;
	svulns[0].threats = w0;
	svulns[0].threat_count = 2;
	svulns[1].id = "w1";
	svulns[1].media = MEDIA_ANY;
	svulns[1].threats = w1;
	svulns[1].threat_count = 3;
	svulns[2].id = "w2";
	svulns[2].media = 1u << MEDIUM_SERVER;
	svulns[2].threats = w2;
	svulns[2].threat_count = 1;
	svulns[3].id = "w3";
	svulns[3].media = MEDIA_ANY;
}

/* Checks the suggestions for medium and personal against want, "s0 w0 …". */
static void assert_suggest(int medium, unsigned personal, const char *want)
{
	struct risk_pair out[16];
	char got[256] = "";
	size_t n, k, len = 0;

	n = risk_suggest(sthreats, ARRAY_SIZE(sthreats), svulns,
			 ARRAY_SIZE(svulns), medium, personal, out,
			 ARRAY_SIZE(out));
	for (k = 0; k < n; k++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s %s",
					k ? " " : "", out[k].threat->id,
					out[k].vulnerability->id);
	if (strcmp(got, want))
		fail_msg("medium %d personal %u: '%s', expected '%s'", medium,
			 personal, got, want);
}

static void test_risk__suggest_small(void **state)
{
	(void)state;
	small_catalogue();
	/* s2 needs personal data; s3 is not for paper; w3 lets nothing in. */
	assert_suggest(MEDIUM_PAPER, 0, "s0 w0 s1 w0 s1 w1");
	assert_suggest(MEDIUM_PAPER, PERSONAL_DATA, "s0 w0 s1 w0 s1 w1 s2 w1");
	/* Any personal bit counts. */
	assert_suggest(MEDIUM_SERVER, PERSONAL_MY_NUMBER,
		       "s0 w2 s1 w1 s2 w1 s3 w1");
	assert_suggest(MEDIUM_SERVER, PERSONAL_SENSITIVE,
		       "s0 w2 s1 w1 s2 w1 s3 w1");
	assert_suggest(MEDIUM_CLOUD, 0, "s1 w1");
	/* An organisation's own medium gets what fits any medium only. */
	assert_suggest(-1, 0, "s1 w1");
	assert_suggest(-1, PERSONAL_ALL, "s1 w1 s2 w1");
}

static void test_risk__suggest_cap(void **state)
{
	struct risk_pair out[3];

	(void)state;
	small_catalogue();
	memset(out, 0, sizeof(out));
	/* Four fit; two are written, the rest of out is untouched. */
	assert_int_equal(risk_suggest(sthreats, ARRAY_SIZE(sthreats), svulns,
				      ARRAY_SIZE(svulns), MEDIUM_SERVER,
				      PERSONAL_DATA, out, 2),
			 4);
	assert_ptr_equal(out[0].threat, &sthreats[0]);
	assert_ptr_equal(out[0].vulnerability, &svulns[2]);
	assert_ptr_equal(out[1].threat, &sthreats[1]);
	assert_ptr_equal(out[1].vulnerability, &svulns[1]);
	assert_null(out[2].threat);
	assert_null(out[2].vulnerability);
	/* max 0 only counts, and never touches out. */
	assert_int_equal(risk_suggest(sthreats, ARRAY_SIZE(sthreats), svulns,
				      ARRAY_SIZE(svulns), MEDIUM_SERVER,
				      PERSONAL_DATA, NULL, 0),
			 4);
	assert_int_equal(risk_suggest(sthreats, 0, svulns, ARRAY_SIZE(svulns),
				      MEDIUM_SERVER, PERSONAL_DATA, out, 3),
			 0);
	assert_int_equal(risk_suggest(sthreats, ARRAY_SIZE(sthreats), svulns, 0,
				      MEDIUM_SERVER, PERSONAL_DATA, out, 3),
			 0);
}

/* Returns 1 when a catalogue entry with media belongs on medium. */
static int on_medium(unsigned media, int medium)
{
	return (media & MEDIA_ANY) ||
	       (medium >= 0 && (media & (1u << (unsigned)medium)));
}

static int lists(const struct vulnerability *v, const struct threat *t)
{
	size_t k;

	for (k = 0; k < v->threat_count; k++)
		if (v->threats[k] == t)
			return 1;
	return 0;
}

static void test_risk__suggest_builtin(void **state)
{
	static const unsigned personal[] = { 0, PERSONAL_DATA, PERSONAL_ALL };
	size_t max = cat->threat_count * cat->vulnerability_count;
	struct risk_pair *out = calloc(max, sizeof(*out));
	int medium;
	size_t p;

	(void)state;
	assert_non_null(out);
	for (medium = -1; medium < MEDIUM_COUNT; medium++)
		for (p = 0; p < ARRAY_SIZE(personal); p++) {
			size_t n = risk_suggest(cat->threats, cat->threat_count,
						cat->vulnerabilities,
						cat->vulnerability_count,
						medium, personal[p], out, max);
			size_t t, v, k = 0;

			/* Exactly the pairs that fit, in catalogue order. */
			for (t = 0; t < cat->threat_count; t++) {
				const struct threat *th = &cat->threats[t];

				if (!on_medium(th->media, medium) ||
				    (th->personal && !personal[p]))
					continue;
				for (v = 0; v < cat->vulnerability_count; v++) {
					const struct vulnerability *vu =
						&cat->vulnerabilities[v];

					if (!on_medium(vu->media, medium) ||
					    !lists(vu, th))
						continue;
					assert_true(k < n);
					assert_ptr_equal(out[k].threat, th);
					assert_ptr_equal(out[k].vulnerability,
							 vu);
					k++;
				}
			}
			assert_int_equal(k, n);
			/* A real medium always gets something to work on. */
			if (medium >= 0)
				assert_true(n >= 6);
		}
	/* The catalogue has a threat for personal data only: suggested
	 * with any kind of personal data, never without. */
	for (p = 0; p < cat->threat_count && !cat->threats[p].personal; p++)
		;
	assert_true(p < cat->threat_count);
	{
		static const unsigned kinds[] = { 0, PERSONAL_DATA,
						  PERSONAL_SENSITIVE,
						  PERSONAL_MY_NUMBER };
		size_t k, j;

		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			size_t n = risk_suggest(cat->threats, cat->threat_count,
						cat->vulnerabilities,
						cat->vulnerability_count,
						MEDIUM_OFFICE_PC, kinds[k], out,
						max);
			size_t hits = 0;

			for (j = 0; j < n; j++)
				hits += out[j].threat == &cat->threats[p];
			if (kinds[k])
				assert_true(hits > 0);
			else
				assert_int_equal(hits, 0);
		}
	}
	free(out);
}

/* --- Assets --- */

/* A valid asset on the IPA scale. */
static struct asset sample_asset(void)
{
	struct asset a;

	memset(&a, 0, sizeof(a));
	a.category = "人事";
	a.name = "従業員名簿";
	a.notes = "";
	a.users = "総務部";
	a.owner = "総務部長";
	a.department = "総務部";
	a.medium = "office_pc";
	a.personal = PERSONAL_DATA | PERSONAL_MY_NUMBER;
	a.c = 2;
	a.i = 1;
	a.a = 1;
	a.retention = "退職後5年";
	a.registered_on = "2024-04-01";
	a.label = "";
	return a;
}

static const char *const builtin_labels[] = { "secret", "internal", "public" };

/* Checks that a fails validation under m with key and arguments. */
#define ASSERT_ASSET_FAILS(a, m, key, ...)                                  \
	do {                                                                \
		struct error err_ = ERROR_INIT;                             \
		assert_int_equal(asset_validate(&(a), (m), builtin_labels,  \
						ARRAY_SIZE(builtin_labels), \
						&err_),                     \
				 -1);                                       \
		assert_error(&err_, ERROR_INPUT, (key), __VA_ARGS__);       \
	} while (0)

static void assert_asset_valid(const struct asset *a,
			       const struct risk_method_def *m)
{
	struct error err = ERROR_INIT;

	if (asset_validate(a, m, builtin_labels, ARRAY_SIZE(builtin_labels),
			   &err))
		fail_msg("refused: %s %s %s", err.key, err.args[0],
			 err.args[1]);
	assert_int_equal(err.code, ERROR_NONE);
}

/* A string of n copies of the UTF-8 character ch, from buf. */
static const char *repeat(char *buf, size_t size, const char *ch, size_t n)
{
	size_t len = strlen(ch), k;

	assert_true(n * len < size);
	for (k = 0; k < n; k++)
		memcpy(buf + k * len, ch, len);
	buf[n * len] = '\0';
	return buf;
}

static void test_risk__asset_medium(void **state)
{
	static const char *const names[MEDIUM_COUNT] = { "paper",  "office_pc",
							 "server", "portable",
							 "mobile", "cloud" };
	struct asset a = sample_asset();
	int m;

	(void)state;
	for (m = 0; m < MEDIUM_COUNT; m++) {
		a.medium = names[m];
		assert_int_equal(asset_medium(&a), m);
	}
	/* The organisation's own word for a medium. */
	a.medium = "金庫";
	assert_int_equal(asset_medium(&a), -1);
	a.medium = "Paper";
	assert_int_equal(asset_medium(&a), -1);
}

static void test_risk__asset_valid(void **state)
{
	struct asset a = sample_asset();

	(void)state;
	assert_asset_valid(&a, ipa());
	/* Unrated, an own medium and a built-in label. */
	a.c = a.i = a.a = RISK_UNRATED;
	a.medium = "書庫の鍵付きキャビネット";
	a.label = "secret";
	a.personal = PERSONAL_ALL;
	assert_asset_valid(&a, ipa());
	assert_asset_valid(&a, three_point());
	/* The 3-point scale. */
	a.c = 3;
	a.i = 1;
	a.a = 2;
	assert_asset_valid(&a, three_point());
	/* The edges of each scale. */
	a.c = a.i = a.a = 0;
	assert_asset_valid(&a, ipa());
	a.c = a.i = a.a = 2;
	assert_asset_valid(&a, ipa());
	a.c = a.i = a.a = 1;
	assert_asset_valid(&a, three_point());
}

static void test_risk__asset_lengths(void **state)
{
	static const struct {
		size_t offset;
		const char *field;
		size_t max;
	} fields[] = {
		{ offsetof(struct asset, name), "asset.name", ASSET_NAME_MAX },
		{ offsetof(struct asset, category), "asset.category",
		  ASSET_TEXT_MAX },
		{ offsetof(struct asset, notes), "asset.notes",
		  ASSET_NOTES_MAX },
		{ offsetof(struct asset, users), "asset.users",
		  ASSET_TEXT_MAX },
		{ offsetof(struct asset, owner), "asset.owner",
		  ASSET_TEXT_MAX },
		{ offsetof(struct asset, department), "asset.department",
		  ASSET_TEXT_MAX },
		{ offsetof(struct asset, medium), "asset.medium",
		  ASSET_TEXT_MAX },
		{ offsetof(struct asset, retention), "asset.retention",
		  ASSET_TEXT_MAX },
	};
	static char buf[3 * ASSET_NOTES_MAX + 8];
	size_t k;

	(void)state;
	for (k = 0; k < ARRAY_SIZE(fields); k++) {
		struct asset a = sample_asset();
		const char **f = (const char **)((char *)&a + fields[k].offset);
		char max[16];

		snprintf(max, sizeof(max), "%zu", fields[k].max);
		/* Characters are counted, not bytes. */
		*f = repeat(buf, sizeof(buf), "あ", fields[k].max);
		assert_asset_valid(&a, ipa());
		*f = repeat(buf, sizeof(buf), "あ", fields[k].max + 1);
		ASSERT_ASSET_FAILS(a, ipa(), "input.too_long", fields[k].field,
				   buf, max, NULL);
		*f = "ベル\a入り";
		ASSERT_ASSET_FAILS(a, ipa(), "input.control_char",
				   fields[k].field, *f, NULL);
		*f = "\xff";
		ASSERT_ASSET_FAILS(a, ipa(), "input.bad_utf8", fields[k].field,
				   NULL);
	}
}

static void test_risk__asset_required(void **state)
{
	struct asset a = sample_asset();

	(void)state;
	a.name = "";
	ASSERT_ASSET_FAILS(a, ipa(), "input.required", "asset.name", NULL);
	a = sample_asset();
	a.medium = "";
	ASSERT_ASSET_FAILS(a, ipa(), "input.required", "asset.medium", NULL);
	/* The optional texts may be empty. */
	a = sample_asset();
	a.category = a.notes = a.users = a.owner = a.department = "";
	a.retention = "";
	assert_asset_valid(&a, ipa());
}

static void test_risk__asset_ratings(void **state)
{
	struct asset a = sample_asset();

	(void)state;
	a.c = 3; /* the 3-point scale's top, not IPA's */
	ASSERT_ASSET_FAILS(a, ipa(), "risk.bad_rating", "asset.c", "3", NULL);
	a = sample_asset();
	a.i = -2;
	ASSERT_ASSET_FAILS(a, ipa(), "risk.bad_rating", "asset.i", "-2", NULL);
	a = sample_asset();
	a.a = 0; /* IPA's bottom, not on the 3-point scale */
	ASSERT_ASSET_FAILS(a, three_point(), "risk.bad_rating", "asset.a", "0",
			   NULL);
	a = sample_asset();
	a.a = 4;
	ASSERT_ASSET_FAILS(a, three_point(), "risk.bad_rating", "asset.a", "4",
			   NULL);
	/* A partial rating: one, or two, of the three. */
	a = sample_asset();
	a.i = a.a = RISK_UNRATED;
	ASSERT_ASSET_FAILS(a, ipa(), "asset.partly_rated", NULL);
	a = sample_asset();
	a.c = RISK_UNRATED;
	ASSERT_ASSET_FAILS(a, ipa(), "asset.partly_rated", NULL);
	a.c = 1;
	a.a = RISK_UNRATED;
	ASSERT_ASSET_FAILS(a, ipa(), "asset.partly_rated", NULL);
}

static void test_risk__asset_date_personal_label(void **state)
{
	static const char *const bad_dates[] = { "",	       "2024-02-30",
						 "2024/04/01", "24-04-01",
						 "2024-4-1",   "2024-04-01 " };
	struct asset a = sample_asset();
	size_t k;

	(void)state;
	for (k = 0; k < ARRAY_SIZE(bad_dates); k++) {
		a.registered_on = bad_dates[k];
		ASSERT_ASSET_FAILS(a, ipa(), "input.bad_date",
				   "asset.registered_on", bad_dates[k], NULL);
	}
	a = sample_asset();
	a.registered_on = "2024-02-29";
	assert_asset_valid(&a, ipa());

	a = sample_asset();
	a.personal = PERSONAL_ALL + 1;
	ASSERT_ASSET_FAILS(a, ipa(), "input.bad_choice", "asset.personal", "8",
			   NULL);
	a.personal = 1u << 7 | PERSONAL_DATA;
	ASSERT_ASSET_FAILS(a, ipa(), "input.bad_choice", "asset.personal",
			   "129", NULL);

	a = sample_asset();
	a.label = "public";
	assert_asset_valid(&a, ipa());
	a.label = "極秘"; /* the built-in label's text is not its id */
	ASSERT_ASSET_FAILS(a, ipa(), "asset.unknown_label", "極秘", NULL);
	a.label = "Secret";
	ASSERT_ASSET_FAILS(a, ipa(), "asset.unknown_label", "Secret", NULL);
	{
		/* An organisation's own labels replace the built-in ones. */
		static const char *const own[] = { "関係者外秘", "社外秘" };
		struct error err = ERROR_INIT;

		a.label = "関係者外秘";
		assert_int_equal(asset_validate(&a, ipa(), own, ARRAY_SIZE(own),
						&err),
				 0);
		a.label = "secret";
		assert_int_equal(asset_validate(&a, ipa(), own, ARRAY_SIZE(own),
						&err),
				 -1);
		assert_error(&err, ERROR_INPUT, "asset.unknown_label", "secret",
			     NULL);
		/* No labels at all: only "" is possible. */
		error_clear(&err);
		assert_int_equal(asset_validate(&a, ipa(), NULL, 0, &err), -1);
		assert_error(&err, ERROR_INPUT, "asset.unknown_label", "secret",
			     NULL);
		a.label = "";
		error_clear(&err);
		assert_int_equal(asset_validate(&a, ipa(), NULL, 0, &err), 0);
		assert_int_equal(err.code, ERROR_NONE);
	}
}

/* --- Risks --- */

/* A valid, treated IPA risk of an asset of importance 2. */
static struct risk sample_risk(void)
{
	struct risk r;

	memset(&r, 0, sizeof(r));
	r.asset_id = 1;
	r.threat_id = "t01";
	r.threat = "";
	r.vulnerability_id = "v22";
	r.vulnerability = "";
	r.consequence = "顧客情報が漏れる";
	r.threat_level = 3;
	r.vulnerability_level = 2;
	r.likelihood = RISK_UNRATED;
	r.importance = 2;
	r.treatment = TREAT_REDUCE;
	r.reason = "更新の自動適用で脆弱性を減らせる";
	r.controls = "8.8";
	r.guideline = "";
	r.status = TSTATUS_PLANNED;
	r.residual_vulnerability = 1;
	r.residual_likelihood = RISK_UNRATED;
	return r;
}

/* The same on the 3-point method: likelihood rated directly. */
static struct risk sample_risk_three_point(void)
{
	struct risk r = sample_risk();

	r.threat_level = r.vulnerability_level = RISK_UNRATED;
	r.residual_vulnerability = RISK_UNRATED;
	r.importance = 3;
	r.likelihood = 3;
	r.residual_likelihood = 1;
	return r;
}

#define ASSERT_RISK_FAILS(r, m, key, ...)                              \
	do {                                                           \
		struct error err_ = ERROR_INIT;                        \
		assert_int_equal(risk_validate((m), &(r), &err_), -1); \
		assert_error(&err_, ERROR_INPUT, (key), __VA_ARGS__);  \
	} while (0)

static void assert_risk_valid(const struct risk *r,
			      const struct risk_method_def *m)
{
	struct error err = ERROR_INIT;

	if (risk_validate(m, r, &err))
		fail_msg("refused: %s %s %s", err.key, err.args[0],
			 err.args[1]);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_risk__derive_ipa(void **state)
{
	struct risk r = sample_risk();

	(void)state;
	risk_derive(ipa(), &r);
	assert_int_equal(r.likelihood, 2);
	assert_int_equal(r.level, 4);
	assert_int_equal(r.residual_likelihood, 1);
	assert_int_equal(r.residual_level, 2);
	/* A likelihood typed in is overwritten: IPA derives it. */
	r.likelihood = 3;
	r.threat_level = 1;
	risk_derive(ipa(), &r);
	assert_int_equal(r.likelihood, 1);
	assert_int_equal(r.level, 2);
	/* Not yet rated after treatment. */
	r.residual_vulnerability = RISK_UNRATED;
	risk_derive(ipa(), &r);
	assert_int_equal(r.residual_likelihood, RISK_UNRATED);
	assert_int_equal(r.residual_level, RISK_UNRATED);
	/* The asset not rated: the likelihood stands, the level does not. */
	r = sample_risk();
	r.importance = RISK_UNRATED;
	risk_derive(ipa(), &r);
	assert_int_equal(r.likelihood, 2);
	assert_int_equal(r.level, RISK_UNRATED);
	assert_int_equal(r.residual_level, RISK_UNRATED);
	/* Importance 0: the value is 0, whatever the likelihood. */
	r.importance = 0;
	risk_derive(ipa(), &r);
	assert_int_equal(r.level, 0);
	assert_int_equal(r.residual_level, 0);
	/* The threat not rated. */
	r = sample_risk();
	r.threat_level = RISK_UNRATED;
	risk_derive(ipa(), &r);
	assert_int_equal(r.likelihood, RISK_UNRATED);
	assert_int_equal(r.level, RISK_UNRATED);
	assert_int_equal(r.residual_likelihood, RISK_UNRATED);
}

static void test_risk__derive_three_point(void **state)
{
	struct risk r = sample_risk_three_point();

	(void)state;
	risk_derive(three_point(), &r);
	assert_int_equal(r.likelihood, 3);
	assert_int_equal(r.level, 9);
	assert_int_equal(r.residual_likelihood, 1);
	assert_int_equal(r.residual_level, 3);
	/* Threat and vulnerability play no part in the 3-point method. */
	r.threat_level = 1;
	r.vulnerability_level = 1;
	risk_derive(three_point(), &r);
	assert_int_equal(r.likelihood, 3);
	assert_int_equal(r.level, 9);
	r.likelihood = RISK_UNRATED;
	risk_derive(three_point(), &r);
	assert_int_equal(r.level, RISK_UNRATED);
	assert_int_equal(r.residual_level, 3);
}

static void test_risk__validate_valid(void **state)
{
	struct risk r = sample_risk();

	(void)state;
	assert_risk_valid(&r, ipa());
	/* The organisation's own threat and vulnerability, in words. */
	r.threat_id = "";
	r.threat = "落雷による停電";
	r.vulnerability_id = "";
	r.vulnerability = "無停電電源装置がない";
	assert_risk_valid(&r, ipa());
	/* Nothing rated or decided yet. */
	r = sample_risk();
	r.threat_level = r.vulnerability_level = RISK_UNRATED;
	r.residual_vulnerability = RISK_UNRATED;
	r.treatment = TREAT_NONE;
	r.reason = "";
	r.status = TSTATUS_UNDECIDED;
	assert_risk_valid(&r, ipa());
	/* After treatment the same as before is allowed. */
	r = sample_risk();
	r.residual_vulnerability = r.vulnerability_level;
	assert_risk_valid(&r, ipa());
	/* Rated after treatment only. */
	r.vulnerability_level = RISK_UNRATED;
	r.residual_vulnerability = 3;
	assert_risk_valid(&r, ipa());
	/* A decided treatment may still be undecided in status. */
	r = sample_risk();
	r.treatment = TREAT_RETAIN;
	r.status = TSTATUS_UNDECIDED;
	assert_risk_valid(&r, ipa());
	r.treatment = TREAT_TRANSFER;
	r.status = TSTATUS_DONE;
	assert_risk_valid(&r, ipa());

	r = sample_risk_three_point();
	assert_risk_valid(&r, three_point());
	r.residual_likelihood = 3;
	assert_risk_valid(&r, three_point());
	r.likelihood = RISK_UNRATED;
	assert_risk_valid(&r, three_point());
}

static void test_risk__validate_texts(void **state)
{
	static char buf[3 * RISK_TEXT_MAX + 8];
	struct risk r = sample_risk();

	(void)state;
	r.threat_id = "";
	ASSERT_RISK_FAILS(r, ipa(), "input.required", "risk.threat", NULL);
	r.threat = repeat(buf, sizeof(buf), "脅", RISK_TEXT_MAX);
	assert_risk_valid(&r, ipa());
	r.threat = repeat(buf, sizeof(buf), "脅", RISK_TEXT_MAX + 1);
	ASSERT_RISK_FAILS(r, ipa(), "input.too_long", "risk.threat", buf, "500",
			  NULL);

	r = sample_risk();
	r.vulnerability_id = "";
	ASSERT_RISK_FAILS(r, ipa(), "input.required", "risk.vulnerability",
			  NULL);
	r.vulnerability = repeat(buf, sizeof(buf), "x", RISK_TEXT_MAX + 1);
	ASSERT_RISK_FAILS(r, ipa(), "input.too_long", "risk.vulnerability", buf,
			  "500", NULL);

	r = sample_risk();
	r.consequence = repeat(buf, sizeof(buf), "x", RISK_TEXT_MAX + 1);
	ASSERT_RISK_FAILS(r, ipa(), "input.too_long", "risk.consequence", buf,
			  "500", NULL);
	r = sample_risk();
	r.reason = repeat(buf, sizeof(buf), "理", RISK_TEXT_MAX + 1);
	ASSERT_RISK_FAILS(r, ipa(), "input.too_long", "risk.reason", buf, "500",
			  NULL);
	r = sample_risk();
	r.consequence = "漏えい\x7f";
	ASSERT_RISK_FAILS(r, ipa(), "input.control_char", "risk.consequence",
			  r.consequence, NULL);
}

static void test_risk__validate_ipa_ratings(void **state)
{
	static const struct {
		size_t offset;
		const char *field;
	} ratings[] = {
		{ offsetof(struct risk, threat_level), "risk.threat_level" },
		{ offsetof(struct risk, vulnerability_level),
		  "risk.vulnerability_level" },
		{ offsetof(struct risk, residual_vulnerability),
		  "risk.residual_vulnerability" },
	};
	static const int bad[] = { 0, 4, -2 };
	size_t k, b;

	(void)state;
	for (k = 0; k < ARRAY_SIZE(ratings); k++)
		for (b = 0; b < ARRAY_SIZE(bad); b++) {
			struct risk r = sample_risk();
			char num[8];

			/* residual 1 stays at or below any vulnerability. */
			*(int *)((char *)&r + ratings[k].offset) = bad[b];
			snprintf(num, sizeof(num), "%d", bad[b]);
			ASSERT_RISK_FAILS(r, ipa(), "risk.bad_rating",
					  ratings[k].field, num, NULL);
		}
	{
		struct risk r = sample_risk();

		r.vulnerability_level = 2;
		r.residual_vulnerability = 3;
		ASSERT_RISK_FAILS(r, ipa(), "risk.residual_above", NULL);
		/* IPA derives the likelihood: a rated one is not checked. */
		r = sample_risk();
		r.likelihood = 7;
		r.residual_likelihood = 9;
		assert_risk_valid(&r, ipa());
	}
}

static void test_risk__validate_three_point_ratings(void **state)
{
	struct risk r = sample_risk_three_point();

	(void)state;
	r.likelihood = 0;
	ASSERT_RISK_FAILS(r, three_point(), "risk.bad_rating",
			  "risk.likelihood", "0", NULL);
	r.likelihood = 4;
	ASSERT_RISK_FAILS(r, three_point(), "risk.bad_rating",
			  "risk.likelihood", "4", NULL);
	r = sample_risk_three_point();
	r.residual_likelihood = 0;
	ASSERT_RISK_FAILS(r, three_point(), "risk.bad_rating",
			  "risk.residual_likelihood", "0", NULL);
	r.residual_likelihood = -3;
	ASSERT_RISK_FAILS(r, three_point(), "risk.bad_rating",
			  "risk.residual_likelihood", "-3", NULL);
	r = sample_risk_three_point();
	r.likelihood = 2;
	r.residual_likelihood = 3;
	ASSERT_RISK_FAILS(r, three_point(), "risk.residual_above", NULL);
}

static void test_risk__validate_treatment(void **state)
{
	struct risk r = sample_risk();
	enum risk_treatment t;

	(void)state;
	for (t = TREAT_REDUCE; t < TREAT_COUNT; t++) {
		r.treatment = t;
		r.reason = "";
		ASSERT_RISK_FAILS(r, ipa(), "risk.reason_needed", NULL);
	}
	r = sample_risk();
	r.treatment = TREAT_NONE;
	r.reason = "";
	r.status = TSTATUS_PLANNED;
	ASSERT_RISK_FAILS(r, ipa(), "risk.status_without", NULL);
	r.status = TSTATUS_DONE;
	ASSERT_RISK_FAILS(r, ipa(), "risk.status_without", NULL);
	/* A reason without a treatment is a note, and allowed. */
	r.status = TSTATUS_UNDECIDED;
	r.reason = "次回の見直しで決める";
	assert_risk_valid(&r, ipa());
}

/* --- The treatment plan --- */

static struct plan_task sample_task(void)
{
	struct plan_task t;

	memset(&t, 0, sizeof(t));
	t.control = "8.8";
	t.task = "全 PC の自動更新を有効にする";
	t.owner = "情報システム担当";
	t.planned_start = "2024-05-01";
	t.planned_end = "2024-05-31";
	t.actual_start = "";
	t.actual_end = "";
	t.status = TASK_NOT_STARTED;
	return t;
}

#define ASSERT_TASK_FAILS(t, key, ...)                                 \
	do {                                                           \
		struct error err_ = ERROR_INIT;                        \
		assert_int_equal(plan_task_validate(&(t), &err_), -1); \
		assert_error(&err_, ERROR_INPUT, (key), __VA_ARGS__);  \
	} while (0)

static void assert_task_valid(const struct plan_task *t)
{
	struct error err = ERROR_INIT;

	if (plan_task_validate(t, &err))
		fail_msg("refused: %s %s", err.key, err.args[0]);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_risk__task_valid(void **state)
{
	struct plan_task t = sample_task();

	(void)state;
	assert_task_valid(&t);
	/* Dates are optional, one at a time. */
	t.planned_start = t.planned_end = "";
	assert_task_valid(&t);
	t.planned_end = "2024-06-30";
	assert_task_valid(&t);
	/* A one-day task. */
	t = sample_task();
	t.planned_end = t.planned_start;
	assert_task_valid(&t);
	/* Finished, with its actual dates; a guideline item id. */
	t = sample_task();
	t.control = "4.3.1";
	t.status = TASK_FINISHED;
	t.actual_start = "2024-05-02";
	t.actual_end = "2024-05-02";
	assert_task_valid(&t);
	t.status = TASK_STARTED;
	t.actual_end = "";
	assert_task_valid(&t);
}

static void test_risk__task_invalid(void **state)
{
	static char buf[3 * PLAN_TASK_MAX + 8];
	static const size_t dates[] = {
		offsetof(struct plan_task, planned_start),
		offsetof(struct plan_task, planned_end),
		offsetof(struct plan_task, actual_start),
		offsetof(struct plan_task, actual_end),
	};
	static const char *const date_fields[] = { "plan.planned_start",
						   "plan.planned_end",
						   "plan.actual_start",
						   "plan.actual_end" };
	struct plan_task t = sample_task();
	size_t k;

	(void)state;
	t.control = "";
	ASSERT_TASK_FAILS(t, "input.required", "plan.control", NULL);
	t.control = "123456789012345678901";
	ASSERT_TASK_FAILS(t, "input.too_long", "plan.control", t.control, "20",
			  NULL);
	t = sample_task();
	t.task = "";
	ASSERT_TASK_FAILS(t, "input.required", "plan.task", NULL);
	t.task = repeat(buf, sizeof(buf), "作", PLAN_TASK_MAX);
	assert_task_valid(&t);
	t.task = repeat(buf, sizeof(buf), "作", PLAN_TASK_MAX + 1);
	ASSERT_TASK_FAILS(t, "input.too_long", "plan.task", buf, "1000", NULL);
	t = sample_task();
	t.owner = repeat(buf, sizeof(buf), "x", ASSET_TEXT_MAX + 1);
	ASSERT_TASK_FAILS(t, "input.too_long", "plan.owner", buf, "200", NULL);

	for (k = 0; k < ARRAY_SIZE(dates); k++) {
		t = sample_task();
		t.status = TASK_FINISHED;
		*(const char **)((char *)&t + dates[k]) = "2024-04-31";
		ASSERT_TASK_FAILS(t, "input.bad_date", date_fields[k],
				  "2024-04-31", NULL);
	}

	t = sample_task();
	t.planned_start = "2024-06-01";
	ASSERT_TASK_FAILS(t, "plan.end_before_start", "plan.planned_end", NULL);
	t = sample_task();
	t.status = TASK_FINISHED;
	t.actual_start = "2024-05-10";
	t.actual_end = "2024-05-09";
	ASSERT_TASK_FAILS(t, "plan.end_before_start", "plan.actual_end", NULL);

	/* An actual end belongs to a finished task. */
	t = sample_task();
	t.actual_end = "2024-05-20";
	ASSERT_TASK_FAILS(t, "plan.end_unfinished", NULL);
	t.status = TASK_STARTED;
	ASSERT_TASK_FAILS(t, "plan.end_unfinished", NULL);
}

static void test_risk__task_overdue(void **state)
{
	struct plan_task t = sample_task();

	(void)state;
	assert_true(plan_task_overdue(&t, "2024-06-01"));
	/* Due today is not late yet. */
	assert_false(plan_task_overdue(&t, "2024-05-31"));
	assert_false(plan_task_overdue(&t, "2024-05-01"));
	t.status = TASK_STARTED;
	assert_true(plan_task_overdue(&t, "2025-01-01"));
	t.status = TASK_FINISHED;
	assert_false(plan_task_overdue(&t, "2025-01-01"));
	/* Without a planned end nothing is late. */
	t = sample_task();
	t.planned_end = "";
	assert_false(plan_task_overdue(&t, "2099-12-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_risk__importance_table),
		cmocka_unit_test(test_risk__ipa_likelihood_table),
		cmocka_unit_test(test_risk__levels_table),
		cmocka_unit_test(test_risk__names_round_trip),
		cmocka_unit_test(test_risk__names_unknown),
		cmocka_unit_test(test_risk__value_valid),
		cmocka_unit_test(test_risk__likelihood_unrated),
		cmocka_unit_test(test_risk__level_unrated),
		cmocka_unit_test(test_risk__level_range),
		cmocka_unit_test(test_risk__criteria_default),
		cmocka_unit_test(test_risk__criteria_ipa_fixed),
		cmocka_unit_test(test_risk__criteria_three_point),
		cmocka_unit_test(test_risk__grade_of),
		cmocka_unit_test(test_risk__rank),
		cmocka_unit_test(test_risk__convert_value),
		cmocka_unit_test(test_risk__suggest_small),
		cmocka_unit_test(test_risk__suggest_cap),
		cmocka_unit_test(test_risk__suggest_builtin),
		cmocka_unit_test(test_risk__asset_medium),
		cmocka_unit_test(test_risk__asset_valid),
		cmocka_unit_test(test_risk__asset_lengths),
		cmocka_unit_test(test_risk__asset_required),
		cmocka_unit_test(test_risk__asset_ratings),
		cmocka_unit_test(test_risk__asset_date_personal_label),
		cmocka_unit_test(test_risk__derive_ipa),
		cmocka_unit_test(test_risk__derive_three_point),
		cmocka_unit_test(test_risk__validate_valid),
		cmocka_unit_test(test_risk__validate_texts),
		cmocka_unit_test(test_risk__validate_ipa_ratings),
		cmocka_unit_test(test_risk__validate_three_point_ratings),
		cmocka_unit_test(test_risk__validate_treatment),
		cmocka_unit_test(test_risk__task_valid),
		cmocka_unit_test(test_risk__task_invalid),
		cmocka_unit_test(test_risk__task_overdue),
	};

	return cmocka_run_group_tests(tests, setup_catalog, teardown_catalog);
}
