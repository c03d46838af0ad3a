/*
 * cmd_org.c: `mamori org export` and `mamori org import`, one
 * organisation moved between installations.
 *
 * The export is a backup file (kind "organisation") whose data file holds
 * only that organisation: its rows, its members without credentials and
 * its audit trail.  The import checks the file like a restore does, then
 * copies the rows under new ids in one transaction.  The imported trail
 * is kept exactly as it was (audit_archive), since its hashes cover the
 * old ids, and the organisation's chain here starts with an "org.import"
 * event that names the old chain's last hash, so `mamori audit verify`
 * checks both and the link between them.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <unistd.h>

#include "store/repo_transfer.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/backup.h"
#include "web/crypto.h"

enum {
	OPT_ORG = 'g',
	OPT_OUTPUT = 'o',
	OPT_PASSFILE = 'f',
	OPT_ENCRYPT = 'e',
	OPT_NAME = 'n',
	OPT_HELP = 'h'
};

static const struct option longopts[] = {
	{ "org", required_argument, NULL, OPT_ORG },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "passphrase-file", required_argument, NULL, OPT_PASSFILE },
	{ "encrypt", no_argument, NULL, OPT_ENCRYPT },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static void wipe(struct strbuf *sb)
{
	if (sb->len)
		memset(sb->buf, 0, sb->len);
	strbuf_release(sb);
}

/* A fresh data file at a temporary name beside out. */
static int fresh_file(struct arena *arena, const char *out, const char **path,
		      struct error *err)
{
	struct store *store = NULL;
	char *name = arena_printf(arena, "%s.tmp-XXXXXX", out);
	int fd = mkstemp(name), rc;

	if (fd < 0)
		return error_set(err, ERROR_INTERNAL, "backup.write_failed_at",
				 out, strerror(errno), NULL);
	close(fd);
	*path = name;
	rc = store_open(name, 1, &store, err) ||
	     store_migrate(store, NULL, err);
	store_close(store);
	return rc ? -1 : 0;
}

static void remove_db(struct arena *arena, const char *path)
{
	unlink(path);
	unlink(arena_printf(arena, "%s-wal", path));
	unlink(arena_printf(arena, "%s-shm", path));
}

/* Copies organisation org of store into the data file at path. */
static int export_rows(struct store *store, int64_t org, const char *path,
		       const char *out, int64_t *rows, struct error *err)
{
	if (repo_transfer_attach(store, path, err))
		return -1;
	if (store_begin(store, err))
		goto fail;
	/* The export itself is in the trail of the organisation that
	 * left, and so in the file too. */
	if (cli_audit(store, org, 0, "org.export", out, "", err) ||
	    repo_transfer_export(store, org, rows, err) ||
	    store_commit(store, err)) {
		store_rollback(store);
		goto fail;
	}
	repo_transfer_detach(store);
	return 0;
fail:
	repo_transfer_detach(store);
	return -1;
}

static int org_export(struct cli *cli, int argc, char **argv)
{
	struct backup_options o = { NULL, 0, 0, "cli" };
	struct error err = ERROR_INIT;
	struct strbuf pass = STRBUF_INIT;
	struct backup_result res;
	struct store *store = NULL;
	struct arena arena;
	const char *out = NULL, *pass_file = NULL, *image = NULL, *name;
	int64_t rows = 0;
	int c, li = 0, org = 0, encrypt = 0, rc = EXIT_INPUT;
	char n[32];

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		switch (c) {
		case OPT_ORG:
			if (parse_int(optarg, 1, INT32_MAX, &org))
				return cli_usage(cli, "org", "usage.bad_value",
						 "org", optarg, NULL);
			break;
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
			return cli_help(cli, "org");
		default:
			return cli_usage(cli, "org", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "org", "usage.extra_argument",
				 argv[optind], NULL);
	if (!org || !out)
		return cli_usage(cli, "org", "usage.org_export", NULL);
	c = cli_passphrase(cli, pass_file, encrypt, 1, &pass, &err);
	if (c < 0)
		return cli_fail(cli, &err);
	if (c == 1 && encrypt) {
		error_set(&err, ERROR_INPUT, "backup.needs_passphrase", NULL);
		return cli_fail(cli, &err);
	}
	if (c == 0)
		o.passphrase = pass.buf;
	arena_init(&arena, 0);
	if (cli_open_store(cli, &store, &err) ||
	    cli_org_name(store, &arena, org, &name, &err) ||
	    fresh_file(&arena, out, &image, &err) ||
	    export_rows(store, org, image, out, &rows, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	store_close(store);
	store = NULL;
	if (backup_pack(image, "organisation", out, &o, &arena, &res, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	snprintf(n, sizeof(n), "%lld", (long long)rows);
	cli_say(cli, cli->out, "org.exported", name, out, n, NULL);
	fprintf(cli->out, "sha256 %s\n", res.sha256);
	rc = EXIT_DONE;
out:
	wipe(&pass);
	store_close(store);
	if (image)
		remove_db(&arena, image);
	arena_release(&arena);
	return rc;
}

/* New accounts: a generated password each, shown once after the commit. */
struct new_accounts {
	struct arena *arena;
	struct strbuf shown;
	char hash[PASSWORD_HASH_MAX];
};

static const char *new_password(void *arg, const char *email, struct error *err)
{
	struct new_accounts *na = arg;
	char pw[64];

	password_generate(pw, sizeof(pw), 6);
	if (password_hash(pw, na->hash, err))
		return NULL;
	strbuf_addf(&na->shown, "%s\t%s\n", email, pw);
	memset(pw, 0, sizeof(pw));
	return na->hash;
}

static int import_rows(struct store *store, const char *image, const char *name,
		       struct new_accounts *na, struct transfer_result *res,
		       struct error *err)
{
	struct strbuf after = STRBUF_INIT;
	char target[32];

	if (repo_transfer_attach(store, image, err))
		return -1;
	if (store_begin(store, err) ||
	    repo_transfer_import(store, na->arena, name, new_password, na, res,
				 err))
		goto fail;
	strbuf_addf(
		&after,
		"from_org: %lld\nrows: %lld\nevents: %lld\nchain: %lld\n" TRANSFER_HEAD_LINE
		"%s",
		(long long)res->from_org, (long long)res->rows,
		(long long)res->events, (long long)res->chain, res->head);
	snprintf(target, sizeof(target), "%lld", (long long)res->org_id);
	if (cli_audit(store, res->org_id, 0, "org.import", target, after.buf,
		      err) ||
	    store_commit(store, err))
		goto fail;
	strbuf_release(&after);
	repo_transfer_detach(store);
	return 0;
fail:
	strbuf_release(&after);
	store_rollback(store);
	repo_transfer_detach(store);
	return -1;
}

static const char *dir_of(struct arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ".";
	return slash == path
		       ? "/"
		       : arena_memdupz(arena, path, (size_t)(slash - path));
}

static int org_import(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct strbuf pass = STRBUF_INIT;
	struct new_accounts na;
	struct transfer_result tr;
	struct backup_result res;
	struct store *store = NULL;
	struct arena arena;
	const char *pass_file = NULL, *passphrase, *file, *name = NULL;
	const char *image = NULL;
	char id[32], rows[32], matched[32], created[32];
	int c, li = 0, rc = EXIT_INPUT;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		switch (c) {
		case OPT_PASSFILE:
			pass_file = optarg;
			break;
		case OPT_NAME:
			name = optarg;
			break;
		case OPT_HELP:
			return cli_help(cli, "org");
		default:
			return cli_usage(cli, "org", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "org", "usage.backup_file", NULL);
	file = argv[optind];
	if (name && (!*name || strlen(name) > 200)) {
		error_set(&err, ERROR_INPUT, "input.too_long", "field.org_name",
			  name, "200", NULL);
		return cli_fail(cli, &err);
	}
	if (cli_backup_open_passphrase(cli, file, pass_file, &pass, &passphrase,
				       &err))
		return cli_fail(cli, &err);
	arena_init(&arena, 0);
	memset(&na, 0, sizeof(na));
	na.arena = &arena;
	strbuf_init(&na.shown, 0);
	if (password_library_init(&err) ||
	    backup_check_file(file, passphrase, dir_of(&arena, cli->data),
			      &arena, &res, &image, &err))
		goto fail;
	if (strcmp(res.manifest.kind, "organisation")) {
		error_set(&err, ERROR_INPUT, "backup.not_organisation", NULL);
		goto fail;
	}
	if (cli_open_store(cli, &store, &err) ||
	    import_rows(store, image, name, &na, &tr, &err))
		goto fail;
	snprintf(id, sizeof(id), "%lld", (long long)tr.org_id);
	snprintf(rows, sizeof(rows), "%lld", (long long)tr.rows);
	snprintf(matched, sizeof(matched), "%lld", (long long)tr.matched);
	snprintf(created, sizeof(created), "%lld", (long long)tr.created);
	cli_say(cli, cli->out, "org.imported", tr.name, id, rows, NULL);
	cli_say(cli, cli->out, "org.imported_members", matched, created, NULL);
	if (na.shown.len) {
		cli_say(cli, cli->out, "org.new_passwords", NULL);
		fputs(na.shown.buf, cli->out);
	}
	rc = EXIT_DONE;
	goto out;
fail:
	rc = cli_fail(cli, &err);
out:
	wipe(&pass);
	wipe(&na.shown);
	store_close(store);
	if (image)
		remove_db(&arena, image);
	arena_release(&arena);
	return rc;
}

int cmd_org(struct cli *cli, int argc, char **argv)
{
	if (argc > 1 && cli_is_help(argv[1]))
		return cli_help(cli, "org");
	if (argc > 1 && !strcmp(argv[1], "export"))
		return org_export(cli, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "import"))
		return org_import(cli, argc - 1, argv + 1);
	return cli_usage(cli, "org", "usage.org_verb", NULL);
}
