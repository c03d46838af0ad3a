/* backupfile.c: the backup file format (jansson for the manifest). */
#include "util/compat.h"
#include "web/backupfile.h"

#include <errno.h>
#include <jansson.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"
#include "web/seal.h"

#define MAGIC "MAMORIBK"

enum { COPY_BUF = 64 * 1024 };

int backupfile_prefix(const unsigned char *buf, size_t len,
		      enum backup_mode *mode, struct error *err)
{
	if (len < 8 ? memcmp(buf, MAGIC, len) != 0 : memcmp(buf, MAGIC, 8))
		return error_set(err, ERROR_INPUT, "backup.foreign", NULL);
	if (len < BACKUP_PREFIX)
		return error_set(err, ERROR_INPUT, "backup.truncated", NULL);
	if (buf[8] > BACKUP_FORMAT)
		return error_set(err, ERROR_INPUT, "backup.newer_format", NULL);
	if (buf[8] != BACKUP_FORMAT || buf[9] > BACKUP_SEALED || buf[10] ||
	    buf[11])
		return error_set(err, ERROR_INPUT, "backup.foreign", NULL);
	*mode = (enum backup_mode)buf[9];
	return 0;
}

void backupfile_manifest_json(const struct backup_manifest *m,
			      struct strbuf *out)
{
	json_t *o = json_object(), *orgs = json_array();
	char *s;
	size_t i;

	json_object_set_new(o, "format", json_integer(m->format));
	json_object_set_new(o, "kind", json_string(m->kind));
	json_object_set_new(o, "created", json_integer(m->created));
	json_object_set_new(o, "schema", json_integer(m->schema));
	json_object_set_new(o, "program", json_string(m->program));
	for (i = 0; i < m->org_count; i++) {
		json_t *org = json_object();

		json_object_set_new(org, "id", json_integer(m->orgs[i].id));
		json_object_set_new(org, "name", json_string(m->orgs[i].name));
		json_array_append_new(orgs, org);
	}
	json_object_set_new(o, "organisations", orgs);
	json_object_set_new(o, "size", json_integer(m->size));
	json_object_set_new(o, "sha256", json_string(m->sha256));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!s)
		BUG("manifest does not serialise");
	strbuf_addstr(out, s);
	free(s);
	json_decref(o);
}

static int bad_manifest(const char *member, struct error *err)
{
	return error_set(err, ERROR_INPUT, "backup.bad_manifest", member, NULL);
}

static int get_int(json_t *o, const char *key, int64_t min, int64_t max,
		   int64_t *out, struct error *err)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return bad_manifest(key, err);
	*out = json_integer_value(v);
	return 0;
}

static int get_text(json_t *o, const char *key, struct arena *arena,
		    const char **out, struct error *err)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return bad_manifest(key, err);
	*out = arena_strdup(arena, json_string_value(v));
	return 0;
}

static int is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

int backupfile_parse_manifest(const char *json, size_t len, struct arena *arena,
			      struct backup_manifest *m, struct error *err)
{
	json_t *o, *orgs;
	json_error_t jerr;
	const char *sha;
	int64_t v;
	size_t i;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return bad_manifest("JSON", err);
	}
	if (get_int(o, "format", BACKUP_FORMAT, BACKUP_FORMAT, &v, err))
		goto out;
	m->format = (int)v;
	if (get_text(o, "kind", arena, &m->kind, err))
		goto out;
	if (strcmp(m->kind, "installation") &&
	    strcmp(m->kind, "organisation")) {
		bad_manifest("kind", err);
		goto out;
	}
	if (get_int(o, "created", 0, INT64_MAX, &m->created, err) ||
	    get_int(o, "schema", 1, 1000000, &v, err))
		goto out;
	m->schema = (int)v;
	if (get_text(o, "program", arena, &m->program, err) ||
	    get_int(o, "size", 1, INT64_MAX, &m->size, err) ||
	    get_text(o, "sha256", arena, &sha, err))
		goto out;
	if (!is_hex64(sha)) {
		bad_manifest("sha256", err);
		goto out;
	}
	memcpy(m->sha256, sha, sizeof(m->sha256));
	orgs = json_object_get(o, "organisations");
	if (!json_is_array(orgs)) {
		bad_manifest("organisations", err);
		goto out;
	}
	m->org_count = json_array_size(orgs);
	m->orgs = arena_calloc(arena, m->org_count ? m->org_count : 1,
			       sizeof(*m->orgs));
	for (i = 0; i < m->org_count; i++) {
		json_t *org = json_array_get(orgs, i);

		if (!json_is_object(org) ||
		    get_int(org, "id", 1, INT64_MAX, &m->orgs[i].id, err) ||
		    get_text(org, "name", arena, &m->orgs[i].name, err)) {
			bad_manifest("organisations", err);
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

static int read_failed(struct error *err)
{
	return error_set(err, ERROR_INTERNAL, "backup.read_failed",
			 strerror(errno), NULL);
}

static int write_failed(struct error *err)
{
	return error_set(err, ERROR_INTERNAL, "backup.write_failed",
			 strerror(errno), NULL);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int hex_to_bytes(const char *hex, unsigned char out[32])
{
	size_t i;

	for (i = 0; i < 32; i++) {
		unsigned int b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (unsigned char)b;
	}
	return 0;
}

int backupfile_write(FILE *out, struct backup_manifest *m, FILE *image,
		     struct error *err)
{
	struct strbuf json = STRBUF_INIT;
	struct sha256_stream *h = sha256_stream_new();
	unsigned char head[BACKUP_HEADER], *buf = xmalloc(COPY_BUF);
	char hex[TOKEN_HEX + 1];
	size_t n;
	int64_t size = 0;
	int rc = -1;

	/* First pass: the image's size and hash go into the manifest. */
	rewind(image);
	while ((n = fread(buf, 1, COPY_BUF, image)) > 0) {
		sha256_stream_add(h, buf, n);
		size += (int64_t)n;
	}
	sha256_stream_end(h, m->sha256);
	if (ferror(image)) {
		read_failed(err);
		goto out;
	}
	m->size = size;
	m->format = BACKUP_FORMAT;
	backupfile_manifest_json(m, &json);
	memset(head, 0, sizeof(head));
	memcpy(head, MAGIC, 8);
	head[8] = BACKUP_FORMAT;
	head[9] = BACKUP_PLAIN;
	put_be32(head + 12, (uint32_t)json.len);
	sha256_hex(json.buf, json.len, hex);
	if (hex_to_bytes(hex, head + 16))
		BUG("sha256_hex gave no hex");
	if (fwrite(head, 1, sizeof(head), out) != sizeof(head) ||
	    fwrite(json.buf, 1, json.len, out) != json.len) {
		write_failed(err);
		goto out;
	}
	rewind(image);
	while ((n = fread(buf, 1, COPY_BUF, image)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			write_failed(err);
			goto out;
		}
	if (ferror(image)) {
		read_failed(err);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	strbuf_release(&json);
	return rc;
}

int backupfile_read(FILE *in, struct arena *arena, struct backup_manifest *m,
		    struct error *err)
{
	unsigned char head[BACKUP_HEADER], want[32];
	char hex[TOKEN_HEX + 1];
	enum backup_mode mode;
	size_t n, len;
	char *json;
	int rc;

	n = fread(head, 1, sizeof(head), in);
	if (ferror(in))
		return read_failed(err);
	if (backupfile_prefix(head, n, &mode, err))
		return -1;
	if (mode != BACKUP_PLAIN)
		return error_set(err, ERROR_INPUT, "backup.needs_passphrase",
				 NULL);
	if (n < sizeof(head))
		return error_set(err, ERROR_INPUT, "backup.truncated", NULL);
	len = ((size_t)head[12] << 24) | ((size_t)head[13] << 16) |
	      ((size_t)head[14] << 8) | head[15];
	if (len < 2 || len > BACKUP_MANIFEST_MAX)
		return error_set(err, ERROR_INPUT, "backup.damaged", NULL);
	json = xmalloc(len);
	if (fread(json, 1, len, in) != len) {
		free(json);
		return error_set(err, ERROR_INPUT, "backup.truncated", NULL);
	}
	sha256_hex(json, len, hex);
	if (hex_to_bytes(hex, want) || memcmp(want, head + 16, 32)) {
		free(json);
		return error_set(err, ERROR_INPUT, "backup.damaged", NULL);
	}
	rc = backupfile_parse_manifest(json, len, arena, m, err);
	free(json);
	return rc;
}

int backupfile_extract(FILE *in, const struct backup_manifest *m, FILE *out,
		       struct error *err)
{
	struct sha256_stream *h = sha256_stream_new();
	unsigned char *buf = xmalloc(COPY_BUF);
	char got[65];
	int64_t left = m->size;
	int rc = -1;

	while (left > 0) {
		size_t want = left < COPY_BUF ? (size_t)left : COPY_BUF;
		size_t n = fread(buf, 1, want, in);

		if (ferror(in)) {
			read_failed(err);
			goto out;
		}
		if (!n) {
			error_set(err, ERROR_INPUT, "backup.truncated", NULL);
			goto out;
		}
		sha256_stream_add(h, buf, n);
		if (fwrite(buf, 1, n, out) != n) {
			write_failed(err);
			goto out;
		}
		left -= (int64_t)n;
	}
	if (fgetc(in) != EOF) {
		error_set(err, ERROR_INPUT, "backup.damaged", NULL);
		goto out;
	}
	rc = 0;
out:
	sha256_stream_end(h, got);
	if (!rc && strcmp(got, m->sha256))
		rc = error_set(err, ERROR_INPUT, "backup.damaged", NULL);
	free(buf);
	return rc;
}
