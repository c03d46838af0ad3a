/*
 * checklistview.h: the levelled control checklist as the front doors show
 * it (the web pages, the API and `mamori checklist`): an organisation's
 * level, statuses, risk touches, coverage and gaps loaded together, the
 * filters of its lists, the words of its values in either language, and
 * its exports (status or gap list, as CSV or a workbook).
 */
#ifndef MAMORI_WEB_CHECKLISTVIEW_H
#define MAMORI_WEB_CHECKLISTVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/checklist.h"
#include "core/text.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct store;
struct table;

/* Everything the checklist's pages show of one organisation. */
struct checklist_view {
	int level; /* from the profile's three questions */
	const struct guideline_item *items; /* the catalogue's */
	size_t count;
	struct checklist_status *statuses; /* parallel to items */
	struct checklist_touch *touch;	   /* parallel to items */
	struct checklist_coverage coverage;
	struct checklist_gap *gaps; /* in priority order */
	size_t gap_count;
	int assessment_open; /* else there are no risk touches */
	size_t high_risks;   /* high-grade risks of the open assessment */
};

/*
 * Loads org_id's checklist: the level of its profile, the statuses, what
 * the open risk assessment says about each item (its high-grade risks
 * and the treatments' choices), the coverage and the gaps.  Everything
 * comes from arena.  Returns 0, or -1 with err set.
 */
int checklistview_load(struct store *store, struct arena *arena,
		       const struct catalog *cat, int64_t org_id,
		       struct checklist_view *out, struct error *err);

/* The organisation's level (1 … 3) from its profile. */
int checklistview_level(struct store *store, struct arena *arena,
			int64_t org_id, int *level, struct error *err);

/* The index of item id in the view, or -1 when the catalogue lacks it. */
int checklistview_find(const struct checklist_view *v, const char *id);

/* The filters of the lists; every member's "any" is its zero. */
struct checklist_filter {
	int level;	/* 1 … 3: that level's items; 0: those on the list */
	int domain;	/* enum guideline_domain + 1; 0 any */
	int function;	/* enum security_function + 1; 0 any */
	unsigned owner; /* an owner role flag; 0 any */
	int state;	/* enum checklist_state + 1; 0 any */
	int open;	/* only what is on the list and neither done nor n/a */
};

/*
 * Reads a filter from its named values (NULL or "" for any): level 1-3,
 * a domain, function, owner role or state name, open "1".  Fails with
 * ERROR_INPUT "input.bad_choice" naming the field ("col.level" …).
 */
int checklistview_filter_parse(struct checklist_filter *f, const char *level,
			       const char *domain, const char *function,
			       const char *owner, const char *state,
			       const char *open, struct error *err);
/* Returns 1 when item i of v passes f. */
int checklistview_filter_match(const struct checklist_view *v, size_t i,
			       const struct checklist_filter *f);

/* The name of an inclusion: "level", "adopted" or "excluded". */
const char *checklistview_inclusion_name(enum checklist_inclusion inc);
/* A state in lang ("実施" …). */
const char *checklistview_state_text(const struct i18n *msgs, enum lang lang,
				     enum checklist_state s);
/* Why an item is on the list (or not) in lang: "L1", "採用 (L2)" … */
const char *checklistview_inclusion_text(const struct i18n *msgs,
					 enum lang lang, struct arena *arena,
					 const struct guideline_item *item,
					 enum checklist_inclusion inc);
/* The item's owner roles in lang, "、"- or ", "-joined; "" for none. */
const char *checklistview_owners_text(const struct i18n *msgs, enum lang lang,
				      struct arena *arena, unsigned owners);
/* The reasons of a gap's position as one line in lang. */
const char *checklistview_why_text(const struct i18n *msgs, enum lang lang,
				   struct arena *arena,
				   const struct checklist_gap *g);
/* Unix seconds as a local date, YYYY-MM-DD; "" for 0. */
const char *checklistview_date(struct arena *arena, int64_t t);

/* What an export holds: every item's status, or the gap list. */
enum checklist_export {
	CHECKLIST_EXPORT_STATUS,
	CHECKLIST_EXPORT_GAPS,
	CHECKLIST_EXPORT_COUNT
};

/* "status" or "gaps". */
const char *checklistview_export_name(enum checklist_export what);
int checklistview_export_parse(const char *name, enum checklist_export *what);

/*
 * The export's table in lang (headers and values; independent of the
 * reader's own language): the status of every item of the catalogue with
 * whether and why it is on the list, or the gaps in order with their
 * reasons.  Cells come from arena.
 */
void checklistview_export_table(const struct checklist_view *v,
				const struct i18n *msgs, enum lang lang,
				enum checklist_export what, struct arena *arena,
				struct table *out);
/* The sheet's name in lang ("チェックリスト", "優先順位" …). */
const char *checklistview_export_sheet(const struct i18n *msgs, enum lang lang,
				       enum checklist_export what);
/*
 * Writes t as a one-sheet workbook named sheet at path.  Fails with
 * ERROR_INTERNAL "export.xlsx_failed".
 */
int checklistview_export_xlsx(const struct table *t, const char *sheet,
			      const char *path, struct error *err);

#endif
