/*
 * cmd_export.c: `mamori export pack` builds the audit document pack (a
 * ZIP of every approved document and register with a manifest of
 * SHA-256 hashes, web/docpack.c) and `mamori export verify` checks one
 * against its manifest.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "web/docpack.h"

enum { OPT_ORG = 'g', OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_HELP = 'h' };

static const struct option longopts[] = {
	{ "org", required_argument, NULL, OPT_ORG },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* The bar on a terminal: redrawn in place, cleared when done. */
struct bar {
	FILE *f;
	int shown;
	size_t pct; /* as last drawn, so a line is drawn only on a change */
	const char *what;
};

enum { BAR_WIDTH = 30 };

static void draw_bar(void *arg, size_t done, size_t total, const char *what)
{
	struct bar *bar = arg;
	size_t filled = total ? done * BAR_WIDTH / total : 0, i;
	size_t pct = total ? done * 100 / total : 0;
	char cells[BAR_WIDTH + 1];

	if (bar->shown && pct == bar->pct && bar->what && what &&
	    !strcmp(what, bar->what))
		return;
	for (i = 0; i < BAR_WIDTH; i++)
		cells[i] = i < filled ? '#' : '-';
	cells[BAR_WIDTH] = '\0';
	/* \r and "erase to the end of the line" redraw the one line. */
	fprintf(bar->f, "\r[%s] %3zu%% %s\033[K", cells, pct, what);
	fflush(bar->f);
	bar->shown = 1;
	bar->pct = pct;
	bar->what = what;
}

static int export_pack(struct cli *cli, int argc, char **argv)
{
	struct docpack_request rq;
	struct docpack_result res;
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct bar bar = { cli->err, 0, 0, NULL };
	struct arena arena;
	const char *output = NULL, *name;
	enum lang lang = cli->lang;
	int c, li = 0, org = 1, rc = EXIT_INPUT;
	char n1[24], n2[24];

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		switch (c) {
		case OPT_ORG:
			if (parse_int(optarg, 1, INT32_MAX, &org))
				return cli_usage(cli, "export",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case OPT_LANG:
			if (strcmp(optarg, "ja") && strcmp(optarg, "en"))
				return cli_usage(cli, "export",
						 "usage.bad_value", "lang",
						 optarg, NULL);
			lang = lang_from_locale(optarg);
			break;
		case OPT_OUTPUT:
			output = optarg;
			break;
		case OPT_HELP:
			return cli_help(cli, "export");
		default:
			return cli_usage(cli, "export", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "export", "usage.extra_argument",
				 argv[optind], NULL);
	if (!output)
		return cli_usage(cli, "export", "usage.missing_option",
				 "--output", NULL);
	if (!*output)
		return cli_usage(cli, "export", "usage.bad_value", "output",
				 output, NULL);
	arena_init(&arena, 0);
	if (catalog_load_builtin(&cat, &err) ||
	    cli_open_store(cli, &store, &err) ||
	    cli_org_name(store, &arena, org, &name, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	memset(&rq, 0, sizeof(rq));
	rq.store = store;
	rq.cat = cat;
	rq.msgs = cli->msgs;
	rq.lang = lang;
	rq.org = org;
	rq.org_name = name;
	rq.now = (int64_t)time(NULL);
	rq.output = output;
	rq.actor = "cli";
	rq.client = "cli";
	/* A bar on a terminal only: a script's log gets the result line. */
	if (isatty(fileno(cli->err))) {
		rq.progress = draw_bar;
		rq.arg = &bar;
	}
	c = docpack_build(&rq, &res, &err);
	if (bar.shown)
		fputs("\r\033[K", cli->err);
	if (c) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	snprintf(n1, sizeof(n1), "%zu", res.files);
	snprintf(n2, sizeof(n2), "%zu", res.absent);
	cli_say(cli, cli->out, "pack.written", output, n1, n2, NULL);
	fprintf(cli->out, "sha256 %s\n", res.sha256);
	rc = EXIT_DONE;
out:
	store_close(store);
	catalog_free(cat);
	arena_release(&arena);
	return rc;
}

static int export_verify(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct pack_check check;
	struct arena arena;
	char n[24];
	int rc;

	if (argc < 2 || cli_is_help(argv[1]))
		return argc < 2 ? cli_usage(cli, "export", "usage.export_file",
					    NULL)
				: cli_help(cli, "export");
	if (argc > 2)
		return cli_usage(cli, "export", "usage.extra_argument", argv[2],
				 NULL);
	arena_init(&arena, 0);
	if (pack_verify(argv[1], docpack_hasher(), &arena, &check, &err)) {
		rc = cli_fail(cli, &err);
	} else {
		snprintf(n, sizeof(n), "%zu", check.manifest.file_count);
		cli_say(cli, cli->out, "pack.intact", argv[1], n,
			check.manifest.org_name, check.manifest.created_at,
			NULL);
		fprintf(cli->out, "sha256 %s\n", check.sha256);
		rc = EXIT_DONE;
	}
	arena_release(&arena);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_is_help(argv[1]))
		return argc < 2 ? cli_usage(cli, "export", "usage.export_verb",
					    NULL)
				: cli_help(cli, "export");
	if (!strcmp(argv[1], "pack"))
		return export_pack(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "verify"))
		return export_verify(cli, argc - 1, argv + 1);
	return cli_usage(cli, "export", "usage.export_verb", NULL);
}
