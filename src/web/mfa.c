/* mfa.c: TOTP second factor; the only file that includes liboath. */
#include "util/compat.h"
#include "web/mfa.h"

#include <liboath/oath.h>

#include "util/error.h"
#include "web/crypto.h"

int mfa_library_init(struct error *err)
{
	if (oath_init() != OATH_OK)
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	return 0;
}

void mfa_secret_new(char out[MFA_SECRET_B32 + 1])
{
	unsigned char raw[20];
	char *b32 = NULL;
	size_t len = 0;

	secret_random(raw, sizeof(raw));
	if (oath_base32_encode((const char *)raw, sizeof(raw), &b32, &len) !=
		    OATH_OK ||
	    len != MFA_SECRET_B32)
		BUG("base32 encoding failed");
	memcpy(out, b32, MFA_SECRET_B32);
	out[MFA_SECRET_B32] = '\0';
	free(b32);
}

/* Decodes secret into raw bytes; returns the length or 0. */
static size_t decode(const char *secret_b32, char **raw)
{
	size_t len = 0;

	*raw = NULL;
	if (oath_base32_decode(secret_b32, strlen(secret_b32), raw, &len) !=
	    OATH_OK)
		return 0;
	return len;
}

int mfa_check(const char *secret_b32, const char *code, int64_t now)
{
	char *raw;
	size_t len = decode(secret_b32, &raw);
	int rc, i;

	if (!len)
		return 0;
	/* raw is the caller's to free from here on, also when the code is
	 * refused for its length (found by tests/fuzz/fuzz_pages.c). */
	if (strlen(code) != 6) {
		free(raw);
		return 0;
	}
	for (i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9') {
			free(raw);
			return 0;
		}
	rc = oath_totp_validate(raw, len, (time_t)now,
				OATH_TOTP_DEFAULT_TIME_STEP_SIZE,
				OATH_TOTP_DEFAULT_START_TIME, 1, code);
	free(raw);
	return rc >= 0;
}

int mfa_code(const char *secret_b32, int64_t now, char out[7])
{
	char *raw;
	size_t len = decode(secret_b32, &raw);
	int rc;

	if (!len)
		return -1;
	rc = oath_totp_generate(raw, len, (time_t)now,
				OATH_TOTP_DEFAULT_TIME_STEP_SIZE,
				OATH_TOTP_DEFAULT_START_TIME, 6, out);
	free(raw);
	return rc == OATH_OK ? 0 : -1;
}
