/* cmd_cloud.c: `mamori cloud`, the register of cloud services and the
 * 15 checks of each. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
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

/* The statuses of a check, as the page and the API take them. */
static const char *const check_statuses[] = { "yes", "partly", "no", "na" };

/* org's service id, or ERROR_NOT_FOUND naming it. */
static int load_service(struct store *store, struct arena *arena, long org,
			const char *arg, struct cloud_service *s,
			struct error *err)
{
	long id;
	int found;

	if (parse_long(arg, 1, INT32_MAX, &id))
		return error_set(err, ERROR_NOT_FOUND, "cloud_cli.no_service",
				 arg, NULL);
	found = repo_cloud_get(store, arena, org, id, s, err);
	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "cloud_cli.no_service",
				 arg, NULL);
	return 0;
}

/* `cloud checks ID`: the 15 checks of a service with their answers. */
static int checks_show(struct cli *cli, struct store *store,
		       struct arena *arena, const struct catalog *cat, long org,
		       const char *arg, int json, struct error *err)
{
	static const struct table_column cols[] = {
		{ "no", "No." },    { "phase", NULL }, { "title", NULL },
		{ "status", NULL }, { "note", NULL },
	};
	struct table_column *c =
		arena_calloc(arena, ARRAY_SIZE(cols), sizeof(*c));
	const char *status[15], *notes[15];
	struct strbuf out = STRBUF_INIT;
	struct cloud_service s;
	struct table t;
	size_t i;

	if (load_service(store, arena, org, arg, &s, err) ||
	    repo_cloud_checks(store, arena, org, s.id, status, notes, err))
		return -1;
	memcpy(c, cols, sizeof(cols));
	c[1].header = cli_msg(cli, "cloud_cli.phase");
	c[2].header = cli_msg(cli, "cloud.checks");
	c[3].header = cli_msg(cli, "cloud_cli.status");
	c[4].header = cli_msg(cli, "diagnosis.note");
	table_init(&t, arena, c, ARRAY_SIZE(cols));
	for (i = 0; i < cat->cloud_check_count && i < 15; i++) {
		const struct cloud_check *k = &cat->cloud_checks[i];
		const char *st = status[k->no - 1];
		const char *cells[5];

		cells[0] = arena_printf(arena, "%d", k->no);
		cells[1] = json ? cloud_phase_name(k->phase)
				: cli_msg(cli, arena_printf(arena, "phase.%s",
							    cloud_phase_name(
								    k->phase)));
		cells[2] = text_get(&k->title, cli->lang);
		/* Words for JSON ("" unanswered), the page's words here. */
		cells[3] = json	 ? st
			   : *st ? cli_msg(cli,
					   arena_printf(arena,
							"cloud.status_%s", st))
				 : cli_msg(cli, "diagnosis.unanswered");
		cells[4] = notes[k->no - 1];
		table_add_row(&t, cells);
	}
	if (!json)
		fprintf(cli->out, "%s (ID %lld)\n", s.name, (long long)s.id);
	if (json)
		table_render_json(&t, &out);
	else
		table_render_text(&t, 40, &out);
	fwrite(out.buf, 1, out.len, cli->out);
	strbuf_release(&out);
	return 0;
}

/*
 * `cloud check ID ITEM --status S [--note TEXT]`: the checks of
 * page_cloud_checks (a status of the four, a note of at most 1,000
 * characters), the answer and its audit event in one transaction.
 * Without --note the note stays as it was.
 */
static int check_set(struct store *store, struct arena *arena, long org,
		     const char *arg, const char *item_arg, const char *st,
		     const char *note, struct error *err)
{
	const char *status[15], *notes[15];
	struct cloud_service s;
	size_t k;
	int item;

	if (parse_int(item_arg, 1, 15, &item))
		return error_set(err, ERROR_INPUT, "cloud_cli.bad_item",
				 item_arg, NULL);
	for (k = 0; k < ARRAY_SIZE(check_statuses); k++)
		if (!strcmp(st, check_statuses[k]))
			break;
	if (k == ARRAY_SIZE(check_statuses))
		return error_set(err, ERROR_INPUT, "usage.bad_value", "status",
				 st, NULL);
	if ((note && validate_text("cli_opt.note", note, 0, 1000, err)) ||
	    store_begin(store, err))
		return -1;
	if (load_service(store, arena, org, arg, &s, err) ||
	    repo_cloud_checks(store, arena, org, s.id, status, notes, err))
		goto out_rollback;
	if (!note)
		note = notes[item - 1];
	if (repo_cloud_check_set(store, org, s.id, item, st, note, err) < 0 ||
	    cli_audit(store, org, 0, "cloud.checks",
		      arena_printf(arena, "cloud:%lld", (long long)s.id),
		      arena_printf(arena, "%d: %s", item, st), err) ||
	    store_commit(store, err))
		goto out_rollback;
	return 0;
out_rollback:
	store_rollback(store);
	return -1;
}

/* `cloud checks ID` and `cloud check ID ITEM …`. */
static int checks(struct cli *cli, long org, char **args, int check,
		  const char *status, const char *note, int json)
{
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct arena arena;
	const char *name;
	int rc = EXIT_DONE;

	arena_init(&arena, 0);
	if (catalog_load_builtin(&cat, &err) ||
	    cli_open_store(cli, &store, &err) ||
	    cli_org_name(store, &arena, org, &name, &err) ||
	    (check && check_set(store, &arena, org, args[0], args[1], status,
				note, &err)) ||
	    checks_show(cli, store, &arena, cat, org, args[0], json, &err))
		rc = cli_fail(cli, &err);
	store_close(store);
	catalog_free(cat);
	arena_release(&arena);
	return rc;
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
		{ "status", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	struct cloud_service s, *rows;
	struct arena arena;
	size_t count;
	const char *status = NULL, *note = NULL, *add_option = NULL;
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
			add_option = "--purpose";
			break;
		case 'd':
			s.data = optarg;
			add_option = "--data";
			break;
		case 'i':
			if (parse_int(optarg, 0, 2, &s.importance))
				return cli_usage(cli, "cloud",
						 "usage.bad_value",
						 "importance", optarg, NULL);
			add_option = "--importance";
			break;
		case 'l':
			s.location = optarg;
			add_option = "--location";
			break;
		case 's':
			status = optarg;
			break;
		case 'n':
			note = optarg;
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
	/* "cloud checks ID" shows a service's checks; "cloud check ID ITEM
	 * --status S" answers one. */
	if (optind < argc && (!strcmp(argv[optind], "checks") ||
			      !strcmp(argv[optind], "check"))) {
		int check = !strcmp(argv[optind], "check");

		if (optind + 2 + check != argc)
			return cli_usage(cli, "cloud", "usage.cloud_checks",
					 NULL);
		if (add_option || (!check && (status || note)))
			return cli_usage(cli, "cloud", "usage.bad_option",
					 add_option ? add_option
					 : status   ? "--status"
						    : "--note",
					 NULL);
		if (check && !status)
			return cli_usage(cli, "cloud", "usage.missing_option",
					 "--status", NULL);
		return checks(cli, org, argv + optind + 1, check, status, note,
			      json);
	}
	if (status || note)
		return cli_usage(cli, "cloud", "usage.bad_option",
				 status ? "--status" : "--note", NULL);
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
