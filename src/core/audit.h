/* audit.h: audit trail events and their hash chain, as values. */
#ifndef MAMORI_CORE_AUDIT_H
#define MAMORI_CORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

enum { AUDIT_HASH_HEX = 64 }; /* SHA-256 in lowercase hex */

/*
 * One append-only event.  Each organisation has its own chain (org_id 0
 * holds events outside any organisation, such as a failed login for an
 * unknown address): seq counts from 1 and hash covers prev_hash and every
 * field, so changing, removing or reordering an event breaks the chain.
 */
struct audit_event {
	int64_t id;
	int64_t org_id;
	int64_t seq;
	int64_t at;	    /* Unix seconds */
	int64_t account_id; /* 0 when nobody is logged in */
	const char *actor;  /* e-mail address, or "system" */
	const char *client; /* network address, or "cli" */
	const char *action; /* "login", "login.failed", "org.create" … */
	const char *target; /* "account:3", "organisation:1" … */
	const char *before; /* JSON of the old state, or "" */
	const char *after;  /* JSON of the new state, or "" */
	char prev_hash[AUDIT_HASH_HEX + 1];
	char hash[AUDIT_HASH_HEX + 1];
};

/* A SHA-256 function: the caller brings the cryptography. */
typedef void audit_sha256_fn(const void *data, size_t len,
			     unsigned char out[32]);

/* The prev_hash of the first event of every chain: 64 zeros. */
extern const char audit_genesis[AUDIT_HASH_HEX + 1];

/*
 * Appends the canonical bytes that the hash covers: every field as
 * "name=" length ":" bytes, in a fixed order, so no two different events
 * serialise alike.
 */
void audit_canonical(const struct audit_event *ev, struct strbuf *out);

/* Computes ev->hash from ev->prev_hash and the fields. */
void audit_seal(struct audit_event *ev, audit_sha256_fn *sha256);

/* Returns 1 when ev->hash is right for its fields and prev_hash. */
int audit_check(const struct audit_event *ev, audit_sha256_fn *sha256);

#endif
