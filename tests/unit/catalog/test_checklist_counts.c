/*
 * test_checklist_counts.c: the levelled checklist's item counts per level
 * and domain.  The counts are worked out here from data/catalog/
 * guideline.tsv read as plain text, apart from the catalogue loader, and
 * compared with what the loaded catalogue and checklist_coverage() say,
 * so neither can drift without this test noticing.
 */
#include "util/compat.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/checklist.h"
#include "util/error.h"

/* Counts by level (1 … 3) and by level and domain, from the file. */
struct counts {
	int total;
	int level[4];
	int establish;
	int by_domain[4][DOMAIN_COUNT];
};

/* The n-th (0-based) tab-separated field of line, copied into out. */
static void nth_field(const char *line, int n, char *out, size_t size)
{
	const char *p = line;
	size_t len;

	while (n-- > 0) {
		p = strchr(p, '\t');
		if (!p)
			fail_msg("too few columns: %.60s", line);
		p++;
	}
	len = strcspn(p, "\t\n");
	if (len >= size)
		fail_msg("field too long: %.60s", p);
	memcpy(out, p, len);
	out[len] = '\0';
}

static void read_counts(struct counts *c)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], domain[64], level[8], kind[32];
	char *line = NULL;
	size_t cap = 0;
	int header = 0;
	FILE *fp;

	memset(c, 0, sizeof(*c));
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	snprintf(path, sizeof(path), "%s/data/catalog/guideline.tsv", root);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (getline(&line, &cap, fp) > 0) {
		enum guideline_domain d;
		int lv;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!header) {
			/* The columns this test reads, where it reads them. */
			assert_true(
				!strncmp(line,
					 "id\tkind\tdomain\tfunction\towner\t"
					 "level\t",
					 35));
			header = 1;
			continue;
		}
		nth_field(line, 1, kind, sizeof(kind));
		nth_field(line, 2, domain, sizeof(domain));
		nth_field(line, 5, level, sizeof(level));
		if (strlen(level) != 1 || level[0] < '1' || level[0] > '3')
			fail_msg("level '%s'", level);
		lv = level[0] - '0';
		if (guideline_domain_parse(domain, &d))
			fail_msg("domain '%s'", domain);
		c->total++;
		c->level[lv]++;
		c->by_domain[lv][d]++;
		c->establish += !strcmp(kind, "establish");
	}
	free(line);
	fclose(fp);
}

static void test_checklist_counts__per_level(void **state)
{
	struct counts c;

	(void)state;
	read_counts(&c);
	/* The guideline's own figures (chapters 3–10). */
	assert_int_equal(c.total, 170);
	assert_int_equal(c.level[1], 110);
	assert_int_equal(c.level[2], 51);
	assert_int_equal(c.level[3], 9);
	assert_int_equal(c.establish, 10);
}

static void test_checklist_counts__catalogue_agrees(void **state)
{
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;
	struct checklist_status *none;
	struct checklist_coverage cov;
	struct counts c;
	int level, d;
	size_t i;

	(void)state;
	read_counts(&c);
	assert_int_equal(catalog_load_builtin(&cat, &err), 0);
	assert_int_equal(cat->guideline_count, (size_t)c.total);
	none = calloc(cat->guideline_count, sizeof(*none));
	assert_non_null(none);
	for (i = 0; i < cat->guideline_count; i++)
		checklist_status_init(&none[i], cat->guideline[i].id);
	for (level = 1; level <= 3; level++) {
		int cumulative = 0;

		for (i = 1; i <= (size_t)level; i++)
			cumulative += c.level[i];
		checklist_coverage(cat->guideline, cat->guideline_count, none,
				   level, &cov);
		/* Levels are cumulative: L2 takes on L1, L3 everything. */
		assert_int_equal(cov.level, level);
		assert_int_equal(cov.items, cumulative);
		assert_int_equal(cov.unanswered, cumulative);
		assert_int_equal(cov.done + cov.partly + cov.not_done +
					 cov.not_applicable,
				 0);
		for (d = 0; d < DOMAIN_COUNT; d++) {
			int want = 0, lv;

			for (lv = 1; lv <= level; lv++)
				want += c.by_domain[lv][d];
			if (cov.domain[d].items != want)
				fail_msg("L%d, domain %s: %d items, the file "
					 "has %d",
					 level,
					 guideline_domain_name(
						 (enum guideline_domain)d),
					 cov.domain[d].items, want);
		}
	}
	/*
	 * An L1 company meets every domain but secure development, whose
	 * chapter (8) starts at L2; L3 adds only network and development.
	 */
	for (d = 0; d < DOMAIN_COUNT; d++) {
		assert_int_equal(c.by_domain[1][d] > 0,
				 d != DOMAIN_SECURE_DEVELOPMENT);
		assert_int_equal(c.by_domain[3][d] > 0,
				 d == DOMAIN_NETWORK ||
					 d == DOMAIN_SECURE_DEVELOPMENT);
	}
	free(none);
	catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist_counts__per_level),
		cmocka_unit_test(test_checklist_counts__catalogue_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
