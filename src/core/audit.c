/* audit.c: the canonical form and hash chain of audit events. */
#include "util/compat.h"
#include "core/audit.h"

#include "util/strbuf.h"

const char audit_genesis[AUDIT_HASH_HEX + 1] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void add_field(struct strbuf *out, const char *name, const char *v)
{
	v = v ? v : "";
	strbuf_addf(out, "%s=%zu:", name, strlen(v));
	strbuf_addstr(out, v);
	strbuf_addch(out, '\n');
}

static void add_int(struct strbuf *out, const char *name, int64_t v)
{
	strbuf_addf(out, "%s=%lld\n", name, (long long)v);
}

void audit_canonical(const struct audit_event *ev, struct strbuf *out)
{
	add_field(out, "prev", ev->prev_hash);
	add_int(out, "org", ev->org_id);
	add_int(out, "seq", ev->seq);
	add_int(out, "at", ev->at);
	add_int(out, "account", ev->account_id);
	add_field(out, "actor", ev->actor);
	add_field(out, "client", ev->client);
	add_field(out, "action", ev->action);
	add_field(out, "target", ev->target);
	add_field(out, "before", ev->before);
	add_field(out, "after", ev->after);
}

static void hash_hex(const struct audit_event *ev, audit_sha256_fn *sha256,
		     char hex[AUDIT_HASH_HEX + 1])
{
	static const char digits[] = "0123456789abcdef";
	struct strbuf sb = STRBUF_INIT;
	unsigned char digest[32];
	size_t i;

	audit_canonical(ev, &sb);
	sha256(sb.buf, sb.len, digest);
	strbuf_release(&sb);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[AUDIT_HASH_HEX] = '\0';
}

void audit_seal(struct audit_event *ev, audit_sha256_fn *sha256)
{
	hash_hex(ev, sha256, ev->hash);
}

int audit_check(const struct audit_event *ev, audit_sha256_fn *sha256)
{
	char hex[AUDIT_HASH_HEX + 1];

	hash_hex(ev, sha256, hex);
	return !strcmp(hex, ev->hash);
}
