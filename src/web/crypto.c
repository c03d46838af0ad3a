/* crypto.c: passwords, secrets and hashes; the only file using libsodium. */
#include "util/compat.h"
#include "web/crypto.h"

#include <sodium.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"

int password_library_init(struct error *err)
{
	if (sodium_init() < 0)
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	return 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX],
		  struct error *err)
{
	if (crypto_pwhash_STRBYTES > PASSWORD_HASH_MAX)
		BUG("password hash buffer too small");
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13))
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	return 0;
}

int password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_generate(char *out, size_t cap, int groups)
{
	/* No 0/o, 1/l/i: a generated password is read and typed by people. */
	static const char letters[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t n = 0;
	int g, i;

	for (g = 0; g < groups; g++) {
		if (g && n + 1 < cap)
			out[n++] = '-';
		for (i = 0; i < 4 && n + 1 < cap; i++)
			out[n++] = letters[randombytes_uniform(sizeof(letters) -
							       1)];
	}
	if (cap)
		out[n < cap ? n : cap - 1] = '\0';
}

void secret_token(char out[TOKEN_HEX + 1])
{
	unsigned char raw[TOKEN_HEX / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void sha256_bytes(const void *data, size_t len, unsigned char out[32])
{
	crypto_hash_sha256(out, data, len);
}

void sha256_hex(const void *data, size_t len, char out[TOKEN_HEX + 1])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, TOKEN_HEX + 1, digest, sizeof(digest));
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

void secret_random(void *buf, size_t len)
{
	randombytes_buf(buf, len);
}

void base64_encode(const void *data, size_t len, struct strbuf *out)
{
	size_t need =
		sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);

	strbuf_grow(out, need);
	sodium_bin2base64(out->buf + out->len, need, data, len,
			  sodium_base64_VARIANT_ORIGINAL);
	out->len += strlen(out->buf + out->len);
}

int base64_decode(const char *text, struct strbuf *out)
{
	size_t len = strlen(text), bin_len = 0;

	/* Three bytes for every four characters, at most. */
	strbuf_grow(out, len / 4 * 3 + 3);
	if (sodium_base642bin((unsigned char *)out->buf + out->len,
			      out->alloc - out->len - 1, text, len, NULL,
			      &bin_len, NULL, sodium_base64_VARIANT_ORIGINAL))
		return -1;
	out->len += bin_len;
	out->buf[out->len] = '\0';
	return 0;
}
