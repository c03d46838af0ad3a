/* validate.h: field rules shared by the web forms, the API and the CLI. */
#ifndef MAMORI_CORE_VALIDATE_H
#define MAMORI_CORE_VALIDATE_H

#include <stddef.h>

struct error;

/*
 * Checks that value is well-formed UTF-8 without control characters and
 * holds between min and max characters (code points).  On failure fills
 * err with ERROR_INPUT naming field (a message key such as
 * "field.org_name") and the value, and returns -1.
 */
int validate_text(const char *field, const char *value, size_t min, size_t max,
		  struct error *err);

/*
 * The same for a text of several lines (notes, reasons, tasks): line
 * feeds are allowed, other controls (a carriage return too) are not.
 */
int validate_lines(const char *field, const char *value, size_t min, size_t max,
		   struct error *err);

/*
 * Checks a login e-mail address: one '@', a non-empty local part and a
 * domain with a dot, printable ASCII only, at most 254 bytes.
 */
int validate_email(const char *field, const char *value, struct error *err);

#endif
