/*
 * dashboard.h: where an organisation stands, gathered once for the home
 * page, the API and the command line.
 *
 * Each front door shows the same figures, so they are read and counted
 * here, in one place, from the registers: the self-diagnosis and its
 * trend, SECURITY ACTION readiness, the checklist's coverage at the
 * organisation's level, the Statement of Applicability, the risk heat
 * map, and the dates that are past or near (treatment tasks, checklist
 * reviews, document reviews, the yearly self-diagnosis).
 */
#ifndef MAMORI_WEB_DASHBOARD_H
#define MAMORI_WEB_DASHBOARD_H

#include <stddef.h>
#include <stdint.h>

#include "core/checklist.h"
#include "core/diagnosis.h"
#include "core/risk.h"
#include "store/repo_soa.h"

struct arena;
struct catalog;
struct error;
struct store;

enum {
	DASHBOARD_TREND_MAX = 12,   /* completed runs on the trend, newest */
	DASHBOARD_SOON_DAYS = 30,   /* "due soon" reaches this far ahead */
	DIAGNOSIS_EVERY_DAYS = 365, /* the self-diagnosis is redone yearly */
};

/* What a dated item on the dashboard is. */
enum due_kind {
	DUE_TASK,      /* a treatment plan task's planned end */
	DUE_REVIEW,    /* a checklist item's next review */
	DUE_DIAGNOSIS, /* a year since the last completed self-diagnosis */
	DUE_DOCUMENT,  /* a document's next review (register, clause 7.5) */
	DUE_KIND_COUNT
};

const char *due_kind_name(enum due_kind k);

/* One date that is past or within DASHBOARD_SOON_DAYS. */
struct dashboard_due {
	enum due_kind kind;
	const char *date; /* YYYY-MM-DD */
	long days;	  /* from today; negative when past */
	const char *ref;  /* the control, item or document number; "" for
			   * the diagnosis */
	const char *what; /* the task, the owner of the review or the
			   * document's title; may be "" */
	int64_t id;	  /* the task's or the document's id; 0 otherwise */
};

struct dashboard {
	/* The self-diagnosis: the combined latest answers of each unit. */
	size_t diagnosis_units; /* 0: no completed run yet */
	struct diagnosis_score score;
	const struct diagnosis_band *band; /* NULL without a result */
	struct {
		int64_t completed_at;
		int total;
	} trend[DASHBOARD_TREND_MAX]; /* oldest first */
	size_t trend_count;

	/* SECURITY ACTION. */
	int five_committed; /* how many of the five points */
	int diagnosis_done;
	int policy_published;
	struct security_action sa;

	/* The levelled checklist at the organisation's level. */
	int level;
	struct checklist_coverage coverage;
	int coverage_percent; /* -1: nothing to count */

	/* The Statement of Applicability. */
	struct soa_progress soa;

	/* The risks of the open assessment (or of the register before the
	 * first): the heat map's cells as repo_risk_cells() gives them. */
	int assessment_open;
	int64_t assessment_id;
	enum risk_method method;
	struct risk_criteria criteria;
	size_t cells[5][5];
	size_t by_grade[GRADE_COUNT];
	size_t unrated, risks;

	/* Dates, past first, then the nearest. */
	struct dashboard_due *due;
	size_t due_count;
	size_t overdue_tasks; /* unfinished tasks past their planned end */
	size_t soon; /* items due today … DASHBOARD_SOON_DAYS ahead */
};

/*
 * Reads and counts everything of org_id as of today (YYYY-MM-DD) into
 * *out, with its strings and arrays from arena.  Returns 0, or -1 with
 * err set.
 */
int dashboard_load(struct store *store, const struct catalog *cat,
		   struct arena *arena, int64_t org_id, const char *today,
		   struct dashboard *out, struct error *err);

/*
 * The figures as the JSON document of GET /api/v1/dashboard (also what
 * `mamori dashboard --format json` prints): a string to free().
 */
char *dashboard_json(const struct catalog *cat, const struct dashboard *d,
		     const char *today);

#endif
