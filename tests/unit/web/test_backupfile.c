/*
 * test_backupfile.c: the backup file format (web/backupfile.c) and its
 * sealing with a passphrase (web/seal.c): what is told apart from the
 * first bytes, the manifest both ways, and every way a file can be
 * damaged, cut short, foreign or opened with the wrong passphrase.
 */
#include "util/compat.h"
#include "web/backupfile.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/seal.h"

/* The smallest argon2id limits, so the tests stay fast. */
enum { OPS_MIN = 1, MEM_MIN = 8192 };

static struct backup_org orgs[] = { { 1, "株式会社まもり商事" },
				    { 7, "となりの \"工務店\"" } };

static void sample(struct backup_manifest *m)
{
	memset(m, 0, sizeof(*m));
	m->format = BACKUP_FORMAT;
	m->kind = "installation";
	m->created = 1714521600;
	m->schema = 10;
	m->program = "mamori 0.1.0";
	m->orgs = orgs;
	m->org_count = 2;
}

/* A file of n bytes of a pattern, rewound. */
static FILE *pattern_file(size_t n)
{
	FILE *f = tmpfile();
	size_t i;

	assert_non_null(f);
	for (i = 0; i < n; i++)
		fputc((int)((i * 7 + i / 251) & 0xff), f);
	rewind(f);
	return f;
}

static int same_content(FILE *a, FILE *b)
{
	int ca, cb;

	rewind(a);
	rewind(b);
	do {
		ca = fgetc(a);
		cb = fgetc(b);
		if (ca != cb)
			return 0;
	} while (ca != EOF);
	return 1;
}

/* Overwrites the byte at off with its complement. */
static void flip(FILE *f, long off)
{
	int c;

	fseek(f, off, SEEK_SET);
	c = fgetc(f);
	fseek(f, off, SEEK_SET);
	fputc(~c & 0xff, f);
	fflush(f);
	rewind(f);
}

/* A copy of the first n bytes of f (all of it when n < 0). */
static FILE *copy_of(FILE *f, long n)
{
	FILE *out = tmpfile();
	long i = 0;
	int c;

	rewind(f);
	while ((n < 0 || i < n) && (c = fgetc(f)) != EOF) {
		fputc(c, out);
		i++;
	}
	rewind(out);
	rewind(f);
	return out;
}

static void test_backupfile__prefix(void **state)
{
	struct error err = ERROR_INIT;
	enum backup_mode mode;
	unsigned char buf[BACKUP_PREFIX] = "MAMORIBK\001\000\000";

	(void)state;
	assert_int_equal(backupfile_prefix(buf, sizeof(buf), &mode, &err), 0);
	assert_int_equal(mode, BACKUP_PLAIN);
	buf[9] = 1;
	assert_int_equal(backupfile_prefix(buf, sizeof(buf), &mode, &err), 0);
	assert_int_equal(mode, BACKUP_SEALED);
	buf[9] = 2;
	assert_int_equal(backupfile_prefix(buf, sizeof(buf), &mode, &err), -1);
	assert_string_equal(err.key, "backup.foreign");
	buf[9] = 0;
	buf[8] = 2;
	assert_int_equal(backupfile_prefix(buf, sizeof(buf), &mode, &err), -1);
	assert_string_equal(err.key, "backup.newer_format");
	assert_int_equal(backupfile_prefix((const unsigned char *)"MAMO", 4,
					   &mode, &err),
			 -1);
	assert_string_equal(err.key, "backup.truncated");
	assert_int_equal(backupfile_prefix((const unsigned char *)"", 0, &mode,
					   &err),
			 -1);
	assert_string_equal(err.key, "backup.truncated");
	assert_int_equal(
		backupfile_prefix((const unsigned char *)"SQLite format 3",
				  BACKUP_PREFIX, &mode, &err),
		-1);
	assert_string_equal(err.key, "backup.foreign");
}

static void test_backupfile__manifest_both_ways(void **state)
{
	struct backup_manifest m, back;
	struct strbuf json = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct arena arena;

	(void)state;
	arena_init(&arena, 0);
	sample(&m);
	m.size = 4096;
	memset(m.sha256, 'a', 64);
	backupfile_manifest_json(&m, &json);
	assert_int_equal(backupfile_parse_manifest(json.buf, json.len, &arena,
						   &back, &err),
			 0);
	assert_string_equal(back.kind, "installation");
	assert_int_equal(back.created, m.created);
	assert_int_equal(back.schema, 10);
	assert_string_equal(back.program, "mamori 0.1.0");
	assert_int_equal(back.org_count, 2);
	assert_int_equal(back.orgs[1].id, 7);
	assert_string_equal(back.orgs[1].name, "となりの \"工務店\"");
	assert_int_equal(back.size, 4096);
	assert_string_equal(back.sha256, m.sha256);
	strbuf_release(&json);
	arena_release(&arena);
}

static void test_backupfile__manifest_refused(void **state)
{
	static const struct {
		const char *json, *member;
	} cases[] = {
		{ "not json", "JSON" },
		{ "[]", "JSON" },
		{ "{\"format\":2}", "format" },
		{ "{\"format\":1,\"kind\":\"everything\"}", "kind" },
		{ "{\"format\":1,\"kind\":\"installation\",\"created\":-1}",
		  "created" },
		{ "{\"format\":1,\"kind\":\"installation\",\"created\":1,"
		  "\"schema\":\"10\"}",
		  "schema" },
		{ "{\"format\":1,\"kind\":\"installation\",\"created\":1,"
		  "\"schema\":10,\"program\":\"m\",\"size\":1,"
		  "\"sha256\":\"ABC\"}",
		  "sha256" },
		{ "{\"format\":1,\"kind\":\"installation\",\"created\":1,"
		  "\"schema\":10,\"program\":\"m\",\"size\":0,"
		  "\"sha256\":\"\"}",
		  "size" },
		{ "{\"format\":1,\"kind\":\"organisation\",\"created\":1,"
		  "\"schema\":10,\"program\":\"m\",\"size\":5,\"sha256\":"
		  "\"0000000000000000000000000000000000000000000000000000000000"
		  "000000\",\"organisations\":[{\"id\":0,\"name\":\"x\"}]}",
		  "organisations" },
		/* A member twice is not a manifest we wrote. */
		{ "{\"format\":1,\"format\":1}", "JSON" },
	};
	struct backup_manifest m;
	struct error err = ERROR_INIT;
	struct arena arena;
	size_t i;

	(void)state;
	arena_init(&arena, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(backupfile_parse_manifest(
					 cases[i].json, strlen(cases[i].json),
					 &arena, &m, &err),
				 -1);
		assert_string_equal(err.key, "backup.bad_manifest");
		assert_string_equal(err.args[0], cases[i].member);
	}
	arena_release(&arena);
}

/* A plain backup of a 100 000-byte image in a temporary file. */
static FILE *plain_backup(FILE **image)
{
	struct backup_manifest m;
	struct error err = ERROR_INIT;
	FILE *out = tmpfile();

	sample(&m);
	*image = pattern_file(100000);
	assert_int_equal(backupfile_write(out, &m, *image, &err), 0);
	assert_int_equal(m.size, 100000);
	rewind(out);
	return out;
}

/* Reads and extracts f; returns the error key, or "" when it worked. */
static const char *open_plain(FILE *f, FILE *image, struct error *err)
{
	struct backup_manifest m;
	struct arena arena;
	FILE *out = tmpfile();
	int rc;

	arena_init(&arena, 0);
	rewind(f);
	rc = backupfile_read(f, &arena, &m, err) ||
	     backupfile_extract(f, &m, out, err);
	if (!rc && image)
		assert_true(same_content(out, image));
	fclose(out);
	arena_release(&arena);
	return rc ? err->key : "";
}

static void test_backupfile__plain_round_trip(void **state)
{
	struct error err = ERROR_INIT;
	FILE *image, *f = plain_backup(&image);

	(void)state;
	assert_string_equal(open_plain(f, image, &err), "");
	fclose(f);
	fclose(image);
}

static void test_backupfile__plain_damage(void **state)
{
	struct error err = ERROR_INIT;
	FILE *image, *f = plain_backup(&image), *g;
	long size;

	(void)state;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	/* A byte of the image, of the manifest, of its hash. */
	g = copy_of(f, -1);
	flip(g, size - 10);
	assert_string_equal(open_plain(g, NULL, &err), "backup.damaged");
	fclose(g);
	g = copy_of(f, -1);
	flip(g, BACKUP_HEADER + 5);
	assert_string_equal(open_plain(g, NULL, &err), "backup.damaged");
	fclose(g);
	g = copy_of(f, -1);
	flip(g, 20);
	assert_string_equal(open_plain(g, NULL, &err), "backup.damaged");
	fclose(g);
	/* Cut short anywhere, or with something after the image. */
	g = copy_of(f, size - 1);
	assert_string_equal(open_plain(g, NULL, &err), "backup.truncated");
	fclose(g);
	g = copy_of(f, BACKUP_HEADER + 3);
	assert_string_equal(open_plain(g, NULL, &err), "backup.truncated");
	fclose(g);
	g = copy_of(f, 30);
	assert_string_equal(open_plain(g, NULL, &err), "backup.truncated");
	fclose(g);
	g = copy_of(f, -1);
	fseek(g, 0, SEEK_END);
	fputc('x', g);
	assert_string_equal(open_plain(g, NULL, &err), "backup.damaged");
	fclose(g);
	fclose(f);
	fclose(image);
}

static FILE *sealed_of(FILE *plain, const char *pass)
{
	struct error err = ERROR_INIT;
	FILE *out = tmpfile();

	rewind(plain);
	assert_int_equal(seal_file(plain, out, pass, OPS_MIN, MEM_MIN, &err),
			 0);
	rewind(out);
	return out;
}

static const char *unseal(FILE *f, const char *pass, FILE *want,
			  struct error *err)
{
	FILE *out = tmpfile();
	int rc;

	rewind(f);
	rc = unseal_file(f, out, pass, err);
	if (!rc && want)
		assert_true(same_content(out, want));
	fclose(out);
	return rc ? err->key : "";
}

static void test_seal__round_trip(void **state)
{
	struct error err = ERROR_INIT;
	enum backup_mode mode;
	unsigned char head[BACKUP_PREFIX];
	/* Empty, one chunk exactly, and several with a short last one. */
	static const size_t sizes[] = { 0, SEAL_CHUNK, 3 * SEAL_CHUNK + 17 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		FILE *plain = pattern_file(sizes[i]);
		FILE *sealed = sealed_of(plain, "correct horse battery");

		assert_int_equal(fread(head, 1, sizeof(head), sealed),
				 sizeof(head));
		assert_int_equal(
			backupfile_prefix(head, sizeof(head), &mode, &err), 0);
		assert_int_equal(mode, BACKUP_SEALED);
		assert_string_equal(unseal(sealed, "correct horse battery",
					   plain, &err),
				    "");
		fclose(sealed);
		fclose(plain);
	}
}

static void test_seal__refused(void **state)
{
	struct error err = ERROR_INIT;
	FILE *plain = pattern_file(2 * SEAL_CHUNK + 100);
	FILE *sealed = sealed_of(plain, "correct horse battery"), *g;
	long size;

	(void)state;
	fseek(sealed, 0, SEEK_END);
	size = ftell(sealed);
	assert_string_equal(unseal(sealed, "correct horse batterY", NULL, &err),
			    "backup.wrong_passphrase");
	/* The salt and the stream header are checked by the first chunk. */
	g = copy_of(sealed, -1);
	flip(g, 30);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.wrong_passphrase");
	fclose(g);
	g = copy_of(sealed, -1);
	flip(g, size - 50);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.damaged");
	fclose(g);
	/* Cut at a chunk's end: the final tag is missing. */
	g = copy_of(sealed, SEAL_HEADER + 4 + SEAL_CHUNK + 17);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.truncated");
	fclose(g);
	g = copy_of(sealed, size - 1);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.truncated");
	fclose(g);
	g = copy_of(sealed, -1);
	fseek(g, 0, SEEK_END);
	fputc(0, g);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.damaged");
	fclose(g);
	/* Limits no backup of ours asks for (4 TiB of memory). */
	g = copy_of(sealed, -1);
	fseek(g, 16, SEEK_SET);
	fputc(4, g);
	rewind(g);
	assert_string_equal(unseal(g, "correct horse battery", NULL, &err),
			    "backup.bad_header");
	fclose(g);
	fclose(sealed);
	g = tmpfile();
	rewind(plain);
	assert_int_equal(seal_file(plain, g, "short", OPS_MIN, MEM_MIN, &err),
			 -1);
	assert_string_equal(err.key, "backup.passphrase_short");
	fclose(g);
	fclose(plain);
}

static void test_seal__hash_stream(void **state)
{
	struct sha256_stream *s = sha256_stream_new();
	char hex[65];

	(void)state;
	sha256_stream_add(s, "ab", 2);
	sha256_stream_add(s, "c", 1);
	sha256_stream_end(s, hex);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a"
			    "9cb410ff61f20015ad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backupfile__prefix),
		cmocka_unit_test(test_backupfile__manifest_both_ways),
		cmocka_unit_test(test_backupfile__manifest_refused),
		cmocka_unit_test(test_backupfile__plain_round_trip),
		cmocka_unit_test(test_backupfile__plain_damage),
		cmocka_unit_test(test_seal__round_trip),
		cmocka_unit_test(test_seal__refused),
		cmocka_unit_test(test_seal__hash_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
