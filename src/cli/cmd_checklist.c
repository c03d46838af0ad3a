/*
 * cmd_checklist.c: `mamori checklist`, the levelled control checklist
 * (管理策チェックリスト L1〜L3): the items with their status, one item,
 * recording a status, the gap list in priority order, the summary for
 * the executive and the exports.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/outfile.h"
#include "cli/riskrun.h"
#include "core/checklist.h"
#include "export/table.h"
#include "store/repo_checklist.h"
#include "store/store.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/checklistview.h"

enum verb { V_LIST, V_SHOW, V_SET, V_GAPS, V_SUMMARY, V_EXPORT, V_COUNT };

static const char *const verb_names[V_COUNT] = { "list", "show",    "set",
						 "gaps", "summary", "export" };

#define VB(v) (1u << (v))

/* The gaps the summary names; `checklist gaps` lists them all. */
enum { SUMMARY_GAPS = 5 };

enum opt {
	O_ORG,
	O_FORMAT,
	O_LEVEL,
	O_DOMAIN,
	O_FUNCTION,
	O_OWNER,
	O_STATUS,
	O_OPEN,
	O_REASON,
	O_NOTE,
	O_EVIDENCE,
	O_REVIEW,
	O_ADOPT,
	O_LIMIT,
	O_LANG,
	O_WHAT,
	O_OUTPUT,
	O_COUNT
};

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_FORMAT] = { "format", 1, VB(V_LIST) | VB(V_GAPS) | VB(V_EXPORT) },
	[O_LEVEL] = { "level", 1, VB(V_LIST) },
	[O_DOMAIN] = { "domain", 1, VB(V_LIST) },
	[O_FUNCTION] = { "function", 1, VB(V_LIST) },
	/* list: an owner role to filter by; set: the person in charge. */
	[O_OWNER] = { "owner", 1, VB(V_LIST) | VB(V_SET) },
	[O_STATUS] = { "status", 1, VB(V_LIST) | VB(V_SET) },
	[O_OPEN] = { "open", 0, VB(V_LIST) },
	[O_REASON] = { "reason", 1, VB(V_SET) },
	[O_NOTE] = { "note", 1, VB(V_SET) },
	[O_EVIDENCE] = { "evidence", 1, VB(V_SET) },
	[O_REVIEW] = { "review", 1, VB(V_SET) },
	[O_ADOPT] = { "adopt", 1, VB(V_SET) },
	[O_LIMIT] = { "limit", 1, VB(V_GAPS) },
	[O_LANG] = { "lang", 1, VB(V_EXPORT) },
	[O_WHAT] = { "what", 1, VB(V_EXPORT) },
	[O_OUTPUT] = { "output", 1, VB(V_EXPORT) },
};

struct checklist_args {
	enum verb verb;
	const char *v[O_COUNT];
	int64_t org;
	const char *item; /* show, set */
	enum table_format fmt;
	struct checklist_filter filter; /* list */
	long limit;			/* gaps: 0 for all */
	enum lang lang;			/* export */
	enum checklist_export what;	/* export */
	int xlsx;			/* export: a workbook, else CSV */
};

static const char *num(struct risk_run *run, long long v)
{
	return arena_printf(&run->arena, "%lld", v);
}

static const char *msg(struct risk_run *run, const char *key)
{
	return cli_msg(run->cli, key);
}

/* The message "<prefix>.<name>" in the reader's language. */
static const char *label(struct risk_run *run, const char *prefix,
			 const char *name)
{
	return msg(run, arena_printf(&run->arena, "%s.%s", prefix, name));
}

static const char *state_text(struct risk_run *run, enum checklist_state s)
{
	return checklistview_state_text(run->cli->msgs, run->cli->lang, s);
}

static const char *why_text(struct risk_run *run, const struct checklist_gap *g)
{
	return checklistview_why_text(run->cli->msgs, run->cli->lang,
				      &run->arena, g);
}

/* A share as "45%", or "—" when there is nothing to count. */
static const char *percent(struct risk_run *run, int p)
{
	return p < 0 ? "—" : arena_printf(&run->arena, "%d%%", p);
}

/* Starts a table of count columns: keys for scripts, headers' messages. */
static void start_table(struct risk_run *run, struct table *t,
			const char *const (*cols)[2], size_t count)
{
	struct table_column *c = arena_calloc(&run->arena, count, sizeof(*c));
	size_t i;

	for (i = 0; i < count; i++) {
		c[i].key = cols[i][0];
		c[i].header = msg(run, cols[i][1]);
	}
	table_init(t, &run->arena, c, count);
}

static int load(struct risk_run *run, struct checklist_view *v,
		struct error *err)
{
	return checklistview_load(run->store, &run->arena, run->cat, run->org,
				  v, err);
}

/* The index of the item named on the command line, or -1 with err set. */
static int find_item(const struct checklist_view *v, const char *id,
		     struct error *err)
{
	int i = checklistview_find(v, id);

	if (i < 0)
		error_set(err, ERROR_NOT_FOUND, "checklist_cli.not_found", id,
			  NULL);
	return i;
}

/* The rank of item index in the gap list (0-based), or -1. */
static int gap_of(const struct checklist_view *v, size_t index)
{
	size_t k;

	for (k = 0; k < v->gap_count; k++)
		if (v->gaps[k].index == index)
			return (int)k;
	return -1;
}

/* "貴社のレベル：L1" and what the level means, for a person. */
static void say_level(struct risk_run *run, int level)
{
	cli_say(run->cli, run->cli->out, "checklist.your_level",
		num(run, level), NULL);
	cli_say(run->cli, run->cli->out,
		arena_printf(&run->arena, "checklist.level_means_%d", level),
		NULL);
	cli_say(run->cli, run->cli->out, "checklist_cli.change_level", NULL);
}

/* --- list ---------------------------------------------------------------- */

static int checklist_list(struct risk_run *run, const struct checklist_args *o,
			  struct error *err)
{
	static const char *const cols[][2] = {
		{ "id", "col.id" },
		{ "level", "col.level" },
		{ "domain", "col.domain" },
		{ "function", "col.function" },
		{ "roles", "col.owner" },
		{ "title", "col.title" },
		{ "included", "checklist.col.included" },
		{ "status", "checklist.col.state" },
		{ "owner", "checklist.owner" },
		{ "review_on", "checklist.review_on" },
	};
	struct checklist_view v;
	int names = o->fmt != TABLE_TEXT;
	struct table t;
	size_t i;

	if (load(run, &v, err))
		return -1;
	start_table(run, &t, cols, ARRAY_SIZE(cols));
	for (i = 0; i < v.count; i++) {
		const struct guideline_item *g = &v.items[i];
		const struct checklist_status *s = &v.statuses[i];
		enum checklist_inclusion inc =
			checklist_included(g, v.level, s->adopted);
		const char *cells[ARRAY_SIZE(cols)];

		if (!checklistview_filter_match(&v, i, &o->filter))
			continue;
		cells[0] = g->id;
		if (names) {
			/* Scripts get the names the options take. */
			struct strbuf roles = STRBUF_INIT;
			int k;

			for (k = 0; k < OWNER_ROLE_COUNT; k++)
				if (g->owners & (1u << k))
					strbuf_addf(&roles, "%s%s",
						    roles.len ? " " : "",
						    owner_role_name(1u << k));
			cells[1] = num(run, g->level);
			cells[2] = guideline_domain_name(g->domain);
			cells[3] = security_function_name(g->function);
			cells[4] = arena_strdup(&run->arena, roles.buf);
			strbuf_release(&roles);
			cells[6] = checklistview_inclusion_name(inc);
			cells[7] = checklist_state_name(s->state);
		} else {
			cells[1] = arena_printf(&run->arena, "L%d", g->level);
			cells[2] = label(run, "domain",
					 guideline_domain_name(g->domain));
			cells[3] = label(run, "function",
					 security_function_name(g->function));
			cells[4] = checklistview_owners_text(run->cli->msgs,
							     run->cli->lang,
							     &run->arena,
							     g->owners);
			cells[6] = checklistview_inclusion_text(run->cli->msgs,
								run->cli->lang,
								&run->arena, g,
								inc);
			cells[7] = state_text(run, s->state);
		}
		cells[5] = text_get(&g->title, run->cli->lang);
		cells[8] = s->owner;
		cells[9] = s->review_on;
		table_add_row(&t, cells);
	}
	if (o->fmt != TABLE_TEXT) {
		risk_run_print(run, &t, o->fmt, 0);
		return 0;
	}
	cli_say(run->cli, run->cli->out, "checklist.your_level",
		num(run, v.level), NULL);
	if (!t.row_count) {
		cli_say(run->cli, run->cli->out, "checklist.none_match", NULL);
		return 0;
	}
	risk_run_print(run, &t, TABLE_TEXT, 30);
	cli_say(run->cli, run->cli->out, "checklist_cli.shown",
		num(run, (long long)t.row_count), num(run, (long long)v.count),
		NULL);
	return 0;
}

/* --- show ---------------------------------------------------------------- */

static int checklist_show(struct risk_run *run, const struct checklist_args *o,
			  struct error *err)
{
	struct strbuf out = STRBUF_INIT, ctl = STRBUF_INIT;
	const struct guideline_item *g;
	const struct checklist_status *s;
	struct checklist_view v;
	int index, rank;
	size_t k;

	if (load(run, &v, err) || (index = find_item(&v, o->item, err)) < 0)
		return -1;
	g = &v.items[index];
	s = &v.statuses[index];
	strbuf_addf(&out, "%s %s\n", g->id,
		    text_get(&g->title, run->cli->lang));
	strbuf_addf(&out, "%s\n\n", text_get(&g->summary, run->cli->lang));
	risk_run_line(run, &out, "checklist.col.included",
		      checklistview_inclusion_text(
			      run->cli->msgs, run->cli->lang, &run->arena, g,
			      checklist_included(g, v.level, s->adopted)));
	risk_run_line(run, &out, "col.kind",
		      label(run, "kind", guideline_kind_name(g->kind)));
	risk_run_line(run, &out, "col.domain",
		      label(run, "domain", guideline_domain_name(g->domain)));
	risk_run_line(run, &out, "col.function",
		      label(run, "function",
			    security_function_name(g->function)));
	risk_run_line(run, &out, "col.owner",
		      checklistview_owners_text(run->cli->msgs, run->cli->lang,
						&run->arena, g->owners));
	for (k = 0; k < g->control_count; k++)
		strbuf_addf(&ctl, "%s%s", k ? " " : "", g->controls[k]->id);
	risk_run_line(run, &out, "col.controls", ctl.buf);
	strbuf_release(&ctl);
	strbuf_addch(&out, '\n');
	risk_run_line(run, &out, "checklist.col.state",
		      state_text(run, s->state));
	if (*s->reason)
		risk_run_line(run, &out, "checklist.reason", s->reason);
	risk_run_line(run, &out, "checklist.owner", s->owner);
	risk_run_line(run, &out, "checklist.note", s->note);
	risk_run_line(run, &out, "checklist.evidence", s->evidence);
	risk_run_line(run, &out, "checklist.review_on", s->review_on);
	if (s->updated_at)
		risk_run_line(run, &out, "checklist.col.updated",
			      arena_printf(&run->arena, "%s (%s)",
					   checklistview_date(&run->arena,
							      s->updated_at),
					   s->updated_by));
	if (v.assessment_open) {
		risk_run_line(run, &out, "checklist.col.high_risks",
			      num(run, v.touch[index].high_risks));
		risk_run_line(run, &out, "checklist.col.treated_risks",
			      num(run, v.touch[index].treated_risks));
	}
	rank = gap_of(&v, (size_t)index);
	if (rank >= 0) {
		const char *args[] = { num(run, rank + 1),
				       num(run, (long long)v.gap_count) };
		struct strbuf r = STRBUF_INIT;

		i18n_format(run->cli->msgs, run->cli->lang, "checklist.rank_of",
			    args, 2, &r);
		risk_run_line(run, &out, "checklist.col.rank", r.buf);
		strbuf_release(&r);
		risk_run_line(run, &out, "checklist.col.why",
			      why_text(run, &v.gaps[rank]));
	}
	fwrite(out.buf, 1, out.len, run->cli->out);
	strbuf_release(&out);
	return 0;
}

/* --- set ----------------------------------------------------------------- */

static int checklist_set(struct risk_run *run, const struct checklist_args *o,
			 struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	const struct guideline_item *g;
	struct checklist_status old, s;
	int level, rc = -1;

	/* The catalogue is compiled in: the item is known before the lock. */
	g = catalog_guideline_item(run->cat, o->item);
	if (!g)
		return error_set(err, ERROR_NOT_FOUND,
				 "checklist_cli.not_found", o->item, NULL);
	/* Read, check and write under the write lock, with the audit event. */
	if (store_begin(run->store, err))
		return -1;
	if (checklistview_level(run->store, &run->arena, run->org, &level,
				err) ||
	    repo_checklist_get(run->store, &run->arena, run->org, g->id, &old,
			       err) < 0)
		goto fail;
	s = old;
	s.item_id = g->id;
	if (o->v[O_STATUS] && checklist_state_parse(o->v[O_STATUS], &s.state)) {
		error_set(err, ERROR_INPUT, "input.bad_choice",
			  "checklist.col.state", o->v[O_STATUS], NULL);
		goto fail;
	}
	if (o->v[O_REASON])
		s.reason = o->v[O_REASON];
	if (o->v[O_OWNER])
		s.owner = o->v[O_OWNER];
	if (o->v[O_NOTE])
		s.note = o->v[O_NOTE];
	if (o->v[O_EVIDENCE])
		s.evidence = o->v[O_EVIDENCE];
	if (o->v[O_REVIEW])
		s.review_on = o->v[O_REVIEW];
	if (o->v[O_ADOPT])
		s.adopted = !strcmp(o->v[O_ADOPT], "yes");
	if (checklist_status_validate(g, level, &old, &s, err))
		goto fail;
	checklist_status_changes(&old, &s, &before, &after);
	/* A change that changes nothing writes nothing. */
	if (after.len &&
	    (repo_checklist_put(run->store, run->org, &s, "cli",
				(int64_t)time(NULL), err) ||
	     cli_audit_change(run->store, run->org, 0, "checklist.set",
			      arena_printf(&run->arena, "checklist:%s", g->id),
			      before.buf, after.buf, err)))
		goto fail;
	if (store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out,
		after.len ? "checklist_cli.updated" : "checklist_cli.unchanged",
		g->id, state_text(run, s.state), NULL);
	rc = 0;
	goto out;
fail:
	store_rollback(run->store);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/* --- gaps, summary ------------------------------------------------------- */

static int checklist_gaps_cmd(struct risk_run *run,
			      const struct checklist_args *o, struct error *err)
{
	static const char *const cols[][2] = {
		{ "rank", "checklist.col.rank" },
		{ "id", "col.id" },
		{ "level", "col.level" },
		{ "title", "col.title" },
		{ "included", "checklist.col.included" },
		{ "status", "checklist.col.state" },
		{ "high_risks", "checklist.col.high_risks" },
		{ "treated_risks", "checklist.col.treated_risks" },
		{ "why", "checklist.col.why" },
	};
	struct checklist_view v;
	int names = o->fmt != TABLE_TEXT;
	struct table t;
	size_t i;

	if (load(run, &v, err))
		return -1;
	start_table(run, &t, cols, ARRAY_SIZE(cols));
	for (i = 0; i < v.gap_count && (!o->limit || i < (size_t)o->limit);
	     i++) {
		const struct checklist_gap *g = &v.gaps[i];
		const char *cells[ARRAY_SIZE(cols)];

		cells[0] = num(run, (long long)i + 1);
		cells[1] = g->item->id;
		cells[2] = names ? num(run, g->item->level)
				 : arena_printf(&run->arena, "L%d",
						g->item->level);
		cells[3] = text_get(&g->item->title, run->cli->lang);
		cells[4] = names ? checklistview_inclusion_name(g->inclusion)
				 : checklistview_inclusion_text(
					   run->cli->msgs, run->cli->lang,
					   &run->arena, g->item, g->inclusion);
		cells[5] = names ? checklist_state_name(g->state)
				 : state_text(run, g->state);
		cells[6] = num(run, g->high_risks);
		cells[7] = num(run, g->treated_risks);
		cells[8] = why_text(run, g);
		table_add_row(&t, cells);
	}
	if (o->fmt != TABLE_TEXT) {
		risk_run_print(run, &t, o->fmt, 0);
		return 0;
	}
	if (!v.gap_count) {
		cli_say(run->cli, run->cli->out, "checklist.no_gaps", NULL);
		return 0;
	}
	risk_run_print(run, &t, TABLE_TEXT, 40);
	cli_say(run->cli, run->cli->out, "checklist_cli.gap_count",
		num(run, (long long)t.row_count),
		num(run, (long long)v.gap_count), NULL);
	if (!v.assessment_open)
		cli_say(run->cli, run->cli->out, "checklist.no_assessment",
			NULL);
	return 0;
}

static int checklist_summary(struct risk_run *run, struct error *err)
{
	static const char *const cols[][2] = {
		{ "domain", "col.domain" },
		{ "done", "checklist_cli.col.done" },
		{ "partly", "checklist.state.partly" },
		{ "items", "checklist_cli.col.items" },
		{ "percent", "checklist_cli.col.percent" },
	};
	const struct checklist_coverage *c;
	struct checklist_view v;
	struct table t;
	size_t i;
	int d;

	if (load(run, &v, err))
		return -1;
	c = &v.coverage;
	say_level(run, v.level);
	fputc('\n', run->cli->out);
	cli_say(run->cli, run->cli->out, "checklist_cli.coverage",
		num(run, v.level), percent(run, checklist_coverage_percent(c)),
		NULL);
	{
		const char *args[] = {
			num(run, c->items),	     num(run, c->done),
			num(run, c->partly),	     num(run, c->not_done),
			num(run, c->not_applicable), num(run, c->unanswered)
		};
		struct strbuf sb = STRBUF_INIT;

		i18n_format(run->cli->msgs, run->cli->lang, "checklist.counts",
			    args, (int)ARRAY_SIZE(args), &sb);
		fprintf(run->cli->out, "%s\n\n", sb.buf);
		strbuf_release(&sb);
	}
	start_table(run, &t, cols, ARRAY_SIZE(cols));
	for (d = 0; d < DOMAIN_COUNT; d++) {
		const char *cells[ARRAY_SIZE(cols)];

		/* A domain with nothing at this level has nothing to say. */
		if (!c->domain[d].items)
			continue;
		cells[0] =
			label(run, "domain",
			      guideline_domain_name((enum guideline_domain)d));
		cells[1] = num(run, c->domain[d].done);
		cells[2] = num(run, c->domain[d].partly);
		cells[3] = num(run, c->domain[d].items);
		cells[4] = percent(run, checklist_percent(c->domain[d].done,
							  c->domain[d].partly,
							  c->domain[d].items));
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, TABLE_TEXT, 40);
	fprintf(run->cli->out, "\n%s\n", msg(run, "checklist.stops_title"));
	if (!v.gap_count)
		cli_say(run->cli, run->cli->out, "checklist.no_gaps", NULL);
	for (i = 0; i < v.gap_count && i < SUMMARY_GAPS; i++) {
		const struct checklist_gap *g = &v.gaps[i];

		fprintf(run->cli->out,
			run->cli->lang == LANG_EN
				? "  %zu. %s %s (%s)\n     %s\n"
				: "  %zu. %s %s（%s）\n     %s\n",
			i + 1, g->item->id,
			text_get(&g->item->title, run->cli->lang),
			state_text(run, g->state), why_text(run, g));
	}
	if (v.gap_count > SUMMARY_GAPS)
		cli_say(run->cli, run->cli->out, "checklist_cli.more_gaps",
			num(run, (long long)v.gap_count), NULL);
	if (!v.assessment_open)
		cli_say(run->cli, run->cli->out, "checklist.no_assessment",
			NULL);
	return 0;
}

/* --- export -------------------------------------------------------------- */

struct checklist_book {
	struct table *t;
	const char *sheet;
};

/* libxlsxwriter writes the workbook by its name. */
static int make_checklist_xlsx(const char *tmp, void *arg, struct error *err)
{
	struct checklist_book *b = arg;

	return checklistview_export_xlsx(b->t, b->sheet, tmp, err);
}

/*
 * Writes the export to the output (through a temporary file beside it,
 * so a failure leaves no half-written file), or as CSV to standard
 * output for a pipe.
 */
static int checklist_export(struct risk_run *run,
			    const struct checklist_args *o, struct error *err)
{
	const char *output = o->v[O_OUTPUT];
	struct strbuf csv = STRBUF_INIT;
	struct checklist_view v;
	struct table t;
	int rc;

	if (load(run, &v, err))
		return -1;
	checklistview_export_table(&v, run->cli->msgs, o->lang, o->what,
				   &run->arena, &t);
	if (o->xlsx) {
		struct checklist_book b = { &t, checklistview_export_sheet(
							run->cli->msgs, o->lang,
							o->what) };

		rc = outfile_make(output, make_checklist_xlsx, &b, err);
	} else {
		/* The BOM makes Excel read the file as UTF-8. */
		table_render_csv(&t, CSV_BOM, &csv);
		if (!output) {
			fwrite(csv.buf, 1, csv.len, run->cli->out);
			strbuf_release(&csv);
			return 0;
		}
		rc = outfile_write(output, csv.buf, csv.len, err);
		strbuf_release(&csv);
	}
	if (!rc)
		cli_say(run->cli, run->cli->err, "checklist_cli.exported",
			output, NULL);
	return rc;
}

/* --- the command line ---------------------------------------------------- */

static int read_operands(struct cli *cli, int argc, char **argv,
			 struct checklist_args *o)
{
	int n, verb, rc, k;

	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "checklist", "checklist_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "checklist", options, O_COUNT,
					 o->v, verb, verb_names[verb])))
		return rc;
	if (o->verb == V_SHOW || o->verb == V_SET) {
		if (n != 1)
			return cli_usage(cli, "checklist",
					 "checklist_cli.usage_id",
					 verb_names[verb], NULL);
		o->item = argv[optind];
		if (o->verb == V_SET) {
			for (k = 0; k < O_COUNT; k++)
				if (o->v[k] && k != O_ORG)
					return 0;
			return cli_usage(cli, "checklist",
					 "asset_cli.nothing_to_change", NULL);
		}
		return 0;
	}
	if (n)
		return cli_usage(cli, "checklist", "usage.extra_argument",
				 argv[optind], NULL);
	return 0;
}

/* The option a filter's field (checklistview_filter_parse) comes from. */
static const char *filter_option(const struct error *err)
{
	static const char *const fields[][2] = {
		{ "col.level", "level" },
		{ "col.domain", "domain" },
		{ "col.function", "function" },
		{ "col.owner", "owner" },
		{ "checklist.col.state", "status" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (err->argc && !strcmp(err->args[0], fields[i][0]))
			return fields[i][1];
	return "open";
}

/* Reads the option values into o; 0, or the exit code after a message. */
static int read_values(struct cli *cli, struct checklist_args *o)
{
	struct error err = ERROR_INIT;
	enum checklist_state st;

	o->lang = cli->lang;
	if (o->verb == V_LIST &&
	    checklistview_filter_parse(&o->filter, o->v[O_LEVEL],
				       o->v[O_DOMAIN], o->v[O_FUNCTION],
				       o->v[O_OWNER], o->v[O_STATUS],
				       o->v[O_OPEN] ? "1" : NULL, &err))
		return cli_usage(cli, "checklist", "usage.bad_value",
				 filter_option(&err), err.args[1], NULL);
	if (o->verb == V_SET) {
		if (o->v[O_STATUS] &&
		    checklist_state_parse(o->v[O_STATUS], &st))
			return cli_usage(cli, "checklist", "usage.bad_value",
					 "status", o->v[O_STATUS], NULL);
		if (o->v[O_ADOPT] && strcmp(o->v[O_ADOPT], "yes") &&
		    strcmp(o->v[O_ADOPT], "no"))
			return cli_usage(cli, "checklist", "usage.bad_value",
					 "adopt", o->v[O_ADOPT], NULL);
	}
	if (o->v[O_LIMIT] && parse_long(o->v[O_LIMIT], 1, 1000, &o->limit))
		return cli_usage(cli, "checklist", "usage.bad_value", "limit",
				 o->v[O_LIMIT], NULL);
	if (o->v[O_LANG]) {
		if (strcmp(o->v[O_LANG], "ja") && strcmp(o->v[O_LANG], "en"))
			return cli_usage(cli, "checklist", "usage.bad_value",
					 "lang", o->v[O_LANG], NULL);
		o->lang = lang_from_locale(o->v[O_LANG]);
	}
	if (o->v[O_WHAT] && checklistview_export_parse(o->v[O_WHAT], &o->what))
		return cli_usage(cli, "checklist", "usage.bad_value", "what",
				 o->v[O_WHAT], NULL);
	if (o->verb == V_EXPORT) {
		/* export: csv (the default) or xlsx. */
		const char *f = o->v[O_FORMAT];

		if (f && strcmp(f, "csv") && strcmp(f, "xlsx"))
			return cli_usage(cli, "checklist", "usage.bad_value",
					 "format", f, NULL);
		o->xlsx = f && !strcmp(f, "xlsx");
		if (o->v[O_OUTPUT] && !*o->v[O_OUTPUT])
			return cli_usage(cli, "checklist", "usage.bad_value",
					 "output", o->v[O_OUTPUT], NULL);
		if (o->xlsx && !o->v[O_OUTPUT])
			return cli_usage(cli, "checklist",
					 "usage.missing_option", "--output",
					 NULL);
	} else if (o->v[O_FORMAT] &&
		   table_format_parse(o->v[O_FORMAT], &o->fmt)) {
		return cli_usage(cli, "checklist", "usage.bad_value", "format",
				 o->v[O_FORMAT], NULL);
	}
	return 0;
}

int cmd_checklist(struct cli *cli, int argc, char **argv)
{
	struct checklist_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int rc;

	memset(&o, 0, sizeof(o));
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "checklist", options, O_COUNT, argc, argv,
			      o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)) ||
	    (rc = read_values(cli, &o)))
		return rc;
	if ((rc = risk_run_parse_org(cli, "checklist", o.v[O_ORG], &o.org)))
		return rc;
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	switch (o.verb) {
	case V_LIST:
		rc = checklist_list(&run, &o, &err);
		break;
	case V_SHOW:
		rc = checklist_show(&run, &o, &err);
		break;
	case V_SET:
		rc = checklist_set(&run, &o, &err);
		break;
	case V_GAPS:
		rc = checklist_gaps_cmd(&run, &o, &err);
		break;
	case V_SUMMARY:
		rc = checklist_summary(&run, &err);
		break;
	case V_EXPORT:
	case V_COUNT:
		rc = checklist_export(&run, &o, &err);
		break;
	}
	rc = rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
