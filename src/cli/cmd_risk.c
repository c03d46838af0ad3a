/*
 * cmd_risk.c: `mamori risk`, the risk assessment: the method and its
 * criteria, risks found for assets, their rating and treatment, the
 * owner's acceptance, and the list, heat map and report.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/docfile.h"
#include "cli/riskrun.h"
#include "core/permission.h"
#include "core/validate.h"
#include "store/repo_asset.h"
#include "store/repo_org.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

enum verb {
	V_LIST,
	V_METHOD,
	V_SUGGEST,
	V_ADD,
	V_RATE,
	V_TREAT,
	V_ACCEPT,
	V_DELETE,
	V_HEATMAP,
	V_REPORT,
	V_COUNT
};

static const char *const verb_names[V_COUNT] = { "list",   "method", "suggest",
						 "add",	   "rate",   "treat",
						 "accept", "delete", "heatmap",
						 "report" };

#define VB(v) (1u << (v))

enum opt {
	O_ORG,
	O_LOW_MAX,
	O_MEDIUM_MAX,
	O_REASSESS,
	O_CRITERIA,
	O_ADD,
	O_THREAT,
	O_THREAT_TEXT,
	O_VULNERABILITY,
	O_VULNERABILITY_TEXT,
	O_CONSEQUENCE,
	O_LIKELIHOOD,
	O_TREATMENT,
	O_REASON,
	O_CONTROLS,
	O_GUIDELINE,
	O_STATUS,
	O_RESIDUAL_VULNERABILITY,
	O_RESIDUAL_LIKELIHOOD,
	O_BY,
	O_GRADE,
	O_CELL,
	O_ASSET,
	O_SORT,
	O_LIMIT,
	O_AFTER,
	O_FORMAT,
	O_OUTPUT,
	O_ENCODING,
	O_COUNT
};

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_LOW_MAX] = { "low-max", 1, VB(V_METHOD) },
	[O_MEDIUM_MAX] = { "medium-max", 1, VB(V_METHOD) },
	[O_REASSESS] = { "reassess", 0, VB(V_METHOD) },
	[O_CRITERIA] = { "criteria", 0, VB(V_METHOD) },
	[O_ADD] = { "add", 0, VB(V_SUGGEST) },
	[O_THREAT] = { "threat", 1, VB(V_ADD) | VB(V_RATE) },
	[O_THREAT_TEXT] = { "threat-text", 1, VB(V_ADD) },
	[O_VULNERABILITY] = { "vulnerability", 1, VB(V_ADD) | VB(V_RATE) },
	[O_VULNERABILITY_TEXT] = { "vulnerability-text", 1, VB(V_ADD) },
	[O_CONSEQUENCE] = { "consequence", 1, VB(V_ADD) },
	[O_LIKELIHOOD] = { "likelihood", 1, VB(V_RATE) },
	[O_TREATMENT] = { "treatment", 1, VB(V_TREAT) | VB(V_LIST) },
	[O_REASON] = { "reason", 1, VB(V_TREAT) },
	[O_CONTROLS] = { "controls", 1, VB(V_TREAT) },
	[O_GUIDELINE] = { "guideline", 1, VB(V_TREAT) },
	[O_STATUS] = { "status", 1, VB(V_TREAT) | VB(V_LIST) },
	[O_RESIDUAL_VULNERABILITY] = { "residual-vulnerability", 1,
				       VB(V_TREAT) },
	[O_RESIDUAL_LIKELIHOOD] = { "residual-likelihood", 1, VB(V_TREAT) },
	[O_BY] = { "by", 1, VB(V_ACCEPT) },
	[O_GRADE] = { "grade", 1, VB(V_LIST) },
	[O_CELL] = { "cell", 1, VB(V_LIST) },
	[O_ASSET] = { "asset", 1, VB(V_LIST) },
	[O_SORT] = { "sort", 1, VB(V_LIST) },
	[O_LIMIT] = { "limit", 1, VB(V_LIST) },
	[O_AFTER] = { "after", 1, VB(V_LIST) },
	[O_FORMAT] = { "format", 1, VB(V_LIST) | VB(V_SUGGEST) | VB(V_REPORT) },
	[O_OUTPUT] = { "output", 1, VB(V_REPORT) },
	[O_ENCODING] = { "encoding", 1, VB(V_REPORT) },
};

/* What the command line said, checked for form before anything opens. */
struct risk_args {
	enum verb verb;
	const char *v[O_COUNT];
	int64_t org;
	int64_t id;		 /* the asset (suggest, add) or the risk */
	int has_method;		 /* method: a method was named */
	enum risk_method method; /* … which */
	int low_max, medium_max; /* method: given when v[] set */
	int threat, vuln;	 /* rate: levels */
	int likelihood;		 /* rate */
	int residual;		 /* treat: residual vulnerability/likelihood */
	enum risk_treatment treatment;
	enum treatment_status status;
	int has_grade;
	enum risk_grade grade;
	int cell[2]; /* list --cell importance,likelihood */
	int64_t asset, after;
	enum risk_sort sort;
	size_t limit;
	enum table_format fmt;
	int document; /* report: a PDF, workbook, Markdown or HTML file */
};

static const char *num(struct risk_run *run, long long v)
{
	return arena_printf(&run->arena, "%lld", v);
}

/* A risk with nothing set yet, for asset_id. */
static void blank_risk(struct risk *r, int64_t asset_id)
{
	memset(r, 0, sizeof(*r));
	r->asset_id = asset_id;
	r->asset_name = r->asset_medium = r->owner = "";
	r->threat_id = r->threat = r->vulnerability_id = r->vulnerability =
		r->consequence = r->reason = r->controls = r->guideline = "";
	r->threat_level = r->vulnerability_level = r->likelihood =
		r->importance = r->level = RISK_UNRATED;
	r->residual_vulnerability = r->residual_likelihood = r->residual_level =
		RISK_UNRATED;
	r->treatment = TREAT_NONE;
	r->status = TSTATUS_UNDECIDED;
}

/* A query of the open assessment's risks with no filter. */
static void all_risks(const struct risk_run *run, struct risk_query *q)
{
	memset(q, 0, sizeof(*q));
	q->assessment_id = run->assessment.id;
	q->sort = RSORT_LEVEL;
	q->desc = 1;
	q->limit = 1000;
	q->level_min = q->level_max = RISK_ANY;
	q->importance = q->likelihood = RISK_ANY;
}

/*
 * Inside the transaction: reads risk id of the open assessment into *r,
 * or fails with risk.not_found (also for a closed assessment's risk).
 */
static int get_risk(struct risk_run *run, int64_t id, struct risk *r,
		    struct error *err)
{
	int64_t assessment;
	int found;

	if (risk_run_need_open(run, err))
		return -1;
	found = repo_risk_get(run->store, &run->arena, run->org, id, r,
			      &assessment, err);
	if (found < 0)
		return -1;
	if (!found || assessment != run->assessment.id)
		return error_set(err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	return 0;
}

/* The priority rank of a rated level in the open assessment, or "—". */
static const char *rank_of(struct risk_run *run, const size_t levels[10],
			   int level)
{
	return level < 0 ? "—" : num(run, risk_rank(levels, level));
}

/* --- method -------------------------------------------------------------- */

/* The lowest and highest level of grade g under the criteria in force. */
static void grade_range(const struct risk_run *run, enum risk_grade g, int *lo,
			int *hi)
{
	const struct risk_criteria *c = &run->criteria;

	switch (g) {
	case GRADE_LOW:
		*lo = risk_level_min(run->def);
		*hi = c->low_max;
		break;
	case GRADE_MEDIUM:
		*lo = c->low_max + 1;
		*hi = c->medium_max;
		break;
	default:
		*lo = c->medium_max + 1;
		*hi = risk_level_max(run->def);
		break;
	}
}

static const char *range_text(struct risk_run *run, int lo, int hi)
{
	if (lo == hi)
		return num(run, lo);
	return risk_run_text(run, "risk_cli.range", num(run, lo), num(run, hi),
			     NULL);
}

/* Appends a scale of the method: its values, labels and meanings. */
static void show_scale(struct risk_run *run, const struct risk_method_def *m,
		       enum risk_scale_kind k, struct strbuf *out)
{
	static const char *const titles[SCALE_KIND_COUNT] = {
		"risk.scale_cia", "risk.scale_threat",
		"risk.scale_vulnerability", "risk.scale_likelihood"
	};
	const struct risk_scale *s = &m->scales[k];
	size_t i;

	if (!s->count)
		return;
	strbuf_addf(out, "\n%s\n", cli_msg(run->cli, titles[k]));
	for (i = 0; i < s->count; i++)
		strbuf_addf(out, "  %s  %s\n",
			    text_get(&s->points[i].label, run->cli->lang),
			    text_get(&s->points[i].meaning, run->cli->lang));
}

/* Appends the IPA conversion table of threat and vulnerability. */
static void show_table(struct risk_run *run, const struct risk_method_def *m,
		       struct strbuf *out)
{
	static const struct table_column cols[] = {
		{ "threat", NULL }, { "1", "1" }, { "2", "2" }, { "3", "3" }
	};
	struct table_column *c;
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	const char *p;
	int th, v;

	if (!m->has_table)
		return;
	c = arena_calloc(&run->arena, ARRAY_SIZE(cols), sizeof(*c));
	memcpy(c, cols, sizeof(cols));
	c[0].header = cli_msg(run->cli, "risk.table_corner");
	table_init(&t, &run->arena, c, ARRAY_SIZE(cols));
	for (th = 3; th >= 1; th--) {
		const char *row[4];

		row[0] = num(run, th);
		for (v = 1; v <= 3; v++)
			row[v] = num(run, m->table[th - 1][v - 1]);
		table_add_row(&t, row);
	}
	table_render_text(&t, 30, &sb);
	strbuf_addf(out, "\n%s\n", cli_msg(run->cli, "risk.table_title"));
	for (p = sb.buf; *p;) {
		size_t len = strcspn(p, "\n");

		strbuf_addf(out, "  %.*s\n", (int)len, p);
		p += len;
		if (*p)
			p++;
	}
	strbuf_release(&sb);
}

/* Appends how a method works: scales, table, levels and grades. */
static void show_method_def(struct risk_run *run,
			    const struct risk_method_def *m,
			    const struct risk_criteria *c, struct strbuf *out)
{
	const struct risk_method_def *saved_def = run->def;
	struct risk_criteria saved = run->criteria;
	int g, lo, hi;

	run->def = m;
	run->criteria = *c;
	show_scale(run, m, SCALE_CIA, out);
	strbuf_addf(out, "%s\n", cli_msg(run->cli, "risk_cli.importance_rule"));
	show_scale(run, m, SCALE_THREAT, out);
	show_scale(run, m, SCALE_VULNERABILITY, out);
	show_table(run, m, out);
	show_scale(run, m, SCALE_LIKELIHOOD, out);
	strbuf_addf(out, "\n%s\n",
		    risk_run_text(run, "risk_cli.level_rule",
				  num(run, risk_level_min(m)),
				  num(run, risk_level_max(m)), NULL));
	strbuf_addf(out, "%s\n",
		    cli_msg(run->cli, m->method == RISK_IPA
					      ? "risk_cli.grades_fixed"
					      : "risk_cli.grades_chosen"));
	for (g = 0; g < GRADE_COUNT; g++) {
		grade_range(run, (enum risk_grade)g, &lo, &hi);
		strbuf_addf(
			out, "  %s\n",
			risk_run_text(
				run, "risk_cli.grade_line",
				text_get(&m->grades[g].label, run->cli->lang),
				range_text(run, lo, hi),
				text_get(&m->grades[g].meaning, run->cli->lang),
				NULL));
	}
	run->def = saved_def;
	run->criteria = saved;
}

static int show_method(struct risk_run *run, struct error *err)
{
	struct strbuf out = STRBUF_INIT;
	struct risk_assessment *all;
	struct risk_criteria c;
	size_t count, k;
	int m, titled = 0;

	if (repo_assessment_list(run->store, &run->arena, run->org, &all,
				 &count, err))
		return -1;
	if (run->open) {
		const struct risk_assessment *a = &run->assessment;

		strbuf_addf(&out, "%s\n",
			    risk_run_text(run, "risk_cli.assessment",
					  num(run, a->no),
					  risk_run_method_name(run, a->method),
					  risk_run_time(run, a->started_at),
					  a->started_by, NULL));
		show_method_def(run, run->def, &run->criteria, &out);
	} else {
		strbuf_addf(&out, "%s\n",
			    cli_msg(run->cli, "risk_cli.no_assessment_yet"));
		for (m = 0; m < RISK_METHOD_COUNT; m++) {
			const struct risk_method_def *d =
				catalog_method(run->cat, (enum risk_method)m);

			risk_criteria_default(d, &c);
			strbuf_addf(&out, "\n== %s (%s) ==\n",
				    risk_run_method_name(run,
							 (enum risk_method)m),
				    risk_method_name((enum risk_method)m));
			show_method_def(run, d, &c, &out);
		}
	}
	for (k = 0; k < count; k++) {
		if (!all[k].closed_by)
			continue;
		if (!titled++)
			strbuf_addf(&out, "\n%s\n",
				    cli_msg(run->cli, "risk_cli.closed_title"));
		strbuf_addf(&out, "  %s\n",
			    risk_run_text(
				    run, "risk_cli.closed", num(run, all[k].no),
				    risk_run_method_name(run, all[k].method),
				    risk_run_time(run, all[k].started_at),
				    risk_run_time(run, all[k].closed_at),
				    NULL));
	}
	fwrite(out.buf, 1, out.len, run->cli->out);
	strbuf_release(&out);
	return 0;
}

/* "low_max: 2\nmedium_max: 4", for the audit trail. */
static const char *criteria_lines(struct risk_run *run,
				  const struct risk_criteria *c)
{
	return arena_printf(&run->arena, "low_max: %d\nmedium_max: %d",
			    c->low_max, c->medium_max);
}

/* The criteria asked for: base, with --low-max and --medium-max. */
static void wanted_criteria(const struct risk_args *o,
			    const struct risk_criteria *base,
			    struct risk_criteria *c)
{
	*c = *base;
	if (o->v[O_LOW_MAX])
		c->low_max = o->low_max;
	if (o->v[O_MEDIUM_MAX])
		c->medium_max = o->medium_max;
}

static int change_criteria(struct risk_run *run, const struct risk_args *o,
			   struct error *err)
{
	struct risk_criteria c, old;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || risk_run_need_open(run, err))
		goto fail;
	if (o->has_method && o->method != run->assessment.method) {
		error_set(err, ERROR_CONFLICT, "risk_cli.criteria_other",
			  risk_run_method_name(run, run->assessment.method),
			  NULL);
		goto fail;
	}
	old = run->criteria;
	wanted_criteria(o, &old, &c);
	if (risk_criteria_validate(run->def, &c, err) ||
	    repo_assessment_set_criteria(run->store, run->org, &c, err) < 0 ||
	    risk_run_audit(run, "assessment.criteria", "assessment",
			   run->assessment.id, criteria_lines(run, &old),
			   criteria_lines(run, &c), err) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "risk_cli.criteria_changed",
		num(run, run->assessment.no), NULL);
	return risk_run_method(run, err) || show_method(run, err);
fail:
	store_rollback(run->store);
	return -1;
}

/*
 * Records in each rated asset's history that its C, I and A moved to the
 * new method's scale (repo_assessment_start moves them with
 * risk_convert_value), so that the history explains the new values.
 */
static int audit_conversion(struct risk_run *run, enum risk_method from,
			    enum risk_method to,
			    const struct asset_rating *rows, size_t count,
			    struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	size_t k;
	int rc = 0;

	for (k = 0; k < count && !rc; k++) {
		strbuf_reset(&before);
		strbuf_reset(&after);
		asset_rescale_changes(rows[k].cia, from, to, &before, &after);
		rc = risk_run_audit(run, "asset.update", "asset", rows[k].id,
				    before.buf, after.buf, err);
	}
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/* What a new assessment carries over from the one it closes. */
static const char *carry_key(enum risk_method from, enum risk_method to)
{
	if (from == to)
		return "risk_cli.carry_same";
	return from == RISK_IPA ? "risk_cli.carry_to_three_point"
				: "risk_cli.carry_to_ipa";
}

static int start_assessment(struct risk_run *run, const struct risk_args *o,
			    enum risk_method to, struct error *err)
{
	const struct risk_method_def *def = catalog_method(run->cat, to);
	struct asset_rating *rated = NULL;
	size_t rated_count = 0;
	struct risk_criteria base, c;
	int had, old_no;
	enum risk_method from;
	int64_t id;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err))
		goto fail;
	had = run->open;
	old_no = had ? run->assessment.no : 0;
	from = had ? run->assessment.method : RISK_IPA;
	/* Re-assessing with the same method keeps the chosen criteria. */
	if (had && from == to)
		base = run->criteria;
	else
		risk_criteria_default(def, &base);
	wanted_criteria(o, &base, &c);
	if (risk_criteria_validate(def, &c, err) ||
	    (from != to && repo_asset_ratings(run->store, &run->arena, run->org,
					      &rated, &rated_count, err)) ||
	    repo_assessment_start(run->store, run->org, def, &c, "cli",
				  (int64_t)time(NULL), &id, err) ||
	    audit_conversion(run, from, to, rated, rated_count, err) ||
	    risk_run_audit(run, "assessment.start", "assessment", id,
			   had ? arena_printf(&run->arena, "no: %d\nmethod: %s",
					      old_no, risk_method_name(from))
			       : "",
			   arena_printf(&run->arena, "method: %s\n%s",
					risk_method_name(to),
					criteria_lines(run, &c)),
			   err) ||
	    store_commit(run->store, err))
		goto fail;
	if (risk_run_method(run, err))
		return -1;
	cli_say(run->cli, run->cli->out, "risk_cli.started",
		num(run, run->assessment.no), risk_run_method_name(run, to),
		NULL);
	if (had) {
		cli_say(run->cli, run->cli->out, "risk_cli.closed_kept",
			num(run, old_no), NULL);
		cli_say(run->cli, run->cli->out, carry_key(from, to), NULL);
	} else if (rated_count) {
		cli_say(run->cli, run->cli->out, "risk_cli.first_converted",
			NULL);
	}
	return show_method(run, err);
fail:
	store_rollback(run->store);
	return -1;
}

/* Returns 0, -1 (err set) or EXIT_USAGE (already said). */
static int risk_method(struct risk_run *run, const struct risk_args *o,
		       struct error *err)
{
	int bounds = o->v[O_LOW_MAX] || o->v[O_MEDIUM_MAX];

	if (o->v[O_CRITERIA])
		return change_criteria(run, o, err);
	if (!o->has_method && !o->v[O_REASSESS])
		return show_method(run, err);
	if (run->open && !o->v[O_REASSESS]) {
		/* Closing an assessment is never a side effect. */
		if (o->method != run->assessment.method)
			return cli_usage(
				run->cli, "risk", "risk_cli.reassess_needed",
				num(run, run->assessment.no),
				risk_run_method_name(run, o->method),
				carry_key(run->assessment.method, o->method),
				NULL);
		if (bounds)
			return cli_usage(run->cli, "risk",
					 "risk_cli.criteria_flag", NULL);
		cli_say(run->cli, run->cli->out, "risk_cli.already",
			num(run, run->assessment.no),
			risk_run_method_name(run, o->method), NULL);
		return show_method(run, err);
	}
	return start_assessment(run, o,
				o->has_method ? o->method
				: run->open   ? run->assessment.method
					      : RISK_IPA,
				err);
}

/* --- suggest and add ----------------------------------------------------- */

/* Returns 1 when asset's risks (rows) hold the catalogue pair t, v. */
static int has_pair(const struct risk *rows, size_t count, const char *t,
		    const char *v)
{
	size_t k;

	for (k = 0; k < count; k++)
		if (!strcmp(rows[k].threat_id, t) &&
		    !strcmp(rows[k].vulnerability_id, v))
			return 1;
	return 0;
}

/* The risks of asset id in the open assessment (none when not open). */
static int asset_risks(struct risk_run *run, int64_t id, struct risk **rows,
		       size_t *count, struct error *err)
{
	struct risk_query q;
	struct risk_page page;

	*rows = NULL;
	*count = 0;
	if (!run->open)
		return 0;
	all_risks(run, &q);
	q.asset_id = id;
	if (repo_risk_list(run->store, &run->arena, run->org, &q, &page, err))
		return -1;
	*rows = page.rows;
	*count = page.count;
	return 0;
}

static int get_asset(struct risk_run *run, int64_t id, struct asset *a,
		     struct error *err)
{
	int found =
		repo_asset_get(run->store, &run->arena, run->org, id, a, err);

	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	return 0;
}

/* Creates r and records it; the caller holds the transaction. */
static int create_risk(struct risk_run *run, struct risk *r, struct error *err)
{
	if (risk_validate(run->def, r, err) ||
	    repo_risk_put(run->store, run->org, &run->assessment, run->def, r,
			  (int64_t)time(NULL), err))
		return -1;
	return risk_run_audit(
		run, "risk.create", "risk", r->id, "",
		arena_printf(&run->arena,
			     "asset: %lld\nthreat: %s\nvulnerability: %s",
			     (long long)r->asset_id,
			     *r->threat_id ? r->threat_id : r->threat,
			     *r->vulnerability_id ? r->vulnerability_id
						  : r->vulnerability),
		err);
}

static int risk_suggest_cmd(struct risk_run *run, const struct risk_args *o,
			    struct error *err)
{
	static const char *const keys[] = { "risk_cli.col.threat_id",
					    "risk.threat",
					    "risk_cli.col.vulnerability_id",
					    "risk.vulnerability",
					    "risk.consequence",
					    "risk_cli.col.registered",
					    NULL };
	const struct catalog *cat = run->cat;
	struct risk_pair *pairs;
	struct risk *have;
	size_t n, k, have_count, added = 0, skipped = 0;
	struct asset a;
	struct table t;
	int adding = o->v[O_ADD] != NULL;

	if (adding && store_begin(run->store, err))
		return -1;
	if ((adding &&
	     (risk_run_method(run, err) || risk_run_need_open(run, err))) ||
	    get_asset(run, o->id, &a, err) ||
	    asset_risks(run, o->id, &have, &have_count, err))
		goto fail;
	pairs = arena_calloc(
		&run->arena,
		st_mult(cat->threat_count, cat->vulnerability_count) + 1,
		sizeof(*pairs));
	n = risk_suggest(cat->threats, cat->threat_count, cat->vulnerabilities,
			 cat->vulnerability_count, asset_medium(&a), a.personal,
			 pairs,
			 st_mult(cat->threat_count, cat->vulnerability_count));
	risk_run_table(run, &t, keys);
	for (k = 0; k < n; k++) {
		const struct threat *th = pairs[k].threat;
		const struct vulnerability *v = pairs[k].vulnerability;
		int there = has_pair(have, have_count, th->id, v->id);
		const char *cells[] = {
			th->id,
			text_get(&th->title, run->cli->lang),
			v->id,
			text_get(&v->title, run->cli->lang),
			text_get(&th->consequence, run->cli->lang),
			there ? cli_msg(run->cli, "word.yes") : "",
		};

		table_add_row(&t, cells);
		if (!adding)
			continue;
		if (there) {
			skipped++;
		} else {
			struct risk r;

			blank_risk(&r, a.id);
			r.threat_id = th->id;
			r.vulnerability_id = v->id;
			r.consequence =
				text_get(&th->consequence, run->cli->lang);
			if (create_risk(run, &r, err))
				goto fail;
			added++;
		}
	}
	if (adding) {
		if (store_commit(run->store, err))
			goto fail;
		cli_say(run->cli, run->cli->out, "risk_cli.suggest_added",
			num(run, (long long)added), num(run, a.id),
			num(run, (long long)skipped), NULL);
		return 0;
	}
	if (!n && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out, "risk_cli.suggest_none",
			risk_run_medium(run, a.medium), NULL);
		return 0;
	}
	if (o->fmt == TABLE_TEXT)
		cli_say(run->cli, run->cli->out, "risk_cli.suggest_title",
			num(run, a.id), risk_run_asset(run, a.name, a.medium),
			NULL);
	risk_run_print(run, &t, o->fmt, 30);
	if (o->fmt == TABLE_TEXT)
		cli_say(run->cli, run->cli->err, "risk_cli.suggest_hint",
			num(run, a.id), NULL);
	return 0;
fail:
	if (adding)
		store_rollback(run->store);
	return -1;
}

static int risk_add(struct risk_run *run, const struct risk_args *o,
		    struct error *err)
{
	const struct threat *th = NULL;
	struct risk *have;
	size_t have_count, k;
	struct asset a;
	struct risk r;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || risk_run_need_open(run, err) ||
	    get_asset(run, o->id, &a, err) ||
	    asset_risks(run, o->id, &have, &have_count, err))
		goto fail;
	blank_risk(&r, a.id);
	if (o->v[O_THREAT]) {
		th = catalog_threat(run->cat, o->v[O_THREAT]);
		if (!th) {
			error_set(err, ERROR_INPUT, "risk_cli.unknown_threat",
				  o->v[O_THREAT], NULL);
			goto fail;
		}
		r.threat_id = th->id;
		r.consequence = text_get(&th->consequence, run->cli->lang);
	} else {
		r.threat = o->v[O_THREAT_TEXT];
	}
	if (o->v[O_VULNERABILITY]) {
		const struct vulnerability *v =
			catalog_vulnerability(run->cat, o->v[O_VULNERABILITY]);

		if (!v) {
			error_set(err, ERROR_INPUT,
				  "risk_cli.unknown_vulnerability",
				  o->v[O_VULNERABILITY], NULL);
			goto fail;
		}
		r.vulnerability_id = v->id;
	} else {
		r.vulnerability = o->v[O_VULNERABILITY_TEXT];
	}
	if (o->v[O_CONSEQUENCE])
		r.consequence = o->v[O_CONSEQUENCE];
	/* The same threat through the same weakness is one risk. */
	for (k = 0; k < have_count; k++)
		if (!strcmp(have[k].threat_id, r.threat_id) &&
		    !strcmp(have[k].threat, r.threat) &&
		    !strcmp(have[k].vulnerability_id, r.vulnerability_id) &&
		    !strcmp(have[k].vulnerability, r.vulnerability)) {
			error_set(err, ERROR_CONFLICT, "risk_cli.duplicate",
				  num(run, have[k].id), NULL);
			goto fail;
		}
	if (create_risk(run, &r, err) || store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "risk_cli.added", num(run, r.id),
		num(run, a.id), risk_run_asset(run, a.name, a.medium), NULL);
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

/* --- rate, treat, accept, delete ----------------------------------------- */

/* The ratings of r as "field: value" lines, for the audit trail. */
static const char *rating_lines(struct risk_run *run, const struct risk *r)
{
	if (run->def->has_table)
		return arena_printf(&run->arena,
				    "threat_level: %d\nvulnerability_level: "
				    "%d\nlikelihood: %d\nlevel: %d",
				    r->threat_level, r->vulnerability_level,
				    r->likelihood, r->level);
	return arena_printf(&run->arena, "likelihood: %d\nlevel: %d",
			    r->likelihood, r->level);
}

/* Prints where a risk stands: its level, grade and priority. */
static int say_level(struct risk_run *run, const struct risk *r,
		     struct error *err)
{
	size_t cells[5][5], levels[10];

	if (r->level < 0) {
		cli_say(run->cli, run->cli->out,
			r->importance < 0 ? "risk_cli.level_no_importance"
					  : "risk_cli.level_unrated",
			num(run, r->id), NULL);
		return 0;
	}
	if (risk_run_levels(run, cells, levels, err))
		return -1;
	cli_say(run->cli, run->cli->out, "risk_cli.level", num(run, r->id),
		num(run, r->importance), num(run, r->likelihood),
		arena_printf(&run->arena, "%d%s%s%s", r->level,
			     cli_msg(run->cli, "risk_cli.paren_open"),
			     risk_run_grade(run, r->level),
			     cli_msg(run->cli, "risk_cli.paren_close")),
		NULL);
	cli_say(run->cli, run->cli->out, "risk_cli.rank",
		rank_of(run, levels, r->level), NULL);
	return 0;
}

static int risk_rate(struct risk_run *run, const struct risk_args *o,
		     struct error *err)
{
	const char *before;
	struct risk r;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || get_risk(run, o->id, &r, err))
		goto fail;
	if (run->def->has_table && o->v[O_LIKELIHOOD]) {
		error_set(err, ERROR_INPUT, "risk_cli.rate_ipa", NULL);
		goto fail;
	}
	if (!run->def->has_table && (o->v[O_THREAT] || o->v[O_VULNERABILITY])) {
		error_set(err, ERROR_INPUT, "risk_cli.rate_three_point", NULL);
		goto fail;
	}
	before = rating_lines(run, &r);
	if (o->v[O_THREAT])
		r.threat_level = o->threat;
	if (o->v[O_VULNERABILITY])
		r.vulnerability_level = o->vuln;
	if (o->v[O_LIKELIHOOD])
		r.likelihood = o->likelihood;
	if (risk_validate(run->def, &r, err) ||
	    repo_risk_put(run->store, run->org, &run->assessment, run->def, &r,
			  (int64_t)time(NULL), err) ||
	    risk_run_audit(run, "risk.rate", "risk", r.id, before,
			   rating_lines(run, &r), err) ||
	    store_commit(run->store, err))
		goto fail;
	return say_level(run, &r, err);
fail:
	store_rollback(run->store);
	return -1;
}

/*
 * Checks a list of ids (comma- or space-separated) against the catalogue
 * and returns them space-separated, or fails naming the first unknown.
 */
static int check_refs(struct risk_run *run, const char *arg, int controls,
		      const char **out, struct error *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = arg;
	size_t count = 0;
	int rc = 0;

	while (*p) {
		size_t len = strcspn(p, ", ");
		char *id;

		if (!len) {
			p++;
			continue;
		}
		id = arena_memdupz(&run->arena, p, len);
		p += len;
		if (controls ? !catalog_control(run->cat, id)
			     : !catalog_guideline_item(run->cat, id)) {
			rc = error_set(err, ERROR_INPUT,
				       controls ? "risk_cli.unknown_control"
						: "risk_cli.unknown_guideline",
				       id, NULL);
			break;
		}
		if (++count > RISK_REFS_MAX) {
			rc = error_set(err, ERROR_INPUT, "risk.too_many_refs",
				       NULL);
			break;
		}
		strbuf_addf(&sb, "%s%s", sb.len ? " " : "", id);
	}
	*out = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return rc;
}

/* The treatment of r as "field: value" lines, for the audit trail. */
static const char *treatment_lines(struct risk_run *run, const struct risk *r)
{
	return arena_printf(
		&run->arena,
		"treatment: %s\nreason: %s\ncontrols: %s\nguideline: %s\n"
		"status: %s\nresidual_level: %d",
		risk_treatment_name(r->treatment), r->reason, r->controls,
		r->guideline, treatment_status_name(r->status),
		r->residual_level);
}

static int risk_treat(struct risk_run *run, const struct risk_args *o,
		      struct error *err)
{
	const char *before;
	struct risk r;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || get_risk(run, o->id, &r, err))
		goto fail;
	if (run->def->has_table && o->v[O_RESIDUAL_LIKELIHOOD]) {
		error_set(err, ERROR_INPUT, "risk_cli.residual_ipa", NULL);
		goto fail;
	}
	if (!run->def->has_table && o->v[O_RESIDUAL_VULNERABILITY]) {
		error_set(err, ERROR_INPUT, "risk_cli.residual_three_point",
			  NULL);
		goto fail;
	}
	before = treatment_lines(run, &r);
	if (o->v[O_TREATMENT])
		r.treatment = o->treatment;
	if (o->v[O_REASON])
		r.reason = o->v[O_REASON];
	if (o->v[O_STATUS])
		r.status = o->status;
	if (o->v[O_CONTROLS] &&
	    check_refs(run, o->v[O_CONTROLS], 1, &r.controls, err))
		goto fail;
	if (o->v[O_GUIDELINE] &&
	    check_refs(run, o->v[O_GUIDELINE], 0, &r.guideline, err))
		goto fail;
	if (o->v[O_RESIDUAL_VULNERABILITY])
		r.residual_vulnerability = o->residual;
	if (o->v[O_RESIDUAL_LIKELIHOOD])
		r.residual_likelihood = o->residual;
	if (risk_validate(run->def, &r, err) ||
	    repo_risk_put(run->store, run->org, &run->assessment, run->def, &r,
			  (int64_t)time(NULL), err) ||
	    risk_run_audit(run, "risk.treat", "risk", r.id, before,
			   treatment_lines(run, &r), err) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "risk_cli.treated", num(run, r.id),
		risk_run_treatment(run, r.treatment),
		risk_run_status(run, r.status), NULL);
	if (r.residual_level >= 0)
		cli_say(run->cli, run->cli->out, "risk_cli.residual",
			num(run, r.residual_level),
			risk_run_grade(run, r.residual_level), NULL);
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

/*
 * Checks that email belongs to a member of the organisation who may
 * accept risks (PERM_ACCEPT_RISK) with roles still in force today.
 */
static int check_owner(struct risk_run *run, const char *email,
		       struct error *err)
{
	struct member *rows;
	size_t count, k;

	if (repo_member_list(run->store, &run->arena, run->org, &rows, &count,
			     err))
		return -1;
	for (k = 0; k < count; k++) {
		if (strcmp(rows[k].email, email))
			continue;
		/* A role that ended yesterday accepts nothing today. */
		if (permission_granted(rows[k].roles, PERM_ACCEPT_RISK) &&
		    (!rows[k].expires_on ||
		     strcmp(rows[k].expires_on, run->today) >= 0))
			return 0;
		return error_set(err, ERROR_DENIED, "risk_cli.not_owner", email,
				 NULL);
	}
	return error_set(err, ERROR_DENIED, "risk_cli.not_member", email, NULL);
}

static int risk_accept(struct risk_run *run, const struct risk_args *o,
		       struct error *err)
{
	struct risk r;
	int done;

	if (validate_email("field.email", o->v[O_BY], err) ||
	    store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || get_risk(run, o->id, &r, err) ||
	    check_owner(run, o->v[O_BY], err))
		goto fail;
	if (r.accepted_by) {
		error_set(err, ERROR_CONFLICT, "risk_cli.already_accepted",
			  num(run, r.id), r.accepted_by,
			  risk_run_time(run, r.accepted_at), NULL);
		goto fail;
	}
	if (r.treatment == TREAT_NONE || r.level < 0) {
		error_set(err, ERROR_CONFLICT, "risk.cannot_accept", NULL);
		goto fail;
	}
	done = repo_risk_accept(run->store, run->org, r.id, o->v[O_BY],
				(int64_t)time(NULL), err);
	if (done < 0)
		goto fail;
	if (!done) {
		error_set(err, ERROR_CONFLICT, "risk.cannot_accept", NULL);
		goto fail;
	}
	if (risk_run_audit(run, "risk.accept", "risk", r.id, "",
			   arena_printf(&run->arena, "accepted_by: %s",
					o->v[O_BY]),
			   err) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "risk_cli.accepted", num(run, r.id),
		o->v[O_BY], NULL);
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

static int risk_delete(struct risk_run *run, const struct risk_args *o,
		       struct error *err)
{
	struct risk r;

	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) || get_risk(run, o->id, &r, err))
		goto fail;
	if (repo_risk_delete(run->store, run->org, r.id, err) != 1 ||
	    risk_run_audit(
		    run, "risk.delete", "risk", r.id,
		    arena_printf(&run->arena,
				 "asset: %lld\nthreat: %s\nvulnerability: %s\n"
				 "level: %d",
				 (long long)r.asset_id,
				 *r.threat_id ? r.threat_id : r.threat,
				 *r.vulnerability_id ? r.vulnerability_id
						     : r.vulnerability,
				 r.level),
		    "", err) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out, "risk_cli.deleted", num(run, r.id),
		NULL);
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

/* --- list, heat map, report ---------------------------------------------- */

static int risk_list(struct risk_run *run, const struct risk_args *o,
		     struct error *err)
{
	static const char *const keys[] = { "col.id",
					    "risk_cli.col.asset",
					    "risk.threat",
					    "risk.vulnerability",
					    "asset.importance",
					    "risk.likelihood",
					    "risk.level",
					    "risk.grade",
					    "risk.rank",
					    "risk.treatment",
					    "risk.status",
					    "risk_cli.col.accepted_by",
					    NULL };
	size_t cells[5][5], levels[10], k;
	struct risk_query q;
	struct risk_page page;
	struct table t;

	if (risk_run_need_open(run, err))
		return -1;
	all_risks(run, &q);
	q.sort = o->sort;
	q.desc = o->sort == RSORT_LEVEL;
	q.limit = o->limit;
	q.cursor = o->after;
	q.asset_id = o->asset;
	if (o->has_grade)
		grade_range(run, o->grade, &q.level_min, &q.level_max);
	if (o->v[O_CELL]) {
		if (!risk_value_valid(run->def, SCALE_CIA, o->cell[0]) ||
		    !risk_value_valid(run->def, SCALE_LIKELIHOOD, o->cell[1]))
			return error_set(err, ERROR_INPUT, "risk_cli.bad_cell",
					 o->v[O_CELL], NULL);
		q.importance = o->cell[0];
		q.likelihood = o->cell[1];
	}
	if (o->v[O_STATUS])
		q.status = treatment_status_name(o->status);
	if (o->v[O_TREATMENT])
		q.treatment = risk_treatment_name(o->treatment);
	if (repo_risk_list(run->store, &run->arena, run->org, &q, &page, err) ||
	    risk_run_levels(run, cells, levels, err))
		return -1;
	if (!page.count && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out,
			o->after ? "list.no_more" : "risk.empty", NULL);
		return 0;
	}
	risk_run_table(run, &t, keys);
	for (k = 0; k < page.count; k++) {
		const struct risk *r = &page.rows[k];
		const char *row[] = {
			num(run, r->id),
			risk_run_asset(run, r->asset_name, r->asset_medium),
			risk_run_threat(run, r),
			risk_run_vulnerability(run, r),
			risk_run_num(run, r->importance),
			risk_run_num(run, r->likelihood),
			risk_run_num(run, r->level),
			risk_run_grade(run, r->level),
			rank_of(run, levels, r->level),
			risk_run_treatment(run, r->treatment),
			risk_run_status(run, r->status),
			r->accepted_by ? r->accepted_by : "",
		};

		table_add_row(&t, row);
	}
	risk_run_print(run, &t, o->fmt, 24);
	cli_say(run->cli, run->cli->err,
		page.total_capped ? "asset_cli.page_capped" : "asset_cli.page",
		num(run, page.total), num(run, (long long)page.count), NULL);
	if (page.more_after)
		cli_say(run->cli, run->cli->err, "asset_cli.page_more",
			num(run, page.rows[page.count - 1].id), NULL);
	return 0;
}

static int risk_heatmap(struct risk_run *run, struct error *err)
{
	const struct risk_scale *imp = &run->def->scales[SCALE_CIA];
	const struct risk_scale *lik = &run->def->scales[SCALE_LIKELIHOOD];
	struct table_column *cols;
	size_t cells[5][5], levels[10], unrated = 0, total = 0, i, l;
	struct strbuf out = STRBUF_INIT;
	struct table t;
	int vi, vl;

	if (risk_run_need_open(run, err) ||
	    risk_run_levels(run, cells, levels, err))
		return -1;
	cols = arena_calloc(&run->arena, lik->count + 1, sizeof(*cols));
	cols[0].key = "importance";
	cols[0].header = cli_msg(run->cli, "risk_cli.heat_corner");
	for (vl = lik->min, l = 1; vl <= lik->max; vl++, l++) {
		cols[l].key = num(run, vl);
		cols[l].header = cols[l].key;
	}
	table_init(&t, &run->arena, cols, lik->count + 1);
	for (vi = imp->max; vi >= imp->min; vi--) {
		const char **row =
			arena_calloc(&run->arena, lik->count + 1, sizeof(*row));

		row[0] = num(run, vi);
		for (vl = lik->min, l = 1; vl <= lik->max; vl++, l++)
			row[l] = arena_printf(
				&run->arena, "%zu%s%s%s", cells[vi + 1][vl + 1],
				cli_msg(run->cli, "risk_cli.paren_open"),
				risk_run_grade(run, risk_level(vi, vl)),
				cli_msg(run->cli, "risk_cli.paren_close"));
		table_add_row(&t, row);
	}
	for (i = 0; i < 5; i++)
		for (l = 0; l < 5; l++) {
			total += cells[i][l];
			if (!i || !l)
				unrated += cells[i][l];
		}
	strbuf_addf(
		&out, "%s\n\n",
		risk_run_text(run, "risk_cli.heat_title",
			      num(run, run->assessment.no),
			      risk_run_method_name(run, run->assessment.method),
			      NULL));
	table_render_text(&t, 40, &out);
	strbuf_addf(&out, "\n%s\n",
		    risk_run_text(run, "risk_cli.heat_totals",
				  num(run, (long long)total),
				  num(run, (long long)unrated), NULL));
	fwrite(out.buf, 1, out.len, run->cli->out);
	strbuf_release(&out);
	return 0;
}

/* The rows of the report, gathered from repo_risk_each. */
struct report {
	struct risk_run *run;
	const size_t *levels;
	struct table table;
	struct strbuf text;
	int as_text;
	size_t count;
};

/* Appends an indented "label: value" line of the text report. */
static void report_line(struct risk_run *run, struct strbuf *out,
			const char *key, const char *value)
{
	strbuf_addstr(out, "  ");
	risk_run_line(run, out, key, value);
}

/* The chosen controls, with the guideline items after them. */
static const char *refs_text(struct risk_run *run, const struct risk *r)
{
	if (!*r->guideline)
		return arena_strdup(&run->arena, r->controls);
	return risk_run_text(run, "risk_cli.refs", r->controls, r->guideline,
			     NULL);
}

static int report_row(void *ctx, const struct risk *r)
{
	struct report *rep = ctx;
	struct risk_run *run = rep->run;
	/* Rows live until the next step: everything kept is copied. */
	const char *row[] = {
		rank_of(run, rep->levels, r->level),
		num(run, r->id),
		arena_strdup(&run->arena, risk_run_asset(run, r->asset_name,
							 r->asset_medium)),
		arena_strdup(&run->arena, risk_run_threat(run, r)),
		arena_strdup(&run->arena, risk_run_vulnerability(run, r)),
		arena_strdup(&run->arena, r->consequence),
		risk_run_num(run, r->importance),
		risk_run_num(run, r->likelihood),
		risk_run_num(run, r->level),
		risk_run_grade(run, r->level),
		risk_run_treatment(run, r->treatment),
		refs_text(run, r),
		risk_run_status(run, r->status),
	};

	rep->count++;
	if (!rep->as_text) {
		table_add_row(&rep->table, row);
		return 0;
	}
	strbuf_addf(&rep->text, "\n%s\n",
		    risk_run_text(run, "risk_cli.report_head", row[0], row[1],
				  row[8], row[9], NULL));
	report_line(run, &rep->text, "risk_cli.col.asset", row[2]);
	report_line(run, &rep->text, "risk.threat", row[3]);
	report_line(run, &rep->text, "risk.vulnerability", row[4]);
	report_line(run, &rep->text, "risk.consequence", row[5]);
	report_line(run, &rep->text, "asset.importance", row[6]);
	report_line(run, &rep->text, "risk.likelihood", row[7]);
	report_line(run, &rep->text, "risk.treatment", row[10]);
	if (*r->reason)
		report_line(run, &rep->text, "risk.reason",
			    arena_strdup(&run->arena, r->reason));
	report_line(run, &rep->text, "risk.controls", row[11]);
	report_line(run, &rep->text, "risk.status", row[12]);
	if (r->accepted_by)
		report_line(run, &rep->text, "risk_cli.col.accepted_by",
			    risk_run_text(
				    run, "risk_cli.accepted_on", r->accepted_by,
				    risk_run_time(run, r->accepted_at), NULL));
	return 0;
}

static int risk_report(struct risk_run *run, const struct risk_args *o,
		       struct error *err)
{
	static const char *const keys[] = {
		"risk.rank",	      "col.id",
		"risk_cli.col.asset", "risk.threat",
		"risk.vulnerability", "risk.consequence",
		"asset.importance",   "risk.likelihood",
		"risk.level",	      "risk.grade",
		"risk.treatment",     "risk.controls",
		"risk.status",	      NULL
	};
	size_t cells[5][5], levels[10];
	struct risk_query q;
	struct report rep;
	const char *org_name;
	int rc = -1;

	memset(&rep, 0, sizeof(rep));
	strbuf_init(&rep.text, 0);
	if (risk_run_need_open(run, err) ||
	    risk_run_levels(run, cells, levels, err) ||
	    cli_org_name(run->store, &run->arena, run->org, &org_name, err))
		goto out;
	rep.run = run;
	rep.levels = levels;
	rep.as_text = o->fmt == TABLE_TEXT;
	risk_run_table(run, &rep.table, keys);
	all_risks(run, &q);
	if (repo_risk_each(run->store, run->org, &q, report_row, &rep, err))
		goto out;
	if (!rep.as_text) {
		risk_run_print(run, &rep.table, o->fmt, 0);
		rc = 0;
		goto out;
	}
	fprintf(run->cli->out, "%s\n",
		risk_run_text(run, "risk_cli.report_title", org_name, NULL));
	fprintf(run->cli->out, "%s\n",
		risk_run_text(run, "risk_cli.report_meta",
			      num(run, run->assessment.no),
			      risk_run_method_name(run, run->assessment.method),
			      run->today, num(run, (long long)rep.count),
			      NULL));
	if (!rep.count)
		cli_say(run->cli, run->cli->out, "risk.empty", NULL);
	fwrite(rep.text.buf, 1, rep.text.len, run->cli->out);
	rc = 0;
out:
	strbuf_release(&rep.text);
	return rc;
}

/* --- the command line ---------------------------------------------------- */

/* Parses a level option (1 … 3 or "unrated" where allowed). */
static int level_arg(struct cli *cli, const struct risk_args *o, enum opt k,
		     int *v)
{
	if (!o->v[k] || !risk_run_parse_rating(o->v[k], v))
		return 0;
	return cli_usage(cli, "risk", "usage.bad_value", options[k].name,
			 o->v[k], NULL);
}

static int check_list_args(struct cli *cli, struct risk_args *o)
{
	int v;

	if (o->v[O_GRADE]) {
		if (risk_grade_parse(o->v[O_GRADE], &o->grade))
			return cli_usage(cli, "risk", "usage.bad_value",
					 "grade", o->v[O_GRADE], NULL);
		o->has_grade = 1;
	}
	if (o->v[O_CELL]) {
		const char *comma = strchr(o->v[O_CELL], ',');
		char first[8];

		if (!comma || (size_t)(comma - o->v[O_CELL]) >= sizeof(first))
			return cli_usage(cli, "risk", "risk_cli.usage_cell",
					 o->v[O_CELL], NULL);
		memcpy(first, o->v[O_CELL], (size_t)(comma - o->v[O_CELL]));
		first[comma - o->v[O_CELL]] = '\0';
		if (parse_int(first, 0, 3, &o->cell[0]) ||
		    parse_int(comma + 1, 0, 3, &o->cell[1]))
			return cli_usage(cli, "risk", "risk_cli.usage_cell",
					 o->v[O_CELL], NULL);
	}
	if (o->v[O_ASSET] && risk_run_parse_id(o->v[O_ASSET], &o->asset))
		return cli_usage(cli, "risk", "usage.bad_value", "asset",
				 o->v[O_ASSET], NULL);
	if (o->v[O_SORT] && risk_sort_parse(o->v[O_SORT], &o->sort))
		return cli_usage(cli, "risk", "usage.bad_value", "sort",
				 o->v[O_SORT], NULL);
	if (o->v[O_LIMIT]) {
		if (parse_int(o->v[O_LIMIT], 1, 1000, &v))
			return cli_usage(cli, "risk", "usage.bad_value",
					 "limit", o->v[O_LIMIT], NULL);
		o->limit = (size_t)v;
	}
	if (o->v[O_AFTER] && risk_run_parse_id(o->v[O_AFTER], &o->after))
		return cli_usage(cli, "risk", "usage.bad_value", "after",
				 o->v[O_AFTER], NULL);
	return 0;
}

/* Checks the form of the options; returns 0 or an exit code. */
static int check_args(struct cli *cli, struct risk_args *o)
{
	int rc;

	if ((rc = risk_run_parse_org(cli, "risk", o->v[O_ORG], &o->org)))
		return rc;
	/* Numbers only here; risk_criteria_validate says what fits. */
	if (o->v[O_LOW_MAX] && parse_int(o->v[O_LOW_MAX], 0, 99, &o->low_max))
		return cli_usage(cli, "risk", "usage.bad_value", "low-max",
				 o->v[O_LOW_MAX], NULL);
	if (o->v[O_MEDIUM_MAX] &&
	    parse_int(o->v[O_MEDIUM_MAX], 0, 99, &o->medium_max))
		return cli_usage(cli, "risk", "usage.bad_value", "medium-max",
				 o->v[O_MEDIUM_MAX], NULL);
	if (o->v[O_CRITERIA] && !o->v[O_LOW_MAX] && !o->v[O_MEDIUM_MAX])
		return cli_usage(cli, "risk", "usage.missing_option",
				 "--low-max / --medium-max", NULL);
	if (o->v[O_CRITERIA] && o->v[O_REASSESS])
		return cli_usage(cli, "risk", "risk_cli.criteria_or_reassess",
				 NULL);
	if (o->v[O_TREATMENT]) {
		/* A list may ask for the risks not decided yet. */
		if (o->verb == V_LIST && !strcmp(o->v[O_TREATMENT], "none"))
			o->treatment = TREAT_NONE;
		else if (risk_treatment_parse(o->v[O_TREATMENT],
					      &o->treatment) ||
			 o->treatment == TREAT_NONE)
			return cli_usage(cli, "risk", "usage.bad_value",
					 "treatment", o->v[O_TREATMENT], NULL);
	}
	if (o->v[O_STATUS] &&
	    treatment_status_parse(o->v[O_STATUS], &o->status))
		return cli_usage(cli, "risk", "usage.bad_value", "status",
				 o->v[O_STATUS], NULL);
	/*
	 * "text" names the report's own form; it is the table format.  The
	 * report is also a document to print or pass on (docfile.h).
	 */
	if (o->v[O_FORMAT] && strcmp(o->v[O_FORMAT], "text") &&
	    table_format_parse(o->v[O_FORMAT], &o->fmt)) {
		if (o->verb != V_REPORT)
			return cli_usage(cli, "risk", "usage.bad_value",
					 "format", o->v[O_FORMAT], NULL);
		o->document = 1;
	}
	/* CSV to a file or in Shift_JIS: the document's register table. */
	if (o->verb == V_REPORT &&
	    (o->document || o->v[O_OUTPUT] || o->v[O_ENCODING])) {
		if ((rc = docfile_check(cli, "risk", o->v[O_FORMAT],
					o->v[O_OUTPUT], o->v[O_ENCODING],
					DOCFILE_PDF | DOCFILE_XLSX |
						DOCFILE_CSV | DOCFILE_MD |
						DOCFILE_HTML)))
			return rc;
		o->document = 1;
	}
	if (o->verb == V_RATE) {
		if ((rc = level_arg(cli, o, O_THREAT, &o->threat)) ||
		    (rc = level_arg(cli, o, O_VULNERABILITY, &o->vuln)) ||
		    (rc = level_arg(cli, o, O_LIKELIHOOD, &o->likelihood)))
			return rc;
		if (!o->v[O_THREAT] && !o->v[O_VULNERABILITY] &&
		    !o->v[O_LIKELIHOOD])
			return cli_usage(cli, "risk", "risk_cli.usage_rate",
					 NULL);
	}
	if (o->verb == V_TREAT) {
		if ((rc = level_arg(cli, o, O_RESIDUAL_VULNERABILITY,
				    &o->residual)) ||
		    (rc = level_arg(cli, o, O_RESIDUAL_LIKELIHOOD,
				    &o->residual)))
			return rc;
		if (o->v[O_RESIDUAL_VULNERABILITY] &&
		    o->v[O_RESIDUAL_LIKELIHOOD])
			return cli_usage(cli, "risk", "risk_cli.usage_residual",
					 NULL);
	}
	if (o->verb == V_ADD) {
		if (!o->v[O_THREAT] == !o->v[O_THREAT_TEXT])
			return cli_usage(cli, "risk", "risk_cli.usage_threat",
					 NULL);
		if (!o->v[O_VULNERABILITY] == !o->v[O_VULNERABILITY_TEXT])
			return cli_usage(cli, "risk",
					 "risk_cli.usage_vulnerability", NULL);
	}
	if (o->verb == V_ACCEPT && !o->v[O_BY])
		return cli_usage(cli, "risk", "usage.missing_option", "--by",
				 NULL);
	return o->verb == V_LIST ? check_list_args(cli, o) : 0;
}

/* Reads the verb and its operands after the options. */
static int read_operands(struct cli *cli, int argc, char **argv,
			 struct risk_args *o)
{
	int k, n, verb, rc;

	if (optind < argc) {
	}
	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "risk", "risk_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "risk", options, O_COUNT, o->v,
					 verb, verb_names[verb])))
		return rc;
	switch (o->verb) {
	case V_LIST:
	case V_HEATMAP:
	case V_REPORT:
		if (n)
			return cli_usage(cli, "risk", "usage.extra_argument",
					 argv[optind], NULL);
		return 0;
	case V_METHOD:
		if (n > 1)
			return cli_usage(cli, "risk", "usage.extra_argument",
					 argv[optind + 1], NULL);
		if (n == 1) {
			if (risk_method_parse(argv[optind], &o->method))
				return cli_usage(cli, "risk",
						 "risk_cli.usage_method",
						 argv[optind], NULL);
			o->has_method = 1;
		}
		if (!n && !o->v[O_CRITERIA] && !o->v[O_REASSESS] &&
		    (o->v[O_LOW_MAX] || o->v[O_MEDIUM_MAX]))
			return cli_usage(cli, "risk", "risk_cli.criteria_flag",
					 NULL);
		return 0;
	case V_SUGGEST:
	case V_ADD:
		if (n != 1 || risk_run_parse_id(argv[optind], &o->id))
			return cli_usage(cli, "risk", "risk_cli.usage_asset_id",
					 verb_names[o->verb], NULL);
		return 0;
	default:
		if (n != 1 || risk_run_parse_id(argv[optind], &o->id))
			return cli_usage(cli, "risk", "risk_cli.usage_risk_id",
					 verb_names[o->verb], NULL);
		if (o->verb == V_TREAT) {
			for (k = 0; k < O_COUNT; k++)
				if (o->v[k] && k != O_ORG)
					return 0;
			return cli_usage(cli, "risk",
					 "asset_cli.nothing_to_change", NULL);
		}
		return 0;
	}
}

int cmd_risk(struct cli *cli, int argc, char **argv)
{
	struct risk_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int rc;

	memset(&o, 0, sizeof(o));
	o.sort = RSORT_LEVEL;
	o.limit = 50;
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "risk", options, O_COUNT, argc, argv, o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)) ||
	    (rc = check_args(cli, &o)))
		return rc;
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	switch (o.verb) {
	case V_LIST:
		rc = risk_list(&run, &o, &err);
		break;
	case V_METHOD:
		rc = risk_method(&run, &o, &err);
		break;
	case V_SUGGEST:
		rc = risk_suggest_cmd(&run, &o, &err);
		break;
	case V_ADD:
		rc = risk_add(&run, &o, &err);
		break;
	case V_RATE:
		rc = risk_rate(&run, &o, &err);
		break;
	case V_TREAT:
		rc = risk_treat(&run, &o, &err);
		break;
	case V_ACCEPT:
		rc = risk_accept(&run, &o, &err);
		break;
	case V_DELETE:
		rc = risk_delete(&run, &o, &err);
		break;
	case V_HEATMAP:
		rc = risk_heatmap(&run, &err);
		break;
	case V_REPORT:
	case V_COUNT:
		rc = o.document ? docfile_risk_report(&run, o.v[O_FORMAT],
						      o.v[O_OUTPUT],
						      o.v[O_ENCODING], &err)
				: risk_report(&run, &o, &err);
		break;
	}
	if (rc < 0)
		rc = cli_fail(cli, &err);
out:
	risk_run_close(&run);
	return rc;
}
