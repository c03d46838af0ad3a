/* validate.c: field rules shared by the web forms, the API and the CLI. */
#include "util/compat.h"
#include "core/validate.h"

#include <stdio.h>
#include <string.h>

#include "util/error.h"
#include "util/utf8.h"

/* Returns 1 when s holds a C0 control (but \n when lines), DEL or C1. */
static int has_control(const char *s, size_t len, int lines)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n)
			return 1;
		if ((cp < 0x20 && !(lines && cp == '\n')) || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0))
			return 1;
		i += n;
	}
	return 0;
}

static int check_text(const char *field, const char *value, size_t min,
		      size_t max, int lines, struct error *err)
{
	size_t len = strlen(value), count;
	char num[32];

	if (!utf8_valid(value, len))
		return error_set(err, ERROR_INPUT, "input.bad_utf8", field,
				 NULL);
	if (has_control(value, len, lines))
		return error_set(err, ERROR_INPUT, "input.control_char", field,
				 value, NULL);
	count = utf8_count(value, len);
	if (count < min) {
		if (!count)
			return error_set(err, ERROR_INPUT, "input.required",
					 field, NULL);
		snprintf(num, sizeof(num), "%zu", min);
		return error_set(err, ERROR_INPUT, "input.too_short", field,
				 value, num, NULL);
	}
	if (count > max) {
		snprintf(num, sizeof(num), "%zu", max);
		return error_set(err, ERROR_INPUT, "input.too_long", field,
				 value, num, NULL);
	}
	return 0;
}

int validate_text(const char *field, const char *value, size_t min, size_t max,
		  struct error *err)
{
	return check_text(field, value, min, max, 0, err);
}

int validate_lines(const char *field, const char *value, size_t min, size_t max,
		   struct error *err)
{
	return check_text(field, value, min, max, 1, err);
}

int validate_email(const char *field, const char *value, struct error *err)
{
	const char *at = strchr(value, '@');
	const char *p;
	size_t len = strlen(value);

	if (!len)
		return error_set(err, ERROR_INPUT, "input.required", field,
				 NULL);
	for (p = value; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			goto bad;
	if (len > 254 || !at || at == value || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.') || at[1] == '.' || value[len - 1] == '.')
		goto bad;
	return 0;
bad:
	return error_set(err, ERROR_INPUT, "input.bad_email", field, value,
			 NULL);
}
