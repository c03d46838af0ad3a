/* embed.c: turns data files into a C source file of byte arrays.
 *
 * Usage: embed OUTPUT.c GROUP BASE FILE...
 * Writes OUTPUT.c defining `const struct embedded_group embedded_GROUP`
 * whose entries are named by each FILE's path below the folder BASE.
 * Each array ends with a NUL byte so text files can be used as strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit_file(FILE *out, const char *path, size_t index, size_t *len,
		     unsigned long long *hash)
{
	FILE *in = fopen(path, "rb");
	int c, col = 0;

	/* FNV-1a, 64 bits: enough to tell versions of a file apart. */
	*hash = 0xcbf29ce484222325ULL;

	if (!in) {
		perror(path);
		return -1;
	}
	*len = 0;
	fprintf(out, "static const unsigned char file_%zu[] = {\n", index);
	while ((c = fgetc(in)) != EOF) {
		*hash = (*hash ^ (unsigned char)c) * 0x100000001b3ULL;
		fprintf(out, "%s0x%02x,", col ? "" : "\t", c);
		if (++col == 16) {
			fputc('\n', out);
			col = 0;
		}
		(*len)++;
	}
	fprintf(out, "%s0x00\n};\n", col ? "" : "\t");
	if (ferror(in)) {
		perror(path);
		fclose(in);
		return -1;
	}
	fclose(in);
	return 0;
}

/*
 * Returns the part of path below the folder named base ("data"), however
 * the build tool spelled the way there ("../data/x", "/src/data/x").
 */
static const char *relative(const char *path, const char *base)
{
	size_t n = strlen(base);
	const char *p;

	if (!strncmp(path, base, n) && path[n] == '/')
		return path + n + 1;
	for (p = strstr(path, base); p; p = strstr(p + 1, base))
		if (p > path && p[-1] == '/' && p[n] == '/')
			return p + n + 1;
	return path;
}

int main(int argc, char **argv)
{
	FILE *out;
	size_t *lens;
	unsigned long long *hashes;
	int i, nfiles;

	if (argc < 4) {
		fprintf(stderr, "usage: embed OUTPUT.c GROUP BASE FILE...\n");
		return 2;
	}
	nfiles = argc - 4;
	lens = calloc((size_t)nfiles + 1, sizeof(*lens));
	hashes = calloc((size_t)nfiles + 1, sizeof(*hashes));
	out = fopen(argv[1], "w");
	if (!out || !lens || !hashes) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out,
		"/* generated from data/ by tools/embed.c; do not edit */\n"
		"#include \"util/embed.h\"\n\n");
	for (i = 0; i < nfiles; i++)
		if (emit_file(out, argv[4 + i], (size_t)i, &lens[i],
			      &hashes[i]))
			return 1;
	fprintf(out, "\nstatic const struct embedded_file files[] = {\n");
	for (i = 0; i < nfiles; i++)
		fprintf(out, "\t{\"%s\", file_%d, %zu, \"\\\"%016llx\\\"\"},\n",
			relative(argv[4 + i], argv[3]), i, lens[i], hashes[i]);
	if (!nfiles)
		fprintf(out, "\t{\"\", 0, 0, \"\"},\n");
	fprintf(out,
		"};\n\nconst struct embedded_group embedded_%s = {files, %d};\n",
		argv[2], nfiles);
	free(lens);
	free(hashes);
	if (fclose(out)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
