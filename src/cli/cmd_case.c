/*
 * cmd_case.c: `mamori case`, the risks an incident case reveals: its
 * threat x vulnerability pairs, and registering them for assets in one
 * step (web/caserisk.c, as the case page and the API do).
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "catalog/catalog.h"
#include "cli/riskrun.h"
#include "export/table.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "web/caserisk.h"

/* The options of one run, read once. */
struct case_args {
	int64_t org;
	enum table_format fmt;
	int64_t *assets;
	size_t asset_count;
	const char **pairs; /* "THREAT:VULNERABILITY" as typed */
	size_t pair_count;
	int draft; /* --draft: also the draft rules and procedures */
};

/* Records an event for caserisk_create() with client "cli". */
static int audit_cli(void *arg, const char *action, const char *target,
		     const char *after, struct error *err)
{
	struct risk_run *run = arg;

	return cli_audit(run->store, run->org, 0, action, target, after, err);
}

/* `mamori case pairs ID`: what `case risks` would register. */
static int case_pairs(struct risk_run *run, const struct incident_case *c,
		      const struct case_args *o)
{
	static const char *const keys[] = { "case_cli.threat_id", "risk.threat",
					    "case_cli.vulnerability_id",
					    "risk.vulnerability", NULL };
	struct table t;
	size_t i;

	risk_run_table(run, &t, keys);
	for (i = 0; i < c->pair_count; i++) {
		const char *cells[4];

		cells[0] = c->pairs[i].threat->id;
		cells[1] = text_get(&c->pairs[i].threat->title, run->cli->lang);
		cells[2] = c->pairs[i].vulnerability->id;
		cells[3] = text_get(&c->pairs[i].vulnerability->title,
				    run->cli->lang);
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

/* The made and skipped risks as one table. */
static void print_result(struct risk_run *run, const struct caserisk_result *r,
			 enum table_format fmt)
{
	static const char *const keys[] = { "case_cli.result",
					    "case_cli.risk",
					    "case_cli.asset_id",
					    "case_cli.asset",
					    "case_cli.threat_id",
					    "risk.threat",
					    "case_cli.vulnerability_id",
					    "risk.vulnerability",
					    NULL };
	struct table t;
	int pass;

	risk_run_table(run, &t, keys);
	for (pass = 0; pass < 2; pass++) {
		const struct caserisk_item *items = pass ? r->skipped
							 : r->created;
		size_t n = pass ? r->skipped_count : r->created_count, i;

		for (i = 0; i < n; i++) {
			const char *cells[8];

			/* JSON and CSV readers get a word, people a
			 * message. */
			cells[0] = fmt == TABLE_TEXT
					   ? cli_msg(run->cli,
						     pass ? "case_cli.skipped"
							  : "case_cli.created")
				   : pass ? "skipped"
					  : "created";
			cells[1] = arena_printf(&run->arena, "%lld",
						(long long)items[i].risk_id);
			cells[2] = arena_printf(&run->arena, "%lld",
						(long long)items[i].asset_id);
			cells[3] = risk_run_asset(run, items[i].asset_name,
						  items[i].asset_medium);
			cells[4] = items[i].threat->id;
			cells[5] = text_get(&items[i].threat->title,
					    run->cli->lang);
			cells[6] = items[i].vulnerability->id;
			cells[7] = text_get(&items[i].vulnerability->title,
					    run->cli->lang);
			table_add_row(&t, cells);
		}
	}
	risk_run_print(run, &t, fmt, 30);
}

/* `mamori case risks ID --asset N …`: registers the case's risks. */
static int case_risks(struct risk_run *run, const struct incident_case *c,
		      const struct case_args *o, struct error *err)
{
	const struct caserisk_audit audit = { audit_cli, run };
	struct caserisk_draft draft = { run->cli->msgs, "" };
	const struct risk_pair **pairs;
	struct caserisk_result res;
	size_t i, n;

	if (!o->asset_count)
		return error_set(err, ERROR_INPUT, "usage.missing_option",
				 "--asset", NULL);
	n = o->pair_count ? o->pair_count : c->pair_count;
	pairs = arena_calloc(&run->arena, n, sizeof(*pairs));
	for (i = 0; i < n; i++) {
		const char *colon;

		if (!o->pair_count) {
			pairs[i] = &c->pairs[i];
			continue;
		}
		colon = strchr(o->pairs[i], ':');
		if (colon)
			pairs[i] = caserisk_find_pair(
				c,
				arena_memdupz(&run->arena, o->pairs[i],
					      (size_t)(colon - o->pairs[i])),
				colon + 1);
		if (!pairs[i])
			return error_set(err, ERROR_INPUT, "case_cli.bad_pair",
					 o->pairs[i], c->id, NULL);
	}
	if (caserisk_create(run->store, &run->arena, run->cat, run->org, c,
			    o->assets, o->asset_count, pairs, n, run->cli->lang,
			    (int64_t)time(NULL), o->draft ? &draft : NULL,
			    &audit, &res, err)) {
		/* On the command line the asset is named by its option,
		 * and the way to start an assessment is a command. */
		if (!strcmp(err->key, "caserisk.no_asset")) {
			char id[ERROR_ARG_LEN];

			snprintf(id, sizeof(id), "%s", err->args[0]);
			error_set(err, ERROR_NOT_FOUND, "case_cli.no_asset", id,
				  NULL);
		} else if (!strcmp(err->key, "caserisk.no_assessment")) {
			error_set(err, ERROR_CONFLICT, "risk_cli.no_assessment",
				  NULL);
		}
		return -1;
	}
	if (o->fmt == TABLE_TEXT) {
		const char *created =
			arena_printf(&run->arena, "%zu", res.created_count);
		const char *skipped =
			arena_printf(&run->arena, "%zu", res.skipped_count);

		cli_say(run->cli, run->cli->out, "caserisk.done", created,
			skipped, NULL);
	}
	/* The rows on standard output stay a table for scripts; the draft
	 * is said beside them. */
	if (res.draft_id)
		cli_say(run->cli,
			o->fmt == TABLE_TEXT ? run->cli->out : run->cli->err,
			res.draft_existed ? "caserisk.draft_existed"
					  : "caserisk.draft_made",
			res.draft_code, NULL);
	print_result(run, &res, o->fmt);
	return 0;
}

/* Reads the options; the exit code of a wrong one, or -1 to go on. */
static int read_options(struct cli *cli, int argc, char **argv,
			struct arena *arena, struct case_args *o)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "asset", required_argument, NULL, 'a' },
		{ "pair", required_argument, NULL, 'p' },
		{ "draft", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	long v;
	int c;

	/* No more of either than arguments. */
	o->assets = arena_calloc(arena, (size_t)argc, sizeof(*o->assets));
	o->pairs = arena_calloc(arena, (size_t)argc, sizeof(*o->pairs));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &v))
				return cli_usage(cli, "case", "usage.bad_value",
						 "org", optarg, NULL);
			o->org = v;
			break;
		case 'a':
			/* A wrong asset is wrong input, named by its
			 * option, like an asset that is not there. */
			if (parse_long(optarg, 1, INT32_MAX, &v)) {
				error_set(&err, ERROR_INPUT, "usage.bad_value",
					  "asset", optarg, NULL);
				return cli_fail(cli, &err);
			}
			o->assets[o->asset_count++] = v;
			break;
		case 'p':
			o->pairs[o->pair_count++] = optarg;
			break;
		case 'd':
			o->draft = 1;
			break;
		case 'F':
			if (table_format_parse(optarg, &o->fmt) ||
			    o->fmt == TABLE_CSV)
				return cli_usage(cli, "case", "usage.bad_value",
						 "format", optarg, NULL);
			break;
		case 'h':
			return cli_help(cli, "case");
		default:
			return cli_usage(cli, "case", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	return -1;
}

int cmd_case(struct cli *cli, int argc, char **argv)
{
	struct case_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	struct arena arena;
	const struct incident_case *c;
	const char *verb, *id;
	int rc;

	memset(&o, 0, sizeof(o));
	o.org = 1;
	o.fmt = TABLE_TEXT;
	arena_init(&arena, 0);
	memset(&run, 0, sizeof(run));
	if ((rc = read_options(cli, argc, argv, &arena, &o)) >= 0)
		goto out_arena;
	/* "case pairs ID" or "case risks ID --asset N …". */
	if (optind + 2 != argc) {
		rc = optind + 2 < argc
			     ? cli_usage(cli, "case", "usage.extra_argument",
					 argv[optind + 2], NULL)
			     : cli_usage(cli, "case", "usage.case_verb", NULL);
		goto out_arena;
	}
	verb = argv[optind];
	id = argv[optind + 1];
	if (strcmp(verb, "pairs") && strcmp(verb, "risks")) {
		rc = cli_usage(cli, "case", "usage.case_verb", NULL);
		goto out_arena;
	}
	if (!strcmp(verb, "pairs") && (o.asset_count || o.pair_count)) {
		rc = cli_usage(cli, "case", "usage.bad_option",
			       o.asset_count ? "--asset" : "--pair", NULL);
		goto out_arena;
	}
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	c = catalog_case(run.cat, id);
	if (!c) {
		error_set(&err, ERROR_NOT_FOUND, "catalog.no_entry", "cases",
			  id, NULL);
		rc = cli_fail(cli, &err);
		goto out;
	}
	rc = !strcmp(verb, "pairs") ? case_pairs(&run, c, &o)
				    : case_risks(&run, c, &o, &err);
	rc = rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
out_arena:
	arena_release(&arena);
	return rc;
}
