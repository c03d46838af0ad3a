/*
 * pack.c: the audit document pack's archive and manifest; the door of
 * libzip (writing) and jansson (the manifest) in export/.
 */
#include "util/compat.h"
#include "export/pack.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zip.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* A manifest bigger than this is no manifest of ours: not read. */
enum { MANIFEST_MAX = 16 << 20, PATH_MAX_LEN = 200, CHUNK = 65536 };

int pack_path_ok(const char *path)
{
	const char *seg = path;
	size_t len = strlen(path), i;

	if (!len || len > PATH_MAX_LEN || !utf8_valid(path, len) ||
	    !strcmp(path, PACK_MANIFEST))
		return 0;
	for (i = 0; i <= len; i++) {
		unsigned char c = (unsigned char)path[i];

		if (c == '/' || c == '\0') {
			size_t n = (size_t)(path + i - seg);

			/* An empty segment is also a leading "/". */
			if (!n || (n == 1 && seg[0] == '.') ||
			    (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return 0;
			seg = path + i + 1;
		} else if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
			return 0;
		}
	}
	return 1;
}

int pack_hash_file(const struct pack_hasher *h, const char *path,
		   struct pack_file *f, struct error *err)
{
	FILE *in = fopen(path, "rb");
	unsigned char *buf;
	void *st;
	size_t n;
	int failed;

	if (!in)
		return error_set(err, ERROR_INTERNAL, "pack.read_failed", path,
				 strerror(errno), NULL);
	buf = xmalloc(CHUNK);
	st = h->begin();
	f->size = 0;
	while ((n = fread(buf, 1, CHUNK, in)) > 0) {
		h->add(st, buf, n);
		f->size += n;
	}
	failed = ferror(in);
	h->end(st, f->sha256);
	free(buf);
	fclose(in);
	if (failed)
		return error_set(err, ERROR_INTERNAL, "pack.read_failed", path,
				 strerror(EIO), NULL);
	return 0;
}

/* ---- the manifest ---------------------------------------------------- */

void pack_manifest_json(const struct pack_manifest *m, struct strbuf *out)
{
	json_t *root = json_object(), *org = json_object();
	json_t *files = json_array(), *absent = json_array();
	char *text;
	size_t i;

	json_object_set_new(root, "format", json_string(PACK_FORMAT));
	json_object_set_new(root, "format_version",
			    json_integer(PACK_FORMAT_VERSION));
	json_object_set_new(org, "id", json_integer(m->org_id));
	json_object_set_new(org, "name", json_string(m->org_name));
	json_object_set_new(root, "organisation", org);
	json_object_set_new(root, "created_at", json_string(m->created_at));
	json_object_set_new(root, "program", json_string(m->program));
	json_object_set_new(root, "schema_version", json_integer(m->schema));
	json_object_set_new(root, "data_version",
			    json_integer(m->data_version));
	json_object_set_new(root, "language", json_string(m->language));
	for (i = 0; i < m->file_count; i++) {
		const struct pack_file *f = &m->files[i];
		json_t *o = json_object();

		json_object_set_new(o, "path", json_string(f->path));
		json_object_set_new(o, "item", json_string(f->item));
		json_object_set_new(o, "title", json_string(f->title));
		json_object_set_new(o, "size",
				    json_integer((json_int_t)f->size));
		json_object_set_new(o, "sha256", json_string(f->sha256));
		json_array_append_new(files, o);
	}
	json_object_set_new(root, "files", files);
	for (i = 0; i < m->absent_count; i++) {
		const struct pack_absent *a = &m->absent[i];
		json_t *o = json_object();

		json_object_set_new(o, "item", json_string(a->item));
		json_object_set_new(o, "title", json_string(a->title));
		json_object_set_new(o, "reason", json_string(a->reason));
		json_object_set_new(o, "reason_text",
				    json_string(a->reason_text));
		json_array_append_new(absent, o);
	}
	json_object_set_new(root, "absent", absent);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		BUG("json_dumps failed");
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
}

static int bad_manifest(struct error *err, const char *what)
{
	return error_set(err, ERROR_INPUT, "pack.bad_manifest", what, NULL);
}

/* The string member name of o into *out (from arena), or NULL. */
static int get_text(json_t *o, const char *name, struct arena *arena,
		    const char **out)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_string(v))
		return -1;
	*out = arena_strdup(arena, json_string_value(v));
	return 0;
}

static int get_int(json_t *o, const char *name, int64_t min, int64_t *out)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_integer(v) || json_integer_value(v) < min)
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}

static int hex_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == PACK_HASH_HEX;
}

static int read_files(json_t *arr, struct arena *arena, struct pack_manifest *m,
		      struct error *err)
{
	size_t i, j;

	m->file_count = json_array_size(arr);
	m->files = arena_calloc(arena, m->file_count + 1, sizeof(*m->files));
	for (i = 0; i < m->file_count; i++) {
		json_t *o = json_array_get(arr, i);
		struct pack_file *f = &m->files[i];
		const char *hash;
		int64_t size;

		if (!json_is_object(o) ||
		    get_text(o, "path", arena, &f->path) ||
		    get_text(o, "sha256", arena, &hash) ||
		    get_int(o, "size", 0, &size))
			return bad_manifest(err, "files");
		if (!pack_path_ok(f->path))
			return bad_manifest(err, f->path);
		if (!hex_ok(hash))
			return bad_manifest(err, f->path);
		memcpy(f->sha256, hash, PACK_HASH_HEX + 1);
		f->size = (uint64_t)size;
		if (get_text(o, "item", arena, &f->item))
			f->item = "";
		if (get_text(o, "title", arena, &f->title))
			f->title = "";
		for (j = 0; j < i; j++)
			if (!strcmp(m->files[j].path, f->path))
				return bad_manifest(err, f->path);
	}
	return 0;
}

static void read_absent(json_t *arr, struct arena *arena,
			struct pack_manifest *m)
{
	size_t i;

	m->absent_count = json_is_array(arr) ? json_array_size(arr) : 0;
	m->absent =
		arena_calloc(arena, m->absent_count + 1, sizeof(*m->absent));
	for (i = 0; i < m->absent_count; i++) {
		json_t *o = json_array_get(arr, i);
		struct pack_absent *a = &m->absent[i];

		if (get_text(o, "item", arena, &a->item))
			a->item = "";
		if (get_text(o, "title", arena, &a->title))
			a->title = "";
		if (get_text(o, "reason", arena, &a->reason))
			a->reason = "";
		if (get_text(o, "reason_text", arena, &a->reason_text))
			a->reason_text = "";
	}
}

int pack_manifest_parse(const char *json, size_t len, struct arena *arena,
			struct pack_manifest *m, struct error *err)
{
	json_error_t jerr;
	json_t *root, *org, *files;
	const char *format;
	int64_t version, schema;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(root)) {
		bad_manifest(err, "JSON");
		goto out;
	}
	if (get_text(root, "format", arena, &format) ||
	    strcmp(format, PACK_FORMAT)) {
		bad_manifest(err, "format");
		goto out;
	}
	if (get_int(root, "format_version", 1, &version) ||
	    version > PACK_FORMAT_VERSION) {
		bad_manifest(err, "format_version");
		goto out;
	}
	org = json_object_get(root, "organisation");
	if (!json_is_object(org) || get_int(org, "id", 1, &m->org_id) ||
	    get_text(org, "name", arena, &m->org_name)) {
		bad_manifest(err, "organisation");
		goto out;
	}
	if (get_text(root, "created_at", arena, &m->created_at)) {
		bad_manifest(err, "created_at");
		goto out;
	}
	if (get_text(root, "program", arena, &m->program))
		m->program = "";
	if (get_int(root, "schema_version", 0, &schema) || schema > INT32_MAX)
		schema = 0;
	m->schema = (int)schema;
	if (get_int(root, "data_version", 0, &m->data_version))
		m->data_version = 0;
	if (get_text(root, "language", arena, &m->language))
		m->language = "";
	files = json_object_get(root, "files");
	if (!json_is_array(files)) {
		bad_manifest(err, "files");
		goto out;
	}
	if (read_files(files, arena, m, err))
		goto out;
	read_absent(json_object_get(root, "absent"), arena, m);
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

struct progress_state {
	pack_progress_fn *fn;
	void *arg;
};

static void zip_progress(zip_t *za UNUSED, double done, void *ud)
{
	struct progress_state *p = ud;

	p->fn(p->arg, done);
}

/* Whether a member is compressed already (a workbook is a ZIP itself). */
static int stored(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && !strcmp(path + n - 5, ".xlsx");
}

static int write_failed(const char *path, const char *why, struct error *err)
{
	return error_set(err, ERROR_INTERNAL, "pack.write_failed", path, why,
			 NULL);
}

/* Adds src as name (consuming src); -1 with the archive's error. */
static int add_member(zip_t *za, const char *name, zip_source_t *src,
		      int64_t mtime)
{
	zip_int64_t idx;

	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_set_file_compression(
		    za, (zip_uint64_t)idx,
		    stored(name) ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) ||
	    zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)mtime, 0))
		return -1;
	return 0;
}

int pack_write_zip(const char *path, const char *manifest, size_t len,
		   const struct pack_file *files, size_t count, int64_t mtime,
		   pack_progress_fn *progress, void *arg, struct error *err)
{
	struct progress_state ps = { progress, arg };
	zip_error_t zerr;
	zip_t *za;
	int code = 0;
	size_t i;

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	if (!za) {
		zip_error_init_with_code(&zerr, code);
		write_failed(path, zip_error_strerror(&zerr), err);
		zip_error_fini(&zerr);
		return -1;
	}
	if (add_member(za, PACK_MANIFEST,
		       zip_source_buffer(za, manifest, len, 0), mtime))
		goto fail;
	for (i = 0; i < count; i++)
		if (add_member(za, files[i].path,
			       zip_source_file(za, files[i].source, 0, 0),
			       mtime))
			goto fail;
	if (progress && zip_register_progress_callback_with_state(
				za, 0.01, zip_progress, NULL, &ps))
		goto fail;
	if (zip_close(za))
		goto fail;
	return 0;
fail:
	write_failed(path, zip_strerror(za), err);
	zip_discard(za);
	return -1;
}

/* ---- checking -------------------------------------------------------- */

/*
 * Reads member idx (its name in name) through the hasher, at most limit
 * bytes (one more is enough to tell it is too big): *size and hex.
 * Fails with "pack.damaged" naming it when libzip cannot read it.
 */
static int hash_member(zip_t *za, zip_uint64_t idx, const char *name,
		       const struct pack_hasher *h, uint64_t limit,
		       struct strbuf *keep, uint64_t *size,
		       char hex[PACK_HASH_HEX + 1], struct error *err)
{
	zip_file_t *zf = zip_fopen_index(za, idx, 0);
	unsigned char *buf;
	void *st;
	zip_int64_t n;
	int rc = 0;

	if (!zf)
		return error_set(err, ERROR_INPUT, "pack.damaged", name,
				 zip_strerror(za), NULL);
	buf = xmalloc(CHUNK);
	st = h->begin();
	*size = 0;
	while ((n = zip_fread(zf, buf, CHUNK)) > 0) {
		h->add(st, buf, (size_t)n);
		if (keep)
			strbuf_add(keep, buf, (size_t)n);
		*size += (uint64_t)n;
		if (*size > limit)
			break;
	}
	if (n < 0)
		rc = error_set(err, ERROR_INPUT, "pack.damaged", name,
			       zip_file_strerror(zf), NULL);
	h->end(st, hex);
	free(buf);
	zip_fclose(zf);
	return rc;
}

static int hash_whole(const char *path, const struct pack_hasher *h,
		      char hex[PACK_HASH_HEX + 1], struct error *err)
{
	struct pack_file f;

	memset(&f, 0, sizeof(f));
	if (pack_hash_file(h, path, &f, err))
		return -1;
	memcpy(hex, f.sha256, sizeof(f.sha256));
	return 0;
}

static char *decimal(struct arena *arena, uint64_t n)
{
	return arena_printf(arena, "%" PRIu64, n);
}

/* Checks every listed file, then that nothing else is there. */
static int check_members(zip_t *za, const struct pack_hasher *h,
			 struct arena *arena, const struct pack_manifest *m,
			 struct error *err)
{
	zip_int64_t entries = zip_get_num_entries(za, 0), e;
	size_t i;

	for (i = 0; i < m->file_count; i++) {
		const struct pack_file *f = &m->files[i];
		zip_int64_t idx = zip_name_locate(za, f->path, ZIP_FL_ENC_RAW);
		char hex[PACK_HASH_HEX + 1];
		uint64_t size;

		if (idx < 0)
			return error_set(err, ERROR_INPUT, "pack.missing",
					 f->path, NULL);
		if (hash_member(za, (zip_uint64_t)idx, f->path, h, f->size,
				NULL, &size, hex, err))
			return -1;
		if (size != f->size)
			return error_set(err, ERROR_INPUT, "pack.size_differs",
					 f->path, decimal(arena, f->size),
					 size > f->size
						 ? arena_printf(arena,
								">%" PRIu64,
								f->size)
						 : decimal(arena, size),
					 NULL);
		if (strcmp(hex, f->sha256))
			return error_set(err, ERROR_INPUT, "pack.hash_differs",
					 f->path, NULL);
	}
	for (e = 0; e < entries; e++) {
		const char *name =
			zip_get_name(za, (zip_uint64_t)e, ZIP_FL_ENC_RAW);
		int listed = 0;

		if (!name)
			return error_set(err, ERROR_INPUT, "pack.damaged", "?",
					 zip_strerror(za), NULL);
		if (!strcmp(name, PACK_MANIFEST))
			continue;
		for (i = 0; i < m->file_count && !listed; i++)
			listed = !strcmp(name, m->files[i].path);
		if (!listed)
			return error_set(err, ERROR_INPUT, "pack.unlisted",
					 arena_strdup(arena, name), NULL);
	}
	return 0;
}

int pack_verify(const char *path, const struct pack_hasher *h,
		struct arena *arena, struct pack_check *out, struct error *err)
{
	struct strbuf json = STRBUF_INIT;
	char hex[PACK_HASH_HEX + 1];
	zip_error_t zerr;
	zip_int64_t idx;
	zip_t *za;
	uint64_t size;
	int code = 0, rc = -1;

	memset(out, 0, sizeof(*out));
	za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
	if (!za) {
		zip_error_init_with_code(&zerr, code);
		error_set(err, ERROR_INPUT, "pack.not_zip", path,
			  zip_error_strerror(&zerr), NULL);
		zip_error_fini(&zerr);
		return -1;
	}
	idx = zip_name_locate(za, PACK_MANIFEST, ZIP_FL_ENC_RAW);
	if (idx < 0) {
		error_set(err, ERROR_INPUT, "pack.no_manifest", path, NULL);
		goto out;
	}
	if (hash_member(za, (zip_uint64_t)idx, PACK_MANIFEST, h, MANIFEST_MAX,
			&json, &size, hex, err))
		goto out;
	if (size > MANIFEST_MAX) {
		bad_manifest(err, "size");
		goto out;
	}
	if (pack_manifest_parse(json.buf, json.len, arena, &out->manifest,
				err) ||
	    check_members(za, h, arena, &out->manifest, err))
		goto out;
	zip_discard(za);
	za = NULL;
	rc = hash_whole(path, h, out->sha256, err);
out:
	if (za)
		zip_discard(za);
	strbuf_release(&json);
	return rc;
}
