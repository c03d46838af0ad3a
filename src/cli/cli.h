/* cli.h: the state of one command run, and the commands. */
#ifndef MAMORI_CLI_CLI_H
#define MAMORI_CLI_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "core/text.h"

struct catalog;
struct error;
struct i18n;

/* Exit codes of every command. */
enum {
	EXIT_DONE = 0,	/* done */
	EXIT_INPUT = 1, /* the input was wrong, or the data file unusable */
	EXIT_USAGE = 2, /* the command line itself was wrong */
};

/* What a command needs; built once by main() and passed down. */
struct cli {
	enum lang lang;
	const char *data;  /* --data, MAMORI_DATA or "mamori.db" */
	struct i18n *msgs; /* UI messages */
	FILE *out;
	FILE *err;
};

/* Returns the message for key in the user's language. */
const char *cli_msg(struct cli *cli, const char *key);
/*
 * Prints the message for key with its NULL-terminated arguments ({1} …)
 * and a newline to f.
 */
void cli_say(struct cli *cli, FILE *f, const char *key, ...)
	__attribute__((sentinel));
/* Prints err to stderr as "mamori: …" and returns EXIT_INPUT. */
int cli_fail(struct cli *cli, const struct error *err);
/*
 * Prints a usage problem (message key and arguments) and where to find
 * help for cmd; returns EXIT_USAGE.
 */
int cli_usage(struct cli *cli, const char *cmd, const char *key, ...)
	__attribute__((sentinel));
/* Prints the help text "help.<cmd>" and returns EXIT_DONE. */
int cli_help(struct cli *cli, const char *cmd);

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf. */
void cli_now(char buf[32]);
struct store;

/*
 * Records a change made from the command line in org_id's audit chain
 * (actor and client "cli"); call it inside the change's transaction.
 */
int cli_audit(struct store *store, int64_t org_id, int64_t account_id,
	      const char *action, const char *target, const char *after,
	      struct error *err);
/* The same, with the state before the change (for a record's history). */
int cli_audit_change(struct store *store, int64_t org_id, int64_t account_id,
		     const char *action, const char *target, const char *before,
		     const char *after, struct error *err);
/* Opens and migrates the data file of cli->data into *store. */
int cli_open_store(struct cli *cli, struct store **store, struct error *err);

/*
 * Finds organisation org_id's name (from arena) or fails with
 * ERROR_NOT_FOUND "user.no_org".
 */
struct arena;
int cli_org_name(struct store *store, struct arena *arena, int64_t org_id,
		 const char **name, struct error *err);

/* Returns 1 when arg is --help or -h. */
int cli_is_help(const char *arg);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_diagnose(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_profile(struct cli *cli, int argc, char **argv);
int cmd_five(struct cli *cli, int argc, char **argv);
int cmd_policy(struct cli *cli, int argc, char **argv);
int cmd_cloud(struct cli *cli, int argc, char **argv);
/* cmd_case.c: `mamori case pairs|risks`, an incident case's risks. */
int cmd_case(struct cli *cli, int argc, char **argv);
/* cmd_executive.c: `mamori executive [list]|set`. */
int cmd_executive(struct cli *cli, int argc, char **argv);
int cmd_asset(struct cli *cli, int argc, char **argv);
/* `mamori asset import|export` (argv[0] is the verb), cmd_asset_io.c. */
int cmd_asset_import(struct cli *cli, int argc, char **argv);
int cmd_asset_export(struct cli *cli, int argc, char **argv);
int cmd_risk(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_soa(struct cli *cli, int argc, char **argv);
/* cmd_document.c: `mamori document`, the document register. */
int cmd_document(struct cli *cli, int argc, char **argv);
int cmd_checklist(struct cli *cli, int argc, char **argv);
int cmd_dashboard(struct cli *cli, int argc, char **argv);
int cmd_migrate(struct cli *cli, int argc, char **argv);
/* cmd_backup.c: `mamori backup [verify]` and `mamori restore`. */
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
/* cmd_org.c: `mamori org export|import`. */
int cmd_org(struct cli *cli, int argc, char **argv);
/* cmd_export.c: `mamori export pack|verify`, the audit document pack. */
int cmd_export(struct cli *cli, int argc, char **argv);
struct strbuf;
/*
 * A backup passphrase into out: from the file (first line), else
 * $MAMORI_BACKUP_PASSPHRASE, else asked on the terminal when ask is set
 * (twice when confirm is set).  Returns 0 with one, 1 when none was
 * given, -1 with err set.
 */
int cli_passphrase(struct cli *cli, const char *file, int ask, int confirm,
		   struct strbuf *out, struct error *err);
/*
 * The passphrase to open the backup file with: *out stays NULL for a
 * plain file unless pass_file names one.
 */
int cli_backup_open_passphrase(struct cli *cli, const char *file,
			       const char *pass_file, struct strbuf *pass,
			       const char **out, struct error *err);
/* Whether the file is a sealed backup. */
int cli_backup_sealed(const char *file);
int cmd_version(struct cli *cli, int argc, char **argv);

#endif
