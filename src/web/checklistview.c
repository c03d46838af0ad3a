/*
 * checklistview.c: the levelled checklist loaded and put into words for
 * the pages, the API and the command line, and its exports.
 */
#include "util/compat.h"
#include "web/checklistview.h"

#include <time.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "store/repo_checklist.h"
#include "store/repo_diagnosis.h"
#include "store/repo_risk.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

int checklistview_level(struct store *store, struct arena *arena,
			int64_t org_id, int *level, struct error *err)
{
	struct org_profile p;
	struct level_profile lp;

	if (repo_profile_get(store, arena, org_id, &p, err))
		return -1;
	lp.dedicated_admin = p.dedicated_admin;
	lp.large_private_data = p.large_private_data;
	lp.has_csirt = p.has_csirt;
	*level = guideline_level_of(&lp);
	return 0;
}

/*
 * What the open assessment says about each item: the treatments that
 * chose it (the register's totals) and the high-grade risks it touches.
 */
static int load_touches(struct store *store, struct arena *arena,
			const struct catalog *cat, int64_t org_id,
			struct checklist_view *v, struct error *err)
{
	struct risk_assessment a;
	struct ref_count *refs;
	struct ref_set *sets;
	int64_t high = 0;
	size_t n, i;
	int found;

	found = repo_assessment_open(store, arena, org_id, &a, err);
	if (found <= 0)
		return found;
	v->assessment_open = 1;
	if (repo_risk_refs(store, arena, org_id, &refs, &n, err))
		return -1;
	for (i = 0; i < n; i++) {
		int k;

		if (strcmp(refs[i].kind, "guideline") ||
		    (k = checklistview_find(v, refs[i].ref)) < 0)
			continue;
		v->touch[k].treated_risks = (int)refs[i].risks;
	}
	/* The high grade is every level above the organisation's medium;
	 * the risks come grouped by the references their treatments chose,
	 * so thousands of high risks cost what their few treatments do. */
	if (repo_risk_ref_sets(store, arena, org_id, a.id,
			       a.criteria.medium_max + 1,
			       risk_level_max(catalog_method(cat, a.method)),
			       &sets, &n, &high, err))
		return -1;
	v->high_risks = (size_t)high;
	for (i = 0; i < n; i++)
		checklist_touch_high(v->items, v->count, sets[i].controls,
				     sets[i].guideline, (int)sets[i].risks,
				     v->touch);
	return 0;
}

int checklistview_load(struct store *store, struct arena *arena,
		       const struct catalog *cat, int64_t org_id,
		       struct checklist_view *out, struct error *err)
{
	memset(out, 0, sizeof(*out));
	out->items = cat->guideline;
	out->count = cat->guideline_count;
	out->touch = arena_calloc(arena, out->count ? out->count : 1,
				  sizeof(*out->touch));
	out->gaps = arena_calloc(arena, out->count ? out->count : 1,
				 sizeof(*out->gaps));
	if (checklistview_level(store, arena, org_id, &out->level, err) ||
	    repo_checklist_statuses(store, arena, org_id, out->items,
				    out->count, &out->statuses, err) ||
	    load_touches(store, arena, cat, org_id, out, err))
		return -1;
	checklist_coverage(out->items, out->count, out->statuses, out->level,
			   &out->coverage);
	out->gap_count = checklist_gaps(out->items, out->count, out->statuses,
					out->touch, out->level, out->gaps);
	return 0;
}

int checklistview_find(const struct checklist_view *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->count; i++)
		if (!strcmp(v->items[i].id, id))
			return (int)i;
	return -1;
}

/* A filter value: "" or NULL is any (0), else parse's result plus one. */
static int enum_value(const char *s, int (*parse)(const char *, int *),
		      const char *field, int *out, struct error *err)
{
	int v;

	*out = 0;
	if (!s || !*s)
		return 0;
	if (parse(s, &v))
		return error_set(err, ERROR_INPUT, "input.bad_choice", field, s,
				 NULL);
	*out = v + 1;
	return 0;
}

static int parse_domain(const char *s, int *v)
{
	enum guideline_domain d;

	if (guideline_domain_parse(s, &d))
		return -1;
	*v = (int)d;
	return 0;
}

static int parse_function(const char *s, int *v)
{
	enum security_function f;

	if (security_function_parse(s, &f))
		return -1;
	*v = (int)f;
	return 0;
}

static int parse_state(const char *s, int *v)
{
	enum checklist_state st;

	if (checklist_state_parse(s, &st))
		return -1;
	*v = (int)st;
	return 0;
}

int checklistview_filter_parse(struct checklist_filter *f, const char *level,
			       const char *domain, const char *function,
			       const char *owner, const char *state,
			       const char *open, struct error *err)
{
	memset(f, 0, sizeof(*f));
	if (level && *level && parse_int(level, 1, 3, &f->level))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "col.level", level, NULL);
	if (owner && *owner && owner_role_parse(owner, &f->owner))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "col.owner", owner, NULL);
	if (open && *open && strcmp(open, "1"))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "checklist.only_open", open, NULL);
	f->open = open && *open;
	return enum_value(domain, parse_domain, "col.domain", &f->domain,
			  err) ||
	       enum_value(function, parse_function, "col.function",
			  &f->function, err) ||
	       enum_value(state, parse_state, "checklist.col.state", &f->state,
			  err);
}

int checklistview_filter_match(const struct checklist_view *v, size_t i,
			       const struct checklist_filter *f)
{
	const struct guideline_item *g = &v->items[i];
	const struct checklist_status *s = &v->statuses[i];
	enum checklist_inclusion inc =
		checklist_included(g, v->level, s->adopted);

	if (f->level ? g->level != f->level : inc == CHECKLIST_EXCLUDED)
		return 0;
	if (f->open &&
	    (inc == CHECKLIST_EXCLUDED || s->state == CHECKLIST_DONE ||
	     s->state == CHECKLIST_NOT_APPLICABLE))
		return 0;
	return (!f->domain || (int)g->domain == f->domain - 1) &&
	       (!f->function || (int)g->function == f->function - 1) &&
	       (!f->owner || (g->owners & f->owner)) &&
	       (!f->state || (int)s->state == f->state - 1);
}

const char *checklistview_inclusion_name(enum checklist_inclusion inc)
{
	return inc == CHECKLIST_BY_LEVEL      ? "level"
	       : inc == CHECKLIST_BY_ADOPTION ? "adopted"
					      : "excluded";
}

const char *checklistview_state_text(const struct i18n *msgs, enum lang lang,
				     enum checklist_state s)
{
	static const char *const keys[CHECKLIST_STATE_COUNT] = {
		"checklist.state.unanswered", "checklist.state.done",
		"checklist.state.partly", "checklist.state.not_done",
		"checklist.state.not_applicable"
	};

	return i18n_get(msgs, lang, keys[s]);
}

/* The message key with one argument, in lang, from arena. */
static const char *format1(const struct i18n *msgs, enum lang lang,
			   struct arena *arena, const char *key,
			   const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	i18n_format(msgs, lang, key, &arg, 1, &sb);
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *checklistview_inclusion_text(const struct i18n *msgs,
					 enum lang lang, struct arena *arena,
					 const struct guideline_item *item,
					 enum checklist_inclusion inc)
{
	static const char *const keys[] = {
		[CHECKLIST_EXCLUDED] = "checklist.included.excluded",
		[CHECKLIST_BY_LEVEL] = "checklist.included.level",
		[CHECKLIST_BY_ADOPTION] = "checklist.included.adopted",
	};

	return format1(msgs, lang, arena, keys[inc],
		       arena_printf(arena, "%d", item->level));
}

/* A list's separator: Japanese runs on with 、, English with a comma. */
static const char *separator(enum lang lang)
{
	return lang == LANG_EN ? ", " : "、";
}

const char *checklistview_owners_text(const struct i18n *msgs, enum lang lang,
				      struct arena *arena, unsigned owners)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	int i;

	for (i = 0; i < OWNER_ROLE_COUNT; i++) {
		if (!(owners & (1u << i)))
			continue;
		if (sb.len)
			strbuf_addstr(&sb, separator(lang));
		strbuf_addstr(&sb,
			      i18n_get(msgs, lang,
				       arena_printf(arena, "owner.%s",
						    owner_role_name(1u << i))));
	}
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *checklistview_why_text(const struct i18n *msgs, enum lang lang,
				   struct arena *arena,
				   const struct checklist_gap *g)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	size_t k;

	for (k = 0; k < g->why_count; k++) {
		char num[16];
		const char *arg = num;

		snprintf(num, sizeof(num), "%d", g->why[k].arg);
		if (k)
			strbuf_addstr(&sb, lang == LANG_EN ? "; " : "／");
		i18n_format(msgs, lang, g->why[k].key, &arg, 1, &sb);
	}
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *checklistview_date(struct arena *arena, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[16];

	if (!t)
		return "";
	/* The office's calendar day, as page_today() counts days. */
	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return arena_strdup(arena, buf);
}

static const char *const export_names[CHECKLIST_EXPORT_COUNT] = { "status",
								  "gaps" };

const char *checklistview_export_name(enum checklist_export what)
{
	return export_names[what];
}

int checklistview_export_parse(const char *name, enum checklist_export *what)
{
	int i = parse_name(export_names, CHECKLIST_EXPORT_COUNT, name);

	if (i < 0)
		return -1;
	*what = (enum checklist_export)i;
	return 0;
}

/* Column keys (for JSON and scripts) and the messages of their headers. */
static const struct {
	const char *key;
	const char *header;
} status_columns[] = {
	{ "id", "col.id" },
	{ "level", "col.level" },
	{ "kind", "col.kind" },
	{ "domain", "col.domain" },
	{ "function", "col.function" },
	{ "roles", "col.owner" },
	{ "title", "col.title" },
	{ "included", "checklist.col.included" },
	{ "status", "checklist.col.state" },
	{ "reason", "checklist.reason" },
	{ "owner", "checklist.owner" },
	{ "note", "checklist.note" },
	{ "evidence", "checklist.evidence" },
	{ "review_on", "checklist.review_on" },
	{ "updated_by", "checklist.col.updated_by" },
	{ "updated_on", "checklist.col.updated_on" },
},
  gap_columns[] = {
	  { "rank", "checklist.col.rank" },
	  { "id", "col.id" },
	  { "level", "col.level" },
	  { "domain", "col.domain" },
	  { "function", "col.function" },
	  { "title", "col.title" },
	  { "included", "checklist.col.included" },
	  { "status", "checklist.col.state" },
	  { "owner", "checklist.owner" },
	  { "high_risks", "checklist.col.high_risks" },
	  { "treated_risks", "checklist.col.treated_risks" },
	  { "why", "checklist.col.why" },
	  { "review_on", "checklist.review_on" },
  };

/* A label "<prefix>.<name>" in lang. */
static const char *label(const struct i18n *msgs, enum lang lang,
			 struct arena *arena, const char *prefix,
			 const char *name)
{
	return i18n_get(msgs, lang, arena_printf(arena, "%s.%s", prefix, name));
}

static void status_row(const struct checklist_view *v, size_t i,
		       const struct i18n *msgs, enum lang lang,
		       struct arena *arena, struct table *out)
{
	const struct guideline_item *g = &v->items[i];
	const struct checklist_status *s = &v->statuses[i];
	const char *cells[ARRAY_SIZE(status_columns)];

	cells[0] = g->id;
	cells[1] = arena_printf(arena, "L%d", g->level);
	cells[2] =
		label(msgs, lang, arena, "kind", guideline_kind_name(g->kind));
	cells[3] = label(msgs, lang, arena, "domain",
			 guideline_domain_name(g->domain));
	cells[4] = label(msgs, lang, arena, "function",
			 security_function_name(g->function));
	cells[5] = checklistview_owners_text(msgs, lang, arena, g->owners);
	cells[6] = text_get(&g->title, lang);
	cells[7] = checklistview_inclusion_text(msgs, lang, arena, g,
						checklist_included(g, v->level,
								   s->adopted));
	cells[8] = checklistview_state_text(msgs, lang, s->state);
	cells[9] = s->reason;
	cells[10] = s->owner;
	cells[11] = s->note;
	cells[12] = s->evidence;
	cells[13] = s->review_on;
	cells[14] = s->updated_by;
	cells[15] = checklistview_date(arena, s->updated_at);
	table_add_row(out, cells);
}

static void gap_row(const struct checklist_view *v, size_t k,
		    const struct i18n *msgs, enum lang lang,
		    struct arena *arena, struct table *out)
{
	const struct checklist_gap *gap = &v->gaps[k];
	const struct guideline_item *g = gap->item;
	const struct checklist_status *s = &v->statuses[gap->index];
	const char *cells[ARRAY_SIZE(gap_columns)];

	cells[0] = arena_printf(arena, "%zu", k + 1);
	cells[1] = g->id;
	cells[2] = arena_printf(arena, "L%d", g->level);
	cells[3] = label(msgs, lang, arena, "domain",
			 guideline_domain_name(g->domain));
	cells[4] = label(msgs, lang, arena, "function",
			 security_function_name(g->function));
	cells[5] = text_get(&g->title, lang);
	cells[6] = checklistview_inclusion_text(msgs, lang, arena, g,
						gap->inclusion);
	cells[7] = checklistview_state_text(msgs, lang, s->state);
	cells[8] = s->owner;
	cells[9] = arena_printf(arena, "%d", gap->high_risks);
	cells[10] = arena_printf(arena, "%d", gap->treated_risks);
	cells[11] = checklistview_why_text(msgs, lang, arena, gap);
	cells[12] = s->review_on;
	table_add_row(out, cells);
}

void checklistview_export_table(const struct checklist_view *v,
				const struct i18n *msgs, enum lang lang,
				enum checklist_export what, struct arena *arena,
				struct table *out)
{
	struct table_column *cols;
	size_t n = what == CHECKLIST_EXPORT_GAPS ? ARRAY_SIZE(gap_columns)
						 : ARRAY_SIZE(status_columns);
	size_t i;

	cols = arena_calloc(arena, n, sizeof(*cols));
	for (i = 0; i < n; i++) {
		cols[i].key = what == CHECKLIST_EXPORT_GAPS
				      ? gap_columns[i].key
				      : status_columns[i].key;
		cols[i].header = i18n_get(msgs, lang,
					  what == CHECKLIST_EXPORT_GAPS
						  ? gap_columns[i].header
						  : status_columns[i].header);
	}
	table_init(out, arena, cols, n);
	if (what == CHECKLIST_EXPORT_GAPS) {
		for (i = 0; i < v->gap_count; i++)
			gap_row(v, i, msgs, lang, arena, out);
		return;
	}
	for (i = 0; i < v->count; i++)
		status_row(v, i, msgs, lang, arena, out);
}

const char *checklistview_export_sheet(const struct i18n *msgs, enum lang lang,
				       enum checklist_export what)
{
	return i18n_get(msgs, lang,
			what == CHECKLIST_EXPORT_GAPS
				? "checklist.sheet.gaps"
				: "checklist.sheet.status");
}

/* Widths that suit the columns: ids and numbers narrow, texts wide. */
static double column_width(const char *key)
{
	static const struct {
		const char *key;
		double width;
	} widths[] = {
		{ "id", 8 },
		{ "rank", 6 },
		{ "level", 6 },
		{ "high_risks", 10 },
		{ "treated_risks", 10 },
		{ "review_on", 12 },
		{ "updated_on", 12 },
		{ "title", 40 },
		{ "note", 40 },
		{ "evidence", 30 },
		{ "why", 50 },
		{ "reason", 30 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(widths); i++)
		if (!strcmp(widths[i].key, key))
			return widths[i].width;
	return 16;
}

int checklistview_export_xlsx(const struct table *t, const char *sheet,
			      const char *path, struct error *err)
{
	struct xlsx_column *cols;
	struct xlsx_writer *w;
	size_t i;

	cols = arena_calloc(t->arena, t->column_count ? t->column_count : 1,
			    sizeof(*cols));
	for (i = 0; i < t->column_count; i++) {
		cols[i].header = t->columns[i].header;
		cols[i].numeric = !strcmp(t->columns[i].key, "rank") ||
				  !strcmp(t->columns[i].key, "high_risks") ||
				  !strcmp(t->columns[i].key, "treated_risks");
		cols[i].width = column_width(t->columns[i].key);
	}
	if (xlsx_writer_open(path, sheet, cols, t->column_count, 0, &w, err))
		return -1;
	for (i = 0; i < t->row_count; i++)
		xlsx_writer_add_row(w, t->rows[i]);
	return xlsx_writer_close(w, err);
}
