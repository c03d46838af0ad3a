/* pwcheck.c: password strength; the only file that includes pwquality.h. */
#include "util/compat.h"
#include "web/pwcheck.h"

#include <pwquality.h>

#include "util/error.h"
#include "util/utf8.h"

int pwcheck(const char *password, const char *email, struct error *err)
{
	pwquality_settings_t *pq;
	void *aux = NULL; /* owned by libpwquality: never freed here */
	int score;

	if (strlen(password) > PASSWORD_MAX_BYTES)
		return error_set(err, ERROR_INPUT, "password.too_long", NULL);
	if (utf8_count(password, strlen(password)) < PASSWORD_MIN_CHARS)
		return error_set(err, ERROR_INPUT, "password.too_short", "12",
				 NULL);
	pq = pwquality_default_settings();
	if (!pq)
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	/*
	 * Length is the rule; classes and credits are switched off so a
	 * plain passphrase passes, while dictionary words, palindromes and
	 * the user's own name still fail.
	 */
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_LENGTH, PASSWORD_MIN_CHARS);
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_CLASS, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_DIG_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_UP_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_LOW_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_OTH_CREDIT, 0);
	score = pwquality_check(pq, password, NULL, email, &aux);
	pwquality_free_settings(pq);
	if (score == PWQ_ERROR_CRACKLIB_CHECK && !aux)
		return error_set(err, ERROR_INTERNAL, "password.no_dictionary",
				 NULL);
	/* libpwquality's own checks pass "password1234" (score 22); its
	 * score is what tells such a password from a passphrase (100). */
	if (score < PASSWORD_MIN_SCORE)
		return error_set(err, ERROR_INPUT, "password.weak", NULL);
	return 0;
}
