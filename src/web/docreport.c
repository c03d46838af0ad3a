/* docreport.c: the policy, the handbook and the risk report as reports. */
#include "util/compat.h"
#include "web/docreport.h"

#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "core/asset.h"
#include "core/risk.h"
#include "export/report.h"
#include "store/repo_org.h"
#include "store/repo_policy.h"
#include "store/repo_risk.h"
#include "store/repo_soa.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/soaview.h"

static const char *msg(const struct docreport_env *e, const char *key)
{
	return i18n_get(e->msgs, e->lang, key);
}

/* The message key with {1} … filled, in the arena. */
static const char *msgf(const struct docreport_env *e, const char *key,
			const char *a1, const char *a2, const char *a3)
{
	const char *args[3] = { a1, a2, a3 };
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	i18n_format(e->msgs, e->lang, key, args, a3 ? 3 : a2 ? 2 : 1, &sb);
	s = arena_strdup(e->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *num(const struct docreport_env *e, long long v)
{
	return arena_printf(e->arena, "%lld", v);
}

/*
 * A day as the reader writes it: 2026年11月22日, or 2026-11-22; on the
 * office's calendar (the server's time zone), like every page, so an
 * approval at 8 in the morning in Tokyo is not dated the day before.
 */
static const char *day(const struct docreport_env *e, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(e->arena, 32);

	localtime_r(&tt, &tm);
	strftime(buf, 32, e->lang == LANG_JA ? "%Y年%m月%d日" : "%Y-%m-%d",
		 &tm);
	return buf;
}

/* The same day as YYYY-MM-DD, for a seal's date stamp. */
static const char *iso_day(const struct docreport_env *e, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(e->arena, 16);

	localtime_r(&tt, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}

static const char *label(const struct docreport_env *e, const char *id)
{
	const struct classification_label *l = catalog_label(e->cat, id);

	return l ? text_get(&l->label, e->lang) : id;
}

/* A new report with the labels around the content in the reader's words. */
static struct report *start(const struct docreport_env *e)
{
	struct report *r =
		report_new(e->arena, e->lang == LANG_JA ? "ja" : "en");
	struct report_words w = {
		.cover = msg(e, "report.cover"),
		.organisation = msg(e, "report.organisation"),
		.version = msg(e, "report.version"),
		.date = msg(e, "report.date"),
		.approved = msg(e, "report.approved"),
		.classification = msg(e, "report.classification"),
		.sheets = msg(e, "report.sheets"),
	};

	report_set_words(r, &w);
	report_set_organisation(r, e->org_name);
	return r;
}

/* The name a member signs with: the display name, else the address. */
static int signer(const struct docreport_env *e, const char *email,
		  const char **name, struct error *err)
{
	struct member *rows;
	size_t count, i;

	*name = email;
	if (repo_member_list(e->store, e->arena, e->org, &rows, &count, err))
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].email, email) && *rows[i].display_name)
			*name = rows[i].display_name;
	return 0;
}

int docreport_policy(const struct docreport_env *e, const char *kind,
		     const struct policy_doc *d, struct report **out,
		     struct error *err)
{
	int policy = !strcmp(kind, "basic_policy");
	const char *approver = NULL;
	struct report *r = start(e);

	if (d->approved_by && signer(e, d->approved_by, &approver, err))
		return -1;
	report_set_font(r, REPORT_SERIF);
	report_set_version(r, msgf(e, "policy.version", num(e, d->version),
				   NULL, NULL));
	report_set_date(r, day(e, d->created_at));
	if (approver)
		report_set_approval(r, approver, day(e, d->approved_at));
	report_set_classification(
		r, label(e, policy && d->published_at ? "public" : "internal"));
	/* Boxes from the highest rank at the left, as offices stamp them. */
	report_seal(r, msg(e, "print.approve"), approver,
		    approver ? iso_day(e, d->approved_at) : NULL);
	report_seal(r, msg(e, "print.check"), NULL, NULL);
	report_seal(r, msg(e, "print.author"), NULL, NULL);
	report_add_markdown(r, d->body, strlen(d->body));
	if (!r->title)
		report_set_title(r, msg(e, policy ? "policy.title"
						  : "handbook.title"));
	*out = r;
	return 0;
}

/* --- the risk report ----------------------------------------------------- */

struct risk_rows {
	const struct docreport_env *e;
	const struct risk_method_def *def;
	const struct risk_criteria *criteria;
	const size_t *levels;
	struct report_table *t;
	size_t count;
};

/* A rating as a number cell, or "—" while unrated. */
static void rating(struct report_table *t, int v)
{
	if (v < 0)
		report_cell_text(t, "—");
	else
		report_cell_number(t, v, NULL);
}

static const char *grade_text(const struct risk_rows *rr, int level)
{
	enum risk_grade g = risk_grade_of(rr->criteria, level);

	if (g == GRADE_COUNT)
		return msg(rr->e, "risk.unrated");
	return text_get(&rr->def->grades[g].label, rr->e->lang);
}

static const char *threat_text(const struct docreport_env *e,
			       const struct risk *r)
{
	const struct threat *th;

	if (!*r->threat_id)
		return r->threat;
	th = catalog_threat(e->cat, r->threat_id);
	return th ? text_get(&th->title, e->lang) : r->threat_id;
}

static const char *vulnerability_text(const struct docreport_env *e,
				      const struct risk *r)
{
	const struct vulnerability *v;

	if (!*r->vulnerability_id)
		return r->vulnerability;
	v = catalog_vulnerability(e->cat, r->vulnerability_id);
	return v ? text_get(&v->title, e->lang) : r->vulnerability_id;
}

static int risk_row(void *arg, const struct risk *r)
{
	static const char *const treatments[TREAT_COUNT] = {
		"risk.treatment_none", "risk.treatment_reduce",
		"risk.treatment_retain", "risk.treatment_avoid",
		"risk.treatment_transfer"
	};
	static const char *const statuses[TSTATUS_COUNT] = {
		"risk.status_undecided", "risk.status_planned",
		"risk.status_done"
	};
	struct risk_rows *rr = arg;
	const struct docreport_env *e = rr->e;
	struct report_table *t = rr->t;

	/* The model copies every string: the row need not outlive us. */
	rating(t, r->level >= 0 ? risk_rank(rr->levels, r->level) : -1);
	report_cell_number(t, (double)r->id, NULL);
	report_cell_text(t, r->asset_name);
	report_cell_text(t, threat_text(e, r));
	report_cell_text(t, vulnerability_text(e, r));
	report_cell_text(t, r->consequence);
	rating(t, r->importance);
	rating(t, r->likelihood);
	rating(t, r->level);
	report_cell_text(t, grade_text(rr, r->level));
	report_cell_text(t, msg(e, treatments[r->treatment]));
	report_cell_text(t, r->controls);
	report_cell_text(t, msg(e, statuses[r->status]));
	report_cell_text(t, r->accepted_by ? r->accepted_by : "");
	rr->count++;
	return 0;
}

/* The heat map as a table: importance (highest first) by likelihood. */
static void heat_table(const struct docreport_env *e, struct report *r,
		       const struct risk_rows *rr, size_t cells[5][5])
{
	const struct risk_scale *imp = &rr->def->scales[SCALE_CIA];
	const struct risk_scale *lik = &rr->def->scales[SCALE_LIKELIHOOD];
	struct report_column *cols =
		arena_calloc(e->arena, lik->count + 1, sizeof(*cols));
	struct report_table *t;
	size_t l;
	int vi, vl;

	cols[0].key = "importance";
	cols[0].header = msg(e, "risk_cli.heat_corner");
	cols[0].width = 32;
	for (vl = lik->min, l = 1; vl <= lik->max; vl++, l++) {
		cols[l].key = num(e, vl);
		cols[l].header = num(e, vl);
		cols[l].width = 20;
		cols[l].align = REPORT_CENTER;
	}
	t = report_table(r, msg(e, "report.sheet_heat"), cols, lik->count + 1,
			 0);
	for (vi = imp->max; vi >= imp->min; vi--) {
		report_cell_number(t, vi, NULL);
		for (vl = lik->min; vl <= lik->max; vl++)
			report_cell_text(
				t,
				msgf(e, "report.heat_cell",
				     num(e, (long long)cells[vi + 1][vl + 1]),
				     grade_text(rr, risk_level(vi, vl)), NULL));
	}
}

static void plan_table(const struct docreport_env *e, struct report *r,
		       const struct plan_task *tasks, size_t count)
{
	const struct report_column cols[] = {
		{ "control", msg(e, "plan.control"), 16, REPORT_LEFT },
		{ "task", msg(e, "plan.task"), 72, REPORT_LEFT },
		{ "owner", msg(e, "plan.owner"), 24, REPORT_LEFT },
		{ "planned_start", msg(e, "plan.planned_start"), 22,
		  REPORT_CENTER },
		{ "planned_end", msg(e, "plan.planned_end"), 22,
		  REPORT_CENTER },
		{ "actual_start", msg(e, "plan.actual_start"), 22,
		  REPORT_CENTER },
		{ "actual_end", msg(e, "plan.actual_end"), 22, REPORT_CENTER },
		{ "status", msg(e, "plan.status"), 16, REPORT_LEFT },
	};
	struct report_table *t = report_table(r, msg(e, "report.sheet_plan"),
					      cols, ARRAY_SIZE(cols), 0);
	size_t i;

	for (i = 0; i < count; i++) {
		const struct plan_task *k = &tasks[i];

		report_cell_text(t, k->control);
		report_cell_text(t, k->task);
		report_cell_text(t, k->owner);
		report_cell_date(t, k->planned_start);
		report_cell_date(t, k->planned_end);
		report_cell_date(t, k->actual_start);
		report_cell_date(t, k->actual_end);
		report_cell_text(
			t, msg(e, arena_printf(e->arena, "plan.status_%s",
					       task_status_name(k->status))));
	}
}

int docreport_risk(const struct docreport_env *e,
		   const struct risk_assessment *a,
		   const struct risk_method_def *def,
		   const struct risk_criteria *criteria, struct report **out,
		   struct error *err)
{
	/* Widths in Excel's units; on paper, shares of the page. */
	const struct report_column cols[] = {
		{ "rank", msg(e, "risk.rank"), 14, REPORT_RIGHT },
		{ "id", msg(e, "col.id"), 10, REPORT_RIGHT },
		{ "asset", msg(e, "risk_cli.col.asset"), 32, REPORT_LEFT },
		{ "threat", msg(e, "risk.threat"), 30, REPORT_LEFT },
		{ "vulnerability", msg(e, "risk.vulnerability"), 30,
		  REPORT_LEFT },
		{ "consequence", msg(e, "risk.consequence"), 38, REPORT_LEFT },
		{ "importance", msg(e, "asset.importance"), 14, REPORT_RIGHT },
		{ "likelihood", msg(e, "risk.likelihood"), 16, REPORT_RIGHT },
		{ "level", msg(e, "risk.level"), 14, REPORT_RIGHT },
		{ "grade", msg(e, "risk.grade"), 10, REPORT_CENTER },
		{ "treatment", msg(e, "risk.treatment"), 10, REPORT_CENTER },
		{ "controls", msg(e, "risk.controls"), 24, REPORT_LEFT },
		{ "status", msg(e, "risk.status"), 12, REPORT_CENTER },
		{ "accepted_by", msg(e, "risk_cli.col.accepted_by"), 20,
		  REPORT_LEFT },
	};
	size_t cells[5][5], levels[10], unrated, tasks = 0;
	struct plan_task *plan = NULL;
	struct risk_query q;
	struct risk_rows rr;
	struct report *r = start(e);
	const char *method = msg(e, a->method == RISK_IPA
					    ? "risk.method_ipa"
					    : "risk.method_three_point");

	if (repo_risk_cells(e->store, e->org, a->id, cells, err) ||
	    repo_plan_list(e->store, e->arena, e->org, &plan, &tasks, err))
		return -1;
	risk_cells_levels(cells, levels, &unrated);
	report_set_title(r, msg(e, "risk.report_title"));
	report_set_font(r, REPORT_SANS);
	report_set_orientation(r, REPORT_LANDSCAPE);
	report_set_version(r, msgf(e, "risk.assessment_is", num(e, a->no), NULL,
				   NULL));
	report_set_date(r, day(e, e->now));
	report_set_classification(r, label(e, "internal"));
	report_seal(r, msg(e, "print.approve"), NULL, NULL);
	report_seal(r, msg(e, "print.check"), NULL, NULL);
	report_seal(r, msg(e, "print.author"), NULL, NULL);
	report_paragraph(r, msgf(e, "report.risk_method", method,
				 day(e, a->started_at),
				 a->closed_at ? day(e, a->closed_at)
					      : msg(e, "report.ongoing")));

	memset(&rr, 0, sizeof(rr));
	rr.e = e;
	rr.def = def;
	rr.criteria = criteria;
	rr.levels = levels;
	report_heading(r, 1, msg(e, "risk.heatmap"));
	heat_table(e, r, &rr, cells);

	report_heading(r, 1, msg(e, "report.risk_register"));
	rr.t = report_table(r, msg(e, "report.sheet_risks"), cols,
			    ARRAY_SIZE(cols), REPORT_TABLE_LANDSCAPE);
	memset(&q, 0, sizeof(q));
	q.assessment_id = a->id;
	q.sort = RSORT_LEVEL;
	q.desc = 1;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	if (repo_risk_each(e->store, e->org, &q, risk_row, &rr, err) < 0)
		return -1;
	report_paragraph(r, msgf(e, "report.risk_count",
				 num(e, (long long)rr.count),
				 num(e, (long long)unrated), NULL));

	report_heading(r, 1, msg(e, "plan.title"));
	plan_table(e, r, plan, tasks);
	*out = r;
	return 0;
}

/* --- the Statement of Applicability ---------------------------------- */

int docreport_soa(const struct docreport_env *e,
		  const struct soa_version *version,
		  const struct soa_entry *entries, size_t count,
		  const int64_t *risks, struct report **out, struct error *err)
{
	/* The workbook's columns less the theme (the table is grouped by
	 * it) and the risks (a count, which the paper does not need). */
	static const enum soaview_column shown[] = {
		SOAV_CONTROL, SOAV_TITLE,	  SOAV_APPLICABLE,
		SOAV_REASONS, SOAV_JUSTIFICATION, SOAV_STATUS,
		SOAV_OWNER,   SOAV_NOTES,	  SOAV_REVIEWED_ON,
	};
	static const enum report_align align[] = {
		REPORT_LEFT, REPORT_LEFT, REPORT_CENTER,
		REPORT_LEFT, REPORT_LEFT, REPORT_CENTER,
		REPORT_LEFT, REPORT_LEFT, REPORT_CENTER,
	};
	const char *header[SOAV_COLUMN_COUNT];
	struct report_column cols[ARRAY_SIZE(shown)];
	const char *approver = NULL;
	struct report *r = start(e);
	struct report_table *t = NULL;
	int theme = -1, applicable = 0, excluded = 0;
	size_t i, k;

	if (version && signer(e, version->approved_by, &approver, err))
		return -1;
	soaview_header(e->msgs, e->lang, header);
	for (k = 0; k < ARRAY_SIZE(shown); k++) {
		cols[k].key = soaview_column_key(shown[k]);
		cols[k].header = header[shown[k]];
		cols[k].width = soaview_column_width(shown[k]);
		cols[k].align = align[k];
	}
	report_set_title(r, msg(e, "soa.title"));
	report_set_font(r, REPORT_SANS);
	report_set_orientation(r, REPORT_LANDSCAPE);
	report_set_version(r, version ? msgf(e, "soa.version_no",
					     num(e, version->no), NULL, NULL)
				      : msg(e, "soa.working_copy"));
	report_set_date(r, day(e, version ? version->approved_at : e->now));
	if (approver)
		report_set_approval(r, approver, day(e, version->approved_at));
	report_set_classification(r, label(e, "internal"));
	report_seal(r, msg(e, "print.approve"), approver,
		    approver ? iso_day(e, version->approved_at) : NULL);
	report_seal(r, msg(e, "print.check"), NULL, NULL);
	report_seal(r, msg(e, "print.author"), NULL, NULL);
	for (i = 0; i < count; i++) {
		applicable += entries[i].applicable == SOA_APPLICABLE;
		excluded += entries[i].applicable == SOA_EXCLUDED;
	}
	report_paragraph(r, msgf(e, "soa.pdf_summary", num(e, (long long)count),
				 num(e, applicable), num(e, excluded)));
	for (i = 0; i < count; i++) {
		const struct control *c =
			catalog_control(e->cat, entries[i].control);
		const char *cells[SOAV_COLUMN_COUNT];

		if (c && (int)c->theme != theme) {
			/* One table per theme, so each starts under its
			 * heading and repeats its header on every page. */
			const char *name = msg(
				e, arena_printf(e->arena, "soa.theme.%s",
						control_theme_name(c->theme)));

			theme = (int)c->theme;
			report_heading(r, 1, name);
			t = report_table(r, name, cols, ARRAY_SIZE(cols),
					 REPORT_TABLE_LANDSCAPE);
		}
		if (!t)
			continue;
		soaview_row(e->cat, e->msgs, e->lang, &entries[i],
			    risks ? risks[i] : 0, e->arena, cells);
		for (k = 0; k < ARRAY_SIZE(shown); k++) {
			if (shown[k] == SOAV_REVIEWED_ON)
				report_cell_date(t, cells[shown[k]]);
			else
				report_cell_text(t, cells[shown[k]]);
		}
	}
	*out = r;
	return 0;
}

const char *docreport_filename(struct arena *arena, const char *base,
			       const char *ext, int64_t now)
{
	time_t tt = (time_t)now;
	struct tm tm;
	char date[16];

	localtime_r(&tt, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	return arena_printf(arena, "%s-%s.%s", base, date, ext);
}
