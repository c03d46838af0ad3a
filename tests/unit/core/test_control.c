/* test_control.c: unit tests of core/control.c. */
#include "util/compat.h"
#include "core/control.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <ctype.h>

static void test_control__attr_set_round_trip(void **state)
{
	static const char *const names[ATTR_SET_COUNT] = {
		"type", "property", "concept", "capability", "domain"
	};
	int i;

	(void)state;
	for (i = 0; i < ATTR_SET_COUNT; i++) {
		enum attr_set set = ATTR_SET_COUNT;

		assert_string_equal(attr_set_name((enum attr_set)i), names[i]);
		assert_int_equal(attr_set_parse(names[i], &set), 0);
		assert_int_equal(set, i);
	}
}

static void test_control__attr_set_unknown(void **state)
{
	enum attr_set set = ATTR_DOMAIN;

	(void)state;
	assert_int_equal(attr_set_parse("", &set), -1);
	assert_int_equal(attr_set_parse("Type", &set), -1);
	assert_int_equal(attr_set_parse("types", &set), -1);
	assert_int_equal(attr_set_parse("#type", &set), -1);
	assert_int_equal(attr_set_parse("cap", &set), -1);
}

static void test_control__attr_value_count(void **state)
{
	(void)state;
	assert_int_equal(attr_value_count(ATTR_TYPE), 3);
	assert_int_equal(attr_value_count(ATTR_PROPERTY), 3);
	assert_int_equal(attr_value_count(ATTR_CONCEPT), 5);
	assert_int_equal(attr_value_count(ATTR_CAPABILITY), 15);
	assert_int_equal(attr_value_count(ATTR_DOMAIN), 4);
}

static void test_control__attr_value_tag(void **state)
{
	(void)state;
	assert_string_equal(attr_value_tag(ATTR_TYPE, 0), "#Preventive");
	assert_string_equal(attr_value_tag(ATTR_TYPE, 2), "#Corrective");
	assert_string_equal(attr_value_tag(ATTR_PROPERTY, 1), "#Integrity");
	assert_string_equal(attr_value_tag(ATTR_CONCEPT, 4), "#Recover");
	assert_string_equal(attr_value_tag(ATTR_CAPABILITY, 0), "#Governance");
	assert_string_equal(attr_value_tag(ATTR_CAPABILITY, 14),
			    "#Information_security_assurance");
	assert_string_equal(attr_value_tag(ATTR_DOMAIN, 3), "#Resilience");
}

static void test_control__attr_value_find_every_tag(void **state)
{
	int set;

	(void)state;
	for (set = 0; set < ATTR_SET_COUNT; set++) {
		size_t i, count = attr_value_count((enum attr_set)set);

		for (i = 0; i < count; i++) {
			const char *tag = attr_value_tag((enum attr_set)set, i);
			char upper[64];
			size_t j;

			assert_int_equal(tag[0], '#');
			assert_int_equal(attr_value_find((enum attr_set)set,
							 tag),
					 (int)i);
			/* Without the '#'. */
			assert_int_equal(attr_value_find((enum attr_set)set,
							 tag + 1),
					 (int)i);
			/* In capitals. */
			for (j = 0; tag[j] && j < sizeof(upper) - 1; j++)
				upper[j] = (char)toupper((unsigned char)tag[j]);
			upper[j] = '\0';
			assert_int_equal(attr_value_find((enum attr_set)set,
							 upper),
					 (int)i);
		}
	}
}

static void test_control__attr_value_find(void **state)
{
	(void)state;
	assert_int_equal(attr_value_find(ATTR_TYPE, "#Detective"), 1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "Detective"), 1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "#detective"), 1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "dEtEcTiVe"), 1);
	assert_int_equal(attr_value_find(ATTR_CAPABILITY,
					 "identity_and_access_management"),
			 8);
	assert_int_equal(attr_value_find(ATTR_DOMAIN, "#defence"), 2);
}

static void test_control__attr_value_find_unknown(void **state)
{
	(void)state;
	assert_int_equal(attr_value_find(ATTR_TYPE, ""), -1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "#"), -1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "##Preventive"), -1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "#Prevent"), -1);
	assert_int_equal(attr_value_find(ATTR_TYPE, "#Preventives"), -1);
	assert_int_equal(attr_value_find(ATTR_TYPE, " #Preventive"), -1);
	/* A tag of another set is unknown here. */
	assert_int_equal(attr_value_find(ATTR_TYPE, "#Identify"), -1);
	assert_int_equal(attr_value_find(ATTR_CONCEPT, "#Preventive"), -1);
	assert_int_equal(attr_value_find(ATTR_DOMAIN, "#Defense"), -1);
	assert_int_equal(attr_value_find(ATTR_DOMAIN, "#Governance"), -1);
}

static void test_control__attr_parse_list_empty(void **state)
{
	uint32_t mask = 0xffffffffu;
	const char *bad = NULL;

	(void)state;
	assert_int_equal(attr_parse_list(ATTR_TYPE, "", &mask, &bad), 0);
	assert_int_equal(mask, 0);
	assert_null(bad);
	mask = 0xffffffffu;
	assert_int_equal(attr_parse_list(ATTR_TYPE, "   ", &mask, &bad), 0);
	assert_int_equal(mask, 0);
}

static void test_control__attr_parse_list(void **state)
{
	uint32_t mask = 0;

	(void)state;
	assert_int_equal(attr_parse_list(ATTR_TYPE, "#Preventive", &mask, NULL),
			 0);
	assert_int_equal(mask, 1u << 0);
	assert_int_equal(attr_parse_list(ATTR_TYPE, "#Preventive #Corrective",
					 &mask, NULL),
			 0);
	assert_int_equal(mask, (1u << 0) | (1u << 2));
	assert_int_equal(attr_parse_list(ATTR_PROPERTY,
					 "#Confidentiality #Integrity "
					 "#Availability",
					 &mask, NULL),
			 0);
	assert_int_equal(mask, 7);
	assert_int_equal(attr_parse_list(ATTR_CAPABILITY,
					 "#Governance "
					 "#Information_security_assurance",
					 &mask, NULL),
			 0);
	assert_int_equal(mask, (1u << 0) | (1u << 14));
	/* Case and '#' as in attr_value_find; repeats are harmless. */
	assert_int_equal(attr_parse_list(ATTR_CONCEPT,
					 "protect #DETECT #Protect", &mask,
					 NULL),
			 0);
	assert_int_equal(mask, (1u << 1) | (1u << 2));
}

static void test_control__attr_parse_list_spaces(void **state)
{
	uint32_t mask = 0;

	(void)state;
	assert_int_equal(attr_parse_list(ATTR_TYPE,
					 "   #Preventive    #Detective  ",
					 &mask, NULL),
			 0);
	assert_int_equal(mask, (1u << 0) | (1u << 1));
}

static void test_control__attr_parse_list_unknown(void **state)
{
	const char *list = "#Preventive #Bogus #Detective";
	const char *bad = NULL;
	uint32_t mask = 0xabcdu;

	(void)state;
	assert_int_equal(attr_parse_list(ATTR_TYPE, list, &mask, &bad), -1);
	assert_ptr_equal(bad, list + 12);
	assert_int_equal(strncmp(bad, "#Bogus", 6), 0);
	/* The mask is not half-filled on failure. */
	assert_int_equal(mask, 0xabcdu);

	bad = NULL;
	list = "#Identify";
	assert_int_equal(attr_parse_list(ATTR_TYPE, list, &mask, &bad), -1);
	assert_ptr_equal(bad, list);

	/* A tag glued to another is not two tags. */
	list = "#Preventive#Detective";
	assert_int_equal(attr_parse_list(ATTR_TYPE, list, &mask, &bad), -1);
	assert_ptr_equal(bad, list);

	/* bad may be NULL. */
	assert_int_equal(attr_parse_list(ATTR_TYPE, "nope", &mask, NULL), -1);
}

static void test_control__theme_round_trip(void **state)
{
	static const char *const names[THEME_COUNT] = { "organizational",
							"people", "physical",
							"technological" };
	int i;

	(void)state;
	for (i = 0; i < THEME_COUNT; i++) {
		enum control_theme theme = THEME_COUNT;

		assert_string_equal(control_theme_name((enum control_theme)i),
				    names[i]);
		assert_int_equal(control_theme_parse(names[i], &theme), 0);
		assert_int_equal(theme, i);
	}
}

static void test_control__theme_unknown(void **state)
{
	enum control_theme theme = THEME_PEOPLE;

	(void)state;
	assert_int_equal(control_theme_parse("", &theme), -1);
	assert_int_equal(control_theme_parse("organisational", &theme), -1);
	assert_int_equal(control_theme_parse("technical", &theme), -1);
	assert_int_equal(control_theme_parse("peoples", &theme), -1);
}

static int sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

static void check_cmp(const char *a, const char *b, int want)
{
	int got = sign(control_id_cmp(a, b));
	int back = sign(control_id_cmp(b, a));

	if (got != want)
		fail_msg("control_id_cmp(\"%s\", \"%s\") = %d, expected %d", a,
			 b, got, want);
	/* Antisymmetric. */
	if (back != -want)
		fail_msg("control_id_cmp(\"%s\", \"%s\") = %d, expected %d", b,
			 a, back, -want);
}

static void test_control__id_cmp(void **state)
{
	(void)state;
	check_cmp("5.9", "5.10", -1);
	check_cmp("5.1", "5.2", -1);
	check_cmp("5.1", "5.1.1", -1);
	check_cmp("5.1.2", "5.1.10", -1);
	check_cmp("5.1", "5.1", 0);
	check_cmp("8.34", "8.34", 0);
	check_cmp("8.34", "5.37", 1);
	check_cmp("6.1", "5.37", 1);
	check_cmp("10.2", "9.1", 1);
	check_cmp("", "", 0);
}

static void test_control__id_cmp_non_numeric(void **state)
{
	(void)state;
	check_cmp("A.5.1", "A.5.2", -1);
	check_cmp("A.5.1", "A.5.1", 0);
	check_cmp("abc", "abd", -1);
	check_cmp("5.a", "5.b", -1);
	check_cmp("5.1", "A.5", -1);
	check_cmp("5.1a", "5.1b", -1);
}

static void test_control__id_cmp_long_parts(void **state)
{
	(void)state;
	/* Parts far beyond any real id neither overflow nor stop the walk. */
	check_cmp("1.99999999999999999999999.1", "1.99999999999999999999999.2",
		  -1);
	check_cmp("99999999999999999999", "5", 1);
	check_cmp("5.123456", "5.123457", -1);
	/* Numeric order holds for parts of any length. */
	check_cmp("1000000", "999999", 1);
	check_cmp("1234567", "1234568", -1);
	check_cmp("1000000", "100000", 1);
}

static int cmp_ids(const void *a, const void *b)
{
	return control_id_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_control__id_cmp_sorts(void **state)
{
	const char *ids[] = { "8.34", "5.10", "6.1", "5.9", "5.1",
			      "7.14", "5.37", "8.1", "5.2", "5.1.1" };
	static const char *const want[] = { "5.1",  "5.1.1", "5.2", "5.9",
					    "5.10", "5.37",  "6.1", "7.14",
					    "8.1",  "8.34" };
	size_t i;

	(void)state;
	qsort(ids, ARRAY_SIZE(ids), sizeof(ids[0]), cmp_ids);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		assert_string_equal(ids[i], want[i]);
}

static void test_control__has_attr(void **state)
{
	struct control c;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.attrs[ATTR_TYPE] = (1u << 0) | (1u << 2);
	c.attrs[ATTR_CAPABILITY] = 1u << 14;
	assert_int_equal(control_has_attr(&c, ATTR_TYPE, 0), 1);
	assert_int_equal(control_has_attr(&c, ATTR_TYPE, 1), 0);
	assert_int_equal(control_has_attr(&c, ATTR_TYPE, 2), 1);
	assert_int_equal(control_has_attr(&c, ATTR_CAPABILITY, 14), 1);
	assert_int_equal(control_has_attr(&c, ATTR_CAPABILITY, 13), 0);
	assert_int_equal(control_has_attr(&c, ATTR_DOMAIN, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control__attr_set_round_trip),
		cmocka_unit_test(test_control__attr_set_unknown),
		cmocka_unit_test(test_control__attr_value_count),
		cmocka_unit_test(test_control__attr_value_tag),
		cmocka_unit_test(test_control__attr_value_find_every_tag),
		cmocka_unit_test(test_control__attr_value_find),
		cmocka_unit_test(test_control__attr_value_find_unknown),
		cmocka_unit_test(test_control__attr_parse_list_empty),
		cmocka_unit_test(test_control__attr_parse_list),
		cmocka_unit_test(test_control__attr_parse_list_spaces),
		cmocka_unit_test(test_control__attr_parse_list_unknown),
		cmocka_unit_test(test_control__theme_round_trip),
		cmocka_unit_test(test_control__theme_unknown),
		cmocka_unit_test(test_control__id_cmp),
		cmocka_unit_test(test_control__id_cmp_non_numeric),
		cmocka_unit_test(test_control__id_cmp_long_parts),
		cmocka_unit_test(test_control__id_cmp_sorts),
		cmocka_unit_test(test_control__has_attr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
