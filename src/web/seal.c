/*
 * seal.c: files sealed with a passphrase.  The second door to libsodium
 * beside crypto.c: streaming encryption of whole files is a different
 * job from passwords and tokens, and keeps crypto.c small.
 */
#include "util/compat.h"
#include "web/seal.h"

#include <errno.h>
#include <sodium.h>

#include "util/alloc.h"
#include "util/error.h"

#define SEAL_MAGIC "MAMORIBK"

/* The largest limits a file may ask for: libsodium's sensitive ones. */
#define MAX_OPSLIMIT crypto_pwhash_OPSLIMIT_SENSITIVE
#define MAX_MEMLIMIT crypto_pwhash_MEMLIMIT_SENSITIVE

static void put_be(unsigned char *p, uint64_t v, int bytes)
{
	int i;

	for (i = bytes - 1; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t get_be(const unsigned char *p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

static int write_failed(struct error *err)
{
	return error_set(err, ERROR_INTERNAL, "backup.write_failed",
			 strerror(errno), NULL);
}

static int
derive(unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
       const char *passphrase, const unsigned char *salt, uint64_t ops,
       uint64_t mem, struct error *err)
{
	if (crypto_pwhash(key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
			  passphrase, strlen(passphrase), salt,
			  (unsigned long long)ops, (size_t)mem,
			  crypto_pwhash_ALG_ARGON2ID13))
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	return 0;
}

int seal_file(FILE *in, FILE *out, const char *passphrase, uint64_t ops,
	      uint64_t mem, struct error *err)
{
	unsigned char head[SEAL_HEADER],
		key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *plain, *cipher, len[4];
	size_t n, next;
	int first = 1, rc = -1;

	if (sodium_init() < 0)
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	if (strlen(passphrase) < SEAL_PASSPHRASE_MIN)
		return error_set(err, ERROR_INPUT, "backup.passphrase_short",
				 "8", NULL);
	if (!ops)
		ops = crypto_pwhash_OPSLIMIT_MODERATE;
	if (!mem)
		mem = crypto_pwhash_MEMLIMIT_MODERATE;
	memset(head, 0, sizeof(head));
	memcpy(head, SEAL_MAGIC, 8);
	head[8] = 1;
	head[9] = 1;
	put_be(head + 12, ops, 4);
	put_be(head + 16, mem, 8);
	randombytes_buf(head + 24, crypto_pwhash_SALTBYTES);
	if (derive(key, passphrase, head + 24, ops, mem, err))
		return -1;
	crypto_secretstream_xchacha20poly1305_init_push(&st, head + 40, key);
	sodium_memzero(key, sizeof(key));
	if (fwrite(head, 1, sizeof(head), out) != sizeof(head))
		return write_failed(err);
	plain = xmalloc(2 * SEAL_CHUNK);
	cipher = xmalloc(SEAL_CHUNK +
			 crypto_secretstream_xchacha20poly1305_ABYTES);
	/* One chunk read ahead, so the last one can carry the FINAL tag. */
	n = fread(plain, 1, SEAL_CHUNK, in);
	for (;;) {
		unsigned long long clen;
		unsigned char tag;

		next = n == SEAL_CHUNK
			       ? fread(plain + SEAL_CHUNK, 1, SEAL_CHUNK, in)
			       : 0;
		if (ferror(in)) {
			error_set(err, ERROR_INTERNAL, "backup.read_failed",
				  strerror(errno), NULL);
			goto out;
		}
		tag = next ? 0
			   : crypto_secretstream_xchacha20poly1305_TAG_FINAL;
		crypto_secretstream_xchacha20poly1305_push(
			&st, cipher, &clen, plain, n, first ? head : NULL,
			first ? sizeof(head) : 0, tag);
		first = 0;
		put_be(len, clen, 4);
		if (fwrite(len, 1, 4, out) != 4 ||
		    fwrite(cipher, 1, (size_t)clen, out) != (size_t)clen) {
			write_failed(err);
			goto out;
		}
		if (!next)
			break;
		memmove(plain, plain + SEAL_CHUNK, next);
		n = next;
	}
	rc = 0;
out:
	sodium_memzero(&st, sizeof(st));
	free(plain);
	free(cipher);
	return rc;
}

int unseal_file(FILE *in, FILE *out, const char *passphrase, struct error *err)
{
	unsigned char head[SEAL_HEADER],
		key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *plain = NULL, *cipher = NULL, len[4];
	uint64_t ops, mem;
	int first = 1, rc = -1;

	if (sodium_init() < 0)
		return error_set(err, ERROR_INTERNAL, "system.crypto", NULL);
	if (fread(head, 1, sizeof(head), in) != sizeof(head))
		return error_set(err, ERROR_INPUT, "backup.truncated", NULL);
	ops = get_be(head + 12, 4);
	mem = get_be(head + 16, 8);
	if (memcmp(head, SEAL_MAGIC, 8) || head[9] != 1 ||
	    ops < crypto_pwhash_OPSLIMIT_MIN || ops > MAX_OPSLIMIT ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > MAX_MEMLIMIT)
		return error_set(err, ERROR_INPUT, "backup.bad_header", NULL);
	if (derive(key, passphrase, head + 24, ops, mem, err))
		return -1;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, head + 40,
							    key)) {
		sodium_memzero(key, sizeof(key));
		return error_set(err, ERROR_INPUT, "backup.wrong_passphrase",
				 NULL);
	}
	sodium_memzero(key, sizeof(key));
	plain = xmalloc(SEAL_CHUNK);
	cipher = xmalloc(SEAL_CHUNK +
			 crypto_secretstream_xchacha20poly1305_ABYTES);
	for (;;) {
		unsigned long long plen;
		unsigned char tag = 0;
		uint64_t clen;

		if (fread(len, 1, 4, in) != 4) {
			error_set(err, ERROR_INPUT, "backup.truncated", NULL);
			goto out;
		}
		clen = get_be(len, 4);
		if (clen < crypto_secretstream_xchacha20poly1305_ABYTES ||
		    clen > SEAL_CHUNK +
				    crypto_secretstream_xchacha20poly1305_ABYTES) {
			error_set(err, ERROR_INPUT,
				  first ? "backup.wrong_passphrase"
					: "backup.damaged",
				  NULL);
			goto out;
		}
		if (fread(cipher, 1, (size_t)clen, in) != (size_t)clen) {
			error_set(err, ERROR_INPUT, "backup.truncated", NULL);
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(
			    &st, plain, &plen, &tag, cipher, clen,
			    first ? head : NULL, first ? sizeof(head) : 0)) {
			/* The first chunk is where the key shows itself. */
			error_set(err, ERROR_INPUT,
				  first ? "backup.wrong_passphrase"
					: "backup.damaged",
				  NULL);
			goto out;
		}
		first = 0;
		if (fwrite(plain, 1, (size_t)plen, out) != (size_t)plen) {
			write_failed(err);
			goto out;
		}
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
	}
	/* Bytes after the final chunk were not sealed by us. */
	if (fgetc(in) != EOF) {
		error_set(err, ERROR_INPUT, "backup.damaged", NULL);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(&st, sizeof(st));
	if (plain)
		sodium_memzero(plain, SEAL_CHUNK);
	free(plain);
	free(cipher);
	return rc;
}

struct sha256_stream {
	crypto_hash_sha256_state st;
};

struct sha256_stream *sha256_stream_new(void)
{
	struct sha256_stream *s = xmalloc(sizeof(*s));

	crypto_hash_sha256_init(&s->st);
	return s;
}

void sha256_stream_add(struct sha256_stream *s, const void *data, size_t len)
{
	crypto_hash_sha256_update(&s->st, data, len);
}

void sha256_stream_end(struct sha256_stream *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(&s->st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
	free(s);
}
