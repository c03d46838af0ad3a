/* cmd_migrate.c: `mamori migrate`, bring a data file's schema up to date. */
#include "util/compat.h"
#include "cli/cli.h"

#include "store/store.h"
#include "util/error.h"

int cmd_migrate(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	char num[16];
	int applied = 0, version = 0;

	if (argc > 1 && cli_is_help(argv[1]))
		return cli_help(cli, "migrate");
	if (argc > 1)
		return cli_usage(cli, "migrate", "usage.extra_argument",
				 argv[1], NULL);
	if (store_open(cli->data, 0, &store, &err) ||
	    store_migrate(store, &applied, &err) ||
	    store_schema_version(store, &version, &err)) {
		store_close(store);
		return cli_fail(cli, &err);
	}
	store_close(store);
	snprintf(num, sizeof(num), "%d", version);
	if (applied)
		cli_say(cli, cli->out, "migrate.done", cli->data, num, NULL);
	else
		cli_say(cli, cli->out, "migrate.current", cli->data, num, NULL);
	return EXIT_DONE;
}
