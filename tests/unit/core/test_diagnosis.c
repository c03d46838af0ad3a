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

/* The data tables of tests/data/, found through MAMORI_SOURCE_ROOT. */
static FILE *open_table(const char *name, char *path, size_t size)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	FILE *fp;

	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, size, "%s/tests/data/%s", root, name) >=
	    size)
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	return fp;
}

/*
 * Reads the next row of a table into line (without its line end), skipping
 * blank lines and comments and checking the header against want.  Returns
 * 1 for a row, 0 at the end.
 */
static int next_row(FILE *fp, const char *path, const char *header, int *lineno,
		    int *seen_header, char *line, size_t size)
{
	while (fgets(line, (int)size, fp)) {
		(*lineno)++;
		if (!strchr(line, '\n'))
			fail_msg("%s:%d: line too long", path, *lineno);
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!*seen_header) {
			assert_string_equal(line, header);
			*seen_header = 1;
			continue;
		}
		return 1;
	}
	return 0;
}

/* Cuts the field ending at the next tab off *p; NULL when there is none. */
static char *cut_field(char **p)
{
	char *start = *p, *tab;

	if (!start)
		return NULL;
	tab = strchr(start, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = NULL;
	}
	return start;
}

/*
 * Parses 25 space-separated answers ("x" for DIAGNOSIS_NONE, any integer
 * otherwise) from s, cutting it in place; surrounding spaces are allowed.
 */
static int parse_set(char *s, int *answers)
{
	char *p = s + strspn(s, " ");
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		size_t n = strcspn(p, " ");
		char *next = p + n + strspn(p + n, " ");

		if (!n)
			return -1;
		p[n] = '\0';
		if (!strcmp(p, "x"))
			answers[i] = DIAGNOSIS_NONE;
		else if (parse_int(p, -100, 100, &answers[i]))
			return -1;
		p = next;
	}
	return *p ? -1 : 0;
}

/* Formats answers as in the tables, for failure messages. */
static const char *show_set(const int *answers, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < DIAGNOSIS_ITEMS && len < size; i++) {
		int n = answers[i] == DIAGNOSIS_NONE
				? snprintf(buf + len, size - len, "%sx",
					   i ? " " : "")
				: snprintf(buf + len, size - len, "%s%d",
					   i ? " " : "", answers[i]);

		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

enum { COMBINE_RUNS_MAX = 8 };

static void test_diagnosis__combine_table(void **state)
{
	char path[4096], line[4096];
	int lineno = 0, rows = 0, header = 0;
	FILE *fp = open_table("diagnosis_combine.tsv", path, sizeof(path));

	(void)state;
	while (next_row(fp, path, "runs\texpected", &lineno, &header, line,
			sizeof(line))) {
		int runs[COMBINE_RUNS_MAX][DIAGNOSIS_ITEMS];
		int reversed[COMBINE_RUNS_MAX][DIAGNOSIS_ITEMS];
		int want[DIAGNOSIS_ITEMS], got[DIAGNOSIS_ITEMS];
		char shown[2][256];
		char *p = line, *runs_s = cut_field(&p),
		     *want_s = cut_field(&p);
		size_t count = 0, r;

		if (!want_s || p)
			fail_msg("%s:%d: need 2 fields", path, lineno);
		if (parse_set(want_s, want))
			fail_msg("%s:%d: bad expected set", path, lineno);
		/* An empty (or blank) runs field is no run at all. */
		while (runs_s[strspn(runs_s, " ")]) {
			char *bar = strchr(runs_s, '|');

			if (count == COMBINE_RUNS_MAX)
				fail_msg("%s:%d: too many runs", path, lineno);
			if (bar)
				*bar = '\0';
			if (parse_set(runs_s, runs[count]))
				fail_msg("%s:%d: bad run %zu", path, lineno,
					 count + 1);
			count++;
			if (!bar)
				break;
			runs_s = bar + 1;
		}

		memset(got, 0x5a, sizeof(got));
		diagnosis_combine((const int(*)[DIAGNOSIS_ITEMS])runs, count,
				  got);
		if (memcmp(got, want, sizeof(want)))
			fail_msg("%s:%d: got %s, want %s", path, lineno,
				 show_set(got, shown[0], sizeof(shown[0])),
				 show_set(want, shown[1], sizeof(shown[1])));

		/* The order of the units does not matter. */
		for (r = 0; r < count; r++)
			memcpy(reversed[r], runs[count - 1 - r],
			       sizeof(reversed[r]));
		memset(got, 0x5a, sizeof(got));
		diagnosis_combine((const int(*)[DIAGNOSIS_ITEMS])reversed,
				  count, got);
		if (memcmp(got, want, sizeof(want)))
			fail_msg("%s:%d: reversed: got %s", path, lineno,
				 show_set(got, shown[0], sizeof(shown[0])));
		rows++;
	}
	fclose(fp);
	assert_true(rows >= 14);
}

static void test_diagnosis__combine_none_and_one(void **state)
{
	int one[1][DIAGNOSIS_ITEMS];
	int got[DIAGNOSIS_ITEMS];
	int i;

	(void)state;
	/* No run: every item unanswered; runs is not read. */
	memset(got, 0, sizeof(got));
	diagnosis_combine(NULL, 0, got);
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		assert_int_equal(got[i], DIAGNOSIS_NONE);

	/* One run of valid answers and gaps comes back as it is. */
	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		static const int cycle[] = { ANSWER_DONE, ANSWER_PARTLY,
					     ANSWER_NOT_DONE, ANSWER_UNKNOWN,
					     DIAGNOSIS_NONE };

		one[0][i] = cycle[i % 5];
	}
	memset(got, 0, sizeof(got));
	diagnosis_combine((const int(*)[DIAGNOSIS_ITEMS])one, 1, got);
	assert_memory_equal(got, one[0], sizeof(got));
}

static void test_diagnosis__weakest_first_table(void **state)
{
	char path[4096], line[1024];
	int lineno = 0, rows = 0, header = 0;
	FILE *fp = open_table("diagnosis_order.tsv", path, sizeof(path));

	(void)state;
	while (next_row(fp, path, "answers\torder\tweak", &lineno, &header,
			line, sizeof(line))) {
		int answers[DIAGNOSIS_ITEMS], want[DIAGNOSIS_ITEMS];
		int got[DIAGNOSIS_ITEMS], seen[DIAGNOSIS_ITEMS + 1] = { 0 };
		char shown[256];
		char *p = line, *answers_s = cut_field(&p),
		     *order_s = cut_field(&p), *weak_s = cut_field(&p);
		int weak = -1, i;
		size_t n;

		if (!weak_s || p)
			fail_msg("%s:%d: need 3 fields", path, lineno);
		if (parse_set(answers_s, answers) || parse_set(order_s, want) ||
		    parse_int(weak_s, 0, DIAGNOSIS_ITEMS, &weak))
			fail_msg("%s:%d: bad field", path, lineno);

		memset(got, 0x5a, sizeof(got));
		n = diagnosis_weakest_first(answers, got);
		if (memcmp(got, want, sizeof(want)))
			fail_msg("%s:%d: got order %s", path, lineno,
				 show_set(got, shown, sizeof(shown)));
		if (n != (size_t)weak)
			fail_msg("%s:%d: got %zu weak, want %d", path, lineno,
				 n, weak);
		/* Every item exactly once, whatever the table says. */
		for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
			assert_in_range(got[i], 1, DIAGNOSIS_ITEMS);
			assert_int_equal(seen[got[i]]++, 0);
		}
		rows++;
	}
	fclose(fp);
	assert_true(rows >= 10);
}

static void test_diagnosis__weak_items_lead(void **state)
{
	int answers[DIAGNOSIS_ITEMS], order[DIAGNOSIS_ITEMS];
	size_t weak, i;

	(void)state;
	/* The weak count is the length of the prefix of items below 4. */
	fill(answers, ANSWER_DONE);
	answers[24] = ANSWER_UNKNOWN;
	answers[0] = ANSWER_PARTLY;
	answers[12] = DIAGNOSIS_NONE;
	answers[6] = ANSWER_NOT_DONE;
	weak = diagnosis_weakest_first(answers, order);
	assert_int_equal(weak, 3);
	assert_int_equal(order[0], 7);
	assert_int_equal(order[1], 25);
	assert_int_equal(order[2], 1);
	assert_int_equal(order[3], 13);
	for (i = 0; i < weak; i++)
		assert_true(answers[order[i] - 1] < ANSWER_DONE &&
			    diagnosis_answer_valid(answers[order[i] - 1]));
	for (; i < DIAGNOSIS_ITEMS; i++)
		assert_true(answers[order[i] - 1] == ANSWER_DONE ||
			    !diagnosis_answer_valid(answers[order[i] - 1]));
}

/* The letter of a change in the table below. */
static char change_letter(enum diagnosis_change c)
{
	switch (c) {
	case CHANGE_SAME:
		return 'S';
	case CHANGE_BETTER:
		return 'B';
	case CHANGE_WORSE:
		return 'W';
	case CHANGE_UNCOMPARABLE:
		return 'U';
	}
	return '?';
}

static void test_diagnosis__compare_item_every_pair(void **state)
{
	static const int values[] = { 4, 2, 0, -1, DIAGNOSIS_NONE };
	/*
	 * want[before][after] in the order of values[]: Same, Better, Worse
	 * or Uncomparable.  Anything with -1 or unanswered is uncomparable,
	 * unless both are the same answer.
	 */
	static const char *const want[] = {
		/* after: 4 2 0 -1 none */
		"SWWUU", /* before 4 */
		"BSWUU", /* before 2 */
		"BBSUU", /* before 0 */
		"UUUSU", /* before -1 */
		"UUUUU", /* before none */
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(values); i++)
		for (j = 0; j < ARRAY_SIZE(values); j++) {
			char got = change_letter(
				diagnosis_compare_item(values[i], values[j]));

			if (got != want[i][j])
				fail_msg("%d -> %d: got %c, want %c", values[i],
					 values[j], got, want[i][j]);
		}
}

static void test_diagnosis__compare_item_off_scale(void **state)
{
	static const int bad[] = { 3, 1, 5, -2, 100, INT32_MIN };
	static const int good[] = { 4, 2, 0, -1 };
	size_t i, j;

	(void)state;
	/* A value off the scale is unanswered: never comparable, not even
	 * with itself. */
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(diagnosis_compare_item(bad[i], bad[i]),
				 CHANGE_UNCOMPARABLE);
		assert_int_equal(diagnosis_compare_item(bad[i], DIAGNOSIS_NONE),
				 CHANGE_UNCOMPARABLE);
		for (j = 0; j < ARRAY_SIZE(good); j++) {
			assert_int_equal(diagnosis_compare_item(bad[i],
								good[j]),
					 CHANGE_UNCOMPARABLE);
			assert_int_equal(diagnosis_compare_item(good[j],
								bad[i]),
					 CHANGE_UNCOMPARABLE);
		}
	}
}

static void test_diagnosis__five_status_round_trip(void **state)
{
	static const char *const names[] = { "not_started", "in_progress",
					     "committed" };
	int i;

	(void)state;
	assert_int_equal(ARRAY_SIZE(names), FIVE_STATUS_COUNT);
	for (i = 0; i < FIVE_STATUS_COUNT; i++) {
		enum five_status s = FIVE_STATUS_COUNT;

		assert_string_equal(five_status_name((enum five_status)i),
				    names[i]);
		assert_int_equal(five_status_parse(names[i], &s), 0);
		assert_int_equal(s, i);
		assert_int_equal(five_status_parse(five_status_name(s), &s), 0);
		assert_int_equal(s, i);
	}
}

static void test_diagnosis__five_status_unknown(void **state)
{
	static const char *const bad[] = {
		"",	      "Committed",   "committed ",  " committed",
		"done",	      "in-progress", "not started", "NOT_STARTED",
		"committed2", "commit",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		enum five_status s = FIVE_IN_PROGRESS;

		if (five_status_parse(bad[i], &s) != -1)
			fail_msg("'%s' accepted", bad[i]);
		/* s is untouched on failure. */
		assert_int_equal(s, FIVE_IN_PROGRESS);
	}
}

static void test_diagnosis__security_action_every_combination(void **state)
{
	unsigned mask;
	int done, published;

	(void)state;
	for (mask = 0; mask < 32; mask++)
		for (done = 0; done <= 1; done++)
			for (published = 0; published <= 1; published++) {
				struct security_action sa;
				int five[5], k;

				for (k = 0; k < 5; k++)
					five[k] = (mask >> k) & 1;
				memset(&sa, 0x5a, sizeof(sa));
				security_action_readiness(five, done, published,
							  &sa);
				/* ★: all five; ★★: both, whatever ★ is. */
				if (sa.one_star != (mask == 31) ||
				    sa.two_star != (done && published))
					fail_msg("five %#x, diagnosis %d, "
						 "policy %d: got ★ %d ★★ %d",
						 mask, done, published,
						 sa.one_star, sa.two_star);
			}
}

static void test_diagnosis__security_action_truthy(void **state)
{
	static const int five[5] = { 2, -1, 7, 1, 100 };
	static const int four[5] = { 2, -1, 0, 1, 100 };
	struct security_action sa;

	(void)state;
	/* Any non-zero value counts as true; the result is 0 or 1. */
	security_action_readiness(five, 3, -1, &sa);
	assert_int_equal(sa.one_star, 1);
	assert_int_equal(sa.two_star, 1);
	security_action_readiness(four, 0, 5, &sa);
	assert_int_equal(sa.one_star, 0);
	assert_int_equal(sa.two_star, 0);
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
		cmocka_unit_test(test_diagnosis__combine_table),
		cmocka_unit_test(test_diagnosis__combine_none_and_one),
		cmocka_unit_test(test_diagnosis__weakest_first_table),
		cmocka_unit_test(test_diagnosis__weak_items_lead),
		cmocka_unit_test(test_diagnosis__compare_item_every_pair),
		cmocka_unit_test(test_diagnosis__compare_item_off_scale),
		cmocka_unit_test(test_diagnosis__five_status_round_trip),
		cmocka_unit_test(test_diagnosis__five_status_unknown),
		cmocka_unit_test(
			test_diagnosis__security_action_every_combination),
		cmocka_unit_test(test_diagnosis__security_action_truthy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
