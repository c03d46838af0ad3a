/* cmd_serve.c: `mamori serve`, the web front door. */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "store/pool.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/backup.h"
#include "web/crypto.h"
#include "web/pagecache.h"
#include "web/mfa.h"
#include "web/server.h"

/* Splits "HOST:PORT" (or ":PORT", or "PORT") into the configuration. */
static int parse_listen(const char *s, struct app_config *c, char host[64])
{
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	size_t hlen = colon ? (size_t)(colon - s) : 0;

	if (hlen >= 64 || parse_int(port, 1, 65535, &c->listen_port))
		return -1;
	if (hlen) {
		memcpy(host, s, hlen);
		host[hlen] = '\0';
		c->listen_host = host;
	}
	return 0;
}

/*
 * Hours between scheduled backups, as a decimal ("24", "0.5"), into
 * seconds: at least one second, at most a year.
 */
static int parse_hours(const char *s, int64_t *seconds)
{
	char *end;
	double h;

	errno = 0;
	h = strtod(s, &end);
	if (errno || end == s || *end || !(h * 3600 >= 1) || h > 366 * 24)
		return -1;
	*seconds = (int64_t)(h * 3600);
	return 0;
}

/* Starts the scheduled backup when --backup-dir asks for one. */
static int start_schedule(struct cli *cli, struct backup_schedule *sched,
			  const char *pass_file, struct backup_scheduler **out,
			  struct error *err)
{
	struct strbuf pass = STRBUF_INIT;
	int rc;

	*out = NULL;
	if (!sched->dir)
		return 0;
	if (!sched->every)
		sched->every = 24 * 3600;
	sched->data = cli->data;
	/* A file or the environment; nobody is at a terminal to ask. */
	rc = cli_passphrase(cli, pass_file, 0, 0, &pass, err);
	if (rc < 0)
		return -1;
	sched->passphrase = rc == 0 ? pass.buf : NULL;
	rc = backup_schedule_start(sched, out, err);
	if (pass.len)
		memset(pass.buf, 0, pass.len);
	strbuf_release(&pass);
	return rc;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "secure-cookies", no_argument, NULL, 's' },
		{ "trust-proxy", no_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-page-cache", no_argument, NULL, 'n' },
		{ "backup-dir", required_argument, NULL, 'B' },
		{ "backup-every", required_argument, NULL, 'E' },
		{ "backup-keep", required_argument, NULL, 'K' },
		{ "backup-passphrase-file", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct app app;
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct api_cache *api;
	struct web_assets *assets;
	char host[64], dummy[PASSWORD_HASH_MAX], url[128];
	const char *listen = getenv("MAMORI_LISTEN");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct backup_schedule sched = { NULL, NULL, 0, 7, NULL };
	struct backup_scheduler *scheduler = NULL;
	const char *sched_pass_file = NULL;
	int c, li = 0, threads, rc = EXIT_DONE, held = -1;

	memset(&app, 0, sizeof(app));
	app.config.listen_host = "127.0.0.1";
	app.config.listen_port = 8080;
	app.config.threads = cores > 0 ? (unsigned)cores : 2;
	app.config.idle_timeout = 30 * 60;
	app.config.absolute_timeout = 12 * 3600;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		switch (c) {
		case 'l':
			listen = optarg;
			break;
		case 't':
			if (parse_int(optarg, 1, 256, &threads))
				return cli_usage(cli, "serve",
						 "usage.bad_value", "threads",
						 optarg, NULL);
			app.config.threads = (unsigned)threads;
			break;
		case 's':
			app.config.secure_cookies = 1;
			break;
		case 'p':
			app.config.trust_proxy = 1;
			break;
		case 'q':
			app.config.quiet = 1;
			break;
		case 'n':
			pagecache_disable();
			break;
		case 'B':
			sched.dir = optarg;
			break;
		case 'E':
			if (parse_hours(optarg, &sched.every))
				return cli_usage(cli, "serve",
						 "usage.bad_value",
						 "backup-every", optarg, NULL);
			break;
		case 'K':
			if (parse_int(optarg, 1, 10000, &sched.keep))
				return cli_usage(cli, "serve",
						 "usage.bad_value",
						 "backup-keep", optarg, NULL);
			break;
		case 'P':
			sched_pass_file = optarg;
			break;
		case 'h':
			return cli_help(cli, "serve");
		default:
			return cli_usage(cli, "serve", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "serve", "usage.extra_argument",
				 argv[optind], NULL);
	if (!sched.dir && (sched.every || sched_pass_file))
		return cli_usage(cli, "serve", "usage.backup_dir", NULL);
	if (listen && *listen && parse_listen(listen, &app.config, host))
		return cli_usage(cli, "serve", "usage.bad_value", "listen",
				 listen, NULL);
	app.config.data = cli->data;
	app.msgs = cli->msgs;
	/* Open once to refuse a foreign or newer file and bring the schema
	 * up to date before any worker connects. */
	if (password_library_init(&err) || mfa_library_init(&err) ||
	    password_hash("unused", dummy, &err) ||
	    store_open(cli->data, 0, &store, &err) ||
	    store_migrate(store, NULL, &err) ||
	    catalog_load_builtin(&cat, &err) ||
	    store_pool_open(cli->data, app.config.threads, &app.pool, &err)) {
		store_close(store);
		catalog_free(cat);
		return cli_fail(cli, &err);
	}
	store_close(store);
	/* Held while serving, so `mamori restore` can tell (web/backup.h). */
	if (backup_hold(cli->data, &held, &err) ||
	    start_schedule(cli, &sched, sched_pass_file, &scheduler, &err)) {
		backup_release(held);
		store_pool_close(app.pool);
		catalog_free(cat);
		return cli_fail(cli, &err);
	}
	app.cat = cat;
	app.api = api = api_cache_new(cat);
	app.assets = assets = web_assets_new();
	app.dummy_hash = dummy;
	snprintf(url, sizeof(url), "http://%s:%d/", app.config.listen_host,
		 app.config.listen_port);
	cli_say(cli, cli->err, "serve.listening", url, cli->data, NULL);
	if (server_run(&app, &err))
		rc = cli_fail(cli, &err);
	else
		cli_say(cli, cli->err, "serve.stopped", NULL);
	backup_schedule_stop(scheduler);
	store_pool_close(app.pool);
	/* Last: closing it earlier would drop SQLite's locks too. */
	backup_release(held);
	api_cache_free(api);
	web_assets_free(assets);
	catalog_free(cat);
	return rc;
}
