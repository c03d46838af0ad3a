/*
 * seal.h: files sealed with a passphrase (libsodium's door for backups).
 *
 * A sealed file is the plain file encrypted as a secretstream under a key
 * that argon2id derives from the passphrase:
 *
 *   0   8  "MAMORIBK"          (the backup magic, so a sealed file is
 *   8   1  format version 1     recognised as a mamori backup)
 *   9   1  mode 1 (sealed)
 *   10  2  zero
 *   12  4  argon2id opslimit, big-endian
 *   16  8  argon2id memlimit in bytes, big-endian
 *   24 16  salt
 *   40 24  secretstream header
 *   64 …   chunks: a 4-byte big-endian length, then that many bytes of
 *          ciphertext (at most SEAL_CHUNK bytes of plain text each); the
 *          first chunk authenticates bytes 0–63 as additional data, the
 *          last carries the FINAL tag and nothing may follow it.
 *
 * So a wrong passphrase (or a changed header) fails on the first chunk,
 * a flipped byte fails its chunk, and a cut-off file lacks the final tag.
 */
#ifndef MAMORI_WEB_SEAL_H
#define MAMORI_WEB_SEAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct error;

enum {
	SEAL_HEADER = 64,	/* bytes before the first chunk */
	SEAL_CHUNK = 64 * 1024, /* plain bytes per chunk */
	SEAL_PASSPHRASE_MIN = 8,
};

/*
 * Seals everything from in (read to its end) into out.  opslimit and
 * memlimit 0 take libsodium's moderate argon2id limits (about 256 MiB and
 * under a second); tests pass the minimum.  Fails with
 * "backup.passphrase_short" or "backup.write_failed".
 */
int seal_file(FILE *in, FILE *out, const char *passphrase, uint64_t opslimit,
	      uint64_t memlimit, struct error *err);

/*
 * Opens the sealed file in (positioned at its start) into out.  Fails
 * with ERROR_INPUT "backup.wrong_passphrase" (the first chunk does not
 * open: a wrong passphrase or a changed header), "backup.damaged" (a
 * later chunk does not open), "backup.truncated" (the file ends before
 * the final chunk), "backup.bad_header" (limits no backup of ours uses)
 * or "backup.write_failed".
 */
int unseal_file(FILE *in, FILE *out, const char *passphrase, struct error *err);

/* SHA-256 of a stream of bytes, as lower-case hex. */
struct sha256_stream;
struct sha256_stream *sha256_stream_new(void);
void sha256_stream_add(struct sha256_stream *s, const void *data, size_t len);
/* Writes 64 hex digits and a NUL into out and frees s. */
void sha256_stream_end(struct sha256_stream *s, char out[65]);

#endif
