/* cmd_version.c: `mamori version`. */
#include "util/compat.h"
#include "cli/cli.h"

#include "store/store.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "0.0.0-dev"
#endif

int cmd_version(struct cli *cli, int argc, char **argv)
{
	if (argc > 1 && cli_is_help(argv[1]))
		return cli_help(cli, "version");
	if (argc > 1)
		return cli_usage(cli, "version", "usage.extra_argument",
				 argv[1], NULL);
	fprintf(cli->out, "mamori %s\n", MAMORI_VERSION);
	fprintf(cli->out, "schema %d\n", store_schema_latest());
	return EXIT_DONE;
}
