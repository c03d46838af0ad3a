/*
 * riskrun.h: what `mamori asset`, `mamori risk` and `mamori plan` share:
 * one run's catalogue, data file and risk method in force, the register's
 * values read from options, and shown in the reader's language.
 */
#ifndef MAMORI_CLI_RISKRUN_H
#define MAMORI_CLI_RISKRUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/asset.h"
#include "core/risk.h"
#include "export/table.h"
#include "store/repo_risk.h"
#include "util/arena.h"

struct catalog;
struct cli;
struct error;
struct store;
struct strbuf;

/* One run of a register command. */
struct risk_run {
	struct cli *cli;
	struct catalog *cat;
	struct store *store;
	struct arena arena;
	int64_t org;
	/*
	 * The method in force: the open assessment's, or before the first
	 * one the IPA sheet, on whose scale the register is rated until a
	 * method is chosen (as repo_assessment_start assumes).
	 */
	int open;
	struct risk_assessment assessment; /* valid when open */
	const struct risk_method_def *def;
	struct risk_criteria criteria;
	char today[16]; /* the local date, YYYY-MM-DD */
};

/*
 * Loads the catalogue, opens the data file, checks that organisation org
 * exists and reads its method.  On failure err says why; release the run
 * with risk_run_close() either way.
 */
int risk_run_open(struct risk_run *run, struct cli *cli, int64_t org,
		  struct error *err);
void risk_run_close(struct risk_run *run);
/* (Re)reads the method in force; call it inside a change's transaction. */
int risk_run_method(struct risk_run *run, struct error *err);
/* Fails with ERROR_CONFLICT, saying how to choose a method, unless open. */
int risk_run_need_open(const struct risk_run *run, struct error *err);
/* The classification labels allowed: the organisation's, else built-in. */
int risk_run_labels(struct risk_run *run, const char ***labels, size_t *count,
		    struct error *err);
/*
 * The heat map of the open assessment and the number of risks at each
 * level, for priority ranks (risk_rank).
 */
int risk_run_levels(struct risk_run *run, size_t cells[5][5], size_t levels[10],
		    struct error *err);
/*
 * Records a change in the audit trail, target "<kind>:<id>"; before and
 * after are "field: value" lines ("" when there is nothing to say).
 */
int risk_run_audit(struct risk_run *run, const char *action, const char *kind,
		   int64_t id, const char *before, const char *after,
		   struct error *err);

/* --- reading options ---------------------------------------------------- */

/* One option of a command with verbs, and the verbs (bits) it fits. */
struct verb_option {
	const char *name;
	int has_arg;
	unsigned verbs;
};

/* risk_run_options() read the options: go on. */
enum { RISK_RUN_GO = -1 };

/*
 * Reads the options of `mamori command` from the table of count options:
 * values[k] gets option k's argument ("" for a flag).  Returns RISK_RUN_GO
 * with optind at the first operand, or the exit code after --help or a
 * wrong option (said on stderr).
 */
int risk_run_options(struct cli *cli, const char *command,
		     const struct verb_option *options, size_t count, int argc,
		     char **argv, const char **values);
/*
 * The verb at optind, one of names (count of them), moving optind past
 * it: its index, 0 (the first, the default) when there is none, or -1
 * when the operand is no verb.
 */
int risk_run_verb(int argc, char **argv, const char *const *names,
		  size_t count);
/*
 * Refuses (exit code 2, said on stderr) an option given that does not
 * fit the verb; 0 when all fit.
 */
int risk_run_check_options(struct cli *cli, const char *command,
			   const struct verb_option *options, size_t count,
			   const char *const *values, int verb,
			   const char *verb_name);

/*
 * --org ID (the first organisation when arg is NULL): 0 with *org set,
 * or the exit code of a usage message naming cmd.
 */
int risk_run_parse_org(struct cli *cli, const char *cmd, const char *arg,
		       int64_t *org);
/* A record id: a positive integer.  0 or -1. */
int risk_run_parse_id(const char *arg, int64_t *id);
/* A rating: "unrated" (RISK_UNRATED) or a number; the scale is core's. */
int risk_run_parse_rating(const char *arg, int *v);
/*
 * Personal data: a comma-separated list of personal, sensitive and
 * my_number, or "none".
 */
int risk_run_parse_personal(const char *arg, unsigned *bits);
/*
 * A medium: a built-in key, or its name in either language (書類, paper)
 * turned into the key; anything else is the organisation's own word.
 */
const char *risk_run_parse_medium(struct risk_run *run, const char *arg);
/*
 * A label as typed, or, while the built-in labels apply, a built-in
 * label's name in either language (社外秘, Internal) turned into its id.
 */
int risk_run_parse_label(struct risk_run *run, const char *arg,
			 const char **label, struct error *err);

/* --- showing values ------------------------------------------------------ */

/* A built-in medium in the reader's language; the org's own word as is. */
const char *risk_run_medium(struct risk_run *run, const char *medium);
/* A built-in label translated; another label as it is. */
const char *risk_run_label(struct risk_run *run, const char *label);
/* A number, or "—" when unrated. */
const char *risk_run_num(struct risk_run *run, int v);
/* A value with its label on the method's scale k ("2（大）"), or "—". */
const char *risk_run_point(struct risk_run *run, enum risk_scale_kind k, int v);
/* The personal data bits as words ("個人情報、マイナンバー"), or "". */
const char *risk_run_personal(struct risk_run *run, unsigned bits);
/* The grade of a level under the criteria in force, or "—". */
const char *risk_run_grade(struct risk_run *run, int level);
/* The threat and vulnerability of a risk: a catalogue title or own text. */
const char *risk_run_threat(struct risk_run *run, const struct risk *r);
const char *risk_run_vulnerability(struct risk_run *run, const struct risk *r);
const char *risk_run_method_name(struct risk_run *run, enum risk_method m);
const char *risk_run_treatment(struct risk_run *run, enum risk_treatment t);
const char *risk_run_status(struct risk_run *run, enum treatment_status s);
/* Unix seconds as a local "YYYY-MM-DD HH:MM". */
const char *risk_run_time(struct risk_run *run, int64_t t);
/* "<asset name>（<medium>）", so that copies on two media differ. */
const char *risk_run_asset(struct risk_run *run, const char *name,
			   const char *medium);

/* The message key with its NULL-ended arguments, from the run's arena. */
const char *risk_run_text(struct risk_run *run, const char *key, ...)
	__attribute__((sentinel));
/* Appends a "label: value" line, the label being the message key. */
void risk_run_line(struct risk_run *run, struct strbuf *out, const char *key,
		   const char *value);
/*
 * Starts a table whose headers are the messages of keys (NULL-ended),
 * with the keys' last part as the column keys of JSON and CSV.
 */
void risk_run_table(struct risk_run *run, struct table *t,
		    const char *const *keys);
/* Writes t to the output in fmt (text cells cut at max_width). */
void risk_run_print(struct risk_run *run, const struct table *t,
		    enum table_format fmt, size_t max_width);

#endif
