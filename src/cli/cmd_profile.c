/* cmd_profile.c: `mamori profile`, show or set the organisation's profile. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "core/guideline.h"
#include "store/repo_diagnosis.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"

/* "yes"/"no" (or "1"/"0") into *out; -1 for anything else. */
static int yes_no(const char *s, int *out)
{
	if (!strcmp(s, "yes") || !strcmp(s, "1")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(s, "no") || !strcmp(s, "0")) {
		*out = 0;
		return 0;
	}
	return -1;
}

static void show(struct cli *cli, const struct org_profile *p)
{
	struct level_profile lp = { p->dedicated_admin, p->large_private_data,
				    p->has_csirt };

	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "field.representative"),
		p->representative);
	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "field.services"),
		p->services);
	fprintf(cli->out, "%s: %ld\n", cli_msg(cli, "field.employees"),
		p->employees);
	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "field.industry"),
		p->industry);
	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "profile.q_admin"),
		cli_msg(cli, p->dedicated_admin ? "word.yes" : "word.no"));
	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "profile.q_data"),
		cli_msg(cli, p->large_private_data ? "word.yes" : "word.no"));
	fprintf(cli->out, "%s: %s\n", cli_msg(cli, "profile.q_csirt"),
		cli_msg(cli, p->has_csirt ? "word.yes" : "word.no"));
	fprintf(cli->out, "%s L%d\n", cli_msg(cli, "profile.level_is"),
		guideline_level_of(&lp));
}

int cmd_profile(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "representative", required_argument, NULL, 'r' },
		{ "services", required_argument, NULL, 's' },
		{ "employees", required_argument, NULL, 'e' },
		{ "industry", required_argument, NULL, 'i' },
		{ "dedicated-admin", required_argument, NULL, 'a' },
		{ "large-data", required_argument, NULL, 'd' },
		{ "csirt", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	struct org_profile p, set;
	struct arena arena;
	long org = 1;
	int c, li = 0, changed = 0, rc = EXIT_DONE;
	unsigned given = 0;

	memset(&set, 0, sizeof(set));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		int bad = 0;

		switch (c) {
		case 'o':
			bad = parse_long(optarg, 1, INT32_MAX, &org);
			break;
		case 'r':
			set.representative = optarg;
			break;
		case 's':
			set.services = optarg;
			break;
		case 'e':
			bad = parse_long(optarg, 0, 1000000, &set.employees);
			break;
		case 'i':
			set.industry = optarg;
			break;
		case 'a':
			bad = yes_no(optarg, &set.dedicated_admin);
			break;
		case 'd':
			bad = yes_no(optarg, &set.large_private_data);
			break;
		case 'c':
			bad = yes_no(optarg, &set.has_csirt);
			break;
		case 'h':
			return cli_help(cli, "profile");
		default:
			return cli_usage(cli, "profile", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
		if (bad)
			return cli_usage(cli, "profile", "usage.bad_value",
					 longopts[li].name, optarg, NULL);
		if (c != 'o') {
			given |= 1u << li;
			changed = 1;
		}
	}
	if (optind < argc)
		return cli_usage(cli, "profile", "usage.extra_argument",
				 argv[optind], NULL);
	arena_init(&arena, 0);
	if (cli_open_store(cli, &store, &err) ||
	    repo_profile_get(store, &arena, org, &p, &err))
		goto out_fail;
	if (changed) {
		const char *name;

		/* Only the options given change; the rest stays. */
		if (given & (1u << 1))
			p.representative = set.representative;
		if (given & (1u << 2))
			p.services = set.services;
		if (given & (1u << 3))
			p.employees = set.employees;
		if (given & (1u << 4))
			p.industry = set.industry;
		if (given & (1u << 5))
			p.dedicated_admin = set.dedicated_admin;
		if (given & (1u << 6))
			p.large_private_data = set.large_private_data;
		if (given & (1u << 7))
			p.has_csirt = set.has_csirt;
		if (org_profile_validate(&p, &err) ||
		    cli_org_name(store, &arena, org, &name, &err) ||
		    store_begin(store, &err))
			goto out_fail;
		if (repo_profile_put(store, org, &p, (int64_t)time(NULL),
				     &err) ||
		    cli_audit(store, org, 0, "profile.save", "profile", "cli",
			      &err) ||
		    store_commit(store, &err)) {
			store_rollback(store);
			goto out_fail;
		}
	}
	show(cli, &p);
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	store_close(store);
	arena_release(&arena);
	return rc;
}
