/* dashboard.c: the figures of the home page, read from the registers. */
#include "util/compat.h"
#include "web/dashboard.h"

#include <stdlib.h>

#include "catalog/catalog.h"
#include "store/repo_checklist.h"
#include "store/repo_diagnosis.h"
#include "store/repo_document.h"
#include "store/repo_policy.h"
#include "store/repo_risk.h"
#include "store/repo_soa.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"

static const char *const due_kind_names[DUE_KIND_COUNT] = {
	"task",
	"review",
	"diagnosis",
	"document",
};

const char *due_kind_name(enum due_kind k)
{
	return (unsigned)k < DUE_KIND_COUNT ? due_kind_names[k] : "";
}

/* Days from today to date, or 0 with *ok 0 when date is not one. */
static long days_until(const char *date, long today, int *ok)
{
	struct date d;

	*ok = date && *date && !parse_date(date, &d);
	return *ok ? date_to_days(&d) - today : 0;
}

/* The growing list of dated items. */
struct due_list {
	struct arena *arena;
	struct dashboard_due *rows;
	size_t count, cap;
};

static void due_add(struct due_list *l, const struct dashboard_due *d)
{
	if (l->count == l->cap) {
		struct dashboard_due *grown;

		l->cap = l->cap ? 2 * l->cap : 16;
		grown = arena_calloc(l->arena, l->cap, sizeof(*grown));
		if (l->count)
			memcpy(grown, l->rows, l->count * sizeof(*grown));
		l->rows = grown;
	}
	l->rows[l->count++] = *d;
}

static int due_cmp(const void *pa, const void *pb)
{
	const struct dashboard_due *a = pa, *b = pb;

	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->ref, b->ref);
}

static int load_diagnosis(struct store *store, const struct catalog *cat,
			  struct arena *arena, int64_t org, long today,
			  struct dashboard *d, struct due_list *due,
			  struct error *err)
{
	struct diagnosis_run *runs;
	enum five_status five[5];
	const char *notes[5];
	int combined[DIAGNOSIS_ITEMS], committed[5];
	size_t count, i, n = 0;
	int64_t last = 0;

	if (repo_run_list(store, arena, org, DASHBOARD_TREND_MAX * 2, &runs,
			  &count, err) ||
	    repo_run_latest_combined(store, arena, org, combined,
				     &d->diagnosis_units, err) ||
	    repo_five_get(store, arena, org, five, notes, err) ||
	    repo_doc_published(store, org, "basic_policy", &d->policy_published,
			       err))
		return -1;
	if (d->diagnosis_units) {
		if (diagnosis_score(combined, cat->parts, cat->part_count,
				    &d->score))
			return error_set(err, ERROR_INTERNAL,
					 "dashboard.internal", NULL);
		d->band = diagnosis_band_of(cat->bands, cat->band_count,
					    d->score.total);
	}
	/* Runs come newest first; the trend reads oldest first. */
	for (i = 0; i < count && n < DASHBOARD_TREND_MAX; i++)
		if (runs[i].completed_at)
			n++;
	d->trend_count = n;
	for (i = 0; i < count && n; i++) {
		if (!runs[i].completed_at)
			continue;
		n--;
		d->trend[n].completed_at = runs[i].completed_at;
		d->trend[n].total = runs[i].total;
		if (runs[i].completed_at > last)
			last = runs[i].completed_at;
	}
	d->diagnosis_done = last != 0;
	for (i = 0; i < 5; i++) {
		committed[i] = five[i] == FIVE_COMMITTED;
		d->five_committed += committed[i];
	}
	security_action_readiness(committed, d->diagnosis_done,
				  d->policy_published, &d->sa);
	if (last) {
		long days = (long)(last / 86400) + DIAGNOSIS_EVERY_DAYS - today;

		if (days <= DASHBOARD_SOON_DAYS) {
			struct dashboard_due e = {
				DUE_DIAGNOSIS, "", days, "", "", 0
			};
			struct date dt;

			date_from_days(today + days, &dt);
			e.date = arena_printf(due->arena, "%04d-%02d-%02d",
					      dt.year, dt.month, dt.day);
			due_add(due, &e);
		}
	}
	return 0;
}

static int load_checklist(struct store *store, const struct catalog *cat,
			  struct arena *arena, int64_t org, long today,
			  struct dashboard *d, struct due_list *due,
			  struct error *err)
{
	struct org_profile p;
	struct level_profile lp;
	struct checklist_status *st;
	size_t i;

	if (repo_profile_get(store, arena, org, &p, err) ||
	    repo_checklist_statuses(store, arena, org, cat->guideline,
				    cat->guideline_count, &st, err))
		return -1;
	lp.dedicated_admin = p.dedicated_admin;
	lp.large_private_data = p.large_private_data;
	lp.has_csirt = p.has_csirt;
	d->level = guideline_level_of(&lp);
	checklist_coverage(cat->guideline, cat->guideline_count, st, d->level,
			   &d->coverage);
	d->coverage_percent = checklist_coverage_percent(&d->coverage);
	for (i = 0; i < cat->guideline_count; i++) {
		struct dashboard_due e = { DUE_REVIEW,	st[i].review_on,
					   0,		cat->guideline[i].id,
					   st[i].owner, 0 };
		int ok;

		if (checklist_included(&cat->guideline[i], d->level,
				       st[i].adopted) == CHECKLIST_EXCLUDED ||
		    st[i].state == CHECKLIST_NOT_APPLICABLE)
			continue;
		e.days = days_until(st[i].review_on, today, &ok);
		if (ok && e.days <= DASHBOARD_SOON_DAYS)
			due_add(due, &e);
	}
	return 0;
}

static int load_risks(struct store *store, const struct catalog *cat,
		      struct arena *arena, int64_t org, struct dashboard *d,
		      struct error *err)
{
	struct risk_assessment a;
	const struct risk_method_def *def;
	int found = repo_assessment_open(store, arena, org, &a, err);
	int i, l;

	if (found < 0)
		return -1;
	d->assessment_open = found;
	d->assessment_id = found ? a.id : 0;
	d->method = found ? a.method : RISK_IPA;
	def = catalog_method(cat, d->method);
	if (found)
		d->criteria = a.criteria;
	else
		risk_criteria_default(def, &d->criteria);
	if (repo_risk_cells(store, org, d->assessment_id, d->cells, err))
		return -1;
	/* Row and column 0 hold the risks not rated yet. */
	for (i = 0; i < 5; i++)
		for (l = 0; l < 5; l++) {
			size_t n = d->cells[i][l];

			d->risks += n;
			if (!i || !l)
				d->unrated += n;
			else
				d->by_grade[risk_grade_of(
					&d->criteria,
					risk_level(i - 1, l - 1))] += n;
		}
	return 0;
}

static int load_tasks(struct store *store, struct arena *arena, int64_t org,
		      long today, struct dashboard *d, struct due_list *due,
		      struct error *err)
{
	struct plan_task *tasks;
	size_t count, i;

	if (repo_plan_list(store, arena, org, &tasks, &count, err))
		return -1;
	for (i = 0; i < count; i++) {
		struct dashboard_due e = {
			DUE_TASK,	  tasks[i].planned_end, 0,
			tasks[i].control, tasks[i].task,	tasks[i].id
		};
		int ok;

		if (tasks[i].status == TASK_FINISHED)
			continue;
		e.days = days_until(tasks[i].planned_end, today, &ok);
		if (!ok || e.days > DASHBOARD_SOON_DAYS)
			continue;
		d->overdue_tasks += e.days < 0;
		due_add(due, &e);
	}
	return 0;
}

/* Documents whose next review is past or within DASHBOARD_SOON_DAYS. */
static int load_documents(struct store *store, struct arena *arena, int64_t org,
			  long today, struct due_list *due, struct error *err)
{
	struct document_due *docs;
	struct date until;
	char until_s[16];
	size_t count, i;

	date_from_days(today + DASHBOARD_SOON_DAYS, &until);
	snprintf(until_s, sizeof(until_s), "%04d-%02d-%02d", until.year,
		 until.month, until.day);
	if (repo_document_due(store, arena, org, until_s, &docs, &count, err))
		return -1;
	for (i = 0; i < count; i++) {
		struct dashboard_due e = {
			DUE_DOCUMENT, docs[i].next_review, 0,
			docs[i].code, docs[i].title,	   docs[i].id
		};
		int ok;

		e.days = days_until(docs[i].next_review, today, &ok);
		if (ok)
			due_add(due, &e);
	}
	return 0;
}

int dashboard_load(struct store *store, const struct catalog *cat,
		   struct arena *arena, int64_t org_id, const char *today,
		   struct dashboard *out, struct error *err)
{
	struct due_list due = { arena, NULL, 0, 0 };
	struct date td;
	long now;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (parse_date(today, &td))
		return error_set(err, ERROR_INTERNAL, "dashboard.internal",
				 NULL);
	now = date_to_days(&td);
	if (load_diagnosis(store, cat, arena, org_id, now, out, &due, err) ||
	    load_checklist(store, cat, arena, org_id, now, out, &due, err) ||
	    repo_soa_progress(store, org_id, &out->soa, err) ||
	    load_risks(store, cat, arena, org_id, out, err) ||
	    load_tasks(store, arena, org_id, now, out, &due, err) ||
	    load_documents(store, arena, org_id, now, &due, err))
		return -1;
	if (due.count)
		qsort(due.rows, due.count, sizeof(*due.rows), due_cmp);
	out->due = due.rows;
	out->due_count = due.count;
	for (i = 0; i < due.count; i++)
		out->soon += due.rows[i].days >= 0;
	return 0;
}
