/* parse.h: bounded parsing of numbers and dates from text. */
#ifndef MAMORI_UTIL_PARSE_H
#define MAMORI_UTIL_PARSE_H

/*
 * Parses all of s as a decimal integer in [min, max] into *out.  Leading
 * and trailing white space, an empty string, trailing garbage and values
 * out of range are refused.  Returns 0 on success, -1 otherwise (and *out
 * is untouched).
 */
int parse_long(const char *s, long min, long max, long *out);
int parse_int(const char *s, int min, int max, int *out);

/* A calendar date without time zone. */
struct date {
	int year;  /* 1900 … 9999 */
	int month; /* 1 … 12 */
	int day;   /* 1 … days in month */
};

/* Parses an ISO 8601 calendar date "YYYY-MM-DD"; returns 0 or -1. */
int parse_date(const char *s, struct date *out);
/* Returns 1 when y-m-d is a real date in the years 1900 … 9999. */
int date_is_valid(int year, int month, int day);
/* Days since 1970-01-01 (negative before), for comparing dates. */
long date_to_days(const struct date *d);
/* The date days after 1970-01-01: the inverse of date_to_days(). */
void date_from_days(long days, struct date *out);

/*
 * Finds name in a fixed table of count names (an enum's spellings) and
 * returns its index, or -1 when it is not there.
 */
int parse_name(const char *const *names, int count, const char *name);

#endif
