/* cmd_cloud.c: `mamori cloud`, the register of cloud services. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "core/validate.h"
#include "export/table.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

static void list(struct cli *cli, struct arena *arena,
		 const struct cloud_service *rows, size_t count, int json)
{
	static const struct table_column cols[] = {
		{ "id", "ID" },		 { "name", NULL },
		{ "data", NULL },	 { "importance", NULL },
		{ "checks_done", NULL },
	};
	struct table_column *c =
		arena_calloc(arena, ARRAY_SIZE(cols), sizeof(*c));
	struct strbuf out = STRBUF_INIT;
	struct table t;
	size_t i;

	memcpy(c, cols, sizeof(cols));
	c[1].header = cli_msg(cli, "cloud.name");
	c[2].header = cli_msg(cli, "cloud.data");
	c[3].header = cli_msg(cli, "cloud.importance");
	c[4].header = cli_msg(cli, "cloud.checks");
	table_init(&t, arena, c, ARRAY_SIZE(cols));
	for (i = 0; i < count; i++) {
		const char *cells[] = {
			arena_printf(arena, "%lld", (long long)rows[i].id),
			rows[i].name,
			rows[i].data,
			arena_printf(arena, "%d", rows[i].importance),
			arena_printf(arena, "%d/15", rows[i].checks_done),
		};

		table_add_row(&t, cells);
	}
	if (json)
		table_render_json(&t, &out);
	else
		table_render_text(&t, 40, &out);
	fwrite(out.buf, 1, out.len, cli->out);
	strbuf_release(&out);
}

int cmd_cloud(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "purpose", required_argument, NULL, 'p' },
		{ "data", required_argument, NULL, 'd' },
		{ "importance", required_argument, NULL, 'i' },
		{ "location", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	struct cloud_service s, *rows;
	struct arena arena;
	size_t count;
	long org = 1;
	int c, json = 0, rc = EXIT_DONE;

	memset(&s, 0, sizeof(s));
	s.name = s.purpose = s.data = s.administrator = s.users = s.support =
		s.sla = s.location = s.cost = "";
	s.contract = "terms";
	s.importance = 1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &org))
				return cli_usage(cli, "cloud",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 'p':
			s.purpose = optarg;
			break;
		case 'd':
			s.data = optarg;
			break;
		case 'i':
			if (parse_int(optarg, 0, 2, &s.importance))
				return cli_usage(cli, "cloud",
						 "usage.bad_value",
						 "importance", optarg, NULL);
			break;
		case 'l':
			s.location = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "json") && strcmp(optarg, "table"))
				return cli_usage(cli, "cloud",
						 "usage.bad_value", "format",
						 optarg, NULL);
			json = !strcmp(optarg, "json");
			break;
		case 'h':
			return cli_help(cli, "cloud");
		default:
			return cli_usage(cli, "cloud", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	/* "cloud" lists; "cloud add NAME" registers a service. */
	if (optind < argc) {
		if (strcmp(argv[optind], "add") || optind + 2 != argc)
			return cli_usage(cli, "cloud", "usage.cloud_add", NULL);
		s.name = argv[optind + 1];
	}
	arena_init(&arena, 0);
	if (cli_open_store(cli, &store, &err))
		goto out_fail;
	if (*s.name) {
		const char *name;
		char target[32];

		if (validate_text("cloud.name", s.name, 1, 200, &err) ||
		    validate_text("cloud.purpose", s.purpose, 0, 500, &err) ||
		    validate_text("cloud.data", s.data, 0, 500, &err) ||
		    validate_text("cloud.location", s.location, 0, 200, &err) ||
		    cli_org_name(store, &arena, org, &name, &err) ||
		    store_begin(store, &err))
			goto out_fail;
		if (repo_cloud_put(store, org, &s, (int64_t)time(NULL), &err)) {
			store_rollback(store);
			goto out_fail;
		}
		snprintf(target, sizeof(target), "cloud:%lld", (long long)s.id);
		if (cli_audit(store, org, 0, "cloud.add", target, s.name,
			      &err) ||
		    store_commit(store, &err)) {
			store_rollback(store);
			goto out_fail;
		}
	}
	if (repo_cloud_list(store, &arena, org, &rows, &count, &err))
		goto out_fail;
	list(cli, &arena, rows, count, json);
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	store_close(store);
	arena_release(&arena);
	return rc;
}
