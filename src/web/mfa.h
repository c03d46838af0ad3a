/* mfa.h: time-based one-time passwords (RFC 6238) through liboath. */
#ifndef MAMORI_WEB_MFA_H
#define MAMORI_WEB_MFA_H

#include <stdint.h>

struct error;

enum { MFA_SECRET_B32 = 32 }; /* 160-bit secret in base32, no padding */

int mfa_library_init(struct error *err);
/* Makes a new random secret, base32 as authenticator apps expect. */
void mfa_secret_new(char out[MFA_SECRET_B32 + 1]);
/*
 * Returns 1 when code (6 digits) is valid for secret at time now,
 * allowing one 30-second step of clock drift either way; 0 otherwise.
 */
int mfa_check(const char *secret_b32, const char *code, int64_t now);
/* The code for secret at now (tests and the CLI use it). */
int mfa_code(const char *secret_b32, int64_t now, char out[7]);

#endif
