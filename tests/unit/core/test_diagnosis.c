/* test_diagnosis.c: unit tests of core/diagnosis.c. */
#include "util/compat.h"
#include "core/diagnosis.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/parse.h"

/* The parts of the IPA self-diagnosis: items 1-5, 6-18 and 19-25. */
static const struct diagnosis_part ipa_parts[] = {
	{ 1, 1, 5, { "基本的対策", "Basic measures" } },
	{ 2, 6, 18, { "", "" } },
	{ 3, 19, 25, { "", "" } },
};

static void fill(int *answers, int v)
{
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		answers[i] = v;
}

static void test_diagnosis__answer_valid(void **state)
{
	static const int bad[] = { 1, 3, 5, -2, 8, 100, -100, INT32_MIN };
	size_t i;

	(void)state;
	assert_int_equal(diagnosis_answer_valid(ANSWER_DONE), 1);
	assert_int_equal(diagnosis_answer_valid(ANSWER_PARTLY), 1);
	assert_int_equal(diagnosis_answer_valid(ANSWER_NOT_DONE), 1);
	assert_int_equal(diagnosis_answer_valid(ANSWER_UNKNOWN), 1);
	assert_int_equal(diagnosis_answer_valid(4), 1);
	assert_int_equal(diagnosis_answer_valid(2), 1);
	assert_int_equal(diagnosis_answer_valid(0), 1);
	assert_int_equal(diagnosis_answer_valid(-1), 1);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (diagnosis_answer_valid(bad[i]))
			fail_msg("%d accepted as an answer", bad[i]);
}

/* Cuts the next field ending at sep off *p and parses it as an int. */
static int next_int(char **p, char sep, int min, int max, int *out)
{
	char *start = *p;
	char *end = strchr(start, sep);

	if (end) {
		*end = '\0';
		*p = end + 1;
	} else {
		*p = start + strlen(start);
	}
	return parse_int(start, min, max, out);
}

/* Parses the space-separated answers column (a copy, cut in place). */
static int parse_answers(char *field, int *answers)
{
	char *p = field;
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		if (!*p || next_int(&p, ' ', -100, 100, &answers[i]))
			return -1;
	return *p ? -1 : 0;
}

static void test_diagnosis__score_table(void **state)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[1024];
	int lineno = 0, rows = 0, header = 0;
	FILE *fp;

	(void)state;
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, sizeof(path), "%s%s", root,
			     "/tests/data/diagnosis_score.tsv") >= sizeof(path))
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		int answers[DIAGNOSIS_ITEMS];
		int want[6];
		struct diagnosis_score s;
		char *p = line, *tab;
		size_t i;

		lineno++;
		if (!strchr(line, '\n'))
			fail_msg("%s:%d: line too long", path, lineno);
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			assert_string_equal(line, "answers\ttotal\tpart1\t"
						  "part2\tpart3\t"
						  "unknown_count\tanswered");
			header = 1;
			continue;
		}
		tab = strchr(p, '\t');
		if (!tab)
			fail_msg("%s:%d: no tab", path, lineno);
		*tab = '\0';
		if (parse_answers(p, answers))
			fail_msg("%s:%d: need 25 answers", path, lineno);
		p = tab + 1;
		for (i = 0; i < ARRAY_SIZE(want); i++)
			if (!*p || next_int(&p, '\t', -1000, 1000, &want[i]))
				fail_msg("%s:%d: bad field %zu", path, lineno,
					 i + 2);
		if (*p)
			fail_msg("%s:%d: extra fields", path, lineno);

		memset(&s, 0x5a, sizeof(s));
		assert_int_equal(diagnosis_score(answers, ipa_parts,
						 ARRAY_SIZE(ipa_parts), &s),
				 0);
		if (s.total != want[0] || s.part_total[0] != want[1] ||
		    s.part_total[1] != want[2] || s.part_total[2] != want[3] ||
		    s.unknown_count != want[4] || s.answered != want[5])
			fail_msg("%s:%d: got %d (%d/%d/%d) unknown %d "
				 "answered %d",
				 path, lineno, s.total, s.part_total[0],
				 s.part_total[1], s.part_total[2],
				 s.unknown_count, s.answered);
		/* part_max depends on the parts only. */
		assert_int_equal(s.part_max[0], 20);
		assert_int_equal(s.part_max[1], 52);
		assert_int_equal(s.part_max[2], 28);
		assert_true(s.total >= DIAGNOSIS_MIN &&
			    s.total <= DIAGNOSIS_MAX);
		rows++;
	}
	fclose(fp);
	/* The table holds at least the cases named in its comments. */
	assert_true(rows >= 6);
}

static void test_diagnosis__score_part_max(void **state)
{
	int answers[DIAGNOSIS_ITEMS];
	struct diagnosis_score s;

	(void)state;
	fill(answers, ANSWER_DONE);
	assert_int_equal(diagnosis_score(answers, ipa_parts, 3, &s), 0);
	assert_int_equal(s.part_max[0], 20);
	assert_int_equal(s.part_max[1], 52);
	assert_int_equal(s.part_max[2], 28);
	assert_int_equal(s.part_max[0] + s.part_max[1] + s.part_max[2],
			 DIAGNOSIS_MAX);
	assert_int_equal(s.total, DIAGNOSIS_MAX);
	fill(answers, ANSWER_UNKNOWN);
	assert_int_equal(diagnosis_score(answers, ipa_parts, 3, &s), 0);
	assert_int_equal(s.total, DIAGNOSIS_MIN);
	assert_int_equal(s.unknown_count, DIAGNOSIS_ITEMS);
}

static void test_diagnosis__score_parts_in_any_order(void **state)
{
	static const struct diagnosis_part shuffled[] = {
		{ 3, 19, 25, { "", "" } },
		{ 1, 1, 5, { "", "" } },
		{ 2, 6, 18, { "", "" } },
	};
	int answers[DIAGNOSIS_ITEMS];
	struct diagnosis_score s;

	(void)state;
	fill(answers, ANSWER_PARTLY);
	answers[0] = ANSWER_DONE;     /* part 1 */
	answers[24] = ANSWER_UNKNOWN; /* part 3 */
	assert_int_equal(diagnosis_score(answers, shuffled, 3, &s), 0);
	assert_int_equal(s.total, 4 + 23 * 2 - 1);
	assert_int_equal(s.part_total[0], 4 + 4 * 2);
	assert_int_equal(s.part_total[1], 13 * 2);
	assert_int_equal(s.part_total[2], 6 * 2 - 1);
	assert_int_equal(s.part_max[0], 20);
	assert_int_equal(s.part_max[1], 52);
	assert_int_equal(s.part_max[2], 28);
	assert_int_equal(s.unknown_count, 1);
	assert_int_equal(s.answered, 25);
}

static void test_diagnosis__score_parts_not_covering(void **state)
{
	static const struct diagnosis_part short_end[] = {
		{ 1, 1, 5, { "", "" } },
		{ 2, 6, 18, { "", "" } },
		{ 3, 19, 24, { "", "" } },
	};
	static const struct diagnosis_part gap[] = {
		{ 1, 1, 5, { "", "" } },
		{ 2, 7, 18, { "", "" } },
		{ 3, 19, 25, { "", "" } },
	};
	static const struct diagnosis_part bad_part_no[] = {
		{ 1, 1, 5, { "", "" } },
		{ 2, 6, 18, { "", "" } },
		{ 4, 19, 25, { "", "" } },
	};
	static const struct diagnosis_part part_zero[] = {
		{ 0, 1, 5, { "", "" } },
		{ 2, 6, 18, { "", "" } },
		{ 3, 19, 25, { "", "" } },
	};
	int answers[DIAGNOSIS_ITEMS];
	struct diagnosis_score s;

	(void)state;
	fill(answers, ANSWER_DONE);
	memset(&s, 0x5a, sizeof(s));
	assert_int_equal(diagnosis_score(answers, short_end, 3, &s), -1);
	assert_int_equal(diagnosis_score(answers, gap, 3, &s), -1);
	assert_int_equal(diagnosis_score(answers, bad_part_no, 3, &s), -1);
	assert_int_equal(diagnosis_score(answers, part_zero, 3, &s), -1);
	assert_int_equal(diagnosis_score(answers, ipa_parts, 2, &s), -1);
	assert_int_equal(diagnosis_score(answers, ipa_parts, 0, &s), -1);
	/* out is untouched on failure. */
	assert_int_equal(s.total, 0x5a5a5a5a);
}

static const struct diagnosis_band ipa_bands[] = {
	{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
	{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
	{ 50, 69, { "", "" }, { "", "" }, { "", "" } },
	{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
};

static void test_diagnosis__band_of_boundaries(void **state)
{
	static const struct {
		int total;
		size_t band;
	} cases[] = {
		{ 100, 0 }, { 99, 1 }, { 85, 1 }, { 70, 1 }, { 69, 2 },
		{ 50, 2 },  { 49, 3 }, { 0, 3 },  { -1, 3 }, { -25, 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct diagnosis_band *b = diagnosis_band_of(
			ipa_bands, ARRAY_SIZE(ipa_bands), cases[i].total);

		if (b != &ipa_bands[cases[i].band])
			fail_msg("total %d: wrong band", cases[i].total);
	}
}

static void test_diagnosis__band_of_outside(void **state)
{
	(void)state;
	assert_null(diagnosis_band_of(ipa_bands, ARRAY_SIZE(ipa_bands), 101));
	assert_null(diagnosis_band_of(ipa_bands, ARRAY_SIZE(ipa_bands), -26));
	assert_null(diagnosis_band_of(ipa_bands, 0, 50));
}

static void test_diagnosis__bands_check_ok(void **state)
{
	static const struct diagnosis_band reversed[] = {
		{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 69, { "", "" }, { "", "" }, { "", "" } },
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
	};
	static const struct diagnosis_band one[] = {
		{ -25, 100, { "", "" }, { "", "" }, { "", "" } },
	};

	(void)state;
	assert_int_equal(
		diagnosis_bands_check(ipa_bands, ARRAY_SIZE(ipa_bands)), 0);
	assert_int_equal(diagnosis_bands_check(reversed, ARRAY_SIZE(reversed)),
			 0);
	assert_int_equal(diagnosis_bands_check(one, ARRAY_SIZE(one)), 0);
}

static void test_diagnosis__bands_check_gap(void **state)
{
	static const struct diagnosis_band gap[] = {
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 68, { "", "" }, { "", "" }, { "", "" } },
		{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
	};
	static const struct diagnosis_band no_top[] = {
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 69, { "", "" }, { "", "" }, { "", "" } },
		{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
	};
	static const struct diagnosis_band no_bottom[] = {
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 69, { "", "" }, { "", "" }, { "", "" } },
		{ -24, 49, { "", "" }, { "", "" }, { "", "" } },
	};

	(void)state;
	assert_int_equal(diagnosis_bands_check(gap, ARRAY_SIZE(gap)), -1);
	assert_int_equal(diagnosis_bands_check(no_top, ARRAY_SIZE(no_top)), -1);
	assert_int_equal(
		diagnosis_bands_check(no_bottom, ARRAY_SIZE(no_bottom)), -1);
	assert_int_equal(diagnosis_bands_check(ipa_bands, 0), -1);
}

static void test_diagnosis__bands_check_overlap(void **state)
{
	static const struct diagnosis_band overlap[] = {
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 70, { "", "" }, { "", "" }, { "", "" } },
		{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
	};
	static const struct diagnosis_band twice[] = {
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
		{ 70, 99, { "", "" }, { "", "" }, { "", "" } },
		{ 50, 69, { "", "" }, { "", "" }, { "", "" } },
		{ -25, 49, { "", "" }, { "", "" }, { "", "" } },
		{ 100, 100, { "", "" }, { "", "" }, { "", "" } },
	};

	(void)state;
	assert_int_equal(diagnosis_bands_check(overlap, ARRAY_SIZE(overlap)),
			 -1);
	assert_int_equal(diagnosis_bands_check(twice, ARRAY_SIZE(twice)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diagnosis__answer_valid),
		cmocka_unit_test(test_diagnosis__score_table),
		cmocka_unit_test(test_diagnosis__score_part_max),
		cmocka_unit_test(test_diagnosis__score_parts_in_any_order),
		cmocka_unit_test(test_diagnosis__score_parts_not_covering),
		cmocka_unit_test(test_diagnosis__band_of_boundaries),
		cmocka_unit_test(test_diagnosis__band_of_outside),
		cmocka_unit_test(test_diagnosis__bands_check_ok),
		cmocka_unit_test(test_diagnosis__bands_check_gap),
		cmocka_unit_test(test_diagnosis__bands_check_overlap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
