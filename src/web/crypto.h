/* crypto.h: passwords, random secrets and hashes (libsodium's door). */
#ifndef MAMORI_WEB_CRYPTO_H
#define MAMORI_WEB_CRYPTO_H

#include <stddef.h>

struct error;
struct strbuf;

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

enum { TOKEN_HEX = 64 }; /* 256 random bits as lowercase hex */

/* Writes 256 random bits as TOKEN_HEX hex digits plus NUL into out. */
void secret_token(char out[TOKEN_HEX + 1]);
/* Writes the SHA-256 of len bytes of data as 64 hex digits plus NUL. */
void sha256_hex(const void *data, size_t len, char out[TOKEN_HEX + 1]);
/* SHA-256 into 32 bytes; fits core/audit.h's audit_sha256_fn. */
void sha256_bytes(const void *data, size_t len, unsigned char out[32]);
/* Fills len bytes of buf with random bytes. */
void secret_random(void *buf, size_t len);
/*
 * Bytes as base64 text (for keeping an uploaded file in a TEXT column
 * until it is imported), and back.  base64_decode fails (-1) on text that
 * is not base64.
 */
void base64_encode(const void *data, size_t len, struct strbuf *out);
int base64_decode(const char *text, struct strbuf *out);

/* Compares two strings in time that depends only on their lengths. */
int secret_equal(const char *a, const char *b);

#endif
