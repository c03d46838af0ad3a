/* parse.c: bounded parsing of numbers and dates from text. */
#include "util/compat.h"
#include "util/parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	/* strtol skips leading space; we want exact input only. */
	if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+'))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_int(const char *s, int min, int max, int *out)
{
	long v;

	if (parse_long(s, min, max, &v))
		return -1;
	*out = (int)v;
	return 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_is_valid(int year, int month, int day)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int max;

	if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1)
		return 0;
	max = mdays[month - 1] + (month == 2 && is_leap(year));
	return day <= max;
}

/* Parses exactly n ASCII digits at s into *v. */
static int digits(const char *s, int n, int *v)
{
	int i, r = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return 0;
}

int parse_date(const char *s, struct date *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (!date_is_valid(y, m, d))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

long date_to_days(const struct date *d)
{
	/* Howard Hinnant's days_from_civil, in proleptic Gregorian. */
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_from_days(long days, struct date *out)
{
	/* Howard Hinnant's civil_from_days, the inverse of the above. */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	out->year = (int)(yoe + era * 400 + (m <= 2));
	out->month = (int)m;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int parse_name(const char *const *names, int count, const char *name)
{
	int i;

	for (i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}
