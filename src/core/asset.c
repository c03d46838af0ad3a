/* asset.c: rules of the asset register, the risks and the treatment plan. */
#include "util/compat.h"
#include "core/asset.h"

#include <string.h>

#include "core/validate.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

int asset_medium(const struct asset *a)
{
	enum medium m;

	return medium_parse(a->medium, &m) ? -1 : (int)m;
}

/* A C, I or A value: unrated, or on the method's scale. */
static int check_cia(const struct risk_method_def *m, const char *field, int v,
		     struct error *err)
{
	char num[16];

	if (v == RISK_UNRATED || risk_value_valid(m, SCALE_CIA, v))
		return 0;
	snprintf(num, sizeof(num), "%d", v);
	return error_set(err, ERROR_INPUT, "risk.bad_rating", field, num, NULL);
}

/* An optional date: "" or a real YYYY-MM-DD. */
static int check_date(const char *field, const char *s, int required,
		      struct error *err)
{
	struct date d;

	if (!*s && !required)
		return 0;
	if (parse_date(s, &d))
		return error_set(err, ERROR_INPUT, "input.bad_date", field, s,
				 NULL);
	return 0;
}

int asset_validate(const struct asset *a, const struct risk_method_def *m,
		   const char *const *labels, size_t label_count,
		   struct error *err)
{
	int rated = (a->c != RISK_UNRATED) + (a->i != RISK_UNRATED) +
		    (a->a != RISK_UNRATED);
	size_t k;

	if (validate_text("asset.name", a->name, 1, ASSET_NAME_MAX, err) ||
	    validate_text("asset.category", a->category, 0, ASSET_TEXT_MAX,
			  err) ||
	    validate_lines("asset.notes", a->notes, 0, ASSET_NOTES_MAX, err) ||
	    validate_text("asset.users", a->users, 0, ASSET_TEXT_MAX, err) ||
	    validate_text("asset.owner", a->owner, 0, ASSET_TEXT_MAX, err) ||
	    validate_text("asset.department", a->department, 0, ASSET_TEXT_MAX,
			  err) ||
	    validate_text("asset.medium", a->medium, 1, ASSET_TEXT_MAX, err) ||
	    validate_text("asset.retention", a->retention, 0, ASSET_TEXT_MAX,
			  err) ||
	    check_cia(m, "asset.c", a->c, err) ||
	    check_cia(m, "asset.i", a->i, err) ||
	    check_cia(m, "asset.a", a->a, err) ||
	    check_date("asset.registered_on", a->registered_on, 1, err))
		return -1;
	if (a->personal & ~(unsigned)PERSONAL_ALL) {
		char num[16];

		/* Name the value given, as every other refusal does. */
		snprintf(num, sizeof(num), "%u", a->personal);
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "asset.personal", num, NULL);
	}
	/* Half a rating would give an importance nobody chose. */
	if (rated != 0 && rated != 3)
		return error_set(err, ERROR_INPUT, "asset.partly_rated", NULL);
	if (!*a->label)
		return 0;
	for (k = 0; k < label_count; k++)
		if (!strcmp(labels[k], a->label))
			return 0;
	return error_set(err, ERROR_INPUT, "asset.unknown_label", a->label,
			 NULL);
}

static void change_line(struct strbuf *sb, const char *field, const char *v)
{
	if (sb->len)
		strbuf_addch(sb, '\n');
	strbuf_addf(sb, "%s: %s", field, v);
}

static void change_int(struct strbuf *sb, const char *field, long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%ld", v);
	change_line(sb, field, num);
}

void asset_changes(const struct asset *old, const struct asset *new_,
		   struct strbuf *before, struct strbuf *after)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "category", offsetof(struct asset, category) },
		{ "name", offsetof(struct asset, name) },
		{ "notes", offsetof(struct asset, notes) },
		{ "users", offsetof(struct asset, users) },
		{ "owner", offsetof(struct asset, owner) },
		{ "department", offsetof(struct asset, department) },
		{ "medium", offsetof(struct asset, medium) },
		{ "retention", offsetof(struct asset, retention) },
		{ "registered_on", offsetof(struct asset, registered_on) },
		{ "label", offsetof(struct asset, label) },
	};
	static const struct {
		const char *name;
		size_t offset;
	} ints[] = {
		{ "c", offsetof(struct asset, c) },
		{ "i", offsetof(struct asset, i) },
		{ "a", offsetof(struct asset, a) },
	};
	size_t k;

	for (k = 0; k < ARRAY_SIZE(texts); k++) {
		const char *n = *(const char *const *)((const char *)new_ +
						       texts[k].offset);
		const char *o = old ? *(const char *const *)((const char *)old +
							     texts[k].offset)
				    : "";

		if (!strcmp(o, n))
			continue;
		if (old)
			change_line(before, texts[k].name, o);
		change_line(after, texts[k].name, n);
	}
	if (!old || old->personal != new_->personal) {
		if (old)
			change_int(before, "personal", (long)old->personal);
		if (old || new_->personal)
			change_int(after, "personal", (long)new_->personal);
	}
	for (k = 0; k < ARRAY_SIZE(ints); k++) {
		int n = *(const int *)((const char *)new_ + ints[k].offset);
		int o = old ? *(const int *)((const char *)old + ints[k].offset)
			    : RISK_UNRATED;

		if (n == o)
			continue;
		if (old)
			change_int(before, ints[k].name, o);
		change_int(after, ints[k].name, n);
	}
}

void asset_rescale_changes(const int cia[3], enum risk_method from,
			   enum risk_method to, struct strbuf *before,
			   struct strbuf *after)
{
	strbuf_addf(before, "c: %d\ni: %d\na: %d", cia[0], cia[1], cia[2]);
	strbuf_addf(after, "c: %d\ni: %d\na: %d\nscale: %s",
		    risk_convert_value(from, to, cia[0]),
		    risk_convert_value(from, to, cia[1]),
		    risk_convert_value(from, to, cia[2]), risk_method_name(to));
}

void risk_derive(const struct risk_method_def *m, struct risk *r)
{
	if (m->has_table) {
		r->likelihood = risk_likelihood(m, r->threat_level,
						r->vulnerability_level);
		r->residual_likelihood = risk_likelihood(
			m, r->threat_level, r->residual_vulnerability);
	}
	r->level = risk_level(r->importance, r->likelihood);
	r->residual_level = risk_level(r->importance, r->residual_likelihood);
}

static int check_rating(const struct risk_method_def *m, enum risk_scale_kind k,
			const char *field, int v, struct error *err)
{
	char num[16];

	if (v == RISK_UNRATED || risk_value_valid(m, k, v))
		return 0;
	snprintf(num, sizeof(num), "%d", v);
	return error_set(err, ERROR_INPUT, "risk.bad_rating", field, num, NULL);
}

int risk_validate(const struct risk_method_def *m, const struct risk *r,
		  struct error *err)
{
	if (!*r->threat_id &&
	    validate_text("risk.threat", r->threat, 1, RISK_TEXT_MAX, err))
		return -1;
	if (!*r->vulnerability_id &&
	    validate_text("risk.vulnerability", r->vulnerability, 1,
			  RISK_TEXT_MAX, err))
		return -1;
	if (validate_text("risk.consequence", r->consequence, 0, RISK_TEXT_MAX,
			  err) ||
	    validate_lines("risk.reason", r->reason, 0, RISK_TEXT_MAX, err))
		return -1;
	if (m->has_table) {
		if (check_rating(m, SCALE_THREAT, "risk.threat_level",
				 r->threat_level, err) ||
		    check_rating(m, SCALE_VULNERABILITY,
				 "risk.vulnerability_level",
				 r->vulnerability_level, err) ||
		    check_rating(m, SCALE_VULNERABILITY,
				 "risk.residual_vulnerability",
				 r->residual_vulnerability, err))
			return -1;
		if (r->residual_vulnerability != RISK_UNRATED &&
		    r->vulnerability_level != RISK_UNRATED &&
		    r->residual_vulnerability > r->vulnerability_level)
			return error_set(err, ERROR_INPUT,
					 "risk.residual_above", NULL);
	} else {
		if (check_rating(m, SCALE_LIKELIHOOD, "risk.likelihood",
				 r->likelihood, err) ||
		    check_rating(m, SCALE_LIKELIHOOD,
				 "risk.residual_likelihood",
				 r->residual_likelihood, err))
			return -1;
		if (r->residual_likelihood != RISK_UNRATED &&
		    r->likelihood != RISK_UNRATED &&
		    r->residual_likelihood > r->likelihood)
			return error_set(err, ERROR_INPUT,
					 "risk.residual_above", NULL);
	}
	/* A decision without a reason is not a decision an auditor takes. */
	if (r->treatment != TREAT_NONE && !*r->reason)
		return error_set(err, ERROR_INPUT, "risk.reason_needed", NULL);
	if (r->treatment == TREAT_NONE && r->status != TSTATUS_UNDECIDED)
		return error_set(err, ERROR_INPUT, "risk.status_without", NULL);
	return 0;
}

static const char *const task_names[TASK_STATUS_COUNT] = { "not_started",
							   "started",
							   "finished" };

const char *task_status_name(enum task_status s)
{
	return task_names[s];
}

int task_status_parse(const char *name, enum task_status *s)
{
	int i = parse_name(task_names, TASK_STATUS_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum task_status)i;
	return 0;
}

/* start and end, both given, in order. */
static int check_order(const char *start, const char *end, const char *field,
		       struct error *err)
{
	if (*start && *end && strcmp(start, end) > 0)
		return error_set(err, ERROR_INPUT, "plan.end_before_start",
				 field, NULL);
	return 0;
}

int plan_task_validate(const struct plan_task *t, struct error *err)
{
	if (validate_text("plan.control", t->control, 1, 20, err) ||
	    validate_lines("plan.task", t->task, 1, PLAN_TASK_MAX, err) ||
	    validate_text("plan.owner", t->owner, 0, ASSET_TEXT_MAX, err) ||
	    check_date("plan.planned_start", t->planned_start, 0, err) ||
	    check_date("plan.planned_end", t->planned_end, 0, err) ||
	    check_date("plan.actual_start", t->actual_start, 0, err) ||
	    check_date("plan.actual_end", t->actual_end, 0, err) ||
	    check_order(t->planned_start, t->planned_end, "plan.planned_end",
			err) ||
	    check_order(t->actual_start, t->actual_end, "plan.actual_end", err))
		return -1;
	if (*t->actual_end && t->status != TASK_FINISHED)
		return error_set(err, ERROR_INPUT, "plan.end_unfinished", NULL);
	return 0;
}

int plan_task_overdue(const struct plan_task *t, const char *today)
{
	return t->status != TASK_FINISHED && *t->planned_end &&
	       strcmp(t->planned_end, today) < 0;
}
