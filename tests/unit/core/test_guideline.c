/* test_guideline.c: unit tests of core/guideline.c. */
#include "util/compat.h"
#include "core/guideline.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/parse.h"

static void test_guideline__kind_round_trip(void **state)
{
	static const char *const names[KIND_COUNT] = { "establish", "execute" };
	int i;

	(void)state;
	for (i = 0; i < KIND_COUNT; i++) {
		enum guideline_kind kind = KIND_COUNT;

		assert_string_equal(guideline_kind_name((enum guideline_kind)i),
				    names[i]);
		assert_int_equal(guideline_kind_parse(names[i], &kind), 0);
		assert_int_equal(kind, i);
	}
}

static void test_guideline__kind_unknown(void **state)
{
	enum guideline_kind kind = GUIDELINE_EXECUTE;

	(void)state;
	assert_int_equal(guideline_kind_parse("", &kind), -1);
	assert_int_equal(guideline_kind_parse("Establish", &kind), -1);
	assert_int_equal(guideline_kind_parse("exec", &kind), -1);
	assert_int_equal(guideline_kind_parse("establish ", &kind), -1);
}

static void test_guideline__domain_round_trip(void **state)
{
	static const char *const names[DOMAIN_COUNT] = {
		"account",  "software",		"cloud",   "data",
		"backup",   "device",		"network", "secure_development",
		"training", "incident_response"
	};
	int i;

	(void)state;
	for (i = 0; i < DOMAIN_COUNT; i++) {
		enum guideline_domain domain = DOMAIN_COUNT;

		assert_string_equal(
			guideline_domain_name((enum guideline_domain)i),
			names[i]);
		assert_int_equal(guideline_domain_parse(names[i], &domain), 0);
		assert_int_equal(domain, i);
	}
}

static void test_guideline__domain_unknown(void **state)
{
	enum guideline_domain domain = DOMAIN_DATA;

	(void)state;
	assert_int_equal(guideline_domain_parse("", &domain), -1);
	assert_int_equal(guideline_domain_parse("Account", &domain), -1);
	assert_int_equal(guideline_domain_parse("secure-development", &domain),
			 -1);
	assert_int_equal(guideline_domain_parse("incident", &domain), -1);
}

static void test_guideline__function_round_trip(void **state)
{
	static const char *const names[FUNCTION_COUNT] = {
		"identify", "protect", "detect", "respond", "recover"
	};
	int i;

	(void)state;
	for (i = 0; i < FUNCTION_COUNT; i++) {
		enum security_function f = FUNCTION_COUNT;

		assert_string_equal(
			security_function_name((enum security_function)i),
			names[i]);
		assert_int_equal(security_function_parse(names[i], &f), 0);
		assert_int_equal(f, i);
	}
}

static void test_guideline__function_unknown(void **state)
{
	enum security_function f = FUNCTION_DETECT;

	(void)state;
	assert_int_equal(security_function_parse("", &f), -1);
	assert_int_equal(security_function_parse("Identify", &f), -1);
	assert_int_equal(security_function_parse("#Identify", &f), -1);
	assert_int_equal(security_function_parse("recovery", &f), -1);
}

static void test_guideline__owner_round_trip(void **state)
{
	static const struct {
		unsigned flag;
		const char *name;
	} owners[OWNER_ROLE_COUNT] = {
		{ OWNER_EXECUTIVE, "executive" },
		{ OWNER_SYSADMIN, "sysadmin" },
		{ OWNER_DEV_LEAD, "dev_lead" },
		{ OWNER_HR_LEAD, "hr_lead" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(owners); i++) {
		unsigned flag = 0;

		assert_string_equal(owner_role_name(owners[i].flag),
				    owners[i].name);
		assert_int_equal(owner_role_parse(owners[i].name, &flag), 0);
		assert_int_equal(flag, owners[i].flag);
	}
}

static void test_guideline__owner_not_single_bit(void **state)
{
	unsigned flag = OWNER_SYSADMIN;

	(void)state;
	assert_null(owner_role_name(0));
	assert_null(owner_role_name(OWNER_EXECUTIVE | OWNER_SYSADMIN));
	assert_null(owner_role_name(OWNER_DEV_LEAD | OWNER_HR_LEAD));
	assert_null(owner_role_name(0xfu));
	assert_null(owner_role_name(1u << OWNER_ROLE_COUNT));
	assert_null(owner_role_name(~0u));
	assert_int_equal(owner_role_parse("", &flag), -1);
	assert_int_equal(owner_role_parse("security_lead", &flag), -1);
	assert_int_equal(owner_role_parse("Executive", &flag), -1);
}

/* Reads one TSV field of 0 or 1 or a level, ending at a tab or the end. */
static int read_int_field(char **p, int min, int max, int *out)
{
	char *start = *p;
	char *tab = strchr(start, '\t');

	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = start + strlen(start);
	}
	return parse_int(start, min, max, out);
}

static void test_guideline__level_of_table(void **state)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[256];
	int lineno = 0, rows = 0, header = 0;
	unsigned seen = 0;
	FILE *fp;

	(void)state;
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, sizeof(path), "%s%s", root,
			     "/tests/data/guideline_level.tsv") >= sizeof(path))
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		struct level_profile prof = { 0, 0, 0 };
		int want = 0, got;
		char *p = line;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			assert_string_equal(line, "dedicated_admin\t"
						  "large_private_data\t"
						  "has_csirt\tlevel");
			header = 1;
			continue;
		}
		if (read_int_field(&p, 0, 1, &prof.dedicated_admin) ||
		    read_int_field(&p, 0, 1, &prof.large_private_data) ||
		    read_int_field(&p, 0, 1, &prof.has_csirt) ||
		    read_int_field(&p, 1, 3, &want) || *p)
			fail_msg("%s:%d: malformed row", path, lineno);
		got = guideline_level_of(&prof);
		if (got != want)
			fail_msg("%s:%d: level %d, expected %d", path, lineno,
				 got, want);
		seen |= 1u << (prof.dedicated_admin * 4 +
			       prof.large_private_data * 2 + prof.has_csirt);
		rows++;
	}
	fclose(fp);
	/* All eight combinations, each once. */
	assert_int_equal(rows, 8);
	assert_int_equal(seen, 0xffu);
}

static void test_guideline__item_applies(void **state)
{
	struct guideline_item item;
	int level, org;

	(void)state;
	memset(&item, 0, sizeof(item));
	for (level = 1; level <= 3; level++) {
		item.level = level;
		for (org = 1; org <= 3; org++) {
			int want = level <= org;

			if (guideline_item_applies(&item, org) != want)
				fail_msg("L%d item at an L%d organisation: "
					 "expected %d",
					 level, org, want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guideline__kind_round_trip),
		cmocka_unit_test(test_guideline__kind_unknown),
		cmocka_unit_test(test_guideline__domain_round_trip),
		cmocka_unit_test(test_guideline__domain_unknown),
		cmocka_unit_test(test_guideline__function_round_trip),
		cmocka_unit_test(test_guideline__function_unknown),
		cmocka_unit_test(test_guideline__owner_round_trip),
		cmocka_unit_test(test_guideline__owner_not_single_bit),
		cmocka_unit_test(test_guideline__level_of_table),
		cmocka_unit_test(test_guideline__item_applies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
