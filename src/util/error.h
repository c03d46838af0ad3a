/* error.h: errors as values, with a message key and its arguments. */
#ifndef MAMORI_UTIL_ERROR_H
#define MAMORI_UTIL_ERROR_H

/*
 * The kind of failure; the front doors map it to an HTTP status or an exit
 * code.  Everything but ERROR_INTERNAL is the user's to fix.
 */
enum error_code {
	ERROR_NONE = 0,
	ERROR_INPUT,	 /* malformed or out-of-range input (400, exit 1) */
	ERROR_NOT_FOUND, /* the thing named does not exist (404, exit 1) */
	ERROR_CONFLICT,	 /* it exists already or the state forbids it (409) */
	ERROR_DENIED,	 /* not allowed for this user (403) */
	ERROR_STORE,	 /* the data file cannot be used (500, exit 1) */
	ERROR_INTERNAL,	 /* a system call failed (500, exit 1) */
};

enum { ERROR_ARGS_MAX = 4, ERROR_ARG_LEN = 256, ERROR_KEY_LEN = 64 };

/*
 * A message is not text but a key of data/i18n/messages.tsv plus up to four
 * arguments ({1} … {4} in the message), so the same error is shown in
 * Japanese or English by whoever reports it.  An argument that is itself a
 * key (such as "field.org_name") is translated when the message is shown.
 */
struct error {
	enum error_code code;
	char key[ERROR_KEY_LEN];
	int argc;
	char args[ERROR_ARGS_MAX][ERROR_ARG_LEN];
};

#define ERROR_INIT                 \
	{                          \
		ERROR_NONE, "", 0, \
		{                  \
			""         \
		}                  \
	}

/*
 * Records code, key and the NULL-terminated string arguments in err (which
 * may be NULL) and returns -1, so `return error_set(...)` reports failure.
 * Arguments longer than ERROR_ARG_LEN are cut at a character boundary.
 */
int error_set(struct error *err, enum error_code code, const char *key, ...)
	__attribute__((sentinel));
/* Returns err to ERROR_INIT. */
void error_clear(struct error *err);

#endif
