/* test_audit.c: unit tests of core/audit.c. */
#include "util/compat.h"
#include "core/audit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"

/* The event of the golden test; every field set. */
static void sample_event(struct audit_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->id = 99;
	ev->org_id = 7;
	ev->seq = 3;
	ev->at = 1700000000;
	ev->account_id = 42;
	ev->actor = "alice@example.com";
	ev->client = "192.0.2.1";
	ev->action = "login";
	ev->target = "account:42";
	ev->before = "";
	ev->after = "{\"k\":\"日本\"}";
	memcpy(ev->prev_hash, audit_genesis, sizeof(ev->prev_hash));
}

/* Returns the canonical form of ev in a heap string the caller frees. */
static char *canonical(const struct audit_event *ev)
{
	struct strbuf sb = STRBUF_INIT;

	audit_canonical(ev, &sb);
	return strbuf_detach(&sb, NULL);
}

static int setup(void **state)
{
	(void)state;
	return password_library_init(NULL);
}

static void test_audit__genesis(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(strlen(audit_genesis), AUDIT_HASH_HEX);
	assert_int_equal(AUDIT_HASH_HEX, 64);
	for (i = 0; i < AUDIT_HASH_HEX; i++)
		assert_int_equal(audit_genesis[i], '0');
}

static void test_audit__sha256_is_real(void **state)
{
	static const unsigned char abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	unsigned char out[32];

	(void)state;
	/* FIPS 180-2, appendix B.1: SHA-256("abc"). */
	sha256_bytes("abc", 3, out);
	assert_memory_equal(out, abc, sizeof(abc));
}

static void test_audit__canonical_format(void **state)
{
	struct audit_event ev;
	char *got;

	(void)state;
	sample_event(&ev);
	got = canonical(&ev);
	/*
	 * Fixed order; text fields as name=length:bytes (length in bytes,
	 * not characters); integers in decimal; every field ends in '\n'.
	 * The row id is not covered: the store assigns it after sealing.
	 */
	assert_string_equal(got, "prev=64:"
				 "000000000000000000000000000000000000000000000"
				 "0000000000000000000\n"
				 "org=7\n"
				 "seq=3\n"
				 "at=1700000000\n"
				 "account=42\n"
				 "actor=17:alice@example.com\n"
				 "client=9:192.0.2.1\n"
				 "action=5:login\n"
				 "target=10:account:42\n"
				 "before=0:\n"
				 "after=14:{\"k\":\"日本\"}\n");
	free(got);
}

static void test_audit__canonical_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct audit_event ev;
	char *alone;

	(void)state;
	sample_event(&ev);
	alone = canonical(&ev);
	strbuf_addstr(&sb, "kept|");
	audit_canonical(&ev, &sb);
	assert_int_equal(strncmp(sb.buf, "kept|", 5), 0);
	assert_string_equal(sb.buf + 5, alone);
	strbuf_release(&sb);
	free(alone);
}

static void test_audit__canonical_integer_limits(void **state)
{
	struct audit_event ev;
	char *got;

	(void)state;
	sample_event(&ev);
	ev.org_id = 0;
	ev.seq = INT64_MAX;
	ev.at = INT64_MIN;
	ev.account_id = -1;
	got = canonical(&ev);
	assert_non_null(strstr(got, "\norg=0\n"
				    "seq=9223372036854775807\n"
				    "at=-9223372036854775808\n"
				    "account=-1\n"));
	free(got);
}

static void test_audit__canonical_null_is_empty(void **state)
{
	struct audit_event a, b;
	char *ca, *cb;

	(void)state;
	/* A missing text field serialises as the empty string. */
	sample_event(&a);
	sample_event(&b);
	a.actor = a.client = a.action = a.target = a.before = a.after = NULL;
	b.actor = b.client = b.action = b.target = b.before = b.after = "";
	ca = canonical(&a);
	cb = canonical(&b);
	assert_string_equal(ca, cb);
	assert_non_null(strstr(ca, "\nactor=0:\nclient=0:\n"));
	free(ca);
	free(cb);
}

static void test_audit__field_boundaries(void **state)
{
	/* The same bytes split differently between neighbouring fields. */
	static const char *const pairs[][2] = {
		{ "ab", "c" },
		{ "a", "bc" },
		{ "abc", "" },
		{ "", "abc" },
		/* A value holding what looks like the next field. */
		{ "a\nclient=1:b", "" },
		{ "a", "b\nclient=0:" },
	};
	char *forms[ARRAY_SIZE(pairs)];
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		struct audit_event ev;

		sample_event(&ev);
		ev.actor = pairs[i][0];
		ev.client = pairs[i][1];
		forms[i] = canonical(&ev);
	}
	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		for (j = i + 1; j < ARRAY_SIZE(pairs); j++)
			if (!strcmp(forms[i], forms[j]))
				fail_msg("actor '%s' client '%s' and actor "
					 "'%s' client '%s' serialise alike",
					 pairs[i][0], pairs[i][1], pairs[j][0],
					 pairs[j][1]);
	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		free(forms[i]);
}

static void test_audit__field_boundaries_hash(void **state)
{
	struct audit_event a, b;

	(void)state;
	sample_event(&a);
	sample_event(&b);
	a.actor = "ab";
	a.client = "c";
	b.actor = "a";
	b.client = "bc";
	audit_seal(&a, sha256_bytes);
	audit_seal(&b, sha256_bytes);
	assert_string_not_equal(a.hash, b.hash);
	/* One's hash does not pass for the other. */
	memcpy(b.hash, a.hash, sizeof(b.hash));
	assert_int_equal(audit_check(&b, sha256_bytes), 0);
	/* Nor across before and after. */
	sample_event(&a);
	sample_event(&b);
	a.before = "x";
	a.after = "";
	b.before = "";
	b.after = "x";
	audit_seal(&a, sha256_bytes);
	audit_seal(&b, sha256_bytes);
	assert_string_not_equal(a.hash, b.hash);
}

static void test_audit__seal_golden(void **state)
{
	struct audit_event ev;

	(void)state;
	sample_event(&ev);
	audit_seal(&ev, sha256_bytes);
	/* SHA-256 of the canonical form of test_audit__canonical_format. */
	assert_string_equal(ev.hash, "1c7229b7ac028683ac7b996d9cf251aa"
				     "0ed3980581cdbc3346f9211e9ab169f8");
	assert_int_equal(audit_check(&ev, sha256_bytes), 1);
}

/* A stand-in for SHA-256 that records its input. */
static struct strbuf recorded = STRBUF_INIT;

static void recording_hash(const void *data, size_t len, unsigned char out[32])
{
	size_t i;

	strbuf_reset(&recorded);
	strbuf_add(&recorded, data, len);
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(i * 8);
}

static void test_audit__seal_hashes_canonical(void **state)
{
	struct audit_event ev;
	char *want;

	(void)state;
	sample_event(&ev);
	audit_seal(&ev, recording_hash);
	want = canonical(&ev);
	/* The hash covers exactly the canonical bytes ... */
	assert_int_equal(recorded.len, strlen(want));
	assert_string_equal(recorded.buf, want);
	/* ... and is written as 64 lowercase hex digits. */
	assert_string_equal(ev.hash, "0008101820283038404850586068707880"
				     "889098a0a8b0b8c0c8d0d8e0e8f0f8");
	assert_int_equal(strlen(ev.hash), AUDIT_HASH_HEX);
	free(want);
	strbuf_release(&recorded);
}

/* Each changes one field that the hash covers. */
static void change_org(struct audit_event *ev)
{
	ev->org_id++;
}

static void change_seq(struct audit_event *ev)
{
	ev->seq++;
}

static void change_at(struct audit_event *ev)
{
	ev->at--;
}

static void change_account(struct audit_event *ev)
{
	ev->account_id = 0;
}

static void change_actor(struct audit_event *ev)
{
	ev->actor = "mallory@example.com";
}

static void change_client(struct audit_event *ev)
{
	ev->client = "192.0.2.2";
}

static void change_action(struct audit_event *ev)
{
	ev->action = "login.failed";
}

static void change_target(struct audit_event *ev)
{
	ev->target = "account:43";
}

static void change_before(struct audit_event *ev)
{
	ev->before = "{}";
}

static void change_after(struct audit_event *ev)
{
	ev->after = "{\"k\":\"日本 \"}";
}

static void change_prev_hash(struct audit_event *ev)
{
	ev->prev_hash[AUDIT_HASH_HEX - 1] = '1';
}

static void change_hash(struct audit_event *ev)
{
	ev->hash[0] = ev->hash[0] == 'a' ? 'b' : 'a';
}

static void change_hash_case(struct audit_event *ev)
{
	size_t i;

	for (i = 0; i < AUDIT_HASH_HEX; i++)
		if (ev->hash[i] >= 'a' && ev->hash[i] <= 'f')
			ev->hash[i] = (char)(ev->hash[i] - 'a' + 'A');
}

static void test_audit__check_detects_any_change(void **state)
{
	static const struct {
		const char *field;
		void (*change)(struct audit_event *ev);
	} changes[] = {
		{ "org_id", change_org },
		{ "seq", change_seq },
		{ "at", change_at },
		{ "account_id", change_account },
		{ "actor", change_actor },
		{ "client", change_client },
		{ "action", change_action },
		{ "target", change_target },
		{ "before", change_before },
		{ "after", change_after },
		{ "prev_hash", change_prev_hash },
		{ "hash", change_hash },
		{ "hash in capitals", change_hash_case },
	};
	struct audit_event sealed;
	size_t i;

	(void)state;
	sample_event(&sealed);
	audit_seal(&sealed, sha256_bytes);
	assert_int_equal(audit_check(&sealed, sha256_bytes), 1);
	for (i = 0; i < ARRAY_SIZE(changes); i++) {
		struct audit_event ev = sealed;

		changes[i].change(&ev);
		if (audit_check(&ev, sha256_bytes))
			fail_msg("a changed %s still checks", changes[i].field);
	}
	/* The untouched original still checks. */
	assert_int_equal(audit_check(&sealed, sha256_bytes), 1);
}

static void test_audit__id_not_covered(void **state)
{
	struct audit_event ev;

	(void)state;
	sample_event(&ev);
	audit_seal(&ev, sha256_bytes);
	/* The store numbers rows after sealing; seq orders the chain. */
	ev.id = 12345;
	assert_int_equal(audit_check(&ev, sha256_bytes), 1);
}

static void test_audit__chain(void **state)
{
	struct audit_event first, second;

	(void)state;
	sample_event(&first);
	audit_seal(&first, sha256_bytes);
	sample_event(&second);
	second.seq = first.seq + 1;
	second.action = "logout";
	memcpy(second.prev_hash, first.hash, sizeof(second.prev_hash));
	audit_seal(&second, sha256_bytes);
	assert_int_equal(audit_check(&first, sha256_bytes), 1);
	assert_int_equal(audit_check(&second, sha256_bytes), 1);
	assert_string_not_equal(first.hash, second.hash);
	/* Linked to the genesis instead of to the first: broken. */
	memcpy(second.prev_hash, audit_genesis, sizeof(second.prev_hash));
	assert_int_equal(audit_check(&second, sha256_bytes), 0);
}

static void test_audit__seal_is_deterministic(void **state)
{
	char actor[] = "alice@example.com";
	struct audit_event a, b;

	(void)state;
	sample_event(&a);
	sample_event(&b);
	/* Same fields in different storage: same hash. */
	b.actor = actor;
	audit_seal(&a, sha256_bytes);
	audit_seal(&b, sha256_bytes);
	assert_string_equal(a.hash, b.hash);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit__genesis),
		cmocka_unit_test(test_audit__sha256_is_real),
		cmocka_unit_test(test_audit__canonical_format),
		cmocka_unit_test(test_audit__canonical_appends),
		cmocka_unit_test(test_audit__canonical_integer_limits),
		cmocka_unit_test(test_audit__canonical_null_is_empty),
		cmocka_unit_test(test_audit__field_boundaries),
		cmocka_unit_test(test_audit__field_boundaries_hash),
		cmocka_unit_test(test_audit__seal_golden),
		cmocka_unit_test(test_audit__seal_hashes_canonical),
		cmocka_unit_test(test_audit__check_detects_any_change),
		cmocka_unit_test(test_audit__id_not_covered),
		cmocka_unit_test(test_audit__chain),
		cmocka_unit_test(test_audit__seal_is_deterministic),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
