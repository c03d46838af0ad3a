/* password.h: password hashing and secret generation (libsodium). */
#ifndef MAMORI_WEB_PASSWORD_H
#define MAMORI_WEB_PASSWORD_H

#include <stddef.h>

struct error;

/* Starts libsodium once per process; returns 0 or -1 (ERROR_INTERNAL). */
int password_library_init(struct error *err);

enum { PASSWORD_HASH_MAX = 128 };

/*
 * Hashes password with argon2id (libsodium's interactive limits) into
 * out, NUL-terminated in libsodium's encoded form with salt and costs.
 */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX],
		  struct error *err);
/* Returns 1 when password matches hash, 0 otherwise (constant time). */
int password_verify(const char *hash, const char *password);

/*
 * Writes a random passphrase of groups four-letter groups joined by '-'
 * (letters without look-alikes), NUL-terminated, into out of size cap.
 * About 18 bits per group; 6 groups give more than 100 bits.
 */
void password_generate(char *out, size_t cap, int groups);

#endif
