/* cmd_diagnose.c: `mamori diagnose`, the self-diagnosis from a terminal or
 * a file. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/answers.h"
#include "catalog/catalog.h"
#include "store/repo_diagnosis.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/api_diagnosis.h"

enum { ANSWER_FILE_MAX = 1024 * 1024 };

struct diagnose_options {
	const char *file;
	const char *unit;
	const char *by;
	long org;
	int json;
	int save;
};

/* Reads the whole file (at most ANSWER_FILE_MAX bytes) into sb. */
static int read_file(const char *path, struct strbuf *sb, struct error *err)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return error_set(err, ERROR_INPUT, "diagnose.cannot_read", path,
				 NULL);
	sb->max = ANSWER_FILE_MAX;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	fclose(f);
	if (sb->toobig)
		return error_set(err, ERROR_INPUT, "diagnose.too_big", path,
				 NULL);
	return 0;
}

/* Asks the 25 questions on the terminal; answers come one per line. */
static int ask(struct cli *cli, const struct catalog *cat,
	       struct answer_set *set, struct error *err)
{
	int tty = isatty(STDIN_FILENO);
	size_t i;

	for (i = 0; i < cat->diagnosis_count; i++) {
		const struct diagnosis_item *d = &cat->diagnosis[i];
		char line[64];
		long v;

		if (tty) {
			fprintf(cli->out, "\n%d. %s\n", d->no,
				text_get(&d->question, cli->lang));
			fprintf(cli->out, "%s ",
				cli_msg(cli, "diagnose.prompt"));
			fflush(cli->out);
		}
		if (!fgets(line, sizeof(line), stdin))
			return error_set(err, ERROR_INPUT, "answers.missing",
					 "", NULL);
		line[strcspn(line, "\r\n")] = '\0';
		if (!strcmp(line, "?"))
			snprintf(line, sizeof(line), "-1");
		if (parse_long(line, -1, 4, &v) ||
		    !diagnosis_answer_valid((int)v)) {
			char num[16];

			snprintf(num, sizeof(num), "%d", d->no);
			return error_set(err, ERROR_INPUT, "answers.bad_answer",
					 num, line, NULL);
		}
		set->answers[d->no - 1] = (int)v;
		set->notes[d->no - 1] = "";
	}
	return 0;
}

/* Prints the result for a person. */
static void print_text(struct cli *cli, const struct catalog *cat,
		       const struct answer_set *set, int64_t saved)
{
	const struct diagnosis_band *band;
	struct diagnosis_score s;
	int order[DIAGNOSIS_ITEMS];
	char num[32];
	size_t i, weak;

	diagnosis_score(set->answers, cat->parts, cat->part_count, &s);
	band = diagnosis_band_of(cat->bands, cat->band_count, s.total);
	snprintf(num, sizeof(num), "%d", s.total);
	cli_say(cli, cli->out, "diagnose.total", num,
		band ? text_get(&band->label, cli->lang) : "", NULL);
	if (band)
		fprintf(cli->out, "%s\n%s\n",
			text_get(&band->meaning, cli->lang),
			text_get(&band->next, cli->lang));
	for (i = 0; i < cat->part_count; i++) {
		int pi = cat->parts[i].part - 1;

		fprintf(cli->out, "  %s: %d / %d\n",
			text_get(&cat->parts[i].name, cli->lang),
			s.part_total[pi], s.part_max[pi]);
	}
	if (s.unknown_count) {
		snprintf(num, sizeof(num), "%d", s.unknown_count);
		cli_say(cli, cli->out, "diagnose.unknown", num, NULL);
	}
	weak = diagnosis_weakest_first(set->answers, order);
	if (weak)
		fprintf(cli->out, "\n%s\n", cli_msg(cli, "diagnosis.weakest"));
	for (i = 0; i < weak; i++) {
		const struct diagnosis_item *d =
			catalog_diagnosis_item(cat, order[i]);
		size_t k;

		fprintf(cli->out, "\n%2d. %s\n    ", d->no,
			text_get(&d->question, cli->lang));
		fprintf(cli->out, "%s\n    ", text_get(&d->advice, cli->lang));
		for (k = 0; k < d->control_count; k++)
			fprintf(cli->out, "%s%s", k ? " " : "",
				d->controls[k]->id);
		fputc('\n', cli->out);
	}
	if (saved) {
		snprintf(num, sizeof(num), "%lld", (long long)saved);
		cli_say(cli, cli->out, "diagnose.saved", num, NULL);
	}
}

/* Saves the answers as one completed run, in one transaction. */
static int save_run(struct cli *cli, const struct diagnose_options *o,
		    const struct answer_set *set, int64_t *id,
		    struct error *err)
{
	struct store *store = NULL;
	int64_t now = (int64_t)time(NULL);
	char target[64];
	int i;

	if (store_open(cli->data, 0, &store, err) ||
	    store_migrate(store, NULL, err) || store_begin(store, err))
		goto out_fail;
	if (repo_run_create(store, o->org, *o->unit ? o->unit : set->unit,
			    o->by, now, id, err))
		goto out_rollback;
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		if (repo_run_answer(store, o->org, *id, i + 1, set->answers[i],
				    set->notes[i], o->by, now, err) <= 0)
			goto out_no_org;
	snprintf(target, sizeof(target), "diagnosis:%lld", (long long)*id);
	if (repo_run_complete(store, o->org, *id, now, err) <= 0 ||
	    cli_audit(store, o->org, 0, "diagnosis.complete", target, "cli",
		      err) ||
	    store_commit(store, err))
		goto out_rollback;
	store_close(store);
	return 0;
out_no_org:
	if (!err->code) {
		char num[32];

		snprintf(num, sizeof(num), "%ld", o->org);
		error_set(err, ERROR_NOT_FOUND, "user.no_org", num, NULL);
	}
out_rollback:
	store_rollback(store);
out_fail:
	store_close(store);
	return -1;
}

int cmd_diagnose(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "unit", required_argument, NULL, 'u' },
		{ "by", required_argument, NULL, 'b' },
		{ "org", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ "no-save", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct diagnose_options o = { NULL, "", "cli", 1, 0, 1 };
	struct error err = ERROR_INIT;
	struct strbuf data = STRBUF_INIT;
	struct catalog *cat = NULL;
	struct answer_set set;
	struct arena arena;
	int64_t saved = 0;
	int c, missing, rc = EXIT_DONE;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o.file = optarg;
			break;
		case 'u':
			o.unit = optarg;
			break;
		case 'b':
			o.by = optarg;
			break;
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &o.org))
				return cli_usage(cli, "diagnose",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 'F':
			if (strcmp(optarg, "json") && strcmp(optarg, "text"))
				return cli_usage(cli, "diagnose",
						 "usage.bad_value", "format",
						 optarg, NULL);
			o.json = !strcmp(optarg, "json");
			break;
		case 'n':
			o.save = 0;
			break;
		case 'h':
			return cli_help(cli, "diagnose");
		default:
			return cli_usage(cli, "diagnose", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "diagnose", "usage.extra_argument",
				 argv[optind], NULL);
	arena_init(&arena, 0);
	if (catalog_load_builtin(&cat, &err))
		goto out_fail;
	if (o.file) {
		size_t n = strlen(o.file);
		int is_csv = n > 4 && !strcmp(o.file + n - 4, ".csv");

		if (read_file(o.file, &data, &err) ||
		    (is_csv ? answers_from_csv(&arena, data.buf, data.len, &set,
					       &err)
			    : answers_from_json(&arena, data.buf, data.len,
						&set, &err)))
			goto out_fail;
	} else {
		memset(&set, 0, sizeof(set));
		set.unit = "";
		if (ask(cli, cat, &set, &err))
			goto out_fail;
	}
	if ((missing = answers_missing(&set))) {
		char num[16];

		snprintf(num, sizeof(num), "%d", missing);
		error_set(&err, ERROR_INPUT, "answers.missing", num, NULL);
		goto out_fail;
	}
	if (o.save && save_run(cli, &o, &set, &saved, &err))
		goto out_fail;
	if (o.json) {
		struct diagnosis_run run;
		char *json;

		memset(&run, 0, sizeof(run));
		run.id = saved;
		run.unit = *o.unit ? o.unit : set.unit;
		run.answered_by = o.by;
		run.started_at = run.completed_at = (int64_t)time(NULL);
		run.answered = DIAGNOSIS_ITEMS;
		json = diagnosis_result_json(cat, cli->lang, set.answers,
					     saved ? &run : NULL);
		fprintf(cli->out, "%s\n", json);
		free(json);
	} else {
		print_text(cli, cat, &set, saved);
	}
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	strbuf_release(&data);
	arena_release(&arena);
	catalog_free(cat);
	return rc;
}
