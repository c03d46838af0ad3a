/*
 * test_pack.c: unit tests of export/pack.c, the audit pack's archive and
 * manifest: member names, the manifest read back and refused, and
 * pack_verify() on a pack as written and on packs whose manifest and
 * members disagree.
 */
#include "util/compat.h"
#include "export/pack.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/docpack.h"

static void test_pack__path_ok(void **state)
{
	static const char *const good[] = {
		"manifest.txt",
		"policy/basic-policy.pdf",
		"documents/PR-01.pdf",
		"registers/適用宣言書.xlsx",
		"a/b/c",
	};
	static const char *const bad[] = {
		"",    "/etc/passwd", "../x", "a/../b", "a//b",		 "a/",
		"./a", "a\\b",	      "c:x",  "a\nb",	"manifest.json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++)
		assert_true(pack_path_ok(good[i]));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_false(pack_path_ok(bad[i]));
}

static struct pack_file sample_files[] = {
	{ "manifest.txt", NULL, "index", "目録", 12, "" },
	{ "registers/assets.xlsx", NULL, "asset_register", "情報資産管理台帳",
	  3456, "" },
};
static struct pack_absent sample_absent[] = {
	{ "soa", "適用宣言書", "pack.absent_soa_not_started", "まだです" },
};

static void sample(struct pack_manifest *m)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sample_files); i++)
		memset(sample_files[i].sha256, i ? 'b' : 'a', PACK_HASH_HEX);
	memset(m, 0, sizeof(*m));
	m->org_id = 7;
	m->org_name = "株式会社まもり \"製作所\"";
	m->created_at = "2026-11-22T06:12:48Z";
	m->program = "mamori 0.1.0";
	m->schema = 11;
	m->data_version = 42;
	m->language = "ja";
	m->files = sample_files;
	m->file_count = ARRAY_SIZE(sample_files);
	m->absent = sample_absent;
	m->absent_count = ARRAY_SIZE(sample_absent);
}

static void test_pack__manifest_round_trip(void **state)
{
	struct pack_manifest m, back;
	struct strbuf json = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct arena arena;

	(void)state;
	arena_init(&arena, 0);
	sample(&m);
	pack_manifest_json(&m, &json);
	assert_int_equal(pack_manifest_parse(json.buf, json.len, &arena, &back,
					     &err),
			 0);
	assert_int_equal(back.org_id, 7);
	assert_string_equal(back.org_name, m.org_name);
	assert_string_equal(back.created_at, m.created_at);
	assert_int_equal(back.schema, 11);
	assert_int_equal(back.data_version, 42);
	assert_int_equal(back.file_count, 2);
	assert_string_equal(back.files[1].path, "registers/assets.xlsx");
	assert_string_equal(back.files[1].title, "情報資産管理台帳");
	assert_true(back.files[1].size == 3456);
	assert_string_equal(back.files[1].sha256, sample_files[1].sha256);
	assert_int_equal(back.absent_count, 1);
	assert_string_equal(back.absent[0].reason,
			    "pack.absent_soa_not_started");
	strbuf_release(&json);
	arena_release(&arena);
}

/* Replaces the first from in json by to; the manifest must change. */
static void expect_refused(const char *from, const char *to, const char *what)
{
	struct pack_manifest m, back;
	struct strbuf json = STRBUF_INIT, changed = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct arena arena;
	const char *at;

	arena_init(&arena, 0);
	sample(&m);
	pack_manifest_json(&m, &json);
	at = strstr(json.buf, from);
	assert_non_null(at);
	strbuf_add(&changed, json.buf, (size_t)(at - json.buf));
	strbuf_addstr(&changed, to);
	strbuf_addstr(&changed, at + strlen(from));
	assert_int_equal(pack_manifest_parse(changed.buf, changed.len, &arena,
					     &back, &err),
			 -1);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, "pack.bad_manifest");
	assert_string_equal(err.args[0], what);
	strbuf_release(&json);
	strbuf_release(&changed);
	arena_release(&arena);
}

static void test_pack__manifest_refused(void **state)
{
	struct pack_manifest back;
	struct error err = ERROR_INIT;
	struct arena arena;

	(void)state;
	arena_init(&arena, 0);
	assert_int_equal(pack_manifest_parse("{\"format\":", 10, &arena, &back,
					     &err),
			 -1);
	assert_string_equal(err.args[0], "JSON");
	arena_release(&arena);
	expect_refused("mamori-audit-pack", "mamori-backup", "format");
	expect_refused("\"format_version\": 1", "\"format_version\": 2",
		       "format_version");
	expect_refused("\"id\": 7", "\"id\": \"7\"", "organisation");
	expect_refused("\"path\": \"registers/assets.xlsx\"",
		       "\"path\": \"../assets.xlsx\"", "../assets.xlsx");
	expect_refused("\"path\": \"registers/assets.xlsx\"",
		       "\"path\": \"manifest.txt\"", "manifest.txt");
	expect_refused("\"sha256\": \"bbbb", "\"sha256\": \"Bbbb",
		       "registers/assets.xlsx");
	expect_refused("\"size\": 3456", "\"size\": -1", "files");
	expect_refused("\"files\": [", "\"files\": {\"a\": [", "JSON");
}

/* ---- whole packs ------------------------------------------------------ */

struct fixture {
	char dir[64];
	char a[96], b[96], zip[96];
	struct pack_file files[2];
};

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/mamori-test-pack-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->a, sizeof(fx->a), "%s/a.txt", fx->dir);
	snprintf(fx->b, sizeof(fx->b), "%s/b.xlsx", fx->dir);
	snprintf(fx->zip, sizeof(fx->zip), "%s/pack.zip", fx->dir);
	write_text(fx->a, "情報セキュリティ基本方針\n");
	write_text(fx->b, "not really a workbook, stored as one\n");
	fx->files[0].path = "policy/a.txt";
	fx->files[0].source = fx->a;
	fx->files[0].item = "policy";
	fx->files[0].title = "基本方針";
	fx->files[1].path = "registers/b.xlsx";
	fx->files[1].source = fx->b;
	fx->files[1].item = "asset_register";
	fx->files[1].title = "台帳";
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->a);
	unlink(fx->b);
	unlink(fx->zip);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/*
 * Writes the fixture's two files as a pack whose manifest lists the
 * first listed of them (after the hashes are taken, change() may alter
 * what the manifest says).
 */
static void write_pack(struct fixture *fx, size_t listed,
		       void (*change)(struct pack_file *files))
{
	struct pack_manifest m;
	struct pack_file files[2];
	struct strbuf json = STRBUF_INIT;
	struct error err = ERROR_INIT;
	size_t i;

	for (i = 0; i < 2; i++)
		assert_int_equal(pack_hash_file(docpack_hasher(),
						fx->files[i].source,
						&fx->files[i], &err),
				 0);
	memcpy(files, fx->files, sizeof(files));
	if (change)
		change(files);
	memset(&m, 0, sizeof(m));
	m.org_id = 1;
	m.org_name = "まもり";
	m.created_at = "2026-11-22T00:00:00Z";
	m.program = "mamori test";
	m.language = "ja";
	m.files = files;
	m.file_count = listed;
	pack_manifest_json(&m, &json);
	assert_int_equal(pack_write_zip(fx->zip, json.buf, json.len, fx->files,
					2, 1790000000, NULL, NULL, &err),
			 0);
	strbuf_release(&json);
}

static int verify(struct fixture *fx, struct error *err)
{
	struct pack_check check;
	struct arena arena;
	int rc;

	arena_init(&arena, 0);
	rc = pack_verify(fx->zip, docpack_hasher(), &arena, &check, err);
	if (!rc) {
		assert_int_equal(check.manifest.file_count, 2);
		assert_string_equal(check.manifest.files[0].path,
				    "policy/a.txt");
		assert_int_equal(strlen(check.sha256), PACK_HASH_HEX);
	}
	arena_release(&arena);
	return rc;
}

static void test_pack__verify_intact(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_pack(fx, 2, NULL);
	assert_int_equal(verify(fx, &err), 0);
	/* The digest of a known text, so the hasher is SHA-256 itself. */
	assert_string_equal(fx->files[1].sha256,
			    "45bea638d6f108106fa61aed994c1d1d"
			    "d4d22fcb66beb2e50e03183e4eca2070");
}

static void other_hash(struct pack_file *files)
{
	files[1].sha256[10] = files[1].sha256[10] == '0' ? '1' : '0';
}

static void other_size(struct pack_file *files)
{
	files[0].size += 1;
}

static void other_path(struct pack_file *files)
{
	files[1].path = "registers/c.xlsx";
}

static void test_pack__verify_hash_differs(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_pack(fx, 2, other_hash);
	assert_int_equal(verify(fx, &err), -1);
	assert_string_equal(err.key, "pack.hash_differs");
	assert_string_equal(err.args[0], "registers/b.xlsx");
}

static void test_pack__verify_size_differs(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_pack(fx, 2, other_size);
	assert_int_equal(verify(fx, &err), -1);
	assert_string_equal(err.key, "pack.size_differs");
	assert_string_equal(err.args[0], "policy/a.txt");
}

static void test_pack__verify_missing(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_pack(fx, 2, other_path);
	assert_int_equal(verify(fx, &err), -1);
	assert_string_equal(err.key, "pack.missing");
	assert_string_equal(err.args[0], "registers/c.xlsx");
}

static void test_pack__verify_unlisted(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_pack(fx, 1, NULL);
	assert_int_equal(verify(fx, &err), -1);
	assert_string_equal(err.key, "pack.unlisted");
	assert_string_equal(err.args[0], "registers/b.xlsx");
}

static void test_pack__verify_not_zip(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;

	write_text(fx->zip, "PK but not really\n");
	assert_int_equal(verify(fx, &err), -1);
	assert_string_equal(err.key, "pack.not_zip");
	assert_string_equal(err.args[0], fx->zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack__path_ok),
		cmocka_unit_test(test_pack__manifest_round_trip),
		cmocka_unit_test(test_pack__manifest_refused),
		cmocka_unit_test_setup_teardown(test_pack__verify_intact, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_pack__verify_hash_differs,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack__verify_size_differs,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack__verify_missing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack__verify_unlisted,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack__verify_not_zip,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
