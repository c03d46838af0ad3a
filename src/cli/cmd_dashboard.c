/*
 * cmd_dashboard.c: `mamori dashboard`, where the organisation stands: the
 * home page's figures on a terminal, or as the API's JSON.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/riskrun.h"
#include "export/table.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/dashboard.h"

enum { O_ORG, O_FORMAT, O_COUNT };

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, 1 },
	[O_FORMAT] = { "format", 1, 1 },
};

static const char *num(struct risk_run *run, long v)
{
	return arena_printf(&run->arena, "%ld", v);
}

/* The message key with its arguments, as a line. */
static void say(struct risk_run *run, const char *key, const char *a,
		const char *b, const char *c)
{
	cli_say(run->cli, run->cli->out, key, a ? a : "", b ? b : "",
		c ? c : "", NULL);
}

static const char *pct(struct risk_run *run, int p)
{
	return p < 0 ? "—" : arena_printf(&run->arena, "%d%%", p);
}

static void print_diagnosis(struct risk_run *run, const struct dashboard *d)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!d->diagnosis_units) {
		say(run, "dash.cli.diagnosis_none", NULL, NULL, NULL);
		return;
	}
	for (i = 0; i < d->trend_count; i++)
		strbuf_addf(&sb, "%s%d", i ? " → " : "", d->trend[i].total);
	say(run, "dash.cli.diagnosis", num(run, d->score.total),
	    d->band ? text_get(&d->band->label, run->cli->lang) : "", sb.buf);
	strbuf_release(&sb);
}

static void print_checklist(struct risk_run *run, const struct dashboard *d)
{
	static const struct table_column cols[] = {
		{ "domain", NULL }, { "items", NULL },	 { "done", NULL },
		{ "partly", NULL }, { "percent", NULL },
	};
	struct table_column c[ARRAY_SIZE(cols)];
	const struct checklist_coverage *cv = &d->coverage;
	struct table t;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	say(run, "dash.cli.checklist", num(run, d->level),
	    pct(run, d->coverage_percent),
	    arena_printf(&run->arena, "%d/%d/%d/%d/%d", cv->done, cv->partly,
			 cv->not_done, cv->not_applicable, cv->unanswered));
	memcpy(c, cols, sizeof(c));
	c[0].header = cli_msg(run->cli, "col.domain");
	c[1].header = cli_msg(run->cli, "dash.items");
	c[2].header = cli_msg(run->cli, "dash.done");
	c[3].header = cli_msg(run->cli, "dash.partly");
	c[4].header = "%";
	table_init(&t, &run->arena, c, ARRAY_SIZE(c));
	for (i = 0; i < DOMAIN_COUNT; i++) {
		const char *cells[5];

		if (cv->domain[i].items <= 0)
			continue;
		cells[0] =
			cli_msg(run->cli,
				arena_printf(&run->arena, "domain.%s",
					     guideline_domain_name((
						     enum guideline_domain)i)));
		cells[1] = num(run, cv->domain[i].items);
		cells[2] = num(run, cv->domain[i].done);
		cells[3] = num(run, cv->domain[i].partly);
		cells[4] = pct(run, checklist_percent(cv->domain[i].done,
						      cv->domain[i].partly,
						      cv->domain[i].items));
		table_add_row(&t, cells);
	}
	table_render_text(&t, 40, &sb);
	fputs(sb.buf, run->cli->out);
	strbuf_release(&sb);
}

static void print_soa(struct risk_run *run, const struct dashboard *d)
{
	const struct soa_progress *s = &d->soa;

	if (!s->started) {
		say(run, "dash.cli.soa_none",
		    num(run, (long)run->cat->control_count), NULL, NULL);
		return;
	}
	say(run, "dash.cli.soa", num(run, s->applicable), num(run, s->excluded),
	    num(run, s->undecided));
	say(run, "dash.cli.soa_status", num(run, s->by_status[SOA_IMPLEMENTED]),
	    num(run, s->by_status[SOA_PARTLY]),
	    num(run, s->by_status[SOA_NOT_IMPLEMENTED]));
	if (s->version_no)
		say(run, "dash.cli.soa_version", num(run, (long)s->version_no),
		    NULL, NULL);
	else
		say(run, "dash.soa_not_approved", NULL, NULL, NULL);
}

static void print_due(struct risk_run *run, const struct dashboard *d)
{
	size_t i;

	say(run, "dash.cli.due", num(run, (long)d->overdue_tasks),
	    num(run, (long)d->soon), num(run, DASHBOARD_SOON_DAYS));
	for (i = 0; i < d->due_count; i++) {
		const struct dashboard_due *e = &d->due[i];
		const char *key = e->days < 0	 ? "dash.days_late"
				  : e->days == 0 ? "dash.today"
						 : "dash.days_left";
		const char *arg = num(run, e->days < 0 ? -e->days : e->days);
		struct strbuf when = STRBUF_INIT;

		i18n_format(run->cli->msgs, run->cli->lang, key, &arg, 1,
			    &when);
		fprintf(run->cli->out, "  %s (%s) %s: %s\n", e->date, when.buf,
			cli_msg(run->cli,
				arena_printf(&run->arena, "dash.kind.%s",
					     due_kind_name(e->kind))),
			e->kind == DUE_DIAGNOSIS
				? cli_msg(run->cli, "dash.diagnosis_yearly")
				: arena_printf(&run->arena, "%s %s", e->ref,
					       e->what));
		strbuf_release(&when);
	}
}

static void print_text(struct risk_run *run, const struct dashboard *d)
{
	print_diagnosis(run, d);
	say(run, "dash.cli.action",
	    d->sa.one_star ? "path.ready" : "path.not_ready",
	    d->sa.two_star ? "path.ready" : "path.not_ready",
	    arena_printf(&run->arena, "%d/5", d->five_committed));
	print_checklist(run, d);
	print_soa(run, d);
	say(run, "dash.cli.risks", num(run, (long)d->risks),
	    arena_printf(&run->arena, "%zu/%zu/%zu", d->by_grade[GRADE_HIGH],
			 d->by_grade[GRADE_MEDIUM], d->by_grade[GRADE_LOW]),
	    num(run, (long)d->unrated));
	print_due(run, d);
}

int cmd_dashboard(struct cli *cli, int argc, char **argv)
{
	const char *v[O_COUNT] = { NULL };
	struct error err = ERROR_INIT;
	struct risk_run run;
	struct dashboard d;
	enum table_format fmt = TABLE_TEXT;
	long org = 1;
	int rc;

	rc = risk_run_options(cli, "dashboard", options, O_COUNT, argc, argv,
			      v);
	if (rc != RISK_RUN_GO)
		return rc;
	if (optind < argc)
		return cli_usage(cli, "dashboard", "usage.extra_argument",
				 argv[optind], NULL);
	if (v[O_ORG] && parse_long(v[O_ORG], 1, INT32_MAX, &org))
		return cli_usage(cli, "dashboard", "usage.bad_value", "org",
				 v[O_ORG], NULL);
	if (v[O_FORMAT] &&
	    (table_format_parse(v[O_FORMAT], &fmt) || fmt == TABLE_CSV))
		return cli_usage(cli, "dashboard", "usage.bad_value", "format",
				 v[O_FORMAT], NULL);
	if (risk_run_open(&run, cli, org, &err) ||
	    dashboard_load(run.store, run.cat, &run.arena, run.org, run.today,
			   &d, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (fmt == TABLE_JSON) {
		char *s = dashboard_json(run.cat, &d, run.today);

		fprintf(cli->out, "%s\n", s);
		free(s);
	} else {
		print_text(&run, &d);
	}
	rc = EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
