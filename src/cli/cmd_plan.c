/* cmd_plan.c: `mamori plan`, the risk treatment plan (リスク対応計画). */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
#include "cli/riskrun.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

enum verb { V_LIST, V_ADD, V_SET, V_DELETE, V_COUNT };

static const char *const verb_names[V_COUNT] = { "list", "add", "set",
						 "delete" };

#define VB(v) (1u << (v))

enum opt {
	O_ORG,
	O_FORMAT,
	O_OWNER,
	O_START,
	O_END,
	O_STATUS,
	O_ACTUAL_START,
	O_ACTUAL_END,
	O_TASK,
	O_COUNT
};

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_FORMAT] = { "format", 1, VB(V_LIST) },
	[O_OWNER] = { "owner", 1, VB(V_ADD) | VB(V_SET) },
	[O_START] = { "start", 1, VB(V_ADD) | VB(V_SET) },
	[O_END] = { "end", 1, VB(V_ADD) | VB(V_SET) },
	[O_STATUS] = { "status", 1, VB(V_SET) },
	[O_ACTUAL_START] = { "actual-start", 1, VB(V_SET) },
	[O_ACTUAL_END] = { "actual-end", 1, VB(V_SET) },
	[O_TASK] = { "task", 1, VB(V_SET) },
};

struct plan_args {
	enum verb verb;
	const char *v[O_COUNT];
	int64_t org;
	int64_t id;	     /* set, delete */
	const char *control; /* add */
	const char *task;    /* add */
	enum task_status status;
	enum table_format fmt;
};

static const char *status_text(struct risk_run *run, enum task_status s)
{
	static const char *const keys[TASK_STATUS_COUNT] = {
		"plan.status_not_started", "plan.status_started",
		"plan.status_finished"
	};

	return cli_msg(run->cli, keys[s]);
}

/*
 * The title of a plan's control: an ISO/IEC 27002 control first, then a
 * guideline item (the ids of the two can look alike; the control wins).
 */
static const char *control_title(struct risk_run *run, const char *id)
{
	const struct control *c = catalog_control(run->cat, id);
	const struct guideline_item *g;

	if (c)
		return text_get(&c->title, run->cli->lang);
	g = catalog_guideline_item(run->cat, id);
	if (g)
		return risk_run_text(run, "plan_cli.guideline_item",
				     text_get(&g->title, run->cli->lang), NULL);
	return "";
}

/* --- list ---------------------------------------------------------------- */

/* Writes a table indented by two spaces, under its group's heading. */
static void print_indented(struct risk_run *run, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	table_render_text(t, 30, &sb);
	for (p = sb.buf; *p;) {
		size_t len = strcspn(p, "\n");

		fprintf(run->cli->out, "  %.*s\n", (int)len, p);
		p += len;
		if (*p)
			p++;
	}
	strbuf_release(&sb);
}

static int plan_list(struct risk_run *run, const struct plan_args *o,
		     struct error *err)
{
	static const char *const flat_keys[] = {
		"plan.control",	    "plan_cli.col.control_title",
		"col.id",	    "plan.task",
		"plan.owner",	    "plan.planned_start",
		"plan.planned_end", "plan.actual_start",
		"plan.actual_end",  "plan.status",
		"plan.overdue",	    NULL
	};
	static const char *const group_keys[] = {
		"col.id",	    "plan.task",
		"plan.owner",	    "plan.planned_start",
		"plan.planned_end", "plan.actual_start",
		"plan.actual_end",  "plan.status",
		"plan.overdue",	    NULL
	};
	struct plan_task *rows;
	size_t count, k, overdue = 0;
	struct table t;

	if (repo_plan_list(run->store, &run->arena, run->org, &rows, &count,
			   err))
		return -1;
	if (!count && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out, "plan_cli.none", NULL);
		return 0;
	}
	risk_run_table(run, &t, o->fmt == TABLE_TEXT ? group_keys : flat_keys);
	for (k = 0; k < count; k++) {
		const struct plan_task *p = &rows[k];
		int late = plan_task_overdue(p, run->today);
		const char *mark = late ? cli_msg(run->cli, "plan.overdue")
					: "";
		const char *id =
			arena_printf(&run->arena, "%lld", (long long)p->id);

		overdue += late;
		if (o->fmt != TABLE_TEXT) {
			const char *cells[] = {
				p->control,
				control_title(run, p->control),
				id,
				p->task,
				p->owner,
				p->planned_start,
				p->planned_end,
				p->actual_start,
				p->actual_end,
				status_text(run, p->status),
				late ? "yes" : "",
			};

			table_add_row(&t, cells);
			continue;
		}
		/* Rows come ordered by control: one heading per control. */
		if (!k || strcmp(rows[k - 1].control, p->control)) {
			if (k) {
				print_indented(run, &t);
				fputc('\n', run->cli->out);
				risk_run_table(run, &t, group_keys);
			}
			fprintf(run->cli->out, "■ %s %s\n", p->control,
				control_title(run, p->control));
		}
		{
			const char *cells[] = {
				id,
				p->task,
				p->owner,
				p->planned_start,
				p->planned_end,
				p->actual_start,
				p->actual_end,
				status_text(run, p->status),
				mark,
			};

			table_add_row(&t, cells);
		}
	}
	if (o->fmt != TABLE_TEXT) {
		risk_run_print(run, &t, o->fmt, 0);
		return 0;
	}
	print_indented(run, &t);
	if (overdue)
		cli_say(run->cli, run->cli->out, "plan.late_count",
			arena_printf(&run->arena, "%zu", overdue), NULL);
	return 0;
}

/* --- add, set, delete ---------------------------------------------------- */

/* The fields of t that differ from old (all set ones when old is NULL). */
static void task_changes(const struct plan_task *old, const struct plan_task *t,
			 struct strbuf *before, struct strbuf *after)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
		{ "control", offsetof(struct plan_task, control) },
		{ "task", offsetof(struct plan_task, task) },
		{ "owner", offsetof(struct plan_task, owner) },
		{ "planned_start", offsetof(struct plan_task, planned_start) },
		{ "planned_end", offsetof(struct plan_task, planned_end) },
		{ "actual_start", offsetof(struct plan_task, actual_start) },
		{ "actual_end", offsetof(struct plan_task, actual_end) },
	};
	size_t k;

	for (k = 0; k < ARRAY_SIZE(fields); k++) {
		const char *n = *(const char *const *)((const char *)t +
						       fields[k].offset);
		const char *b = old ? *(const char *const *)((const char *)old +
							     fields[k].offset)
				    : "";

		if (!strcmp(b, n))
			continue;
		if (old)
			strbuf_addf(before, "%s%s: %s", before->len ? "\n" : "",
				    fields[k].name, b);
		strbuf_addf(after, "%s%s: %s", after->len ? "\n" : "",
			    fields[k].name, n);
	}
	if (!old || old->status != t->status) {
		if (old)
			strbuf_addf(before, "%sstatus: %s",
				    before->len ? "\n" : "",
				    task_status_name(old->status));
		strbuf_addf(after, "%sstatus: %s", after->len ? "\n" : "",
			    task_status_name(t->status));
	}
}

static int get_task(struct risk_run *run, int64_t id, struct plan_task *t,
		    struct error *err)
{
	int found =
		repo_plan_get(run->store, &run->arena, run->org, id, t, err);

	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "plan.not_found", NULL);
	return 0;
}

static void apply(const struct plan_args *o, struct plan_task *t)
{
	if (o->v[O_OWNER])
		t->owner = o->v[O_OWNER];
	if (o->v[O_START])
		t->planned_start = o->v[O_START];
	if (o->v[O_END])
		t->planned_end = o->v[O_END];
	if (o->v[O_ACTUAL_START])
		t->actual_start = o->v[O_ACTUAL_START];
	if (o->v[O_ACTUAL_END])
		t->actual_end = o->v[O_ACTUAL_END];
	if (o->v[O_TASK])
		t->task = o->v[O_TASK];
	if (o->v[O_STATUS])
		t->status = o->status;
}

static int plan_change(struct risk_run *run, const struct plan_args *o,
		       struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct plan_task t, old;
	const char *id;
	int rc = -1, unchanged = 0;

	memset(&t, 0, sizeof(t));
	if (store_begin(run->store, err))
		goto out;
	if (o->verb == V_ADD) {
		/* The plan names a control the catalogue knows. */
		if (!catalog_control(run->cat, o->control) &&
		    !catalog_guideline_item(run->cat, o->control)) {
			error_set(err, ERROR_INPUT, "plan_cli.unknown_control",
				  o->control, NULL);
			goto fail;
		}
		t.control = o->control;
		t.task = o->task;
		t.owner = t.planned_start = t.planned_end = t.actual_start =
			t.actual_end = "";
		t.status = TASK_NOT_STARTED;
		apply(o, &t);
	} else {
		if (get_task(run, o->id, &old, err))
			goto fail;
		t = old;
		apply(o, &t);
	}
	task_changes(o->verb == V_ADD ? NULL : &old, &t, &before, &after);
	if (o->verb == V_SET && !after.len) {
		unchanged = 1;
	} else if (plan_task_validate(&t, err) ||
		   repo_plan_put(run->store, run->org, &t, (int64_t)time(NULL),
				 err) ||
		   risk_run_audit(run,
				  o->verb == V_ADD ? "plan.create"
						   : "plan.update",
				  "plan", t.id, before.buf, after.buf, err)) {
		goto fail;
	}
	if (store_commit(run->store, err))
		goto fail;
	id = arena_printf(&run->arena, "%lld", (long long)t.id);
	cli_say(run->cli, run->cli->out,
		unchanged	   ? "plan_cli.unchanged"
		: o->verb == V_ADD ? "plan_cli.added"
				   : "plan_cli.updated",
		id, t.control, NULL);
	rc = 0;
	goto out;
fail:
	store_rollback(run->store);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

static int plan_delete(struct risk_run *run, int64_t id, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct plan_task t;
	int rc = -1;

	if (store_begin(run->store, err))
		goto out;
	if (get_task(run, id, &t, err))
		goto fail;
	/* What is deleted stays readable in the trail as the state before. */
	task_changes(NULL, &t, &after, &before);
	if (repo_plan_delete(run->store, run->org, id, err) != 1 ||
	    risk_run_audit(run, "plan.delete", "plan", id, before.buf, "",
			   err) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "plan_cli.deleted",
		arena_printf(&run->arena, "%lld", (long long)id), t.control,
		NULL);
	rc = 0;
	goto out;
fail:
	store_rollback(run->store);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/* --- the command line ---------------------------------------------------- */

static int read_operands(struct cli *cli, int argc, char **argv,
			 struct plan_args *o)
{
	int k, n, verb, rc;

	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "plan", "plan_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "plan", options, O_COUNT, o->v,
					 verb, verb_names[verb])))
		return rc;
	switch (o->verb) {
	case V_LIST:
		if (n)
			return cli_usage(cli, "plan", "usage.extra_argument",
					 argv[optind], NULL);
		return 0;
	case V_ADD:
		if (n != 2)
			return cli_usage(cli, "plan", "plan_cli.usage_add",
					 NULL);
		o->control = argv[optind];
		o->task = argv[optind + 1];
		return 0;
	default:
		if (n != 1 || risk_run_parse_id(argv[optind], &o->id))
			return cli_usage(cli, "plan", "plan_cli.usage_id",
					 verb_names[o->verb], NULL);
		if (o->verb == V_SET) {
			for (k = 0; k < O_COUNT; k++)
				if (o->v[k] && k != O_ORG)
					return 0;
			return cli_usage(cli, "plan",
					 "asset_cli.nothing_to_change", NULL);
		}
		return 0;
	}
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
	struct plan_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int rc;

	memset(&o, 0, sizeof(o));
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "plan", options, O_COUNT, argc, argv, o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)))
		return rc;
	if ((rc = risk_run_parse_org(cli, "plan", o.v[O_ORG], &o.org)))
		return rc;
	if (o.v[O_FORMAT] && table_format_parse(o.v[O_FORMAT], &o.fmt))
		return cli_usage(cli, "plan", "usage.bad_value", "format",
				 o.v[O_FORMAT], NULL);
	if (o.v[O_STATUS] && task_status_parse(o.v[O_STATUS], &o.status))
		return cli_usage(cli, "plan", "usage.bad_value", "status",
				 o.v[O_STATUS], NULL);
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	switch (o.verb) {
	case V_LIST:
		rc = plan_list(&run, &o, &err);
		break;
	case V_DELETE:
		rc = plan_delete(&run, o.id, &err);
		break;
	default:
		rc = plan_change(&run, &o, &err);
		break;
	}
	rc = rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
