/*
 * checklist.c: the levelled control checklist's rules: inclusion by level
 * and adoption, the status rules, coverage and the order of the gaps.
 */
#include "util/compat.h"
#include "core/checklist.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/control.h"
#include "core/validate.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

static const char *const state_names[CHECKLIST_STATE_COUNT] = {
	"unanswered", "done", "partly", "not_done", "not_applicable"
};

const char *checklist_state_name(enum checklist_state s)
{
	return state_names[s];
}

int checklist_state_parse(const char *name, enum checklist_state *s)
{
	int i = parse_name(state_names, CHECKLIST_STATE_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum checklist_state)i;
	return 0;
}

void checklist_status_init(struct checklist_status *s, const char *item_id)
{
	memset(s, 0, sizeof(*s));
	s->item_id = item_id;
	s->state = CHECKLIST_UNANSWERED;
	s->reason = s->owner = s->note = s->evidence = s->review_on = "";
	s->updated_by = "";
}

int checklist_status_is_empty(const struct checklist_status *s)
{
	return s->state == CHECKLIST_UNANSWERED && !s->adopted && !*s->reason &&
	       !*s->owner && !*s->note && !*s->evidence && !*s->review_on;
}

/* Appends "name: value" as one line (line breaks become spaces). */
static void change_line(struct strbuf *out, const char *name, const char *v)
{
	if (out->len)
		strbuf_addch(out, '\n');
	strbuf_addf(out, "%s: ", name);
	for (; *v; v++)
		strbuf_addch(out, *v == '\n' ? ' ' : *v);
}

void checklist_status_changes(const struct checklist_status *old,
			      const struct checklist_status *s,
			      struct strbuf *before, struct strbuf *after)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "reason", offsetof(struct checklist_status, reason) },
		{ "owner", offsetof(struct checklist_status, owner) },
		{ "note", offsetof(struct checklist_status, note) },
		{ "evidence", offsetof(struct checklist_status, evidence) },
		{ "review_on", offsetof(struct checklist_status, review_on) },
	};
	size_t k;

	if (old->state != s->state) {
		change_line(before, "status", checklist_state_name(old->state));
		change_line(after, "status", checklist_state_name(s->state));
	}
	if (!old->adopted != !s->adopted) {
		change_line(before, "adopted", old->adopted ? "yes" : "no");
		change_line(after, "adopted", s->adopted ? "yes" : "no");
	}
	for (k = 0; k < ARRAY_SIZE(texts); k++) {
		const char *a = *(const char *const *)((const char *)old +
						       texts[k].offset);
		const char *b = *(const char *const *)((const char *)s +
						       texts[k].offset);

		if (!strcmp(a, b))
			continue;
		change_line(before, texts[k].name, a);
		change_line(after, texts[k].name, b);
	}
}

enum checklist_inclusion checklist_included(const struct guideline_item *item,
					    int level, int adopted)
{
	if (guideline_item_applies(item, level))
		return CHECKLIST_BY_LEVEL;
	return adopted ? CHECKLIST_BY_ADOPTION : CHECKLIST_EXCLUDED;
}

int checklist_status_validate(const struct guideline_item *item, int level,
			      const struct checklist_status *old,
			      struct checklist_status *s, struct error *err)
{
	struct date d;

	if (s->state != CHECKLIST_NOT_APPLICABLE)
		s->reason = "";
	else if (!*s->reason)
		return error_set(err, ERROR_INPUT, "checklist.reason_required",
				 NULL);
	if (validate_lines("checklist.reason", s->reason, 0,
			   CHECKLIST_REASON_MAX, err) ||
	    validate_text("checklist.owner", s->owner, 0, CHECKLIST_OWNER_MAX,
			  err) ||
	    validate_lines("checklist.note", s->note, 0, CHECKLIST_TEXT_MAX,
			   err) ||
	    validate_lines("checklist.evidence", s->evidence, 0,
			   CHECKLIST_TEXT_MAX, err))
		return -1;
	if (*s->review_on && parse_date(s->review_on, &d))
		return error_set(err, ERROR_INPUT, "input.bad_date",
				 "checklist.review_on", s->review_on, NULL);
	/*
	 * Adopting is for items above the level; an item adopted before the
	 * level rose keeps its flag, which does no harm and comes back into
	 * force should the level fall again.
	 */
	if (s->adopted && !old->adopted &&
	    guideline_item_applies(item, level)) {
		char lv[16];

		snprintf(lv, sizeof(lv), "%d", level);
		return error_set(err, ERROR_INPUT,
				 "checklist.adopt_within_level", item->id, lv,
				 NULL);
	}
	return 0;
}

void checklist_coverage(const struct guideline_item *items, size_t count,
			const struct checklist_status *statuses, int level,
			struct checklist_coverage *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->level = level;
	for (i = 0; i < count; i++) {
		const struct guideline_item *g = &items[i];
		enum checklist_state s = statuses[i].state;

		if (!guideline_item_applies(g, level))
			continue;
		out->items++;
		switch (s) {
		case CHECKLIST_DONE:
			out->done++;
			out->domain[g->domain].done++;
			break;
		case CHECKLIST_PARTLY:
			out->partly++;
			out->domain[g->domain].partly++;
			break;
		case CHECKLIST_NOT_DONE:
			out->not_done++;
			break;
		case CHECKLIST_NOT_APPLICABLE:
			out->not_applicable++;
			/* Out of the domain's denominator too. */
			continue;
		default:
			out->unanswered++;
			break;
		}
		out->domain[g->domain].items++;
	}
}

int checklist_percent(int done, int partly, int items)
{
	if (items <= 0)
		return -1;
	/* (done + partly / 2) / items, in halves, rounded half up. */
	return (200 * done + 100 * partly + items) / (2 * items);
}

int checklist_coverage_percent(const struct checklist_coverage *c)
{
	return checklist_percent(c->done, c->partly,
				 c->items - c->not_applicable);
}

/* Returns 1 when the space-separated list holds the word id. */
static int list_has(const char *list, const char *id)
{
	size_t len = strlen(id);
	const char *p = list;

	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n == len && n && !memcmp(p, id, n))
			return 1;
		p += n;
	}
	return 0;
}

/* Returns 1 when one of item's controls is in the list of ids. */
static int shares_control(const struct guideline_item *item,
			  const char *controls)
{
	size_t k;

	for (k = 0; k < item->control_count; k++)
		if (list_has(controls, item->controls[k]->id))
			return 1;
	return 0;
}

void checklist_touch_high(const struct guideline_item *items, size_t count,
			  const char *controls, const char *guideline,
			  int risks, struct checklist_touch *touch)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (list_has(guideline, items[i].id) ||
		    shares_control(&items[i], controls))
			touch[i].high_risks += risks;
}

int checklist_important_data(const struct guideline_item *item)
{
	return (item->function == FUNCTION_IDENTIFY ||
		item->function == FUNCTION_PROTECT) &&
	       (item->domain == DOMAIN_DATA || item->domain == DOMAIN_ACCOUNT ||
		item->domain == DOMAIN_BACKUP);
}

static void why_add(struct checklist_gap *g, const char *key, int arg)
{
	if (g->why_count == CHECKLIST_WHY_MAX)
		BUG("too many reasons for one gap");
	g->why[g->why_count].key = key;
	g->why[g->why_count].arg = arg;
	g->why_count++;
}

/* The reasons for a gap's position, in the order the rule weighs them. */
static void explain(struct checklist_gap *g)
{
	const struct guideline_item *it = g->item;

	if (g->inclusion == CHECKLIST_BY_ADOPTION)
		why_add(g, "checklist.why.adopted", it->level);
	else
		why_add(g, "checklist.why.level", it->level);
	if (g->high_risks)
		why_add(g, "checklist.why.high_risks", g->high_risks);
	if (checklist_important_data(it))
		why_add(g,
			it->function == FUNCTION_IDENTIFY
				? "checklist.why.identify_data"
				: "checklist.why.protect_data",
			0);
	if (it->kind == GUIDELINE_ESTABLISH)
		why_add(g, "checklist.why.establish", 0);
	if (g->treated_risks)
		why_add(g, "checklist.why.treated", g->treated_risks);
	if (g->state == CHECKLIST_PARTLY)
		why_add(g, "checklist.why.partly", 0);
}

/* Compares two ints so that the larger comes first. */
static int more_first(int a, int b)
{
	return (a < b) - (a > b);
}

/* Compares two ints so that the smaller comes first. */
static int less_first(int a, int b)
{
	return (a > b) - (a < b);
}

int checklist_gap_cmp(const struct checklist_gap *a,
		      const struct checklist_gap *b)
{
	const struct guideline_item *x = a->item, *y = b->item;
	int c;

	if ((c = less_first(a->inclusion == CHECKLIST_BY_ADOPTION,
			    b->inclusion == CHECKLIST_BY_ADOPTION)) ||
	    (c = more_first(a->high_risks, b->high_risks)) ||
	    (c = more_first(checklist_important_data(x),
			    checklist_important_data(y))) ||
	    (c = less_first(x->kind, y->kind)) ||
	    (c = less_first(x->function, y->function)) ||
	    (c = more_first(a->treated_risks, b->treated_risks)) ||
	    (c = less_first(x->level, y->level)) ||
	    (c = less_first(a->state == CHECKLIST_PARTLY,
			    b->state == CHECKLIST_PARTLY)))
		return c;
	return (a->index > b->index) - (a->index < b->index);
}

static int gap_qsort_cmp(const void *a, const void *b)
{
	return checklist_gap_cmp(a, b);
}

size_t checklist_gaps(const struct guideline_item *items, size_t count,
		      const struct checklist_status *statuses,
		      const struct checklist_touch *touch, int level,
		      struct checklist_gap *out)
{
	size_t i, n = 0;

	for (i = 0; i < count; i++) {
		const struct checklist_status *s = &statuses[i];
		enum checklist_inclusion inc =
			checklist_included(&items[i], level, s->adopted);
		struct checklist_gap *g;

		if (inc == CHECKLIST_EXCLUDED || s->state == CHECKLIST_DONE ||
		    s->state == CHECKLIST_NOT_APPLICABLE)
			continue;
		g = &out[n++];
		memset(g, 0, sizeof(*g));
		g->item = &items[i];
		g->index = i;
		g->state = s->state;
		g->inclusion = inc;
		if (touch) {
			g->high_risks = touch[i].high_risks;
			g->treated_risks = touch[i].treated_risks;
		}
		explain(g);
	}
	/* The index decides ties, so the order never depends on qsort. */
	qsort(out, n, sizeof(*out), gap_qsort_cmp);
	return n;
}
