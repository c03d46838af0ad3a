/* cmd_policy.c: `mamori policy`, the basic policy and the handbook. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/docfile.h"
#include "core/policy.h"
#include "store/repo_diagnosis.h"
#include "store/repo_org.h"
#include "store/repo_policy.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

struct policy_options {
	long org;
	int handbook;
	const char *by;	    /* the approving executive's e-mail */
	const char *format; /* pdf, md or html: the document as a file */
	const char *output;
	const char *objectives[16];
	size_t objective_count;
};

/* Drafts a new version from the template and saves it. */
static int generate(struct cli *cli, struct store *store, struct arena *arena,
		    const struct catalog *cat, const struct policy_options *o,
		    const char *kind, int *version, struct error *err)
{
	struct strbuf body = STRBUF_INIT, ids = STRBUF_INIT;
	const struct policy_objective *chosen[16];
	struct org_profile p;
	struct policy_fill fill;
	struct policy_doc last;
	char date[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int have, rc = -1;

	for (i = 0; i < o->objective_count; i++) {
		chosen[i] = catalog_objective(cat, o->objectives[i]);
		if (!chosen[i])
			return error_set(err, ERROR_INPUT,
					 "policy.no_objective",
					 o->objectives[i], NULL);
		strbuf_addf(&ids, "%s%s", i ? " " : "", chosen[i]->id);
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date),
		 cli->lang == LANG_JA ? "%Y年%m月%d日" : "%Y-%m-%d", &tm);
	have = repo_doc_get(store, arena, o->org, kind, 0, &last, err);
	if (have < 0 || repo_profile_get(store, arena, o->org, &p, err) ||
	    cli_org_name(store, arena, o->org, &fill.company, err))
		goto out;
	fill.representative = *p.representative ? p.representative : "—";
	fill.services = *p.services ? p.services
				    : cli_msg(cli, "policy.our_work");
	fill.date = date;
	fill.version = have ? last.version + 1 : 1;
	if (o->handbook) {
		int answers[DIAGNOSIS_ITEMS];
		size_t units;

		if (repo_run_latest_combined(store, arena, o->org, answers,
					     &units, err))
			goto out;
		handbook_generate(cat->handbook, cat->handbook_count,
				  cat->parts, cat->part_count, answers,
				  cli->lang, &fill,
				  cli_msg(cli, "handbook.title"),
				  cli_msg(cli, "handbook.intro"),
				  cli_msg(cli, "handbook.focus"), &body);
	} else {
		policy_generate(cat->policy_blocks, cat->policy_block_count,
				chosen, o->objective_count, cli->lang, &fill,
				&body);
	}
	if (store_begin(store, err))
		goto out;
	if (repo_doc_save(store, o->org, kind, body.buf, ids.buf, "cli",
			  (int64_t)now, version, err) ||
	    cli_audit(store, o->org, 0, "doc.generate", kind, "cli", err) ||
	    store_commit(store, err)) {
		store_rollback(store);
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&body);
	strbuf_release(&ids);
	return rc;
}

/* Returns 0 when email holds the executive role in org, else an error. */
static int check_executive(struct store *store, struct arena *arena, long org,
			   const char *email, struct error *err)
{
	struct member *rows;
	size_t count, i;

	if (repo_member_list(store, arena, org, &rows, &count, err))
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].email, email) &&
		    (rows[i].roles & ROLE_BIT(ROLE_EXECUTIVE)))
			return 0;
	return error_set(err, ERROR_DENIED, "policy.not_executive", email,
			 NULL);
}

int cmd_policy(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "handbook", no_argument, NULL, 'H' },
		{ "objective", required_argument, NULL, 'j' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct policy_options o;
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	struct store *store = NULL;
	struct arena arena;
	struct policy_doc d;
	const char *verb = "show", *kind;
	int c, version = 0, rc = EXIT_DONE, found;

	memset(&o, 0, sizeof(o));
	o.org = 1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (parse_long(optarg, 1, INT32_MAX, &o.org))
				return cli_usage(cli, "policy",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 'H':
			o.handbook = 1;
			break;
		case 'j':
			if (o.objective_count == ARRAY_SIZE(o.objectives))
				return cli_usage(cli, "policy",
						 "usage.bad_value", "objective",
						 optarg, NULL);
			o.objectives[o.objective_count++] = optarg;
			break;
		case 'b':
			o.by = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'O':
			o.output = optarg;
			break;
		case 'h':
			return cli_help(cli, "policy");
		default:
			return cli_usage(cli, "policy", "usage.bad_option",
					 argv[optind - 1], NULL);
		}
	}
	if (optind < argc)
		verb = argv[optind++];
	if (!strcmp(verb, "approve") || !strcmp(verb, "publish")) {
		if (optind != argc - 1 ||
		    parse_int(argv[optind], 1, INT32_MAX, &version))
			return cli_usage(cli, "policy", "usage.policy_version",
					 NULL);
		if (!o.by)
			return cli_usage(cli, "policy", "usage.missing_option",
					 "--by", NULL);
	} else if (strcmp(verb, "show") && strcmp(verb, "generate")) {
		return cli_usage(cli, "policy", "usage.policy_verb", verb,
				 NULL);
	} else if (optind < argc) {
		return cli_usage(cli, "policy", "usage.extra_argument",
				 argv[optind], NULL);
	}
	if ((c = docfile_check(cli, "policy", o.format, o.output, NULL,
			       DOCFILE_PDF | DOCFILE_MD | DOCFILE_HTML)))
		return c;
	kind = o.handbook ? "handbook" : "basic_policy";
	arena_init(&arena, 0);
	if (catalog_load_builtin(&cat, &err) ||
	    cli_open_store(cli, &store, &err))
		goto out_fail;
	if (!strcmp(verb, "generate")) {
		if (generate(cli, store, &arena, cat, &o, kind, &version, &err))
			goto out_fail;
	} else if (version) {
		int done;
		int publish = !strcmp(verb, "publish");
		char target[64];

		snprintf(target, sizeof(target), "%s:%d", kind, version);
		if (check_executive(store, &arena, o.org, o.by, &err) ||
		    store_begin(store, &err))
			goto out_fail;
		done = publish ? repo_doc_publish(store, o.org, kind, version,
						  (int64_t)time(NULL), &err)
			       : repo_doc_approve(store, o.org, kind, version,
						  o.by, (int64_t)time(NULL),
						  &err);
		if (done < 0 ||
		    (done && cli_audit(store, o.org, 0,
				       publish ? "doc.publish" : "doc.approve",
				       target, o.by, &err)) ||
		    store_commit(store, &err)) {
			store_rollback(store);
			goto out_fail;
		}
		if (!done) {
			store_rollback(store);
			error_set(&err, ERROR_CONFLICT,
				  publish ? "policy.cannot_publish"
					  : "policy.cannot_approve",
				  NULL);
			goto out_fail;
		}
	}
	found = repo_doc_get(store, &arena, o.org, kind, version, &d, &err);
	if (found < 0)
		goto out_fail;
	if (!found) {
		error_set(&err, ERROR_NOT_FOUND, "policy.none", NULL);
		goto out_fail;
	}
	if (o.format) {
		if (docfile_policy(cli, store, &arena, cat, o.org, kind, &d,
				   o.format, o.output, &err))
			goto out_fail;
	} else {
		fputs(d.body, cli->out);
	}
	{
		/* The state goes to stderr so the text can be piped. */
		char num[16];

		snprintf(num, sizeof(num), "%d", d.version);
		cli_say(cli, cli->err, "policy.state", num,
			d.published_at	? "policy.published"
			: d.approved_by ? "policy.approved"
					: "policy.draft",
			NULL);
	}
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	store_close(store);
	catalog_free(cat);
	arena_release(&arena);
	return rc;
}
