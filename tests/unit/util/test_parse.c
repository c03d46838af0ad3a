/* test_parse.c: unit tests of util/parse.c. */
#include "util/compat.h"
#include "util/parse.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>

enum { UNTOUCHED = 12345 };

static void test_parse__int_valid(void **state)
{
	int v = 0;

	(void)state;
	assert_int_equal(parse_int("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int("7", 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(parse_int("+7", 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(parse_int("-7", -10, 10, &v), 0);
	assert_int_equal(v, -7);
	/* Decimal always: a leading zero does not mean octal. */
	assert_int_equal(parse_int("010", 0, 100, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_int("-0", -1, 1, &v), 0);
	assert_int_equal(v, 0);
}

static void test_parse__int_refused(void **state)
{
	static const char *const bad[] = {
		"",	" 5",  "5 ",  "\t5", "5\n", " ",     "-",
		"+",	"--5", "+-5", "-+5", "- 5", "5a",    "a5",
		"0x10", "1e3", "1.0", "1,0", "５",  "12abc",
	};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = UNTOUCHED;
		if (parse_int(bad[i], INT_MIN, INT_MAX, &v) != -1)
			fail_msg("parse_int accepted '%s'", bad[i]);
		assert_int_equal(v, UNTOUCHED);
	}
	v = UNTOUCHED;
	assert_int_equal(parse_int(NULL, INT_MIN, INT_MAX, &v), -1);
	assert_int_equal(v, UNTOUCHED);
}

static void test_parse__int_bounds_inclusive(void **state)
{
	int v = UNTOUCHED;

	(void)state;
	assert_int_equal(parse_int("1", 1, 3, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(parse_int("3", 1, 3, &v), 0);
	assert_int_equal(v, 3);
	v = UNTOUCHED;
	assert_int_equal(parse_int("0", 1, 3, &v), -1);
	assert_int_equal(parse_int("4", 1, 3, &v), -1);
	assert_int_equal(parse_int("-1", 0, 3, &v), -1);
	assert_int_equal(v, UNTOUCHED);
	assert_int_equal(parse_int("5", 5, 5, &v), 0);
	assert_int_equal(v, 5);
}

static void test_parse__int_limits(void **state)
{
	char s[64];
	int v = UNTOUCHED;

	(void)state;
	snprintf(s, sizeof(s), "%d", INT_MAX);
	assert_int_equal(parse_int(s, INT_MIN, INT_MAX, &v), 0);
	assert_int_equal(v, INT_MAX);
	snprintf(s, sizeof(s), "%d", INT_MIN);
	assert_int_equal(parse_int(s, INT_MIN, INT_MAX, &v), 0);
	assert_int_equal(v, INT_MIN);
	/* One past int's range is refused, even where long holds it. */
	v = UNTOUCHED;
	snprintf(s, sizeof(s), "%lld", (long long)INT_MAX + 1);
	assert_int_equal(parse_int(s, INT_MIN, INT_MAX, &v), -1);
	snprintf(s, sizeof(s), "%lld", (long long)INT_MIN - 1);
	assert_int_equal(parse_int(s, INT_MIN, INT_MAX, &v), -1);
	assert_int_equal(
		parse_int("99999999999999999999", INT_MIN, INT_MAX, &v), -1);
	assert_int_equal(v, UNTOUCHED);
}

static void test_parse__long_valid(void **state)
{
	char s[64];
	long v = 0;

	(void)state;
	assert_int_equal(parse_long("1234567", 0, LONG_MAX, &v), 0);
	assert_int_equal(v, 1234567);
	assert_int_equal(parse_long("-42", LONG_MIN, 0, &v), 0);
	assert_int_equal(v, -42);
	snprintf(s, sizeof(s), "%ld", LONG_MAX);
	assert_int_equal(parse_long(s, LONG_MIN, LONG_MAX, &v), 0);
	assert_true(v == LONG_MAX);
	snprintf(s, sizeof(s), "%ld", LONG_MIN);
	assert_int_equal(parse_long(s, LONG_MIN, LONG_MAX, &v), 0);
	assert_true(v == LONG_MIN);
}

static void test_parse__long_overflow(void **state)
{
	char s[64];
	long v = UNTOUCHED;

	(void)state;
	snprintf(s, sizeof(s), "%lu0", (unsigned long)LONG_MAX);
	assert_int_equal(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	snprintf(s, sizeof(s), "%lu", (unsigned long)LONG_MAX + 1);
	assert_int_equal(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	snprintf(s, sizeof(s), "-%lu", (unsigned long)LONG_MAX + 2);
	assert_int_equal(parse_long(s, LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(parse_long("-99999999999999999999999", LONG_MIN,
				    LONG_MAX, &v),
			 -1);
	assert_int_equal(v, UNTOUCHED);
}

static void test_parse__long_refused(void **state)
{
	long v = UNTOUCHED;

	(void)state;
	assert_int_equal(parse_long(NULL, 0, 10, &v), -1);
	assert_int_equal(parse_long("", 0, 10, &v), -1);
	assert_int_equal(parse_long(" 1", 0, 10, &v), -1);
	assert_int_equal(parse_long("1 ", 0, 10, &v), -1);
	assert_int_equal(parse_long("1x", 0, 10, &v), -1);
	assert_int_equal(parse_long("11", 0, 10, &v), -1);
	assert_int_equal(parse_long("-1", 0, 10, &v), -1);
	assert_int_equal(v, UNTOUCHED);
}

static void test_parse__date_valid(void **state)
{
	struct date d;

	(void)state;
	assert_int_equal(parse_date("2024-05-17", &d), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 5);
	assert_int_equal(d.day, 17);
	assert_int_equal(parse_date("1999-12-31", &d), 0);
	assert_int_equal(d.year, 1999);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 31);
	assert_int_equal(parse_date("2023-04-30", &d), 0);
	assert_int_equal(parse_date("2023-01-31", &d), 0);
	assert_int_equal(parse_date("2023-02-28", &d), 0);
}

static void test_parse__date_leap_years(void **state)
{
	struct date d;

	(void)state;
	assert_int_equal(parse_date("2024-02-29", &d), 0);
	assert_int_equal(d.day, 29);
	assert_int_equal(parse_date("2000-02-29", &d), 0);
	assert_int_equal(parse_date("2023-02-29", &d), -1);
	assert_int_equal(parse_date("1900-02-29", &d), -1);
	assert_int_equal(parse_date("2100-02-29", &d), -1);
	assert_int_equal(parse_date("2400-02-29", &d), 0);
	assert_int_equal(parse_date("2024-02-30", &d), -1);
	assert_int_equal(date_is_valid(2024, 2, 29), 1);
	assert_int_equal(date_is_valid(2023, 2, 29), 0);
	assert_int_equal(date_is_valid(1900, 2, 29), 0);
	assert_int_equal(date_is_valid(2000, 2, 29), 1);
}

static void test_parse__date_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"2024/05/17",
		"2024.05.17",
		"2024-05/17",
		"20240517",
		"2024-5-17",
		"2024-05-7",
		"2024-05-170",
		"02024-05-17",
		"24-05-17",
		"2024-05-17 ",
		" 2024-05-17",
		"2024-05-17T00:00:00Z",
		"2024-0a-17",
		"2024-05-1a",
		"+024-05-17",
		"-024-05-17",
		"2024--5-17",
		"2024-00-10",
		"2024-13-10",
		"2024-01-00",
		"2024-01-32",
		"2024-04-31",
		"2024-06-31",
		"2024-09-31",
		"2024-11-31",
		"1899-12-31",
		"0000-01-01",
		"10000-01-01",
		"２０２４-05-17",
	};
	struct date d = { UNTOUCHED, UNTOUCHED, UNTOUCHED };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (parse_date(bad[i], &d) != -1)
			fail_msg("parse_date accepted '%s'", bad[i]);
	assert_int_equal(parse_date(NULL, &d), -1);
	assert_int_equal(d.year, UNTOUCHED);
	assert_int_equal(d.month, UNTOUCHED);
	assert_int_equal(d.day, UNTOUCHED);
}

static void test_parse__date_year_bounds(void **state)
{
	struct date d;

	(void)state;
	assert_int_equal(parse_date("1900-01-01", &d), 0);
	assert_int_equal(d.year, 1900);
	assert_int_equal(parse_date("9999-12-31", &d), 0);
	assert_int_equal(d.year, 9999);
	assert_int_equal(parse_date("1899-12-31", &d), -1);
	assert_int_equal(date_is_valid(1899, 12, 31), 0);
	assert_int_equal(date_is_valid(1900, 1, 1), 1);
	assert_int_equal(date_is_valid(9999, 12, 31), 1);
	assert_int_equal(date_is_valid(10000, 1, 1), 0);
	assert_int_equal(date_is_valid(2024, 0, 1), 0);
	assert_int_equal(date_is_valid(2024, 13, 1), 0);
	assert_int_equal(date_is_valid(2024, 1, 0), 0);
	assert_int_equal(date_is_valid(2024, 1, -1), 0);
	assert_int_equal(date_is_valid(2024, -1, 1), 0);
}

static void test_parse__date_to_days(void **state)
{
	static const struct {
		struct date d;
		long days;
	} cases[] = {
		{ { 1970, 1, 1 }, 0 },	    { { 1970, 1, 2 }, 1 },
		{ { 1969, 12, 31 }, -1 },   { { 2000, 2, 29 }, 11016 },
		{ { 2000, 3, 1 }, 11017 },  { { 2024, 2, 29 }, 19782 },
		{ { 1900, 1, 1 }, -25567 }, { { 9999, 12, 31 }, 2932896 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		long got = date_to_days(&cases[i].d);

		if (got != cases[i].days)
			fail_msg("%04d-%02d-%02d: %ld days, expected %ld",
				 cases[i].d.year, cases[i].d.month,
				 cases[i].d.day, got, cases[i].days);
	}
}

static void test_parse__date_to_days_ordering(void **state)
{
	struct date d;
	long prev = 0;
	int first = 1;

	(void)state;
	/* Every real day from 1900 to 2100 is exactly one after the last. */
	for (d.year = 1900; d.year <= 2100; d.year++) {
		for (d.month = 1; d.month <= 12; d.month++) {
			for (d.day = 1; d.day <= 31; d.day++) {
				long days;

				if (!date_is_valid(d.year, d.month, d.day))
					continue;
				days = date_to_days(&d);
				if (!first && days != prev + 1)
					fail_msg(
						"%04d-%02d-%02d: %ld after %ld",
						d.year, d.month, d.day, days,
						prev);
				prev = days;
				first = 0;
			}
		}
	}
	assert_int_equal(first, 0);
}

static void test_parse__date_to_days_year_zero(void **state)
{
	static const struct {
		struct date d;
		long days;
	} cases[] = {
		{ { 0, 3, 1 }, -719468 },    { { 0, 2, 29 }, -719469 },
		{ { 0, 1, 1 }, -719528 },    { { -1, 12, 31 }, -719529 },
		{ { -400, 1, 1 }, -865625 },
	};
	size_t i;

	(void)state;
	/*
	 * Parsed dates start in 1900, but date_to_days() is proleptic
	 * Gregorian for any year; before 0000-03-01 its era is negative.
	 */
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		long got = date_to_days(&cases[i].d);

		if (got != cases[i].days)
			fail_msg("%04d-%02d-%02d: %ld days, expected %ld",
				 cases[i].d.year, cases[i].d.month,
				 cases[i].d.day, got, cases[i].days);
	}
}

static void test_parse__date_from_days(void **state)
{
	struct date d, back;
	long days;

	(void)state;
	/* The inverse of date_to_days() over every day of 1900-01-01 (the
	 * first date date_is_valid() takes) … 2101, and at the year-zero era
	 * boundary below. */
	for (days = -25567; days <= 48000; days++) {
		date_from_days(days, &d);
		if (!date_is_valid(d.year, d.month, d.day) ||
		    date_to_days(&d) != days)
			fail_msg("%ld: %04d-%02d-%02d", days, d.year, d.month,
				 d.day);
	}
	date_from_days(-719468, &back);
	assert_int_equal(back.year, 0);
	assert_int_equal(back.month, 3);
	assert_int_equal(back.day, 1);
	date_from_days(19782, &back);
	assert_int_equal(back.year, 2024);
	assert_int_equal(back.month, 2);
	assert_int_equal(back.day, 29);
}

static void test_parse__parse_name(void **state)
{
	static const char *const names[] = { "executive", "security_lead",
					     "sysadmin" };

	(void)state;
	assert_int_equal(parse_name(names, 3, "executive"), 0);
	assert_int_equal(parse_name(names, 3, "security_lead"), 1);
	assert_int_equal(parse_name(names, 3, "sysadmin"), 2);
	assert_int_equal(parse_name(names, 3, "Executive"), -1);
	assert_int_equal(parse_name(names, 3, "exec"), -1);
	assert_int_equal(parse_name(names, 3, "executive "), -1);
	assert_int_equal(parse_name(names, 3, ""), -1);
	/* Only the first count names are searched. */
	assert_int_equal(parse_name(names, 2, "sysadmin"), -1);
	assert_int_equal(parse_name(names, 0, "executive"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse__int_valid),
		cmocka_unit_test(test_parse__int_refused),
		cmocka_unit_test(test_parse__int_bounds_inclusive),
		cmocka_unit_test(test_parse__int_limits),
		cmocka_unit_test(test_parse__long_valid),
		cmocka_unit_test(test_parse__long_overflow),
		cmocka_unit_test(test_parse__long_refused),
		cmocka_unit_test(test_parse__date_valid),
		cmocka_unit_test(test_parse__date_leap_years),
		cmocka_unit_test(test_parse__date_refused),
		cmocka_unit_test(test_parse__date_year_bounds),
		cmocka_unit_test(test_parse__date_to_days),
		cmocka_unit_test(test_parse__date_to_days_ordering),
		cmocka_unit_test(test_parse__date_to_days_year_zero),
		cmocka_unit_test(test_parse__date_from_days),
		cmocka_unit_test(test_parse__parse_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
