/*
 * cmd_executive.c: `mamori executive`, the executive's 3 principles and
 * 7 key actions and their sign-off, as /executive shows and records them.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "catalog/catalog.h"
#include "core/validate.h"
#include "export/table.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* The item's id as the page and the API name it: "principle-1". */
static const char *item_id(struct arena *arena, const struct executive_item *e)
{
	return arena_printf(arena, "%s-%d", executive_kind_name(e->kind),
			    e->no);
}

static const struct signoff *signoff_of(const struct signoff *rows,
					size_t count, const char *id)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].item, id))
			return &rows[i];
	return NULL;
}

/* "YYYY-MM-DD" of a time, in local time as the page shows it. */
static const char *day(struct arena *arena, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char buf[16];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return arena_strdup(arena, buf);
}

static int list(struct cli *cli, struct store *store, struct arena *arena,
		const struct catalog *cat, int64_t org, enum table_format fmt,
		struct error *err)
{
	static const char *const keys[] = {
		"executive_cli.id",	   "executive_cli.title",
		"executive_cli.status",	   "diagnosis.note",
		"executive_cli.signed_by", "executive_cli.signed_at",
	};
	struct table_column cols[ARRAY_SIZE(keys)];
	struct strbuf out = STRBUF_INIT;
	struct signoff *rows;
	struct table t;
	size_t count, i;

	if (repo_signoff_list(store, arena, org, &rows, &count, err))
		return -1;
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		cols[i].key = strrchr(keys[i], '.') + 1;
		cols[i].header = cli_msg(cli, keys[i]);
	}
	table_init(&t, arena, cols, ARRAY_SIZE(cols));
	for (i = 0; i < cat->executive_count; i++) {
		const struct executive_item *e = &cat->executive[i];
		const char *id = item_id(arena, e);
		const struct signoff *so = signoff_of(rows, count, id);
		int done = so && so->done;
		const char *cells[ARRAY_SIZE(keys)];

		cells[0] = id;
		cells[1] = text_get(&e->title, cli->lang);
		/* Words for JSON and CSV, the page's words for people. */
		cells[2] = fmt != TABLE_TEXT ? (done ? "done" : "open")
			   : done	     ? cli_msg(cli, "executive.done")
				  : cli_msg(cli, "executive_cli.open");
		cells[3] = so ? so->note : "";
		cells[4] = so ? so->signed_by : "";
		cells[5] = so ? day(arena, so->signed_at) : "";
		table_add_row(&t, cells);
	}
	switch (fmt) {
	case TABLE_TEXT:
		table_render_text(&t, 40, &out);
		break;
	case TABLE_CSV:
		table_render_csv(&t, CSV_BOM, &out);
		break;
	case TABLE_JSON:
	case TABLE_FORMAT_COUNT:
		table_render_json(&t, &out);
		break;
	}
	fwrite(out.buf, 1, out.len, cli->out);
	strbuf_release(&out);
	return 0;
}

/*
 * `executive set ITEM --status done|open [--note TEXT]`: the checks of
 * page_executive_save (a known item, a note of at most 1,000
 * characters), the sign-off and its audit event in one transaction.
 * Without --note the note stays as it was.
 */
static int set(struct store *store, struct arena *arena,
	       const struct catalog *cat, int64_t org, const char *item,
	       int done, const char *note, struct error *err)
{
	struct signoff *rows;
	const struct signoff *so;
	size_t count, i;

	for (i = 0; i < cat->executive_count; i++)
		if (!strcmp(item_id(arena, &cat->executive[i]), item))
			break;
	if (i == cat->executive_count)
		return error_set(err, ERROR_INPUT, "executive_cli.no_item",
				 item, NULL);
	if ((note && validate_text("cli_opt.note", note, 0, 1000, err)) ||
	    store_begin(store, err))
		return -1;
	if (repo_signoff_list(store, arena, org, &rows, &count, err))
		goto out_rollback;
	so = signoff_of(rows, count, item);
	if (!note)
		note = so ? so->note : "";
	if (repo_signoff_set(store, org, item, done, note, "cli",
			     (int64_t)time(NULL), err) ||
	    cli_audit(store, org, 0, "executive.sign", item, done ? "1" : "0",
		      err) ||
	    store_commit(store, err))
		goto out_rollback;
	return 0;
out_rollback:
	store_rollback(store);
	return -1;
}

int cmd_executive(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct arena arena;
	enum table_format fmt = TABLE_TEXT;
	const char *status = NULL, *note = NULL, *item = NULL, *name;
	long org = 1;
	int c, rc = EXIT_DONE, setting = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &org))
				return cli_usage(cli, "executive",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 's':
			status = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'F':
			if (table_format_parse(optarg, &fmt))
				return cli_usage(cli, "executive",
						 "usage.bad_value", "format",
						 optarg, NULL);
			break;
		case 'h':
			return cli_help(cli, "executive");
		default:
			return cli_usage(cli, "executive", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	/* "executive [list]" shows; "executive set ITEM --status …". */
	if (optind < argc && !strcmp(argv[optind], "set")) {
		if (optind + 2 != argc)
			return cli_usage(cli, "executive",
					 "usage.executive_set", NULL);
		item = argv[optind + 1];
		setting = 1;
	} else if (optind < argc &&
		   (strcmp(argv[optind], "list") || optind + 1 != argc)) {
		return cli_usage(cli, "executive", "usage.executive_verb",
				 argv[optind], NULL);
	}
	if (!setting && (status || note))
		return cli_usage(cli, "executive", "usage.bad_option",
				 status ? "--status" : "--note", NULL);
	if (setting && !status)
		return cli_usage(cli, "executive", "usage.missing_option",
				 "--status", NULL);
	arena_init(&arena, 0);
	/* A wrong value is wrong input (exit 1), named by its option. */
	if (setting && strcmp(status, "done") && strcmp(status, "open")) {
		error_set(&err, ERROR_INPUT, "usage.bad_value", "status",
			  status, NULL);
		goto out_fail;
	}
	if (catalog_load_builtin(&cat, &err) ||
	    cli_open_store(cli, &store, &err) ||
	    cli_org_name(store, &arena, org, &name, &err))
		goto out_fail;
	if (setting && set(store, &arena, cat, org, item,
			   !strcmp(status, "done"), note, &err))
		goto out_fail;
	if (list(cli, store, &arena, cat, org, fmt, &err))
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
