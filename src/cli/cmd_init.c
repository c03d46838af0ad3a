/* cmd_init.c: `mamori init`, create a data file, organisation and admin. */
#include "util/compat.h"
#include "cli/cli.h"
#include "cli/demo.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/organisation.h"
#include "core/role.h"
#include "store/repo_audit.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"
#include "web/pwcheck.h"

struct init_options {
	const char *org;
	const char *email;
	const char *name;
	int password_stdin;
	int sample;
};

/* Reads the password from the first line of stdin into sb. */
static int read_password(struct strbuf *sb, const char *email,
			 struct error *err)
{
	int c;

	sb->max = PASSWORD_MAX_BYTES;
	while ((c = getchar()) != EOF && c != '\n')
		strbuf_addch(sb, c);
	strbuf_rtrim(sb);
	if (sb->toobig)
		return error_set(err, ERROR_INPUT, "input.too_long",
				 "field.password", "…", "1024", NULL);
	return pwcheck(sb->buf, email, err);
}

/* Returns 1 when a data file exists at path already. */
static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * Writes the organisation, the account and its roles in one transaction,
 * so a failure leaves nothing behind.
 */
static int write_records(struct store *store, const struct init_options *o,
			 const char *hash, int64_t *org_id, struct error *err)
{
	char now[32], target[64];
	struct organisation org = { 0, o->org, o->sample, now };
	struct account acc = { 0, o->email, o->name, now, !o->password_stdin };
	int64_t acc_id;

	cli_now(now);
	if (store_begin(store, err))
		return -1;
	if (repo_org_insert(store, &org, org_id, err) ||
	    repo_account_insert(store, &acc, hash, &acc_id, err) ||
	    repo_membership_add(store, *org_id, acc_id, ROLE_SECURITY_LEAD,
				NULL, now, err) ||
	    repo_membership_add(store, *org_id, acc_id, ROLE_EXECUTIVE, NULL,
				now, err))
		goto out_rollback;
	/* The first link of the organisation's audit chain. */
	snprintf(target, sizeof(target), "organisation:%lld",
		 (long long)*org_id);
	if (o->sample && demo_seed(store, *org_id, (int64_t)time(NULL), err))
		goto out_rollback;
	if (cli_audit(store, *org_id, acc_id, "org.create", target, o->org,
		      err) ||
	    store_commit(store, err))
		goto out_rollback;
	return 0;
out_rollback:
	store_rollback(store);
	return -1;
}

/* Refuses to initialise a data file that already holds organisations. */
static int check_empty(const char *path, struct error *err)
{
	struct store *store = NULL;
	int version = 0;

	if (!file_exists(path))
		return 0;
	if (store_open(path, 0, &store, err) ||
	    store_schema_version(store, &version, err)) {
		store_close(store);
		return -1;
	}
	store_close(store);
	if (version > 0)
		return error_set(err, ERROR_CONFLICT, "init.exists", path,
				 NULL);
	return 0;
}

static int parse_options(struct cli *cli, int argc, char **argv,
			 struct init_options *o)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "email", required_argument, NULL, 'e' },
		{ "name", required_argument, NULL, 'n' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "sample", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->org = optarg;
			break;
		case 'e':
			o->email = optarg;
			break;
		case 'n':
			o->name = optarg;
			break;
		case 'p':
			o->password_stdin = 1;
			break;
		case 's':
			o->sample = 1;
			break;
		case 'h':
			return cli_help(cli, "init") + 100;
		default:
			return cli_usage(cli, "init", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "init", "usage.extra_argument",
				 argv[optind], NULL);
	if (!o->org)
		return cli_usage(cli, "init", "usage.missing_option", "--org",
				 NULL);
	if (!o->email)
		return cli_usage(cli, "init", "usage.missing_option", "--email",
				 NULL);
	if (!o->name)
		o->name = cli_msg(cli, "init.default_name");
	return 0;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	struct init_options o = { NULL, NULL, NULL, 0, 0 };
	struct error err = ERROR_INIT;
	struct strbuf password = STRBUF_INIT;
	struct organisation org = { 0, NULL, 0, "" };
	struct account acc = { 0, NULL, NULL, "", 0 };
	struct store *store = NULL;
	char hash[PASSWORD_HASH_MAX], id[32];
	int64_t org_id = 0;
	int rc, created = 0;

	rc = parse_options(cli, argc, argv, &o);
	if (rc)
		return rc >= 100 ? rc - 100 : rc;
	/* Validate everything before anything is written. */
	org.name = o.org;
	acc.email = o.email;
	acc.display_name = o.name;
	if (organisation_validate(&org, &err) || account_validate(&acc, &err) ||
	    check_empty(cli->data, &err) || password_library_init(&err))
		goto out_fail;
	if (o.password_stdin) {
		if (read_password(&password, o.email, &err))
			goto out_fail;
	} else {
		char generated[64];

		password_generate(generated, sizeof(generated), 5);
		strbuf_addstr(&password, generated);
	}
	if (password_hash(password.buf, hash, &err))
		goto out_fail;
	created = !file_exists(cli->data);
	if (store_open(cli->data, 1, &store, &err) ||
	    store_migrate(store, NULL, &err) ||
	    write_records(store, &o, hash, &org_id, &err))
		goto out_fail;
	store_close(store);
	snprintf(id, sizeof(id), "%lld", (long long)org_id);
	cli_say(cli, cli->out, "init.done", cli->data, o.org, id, o.email,
		NULL);
	if (o.sample)
		cli_say(cli, cli->out, "init.sample", NULL);
	if (!o.password_stdin)
		cli_say(cli, cli->out, "init.password", password.buf, NULL);
	strbuf_release(&password);
	return EXIT_DONE;
out_fail:
	store_close(store);
	/* A file this run created is removed, so nothing is half-written. */
	if (created) {
		struct strbuf side = STRBUF_INIT;

		unlink(cli->data);
		strbuf_addf(&side, "%s-wal", cli->data);
		unlink(side.buf);
		strbuf_reset(&side);
		strbuf_addf(&side, "%s-shm", cli->data);
		unlink(side.buf);
		strbuf_release(&side);
	}
	strbuf_release(&password);
	return cli_fail(cli, &err);
}
