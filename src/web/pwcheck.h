/* pwcheck.h: password strength through libpwquality. */
#ifndef MAMORI_WEB_PWCHECK_H
#define MAMORI_WEB_PWCHECK_H

struct error;

enum {
	PASSWORD_MIN_CHARS = 12,
	PASSWORD_MAX_BYTES = 1024,
	PASSWORD_MIN_SCORE = 40, /* of libpwquality's 0 … 100 */
};

/*
 * Checks a new password: at least PASSWORD_MIN_CHARS characters, not a
 * dictionary word or a simple pattern, not containing the user's e-mail.
 * No composition rules are forced (a long passphrase is the best
 * password).  Returns 0, or -1 with ERROR_INPUT saying why.
 */
int pwcheck(const char *password, const char *email, struct error *err);

#endif
