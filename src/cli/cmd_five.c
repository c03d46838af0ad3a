/* cmd_five.c: `mamori five`, the five security basics and ★/★★. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
#include "store/repo_diagnosis.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "core/validate.h"
#include "util/parse.h"

static int show(struct cli *cli, struct store *store, struct arena *arena,
		const struct catalog *cat, long org, struct error *err)
{
	enum five_status status[5];
	const char *notes[5];
	struct security_action sa;
	int committed[5], published = 0, i, done;
	size_t units;
	int answers[DIAGNOSIS_ITEMS];

	if (repo_five_get(store, arena, org, status, notes, err) ||
	    repo_run_latest_combined(store, arena, org, answers, &units, err) ||
	    repo_doc_published(store, org, "basic_policy", &published, err))
		return -1;
	done = units > 0;
	for (i = 0; i < 5 && (size_t)i < cat->five_point_count; i++) {
		char key[32];

		committed[i] = status[i] == FIVE_COMMITTED;
		snprintf(key, sizeof(key), "five.%s",
			 five_status_name(status[i]));
		fprintf(cli->out, "%d. %s\n   %s%s%s\n", i + 1,
			text_get(&cat->five_points[i].title, cli->lang),
			cli_msg(cli, key), *notes[i] ? " — " : "", notes[i]);
	}
	security_action_readiness(committed, done, published, &sa);
	fprintf(cli->out, "\n★ %s\n★★ %s\n",
		cli_msg(cli, sa.one_star ? "path.ready" : "path.not_ready"),
		cli_msg(cli, sa.two_star ? "path.ready" : "path.not_ready"));
	return 0;
}

int cmd_five(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct arena arena;
	const char *note = "";
	enum five_status st = FIVE_NOT_STARTED;
	long org = 1;
	int c, point = 0, rc = EXIT_DONE;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &org))
				return cli_usage(cli, "five", "usage.bad_value",
						 "org", optarg, NULL);
			break;
		case 'n':
			note = optarg;
			break;
		case 'h':
			return cli_help(cli, "five");
		default:
			return cli_usage(cli, "five", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	/* "five" shows; "five set N STATUS" changes one point. */
	if (optind < argc) {
		if (strcmp(argv[optind], "set") || optind + 3 != argc)
			return cli_usage(cli, "five", "usage.five_set", NULL);
		if (parse_int(argv[optind + 1], 1, 5, &point))
			return cli_usage(cli, "five", "usage.five_set", NULL);
		if (five_status_parse(argv[optind + 2], &st))
			return cli_usage(cli, "five", "usage.five_set", NULL);
	}
	arena_init(&arena, 0);
	if (catalog_load_builtin(&cat, &err) ||
	    cli_open_store(cli, &store, &err))
		goto out_fail;
	if (point) {
		const char *name;
		char target[16];

		snprintf(target, sizeof(target), "five:%d", point);
		if (validate_text("diagnosis.note", note, 0, 1000, &err) ||
		    cli_org_name(store, &arena, org, &name, &err) ||
		    store_begin(store, &err))
			goto out_fail;
		if (repo_five_set(store, org, point, st, note, "cli",
				  (int64_t)time(NULL), &err) ||
		    cli_audit(store, org, 0, "five.set", target,
			      five_status_name(st), &err) ||
		    store_commit(store, &err)) {
			store_rollback(store);
			goto out_fail;
		}
	}
	if (show(cli, store, &arena, cat, org, &err))
		goto out_fail;
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	store_close(store);
	catalog_free(cat);
	arena_release(&arena);
	return rc;
}
