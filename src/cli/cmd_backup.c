/*
 * cmd_backup.c: `mamori backup`, `mamori backup verify` and
 * `mamori restore`.  Passphrases come from a file, the environment or
 * the terminal, never from the command line (where ps would show them).
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/backup.h"
#include "web/crypto.h"

#define PASSPHRASE_ENV "MAMORI_BACKUP_PASSPHRASE"

/* Reads one line from f without its newline; 0 or -1 at end of file. */
static int read_line(FILE *f, struct strbuf *out)
{
	int c, any = 0;

	while ((c = fgetc(f)) != EOF && c != '\n') {
		strbuf_addch(out, c);
		any = 1;
	}
	if (out->len && out->buf[out->len - 1] == '\r')
		strbuf_setlen(out, out->len - 1);
	return any || c == '\n' ? 0 : -1;
}

/* Asks on the terminal with echo off. */
static int prompt(struct cli *cli, const char *key, struct strbuf *out)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int rc;

	if (!tty)
		return -1;
	fprintf(tty, "%s", cli_msg(cli, key));
	fflush(tty);
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	rc = read_line(tty, out);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fprintf(tty, "\n");
	fclose(tty);
	return rc;
}

int cli_passphrase(struct cli *cli, const char *file, int ask, int confirm,
		   struct strbuf *out, struct error *err)
{
	const char *env = getenv(PASSPHRASE_ENV);

	strbuf_reset(out);
	if (file) {
		FILE *f = fopen(file, "r");

		if (!f)
			return error_set(err, ERROR_INPUT, "backup.cannot_read",
					 file, strerror(errno), NULL);
		read_line(f, out);
		fclose(f);
	} else if (env && *env) {
		strbuf_addstr(out, env);
	} else if (ask && isatty(STDIN_FILENO)) {
		struct strbuf again = STRBUF_INIT;

		if (prompt(cli, "backup.prompt", out) ||
		    (confirm && prompt(cli, "backup.prompt_again", &again))) {
			strbuf_release(&again);
			return error_set(err, ERROR_INPUT,
					 "backup.needs_passphrase", NULL);
		}
		if (confirm && strcmp(out->buf, again.buf)) {
			strbuf_release(&again);
			return error_set(err, ERROR_INPUT,
					 "backup.passphrases_differ", NULL);
		}
		strbuf_release(&again);
	} else {
		return 1;
	}
	if (strlen(out->buf) < 8)
		return error_set(err, ERROR_INPUT, "backup.passphrase_short",
				 "8", NULL);
	return 0;
}

int cli_backup_sealed(const char *file)
{
	unsigned char prefix[BACKUP_PREFIX];
	enum backup_mode mode;
	FILE *f = fopen(file, "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(prefix, 1, sizeof(prefix), f);
	fclose(f);
	return !backupfile_prefix(prefix, n, &mode, NULL) &&
	       mode == BACKUP_SEALED;
}

int cli_backup_open_passphrase(struct cli *cli, const char *file,
			       const char *pass_file, struct strbuf *pass,
			       const char **out, struct error *err)
{
	int rc;

	*out = NULL;
	if (!pass_file && !cli_backup_sealed(file))
		return 0;
	rc = cli_passphrase(cli, pass_file, 1, 0, pass, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		*out = pass->buf;
	return 0;
}

static void wipe(struct strbuf *sb)
{
	if (sb->len)
		memset(sb->buf, 0, sb->len);
	strbuf_release(sb);
}

static void say_result(struct cli *cli, const char *key, const char *file,
		       const struct backup_result *res)
{
	char size[32], orgs[32], schema[16], events[32];

	snprintf(size, sizeof(size), "%lld", (long long)res->size);
	snprintf(orgs, sizeof(orgs), "%zu", res->manifest.org_count);
	snprintf(schema, sizeof(schema), "%d", res->manifest.schema);
	snprintf(events, sizeof(events), "%lld", (long long)res->events);
	cli_say(cli, cli->out, key, file, size, orgs, schema, NULL);
	if (res->events)
		cli_say(cli, cli->out, "backup.checked", events, NULL);
	fprintf(cli->out, "sha256 %s\n", res->sha256);
}

enum {
	OPT_OUTPUT = 'o',
	OPT_PASSFILE = 'f',
	OPT_ENCRYPT = 'e',
	OPT_HELP = 'h'
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "passphrase-file", required_argument, NULL, OPT_PASSFILE },
	{ "encrypt", no_argument, NULL, OPT_ENCRYPT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static int backup_verify_cmd(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct strbuf pass = STRBUF_INIT;
	struct backup_result res;
	struct arena arena;
	const char *pass_file = NULL, *passphrase, *file;
	int c, li = 0, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		if (c == OPT_PASSFILE)
			pass_file = optarg;
		else if (c == OPT_HELP)
			return cli_help(cli, "backup");
		else
			return cli_usage(cli, "backup", "usage.bad_option",
					 argv[optind - 1], NULL);
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "backup", "usage.backup_file", NULL);
	file = argv[optind];
	if (cli_backup_open_passphrase(cli, file, pass_file, &pass, &passphrase,
				       &err))
		return cli_fail(cli, &err);
	arena_init(&arena, 0);
	rc = backup_verify(file, passphrase, cli->data, "cli", &arena, &res,
			   &err);
	wipe(&pass);
	if (rc)
		rc = cli_fail(cli, &err);
	else
		say_result(cli, "backup.verified", file, &res);
	arena_release(&arena);
	return rc;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct backup_options o = { NULL, 0, 0, "cli" };
	struct error err = ERROR_INIT;
	struct strbuf pass = STRBUF_INIT;
	struct backup_result res;
	struct arena arena;
	const char *out = NULL, *pass_file = NULL;
	int c, li = 0, encrypt = 0, rc;

	if (argc > 1 && !strcmp(argv[1], "verify"))
		return backup_verify_cmd(cli, argc - 1, argv + 1);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		switch (c) {
		case OPT_OUTPUT:
			out = optarg;
			break;
		case OPT_PASSFILE:
			pass_file = optarg;
			break;
		case OPT_ENCRYPT:
			encrypt = 1;
			break;
		case OPT_HELP:
			return cli_help(cli, "backup");
		default:
			return cli_usage(cli, "backup", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "backup", "usage.extra_argument",
				 argv[optind], NULL);
	rc = cli_passphrase(cli, pass_file, encrypt, 1, &pass, &err);
	if (rc < 0)
		return cli_fail(cli, &err);
	if (rc == 1 && encrypt) {
		error_set(&err, ERROR_INPUT, "backup.needs_passphrase", NULL);
		return cli_fail(cli, &err);
	}
	if (rc == 0)
		o.passphrase = pass.buf;
	arena_init(&arena, 0);
	if (!out)
		out = backup_file_name(&arena, ".", (int64_t)time(NULL)) + 2;
	rc = backup_make(cli->data, out, &o, &arena, &res, &err);
	wipe(&pass);
	if (rc)
		rc = cli_fail(cli, &err);
	else
		say_result(cli,
			   o.passphrase ? "backup.done_sealed" : "backup.done",
			   out, &res);
	arena_release(&arena);
	return rc;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct strbuf pass = STRBUF_INIT;
	struct backup_result res;
	struct arena arena;
	const char *pass_file = NULL, *passphrase, *file;
	int c, li = 0, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		if (c == OPT_PASSFILE)
			pass_file = optarg;
		else if (c == OPT_HELP)
			return cli_help(cli, "restore");
		else
			return cli_usage(cli, "restore", "usage.bad_option",
					 argv[optind - 1], NULL);
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "restore", "usage.backup_file", NULL);
	file = argv[optind];
	if (cli_backup_open_passphrase(cli, file, pass_file, &pass, &passphrase,
				       &err))
		return cli_fail(cli, &err);
	arena_init(&arena, 0);
	rc = backup_restore(file, passphrase, cli->data, &arena, &res, &err);
	wipe(&pass);
	if (rc)
		rc = cli_fail(cli, &err);
	else
		say_result(cli, "backup.restored", cli->data, &res);
	arena_release(&arena);
	return rc;
}
