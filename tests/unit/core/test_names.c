/* test_names.c: unit tests of the enum names in core/role.c,
 * core/reference.c and core/text.c. */
#include "util/compat.h"
#include "core/role.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/reference.h"
#include "core/text.h"

static void test_names__role_round_trip(void **state)
{
	/* The spellings of the membership table's CHECK constraint. */
	static const char *const names[ROLE_COUNT] = {
		"executive",	 "security_lead", "department_lead", "sysadmin",
		"training_lead", "audit_lead",	  "document_lead",   "employee",
		"auditor",	 "consultant",
	};
	int i;

	(void)state;
	for (i = 0; i < ROLE_COUNT; i++) {
		enum role role = ROLE_COUNT;

		assert_string_equal(role_name((enum role)i), names[i]);
		assert_int_equal(role_parse(names[i], &role), 0);
		assert_int_equal(role, i);
	}
}

static void test_names__role_unknown(void **state)
{
	enum role role = ROLE_EMPLOYEE;

	(void)state;
	assert_int_equal(role_parse("", &role), -1);
	assert_int_equal(role_parse("admin", &role), -1);
	assert_int_equal(role_parse("Executive", &role), -1);
	assert_int_equal(role_parse("security-lead", &role), -1);
	assert_int_equal(role_parse("auditors", &role), -1);
	assert_int_equal(role_parse("dev_lead", &role), -1);
}

static void test_names__role_is_admin(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < ROLE_COUNT; i++) {
		int want = i == ROLE_SECURITY_LEAD || i == ROLE_SYSADMIN ||
			   i == ROLE_CONSULTANT;

		if (role_is_admin((enum role)i) != want)
			fail_msg("role_is_admin(%s) should be %d",
				 role_name((enum role)i), want);
	}
}

static void test_names__cloud_phase(void **state)
{
	static const char *const names[PHASE_COUNT] = { "select", "operate",
							"security" };
	enum cloud_phase phase = PHASE_COUNT;
	int i;

	(void)state;
	for (i = 0; i < PHASE_COUNT; i++) {
		assert_string_equal(cloud_phase_name((enum cloud_phase)i),
				    names[i]);
		assert_int_equal(cloud_phase_parse(names[i], &phase), 0);
		assert_int_equal(phase, i);
	}
	assert_int_equal(cloud_phase_parse("", &phase), -1);
	assert_int_equal(cloud_phase_parse("Select", &phase), -1);
	assert_int_equal(cloud_phase_parse("operation", &phase), -1);
}

static void test_names__executive_kind(void **state)
{
	static const char *const names[EXEC_KIND_COUNT] = { "principle",
							    "action" };
	enum executive_kind kind = EXEC_KIND_COUNT;
	int i;

	(void)state;
	for (i = 0; i < EXEC_KIND_COUNT; i++) {
		assert_string_equal(executive_kind_name((enum executive_kind)i),
				    names[i]);
		assert_int_equal(executive_kind_parse(names[i], &kind), 0);
		assert_int_equal(kind, i);
	}
	assert_int_equal(executive_kind_parse("", &kind), -1);
	assert_int_equal(executive_kind_parse("principal", &kind), -1);
	assert_int_equal(executive_kind_parse("actions", &kind), -1);
}

static void test_names__document_kind(void **state)
{
	static const char *const names[DOC_KIND_COUNT] = { "maintain",
							   "retain" };
	enum document_kind kind = DOC_KIND_COUNT;
	int i;

	(void)state;
	for (i = 0; i < DOC_KIND_COUNT; i++) {
		assert_string_equal(document_kind_name((enum document_kind)i),
				    names[i]);
		assert_int_equal(document_kind_parse(names[i], &kind), 0);
		assert_int_equal(kind, i);
	}
	assert_int_equal(document_kind_parse("", &kind), -1);
	assert_int_equal(document_kind_parse("Retain", &kind), -1);
	assert_int_equal(document_kind_parse("keep", &kind), -1);
}

static void test_names__lang_code(void **state)
{
	(void)state;
	assert_string_equal(lang_code(LANG_JA), "ja");
	assert_string_equal(lang_code(LANG_EN), "en");
}

static void test_names__lang_from_locale(void **state)
{
	static const struct {
		const char *locale;
		enum lang want;
	} cases[] = {
		{ "en_US.UTF-8", LANG_EN },
		{ "en", LANG_EN },
		{ "en-GB,en;q=0.9", LANG_EN },
		{ "EN", LANG_EN },
		{ "ja_JP.UTF-8", LANG_JA },
		{ "ja", LANG_JA },
		{ "fr", LANG_JA },
		{ "fr_FR.UTF-8", LANG_JA },
		{ "C", LANG_JA },
		{ "e", LANG_JA },
		{ "", LANG_JA },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (lang_from_locale(cases[i].locale) != cases[i].want)
			fail_msg("lang_from_locale(\"%s\") should be %s",
				 cases[i].locale, lang_code(cases[i].want));
	assert_int_equal(lang_from_locale(NULL), LANG_JA);
}

static void test_names__text_get(void **state)
{
	const struct text t = { "情報", "information" };

	(void)state;
	assert_string_equal(text_get(&t, LANG_JA), "情報");
	assert_string_equal(text_get(&t, LANG_EN), "information");
	assert_string_equal(text_get(&t, lang_from_locale("en_US.UTF-8")),
			    "information");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names__role_round_trip),
		cmocka_unit_test(test_names__role_unknown),
		cmocka_unit_test(test_names__role_is_admin),
		cmocka_unit_test(test_names__cloud_phase),
		cmocka_unit_test(test_names__executive_kind),
		cmocka_unit_test(test_names__document_kind),
		cmocka_unit_test(test_names__lang_code),
		cmocka_unit_test(test_names__lang_from_locale),
		cmocka_unit_test(test_names__text_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
