/* cmd_user.c: `mamori user add|list`, accounts and their roles. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "core/organisation.h"
#include "core/role.h"
#include "core/validate.h"
#include "store/repo_audit.h"
#include "store/repo_org.h"
#include "store/repo_session.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/crypto.h"
#include "web/pwcheck.h"

struct user_options {
	const char *email;
	const char *name;
	const char *roles;
	const char *expires;
	long org;
	int password_stdin;
};

/* Parses "a,b,c" role names into a role set; -1 names the bad one. */
static int parse_roles(const char *list, role_set *out, char bad[64])
{
	role_set set = 0;
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		char name[64];
		enum role r;

		if (!len || len >= sizeof(name)) {
			snprintf(bad, 64, "%.*s", (int)(len < 60 ? len : 60),
				 p);
			return -1;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (role_parse(name, &r)) {
			snprintf(bad, 64, "%s", name);
			return -1;
		}
		set |= ROLE_BIT(r);
		p += len + (p[len] == ',');
	}
	*out = set;
	return set ? 0 : -1;
}

static int read_password(struct strbuf *sb)
{
	int c;

	sb->max = PASSWORD_MAX_BYTES;
	while ((c = getchar()) != EOF && c != '\n')
		strbuf_addch(sb, c);
	strbuf_rtrim(sb);
	return sb->toobig ? -1 : 0;
}

static int user_add(struct cli *cli, const struct user_options *o)
{
	struct error err = ERROR_INIT;
	struct strbuf password = STRBUF_INIT;
	struct store *store = NULL;
	struct account acc = { 0, o->email, o->name, NULL, !o->password_stdin };
	role_set roles = 0;
	char bad[64] = "", hash[PASSWORD_HASH_MAX], now[32], target[64];
	struct date d;
	int64_t id;
	int r, rc;

	cli_now(now);
	acc.created_at = now;
	if (parse_roles(o->roles, &roles, bad))
		return cli_usage(cli, "user", "usage.bad_value", "role", bad,
				 NULL);
	if (o->expires && parse_date(o->expires, &d))
		return cli_usage(cli, "user", "usage.bad_value", "expires",
				 o->expires, NULL);
	/* An external auditor's access always ends. */
	if ((roles & ROLE_BIT(ROLE_AUDITOR)) && !o->expires)
		return cli_usage(cli, "user", "usage.missing_option",
				 "--expires", NULL);
	if (account_validate(&acc, &err) || password_library_init(&err))
		return cli_fail(cli, &err);
	if (o->password_stdin) {
		if (read_password(&password) ||
		    pwcheck(password.buf, o->email, &err))
			goto out_fail;
	} else {
		char generated[64];

		password_generate(generated, sizeof(generated), 5);
		strbuf_addstr(&password, generated);
	}
	if (password_hash(password.buf, hash, &err) ||
	    store_open(cli->data, 0, &store, &err) ||
	    store_migrate(store, NULL, &err) || store_begin(store, &err))
		goto out_fail;
	rc = repo_account_insert(store, &acc, hash, &id, &err);
	for (r = 0; !rc && r < ROLE_COUNT; r++)
		if (roles & ROLE_BIT(r))
			rc = repo_membership_add(store, o->org, id,
						 (enum role)r, o->expires, now,
						 &err);
	if (!rc) {
		snprintf(target, sizeof(target), "account:%lld", (long long)id);
		rc = cli_audit(store, o->org, 0, "member.add", target, o->roles,
			       &err);
	}
	if (rc || store_commit(store, &err)) {
		store_rollback(store);
		/* A foreign key failure means the organisation is missing. */
		if (err.code == ERROR_CONFLICT && err.key[0] &&
		    strcmp(err.key, "account.exists")) {
			char org[32];

			snprintf(org, sizeof(org), "%ld", o->org);
			error_set(&err, ERROR_NOT_FOUND, "user.no_org", org,
				  NULL);
		}
		goto out_fail;
	}
	store_close(store);
	cli_say(cli, cli->out, "user.added", o->email, o->roles, NULL);
	if (!o->password_stdin)
		cli_say(cli, cli->out, "init.password", password.buf, NULL);
	strbuf_release(&password);
	return EXIT_DONE;
out_fail:
	store_close(store);
	strbuf_release(&password);
	return cli_fail(cli, &err);
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "org", required_argument, NULL, 'o' },
		{ "expires", required_argument, NULL, 'x' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct user_options o = { NULL, NULL, "employee", NULL, 1, 0 };
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			o.name = optarg;
			break;
		case 'r':
			o.roles = optarg;
			break;
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &o.org))
				return cli_usage(cli, "user", "usage.bad_value",
						 "org", optarg, NULL);
			break;
		case 'x':
			o.expires = optarg;
			break;
		case 'p':
			o.password_stdin = 1;
			break;
		case 'h':
			return cli_help(cli, "user");
		default:
			return cli_usage(cli, "user", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind + 2 != argc || strcmp(argv[optind], "add"))
		return cli_usage(cli, "user", "usage.user_add", NULL);
	o.email = argv[optind + 1];
	if (!o.name)
		o.name = o.email;
	return user_add(cli, &o);
}
