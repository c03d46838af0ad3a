/* main.c: the mamori command: global options and the command table. */
#include "util/compat.h"
#include "cli/cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/i18n.h"
#include "store/repo_audit.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/crypto.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
};

/* Every command; each lives in cli/cmd_<name>.c. */
static const struct command commands[] = {
	{ "init", cmd_init },
	{ "catalog", cmd_catalog },
	{ "diagnose", cmd_diagnose },
	{ "profile", cmd_profile },
	{ "five", cmd_five },
	{ "policy", cmd_policy },
	{ "cloud", cmd_cloud },
	{ "migrate", cmd_migrate },
	{ "serve", cmd_serve },
	{ "audit", cmd_audit },
	{ "user", cmd_user },
	{ "version", cmd_version },
	{ "asset", cmd_asset },
	{ "risk", cmd_risk },
	{ "plan", cmd_plan },
	{ "dashboard", cmd_dashboard },
	{ "soa", cmd_soa },
	{ "document", cmd_document },
	{ "checklist", cmd_checklist },
	{ "backup", cmd_backup },
	{ "restore", cmd_restore },
	{ "org", cmd_org },
	{ "export", cmd_export },
	{ "case", cmd_case },
	{ "executive", cmd_executive },
};

const char *cli_msg(struct cli *cli, const char *key)
{
	return i18n_get(cli->msgs, cli->lang, key);
}

/* Formats key with the arguments of ap into sb. */
static void format_va(struct cli *cli, struct strbuf *sb, const char *key,
		      va_list ap)
{
	const char *args[9];
	const char *a;
	int n = 0;

	while ((a = va_arg(ap, const char *)) && n < 9)
		args[n++] = a;
	i18n_format(cli->msgs, cli->lang, key, args, n, sb);
}

void cli_say(struct cli *cli, FILE *f, const char *key, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, key);
	format_va(cli, &sb, key, ap);
	va_end(ap);
	fprintf(f, "%s\n", sb.buf);
	strbuf_release(&sb);
}

int cli_fail(struct cli *cli, const struct error *err)
{
	struct strbuf sb = STRBUF_INIT;

	i18n_error(cli->msgs, cli->lang, err, &sb);
	fprintf(cli->err, "mamori: %s\n", sb.buf);
	strbuf_release(&sb);
	return EXIT_INPUT;
}

int cli_usage(struct cli *cli, const char *cmd, const char *key, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, key);
	format_va(cli, &sb, key, ap);
	va_end(ap);
	fprintf(cli->err, "mamori: %s\n", sb.buf);
	strbuf_release(&sb);
	cli_say(cli, cli->err, "usage.see_help", cmd ? cmd : "", NULL);
	return EXIT_USAGE;
}

int cli_help(struct cli *cli, const char *cmd)
{
	struct strbuf key = STRBUF_INIT;

	strbuf_addf(&key, "help.%s", cmd);
	fprintf(cli->out, "%s\n", cli_msg(cli, key.buf));
	strbuf_release(&key);
	return EXIT_DONE;
}

void cli_now(char buf[32])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int cli_audit(struct store *store, int64_t org_id, int64_t account_id,
	      const char *action, const char *target, const char *after,
	      struct error *err)
{
	return cli_audit_change(store, org_id, account_id, action, target, "",
				after, err);
}

int cli_audit_change(struct store *store, int64_t org_id, int64_t account_id,
		     const char *action, const char *target, const char *before,
		     const char *after, struct error *err)
{
	struct audit_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.org_id = org_id;
	ev.at = (int64_t)time(NULL);
	ev.account_id = account_id;
	ev.actor = "cli";
	ev.client = "cli";
	ev.action = action;
	ev.target = target;
	ev.before = before;
	ev.after = after;
	return repo_audit_append(store, &ev, sha256_bytes, err);
}

int cli_open_store(struct cli *cli, struct store **store, struct error *err)
{
	*store = NULL;
	if (store_open(cli->data, 0, store, err) ||
	    store_migrate(*store, NULL, err)) {
		store_close(*store);
		*store = NULL;
		return -1;
	}
	return 0;
}

int cli_org_name(struct store *store, struct arena *arena, int64_t org_id,
		 const char **name, struct error *err)
{
	struct organisation *orgs;
	size_t count, i;
	char num[32];

	if (repo_org_list(store, arena, &orgs, &count, err))
		return -1;
	for (i = 0; i < count; i++)
		if (orgs[i].id == org_id) {
			*name = orgs[i].name;
			return 0;
		}
	snprintf(num, sizeof(num), "%lld", (long long)org_id);
	return error_set(err, ERROR_NOT_FOUND, "user.no_org", num, NULL);
}

int cli_is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

/* The language: --lang, else MAMORI_LANG, else the locale (LC_ALL …). */
static enum lang pick_lang(void)
{
	static const char *const vars[] = { "MAMORI_LANG", "LC_ALL",
					    "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		/* Plain C/POSIX locales say nothing about the language. */
		if (v && *v && strcmp(v, "C") && strcmp(v, "POSIX") &&
		    strncmp(v, "C.", 2))
			return lang_from_locale(v);
	}
	return LANG_JA;
}

int main(int argc, char **argv)
{
	struct cli cli = { LANG_JA, NULL, NULL, stdout, stderr };
	struct error err = ERROR_INIT;
	const char *data = getenv("MAMORI_DATA");
	int i = 1, rc;
	size_t c;

	setlocale(LC_ALL, "");
	cli.lang = pick_lang();
	cli.data = data && *data ? data : "mamori.db";
	if (i18n_load(&embedded_data, &cli.msgs, &err)) {
		/* Without messages only a plain English line can be shown. */
		fprintf(stderr, "mamori: broken message catalogue (%s)\n",
			err.key);
		return EXIT_INPUT;
	}
	/* Global options come before the command. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc) {
			cli.data = argv[++i];
		} else if (!strncmp(argv[i], "--data=", 7)) {
			cli.data = argv[i] + 7;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			cli.lang = lang_from_locale(argv[++i]);
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			cli.lang = lang_from_locale(argv[i] + 7);
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			rc = cli_help(&cli, "main");
			goto out;
		} else if (!strcmp(argv[i], "--version")) {
			rc = cmd_version(&cli, 1, argv + i);
			goto out;
		} else {
			rc = cli_usage(&cli, NULL, "usage.unknown_option",
				       argv[i], NULL);
			goto out;
		}
	}
	if (i >= argc) {
		cli_help(&cli, "main");
		rc = EXIT_USAGE;
		goto out;
	}
	for (c = 0; c < ARRAY_SIZE(commands); c++) {
		if (!strcmp(argv[i], commands[c].name)) {
			rc = commands[c].run(&cli, argc - i, argv + i);
			goto out;
		}
	}
	rc = cli_usage(&cli, NULL, "usage.unknown_command", argv[i], NULL);
out:
	if (fflush(stdout) && rc == EXIT_DONE)
		rc = EXIT_INPUT;
	i18n_free(cli.msgs);
	return rc;
}
