/* cmd_audit.c: `mamori audit verify`, walk the audit trail's hash chains. */
#include "util/compat.h"
#include "cli/cli.h"

#include "store/repo_audit.h"
#include "store/repo_transfer.h"
#include "store/store.h"
#include "util/error.h"
#include "web/crypto.h"

int cmd_audit(struct cli *cli, int argc, char **argv)
{
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	int64_t bad_id, bad_org, checked, bad_chain = 0, archived = 0;
	char a[32], b[32], n[32];

	if (argc > 1 && cli_is_help(argv[1]))
		return cli_help(cli, "audit");
	if (argc != 2 || strcmp(argv[1], "verify"))
		return cli_usage(cli, "audit", "usage.audit_verb", NULL);
	if (store_open(cli->data, 0, &store, &err) ||
	    store_migrate(store, NULL, &err) ||
	    repo_audit_verify(store, sha256_bytes, &bad_id, &bad_org, &checked,
			      &err)) {
		store_close(store);
		return cli_fail(cli, &err);
	}
	/* Trails brought along by organisations moved here, and their links
	 * to the chains that continue them (store/repo_transfer.h). */
	if (!bad_id && repo_transfer_verify_archive(store, sha256_bytes,
						    &bad_org, &bad_chain,
						    &bad_id, &archived, &err)) {
		store_close(store);
		return cli_fail(cli, &err);
	}
	store_close(store);
	checked += archived;
	snprintf(n, sizeof(n), "%lld", (long long)checked);
	if (bad_id) {
		snprintf(a, sizeof(a), "%lld", (long long)bad_id);
		snprintf(b, sizeof(b), "%lld", (long long)bad_org);
		error_set(&err, ERROR_INPUT, "audit.broken", a, b, n, NULL);
		return cli_fail(cli, &err);
	}
	cli_say(cli, cli->out, "audit.intact", n, NULL);
	return EXIT_DONE;
}
